package generator

import (
	"errors"
	"strings"
	"testing"
)

func assetsTestSpec(stack string, a Assets) *Spec {
	s := &Spec{Name: "app", Stack: stack, Assets: a}
	s.Defaults()
	return s
}

// Every assets lockfile is known to the safety net: without it, the error
// names the assets stage, the lockfile, how to create it and assets.tool.
func TestAssetsCheckContextLockfile(t *testing.T) {
	for _, stack := range stacksWith(func(st *stack) bool { return st.Assets }) {
		for _, tool := range nodeStack.Tools {
			s := assetsTestSpec(stack, Assets{Command: []string{tool, "run", "build"}, Output: "public/build", Tool: tool})
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("%s/%s: %v", stack, tool, errs)
			}
			files, err := Generate(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			df := string(files["Dockerfile"])
			if !strings.Contains(df, "AS assets") || !strings.Contains(df, "COPY --from=assets /src/public/build public/build") {
				t.Fatalf("%s/%s: no assets stage or copy in the Dockerfile:\n%s", stack, tool, df)
			}
			lock := nodeLockfile(tool)
			fsys := fullContext(t, s, files)
			if _, err := CheckContext(s, files, Options{}, Project{Context: fsys, ContextName: "."}); err != nil {
				t.Fatalf("%s/%s: a full context fails: %v", stack, tool, err)
			}
			delete(fsys, lock)
			_, err = CheckContext(s, files, Options{}, Project{Context: fsys, ContextName: ".", SpecFile: "dockergen.yaml"})
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("%s/%s without %s: got %v, want a SpecError", stack, tool, lock, err)
			}
			if se.Field != "assets.tool" || !strings.Contains(se.Msg, "the assets stage ("+tool+") copies "+lock) {
				t.Errorf("%s/%s without %s: %s (field %s)", stack, tool, lock, se.Msg, se.Field)
			}
		}
	}
}

func TestAssetsValidate(t *testing.T) {
	for _, c := range []struct {
		stack string
		a     Assets
		field string
	}{
		{"go", Assets{Command: []string{"npm", "run", "build"}, Output: "dist"}, "assets"},
		{"php", Assets{Output: "public/build"}, "assets.command"},
		{"php", Assets{Command: []string{"npm", "run", "build"}, Output: "../out"}, "assets.output"},
		{"php", Assets{Command: []string{"npm", "run", "build"}, Output: "."}, "assets.output"},
		{"ruby", Assets{Command: []string{"bun", "run", "build"}, Output: "app/assets/builds", Tool: "bun"}, "assets.tool"},
		{"ruby", Assets{Command: []string{"yarn", "build"}, Output: "app/assets/builds", Node: "lts"}, "assets.node"},
	} {
		errs := assetsTestSpec(c.stack, c.a).Validate()
		found := false
		for _, e := range errs {
			found = found || e.Field == c.field
		}
		if !found {
			t.Errorf("%s %+v: got %v, want an error on %s", c.stack, c.a, errs, c.field)
		}
	}
	// A stack without assets renders no assets stage.
	s := assetsTestSpec("php", Assets{})
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(files["Dockerfile"]), "assets") {
		t.Errorf("a php spec without assets mentions them:\n%s", files["Dockerfile"])
	}
}
