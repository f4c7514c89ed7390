package check

import (
	"fmt"
	"slices"
	"strings"
)

// Severity ranks how much a finding matters. Info is advice that never fails
// a check at the default threshold (low).
type Severity int

// Severities, lowest first.
const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = []string{"info", "low", "medium", "high", "critical"}

// String returns the severity's lower-case name.
func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText encodes the severity as its name, for JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads a severity name (info, low, medium, high, critical). It
// fails for any other word.
func ParseSeverity(name string) (Severity, error) {
	if i := slices.Index(severityNames, strings.ToLower(name)); i >= 0 {
		return Severity(i), nil
	}
	return 0, fmt.Errorf("unknown severity %q (allowed: %s)", name, strings.Join(severityNames, ", "))
}

// Kind is the kind of file a rule applies to.
type Kind string

// File kinds.
const (
	KindDockerfile Kind = "dockerfile"
	KindCompose    Kind = "compose"
	KindSeccomp    Kind = "seccomp"
	// KindAny is for rules about check itself (ignore comments), which apply
	// to every kind of file that can hold comments.
	KindAny Kind = "any"
)

// Rule is one check, described as data: the single source of truth for
// 'dockergen check --list', '--explain', SARIF rule metadata and the
// findings themselves.
type Rule struct {
	// ID is stable and never reused: DG0xx for check itself, DG1xx
	// Dockerfile, DG2xx compose, DG3xx seccomp.
	ID string
	// Name is a short kebab-case name (SARIF's rule name).
	Name string
	// Kind is the kind of file the rule reads.
	Kind Kind
	// Severity is the severity of every finding of the rule.
	Severity Severity
	// Summary says what is wrong, in one line.
	Summary string
	// Why says what can go wrong because of it.
	Why string
	// Fix says how to fix it, in general (--explain, SARIF, RULES.md).
	Fix string
	// FixIn, when set, is the fix a finding shows: a fmt format filled with
	// the finding's own context (the service, its port, the image's
	// runtime). Findings without that context show Fix.
	FixIn string
	// Hadolint, Trivy and CIS are the equivalent rule IDs in hadolint (DL…),
	// Trivy's misconfiguration checks (DS…) and the CIS Docker Benchmark
	// v1.6.0 (section.number), empty where there is none.
	Hadolint, Trivy, CIS []string
}

// Equivalents lists the rule's equivalents in other tools, for display.
func (r *Rule) Equivalents() string {
	var parts []string
	if len(r.Hadolint) > 0 {
		parts = append(parts, "hadolint "+strings.Join(r.Hadolint, ", "))
	}
	if len(r.Trivy) > 0 {
		parts = append(parts, "Trivy "+strings.Join(r.Trivy, ", "))
	}
	if len(r.CIS) > 0 {
		parts = append(parts, "CIS Docker Benchmark v1.6.0 "+strings.Join(r.CIS, ", "))
	}
	return strings.Join(parts, "; ")
}

// The rules. Messages of findings start from the rule's summary and add the
// specifics; the fix is the rule's Fix, or its FixIn filled with the
// finding's context.
var (
	RuleIgnoreComment = &Rule{
		ID: "DG001", Name: "ignore-comment-invalid", Kind: KindAny, Severity: Medium,
		Summary: "dockergen:ignore comment without a reason or naming no known rule",
		Why:     "An ignore is a decision someone has to be able to review later. Without a reason nobody can tell a deliberate exception from a silenced problem, and an unknown rule ID silences nothing. Such a comment is not applied.",
		Fix:     "Write '# dockergen:ignore=DG123 why this is safe here' on the line just above the Dockerfile instruction or compose key (several IDs are separated by commas); see 'dockergen check --list' for the IDs.",
	}

	RuleWindows = &Rule{
		ID: "DG002", Name: "windows-out-of-scope", Kind: KindDockerfile, Severity: Info,
		Summary: "Windows container image: out of check's scope",
		Why:     "check's rules are about Linux images (users, setuid bits, apt and apk, seccomp); on a Windows image (Windows base images, nanoserver and windowsservercore tags, a PowerShell or cmd SHELL) they would be wrong, so nothing else is reported for the file.",
		Fix:     "Nothing to fix: review Windows Dockerfiles with a tool that knows Windows containers, or move the app to a Linux image.",
	}

	RuleLatestTag = &Rule{
		ID: "DG101", Name: "base-image-latest", Kind: KindDockerfile, Severity: Medium,
		Summary:  "base image uses the 'latest' tag",
		Why:      "'latest' moves: the same Dockerfile builds a different image tomorrow, a major upgrade can arrive unannounced, and nobody can tell which image is running.",
		Fix:      "Name a version tag (for example python:3.12-slim-bookworm), and better, pin it by digest: image:tag@sha256:<digest>.",
		Hadolint: []string{"DL3007"}, Trivy: []string{"DS001"},
	}
	RuleUntagged = &Rule{
		ID: "DG102", Name: "base-image-untagged", Kind: KindDockerfile, Severity: Medium,
		Summary:  "base image has no tag (it means 'latest')",
		Why:      "An image without a tag is 'latest': the build changes whenever the image is republished, and the version that runs cannot be known from the Dockerfile.",
		Fix:      "Name a version tag (for example node:22-bookworm-slim), and better, pin it by digest: image:tag@sha256:<digest>.",
		Hadolint: []string{"DL3006"}, Trivy: []string{"DS001"},
	}
	RuleNoDigest = &Rule{
		ID: "DG103", Name: "base-image-no-digest", Kind: KindDockerfile, Severity: Info,
		Summary: "base image is not pinned by digest",
		Why:     "A tag can be moved to other content by whoever controls the registry; only a digest names exactly the bytes that were reviewed. Without one, rebuilds are not reproducible.",
		Fix:     "Append the digest to the tag: FROM image:tag@sha256:<digest> (docker buildx imagetools inspect image:tag shows it); in a dockergen spec, set digests.builder and digests.runtime. Let a bot such as Renovate or Dependabot update it.",
	}
	RuleAddInsteadOfCopy = &Rule{
		ID: "DG104", Name: "add-instead-of-copy", Kind: KindDockerfile, Severity: Low,
		Summary:  "ADD used where COPY serves",
		Why:      "ADD also fetches URLs and unpacks archives, so a renamed or unexpected source can silently download or extract content into the image; COPY does only what it says.",
		Fix:      "Use COPY for local files and directories. Keep ADD only to unpack a local tar archive, or to fetch a URL with --checksum.",
		Hadolint: []string{"DL3020"}, Trivy: []string{"DS005"}, CIS: []string{"4.9"},
	}
	RuleAddURLNoChecksum = &Rule{
		ID: "DG105", Name: "add-url-without-checksum", Kind: KindDockerfile, Severity: Medium,
		Summary: "ADD downloads a URL without --checksum",
		Why:     "The content at a URL can change or be replaced by an attacker; without a checksum the build accepts whatever the server sends.",
		Fix:     "Add --checksum=sha256:<digest> to the ADD (Dockerfile syntax 1.6 or later), or download in a RUN and verify with sha256sum -c.",
	}
	RuleRootUser = &Rule{
		ID: "DG110", Name: "runs-as-root", Kind: KindDockerfile, Severity: High,
		Summary:  "the image runs as root",
		Why:      "A process running as root inside the container is root on the host's kernel: any escape, mounted file or kernel bug is exploited with full privileges.",
		Fix:      "Create an unprivileged user and end the runtime stage with a numeric USER, for example USER 10001:10001 (distroless images have USER 65532 as :nonroot).",
		Hadolint: []string{"DL3002"}, Trivy: []string{"DS002"}, CIS: []string{"4.1"},
	}
	RuleUserName = &Rule{
		ID: "DG111", Name: "user-not-numeric", Kind: KindDockerfile, Severity: Low,
		Summary: "USER names a user instead of a numeric uid",
		Why:     "The engine and Kubernetes (runAsNonRoot) can verify that a numeric uid is not 0 without looking into the image's /etc/passwd; a name cannot be checked, and may map to uid 0.",
		Fix:     "Use the numeric uid and gid: USER 10001:10001.",
	}
	RuleSecretValue = &Rule{
		ID: "DG120", Name: "secret-in-env-arg-label", Kind: KindDockerfile, Severity: Critical,
		Summary:  "secret value written into ENV, ARG or LABEL",
		Why:      "ENV, ARG defaults and LABEL values are stored in the image config and history, readable by anyone who can pull the image, and the Dockerfile puts them in version control.",
		Fix:      "Remove the value and rotate the secret. Pass build-time secrets with RUN --mount=type=secret,id=NAME (docker build --secret id=NAME,src=FILE) and runtime secrets through the orchestrator's secrets or a *_FILE variable pointing at a mounted file.",
		Hadolint: []string{"DL3064"}, Trivy: []string{"DS031"}, CIS: []string{"4.10"},
	}
	RuleSecretArg = &Rule{
		ID: "DG121", Name: "secret-build-arg", Kind: KindDockerfile, Severity: High,
		Summary:  "secret passed as a build argument",
		Why:      "A value given with --build-arg is recorded in the image history (docker history shows it) and in build logs and caches.",
		Fix:      "Use a build secret instead: RUN --mount=type=secret,id=NAME,env=NAME command, built with docker build --secret id=NAME,env=NAME.",
		Hadolint: []string{"DL3064"}, Trivy: []string{"DS031"}, CIS: []string{"4.10"},
	}
	RuleSecretFile = &Rule{
		ID: "DG122", Name: "secret-file-copied", Kind: KindDockerfile, Severity: High,
		Summary: "private key or credentials file copied into the image",
		Why:     "Every layer can be extracted from an image: a key, .env or registry credentials file copied in stays readable in that layer even if a later step deletes it.",
		Fix:     "Do not copy it: mount it for the one step that needs it with RUN --mount=type=secret,id=NAME,target=PATH, exclude it in .dockerignore, and rotate it if the image was ever pushed. If it is a public certificate, say so with an ignore comment.",
		Trivy:   []string{"DS031"}, CIS: []string{"4.10"},
	}
	RuleURLCredentials = &Rule{
		ID: "DG123", Name: "credentials-in-url", Kind: KindDockerfile, Severity: High,
		Summary: "credentials written into a URL",
		Why:     "user:password@ in a URL lands in the Dockerfile, the layer's command history and often in logs.",
		Fix:     "Remove the credentials and rotate them; read them from a build secret (RUN --mount=type=secret) or use a token in a netrc file mounted as a secret.",
		CIS:     []string{"4.10"},
	}
	RuleAptRecommends = &Rule{
		ID: "DG130", Name: "apt-install-recommends", Kind: KindDockerfile, Severity: Low,
		Summary:  "apt-get install without --no-install-recommends",
		Why:      "Recommended packages are pulled in by default: more software in the runtime image means more vulnerabilities to patch and more tools for an attacker.",
		Fix:      "apt-get install -y --no-install-recommends PACKAGE...",
		Hadolint: []string{"DL3015"}, Trivy: []string{"DS029"}, CIS: []string{"4.3"},
	}
	RuleAptLists = &Rule{
		ID: "DG131", Name: "apt-lists-left", Kind: KindDockerfile, Severity: Low,
		Summary:  "apt-get update without removing /var/lib/apt/lists in the same RUN",
		Why:      "The package lists stay in the layer (tens of MB) and are stale from the day after the build; a later RUN that deletes them does not shrink the earlier layer.",
		Fix:      "Update, install and clean in one RUN: apt-get update && apt-get install -y --no-install-recommends PKG && rm -rf /var/lib/apt/lists/*",
		Hadolint: []string{"DL3009"},
	}
	RuleApkCache = &Rule{
		ID: "DG132", Name: "apk-cache-left", Kind: KindDockerfile, Severity: Low,
		Summary:  "apk add without --no-cache",
		Why:      "The apk index and cache stay in the layer, making the image bigger and keeping stale package metadata.",
		Fix:      "apk add --no-cache PACKAGE...",
		Hadolint: []string{"DL3019"}, Trivy: []string{"DS025"},
	}
	RulePipCache = &Rule{
		ID: "DG133", Name: "pip-cache-left", Kind: KindDockerfile, Severity: Low,
		Summary:  "pip install keeps its download cache in the image",
		Why:      "pip's wheel cache under ~/.cache/pip ends up in the runtime layer: often more megabytes than the packages themselves.",
		Fix:      "pip install --no-cache-dir ..., or ENV PIP_NO_CACHE_DIR=1, or RUN --mount=type=cache,target=/root/.cache/pip pip install ...",
		Hadolint: []string{"DL3042"},
	}
	RuleNpmCache = &Rule{
		ID: "DG134", Name: "npm-cache-left", Kind: KindDockerfile, Severity: Low,
		Summary:  "npm or yarn install keeps its package cache in the image",
		Why:      "The npm cache (~/.npm) or yarn cache is copied into the runtime layer along with node_modules, growing the image for nothing.",
		Fix:      "Use RUN --mount=type=cache,target=/root/.npm npm ci, or end the same RUN with npm cache clean --force (yarn cache clean for yarn); better, install in a build stage and copy node_modules.",
		Hadolint: []string{"DL3060"},
	}
	RuleUpgrade = &Rule{
		ID: "DG135", Name: "package-upgrade", Kind: KindDockerfile, Severity: Low,
		Summary:  "apt-get upgrade, dist-upgrade or apk upgrade in the build",
		Why:      "Upgrading everything in the Dockerfile makes the image depend on the day it was built, not on its base: builds are not reproducible and a distribution upgrade can break the base's own assumptions.",
		Fix:      "Rebuild on a newer base image instead (a fresh tag or digest carries the security updates); install only the packages you need.",
		Hadolint: []string{"DL3005", "DL3017"}, Trivy: []string{"DS024"},
	}
	RuleCurlPipeShell = &Rule{
		ID: "DG140", Name: "download-piped-to-shell", Kind: KindDockerfile, Severity: High,
		Summary: "downloaded script piped into a shell or interpreter",
		Why:     "curl … | sh runs whatever the server (or anyone between) sends, unreviewed and unverified, as the build user; a truncated download runs half a script.",
		Fix:     "Download to a file, verify its checksum or signature (echo 'SHA256  file' | sha256sum -c), then run it; or install the tool from the distribution's packages.",
		CIS:     []string{"4.11"},
	}
	RuleInsecureTransport = &Rule{
		ID: "DG141", Name: "verification-disabled", Kind: KindDockerfile, Severity: High,
		Summary: "TLS or package signature verification disabled",
		Why:     "Without certificate or signature checks anyone on the network path can substitute packages or scripts, and the build installs them.",
		Fix:     "Remove the option (-k/--insecure, --no-check-certificate, --allow-unauthenticated, --allow-untrusted, --trusted-host, strict-ssl false, sslVerify false, --nogpgcheck…). If a private CA is the reason, install its certificate with update-ca-certificates.",
		CIS:     []string{"4.11", "4.12"},
	}
	RuleSudo = &Rule{
		ID: "DG142", Name: "sudo", Kind: KindDockerfile, Severity: Medium,
		Summary:  "sudo used in RUN",
		Why:      "sudo in an image means a user who can become root; in a build it has unpredictable TTY and signal behaviour and hides which steps need privileges.",
		Fix:      "Run the privileged steps before switching USER (USER root … USER 10001), and do not install sudo in the image.",
		Hadolint: []string{"DL3004"}, Trivy: []string{"DS010"},
	}
	RuleRelativeWorkdir = &Rule{
		ID: "DG143", Name: "workdir-relative", Kind: KindDockerfile, Severity: Low,
		Summary:  "relative WORKDIR",
		Why:      "A relative WORKDIR depends on the base image's working directory, which can change with the base.",
		Fix:      "Use an absolute path: WORKDIR /app.",
		Hadolint: []string{"DL3000"}, Trivy: []string{"DS009"},
	}
	RuleRunCd = &Rule{
		ID: "DG144", Name: "run-cd", Kind: KindDockerfile, Severity: Low,
		Summary:  "RUN cd instead of WORKDIR",
		Why:      "cd lasts for one RUN only; later instructions run elsewhere than they appear to, which hides mistakes.",
		Fix:      "Use WORKDIR /path, or run the command in a subshell: (cd dir && make).",
		Hadolint: []string{"DL3003"}, Trivy: []string{"DS013"},
	}
	RuleShellForm = &Rule{
		ID: "DG145", Name: "shell-form-entrypoint", Kind: KindDockerfile, Severity: Medium,
		Summary:  "ENTRYPOINT or CMD in shell form",
		Why:      "The shell form runs the app under /bin/sh -c: the shell is PID 1, so SIGTERM from docker stop never reaches the app, which is killed after the timeout; it also needs a shell in the image.",
		Fix:      `Use the exec form, a JSON array: ENTRYPOINT ["/app/server"] or CMD ["python", "app.py"]; if a shell script must start the app, end it with exec.`,
		Hadolint: []string{"DL3025"},
	}
	RuleNoHealthcheck = &Rule{
		ID: "DG146", Name: "healthcheck-missing", Kind: KindDockerfile, Severity: Low,
		Summary:  "no HEALTHCHECK in the runtime image",
		Why:      "Without a health check the engine only knows whether the process exists, not whether it serves; a hung app is never restarted.",
		Fix:      `Add HEALTHCHECK CMD ["/app/server", "-healthcheck"] (exec form, a probe the image can run), or HEALTHCHECK NONE to record that the orchestrator probes it.`,
		FixIn:    `Add %s %s, or HEALTHCHECK NONE to record that the orchestrator probes it.`,
		Hadolint: []string{"DL3057"}, Trivy: []string{"DS026"}, CIS: []string{"4.6"},
	}
	RuleExposeSSH = &Rule{
		ID: "DG147", Name: "expose-ssh", Kind: KindDockerfile, Severity: Medium,
		Summary: "EXPOSE 22: SSH in a container",
		Why:     "An SSH server in a container is one more daemon with credentials to manage and patch, and a way in that bypasses the engine's access control.",
		Fix:     "Remove sshd and EXPOSE 22; use docker exec (or kubectl exec) to get a shell.",
		Trivy:   []string{"DS004"}, CIS: []string{"5.6"},
	}
	RuleSetuid = &Rule{
		ID: "DG148", Name: "setuid-not-stripped", Kind: KindDockerfile, Severity: Low,
		Summary: "setuid and setgid bits left in a runtime image that has a shell",
		Why:     "setuid binaries such as su, passwd or mount are the classic way from a compromised app user to root inside the container.",
		Fix:     "In the runtime stage, RUN find / -xdev -type f -perm /6000 -exec chmod a-s {} + (and run the container with no-new-privileges), or use a distroless or scratch base.",
		CIS:     []string{"4.8"},
	}
	RuleSingleStageToolchain = &Rule{
		ID: "DG150", Name: "single-stage-toolchain", Kind: KindDockerfile, Severity: Medium,
		Summary: "single-stage build ships the compiler and build tools",
		Why:     "The SDK image (compilers, package managers, headers) is hundreds of MB of software the app does not need at run time: more vulnerabilities and more tools for an attacker.",
		Fix:     "Build in a first stage (FROM <sdk image> AS build) and COPY --from=build only what runs (the binary, jar, virtualenv or node_modules) into a small runtime stage: distroless, scratch, or a -slim or -jre image.",
		CIS:     []string{"4.3"},
	}
	RuleRuntimeIsBuilder = &Rule{
		ID: "DG151", Name: "runtime-on-builder-image", Kind: KindDockerfile, Severity: Medium,
		Summary: "runtime stage runs on a full SDK image",
		Why:     "The multi-stage build gains nothing when the final stage uses the builder's full image: the compilers and build tools still ship.",
		Fix:     "Base the final stage on a runtime image (distroless, scratch, alpine or -slim) and COPY --from the build stage only what runs.",
		CIS:     []string{"4.3"},
	}

	RulePrivileged = &Rule{
		ID: "DG201", Name: "privileged", Kind: KindCompose, Severity: Critical,
		Summary: "privileged container",
		Why:     "privileged: true gives every capability, all host devices and no seccomp or AppArmor: root in it is root on the host.",
		Fix:     "Remove privileged: true; add only the capabilities or devices the service needs (cap_add, devices).",
		CIS:     []string{"5.4"},
	}
	RuleHostNetwork = &Rule{
		ID: "DG202", Name: "host-network", Kind: KindCompose, Severity: High,
		Summary: "host network namespace shared",
		Why:     "network_mode: host lets the container bind any host port and reach services on the host's loopback, bypassing network isolation.",
		Fix:     "Remove network_mode: host and publish the ports the service needs.",
		CIS:     []string{"5.9"},
	}
	RuleHostPID = &Rule{
		ID: "DG203", Name: "host-pid", Kind: KindCompose, Severity: High,
		Summary: "host PID namespace shared",
		Why:     "pid: host shows every host process to the container, and a root process in it can signal or trace them.",
		Fix:     "Remove pid: host.",
		CIS:     []string{"5.15"},
	}
	RuleHostIPC = &Rule{
		ID: "DG204", Name: "host-ipc", Kind: KindCompose, Severity: High,
		Summary: "host IPC namespace shared",
		Why:     "ipc: host exposes the host's shared memory and semaphores to the container.",
		Fix:     "Remove ipc: host (use ipc: shareable between services that need it).",
		CIS:     []string{"5.16"},
	}
	RuleDockerSocket = &Rule{
		ID: "DG205", Name: "docker-socket-mounted", Kind: KindCompose, Severity: Critical,
		Summary: "Docker socket mounted into the container",
		Why:     "Access to the Docker socket is root on the host: the container can start a privileged container that mounts /.",
		Fix:     "Do not mount the socket. If a tool must talk to the engine, put a filtering proxy in front of it that allows only the calls it needs, read-only.",
		CIS:     []string{"5.31"},
	}
	RuleSensitiveMount = &Rule{
		ID: "DG206", Name: "sensitive-host-mount", Kind: KindCompose, Severity: High,
		Summary: "sensitive host directory mounted",
		Why:     "Mounting /, /etc, /proc, /sys, /root, /boot or /dev lets the container read secrets or change the host's configuration.",
		Fix:     "Mount only the application's own data directory, read-only where possible (:ro).",
		CIS:     []string{"5.5"},
	}
	RuleNoCapDrop = &Rule{
		ID: "DG207", Name: "cap-drop-all-missing", Kind: KindCompose, Severity: Medium,
		Summary: "capabilities not dropped (no cap_drop: [ALL])",
		Why:     "By default a container keeps 14 capabilities (chown, setuid, net_raw…) that most services never use but an attacker can.",
		Fix:     "Add cap_drop: [ALL] and cap_add only what the service needs (for example NET_BIND_SERVICE).",
		CIS:     []string{"5.3"},
	}
	RuleCapAdd = &Rule{
		ID: "DG208", Name: "dangerous-cap-add", Kind: KindCompose, Severity: High,
		Summary: "powerful capability added",
		Why:     "SYS_ADMIN, SYS_PTRACE, SYS_MODULE, NET_ADMIN, DAC_READ_SEARCH and ALL each open a known way out of the container or into other processes.",
		Fix:     "Remove the capability; find the narrower one the service needs, or move the privileged work out of the container.",
		CIS:     []string{"5.3"},
	}
	RuleNoNewPrivileges = &Rule{
		ID: "DG209", Name: "no-new-privileges-missing", Kind: KindCompose, Severity: Medium,
		Summary: "no-new-privileges not set",
		Why:     "Without it a process can gain privileges through setuid binaries or file capabilities.",
		Fix:     `Add security_opt: ["no-new-privileges:true"].`,
		CIS:     []string{"5.25"},
	}
	RuleSeccompUnconfined = &Rule{
		ID: "DG210", Name: "seccomp-unconfined", Kind: KindCompose, Severity: High,
		Summary: "seccomp disabled (seccomp:unconfined)",
		Why:     "Without a seccomp filter every syscall reaches the kernel, including the ones behind most container escapes.",
		Fix:     "Remove seccomp:unconfined; use the default profile or a tighter one (seccomp=seccomp.json, as dockergen generates).",
		CIS:     []string{"5.21"},
	}
	RuleLSMUnconfined = &Rule{
		ID: "DG211", Name: "apparmor-selinux-disabled", Kind: KindCompose, Severity: High,
		Summary: "AppArmor or SELinux confinement disabled",
		Why:     "apparmor:unconfined or label:disable removes the mandatory access control that limits what a compromised container can touch.",
		Fix:     "Remove the option; if the default profile blocks something, write a profile that allows exactly that.",
		CIS:     []string{"5.1", "5.2"},
	}
	RuleNotReadOnly = &Rule{
		ID: "DG212", Name: "root-filesystem-writable", Kind: KindCompose, Severity: Medium,
		Summary: "root filesystem is writable (no read_only: true)",
		Why:     "A writable root filesystem lets an attacker drop tools or change the app's code and configuration.",
		Fix:     "Add read_only: true and mount a tmpfs for each directory the app writes to (tmpfs: [/tmp]).",
		CIS:     []string{"5.12"},
	}
	RuleNoMemoryLimit = &Rule{
		ID: "DG213", Name: "memory-limit-missing", Kind: KindCompose, Severity: Medium,
		Summary: "no memory limit",
		Why:     "Without a limit one leaking or attacked container can take the host's memory and get other processes OOM-killed.",
		Fix:     "Set mem_limit: 256m (or deploy.resources.limits.memory), and memswap_limit to the same value.",
		CIS:     []string{"5.10"},
	}
	RuleNoPidsLimit = &Rule{
		ID: "DG214", Name: "pids-limit-missing", Kind: KindCompose, Severity: Medium,
		Summary: "no PIDs limit",
		Why:     "Without a limit a fork bomb in one container exhausts the host's process table.",
		Fix:     "Set pids_limit: 128 (or deploy.resources.limits.pids).",
		CIS:     []string{"5.28"},
	}
	RuleNoCPULimit = &Rule{
		ID: "DG215", Name: "cpu-limit-missing", Kind: KindCompose, Severity: Low,
		Summary: "no CPU limit",
		Why:     "Without a limit one busy container can starve every other service on the host.",
		Fix:     "Set cpus: 1 (or deploy.resources.limits.cpus).",
		CIS:     []string{"5.11"},
	}
	RulePortAllInterfaces = &Rule{
		ID: "DG216", Name: "port-all-interfaces", Kind: KindCompose, Severity: Medium,
		Summary: "port published on all host interfaces",
		Why:     "A port without a host address is published on every interface, so a service meant for a reverse proxy or for local use is reachable from the network, and Docker's rules bypass host firewalls such as ufw.",
		Fix:     `Bind to one address: "127.0.0.1:8080:8080" (or the interface that should serve it).`,
		FixIn:   `Bind service %s's port to one address: "127.0.0.1:%s:%d" (or the interface that should serve it).`,
		CIS:     []string{"5.13"},
	}
	RuleComposeRoot = &Rule{
		ID: "DG218", Name: "compose-user-root", Kind: KindCompose, Severity: High,
		Summary:  "service runs as root (user: root or 0)",
		Why:      "user: root, \"0\", \"0:0\" or root:root overrides the image's USER and runs the process as uid 0, which is root on the host's kernel: any escape, mounted file or kernel bug is exploited with full privileges.",
		Fix:      `Remove the user: setting to keep the image's own non-root USER, or set a numeric unprivileged uid and gid, for example user: "10001:10001".`,
		FixIn:    `Remove user: %s from service %s to keep the image's own non-root USER, or set a numeric unprivileged uid and gid, for example user: "10001:10001".`,
		Hadolint: []string{"DL3002"}, Trivy: []string{"DS002"}, CIS: []string{"4.1"},
	}
	RulePrivilegedPort = &Rule{
		ID: "DG217", Name: "privileged-host-port", Kind: KindCompose, Severity: Low,
		Summary: "privileged host port (below 1024) published",
		Why:     "Ports below 1024 are reserved for system services; publishing one usually means the service runs with more privilege than it needs, or takes a port another system service expects.",
		Fix:     "Publish on a port from 1024 up, and let a reverse proxy or load balancer own 80 and 443.",
		CIS:     []string{"5.7"},
	}

	RuleSeccompDefaultAllow = &Rule{
		ID: "DG301", Name: "seccomp-default-allow", Kind: KindSeccomp, Severity: Critical,
		Summary: "seccomp profile allows every syscall it does not list",
		Why:     "A defaultAction of SCMP_ACT_ALLOW (or LOG) turns the profile into a denylist: every syscall nobody thought of, and every new one the kernel adds, is allowed.",
		Fix:     "Set defaultAction to SCMP_ACT_ERRNO (with defaultErrnoRet 1) and list the syscalls the app needs; dockergen generate writes such a profile.",
		CIS:     []string{"5.21"},
	}
	RuleSeccompDangerous = &Rule{
		ID: "DG302", Name: "seccomp-dangerous-syscall", Kind: KindSeccomp, Severity: High,
		Summary: "seccomp profile allows a dangerous syscall",
		Why:     "ptrace, mount, unshare, setns, bpf, keyctl, kexec, module loading, perf_event_open, userfaultfd, io_uring and the others on dockergen's denied list are behind most container escapes and kernel exploits; an application does not need them.",
		Fix:     "Remove the syscall from the allowed names (dockergen's profiles/base.yaml lists the denied ones).",
	}
	RuleSeccompClone = &Rule{
		ID: "DG303", Name: "seccomp-clone-unfiltered", Kind: KindSeccomp, Severity: High,
		Summary: "clone allowed without a namespace filter",
		Why:     "clone with CLONE_NEWUSER, CLONE_NEWNS and the other namespace flags does what unshare does; clone3 passes its flags in memory that seccomp cannot inspect, so allowing it allows new namespaces.",
		Fix:     "Allow clone only with args [{index: 0, value: 2114060288, valueTwo: 0, op: SCMP_CMP_MASKED_EQ}] (no namespace flag set), and answer clone3 with SCMP_ACT_ERRNO, errnoRet 38.",
	}
	RuleSeccompClone3 = &Rule{
		ID: "DG304", Name: "seccomp-clone3-not-enosys", Kind: KindSeccomp, Severity: Medium,
		Summary: "clone3 refused with an error other than ENOSYS",
		Why:     "glibc tries clone3 first and falls back to clone only on ENOSYS; with EPERM (the default errno) or a kill, thread creation fails and Python, Node.js and the JVM break.",
		Fix:     `Add {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}.`,
	}
)

// ruleset is every rule, in ID order.
var ruleset = []*Rule{
	RuleIgnoreComment, RuleWindows,
	RuleLatestTag, RuleUntagged, RuleNoDigest, RuleAddInsteadOfCopy, RuleAddURLNoChecksum, RuleEndOfLife,
	RuleRootUser, RuleUserName,
	RuleSecretValue, RuleSecretArg, RuleSecretFile, RuleURLCredentials,
	RuleAptRecommends, RuleAptLists, RuleApkCache, RulePipCache, RuleNpmCache, RuleUpgrade,
	RuleCurlPipeShell, RuleInsecureTransport, RuleSudo, RuleRelativeWorkdir, RuleRunCd,
	RuleShellForm, RuleNoHealthcheck, RuleExposeSSH, RuleSetuid,
	RuleSingleStageToolchain, RuleRuntimeIsBuilder,
	RulePrivileged, RuleHostNetwork, RuleHostPID, RuleHostIPC, RuleDockerSocket, RuleSensitiveMount,
	RuleNoCapDrop, RuleCapAdd, RuleNoNewPrivileges, RuleSeccompUnconfined, RuleLSMUnconfined,
	RuleNotReadOnly, RuleNoMemoryLimit, RuleNoPidsLimit, RuleNoCPULimit,
	RulePortAllInterfaces, RulePrivilegedPort, RuleComposeRoot,
	RuleSeccompDefaultAllow, RuleSeccompDangerous, RuleSeccompClone, RuleSeccompClone3,
}

// Rules returns every rule in ID order. The rules are shared: do not modify
// them.
func Rules() []*Rule { return slices.Clone(ruleset) }

// Lookup returns the rule with an ID (case-insensitive), or false.
func Lookup(id string) (*Rule, bool) {
	id = strings.ToUpper(strings.TrimSpace(id))
	for _, r := range ruleset {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}
