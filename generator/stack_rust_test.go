package generator

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/templates"
)

// detectRust detects a project written from files and returns its rust
// candidate.
func detectRust(t *testing.T, files map[string]string) *Candidate {
	t.Helper()
	d, err := Detect(writeProject(t, files))
	if err != nil {
		t.Fatal(err)
	}
	c := d.For("rust")
	if c == nil {
		t.Fatalf("no rust candidate: %v", d.Stacks())
	}
	return c
}

func envOf(c *Candidate, name string) (Setting, bool) {
	for _, e := range c.Env {
		if e.Name == name {
			return e, true
		}
	}
	return Setting{}, false
}

func notesHave(c *Candidate, sub string) bool {
	return slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, sub) })
}

func filesOf(c *Candidate) []string {
	var out []string
	for _, f := range c.Files {
		out = append(out, f.Value)
	}
	return out
}

const rustLock = "version = 4\n"

func TestRustPort(t *testing.T) {
	pkg := func(deps string) string {
		return "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n[dependencies]\n" + deps
	}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		port    string
		from    string
		env     map[string]string
		noteHas string
	}{
		{
			name:  "rocket default",
			files: map[string]string{"Cargo.toml": pkg("rocket = \"0.5.1\"\n"), "src/main.rs": "#[launch]\nfn rocket() -> _ { rocket::build() }\n"},
			port:  "8000", from: "Cargo.toml:6", env: map[string]string{"ROCKET_ADDRESS": "0.0.0.0"},
		},
		{
			name: "rocket toml release and default",
			files: map[string]string{"Cargo.toml": pkg("rocket = \"0.5.1\"\n"), "src/main.rs": "",
				"Rocket.toml": "[default]\naddress = \"127.0.0.1\"\nport = 9000\n\n[release]\nport = 9100\n"},
			port: "9100", from: "Rocket.toml:6", env: map[string]string{"ROCKET_ADDRESS": "0.0.0.0"},
		},
		{
			name:  "rocket toml binds everywhere",
			files: map[string]string{"Cargo.toml": pkg("rocket = \"0.5.1\"\n"), "src/main.rs": "", "Rocket.toml": "[global]\naddress = \"0.0.0.0\"\nport = 8443\n"},
			port:  "8443", from: "Rocket.toml:3", env: map[string]string{},
		},
		{
			name:  "rocket privileged port moved with ROCKET_PORT",
			files: map[string]string{"Cargo.toml": pkg("rocket = \"0.5.1\"\n"), "src/main.rs": "", "Rocket.toml": "[default]\nport = 80\n"},
			port:  "8080", from: "Rocket.toml:2", env: map[string]string{"ROCKET_ADDRESS": "0.0.0.0", "ROCKET_PORT": "8080"},
		},
		{
			name:  "rocket figment merge beats the environment",
			files: map[string]string{"Cargo.toml": pkg("rocket = \"0.5.1\"\n"), "src/main.rs": "fn rocket() -> _ {\n    rocket::custom(Config::figment().merge((\"port\", 1111)).merge((\"address\", \"127.0.0.1\")))\n}\n"},
			port:  "1111", from: "src/main.rs:2", env: map[string]string{}, noteHas: "ROCKET_ADDRESS cannot override",
		},
		{
			name:  "axum TcpListener 0.0.0.0",
			files: map[string]string{"Cargo.toml": pkg("axum = \"0.8\"\n"), "src/main.rs": "async fn main() {\n    let l = tokio::net::TcpListener::bind(\"0.0.0.0:3000\").await.unwrap();\n}\n"},
			port:  "3000", from: "src/main.rs:2", env: map[string]string{},
		},
		{
			name:  "SocketAddr from octets",
			files: map[string]string{"Cargo.toml": pkg("axum = \"0.8\"\n"), "src/main.rs": "fn main() {\n    let addr = SocketAddr::from(([0, 0, 0, 0], 3000));\n}\n"},
			port:  "3000", from: "src/main.rs:2", env: map[string]string{},
		},
		{
			name:  "actix loopback tuple",
			files: map[string]string{"Cargo.toml": pkg("actix-web = \"4\"\n"), "src/main.rs": "fn main() {\n    HttpServer::new(|| App::new())\n        .bind((\"127.0.0.1\", 8080))?\n}\n"},
			port:  "8080", from: "src/main.rs:3", env: map[string]string{}, noteHas: "src/main.rs:3: the app binds 127.0.0.1 only, which is unreachable",
		},
		{
			name:  "PORT env with a default",
			files: map[string]string{"Cargo.toml": pkg("axum = \"0.8\"\n"), "src/main.rs": "fn main() {\n    let port = std::env::var(\"PORT\").unwrap_or_else(|_| \"3000\".to_string());\n    let addr = format!(\"0.0.0.0:{port}\");\n}\n"},
			port:  "3000", from: "src/main.rs:2", env: map[string]string{"PORT": "3000"},
		},
		{
			name:  "PORT env privileged default",
			files: map[string]string{"Cargo.toml": pkg("axum = \"0.8\"\n"), "src/main.rs": "fn main() {\n    let port = env::var(\"PORT\").unwrap_or(\"80\".into());\n}\n"},
			port:  "8080", from: "src/main.rs:2", env: map[string]string{"PORT": "8080"},
		},
		{
			name:  "HOST env with a loopback default",
			files: map[string]string{"Cargo.toml": pkg("axum = \"0.8\"\n"), "src/main.rs": "fn main() {\n    let host = env::var(\"HOST\").unwrap_or(\"127.0.0.1\".into());\n    let l = TcpListener::bind(\"127.0.0.1:4000\");\n}\n"},
			port:  "4000", from: "src/main.rs:3", env: map[string]string{"HOST": "0.0.0.0"},
		},
		{
			name:  "privileged literal",
			files: map[string]string{"Cargo.toml": pkg("axum = \"0.8\"\n"), "src/main.rs": "fn main() {\n    TcpListener::bind(\"0.0.0.0:80\");\n}\n"},
			port:  "8080", from: "", env: map[string]string{}, noteHas: "src/main.rs:2: the app listens on port 80, which needs a capability",
		},
		{
			name: "port in a module the entry calls",
			files: map[string]string{"Cargo.toml": pkg("axum = \"0.8\"\n"), "src/main.rs": "mod server;\nfn main() { server::run() }\n",
				"src/server.rs": "pub fn run() {\n    TcpListener::bind(\"0.0.0.0:7000\");\n}\n"},
			port: "7000", from: "src/server.rs:2", env: map[string]string{},
		},
		{
			name: "config crate files",
			files: map[string]string{"Cargo.toml": pkg("config = \"0.14\"\n"), "src/main.rs": "fn main() { let d = base.join(\"configuration\"); }\n",
				"configuration/base.yaml":       "database:\n  host: 127.0.0.1\n  port: 5432\napplication:\n  port: 8000\n  host: 127.0.0.1\n",
				"configuration/production.yaml": "application:\n  host: 0.0.0.0\n"},
			port: "8000", from: "configuration/base.yaml:5", env: map[string]string{}, noteHas: "configuration/base.yaml:6: host is loopback, which nothing outside the container can reach: run the image with the configuration that binds 0.0.0.0 (configuration/production.yaml:2)",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["Cargo.lock"] = rustLock
			c := detectRust(t, tc.files)
			if c.Port.Value != tc.port || (tc.from != "" && c.Port.From != tc.from) {
				t.Errorf("port = %s from %q, want %s from %q", c.Port.Value, c.Port.From, tc.port, tc.from)
			}
			got := map[string]string{}
			for _, e := range c.Env {
				got[e.Name] = e.Value
				if e.From == "" || e.Reason == "" {
					t.Errorf("env %s has no from or reason: %+v", e.Name, e)
				}
			}
			if len(got) != len(tc.env) {
				t.Errorf("env = %v, want %v", got, tc.env)
			}
			for k, v := range tc.env {
				if got[k] != v {
					t.Errorf("env %s = %q, want %q (all: %v)", k, got[k], v, got)
				}
			}
			if tc.noteHas != "" && !notesHave(c, tc.noteHas) {
				t.Errorf("no note has %q: %q", tc.noteHas, c.Notes)
			}
			checkLoopback(t, c)
		})
	}
}

func TestRustFiles(t *testing.T) {
	pkg := func(deps string) string {
		return "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n[dependencies]\n" + deps
	}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		want    []string
		noteHas string
	}{
		{
			name:  "tera glob",
			files: map[string]string{"Cargo.toml": pkg("tera = \"1\"\n"), "src/main.rs": "let tera = Tera::new(\"templates/**/*\").unwrap();\n", "templates/index.html": ""},
			want:  []string{"templates"},
		},
		{
			name: "tower-http ServeDir and ServeFile under it",
			files: map[string]string{"Cargo.toml": pkg("tower-http = \"0.6\"\n"), "src/main.rs": "ServeDir::new(\"static\").not_found_service(ServeFile::new(\"static/index.html\"));\nServeDir::new(\"dist\");\n",
				"static/index.html": ""},
			want: []string{"static"},
		},
		{
			name:  "actix-files",
			files: map[string]string{"Cargo.toml": pkg("actix-files = \"0.6\"\n"), "src/main.rs": "Files::new(\"/static\", \"./static\")\n", "static/a.css": ""},
			want:  []string{"static"},
		},
		{
			name:  "rocket FileServer and dyn templates",
			files: map[string]string{"Cargo.toml": pkg("rocket = \"0.5\"\nrocket_dyn_templates = \"0.2\"\n"), "src/main.rs": ".mount(\"/\", FileServer::from(\"public\"))\n", "public/a.css": "", "templates/index.html.tera": ""},
			want:  []string{"public", "templates"},
		},
		{
			name: "rocket template_dir",
			files: map[string]string{"Cargo.toml": pkg("rocket = \"0.5\"\nrocket_dyn_templates = \"0.2\"\n"), "src/main.rs": "", "views/index.html.tera": "",
				"Rocket.toml": "[default]\ntemplate_dir = \"views\"\n"},
			want: []string{"views"},
		},
		{
			name:    "rocket relative! is the build's path",
			files:   map[string]string{"Cargo.toml": pkg("rocket = \"0.5\"\n"), "src/main.rs": ".mount(\"/\", FileServer::from(relative!(\"static\")))\n", "static/a.css": ""},
			want:    []string{"static"},
			noteHas: "resolved at compile time to the build's directory (/src/static)",
		},
		{
			name:  "config File::with_name",
			files: map[string]string{"Cargo.toml": pkg("config = \"0.14\"\n"), "src/main.rs": ".add_source(config::File::with_name(\"settings\"))\n", "settings.toml": ""},
			want:  []string{"settings.toml"},
		},
		{
			name:  "sqlx Migrator at run time",
			files: map[string]string{"Cargo.toml": pkg("sqlx = \"0.8\"\n"), "src/main.rs": "let m = Migrator::new(Path::new(\"./migrations\")).await?;\n", "migrations/1_init.sql": ""},
			want:  []string{"migrations"},
		},
		{
			name: "compile-time embeds are not copied",
			files: map[string]string{"Cargo.toml": pkg("sqlx = \"0.8\"\naskama = \"0.12\"\n"), "src/main.rs": "sqlx::migrate!(\"./migrations\");\nconst PAGE: &str = include_str!(\"../static/index.html\");\n#[template(path = \"index.html\")]\nstruct Index;\n",
				"migrations/1_init.sql": "", "static/index.html": "", "templates/index.html": ""},
		},
		{
			name:  "a path that is not in the project",
			files: map[string]string{"Cargo.toml": pkg("tower-http = \"0.6\"\n"), "src/main.rs": "ServeDir::new(\"dist\");\n"},
		},
		{
			name:  "tower-http missing: no rule",
			files: map[string]string{"Cargo.toml": pkg(""), "src/main.rs": "ServeDir::new(\"static\");\n", "static/a": ""},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["Cargo.lock"] = rustLock
			c := detectRust(t, tc.files)
			if got := filesOf(c); !slices.Equal(got, tc.want) {
				t.Errorf("files = %q, want %q", got, tc.want)
			}
			for _, f := range c.Files {
				if f.From == "" || f.Reason == "" {
					t.Errorf("file %s has no from or reason: %+v", f.Value, f)
				}
			}
			if tc.noteHas != "" && !notesHave(c, tc.noteHas) {
				t.Errorf("no note has %q: %q", tc.noteHas, c.Notes)
			}
			checkLoopback(t, c)
		})
	}
}

func TestRustWorkspace(t *testing.T) {
	files := map[string]string{
		"Cargo.toml":                "[workspace]\nmembers = [\n  \"crates/*\",\n  \"tools/gen\",\n]\nexclude = [\"crates/old\"]\n",
		"Cargo.lock":                rustLock,
		"crates/core/Cargo.toml":    "[package]\nname = \"core\"\nversion.workspace = true\n",
		"crates/core/src/lib.rs":    "",
		"crates/server/Cargo.toml":  "[package]\nname = \"app-server\"\nversion.workspace = true\n\n[dependencies]\ncore = { path = \"../core\" }\n",
		"crates/server/src/main.rs": "fn main() {\n    TcpListener::bind(\"0.0.0.0:3000\");\n}\n",
		"crates/old/Cargo.toml":     "[package]\nname = \"old\"\n",
		"crates/old/src/main.rs":    "",
		"tools/gen/Cargo.toml":      "[package]\nname = \"gen\"\n\n[[bin]]\nname = \"codegen\"\npath = \"main.rs\"\n",
		"tools/gen/main.rs":         "",
		"tools/gen/src/main.rs":     "",
	}
	c := detectRust(t, files)
	if c.Main.Value != "app-server" || c.Main.From != "crates/server/Cargo.toml:2" {
		t.Errorf("main = %+v, want app-server from crates/server/Cargo.toml:2", c.Main)
	}
	if c.Member.Value != "crates/server" || c.Member.From != "Cargo.toml:3" {
		t.Errorf("member = %+v, want crates/server from Cargo.toml:3", c.Member)
	}
	var members []string
	for _, m := range c.Members {
		members = append(members, m.Value)
	}
	if !slices.Equal(members, []string{"crates/server", "tools/gen"}) {
		t.Errorf("members = %q, want crates/server and tools/gen (core is a library, old excluded)", members)
	}
	var mains []string
	for _, m := range c.Mains {
		mains = append(mains, m.Value)
	}
	if !slices.Equal(mains, []string{"app-server", "codegen", "gen"}) {
		t.Errorf("mains = %q, want app-server, codegen and gen (src/main.rs beside a [[bin]] of another path)", mains)
	}
	if c.Port.Value != "3000" || c.Port.From != "crates/server/src/main.rs:2" {
		t.Errorf("port = %+v", c.Port)
	}
	if !notesHave(c, "2 members with a binary") {
		t.Errorf("no note on the two binary members: %q", c.Notes)
	}
	spec := c.Spec()
	spec.Defaults()
	if errs := spec.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := Generate(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(out["Dockerfile"])
	for _, want := range []string{
		`COPY Cargo.toml Cargo.lock /deps/`,
		`COPY ["crates/server/Cargo.toml", "/deps/crates/server/Cargo.toml"]`,
		`["cargo", "build", "--release", "--locked", "--manifest-path", "crates/server/Cargo.toml", "--bin", "app-server"]`,
		`cargo build --release --locked --manifest-path crates/server/Cargo.toml --bin app-server;`,
		`cp target/release/app-server /out/app`,
	} {
		if !strings.Contains(df, want) {
			t.Errorf("the Dockerfile lacks %s:\n%s", want, df)
		}
	}
	// The safety net finds the member's manifest in the context.
	dir := writeProject(t, files)
	if _, err := CheckContext(spec, out, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml"}); err != nil {
		t.Errorf("the safety net refuses the workspace: %v", err)
	}
	spec.Build.Member = "crates/gone"
	out, err = Generate(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CheckContext(spec, out, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml"}); err == nil || !strings.Contains(err.Error(), "crates/gone/Cargo.toml") {
		t.Errorf("a missing member: err = %v, want one naming crates/gone/Cargo.toml", err)
	}
}

func TestRustWorkspaceRootPackage(t *testing.T) {
	// A root package that is also a workspace: its own binary comes first,
	// and needs no member.
	c := detectRust(t, map[string]string{
		"Cargo.toml":           "[package]\nname = \"root\"\n\n[workspace]\nmembers = [\"cli\"]\n",
		"Cargo.lock":           rustLock,
		"src/main.rs":          "",
		"cli/Cargo.toml":       "[package]\nname = \"cli\"\n",
		"cli/src/main.rs":      "",
		"cli/src/bin/extra.rs": "",
	})
	var mains []string
	for _, m := range c.Mains {
		mains = append(mains, m.Value)
	}
	if !slices.Equal(mains, []string{"root", "cli", "extra"}) {
		t.Errorf("mains = %q", mains)
	}
	if c.Member.Found() {
		t.Errorf("member = %+v, want none (root's binary)", c.Member)
	}
}

func TestRustMemberOfParentWorkspace(t *testing.T) {
	c := detectRust(t, map[string]string{
		"Cargo.toml":  "[package]\nname = \"api\"\nversion.workspace = true\nedition.workspace = true\n\n[dependencies]\nserde = { workspace = true }\n",
		"src/main.rs": "",
	})
	if !notesHave(c, "Cargo.toml:3: this crate is a member of a workspace above this directory") || !notesHave(c, "build.member") {
		t.Errorf("notes = %q, want the workspace-root advice", c.Notes)
	}
	if notesHave(c, "cargo generate-lockfile") {
		t.Errorf("a workspace member got cargo generate-lockfile advice: %q", c.Notes)
	}
	// A crate of its own still gets it.
	c = detectRust(t, map[string]string{"Cargo.toml": "[package]\nname = \"api\"\n", "src/main.rs": ""})
	if !notesHave(c, "cargo generate-lockfile") {
		t.Errorf("notes = %q, want the lockfile advice", c.Notes)
	}
}

func TestRustCargoConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		config  string
		noteHas []string
		none    []string
	}{
		{
			name:    "zero2prod clang and lld",
			config:  "[target.x86_64-unknown-linux-gnu]\nrustflags = [\"-C\", \"linker=clang\", \"-C\", \"link-arg=-fuse-ld=lld\"]\n\n[target.x86_64-apple-darwin]\nrustflags = [\"-C\", \"link-arg=-fuse-ld=/usr/local/bin/zld\"]\n",
			noteHas: []string{"links with clang and lld: the Dockerfile installs clang and lld"},
			none:    []string{"zld"},
		},
		{
			name:    "mold through clang",
			config:  "[target.x86_64-unknown-linux-gnu]\nlinker = \"clang\"\nrustflags = [\"-C\", \"link-arg=-fuse-ld=/usr/bin/mold\"]\n",
			noteHas: []string{"links with clang and mold"},
		},
		{
			name:    "an unknown linker is refused",
			config:  "[target.x86_64-unknown-linux-gnu]\nlinker = \"/opt/cross/bin/x86_64-linux-gnu-gcc\"\n",
			noteHas: []string{".cargo/config.toml:2: linker /opt/cross/bin/x86_64-linux-gnu-gcc is not in the builder image"},
		},
		{
			name:    "nightly flags",
			config:  "[target.x86_64-unknown-linux-gnu]\nlinker = \"clang\"\nrustflags = [\"-C\", \"link-arg=-fuse-ld=mold\", \"-Zshare-generics=y\"]\n",
			noteHas: []string{"-Z flags need a nightly toolchain", "links with clang and mold"},
		},
		{
			name:    "build target and wrapper",
			config:  "[build]\ntarget = \"x86_64-unknown-linux-musl\"\nrustc-wrapper = \"sccache\"\n",
			noteHas: []string{"build.target x86_64-unknown-linux-musl puts the binary in target/x86_64-unknown-linux-musl/release", "rustc-wrapper sccache is not in the builder image"},
		},
		{
			name:   "a windows-only config",
			config: "[target.x86_64-pc-windows-msvc]\nlinker = \"rust-lld.exe\"\n",
			none:   []string{".cargo/config.toml"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := detectRust(t, map[string]string{"Cargo.toml": "[package]\nname = \"app\"\n", "Cargo.lock": rustLock, "src/main.rs": "", ".cargo/config.toml": tc.config})
			for _, sub := range tc.noteHas {
				if !notesHave(c, sub) {
					t.Errorf("no note has %q: %q", sub, c.Notes)
				}
			}
			for _, sub := range tc.none {
				if notesHave(c, sub) {
					t.Errorf("a note has %q: %q", sub, c.Notes)
				}
			}
		})
	}
}

// TestRustLinkersInTemplate: the linkers whose packages the Dockerfile
// installs are the ones detection says it installs.
func TestRustLinkersInTemplate(t *testing.T) {
	tmpl, err := templates.FS.ReadFile("rust.Dockerfile.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	want := "grep -oE '" + strings.Join(rustLinkers, "|") + "'"
	if !strings.Contains(string(tmpl), want) {
		t.Errorf("rust.Dockerfile.tmpl does not look for %s", want)
	}
}

func TestParseCargoManifest(t *testing.T) {
	m := parseCargoManifest([]byte(`[package]
name = "app" # the name
rust-version = "1.80"
workspace = "../.."

[[bin]]
name = "server"
path = "src/bin/server.rs"

[[bin]]
path = "tools/cli.rs"

[dependencies]
rocket = { version = "0.5", features = ["json"] }
serde.workspace = true

[dependencies.sqlx]
version = "0.8"

[dev-dependencies]
reqwest = "0.12"

[target.'cfg(unix)'.dependencies]
libc = "0.2"
`))
	if m.Name != (cargoValue{"app", 2}) || m.RustVersion != (cargoValue{"1.80", 3}) {
		t.Errorf("name %+v, rust-version %+v", m.Name, m.RustVersion)
	}
	if m.Inherits != 4 {
		t.Errorf("inherits = %d, want 4 (workspace = \"../..\")", m.Inherits)
	}
	if len(m.Bins) != 2 || m.Bins[0].Name.Value != "server" || m.Bins[1].Path.Value != "tools/cli.rs" {
		t.Errorf("bins = %+v", m.Bins)
	}
	for dep, line := range map[string]int{"rocket": 14, "serde": 15, "sqlx": 17, "libc": 24} {
		if m.Deps[dep] != line {
			t.Errorf("dependency %s at line %d, want %d", dep, m.Deps[dep], line)
		}
	}
	if _, ok := m.Deps["reqwest"]; ok {
		t.Errorf("a dev-dependency counts as a dependency")
	}
}

func TestRustGlobDir(t *testing.T) {
	for in, want := range map[string]string{"templates/**/*": "templates", "./static/": "static", "views/*.html": "views", "config.toml": "config.toml", "*.tera": "*.tera"} {
		if got := globDir(in); got != want {
			t.Errorf("globDir(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRustConnectIsNotABind: a health check that connects to 127.0.0.1 (the
// rust example's -healthcheck) is not a loopback listen address.
func TestRustConnectIsNotABind(t *testing.T) {
	c := detectRust(t, map[string]string{
		"Cargo.toml": "[package]\nname = \"app\"\n",
		"Cargo.lock": rustLock,
		"src/main.rs": "fn port() -> u16 {\n    env::var(\"PORT\").ok().and_then(|p| p.parse().ok()).unwrap_or(8080)\n}\n" +
			"fn healthcheck(port: u16) {\n    let conn = TcpStream::connect((\"127.0.0.1\", port));\n    let c2 = TcpStream::connect((\"127.0.0.1\", 8080));\n}\n",
	})
	if notesHave(c, "loopback") {
		t.Errorf("a connect was read as a loopback bind: %q", c.Notes)
	}
	if e, ok := envOf(c, "PORT"); !ok || e.Value != "8080" || c.Port.Value != "8080" {
		t.Errorf("env PORT %+v, port %+v: want PORT=8080 and port 8080", e, c.Port)
	}
}
