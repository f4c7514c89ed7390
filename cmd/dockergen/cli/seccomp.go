package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dockergen/dockergen/generator"
	"github.com/dockergen/dockergen/profiles"
	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

type seccompLearnOptions struct {
	file, outDir  string
	image         string
	exercise      string
	duration      time.Duration
	healthTimeout time.Duration
	write, force  bool
	kernelLog     string
	docker        string
	// openLog opens the kernel log; tests replace it.
	openLog func(path string) (kernelLog, error)
}

// kernelLog is the kernel's log from the moment it was opened.
type kernelLog interface {
	// Lines returns the lines logged since the last call.
	Lines() ([]string, error)
	// Overrun reports whether records were lost before they were read.
	Overrun() bool
	Close() error
}

func newSeccompCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "seccomp",
		Short: "Work with the generated seccomp profile",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newSeccompLearnCmd(e))
	return cmd
}

func newSeccompLearnCmd(e *env) *cobra.Command {
	o := &seccompLearnOptions{openLog: openKernelLog}
	cmd := &cobra.Command{
		Use:   "learn [-f dockergen.yaml] [--exercise CMD] [--write]",
		Short: "Find the syscalls an app needs beyond its profile, and allow them in the spec",
		Long: `learn runs the app under its generated run settings (read-only root, tmpfs,
--cap-drop ALL, no-new-privileges, its user and limits) with its seccomp
profile turned into a logging one: the generated allowlist and rules are kept,
and every other syscall, one the real profile would refuse with EPERM, is
allowed but logged by the kernel (SCMP_ACT_LOG). It waits for the app's
healthcheck, drives it with --exercise for at most --duration, stops it, and
reads the kernel's seccomp records (type=1326) of the container's processes.

A record is the container's when its pid was one of the container's processes
(its cgroup's cgroup.procs, read every 100 ms while it ran). A record of a
process that lived too briefly to be seen is kept when it falls within the
run and has the container's uid; the table marks those "by time+uid".

Each call found is mapped to its name for the record's architecture (x86_64
or aarch64) and added to the spec's seccomp.allow with a reason: generate then
allows it with its whole family (profiles/families.yaml). A call on dockergen's
denied list (ptrace, mount, bpf, personality ...) is reported and never added.
learn then runs the app again under the new profile, with the default action
EPERM again, and checks that it holds: the healthcheck passes and the exercise
exits 0.

Without --write nothing is written: learn prints what it would add and the
spec's diff. With --write it updates the spec (comments kept) and the generated
files that change (seccomp.json, DOCKER-SECURITY.md), naming each; a generated
file that differs from the spec's output on disk is not replaced without
--force.

The kernel log must be readable: /dev/kmsg needs root (or CAP_SYSLOG) when
kernel.dmesg_restrict is 1. Where auditd runs, the records go to its log
instead: --kernel-log /var/log/audit/audit.log. The kernel rate-limits these
records (kernel.printk_ratelimit_burst); learn says when some were dropped,
and a second run finds what the first missed.

The exercise runs on the host with sh -c and these variables:
  DOCKERGEN_URL        http://127.0.0.1:PORT, the app's first port
  DOCKERGEN_CONTAINER  the container's name, for docker exec

Exit status: 0 learned (or nothing to learn) and the new profile holds, 1 the
app does not become healthy, the exercise fails, a denied call was made or the
new profile does not hold, 2 bad input or an unreadable kernel log.`,
		Example: `  sudo dockergen seccomp learn --exercise 'curl -fsS "$DOCKERGEN_URL/"'
  sudo dockergen seccomp learn --exercise 'go test ./e2e' --duration 2m --write
  sudo dockergen seccomp learn --image my-app:local --write   # an image built already
  dockergen generate --check   # afterwards: the learned profile is reproducible`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return asExit(runSeccompLearn(e, o))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "dockergen.yaml", "the spec file")
	f.StringVarP(&o.outDir, "output", "o", "", "the directory of the generated files (default: the spec's directory)")
	f.StringVar(&o.image, "image", "", "run this image instead of building one from the generated Dockerfile")
	f.StringVar(&o.exercise, "exercise", "", "a command run on the host (sh -c) to drive the app, for example a curl script or a test suite")
	f.DurationVar(&o.duration, "duration", 30*time.Second, "how long the exercise may run (without --exercise: how long the healthcheck alone drives the app)")
	f.DurationVar(&o.healthTimeout, "health-timeout", 2*time.Minute, "how long to wait for the app to answer its healthcheck")
	f.BoolVar(&o.write, "write", false, "write the updated spec and the generated files that change")
	f.BoolVar(&o.force, "force", false, "with --write, replace generated files that differ from the spec's output")
	f.StringVar(&o.kernelLog, "kernel-log", "/dev/kmsg", "where the kernel's seccomp records are read: /dev/kmsg, or auditd's log")
	f.StringVar(&o.docker, "docker", "docker", "the docker client")
	return cmd
}

// observed is one syscall the container made that its profile refuses.
type observed struct {
	Name   string
	Count  int
	Comms  []string
	ByTime bool // some records were matched by time and uid only
}

func runSeccompLearn(e *env, o *seccompLearnOptions) error {
	if o.duration <= 0 || o.duration > time.Hour {
		return usageErr(fmt.Errorf("--duration %s: allowed from 1s to 1h", o.duration))
	}
	if o.force && !o.write {
		return usageErr(errors.New("--force only applies with --write"))
	}
	spec, specPath, data, err := loadSpec(e, &generateOptions{file: o.file})
	if err != nil {
		return err
	}
	if o.file == "-" {
		return usageErr(errors.New("-f -: learn edits the spec file; name it"))
	}
	if len(spec.Ports) == 0 {
		return usageErr(fmt.Errorf("%s: the spec has no port for the exercise to reach", specPath))
	}
	klog, err := o.openLog(o.kernelLog)
	if err != nil {
		return usageErr(kernelLogRefusal(o.kernelLog, err))
	}
	defer klog.Close()

	outDir := o.outDir
	if outDir == "" {
		outDir = filepath.Dir(specPath)
	}
	opts, err := genOptions(specPath, outDir, spec.Context)
	if err != nil {
		return usageErr(err)
	}
	files, err := generator.Generate(spec, opts)
	if err != nil {
		return err
	}
	comp, err := generator.SeccompProfile(spec)
	if err != nil {
		return err
	}
	logProfile, err := json.MarshalIndent(comp.SeccompLog(), "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "dockergen-learn-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	d := &learnDocker{bin: o.docker, stderr: e.stderr}
	image := o.image
	if image == "" {
		if image, err = d.build(outDir, spec, files, opts); err != nil {
			return err
		}
	}
	run := learnRun{docker: d, spec: spec, image: image, o: o, stderr: e.stderr}

	fmt.Fprintf(e.stderr, "learn: running %s under %s's profile with SCMP_ACT_LOG as its default\n", image, spec.Stack)
	logPath := filepath.Join(tmp, "seccomp-log.json")
	if err := os.WriteFile(logPath, logProfile, 0o644); err != nil {
		return err
	}
	if _, err := klog.Lines(); err != nil { // what was logged before the run
		return usageErr(kernelLogRefusal(o.kernelLog, err))
	}
	res, err := run.once(logPath, klog)
	if err != nil {
		return err
	}
	if res.overrun {
		fmt.Fprintf(e.stderr, "learn: warning: the kernel log wrapped while the app ran; some records were lost (run learn again)\n")
	}
	if res.dropped > 0 {
		fmt.Fprintf(e.stderr, "learn: warning: the kernel dropped %d audit records (printk rate limit, kernel.printk_ratelimit_burst); a call seen only then is missing: run learn again\n", res.dropped)
	}
	if !res.healthy {
		return failErr(fmt.Errorf("the app did not answer its healthcheck within %s even with every call allowed: fix the app or the spec first\n%s", o.healthTimeout, res.logs))
	}
	if res.exerciseErr != nil {
		return failErr(fmt.Errorf("the exercise failed even with every call allowed: %v", res.exerciseErr))
	}
	obs := res.observed()
	fmt.Fprintf(e.stdout, "%d record(s) of the container's processes: %d syscall(s) the %s profile refuses\n", res.records, len(obs), spec.Stack)
	if len(obs) == 0 {
		fmt.Fprintf(e.stdout, "nothing to learn: the profile holds for this exercise\n")
		return nil
	}
	fams, err := profiles.Families()
	if err != nil {
		return err
	}
	famOf := map[string]string{}
	for _, f := range fams {
		for _, n := range f.Names {
			famOf[n] = f.Name
		}
	}
	fmt.Fprintf(e.stdout, "\n%-18s %-18s %6s  %s\n", "SYSCALL", "FAMILY", "COUNT", "CALLED BY")
	for _, ob := range obs {
		fam := famOf[ob.Name]
		if fam == "" {
			fam = "(none)"
		}
		by := strings.Join(ob.Comms, ", ")
		if ob.ByTime {
			by += " (some by time+uid)"
		}
		fmt.Fprintf(e.stdout, "%-18s %-18s %6d  %s\n", ob.Name, fam, ob.Count, by)
	}
	add, refused := decideLearned(generator.ProfileFor(spec.Stack), obs)
	fmt.Fprintln(e.stdout)
	for _, r := range refused {
		fmt.Fprintf(e.stdout, "not added: %s\n", r)
	}
	if len(add) == 0 {
		return failErr(errors.New("the app makes calls dockergen never allows; change the app (nothing was written)"))
	}

	newData, err := addSeccompAllow(data, add)
	if err != nil {
		return err
	}
	newSpec, err := generator.LoadSpec(specPath, newData)
	if err != nil {
		return fmt.Errorf("the updated spec does not load (a dockergen bug): %w", err)
	}
	newFiles, err := generator.Generate(newSpec, opts)
	if err != nil {
		return err
	}
	newComp, err := generator.SeccompProfile(newSpec)
	if err != nil {
		return err
	}
	for _, g := range newComp.Learned {
		fam := "itself alone (in no family)"
		if g.Family != "" {
			fam = "family " + g.Family + ": " + strings.Join(g.Names, ", ")
		}
		for _, l := range g.Learned {
			fmt.Fprintf(e.stdout, "adds %s: %s; allows %s\n", l.Name, l.Reason, fam)
		}
	}

	fmt.Fprintf(e.stderr, "learn: running %s again under the new profile (default action EPERM)\n", image)
	newPath := filepath.Join(tmp, "seccomp.json")
	if err := os.WriteFile(newPath, newFiles["seccomp.json"], 0o644); err != nil {
		return err
	}
	check, err := run.once(newPath, nil)
	if err != nil {
		return err
	}
	switch {
	case !check.healthy:
		return failErr(fmt.Errorf("the new profile does not hold: the app did not answer its healthcheck (nothing was written)\n%s", check.logs))
	case check.exerciseErr != nil:
		return failErr(fmt.Errorf("the new profile does not hold: the exercise failed: %v (nothing was written)", check.exerciseErr))
	}
	fmt.Fprintf(e.stdout, "the new profile holds: the healthcheck passes%s\n", map[bool]string{true: " and the exercise exits 0", false: ""}[o.exercise != ""])

	if !o.write {
		e.stdout.Write(diff.Diff(specPath+" (now)", data, specPath+" (learned)", newData))
		fmt.Fprintf(e.stdout, "nothing was written: run again with --write to update %s and the generated files\n", specPath)
		return refusedErr(refused)
	}
	if err := writeLearned(e, outDir, specPath, newData, files, newFiles, o.force); err != nil {
		return err
	}
	return refusedErr(refused)
}

// decideLearned splits the observed calls into those the runtime's profile
// may be extended with, each with its reason, and why the others may not.
func decideLearned(runtime string, obs []observed) (add []generator.SeccompAllow, refused []string) {
	for _, ob := range obs {
		if msg := profiles.CheckLearned(runtime, ob.Name); msg != "" {
			refused = append(refused, msg)
			continue
		}
		add = append(add, generator.SeccompAllow{Syscall: ob.Name, Reason: learnedReason(ob)})
	}
	return add, refused
}

// learnedReason is the reason learn writes for a call: the processes that
// made it (at most five, so that it stays one short line). A person should
// say more: what in the app needs it.
func learnedReason(ob observed) string {
	comms := ob.Comms
	if len(comms) > 5 {
		comms = append(slices.Clone(comms[:5]), fmt.Sprintf("%d more", len(ob.Comms)-5))
	}
	return fmt.Sprintf("called by %s while dockergen seccomp learn exercised the app", strings.Join(comms, ", "))
}

// refusedErr fails (exit 1) when the app made calls that were not added.
func refusedErr(refused []string) error {
	if len(refused) == 0 {
		return nil
	}
	return failErr(fmt.Errorf("%d call(s) were not added: dockergen never allows them", len(refused)))
}

// kernelLogRefusal explains why the kernel log cannot be read.
func kernelLogRefusal(path string, err error) error {
	msg := fmt.Sprintf("cannot read the kernel log %s: %v", path, err)
	if errors.Is(err, os.ErrPermission) {
		restrict, _ := os.ReadFile("/proc/sys/kernel/dmesg_restrict")
		msg += fmt.Sprintf(". Reading it needs root or CAP_SYSLOG when kernel.dmesg_restrict is 1 (it is %s here; dockergen runs as uid %d): run learn with sudo", strings.TrimSpace(string(restrict)), os.Getuid())
	}
	return errors.New(msg + ". learn needs the kernel's seccomp records; nothing was run")
}

// writeLearned writes the updated spec and the generated files that the
// learned calls change, refusing (without force) to replace one that
// differs from what the spec generated before.
func writeLearned(e *env, outDir, specPath string, specData []byte, before, after generator.Files, force bool) error {
	var changed []string
	for _, n := range after.Names() {
		if !bytes.Equal(before[n], after[n]) {
			changed = append(changed, n)
		}
	}
	for _, n := range changed {
		old, err := os.ReadFile(filepath.Join(outDir, n))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if err == nil && !bytes.Equal(old, before[n]) && !force {
			return failErr(fmt.Errorf("%s differs from the spec's output: not replaced (nothing was written; see 'dockergen generate --check', or use --force)", filepath.Join(outDir, n)))
		}
	}
	st, err := os.Stat(specPath)
	if err != nil {
		return err
	}
	if err := os.WriteFile(specPath, specData, st.Mode().Perm()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (seccomp.allow)\n", specPath)
	for _, n := range changed {
		p := filepath.Join(outDir, n)
		if err := os.WriteFile(p, after[n], fileMode(n)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", p)
	}
	return nil
}

// addSeccompAllow appends entries to the spec's seccomp.allow, creating
// the keys as needed, by editing the YAML nodes so that comments and the
// order of keys stay.
func addSeccompAllow(data []byte, add []generator.SeccompAllow) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("the spec is not a YAML mapping")
	}
	child := func(m *yaml.Node, key string, kind yaml.Kind) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				v := m.Content[i+1]
				if v.Kind != kind || v.Tag == "!!null" {
					*v = yaml.Node{Kind: kind}
				}
				v.Style = 0
				return v
			}
		}
		v := &yaml.Node{Kind: kind}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
		return v
	}
	allow := child(child(doc.Content[0], "seccomp", yaml.MappingNode), "allow", yaml.SequenceNode)
	for _, a := range add {
		item := &yaml.Node{Kind: yaml.MappingNode}
		item.Content = []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: "syscall"}, {Kind: yaml.ScalarNode, Value: a.Syscall},
			{Kind: yaml.ScalarNode, Value: "reason"}, {Kind: yaml.ScalarNode, Value: a.Reason, Style: yaml.DoubleQuotedStyle},
		}
		allow.Content = append(allow.Content, item)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// learnDocker runs the docker client.
type learnDocker struct {
	bin    string
	stderr io.Writer
}

func (d *learnDocker) cmd(ctx context.Context, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, d.bin, args...)
	c.Env = append(os.Environ(), "DOCKER_BUILDKIT=1")
	return c
}

func (d *learnDocker) out(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := d.cmd(ctx, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v: %s", d.bin, strings.Join(args, " "), err, strings.TrimSpace(lastLines(string(out), 20)))
	}
	return strings.TrimSpace(string(out)), nil
}

// build builds the image from the generated Dockerfile on disk, as run.sh
// does; it refuses when that Dockerfile is not the spec's output.
func (d *learnDocker) build(outDir string, spec *generator.Spec, files generator.Files, opts generator.Options) (string, error) {
	df, err := os.ReadFile(filepath.Join(outDir, "Dockerfile"))
	if err != nil || !bytes.Equal(df, files["Dockerfile"]) {
		return "", usageErr(fmt.Errorf("%s is missing or differs from the spec's output: run 'dockergen generate' first, or name a built image with --image", filepath.Join(outDir, "Dockerfile")))
	}
	image := spec.Name + ":learn"
	fmt.Fprintf(d.stderr, "learn: building %s\n", image)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	c := d.cmd(ctx, "build", "--tag", image, "--file", "Dockerfile", opts.Context)
	c.Dir = outDir
	if out, err := c.CombinedOutput(); err != nil {
		return "", failErr(fmt.Errorf("docker build: %v\n%s", err, lastLines(string(out), 30)))
	}
	return image, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// learnRun is one run of the app under a profile.
type learnRun struct {
	docker *learnDocker
	spec   *generator.Spec
	image  string
	o      *seccompLearnOptions
	stderr io.Writer
}

// learnResult is what one run saw.
type learnResult struct {
	healthy     bool
	exerciseErr error
	logs        string
	records     int
	matched     []matchedRecord
	dropped     int
	overrun     bool
}

type matchedRecord struct {
	rec    profiles.AuditSeccomp
	byTime bool
}

// runFlags are the generated docker run flags for learn: the profile is
// learn's, the ports are published on free ports of 127.0.0.1, there is no
// restart policy (a crash must show), and the healthcheck runs every 2s.
func runFlags(spec *generator.Spec, profile string) []string {
	rs := generator.NewRunSettings(spec, ".")
	var argv []string
	for _, f := range rs.Flags {
		switch {
		case f[0] == "--security-opt" && strings.HasPrefix(f[1], "seccomp="):
			argv = append(argv, "--security-opt", "seccomp="+profile)
		case f[0] == "--publish", f[0] == "--restart":
		default:
			argv = append(argv, f...)
		}
	}
	for _, p := range spec.Ports {
		argv = append(argv, "--publish", fmt.Sprintf("%s::%d", generator.PublishHost, p))
	}
	if rs.Health != nil {
		argv = append(argv, "--health-interval", "2s")
	}
	return argv
}

// once runs the app under the profile at path: start, wait for health,
// exercise, stop. With klog it also collects the container's records.
func (r *learnRun) once(profile string, klog kernelLog) (*learnResult, error) {
	name := r.spec.Name + "-learn"
	d := r.docker
	_, _ = d.out("rm", "--force", name) // a container left by an interrupted learn
	start := time.Now()
	args := append([]string{"run", "--detach", "--name", name}, runFlags(r.spec, profile)...)
	if _, err := d.out(append(args, r.image)...); err != nil {
		return nil, failErr(err)
	}
	defer func() { _, _ = d.out("rm", "--force", name) }()
	res := &learnResult{}

	var mu sync.Mutex
	pids := map[int]bool{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if pidStr, err := d.out("inspect", "--format", "{{.State.Pid}}", name); err == nil {
		procs := cgroupProcs(pidStr)
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				for _, p := range readPids(procs, d, name) {
					mu.Lock()
					pids[p] = true
					mu.Unlock()
				}
				select {
				case <-stop:
					return
				case <-t.C:
				}
			}
		}()
	}

	res.healthy = r.waitHealthy(name)
	if res.healthy {
		res.exerciseErr = r.exercise(name)
	}
	if !res.healthy {
		res.logs, _ = d.out("logs", "--tail", "30", name)
	}
	_, _ = d.out("stop", "--time", "10", name)
	close(stop)
	wg.Wait()
	end := time.Now()
	if klog == nil {
		return res, nil
	}
	time.Sleep(200 * time.Millisecond) // the kernel's audit thread logs asynchronously
	lines, err := klog.Lines()
	if err != nil {
		return nil, usageErr(kernelLogRefusal(r.o.kernelLog, err))
	}
	res.overrun = klog.Overrun()
	from, to := float64(start.UnixNano())/1e9-1, float64(end.UnixNano())/1e9+1
	res.matched, res.dropped = matchRecords(lines, pids, from, to, r.spec.User.UID, aliveElsewhere)
	res.records = len(res.matched)
	return res, nil
}

// matchRecords keeps the SCMP_ACT_LOG records of the container's
// processes among kernel log lines: those of a pid seen in the container,
// and those of a pid never seen (a process too short-lived for the 100 ms
// poll) that fall within the run [from, to] (seconds since the epoch), have
// the container's uid and are not a live process of another container. It
// also counts the records the kernel says it dropped.
func matchRecords(lines []string, pids map[int]bool, from, to float64, uid int, elsewhere func(int) bool) (matched []matchedRecord, dropped int) {
	for _, l := range lines {
		if n, _, ok := profiles.AuditDropped(l); ok {
			dropped += n
			continue
		}
		rec, ok := profiles.ParseAudit(l)
		if !ok || rec.Code != profiles.ActLogCode {
			continue
		}
		switch {
		case pids[rec.PID]:
			matched = append(matched, matchedRecord{rec: rec})
		case rec.Time >= from && rec.Time <= to && rec.UID == uid && !elsewhere(rec.PID):
			matched = append(matched, matchedRecord{rec: rec, byTime: true})
		}
	}
	return matched, dropped
}

// observed groups the matched records by syscall name, sorted.
func (res *learnResult) observed() []observed {
	by := map[string]*observed{}
	for _, m := range res.matched {
		name, ok := m.rec.Name()
		if !ok {
			name = fmt.Sprintf("unknown(%s:%d)", m.rec.AuditArch, m.rec.Syscall)
		}
		ob := by[name]
		if ob == nil {
			ob = &observed{Name: name}
			by[name] = ob
		}
		ob.Count++
		ob.ByTime = ob.ByTime || m.byTime
		if c := m.rec.Comm; !slices.Contains(ob.Comms, c) {
			ob.Comms = append(ob.Comms, c)
		}
	}
	var out []observed
	for _, ob := range by {
		sort.Strings(ob.Comms)
		out = append(out, *ob)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// cgroupProcs returns the cgroup.procs file of the process pid's cgroup
// (the pids controller's on cgroup v1, the unified one on v2), or "".
func cgroupProcs(pid string) string {
	data, err := os.ReadFile("/proc/" + pid + "/cgroup")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.SplitN(line, ":", 3)
		if len(f) != 3 {
			continue
		}
		switch {
		case slices.Contains(strings.Split(f[1], ","), "pids"):
			return filepath.Join("/sys/fs/cgroup/pids", f[2], "cgroup.procs")
		case f[0] == "0" && f[1] == "":
			if p := filepath.Join("/sys/fs/cgroup", f[2], "cgroup.procs"); fileExists(p) {
				return p
			}
		}
	}
	return ""
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// readPids lists the container's processes: its cgroup.procs, or docker top
// when that cannot be read.
func readPids(procs string, d *learnDocker, name string) []int {
	var words []string
	if data, err := os.ReadFile(procs); procs != "" && err == nil {
		words = strings.Fields(string(data))
	} else if out, err := d.out("top", name, "-eo", "pid"); err == nil {
		words = strings.Fields(out)
	}
	var pids []int
	for _, w := range words {
		if n, err := strconv.Atoi(w); err == nil {
			pids = append(pids, n)
		}
	}
	return pids
}

// aliveElsewhere reports whether pid is a live process of another
// container (a docker cgroup not of this run), so that its records are
// not taken for this container's.
func aliveElsewhere(pid int) bool {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cgroup")
	return err == nil && strings.Contains(string(data), "docker")
}

// waitHealthy waits for the container's healthcheck to pass, or, for an
// image without one, for its first port to accept connections.
func (r *learnRun) waitHealthy(name string) bool {
	deadline := time.Now().Add(r.o.healthTimeout)
	for time.Now().Before(deadline) {
		st, err := r.docker.out("inspect", "--format", "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", name)
		if err != nil {
			return false
		}
		f := strings.Fields(st)
		if len(f) != 2 || f[0] == "exited" || f[0] == "dead" {
			return false
		}
		switch f[1] {
		case "healthy":
			return true
		case "unhealthy":
			return false
		case "none":
			if url, err := r.url(name); err == nil {
				if c, err := net.DialTimeout("tcp", strings.TrimPrefix(url, "http://"), time.Second); err == nil {
					c.Close()
					return true
				}
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	return false
}

// url is the app's first port as published on this host.
func (r *learnRun) url(name string) (string, error) {
	out, err := r.docker.out("port", name, fmt.Sprintf("%d/tcp", r.spec.Ports[0]))
	if err != nil {
		return "", err
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, generator.PublishHost+":") {
			return "http://" + strings.TrimSpace(l), nil
		}
	}
	return "", fmt.Errorf("port %d is not published on %s: %s", r.spec.Ports[0], generator.PublishHost, out)
}

// exercise runs --exercise for at most --duration (or, without one, lets
// the healthcheck drive the app for --duration) and checks that the
// container is still healthy afterwards.
func (r *learnRun) exercise(name string) error {
	if r.o.exercise == "" {
		time.Sleep(r.o.duration)
		if !r.stillHealthy(name) {
			return errors.New("the container became unhealthy")
		}
		return nil
	}
	url, err := r.url(name)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.o.duration)
	defer cancel()
	c := exec.CommandContext(ctx, "sh", "-c", r.o.exercise)
	c.Env = append(os.Environ(), "DOCKERGEN_URL="+url, "DOCKERGEN_CONTAINER="+name, "DOCKER="+r.docker.bin)
	c.Stdout, c.Stderr = r.stderr, r.stderr
	c.WaitDelay = 5 * time.Second
	if err := c.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("--exercise did not finish within --duration %s", r.o.duration)
		}
		return fmt.Errorf("--exercise: %v", err)
	}
	return nil
}

func (r *learnRun) stillHealthy(name string) bool {
	st, err := r.docker.out("inspect", "--format", "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", name)
	return err == nil && (st == "running healthy" || st == "running none")
}
