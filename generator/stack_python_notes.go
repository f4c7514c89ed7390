package generator

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

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
		for _, e := range pyAnalyze(p).entries {
			found = append(found, Detected{Value: e.main, From: e.from})
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string {
		return pyAnalyze(p).sources(c.Main.Value)
	},
	port:   pythonPort,
	health: []*regexp.Regexp{httpPathRE2},
	notes:  pythonNotes,
}

// pyPortRE are a script's own port: a PORT default (os.environ.get("PORT",
// 5000)) or a port argument (app.run(port=5000), uvicorn.run(app,
// port=8001)).
var pyPortRE = []*regexp.Regexp{
	regexp.MustCompile(`["']PORT["']\s*,\s*["']?(\d{2,5})`),
	regexp.MustCompile(`\bport\s*=\s*(\d{2,5})\b`),
}

// pythonPort finds the port: the one the entry names (Procfile --port or
// --bind), gunicorn.conf.py's bind, the app's own port (app.run(port=),
// uvicorn.run(port=), a PORT default), else the default of what serves it
// (gunicorn and uvicorn 8000, Flask 5000). Where
// dockergen's command line sets the port (a server), a privileged one is
// replaced; a script's own privileged port moves through PORT when the code
// reads it. When the code reads PORT, the image sets it to the port.
func pythonPort(p *project, c *Candidate) bool {
	plan := pyAnalyze(p)
	e, ok := plan.chosen(c.Main.Value)
	srcs := plan.sources(c.Main.Value)
	if e.server == "gunicorn" && plan.d.exists("gunicorn.conf.py") {
		srcs = append(srcs, plan.d.path("gunicorn.conf.py"))
	}
	var explicit Detected
	if e.port.Found() {
		explicit = e.port
	}
	if data, ok := plan.d.read("gunicorn.conf.py"); ok && !explicit.Found() && e.server == "gunicorn" {
		if m := pyBindRE.FindSubmatchIndex(data); m != nil {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			explicit = Detected{Value: string(data[m[g]:m[g+1]]), From: plan.d.at("gunicorn.conf.py", lineAt(data, m[g]))}
		}
	}
	if !explicit.Found() {
		// The app's own port: app.run(port=...), uvicorn.run(..., port=...),
		// a PORT default; where dockergen's command line binds, it keeps
		// the port the authors chose.
		explicit, _ = p.scan(srcs, pyPortRE)
	}
	reads, _ := p.scan(srcs, []*regexp.Regexp{regexp.MustCompile(`(` + pyReadsPortRE.String() + `)`)})
	env := ""
	if reads.Found() {
		env = "PORT"
	}
	switch {
	case explicit.Found() && e.binds:
		if n, err := strconv.Atoi(explicit.Value); err == nil && n >= 1024 && n <= 65535 {
			c.Port = explicit
		} else {
			c.Port = Detected{Value: strconv.Itoa(DefaultPort), From: explicit.From, Reason: fmt.Sprintf("port %s is privileged: the image's own command line binds %d", explicit.Value, DefaultPort)}
		}
	case explicit.Found():
		c.unprivileged(explicit, env)
	case ok && e.defPort != "":
		c.Port = Detected{Value: e.defPort, From: e.from, Reason: e.portWhy()}
	}
	if reads.Found() {
		c.setEnv("PORT", c.Port.Value, reads.From, "the app reads PORT")
	}
	return true
}

// pythonNotes fills the installer, the server, default arguments, the
// build step and the workspace member, and says what the user should know:
// a missing lockfile or requirements, Pipfile, a framework whose server is
// not in the dependencies, what Django's settings need.
func pythonNotes(p *project, c *Candidate) {
	tool, ok := pyTool(p)
	if ok {
		c.Tool = tool
	}
	switch {
	case tool.Value == "uv" && !p.exists("uv.lock"):
		c.Notes = append(c.Notes, fmt.Sprintf("uv.lock is missing: the Dockerfile runs 'uv sync --locked', which needs it (run 'uv lock'; uv is chosen by %s)", tool.Source()))
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
	plan := pyAnalyze(p)
	c.Notes = append(c.Notes, plan.notes...)
	c.Members = plan.members
	if plan.member.Found() {
		c.Member = plan.member
		if tool.Value != "uv" {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: a uv workspace, but the build tool is %s: build.member applies to uv only", plan.member.From, tool.Value))
		}
	}
	if e, ok := plan.chosen(c.Main.Value); ok {
		if e.server != "none" {
			from := pyServerDep(plan.d, e.server)
			if from == "" {
				from = e.from
			}
			c.Server = Detected{Value: e.server, From: from}
		}
		if len(e.args) > 0 {
			for _, a := range e.args {
				c.Args = append(c.Args, strings.ReplaceAll(a, "{port}", c.Port.Value))
			}
			c.ArgsFrom = e.from
		}
		for _, env := range e.env {
			c.setEnv(env.Name, strings.ReplaceAll(env.Value, "{port}", c.Port.Value), env.From, env.Reason)
		}
		c.Notes = append(c.Notes, e.notes...)
	}
	pyBuild(plan.d, tool.Value, c)
	if len(plan.entries) == 0 && !p.exists(c.Main.Value) {
		c.Notes = append(c.Notes, fmt.Sprintf("no app.py, main.py or server.py, web app or entry point found: using %s — set main to the script that starts the app", c.Main.Value))
	}
}

// pyBuild adds what the build must run after the sources are copied:
// installing a src-layout package into the virtualenv (pip and Poetry; uv
// installs the project itself), and Django's collectstatic when the
// settings have a STATIC_ROOT, with a throwaway SECRET_KEY given to that
// one command when the settings read it from the environment without a
// default. Settings that need other variables at start become notes.
func pyBuild(d pyDir, tool string, c *Candidate) {
	var steps [][]string
	var froms []string
	if pkgs := d.packages("src"); len(pkgs) > 0 {
		data, _ := d.read("pyproject.toml")
		_, bs := pyTomlTable(data, "build-system")
		switch {
		case bs == 0:
			c.Notes = append(c.Notes, fmt.Sprintf("%s is a src layout, but pyproject.toml has no [build-system]: the package cannot be installed, so it does not import (add a build backend, for example hatchling)", d.path(pkgs[0])))
		case tool != "uv":
			steps = append(steps, []string{"pip", "--python=" + PythonVenv + "/bin/python", "install", "--no-deps", "--no-compile", "."})
			froms = append(froms, d.at("pyproject.toml", bs))
		}
	}
	if data, ok := d.read("manage.py"); ok {
		if m := pyDjangoRE.FindSubmatch(data); m != nil {
			if f := pyModuleFile(d, string(m[1])+"."+string(m[2])); f != "" {
				if step, from := pyDjangoSettings(d, f, c); step != nil {
					steps = append(steps, step)
					froms = append(froms, from)
				}
			}
		}
	}
	switch len(steps) {
	case 0:
		return
	case 1:
		c.BuildCommand = steps[0]
	default:
		var words []string
		for _, s := range steps {
			q := make([]string, len(s))
			for i, w := range s {
				q[i] = ShellQuote(w)
			}
			words = append(words, strings.Join(q, " "))
		}
		c.BuildCommand = []string{"sh", "-c", strings.Join(words, " && ")}
	}
	c.BuildFrom = strings.Join(froms, ", ")
}

// pyThrowawayKey is the SECRET_KEY that collectstatic gets in the build:
// it signs nothing that is kept, and is never in the image's environment.
const pyThrowawayKey = "dockergen-build-only-collectstatic"

// pyDjangoSettings reads a Django settings module: the collectstatic step
// when it sets STATIC_ROOT, and notes for what it needs at run time.
func pyDjangoSettings(d pyDir, file string, c *Candidate) ([]string, string) {
	data, _ := d.read(file)
	var secretVar string
	if m := pySecretKeyRE.FindSubmatchIndex(data); m != nil {
		name, from := string(data[m[2]:m[3]]), d.at(file, lineAt(data, m[2]))
		if string(data[m[4]:m[5]]) != "," {
			secretVar = name
			c.Notes = append(c.Notes, fmt.Sprintf("%s: SECRET_KEY comes from %s, with no default: give it to the container at run time (an env file or your platform's secrets), never in the spec; the build's collectstatic gets a throwaway one", from, name))
		}
	}
	seen := map[string]bool{"PORT": true, secretVar: true}
	for _, m := range pyRequiredEnvRE.FindAllSubmatchIndex(data, -1) {
		name := string(data[m[2]:m[3]])
		if seen[name] {
			continue
		}
		seen[name] = true
		c.Notes = append(c.Notes, fmt.Sprintf("%s: the settings need %s, with no default: set it when running the container", d.at(file, lineAt(data, m[2])), name))
	}
	m := pyStaticRoot.FindIndex(data)
	if m == nil {
		return nil, ""
	}
	step := []string{"python", d.path("manage.py"), "collectstatic", "--noinput"}
	if secretVar != "" {
		step = append([]string{"env", secretVar + "=" + pyThrowawayKey}, step...)
	}
	return step, d.at(file, lineAt(data, m[0]))
}
