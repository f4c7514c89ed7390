package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator"
)

// copyExample copies an example app's own files (not its spec or generated
// files) into a new directory named like the example's image, and returns it.
// The committed examples are never touched.
func copyExampleApp(t *testing.T, stack string) string {
	t.Helper()
	src := filepath.Join("..", "..", "..", "examples", stack)
	dst := filepath.Join(t.TempDir(), "hello-"+stack)
	generated := map[string]bool{specName: true}
	for _, o := range generator.Outputs {
		generated[o.File] = true
	}
	// The stack's config files (nginx.conf, php.ini) are outputs too.
	if data, err := os.ReadFile(filepath.Join(src, specName)); err == nil {
		if spec, err := generator.LoadSpec(specName, data); err == nil {
			if files, err := generator.Generate(spec, generator.Options{}); err == nil {
				for n := range files {
					generated[n] = true
				}
			}
		}
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if generated[rel] {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// snapshot records every file under dir with its mode.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			return nil
		}
		fi, _ := d.Info()
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = fmt.Sprintf("%v\n%s", fi.Mode(), data)
		return nil
	})
	return m
}

type initResult struct {
	code           int
	stdout, stderr string
	p              *scriptedPrompter
}

// runInitScripted runs 'dockergen init ARGS' as Main would, with a terminal
// (or not) and the scripted prompter, and fails the test if the script was
// not followed.
func runInitScripted(t *testing.T, terminal bool, p *scriptedPrompter, args ...string) initResult {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, isTerminal: func() bool { return terminal }}
	root := newRootCmd(e)
	for _, c := range root.Commands() {
		if c.Name() == "init" {
			root.RemoveCommand(c)
		}
	}
	o := &initOptions{}
	if p != nil {
		o.prompter = p
	}
	root.AddCommand(newInitCmdWith(e, o))
	root.SetArgs(append([]string{"init"}, args...))
	code := exitOK
	if err := root.Execute(); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
			if ee.err != nil {
				fmt.Fprintf(&errb, "dockergen: %s\n", ee.err)
			}
		} else {
			code = exitUsage
			fmt.Fprintf(&errb, "dockergen: %s\n", err)
		}
	}
	if p != nil {
		for _, prob := range p.done() {
			t.Errorf("script: %s\nasked:\n%s", prob, p.askedText())
		}
	}
	return initResult{code: code, stdout: out.String(), stderr: errb.String(), p: p}
}

func loadInitSpec(t *testing.T, dir string) *generator.Spec {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, specName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("# yaml-language-server: $schema="+generator.SchemaURL+"\n")) {
		t.Errorf("the spec's first line is not the schema line:\n%s", data)
	}
	s, err := generator.LoadSpec(specName, data)
	if err != nil {
		t.Fatalf("the written spec does not load: %v\n%s", err, data)
	}
	return s
}

// checkCurrent runs 'dockergen generate --check' on the written spec.
func checkInitCurrent(t *testing.T, dir string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := Main([]string{"generate", "--check", "-f", filepath.Join(dir, specName)}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Errorf("generate --check: exit %d\n%s%s", code, out.String(), errb.String())
	}
}

// TestInitWizardGo answers the Go example's questions: a new name (the
// detected self-probe command follows it), scratch, and defaults for the
// rest. No package question on scratch, no stack question for one stack.
func TestInitWizardGo(t *testing.T) {
	dir := copyExampleApp(t, "go")
	p := newScript(answers(
		"Image and container name:", "hello-svc",
		"Runtime base:", "scratch",
		"Create these 7 files?", "y",
	))
	r := runInitScripted(t, true, p, dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	wantAsked := []string{
		"Image and container name: [hello]",
		"Go version: [1.27]",
		"Runtime base: [distroless]",
		"Main package: [.]",
		"Port(s) the app listens on: [8080]",
		"Healthcheck command (none for no healthcheck): [/app/hello-svc -healthcheck]",
		"Writable paths (none for a fully read-only root): [/tmp]",
		"Keep the limits of 256m memory, 1 CPU(s) and 128 processes? [true]",
		"Does installing dependencies need a build secret (a private registry's credentials)? [false]",
		"Create these 7 files? [true]",
	}
	if !reflect.DeepEqual(p.asked, wantAsked) {
		t.Errorf("asked:\n%s\nwant:\n%s", p.askedText(), strings.Join(wantAsked, "\n"))
	}
	if got := p.choices["Runtime base:"]; !reflect.DeepEqual(got, generator.BasesFor("go")) {
		t.Errorf("bases offered %v", got)
	}
	s := loadInitSpec(t, dir)
	if s.Name != "hello-svc" || s.Base != "scratch" || s.Version != "1.27" || !reflect.DeepEqual(s.Healthcheck.Command, []string{"/app/hello-svc", "-healthcheck"}) {
		t.Errorf("spec %+v", s)
	}
	checkInitCurrent(t, dir)
	for _, want := range []string{"Detected a Go project in", "go.mod:3", "flag -healthcheck", "created   " + filepath.Join(dir, "Dockerfile"), "./run.sh build", "trivy image hello-svc:local", "http://127.0.0.1:8080"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestInitWizardValidates: a bad answer is refused with the spec's own
// message and asked again; the bases offered depend on the version.
func TestInitWizardValidates(t *testing.T) {
	dir := copyExampleApp(t, "python")
	p := newScript(map[string][]string{
		"Image and container name:":                                   {"Hello_", "hello-py"},
		"Python version:":                                             {"3", "3.12"},
		"Port(s) the app listens on:":                                 {"80", "http", "8080 9090"},
		"Healthcheck path (none for no healthcheck):":                 {"healthz", "/healthz"},
		"Writable paths (none for a fully read-only root):":           {"/", "none"},
		"Keep the limits of 256m memory, 1 CPU(s) and 128 processes?": {"n"},
		"Memory limit:":                                               {"5m", "512m"},
		"CPU limit:":                                                  {"0", "2"},
		"Process limit:":                                              {"many", "0", "64"},
		"Extra OS packages (none for none):":                          {"curl;rm", "tzdata ca-certificates"},
	})
	r := runInitScripted(t, true, p, dir, "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	wantRefused := map[string][]string{
		"Image and container name:":                         {`name: "Hello_" is not a valid image name`},
		"Python version:":                                   {`version: "3" is not a valid python version (allowed: a Python release line from 3.8 to 3.14, such as 3.14)`},
		"Port(s) the app listens on:":                       {"ports[0]: 80 is a privileged port", `ports[0]: "http" is not a port number`},
		"Healthcheck path (none for no healthcheck):":       {`healthcheck.path: "healthz" is not an HTTP path`},
		"Writable paths (none for a fully read-only root):": {"writable[0]: the root cannot be writable"},
		"Memory limit:":                                     {`resources.memory: "5m" is below Docker's minimum of 6m`},
		"CPU limit:":                                        {`resources.cpus: "0" is too small`},
		"Process limit:":                                    {`resources.pids: "many" is not a whole number`, "resources.pids: -1 is out of range"},
		"Extra OS packages (none for none):":                {`packages[0]: "curl;rm" is not a package name`},
	}
	for q, wants := range wantRefused {
		got := p.refused[q]
		if len(got) != len(wants) {
			t.Errorf("%s: refused %q, want %d", q, got, len(wants))
			continue
		}
		for i, w := range wants {
			if !strings.HasPrefix(got[i], w) {
				t.Errorf("%s: refused with %q, want %q…", q, got[i], w)
			}
		}
	}
	// Python 3.12 has no distroless image: not offered, and the help says why.
	if got := p.choices["Runtime base:"]; !reflect.DeepEqual(got, []string{"slim", "alpine"}) {
		t.Errorf("bases offered for 3.12: %v", got)
	}
	if !strings.Contains(r.stdout, "dry run: nothing was written") {
		t.Errorf("output:\n%s", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, specName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("--dry-run wrote the spec: %v", err)
	}
	if !strings.Contains(r.stdout, "+packages: [tzdata, ca-certificates]") && !strings.Contains(r.stdout, "create     dockergen.yaml") {
		t.Errorf("the plan is missing:\n%s", r.stdout)
	}
}

// TestInitWizardAnswersReachSpec: every answer lands in the spec written.
func TestInitWizardAnswersReachSpec(t *testing.T) {
	dir := copyExampleApp(t, "python")
	p := newScript(answers(
		"Python version:", "3.13",
		"Runtime base:", "distroless",
		"Script to run:", "app.py",
		"Port(s) the app listens on:", "9000, 9001",
		"Healthcheck path (none for no healthcheck):", "none",
		"Writable paths (none for a fully read-only root):", "/tmp /var/cache/app",
		"Keep the limits of 256m memory, 1 CPU(s) and 128 processes?", "n",
		"Memory limit:", "1g",
		"CPU limit:", "1.5",
		"Process limit:", "200",
		"Does installing dependencies need a build secret (a private registry's credentials)?", "y",
		"Secret id:", "pip-token",
		"Create these 7 files?", "y",
	))
	r := runInitScripted(t, true, p, dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if slices.ContainsFunc(p.asked, func(q string) bool { return strings.HasPrefix(q, "Extra OS packages") }) {
		t.Error("packages asked on distroless")
	}
	got := loadInitSpec(t, dir)
	want := &generator.Spec{
		APIVersion: generator.APIVersion, Name: "hello-python", Stack: "python", Version: "3.13", Base: "distroless",
		Main: "app.py", Ports: []int{9000, 9001}, Healthcheck: generator.Healthcheck{Disabled: true},
		// The app reads PORT: detection set it, and it follows the port chosen.
		Env:       map[string]string{"PORT": "9000"},
		Writable:  []string{"/tmp", "/var/cache/app"},
		Resources: generator.Resources{Memory: "1g", CPUs: "1.5", Pids: 200},
		Build:     generator.Build{Secrets: []generator.Secret{{ID: "pip-token", Target: "/root/.config/pip/pip.conf", Src: "~/.config/pip/pip.conf"}}},
	}
	want.Defaults()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spec\n got %+v\nwant %+v", got, want)
	}
	checkInitCurrent(t, dir)
}

// TestInitWizardAmbiguous: with several stacks the first question is which;
// the rest follow the stack chosen.
func TestInitWizardAmbiguous(t *testing.T) {
	dir := copyExampleApp(t, "node")
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.py"), []byte("print('hi')\n"), 0o644)
	// python comes first by the priority rule (a package.json beside a
	// Python project is usually front-end tooling); the user picks node.
	p := newScript(answers("Stack:", "node", "Create these 7 files?", "y"))
	r := runInitScripted(t, true, p, dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if p.asked[0] != "Stack: [python]" || !reflect.DeepEqual(p.choices["Stack:"], []string{"python", "node"}) {
		t.Errorf("asked %q, offered %v", p.asked, p.choices["Stack:"])
	}
	if !slices.Contains(p.asked, "Node.js version: [26]") {
		t.Errorf("the questions did not follow the stack chosen:\n%s", p.askedText())
	}
	if s := loadInitSpec(t, dir); s.Stack != "node" || s.Main != "server.js" {
		t.Errorf("spec %+v", s)
	}
	if !strings.Contains(r.stdout, "also found: node (package.json); the next question chooses") {
		t.Errorf("output:\n%s", r.stdout)
	}
}

// TestInitInterrupt: Ctrl-C at any question leaves the directory as it was,
// including at the final confirmation.
func TestInitInterrupt(t *testing.T) {
	for _, q := range []string{"Image and container name:", "Runtime base:", "Port(s) the app listens on:", "Keep the limits of 256m memory, 1 CPU(s) and 128 processes?", "Create these 7 files?"} {
		t.Run(strings.Fields(q)[0], func(t *testing.T) {
			dir := copyExampleApp(t, "node")
			before := dirState(t, dir)
			r := runInitScripted(t, true, newScript(answers(q, "^C")), dir)
			if r.code != 130 || !strings.Contains(r.stderr, "interrupted: nothing was written") {
				t.Errorf("exit %d, stderr %q", r.code, r.stderr)
			}
			if after := dirState(t, dir); !reflect.DeepEqual(before, after) {
				t.Errorf("the directory changed")
			}
		})
	}
}

// TestInitNoOverwrite: a file that differs is shown as a diff and replaced
// only after an explicit yes; the default answer is no, and no writes
// nothing at all (not even the new files).
func TestInitNoOverwrite(t *testing.T) {
	dir := copyExampleApp(t, "go")
	edited := []byte("# Generated by dockergen from dockergen.yaml, then edited by hand.\nFROM golang\n")
	os.WriteFile(filepath.Join(dir, "Dockerfile"), edited, 0o644)
	before := dirState(t, dir)
	q := "Overwrite 1 existing file(s) that differ (shown above) and create 6?"
	r := runInitScripted(t, true, newScript(nil), dir)
	if r.code != 1 || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !slices.Contains(r.p.asked, q+" [false]") {
		t.Errorf("asked:\n%s", r.p.askedText())
	}
	for _, want := range []string{"overwrite  Dockerfile (it differs, see below)", "-FROM golang\n", "+FROM gcr.io/distroless/static-debian13:nonroot\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if after := dirState(t, dir); !reflect.DeepEqual(before, after) {
		t.Error("the directory changed")
	}
	// --yes never overwrites without --force either.
	r = runInitScripted(t, false, nil, "--yes", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "would overwrite Dockerfile; nothing was written (use --force to overwrite)") {
		t.Errorf("--yes: exit %d, stderr %q", r.code, r.stderr)
	}
	if after := dirState(t, dir); !reflect.DeepEqual(before, after) {
		t.Error("--yes changed the directory")
	}
	// An explicit yes replaces it.
	r = runInitScripted(t, true, newScript(answers(q, "y")), dir)
	if r.code != 0 || !strings.Contains(r.stdout, "updated   "+filepath.Join(dir, "Dockerfile")) {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	checkInitCurrent(t, dir)
	// --force skips the question.
	os.WriteFile(filepath.Join(dir, "Dockerfile"), edited, 0o644)
	r = runInitScripted(t, true, newScript(nil), "--force", dir)
	if r.code != 0 || slices.ContainsFunc(r.p.asked, func(s string) bool { return strings.HasPrefix(s, "Overwrite") }) {
		t.Errorf("--force: exit %d, asked %q", r.code, r.p.asked)
	}
	checkInitCurrent(t, dir)
}

// TestInitFlagsSkipQuestions: a flag answers its question, which is then not
// asked; a bad flag is refused before any question, with the field's message.
func TestInitFlagsSkipQuestions(t *testing.T) {
	dir := copyExampleApp(t, "node")
	p := newScript(answers("Create these 7 files?", "y"))
	r := runInitScripted(t, true, p, dir, "--base", "alpine", "--port", "9090", "--name", "web", "--memory", "512m", "--cpus", "2", "--pids", "100", "--package", "tzdata", "--secret", "id=npmrc,target=/root/.npmrc")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, q := range p.asked {
		for _, skipped := range []string{"Runtime base", "Port", "Image and container name", "Keep the limits", "Extra OS packages", "build secret"} {
			if strings.HasPrefix(q, skipped) {
				t.Errorf("asked %q although a flag answered it", q)
			}
		}
	}
	s := loadInitSpec(t, dir)
	if s.Base != "alpine" || !reflect.DeepEqual(s.Ports, []int{9090}) || s.Name != "web" || s.Resources != (generator.Resources{Memory: "512m", CPUs: "2", Pids: 100}) || !reflect.DeepEqual(s.Packages, []string{"tzdata"}) || len(s.Build.Secrets) != 1 {
		t.Errorf("spec %+v", s)
	}
	// A bad flag: exit 2 before any question.
	p = newScript(nil)
	r = runInitScripted(t, true, p, dir, "--port", "80")
	if r.code != 2 || r.stderr != "dockergen: ports[0]: 80 is a privileged port that needs CAP_NET_BIND_SERVICE (allowed: 1024-65535; publish it on a low host port instead)\n" || len(p.asked) != 0 {
		t.Errorf("exit %d, stderr %q, asked %q", r.code, r.stderr, p.asked)
	}
}

// TestInitYesIsWizardDefaults: for every example, taking every default in
// the wizard writes exactly what --yes writes without a terminal, and the
// result is current for 'generate --check'.
func TestInitYesIsWizardDefaults(t *testing.T) {
	for _, st := range generator.Stacks() {
		if st == "binary" {
			continue // never detected: init proposes it only with --stack binary
		}
		t.Run(st, func(t *testing.T) {
			a, b := copyExampleApp(t, st), copyExampleApp(t, st)
			// The outputs, the spec and the stack's config files (nginx.conf, php.ini).
			confirm := func(q string) bool {
				var n int
				_, err := fmt.Sscanf(q, "Create these %d files? [true]", &n)
				return err == nil && n > len(generator.Outputs)
			}
			// Enter on every question, the last one (write?) included.
			if r := runInitScripted(t, true, newScript(nil), a); r.code != 0 || !slices.ContainsFunc(r.p.asked, confirm) {
				t.Fatalf("wizard: exit %d, asked %q\n%s%s", r.code, r.p.asked, r.stdout, r.stderr)
			}
			if r := runInitScripted(t, false, nil, "--yes", b); r.code != 0 {
				t.Fatalf("--yes: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			sa, sb := dirState(t, a), dirState(t, b)
			if !reflect.DeepEqual(sa, sb) {
				for k := range sa {
					if sa[k] != sb[k] {
						t.Errorf("%s differs between the wizard's defaults and --yes:\n%s\n---\n%s", k, sa[k], sb[k])
					}
				}
			}
			checkInitCurrent(t, b)
			// The spec proposed matches the example's own on what detection can know.
			got := loadInitSpec(t, b)
			data, _ := os.ReadFile(filepath.Join("..", "..", "..", "examples", st, specName))
			want, err := generator.LoadSpec(specName, data)
			if err != nil {
				t.Fatal(err)
			}
			// (Names differ: examples/go's module is example.com/hello, its image hello-go.)
			gh, wh := got.Healthcheck, want.Healthcheck
			if len(gh.Command) > 0 && len(wh.Command) > 0 {
				gh.Command, wh.Command = gh.Command[1:], wh.Command[1:]
			}
			if got.Main != want.Main || !reflect.DeepEqual(got.Ports, want.Ports) || !reflect.DeepEqual(gh, wh) {
				t.Errorf("--yes proposes %+v, the example says %+v", got, want)
			}
		})
	}
}

// TestInitNoTerminal: without a terminal and without --yes, init asks
// nothing and exits 2, naming --yes and -f.
func TestInitNoTerminal(t *testing.T) {
	dir := copyExampleApp(t, "go")
	before := dirState(t, dir)
	r := runInitScripted(t, false, nil, dir)
	if r.code != 2 || r.stderr != "dockergen: init needs a terminal to ask questions; use --yes to take every default, or write a spec and run 'dockergen generate -f dockergen.yaml'\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !reflect.DeepEqual(before, dirState(t, dir)) {
		t.Error("the directory changed")
	}
}

// TestInitSpecRoundTrip: whatever the flags, the spec written loads as the
// spec that generated the files (init checks this itself before writing; this
// covers the awkward values: no writable path, a disabled healthcheck,
// packages, secrets, several ports).
func TestInitSpecRoundTrip(t *testing.T) {
	cases := [][]string{
		{"--stack", "go"},
		{"--stack", "go", "--base", "slim", "--package", "tzdata", "--writable", "none", "--no-healthcheck"},
		{"--stack", "go", "--healthcheck-cmd", "/app/x -probe 'quoted'", "--name", "x-y", "--port", "1024", "--port", "65535"},
		{"--stack", "node", "--version", "24", "--base", "distroless", "--healthcheck-path", "/live?full=1", "--writable", "/tmp,/run/app"},
		{"--stack", "python", "--version", "3.11", "--base", "alpine", "--secret", "id=a,target=/root/.netrc,src=~/.netrc", "--secret", "id=b,target=/b", "--cpus", "0.25", "--memory", "64m", "--pids", "1"},
	}
	// The files each stack's Dockerfile copies: init refuses a project
	// without them (the safety net).
	project := map[string][]string{
		"go":     {"go.mod"},
		"node":   {"package.json", "package-lock.json", "server.js"},
		"python": {"app.py"},
	}
	for i, args := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "app")
			os.Mkdir(dir, 0o755)
			for _, f := range project[args[1]] {
				if err := os.WriteFile(filepath.Join(dir, f), []byte("{}\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := runInitScripted(t, false, nil, append([]string{"--yes", dir}, args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			loadInitSpec(t, dir)
			checkInitCurrent(t, dir)
		})
	}
}

func TestNoneList(t *testing.T) {
	if got := noneList([]string{"none"}); got == nil || len(got) != 0 {
		t.Errorf("none: %#v", got)
	}
	if got := noneList([]string{" a", "", "b "}); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("got %#v", got)
	}
	if _, err := parseSecret("id=a,oops"); err == nil {
		t.Error("a bad --secret is accepted")
	}
}

// TestInitPackagesNarrowBases: packages given on the command line, and no
// base: the base question offers only bases with a package manager.
func TestInitPackagesNarrowBases(t *testing.T) {
	dir := copyExampleApp(t, "go")
	p := newScript(answers("Create these 7 files?", "y"))
	r := runInitScripted(t, true, p, dir, "--package", "tzdata")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := p.choices["Runtime base:"]; !reflect.DeepEqual(got, []string{"slim", "alpine"}) {
		t.Errorf("bases offered with packages: %v", got)
	}
	if s := loadInitSpec(t, dir); s.Base != "slim" || !reflect.DeepEqual(s.Packages, []string{"tzdata"}) {
		t.Errorf("spec %+v", s)
	}
	// With --yes nothing can be asked: the default base has no package manager.
	r = runInitScripted(t, false, nil, "--yes", "--force", "--package", "tzdata", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "packages: distroless has no package manager") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestInitSchemaFlag: the spec's first line names the schema given, which
// must be one word.
func TestInitSchemaFlag(t *testing.T) {
	dir := copyExampleApp(t, "node")
	r := runInitScripted(t, false, nil, "--yes", "--schema", "./dockergen.schema.json", dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, specName))
	if first, _, _ := strings.Cut(string(data), "\n"); first != "# yaml-language-server: $schema=./dockergen.schema.json" {
		t.Errorf("first line %q", first)
	}
	for _, bad := range []string{"", "a b", "x\nname: evil"} {
		r := runInitScripted(t, false, nil, "--yes", "--dry-run", "--schema", bad, dir)
		if r.code != 2 || !strings.Contains(r.stderr, "--schema") {
			t.Errorf("--schema %q: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
}

// TestInitForceQuestion: with --force, overwriting is still shown, and the
// last question says so and defaults to yes.
func TestInitForceQuestion(t *testing.T) {
	dir := copyExampleApp(t, "node")
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM node\n"), 0o644)
	p := newScript(nil)
	r := runInitScripted(t, true, p, "--force", dir)
	if r.code != 0 || !slices.Contains(p.asked, "Create 6 and overwrite 1 files? [true]") {
		t.Errorf("exit %d, asked:\n%s", r.code, p.askedText())
	}
	if !strings.Contains(r.stdout, "-FROM node") {
		t.Errorf("no diff:\n%s", r.stdout)
	}
}

// TestInitNameFlagRenamesProbe: the detected self-probe runs /app/NAME, so
// --name changes its default too.
func TestInitNameFlagRenamesProbe(t *testing.T) {
	dir := copyExampleApp(t, "go")
	p := newScript(answers("Create these 7 files?", "y"))
	if r := runInitScripted(t, true, p, "--name", "web", dir); r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !slices.Contains(p.asked, "Healthcheck command (none for no healthcheck): [/app/web -healthcheck]") {
		t.Errorf("asked:\n%s", p.askedText())
	}
	dir2 := copyExampleApp(t, "go")
	if r := runInitScripted(t, false, nil, "--yes", "--name", "web", dir2); r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if s := loadInitSpec(t, dir2); !reflect.DeepEqual(s.Healthcheck.Command, []string{"/app/web", "-healthcheck"}) {
		t.Errorf("--yes --name: healthcheck %v", s.Healthcheck.Command)
	}
}

// TestInitMemberFlag: --member picks a workspace member to build, and its
// binary becomes main unless --main names one.
func TestInitMemberFlag(t *testing.T) {
	files := map[string]string{
		"Cargo.toml":             "[workspace]\nmembers = [\"api\", \"worker\"]\n",
		"Cargo.lock":             "version = 4\n",
		"api/Cargo.toml":         "[package]\nname = \"api\"\n",
		"api/src/main.rs":        "fn main() {}\n",
		"worker/Cargo.toml":      "[package]\nname = \"worker\"\n\n[[bin]]\nname = \"jobs\"\npath = \"src/main.rs\"\n",
		"worker/src/main.rs":     "fn main() {}\n",
		"worker/src/bin/once.rs": "fn main() {}\n",
	}
	for _, tc := range []struct {
		args         []string
		member, main string
	}{
		{nil, "api", "api"},
		{[]string{"--member", "worker"}, "worker", "jobs"},
		{[]string{"--member", "worker", "--main", "once"}, "worker", "once"},
	} {
		dir := t.TempDir()
		for name, content := range files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		args := append(append([]string{"--yes"}, tc.args...), dir)
		if r := runInitScripted(t, false, nil, args...); r.code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", tc.args, r.code, r.stdout, r.stderr)
		}
		s := loadInitSpec(t, dir)
		if s.Build.Member != tc.member || s.Main != tc.main {
			t.Errorf("%v: member %q main %q, want %q and %q", tc.args, s.Build.Member, s.Main, tc.member, tc.main)
		}
	}
}

// TestInitMemberQuestion: in a workspace with several members the wizard
// asks which to build, and main follows the member chosen.
func TestInitMemberQuestion(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"Cargo.toml":         "[workspace]\nmembers = [\"api\", \"worker\"]\n",
		"Cargo.lock":         "version = 4\n",
		"api/Cargo.toml":     "[package]\nname = \"api\"\n",
		"api/src/main.rs":    "fn main() {}\n",
		"worker/Cargo.toml":  "[package]\nname = \"worker\"\n\n[[bin]]\nname = \"jobs\"\npath = \"src/main.rs\"\n",
		"worker/src/main.rs": "fn main() {}\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := newScript(map[string][]string{"Workspace member to build:": {"worker"}})
	if r := runInitScripted(t, true, p, dir); r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	s := loadInitSpec(t, dir)
	if s.Build.Member != "worker" || s.Main != "jobs" {
		t.Errorf("member %q main %q, want worker and jobs", s.Build.Member, s.Main)
	}
}
