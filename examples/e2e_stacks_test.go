//go:build e2e

package examples

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/dockergen/dockergen/generator"
)

// e2eStack is what the real-engine test needs to know about one stack's
// example beyond its spec. Every stack in generator.Stacks() has an entry
// (TestE2EStacksKnown); a stack adds its own in its own file's init.
type e2eStack struct {
	// DepsStep is text of the dependency step's header in --progress=plain
	// output: a one-line source change must leave that step CACHED.
	DepsStep string
	// MainFile is the file a one-line change goes into, and Comment the
	// line-comment prefix of its language.
	MainFile, Comment string
	// Prepare does what a user does before docker build (nil for nothing).
	Prepare func(t *testing.T, dir string)
	// NotBuilt, when set, says why the stack's toolchain cannot be had here;
	// the report gets a "not built here" row for each base instead.
	NotBuilt string
	// SkipBases says, for a base that cannot be built here, why.
	SkipBases map[string]string
}

// e2eStacks: static has no dependencies: its step is the nginx
// configuration, written in the runtime stage before the site is copied;
// binary's is the CA certificates of its first stage, fetched before the
// executable is copied, and its "source" is the prebuilt executable itself
// (bytes appended to an ELF file do not change how it runs). rust's step is
// the dummy main's cargo build against Cargo.toml and Cargo.lock. static's
// one-line change goes into robots.txt (index.html's body is checked exactly).
var e2eStacks = map[string]e2eStack{
	"go":     {DepsStep: `"go", "mod", "download"`, MainFile: "main.go", Comment: "// "},
	"node":   {DepsStep: `"npm", "ci"`, MainFile: "server.js", Comment: "// "},
	"python": {DepsStep: `pip install`, MainFile: "app.py", Comment: "# "},
	"static": {DepsStep: `nginx -t -q`, MainFile: "robots.txt", Comment: "# "},
	"rust": {DepsStep: `echo 'fn main() {}' > src/main.rs`, MainFile: "src/main.rs", Comment: "// ",
		// The musl bases build on rust:V-alpine3.22, which exists from Rust
		// 1.87 on; the example pins 1.63, Debian bookworm's rustc (the
		// stand-in), whose toolchain has no musl target.
		SkipBases: map[string]string{
			generator.BaseScratch: "musl build: rust:V-alpine3.22 cannot be pulled (no registry, no Alpine mirror) and Debian's rustc 1.63 (the stand-in) has no x86_64-unknown-linux-musl target",
			generator.BaseAlpine:  "musl build: rust:V-alpine3.22 cannot be pulled (no registry, no Alpine mirror) and Debian's rustc 1.63 (the stand-in) has no x86_64-unknown-linux-musl target",
		}},
	"binary": {
		DepsStep: `apt-get install -y --no-install-recommends ca-certificates`, MainFile: "bin/server", Comment: "# ",
		// The binary example's executable is built from its Go source
		// (CGO_ENABLED=0, static), as its README says.
		Prepare: func(t *testing.T, dir string) {
			t.Helper()
			cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "bin", "server"), ".")
			cmd.Dir = filepath.Join(dir, "src")
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+runtime.GOARCH)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("building the binary example: %v\n%s", err, out)
			}
		},
	},
}

// TestE2EStacksKnown: every stack dockergen offers has its e2e entry, and
// every entry names a stack, so a new stack cannot skip the real engine by
// omission.
func TestE2EStacksKnown(t *testing.T) {
	for _, st := range generator.Stacks() {
		e, ok := e2eStacks[st]
		if !ok {
			t.Errorf("stack %s has no e2eStacks entry", st)
			continue
		}
		if e.NotBuilt == "" && (e.DepsStep == "" || e.MainFile == "" || e.Comment == "") {
			t.Errorf("stack %s: DepsStep, MainFile and Comment are required: %+v", st, e)
		}
	}
	for st := range e2eStacks {
		if !slices.Contains(generator.Stacks(), st) {
			t.Errorf("e2eStacks has %s, which is not a stack", st)
		}
	}
}
