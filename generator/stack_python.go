package generator

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// The python stack: a virtualenv built in the builder with pip, Poetry or uv
// and copied into the runtime; main is a script, a module run with
// python -m, a console script's module:function, or module:callable run by
// an application server (gunicorn for WSGI, uvicorn for ASGI). The pinned
// tool versions are in templates/python.Dockerfile.tmpl.
var pythonStack = &stack{
	Name:        "python",
	MainHelp:    "the script that starts the app (app.py), a module to run with python -m (pkg), a function to call (pkg.cli:main), or module:callable with a server",
	Title:       "Python",
	Secret:      Secret{ID: "pipconf", Target: "/root/.config/pip/pip.conf", Src: "~/.config/pip/pip.conf"},
	Runtime:     "python",
	DefaultBase: BaseSlim,
	Bases:       []string{BaseSlim, BaseAlpine, BaseDistroless},
	DefaultMain: "app.py",
	Images: func(r release) (string, string, string, error) {
		slim := img{"python", "{version}-slim-{debian}", nil}
		switch r.Base {
		case BaseSlim:
			return images(r, "/usr/local/bin/python3", slim, slim)
		case BaseAlpine:
			alpine := img{"python", "{version}-alpine{alpine}", nil}
			return images(r, "/usr/local/bin/python3", alpine, alpine)
		case BaseDistroless:
			// distroless python3 ships its Debian release's Python (3.13
			// on Debian 13): the catalog's versions say which.
			return images(r, "/usr/bin/python3", slim, img{"gcr.io/distroless/python3-debian{distroless}", "nonroot", nil})
		}
		return "", "", "", errNoBase
	},
	HTTPProbe: func(interp, url string) []string {
		return []string{interp, "-c", "import urllib.request; urllib.request.urlopen('" + url + "', timeout=3)"}
	},
	Member:  true,
	Check:   checkPython,
	Tools:   []string{"pip", "poetry", "uv"},
	Servers: []string{"none", "gunicorn", "uvicorn"},
	ChoiceHelp: map[string]string{
		"pip":      "pip from requirements.txt or pyproject.toml",
		"poetry":   "Poetry from poetry.lock, main group only",
		"uv":       "uv from uv.lock (frozen, no dev dependencies)",
		"none":     "the interpreter runs main directly",
		"gunicorn": "Gunicorn, a WSGI server (Django, Flask): main is module:callable (or module:factory())",
		"uvicorn":  "Uvicorn, an ASGI server (FastAPI, Starlette): main is module:callable (or module:factory())",
	},
	MainForm:  pyCallableRE,
	CheckMain: checkPythonMain,
	Entry:     pythonEntry,
	Label: func(s *Spec) string {
		l := "python " + s.Version
		if s.Build.Tool != "" && s.Build.Tool != "pip" {
			l += " with " + s.Build.Tool
		}
		if s.Server != "" && s.Server != "none" {
			l += ", served by " + s.Server
		}
		return l
	},
	MainPrompt: "Script to run:",
	Detector:   pythonDetector,
	DepFiles:   pythonDepFiles,
	MainSource: pythonMainSource,
	Doc: stackDoc{
		Reads: []docRead{
			{"`requirements.txt` (and `requirements*.txt`), `pyproject.toml`, `Pipfile`, `poetry.lock`, `uv.lock`", "the installer (pip, Poetry, uv); gunicorn, uvicorn, `fastapi[standard]`; `requires-python`, name, `[build-system]` (a src layout is installed), `[project.scripts]`/`[tool.poetry.scripts]`, `[tool.fastapi] entrypoint`, `[tool.uv.workspace]` members"},
			{"`.python-version`, `Procfile` (`web:`), `gunicorn.conf.py`", "version; the command (gunicorn/uvicorn `module:app`, `fastapi run`, `python x.py`, `python -m pkg`) and its `--port`/`--bind`; gunicorn's `bind` and its PORT default"},
			{"`manage.py`, `PROJECT/wsgi.py`, `PROJECT/settings.py`", "Django → gunicorn `PROJECT.wsgi`; `STATIC_ROOT` → `collectstatic` in the build with a throwaway key; required variables → notes"},
			{"`app.py`, `main.py`, `server.py`, a package's `__init__.py`/`main.py`/`__main__.py`", "the Flask or FastAPI app or factory, `app.run`/`uvicorn.run` port and host, reads of `PORT`, health routes, `python -m pkg`; framework default ports (Flask 5000, Django, gunicorn, uvicorn 8000)"},
		},
		DetectedFrom: "`requirements*.txt`, `pyproject.toml` (`[project]`, `[project.scripts]`, `[tool.poetry]`, `[tool.fastapi]`, `[tool.uv.workspace]`), `poetry.lock`, `uv.lock`, `.python-version`, `Procfile`, `gunicorn.conf.py`, `__main__.py`, Django/Flask/FastAPI",
		Runtime:      "a virtualenv built in the builder and copied; no compilers in the runtime",
		BaseNotes:    map[string]string{BaseDistroless: "the Debian release's Python"},
	},
}

// pyCallableRE is an application reference, module:callable: a dotted
// module path and an attribute name, Python identifiers only, or an app
// factory's name followed by () (module:create_app()), which gunicorn
// calls and uvicorn runs with --factory.
var pyCallableRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,15}:[A-Za-z_][A-Za-z0-9_]{0,63}(\(\))?$`)

// pyModuleMainRE is a module that python -m runs (pkg, pkg.cli): without a
// server, a main of dotted identifiers that does not end in .py.
var pyModuleMainRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,15}$`)

// pyMainKind says what a main without a server is: "module" (python -m),
// "call" (module:function, called like a console script) or "script".
func pyMainKind(main string) string {
	switch {
	case strings.HasSuffix(main, ".py") || strings.Contains(main, "/"):
		return "script"
	case pyModuleMainRE.MatchString(main):
		return "module"
	case pyCallableRE.MatchString(main) && !strings.HasSuffix(main, ")"):
		return "call"
	}
	return "script"
}

// checkPythonMain returns what is wrong with main: with gunicorn or
// uvicorn a module:callable; without a server a script path inside the
// build context, a module or a module:function.
func checkPythonMain(s *Spec) string {
	if s.Server == "gunicorn" || s.Server == "uvicorn" {
		if !pyCallableRE.MatchString(s.Main) {
			return fmt.Sprintf("%q is not a module:callable for %s (allowed: a dotted module path, ':' and the application's name, for example app:app, mysite.wsgi:application or flaskr:create_app())", s.Main, s.Server)
		}
		return ""
	}
	if s.Server != "" && s.Server != "none" {
		return "" // an unknown server: Validate reports it, not main
	}
	if pyMainKind(s.Main) != "script" {
		return ""
	}
	if !relPathRE.MatchString(s.Main) || strings.HasPrefix(s.Main, "-") || escapes(s.Main) {
		return fmt.Sprintf("%q is not a script path inside the build context, a module or a module:function (for example app.py, mypkg or mypkg.cli:main; with server gunicorn or uvicorn, a module:callable)", s.Main)
	}
	return ""
}

// checkPython: a workspace member is built by uv only.
func checkPython(s *Spec, bad func(field, format string, args ...any)) {
	if s.Build.Member != "" && s.Build.Tool != "uv" {
		bad("build.member", "a uv workspace's member is built with build.tool uv (allowed: empty with build.tool %s)", s.Build.Tool)
	}
}

// PythonVenv is where the python builder makes the virtualenv that the
// runtime image gets.
const PythonVenv = "/opt/venv"

// pythonEntry returns the ENTRYPOINT of a python image. On slim and alpine
// the builder and the runtime are the same image, so the virtualenv's own
// interpreter and scripts (/opt/venv/bin/...) work. On distroless the
// builder's interpreter (/usr/local/bin/python3, which the venv's
// bin/python links to) does not exist: the runtime's /usr/bin/python3 runs
// with the venv's site-packages on PYTHONPATH (set by the template), and a
// server is started as a module (python3 -m gunicorn) rather than through
// its script, whose #! line names the venv's interpreter.
func pythonEntry(s *Spec, interp string) []string {
	venv := s.Base != BaseDistroless
	run := func(script string) []string {
		if venv {
			return []string{PythonVenv + "/bin/" + script}
		}
		return []string{interp, "-m", script}
	}
	port := strconv.Itoa(s.Ports[0])
	switch s.Server {
	case "uvicorn":
		// One process: the container is the unit of scaling, and the engine
		// restarts it; no --reload (it watches files, a development aid).
		entry := append(run("uvicorn"), "--host", "0.0.0.0", "--port", port, "--no-server-header")
		if app, ok := strings.CutSuffix(s.Main, "()"); ok {
			return append(entry, "--factory", app)
		}
		return append(entry, s.Main)
	case "gunicorn":
		// --worker-tmp-dir: the workers' heartbeat files on /dev/shm (a tmpfs
		// on every engine), not the read-only root; logs to stdout/stderr.
		return append(run("gunicorn"), "--bind", "0.0.0.0:"+port, "--workers", strconv.Itoa(GunicornWorkers(s)),
			"--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "--error-logfile", "-", s.Main)
	}
	py := []string{interp}
	if venv {
		py = []string{PythonVenv + "/bin/python"}
	}
	switch pyMainKind(s.Main) {
	case "module":
		return append(py, "-m", s.Main)
	case "call":
		// What a console script does: import the function, call it, exit
		// with what it returns.
		mod, fn, _ := strings.Cut(s.Main, ":")
		return append(py, "-c", fmt.Sprintf("import sys; from %s import %s; sys.exit(%s())", mod, fn, fn))
	}
	return append(py, s.Main)
}

// GunicornWorkers returns gunicorn's worker count for a spec: gunicorn's
// advice of 2 x CPUs + 1 with the CPU limit rounded up, but no more than one
// worker per 64 MiB of the memory limit (a small Python worker's resident
// size with some room), nor more than a quarter of the pids limit, and at
// least 1.
func GunicornWorkers(s *Spec) int {
	cpus, err := strconv.ParseFloat(s.Resources.CPUs, 64)
	if err != nil || cpus <= 0 {
		cpus = 1
	}
	n := 2*int(math.Ceil(cpus)) + 1
	if mem := MemoryBytes(s.Resources.Memory); mem > 0 {
		n = min(n, int(mem/(64<<20)))
	}
	if s.Resources.Pids > 0 {
		n = min(n, s.Resources.Pids/4)
	}
	return max(n, 1)
}

// --- detection (stack_python_detect.go, stack_python_notes.go) ---

var (
	pythonVersionRE = regexp.MustCompile(`^\s*(?:python-?|cpython-?)?(3\.[0-9]{1,2})(?:\.[0-9]+)?\s*$`)
	pyprojectNameRE = regexp.MustCompile(`(?m)^name\s*=\s*["']([^"']+)["']`)
	// pyRequiresRE is the lowest Python a project accepts: requires-python
	// (PEP 621) or Poetry's python dependency, ">=3.11", "^3.11", "~=3.11".
	pyRequiresRE = regexp.MustCompile(`(?m)^\s*(?:requires-python|python)\s*=\s*["']\s*([^"']*[0-9][^"']*)["']`)
	pyTableRE    = regexp.MustCompile(`(?m)^\s*\[(project|tool\.poetry|tool\.uv)[\].]`)
)

// pyRange reads requires-python (PEP 440) or Poetry's python constraint,
// whose caret and tilde forms (^3.11, ~3.12) become PEP 440 (>=3.11,<4,
// ~=3.12.0).
func pyRange(s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "^"):
		s = ">=" + strings.TrimSpace(s[1:])
	case strings.HasPrefix(s, "~") && !strings.HasPrefix(s, "~="):
		s = "~=" + strings.TrimSpace(s[1:]) + ".0"
	}
	return s, s != ""
}

// pyTool finds the installer: uv (uv.lock, [tool.uv]), Poetry
// (poetry.lock, [tool.poetry]), else pip (requirements.txt or a [project]
// table), each with its file.
func pyTool(p *project) (Detected, bool) {
	for _, l := range []struct{ file, tool string }{{"uv.lock", "uv"}, {"poetry.lock", "poetry"}} {
		if p.exists(l.file) {
			return Detected{Value: l.tool, From: l.file}, true
		}
	}
	if data, ok := p.read("pyproject.toml"); ok {
		tables := map[string]int{}
		for _, m := range pyTableRE.FindAllSubmatchIndex(data, -1) {
			if t := string(data[m[2]:m[3]]); tables[t] == 0 {
				tables[t] = lineAt(data, m[2])
			}
		}
		switch {
		case tables["tool.uv"] > 0:
			return Detected{Value: "uv", From: at("pyproject.toml", tables["tool.uv"])}, true
		case tables["tool.poetry"] > 0:
			return Detected{Value: "poetry", From: at("pyproject.toml", tables["tool.poetry"])}, true
		case tables["project"] > 0 && !p.exists("requirements.txt"):
			return Detected{Value: "pip", From: at("pyproject.toml", tables["project"])}, true
		}
	}
	if p.exists("requirements.txt") {
		return Detected{Value: "pip", From: "requirements.txt"}, true
	}
	return Detected{}, false
}

// pythonDepFiles: poetry and uv install from their lockfiles only (a
// missing one is refused: poetry install and uv sync --locked cannot run
// without it); pip copies requirements.txt and pyproject.toml by glob, so
// neither is required.
func pythonDepFiles(s *Spec) []DepFile {
	switch s.Build.Tool {
	case "poetry":
		return []DepFile{{Name: "pyproject.toml"}, {Name: "poetry.lock", Create: "poetry lock"}}
	case "uv":
		files := []DepFile{{Name: "pyproject.toml"}, {Name: "uv.lock", Create: "uv lock"}}
		if s.Build.Member != "" {
			files = append(files, DepFile{Name: path.Join(s.Build.Member, "pyproject.toml")})
		}
		return files
	}
	return nil
}

// pythonMainSource is main when it is a script (in a workspace member's
// directory when there is one); a module or module:callable names no one
// file.
func pythonMainSource(s *Spec) string {
	if pyCallableRE.MatchString(s.Main) || (s.Server == "" || s.Server == "none") && pyMainKind(s.Main) != "script" {
		return ""
	}
	return path.Join(s.Build.Member, s.Main)
}
