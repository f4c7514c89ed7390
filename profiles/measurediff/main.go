// Command measurediff compares freshly measured syscall sets with the
// measured sets and allow-lists in profiles/*.yaml. It reads DIR/RUNTIME.txt
// (one syscall name per line, as profiles/measure.sh writes them) for every
// runtime that has such a file and prints, per runtime:
//
//	+ refused: names the run made that the profile does not allow (the
//	  profile would break the runtime: add them to measured.names)
//	+ by family: new names the profile already allows through a family
//	- not seen: names in measured.names that this run did not make
//
// and a measured.names line to paste. It exits 1 when any name is refused.
//
//	go run ./profiles/measurediff /tmp/dg-seccomp-measure/sets
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dockergen/dockergen/profiles"
)

// ruled are measured but governed by base.yaml's rules, never listed.
var ruled = []string{"clone", "clone3", "socket"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: measurediff DIR (holding RUNTIME.txt files)")
		os.Exit(2)
	}
	refused, err := run(os.Stdout, os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "measurediff:", err)
		os.Exit(2)
	}
	if refused {
		os.Exit(1)
	}
}

func run(w io.Writer, dir string) (bool, error) {
	anyRefused, seen := false, 0
	for _, rt := range profiles.Runtimes() {
		got, err := readSet(filepath.Join(dir, rt+".txt"))
		if os.IsNotExist(err) {
			fmt.Fprintf(w, "%s: not measured in this run (no %s.txt)\n", rt, rt)
			continue
		}
		if err != nil {
			return false, err
		}
		seen++
		p, err := profiles.Load(rt)
		if err != nil {
			return false, err
		}
		c, err := profiles.For(rt)
		if err != nil {
			return false, err
		}
		var refused, byFamily, gone []string
		for _, n := range got {
			switch {
			case slices.Contains(ruled, n), slices.Contains(p.Measured.Names, n):
			case slices.Contains(c.Allowed, n):
				byFamily = append(byFamily, n)
			default:
				refused = append(refused, n)
			}
		}
		for _, n := range p.Measured.Names {
			if !slices.Contains(got, n) {
				gone = append(gone, n)
			}
		}
		listed := slices.DeleteFunc(slices.Clone(got), func(n string) bool { return slices.Contains(ruled, n) })
		fmt.Fprintf(w, "%s: %d names measured now (%d without clone, clone3, socket); profiles/%s.yaml lists %d, allows %d\n", rt, len(got), len(listed), rt, len(p.Measured.Names), len(c.Allowed))
		fmt.Fprintf(w, "  + refused:   %s\n", join(refused))
		fmt.Fprintf(w, "  + by family: %s\n", join(byFamily))
		fmt.Fprintf(w, "  - not seen:  %s\n", join(gone))
		fmt.Fprintf(w, "  names: [%s]\n", strings.Join(listed, ", "))
		anyRefused = anyRefused || len(refused) > 0
	}
	if seen == 0 {
		return false, fmt.Errorf("no RUNTIME.txt in %s", dir)
	}
	return anyRefused, nil
}

func join(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, " ")
}

func readSet(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if n := strings.TrimSpace(sc.Text()); n != "" && !strings.HasPrefix(n, "#") {
			set[n] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}
