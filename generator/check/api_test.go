package check_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/check"
	"github.com/dockergen/dockergen/profiles"
	"github.com/moby/profiles/seccomp"
)

// TestBadInput: input that is not the kind of file asked for is an error
// naming the file, never a panic and never findings.
func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		kind      check.Kind
		data      string
		wantError string
	}{
		{check.KindDockerfile, "", "the file is empty"},
		{check.KindDockerfile, "\x00\x01\x02ELF", "not a text file"},
		{check.KindDockerfile, "\xff\xfe", "not a text file"},
		{check.KindDockerfile, "package main\n\nfunc main() {}\n", "not a valid Dockerfile"},
		{check.KindDockerfile, "# just a comment\nARG X=1\n", "no FROM"},
		{check.KindDockerfile, "FROM alpine\nRUN --mount=type=nosuch echo\n", "not a valid Dockerfile"},
		{check.KindCompose, "services: [", "not valid YAML"},
		{check.KindCompose, "name: x\n", "no services"},
		{check.KindCompose, "services:\n  app:\n    image: x\n    ports: {a: b}\n", "not a valid compose file"},
		{check.KindSeccomp, "{", "not valid JSON"},
		{check.KindSeccomp, `{"name": "package"}`, "no defaultAction"},
		{check.KindSeccomp, `{"defaultAction": "SCMP_ACT_NOPE"}`, "not a valid seccomp profile"},
	} {
		fs, err := check.File("in", []byte(c.data), c.kind)
		if err == nil || !strings.Contains(err.Error(), c.wantError) || !strings.HasPrefix(err.Error(), "in:") {
			t.Errorf("%s %q: err = %v, want one naming the file and saying %q", c.kind, c.data, err, c.wantError)
		}
		if fs != nil {
			t.Errorf("%s %q: findings %v with an error", c.kind, c.data, fs)
		}
	}
}

// TestFilesJoinsErrors: Files checks every file and reports each failure.
func TestFilesJoinsErrors(t *testing.T) {
	fs, err := check.Files(map[string][]byte{
		"a/Dockerfile":   []byte("FROM node:latest\n"),
		"b/Dockerfile":   []byte("nonsense here\n"),
		"c/seccomp.json": []byte("[]"),
	})
	if err == nil || !strings.Contains(err.Error(), "b/Dockerfile") || !strings.Contains(err.Error(), "c/seccomp.json") {
		t.Errorf("err = %v, want both failures", err)
	}
	if len(fs) == 0 || fs[0].File != "a/Dockerfile" {
		t.Errorf("findings of the good file are missing: %v", fs)
	}
}

func TestKinds(t *testing.T) {
	for name, want := range map[string]check.Kind{
		"Dockerfile": check.KindDockerfile, "dockerfile": check.KindDockerfile, "Dockerfile.prod": check.KindDockerfile,
		"api.Dockerfile": check.KindDockerfile, "Containerfile": check.KindDockerfile, "x/Dockerfile-dev": check.KindDockerfile,
		"compose.yaml": check.KindCompose, "docker-compose.override.yml": check.KindCompose, "compose.prod.yml": check.KindCompose,
		"seccomp.json": check.KindSeccomp, "seccomp-strict.json": check.KindSeccomp,
	} {
		if k, ok := check.Discoverable(name); !ok || k != want {
			t.Errorf("Discoverable(%q) = %s, %v; want %s", name, k, ok, want)
		}
	}
	for _, name := range []string{"Dockerfile.tmpl", "Dockerfile.md", "Dockerfile.dockerignore", "main.go", "package.json", "values.yaml", ".dockerignore"} {
		if k, ok := check.Discoverable(name); ok {
			t.Errorf("Discoverable(%q) = %s; want not discovered", name, k)
		}
	}
	for name, want := range map[string]check.Kind{"profile.json": check.KindSeccomp, "stack.yml": check.KindCompose, "build/app.df": check.KindDockerfile,
		".dockerignore": "", "out/.dockerignore": "", "run.sh": "", "DOCKER-SECURITY.md": "", "notes.txt": ""} {
		if k := check.KindOf(name); k != want {
			t.Errorf("KindOf(%q) = %s, want %s", name, k, want)
		}
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"Dockerfile", "svc/api.Dockerfile", "compose.yaml", "deploy/seccomp.json", "node_modules/x/Dockerfile", ".git/Dockerfile", "templates/Dockerfile.tmpl", "README.md"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := check.Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	want := []string{"Dockerfile", "compose.yaml", "deploy/seccomp.json", "svc/api.Dockerfile"}
	if !slices.Equal(got, want) {
		t.Errorf("Discover = %v, want %v", got, want)
	}
}

// TestShellPositions: commands inside a multi-line RUN are reported at their
// own line and column, through flags, comments and empty continuation lines.
func TestShellPositions(t *testing.T) {
	df := "FROM debian:12-slim\n" +
		"RUN --mount=type=cache,target=/var/cache/apt \\\n" +
		"    --mount=type=secret,id=x \\\n" +
		"    set -e; \\\n" +
		"    # a comment BuildKit drops\n" +
		"    echo ok \\\n" +
		"\n" +
		"      && sudo true \\\n" +
		"      && curl -k https://example.com\n"
	fs, err := check.Dockerfile("Dockerfile", []byte(df))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range fs {
		got[f.RuleID] = fmt.Sprintf("%d:%d", f.Line, f.Col)
	}
	for id, want := range map[string]string{"DG142": "8:10", "DG141": "9:10"} {
		if got[id] != want {
			t.Errorf("%s at %s, want %s (all: %v)", id, got[id], want, fs)
		}
	}
}

// TestComposeIgnore: ignore comments above a service or key in a compose
// file suppress its findings; one without a reason is DG001.
func TestComposeIgnore(t *testing.T) {
	yml := `services:
  # dockergen:ignore=DG213,DG214,DG215 limits are set by the platform
  app:
    image: app:1
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    ports:
      # dockergen:ignore=DG216 the reverse proxy runs on another host
      - "8080:8080"
      # dockergen:ignore=DG216
      - "9090:9090"
`
	fs, err := check.Compose("compose.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d:%d %s", f.Line, f.Col, f.RuleID))
	}
	want := []string{"11:7 DG001", "12:9 DG216"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestDockerDefaultSeccomp: Docker's own default profile is a real
// allowlist, but allows syscalls that dockergen denies (ptrace and others).
func TestDockerDefaultSeccomp(t *testing.T) {
	data, err := json.MarshalIndent(seccomp.DefaultProfile(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := check.Seccomp("default.json", data)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range fs {
		if f.RuleID != check.RuleSeccompDangerous.ID {
			t.Errorf("unexpected finding in Docker's default profile: %s", f)
		}
		names = append(names, f.Message)
	}
	if !slices.Contains(names, "syscall ptrace is allowed") {
		t.Errorf("Docker's default profile allows ptrace; findings: %v", names)
	}
}

// TestDeniedListIsProfiles: DG302's list is the profiles package's.
func TestDeniedListIsProfiles(t *testing.T) {
	base, err := profiles.Load("base")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(check.DeniedSyscalls(), base.Denied) || len(base.Denied) == 0 {
		t.Errorf("DeniedSyscalls() = %v, want profiles/base.yaml's %v", check.DeniedSyscalls(), base.Denied)
	}
}

// FuzzDockerfile: no input makes Dockerfile panic or return findings
// without positions. The seeds run with go test.
func FuzzDockerfile(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/corpus/*.Dockerfile")
	rules, _ := filepath.Glob("testdata/rules/*/*.Dockerfile")
	for _, p := range append(seeds, rules...) {
		data, err := os.ReadFile(p)
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n"))
	f.Add([]byte("# escape=`\nFROM a\nRUN echo `\n  hi\n"))
	f.Add([]byte("FROM a\nRUN echo 'unterminated\n"))
	f.Add([]byte("FROM a AS b\nFROM b AS c\nFROM c\nUSER ${U:-0}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := check.Dockerfile("Dockerfile", data)
		if err != nil {
			return
		}
		for _, x := range fs {
			if x.Line < 1 || x.Col < 1 || x.File != "Dockerfile" {
				t.Errorf("bad position: %s", x)
			}
			if strings.Contains(x.Message, "a bug in dockergen") {
				t.Errorf("check failed: %s", x)
			}
		}
	})
}

// TestPipeToShell covers the forms of DG140 and what is not one.
func TestPipeToShell(t *testing.T) {
	for run, want := range map[string]bool{
		"curl -fsSL https://x.io/i.sh | sh":                       true,
		"curl -fsSL https://x.io/i.sh | bash -e":                  true,
		"wget -qO- https://x.io/i.sh | sudo -E bash -s -- --yes":  true,
		"curl -s https://x.io/i.py | python3 -":                   true,
		"bash -c \"$(curl -fsSL https://x.io/i.sh)\"":             true,
		"bash <(curl -fsSL https://x.io/i.sh)":                    true,
		"sh -c 'curl -fsSL https://x.io/i.sh | sh'":               true,
		"curl -s https://x.io/v.json | python3 -c 'import sys'":   false,
		"curl -fsSL https://x.io/k.gpg | gpg --dearmor -o /k.gpg": false,
		"curl -fsSLo /tmp/i.sh https://x.io/i.sh && sh /tmp/i.sh": false,
		"curl -s https://x.io/a.tgz | tar -xz -C /opt":            false,
		"echo hi | sh": false,
	} {
		fs, err := check.Dockerfile("Dockerfile", []byte("FROM debian:12\nRUN "+run+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(fs, func(f check.Finding) bool { return f.RuleID == "DG140" })
		if got != want {
			t.Errorf("RUN %s: DG140 = %v, want %v", run, got, want)
		}
	}
}
