package generator

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// goReadCall is a call that reads files at run time: fn (a function of
// pkg when set, else any function or method of that name), the argument
// that is the path (-1: every argument), how many arguments it takes (0:
// any), the import a method needs in its file, whether the path is a
// glob, and the name of the read for people.
type goReadCall struct {
	pkg, fn string
	arg     int
	nargs   int
	needs   string
	glob    bool
	how     string
}

var goReadCalls = []goReadCall{
	{fn: "LoadHTMLGlob", arg: 0, glob: true, how: "gin's LoadHTMLGlob"},
	{fn: "LoadHTMLFiles", arg: -1, how: "gin's LoadHTMLFiles"},
	{fn: "Static", arg: 1, nargs: 2, needs: "github.com/gin-gonic/gin", how: "gin's Static"},
	{fn: "StaticFile", arg: 1, nargs: 2, needs: "github.com/gin-gonic/gin", how: "gin's StaticFile"},
	{fn: "Static", arg: 1, nargs: 2, needs: "github.com/labstack/echo", how: "echo's Static"},
	{fn: "File", arg: 1, nargs: 2, needs: "github.com/labstack/echo", how: "echo's File"},
	{fn: "Static", arg: 1, needs: "github.com/gofiber/fiber", how: "fiber's Static"},
	{pkg: "net/http", fn: "Dir", arg: 0, how: "http.Dir"},
	{pkg: "net/http", fn: "ServeFile", arg: 2, how: "http.ServeFile"},
	{pkg: "os", fn: "DirFS", arg: 0, how: "os.DirFS"},
	{pkg: "os", fn: "ReadFile", arg: 0, how: "os.ReadFile"},
	{pkg: "os", fn: "Open", arg: 0, how: "os.Open"},
	{pkg: "io/ioutil", fn: "ReadFile", arg: 0, how: "ioutil.ReadFile"},
	{fn: "ParseGlob", arg: 0, glob: true, how: "template's ParseGlob"},
	{fn: "ParseFiles", arg: -1, how: "template's ParseFiles"},
	{fn: "SetConfigFile", arg: 0, needs: "github.com/spf13/viper", how: "viper's SetConfigFile"},
}

// goSourceURLs are URL prefixes whose path the app reads at run time
// (golang-migrate's file:// source).
var goSourceURLs = []struct{ prefix, how string }{
	{"file://", "golang-migrate's file:// source"},
}

// goConfigExts are the extensions viper tries for a config name.
var goConfigExts = []string{"yaml", "yml", "json", "toml", "env", "ini", "hcl", "properties"}

// read records a run-time read, and viper's config path and name.
func (s *goScanner) read(call *ast.CallExpr, pkg, fn string) {
	for _, r := range goReadCalls {
		if fn != r.fn || (r.pkg != "" && pkg != r.pkg) || (r.needs != "" && !s.needs(pkg, r.needs)) {
			continue
		}
		if r.nargs > 0 && len(call.Args) != r.nargs {
			continue
		}
		args := call.Args
		if r.arg >= 0 {
			if r.arg >= len(args) {
				continue
			}
			args = args[r.arg : r.arg+1]
		}
		for _, a := range args {
			if v, ok := s.known(a); ok {
				if r.glob {
					v = goGlobDir(v)
				}
				s.facts.reads = append(s.facts.reads, goRead{path: v, from: s.at(call.Pos()), how: r.how})
			}
		}
		return
	}
	if len(call.Args) == 1 && s.needs(pkg, "github.com/spf13/viper") {
		v, ok := s.known(call.Args[0])
		switch {
		case !ok:
		case fn == "AddConfigPath":
			s.facts.configPaths = append(s.facts.configPaths, goRead{path: v, from: s.at(call.Pos()), how: "viper's AddConfigPath"})
		case fn == "SetConfigName":
			s.facts.configNames = append(s.facts.configNames, goRead{path: v, from: s.at(call.Pos()), how: "viper's SetConfigName"})
		}
	}
}

// goGlobDir is the directory a glob's matches are in: templates for
// templates/*.html and templates/**/*.
func goGlobDir(glob string) string {
	parts := strings.Split(glob, "/")
	for i, p := range parts {
		if strings.ContainsAny(p, "*?[") {
			return path.Join(parts[:i]...)
		}
	}
	return glob
}

// runtimeFiles turns the reads into c.Files: each path in the project
// that is read at run time and not embedded, with where and how it is
// read; a read of a path the project lacks is a note.
func goRuntimeFiles(p *project, c *Candidate, f *goFacts) {
	reads := slices.Clone(f.reads)
	for _, name := range f.configNames {
		dirs := f.configPaths
		if len(dirs) == 0 {
			dirs = []goRead{{path: ".", from: name.from}}
		}
		for _, d := range dirs {
			for _, ext := range goConfigExts {
				file := path.Join(d.path, name.path+"."+ext)
				if _, err := fs.Stat(p.fsys, file); err == nil {
					if path.Clean(d.path) != "." {
						file = d.path // the directory the app searches
					}
					reads = append(reads, goRead{path: file, from: name.from, how: "viper (SetConfigName " + name.path + ", AddConfigPath " + d.path + ")"})
					break
				}
			}
		}
	}
	// A flag whose default names a file or directory of the project
	// (-config config.yaml, -dir ./public) reads it at run time.
	for _, fl := range f.flags {
		v := path.Clean(strings.TrimPrefix(fl.def, "./"))
		if fl.def == "" || v == "." || strings.ContainsAny(v, ":*?[") {
			continue
		}
		if _, err := fs.Stat(p.fsys, v); err == nil {
			dash := "-"
			if fl.pflag {
				dash = "--"
			}
			reads = append(reads, goRead{path: v, from: fl.from, how: "the default of its " + dash + fl.name + " flag"})
		}
	}
	var notes []string
	for _, r := range reads {
		v := path.Clean(strings.TrimPrefix(r.path, "./"))
		if v == "." || path.IsAbs(v) || v == ".." || strings.HasPrefix(v, "../") || strings.ContainsAny(v, "$~*?[") {
			continue // the working directory itself, or outside the project
		}
		if goEmbedded(f.embeds, v) {
			continue
		}
		if ok, _ := path.Match(".env*", path.Base(v)); ok {
			notes = append(notes, fmt.Sprintf("%s: the app reads %s at run time (%s); it is not copied into the image (it may hold secrets): set its values with env or at docker run", r.from, v, r.how))
			continue
		}
		if slices.ContainsFunc(c.Files, func(d Detected) bool { return d.Value == v || strings.HasPrefix(v, d.Value+"/") }) {
			continue
		}
		if _, err := fs.Stat(p.fsys, v); err != nil {
			notes = append(notes, fmt.Sprintf("%s: the app reads %s at run time (%s), which is not in the project: the image will not have it", r.from, v, r.how))
			continue
		}
		c.Files = slices.DeleteFunc(c.Files, func(d Detected) bool { return strings.HasPrefix(d.Value, v+"/") })
		c.Files = append(c.Files, Detected{Value: v, From: r.from, Reason: "read at run time by " + r.how})
	}
	c.Notes = append(c.Notes, notes...)
}

// goEmbedded reports whether a path is in the binary: under a //go:embed
// pattern (or matched by one).
func goEmbedded(embeds []goEmbed, v string) bool {
	for _, e := range embeds {
		dir := goGlobDir(e.pattern)
		if v == dir || strings.HasPrefix(v, dir+"/") {
			return true
		}
		if ok, _ := path.Match(e.pattern, v); ok {
			return true
		}
	}
	return false
}

// goConfigSections are the config sections whose port or address key is
// the app's (server.port, http.addr; a top-level port).
var goConfigSections = map[string]bool{"": true, "server": true, "http": true, "app": true, "web": true, "api": true, "listen": true, "service": true}

var (
	goYAMLKeyRE  = regexp.MustCompile(`^(\s*)([A-Za-z_][\w.-]*)\s*:\s*(.*?)\s*(?:#.*)?$`)
	goTOMLSectRE = regexp.MustCompile(`^\s*\[([\w.-]+)\]\s*$`)
	goTOMLKeyRE  = regexp.MustCompile(`^\s*([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*(?:#.*)?$`)
)

// configPort reads the port from a YAML or TOML config file that the app
// reads at run time (c.Files, or a config file in a directory of it).
func (s *goPorts) configPort() (goAddr, string, bool) {
	for _, f := range s.c.Files {
		files := []string{f.Value}
		if st, err := fs.Stat(s.p.fsys, f.Value); err == nil && st.IsDir() {
			files, _ = fs.Glob(s.p.fsys, path.Join(f.Value, "*.*"))
		}
		for _, name := range files {
			if a, from, ok := s.configFilePort(name); ok {
				return a, from, true
			}
		}
	}
	return goAddr{}, "", false
}

func (s *goPorts) configFilePort(name string) (goAddr, string, bool) {
	data, ok := s.p.read(name)
	if !ok {
		return goAddr{}, "", false
	}
	ext := path.Ext(name)
	sc := bufio.NewScanner(bytes.NewReader(data))
	section, indent := "", -1
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		var key, val string
		switch ext {
		case ".yaml", ".yml":
			m := goYAMLKeyRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			if len(m[1]) == 0 {
				section, indent = "", -1
				if m[3] == "" {
					section = strings.ToLower(m[2])
					continue
				}
			} else if indent < 0 {
				indent = len(m[1])
			} else if len(m[1]) != indent {
				continue // deeper than the section's own keys
			}
			key, val = m[2], m[3]
		case ".toml":
			if m := goTOMLSectRE.FindStringSubmatch(line); m != nil {
				section = strings.ToLower(m[1])
				continue
			}
			m := goTOMLKeyRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			key, val = m[1], m[2]
		default:
			return goAddr{}, "", false
		}
		if !goConfigSections[section] || !goPortNameRE.MatchString(key) {
			continue
		}
		if a, ok := parseGoAddr(strings.Trim(val, `"'`)); ok {
			return a, fmt.Sprintf("%s:%d", name, n), true
		}
	}
	return goAddr{}, "", false
}
