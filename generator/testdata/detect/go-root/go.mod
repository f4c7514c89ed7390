module github.com/acme/shop/v2

go 1.22.3

toolchain go1.23.4
