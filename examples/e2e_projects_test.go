//go:build e2e

package examples

// TestE2EProjects: the real project layouts of the corpus
// (generator/testdata/projects, each modelled on a public project) that say
// `engine: true` in their NAME.fixture.yaml are taken as a new user would
// take them: 'dockergen init --yes DIR' on a copy, the generated run.sh
// builds the image, and it runs with exactly the generated run settings
// (read-only root, no capabilities, the generated seccomp profile,
// no-new-privileges, the non-root user, the limits), published on a free
// port of this host. The fixture's probe path must answer 2xx from the
// host, the healthcheck (if the image has one) must turn healthy, and the
// container must still be running. The rows go into the report's "Real
// project layouts" section.
//
// E2E_PROJECTS names another corpus directory (the same layout: NAME/ and
// NAME.fixture.yaml); E2E_ONLY selects fixtures as "projects/NAME".

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/dockergen/dockergen/cmd/dockergen/cli"
	"github.com/dockergen/dockergen/generator"
)

// projectsDir is the corpus: generator/testdata/projects unless
// E2E_PROJECTS says otherwise.
var projectsDir = envOr("E2E_PROJECTS", filepath.Join("..", "generator", "testdata", "projects"))

// layoutFixture is NAME.fixture.yaml (generator/projects_test.go reads the
// same file for TestProjects; the e2e uses engine and probe).
type layoutFixture struct {
	From     []string `yaml:"from"`
	Layout   string   `yaml:"layout"`
	Stack    string   `yaml:"stack"`
	Engine   bool     `yaml:"engine"`
	NotBuilt string   `yaml:"notBuilt"`
	Probe    string   `yaml:"probe"`
	Warnings []string `yaml:"warnings"`
}

// layoutRow is one line of the report's "Real project layouts" section.
type layoutRow struct {
	Project    string  `json:"project"`
	Stack      string  `json:"stack"`
	Base       string  `json:"base,omitempty"`
	Runtime    string  `json:"runtime,omitempty"`
	Port       int     `json:"port,omitempty"`
	Probe      string  `json:"probe"`
	Result     string  `json:"result"`
	Status     int     `json:"http_status,omitempty"`
	Health     string  `json:"health,omitempty"`
	ImageBytes int64   `json:"image_bytes,omitempty"`
	BuildSec   float64 `json:"build_s"`
	AnswerSec  float64 `json:"answer_s"`
	TotalSec   float64 `json:"total_s"`
}

var (
	layoutMu   sync.Mutex
	layoutRows []layoutRow
)

func addLayoutRow(r layoutRow) {
	layoutMu.Lock()
	defer layoutMu.Unlock()
	layoutRows = append(layoutRows, r)
}

// loadLayoutFixture reads NAME.fixture.yaml strictly.
func loadLayoutFixture(file string) (layoutFixture, error) {
	var f layoutFixture
	data, err := os.ReadFile(file)
	if err != nil {
		return f, fmt.Errorf("%v (every project of the corpus needs one)", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("%s: %v", file, err)
	}
	if f.Stack == "" {
		return f, fmt.Errorf("%s: stack: required", file)
	}
	if f.Probe == "" {
		f.Probe = "/"
	}
	if !strings.HasPrefix(f.Probe, "/") {
		return f, fmt.Errorf("%s: probe: %q is not an HTTP path (it starts with /)", file, f.Probe)
	}
	return f, nil
}

// engineProjects lists the corpus' projects whose fixture says engine: true,
// by name, and fails the test on a project without a readable fixture.
func engineProjects(t *testing.T) (names []string, fixtures map[string]layoutFixture) {
	t.Helper()
	entries, err := os.ReadDir(projectsDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	fixtures = map[string]layoutFixture{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		fx, err := loadLayoutFixture(filepath.Join(projectsDir, e.Name()+".fixture.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if fx.Engine {
			names = append(names, e.Name())
			fixtures[e.Name()] = fx
		}
	}
	return names, fixtures
}

func TestE2EProjects(t *testing.T) {
	requireEngine(t)
	names, fixtures := engineProjects(t)
	if len(names) == 0 {
		t.Skipf("no project of the corpus in %s says engine: true in its NAME.fixture.yaml: nothing to build", projectsDir)
	}
	ran := 0
	for _, name := range names {
		if !onlyRE.MatchString("projects/" + name) {
			continue
		}
		ran++
		fx := fixtures[name]
		t.Run(name, func(t *testing.T) {
			r := layoutRow{Project: name, Stack: fx.Stack, Probe: fx.Probe, Result: "failed"}
			start := time.Now()
			defer func() {
				r.TotalSec = time.Since(start).Seconds()
				if !t.Failed() && !t.Skipped() {
					r.Result = "passed"
				}
				if !t.Skipped() {
					t.Logf("%s: %s in %.1fs (build %.1fs, answer %.1fs after start)", name, r.Result, r.TotalSec, r.BuildSec, r.AnswerSec)
				}
				addLayoutRow(r)
			}()
			runProject(t, name, fx, &r)
		})
	}
	if ran == 0 {
		t.Skipf("E2E_ONLY excludes every engine project (%s)", strings.Join(names, ", "))
	}
}

// runProject is one fixture, start to finish.
func runProject(t *testing.T, name string, fx layoutFixture, r *layoutRow) {
	// The copy keeps the project's directory name: a project without a name
	// of its own is named after it, as in its detect.json.
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(projectsDir, name))); err != nil {
		t.Fatal(err)
	}

	// 1. What a new user runs: the real CLI, every default.
	var out bytes.Buffer
	if code := cli.Main([]string{"init", "--yes", dir}, strings.NewReader(""), &out, &out); code != 0 {
		t.Fatalf("dockergen init --yes: exit %d\n%s", code, out.String())
	}
	specPath := filepath.Join(dir, "dockergen.yaml")
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := generator.LoadSpec(specPath, data)
	if err != nil {
		t.Fatal(err)
	}
	if spec.Stack != fx.Stack {
		t.Errorf("init --yes chose stack %s, the fixture says %s", spec.Stack, fx.Stack)
	}
	r.Base = spec.Base
	if len(spec.Ports) == 0 {
		t.Fatalf("the spec init wrote publishes no port: nothing to probe\n%s", data)
	}
	r.Port = spec.Ports[0]

	// A base image that is neither here (a stand-in of .ci/standins.sh)
	// nor pulled: the project cannot be built here, and the row says why.
	df, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	images, err := fromImages(df)
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range images {
		if _, err := dockerErr("image", "inspect", img); err != nil && !pullMode {
			r.Result = "not built here: no stand-in for " + img + " (.ci/standins.sh has none; E2E_PULL=1 pulls it where a registry is reachable)"
			t.Skip(r.Result)
		}
	}

	tag := "dg-e2e-project-" + name
	image, container := tag+":test", tag
	pull := "PULL=0"
	if pullMode {
		pull = "PULL=1"
	}
	t.Cleanup(func() {
		dockerErr("rm", "-f", container)
		dockerErr("rmi", "-f", image)
	})

	// 2. The generated run.sh builds it, from scratch (no layer of an
	// earlier run counts; BuildKit's cache mounts, the module and package
	// caches, stay).
	buildLog, took := runScript(t, dir, []string{pull, "IMAGE=" + image, "CONTAINER=" + container}, "build", "--no-cache", "--progress=plain")
	r.BuildSec = took.Seconds()
	r.ImageBytes, _, _ = imageInfo(t, image)
	if builder, runtimeImage, _, err := stackImages(spec); err == nil {
		r.Runtime = runtimeOf(builder, runtimeImage)
	}

	// 3. It runs with the generated run settings, flag for flag what run.sh
	// runs, but each port published on a free port of this host (another
	// run may hold the app's own).
	rs := generator.NewRunSettings(spec, ".")
	runSh, err := os.ReadFile(filepath.Join(dir, "run.sh"))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "--detach", "--name", container}
	hostPort := map[int]int{}
	for _, f := range rs.Flags {
		quoted := make([]string, len(f))
		for i, w := range f {
			quoted[i] = generator.ShellQuote(w)
		}
		if !strings.Contains(string(runSh), strings.Join(f, " ")) && !strings.Contains(string(runSh), strings.Join(quoted, " ")) {
			t.Fatalf("run.sh does not run with %q, which the run settings have: the test would not run what was generated", strings.Join(f, " "))
		}
		if f[0] == "--publish" {
			cp := spec.Ports[len(hostPort)]
			hostPort[cp] = freePort(t)
			f = []string{"--publish", fmt.Sprintf("%s:%d:%d", generator.PublishHost, hostPort[cp], cp)}
		}
		args = append(args, f...)
	}
	if len(hostPort) != len(spec.Ports) {
		t.Fatalf("the run settings publish %d ports, the spec has %v", len(hostPort), spec.Ports)
	}
	args = append(args, image)
	dockerErr("rm", "-f", container)
	run := exec.Command(dockerBin, args...)
	run.Dir = dir // seccomp=seccomp.json is relative to the output directory
	if o, err := run.CombinedOutput(); err != nil {
		t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, o)
	}
	started := time.Now()

	// 4. From outside: the probe path answers 2xx on the published port.
	url := fmt.Sprintf("http://127.0.0.1:%d%s", hostPort[spec.Ports[0]], fx.Probe)
	status, err := http2xx(url, 90*time.Second)
	r.Status = status
	if err != nil {
		logs, _ := dockerErr("logs", container)
		state, _ := dockerErr("inspect", "--format", "{{json .State}}", container)
		t.Fatalf("%v\ncontainer state: %s\ncontainer log:\n%s\ninit said:\n%s\nbuild log (tail):\n%s", err, state, tail(logs, 40), out.String(), tail(buildLog, 20))
	}
	r.AnswerSec = time.Since(started).Seconds()

	// 5. Healthy when the image has a healthcheck, and still running.
	r.Health = "none"
	if rs.Health != nil {
		waitHealthy(t, container, 120*time.Second)
		r.Health = "healthy"
		if _, err := http2xx(url, 10*time.Second); err != nil {
			t.Errorf("healthy, but no longer answering: %v", err)
		}
	}
	state := strings.TrimSpace(docker(t, "inspect", "--format", "{{.State.Status}} {{.RestartCount}} {{.HostConfig.ReadonlyRootfs}}", container))
	if state != "running 0 true" {
		logs, _ := dockerErr("logs", container)
		t.Errorf("status, restarts, read-only root = %q, want \"running 0 true\"\n%s", state, tail(logs, 40))
	}
	st := procStatus(t, container)
	uid := strconv.Itoa(spec.User.UID)
	if st["Uid"] != strings.Repeat(uid+" ", 3)+uid || st["CapEff"] != "0000000000000000" || st["NoNewPrivs"] != "1" || st["Seccomp"] != "2" {
		t.Errorf("PID 1: Uid=%s CapEff=%s NoNewPrivs=%s Seccomp=%s, want the spec's user, no capabilities, no-new-privileges and the profile",
			st["Uid"], st["CapEff"], st["NoNewPrivs"], st["Seccomp"])
	}
}

// http2xx fetches url until it answers 2xx or the deadline passes, and
// returns the last status.
func http2xx(url string, within time.Duration) (int, error) {
	deadline := time.Now().Add(within)
	c := http.Client{Timeout: 3 * time.Second}
	var last error
	status := 0
	for time.Now().Before(deadline) {
		resp, err := c.Get(url)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			status = resp.StatusCode
			if status >= 200 && status < 300 {
				return status, nil
			}
			last = fmt.Errorf("status %d", status)
		} else {
			last = err
		}
		time.Sleep(500 * time.Millisecond)
	}
	return status, fmt.Errorf("%s did not answer 2xx within %s: %v", url, within, last)
}

// nextPort is where freePort looks next: 18xxx, away from the ports the
// examples' rows publish (their own, 8080 and up).
var nextPort struct {
	sync.Mutex
	n int
}

// freePort returns a port of 127.0.0.1 nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	nextPort.Lock()
	defer nextPort.Unlock()
	if nextPort.n == 0 {
		nextPort.n = 18400
	}
	for ; nextPort.n < 18999; nextPort.n++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", nextPort.n))
		if err == nil {
			l.Close()
			nextPort.n++
			return nextPort.n - 1
		}
	}
	t.Fatal("no free port in 18400-18998")
	return 0
}

// projectsSection is the report's "Real project layouts" section, empty
// when no fixture ran.
func projectsSection() string {
	layoutMu.Lock()
	defer layoutMu.Unlock()
	if len(layoutRows) == 0 {
		return ""
	}
	rows := slices.Clone(layoutRows)
	slices.SortFunc(rows, func(a, b layoutRow) int { return strings.Compare(a.Project, b.Project) })
	var b strings.Builder
	b.WriteString("\n## Real project layouts\n\n")
	b.WriteString("Each project of the corpus (`generator/testdata/projects`, modelled on the public project its `NAME.fixture.yaml` names) whose dependencies come from the Go module proxy or npm, taken as a new user would (TestE2EProjects): `dockergen init --yes` on a copy, built with the generated `run.sh`, run with exactly the generated run settings (ports published on a free port of this host), its probe path fetched from the host, its healthcheck waited for. **answer s**: from `docker run` to the first 2xx; **total s**: init, build, run and checks.\n\n")
	b.WriteString("| project | stack | base | runtime (real version) | port | probe | result | HTTP | health | size MB | build s | answer s | total s |\n")
	b.WriteString("|---|---|---|---|---:|---|---|---:|---|---:|---:|---:|---:|\n")
	for _, r := range rows {
		if r.ImageBytes == 0 {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | `%s` | %s | | | | | | |\n", r.Project, r.Stack, r.Base, r.Runtime, r.Port, r.Probe, r.Result)
			continue
		}
		status := ""
		if r.Status != 0 {
			status = strconv.Itoa(r.Status)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | `%s` | %s | %s | %s | %.1f | %.1f | %.1f | %.1f |\n",
			r.Project, r.Stack, r.Base, r.Runtime, r.Port, r.Probe, r.Result, status, r.Health, float64(r.ImageBytes)/1e6, r.BuildSec, r.AnswerSec, r.TotalSec)
	}
	b.WriteString(notBuiltSection())
	return b.String()
}

// unreachableRegistry names, per stack, the package registry its projects'
// dependencies come from that this machine does not reach; the corpus'
// projects of these stacks say engine: false.
var unreachableRegistry = map[string]string{
	"java-maven":  "Maven Central",
	"java-gradle": "Maven Central and the Gradle plugin portal",
	"dotnet":      "NuGet",
	"ruby":        "RubyGems",
	"php":         "Packagist",
	"python":      "PyPI",
	"rust":        "crates.io",
}

// notBuiltSection lists the corpus' projects the e2e does not build, by
// stack, with why and what checks them instead.
func notBuiltSection() string {
	entries, err := os.ReadDir(projectsDir)
	if err != nil {
		return ""
	}
	byStack := map[string][]string{}
	var own []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		fx, err := loadLayoutFixture(filepath.Join(projectsDir, e.Name()+".fixture.yaml"))
		if err != nil || fx.Engine {
			continue
		}
		if fx.NotBuilt != "" {
			own = append(own, fmt.Sprintf("| %s | %s | %s |\n", e.Name(), fx.Stack, fx.NotBuilt))
			continue
		}
		byStack[fx.Stack] = append(byStack[fx.Stack], e.Name())
	}
	if len(byStack) == 0 && len(own) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\nNot built here: the projects below get their dependencies from a registry this machine does not reach. `make test` checks each one's `detect` JSON, the files `init --yes` writes (golden, re-parsed by BuildKit's parser and compose-go) and the safety net on its own files; the examples of their stacks are built on Debian's packages (the stand-ins) in the table above.\n\n")
	b.WriteString("| stack | registry | projects |\n|---|---|---|\n")
	stacks := slices.Sorted(maps.Keys(byStack))
	for _, st := range stacks {
		reg := unreachableRegistry[st]
		if reg == "" {
			reg = "(none: give the fixture a notBuilt reason)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", st, reg, strings.Join(byStack[st], ", "))
	}
	if len(own) > 0 {
		b.WriteString("\nNot run here for a reason of their own (their fixture's `notBuilt`):\n\n| project | stack | why |\n|---|---|---|\n")
		b.WriteString(strings.Join(own, ""))
	}
	return b.String()
}
