package profiles

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The syscall number tables, one per architecture of the profiles' archMap:
// sysnum/ARCH.txt, "NUMBER NAME" a line, generated from golang.org/x/sys's
// unix/zsysnum_linux_*.go (the kernel's unistd.h) by sysnum_test.go, which
// also fails when they are stale (DOCKERGEN_UPDATE=1 rewrites them).
//
//go:embed sysnum/*.txt
var sysnumFiles embed.FS

// Arches maps the audit architecture a kernel log line names (arch=...,
// AUDIT_ARCH_* of linux/audit.h) to the architecture's table name.
var Arches = map[string]string{
	"c000003e": "x86_64",  // AUDIT_ARCH_X86_64
	"c00000b7": "aarch64", // AUDIT_ARCH_AARCH64
}

// SyscallTable is one architecture's syscall numbers and names.
type SyscallTable struct {
	Arch   string
	byNum  map[int]string
	byName map[string]int
}

var sysTables = sync.OnceValues(func() (map[string]*SyscallTable, error) {
	out := map[string]*SyscallTable{}
	for _, arch := range Arches {
		data, err := sysnumFiles.ReadFile("sysnum/" + arch + ".txt")
		if err != nil {
			return nil, err
		}
		t, err := parseSysnum(arch, string(data))
		if err != nil {
			return nil, err
		}
		out[arch] = t
	}
	return out, nil
})

func parseSysnum(arch, data string) (*SyscallTable, error) {
	t := &SyscallTable{Arch: arch, byNum: map[int]string{}, byName: map[string]int{}}
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		n, err := strconv.Atoi(f[0])
		if len(f) != 2 || err != nil || n < 0 {
			return nil, fmt.Errorf("profiles/sysnum/%s.txt:%d: want NUMBER NAME, got %q", arch, i+1, line)
		}
		if old, ok := t.byNum[n]; ok {
			return nil, fmt.Errorf("profiles/sysnum/%s.txt:%d: %d is both %s and %s", arch, i+1, n, old, f[1])
		}
		t.byNum[n], t.byName[f[1]] = f[1], n
	}
	return t, nil
}

// Syscalls returns the table of an architecture (x86_64 or aarch64).
func Syscalls(arch string) (*SyscallTable, error) {
	ts, err := sysTables()
	if err != nil {
		return nil, err
	}
	t, ok := ts[arch]
	if !ok {
		return nil, fmt.Errorf("no syscall table for architecture %q (have: x86_64, aarch64)", arch)
	}
	return t, nil
}

// Name returns the name of syscall number n.
func (t *SyscallTable) Name(n int) (string, bool) {
	name, ok := t.byNum[n]
	return name, ok
}

// Number returns the number of a syscall name.
func (t *SyscallTable) Number(name string) (int, bool) {
	n, ok := t.byName[name]
	return n, ok
}

// Names returns every syscall name of the table, sorted.
func (t *SyscallTable) Names() []string {
	names := make([]string, 0, len(t.byName))
	for n := range t.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// KnownSyscall reports whether name is a syscall of x86_64 or aarch64.
func KnownSyscall(name string) bool {
	ts, err := sysTables()
	if err != nil {
		return false
	}
	for _, t := range ts {
		if _, ok := t.byName[name]; ok {
			return true
		}
	}
	return false
}
