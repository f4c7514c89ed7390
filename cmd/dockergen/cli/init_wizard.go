// The init wizard: the questions init asks, each pre-filled with the
// detected or safest value, and the checks of their answers.

package cli

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockergen/dockergen/generator"
)

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
	syncPortEnv(s, c)
	if w.ask("member") && len(c.Members) > 1 {
		var choices []choice
		for _, m := range c.Members {
			choices = append(choices, choice{m.Value, "found in " + m.Source()})
		}
		def := c.Member.Value
		if s.Build.Member != "" {
			def = s.Build.Member
		}
		s.Build.Member = w.selectOne("Workspace member to build:", choices, def, "The project is a workspace; the image builds and runs one member (build.member). Its dependencies are installed with the whole workspace's lockfile.")
		if s.Build.Member != c.Member.Value && !w.changed("main") {
			mainInMember(s, c)
		}
	}
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
		msg := generator.MainPrompt(s.Stack)
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
		syncPortEnv(s, c)
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

// syncPortEnv keeps the environment variables that detection set to the
// app's port (PORT, FLASK_RUN_PORT) in step with the first port chosen.
func syncPortEnv(s *generator.Spec, c *generator.Candidate) {
	if len(s.Ports) == 0 {
		return
	}
	for _, e := range c.Env {
		if e.Value == c.Port.Value && s.Env[e.Name] == e.Value {
			s.Env[e.Name] = strconv.Itoa(s.Ports[0])
		}
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
