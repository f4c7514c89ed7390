package generator

import (
	"bufio"
	"go/parser"
	"go/token"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// probeSpec is a java-maven spec that probes a path.
func probeSpec(t *testing.T, mutate func(s *Spec)) (*Spec, string) {
	t.Helper()
	s := &Spec{Name: "app", Stack: "java-maven", Healthcheck: Healthcheck{Path: "/actuator/health"}}
	if mutate != nil {
		mutate(s)
	}
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, string(files["Dockerfile"])
}

// dockerfileProbeSource is the Go source the probe stage's printf writes:
// the single-quoted words between "printf '%s\n'" and the redirection, one
// a line.
func dockerfileProbeSource(t *testing.T, df string) string {
	t.Helper()
	_, rest, ok := strings.Cut(df, "printf '%s\\n' \\\n")
	end := strings.Index(rest, "> /src/probe/probe.go")
	if !ok || end < 0 {
		t.Fatalf("no probe source in the Dockerfile:\n%s", df)
	}
	var src strings.Builder
	for _, l := range strings.Split(strings.TrimRight(rest[:end], " "), "\n") {
		if l == "" {
			continue
		}
		w, ok := strings.CutPrefix(l, "        '")
		if w, ok = strings.CutSuffix(w, "' \\"); !ok || strings.Contains(w, "'") {
			t.Fatalf("not one single-quoted word a line: %q", l)
		}
		src.WriteString(w + "\n")
	}
	return src.String()
}

// TestStaticProbeStage: a stack with StaticProbe whose healthcheck probes a
// path gets the probe stage FROM the Go stack's builder image, the binary
// alone in the runtime stage and the exec-form healthcheck on it; a
// healthcheck command, or none, gets no stage; the source is the embedded
// file's, holds no single quote, imports the standard library only and
// uses no module.
func TestStaticProbeStage(t *testing.T) {
	goBuilder, _, _, err := goStack.Images(release{Version: goStack.defaultVersion(BaseDistroless, ""), Base: BaseDistroless, Family: familyDebian, Distro: defaultDistro(familyDebian)})
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range javaMavenStack.Bases {
		_, df := probeSpec(t, func(s *Spec) { s.Base = base })
		for _, want := range []string{
			"FROM " + goBuilder + " AS probe\n",
			"CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS= go build -trimpath -ldflags=\"-s -w\" -o /out/probe /src/probe/probe.go",
			"chmod 0555 /out/probe\n",
			"COPY --from=probe /out/probe " + staticProbePath + "\n",
			`CMD ["` + staticProbePath + `", "http://127.0.0.1:8080/actuator/health"]`,
		} {
			if !strings.Contains(df, want) {
				t.Errorf("%s: the Dockerfile lacks %q:\n%s", base, want, df)
			}
		}
		if strings.Contains(df, "DockergenProbe") || strings.Count(df, "/opt/java/openjdk/bin/java") != 1 {
			t.Errorf("%s: the healthcheck still runs a JVM:\n%s", base, df)
		}
		if got := dockerfileProbeSource(t, df); got != strings.Join(probeSourceLines(), "\n")+"\n" {
			t.Errorf("%s: the Dockerfile writes another source:\n%s", base, got)
		}
	}
	for _, h := range []Healthcheck{{Command: []string{"/opt/java/openjdk/bin/java", "-version"}}, {Disabled: true}} {
		_, df := probeSpec(t, func(s *Spec) { s.Healthcheck = h })
		if strings.Contains(df, "AS probe") || strings.Contains(df, staticProbePath) {
			t.Errorf("healthcheck %+v: a probe stage or copy:\n%s", h, df)
		}
	}
	// digests.probe pins the probe stage's image, and is refused where
	// there is no probe stage.
	pin := "sha256:" + strings.Repeat("3", 64)
	if _, df := probeSpec(t, func(s *Spec) { s.Digests.Probe = pin }); !strings.Contains(df, "FROM "+goBuilder+"@"+pin+" AS probe\n") {
		t.Errorf("digests.probe does not pin the probe stage:\n%s", df)
	}
	for _, s := range []*Spec{
		{Name: "app", Stack: "go", Digests: Digests{Probe: pin}},
		{Name: "app", Stack: "java-maven", Healthcheck: Healthcheck{Disabled: true}, Digests: Digests{Probe: pin}},
		{Name: "app", Stack: "java-maven", Digests: Digests{Probe: "sha256:x"}},
	} {
		s.Defaults()
		errs := s.Validate()
		if !slices.ContainsFunc(errs, func(e FieldError) bool { return e.Field == "digests.probe" }) {
			t.Errorf("%s %+v: got %v, want an error on digests.probe", s.Stack, s.Healthcheck, errs)
		}
	}
	if strings.Contains(staticProbeSource, "'") {
		t.Error("internal/probe/main.go holds a single quote, which would end the printf word")
	}
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", staticProbeSource, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
			t.Errorf("the probe imports %s, not the standard library", p)
		}
	}
	for _, st := range registry {
		if st.StaticProbe != (st.HTTPProbe != nil && slices.Equal(st.HTTPProbe("/i", "u"), staticProbe("/i", "u"))) {
			t.Errorf("%s: StaticProbe %v disagrees with its HTTPProbe", st.Name, st.StaticProbe)
		}
	}
}

// buildProbe compiles the probe source the java-maven Dockerfile writes,
// as the probe stage does (no module, cgo off), and returns the binary.
func buildProbe(t *testing.T) string {
	t.Helper()
	_, df := probeSpec(t, nil)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "probe.go"), []byte(dockerfileProbeSource(t, df)), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "probe")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "probe.go")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOFLAGS=", "GO111MODULE=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of the probe: %v\n%s", err, out)
	}
	return bin
}

// TestStaticProbeHTTP runs the probe built from the Dockerfile's source:
// exit 0 only on a 2xx status line, one GET with Connection: close and the
// path and query, no redirect followed, and exit 1 with the reason for
// errors, a refused connection, a non-HTTP answer, a silent server (within
// its deadline) and a URL that is not http://.
func TestStaticProbeHTTP(t *testing.T) {
	bin := buildProbe(t)
	type seen struct{ method, uri, conn, host string }
	reqs := make(chan seen, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs <- seen{r.Method, r.RequestURI, r.Header.Get("Connection"), r.Host}
		switch r.URL.Path {
		case "/ok":
			w.Write([]byte("ok"))
		case "/nocontent":
			w.WriteHeader(http.StatusNoContent)
		case "/redirect":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/error":
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	run := func(arg ...string) (int, string) {
		out, err := exec.Command(bin, arg...).CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, string(out)
	}
	for _, c := range []struct {
		path string
		code int
		out  string
	}{
		{"/ok?x=1", 0, "HTTP/1.1 200 OK"},
		{"/nocontent", 0, "204"},
		{"/redirect", 1, "probe: HTTP/1.1 302 Found"},
		{"/error", 1, "503"},
		{"/missing", 1, "404"},
	} {
		code, out := run(srv.URL + c.path)
		if code != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%s: exit %d %q; want %d and %q", c.path, code, out, c.code, c.out)
		}
		r := <-reqs
		if r.method != "GET" || r.uri != c.path || r.conn != "close" || r.host != strings.TrimPrefix(srv.URL, "http://") {
			t.Errorf("%s: the server saw %+v", c.path, r)
		}
		if len(reqs) > 0 {
			t.Errorf("%s: a second request (a redirect followed): %+v", c.path, <-reqs)
		}
	}
	// A listener that answers no HTTP, one that answers nothing, and none.
	garbage, silent := listen(t, func(c net.Conn) { bufio.NewReader(c).ReadString('\n'); c.Write([]byte("SSH-2.0-x\r\n")) }), listen(t, func(net.Conn) {})
	closed := listen(t, nil)
	start := time.Now()
	for _, c := range []struct{ url, out string }{
		{"http://" + garbage + "/", "probe: SSH-2.0-x"},
		{"http://" + silent + "/", "i/o timeout"},
		{"http://" + closed + "/", "connection refused"},
		{"https://" + garbage + "/", "not an http://"},
		{"ftp://x/", "not an http://"},
	} {
		if code, out := run(c.url); code != 1 || !strings.Contains(out, c.out) {
			t.Errorf("%s: exit %d %q; want 1 and %q", c.url, code, out, c.out)
		}
	}
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("the failures took %s; the silent server should fail at the 3 s deadline", d)
	}
	if code, _ := run(); code != 1 {
		t.Errorf("no URL: exit %d", code)
	}
}

// listen returns the address of a loopback listener that hands each
// connection to serve (kept open until the test ends); with serve nil, the
// address of a closed listener.
func listen(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if serve == nil {
		l.Close()
		return l.Addr().String()
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
	)
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go serve(c)
		}
	}()
	return l.Addr().String()
}
