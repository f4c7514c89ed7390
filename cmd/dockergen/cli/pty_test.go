//go:build linux || darwin

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/creack/pty"
	"github.com/dockergen/dockergen/generator"
	"github.com/hinshun/vt10x"
)

// The real-terminal tests: the dockergen binary, built here, runs 'init' on
// a pseudo-terminal, as survey's own tests drive it (go-expect reads the
// screen, a vt10x terminal emulator answers the cursor queries), and the
// test types the answers a person would: Enter, arrow keys, text, '?',
// Ctrl-C.

const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keyCtrlC = "\x03"
	cols     = 200
	rows     = 60
)

// ptyRun is one run of the binary on a pseudo-terminal.
type ptyRun struct {
	t    *testing.T
	c    *expect.Console
	cmd  *exec.Cmd
	raw  *bytes.Buffer
	done chan error
	// exited is closed once the program has exited.
	exited chan struct{}
}

var ansiRE = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

func startPTY(t *testing.T, bin, dir string, args ...string) *ptyRun {
	t.Helper()
	// The second pty carries the emulator's answers (cursor position
	// reports) back into the console's input.
	answersPTY, answersTTY, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	term := vt10x.New(vt10x.WithWriter(answersTTY), vt10x.WithSize(cols, rows))
	raw := &bytes.Buffer{}
	c, err := expect.NewConsole(expect.WithStdin(answersPTY), expect.WithStdout(term, raw), expect.WithCloser(answersPTY, answersTTY), expect.WithDefaultTimeout(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(c.Tty(), &pty.Winsize{Cols: cols, Rows: rows}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Tty(), c.Tty(), c.Tty()
	// A session of its own with the pty as controlling terminal, like a shell's job.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &ptyRun{t: t, c: c, cmd: cmd, raw: raw, done: make(chan error, 1), exited: make(chan struct{})}
	go func() {
		err := cmd.Wait()
		close(r.exited)
		r.done <- err
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
		c.Close()
	})
	return r
}

// screen is what the program printed so far, without escape sequences.
func (r *ptyRun) screen() string { return ansiRE.ReplaceAllString(r.raw.String(), "") }

// expect waits for text on the terminal.
func (r *ptyRun) expect(text string) {
	r.t.Helper()
	if _, err := r.c.ExpectString(text); err != nil {
		r.t.Fatalf("waiting for %q: %v\nthe terminal so far:\n%s", text, err, r.screen())
	}
}

// answer waits for a question and types keys.
func (r *ptyRun) answer(question string, keys ...string) {
	r.t.Helper()
	r.expect(question)
	for _, k := range keys {
		if _, err := r.c.Send(k); err != nil {
			r.t.Fatal(err)
		}
	}
}

// interrupt waits for a text prompt (Input or Confirm) to be reading keys
// and presses Ctrl-C. survey reads keys raw, so Ctrl-C is a key, not a
// signal, once it asks the terminal where the cursor is; a person cannot
// be faster than that, a test can.
//
// A Ctrl-C typed in the instant between two terminal mode switches can be
// swallowed by the line discipline (seen under load in CI), so like a person
// the test presses it again every half second until the program exits; what
// it checks is how the program ends, not how many presses it took.
func (r *ptyRun) interrupt(question string) {
	r.t.Helper()
	r.expect(question)
	r.expect("\x1b[6n")
	r.c.Send(keyCtrlC)
	go func() {
		for i := 0; i < 20; i++ {
			select {
			case <-r.exited:
				return
			case <-time.After(500 * time.Millisecond):
				r.c.Send(keyCtrlC)
			}
		}
	}()
}

// wait waits for the program to exit, reads all of its output and returns
// its exit status.
func (r *ptyRun) wait() int {
	r.t.Helper()
	var err error
	// Keep reading (the emulator must see the output) until the exit, then
	// until the end of the output.
	eof := make(chan struct{})
	go func() {
		defer close(eof)
		r.c.ExpectEOF()
	}()
	select {
	case err = <-r.done:
	case <-time.After(30 * time.Second):
		r.cmd.Process.Kill()
		<-r.done
		r.c.Tty().Close()
		<-eof
		r.t.Fatalf("the program did not exit\nthe terminal so far:\n%s", r.screen())
	}
	r.c.Tty().Close()
	<-eof
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	} else if err != nil {
		r.t.Fatal(err)
	}
	return 0
}

func buildBinary(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build dockergen with")
	}
	bin := filepath.Join(t.TempDir(), "dockergen")
	out, err := exec.Command(goBin, "build", "-o", bin, "github.com/dockergen/dockergen/cmd/dockergen").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestInitTerminal drives 'dockergen init' on a pseudo-terminal.
func TestInitTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)

	// The Go example: the detected values are shown with their files, the
	// base is changed with the arrow key, everything else is Enter; the
	// files written are current.
	t.Run("answer", func(t *testing.T) {
		dir := copyExampleApp(t, "go")
		r := startPTY(t, bin, dir, "init")
		r.expect("Detected a Go project in . (go.mod):")
		r.expect("go.mod:3")
		r.answer("Image and container name:", keyEnter)
		r.answer("Go version:", keyEnter)
		r.expect("Runtime base:")
		r.answer("no shell and no package manager", keyDown, keyEnter)
		r.answer("Main package:", keyEnter)
		r.answer("Port(s) the app listens on:", "9090", keyEnter)
		r.answer("Healthcheck command (none for no healthcheck):", keyEnter)
		r.answer("Writable paths (none for a fully read-only root):", keyEnter)
		r.answer("Keep the limits of 256m memory, 1 CPU(s) and 128 processes?", keyEnter)
		r.answer("build secret", keyEnter)
		r.expect("create     dockergen.yaml")
		r.answer("Create these 7 files?", "y", keyEnter)
		r.expect("./run.sh build")
		if code := r.wait(); code != 0 {
			t.Fatalf("exit %d\n%s", code, r.screen())
		}
		s := loadInitSpec(t, dir)
		if s.Base != "scratch" || !reflect.DeepEqual(s.Ports, []int{9090}) {
			t.Errorf("spec %+v", s)
		}
		if !reflect.DeepEqual(s.Healthcheck.Command, []string{"/app/hello", "-healthcheck"}) {
			t.Errorf("healthcheck %+v", s.Healthcheck)
		}
		checkInitCurrent(t, dir)
	})

	// A bad answer is refused with the spec's message and asked again; '?'
	// shows the help, which says why a base is not offered.
	t.Run("validate and help", func(t *testing.T) {
		dir := copyExampleApp(t, "python")
		r := startPTY(t, bin, dir, "init", "--dry-run")
		r.answer("Image and container name:", keyEnter)
		r.answer("Python version:", keyEnter)
		r.answer("Runtime base:", "?")
		r.expect("Not offered: distroless (gcr.io/distroless/python3-debian13 ships Python 3.13, not 3.14")
		r.c.Send(keyEnter)
		r.answer("Build tool:", keyEnter)
		r.answer("Server:", keyEnter)
		r.answer("Script to run:", keyEnter)
		r.answer("Port(s) the app listens on:", "\x7f\x7f\x7f\x7f80", keyEnter)
		r.expect("ports[0]: 80 is a privileged port")
		r.c.Send("\x7f\x7f" + "8080" + keyEnter)
		r.answer("Healthcheck path (none for no healthcheck):", keyEnter)
		r.answer("Writable paths", keyEnter)
		r.answer("Keep the limits", keyEnter)
		r.answer("Extra OS packages (none for none):", keyEnter)
		r.answer("build secret", keyEnter)
		r.expect("dry run: nothing was written")
		if code := r.wait(); code != 0 {
			t.Fatalf("exit %d\n%s", code, r.screen())
		}
		if strings.Contains(r.screen(), "created") {
			t.Error("--dry-run wrote files")
		}
	})

	// Ctrl-C at a question: exit 130 and the directory as it was.
	t.Run("ctrl-c", func(t *testing.T) {
		dir := copyExampleApp(t, "node")
		before := dirState(t, dir)
		r := startPTY(t, bin, dir, "init")
		r.answer("Image and container name:", keyEnter)
		r.answer("Node.js version:", keyEnter)
		r.answer("Runtime base:", keyDown, keyEnter)
		r.answer("Build tool:", keyEnter)
		r.interrupt("Script to run:")
		if code := r.wait(); code != 130 || !strings.Contains(r.screen(), "interrupted: nothing was written") {
			t.Errorf("exit %d, want 130\n%s", code, r.screen())
		}
		if !reflect.DeepEqual(before, dirState(t, dir)) {
			t.Error("the directory changed")
		}
	})

	// Ctrl-C at the last question, with every answer given.
	t.Run("ctrl-c at the end", func(t *testing.T) {
		dir := copyExampleApp(t, "node")
		before := dirState(t, dir)
		r := startPTY(t, bin, dir, "init")
		for _, q := range []string{"name:", "version:", "base:", "Build tool:", "Script", "Port", "Healthcheck", "Writable", "Keep the limits", "Extra OS packages", "build secret"} {
			r.answer(q, keyEnter)
		}
		r.interrupt("Create these 7 files?")
		if code := r.wait(); code != 130 || !strings.Contains(r.screen(), "interrupted: nothing was written") {
			t.Errorf("exit %d, want 130\n%s", code, r.screen())
		}
		if !reflect.DeepEqual(before, dirState(t, dir)) {
			t.Error("the directory changed")
		}
	})

	// A file that differs is shown as a diff; Enter (no) writes nothing; an
	// explicit yes overwrites.
	t.Run("do not overwrite", func(t *testing.T) {
		dir := copyExampleApp(t, "python")
		edited := "# Generated by dockergen from dockergen.yaml, then edited by hand.\nFROM python:3.9\n"
		os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(edited), 0o644)
		before := dirState(t, dir)
		for _, yes := range []bool{false, true} {
			r := startPTY(t, bin, dir, "init")
			for _, q := range []string{"name:", "version:", "base:", "Build tool:", "Server:", "Script", "Port", "Healthcheck", "Writable", "Keep the limits", "Extra OS packages", "build secret"} {
				r.answer(q, keyEnter)
			}
			r.expect("overwrite  Dockerfile (it differs, see below)")
			r.expect("-FROM python:3.9")
			r.expect("+FROM python:3.14-slim-trixie AS build")
			key := keyEnter
			if yes {
				key = "y" + keyEnter
			}
			r.answer("Overwrite 1 existing file(s) that differ (shown above) and create 6?", key)
			code := r.wait()
			if !yes {
				if code != 1 || !strings.Contains(r.screen(), "nothing was written") {
					t.Errorf("no: exit %d\n%s", code, r.screen())
				}
				if !reflect.DeepEqual(before, dirState(t, dir)) {
					t.Error("no: the directory changed")
				}
				continue
			}
			if code != 0 || !strings.Contains(r.screen(), "updated   Dockerfile") {
				t.Errorf("yes: exit %d\n%s", code, r.screen())
			}
			checkInitCurrent(t, dir)
		}
	})

	// The wizard's defaults on a terminal are --yes's output without one.
	t.Run("same as --yes", func(t *testing.T) {
		a, b := copyExampleApp(t, "node"), copyExampleApp(t, "node")
		r := startPTY(t, bin, a, "init")
		for _, q := range []string{"name:", "version:", "base:", "Build tool:", "Script", "Port", "Healthcheck", "Writable", "Keep the limits", "Extra OS packages", "build secret", "Create these 7 files?"} {
			r.answer(q, keyEnter)
		}
		if code := r.wait(); code != 0 {
			t.Fatalf("exit %d\n%s", code, r.screen())
		}
		cmd := exec.Command(bin, "init", "--yes")
		cmd.Dir = b
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("--yes: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(dirState(t, a), dirState(t, b)) {
			t.Error("the wizard's defaults differ from --yes")
		}
		if _, err := generator.LoadSpec(specName, mustRead(t, filepath.Join(a, specName))); err != nil {
			t.Error(err)
		}
	})
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
