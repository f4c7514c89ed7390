//go:build e2e

package examples

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
)

// TestE2EPHPFPM builds the php example with server fpm on slim, runs it with
// the generated settings, and proves that PHP-FPM answers FastCGI requests
// from outside (GET / and /healthz through a minimal FastCGI client, a 404
// for an unknown path), that the generated FastCGI healthcheck turns the
// container healthy, and that PID 1 runs as the app user with no
// capabilities, no-new-privileges and the seccomp profile.
func TestE2EPHPFPM(t *testing.T) {
	requireEngine(t)
	if !onlyRE.MatchString("php/fpm") {
		t.Skip("E2E_ONLY excludes php/fpm")
	}
	dir := copyExample(t, "php")
	spec := generate(t, dir, generator.BaseSlim, func(s string) string {
		s = strings.Replace(s, "\nserver: apache\n", "\nserver: fpm\n", 1)
		return strings.Replace(s, "\nports: [8080]\n", "\nports: [9000]\n", 1)
	})
	if spec.Server != "fpm" || spec.Ports[0] != 9000 {
		t.Fatalf("the spec edit did not apply: server %q ports %v", spec.Server, spec.Ports)
	}
	image, container := "dg-e2e-php-fpm:test", "dg-e2e-php-fpm"
	env := []string{"PULL=0", "IMAGE=" + image, "CONTAINER=" + container}
	runScript(t, dir, env, "build", "--progress=plain")
	checkFilesystem(t, image)
	dockerErr("rm", "-f", container)
	runScript(t, dir, env, "run")
	defer dockerErr("rm", "-f", container)

	addr := fmt.Sprintf("127.0.0.1:%d", spec.Ports[0])
	script := spec.Workdir + "/" + spec.Main
	var status int
	var body string
	var err error
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if status, body, err = fastCGIGet(addr, script, "/"); err == nil {
			break
		}
	}
	if err != nil {
		logs, _ := dockerErr("logs", container)
		t.Fatalf("FastCGI GET / on %s: %v\ncontainer log:\n%s", addr, err, logs)
	}
	if status != 200 || body != "hello from php\n" {
		t.Errorf("FastCGI GET / = %d %q, want 200 %q", status, body, "hello from php\n")
	}
	if status, _, err := fastCGIGet(addr, script, "/healthz"); err != nil || status != 200 {
		t.Errorf("FastCGI GET /healthz = %d, %v; want 200", status, err)
	}
	if status, _, err := fastCGIGet(addr, script, "/missing"); err != nil || status != 404 {
		t.Errorf("FastCGI GET /missing = %d, %v; want 404", status, err)
	}
	waitHealthy(t, container, 90*time.Second)
	st := procStatus(t, container)
	wantID := func(id int) string { s := strconv.Itoa(id); return s + " " + s + " " + s + " " + s }
	for _, ck := range []struct{ field, want string }{
		{"Uid", wantID(spec.User.UID)}, {"Gid", wantID(spec.User.GID)},
		{"CapEff", "0000000000000000"}, {"CapPrm", "0000000000000000"},
		{"NoNewPrivs", "1"}, {"Seccomp", "2"},
	} {
		if st[ck.field] != ck.want {
			t.Errorf("PID 1 %s = %q, want %q", ck.field, st[ck.field], ck.want)
		}
	}
	if got := strings.TrimSpace(docker(t, "inspect", "--format", "{{.RestartCount}} {{.State.Status}} {{.HostConfig.ReadonlyRootfs}}", container)); got != "0 running true" {
		t.Errorf("restart count, state, read-only root = %q, want \"0 running true\"", got)
	}
	size, _, _ := imageInfo(t, image)
	if !t.Failed() {
		reportMu.Lock()
		notes = append(notes, fmt.Sprintf("PHP-FPM: the php example with server fpm on slim (%.1f MB) answered FastCGI GET / with %q and /healthz with 200 from the host (a minimal FastCGI client in the test), a 404 for an unknown path, and turned healthy through the generated FastCGI healthcheck, under the generated settings and seccomp profile.", float64(size)/1e6, body))
		reportMu.Unlock()
	}
}

// fastCGIGet sends one FastCGI GET request (the responder role) for uri
// with script as SCRIPT_FILENAME, and returns the status (200 when the
// response has no Status header) and the body.
func fastCGIGet(addr, script, uri string) (int, string, error) {
	c, err := net.DialTimeout("tcp", addr, 3*time.Second)
	if err != nil {
		return 0, "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	record := func(typ byte, content []byte) []byte {
		return append([]byte{1, typ, 0, 1, byte(len(content) >> 8), byte(len(content)), 0, 0}, content...)
	}
	var params bytes.Buffer
	length := func(s string) {
		if len(s) < 128 {
			params.WriteByte(byte(len(s)))
		} else {
			binary.Write(&params, binary.BigEndian, uint32(len(s))|1<<31)
		}
	}
	path, query, _ := strings.Cut(uri, "?")
	for _, kv := range [][2]string{
		{"GATEWAY_INTERFACE", "CGI/1.1"}, {"REQUEST_METHOD", "GET"}, {"SCRIPT_FILENAME", script},
		{"SCRIPT_NAME", "/" + script[strings.LastIndex(script, "/")+1:]}, {"REQUEST_URI", uri}, {"DOCUMENT_URI", path},
		{"QUERY_STRING", query}, {"SERVER_NAME", "localhost"}, {"SERVER_PROTOCOL", "HTTP/1.1"}, {"REMOTE_ADDR", "127.0.0.1"},
	} {
		length(kv[0])
		length(kv[1])
		params.WriteString(kv[0] + kv[1])
	}
	var req []byte
	req = append(req, record(1, []byte{0, 1, 0, 0, 0, 0, 0, 0})...) // BEGIN_REQUEST, responder, close after
	req = append(req, record(4, params.Bytes())...)
	req = append(req, record(4, nil)...)
	req = append(req, record(5, nil)...)
	if _, err := c.Write(req); err != nil {
		return 0, "", err
	}
	all, err := io.ReadAll(c)
	if err != nil {
		return 0, "", err
	}
	var stdout bytes.Buffer
	ended := false
	for len(all) >= 8 {
		n, pad := int(all[4])<<8|int(all[5]), int(all[6])
		if len(all) < 8+n+pad {
			return 0, "", fmt.Errorf("truncated FastCGI record")
		}
		switch all[1] {
		case 6: // STDOUT
			stdout.Write(all[8 : 8+n])
		case 3: // END_REQUEST
			ended = true
		}
		all = all[8+n+pad:]
	}
	if !ended {
		return 0, "", fmt.Errorf("no FastCGI END_REQUEST record")
	}
	head, body, ok := strings.Cut(stdout.String(), "\r\n\r\n")
	if !ok {
		return 0, "", fmt.Errorf("no CGI headers in %q", stdout.String())
	}
	status := 200
	for _, line := range strings.Split(head, "\r\n") {
		if v, ok := strings.CutPrefix(line, "Status: "); ok {
			status, _ = strconv.Atoi(strings.Fields(v)[0])
		}
	}
	return status, body, nil
}
