package generator

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Node.js port detection: the port is read from every source file reachable
// from the entry (relative require() and import, bounded), not only the
// entry, since apps keep their listen call or their config in other
// modules. When the entry is a build's output (dist/main.js), its source
// (src/main.ts) is read instead.

// maxNodeSources bounds the files read from one entry.
const maxNodeSources = 64

var (
	// nodeImportRE is a relative module specifier: require('./x'),
	// import('./x'), import x from './x', export * from './x', import './x'.
	nodeImportRE = regexp.MustCompile(`(?:\brequire\(\s*|\bimport\(\s*|\bfrom\s+|\bimport\s+)["'](\.{1,2}/[^"'\n]+)["']`)
	// nodeSourceExts are the files followed; a TypeScript import names
	// ./x.js for ./x.ts.
	nodeSourceExts = []string{".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", ".jsx", ".tsx"}

	// The port, strongest evidence first: a default for $PORT, a listen
	// call with a number or an options object (Fastify), a serve({port})
	// (Hono's node server); then a PORT constant; then, in the entry only,
	// any port: N or port = N.
	nodeListenPortREs = []*regexp.Regexp{
		regexp.MustCompile(`\bPORT\b[^\n|?]{0,40}?(?:\|\||\?\?)\s*["']?(\d{2,5})\b`),
		regexp.MustCompile(`\.listen\(\s*(\d{2,5})\b`),
		regexp.MustCompile(`\.listen\(\s*\{[^}]*?\bport\s*:\s*["']?(\d{2,5})\b`),
		regexp.MustCompile(`\bserve\(\s*\{[^}]*?\bport\s*:\s*["']?(\d{2,5})\b`),
	}
	nodeConstPortRE = regexp.MustCompile(`(?i)\b(?:const|let|var)\s+port\s*=\s*["']?(\d{2,5})\b`)
	nodeAnyPortRE   = regexp.MustCompile(`(?i)\bport\s*[:=]\s*["']?(\d{2,5})\b`)
	// nodeEnvFilePortRE is PORT=N in a committed example environment file.
	nodeEnvFilePortRE = regexp.MustCompile(`(?m)^\s*(?:export\s+)?PORT\s*=\s*["']?(\d{1,5})["']?\s*$`)
	nodeEnvFiles      = []string{".env.example", ".env.sample", ".env.defaults", ".env.template"}

	// nodeReadsPortRE is code that reads $PORT.
	nodeReadsPortRE = regexp.MustCompile(`(process\.env\.PORT\b|process\.env\[\s*["']PORT["']\s*\]|\{[^}=]*\bPORT\b[^}=]*\}\s*=\s*process\.env|\.get(?:<[^>]*>)?\(\s*["']PORT["'])`)

	// A bind to loopback only: a listen call or serve() naming it, or a
	// host read from the app's own host variable that defaults to it or has
	// no default (not DB_HOST and the like: those name other servers).
	nodeLoopbackRE    = regexp.MustCompile(`(?:\.listen\([^)\n]*?,\s*|\.listen\(\s*\{[^}]*?\bhost\s*:\s*|\bserve\(\s*\{[^}]*?\bhostname\s*:\s*)["'](127\.0\.0\.1|localhost|::1)["']`)
	nodeHostVar       = `((?:BIND_|LISTEN_|SERVER_|APP_|HTTP_)?HOST|(?:FASTIFY_|BIND_|LISTEN_)?ADDRESS)`
	nodeHostEnvRE     = regexp.MustCompile(`process\.env\.` + nodeHostVar + `\s*(?:\|\||\?\?)\s*["'](127\.0\.0\.1|localhost|::1)["']`)
	nodeHostEnvOnlyRE = regexp.MustCompile(`\bhost(?:name)?\s*:\s*process\.env\.` + nodeHostVar + `\s*[,}\n]`)
	nodeFastifyRE     = regexp.MustCompile(`require\(\s*["']fastify["']\s*\)|\bfrom\s+["']fastify["']`)
	nodeFastifyListen = regexp.MustCompile(`\.listen\(\s*(\{[^}]*\}|[^,)\n]*\))`)
	nodeHostKeyRE     = regexp.MustCompile(`\bhost\b`)
)

// nodeSources are the entry's source and every source file reachable from
// it through relative imports, the entry first (breadth first), at most
// maxNodeSources.
func nodeSources(p *project, c *Candidate) []string {
	entry := nodeEntrySource(p, c)
	if entry == "" {
		return nil
	}
	files, seen := []string{entry}, map[string]bool{entry: true}
	for i := 0; i < len(files) && len(files) < maxNodeSources; i++ {
		data, _ := p.read(files[i])
		for _, m := range nodeImportRE.FindAllSubmatch(data, -1) {
			f, ok := nodeResolveImport(p, path.Dir(files[i]), string(m[1]))
			if ok && !seen[f] && len(files) < maxNodeSources {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	return files
}

// nodeEntrySource is the file to read for the entry: main itself, or for a
// build's output (dist/main.js) the source it is built from (src/main.ts,
// src/main.js, main.ts), "" when there is none.
func nodeEntrySource(p *project, c *Candidate) string {
	main := path.Clean(c.Main.Value)
	if p.exists(main) {
		return main
	}
	dir, rel := c.Member.Value, main
	if dir != "" {
		rel = strings.TrimPrefix(main, dir+"/")
	}
	// Drop the output directory: dist/main.js is built from main.ts.
	if _, after, ok := strings.Cut(rel, "/"); ok {
		stem := strings.TrimSuffix(after, path.Ext(after))
		for _, f := range []string{"src/" + stem + ".ts", "src/" + stem + ".js", stem + ".ts", "src/" + stem + ".mts"} {
			if full := path.Join(dir, f); p.exists(full) {
				return full
			}
		}
	}
	return ""
}

// nodeResolveImport finds the file a relative specifier names, from dir.
func nodeResolveImport(p *project, dir, spec string) (string, bool) {
	base := path.Join(dir, spec)
	if escapes(base) || strings.Contains(base, "node_modules") {
		return "", false
	}
	var tries []string
	ext := path.Ext(base)
	for _, e := range nodeSourceExts {
		if ext == e {
			tries = append(tries, base)
			stem := strings.TrimSuffix(base, ext)
			tries = append(tries, stem+".ts", stem+".tsx", stem+".mts")
			break
		}
	}
	for _, e := range nodeSourceExts {
		tries = append(tries, base+e)
	}
	tries = append(tries, base+"/index.js", base+"/index.ts", base+"/index.mjs")
	for _, f := range tries {
		if p.exists(f) {
			return f, true
		}
	}
	return "", false
}

// nodePort finds the port in the entry's reachable sources (then in an
// example environment file), moves the app off a privileged port through
// $PORT when it reads it, sets PORT when the code reads it (PaaS-style
// apps refuse to start without it), and overrides or reports a bind to
// loopback only.
func nodePort(p *project, c *Candidate) bool {
	files := nodeSources(p, c)
	port, found := Detected{}, false
	scan := func(res []*regexp.Regexp, in []string) {
		if !found {
			port, found = p.scan(in, res)
		}
	}
	for _, re := range nodeListenPortREs {
		scan([]*regexp.Regexp{re}, files)
	}
	scan([]*regexp.Regexp{nodeConstPortRE}, files)
	if len(files) > 0 {
		scan([]*regexp.Regexp{nodeAnyPortRE}, files[:1])
	}
	envFiles := nodeEnvFiles
	if c.Member.Value != "" {
		envFiles = nil
		for _, f := range nodeEnvFiles {
			envFiles = append(envFiles, path.Join(c.Member.Value, f), f)
		}
	}
	scan([]*regexp.Regexp{nodeEnvFilePortRE}, envFiles)

	reads, readsPort := p.scan(files, []*regexp.Regexp{nodeReadsPortRE})
	env := ""
	if readsPort {
		env = "PORT"
	}
	switch {
	case found:
		c.unprivileged(port, env)
	case readsPort:
		c.Port = Detected{Value: strconv.Itoa(DefaultPort), From: reads.From, Reason: fmt.Sprintf("the app listens on $PORT, with no default: PORT=%d", DefaultPort)}
	}
	if readsPort && !hasEnv(c, "PORT") {
		c.setEnv("PORT", c.Port.Value, reads.From, "the app reads PORT: set to the published port, as a platform would")
	}
	nodeHost(p, c, files)
	return found || readsPort
}

func hasEnv(c *Candidate, name string) bool {
	for _, e := range c.Env {
		if e.Name == name {
			return true
		}
	}
	return false
}

// nodeHost overrides a bind to loopback only, which nothing outside the
// container reaches: through the app's own host variable when it has one
// (HOST=0.0.0.0), else with a note saying what to change. Fastify binds
// localhost unless listen is given a host.
func nodeHost(p *project, c *Candidate, files []string) {
	if m, ok := p.scan(files, []*regexp.Regexp{nodeHostEnvRE}); ok {
		c.setEnv(m.Value, "0.0.0.0", m.From, fmt.Sprintf("the app binds the host in %s, loopback by default, which is unreachable from outside the container", m.Value))
		return
	}
	if m, ok := p.scan(files, []*regexp.Regexp{nodeHostEnvOnlyRE}); ok {
		c.setEnv(m.Value, "0.0.0.0", m.From, fmt.Sprintf("the app binds the host in %s; unset, it would bind loopback only", m.Value))
		return
	}
	if m, ok := p.scan(files, []*regexp.Regexp{nodeLoopbackRE}); ok {
		c.bindsLoopback(m.From, m.Value, "bind 0.0.0.0 (or read the host from an environment variable such as HOST)")
		return
	}
	for _, f := range files {
		data, _ := p.read(f)
		if !nodeFastifyRE.Match(data) {
			continue
		}
		for _, m := range nodeFastifyListen.FindAllSubmatchIndex(data, -1) {
			if !nodeHostKeyRE.Match(data[m[2]:m[3]]) {
				c.bindsLoopback(fmt.Sprintf("%s:%d", f, lineAt(data, m[0])), "localhost", "Fastify's listen without a host binds localhost: pass host: '0.0.0.0' (or process.env.HOST)")
				return
			}
		}
	}
}
