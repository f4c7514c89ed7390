package generator

import (
	"strings"
	"testing"
)

// TestRefereeExceptionsDocumented: the embedded list parses, and every
// DOCKER-SECURITY.md names each exception's rule IDs and reason (the
// harness in examples/referees/ allows exactly these), those on k8s.yaml
// only where k8s.yaml is written.
func TestRefereeExceptionsDocumented(t *testing.T) {
	exc, err := RefereeExceptions()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range Stacks() {
		for _, kube := range []bool{false, true} {
			spec, err := ExampleSpec(st)
			if err != nil {
				t.Fatal(err)
			}
			spec.Kubernetes = Kubernetes{Enabled: kube}
			spec.Defaults()
			files, err := Generate(spec, Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc := string(files["DOCKER-SECURITY.md"])
			for _, e := range exc {
				// A k8s.yaml finding is listed where k8s.yaml is written, only.
				want := !e.Kubernetes || kube
				if strings.Contains(doc, e.Reason) != want {
					t.Errorf("%s (kubernetes %v): DOCKER-SECURITY.md has the reason of %q: %v, want %v", st, kube, e.Title, !want, want)
				}
				for _, r := range e.Rules {
					if strings.Contains(doc, r.Scanner+" `"+r.ID+"`") != want {
						t.Errorf("%s (kubernetes %v): DOCKER-SECURITY.md has %s %s: %v, want %v", st, kube, r.Scanner, r.ID, !want, want)
					}
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
