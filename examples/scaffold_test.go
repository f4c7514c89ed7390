package examples

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/cmd/dockergen/cli"
	"github.com/dockergen/dockergen/generator"
)

// scaffoldRecipes returns the dockergen commands of each target of a Makefile
// (the recipe lines that start with $(DOCKERGEN)), as argument lists.
func scaffoldRecipes(t *testing.T, makefile string) map[string][][]string {
	t.Helper()
	f, err := os.Open(makefile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recipes := map[string][][]string{}
	target := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "\t$(DOCKERGEN) "):
			recipes[target] = append(recipes[target], strings.Fields(strings.TrimPrefix(line, "\t$(DOCKERGEN) ")))
		case !strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, "#") && strings.Contains(line, ":") && !strings.Contains(line, "="):
			target, _, _ = strings.Cut(line, ":")
		}
	}
	return recipes
}

// scaffoldRun runs the CLI in the current directory and returns its exit
// status and output.
func scaffoldRun(args ...string) (int, string) {
	var out bytes.Buffer
	code := cli.Main(args, strings.NewReader(""), &out, &out)
	return code, out.String()
}

// scaffoldInstantiate copies the template into dir/name, renaming its module as a
// user would.
func scaffoldInstantiate(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("scaffold", "template")
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = bytes.Replace(data, []byte("module example.com/scaffold"), []byte("module example.com/"+name), 1)
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestScaffold instantiates examples/scaffold/template, runs its Makefile's
// dockergen commands (no terminal, no questions), and checks the generated
// project: the spec detected from the service, container files that are
// current, the service compiling, and the spec staying the user's after edits.
func TestScaffold(t *testing.T) {
	if _, err := os.Stat(filepath.Join("scaffold", "template", scaffoldSpec)); err == nil {
		t.Fatal("the template must not hold a spec: init writes it")
	}
	recipes := scaffoldRecipes(t, filepath.Join("scaffold", "template", "Makefile"))
	want := map[string][][]string{
		"dockergen.yaml": {{"init", "--yes", "."}},
		"container":      {{"generate", "--force"}},
		"check":          {{"generate", "--check"}},
	}
	if !reflect.DeepEqual(recipes, want) {
		t.Fatalf("the Makefile's dockergen commands are %q, want %q", recipes, want)
	}
	dir := scaffoldInstantiate(t, "myapp")
	t.Chdir(dir)

	// make container, the first time: dockergen.yaml, then container.
	for _, target := range []string{"dockergen.yaml", "container"} {
		for _, args := range recipes[target] {
			if code, out := scaffoldRun(args...); code != 0 {
				t.Fatalf("%s: dockergen %s: exit %d\n%s", target, strings.Join(args, " "), code, out)
			}
		}
	}
	data, err := os.ReadFile(scaffoldSpec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("# yaml-language-server: $schema=")) {
		t.Errorf("the spec's first line is not the schema line:\n%s", data)
	}
	spec, err := generator.LoadSpec(scaffoldSpec, data)
	if err != nil {
		t.Fatal(err)
	}
	if spec.Name != "myapp" || spec.Stack != "go" || spec.Main != "." || spec.Base != generator.BaseDistroless || !reflect.DeepEqual(spec.Healthcheck.Command, []string{"/app/myapp", "-healthcheck"}) {
		t.Errorf("detected spec %+v", spec)
	}
	for _, o := range generator.Outputs {
		if _, err := os.Stat(o.File); err != nil {
			t.Errorf("%s was not written: %v", o.File, err)
		}
	}
	// make check
	if code, out := scaffoldRun(recipes["check"][0]...); code != 0 {
		t.Errorf("make check: exit %d\n%s", code, out)
	}

	// The spec is the user's: after an edit, make container (which does not
	// run init again, since dockergen.yaml exists) brings the files in line.
	edited := bytes.Replace(data, []byte("memory: 256m"), []byte("memory: 512m"), 1)
	if bytes.Equal(edited, data) {
		t.Fatalf("no memory line to edit in\n%s", data)
	}
	os.WriteFile(scaffoldSpec, edited, 0o644)
	if code, _ := scaffoldRun(recipes["check"][0]...); code != 1 {
		t.Errorf("make check after an edit: exit %d, want 1 (drift)", code)
	}
	if code, out := scaffoldRun(recipes["container"][0]...); code != 0 || !strings.Contains(out, "updated   run.sh") {
		t.Errorf("make container after an edit: exit %d\n%s", code, out)
	}
	if code, out := scaffoldRun(recipes["check"][0]...); code != 0 {
		t.Errorf("make check: exit %d\n%s", code, out)
	}
	if got, _ := os.ReadFile(scaffoldSpec); !bytes.Equal(got, edited) {
		t.Error("the edited spec was changed")
	}

	// The service itself builds and vets, offline (standard library only).
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the service with")
	}
	for _, args := range [][]string{{"vet", "./..."}, {"build", "-o", filepath.Join(t.TempDir(), "myapp"), "."}} {
		cmd := exec.Command(goBin, args...)
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// scaffoldSpec is the spec's name in a project.
const scaffoldSpec = "dockergen.yaml"
