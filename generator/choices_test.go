package generator

import "testing"

// TestChoicesDescribed: every build tool and server a stack offers has a
// description for the wizard, and every description is offered by a stack.
func TestChoicesDescribed(t *testing.T) {
	used := map[string]bool{}
	for _, name := range Stacks() {
		for _, v := range append(ToolsFor(name), ServersFor(name)...) {
			used[v] = true
			if ChoiceHelp(v) == "" {
				t.Errorf("stack %s offers %q, which ChoiceHelp does not describe", name, v)
			}
		}
	}
	for v := range choiceHelp {
		if !used[v] {
			t.Errorf("choiceHelp describes %q, which no stack offers", v)
		}
	}
}
