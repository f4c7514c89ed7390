package generator_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
	corev1 "k8s.io/api/core/v1"
)

// kubeOutputs are the k8s.yaml files of the goldens and the examples, with
// the spec each was generated from.
func kubeOutputs(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	goldens, _ := filepath.Glob("testdata/golden/*/k8s.yaml")
	examples, _ := filepath.Glob("../examples/*/dockergen.yaml")
	for _, g := range goldens {
		out[g] = filepath.Join(filepath.Dir(g), "dockergen.yaml")
	}
	for _, e := range examples {
		k := filepath.Join(filepath.Dir(e), "k8s.yaml")
		if _, err := os.Stat(k); err != nil {
			t.Errorf("%s: every example has a k8s.yaml: %v", filepath.Dir(e), err)
		}
		out[k] = e
	}
	if len(goldens) < 3 || len(examples) < 10 {
		t.Fatalf("%d goldens with k8s.yaml and %d examples: want at least 3 and 10", len(goldens), len(examples))
	}
	return out
}

func loadSpec(t *testing.T, path string) *generator.Spec {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := generator.LoadSpec(path, b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestKubePodSecurity: every golden's and every example's k8s.yaml decodes
// strictly into the API types, and its pod has zero Pod Security
// "restricted" violations.
func TestKubePodSecurity(t *testing.T) {
	for k8s := range kubeOutputs(t) {
		b, err := os.ReadFile(k8s)
		if err != nil {
			t.Fatal(err)
		}
		m, err := generator.DecodeKube(b)
		if err != nil {
			t.Errorf("%s: %v", k8s, err)
			continue
		}
		v, err := generator.PodSecurity("restricted", &m.Deployment.Spec.Template)
		if err != nil {
			t.Fatal(err)
		}
		if len(v) > 0 {
			t.Errorf("%s: Pod Security \"restricted\" violations: %q", k8s, v)
		}
	}
}

// TestKubeMustFail: the checks catch what they are there for. Each
// mutation of a golden k8s.yaml is refused by the strict decoding or by the
// Pod Security evaluation, and Verify (which Generate runs) refuses it.
func TestKubeMustFail(t *testing.T) {
	good, err := os.ReadFile("testdata/golden/go-distroless-k8s/k8s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new string
		// by: "psa" a Pod Security violation, "decode" a decoding error,
		// "verify" only Verify's own checks.
		by string
	}{
		{"privilege escalation", "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "psa"},
		{"root", "runAsNonRoot: true\n        runAsUser: 10001", "runAsNonRoot: false\n        runAsUser: 0", "psa"},
		{"capabilities kept", "- \"ALL\"", "- \"NET_RAW\"", "psa"},
		{"unconfined seccomp", "type: \"Localhost\"\n          localhostProfile: \"dockergen/golden-go-k8s.json\"", "type: \"Unconfined\"", "psa"},
		{"host network", "automountServiceAccountToken: false", "automountServiceAccountToken: false\n      hostNetwork: true", "psa"},
		{"unknown field", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: true\n            readOnlyRootFileSystem: true", "decode"},
		{"duplicate field", "enableServiceLinks: false", "enableServiceLinks: false\n      enableServiceLinks: true", "decode"},
		{"wrong type", "replicas: 2", "replicas: \"two\"", "decode"},
		{"service selects nothing", "  selector:\n    app.kubernetes.io/name: \"golden-go-k8s\"", "  selector:\n    app.kubernetes.io/name: \"other\"", "verify"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !bytes.Contains(good, []byte(c.old)) {
				t.Fatalf("the golden has no %q: the mutation tests nothing", c.old)
			}
			bad := bytes.Replace(good, []byte(c.old), []byte(c.new), 1)
			m, err := generator.DecodeKube(bad)
			switch c.by {
			case "psa":
				if err != nil {
					t.Fatalf("decoding: %v", err)
				}
				v, err := generator.PodSecurity("restricted", &m.Deployment.Spec.Template)
				if err != nil {
					t.Fatal(err)
				}
				if len(v) == 0 {
					t.Fatal("no Pod Security violation")
				}
				t.Logf("violations: %q", v)
			case "decode":
				if err == nil {
					t.Fatal("decoded without error")
				}
				t.Logf("decoding: %v", err)
			case "verify":
				if err != nil {
					t.Fatalf("decoding: %v", err)
				}
			}
			if err := generator.VerifyKube(bad, "10001:10001"); err == nil {
				t.Fatal("Verify accepts it")
			}
		})
	}
	if err := generator.VerifyKube(good, "10001:10001"); err != nil {
		t.Fatalf("Verify refuses the golden: %v", err)
	}
}

// TestKubeMatchesRunSettings: the pod's user, writable paths, ports,
// resources, probes, seccomp and image follow the spec as run.sh and
// compose.yaml do.
func TestKubeMatchesRunSettings(t *testing.T) {
	for k8s, specPath := range kubeOutputs(t) {
		t.Run(k8s, func(t *testing.T) {
			s := loadSpec(t, specPath)
			run := generator.NewRunSettings(s, ".")
			b, err := os.ReadFile(k8s)
			if err != nil {
				t.Fatal(err)
			}
			m, err := generator.DecodeKube(b)
			if err != nil {
				t.Fatal(err)
			}
			pod := m.Deployment.Spec.Template.Spec
			c := pod.Containers[0]
			sc := pod.SecurityContext
			if got := strconv.FormatInt(*sc.RunAsUser, 10) + ":" + strconv.FormatInt(*sc.RunAsGroup, 10); got != run.User {
				t.Errorf("pod user %s, run.sh --user %s", got, run.User)
			}
			if *sc.FSGroup != int64(s.User.GID) || *c.SecurityContext.RunAsUser != int64(s.User.UID) {
				t.Errorf("fsGroup %d / container user %d, want the spec's %d:%d", *sc.FSGroup, *c.SecurityContext.RunAsUser, s.User.UID, s.User.GID)
			}
			if !*c.SecurityContext.ReadOnlyRootFilesystem || *c.SecurityContext.AllowPrivilegeEscalation || !slices.Equal(c.SecurityContext.Capabilities.Drop, []corev1.Capability{"ALL"}) {
				t.Errorf("container securityContext lost --read-only, no-new-privileges or --cap-drop ALL: %+v", c.SecurityContext)
			}
			// writable: one memory emptyDir per tmpfs, mounted at its path.
			var tmpfs, mounts []string
			for _, t := range run.Tmpfs {
				tmpfs = append(tmpfs, strings.SplitN(t, ":", 2)[0])
			}
			vols := map[string]corev1.Volume{}
			for _, v := range pod.Volumes {
				vols[v.Name] = v
			}
			for _, vm := range c.VolumeMounts {
				mounts = append(mounts, vm.MountPath)
				v, ok := vols[vm.Name]
				if !ok || v.EmptyDir == nil || v.EmptyDir.Medium != corev1.StorageMediumMemory || v.EmptyDir.SizeLimit.String() != generator.WritableSizeLimit {
					t.Errorf("%s is not a memory emptyDir of %s: %+v", vm.MountPath, generator.WritableSizeLimit, v)
				}
			}
			if !slices.Equal(tmpfs, mounts) || len(pod.Volumes) != len(s.Writable) {
				t.Errorf("mounts %q, run.sh tmpfs %q", mounts, tmpfs)
			}
			// ports: container, Service and NetworkPolicy, as published by run.sh.
			var cports, sports, nports []int
			for _, p := range c.Ports {
				cports = append(cports, int(p.ContainerPort))
			}
			for _, p := range m.Service.Spec.Ports {
				sports = append(sports, int(p.Port))
				if p.TargetPort.IntValue() != int(p.Port) {
					t.Errorf("service port %d targets %s", p.Port, p.TargetPort.String())
				}
			}
			for _, r := range m.NetworkPolicy.Spec.Ingress {
				if len(r.From) > 0 {
					t.Errorf("ingress rule with from: %+v", r.From)
				}
				for _, p := range r.Ports {
					nports = append(nports, p.Port.IntValue())
				}
			}
			var published []int
			for _, p := range run.Ports {
				n, _ := strconv.Atoi(p[strings.LastIndex(p, ":")+1:])
				published = append(published, n)
			}
			for _, got := range [][]int{cports, sports, nports} {
				if !slices.Equal(got, published) {
					t.Errorf("ports %v, run.sh publishes %v", got, published)
				}
			}
			// resources: memory in bytes as Docker reads it, CPUs as --cpus.
			for _, rl := range []corev1.ResourceList{c.Resources.Requests, c.Resources.Limits} {
				if mem := rl[corev1.ResourceMemory]; mem.Value() != generator.MemoryBytes(run.Memory) {
					t.Errorf("memory %s = %d bytes, --memory %s = %d", mem.String(), mem.Value(), run.Memory, generator.MemoryBytes(run.Memory))
				}
				cpu := rl[corev1.ResourceCPU]
				want, _ := strconv.ParseFloat(run.CPUs, 64)
				if cpu.MilliValue() != int64(want*1000+0.5) {
					t.Errorf("cpu %s, --cpus %s", cpu.String(), run.CPUs)
				}
			}
			// probes: the image's healthcheck, or none.
			h := run.Health
			for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe} {
				switch {
				case h == nil && p != nil:
					t.Errorf("a probe where the image has no healthcheck: %+v", p)
				case h == nil:
				case p == nil:
					t.Errorf("no probe where the image has a healthcheck")
				case len(s.Healthcheck.Command) > 0:
					if p.Exec == nil || !slices.Equal(p.Exec.Command, h.Test) {
						t.Errorf("exec probe %+v, HEALTHCHECK %q", p.Exec, h.Test)
					}
				default:
					if p.HTTPGet == nil || p.HTTPGet.Path != s.Healthcheck.Path || p.HTTPGet.Port.IntValue() != s.Ports[0] {
						t.Errorf("httpGet probe %+v, want %s on %d", p.HTTPGet, s.Healthcheck.Path, s.Ports[0])
					}
				}
				if p != nil && h != nil && (p.FailureThreshold != int32(h.Retries) || p.PeriodSeconds != secs(t, h.Interval) || p.TimeoutSeconds != secs(t, h.Timeout)) {
					t.Errorf("probe timing %d/%ds x%d, healthcheck %s/%s x%d", p.PeriodSeconds, p.TimeoutSeconds, p.FailureThreshold, h.Interval, h.Timeout, h.Retries)
				}
			}
			if p := c.LivenessProbe; p != nil && h != nil && p.InitialDelaySeconds != secs(t, h.StartPeriod) {
				t.Errorf("liveness delay %ds, healthcheck startPeriod %s", p.InitialDelaySeconds, h.StartPeriod)
			}
			// seccomp: the generated profile unless the spec falls back.
			sp := sc.SeccompProfile
			if s.Kubernetes.Seccomp == generator.SeccompRuntimeDefault {
				if sp.Type != corev1.SeccompProfileTypeRuntimeDefault || sp.LocalhostProfile != nil {
					t.Errorf("seccomp %+v, want RuntimeDefault", sp)
				}
			} else if sp.Type != corev1.SeccompProfileTypeLocalhost || *sp.LocalhostProfile != generator.KubeSeccompProfile(s.Name) {
				t.Errorf("seccomp %+v, want Localhost %s", sp, generator.KubeSeccompProfile(s.Name))
			}
			// image: by digest when digests.image pins it.
			if d := s.Digests.Image; d != "" && !strings.HasSuffix(c.Image, "@"+d) {
				t.Errorf("image %s, want it pinned to %s", c.Image, d)
			} else if d == "" && strings.Contains(c.Image, "@") {
				t.Errorf("image %s has a digest the spec does not give", c.Image)
			}
			if *pod.AutomountServiceAccountToken {
				t.Error("the service account token is mounted")
			}
			// passEnv: from the Secret, never a value in the file.
			var env []string
			for _, e := range c.Env {
				if e.Value != "" || e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
					t.Errorf("env %s is not from a Secret", e.Name)
				}
				env = append(env, e.Name)
			}
			if !slices.Equal(env, run.PassEnv) {
				t.Errorf("env %q, run.sh passes %q", env, run.PassEnv)
			}
		})
	}
}

// TestKubeHostileStrings: strings from the spec stay strings. A
// healthcheck command made of YAML syntax comes back unchanged from the
// strict decoding.
func TestKubeHostileStrings(t *testing.T) {
	argv := []string{"/app/x", `a": b`, "#c", "{d: e}", "]f", "- g", "'h'", `\n`, "*i", "&j", "!k", "%l", "@m", "`n`", "|o", ">p", "--- q", "... r"}
	s := &generator.Spec{APIVersion: generator.APIVersion, Name: "hostile", Stack: "go", Base: "distroless",
		Healthcheck: generator.Healthcheck{Command: argv}, Kubernetes: generator.Kubernetes{Enabled: true}}
	s.Defaults()
	files, err := generator.Generate(s, generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := generator.DecodeKube(files["k8s.yaml"])
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*corev1.Probe{m.Deployment.Spec.Template.Spec.Containers[0].LivenessProbe, m.Deployment.Spec.Template.Spec.Containers[0].ReadinessProbe} {
		if p == nil || p.Exec == nil || !slices.Equal(p.Exec.Command, argv) {
			t.Errorf("probe %+v, want exec %q", p, argv)
		}
	}
}

// TestKubeOptIn: without kubernetes.enabled there is no k8s.yaml, and
// DOCKER-SECURITY.md names none of its exceptions.
func TestKubeOptIn(t *testing.T) {
	s := loadSpec(t, "testdata/golden/go-distroless/dockergen.yaml")
	files, err := generator.Generate(s, generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["k8s.yaml"]; ok {
		t.Error("k8s.yaml without kubernetes.enabled")
	}
	if bytes.Contains(files["DOCKER-SECURITY.md"], []byte("k8s.yaml")) {
		t.Error("DOCKER-SECURITY.md mentions k8s.yaml that is not written")
	}
	s.Kubernetes.Enabled = true
	s.Defaults()
	files, err = generator.Generate(s, generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["k8s.yaml"]; !ok {
		t.Error("no k8s.yaml with kubernetes.enabled")
	}
	if !bytes.Contains(files["DOCKER-SECURITY.md"], []byte("/var/lib/kubelet/seccomp/dockergen/golden-go-distroless.json")) {
		t.Error("DOCKER-SECURITY.md does not say where the profile goes on the nodes")
	}
}

func secs(t *testing.T, d string) int32 {
	t.Helper()
	v, err := time.ParseDuration(d)
	if err != nil {
		t.Fatal(err)
	}
	return int32(math.Ceil(v.Seconds()))
}
