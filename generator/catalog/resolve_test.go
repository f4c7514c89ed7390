package catalog

import "testing"

// TestResolve covers every ecosystem syntax: a minimum is a floor, the
// newest supported line that fits is chosen, an exact version resolves to its
// own line even at end of life.
func TestResolve(t *testing.T) {
	c := Default()
	asOf := c.Date.Time
	cases := []struct {
		runtime, constraint string
		line, version       string
		phase               Phase
		pinned              bool
		reason              string
	}{
		// npm (package.json engines, .nvmrc)
		{"node", ">=18", "26", "26", Supported, false, ">=18 → 26, the newest LTS"},
		{"node", ">= 18", "26", "26", Supported, false, ""},
		{"node", "^20 || ^22", "22", "22", SecurityOnly, false, "^20 || ^22 → 22, the newest LTS allowed (security fixes only; end of life on 2027-04-30)"},
		{"node", "20.x", "20", "20", EndOfLife, false, "20.x → 20, the newest allowed, end of life since 2026-04-30 (newest supported: 26)"},
		{"node", "lts/*", "26", "26", Supported, false, "lts/* → 26, the newest LTS"},
		{"node", "lts/jod", "22", "22", SecurityOnly, true, ""},
		{"node", "v20.11.0", "20", "20.11.0", EndOfLife, true, "v20.11.0 → 20 (20.11.0), end of life since 2026-04-30 (newest supported: 26)"},
		{"node", "20", "20", "20", EndOfLife, true, ""},
		{"node", "18 - 22", "22", "22", SecurityOnly, false, ""},
		{"node", "<=22", "22", "22", SecurityOnly, false, ""},
		{"node", ">20 <24", "22", "22", SecurityOnly, false, ""},
		{"node", "~22.3", "22", "22", SecurityOnly, false, ""},
		{"node", "node", "26", "26", Supported, false, ""},
		{"node", "*", "26", "26", Supported, false, ""},
		// PEP 440 (requires-python, .python-version)
		{"python", ">=3.11", "3.14", "3.14", Supported, false, ">=3.11 → 3.14, the newest supported"},
		{"python", "~=3.12", "3.14", "3.14", Supported, false, ""},
		{"python", ">=3.9,<3.13", "3.12", "3.12", SecurityOnly, false, ">=3.9,<3.13 → 3.12, the newest supported allowed (security fixes only; end of life on 2028-10-31)"},
		{"python", ">=3.9, <3.13", "3.12", "3.12", SecurityOnly, false, ""},
		{"python", "3.12.*", "3.12", "3.12", SecurityOnly, false, ""},
		{"python", "==3.12.*", "3.12", "3.12", SecurityOnly, false, ""},
		{"python", "==3.10.4", "3.10", "3.10.4", EndOfLife, true, ""},
		{"python", "3.12", "3.12", "3.12", SecurityOnly, true, "3.12 → 3.12 (security fixes only; end of life on 2028-10-31)"},
		{"python", "<3.10", "3.9", "3.9", EndOfLife, false, "<3.10 → 3.9, the newest allowed, end of life since 2025-10-31 (newest supported: 3.14)"},
		{"python", ">3.11,!=3.13.1", "3.14", "3.14", Supported, false, ""},
		// RubyGems (Gemfile ruby, .ruby-version, Gemfile.lock)
		{"ruby", "~> 3.2", "3.4", "3.4", Supported, false, "~> 3.2 → 3.4, the newest supported allowed"},
		{"ruby", ">= 3.2", "4.0", "4.0", Supported, false, ">= 3.2 → 4.0, the newest supported"},
		{"ruby", "3.4.9", "3.4", "3.4.9", Supported, true, "3.4.9 → 3.4 (3.4.9)"},
		{"ruby", "ruby 3.4.9p0", "3.4", "3.4.9", Supported, true, ""},
		{"ruby", "ruby-3.1.4", "3.1", "3.1.4", EndOfLife, true, ""},
		{"ruby", `">= 3.2", "< 4"`, "3.4", "3.4", Supported, false, ""},
		{"ruby", "~> 3.2.1", "3.2", "3.2", EndOfLife, false, ""},
		// Composer (require.php, config.platform.php)
		{"php", "^8.1", "8.5", "8.5", Supported, false, "^8.1 → 8.5, the newest supported"},
		{"php", ">=8.2", "8.5", "8.5", Supported, false, ""},
		{"php", "~8.3.0", "8.3", "8.3", SecurityOnly, false, ""},
		{"php", "~8.3", "8.5", "8.5", Supported, false, ""},
		{"php", "8.2.*|8.3.*", "8.3", "8.3", SecurityOnly, false, ""},
		{"php", "8.2.* || 8.3.*", "8.3", "8.3", SecurityOnly, false, ""},
		{"php", ">=8.1 <8.4", "8.3", "8.3", SecurityOnly, false, ""},
		{"php", "8.1.2", "8.1", "8.1.2", EndOfLife, true, ""},
		// go.mod
		{"go", "1.19", "1.27", "1.27", Supported, false, ">=1.19 → 1.27, the newest supported"},
		{"go", "go 1.22.3", "1.27", "1.27", Supported, false, ""},
		{"go", "1.26", "1.27", "1.27", Supported, false, ""},
		{"go", "toolchain go1.27.3", "1.27", "1.27.3", Supported, true, "toolchain go1.27.3 → 1.27 (1.27.3)"},
		{"go", "go1.22.3", "1.22", "1.22.3", EndOfLife, true, ""},
		// .NET target frameworks and global.json
		{"dotnet", "net8.0", "8.0", "8.0", EndOfLife, true, "net8.0 → 8.0, end of life since 2026-11-10 (newest supported: 10.0)"},
		{"dotnet", "net10.0", "10.0", "10.0", Supported, true, ""},
		{"dotnet", "net10.0-windows", "10.0", "10.0", Supported, true, ""},
		{"dotnet", "10.0.100", "10.0", "10.0.100", Supported, true, ""},
		// Cargo rust-version
		{"rust", "1.85", "1.100", "1.100", Supported, false, ">=1.85 → 1.100, the newest supported"},
		{"rust", "stable", "1.100", "1.100", Supported, false, ""},
		// plain (Java, nginx)
		{"java", ">=17", "25", "25", Supported, false, ">=17 → 25, the newest LTS"},
		{"java", "21", "21", "21", Supported, true, ""},
		{"nginx", ">=1.26", "1.30", "1.30", Supported, false, ""},
	}
	for _, tc := range cases {
		r, err := c.Resolve(tc.runtime, tc.constraint, asOf)
		if err != nil {
			t.Errorf("Resolve(%s, %q): %v", tc.runtime, tc.constraint, err)
			continue
		}
		if r.Line.Version != tc.line || r.Version != tc.version || r.Phase != tc.phase || r.Pinned != tc.pinned {
			t.Errorf("Resolve(%s, %q) = line %s version %s %s pinned=%v; want %s %s %s pinned=%v (%s)",
				tc.runtime, tc.constraint, r.Line.Version, r.Version, r.Phase, r.Pinned, tc.line, tc.version, tc.phase, tc.pinned, r.Reason)
		}
		if tc.reason != "" && r.Reason != tc.reason {
			t.Errorf("Resolve(%s, %q).Reason = %q, want %q", tc.runtime, tc.constraint, r.Reason, tc.reason)
		}
		if r.Alternative == nil {
			t.Errorf("Resolve(%s, %q): no alternative", tc.runtime, tc.constraint)
		}
	}
}

// TestResolvePessimistic pins the ~> edge: ~> 3.2 allows 3.x only.
func TestResolvePessimistic(t *testing.T) {
	c := Default()
	r, err := c.Resolve("ruby", "~> 3.2", c.Date.Time)
	if err != nil {
		t.Fatal(err)
	}
	if r.Line.Version != "3.4" {
		t.Errorf("~> 3.2 → %s, want 3.4 (~> 3.2 is >= 3.2, < 4)", r.Line.Version)
	}
}

func TestResolveErrors(t *testing.T) {
	c := Default()
	asOf := c.Date.Time
	for _, tc := range [][2]string{
		{"python", ">=3.15"}, {"python", "banana"}, {"node", "lts/nonsense"}, {"node", ""},
		{"php", "8.2.*|"}, {"go", ">=>1"}, {"cobol", "1"}, {"node", "^"},
	} {
		if r, err := c.Resolve(tc[0], tc[1], asOf); err == nil {
			t.Errorf("Resolve(%s, %q) = %s, want an error", tc[0], tc[1], r.Reason)
		}
	}
}

func TestResolveAsOf(t *testing.T) {
	c := Default()
	// Before Node 26 became LTS, >=18 is 24.
	r, err := c.Resolve("node", ">=18", day("2026-06-01"))
	if err != nil || r.Line.Version != "24" {
		t.Errorf("node >=18 on 2026-06-01 = %v, %v; want 24", r.Line, err)
	}
	// A line not yet released is never chosen.
	r, err = c.Resolve("go", "1.19", day("2026-05-01"))
	if err != nil || r.Line.Version != "1.26" {
		t.Errorf("go 1.19 on 2026-05-01 = %v, %v; want 1.26", r.Line, err)
	}
}

func TestPin(t *testing.T) {
	c := Default()
	asOf := c.Date.Time
	for _, tc := range []struct{ runtime, ver, line, version string }{
		{"rust", "1.88.0", "1.88", "1.88.0"},
		{"go", "1.22.3", "1.22", "1.22.3"},
		{"ruby", "3.4.9", "3.4", "3.4.9"},
		{"python", "3", "3.14", "3.14"},
	} {
		r, err := c.Pin(tc.runtime, tc.ver, asOf)
		if err != nil || r.Line.Version != tc.line || r.Version != tc.version {
			t.Errorf("Pin(%s, %s) = %+v, %v", tc.runtime, tc.ver, r, err)
		}
	}
}
