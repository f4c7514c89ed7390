package com.acme;

public class App {
    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8088"));
        System.out.println("/readyz on " + port);
    }
}
