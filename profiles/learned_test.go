package profiles_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/profiles"
	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// TestLearnFamily: a learned call brings its whole family (or the call
// alone when it has none), with its reason, as its
// own entry of seccomp.json; the runtime's allowlist is unchanged.
func TestLearnFamily(t *testing.T) {
	fams, err := profiles.Families()
	if err != nil {
		t.Fatal(err)
	}
	c, err := profiles.For("go")
	if err != nil {
		t.Fatal(err)
	}
	before := slices.Clone(c.Allowed)
	// A family member the go profile refuses, and a call in no family.
	var fam profiles.Family
	for _, f := range fams {
		if f.Name == "flock" {
			fam = f
		}
	}
	if !slices.Contains(fam.Names, "flock") {
		t.Fatalf("families.yaml's flock family changed: %v", fam.Names)
	}
	for _, n := range []string{"flock", "mlock"} {
		if slices.Contains(before, n) {
			t.Fatalf("the go profile already allows %s; pick another case", n)
		}
	}
	err = c.Learn([]profiles.Learned{{Name: "mlock", Reason: "pins the key buffer"}, {Name: "flock", Reason: "locks the journal"}, {Name: "getcwd", Reason: "already allowed"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Allowed, before) {
		t.Error("Learn changed the runtime's allowlist")
	}
	if len(c.Learned) != 2 {
		t.Fatalf("learned groups = %+v, want 2 (getcwd is already allowed)", c.Learned)
	}
	if g := c.Learned[0]; g.Family != "flock" || !slices.Equal(g.Names, []string{"flock"}) || !strings.Contains(g.Comment(), "locks the journal") || !strings.Contains(g.Comment(), fam.Why) {
		t.Errorf("flock group = %+v (comment %q)", g, g.Comment())
	}
	if g := c.Learned[1]; g.Family != "" || !slices.Equal(g.Names, []string{"mlock"}) || !strings.Contains(g.Comment(), "pins the key buffer") {
		t.Errorf("mlock group = %+v", g)
	}
	p := c.Seccomp()
	js, _ := json.Marshal(p)
	if !strings.Contains(string(js), `"mlock"`) || p.DefaultAction != specs.ActErrno {
		t.Errorf("seccomp.json lacks mlock or its default changed: %s", p.DefaultAction)
	}
	if c.SeccompLog().DefaultAction != specs.ActLog || c.SeccompLog().DefaultErrnoRet != nil {
		t.Error("SeccompLog's default is not SCMP_ACT_LOG")
	}
	if got := c.LearnedNames(); !slices.Equal(got, []string{"flock", "mlock"}) {
		t.Errorf("LearnedNames = %v", got)
	}
}

// TestLearnFamilyExpands: a learned member of a family the profile lacks
// brings every member (chmod brings fchmodat too).
func TestLearnFamilyExpands(t *testing.T) {
	c, err := profiles.For("go")
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(c.Allowed, "chmod") || slices.Contains(c.Allowed, "fchmodat") {
		t.Fatal("the go profile allows chmod or fchmodat; pick another case")
	}
	if err := c.Learn([]profiles.Learned{{Name: "fchmodat", Reason: "sets the socket's mode"}}); err != nil {
		t.Fatal(err)
	}
	if len(c.Learned) != 1 || c.Learned[0].Family != "chmod" || !slices.Equal(c.Learned[0].Names, []string{"chmod", "fchmodat"}) {
		t.Errorf("learned = %+v", c.Learned)
	}
}

func TestLearnRefuses(t *testing.T) {
	for name, msg := range map[string]string{
		"ptrace":      "denied list",
		"personality": "denied list",
		"clone3":      "governed by a rule",
		"socket":      "governed by a rule",
		"frobnicate":  "not a syscall",
	} {
		if got := profiles.CheckLearned("go", name); !strings.Contains(got, msg) {
			t.Errorf("CheckLearned(%s) = %q, want %q", name, got, msg)
		}
		c, _ := profiles.For("go")
		if err := c.Learn([]profiles.Learned{{Name: name, Reason: "x"}}); err == nil {
			t.Errorf("Learn allows %s", name)
		}
	}
	if got := profiles.CheckLearned("go", "setpriority"); got != "" {
		t.Errorf("CheckLearned(setpriority) = %q", got)
	}
	c, _ := profiles.For("go")
	if err := c.Learn([]profiles.Learned{{Name: "mlock", Reason: " "}}); err == nil {
		t.Error("Learn takes a call without a reason")
	}
}
