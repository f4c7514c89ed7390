package profiles

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/moby/profiles/seccomp"
	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// Learned is one syscall an app was seen to need beyond its runtime's
// profile (dockergen seccomp learn writes them into the spec's
// seccomp.allow), with the reason a person gives for allowing it.
type Learned struct {
	Name   string
	Reason string
}

// LearnedGroup is what one or more learned syscalls allow: the whole family
// (families.yaml) of each, or the syscall alone when it is in no family.
type LearnedGroup struct {
	// Family is the family's name, empty for a syscall in no family.
	Family string
	// FamilyWhy is the family's reason from families.yaml.
	FamilyWhy string
	// Learned are the spec's entries that brought the group in.
	Learned []Learned
	// Names are the syscalls the group allows beyond the runtime's profile,
	// sorted.
	Names []string
}

// CheckLearned returns why a runtime's profile cannot be extended with
// syscall name, or "" when it can: the name must be a syscall of x86_64 or
// aarch64, on no denied list, and not one that base.yaml's rules govern
// (clone, clone3 and socket keep their argument filters and errno).
func CheckLearned(runtime, name string) string {
	if !KnownSyscall(name) {
		return fmt.Sprintf("%q is not a syscall of x86_64 or aarch64 (profiles/sysnum/)", name)
	}
	base, err := Load("base")
	if err != nil {
		return err.Error()
	}
	denied := slices.Clone(base.Denied)
	if rt, err := Load(runtime); err == nil {
		denied = append(denied, rt.Denied...)
	}
	if slices.Contains(denied, name) {
		return fmt.Sprintf("%s is on dockergen's denied list (profiles/base.yaml): no profile may allow it", name)
	}
	for _, r := range base.Rules {
		if slices.Contains(r.Names, name) {
			return fmt.Sprintf("%s is governed by a rule of profiles/base.yaml (an argument filter or an errno) and cannot be allowed outright", name)
		}
	}
	return ""
}

// Learn adds learned syscalls to a composed profile: each one's family
// from families.yaml (the members that rules govern excepted), or the
// syscall alone when it is in no family. A learned syscall that the profile
// already allows changes nothing. It fails on a name CheckLearned refuses
// or a learned syscall without a reason.
func (c *Compose) Learn(learned []Learned) error {
	fams, err := Families()
	if err != nil {
		return err
	}
	byName := familyIndex(fams)
	allowed := map[string]bool{}
	for _, n := range c.Allowed {
		allowed[n] = true
	}
	ruled := map[string]bool{}
	for _, r := range c.Rules {
		for _, n := range r.Names {
			ruled[n] = true
		}
	}
	groups := map[string]*LearnedGroup{}
	var order []string
	for _, l := range learned {
		if msg := CheckLearned(c.Runtime, l.Name); msg != "" {
			return fmt.Errorf("seccomp.allow %s: %s", l.Name, msg)
		}
		if strings.TrimSpace(l.Reason) == "" {
			return fmt.Errorf("seccomp.allow %s: no reason", l.Name)
		}
		if allowed[l.Name] {
			continue
		}
		key, g := "syscall:"+l.Name, &LearnedGroup{Names: []string{l.Name}}
		if f, ok := byName[l.Name]; ok {
			key = "family:" + f.Name
			g = &LearnedGroup{Family: f.Name, FamilyWhy: f.Why}
			for _, m := range f.Names {
				if !allowed[m] && !ruled[m] {
					g.Names = append(g.Names, m)
				}
			}
		}
		if old, ok := groups[key]; ok {
			g = old
		} else {
			groups[key] = g
			order = append(order, key)
		}
		g.Learned = append(g.Learned, l)
	}
	sort.Strings(order)
	for _, k := range order {
		g := groups[k]
		sort.Strings(g.Names)
		g.Names = slices.Compact(g.Names)
		for _, d := range c.Denied {
			if slices.Contains(g.Names, d) {
				return fmt.Errorf("seccomp.allow %s: its family %s has %s, which is on the denied list", g.Learned[0].Name, g.Family, d)
			}
		}
		c.Learned = append(c.Learned, *g)
	}
	return nil
}

// LearnedNames returns every syscall the learned groups allow, sorted.
func (c *Compose) LearnedNames() []string {
	var names []string
	for _, g := range c.Learned {
		names = append(names, g.Names...)
	}
	sort.Strings(names)
	return slices.Compact(names)
}

// Comment is the group's comment in seccomp.json: what was learned, why,
// and the family it brings.
func (g LearnedGroup) Comment() string {
	var parts []string
	for _, l := range g.Learned {
		parts = append(parts, l.Name+": "+l.Reason)
	}
	s := "learned (the spec's seccomp.allow, dockergen seccomp learn): " + strings.Join(parts, "; ")
	if g.Family != "" {
		s += ". Family " + g.Family + " (profiles/families.yaml): " + g.FamilyWhy
	}
	return s
}

// learnedSyscalls are the learned groups as seccomp.json entries.
func (c *Compose) learnedSyscalls() []*seccomp.Syscall {
	var out []*seccomp.Syscall
	for _, g := range c.Learned {
		if len(g.Names) == 0 {
			continue
		}
		out = append(out, &seccomp.Syscall{
			LinuxSyscall: specs.LinuxSyscall{Names: slices.Clone(g.Names), Action: specs.ActAllow},
			Comment:      g.Comment(),
		})
	}
	return out
}

// SeccompLog is Seccomp with SCMP_ACT_LOG as the default action: every
// syscall the profile allows is allowed, its rules still apply, and every
// other call is allowed too but logged by the kernel (type=1326). dockergen
// seccomp learn runs the app under it to see what the real profile refuses.
func (c *Compose) SeccompLog() *seccomp.Seccomp {
	p := c.Seccomp()
	p.DefaultAction = specs.ActLog
	p.DefaultErrnoRet = nil
	return p
}
