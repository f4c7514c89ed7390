package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator"
)

// helpText runs 'dockergen ARGS' and returns its output with every run of
// white space made one space, so that words wrapped onto two lines match.
func helpText(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, isTerminal: func() bool { return false }}
	if code := run(args, e); code != 0 {
		t.Fatalf("dockergen %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

// TestHelpFromCatalog: the help texts that name catalog facts name all of
// them, so a new stack, base, tool, server or marker file shows up there
// without editing a help text.
func TestHelpFromCatalog(t *testing.T) {
	initHelp := helpText(t, "init", "--help")
	want := []string{"the order " + strings.ReplaceAll(generator.DetectionOrder(), " > ", ", ") + " is the default"}
	for _, s := range generator.Stacks() {
		want = append(want, s)
		for _, b := range generator.BasesFor(s) {
			want = append(want, b)
		}
		if tools := generator.ToolsFor(s); len(tools) > 1 {
			want = append(want, s+" "+strings.Join(tools, "|"))
		}
		if servers := generator.ServersFor(s); len(servers) > 1 {
			want = append(want, s+" "+strings.Join(servers, "|"))
		}
	}
	for _, w := range want {
		if !strings.Contains(initHelp, w) {
			t.Errorf("init --help does not say %q", w)
		}
	}

	files := generator.StackMarkers()
	if len(files) == 0 {
		t.Fatal("the catalog lists no files that identify a stack")
	}
	for _, args := range [][]string{{"detect", "--help"}, {"help", "detect"}} {
		detectHelp := helpText(t, args...)
		want := []string{"(" + generator.DetectionOrder() + ")"}
		for _, f := range files {
			want = append(want, strings.Join(f.Files, ", ")+" ("+f.Stack+")")
		}
		for _, s := range neverDetected() {
			want = append(want, s)
		}
		for _, w := range want {
			if !strings.Contains(detectHelp, w) {
				t.Errorf("dockergen %s does not say %q", strings.Join(args, " "), w)
			}
		}
	}
}

// TestHTTPProbeStacks: --healthcheck-path names exactly the stacks whose
// validation accepts healthcheck.path, and go, whose images have no HTTP
// client, is not one of them.
func TestHTTPProbeStacks(t *testing.T) {
	got := httpProbeStacks()
	if len(got) == 0 {
		t.Fatal("no stack can probe an HTTP path")
	}
	for _, s := range got {
		if s == "go" {
			t.Errorf("go is listed as probing an HTTP path; its images have no HTTP client")
		}
	}
}

// TestWrap: wrapped paragraphs keep every word, in order, and no line is
// over helpWidth unless it is one long word.
func TestWrap(t *testing.T) {
	in := strings.Repeat("word ", 40) + strings.Repeat("x", 90) + "\n\nsecond paragraph\nhere"
	got := wrap(in)
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(in), " ") {
		t.Errorf("wrap changed the words:\n%s", got)
	}
	paras := strings.Split(got, "\n\n")
	if len(paras) != 2 || paras[1] != "second paragraph here" {
		t.Errorf("wrap lost the paragraph break: %q", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if len(l) > helpWidth && strings.Contains(l, " ") {
			t.Errorf("line of %d columns: %q", len(l), l)
		}
	}
}
