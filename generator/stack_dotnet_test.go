package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDotnetCheckMain: main is a project file path inside the context, and
// nothing else gets through (it is written unquoted into RUN steps).
func TestDotnetCheckMain(t *testing.T) {
	for _, ok := range []string{"App.csproj", "src/Api/Api.csproj", "Worker.fsproj", "src/Legacy.Web/Legacy.Web.vbproj", "a_b/c-d.e/F+G.csproj"} {
		if msg := dotnetCheckMain(&Spec{Main: ok}); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", ".", "Api", "Program.cs", "src/Api/", "./Api.csproj", "../Api.csproj", "src/../Api.csproj", "/src/Api.csproj",
		"-x.csproj", "src/-x/Api.csproj", "Api.csproj ", "a b.csproj", "a;b.csproj", "$(id).csproj", "`id`.csproj", "a\n.csproj", "Api.csproj\nRUN id", ".csproj", "src//Api.csproj", "*.csproj"} {
		if msg := dotnetCheckMain(&Spec{Main: bad}); msg == "" {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestDotnetImages: the tag of every version × base, and the combinations
// Microsoft does not publish.
func TestDotnetImages(t *testing.T) {
	for _, c := range []struct{ v, base, distro, builder, runtime string }{
		{"10.0", BaseSlim, "", "sdk:10.0-noble", "aspnet:10.0-noble"},
		{"10.0", BaseAlpine, "", "sdk:10.0-alpine3.24", "aspnet:10.0-alpine3.24"},
		{"10.0", BaseDistroless, "", "sdk:10.0-noble", "aspnet:10.0-noble-chiseled"},
		{"10.0", BaseDistroless, "resolute", "sdk:10.0-resolute", "aspnet:10.0-resolute-chiseled"},
		{"11.0", BaseSlim, "", "sdk:11.0-noble", "aspnet:11.0-noble"},
		{"8.0", BaseSlim, "", "sdk:8.0-noble", "aspnet:8.0-noble"},
		{"6.0", BaseDistroless, "jammy", "sdk:6.0-jammy", "aspnet:6.0-jammy-chiseled"},
	} {
		b, r, interp, err := imagesFor(stacks["dotnet"], c.v, c.base, c.distro)
		if err != nil || b != "mcr.microsoft.com/dotnet/"+c.builder || r != "mcr.microsoft.com/dotnet/"+c.runtime || interp != "" {
			t.Errorf("%s %s: %q %q %q %v", c.v, c.base, b, r, interp, err)
		}
	}
	if _, _, _, err := imagesFor(stacks["dotnet"], "10.0", BaseScratch, ""); err == nil {
		t.Error("scratch has no .NET runtime")
	}
	if got := stacks["dotnet"].distros("10.0", BaseSlim, ""); strings.Join(got, " ") != "resolute noble" {
		t.Errorf("distros of .NET 10 on slim = %q, want resolute and noble (no Debian image)", got)
	}
	// Every version the catalog accepts has an image on slim and distroless.
	for _, v := range []string{"6.0", "8.0", "9.0", "10.0", "11.0"} {
		if !stacks["dotnet"].VersionRE.MatchString(v) {
			t.Errorf("version %s refused", v)
		}
	}
	for _, v := range []string{"5.0", "8", "8.0.1", "net8.0", "12.0"} {
		if stacks["dotnet"].VersionRE.MatchString(v) {
			t.Errorf("version %s accepted", v)
		}
	}
}

func TestDotnetTFMVersion(t *testing.T) {
	for _, c := range []struct {
		tfms []string
		want string
	}{
		{[]string{"net8.0"}, "8.0"},
		{[]string{"net6.0", "net8.0"}, "8.0"},
		{[]string{"net9.0", "netstandard2.0"}, "9.0"},
		{[]string{"net10.0"}, "10.0"},
		{[]string{"net8.0-windows"}, "8.0"},
		{[]string{"netcoreapp3.1"}, "netcoreapp3.1"}, // reported as unusable by fill
		{[]string{"net48"}, "net48"},
	} {
		if got, ok := dotnetTFMVersion(c.tfms); !ok || got != c.want {
			t.Errorf("%v: %q %v, want %q", c.tfms, got, ok, c.want)
		}
	}
	if _, ok := dotnetTFMVersion(nil); ok {
		t.Error("no framework gives no version")
	}
}

// TestDotnetDetectedSpec: what init proposes for the example runs the
// renamed apphost, and its --healthcheck probe, from /app.
func TestDotnetDetectedSpec(t *testing.T) {
	d, err := Detect(filepath.Join("..", "examples", "dotnet"))
	if err != nil {
		t.Fatal(err)
	}
	s := d.Best().Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if !slices.Equal(s.Healthcheck.Command, []string{"/app/hello-dotnet", "--healthcheck"}) {
		t.Errorf("healthcheck %q", s.Healthcheck.Command)
	}
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(files["Dockerfile"])
	for _, want := range []string{
		"dotnet restore src/HelloDotnet/HelloDotnet.csproj\n",
		"dotnet publish src/HelloDotnet/HelloDotnet.csproj -c Release -f net10.0 -o /out --no-restore -p:UseAppHost=true",
		`mv "$app" /out/hello-dotnet`,
		`ENTRYPOINT ["/app/hello-dotnet"]`,
		`CMD ["/app/hello-dotnet", "--healthcheck"]`,
		"COPY --from=projects /projects/ ./",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
}

// TestDotnetMarkers: a project file is found at the root, one directory
// down or in src/*/ (the evidence names the files), but not deeper.
func TestDotnetMarkers(t *testing.T) {
	write := func(dir, name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	web := `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>`
	for _, c := range []struct{ file, main string }{
		{"Api.csproj", "Api.csproj"},
		{"Api/Api.csproj", "Api/Api.csproj"},
		{"src/Api/Api.csproj", "src/Api/Api.csproj"},
	} {
		dir := t.TempDir()
		write(dir, c.file, web)
		d, err := Detect(dir)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		cand := d.For("dotnet")
		if cand == nil || !slices.Equal(cand.Evidence, []string{c.file}) || cand.Main.Value != c.main || cand.Version.Value != "9.0" {
			t.Errorf("%s: %+v", c.file, cand)
		}
	}
	dir := t.TempDir()
	write(dir, "services/api/src/Api/Api.csproj", web)
	if _, err := Detect(dir); !IsNoProject(err) {
		t.Errorf("a project four levels down and no solution: %v, want no project", err)
	}
	if !strings.Contains((&NoProjectError{Dir: dir, LookedFor: []StackFiles{{"dotnet", dotnetDetector.markers}}}).Error(), "*.sln, *.slnx, *.csproj") {
		t.Error("the markers are not named in the error")
	}
	// init --stack dotnet there finds the project all the same.
	c, err := DetectDefaults(dir, "dotnet")
	if err != nil {
		t.Fatal(err)
	}
	if c.Main.Value != "services/api/src/Api/Api.csproj" || len(c.Notes) == 0 || !strings.Contains(c.Notes[0], "starting from dotnet's defaults") {
		t.Errorf("defaults: %+v", c)
	}
	// With a solution at the root, the project is found four levels down.
	write(dir, "Shop.sln", "")
	d, err := Detect(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m := d.Best().Main.Value; m != "services/api/src/Api/Api.csproj" {
		t.Errorf("main %q with a solution", m)
	}
	empty := t.TempDir()
	c, err = DetectDefaults(empty, "dotnet")
	if err != nil {
		t.Fatal(err)
	}
	if c.Main.Value != "App.csproj" || c.Version.Value != "10.0" {
		t.Errorf("defaults of an empty directory: %+v", c)
	}
}
