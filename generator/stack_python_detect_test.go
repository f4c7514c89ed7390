package generator

import (
	"reflect"
	"strings"
	"testing"
)

// TestPythonEntries: each way a project says how it starts gives main,
// server, arguments, port, environment and notes, and the suggested spec
// validates and generates.
func TestPythonEntries(t *testing.T) {
	flask := "from flask import Flask\napp = Flask(__name__)\n"
	fastapi := "from fastapi import FastAPI\napp = FastAPI()\n"
	for _, tc := range []struct {
		name         string
		files        map[string]string
		main, server string
		args         string
		port         string
		env          string // NAME=VALUE
		noteHas      string
		noNote       string
	}{
		// Flask: gunicorn when it is a dependency, whatever app.run says.
		{name: "flask-gunicorn", files: map[string]string{"requirements.txt": "flask\ngunicorn\n", "app.py": flask + "if __name__ == '__main__':\n    app.run(debug=True)\n"},
			main: "app:app", server: "gunicorn", port: "8000"},
		// Without gunicorn, app.run on every interface without the debugger
		// runs as it is, on its port.
		{name: "flask-app-run-public", files: map[string]string{"requirements.txt": "flask\n", "app.py": flask + "if __name__ == '__main__':\n    app.run(host='0.0.0.0', port=5001)\n"},
			main: "app.py", server: "none", port: "5001", noteHas: "add gunicorn to requirements.txt"},
		// A guarded debug run (loopback, debugger): Flask's own server
		// through python -m flask, never 'python app.py'.
		{name: "flask-debug-run", files: map[string]string{"requirements.txt": "flask\n", "app.py": flask + "if __name__ == '__main__':\n    app.run(debug=True)\n"},
			main: "flask", server: "none", args: "--app app:app run", port: "5000", env: "FLASK_RUN_HOST=0.0.0.0 FLASK_RUN_PORT=5000", noteHas: "development server"},
		// An app factory in a package.
		{name: "flask-factory", files: map[string]string{"requirements.txt": "flask\ngunicorn==23.0.0\n", "pkg/__init__.py": "from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n"},
			main: "pkg:create_app()", server: "gunicorn", port: "8000"},
		// fastapi[standard] brings uvicorn: no "add uvicorn" note.
		{name: "fastapi-standard", files: map[string]string{"requirements.txt": "fastapi[standard]>=0.115\n", "main.py": fastapi},
			main: "main:app", server: "uvicorn", port: "8000", noNote: "uvicorn"},
		{name: "fastapi-standard-poetry", files: map[string]string{"pyproject.toml": "[tool.poetry]\nname = \"x\"\n[tool.poetry.dependencies]\nfastapi = {extras = [\"standard\"], version = \"^0.115\"}\n", "poetry.lock": "", "app/__init__.py": "", "app/main.py": fastapi},
			main: "app.main:app", server: "uvicorn", port: "8000", noNote: "uvicorn"},
		{name: "fastapi-no-server", files: map[string]string{"requirements.txt": "fastapi\n", "main.py": fastapi},
			main: "main.py", server: "none", port: "8080", noteHas: "add uvicorn to requirements.txt"},
		{name: "fastapi-entrypoint", files: map[string]string{"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"fastapi[standard]\"]\n\n[tool.fastapi]\nentrypoint = \"api.server:application\"\n", "api/__init__.py": "", "api/server.py": "application = make()\n"},
			main: "api.server:application", server: "uvicorn", port: "8000"},
		{name: "uvicorn-run-port", files: map[string]string{"requirements.txt": "fastapi\nuvicorn\n", "main.py": fastapi + "def start():\n    uvicorn.run('main:app', host='0.0.0.0', port=8001)\n"},
			main: "main:app", server: "uvicorn", port: "8001"},
		// Console scripts and python -m.
		{name: "project-scripts", files: map[string]string{"pyproject.toml": "[project]\nname = \"tool\"\ndependencies = []\n\n[project.scripts]\ntool = \"tool.cli:main\"\n", "tool/__init__.py": "", "tool/cli.py": "def main():\n    pass\n"},
			main: "tool.cli:main", server: "none", port: "8080"},
		{name: "poetry-scripts", files: map[string]string{"pyproject.toml": "[tool.poetry]\nname = \"svc\"\n\n[tool.poetry.scripts]\nserve = 'svc.run:serve'  # the server\n", "poetry.lock": "", "svc/__init__.py": "", "svc/run.py": "import os\ndef serve():\n    port = int(os.environ.get(\"PORT\", 7000))\n"},
			main: "svc.run:serve", server: "none", port: "7000", env: "PORT=7000"},
		{name: "dunder-main", files: map[string]string{"pyproject.toml": "[project]\nname = \"pkg\"\ndependencies = []\n[build-system]\nrequires = [\"hatchling\"]\n", "uv.lock": "", "src/pkg/__init__.py": "", "src/pkg/__main__.py": "from pkg import main\nmain()\n"},
			main: "pkg", server: "none", port: "8080"},
		// Procfile web lines.
		{name: "procfile-gunicorn", files: map[string]string{"Procfile": "web: gunicorn gettingstarted.wsgi --bind 0.0.0.0:$PORT --log-file -\n", "requirements.txt": "django\ngunicorn\n"},
			main: "gettingstarted.wsgi:application", server: "gunicorn", port: "8000"},
		{name: "procfile-uvicorn-port", files: map[string]string{"Procfile": "web: uvicorn main:app --host 0.0.0.0 --port 5005\n", "requirements.txt": "fastapi\nuvicorn\n", "main.py": fastapi},
			main: "main:app", server: "uvicorn", port: "5005"},
		{name: "procfile-uvicorn-worker", files: map[string]string{"Procfile": "web: gunicorn -w 2 -k uvicorn.workers.UvicornWorker main:app\n", "requirements.txt": "fastapi\ngunicorn\nuvicorn\n", "main.py": fastapi},
			main: "main:app", server: "uvicorn", port: "8000"},
		{name: "procfile-privileged", files: map[string]string{"Procfile": "web: gunicorn app:app -b 0.0.0.0:80\n", "requirements.txt": "flask\ngunicorn\n", "app.py": flask},
			main: "app:app", server: "gunicorn", port: "8080"},
		{name: "procfile-python-module", files: map[string]string{"Procfile": "web: python -m bot\n", "requirements.txt": "aiohttp\n", "bot/__init__.py": "", "bot/__main__.py": ""},
			main: "bot", server: "none", port: "8080"},
		{name: "procfile-python-script", files: map[string]string{"Procfile": "web: python3 server.py\n", "requirements.txt": "aiohttp\n", "server.py": "import os\nport = int(os.environ['PORT'])\nweb.run_app(app, port=port)\n"},
			main: "server.py", server: "none", port: "8080", env: "PORT=8080"},
		{name: "procfile-unknown", files: map[string]string{"Procfile": "web: waitress-serve --port=$PORT app:app\n", "requirements.txt": "flask\nwaitress\ngunicorn\n", "app.py": flask},
			main: "app:app", server: "gunicorn", port: "8000", noteHas: "not one dockergen knows how to run"},
		{name: "procfile-server-missing", files: map[string]string{"Procfile": "web: gunicorn app:app\n", "requirements.txt": "flask\n", "app.py": flask},
			main: "app:app", server: "gunicorn", port: "8000", noteHas: "runs gunicorn, which is not among the dependencies"},
		// gunicorn.conf.py's bind, and PORT read there.
		{name: "gunicorn-conf", files: map[string]string{"requirements.txt": "flask\ngunicorn\n", "app.py": flask, "gunicorn.conf.py": "import os\nbind = [\"[::]:{}\".format(os.environ.get(\"PORT\", 5006))]\n"},
			main: "app:app", server: "gunicorn", port: "5006", env: "PORT=5006"},
		{name: "gunicorn-conf-literal", files: map[string]string{"requirements.txt": "flask\ngunicorn\n", "app.py": flask, "gunicorn.conf.py": "bind = \"0.0.0.0:9000\"\n"},
			main: "app:app", server: "gunicorn", port: "9000"},
		// A script on a privileged port that reads PORT moves through PORT.
		{name: "script-privileged-port-env", files: map[string]string{"requirements.txt": "aiohttp\n", "server.py": "import os\nweb.run_app(app, port=int(os.environ.get('PORT', 80)))\n"},
			main: "server.py", server: "none", port: "8080", env: "PORT=8080"},
		{name: "script-privileged-port", files: map[string]string{"requirements.txt": "aiohttp\n", "server.py": "web.run_app(app, host='0.0.0.0', port=443)\n"},
			main: "server.py", server: "none", port: "8080", noteHas: "listen on 1024 or above"},
		// Django without gunicorn: its development server.
		{name: "django-runserver", files: map[string]string{"requirements.txt": "Django\n", "manage.py": "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site1.settings\")\n", "site1/__init__.py": "", "site1/wsgi.py": "", "site1/settings.py": "DEBUG = False\n"},
			main: "manage.py", server: "none", args: "runserver 0.0.0.0:8000 --noreload", port: "8000", noteHas: "add gunicorn"},
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
			server := c.Server.Value
			if server == "" {
				server = "none"
			}
			if c.Main.Value != tc.main || server != tc.server || strings.Join(c.Args, " ") != tc.args || c.Port.Value != tc.port {
				t.Errorf("main %q server %q args %q port %q, want %q %q %q %q (notes %q)", c.Main.Value, server, strings.Join(c.Args, " "), c.Port.Value, tc.main, tc.server, tc.args, tc.port, c.Notes)
			}
			if !c.Main.Found() {
				t.Errorf("main has no source")
			}
			var env []string
			for _, e := range c.Env {
				env = append(env, e.Name+"="+e.Value)
				if e.From == "" || e.Reason == "" {
					t.Errorf("env %s has no source or reason: %+v", e.Name, e)
				}
			}
			if got := strings.Join(env, " "); got != tc.env {
				t.Errorf("env %q, want %q", got, tc.env)
			}
			notes := strings.Join(c.Notes, "\n")
			if tc.noteHas != "" && !strings.Contains(notes, tc.noteHas) {
				t.Errorf("no note with %q: %q", tc.noteHas, c.Notes)
			}
			if tc.noNote != "" && strings.Contains(notes, tc.noNote) {
				t.Errorf("a note mentions %q: %q", tc.noNote, c.Notes)
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

// TestPythonBuildSteps: a src layout is installed into the virtualenv by
// pip and Poetry (uv installs the project itself), one without a
// build-system gets a note; Django's collectstatic runs when the settings
// have a STATIC_ROOT, with a throwaway SECRET_KEY given to that command
// only when the settings read it without a default.
func TestPythonBuildSteps(t *testing.T) {
	django := map[string]string{
		"requirements.txt": "django\ngunicorn\nwhitenoise\n",
		"manage.py":        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
		"shop/__init__.py": "", "shop/wsgi.py": "",
	}
	with := func(base map[string]string, more map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range more {
			out[k] = v
		}
		return out
	}
	srcPkg := map[string]string{"src/svc/__init__.py": "", "src/svc/__main__.py": ""}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		build   []string
		noteHas string
	}{
		{name: "src-pip", files: with(srcPkg, map[string]string{"pyproject.toml": "[project]\nname = \"svc\"\ndependencies = []\n\n[build-system]\nrequires = [\"setuptools\"]\n"}),
			build: []string{"pip", "--python=/opt/venv/bin/python", "install", "--no-deps", "--no-compile", "."}},
		{name: "src-poetry", files: with(srcPkg, map[string]string{"pyproject.toml": "[tool.poetry]\nname = \"svc\"\npackages = [{include = \"svc\", from = \"src\"}]\n\n[build-system]\nrequires = [\"poetry-core\"]\n", "poetry.lock": ""}),
			build: []string{"pip", "--python=/opt/venv/bin/python", "install", "--no-deps", "--no-compile", "."}},
		{name: "src-uv", files: with(srcPkg, map[string]string{"pyproject.toml": "[project]\nname = \"svc\"\n\n[build-system]\nrequires = [\"hatchling\"]\n", "uv.lock": ""})},
		{name: "src-no-build-system", files: with(srcPkg, map[string]string{"pyproject.toml": "[project]\nname = \"svc\"\n", "uv.lock": ""}), noteHas: "no [build-system]"},
		{name: "django-static-root", files: with(django, map[string]string{"shop/settings.py": "SECRET_KEY = 'x'\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n"}),
			build: []string{"python", "manage.py", "collectstatic", "--noinput"}},
		{name: "django-secret-env", files: with(django, map[string]string{"shop/settings.py": "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\nDATABASES = {'default': dj_database_url.parse(os.environ['DATABASE_URL'])}\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n"}),
			build: []string{"env", "DJANGO_SECRET_KEY=" + pyThrowawayKey, "python", "manage.py", "collectstatic", "--noinput"}, noteHas: "the settings need DATABASE_URL"},
		{name: "django-secret-default", files: with(django, map[string]string{"shop/settings.py": "SECRET_KEY = os.environ.get(\n    \"DJANGO_SECRET_KEY\",\n    default=secrets.token_urlsafe(nbytes=64),\n)\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\n"}),
			build: []string{"python", "manage.py", "collectstatic", "--noinput"}},
		{name: "django-no-static-root", files: with(django, map[string]string{"shop/settings.py": "SECRET_KEY = os.getenv('SECRET_KEY')\n"}), noteHas: "SECRET_KEY comes from SECRET_KEY"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Detect(writeProject(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("python")
			if !reflect.DeepEqual(c.BuildCommand, tc.build) {
				t.Errorf("build %q, want %q", c.BuildCommand, tc.build)
			}
			if len(tc.build) > 0 && c.BuildFrom == "" {
				t.Errorf("the build step has no source")
			}
			if tc.noteHas != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tc.noteHas) {
				t.Errorf("no note with %q: %q", tc.noteHas, c.Notes)
			}
			s := c.Spec()
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("the suggested spec is invalid: %v", errs)
			}
			files, err := Generate(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			df := string(files["Dockerfile"])
			// The throwaway key is an argument of one RUN, never ENV or ARG.
			for _, line := range strings.Split(df, "\n") {
				if strings.Contains(line, pyThrowawayKey) && !strings.HasPrefix(line, "RUN [\"env\"") {
					t.Errorf("the throwaway SECRET_KEY is outside its RUN: %s", line)
				}
			}
		})
	}
}

// TestPythonUVWorkspace: the member that is the app is picked, every
// manifest reaches the dependency step, uv syncs that member and the app
// runs in its directory; build.member needs uv.
func TestPythonUVWorkspace(t *testing.T) {
	files := map[string]string{
		"pyproject.toml":                 "[tool.uv.workspace]\nmembers = [\n  \"packages/*\",  # libraries\n  \"services/api\",\n]\nexclude = [\"packages/legacy\"]\n",
		"uv.lock":                        "version = 1\n",
		"packages/core/pyproject.toml":   "[project]\nname = \"core\"\n",
		"packages/core/core/__init__.py": "",
		"packages/legacy/pyproject.toml": "[project]\nname = \"legacy\"\n",
		"services/api/pyproject.toml":    "[project]\nname = \"api\"\ndependencies = [\"core\", \"fastapi[standard]\"]\n",
		"services/api/api/__init__.py":   "",
		"services/api/api/main.py":       "from fastapi import FastAPI\napp = FastAPI()\n",
	}
	d, err := Detect(writeProject(t, files))
	if err != nil {
		t.Fatal(err)
	}
	c := d.For("python")
	var members []string
	for _, m := range c.Members {
		members = append(members, m.Value)
	}
	if !reflect.DeepEqual(members, []string{"packages/core", "services/api"}) || c.Member.Value != "services/api" || !c.Member.Found() {
		t.Fatalf("members %q, member %+v", members, c.Member)
	}
	if c.Main.Value != "api.main:app" || c.Server.Value != "uvicorn" || c.Main.From != "services/api/api/main.py:2" {
		t.Errorf("main %+v server %+v", c.Main, c.Server)
	}
	s := c.Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(out["Dockerfile"])
	for _, want := range []string{
		"FROM python:", "AS manifests",
		"-name pyproject.toml",
		"COPY services/api/pyproject.toml services/api/\nCOPY --from=manifests /manifests/ ./\n",
		`["uv", "sync", "--locked", "--no-dev", "--no-install-workspace", "--project", "services/api"]`,
		`["uv", "sync", "--locked", "--no-dev", "--no-editable", "--project", "services/api"]`,
		"WORKDIR /app/services/api\n",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("the Dockerfile lacks %q:\n%s", want, df)
		}
	}
	if got := pythonDepFiles(s); len(got) != 3 || got[2].Name != "services/api/pyproject.toml" {
		t.Errorf("dependency files %+v", got)
	}
	s.Build.Tool = "pip"
	if errs := s.Validate(); len(errs) == 0 || !strings.Contains(errs[0].Error(), "build.member") {
		t.Errorf("build.member with pip: %v", errs)
	}
}

// TestPythonMainForms: the entry of each form of main, on a venv base and
// on distroless.
func TestPythonMainForms(t *testing.T) {
	for _, tc := range []struct {
		base, server, main string
		want               []string
	}{
		{BaseSlim, "none", "mypkg", []string{"/opt/venv/bin/python", "-m", "mypkg"}},
		{BaseDistroless, "none", "mypkg.cli", []string{"/usr/bin/python3", "-m", "mypkg.cli"}},
		{BaseSlim, "none", "mypkg.cli:main", []string{"/opt/venv/bin/python", "-c", "import sys; from mypkg.cli import main; sys.exit(main())"}},
		{BaseSlim, "none", "bin/serve", []string{"/opt/venv/bin/python", "bin/serve"}},
		{BaseSlim, "uvicorn", "app.main:create_app()", []string{"/opt/venv/bin/uvicorn", "--host", "0.0.0.0", "--port", "8080", "--no-server-header", "--factory", "app.main:create_app"}},
		{BaseSlim, "gunicorn", "flaskr:create_app()", []string{"/opt/venv/bin/gunicorn", "--bind", "0.0.0.0:8080", "--workers", "3", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "--error-logfile", "-", "flaskr:create_app()"}},
	} {
		s := &Spec{Name: "app", Stack: "python", Version: "3.13", Base: tc.base, Server: tc.server, Main: tc.main}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatalf("%+v: %v", tc, errs)
		}
		_, _, interp, _ := stacks["python"].images(s)
		if got := pythonEntry(s, interp); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s %s: entry %q, want %q", tc.base, tc.server, tc.main, got, tc.want)
		}
		if src := pythonMainSource(s); (src != "") != (tc.main == "bin/serve") {
			t.Errorf("%s: main source %q", tc.main, src)
		}
	}
	for _, bad := range []string{"app:create_app(x)", "-m pkg", "pkg:"} {
		s := &Spec{Name: "app", Stack: "python", Version: "3.13", Server: "none", Main: bad}
		s.Defaults()
		if errs := s.Validate(); len(errs) == 0 {
			t.Errorf("main %q was accepted", bad)
		}
	}
}

func TestPyTomlTable(t *testing.T) {
	data := []byte("[project]\nname = \"x\"\n\n[project.scripts]\nrun = \"x.cli:main\" # the CLI\n'quoted-key' = 'x:y'\nother = { callable = \"x:z\" }\n\n[[tool.hatch.envs]]\nrun = \"no\"\n[tool.uv.workspace]\nmembers = [\n    \"a\", # first\n    'b/*',\n]\n")
	kvs, header := pyTomlTable(data, "project.scripts")
	if header != 4 || len(kvs) != 3 || !reflect.DeepEqual(kvs[0], pyTomlKV{Key: "run", Line: 5, Str: "x.cli:main", IsStr: true}) || kvs[1].Key != "quoted-key" || kvs[1].Str != "x:y" || kvs[2].IsStr {
		t.Errorf("project.scripts: header %d, %+v", header, kvs)
	}
	kvs, header = pyTomlTable(data, "tool.uv.workspace")
	if header != 11 || len(kvs) != 1 || !reflect.DeepEqual(kvs[0].List, []string{"a", "b/*"}) || kvs[0].Line != 12 {
		t.Errorf("tool.uv.workspace: header %d, %+v", header, kvs)
	}
	if _, header := pyTomlTable(data, "tool.fastapi"); header != 0 {
		t.Errorf("a missing table has header %d", header)
	}
}
