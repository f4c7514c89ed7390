package catalog

import (
	"strings"
	"testing"
)

func TestClassifyImage(t *testing.T) {
	c := Default()
	asOf := c.Date.Time
	cases := []struct {
		ref              string
		runtime, family  string // "line" or "" when none is named
		eol, frozen      bool
		alternative      string
		problemSubstring string
	}{
		{ref: "golang:1.19", runtime: "1.19", eol: true, alternative: "golang:1.27", problemSubstring: "Go 1.19 reached end of life on 2023-08-08"},
		{ref: "golang:1.27-trixie", runtime: "1.27", family: "13"},
		{ref: "golang:1.27.3-alpine3.24", runtime: "1.27", family: "3.24"},
		{ref: "golang:1.26.0-alpine3.22", runtime: "1.26", family: "3.22", frozen: true, alternative: "golang:1.26.0-alpine3.24", problemSubstring: "golang is no longer built on Alpine Linux 3.22 (it is built on 3.23 and 3.24)"},
		{ref: "node:18-alpine", runtime: "18", eol: true, alternative: "node:26-alpine"},
		{ref: "node:26-trixie-slim", runtime: "26", family: "13"},
		{ref: "node:22-bookworm-slim", runtime: "22", family: "12"},
		{ref: "node:20-bullseye", runtime: "20", family: "11", eol: true, frozen: true, alternative: "node:26-trixie"},
		{ref: "python:3.12-alpine3.22", runtime: "3.12", family: "3.22", frozen: true, alternative: "python:3.12-alpine3.24"},
		{ref: "python:3.14-slim-trixie", runtime: "3.14", family: "13"},
		{ref: "python:3", runtime: ""},
		{ref: "python:2.7-slim", runtime: "", eol: true, problemSubstring: "Python 2.7 is older than 3.8"},
		{ref: "gcr.io/distroless/base-debian11", family: "11", eol: true, alternative: "gcr.io/distroless/base-debian13"},
		{ref: "gcr.io/distroless/static-debian12:nonroot", family: "12", eol: true, alternative: "gcr.io/distroless/static-debian13:nonroot", problemSubstring: "distroless Debian 12 reached end of life on 2026-09-01"},
		{ref: "gcr.io/distroless/static-debian13:nonroot", family: "13"},
		{ref: "gcr.io/distroless/nodejs20-debian12:nonroot", runtime: "20", family: "12", eol: true, alternative: "gcr.io/distroless/nodejs26-debian13:nonroot", problemSubstring: "distroless Debian 12 reached end of life on 2026-01-01"},
		{ref: "gcr.io/distroless/nodejs26-debian13", runtime: "26", family: "13"},
		{ref: "gcr.io/distroless/python3-debian12:nonroot", runtime: "3.11", family: "12", eol: true, alternative: "gcr.io/distroless/python3-debian13:nonroot"},
		{ref: "gcr.io/distroless/java21-debian13:nonroot", runtime: "21", family: "13"},
		{ref: "debian:bullseye-slim", family: "11", eol: true, alternative: "debian:trixie-slim"},
		{ref: "debian:12-slim", family: "12"},
		{ref: "debian:buster", family: "10", eol: true, alternative: "debian:trixie"},
		{ref: "mcr.microsoft.com/dotnet/aspnet:8.0", runtime: "8.0", eol: true, alternative: "mcr.microsoft.com/dotnet/aspnet:10.0"},
		{ref: "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", runtime: "10.0", family: "24.04"},
		{ref: "mcr.microsoft.com/dotnet/sdk:10.0-noble-aot", runtime: "10.0", family: "24.04"},
		{ref: "mcr.microsoft.com/dotnet/sdk:10.0-trixie-slim", runtime: "10.0", family: "13", frozen: true, alternative: "mcr.microsoft.com/dotnet/sdk:10.0-noble"},
		{ref: "ruby:3.1-slim-bookworm", runtime: "3.1", family: "12", eol: true, alternative: "ruby:4.0-slim-bookworm"},
		{ref: "php:8.3-fpm-alpine3.22", runtime: "8.3", family: "3.22", frozen: true, alternative: "php:8.3-fpm-alpine3.24"},
		{ref: "php:8.5-apache-trixie", runtime: "8.5", family: "13"},
		{ref: "nginx:1.27-alpine", runtime: "1.27", eol: true, alternative: "nginx:1.30-alpine", problemSubstring: "nginx 1.27 reached end of life on 2025-06-24"},
		{ref: "nginx:1.30-alpine", runtime: "1.30"},
		{ref: "alpine:3.18", family: "3.18", eol: true, alternative: "alpine:3.24"},
		{ref: "alpine:3.22", family: "3.22"}, // Alpine itself still supports 3.22
		{ref: "rust:1.88-alpine3.22", runtime: "1.88", family: "3.22", eol: true, frozen: true, alternative: "rust:1.100-alpine3.24"},
		{ref: "eclipse-temurin:21-jre-noble", runtime: "21", family: "24.04"},
		{ref: "eclipse-temurin:21.0.5_11-jdk-alpine-3.21", runtime: "21", family: "3.21", eol: true, frozen: true},
		{ref: "maven:3.9-eclipse-temurin-21", runtime: "21"},
		{ref: "golang:1.19@sha256:" + strings.Repeat("a", 64), runtime: "1.19", eol: true},
		{ref: "golang:1.19-alpine@sha256:" + strings.Repeat("a", 64), runtime: "1.19", eol: true},
	}
	for _, tc := range cases {
		info, ok := c.ClassifyImage(tc.ref, asOf)
		if !ok {
			t.Errorf("%s: not classified", tc.ref)
			continue
		}
		got := func(st *Status) string {
			if st == nil || st.Line == nil {
				return ""
			}
			return st.Line.Version
		}
		if got(info.Runtime) != tc.runtime || got(info.Family) != tc.family || info.EndOfLife() != tc.eol || info.Frozen != tc.frozen {
			t.Errorf("%s: runtime %q family %q eol=%v frozen=%v; want %q %q %v %v (%q)", tc.ref,
				got(info.Runtime), got(info.Family), info.EndOfLife(), info.Frozen, tc.runtime, tc.family, tc.eol, tc.frozen, info.Problems())
		}
		if tc.alternative != "" && info.Alternative != tc.alternative {
			t.Errorf("%s: alternative %q, want %q", tc.ref, info.Alternative, tc.alternative)
		}
		if info.Current() != (len(info.Problems()) == 0) || info.Current() && info.Alternative != "" {
			t.Errorf("%s: current=%v but problems %q, alternative %q", tc.ref, info.Current(), info.Problems(), info.Alternative)
		}
		if tc.problemSubstring != "" && !strings.Contains(strings.Join(info.Problems(), "; "), tc.problemSubstring) {
			t.Errorf("%s: problems %q, want one with %q", tc.ref, info.Problems(), tc.problemSubstring)
		}
	}
}

func TestClassifyImageSkips(t *testing.T) {
	c := Default()
	for _, ref := range []string{
		"golang:${GO_VERSION}", "$BASE", "node", "node:latest", "myregistry.example/app:1.0",
		"scratch", "golang:1.40", "node:current-alpine", "docker.io/library/node:lts-alpine",
	} {
		if info, ok := c.ClassifyImage(ref, c.Date.Time); ok && !info.Current() {
			t.Errorf("%s: classified as not current: %q", ref, info.Problems())
		}
	}
	if _, ok := c.ClassifyImage("golang:${GO_VERSION}", c.Date.Time); ok {
		t.Error("an ARG-substituted image was classified")
	}
}

func TestImageRef(t *testing.T) {
	c := Default()
	cases := []struct {
		repo, pattern string
		vals          map[string]string
		want, err     string
	}{
		{"golang", "{version}-{debian}", map[string]string{"version": "1.27", "debian": "trixie"}, "golang:1.27-trixie", ""},
		{"golang", "{version}-alpine{alpine}", map[string]string{"version": "1.27", "alpine": "3.24"}, "golang:1.27-alpine3.24", ""},
		{"golang", "{version}-alpine{alpine}", map[string]string{"version": "1.27", "alpine": "3.22"}, "", "no longer built on Alpine Linux 3.22"},
		{"node", "{version}-{debian}-slim", map[string]string{"version": "26", "debian": "trixie"}, "node:26-trixie-slim", ""},
		{"python", "{version}-slim-{debian}", map[string]string{"version": "3.14", "debian": "trixie"}, "python:3.14-slim-trixie", ""},
		{"php", "{version}-{variant}-{debian}", map[string]string{"version": "8.5", "variant": "fpm", "debian": "trixie"}, "php:8.5-fpm-trixie", ""},
		{"mcr.microsoft.com/dotnet/aspnet", "{version}-{ubuntu}-chiseled", map[string]string{"version": "10.0", "ubuntu": "noble"}, "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", ""},
		{"mcr.microsoft.com/dotnet/aspnet", "{version}-{debian}-slim", map[string]string{"version": "10.0", "debian": "trixie"}, "", "no longer built on Debian trixie"},
		{"mcr.microsoft.com/dotnet/sdk", "{version}-{ubuntu}-aot", map[string]string{"version": "10.0", "ubuntu": "noble"}, "mcr.microsoft.com/dotnet/sdk:10.0-noble-aot", ""},
		{"mcr.microsoft.com/dotnet/sdk", "{version}-alpine{alpine}-aot", map[string]string{"version": "10.0", "alpine": "3.24"}, "mcr.microsoft.com/dotnet/sdk:10.0-alpine3.24-aot", ""},
		{"gcr.io/distroless/nodejs{version}-debian{distroless}", "", map[string]string{"version": "26", "distroless": "13"}, "gcr.io/distroless/nodejs26-debian13", ""},
		{"golang", "{version}-{debian}", map[string]string{"version": "1.27"}, "", "no value for {debian}"},
		{"golang", "{version}-{debian}", map[string]string{"version": "1.27", "debian": "sid"}, "", "no Debian release"},
		{"golang", "{version}-slim", map[string]string{"version": "1.27"}, "", "no tag pattern"},
		{"gradle", "9-jdk{version}-alpine", map[string]string{"version": "25"}, "gradle:9-jdk25-alpine", ""},
		{"maven", "3.9-eclipse-temurin-{version}-alpine", map[string]string{"version": "25"}, "maven:3.9-eclipse-temurin-25-alpine", ""},
	}
	for _, tc := range cases {
		im, ok := c.Image(tc.repo)
		if !ok {
			t.Fatalf("no image %s", tc.repo)
		}
		got, err := im.Ref(tc.pattern, tc.vals)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %s: %q, %v; want an error with %q", tc.repo, tc.pattern, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %s = %q, %v; want %q", tc.repo, tc.pattern, got, err, tc.want)
		}
		if info, ok := c.ClassifyImage(got, c.Date.Time); !ok || !info.Current() {
			t.Errorf("%s: built by Ref but not classified as current: %v %q", got, ok, info.Problems())
		}
	}
	if _, ok := c.Image("nope"); ok {
		t.Error("Image(nope) found")
	}
}

func TestImageFill(t *testing.T) {
	c := Default()
	im, _ := c.Image("golang")
	got, err := im.Fill("{version}-alpine{alpine}", map[string]string{"version": "1.27", "alpine": "3.22"})
	if err != nil || got != "golang:1.27-alpine3.22" {
		t.Errorf("Fill frozen = %q, %v; want golang:1.27-alpine3.22", got, err)
	}
	if info, ok := c.ClassifyImage(got, c.Date.Time); !ok || !info.Frozen {
		t.Errorf("%s: not classified as frozen", got)
	}
	if _, err := im.Fill("{version}-{debian}", map[string]string{"version": "1.27", "debian": "sid"}); err == nil {
		t.Error("Fill accepted a Debian release the catalog does not know")
	}
}
