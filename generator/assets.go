package generator

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// The assets stage: a front-end build (package.json's build script) for a
// stack whose build image has no Node.js (stack.Assets: php, ruby). It runs
// in node:NODE-DEBIAN-slim (the catalog's, as the static stack's build),
// installs with the project's package manager exactly as the node stack
// does (templates/node.lib.tmpl, "node-install", with nodeDepFiles' files),
// runs assets.command and hands only assets.output to the stack's build
// stage, before build.command (Rails' assets:precompile fingerprints what
// jsbundling wrote to app/assets/builds).

// assetsImage is the assets stage's Node.js image: the catalog's
// node:{version}-{debian}-slim, on the spec's Debian release where its base
// is Debian's, else the default one.
var assetsImage = img{"node", "{version}-{debian}-slim", nil}

// assetsSpec is the spec the "node-install" partial sees for the assets
// stage: the Node.js version, the package manager and the build command
// (which makes it install dev dependencies too); no member, secrets or
// build arguments (those are the app's build's).
func assetsSpec(s *Spec) *Spec {
	a := s.Assets
	return &Spec{Stack: "node", Version: a.Node, Base: BaseSlim, Build: Build{Tool: a.Tool, Command: a.Command, Output: a.Output}}
}

// set reports whether the spec has an assets stage (any field set).
func (a Assets) set() bool {
	return len(a.Command) > 0 || a.Output != "" || a.Tool != "" || a.Node != ""
}

// assetsDefaults fills assets.tool and assets.node.
func (s *Spec) assetsDefaults() {
	if !s.Assets.set() {
		return
	}
	if s.Assets.Tool == "" {
		s.Assets.Tool = nodeStack.Tools[0]
	}
	if s.Assets.Node == "" {
		s.Assets.Node = nodeStack.defaultVersion(BaseSlim, "")
	}
}

// checkAssets reports what is wrong with assets.
func checkAssets(s *Spec, st *stack, bad func(field, format string, args ...any)) {
	a := s.Assets
	if !a.set() {
		return
	}
	if !st.Assets {
		bad("assets", "a Node.js assets stage applies to %s only (allowed: empty for stack %s)", orList(stacksWith(func(st *stack) bool { return st.Assets })), s.Stack)
		return
	}
	if len(a.Command) == 0 || slices.Contains(a.Command, "") {
		bad("assets.command", "the assets stage needs the command that builds them, without empty words (for example [\"npm\", \"run\", \"build\"])")
	}
	if !relPathRE.MatchString(a.Output) || strings.HasPrefix(a.Output, "-") || escapes(a.Output) || path.IsAbs(a.Output) || path.Clean(a.Output) == "." {
		bad("assets.output", "%q is not the directory the assets command writes inside the build context (for example public/build)", a.Output)
	}
	if a.Tool != "" && !slices.Contains(nodeStack.Tools, a.Tool) {
		bad("assets.tool", "%q is not a Node.js package manager (allowed: %s)", a.Tool, strings.Join(nodeStack.Tools, ", "))
	}
	if a.Node != "" {
		if msg := nodeStack.checkVersion(a.Node); msg != "" {
			bad("assets.node", "%s", msg)
		}
	}
}

// assetsData is what the "assets-stage" partial renders: the Node.js
// stage's image and spec, with the catalog's tool pins; nil without assets.
func assetsData(s *Spec) (*data, error) {
	if !s.Assets.set() {
		return nil, nil
	}
	as := assetsSpec(s)
	r := release{Version: as.Version, Base: BaseSlim, Family: "debian", Distro: defaultDistro("debian")}
	if stacks[s.Stack].family(s.Base) == "debian" && s.Distro != "" {
		r.Distro = s.Distro
	}
	ref, err := r.ref(assetsImage)
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	return &data{Spec: as, Builder: imageRef(ref, s.Digests.Assets), Tools: cat().Tools}, nil
}

// assetsDepFiles are the files the assets stage copies by name (package.json
// and the lockfile), blamed on assets.tool.
func assetsDepFiles(s *Spec) []DepFile {
	if !s.Assets.set() {
		return nil
	}
	files := nodeDepFiles(assetsSpec(s))
	for i := range files {
		files[i].Field = "assets.tool"
		files[i].Step = "the assets stage (" + s.Assets.Tool + ")"
		if files[i].Create == "" {
			files[i].Field = "assets"
		}
	}
	return files
}
