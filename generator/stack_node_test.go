package generator

import (
	"reflect"
	"strings"
	"testing"
)

func TestDetectNodeTool(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		tool     string
		from     string
		build    []string
		output   string
		noteHas  string
		specMain string
	}{
		{name: "npm", files: map[string]string{"package.json": `{"name":"a"}`, "package-lock.json": "{}", "server.js": ""}, tool: "npm", from: "package-lock.json"},
		{name: "yarn", files: map[string]string{"package.json": `{"name":"a"}`, "yarn.lock": "# yarn lockfile v1\n", "server.js": ""}, tool: "yarn", from: "yarn.lock", noteHas: "pinned yarn 1.22.22"},
		{name: "pnpm", files: map[string]string{"package.json": `{"name":"a"}`, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "server.js": ""}, tool: "pnpm", from: "pnpm-lock.yaml", noteHas: "pinned pnpm 10.12.1"},
		{name: "packageManager", files: map[string]string{"package.json": "{\n  \"name\": \"a\",\n  \"packageManager\": \"pnpm@9.1.0\"\n}", "package-lock.json": "{}", "pnpm-lock.yaml": "", "server.js": ""}, tool: "pnpm", from: "package.json:3", noteHas: "several lockfiles"},
		{name: "berry", files: map[string]string{"package.json": `{"name":"a","packageManager":"yarn@4.9.2+sha512.abc"}`, "yarn.lock": "__metadata:\n  version: 8\n", "server.js": ""}, tool: "yarn", from: "package.json:1", noteHas: "Yarn 2+ lockfile"},
		{name: "no-lock", files: map[string]string{"package.json": `{"name":"a"}`, "server.js": ""}, noteHas: "package-lock.json is missing"},
		{
			name:  "build-output",
			files: map[string]string{"package.json": "{\n\"name\":\"a\",\n\"scripts\":{\"build\":\"tsc --outDir dist\",\"start\":\"node dist/main.js\"}\n}", "pnpm-lock.yaml": ""},
			tool:  "pnpm", from: "pnpm-lock.yaml", build: []string{"pnpm", "run", "build"}, output: "dist", specMain: "dist/main.js",
		},
		{
			name:  "build-main-outside",
			files: map[string]string{"package.json": "{\n\"name\":\"a\",\n\"scripts\":{\"build\":\"vite build --outDir build\",\"start\":\"node server.js\"}\n}", "package-lock.json": "{}", "server.js": ""},
			tool:  "npm", from: "package-lock.json", build: []string{"npm", "run", "build"}, noteHas: "build.output is not suggested",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Detect(writeProject(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("node")
			if c.Tool.Value != tc.tool || c.Tool.From != tc.from {
				t.Errorf("tool = %q from %q, want %q from %q", c.Tool.Value, c.Tool.From, tc.tool, tc.from)
			}
			if !reflect.DeepEqual(c.BuildCommand, tc.build) || c.Output.Value != tc.output {
				t.Errorf("build %v output %q, want %v %q", c.BuildCommand, c.Output.Value, tc.build, tc.output)
			}
			if tc.noteHas != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tc.noteHas) {
				t.Errorf("no note with %q: %q", tc.noteHas, c.Notes)
			}
			s := c.Spec()
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("the suggested spec is invalid: %v", errs)
			}
			if tc.specMain != "" && s.Main != tc.specMain {
				t.Errorf("main = %q, want %q", s.Main, tc.specMain)
			}
			if tc.tool != "" && s.Build.Tool != tc.tool {
				t.Errorf("spec build.tool = %q, want %q", s.Build.Tool, tc.tool)
			}
		})
	}
}

// TestNodeVersionSources: .nvmrc (an npm range or alias) comes before
// package.json's engines (a range: the newest supported LTS in it, not its
// minimum); each value says why.
func TestNodeVersionSources(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  Detected
	}{
		{map[string]string{"package.json": "{\n  \"name\": \"a\",\n  \"engines\": {\"node\": \">=18\"}\n}\n"},
			Detected{Value: "26", From: "package.json:3", Reason: ">=18 (package.json:3) → 26, the newest LTS"}},
		{map[string]string{"package.json": `{"engines": {"node": "^20 || ^22"}}`},
			Detected{Value: "22", From: "package.json:1", Reason: "^20 || ^22 (package.json:1) → 22, the newest LTS allowed (security fixes only; end of life on 2027-04-30)"}},
		{map[string]string{"package.json": `{"engines": {"node": ">=18"}}`, ".nvmrc": "lts/*\n"},
			Detected{Value: "26", From: ".nvmrc:1", Reason: "lts/* (.nvmrc:1) → 26, the newest LTS"}},
		{map[string]string{"package.json": `{}`, ".nvmrc": "v20.11.0\n"},
			Detected{Value: "20", From: ".nvmrc:1", Reason: "v20.11.0 (.nvmrc:1) → 20 (20.11.0), end of life since 2026-04-30 (newest supported: 26)"}},
		{map[string]string{"package.json": `{}`, ".node-version": "24\n"},
			Detected{Value: "24", From: ".node-version:1", Reason: "24 (.node-version:1) → 24 (security fixes only; end of life on 2028-04-30)"}},
	} {
		d, err := Detect(writeProject(t, tc.files))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.For("node").Version; got != tc.want {
			t.Errorf("%v: version %+v, want %+v", tc.files, got, tc.want)
		}
	}
}
