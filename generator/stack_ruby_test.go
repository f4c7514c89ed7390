package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRubyRelease: every version source's shapes give the image tag's
// major.minor; other Ruby implementations are returned as is, to be
// reported as unusable.
func TestRubyRelease(t *testing.T) {
	for in, want := range map[string]string{
		"3.3.0": "3.3", "ruby-3.3.4": "3.3", "3.2": "3.2", " 3.1.2p20 \n": "3.1",
		"~> 3.2": "3.2", ">= 3.1": "3.1", "~>3.4.0": "3.4", "3.2.2p53": "3.2",
	} {
		if got, ok := rubyRelease(in); !ok || got != want {
			t.Errorf("rubyRelease(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"jruby-9.4.5.0", "truffleruby-24.0.0", "system"} {
		got, ok := rubyRelease(in)
		if !ok || stacks["ruby"].VersionRE.MatchString(got) {
			t.Errorf("rubyRelease(%q) = %q, %v; want it as is, and not a usable version", in, got, ok)
		}
	}
}

// TestRubyVersionSources: .ruby-version wins over .tool-versions, which wins
// over Gemfile.lock's exact RUBY VERSION, which wins over the Gemfile's ruby
// requirement (a range: the newest supported line in it); each value
// records its file and line, and why.
func TestRubyVersionSources(t *testing.T) {
	files := map[string]string{
		".ruby-version":  "3.4.1\n",
		".tool-versions": "nodejs 22\nruby 3.3.6\n",
		"Gemfile.lock":   "GEM\n  specs:\n\nRUBY VERSION\n   ruby 3.4.9p0\n\nBUNDLED WITH\n   2.5.0\n",
		"Gemfile":        "source \"https://rubygems.org\"\n\nruby '>= 3.2'\n",
	}
	want := []Detected{
		{Value: "3.4", From: ".ruby-version:1", Reason: "3.4 (.ruby-version:1) → 3.4"},
		{Value: "3.3", From: ".tool-versions:2", Reason: "3.3 (.tool-versions:2) → 3.3 (security fixes only; end of life on 2027-03-31)"},
		{Value: "3.4", From: "Gemfile.lock:5", Reason: "3.4 (Gemfile.lock:5) → 3.4"},
		{Value: "4.0", From: "Gemfile:3", Reason: ">= 3.2 (Gemfile:3) → 4.0, the newest supported"},
	}
	order := []string{".ruby-version", ".tool-versions", "Gemfile.lock", "Gemfile"}
	for i := range order {
		dir := t.TempDir()
		for _, f := range order[i:] {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(files[f]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		d, err := Detect(dir)
		if err != nil {
			t.Fatal(err)
		}
		c := d.For("ruby")
		if c == nil {
			t.Fatalf("%v: no ruby candidate", order[i:])
		}
		if c.Version != want[i] {
			t.Errorf("with %v: version %+v, want %+v", order[i:], c.Version, want[i])
		}
	}
}

// TestRubyDetectPriority: a Gemfile beside package.json (assets built with
// npm) is a Ruby app; beside go.mod it is not the default.
func TestRubyDetectPriority(t *testing.T) {
	dir := t.TempDir()
	for f, body := range map[string]string{"Gemfile": "source \"https://rubygems.org\"\n", "package.json": `{"name":"assets"}`, "requirements.txt": ""} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Detect(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Stacks(); len(got) < 3 || got[0] != "ruby" || slices.Index(got, "ruby") > slices.Index(got, "python") || slices.Index(got, "python") > slices.Index(got, "node") {
		t.Errorf("stacks = %v, want ruby first, then python, then node", got)
	}
}

// TestRubyEntryAndProbe: server none runs main with bundler/setup; puma runs
// the rackup file bound to the first port, with the workers that fit. The probe's URL is an argument
// of its own, never part of the Ruby program.
func TestRubyEntryAndProbe(t *testing.T) {
	st := stacks["ruby"]
	s := &Spec{Stack: "ruby", Name: "app", Main: "bin/web.rb", Ports: []int{9000}, Server: "none"}
	if got := st.Entry(s, rubyInterp); !slices.Equal(got, []string{"/usr/local/bin/ruby", "-rbundler/setup", "bin/web.rb"}) {
		t.Errorf("entry = %q", got)
	}
	s.Server, s.Main = "puma", "config.ru"
	s.Resources = Resources{Memory: "1g", CPUs: "2", Pids: 128}
	if got := st.Entry(s, rubyInterp); !slices.Equal(got, []string{"/usr/local/bin/bundle", "exec", "puma", "--bind", "tcp://0.0.0.0:9000", "--environment", "production", "--workers", "2", "config.ru"}) {
		t.Errorf("puma entry = %q", got)
	}
	url := "http://127.0.0.1:9000/health?x='\"];exit(0)#"
	probe := st.HTTPProbe(rubyInterp, url)
	if probe[len(probe)-1] != url || strings.Contains(strings.Join(probe[:len(probe)-1], " "), "127.0.0.1") {
		t.Errorf("the URL must be the probe's last argument and nowhere else: %q", probe)
	}
	if probe[0] != rubyInterp || probe[3] != "-e" {
		t.Errorf("probe = %q", probe)
	}
}

// TestRubyCheckMain: a script with server none, a rackup file with puma,
// and nothing outside the build context or read as a flag.
func TestRubyCheckMain(t *testing.T) {
	for _, c := range []struct {
		server, main string
		ok           bool
	}{
		{"none", "app.rb", true}, {"none", "bin/server.rb", true}, {"none", "app", true},
		{"none", "config.ru", false}, {"puma", "config.ru", true}, {"puma", "config/app.ru", true},
		{"puma", "app.rb", false}, {"none", "../app.rb", false}, {"none", "-e", false},
		{"none", "app.rb; rm -rf /", false}, {"puma", ".", false}, {"none", "lib/", false},
	} {
		msg := rubyCheckMain(&Spec{Stack: "ruby", Server: c.server, Main: c.main})
		if (msg == "") != c.ok {
			t.Errorf("server %s, main %q: %q, want ok=%v", c.server, c.main, msg, c.ok)
		}
	}
}

// TestRubyDetectPuma: a Rack app whose lockfile has puma is detected as
// server puma with config.ru as main, and that spec generates puma's
// ENTRYPOINT on the detected port.
func TestRubyDetectPuma(t *testing.T) {
	d, err := Detect("testdata/detect/ruby-rack-puma")
	if err != nil {
		t.Fatal(err)
	}
	s := d.For("ruby").Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := `ENTRYPOINT ["/usr/local/bin/bundle", "exec", "puma", "--bind", "tcp://0.0.0.0:3000", "--environment", "production", "--workers", "0", "config.ru"]`; !strings.Contains(string(files["Dockerfile"]), want) {
		t.Errorf("Dockerfile lacks %s:\n%s", want, files["Dockerfile"])
	}
}
