package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The python detector: what runs the app (an application server with
// module:callable, a script, a package run with python -m, a console script),
// on which port, what the build must add (installing a src-layout package,
// Django's collectstatic) and, in a uv workspace, which member is the app.
// pyAnalyze reads it all once per hook from the project's own files; every
// value carries its file:line.

// pyDir is a directory of the project: the root, or a uv workspace's member.
type pyDir struct {
	p   *project
	dir string
}

func (d pyDir) path(name string) string {
	if d.dir == "" {
		return name
	}
	return d.dir + "/" + name
}
func (d pyDir) read(name string) ([]byte, bool) { return d.p.read(d.path(name)) }
func (d pyDir) exists(name string) bool         { _, ok := d.read(name); return ok }
func (d pyDir) at(name string, line int) string { return at(d.path(name), line) }

// packages returns the importable packages (directories with __init__.py
// or __main__.py) directly under parent ("" or "src"), sorted.
func (d pyDir) packages(parent string) []string {
	dir := d.path(parent)
	switch {
	case parent != "":
	case d.dir != "":
		dir = d.dir
	default:
		dir = "."
	}
	ents, err := fs.ReadDir(d.p.fsys, dir)
	if err != nil {
		return nil
	}
	var pkgs []string
	for _, e := range ents {
		name := path.Join(parent, e.Name())
		if e.IsDir() && pyIdentRE.MatchString(e.Name()) && (d.exists(name+"/__init__.py") || d.exists(name+"/__main__.py")) {
			pkgs = append(pkgs, name)
		}
	}
	return pkgs
}

var (
	pyIdentRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// pyDjangoRE names the settings module in manage.py: its first part is
	// the project's package, which holds wsgi.py.
	pyDjangoRE      = regexp.MustCompile(`DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][A-Za-z0-9_]*)\.(settings(?:\.[A-Za-z_][A-Za-z0-9_]*)*)["']`)
	pyFlaskRE       = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_.]+\s*)?=\s*(?:flask\.)?Flask\(`)
	pyFastAPIRE     = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_.]+\s*)?=\s*(?:fastapi\.)?FastAPI\(`)
	pyFactoryRE     = regexp.MustCompile(`(?m)^def\s+(create_app|make_app|app_factory)\s*\(`)
	pyFactoryCallRE = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:create_app|make_app|app_factory)\(\s*\)`)
	pyFlaskUseRE    = regexp.MustCompile(`\bFlask\(`)
	pyFastUseRE     = regexp.MustCompile(`\bFastAPI\(`)
	pyAppRunRE      = regexp.MustCompile(`(?m)^[ \t]*([A-Za-z_][A-Za-z0-9_]*)\.run\(([^)]*)\)`)
	pyHostAnyRE     = regexp.MustCompile(`host\s*=\s*["'](?:0\.0\.0\.0|::)["']`)
	pyDebugRE       = regexp.MustCompile(`debug\s*=\s*True`)
	pyUvicornRun    = regexp.MustCompile(`\buvicorn\.run\(`)
	pyReadsPortRE   = regexp.MustCompile(`(?:environ\s*\[\s*|environ\.get\(\s*|getenv\(\s*)["']PORT["']`)
	pyBindRE        = regexp.MustCompile(`(?m)^bind\s*=\s*\[?\s*(?:["'][^"'\n]*:(\d{1,5})["']|["'][^"'\n]*["']\s*\.format\(\s*os\.environ\.get\(\s*["']PORT["']\s*,\s*["']?(\d{1,5}))`)
	pyStaticRoot    = regexp.MustCompile(`(?m)^STATIC_ROOT\s*=`)
	// pySecretKeyRE reads SECRET_KEY from the environment: its variable,
	// and a comma when a default follows.
	pySecretKeyRE = regexp.MustCompile(`(?m)^SECRET_KEY\s*=\s*(?:os\.environ\s*\[|os\.environ\.get\(|os\.getenv\(|config\(|env\(|env\.str\()\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*(,|\]|\))`)
	// pyRequiredEnvRE is an environment variable a settings module cannot
	// start without: os.environ["NAME"].
	pyRequiredEnvRE = regexp.MustCompile(`os\.environ\s*\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]`)
)

// pyEntry is one way to start the app: main (a script, a module for
// python -m, or module:callable), the server that runs it, default
// arguments ({port} stands for the chosen port), where it was found, and
// what it needs.
type pyEntry struct {
	main, server string
	args         []string
	from         string
	// defPort is the port the entry listens on when nothing says otherwise
	// (gunicorn's 8000, Flask's 5000), "" for none.
	defPort string
	// port is a port the entry itself names (Procfile --port 5000).
	port Detected
	// binds says dockergen's own command line sets the port (a server, or
	// a development server given --port), so a privileged one is simply
	// replaced.
	binds bool
	// env are settings the entry needs ({port} is the chosen port).
	env   []Setting
	notes []string
}

// portWhy says whose default defPort is.
func (e pyEntry) portWhy() string {
	switch {
	case e.server != "none":
		return e.server + "'s default port"
	case e.main == "manage.py":
		return "the default port of Django's development server"
	}
	return "Flask's default port"
}

// chosen returns the entry whose main is main.
func (plan pyPlan) chosen(main string) (pyEntry, bool) {
	for _, e := range plan.entries {
		if e.main == main {
			return e, true
		}
	}
	return pyEntry{}, false
}

// pyPlan is what pyAnalyze found.
type pyPlan struct {
	d       pyDir
	entries []pyEntry
	member  Detected
	members []Detected
	notes   []string
}

// pyAnalyze reads the project: in a uv workspace it picks the member that
// is the app, then finds the entries of that directory, best first.
func pyAnalyze(p *project) pyPlan {
	plan := pyPlan{d: pyDir{p: p}}
	plan.members, plan.notes = pyWorkspace(p)
	root, notes := pyEntries(plan.d)
	if len(plan.members) > 0 && (len(root) == 0 || !pyIsWeb(root[0])) {
		// A virtual root, or one that is not itself the app: the first
		// member with a web entry, else the first with any.
		var pick []pyEntry
		var pickNotes []string
		for _, m := range plan.members {
			es, ns := pyEntries(pyDir{p: p, dir: m.Value})
			if len(es) > 0 && (pick == nil || (pyIsWeb(es[0]) && !pyIsWeb(pick[0]))) {
				pick, pickNotes, plan.member = es, ns, m
			}
		}
		if plan.member.Found() {
			plan.d = pyDir{p: p, dir: plan.member.Value}
			plan.entries = pick
			plan.notes = append(plan.notes, pickNotes...)
			return plan
		}
	}
	plan.entries = root
	plan.notes = append(plan.notes, notes...)
	return plan
}

func pyIsWeb(e pyEntry) bool { return e.server != "none" || e.binds }

// pyWorkspace returns the members of a uv workspace ([tool.uv.workspace]
// members, globs, less exclude): each a directory with a pyproject.toml.
func pyWorkspace(p *project) ([]Detected, []string) {
	data, ok := p.read("pyproject.toml")
	if !ok {
		return nil, nil
	}
	kvs, header := pyTomlTable(data, "tool.uv.workspace")
	if header == 0 {
		return nil, nil
	}
	var globs, exclude []string
	line := header
	for _, kv := range kvs {
		switch kv.Key {
		case "members":
			globs, line = kv.List, kv.Line
		case "exclude":
			exclude = kv.List
		}
	}
	var members []Detected
	var notes []string
	seen := map[string]bool{}
	for _, g := range globs {
		g = strings.TrimSuffix(path.Clean(g), "/")
		dirs, err := fs.Glob(p.fsys, g)
		if err != nil || strings.HasPrefix(g, "..") {
			notes = append(notes, fmt.Sprintf("pyproject.toml:%d: workspace member %q is not a path inside the project; ignored", line, g))
			continue
		}
		for _, dir := range dirs {
			if seen[dir] || !p.exists(dir+"/pyproject.toml") || slices.ContainsFunc(exclude, func(x string) bool { m, _ := path.Match(path.Clean(x), dir); return m }) {
				continue
			}
			seen[dir] = true
			members = append(members, Detected{Value: dir, From: at("pyproject.toml", line)})
		}
	}
	return members, notes
}

// pyEntries finds every way to start the app in d, best first: the
// Procfile's web process, [tool.fastapi] entrypoint, a Django project or a
// Flask or FastAPI app served by its server, a package with __main__.py,
// a console script ([project.scripts], [tool.poetry.scripts]), and the
// usual script names.
func pyEntries(d pyDir) (out []pyEntry, notes []string) {
	add := func(e pyEntry, ok bool) {
		if !ok || e.main == "" {
			notes = append(notes, e.notes...) // why it is not an entry
			return
		}
		if !slices.ContainsFunc(out, func(x pyEntry) bool { return x.main == e.main }) {
			out = append(out, e)
		}
	}
	if d.dir == "" {
		add(pyProcfile(d))
	}
	add(pyFastAPIEntrypoint(d))
	add(pyDjango(d))
	add(pyWebApp(d))
	for _, parent := range []string{"", "src"} {
		for _, pkg := range d.packages(parent) {
			if d.exists(pkg + "/__main__.py") {
				add(pyEntry{main: strings.ReplaceAll(strings.TrimPrefix(pkg, "src/"), "/", "."), server: "none", from: d.path(pkg + "/__main__.py")}, true)
			}
		}
	}
	add(pyScripts(d))
	for _, f := range []string{"app.py", "main.py", "server.py"} {
		if d.exists(f) {
			add(pyEntry{main: f, server: "none", from: d.path(f)}, true)
		}
	}
	return out, notes
}

// pyDependency returns where the project declares a dependency on pkg
// (requirements.txt, pyproject.toml or Pipfile, with the line; in a member,
// the member's files then the root's), or "". A line-based reader: a
// requirement line, a PEP 621 array item or a Poetry/Pipfile key that
// starts with the name.
func pyDependency(d pyDir, pkg string) string {
	from, _ := pyDependencyLine(d, pkg)
	return from
}

func pyDependencyLine(d pyDir, pkg string) (string, string) {
	re := regexp.MustCompile(`(?mi)(?:^|["'\s,\[])` + regexp.QuoteMeta(pkg) + `(?:\[[^\]]*\])?\s*(?:[<>=!~;"',\]@]|$)`)
	dirs := []pyDir{d}
	if d.dir != "" {
		dirs = append(dirs, pyDir{p: d.p})
	}
	for _, dd := range dirs {
		for _, f := range []string{"requirements.txt", "pyproject.toml", "Pipfile"} {
			data, ok := dd.read(f)
			if !ok {
				continue
			}
			for n, line := range strings.Split(string(data), "\n") {
				if code, _, _ := strings.Cut(line, "#"); re.MatchString(code) {
					return dd.at(f, n+1), code
				}
			}
		}
	}
	return "", ""
}

// pyServerDep returns where the project gets server: its own dependency,
// or FastAPI's standard extra, which brings uvicorn (fastapi[standard],
// Poetry's extras = ["standard"]).
func pyServerDep(d pyDir, server string) string {
	if dep := pyDependency(d, server); dep != "" {
		return dep
	}
	if server == "uvicorn" {
		if from, line := pyDependencyLine(d, "fastapi"); from != "" && strings.Contains(line, "standard") {
			return from
		}
	}
	return ""
}

// pyModuleFile returns the file of a dotted module in d (mod.py or
// mod/__init__.py, at the top or under src/), or "".
func pyModuleFile(d pyDir, mod string) string {
	rel := strings.ReplaceAll(mod, ".", "/")
	for _, f := range []string{rel + ".py", rel + "/__init__.py", "src/" + rel + ".py", "src/" + rel + "/__init__.py"} {
		if d.exists(f) {
			return f
		}
	}
	return ""
}

// pyModuleOf turns a script path into its module name (app.py -> app,
// src/pkg/main.py -> pkg.main, pkg/__init__.py -> pkg), or "".
func pyModuleOf(file string) string {
	file = strings.TrimPrefix(path.Clean(file), "src/")
	m := strings.TrimSuffix(strings.ReplaceAll(strings.TrimSuffix(file, ".py"), "/", "."), ".__init__")
	if !strings.HasSuffix(file, ".py") || !pyCallableRE.MatchString(m+":x") {
		return ""
	}
	return m
}

// pyAppFiles are the files where a Flask or FastAPI app is looked for: the
// usual script names, then each package's __init__.py, app.py, main.py,
// wsgi.py, asgi.py and server.py.
func pyAppFiles(d pyDir) []string {
	// app/ and api/ also as namespace packages (no __init__.py).
	files := []string{"app.py", "main.py", "server.py", "wsgi.py", "asgi.py", "application.py", "app/main.py", "api/main.py"}
	for _, parent := range []string{"", "src"} {
		for _, pkg := range d.packages(parent) {
			for _, f := range []string{"__init__.py", "main.py", "app.py", "wsgi.py", "asgi.py", "server.py"} {
				files = append(files, pkg+"/"+f)
			}
		}
	}
	return files
}

// pyWebApp finds a Flask or FastAPI app (NAME = Flask(...), NAME =
// FastAPI(...), or an app factory, def create_app(), in a file that makes
// one) and how to serve it.
func pyWebApp(d pyDir) (pyEntry, bool) {
	for _, f := range pyAppFiles(d) {
		data, ok := d.read(f)
		mod := pyModuleOf(f)
		if !ok || mod == "" {
			continue
		}
		for _, fw := range []struct {
			name, server string
			app, use     *regexp.Regexp
		}{{"FastAPI", "uvicorn", pyFastAPIRE, pyFastUseRE}, {"Flask", "gunicorn", pyFlaskRE, pyFlaskUseRE}} {
			var ref, from string
			if m := fw.app.FindSubmatchIndex(data); m != nil {
				ref, from = mod+":"+string(data[m[2]:m[3]]), d.at(f, lineAt(data, m[2]))
			} else if m := pyFactoryCallRE.FindSubmatchIndex(data); m != nil && fw.use.Match(data) {
				// app = create_app() at module level: the app itself.
				ref, from = mod+":"+string(data[m[2]:m[3]]), d.at(f, lineAt(data, m[2]))
			} else if m := pyFactoryRE.FindSubmatchIndex(data); m != nil && fw.use.Match(data) {
				ref, from = mod+":"+string(data[m[2]:m[3]])+"()", d.at(f, lineAt(data, m[2]))
			} else {
				continue
			}
			return pyServe(d, fw.name, fw.server, ref, from, f, data), true
		}
	}
	return pyEntry{}, false
}

// pyServe is how an app found at from is served: by its server when the
// project depends on it; else a Flask app by its own app.run when that
// listens on every interface without the debugger, or by Flask's
// development server (python -m flask run), with a note saying to add
// gunicorn; a FastAPI app without uvicorn only gets that note.
func pyServe(d pyDir, framework, server, ref, from, file string, data []byte) pyEntry {
	if pyServerDep(d, server) != "" {
		return pyEntry{main: ref, server: server, from: from, defPort: "8000", binds: true}
	}
	add := fmt.Sprintf("%s looks like a %s app, and %s is not among the dependencies: add %s to %s and set server: %s, main: %s", from, framework, server, server, pyDepFile(d), server, ref)
	if framework != "Flask" {
		return pyEntry{main: "", notes: []string{add + " to serve it with " + server}}
	}
	if m := pyAppRunRE.FindSubmatchIndex(data); m != nil && strings.HasPrefix(ref, pyModuleOf(file)+":"+string(data[m[2]:m[3]])) {
		run := string(data[m[4]:m[5]])
		if pyHostAnyRE.MatchString(run) && !pyDebugRE.MatchString(run) {
			return pyEntry{main: file, server: "none", from: d.at(file, lineAt(data, m[0])), defPort: "5000",
				notes: []string{add + " to serve it with gunicorn rather than Flask's development server (app.run)"}}
		}
	}
	return pyEntry{main: "flask", server: "none", args: []string{"--app", ref, "run"},
		from: from, defPort: "5000", binds: true,
		env: []Setting{
			{Name: "FLASK_RUN_HOST", Value: "0.0.0.0", From: from, Reason: "flask run listens on loopback only unless told otherwise"},
			{Name: "FLASK_RUN_PORT", Value: "{port}", From: from, Reason: "the port of flask run"},
		},
		notes: []string{add + ": until then the image runs Flask's development server (python -m flask run), which is not meant for production"}}
}

// pyDepFile names the file where a dependency is added.
func pyDepFile(d pyDir) string {
	if d.exists("requirements.txt") {
		return d.path("requirements.txt")
	}
	return d.path("pyproject.toml")
}

// pyDjango finds a Django project: manage.py naming PROJECT.settings, with
// PROJECT/wsgi.py, served by gunicorn PROJECT.wsgi:application; without
// gunicorn, Django's development server (manage.py runserver) and a note.
func pyDjango(d pyDir) (pyEntry, bool) {
	data, ok := d.read("manage.py")
	if !ok {
		return pyEntry{}, false
	}
	m := pyDjangoRE.FindSubmatchIndex(data)
	if m == nil {
		return pyEntry{}, false
	}
	proj := string(data[m[2]:m[3]])
	if !d.exists(proj + "/wsgi.py") {
		return pyEntry{}, false
	}
	from := d.at("manage.py", lineAt(data, m[2]))
	ref := proj + ".wsgi:application"
	if pyServerDep(d, "gunicorn") != "" {
		return pyEntry{main: ref, server: "gunicorn", from: from, defPort: "8000", binds: true}, true
	}
	return pyEntry{main: "manage.py", server: "none", args: []string{"runserver", "0.0.0.0:{port}", "--noreload"}, from: from, defPort: "8000", binds: true,
		notes: []string{fmt.Sprintf("%s: a Django project, and gunicorn is not among the dependencies: add gunicorn to them (in %s) and set server: gunicorn, main: %s; until then the image runs Django's development server (manage.py runserver), which is not meant for production", from, pyDepFile(d), ref)}}, true
}

// pyFastAPIEntrypoint reads [tool.fastapi] entrypoint = "module:app", what
// the fastapi command runs.
func pyFastAPIEntrypoint(d pyDir) (pyEntry, bool) {
	data, ok := d.read("pyproject.toml")
	if !ok {
		return pyEntry{}, false
	}
	ref, line, ok := pyTomlString(data, "tool.fastapi", "entrypoint")
	if !ok {
		return pyEntry{}, false
	}
	from := d.at("pyproject.toml", line)
	if !pyCallableRE.MatchString(ref) {
		return pyEntry{notes: []string{fmt.Sprintf("%s: [tool.fastapi] entrypoint %q is not a module:app reference; ignored", from, ref)}}, false
	}
	if pyServerDep(d, "uvicorn") == "" {
		return pyEntry{notes: []string{fmt.Sprintf("%s: [tool.fastapi] entrypoint %s needs uvicorn: depend on fastapi[standard] (or uvicorn) to serve it", from, ref)}}, false
	}
	return pyEntry{main: ref, server: "uvicorn", from: from, defPort: "8000", binds: true}, true
}

// pyScripts reads the first console script ([project.scripts], then
// [tool.poetry.scripts]): name = "module:function", run by calling it.
func pyScripts(d pyDir) (pyEntry, bool) {
	data, ok := d.read("pyproject.toml")
	if !ok {
		return pyEntry{}, false
	}
	for _, table := range []string{"project.scripts", "tool.poetry.scripts"} {
		kvs, _ := pyTomlTable(data, table)
		for _, kv := range kvs {
			if kv.IsStr && pyCallableRE.MatchString(kv.Str) && !strings.HasSuffix(kv.Str, ")") {
				return pyEntry{main: kv.Str, server: "none", from: d.at("pyproject.toml", kv.Line)}, true
			}
		}
	}
	return pyEntry{}, false
}

// pyProcfile reads the Procfile's web process: gunicorn, uvicorn, fastapi
// run, python SCRIPT or python -m MODULE, with the port it names.
func pyProcfile(d pyDir) (pyEntry, bool) {
	web, ok := procfileWeb(d.p)
	if !ok {
		return pyEntry{}, false
	}
	w := procfileWords(web.Value)
	if len(w) > 1 && (w[0] == "exec") {
		w = w[1:]
	}
	if len(w) > 2 && (w[0] == "uv" || w[0] == "poetry" || w[0] == "pipenv") && w[1] == "run" {
		w = w[2:]
	}
	unknown := pyEntry{notes: []string{fmt.Sprintf("%s: the web process %q is not one dockergen knows how to run (gunicorn, uvicorn, fastapi run, python SCRIPT, python -m MODULE); it is ignored", web.From, web.Value)}}
	if len(w) == 0 {
		return unknown, false
	}
	e := pyEntry{from: web.From, binds: true}
	prog := path.Base(w[0])
	switch {
	case prog == "gunicorn" || prog == "uvicorn":
		e.server, e.defPort = prog, "8000"
		factory := false
		for i := 1; i < len(w); i++ {
			flag, val, hasVal := strings.Cut(w[i], "=")
			value := func() string {
				if hasVal {
					return val
				}
				if i+1 < len(w) {
					i++
					return w[i]
				}
				return ""
			}
			switch {
			case flag == "--bind" || flag == "-b":
				if _, port, ok := strings.Cut(value(), ":"); ok {
					e.port = pyProcfilePort(port, web.From)
				}
			case flag == "--port":
				e.port = pyProcfilePort(value(), web.From)
			case flag == "--worker-class" || flag == "-k":
				if strings.Contains(value(), "uvicorn") {
					e.server = "uvicorn"
				}
			case flag == "--factory":
				factory = true
			case strings.HasPrefix(flag, "-"):
				if pyServerValueFlag[flag] && !hasVal {
					value()
				}
			case e.main == "" && !strings.HasSuffix(w[i], ".py"):
				// gunicorn's default callable is application; uvicorn
				// names it always.
				e.main = w[i]
				if !strings.Contains(e.main, ":") {
					e.main += ":application"
				}
			}
		}
		if factory && !strings.HasSuffix(e.main, ")") {
			e.main += "()"
		}
		if e.main == "" || !pyCallableRE.MatchString(e.main) {
			return unknown, false
		}
		if dep := pyServerDep(d, e.server); dep == "" {
			e.notes = append(e.notes, fmt.Sprintf("%s runs %s, which is not among the dependencies: add it (in %s), or the image cannot start", web.From, e.server, pyDepFile(d)))
		}
		return e, true
	case prog == "fastapi" && len(w) > 2 && w[1] == "run":
		for _, a := range w[2:] {
			if !strings.HasPrefix(a, "-") && strings.HasSuffix(a, ".py") {
				if data, ok := d.read(a); ok {
					if m := pyFastAPIRE.FindSubmatch(data); m != nil && pyModuleOf(a) != "" {
						e.main, e.server, e.defPort = pyModuleOf(a)+":"+string(m[1]), "uvicorn", "8000"
						return e, true
					}
				}
			}
		}
		return unknown, false
	case strings.HasPrefix(prog, "python"):
		e.server, e.binds = "none", false
		if len(w) > 2 && w[1] == "-m" && pyCallableRE.MatchString(w[2]+":x") {
			e.main = w[2]
			return e, true
		}
		if len(w) > 1 && relPathRE.MatchString(w[1]) && d.exists(w[1]) {
			e.main = w[1]
			return e, true
		}
	}
	return unknown, false
}

// pyServerValueFlag are the gunicorn and uvicorn options that take a value
// (the next word unless written --flag=value); any other is a switch.
var pyServerValueFlag = map[string]bool{
	"-c": true, "--config": true, "-w": true, "--workers": true, "--threads": true, "-t": true, "--timeout": true,
	"--graceful-timeout": true, "--keep-alive": true, "--log-level": true, "--access-logfile": true,
	"--error-logfile": true, "--log-file": true, "--access-logformat": true, "--max-requests": true,
	"--max-requests-jitter": true, "--forwarded-allow-ips": true, "--log-config": true, "--chdir": true,
	"--pythonpath": true, "-n": true, "--name": true, "-e": true, "--env": true, "--worker-connections": true,
	"--host": true, "--uds": true, "--fd": true, "--loop": true, "--http": true, "--ws": true, "--lifespan": true,
	"--interface": true, "--env-file": true, "--app-dir": true, "--root-path": true, "--limit-concurrency": true,
	"--timeout-keep-alive": true, "--timeout-graceful-shutdown": true, "--ssl-keyfile": true, "--ssl-certfile": true,
	"--certfile": true, "--keyfile": true, "--user": true, "--group": true, "--umask": true, "--statsd-host": true,
}

// pyProcfilePort reads a port word of a Procfile: a number, or $PORT (the
// platform's, which the image then sets).
func pyProcfilePort(word, from string) Detected {
	if _, err := strconv.Atoi(word); err == nil {
		return Detected{Value: word, From: from}
	}
	return Detected{}
}

// sources are the files scanned for main's port and health hints: the
// file where its entry was found (the app a development server runs),
// then pySources.
func (plan pyPlan) sources(main string) []string {
	var files []string
	if e, ok := plan.chosen(main); ok {
		if f, _, _ := strings.Cut(e.from, ":"); strings.HasSuffix(f, ".py") {
			files = append(files, f)
		}
	}
	for _, f := range pySources(plan.d, main) {
		if !slices.Contains(files, f) {
			files = append(files, f)
		}
	}
	return files
}

// pySources are the files that main runs first, scanned for the port and
// health hints: the script, the module's file, the callable's module.
func pySources(d pyDir, main string) []string {
	var files []string
	mod, _, isRef := strings.Cut(main, ":")
	switch {
	case isRef || pyModuleMainRE.MatchString(main) && !strings.HasSuffix(main, ".py"):
		if f := pyModuleFile(d, mod); f != "" {
			files = append(files, d.path(f))
		}
		rel := strings.ReplaceAll(mod, ".", "/")
		for _, f := range []string{rel + "/__main__.py", "src/" + rel + "/__main__.py"} {
			if d.exists(f) {
				files = append(files, d.path(f))
			}
		}
	default:
		files = append(files, d.path(main))
	}
	return files
}
