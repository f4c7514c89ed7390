package generator

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// The static stack: a built or plain static site served by nginx as the
// app user. version is the Node.js major of the optional build step
// (build.command runs in node:VERSION-DEBIAN-slim with the project's package
// manager, build.tool, installed like the node stack's; nginx is the
// catalog's stable line); main is the site's directory (. for a plain site,
// the build's output, build.output, such as dist after a build); server
// says whether paths that are no file fall back to /index.html (nginx-spa,
// a single-page app) or stay 404s (nginx). The seccomp profile is nginx's.
// Which front-end frameworks are recognised, and where each writes its
// output, is in stack_static_build.go.
var staticStack = &stack{
	Name:        "static",
	MainHelp:    "the site's directory: . for a plain site, or the build's output such as dist",
	Runtime:     "node",
	VersionHelp: "the Node.js major version of the optional build step (build.command)",
	DefaultBase: BaseSlim,
	Bases:       []string{BaseSlim, BaseAlpine},
	DefaultMain: ".",
	Profile:     "nginx",
	// The build's package managers are the node stack's, installed the same
	// way (templates/node.lib.tmpl); their ChoiceHelp is node's.
	Tools:   nodeStack.Tools,
	Servers: []string{"nginx", "nginx-spa"},
	ChoiceHelp: func() map[string]string {
		h := map[string]string{
			"nginx":     "nginx serves the files as they are: a path that is no file is a 404",
			"nginx-spa": "nginx with a single-page app's fallback: a path that is no file answers /index.html",
		}
		for _, t := range nodeStack.Tools {
			h[t] = nodeStack.ChoiceHelp[t]
		}
		return h
	}(),
	Output:  true,
	PinTags: true,
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
		checkStaticOutput(s, bad)
		refuseCGO(s, bad)
	},
	// -e: the error log before the configuration is read (the default
	// path is on the read-only root).
	Entry: func(s *Spec, _ string) []string {
		return []string{"/usr/sbin/nginx", "-e", "/dev/stderr", "-c", "/etc/nginx/nginx.conf"}
	},
	Label: func(s *Spec) string {
		label := s.Stack
		if len(s.Build.Command) > 0 {
			label = "static built with Node.js " + s.Version
			if s.Build.Tool != "" && s.Build.Tool != "npm" {
				label += " and " + s.Build.Tool
			}
		}
		if s.Server == "nginx-spa" {
			label += ", single-page app"
		}
		return label
	},
	NoBuildStep: func(s *Spec) bool { return len(s.Build.Command) == 0 },
	ConfigFiles: func(*Spec) []configFile { return []configFile{{"nginx.conf", checkNginx}} },
	Detector:    staticDetector,
	DepFiles:    staticDepFiles,
	Doc: stackDoc{
		Reads: []docRead{
			{"`index.html` at the root or in `dist/`, `build/`, `public/`, `_site/`, `out/`, `site/`", "a plain site's directory (main); only the site is served, never README, LICENSE, `.github/` or dotfiles"},
			{"`package.json`, `package-lock.json`/`yarn.lock`/`pnpm-lock.yaml`", "the `build` script (build.command) and the front-end framework (vite, react-scripts, @angular/cli, @vue/cli-service, next, astro, @sveltejs/adapter-static, webpack); a server dependency, a `start` script running node, or a `server.*` file keep it node; the package manager (build.tool); `bun.lock` → a note"},
			{"`vite.config.*`, `angular.json`, `next.config.*`, `astro.config.*`, `svelte.config.*`, `vue.config.*`, `webpack*.js`", "the output directory served (main, build.output): `build.outDir`, `outputPath` and builder, `output: 'export'` and `distDir`, `outDir`/`adapter`, `pages`/`fallback`, `outputDir`, `output.path`; whether it is a single-page app (server `nginx-spa`)"},
			{"`hugo.toml`/`hugo.yaml`/`hugo.json`/`config.toml`/`config.yaml` (`publishDir`), `_config.yml` (`destination`) with a jekyll `Gemfile`, `docs/index.html`", "a Hugo or Jekyll site's committed output (or a note saying how to build it first)"},
		},
		DetectedFrom: "`index.html` at the root or in `dist/`, `build/`, `public/`, `_site/`, `out/`, `site/`; a front-end build in `package.json` (Vite, Create React App, Angular, Vue CLI, Next.js `output: 'export'`, Astro, SvelteKit adapter-static, webpack) and its config's output directory; Hugo and Jekyll configs (their committed output, or `docs/`)",
		ToolsNote:    "(the build's, as for node)",
		Runtime:      "nginx as uid 10001 on 8080, read-only root, pid and temp paths on tmpfs; a build runs in Node.js and only its output is served; `nginx-spa` falls back to `/index.html`",
	},
}

// checkStaticOutput: a built site serves its build's output, so main is
// build.output or inside it (Angular's dist/app/browser); a build that
// serves the whole project (main .) would serve its sources and
// node_modules.
func checkStaticOutput(s *Spec, bad func(field, format string, args ...any)) {
	if s.Build.PinTags && len(s.Build.Command) == 0 {
		bad("build.pinTags", "a site without build.command installs nothing (allowed: false, or set build.command)")
	}
	if len(s.Build.Command) == 0 || !relPathRE.MatchString(s.Main) || escapes(s.Main) {
		return
	}
	main := path.Clean(s.Main)
	if main == "." {
		bad("main", "a built site serves its build's output, not the whole project with its sources and node_modules (for example main: dist, with build.output: dist)")
		return
	}
	if s.Build.Output == "" || !relPathRE.MatchString(s.Build.Output) || escapes(s.Build.Output) {
		return // build.output's own problems are reported by Validate
	}
	out := path.Clean(s.Build.Output)
	if main != out && !strings.HasPrefix(main, out+"/") {
		bad("main", "%q is not build.output %q or inside it: the site served is what the build writes (for example main: %s)", s.Main, s.Build.Output, out)
	}
}

// --- detection ---

// staticDirs are the directories, in order, where a site's index.html is
// looked for: the project root (a plain site), then the output directories
// of common static-site generators and bundlers.
var staticDirs = []string{".", "dist", "build", "public", "_site", "out", "site"}

var staticDetector = &detector{
	// index.html where a site is (Vite's and Create React App's entry
	// too); the config of a front-end framework whose build has none
	// (stack_static_build.go); a Hugo or Jekyll config
	// (stack_static_site.go). declines keeps only what is a site.
	markers: func() []string {
		var m []string
		for _, d := range staticDirs {
			m = append(m, path.Join(d, "index.html"))
		}
		return append(m, "angular.json", "next.config.*", "astro.config.*", "svelte.config.*", "vue.config.*", "hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "_config.yml")
	}(),
	// An index.html or a site config at a repository's root is often its
	// docs, beside the app in a subfolder.
	weak: true,
	declines: func(p *project) bool {
		for _, d := range staticDirs {
			if p.exists(path.Join(d, "index.html")) {
				return false
			}
		}
		return findStaticBuild(p) == nil && findSiteGenerator(p) == nil
	},
	// A built site names itself and its Node.js version like a Node project.
	name:    nodeDetector.name,
	version: nodeDetector.version,
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		add := func(d Detected) {
			if !slices.ContainsFunc(found, func(f Detected) bool { return f.Value == d.Value }) {
				found = append(found, d)
			}
		}
		built := false
		if b := findStaticBuild(p); b != nil && b.server == "" {
			add(b.out)
			built = true // its index.html at the root is the build's source
		} else if g := findSiteGenerator(p); g != nil {
			add(g.out)
		}
		for _, d := range staticDirs {
			if built && d == "." {
				continue
			}
			if f := path.Join(d, "index.html"); p.exists(f) {
				add(Detected{Value: d, From: f})
			}
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string { return nil },
	notes:   staticNotes,
}

// staticNotes fills a front-end build (tool, build.command, build.output,
// the SPA fallback) and says what was found and what is not done.
func staticNotes(p *project, c *Candidate) {
	b := findStaticBuild(p)
	if b != nil && b.server == "" {
		staticBuildNotes(p, c, b)
		return
	}
	if b != nil {
		c.Notes = append(c.Notes, fmt.Sprintf("%s (%s) builds here, but %s: this is a server's project (node); as a static site, set build.command and main to the build's output (%s)", b.fw.Name, b.dep.From, b.server, b.out.Value))
	}
	if g := findSiteGenerator(p); g != nil {
		c.Notes = append(c.Notes, g.note(p))
		return
	}
	if b == nil && c.Main.Value != "." && p.exists("package.json") {
		c.Notes = append(c.Notes, fmt.Sprintf("%s looks like a build's output: set build.command (for example [\"npm\", \"run\", \"build\"]) to build it in the image, or build it before docker build", c.Main.Value))
	}
}

// staticBuildNotes fills what a front-end build needs: the package manager
// (found as the node stack finds it), its build script, output directory
// and fallback.
func staticBuildNotes(p *project, c *Candidate, b *staticBuild) {
	tool, ok := nodeTool(p)
	if ok {
		c.Tool = tool
	} else {
		tool = Detected{Value: "npm"}
	}
	c.BuildCommand = []string{tool.Value, "run", "build"}
	c.BuildFrom = b.script.From
	c.Output = b.out
	if b.spa.Found() {
		c.Server = Detected{Value: "nginx-spa", From: b.spa.From}
	}
	what := fmt.Sprintf("%s (%s", b.fw.Name, b.dep.From)
	if b.needs != "" {
		what += ", " + b.needs
	}
	where := b.fw.Name + "'s default"
	if b.out.From != b.dep.From {
		where = b.out.From
	}
	what += fmt.Sprintf("): a static build, '%s' writes %s/ (%s), served by nginx", b.script.Value, b.out.Value, where)
	if b.spa.Found() {
		what += " with the single-page app fallback to /index.html"
	} else {
		what += "; a path that is no page stays a 404"
	}
	c.Notes = append(c.Notes, what)
	if b.fallback.Found() {
		c.Notes = append(c.Notes, fmt.Sprintf("%s: the fallback page is %s, which nginx does not answer for unknown paths: set it to index.html for server nginx-spa (the single-page app fallback)", b.fallback.From, b.fallback.Value))
	}
	if tool.Value == "npm" {
		npmTagPins(p, c)
	}
	if lock := nodeLockfile(tool.Value); !p.exists(lock) {
		msg := fmt.Sprintf("%s is missing: the build installs with %s from it, frozen (create it with '%s', then commit it)", lock, tool.Value, staticLockCreate(tool.Value))
		for _, bun := range []string{"bun.lock", "bun.lockb"} {
			if p.exists(bun) {
				msg = fmt.Sprintf("%s is Bun's lockfile: dockergen has no Bun builder image, so the build installs with npm from package-lock.json, which is missing (create it with 'npm install --package-lock-only' and commit it; or build with 'bun run build' before docker build and serve %s/ as a plain site: no build.command, main %s)", bun, b.out.Value, b.out.Value)
				break
			}
		}
		c.Notes = append(c.Notes, msg)
	}
}

// staticLockCreate is the command that writes a tool's lockfile, as the
// node stack's DepFiles say.
func staticLockCreate(tool string) string {
	for _, d := range nodeDepFiles(&Spec{Build: Build{Tool: tool}}) {
		if d.Create != "" {
			return d.Create
		}
	}
	return tool + " install"
}

// staticDepFiles: a site built with build.command installs like a node
// project (nodeDepFiles: package.json and the tool's lockfile, refused when
// missing, as for node: a frozen install is the point); a plain site copies
// no dependency files.
func staticDepFiles(s *Spec) []DepFile {
	if len(s.Build.Command) == 0 {
		return nil
	}
	return nodeDepFiles(s)
}
