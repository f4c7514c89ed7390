package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockergen/dockergen/generator"
	"github.com/spf13/cobra"
)

// specName is the spec file init writes in the project directory.
const specName = "dockergen.yaml"

type initOptions struct {
	yes, force, dryRun bool
	stack, name        string
	version, base      string
	distro             string
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
		Long: wrap(`init reads the project in DIR (default: the current directory), shows what it
detected and where from, asks only what it cannot know (each question pre-filled
with the detected or safest value), then writes dockergen.yaml and the container
files beside it. It lists the files first; a file that exists and differs is
shown as a diff and is only replaced after an explicit yes, or with --force.
Ctrl-C at any question leaves the directory untouched.

Detection reads the project's own files (see 'dockergen detect --help'): the
files that identify each stack, its version files (.tool-versions for every
stack) and lockfiles, plus the sources for the port and a health endpoint. When
several stacks are found, the first in the order ` + detectionOrder(", ") + ` is
the default (a package.json beside another stack is usually front-end tooling);
the wizard asks, --stack chooses.

--yes takes every default without asking and needs no terminal; every question
has a flag that sets its answer (and, without --yes, skips the question). Flag
values are checked like a spec's fields: a bad one is an error, exit 2.`),
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
	f.StringVar(&o.base, "base", "", "the runtime base ("+strings.Join(allBases(), ", ")+"); default: the stack's")
	f.StringVar(&o.distro, "distro", "", "the base family release: a Debian codename (trixie, bookworm), an Alpine release (3.24, 3.23) or, for .NET, an Ubuntu codename (noble, resolute); default: the newest the images are built on")
	f.StringVar(&o.main, "main", "", "what the container runs: the main package, script, build output or binary, as the stack names it (init asks with an example)")
	f.StringVar(&o.tool, "tool", "", "the package manager or build tool, for stacks with a choice ("+choicesText(generator.ToolsFor)+"); default: the detected one")
	f.StringVar(&o.server, "server", "", "the application server, for stacks with a choice ("+choicesText(generator.ServersFor)+"); default: the detected one")
	f.IntSliceVar(&o.ports, "port", nil, "a port the app listens on (repeat for several)")
	f.StringVar(&o.healthPath, "healthcheck-path", "", "the HTTP path the healthcheck probes ("+strings.Join(httpProbeStacks(), ", ")+")")
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
	"distro":           {"distro"},
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

	files, opts, err := initFiles(dir, spec, cand, o.schema)
	if err != nil {
		return err
	}
	if err := checkProject(e.stderr, spec, files, opts, filepath.Join(dir, specName), files[specName], filepath.Join(dir, spec.Context)); err != nil {
		return err
	}
	printWarnings(e.stderr, generator.Warnings(spec))
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
	if changed("distro") {
		s.Distro = o.distro
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
		if r.d.Reason != "" && r.d.Reason != r.d.Value {
			fmt.Fprintf(w, "  %-8s %s\n", "why", r.d.Reason)
		}
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
		fmt.Fprintf(w, "  cd %s\n", generator.ShellQuote(dir))
	}
	fmt.Fprintf(w, "  ./run.sh build                 # build %s (PULL=0 ./run.sh build to use local base images)\n", image)
	fmt.Fprintf(w, "  trivy image %-18s # scan it (or: grype %s); see DOCKER-SECURITY.md\n", image, image)
	fmt.Fprintf(w, "  ./run.sh run                   # run it hardened on http://127.0.0.1:%d (./run.sh stop to stop)\n", s.Ports[0])
	fmt.Fprintln(w, "  dockergen generate --check     # in CI: fail when the files drift from dockergen.yaml")
}

// flagValue shows a detected self-probe flag as what it is.
func flagValue(d generator.Detected) generator.Detected {
	if d.Value != "" {
		d.Value = "flag " + d.Value
	}
	return d
}
