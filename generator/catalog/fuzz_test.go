package catalog

import (
	"slices"
	"testing"
)

// FuzzResolve feeds arbitrary constraints to every runtime: Resolve never
// panics, and what it returns is one of the runtime's lines, released by the
// day asked about unless pinned, with a reason.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{">=18", "^20 || ^22", "20.x", "lts/*", "v20.11.0", ">=3.9,<3.13", "~=3.12", "3.12.*",
		"~> 3.2", "8.2.*|8.3.*", "~8.3.0", "toolchain go1.27.3", "net10.0", "1.85", "18 - 22", "^0.0", "~>", "||", ",", "v", "*"} {
		f.Add(s)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, constraint string) {
		for _, rt := range c.RuntimeNames() {
			r, err := c.Resolve(rt, constraint, c.Date.Time)
			if err != nil {
				continue
			}
			if r.Line == nil || !slices.Contains(c.Runtimes[rt].Lines, r.Line) || r.Reason == "" {
				t.Fatalf("Resolve(%s, %q) = %+v", rt, constraint, r)
			}
			if !r.Pinned && r.Phase == Unreleased {
				t.Fatalf("Resolve(%s, %q) chose unreleased %s", rt, constraint, r.Line.Version)
			}
		}
	})
}

// FuzzClassifyImage: never panics; an image that is not current says why.
func FuzzClassifyImage(f *testing.F) {
	for _, s := range []string{"golang:1.19", "node:18-alpine", "python:3.12-alpine3.22", "gcr.io/distroless/base-debian11",
		"gcr.io/distroless/nodejs20-debian12:nonroot", "debian:bullseye-slim", "mcr.microsoft.com/dotnet/aspnet:8.0",
		"ruby:3.1-slim-bookworm", "nginx:1.27-alpine", "alpine:3.18", "golang:1.19@sha256:00", "a:b:c", "@", ":", "/:"} {
		f.Add(s)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, ref string) {
		info, ok := c.ClassifyImage(ref, c.Date.Time)
		if ok && !info.Current() && len(info.Problems()) == 0 {
			t.Fatalf("%q: not current but no problem named", ref)
		}
	})
}
