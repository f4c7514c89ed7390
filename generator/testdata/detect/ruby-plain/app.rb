require "socket"

port = Integer(ENV.fetch("PORT", 4567))
server = TCPServer.new("0.0.0.0", port)
# routes: "/" and "/healthz"
