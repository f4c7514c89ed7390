package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/check"
	"github.com/rogpeppe/go-internal/diff"
)

// TestCorpus checks every hand-written Dockerfile in testdata/corpus, of the
// kinds found in real projects, against its golden <name>.want: one finding
// per line as check prints them (followed by its fix when the fix is written
// from the finding's context), or nothing for a clean file.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.Dockerfile")
	if err != nil || len(files) < 30 {
		t.Fatalf("want at least 30 corpus Dockerfiles, have %d (%v)", len(files), err)
	}
	perRule := map[string]int{}
	for _, p := range files {
		name := filepath.Base(p)
		t.Run(strings.TrimSuffix(name, ".Dockerfile"), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := check.Dockerfile(name, data)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, f := range fs {
				fmt.Fprintln(&b, f)
				if f.Fix != "" { // a fix written from the finding's context
					fmt.Fprintf(&b, "    fix: %s\n", f.Fix)
				}
				perRule[f.RuleID]++
			}
			got := []byte(b.String())
			wantPath := strings.TrimSuffix(p, ".Dockerfile") + ".want"
			if update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run DOCKERGEN_UPDATE=1 go test ./generator/check to create it)", err)
			}
			if string(want) != string(got) {
				t.Errorf("%s: findings differ from %s (if the change is intended, run DOCKERGEN_UPDATE=1 go test ./generator/check):\n%s",
					p, wantPath, diff.Diff(wantPath, want, "check", got))
			}
		})
	}
	ids := make([]string, 0, len(perRule))
	for id := range perRule {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var summary []string
	for _, id := range ids {
		summary = append(summary, fmt.Sprintf("%s=%d", id, perRule[id]))
	}
	t.Logf("%d files; findings per rule: %s", len(files), strings.Join(summary, " "))
}
