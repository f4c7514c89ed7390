//go:build e2e

package examples

// The real-engine end-to-end test: every example × base is generated, built
// with the generated run.sh, run with the generated run settings and checked
// from outside (HTTP, health, /proc/PID/status, the exported filesystem) and
// from inside (a probe started with the same flags and seccomp profile).
//
//	make e2e    # starts the engine and the stand-in base images first
//
// Environment: DOCKER (client, default /usr/bin/docker), E2E_PULL=1 (build
// with --pull against real registries, and include alpine), E2E_REPORT (the
// markdown report to write; JSON is written beside it), E2E_ONLY (a regexp of
// "stack/base" cases to run; an extra row of e2e.yaml's rows is
// "stack/base@row"), E2E_MERGE=1 (a partial run, with E2E_ONLY, replaces only
// its own rows of the report's JSON and keeps the others and their notes).

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockergen/dockergen/cmd/dockergen/cli"
	"github.com/dockergen/dockergen/generator"
	"github.com/dockergen/dockergen/profiles"
)

var (
	dockerBin = envOr("DOCKER", "/usr/bin/docker")
	pullMode  = os.Getenv("E2E_PULL") == "1"
	onlyRE    = regexp.MustCompile(envOr("E2E_ONLY", "."))
)

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// e2eCase is one example built on one base, as it is or with one of its
// e2e.yaml rows (Row nil for the example itself).
type e2eCase struct {
	Stack, Base string
	Row         *e2eRow
}

// Name is the case's test name and E2E_ONLY subject: stack/base or
// stack/base@row.
func (c e2eCase) Name() string {
	if c.Row == nil {
		return c.Stack + "/" + c.Base
	}
	return c.Stack + "/" + c.Base + "@" + c.Row.Name
}

// tagPart names the case in image and container names.
func (c e2eCase) tagPart() string {
	if c.Row == nil {
		return c.Stack + "-" + c.Base
	}
	return c.Stack + "-" + c.Base + "-" + c.Row.Name
}

// casesFor lists the stack's bases that can be built here, each as the
// example is and then with each row of its e2e.yaml that runs on it: a
// pull-only base (pullOnlyBases) runs only with E2E_PULL=1.
func casesFor(stack string, rows []e2eRow) []e2eCase {
	var cs []e2eCase
	for _, b := range generator.BasesFor(stack) {
		if pullOnlyBases[b] != "" && !pullMode {
			continue
		}
		cs = append(cs, e2eCase{Stack: stack, Base: b})
		for i := range rows {
			if rows[i].runsOn(b) {
				cs = append(cs, e2eCase{Stack: stack, Base: b, Row: &rows[i]})
			}
		}
	}
	return cs
}

// row is one line of the report.
type row struct {
	Example         string  `json:"example"`
	Base            string  `json:"base"`
	Row             string  `json:"row,omitempty"`
	Distro          string  `json:"distro,omitempty"`
	Runtime         string  `json:"runtime,omitempty"`
	RuntimeImage    string  `json:"runtime_image"`
	StandIn         bool    `json:"stand_in"`
	Result          string  `json:"result"`
	ImageBytes      int64   `json:"image_bytes"`
	Layers          int     `json:"layers"`
	ColdBuildSec    float64 `json:"cold_build_s"`
	WarmBuildSec    float64 `json:"warm_rebuild_s"`
	DepsCached      bool    `json:"deps_cached_on_rebuild"`
	SeccompAllowed  int     `json:"seccomp_allowed"`
	DockerDefault   int     `json:"docker_default_allowed"`
	BaselineBytes   int64   `json:"baseline_image_bytes"`
	BaselineWarmSec float64 `json:"baseline_warm_rebuild_s"`
	SizeRatio       float64 `json:"size_ratio"`
	RebuildRatio    float64 `json:"rebuild_ratio"`
}

var (
	reportMu sync.Mutex
	report   []row
	notes    []string
)

func addRow(r row) {
	reportMu.Lock()
	defer reportMu.Unlock()
	report = append(report, r)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if p := os.Getenv("E2E_REPORT"); p != "" && (len(report) > 0 || len(layoutRows) > 0) {
		if err := writeReport(p); err != nil {
			fmt.Fprintln(os.Stderr, "e2e report:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// mergeReport adds to this run's rows the rows of the report in jsonPath
// that this run did not make (an example × base × row, a project), and its
// notes that this run did not write again.
func mergeReport(jsonPath string) error {
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		return err
	}
	var old struct {
		Rows     []row       `json:"rows"`
		Notes    []string    `json:"notes"`
		Projects []layoutRow `json:"projects"`
	}
	if err := json.Unmarshal(data, &old); err != nil {
		return fmt.Errorf("%s: %w", jsonPath, err)
	}
	ran := map[[3]string]bool{}
	for _, r := range report {
		ran[[3]string{r.Example, r.Base, r.Row}] = true
	}
	for _, r := range old.Rows {
		if !ran[[3]string{r.Example, r.Base, r.Row}] {
			report = append(report, r)
		}
	}
	if len(layoutRows) == 0 {
		layoutRows = old.Projects
	}
	seen := map[string]bool{}
	for _, n := range notes {
		seen[n] = true
	}
	for _, n := range old.Notes {
		if !seen[n] {
			notes = append(notes, n)
		}
	}
	return nil
}

// docker runs the client and returns its combined output.
func docker(t testing.TB, args ...string) string {
	t.Helper()
	out, err := dockerErr(args...)
	if err != nil {
		t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func dockerErr(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, dockerBin, args...)
	cmd.Env = append(os.Environ(), "DOCKER_BUILDKIT=1")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// runScript runs the generated run.sh like a user would, with env added.
func runScript(t testing.TB, dir string, env []string, args ...string) (string, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "./run.sh", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "DOCKER="+dockerBin), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("run.sh %s: %v\n%s", strings.Join(args, " "), err, tail(string(out), 60))
	}
	return string(out), time.Since(start)
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func requireEngine(t *testing.T) {
	t.Helper()
	if out, err := dockerErr("info", "--format", "{{.ServerVersion}}"); err != nil {
		t.Fatalf("no Docker engine answers (%v): %s\nStart one with .ci/docker-up.sh, or run make e2e", err, out)
	}
}

// copyExample copies an example app into a fresh directory, without its
// e2e data, and runs the stack's prepare steps there.
func copyExample(t *testing.T, stack string) string {
	t.Helper()
	e := e2eFor(t, stack)
	dst := t.TempDir()
	err := filepath.Walk(stack, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(stack, p)
		if rel == e2eFile {
			return nil
		}
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, fi.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.prepare(dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

var baseLineRE = regexp.MustCompile(`(?m)^base: .*$`)

// generate rewrites the copied spec's base (and applies edit), runs
// 'dockergen generate --force' through the real CLI and returns the spec.
func generate(t *testing.T, dir, base string, edit func(string) string) *generator.Spec {
	return generateRow(t, dir, base, nil, edit)
}

// generateRow is generate with a row's spec (nil for none) merged into the
// spec after the base is set and before edit.
func generateRow(t *testing.T, dir, base string, row *e2eRow, edit func(string) string) *generator.Spec {
	t.Helper()
	specPath := filepath.Join(dir, "dockergen.yaml")
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	s := baseLineRE.ReplaceAllString(string(data), "base: "+base)
	if row != nil {
		merged, err := mergeSpec([]byte(s), &row.Spec)
		if err != nil {
			t.Fatalf("rows.%s.spec: %v", row.Name, err)
		}
		s = string(merged)
	}
	if edit != nil {
		s = edit(s)
	}
	if err := os.WriteFile(specPath, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := cli.Main([]string{"generate", "--force", "-f", specPath}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("dockergen generate: exit %d\n%s", code, errb.String())
	}
	spec, err := generator.LoadSpec(specPath, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// stepCached reports whether the BuildKit step whose header contains needle
// was answered from the cache in a --progress=plain log.
func stepCached(log, needle string) (found, cached bool) {
	ids := map[string]bool{}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, needle) && strings.HasPrefix(line, "#") {
			id, _, _ := strings.Cut(line, " ")
			ids[id] = true
		}
	}
	for _, line := range strings.Split(log, "\n") {
		id, rest, _ := strings.Cut(line, " ")
		if ids[id] && strings.TrimSpace(rest) == "CACHED" {
			return true, true
		}
	}
	return len(ids) > 0, false
}

func touchSource(t *testing.T, dir, stack string) {
	t.Helper()
	e := e2eFor(t, stack)
	p := filepath.Join(dir, e.MainFile)
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "\n%se2e: a one-line source change %d\n", e.Comment, time.Now().UnixNano())
	f.Close()
}

func imageInfo(t *testing.T, image string) (size int64, layers int, standIn bool) {
	t.Helper()
	out := docker(t, "image", "inspect", "--format", `{{.Size}} {{len .RootFS.Layers}} {{index .Config.Labels "org.dockergen.standin"}}`, image)
	f := strings.Fields(out)
	size, _ = strconv.ParseInt(f[0], 10, 64)
	layers, _ = strconv.Atoi(f[1])
	return size, layers, len(f) > 2 && f[2] == "true"
}

// httpGet fetches url until it answers 200 or the deadline passes.
func httpGet(url string, within time.Duration) (string, error) {
	deadline := time.Now().Add(within)
	c := http.Client{Timeout: 3 * time.Second}
	var last error
	for time.Now().Before(deadline) {
		resp, err := c.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return string(body), nil
			}
			last = fmt.Errorf("status %d", resp.StatusCode)
		} else {
			last = err
		}
		time.Sleep(500 * time.Millisecond)
	}
	return "", fmt.Errorf("%s did not answer 200 within %s: %v", url, within, last)
}

func waitHealthy(t *testing.T, container string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	status := ""
	for time.Now().Before(deadline) {
		status = strings.TrimSpace(docker(t, "inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", container))
		switch status {
		case "healthy":
			return
		case "unhealthy", "none":
			t.Fatalf("container health is %q; last log:\n%s", status, docker(t, "inspect", "--format", "{{json .State.Health}}", container))
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("container health still %q after %s", status, within)
}

// procStatus reads fields of /proc/PID/status on the host for a container's PID 1.
func procStatus(t *testing.T, container string) map[string]string {
	t.Helper()
	pid := strings.TrimSpace(docker(t, "inspect", "--format", "{{.State.Pid}}", container))
	data, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		t.Fatalf("reading the status of the container's PID 1 (%s) from the host: %v", pid, err)
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok {
			m[k] = strings.Join(strings.Fields(v), " ")
		}
	}
	return m
}

// exportedFiles lists the image's filesystem from the host (docker export),
// which works on distroless and scratch too.
func exportedFiles(t *testing.T, image string) []*tar.Header {
	t.Helper()
	id := strings.TrimSpace(docker(t, "create", image))
	defer dockerErr("rm", "-f", id)
	cmd := exec.Command(dockerBin, "export", id)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var hdrs []*tar.Header
	tr := tar.NewReader(stdout)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		hdrs = append(hdrs, h)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	return hdrs
}

// cacheRE matches package-manager caches and lists that must not ship.
var cacheRE = regexp.MustCompile(`^(var/lib/apt/lists/[^/]+[^k]$|var/cache/apt/.+\.(bin|deb)$|var/cache/apk/.+|root/\.npm/.+|root/\.cache/.+|go/pkg/mod/.+|root/go/pkg/mod/.+)`)

func checkFilesystem(t *testing.T, image string) {
	t.Helper()
	hdrs := exportedFiles(t, image)
	if len(hdrs) == 0 {
		t.Fatal("the exported filesystem is empty")
	}
	var setid, caches []string
	for _, h := range hdrs {
		name := strings.TrimPrefix(h.Name, "./")
		if h.Typeflag == tar.TypeReg && h.Mode&(04000|02000) != 0 {
			setid = append(setid, fmt.Sprintf("%s (%o)", name, h.Mode))
		}
		if cacheRE.MatchString(name) && !strings.HasSuffix(name, "/lock") && !strings.Contains(name, "/partial") {
			caches = append(caches, name)
		}
	}
	if len(setid) > 0 {
		t.Errorf("setuid/setgid files in the image: %v", setid)
	}
	if len(caches) > 0 {
		if len(caches) > 10 {
			caches = append(caches[:10], "…")
		}
		t.Errorf("package-manager caches or lists in the image: %v", caches)
	}
}

// probeBinary builds the static probe once.
var probeOnce struct {
	sync.Once
	path string
	err  error
}

func probePath(t *testing.T) string {
	t.Helper()
	probeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dg-probe")
		if err != nil {
			probeOnce.err = err
			return
		}
		probeOnce.path = filepath.Join(dir, "probe")
		cmd := exec.Command("go", "build", "-o", probeOnce.path, "./testdata/probe")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+runtime.GOARCH)
		if out, err := cmd.CombinedOutput(); err != nil {
			probeOnce.err = fmt.Errorf("building the probe: %v\n%s", err, out)
		}
	})
	if probeOnce.err != nil {
		t.Fatal(probeOnce.err)
	}
	return probeOnce.path
}

type probeReport struct {
	UID        int               `json:"uid"`
	GID        int               `json:"gid"`
	CapEff     string            `json:"CapEff"`
	NoNewPrivs string            `json:"NoNewPrivs"`
	Seccomp    string            `json:"Seccomp"`
	WriteRoot  string            `json:"write_root"`
	WritePaths map[string]string `json:"write_paths"`
	Denied     map[string]string `json:"denied"`
	Errors     []string          `json:"errors"`
}

// mustBeDenied are the probe's names for the calls every profile must refuse.
var mustBeDenied = []string{"ptrace_traceme", "mount", "umount2", "unshare_newuser", "unshare_newns", "setns",
	"keyctl", "add_key", "request_key", "bpf", "io_uring_setup", "perf_event_open", "userfaultfd",
	"personality", "kexec_load", "init_module", "clone_newuser_newnet"}

// runProbe starts the probe in a second container of image, with the run
// settings' flags plus extra, and returns its report.
func runProbe(t *testing.T, dir, image string, flags []string, writable []string) probeReport {
	t.Helper()
	name := fmt.Sprintf("dg-e2e-probe-%d", time.Now().UnixNano())
	args := []string{"run", "--name", name}
	args = append(args, flags...)
	args = append(args, "--volume", probePath(t)+":/dg-probe:ro", "--entrypoint", "/dg-probe", image, "-writable", strings.Join(writable, ","))
	// The probe must run with exactly the generated flags, and they name
	// seccomp.json relative to the output directory.
	cmd := exec.Command(dockerBin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	defer dockerErr("rm", "-f", name)
	if err != nil {
		t.Fatalf("probe container (docker %s): %v\n%s\n%s", strings.Join(args, " "), err, out, stderr.String())
	}
	var r probeReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("probe output is not JSON: %v\n%s", err, out)
	}
	return r
}

// probeProfile replaces the generated seccomp.json in flags with the stack's
// profile plus the calls the Go runtime of the probe needs (the go profile's
// allowed set), so that a Go probe can start under a Python or Node profile.
// Denial is checked under this superset, so every call it finds refused is
// refused by the stack's own, smaller profile too.
func probeProfile(t *testing.T, dir, stack string, flags []string) []string {
	t.Helper()
	if generator.ProfileFor(stack) == "go" {
		return flags
	}
	comp, err := profiles.For(generator.ProfileFor(stack))
	if err != nil {
		t.Fatal(err)
	}
	gop, err := profiles.For("go")
	if err != nil {
		t.Fatal(err)
	}
	union := map[string]bool{}
	for _, n := range append(append([]string{}, comp.Allowed...), gop.Allowed...) {
		union[n] = true
	}
	comp.Allowed = comp.Allowed[:0]
	for n := range union {
		comp.Allowed = append(comp.Allowed, n)
	}
	sort.Strings(comp.Allowed)
	js, err := json.Marshal(comp.Seccomp())
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "seccomp-probe.json")
	if err := os.WriteFile(p, js, 0o644); err != nil {
		t.Fatal(err)
	}
	out := append([]string{}, flags...)
	replaced := false
	for i := range out {
		if out[i] == "seccomp=seccomp.json" {
			out[i], replaced = "seccomp=seccomp-probe.json", true
		}
	}
	if !replaced {
		t.Fatalf("the run settings have no seccomp=seccomp.json: %v", flags)
	}
	return out
}

// withoutFlag drops a flag and its value from docker run flags.
func withoutFlag(flags []string, name string) []string {
	var out []string
	for i := 0; i < len(flags); i++ {
		if flags[i] == name {
			i++
			continue
		}
		out = append(out, flags[i])
	}
	return out
}

var (
	baselineMu   sync.Mutex
	baselineRows = map[string][2]float64{} // stack -> {bytes, warm seconds}
)

// baseline builds the naive hand-written Dockerfile of an example once and
// returns its image size and warm rebuild time after a one-line change.
func baseline(t *testing.T, stack string) (int64, float64) {
	t.Helper()
	baselineMu.Lock()
	defer baselineMu.Unlock()
	if b, ok := baselineRows[stack]; ok {
		return int64(b[0]), b[1]
	}
	dir := copyExample(t, stack)
	df, err := filepath.Abs(filepath.Join("testdata", "baseline", stack+".Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	image := "dg-e2e-baseline-" + stack + ":test"
	docker(t, "build", "--progress=plain", "-f", df, "-t", image, dir)
	touchSource(t, dir, stack)
	start := time.Now()
	docker(t, "build", "--progress=plain", "-f", df, "-t", image, dir)
	warm := time.Since(start).Seconds()
	size, _, _ := imageInfo(t, image)
	baselineRows[stack] = [2]float64{float64(size), warm}
	return size, warm
}

func TestE2E(t *testing.T) {
	requireEngine(t)
	defaultCount := len(profiles.DockerDefaultAllowed())
	for _, stack := range generator.Stacks() {
		e := e2eFor(t, stack)
		if why := e.NotBuilt; why != "" {
			if onlyRE.MatchString(stack + "/") {
				for _, b := range generator.BasesFor(stack) {
					addRow(row{Example: stack, Base: b, Result: "not built here: " + why, DockerDefault: defaultCount})
				}
			}
			continue
		}
		for _, c := range casesFor(stack, e.Rows) {
			name := c.Name()
			rowName := ""
			if c.Row != nil {
				rowName = c.Row.Name
			}
			why := e.SkipBases[c.Base]
			if why == "" && c.Row != nil {
				why = c.Row.SkipBases[c.Base]
			}
			if why != "" {
				if onlyRE.MatchString(name) {
					addRow(row{Example: c.Stack, Base: c.Base, Row: rowName, Result: "not built here: " + why, DockerDefault: defaultCount})
				}
				continue
			}
			if !onlyRE.MatchString(name) {
				continue
			}
			t.Run(name, func(t *testing.T) {
				r := row{Example: c.Stack, Base: c.Base, Row: rowName, Result: "failed", DockerDefault: defaultCount}
				defer func() { addRow(r) }()
				runE2ECase(t, c, &r)
				if !t.Failed() {
					r.Result = "passed"
				}
			})
		}
		for _, b := range generator.BasesFor(stack) {
			if why := pullOnlyBases[b]; why != "" && !pullMode && onlyRE.MatchString(stack+"/"+b) {
				addRow(row{Example: stack, Base: b, Result: "not built here: " + why, DockerDefault: defaultCount})
			}
		}
	}
}

func runE2ECase(t *testing.T, c e2eCase, r *row) {
	dir := copyExample(t, c.Stack)
	spec := generateRow(t, dir, c.Base, c.Row, nil)
	image := "dg-e2e-" + c.tagPart() + ":test"
	container := "dg-e2e-" + c.tagPart()
	pull := "PULL=0"
	if pullMode {
		pull = "PULL=1"
	}
	env := []string{pull, "IMAGE=" + image, "CONTAINER=" + container}

	comp, err := profiles.For(generator.ProfileFor(c.Stack))
	if err != nil {
		t.Fatal(err)
	}
	r.SeccompAllowed = len(comp.Allowed) + countRuleNames(comp.Rules)
	builderImage, runtimeImage, _, _ := stackImages(spec)
	r.RuntimeImage = runtimeImage
	r.Runtime = runtimeOf(builderImage, runtimeImage)

	// 1. Build with the generated run.sh: cold (no cache), then warm after a
	// one-line source change, which must not redo the dependency step.
	_, cold := runScript(t, dir, env, "build", "--no-cache", "--progress=plain")
	r.ColdBuildSec = cold.Seconds()
	touchSource(t, dir, c.Stack)
	warmLog, warm := runScript(t, dir, env, "build", "--progress=plain")
	r.WarmBuildSec = warm.Seconds()
	depsStep := e2eFor(t, c.Stack).DepsStep
	found, cached := stepCached(warmLog, depsStep)
	if !found {
		t.Errorf("the dependency step %q is not in the build log", depsStep)
	}
	r.DepsCached = cached
	if !cached {
		t.Errorf("a one-line source change re-ran the dependency step %q", depsStep)
	}
	r.ImageBytes, r.Layers, r.StandIn = imageInfo(t, image)
	r.Distro = distroOf(image, builderImage)

	// 2. The image: no setuid/setgid files, no package caches.
	checkFilesystem(t, image)

	// 3. Run with exactly the generated settings, and check it from outside.
	dockerErr("rm", "-f", container)
	runScript(t, dir, env, "run")
	defer dockerErr("rm", "-f", container)
	port := spec.Ports[0]
	body, err := httpGet(fmt.Sprintf("http://127.0.0.1:%d/", port), 60*time.Second)
	if err != nil {
		logs, _ := dockerErr("logs", container)
		t.Fatalf("%v\ncontainer log:\n%s", err, logs)
	}
	if want := "hello from " + c.Stack + "\n"; body != want {
		t.Errorf("GET / = %q, want %q", body, want)
	}
	waitHealthy(t, container, 90*time.Second)
	st := procStatus(t, container)
	wantID := func(id int) string { s := strconv.Itoa(id); return s + " " + s + " " + s + " " + s }
	checks := []struct{ field, want string }{
		{"Uid", wantID(spec.User.UID)},
		{"Gid", wantID(spec.User.GID)},
		{"CapEff", "0000000000000000"},
		{"CapPrm", "0000000000000000"},
		{"NoNewPrivs", "1"},
		{"Seccomp", "2"},
	}
	for _, ck := range checks {
		if st[ck.field] != ck.want {
			t.Errorf("PID 1 %s = %q, want %q", ck.field, st[ck.field], ck.want)
		}
	}
	restarts := strings.TrimSpace(docker(t, "inspect", "--format", "{{.RestartCount}} {{.State.Status}} {{.HostConfig.ReadonlyRootfs}}", container))
	if restarts != "0 running true" {
		t.Errorf("restart count, state, read-only root = %q, want \"0 running true\"", restarts)
	}
	dockerErr("rm", "-f", container)

	// 4. From inside: a probe in a second container with the same flags.
	rs := generator.NewRunSettings(spec, ".")
	flags := withoutFlag(withoutFlag(rs.Argv(), "--restart"), "--publish")
	flags = probeProfile(t, dir, c.Stack, flags)
	pr := runProbe(t, dir, image, flags, spec.Writable)
	if pr.UID != spec.User.UID || pr.GID != spec.User.GID {
		t.Errorf("probe uid:gid = %d:%d, want %d:%d", pr.UID, pr.GID, spec.User.UID, spec.User.GID)
	}
	if pr.CapEff != "0000000000000000" || pr.NoNewPrivs != "1" || pr.Seccomp != "2" {
		t.Errorf("probe sees CapEff=%s NoNewPrivs=%s Seccomp=%s", pr.CapEff, pr.NoNewPrivs, pr.Seccomp)
	}
	if pr.WriteRoot == "allowed" {
		t.Errorf("writing to / worked; the root filesystem must be read-only")
	}
	for _, w := range spec.Writable {
		if pr.WritePaths[w] != "ok" {
			t.Errorf("writing to tmpfs %s: %s", w, pr.WritePaths[w])
		}
	}
	// The same probe as root with the capabilities these calls need: now
	// only the seccomp profile stands between it and them. (--cap-add ALL
	// is refused on this machine, whose bounding set lacks CAP_SYS_RESOURCE.)
	rootFlags := append(withoutFlag(flags, "--user"), "--user", "0:0",
		"--cap-add", "SYS_ADMIN", "--cap-add", "SYS_PTRACE", "--cap-add", "NET_ADMIN", "--cap-add", "SYS_MODULE", "--cap-add", "SYS_BOOT")
	prRoot := runProbe(t, dir, image, rootFlags, nil)
	// Unconfined, several of these calls fail with their own errno (ENOENT,
	// EINVAL, ENOSYS) or succeed; the profile's answer is always EPERM.
	for _, call := range mustBeDenied {
		if got := pr.Denied[call]; got == "" || got == "allowed" || strings.HasPrefix(got, "untested") || got == "timeout" {
			t.Errorf("probe (app user): %s = %q, want refused", call, got)
		}
		if got := prRoot.Denied[call]; got != "EPERM" {
			t.Errorf("probe (root with capabilities): %s = %q, want EPERM from the seccomp profile", call, got)
		}
	}
	if len(pr.Errors) > 0 || len(prRoot.Errors) > 0 {
		t.Errorf("probe errors: %v %v", pr.Errors, prRoot.Errors)
	}

	// 5. The naive baseline, for the report's ratios.
	r.BaselineBytes, r.BaselineWarmSec = baseline(t, c.Stack)
	if r.BaselineBytes > 0 {
		r.SizeRatio = float64(r.ImageBytes) / float64(r.BaselineBytes)
	}
	if r.BaselineWarmSec > 0 {
		r.RebuildRatio = r.WarmBuildSec / r.BaselineWarmSec
	}
}

// countRuleNames counts the names allowed by a rule (clone and socket, with
// argument filters), as the e2e report and the version matrix count them.
func countRuleNames(rules []profiles.Rule) int {
	seen := map[string]bool{}
	for _, r := range rules {
		if r.Action == "" || r.Action == "SCMP_ACT_ALLOW" {
			for _, n := range r.Names {
				seen[n] = true
			}
		}
	}
	return len(seen)
}

// runtimeLabel is the label a stand-in carries with the version its runtime
// really prints (.ci/standins.sh runtime_label), whatever its tag says.
const runtimeLabel = "org.dockergen.standin.runtime"

// runtimeOf is what the row really ran: the runtime label of the builder and
// of the runtime image (once if they agree), or "?" for an image without it
// (a real image, or a stand-in built before the label existed).
func runtimeOf(images ...string) string {
	var out []string
	for _, img := range images {
		if img == "" || img == "scratch" {
			continue
		}
		v, err := dockerErr("image", "inspect", "--format", `{{index .Config.Labels "`+runtimeLabel+`"}}`, img)
		v = strings.TrimSpace(v)
		if err != nil || v == "" || v == "<no value>" {
			v = "?"
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return strings.Join(out, " / ")
}

// distroOf is the PRETTY_NAME of the first of images that has an
// os-release file (read from outside, so distroless works; scratch has
// none and falls through to the next, the builder).
func distroOf(images ...string) string {
	for i, img := range images {
		if img == "" || img == "scratch" {
			continue
		}
		id, err := dockerErr("create", img, "/none")
		if err != nil {
			continue
		}
		id = strings.TrimSpace(id)
		name := ""
		for _, f := range []string{"/usr/lib/os-release", "/etc/os-release"} {
			out, err := exec.Command(dockerBin, "cp", id+":"+f, "-").Output()
			if err != nil {
				continue
			}
			tr := tar.NewReader(bytes.NewReader(out))
			if h, err := tr.Next(); err != nil || h.Typeflag != tar.TypeReg {
				continue
			}
			data, _ := io.ReadAll(tr)
			for _, l := range strings.Split(string(data), "\n") {
				if v, ok := strings.CutPrefix(l, "PRETTY_NAME="); ok {
					name = strings.Trim(v, `"'`)
				}
			}
			if name != "" {
				break
			}
		}
		dockerErr("rm", "-f", id)
		if name != "" {
			if i > 0 {
				name += " (builder)"
			}
			return name
		}
	}
	return "?"
}

// stackImages returns the images a spec's Dockerfile names, from the
// generated Dockerfile's FROM lines.
func stackImages(spec *generator.Spec) (builder, runtime, interp string, err error) {
	files, err := generator.Generate(spec, generator.Options{})
	if err != nil {
		return "", "", "", err
	}
	var froms []string
	for _, line := range strings.Split(string(files["Dockerfile"]), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "FROM" {
			froms = append(froms, f[1])
		}
	}
	if len(froms) < 2 {
		return "", "", "", fmt.Errorf("want two FROM lines, got %v", froms)
	}
	return froms[0], froms[len(froms)-1], "", nil
}

// TestE2EBuildSecret builds the Go example with a build secret and an OS
// package, proves the secret was mounted during the build, and that its value
// is in no layer, no history entry and no image config.
func TestE2EBuildSecret(t *testing.T) {
	requireEngine(t)
	if !onlyRE.MatchString("go/secret") {
		t.Skip("E2E_ONLY excludes go/secret")
	}
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		t.Fatal(err)
	}
	secret := "dg-secret-" + hex.EncodeToString(buf)
	sum := sha256.Sum256([]byte(secret))
	dir := copyExample(t, "go")
	secretFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(secretFile, []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	spec := generate(t, dir, generator.BaseSlim, func(s string) string {
		return s + `packages: [tzdata]
build:
  secrets:
    - id: e2e-token
      target: /run/secrets/e2e-token
  # Proves the secret is mounted with the right content, without naming it.
  command: ["sh", "-c", "echo '` + hex.EncodeToString(sum[:]) + `  /run/secrets/e2e-token' | sha256sum -c -"]
`
	})
	if len(spec.Build.Secrets) != 1 {
		t.Fatalf("spec has %d secrets", len(spec.Build.Secrets))
	}
	image := "dg-e2e-go-secret:test"
	log, _ := runScript(t, dir, []string{"PULL=0", "IMAGE=" + image, "DOCKERGEN_SECRET_E2E_TOKEN=" + secretFile}, "build", "--no-cache", "--progress=plain")
	if !strings.Contains(log, "/run/secrets/e2e-token: OK") {
		t.Errorf("the build did not see the secret's content (no sha256sum OK line):\n%s", tail(log, 40))
	}
	if strings.Contains(log, secret) {
		t.Errorf("the build log shows the secret")
	}
	for _, args := range [][]string{
		{"history", "--no-trunc", image},
		{"image", "inspect", image},
	} {
		if strings.Contains(docker(t, args...), secret) {
			t.Errorf("docker %s shows the secret", strings.Join(args, " "))
		}
	}
	// Every byte of every layer, as docker save writes them.
	cmd := exec.Command(dockerBin, "save", image)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 1<<20 {
		t.Fatalf("docker save wrote only %d bytes", len(out))
	}
	if bytes.Contains(out, []byte(secret)) {
		t.Errorf("the saved image contains the secret")
	}
	// The package went in, its lists did not stay, and setuid bits are gone.
	hdrs := exportedFiles(t, image)
	hasZoneinfo := false
	for _, h := range hdrs {
		if strings.HasPrefix(strings.TrimPrefix(h.Name, "./"), "usr/share/zoneinfo/Europe/") {
			hasZoneinfo = true
			break
		}
	}
	if !hasZoneinfo {
		t.Errorf("package tzdata is not in the image")
	}
	checkFilesystem(t, image)
	notes = append(notes, fmt.Sprintf("Build secret: go/slim with a %d-byte secret mounted into the dependency and build steps; the build verified its SHA-256 inside; the value is absent from docker history, docker image inspect and all %d bytes of docker save.", len(secret), len(out)))
}

func writeReport(mdPath string) error {
	if os.Getenv("E2E_MERGE") == "1" {
		if err := mergeReport(strings.TrimSuffix(mdPath, filepath.Ext(mdPath)) + ".json"); err != nil {
			return err
		}
	}
	sort.SliceStable(report, func(i, j int) bool {
		if report[i].Example != report[j].Example {
			return report[i].Example < report[j].Example
		}
		if report[i].Base != report[j].Base {
			return report[i].Base < report[j].Base
		}
		return report[i].Row < report[j].Row
	})
	js, err := json.MarshalIndent(map[string]any{"rows": report, "notes": notes, "engine": engineVersion(), "go": runtime.Version(), "article_nginx_bytes": articleNginx.Bytes, "projects": layoutRows}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(strings.TrimSuffix(mdPath, filepath.Ext(mdPath))+".json", append(js, '\n'), 0o644); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# dockergen end-to-end report\n\n")
	b.WriteString("Written by `make e2e` (examples/e2e_test.go): every example × base generated, built with the generated `run.sh`, run with the generated settings and seccomp profile on a real Docker engine (" + engineVersion() + "), and checked. A benchmark, not a test: the figures vary by machine.\n\n")
	b.WriteString("**Stand-in** means the base images were built locally (`.ci/standins.sh` and its plug-ins: debootstrap'd Debian bookworm and trixie, each release's own Python, Ruby, PHP, rustc, OpenJDK with Maven (offline, from Debian's maven-repo) and Gradle 4.4, and nginx; Go and Node from the host or their official builds; distroless-like images assembled from files) and tagged like the official ones, because no registry is reachable here. A tag may name a newer version than the stand-in holds: the **runtime** column is what the builder and runtime images really run (their `org.dockergen.standin.runtime` label, `?` when an image has none) and **distro** the runtime image's `/etc/os-release` (the builder's for scratch). **row** is empty for the example's own spec, else the `rows:` entry of its `e2e.yaml` merged into it. Sizes on stand-ins are not the official images' sizes.\n\n")
	b.WriteString("| example | base | row | distro | runtime (real version) | runtime image | stand-in | result | size MB | layers | cold build s | warm rebuild s | deps cached | seccomp allowed / Docker default | naive baseline MB | size ratio | rebuild ratio |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|\n")
	for _, r := range report {
		if r.ImageBytes == 0 {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | | | %s | | | | | | | | | |\n", r.Example, r.Base, r.Row, r.Distro, r.Runtime, r.Result)
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | `%s` | %s | %s | %.1f | %d | %.1f | %.1f | %v | %d / %d | %.1f | %.2f | %.2f |\n",
			r.Example, r.Base, r.Row, r.Distro, r.Runtime, r.RuntimeImage, yesNo(r.StandIn), r.Result, float64(r.ImageBytes)/1e6, r.Layers,
			r.ColdBuildSec, r.WarmBuildSec, yesNo(r.DepsCached), r.SeccompAllowed, r.DockerDefault,
			float64(r.BaselineBytes)/1e6, r.SizeRatio, r.RebuildRatio)
	}
	b.WriteString("\nSize ratio and rebuild ratio are ours divided by the naive baseline's (`examples/testdata/baseline/`: one stage, root, `ADD`, no cache mounts), built from the same stand-ins in the same run; below 1 is better. Warm rebuild: after a one-line change to the app's main source file.\n")
	for _, n := range notes {
		b.WriteString("\n" + n + "\n")
	}
	b.WriteString(articleSection())
	b.WriteString(projectsSection())
	return os.WriteFile(mdPath, []byte(b.String()), 0o644)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func engineVersion() string {
	out, err := dockerErr("version", "--format", "Docker Engine {{.Server.Version}}")
	if err != nil {
		return "Docker Engine (unknown version)"
	}
	return strings.TrimSpace(out)
}

// TestE2ECompose brings each example up once with the generated compose.yaml
// (Debian's docker-compose), hits it, and checks the engine applied the
// hardening: compose-go validation alone cannot show that.
func TestE2ECompose(t *testing.T) {
	requireEngine(t)
	compose, err := exec.LookPath("docker-compose")
	if err != nil {
		t.Fatal("docker-compose is not installed (.ci/docker-up.sh installs Debian's)")
	}
	for _, stack := range generator.Stacks() {
		if !onlyRE.MatchString(stack + "/compose") {
			continue
		}
		t.Run(stack, func(t *testing.T) {
			if why := e2eFor(t, stack).NotBuilt; why != "" {
				t.Skip("not built here: " + why)
			}
			dir := copyExample(t, stack)
			spec := generate(t, dir, generator.BaseSlim, nil)
			project := "dge2ecompose" + stack
			run := func(args ...string) string {
				cmd := exec.Command(compose, append([]string{"--project-name", project, "--file", "compose.yaml"}, args...)...)
				cmd.Dir = dir
				// docker-compose calls the docker client on PATH to build.
				cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(dockerBin)+":"+os.Getenv("PATH"), "DOCKER_BUILDKIT=1", "COMPOSE_DOCKER_CLI_BUILD=1")
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("docker-compose %s: %v\n%s", strings.Join(args, " "), err, tail(string(out), 40))
				}
				return string(out)
			}
			run("up", "--detach", "--build")
			defer run("down", "--volumes", "--rmi", "local")
			body, err := httpGet(fmt.Sprintf("http://127.0.0.1:%d/", spec.Ports[0]), 60*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if want := "hello from " + stack + "\n"; body != want {
				t.Errorf("GET / = %q, want %q", body, want)
			}
			id := strings.TrimSpace(run("ps", "--quiet", spec.Name))
			got := strings.TrimSpace(docker(t, "inspect", "--format",
				`{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.Config.User}} {{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.NanoCpus}}`, id))
			want := fmt.Sprintf("true [ALL] %d:%d %d %d %d", spec.User.UID, spec.User.GID, generator.MemoryBytes(spec.Resources.Memory), spec.Resources.Pids, nanoCPUs(spec.Resources.CPUs))
			if got != want {
				t.Errorf("compose container: %q, want %q", got, want)
			}
			// compose.yaml's healthcheck is the image's, after Compose's
			// interpolation ($$ in the file is $ here).
			hcFormat := "{{json .Config.Healthcheck.Test}} {{.Config.Healthcheck.Interval}} {{.Config.Healthcheck.Timeout}} {{.Config.Healthcheck.StartPeriod}} {{.Config.Healthcheck.Retries}}"
			image := strings.TrimSpace(docker(t, "inspect", "--format", "{{.Image}}", id))
			if c, i := docker(t, "inspect", "--format", hcFormat, id), docker(t, "image", "inspect", "--format", hcFormat, image); c != i {
				t.Errorf("compose container healthcheck %s, the image's %s", c, i)
			}
			secopt := docker(t, "inspect", "--format", "{{json .HostConfig.SecurityOpt}}", id)
			if !strings.Contains(secopt, "no-new-privileges:true") || !strings.Contains(secopt, `SCMP_ACT_ERRNO`) {
				t.Errorf("compose container security options lack no-new-privileges or the profile: %.200s", secopt)
			}
			st := procStatus(t, id)
			if st["Seccomp"] != "2" || st["NoNewPrivs"] != "1" || st["CapEff"] != "0000000000000000" {
				t.Errorf("compose container PID 1: Seccomp=%s NoNewPrivs=%s CapEff=%s", st["Seccomp"], st["NoNewPrivs"], st["CapEff"])
			}
		})
	}
}

func nanoCPUs(s string) int64 {
	f, _ := strconv.ParseFloat(s, 64)
	return int64(f * 1e9)
}

// TestE2EInit runs 'dockergen init --yes' (no terminal, every default) on a
// fresh project from the scaffold template and on copies of the examples,
// then builds and runs the result exactly as a newcomer would: the
// detection-driven spec must give a container that answers, turns healthy and
// runs as the non-root user with the profile on.
func TestE2EInit(t *testing.T) {
	requireEngine(t)
	cases := []struct{ name, stack string }{{"scaffold", "go"}, {"node", "node"}}
	for _, c := range cases {
		if !onlyRE.MatchString(c.name + "/init") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			var dir string
			if c.name == "scaffold" {
				dir = scaffoldInstantiate(t, "initdemo")
			} else {
				dir = copyExample(t, c.stack)
				for _, o := range generator.Outputs {
					os.Remove(filepath.Join(dir, o.File))
				}
				os.Remove(filepath.Join(dir, "dockergen.yaml"))
			}
			var out bytes.Buffer
			if code := cli.Main([]string{"init", "--yes", dir}, strings.NewReader(""), &out, &out); code != 0 {
				t.Fatalf("dockergen init --yes: exit %d\n%s", code, out.String())
			}
			data, err := os.ReadFile(filepath.Join(dir, "dockergen.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			spec, err := generator.LoadSpec("dockergen.yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			image := "dg-e2e-init-" + c.name + ":test"
			container := "dg-e2e-init-" + c.name
			env := []string{"PULL=0", "IMAGE=" + image, "CONTAINER=" + container}
			runScript(t, dir, env, "build")
			dockerErr("rm", "-f", container)
			runScript(t, dir, env, "run")
			defer dockerErr("rm", "-f", container)
			if _, err := httpGet(fmt.Sprintf("http://127.0.0.1:%d/", spec.Ports[0]), 60*time.Second); err != nil {
				logs, _ := dockerErr("logs", container)
				t.Fatalf("%v\n%s", err, logs)
			}
			if !spec.Healthcheck.Disabled {
				waitHealthy(t, container, 90*time.Second)
			}
			st := procStatus(t, container)
			if st["Uid"] != fmt.Sprintf("%d %d %d %d", spec.User.UID, spec.User.UID, spec.User.UID, spec.User.UID) || st["Seccomp"] != "2" || st["CapEff"] != "0000000000000000" || st["NoNewPrivs"] != "1" {
				t.Errorf("PID 1: Uid=%s Seccomp=%s CapEff=%s NoNewPrivs=%s", st["Uid"], st["Seccomp"], st["CapEff"], st["NoNewPrivs"])
			}
		})
	}
}
