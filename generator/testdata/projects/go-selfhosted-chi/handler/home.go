package handler

import "net/http"

func HomePage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(`<!doctype html><link rel="stylesheet" href="/static/css/main.css"><h1>Selfhosted</h1><script src="/static/js/main.js"></script>`))
}
