package examples

// The per-stack data of the real-engine test (e2e_test.go, -tags e2e) is
// data: examples/<stack>/e2e.yaml, one file beside each example, decoded
// strictly here. This file has no build tag, so plain `go test ./examples`
// checks, without Docker, that every stack has its file, that it parses, and
// that every base of the stack can be built here from a stand-in
// (.ci/standins/plugin-*.sh) or says why not.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/dockergen/dockergen/generator"
)

// e2eFile is the name of a stack's e2e data inside its example directory.
// copyExample leaves it out of the copy, so it never reaches a build context.
const e2eFile = "e2e.yaml"

// e2eStack is what the real-engine test needs to know about one stack's
// example beyond its spec: the contents of examples/<stack>/e2e.yaml.
type e2eStack struct {
	// DepsStep is text of the dependency step's header in --progress=plain
	// output: a one-line source change must leave that step CACHED.
	DepsStep string `yaml:"depsStep"`
	// MainFile is the file (relative to the example) a one-line change goes
	// into, and Comment the line-comment prefix of its language.
	MainFile string `yaml:"mainFile"`
	Comment  string `yaml:"comment"`
	// Prepare is what a user does before docker build, run on the host in the
	// copy of the example, in order (empty for nothing).
	Prepare []prepareStep `yaml:"prepare"`
	// NotBuilt, when set, says why the stack's toolchain cannot be had here;
	// the report gets a "not built here" row for each base instead.
	NotBuilt string `yaml:"notBuilt"`
	// SkipBases says, for a base that cannot be built here even with
	// E2E_PULL=1, why.
	SkipBases map[string]string `yaml:"skipBases"`
	// Variants are other shapes of the example, built by the stack's own
	// variant test (node: TestE2ENodeTools in e2e_nodepy_test.go).
	Variants []e2eVariant `yaml:"variants"`
	// Rows are extra rows of the e2e matrix: the example built again on
	// every base (or the row's own bases) with Spec merged into its spec,
	// e.g. the previous Debian release ({distro: bookworm, version: "3.11"}).
	Rows []e2eRow `yaml:"rows"`
}

// e2eRow is one extra row of a stack's e2e matrix: Name (in test names,
// E2E_ONLY and the report), Spec (a YAML mapping merged into the example's
// spec before generating: a mapping merges key by key, any other value
// replaces), Bases (the bases it runs on; empty for every base of the stack)
// and SkipBases (why a base that the example builds on cannot be built with
// this row here).
type e2eRow struct {
	Name      string            `yaml:"name"`
	Spec      yaml.Node         `yaml:"spec"`
	Bases     []string          `yaml:"bases"`
	SkipBases map[string]string `yaml:"skipBases"`
}

// rowNameRE: a row name goes into test names and image tags.
var rowNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// mergeSpec merges the YAML mapping over into the YAML document spec: for
// each key of over, a mapping merges into the spec's mapping of that key, and
// any other value replaces the spec's (or is added). Comments and the order
// of the spec's keys stay.
func mergeSpec(spec []byte, over *yaml.Node) ([]byte, error) {
	if over == nil || over.Kind == 0 {
		return spec, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(spec, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the spec is not a YAML mapping")
	}
	if over.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: the override is not a YAML mapping", over.Line)
	}
	mergeMapping(doc.Content[0], over)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func mergeMapping(dst, over *yaml.Node) {
	for i := 0; i+1 < len(over.Content); i += 2 {
		k, v := over.Content[i], over.Content[i+1]
		found := false
		for j := 0; j+1 < len(dst.Content); j += 2 {
			if dst.Content[j].Value != k.Value {
				continue
			}
			found = true
			if dst.Content[j+1].Kind == yaml.MappingNode && v.Kind == yaml.MappingNode {
				mergeMapping(dst.Content[j+1], v)
			} else {
				dst.Content[j+1] = v
			}
			break
		}
		if !found {
			dst.Content = append(dst.Content, k, v)
		}
	}
}

// runsOn reports whether the row runs on base.
func (r e2eRow) runsOn(base string) bool { return len(r.Bases) == 0 || slices.Contains(r.Bases, base) }

// prepareStep is one host command: Run (argv, no shell) in Dir (relative to
// the copy of the example; empty for its root), with Env added to the test's
// environment.
type prepareStep struct {
	Dir string   `yaml:"dir"`
	Env []string `yaml:"env"`
	Run []string `yaml:"run"`
}

// e2eVariant is one variant of an example: its name (in test names and
// E2E_ONLY), the build.tool it sets, the packageManager its package.json
// pins (empty for none), whether it has a build step that writes its output
// (build.command and build.output), and the text of its dependency step.
type e2eVariant struct {
	Name           string `yaml:"name"`
	Tool           string `yaml:"tool"`
	PackageManager string `yaml:"packageManager"`
	Output         bool   `yaml:"output"`
	DepsStep       string `yaml:"depsStep"`
}

// pullOnlyBases are the bases whose images nobody can make here, for any
// stack: they are built only with E2E_PULL=1, and the report says why for
// every stack that has them. A stack's own skipBases reasons apply on top,
// even with E2E_PULL=1.
var pullOnlyBases = map[string]string{
	generator.BaseAlpine: "no registry and no Alpine mirror (run with E2E_PULL=1 where one is reachable)",
}

// loadE2EStack reads and checks examples/<stack>/e2e.yaml (dir is the
// example's directory). Unknown fields are an error; every message names the
// file and, when it can, the line.
func loadE2EStack(dir string) (e2eStack, error) {
	path := filepath.Join(dir, e2eFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return e2eStack{}, err
	}
	var s e2eStack
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		if errors.Is(err, io.EOF) {
			return s, fmt.Errorf("%s: empty", path)
		}
		return s, fmt.Errorf("%s: %v", path, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return s, fmt.Errorf("%s:%d: one YAML document expected", path, extra.Line)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return s, fmt.Errorf("%s: %v", path, err)
	}
	at := func(keys ...string) string { return fmt.Sprintf("%s:%d", path, lineOf(&root, keys...)) }
	if s.NotBuilt == "" {
		for _, f := range []struct{ name, v string }{{"depsStep", s.DepsStep}, {"mainFile", s.MainFile}, {"comment", s.Comment}} {
			if strings.TrimSpace(f.v) == "" {
				return s, fmt.Errorf("%s: %s: required unless notBuilt says why the stack cannot be built here", at(f.name), f.name)
			}
		}
	}
	if s.MainFile != "" && !filepath.IsLocal(s.MainFile) {
		return s, fmt.Errorf("%s: mainFile: %q is not a path inside the example", at("mainFile"), s.MainFile)
	}
	for base, why := range s.SkipBases {
		if strings.TrimSpace(why) == "" {
			return s, fmt.Errorf("%s: skipBases.%s: the reason is empty", at("skipBases", base), base)
		}
	}
	for i, p := range s.Prepare {
		if len(p.Run) == 0 || p.Run[0] == "" {
			return s, fmt.Errorf("%s: prepare[%d].run: the command is empty", at("prepare"), i)
		}
		if p.Dir != "" && !filepath.IsLocal(p.Dir) {
			return s, fmt.Errorf("%s: prepare[%d].dir: %q is not a path inside the example", at("prepare"), i, p.Dir)
		}
		for _, kv := range p.Env {
			if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
				return s, fmt.Errorf("%s: prepare[%d].env: %q is not NAME=value", at("prepare"), i, kv)
			}
		}
	}
	seen := map[string]bool{}
	for i, v := range s.Variants {
		switch {
		case v.Name == "" || v.Tool == "" || v.DepsStep == "":
			return s, fmt.Errorf("%s: variants[%d]: name, tool and depsStep are required", at("variants"), i)
		case seen[v.Name]:
			return s, fmt.Errorf("%s: variants[%d].name: %q twice", at("variants"), i, v.Name)
		}
		seen[v.Name] = true
	}
	rows := map[string]bool{}
	for i, r := range s.Rows {
		switch {
		case !rowNameRE.MatchString(r.Name):
			return s, fmt.Errorf("%s: rows[%d].name: %q is not lower-case letters, digits, '.' and '-'", at("rows"), i, r.Name)
		case rows[r.Name]:
			return s, fmt.Errorf("%s: rows[%d].name: %q twice", at("rows"), i, r.Name)
		case r.Spec.Kind != yaml.MappingNode || len(r.Spec.Content) == 0:
			return s, fmt.Errorf("%s: rows[%d].spec: a non-empty mapping of spec fields is required", at("rows"), i)
		}
		for base, why := range r.SkipBases {
			if strings.TrimSpace(why) == "" {
				return s, fmt.Errorf("%s: rows[%d].skipBases.%s: the reason is empty", at("rows"), i, base)
			}
		}
		rows[r.Name] = true
	}
	return s, nil
}

// lineOf is the line of the value at keys (mapping keys, from the document's
// top), or of the deepest one found.
func lineOf(root *yaml.Node, keys ...string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, k := range keys {
		found := false
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}

// prepare runs the stack's prepare steps in dir, a copy of its example.
func (s e2eStack) prepare(dir string) error {
	for _, p := range s.Prepare {
		cmd := exec.Command(p.Run[0], p.Run[1:]...)
		cmd.Dir = filepath.Join(dir, p.Dir)
		cmd.Env = append(os.Environ(), p.Env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("preparing the example (%s in %s): %v\n%s", strings.Join(p.Run, " "), p.Dir, err, out)
		}
	}
	return nil
}

// prepares reports whether a prepare step names file (relative to the
// example) as an argument, as a build's -o does: a file it makes need not be
// in the repository.
func (s e2eStack) prepares(file string) bool {
	for _, p := range s.Prepare {
		for _, a := range p.Run[1:] {
			if filepath.Join(p.Dir, a) == filepath.Clean(file) {
				return true
			}
		}
	}
	return false
}

var e2eData struct {
	sync.Once
	stacks map[string]e2eStack
	err    error
}

// e2eFor returns the e2e data of stack, loaded once for every stack; a
// missing or bad file fails the test.
func e2eFor(t testing.TB, stack string) e2eStack {
	t.Helper()
	e2eData.Do(func() {
		e2eData.stacks = map[string]e2eStack{}
		var errs []error
		for _, st := range generator.Stacks() {
			s, err := loadE2EStack(st)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			e2eData.stacks[st] = s
		}
		e2eData.err = errors.Join(errs...)
	})
	if e2eData.err != nil {
		t.Fatalf("e2e data: %v", e2eData.err)
	}
	s, ok := e2eData.stacks[stack]
	if !ok {
		t.Fatalf("%s is not a stack: no e2e data", stack)
	}
	return s
}

// standinTags are the image tags the stand-in plug-ins provide, from
// `bash .ci/standins.sh --list` (which only sources the plug-ins).
func standinTags(t *testing.T) map[string]bool {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join("..", ".ci", "standins.sh"), "--list")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash .ci/standins.sh --list: %v\n%s", err, stderr.String())
	}
	tags := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		tags[l] = true
	}
	if len(tags) == 0 {
		t.Fatal("bash .ci/standins.sh --list printed no tags")
	}
	return tags
}

var specBaseRE = regexp.MustCompile(`(?m)^base: .*$`)

// baseImages are the images the example's Dockerfile names in FROM when its
// spec's base is set to base and over (a row's spec, or nil) is merged into
// it (as the e2e does), without scratch and the Dockerfile's own stages.
func baseImages(stack, base string, over *yaml.Node) ([]string, error) {
	path := filepath.Join(stack, "dockergen.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data, err = mergeSpec([]byte(specBaseRE.ReplaceAllString(string(data), "base: "+base)), over)
	if err != nil {
		return nil, err
	}
	spec, err := generator.LoadSpec(path, data)
	if err != nil {
		return nil, err
	}
	files, err := generator.Generate(spec, generator.Options{})
	if err != nil {
		return nil, err
	}
	return fromImages(files["Dockerfile"])
}

// fromImages are the images a Dockerfile names in FROM, without scratch and
// the Dockerfile's own stages.
func fromImages(dockerfile []byte) ([]string, error) {
	stages := map[string]bool{"scratch": true}
	var images []string
	froms := 0
	for _, line := range strings.Split(string(dockerfile), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != "FROM" {
			continue
		}
		froms++
		img := f[1]
		for _, a := range f[1:] {
			if !strings.HasPrefix(a, "--") {
				img = a
				break
			}
		}
		if !stages[img] && !slices.Contains(images, img) {
			images = append(images, img)
		}
		if n := len(f); n >= 4 && strings.EqualFold(f[n-2], "AS") {
			stages[f[n-1]] = true
		}
	}
	if froms == 0 {
		return nil, fmt.Errorf("no FROM line in the generated Dockerfile")
	}
	return images, nil
}

// TestE2EData: every stack dockergen offers has examples/<stack>/e2e.yaml,
// it parses strictly, every e2e.yaml belongs to a stack, and every base of
// every stack is either buildable here (a stand-in plug-in provides each
// image its Dockerfile names) or has a stated reason (notBuilt, skipBases, or
// a pull-only base) — and no reason is stated for a base that is buildable,
// so a new stack cannot skip the real engine by omission and a new stand-in
// cannot be left unused.
func TestE2EData(t *testing.T) {
	tags := standinTags(t)
	stacks := generator.Stacks()
	files, err := filepath.Glob(filepath.Join("*", e2eFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !slices.Contains(stacks, filepath.Dir(f)) {
			t.Errorf("examples/%s: %s is not a stack", f, filepath.Dir(f))
		}
	}
	for _, st := range stacks {
		t.Run(st, func(t *testing.T) {
			s, err := loadE2EStack(st)
			if err != nil {
				t.Fatal(err)
			}
			if s.MainFile != "" && !s.prepares(s.MainFile) {
				if _, err := os.Stat(filepath.Join(st, s.MainFile)); err != nil {
					t.Errorf("%s/%s: mainFile: %v (and no prepare step names it)", st, e2eFile, err)
				}
			}
			bases := generator.BasesFor(st)
			for b := range s.SkipBases {
				if !slices.Contains(bases, b) {
					t.Errorf("%s/%s: skipBases.%s: not a base of %s (%v)", st, e2eFile, b, st, bases)
				}
			}
			// check: the example with over merged into its spec (row is
			// "" for the example itself) builds on base b from stand-ins, or
			// a reason is stated (rowSkip: the row's own skipBases).
			check := func(row string, b string, over *yaml.Node, rowSkip map[string]string) {
				name := st + "/" + b
				if row != "" {
					name += "@" + row
				}
				images, genErr := baseImages(st, b, over)
				var missing []string
				for _, img := range images {
					if !tags[img] {
						missing = append(missing, img)
					}
				}
				sort.Strings(missing)
				buildable := genErr == nil && len(missing) == 0
				stated, why := "", ""
				switch {
				case s.NotBuilt != "":
					stated, why = "notBuilt", s.NotBuilt
				case s.SkipBases[b] != "":
					stated, why = "skipBases."+b, s.SkipBases[b]
				case pullOnlyBases[b] != "":
					stated, why = "the pull-only base "+b, pullOnlyBases[b]
				case rowSkip[b] != "":
					stated, why = "rows."+row+".skipBases."+b, rowSkip[b]
				}
				where := "notBuilt or skipBases." + b
				if row != "" {
					where = "rows." + row + ".skipBases." + b
				}
				switch {
				case buildable && why != "":
					t.Errorf("%s: a stand-in provides every image (%s), but %s says it cannot be built here: %q", name, strings.Join(images, ", "), stated, why)
				case !buildable && why == "":
					if genErr != nil {
						t.Errorf("%s: the example does not generate on this base (%v) and %s/%s states no reason (%s)", name, genErr, st, e2eFile, where)
					} else {
						t.Errorf("%s: no stand-in for %s (add it in .ci/standins/plugin-*.sh) and %s/%s states no reason (%s)", name, strings.Join(missing, ", "), st, e2eFile, where)
					}
				}
			}
			for _, b := range bases {
				check("", b, nil, nil)
			}
			for _, r := range s.Rows {
				for _, b := range r.Bases {
					if !slices.Contains(bases, b) {
						t.Errorf("%s/%s: rows.%s.bases: %s is not a base of %s (%v)", st, e2eFile, r.Name, b, st, bases)
					}
				}
				for b := range r.SkipBases {
					if !r.runsOn(b) || !slices.Contains(bases, b) {
						t.Errorf("%s/%s: rows.%s.skipBases.%s: the row does not run on %s", st, e2eFile, r.Name, b, b)
					}
				}
				for _, b := range bases {
					if r.runsOn(b) {
						check(r.Name, b, &r.Spec, r.SkipBases)
					}
				}
			}
		})
	}
}

// TestLoadE2EStackRefuses: the loader refuses what would make the e2e
// silently test less: unknown fields, missing required fields, empty reasons
// and commands, paths outside the example, duplicate variants.
func TestLoadE2EStackRefuses(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"unknown field", "depsStep: x\nmainFile: m\ncomment: '# '\nskipBase: {slim: why}\n", "field skipBase not found"},
		{"required", "depsStep: x\ncomment: '# '\n", "e2e.yaml:1: mainFile: required"},
		{"empty reason", "notBuilt: n\nskipBases:\n  slim: ''\n", "e2e.yaml:3: skipBases.slim: the reason is empty"},
		{"empty command", "notBuilt: n\nprepare:\n  - dir: src\n", "prepare[0].run: the command is empty"},
		{"dir outside", "notBuilt: n\nprepare:\n  - {dir: ../x, run: [true]}\n", "prepare[0].dir: \"../x\" is not a path inside"},
		{"env", "notBuilt: n\nprepare:\n  - {env: [X], run: [true]}\n", "prepare[0].env: \"X\" is not NAME=value"},
		{"main outside", "depsStep: x\nmainFile: /etc/passwd\ncomment: '# '\n", "e2e.yaml:2: mainFile: \"/etc/passwd\" is not a path"},
		{"variant twice", "notBuilt: n\nvariants:\n  - {name: a, tool: t, depsStep: d}\n  - {name: a, tool: t, depsStep: d}\n", "variants[1].name: \"a\" twice"},
		{"variant fields", "notBuilt: n\nvariants:\n  - {name: a, tool: t}\n", "variants[0]: name, tool and depsStep are required"},
		{"two documents", "notBuilt: n\n---\nnotBuilt: m\n", "one YAML document expected"},
		{"row name", "notBuilt: n\nrows:\n  - {name: Old World, spec: {distro: bookworm}}\n", "rows[0].name: \"Old World\" is not"},
		{"row twice", "notBuilt: n\nrows:\n  - {name: a, spec: {distro: x}}\n  - {name: a, spec: {distro: y}}\n", "rows[1].name: \"a\" twice"},
		{"row spec", "notBuilt: n\nrows:\n  - {name: a, spec: bookworm}\n", "rows[0].spec: a non-empty mapping"},
		{"row reason", "notBuilt: n\nrows:\n  - {name: a, spec: {distro: x}, skipBases: {slim: ' '}}\n", "rows[0].skipBases.slim: the reason is empty"},
		{"empty", "", "empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, e2eFile), []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := loadE2EStack(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("loadE2EStack(%q) = %v, want an error containing %q", c.yaml, err, c.want)
			}
		})
	}
}

// TestMergeSpec: a row's spec merges into the example's: scalars and lists
// replace, mappings merge key by key, new keys are added, and the rest of the
// spec (comments included) stays.
func TestMergeSpec(t *testing.T) {
	spec := "# the example\nname: x\nversion: \"3.13\"\nports: [8080]\nresources:\n  memory: 128m # cap\n  cpus: \"0.5\"\n"
	var over yaml.Node
	if err := yaml.Unmarshal([]byte("{distro: bookworm, version: \"3.11\", ports: [9090], resources: {cpus: \"1\"}}"), &over); err != nil {
		t.Fatal(err)
	}
	got, err := mergeSpec([]byte(spec), over.Content[0])
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Name      string            `yaml:"name"`
		Version   string            `yaml:"version"`
		Distro    string            `yaml:"distro"`
		Ports     []int             `yaml:"ports"`
		Resources map[string]string `yaml:"resources"`
	}
	if err := yaml.Unmarshal(got, &m); err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	if m.Name != "x" || m.Version != "3.11" || m.Distro != "bookworm" || !slices.Equal(m.Ports, []int{9090}) ||
		m.Resources["memory"] != "128m" || m.Resources["cpus"] != "1" {
		t.Errorf("merged spec = %+v\n%s", m, got)
	}
	if !strings.Contains(string(got), "# the example") || !strings.Contains(string(got), "# cap") {
		t.Errorf("the spec's comments were lost:\n%s", got)
	}
	if _, err := mergeSpec([]byte(spec), &yaml.Node{Kind: yaml.ScalarNode, Value: "bookworm"}); err == nil {
		t.Error("a scalar override was accepted")
	}
}
