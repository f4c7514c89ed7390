//go:build e2e

package examples

// The libc probe under every generated seccomp profile: examples/testdata/
// libcprobe (everyday libc work, one line per operation) is built with gcc
// (glibc) and with musl-gcc (musl, Debian's musl-tools), each dynamically
// linked against a shared library of its own, and run under the seccomp.json
// and the docker run flags that dockergen generates for every stack × base:
// glibc for slim and distroless, musl for alpine, both for scratch. This is
// how the alpine profiles are proven without Alpine's packages. Every
// operation must succeed. The test is self-contained (it uses only the
// generator's exported API) and needs no registry: the glibc image is the
// debian:bookworm-slim stand-in, the others are FROM scratch.
//
//	go test -tags e2e -run TestE2ELibcProbe -v ./examples

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
	"github.com/dockergen/dockergen/profiles"
)

// libcprobeDocker runs the docker client (DOCKER, default /usr/bin/docker)
// with BuildKit, stdin from in, and returns its combined output.
func libcprobeDocker(in []byte, args ...string) (string, error) {
	bin := os.Getenv("DOCKER")
	if bin == "" {
		bin = "/usr/bin/docker"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "DOCKER_BUILDKIT=1")
	if in != nil {
		cmd.Stdin = bytes.NewReader(in)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// libcprobeImage is one image the probe runs in.
type libcprobeImage struct {
	Libc, Image, Dockerfile string
}

// buildLibcprobe compiles the probe and its library for one C library into
// dir/libc and returns the commands' output on failure.
func buildLibcprobe(t *testing.T, dir, cc string) string {
	t.Helper()
	src, err := filepath.Abs("testdata/libcprobe")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-O2", "-Wall", "-Werror", "-shared", "-fPIC", "-o", filepath.Join(dir, "libprobelib.so"), filepath.Join(src, "probelib.c")},
		{"-O2", "-Wall", "-Werror", "-pthread", "-o", filepath.Join(dir, "libcprobe"), filepath.Join(src, "probe.c"), "-L" + dir, "-lprobelib", "-Wl,-rpath,$ORIGIN"},
	} {
		if out, err := exec.Command(cc, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", cc, strings.Join(args, " "), err, out)
		}
	}
	return dir
}

// libcprobeCopy copies a file (following symlinks) into dir under name.
func libcprobeCopy(t *testing.T, from, dir, name string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o755); err != nil {
		t.Fatal(err)
	}
}

// libcprobeImages builds the three probe images: glibc on the
// debian:bookworm-slim stand-in, glibc on scratch (its loader and libc.so.6
// copied from the host, Debian bookworm's glibc) and musl on scratch (musl's
// loader, which is its libc, from the host's musl package).
func libcprobeImages(t *testing.T) map[string]libcprobeImage {
	t.Helper()
	if _, err := exec.LookPath("musl-gcc"); err != nil {
		t.Fatal("musl-gcc not found: apt-get install -y musl-tools")
	}
	root := t.TempDir()
	glibc := buildLibcprobe(t, filepath.Join(root, "glibc"), "gcc")
	musl := buildLibcprobe(t, filepath.Join(root, "musl"), "musl-gcc")
	// glibc on scratch: only the loader and libc.so.6 (libpthread is in
	// libc since glibc 2.34).
	libcprobeCopy(t, "/lib64/ld-linux-x86-64.so.2", glibc, "ld-linux-x86-64.so.2")
	libcprobeCopy(t, "/lib/x86_64-linux-gnu/libc.so.6", glibc, "libc.so.6")
	libcprobeCopy(t, "/lib/ld-musl-x86_64.so.1", musl, "ld-musl-x86_64.so.1")
	images := map[string]libcprobeImage{
		"glibc": {"glibc", "dg-libcprobe-glibc:test", "FROM debian:bookworm-slim\nCOPY libcprobe libprobelib.so /opt/libcprobe/\n"},
		"glibc-scratch": {"glibc", "dg-libcprobe-glibc-scratch:test", "FROM scratch\nCOPY ld-linux-x86-64.so.2 /lib64/\n" +
			"COPY libc.so.6 /lib/x86_64-linux-gnu/\nCOPY libcprobe libprobelib.so /opt/libcprobe/\n"},
		"musl-scratch": {"musl", "dg-libcprobe-musl-scratch:test", "FROM scratch\nCOPY ld-musl-x86_64.so.1 /lib/\nCOPY libcprobe libprobelib.so /opt/libcprobe/\n"},
	}
	for name, im := range images {
		ctx := glibc
		if im.Libc == "musl" {
			ctx = musl
		}
		df := filepath.Join(ctx, name+".Dockerfile")
		if err := os.WriteFile(df, []byte(im.Dockerfile), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := libcprobeDocker(nil, "build", "-q", "-f", df, "-t", im.Image, ctx); err != nil {
			t.Fatalf("building %s: %v\n%s", im.Image, err, out)
		}
	}
	return images
}

// libcprobeImagesFor: glibc for slim and distroless, musl for alpine, both for
// scratch (a static or self-contained program may bring either).
func libcprobeImagesFor(base string) []string {
	switch base {
	case generator.BaseAlpine:
		return []string{"musl-scratch"}
	case generator.BaseScratch:
		return []string{"glibc-scratch", "musl-scratch"}
	}
	return []string{"glibc"}
}

var libcprobeBaseRE = regexp.MustCompile(`(?m)^base: .*$`)

// libcprobeDistroRE is a spec's distro line.
var libcprobeDistroRE = regexp.MustCompile(`(?m)^distro:.*\n`)

// libcprobeEdits adapt an example's spec to a base it is not valid on as it
// stands (the stack's profile does not depend on the edit).
var libcprobeEdits = map[string][2]string{
	// Apache has no official Alpine image; the php profile covers both servers.
	"php/alpine": {"server: apache", "server: fpm"},
}

// libcprobeSettings generates an example's files for base and returns the
// seccomp.json written into dir and the generated docker run flags (without
// --publish and --restart, with seccomp= naming the written file).
func libcprobeSettings(t *testing.T, dir, stack, base string) []string {
	t.Helper()
	specPath := filepath.Join(stack, "dockergen.yaml")
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatalf("stack %s has no example spec: %v", stack, err)
	}
	if !libcprobeBaseRE.Match(data) {
		t.Fatalf("%s has no base: line", specPath)
	}
	if own := libcprobeBaseRE.Find(data); string(own) != "base: "+base {
		// The example's distro names a release of its own base's family
		// (rust: Debian trixie); another base takes its family's default.
		data = libcprobeDistroRE.ReplaceAll(data, nil)
	}
	data = libcprobeBaseRE.ReplaceAll(data, []byte("base: "+base))
	if e, ok := libcprobeEdits[stack+"/"+base]; ok {
		if !bytes.Contains(data, []byte(e[0])) {
			t.Fatalf("%s has no %q to edit for %s", specPath, e[0], base)
		}
		data = bytes.ReplaceAll(data, []byte(e[0]), []byte(e[1]))
	}
	spec, err := generator.LoadSpec(specPath, data)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(spec, generator.Options{SpecFile: "dockergen.yaml", Context: "."})
	if err != nil {
		t.Fatal(err)
	}
	js, ok := files["seccomp.json"]
	if !ok {
		t.Fatal("no seccomp.json generated")
	}
	profile := filepath.Join(dir, "seccomp.json")
	if err := os.WriteFile(profile, js, 0o644); err != nil {
		t.Fatal(err)
	}
	var flags []string
	sawSeccomp := false
	for _, f := range generator.NewRunSettings(spec, ".").Flags {
		switch f[0] {
		case "--publish", "--restart":
			continue
		case "--security-opt":
			if f[1] == "seccomp=seccomp.json" {
				f = []string{f[0], "seccomp=" + profile}
				sawSeccomp = true
			}
		}
		flags = append(flags, f...)
	}
	if !sawSeccomp {
		t.Fatalf("the generated run flags have no seccomp=seccomp.json: %v", flags)
	}
	return flags
}

// runLibcprobe runs the probe image with flags and returns its output and
// whether it exited 0.
func runLibcprobe(image string, flags []string) (string, bool) {
	args := append([]string{"run", "--rm"}, flags...)
	args = append(args, image, "/opt/libcprobe/libcprobe")
	out, err := libcprobeDocker(nil, args...)
	return out, err == nil
}

func TestE2ELibcProbe(t *testing.T) {
	if out, err := libcprobeDocker(nil, "info", "--format", "{{.ServerVersion}}"); err != nil {
		t.Fatalf("no Docker engine answers (%v): %s", err, out)
	}
	images := libcprobeImages(t)
	// The probe's operations, from its source: each must print "ok NAME".
	src, err := os.ReadFile("testdata/libcprobe/probe.c")
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, m := range regexp.MustCompile(`CHECK\("([^"]+)"`).FindAllSubmatch(src, -1) {
		ops = append(ops, string(m[1]))
	}
	if len(ops) < 30 {
		t.Fatalf("only %d operations found in probe.c", len(ops))
	}
	var rows []string
	for _, stack := range generator.Stacks() {
		for _, base := range generator.BasesFor(stack) {
			dir := t.TempDir()
			flags := libcprobeSettings(t, dir, stack, base)
			for _, name := range libcprobeImagesFor(base) {
				im := images[name]
				label := fmt.Sprintf("%s/%s %s (%s profile)", stack, base, name, generator.ProfileFor(stack))
				out, ok := runLibcprobe(im.Image, flags)
				var missing []string
				for _, op := range ops {
					if !strings.Contains(out, "ok "+op+"\n") {
						missing = append(missing, op)
					}
				}
				if !ok || len(missing) > 0 || !strings.Contains(out, "libcprobe: all ok") {
					t.Errorf("%s: the probe failed (exit ok=%v; not ok: %s)\n%s", label, ok, strings.Join(missing, ", "), out)
					rows = append(rows, label+": FAILED")
					continue
				}
				rows = append(rows, fmt.Sprintf("%s: passed, %d/%d operations ok", label, len(ops), len(ops)))
			}
		}
	}
	t.Logf("libc probe under every generated profile (%d rows):\n%s", len(rows), strings.Join(rows, "\n"))

	// Control: the probe does catch a refused call. Without the pipe family
	// (pipe for musl, pipe2 for glibc) both builds must report it.
	comp, err := profiles.For("go")
	if err != nil {
		t.Fatal(err)
	}
	comp.Allowed = slices.DeleteFunc(comp.Allowed, func(n string) bool { return n == "pipe" || n == "pipe2" })
	js, err := json.Marshal(comp.Seccomp())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	flags := libcprobeSettings(t, dir, "go", generator.BaseScratch)
	if err := os.WriteFile(filepath.Join(dir, "seccomp.json"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"glibc-scratch", "musl-scratch"} {
		out, ok := runLibcprobe(images[name].Image, flags)
		if ok || !strings.Contains(out, "FAIL pipe") {
			t.Errorf("control (%s, go profile without pipe and pipe2): want a FAIL pipe line and exit 1, got ok=%v\n%s", name, ok, out)
		} else {
			t.Logf("control (%s): the probe reports the refused pipe family and exits 1", name)
		}
	}
}
