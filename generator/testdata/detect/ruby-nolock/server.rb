require "socket"
server = TCPServer.new("0.0.0.0", 9000)
