package generator

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Referees are the scanners users run on generated files (Trivy's `config`
// checks and KICS), and the findings of theirs that dockergen leaves on
// purpose, each with its reason: the one source for DOCKER-SECURITY.md and
// for the referees harness (make referees), which fails on any other
// finding.
//
//go:embed referees.yaml
var refereesYAML []byte

// RefereeException is a finding dockergen leaves on purpose.
type RefereeException struct {
	// Title says what is reported, Reason why it stays (Markdown, one line).
	Title  string        `yaml:"title"`
	Reason string        `yaml:"reason"`
	Rules  []RefereeRule `yaml:"rules"`
	// Kubernetes marks a finding on k8s.yaml: DOCKER-SECURITY.md lists it
	// only where k8s.yaml is written.
	Kubernetes bool `yaml:"kubernetes,omitempty"`
}

// RefereeRule is one scanner's rule: the scanner (trivy or kics), its ID and
// its name as the scanner prints it.
type RefereeRule struct {
	Scanner string `yaml:"scanner"`
	ID      string `yaml:"id"`
	Name    string `yaml:"name"`
}

var (
	refereesOnce sync.Once
	referees     []RefereeException
	refereesErr  error
)

// RefereeExceptions returns the documented exceptions, in the data's order.
func RefereeExceptions() ([]RefereeException, error) {
	refereesOnce.Do(func() { referees, refereesErr = parseReferees(refereesYAML) })
	return referees, refereesErr
}

func parseReferees(b []byte) ([]RefereeException, error) {
	var doc struct {
		Exceptions []RefereeException `yaml:"exceptions"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("referees.yaml: %w", err)
	}
	seen := map[string]bool{}
	for i, e := range doc.Exceptions {
		if e.Title == "" || e.Reason == "" || len(e.Rules) == 0 {
			return nil, fmt.Errorf("referees.yaml: exceptions[%d]: title, reason and rules are required", i)
		}
		for _, s := range []string{e.Title, e.Reason} {
			if strings.ContainsAny(s, "|\n") {
				return nil, fmt.Errorf("referees.yaml: exceptions[%d]: %q: one line without '|' (a Markdown table cell)", i, s)
			}
		}
		for j, r := range e.Rules {
			if r.Scanner != "trivy" && r.Scanner != "kics" || r.ID == "" || r.Name == "" {
				return nil, fmt.Errorf("referees.yaml: exceptions[%d].rules[%d]: want scanner trivy or kics, an id and a name", i, j)
			}
			if k := r.Scanner + " " + r.ID; seen[k] {
				return nil, fmt.Errorf("referees.yaml: exceptions[%d].rules[%d]: %s is listed twice", i, j, k)
			} else {
				seen[k] = true
			}
		}
	}
	return doc.Exceptions, nil
}
