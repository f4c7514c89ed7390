package generator

import (
	"slices"
	"testing"
)

// TestChoicesDescribed: every build tool and server a stack offers has a
// description for the wizard in that stack, every description is of a
// value the stack offers, and a value two stacks offer ("none") reads the
// same in both (ChoiceHelp returns the first).
func TestChoicesDescribed(t *testing.T) {
	seen := map[string]string{}
	for _, st := range registry {
		offered := append(slices.Clone(st.Tools), st.Servers...)
		for _, v := range offered {
			h := st.ChoiceHelp[v]
			if h == "" {
				t.Errorf("stack %s offers %q, which its ChoiceHelp does not describe", st.Name, v)
			}
			if prev, ok := seen[v]; ok && prev != h {
				t.Errorf("stack %s describes %q as %q, another stack as %q", st.Name, v, h, prev)
			}
			seen[v] = h
			if ChoiceHelp(v) != h {
				t.Errorf("ChoiceHelp(%q) = %q, want %q", v, ChoiceHelp(v), h)
			}
		}
		for v := range st.ChoiceHelp {
			if !slices.Contains(offered, v) {
				t.Errorf("stack %s describes %q, which it does not offer", st.Name, v)
			}
		}
	}
}
