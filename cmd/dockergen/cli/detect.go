package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dockergen/dockergen/generator"
	"github.com/spf13/cobra"
)

type detectOptions struct {
	format string
}

func newDetectCmd(e *env) *cobra.Command {
	o := &detectOptions{}
	cmd := &cobra.Command{
		Use:   "detect [DIR]",
		Short: "Show which stack a directory holds and what dockergen read from its files",
		Example: `  dockergen detect
  dockergen detect examples/node
  dockergen detect --format json . | jq -r '.candidates[0].stack'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return asExit(runDetect(e, o, dir))
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	cmd.Long = detectLong()
	return cmd
}

// detectLong is detect's long help; the stacks, their order and their files
// come from the catalog.
func detectLong() string {
	never := ""
	if n := neverDetected(); len(n) > 0 {
		never = " Never detected (init --stack chooses it): " + strings.Join(n, ", ") + "."
	}
	return wrap(`detect reads a project's own files and prints every stack found, in the order
init would choose them (` + generator.DetectionOrder() + `), with each value and the file and line it came from: name,
language version, build tool (package manager), server, what to run, port, health
endpoint, a build step and its output, and notes (missing lockfiles, framework
hints, values it could not use). It writes nothing. Exit status 2 when nothing
recognisable is there, with the list of files it looked for.

Files that identify a stack: ` + stackFilesText() + `.` + never + ` Beside them,
detect reads each stack's version files (.tool-versions for every stack),
lockfiles and build-tool wrappers, and the sources for the port and a health
endpoint.`)
}

// detectedJSON is one detected value in --format json.
type detectedJSON struct {
	Value string `json:"value"`
	From  string `json:"from"` // "default" when dockergen's default
	// Reason says how a version was chosen: ">=18 (package.json:5) → 26,
	// the newest LTS".
	Reason string `json:"reason,omitempty"`
}

type candidateJSON struct {
	Stack      string                  `json:"stack"`
	Evidence   []string                `json:"evidence"`
	Values     map[string]detectedJSON `json:"values"`
	Mains      []detectedJSON          `json:"mains,omitempty"`
	Notes      []string                `json:"notes,omitempty"`
	SpecSketch *generator.Spec         `json:"spec"`
}

func runDetect(e *env, o *detectOptions, dir string) error {
	if o.format != "text" && o.format != "json" {
		return usageErr(fmt.Errorf("--format %q: want text or json", o.format))
	}
	det, err := generator.Detect(dir)
	var none *generator.NoProjectError
	if errors.As(err, &none) {
		return usageErr(err)
	}
	if err != nil {
		return err
	}
	if o.format == "json" {
		return writeDetectJSON(e.stdout, det)
	}
	for i, c := range det.Candidates {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printDetection(e.stdout, &generator.Detection{Dir: det.Dir, Candidates: []*generator.Candidate{c}}, c, true)
	}
	if len(det.Candidates) > 1 {
		fmt.Fprintf(e.stdout, "\nSeveral stacks: init and generate take %s (the order is %s); choose another with --stack.\n",
			det.Best().Stack, strings.Join(det.Stacks(), " > "))
	}
	return nil
}

func writeDetectJSON(w io.Writer, det *generator.Detection) error {
	dj := func(d generator.Detected) detectedJSON {
		return detectedJSON{Value: d.Value, From: d.Source(), Reason: d.Reason}
	}
	out := struct {
		Dir        string          `json:"dir"`
		Candidates []candidateJSON `json:"candidates"`
	}{Dir: det.Dir}
	for _, c := range det.Candidates {
		cj := candidateJSON{Stack: c.Stack, Evidence: c.Evidence, Notes: c.Notes, Values: map[string]detectedJSON{}}
		for k, d := range map[string]generator.Detected{"name": c.Name, "version": c.Version, "main": c.Main, "port": c.Port, "healthPath": c.HealthPath, "healthFlag": c.HealthFlag,
			"tool": c.Tool, "server": c.Server, "output": c.Output, "build": {Value: strings.Join(c.BuildCommand, " "), From: c.BuildFrom}} {
			if d.Value != "" {
				cj.Values[k] = dj(d)
			}
		}
		for _, m := range c.Mains {
			cj.Mains = append(cj.Mains, dj(m))
		}
		spec := c.Spec()
		spec.Defaults()
		cj.SpecSketch = spec
		out.Candidates = append(out.Candidates, cj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // a reason's ">=18" as written
	return enc.Encode(out)
}
