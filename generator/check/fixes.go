package check

import (
	"path"
	"strconv"
	"strings"
)

// probes are health probes that need no shell and no curl, by the runtime
// that runs them: the program an exec-form ENTRYPOINT or CMD starts, else
// the base image's name.
var probes = map[string][]string{
	"python":  {"python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/')"},
	"node":    {"node", "-e", "fetch('http://127.0.0.1:3000/').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"},
	"ruby":    {"ruby", "-rnet/http", "-e", "exit Net::HTTP.get_response(URI('http://127.0.0.1:3000/')).is_a?(Net::HTTPSuccess)"},
	"php":     {"php", "-r", "exit(@file_get_contents('http://127.0.0.1/') === false ? 1 : 0);"},
	"nginx":   nil, // see healthcheckProbe
	"httpd":   nil,
	"bun":     {"bun", "-e", "fetch('http://127.0.0.1:3000/').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"},
	"deno":    {"deno", "eval", "const r = await fetch('http://127.0.0.1:8000/'); Deno.exit(r.ok ? 0 : 1)"},
	"python3": {"python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/')"},
}

// runtimeAliases map image names to the runtime in probes.
var runtimeAliases = map[string]string{
	"pypy": "python", "nginx-unprivileged": "nginx", "openresty": "nginx", "oven/bun": "bun",
}

// healthcheckProbe writes DG146's fix arguments for an image and the
// final stage's exec-form command: the HEALTHCHECK instruction and words
// that say what runs it. It returns nothing when it cannot say more than the
// rule's own Fix.
func healthcheckProbe(ref imageRef, entry []string) []any {
	runtime := ""
	for _, a := range entry { // conda run … python app.py: python
		if _, ok := probes[path.Base(a)]; ok {
			runtime = path.Base(a)
			break
		}
	}
	if runtime == "" {
		name := ref.Name()
		if a, ok := runtimeAliases[name]; ok {
			name = a
		}
		if _, ok := probes[name]; ok {
			runtime = name
		}
	}
	if runtime == "nginx" || runtime == "httpd" {
		// The web server cannot probe itself; its image has a client.
		if strings.Contains(ref.Tag, "alpine") {
			return []any{`HEALTHCHECK CMD ["wget", "-q", "--spider", "http://127.0.0.1/"]`, "(busybox wget, already in the " + runtime + " alpine image, requests the server: no shell needed)"}
		}
		return []any{`HEALTHCHECK CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1/"]`, "(curl, already in the " + runtime + " image, requests the server: no shell needed)"}
	}
	if runtime != "" {
		return []any{"HEALTHCHECK CMD " + execForm(probes[runtime]), "(the image's own " + runtime + " requests the app: no shell or curl needed; use the app's port and health path)"}
	}
	if len(entry) == 0 {
		return nil
	}
	// An app the image starts itself: its own program in a probe mode.
	switch prog := path.Base(entry[0]); prog {
	case "dotnet", "java":
		return []any{"HEALTHCHECK CMD " + execForm(append(entry[:len(entry):len(entry)], "--healthcheck")),
			"(a probe mode in which the app, run by the image's own " + prog + ", requests its own health endpoint and exits 0 or 1: no shell or curl needed)"}
	default:
		return []any{"HEALTHCHECK CMD " + execForm([]string{entry[0], "--healthcheck"}),
			"(a probe mode in which " + prog + " requests its own health endpoint and exits 0 or 1: no shell or curl needed)"}
	}
}

// execForm writes argv as a Dockerfile exec-form JSON array.
func execForm(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		q[i] = strconv.Quote(a)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
