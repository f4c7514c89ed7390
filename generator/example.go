package generator

import (
	"fmt"
	"strings"
)

// ExampleSpec returns the built-in example spec for a stack: what
// 'dockergen init --yes' writes for a typical project of that stack, with
// every default applied. It fails for an unknown stack.
func ExampleSpec(stackName string) (*Spec, error) {
	if _, ok := stacks[stackName]; !ok {
		return nil, fmt.Errorf("no example for stack %q (have: %s)", stackName, strings.Join(Stacks(), ", "))
	}
	s := &Spec{APIVersion: APIVersion, Name: "example-" + stackName, Stack: stackName}
	if stackName == "go" {
		s.Healthcheck.Command = []string{"/app/example-go", "-healthcheck"}
	}
	s.Defaults()
	return s, nil
}
