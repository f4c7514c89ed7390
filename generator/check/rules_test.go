package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/check"
)

// update rewrites expected outputs: DOCKERGEN_UPDATE=1 go test ./generator/check
var update = os.Getenv("DOCKERGEN_UPDATE") == "1"

var extFor = map[check.Kind]string{
	check.KindDockerfile: "Dockerfile",
	check.KindAny:        "Dockerfile",
	check.KindCompose:    "yaml",
	check.KindSeccomp:    "json",
}

// ruleFiles returns a rule's bad and good testdata files.
func ruleFiles(r *check.Rule) (bad, good string) {
	dir := filepath.Join("testdata", "rules", r.ID)
	return filepath.Join(dir, "bad."+extFor[r.Kind]), filepath.Join(dir, "good."+extFor[r.Kind])
}

// TestEveryRuleHasTestdata fails when a rule lacks its testdata: a bad file
// that must trigger it, a good file that must not, and the expected
// positions (want).
func TestEveryRuleHasTestdata(t *testing.T) {
	for _, r := range check.Rules() {
		bad, good := ruleFiles(r)
		for _, p := range []string{bad, good, filepath.Join(filepath.Dir(bad), "want")} {
			if _, err := os.Stat(p); err != nil {
				t.Errorf("rule %s has no %s: every rule needs testdata/rules/%s/{bad,good}.%s and want", r.ID, p, r.ID, extFor[r.Kind])
			}
		}
	}
	dirs, _ := filepath.Glob("testdata/rules/*")
	for _, d := range dirs {
		if _, ok := check.Lookup(filepath.Base(d)); !ok {
			t.Errorf("%s: no rule has this ID", d)
		}
	}
}

// TestRules checks every rule against its testdata: the bad file triggers
// the rule exactly at the positions in want (one line:col per finding), the
// good file does not trigger it.
func TestRules(t *testing.T) {
	for _, r := range check.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			bad, good := ruleFiles(r)
			wantPath := filepath.Join(filepath.Dir(bad), "want")
			got := positions(t, bad, r.ID)
			if len(got) == 0 {
				t.Errorf("%s does not trigger %s", bad, r.ID)
			}
			gotText := strings.Join(got, "\n") + "\n"
			if update {
				if err := os.WriteFile(wantPath, []byte(gotText), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want, err := os.ReadFile(wantPath); err != nil {
				t.Errorf("%v (run DOCKERGEN_UPDATE=1 go test ./generator/check to create it)", err)
			} else if string(want) != gotText {
				t.Errorf("%s: %s found at\n%s\nwant\n%s(if the change is intended, run DOCKERGEN_UPDATE=1 go test ./generator/check)", bad, r.ID, gotText, want)
			}
			if g := positions(t, good, r.ID); len(g) > 0 {
				t.Errorf("%s triggers %s at %v; it must not", good, r.ID, g)
			}
		})
	}
}

// positions checks a file and returns "line:col" of each finding of rule id.
func positions(t *testing.T, path, id string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := check.File(path, data, check.KindOf(path))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	for _, f := range fs {
		if f.File != path {
			t.Errorf("finding names file %q, want %q", f.File, path)
		}
		if f.RuleID == id {
			out = append(out, fmt.Sprintf("%d:%d", f.Line, f.Col))
		}
	}
	return out
}

var idRE = regexp.MustCompile(`^DG[0-9]{3}$`)

// TestRuleSet checks the rules as data: unique well-formed IDs in order,
// every text field written, equivalents of the right shape.
func TestRuleSet(t *testing.T) {
	seen := map[string]bool{}
	names := map[string]bool{}
	prev := ""
	for _, r := range check.Rules() {
		if !idRE.MatchString(r.ID) || seen[r.ID] || r.ID <= prev {
			t.Errorf("rule ID %q: want DGnnn, unique, in ascending order", r.ID)
		}
		seen[r.ID], prev = true, r.ID
		if names[r.Name] || !regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`).MatchString(r.Name) {
			t.Errorf("%s: name %q must be unique kebab-case", r.ID, r.Name)
		}
		names[r.Name] = true
		for field, v := range map[string]string{"Summary": r.Summary, "Why": r.Why, "Fix": r.Fix} {
			if strings.TrimSpace(v) == "" || strings.Contains(v, "\n") {
				t.Errorf("%s: %s must be one non-empty line", r.ID, field)
			}
		}
		for _, h := range r.Hadolint {
			if !regexp.MustCompile(`^DL[0-9]{4}$`).MatchString(h) {
				t.Errorf("%s: hadolint ID %q", r.ID, h)
			}
		}
		for _, d := range r.Trivy {
			if !regexp.MustCompile(`^DS[0-9]{3}$`).MatchString(d) {
				t.Errorf("%s: Trivy ID %q", r.ID, d)
			}
		}
		for _, c := range r.CIS {
			if !regexp.MustCompile(`^[1-7]\.[0-9]{1,2}$`).MatchString(c) {
				t.Errorf("%s: CIS ID %q", r.ID, c)
			}
		}
		if got, ok := check.Lookup(strings.ToLower(r.ID)); !ok || got != r {
			t.Errorf("Lookup(%q) does not find the rule", strings.ToLower(r.ID))
		}
	}
	if _, ok := check.Lookup("DG999"); ok {
		t.Error("Lookup(DG999) found a rule")
	}
}
