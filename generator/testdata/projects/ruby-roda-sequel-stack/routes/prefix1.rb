# frozen_string_literal: true
class App
  hash_branch("prefix1") do |r|
    r.get "a" do
      "a"
    end
  end
end
