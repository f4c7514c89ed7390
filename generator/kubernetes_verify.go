package generator

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8syaml "k8s.io/apimachinery/pkg/util/yaml"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// KubeManifest is k8s.yaml decoded into the Kubernetes API types.
type KubeManifest struct {
	Namespace     *corev1.Namespace
	Deployment    *appsv1.Deployment
	Service       *corev1.Service
	NetworkPolicy *networkingv1.NetworkPolicy
	// PodDisruptionBudget is there for more than one replica.
	PodDisruptionBudget *policyv1.PodDisruptionBudget
}

// DecodeKube splits k8s.yaml into its documents and decodes each strictly
// (an unknown field, a field in the wrong case or a duplicate is an error) into the API type its
// apiVersion and kind name, as the API server's strict field validation
// would. It wants exactly one Namespace, Deployment, Service and
// NetworkPolicy, and at most one PodDisruptionBudget.
func DecodeKube(b []byte) (*KubeManifest, error) {
	var m KubeManifest
	r := k8syaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(b)))
	for n := 1; ; n++ {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		var tm metav1.TypeMeta
		if err := yaml.Unmarshal(doc, &tm); err != nil {
			return nil, fmt.Errorf("document %d: %w", n, err)
		}
		var obj any
		switch gvk := tm.APIVersion + " " + tm.Kind; {
		case gvk == "v1 Namespace" && m.Namespace == nil:
			m.Namespace = &corev1.Namespace{}
			obj = m.Namespace
		case gvk == "apps/v1 Deployment" && m.Deployment == nil:
			m.Deployment = &appsv1.Deployment{}
			obj = m.Deployment
		case gvk == "v1 Service" && m.Service == nil:
			m.Service = &corev1.Service{}
			obj = m.Service
		case gvk == "policy/v1 PodDisruptionBudget" && m.PodDisruptionBudget == nil:
			m.PodDisruptionBudget = &policyv1.PodDisruptionBudget{}
			obj = m.PodDisruptionBudget
		case gvk == "networking.k8s.io/v1 NetworkPolicy" && m.NetworkPolicy == nil:
			m.NetworkPolicy = &networkingv1.NetworkPolicy{}
			obj = m.NetworkPolicy
		default:
			return nil, fmt.Errorf("document %d: %s is not one dockergen writes, or is there twice", n, gvk)
		}
		// The API server's own strict decoding: YAML to JSON refusing
		// duplicate keys, then case-sensitive JSON refusing unknown and
		// duplicate fields.
		js, err := yaml.YAMLToJSONStrict(doc)
		if err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", n, tm.Kind, err)
		}
		strict, err := sigsjson.UnmarshalStrict(js, obj, sigsjson.DisallowDuplicateFields, sigsjson.DisallowUnknownFields)
		if err == nil && len(strict) > 0 {
			err = errors.Join(strict...)
		}
		if err != nil {
			return nil, fmt.Errorf("document %d (%s): %w", n, tm.Kind, err)
		}
	}
	if m.Namespace == nil || m.Deployment == nil || m.Service == nil || m.NetworkPolicy == nil {
		return nil, errors.New("want a Namespace, a Deployment, a Service and a NetworkPolicy")
	}
	return &m, nil
}

func stripComments(doc []byte) []byte {
	var out []byte
	for _, l := range bytes.Split(doc, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(l), []byte("#")) {
			out = append(append(out, l...), '\n')
		}
	}
	return out
}

// PodSecurity evaluates a pod template with the Pod Security Admission
// library's own checks at a level ("restricted", "baseline") of the latest
// policy version, and returns the violations as "reason: detail".
func PodSecurity(level string, pod *corev1.PodTemplateSpec) ([]string, error) {
	lvl, err := psaapi.ParseLevel(level)
	if err != nil {
		return nil, err
	}
	ev, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range ev.EvaluatePod(psaapi.LevelVersion{Level: lvl, Version: psaapi.LatestVersion()}, &pod.ObjectMeta, &pod.Spec) {
		if !r.Allowed {
			out = append(out, r.ForbiddenReason+": "+r.ForbiddenDetail)
		}
	}
	return out, nil
}

// VerifyKube runs Generate's checks of k8s.yaml on b, for a pod that runs
// as user ("uid:gid").
func VerifyKube(b []byte, user string) error { return verifyKube(b, expect{User: user}) }

// verifyKube decodes k8s.yaml strictly, evaluates its pod at Pod Security
// "restricted", and checks that the hardening the spec asks for is there.
func verifyKube(b []byte, want expect) error {
	m, err := DecodeKube(b)
	if err != nil {
		return err
	}
	ns := m.Namespace.Name
	if m.Namespace.Labels[psaapi.EnforceLevelLabel] != string(psaapi.LevelRestricted) {
		return fmt.Errorf("the namespace %s does not enforce Pod Security \"restricted\"", ns)
	}
	for _, o := range []metav1.Object{m.Deployment, m.Service, m.NetworkPolicy} {
		if o.GetNamespace() != ns {
			return fmt.Errorf("%s is in namespace %q, not %q", o.GetName(), o.GetNamespace(), ns)
		}
	}
	pod := &m.Deployment.Spec.Template
	v, err := PodSecurity("restricted", pod)
	if err != nil {
		return err
	}
	if len(v) > 0 {
		return fmt.Errorf("Pod Security \"restricted\": %s", strings.Join(v, "; "))
	}
	sc := pod.Spec.SecurityContext
	if sc == nil || sc.RunAsUser == nil || sc.RunAsGroup == nil || fmt.Sprintf("%d:%d", *sc.RunAsUser, *sc.RunAsGroup) != want.User {
		return fmt.Errorf("the pod does not run as %s", want.User)
	}
	if len(pod.Spec.Containers) != 1 {
		return fmt.Errorf("want one container, got %d", len(pod.Spec.Containers))
	}
	c := pod.Spec.Containers[0].SecurityContext
	if c == nil || c.ReadOnlyRootFilesystem == nil || !*c.ReadOnlyRootFilesystem {
		return errors.New("the container's root filesystem is not read-only")
	}
	if a := pod.Spec.AutomountServiceAccountToken; a == nil || *a {
		return errors.New("the pod mounts a service account token")
	}
	sel := m.Deployment.Spec.Selector
	if sel == nil || !reflect.DeepEqual(m.NetworkPolicy.Spec.PodSelector, *sel) {
		return errors.New("the NetworkPolicy does not select the Deployment's pods")
	}
	if !reflect.DeepEqual(m.Service.Spec.Selector, sel.MatchLabels) {
		return errors.New("the Service does not select the Deployment's pods")
	}
	if pdb := m.PodDisruptionBudget; pdb != nil {
		if pdb.Namespace != ns || pdb.Spec.Selector == nil || !reflect.DeepEqual(*pdb.Spec.Selector, *sel) {
			return errors.New("the PodDisruptionBudget does not select the Deployment's pods in its namespace")
		}
	}
	return nil
}
