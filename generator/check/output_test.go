package check_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/check"
)

func sampleFindings(t *testing.T) []check.Finding {
	t.Helper()
	fs, err := check.Files(map[string][]byte{
		"app/Dockerfile": []byte("FROM node:latest\nENV API_TOKEN=abc\nCMD node server.js\n"),
		"compose.yaml":   []byte("services:\n  app:\n    image: app:1\n    privileged: true\n"),
	})
	if err != nil || len(fs) == 0 {
		t.Fatalf("sample: %v, %d findings", err, len(fs))
	}
	return fs
}

// TestSARIF checks the SARIF 2.1.0 structure against the fields code
// scanning requires (the schema itself cannot be fetched offline).
func TestSARIF(t *testing.T) {
	fs := sampleFindings(t)
	var buf bytes.Buffer
	if err := check.WriteSARIF(&buf, "v1.2.3", fs); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if log["version"] != "2.1.0" || !strings.Contains(log["$schema"].(string), "sarif-2.1.0") {
		t.Errorf("version %v, $schema %v", log["version"], log["$schema"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "dockergen" || driver["informationUri"] != check.InformationURI || driver["version"] != "v1.2.3" {
		t.Errorf("driver: %v", driver)
	}
	rules := driver["rules"].([]any)
	if len(rules) != len(check.Rules()) {
		t.Errorf("%d rules in the driver, want %d", len(rules), len(check.Rules()))
	}
	ruleIndex := map[string]int{}
	for i, r := range rules {
		r := r.(map[string]any)
		id, _ := r["id"].(string)
		ruleIndex[id] = i
		for _, k := range []string{"shortDescription", "fullDescription", "help"} {
			if txt, _ := r[k].(map[string]any)["text"].(string); txt == "" {
				t.Errorf("rule %s: %s.text is empty", id, k)
			}
		}
		if lvl := r["defaultConfiguration"].(map[string]any)["level"]; lvl != "error" && lvl != "warning" && lvl != "note" {
			t.Errorf("rule %s: level %v", id, lvl)
		}
	}
	results := run["results"].([]any)
	if len(results) != len(fs) {
		t.Fatalf("%d results, want %d", len(results), len(fs))
	}
	for i, res := range results {
		res := res.(map[string]any)
		f := fs[i]
		if res["ruleId"] != f.RuleID || int(res["ruleIndex"].(float64)) != ruleIndex[f.RuleID] {
			t.Errorf("result %d: ruleId %v index %v, want %s", i, res["ruleId"], res["ruleIndex"], f.RuleID)
		}
		if res["level"] != f.Severity.Level() {
			t.Errorf("result %d: level %v, want %s", i, res["level"], f.Severity.Level())
		}
		if msg := res["message"].(map[string]any)["text"]; msg != f.Message {
			t.Errorf("result %d: message %v", i, msg)
		}
		loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		uri := loc["artifactLocation"].(map[string]any)["uri"]
		region := loc["region"].(map[string]any)
		if uri != f.File || int(region["startLine"].(float64)) != f.Line || int(region["startColumn"].(float64)) != f.Col {
			t.Errorf("result %d: location %v %v, want %s:%d:%d", i, uri, region, f.File, f.Line, f.Col)
		}
	}
}

func TestSARIFNoFindings(t *testing.T) {
	var buf bytes.Buffer
	if err := check.WriteSARIF(&buf, "devel", nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"results": []`) {
		t.Errorf("an empty run must have results: [], got\n%s", buf.String())
	}
}

func TestSeverityLevels(t *testing.T) {
	for s, want := range map[check.Severity]string{check.Info: "note", check.Low: "note", check.Medium: "warning", check.High: "error", check.Critical: "error"} {
		if got := s.Level(); got != want {
			t.Errorf("%s.Level() = %s, want %s", s, got, want)
		}
		p, err := check.ParseSeverity(strings.ToUpper(s.String()))
		if err != nil || p != s {
			t.Errorf("ParseSeverity(%s) = %v, %v", s, p, err)
		}
	}
	if _, err := check.ParseSeverity("severe"); err == nil {
		t.Error("ParseSeverity(severe) did not fail")
	}
}

func TestJSON(t *testing.T) {
	fs := sampleFindings(t)
	var buf bytes.Buffer
	if err := check.WriteJSON(&buf, []string{"app/Dockerfile", "compose.yaml"}, fs); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Files    []string
		Findings []struct {
			RuleID, Severity, File, Message, Fix string
			Line, Column                         int
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 2 || len(rep.Findings) != len(fs) {
		t.Fatalf("got %d files, %d findings", len(rep.Files), len(rep.Findings))
	}
	for i, f := range rep.Findings {
		if f.RuleID != fs[i].RuleID || f.Severity != fs[i].Severity.String() || f.Line != fs[i].Line || f.Column != fs[i].Col || f.Fix == "" {
			t.Errorf("finding %d: %+v, want %v", i, f, fs[i])
		}
	}
}

func TestFilter(t *testing.T) {
	fs := sampleFindings(t)
	high, err := check.Filter(fs, check.High, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range high {
		if f.Severity < check.High {
			t.Errorf("Filter(High) kept %s", f)
		}
	}
	noPriv, err := check.Filter(fs, check.Info, []string{"dg201"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range noPriv {
		if f.RuleID == "DG201" {
			t.Errorf("Filter ignoring DG201 kept %s", f)
		}
	}
	if len(noPriv) != len(fs)-1 {
		t.Errorf("Filter ignoring DG201 kept %d of %d", len(noPriv), len(fs))
	}
	if _, err := check.Filter(fs, check.Low, []string{"DG999"}); err == nil {
		t.Error("Filter with an unknown rule did not fail")
	}
}
