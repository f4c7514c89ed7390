//go:build referees

package referees

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
)

// finding is one scanner report on one file.
type finding struct {
	Scanner, ID, Name, File string
	Line                    int
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d: %s %s (%s)", f.File, f.Line, f.Scanner, f.ID, f.Name)
}

func tool(t *testing.T, env, name string) string {
	if p := os.Getenv(env); p != "" {
		return p
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (run .ci/referees.sh, or set %s)", name, env)
	}
	return p
}

// scanTree copies each directory into one tree (a scanner starts once) and
// returns the findings keyed by the copied directory's name.
func scanTree(t *testing.T, dirs map[string]string) map[string][]finding {
	root := t.TempDir()
	for name, src := range dirs {
		if err := os.CopyFS(filepath.Join(root, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	var all []finding
	start := time.Now()
	all = append(all, trivy(t, root)...)
	t.Logf("trivy config: %d findings in %s", len(all), time.Since(start).Round(time.Second))
	start, n := time.Now(), len(all)
	all = append(all, kics(t, root)...)
	t.Logf("kics: %d findings in %s", len(all)-n, time.Since(start).Round(time.Second))
	by := map[string][]finding{}
	for _, f := range all {
		dir, file, ok := strings.Cut(filepath.ToSlash(f.File), "/")
		if _, known := dirs[dir]; !ok || !known {
			t.Fatalf("finding outside the scanned directories: %s", f)
		}
		f.File = file
		by[dir] = append(by[dir], f)
	}
	return by
}

func run(t *testing.T, name string, args ...string) {
	cmd := exec.Command(name, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// trivy runs `trivy config` with its embedded checks, offline: no check
// bundle download, no version check, no telemetry.
func trivy(t *testing.T, root string) []finding {
	out := filepath.Join(t.TempDir(), "trivy.json")
	run(t, tool(t, "TRIVY", "trivy"), "config", "--quiet", "--skip-check-update", "--skip-version-check", "--disable-telemetry",
		"--cache-dir", filepath.Join(t.TempDir(), "cache"), "--format", "json", "--output", out, "--exit-code", "0", root)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Results []struct {
			Target            string
			Misconfigurations []struct {
				ID, Title, Status string
				CauseMetadata     struct{ StartLine int }
			}
		}
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("trivy's report: %v", err)
	}
	var fs []finding
	for _, r := range rep.Results {
		for _, m := range r.Misconfigurations {
			if m.Status == "FAIL" {
				fs = append(fs, finding{"trivy", m.ID, m.Title, r.Target, m.CauseMetadata.StartLine})
			}
		}
	}
	return fs
}

// kics runs KICS with the queries of its module (KICS_QUERIES), offline:
// no secrets engine, every severity reported.
func kics(t *testing.T, root string) []finding {
	queries := os.Getenv("KICS_QUERIES")
	if queries == "" {
		t.Fatal("KICS_QUERIES is not set (run .ci/referees.sh)")
	}
	out := t.TempDir()
	run(t, tool(t, "KICS", "kics"), "scan", "--no-progress", "--disable-secrets", "--silent", "--no-color",
		"--ignore-on-exit", "all", "--log-level", "ERROR", "--report-formats", "json", "--output-name", "kics",
		"-q", queries, "--libraries-path", filepath.Join(filepath.Dir(queries), "libraries"),
		"-o", out, "-p", root)
	b, err := os.ReadFile(filepath.Join(out, "kics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Queries []struct {
			QueryName string `json:"query_name"`
			QueryID   string `json:"query_id"`
			Files     []struct {
				FileName string `json:"file_name"`
				Line     int    `json:"line"`
			} `json:"files"`
		} `json:"queries"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("kics's report: %v", err)
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding
	for _, q := range rep.Queries {
		for _, f := range q.Files {
			// KICS names files relative to its working directory.
			name := f.FileName
			if !filepath.IsAbs(name) {
				name = filepath.Join(cwd, name)
			}
			rel, err := filepath.Rel(root, name)
			if err != nil || strings.HasPrefix(rel, "..") {
				t.Fatalf("kics reports %s, outside %s", f.FileName, root)
			}
			fs = append(fs, finding{"kics", q.QueryID, q.QueryName, rel, f.Line})
		}
	}
	return fs
}

// TestReferees: on every golden and every example, Trivy and KICS report
// nothing but the documented exceptions; every exception still fires
// somewhere (the list stays true); and on a Dockerfile and a compose file
// written to be bad, each referee reports something that is not an
// exception (the harness can fail).
func TestReferees(t *testing.T) {
	exc, err := generator.RefereeExceptions()
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{}
	for _, e := range exc {
		for _, r := range e.Rules {
			allowed[r.Scanner+" "+r.ID] = true
		}
	}
	dirs := map[string]string{"must-fail": filepath.Join("testdata", "bad")}
	goldens, _ := filepath.Glob(filepath.Join("..", "..", "generator", "testdata", "golden", "*"))
	examples, _ := filepath.Glob(filepath.Join("..", "*", "Dockerfile"))
	for _, g := range goldens {
		dirs["golden-"+filepath.Base(g)] = g
	}
	for _, e := range examples {
		dirs["example-"+filepath.Base(filepath.Dir(e))] = filepath.Dir(e)
	}
	if len(goldens) < 50 || len(examples) < 10 {
		t.Fatalf("%d goldens and %d examples: the globs are wrong", len(goldens), len(examples))
	}
	by := scanTree(t, dirs)

	used := map[string]int{}
	count := map[string]int{}
	names := make([]string, 0, len(dirs))
	for n := range dirs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, dir := range names {
		fs := by[dir]
		if dir == "must-fail" {
			for _, sc := range []string{"trivy", "kics"} {
				if !slices.ContainsFunc(fs, func(f finding) bool { return f.Scanner == sc && !allowed[f.Scanner+" "+f.ID] }) {
					t.Errorf("must-fail: %s reports nothing beyond the exceptions on testdata/bad (%v): the harness cannot fail", sc, fs)
				}
			}
			continue
		}
		for _, f := range fs {
			k := f.Scanner + " " + f.ID
			count[f.Scanner]++
			if allowed[k] {
				used[k]++
				continue
			}
			t.Errorf("%s/%s: not a documented exception (fix the template, or add it with its reason to generator/referees.yaml)", dirs[dir], f)
		}
	}
	for k := range allowed {
		if used[k] == 0 {
			t.Errorf("%s is documented in generator/referees.yaml but no output triggers it any more: remove it", k)
		}
	}
	keys := make([]string, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("exception %s: %d findings", k, used[k])
	}
	t.Logf("%d directories; findings: trivy %d, kics %d (all documented exceptions unless reported above)", len(dirs)-1, count["trivy"], count["kics"])
}
