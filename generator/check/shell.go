package check

import (
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// shCmd is one simple command of a RUN's shell script.
type shCmd struct {
	// Args are the words, quotes removed; expansions are kept as written
	// ($HOME, $(cmd)).
	Args []string
	// Env holds the VAR=value assignments written before the command.
	Env map[string]string
	// Line and Col are the command's position in the Dockerfile.
	Line, Col int
	// Sub is true inside a subshell, a command substitution or sh -c, where
	// cd and exported variables do not outlast the command.
	Sub bool
	// Substs are the commands inside $(…), `…` or <(…) in its arguments.
	Substs []*shCmd
}

// shPipe is a pipeline: the commands on the left of a | and on its right.
type shPipe struct{ Left, Right []*shCmd }

// script is what a RUN runs, as commands and pipelines.
type script struct {
	Cmds  []*shCmd
	Pipes []shPipe
}

// posMap maps a position in parsed shell text to a Dockerfile line and column.
type posMap func(p syntax.Pos) (line, col int)

// parseShell parses src as a bash script. It fails when src is not valid
// shell syntax.
func parseShell(src string, pm posMap, sub bool, depth int) (*script, error) {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		return nil, err
	}
	sc := &script{}
	byCall := map[*syntax.CallExpr]*shCmd{}
	var pipes [][2]*syntax.Stmt
	var walk func(n syntax.Node, sub bool)
	walk = func(n syntax.Node, sub bool) {
		syntax.Walk(n, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.Subshell:
				for _, s := range n.Stmts {
					walk(s, true)
				}
				return false
			case *syntax.CmdSubst:
				for _, s := range n.Stmts {
					walk(s, true)
				}
				return false
			case *syntax.ProcSubst:
				for _, s := range n.Stmts {
					walk(s, true)
				}
				return false
			case *syntax.BinaryCmd:
				if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
					pipes = append(pipes, [2]*syntax.Stmt{n.X, n.Y})
				}
			case *syntax.CallExpr:
				c := &shCmd{Sub: sub}
				c.Line, c.Col = pm(n.Pos())
				for _, a := range n.Assigns {
					if a.Name == nil {
						continue
					}
					if c.Env == nil {
						c.Env = map[string]string{}
					}
					v := ""
					if a.Value != nil {
						v = wordText(a.Value)
					}
					c.Env[a.Name.Value] = v
				}
				for _, w := range n.Args {
					c.Args = append(c.Args, wordText(w))
				}
				if len(c.Args) > 0 {
					byCall[n] = c
					sc.Cmds = append(sc.Cmds, c)
				}
			}
			return true
		})
	}
	walk(f, sub)
	calls := func(n syntax.Node) []*shCmd {
		var out []*shCmd
		syntax.Walk(n, func(n syntax.Node) bool {
			if ce, ok := n.(*syntax.CallExpr); ok {
				if c := byCall[ce]; c != nil {
					out = append(out, c)
				}
			}
			return true
		})
		return out
	}
	for _, p := range pipes {
		sc.Pipes = append(sc.Pipes, shPipe{Left: calls(p[0]), Right: calls(p[1])})
	}
	for ce, c := range byCall {
		for _, w := range ce.Args {
			syntax.Walk(w, func(n syntax.Node) bool {
				switch n := n.(type) {
				case *syntax.CmdSubst, *syntax.ProcSubst:
					c.Substs = append(c.Substs, calls(n)...)
					return false
				}
				return true
			})
		}
	}
	// What sh -c runs is parsed too, at the position of the sh command.
	if depth < 3 {
		for _, c := range slices.Clone(sc.Cmds) {
			if inner := shellDashC(c); inner != "" {
				line, col := c.Line, c.Col
				nested, err := parseShell(inner, func(syntax.Pos) (int, int) { return line, col }, true, depth+1)
				if err != nil {
					continue
				}
				sc.Cmds = append(sc.Cmds, nested.Cmds...)
				sc.Pipes = append(sc.Pipes, nested.Pipes...)
			}
		}
	}
	return sc, nil
}

// execScript is the script of an exec-form RUN: one command, plus what an
// sh -c in it runs.
func execScript(argv []string, line, col int) *script {
	c := &shCmd{Args: argv, Line: line, Col: col}
	sc := &script{Cmds: []*shCmd{c}}
	if inner := shellDashC(c); inner != "" {
		if nested, err := parseShell(inner, func(syntax.Pos) (int, int) { return line, col }, true, 1); err == nil {
			sc.Cmds = append(sc.Cmds, nested.Cmds...)
			sc.Pipes = append(sc.Pipes, nested.Pipes...)
		}
	}
	return sc
}

var shells = []string{"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"}

// shellDashC returns the script of "sh -c SCRIPT", or "".
func shellDashC(c *shCmd) string {
	argv := effective(c.Args)
	if len(argv) < 3 || !slices.Contains(shells, base(argv[0])) {
		return ""
	}
	for i := 1; i < len(argv)-1; i++ {
		a := argv[i]
		if !strings.HasPrefix(a, "-") {
			return ""
		}
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "c") {
			return argv[i+1]
		}
	}
	return ""
}

// wordText renders a shell word with its quotes removed; expansions are
// printed as written.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	for _, p := range w.Parts {
		partText(&b, p, false)
	}
	return b.String()
}

func partText(b *strings.Builder, p syntax.WordPart, dq bool) {
	switch p := p.(type) {
	case *syntax.Lit:
		b.WriteString(unescape(p.Value, dq))
	case *syntax.SglQuoted:
		b.WriteString(p.Value)
	case *syntax.DblQuoted:
		for _, q := range p.Parts {
			partText(b, q, true)
		}
	default:
		_ = syntax.NewPrinter().Print(b, p)
	}
}

// unescape removes the backslashes of a literal: every one outside quotes,
// and before $ ` " \ inside double quotes.
func unescape(s string, dq bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (!dq || strings.IndexByte("$`\"\\\n", s[i+1]) >= 0) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// base returns a command word's program name: the last element of its path.
func base(word string) string { return path.Base(word) }

// effective strips the wrappers that run another command (sudo, env, exec,
// nice, xargs, busybox…) and returns the command they run.
func effective(argv []string) []string {
	for range 8 {
		if len(argv) == 0 {
			return argv
		}
		name := base(argv[0])
		var takes string // wrapper flags that take a value
		switch name {
		case "sudo":
			takes = "ugpChDrtUT"
		case "env":
			takes = "uSC"
		case "nice":
			takes = "n"
		case "xargs":
			takes = "nILPsdEa"
		case "exec", "nohup", "time", "command", "builtin", "busybox", "chroot", "setsid", "stdbuf", "ionice", "doas":
			takes = ""
		case "timeout":
			takes = "sk"
		case "gosu", "su-exec":
			if len(argv) < 3 {
				return argv
			}
			argv = argv[2:]
			continue
		default:
			return argv
		}
		i := 1
		for i < len(argv) {
			a := argv[i]
			if a == "--" {
				i++
				break
			}
			if name == "env" && strings.Contains(a, "=") && !strings.HasPrefix(a, "-") {
				i++
				continue
			}
			if !strings.HasPrefix(a, "-") || a == "-" {
				break
			}
			// -u user, -n 10: a short flag whose letter takes a value
			// consumes the next word unless it is attached (-uroot).
			if len(a) == 2 && strings.ContainsRune(takes, rune(a[1])) {
				i += 2
				continue
			}
			i++
		}
		if name == "timeout" && i < len(argv) {
			i++ // the duration
		}
		if name == "chroot" && i < len(argv) {
			i++ // the new root
		}
		argv = argv[i:]
	}
	return argv
}

// subcommand returns the first argument after argv[0] that is not a flag,
// skipping the values of flags listed in takesValue, and its index (or "", -1).
func subcommand(argv []string, takesValue ...string) (string, int) {
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		if strings.HasPrefix(a, "-") {
			if slices.Contains(takesValue, a) {
				i++
			}
			continue
		}
		return a, i
	}
	return "", -1
}

// hasFlag reports whether argv has one of the long flags (exactly, or with
// =value attached).
func hasFlag(argv []string, flags ...string) bool {
	for _, a := range argv {
		for _, f := range flags {
			if a == f || strings.HasPrefix(a, f+"=") {
				return true
			}
		}
	}
	return false
}

// shortFlag reports whether a cluster of short flags (-fsSLk) sets letter.
// Letters in stop take a value, which ends the cluster.
func shortFlag(argv []string, letter byte, stop string) bool {
	for _, a := range argv {
		if len(a) < 2 || a[0] != '-' || a[1] == '-' {
			continue
		}
		for i := 1; i < len(a); i++ {
			if a[i] == letter {
				return true
			}
			if strings.IndexByte(stop, a[i]) >= 0 {
				break
			}
		}
	}
	return false
}
