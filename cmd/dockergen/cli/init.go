package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/dockergen/dockergen/generator"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// specName is the spec file init writes in the project directory.
const specName = "dockergen.yaml"

type initOptions struct {
	yes, force, dryRun bool
	stack, name        string
	version, base      string
	main               string
	tool, server       string
	ports              []int
	healthPath         string
	healthCmd          string
	noHealth           bool
	writable           []string
	memory, cpus       string
	pids               int
	packages           []string
	secrets            []string
	schema             string

	// prompter asks the questions; nil means survey on the env's terminal.
	prompter prompter
}

func newInitCmd(e *env) *cobra.Command { return newInitCmdWith(e, &initOptions{}) }

func newInitCmdWith(e *env, o *initOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Detect a project and write its spec and container files, asking what it cannot detect",
		Long: `init reads the project in DIR (default: the current directory), shows what it
detected and where from, asks only what it cannot know (each question pre-filled
with the detected or safest value), then writes dockergen.yaml and the container
files beside it. It lists the files first; a file that exists and differs is
shown as a diff and is only replaced after an explicit yes, or with --force.
Ctrl-C at any question leaves the directory untouched.

Detection reads the project's own files (see 'dockergen detect --help'): go.mod,
Cargo.toml, pom.xml, build.gradle(.kts), *.csproj, Gemfile, composer.json,
pyproject.toml, requirements.txt, package.json and its lockfiles, index.html,
version files (.nvmrc, .python-version, .ruby-version, .tool-versions, ...), plus
the sources for the port and a health endpoint. When several stacks are found,
the first in the order go, rust, java-maven, java-gradle, dotnet, ruby, php,
python, node, static is the default (a package.json beside another stack is
usually front-end tooling); the wizard asks, --stack chooses.

--yes takes every default without asking and needs no terminal; every question
has a flag that sets its answer (and, without --yes, skips the question). Flag
values are checked like a spec's fields: a bad one is an error, exit 2.`,
		Example: `  dockergen init                          # ask, in the current directory
  dockergen init --yes ./app              # no questions: detected values and defaults
  dockergen init --yes --base alpine --port 9090 --memory 512m
  dockergen init --yes --stack python --version 3.11 --base distroless
  dockergen init --yes --dry-run          # show what would be written, write nothing`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return asExit(runInit(e, o, dir, cmd.Flags().Changed))
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&o.yes, "yes", "y", false, "ask nothing: take every detected value and default (no terminal needed)")
	f.BoolVar(&o.force, "force", false, "overwrite existing files that differ without asking")
	f.BoolVar(&o.dryRun, "dry-run", false, "show the files and differences, write nothing")
	f.StringVar(&o.stack, "stack", "", "the stack ("+strings.Join(generator.Stacks(), ", ")+"); default: the detected one")
	f.StringVar(&o.name, "name", "", "the image and container name; default: the project's name")
	f.StringVar(&o.version, "version", "", "the language version (1.26, 22, 3.12); default: the detected one")
	f.StringVar(&o.base, "base", "", "the runtime base (alpine, slim, distroless, scratch); default: the stack's")
	f.StringVar(&o.main, "main", "", "the main package (go) or script (node, python)")
	f.StringVar(&o.tool, "tool", "", "the package manager or build tool, for stacks with a choice (node npm|yarn|pnpm, python pip|poetry|uv, java mvnw|gradlew...); default: the detected one")
	f.StringVar(&o.server, "server", "", "the application server, for stacks with a choice (python gunicorn|uvicorn, php apache|fpm); default: the detected one")
	f.IntSliceVar(&o.ports, "port", nil, "a port the app listens on (repeat for several)")
	f.StringVar(&o.healthPath, "healthcheck-path", "", "the HTTP path the healthcheck probes (node, python)")
	f.StringVar(&o.healthCmd, "healthcheck-cmd", "", "the healthcheck command, words separated by spaces (for example '/app/server -healthcheck')")
	f.BoolVar(&o.noHealth, "no-healthcheck", false, "no healthcheck (HEALTHCHECK NONE)")
	f.StringSliceVar(&o.writable, "writable", nil, "a path the app writes to, as a tmpfs (repeat for several; none for no path)")
	f.StringVar(&o.memory, "memory", "", "the memory limit (for example 256m)")
	f.StringVar(&o.cpus, "cpus", "", "the CPU limit (for example 0.5)")
	f.IntVar(&o.pids, "pids", 0, "the process and thread limit")
	f.StringSliceVar(&o.packages, "package", nil, "an extra OS package on slim or alpine (repeat for several)")
	f.StringArrayVar(&o.secrets, "secret", nil, "a build secret for the dependency step: id=ID,target=PATH[,src=FILE] (repeat for several)")
	f.StringVar(&o.schema, "schema", generator.SchemaURL, "the JSON Schema named on the spec's first line, for editors (a URL or a path)")
	return cmd
}

// flagFields maps each question's flag to the spec fields it sets, so that a
// bad flag value is reported before any question. (Packages on the default
// base are left to the base question, which then offers only bases with a
// package manager.)
var flagFields = map[string][]string{
	"name":             {"name"},
	"version":          {"version"},
	"base":             {"base", "packages"},
	"main":             {"main"},
	"tool":             {"build.tool"},
	"server":           {"server"},
	"port":             {"ports"},
	"healthcheck-path": {"healthcheck"},
	"healthcheck-cmd":  {"healthcheck"},
	"no-healthcheck":   {"healthcheck"},
	"writable":         {"writable"},
	"memory":           {"resources.memory"},
	"cpus":             {"resources.cpus"},
	"pids":             {"resources.pids"},
	"package":          {"packages"},
	"secret":           {"build.secrets"},
}

func runInit(e *env, o *initOptions, dir string, changed func(string) bool) error {
	if o.schema == "" || strings.ContainsFunc(o.schema, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return usageErr(fmt.Errorf("--schema %q: want a URL or a path, without spaces", o.schema))
	}
	det, cand, err := o.detect(dir, changed("stack"))
	if err != nil {
		return err
	}
	spec := cand.Spec()
	if err := o.applyFlags(spec, changed); err != nil {
		return usageErr(err)
	}
	syncHealthFlag(spec, cand, changed)
	// Flags are checked before any question, like the fields of a spec.
	if err := checkFlags(spec, changed, o.yes); err != nil {
		return usageErr(err)
	}
	if !o.yes && !e.isTerminal() {
		return usageErr(errors.New("init needs a terminal to ask questions; use --yes to take every default, or write a spec and run 'dockergen generate -f dockergen.yaml'"))
	}
	printDetection(e.stdout, det, cand, o.yes)

	p := o.prompter
	if !o.yes {
		fmt.Fprintln(e.stdout)
		if p == nil {
			if p, err = newSurveyPrompter(e.stdin, e.stdout, e.stderr); err != nil {
				return usageErr(err)
			}
		}
		w := &wizard{p: p, det: det, cand: cand, changed: changed, o: o}
		if spec, err = w.run(); err != nil {
			if errors.Is(err, errInterrupted) {
				return &exitError{code: 130, err: errors.New("interrupted: nothing was written")}
			}
			return err
		}
		cand = w.cand
	}
	spec.Defaults()
	if len(spec.Packages) == 0 {
		spec.Packages = nil // "none": no list at all (an empty writable list, though, is not the default)
	}
	if errs := spec.Validate(); len(errs) > 0 {
		return usageErr(errs[0])
	}

	files, err := initFiles(dir, spec, cand, o.schema)
	if err != nil {
		return err
	}
	plan, err := planFiles(dir, files)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	plan.print(e.stdout, dir)
	if o.dryRun {
		fmt.Fprintln(e.stdout, "dry run: nothing was written")
		return nil
	}
	force := o.force
	switch {
	case len(plan.create) == 0 && len(plan.overwrite) == 0:
		fmt.Fprintln(e.stdout, "every file is current: nothing to write")
		printNext(e.stdout, dir, spec)
		return nil
	case len(plan.overwrite) > 0 && !o.force && o.yes:
		return failErr(fmt.Errorf("would overwrite %s; nothing was written (use --force to overwrite)", strings.Join(plan.overwrite, ", ")))
	case !o.yes:
		msg, def := writeQuestion(plan, o.force)
		ok, err := p.Confirm(msg, def, "Nothing is written until you answer yes. --force overwrites without asking; --dry-run only shows the differences.")
		if errors.Is(err, errInterrupted) {
			return &exitError{code: 130, err: errors.New("interrupted: nothing was written")}
		} else if err != nil {
			return err
		}
		if !ok {
			return failErr(errors.New("nothing was written"))
		}
		force = true
	}
	res, err := writeFiles(dir, files, force)
	if err != nil {
		return err
	}
	res.report(e.stdout, dir)
	printNext(e.stdout, dir, spec)
	return nil
}

// writeQuestion is the last question: an overwrite needs an explicit yes
// (Enter says no) unless --force was given.
func writeQuestion(plan *filePlan, force bool) (string, bool) {
	c, o := len(plan.create), len(plan.overwrite)
	switch {
	case o > 0 && !force && c > 0:
		return fmt.Sprintf("Overwrite %d existing file(s) that differ (shown above) and create %d?", o, c), false
	case o > 0 && !force:
		return fmt.Sprintf("Overwrite %d existing file(s) that differ (shown above)?", o), false
	case o > 0:
		return fmt.Sprintf("Create %d and overwrite %d files?", c, o), true
	}
	return fmt.Sprintf("Create these %d files?", c), true
}

// detect finds the candidate to start from: the detected stack, or the one
// named by --stack (from its defaults when its files are not there).
func (o *initOptions) detect(dir string, stackSet bool) (*generator.Detection, *generator.Candidate, error) {
	if stackSet && generator.BasesFor(o.stack) == nil {
		return nil, nil, usageErr(fmt.Errorf("stack: %q is not supported (allowed: %s)", o.stack, strings.Join(generator.Stacks(), ", ")))
	}
	det, err := generator.Detect(dir)
	switch {
	case err == nil:
	case generator.IsNoProject(err) && stackSet:
		det = &generator.Detection{Dir: dir}
	case generator.IsNoProject(err):
		return nil, nil, usageErr(fmt.Errorf("%w (name a stack with --stack to start from its defaults)", err))
	default:
		return nil, nil, usageErr(err)
	}
	if !stackSet {
		return det, det.Best(), nil
	}
	if c := det.For(o.stack); c != nil {
		return det, c, nil
	}
	c, err := generator.DetectDefaults(dir, o.stack)
	if err != nil {
		return nil, nil, usageErr(err)
	}
	det.Candidates = append([]*generator.Candidate{c}, det.Candidates...)
	return det, c, nil
}

// applyFlags sets the fields of the flags that were given.
func (o *initOptions) applyFlags(s *generator.Spec, changed func(string) bool) error {
	if changed("name") {
		s.Name = o.name
	}
	if changed("version") {
		s.Version = o.version
	}
	if changed("base") {
		s.Base = o.base
	}
	if changed("main") {
		s.Main = o.main
	}
	if changed("tool") {
		s.Build.Tool = o.tool
	}
	if changed("server") {
		s.Server = o.server
	}
	if changed("port") {
		s.Ports = o.ports
	}
	var hc []string
	for _, f := range []string{"healthcheck-path", "healthcheck-cmd", "no-healthcheck"} {
		if changed(f) {
			hc = append(hc, "--"+f)
		}
	}
	if len(hc) > 1 {
		return fmt.Errorf("%s cannot be used together", strings.Join(hc, " and "))
	}
	switch {
	case changed("healthcheck-path"):
		s.Healthcheck = generator.Healthcheck{Path: o.healthPath}
	case changed("healthcheck-cmd"):
		s.Healthcheck = generator.Healthcheck{Command: strings.Fields(o.healthCmd)}
		if len(s.Healthcheck.Command) == 0 {
			return errors.New("--healthcheck-cmd is empty (use --no-healthcheck for none)")
		}
	case changed("no-healthcheck") && o.noHealth:
		s.Healthcheck = generator.Healthcheck{Disabled: true}
	}
	if changed("writable") {
		s.Writable = noneList(o.writable)
	}
	if changed("memory") {
		s.Resources.Memory = o.memory
	}
	if changed("cpus") {
		s.Resources.CPUs = o.cpus
	}
	if changed("pids") {
		s.Resources.Pids = o.pids
		if o.pids == 0 {
			s.Resources.Pids = -1 // 0 would mean the default: refuse it instead
		}
	}
	if changed("package") {
		s.Packages = noneList(o.packages)
	}
	if changed("secret") {
		s.Build.Secrets = nil
		for _, raw := range o.secrets {
			sec, err := parseSecret(raw)
			if err != nil {
				return err
			}
			s.Build.Secrets = append(s.Build.Secrets, sec)
		}
	}
	return nil
}

// noneList cleans a list given on the command line or in an answer: empty
// items are dropped, and "none" alone means an empty (not default) list.
func noneList(items []string) []string {
	out := []string{}
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	if len(out) == 1 && out[0] == "none" {
		return []string{}
	}
	return out
}

func parseSecret(raw string) (generator.Secret, error) {
	var sec generator.Secret
	for _, kv := range strings.Split(raw, ",") {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok:
			return sec, fmt.Errorf("--secret %q: %q is not key=value (want id=ID,target=PATH[,src=FILE])", raw, kv)
		case k == "id":
			sec.ID = v
		case k == "target":
			sec.Target = v
		case k == "src":
			sec.Src = v
		default:
			return sec, fmt.Errorf("--secret %q: unknown key %q (want id=ID,target=PATH[,src=FILE])", raw, k)
		}
	}
	return sec, nil
}

// checkFlags validates the spec as the flags left it. With --yes every
// problem is an error, since nothing will be asked; otherwise only those of
// fields that a flag set, since the questions fix the others.
func checkFlags(s *generator.Spec, changed func(string) bool, all bool) error {
	trial := *s
	trial.Defaults()
	for _, fe := range trial.Validate() {
		if all {
			return fe
		}
		if fe.Field == "packages" && !changed("base") {
			continue // packages on a base without a package manager: the base question offers only those with one
		}
		for flag, fields := range flagFields {
			if changed(flag) && slices.ContainsFunc(fields, func(f string) bool { return fieldIn(fe.Field, f) }) {
				return fe
			}
		}
	}
	return nil
}

// fieldIn reports whether a field path is f or inside it ("ports[1]" is in
// "ports", "resources.cpus" in "resources").
func fieldIn(field, f string) bool {
	return field == f || strings.HasPrefix(field, f+".") || strings.HasPrefix(field, f+"[")
}

func stackTitle(s string) string { return generator.StackTitle(s) }

// printDetection shows what was found and where, before any question.
func printDetection(w io.Writer, det *generator.Detection, c *generator.Candidate, yes bool) {
	from := "from defaults"
	if len(c.Evidence) > 0 {
		from = strings.Join(c.Evidence, ", ")
	}
	fmt.Fprintf(w, "Detected a %s project in %s (%s):\n", stackTitle(c.Stack), det.Dir, from)
	rows := []struct {
		k string
		d generator.Detected
	}{{"name", c.Name}, {"version", c.Version}, {"tool", c.Tool}, {"server", c.Server}, {"main", c.Main}, {"port", c.Port}, {"health", c.HealthPath}, {"health", flagValue(c.HealthFlag)},
		{"build", generator.Detected{Value: strings.Join(c.BuildCommand, " "), From: c.BuildFrom}}, {"output", c.Output}}
	for _, r := range rows {
		if r.d.Value == "" {
			continue
		}
		fmt.Fprintf(w, "  %-8s %-20s %s\n", r.k, r.d.Value, r.d.Source())
	}
	for _, n := range c.Notes {
		fmt.Fprintf(w, "  ! %s\n", n)
	}
	if len(det.Candidates) > 1 {
		var others []string
		for _, o := range det.Candidates {
			if o != c {
				others = append(others, fmt.Sprintf("%s (%s)", o.Stack, strings.Join(o.Evidence, ", ")))
			}
		}
		how := "the next question chooses"
		if yes {
			how = "use --stack to choose another"
		}
		fmt.Fprintf(w, "  also found: %s; %s\n", strings.Join(others, ", "), how)
	}
}

// wizard asks the questions, each pre-filled with the detected or safest
// value, and skips those a flag answered. The first error (an interrupt)
// ends it: every later question is skipped and the error returned.
type wizard struct {
	p       prompter
	det     *generator.Detection
	cand    *generator.Candidate
	changed func(string) bool
	o       *initOptions
	s       *generator.Spec
	err     error
}

// ask reports whether a question is to be asked: no flag answered it and
// nothing went wrong before.
func (w *wizard) ask(flags ...string) bool {
	if w.err != nil {
		return false
	}
	for _, f := range flags {
		if w.changed(f) {
			return false
		}
	}
	return true
}

// input asks for a field; the answer is checked by set and then by the
// spec's own validation of field, and set on the spec.
func (w *wizard) input(msg, def, help, field string, set func(*generator.Spec, string) error) {
	if w.err != nil {
		return
	}
	var ans string
	if ans, w.err = w.p.Input(msg, def, help, validator(w.s, field, set)); w.err == nil {
		w.err = set(w.s, ans)
	}
}

func (w *wizard) selectOne(msg string, choices []choice, def, help string) string {
	if w.err != nil {
		return def
	}
	var ans string
	ans, w.err = w.p.Select(msg, choices, def, help)
	return ans
}

func (w *wizard) confirm(msg string, def bool, help string) bool {
	if w.err != nil {
		return def
	}
	var ans bool
	ans, w.err = w.p.Confirm(msg, def, help)
	return ans
}

func (w *wizard) run() (*generator.Spec, error) {
	// The stack, when the directory holds several.
	if w.ask("stack") && len(w.det.Candidates) > 1 {
		var choices []choice
		for _, c := range w.det.Candidates {
			choices = append(choices, choice{c.Stack, "found " + strings.Join(c.Evidence, ", ")})
		}
		st := w.selectOne("Stack:", choices, w.cand.Stack, "Several stacks were found; the order is "+generator.DetectionOrder()+" (a package.json beside another stack is usually front-end tooling). The container runs one of them.")
		if w.err != nil {
			return nil, w.err
		}
		w.cand = w.det.For(st)
	}
	c := w.cand
	w.s = c.Spec()
	s := w.s
	if err := w.o.applyFlags(s, w.changed); err != nil {
		return nil, usageErr(err)
	}
	syncHealthFlag(s, c, w.changed)
	if w.ask("name") {
		w.input("Image and container name:", s.Name, "Lower case letters and digits joined by - or _, 2 to 64 characters. It names the image (NAME:local) and the container.", "name",
			func(s *generator.Spec, v string) error { s.Name = strings.TrimSpace(v); return nil })
		syncHealthFlag(s, c, w.changed)
	}
	if w.ask("version") {
		w.input(stackTitle(s.Stack)+" version:", defaultsOf(s).Version, generator.VersionHelp(s.Stack)+" (detected: "+c.Version.Source()+"). The builder and runtime images are tagged with it.", "version",
			func(s *generator.Spec, v string) error { s.Version = strings.TrimSpace(v); return nil })
	}
	if w.ask("base") {
		choices, help := baseChoices(s)
		if len(choices) == 0 {
			return nil, usageErr(fmt.Errorf("base: no base fits (%s)", help))
		}
		def := defaultsOf(s).Base
		if !slices.ContainsFunc(choices, func(c choice) bool { return c.value == def }) {
			def = choices[0].value
		}
		s.Base = w.selectOne("Runtime base:", choices, def, help)
	}
	if tools := generator.ToolsFor(s.Stack); w.ask("tool") && len(tools) > 1 {
		var choices []choice
		for _, t := range tools {
			why := generator.ChoiceHelp(t)
			if c.Tool.Found() && c.Tool.Value == t {
				why += "; found in " + c.Tool.Source()
			}
			choices = append(choices, choice{t, why})
		}
		s.Build.Tool = w.selectOne("Build tool:", choices, defaultsOf(s).Build.Tool, "The package manager or build tool the builder stage runs (detected: "+c.Tool.Source()+"). It installs from the lockfile only.")
	}
	if servers := generator.ServersFor(s.Stack); w.ask("server") && len(servers) > 1 {
		var choices []choice
		for _, v := range servers {
			why := generator.ChoiceHelp(v)
			if c.Server.Found() && c.Server.Value == v {
				why += "; found in " + c.Server.Source()
			}
			choices = append(choices, choice{v, why})
		}
		s.Server = w.selectOne("Server:", choices, defaultsOf(s).Server, "What runs the app in the container (detected: "+c.Server.Source()+").")
	}
	if w.ask("main") {
		msg := "Script to run:"
		switch s.Stack {
		case "go":
			msg = "Main package:"
		case "node", "python", "ruby":
		default:
			msg = "What to run (main):"
		}
		help := "What the container runs: " + generator.MainHelp(s.Stack) + "."
		if len(c.Mains) > 1 {
			var choices []choice
			for _, m := range c.Mains {
				choices = append(choices, choice{m.Value, "found in " + m.Source()})
			}
			s.Main = w.selectOne(msg, choices, defaultsOf(s).Main, help)
		} else {
			w.input(msg, defaultsOf(s).Main, help, "main", func(s *generator.Spec, v string) error { s.Main = strings.TrimSpace(v); return nil })
		}
	}
	if w.ask("port") {
		w.input("Port(s) the app listens on:", joinInts(defaultsOf(s).Ports), "TCP ports, separated by commas or spaces, 1024-65535 (no capability is needed). They are published on 127.0.0.1 only.", "ports",
			func(s *generator.Spec, v string) error {
				ports, err := parsePorts(v)
				s.Ports = ports
				return err
			})
	}
	if w.ask("healthcheck-path", "healthcheck-cmd", "no-healthcheck") {
		w.askHealth()
	}
	if w.ask("writable") {
		w.input("Writable paths (none for a fully read-only root):", strings.Join(defaultsOf(s).Writable, ", "), "The root filesystem is read-only; each path listed becomes a small tmpfs (noexec, nosuid, nodev) owned by the app's user. Separate with commas or spaces.", "writable",
			func(s *generator.Spec, v string) error { s.Writable = noneList(splitList(v)); return nil })
	}
	if w.ask() && (!w.changed("memory") || !w.changed("cpus") || !w.changed("pids")) {
		d := defaultsOf(s).Resources
		keep := w.confirm(fmt.Sprintf("Keep the limits of %s memory, %s CPU(s) and %d processes?", d.Memory, d.CPUs, d.Pids), true, "The container's memory (swap included), CPU and process limits. Say no to change them.")
		if !keep && w.ask("memory") {
			w.input("Memory limit:", d.Memory, "A size with b, k, m or g, at least 6m (for example 512m).", "resources.memory",
				func(s *generator.Spec, v string) error { s.Resources.Memory = strings.TrimSpace(v); return nil })
		}
		if !keep && w.ask("cpus") {
			w.input("CPU limit:", d.CPUs, "A number of CPUs, at least 0.01 (for example 0.5 or 2).", "resources.cpus",
				func(s *generator.Spec, v string) error { s.Resources.CPUs = strings.TrimSpace(v); return nil })
		}
		if !keep && w.ask("pids") {
			w.input("Process limit:", strconv.Itoa(d.Pids), "The most processes and threads the container may run.", "resources.pids",
				func(s *generator.Spec, v string) error {
					n, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil {
						return fmt.Errorf("resources.pids: %q is not a whole number", strings.TrimSpace(v))
					}
					s.Resources.Pids = n
					if n == 0 {
						s.Resources.Pids = -1 // 0 would mean the default
					}
					return nil
				})
		}
	}
	if w.ask("package") && hasPackageManager(s) {
		tool := "apt"
		if defaultsOf(s).Base == generator.BaseAlpine {
			tool = "apk"
		}
		def := strings.Join(s.Packages, " ")
		if def == "" {
			def = "none"
		}
		w.input("Extra OS packages (none for none):", def, "Installed in the runtime image with "+tool+"; separate with spaces or commas. Every package is more to patch: add only what the app runs.", "packages",
			func(s *generator.Spec, v string) error { s.Packages = noneList(splitList(v)); return nil })
	}
	if w.ask("secret") {
		w.askSecret()
	}
	if w.err != nil {
		return nil, w.err
	}
	return s, nil
}

// syncHealthFlag keeps a detected self-probe command in step with the name:
// the binary is /app/NAME.
func syncHealthFlag(s *generator.Spec, c *generator.Candidate, changed func(string) bool) {
	if c.HealthFlag.Found() && !changed("healthcheck-cmd") && !changed("no-healthcheck") && !changed("healthcheck-path") {
		s.Healthcheck = generator.Healthcheck{Command: []string{path.Join(generator.DefaultWorkdir, s.Name), c.HealthFlag.Value}}
	}
}

// askHealth asks for the healthcheck: an HTTP path where the image can probe
// one, otherwise a command of the app's own binary.
func (w *wizard) askHealth() {
	s := w.s
	if hasHTTPProbe(s) {
		def := defaultsOf(s).Healthcheck.Path
		if s.Healthcheck.Disabled {
			def = "none"
		}
		w.input("Healthcheck path (none for no healthcheck):", def, "An HTTP path on the first port that answers 2xx when the app is healthy; the runtime's own HTTP client probes it (detected: "+w.cand.HealthPath.Source()+").", "healthcheck",
			func(s *generator.Spec, v string) error {
				if v = strings.TrimSpace(v); v == "none" {
					s.Healthcheck = generator.Healthcheck{Disabled: true}
				} else {
					s.Healthcheck = generator.Healthcheck{Path: v}
				}
				return nil
			})
		return
	}
	def := strings.Join(s.Healthcheck.Command, " ")
	if def == "" {
		def = "none"
	}
	help := fmt.Sprintf("Distroless and scratch images have no shell and no HTTP client, so the app's binary must probe itself: give it a flag such as -healthcheck that fetches its own health endpoint and exits 0 or 1, and enter '%s -healthcheck'. Words are separated by spaces.", path.Join(generator.DefaultWorkdir, s.Name))
	w.input("Healthcheck command (none for no healthcheck):", def, help, "healthcheck",
		func(s *generator.Spec, v string) error {
			words := strings.Fields(v)
			if len(words) == 0 || len(words) == 1 && words[0] == "none" {
				s.Healthcheck = generator.Healthcheck{Disabled: true}
			} else {
				s.Healthcheck = generator.Healthcheck{Command: words}
			}
			return nil
		})
}

func (w *wizard) askSecret() {
	s := w.s
	need := w.confirm("Does installing dependencies need a build secret (a private registry's credentials)?", false,
		"A build secret is mounted only while dependencies are downloaded (RUN --mount=type=secret): it never reaches a layer, the history or the image config.")
	if !need || w.err != nil {
		return
	}
	d := generator.StackSecret(s.Stack)
	s.Build.Secrets = []generator.Secret{d}
	w.input("Secret id:", d.ID, "The id of docker build --secret id=ID.", "build.secrets[0].id",
		func(s *generator.Spec, v string) error { s.Build.Secrets[0].ID = strings.TrimSpace(v); return nil })
	w.input("Mounted at:", d.Target, "Where the package manager reads it during the dependency step (an absolute path).", "build.secrets[0].target",
		func(s *generator.Spec, v string) error { s.Build.Secrets[0].Target = strings.TrimSpace(v); return nil })
	w.input("Read from (on the build host):", d.Src, "The file run.sh passes by default; the environment variable DOCKERGEN_SECRET_<ID> overrides it.", "build.secrets[0].src",
		func(s *generator.Spec, v string) error { s.Build.Secrets[0].Src = strings.TrimSpace(v); return nil })
}

// validator checks an answer the way a spec's field is checked: it sets the
// answer on a copy of the spec, applies the defaults and validates, and
// reports the problems of that field only.
func validator(s *generator.Spec, field string, set func(*generator.Spec, string) error) func(string) error {
	return func(v string) error {
		trial := *s
		trial.Build.Secrets = slices.Clone(s.Build.Secrets)
		if err := set(&trial, v); err != nil {
			return err
		}
		trial.Defaults()
		for _, fe := range trial.Validate() {
			if fieldIn(fe.Field, field) {
				return fe
			}
		}
		return nil
	}
}

// defaultsOf returns the spec with its defaults applied, leaving s as it is.
func defaultsOf(s *generator.Spec) *generator.Spec {
	d := *s
	d.Defaults()
	return &d
}

// baseChoices lists the bases that exist for the spec's stack and version,
// each with its trade-off, and says in the help why the others are left out.
func baseChoices(s *generator.Spec) ([]choice, string) {
	var choices []choice
	help := "The image the app runs on. Distroless and scratch have no shell and no package manager; slim and alpine have both."
	for _, b := range generator.BasesFor(s.Stack) {
		trial := *s
		trial.Base = b
		trial.Defaults()
		var why string
		for _, fe := range trial.Validate() {
			if fe.Field == "base" || fe.Field == "build.cgo" || fieldIn(fe.Field, "packages") {
				why = fe.Msg
			}
		}
		if why != "" {
			help += fmt.Sprintf(" Not offered: %s (%s).", b, why)
			continue
		}
		choices = append(choices, choice{b, generator.BaseTradeOff(b)})
	}
	return choices, help
}

// hasHTTPProbe reports whether the stack's images can probe an HTTP path.
func hasHTTPProbe(s *generator.Spec) bool {
	trial := *s
	trial.Healthcheck = generator.Healthcheck{Path: "/"}
	trial.Defaults()
	for _, fe := range trial.Validate() {
		if fe.Field == "healthcheck.path" {
			return false
		}
	}
	return true
}

func hasPackageManager(s *generator.Spec) bool {
	b := defaultsOf(s).Base
	return b == generator.BaseSlim || b == generator.BaseAlpine
}

func splitList(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

func parsePorts(v string) ([]int, error) {
	var ports []int
	for i, w := range splitList(v) {
		n, err := strconv.Atoi(w)
		if err != nil {
			return nil, fmt.Errorf("ports[%d]: %q is not a port number", i, w)
		}
		ports = append(ports, n)
	}
	if len(ports) == 0 {
		return nil, errors.New("ports: give at least one port")
	}
	return ports, nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// initFiles renders the spec file and the outputs it generates.
func initFiles(dir string, spec *generator.Spec, c *generator.Candidate, schema string) (generator.Files, error) {
	specFile, err := renderSpec(spec, c, schema)
	if err != nil {
		return nil, err
	}
	opts, err := genOptions(filepath.Join(dir, specName), dir, spec.Context)
	if err != nil {
		return nil, usageErr(err)
	}
	files, err := generator.Generate(spec, opts)
	if err != nil {
		return nil, err
	}
	files[specName] = specFile
	return files, nil
}

// renderSpec writes a spec as init leaves it: a schema line for editors, the
// fields a person would look at (name, stack, version, base, main, ports,
// healthcheck, writable, resources, and packages and secrets when set), and
// nothing that is a default everywhere. Loading it gives spec back exactly;
// a spec that would not is a dockergen bug, refused before anything is
// written.
func renderSpec(spec *generator.Spec, c *generator.Candidate, schema string) ([]byte, error) {
	w := *spec
	if w.Context == "." {
		w.Context = ""
	}
	if w.Workdir == generator.DefaultWorkdir {
		w.Workdir = ""
	}
	if w.User == (generator.User{UID: generator.DefaultUID, GID: generator.DefaultUID}) {
		w.User = generator.User{}
	}
	h := &w.Healthcheck
	if !h.Disabled {
		if h.Interval == generator.DefaultInterval {
			h.Interval = ""
		}
		if h.Timeout == generator.DefaultTimeout {
			h.Timeout = ""
		}
		if h.StartPeriod == generator.DefaultStart {
			h.StartPeriod = ""
		}
		if h.Retries == generator.DefaultRetries {
			h.Retries = 0
		}
	}
	var doc yaml.Node
	if err := doc.Encode(&w); err != nil {
		return nil, err
	}
	if w.Writable != nil && len(w.Writable) == 0 {
		// An empty list is not the default list: write it out.
		doc.Content = append(doc.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: "writable"},
			&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle})
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		flowScalars(v)
		switch k.Value {
		case "name", "version", "main", "ports":
			if d := detectedFor(c, k.Value); d.Found() && d.Value == scalarText(v) {
				v.LineComment = "from " + d.From
			}
		case "base":
			v.LineComment = "see DOCKER-SECURITY.md for what this base means"
		case "healthcheck":
			if spec.Healthcheck.Disabled && spec.Stack == "go" {
				k.HeadComment = fmt.Sprintf("No HTTP client in a Go image: give the binary a flag that probes the app,\nthen set command: [\"%s\", \"-healthcheck\"].", path.Join(spec.Workdir, spec.Name))
			}
		case "writable":
			k.HeadComment = "Tmpfs mounts on the read-only root filesystem."
		}
	}
	var body bytes.Buffer
	enc := yaml.NewEncoder(&body)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	header := fmt.Sprintf("# yaml-language-server: $schema=%s\n# dockergen spec, written by 'dockergen init'. Edit it, then run 'dockergen generate --force'\n# to update the container files ('dockergen generate --check' tells when they drift).\n", schema)
	out := append([]byte(header), body.Bytes()...)
	back, err := generator.LoadSpec(specName, out)
	if err != nil {
		return nil, fmt.Errorf("the spec written does not load (a dockergen bug): %w\n%s", err, out)
	}
	if !reflect.DeepEqual(back, spec) {
		return nil, fmt.Errorf("the spec written does not load as the spec asked for (a dockergen bug)\n%s", out)
	}
	return out, nil
}

// flowScalars writes lists of scalars on one line: ports: [8080].
func flowScalars(n *yaml.Node) {
	switch n.Kind {
	case yaml.SequenceNode:
		flow := true
		for _, c := range n.Content {
			flow = flow && c.Kind == yaml.ScalarNode
		}
		if flow {
			n.Style = yaml.FlowStyle
		}
		for _, c := range n.Content {
			flowScalars(c)
		}
	case yaml.MappingNode:
		for _, c := range n.Content {
			flowScalars(c)
		}
	}
}

func detectedFor(c *generator.Candidate, key string) generator.Detected {
	switch key {
	case "name":
		return c.Name
	case "version":
		return c.Version
	case "main":
		return c.Main
	case "ports":
		return generator.Detected{Value: "[" + c.Port.Value + "]", From: c.Port.From}
	}
	return generator.Detected{}
}

func scalarText(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, c.Value)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return n.Value
}

func (p *filePlan) print(w io.Writer, dir string) {
	fmt.Fprintf(w, "Files in %s:\n", dir)
	for _, n := range p.create {
		fmt.Fprintf(w, "  create     %s\n", n)
	}
	for _, n := range p.overwrite {
		fmt.Fprintf(w, "  overwrite  %s (it differs, see below)\n", n)
	}
	for _, n := range p.unchanged {
		fmt.Fprintf(w, "  unchanged  %s\n", n)
	}
	for _, d := range p.diffs {
		fmt.Fprintln(w)
		w.Write(d)
	}
	fmt.Fprintln(w)
}

// printNext shows the commands that come next: build, scan, run, check.
func printNext(w io.Writer, dir string, s *generator.Spec) {
	image := s.Name + ":local"
	fmt.Fprintln(w, "\nNext:")
	if dir != "." {
		fmt.Fprintf(w, "  cd %s\n", shQuote(dir))
	}
	fmt.Fprintf(w, "  ./run.sh build                 # build %s (PULL=0 ./run.sh build to use local base images)\n", image)
	fmt.Fprintf(w, "  trivy image %-18s # scan it (or: grype %s); see DOCKER-SECURITY.md\n", image, image)
	fmt.Fprintf(w, "  ./run.sh run                   # run it hardened on http://127.0.0.1:%d (./run.sh stop to stop)\n", s.Ports[0])
	fmt.Fprintln(w, "  dockergen generate --check     # in CI: fail when the files drift from dockergen.yaml")
}

// shQuote quotes a path for a shell command line when it needs it.
func shQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// flagValue shows a detected self-probe flag as what it is.
func flagValue(d generator.Detected) generator.Detected {
	if d.Value != "" {
		d.Value = "flag " + d.Value
	}
	return d
}
