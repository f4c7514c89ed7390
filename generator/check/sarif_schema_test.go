package check_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/check"
	"github.com/santhosh-tekuri/jsonschema/v6"

	// The module that ships the SARIF 2.1.0 JSON Schema this test reads
	// (pkg/report/v210/sarif/schema.go); imported so go.mod keeps it.
	_ "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// sarifSchema compiles the official SARIF 2.1.0 JSON Schema (draft-04), as
// github.com/owenrumney/go-sarif embeds it in a Go constant.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3").Output()
	if err != nil {
		t.Fatalf("locating go-sarif: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "pkg", "report", "v210", "sarif", "schema.go"))
	if err != nil {
		t.Fatal(err)
	}
	start, end := bytes.IndexByte(src, '`'), bytes.LastIndexByte(src, '`')
	if start < 0 || end <= start {
		t.Fatal("no schema constant in go-sarif's schema.go")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src[start+1 : end]))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestSARIFSchema validates dockergen's SARIF output, byte for byte as
// written, against the SARIF 2.1.0 JSON Schema.
func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	for name, fs := range map[string][]check.Finding{"findings": sampleFindings(t), "clean": nil} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := check.WriteSARIF(&buf, "v1.2.3", fs); err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Fatalf("SARIF schema: %v\n%s", err, buf.String())
			}
		})
	}
}

// TestSARIFSchemaCanFail proves the schema check rejects a broken log.
func TestSARIFSchemaCanFail(t *testing.T) {
	sch := sarifSchema(t)
	for _, bad := range []string{
		`{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`,                                       // driver without a name
		`{"version":"2.0.0","runs":[]}`,                                                             // wrong version
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"bad"}]}]}`, // no message, bad level
	} {
		var v any
		if err := json.Unmarshal([]byte(bad), &v); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err == nil {
			t.Errorf("validated: %s", bad)
		}
	}
}
