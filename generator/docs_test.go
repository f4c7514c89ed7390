package generator

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestReadmeStacksTableCurrent: the README's stacks table is what
// stacksTable writes from the registry and the e2e's committed report
// (examples/E2E-REPORT.json, the one record of what was built here); run
// DOCKERGEN_UPDATE=1 go test ./generator to rewrite it.
func TestReadmeStacksTableCurrent(t *testing.T) {
	data, err := os.ReadFile("../examples/E2E-REPORT.json")
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Rows []struct{ Example, Base, Result string }
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("E2E-REPORT.json: %v", err)
	}
	built := map[[2]string]bool{}
	for _, r := range report.Rows {
		if stacks[r.Example] == nil {
			t.Errorf("E2E-REPORT.json: row of %q, which is not a registered stack", r.Example)
		}
		if r.Result == "passed" {
			built[[2]string{r.Example, r.Base}] = true
		}
	}
	if len(built) == 0 {
		t.Fatal("E2E-REPORT.json: no row passed")
	}
	const readme = "../README.md"
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(text), StacksTableBegin+"\n")
	old, after, ok2 := strings.Cut(rest, StacksTableEnd)
	if !ok1 || !ok2 {
		t.Fatalf("README.md has no %s ... %s section", StacksTableBegin, StacksTableEnd)
	}
	want := stacksTable(built)
	if old == want {
		return
	}
	if os.Getenv("DOCKERGEN_UPDATE") == "1" {
		if err := os.WriteFile(readme, []byte(before+StacksTableBegin+"\n"+want+StacksTableEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's stacks table is not current: run DOCKERGEN_UPDATE=1 go test ./generator\n got:\n%s\nwant:\n%s", old, want)
}
