package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
)

// The write path of issue 7: atomic writes (temporary file and rename in
// the same directory), never through a symbolic link, never clobbering
// without --force, modes 0644 and 0755 for run.sh, and an interrupted or
// failing run leaves every file either old or new.

var outputNames = []string{".dockerignore", "DOCKER-SECURITY.md", "Dockerfile", "compose.yaml", "run.sh", "seccomp.json"}

func contents(tag string) generator.Files {
	f := generator.Files{}
	for _, n := range outputNames {
		f[n] = []byte(fmt.Sprintf("%s %s\n", tag, n))
	}
	return f
}

// entry is what a directory holds under one name.
type entry struct {
	data   string
	mode   fs.FileMode
	link   string // the target, for a symbolic link
	isDir  bool
	mtimeN int64
}

func snapshot(t *testing.T, dir string) map[string]entry {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]entry{}
	for _, de := range des {
		p := filepath.Join(dir, de.Name())
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		e := entry{mode: fi.Mode(), mtimeN: fi.ModTime().UnixNano()}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			e.link, _ = os.Readlink(p)
		case fi.IsDir():
			e.isDir = true
		default:
			b, _ := os.ReadFile(p)
			e.data = string(b)
		}
		out[de.Name()] = e
	}
	return out
}

func names[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sameSnapshot(t *testing.T, what string, got, want map[string]entry) {
	t.Helper()
	if fmt.Sprint(names(got)) != fmt.Sprint(names(want)) {
		t.Errorf("%s: directory holds %v, want %v", what, names(got), names(want))
		return
	}
	for n, w := range want {
		if g := got[n]; g != w {
			t.Errorf("%s: %s changed: %+v, want %+v", what, n, g, w)
		}
	}
}

func writeAll(t *testing.T, dir string, files generator.Files, mode func(string) fs.FileMode) {
	t.Helper()
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, mode(n)); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, n), mode(n)); err != nil {
			t.Fatal(err)
		}
	}
}

func code(err error) int {
	var ee *exitError
	if err == nil {
		return 0
	}
	if errors.As(err, &ee) {
		return ee.code
	}
	return -1
}

// noTemps fails when a temporary file of writeFiles is left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		if strings.Contains(de.Name(), ".dockergen-") {
			t.Errorf("temporary file %s left behind", de.Name())
		}
	}
}

// eachOldOrNew checks that every output is wholly the old or the new
// version, and returns how many are new.
func eachOldOrNew(t *testing.T, dir string, old, new generator.Files) int {
	t.Helper()
	fresh := 0
	for _, n := range outputNames {
		b, err := os.ReadFile(filepath.Join(dir, n))
		switch {
		case err != nil:
			t.Errorf("%s: %v", n, err)
		case bytes.Equal(b, new[n]):
			fresh++
		case !bytes.Equal(b, old[n]):
			t.Errorf("%s is neither the old nor the new file: %q", n, b)
		}
	}
	return fresh
}

// hook replaces a package variable for one test.
func hook[T any](t *testing.T, v *T, f T) {
	old := *v
	*v = f
	t.Cleanup(func() { *v = old })
}

func TestWriteCreatesWithModes(t *testing.T) {
	old := syscall.Umask(0o077) // the modes must not depend on the umask
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "out", "sub")
	res, err := writeFiles(dir, contents("new"), false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.created) != fmt.Sprint(outputNames) {
		t.Errorf("created %v, want %v", res.created, outputNames)
	}
	for n, e := range snapshot(t, dir) {
		want := fs.FileMode(0o644)
		if n == "run.sh" {
			want = 0o755
		}
		if e.mode != want {
			t.Errorf("%s has mode %v, want %v", n, e.mode, want)
		}
	}
	noTemps(t, dir)

	// A second run changes nothing, not even a modification time.
	before := snapshot(t, dir)
	time.Sleep(10 * time.Millisecond)
	res, err = writeFiles(dir, contents("new"), false, io.Discard)
	if err != nil || len(res.unchanged) != len(outputNames) {
		t.Fatalf("second run: %v, %+v", err, res)
	}
	sameSnapshot(t, "second run", snapshot(t, dir), before)
}

func TestWriteNeverClobbersWithoutForce(t *testing.T) {
	dir := t.TempDir()
	old := contents("old")
	delete(old, "seccomp.json") // one file is new: it must not be created either
	writeAll(t, dir, old, fileMode)
	before := snapshot(t, dir)
	_, err := writeFiles(dir, contents("new"), false, io.Discard)
	if code(err) != exitFail || !strings.Contains(err.Error(), "would overwrite") || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("got %v (exit %d), want a refusal with exit 1", err, code(err))
	}
	sameSnapshot(t, "refused", snapshot(t, dir), before)

	// A file that differs only in its mode is not clobbered either.
	dir2 := t.TempDir()
	writeAll(t, dir2, contents("new"), func(string) fs.FileMode { return 0o600 })
	before = snapshot(t, dir2)
	if _, err := writeFiles(dir2, contents("new"), false, io.Discard); code(err) != exitFail {
		t.Errorf("mode-only change: %v, want a refusal", err)
	}
	sameSnapshot(t, "mode-only", snapshot(t, dir2), before)

	// --force replaces them all, with the right modes.
	res, err := writeFiles(dir, contents("new"), true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.updated) != 5 || len(res.created) != 1 {
		t.Errorf("force: %+v", res)
	}
	if n := eachOldOrNew(t, dir, old, contents("new")); n != len(outputNames) {
		t.Errorf("%d files new after --force, want all", n)
	}
	if _, err := writeFiles(dir2, contents("new"), true, io.Discard); err != nil {
		t.Fatal(err)
	}
	if e := snapshot(t, dir2)["run.sh"]; e.mode != 0o755 {
		t.Errorf("run.sh mode %v after --force, want 0755", e.mode)
	}
}

// TestWriteNeverThroughSymlinks: a symbolic link in place of an output,
// to a file outside the output directory, to a file that does not exist
// yet (writing through it would create it), to a directory, or to a file
// inside: without --force nothing is written at all; with --force the link
// itself is replaced by a regular file and no target is touched.
func TestWriteNeverThroughSymlinks(t *testing.T) {
	root := t.TempDir()
	dir, outside := filepath.Join(root, "out"), filepath.Join(root, "outside")
	for _, d := range []string{dir, outside, filepath.Join(outside, "dir")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(outside, "authorized_keys")
	if err := os.WriteFile(secret, []byte("precious\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "inside.txt"), []byte("inside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"Dockerfile":         secret,                                  // an existing file outside
		"run.sh":             "../outside/authorized_keys",            // the same, relative
		"compose.yaml":       filepath.Join(outside, "not-yet-there"), // dangling: would be created
		"seccomp.json":       filepath.Join(outside, "dir"),           // a directory outside
		"DOCKER-SECURITY.md": "inside.txt",                            // a file inside
	}
	for n, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, n)); err != nil {
			t.Fatal(err)
		}
	}
	outsideBefore, dirBefore := snapshot(t, outside), snapshot(t, dir)

	_, err := writeFiles(dir, contents("new"), false, io.Discard)
	if code(err) != exitFail || !strings.Contains(err.Error(), "is a symbolic link; refusing to write through it") {
		t.Fatalf("got %v (exit %d), want a refusal with exit 1", err, code(err))
	}
	sameSnapshot(t, "outside, without --force", snapshot(t, outside), outsideBefore)
	sameSnapshot(t, "output directory, without --force", snapshot(t, dir), dirBefore)

	if _, err := writeFiles(dir, contents("new"), true, io.Discard); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "outside, with --force", snapshot(t, outside), outsideBefore)
	after := snapshot(t, dir)
	for n := range links {
		if e := after[n]; e.link != "" || e.data != string(contents("new")[n]) {
			t.Errorf("%s after --force: %+v, want a regular file with the new content", n, e)
		}
	}
	if after["inside.txt"].data != "inside\n" {
		t.Errorf("inside.txt was written through a link")
	}
	noTemps(t, dir)
}

func TestWriteRefusesDirectoriesAndBadNames(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "Dockerfile"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	if _, err := writeFiles(dir, contents("new"), true, io.Discard); code(err) != exitUsage || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("got %v, want exit 2 for a directory in the way", err)
	}
	sameSnapshot(t, "directory in the way", snapshot(t, dir), before)
	for _, bad := range []string{"../escape", "sub/file", "..", "."} {
		files := contents("new")
		files[bad] = []byte("x")
		if _, err := writeFiles(t.TempDir(), files, true, io.Discard); err == nil || !strings.Contains(err.Error(), "not a plain file name") {
			t.Errorf("name %q: %v", bad, err)
		}
	}
}

// TestWriteReadOnlyDirectory: the tests run as root, where permission bits
// do not stop a write, so as root the output directory is one on sysfs,
// which refuses to create files for everyone (EACCES); as another user it
// is a directory with mode 0555. A simulated read-only file system (EROFS
// from the temporary-file hook) checks that existing files are untouched.
func TestWriteReadOnlyDirectory(t *testing.T) {
	t.Run("real", func(t *testing.T) {
		dir := t.TempDir()
		if os.Geteuid() == 0 {
			dir = "/sys/kernel"
			if _, err := os.Stat(dir); err != nil {
				t.Skip("no sysfs:", err)
			}
		} else {
			if err := os.Chmod(dir, 0o555); err != nil {
				t.Fatal(err)
			}
			defer os.Chmod(dir, 0o755)
		}
		before := snapshot(t, dir)
		_, err := writeFiles(dir, contents("new"), false, io.Discard)
		if code(err) != exitFail || !strings.Contains(err.Error(), "nothing was changed") {
			t.Fatalf("got %v (exit %d), want a write error with exit 1", err, code(err))
		}
		sameSnapshot(t, dir, snapshot(t, dir), before)
	})
	t.Run("simulated EROFS", func(t *testing.T) {
		dir := t.TempDir()
		old := contents("old")
		writeAll(t, dir, old, fileMode)
		before := snapshot(t, dir)
		hook(t, &createTemp, func(d, pattern string) (*os.File, error) {
			return nil, &fs.PathError{Op: "open", Path: filepath.Join(d, pattern), Err: syscall.EROFS}
		})
		_, err := writeFiles(dir, contents("new"), true, io.Discard)
		if code(err) != exitFail || !strings.Contains(err.Error(), "read-only file system; nothing was changed") {
			t.Fatalf("got %v, want a write error with exit 1", err)
		}
		sameSnapshot(t, "read-only", snapshot(t, dir), before)
	})
}

// TestWriteDiskFull: the third temporary file fills the disk half-way.
// Every file stays old and no temporary file is left.
func TestWriteDiskFull(t *testing.T) {
	dir := t.TempDir()
	old := contents("old")
	writeAll(t, dir, old, fileMode)
	before := snapshot(t, dir)
	calls := 0
	hook(t, &writeData, func(f *os.File, b []byte) (int, error) {
		calls++
		if calls == 3 {
			n, _ := f.Write(b[:len(b)/2])
			return n, syscall.ENOSPC
		}
		return f.Write(b)
	})
	_, err := writeFiles(dir, contents("new"), true, io.Discard)
	if code(err) != exitFail || !strings.Contains(err.Error(), "no space left on device; nothing was changed") {
		t.Fatalf("got %v (exit %d), want a write error with exit 1", err, code(err))
	}
	sameSnapshot(t, "disk full", snapshot(t, dir), before)
}

// TestWriteRenameFails: a rename fails after two succeeded. Each file is
// old or new, never a mix within a file; the message says how many were
// replaced; no temporary file is left. (Across files the result is mixed:
// the renames of several files cannot be one atomic step.)
func TestWriteRenameFails(t *testing.T) {
	dir := t.TempDir()
	old := contents("old")
	writeAll(t, dir, old, fileMode)
	calls := 0
	hook(t, &renameFile, func(from, to string) error {
		calls++
		if calls == 3 {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
		}
		return os.Rename(from, to)
	})
	_, err := writeFiles(dir, contents("new"), true, io.Discard)
	if code(err) != exitFail || !strings.Contains(err.Error(), "(2 of 6 files were replaced)") {
		t.Fatalf("got %v (exit %d)", err, code(err))
	}
	if n := eachOldOrNew(t, dir, old, contents("new")); n != 2 {
		t.Errorf("%d files are new, want 2", n)
	}
	noTemps(t, dir)
}

// TestWriteInterruptBetweenRenames: an interrupt (Ctrl-C) after the first
// rename is held until every file is renamed; then the run ends with exit
// status 130 and all files new.
func TestWriteInterruptBetweenRenames(t *testing.T) {
	dir := t.TempDir()
	old := contents("old")
	writeAll(t, dir, old, fileMode)
	// Our own registration keeps a late signal from killing the test, and
	// tells us when the signal has been delivered.
	delivered := make(chan os.Signal, 1)
	signal.Notify(delivered, os.Interrupt)
	defer signal.Stop(delivered)
	calls := 0
	hook(t, &renameFile, func(from, to string) error {
		calls++
		if calls == 2 {
			if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
				t.Error(err)
			}
			select {
			case <-delivered:
				time.Sleep(50 * time.Millisecond) // every registered channel has it
			case <-time.After(5 * time.Second):
				t.Error("SIGINT was not delivered")
			}
		}
		return os.Rename(from, to)
	})
	res, err := writeFiles(dir, contents("new"), true, io.Discard)
	if code(err) != 130 || !strings.Contains(err.Error(), "interrupted after all files were written") {
		t.Fatalf("got %v (exit %d), want exit 130", err, code(err))
	}
	if res == nil || len(res.updated) != len(outputNames) {
		t.Errorf("result %+v, want all updated", res)
	}
	if n := eachOldOrNew(t, dir, old, contents("new")); n != len(outputNames) {
		t.Errorf("%d files new, want all", n)
	}
	noTemps(t, dir)
}

// TestWriteCtrlC sends a real SIGINT from outside to a helper process (this
// test binary, running TestWriteHelperProcess) that is writing, once while
// it writes the temporary files and once between two renames. In both
// cases it exits 130; each file is old (first case: all of them) or new
// (second case: all of them), and no temporary file is left.
func TestWriteCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, c := range []struct {
		phase   string
		wantNew int
	}{
		{"write", 0},
		{"rename", len(outputNames)},
	} {
		t.Run(c.phase, func(t *testing.T) {
			dir := t.TempDir()
			old := contents("old")
			writeAll(t, dir, old, fileMode)
			marker := filepath.Join(t.TempDir(), "ready")
			cmd := exec.Command(os.Args[0], "-test.run=^TestWriteHelperProcess$")
			cmd.Env = append(os.Environ(), "DOCKERGEN_WRITE_HELPER="+c.phase, "DOCKERGEN_WRITE_DIR="+dir, "DOCKERGEN_WRITE_MARKER="+marker)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for {
				if _, err := os.Stat(marker); err == nil {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("the helper never reached the %s phase: %s", c.phase, stderr.String())
				}
				time.Sleep(5 * time.Millisecond)
			}
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 130 {
				t.Errorf("helper ended with %v, want exit status 130\n%s", err, stderr.String())
			}
			if n := eachOldOrNew(t, dir, old, contents("new")); n != c.wantNew {
				t.Errorf("%d files new, want %d", n, c.wantNew)
			}
			noTemps(t, dir)
		})
	}
}

// TestWriteHelperProcess is the process TestWriteCtrlC interrupts: it runs
// writeFiles with --force, pausing in the phase it is told, and exits with
// the status the CLI would.
func TestWriteHelperProcess(t *testing.T) {
	phase := os.Getenv("DOCKERGEN_WRITE_HELPER")
	if phase == "" {
		t.Skip("helper process for TestWriteCtrlC")
	}
	marker := os.Getenv("DOCKERGEN_WRITE_MARKER")
	pause := func() {
		os.WriteFile(marker, nil, 0o644)
		time.Sleep(2 * time.Second) // the signal arrives meanwhile
	}
	calls := 0
	switch phase {
	case "write":
		writeData = func(f *os.File, b []byte) (int, error) {
			if calls++; calls == 2 {
				pause()
			}
			return f.Write(b)
		}
	case "rename":
		renameFile = func(from, to string) error {
			if calls++; calls == 2 {
				pause()
			}
			return os.Rename(from, to)
		}
	}
	_, err := writeFiles(os.Getenv("DOCKERGEN_WRITE_DIR"), contents("new"), true, io.Discard)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code(err))
}
