package cli

import (
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
recognisable is there, with the list of files it looked for, or, when projects
are in subfolders (up to two levels down), with those subfolders, best first.
A directory where only a weak sign is found (an index.html) also lists the
projects in its subfolders.

Files that identify a stack: ` + stackFilesText() + `.` + never + ` Beside them,
detect reads each stack's version files (.tool-versions for every stack),
lockfiles and build-tool wrappers, and the sources for the port and a health
endpoint.`)
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
	if len(det.Subprojects) > 0 {
		fmt.Fprintf(e.stdout, "\nThe app may be in a subfolder (%s is only a weak sign):\n", det.Best().Stack)
		for _, s := range det.Subprojects {
			fmt.Fprintf(e.stdout, "  %s\n", s.Hint(det.Dir))
		}
	}
	if len(det.Candidates) > 1 {
		fmt.Fprintf(e.stdout, "\nSeveral stacks: init and generate take %s (the order is %s); choose another with --stack.\n",
			det.Best().Stack, strings.Join(det.Stacks(), " > "))
	}
	return nil
}

func writeDetectJSON(w io.Writer, det *generator.Detection) error {
	js, err := det.JSON()
	if err != nil {
		return err
	}
	_, err = w.Write(js)
	return err
}
