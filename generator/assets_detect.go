package generator

import (
	"fmt"
	"regexp"
	"strings"
)

// Detecting an assets stage (assets): package.json's build script in a
// project of a stack whose build image has no Node.js. The stack says where
// its framework's build writes (outputs, first found wins: Laravel's
// public/build, jsbundling-rails' app/assets/builds); otherwise the
// project's own setting is read (Vite's build.outDir, an --outdir flag in
// the script). Without a lockfile or an output, a note says what to do.

// viteConfigs are the names of a Vite config.
var viteConfigs = []string{"vite.config.js", "vite.config.mjs", "vite.config.ts", "vite.config.mts", "vite.config.cjs"}

var (
	// viteOutDirRE is Vite's build.outDir.
	viteOutDirRE = regexp.MustCompile(`\boutDir\s*:\s*["']([^"'$]+)["']`)
	// scriptOutdirRE is an output flag in a build script (esbuild
	// --outdir=, webpack --output-path, tsc/babel --out-dir).
	scriptOutdirRE = regexp.MustCompile(`(?:--outdir|--out-dir|--output-path)(?:=|\s+)["']?([A-Za-z0-9_./-]+)`)
)

// assetsOutputs are the generic places an assets build's output directory
// is read, after the stack's own.
var assetsOutputs = []finder{
	configString(viteConfigs, viteOutDirRE),
	func(p *project) (Detected, bool) {
		pj, data, ok := readPackageJSON(p)
		if !ok || pj == nil {
			return Detected{}, false
		}
		if m := scriptOutdirRE.FindStringSubmatch(pj.Scripts["build"]); m != nil {
			return Detected{Value: strings.TrimPrefix(m[1], "./"), From: at("package.json", lineOf(data, `"build"`))}, true
		}
		return Detected{}, false
	},
}

// assetsRun is how each package manager runs a package.json script.
var assetsRun = map[string][]string{"npm": {"npm", "run"}, "yarn": {"yarn"}, "pnpm": {"pnpm", "run"}}

// frontEndAssets sets the assets stage (Candidate.Assets*) of a project
// whose package.json has a build script, reading its output directory from
// outputs (the stack's), then assetsOutputs; builder names the stack's
// build image for the notes ("Composer").
func frontEndAssets(p *project, c *Candidate, builder string, outputs ...finder) {
	pj, data, ok := readPackageJSON(p)
	if !ok || pj == nil || strings.TrimSpace(pj.Scripts["build"]) == "" {
		return
	}
	script := strings.TrimSpace(pj.Scripts["build"])
	from := at("package.json", lineOf(data, `"build"`))
	tool, ok := nodeTool(p)
	if !ok {
		c.Notes = append(c.Notes, fmt.Sprintf("%s has a build script (%s) but no lockfile: the %s build image has no Node.js, and dockergen builds the assets in a Node.js stage only from a lockfile (run 'npm install --package-lock-only', commit package-lock.json and run init again; or build them before docker build)", from, script, builder))
		return
	}
	var out Detected
	for _, f := range append(outputs, assetsOutputs...) {
		if d, ok := f(p); ok {
			out = d
			break
		}
	}
	if !out.Found() {
		c.Notes = append(c.Notes, fmt.Sprintf("%s has a build script (%s), but where it writes could not be read: the %s build image has no Node.js; set assets (command [%s, build], output: the directory it writes) to build them in a Node.js stage", from, script, builder, strings.Join(assetsRun[tool.Value], ", ")))
		return
	}
	c.AssetsCommand = append(append([]string(nil), assetsRun[tool.Value]...), "build")
	c.AssetsFrom = from
	c.AssetsOutput = out
	c.AssetsTool = tool
	if v, ok := firstFound(p, nodeDetector.version); ok {
		c.AssetsNode = v
	}
	c.Notes = append(c.Notes, fmt.Sprintf("%s: the build script (%s) runs in a Node.js assets stage (%s, from %s; the %s build image has no Node.js); its output %s (%s) is copied into the app", from, script, tool.Value, tool.Source(), builder, out.Value, out.Source()))
}

// firstFound returns the first value a finder finds.
func firstFound(p *project, finders []finder) (Detected, bool) {
	for _, f := range finders {
		if d, ok := f(p); ok {
			return d, true
		}
	}
	return Detected{}, false
}
