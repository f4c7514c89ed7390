package generator

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// The python stack: a virtualenv built in the builder with pip, Poetry or uv
// and copied into the runtime; main is a script, or module:callable run by
// an application server (gunicorn for WSGI, uvicorn for ASGI). The pinned
// tool versions are in templates/python.Dockerfile.tmpl.
var pythonStack = &stack{
	Name:        "python",
	MainHelp:    "the script that starts the app (for example app.py), or module:callable with a server",
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
	Tools:   []string{"pip", "poetry", "uv"},
	Servers: []string{"none", "gunicorn", "uvicorn"},
	ChoiceHelp: map[string]string{
		"pip":      "pip from requirements.txt or pyproject.toml",
		"poetry":   "Poetry from poetry.lock, main group only",
		"uv":       "uv from uv.lock (frozen, no dev dependencies)",
		"none":     "the interpreter runs main directly",
		"gunicorn": "Gunicorn, a WSGI server (Django, Flask): main is module:callable",
		"uvicorn":  "Uvicorn, an ASGI server (FastAPI, Starlette): main is module:callable",
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
		DetectedFrom: "`requirements*.txt`, `pyproject.toml` (`[project]`, `[tool.poetry]`), `poetry.lock`, `uv.lock`, `.python-version`, Django/Flask/FastAPI",
		Runtime:      "a virtualenv built in the builder and copied; no compilers in the runtime",
		BaseNotes:    map[string]string{BaseDistroless: "the Debian release's Python"},
	},
}

// pyCallableRE is a WSGI/ASGI application reference, module:callable: a
// dotted module path and an attribute name, Python identifiers only.
var pyCallableRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,15}:[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// checkPythonMain returns what is wrong with main: a script path inside the
// build context without a server, a module:callable with gunicorn or
// uvicorn.
func checkPythonMain(s *Spec) string {
	if s.Server == "gunicorn" || s.Server == "uvicorn" {
		if !pyCallableRE.MatchString(s.Main) {
			return fmt.Sprintf("%q is not a module:callable for %s (allowed: a dotted module path, ':' and the application's name, for example app:app or mysite.wsgi:application)", s.Main, s.Server)
		}
		return ""
	}
	if s.Server != "" && s.Server != "none" {
		return "" // an unknown server: Validate reports it, not main
	}
	if !relPathRE.MatchString(s.Main) || strings.HasPrefix(s.Main, "-") || escapes(s.Main) {
		return fmt.Sprintf("%q is not a script path inside the build context (for example app.py; with server gunicorn or uvicorn, a module:callable)", s.Main)
	}
	return ""
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
	case "gunicorn":
		// --worker-tmp-dir: the workers' heartbeat files on /dev/shm (a tmpfs
		// on every engine), not the read-only root; logs to stdout/stderr.
		return append(run("gunicorn"), "--bind", "0.0.0.0:"+port, "--workers", strconv.Itoa(GunicornWorkers(s)),
			"--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "--error-logfile", "-", s.Main)
	case "uvicorn":
		// One process: the container is the unit of scaling, and the engine
		// restarts it; no --reload (it watches files, a development aid).
		return append(run("uvicorn"), "--host", "0.0.0.0", "--port", port, "--no-server-header", s.Main)
	}
	if venv {
		return []string{PythonVenv + "/bin/python", s.Main}
	}
	return []string{interp, s.Main}
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

// --- detection ---

var (
	pythonVersionRE = regexp.MustCompile(`^\s*(?:python-?|cpython-?)?(3\.[0-9]{1,2})(?:\.[0-9]+)?\s*$`)
	pyprojectNameRE = regexp.MustCompile(`(?m)^name\s*=\s*["']([^"']+)["']`)
	// pyRequiresRE is the lowest Python a project accepts: requires-python
	// (PEP 621) or Poetry's python dependency, ">=3.11", "^3.11", "~=3.11".
	pyRequiresRE = regexp.MustCompile(`(?m)^\s*(?:requires-python|python)\s*=\s*["']\s*([^"']*[0-9][^"']*)["']`)
	pyTableRE    = regexp.MustCompile(`(?m)^\s*\[(project|tool\.poetry|tool\.uv)[\].]`)
	// pyDjangoRE names the settings module in manage.py: its package is
	// the project's, which holds wsgi.py.
	pyDjangoRE  = regexp.MustCompile(`DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][A-Za-z0-9_]*)\.settings["']`)
	pyFlaskRE   = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:flask\.)?Flask\(\s*__name__`)
	pyFastAPIRE = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:fastapi\.)?FastAPI\(`)
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

// pyDependency returns where a project declares a dependency on pkg
// (requirements.txt, pyproject.toml or Pipfile, with the line), or "".
// A line-based reader: a requirement line, a PEP 621 array item or a
// Poetry/Pipfile key that starts with the name.
func pyDependency(p *project, pkg string) string {
	re := regexp.MustCompile(`(?mi)(?:^|["'\s,\[])` + regexp.QuoteMeta(pkg) + `(?:\[[^\]]*\])?\s*(?:[<>=!~;"',\]@]|$)`)
	for _, f := range []string{"requirements.txt", "pyproject.toml", "Pipfile"} {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		for n, line := range strings.Split(string(data), "\n") {
			if code, _, _ := strings.Cut(line, "#"); re.MatchString(code) {
				return at(f, n+1)
			}
		}
	}
	return ""
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

// pyModule turns a script path into its module name (app.py -> app,
// api/main.py -> api.main), or "" when it is not an importable path.
func pyModule(file string) string {
	m := strings.ReplaceAll(strings.TrimSuffix(file, ".py"), "/", ".")
	if !strings.HasSuffix(file, ".py") || !pyCallableRE.MatchString(m+":x") {
		return ""
	}
	return m
}

// pyApp is a web application found in a project: its server, its
// module:callable and where it was seen.
type pyApp struct {
	framework, server, main, from string
}

// pyFramework finds a Django project (manage.py naming PROJECT.settings,
// with PROJECT/wsgi.py), a Flask app (NAME = Flask(__name__)) or a FastAPI
// app (NAME = FastAPI(...)) in the usual scripts.
func pyFramework(p *project) (pyApp, bool) {
	if data, ok := p.read("manage.py"); ok {
		if m := pyDjangoRE.FindSubmatchIndex(data); m != nil {
			proj := string(data[m[2]:m[3]])
			if p.exists(proj + "/wsgi.py") {
				return pyApp{"Django", "gunicorn", proj + ".wsgi:application", at("manage.py", lineAt(data, m[2]))}, true
			}
		}
	}
	for _, f := range []string{"app.py", "main.py", "server.py", "wsgi.py", "asgi.py", "app/main.py", "app/__init__.py", "src/main.py"} {
		data, ok := p.read(f)
		mod := pyModule(f)
		if !ok || mod == "" {
			continue
		}
		mod = strings.TrimSuffix(mod, ".__init__")
		for _, fw := range []struct {
			name, server string
			re           *regexp.Regexp
		}{{"FastAPI", "uvicorn", pyFastAPIRE}, {"Flask", "gunicorn", pyFlaskRE}} {
			if m := fw.re.FindSubmatchIndex(data); m != nil {
				return pyApp{fw.name, fw.server, mod + ":" + string(data[m[2]:m[3]]), at(f, lineAt(data, m[2]))}, true
			}
		}
	}
	return pyApp{}, false
}

var pythonDetector = &detector{
	markers: []string{"requirements.txt", "pyproject.toml", "Pipfile", ".python-version", "app.py", "main.py", "server.py", "manage.py"},
	name:    []finder{nameFrom("pyproject.toml", regexpLine(pyprojectNameRE, asIs))},
	// .python-version pins the interpreter (its first line that is not a
	// comment); requires-python is a range: the newest supported line in it.
	version: []finder{fromFile(".python-version", func(data []byte) (string, int, bool) {
		for n, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if m := pythonVersionRE.FindStringSubmatch(line); m != nil {
				return m[1], n + 1, true
			}
			return line, n + 1, true
		}
		return "", 0, false
	}), toolVersion(2, "python"), constraint(fromFile("pyproject.toml", regexpLine(pyRequiresRE, pyRange)))},
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		if app, ok := pyFramework(p); ok && pyDependency(p, app.server) != "" {
			found = append(found, Detected{Value: app.main, From: app.from})
		}
		for _, f := range []string{"app.py", "main.py", "server.py"} {
			if p.exists(f) {
				found = append(found, Detected{Value: f, From: f})
			}
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string {
		if mod, _, ok := strings.Cut(c.Main.Value, ":"); ok {
			return []string{strings.ReplaceAll(mod, ".", "/") + ".py"}
		}
		return []string{c.Main.Value}
	},
	ports: []*regexp.Regexp{
		regexp.MustCompile(`["']PORT["']\s*,\s*["']?(\d{2,5})`),
		regexp.MustCompile(`\bport\s*=\s*(\d{2,5})\b`),
	},
	health: []*regexp.Regexp{httpPathRE2},
	notes:  pythonNotes,
}

// pythonNotes fills the installer and the server, and says what the user
// should know: a missing lockfile or requirements, Pipfile, a framework
// whose server is not in the dependencies.
func pythonNotes(p *project, c *Candidate) {
	tool, ok := pyTool(p)
	if ok {
		c.Tool = tool
	}
	switch {
	case tool.Value == "uv" && !p.exists("uv.lock"):
		c.Notes = append(c.Notes, fmt.Sprintf("uv.lock is missing: the Dockerfile runs 'uv sync --frozen', which needs it (run 'uv lock'; uv is chosen by %s)", tool.Source()))
	case tool.Value == "poetry" && !p.exists("poetry.lock"):
		c.Notes = append(c.Notes, fmt.Sprintf("poetry.lock is missing: the Dockerfile runs 'poetry install', which needs it (run 'poetry lock'; Poetry is chosen by %s)", tool.Source()))
	case tool.Value == "pip" && !p.exists("requirements.txt"):
		c.Notes = append(c.Notes, "no requirements.txt: pip installs pyproject.toml's [project] dependencies as they are written (not the project itself; Python 3.11+ reads them): pin them in a requirements.txt ('uv export --no-hashes > requirements.txt' or pip-compile) for reproducible builds")
	case !ok && p.exists("Pipfile"):
	case !ok:
		msg := "requirements.txt is missing: the Dockerfile installs dependencies from it (create it, empty if the app has none)"
		if p.exists("pyproject.toml") {
			msg += "; pyproject.toml has no [project] or [tool.poetry] table to read dependencies from"
		}
		c.Notes = append(c.Notes, msg)
	}
	if p.exists("Pipfile") {
		c.Notes = append(c.Notes, "Pipfile: pipenv is not supported: export the locked dependencies with 'pipenv requirements > requirements.txt' and build with build.tool pip")
	}
	if app, ok := pyFramework(p); ok {
		if dep := pyDependency(p, app.server); dep != "" {
			if c.Main.Value == app.main {
				c.Server = Detected{Value: app.server, From: dep}
			}
		} else {
			c.Notes = append(c.Notes, fmt.Sprintf("%s looks like a %s app: add %s to the dependencies and set server: %s, main: %s to serve it with %s rather than a development server", app.from, app.framework, app.server, app.server, app.main, app.server))
		}
	}
	if !strings.Contains(c.Main.Value, ":") && !p.exists(c.Main.Value) {
		c.Notes = append(c.Notes, fmt.Sprintf("no app.py, main.py or server.py: using %s — set main to the script that starts the app", c.Main.Value))
	}
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
		return []DepFile{{Name: "pyproject.toml"}, {Name: "uv.lock", Create: "uv lock"}}
	}
	return nil
}

// pythonMainSource is main when it is a script; a module:callable names no
// one file.
func pythonMainSource(s *Spec) string {
	if pyCallableRE.MatchString(s.Main) {
		return ""
	}
	return s.Main
}
