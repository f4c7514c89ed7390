package catalog

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d.Time
}

// TestEmbedded parses the embedded data: it must load, with every runtime
// and base family issue 12 names.
func TestEmbedded(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Date.String(); got != "2026-12-03" {
		t.Errorf("Date = %s", got)
	}
	for _, n := range []string{"go", "node", "python", "java", "dotnet", "ruby", "php", "rust", "nginx"} {
		if _, ok := c.Runtimes[n]; !ok {
			t.Errorf("runtime %s missing", n)
		}
	}
	for _, n := range []string{"debian", "alpine", "ubuntu", "distroless"} {
		if _, ok := c.Bases[n]; !ok {
			t.Errorf("base %s missing", n)
		}
	}
	for _, n := range []string{"pnpm", "yarn", "poetry", "uv", "composer"} {
		if tool, ok := c.Tool(n); !ok || tool.Version == "" {
			t.Errorf("tool %s: %+v, %v", n, tool, ok)
		}
	}
	if Default() != c || !AsOf().Equal(c.Date.Time) {
		t.Error("Default and AsOf do not return the loaded catalog")
	}
}

// TestDefaultsNotPastEOL fails when a line marked default, or the line
// Newest picks, is past its end of life (or not yet released) on the
// catalog's own date: the catalog needs updating (README.md).
func TestDefaultsNotPastEOL(t *testing.T) {
	c := Default()
	asOf := c.Date.Time
	for _, name := range c.names() {
		l, err := c.DefaultLine(name)
		if err != nil {
			t.Fatal(err)
		}
		if ph := l.PhaseAt(asOf); ph != Supported && ph != SecurityOnly {
			t.Errorf("%s: the default line %s is %s on the catalog's date %s (eol %s); update releases.yaml", name, l.Version, ph, c.Date, l.EOL)
		}
		n, err := c.Newest(name, asOf)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if n.PhaseAt(asOf) == EndOfLife {
			t.Errorf("%s: Newest is %s, at end of life", name, n.Version)
		}
	}
}

// TestIssueFacts pins the facts issue 12 gives as of 2026-12-03.
func TestIssueFacts(t *testing.T) {
	c := Default()
	asOf := c.Date.Time
	cases := []struct {
		name, version string
		want          Phase
	}{
		{"go", "1.27", Supported}, {"go", "1.26", Supported}, {"go", "1.25", EndOfLife}, {"go", "1.19", EndOfLife},
		{"node", "26", Supported}, {"node", "24", SecurityOnly}, {"node", "22", SecurityOnly},
		{"node", "20", EndOfLife}, {"node", "18", EndOfLife}, {"node", "14", EndOfLife},
		{"python", "3.14", Supported}, {"python", "3.12", SecurityOnly}, {"python", "3.10", EndOfLife}, {"python", "3.9", EndOfLife}, {"python", "2.7", EndOfLife},
		{"java", "25", Supported}, {"java", "21", Supported}, {"java", "17", Supported},
		{"dotnet", "10.0", Supported}, {"dotnet", "8.0", EndOfLife}, {"dotnet", "9.0", EndOfLife},
		{"ruby", "4.0", Supported}, {"ruby", "3.4", Supported}, {"ruby", "3.3", SecurityOnly}, {"ruby", "3.2", EndOfLife}, {"ruby", "3.1", EndOfLife},
		{"php", "8.5", Supported}, {"php", "8.4", Supported}, {"php", "8.3", SecurityOnly}, {"php", "8.2", SecurityOnly}, {"php", "8.1", EndOfLife},
		{"rust", "1.100", Supported}, {"rust", "1.98", EndOfLife}, {"rust", "1.88", EndOfLife},
		{"nginx", "1.30", Supported}, {"nginx", "1.31", Supported}, {"nginx", "1.27", EndOfLife}, {"nginx", "1.28", EndOfLife},
		{"debian", "trixie", Supported}, {"debian", "bookworm", SecurityOnly}, {"debian", "bullseye", EndOfLife}, {"debian", "12", SecurityOnly},
		{"alpine", "3.24", Supported}, {"alpine", "3.22", Supported}, {"alpine", "3.21", EndOfLife}, {"alpine", "3.12", EndOfLife},
		{"ubuntu", "noble", Supported}, {"ubuntu", "resolute", Supported},
		{"distroless", "13", Supported}, {"distroless", "12", EndOfLife}, {"distroless", "11", EndOfLife},
	}
	for _, tc := range cases {
		st, err := c.Status(tc.name, tc.version, asOf)
		if err != nil {
			t.Errorf("Status(%s, %s): %v", tc.name, tc.version, err)
			continue
		}
		if st.Phase != tc.want {
			t.Errorf("Status(%s, %s) = %s, want %s", tc.name, tc.version, st, tc.want)
		}
	}
	// distroless -debian12: per image family (issue 12).
	l, _ := c.Line("distroless", "12")
	for img, want := range map[string]string{"nodejs22-debian12": "2026-01-01", "java21-debian12": "2026-01-01", "python3-debian12": "2026-04-01", "static-debian12": "2026-09-01", "cc-debian12": "2026-09-01"} {
		if got := l.EOLFor(img).String(); got != want {
			t.Errorf("distroless 12 EOLFor(%s) = %s, want %s", img, got, want)
		}
	}
}

func TestStatusString(t *testing.T) {
	c := Default()
	st, err := c.Status("node", "18", c.Date.Time)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.String(), "Node.js 18: end of life since 2025-04-30 (newest supported: 26, LTS)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	st, _ = c.Status("python", "3.12.4", c.Date.Time)
	if st.Line.Version != "3.12" || !strings.Contains(st.String(), "security fixes only since 2025-04-08") {
		t.Errorf("python 3.12.4: %s", st)
	}
	for _, bad := range [][2]string{{"go", "1.40"}, {"python", "3"}, {"python", "x"}, {"cobol", "1"}} {
		if _, err := c.Status(bad[0], bad[1], c.Date.Time); err == nil {
			t.Errorf("Status(%s, %s): no error", bad[0], bad[1])
		}
	}
}

func TestNewest(t *testing.T) {
	c := Default()
	cases := []struct{ name, asOf, want string }{
		{"go", "2026-12-03", "1.27"},
		{"node", "2026-12-03", "26"},
		{"node", "2026-06-01", "24"}, // 26 is not LTS before October
		{"python", "2026-12-03", "3.14"},
		{"java", "2026-12-03", "25"}, // LTS over the newer 27
		{"dotnet", "2026-12-03", "10.0"},
		{"ruby", "2026-12-03", "4.0"},
		{"php", "2026-12-03", "8.5"},
		{"rust", "2026-12-03", "1.100"},
		{"nginx", "2026-12-03", "1.30"}, // stable over mainline 1.31
		{"debian", "2026-12-03", "13"},
		{"alpine", "2026-12-03", "3.24"},
	}
	for _, tc := range cases {
		l, err := c.Newest(tc.name, day(tc.asOf))
		if err != nil || l.Version != tc.want {
			t.Errorf("Newest(%s, %s) = %v, %v; want %s", tc.name, tc.asOf, l, err, tc.want)
		}
	}
	if _, err := c.Newest("rust", day("2030-01-01")); err == nil {
		t.Error("Newest(rust) in 2030: no error, but every line has ended")
	}
}

func TestLines(t *testing.T) {
	c := Default()
	ls := c.Lines("ruby")
	if len(ls) == 0 || ls[len(ls)-1].Version != "4.0" || ls[0].Product().Name != "ruby" {
		t.Errorf("Lines(ruby) = %v", ls)
	}
	if c.Lines("cobol") != nil {
		t.Error("Lines(cobol) is not nil")
	}
	if l, err := c.Line("debian", "bookworm"); err != nil || l.Version != "12" || l.Name() != "Debian 12 (bookworm)" {
		t.Errorf("Line(debian, bookworm) = %v, %v", l, err)
	}
	if l, err := c.Line("node", "v20.11.0"); err != nil || l.Version != "20" {
		t.Errorf("Line(node, v20.11.0) = %v, %v", l, err)
	}
}

// TestParseStrict checks that malformed data is refused with a message that
// says where.
func TestParseStrict(t *testing.T) {
	good := `date: 2026-12-03
runtimes:
  go:
    title: Go
    lines:
      - {version: "1.27", released: 2026-08-11, eol: 2027-08-10, default: true}
bases:
  debian:
    title: Debian
    lines:
      - {version: "13", codename: trixie, released: 2025-08-09, eol: 2030-06-30, default: true}
images:
  - {repo: golang, runtime: go, tags: ["{version}-{debian}"], publishes: {debian: [trixie]}}
`
	if _, err := Parse([]byte(good)); err != nil {
		t.Fatalf("good catalog: %v", err)
	}
	cases := map[string][2]string{
		"unknown field":   {"title: Go\n", "title: Go\n    colour: blue\n"},
		"bad date":        {"eol: 2027-08-10,", "eol: 2027-13-10,"},
		"eol before":      {"eol: 2027-08-10,", "eol: 2026-01-01,"},
		"no default":      {", default: true}\nbases", "}\nbases"},
		"no date":         {"date: 2026-12-03\n", ""},
		"unknown runtime": {"runtime: go,", "runtime: gopher,"},
		"placeholder":     {"{version}-{debian}", "{version}-{fedora}"},
		"unknown release": {"publishes: {debian: [trixie]}", "publishes: {debian: [sid]}"},
		"unknown family":  {"publishes: {debian: [trixie]}", "publishes: {fedora: [trixie]}"},
		"bad version":     {`version: "1.27"`, `version: "one"`},
	}
	for name, edit := range cases {
		data := strings.Replace(good, edit[0], edit[1], 1)
		if data == good {
			t.Fatalf("%s: edit does not apply", name)
		}
		_, err := Parse([]byte(data))
		if err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.HasPrefix(err.Error(), "releases.yaml: ") {
			t.Errorf("%s: error %q does not name releases.yaml", name, err)
		}
	}
}
