package generator

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Node.js entry detection: what the container runs, in the order a person
// deploying the project would look: the Procfile's web process, what 'npm
// start' runs (then start:prod, what a NestJS-style project deploys), the
// file the dev script watches, package.json's main, then the usual file
// names. Only files that exist count, or that the build script writes (a
// dist/ or build/ path when package.json has a build script).

// nodeStartScripts are the scripts whose node command is the app, best
// first: what production runs, then what development watches.
var nodeStartScripts = []string{"start", "start:prod", "prod", "dev", "serve", "start:dev"}

// nodeCommonMains are the files an app's entry is usually called.
var nodeCommonMains = []string{
	"server.js", "index.js", "app.js", "main.js", "server.mjs", "index.mjs", "app.mjs", "server.cjs", "index.cjs",
	"src/index.js", "src/server.js", "src/main.js", "src/app.js", "src/index.mjs", "src/server.mjs", "bin/www",
}

// nodeValueFlags are node's and nodemon's options that take the next word as
// their value (node -r dotenv/config server.js); nodeNoFile are those after
// which no script follows (node -e CODE).
var (
	nodeValueFlags = map[string]bool{
		"-r": true, "--require": true, "--import": true, "--loader": true, "--experimental-loader": true,
		"--env-file": true, "-C": true, "--conditions": true, "--title": true, "--input-type": true,
		"-w": true, "--watch-path": true, "--exec": true, "-x": true, "--ext": true, "--ignore": true, "-i": true,
		"--delay": true, "-d": true, "--signal": true, "--config": true,
	}
	nodeNoFile = map[string]bool{"-e": true, "--eval": true, "-p": true, "--print": true, "-v": true, "--version": true, "-h": true, "--help": true}
	// nodeRunners run a script with node (nodemon restarts it on changes).
	nodeRunners = map[string]bool{"node": true, "nodemon": true}
	// nodePackageRunRE is a script or Procfile command that runs another
	// script: npm start, npm run start:prod, yarn start, pnpm run prod.
	nodePackageRunRE  = regexp.MustCompile(`^(?:npm|yarn|pnpm|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)\s*$`)
	nodeScriptSplitRE = regexp.MustCompile(`\s*(?:&&|\|\||;)\s*`)
	// nodeTypeScriptRE is a TypeScript source, which node runs only through
	// a loader (tsx, ts-node) or type stripping that not every project's
	// syntax allows; nodeTSRunnerRE a start script that runs one.
	nodeTypeScriptRE = regexp.MustCompile(`\.(?:ts|mts|cts|tsx)$`)
	nodeTSRunnerRE   = regexp.MustCompile(`(?:^|&&\s*|;\s*)(ts-node-dev|ts-node|tsx|tsnd)\s`)
)

// nodeScriptFile returns the script a command runs with node or nodemon
// ("node --env-file=.env server.js" → server.js, "nodemon -L src/index.js"
// → src/index.js), the last such command of a chain ("tsc && node
// dist/main.js"), or "" when it runs none.
func nodeScriptFile(cmd string) string {
	file := ""
	for _, seg := range nodeScriptSplitRE.Split(strings.TrimSpace(cmd), -1) {
		words := procfileWords(seg)
		if len(words) > 0 && words[0] == "cross-env" {
			words = words[1:]
			for len(words) > 0 && envAssignRE.MatchString(words[0]) {
				words = words[1:]
			}
		}
		if len(words) == 0 || !nodeRunners[words[0]] {
			continue
		}
		f, ok := "", true
	args:
		for i := 1; i < len(words); i++ {
			w := words[i]
			switch {
			case nodeNoFile[w] || w == "--":
				ok = false
				break args
			case (w == "--exec" || w == "-x") && i+1 < len(words) && words[i+1] != "node":
				ok = false // nodemon running another runner (babel-node, ts-node)
				break args
			case nodeValueFlags[w]:
				i++
			case strings.HasPrefix(w, "-"):
			default:
				f = w
				break args
			}
		}
		if ok && f != "" {
			file = f
		}
	}
	return file
}

// nodeEntries lists the entries of the package in dir ("" for the project's
// root), best first, each a path from the project's root, and notes the
// named ones that do not exist.
func nodeEntries(p *project, dir string, c *Candidate) []Detected {
	var found []Detected
	add := func(d Detected) {
		for _, f := range found {
			if f.Value == d.Value {
				return
			}
		}
		found = append(found, d)
	}
	pjFile := path.Join(dir, "package.json")
	pj, data, _ := readPackageJSONAt(p, pjFile)
	var outDirs []string // what the build script writes
	if pj != nil && strings.TrimSpace(pj.Scripts["build"]) != "" {
		outDirs = nodeBuildOutDirs(pj.Scripts["build"])
	}
	// named resolves a script or main named by the project, or notes why
	// it is not used.
	named := func(file, from, what string, note bool) {
		if file == "." && pj != nil && pj.Main != "" {
			file = pj.Main
		}
		v, ok := nodeResolve(p, dir, file, outDirs)
		switch {
		case ok && nodeTypeScriptRE.MatchString(v):
			if note {
				c.Notes = append(c.Notes, fmt.Sprintf("%s: %s runs TypeScript (%s) through a loader: not used; compile it in a build script (for example tsc into dist/) and start the output with node", from, what, v))
			}
		case ok:
			add(Detected{Value: v, From: from})
		case note:
			c.Notes = append(c.Notes, fmt.Sprintf("%s: %s names %s, which does not exist (and no build script writes it): not used", from, what, path.Join(dir, file)))
		}
	}
	scripts := slices.Clone(nodeStartScripts)
	if dir == "" {
		if web, ok := procfileWeb(p); ok {
			if f := nodeScriptFile(web.Value); f != "" {
				named(f, web.From, "the Procfile's web process", true)
			} else if m := nodePackageRunRE.FindStringSubmatch(web.Value); m != nil && pj != nil && pj.Scripts[m[1]] != "" {
				scripts = append([]string{m[1]}, scripts...) // the script the platform runs comes first
			}
		}
	}
	if pj != nil {
		if m := nodeTSRunnerRE.FindStringSubmatch(pj.Scripts["start"]); m != nil {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: scripts.start runs TypeScript with %s, which the image does not run: compile it in a build script (for example tsc into dist/) and start the output with node", at(pjFile, lineOf(data, `"start"`)), m[1]))
		}
		for i, s := range scripts {
			cmd := pj.Scripts[s]
			// A script that runs another one (start: npm run start:prod).
			if m := nodePackageRunRE.FindStringSubmatch(cmd); m != nil && pj.Scripts[m[1]] != "" {
				cmd = pj.Scripts[m[1]]
				s = m[1]
			}
			if f := nodeScriptFile(cmd); f != "" {
				named(f, at(pjFile, lineOf(data, `"`+s+`"`)), "scripts."+s, i < 3)
			}
		}
		if pj.Main != "" {
			named(pj.Main, at(pjFile, lineOf(data, `"main"`)), "main", true)
		}
	}
	for _, f := range nodeCommonMains {
		if full := path.Join(dir, f); p.exists(full) {
			add(Detected{Value: full, From: full})
		}
	}
	return found
}

// nodeResolve finds the file node runs for a script named in package dir:
// the file itself, with .js, .mjs or .cjs added, or its directory's
// index.js; or a path in a directory the build script writes (outDirs),
// with .js added when it has no extension (the directory itself: its
// index.js).
func nodeResolve(p *project, dir, file string, outDirs []string) (string, bool) {
	rel := path.Clean(file)
	if rel == "." || path.IsAbs(rel) || escapes(rel) {
		return "", false
	}
	full := path.Join(dir, rel)
	for _, f := range []string{full, full + ".js", full + ".mjs", full + ".cjs", full + "/index.js"} {
		if p.exists(f) {
			return f, true
		}
	}
	top, _, _ := strings.Cut(rel, "/")
	switch {
	case !slices.Contains(outDirs, top):
	case top == rel: // node lib: the directory's index.js
		return full + "/index.js", true
	case path.Ext(rel) == "":
		return full + ".js", true
	default:
		return full, true
	}
	return "", false
}

// nodeBuildOutFlagRE is a build tool's output directory flag: tsc --outDir,
// babel -d or --out-dir, esbuild --outdir, tsup/ncc -o or --out-dir.
var nodeBuildOutFlagRE = regexp.MustCompile(`(?:--out-?[Dd]ir|--outdir|-d|-o)(?:=|\s+)(?:\./)?([A-Za-z0-9_.-]+)`)

// nodeBuildOutDirs are the directories a build script writes: dist and
// build (the usual ones, also tsc's outDir in most projects), and any
// named by an output flag.
func nodeBuildOutDirs(script string) []string {
	dirs := []string{"dist", "build"}
	for _, m := range nodeBuildOutFlagRE.FindAllStringSubmatch(script, -1) {
		if d := m[1]; d != "." && d != ".." && !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// readPackageJSONAt reads a package.json other than the project's root one
// (a workspace member's).
func readPackageJSONAt(p *project, file string) (*packageJSON, []byte, bool) {
	data, ok := p.read(file)
	if !ok {
		return nil, nil, false
	}
	var pj packageJSON
	if json.Unmarshal(data, &pj) != nil {
		return nil, data, false
	}
	return &pj, data, true
}

// --- workspaces ---

// nodeServerDeps are the dependencies that make a workspace member a
// server rather than a library or a front-end.
var nodeServerNameRE = regexp.MustCompile(`(?i)\b(api|server|backend)\b`)

var nodeServerDeps = []string{"express", "fastify", "koa", "@nestjs/core", "hono", "@hono/node-server", "@hapi/hapi", "restify", "polka", "@adonisjs/core"}

// nodeWorkspaceMembers lists the workspace's members: the directories that
// package.json's workspaces (npm, yarn) or pnpm-workspace.yaml's packages
// match and that hold a package.json, each with where its pattern is.
func nodeWorkspaceMembers(p *project) []Detected {
	type pattern struct{ glob, from string }
	var pats []pattern
	if pj, data, ok := readPackageJSON(p); ok && len(pj.Workspaces) > 0 {
		var list []string
		var obj struct {
			Packages []string `json:"packages"`
		}
		if json.Unmarshal(pj.Workspaces, &list) != nil && json.Unmarshal(pj.Workspaces, &obj) == nil {
			list = obj.Packages
		}
		for _, g := range list {
			pats = append(pats, pattern{g, at("package.json", lineOf(data, `"`+g+`"`))})
		}
	}
	if data, ok := p.read("pnpm-workspace.yaml"); ok {
		var ws struct {
			Packages []string `yaml:"packages"`
		}
		if yaml.Unmarshal(data, &ws) == nil {
			for _, g := range ws.Packages {
				pats = append(pats, pattern{g, at("pnpm-workspace.yaml", lineOf(data, g))})
			}
		}
	}
	var members []Detected
	seen := map[string]bool{}
	for _, pat := range pats {
		g := path.Clean(strings.TrimPrefix(pat.glob, "./"))
		if strings.HasPrefix(g, "!") || g == "." || escapes(g) || path.IsAbs(g) {
			continue
		}
		// fs.Glob has no **: a/** means a's members one or two levels down.
		globs := []string{g}
		if base, ok := strings.CutSuffix(g, "/**"); ok {
			globs = []string{base + "/*", base + "/*/*"}
		}
		for _, gl := range globs {
			dirs, _ := fs.Glob(p.fsys, strings.ReplaceAll(gl, "**", "*"))
			for _, d := range dirs {
				if seen[d] || strings.Contains(d, "node_modules") || !p.exists(path.Join(d, "package.json")) {
					continue
				}
				seen[d] = true
				members = append(members, Detected{Value: d, From: pat.from})
			}
		}
	}
	return members
}

// nodeServerScore rates how much a workspace member looks like the server
// to deploy: a server framework among its dependencies, a start script
// that runs node, a name that says so.
func nodeServerScore(p *project, dir string) int {
	pj, data, ok := readPackageJSONAt(p, path.Join(dir, "package.json"))
	if !ok {
		return 0
	}
	var deps struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	_ = json.Unmarshal(data, &deps)
	score := 0
	for _, d := range nodeServerDeps {
		if _, ok := deps.Dependencies[d]; ok {
			score += 4
			break
		}
	}
	for _, s := range []string{"start", "start:prod"} {
		if nodeScriptFile(pj.Scripts[s]) != "" {
			score += 2
			break
		}
	}
	if nodeServerNameRE.MatchString(path.Base(dir) + " " + pj.Name) {
		score++
	}
	return score
}

// nodeMember picks the workspace member to build: the one that looks most
// like a server (the wizard offers the others). It returns "" when the
// project is not a workspace or no member is a server.
func nodeMember(p *project, c *Candidate) {
	c.Members = nodeWorkspaceMembers(p)
	if len(c.Members) == 0 {
		return
	}
	best, bestScore, tied := Detected{}, 0, []string(nil)
	for _, m := range c.Members {
		switch s := nodeServerScore(p, m.Value); {
		case s > bestScore:
			best, bestScore, tied = m, s, nil
		case s == bestScore && s > 0:
			tied = append(tied, m.Value)
		}
	}
	var names []string
	for _, m := range c.Members {
		names = append(names, m.Value)
	}
	if bestScore == 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("%s: a workspace none of whose members (%s) looks like a server: set build.member to the one to run (an app at the workspace's root is installed without its members' package.json, so the members it imports are not linked)", c.Members[0].From, strings.Join(names, ", ")))
		return
	}
	c.Member = Detected{Value: best.Value, From: best.From, Reason: "the workspace member with a server's dependencies and start script"}
	if len(tied) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("workspace members %s look like servers too: building %s (set build.member to choose another)", strings.Join(tied, ", "), best.Value))
	}
}
