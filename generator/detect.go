package generator

import (
	"bytes"
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
	// Candidates are the stacks found, in priority order (the registry's,
	// see DetectionOrder). The first is the one to use unless the user says
	// otherwise (a Go service with a package.json for its front-end tooling
	// is still a Go service).
	Candidates []*Candidate
	// Subprojects are projects found in subfolders when every candidate
	// is of a weak stack (a docs/ site at a repository's root): the app is
	// probably one of them. Best first; weak ones are not listed.
	Subprojects []Subproject
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
	// Reason says how a version was chosen from what the project says, for
	// detect: ">=18 (package.json:5) → 26, the newest LTS". Empty for other
	// values.
	Reason string `json:",omitempty"`
	// constraint marks a version read as a constraint or a minimum
	// (package.json engines, go.mod's go line, requires-python), which
	// resolves to the newest supported line that satisfies it; other
	// versions are exact (a lockfile, a pin file) and keep their line.
	constraint bool
}

// constraint marks what a finder reads as a version constraint or minimum.
func constraint(f finder) finder {
	return func(p *project) (Detected, bool) {
		d, ok := f(p)
		d.constraint = true
		return d, ok
	}
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
	// -healthcheck), for stacks whose detector reads one (go, rust): their
	// distroless and scratch images have no HTTP client.
	HealthFlag Detected
	// NoHealth, when set, says why the image gets no HTTP healthcheck: the
	// app serves no endpoint the detector could find (probing / would leave
	// it unhealthy forever). The spec then disables the healthcheck.
	NoHealth string
	// Memory and Pids are resources the app needs beyond the defaults
	// (resources.memory, resources.pids), with where the need was read and
	// why (Reason has the numbers).
	Memory, Pids Detected
	// AOT is "true" where the project publishes with Native AOT
	// (build.aot), with where that was read.
	AOT Detected
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
	// AssetsCommand is a front-end build to run in a Node.js stage
	// (assets.command), found at AssetsFrom, writing AssetsOutput, with the
	// package manager AssetsTool and Node.js AssetsNode (assets_detect.go).
	AssetsCommand            []string
	AssetsFrom               string
	AssetsOutput, AssetsTool Detected
	AssetsNode               Detected
	// Env are environment variables the image must set for the app to run
	// as detected: PORT when the code reads it, the app's own port or bind
	// setting moved off a privileged port or off loopback
	// (ROCKET_ADDRESS=0.0.0.0). Each says where it was read and why.
	Env []Setting
	// Args are default arguments (the spec's command, after the
	// entrypoint), such as a port flag moved off a privileged port;
	// ArgsFrom says where they were read.
	Args     []string
	ArgsFrom string
	// Files are what a compiled app reads at run time (files): each Value
	// a path in the project, From where the read is, Reason why.
	Files []Detected
	// Writable are directories the app writes to (writable, after /tmp),
	// each with where the need was read and why.
	Writable []Detected
	// PassEnv are variables passed from the environment at run time
	// (passEnv: keys never baked in); Value is empty.
	PassEnv []Setting
	// Extensions are runtime extensions to build in (extensions).
	Extensions []Detected
	// PinTags is "true" where package.json asks for a dependency by
	// dist-tag that package-lock.json pins (build.pinTags), with where.
	PinTags Detected
	// Loopback is a loopback address the app binds only (Value), where
	// (From) and what to change (Reason), when no setting of the app can
	// move it; set with its note by bindsLoopback, repeated by the safety
	// net on every generate.
	Loopback Detected
	// Member is the workspace member to build (build.member); Members
	// lists every member found, for a wizard to offer.
	Member  Detected
	Members []Detected
	// Notes are what the user should know before building: a missing lock
	// file, several main packages, a value that could not be used.
	Notes []string
}

// bindsLoopback records that the app binds host, a loopback address, only
// (at from, "file:line"), which nothing outside the container reaches and
// no setting of the app can change: fix says what to change in the code.
// The first such bind is kept; every one is a note.
func (c *Candidate) bindsLoopback(from, host, fix string) {
	c.Notes = append(c.Notes, fmt.Sprintf("%s: the app binds %s only, which is unreachable from outside the container: %s", from, host, fix))
	if !c.Loopback.Found() {
		c.Loopback = Detected{Value: host, From: from, Reason: fix}
	}
}

// Setting is an environment variable a detector sets, with its source.
type Setting struct {
	Name, Value string
	// From is where the need was read ("main.go:12"), Reason why it is
	// set ("the app reads PORT").
	From, Reason string
}

// Spec returns the spec the candidate suggests, before Defaults: every
// detected value filled in, the rest left to the stack's defaults.
func (c *Candidate) Spec() *Spec {
	s := &Spec{APIVersion: APIVersion, Name: c.Name.Value, Stack: c.Stack, Main: c.Main.Value}
	if c.Version.Found() {
		s.Version = c.Version.Value // else the base's default (Defaults)
	}
	if p, err := strconv.Atoi(c.Port.Value); err == nil && c.Port.Found() {
		s.Ports = []int{p}
	}
	if c.HealthPath.Found() {
		s.Healthcheck.Path = c.HealthPath.Value
	}
	if c.HealthFlag.Found() {
		s.Healthcheck.Command = []string{path.Join(DefaultWorkdir, s.Name), c.HealthFlag.Value}
	}
	if c.NoHealth != "" && !c.HealthPath.Found() && !c.HealthFlag.Found() {
		s.Healthcheck.Disabled = true
	}
	if c.AOT.Found() && c.AOT.Value == "true" {
		s.Build.AOT = true
	}
	if c.Memory.Found() {
		s.Resources.Memory = c.Memory.Value
	}
	if n, err := strconv.Atoi(c.Pids.Value); err == nil && c.Pids.Found() {
		s.Resources.Pids = n
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
	if len(c.AssetsCommand) > 0 {
		s.Assets = Assets{Command: slices.Clone(c.AssetsCommand), Output: c.AssetsOutput.Value, Tool: c.AssetsTool.Value, Node: c.AssetsNode.Value}
	}
	for _, e := range c.Env {
		if s.Env == nil {
			s.Env = map[string]string{}
		}
		s.Env[e.Name] = e.Value
	}
	if len(c.Args) > 0 {
		s.Command = slices.Clone(c.Args)
	}
	for _, f := range c.Files {
		s.Files = append(s.Files, f.Value)
	}
	if c.Member.Found() {
		s.Build.Member = c.Member.Value
	}
	if c.PinTags.Found() && c.PinTags.Value == "true" {
		s.Build.PinTags = true
	}
	if len(c.Writable) > 0 {
		s.Writable = []string{DefaultTmpfsPath}
		for _, w := range c.Writable {
			if !slices.Contains(s.Writable, w.Value) {
				s.Writable = append(s.Writable, w.Value)
			}
		}
	}
	for _, e := range c.PassEnv {
		s.PassEnv = append(s.PassEnv, e.Name)
	}
	for _, x := range c.Extensions {
		s.Extensions = append(s.Extensions, x.Value)
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
	// Subprojects are the projects found in subfolders, best first.
	Subprojects []Subproject
}

// StackFiles names the files that identify a stack.
type StackFiles struct {
	Stack string
	Files []string
}

func (e *NoProjectError) Error() string {
	switch len(e.Subprojects) {
	case 0:
	case 1:
		return fmt.Sprintf("%s: no project at the top, but %s", e.Dir, e.Subprojects[0].Hint(e.Dir))
	default:
		var b strings.Builder
		fmt.Fprintf(&b, "%s: no project at the top, but in %d subfolders (best first):", e.Dir, len(e.Subprojects))
		for _, s := range e.Subprojects {
			b.WriteString("\n  " + s.Hint(e.Dir))
		}
		return b.String()
	}
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
// script, build tool, server, port and health endpoint. It reads only the
// project's own files (each stack's detector names them: go.mod, Cargo.toml,
// pom.xml, package.json, .tool-versions, ... and the sources of the main
// package or script); it runs nothing. Every value records the file it came
// from.
//
// Several stacks may be found; they are returned in the registry's priority
// order (DetectionOrder). A directory with none of them gives a
// *NoProjectError, which names the projects found in its subfolders (at
// most two levels down, see findSubprojects); so does a Detection whose
// candidates are all weak (Subprojects).
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
	for _, st := range registry {
		if c := st.detect(p); c != nil {
			d.Candidates = append(d.Candidates, c)
		}
	}
	if len(d.Candidates) == 0 {
		return nil, &NoProjectError{Dir: dir, LookedFor: StackMarkers(), Subprojects: findSubprojects(dir)}
	}
	if weakOnly(d.Candidates) {
		for _, s := range findSubprojects(dir) {
			if !s.Weak {
				d.Subprojects = append(d.Subprojects, s)
			}
		}
	}
	return d, nil
}

// StackMarkers returns, for each stack that Detect looks for, in priority
// order, the files that identify it (go.mod for go, ...).
func StackMarkers() []StackFiles {
	var out []StackFiles
	for _, st := range registry {
		if st.detected() {
			out = append(out, StackFiles{Stack: st.Name, Files: slices.Clone(st.Detector.markers)})
		}
	}
	return out
}

// DetectDefaults returns the candidate Detect would give for stack in a
// directory with nothing of that stack in it: the name from the directory,
// every other value the stack's default. It is what 'dockergen init --stack'
// starts from when the project's files are not there yet.
func DetectDefaults(dir, stack string) (*Candidate, error) {
	st := stacks[stack]
	if st == nil {
		return nil, fmt.Errorf("stack %q is not supported (allowed: %s)", stack, strings.Join(Stacks(), ", "))
	}
	dirName := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		dirName = filepath.Base(abs)
	}
	p := &project{fsys: os.DirFS(dir), dirName: dirName, cache: map[string][]byte{}}
	c := st.fill(p)
	note := fmt.Sprintf("none of %s found: starting from %s's defaults", strings.Join(st.Detector.markers, ", "), stack)
	if !st.detected() {
		note = fmt.Sprintf("%s is never detected: starting from its defaults", stack)
	}
	c.Notes = append([]string{note}, c.Notes...)
	return c, nil
}

// detector is what Detect knows about one stack (the stack's Detector): the
// files that identify it and, for each value, the places to read it from in
// order (the first that gives a value wins).
type detector struct {
	markers []string
	name    []finder
	version []finder
	// mains returns every main package or script found, best first.
	mains func(p *project, c *Candidate) []Detected
	// sources are the files scanned for the port and health hints.
	sources func(p *project, c *Candidate) []string
	ports   []*regexp.Regexp
	health  []*regexp.Regexp
	// healthFlag is true when the health hint is a flag of the binary (go,
	// rust) rather than an HTTP path.
	healthFlag bool
	// port, when set, finds the port itself (c.Port, and c.Env, c.Args or
	// c.Notes to move the app off a privileged port or loopback) and
	// reports whether it did; otherwise, or when it did not, ports are
	// scanned in sources.
	port func(p *project, c *Candidate) bool
	// notes adds what the user should know (missing lock files, ...).
	notes func(p *project, c *Candidate)
	// declines, when set, reports that a project with the stack's markers
	// is not the stack's after all (a single-page app's package.json
	// belongs to its build, not to a Node.js server): the stack is then
	// not a candidate.
	declines func(p *project) bool
	// weak is true when the stack's markers are often part of another
	// project (an index.html, a docs/ site's config): a directory where
	// only weak stacks are found is searched for projects in subfolders.
	weak bool
}

// finder reads one value from a project, reporting whether it found one.
type finder func(p *project) (Detected, bool)

func (st *stack) detect(p *project) *Candidate {
	evidence := st.evidence(p)
	if evidence == nil {
		return nil
	}
	c := st.fill(p)
	c.Evidence = evidence
	return c
}

// fill reads every value it can; those it cannot are the stack's defaults.
func (st *stack) fill(p *project) *Candidate {
	det := st.Detector
	c := &Candidate{Stack: st.Name}
	c.Name = first(p, det.name, Detected{Value: "app"})
	if !c.Name.Found() {
		if n := sanitizeName(p.dirName); n != "" {
			c.Name = Detected{Value: n, From: "directory name"}
		}
	}
	c.Version = Detected{Value: st.defaultVersion(st.DefaultBase, "")}
	for _, f := range det.version {
		if v, ok := f(p); ok && st.Runtime != "" {
			if r, ok := st.resolveVersion(v); ok {
				c.Version = r
				break
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%s: %q is not a %s version dockergen can use (%s); ignored", v.From, v.Value, st.Name, st.VersionHelp))
		} else if ok {
			if st.checkVersion(v.Value) == "" {
				c.Version = v
				break
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%s: %q is not a %s version dockergen can use (%s); ignored", v.From, v.Value, st.Name, st.VersionHelp))
		}
	}
	c.Mains = det.mains(p, c)
	c.Main = Detected{Value: st.DefaultMain}
	if len(c.Mains) > 0 {
		c.Main = c.Mains[0]
	}
	c.Port = Detected{Value: strconv.Itoa(DefaultPort)}
	srcs := det.sources(p, c)
	if det.port != nil && det.port(p, c) {
		// The stack's own port finder decided.
	} else if m, ok := p.scan(srcs, det.ports); ok {
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

// isDir reports whether name is a directory of the project.
func isDir(p *project, name string) bool {
	st, err := fs.Stat(p.fsys, name)
	return err == nil && st.IsDir()
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

// unprivileged records the port the app listens on. An app on a privileged
// port (below 1024), which the container's user cannot bind, is moved to
// DefaultPort through its own setting, the environment variable env, when
// it has one; otherwise the port stays DefaultPort with a note saying what
// to change.
func (c *Candidate) unprivileged(port Detected, env string) {
	n, err := strconv.Atoi(port.Value)
	switch {
	case err != nil || n < 1 || n > 65535:
		c.Notes = append(c.Notes, fmt.Sprintf("%s: %q is not a TCP port; using %d", port.From, port.Value, DefaultPort))
	case n >= 1024:
		c.Port = port
	case env != "":
		c.Port = Detected{Value: strconv.Itoa(DefaultPort), From: port.From, Reason: fmt.Sprintf("port %d is privileged: %s=%d moves the app to %d", n, env, DefaultPort, DefaultPort)}
		c.setEnv(env, strconv.Itoa(DefaultPort), port.From, fmt.Sprintf("the app listens on privileged port %d, which the non-root user cannot bind", n))
	default:
		c.Notes = append(c.Notes, fmt.Sprintf("%s: the app listens on port %d, which needs a capability the container does not have; using %d (make the app listen on 1024 or above)", port.From, n, DefaultPort))
	}
}

// setEnv adds or replaces an environment variable the image sets.
func (c *Candidate) setEnv(name, value, from, reason string) {
	for i := range c.Env {
		if c.Env[i].Name == name {
			c.Env[i] = Setting{Name: name, Value: value, From: from, Reason: reason}
			return
		}
	}
	c.Env = append(c.Env, Setting{Name: name, Value: value, From: from, Reason: reason})
}
