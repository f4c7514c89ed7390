package main

import (
	"flag"
	"net/http"
)

func main() {
	var probe bool
	flag.BoolVar(&probe, "health-check", false, "probe the server and exit")
	flag.Parse()
	addr := ":9000"
	http.ListenAndServe(addr, nil)
}
