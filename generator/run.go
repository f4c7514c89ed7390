package generator

import (
	"fmt"
	"strconv"
	"strings"
)

// RunSettings are the hardened run-time settings of a container: the one
// source of truth for run.sh, compose.yaml and DOCKER-SECURITY.md.
type RunSettings struct {
	Image       string
	Container   string
	Dockerfile  string
	Context     string
	User        string
	Tmpfs       []string // path:options
	SecurityOpt []string
	Memory      string
	CPUs        string
	Pids        int
	Ports       []string // hostIP:hostPort:containerPort
	// PassEnv are the variables passed from the caller's environment.
	PassEnv []string
	Restart string
	// Health is the healthcheck of both the image (HEALTHCHECK) and
	// compose.yaml; nil means the image has none (HEALTHCHECK NONE,
	// disable: true).
	Health *Health
	// Flags are the docker run flags, each with its value if it takes one.
	Flags [][]string
}

// Health is a healthcheck: the exec-form probe and its timing.
type Health struct {
	Test                           []string
	Interval, Timeout, StartPeriod string
	Retries                        int
}

// PublishHost is where ports are published by default: this host only.
const PublishHost = "127.0.0.1"

// NewRunSettings derives the run settings from a valid spec. context is the
// build context relative to the directory of run.sh.
func NewRunSettings(s *Spec, context string) RunSettings {
	r := RunSettings{
		Image:       s.Name + ":local",
		Container:   s.Name,
		Dockerfile:  "Dockerfile",
		Context:     context,
		User:        fmt.Sprintf("%d:%d", s.User.UID, s.User.GID),
		SecurityOpt: []string{"no-new-privileges:true", "seccomp=seccomp.json"},
		Memory:      s.Resources.Memory,
		CPUs:        s.Resources.CPUs,
		Pids:        s.Resources.Pids,
		Restart:     "on-failure:5",
		Health:      newHealth(s),
		PassEnv:     s.PassEnv,
	}
	for _, w := range s.Writable {
		r.Tmpfs = append(r.Tmpfs, fmt.Sprintf("%s:rw,noexec,nosuid,nodev,size=64m,uid=%d,gid=%d,mode=0700", w, s.User.UID, s.User.GID))
	}
	for _, p := range s.Ports {
		r.Ports = append(r.Ports, fmt.Sprintf("%s:%d:%d", PublishHost, p, p))
	}
	flag := func(words ...string) { r.Flags = append(r.Flags, words) }
	flag("--read-only")
	for _, t := range r.Tmpfs {
		flag("--tmpfs", t)
	}
	flag("--cap-drop", "ALL")
	for _, o := range r.SecurityOpt {
		flag("--security-opt", o)
	}
	flag("--memory", r.Memory)
	flag("--memory-swap", r.Memory)
	flag("--cpus", r.CPUs)
	flag("--pids-limit", strconv.Itoa(r.Pids))
	flag("--user", r.User)
	for _, e := range r.PassEnv {
		flag("--env", e)
	}
	for _, p := range r.Ports {
		flag("--publish", p)
	}
	flag("--restart", r.Restart)
	return r
}

// Argv returns the docker run flags as one argument list.
func (r RunSettings) Argv() []string {
	var argv []string
	for _, f := range r.Flags {
		argv = append(argv, f...)
	}
	return argv
}

// newHealth returns a valid spec's healthcheck: its command, or its path
// probed on the first port with the stack's HTTP client; nil when it has
// none.
func newHealth(s *Spec) *Health {
	h := s.Healthcheck
	var test []string
	switch {
	case h.Disabled:
		return nil
	case len(h.Command) > 0:
		test = h.Command
	case h.Path != "":
		st := stacks[s.Stack]
		_, _, interp, err := st.images(s)
		if err != nil || st.HTTPProbe == nil {
			return nil // not a valid spec; Generate has refused it already
		}
		test = st.HTTPProbe(interp, fmt.Sprintf("http://127.0.0.1:%d%s", s.Ports[0], h.Path))
	default:
		return nil
	}
	return &Health{Test: test, Interval: h.Interval, Timeout: h.Timeout, StartPeriod: h.StartPeriod, Retries: h.Retries}
}

// ComposeTest is the probe as Compose's healthcheck test: exec form, CMD
// first, each $ doubled so that Compose's interpolation gives back the
// image's probe unchanged.
func (h Health) ComposeTest() []string {
	test := []string{"CMD"}
	for _, w := range h.Test {
		test = append(test, strings.ReplaceAll(w, "$", "$$"))
	}
	return test
}
