// Package examples holds dockergen's example apps. Its tests check that the
// committed container files of every example are what dockergen generates
// from its spec, and (with -tags e2e) that they build and run hardened on a
// real Docker engine.
package examples

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/cmd/dockergen/cli"
)

// exampleDirs lists the example apps: every directory with a dockergen.yaml.
func exampleDirs(t testing.TB) []string {
	specs, err := filepath.Glob("*/dockergen.yaml")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var dirs []string
	for _, s := range specs {
		dirs = append(dirs, filepath.Dir(s))
	}
	return dirs
}

// TestExamplesCurrent fails when an example's committed outputs differ from
// what its spec generates. Fix: go run ./cmd/dockergen generate --force -f examples/NAME/dockergen.yaml
func TestExamplesCurrent(t *testing.T) {
	for _, dir := range exampleDirs(t) {
		t.Run(dir, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := cli.Main([]string{"generate", "--check", "-f", filepath.Join(dir, "dockergen.yaml")}, strings.NewReader(""), &out, &errb)
			if code != 0 {
				t.Errorf("examples/%s is not current (exit %d); run: go run ./cmd/dockergen generate --force -f examples/%s/dockergen.yaml\n%s%s", dir, code, dir, errb.String(), out.String())
			}
		})
	}
}
