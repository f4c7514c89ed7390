package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// projectFixture is testdata/projects/NAME.fixture.yaml: what the project
// layout in testdata/projects/NAME is modelled on, and what must come of it.
type projectFixture struct {
	// From are the public projects whose layout the fixture copies (URLs).
	From []string `yaml:"from"`
	// Layout says what about that layout matters.
	Layout string `yaml:"layout"`
	// Stack is the stack 'init --yes' must choose.
	Stack string `yaml:"stack"`
	// Engine says the examples' e2e builds and runs it: its dependencies
	// come from the Go module proxy or npm, which the engine reaches here.
	Engine bool `yaml:"engine"`
	// NotBuilt says why a project whose dependencies the engine could
	// reach is not built (engine: false); the report shows it.
	NotBuilt string `yaml:"notBuilt"`
	// Probe is the HTTP path that must answer once it runs ("/" if empty).
	Probe string `yaml:"probe"`
	// Warnings are substrings of the warnings generate must give, each
	// once; any other warning fails.
	Warnings []string `yaml:"warnings"`
}

// minProjects are the sizes the corpus may not fall below, by the stacks
// the fixtures choose: 40 layouts of Go, Node.js, Python, Rust and static
// sites, and 30 of Java, Ruby, PHP and .NET.
var minProjects = []struct {
	stacks []string
	min    int
}{
	{[]string{"go", "node", "python", "rust", "static"}, 40},
	{[]string{"java-maven", "java-gradle", "dotnet", "ruby", "php"}, 30},
}

func loadProjectFixture(t *testing.T, file string) projectFixture {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (every project needs one)", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f projectFixture
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(f.From) == 0 || f.Layout == "" || f.Stack == "" {
		t.Fatalf("%s: from, layout and stack are required", file)
	}
	for _, u := range f.From {
		if !strings.HasPrefix(u, "https://") {
			t.Fatalf("%s: from %q is not an https URL of the public project", file, u)
		}
	}
	if f.NotBuilt != "" && f.Engine {
		t.Fatalf("%s: notBuilt says why a project is not built: it goes with engine: false", file)
	}
	return f
}

// projectOutputSkip are the outputs the corpus' goldens leave out:
// DOCKER-SECURITY.md explains a stack and base, and says the same for every
// project of them (the golden directories in testdata/golden check it).
var projectOutputSkip = map[string]bool{"DOCKER-SECURITY.md": true}

// compareProjectOutputs checks the files init --yes would write for a
// project against the golden directory dir (testdata/projects-out/NAME),
// file by file, with no file missing or left over; DOCKERGEN_UPDATE=1
// rewrites the directory.
func compareProjectOutputs(t *testing.T, dir string, files Files) {
	t.Helper()
	if os.Getenv("DOCKERGEN_UPDATE") == "1" {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range files.Names() {
			if projectOutputSkip[name] {
				continue
			}
			if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("%v (DOCKERGEN_UPDATE=1 writes it)", err)
	}
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
		if _, ok := files[e.Name()]; !ok || projectOutputSkip[e.Name()] {
			t.Errorf("%s/%s is no output of init --yes any more (DOCKERGEN_UPDATE=1 removes it)", dir, e.Name())
		}
	}
	for _, name := range files.Names() {
		if projectOutputSkip[name] {
			continue
		}
		if !have[name] {
			t.Errorf("%s/%s is missing (DOCKERGEN_UPDATE=1 writes it)", dir, name)
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, files[name]) {
			t.Errorf("%s/%s differs from what init --yes generates (DOCKERGEN_UPDATE=1 rewrites it):\n%s", dir, name, files[name])
		}
	}
}

// TestProjects runs what 'dockergen init --yes' does on each project layout
// of the corpus in testdata/projects (each modelled on a real public
// project, named in NAME.fixture.yaml): Detect must give NAME.detect.json
// (what 'dockergen detect --format json' prints; DOCKERGEN_UPDATE=1
// rewrites it), choose the fixture's stack, and the spec it suggests must
// validate, generate the files of testdata/projects-out/NAME, and pass the safety net on the project's own files
// with exactly the expected warnings.
func TestProjects(t *testing.T) {
	dirs, err := filepath.Glob("testdata/projects/*")
	if err != nil {
		t.Fatal(err)
	}
	perStack := map[string]int{}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			fx := loadProjectFixture(t, dir+".fixture.yaml")
			perStack[fx.Stack]++
			d, err := Detect(dir)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.JSON()
			if err != nil {
				t.Fatal(err)
			}
			wantFile := dir + ".detect.json"
			if os.Getenv("DOCKERGEN_UPDATE") == "1" {
				if err := os.WriteFile(wantFile, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (DOCKERGEN_UPDATE=1 writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("detection differs from %s (DOCKERGEN_UPDATE=1 rewrites it)\ngot:\n%s", wantFile, got)
			}
			best := d.Best()
			if best.Stack != fx.Stack {
				t.Fatalf("init --yes would choose %s, want %s", best.Stack, fx.Stack)
			}
			spec := best.Spec()
			spec.Defaults()
			if errs := spec.Validate(); len(errs) > 0 {
				t.Fatalf("the detected spec is invalid: %v", errs)
			}
			files, err := Generate(spec, Options{})
			if err != nil {
				t.Fatal(err)
			}
			compareProjectOutputs(t, filepath.Join("testdata/projects-out", filepath.Base(dir)), files)
			warnings, err := CheckContext(spec, files, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml"})
			if err != nil {
				t.Fatalf("the safety net refuses what init --yes would write: %v", err)
			}
			warnings = append(warnings, Warnings(spec)...)
			left := append([]string(nil), fx.Warnings...)
		next:
			for _, w := range warnings {
				for i, sub := range left {
					if strings.Contains(w, sub) {
						left = append(left[:i], left[i+1:]...)
						continue next
					}
				}
				t.Errorf("unexpected warning: %s", w)
			}
			for _, sub := range left {
				t.Errorf("no warning contains %q", sub)
			}
		})
	}
	for _, m := range minProjects {
		n := 0
		for _, st := range m.stacks {
			n += perStack[st]
		}
		if n < m.min {
			t.Errorf("the corpus has %d projects of %s, fewer than %d", n, strings.Join(m.stacks, ", "), m.min)
		}
	}
}
