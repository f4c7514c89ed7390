require "socket"
server = TCPServer.new("0.0.0.0", 3000)
