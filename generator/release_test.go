package generator

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/catalog"
)

// TestDefaultsCurrent: every stack × base, with its defaults, is valid and
// emits only images the catalog classifies as current (neither at end of
// life nor frozen) on the catalog's date.
func TestDefaultsCurrent(t *testing.T) {
	for _, st := range registry {
		for _, base := range st.Bases {
			s := &Spec{Name: "app", Stack: st.Name, Base: base}
			if st.MainFromName {
				s.Main = "app"
			}
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Errorf("%s on %s with defaults: %v", st.Name, base, errs)
				continue
			}
			builder, runtime, _, err := st.images(s)
			if err != nil {
				t.Errorf("%s on %s: %v", st.Name, base, err)
				continue
			}
			t.Logf("%-12s %-10s %-8s version %-5s builder %-45s runtime %s", st.Name, base, s.Distro, s.Version, builder, runtime)
			for _, ref := range []string{builder, runtime} {
				if ref == "scratch" {
					continue
				}
				info, ok := catalog.Default().ClassifyImage(ref, catalog.AsOf())
				if !ok {
					t.Errorf("%s on %s: %s is not an image the catalog knows", st.Name, base, ref)
				} else if !info.Current() {
					t.Errorf("%s on %s: %s is not current: %s", st.Name, base, ref, strings.Join(info.Problems(), "; "))
				}
			}
			if w := Warnings(s); len(w) > 0 {
				t.Errorf("%s on %s with defaults warns: %q", st.Name, base, w)
			}
			// Every FROM of the generated Dockerfile, every stage.
			files, err := Generate(s, Options{})
			if err != nil {
				t.Errorf("%s on %s: %v", st.Name, base, err)
				continue
			}
			for _, line := range strings.Split(string(files["Dockerfile"]), "\n") {
				f := strings.Fields(line)
				if len(f) < 2 || f[0] != "FROM" || f[1] == "scratch" {
					continue
				}
				if info, ok := catalog.Default().ClassifyImage(f[1], catalog.AsOf()); !ok || !info.Current() {
					t.Errorf("%s on %s: %s: known %v, problems %q", st.Name, base, line, ok, info.Problems())
				}
			}
		}
	}
}

// imagesFor returns a stack's images for a version, base and distro ("":
// the family's default), with the stack's default server.
func imagesFor(st *stack, version, base, distro string) (string, string, string, error) {
	s := &Spec{Stack: st.Name, Version: version, Base: base, Distro: distro, Server: st.defaultServer()}
	return st.images(s)
}

// TestWarnings: an explicit end-of-life version or family release is still
// valid, and Warnings names its end of life and the newest alternative.
func TestWarnings(t *testing.T) {
	for _, tc := range []struct {
		spec Spec
		want []string
	}{
		{Spec{Stack: "rust", Version: "1.63", Distro: "bookworm"}, []string{
			"version 1.63: Rust 1.63 is at end of life (older than 1.85, which ended on 2025-04-03): it gets no security fixes; the newest supported is Rust 1.100 (version: \"1.100\")",
			"image gcr.io/distroless/cc-debian12:nonroot: distroless Debian 12 reached end of life on 2026-09-01 (current: gcr.io/distroless/cc-debian13:nonroot)",
		}},
		{Spec{Stack: "python", Base: BaseDistroless, Distro: "bookworm"}, []string{
			"image gcr.io/distroless/python3-debian12:nonroot: distroless Debian 12 reached end of life on 2026-04-01 (current: gcr.io/distroless/python3-debian13:nonroot)",
		}},
		{Spec{Stack: "ruby", Base: BaseAlpine, Version: "3.4", Distro: "3.22"}, []string{
			"image ruby:3.4-alpine3.22: ruby is no longer built on Alpine Linux 3.22 (it is built on 3.23 and 3.24), so the tag is frozen (current: ruby:3.4-alpine3.24)",
		}},
		{Spec{Stack: "node", Version: "24", Distro: "bookworm"}, nil},
	} {
		s := tc.spec
		s.Name = "app"
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Errorf("%+v: %v", tc.spec, errs)
			continue
		}
		if got := Warnings(&s); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s %s %s %s: warnings\n%s\nwant\n%s", s.Stack, s.Version, s.Base, s.Distro, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

// TestVersionSources: go.mod's go line and Cargo's rust-version are
// minimums (the newest supported line), a toolchain is exact; .NET's
// target framework and global.json's SDK name a line.
func TestVersionSources(t *testing.T) {
	for _, tc := range []struct {
		stack string
		files map[string]string
		want  Detected
	}{
		{"go", map[string]string{"go.mod": "module example.com/a\n\ngo 1.19\n", "main.go": "package main\n"},
			Detected{Value: "1.27", From: "go.mod:3", Reason: ">=1.19 (go.mod:3) → 1.27, the newest supported"}},
		{"go", map[string]string{"go.mod": "module example.com/a\n\ngo 1.22\n\ntoolchain go1.26.3\n", "main.go": "package main\n"},
			Detected{Value: "1.26", From: "go.mod:5", Reason: "1.26 (go.mod:5) → 1.26"}},
		{"rust", map[string]string{"Cargo.toml": "[package]\nname = \"a\"\nrust-version = \"1.85\"\n"},
			Detected{Value: "1.100", From: "Cargo.toml:3", Reason: ">=1.85 (Cargo.toml:3) → 1.100, the newest supported"}},
		{"rust", map[string]string{"Cargo.toml": "[package]\nname = \"a\"\n", "rust-toolchain.toml": "[toolchain]\nchannel = \"1.99.0\"\n"},
			Detected{Value: "1.99", From: "rust-toolchain.toml:2", Reason: "1.99 (rust-toolchain.toml:2) → 1.99, end of life since 2026-11-12 (newest supported: 1.100)"}},
		{"dotnet", map[string]string{"Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n"},
			Detected{Value: "10.0", From: "Api.csproj:3", Reason: "10.0 (Api.csproj:3) → 10.0"}},
		{"dotnet", map[string]string{"Api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n</Project>\n", "global.json": "{\n  \"sdk\": {\n    \"version\": \"10.0.100\"\n  }\n}\n"},
			Detected{Value: "10.0", From: "global.json:3", Reason: "10.0 (global.json:3) → 10.0"}},
	} {
		d, err := Detect(writeProject(t, tc.files))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.For(tc.stack).Version; got != tc.want {
			t.Errorf("%s %v: version %+v, want %+v", tc.stack, tc.files, got, tc.want)
		}
	}
}

// TestDistroForEndedLines: a runtime line that reached its end of life
// before the family's default release came out gets the newest release
// its images were built on (no node:16-trixie image ever existed); a
// current line gets the default; an explicit distro the line never had is
// kept, with a warning.
func TestDistroForEndedLines(t *testing.T) {
	for _, tc := range []struct {
		stack, version, base, want string
	}{
		{"node", "16", BaseSlim, "bookworm"},
		{"node", "20", BaseAlpine, "3.23"},
		{"node", "26", BaseSlim, "trixie"},
		{"node", "26", BaseAlpine, "3.24"},
		{"python", "3.8", BaseSlim, "bookworm"},
		{"python", "3.14", BaseSlim, "trixie"},
	} {
		s := &Spec{APIVersion: APIVersion, Name: "a", Stack: tc.stack, Version: tc.version, Base: tc.base}
		s.Defaults()
		if s.Distro != tc.want {
			t.Errorf("%s %s on %s: distro %q, want %q", tc.stack, tc.version, tc.base, s.Distro, tc.want)
		}
		why := DistroWhy(s)
		if (tc.want == DefaultDistro(tc.stack, tc.base)) != (why == "") {
			t.Errorf("%s %s on %s: DistroWhy %q", tc.stack, tc.version, tc.base, why)
		}
		for _, w := range Warnings(s) {
			if strings.Contains(w, "never have been built") {
				t.Errorf("%s %s on %s: %s", tc.stack, tc.version, tc.base, w)
			}
		}
	}
	s := &Spec{APIVersion: APIVersion, Name: "a", Stack: "node", Version: "16", Distro: "trixie"}
	s.Defaults()
	if s.Distro != "trixie" {
		t.Fatalf("an explicit distro was replaced: %q", s.Distro)
	}
	want := "distro trixie: Node.js 16 reached its end of life on 2023-09-11, before Debian trixie was released on 2025-08-09: its images may never have been built on it (the last surely built are bookworm's: distro: bookworm)"
	if !slices.Contains(Warnings(s), want) {
		t.Errorf("no warning %q in %q", want, Warnings(s))
	}
}
