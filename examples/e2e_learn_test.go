//go:build e2e

package examples

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockergen/dockergen/cmd/dockergen/cli"
	"github.com/moby/profiles/seccomp"
)

// TestE2ESeccompLearn proves 'dockergen seccomp learn' on the engine with
// testdata/learn, a Go app whose /healthz lowers its priority with
// setpriority(2), a call the go profile refuses. Under the generated
// profile the app runs but its health endpoint fails and the container
// becomes unhealthy; learn --write adds setpriority to the spec; then the
// regenerated seccomp.json allows it, generate --check is clean, and the
// same image, run with the generated run.sh, is healthy and answers.
// Needs root: learn reads /dev/kmsg.
func TestE2ESeccompLearn(t *testing.T) {
	requireEngine(t)
	if !onlyRE.MatchString("learn") {
		t.Skip("E2E_ONLY excludes learn")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/learn")); err != nil {
		t.Fatal(err)
	}
	const name, url = "learn-setprio", "http://127.0.0.1:18089"
	specPath := filepath.Join(dir, "dockergen.yaml")
	dg := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := cli.Main(args, strings.NewReader(""), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, errs := dg("generate", "-f", specPath); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, errs)
	}
	env := []string{"PULL=0", "IMAGE=" + name + ":local", "CONTAINER=" + name}
	runScript(t, dir, env, "build")
	t.Cleanup(func() {
		dockerErr("rm", "--force", name, name+"-learn")
		dockerErr("image", "rm", name+":local")
	})

	// Before: the generated profile refuses setpriority.
	runScript(t, dir, env, "run")
	body, status := getStatus(t, url+"/healthz", 30*time.Second)
	if status != http.StatusInternalServerError || !strings.Contains(body, "setpriority: operation not permitted") {
		t.Fatalf("before learn, /healthz answered %d %q; want 500 with setpriority's EPERM", status, body)
	}
	waitHealth(t, name, "unhealthy", 90*time.Second)
	runScript(t, dir, env, "stop")

	// learn, without --write first: nothing changes on disk.
	specBefore, _ := os.ReadFile(specPath)
	exercise := `curl -fsS "$DOCKERGEN_URL/healthz" && curl -fsS "$DOCKERGEN_URL/"`
	learn := []string{"seccomp", "learn", "-f", specPath, "--image", name + ":local", "--docker", dockerBin, "--exercise", exercise, "--duration", "20s"}
	code, out, errs := dg(learn...)
	if code != 0 {
		t.Fatalf("seccomp learn: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"setpriority        (none)", "adds setpriority: called by learn-setprio", "the new profile holds", "+    - syscall: setpriority", "nothing was written"} {
		if !strings.Contains(out, want) {
			t.Errorf("learn's output lacks %q:\n%s", want, out)
		}
	}
	if now, _ := os.ReadFile(specPath); !bytes.Equal(now, specBefore) {
		t.Error("learn without --write changed the spec")
	}

	code, out, errs = dg(append(learn, "--write")...)
	if code != 0 {
		t.Fatalf("seccomp learn --write: exit %d\n%s\n%s", code, out, errs)
	}
	t.Logf("seccomp learn --write:\n%s", out)
	for _, want := range []string{"wrote " + specPath, "seccomp.json", "DOCKER-SECURITY.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("learn --write does not say it wrote %s:\n%s", want, out)
		}
	}
	if code, out, _ := dg("generate", "--check", "-f", specPath); code != 0 {
		t.Fatalf("generate --check after learn --write: exit %d (the learned profile is not reproducible)\n%s", code, out)
	}
	var p seccomp.Seccomp
	js, _ := os.ReadFile(filepath.Join(dir, "seccomp.json"))
	if err := json.Unmarshal(js, &p); err != nil {
		t.Fatal(err)
	}
	allowed := false
	for _, sc := range p.Syscalls {
		allowed = allowed || slices.Contains(sc.Names, "setpriority") && sc.Action == "SCMP_ACT_ALLOW" && len(sc.Args) == 0
	}
	if !allowed || p.DefaultAction != "SCMP_ACT_ERRNO" {
		t.Fatalf("seccomp.json (default %s) does not allow setpriority", p.DefaultAction)
	}

	// After: the generated run.sh, the regenerated seccomp.json, the same image.
	runScript(t, dir, env, "run")
	if body, err := httpGet(url+"/healthz", 30*time.Second); err != nil || strings.TrimSpace(body) != "ok" {
		t.Fatalf("after learn, /healthz: %q %v", body, err)
	}
	waitHealthy(t, name, 90*time.Second)
	runScript(t, dir, env, "stop")

	// Learning again finds nothing more.
	code, out, errs = dg(learn...)
	if code != 0 || !strings.Contains(out, "nothing to learn") {
		t.Errorf("a second learn: exit %d\n%s\n%s", code, out, errs)
	}
}

// getStatus fetches url until it answers at all, and returns the body and
// status of the first answer.
func getStatus(t *testing.T, url string, within time.Duration) (string, int) {
	t.Helper()
	deadline := time.Now().Add(within)
	c := http.Client{Timeout: 3 * time.Second}
	for {
		resp, err := c.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return string(b), resp.StatusCode
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within %s: %v", url, within, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// waitHealth waits for a container's health status to become want.
func waitHealth(t *testing.T, container, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	status := ""
	for time.Now().Before(deadline) {
		status = strings.TrimSpace(docker(t, "inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container))
		if status == want {
			return
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("container health is %q after %s, want %q", status, within, want)
}
