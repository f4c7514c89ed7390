# frozen_string_literal: true

# The Ruby example: an HTTP server on the standard library alone (TCPServer;
# webrick left the standard library in Ruby 3.0, and no gem is needed).
# GET / answers "hello from ruby\n", GET /healthz "ok\n", anything else 404
# (405 for a method other than GET or HEAD). It listens on PORT (default
# 8080), serves each connection in its own thread, and exits 0 on SIGTERM
# (docker stop) or SIGINT.
require "io/wait"
require "socket"

port = Integer(ENV.fetch("PORT", "8080"))
server = TCPServer.new("0.0.0.0", port)
$stdout.sync = true
puts "listening on :#{port}"

REASONS = { 200 => "OK", 400 => "Bad Request", 404 => "Not Found", 405 => "Method Not Allowed" }.freeze

def respond(client, status, body, head: false, extra: "")
  client.write("HTTP/1.1 #{status} #{REASONS.fetch(status)}\r\n" \
               "Content-Type: text/plain; charset=utf-8\r\n" \
               "Content-Length: #{body.bytesize}\r\n" \
               "Connection: close\r\n#{extra}\r\n#{head ? '' : body}")
end

def handle(client)
  # A client gets 5 seconds to send its request line and headers.
  return unless client.wait_readable(5)

  method, target, = client.gets("\n", 8192).to_s.split(" ", 3)
  return respond(client, 400, "bad request\n") if method.nil? || target.nil?

  while (line = client.gets("\n", 8192)) && line != "\r\n" && line != "\n"; end
  path = target.split("?", 2).first
  return respond(client, 405, "method not allowed\n", extra: "Allow: GET, HEAD\r\n") unless %w[GET HEAD].include?(method)

  head = method == "HEAD"
  case path
  when "/" then respond(client, 200, "hello from ruby\n", head: head)
  when "/healthz" then respond(client, 200, "ok\n", head: head)
  else respond(client, 404, "not found\n", head: head)
  end
rescue IOError, SystemCallError
  nil # the client went away
ensure
  client.close
end

# The signal handlers only close the listening socket, which ends the accept
# loop below (a trap handler must not block or take locks).
%w[TERM INT].each { |sig| Signal.trap(sig) { server.close } }

loop do
  client = begin
    server.accept
  rescue IOError, Errno::EBADF
    break # closed by a signal handler
  end
  begin
    Thread.new(client) { |c| handle(c) }
  rescue ThreadError
    client.close # no thread to be had (the pids limit): drop this one, keep serving
  end
end
puts "stopped"
