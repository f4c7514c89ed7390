package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Runtime bases.
const (
	BaseAlpine     = "alpine"
	BaseSlim       = "slim"
	BaseDistroless = "distroless"
	BaseScratch    = "scratch"
)

// AlpineVersion and DebianRelease pin the distribution releases that every
// image tag refers to.
const (
	AlpineVersion = "3.22"
	DebianRelease = "bookworm"
)

// stack is what dockergen knows about one language runtime: its defaults,
// the bases it supports and the images each base means. It is data: adding a
// stack means adding a value here, a Dockerfile partial and a seccomp profile.
type stack struct {
	Name string
	// Title names the stack for people ("Node.js"); "" means Name.
	Title string
	// Secret is the usual build secret of the stack's package manager (a
	// private registry's credentials), the wizard's suggestion.
	Secret         Secret
	DefaultVersion string
	VersionRE      *regexp.Regexp
	VersionHelp    string
	DefaultBase    string
	Bases          []string
	DefaultMain    string
	// MainHelp says what main means for the stack, for people ("the
	// Cargo binary's name"); "" means "for example DEFAULTMAIN".
	MainHelp string
	// Images returns the builder image, the runtime image and the runtime's
	// interpreter path ("" for compiled stacks) for a version and base, or an
	// error when that combination does not exist.
	Images func(version, base string) (builder, runtime, interpreter string, err error)
	// ServerImages, when set, replaces Images for stacks whose images
	// depend on the server too (php: the apache or the fpm image).
	ServerImages func(version, base, server string) (builder, runtime, interpreter string, err error)
	// HTTPProbe is the exec-form healthcheck that fetches url with the
	// runtime's own client, or nil when the runtime has none.
	HTTPProbe func(interpreter, url string) []string
	// Profile names the seccomp profile (profiles/NAME.yaml) of the process
	// the image runs; "" means the stack's own name.
	Profile string
	// Tools are the allowed values of build.tool, the default first; nil
	// when the stack has no choice (build.tool must then be empty).
	Tools []string
	// Servers are the allowed values of server, the default first; nil
	// when the stack has no choice (server must then be empty).
	Servers []string
	// Output and JLink say whether build.output and build.jlink apply.
	Output, JLink bool
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
}

// images returns the builder and runtime images and the interpreter of a
// spec's stack, version, base and (where it matters) server.
func (st *stack) images(s *Spec) (builder, runtime, interpreter string, err error) {
	if st.ServerImages != nil {
		return st.ServerImages(s.Version, s.Base, s.Server)
	}
	return st.Images(s.Version, s.Base)
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

// register adds a stack to the catalog; it panics on a duplicate name (a
// programming error, caught by every test).
func register(st *stack) {
	if _, dup := stacks[st.Name]; dup {
		panic("generator: stack " + st.Name + " registered twice")
	}
	stacks[st.Name] = st
}

// ProfileFor returns the name of the seccomp profile (profiles/NAME.yaml)
// that a stack's images run under, or "" for an unknown stack: the stack's
// name, except static (nginx), the java stacks (java) and binary (binary:
// everyday glibc and musl work, since dockergen can only measure a known
// program). rust's profile is its example's measured set (std's calls
// through glibc).
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

// NginxVersion pins the nginx image of the static stack.
const NginxVersion = "1.27"

var stacks = map[string]*stack{
	"go": {
		Name:           "go",
		MainHelp:       "the main package to build, . or ./cmd/NAME",
		Title:          "Go",
		Secret:         Secret{ID: "netrc", Target: "/root/.netrc", Src: "~/.netrc"},
		DefaultVersion: "1.26",
		VersionRE:      regexp.MustCompile(`^1\.[0-9]{1,2}$`),
		VersionHelp:    "a Go release such as 1.26",
		DefaultBase:    BaseDistroless,
		Bases:          []string{BaseDistroless, BaseScratch, BaseSlim, BaseAlpine},
		DefaultMain:    ".",
		Images: func(v, base string) (string, string, string, error) {
			builder := "golang:" + v + "-" + DebianRelease
			switch base {
			case BaseAlpine:
				return "golang:" + v + "-alpine" + AlpineVersion, "alpine:" + AlpineVersion, "", nil
			case BaseSlim:
				return builder, "debian:" + DebianRelease + "-slim", "", nil
			case BaseDistroless:
				return builder, "gcr.io/distroless/static-debian12:nonroot", "", nil
			case BaseScratch:
				return builder, "scratch", "", nil
			}
			return "", "", "", errNoBase
		},
	},
	"node": {
		Name:           "node",
		MainHelp:       "the script that starts the app, relative to the project (for example server.js)",
		Title:          "Node.js",
		Secret:         Secret{ID: "npmrc", Target: "/root/.npmrc", Src: "~/.npmrc"},
		DefaultVersion: "22",
		VersionRE:      regexp.MustCompile(`^[0-9]{2}$`),
		VersionHelp:    "a Node.js major version such as 22",
		DefaultBase:    BaseSlim,
		Bases:          []string{BaseSlim, BaseAlpine, BaseDistroless},
		DefaultMain:    "server.js",
		Images: func(v, base string) (string, string, string, error) {
			slim := "node:" + v + "-" + DebianRelease + "-slim"
			switch base {
			case BaseSlim:
				return slim, slim, "/usr/local/bin/node", nil
			case BaseAlpine:
				img := "node:" + v + "-alpine" + AlpineVersion
				return img, img, "/usr/local/bin/node", nil
			case BaseDistroless:
				if !slices.Contains([]string{"18", "20", "22", "24"}, v) {
					return "", "", "", fmt.Errorf("distroless ships Node.js 18, 20, 22 and 24, not %s", v)
				}
				return slim, "gcr.io/distroless/nodejs" + v + "-debian12:nonroot", "/nodejs/bin/node", nil
			}
			return "", "", "", errNoBase
		},
		HTTPProbe: func(interp, url string) []string {
			return []string{interp, "-e", "fetch('" + url + "').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"}
		},
	},
	"python": {
		Name:           "python",
		MainHelp:       "the script that starts the app (for example app.py), or module:callable with a server",
		Title:          "Python",
		Secret:         Secret{ID: "pipconf", Target: "/root/.config/pip/pip.conf", Src: "~/.config/pip/pip.conf"},
		DefaultVersion: "3.12",
		VersionRE:      regexp.MustCompile(`^3\.[0-9]{1,2}$`),
		VersionHelp:    "a Python release such as 3.12",
		DefaultBase:    BaseSlim,
		Bases:          []string{BaseSlim, BaseAlpine, BaseDistroless},
		DefaultMain:    "app.py",
		Images: func(v, base string) (string, string, string, error) {
			slim := "python:" + v + "-slim-" + DebianRelease
			switch base {
			case BaseSlim:
				return slim, slim, "/usr/local/bin/python3", nil
			case BaseAlpine:
				img := "python:" + v + "-alpine" + AlpineVersion
				return img, img, "/usr/local/bin/python3", nil
			case BaseDistroless:
				if v != "3.11" {
					return "", "", "", fmt.Errorf("distroless python3-debian12 ships Python 3.11, not %s (set version: \"3.11\" or base: slim)", v)
				}
				return slim, "gcr.io/distroless/python3-debian12:nonroot", "/usr/bin/python3", nil
			}
			return "", "", "", errNoBase
		},
		HTTPProbe: func(interp, url string) []string {
			return []string{interp, "-c", "import urllib.request; urllib.request.urlopen('" + url + "', timeout=3)"}
		},
	},
	// static: a built or plain static site served by nginx. version is the
	// Node.js major of the optional build step (build.command runs in
	// node:VERSION-bookworm-slim); main is the site's directory (. for a
	// plain site, for example dist after a build).
	"static": {
		Name:           "static",
		MainHelp:       "the site's directory: . for a plain site, or the build's output such as dist",
		DefaultVersion: "22",
		VersionRE:      regexp.MustCompile(`^[0-9]{2}$`),
		VersionHelp:    "the Node.js major version of the optional build step (build.command), such as 22",
		DefaultBase:    BaseSlim,
		Bases:          []string{BaseSlim, BaseAlpine},
		DefaultMain:    ".",
		Profile:        "nginx",
		Images: func(v, base string) (string, string, string, error) {
			builder := "node:" + v + "-" + DebianRelease + "-slim"
			switch base {
			case BaseSlim:
				// The probe is bash's /dev/tcp: the image has no HTTP client.
				return builder, "nginx:" + NginxVersion + "-" + DebianRelease, "/bin/bash", nil
			case BaseAlpine:
				return builder, "nginx:" + NginxVersion + "-alpine", "/usr/bin/wget", nil
			}
			return "", "", "", errNoBase
		},
		HTTPProbe: func(interp, url string) []string {
			if interp == "/usr/bin/wget" {
				return []string{interp, "-q", "-O", "/dev/null", url}
			}
			// bash opens the TCP connection itself; the port and the path are
			// arguments, never part of the script.
			hostPort, p, _ := strings.Cut(strings.TrimPrefix(url, "http://"), "/")
			_, port, _ := strings.Cut(hostPort, ":")
			return []string{interp, "-c", `exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 && read -r _ code _ <&3 && [ "$code" = 200 ]`, "probe", port, "/" + p}
		},
	},
	// binary: a prebuilt executable (main is its path in the build context)
	// copied into a minimal base; no toolchain. The seccomp profile is
	// profiles/binary.yaml: everyday glibc and musl work (the libc probe) and
	// the Go runtime's, since dockergen cannot measure an unknown program.
	"binary": {
		Name:           "binary",
		MainHelp:       "the prebuilt executable's path in the build context (for example bin/server)",
		DefaultVersion: "1",
		VersionRE:      regexp.MustCompile(`^[0-9][0-9A-Za-z.+-]{0,31}$`),
		VersionHelp:    "the executable's own version, shown in the image description (for example 1.4.2)",
		DefaultBase:    BaseDistroless,
		Bases:          []string{BaseDistroless, BaseScratch, BaseSlim, BaseAlpine},
		DefaultMain:    "bin/app",
		Profile:        "binary",
		Images: func(v, base string) (string, string, string, error) {
			// The first stage only checks the file and supplies CA certificates.
			builder := "debian:" + DebianRelease + "-slim"
			switch base {
			case BaseAlpine:
				return builder, "alpine:" + AlpineVersion, "", nil
			case BaseSlim:
				return builder, "debian:" + DebianRelease + "-slim", "", nil
			case BaseDistroless:
				// base, not static: glibc, so a dynamically linked binary runs too.
				return builder, "gcr.io/distroless/base-debian12:nonroot", "", nil
			case BaseScratch:
				return builder, "scratch", "", nil
			}
			return "", "", "", errNoBase
		},
	},
	// rust: a Cargo package built in release mode with cargo build --release
	// --locked, dependencies first (a dummy main compiled against the
	// Cargo.toml and Cargo.lock alone). main is the binary's name (the
	// [[bin]] name, else the package name). distroless (cc: glibc + libgcc,
	// what a Rust binary links) and slim are glibc runtimes built on the
	// Debian image. scratch and alpine are musl: built on rust:V-alpine3.22,
	// whose own target is the musl one (x86_64- or aarch64-unknown-linux-musl,
	// static by default), so no rustup target download is needed and the
	// architecture is the build's; scratch gets only the static binary and
	// CA certificates. Alpine 3.22 images exist from Rust 1.87 on. A crate
	// that needs a C library (openssl-sys) needs its static build on Alpine.
	"rust": {
		Name:           "rust",
		MainHelp:       "the Cargo binary's name (the [[bin]] name, else the package name)",
		Title:          "Rust",
		Secret:         Secret{ID: "cargo-credentials", Target: "/usr/local/cargo/credentials.toml", Src: "~/.cargo/credentials.toml"},
		DefaultVersion: "1.88",
		VersionRE:      regexp.MustCompile(`^1\.[0-9]{2,3}$`),
		VersionHelp:    "a Rust release such as 1.88",
		DefaultBase:    BaseDistroless,
		Bases:          []string{BaseDistroless, BaseSlim, BaseScratch, BaseAlpine},
		DefaultMain:    "app",
		Images: func(v, base string) (string, string, string, error) {
			builder := "rust:" + v + "-slim-" + DebianRelease
			switch base {
			case BaseSlim:
				return builder, "debian:" + DebianRelease + "-slim", "", nil
			case BaseDistroless:
				return builder, "gcr.io/distroless/cc-debian12:nonroot", "", nil
			case BaseScratch, BaseAlpine:
				if minor, _ := strconv.Atoi(strings.TrimPrefix(v, "1.")); minor < 87 {
					return "", "", "", fmt.Errorf("rust:%s has no alpine%s image (the musl builder of base %s; Alpine %s came with Rust 1.87): use version 1.87 or later, or base distroless or slim", v, AlpineVersion, base, AlpineVersion)
				}
				musl := "rust:" + v + "-alpine" + AlpineVersion
				if base == BaseScratch {
					return musl, "scratch", "", nil
				}
				return musl, "alpine:" + AlpineVersion, "", nil
			}
			return "", "", "", errNoBase
		},
	},
}

var errNoBase = fmt.Errorf("no such base")

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

// choiceHelp describes each build tool and server for a person choosing one.
var choiceHelp = map[string]string{
	"npm":      "npm ci from package-lock.json",
	"yarn":     "Yarn through corepack, from yarn.lock (frozen)",
	"pnpm":     "pnpm through corepack, from pnpm-lock.yaml (frozen)",
	"pip":      "pip from requirements.txt or pyproject.toml",
	"poetry":   "Poetry from poetry.lock, main group only",
	"uv":       "uv from uv.lock (frozen, no dev dependencies)",
	"maven":    "the builder image's Maven",
	"mvnw":     "the project's Maven wrapper (mvnw)",
	"gradle":   "the builder image's Gradle",
	"gradlew":  "the project's Gradle wrapper (gradlew)",
	"none":     "the interpreter runs main directly",
	"gunicorn": "Gunicorn, a WSGI server (Django, Flask): main is module:callable",
	"uvicorn":  "Uvicorn, an ASGI server (FastAPI, Starlette): main is module:callable",
	"puma":     "Puma, a Rack server: main is the config.ru",
	"apache":   "Apache with mod_php, answers HTTP",
	"fpm":      "PHP-FPM, answers FastCGI for a front end such as nginx",
}

// ChoiceHelp describes a build tool or server value for a person, or
// returns "" for one it does not know.
func ChoiceHelp(value string) string { return choiceHelp[value] }
