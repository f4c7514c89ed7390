package generator

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// The rust stack: a Cargo package built in release mode with cargo build
// --release --locked, dependencies first (a dummy main compiled against the
// Cargo.toml and Cargo.lock alone). main is the binary's name (the
// [[bin]] name, else the package name). distroless (cc: glibc + libgcc,
// what a Rust binary links) and slim are glibc runtimes built on the
// Debian image. scratch and alpine are musl: built on rust:V-alpineA (the
// distro, Alpine 3.24 by default), whose own target is the musl one (x86_64- or aarch64-unknown-linux-musl,
// static by default), so no rustup target download is needed and the
// architecture is the build's; scratch gets only the static binary and
// CA certificates. A crate
// that needs a C library (openssl-sys) needs its static build on Alpine.
var rustStack = &stack{
	Name:        "rust",
	Files:       true,
	Member:      true,
	MainHelp:    "the Cargo binary's name (the [[bin]] name, else the package name)",
	Title:       "Rust",
	Secret:      Secret{ID: "cargo-credentials", Target: "/usr/local/cargo/credentials.toml", Src: "~/.cargo/credentials.toml"},
	Runtime:     "rust",
	Families:    map[string]string{BaseScratch: familyAlpine},
	DefaultBase: BaseDistroless,
	Bases:       []string{BaseDistroless, BaseSlim, BaseScratch, BaseAlpine},
	DefaultMain: "app",
	Images: func(r release) (string, string, string, error) {
		glibc := img{"rust", "{version}-slim-{debian}", nil}
		musl := img{"rust", "{version}-alpine{alpine}", nil}
		switch r.Base {
		case BaseSlim:
			return images(r, "", glibc, img{"debian", "{debian}-slim", nil})
		case BaseDistroless:
			return images(r, "", glibc, distrolessCC)
		case BaseScratch:
			return images(r, "", musl, scratch)
		case BaseAlpine:
			return images(r, "", musl, img{"alpine", "{alpine}", nil})
		}
		return "", "", "", errNoBase
	},
	CheckMain: func(s *Spec) string {
		if !cargoBinRE.MatchString(s.Main) {
			return fmt.Sprintf("%q is not a Cargo binary name (the [[bin]] name, else the package name: letters, digits, '_' and '-', for example my-server)", s.Main)
		}
		return ""
	},
	Check:        refuseCGO,
	Entry:        binaryEntry,
	MainFromName: true,
	MainComment:  "the Cargo binary's name; without main, the spec's name (Cargo names the binary after the package)",
	Detector:     rustDetector,
	DepFiles:     rustDepFiles,
	MainSource:   rustMainSource,
	Doc: stackDoc{
		Reads: []docRead{
			{"`Cargo.toml` (and each workspace member's)", "name, `rust-version`, `[[bin]]` name and path, `[workspace]` members and exclude (globs), inherited `*.workspace = true` keys, the dependencies that say how it serves (rocket, tera, tower-http, actix-files, config, sqlx)"},
			{"`rust-toolchain(.toml)`, `Rocket.toml`", "version; Rocket's `port`, `address`, `template_dir` (`[default]` < `[release]` < `[global]`)"},
			{"`.cargo/config.toml`", "Linux `linker` and `rustflags` (clang, lld, mold: installed in the builder); `-Z` flags, `build.target`, `target-dir`, `rustc-wrapper` (a note says why the build fails)"},
			{"the binary's sources (`src/**/*.rs`), `configuration/*.yaml`", "bind address and port, reads of `PORT`/`HOST`, run-time reads (templates, static files, config, migrations) as distinct from compile-time embeds; `application.port`/`host`"},
		},
		DetectedFrom: "`Cargo.toml` (`rust-version`, `[[bin]]`, `[workspace]` members), `rust-toolchain(.toml)`, `Rocket.toml`, `.cargo/config.toml`, the binary's sources (listen address, `PORT`, run-time files)",
		Runtime:      "`cargo build --release --locked` (a workspace member's `--bin` via `--manifest-path`), dependencies cached by dummies built against every manifest",
		BaseNotes:    map[string]string{BaseDistroless: "cc", BaseAlpine: "static musl, `rust:V-alpine`"},
	},
}

// cargoBinRE is a Cargo target name that is also a plain file name.
var cargoBinRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$`)

// --- detection ---

var (
	rustReleaseRE    = regexp.MustCompile(`^\s*(1\.[0-9]{1,3})(?:\.[0-9]+)?\s*$`)
	rustToolchainRE  = regexp.MustCompile(`(?m)^\s*channel\s*=\s*["']([^"']+)["']`)
	rustHealthFlagRE = regexp.MustCompile(`"-(-?health(?:check)?)"`)
)

// cargoValue is one key of Cargo.toml with its line.
type cargoValue struct {
	Value string
	Line  int
}

// rustRelease turns "1.83.0", "1.83" or a toolchain channel into the image
// tag's major.minor; anything else (stable, nightly) is returned as is and
// reported as not usable.
func rustRelease(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := rustReleaseRE.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return s, s != ""
}

var rustDetector = &detector{
	markers: []string{"Cargo.toml"},
	name: []finder{nameFrom("Cargo.toml", func(data []byte) (string, int, bool) {
		m := parseCargoManifest(data)
		return m.Name.Value, m.Name.Line, m.Name.Value != ""
	})},
	version: []finder{
		fromFile("rust-toolchain.toml", regexpLine(rustToolchainRE, rustRelease)),
		fromFile("rust-toolchain", func(data []byte) (string, int, bool) {
			if m := rustToolchainRE.FindSubmatchIndex(data); m != nil {
				v, ok := rustRelease(string(data[m[2]:m[3]]))
				return v, lineAt(data, m[2]), ok
			}
			line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
			v, ok := rustRelease(line)
			return v, 1, ok
		}),
		toolVersion(2, "rust"),
		// rust-version is the oldest Rust the package builds with: a minimum.
		constraint(fromFile("Cargo.toml", func(data []byte) (string, int, bool) {
			m := parseCargoManifest(data)
			if m.RustVersion.Value == "" {
				return "", 0, false
			}
			v, ok := rustRelease(m.RustVersion.Value)
			return v, m.RustVersion.Line, ok
		})),
	},
	mains: func(p *project, c *Candidate) []Detected {
		_, crates := rustCrates(p)
		var found []Detected
		for _, cr := range crates {
			found = append(found, cr.Bins...)
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string {
		_, crates := rustCrates(p)
		if cr, ok := rustCrateOf(crates, c.Main.Value); ok {
			return rustBinSources(p, cr, c.Main.Value)
		}
		return []string{"src/main.rs", path.Join("src/bin", c.Main.Value+".rs"), path.Join("src/bin", c.Main.Value, "main.rs")}
	},
	port: rustPort,
	ports: []*regexp.Regexp{
		regexp.MustCompile(`"PORT"[^;]*?\b(\d{2,5})\b`),
		regexp.MustCompile(`"(?:0\.0\.0\.0|127\.0\.0\.1|\[::\]):(\d{2,5})"`),
	},
	health:     []*regexp.Regexp{rustHealthFlagRE},
	healthFlag: true,
	notes:      rustNotes,
}

// rustDepFiles: cargo build --locked needs Cargo.lock (a workspace's, at
// its root, which is then the build context), and a member's build its
// Cargo.toml.
func rustDepFiles(s *Spec) []DepFile {
	files := []DepFile{{Name: "Cargo.toml"}, {Name: "Cargo.lock", Create: "cargo generate-lockfile"}}
	if s.Build.Member != "" {
		files = append(files, DepFile{Name: path.Join(s.Build.Member, "Cargo.toml")})
	}
	return files
}

// rustMainSource: main is the binary's name, which the build writes.
func rustMainSource(*Spec) string { return "" }
