package generator

import (
	"fmt"
	"path"
	"strings"
)

// ExampleSpec returns the built-in example spec for a stack: what
// 'dockergen init --yes' writes for a typical project of that stack, with
// every default applied. It fails for an unknown stack.
func ExampleSpec(stackName string) (*Spec, error) {
	st, ok := stacks[stackName]
	if !ok {
		return nil, fmt.Errorf("no example for stack %q (have: %s)", stackName, strings.Join(Stacks(), ", "))
	}
	s := &Spec{APIVersion: APIVersion, Name: "example-" + stackName, Stack: stackName}
	if st.HealthFlag != "" {
		s.Healthcheck.Command = []string{path.Join(DefaultWorkdir, s.Name), st.HealthFlag}
	}
	s.Defaults()
	return s, nil
}
