package generator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// describeDetection renders a detection one value a line, each with its
// source, for the .want files.
func describeDetection(d *Detection) string {
	var b strings.Builder
	for _, c := range d.Candidates {
		fmt.Fprintf(&b, "stack %s (%s)\n", c.Stack, strings.Join(c.Evidence, ", "))
		for _, v := range []struct {
			k string
			d Detected
		}{{"name", c.Name}, {"version", c.Version}, {"main", c.Main}, {"port", c.Port}, {"healthPath", c.HealthPath}, {"healthFlag", c.HealthFlag}, {"tool", c.Tool}, {"server", c.Server}, {"output", c.Output}} {
			if v.d.Value == "" && !v.d.Found() {
				continue
			}
			fmt.Fprintf(&b, "  %-10s %-16s %s\n", v.k, v.d.Value, v.d.Source())
			if v.d.Reason != "" {
				fmt.Fprintf(&b, "  %-10s %s\n", "why", v.d.Reason)
			}
		}
		if len(c.BuildCommand) > 0 {
			fmt.Fprintf(&b, "  %-10s %-16s %s\n", "build", strings.Join(c.BuildCommand, " "), c.BuildFrom)
		}
		if len(c.AssetsCommand) > 0 {
			fmt.Fprintf(&b, "  %-10s %-16s %s\n", "assets", strings.Join(c.AssetsCommand, " "), c.AssetsFrom)
			fmt.Fprintf(&b, "  %-10s %-16s %s\n", "assetsOut", c.AssetsOutput.Value, c.AssetsOutput.Source())
		}
		for _, e := range c.Env {
			fmt.Fprintf(&b, "  env        %-16s %s (%s)\n", e.Name+"="+e.Value, e.From, e.Reason)
		}
		if len(c.Args) > 0 {
			fmt.Fprintf(&b, "  %-10s %-16s %s\n", "args", strings.Join(c.Args, " "), c.ArgsFrom)
		}
		for _, f := range c.Files {
			fmt.Fprintf(&b, "  files      %-16s %s (%s)\n", f.Value, f.Source(), f.Reason)
		}
		if c.Member.Value != "" {
			fmt.Fprintf(&b, "  %-10s %-16s %s\n", "member", c.Member.Value, c.Member.Source())
		}
		if len(c.Mains) > 1 {
			for _, m := range c.Mains {
				fmt.Fprintf(&b, "  mains      %-16s %s\n", m.Value, m.Source())
			}
		}
		for _, n := range c.Notes {
			fmt.Fprintf(&b, "  note: %s\n", n)
		}
	}
	return b.String()
}

// TestDetect runs Detect on each project in testdata/detect and compares
// what it found, with the sources, to testdata/detect/NAME.want.
// DOCKERGEN_UPDATE=1 rewrites the .want files.
func TestDetect(t *testing.T) {
	dirs, err := filepath.Glob("testdata/detect/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d, err := Detect(dir)
			if err != nil {
				t.Fatal(err)
			}
			got := describeDetection(d)
			wantFile := dir + ".want"
			if os.Getenv("DOCKERGEN_UPDATE") == "1" {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (DOCKERGEN_UPDATE=1 writes it)", err)
			}
			if got != string(want) {
				t.Errorf("detection differs from %s (DOCKERGEN_UPDATE=1 rewrites it)\ngot:\n%s\nwant:\n%s", wantFile, got, want)
			}
			// Whatever was detected makes a valid spec that generates.
			for _, c := range d.Candidates {
				s := c.Spec()
				s.Defaults()
				if errs := s.Validate(); len(errs) > 0 {
					t.Errorf("%s: the detected spec is invalid: %v", c.Stack, errs)
					continue
				}
				if _, err := Generate(s, Options{}); err != nil {
					t.Errorf("%s: %v", c.Stack, err)
				}
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d detection cases", n)
	}
}

// TestDetectExamples: the committed example apps are detected as what
// their specs say, so 'dockergen init' in one of them proposes the same
// stack, main, port and health probe.
func TestDetectExamples(t *testing.T) {
	for _, st := range Stacks() {
		if !stacks[st].detected() {
			continue // never detected (binary): TestDetectBinary
		}
		dir := filepath.Join("..", "examples", st)
		d, err := Detect(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Stacks(); !reflect.DeepEqual(got, []string{st}) {
			t.Fatalf("%s: detected %v", dir, got)
		}
		data, err := os.ReadFile(filepath.Join(dir, "dockergen.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := LoadSpec("dockergen.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		got := d.Best().Spec()
		got.Defaults()
		if got.Main != want.Main || !reflect.DeepEqual(got.Ports, want.Ports) {
			t.Errorf("%s: main %q ports %v, the spec says %q %v", dir, got.Main, got.Ports, want.Main, want.Ports)
		}
		if got.Healthcheck.Path != want.Healthcheck.Path || len(got.Healthcheck.Command) != len(want.Healthcheck.Command) {
			t.Errorf("%s: healthcheck %+v, the spec says %+v", dir, got.Healthcheck, want.Healthcheck)
		}
		if notes := d.Best().Notes; len(notes) > 0 {
			t.Errorf("%s: notes for a complete example: %q", dir, notes)
		}
	}
}

// TestDetectNothing: a directory with nothing recognisable is an error that
// names every file looked for, stack by stack.
func TestDetectNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# hi\n"), 0o644)
	_, err := Detect(dir)
	var npe *NoProjectError
	if !errors.As(err, &npe) || !IsNoProject(err) {
		t.Fatalf("err = %v, want a *NoProjectError", err)
	}
	// The message names every detected stack in priority order, each with
	// the files that would have identified it.
	var stacks, looked []string
	for _, st := range registry {
		if st.detected() {
			stacks = append(stacks, st.Name)
			looked = append(looked, strings.Join(st.Detector.markers, ", ")+" ("+st.Name+")")
		}
	}
	if len(stacks) < 5 || !slices.Contains(looked, "go.mod (go)") || !slices.Contains(looked, "package.json (node)") {
		t.Fatalf("detectors %v", looked)
	}
	want := dir + ": no " + orList(stacks) + " project found: looked for " + strings.Join(looked, "; ")
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	if _, err := Detect(filepath.Join(dir, "README.md")); err == nil || IsNoProject(err) {
		t.Errorf("a file is not a directory: %v", err)
	}
	if _, err := Detect(filepath.Join(dir, "nope")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing directory: %v", err)
	}
}

// TestDetectDefaults: a stack named on the command line in a directory
// without its files starts from the stack's defaults, named after the
// directory, and says so.
func TestDetectDefaults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "My Service")
	os.Mkdir(dir, 0o755)
	c, err := DetectDefaults(dir, "python")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != (Detected{Value: "my-service", From: "directory name"}) || c.Version.Found() || c.Main.Value != "app.py" {
		t.Errorf("got %+v", c)
	}
	if len(c.Notes) == 0 || !strings.Contains(c.Notes[0], "starting from python's defaults") {
		t.Errorf("notes %q", c.Notes)
	}
	if _, err := DetectDefaults(dir, "cobol"); err == nil {
		t.Error("an unknown stack has no defaults")
	}
}

// TestDetectBinary: a prebuilt executable is never detected (a directory
// with only bin/server is no project), but with --stack binary the
// executables in bin/ are offered as main.

func TestSanitizeName(t *testing.T) {
	for in, want := range map[string]string{
		"hello":                 "hello",
		"My_Service":            "my-service",
		"web.app":               "web-app",
		"--x--":                 "",
		"a":                     "",
		"Über Service 2":        "ber-service-2",
		strings.Repeat("a", 70): strings.Repeat("a", 64),
	} {
		if got := sanitizeName(in); got != want {
			t.Errorf("sanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDetectMixed: the documented priority rule on directories holding
// several stacks. A package.json beside another stack is front-end tooling
// and comes after it; go comes before rust; an app comes before the static
// site in its public directory. The .want files hold the details.
func TestDetectMixed(t *testing.T) {
	for dir, want := range map[string][]string{
		"mixed-rails":         {"ruby", "node"},
		"mixed-laravel":       {"php", "node"},
		"mixed-spring-ui":     {"java-maven", "node"},
		"mixed-django-assets": {"python", "node"},
		"mixed-dotnet-ui":     {"dotnet", "node"},
		"mixed-go-rust":       {"go", "rust"},
		"mixed-node-public":   {"node", "static"},
		"multi":               {"go", "python", "node"},
	} {
		d, err := Detect(filepath.Join("testdata", "detect", dir))
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		if got := d.Stacks(); !slices.Equal(got, want) {
			t.Errorf("%s: stacks %v, want %v", dir, got, want)
		}
	}
}

func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkLoopback: a note that the app binds a loopback address only comes
// with Candidate.Loopback, which the safety net repeats on every generate,
// and Loopback comes only with such a note, naming the same place.
func checkLoopback(t *testing.T, c *Candidate) {
	t.Helper()
	var notes []string
	for _, n := range c.Notes {
		if strings.Contains(n, " only, which is unreachable from outside the container") {
			notes = append(notes, n)
		}
	}
	switch {
	case len(notes) > 0 && !c.Loopback.Found():
		t.Errorf("notes say the app binds loopback only, but Loopback is unset: %q", notes)
	case len(notes) == 0 && c.Loopback.Found():
		t.Errorf("Loopback = %+v without a note saying so: %q", c.Loopback, c.Notes)
	case len(notes) > 0 && !strings.HasPrefix(notes[0], c.Loopback.From+": the app binds "+c.Loopback.Value+" only"):
		t.Errorf("Loopback = %+v, but the note says %q", c.Loopback, notes[0])
	}
}
