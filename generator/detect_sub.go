package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Subproject is a project found in a subfolder of the directory Detect
// read, where that directory itself holds no project (or only a weak one,
// such as a docs/ site): a spring guide's complete/ and initial/, an app in
// src/ or backend/, a monorepo's api/ and web/.
type Subproject struct {
	// Dir is the subfolder, relative to the directory that was read
	// ("complete", "services/api"), with slashes.
	Dir string
	// Stack is the first stack found there (registry order); Evidence the
	// files that identify it, relative to Dir.
	Stack    string
	Evidence []string
	// Weak is true when the stack's markers are often part of another
	// project (an index.html): listed after the others.
	Weak bool
	// Unfinished is true when the folder's name says it is the starting
	// point of an exercise (initial/, start/): listed after its sibling.
	Unfinished  bool
	depth, rank int
}

// Path returns the subfolder as a path from the current directory, for a
// command line: base joined with Dir.
func (s Subproject) Path(base string) string { return filepath.Join(base, filepath.FromSlash(s.Dir)) }

// Hint is what to run on the subproject: "found a java-maven project in
// complete/ (pom.xml): run 'dockergen init gs/complete'".
func (s Subproject) Hint(base string) string {
	h := fmt.Sprintf("found a %s project in %s/ (%s)", s.Stack, s.Dir, strings.Join(s.Evidence, ", "))
	if s.Unfinished {
		h += ", which looks like an exercise's starting point"
	}
	return h + fmt.Sprintf(": run 'dockergen init %s'", ShellQuote(s.Path(base)))
}

// Bounds of the subfolder search: how deep it looks, how many directories
// it reads at most, and how many projects it reports.
const (
	subDepth    = 2
	subMaxDirs  = 64
	subMaxFound = 8
)

// subSkip are directories never searched: dependencies, build outputs and
// tool state, which hold other projects' files.
var subSkip = []string{"node_modules", "vendor", "target", "build", "dist", "bin", "obj", "out", "__pycache__", "venv", "env"}

// unfinishedDirs are folder names of an exercise's starting point, beside
// the finished app (spring guides' initial/ beside complete/).
var unfinishedDirs = []string{"initial", "start", "begin", "starter", "exercise", "exercises", "skeleton"}

// weakOnly reports whether every candidate is of a weak stack.
func weakOnly(cands []*Candidate) bool {
	for _, c := range cands {
		if st := stacks[c.Stack]; st == nil || !st.Detector.weak {
			return false
		}
	}
	return true
}

// findSubprojects searches the subfolders of dir, breadth first and at most
// subDepth deep, for directories where a stack's markers are. It does not
// descend into a folder that is a project (its subfolders are its modules)
// nor into the folders of subSkip or hidden ones. The result is best first:
// strong stacks before weak ones, shallower before deeper, finished before
// unfinished, then registry order and name.
func findSubprojects(dir string) []Subproject {
	var found []Subproject
	level := []string{"."}
	read := 0
	for depth := 1; depth <= subDepth && len(level) > 0; depth++ {
		var next []string
		for _, parent := range level {
			entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(parent)))
			if err != nil {
				continue
			}
			for _, e := range entries {
				name := e.Name()
				if !e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || slices.Contains(subSkip, name) {
					continue
				}
				if read++; read > subMaxDirs {
					break
				}
				rel := path.Join(parent, name)
				if s, ok := subprojectIn(dir, rel); ok {
					s.depth = depth
					found = append(found, s)
					continue
				}
				next = append(next, rel)
			}
		}
		level = next
	}
	slices.SortStableFunc(found, func(a, b Subproject) int {
		key := func(s Subproject) []int { return []int{b2i(s.Weak), s.depth, b2i(s.Unfinished), s.rank} }
		if c := slices.Compare(key(a), key(b)); c != 0 {
			return c
		}
		return strings.Compare(a.Dir, b.Dir)
	})
	if len(found) > subMaxFound {
		found = found[:subMaxFound]
	}
	return found
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// subprojectIn reports the first stack whose markers are in dir/rel.
func subprojectIn(dir, rel string) (Subproject, bool) {
	sub := filepath.Join(dir, filepath.FromSlash(rel))
	p := &project{fsys: os.DirFS(sub), dirName: path.Base(rel), cache: map[string][]byte{}}
	for i, st := range registry {
		if ev := st.evidence(p); len(ev) > 0 {
			return Subproject{Dir: rel, Stack: st.Name, Evidence: ev, Weak: st.Detector.weak,
				Unfinished: slices.Contains(unfinishedDirs, strings.ToLower(path.Base(rel))), rank: i}, true
		}
	}
	return Subproject{}, false
}

// evidence returns the stack's marker files found in the project, or nil
// when there are none or the stack declines the project.
func (st *stack) evidence(p *project) []string {
	det := st.Detector
	var evidence []string
	for _, m := range det.markers {
		if strings.ContainsAny(m, "*?[") { // a glob (*.csproj): the files it matches
			found, _ := fs.Glob(p.fsys, m)
			evidence = append(evidence, found...)
		} else if p.exists(m) {
			evidence = append(evidence, m)
		}
	}
	if len(evidence) == 0 || (det.declines != nil && det.declines(p)) {
		return nil
	}
	return evidence
}
