package check

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// referenceFile is the Markdown reference of every rule, generated from the
// rule values (rules.go) so that it cannot drift from 'dockergen check
// --list' and '--explain'.
const referenceFile = "RULES.md"

// mdEscaper escapes the characters Markdown would read as markup in rule
// text (<digest> would vanish as an HTML tag, /var/lib/apt/lists/* and
// *_FILE would start emphasis).
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `|`, `\|`)

// rulesReference renders the reference: an index table, then one section
// per rule with its severity, what it reads, why it matters, how to fix it,
// its hadolint, Trivy and CIS equivalents and how to accept it in one place.
func rulesReference() []byte {
	var b bytes.Buffer
	rules := Rules()
	fmt.Fprintf(&b, "# dockergen check rules\n\n")
	fmt.Fprintf(&b, "Generated from the rule values in generator/check/rules.go by\n`DOCKERGEN_UPDATE=1 go test ./generator/check`: do not edit by hand.\n")
	fmt.Fprintf(&b, "The same text is printed by `dockergen check --explain ID`; `dockergen check --list` lists the rules.\n\n")
	fmt.Fprintf(&b, "%d rules: DG0xx are about check itself, DG1xx read Dockerfiles, DG2xx compose files, DG3xx seccomp profiles.\n", len(rules))
	fmt.Fprintf(&b, "Findings below `--severity` (default: low) are not shown and do not count, so info advice never fails a check by default.\n\n")
	fmt.Fprintf(&b, "| ID | Name | Severity | Reads | Summary |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", r.ID, anchor(r), r.Name, r.Severity, r.Kind, mdEscaper.Replace(r.Summary))
	}
	for _, r := range rules {
		fmt.Fprintf(&b, "\n## %s %s\n\n", r.ID, r.Name)
		fmt.Fprintf(&b, "**%s**\n\n", mdEscaper.Replace(r.Summary))
		fmt.Fprintf(&b, "Severity: %s. Reads: %s.\n\n", r.Severity, kindText(r.Kind))
		fmt.Fprintf(&b, "**Why it matters.** %s\n\n", mdEscaper.Replace(r.Why))
		fmt.Fprintf(&b, "**How to fix.** %s\n\n", mdEscaper.Replace(r.Fix))
		eq := mdEscaper.Replace(r.Equivalents())
		if eq == "" {
			eq = "none in hadolint, Trivy or the CIS Docker Benchmark"
		}
		fmt.Fprintf(&b, "**Equivalent to:** %s.\n", eq)
		if r.Kind != KindSeccomp && r != RuleIgnoreComment { // as --explain: JSON has no comments
			fmt.Fprintf(&b, "\nTo accept it in one place, write above the instruction or key:\n`# dockergen:ignore=%s <reason>`\n", r.ID)
		}
	}
	return b.Bytes()
}

// anchor is the id GitHub gives the heading "## ID name".
func anchor(r *Rule) string { return strings.ToLower(r.ID + "-" + r.Name) }

func kindText(k Kind) string {
	switch k {
	case KindDockerfile:
		return "Dockerfiles"
	case KindCompose:
		return "compose files"
	case KindSeccomp:
		return "seccomp profiles"
	case KindAny:
		return "the ignore comments in any file"
	}
	return string(k)
}

// TestRulesReferenceCurrent fails when generator/check/RULES.md differs from
// what the rule values give. Update it with DOCKERGEN_UPDATE=1 go test
// ./generator/check (or make golden).
func TestRulesReferenceCurrent(t *testing.T) {
	want := rulesReference()
	if os.Getenv("DOCKERGEN_UPDATE") == "1" {
		if err := os.WriteFile(referenceFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(referenceFile)
	if err != nil {
		t.Fatalf("%v (run DOCKERGEN_UPDATE=1 go test ./generator/check to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generator/check/%s is not current: run DOCKERGEN_UPDATE=1 go test ./generator/check", referenceFile)
	}
}

// TestRulesReferenceComplete: the reference has a section for every rule,
// with its why, fix and equivalents, and the index links to each section.
func TestRulesReferenceComplete(t *testing.T) {
	ref := string(rulesReference())
	for _, r := range Rules() {
		head := fmt.Sprintf("\n## %s %s\n", r.ID, r.Name)
		i := strings.Index(ref, head)
		if i < 0 {
			t.Errorf("%s: no section %q", r.ID, strings.TrimSpace(head))
			continue
		}
		sec, _, _ := strings.Cut(ref[i+len(head):], "\n## ")
		for _, part := range []string{mdEscaper.Replace(r.Why), mdEscaper.Replace(r.Fix), "Severity: " + r.Severity.String()} {
			if !strings.Contains(sec, part) {
				t.Errorf("%s: the section lacks %q", r.ID, part)
			}
		}
		for _, id := range append(append(append([]string{}, r.Hadolint...), r.Trivy...), r.CIS...) {
			if !strings.Contains(sec, id) {
				t.Errorf("%s: the section lacks the equivalent %s", r.ID, id)
			}
		}
		if !strings.Contains(ref, "(#"+anchor(r)+")") {
			t.Errorf("%s: the index does not link to its section", r.ID)
		}
	}
}
