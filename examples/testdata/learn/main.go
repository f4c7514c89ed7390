// Command learn-setprio is the app of dockergen's `seccomp learn` e2e test
// (examples/e2e_learn_test.go): a small HTTP server that, like a batch
// service keeping its background work out of the way of its requests, lowers
// its own scheduling priority with setpriority(2). The Go runtime never makes
// that call, so dockergen's go profile refuses it (EPERM), and /healthz
// reports the failure: the app is unhealthy until `dockergen seccomp learn`
// adds setpriority to the spec.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"syscall"
	"time"
)

// niceness is the priority the background work runs at (nice 10).
const niceness = 10

func main() {
	healthcheck := flag.Bool("healthcheck", false, "probe the local /healthz endpoint and exit 0 when it answers 200")
	flag.Parse()
	port := os.Getenv("PORT")
	if port == "" {
		port = "18089"
	}
	if *healthcheck {
		c := http.Client{Timeout: 3 * time.Second}
		resp, err := c.Get("http://127.0.0.1:" + port + "/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "hello from learn-setprio")
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		// Lowering one's own priority needs no capability; only a
		// seccomp profile that refuses the call makes it fail.
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, 0, niceness); err != nil {
			http.Error(w, "setpriority: "+err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	srv := &http.Server{Addr: ":" + port, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("listening on :%s", port)
	log.Fatal(srv.ListenAndServe())
}
