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
func assertClean(t *testing.T, what string, files map[string][]byte, digests bool) {
	t.Helper()
	fs, err := check.Files(files)
	if err != nil {
		t.Fatalf("%s: generated output does not parse: %v", what, err)
	}
	for _, f := range fs {
		// TODO(issue 12): remove once the stacks use the catalog. The stacks
		// still emit bookworm, debian12 and alpine3.22 tags, which the
		// catalog (DG106) reports as end of life or frozen.
		if f.RuleID == check.RuleEndOfLife.ID {
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
			assertClean(t, dir, files, strings.Contains(string(spec), "digests:"))
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
					spec.Base = base
					if stack == "python" && base == generator.BaseDistroless {
						spec.Version = "3.11" // the only Python distroless ships
					}
					if stack == "php" && base == generator.BaseAlpine {
						spec.Server = "fpm" // the only PHP server image on Alpine
					}
					if digests {
						spec.Digests.Builder = "sha256:" + strings.Repeat("1", 64)
						if base != generator.BaseScratch {
							spec.Digests.Runtime = "sha256:" + strings.Repeat("2", 64)
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
					assertClean(t, stack+"/"+base, files, digests)
				})
			}
		}
	}
}
