package generator

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// The node stack: a Node.js app installed with its package manager (npm,
// or yarn and pnpm through corepack) from its lockfile, with an optional
// build step (build.command) whose output directory (build.output) alone
// is copied with the production node_modules. The pinned tool versions are
// in templates/node.Dockerfile.tmpl, beside the commands that use them.
var nodeStack = &stack{
	Name:        "node",
	MainHelp:    "the script that starts the app, relative to the project (for example server.js)",
	Title:       "Node.js",
	Secret:      Secret{ID: "npmrc", Target: "/root/.npmrc", Src: "~/.npmrc"},
	Runtime:     "node",
	DefaultBase: BaseSlim,
	Bases:       []string{BaseSlim, BaseAlpine, BaseDistroless},
	DefaultMain: "server.js",
	Images: func(r release) (string, string, string, error) {
		slim := img{"node", "{version}-{debian}-slim", nil}
		switch r.Base {
		case BaseSlim:
			return images(r, "/usr/local/bin/node", slim, slim)
		case BaseAlpine:
			alpine := img{"node", "{version}-alpine{alpine}", nil}
			return images(r, "/usr/local/bin/node", alpine, alpine)
		case BaseDistroless:
			return images(r, "/nodejs/bin/node", slim, img{"gcr.io/distroless/nodejs{version}-debian{distroless}", "nonroot", nil})
		}
		return "", "", "", errNoBase
	},
	HTTPProbe: func(interp, url string) []string {
		return []string{interp, "-e", "fetch('" + url + "').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"}
	},
	Tools: []string{"npm", "yarn", "pnpm"},
	ChoiceHelp: map[string]string{
		"npm":  "npm ci from package-lock.json",
		"yarn": "Yarn through corepack, from yarn.lock (frozen)",
		"pnpm": "pnpm through corepack, from pnpm-lock.yaml (frozen)",
	},
	Output:  true,
	Member:  true,
	PinTags: true,
	Check:   checkNode,
	Label: func(s *Spec) string {
		if s.Build.Tool == "" || s.Build.Tool == "npm" {
			return "node " + s.Version
		}
		return "node " + s.Version + " with " + s.Build.Tool
	},
	MainPrompt: "Script to run:",
	Detector:   nodeDetector,
	DepFiles:   nodeDepFiles,
	Doc: stackDoc{
		Reads: []docRead{
			{"`package.json`", "name, `engines.node`, `packageManager`, the node command of `scripts.start`/`start:prod`/`dev`/`serve`, `main` (only files that exist or that the build writes), `scripts.build` and its output directory, `workspaces`"},
			{"`Procfile`, `pnpm-workspace.yaml`, the lockfile", "the `web:` command first; workspace members; npm, yarn or pnpm"},
			{"the entry and every source it imports", "port (`process.env.PORT` with its default, `listen(N)`, `listen({port})`, `serve({port})`); a read of `PORT` sets `env: PORT`; a loopback-only bind and its host variable; a health route"},
			{"`.env.example`, `.nvmrc`, `.node-version`", "`PORT=` when the code has no default; the Node.js version"},
		},
		DetectedFrom: "`package.json` (engines, scripts, main, packageManager, workspaces), `pnpm-workspace.yaml`, `Procfile`, `package-lock.json`/`yarn.lock`/`pnpm-lock.yaml`, `.nvmrc`, `.node-version`, the sources the entry imports, `.env.example`",
		ToolsNote:    "(corepack)",
		Runtime:      "frozen install; with `build.command` dev dependencies only in the builder; `build.output` copies only the build's output; `build.member` installs the whole workspace and runs the member",
	},
}

// checkNode reports a main outside build.output: with an output directory
// the runtime image holds only package.json, the production node_modules
// and that directory, so the script must be inside it. With build.member,
// main must be in the member, and build.output does not apply.
func checkNode(s *Spec, bad func(field, format string, args ...any)) {
	if m := path.Clean(s.Build.Member); s.Build.Member != "" && relPathRE.MatchString(s.Build.Member) && !escapes(m) {
		if !strings.HasPrefix(path.Clean(s.Main), m+"/") {
			bad("main", "%q is not inside build.member %q: main is a path from the build context to the member's script (for example %s/server.js)", s.Main, s.Build.Member, m)
		}
		if s.Build.Output != "" {
			bad("build.output", "an output directory does not apply with build.member: workspace members link each other through node_modules, so the image holds the whole workspace, its dev dependencies pruned (remove build.output)")
		}
		return
	}
	if s.Build.Output == "" || !relPathRE.MatchString(s.Build.Output) || escapes(s.Build.Output) {
		return // build.output's own problems are reported by Validate
	}
	out := path.Clean(s.Build.Output)
	if !strings.HasPrefix(path.Clean(s.Main), out+"/") {
		bad("main", "%q is not inside build.output %q: the runtime image holds only package.json, node_modules and %s (for example main: %s/server.js)", s.Main, s.Build.Output, out, out)
	}
}

// --- detection ---

type packageJSON struct {
	Name           string            `json:"name"`
	Main           string            `json:"main"`
	Scripts        map[string]string `json:"scripts"`
	Engines        json.RawMessage   `json:"engines"`
	PackageManager string            `json:"packageManager"`
	// Workspaces is npm's and yarn's list of member globs, or yarn's
	// {packages: [...]}.
	Workspaces json.RawMessage `json:"workspaces"`
}

func readPackageJSON(p *project) (*packageJSON, []byte, bool) {
	data, ok := p.read("package.json")
	if !ok {
		return nil, nil, false
	}
	var pj packageJSON
	if json.Unmarshal(data, &pj) != nil {
		return nil, data, false
	}
	return &pj, data, true
}

var (
	nodeMajorRE      = regexp.MustCompile(`^\s*v?([0-9]+)(?:\.[0-9x*]+){0,2}\s*$`)
	nodeRangeMajorRE = regexp.MustCompile(`([0-9]+)`)
	httpPathRE2      = regexp.MustCompile(`["'](/(?:healthz|health|livez|readyz|ping))["']`)
	// nodePMRE is package.json's packageManager: NAME@VERSION[+HASH].
	nodePMRE = regexp.MustCompile(`^(npm|yarn|pnpm)@([0-9][0-9A-Za-z.+-]*)$`)
	// nodeOutputRE finds a build's output directory named in a script or a
	// path: dist or build as a directory (dist/server.js) or as the value
	// of an output flag (tsc --outDir dist, babel -d build); not "vite
	// build", a subcommand.
	nodeOutputRE = regexp.MustCompile(`(?:^|[\s=/"':])(dist|build)/|(?:--out-?[Dd]ir|--outdir|--out-dir|-d)(?:=|\s+)\.?/?(dist|build)\b`)
	yarnBerryRE  = regexp.MustCompile(`(?m)^__metadata:`)
	// nodeStatusPathRE is a route answering /status, the health endpoint of
	// many Express APIs, when none of the usual health paths is there.
	nodeStatusPathRE = regexp.MustCompile(`\.get\(\s*["'](/status)["']`)
)

// nodeLockfiles maps each lockfile to the tool that reads it, in the order
// they are reported.
var nodeLockfiles = []struct{ file, tool string }{
	{"package-lock.json", "npm"}, {"yarn.lock", "yarn"}, {"pnpm-lock.yaml", "pnpm"},
}

// nodeLockfile returns the lockfile of a node tool ("" for an unknown one).
func nodeLockfile(tool string) string {
	for _, l := range nodeLockfiles {
		if l.tool == tool {
			return l.file
		}
	}
	return ""
}

// nodeTool finds the package manager: package.json's packageManager field
// (what corepack runs), else the lockfile present (several: the first of
// package-lock.json, yarn.lock, pnpm-lock.yaml).
func nodeTool(p *project) (Detected, bool) {
	if pj, data, ok := readPackageJSON(p); ok {
		if m := nodePMRE.FindStringSubmatch(pj.PackageManager); m != nil {
			return Detected{Value: m[1], From: at("package.json", lineOf(data, `"packageManager"`))}, true
		}
	}
	for _, l := range nodeLockfiles {
		if p.exists(l.file) {
			return Detected{Value: l.tool, From: l.file}, true
		}
	}
	return Detected{}, false
}

// nodeVersionFile reads .nvmrc or .node-version: an npm range such as 20,
// v20.11.0, 20.x or an alias (lts/*, lts/iron), resolved with the catalog.
func nodeVersionFile(name string) finder {
	return constraint(fromFile(name, func(data []byte) (string, int, bool) {
		line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
		return strings.TrimSpace(line), 1, strings.TrimSpace(line) != ""
	}))
}

var nodeDetector = &detector{
	markers: []string{"package.json"},
	name: []finder{func(p *project) (Detected, bool) {
		pj, data, ok := readPackageJSON(p)
		if !ok || pj.Name == "" {
			return Detected{}, false
		}
		name := pj.Name
		if i := strings.LastIndex(name, "/"); i >= 0 { // @scope/name
			name = name[i+1:]
		}
		n := sanitizeName(name)
		return Detected{Value: n, From: at("package.json", lineOf(data, `"name"`))}, n != ""
	}},
	// The file a developer's version manager reads is what they run; engines
	// is a range the package accepts: the newest supported line in it.
	version: []finder{
		nodeVersionFile(".nvmrc"),
		nodeVersionFile(".node-version"),
		toolVersion(1, "nodejs", "node"),
		constraint(func(p *project) (Detected, bool) {
			pj, data, ok := readPackageJSON(p)
			if !ok || len(pj.Engines) == 0 {
				return Detected{}, false
			}
			var engines map[string]string
			if json.Unmarshal(pj.Engines, &engines) != nil || strings.TrimSpace(engines["node"]) == "" {
				return Detected{}, false
			}
			return Detected{Value: strings.TrimSpace(engines["node"]), From: at("package.json", lineOf(data, `"node"`))}, true
		}),
	},
	declines: staticFrontend,
	// The workspace member is chosen first: its package is the app's.
	mains: func(p *project, c *Candidate) []Detected {
		nodeMember(p, c)
		return nodeEntries(p, c.Member.Value, c)
	},
	sources: nodeSources,
	port:    nodePort,
	health:  []*regexp.Regexp{httpPathRE2, nodeStatusPathRE},
	notes:   nodeNotes,
}

// nodeNotes fills the build tool, the build step and its output, and says
// what the user should know: a missing lockfile, several lockfiles, the
// Yarn flavour, the tool version corepack will use, a main the build makes.
func nodeNotes(p *project, c *Candidate) {
	pj, data, _ := readPackageJSON(p)
	tool, ok := nodeTool(p)
	if ok {
		c.Tool = tool
	} else {
		tool = Detected{Value: "npm"}
	}
	var locks []string
	for _, l := range nodeLockfiles {
		if p.exists(l.file) {
			locks = append(locks, l.file)
		}
	}
	lock := nodeLockfile(tool.Value)
	switch {
	case !p.exists(lock):
		frozen := map[string]string{"npm": "npm ci", "yarn": "yarn install --frozen-lockfile", "pnpm": "pnpm install --frozen-lockfile"}[tool.Value]
		install := map[string]string{"npm": "npm install", "yarn": "yarn install", "pnpm": "pnpm install"}[tool.Value]
		msg := fmt.Sprintf("%s is missing: the Dockerfile installs with '%s', which needs it (run '%s' to create it)", lock, frozen, install)
		for _, l := range append(locks, "bun.lockb") {
			if l != lock && p.exists(l) {
				msg += "; " + l + " is not used"
			}
		}
		c.Notes = append(c.Notes, msg)
	case len(locks) > 1:
		c.Notes = append(c.Notes, fmt.Sprintf("several lockfiles (%s): using %s for %s (%s); delete the others so every install resolves the same versions", strings.Join(locks, ", "), lock, tool.Value, tool.Source()))
	}
	if tool.Value == "yarn" || tool.Value == "pnpm" {
		pinned := pinnedTool(tool.Value).Version
		if pj == nil || !strings.HasPrefix(pj.PackageManager, tool.Value+"@") {
			c.Notes = append(c.Notes, fmt.Sprintf("package.json has no packageManager field: corepack uses dockergen's pinned %s %s (set it with 'corepack use %s@VERSION' to build with your own)", tool.Value, pinned, tool.Value))
		} else if !strings.Contains(pj.PackageManager, "+sha") {
			c.Notes = append(c.Notes, fmt.Sprintf("package.json:%d: packageManager %s has no hash: corepack checks the download's npm signature instead ('corepack use %s' adds the hash)", lineOf(data, `"packageManager"`), pj.PackageManager, pj.PackageManager))
		}
	}
	if tool.Value == "npm" {
		npmTagPins(p, c)
	}
	if tool.Value == "yarn" {
		if y, ok := p.read("yarn.lock"); ok && yarnBerryRE.Match(y) {
			c.Notes = append(c.Notes, fmt.Sprintf("yarn.lock:%d is a Yarn 2+ lockfile (__metadata:): the build runs 'yarn install --immutable' with nodeLinker node-modules (the runtime runs plain node, not Plug'n'Play); .yarnrc.yml is not copied into the build", lineAt(y, yarnBerryRE.FindIndex(y)[0])))
		}
	}
	// A build script: suggest it, and its output directory when a script or
	// main names dist or build and main is inside it. A workspace member's
	// build runs through the workspace (its image holds the whole pruned
	// workspace: members link each other through node_modules).
	if c.Member.Value != "" {
		nodeMemberBuild(p, c, tool.Value)
	} else if pj != nil && strings.TrimSpace(pj.Scripts["build"]) != "" {
		from := at("package.json", lineOf(data, `"build"`))
		c.BuildCommand = []string{tool.Value, "run", "build"}
		c.BuildFrom = from
		var out Detected
		for _, s := range []struct{ text, key string }{{pj.Scripts["build"], `"build"`}, {pj.Scripts["start"], `"start"`}, {c.Main.Value, ""}} {
			if m := nodeOutputRE.FindStringSubmatch(s.text); m != nil {
				out = Detected{Value: m[1] + m[2], From: c.Main.From}
				if s.key != "" {
					out.From = at("package.json", lineOf(data, s.key))
				}
				break
			}
		}
		switch {
		case out.Value == "":
		case strings.HasPrefix(path.Clean(c.Main.Value), out.Value+"/"):
			c.Output = out
		default:
			c.Notes = append(c.Notes, fmt.Sprintf("%s names %s/, but main %s is not in it: build.output is not suggested (the runtime would hold only package.json, node_modules and %s)", out.From, out.Value, c.Main.Value, out.Value))
		}
	}
	switch {
	case len(c.Mains) == 0:
		c.Notes = append(c.Notes, fmt.Sprintf("no start script, main or server.js, index.js, app.js or main.js found: using %s — set main to the script that starts the app", c.Main.Value))
	case !p.exists(c.Main.Value) && len(c.BuildCommand) == 0:
		c.Notes = append(c.Notes, fmt.Sprintf("%s (%s) does not exist yet: if a build step makes it, set build.command (for example [\"%s\", \"run\", \"build\"])", c.Main.Value, c.Main.From, tool.Value))
	}
}

// nodeMemberBuild suggests the build of a workspace member, run through
// the package manager's workspace support from the workspace's root.
func nodeMemberBuild(p *project, c *Candidate, tool string) {
	file := path.Join(c.Member.Value, "package.json")
	pj, data, ok := readPackageJSONAt(p, file)
	if !ok || strings.TrimSpace(pj.Scripts["build"]) == "" {
		return
	}
	switch tool {
	case "pnpm":
		// NAME... selects the member and the workspace packages it
		// depends on, built first (pnpm runs them in dependency order).
		sel := "./" + c.Member.Value
		if pj.Name != "" {
			sel = pj.Name + "..."
		}
		c.BuildCommand = []string{"pnpm", "--filter", sel, "run", "build"}
	case "yarn":
		if pj.Name == "" {
			c.Notes = append(c.Notes, fmt.Sprintf("%s has a build script but no name, which 'yarn workspace NAME run build' needs: build.command is not suggested", file))
			return
		}
		c.BuildCommand = []string{"yarn", "workspace", pj.Name, "run", "build"}
	default:
		c.BuildCommand = []string{"npm", "run", "build", "--workspace", c.Member.Value}
	}
	c.BuildFrom = at(file, lineOf(data, `"build"`))
	if tool != "pnpm" {
		nodeSiblingBuilds(p, c, data)
	}
}

// nodeSiblingBuilds notes the workspace packages the member depends on
// that have their own build script, which the member's build does not run.
func nodeSiblingBuilds(p *project, c *Candidate, data []byte) {
	var deps struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if json.Unmarshal(data, &deps) != nil {
		return
	}
	for _, m := range c.Members {
		pj, _, ok := readPackageJSONAt(p, path.Join(m.Value, "package.json"))
		if !ok || m.Value == c.Member.Value || pj.Name == "" || strings.TrimSpace(pj.Scripts["build"]) == "" {
			continue
		}
		if _, ok := deps.Dependencies[pj.Name]; ok {
			c.Notes = append(c.Notes, fmt.Sprintf("%s depends on %s (%s), which has its own build script: build.command builds %s only; build %s first (for example with the workspace's own build)", c.Member.Value, pj.Name, m.Value, c.Member.Value, pj.Name))
		}
	}
}

// nodeDepFiles are what the dependency step copies: package.json and the
// tool's lockfile. Every install is frozen (npm ci, --frozen-lockfile,
// --immutable), so a missing lockfile is refused rather than replaced by a
// lockfile-free install: the image would get whatever versions resolve on
// the day it is built, not what the project tested.
func nodeDepFiles(s *Spec) []DepFile {
	var files []DepFile
	switch s.Build.Tool {
	case "pnpm":
		files = []DepFile{{Name: "package.json"}, {Name: "pnpm-lock.yaml", Create: "pnpm install --lockfile-only"}}
	case "yarn":
		files = []DepFile{{Name: "package.json"}, {Name: "yarn.lock", Create: "yarn install --mode update-lockfile (Yarn 1: yarn install)"}}
	default:
		files = []DepFile{{Name: "package.json"}, {Name: "package-lock.json", Create: "npm install --package-lock-only"}}
	}
	// A workspace member: every member's package.json is copied by a
	// search; the chosen member's by name, so a wrong one is caught here.
	if m := path.Clean(s.Build.Member); s.Build.Member != "" {
		files = append(files, DepFile{Name: m + "/package.json", Field: "build.member"})
		if s.Build.Tool == "pnpm" {
			files = append(files, DepFile{Name: "pnpm-workspace.yaml"})
		}
	}
	return files
}
