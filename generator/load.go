package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// SpecError is a problem with a spec, located in its file. Its message has
// the form "file:line:col: field: what is wrong (what is allowed)".
type SpecError struct {
	File  string
	Line  int
	Col   int
	Field string
	Msg   string
}

// Error formats the error as file:line:col: field: message.
func (e *SpecError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// LoadSpec decodes a spec strictly, applies the defaults and validates it.
// filename only names the source in messages. Every problem is returned as
// a *SpecError: unknown or misspelt keys, wrong types, YAML anchors, several
// documents, and values that Validate refuses.
func LoadSpec(filename string, data []byte) (*Spec, error) {
	spec, idx, err := decodeSpec(filename, data)
	if err != nil {
		return nil, err
	}
	zeros := idx.explicitZeros()
	spec.Defaults()
	// Defaults reads a 0 as "not set" and replaces it (user.uid 0 would
	// become 10001): put back every 0 the file wrote, so that Validate
	// judges what the user asked for and refuses it at its line.
	for _, p := range zeros {
		zeroField(reflect.ValueOf(spec).Elem(), p)
	}
	if errs := spec.Validate(); len(errs) > 0 {
		return nil, idx.locate(errs[0])
	}
	return spec, nil
}

// explicitZeros returns the paths of the struct fields of integer type that
// the file sets to 0 (for example user.uid), sorted. List items are left
// out: Defaults never fills them in, so Validate already sees their 0.
func (x *nodeIndex) explicitZeros() []string {
	var paths []string
	for p, n := range x.nodes {
		if strings.ContainsAny(p, "[") || n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			continue
		}
		if v, err := strconv.ParseInt(n.Value, 0, 64); err == nil && v == 0 {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// zeroField sets the integer field at a dotted yaml path (user.uid) of the
// struct v to 0; a path that does not name one (a map key) is left alone.
func zeroField(v reflect.Value, path string) {
	for _, name := range strings.Split(path, ".") {
		if v.Kind() != reflect.Struct {
			return
		}
		f, ok := fieldByTag(v.Type(), name)
		if !ok {
			return
		}
		v = v.FieldByIndex(f.Index)
	}
	if v.Kind() == reflect.Int && v.CanSet() {
		v.SetInt(0)
	}
}

// decodeSpec parses YAML into a Spec, checking every key and type against
// the Go types, and indexes the position of every field for later messages.
func decodeSpec(filename string, data []byte) (*Spec, *nodeIndex, error) {
	idx := &nodeIndex{file: filename, nodes: map[string]*yaml.Node{}}
	empty := &SpecError{File: filename, Line: 1, Col: 1, Msg: "the spec is empty (start with: apiVersion: " + APIVersion + ")"}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, empty
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, empty // only comments
		}
		return nil, nil, yamlSyntaxError(filename, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, nil, &SpecError{File: filename, Line: extra.Line, Col: extra.Column, Msg: "a spec holds exactly one YAML document (remove the second '---')"}
	} else if !errors.Is(err, io.EOF) {
		return nil, nil, yamlSyntaxError(filename, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, nil, &SpecError{File: filename, Line: root.Line, Col: root.Column, Msg: "the spec must be a YAML mapping (key: value lines)"}
	}
	if err := idx.walk(root, reflect.TypeOf(Spec{}), ""); err != nil {
		return nil, nil, err
	}
	var spec Spec
	if err := root.Decode(&spec); err != nil {
		// walk checked every type, so this is a bug in dockergen.
		return nil, nil, &SpecError{File: filename, Msg: "internal error decoding the spec (a dockergen bug): " + err.Error()}
	}
	return &spec, idx, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlSyntaxError(filename string, err error) error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &SpecError{File: filename, Line: line, Col: 1, Msg: "invalid YAML: " + m[2]}
	}
	return &SpecError{File: filename, Line: 1, Col: 1, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// nodeIndex maps field paths such as "build.secrets[0].id" to YAML nodes.
type nodeIndex struct {
	file  string
	nodes map[string]*yaml.Node
}

func (x *nodeIndex) errAt(n *yaml.Node, field, format string, args ...any) error {
	return &SpecError{File: x.file, Line: n.Line, Col: n.Column, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// locate turns a FieldError into a SpecError at the position of its field,
// or of the nearest enclosing field present in the file.
func (x *nodeIndex) locate(fe FieldError) *SpecError {
	e := &SpecError{File: x.file, Field: fe.Field, Msg: fe.Msg}
	for p := fe.Field; ; {
		if n, ok := x.nodes[p]; ok {
			e.Line, e.Col = n.Line, n.Column
			return e
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			if n, ok := x.nodes[""]; ok {
				e.Line, e.Col = n.Line, n.Column
			}
			return e
		}
		p = p[:i]
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// walk checks node against the Go type t and records every node's path.
func (x *nodeIndex) walk(n *yaml.Node, t reflect.Type, path string) error {
	x.nodes[path] = n
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return x.errAt(n, path, "YAML anchors and aliases are not supported in a spec (write the value out)")
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // an empty value means "use the default"
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return x.errAt(n, path, "expected a mapping of %s, got %s", fieldList(t), describe(n))
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				return x.errAt(k, path, "keys must be plain words (YAML merge keys << are not supported)")
			}
			f, ok := fieldByTag(t, k.Value)
			if !ok {
				msg := fmt.Sprintf("unknown field %q", k.Value)
				if s := suggest(k.Value, fieldNames(t)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				return x.errAt(k, join(path, k.Value), "%s (allowed: %s)", msg, fieldList(t))
			}
			if seen[k.Value] {
				return x.errAt(k, join(path, k.Value), "is set twice")
			}
			seen[k.Value] = true
			x.nodes[join(path, k.Value)] = v
			if err := x.walk(v, f.Type, join(path, k.Value)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return x.errAt(n, path, "expected a mapping of names to values, got %s", describe(n))
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				return x.errAt(k, path, "keys must be plain words (YAML merge keys << are not supported)")
			}
			p := path + "." + k.Value
			if seen[k.Value] {
				return x.errAt(k, p, "is set twice")
			}
			seen[k.Value] = true
			if err := x.walk(v, t.Elem(), p); err != nil {
				return err
			}
			if v.Tag == "!!null" {
				return x.errAt(v, p, "has no value (write \"\" for an empty string)")
			}
		}
		return nil
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return x.errAt(n, path, "expected a list, got %s", describe(n))
		}
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if err := x.walk(c, t.Elem(), p); err != nil {
				return err
			}
			if c.Tag == "!!null" {
				return x.errAt(c, p, "is empty")
			}
		}
		return nil
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return x.errAt(n, path, "expected a string, got %s", describe(n))
		}
		return nil
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return x.errAt(n, path, "expected a whole number, got %s", describe(n))
		}
		if _, err := strconv.ParseInt(n.Value, 0, 32); err != nil {
			return x.errAt(n, path, "%s is out of range", n.Value)
		}
		return nil
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return x.errAt(n, path, "expected true or false, got %s", describe(n))
		}
		return nil
	}
	return x.errAt(n, path, "internal error: no rule for %s (a dockergen bug)", t)
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		kind := map[string]string{"!!str": "string", "!!int": "number", "!!float": "number", "!!bool": "boolean"}[n.Tag]
		if kind == "" {
			kind = "value"
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return fmt.Sprintf("the %s %q", kind, v)
	}
	return "something else"
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && yamlName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && yamlName(f) != "" && yamlName(f) != "-" {
			names = append(names, yamlName(f))
		}
	}
	return names
}

func fieldList(t reflect.Type) string {
	names := fieldNames(t)
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// suggest returns the candidate closest to word, if it is close enough to be
// a likely typo.
func suggest(word string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
