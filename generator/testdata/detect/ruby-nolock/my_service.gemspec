Gem::Specification.new do |spec|
  spec.name = "My_Service"
  spec.version = "0.1.0"
end
