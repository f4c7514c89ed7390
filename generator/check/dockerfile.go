package check

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"mvdan.cc/sh/v3/syntax"

	"github.com/dockergen/dockergen/generator/internal/secretscan"
)

// Dockerfile checks a Dockerfile and returns its findings, sorted, minus
// those suppressed by valid '# dockergen:ignore=ID reason' comments. name is
// the path shown in findings. It parses with BuildKit's own parser and fails
// when data is not a Dockerfile that BuildKit can parse: not text, empty,
// an unknown instruction, a malformed flag, or no FROM.
func Dockerfile(name string, data []byte) (findings []Finding, err error) {
	defer recoverBug(name, &err)
	res, stages, metaArgs, err := parseDockerfile(name, data)
	if err != nil {
		return nil, err
	}
	d := &dfCheck{
		reporter: reporter{file: name},
		lines:    splitLines(data),
		escape:   res.EscapeToken,
		nodes:    map[int]*parser.Node{},
		ast:      res.AST,
		metaEnv:  mapEnv{},
	}
	for _, n := range res.AST.Children {
		d.nodes[n.StartLine] = n
	}
	for _, a := range metaArgs {
		for _, kv := range a.Args {
			if kv.Value != nil {
				d.metaEnv[kv.Key] = *kv.Value
			}
		}
	}
	d.buildStages(stages)
	if why, ok := d.windows(); ok {
		// Windows containers are out of scope: one note, no findings.
		d.at(RuleWindows, d.final().from, "the final stage is a Windows container (%s): check covers Linux images only, nothing else is reported", why)
		return d.finish(), nil
	}
	d.rt = d.runtime(d.final())
	d.checkMetaArgs(metaArgs)
	for _, s := range d.stages {
		d.checkStage(s)
	}
	d.checkRuntime()
	return d.finish(), nil
}

// dfCheck is the state of one Dockerfile check.
type dfCheck struct {
	reporter
	lines   []string
	escape  rune
	ast     *parser.Node
	nodes   map[int]*parser.Node // instructions by start line
	metaEnv mapEnv               // ARGs before the first FROM, with defaults
	stages  []*stage
	rt      *runtimeState // what the final stage's chain does
	// owner is, for each finding, the start line of the instruction it
	// belongs to (what an ignore comment above that instruction covers);
	// 0 for findings that cannot be ignored inline.
	owner []int
}

// stage is one FROM and its instructions.
type stage struct {
	index  int
	name   string
	from   *parser.Node
	image  string // the base image, expanded; "" when FROM names a stage or cannot be resolved
	ref    imageRef
	parent *stage // the earlier stage this one is FROM
	cmds   []stageCmd
	chain  bool // the final stage or one it builds on: what ships
}

type stageCmd struct {
	cmd  instructions.Command
	node *parser.Node
}

// root returns the stage at the start of s's FROM chain.
func (s *stage) root() *stage {
	for s.parent != nil {
		s = s.parent
	}
	return s
}

// chainStages returns s's FROM chain, root first.
func (s *stage) chainStages() []*stage {
	var out []*stage
	for c := s; c != nil; c = c.parent {
		out = append(out, c)
	}
	slices.Reverse(out)
	return out
}

func (d *dfCheck) buildStages(stages []instructions.Stage) {
	for i := range stages {
		st := &stages[i]
		s := &stage{index: i, name: st.Name}
		if len(st.Location) > 0 {
			s.from = d.nodes[st.Location[0].Start.Line]
		}
		for _, prev := range d.stages {
			if prev.name != "" && strings.EqualFold(prev.name, st.BaseName) {
				s.parent = prev
			}
		}
		if s.parent == nil {
			if img, ok := d.expand(st.BaseName, d.metaEnv); ok {
				s.image = img
				s.ref = parseImage(img)
			}
		}
		for _, c := range st.Commands {
			var n *parser.Node
			if loc := c.Location(); len(loc) > 0 {
				n = d.nodes[loc[0].Start.Line]
			}
			if n == nil {
				n = s.from
			}
			s.cmds = append(s.cmds, stageCmd{cmd: c, node: n})
		}
		d.stages = append(d.stages, s)
	}
	for s := d.final(); s != nil; s = s.parent {
		s.chain = true
	}
}

func (d *dfCheck) final() *stage { return d.stages[len(d.stages)-1] }

// expand substitutes build arguments in a word; it fails when the word uses
// a variable without a value.
func (d *dfCheck) expand(word string, env mapEnv) (string, bool) {
	res, err := shell.NewLex(d.escape).ProcessWordWithMatches(word, env)
	if err != nil || len(res.Unmatched) > 0 {
		return "", false
	}
	return res.Result, true
}

// literal unquotes a value; ok is false when it uses a variable.
func (d *dfCheck) literal(value string) (string, bool) {
	res, err := shell.NewLex(d.escape).ProcessWordWithMatches(value, mapEnv{})
	if err != nil || len(res.Unmatched) > 0 || len(res.Matched) > 0 {
		return "", false
	}
	return res.Result, true
}

// col returns the 1-based column where an instruction starts.
func (d *dfCheck) col(n *parser.Node) int {
	if n == nil || n.StartLine < 1 || n.StartLine > len(d.lines) {
		return 1
	}
	l := d.lines[n.StartLine-1]
	return len(l) - len(strings.TrimLeft(l, " \t")) + 1
}

// at reports a finding on instruction n, at its start.
func (d *dfCheck) at(rule *Rule, n *parser.Node, format string, args ...any) {
	line := 1
	if n != nil {
		line = n.StartLine
	}
	d.atPos(rule, n, line, d.col(n), format, args...)
}

// atPos reports a finding that belongs to instruction n at a position
// inside it.
func (d *dfCheck) atPos(rule *Rule, n *parser.Node, line, col int, format string, args ...any) {
	d.add(rule, line, col, format, args...)
	owner := 0
	if n != nil {
		owner = n.StartLine
	}
	d.owner = append(d.owner, owner)
}

func (d *dfCheck) checkMetaArgs(args []instructions.ArgCommand) {
	for i := range args {
		a := &args[i]
		var n *parser.Node
		if loc := a.Location(); len(loc) > 0 {
			n = d.nodes[loc[0].Start.Line]
		}
		d.checkArg(a, n)
	}
}

// checkStage runs the rules that look at one instruction at a time.
func (d *dfCheck) checkStage(s *stage) {
	d.checkFrom(s)
	d.checkLifecycle(s)
	for _, sc := range s.cmds {
		n := sc.node
		switch c := sc.cmd.(type) {
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				d.checkVar("ENV", kv.Key, &kv.Value, n)
			}
		case *instructions.ArgCommand:
			d.checkArg(c, n)
		case *instructions.LabelCommand:
			for _, kv := range c.Labels {
				v, ok := d.literal(kv.Value)
				switch {
				case !ok:
				case secretscan.PasswordLikeName(kv.Key) && !secretscan.HarmlessValue(v):
					d.at(RuleSecretValue, n, "LABEL %s holds a literal secret value", kv.Key)
				case credentialFormat(v):
					d.at(RuleSecretValue, n, "LABEL %s holds what looks like a credential", kv.Key)
				case urlCredentials(v):
					d.at(RuleURLCredentials, n, "LABEL %s has a password in a URL: %s", kv.Key, redactURL(v))
				}
			}
		case *instructions.AddCommand:
			d.checkAdd(c, n)
		case *instructions.CopyCommand:
			d.checkSources("COPY", c.SourcePaths, n)
		case *instructions.RunCommand:
			d.checkRun(s, c, n)
		case *instructions.WorkdirCommand:
			p := c.Path
			if p != "" && !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "$") && !isWindowsPath(p) {
				d.at(RuleRelativeWorkdir, n, "WORKDIR %s is relative", p)
			}
		case *instructions.ExposeCommand:
			if !s.chain {
				continue
			}
			for _, p := range c.Ports {
				port, _, _ := strings.Cut(p, "/")
				if port == "22" {
					d.at(RuleExposeSSH, n, "")
				}
			}
		case *instructions.CmdCommand:
			if s.chain && c.PrependShell {
				d.at(RuleShellForm, n, "CMD in shell form: the app runs under /bin/sh -c and does not get SIGTERM")
			}
		case *instructions.EntrypointCommand:
			if s.chain && c.PrependShell {
				d.at(RuleShellForm, n, "ENTRYPOINT in shell form: the app runs under /bin/sh -c and does not get SIGTERM")
			}
		}
	}
}

func (d *dfCheck) checkFrom(s *stage) {
	if s.parent != nil || s.image == "" || s.ref.Repo == "scratch" {
		return
	}
	r := s.ref
	switch {
	case r.Digest != "":
	case strings.EqualFold(r.Tag, "latest"):
		d.at(RuleLatestTag, s.from, "base image %s uses the 'latest' tag", s.image)
	case r.Tag == "":
		d.at(RuleUntagged, s.from, "base image %s has no tag (it means 'latest')", s.image)
	default:
		d.at(RuleNoDigest, s.from, "base image %s is not pinned by digest", s.image)
	}
}

func (d *dfCheck) checkArg(a *instructions.ArgCommand, n *parser.Node) {
	for _, kv := range a.Args {
		if kv.Value == nil {
			if secretscan.PasswordLikeName(kv.Key) {
				d.at(RuleSecretArg, n, "ARG %s passes a secret as a build argument (docker history shows its value)", kv.Key)
			}
			continue
		}
		d.checkVar("ARG", kv.Key, kv.Value, n)
	}
}

// checkVar checks an ENV or ARG with a value.
func (d *dfCheck) checkVar(kw, key string, raw *string, n *parser.Node) {
	v, lit := d.literal(*raw)
	if !lit {
		return
	}
	switch {
	case secretscan.PasswordLikeName(key) && !secretscan.HarmlessValue(v):
		d.at(RuleSecretValue, n, "%s %s holds a literal secret value", kw, key)
	case credentialFormat(v):
		d.at(RuleSecretValue, n, "%s %s holds what looks like a credential", kw, key)
	}
	if what, bad := insecureEnv(key, v); bad {
		d.at(RuleInsecureTransport, n, "%s %s=%s %s", kw, key, v, what)
	}
	if urlCredentials(v) {
		d.at(RuleURLCredentials, n, "%s %s has a password in a URL: %s", kw, key, redactURL(v))
	}
}

func (d *dfCheck) checkAdd(c *instructions.AddCommand, n *parser.Node) {
	var local []string
	for _, src := range c.SourcePaths {
		switch {
		case isGitURL(src):
		case isURL(src):
			if c.Checksum == "" {
				d.at(RuleAddURLNoChecksum, n, "ADD %s downloads without --checksum", src)
			}
		case isArchive(src):
		default:
			local = append(local, src)
		}
	}
	if len(local) > 0 {
		d.at(RuleAddInsteadOfCopy, n, "ADD %s copies from the build context: use COPY", strings.Join(local, " "))
	}
	d.checkSources("ADD", c.SourcePaths, n)
}

func (d *dfCheck) checkSources(kw string, srcs []string, n *parser.Node) {
	for _, src := range srcs {
		if isURL(src) {
			if urlCredentials(src) {
				d.at(RuleURLCredentials, n, "%s source %s has a password in the URL", kw, redactURL(src))
			}
			continue
		}
		if what, ok := secretFile(src); ok {
			d.at(RuleSecretFile, n, "%s %s puts %s into a layer", kw, src, what)
		}
	}
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func isGitURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || (isURL(l) && (strings.Contains(l, ".git#") || strings.HasSuffix(l, ".git")))
}

var archiveExts = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".tar.lz", ".tar.lzma"}

func isArchive(s string) bool {
	l := strings.ToLower(s)
	for _, e := range archiveExts {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// windows reports whether the final stage is a Windows container, and
// why: its base is a Windows image, its SHELL is PowerShell or cmd, or the
// file uses the backtick escape with a Windows WORKDIR.
func (d *dfCheck) windows() (string, bool) {
	final := d.final()
	if root := final.root(); root.image != "" && root.ref.windows() {
		return "base image " + root.image, true
	}
	for _, s := range final.chainStages() {
		for _, sc := range s.cmds {
			switch c := sc.cmd.(type) {
			case *instructions.ShellCommand:
				if len(c.Shell) > 0 {
					exe := strings.ToLower(c.Shell[0])
					exe = exe[strings.LastIndexAny(exe, `/\`)+1:]
					if slices.Contains([]string{"powershell", "powershell.exe", "pwsh", "pwsh.exe", "cmd", "cmd.exe"}, exe) {
						return "SHELL " + c.Shell[0], true
					}
				}
			case *instructions.WorkdirCommand:
				if d.escape == '`' && isWindowsPath(c.Path) {
					return "escape=` and WORKDIR " + c.Path, true
				}
			}
		}
	}
	return "", false
}

func isWindowsPath(p string) bool {
	return len(p) >= 2 && p[1] == ':' || strings.HasPrefix(p, `\`)
}

// redactURL replaces the password of a URL with ***.
func redactURL(s string) string {
	m := secretscan.URLPasswordRE.FindStringSubmatchIndex(s)
	if m == nil {
		return s
	}
	return s[:m[2]] + "***" + s[m[3]:]
}

// runtimeState is what the final stage's FROM chain does, in order.
type runtimeState struct {
	user          string
	userNode      *parser.Node
	userUnknown   bool
	healthcheck   bool
	stripsSetuid  bool
	recommendsCfg bool // apt is configured not to install recommends
	env           mapEnv
	entrypoint    []string // the last exec-form ENTRYPOINT
	cmd           []string // the last exec-form CMD
}

// entry returns the program the image starts in exec form: its
// ENTRYPOINT, else its CMD; nil when it is in shell form or unknown.
func (rs *runtimeState) entry() []string {
	if len(rs.entrypoint) > 0 {
		return rs.entrypoint
	}
	return rs.cmd
}

// checkRuntime runs the rules about what the final image is: its user,
// health check, setuid bits and base.
func (d *dfCheck) checkRuntime() {
	final := d.final()
	rs := d.rt
	root := final.root()
	if root.image == "" {
		return // the base cannot be resolved: nothing can be said about it
	}
	fromNode := final.from
	switch {
	case rs.userUnknown:
	case rs.userNode == nil:
		if !root.ref.nonrootDefault() {
			d.at(RuleRootUser, fromNode, "the runtime stage never sets USER, so the app runs as root")
		}
	default:
		u, _, _ := strings.Cut(rs.user, ":")
		switch {
		case u == "root" || u == "0":
			d.at(RuleRootUser, rs.userNode, "USER %s: the app runs as root", rs.user)
		case !isNumber(u):
			d.at(RuleUserName, rs.userNode, "USER %s names a user: use its numeric uid", rs.user)
		}
	}
	if !rs.healthcheck {
		d.at(RuleNoHealthcheck, fromNode, "")
		d.fix(healthcheckProbe(root.ref, rs.entry())...)
	}
	if !root.ref.shellless() && !rs.stripsSetuid {
		d.at(RuleSetuid, fromNode, "the runtime image on %s keeps its setuid and setgid binaries", root.image)
	}
	if what, ok := root.ref.toolchain(); ok {
		switch {
		case len(d.stages) == 1:
			d.at(RuleSingleStageToolchain, fromNode, "single-stage build on %s ships the %s", root.image, what)
		case final.parent != nil:
			d.at(RuleRuntimeIsBuilder, fromNode, "the runtime stage builds on stage %q, which runs on %s (%s)", final.parent.name, root.image, what)
		default:
			d.at(RuleRuntimeIsBuilder, fromNode, "the runtime stage runs on %s (%s)", root.image, what)
		}
	}
}

func isNumber(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

// runtime follows the final stage's chain and records what ships.
func (d *dfCheck) runtime(final *stage) *runtimeState {
	rs := &runtimeState{env: mapEnv{}}
	for k, v := range final.root().ref.imageEnv() {
		rs.env[k] = v
	}
	for k, v := range d.metaEnv {
		rs.env[k] = v
	}
	for _, s := range final.chainStages() {
		for _, sc := range s.cmds {
			switch c := sc.cmd.(type) {
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					if kv.Value != nil {
						if v, ok := d.expand(*kv.Value, rs.env); ok {
							rs.env[kv.Key] = v
						}
					} else if v, ok := d.metaEnv[kv.Key]; ok {
						rs.env[kv.Key] = v
					}
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					if v, ok := d.expand(kv.Value, rs.env); ok {
						rs.env[kv.Key] = v
					}
				}
			case *instructions.UserCommand:
				rs.userNode = sc.node
				u, ok := d.expand(c.User, rs.env)
				rs.user, rs.userUnknown = u, !ok
			case *instructions.HealthCheckCommand:
				rs.healthcheck = true
			case *instructions.EntrypointCommand:
				rs.entrypoint = nil
				if !c.PrependShell {
					rs.entrypoint = c.CmdLine
				}
			case *instructions.CmdCommand:
				rs.cmd = nil
				if !c.PrependShell {
					rs.cmd = c.CmdLine
				}
			case *instructions.RunCommand:
				sh := d.runScript(c, sc.node)
				if stripsSetuid(sh) {
					rs.stripsSetuid = true
				}
				for _, cmd := range sh.Cmds {
					for _, a := range cmd.Args {
						if strings.Contains(a, "Install-Recommends") {
							rs.recommendsCfg = true
						}
					}
				}
			}
		}
	}
	return rs
}

// stripsSetuid reports whether a script removes setuid and setgid bits:
// find … -perm /6000 … -exec chmod a-s, -delete, or | xargs chmod a-s.
func stripsSetuid(sc *script) bool {
	found, removes := false, false
	for _, c := range sc.Cmds {
		argv := effective(c.Args)
		if len(argv) == 0 {
			continue
		}
		switch base(argv[0]) {
		case "find":
			perm := false
			for i, a := range argv {
				if a == "-perm" && i+1 < len(argv) && setuidPerm(argv[i+1]) {
					perm = true
				}
			}
			if !perm {
				continue
			}
			found = true
			for i, a := range argv {
				if a == "-delete" {
					removes = true
				}
				if (a == "-exec" || a == "-execdir") && i+1 < len(argv) && base(argv[i+1]) == "chmod" {
					for _, m := range argv[i+2:] {
						if removesSetuidMode(m) {
							removes = true
						}
					}
				}
			}
		case "chmod":
			for _, m := range argv[1:] {
				if removesSetuidMode(m) {
					removes = true
				}
			}
		}
	}
	return found && removes
}

// setuidPerm reports whether a find -perm argument selects setuid or setgid
// files: /6000, -4000, +2000, /u+s, /u=s,g=s…
func setuidPerm(p string) bool {
	p = strings.TrimLeft(p, "/-+")
	if n, err := strconv.ParseUint(p, 8, 32); err == nil {
		return n&0o6000 != 0
	}
	return strings.Contains(p, "s")
}

// removesSetuidMode reports whether a chmod mode removes the setuid or
// setgid bit: a-s, u-s,g-s, -s, ug-s.
func removesSetuidMode(m string) bool {
	for _, clause := range strings.Split(m, ",") {
		who, perms, ok := strings.Cut(clause, "-")
		if !ok || strings.Trim(who, "ugoa") != "" || strings.Trim(perms, "rwxXst") != "" {
			continue
		}
		if strings.Contains(perms, "s") {
			return true
		}
	}
	return false
}

// mapEnv is a set of build arguments for BuildKit's shell lexer.
type mapEnv map[string]string

func (m mapEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m mapEnv) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// runScript returns what a RUN runs, with positions in the Dockerfile.
func (d *dfCheck) runScript(run *instructions.RunCommand, n *parser.Node) *script {
	line, col := 1, 1
	if n != nil {
		line, col = n.StartLine, d.col(n)
	}
	collapsed := func(syntax.Pos) (int, int) { return line, col }
	if !run.PrependShell {
		return execScript(run.CmdLine, line, col)
	}
	cmdText := strings.Join(run.CmdLine, " ")
	if n != nil && len(n.Heredocs) > 0 {
		fields := strings.Fields(cmdText)
		only := len(fields) > 0
		for _, f := range fields {
			if !strings.HasPrefix(f, "<<") {
				only = false
			}
		}
		if only {
			content := n.Heredocs[0].Content
			if strings.HasPrefix(content, "#!") && !strings.Contains(strings.SplitN(content, "\n", 2)[0], "sh") {
				return &script{} // a script in another language
			}
			if sc, err := parseShell(content, func(p syntax.Pos) (int, int) { return line + int(p.Line()), int(p.Col()) }, false, 0); err == nil {
				return sc
			}
			return &script{}
		}
		var b strings.Builder
		b.WriteString(cmdText + "\n")
		for _, h := range n.Heredocs {
			b.WriteString(h.Content)
			if !strings.HasSuffix(h.Content, "\n") && h.Content != "" {
				b.WriteString("\n")
			}
			b.WriteString(h.Name + "\n")
		}
		if sc, err := parseShell(b.String(), collapsed, false, 0); err == nil {
			return sc
		}
		return &script{}
	}
	if d.escape == '\\' && n != nil {
		if src, ok := d.rawRun(n); ok {
			if sc, err := parseShell(src, func(p syntax.Pos) (int, int) { return line + int(p.Line()) - 1, int(p.Col()) }, false, 0); err == nil {
				return sc
			}
		}
	}
	if sc, err := parseShell(cmdText, collapsed, false, 0); err == nil {
		return sc
	}
	return &script{}
}

// rawRun returns the source lines of a shell-form RUN as shell text with
// the same line and column positions: the keyword and flags are blanked,
// and the comment and empty lines BuildKit skips inside a continuation
// become bare continuations. POSIX shells read backslash-newline as
// Dockerfiles do, so the text parses as the command BuildKit runs.
func (d *dfCheck) rawRun(n *parser.Node) (string, bool) {
	if n.StartLine < 1 || n.EndLine > len(d.lines) || n.EndLine < n.StartLine {
		return "", false
	}
	ls := slices.Clone(d.lines[n.StartLine-1 : n.EndLine])
	for i := range ls {
		if i > 0 {
			t := strings.TrimSpace(ls[i])
			if t == "" || strings.HasPrefix(t, "#") {
				ls[i] = `\`
				continue
			}
		}
		if i < len(ls)-1 {
			if t := strings.TrimRight(ls[i], " \t"); strings.HasSuffix(t, `\`) {
				ls[i] = t
			}
		}
	}
	b := []byte(strings.Join(ls, "\n"))
	i := len(ls[0]) - len(strings.TrimLeft(ls[0], " \t"))
	if i+3 > len(b) || !strings.EqualFold(string(b[i:i+3]), "run") {
		return "", false
	}
	copy(b[i:i+3], "   ")
	p := i + 3
	for range n.Flags {
		for p < len(b) {
			if b[p] == ' ' || b[p] == '\t' {
				p++
				continue
			}
			if b[p] == '\\' && p+1 < len(b) && b[p+1] == '\n' {
				p += 2
				continue
			}
			break
		}
		if !bytes.HasPrefix(b[p:], []byte("--")) {
			return "", false
		}
		var quote byte
		for p < len(b) {
			c := b[p]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if c == ' ' || c == '\t' || c == '\n' || c == '\\' && p+1 < len(b) && b[p+1] == '\n' {
				break
			}
			if c != '\n' {
				b[p] = ' '
			}
			p++
		}
	}
	return string(b), true
}
