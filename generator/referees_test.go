package generator

import (
	"strings"
	"testing"
)

// TestRefereeExceptionsDocumented: the embedded list parses, and every
// DOCKER-SECURITY.md names each exception's rule IDs and reason (the
// harness in examples/referees/ allows exactly these).
func TestRefereeExceptionsDocumented(t *testing.T) {
	exc, err := RefereeExceptions()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range Stacks() {
		spec, err := ExampleSpec(st)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Generate(spec, Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc := string(files["DOCKER-SECURITY.md"])
		for _, e := range exc {
			if !strings.Contains(doc, e.Reason) {
				t.Errorf("%s: DOCKER-SECURITY.md lacks the reason of %q", st, e.Title)
			}
			for _, r := range e.Rules {
				if !strings.Contains(doc, r.Scanner+" `"+r.ID+"`") {
					t.Errorf("%s: DOCKER-SECURITY.md lacks %s %s", st, r.Scanner, r.ID)
				}
			}
		}
	}
}

func TestParseRefereesRefuses(t *testing.T) {
	for _, bad := range []string{
		"exceptions: [{title: t, reason: r}]",
		"exceptions: [{title: t, reason: 'a | b', rules: [{scanner: kics, id: x, name: n}]}]",
		"exceptions: [{title: t, reason: r, rules: [{scanner: grype, id: x, name: n}]}]",
		"exceptions: [{title: t, reason: r, rules: [{scanner: kics, id: x, name: n}, {scanner: kics, id: x, name: n}]}]",
		"exceptions: [{title: t, reason: r, color: red, rules: [{scanner: kics, id: x, name: n}]}]",
	} {
		if _, err := parseReferees([]byte(bad)); err == nil {
			t.Errorf("%s: parsed; want an error", bad)
		}
	}
}
