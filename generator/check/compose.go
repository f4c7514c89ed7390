package check

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/compose-spec/compose-go/v2/loader"
	composetypes "github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"
)

// Compose checks a Docker Compose file and returns its findings, sorted,
// minus those suppressed by valid '# dockergen:ignore=ID reason' comments
// above a service or one of its keys. name is the path shown in findings.
//
// The file is loaded with compose-go as the engine would, except that it
// never reads the environment or other files: variables take their
// ${VAR:-default} or are empty, and extends and include are not followed.
// Positions come from a YAML node walk. It fails when data is not text, not
// YAML, has no services mapping, or is not a valid compose file.
func Compose(name string, data []byte) (findings []Finding, err error) {
	defer recoverBug(name, &err)
	if err := textInput(name, data); err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not valid YAML: %w", name, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	top := yamlMap(root)
	services, ok := top["services"]
	if root.Kind != yaml.MappingNode || !ok || services.val.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a compose file: no services mapping", name)
	}
	proj, err := loadCompose(name, root)
	if err != nil {
		return nil, err
	}
	c := &composeCheck{reporter: reporter{file: name}, lines: splitLines(data), ignored: map[*yaml.Node]map[string]bool{}}
	c.readIgnores(&doc)
	for i := 0; i+1 < len(services.val.Content); i += 2 {
		key, val := services.val.Content[i], services.val.Content[i+1]
		svc, ok := proj.Services[key.Value]
		if !ok {
			continue
		}
		c.service(svc, key, yamlMap(resolve(val)))
	}
	Sort(c.findings)
	return c.findings, nil
}

// loadCompose loads the document with compose-go: first interpolating
// variables against an empty environment (so ${VAR:-default} takes its
// default), then, if that fails, without interpolation.
func loadCompose(name string, root *yaml.Node) (*composetypes.Project, error) {
	// compose-go logs a warning for the obsolete 'version' key: drop it.
	clean := *root
	clean.Content = nil
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "version" {
			clean.Content = append(clean.Content, root.Content[i], root.Content[i+1])
		}
	}
	content, err := yaml.Marshal(&clean)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	load := func(interpolate bool) (*composetypes.Project, error) {
		return loader.LoadWithContext(context.Background(), composetypes.ConfigDetails{
			WorkingDir:  ".",
			ConfigFiles: []composetypes.ConfigFile{{Filename: name, Content: content}},
			Environment: composetypes.Mapping{},
		}, func(o *loader.Options) {
			o.SkipResolveEnvironment = true
			o.SkipInterpolation = !interpolate
			if o.Interpolate != nil {
				// Every variable is set and empty: defaults apply, and
				// compose-go has nothing to warn about.
				o.Interpolate.LookupValue = func(string) (string, bool) { return "", true }
			}
			o.SkipConsistencyCheck = true
			o.SkipExtends = true
			o.SkipInclude = true
			o.ResolvePaths = false
			o.Profiles = []string{"*"}
			o.SetProjectName("check", true)
		})
	}
	proj, err := load(true)
	if err != nil {
		var err2 error
		if proj, err2 = load(false); err2 != nil {
			return nil, fmt.Errorf("%s: not a valid compose file: %w", name, err)
		}
	}
	return proj, nil
}

// yamlEntry is one key of a YAML mapping.
type yamlEntry struct{ key, val *yaml.Node }

// yamlMap indexes a mapping node by key, following aliases and << merges.
func yamlMap(n *yaml.Node) map[string]yamlEntry {
	m := map[string]yamlEntry{}
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "<<" {
			merged := []*yaml.Node{resolve(v)}
			if merged[0].Kind == yaml.SequenceNode {
				merged = merged[0].Content
			}
			for _, mn := range merged {
				for mk, mv := range yamlMap(mn) {
					if _, ok := m[mk]; !ok {
						m[mk] = mv
					}
				}
			}
			continue
		}
		m[k.Value] = yamlEntry{k, resolve(v)}
	}
	return m
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

type composeCheck struct {
	reporter
	lines   []string
	ignored map[*yaml.Node]map[string]bool
}

// svcCheck is one service being checked.
type svcCheck struct {
	c    *composeCheck
	key  *yaml.Node // the service's name in the services mapping
	keys map[string]yamlEntry
	done map[[2]any]bool // rule and node already reported
}

// report adds a finding at the first of nodes that exists (a list item, a
// key, the service), unless an ignore comment above one of them covers it.
// It reports whether it added the finding.
func (s *svcCheck) report(rule *Rule, nodes []*yaml.Node, format string, args ...any) bool {
	nodes = append(slices.DeleteFunc(slices.Clone(nodes), func(n *yaml.Node) bool { return n == nil }), s.key)
	if s.done[[2]any{rule, nodes[0]}] {
		return false
	}
	s.done[[2]any{rule, nodes[0]}] = true
	for _, n := range nodes {
		if s.c.ignores(n)[rule.ID] {
			return false
		}
	}
	s.c.add(rule, nodes[0].Line, nodes[0].Column, format, args...)
	return true
}

// keyNode returns the key node of a service setting, or nil.
func (s *svcCheck) keyNode(name string) *yaml.Node {
	if e, ok := s.keys[name]; ok {
		return e.key
	}
	return nil
}

// items returns the items of a sequence setting, or nil.
func (s *svcCheck) items(name string) []*yaml.Node {
	if e, ok := s.keys[name]; ok && e.val.Kind == yaml.SequenceNode {
		var out []*yaml.Node
		for _, it := range e.val.Content {
			out = append(out, resolve(it))
		}
		return out
	}
	return nil
}

func (c *composeCheck) service(svc composetypes.ServiceConfig, key *yaml.Node, keys map[string]yamlEntry) {
	s := &svcCheck{c: c, key: key, keys: keys, done: map[[2]any]bool{}}
	name := svc.Name
	if svc.Privileged {
		s.report(RulePrivileged, []*yaml.Node{s.keyNode("privileged")}, "service %s is privileged", name)
	}
	if svc.NetworkMode == "host" {
		s.report(RuleHostNetwork, []*yaml.Node{s.keyNode("network_mode")}, "service %s shares the host's network namespace", name)
	}
	if svc.Pid == "host" {
		s.report(RuleHostPID, []*yaml.Node{s.keyNode("pid")}, "service %s shares the host's PID namespace", name)
	}
	if svc.Ipc == "host" {
		s.report(RuleHostIPC, []*yaml.Node{s.keyNode("ipc")}, "service %s shares the host's IPC namespace", name)
	}
	if u, _, _ := strings.Cut(strings.TrimSpace(svc.User), ":"); u == "root" || u == "0" {
		if s.report(RuleComposeRoot, []*yaml.Node{s.keyNode("user")}, "service %s runs as root (user: %s)", name, svc.User) {
			s.c.fix(strconv.Quote(svc.User), name)
		}
	}
	s.volumes(svc)
	if !slices.ContainsFunc(svc.CapDrop, func(c string) bool { return strings.EqualFold(c, "ALL") || strings.EqualFold(c, "CAP_ALL") }) {
		s.report(RuleNoCapDrop, []*yaml.Node{s.keyNode("cap_drop")}, "service %s keeps the default capabilities (no cap_drop: [ALL])", name)
	}
	capItems := s.items("cap_add")
	for i, cp := range svc.CapAdd {
		norm := strings.TrimPrefix(strings.ToUpper(cp), "CAP_")
		if slices.Contains(dangerousCaps, norm) {
			var at *yaml.Node
			if i < len(capItems) {
				at = capItems[i]
			}
			s.report(RuleCapAdd, []*yaml.Node{at, s.keyNode("cap_add")}, "service %s adds capability %s", name, norm)
		}
	}
	nnp := false
	optItems := s.items("security_opt")
	for i, opt := range svc.SecurityOpt {
		var at *yaml.Node
		if i < len(optItems) {
			at = optItems[i]
		}
		k, v, _ := strings.Cut(opt, "=")
		if k2, v2, ok := strings.Cut(opt, ":"); ok && (!strings.Contains(opt, "=") || len(k2) < len(k)) {
			k, v = k2, v2
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.ToLower(strings.TrimSpace(v))
		switch k {
		case "no-new-privileges":
			if v == "" || v == "true" {
				nnp = true
			}
		case "seccomp":
			if v == "unconfined" {
				s.report(RuleSeccompUnconfined, []*yaml.Node{at, s.keyNode("security_opt")}, "service %s runs without seccomp (seccomp:unconfined)", name)
			}
		case "apparmor":
			if v == "unconfined" {
				s.report(RuleLSMUnconfined, []*yaml.Node{at, s.keyNode("security_opt")}, "service %s runs without AppArmor (apparmor:unconfined)", name)
			}
		case "label":
			if v == "disable" {
				s.report(RuleLSMUnconfined, []*yaml.Node{at, s.keyNode("security_opt")}, "service %s runs without SELinux labels (label:disable)", name)
			}
		}
	}
	if !nnp {
		s.report(RuleNoNewPrivileges, []*yaml.Node{s.keyNode("security_opt")}, "service %s does not set no-new-privileges:true", name)
	}
	if !svc.ReadOnly {
		s.report(RuleNotReadOnly, []*yaml.Node{s.keyNode("read_only")}, "service %s has a writable root filesystem (no read_only: true)", name)
	}
	var limits *composetypes.Resource
	if svc.Deploy != nil {
		limits = svc.Deploy.Resources.Limits
	}
	if svc.MemLimit <= 0 && (limits == nil || limits.MemoryBytes <= 0) {
		s.report(RuleNoMemoryLimit, []*yaml.Node{s.keyNode("mem_limit")}, "service %s has no memory limit", name)
	}
	if svc.PidsLimit <= 0 && (limits == nil || limits.Pids <= 0) {
		s.report(RuleNoPidsLimit, []*yaml.Node{s.keyNode("pids_limit")}, "service %s has no PIDs limit", name)
	}
	if svc.CPUS <= 0 && svc.CPUQuota <= 0 && svc.CPUSet == "" && (limits == nil || limits.NanoCPUs <= 0) {
		s.report(RuleNoCPULimit, []*yaml.Node{s.keyNode("cpus")}, "service %s has no CPU limit", name)
	}
	s.ports(svc)
}

var dangerousCaps = []string{"ALL", "SYS_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_ADMIN", "DAC_READ_SEARCH", "SYS_RAWIO", "SYS_BOOT", "BPF", "PERFMON", "MAC_ADMIN", "MAC_OVERRIDE", "SYS_TIME"}

// volumes checks bind mounts, read from the YAML items where the service
// lists them (for positions), else from the loaded service.
func (s *svcCheck) volumes(svc composetypes.ServiceConfig) {
	type vol struct {
		cfg composetypes.ServiceVolumeConfig
		at  *yaml.Node
	}
	var vols []vol
	if items := s.items("volumes"); items != nil {
		for _, it := range items {
			var cfg composetypes.ServiceVolumeConfig
			var err error
			switch it.Kind {
			case yaml.ScalarNode:
				cfg, err = format.ParseVolume(it.Value)
			case yaml.MappingNode:
				err = it.Decode(&cfg)
			default:
				continue
			}
			if err == nil {
				vols = append(vols, vol{cfg, it})
			}
		}
	} else {
		for _, v := range svc.Volumes {
			vols = append(vols, vol{v, s.keyNode("volumes")})
		}
	}
	for _, v := range vols {
		if v.cfg.Type != composetypes.VolumeTypeBind && !(v.cfg.Type == "" && isHostPath(v.cfg.Source)) {
			continue
		}
		src := v.cfg.Source
		switch what := sensitiveMount(src); what {
		case "":
		case "socket":
			s.report(RuleDockerSocket, []*yaml.Node{v.at}, "service %s mounts the container engine's socket %s", svc.Name, src)
		default:
			s.report(RuleSensitiveMount, []*yaml.Node{v.at}, "service %s mounts the host's %s", svc.Name, src)
		}
	}
}

func isHostPath(p string) bool {
	return strings.HasPrefix(p, "/") || strings.HasPrefix(p, ".") || strings.HasPrefix(p, "~")
}

// sensitiveDirs are host paths that must not be mounted, with everything
// under them; sensitiveExact only as a whole.
var (
	sensitiveDirs  = []string{"/etc", "/proc", "/sys", "/root", "/boot", "/dev", "/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet", "/run/containerd", "/etc/kubernetes"}
	sensitiveExact = []string{"/", "/var", "/var/run", "/run", "/usr", "/lib", "/bin", "/sbin", "/home", "/var/log"}
	harmlessMounts = []string{"/etc/localtime", "/etc/timezone"}
	engineSockets  = []string{"docker.sock", "containerd.sock", "podman.sock", "crio.sock", "dockershim.sock"}
)

// sensitiveMount classifies a bind mount's host path: "socket" for a
// container engine's socket, the path for a sensitive directory, or "".
func sensitiveMount(src string) string {
	if src == "" || strings.Contains(src, "$") {
		return ""
	}
	p := path.Clean(src)
	if slices.Contains(engineSockets, path.Base(p)) {
		return "socket"
	}
	if !strings.HasPrefix(p, "/") || slices.Contains(harmlessMounts, p) {
		return ""
	}
	if slices.Contains(sensitiveExact, p) {
		return p
	}
	for _, d := range sensitiveDirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return p
		}
	}
	return ""
}

// ports checks published ports, read from the YAML items where the service
// lists them (for positions), else from the loaded service.
func (s *svcCheck) ports(svc composetypes.ServiceConfig) {
	type port struct {
		cfg composetypes.ServicePortConfig
		at  *yaml.Node
	}
	var ports []port
	if items := s.items("ports"); items != nil {
		for _, it := range items {
			var cfgs []composetypes.ServicePortConfig
			switch it.Kind {
			case yaml.ScalarNode:
				parsed, err := composetypes.ParsePortConfig(it.Value)
				if err != nil {
					continue
				}
				cfgs = parsed
			case yaml.MappingNode:
				var cfg composetypes.ServicePortConfig
				if err := it.Decode(&cfg); err != nil {
					// published may be a number in the long syntax.
					var raw struct {
						HostIP    string `yaml:"host_ip"`
						Published any    `yaml:"published"`
						Target    uint32 `yaml:"target"`
					}
					if it.Decode(&raw) != nil {
						continue
					}
					cfg = composetypes.ServicePortConfig{HostIP: raw.HostIP, Target: raw.Target, Published: fmt.Sprint(raw.Published)}
				}
				cfgs = []composetypes.ServicePortConfig{cfg}
			}
			for _, c := range cfgs {
				ports = append(ports, port{c, it})
			}
		}
	} else {
		for _, p := range svc.Ports {
			ports = append(ports, port{p, s.keyNode("ports")})
		}
	}
	for _, p := range ports {
		desc := p.cfg.Published
		if desc == "" || desc == "<nil>" {
			desc = "a random port"
		}
		if ip := p.cfg.HostIP; ip == "" || ip == "0.0.0.0" || ip == "::" || ip == "[::]" {
			if s.report(RulePortAllInterfaces, []*yaml.Node{p.at}, "service %s publishes %s on all interfaces (container port %d)", svc.Name, desc, p.cfg.Target) {
				published := p.cfg.Published
				if published == "" || published == "<nil>" {
					published = strconv.Itoa(int(p.cfg.Target))
				}
				s.c.fix(svc.Name, published, p.cfg.Target)
			}
		}
		first, _, _ := strings.Cut(p.cfg.Published, "-")
		if n, err := strconv.Atoi(first); err == nil && n > 0 && n < 1024 {
			s.report(RulePrivilegedPort, []*yaml.Node{p.at}, "service %s publishes privileged host port %d", svc.Name, n)
		}
	}
}
