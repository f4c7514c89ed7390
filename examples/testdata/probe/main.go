// Command probe reports how hardened the container it runs in is. dockergen's
// tests build it statically and run it inside containers started with the
// generated run settings:
//
//	CGO_ENABLED=0 go build -o probe ./examples/testdata/probe
//	docker run --rm --read-only --cap-drop ALL ... IMAGE /probe -writable /tmp
//
// It prints one JSON object on stdout and exits 0; it exits non-zero only
// when it fails itself (bad flags, output error). Fields:
//
//	uid, gid                      the process's real ids (from /proc/self/status)
//	CapEff, NoNewPrivs, Seccomp,  those lines of /proc/self/status, as text
//	Seccomp_filters               ("" when absent)
//	write_root                    creating /dg-probe-write: an errno name
//	                              (expect "EROFS") or "allowed"
//	write_paths                   for each -writable path: "ok" when a file
//	                              could be created and removed there, else
//	                              the errno name
//	denied                        for each probed call: the errno name it
//	                              returned ("EPERM", ...) or "allowed", or
//	                              "killed:SIGSYS" (signal that ended it),
//	                              "timeout", "untested:<why>"
//	errors                        anything the probe could not do itself
//
// Each call in denied runs in a forked single-threaded child that makes that
// one raw syscall and exits with its errno, so a call that succeeds changes
// nothing in the probe (a traced, unshared or re-personalised child just
// exits), unshare/setns see a single-threaded caller (a Go process has many
// threads, for which unshare(CLONE_NEWUSER) always fails with EINVAL), and a
// seccomp KILL or TRAP action ends only the child. The arguments are chosen
// so that the call does no harm even where it is allowed and privileged:
// mount is a bind of a nonexistent path, umount2 uses MNT_EXPIRE on / (the
// kernel refuses that with EINVAL), kexec_load uses invalid flags, and
// init_module an empty image. An "EPERM" can come from seccomp or from a
// missing capability; compare with a run under seccomp=unconfined to tell.
//
// amd64 only (syscall numbers and clone's argument order).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// Syscall numbers (x86_64) missing from package syscall.
const (
	sysSetns        = 308
	sysBPF          = 321
	sysUserfaultfd  = 323
	sysIOURingSetup = 425
)

const (
	cloneNewNS   = 0x00020000
	cloneNewUser = 0x10000000
	cloneNewNet  = 0x40000000
	sigchld      = 17
	sigsys       = 31
	mntExpire    = 4
	msBind       = 0x1000
	perLinux32   = 0x0008
	oCloexec     = 0x80000
)

type report struct {
	UID            int               `json:"uid"`
	GID            int               `json:"gid"`
	CapEff         string            `json:"CapEff"`
	NoNewPrivs     string            `json:"NoNewPrivs"`
	Seccomp        string            `json:"Seccomp"`
	SeccompFilters string            `json:"Seccomp_filters"`
	WriteRoot      string            `json:"write_root"`
	WritePaths     map[string]string `json:"write_paths"`
	Denied         map[string]string `json:"denied"`
	Errors         []string          `json:"errors"`
}

// call is one raw syscall made by a forked child; flags are the clone flags
// of the fork itself (SIGCHLD is added).
type call struct {
	name  string
	flags uintptr
	trap  uintptr // 0: the fork itself is the probe
	args  [6]uintptr
}

// sigaction is the kernel's struct sigaction for rt_sigaction on amd64.
type sigaction struct {
	handler  uintptr
	flags    uint64
	restorer uintptr
	mask     uint64
}

var sigDefault = &sigaction{} // SIG_DFL: a seccomp TRAP kills the child with SIGSYS

func main() {
	writable := flag.String("writable", "", "comma-separated paths where creating a file should work")
	timeout := flag.Duration("timeout", 2*time.Second, "how long to wait for each probe child")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "probe: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}

	r := report{
		UID:        -1,
		GID:        -1,
		WritePaths: map[string]string{},
		Denied:     map[string]string{},
		Errors:     []string{},
	}
	r.readStatus()
	r.WriteRoot = tryCreate("/dg-probe-write", "allowed")
	for _, p := range strings.Split(*writable, ",") {
		if p = strings.TrimSpace(p); p != "" {
			r.WritePaths[p] = tryCreate(strings.TrimRight(p, "/")+"/dg-probe-write", "ok")
		}
	}
	r.probeCalls(*timeout)

	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(&r); err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		os.Exit(1)
	}
}

func (r *report) readStatus() {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		r.Errors = append(r.Errors, "status: "+err.Error())
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Uid", "Gid":
			// The real id, from the kernel's own report: getuid itself may
			// be outside the profile under test.
			if f := strings.Fields(v); len(f) > 0 {
				if id, err := strconv.Atoi(f[0]); err == nil {
					if k == "Uid" {
						r.UID = id
					} else {
						r.GID = id
					}
				}
			}
		case "CapEff":
			r.CapEff = v
		case "NoNewPrivs":
			r.NoNewPrivs = v
		case "Seccomp":
			r.Seccomp = v
		case "Seccomp_filters":
			r.SeccompFilters = v
		}
	}
}

// tryCreate creates and removes file; it returns okWord or the errno name.
func tryCreate(file, okWord string) string {
	fd, err := syscall.Open(file, syscall.O_CREAT|syscall.O_EXCL|syscall.O_WRONLY|syscall.O_CLOEXEC, 0o600)
	if err != nil {
		return errName(err)
	}
	syscall.Close(fd)
	if err := syscall.Unlink(file); err != nil {
		return "created-but-unlink:" + errName(err)
	}
	return okWord
}

func cstr(s string) uintptr {
	p, err := syscall.BytePtrFromString(s)
	if err != nil {
		panic(err)
	}
	return uintptr(unsafe.Pointer(p))
}

func (r *report) probeCalls(timeout time.Duration) {
	// Everything a child dereferences is allocated here, before any fork,
	// and kept alive until the end (the Go heap does not move objects).
	keep := []any{}
	buf := func(n int) uintptr {
		b := make([]byte, n)
		keep = append(keep, b)
		return uintptr(unsafe.Pointer(&b[0]))
	}
	neg := func(v int32) uintptr { return uintptr(int64(v)) }

	netns := -1
	if fd, err := syscall.Open("/proc/self/ns/net", syscall.O_RDONLY|syscall.O_CLOEXEC, 0); err == nil {
		netns = fd
		defer syscall.Close(fd)
	} else {
		r.Errors = append(r.Errors, "open /proc/self/ns/net: "+err.Error())
	}

	// perf_event_attr: software dummy event on this process, user space only.
	perf := make([]byte, 128)
	keep = append(keep, perf)
	*(*uint32)(unsafe.Pointer(&perf[0])) = 1                // PERF_TYPE_SOFTWARE
	*(*uint32)(unsafe.Pointer(&perf[4])) = 128              // size
	*(*uint64)(unsafe.Pointer(&perf[8])) = 9                // PERF_COUNT_SW_DUMMY
	*(*uint64)(unsafe.Pointer(&perf[40])) = 1 | 1<<5 | 1<<6 // disabled, exclude_kernel, exclude_hv

	calls := []call{
		{name: "ptrace_traceme", trap: syscall.SYS_PTRACE, args: [6]uintptr{syscall.PTRACE_TRACEME}},
		{name: "mount", trap: syscall.SYS_MOUNT, args: [6]uintptr{cstr("/dg-probe-nonexistent"), cstr("/"), 0, msBind}},
		{name: "umount2", trap: syscall.SYS_UMOUNT2, args: [6]uintptr{cstr("/"), mntExpire}},
		{name: "unshare_newuser", trap: syscall.SYS_UNSHARE, args: [6]uintptr{cloneNewUser}},
		{name: "unshare_newns", trap: syscall.SYS_UNSHARE, args: [6]uintptr{cloneNewNS}},
		{name: "setns", trap: sysSetns, args: [6]uintptr{uintptr(netns), cloneNewNet}},
		{name: "keyctl", trap: syscall.SYS_KEYCTL, args: [6]uintptr{0 /* KEYCTL_GET_KEYRING_ID */, neg(-3) /* session */, 0}},
		{name: "add_key", trap: syscall.SYS_ADD_KEY, args: [6]uintptr{cstr("user"), cstr("dg-probe"), cstr("x"), 1, neg(-2) /* process keyring */}},
		{name: "request_key", trap: syscall.SYS_REQUEST_KEY, args: [6]uintptr{cstr("user"), cstr("dg-probe-none"), 0, 0}},
		{name: "bpf", trap: sysBPF, args: [6]uintptr{0 /* BPF_MAP_CREATE */, buf(128), 128}},
		{name: "io_uring_setup", trap: sysIOURingSetup, args: [6]uintptr{1, buf(120)}},
		{name: "perf_event_open", trap: syscall.SYS_PERF_EVENT_OPEN, args: [6]uintptr{uintptr(unsafe.Pointer(&perf[0])), 0, neg(-1), neg(-1), 8 /* FD_CLOEXEC */}},
		{name: "userfaultfd", trap: sysUserfaultfd, args: [6]uintptr{oCloexec}},
		{name: "personality", trap: syscall.SYS_PERSONALITY, args: [6]uintptr{perLinux32}},
		{name: "kexec_load", trap: syscall.SYS_KEXEC_LOAD, args: [6]uintptr{0, 0xffff, 0, 0x100}},
		{name: "init_module", trap: syscall.SYS_INIT_MODULE, args: [6]uintptr{0, 0, cstr("")}},
		{name: "clone_newuser_newnet", flags: cloneNewUser | cloneNewNet},
	}
	for i := range calls {
		r.Denied[calls[i].name] = runInChild(&calls[i], timeout)
	}
	runtime.KeepAlive(keep)
}

// runInChild forks (clone with c.flags|SIGCHLD), makes c's syscall in the
// child and returns what became of it.
func runInChild(c *call, timeout time.Duration) string {
	runtime.LockOSThread()
	var all, old uint64 = ^uint64(0), 0
	// Block signals around the fork so that the child takes none before it
	// exits (as syscall.ForkExec does).
	syscall.RawSyscall6(syscall.SYS_RT_SIGPROCMASK, 2 /* SIG_SETMASK */, uintptr(unsafe.Pointer(&all)), uintptr(unsafe.Pointer(&old)), 8, 0, 0)
	pid, errno := forkAndCall(c.flags|sigchld, c.trap, &c.args, sigDefault)
	syscall.RawSyscall6(syscall.SYS_RT_SIGPROCMASK, 2, uintptr(unsafe.Pointer(&old)), 0, 8, 0, 0)
	runtime.UnlockOSThread()
	if errno != 0 {
		if c.trap == 0 {
			return errName(errno) // the clone itself was the probe
		}
		return "untested:fork:" + errName(errno)
	}

	var ws syscall.WaitStatus
	deadline := time.Now().Add(timeout)
	for {
		wpid, err := syscall.Wait4(int(pid), &ws, syscall.WNOHANG|syscall.WALL, nil)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return "untested:wait4:" + errName(err)
		}
		if wpid == int(pid) {
			if ws.Stopped() { // a traced child stopped: let it die
				syscall.Kill(int(pid), syscall.SIGKILL)
				continue
			}
			break
		}
		if time.Now().After(deadline) {
			syscall.Kill(int(pid), syscall.SIGKILL)
			syscall.Wait4(int(pid), &ws, syscall.WALL, nil)
			return "timeout"
		}
		time.Sleep(2 * time.Millisecond)
	}
	switch {
	case ws.Signaled():
		return "killed:" + sigName(ws.Signal())
	case ws.Exited() && ws.ExitStatus() == 0:
		return "allowed"
	case ws.Exited():
		return errName(syscall.Errno(ws.ExitStatus()))
	}
	return fmt.Sprintf("untested:status:%#x", uint32(ws))
}

// forkAndCall is the fork. In the child (a copy of this one thread) it must
// not enter the Go runtime: no allocation, no stack growth, raw syscalls only.
//
//go:noinline
//go:nosplit
//go:norace
func forkAndCall(flags, trap uintptr, args *[6]uintptr, dfl *sigaction) (uintptr, syscall.Errno) {
	pid, _, errno := syscall.RawSyscall6(syscall.SYS_CLONE, flags, 0, 0, 0, 0, 0)
	if errno != 0 || pid != 0 {
		return pid, errno // parent
	}
	// Child.
	syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, sigsys, uintptr(unsafe.Pointer(dfl)), 0, 8, 0, 0)
	var code uintptr
	if trap != 0 {
		_, _, e := syscall.RawSyscall6(trap, args[0], args[1], args[2], args[3], args[4], args[5])
		code = uintptr(e) & 0xff
	}
	for {
		syscall.RawSyscall(syscall.SYS_EXIT_GROUP, code, 0, 0)
	}
}

var errnoNames = map[syscall.Errno]string{
	syscall.EPERM: "EPERM", syscall.ENOENT: "ENOENT", syscall.ESRCH: "ESRCH", syscall.EINTR: "EINTR",
	syscall.EIO: "EIO", syscall.ENOEXEC: "ENOEXEC", syscall.EBADF: "EBADF", syscall.ECHILD: "ECHILD",
	syscall.EAGAIN: "EAGAIN", syscall.ENOMEM: "ENOMEM", syscall.EACCES: "EACCES", syscall.EFAULT: "EFAULT",
	syscall.EBUSY: "EBUSY", syscall.EEXIST: "EEXIST", syscall.ENODEV: "ENODEV", syscall.ENOTDIR: "ENOTDIR",
	syscall.EISDIR: "EISDIR", syscall.EINVAL: "EINVAL", syscall.EMFILE: "EMFILE", syscall.ENOSPC: "ENOSPC",
	syscall.EROFS: "EROFS", syscall.ENOSYS: "ENOSYS", syscall.EOPNOTSUPP: "EOPNOTSUPP",
	syscall.EDQUOT: "EDQUOT", syscall.ENOKEY: "ENOKEY", syscall.EKEYREVOKED: "EKEYREVOKED",
	syscall.EKEYREJECTED: "EKEYREJECTED", syscall.EKEYEXPIRED: "EKEYEXPIRED", syscall.EUSERS: "EUSERS",
	syscall.ENFILE: "ENFILE", syscall.E2BIG: "E2BIG", syscall.ENXIO: "ENXIO",
}

func errName(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		err = pe.Err
	}
	if e, ok := err.(syscall.Errno); ok {
		if n, ok := errnoNames[e]; ok {
			return n
		}
		return fmt.Sprintf("errno%d", int(e))
	}
	return err.Error()
}

func sigName(s syscall.Signal) string {
	switch s {
	case syscall.SIGSYS:
		return "SIGSYS"
	case syscall.SIGKILL:
		return "SIGKILL"
	case syscall.SIGSEGV:
		return "SIGSEGV"
	case syscall.SIGABRT:
		return "SIGABRT"
	case syscall.SIGTRAP:
		return "SIGTRAP"
	}
	return fmt.Sprintf("signal%d", int(s))
}
