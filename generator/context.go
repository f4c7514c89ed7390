package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// Project is what CheckContext knows of the project on disk.
type Project struct {
	// Context is the build context directory.
	Context fs.FS
	// ContextName names it in messages (for example "." or "..").
	ContextName string
	// SpecFile and SpecData are the spec's file name, as in its messages,
	// and its text, to place a problem at a field's line.
	SpecFile string
	SpecData []byte
}

// CheckContext is the safety net run before the files of a spec are written:
// every file the generated Dockerfile copies from the build context (not from
// another stage) must be there and not excluded by the generated
// .dockerignore, and so must main, unless the build writes it. It returns a
// *SpecError for the first problem it is sure of (a missing lockfile says
// how to create it), and warnings for what it cannot be sure of: a main
// that only build.command could write, a prebuilt binary not built yet.
//
// A missing lockfile is always refused rather than installed without one:
// every dependency step dockergen writes is frozen (npm ci, pnpm
// --frozen-lockfile, yarn --immutable, poetry, uv --locked, BUNDLE_FROZEN,
// composer install, cargo --locked), which is what makes the image
// reproducible; the stack's DepFiles say which files and how to create them.
//
// Last, the port: the stack's detection is run again on the context, and a
// port it read from the code that none of the spec's ports is (and no
// setting of the spec moves the app to) is a warning naming where the code
// binds it. It is never an error: a port read by a pattern from source code
// is a hint, not a certainty (a flag, a config file or the environment may
// set another at run time). So are the other warnings read from the code: a
// bind to loopback only, a healthcheck probing / where the app serves no
// page, a dependency asked by dist-tag without build.pinTags.
func CheckContext(spec *Spec, files Files, opts Options, p Project) (warnings []string, err error) {
	st := stacks[spec.Stack]
	if st == nil {
		return nil, nil
	}
	df, ok := files["Dockerfile"]
	if !ok {
		return nil, nil
	}
	ignore, err := ignoreMatcher(files[".dockerignore"])
	if err != nil {
		return nil, err
	}
	srcs, err := contextSources(df)
	if err != nil {
		return nil, bugf("Dockerfile", err)
	}
	// The files generated beside the Dockerfile (nginx.conf, php.ini) are
	// in the context once written.
	generated := map[string]bool{}
	outDir := path.Clean(opts.OutDir)
	for name := range files {
		generated[path.Join(outDir, name)] = true
	}
	deps := map[string]DepFile{}
	if st.DepFiles != nil {
		for _, d := range st.DepFiles(spec) {
			deps[path.Clean(d.Name)] = d
		}
	}
	for _, d := range assetsDepFiles(spec) {
		deps[path.Clean(d.Name)] = d
	}
	mainSrc := spec.Main
	if st.MainSource != nil {
		mainSrc = st.MainSource(spec)
	}
	mainSrc = path.Clean(mainSrc)
	c := &ctxCheck{p: p, ignore: ignore, df: df}
	for _, cp := range srcs {
		for _, src := range cp.srcs {
			src = path.Clean(strings.TrimPrefix(src, "/"))
			if generated[src] {
				continue
			}
			if strings.ContainsAny(src, "*?[") {
				// BuildKit's COPY allows a wildcard that matches nothing
				// (the templates rely on it for optional files such as
				// go.sum*): nothing to check.
				continue
			}
			if c.present(src) {
				continue
			}
			if d, ok := deps[src]; ok {
				field := "stack"
				if len(st.Tools) > 0 {
					field = "build.tool"
				}
				if d.Field != "" {
					field = d.Field
				}
				step := toolName(spec) + "'s dependency step"
				if d.Step != "" {
					step = d.Step
				}
				what := fmt.Sprintf("%s copies %s, which is not in the build context %s%s", step, src, p.ContextName, c.why(src))
				if d.Create != "" {
					what += fmt.Sprintf(" (create it with '%s', then commit it)", d.Create)
				}
				return warnings, c.errAt(field, "%s", what)
			}
			if src == mainSrc && st.MainPrebuilt {
				warnings = append(warnings, fmt.Sprintf("%s: main %q is not in the build context %s yet; build it before docker build%s", p.SpecFile, spec.Main, p.ContextName, c.why(src)))
				continue
			}
			if src == mainSrc {
				return warnings, c.errAt("main", "%q is not in the build context %s%s", spec.Main, p.ContextName, c.why(src))
			}
			for i, f := range spec.Files {
				if path.Clean(f) == src {
					return warnings, c.errAt(fmt.Sprintf("files[%d]", i), "%q is not in the build context %s%s", f, p.ContextName, c.why(src))
				}
			}
			return warnings, c.errAt("context", "the Dockerfile (line %d) copies %s, which is not in the build context %s%s", cp.line, src, p.ContextName, c.why(src))
		}
	}
	if mainSrc != "." && mainSrc != "" && !c.present(mainSrc) {
		switch {
		case st.MainPrebuilt:
			// Reported with its COPY above.
		case spec.Build.Output != "" && (mainSrc == path.Clean(spec.Build.Output) || strings.HasPrefix(mainSrc, path.Clean(spec.Build.Output)+"/")):
			// build.output is written by build.command: main is in it.
		case len(spec.Build.Command) > 0:
			warnings = append(warnings, fmt.Sprintf("%s: main %q is not in the build context %s; the image works only if build.command writes it", p.SpecFile, spec.Main, p.ContextName))
		default:
			return warnings, c.errAt("main", "%q is not in the build context %s%s", spec.Main, p.ContextName, c.why(mainSrc))
		}
	}
	if w := c.portWarning(spec, st); w != "" {
		warnings = append(warnings, w)
	}
	if w := c.pinTagsWarning(spec, st); w != "" {
		warnings = append(warnings, w)
	}
	if w := c.healthWarning(spec, st); w != "" {
		warnings = append(warnings, w)
	}
	if w := c.loopbackWarning(spec, st); w != "" {
		warnings = append(warnings, w)
	}
	return warnings, nil
}

// loopbackWarning says when the code, as its stack's detection reads it,
// binds a loopback address only and no setting of the app can move it
// (detection moves it where one can: HOST, ROCKET_ADDRESS, a host flag):
// the container then builds, runs and even passes its own healthcheck,
// which probes from inside, yet nothing outside reaches the app. It is a
// warning, not an error: the bind is read by a pattern from source code.
func (c *ctxCheck) loopbackWarning(spec *Spec, st *stack) string {
	if len(spec.Ports) == 0 {
		return ""
	}
	cand := c.detection(st)
	if cand == nil || !cand.Loopback.Found() {
		return ""
	}
	if spec.Main != "" && cand.Main.Value != "" && path.Clean(spec.Main) != path.Clean(cand.Main.Value) {
		return "" // another main's bind
	}
	return fmt.Sprintf("%s: the app binds %s only, so nothing outside the container will reach it on port %d: %s",
		c.inContext(cand.Loopback.From), cand.Loopback.Value, spec.Ports[0], cand.Loopback.Reason)
}

// healthWarning says when the healthcheck probes / of an app that, as its
// stack's detection reads it, does not answer there (a Symfony app without
// a root route, Rails without /up or a root route, a Java app without a
// health dependency): the container would stay unhealthy forever.
func (c *ctxCheck) healthWarning(spec *Spec, st *stack) string {
	if spec.Healthcheck.Disabled || spec.Healthcheck.Path == "" || path.Clean(spec.Healthcheck.Path) != "/" || len(spec.Healthcheck.Command) > 0 {
		return ""
	}
	cand := c.detection(st)
	if cand == nil || cand.NoHealth == "" || cand.HealthPath.Found() {
		return ""
	}
	return fmt.Sprintf("%s: the healthcheck probes /, but %s: the container would stay unhealthy (set healthcheck.path to a route that answers 200, or healthcheck.disabled: true)", c.at("healthcheck"), cand.NoHealth)
}

// pinTagsWarning says when the build runs npm ci on a package.json that
// asks for a dependency by dist-tag without build.pinTags: the build works
// until the tag moves, then npm ci refuses the lockfile.
func (c *ctxCheck) pinTagsWarning(spec *Spec, st *stack) string {
	if !st.PinTags || spec.Build.PinTags || spec.Build.Tool != "" && spec.Build.Tool != "npm" || len(st.DepFiles(spec)) == 0 || c.p.Context == nil || spec.Build.Member != "" {
		return ""
	}
	pr := &project{fsys: c.p.Context, dirName: path.Base(c.p.ContextName), cache: map[string][]byte{}}
	var cand Candidate
	npmTagPins(pr, &cand)
	if !cand.PinTags.Found() {
		return ""
	}
	return fmt.Sprintf("%s: %s asked for by dist-tag: npm ci refuses package-lock.json once a newer release is out (set build.pinTags: true to install the locked versions, or pin them in package.json)", c.inContext(cand.PinTags.From), cand.PinTags.Reason)
}

// portWarning compares the spec's ports with the port the stack's detector
// reads from the code in the context, and says when nothing would answer on
// the spec's first port. It stays silent when it cannot compare: the
// stack's files are not in the context, no port was read from the code
// (Found), or the spec builds another main than the one detection reads.
// The spec is consistent when one of its ports is the code's, or when it
// moves the app to its first port: env PORT, or a variable the detector
// names as the app's port setting, set to that port, or the port as an
// argument of the image's ENTRYPOINT or CMD (the spec's command, or a
// server the stack runs: --port 8080, --port=8080, --bind 0.0.0.0:8080).
func (c *ctxCheck) portWarning(spec *Spec, st *stack) string {
	if len(spec.Ports) == 0 {
		return ""
	}
	cand := c.detection(st)
	if cand == nil || !cand.Port.Found() {
		return ""
	}
	if spec.Main != "" && cand.Main.Value != "" && path.Clean(spec.Main) != path.Clean(cand.Main.Value) {
		return "" // the port read is another main's
	}
	code, err := strconv.Atoi(cand.Port.Value)
	if err != nil || slices.Contains(spec.Ports, code) {
		return ""
	}
	want := strconv.Itoa(spec.Ports[0])
	settings := []string{"PORT"}
	for _, e := range cand.Env {
		settings = append(settings, e.Name)
	}
	for _, name := range settings {
		if spec.Env[name] == want {
			return ""
		}
	}
	if bindsPort(c.df, want) {
		return "" // the image's own server or the spec's command sets it
	}
	where := c.inContext(cand.Port.From)
	why := ""
	if cand.Port.Reason != "" {
		why = " (" + cand.Port.Reason + ")"
	}
	return fmt.Sprintf("%s: ports: %s, but %s listens on %s%s: nothing will answer on %s (set ports to [%s], or make the app listen on %s)",
		c.at("ports"), want, where, cand.Port.Value, why, want, cand.Port.Value, want)
}

// at is the spec file and the line of field in it, when the file sets it.
func (c *ctxCheck) at(field string) string {
	if _, idx, err := decodeSpec(c.p.SpecFile, c.p.SpecData); err == nil {
		if n, ok := idx.nodes[field]; ok {
			return fmt.Sprintf("%s:%d", c.p.SpecFile, n.Line)
		}
	}
	return c.p.SpecFile
}

func toolName(s *Spec) string {
	if s.Build.Tool != "" {
		return s.Build.Tool
	}
	return s.Stack
}

type ctxCheck struct {
	p      Project
	ignore *patternmatcher.PatternMatcher
	df     []byte // the generated Dockerfile

	cand    *Candidate // the stack's detection on the context, once run
	candRun bool
}

// detection runs the stack's detection on the context once and returns its
// candidate, nil when the stack has no detector, its files are not in the
// context, or the context is unknown.
func (c *ctxCheck) detection(st *stack) *Candidate {
	if c.candRun {
		return c.cand
	}
	c.candRun = true
	if st.Detector == nil || !st.detected() || c.p.Context == nil {
		return nil
	}
	pr := &project{fsys: c.p.Context, dirName: path.Base(c.p.ContextName), cache: map[string][]byte{}}
	c.cand = st.detect(pr)
	return c.cand
}

// inContext is a place detection read (relative to the context), as the
// user names it from where generate runs.
func (c *ctxCheck) inContext(from string) string {
	if c.p.ContextName != "" && c.p.ContextName != "." {
		return path.Join(c.p.ContextName, from)
	}
	return from
}

// present reports whether the context holds name and .dockerignore keeps it.
func (c *ctxCheck) present(name string) bool {
	if name == "." {
		return true
	}
	if _, err := fs.Stat(c.p.Context, name); err != nil {
		return false
	}
	return !c.ignored(name)
}

func (c *ctxCheck) ignored(name string) bool {
	if c.ignore == nil {
		return false
	}
	ex, err := c.ignore.MatchesOrParentMatches(name)
	return err == nil && ex
}

// why adds that a file on disk is excluded by the generated .dockerignore.
func (c *ctxCheck) why(name string) string {
	if _, err := fs.Stat(c.p.Context, name); err == nil && c.ignored(name) {
		return " (it is on disk, but the generated .dockerignore excludes it)"
	}
	return ""
}

// errAt places a problem at field's line in the spec, or at the stack's
// when the file does not set the field.
func (c *ctxCheck) errAt(field, format string, args ...any) error {
	e := &SpecError{File: c.p.SpecFile, Field: field, Msg: fmt.Sprintf(format, args...)}
	if _, idx, err := decodeSpec(c.p.SpecFile, c.p.SpecData); err == nil {
		for _, f := range []string{field, "stack"} {
			if n, ok := idx.nodes[f]; ok {
				e.Line, e.Col = n.Line, n.Column
				break
			}
		}
	}
	return e
}

func ignoreMatcher(di []byte) (*patternmatcher.PatternMatcher, error) {
	if di == nil {
		return nil, nil
	}
	pats, err := ignorefile.ReadAll(bytes.NewReader(di))
	if err != nil {
		return nil, bugf(".dockerignore", err)
	}
	pm, err := patternmatcher.New(pats)
	if err != nil {
		return nil, bugf(".dockerignore", err)
	}
	return pm, nil
}

// bindsPort reports whether the final stage's ENTRYPOINT or CMD of a
// Dockerfile passes port as an argument: a word that is the port or ends in
// ":port" or "=port".
func bindsPort(df []byte, port string) bool {
	ast, err := parser.Parse(bytes.NewReader(df))
	if err != nil {
		return false
	}
	stages, _, err := instructions.Parse(ast.AST, nil)
	if err != nil || len(stages) == 0 {
		return false
	}
	for _, cmd := range stages[len(stages)-1].Commands {
		var words []string
		switch c := cmd.(type) {
		case *instructions.EntrypointCommand:
			words = c.CmdLine
		case *instructions.CmdCommand:
			words = c.CmdLine
		default:
			continue
		}
		for _, w := range words {
			for _, f := range strings.Fields(w) { // a shell form is one string
				if f == port || strings.HasSuffix(f, ":"+port) || strings.HasSuffix(f, "="+port) {
					return true
				}
			}
		}
	}
	return false
}

// contextCopy is one COPY that reads the build context.
type contextCopy struct {
	line int
	srcs []string
}

// contextSources returns the COPY (and ADD) instructions of a Dockerfile
// that read the build context: not --from another stage or image.
func contextSources(df []byte) ([]contextCopy, error) {
	ast, err := parser.Parse(bytes.NewReader(df))
	if err != nil {
		return nil, err
	}
	stages, _, err := instructions.Parse(ast.AST, nil)
	if err != nil {
		return nil, err
	}
	var out []contextCopy
	for _, st := range stages {
		for _, cmd := range st.Commands {
			var sp instructions.SourcesAndDest
			switch c := cmd.(type) {
			case *instructions.CopyCommand:
				if c.From != "" {
					continue
				}
				sp = c.SourcesAndDest
			case *instructions.AddCommand:
				sp = c.SourcesAndDest
			default:
				continue
			}
			if len(sp.SourceContents) > 0 {
				continue // a heredoc
			}
			out = append(out, contextCopy{line: cmd.Location()[0].Start.Line, srcs: sp.SourcePaths})
		}
	}
	return out, nil
}
