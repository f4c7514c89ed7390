package generator

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compileSchema compiles Schema with a full draft 2020-12 validator.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatalf("schema does not compile as draft 2020-12: %v", err)
	}
	return sch
}

// yamlToJSON decodes a YAML spec into the JSON value a YAML editor checks.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaValidSpecs: every spec that dockergen accepts in the repository
// (the examples, the golden specs and the effective built-in examples) is
// valid against the schema.
func TestSchemaValidSpecs(t *testing.T) {
	sch := compileSchema(t)
	files, _ := filepath.Glob("../examples/*/dockergen.yaml")
	golden, _ := filepath.Glob("testdata/golden/*/dockergen.yaml")
	files = append(files, golden...)
	if len(files) < 4 {
		t.Fatalf("found only %d specs", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := LoadSpec(f, data); err != nil {
			t.Fatalf("%s does not load: %v", f, err)
		}
		if err := sch.Validate(yamlToJSON(t, data)); err != nil {
			t.Errorf("%s is valid for dockergen but not for the schema:\n%v", f, err)
		}
	}
	for _, st := range Stacks() {
		spec, _ := ExampleSpec(st)
		data, err := yaml.Marshal(spec)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(yamlToJSON(t, data)); err != nil {
			t.Errorf("the effective %s example spec is not valid for the schema:\n%v\n%s", st, err, data)
		}
	}
}

// TestSchemaRefuses: unknown keys at every level, and values that the
// schema can judge alone, are refused, as LoadSpec refuses them.
func TestSchemaRefuses(t *testing.T) {
	sch := compileSchema(t)
	base := "apiVersion: dockergen/v1\nname: app\nstack: go\n"
	cases := map[string]string{
		"unknown top-level key":    base + "bsae: slim\n",
		"unknown nested key":       base + "resources: {memroy: 1g}\n",
		"unknown secret key":       base + "build: {secrets: [{id: a, target: /a, source: b}]}\n",
		"stack not in the catalog": "apiVersion: dockergen/v1\nname: app\nstack: cobol\n",
		"base not for the stack":   "apiVersion: dockergen/v1\nname: app\nstack: node\nbase: scratch\n",
		"version of another stack": base + "version: \"3.12\"\n",
		"privileged port":          base + "ports: [80]\n",
		"port as a string":         base + "ports: [\"8080\"]\n",
		"upper-case name":          "apiVersion: dockergen/v1\nname: App\nstack: go\n",
		"missing stack":            "apiVersion: dockergen/v1\nname: app\n",
		"wrong apiVersion":         "apiVersion: dockergen/v2\nname: app\nstack: go\n",
		"packages on distroless":   base + "packages: [curl]\n",
		"relative writable":        base + "writable: [tmp]\n",
		"bad memory":               base + "resources: {memory: lots}\n",
		"negative uid":             base + "user: {uid: -5}\n",
		"bad digest":               base + "digests: {builder: sha256:abc}\n",
	}
	for name, src := range cases {
		if _, err := LoadSpec("x.yaml", []byte(src)); err == nil {
			t.Errorf("%s: LoadSpec accepts it, so the schema must too; fix the case", name)
			continue
		}
		if err := sch.Validate(yamlToJSON(t, []byte(src))); err == nil {
			t.Errorf("%s: the schema accepts\n%s", name, src)
		}
	}
	var inv []string
	for _, n := range []string{"unknown-field", "bad-stack", "bad-base", "bad-version", "privileged-port", "port-range", "name-uppercase", "no-name", "wrong-api", "wrong-type-port", "memory-bad", "uid-zero", "uid-zero-alone", "gid-zero", "uid-gid-zero", "pids-zero", "packages-distroless", "workdir-relative", "secret-target-relative", "seccomp-allow-no-reason", "seccomp-allow-bad-name"} {
		inv = append(inv, "testdata/invalid/"+n+".yaml")
	}
	for _, f := range inv {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(yamlToJSON(t, data)); err == nil {
			t.Errorf("%s: the schema accepts a spec LoadSpec refuses", f)
		}
	}
}

// TestSchemaFromTypes: the schema has a property for every yaml key of the
// Go types, each with the field's doc comment, and every object is closed.
func TestSchemaFromTypes(t *testing.T) {
	raw, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		t.Fatal(err)
	}
	if root["$schema"] != SchemaDialect {
		t.Errorf("$schema = %v", root["$schema"])
	}
	var check func(t reflect.Type, node map[string]any, p string)
	check = func(typ reflect.Type, node map[string]any, p string) {
		if node["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is %v, want false", p, node["additionalProperties"])
		}
		props := node["properties"].(map[string]any)
		if len(props) != len(fieldNames(typ)) {
			t.Errorf("%s: %d properties for %d fields", p, len(props), len(fieldNames(typ)))
		}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name := yamlName(f)
			prop, ok := props[name].(map[string]any)
			if !ok {
				t.Errorf("%s: no property %q", p, join(p, name))
				continue
			}
			if d, _ := prop["description"].(string); len(d) < 10 {
				t.Errorf("%s: description %q", join(p, name), d)
			}
			ft := f.Type
			if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
				check(ft.Elem(), prop["items"].(map[string]any), join(p, name)+"[]")
			} else if ft.Kind() == reflect.Struct {
				check(ft, prop, join(p, name))
			}
		}
	}
	check(reflect.TypeOf(Spec{}), root, "")
	// The descriptions are the doc comments of spec.go, not a copy.
	props := root["properties"].(map[string]any)
	if d := props["writable"].(map[string]any)["description"].(string); !strings.HasPrefix(d, "Writable lists absolute paths") {
		t.Errorf("writable's description is not its doc comment: %q", d)
	}
	if e := props["stack"].(map[string]any)["enum"].([]any); len(e) != len(Stacks()) {
		t.Errorf("stack enum %v, want %v", e, Stacks())
	}
}

// TestSchemaExtrasMatchFields: a rule for a field that was renamed or
// removed is an error, not a silently ignored rule.
func TestSchemaExtrasMatchFields(t *testing.T) {
	docs, err := parseDocs(specSource)
	if err != nil {
		t.Fatal(err)
	}
	b := &schemaBuilder{docs: docs, extras: map[string]map[string]any{"nope": {"minimum": 1}}, used: map[string]bool{}}
	b.object(reflect.TypeOf(Spec{}), "")
	if b.used["nope"] {
		t.Fatal("a rule for a field that does not exist was used")
	}
	if _, err := Schema(); err != nil {
		t.Fatal(err)
	}
}

// TestSchemaFileCurrent fails when generator/dockergen.schema.json, the file
// SchemaURL points at, differs from Schema(). Update it with
// DOCKERGEN_UPDATE=1 go test ./generator (or make golden).
func TestSchemaFileCurrent(t *testing.T) {
	want, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("DOCKERGEN_UPDATE") == "1" {
		if err := os.WriteFile("dockergen.schema.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("dockergen.schema.json")
	if err != nil {
		t.Fatalf("%v (run DOCKERGEN_UPDATE=1 go test ./generator to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generator/dockergen.schema.json is not current: run DOCKERGEN_UPDATE=1 go test ./generator")
	}
}
