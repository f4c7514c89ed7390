package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/dockergen/dockergen/generator/check"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	format   string
	severity string
	ignore   []string
	list     bool
	explain  string
}

var checkFormats = []string{"text", "json", "sarif"}

func newCheckCmd(e *env) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Find what is unsafe in Dockerfiles, compose files and seccomp profiles",
		Long: `check reads existing container files and reports what is unsafe in them, with
the knowledge dockergen's generator uses, and how to fix each problem. Nothing
dockergen generates has a finding at the default severity.

A PATH is a file or a directory (default "."). A directory is searched, not
entering node_modules, vendor or .git, for Dockerfile*, *.Dockerfile,
Containerfile*, compose*.y*ml, docker-compose*.y*ml and seccomp*.json. A file
named otherwise is read as a seccomp profile (.json), a compose file (.yml,
.yaml) or a Dockerfile.

Findings below --severity are not shown and do not count. Severities are info,
low, medium, high and critical; the default, low, shows everything except info
advice (a base image not pinned by digest). To accept a finding for one
Dockerfile instruction or compose key, put this comment on the line above it
(the reason is required):

  # dockergen:ignore=DG146 the orchestrator probes /healthz

Exit status: 0 no findings at or above --severity, 1 findings, 2 bad input
(a missing or unreadable file, a file that does not parse, an unknown rule).`,
		Example: `  dockergen check                         # every container file under .
  dockergen check Dockerfile compose.yaml
  dockergen check --severity high --ignore DG146 .
  dockergen check --format sarif . > dockergen.sarif   # for code scanning
  dockergen check --list                  # every rule
  dockergen check --explain DG110         # why a rule matters, how to fix it`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return asExit(runCheck(e, o, args))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(checkFormats, ", "))
	f.StringVar(&o.severity, "severity", "low", "report findings at or above this severity: info, low, medium, high, critical")
	f.StringSliceVar(&o.ignore, "ignore", nil, "skip a rule by ID (repeatable, or comma-separated)")
	f.BoolVar(&o.list, "list", false, "list every rule and exit")
	f.StringVar(&o.explain, "explain", "", "explain one rule (for example DG110) and exit")
	return cmd
}

func runCheck(e *env, o *checkOptions, paths []string) error {
	if !slices.Contains(checkFormats, o.format) {
		return usageErr(fmt.Errorf("--format %s: unknown format (allowed: %s)", o.format, strings.Join(checkFormats, ", ")))
	}
	min, err := check.ParseSeverity(o.severity)
	if err != nil {
		return usageErr(fmt.Errorf("--severity: %w", err))
	}
	for _, id := range o.ignore {
		if _, ok := check.Lookup(id); !ok {
			return usageErr(fmt.Errorf("--ignore %s: unknown rule (see 'dockergen check --list')", id))
		}
	}
	switch {
	case o.list && o.explain != "":
		return usageErr(errors.New("--list and --explain cannot be used together"))
	case o.list:
		return listRules(e.stdout, o.format)
	case o.explain != "":
		r, ok := check.Lookup(o.explain)
		if !ok {
			return usageErr(fmt.Errorf("--explain %s: unknown rule (see 'dockergen check --list')", o.explain))
		}
		return explainRule(e.stdout, r)
	}

	files, err := checkTargets(paths)
	if err != nil {
		return usageErr(err)
	}
	var all []check.Finding
	var bad []error
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			bad = append(bad, fmt.Errorf("%s: %w", name, unwrapPathError(err)))
			continue
		}
		fs, err := check.File(name, data, check.KindOf(name))
		if err != nil {
			bad = append(bad, err)
			continue
		}
		all = append(all, fs...)
	}
	check.Sort(all)
	shown, err := check.Filter(all, min, o.ignore)
	if err != nil {
		return usageErr(err)
	}
	hidden := 0
	for _, f := range all {
		if f.Severity < min {
			hidden++
		}
	}
	switch o.format {
	case "json":
		err = check.WriteJSON(e.stdout, files, shown)
	case "sarif":
		err = check.WriteSARIF(e.stdout, version(), shown)
	default:
		err = check.WriteText(e.stdout, shown)
		if err == nil {
			err = summary(e.stdout, len(files)-len(bad), shown, hidden, min)
		}
	}
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return usageErr(errors.Join(bad...))
	}
	if len(shown) > 0 {
		return silentFail
	}
	return nil
}

// checkTargets expands the PATH arguments into the files to check.
func checkTargets(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		found, err := check.Discover(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no Dockerfile, compose file or seccomp profile found (name files to check them)", p)
		}
		files = append(files, found...)
	}
	return slices.Compact(files), nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// summary ends text output with one line: how many findings, or none.
func summary(w io.Writer, files int, shown []check.Finding, hidden int, min check.Severity) error {
	note := ""
	if hidden > 0 {
		note = fmt.Sprintf(" (%d below --severity %s not shown)", hidden, min)
	}
	if len(shown) == 0 {
		_, err := fmt.Fprintf(w, "%s checked: no findings%s\n", plural(files, "file"), note)
		return err
	}
	bySev := map[check.Severity]int{}
	inFiles := map[string]bool{}
	for _, f := range shown {
		bySev[f.Severity]++
		inFiles[f.File] = true
	}
	var parts []string
	for s := check.Critical; s >= check.Info; s-- {
		if bySev[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", bySev[s], s))
		}
	}
	_, err := fmt.Fprintf(w, "%s (%s) in %s%s\n", plural(len(shown), "finding"), strings.Join(parts, ", "), plural(len(inFiles), "file"), note)
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// ruleJSON is a rule in 'check --list --format json'.
type ruleJSON struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Severity string   `json:"severity"`
	Summary  string   `json:"summary"`
	Why      string   `json:"why"`
	Fix      string   `json:"fix"`
	Hadolint []string `json:"hadolint,omitempty"`
	Trivy    []string `json:"trivy,omitempty"`
	CIS      []string `json:"cis,omitempty"`
}

func listRules(w io.Writer, format string) error {
	rules := check.Rules()
	if format != "text" {
		var out []ruleJSON
		for _, r := range rules {
			out = append(out, ruleJSON{r.ID, r.Name, string(r.Kind), r.Severity.String(), r.Summary, r.Why, r.Fix, r.Hadolint, r.Trivy, r.CIS})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	for _, r := range rules {
		line := fmt.Sprintf("%-6s %-8s %-10s %s", r.ID, r.Severity, r.Kind, r.Summary)
		if eq := r.Equivalents(); eq != "" {
			line += " (" + eq + ")"
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d rules; 'dockergen check --explain ID' tells why each matters and how to fix it.\n", len(rules))
	return err
}

func explainRule(w io.Writer, r *check.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s, %s)\n", r.ID, r.Name, r.Severity, r.Kind)
	fmt.Fprintf(&b, "%s\n\n", r.Summary)
	fmt.Fprintf(&b, "Why: %s\n\n", r.Why)
	fmt.Fprintf(&b, "Fix: %s\n", r.Fix)
	if eq := r.Equivalents(); eq != "" {
		fmt.Fprintf(&b, "\nEquivalent to: %s.\n", eq)
	}
	if r.Kind != check.KindSeccomp && r != check.RuleIgnoreComment {
		fmt.Fprintf(&b, "\nTo accept it in one place, write above the instruction or key:\n  # dockergen:ignore=%s <reason>\n", r.ID)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
