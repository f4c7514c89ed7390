package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// The go stack: a Go module built with go build (cgo off by default, a
// static binary) on the golang image, its module cache in a cache mount,
// copied alone into a minimal base. main is the main package.
var goStack = &stack{
	Name:        "go",
	Files:       true,
	MainHelp:    "the main package to build, . or ./cmd/NAME",
	Title:       "Go",
	Secret:      Secret{ID: "netrc", Target: "/root/.netrc", Src: "~/.netrc"},
	Runtime:     "go",
	DefaultBase: BaseDistroless,
	Bases:       []string{BaseDistroless, BaseScratch, BaseSlim, BaseAlpine},
	DefaultMain: ".",
	Images: func(r release) (string, string, string, error) {
		switch r.Base {
		case BaseAlpine:
			return images(r, "", img{"golang", "{version}-alpine{alpine}", nil}, img{"alpine", "{alpine}", nil})
		case BaseSlim:
			return images(r, "", img{"golang", "{version}-{debian}", nil}, img{"debian", "{debian}-slim", nil})
		case BaseDistroless:
			return images(r, "", img{"golang", "{version}-{debian}", nil}, distrolessStatic)
		case BaseScratch:
			return images(r, "", img{"golang", "{version}-{debian}", nil}, scratch)
		}
		return "", "", "", errNoBase
	},
	CheckMain: func(s *Spec) string {
		if s.Main != "." && !strings.HasPrefix(s.Main, "./") || !relPathRE.MatchString(s.Main) || escapes(s.Main) {
			return fmt.Sprintf("%q is not a main package inside the module (allowed: . or ./path/to/cmd)", s.Main)
		}
		return ""
	},
	Check: func(s *Spec, bad func(field, format string, args ...any)) {
		if s.Build.CGO && (s.Base == BaseScratch || s.Base == BaseDistroless) {
			bad("build.cgo", "cgo binaries need a C library; %s has none (allowed: base slim or alpine, or cgo: false)", s.Base)
		}
	},
	Entry:      binaryEntry,
	HealthFlag: "-healthcheck",
	MainPrompt: "Main package:",
	Detector:   goDetector,
	DepFiles:   goDepFiles,
	Doc: stackDoc{
		Reads: []docRead{
			{"`go.mod`", "name (module); version (`toolchain`, else `go` as a minimum)"},
			{"`package main` in `.` or `cmd/*`, and the module packages it imports", "main; port from listen calls (`http.ListenAndServe`, `http.Server{Addr}`, gin `Run`, echo `Start`, fiber `Listen`), `flag`/pflag/cobra/urfave defaults and env defaults (`getEnv(\"PORT\", \"8080\")`, `os.Getenv` + if empty, `LookupEnv`, struct tags); a read of `PORT` sets `env: PORT`; a privileged or loopback default is moved through the app's own flag (`command`) or variable"},
			{"the same sources", "`files`: what is read at run time (`LoadHTMLGlob`, `Static`, `http.Dir`, `ParseGlob`/`ParseFiles`, `os.ReadFile`, viper config, `file://` migrations, flag defaults naming project paths); paths under `//go:embed` are not copied; a `-healthcheck` flag"},
			{"`config.yaml`/`.toml` the app reads, `.env.example`", "`port:`/`addr:` (top level or under server/http/app); defaults of the variables the code reads"},
		},
		DetectedFrom: "`go.mod` (go/toolchain lines, module), `package main` in `.` or `cmd/*`",
		Runtime:      "static binary, cgo off",
	},
}

// --- detection ---

var (
	goModuleRE    = regexp.MustCompile(`(?m)^module\s+"?([^\s"]+)"?`)
	goDirectiveRE = regexp.MustCompile(`(?m)^go\s+([0-9]+\.[0-9]+)(?:\.[0-9]+|rc[0-9]+)?\s*$`)
	goToolchainRE = regexp.MustCompile(`(?m)^toolchain\s+go([0-9]+\.[0-9]+)`)
	goMainRE      = regexp.MustCompile(`(?m)^package\s+main\b`)
	goIgnoreRE    = regexp.MustCompile(`(?m)^//go:build\s+ignore\b`)
	goMajorRE     = regexp.MustCompile(`^v[0-9]+$`)
	goRouteRE     = regexp.MustCompile(`"(/(?:healthz|health|livez|readyz))"`)
)

var goDetector = &detector{
	markers: []string{"go.mod"},
	name: []finder{nameFrom("go.mod", regexpLine(goModuleRE, func(mod string) (string, bool) {
		parts := strings.Split(mod, "/")
		last := parts[len(parts)-1]
		if goMajorRE.MatchString(last) && len(parts) > 1 {
			last = parts[len(parts)-2]
		}
		return last, true
	}))},
	// The toolchain line names the Go the project is built with; the go
	// line only the oldest it accepts: a minimum, not the choice.
	version: []finder{
		fromFile("go.mod", regexpLine(goToolchainRE, asIs)),
		constraint(fromFile("go.mod", regexpLine(goDirectiveRE, asIs))),
		toolVersion(2, "golang", "go"),
	},
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		if f := goMainFile(p, "."); f != "" {
			found = append(found, Detected{Value: ".", From: f})
		}
		var cmds []Detected
		if entries, err := fs.ReadDir(p.fsys, "cmd"); err == nil {
			for _, e := range entries {
				if !e.IsDir() {
					continue
				}
				if f := goMainFile(p, "cmd/"+e.Name()); f != "" {
					cmds = append(cmds, Detected{Value: "./cmd/" + e.Name(), From: f})
				}
			}
		}
		// With several commands, the one named like the module goes first.
		slices.SortStableFunc(cmds, func(a, b Detected) int {
			am, bm := path.Base(a.Value) == c.Name.Value, path.Base(b.Value) == c.Name.Value
			switch {
			case am && !bm:
				return -1
			case bm && !am:
				return 1
			}
			return 0
		})
		found = append(found, cmds...)
		if len(found) == 0 {
			c.Notes = append(c.Notes, "no main package found (looked for package main in the module root and in cmd/*): using . — set main to the package to build")
		} else if len(found) > 1 {
			var names []string
			for _, f := range found {
				names = append(names, f.Value)
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%d main packages (%s): using %s", len(found), strings.Join(names, ", "), found[0].Value))
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string {
		dir := strings.TrimPrefix(path.Clean(c.Main.Value), "./")
		return goFiles(p, dir)
	},
	ports: []*regexp.Regexp{
		regexp.MustCompile(`Getenv\("PORT"\)\s*,\s*"(\d{2,5})"`),
		regexp.MustCompile(`(?i)\bport\s*:?=\s*"?:?(\d{2,5})\b`),
		regexp.MustCompile(`Listen\w*\(\s*"[^"]*:(\d{2,5})"`),
		regexp.MustCompile(`(?i)\baddr\s*(?::|:?=)\s*"[^"]*:(\d{2,5})"`),
	},
	health: []*regexp.Regexp{
		regexp.MustCompile(`flag\.(?:Bool|BoolVar)\((?:[^,()]*,\s*)?"(health-?check|health)"`),
	},
	healthFlag: true,
	port:       goPort,
	notes: func(p *project, c *Candidate) {
		if c.HealthFlag.Found() {
			return
		}
		if m, ok := p.scan(goFiles(p, strings.TrimPrefix(path.Clean(c.Main.Value), "./")), []*regexp.Regexp{goRouteRE}); ok {
			c.Notes = append(c.Notes, fmt.Sprintf("%s serves %s, but distroless and scratch have no HTTP client to probe it: give the binary a -healthcheck flag that fetches it (as examples/go does) to get a healthcheck", m.From, m.Value))
		}
	},
}

// goFiles lists the non-test Go files of a directory, sorted, main.go first.
func goFiles(p *project, dir string) []string {
	entries, err := fs.ReadDir(p.fsys, dir)
	if err != nil {
		return nil
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		files = append(files, path.Join(dir, n))
	}
	slices.SortStableFunc(files, func(a, b string) int {
		switch {
		case path.Base(a) == "main.go":
			return -1
		case path.Base(b) == "main.go":
			return 1
		}
		return strings.Compare(a, b)
	})
	return files
}

// goMainFile returns a file of package main in dir ("" when there is none).
func goMainFile(p *project, dir string) string {
	for _, f := range goFiles(p, dir) {
		if data, ok := p.read(f); ok && goMainRE.Match(data) && !goIgnoreRE.Match(data) {
			return f
		}
	}
	return ""
}

// goDepFiles: go.mod is required (go.sum is copied by glob: a module
// without dependencies has none).
func goDepFiles(*Spec) []DepFile {
	return []DepFile{{Name: "go.mod", Create: "go mod init <module path> && go mod tidy"}}
}
