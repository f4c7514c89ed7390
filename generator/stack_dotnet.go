package generator

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The dotnet stack: an ASP.NET Core (or any .NET console) project published
// with dotnet publish -c Release into the aspnet runtime image. main is the
// project file (src/Api/Api.csproj). The builder restores first, from the
// project files alone (every *.csproj, *.fsproj, *.sln, Directory.*.props,
// NuGet.config and global.json of the context, gathered in a stage of their
// own), with the NuGet package folder in a cache mount; then it publishes
// with --no-restore. The app is framework-dependent with its apphost
// (UseAppHost=true): the native launcher the SDK writes for its own runtime
// identifier, renamed to the spec's name, so the image runs /app/NAME like
// the compiled stacks and a --healthcheck argument is probed the same way.
// The apphost finds the shared runtime in /usr/share/dotnet, where every
// official runtime image has it. Bases: slim (aspnet:V-noble: .NET 10 has
// no Debian image, so the distro is Ubuntu's), alpine (aspnet:V-alpine3.24,
// built on the Alpine SDK with the linux-musl runtime identifier) and
// distroless, which for .NET means Ubuntu chiseled (aspnet:V-noble-chiseled):
// no shell, no package manager, glibc.
var dotnetStack = &stack{
	Name:  "dotnet",
	Title: ".NET",
	// A private feed's credentials live in the user-level NuGet.Config,
	// which restore reads after the project's own NuGet.config.
	Secret:  Secret{ID: "nuget-config", Target: "/root/.nuget/NuGet/NuGet.Config", Src: "~/.nuget/NuGet/NuGet.Config"},
	Runtime: "dotnet",
	// .NET 10 is published on Ubuntu, not Debian: slim is Ubuntu's
	// noble, distroless its chiseled variant.
	Families:    map[string]string{BaseSlim: familyUbuntu, BaseDistroless: familyUbuntu},
	DefaultBase: BaseSlim,
	Bases:       []string{BaseSlim, BaseAlpine, BaseDistroless},
	DefaultMain: "App.csproj",
	Images:      dotnetImages,
	CheckMain:   dotnetCheckMain,
	Entry: func(s *Spec, _ string) []string {
		return []string{path.Join(s.Workdir, s.Name)}
	},
	Doc: stackDoc{
		DetectedFrom: "`*.csproj`/`*.fsproj` (TargetFramework, AssemblyName, Web SDK), `*.sln`, `global.json`",
		Runtime:      "`dotnet publish` of the project, the aspnet image",
		BaseNotes:    map[string]string{BaseDistroless: "Ubuntu chiseled"},
	},
	Detector: dotnetDetector,
}

// dotnetImages returns the SDK and ASP.NET Core runtime images of a .NET
// release on a base: Ubuntu (noble by default) for slim, its chiseled
// variant for distroless, Alpine for alpine.
func dotnetImages(r release) (string, string, string, error) {
	const repo = "mcr.microsoft.com/dotnet/"
	switch r.Base {
	case BaseSlim:
		return images(r, "", img{repo + "sdk", "{version}-{ubuntu}", nil}, img{repo + "aspnet", "{version}-{ubuntu}", nil})
	case BaseAlpine:
		return images(r, "", img{repo + "sdk", "{version}-alpine{alpine}", nil}, img{repo + "aspnet", "{version}-alpine{alpine}", nil})
	case BaseDistroless:
		return images(r, "", img{repo + "sdk", "{version}-{ubuntu}", nil}, img{repo + "aspnet", "{version}-{ubuntu}-chiseled", nil})
	}
	return "", "", "", errNoBase
}

// dotnetProjectRE is a project file path inside the build context: plain
// path segments ending in .csproj, .fsproj or .vbproj.
var dotnetProjectRE = regexp.MustCompile(`^([A-Za-z0-9_][A-Za-z0-9_.+@-]*/)*[A-Za-z0-9_][A-Za-z0-9_.+@-]*\.(csproj|fsproj|vbproj)$`)

// dotnetCheckMain returns what is wrong with main: it must be the path of a
// C#, F# or Visual Basic project file inside the build context, with no "."
// or ".." segment (it is written unquoted into the build steps).
func dotnetCheckMain(s *Spec) string {
	ok := dotnetProjectRE.MatchString(s.Main)
	for _, seg := range strings.Split(s.Main, "/") {
		if seg == "." || seg == ".." {
			ok = false
		}
	}
	if !ok {
		return fmt.Sprintf("%q is not a project file inside the build context (a .csproj, .fsproj or .vbproj path such as src/Api/Api.csproj)", s.Main)
	}
	return ""
}

// --- detection ---

// dotnetProject is what detection reads of one project file.
type dotnetProject struct {
	Path string
	// Web is true for Sdk="Microsoft.NET.Sdk.Web" (ASP.NET Core).
	Web bool
	// Exe is true for an app (OutputType Exe or WinExe, or the Web SDK).
	Exe bool
	// Test is true for a test project (IsTestProject, or Microsoft.NET.Test.Sdk).
	Test bool
	// TFMs are the target frameworks, in the order written, with the line.
	TFMs     []string
	TFMLine  int
	Assembly cargoValue
}

var (
	dotnetSdkRE      = regexp.MustCompile(`<Project\s[^>]*Sdk\s*=\s*"([^"]+)"`)
	dotnetSdkElemRE  = regexp.MustCompile(`<Sdk\s+Name\s*=\s*"([^"]+)"`)
	dotnetTFMRE      = regexp.MustCompile(`<TargetFrameworks?>\s*([^<]+?)\s*</TargetFrameworks?>`)
	dotnetAssemblyRE = regexp.MustCompile(`<AssemblyName>\s*([^<]+?)\s*</AssemblyName>`)
	dotnetOutputRE   = regexp.MustCompile(`<OutputType>\s*(\w+)\s*</OutputType>`)
	dotnetTestRE     = regexp.MustCompile(`<IsTestProject>\s*true\s*</IsTestProject>|Include\s*=\s*"Microsoft\.NET\.Test\.Sdk"`)
	dotnetNetRE      = regexp.MustCompile(`^net([0-9]{1,2}\.[0-9])(?:-[a-z]+[0-9.]*)?$`)
	dotnetGlobalRE   = regexp.MustCompile(`^([0-9]+\.[0-9]+)\.[0-9]+`)
	dotnetHealthRE   = regexp.MustCompile(`"-(-?health(?:check)?)"`)
	dotnetRouteRE    = regexp.MustCompile(`"(/(?:healthz|health|livez|readyz))"`)
)

// dotnetProjectGlobs are where detection looks for project files: the root,
// one directory down, and src/*/ (the usual solution layouts).
var dotnetProjectGlobs = []string{"*.csproj", "*.fsproj", "*.vbproj", "*/*.csproj", "*/*.fsproj", "*/*.vbproj", "src/*/*.csproj", "src/*/*.fsproj", "src/*/*.vbproj"}

// dotnetProjects reads every project file found, apps first: Web SDK
// projects, then other executables, then libraries; test projects last.
// Within a group, shallower paths come first, then by name.
func dotnetProjects(p *project) []dotnetProject {
	var paths []string
	for _, g := range dotnetProjectGlobs {
		m, _ := fs.Glob(p.fsys, g)
		for _, f := range m {
			if !slices.Contains(paths, f) {
				paths = append(paths, f)
			}
		}
	}
	var projs []dotnetProject
	for _, f := range paths {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		pr := dotnetProject{Path: f}
		sdk := ""
		if m := dotnetSdkRE.FindSubmatch(data); m != nil {
			sdk = string(m[1])
		} else if m := dotnetSdkElemRE.FindSubmatch(data); m != nil {
			sdk = string(m[1])
		}
		pr.Web = strings.HasPrefix(sdk, "Microsoft.NET.Sdk.Web")
		out := ""
		if m := dotnetOutputRE.FindSubmatch(data); m != nil {
			out = strings.ToLower(string(m[1]))
		}
		pr.Exe = pr.Web || out == "exe" || out == "winexe"
		pr.Test = dotnetTestRE.Match(data)
		if m := dotnetTFMRE.FindSubmatchIndex(data); m != nil {
			for _, t := range strings.Split(string(data[m[2]:m[3]]), ";") {
				if t = strings.TrimSpace(t); t != "" {
					pr.TFMs = append(pr.TFMs, t)
				}
			}
			pr.TFMLine = lineAt(data, m[2])
		}
		if m := dotnetAssemblyRE.FindSubmatchIndex(data); m != nil {
			pr.Assembly = cargoValue{string(data[m[2]:m[3]]), lineAt(data, m[2])}
		}
		projs = append(projs, pr)
	}
	rank := func(pr dotnetProject) int {
		switch {
		case pr.Test:
			return 3
		case pr.Web:
			return 0
		case pr.Exe:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(projs, func(a, b dotnetProject) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		if d := strings.Count(a.Path, "/") - strings.Count(b.Path, "/"); d != 0 {
			return d
		}
		return strings.Compare(a.Path, b.Path)
	})
	return projs
}

// dotnetMainProject returns the project detection picks, or false when
// there is none that could be an app (only tests, or no project at all).
func dotnetMainProject(p *project) (dotnetProject, bool) {
	projs := dotnetProjects(p)
	if len(projs) == 0 || projs[0].Test || !dotnetProjectRE.MatchString(projs[0].Path) {
		return dotnetProject{}, false
	}
	return projs[0], true
}

// dotnetTFMVersion turns the highest netN.M target framework of a project
// into a version ("net8.0" -> "8.0"); a framework that is not .NET 5+
// (netcoreapp3.1, net48, netstandard2.0) is returned as is.
func dotnetTFMVersion(tfms []string) (string, bool) {
	best, bestN := "", -1.0
	for _, t := range tfms {
		if m := dotnetNetRE.FindStringSubmatch(t); m != nil {
			if n, err := strconv.ParseFloat(m[1], 64); err == nil && n >= 5 && n > bestN {
				best, bestN = m[1], n
			}
		}
	}
	if best != "" {
		return best, true
	}
	if len(tfms) > 0 {
		return tfms[0], true
	}
	return "", false
}

// dotnetGlobalSDK reads global.json's sdk.version ("8.0.404" -> "8.0").
func dotnetGlobalSDK(data []byte) (string, int, bool) {
	var g struct {
		SDK struct {
			Version string `json:"version"`
		} `json:"sdk"`
	}
	if json.Unmarshal(data, &g) != nil || g.SDK.Version == "" {
		return "", 0, false
	}
	line := lineOf(data, `"version"`)
	if m := dotnetGlobalRE.FindStringSubmatch(g.SDK.Version); m != nil {
		return m[1], line, true
	}
	return g.SDK.Version, line, true
}

// dotnetSources are the files of the main project scanned for the port and
// the health hints: its appsettings.json and its Program file.
func dotnetSources(c *Candidate) []string {
	dir := path.Dir(c.Main.Value)
	return []string{path.Join(dir, "appsettings.json"), path.Join(dir, "Program.cs"), path.Join(dir, "Program.fs")}
}

var dotnetDetector = &detector{
	markers: append([]string{"*.sln", "*.slnx"}, dotnetProjectGlobs...),
	// The image's name: the app project's AssemblyName, else its file name.
	name: []finder{func(p *project) (Detected, bool) {
		pr, ok := dotnetMainProject(p)
		if !ok {
			return Detected{}, false
		}
		if pr.Assembly.Value != "" {
			if n := sanitizeName(pr.Assembly.Value); n != "" {
				return Detected{Value: n, From: at(pr.Path, pr.Assembly.Line)}, true
			}
		}
		n := sanitizeName(strings.TrimSuffix(path.Base(pr.Path), path.Ext(pr.Path)))
		return Detected{Value: n, From: pr.Path}, n != ""
	}},
	// The app's target framework is the runtime it needs (a net8.0 app does
	// not roll forward to a 9.0 runtime); global.json pins only the SDK.
	version: []finder{
		func(p *project) (Detected, bool) {
			pr, ok := dotnetMainProject(p)
			if !ok {
				return Detected{}, false
			}
			v, ok := dotnetTFMVersion(pr.TFMs)
			return Detected{Value: v, From: at(pr.Path, pr.TFMLine)}, ok
		},
		fromFile("global.json", dotnetGlobalSDK),
		toolVersion(2, "dotnet", "dotnet-core"),
	},
	// The apps (Web SDK first), or the libraries when there is no app.
	mains: func(p *project, c *Candidate) []Detected {
		var apps, libs []Detected
		for _, pr := range dotnetProjects(p) {
			switch {
			case pr.Test || !dotnetProjectRE.MatchString(pr.Path):
			case pr.Exe:
				apps = append(apps, Detected{Value: pr.Path, From: pr.Path})
			default:
				libs = append(libs, Detected{Value: pr.Path, From: pr.Path})
			}
		}
		if len(apps) > 0 {
			return apps
		}
		return libs
	},
	// Kestrel's endpoints in appsettings.json and a URL in the code override
	// ASPNETCORE_HTTP_PORTS, so they are what the app listens on.
	sources: func(p *project, c *Candidate) []string { return dotnetSources(c) },
	ports: []*regexp.Regexp{
		regexp.MustCompile(`"Url"\s*:\s*"https?://[^"/]*:(\d{2,5})`),
		regexp.MustCompile(`(?:UseUrls|Run|Urls\.Add|Listen(?:AnyIP|Localhost)?)\(\s*\$?@?"(?:https?://[^"/]*:)?(\d{2,5})`),
		regexp.MustCompile(`"PORT"\)\s*\?\?\s*"(\d{2,5})"`),
	},
	health:     []*regexp.Regexp{dotnetHealthRE},
	healthFlag: true,
	notes: func(p *project, c *Candidate) {
		var apps []string
		for _, m := range c.Mains {
			apps = append(apps, m.Value)
		}
		switch {
		case len(apps) == 0 && len(dotnetProjects(p)) > 0:
			c.Notes = append(c.Notes, fmt.Sprintf("only test projects found: using %s — set main to the project file of the app", c.Main.Value))
		case len(apps) == 0:
			c.Notes = append(c.Notes, fmt.Sprintf("no project file found (looked in the root, one directory down and src/*/): using %s — set main to the app's .csproj or .fsproj", c.Main.Value))
		case len(apps) > 1:
			why := ""
			if pr, ok := dotnetMainProject(p); ok && pr.Web {
				why = " (the Web SDK project)"
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%d app projects (%s): using %s%s — set main to the one the image runs", len(apps), strings.Join(apps, ", "), c.Main.Value, why))
		}
		if pr, ok := dotnetMainProject(p); ok && !pr.Exe {
			c.Notes = append(c.Notes, fmt.Sprintf("%s is a library (no Microsoft.NET.Sdk.Web and no <OutputType>Exe</OutputType>): publish needs an app project", pr.Path))
		}
		if g, ok := fromFile("global.json", dotnetGlobalSDK)(p); ok && c.Version.Found() && g.Value != c.Version.Value && !strings.HasPrefix(c.Version.From, "global.json") {
			c.Notes = append(c.Notes, fmt.Sprintf("%s pins SDK %s, but the builder is the %s SDK image (the app's target, %s): restore fails unless global.json's rollForward accepts a %s SDK (an SDK never rolls back) — align the two", g.From, g.Value, c.Version.Value, c.Version.From, c.Version.Value))
		}
		if !c.HealthFlag.Found() {
			if m, ok := p.scan(dotnetSources(c), []*regexp.Regexp{dotnetRouteRE}); ok {
				c.Notes = append(c.Notes, fmt.Sprintf("%s serves %s, but the runtime images have no HTTP client to probe it: make the app probe itself when run with --healthcheck (as examples/dotnet does) to get a healthcheck", m.From, m.Value))
			}
		}
		ls := path.Join(path.Dir(c.Main.Value), "Properties/launchSettings.json")
		if m, ok := p.scan([]string{ls}, []*regexp.Regexp{regexp.MustCompile(`"applicationUrl"\s*:\s*"https?://[^"/;]*:(\d{2,5})`)}); ok && m.Value != c.Port.Value {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: port %s is for dotnet run only; in the image the app listens on ASPNETCORE_HTTP_PORTS, the spec's port (%s)", m.From, m.Value, c.Port.Value))
		}
	},
}
