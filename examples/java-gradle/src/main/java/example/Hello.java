package example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Hello is dockergen's java-gradle example: an HTTP server from the JDK alone
 * (com.sun.net.httpserver) that answers GET / with "hello from java-gradle" and
 * GET /healthz with "ok", on PORT (default 8080). SIGTERM (docker stop) runs
 * the shutdown hook, which stops the server at once; the JVM then exits.
 */
public final class Hello {
    private static final byte[] HELLO = "hello from java-gradle\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.UTF_8);

    private Hello() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", Hello::handle);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        server.start();
        System.out.println("listening on :" + port);
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            switch (ex.getRequestURI().getPath()) {
                case "/":
                    body = HELLO;
                    break;
                case "/healthz":
                    body = OK;
                    break;
                default:
                    ex.sendResponseHeaders(404, -1);
                    return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
            if (!method.equals("HEAD")) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
