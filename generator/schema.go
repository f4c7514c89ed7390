package generator

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// SchemaURL is where the JSON Schema of a spec is published; 'dockergen init'
// names it on the first line of the specs it writes, for YAML editors.
const SchemaURL = "https://raw.githubusercontent.com/dockergen/dockergen/main/generator/dockergen.schema.json"

// SchemaDialect is the JSON Schema draft that Schema follows.
const SchemaDialect = "https://json-schema.org/draft/2020-12/schema"

// specSource is spec.go itself: the doc comments of the spec's Go types are
// the schema's descriptions, so the types stay the one source of truth.
//
//go:embed spec.go
var specSource string

// Schema returns the JSON Schema (draft 2020-12) of a dockergen.yaml spec,
// indented and ending in a newline. It is generated from the Go types of
// Spec: property names from their yaml tags, descriptions from their doc
// comments, every object closed (additionalProperties: false), the stacks
// and bases from Stacks and BasesFor, and patterns from the same regular
// expressions Validate uses. Validate still has the last word: rules that
// span fields (a distroless Python is 3.11, cgo needs a C library) are only
// partly expressed.
func Schema() ([]byte, error) {
	docs, err := parseDocs(specSource)
	if err != nil {
		return nil, fmt.Errorf("schema: reading spec.go: %w", err)
	}
	b := &schemaBuilder{docs: docs, extras: schemaExtras(), used: map[string]bool{}}
	root := b.object(reflect.TypeOf(Spec{}), "")
	root["$schema"] = SchemaDialect
	root["$id"] = SchemaURL
	root["title"] = "dockergen spec (" + APIVersion + ")"
	root["allOf"] = stackRules()
	var unused []string
	for k := range b.extras {
		if !b.used[k] {
			unused = append(unused, k)
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		return nil, fmt.Errorf("schema: rules for fields that do not exist: %s (a dockergen bug)", strings.Join(unused, ", "))
	}
	if len(b.missing) > 0 {
		return nil, fmt.Errorf("schema: fields without a doc comment: %s (a dockergen bug)", strings.Join(b.missing, ", "))
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// typeDocs are the doc comments of one struct type and of its fields.
type typeDocs struct {
	doc    string
	fields map[string]string
}

// parseDocs reads the doc comments of every struct type in a Go source. A
// field without a comment that directly follows a commented one shares it
// ("Interval, Timeout and StartPeriod are ..."); a field without either
// gets its type's comment.
func parseDocs(src string) (map[string]typeDocs, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "spec.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	docs := map[string]typeDocs{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			td := typeDocs{fields: map[string]string{}}
			if ts.Doc != nil {
				td.doc = clean(ts.Doc.Text())
			} else if gd.Doc != nil {
				td.doc = clean(gd.Doc.Text())
			}
			prevDoc, prevLine := "", -10
			for _, fld := range st.Fields.List {
				line := fset.Position(fld.Pos()).Line
				doc := ""
				switch {
				case fld.Doc != nil:
					doc = clean(fld.Doc.Text())
				case line == prevLine+1 && prevDoc != "":
					doc = prevDoc
				default:
					doc = td.doc
				}
				for _, n := range fld.Names {
					td.fields[n.Name] = doc
				}
				prevDoc, prevLine = doc, fset.Position(fld.End()).Line
			}
			docs[ts.Name.Name] = td
		}
	}
	return docs, nil
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

type schemaBuilder struct {
	docs    map[string]typeDocs
	extras  map[string]map[string]any
	used    map[string]bool
	missing []string
}

// extra merges the hand-written rules for a schema path into node.
func (b *schemaBuilder) extra(p string, node map[string]any) {
	if e, ok := b.extras[p]; ok {
		b.used[p] = true
		for k, v := range e {
			node[k] = v
		}
	}
}

func (b *schemaBuilder) object(t reflect.Type, p string) map[string]any {
	props := map[string]any{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := yamlName(f)
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		fp := join(p, name)
		node := b.value(f.Type, fp)
		doc := b.docs[t.Name()].fields[f.Name]
		if doc == "" {
			b.missing = append(b.missing, fp)
		}
		node["description"] = doc
		if more, ok := node["description+"].(string); ok {
			node["description"] = doc + " " + more
			delete(node, "description+")
		}
		for _, opt := range strings.Split(f.Tag.Get("jsonschema"), ",") {
			if v, ok := strings.CutPrefix(opt, "enum="); ok {
				enum, _ := node["enum"].([]any)
				node["enum"] = append(enum, v)
			}
		}
		props[name] = node
	}
	node := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if d := b.docs[t.Name()].doc; d != "" {
		node["description"] = d
	}
	b.extra(p, node)
	return node
}

func (b *schemaBuilder) value(t reflect.Type, p string) map[string]any {
	var node map[string]any
	switch t.Kind() {
	case reflect.Struct:
		return b.object(t, p)
	case reflect.Slice:
		node = map[string]any{"type": "array", "items": b.value(t.Elem(), p+"[]")}
	case reflect.Map:
		names := map[string]any{"type": "string"}
		b.extra(p+"{}", names)
		node = map[string]any{"type": "object", "propertyNames": names, "additionalProperties": b.value(t.Elem(), p+".*")}
	case reflect.String:
		node = map[string]any{"type": "string"}
	case reflect.Int:
		node = map[string]any{"type": "integer"}
	case reflect.Bool:
		node = map[string]any{"type": "boolean"}
	default:
		panic(fmt.Sprintf("schema: no rule for %s at %s", t, p))
	}
	b.extra(p, node)
	return node
}

// schemaExtras are the rules a Go type cannot say, keyed by path: "a.b" for
// a field, "a[]" for a list's items, "a{}" for a map's keys and "a.*" for
// its values. Patterns are Validate's own regular expressions.
func schemaExtras() map[string]map[string]any {
	pattern := func(s string) map[string]any { return map[string]any{"pattern": s} }
	rng := func(lo, hi int) map[string]any { return map[string]any{"minimum": lo, "maximum": hi} }
	duration := map[string]any{"pattern": `^[0-9]+(ms|s|m|h)$`}
	withDefault := func(m map[string]any, def any) map[string]any {
		c := map[string]any{"default": def}
		for k, v := range m {
			c[k] = v
		}
		return c
	}
	var bases []string
	for _, s := range Stacks() {
		for _, base := range BasesFor(s) {
			if !slices.Contains(bases, base) {
				bases = append(bases, base)
			}
		}
	}
	sort.Strings(bases)
	var why []string
	for _, base := range bases {
		text := baseWhy[base]
		if !strings.HasPrefix(text, base) {
			text = base + ": " + text
		}
		why = append(why, text)
	}
	return map[string]map[string]any{
		"":           {"required": []string{"name", "stack"}},
		"name":       {"pattern": engineNameRE.String(), "minLength": 2, "maxLength": 64},
		"stack":      {"enum": Stacks()},
		"base":       {"enum": bases, "description+": "Trade-offs: " + strings.Join(why, ". ") + "."},
		"syntax":     pattern(frontendRE.String()),
		"context":    withDefault(pattern(relPathRE.String()), "."),
		"main":       pattern(mainPattern()),
		"workdir":    withDefault(pattern(absPathRE.String()), DefaultWorkdir),
		"entrypoint": {"minItems": 1},
		"ports":      {"uniqueItems": true, "default": []int{DefaultPort}},
		"ports[]":    rng(1024, 65535),
		"packages[]": pattern(pkgRE.String()),
		"files":      {"uniqueItems": true},
		"files[]":    pattern(relPathRE.String()),
		"env{}":      pattern(envKeyRE.String()),
		"passEnv":    {"uniqueItems": true},
		"passEnv[]":  pattern(envKeyRE.String()),
		"extensions": {"uniqueItems": true},
		"labels{}":   pattern(labelKeyRE.String()),

		"build.args{}":            pattern(envKeyRE.String()),
		"build.member":            pattern(relPathRE.String()),
		"build.secrets[]":         {"required": []string{"id", "target"}},
		"build.secrets[].id":      pattern(secretIDRE.String()),
		"build.secrets[].target":  pattern(absPathRE.String()),
		"seccomp.allow[]":         {"required": []string{"syscall", "reason"}},
		"seccomp.allow[].syscall": pattern(syscallRE.String()),
		"seccomp.allow[].reason":  {"minLength": 1, "maxLength": 300},
		"user.uid":                withDefault(rng(1, 2147483646), DefaultUID),
		"user.gid":                withDefault(rng(1, 2147483646), DefaultUID),
		"healthcheck.path":        pattern(httpPathRE.String()),
		"healthcheck.interval":    withDefault(duration, DefaultInterval),
		"healthcheck.timeout":     withDefault(duration, DefaultTimeout),
		"healthcheck.startPeriod": withDefault(duration, DefaultStart),
		"healthcheck.retries":     withDefault(rng(1, 100), DefaultRetries),
		"writable":                {"uniqueItems": true, "default": []string{DefaultTmpfsPath}},
		"writable[]":              pattern(absPathRE.String()),
		"resources.memory":        withDefault(pattern(memoryRE.String()), DefaultMemory),
		"resources.cpus":          withDefault(pattern(cpusRE.String()), DefaultCPUs),
		"resources.pids":          withDefault(rng(1, 1<<22), DefaultPids),
		"digests.builder":         pattern(digestRE.String()),
		"digests.runtime":         pattern(digestRE.String()),
		"digests.assets":          pattern(digestRE.String()),
		"digests.image":           pattern(digestRE.String()),
		"kubernetes.seccomp":      {"enum": []string{SeccompLocalhost, SeccompRuntimeDefault}, "default": SeccompLocalhost},
		"kubernetes.replicas":     withDefault(rng(1, 100), 1),
		"kubernetes.image":        pattern(kubeImageRE.String()),
		"kubernetes.namespace":    pattern(kubeNamespaceRE.String()),
		"digests.probe":           pattern(digestRE.String()),
	}
}

// stackRules are the rules that depend on the stack or the base: each
// stack's versions and bases, and no packages without a package manager.
func stackRules() []any {
	var rules []any
	for _, name := range Stacks() {
		st := stacks[name]
		mainProp := map[string]any{"default": st.DefaultMain}
		if st.MainComment != "" {
			mainProp["$comment"] = st.MainComment + ", else " + st.DefaultMain
		}
		props := map[string]any{
			"version": map[string]any{"pattern": st.VersionRE.String(), "default": st.defaultVersion(st.DefaultBase, ""), "$comment": st.VersionHelp},
			"distro":  map[string]any{"default": defaultDistro(st.family(st.DefaultBase)), "$comment": st.distroHelp()},
			"base":    map[string]any{"enum": st.Bases, "default": st.DefaultBase},
			"main":    mainProp,
		}
		if len(st.Servers) > 0 {
			props["server"] = map[string]any{"enum": st.Servers, "default": st.Servers[0]}
		} else {
			props["server"] = map[string]any{"const": ""}
		}
		if len(st.Extensions) > 0 {
			props["extensions"] = map[string]any{"items": map[string]any{"enum": st.Extensions}}
		} else {
			props["extensions"] = map[string]any{"maxItems": 0}
		}
		buildProps := map[string]any{}
		if len(st.Tools) > 0 {
			buildProps["tool"] = map[string]any{"enum": st.Tools, "default": st.Tools[0]}
		} else {
			buildProps["tool"] = map[string]any{"const": ""}
		}
		if !st.Output {
			buildProps["output"] = map[string]any{"const": ""}
		}
		if !st.JLink {
			buildProps["jlink"] = map[string]any{"const": false}
		}
		if !st.AOT {
			buildProps["aot"] = map[string]any{"const": false}
		}
		if !st.PinTags {
			buildProps["pinTags"] = map[string]any{"const": false}
		}
		props["build"] = map[string]any{"properties": buildProps}
		if !st.Assets {
			props["assets"] = map[string]any{"maxProperties": 0}
		}
		rules = append(rules, map[string]any{
			"if":   map[string]any{"properties": map[string]any{"stack": map[string]any{"const": name}}, "required": []string{"stack"}},
			"then": map[string]any{"properties": props},
		})
	}
	noPackageManager := []string{BaseDistroless, BaseScratch}
	for _, name := range Stacks() {
		// Without a base, the stack's default base decides.
		if st := stacks[name]; slices.Contains(noPackageManager, st.DefaultBase) {
			rules = append(rules, map[string]any{
				"if": map[string]any{
					"properties": map[string]any{"stack": map[string]any{"const": name}},
					"required":   []string{"stack"},
					"not":        map[string]any{"required": []string{"base"}},
				},
				"then": map[string]any{"properties": map[string]any{"packages": map[string]any{"maxItems": 0}}},
			})
		}
	}
	rules = append(rules, map[string]any{
		"if":   map[string]any{"properties": map[string]any{"base": map[string]any{"enum": noPackageManager}}, "required": []string{"base"}},
		"then": map[string]any{"properties": map[string]any{"packages": map[string]any{"maxItems": 0}}},
	})
	return rules
}

// mainPattern admits every stack's main: a relative path, or one of the
// stacks' other forms (MainForm), each once, in reverse lexical order (a
// fixed order, the one the published schema has always had).
func mainPattern() string {
	var forms []string
	for _, st := range registry {
		if st.MainForm != nil && !slices.Contains(forms, st.MainForm.String()) {
			forms = append(forms, st.MainForm.String())
		}
	}
	slices.Sort(forms)
	slices.Reverse(forms)
	return strings.Join(append([]string{relPathRE.String()}, forms...), "|")
}
