package generator

import (
	"fmt"
	"path"
	"regexp"
	"slices"
)

// Runtime bases.
const (
	BaseAlpine     = "alpine"
	BaseSlim       = "slim"
	BaseDistroless = "distroless"
	BaseScratch    = "scratch"
)

// stack is what dockergen knows about one language runtime: its defaults,
// the bases it supports and the images each base means, its detector, its
// hooks (validation, entry, label) and what the README says of it. Each
// stack is one value in its own file, stack_NAME.go, listed once in the
// registry (registry.go); its other parts are keyed by its name: the
// templates NAME.Dockerfile.tmpl and NAME.dockerignore.tmpl (and
// NAME.FILE.tmpl for each of its ConfigFiles), its seccomp
// profile (profiles/, see ProfileFor) and its example (examples/NAME).
// Shared code reads these fields and calls these hooks; it never branches on
// a stack's name.
//
// Every image comes from the release catalog (release.go): Images names a
// catalog repository and tag pattern per base, filled with the spec's
// version and distro; the default version, VersionRE and VersionHelp of a
// stack with a Runtime come from the catalog's lines.
type stack struct {
	Name string
	// Title names the stack for people ("Node.js"); "" means Name.
	Title string
	// Secret is the usual build secret of the stack's package manager (a
	// private registry's credentials), the wizard's suggestion.
	Secret Secret
	// Runtime is the stack's runtime in the release catalog (go, node…);
	// "" for a stack that has none (binary: version is the executable's).
	Runtime string
	// DefaultVersion, VersionRE and VersionHelp are a stack's own only
	// when it has no Runtime; otherwise they come from the catalog (the
	// default per base: defaultVersion). VersionHelp of a stack with a
	// Runtime, when set, is what its version means ("the Node.js major
	// version of the build step"); the catalog's range is added to it.
	DefaultVersion string
	VersionRE      *regexp.Regexp
	VersionHelp    string
	// Families maps a base to the base family its distro field picks, where
	// it is not the usual one (slim, distroless, scratch: debian; alpine:
	// alpine): .NET's slim is Ubuntu, rust's scratch builds on Alpine.
	Families    map[string]string
	DefaultBase string
	Bases       []string
	DefaultMain string
	// MainHelp says what main means for the stack, for people ("the
	// Cargo binary's name"); "" means "for example DEFAULTMAIN".
	MainHelp string
	// Images returns the builder image, the runtime image and the runtime's
	// interpreter path ("" for compiled stacks) of a release (version,
	// base, server, distro), each from the catalog (release.image), or an
	// error when that combination does not exist.
	Images func(r release) (builder, runtime, interpreter string, err error)
	// HTTPProbe is the exec-form healthcheck that fetches url with the
	// runtime's own client, or nil when the runtime has none.
	HTTPProbe func(interpreter, url string) []string
	// StaticProbe says the runtime's own client is too costly to start at
	// every interval (a second JVM): HTTPProbe is staticProbe, dockergen's
	// static probe binary, built in a stage of its own (probe.go).
	StaticProbe bool
	// Profile names the seccomp profile (profiles/NAME.yaml) of the process
	// the image runs; "" means the stack's own name.
	Profile string
	// Tools are the allowed values of build.tool, the default first; nil
	// when the stack has no choice (build.tool must then be empty).
	Tools []string
	// Servers are the allowed values of server, the default first; nil
	// when the stack has no choice (server must then be empty).
	Servers []string
	// BaseServers is the default server of a base where it is not the
	// first of Servers (php on alpine: fpm, the only image there).
	BaseServers map[string]string
	// ChoiceHelp describes each build tool and server, for a person
	// choosing one (ChoiceHelp).
	ChoiceHelp map[string]string
	// Output, JLink and AOT say whether build.output, build.jlink and
	// build.aot apply;
	// Files whether files applies (the image holds only the build's
	// output, so run-time files must be named); Member whether
	// build.member applies (the stack builds a workspace's member).
	// Assets whether assets applies (a Node.js stage builds package.json's
	// front-end assets for a build image without Node.js); PinTags whether
	// build.pinTags applies (an npm install from package-lock.json).
	Output, JLink, AOT, Files, Member, Assets, PinTags bool
	// Extensions are the allowed values of extensions (runtime extensions
	// the image builds in); nil when the stack has none.
	Extensions []string
	// CheckMain returns what is wrong with main ("" when it is fine); nil
	// means main is a script path inside the build context.
	CheckMain func(s *Spec) string
	// Check reports stack-specific problems through bad; nil for none.
	Check func(s *Spec, bad func(field, format string, args ...any))
	// Entry returns the ENTRYPOINT when the spec sets none; nil means the
	// interpreter and main (scripted stacks) or the binary (compiled ones).
	Entry func(s *Spec, interp string) []string
	// Label names the stack for people ("java-maven 21 with jlink"); nil
	// means "STACK VERSION".
	Label func(s *Spec) string
	// NoBuildStep reports that a spec builds nothing (a plain static
	// site): the first stage only holds the files, so it is scratch (and
	// digests.builder is left alone). nil means every spec builds.
	NoBuildStep func(s *Spec) bool
	// MainFromName makes the spec's name the default main (Cargo names the
	// binary after the package); MainComment then says so in the schema.
	MainFromName bool
	MainComment  string
	// HealthFlag is the flag with which the stack's binaries are expected
	// to probe themselves when the image has no HTTP client (go:
	// -healthcheck): the example's healthcheck.command and the wizard's
	// hint; "" when there is no such convention.
	HealthFlag string
	// MainForm is a form of main other than a relative path (python's
	// module:callable, a java jar glob), which the schema's main pattern
	// admits; nil for none.
	MainForm *regexp.Regexp
	// MainPrompt is the wizard's question for main; "" means "What to run
	// (main):".
	MainPrompt string
	// ConfigFiles are the files beside the Dockerfile that the image
	// copies in (templates STACK.NAME.tmpl); nil for none.
	ConfigFiles func(s *Spec) []configFile
	// DepFiles are the files the dependency step COPYs from the build
	// context by name (not by glob), a lockfile with the command that
	// creates it; nil for none. CheckContext refuses a spec whose context
	// lacks one, with that advice.
	DepFiles func(s *Spec) []DepFile
	// MainSource is the path in the build context that main names (a
	// script, a package directory, a prebuilt binary), "" when main is
	// not a path there (a Cargo binary's name, a jar the build writes);
	// nil means main itself.
	MainSource func(s *Spec) string
	// MainPrebuilt says main is built outside dockergen, before docker
	// build (a prebuilt executable): a missing one is a warning, not an
	// error.
	MainPrebuilt bool
	// Detector reads a project of this stack (Detect); a detector without
	// markers is never detected, only chosen with --stack.
	Detector *detector
	// Doc is what the README's stacks table says beyond the values above.
	Doc stackDoc
}

// DepFile is a file the dependency step copies from the build context.
type DepFile struct {
	Name string
	// Create is the command that writes a missing lockfile ("" for a
	// manifest the project must have, such as package.json).
	Create string
	// Field is the spec field a missing file is blamed on ("" means
	// build.tool, or stack for a stack without tools).
	Field string
	// Step names the build step that copies it ("" means the build
	// tool's dependency step).
	Step string
}

// stackDoc is the README stacks table's text about a stack (Markdown).
type stackDoc struct {
	// DetectedFrom names the files and values that Detect reads.
	DetectedFrom string
	// Runtime says what the image holds and how it is built.
	Runtime string
	// ToolsNote follows the list of build tools (for example "(corepack)").
	ToolsNote string
	// BaseNotes adds a word to a base (for example "cc" for distroless).
	BaseNotes map[string]string
	// Reads is the README's "what dockergen reads" table of the stack:
	// each file Detect reads (Markdown) and what it takes from it.
	Reads []docRead
}

// docRead is one row of a stack's "what dockergen reads" table.
type docRead struct{ File, What string }

// images returns the builder and runtime images and the interpreter of a
// spec's stack, version, base and (where it matters) server.
func (st *stack) images(s *Spec) (builder, runtime, interpreter string, err error) {
	return st.Images(st.releaseOf(s))
}

// StackTitle names a stack for people ("Node.js" for node), or returns the
// name itself when the stack has no title or is unknown.
func StackTitle(name string) string {
	if st, ok := stacks[name]; ok && st.Title != "" {
		return st.Title
	}
	return name
}

// StackSecret returns the usual build secret of a stack's package manager,
// or a generic one (id "token" at /run/secrets/token) when it has none.
func StackSecret(name string) Secret {
	if st, ok := stacks[name]; ok && st.Secret.ID != "" {
		return st.Secret
	}
	return Secret{ID: "token", Target: "/run/secrets/token"}
}

// ProfileFor returns the name of the seccomp profile (profiles/NAME.yaml)
// that a stack's images run under, or "" for an unknown stack: the stack's
// Profile, else its name (each stack file says why it shares another's).
func ProfileFor(stackName string) string {
	st, ok := stacks[stackName]
	if !ok {
		return ""
	}
	if st.Profile != "" {
		return st.Profile
	}
	return st.Name
}

var errNoBase = fmt.Errorf("no such base")

// binaryEntry is the ENTRYPOINT of the stacks whose image runs one
// executable, WORKDIR/NAME.
func binaryEntry(s *Spec, _ string) []string { return []string{path.Join(s.Workdir, s.Name)} }

// refuseCGO is a Check for stacks that build no Go code: it reports
// build.cgo.
func refuseCGO(s *Spec, bad func(field, format string, args ...any)) {
	if s.Build.CGO {
		bad("build.cgo", "cgo is a Go build setting (allowed: false for stack %s)", s.Stack)
	}
}

// Stacks returns the names of the supported stacks, sorted.
func Stacks() []string {
	names := make([]string, 0, len(stacks))
	for n := range stacks {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// BasesFor returns the runtime bases a stack supports, the default first,
// or nil for an unknown stack.
func BasesFor(stackName string) []string {
	if st, ok := stacks[stackName]; ok {
		return slices.Clone(st.Bases)
	}
	return nil
}

// MainHelp says what a stack's main field means, for a question or a
// message, or "" for an unknown stack.
func MainHelp(stackName string) string {
	st, ok := stacks[stackName]
	switch {
	case !ok:
		return ""
	case st.MainHelp != "":
		return st.MainHelp
	}
	return "for example " + st.DefaultMain
}

// ToolsFor returns the build tools a stack offers (build.tool), the default
// first, or nil when it has no choice or is unknown.
func ToolsFor(stackName string) []string {
	if st, ok := stacks[stackName]; ok {
		return slices.Clone(st.Tools)
	}
	return nil
}

// ServersFor returns the application servers a stack offers (server), the
// default first, or nil when it has no choice or is unknown.
func ServersFor(stackName string) []string {
	if st, ok := stacks[stackName]; ok {
		return slices.Clone(st.Servers)
	}
	return nil
}

// HealthFlag returns the flag with which a stack's binaries are expected to
// probe themselves (for example -healthcheck for go), or "" when the stack
// has no such convention or is unknown.
func HealthFlag(stackName string) string {
	if st, ok := stacks[stackName]; ok {
		return st.HealthFlag
	}
	return ""
}

// MainPrompt returns the wizard's question for a stack's main ("Main
// package:" for go), or "What to run (main):" for a stack without its own
// or an unknown one.
func MainPrompt(stackName string) string {
	if st, ok := stacks[stackName]; ok && st.MainPrompt != "" {
		return st.MainPrompt
	}
	return "What to run (main):"
}

// ChoiceHelp describes a build tool or server value for a person, or
// returns "" for one it does not know.
func ChoiceHelp(value string) string {
	for _, st := range registry {
		if h, ok := st.ChoiceHelp[value]; ok {
			return h
		}
	}
	return ""
}
