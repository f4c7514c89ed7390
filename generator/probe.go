package generator

import (
	_ "embed"
	"fmt"
	"strings"
)

// The static probe: dockergen's own HTTP healthcheck client, for a stack
// whose runtime has no HTTP client that is cheap to start (stack.StaticProbe:
// java, where the runtime's own client would be a second JVM inside the
// container's memory limit at every interval). Its source,
// internal/probe/main.go (standard library only: one HTTP/1.1 GET with
// Connection: close, exit 0 on a 2xx status line, a 3 second deadline, no
// redirects followed), is written into the Dockerfile with printf and built
// in a stage of its own, probe, FROM the Go stack's builder image
// (the catalog's default Go line on the default Debian release: the binary
// is static, so one builder serves every base and distro), with cgo off,
// -trimpath, -ldflags=-s -w and GOTOOLCHAIN=local; only the binary is
// copied into the runtime stage, owned by root and read-only, at
// staticProbePath ("probe-stage" and "probe-copy" in
// templates/probe.lib.tmpl). It needs no shell, no libc and no runtime, so
// it runs on distroless, slim and alpine alike.

// staticProbePath is where the runtime stage holds the probe binary.
const staticProbePath = "/opt/dockergen/probe"

//go:embed internal/probe/main.go
var staticProbeSource string

// staticProbe is the exec-form healthcheck of a stack with StaticProbe: the
// probe binary with the URL (the runtime's interpreter plays no part).
func staticProbe(_, url string) []string { return []string{staticProbePath, url} }

// probeStage is what the "probe-stage" and "probe-copy" partials render.
type probeStage struct {
	// Image is the Go builder image.
	Image string
	// Path is where the runtime stage holds the binary.
	Path string
	// Source is the probe's Go source, one line each, without its doc
	// comment (the Dockerfile's comment says what it does), leading tabs
	// as four spaces.
	Source []string
}

// BuildsStaticProbe reports that a spec's image builds the static probe: its
// stack uses it and its healthcheck probes a path.
func BuildsStaticProbe(s *Spec) bool {
	st, ok := stacks[s.Stack]
	h := s.Healthcheck
	return ok && st.StaticProbe && !h.Disabled && h.Path != "" && len(h.Command) == 0
}

// probeData returns the probe stage of a spec that builds the static probe
// (its image pinned by digests.probe); nil otherwise.
func probeData(s *Spec) (*probeStage, error) {
	if !BuildsStaticProbe(s) {
		return nil, nil
	}
	r := release{Version: goStack.defaultVersion(BaseDistroless, ""), Base: BaseDistroless, Family: familyDebian, Distro: defaultDistro(familyDebian)}
	builder, _, _, err := goStack.Images(r)
	if err != nil {
		return nil, fmt.Errorf("the healthcheck probe's Go builder: %w", err)
	}
	return &probeStage{Image: imageRef(builder, s.Digests.Probe), Path: staticProbePath, Source: probeSourceLines()}, nil
}

// probeSourceLines is the probe's source as the Dockerfile writes it: from
// its package clause on, each leading tab four spaces.
func probeSourceLines() []string {
	src := staticProbeSource[strings.Index(staticProbeSource, "\npackage ")+1:]
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
		trimmed := strings.TrimLeft(l, "\t")
		lines = append(lines, strings.Repeat("    ", len(l)-len(trimmed))+trimmed)
	}
	return lines
}
