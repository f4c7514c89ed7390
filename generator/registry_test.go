package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/profiles"
	"github.com/dockergen/dockergen/templates"
)

// TestRegistry: the registry is the catalog: Stacks lists exactly its
// stacks, each registered once under its own name with a detector, and
// DetectionOrder is its order without the stacks that are never detected.
func TestRegistry(t *testing.T) {
	var names []string
	for _, st := range registry {
		names = append(names, st.Name)
		if stacks[st.Name] != st || st.Detector == nil {
			t.Errorf("stack %s: not found under its name, or no detector", st.Name)
		}
	}
	sorted := slices.Sorted(slices.Values(names))
	if !slices.Equal(Stacks(), sorted) || len(stacks) != len(registry) {
		t.Errorf("Stacks() = %v, registry %v", Stacks(), names)
	}
	if got, want := DetectionOrder(), "go > rust > java-maven > java-gradle > dotnet > ruby > php > python > node > static"; got != want {
		t.Errorf("DetectionOrder() = %q, want %q", got, want)
	}
}

// TestStackComplete: every registered stack has everything that is keyed
// by its name outside its stack file: its Dockerfile and .dockerignore
// partials, a seccomp profile that loads, and an example spec of that
// stack (examples/NAME/dockergen.yaml, read only).
func TestStackComplete(t *testing.T) {
	for _, st := range registry {
		t.Run(st.Name, func(t *testing.T) {
			for _, part := range []string{st.Name + ".Dockerfile.tmpl", st.Name + ".dockerignore.tmpl"} {
				if _, err := fs.Stat(templates.FS, part); err != nil {
					t.Errorf("template partial: %v", err)
				}
			}
			if p := ProfileFor(st.Name); p == "" {
				t.Error("no seccomp profile")
			} else if _, err := profiles.For(p); err != nil {
				t.Errorf("seccomp profile %s: %v", p, err)
			}
			path := filepath.Join("..", "examples", st.Name, "dockergen.yaml")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("example: %v", err)
			}
			spec, err := LoadSpec(path, data)
			if err != nil {
				t.Fatalf("example: %v", err)
			}
			if spec.Stack != st.Name {
				t.Errorf("%s: stack %q, want %q", path, spec.Stack, st.Name)
			}
		})
	}
	// And no partial is left of a stack that is not registered.
	for _, glob := range []string{"*.Dockerfile.tmpl", "*.dockerignore.tmpl"} {
		parts, _ := fs.Glob(templates.FS, glob)
		for _, p := range parts {
			if name, _, _ := strings.Cut(p, "."); stacks[name] == nil {
				t.Errorf("templates/%s is the partial of %q, which is not registered", p, name)
			}
		}
	}
}

// TestGoldenCoverage: every registered stack has a golden case
// (testdata/golden/*/dockergen.yaml) on each of its bases, and no golden
// case names a stack or base the catalog does not have.
func TestGoldenCoverage(t *testing.T) {
	specs, err := filepath.Glob("testdata/golden/*/dockergen.yaml")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	covered := map[[2]string]bool{}
	for _, p := range specs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := LoadSpec(p, data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !slices.Contains(BasesFor(s.Stack), s.Base) {
			t.Errorf("%s: stack %s, base %s is not in the catalog", p, s.Stack, s.Base)
		}
		covered[[2]string{s.Stack, s.Base}] = true
	}
	for _, st := range registry {
		for _, b := range st.Bases {
			if !covered[[2]string{st.Name, b}] {
				t.Errorf("no golden case for stack %s on base %s (add testdata/golden/%s-%s)", st.Name, b, st.Name, b)
			}
		}
	}
}

// TestWizardTexts: the wizard's per-stack texts read from the catalog keep
// what cmd/dockergen/cli/init.go wrote by the stack's name.
func TestWizardTexts(t *testing.T) {
	for name, want := range map[string]string{"go": "Main package:", "node": "Script to run:", "python": "Script to run:",
		"ruby": "Script to run:", "php": "What to run (main):", "rust": "What to run (main):", "nope": "What to run (main):"} {
		if got := MainPrompt(name); got != want {
			t.Errorf("MainPrompt(%q) = %q, want %q", name, got, want)
		}
	}
	for _, name := range Stacks() {
		want := ""
		if name == "go" {
			want = "-healthcheck"
		}
		if got := HealthFlag(name); got != want {
			t.Errorf("HealthFlag(%q) = %q, want %q", name, got, want)
		}
	}
}
