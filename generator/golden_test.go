package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator"
	"github.com/rogpeppe/go-internal/diff"
)

// update rewrites expected outputs: DOCKERGEN_UPDATE=1 go test ./generator
var update = os.Getenv("DOCKERGEN_UPDATE") == "1"

// TestGolden generates every testdata/golden/<case>/dockergen.yaml and
// compares each output with the file of the same name beside it.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/golden/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			specPath := filepath.Join(dir, "dockergen.yaml")
			data, err := os.ReadFile(specPath)
			if err != nil {
				t.Fatal(err)
			}
			spec, err := generator.LoadSpec("dockergen.yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			files, err := generator.Generate(spec, generator.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range generator.Outputs {
				if _, ok := files[o.File]; !ok {
					t.Fatalf("no %s among the outputs %q", o.File, files.Names())
				}
			}
			for _, name := range files.Names() {
				want := filepath.Join(dir, name)
				if update {
					if err := os.WriteFile(want, files[name], 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				old, err := os.ReadFile(want)
				if err != nil {
					t.Errorf("%s: %v (run DOCKERGEN_UPDATE=1 go test ./generator to create it)", want, err)
					continue
				}
				if !bytes.Equal(old, files[name]) {
					t.Errorf("%s differs from the generated output (if the change is intended, run DOCKERGEN_UPDATE=1 go test ./generator):\n%s",
						want, diff.Diff(want, old, "generated", files[name]))
				}
			}
		})
	}
}

// TestInvalid loads every testdata/invalid/<case>.yaml, which must fail with
// exactly the message in <case>.err.
func TestInvalid(t *testing.T) {
	specs, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no invalid cases: %v", err)
	}
	for _, p := range specs {
		name := strings.TrimSuffix(filepath.Base(p), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			_, lerr := generator.LoadSpec(filepath.Base(p), data)
			if lerr == nil {
				t.Fatalf("%s loaded without error; it must fail", p)
			}
			var se *generator.SpecError
			if !asSpecError(lerr, &se) {
				t.Fatalf("error is %T, want *generator.SpecError: %v", lerr, lerr)
			}
			errPath := strings.TrimSuffix(p, ".yaml") + ".err"
			got := lerr.Error() + "\n"
			if update {
				if err := os.WriteFile(errPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(errPath)
			if err != nil {
				t.Fatalf("%v (run DOCKERGEN_UPDATE=1 go test ./generator to create it)", err)
			}
			if got != string(want) {
				t.Errorf("error message changed (if intended, run DOCKERGEN_UPDATE=1 go test ./generator)\n got: %s want: %s", got, want)
			}
		})
	}
}

func asSpecError(err error, target **generator.SpecError) bool {
	se, ok := err.(*generator.SpecError)
	*target = se
	return ok
}
