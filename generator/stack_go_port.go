package generator

import (
	"fmt"
	"go/ast"
	"go/token"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// goListenCall is a call that makes the app listen: fn (a package
// function of pkg when set, else a method of that name), the argument that
// is the address, how many arguments it takes (0: any), and the import a
// method needs in its file (a generic name such as Run or Start is gin's or
// echo's only there).
type goListenCall struct {
	pkg, fn string
	arg     int
	nargs   int
	needs   string
	how     string
}

var goListenCalls = []goListenCall{
	{pkg: "net/http", fn: "ListenAndServe", arg: 0, how: "http.ListenAndServe"},
	{pkg: "net/http", fn: "ListenAndServeTLS", arg: 0, how: "http.ListenAndServeTLS"},
	{pkg: "net", fn: "Listen", arg: 1, how: "net.Listen"},
	{fn: "Run", arg: 0, nargs: 1, needs: "github.com/gin-gonic/gin", how: "gin's Run"},
	{fn: "RunTLS", arg: 0, needs: "github.com/gin-gonic/gin", how: "gin's RunTLS"},
	{fn: "Start", arg: 0, nargs: 1, needs: "github.com/labstack/echo", how: "echo's Start"},
	{fn: "StartTLS", arg: 0, needs: "github.com/labstack/echo", how: "echo's StartTLS"},
	{fn: "Listen", arg: 0, nargs: 1, needs: "github.com/gofiber/fiber", how: "fiber's Listen"},
}

// goAddrFields are the address fields of server structs: http.Server's
// Addr, echo v5's StartConfig.Address.
var goAddrFields = map[string]string{"Server": "Addr", "StartConfig": "Address"}

// goPORTReaders are frameworks whose own call reads PORT: gin's Run()
// without an address listens on $PORT, else :8080. The method counts on a
// variable made by one of the package's makers (r := gin.Default()).
var goPORTReaders = []struct {
	fn, pkg string
	makers  []string
	def     string
	how     string
}{
	{fn: "Run", pkg: "github.com/gin-gonic/gin", makers: []string{"New", "Default"}, def: "8080", how: "gin's Run() without an address reads PORT (default 8080)"},
}

// goFlagFuncs maps the flag definitions of Go's flag and of pflag (cobra)
// to the positions of the flag's name and default: Int("port", 8080, ...),
// IntVar(&p, "port", 8080, ...), IntP("port", "p", 8080, ...),
// IntVarP(&p, "port", "p", 8080, ...).
var goFlagFuncs = func() map[string][2]int {
	m := map[string][2]int{}
	for _, t := range []string{"Int", "Int64", "Uint", "Uint16", "Uint64", "String"} {
		m[t] = [2]int{0, 1}
		m[t+"Var"] = [2]int{1, 2}
		m[t+"P"] = [2]int{0, 2}
		m[t+"VarP"] = [2]int{1, 3}
	}
	return m
}()

// goFlagPkgs are the packages whose flags are written -name (Go's flag)
// or --name (pflag).
var goFlagPkgs = map[string]bool{"flag": false, "github.com/spf13/pflag": true}

// goCLIFlagTypes are urfave/cli's flag structs: Name, Value, EnvVars.
var goCLIFlagTypes = map[string]bool{"IntFlag": true, "StringFlag": true, "UintFlag": true, "Int64Flag": true}

// Names of the settings that hold the app's port or address, and of
// those that hold its host (matched without case: flag names, environment
// variables, config keys). DB_PORT, METRICS_ADDR and the like do not match.
var (
	goPortNameRE = regexp.MustCompile(`(?i)^(?:(?:http|https|web|server|listen|app|api|bind|service)[-_.]?)?(?:port|addr|address|listen|listen[-_.]?addr(?:ess)?|bind)$|^http$`)
	goHostNameRE = regexp.MustCompile(`(?i)^(?:(?:http|server|listen|bind|app)[-_.]?)?(?:host|hostname|ip|interface)$`)
	goEnvNameRE  = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	// goFlagNameRE tells a flag's name from other first arguments of
	// methods named like flag definitions (gin's c.String(200, "ok")).
	goFlagNameRE = regexp.MustCompile(`^[A-Za-z][\w.-]*$`)
)

// goEnvFiles are the example environment files whose values are the
// defaults of the variables the code reads.
var goEnvFiles = []string{".env.example", ".env.sample", ".env.dist", "example.env"}

// goEnvTags are struct tags that bind a field to an environment variable
// and give its default (caarlos0/env, kelseyhightower/envconfig).
var goEnvTags = [][2]string{{"env", "envDefault"}, {"envconfig", "default"}}

// call records a call: a listen, a flag, an environment read, a run-time
// read, viper's config, a cobra AddCommand.
func (s *goScanner) call(call *ast.CallExpr) {
	pkg, fn := s.callee(call)
	for _, l := range goListenCalls {
		if fn != l.fn || (l.pkg != "" && pkg != l.pkg) || (l.pkg == "" && !s.needs(pkg, l.needs)) {
			continue
		}
		if (l.nargs > 0 && len(call.Args) != l.nargs) || l.arg >= len(call.Args) {
			continue
		}
		s.facts.listens = append(s.facts.listens, goListen{addr: s.eval(call.Args[l.arg]), from: s.at(s.where(call.Args[l.arg])), how: l.how})
	}
	for _, r := range goPORTReaders {
		if fn == r.fn && pkg == "" && len(call.Args) == 0 && s.facts.readsPORT == "" {
			maker := s.made[recvRoot(call)]
			if m, ok := strings.CutPrefix(maker, r.pkg+"."); !ok || !slices.Contains(r.makers, m) {
				continue
			}
			s.facts.readsPORT, s.facts.readsPORTHow = s.at(call.Pos()), r.how
			s.facts.envs = append(s.facts.envs, goSetting{name: "PORT", def: r.def, from: s.at(call.Pos())})
		}
	}
	if fn == "Parse" && (pkg == "flag" || (pkg == "" && len(call.Args) == 1)) {
		s.facts.flagsParsed = true
	}
	if pos, ok := goFlagFuncs[fn]; ok && pos[1] < len(call.Args) {
		pflag, isFlag := goFlagPkgs[pkg]
		if pkg == "" { // a method: fs.Int, cmd.Flags().IntVarP
			isFlag = true
			pflag = strings.HasSuffix(fn, "P") || strings.Contains(goExprText(call.Fun), "Flags()")
		}
		if name, ok := s.known(call.Args[pos[0]]); ok && isFlag && goFlagNameRE.MatchString(name) {
			def, _ := s.known(call.Args[pos[1]])
			s.facts.flags = append(s.facts.flags, goSetting{name: name, def: def, from: s.at(s.where(call.Args[pos[1]])), pflag: pflag, recv: recvRoot(call)})
		}
	}
	switch {
	case pkg == "os" && (fn == "Getenv" || fn == "LookupEnv") && len(call.Args) == 1:
		if name, ok := s.known(call.Args[0]); ok {
			s.env(name, "", call.Pos())
		}
	case pkg == "cmp" && fn == "Or" && len(call.Args) == 2:
		// cmp.Or(os.Getenv("PORT"), "8080")
		if inner, ok := call.Args[0].(*ast.CallExpr); ok {
			if ipkg, ifn := s.callee(inner); ipkg == "os" && ifn == "Getenv" && len(inner.Args) == 1 {
				name, ok1 := s.known(inner.Args[0])
				def, ok2 := s.known(call.Args[1])
				if ok1 && ok2 {
					s.env(name, def, call.Pos())
				}
			}
		}
	case s.envHelper(call, pkg, fn):
		// A helper such as getEnv("PORT", "8080") or getEnv("PORT").
		name, _ := s.known(call.Args[0])
		def := ""
		if len(call.Args) == 2 {
			def, _ = s.known(call.Args[1])
		}
		s.env(name, def, call.Pos())
	case fn == "AddCommand" && pkg == "":
		parent := recvRoot(call)
		for _, a := range call.Args {
			if child := goLastName(a); child != "" && parent != "" {
				s.facts.parent[child] = parent
			}
		}
	}
	s.read(call, pkg, fn)
}

// envHelper reports whether a call reads an environment variable through
// the app's own helper: a function or method whose name says env, called
// with the variable's name (and a default).
func (s *goScanner) envHelper(call *ast.CallExpr, pkg, fn string) bool {
	if pkg == "os" || len(call.Args) == 0 || len(call.Args) > 2 || !strings.Contains(strings.ToLower(fn), "env") {
		return false
	}
	name, ok := s.known(call.Args[0])
	if !ok || !goEnvNameRE.MatchString(name) {
		return false
	}
	if len(call.Args) == 2 {
		_, ok = s.known(call.Args[1])
	}
	return ok
}

// env records a read of an environment variable, with its default.
func (s *goScanner) env(name, def string, pos token.Pos) { s.envAt(name, def, pos, pos) }

// envAt records a read of an environment variable at read, with its
// default given at pos.
func (s *goScanner) envAt(name, def string, read, pos token.Pos) {
	from := s.at(pos)
	if name == "PORT" && s.facts.readsPORT == "" {
		s.facts.readsPORT, s.facts.readsPORTHow = s.at(read), "the app reads PORT"
	}
	for i, e := range s.facts.envs {
		if e.name == name && e.def == "" && def != "" {
			s.facts.envs[i].def, s.facts.envs[i].from = def, from
			return
		}
		if e.name == name {
			return
		}
	}
	s.facts.envs = append(s.facts.envs, goSetting{name: name, def: def, from: from})
}

// envDefaults reads the default of v := os.Getenv("X") given by a later
// if v == "" { v = "3000" } (or v, ok := os.LookupEnv("X"); if !ok {...}).
func (s *goScanner) envDefaults(list []ast.Stmt) {
	vars := map[string]string{} // variable → environment variable
	reads := map[string]token.Pos{}
	for _, st := range list {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if len(st.Rhs) != 1 {
				continue
			}
			call, ok := st.Rhs[0].(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				continue
			}
			if pkg, fn := s.callee(call); (pkg == "os" && (fn == "Getenv" || fn == "LookupEnv")) || s.envHelper(call, pkg, fn) {
				name, ok := s.known(call.Args[0])
				if !ok {
					continue
				}
				if id, ok := st.Lhs[0].(*ast.Ident); ok {
					vars[id.Name], reads[name] = name, call.Pos()
				}
				if len(st.Lhs) == 2 {
					if id, ok := st.Lhs[1].(*ast.Ident); ok {
						vars["!"+id.Name] = name + "\x00" + goLastName(st.Lhs[0])
					}
				}
			}
		case *ast.IfStmt:
			v, env := s.emptyTest(st.Cond, vars)
			if env == "" {
				continue
			}
			for _, b := range st.Body.List {
				a, ok := b.(*ast.AssignStmt)
				if !ok || len(a.Lhs) != 1 || len(a.Rhs) != 1 || goLastName(a.Lhs[0]) != v {
					continue
				}
				if def, ok := s.known(a.Rhs[0]); ok {
					s.envAt(env, def, reads[env], a.Pos())
				}
			}
		}
	}
}

// emptyTest recognises v == "", len(v) == 0 and !ok for a variable read
// from the environment, returning the variable and the environment name.
func (s *goScanner) emptyTest(cond ast.Expr, vars map[string]string) (string, string) {
	switch c := cond.(type) {
	case *ast.BinaryExpr:
		if c.Op != token.EQL {
			return "", ""
		}
		v := goLastName(c.X)
		if call, ok := c.X.(*ast.CallExpr); ok && goLastName(call.Fun) == "len" && len(call.Args) == 1 {
			v = goLastName(call.Args[0])
		}
		if lit, ok := c.Y.(*ast.BasicLit); ok && (lit.Value == `""` || lit.Value == "0") && vars[v] != "" {
			return v, vars[v]
		}
	case *ast.UnaryExpr:
		if c.Op == token.NOT {
			if e, ok := vars["!"+goLastName(c.X)]; ok {
				name, v, _ := strings.Cut(e, "\x00")
				return v, name
			}
		}
	}
	return "", ""
}

// composite records server structs' addresses, cobra commands and
// urfave/cli flags.
func (s *goScanner) composite(lit *ast.CompositeLit) {
	typ := goLastName(lit.Type)
	fields := map[string]ast.Expr{}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				fields[k.Name] = kv.Value
			}
		}
	}
	if f, ok := goAddrFields[typ]; ok && fields[f] != nil {
		s.facts.listens = append(s.facts.listens, goListen{addr: s.eval(fields[f]), from: s.at(s.where(fields[f])), how: typ + "." + f})
	}
	if goCLIFlagTypes[typ] && fields["Name"] != nil {
		name, ok := s.known(fields["Name"])
		if !ok {
			return
		}
		def := ""
		if fields["Value"] != nil {
			def, _ = s.known(fields["Value"])
		}
		s.facts.flags = append(s.facts.flags, goSetting{name: name, def: def, from: s.at(lit.Pos()), pflag: true})
		if ev, ok := fields["EnvVars"].(*ast.CompositeLit); ok {
			for _, e := range ev.Elts {
				if n, ok := s.known(e); ok {
					s.env(n, def, e.Pos())
				}
			}
		}
	}
}

// cobraVar records name = &cobra.Command{Use: "serve ..."}.
func (s *goScanner) cobraVar(name string, e ast.Expr) {
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.X
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok || goLastName(lit.Type) != "Command" || !s.imported("github.com/spf13/cobra") {
		return
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok && goLastName(kv.Key) == "Use" {
			if use, ok := s.known(kv.Value); ok {
				word, _, _ := strings.Cut(strings.TrimSpace(use), " ")
				s.facts.cobra[name] = goCobra{use: word, from: s.at(kv.Pos())}
			}
		}
	}
}

// structTags records fields bound to environment variables by their tags
// (`env:"PORT" envDefault:"8080"`).
func (s *goScanner) structTags(st *ast.StructType) {
	for _, f := range st.Fields.List {
		if f.Tag == nil {
			continue
		}
		raw, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			continue
		}
		tag := reflectTag(raw)
		for _, t := range goEnvTags {
			if name := strings.Split(tag(t[0]), ",")[0]; goEnvNameRE.MatchString(name) {
				s.env(name, tag(t[1]), f.Pos())
			}
		}
	}
}

// reflectTag looks keys up in a struct tag (reflect.StructTag's syntax).
func reflectTag(raw string) func(string) string {
	return func(key string) string {
		for raw != "" {
			raw = strings.TrimLeft(raw, " ")
			i := strings.Index(raw, ":\"")
			if i <= 0 {
				return ""
			}
			name, rest := raw[:i], raw[i+1:]
			j := 1
			for j < len(rest) && rest[j] != '"' {
				if rest[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(rest) {
				return ""
			}
			v, err := strconv.Unquote(rest[:j+1])
			raw = rest[j+1:]
			if err == nil && name == key {
				return v
			}
		}
		return ""
	}
}

// goLastName is the final identifier of x, x.y, *x, &x ("" otherwise).
func goLastName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.StarExpr:
		return goLastName(e.X)
	case *ast.UnaryExpr:
		return goLastName(e.X)
	}
	return ""
}

// goExprText renders a call's function for a loose match (x.Flags().IntP).
func goExprText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return goExprText(e.X) + "." + e.Sel.Name
	case *ast.CallExpr:
		return goExprText(e.Fun) + "()"
	}
	return "?"
}

// goAddr is a port or address setting's value, read: "8080", ":8080",
// "127.0.0.1:8080".
type goAddr struct {
	host string
	port int
	// number: the value is a port alone; hasHost: an address with a host.
	number, hasHost bool
}

func parseGoAddr(v string) (goAddr, bool) {
	if v == "" || strings.Contains(v, goUnknown) {
		return goAddr{}, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		return goAddr{port: n, number: true}, n > 0 && n <= 65535
	}
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return goAddr{}, false
	}
	n, err := strconv.Atoi(port)
	if err != nil || n <= 0 || n > 65535 {
		return goAddr{}, false
	}
	return goAddr{host: host, port: n, hasHost: host != ""}, true
}

func goLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// moved is the setting's value that makes the app listen on every
// interface on an unprivileged port.
func (a goAddr) moved(port int) string {
	if a.number {
		return strconv.Itoa(port)
	}
	if a.hasHost && !goLoopback(a.host) {
		return net.JoinHostPort(a.host, strconv.Itoa(port))
	}
	return ":" + strconv.Itoa(port)
}

// goPort is the go detector's port finder.
func goPort(p *project, c *Candidate) bool {
	f := goScan(p, c)
	goRuntimeFiles(p, c, f)
	s := &goPorts{p: p, c: c, f: f}
	return s.decide()
}

type goPorts struct {
	p *project
	c *Candidate
	f *goFacts
}

// envDefault is the default of an environment variable the code reads:
// the code's own, else an example environment file's.
func (s *goPorts) envDefault(e goSetting) (string, string) {
	if e.def != "" {
		return e.def, e.from
	}
	for _, name := range goEnvFiles {
		data, ok := s.p.read(name)
		if !ok {
			continue
		}
		re := regexp.MustCompile(`(?m)^\s*(?:export\s+)?` + regexp.QuoteMeta(e.name) + `\s*=\s*["']?([^"'\s#]+)`)
		if m := re.FindSubmatchIndex(data); m != nil {
			return string(data[m[2]:m[3]]), fmt.Sprintf("%s:%d", name, lineAt(data, m[2]))
		}
	}
	return "", ""
}

// decide chooses the port and how to move the app off a privileged port
// or loopback: the PORT convention first, then a port flag, a port
// variable, a literal listen address and a config file's port.
func (s *goPorts) decide() bool {
	c, f := s.c, s.f
	s.cobraArgs()
	if f.readsPORT != "" {
		port, from, why := DefaultPort, f.readsPORT, "the app needs PORT and has no default for it: dockergen's default,"
		for _, e := range f.envs {
			if e.name != "PORT" {
				continue
			}
			if v, at := s.envDefault(e); v != "" {
				if a, ok := parseGoAddr(v); ok {
					port, from, why = a.port, at, ""
				}
			}
		}
		if why != "" {
			if a, at, ok := s.portDefault(); ok {
				port, from, why = a.port, at, ""
			}
		}
		reason := ""
		if port < 1024 {
			reason = fmt.Sprintf("port %d is privileged: PORT=%d moves the app to %d", port, DefaultPort, DefaultPort)
			port = DefaultPort
		} else if why != "" {
			reason = fmt.Sprintf("%s %d", why, port)
		}
		c.Port = Detected{Value: strconv.Itoa(port), From: from, Reason: reason}
		c.setEnv("PORT", strconv.Itoa(port), f.readsPORT, f.readsPORTHow+": the image sets it to the port it publishes")
		s.loopbackNotes()
		return true
	}
	for _, fl := range f.flags {
		if !goPortNameRE.MatchString(fl.name) {
			continue
		}
		a, ok := parseGoAddr(fl.def)
		if !ok {
			continue
		}
		s.flag(fl, a)
		s.hostSettings()
		return true
	}
	for _, e := range f.envs {
		if !goPortNameRE.MatchString(e.name) {
			continue
		}
		v, from := s.envDefault(e)
		a, ok := parseGoAddr(v)
		if !ok {
			continue
		}
		switch {
		case a.number:
			c.unprivileged(Detected{Value: strconv.Itoa(a.port), From: from}, e.name)
		case a.port < 1024 || goLoopback(a.host):
			port := a.port
			if port < 1024 {
				port = DefaultPort
			}
			c.Port = Detected{Value: strconv.Itoa(port), From: from, Reason: goMoveReason(a, e.name+"="+a.moved(port), port)}
			c.setEnv(e.name, a.moved(port), from, goMoveWhy(a))
		default:
			c.Port = Detected{Value: strconv.Itoa(a.port), From: from}
		}
		s.hostSettings()
		return true
	}
	if a, from, ok := s.fallback(); ok {
		switch {
		case a.port < 1024:
			c.Notes = append(c.Notes, fmt.Sprintf("%s: the app listens on port %d, which needs a capability the container does not have; using %d (make the app listen on 1024 or above, or give it a flag or environment variable for its address)", from, a.port, DefaultPort))
		case goLoopback(a.host):
			c.Port = Detected{Value: strconv.Itoa(a.port), From: from}
			c.bindsLoopback(from, a.host, fmt.Sprintf("change it to \":%d\" (every interface)", a.port))
			return true
		default:
			c.Port = Detected{Value: strconv.Itoa(a.port), From: from}
		}
		s.loopbackNotes()
		return true
	}
	s.loopbackNotes()
	return false
}

// portDefault is the port PORT stands in for: a port flag's default,
// else fallback's.
func (s *goPorts) portDefault() (goAddr, string, bool) {
	for _, fl := range s.f.flags {
		if a, ok := parseGoAddr(fl.def); ok && goPortNameRE.MatchString(fl.name) {
			return a, fl.from, true
		}
	}
	return s.fallback()
}

// fallback is the port of a literal listen address, else of a config
// file the app reads.
func (s *goPorts) fallback() (goAddr, string, bool) {
	for _, l := range s.f.listens {
		if a, ok := parseGoAddr(l.addr); ok {
			return a, l.from, true
		}
	}
	if a, from, ok := s.configPort(); ok {
		return a, from, true
	}
	return goAddr{}, "", false
}

// flag applies a port flag's default: as is, or moved by c.Args.
func (s *goPorts) flag(fl goSetting, a goAddr) {
	c := s.c
	if a.port >= 1024 && !goLoopback(a.host) {
		c.Port = Detected{Value: strconv.Itoa(a.port), From: fl.from}
		return
	}
	port := a.port
	if port < 1024 {
		port = DefaultPort
	}
	dash := "-"
	if fl.pflag {
		dash = "--"
	}
	if !fl.pflag && !s.f.flagsParsed {
		c.Notes = append(c.Notes, fmt.Sprintf("%s: the app listens on %s by default, and its %s%s flag cannot change that: the code never calls flag.Parse(); using %d (call flag.Parse() in main, then set command to [\"%s%s\", \"%s\"])", fl.from, fl.def, dash, fl.name, DefaultPort, dash, fl.name, a.moved(port)))
		return
	}
	arg := []string{dash + fl.name, a.moved(port)}
	c.Port = Detected{Value: strconv.Itoa(port), From: fl.from, Reason: goMoveReason(a, strings.Join(arg, " "), port)}
	c.Args = append(c.Args, arg...)
	c.ArgsFrom = fl.from
}

func goMoveReason(a goAddr, setting string, port int) string {
	if a.port < 1024 {
		return fmt.Sprintf("port %d is privileged: %s moves the app to %d", a.port, setting, port)
	}
	return fmt.Sprintf("%s binds loopback only, unreachable from outside the container: %s listens on every interface", a.host, setting)
}

func goMoveWhy(a goAddr) string {
	if a.port < 1024 {
		return fmt.Sprintf("the app listens on privileged port %d, which the non-root user cannot bind", a.port)
	}
	return fmt.Sprintf("the app binds %s, unreachable from outside the container", a.host)
}

// hostSettings moves a host flag or variable whose default is loopback to
// every interface.
func (s *goPorts) hostSettings() {
	c := s.c
	for _, fl := range s.f.flags {
		if goHostNameRE.MatchString(fl.name) && goLoopback(fl.def) {
			dash := "-"
			if fl.pflag {
				dash = "--"
			}
			c.Args = append(c.Args, dash+fl.name, "0.0.0.0")
			if c.ArgsFrom == "" {
				c.ArgsFrom = fl.from
			}
			return
		}
	}
	for _, e := range s.f.envs {
		if goHostNameRE.MatchString(e.name) {
			if v, from := s.envDefault(e); goLoopback(v) {
				c.setEnv(e.name, "0.0.0.0", from, fmt.Sprintf("the app binds %s, unreachable from outside the container", v))
				return
			}
		}
	}
	s.loopbackNotes()
}

// loopbackNotes reports a listen on a loopback address that no setting
// overrides.
func (s *goPorts) loopbackNotes() {
	for _, l := range s.f.listens {
		host, _, ok := strings.Cut(l.addr, ":")
		if strings.HasPrefix(l.addr, "[") {
			host, _, ok = strings.Cut(strings.TrimPrefix(l.addr, "["), "]")
		}
		if ok && goLoopback(host) {
			s.c.bindsLoopback(l.from, host, fmt.Sprintf("make %s listen on \":PORT\" (every interface) instead", l.how))
			return
		}
	}
}

// cobraArgs starts the default arguments with the subcommand whose flags
// hold the port (serve in "app serve --port 8080").
func (s *goPorts) cobraArgs() {
	for _, fl := range s.f.flags {
		if !goPortNameRE.MatchString(fl.name) || fl.recv == "" {
			continue
		}
		var words []string
		from := ""
		for cmd, n := fl.recv, 0; n < 4; n++ {
			cb, ok := s.f.cobra[cmd]
			parent, hasParent := s.f.parent[cmd]
			if !ok || !hasParent {
				break
			}
			words = append([]string{cb.use}, words...)
			if from == "" {
				from = cb.from
			}
			cmd = parent
		}
		if len(words) > 0 {
			s.c.Args, s.c.ArgsFrom = words, from
		}
		return
	}
}
