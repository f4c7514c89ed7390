package generator

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dockergen/dockergen/profiles"
)

// syscallRE is the shape of a syscall name in seccomp.allow.
var syscallRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// checkSeccomp checks seccomp.allow: known syscalls, each once, that the
// stack's profile may be extended with, each with a reason.
func checkSeccomp(bad func(string, string, ...any), s *Spec) {
	seen := map[string]bool{}
	for i, a := range s.Seccomp.Allow {
		f := fmt.Sprintf("seccomp.allow[%d]", i)
		switch {
		case !syscallRE.MatchString(a.Syscall):
			bad(f+".syscall", "%q is not a syscall name (lower-case letters, digits and '_', for example setpriority)", a.Syscall)
		case seen[a.Syscall]:
			bad(f+".syscall", "%s is listed twice", a.Syscall)
		default:
			if p := ProfileFor(s.Stack); p != "" {
				if msg := profiles.CheckLearned(p, a.Syscall); msg != "" {
					bad(f+".syscall", "%s", msg)
				}
			}
		}
		seen[a.Syscall] = true
		if strings.TrimSpace(a.Reason) == "" {
			bad(f+".reason", "is required: say why the app needs %s (what calls it, and what fails without it)", a.Syscall)
		} else if !printable(a.Reason) || len(a.Reason) > 300 {
			bad(f+".reason", "must be one line of printable text, at most 300 characters")
		}
	}
}

// Learned returns the spec's seccomp.allow as the profiles package takes it.
func (s *Spec) Learned() []profiles.Learned {
	var out []profiles.Learned
	for _, a := range s.Seccomp.Allow {
		out = append(out, profiles.Learned{Name: a.Syscall, Reason: a.Reason})
	}
	return out
}

// SeccompProfile composes the spec's seccomp profile: its stack's runtime
// profile (profiles.For) with the spec's seccomp.allow added.
func SeccompProfile(s *Spec) (*profiles.Compose, error) {
	comp, err := profiles.For(ProfileFor(s.Stack))
	if err != nil {
		return nil, err
	}
	if err := comp.Learn(s.Learned()); err != nil {
		return nil, err
	}
	return comp, nil
}
