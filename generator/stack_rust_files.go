package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// The files a Rust server reads at run time, which its image (the binary
// alone) must be given: the spec's files. What is embedded at compile time
// is not among them: askama templates, include_str!/include_bytes!,
// rust-embed folders, sqlx::migrate!() (the migrations are compiled in),
// while Migrator::new(Path::new("./migrations")) reads them at run time.

// rustFileRule is one run-time read: a pattern whose first capture is the
// path (a glob's leading directory is taken), the crate it needs (""
// for the standard library), and why the path is copied.
type rustFileRule struct {
	re     *regexp.Regexp
	crate  string
	reason string
}

var rustFileRules = []rustFileRule{
	{regexp.MustCompile(`Tera::(?:new|parse)\(\s*"([^"]+)"`), "tera", "Tera loads its templates at run time"},
	{regexp.MustCompile(`ServeDir::new\(\s*"([^"]+)"`), "tower-http", "tower-http's ServeDir serves it at run time"},
	{regexp.MustCompile(`ServeFile::new\(\s*"([^"]+)"`), "tower-http", "tower-http's ServeFile serves it at run time"},
	{regexp.MustCompile(`Files::new\(\s*"[^"]*"\s*,\s*"([^"]+)"`), "actix-files", "actix-files serves it at run time"},
	{regexp.MustCompile(`NamedFile::open(?:_async)?\(\s*"([^"]+)"`), "", "the app opens it at run time"},
	{regexp.MustCompile(`FileServer::(?:from|new)\(\s*"([^"]+)"`), "rocket", "Rocket's FileServer serves it at run time"},
	{regexp.MustCompile(`File::with_name\(\s*"([^"]+)"`), "config", "the config crate reads it at run time"},
	{regexp.MustCompile(`Migrator::new\(\s*(?:std::path::)?Path::new\(\s*"([^"]+)"`), "sqlx", "sqlx's Migrator reads the migrations at run time (sqlx::migrate!() would embed them)"},
	{regexp.MustCompile(`fs::read(?:_to_string)?\(\s*"([^"]+)"`), "", "the app reads it at run time"},
	{regexp.MustCompile(`File::open\(\s*"([^"]+)"`), "", "the app reads it at run time"},
}

// rustBuildPathRE is a path the compiler resolves (relative! and
// env!("CARGO_MANIFEST_DIR")): the build's directory, which the image does
// not have.
var rustBuildPathRE = regexp.MustCompile(`(?:relative!\(\s*"([^"]+)"|concat!\(\s*env!\(\s*"CARGO_MANIFEST_DIR"\s*\)\s*,\s*"/?([^"]+)")`)

// rustWithNameRE is config's File::with_name("NAME"), which reads NAME
// with any of the config crate's extensions.
var rustWithNameRE = regexp.MustCompile(`File::with_name\(\s*"([^"]+)"`)

// rustConfigDirRE is a config crate's directory named in the code
// (base_path.join("configuration")).
var rustConfigDirRE = regexp.MustCompile(`"(?:\./)?(configuration|config|settings)/?"`)

// rustFiles finds what the binary reads at run time: c.Files, and notes for
// what cannot be copied as it is.
func rustFiles(p *project, c *Candidate, crate rustCrate, srcs []string) {
	deps := crate.Manifest.Deps
	has := func(dep string) bool {
		_, ok := deps[dep]
		return dep == "" || ok
	}
	add := func(value, from, reason string) {
		value = strings.TrimPrefix(path.Clean(value), "./")
		if p.exists(value) || rustDir(p, value) {
			for _, f := range c.Files {
				if f.Value == value || strings.HasPrefix(value, f.Value+"/") {
					return
				}
			}
			c.Files = slices.DeleteFunc(c.Files, func(f Detected) bool { return strings.HasPrefix(f.Value, value+"/") })
			c.Files = append(c.Files, Detected{Value: value, From: from, Reason: reason})
			return
		}
		if crate.Dir != "." && (p.exists(crate.file(value)) || rustDir(p, crate.file(value))) {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: the app reads %s relative to its working directory, but it is %s in the project: files copies a path to the same path under workdir, so copy it yourself or move it to %s", from, value, crate.file(value), value))
		}
	}
	for _, f := range srcs {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		for _, r := range rustFileRules {
			if !has(r.crate) {
				continue
			}
			for _, m := range r.re.FindAllSubmatchIndex(data, -1) {
				add(globDir(string(data[m[2]:m[3]])), at(f, lineAt(data, m[2])), r.reason)
			}
		}
		for _, m := range rustBuildPathRE.FindAllSubmatchIndex(data, -1) {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			rel := globDir(string(data[m[g]:m[g+1]]))
			from := at(f, lineAt(data, m[g]))
			build := path.Join("/src", crate.Dir, rel)
			add(rel, from, "the app reads it at run time (its path is resolved at compile time)")
			c.Notes = append(c.Notes, fmt.Sprintf("%s: %s is resolved at compile time to the build's directory (%s), which the image does not have: files copies %s under workdir (/app), so make the path relative (%q) or set workdir to %s", from, rel, build, rel, rel, path.Dir(build)))
		}
		if has("config") {
			for _, m := range rustConfigDirRE.FindAllSubmatchIndex(data, -1) {
				add(string(data[m[2]:m[3]]), at(f, lineAt(data, m[2])), "the config crate reads it at run time")
			}
		}
	}
	if has("config") {
		rustConfigNamed(p, c, srcs)
	}
	if line, ok := deps["rocket_dyn_templates"]; ok {
		dir, from := "templates", at(crate.file("Cargo.toml"), line)
		for _, name := range slices.Compact([]string{"Rocket.toml", crate.file("Rocket.toml")}) {
			if data, ok := p.read(name); ok {
				for _, prof := range rocketProfiles {
					if v, ok := rocketTemplateDir(data)[prof]; ok {
						dir, from = v.Value, at(name, v.Line)
					}
				}
			}
		}
		add(dir, from, "rocket_dyn_templates loads the templates at run time")
	}
}

// rustConfigNamed adds the files File::with_name("NAME") reads: NAME with
// any of the config crate's extensions.
func rustConfigNamed(p *project, c *Candidate, srcs []string) {
	for _, f := range srcs {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		for _, m := range rustWithNameRE.FindAllSubmatchIndex(data, -1) {
			name := strings.TrimPrefix(path.Clean(string(data[m[2]:m[3]])), "./")
			if p.exists(name) || rustDir(p, name) {
				continue // added by the rule
			}
			for _, ext := range []string{".toml", ".yaml", ".yml", ".json", ".ini", ".ron", ".json5"} {
				if p.exists(name + ext) {
					c.Files = append(c.Files, Detected{Value: name + ext, From: at(f, lineAt(data, m[2])), Reason: "the config crate reads it at run time"})
				}
			}
		}
	}
}

// rocketTemplateDir reads template_dir per profile of a Rocket.toml.
func rocketTemplateDir(data []byte) map[string]cargoValue {
	out := map[string]cargoValue{}
	table := ""
	for i, line := range strings.Split(string(data), "\n") {
		if h := cargoHeaderRE.FindStringSubmatch(line); h != nil {
			table = h[2]
			continue
		}
		if kv := cargoKeyRE.FindStringSubmatch(line); kv != nil && kv[1] == "template_dir" {
			out[table] = cargoValue{strings.Trim(stripTOMLComment(kv[2]), `"'`), i + 1}
		}
	}
	return out
}

// rustDir reports whether name is a directory of the project.
func rustDir(p *project, name string) bool {
	st, err := fs.Stat(p.fsys, name)
	return err == nil && st.IsDir()
}

// globDir returns a glob's leading directory ("templates/**/*" →
// "templates"), or the path itself.
func globDir(s string) string {
	s = strings.TrimPrefix(s, "./")
	i := strings.IndexAny(s, "*?[{")
	if i < 0 {
		return strings.TrimSuffix(s, "/")
	}
	d := path.Dir(s[:i+1])
	if d == "." {
		return s
	}
	return d
}
