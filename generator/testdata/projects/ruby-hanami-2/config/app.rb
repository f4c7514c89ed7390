# frozen_string_literal: true

require "hanami"

module Bookshelf
  class App < Hanami::App
  end
end
