package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockergen/dockergen/generator"
)

// Help texts that name catalog facts (the stacks, the detection order, the
// files that identify a stack, the bases, tools and servers) build them from
// the generator's catalog here, so that adding a stack never means editing
// a help text.

// helpWidth is the width help paragraphs are wrapped to.
const helpWidth = 80

// detectionOrder is the detection priority with sep between the stacks:
// "go, rust, ..." for sep ", ".
func detectionOrder(sep string) string {
	return strings.ReplaceAll(generator.DetectionOrder(), " > ", sep)
}

// neverDetected lists the stacks that have no files to detect them by, so
// are chosen only with --stack (binary).
func neverDetected() []string {
	order := strings.Split(generator.DetectionOrder(), " > ")
	var out []string
	for _, s := range generator.Stacks() {
		if !slices.Contains(order, s) {
			out = append(out, s)
		}
	}
	return out
}

// allBases lists every base some stack runs on, in the order the stacks
// first name them.
func allBases() []string {
	var out []string
	for _, s := range generator.Stacks() {
		for _, b := range generator.BasesFor(s) {
			if !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// choicesText lists, for each stack offering a choice, its values:
// "node npm|yarn|pnpm, python pip|poetry|uv". of is ToolsFor or ServersFor.
func choicesText(of func(string) []string) string {
	var parts []string
	for _, s := range generator.Stacks() {
		if vs := of(s); len(vs) > 1 {
			parts = append(parts, s+" "+strings.Join(vs, "|"))
		}
	}
	return strings.Join(parts, ", ")
}

// httpProbeStacks lists the stacks whose images can probe an HTTP path
// (healthcheck.path), as the spec's validation decides it.
func httpProbeStacks() []string {
	var out []string
	for _, s := range generator.Stacks() {
		if hasHTTPProbe(&generator.Spec{Stack: s, Name: "app"}) {
			out = append(out, s)
		}
	}
	return out
}

// stackFilesText is the list of stackFiles for a help text: "go.mod (go);
// Cargo.toml (rust); ...".
func stackFilesText() string {
	files := generator.StackMarkers()
	parts := make([]string, len(files))
	for i, f := range files {
		parts[i] = fmt.Sprintf("%s (%s)", strings.Join(f.Files, ", "), f.Stack)
	}
	return strings.Join(parts, "; ")
}

// wrap fills each paragraph of s (paragraphs are separated by blank lines)
// to helpWidth columns, breaking only between words.
func wrap(s string) string {
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		var b strings.Builder
		n := 0
		for _, w := range strings.Fields(p) {
			switch {
			case n == 0:
			case n+1+len(w) > helpWidth:
				b.WriteByte('\n')
				n = 0
			default:
				b.WriteByte(' ')
				n++
			}
			b.WriteString(w)
			n += len(w)
		}
		paras[i] = b.String()
	}
	return strings.Join(paras, "\n\n")
}
