package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator"
	"github.com/dockergen/dockergen/generator/check"
)

// checkedOutputs are the generated files that check reads.
var checkedOutputs = []string{"Dockerfile", "compose.yaml", "seccomp.json"}

// assertClean fails on any finding in a generated file: none at or above
// Low, and no Info advice except DG103 (no digest), which only a spec
// without digests may carry.
func assertClean(t *testing.T, what string, files map[string][]byte, digests, pinnedEOL bool) {
	t.Helper()
	fs, err := check.Files(files)
	if err != nil {
		t.Fatalf("%s: generated output does not parse: %v", what, err)
	}
	for _, f := range fs {
		// An end-of-life or frozen base (DG106) only where the spec pins it
		// explicitly (the examples that must build on today's bookworm
		// stand-ins pin EOL lines): generator.Warnings says so for that
		// spec, and the CLI warns about it.
		if f.RuleID == check.RuleEndOfLife.ID && pinnedEOL {
			continue
		}
		if f.Severity == check.Info && f.RuleID == check.RuleNoDigest.ID && !digests {
			continue
		}
		t.Errorf("%s: generated output fails dockergen check: %s", what, f)
	}
}

// TestGeneratedOutputsPass is the self-check: every committed generated
// output (examples and golden files) passes check.
func TestGeneratedOutputsPass(t *testing.T) {
	var dirs []string
	for _, g := range []string{"../../examples/*/dockergen.yaml", "../testdata/golden/*/dockergen.yaml"} {
		m, _ := filepath.Glob(g)
		for _, s := range m {
			dirs = append(dirs, filepath.Dir(s))
		}
	}
	if len(dirs) < 4 {
		t.Fatalf("found only %d generated output directories", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			files := map[string][]byte{}
			for _, n := range checkedOutputs {
				p := filepath.Join(dir, n)
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				files[p] = data
			}
			spec, err := os.ReadFile(filepath.Join(dir, "dockergen.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			s, err := generator.LoadSpec(filepath.Join(dir, "dockergen.yaml"), spec)
			if err != nil {
				t.Fatal(err)
			}
			assertClean(t, dir, files, strings.Contains(string(spec), "digests:"), len(generator.Warnings(s)) > 0)
		})
	}
}

// TestGenerationPasses is the self-check on fresh output: the example spec
// of every stack, on every base the stack supports, and with digests set.
func TestGenerationPasses(t *testing.T) {
	for _, stack := range generator.Stacks() {
		for _, base := range generator.BasesFor(stack) {
			for _, digests := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s-%s-digests=%v", stack, base, digests), func(t *testing.T) {
					spec, err := generator.ExampleSpec(stack)
					if err != nil {
						t.Fatal(err)
					}
					// The base's own defaults: version, distro and server
					// depend on it (distroless Python is 3.13, PHP on
					// Alpine is fpm).
					spec.Base, spec.Version, spec.Distro, spec.Server = base, "", "", ""
					spec.Defaults()
					if digests {
						spec.Digests.Builder = "sha256:" + strings.Repeat("1", 64)
						if base != generator.BaseScratch {
							spec.Digests.Runtime = "sha256:" + strings.Repeat("2", 64)
						}
						if generator.BuildsStaticProbe(spec) {
							spec.Digests.Probe = "sha256:" + strings.Repeat("3", 64)
						}
					}
					out, err := generator.Generate(spec, generator.Options{})
					if err != nil {
						t.Fatal(err)
					}
					files := map[string][]byte{}
					for _, n := range checkedOutputs {
						files[n] = out[n]
					}
					assertClean(t, stack+"/"+base, files, digests, false)
				})
			}
		}
	}
}
