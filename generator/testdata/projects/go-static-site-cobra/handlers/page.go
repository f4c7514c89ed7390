package handlers

import (
	"fmt"
	"net/http"
)

// SetupRouter serves the site's pages.
func SetupRouter() (*http.ServeMux, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><h1>Hello, World</h1>")
	})
	return mux, nil
}
