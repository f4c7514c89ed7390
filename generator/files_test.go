package generator

import (
	"os"
	"strings"
	"testing"
)

// TestRuntimeFiles: files are copied into the runtime stage of the stacks
// whose image holds only the build's output, are refused elsewhere and
// outside the context, and a missing one is refused at its field.
func TestRuntimeFiles(t *testing.T) {
	for _, stack := range []string{"go", "rust"} {
		s := &Spec{APIVersion: APIVersion, Name: "app", Stack: stack, Files: []string{"templates", "config/app.yaml", "static/"}}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatalf("%s: %v", stack, errs)
		}
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		df := string(files["Dockerfile"])
		runtime := df[strings.LastIndex(df, "\nFROM "):]
		for _, want := range []string{`COPY ["templates", "/app/templates"]`, `COPY ["config/app.yaml", "/app/config/app.yaml"]`, `COPY ["static/", "/app/static"]`} {
			if !strings.Contains(runtime, want) {
				t.Errorf("%s: the runtime stage lacks %s:\n%s", stack, want, runtime)
			}
		}
		dir := writeProject(t, map[string]string{"go.mod": "module x\n", "main.go": "package main\n", "Cargo.toml": "[package]\nname = \"app\"\n", "Cargo.lock": "", "src/main.rs": "", "templates/index.html": "", "static/app.css": ""})
		_, err = CheckContext(s, files, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml"})
		if err == nil || !strings.Contains(err.Error(), "files[1]") || !strings.Contains(err.Error(), "config/app.yaml") {
			t.Errorf("%s: a missing file: got %v, want an error at files[1]", stack, err)
		}
	}
	for _, f := range []string{"../secrets", "-x", ".", "/etc/passwd", "a b"} {
		s := &Spec{APIVersion: APIVersion, Name: "app", Stack: "go", Files: []string{f}}
		s.Defaults()
		if errs := s.Validate(); len(errs) != 1 || errs[0].Field != "files[0]" {
			t.Errorf("files %q: got %v, want one error at files[0]", f, errs)
		}
	}
	s := &Spec{APIVersion: APIVersion, Name: "app", Stack: "node", Files: []string{"views"}}
	s.Defaults()
	if errs := s.Validate(); len(errs) != 1 || errs[0].Field != "files" {
		t.Errorf("node with files: got %v, want one error at files", errs)
	}
}
