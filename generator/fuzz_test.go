package generator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// Fuzz targets. Seed corpora live in testdata/fuzz/<Target>/; every crasher
// that go test -fuzz writes there stays as a regression case. Run them with
//
//	go test -run '^$' -fuzz '^FuzzLoadSpec$' -fuzztime 3m ./generator
//	go test -run '^$' -fuzz '^FuzzGenerate$' -fuzztime 3m ./generator
//
// (one target per command: go test -fuzz takes one target at a time).
// A plain go test runs every seed as a regular test.

// FuzzLoadSpec: arbitrary bytes never make LoadSpec panic; every error is
// a *SpecError naming the file, on one line; a spec that loads generates,
// and its outputs keep every invariant.
func FuzzLoadSpec(f *testing.F) {
	for _, glob := range []string{"testdata/golden/*/dockergen.yaml", "testdata/invalid/*.yaml", "../examples/*/dockergen.yaml"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(fmt.Sprintf("LoadSpec(%q)", data))()
		spec, err := LoadSpec("fuzz.yaml", data)
		if err != nil {
			checkLoadError(t, err)
			return
		}
		files, err := Generate(spec, Options{})
		if err != nil {
			t.Fatalf("a spec that loads does not generate: %v\nspec:\n%s", err, data)
		}
		checkInvariants(t, spec, Options{}, files)
	})
}

// hangLimit is how long one fuzz input may take. go test -fuzz has no
// per-input timeout (a hung worker just stops counting executions), so a
// watchdog panics in its own goroutine: that kills the worker, and the
// fuzzer saves the input as a crasher.
const hangLimit = 30 * time.Second

func watchdog(what string) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(hangLimit):
			panic(fmt.Sprintf("hang: %s took more than %s", what, hangLimit))
		}
	}()
	return func() { close(done) }
}

// TestMergeKeyRefused guards against a loader bug FuzzLoadSpec found (now
// fixed): nodeIndex.walk
// accepts a merge key (<<) in a map field such as env, and yaml.v3's Decode
// then fails when its value is not a mapping, so the user gets "internal
// error decoding the spec (a dockergen bug)" with no line or column. Merge
// keys are anchors' companions; refusing them in walk, like anchors, at
// the key's position, fixes it.
func TestMergeKeyRefused(t *testing.T) {
	for _, src := range []string{"env:\n  <<: x\n", "env:\n  <<: [x]\n", "labels:\n  <<: {a: b}\n"} {
		_, err := LoadSpec("s.yaml", []byte("apiVersion: dockergen/v1\nname: app\nstack: node\n"+src))
		var se *SpecError
		if !errors.As(err, &se) || se.Line != 5 || strings.Contains(se.Msg, "internal error") {
			t.Errorf("%q: got %v, want a located error on line 5", src, err)
		}
	}
}

func checkLoadError(t *testing.T, err error) {
	t.Helper()
	var se *SpecError
	if !errors.As(err, &se) {
		t.Fatalf("error is %T, want *SpecError: %v", err, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "fuzz.yaml") || strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("message is not one line starting with the file name: %q", msg)
	}
	if strings.Contains(se.Msg, "internal error") {
		t.Fatalf("loader bug: %v", err)
	}
	if se.Line <= 0 || se.Col <= 0 {
		t.Fatalf("message has no line and column: %v", err)
	}
}

// fuzzBase is one stack, version, base and server combination.
type fuzzBase struct{ stack, version, base, server string }

// fuzzBases are the combinations FuzzGenerate picks from: every stack on
// every base it supports, with the version or server a base needs.
var fuzzBases = func() []fuzzBase {
	var bs []fuzzBase
	for _, st := range Stacks() {
		for _, b := range BasesFor(st) {
			fb := fuzzBase{stack: st, base: b}
			switch {
			case st == "python" && b == BaseDistroless:
				fb.version = "3.13" // the Python distroless Debian 13 ships
			case st == "php" && b == BaseAlpine:
				fb.server = "fpm" // the only PHP server image on Alpine
			}
			bs = append(bs, fb)
		}
	}
	return bs
}()

// fuzzInput holds FuzzGenerate's arguments. Lists (command words, packages,
// writable paths) are NUL-separated: NUL is refused in every field anyway.
type fuzzInput struct {
	sel, flags                                                        uint8
	name, envKey, envVal, labelKey, labelVal, argKey, argVal          string
	entry, cmd, health, buildCmd, pkgs, workdir, writable, main       string
	secretID, secretTarget, secretSrc, hpath, syntax, context, notSec string
}

// fuzzSlots names the string arguments, in order, for tables and seeds.
var fuzzSlots = []string{"name", "envKey", "envVal", "labelKey", "labelVal", "argKey", "argVal",
	"entry", "cmd", "health", "buildCmd", "pkgs", "workdir", "writable", "main",
	"secretID", "secretTarget", "secretSrc", "hpath", "syntax", "context", "notSec"}

func (in *fuzzInput) slot(i int) *string {
	return []*string{&in.name, &in.envKey, &in.envVal, &in.labelKey, &in.labelVal, &in.argKey, &in.argVal,
		&in.entry, &in.cmd, &in.health, &in.buildCmd, &in.pkgs, &in.workdir, &in.writable, &in.main,
		&in.secretID, &in.secretTarget, &in.secretSrc, &in.hpath, &in.syntax, &in.context, &in.notSec}[i]
}

// baseInput is a valid input that sets every field, for seeds and tables.
func baseInput() fuzzInput {
	return fuzzInput{sel: fuzzBaseIndex("node", BaseSlim), name: "app", envKey: "GREETING", envVal: "hello", labelKey: "org.example.team", labelVal: "core",
		argKey: "APP_VERSION", argVal: "1.0.0", entry: "/usr/local/bin/node\x00server.js", cmd: "--port\x008080",
		health: "/usr/local/bin/node\x00-e\x00process.exit(0)", buildCmd: "npm\x00run\x00build", pkgs: "curl\x00tzdata",
		workdir: "/app", writable: "/tmp\x00/app/cache", main: "server.js", secretID: "npmrc", secretTarget: "/root/.npmrc",
		secretSrc: "~/.npmrc", hpath: "", syntax: "docker/dockerfile:1", context: ".", notSec: ""}
}

// fuzzBaseIndex is the sel that picks a stack and base.
func fuzzBaseIndex(stack, base string) uint8 {
	for i, b := range fuzzBases {
		if b.stack == stack && b.base == base {
			return uint8(i)
		}
	}
	panic("no fuzz base " + stack + "/" + base)
}

// stackSeeds are valid inputs on every stack and base: baseInput's strings
// with the stack's own main and no packages or build step (which some bases
// and stacks refuse), each also with the stack's other build tool, its other
// server (main as that server wants it) and, for java, jlink.
func stackSeeds() []fuzzInput {
	var seeds []fuzzInput
	for i, b := range fuzzBases {
		in := baseInput()
		in.sel, in.pkgs, in.buildCmd, in.secretID, in.secretTarget, in.secretSrc = uint8(i), "", "", "", "", ""
		in.main = stacks[b.stack].DefaultMain
		switch b.stack {
		case "rust":
			in.main = in.name
		case "static":
			in.argKey = "" // a plain site has no build step for an ARG
		}
		seeds = append(seeds, in)
		if len(ToolsFor(b.stack)) > 1 {
			t := in
			t.flags = 8
			seeds = append(seeds, t)
		}
		if len(ServersFor(b.stack)) > 1 && b.server == "" {
			sv := in
			sv.flags = 16
			switch b.stack {
			case "python":
				sv.main = "app:app"
			case "ruby":
				sv.main = "config.ru"
			}
			seeds = append(seeds, sv)
		}
		if strings.HasPrefix(b.stack, "java-") {
			j := in
			j.flags = 32
			seeds = append(seeds, j)
		}
	}
	return seeds
}

// TestStackSeedsValid: every stack seed is a valid spec that generates and
// keeps the invariants, so the fuzzer starts from every stack and base.
func TestStackSeedsValid(t *testing.T) {
	for _, in := range stackSeeds() {
		b := fuzzBases[in.sel]
		t.Run(fmt.Sprintf("%s-%s-%d", b.stack, b.base, in.flags), func(t *testing.T) {
			if !checkInput(t, in) {
				spec := in.spec()
				spec.Defaults()
				t.Errorf("the seed is not valid: %v", spec.Validate())
			}
		})
	}
}

func words(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

func (in fuzzInput) spec() *Spec {
	b := fuzzBases[int(in.sel)%len(fuzzBases)]
	s := &Spec{
		APIVersion: APIVersion, Name: in.name, Stack: b.stack, Version: b.version, Base: b.base,
		Syntax: in.syntax, Context: in.context, Main: in.main,
		Entrypoint: words(in.entry), Command: words(in.cmd), Workdir: in.workdir,
		Packages: words(in.pkgs), Writable: words(in.writable),
		NotSecrets: words(in.notSec),
	}
	s.Build.Command = words(in.buildCmd)
	s.Build.CGO = in.flags&2 != 0
	s.Server = b.server
	// Bits 3 to 6 pick the stack's other build tool and server, jlink, and a
	// build output directory (where a stack has them; elsewhere Validate
	// refuses them, which is checked too).
	if tools := ToolsFor(b.stack); in.flags&8 != 0 && len(tools) > 1 {
		s.Build.Tool = tools[1+int(in.sel)%(len(tools)-1)]
	}
	if servers := ServersFor(b.stack); in.flags&16 != 0 && len(servers) > 1 {
		s.Server = servers[1+int(in.sel)%(len(servers)-1)]
	}
	s.Build.JLink = in.flags&32 != 0
	if in.flags&64 != 0 {
		s.Build.Output = "dist"
	}
	if in.envKey != "" {
		s.Env = map[string]string{in.envKey: in.envVal}
	}
	if in.labelKey != "" {
		s.Labels = map[string]string{in.labelKey: in.labelVal}
	}
	if in.argKey != "" {
		s.Build.Args = map[string]string{in.argKey: in.argVal}
	}
	if in.secretID != "" || in.secretTarget != "" {
		s.Build.Secrets = []Secret{{ID: in.secretID, Target: in.secretTarget, Src: in.secretSrc}}
	}
	s.Healthcheck.Command = words(in.health)
	s.Healthcheck.Path = in.hpath
	s.Healthcheck.Disabled = in.flags&1 != 0
	if in.flags&4 != 0 {
		s.Digests.Builder = "sha256:" + strings.Repeat("ab", 32)
		if b.base != BaseScratch {
			s.Digests.Runtime = "sha256:" + strings.Repeat("cd", 32)
		}
	}
	return s
}

// FuzzGenerate builds a spec from fuzzed strings in every free-text field;
// when it validates, generation must succeed and keep every invariant.
// When it does not, no secret-scan message may repeat the value.
func FuzzGenerate(f *testing.F) {
	for _, in := range append([]fuzzInput{baseInput()}, stackSeeds()...) {
		f.Add(in.sel, in.flags, in.name, in.envKey, in.envVal, in.labelKey, in.labelVal, in.argKey, in.argVal,
			in.entry, in.cmd, in.health, in.buildCmd, in.pkgs, in.workdir, in.writable, in.main,
			in.secretID, in.secretTarget, in.secretSrc, in.hpath, in.syntax, in.context, in.notSec)
	}
	f.Fuzz(func(t *testing.T, sel, flags uint8, name, envKey, envVal, labelKey, labelVal, argKey, argVal,
		entry, cmd, health, buildCmd, pkgs, workdir, writable, main,
		secretID, secretTarget, secretSrc, hpath, syntax, context, notSec string) {
		in := fuzzInput{sel, flags, name, envKey, envVal, labelKey, labelVal, argKey, argVal,
			entry, cmd, health, buildCmd, pkgs, workdir, writable, main,
			secretID, secretTarget, secretSrc, hpath, syntax, context, notSec}
		defer watchdog(fmt.Sprintf("%#v", in))()
		checkInput(t, in)
	})
}

// checkInput is one FuzzGenerate case; it reports whether the spec was
// valid and generated.
func checkInput(t *testing.T, in fuzzInput) bool {
	t.Helper()
	spec := in.spec()
	spec.Defaults()
	if errs := spec.Validate(); len(errs) > 0 {
		checkNoSecretEcho(t, spec, errs)
		return false
	}
	files, err := Generate(spec, Options{})
	if err != nil {
		t.Fatalf("a valid spec does not generate: %v\nspec: %#v", err, spec)
	}
	checkInvariants(t, spec, Options{}, files)
	checkYAMLRoundTrip(t, spec)
	return true
}

// checkNoSecretEcho: a secret-scan message shows at most the first 4
// characters of the value.
func checkNoSecretEcho(t *testing.T, spec *Spec, errs []FieldError) {
	t.Helper()
	values := map[string]string{}
	for _, f := range spec.secretFields() {
		values[f.field] = f.value
	}
	for _, e := range errs {
		if !strings.Contains(e.Msg, "never put a secret in a spec") {
			continue
		}
		if p := leaks(e.Msg, e.Field, values[e.Field]); p != "" {
			t.Errorf("%s: message %q repeats %q of the value", e.Field, e.Msg, p)
		}
	}
}

// checkYAMLRoundTrip: the spec, written as YAML (as --print-spec does) and
// loaded again, is the same spec.
func checkYAMLRoundTrip(t *testing.T, spec *Spec) {
	t.Helper()
	data, err := yaml.Marshal(spec)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	back, err := LoadSpec("printed.yaml", data)
	if err != nil {
		t.Fatalf("the printed spec does not load: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(normalize(back), normalize(spec)) {
		t.Errorf("the printed spec loads differently:\n got: %#v\nwant: %#v", back, spec)
	}
}

// normalize makes empty maps and lists nil, as YAML's omitempty does.
func normalize(s *Spec) *Spec {
	c := *s
	if len(c.Env) == 0 {
		c.Env = nil
	}
	if len(c.Labels) == 0 {
		c.Labels = nil
	}
	if len(c.Build.Args) == 0 {
		c.Build.Args = nil
	}
	return &c
}

// hostileValues are strings that try to become syntax in one of the output
// languages, or to confuse a parser or a path check.
var hostileValues = []string{
	"x", "", " ", "-", "--privileged", "-v=/:/host", "--mount=type=bind,source=/,target=/host", "--", "-e",
	"$(id)", "`id`", "${HOME}", "$HOME", "$$", "${X:-$(id)}", "$((1+1))", "${IFS}",
	`\`, `\\`, `"`, `'`, `'\''`, `a"b'c`, `\"`, `x\`, "\\\n", "\n", "a\nRUN id", "a\r\nRUN id", "\rx-a: 1", "\t",
	"&&", "a && id", "; id", "| id", "|| id", "& id", "> /etc/passwd", "< /etc/shadow",
	"<<EOF", "<<-EOF\nid\nEOF", "<<EOF", "#", "# comment", "a #b", "*", "?", "[a]", "{a,b}", "!", "~", "~root", "~/x",
	"..", "../x", "/..", "/../etc", "./../x", "/a/../..", "//", "/a/./b", "/a b", "a b", "/", "/tmp", "/app",
	"%", "%s", "=", "a=b", ":", ",", "a,b=c", "]", `["a"]`, `"]`, `", "`, "}", "{{ .Spec.Name }}",
	"\u2028", "\u2029", "\u0085", "\u00a0", "\u202e", "é", "日本", "\x00", "\xff", "\xc3",
	"null", "true", "~", "0x10", "1e3", "- x", "? x", ": x", "@x", "+x", "!!str x", "&a", "*a", "|", ">",
	"./cmd/x", "server.js", "app.py", "curl=1.0", "curl=~1", "docker/dockerfile:1", "evil.example/frontend:1",
}

// TestInvariantsOnHostileValues puts every hostile value into every field
// of a valid spec, for a few bases: each either fails validation or
// generates outputs that keep every invariant.
func TestInvariantsOnHostileValues(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var generated atomic.Int64
	t.Cleanup(func() {
		t.Logf("%d of the cases were valid and generated", generated.Load())
		if generated.Load() < 100 {
			t.Errorf("only %d cases generated: the base input is probably invalid", generated.Load())
		}
	})
	// The same four as when fuzzBases held only the stacks of the old map
	// literal (init() registered the others after it was built).
	sels := []uint8{fuzzBaseIndex("binary", BaseDistroless), fuzzBaseIndex("binary", BaseSlim), fuzzBaseIndex("go", BaseDistroless), fuzzBaseIndex("go", BaseAlpine)}
	for _, sel := range sels {
		for slot := range fuzzSlots {
			for _, v := range hostileValues {
				in := baseInput()
				in.sel = sel
				if fuzzBases[sel].stack == "go" {
					in.entry, in.main, in.health = "", "./cmd/app", "/app/app\x00-healthcheck"
				}
				*in.slot(slot) = v
				name := fmt.Sprintf("sel%d/%s=%q", sel, fuzzSlots[slot], v)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					if checkInput(t, in) {
						generated.Add(1)
					}
				})
			}
		}
	}
}

// TestGoldenInvariants checks the invariants on every golden spec.
func TestGoldenInvariants(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/golden/*")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, "dockergen.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			spec, err := LoadSpec("dockergen.yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			files, err := Generate(spec, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, spec, Options{}, files)
		})
	}
}

// TestComposeBareKeys guards against a template bug FuzzGenerate found (now
// fixed, the keys are quoted): a name or a
// secret id that YAML reads as a number, boolean or null passes validation,
// and compose.yaml.tmpl writes it as a bare mapping key, so compose-go
// refuses the file ("non-string key in services") and generate fails with
// "a bug in dockergen" (exit 1).
func TestComposeBareKeys(t *testing.T) {
	for _, name := range []string{"true", "null", "123", "0x10", "1e3", "0o7", "1_0"} {
		s := &Spec{Name: name, Stack: "node"}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			continue // a later rule may refuse it; then there is nothing to render
		}
		if _, err := Generate(s, Options{}); err != nil {
			t.Errorf("name %q: %v", name, err)
		}
	}
	for _, id := range []string{"true", "null", "1", "0o7", "1_0"} {
		s := &Spec{Name: "app", Stack: "node", Build: Build{Secrets: []Secret{{ID: id, Target: "/root/.npmrc"}}}}
		s.Defaults()
		if _, err := Generate(s, Options{}); err != nil {
			t.Errorf("secret id %q: %v", id, err)
		}
	}
}

// TestExecFormKeepsCommas guards against an encoder bug (now fixed) found by
// the hostile-value
// table: execForm (generate.go) adds the space after each separator with
// strings.ReplaceAll(`","`, `", "`), which also matches inside a JSON string,
// so the argument "," is written as ", " in ENTRYPOINT, CMD, RUN and
// HEALTHCHECK (and [",", "y"] as [", ", "y"]). It changes data, not
// structure: only a space is inserted, so no element can be added. Fix:
// encode each argument alone and join them with ", ".
func TestExecFormKeepsCommas(t *testing.T) {
	for _, argv := range [][]string{{","}, {",", "y"}, {"a", ",b"}, {"a,", "b"}, {`","`}} {
		got, err := execForm(argv)
		if err != nil || got != exactExecForm(argv) {
			t.Errorf("execForm(%q) = %s, want %s", argv, got, exactExecForm(argv))
		}
	}
}

// TestSpecFileInjection guards against a template injection (now refused by
// Options.Validate): Options.SpecFile (the
// spec's path relative to the output directory, from -f and -o) is printed
// unencoded into comments of the Dockerfile, run.sh and compose.yaml, into
// DOCKER-SECURITY.md, and as a pattern line of .dockerignore. A carriage
// return is a line break for YAML only, so the Dockerfile and run.sh still
// see a comment while compose.yaml gets new top-level keys; all checks pass
// and generate exits 0. With
//
//	-f $'app\rx-a: "\rnetworks: {default: {name: host, external: true}} #.yaml'
//
// the service joins the host network (bypassing --publish 127.0.0.1). A
// file name starting with '!' (for example "!*.pem") becomes a negation in
// .dockerignore and puts the excluded keys back into the build context.
func TestSpecFileInjection(t *testing.T) {
	spec, err := ExampleSpec("node")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Generate(spec, Options{SpecFile: "dockergen.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"app\rx-a: \"\rnetworks: {default: {name: host, external: true}} #.yaml",
		"x\nARG a;touch /tmp/pwned;#.yaml",
		"x\u2028networks: {default: {name: host}} #.yaml",
		"!*.pem",
		"!**/.env",
	} {
		files, err := Generate(spec, Options{SpecFile: name})
		if err != nil {
			continue // refused: fine
		}
		for _, n := range files.Names() {
			if got, want := strings.Count(string(files[n]), "\n"), strings.Count(string(plain[n]), "\n"); got != want || strings.ContainsAny(string(files[n]), "\r\u2028\u2029\u0085") {
				t.Errorf("SpecFile %q: %s has a changed line structure", name, n)
			}
		}
		var doc map[string]any
		err = yaml.Unmarshal(files["compose.yaml"], &doc)
		delete(doc, "name") // optional
		if err != nil || len(doc) != 1 {
			t.Errorf("SpecFile %q: compose.yaml has top-level keys %v (err %v), want only services (and name)", name, keys(doc), err)
		}
		for _, line := range strings.Split(string(files[".dockerignore"]), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "!") {
				t.Errorf("SpecFile %q: .dockerignore has the negation %q", name, line)
			}
		}
	}
}

// TestWriteFuzzSeeds writes the seed corpora below into testdata/fuzz, in
// go test's corpus format. Run it after changing the seeds:
//
//	DOCKERGEN_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds ./generator
//
// Crashers that go test -fuzz adds there are kept: this only adds files.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("DOCKERGEN_WRITE_SEEDS") != "1" {
		t.Skip("set DOCKERGEN_WRITE_SEEDS=1 to write the seed corpora")
	}
	write := func(target, name string, lines []string) {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		body := "go test fuzz v1\n" + strings.Join(lines, "\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, "seed-"+name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, in := range generateSeeds() {
		lines := []string{fmt.Sprintf("byte(%q)", in.sel), fmt.Sprintf("byte(%q)", in.flags)}
		for i := range fuzzSlots {
			lines = append(lines, fmt.Sprintf("string(%q)", *in.slot(i)))
		}
		write("FuzzGenerate", name, lines)
	}
	for name, data := range loadSpecSeeds() {
		write("FuzzLoadSpec", name, []string{fmt.Sprintf("[]byte(%q)", data)})
	}
}

// generateSeeds are FuzzGenerate's seeds: every base, and hostile values
// that are valid (so they reach the templates) or nearly so.
func generateSeeds() map[string]fuzzInput {
	seeds := map[string]fuzzInput{}
	for sel, b := range fuzzBases {
		in := baseInput()
		in.sel = uint8(sel)
		if b.stack == "go" {
			in.entry, in.main, in.health = "", "./cmd/app", "/app/app\x00-healthcheck"
		}
		if b.base == BaseDistroless || b.base == BaseScratch {
			in.pkgs = ""
		}
		if b.stack == "python" {
			in.entry, in.main = "", "app.py"
		}
		seeds[fmt.Sprintf("base-%s-%s", b.stack, b.base)] = in
	}
	set := func(name string, f func(in *fuzzInput)) {
		in := baseInput()
		f(&in)
		seeds[name] = in
	}
	set("env-shell-syntax", func(in *fuzzInput) { in.envVal = "$(id) `id` ${HOME} $HOME && a; b | c > d < e" })
	set("env-quotes-backslashes", func(in *fuzzInput) { in.envVal = `a"b'c\d\"e\\` + `x\` })
	set("env-dockerfile-syntax", func(in *fuzzInput) { in.envVal = `x" \` + "\nRUN id" })
	set("env-unicode", func(in *fuzzInput) { in.envVal = "é日本\u202e\u00a0\u2028" })
	set("label-continuation", func(in *fuzzInput) { in.labelVal = `x \` })
	set("label-json", func(in *fuzzInput) { in.labelVal = `{"a": ["b", "c"]}` })
	set("arg-expansion", func(in *fuzzInput) { in.argVal = "${APP_VERSION:-$(id)}" })
	set("argv-json-breakers", func(in *fuzzInput) { in.entry = `"]` + "\x00" + `", "` + "\x00" + `["a"]` + "\x00" + `\` })
	set("argv-heredoc", func(in *fuzzInput) { in.buildCmd = "sh\x00-c\x00<<EOF\x00id\x00EOF" })
	set("argv-flags", func(in *fuzzInput) { in.cmd = "--privileged\x00-v=/:/host\x00--mount=type=bind,source=/,target=/host" })
	set("argv-comma", func(in *fuzzInput) { in.cmd = ",\x00y" })
	set("argv-empty-words", func(in *fuzzInput) { in.cmd = "x\x00\x00\x00" })
	set("health-shell", func(in *fuzzInput) { in.health = "/bin/sh\x00-c\x00curl -f http://localhost/ || exit 1" })
	set("health-path", func(in *fuzzInput) { in.health, in.hpath = "", "/healthz?probe=1&x=%20" })
	set("packages-versions", func(in *fuzzInput) {
		in.pkgs = "curl=7.88.1-10+deb12u5\x00tzdata\x00libc6=2.36-9+deb12u4\x00ca-certificates"
	})
	set("packages-injection", func(in *fuzzInput) { in.pkgs = "curl; id\x00-y\x00$(id)" })
	set("paths-odd", func(in *fuzzInput) { in.workdir, in.writable = "/a-b/c_d@e+f.g", "/tmp\x00/var/cache/app\x00/run" })
	set("paths-escape", func(in *fuzzInput) { in.workdir, in.writable, in.main = "/app/../etc", "/tmp/../..", "../server.js" })
	set("secret-src-home", func(in *fuzzInput) { in.secretSrc = "~/.config/npm/npmrc" })
	set("secret-src-empty", func(in *fuzzInput) { in.secretSrc = "" })
	set("secret-id-dash", func(in *fuzzInput) { in.secretID = "-" })
	set("context-parent", func(in *fuzzInput) { in.context = "../.." })
	set("syntax-digest", func(in *fuzzInput) {
		in.syntax = "docker/dockerfile:1.7@sha256:" + strings.Repeat("0123456789abcdef", 4)
	})
	set("syntax-foreign", func(in *fuzzInput) { in.syntax = "evil.example/frontend:latest" })
	set("name-edge", func(in *fuzzInput) { in.name = "a__b-c--d1" })
	set("name-yaml", func(in *fuzzInput) { in.name = "true" })
	set("not-secrets", func(in *fuzzInput) {
		in.envKey, in.envVal, in.notSec = "VAPID_PUBLIC_KEY", "BEl62iUYgUivxIkv69yViEuiBIa40HI6YrrfuWjvfo1CZQ0bhVJQ5mWYHm3d2mu5n9TC8o3u6hqLeLLsLJKE", "env.VAPID_PUBLIC_KEY"
	})
	set("secret-value", func(in *fuzzInput) { in.envKey, in.envVal = "DB_PASSWORD", "hunter2" })
	set("flags-all", func(in *fuzzInput) { in.flags = 127 })
	return seeds
}

// loadSpecSeeds are FuzzLoadSpec's seeds beyond the golden and invalid
// specs that it adds itself: YAML features and odd encodings.
func loadSpecSeeds() map[string]string {
	const head = "apiVersion: dockergen/v1\nname: app\nstack: node\n"
	return map[string]string{
		"full": head + `version: "22"
base: slim
syntax: docker/dockerfile:1
context: .
main: server.js
entrypoint: ["/usr/local/bin/node", "server.js"]
command: ["--port", "8080"]
workdir: /app
ports: [8080, 9090]
build:
  command: ["npm", "run", "build"]
  args: {APP_VERSION: "1.0.0"}
  secrets: [{id: npmrc, target: /root/.npmrc, src: ~/.npmrc}]
packages: [curl, tzdata]
env: {GREETING: "hello $(id)", QUOTE: "a\"b'c\\"}
labels: {org.example.team: core}
user: {uid: 1000, gid: 1000}
healthcheck: {path: /healthz, interval: 30s, timeout: 5s, startPeriod: 10s, retries: 5}
writable: [/tmp, /app/cache]
resources: {memory: 512m, cpus: "0.5", pids: 256}
notSecrets: [env.GREETING]
`,
		"crlf":             strings.ReplaceAll(head+"env:\n  A: b\n", "\n", "\r\n"),
		"bom":              "\ufeff" + head,
		"tabs":             head + "env:\n\tA: b\n",
		"tags":             head + "name: !!str app\nports: [!!int \"8080\"]\nenv: {A: !!binary aGVsbG8=}\n",
		"custom-tag":       "apiVersion: dockergen/v1\nname: !foo app\nstack: node\n",
		"int-as-string":    "apiVersion: dockergen/v1\nname: !!int 5\nstack: node\n",
		"merge-key":        head + "env:\n  <<: {A: b}\n",
		"merge-scalar":     head + "env:\n  <<: x\n",
		"anchor-alias":     head + "env: &e {A: b}\nlabels: *e\n",
		"complex-key":      head + "env:\n  ? [a]\n  : b\n",
		"null-values":      head + "env: {A: ~}\nports: [null]\n",
		"huge-int":         head + "ports: [99999999999999999999999]\n",
		"hex-octal-ints":   head + "ports: [0x1F90, 0o17620, 0b1111101000000, 8_080]\n",
		"float-int":        head + "ports: [8080.0]\nuser: {uid: 1e4}\n",
		"bool-variants":    head + "build: {cgo: yes}\nhealthcheck: {disabled: True}\n",
		"line-separators":  head + "env: {A: \"x\\u2028y\", B: \"x\\x85y\", C: \"x\\ry\"}\n",
		"nul":              head + "env: {A: \"x\\0y\"}\n",
		"directive":        "%YAML 1.1\n---\n" + head,
		"document-end":     head + "...\n",
		"two-docs":         head + "---\n" + head,
		"flow-everything":  "{apiVersion: dockergen/v1, name: app, stack: go, healthcheck: {disabled: true}}",
		"deep-nesting":     head + "env: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n",
		"long-value":       head + "env: {A: \"" + strings.Repeat("a", 5000) + "\"}\n",
		"block-scalars":    head + "env:\n  A: |\n    line1\n    line2\n  B: >-\n    folded\n",
		"comments":         "# only a comment\n",
		"unknown-nested":   head + "build: {comand: [x]}\n",
		"secret-aws":       head + "env: {AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE}\n",
		"secret-name":      head + "build: {args: {NPM_TOKEN: abc123}}\n",
		"not-secrets-bad":  head + "notSecrets: [env.NOPE, 5, [x]]\n",
		"injection-fields": head + "workdir: \"/app\\nUSER root\"\nentrypoint: [\"sh\", \"-c\", \"$(id)\"]\npackages: [\"curl && id\"]\n",
	}
}
