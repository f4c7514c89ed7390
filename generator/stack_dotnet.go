package generator

import (
	"fmt"
	"path"
	"regexp"
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
	AOT:         true,
	CheckMain:   dotnetCheckMain,
	Check:       dotnetCheck,
	Label: func(s *Spec) string {
		if s.Build.AOT {
			return fmt.Sprintf("dotnet %s Native AOT", s.Version)
		}
		return "dotnet " + s.Version
	},
	Entry: func(s *Spec, _ string) []string {
		return []string{path.Join(s.Workdir, s.Name)}
	},
	Doc: stackDoc{
		Reads: []docRead{
			{"`*.csproj`/`*.fsproj`/`*.vbproj` (at the root, in `*/` and `src/*/`, and down to 4 levels), `*.sln`/`*.slnx`", "TargetFramework, AssemblyName, the Web SDK project first (Aspire AppHosts and test projects left out), PublishAot (`build.aot`)"},
			{"`Directory.Build.props`, `global.json`", "TargetFramework and PublishAot when the project does not set them; the SDK version"},
			{"`Properties/launchSettings.json`, `Program.cs`", "the Kestrel profile's port (in a note); `MapHealthChecks(\"...\")` paths"},
		},
		DetectedFrom: "`*.csproj`/`*.fsproj` down to 4 levels (TargetFramework, AssemblyName, Web SDK, PublishAot), `Directory.Build.props`, `*.sln`, `global.json`, `launchSettings.json` (Kestrel profile)",
		Runtime:      "`dotnet publish` of the project, the aspnet image; `build.aot`: Native AOT on the `-aot` SDK, runtime-deps",
		BaseNotes:    map[string]string{BaseDistroless: "Ubuntu chiseled"},
	},
	Detector: dotnetDetector,
}

// dotnetImages returns the SDK and ASP.NET Core runtime images of a .NET
// release on a base: Ubuntu (noble by default) for slim, its chiseled
// variant for distroless, Alpine for alpine.
func dotnetImages(r release) (string, string, string, error) {
	const repo = "mcr.microsoft.com/dotnet/"
	if r.AOT {
		return dotnetAOTImages(r)
	}
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

// dotnetAOTImages returns the images of a Native AOT build: the SDK's -aot
// variant (clang and the native libraries the AOT compiler links; .NET 10
// on, earlier lines had it only as nightly images, so their build installs
// clang on the plain SDK) and runtime-deps, the base without .NET (its
// chiseled variant for distroless).
func dotnetAOTImages(r release) (string, string, string, error) {
	const repo = "mcr.microsoft.com/dotnet/"
	aot := ""
	if dotnetAOTSDK(r.Version) {
		aot = "-aot"
	}
	switch r.Base {
	case BaseSlim:
		return images(r, "", img{repo + "sdk", "{version}-{ubuntu}" + aot, nil}, img{repo + "runtime-deps", "{version}-{ubuntu}", nil})
	case BaseAlpine:
		return images(r, "", img{repo + "sdk", "{version}-alpine{alpine}" + aot, nil}, img{repo + "runtime-deps", "{version}-alpine{alpine}", nil})
	case BaseDistroless:
		return images(r, "", img{repo + "sdk", "{version}-{ubuntu}" + aot, nil}, img{repo + "runtime-deps", "{version}-{ubuntu}-chiseled", nil})
	}
	return "", "", "", errNoBase
}

// dotnetAOTSDK reports that a .NET line has the -aot SDK image (10.0 on).
func dotnetAOTSDK(version string) bool {
	major, _, _ := strings.Cut(version, ".")
	n, err := strconv.Atoi(major)
	return err == nil && n >= 10
}

// dotnetCheck refuses Native AOT where ASP.NET Core has none (before 8.0).
func dotnetCheck(s *Spec, bad func(field, format string, args ...any)) {
	major, _, _ := strings.Cut(s.Version, ".")
	if n, err := strconv.Atoi(major); s.Build.AOT && err == nil && n < 8 {
		bad("build.aot", "Native AOT of an ASP.NET Core app needs .NET 8.0 or later (allowed: false for version %s)", s.Version)
	}
}
