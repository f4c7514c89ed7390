package generator

// APIVersion is the only spec version this build of dockergen reads.
const APIVersion = "dockergen/v1"

// Spec is the content of a dockergen.yaml file: everything dockergen needs to
// know about an application to generate its container files. Zero values mean
// "use the default"; Defaults fills them in and Validate checks the result.
type Spec struct {
	// APIVersion must be "dockergen/v1".
	APIVersion string `yaml:"apiVersion" json:"apiVersion" jsonschema:"enum=dockergen/v1"`
	// Name names the image and the container: lower case letters, digits, '.', '_' and '-'.
	Name string `yaml:"name" json:"name"`
	// Stack is the application's language runtime (see dockergen schema for the list).
	Stack string `yaml:"stack" json:"stack"`
	// Version is the language version (for example "1.26", "20", "3.11").
	Version string `yaml:"version,omitempty" json:"version,omitempty"`
	// Base is the runtime image flavour: alpine, slim, distroless or scratch.
	Base string `yaml:"base,omitempty" json:"base,omitempty"`
	// Distro is the base family release the images are built on: a Debian
	// codename for slim and distroless (trixie, the default, or bookworm),
	// an Alpine release for alpine ("3.24", the default, or "3.23"), an
	// Ubuntu codename for .NET's slim and distroless (noble or resolute).
	// A release the images are no longer built on is generated with a
	// warning.
	Distro string `yaml:"distro,omitempty" json:"distro,omitempty"`
	// Syntax, when set, is written as the Dockerfile's "# syntax=" line
	// (for example docker/dockerfile:1). Leave it empty to use the engine's
	// built-in frontend, which needs no registry.
	Syntax string `yaml:"syntax,omitempty" json:"syntax,omitempty"`
	// Context is the build context, relative to the spec file's directory.
	Context string `yaml:"context,omitempty" json:"context,omitempty"`

	// Main is what to run: the main package for go (for example ./cmd/server),
	// the script for node and python (for example server.js, app.py).
	Main string `yaml:"main,omitempty" json:"main,omitempty"`
	// Entrypoint replaces the generated ENTRYPOINT (exec form, never a shell).
	Entrypoint []string `yaml:"entrypoint,omitempty" json:"entrypoint,omitempty"`
	// Command is the CMD: default arguments after the entrypoint (exec form).
	Command []string `yaml:"command,omitempty" json:"command,omitempty"`
	// Workdir is the absolute working directory of the app in the image.
	Workdir string `yaml:"workdir,omitempty" json:"workdir,omitempty"`
	// Ports are the TCP ports the app listens on.
	Ports []int `yaml:"ports,omitempty" json:"ports,omitempty"`
	// Server is the application server that runs the app, for stacks that
	// have a choice: python none, gunicorn (WSGI) or uvicorn (ASGI), where
	// main is then module:callable; php apache or fpm.
	Server string `yaml:"server,omitempty" json:"server,omitempty"`

	// Files are paths in the build context (files or directories) that the
	// app reads at run time, for stacks whose image holds only the build's
	// output (a Go or Rust binary): templates/, static/, config.yaml,
	// migrations/. Each is copied to the same path under workdir, owned by
	// root and read-only to the app. For ruby they are what the Gemfile
	// reads (.ruby-version, a gemspec, path: gems), copied before bundle
	// install.
	Files []string `yaml:"files,omitempty" json:"files,omitempty"`

	// Build says how the app is built.
	Build Build `yaml:"build,omitempty" json:"build,omitempty"`

	// Assets is a front-end build (package.json's build script: Vite,
	// esbuild, webpack) run in a Node.js stage of its own, for stacks whose
	// build image has no Node.js (php, ruby); its output directory is
	// copied into the app before build.command. Empty for none.
	Assets Assets `yaml:"assets,omitempty" json:"assets,omitzero"`
	// Packages are extra OS packages installed in the runtime image
	// (Debian names on slim, Alpine names on alpine; none on distroless or scratch).
	Packages []string `yaml:"packages,omitempty" json:"packages,omitempty"`
	// Extensions are runtime extensions built into the runtime image, for
	// stacks that have them (php: intl, pdo_pgsql, redis, ...).
	Extensions []string `yaml:"extensions,omitempty" json:"extensions,omitempty"`
	// Env holds non-secret environment variables baked into the image.
	Env map[string]string `yaml:"env,omitempty" json:"env,omitempty"`
	// PassEnv names environment variables that run.sh and compose.yaml pass
	// from the caller's environment into the container at run time (a key
	// such as SECRET_KEY_BASE): never written into the image or the files.
	PassEnv []string `yaml:"passEnv,omitempty" json:"passEnv,omitempty"`
	// Labels are extra image labels; OCI title and description labels are added.
	Labels map[string]string `yaml:"labels,omitempty" json:"labels,omitempty"`

	// User is the numeric non-root user the app runs as.
	User User `yaml:"user,omitempty" json:"user,omitempty"`
	// Healthcheck says how the engine checks that the app is healthy.
	Healthcheck Healthcheck `yaml:"healthcheck,omitempty" json:"healthcheck,omitempty"`
	// Writable lists absolute paths that the app writes to; each becomes a
	// tmpfs on the otherwise read-only root filesystem.
	Writable []string `yaml:"writable,omitempty" json:"writable,omitempty"`
	// Resources are the container's limits.
	Resources Resources `yaml:"resources,omitempty" json:"resources,omitempty"`
	// Digests pin the builder and runtime images (and the probe stage's) by content digest.
	Digests Digests `yaml:"digests,omitempty" json:"digests,omitempty"`
	// Seccomp extends the runtime's seccomp profile with syscalls the app
	// was seen to need ('dockergen seccomp learn' writes them).
	Seccomp Seccomp `yaml:"seccomp,omitempty" json:"seccomp,omitzero"`
	// Kubernetes, when enabled, also writes k8s.yaml: a Deployment, a
	// Service and a NetworkPolicy with the same hardening, passing Pod
	// Security "restricted".
	Kubernetes Kubernetes `yaml:"kubernetes,omitempty" json:"kubernetes,omitzero"`
	// NotSecrets lists fields (for example "env.PUBLIC_KEY_ID") whose values
	// look like secrets but are not: the secret scan skips them. Keep it short
	// and reviewed; real secrets belong in build.secrets or runtime injection.
	NotSecrets []string `yaml:"notSecrets,omitempty" json:"notSecrets,omitempty"`
}

// Build says how the application is built in the builder stage.
type Build struct {
	// Command is an extra build step run after the sources are copied
	// (exec form, for example ["npm", "run", "build"]).
	Command []string `yaml:"command,omitempty" json:"command,omitempty"`
	// Args are build arguments (ARG) with their default values. Never secrets.
	Args map[string]string `yaml:"args,omitempty" json:"args,omitempty"`
	// Secrets are mounted only into the dependency step with
	// RUN --mount=type=secret; they never reach a layer, ENV or ARG.
	Secrets []Secret `yaml:"secrets,omitempty" json:"secrets,omitempty"`
	// CGO enables cgo for go builds (off by default, for static binaries).
	CGO bool `yaml:"cgo,omitempty" json:"cgo,omitempty"`
	// Tool is the package manager or build tool, for stacks that have a
	// choice: node npm, yarn or pnpm; python pip, poetry or uv; java-maven
	// maven or mvnw (the project's wrapper); java-gradle gradle or gradlew.
	Tool string `yaml:"tool,omitempty" json:"tool,omitempty"`
	// Output is the directory the build command writes (node: for example
	// dist); only it, package.json and the production node_modules reach the
	// runtime image.
	Output string `yaml:"output,omitempty" json:"output,omitempty"`
	// Member is the workspace member to build, a directory relative to the
	// context (a Cargo workspace's crate, an npm, pnpm or yarn workspace's
	// package, a uv workspace's member), for stacks that build workspaces;
	// empty for a project that is not a workspace.
	Member string `yaml:"member,omitempty" json:"member,omitempty"`
	// JLink builds a trimmed Java runtime with jlink (java stacks) instead of
	// using the JRE image.
	JLink bool `yaml:"jlink,omitempty" json:"jlink,omitempty"`
	// AOT publishes a .NET app with Native AOT (the project sets
	// <PublishAot>true</PublishAot>): a native executable for the target's
	// runtime identifier, built on the AOT SDK image and run on
	// runtime-deps, with no .NET runtime in the image.
	AOT bool `yaml:"aot,omitempty" json:"aot,omitempty"`
	// PinTags installs, for a dependency that package.json asks for by
	// dist-tag ("next": "latest"), the version package-lock.json pins (npm
	// builds): npm ci resolves a tag against the registry and refuses the
	// lockfile as soon as a newer release is published.
	PinTags bool `yaml:"pinTags,omitempty" json:"pinTags,omitempty"`
}

// Assets is a front-end build in a Node.js stage; the zero value is none.
type Assets struct {
	// Command builds the assets (exec form, for example ["npm", "run",
	// "build"]), after the project's package manager installs package.json's
	// dependencies, dev ones included, from its lockfile.
	Command []string `yaml:"command" json:"command"`
	// Output is the directory the command writes, relative to the build
	// context (Laravel's Vite: public/build; jsbundling-rails:
	// app/assets/builds): the only part of the stage the app gets.
	Output string `yaml:"output" json:"output"`
	// Tool is the package manager: npm (default), yarn or pnpm.
	Tool string `yaml:"tool,omitempty" json:"tool,omitempty"`
	// Node is the Node.js major version of the stage (default: the
	// catalog's default Node.js line).
	Node string `yaml:"node,omitempty" json:"node,omitempty"`
}

// Secret is a BuildKit build secret.
type Secret struct {
	// ID is the secret's id, as in docker build --secret id=ID.
	ID string `yaml:"id" json:"id"`
	// Target is the absolute path where the secret file is mounted during the
	// dependency step (for example /root/.npmrc).
	Target string `yaml:"target" json:"target"`
	// Src is the default host file that run.sh passes for this secret; the
	// environment variable DOCKERGEN_SECRET_<ID> overrides it.
	Src string `yaml:"src,omitempty" json:"src,omitempty"`
}

// User is a numeric uid and gid; 0 is refused.
type User struct {
	// UID is the numeric user id (default 10001; never 0).
	UID int `yaml:"uid,omitempty" json:"uid,omitempty"`
	// GID is the numeric group id (default: the uid; never 0).
	GID int `yaml:"gid,omitempty" json:"gid,omitempty"`
}

// Healthcheck configures the image's HEALTHCHECK.
type Healthcheck struct {
	// Path is an HTTP path probed on the first port with the runtime's own
	// HTTP client (python and node); go needs Command.
	Path string `yaml:"path,omitempty" json:"path,omitempty"`
	// Command is an exec-form probe, for example ["/app/server", "-healthcheck"].
	Command []string `yaml:"command,omitempty" json:"command,omitempty"`
	// Disabled turns the healthcheck off (HEALTHCHECK NONE).
	Disabled bool `yaml:"disabled,omitempty" json:"disabled,omitempty"`
	// Interval, Timeout and StartPeriod are durations such as 30s or 1m.
	Interval    string `yaml:"interval,omitempty" json:"interval,omitempty"`
	Timeout     string `yaml:"timeout,omitempty" json:"timeout,omitempty"`
	StartPeriod string `yaml:"startPeriod,omitempty" json:"startPeriod,omitempty"`
	// Retries is how many failures in a row make the container unhealthy.
	Retries int `yaml:"retries,omitempty" json:"retries,omitempty"`
}

// Resources are the container's limits.
type Resources struct {
	// Memory is a size with a unit: b, k, m or g (for example 256m).
	Memory string `yaml:"memory,omitempty" json:"memory,omitempty"`
	// CPUs is a decimal number of CPUs (for example "0.5").
	CPUs string `yaml:"cpus,omitempty" json:"cpus,omitempty"`
	// Pids is the maximum number of processes and threads.
	Pids int `yaml:"pids,omitempty" json:"pids,omitempty"`
}

// Digests pin images by digest (sha256:<64 hex>); the tag is kept beside it.
type Digests struct {
	// Builder pins the builder stage's image.
	Builder string `yaml:"builder,omitempty" json:"builder,omitempty"`
	// Runtime pins the runtime stage's image (not for scratch).
	Runtime string `yaml:"runtime,omitempty" json:"runtime,omitempty"`
	// Assets pins the assets stage's Node.js image (with assets only).
	Assets string `yaml:"assets,omitempty" json:"assets,omitempty"`
	// Image pins the app's own image in k8s.yaml: the digest the registry
	// reported when it was pushed (kubernetes only).
	Image string `yaml:"image,omitempty" json:"image,omitempty"`
	// Probe pins the Go image of the healthcheck probe's stage (java with
	// healthcheck.path: dockergen's static probe).
	Probe string `yaml:"probe,omitempty" json:"probe,omitempty"`
}

// Seccomp extends the generated seccomp profile.
type Seccomp struct {
	// Allow lists syscalls to allow beyond the runtime's profile, each with
	// the reason it is needed. Each brings its family (profiles/families.yaml:
	// the same operation under every libc's and architecture's name), or
	// itself alone when it is in none; never a syscall on dockergen's denied
	// list.
	Allow []SeccompAllow `yaml:"allow,omitempty" json:"allow,omitempty"`
}

// SeccompAllow is one syscall allowed beyond the runtime's profile.
type SeccompAllow struct {
	// Syscall is the syscall's name (for example setpriority).
	Syscall string `yaml:"syscall" json:"syscall"`
	// Reason says why the app needs it (learn writes what made the call).
	Reason string `yaml:"reason" json:"reason"`
}

// Kubernetes configures k8s.yaml; the zero value writes none.
type Kubernetes struct {
	// Enabled writes k8s.yaml (init --kubernetes sets it).
	Enabled bool `yaml:"enabled,omitempty" json:"enabled,omitempty"`
	// Seccomp is the pods' seccomp profile: localhost (the default), the
	// generated seccomp.json installed on every node as
	// dockergen/NAME.json in the kubelet's seccomp directory, or
	// runtimeDefault, the container runtime's default profile.
	Seccomp string `yaml:"seccomp,omitempty" json:"seccomp,omitempty"`
	// Namespace is the namespace k8s.yaml creates and puts the app in,
	// labelled to enforce Pod Security "restricted" (default: the name).
	Namespace string `yaml:"namespace,omitempty" json:"namespace,omitempty"`
	// Replicas is the Deployment's number of pods (default 1).
	Replicas int `yaml:"replicas,omitempty" json:"replicas,omitempty"`
	// Image is the image the cluster pulls, a repository with an optional
	// tag and no digest (for example registry.example.com/team/app:1.4);
	// default NAME:local, the image run.sh builds, loaded into the nodes.
	Image string `yaml:"image,omitempty" json:"image,omitempty"`
}
