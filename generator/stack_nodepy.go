package generator

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// The node and python catalog entries (stacks.go) get their choices here:
// node's package managers (npm, yarn and pnpm, the last two through
// corepack) and its build output directory; python's installers (pip, Poetry
// and uv) and its application servers (none, gunicorn for WSGI, uvicorn for
// ASGI). The pinned tool versions are in the templates, beside the commands
// that use them (templates/node.Dockerfile.tmpl, python.Dockerfile.tmpl).
func init() {
	node := stacks["node"]
	node.Tools = []string{"npm", "yarn", "pnpm"}
	node.Output = true
	node.Check = checkNode
	node.Label = func(s *Spec) string {
		if s.Build.Tool == "" || s.Build.Tool == "npm" {
			return "node " + s.Version
		}
		return "node " + s.Version + " with " + s.Build.Tool
	}

	py := stacks["python"]
	py.Tools = []string{"pip", "poetry", "uv"}
	py.Servers = []string{"none", "gunicorn", "uvicorn"}
	py.CheckMain = checkPythonMain
	py.Entry = pythonEntry
	py.Label = func(s *Spec) string {
		l := "python " + s.Version
		if s.Build.Tool != "" && s.Build.Tool != "pip" {
			l += " with " + s.Build.Tool
		}
		if s.Server != "" && s.Server != "none" {
			l += ", served by " + s.Server
		}
		return l
	}
}

// checkNode reports a main outside build.output: with an output directory
// the runtime image holds only package.json, the production node_modules
// and that directory, so the script must be inside it.
func checkNode(s *Spec, bad func(field, format string, args ...any)) {
	if s.Build.Output == "" || !relPathRE.MatchString(s.Build.Output) || escapes(s.Build.Output) {
		return // build.output's own problems are reported by Validate
	}
	out := path.Clean(s.Build.Output)
	if !strings.HasPrefix(path.Clean(s.Main), out+"/") {
		bad("main", "%q is not inside build.output %q: the runtime image holds only package.json, node_modules and %s (for example main: %s/server.js)", s.Main, s.Build.Output, out, out)
	}
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
