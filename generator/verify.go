package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	composetypes "github.com/compose-spec/compose-go/v2/types"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/profiles/seccomp"
	digest "github.com/opencontainers/go-digest"
	specs "github.com/opencontainers/runtime-spec/specs-go"
	"mvdan.cc/sh/v3/syntax"
)

// expect is what Verify checks the outputs against, beyond parsing.
type expect struct {
	User    string // the last USER, "uid:gid"
	Project string // the compose project name
	// Configs are the config files the Dockerfile copies from OutDir (the
	// output directory relative to the build context).
	Configs    []configFile
	OutDir     string
	IgnoreFile string // .dockerignore or Dockerfile.dockerignore
}

func (d *data) verifyExpect() expect {
	return expect{User: d.Run.User, Project: d.Spec.Name, Configs: d.configs, OutDir: d.outDir, IgnoreFile: d.IgnoreFile}
}

// Verify re-parses generated files with the parsers that will consume them:
// the Dockerfile with BuildKit's parser and build checks (no warning
// allowed), seccomp.json with moby's profile loader, compose.yaml with
// compose-go, k8s.yaml strictly into the Kubernetes API types and Pod
// Security "restricted", run.sh with a POSIX shell parser, and the config files the
// Dockerfile copies (php.ini as INI, nginx.conf's structure). Any failure is a bug in
// dockergen (or in an override template) and is reported as such.
func Verify(files Files, want expect) error {
	if df, ok := files["Dockerfile"]; ok {
		if err := verifyDockerfile(df, want); err != nil {
			return bugf("Dockerfile", err)
		}
	}
	if sc, ok := files["seccomp.json"]; ok {
		if err := verifySeccomp(sc); err != nil {
			return bugf("seccomp.json", err)
		}
	}
	if c, ok := files["compose.yaml"]; ok {
		if err := verifyCompose(c, want); err != nil {
			return bugf("compose.yaml", err)
		}
	}
	if k, ok := files["k8s.yaml"]; ok {
		if err := verifyKube(k, want); err != nil {
			return bugf("k8s.yaml", err)
		}
	}
	if err := verifyConfigs(files, want); err != nil {
		return err
	}
	if sh, ok := files["run.sh"]; ok {
		if _, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(bytes.NewReader(sh), "run.sh"); err != nil {
			return bugf("run.sh", err)
		}
	}
	return nil
}

func bugf(file string, err error) error {
	return fmt.Errorf("generated %s does not pass its own checks (a bug in dockergen or in an override template): %w", file, err)
}

// Lint parses a Dockerfile and runs BuildKit's build checks on it, offline:
// base images resolve to an empty config instead of a registry. It returns
// the warnings as "line N: RuleName: message" and fails when the Dockerfile
// does not parse.
func Lint(dockerfile []byte) ([]string, error) {
	smap := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", dockerfile)
	smap.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), dockerfile, dockerfile2llb.ConvertOpt{
		MetaResolver: offlineResolver{},
		SourceMap:    smap,
	})
	if err != nil {
		return nil, err
	}
	if res.Error != nil {
		return nil, fmt.Errorf("%s", res.Error.Message)
	}
	var out []string
	for _, w := range res.Warnings {
		line := 0
		if len(w.Location.Ranges) > 0 {
			line = int(w.Location.Ranges[0].Start.Line)
		}
		out = append(out, fmt.Sprintf("line %d: %s: %s", line, w.RuleName, w.Detail))
	}
	return out, nil
}

// offlineResolver answers every base image with an empty linux/amd64 config,
// so build checks run without a registry.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	cfg := []byte(`{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},"rootfs":{"type":"layers","diff_ids":[]}}`)
	return ref, digest.FromBytes(cfg), cfg, nil
}

func verifyDockerfile(df []byte, want expect) error {
	warnings, err := Lint(df)
	if err != nil {
		return err
	}
	if len(warnings) > 0 {
		return fmt.Errorf("build checks: %s", strings.Join(warnings, "; "))
	}
	ast, err := parser.Parse(bytes.NewReader(df))
	if err != nil {
		return err
	}
	stages, _, err := instructions.Parse(ast.AST, nil)
	if err != nil {
		return err
	}
	if len(stages) < 2 {
		return fmt.Errorf("want a multi-stage build, got %d stage(s)", len(stages))
	}
	var lastUser string
	for _, st := range stages {
		for _, c := range st.Commands {
			switch c := c.(type) {
			case *instructions.AddCommand:
				return fmt.Errorf("line %d: ADD is never generated (use COPY)", c.Location()[0].Start.Line)
			case *instructions.UserCommand:
				lastUser = c.User
			}
		}
	}
	if lastUser != want.User {
		return fmt.Errorf("the last USER is %q, want %q", lastUser, want.User)
	}
	final := stages[len(stages)-1]
	if u, ok := lastCommand[*instructions.UserCommand](final.Commands); !ok || u.User != want.User {
		return fmt.Errorf("the runtime stage does not end with USER %s", want.User)
	}
	return nil
}

func lastCommand[T instructions.Command](cmds []instructions.Command) (T, bool) {
	var zero T
	for i := len(cmds) - 1; i >= 0; i-- {
		if c, ok := cmds[i].(T); ok {
			return c, true
		}
	}
	return zero, false
}

func verifySeccomp(js []byte) error {
	var p seccomp.Seccomp
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	if p.DefaultAction != specs.ActErrno {
		return fmt.Errorf("defaultAction is %s, want %s", p.DefaultAction, specs.ActErrno)
	}
	// The engine's own loader: the same conversion dockerd applies.
	if _, err := seccomp.LoadProfile(string(js), &specs.Spec{Process: &specs.Process{}}); err != nil {
		return err
	}
	return nil
}

func verifyCompose(c []byte, want expect) error {
	proj, err := loader.LoadWithContext(context.Background(), composetypes.ConfigDetails{
		WorkingDir:  ".",
		ConfigFiles: []composetypes.ConfigFile{{Filename: "compose.yaml", Content: c}},
		Environment: composetypes.Mapping{"HOME": "/home/user"},
	}, func(o *loader.Options) {
		o.SkipResolveEnvironment = true
		o.SkipInterpolation = true // ${VAR} in secret paths is for the user's shell
		o.SkipConsistencyCheck = false
		o.ResolvePaths = false
		o.SetProjectName(want.Project, true)
	})
	if err != nil {
		return err
	}
	if len(proj.Services) != 1 {
		return fmt.Errorf("want one service, got %d", len(proj.Services))
	}
	for _, svc := range proj.Services {
		if !svc.ReadOnly || svc.User != want.User || len(svc.CapDrop) != 1 || svc.CapDrop[0] != "ALL" {
			return fmt.Errorf("service %s lost its hardening (read_only=%v user=%q cap_drop=%v)", svc.Name, svc.ReadOnly, svc.User, svc.CapDrop)
		}
	}
	return nil
}
