module example.com/pinned

go 1.19

toolchain go1.26.2
