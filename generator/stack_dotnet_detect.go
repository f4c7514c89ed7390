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

// The dotnet detector: the project files of the directory (down to
// dotnetMaxDepth directories), the app among them (a Web SDK project first),
// its target framework (or Directory.Build.props's), Native AOT, the port
// and the health endpoints it maps.

// dotnetProject is what detection reads of one project file.
type dotnetProject struct {
	Path string
	// Web is true for Sdk="Microsoft.NET.Sdk.Web" (ASP.NET Core).
	Web bool
	// Exe is true for an app (OutputType Exe or WinExe, or the Web SDK).
	Exe bool
	// Test is true for a test project (IsTestProject, Microsoft.NET.Test.Sdk,
	// or a *.Tests name).
	Test bool
	// Host is an Aspire AppHost: it starts the other projects during
	// development and is not an app to put in an image.
	Host bool
	// TFMs are the target frameworks, in the order written, and TFMFrom
	// where (the project file or a Directory.Build.props above it).
	TFMs    []string
	TFMFrom string
	// AOT is where <PublishAot>true</PublishAot> was read ("" for none).
	AOT      string
	Assembly cargoValue
	// Refs are the project files it references (ProjectReference), as
	// paths in the project.
	Refs []string
}

var (
	dotnetSdkRE      = regexp.MustCompile(`<Project\s[^>]*Sdk\s*=\s*"([^"]+)"`)
	dotnetSdkElemRE  = regexp.MustCompile(`<Sdk\s+Name\s*=\s*"([^"]+)"`)
	dotnetTFMRE      = regexp.MustCompile(`<TargetFrameworks?>\s*([^<]+?)\s*</TargetFrameworks?>`)
	dotnetAssemblyRE = regexp.MustCompile(`<AssemblyName>\s*([^<]+?)\s*</AssemblyName>`)
	dotnetOutputRE   = regexp.MustCompile(`<OutputType>\s*(\w+)\s*</OutputType>`)
	dotnetTestRE     = regexp.MustCompile(`<IsTestProject>\s*true\s*</IsTestProject>|Include\s*=\s*"Microsoft\.NET\.Test\.Sdk"`)
	dotnetTestNameRE = regexp.MustCompile(`(?i)[.-](?:Unit|Functional|Integration|EndToEnd|E2E)?Tests?$`)
	dotnetHostRE     = regexp.MustCompile(`<IsAspireHost>\s*true\s*</IsAspireHost>|Aspire\.AppHost\.Sdk`)
	dotnetAOTRE      = regexp.MustCompile(`<PublishAot>\s*true\s*</PublishAot>`)
	dotnetRefRE      = regexp.MustCompile(`<ProjectReference\s+Include\s*=\s*"([^"]+)"`)
	dotnetNetRE      = regexp.MustCompile(`^net([0-9]{1,2}\.[0-9])(?:-[a-z]+[0-9.]*)?$`)
	dotnetGlobalRE   = regexp.MustCompile(`^([0-9]+\.[0-9]+)\.[0-9]+`)
	dotnetHealthRE   = regexp.MustCompile(`"-(-?health(?:check)?)"`)
	// dotnetRouteRE is a health endpoint the app maps: MapHealthChecks's
	// path (ASP.NET Core's health checks), or a route literal that looks
	// like one.
	dotnetRouteRE = []*regexp.Regexp{
		regexp.MustCompile(`MapHealthChecks\(\s*"(/[^"]*)"`),
		regexp.MustCompile(`"(/(?:healthz|health|alive|livez|readyz))"`),
	}
)

// dotnetProjectGlobs are the detector's markers: project files at the root,
// one directory down and in src/*/ (the usual solution layouts). Deeper
// projects are found by dotnetProjects once a marker (a solution file) is
// there.
var dotnetProjectGlobs = []string{"*.csproj", "*.fsproj", "*.vbproj", "*/*.csproj", "*/*.fsproj", "*/*.vbproj", "src/*/*.csproj", "src/*/*.fsproj", "src/*/*.vbproj"}

// dotnetMaxDepth is how many directories down dotnetProjects looks
// (src/Services/Ordering/Ordering.API/Ordering.API.csproj is four).
const dotnetMaxDepth = 4

// dotnetSkipDirs are directories that hold no project of the app's.
var dotnetSkipDirs = []string{"bin", "obj", "node_modules", "packages", "artifacts", "TestResults"}

// dotnetProjectPaths returns the project files down to dotnetMaxDepth
// directories, skipping build output and hidden directories.
func dotnetProjectPaths(p *project) []string {
	var paths []string
	fs.WalkDir(p.fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if name != "." && (strings.HasPrefix(d.Name(), ".") || slices.Contains(dotnetSkipDirs, d.Name()) || strings.Count(name, "/") >= dotnetMaxDepth) {
				return fs.SkipDir
			}
			return nil
		}
		switch path.Ext(name) {
		case ".csproj", ".fsproj", ".vbproj":
			paths = append(paths, name)
		}
		return nil
	})
	return paths
}

// dotnetProps returns the nearest Directory.Build.props above a project
// (MSBuild imports the first it finds walking up), read, or false.
func dotnetProps(p *project, projPath string) (string, []byte, bool) {
	dir := path.Dir(projPath)
	for {
		f := path.Join(dir, "Directory.Build.props")
		if data, ok := p.read(f); ok {
			return f, data, true
		}
		if dir == "." {
			return "", nil, false
		}
		dir = path.Dir(dir)
	}
}

// dotnetReadProject reads one project file (and what its Directory.Build.props
// sets that it does not).
func dotnetReadProject(p *project, f string, data []byte) dotnetProject {
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
	base := strings.TrimSuffix(path.Base(f), path.Ext(f))
	pr.Test = dotnetTestRE.Match(data) || dotnetTestNameRE.MatchString(base)
	pr.Host = dotnetHostRE.Match(data)
	props, pdata, hasProps := dotnetProps(p, f)
	tfm := func(data []byte, file string) bool {
		m := dotnetTFMRE.FindSubmatchIndex(data)
		if m == nil {
			return false
		}
		for _, t := range strings.Split(string(data[m[2]:m[3]]), ";") {
			if t = strings.TrimSpace(t); t != "" && !strings.Contains(t, "$(") {
				pr.TFMs = append(pr.TFMs, t)
			}
		}
		pr.TFMFrom = at(file, lineAt(data, m[2]))
		return len(pr.TFMs) > 0
	}
	if !tfm(data, f) && hasProps {
		tfm(pdata, props)
	}
	if m := dotnetAOTRE.FindIndex(data); m != nil {
		pr.AOT = at(f, lineAt(data, m[0]))
	} else if hasProps {
		if m := dotnetAOTRE.FindIndex(pdata); m != nil {
			pr.AOT = at(props, lineAt(pdata, m[0]))
		}
	}
	if m := dotnetAssemblyRE.FindSubmatchIndex(data); m != nil {
		pr.Assembly = cargoValue{string(data[m[2]:m[3]]), lineAt(data, m[2])}
	}
	for _, m := range dotnetRefRE.FindAllSubmatch(data, -1) {
		ref := path.Clean(path.Join(path.Dir(f), strings.ReplaceAll(string(m[1]), `\`, "/")))
		if !strings.HasPrefix(ref, "../") {
			pr.Refs = append(pr.Refs, ref)
		}
	}
	return pr
}

// dotnetProjects reads every project file found, apps first: Web SDK
// projects, then other executables, then an Aspire AppHost, then
// libraries; test projects last. Within a group, shallower paths come
// first, then by name.
func dotnetProjects(p *project) []dotnetProject {
	var projs []dotnetProject
	for _, f := range dotnetProjectPaths(p) {
		if data, ok := p.read(f); ok {
			projs = append(projs, dotnetReadProject(p, f, data))
		}
	}
	rank := func(pr dotnetProject) int {
		switch {
		case pr.Test:
			return 4
		case pr.Host:
			return 2
		case pr.Web:
			return 0
		case pr.Exe:
			return 1
		}
		return 3
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

// dotnetCodeFiles are the C# and F# files of the main project and of the
// projects it references (Aspire's ServiceDefaults maps the health checks
// in its Extensions.cs), where a health endpoint is looked for.
func dotnetCodeFiles(p *project, c *Candidate) []string {
	files := dotnetSources(c)[1:]
	dirs := []string{path.Dir(c.Main.Value)}
	for _, pr := range dotnetProjects(p) {
		if pr.Path == c.Main.Value {
			for _, r := range pr.Refs {
				dirs = append(dirs, path.Dir(r))
			}
		}
	}
	for _, d := range dirs {
		for _, g := range []string{"*.cs", "*/*.cs", "*.fs"} {
			m, _ := fs.Glob(p.fsys, path.Join(d, g))
			for _, f := range m {
				if !slices.Contains(files, f) {
					files = append(files, f)
				}
			}
		}
	}
	return files
}

// dotnetKestrelURL reads the launchSettings.json profile that runs the app
// on Kestrel (commandName "Project"; IIS Express's iisSettings and its
// "IISExpress" profile are Windows-only): its name, the port of its http
// URL (else its first), and the line.
func dotnetKestrelURL(data []byte) (profile, port string, line int, ok bool) {
	var ls struct {
		Profiles map[string]struct {
			CommandName    string `json:"commandName"`
			ApplicationURL string `json:"applicationUrl"`
		} `json:"profiles"`
	}
	if json.Unmarshal(data, &ls) != nil {
		return "", "", 0, false
	}
	names := make([]string, 0, len(ls.Profiles))
	for n := range ls.Profiles {
		names = append(names, n)
	}
	// The order written: the first Kestrel profile is the one dotnet run
	// starts.
	slices.SortFunc(names, func(a, b string) int {
		return strings.Index(string(data), `"`+a+`"`) - strings.Index(string(data), `"`+b+`"`)
	})
	urlPort := regexp.MustCompile(`^https?://[^/;]*:(\d{2,5})`)
	for _, n := range names {
		pr := ls.Profiles[n]
		if pr.CommandName != "Project" || pr.ApplicationURL == "" {
			continue
		}
		urls := strings.Split(pr.ApplicationURL, ";")
		slices.SortStableFunc(urls, func(a, b string) int {
			return boolInt(strings.HasPrefix(b, "http:")) - boolInt(strings.HasPrefix(a, "http:"))
		})
		for _, u := range urls {
			if m := urlPort.FindStringSubmatch(strings.TrimSpace(u)); m != nil {
				off := strings.Index(string(data), `"`+n+`"`)
				if i := strings.Index(string(data[off:]), `"applicationUrl"`); i >= 0 {
					off += i
				}
				return n, m[1], lineAt(data, off), true
			}
		}
	}
	return "", "", 0, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
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
	// The app's target framework (its own, or its Directory.Build.props's)
	// is the runtime it needs (a net8.0 app does not roll forward to a 9.0
	// runtime); global.json pins only the SDK.
	version: []finder{
		func(p *project) (Detected, bool) {
			pr, ok := dotnetMainProject(p)
			if !ok {
				return Detected{}, false
			}
			v, ok := dotnetTFMVersion(pr.TFMs)
			return Detected{Value: v, From: pr.TFMFrom}, ok
		},
		fromFile("global.json", dotnetGlobalSDK),
		toolVersion(2, "dotnet", "dotnet-core"),
	},
	// The apps (Web SDK first), or the libraries when there is no app.
	mains: func(p *project, c *Candidate) []Detected {
		var apps, libs []Detected
		for _, pr := range dotnetProjects(p) {
			switch {
			case pr.Test || pr.Host || !dotnetProjectRE.MatchString(pr.Path):
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
	notes:      dotnetNotes,
}

// dotnetNotes says what the user should know about the projects found,
// the versions, Native AOT, the health endpoint and launchSettings.json.
func dotnetNotes(p *project, c *Candidate) {
	var apps []string
	for _, m := range c.Mains {
		apps = append(apps, m.Value)
	}
	projs := dotnetProjects(p)
	switch {
	case len(apps) == 0 && len(projs) > 0:
		c.Notes = append(c.Notes, fmt.Sprintf("only test projects found: using %s — set main to the project file of the app", c.Main.Value))
	case len(apps) == 0:
		c.Notes = append(c.Notes, fmt.Sprintf("no project file found (looked down to %d directories): using %s — set main to the app's .csproj or .fsproj", dotnetMaxDepth, c.Main.Value))
	case len(apps) > 1:
		why := ""
		if pr, ok := dotnetMainProject(p); ok && pr.Web {
			why = " (the Web SDK project)"
		}
		c.Notes = append(c.Notes, fmt.Sprintf("%d app projects (%s): using %s%s — set main to the one the image runs", len(apps), strings.Join(apps, ", "), c.Main.Value, why))
	}
	for _, pr := range projs {
		if pr.Host {
			c.Notes = append(c.Notes, fmt.Sprintf("%s is an Aspire AppHost: it starts the other projects during development and is not an app to put in an image (each service gets its own spec)", pr.Path))
		}
	}
	pr, ok := dotnetMainProject(p)
	if ok && !pr.Exe {
		c.Notes = append(c.Notes, fmt.Sprintf("%s is a library (no Microsoft.NET.Sdk.Web and no <OutputType>Exe</OutputType>): publish needs an app project", pr.Path))
	}
	if ok && len(pr.TFMs) > 0 && !slices.Contains(pr.TFMs, "net"+c.Version.Value) {
		c.Notes = append(c.Notes, fmt.Sprintf("%s: the project targets %s, not net%s: the image publishes with -f net%s, which fails until <TargetFramework> is net%s (retarget the project; an app from before .NET 5 usually needs its packages updated too)", pr.TFMFrom, strings.Join(pr.TFMs, ";"), c.Version.Value, c.Version.Value, c.Version.Value))
	}
	if ok && pr.AOT != "" {
		c.AOT = Detected{Value: "true", From: pr.AOT}
		c.Notes = append(c.Notes, fmt.Sprintf("%s: <PublishAot>true</PublishAot>: build.aot publishes a native executable for the target's runtime identifier on the AOT SDK image and runs it on runtime-deps (no .NET runtime in the image)", pr.AOT))
	}
	if g, ok := fromFile("global.json", dotnetGlobalSDK)(p); ok && c.Version.Found() && g.Value != c.Version.Value && !strings.HasPrefix(c.Version.From, "global.json") {
		c.Notes = append(c.Notes, fmt.Sprintf("%s pins SDK %s, but the builder is the %s SDK image (the app's target, %s): restore fails unless global.json's rollForward accepts a %s SDK (an SDK never rolls back) — align the two", g.From, g.Value, c.Version.Value, c.Version.From, c.Version.Value))
	}
	if !c.HealthFlag.Found() {
		if m, ok := p.scan(dotnetCodeFiles(p, c), dotnetRouteRE); ok {
			why := "but"
			if dotnetDevOnly(p, m.From) {
				why = "only in the Development environment (an IsDevelopment() check just before it), not in the image's Production one, and"
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%s serves %s, %s the runtime images have no HTTP client to probe it: no healthcheck; make the app probe itself when run with --healthcheck (as examples/dotnet does) to get one", m.From, m.Value, why))
		} else {
			var read []string
			for _, f := range dotnetCodeFiles(p, c) {
				if p.exists(f) && !strings.HasSuffix(f, ".json") {
					read = append(read, f)
				}
			}
			where := "the app's code"
			if len(read) > 0 {
				where = strings.Join(read, ", ")
			}
			c.Notes = append(c.Notes, fmt.Sprintf("no health endpoint found (no MapHealthChecks, no --healthcheck argument in %s): no healthcheck", where))
		}
	}
	ls := path.Join(path.Dir(c.Main.Value), "Properties/launchSettings.json")
	if data, ok := p.read(ls); ok {
		if name, port, line, ok := dotnetKestrelURL(data); ok && port != c.Port.Value {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: the Kestrel profile %q listens on port %s for dotnet run only; in the image the app listens on ASPNETCORE_HTTP_PORTS, the spec's port (%s)", at(ls, line), name, port, c.Port.Value))
		}
	}
}

// dotnetDevOnly reports that the line at from ("file:line") follows an
// IsDevelopment() check within the few lines before it (Aspire's
// ServiceDefaults map their health checks in Development only).
func dotnetDevOnly(p *project, from string) bool {
	file, l, ok := strings.Cut(from, ":")
	n, err := strconv.Atoi(l)
	data, read := p.read(file)
	if !ok || err != nil || !read {
		return false
	}
	lines := strings.Split(string(data), "\n")
	for i := max(0, n-8); i < n-1 && i < len(lines); i++ {
		if strings.Contains(lines[i], "IsDevelopment()") {
			return true
		}
	}
	return false
}
