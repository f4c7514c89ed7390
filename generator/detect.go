package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Detection is what Detect found in a project directory: every stack whose
// files are there, each with the values dockergen could read from them.
type Detection struct {
	// Dir is the directory that was read.
	Dir string
	// Candidates are the stacks found, in priority order: go, rust, then
	// node, then python. The first is the one to use unless the user says
	// otherwise (a Go service with a package.json for its front-end tooling
	// is still a Go service).
	Candidates []*Candidate
}

// Best returns the candidate to use by default: the first in priority order.
func (d *Detection) Best() *Candidate { return d.Candidates[0] }

// For returns the candidate for a stack, or nil when that stack was not found.
func (d *Detection) For(stack string) *Candidate {
	for _, c := range d.Candidates {
		if c.Stack == stack {
			return c
		}
	}
	return nil
}

// Stacks returns the names of the candidates, in priority order.
func (d *Detection) Stacks() []string {
	names := make([]string, len(d.Candidates))
	for i, c := range d.Candidates {
		names[i] = c.Stack
	}
	return names
}

// Detected is one value read from a project, with where it came from.
type Detected struct {
	Value string
	// From names the source, as "file:line" or "file" (or "directory name"),
	// or is empty when Value is dockergen's default.
	From string
}

// Found reports whether the value was read from the project rather than
// being dockergen's default.
func (d Detected) Found() bool { return d.From != "" }

// Source says where the value came from, for a person: the file, or "default".
func (d Detected) Source() string {
	if d.From == "" {
		return "default"
	}
	return d.From
}

// Candidate is one stack found in a directory. Values that could not be read
// hold the stack's default with an empty From.
type Candidate struct {
	Stack string
	// Evidence lists the files that identify the stack (for example go.mod).
	Evidence []string
	// Name is a valid image name made from the project's own name (go.mod's
	// module, package.json's name, pyproject.toml's name, or the directory).
	Name Detected
	// Version is the language version ("1.26", "22", "3.12").
	Version Detected
	// Main is the main package (go) or the script (node, python); Mains lists
	// every one found, Main first, for a wizard to offer.
	Main  Detected
	Mains []Detected
	// Port is the TCP port the app listens on by default.
	Port Detected
	// HealthPath is an HTTP path the app serves that looks like a health
	// endpoint (/healthz, /health, ...); only for stacks whose image can
	// probe a path (node, python).
	HealthPath Detected
	// HealthFlag is a flag with which the binary probes itself (for example
	// -healthcheck); go only, since distroless and scratch have no HTTP client.
	HealthFlag Detected
	// Tool is the build tool (build.tool) and Server the application server
	// (server), for stacks that have a choice; Value is empty when nothing
	// was found (the stack's default applies).
	Tool, Server Detected
	// BuildCommand is a build step to suggest (build.command), found at
	// BuildFrom, and Output the directory it writes (build.output); empty
	// when the project has none.
	BuildCommand []string
	BuildFrom    string
	Output       Detected
	// Notes are what the user should know before building: a missing lock
	// file, several main packages, a value that could not be used.
	Notes []string
}

// Spec returns the spec the candidate suggests, before Defaults: every
// detected value filled in, the rest left to the stack's defaults.
func (c *Candidate) Spec() *Spec {
	s := &Spec{APIVersion: APIVersion, Name: c.Name.Value, Stack: c.Stack, Version: c.Version.Value, Main: c.Main.Value}
	if p, err := strconv.Atoi(c.Port.Value); err == nil && c.Port.Found() {
		s.Ports = []int{p}
	}
	if c.HealthPath.Found() {
		s.Healthcheck.Path = c.HealthPath.Value
	}
	if c.HealthFlag.Found() {
		s.Healthcheck.Command = []string{path.Join(DefaultWorkdir, s.Name), c.HealthFlag.Value}
	}
	if c.Tool.Found() {
		s.Build.Tool = c.Tool.Value
	}
	if c.Server.Found() {
		s.Server = c.Server.Value
	}
	if len(c.BuildCommand) > 0 {
		s.Build.Command = slices.Clone(c.BuildCommand)
	}
	if c.Output.Found() {
		s.Build.Output = c.Output.Value
	}
	return s
}

// NoProjectError is Detect's error for a directory with no file it
// recognises. Its message lists what was looked for.
type NoProjectError struct {
	Dir string
	// LookedFor maps each stack, in priority order, to the files that would
	// have identified it.
	LookedFor []StackFiles
}

// StackFiles names the files that identify a stack.
type StackFiles struct {
	Stack string
	Files []string
}

func (e *NoProjectError) Error() string {
	var stacks, looked []string
	for _, l := range e.LookedFor {
		stacks = append(stacks, l.Stack)
		looked = append(looked, fmt.Sprintf("%s (%s)", strings.Join(l.Files, ", "), l.Stack))
	}
	return fmt.Sprintf("%s: no %s project found: looked for %s", e.Dir, orList(stacks), strings.Join(looked, "; "))
}

func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// Detect reads the project in dir to suggest a spec: which stack it is, and
// whatever it can read of the name, language version, main package or
// script, port and health endpoint. It reads only the project's own files
// (go.mod, Cargo.toml, rust-toolchain(.toml), package.json, .nvmrc, .node-version, .python-version, .tool-versions,
// requirements.txt, pyproject.toml and the sources of the main package or
// script); it runs nothing. Every value records the file it came from.
//
// Several stacks may be found; they are returned in priority order (go, rust,
// node, python). A directory with none of them gives a *NoProjectError.
func Detect(dir string) (*Detection, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	dirName := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		dirName = filepath.Base(abs)
	}
	p := &project{fsys: os.DirFS(dir), dirName: dirName, cache: map[string][]byte{}}
	d := &Detection{Dir: dir}
	for _, det := range detectors {
		if c := det.detect(p); c != nil {
			d.Candidates = append(d.Candidates, c)
		}
	}
	if len(d.Candidates) == 0 {
		e := &NoProjectError{Dir: dir}
		for _, det := range detectors {
			if len(det.markers) > 0 {
				e.LookedFor = append(e.LookedFor, StackFiles{Stack: det.stack, Files: det.markers})
			}
		}
		return nil, e
	}
	return d, nil
}

// DetectDefaults returns the candidate Detect would give for stack in a
// directory with nothing of that stack in it: the name from the directory,
// every other value the stack's default. It is what 'dockergen init --stack'
// starts from when the project's files are not there yet.
func DetectDefaults(dir, stack string) (*Candidate, error) {
	det := detectorFor(stack)
	if det == nil {
		return nil, fmt.Errorf("stack %q is not supported (allowed: %s)", stack, strings.Join(Stacks(), ", "))
	}
	dirName := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		dirName = filepath.Base(abs)
	}
	p := &project{fsys: os.DirFS(dir), dirName: dirName, cache: map[string][]byte{}}
	c := det.fill(p)
	note := fmt.Sprintf("none of %s found: starting from %s's defaults", strings.Join(det.markers, ", "), stack)
	if len(det.markers) == 0 {
		note = fmt.Sprintf("%s is never detected: starting from its defaults", stack)
	}
	c.Notes = append([]string{note}, c.Notes...)
	return c, nil
}

// detector is what Detect knows about one stack: the files that identify it
// and, for each value, the places to read it from in order (the first that
// gives a value wins). Adding a stack means adding a detector.
type detector struct {
	stack   string
	markers []string
	name    []finder
	version []finder
	// mains returns every main package or script found, best first.
	mains func(p *project, c *Candidate) []Detected
	// sources are the files scanned for the port and health hints.
	sources func(p *project, c *Candidate) []string
	ports   []*regexp.Regexp
	health  []*regexp.Regexp
	// healthFlag is true when the health hint is a flag of the binary (go)
	// rather than an HTTP path.
	healthFlag bool
	// notes adds what the user should know (missing lock files, ...).
	notes func(p *project, c *Candidate)
}

// finder reads one value from a project, reporting whether it found one.
type finder func(p *project) (Detected, bool)

// detectorOrder is the priority rule when one directory holds several
// stacks: the first found is the default pick. Compiled and JVM/.NET stacks
// come first, then the scripting runtimes, then node: a package.json beside
// go.mod, pom.xml, Gemfile, composer.json or pyproject.toml is nearly always
// front-end tooling (assets built with npm), not the service itself. static
// comes last (an index.html is often part of another app), and binary is
// never detected (it has no markers): a prebuilt executable is only chosen
// with --stack binary.
var detectorOrder = []string{"go", "rust", "java-maven", "java-gradle", "dotnet", "ruby", "php", "python", "node", "static", "binary"}

// DetectionOrder returns the priority rule as text: "go > rust > ...".
func DetectionOrder() string {
	var names []string
	for _, n := range detectorOrder {
		if n != "binary" {
			names = append(names, n)
		}
	}
	return strings.Join(names, " > ")
}

// detectors holds every registered detector in detectorOrder.
var detectors []*detector

// registerDetector adds a stack's detector; it panics for a stack missing
// from detectorOrder or registered twice (programming errors, caught by
// every test).
func registerDetector(d *detector) {
	if !slices.Contains(detectorOrder, d.stack) || detectorFor(d.stack) != nil {
		panic("generator: detector for " + d.stack + " is not in detectorOrder or registered twice")
	}
	detectors = append(detectors, d)
	slices.SortStableFunc(detectors, func(a, b *detector) int {
		return slices.Index(detectorOrder, a.stack) - slices.Index(detectorOrder, b.stack)
	})
}

func init() {
	for _, d := range []*detector{goDetector, rustDetector, nodeDetector, pythonDetector, staticDetector, binaryDetector} {
		registerDetector(d)
	}
}

func detectorFor(stack string) *detector {
	for _, d := range detectors {
		if d.stack == stack {
			return d
		}
	}
	return nil
}

func (det *detector) detect(p *project) *Candidate {
	var evidence []string
	for _, m := range det.markers {
		if strings.ContainsAny(m, "*?[") { // a glob (*.csproj): the files it matches
			found, _ := fs.Glob(p.fsys, m)
			evidence = append(evidence, found...)
		} else if p.exists(m) {
			evidence = append(evidence, m)
		}
	}
	if len(evidence) == 0 {
		return nil
	}
	c := det.fill(p)
	c.Evidence = evidence
	return c
}

// fill reads every value it can; those it cannot are the stack's defaults.
func (det *detector) fill(p *project) *Candidate {
	st := stacks[det.stack]
	c := &Candidate{Stack: det.stack}
	c.Name = first(p, det.name, Detected{Value: "app"})
	if !c.Name.Found() {
		if n := sanitizeName(p.dirName); n != "" {
			c.Name = Detected{Value: n, From: "directory name"}
		}
	}
	c.Version = Detected{Value: st.DefaultVersion}
	for _, f := range det.version {
		if v, ok := f(p); ok {
			if st.VersionRE.MatchString(v.Value) {
				c.Version = v
				break
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%s: %q is not a %s version dockergen can use (%s); ignored", v.From, v.Value, det.stack, st.VersionHelp))
		}
	}
	c.Mains = det.mains(p, c)
	c.Main = Detected{Value: st.DefaultMain}
	if len(c.Mains) > 0 {
		c.Main = c.Mains[0]
	}
	c.Port = Detected{Value: strconv.Itoa(DefaultPort)}
	srcs := det.sources(p, c)
	if m, ok := p.scan(srcs, det.ports); ok {
		if n, _ := strconv.Atoi(m.Value); n >= 1024 && n <= 65535 {
			c.Port = m
		} else {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: the app listens on port %s, which needs a capability the container does not have; using %d (make the app listen on 1024 or above)", m.From, m.Value, DefaultPort))
		}
	}
	if m, ok := p.scan(srcs, det.health); ok {
		if det.healthFlag {
			m.Value = "-" + m.Value
			c.HealthFlag = m
		} else {
			c.HealthPath = m
		}
	}
	if det.notes != nil {
		det.notes(p, c)
	}
	return c
}

func first(p *project, fs []finder, def Detected) Detected {
	for _, f := range fs {
		if v, ok := f(p); ok {
			return v
		}
	}
	return def
}

// project reads files from the directory being detected, each at most once.
type project struct {
	fsys    fs.FS
	dirName string
	cache   map[string][]byte
}

// maxRead bounds what Detect reads of one file.
const maxRead = 1 << 20

func (p *project) read(name string) ([]byte, bool) {
	if b, ok := p.cache[name]; ok {
		return b, b != nil
	}
	var data []byte
	if st, err := fs.Stat(p.fsys, name); err == nil && st.Mode().IsRegular() {
		if f, err := p.fsys.Open(name); err == nil {
			data, err = io.ReadAll(io.LimitReader(f, maxRead))
			f.Close()
			if err != nil {
				data = nil
			} else if data == nil {
				data = []byte{}
			}
		}
	}
	p.cache[name] = data
	return data, data != nil
}

func (p *project) exists(name string) bool {
	_, ok := p.read(name)
	return ok
}

// scan returns the first capture of the first pattern that matches one of
// the files, in the order of files, with its file:line.
func (p *project) scan(files []string, res []*regexp.Regexp) (Detected, bool) {
	for _, f := range files {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		for _, re := range res {
			if m := re.FindSubmatchIndex(data); m != nil {
				return Detected{Value: string(data[m[2]:m[3]]), From: fmt.Sprintf("%s:%d", f, lineAt(data, m[2]))}, true
			}
		}
	}
	return Detected{}, false
}

func lineAt(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }

// lineOf returns the line of the first occurrence of needle, or 0.
func lineOf(data []byte, needle string) int {
	if i := bytes.Index(data, []byte(needle)); i >= 0 {
		return lineAt(data, i)
	}
	return 0
}

func at(file string, line int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}

var (
	nonNameRE = regexp.MustCompile(`[^a-z0-9]+`)
)

// sanitizeName turns a project name into a valid image and container name,
// or "" when nothing usable is left.
func sanitizeName(s string) string {
	s = strings.Trim(nonNameRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(s) > 64 {
		s = strings.Trim(s[:64], "-")
	}
	if len(s) < 2 || !nameRE.MatchString(s) || !engineNameRE.MatchString(s) {
		return ""
	}
	if strings.Trim(s, "0123456789-") == "" {
		// YAML would read a name of digits alone as a number.
		return sanitizeName("app-" + s)
	}
	return s
}

// fromFile applies a parser to one file: the parser returns the value and
// the line it was on (0 when unknown).
func fromFile(name string, parse func(data []byte) (string, int, bool)) finder {
	return func(p *project) (Detected, bool) {
		data, ok := p.read(name)
		if !ok {
			return Detected{}, false
		}
		v, line, ok := parse(data)
		if !ok {
			return Detected{}, false
		}
		return Detected{Value: v, From: at(name, line)}, true
	}
}

// nameFrom is a finder of a project name, made valid with sanitizeName.
func nameFrom(name string, parse func(data []byte) (string, int, bool)) finder {
	f := fromFile(name, parse)
	return func(p *project) (Detected, bool) {
		d, ok := f(p)
		if !ok {
			return d, false
		}
		d.Value = sanitizeName(d.Value)
		return d, d.Value != ""
	}
}

// regexpLine returns a parser that takes the first capture of re.
func regexpLine(re *regexp.Regexp, conv func(string) (string, bool)) func([]byte) (string, int, bool) {
	return func(data []byte) (string, int, bool) {
		m := re.FindSubmatchIndex(data)
		if m == nil {
			return "", 0, false
		}
		v, ok := conv(string(data[m[2]:m[3]]))
		return v, lineAt(data, m[2]), ok
	}
}

func asIs(s string) (string, bool) { return s, s != "" }

// --- go ---

var (
	goModuleRE    = regexp.MustCompile(`(?m)^module\s+"?([^\s"]+)"?`)
	goDirectiveRE = regexp.MustCompile(`(?m)^go\s+([0-9]+\.[0-9]+)(?:\.[0-9]+|rc[0-9]+)?\s*$`)
	goToolchainRE = regexp.MustCompile(`(?m)^toolchain\s+go([0-9]+\.[0-9]+)`)
	goMainRE      = regexp.MustCompile(`(?m)^package\s+main\b`)
	goIgnoreRE    = regexp.MustCompile(`(?m)^//go:build\s+ignore\b`)
	goMajorRE     = regexp.MustCompile(`^v[0-9]+$`)
	goRouteRE     = regexp.MustCompile(`"(/(?:healthz|health|livez|readyz))"`)
)

var goDetector = &detector{
	stack:   "go",
	markers: []string{"go.mod"},
	name: []finder{nameFrom("go.mod", regexpLine(goModuleRE, func(mod string) (string, bool) {
		parts := strings.Split(mod, "/")
		last := parts[len(parts)-1]
		if goMajorRE.MatchString(last) && len(parts) > 1 {
			last = parts[len(parts)-2]
		}
		return last, true
	}))},
	// The toolchain line names the Go the project is built with; the go
	// line only the oldest it accepts.
	version: []finder{
		fromFile("go.mod", regexpLine(goToolchainRE, asIs)),
		fromFile("go.mod", regexpLine(goDirectiveRE, asIs)),
		toolVersion(2, "golang", "go"),
	},
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		if f := goMainFile(p, "."); f != "" {
			found = append(found, Detected{Value: ".", From: f})
		}
		var cmds []Detected
		if entries, err := fs.ReadDir(p.fsys, "cmd"); err == nil {
			for _, e := range entries {
				if !e.IsDir() {
					continue
				}
				if f := goMainFile(p, "cmd/"+e.Name()); f != "" {
					cmds = append(cmds, Detected{Value: "./cmd/" + e.Name(), From: f})
				}
			}
		}
		// With several commands, the one named like the module goes first.
		slices.SortStableFunc(cmds, func(a, b Detected) int {
			am, bm := path.Base(a.Value) == c.Name.Value, path.Base(b.Value) == c.Name.Value
			switch {
			case am && !bm:
				return -1
			case bm && !am:
				return 1
			}
			return 0
		})
		found = append(found, cmds...)
		if len(found) == 0 {
			c.Notes = append(c.Notes, "no main package found (looked for package main in the module root and in cmd/*): using . — set main to the package to build")
		} else if len(found) > 1 {
			var names []string
			for _, f := range found {
				names = append(names, f.Value)
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%d main packages (%s): using %s", len(found), strings.Join(names, ", "), found[0].Value))
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string {
		dir := strings.TrimPrefix(path.Clean(c.Main.Value), "./")
		return goFiles(p, dir)
	},
	ports: []*regexp.Regexp{
		regexp.MustCompile(`Getenv\("PORT"\)\s*,\s*"(\d{2,5})"`),
		regexp.MustCompile(`(?i)\bport\s*:?=\s*"?:?(\d{2,5})\b`),
		regexp.MustCompile(`Listen\w*\(\s*"[^"]*:(\d{2,5})"`),
		regexp.MustCompile(`(?i)\baddr\s*(?::|:?=)\s*"[^"]*:(\d{2,5})"`),
	},
	health: []*regexp.Regexp{
		regexp.MustCompile(`flag\.(?:Bool|BoolVar)\((?:[^,()]*,\s*)?"(health-?check|health)"`),
	},
	healthFlag: true,
	notes: func(p *project, c *Candidate) {
		if c.HealthFlag.Found() {
			return
		}
		if m, ok := p.scan(goFiles(p, strings.TrimPrefix(path.Clean(c.Main.Value), "./")), []*regexp.Regexp{goRouteRE}); ok {
			c.Notes = append(c.Notes, fmt.Sprintf("%s serves %s, but distroless and scratch have no HTTP client to probe it: give the binary a -healthcheck flag that fetches it (as examples/go does) to get a healthcheck", m.From, m.Value))
		}
	},
}

// goFiles lists the non-test Go files of a directory, sorted, main.go first.
func goFiles(p *project, dir string) []string {
	entries, err := fs.ReadDir(p.fsys, dir)
	if err != nil {
		return nil
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		files = append(files, path.Join(dir, n))
	}
	slices.SortStableFunc(files, func(a, b string) int {
		switch {
		case path.Base(a) == "main.go":
			return -1
		case path.Base(b) == "main.go":
			return 1
		}
		return strings.Compare(a, b)
	})
	return files
}

// goMainFile returns a file of package main in dir ("" when there is none).
func goMainFile(p *project, dir string) string {
	for _, f := range goFiles(p, dir) {
		if data, ok := p.read(f); ok && goMainRE.Match(data) && !goIgnoreRE.Match(data) {
			return f
		}
	}
	return ""
}

// --- node ---

type packageJSON struct {
	Name           string            `json:"name"`
	Main           string            `json:"main"`
	Scripts        map[string]string `json:"scripts"`
	Engines        json.RawMessage   `json:"engines"`
	PackageManager string            `json:"packageManager"`
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
	nodeStartRE      = regexp.MustCompile(`^\s*node\s+(?:--?[\w-]+(?:=\S+)?\s+)*([^\s-][^\s;&|]*)`)
	httpPathRE2      = regexp.MustCompile(`["'](/(?:healthz|health|livez|readyz|ping))["']`)
	// nodePMRE is package.json's packageManager: NAME@VERSION[+HASH].
	nodePMRE = regexp.MustCompile(`^(npm|yarn|pnpm)@([0-9][0-9A-Za-z.+-]*)$`)
	// nodeOutputRE finds a build's output directory named in a script or a
	// path: dist or build as a directory (dist/server.js) or as the value
	// of an output flag (tsc --outDir dist, babel -d build); not "vite
	// build", a subcommand.
	nodeOutputRE = regexp.MustCompile(`(?:^|[\s=/"':])(dist|build)/|(?:--out-?[Dd]ir|--outdir|--out-dir|-d)(?:=|\s+)\.?/?(dist|build)\b`)
	yarnBerryRE  = regexp.MustCompile(`(?m)^__metadata:`)
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

// nodeVersionFile reads .nvmrc or .node-version: a version such as 20,
// v20.11.0 or 20.x (aliases such as lts/iron are not versions).
func nodeVersionFile(name string) finder {
	return fromFile(name, func(data []byte) (string, int, bool) {
		line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
		if m := nodeMajorRE.FindStringSubmatch(line); m != nil {
			return m[1], 1, true
		}
		return strings.TrimSpace(line), 1, strings.TrimSpace(line) != ""
	})
}

var nodeDetector = &detector{
	stack:   "node",
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
	// is the oldest the package accepts: its first major number.
	version: []finder{
		nodeVersionFile(".nvmrc"),
		nodeVersionFile(".node-version"),
		toolVersion(1, "nodejs", "node"),
		func(p *project) (Detected, bool) {
			pj, data, ok := readPackageJSON(p)
			if !ok || len(pj.Engines) == 0 {
				return Detected{}, false
			}
			var engines map[string]string
			if json.Unmarshal(pj.Engines, &engines) != nil || engines["node"] == "" {
				return Detected{}, false
			}
			m := nodeRangeMajorRE.FindString(engines["node"])
			if m == "" {
				return Detected{}, false
			}
			return Detected{Value: m, From: at("package.json", lineOf(data, `"node"`))}, true
		},
	},
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		add := func(d Detected) {
			for _, f := range found {
				if f.Value == d.Value {
					return
				}
			}
			found = append(found, d)
		}
		if pj, data, ok := readPackageJSON(p); ok {
			// What 'npm start' runs is what the container should run.
			if m := nodeStartRE.FindStringSubmatch(pj.Scripts["start"]); m != nil {
				add(Detected{Value: path.Clean(m[1]), From: at("package.json", lineOf(data, `"start"`))})
			}
			if pj.Main != "" {
				add(Detected{Value: path.Clean(pj.Main), From: at("package.json", lineOf(data, `"main"`))})
			}
		}
		for _, f := range []string{"server.js", "index.js", "app.js", "main.js", "server.mjs", "index.mjs"} {
			if p.exists(f) {
				add(Detected{Value: f, From: f})
			}
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string { return []string{c.Main.Value} },
	ports: []*regexp.Regexp{
		regexp.MustCompile(`PORT\s*(?:\|\||\?\?)\s*["']?(\d{2,5})`),
		regexp.MustCompile(`\.listen\(\s*(\d{2,5})`),
		regexp.MustCompile(`(?i)\bport\s*[:=]\s*(\d{2,5})\b`),
	},
	health: []*regexp.Regexp{httpPathRE2},
	notes:  nodeNotes,
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
		pinned := map[string]string{"yarn": "1.22.22", "pnpm": "10.12.1"}[tool.Value]
		if pj == nil || !strings.HasPrefix(pj.PackageManager, tool.Value+"@") {
			c.Notes = append(c.Notes, fmt.Sprintf("package.json has no packageManager field: corepack uses dockergen's pinned %s %s (set it with 'corepack use %s@VERSION' to build with your own)", tool.Value, pinned, tool.Value))
		} else if !strings.Contains(pj.PackageManager, "+sha") {
			c.Notes = append(c.Notes, fmt.Sprintf("package.json:%d: packageManager %s has no hash: corepack checks the download's npm signature instead ('corepack use %s' adds the hash)", lineOf(data, `"packageManager"`), pj.PackageManager, pj.PackageManager))
		}
	}
	if tool.Value == "yarn" {
		if y, ok := p.read("yarn.lock"); ok && yarnBerryRE.Match(y) {
			c.Notes = append(c.Notes, fmt.Sprintf("yarn.lock:%d is a Yarn 2+ lockfile (__metadata:): the build runs 'yarn install --immutable' with nodeLinker node-modules (the runtime runs plain node, not Plug'n'Play); .yarnrc.yml is not copied into the build", lineAt(y, yarnBerryRE.FindIndex(y)[0])))
		}
	}
	// A build script: suggest it, and its output directory when a script or
	// main names dist or build and main is inside it.
	if pj != nil && strings.TrimSpace(pj.Scripts["build"]) != "" {
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

// --- python ---

var (
	pythonVersionRE = regexp.MustCompile(`^\s*(?:python-?|cpython-?)?(3\.[0-9]{1,2})(?:\.[0-9]+)?\s*$`)
	pyprojectNameRE = regexp.MustCompile(`(?m)^name\s*=\s*["']([^"']+)["']`)
	// pyRequiresRE is the lowest Python a project accepts: requires-python
	// (PEP 621) or Poetry's python dependency, ">=3.11", "^3.11", "~=3.11".
	pyRequiresRE = regexp.MustCompile(`(?m)^\s*(?:requires-python|python)\s*=\s*["']\s*(?:>=|\^|~=|~|==)?\s*(3\.[0-9]{1,2})`)
	pyTableRE    = regexp.MustCompile(`(?m)^\s*\[(project|tool\.poetry|tool\.uv)[\].]`)
	// pyDjangoRE names the settings module in manage.py: its package is
	// the project's, which holds wsgi.py.
	pyDjangoRE  = regexp.MustCompile(`DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][A-Za-z0-9_]*)\.settings["']`)
	pyFlaskRE   = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:flask\.)?Flask\(\s*__name__`)
	pyFastAPIRE = regexp.MustCompile(`(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:fastapi\.)?FastAPI\(`)
)

// pyDependency returns where a project declares a dependency on pkg
// (requirements.txt, pyproject.toml or Pipfile, with the line), or "".
// A line-based reader: a requirement line, a PEP 621 array item or a
// Poetry/Pipfile key that starts with the name.
func pyDependency(p *project, pkg string) string {
	re := regexp.MustCompile(`(?mi)(?:^|["'\s,\[])` + regexp.QuoteMeta(pkg) + `(?:\[[^\]]*\])?\s*(?:[<>=!~;"',\]@]|$)`)
	for _, f := range []string{"requirements.txt", "pyproject.toml", "Pipfile"} {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		for n, line := range strings.Split(string(data), "\n") {
			if code, _, _ := strings.Cut(line, "#"); re.MatchString(code) {
				return at(f, n+1)
			}
		}
	}
	return ""
}

// pyTool finds the installer: uv (uv.lock, [tool.uv]), Poetry
// (poetry.lock, [tool.poetry]), else pip (requirements.txt or a [project]
// table), each with its file.
func pyTool(p *project) (Detected, bool) {
	for _, l := range []struct{ file, tool string }{{"uv.lock", "uv"}, {"poetry.lock", "poetry"}} {
		if p.exists(l.file) {
			return Detected{Value: l.tool, From: l.file}, true
		}
	}
	if data, ok := p.read("pyproject.toml"); ok {
		tables := map[string]int{}
		for _, m := range pyTableRE.FindAllSubmatchIndex(data, -1) {
			if t := string(data[m[2]:m[3]]); tables[t] == 0 {
				tables[t] = lineAt(data, m[2])
			}
		}
		switch {
		case tables["tool.uv"] > 0:
			return Detected{Value: "uv", From: at("pyproject.toml", tables["tool.uv"])}, true
		case tables["tool.poetry"] > 0:
			return Detected{Value: "poetry", From: at("pyproject.toml", tables["tool.poetry"])}, true
		case tables["project"] > 0 && !p.exists("requirements.txt"):
			return Detected{Value: "pip", From: at("pyproject.toml", tables["project"])}, true
		}
	}
	if p.exists("requirements.txt") {
		return Detected{Value: "pip", From: "requirements.txt"}, true
	}
	return Detected{}, false
}

// pyModule turns a script path into its module name (app.py -> app,
// api/main.py -> api.main), or "" when it is not an importable path.
func pyModule(file string) string {
	m := strings.ReplaceAll(strings.TrimSuffix(file, ".py"), "/", ".")
	if !strings.HasSuffix(file, ".py") || !pyCallableRE.MatchString(m+":x") {
		return ""
	}
	return m
}

// pyApp is a web application found in a project: its server, its
// module:callable and where it was seen.
type pyApp struct {
	framework, server, main, from string
}

// pyFramework finds a Django project (manage.py naming PROJECT.settings,
// with PROJECT/wsgi.py), a Flask app (NAME = Flask(__name__)) or a FastAPI
// app (NAME = FastAPI(...)) in the usual scripts.
func pyFramework(p *project) (pyApp, bool) {
	if data, ok := p.read("manage.py"); ok {
		if m := pyDjangoRE.FindSubmatchIndex(data); m != nil {
			proj := string(data[m[2]:m[3]])
			if p.exists(proj + "/wsgi.py") {
				return pyApp{"Django", "gunicorn", proj + ".wsgi:application", at("manage.py", lineAt(data, m[2]))}, true
			}
		}
	}
	for _, f := range []string{"app.py", "main.py", "server.py", "wsgi.py", "asgi.py", "app/main.py", "app/__init__.py", "src/main.py"} {
		data, ok := p.read(f)
		mod := pyModule(f)
		if !ok || mod == "" {
			continue
		}
		mod = strings.TrimSuffix(mod, ".__init__")
		for _, fw := range []struct {
			name, server string
			re           *regexp.Regexp
		}{{"FastAPI", "uvicorn", pyFastAPIRE}, {"Flask", "gunicorn", pyFlaskRE}} {
			if m := fw.re.FindSubmatchIndex(data); m != nil {
				return pyApp{fw.name, fw.server, mod + ":" + string(data[m[2]:m[3]]), at(f, lineAt(data, m[2]))}, true
			}
		}
	}
	return pyApp{}, false
}

var pythonDetector = &detector{
	stack:   "python",
	markers: []string{"requirements.txt", "pyproject.toml", "Pipfile", ".python-version", "app.py", "main.py", "server.py", "manage.py"},
	name:    []finder{nameFrom("pyproject.toml", regexpLine(pyprojectNameRE, asIs))},
	version: []finder{fromFile(".python-version", func(data []byte) (string, int, bool) {
		line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
		if m := pythonVersionRE.FindStringSubmatch(line); m != nil {
			return m[1], 1, true
		}
		return strings.TrimSpace(line), 1, strings.TrimSpace(line) != ""
	}), toolVersion(2, "python"), fromFile("pyproject.toml", regexpLine(pyRequiresRE, asIs))},
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		if app, ok := pyFramework(p); ok && pyDependency(p, app.server) != "" {
			found = append(found, Detected{Value: app.main, From: app.from})
		}
		for _, f := range []string{"app.py", "main.py", "server.py"} {
			if p.exists(f) {
				found = append(found, Detected{Value: f, From: f})
			}
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string {
		if mod, _, ok := strings.Cut(c.Main.Value, ":"); ok {
			return []string{strings.ReplaceAll(mod, ".", "/") + ".py"}
		}
		return []string{c.Main.Value}
	},
	ports: []*regexp.Regexp{
		regexp.MustCompile(`["']PORT["']\s*,\s*["']?(\d{2,5})`),
		regexp.MustCompile(`\bport\s*=\s*(\d{2,5})\b`),
	},
	health: []*regexp.Regexp{httpPathRE2},
	notes:  pythonNotes,
}

// pythonNotes fills the installer and the server, and says what the user
// should know: a missing lockfile or requirements, Pipfile, a framework
// whose server is not in the dependencies.
func pythonNotes(p *project, c *Candidate) {
	tool, ok := pyTool(p)
	if ok {
		c.Tool = tool
	}
	switch {
	case tool.Value == "uv" && !p.exists("uv.lock"):
		c.Notes = append(c.Notes, fmt.Sprintf("uv.lock is missing: the Dockerfile runs 'uv sync --frozen', which needs it (run 'uv lock'; uv is chosen by %s)", tool.Source()))
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
	if app, ok := pyFramework(p); ok {
		if dep := pyDependency(p, app.server); dep != "" {
			if c.Main.Value == app.main {
				c.Server = Detected{Value: app.server, From: dep}
			}
		} else {
			c.Notes = append(c.Notes, fmt.Sprintf("%s looks like a %s app: add %s to the dependencies and set server: %s, main: %s to serve it with %s rather than a development server", app.from, app.framework, app.server, app.server, app.main, app.server))
		}
	}
	if !strings.Contains(c.Main.Value, ":") && !p.exists(c.Main.Value) {
		c.Notes = append(c.Notes, fmt.Sprintf("no app.py, main.py or server.py: using %s — set main to the script that starts the app", c.Main.Value))
	}
}

// --- static ---

// staticDirs are the directories, in order, where a site's index.html is
// looked for: the project root (a plain site), then the output directories
// of common static-site generators and bundlers.
var staticDirs = []string{".", "dist", "build", "public", "_site", "out", "site"}

var staticDetector = &detector{
	stack: "static",
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

// --- binary ---

// binaryDetector is used only with --stack binary: it offers the executable
// files in bin/ as main.
var binaryDetector = &detector{
	stack: "binary",
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		entries, _ := fs.ReadDir(p.fsys, "bin")
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
				found = append(found, Detected{Value: "bin/" + e.Name(), From: "bin/" + e.Name()})
			}
		}
		if len(found) == 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("no executable in bin/: using %s — set main to the prebuilt executable's path", stacks["binary"].DefaultMain))
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string { return nil },
}

// IsNoProject reports whether err is Detect's error for a directory with no
// project it recognises.
func IsNoProject(err error) bool {
	var e *NoProjectError
	return errors.As(err, &e)
}

// BaseTradeOff returns the one-line trade-off of a runtime base (size, shell,
// C library), as DOCKER-SECURITY.md states it, or "" for an unknown base.
func BaseTradeOff(base string) string { return baseWhy[base] }

// VersionHelp says what a version of a stack looks like (for example "a Go
// release such as 1.26"), or "" for an unknown stack.
func VersionHelp(stack string) string {
	if st, ok := stacks[stack]; ok {
		return st.VersionHelp
	}
	return ""
}

// --- rust ---

var (
	tomlKeyRE        = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=\s*["']([^"']*)["']`)
	tomlTableRE      = regexp.MustCompile(`^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?`)
	rustReleaseRE    = regexp.MustCompile(`^\s*(1\.[0-9]{1,3})(?:\.[0-9]+)?\s*$`)
	rustToolchainRE  = regexp.MustCompile(`(?m)^\s*channel\s*=\s*["']([^"']+)["']`)
	rustHealthFlagRE = regexp.MustCompile(`"-(-?health(?:check)?)"`)
)

// cargoValue is one key of Cargo.toml with its line.
type cargoValue struct {
	Value string
	Line  int
}

// cargoManifest is what detection reads of a Cargo.toml: [package] name and
// rust-version, and the name of every [[bin]]. A line-based reader: enough
// for the keys written as plain strings, which is how cargo new writes them.
type cargoManifest struct {
	Name, RustVersion cargoValue
	Bins              []cargoValue
}

func parseCargoManifest(data []byte) cargoManifest {
	var m cargoManifest
	table := ""
	for i, line := range strings.Split(string(data), "\n") {
		if t := tomlTableRE.FindStringSubmatch(line); t != nil {
			table = t[1] + t[2]
			if table == "[[bin" {
				table = "[[bin"
				m.Bins = append(m.Bins, cargoValue{})
			}
			continue
		}
		kv := tomlKeyRE.FindStringSubmatch(line)
		if kv == nil {
			continue
		}
		switch {
		case table == "[package" && kv[1] == "name":
			m.Name = cargoValue{kv[2], i + 1}
		case table == "[package" && kv[1] == "rust-version":
			m.RustVersion = cargoValue{kv[2], i + 1}
		case table == "[[bin" && kv[1] == "name" && len(m.Bins) > 0:
			m.Bins[len(m.Bins)-1] = cargoValue{kv[2], i + 1}
		}
	}
	m.Bins = slices.DeleteFunc(m.Bins, func(b cargoValue) bool { return b.Value == "" })
	return m
}

// rustRelease turns "1.83.0", "1.83" or a toolchain channel into the image
// tag's major.minor; anything else (stable, nightly) is returned as is and
// reported as not usable.
func rustRelease(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := rustReleaseRE.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return s, s != ""
}

var rustDetector = &detector{
	stack:   "rust",
	markers: []string{"Cargo.toml"},
	name: []finder{nameFrom("Cargo.toml", func(data []byte) (string, int, bool) {
		m := parseCargoManifest(data)
		return m.Name.Value, m.Name.Line, m.Name.Value != ""
	})},
	version: []finder{
		fromFile("rust-toolchain.toml", regexpLine(rustToolchainRE, rustRelease)),
		fromFile("rust-toolchain", func(data []byte) (string, int, bool) {
			if m := rustToolchainRE.FindSubmatchIndex(data); m != nil {
				v, ok := rustRelease(string(data[m[2]:m[3]]))
				return v, lineAt(data, m[2]), ok
			}
			line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
			v, ok := rustRelease(line)
			return v, 1, ok
		}),
		toolVersion(2, "rust"),
		fromFile("Cargo.toml", func(data []byte) (string, int, bool) {
			m := parseCargoManifest(data)
			if m.RustVersion.Value == "" {
				return "", 0, false
			}
			v, ok := rustRelease(m.RustVersion.Value)
			return v, m.RustVersion.Line, ok
		}),
	},
	mains: func(p *project, c *Candidate) []Detected {
		data, ok := p.read("Cargo.toml")
		if !ok {
			return nil
		}
		m := parseCargoManifest(data)
		var found []Detected
		for _, b := range m.Bins {
			if cargoBinRE.MatchString(b.Value) {
				found = append(found, Detected{Value: b.Value, From: at("Cargo.toml", b.Line)})
			}
		}
		if len(found) == 0 && cargoBinRE.MatchString(m.Name.Value) {
			found = append(found, Detected{Value: m.Name.Value, From: at("Cargo.toml", m.Name.Line)})
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string {
		return []string{"src/main.rs", path.Join("src/bin", c.Main.Value+".rs"), path.Join("src/bin", c.Main.Value, "main.rs")}
	},
	ports: []*regexp.Regexp{
		regexp.MustCompile(`"PORT"[^;]*?\b(\d{2,5})\b`),
		regexp.MustCompile(`"(?:0\.0\.0\.0|127\.0\.0\.1|\[::\]):(\d{2,5})"`),
	},
	health:     []*regexp.Regexp{rustHealthFlagRE},
	healthFlag: true,
	notes: func(p *project, c *Candidate) {
		if !p.exists("Cargo.lock") {
			c.Notes = append(c.Notes, "Cargo.lock is missing: the Dockerfile builds with --locked (run cargo generate-lockfile and commit Cargo.lock)")
		}
		if len(c.Mains) == 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("no [package] name or [[bin]] name in Cargo.toml: using %s — set main to the binary's name", c.Main.Value))
		} else if len(c.Mains) > 1 {
			c.Notes = append(c.Notes, fmt.Sprintf("Cargo.toml has %d binaries: using %s — set main to the one the image runs", len(c.Mains), c.Main.Value))
		}
	},
}
