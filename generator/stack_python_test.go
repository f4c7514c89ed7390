package generator

import (
	"reflect"
	"strings"
	"testing"
)

func TestDetectPythonServer(t *testing.T) {
	for _, tc := range []struct {
		name         string
		files        map[string]string
		tool, server string
		main         string
		noteHas      string
	}{
		{name: "flask", files: map[string]string{"requirements.txt": "Flask==3.0\ngunicorn>=22 ; python_version > '3.8'\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}, tool: "pip", server: "gunicorn", main: "app:app"},
		{name: "flask-no-gunicorn", files: map[string]string{"requirements.txt": "flask\n# gunicorn later\n", "app.py": "import flask\nweb = flask.Flask(__name__)\n"}, tool: "pip", main: "flask", noteHas: "add gunicorn to requirements.txt"},
		{name: "fastapi-poetry", files: map[string]string{"pyproject.toml": "[tool.poetry]\nname = \"x\"\n[tool.poetry.dependencies]\nuvicorn = {extras = [\"standard\"], version = \"^0.30\"}\n", "poetry.lock": "", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n"}, tool: "poetry", server: "uvicorn", main: "main:app"},
		{name: "django-uv", files: map[string]string{"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"django\", \"gunicorn\"]\n", "uv.lock": "", "manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n", "site1/wsgi.py": ""}, tool: "uv", server: "gunicorn", main: "site1.wsgi:application"},
		{name: "gunicorn-prefix-only", files: map[string]string{"requirements.txt": "gunicorn-extras==1\n", "app.py": "app = Flask(__name__)\n"}, tool: "pip", main: "flask", noteHas: "add gunicorn"},
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
		s := &Spec{Name: "app", Stack: "python", Version: "3.13", Base: tc.base, Server: tc.server, Main: tc.main}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatalf("%+v: %v", tc, errs)
		}
		_, _, interp, _ := stacks["python"].images(s)
		if got := pythonEntry(s, interp); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s: entry %q, want %q", tc.base, tc.server, got, tc.want)
		}
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		df := string(files["Dockerfile"])
		if onPath := strings.Contains(df, "PYTHONPATH=/opt/venv/lib/python3.13/site-packages"); onPath != (tc.base == BaseDistroless) {
			t.Errorf("%s: PYTHONPATH on the venv is %v, want it only on distroless", tc.base, onPath)
		}
	}
}

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

// TestPythonVersionSources: .python-version pins the interpreter (its first
// line that is not a comment); requires-python and Poetry's python are
// ranges: the newest supported line in them, not their minimum.
func TestPythonVersionSources(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  Detected
	}{
		{map[string]string{"pyproject.toml": "[project]\nname = \"a\"\nrequires-python = \">=3.9\"\n"},
			Detected{Value: "3.14", From: "pyproject.toml:3", Reason: ">=3.9 (pyproject.toml:3) → 3.14, the newest supported"}},
		{map[string]string{"pyproject.toml": "[project]\nrequires-python = \">=3.9,<3.13\"\n"},
			Detected{Value: "3.12", From: "pyproject.toml:2", Reason: ">=3.9,<3.13 (pyproject.toml:2) → 3.12, the newest supported allowed (security fixes only; end of life on 2028-10-31)"}},
		{map[string]string{"pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.11\"\n"},
			Detected{Value: "3.14", From: "pyproject.toml:2", Reason: ">=3.11 (pyproject.toml:2) → 3.14, the newest supported"}},
		{map[string]string{"pyproject.toml": "[project]\nrequires-python = \">=3.9\"\n", ".python-version": "# pyenv\n\n3.13.1\n"},
			Detected{Value: "3.13", From: ".python-version:3", Reason: "3.13 (.python-version:3) → 3.13 (security fixes only; end of life on 2029-10-31)"}},
	} {
		d, err := Detect(writeProject(t, tc.files))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.For("python").Version; got != tc.want {
			t.Errorf("%v: version %+v, want %+v", tc.files, got, tc.want)
		}
	}
}
