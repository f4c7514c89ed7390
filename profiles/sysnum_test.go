package profiles_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/profiles"
)

// notSyscalls are constants of zsysnum_linux_*.go that name no syscall:
// arm64's __NR_arch_specific_syscall is the first number reserved for
// architecture-specific calls, a placeholder.
var notSyscalls = map[string]bool{"arch_specific_syscall": true}

// zsysnum maps each table to golang.org/x/sys's file for it.
var zsysnum = map[string]string{"x86_64": "zsysnum_linux_amd64.go", "aarch64": "zsysnum_linux_arm64.go"}

var sysConstRE = regexp.MustCompile(`(?m)^\s*SYS_([A-Z0-9_]+)\s*=\s*([0-9]+)\s*$`)

// TestSysnumCurrent regenerates profiles/sysnum/ARCH.txt from the
// golang.org/x/sys version go.mod requires and fails when the committed
// tables differ (DOCKERGEN_UPDATE=1 rewrites them).
func TestSysnumCurrent(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}}@{{.Version}} {{.Dir}}", "golang.org/x/sys").Output()
	if err != nil {
		t.Fatalf("go list -m golang.org/x/sys: %v (the module must be downloaded: go mod download golang.org/x/sys)", err)
	}
	mod, dir, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if dir == "" {
		t.Fatalf("golang.org/x/sys is not in the module cache (go mod download golang.org/x/sys)")
	}
	for arch, file := range zsysnum {
		src, err := os.ReadFile(filepath.Join(dir, "unix", file))
		if err != nil {
			t.Fatal(err)
		}
		type entry struct {
			n    int
			name string
		}
		var ents []entry
		for _, m := range sysConstRE.FindAllStringSubmatch(string(src), -1) {
			name := strings.ToLower(m[1])
			if notSyscalls[name] {
				continue
			}
			n, _ := strconv.Atoi(m[2])
			ents = append(ents, entry{n, name})
		}
		if len(ents) < 250 {
			t.Fatalf("%s: only %d syscalls parsed from %s", arch, len(ents), file)
		}
		sort.Slice(ents, func(i, j int) bool { return ents[i].n < ents[j].n })
		var b strings.Builder
		fmt.Fprintf(&b, "# %s syscall numbers: generated from %s unix/%s by\n# profiles/sysnum_test.go (DOCKERGEN_UPDATE=1 go test ./profiles). Do not edit.\n", arch, mod, file)
		for _, e := range ents {
			fmt.Fprintf(&b, "%d %s\n", e.n, e.name)
		}
		path := filepath.Join("sysnum", arch+".txt")
		if os.Getenv("DOCKERGEN_UPDATE") == "1" {
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != b.String() {
			t.Errorf("profiles/%s is stale against %s: run DOCKERGEN_UPDATE=1 go test ./profiles", path, mod)
		}
	}
}

// TestSysnumCoversLibseccomp: every name libseccomp (what runc loads a
// profile with) knows on an architecture has a number in its table, and the
// numbers of a few well-known calls are right.
func TestSysnumCoversLibseccomp(t *testing.T) {
	for _, arch := range []string{"x86_64", "aarch64"} {
		tab, err := profiles.Syscalls(arch)
		if err != nil {
			t.Fatal(err)
		}
		for n := range archSyscalls(t, arch) {
			if _, ok := tab.Number(n); !ok {
				t.Errorf("%s: libseccomp's %s has no number in profiles/sysnum/%s.txt", arch, n, arch)
			}
		}
	}
	for _, c := range []struct {
		arch string
		n    int
		name string
	}{
		{"x86_64", 0, "read"}, {"x86_64", 140, "getpriority"}, {"x86_64", 141, "setpriority"}, {"x86_64", 149, "mlock"}, {"x86_64", 262, "newfstatat"}, {"x86_64", 435, "clone3"},
		{"aarch64", 63, "read"}, {"aarch64", 79, "newfstatat"}, {"aarch64", 140, "setpriority"}, {"aarch64", 228, "mlock"}, {"aarch64", 435, "clone3"},
	} {
		tab, _ := profiles.Syscalls(c.arch)
		if got, ok := tab.Name(c.n); !ok || got != c.name {
			t.Errorf("%s syscall %d = %q, want %s", c.arch, c.n, got, c.name)
		}
	}
	if _, ok := profiles.Arches["c000003e"]; !ok {
		t.Error("no table for AUDIT_ARCH_X86_64")
	}
	if profiles.KnownSyscall("setpriority") != true || profiles.KnownSyscall("frobnicate") {
		t.Error("KnownSyscall is wrong about setpriority or frobnicate")
	}
	if _, err := profiles.Syscalls("mips"); err == nil {
		t.Error("a table for mips")
	}
}
