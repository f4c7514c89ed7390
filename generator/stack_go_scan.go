package generator

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"
)

// The go stack reads a project's Go sources with go/parser (it runs
// nothing): the main package and, bounded, the module's packages it
// imports. What it looks for is data, in stack_go_port.go (listen calls,
// flags, environment variables) and stack_go_files.go (run-time reads,
// //go:embed).

// goMaxPackages bounds how many of the module's packages a scan reads,
// goMaxDepth how deep it follows imports from the main package.
const (
	goMaxPackages = 16
	goMaxDepth    = 3
)

// goFacts is what a scan found, in source order, main package first.
type goFacts struct {
	listens []goListen
	flags   []goSetting
	envs    []goSetting
	// flagsParsed: the code calls flag.Parse() or a FlagSet's Parse(args):
	// without it, Go's flags keep their defaults whatever the command says.
	flagsParsed bool
	// readsPORT is where the code (or its framework: gin's Run()) reads
	// PORT; "" when it does not.
	readsPORT, readsPORTHow string
	reads                   []goRead
	embeds                  []goEmbed
	// viper's AddConfigPath and SetConfigName, which together name a file.
	configPaths, configNames []goRead
	// cobra commands by variable name, and which command adds which.
	cobra  map[string]goCobra
	parent map[string]string
}

// goListen is an address the app listens on, as far as it could be read
// (unknown parts are goUnknown).
type goListen struct {
	addr, from, how string
}

// goSetting is a flag or an environment variable the app reads, with its
// default as written ("" when it has none).
type goSetting struct {
	name, def, from string
	// pflag: the flag is written --name (pflag, cobra, urfave/cli);
	// recv: the variable of the command (cobra) the flag belongs to.
	pflag bool
	recv  string
}

// goRead is a path the app reads at run time.
type goRead struct {
	path, from, how string
}

// goEmbed is a //go:embed pattern, relative to the module root.
type goEmbed struct {
	pattern, from string
}

// goCobra is a cobra command: the first word of its Use, where it is set.
type goCobra struct {
	use, from string
}

// goUnknown stands for a part of a string the scan could not evaluate.
const goUnknown = "\x00"

// goScanner walks one file.
type goScanner struct {
	p       *project
	file    string
	fset    *token.FileSet
	imports map[string]string // local name → import path
	consts  map[string]string // identifier → string value (package and function level)
	pos     map[string]token.Pos
	// made maps a variable to the package function that made it
	// (r → github.com/gin-gonic/gin.Default), in this file.
	made  map[string]string
	facts *goFacts
}

// goScan reads the main package of c and the module packages it imports.
func goScan(p *project, c *Candidate) *goFacts {
	facts := &goFacts{cobra: map[string]goCobra{}, parent: map[string]string{}}
	module := ""
	if data, ok := p.read("go.mod"); ok {
		if m := goModuleRE.FindSubmatch(data); m != nil {
			module = string(m[1])
		}
	}
	type pkg struct {
		dir   string
		depth int
	}
	seen := map[string]bool{}
	queue := []pkg{{strings.TrimPrefix(path.Clean(c.Main.Value), "./"), 0}}
	fset := token.NewFileSet()
	for len(queue) > 0 && len(seen) < goMaxPackages {
		pk := queue[0]
		queue = queue[1:]
		if seen[pk.dir] {
			continue
		}
		seen[pk.dir] = true
		var files []*ast.File
		var names []string
		for _, name := range goFiles(p, pk.dir) {
			data, ok := p.read(name)
			if !ok {
				continue
			}
			f, err := parser.ParseFile(fset, name, data, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				continue
			}
			files = append(files, f)
			names = append(names, name)
		}
		// Package-level constants first: a file may use another's.
		consts, pos := map[string]string{}, map[string]token.Pos{}
		for _, f := range files {
			goConsts(f, consts, pos)
		}
		for i, f := range files {
			s := &goScanner{p: p, file: names[i], fset: fset, imports: goImports(f), consts: consts, pos: pos, made: map[string]string{}, facts: facts}
			s.scan(f, pk.dir)
			if module == "" || pk.depth >= goMaxDepth {
				continue
			}
			for _, imp := range f.Imports {
				ip, _ := strconv.Unquote(imp.Path.Value)
				if rest, ok := strings.CutPrefix(ip, module+"/"); ok && !seen[rest] {
					queue = append(queue, pkg{rest, pk.depth + 1})
				}
			}
		}
	}
	return facts
}

// goImports maps each import's local name to its path.
func goImports(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, imp := range f.Imports {
		ip, _ := strconv.Unquote(imp.Path.Value)
		name := path.Base(ip)
		if goMajorRE.MatchString(name) {
			name = path.Base(path.Dir(ip))
		}
		name = strings.TrimPrefix(name, "go-")
		if imp.Name != nil {
			name = imp.Name.Name
		}
		m[name] = ip
	}
	return m
}

// goConsts records the string constants and variables of a file: name =
// "literal" at package level and, scope-blind, name := "literal" in
// functions (the first one wins).
func goConsts(f *ast.File, consts map[string]string, pos map[string]token.Pos) {
	set := func(name string, e ast.Expr) {
		if _, ok := consts[name]; ok {
			return
		}
		if lit, ok := e.(*ast.BasicLit); ok {
			if v, ok := goLit(lit); ok {
				consts[name], pos[name] = v, lit.Pos()
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if i < len(n.Values) {
					set(id.Name, n.Values[i])
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						set(id.Name, n.Rhs[i])
					}
				}
			}
		}
		return true
	})
}

func goLit(lit *ast.BasicLit) (string, bool) {
	switch lit.Kind {
	case token.STRING:
		v, err := strconv.Unquote(lit.Value)
		return v, err == nil
	case token.INT:
		return lit.Value, true
	}
	return "", false
}

func (s *goScanner) at(pos token.Pos) string {
	p := s.fset.Position(pos)
	return fmt.Sprintf("%s:%d", p.Filename, p.Line)
}

// where is the position of a value: the literal a constant names, else
// the expression.
func (s *goScanner) where(e ast.Expr) token.Pos {
	found := token.NoPos
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && found == token.NoPos {
			if p, ok := s.pos[id.Name]; ok {
				found = p
			}
		}
		return found == token.NoPos
	})
	if found != token.NoPos {
		return found
	}
	return e.Pos()
}

// eval returns the string an expression evaluates to, with goUnknown for
// what it cannot read: literals, constants, +, filepath.Join, the address
// forms of fmt.Sprintf.
func (s *goScanner) eval(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		if v, ok := goLit(e); ok {
			return v
		}
	case *ast.Ident:
		if v, ok := s.consts[e.Name]; ok {
			return v
		}
	case *ast.ParenExpr:
		return s.eval(e.X)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return s.eval(e.X) + s.eval(e.Y)
		}
	case *ast.CallExpr:
		pkg, fn := s.callee(e)
		switch {
		case (pkg == "path/filepath" || pkg == "path") && fn == "Join":
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, s.eval(a))
			}
			return path.Join(parts...)
		case pkg == "fmt" && fn == "Sprintf" && len(e.Args) > 0:
			format := s.eval(e.Args[0])
			if strings.Contains(format, goUnknown) {
				return goUnknown
			}
			var out strings.Builder
			args := e.Args[1:]
			for i := 0; i < len(format); i++ {
				if format[i] != '%' || i+1 == len(format) {
					out.WriteByte(format[i])
					continue
				}
				i++
				if format[i] == '%' {
					out.WriteByte('%')
				} else if len(args) > 0 {
					out.WriteString(s.eval(args[0]))
					args = args[1:]
				} else {
					out.WriteString(goUnknown)
				}
			}
			return out.String()
		}
	}
	return goUnknown
}

// known returns the value of an expression when all of it could be read.
func (s *goScanner) known(e ast.Expr) (string, bool) {
	v := s.eval(e)
	return v, !strings.Contains(v, goUnknown)
}

// callee names what a call calls: the import path and function of a
// package function (net/http, ListenAndServe), or "" and the method name.
func (s *goScanner) callee(call *ast.CallExpr) (pkg, fn string) {
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			if ip, ok := s.imports[id.Name]; ok {
				return ip, f.Sel.Name
			}
		}
		return "", f.Sel.Name
	case *ast.Ident:
		return "", f.Name
	}
	return "", ""
}

// imported reports whether the file imports a path with the prefix.
func (s *goScanner) imported(prefix string) bool {
	for _, ip := range s.imports {
		if ip == prefix || strings.HasPrefix(ip, prefix+"/") {
			return true
		}
	}
	return false
}

// needs reports whether a call (pkg: the callee's package, "" for a
// method) may be a function or method of the package at prefix: its own
// function, or a method in a file that imports it.
func (s *goScanner) needs(pkg, prefix string) bool {
	if pkg != "" {
		return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
	}
	return s.imported(prefix)
}

// recvRoot returns the variable at the root of a method call's receiver
// (serveCmd in serveCmd.Flags().IntVarP), or "".
func recvRoot(call *ast.CallExpr) string {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	e := sel.X
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.CallExpr:
			e = x.Fun
		case *ast.SelectorExpr:
			e = x.X
		default:
			return ""
		}
	}
}

// scan records what one file says.
func (s *goScanner) scan(f *ast.File, dir string) {
	for _, cg := range f.Comments {
		for _, cm := range cg.List {
			if rest, ok := strings.CutPrefix(cm.Text, "//go:embed "); ok {
				for _, pat := range goEmbedPatterns(rest) {
					s.facts.embeds = append(s.facts.embeds, goEmbed{pattern: path.Join(dir, pat), from: s.at(cm.Pos())})
				}
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			s.call(n)
		case *ast.CompositeLit:
			s.composite(n)
		case *ast.BlockStmt:
			s.envDefaults(n.List)
		case *ast.CaseClause:
			s.envDefaults(n.Body)
		case *ast.BasicLit:
			if v, ok := goLit(n); ok && n.Kind == token.STRING {
				for _, pre := range goSourceURLs {
					if rest, ok := strings.CutPrefix(v, pre.prefix); ok && rest != "" {
						s.facts.reads = append(s.facts.reads, goRead{path: rest, from: s.at(n.Pos()), how: pre.how})
					}
				}
			}
		case *ast.StructType:
			s.structTags(n)
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if i < len(n.Values) {
					s.assigned(id.Name, n.Values[i])
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					s.assigned(goLastName(l), n.Rhs[i])
				}
			}
		}
		return true
	})
}

// assigned records what a variable is: a cobra command, or the result of
// a package function (gin.Default()).
func (s *goScanner) assigned(name string, e ast.Expr) {
	s.cobraVar(name, e)
	if call, ok := e.(*ast.CallExpr); ok {
		if pkg, fn := s.callee(call); pkg != "" {
			s.made[name] = pkg + "." + fn
		}
	}
}

// goEmbedPatterns splits a //go:embed line into its patterns (quoted or not).
func goEmbedPatterns(line string) []string {
	var out []string
	for _, w := range strings.Fields(line) {
		if u, err := strconv.Unquote(w); err == nil {
			w = u
		}
		w = strings.TrimPrefix(w, "all:")
		out = append(out, w)
	}
	return out
}
