package generator

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNpmTagPins: only a dist-tag that package-lock.json resolves sets
// build.pinTags; ranges, exact versions, x, v-prefixed versions, aliases,
// URLs, paths and a tag the lockfile lacks do not.
func TestNpmTagPins(t *testing.T) {
	lock := `{"lockfileVersion": 3, "packages": {"": {}, "node_modules/next": {"version": "16.4.6"}, "node_modules/react": {"version": "19.2.0"}}}`
	lockV1 := `{"lockfileVersion": 1, "dependencies": {"next": {"version": "13.0.0"}}}`
	for _, tc := range []struct {
		name, pkg, lock string
		from, reason    string
	}{
		{"latest", "{\n  \"dependencies\": {\n    \"react\": \"^19.0.0\",\n    \"next\": \"latest\"\n  }\n}", lock, "package.json:4", `next "latest" (package-lock.json has 16.4.6)`},
		{"dev-canary", "{\n  \"devDependencies\": {\"next\": \"canary\"}\n}", lock, "package.json:2", `next "canary" (package-lock.json has 16.4.6)`},
		{"lockfile-v1", `{"dependencies": {"next": "latest"}}`, lockV1, "package.json:1", `next "latest" (package-lock.json has 13.0.0)`},
		{"two", "{\"dependencies\": {\n\"react\": \"next\",\n\"next\": \"latest\"}}", lock, "package.json:2", `react "next" (package-lock.json has 19.2.0), next "latest" (package-lock.json has 16.4.6)`},
		{"ranges", `{"dependencies": {"next": "^16.0.0", "react": "19.2.0"}}`, lock, "", ""},
		{"x", `{"dependencies": {"next": "x", "react": "*"}}`, lock, "", ""},
		{"v-version", `{"dependencies": {"next": "v16.4.6"}}`, lock, "", ""},
		{"alias-url-path", `{"dependencies": {"next": "npm:next@latest", "react": "github:facebook/react", "a": "file:../a"}}`, lock, "", ""},
		{"not-locked", `{"dependencies": {"left-pad": "latest"}}`, lock, "", ""},
		{"no-lockfile", `{"dependencies": {"next": "latest"}}`, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"package.json": tc.pkg, "server.js": ""}
			if tc.lock != "" {
				files["package-lock.json"] = tc.lock
			}
			d, err := Detect(writeProject(t, files))
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("node")
			if c.PinTags.From != tc.from || c.PinTags.Reason != tc.reason {
				t.Errorf("pinTags from %q reason %q, want %q %q", c.PinTags.From, c.PinTags.Reason, tc.from, tc.reason)
			}
			s := c.Spec()
			if s.Build.PinTags != (tc.from != "") {
				t.Errorf("spec build.pinTags = %v", s.Build.PinTags)
			}
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("the suggested spec is invalid: %v", errs)
			}
		})
	}
}

// TestPinTagsScript runs the Dockerfile's pinning step with node, when the
// machine has it: tags take the locked version, everything else stays.
func TestPinTagsScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on this machine")
	}
	s := &Spec{APIVersion: APIVersion, Name: "web", Stack: "node", Build: Build{PinTags: true}}
	s.Defaults()
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var script string
	for _, line := range strings.Split(string(files["Dockerfile"]), "\n") {
		if strings.HasPrefix(line, `RUN ["node", "-e", `) {
			script = line
		}
	}
	if script == "" {
		t.Fatalf("no pinning step in the Dockerfile:\n%s", files["Dockerfile"])
	}
	var args []string
	if err := json.Unmarshal([]byte(strings.TrimPrefix(script, "RUN ")), &args); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", `{"name": "web", "dependencies": {"next": "latest", "react": "^19.0.0", "a": "file:../a", "b": "x"}, "devDependencies": {"@types/node": "beta"}}`)
	write("package-lock.json", `{"packages": {"node_modules/next": {"version": "16.4.6"}, "node_modules/react": {"version": "19.2.0"}, "node_modules/b": {"version": "1.0.0"}, "node_modules/@types/node": {"version": "22.1.0"}}}`)
	cmd := exec.Command(node, args[1:]...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "package.json"))
	for _, want := range []string{`"next": "16.4.6"`, `"react": "^19.0.0"`, `"a": "file:../a"`, `"b": "x"`, `"@types/node": "22.1.0"`, `"name": "web"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("package.json after the step has no %s:\n%s", want, got)
		}
	}
}
