package generator

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/distribution/reference"
	"k8s.io/apimachinery/pkg/util/validation"
)

// The kubernetes.seccomp choices.
const (
	SeccompLocalhost      = "localhost"
	SeccompRuntimeDefault = "runtimeDefault"
)

// KubeletSeccompDir is where the kubelet looks for Localhost profiles
// (its --root-dir, /var/lib/kubelet, plus seccomp); localhostProfile is
// relative to it.
const KubeletSeccompDir = "/var/lib/kubelet/seccomp"

// WritableSizeLimit is each writable path's size: run.sh's tmpfs size=64m,
// as an emptyDir sizeLimit.
const WritableSizeLimit = "64Mi"

// kubeImageRE admits the plain characters of an image reference; the
// reference grammar itself is checked with distribution/reference.
var kubeNamespaceRE = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)

var kubeImageRE = regexp.MustCompile(`^[a-z0-9][A-Za-z0-9._/:-]*$`)

// KubeSeccompProfile is the Localhost profile's path for an app, relative
// to the kubelet's seccomp directory.
func KubeSeccompProfile(name string) string { return "dockergen/" + name + ".json" }

func (s *Spec) kubernetesDefaults() {
	k := &s.Kubernetes
	if !k.Enabled {
		return
	}
	if k.Seccomp == "" {
		k.Seccomp = SeccompLocalhost
	}
	if k.Replicas == 0 {
		k.Replicas = 1
	}
}

// checkKubernetes validates the kubernetes fields, digests.image, and the
// name as Kubernetes objects read it.
func checkKubernetes(s *Spec, bad func(string, string, ...any)) {
	k := s.Kubernetes
	if !k.Enabled {
		if k != (Kubernetes{}) {
			bad("kubernetes.enabled", "kubernetes settings are given but k8s.yaml is off (allowed: enabled: true with them, or no kubernetes settings)")
		}
		if s.Digests.Image != "" {
			bad("digests.image", "the app image's digest is used by k8s.yaml only (allowed: empty without kubernetes.enabled: true)")
		}
		return
	}
	if s.Name != "" && len(validation.IsDNS1035Label(s.Name)) > 0 {
		bad("name", "%q cannot name a Kubernetes Service (allowed with kubernetes: lower case letters, digits and '-', starting with a letter, at most 63, for example my-app)", s.Name)
	}
	if k.Seccomp != SeccompLocalhost && k.Seccomp != SeccompRuntimeDefault {
		bad("kubernetes.seccomp", "%q is not a seccomp choice (allowed: %s, %s)", k.Seccomp, SeccompLocalhost, SeccompRuntimeDefault)
	}
	if k.Namespace != "" && len(validation.IsDNS1123Label(k.Namespace)) > 0 {
		bad("kubernetes.namespace", "%q is not a namespace name (lower case letters, digits and '-', starting and ending with a letter or digit, at most 63)", k.Namespace)
	} else if k.Namespace == "default" || strings.HasPrefix(k.Namespace, "kube-") {
		bad("kubernetes.namespace", "%q is shared with the cluster's own workloads (allowed: a namespace of the app's own, for example %s)", k.Namespace, s.Name)
	}
	if k.Replicas < 1 || k.Replicas > 100 {
		bad("kubernetes.replicas", "%d is out of range (allowed: 1-100)", k.Replicas)
	}
	if k.Image != "" {
		_, err := reference.ParseNormalizedNamed(k.Image)
		switch {
		case strings.Contains(k.Image, "@"):
			bad("kubernetes.image", "%q has a digest (allowed: none here; pin it with digests.image)", k.Image)
		case !kubeImageRE.MatchString(k.Image) || err != nil:
			bad("kubernetes.image", "%q is not an image reference (a repository with an optional tag, for example registry.example.com/team/app:1.4)", k.Image)
		}
	}
	if s.Digests.Image != "" && !digestRE.MatchString(s.Digests.Image) {
		bad("digests.image", "%q is not a digest (sha256: followed by 64 lower-case hex digits)", s.Digests.Image)
	}
}

// kubeData is what k8s.yaml.tmpl sees: the spec's settings in Kubernetes'
// own units, derived from the same fields as run.sh and compose.yaml.
type kubeData struct {
	Name       string
	Namespace  string
	Image      string
	PullPolicy string
	Replicas   int
	// Disruption is true when a PodDisruptionBudget keeps all but one of
	// several replicas up through a node drain.
	Disruption bool
	UID, GID   int
	// SeccompType is Localhost or RuntimeDefault; SeccompProfile the
	// Localhost profile's path ("" for RuntimeDefault).
	SeccompType, SeccompProfile string
	Ports                       []int
	Volumes                     []kubeVolume
	// Memory and CPU are both the requests and the limits.
	Memory, CPU string
	Probe       *kubeProbe
	// PassEnv come from the Secret EnvSecret, each optional (as compose
	// passes a variable only when it is set).
	PassEnv   []string
	EnvSecret string
}

type kubeVolume struct{ Name, Path, SizeLimit string }

type kubeProbe struct {
	// Path and Port for an HTTP probe, Command for an exec one.
	Path    string
	Port    int
	Command []string
	// Seconds: Period from interval, Timeout, Delay from startPeriod.
	Period, Timeout, Delay, Failures int
}

func newKubeData(s *Spec) *kubeData {
	k := s.Kubernetes
	if !k.Enabled {
		return nil
	}
	image := k.Image
	if image == "" {
		image = s.Name + ":local"
	}
	d := &kubeData{
		Name:       s.Name,
		Namespace:  k.Namespace,
		Image:      imageRef(image, s.Digests.Image),
		Replicas:   k.Replicas,
		Disruption: k.Replicas > 1,
		UID:        s.User.UID,
		GID:        s.User.GID,
		Ports:      s.Ports,
		Memory:     KubeQuantity(s.Resources.Memory),
		CPU:        s.Resources.CPUs,
		PassEnv:    s.PassEnv,
		EnvSecret:  s.Name + "-env",
	}
	if d.Namespace == "" {
		d.Namespace = s.Name
	}
	// A digest never changes: pull it once. A pushed tag can move: pull it
	// every time, so every node runs what the tag names now. The default
	// NAME:local is not in any registry: it is loaded into the nodes.
	switch {
	case s.Digests.Image == "" && k.Image != "":
		d.PullPolicy = "Always"
	default:
		d.PullPolicy = "IfNotPresent"
	}
	if k.Seccomp == SeccompRuntimeDefault {
		d.SeccompType = "RuntimeDefault"
	} else {
		d.SeccompType, d.SeccompProfile = "Localhost", KubeSeccompProfile(s.Name)
	}
	for i, w := range s.Writable {
		d.Volumes = append(d.Volumes, kubeVolume{Name: fmt.Sprintf("writable-%d", i), Path: w, SizeLimit: WritableSizeLimit})
	}
	h := s.Healthcheck
	if !h.Disabled && (len(h.Command) > 0 || h.Path != "") {
		p := &kubeProbe{Period: seconds(h.Interval), Timeout: seconds(h.Timeout), Delay: seconds(h.StartPeriod), Failures: h.Retries}
		if len(h.Command) > 0 { // the image's HEALTHCHECK prefers it too
			p.Command = h.Command
		} else {
			p.Path, p.Port = h.Path, s.Ports[0]
		}
		d.Probe = p
	}
	return d
}

// KubeQuantity converts a valid resources.memory (Docker's b, k, m, g,
// powers of 1024) to a Kubernetes quantity (Ki, Mi, Gi).
func KubeQuantity(mem string) string {
	if mem == "" {
		return ""
	}
	switch u := mem[len(mem)-1]; u {
	case 'k', 'm', 'g':
		return mem[:len(mem)-1] + strings.ToUpper(string(u)) + "i"
	case 'b':
		return mem[:len(mem)-1]
	}
	return mem
}

// seconds is a valid duration in whole seconds, rounded up.
func seconds(d string) int {
	v, err := time.ParseDuration(d)
	if err != nil {
		return 0
	}
	return int(math.Ceil(v.Seconds()))
}
