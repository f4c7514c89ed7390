package generator

import (
	"slices"
	"strings"
	"testing"
)

// TestDotnetKestrelURL: the launchSettings.json note quotes the Kestrel
// profile (commandName Project), its http URL, not IIS Express's block
// that comes first in the file.
func TestDotnetKestrelURL(t *testing.T) {
	ls := `{
  "iisSettings": {
    "iisExpress": {
      "applicationUrl": "http://localhost:21862",
      "sslPort": 44324
    }
  },
  "profiles": {
    "IIS Express": {
      "commandName": "IISExpress"
    },
    "https": {
      "commandName": "Project",
      "applicationUrl": "https://localhost:7253;http://localhost:5181"
    },
    "http": {
      "commandName": "Project",
      "applicationUrl": "http://localhost:5181"
    }
  }
}`
	name, port, line, ok := dotnetKestrelURL([]byte(ls))
	if !ok || name != "https" || port != "5181" || line != 14 {
		t.Errorf("got %q %q line %d %v; want the first Kestrel profile, https, its http port 5181, line 14", name, port, line, ok)
	}
	if _, _, _, ok := dotnetKestrelURL([]byte(`{"profiles": {"IIS Express": {"commandName": "IISExpress"}}}`)); ok {
		t.Error("an IIS Express profile was taken for Kestrel's")
	}
	if _, _, _, ok := dotnetKestrelURL([]byte(`{`)); ok {
		t.Error("broken JSON gave a URL")
	}
}

// TestDotnetProjectsDeep: a solution's projects are found down to four
// directories; the Web SDK project wins over an Aspire AppHost (Exe) and
// libraries, *.Tests projects are tests even without the Test SDK, and
// Directory.Build.props (the nearest above the project) gives the target
// framework and PublishAot the project does not set.
func TestDotnetProjectsDeep(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"Shop.slnx":                 "<Solution />",
		"Directory.Build.props":     "<Project>\n  <PropertyGroup>\n    <TargetFramework>net9.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n",
		"src/Directory.Build.props": "<Project>\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n\n    <PublishAot>true</PublishAot>\n  </PropertyGroup>\n</Project>\n",
		"src/Services/Ordering/Ordering.API/Ordering.API.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`,
		"src/AppHost/AppHost.csproj":                             `<Project Sdk="Aspire.AppHost.Sdk/9.5.0"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>`,
		"src/Worker/Worker.csproj":                               `<Project Sdk="Microsoft.NET.Sdk.Worker"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>`,
		"tests/Ordering.UnitTests/Ordering.UnitTests.csproj":     `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`,
		"src/Api/bin/Release/net10.0/Api.csproj":                 `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`,
		"a/b/c/d/e/Deep.csproj":                                  `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`,
	})
	d, err := Detect(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := d.Best()
	if c.Main.Value != "src/Services/Ordering/Ordering.API/Ordering.API.csproj" {
		t.Errorf("main %q", c.Main.Value)
	}
	var mains []string
	for _, m := range c.Mains {
		mains = append(mains, m.Value)
	}
	if !slices.Equal(mains, []string{"src/Services/Ordering/Ordering.API/Ordering.API.csproj", "src/Worker/Worker.csproj"}) {
		t.Errorf("mains %q (no AppHost, no tests, nothing under bin/ or five levels down)", mains)
	}
	if c.Version.Value != "10.0" || c.Version.From != "src/Directory.Build.props:3" {
		t.Errorf("version %+v; want 10.0 from the nearest Directory.Build.props", c.Version)
	}
	if c.AOT.Value != "true" || c.AOT.From != "src/Directory.Build.props:5" {
		t.Errorf("aot %+v", c.AOT)
	}
	s := c.Spec()
	s.Defaults()
	if !s.Build.AOT {
		t.Error("the spec does not publish with Native AOT")
	}
	if !hasNote(c, "src/AppHost/AppHost.csproj is an Aspire AppHost") {
		t.Errorf("no AppHost note: %q", c.Notes)
	}
}

// TestDotnetHealthNote: MapHealthChecks's path is named (with a warning
// when it is mapped in Development only); an app with none says so.
func TestDotnetHealthNote(t *testing.T) {
	web := `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`
	for _, c := range []struct {
		program, want string
	}{
		{"var app = builder.Build();\napp.MapHealthChecks(\"/healthz\");\napp.Run();\n", `Program.cs:2 serves /healthz, but the runtime images`},
		{"if (app.Environment.IsDevelopment())\n{\n    app.MapHealthChecks(\"/ready\");\n}\n", `Program.cs:3 serves /ready, only in the Development environment`},
		{"app.MapGet(\"/\", () => \"Hello World!\");\n", "no health endpoint found"},
	} {
		d, err := Detect(writeProject(t, map[string]string{"Api.csproj": web, "Program.cs": c.program}))
		if err != nil {
			t.Fatal(err)
		}
		if !hasNote(d.Best(), c.want) {
			t.Errorf("%q: notes %q, want %q", c.program, d.Best().Notes, c.want)
		}
	}
}

// TestDotnetAOT: build.aot builds on the -aot SDK image (.NET 10 on) or
// installs clang on the plain SDK (8.0, 9.0), restores and publishes for a
// runtime identifier, runs the native executable on runtime-deps, and is
// refused before .NET 8 and for other stacks.
func TestDotnetAOT(t *testing.T) {
	for _, c := range []struct {
		version, base, builder, runtime string
		clang                           bool
	}{
		{"10.0", BaseDistroless, "mcr.microsoft.com/dotnet/sdk:10.0-noble-aot", "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", false},
		{"10.0", BaseSlim, "mcr.microsoft.com/dotnet/sdk:10.0-noble-aot", "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble", false},
		{"10.0", BaseAlpine, "mcr.microsoft.com/dotnet/sdk:10.0-alpine3.24-aot", "mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine3.24", false},
		{"8.0", BaseSlim, "mcr.microsoft.com/dotnet/sdk:8.0-noble", "mcr.microsoft.com/dotnet/runtime-deps:8.0-noble", true},
	} {
		s := &Spec{APIVersion: APIVersion, Name: "todos", Stack: "dotnet", Version: c.version, Base: c.base, Main: "Todos.csproj", Build: Build{AOT: true}}
		s.Defaults()
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatalf("%s %s: %v", c.version, c.base, errs)
		}
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		df := string(files["Dockerfile"])
		for _, want := range []string{"FROM " + c.builder + " AS build", "FROM " + c.runtime + "\n", `dotnet restore Todos.csproj -r "$rid" -p:PublishAot=true`,
			`-o /out --no-restore -r "$rid" -p:PublishAot=true`, `mv "$1" /out/todos`, `ENTRYPOINT ["/app/todos"]`} {
			if !strings.Contains(df, want) {
				t.Errorf("%s %s: the Dockerfile lacks %q", c.version, c.base, want)
			}
		}
		if strings.Contains(df, "set -- /out/*.runtimeconfig.json") || strings.Contains(df, "aspnet:") {
			t.Errorf("%s %s: an AOT image looks for a runtimeconfig.json or runs on aspnet", c.version, c.base)
		}
		if strings.Contains(df, "clang") != c.clang {
			t.Errorf("%s %s: clang installed = %v, want %v", c.version, c.base, !c.clang, c.clang)
		}
	}
	for _, s := range []*Spec{
		{APIVersion: APIVersion, Name: "todos", Stack: "dotnet", Version: "6.0", Main: "Todos.csproj", Build: Build{AOT: true}},
		{APIVersion: APIVersion, Name: "svc", Stack: "java-maven", Build: Build{AOT: true}},
	} {
		s.Defaults()
		errs := s.Validate()
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), "build.aot") {
			t.Errorf("%s %s with build.aot: %v", s.Stack, s.Version, errs)
		}
	}
}
