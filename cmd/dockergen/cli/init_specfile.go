// The spec file init writes: dockergen.yaml with only the fields a person
// would look at, and the container files generated from it.

package cli

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/dockergen/dockergen/generator"
	"gopkg.in/yaml.v3"
)

// initFiles renders the spec file and the outputs it generates.
func initFiles(dir string, spec *generator.Spec, c *generator.Candidate, schema string) (generator.Files, generator.Options, error) {
	specFile, err := renderSpec(spec, c, schema)
	if err != nil {
		return nil, generator.Options{}, err
	}
	opts, err := genOptions(filepath.Join(dir, specName), dir, spec.Context)
	if err != nil {
		return nil, generator.Options{}, usageErr(err)
	}
	files, err := generator.Generate(spec, opts)
	if err != nil {
		return nil, generator.Options{}, err
	}
	files[specName] = specFile
	return files, opts, nil
}

// renderSpec writes a spec as init leaves it: a schema line for editors, the
// fields a person would look at (name, stack, version, base, main, ports,
// healthcheck, writable, resources, and packages and secrets when set), and
// nothing that is a default everywhere. Loading it gives spec back exactly;
// a spec that would not is a dockergen bug, refused before anything is
// written.
func renderSpec(spec *generator.Spec, c *generator.Candidate, schema string) ([]byte, error) {
	w := *spec
	if w.Context == "." {
		w.Context = ""
	}
	if w.Distro == generator.DefaultDistro(w.Stack, w.Base) {
		w.Distro = "" // the newest the images are built on, as the catalog moves
	}
	if w.Workdir == generator.DefaultWorkdir {
		w.Workdir = ""
	}
	if w.User == (generator.User{UID: generator.DefaultUID, GID: generator.DefaultUID}) {
		w.User = generator.User{}
	}
	h := &w.Healthcheck
	if !h.Disabled {
		if h.Interval == generator.DefaultInterval {
			h.Interval = ""
		}
		if h.Timeout == generator.DefaultTimeout {
			h.Timeout = ""
		}
		if h.StartPeriod == generator.DefaultStart {
			h.StartPeriod = ""
		}
		if h.Retries == generator.DefaultRetries {
			h.Retries = 0
		}
	}
	var doc yaml.Node
	if err := doc.Encode(&w); err != nil {
		return nil, err
	}
	if w.Writable != nil && len(w.Writable) == 0 {
		// An empty list is not the default list: write it out.
		doc.Content = append(doc.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: "writable"},
			&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle})
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		flowScalars(v)
		switch k.Value {
		case "name", "version", "main", "ports":
			if d := detectedFor(c, k.Value); d.Found() && d.Value == scalarText(v) {
				v.LineComment = "from " + d.From
			}
		case "command":
			if c.ArgsFrom != "" && slices.Equal(c.Args, spec.Command) {
				v.LineComment = "from " + c.ArgsFrom
			}
		case "base":
			v.LineComment = "see DOCKER-SECURITY.md for what this base means"
		case "distro":
			if why := generator.DistroWhy(spec); why != "" {
				v.LineComment = why
			}
		case "healthcheck":
			if flag := generator.HealthFlag(spec.Stack); spec.Healthcheck.Disabled && flag != "" {
				k.HeadComment = fmt.Sprintf("No HTTP client in a %s image: give the binary a flag that probes the app,\nthen set command: [\"%s\", \"%s\"].", generator.StackTitle(spec.Stack), path.Join(spec.Workdir, spec.Name), flag)
			}
		case "build":
			if c.PinTags.Found() && spec.Build.PinTags {
				k.HeadComment = fmt.Sprintf("pinTags: %s, asked for by dist-tag (%s): installed at the\nlockfile's versions, as npm ci would otherwise refuse the lockfile after a release.", c.PinTags.Reason, c.PinTags.From)
			}
		case "writable":
			k.HeadComment = "Tmpfs mounts on the read-only root filesystem."
		case "kubernetes":
			k.HeadComment = "k8s.yaml: seccomp localhost needs seccomp.json on every node (see DOCKER-SECURITY.md),\nruntimeDefault uses the runtime's default profile instead."
		case "assets":
			if c.AssetsFrom != "" {
				k.HeadComment = fmt.Sprintf("Front-end assets, built in a Node.js stage: package.json's build script (%s),\nwriting %s (%s).", c.AssetsFrom, c.AssetsOutput.Value, c.AssetsOutput.Source())
			}
		case "files":
			var why []string
			for _, f := range c.Files {
				why = append(why, fmt.Sprintf("%s: %s (%s)", f.Value, f.Reason, f.Source()))
			}
			k.HeadComment = "Copied into the image from the project" + bulletList(why)
		case "env":
			var why []string
			for _, e := range c.Env {
				why = append(why, fmt.Sprintf("%s: %s (%s)", e.Name, e.Reason, e.From))
			}
			if len(why) > 0 {
				k.HeadComment = "Set for the app" + bulletList(why)
			}
		}
	}
	var body bytes.Buffer
	enc := yaml.NewEncoder(&body)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	header := fmt.Sprintf("# yaml-language-server: $schema=%s\n# dockergen spec, written by 'dockergen init'. Edit it, then run 'dockergen generate --force'\n# to update the container files ('dockergen generate --check' tells when they drift).\n", schema)
	out := append([]byte(header), body.Bytes()...)
	back, err := generator.LoadSpec(specName, out)
	if err != nil {
		return nil, fmt.Errorf("the spec written does not load (a dockergen bug): %w\n%s", err, out)
	}
	if !reflect.DeepEqual(back, spec) {
		return nil, fmt.Errorf("the spec written does not load as the spec asked for (a dockergen bug)\n%s", out)
	}
	return out, nil
}

// flowScalars writes lists of scalars on one line: ports: [8080].
func flowScalars(n *yaml.Node) {
	switch n.Kind {
	case yaml.SequenceNode:
		flow := true
		for _, c := range n.Content {
			flow = flow && c.Kind == yaml.ScalarNode
		}
		if flow {
			n.Style = yaml.FlowStyle
		}
		for _, c := range n.Content {
			flowScalars(c)
		}
	case yaml.MappingNode:
		for _, c := range n.Content {
			flowScalars(c)
		}
	}
}

func detectedFor(c *generator.Candidate, key string) generator.Detected {
	switch key {
	case "name":
		return c.Name
	case "version":
		return c.Version
	case "main":
		return c.Main
	case "ports":
		return generator.Detected{Value: "[" + c.Port.Value + "]", From: c.Port.From}
	}
	return generator.Detected{}
}

func scalarText(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, c.Value)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return n.Value
}

// bulletList is ":" and one "- item" line per item, or "." for none.
func bulletList(items []string) string {
	if len(items) == 0 {
		return "."
	}
	return ":\n- " + strings.Join(items, "\n- ")
}
