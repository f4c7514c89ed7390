package generator

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeProject writes files (name -> content) into a new directory.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDetectNodeTool: packageManager wins over the lockfiles; each
// lockfile names its tool; the suggested spec carries the tool, the build
// command and the output.
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

// TestDetectPythonServer: a framework's server is suggested only when it
// is a dependency, with main as module:callable.
func TestDetectPythonServer(t *testing.T) {
	for _, tc := range []struct {
		name         string
		files        map[string]string
		tool, server string
		main         string
		noteHas      string
	}{
		{name: "flask", files: map[string]string{"requirements.txt": "Flask==3.0\ngunicorn>=22 ; python_version > '3.8'\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}, tool: "pip", server: "gunicorn", main: "app:app"},
		{name: "flask-no-gunicorn", files: map[string]string{"requirements.txt": "flask\n# gunicorn later\n", "app.py": "import flask\nweb = flask.Flask(__name__)\n"}, tool: "pip", main: "app.py", noteHas: "add gunicorn"},
		{name: "fastapi-poetry", files: map[string]string{"pyproject.toml": "[tool.poetry]\nname = \"x\"\n[tool.poetry.dependencies]\nuvicorn = {extras = [\"standard\"], version = \"^0.30\"}\n", "poetry.lock": "", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n"}, tool: "poetry", server: "uvicorn", main: "main:app"},
		{name: "django-uv", files: map[string]string{"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"django\", \"gunicorn\"]\n", "uv.lock": "", "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n", "site1/wsgi.py": ""}, tool: "uv", server: "gunicorn", main: "site1.wsgi:application"},
		{name: "gunicorn-prefix-only", files: map[string]string{"requirements.txt": "gunicorn-extras==1\n", "app.py": "app = Flask(__name__)\n"}, tool: "pip", main: "app.py", noteHas: "add gunicorn"},
		{name: "pipfile", files: map[string]string{"Pipfile": "[packages]\n", "app.py": ""}, main: "app.py", noteHas: "pipenv is not supported"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Detect(writeProject(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("python")
			if c == nil {
				t.Fatalf("python not detected: %v", d.Stacks())
			}
			if c.Tool.Value != tc.tool || c.Server.Value != tc.server || c.Main.Value != tc.main {
				t.Errorf("tool %q server %q main %q, want %q %q %q", c.Tool.Value, c.Server.Value, c.Main.Value, tc.tool, tc.server, tc.main)
			}
			if tc.server != "" && !c.Server.Found() {
				t.Errorf("server has no source")
			}
			if tc.noteHas != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tc.noteHas) {
				t.Errorf("no note with %q: %q", tc.noteHas, c.Notes)
			}
			s := c.Spec()
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("the suggested spec is invalid: %v", errs)
			}
			if _, err := Generate(s, Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestPythonEntry: the venv's own interpreter and scripts where the builder
// and runtime images match, the runtime's python3 with -m on distroless.
func TestPythonEntry(t *testing.T) {
	for _, tc := range []struct {
		base, server, main string
		want               []string
	}{
		{BaseSlim, "none", "app.py", []string{"/opt/venv/bin/python", "app.py"}},
		{BaseDistroless, "none", "app.py", []string{"/usr/bin/python3", "app.py"}},
		{BaseAlpine, "gunicorn", "app:app", []string{"/opt/venv/bin/gunicorn", "--bind", "0.0.0.0:8080", "--workers", "3", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "--error-logfile", "-", "app:app"}},
		{BaseDistroless, "uvicorn", "pkg.main:api", []string{"/usr/bin/python3", "-m", "uvicorn", "--host", "0.0.0.0", "--port", "8080", "--no-server-header", "pkg.main:api"}},
	} {
		s := &Spec{Name: "app", Stack: "python", Version: "3.11", Base: tc.base, Server: tc.server, Main: tc.main}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatalf("%+v: %v", tc, errs)
		}
		_, _, interp, _ := stacks["python"].Images(s.Version, s.Base)
		if got := pythonEntry(s, interp); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s: entry %q, want %q", tc.base, tc.server, got, tc.want)
		}
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		df := string(files["Dockerfile"])
		if onPath := strings.Contains(df, "PYTHONPATH=/opt/venv/lib/python3.11/site-packages"); onPath != (tc.base == BaseDistroless) {
			t.Errorf("%s: PYTHONPATH on the venv is %v, want it only on distroless", tc.base, onPath)
		}
	}
}

// TestGunicornWorkers: 2 x CPUs + 1, bounded by memory and pids.
func TestGunicornWorkers(t *testing.T) {
	for _, tc := range []struct {
		cpus, mem  string
		pids, want int
	}{
		{"1", "256m", 128, 3},
		{"0.5", "128m", 64, 2},
		{"4", "4g", 1024, 9},
		{"4", "128m", 1024, 2},
		{"2", "1g", 8, 2},
		{"1", "32m", 2, 1},
	} {
		s := &Spec{Resources: Resources{CPUs: tc.cpus, Memory: tc.mem, Pids: tc.pids}}
		if got := GunicornWorkers(s); got != tc.want {
			t.Errorf("%+v: %d workers, want %d", tc, got, tc.want)
		}
	}
}
