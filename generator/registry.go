package generator

import "strings"

// registry is every stack dockergen supports, in detection priority order:
// the only place a stack is registered. When one directory holds several
// stacks, the first found is the default pick. Compiled and JVM/.NET stacks
// come first, then the scripting runtimes, then node: a package.json beside
// go.mod, pom.xml, Gemfile, composer.json or pyproject.toml is nearly always
// front-end tooling (assets built with npm), not the service itself. static
// comes last (an index.html is often part of another app), and binary is
// never detected (its detector has no markers): a prebuilt executable is
// only chosen with --stack binary.
var registry = []*stack{
	goStack,
	rustStack,
	javaMavenStack,
	javaGradleStack,
	dotnetStack,
	rubyStack,
	phpStack,
	pythonStack,
	nodeStack,
	staticStack,
	binaryStack,
}

// stacks finds a registered stack by name.
var stacks = func() map[string]*stack {
	m := make(map[string]*stack, len(registry))
	for _, st := range registry {
		if _, dup := m[st.Name]; dup || st.Detector == nil {
			panic("generator: stack " + st.Name + " is registered twice or has no detector")
		}
		m[st.Name] = st
		if st.Runtime != "" {
			st.VersionRE = versionRE(st.Runtime)
			st.VersionHelp = versionHelp(st)
		}
	}
	return m
}()

// detected reports whether Detect can find the stack: its detector has
// marker files. A stack without any is only chosen by name.
func (st *stack) detected() bool { return len(st.Detector.markers) > 0 }

// DetectionOrder returns the priority rule as text: "go > rust > ...".
func DetectionOrder() string {
	return strings.Join(stacksWith((*stack).detected), " > ")
}

// stacksWith returns the names of the registered stacks for which has is
// true, in registry order: the text of a message that names them.
func stacksWith(has func(st *stack) bool) []string {
	var names []string
	for _, st := range registry {
		if has(st) {
			names = append(names, st.Name)
		}
	}
	return names
}
