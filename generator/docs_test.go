package generator

import (
	"encoding/json"
	"os"
	"path"
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
	checkReadmeSection(t, StacksTableBegin, StacksTableEnd, stacksTable(built))
}

// TestReadmeReadsCurrent: the README's "what dockergen reads" tables are
// what readsTables writes from the stacks' Doc.Reads, and every detected
// stack has one that names its marker files.
func TestReadmeReadsCurrent(t *testing.T) {
	for _, st := range registry {
		if !st.detected() {
			continue
		}
		if len(st.Doc.Reads) < 2 {
			t.Errorf("%s: Doc.Reads has %d rows; say what Detect reads", st.Name, len(st.Doc.Reads))
			continue
		}
		var files strings.Builder
		for _, r := range st.Doc.Reads {
			if r.File == "" || r.What == "" || strings.Contains(r.File+r.What, "|") {
				t.Errorf("%s: Doc.Reads row %+v: both cells are needed, without '|'", st.Name, r)
			}
			files.WriteString(r.File)
		}
		for _, m := range st.Detector.markers {
			// A glob is named by its pattern's last part (*.csproj).
			if m = path.Base(m); !strings.Contains(files.String(), m) {
				t.Errorf("%s: Doc.Reads does not name the marker %s", st.Name, m)
			}
		}
	}
	checkReadmeSection(t, ReadsBegin, ReadsEnd, readsTables())
}

// checkReadmeSection compares the README's text between begin and end with
// want; DOCKERGEN_UPDATE=1 rewrites it.
func checkReadmeSection(t *testing.T, begin, end, want string) {
	t.Helper()
	const readme = "../README.md"
	text, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(text), begin+"\n")
	old, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("README.md has no %s ... %s section", begin, end)
	}
	if old == want {
		return
	}
	if os.Getenv("DOCKERGEN_UPDATE") == "1" {
		if err := os.WriteFile(readme, []byte(before+begin+"\n"+want+end+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's section %s is not current: run DOCKERGEN_UPDATE=1 go test ./generator\n got:\n%s\nwant:\n%s", begin, old, want)
}
