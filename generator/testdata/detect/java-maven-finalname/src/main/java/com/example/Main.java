package com.example;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

public class Main {
    public static void main(String[] args) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(9090), 0);
        s.createContext("/healthz", ex -> { ex.sendResponseHeaders(204, -1); ex.close(); });
        s.start();
    }
}
