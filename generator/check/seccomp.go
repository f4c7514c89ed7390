package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/dockergen/dockergen/profiles"
	"github.com/moby/profiles/seccomp"
	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// deniedSyscalls is dockergen's list of syscalls no profile may allow: the
// 'denied' list of profiles/base.yaml, the same one the generator enforces.
var deniedSyscalls = sync.OnceValues(func() ([]string, error) {
	p, err := profiles.Load("base")
	if err != nil {
		return nil, err
	}
	return slices.Clone(p.Denied), nil
})

// DeniedSyscalls returns the syscalls that rule DG302 flags when a profile
// allows them: profiles/base.yaml's denied list.
func DeniedSyscalls() []string {
	d, _ := deniedSyscalls()
	return slices.Clone(d)
}

// namespaceFlags are CLONE_NEWNS|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWCGROUP.
const namespaceFlags = 0x7E020000

// errnoENOSYS is the errno that makes glibc fall back from clone3 to clone.
const errnoENOSYS = 38

// Seccomp checks a seccomp profile in Docker's JSON format (moby's types)
// and returns its findings, sorted. name is the path shown in findings. It
// fails when data is not JSON, has no defaultAction, or is a profile the
// engine's own loader refuses.
func Seccomp(name string, data []byte) (findings []Finding, err error) {
	defer recoverBug(name, &err)
	if err := textInput(name, data); err != nil {
		return nil, err
	}
	var p seccomp.Seccomp
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: not valid JSON: %w", name, err)
	}
	if p.DefaultAction == "" {
		return nil, fmt.Errorf("%s: not a seccomp profile: no defaultAction", name)
	}
	if err := validActions(&p); err != nil {
		return nil, fmt.Errorf("%s: not a valid seccomp profile: %w", name, err)
	}
	if _, err := seccomp.LoadProfile(string(data), &specs.Spec{Process: &specs.Process{Capabilities: &specs.LinuxCapabilities{}}}); err != nil {
		return nil, fmt.Errorf("%s: not a valid seccomp profile: %w", name, err)
	}
	denied, err := deniedSyscalls()
	if err != nil {
		return nil, fmt.Errorf("dockergen's seccomp data: %w", err)
	}
	pos := jsonPositions(data)
	r := &reporter{file: name}
	at := func(rule *Rule, path string, format string, args ...any) {
		off, ok := pos[path]
		if !ok {
			off = pos["defaultAction"]
		}
		line, col := lineCol(data, off)
		r.add(rule, line, col, format, args...)
	}
	defaultAllows := p.DefaultAction == specs.ActAllow || p.DefaultAction == specs.ActLog
	if defaultAllows {
		at(RuleSeccompDefaultAllow, "defaultAction", "defaultAction is %s: every syscall the profile does not list is allowed", p.DefaultAction)
	}
	clone3Listed := false
	for i, sc := range p.Syscalls {
		if sc == nil {
			continue
		}
		names := slices.Clone(sc.Names)
		if sc.Name != "" {
			names = append(names, sc.Name)
		}
		allows := sc.Action == specs.ActAllow || sc.Action == specs.ActLog
		conditional := sc.Includes != nil && len(sc.Includes.Caps) > 0
		rulePath := "syscalls." + strconv.Itoa(i)
		for j, n := range names {
			namePath := rulePath + ".names." + strconv.Itoa(j)
			if j >= len(sc.Names) {
				namePath = rulePath + ".name"
			}
			if allows && !conditional && len(sc.Args) == 0 && slices.Contains(denied, n) {
				at(RuleSeccompDangerous, namePath, "syscall %s is allowed", n)
			}
			switch n {
			case "clone":
				if allows && !conditional && !namespaceFiltered(sc.Args) {
					at(RuleSeccompClone, rulePath, "clone is allowed without a filter on its namespace flags")
				}
			case "clone3":
				clone3Listed = true
				switch {
				case conditional:
				case allows:
					at(RuleSeccompClone, rulePath, "clone3 is allowed: seccomp cannot see its flags, so it can create namespaces")
				case sc.Action == specs.ActErrno:
					if e := errnoOf(sc.ErrnoRet); e != errnoENOSYS {
						at(RuleSeccompClone3, rulePath, "clone3 is refused with errno %d, not ENOSYS (38)", e)
					}
				case killsOrTraps(sc.Action):
					at(RuleSeccompClone3, rulePath, "clone3 gets %s instead of ENOSYS (38)", sc.Action)
				}
			}
		}
	}
	if !clone3Listed && !defaultAllows {
		switch {
		case p.DefaultAction == specs.ActErrno:
			if e := errnoOf(p.DefaultErrnoRet); e != errnoENOSYS {
				at(RuleSeccompClone3, "defaultAction", "clone3 is not listed, so the default action refuses it with errno %d, not ENOSYS (38)", e)
			}
		case killsOrTraps(p.DefaultAction):
			at(RuleSeccompClone3, "defaultAction", "clone3 is not listed, so it gets the default action %s instead of ENOSYS (38)", p.DefaultAction)
		}
	}
	Sort(r.findings)
	return r.findings, nil
}

var (
	seccompActions = []specs.LinuxSeccompAction{specs.ActKill, specs.ActKillProcess, specs.ActKillThread, specs.ActTrap, specs.ActErrno, specs.ActTrace, specs.ActAllow, specs.ActLog, specs.ActNotify}
	seccompOps     = []specs.LinuxSeccompOperator{specs.OpNotEqual, specs.OpLessThan, specs.OpLessEqual, specs.OpEqualTo, specs.OpGreaterEqual, specs.OpGreaterThan, specs.OpMaskedEqual}
)

// validActions checks the action and operator names, which the engine's
// loader passes on unchecked and the runtime refuses when the container
// starts.
func validActions(p *seccomp.Seccomp) error {
	if !slices.Contains(seccompActions, p.DefaultAction) {
		return fmt.Errorf("defaultAction %q is not a seccomp action", p.DefaultAction)
	}
	for i, sc := range p.Syscalls {
		if sc == nil {
			continue
		}
		if !slices.Contains(seccompActions, sc.Action) {
			return fmt.Errorf("syscalls[%d]: action %q is not a seccomp action", i, sc.Action)
		}
		for _, a := range sc.Args {
			if !slices.Contains(seccompOps, a.Op) {
				return fmt.Errorf("syscalls[%d]: op %q is not a seccomp comparison", i, a.Op)
			}
		}
	}
	return nil
}

// errnoOf is the errno an SCMP_ACT_ERRNO returns: EPERM unless set.
func errnoOf(ret *uint) uint {
	if ret == nil {
		return 1
	}
	return *ret
}

func killsOrTraps(a specs.LinuxSeccompAction) bool {
	return a == specs.ActKill || a == specs.ActKillProcess || a == specs.ActKillThread || a == specs.ActTrap
}

// namespaceFiltered reports whether clone's flags argument is filtered so
// that no namespace flag may be set (as in Docker's and dockergen's
// profiles): MASKED_EQ with a mask covering every namespace flag and an
// expected value with none of them.
func namespaceFiltered(args []specs.LinuxSeccompArg) bool {
	for _, a := range args {
		if a.Op == specs.OpMaskedEqual && a.Index <= 1 && a.Value&namespaceFlags == namespaceFlags && a.ValueTwo&namespaceFlags == 0 {
			return true
		}
	}
	return false
}

// jsonPositions maps the path of every JSON value ("defaultAction",
// "syscalls.3", "syscalls.3.names.1") to the byte offset where it starts.
func jsonPositions(data []byte) map[string]int {
	type frame struct {
		path      string
		array     bool
		index     int
		key       string
		expectKey bool
	}
	pos := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	for {
		start := int(dec.InputOffset())
		for start < len(data) && bytes.IndexByte([]byte(" \t\r\n:,"), data[start]) >= 0 {
			start++
		}
		tok, err := dec.Token()
		if err != nil {
			return pos
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		path := ""
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			switch {
			case top.array:
				path = joinPath(top.path, strconv.Itoa(top.index))
				top.index++
			case top.expectKey:
				top.key, _ = tok.(string)
				top.expectKey = false
				continue
			default:
				path = joinPath(top.path, top.key)
				top.expectKey = true
			}
		}
		pos[path] = start
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &frame{path: path, array: d == '[', expectKey: d == '{'})
		}
	}
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// lineCol converts a byte offset to a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}
