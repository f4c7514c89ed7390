package generator

import (
	"fmt"
	"path"
	"strings"
)

// The static stack: a built or plain static site served by nginx as the
// app user. version is the Node.js major of the optional build step
// (build.command runs in node:VERSION-DEBIAN-slim; nginx is the catalog's
// stable line); main is the site's
// directory (. for a plain site, for example dist after a build). The
// seccomp profile is nginx's.
var staticStack = &stack{
	Name:        "static",
	MainHelp:    "the site's directory: . for a plain site, or the build's output such as dist",
	Runtime:     "node",
	VersionHelp: "the Node.js major version of the optional build step (build.command)",
	DefaultBase: BaseSlim,
	Bases:       []string{BaseSlim, BaseAlpine},
	DefaultMain: ".",
	Profile:     "nginx",
	// nginx is the catalog's stable line; the build step's Node.js is
	// version (on the default Debian release for alpine).
	Images: func(r release) (string, string, string, error) {
		builder := img{"node", "{version}-{debian}-slim", nil}
		nginx := newestLine("nginx")
		switch r.Base {
		case BaseSlim:
			// The probe is bash's /dev/tcp: the image has no HTTP client.
			return images(r, "/bin/bash", builder, img{"nginx", "{version}-{debian}", []string{"version", nginx}})
		case BaseAlpine:
			return images(r, "/usr/bin/wget", builder, img{"nginx", "{version}-alpine{alpine}", []string{"version", nginx}})
		}
		return "", "", "", errNoBase
	},
	HTTPProbe: func(interp, url string) []string {
		if interp == "/usr/bin/wget" {
			return []string{interp, "-q", "-O", "/dev/null", url}
		}
		// bash opens the TCP connection itself; the port and the path are
		// arguments, never part of the script.
		hostPort, p, _ := strings.Cut(strings.TrimPrefix(url, "http://"), "/")
		_, port, _ := strings.Cut(hostPort, ":")
		return []string{interp, "-c", `exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 && read -r _ code _ <&3 && [ "$code" = 200 ]`, "probe", port, "/" + p}
	},
	CheckMain: func(s *Spec) string {
		if !relPathRE.MatchString(s.Main) || strings.HasPrefix(s.Main, "-") || escapes(s.Main) {
			return fmt.Sprintf("%q is not the site's directory inside the build context (allowed: . for a plain site, or the build's output directory such as dist)", s.Main)
		}
		return ""
	},
	// digests.builder is left alone on a plain site: its first stage is
	// scratch, which has no digest (the pin applies once build.command is set).
	Check: func(s *Spec, bad func(field, format string, args ...any)) {
		if len(s.Build.Command) == 0 && len(s.Build.Secrets) > 0 {
			bad("build.secrets", "a plain site has no build step to use a secret (allowed: none, or set build.command)")
		}
		if len(s.Build.Command) == 0 && len(s.Build.Args) > 0 {
			bad("build.args", "a plain site has no build step to use build arguments (allowed: none, or set build.command)")
		}
		refuseCGO(s, bad)
	},
	// -e: the error log before the configuration is read (the default
	// path is on the read-only root).
	Entry: func(s *Spec, _ string) []string {
		return []string{"/usr/sbin/nginx", "-e", "/dev/stderr", "-c", "/etc/nginx/nginx.conf"}
	},
	Label: func(s *Spec) string {
		if len(s.Build.Command) > 0 {
			return "static built with Node.js " + s.Version
		}
		return s.Stack
	},
	NoBuildStep: func(s *Spec) bool { return len(s.Build.Command) == 0 },
	ConfigFiles: func(*Spec) []configFile { return []configFile{{"nginx.conf", checkNginx}} },
	Detector:    staticDetector,
	DepFiles:    staticDepFiles,
	Doc: stackDoc{
		DetectedFrom: "`index.html` at the root or in `dist/`, `build/`, `public/`, `_site/`, `out/`, `site/`",
		Runtime:      "nginx as uid 10001 on 8080, read-only root, pid and temp paths on tmpfs",
	},
}

// --- detection ---

// staticDirs are the directories, in order, where a site's index.html is
// looked for: the project root (a plain site), then the output directories
// of common static-site generators and bundlers.
var staticDirs = []string{".", "dist", "build", "public", "_site", "out", "site"}

var staticDetector = &detector{
	markers: func() []string {
		var m []string
		for _, d := range staticDirs {
			m = append(m, path.Join(d, "index.html"))
		}
		return m
	}(),
	// A built site names itself and its Node.js version like a Node project.
	name:    nodeDetector.name,
	version: nodeDetector.version,
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		for _, d := range staticDirs {
			if f := path.Join(d, "index.html"); p.exists(f) {
				found = append(found, Detected{Value: d, From: f})
			}
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string { return nil },
	notes: func(p *project, c *Candidate) {
		if c.Main.Value != "." && p.exists("package.json") {
			c.Notes = append(c.Notes, fmt.Sprintf("%s looks like a build's output: set build.command (for example [\"npm\", \"run\", \"build\"]) to build it in the image, or build it before docker build", c.Main.Value))
		}
	},
}

// staticDepFiles: a site built with build.command installs with npm ci,
// which needs the lockfile (refused when missing, as for node: a frozen
// install is the point); a plain site copies no dependency files.
func staticDepFiles(s *Spec) []DepFile {
	if len(s.Build.Command) == 0 {
		return nil
	}
	return []DepFile{{Name: "package.json"}, {Name: "package-lock.json", Create: "npm install --package-lock-only"}}
}
