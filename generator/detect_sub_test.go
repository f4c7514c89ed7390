package generator

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func subDirs(subs []Subproject) []string {
	var out []string
	for _, s := range subs {
		out = append(out, s.Stack+" "+s.Dir)
	}
	return out
}

func TestDetectSubfolders(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // stack dir, best first
	}{
		{"spring guide: complete before initial", map[string]string{
			"README.adoc": "= guide", "initial/pom.xml": "<project/>", "complete/pom.xml": "<project/>",
			"complete/src/main/java/App.java": "class App {}",
		}, []string{"java-maven complete", "java-maven initial"}},
		{"monorepo: registry order, weak last", map[string]string{
			"web/package.json": `{"name":"web","scripts":{"start":"node server.js"}}`,
			"api/go.mod":       "module example.com/api\n", "docs/index.html": "<html>",
		}, []string{"go api", "node web", "static docs"}},
		{"two levels, skipping dependencies and hidden folders", map[string]string{
			"services/billing/Cargo.toml":        "[package]\nname = \"billing\"\n",
			"node_modules/left-pad/package.json": "{}", ".github/workflows/package.json": "{}",
			"vendor/x/go.mod": "module x\n", "target/classes/pom.xml": "<project/>",
		}, []string{"rust services/billing"}},
		{"shallower first, and a project's own subfolders are its modules", map[string]string{
			"backend/pom.xml": "<project/>", "backend/module/pom.xml": "<project/>",
			"tools/scripts/requirements.txt": "requests\n",
		}, []string{"java-maven backend", "python tools/scripts"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeProject(t, tc.files)
			_, err := Detect(dir)
			var none *NoProjectError
			if !errors.As(err, &none) {
				t.Fatalf("Detect: %v, want a NoProjectError", err)
			}
			if got := subDirs(none.Subprojects); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("subprojects %q, want %q", got, tc.want)
			}
			first := none.Subprojects[0]
			want := "found a " + first.Stack + " project in " + first.Dir + "/ (" + strings.Join(first.Evidence, ", ") + ")"
			if msg := err.Error(); !strings.Contains(msg, want) || !strings.Contains(msg, "run 'dockergen init "+filepath.Join(dir, first.Dir)+"'") {
				t.Errorf("message %q does not name %q and how to init it", msg, want)
			}
		})
	}
}

func TestDetectSubfoldersMessage(t *testing.T) {
	e := &NoProjectError{Dir: "gs", Subprojects: []Subproject{{Dir: "complete", Stack: "java-maven", Evidence: []string{"pom.xml"}}}}
	if got, want := e.Error(), "gs: no project at the top, but found a java-maven project in complete/ (pom.xml): run 'dockergen init gs/complete'"; got != want {
		t.Errorf("one subfolder:\n got %s\nwant %s", got, want)
	}
	e.Subprojects = append(e.Subprojects, Subproject{Dir: "initial", Stack: "java-maven", Evidence: []string{"pom.xml"}, Unfinished: true})
	want := "gs: no project at the top, but in 2 subfolders (best first):\n" +
		"  found a java-maven project in complete/ (pom.xml): run 'dockergen init gs/complete'\n" +
		"  found a java-maven project in initial/ (pom.xml), which looks like an exercise's starting point: run 'dockergen init gs/initial'"
	if got := e.Error(); got != want {
		t.Errorf("two subfolders:\n got %s\nwant %s", got, want)
	}
}

// A root with only a weak candidate (a site) is still detected, with the
// strong projects of its subfolders as hints; a strong root is not searched.
func TestDetectWeakRootSubfolders(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"index.html": "<html>", "app/Gemfile": "source 'https://rubygems.org'\n", "site/index.html": "<html>",
	})
	d, err := Detect(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Stacks(), []string{"static"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("stacks %q, want %q", got, want)
	}
	if got, want := subDirs(d.Subprojects), []string{"ruby app"}; !reflect.DeepEqual(got, want) {
		t.Errorf("subprojects %q, want %q (weak ones left out)", got, want)
	}
	dir = writeProject(t, map[string]string{"go.mod": "module example.com/x\n", "web/package.json": `{"name":"web"}`})
	if d, err := Detect(dir); err != nil || len(d.Subprojects) != 0 {
		t.Errorf("a go root: %v, subprojects %v; want none searched", err, d.Subprojects)
	}
}
