package generator

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// What detection reads of Cargo manifests: a line-based reader, enough for
// the keys as cargo new and people write them (plain strings, string
// arrays, one table header per line).

var (
	cargoHeaderRE  = regexp.MustCompile(`^\s*\[(\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$`)
	cargoKeyRE     = regexp.MustCompile(`^\s*([A-Za-z0-9_.-]+)\s*=\s*(.*)$`)
	cargoStringsRE = regexp.MustCompile(`"([^"]*)"|'([^']*)'`)
	cargoInheritRE = regexp.MustCompile(`(?:^|\.)workspace\s*=\s*true|\bworkspace\s*=\s*true`)
)

// cargoManifest is what detection reads of a Cargo.toml.
type cargoManifest struct {
	// Name and RustVersion are [package] name and rust-version.
	Name, RustVersion cargoValue
	// Package is the line of [package], 0 for a virtual manifest.
	Package int
	// Bins are the [[bin]] tables: Value the name, Path its path key.
	Bins []cargoBin
	// Workspace is the line of [workspace], 0 when there is none; Members
	// and Exclude its members and exclude arrays (globs allowed), each
	// with its line.
	Workspace        int
	Members, Exclude []cargoValue
	// Deps maps each dependency's name (any dependencies table, the
	// package's or the workspace's) to its line.
	Deps map[string]int
	// Inherits is the line of the first key inherited from a workspace
	// (version.workspace = true, serde = { workspace = true }) or of
	// [package] workspace = "..": the package is a workspace's member.
	Inherits int
}

// cargoBin is one [[bin]] table.
type cargoBin struct {
	Name, Path cargoValue
}

func parseCargoManifest(data []byte) cargoManifest {
	m := cargoManifest{Deps: map[string]int{}}
	table := ""
	var array *[]cargoValue // a members or exclude array still open
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		if array != nil {
			for _, s := range cargoStringsRE.FindAllStringSubmatch(stripTOMLComment(line), -1) {
				*array = append(*array, cargoValue{s[1] + s[2], n})
			}
			if strings.Contains(stripTOMLComment(line), "]") {
				array = nil
			}
			continue
		}
		if h := cargoHeaderRE.FindStringSubmatch(line); h != nil {
			table = h[2]
			switch {
			case h[1] == "[" && table == "bin":
				m.Bins = append(m.Bins, cargoBin{})
				table = "[[bin"
			case table == "package":
				m.Package = n
			case table == "workspace":
				m.Workspace = n
			case strings.HasSuffix(table, "dependencies") || strings.Contains(table, "dependencies."):
				if _, dep, ok := strings.Cut(table, "dependencies."); ok {
					m.Deps[strings.Trim(dep, `"'`)] = n
				}
			}
			continue
		}
		kv := cargoKeyRE.FindStringSubmatch(line)
		if kv == nil {
			continue
		}
		key, val := kv[1], stripTOMLComment(kv[2])
		str := ""
		if s := cargoStringsRE.FindStringSubmatch(val); s != nil && (strings.HasPrefix(val, `"`) || strings.HasPrefix(val, `'`)) {
			str = s[1] + s[2]
		}
		if m.Inherits == 0 && (table == "package" || strings.HasSuffix(table, "dependencies")) && cargoInheritRE.MatchString(key+" = "+val) {
			m.Inherits = n
		}
		switch {
		case table == "package" && key == "name":
			m.Name = cargoValue{str, n}
		case table == "package" && key == "rust-version":
			m.RustVersion = cargoValue{str, n}
		case table == "package" && key == "workspace" && str != "" && m.Inherits == 0:
			m.Inherits = n
		case table == "[[bin" && len(m.Bins) > 0 && key == "name":
			m.Bins[len(m.Bins)-1].Name = cargoValue{str, n}
		case table == "[[bin" && len(m.Bins) > 0 && key == "path":
			m.Bins[len(m.Bins)-1].Path = cargoValue{str, n}
		case table == "workspace" && (key == "members" || key == "exclude"):
			dst := &m.Members
			if key == "exclude" {
				dst = &m.Exclude
			}
			for _, s := range cargoStringsRE.FindAllStringSubmatch(val, -1) {
				*dst = append(*dst, cargoValue{s[1] + s[2], n})
			}
			if strings.HasPrefix(val, "[") && !strings.Contains(val, "]") {
				array = dst
			}
		case strings.HasSuffix(table, "dependencies") && !strings.HasSuffix(table, "dev-dependencies"):
			name, _, _ := strings.Cut(key, ".")
			if _, ok := m.Deps[name]; !ok {
				m.Deps[name] = n
			}
		}
	}
	m.Bins = slices.DeleteFunc(m.Bins, func(b cargoBin) bool { return b.Name.Value == "" && b.Path.Value == "" })
	return m
}

// stripTOMLComment drops a # comment that is not inside a string.
func stripTOMLComment(s string) string {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return strings.TrimSpace(s[:i])
		}
	}
	return strings.TrimSpace(s)
}

// rustCrate is one package of the project: the root package, or a
// workspace member.
type rustCrate struct {
	// Dir is the package's directory ("." for the root).
	Dir      string
	Manifest cargoManifest
	// Bins are the package's binaries, each with where it was read.
	Bins []Detected
	// From is where the crate was found: the root's [package], or the
	// workspace members line that names it.
	From string
}

// file is a path of the crate's, relative to the project.
func (c rustCrate) file(name string) string { return path.Join(c.Dir, name) }

// rustCrates reads the root Cargo.toml and, when it declares a workspace,
// every member it names (globs expanded, exclude applied): the root package
// first (when there is one), then the members in the order of the members
// array.
func rustCrates(p *project) (root cargoManifest, crates []rustCrate) {
	data, ok := p.read("Cargo.toml")
	if !ok {
		return cargoManifest{}, nil
	}
	root = parseCargoManifest(data)
	if root.Package > 0 {
		crates = append(crates, rustCrate{Dir: ".", Manifest: root, Bins: rustBins(p, ".", root), From: at("Cargo.toml", root.Package)})
	}
	if root.Workspace == 0 {
		return root, crates
	}
	seen := map[string]bool{".": true}
	for _, mem := range root.Members {
		dirs := []string{path.Clean(mem.Value)}
		if strings.ContainsAny(mem.Value, "*?[") {
			dirs, _ = fs.Glob(p.fsys, path.Clean(mem.Value))
		}
		for _, dir := range dirs {
			if seen[dir] || escapes(dir) || rustExcluded(root, dir) {
				continue
			}
			seen[dir] = true
			md, ok := p.read(path.Join(dir, "Cargo.toml"))
			if !ok {
				continue
			}
			mm := parseCargoManifest(md)
			crates = append(crates, rustCrate{Dir: dir, Manifest: mm, Bins: rustBins(p, dir, mm), From: at("Cargo.toml", mem.Line)})
		}
	}
	return root, crates
}

func rustExcluded(root cargoManifest, dir string) bool {
	for _, e := range root.Exclude {
		if ok, _ := path.Match(path.Clean(e.Value), dir); ok || path.Clean(e.Value) == dir {
			return true
		}
	}
	return false
}

// rustBins lists a package's binaries as Cargo finds them: every [[bin]]
// (a name, else its path's file name), then src/main.rs (named after the
// package) unless autobins are replaced by a [[bin]] of that path, then
// src/bin/NAME.rs and src/bin/NAME/main.rs.
func rustBins(p *project, dir string, m cargoManifest) []Detected {
	manifest := path.Join(dir, "Cargo.toml")
	var found []Detected
	add := func(name string, from string) {
		if cargoBinRE.MatchString(name) && !slices.ContainsFunc(found, func(d Detected) bool { return d.Value == name }) {
			found = append(found, Detected{Value: name, From: from})
		}
	}
	for _, b := range m.Bins {
		switch {
		case b.Name.Value != "":
			add(b.Name.Value, at(manifest, b.Name.Line))
		case b.Path.Value != "":
			add(strings.TrimSuffix(path.Base(b.Path.Value), ".rs"), at(manifest, b.Path.Line))
		}
	}
	if len(m.Bins) > 0 && dir == "." {
		// A root package with [[bin]] tables: those are its binaries (the
		// way detection has always read it).
		return found
	}
	mainTaken := slices.ContainsFunc(m.Bins, func(b cargoBin) bool { return path.Clean(b.Path.Value) == "src/main.rs" })
	if (p.exists(path.Join(dir, "src/main.rs")) && !mainTaken) || (dir == "." && len(found) == 0 && m.Name.Value != "") {
		add(m.Name.Value, at(manifest, m.Name.Line))
	}
	if entries, err := fs.ReadDir(p.fsys, path.Join(dir, "src/bin")); err == nil {
		for _, e := range entries {
			switch {
			case !e.IsDir() && strings.HasSuffix(e.Name(), ".rs"):
				add(strings.TrimSuffix(e.Name(), ".rs"), path.Join(dir, "src/bin", e.Name()))
			case e.IsDir() && p.exists(path.Join(dir, "src/bin", e.Name(), "main.rs")):
				add(e.Name(), path.Join(dir, "src/bin", e.Name(), "main.rs"))
			}
		}
	}
	return found
}

// rustCrateOf returns the crate whose binary main is: the first with a
// binary of that name.
func rustCrateOf(crates []rustCrate, main string) (rustCrate, bool) {
	for _, c := range crates {
		for _, b := range c.Bins {
			if b.Value == main {
				return c, true
			}
		}
	}
	return rustCrate{}, false
}

// rustBinSources are the files of a binary: its [[bin]] path, else
// src/main.rs, src/bin/NAME.rs or src/bin/NAME/main.rs; then the crate's
// other sources under src/ (a port or a template directory is often set up
// in a module the entry calls), sorted, at most maxRustSources in all.
func rustBinSources(p *project, c rustCrate, main string) []string {
	var out []string
	for _, b := range c.Manifest.Bins {
		if b.Name.Value == main && b.Path.Value != "" {
			out = append(out, c.file(b.Path.Value))
		}
	}
	out = append(out, c.file("src/main.rs"), c.file(path.Join("src/bin", main+".rs")), c.file(path.Join("src/bin", main, "main.rs")))
	var rest []string
	_ = fs.WalkDir(p.fsys, c.file("src"), func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && name != c.file("src") && strings.HasPrefix(name, c.file("src/bin")) {
			return fs.SkipDir // other binaries
		}
		if !d.IsDir() && strings.HasSuffix(name, ".rs") && !slices.Contains(out, name) && path.Dir(name) != c.file("src/bin") {
			rest = append(rest, name)
		}
		return nil
	})
	slices.Sort(rest)
	out = append(out, rest...)
	if len(out) > maxRustSources {
		out = out[:maxRustSources]
	}
	return out
}

// maxRustSources bounds the source files read for the port and run-time
// files.
const maxRustSources = 200
