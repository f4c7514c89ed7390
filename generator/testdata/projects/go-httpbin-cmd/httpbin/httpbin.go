// Package httpbin provides a simple HTTP request and response testing server,
// modeled on the original httpbin.org Python project.
package httpbin

import (
	"encoding/json"
	"net/http"
)

// HTTPBin contains the business logic
type HTTPBin struct{}

// New creates a new HTTPBin instance
func New() *HTTPBin { return &HTTPBin{} }

// Handler returns an http.Handler that exposes all HTTPBin endpoints
func (h *HTTPBin) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/get", h.Get)
	mux.HandleFunc("/status/200", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	return mux
}

// Get handles HTTP GET requests
func (h *HTTPBin) Get(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(map[string]any{"args": r.URL.Query(), "headers": r.Header, "url": r.URL.String()})
}
