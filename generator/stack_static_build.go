package generator

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// A front-end project built into a static site: package.json's build script
// runs a framework that writes HTML, JavaScript and CSS to an output
// directory, and nothing serves it but a web server. Such a project belongs
// to the static stack (nginx serves the output), not to node: the node
// detector declines it (staticFrontend).

// staticFramework is what dockergen knows of one front-end framework's
// static build.
type staticFramework struct {
	Name string
	// Deps are the package.json dependencies (dependencies or
	// devDependencies) that mark the framework; any one is enough.
	Deps []string
	// Needs, when set, is more evidence the framework builds a static site
	// here (Vite's index.html, Next.js's output: 'export'): where it was
	// found, or false when it was not.
	Needs func(p *project) (string, bool)
	// Server, when set, reports a server build (an Astro SSR adapter): the
	// project is then not a static site, and why.
	Server func(p *project) (string, bool)
	// Output is the default output directory; OutputFrom reads the
	// project's own setting, when it has one.
	Output     string
	OutputFrom func(p *project) (Detected, bool)
	// SPA says the app routes in the browser: paths that are no file fall
	// back to /index.html (server nginx-spa). SPAFrom, when set, decides
	// it from the project (SvelteKit's fallback page).
	SPA     bool
	SPAFrom func(p *project) (Detected, bool)
}

// staticFrameworks, most specific first: SvelteKit's and Astro's projects
// use Vite too, Next.js and Astro are also React projects.
var staticFrameworks = []*staticFramework{
	{
		Name: "Next.js", Deps: []string{"next"},
		Needs:  configMatch([]string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"}, regexp.MustCompile(`\boutput\s*:\s*["']export["']`)),
		Output: "out",
		// With output: 'export', distDir is where the export is written.
		OutputFrom: configString([]string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"}, regexp.MustCompile(`\bdistDir\s*:\s*["']([^"'$]+)["']`)),
	},
	{
		Name: "Astro", Deps: []string{"astro"},
		Server:     configMatch([]string{"astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"}, regexp.MustCompile(`\boutput\s*:\s*["'](?:server|hybrid)["']|\badapter\s*:`)),
		Output:     "dist",
		OutputFrom: configString([]string{"astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"}, regexp.MustCompile(`\boutDir\s*:\s*["']([^"'$]+)["']`)),
	},
	{
		Name: "SvelteKit (adapter-static)", Deps: []string{"@sveltejs/adapter-static"},
		Output:     "build",
		OutputFrom: configString([]string{"svelte.config.js", "svelte.config.mjs", "svelte.config.ts"}, regexp.MustCompile(`\bpages\s*:\s*["']([^"'$]+)["']`)),
		// adapter-static's fallback page makes it a single-page app
		// (nginx-spa answers /index.html: fallback: 'index.html').
		SPAFrom: configString([]string{"svelte.config.js", "svelte.config.mjs", "svelte.config.ts"}, regexp.MustCompile(`\bfallback\s*:\s*["']([^"'$]+)["']`)),
	},
	{
		Name: "Angular", Deps: []string{"@angular/cli", "@angular/build", "@angular-devkit/build-angular"},
		Needs:      func(p *project) (string, bool) { return "angular.json", p.exists("angular.json") },
		OutputFrom: angularOutput,
		SPA:        true,
	},
	{
		Name: "Create React App", Deps: []string{"react-scripts"},
		Needs:  func(p *project) (string, bool) { return "public/index.html", p.exists("public/index.html") },
		Output: "build", SPA: true,
	},
	{
		Name: "Vue CLI", Deps: []string{"@vue/cli-service"},
		Output:     "dist",
		OutputFrom: configString([]string{"vue.config.js", "vue.config.cjs", "vue.config.mjs", "vue.config.ts"}, regexp.MustCompile(`\boutputDir\s*:\s*["']([^"'$]+)["']`)),
		SPA:        true,
	},
	{
		Name: "Vite", Deps: []string{"vite"},
		// An app's entry is index.html at the root (a library or an SSR
		// build has none).
		Needs:      func(p *project) (string, bool) { return "index.html", p.exists("index.html") },
		Output:     "dist",
		OutputFrom: configString([]string{"vite.config.js", "vite.config.ts", "vite.config.mjs", "vite.config.mts", "vite.config.cjs", "vite.config.cts"}, regexp.MustCompile(`\boutDir\s*:\s*["']([^"'$]+)["']`)),
		SPA:        true,
	},
	{
		// A webpack site such as HTML5 Boilerplate's: index.html is the
		// HtmlWebpackPlugin template; pages stay pages.
		Name: "webpack", Deps: []string{"webpack"},
		Needs:      func(p *project) (string, bool) { return "index.html", p.exists("index.html") },
		Output:     "dist",
		OutputFrom: configString([]string{"webpack.common.js", "webpack.config.js", "webpack.config.prod.js", "webpack.prod.js", "webpack.config.cjs", "webpack.config.mjs"}, regexp.MustCompile(`\bpath\s*:\s*path\.(?:resolve|join)\(\s*__dirname\s*,\s*["']([^"'$]+)["']\s*\)`)),
	},
}

// staticServerDeps are dependencies that make a package.json a server's,
// even beside a front-end framework (Vite's SSR templates run express).
var staticServerDeps = []string{"express", "fastify", "koa", "@hapi/hapi", "@nestjs/core", "hono", "@hono/node-server", "@sveltejs/adapter-node", "@astrojs/node", "polka", "restify"}

// staticServerFiles are server entry points beside a front-end build.
var staticServerFiles = []string{"server.js", "server.mjs", "server.cjs", "server.ts", "server/index.js", "server/index.ts"}

// staticBuild is a front-end framework's static build found in a project.
type staticBuild struct {
	fw *staticFramework
	// dep is the framework's dependency, From its package.json line.
	dep Detected
	// needs is where the further evidence was found ("" for none).
	needs string
	// script is package.json's build script, From its line.
	script Detected
	// out is the output directory, From the setting or the dependency.
	out Detected
	// spa is set, with where it was read, for a single-page app; fallback
	// is a fallback page other than index.html, which nginx-spa does not
	// serve.
	spa, fallback Detected
	// server says why the project also has a server ("" for none).
	server string
}

// packageDeps reads package.json's dependencies and devDependencies.
func packageDeps(data []byte) map[string]bool {
	var pj struct {
		Deps    map[string]json.RawMessage `json:"dependencies"`
		DevDeps map[string]json.RawMessage `json:"devDependencies"`
	}
	if json.Unmarshal(data, &pj) != nil {
		return nil
	}
	deps := map[string]bool{}
	for n := range pj.Deps {
		deps[n] = true
	}
	for n := range pj.DevDeps {
		deps[n] = true
	}
	return deps
}

// depLine is the line of a dependency's key in package.json.
func depLine(data []byte, name string) int {
	re := regexp.MustCompile(`"` + regexp.QuoteMeta(name) + `"\s*:`)
	if m := re.FindIndex(data); m != nil {
		return lineAt(data, m[0])
	}
	return 0
}

// findStaticBuild returns the front-end build of a project, or nil when
// package.json has no build script or no framework dockergen knows
// builds a static site there.
func findStaticBuild(p *project) *staticBuild {
	pj, data, ok := readPackageJSON(p)
	if !ok || strings.TrimSpace(pj.Scripts["build"]) == "" {
		return nil
	}
	deps := packageDeps(data)
	for _, fw := range staticFrameworks {
		i := slices.IndexFunc(fw.Deps, func(d string) bool { return deps[d] })
		if i < 0 {
			continue
		}
		b := &staticBuild{fw: fw, dep: Detected{Value: fw.Deps[i], From: at("package.json", depLine(data, fw.Deps[i]))}}
		if fw.Needs != nil {
			where, ok := fw.Needs(p)
			if !ok {
				continue
			}
			b.needs = where
		}
		if fw.Server != nil {
			if where, ok := fw.Server(p); ok {
				b.server = where + " configures a server build"
			}
		}
		b.script = Detected{Value: pj.Scripts["build"], From: at("package.json", lineOf(data, `"build"`))}
		b.out = Detected{Value: fw.Output, From: b.dep.From}
		if fw.OutputFrom != nil {
			if d, ok := fw.OutputFrom(p); ok {
				b.out = d
			}
		}
		if fw.SPA {
			b.spa = b.dep
		} else if fw.SPAFrom != nil {
			if d, ok := fw.SPAFrom(p); ok && d.Value == "index.html" {
				b.spa = d
			} else if ok {
				b.fallback = d
			}
		}
		for _, d := range staticServerDeps {
			if deps[d] && b.server == "" {
				b.server = fmt.Sprintf("%s depends on %s", at("package.json", depLine(data, d)), d)
			}
		}
		if f := nodeScriptFile(pj.Scripts["start"]); f != "" && b.server == "" {
			b.server = fmt.Sprintf("%s starts node %s", at("package.json", lineOf(data, `"start"`)), f)
		}
		for _, f := range staticServerFiles {
			if p.exists(f) && b.server == "" {
				b.server = f + " is a server"
			}
		}
		return b
	}
	return nil
}

// staticFrontend reports that a package.json builds a static site and
// nothing serves it (no server dependency, start script or server file):
// the node detector declines it, for the static stack.
func staticFrontend(p *project) bool {
	b := findStaticBuild(p)
	return b != nil && b.server == "" && b.out.Value != ""
}

// configMatch finds re in files, in order: where (file:line), or false.
func configMatch(files []string, re *regexp.Regexp) func(p *project) (string, bool) {
	return func(p *project) (string, bool) {
		for _, f := range files {
			if data, ok := p.read(f); ok {
				if m := re.FindIndex(data); m != nil {
					return at(f, lineAt(data, m[0])), true
				}
			}
		}
		return "", false
	}
}

// configString reads re's first capture, a directory, from the first of
// files that has it, with its file:line.
func configString(files []string, re *regexp.Regexp) func(p *project) (Detected, bool) {
	return func(p *project) (Detected, bool) {
		for _, f := range files {
			if data, ok := p.read(f); ok {
				if m := re.FindSubmatchIndex(data); m != nil {
					return Detected{Value: path.Clean(string(data[m[2]:m[3]])), From: at(f, lineAt(data, m[2]))}, true
				}
			}
		}
		return Detected{}, false
	}
}

// angularOutput reads angular.json: the default project's (else the first
// application's) build target, its outputPath (a string, or {base,
// browser}), default dist/NAME; the application builder (Angular 17 and
// later) writes the browser files under browser/ in it.
func angularOutput(p *project) (Detected, bool) {
	data, ok := p.read("angular.json")
	if !ok {
		return Detected{}, false
	}
	type target struct {
		Builder string `json:"builder"`
		Options struct {
			OutputPath json.RawMessage `json:"outputPath"`
		} `json:"options"`
	}
	var aj struct {
		DefaultProject string `json:"defaultProject"`
		Projects       map[string]struct {
			ProjectType string            `json:"projectType"`
			Architect   map[string]target `json:"architect"`
			Targets     map[string]target `json:"targets"`
		} `json:"projects"`
	}
	if json.Unmarshal(data, &aj) != nil || len(aj.Projects) == 0 {
		return Detected{}, false
	}
	name := aj.DefaultProject
	if _, ok := aj.Projects[name]; !ok {
		// The first application, in the file's order.
		name = ""
		best := -1
		for n, pr := range aj.Projects {
			if pr.ProjectType != "" && pr.ProjectType != "application" {
				continue
			}
			if i := lineOf(data, `"`+n+`"`); best < 0 || i < best {
				name, best = n, i
			}
		}
		if name == "" {
			return Detected{}, false
		}
	}
	pr := aj.Projects[name]
	build, ok := pr.Architect["build"]
	if !ok {
		build = pr.Targets["build"]
	}
	out := Detected{Value: "dist/" + name, From: at("angular.json", lineOf(data, `"`+name+`"`))}
	browser := "browser"
	var s string
	var o struct{ Base, Browser *string }
	switch {
	case json.Unmarshal(build.Options.OutputPath, &s) == nil && s != "":
		out = Detected{Value: path.Clean(s), From: at("angular.json", lineOf(data, `"outputPath"`))}
	case json.Unmarshal(build.Options.OutputPath, &o) == nil && o.Base != nil:
		out = Detected{Value: path.Clean(*o.Base), From: at("angular.json", lineOf(data, `"outputPath"`))}
		if o.Browser != nil {
			browser = *o.Browser
		}
	}
	// The application builder (@angular-devkit/build-angular:application,
	// @angular/build:application) writes browser/ (and server/ for SSR);
	// the older browser builder writes the files into outputPath itself.
	if strings.HasSuffix(build.Builder, ":application") && browser != "" {
		out.Value = path.Join(out.Value, browser)
	}
	return out, true
}
