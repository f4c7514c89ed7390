package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dockergen/dockergen/generator/check"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"gopkg.in/yaml.v3"
	"mvdan.cc/sh/v3/syntax"
)

// This file holds the invariants that every generated output must keep,
// whatever strings the spec holds. The fuzz targets check them on every
// input; TestInvariantsOnHostileValues checks them on a fixed list.
//
// The main tool is a plain twin: the same spec with every free-text value
// replaced by a plain word (see plainify). Whatever a value holds, it must
// change only data, never structure: the outputs of a spec and of its twin
// must have the same lines, the same Dockerfile instructions in the same
// order and form, and the same shell syntax tree (up to the text of
// quoted words) in run.sh.
//
// The generated files must also pass dockergen's own checker (package
// check): no finding at Low or above, and no file it cannot read.

// plainify returns a copy of a defaulted spec in which every free-text value
// is a plain word and every list and map keeps its length and keys, so that
// the twin has the same shape.
func plainify(s *Spec) *Spec {
	p := *s
	p.Name = "app"
	if s.Syntax != "" {
		p.Syntax = "docker/dockerfile:1"
	}
	if s.Context != "." {
		p.Context = "ctx"
	}
	if s.Stack == "go" {
		if s.Main != "." {
			p.Main = "./x"
		}
	} else if s.Main != "." { // "." (the context itself) is a shape: config files beside the Dockerfile are then inside the site
		p.Main = "x"
		if s.Build.Output != "" { // node: main is inside build.output
			p.Main = path.Clean(s.Build.Output) + "/x"
		}
		if s.Build.Member != "" { // node: main is inside build.member
			p.Main = path.Clean(s.Build.Member) + "/x"
		}
		if st := stacks[s.Stack]; st != nil && st.CheckMain != nil && st.CheckMain(&p) != "" {
			p.Main = s.Main // a strictly checked shape (python's module:callable): no hostile text gets through
		}
	}
	argv := func(a []string) []string {
		if a == nil {
			return nil
		}
		out := make([]string, len(a))
		for i := range out {
			out[i] = "x"
		}
		return out
	}
	p.Entrypoint = argv(s.Entrypoint)
	p.Command = argv(s.Command)
	p.Build.Command = argv(s.Build.Command)
	p.Healthcheck.Command = argv(s.Healthcheck.Command)
	if s.Healthcheck.Path != "" {
		p.Healthcheck.Path = "/h"
	}
	p.Workdir = "/w"
	if s.Packages != nil {
		p.Packages = make([]string, len(s.Packages))
		for i := range p.Packages {
			p.Packages[i] = "p"
		}
	}
	values := func(m map[string]string) map[string]string {
		if m == nil {
			return nil
		}
		out := map[string]string{}
		for k := range m {
			out[k] = "x"
		}
		return out
	}
	p.Env = values(s.Env)
	p.Labels = values(s.Labels)
	p.Build.Args = values(s.Build.Args)
	p.Build.Secrets = nil
	for i, sec := range s.Build.Secrets {
		ps := Secret{ID: sec.ID, Target: fmt.Sprintf("/t%d", i)}
		switch {
		case strings.HasPrefix(sec.Src, "~/"):
			ps.Src = "~/s"
		case sec.Src != "":
			ps.Src = "s"
		}
		p.Build.Secrets = append(p.Build.Secrets, ps)
	}
	if s.Writable != nil {
		p.Writable = make([]string, len(s.Writable))
		for i := range p.Writable {
			p.Writable[i] = fmt.Sprintf("/v%d", i)
		}
	}
	p.NotSecrets = slices.Clone(s.NotSecrets)
	return &p
}

// exactExecForm is the reference exec-form encoding that execForm is checked
// against: each argument encoded alone, joined with ", ".
func exactExecForm(argv []string) string {
	parts := make([]string, len(argv))
	for i, a := range argv {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(a)
		parts[i] = strings.TrimSpace(buf.String())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// checkInvariants checks the outputs of a valid spec against the intent
// (newData, the templates' input) and against its plain twin.
func checkInvariants(t testing.TB, spec *Spec, opts Options, files Files) {
	t.Helper()
	d, err := newData(spec, opts)
	if err != nil {
		t.Fatalf("newData: %v", err)
	}
	plain, err := generateTwin(plainify(spec), opts)
	if err != nil {
		t.Fatalf("the plain twin does not generate (a test bug or a shape-dependent template): %v", err)
	}
	for _, name := range plain.Names() {
		got, want := bytes.Count(files[name], []byte("\n")), bytes.Count(plain[name], []byte("\n"))
		if got != want {
			t.Errorf("%s has %d lines, its plain twin %d: a value added or removed lines", name, got, want)
		}
	}
	for _, name := range []string{".dockerignore", "seccomp.json"} {
		if !bytes.Equal(files[name], plain[name]) {
			t.Errorf("%s depends on spec values it should not see", name)
		}
	}
	for name, fn := range map[string]func(string, []byte) ([]check.Finding, error){
		"Dockerfile": check.Dockerfile, "compose.yaml": check.Compose, "seccomp.json": check.Seccomp,
	} {
		findings, err := fn(name, files[name])
		if err != nil {
			t.Errorf("check cannot read %s: %v", name, err)
		}
		for _, f := range findings {
			// DG106 (an end-of-life or frozen base) only for a spec that
			// pins one explicitly, which Warnings then reports too.
			if f.Severity >= check.Low && (f.RuleID != check.RuleEndOfLife.ID || len(Warnings(spec)) == 0) {
				t.Errorf("check: %s", f)
			}
		}
	}
	checkDockerfile(t, spec, d, files["Dockerfile"], plain["Dockerfile"])
	checkRunSh(t, d, files["run.sh"], plain["run.sh"])
	checkCompose(t, spec, d, files["compose.yaml"])
}

// twins caches the outputs of plain twins: many inputs share one.
var twins sync.Map // YAML of twin and options -> Files

func generateTwin(twin *Spec, opts Options) (Files, error) {
	key, err := yaml.Marshal(struct {
		Spec *Spec
		Opts Options
	}{twin, opts})
	if err != nil {
		return nil, err
	}
	if f, ok := twins.Load(string(key)); ok {
		return f.(Files), nil
	}
	f, err := Generate(twin, opts)
	if err == nil {
		twins.Store(string(key), f)
	}
	return f, err
}

type noEnv struct{}

func (noEnv) Get(string) (string, bool) { return "", false }
func (noEnv) Keys() []string            { return nil }

type parsedDockerfile struct {
	shape  []string
	stages []instructions.Stage
	runs   [][]string // the shape of each shell-form RUN script
}

func parseDockerfile(t testing.TB, df []byte) parsedDockerfile {
	t.Helper()
	res, err := parser.Parse(bytes.NewReader(df))
	if err != nil {
		t.Fatalf("Dockerfile does not parse: %v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("Dockerfile parser warnings: %v", res.Warnings)
	}
	var p parsedDockerfile
	for _, n := range res.AST.Children {
		p.shape = append(p.shape, fmt.Sprintf("%s json=%v flags=%d heredocs=%d", strings.ToLower(n.Value), n.Attributes["json"], len(n.Flags), len(n.Heredocs)))
	}
	stages, _, err := instructions.Parse(res.AST, nil)
	if err != nil {
		t.Fatalf("Dockerfile instructions: %v", err)
	}
	lex := shell.NewLex(res.EscapeToken)
	expand := func(w string) (string, error) {
		r, _, err := lex.ProcessWord(w, noEnv{})
		return r, err
	}
	for _, st := range stages {
		for _, c := range st.Commands {
			switch c := c.(type) {
			case *instructions.EnvCommand, *instructions.ArgCommand, *instructions.LabelCommand, *instructions.WorkdirCommand, *instructions.UserCommand:
				if err := c.(instructions.SupportsSingleWordExpansion).Expand(expand); err != nil {
					t.Errorf("line %d: expanding: %v", c.Location()[0].Start.Line, err)
				}
			case *instructions.RunCommand:
				if c.PrependShell {
					f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(strings.Join(c.CmdLine, " ")), "RUN")
					if err != nil {
						t.Errorf("line %d: the RUN script does not parse as POSIX shell: %v", c.Location()[0].Start.Line, err)
						continue
					}
					p.runs = append(p.runs, shShape(f))
				}
			}
		}
	}
	p.stages = stages
	return p
}

func checkDockerfile(t testing.TB, spec *Spec, d *data, df, plainDF []byte) {
	t.Helper()
	got, want := parseDockerfile(t, df), parseDockerfile(t, plainDF)
	if !slices.Equal(got.shape, want.shape) {
		t.Errorf("Dockerfile instructions differ from the plain twin's:\n got: %q\nwant: %q", got.shape, want.shape)
	}
	if !reflect.DeepEqual(got.runs, want.runs) {
		t.Errorf("shell-form RUN scripts differ in structure from the plain twin's:\n got: %q\nwant: %q", got.runs, want.runs)
	}
	// Two stages, or up to four when stages before the build do work that
	// does not depend on the sources (dotnet: the project files of the
	// whole tree, for restore; java: the JRE and the static healthcheck
	// probe).
	if len(got.stages) < 2 || len(got.stages) > 4 {
		t.Fatalf("got %d stages, want 2 to 4", len(got.stages))
	}
	build, final := got.stages[len(got.stages)-2], got.stages[len(got.stages)-1]

	// # syntax= is exactly the spec's, or absent.
	if syn, _, _, ok := parser.DetectSyntax(df); ok != (spec.Syntax != "") || syn != spec.Syntax {
		t.Errorf("syntax directive %q (found %v), want %q", syn, ok, spec.Syntax)
	}
	// ARG values round-trip.
	args := map[string]string{}
	for _, c := range build.Commands {
		if a, ok := c.(*instructions.ArgCommand); ok {
			for _, kv := range a.Args {
				if kv.Value == nil {
					t.Errorf("ARG %s has no value", kv.Key)
					continue
				}
				args[kv.Key] = *kv.Value
			}
		}
	}
	if len(spec.Build.Args) > 0 || len(args) > 0 {
		if !reflect.DeepEqual(args, spec.Build.Args) {
			t.Errorf("ARG values do not round-trip:\n got: %q\nwant: %q", args, spec.Build.Args)
		}
	}
	// ENV values round-trip; the keys are the template's plus the spec's.
	env, plainEnvKeys := map[string]string{}, map[string]bool{}
	for _, c := range final.Commands {
		if e, ok := c.(*instructions.EnvCommand); ok {
			for _, kv := range e.Env {
				env[kv.Key] = kv.Value
			}
		}
	}
	for _, c := range want.stages[len(want.stages)-1].Commands {
		if e, ok := c.(*instructions.EnvCommand); ok {
			for _, kv := range e.Env {
				plainEnvKeys[kv.Key] = true
			}
		}
	}
	for k, v := range spec.Env {
		if env[k] != v {
			t.Errorf("ENV %s = %q, want %q", k, env[k], v)
		}
	}
	if len(env) != len(plainEnvKeys) {
		t.Errorf("ENV has keys %v, the plain twin %v", keys(env), keys(plainEnvKeys))
	}
	// LABEL values round-trip, with the generated OCI labels.
	labels := map[string]string{}
	for _, c := range final.Commands {
		if l, ok := c.(*instructions.LabelCommand); ok {
			for _, kv := range l.Labels {
				labels[kv.Key] = kv.Value
			}
		}
	}
	wantLabels := map[string]string{}
	for _, kv := range d.Labels {
		wantLabels[kv.Key] = kv.Value
	}
	if !reflect.DeepEqual(labels, wantLabels) {
		t.Errorf("LABEL values do not round-trip:\n got: %q\nwant: %q", labels, wantLabels)
	}
	// Exec-form arrays round-trip exactly.
	if c, ok := lastCommand[*instructions.EntrypointCommand](final.Commands); !ok || c.PrependShell || !slices.Equal(c.CmdLine, d.Entrypoint) {
		t.Errorf("ENTRYPOINT = %+v, want exec form %q", c, d.Entrypoint)
	}
	c, ok := lastCommand[*instructions.CmdCommand](final.Commands)
	switch {
	case len(spec.Command) == 0 && ok:
		t.Errorf("CMD %q, want none", c.CmdLine)
	case len(spec.Command) > 0 && (!ok || c.PrependShell || !slices.Equal(c.CmdLine, spec.Command)):
		t.Errorf("CMD = %+v, want exec form %q", c, spec.Command)
	}
	if h, ok := lastCommand[*instructions.HealthCheckCommand](final.Commands); !ok {
		t.Errorf("no HEALTHCHECK")
	} else if want := append([]string{"CMD"}, d.Healthcheck...); d.Healthcheck == nil && !slices.Equal(h.Health.Test, []string{"NONE"}) || d.Healthcheck != nil && !slices.Equal(h.Health.Test, want) {
		t.Errorf("HEALTHCHECK test %q, want %q", h.Health.Test, want)
	}
	if len(spec.Build.Command) > 0 {
		found := false
		for _, c := range build.Commands {
			if r, ok := c.(*instructions.RunCommand); ok && !r.PrependShell && slices.Equal(r.CmdLine, spec.Build.Command) {
				found = true
			}
		}
		if !found {
			t.Errorf("no exec-form RUN %q in the build stage", spec.Build.Command)
		}
	}
	if w, ok := lastCommand[*instructions.WorkdirCommand](final.Commands); !ok || w.Path != spec.Workdir {
		t.Errorf("WORKDIR %+v, want %q", w, spec.Workdir)
	}
	// The last USER is the numeric non-root user, in the final stage.
	var lastUser string
	for _, st := range got.stages {
		for _, c := range st.Commands {
			if u, ok := c.(*instructions.UserCommand); ok {
				lastUser = u.User
			}
		}
	}
	uid, gid, _ := strings.Cut(lastUser, ":")
	u, err1 := strconv.Atoi(uid)
	g, err2 := strconv.Atoi(gid)
	if err1 != nil || err2 != nil || u != spec.User.UID || g != spec.User.GID || u == 0 || g == 0 {
		t.Errorf("the last USER is %q, want %d:%d and not root", lastUser, spec.User.UID, spec.User.GID)
	}
	if u, ok := lastCommand[*instructions.UserCommand](final.Commands); !ok || u.User != lastUser {
		t.Errorf("the runtime stage does not set USER %s", lastUser)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// shShape is the structure of a shell syntax tree: its node types in walk
// order, each word reduced to the expansions it makes. Two scripts with the
// same shape run the same commands; only the text of literal and quoted
// words can differ.
func shShape(n syntax.Node) []string {
	var out []string
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case nil:
			return true
		case *syntax.Word:
			out = append(out, "word"+wordSig(n))
			return false
		}
		out = append(out, fmt.Sprintf("%T", n))
		return true
	})
	return out
}

// wordSig lists what a word expands at run time: parameters, command and
// arithmetic substitutions, unquoted globs and tildes.
func wordSig(w *syntax.Word) string {
	var sig []string
	for i, part := range w.Parts {
		if l, ok := part.(*syntax.Lit); ok {
			v := l.Value
			if strings.ContainsAny(strings.ReplaceAll(v, `\`, ""), "*?[") {
				sig = append(sig, "glob")
			}
			if i == 0 && strings.HasPrefix(v, "~") {
				sig = append(sig, "tilde")
			}
		}
	}
	syntax.Walk(w, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.ParamExp:
			s := "$" + n.Param.Value
			if n.Exp != nil {
				s += n.Exp.Op.String()
			}
			if n.Repl != nil || n.Slice != nil || n.Length || n.Excl || n.Index != nil {
				s += "(complex)"
			}
			sig = append(sig, s)
		case *syntax.CmdSubst:
			sig = append(sig, "$("+strings.Join(shShape(&syntax.File{Stmts: n.Stmts}), " ")+")")
			return false
		case *syntax.ArithmExp, *syntax.ProcSubst, *syntax.ExtGlob, *syntax.BraceExp:
			sig = append(sig, fmt.Sprintf("%T", n))
		case *syntax.SglQuoted:
			if n.Dollar {
				sig = append(sig, "$''")
			}
		case *syntax.DblQuoted:
			if n.Dollar {
				sig = append(sig, `$""`)
			}
		}
		return true
	})
	if len(sig) == 0 {
		return ""
	}
	return "[" + strings.Join(sig, " ") + "]"
}

// wordValue is a word's value after quote removal. A parameter is kept as
// "$NAME" when it is double-quoted and simple; any other expansion is an
// error.
func wordValue(w *syntax.Word) (string, error) {
	var b strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(p.Value, ""))
		case *syntax.SglQuoted:
			if p.Dollar {
				return "", fmt.Errorf("$'...' quoting")
			}
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			if p.Dollar {
				return "", fmt.Errorf(`$"..." quoting`)
			}
			for _, q := range p.Parts {
				switch q := q.(type) {
				case *syntax.Lit:
					b.WriteString(unescape(q.Value, "$`\"\\\n"))
				case *syntax.ParamExp:
					if q.Exp != nil || q.Repl != nil || q.Slice != nil || q.Length || q.Excl || q.Index != nil {
						return "", fmt.Errorf("a complex parameter expansion")
					}
					b.WriteString("$" + q.Param.Value)
				default:
					return "", fmt.Errorf("%T in double quotes", q)
				}
			}
		default:
			return "", fmt.Errorf("unquoted %T", p)
		}
	}
	return b.String(), nil
}

// unescape removes backslashes as the shell does: before any character
// outside quotes (only = ""), before the listed ones inside double quotes.
func unescape(s, only string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (only == "" || strings.IndexByte(only, s[i+1]) >= 0) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func wordValues(t testing.TB, what string, words []*syntax.Word) []string {
	t.Helper()
	var out []string
	for i, w := range words {
		v, err := wordValue(w)
		if err != nil {
			t.Errorf("%s: word %d: %v", what, i, err)
		}
		out = append(out, v)
	}
	return out
}

func findFunc(f *syntax.File, name string) *syntax.FuncDecl {
	for _, st := range f.Stmts {
		if fd, ok := st.Cmd.(*syntax.FuncDecl); ok && fd.Name.Value == name {
			return fd
		}
	}
	return nil
}

func funcCalls(fd *syntax.FuncDecl) []*syntax.CallExpr {
	var out []*syntax.CallExpr
	if blk, ok := fd.Body.Cmd.(*syntax.Block); ok {
		for _, st := range blk.Stmts {
			if c, ok := st.Cmd.(*syntax.CallExpr); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

func checkRunSh(t testing.TB, d *data, sh, plainSh []byte) {
	t.Helper()
	parse := func(b []byte) *syntax.File {
		f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(bytes.NewReader(b), "run.sh")
		if err != nil {
			t.Fatalf("run.sh does not parse as POSIX shell: %v", err)
		}
		return f
	}
	f, pf := parse(sh), parse(plainSh)
	if got, want := shShape(f), shShape(pf); !slices.Equal(got, want) {
		t.Errorf("run.sh differs in structure from the plain twin's:\n got: %q\nwant: %q", got, want)
	}
	// run(): exactly one command, exec "$DOCKER" run ... "$@" "$IMAGE".
	fd := findFunc(f, "run")
	if fd == nil {
		t.Fatalf("run.sh has no function run")
	}
	calls := funcCalls(fd)
	if blk, ok := fd.Body.Cmd.(*syntax.Block); !ok || len(blk.Stmts) != 1 || len(calls) != 1 {
		t.Fatalf("run() is not exactly one simple command")
	}
	want := append([]string{"exec", "$DOCKER", "run", "--detach", "--name", "$CONTAINER"}, d.Run.Argv()...)
	want = append(want, "$@", "$IMAGE")
	if got := wordValues(t, "run()", calls[0].Args); !slices.Equal(got, want) {
		t.Errorf("run() argv:\n got: %q\nwant: %q", got, want)
	}
	// The defaults of IMAGE and CONTAINER, and the build's file and context.
	for _, st := range f.Stmts {
		c, ok := st.Cmd.(*syntax.CallExpr)
		if !ok || len(c.Assigns) != 1 || len(c.Args) != 0 {
			continue
		}
		a := c.Assigns[0]
		want, ok := map[string]string{"IMAGE": d.Run.Image, "CONTAINER": d.Run.Container}[a.Name.Value]
		if !ok {
			continue
		}
		pe, isPE := a.Value.Parts[0].(*syntax.ParamExp)
		if len(a.Value.Parts) != 1 || !isPE || pe.Exp == nil {
			t.Errorf("%s= is not ${%s:-default}", a.Name.Value, a.Name.Value)
			continue
		}
		if got, err := wordValue(pe.Exp.Word); err != nil || got != want {
			t.Errorf("%s default = %q (%v), want %q", a.Name.Value, got, err, want)
		}
	}
	bfd := findFunc(f, "build")
	if bfd == nil {
		t.Fatalf("run.sh has no function build")
	}
	bcalls := funcCalls(bfd)
	if len(bcalls) < 2 {
		t.Fatalf("build() has %d simple commands", len(bcalls))
	}
	first := wordValues(t, "build()", bcalls[0].Args)
	if wantFirst := []string{"set", "--", "build", "--tag", "$IMAGE", "--file", d.Run.Dockerfile, "$@"}; !slices.Equal(first, wantFirst) {
		t.Errorf("build() starts with %q, want %q", first, wantFirst)
	}
	last := bcalls[len(bcalls)-1]
	if got := wordValues(t, "build()", last.Args); !slices.Equal(got, []string{"exec", "$DOCKER", "$@", d.Run.Context}) {
		t.Errorf("build() ends with %q, want the context %q", got, d.Run.Context)
	}
	// One --secret per build secret, each "id=ID,src=${VAR...}".
	var secretWords []*syntax.Word
	for _, c := range bcalls {
		for i, w := range c.Args {
			if w.Lit() == "--secret" && i+1 < len(c.Args) {
				secretWords = append(secretWords, c.Args[i+1])
			}
		}
	}
	if len(secretWords) != len(d.Secrets) {
		t.Fatalf("build() passes %d --secret, want %d", len(secretWords), len(d.Secrets))
	}
	for i, w := range secretWords {
		dq, ok := w.Parts[0].(*syntax.DblQuoted)
		if len(w.Parts) != 1 || !ok || len(dq.Parts) != 2 {
			t.Errorf("--secret %d is not one double-quoted word", i)
			continue
		}
		lit, ok1 := dq.Parts[0].(*syntax.Lit)
		pe, ok2 := dq.Parts[1].(*syntax.ParamExp)
		if !ok1 || !ok2 || lit.Value != "id="+d.Secrets[i].ID+",src=" || pe.Param.Value != d.Secrets[i].Var {
			t.Errorf("--secret %d is not id=%s,src=${%s...}", i, d.Secrets[i].ID, d.Secrets[i].Var)
		}
	}
}

func checkCompose(t testing.TB, spec *Spec, d *data, c []byte) {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(c, &doc); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	wantTop := []string{"services"}
	if len(d.Secrets) > 0 {
		wantTop = append(wantTop, "secrets")
	}
	if _, ok := doc["name"]; ok { // the project name is optional
		wantTop = append(wantTop, "name")
	}
	sort.Strings(wantTop)
	if got := keys(doc); !slices.Equal(got, wantTop) {
		t.Fatalf("compose.yaml top-level keys %q, want %q", got, wantTop)
	}
	eq := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("compose.yaml %s = %#v, want %#v", what, got, want)
		}
	}
	list := func(s []string) []any {
		out := make([]any, len(s))
		for i, v := range s {
			out[i] = v
		}
		return out
	}
	if name, ok := doc["name"]; ok {
		eq("name", name, spec.Name)
	}
	services, _ := doc["services"].(map[string]any)
	if got := keys(services); !slices.Equal(got, []string{spec.Name}) {
		t.Fatalf("compose.yaml services %q, want [%q]", got, spec.Name)
	}
	svc, _ := services[spec.Name].(map[string]any)
	wantKeys := []string{"build", "cap_drop", "cpus", "healthcheck", "image", "mem_limit", "memswap_limit", "pids_limit", "read_only", "restart", "security_opt", "user"}
	if len(d.Run.Tmpfs) > 0 {
		wantKeys = append(wantKeys, "tmpfs")
	}
	if len(d.Run.Ports) > 0 {
		wantKeys = append(wantKeys, "ports")
	}
	if len(d.Run.PassEnv) > 0 {
		wantKeys = append(wantKeys, "environment")
	}
	sort.Strings(wantKeys)
	if got := keys(svc); !slices.Equal(got, wantKeys) {
		t.Errorf("compose.yaml service keys %q, want %q", got, wantKeys)
	}
	eq("image", svc["image"], d.Run.Image)
	build, _ := svc["build"].(map[string]any)
	eq("build.context", build["context"], d.Run.Context)
	eq("build.dockerfile", build["dockerfile"], d.Run.Dockerfile)
	var ids []string
	for _, s := range d.Secrets {
		ids = append(ids, s.ID)
	}
	if len(ids) > 0 {
		eq("build.secrets", build["secrets"], list(ids))
	}
	eq("user", svc["user"], d.Run.User)
	eq("read_only", svc["read_only"], true)
	if len(d.Run.Tmpfs) > 0 {
		eq("tmpfs", svc["tmpfs"], list(d.Run.Tmpfs))
	}
	eq("cap_drop", svc["cap_drop"], []any{"ALL"})
	eq("security_opt", svc["security_opt"], list(d.Run.SecurityOpt))
	eq("mem_limit", svc["mem_limit"], d.Run.Memory)
	eq("memswap_limit", svc["memswap_limit"], d.Run.Memory)
	cpus, _ := strconv.ParseFloat(d.Run.CPUs, 64)
	switch v := svc["cpus"].(type) {
	case int:
		eq("cpus", float64(v), cpus)
	case float64:
		eq("cpus", v, cpus)
	default:
		t.Errorf("compose.yaml cpus = %#v, want the number %s", v, d.Run.CPUs)
	}
	eq("pids_limit", svc["pids_limit"], d.Run.Pids)
	if len(d.Run.Ports) > 0 {
		eq("ports", svc["ports"], list(d.Run.Ports))
	}
	eq("restart", svc["restart"], d.Run.Restart)
	// Passed variables: names only, never a value.
	if len(d.Run.PassEnv) > 0 {
		eq("environment", svc["environment"], list(d.Run.PassEnv))
	}
	// The healthcheck is the image's: the same probe and timing, or disabled.
	if h := d.Run.Health; h == nil {
		eq("healthcheck", svc["healthcheck"], map[string]any{"disable": true})
	} else {
		// Compose interpolates $: each is doubled, and undoubled gives the probe.
		test := []string{"CMD"}
		for _, w := range h.Test {
			test = append(test, strings.ReplaceAll(w, "$", "$$"))
		}
		eq("healthcheck", svc["healthcheck"], map[string]any{
			"test": list(test), "interval": h.Interval, "timeout": h.Timeout,
			"start_period": h.StartPeriod, "retries": h.Retries,
		})
	}
	if len(d.Secrets) > 0 {
		secrets, _ := doc["secrets"].(map[string]any)
		want := map[string]any{}
		for _, s := range d.Secrets {
			want[s.ID] = map[string]any{"file": s.SrcCompose}
		}
		eq("secrets", secrets, want)
	}
}
