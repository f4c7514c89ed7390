package generator

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// .cargo/config.toml: the linker and rustflags a project builds with. The
// builder image (rust:V-slim, rust:V-alpine) has cc (gcc) alone; the
// Dockerfile installs the linkers it names that a Debian and an Alpine
// package of the same name provide (rustLinkers, and the template's list),
// and the build cannot work with anything else it names.

// rustLinkers are the linkers the generated Dockerfile installs in the
// builder when .cargo/config.toml names them: the word it looks for is the
// package's name on Debian and on Alpine.
var rustLinkers = []string{"clang", "lld", "mold"}

// rustLinkerOK are the linker commands the builder has or gets: gcc's, and
// the executables of rustLinkers' packages.
var rustLinkerOK = map[string]string{
	"cc": "", "gcc": "", "clang": "clang", "clang++": "clang", "ld.lld": "lld", "lld": "lld", "mold": "mold", "ld.mold": "mold",
	"rust-lld": "", // shipped with the toolchain
}

var (
	cargoFuseLdRE = regexp.MustCompile(`(?:-fuse-ld=|"linker=)([^"',\s\]]+)`)
	cargoZFlagRE  = regexp.MustCompile(`"-Z\s*[^"]*"|"-Z",|-Zshare|-Zthreads`)
)

// rustCargoConfig reads .cargo/config.toml (or the legacy .cargo/config)
// and notes what the image's build does with it.
func rustCargoConfig(p *project, c *Candidate) {
	for _, name := range []string{".cargo/config.toml", ".cargo/config"} {
		data, ok := p.read(name)
		if !ok {
			continue
		}
		var install []string
		table := ""
		for i, line := range strings.Split(string(data), "\n") {
			from := at(name, i+1)
			if h := cargoHeaderRE.FindStringSubmatch(line); h != nil {
				table = h[2]
				continue
			}
			kv := cargoKeyRE.FindStringSubmatch(line)
			if kv == nil {
				continue
			}
			key, val := kv[1], stripTOMLComment(kv[2])
			str := strings.Trim(val, `"'`)
			if !cargoTableApplies(table) {
				continue
			}
			switch {
			case key == "linker" && strings.HasPrefix(table, "target"):
				if pkg, ok := rustLinkerOK[path.Base(str)]; ok && (!path.IsAbs(str) || path.Dir(str) == "/usr/bin") {
					install = append(install, pkg)
				} else {
					c.Notes = append(c.Notes, fmt.Sprintf("%s: linker %s is not in the builder image, and dockergen installs only %s (the Debian and Alpine packages): the build fails; use one of them, or cc", from, str, strings.Join(rustLinkers, ", ")))
				}
			case key == "rustflags" || (table == "build" && key == "rustflags"):
				for _, m := range cargoFuseLdRE.FindAllStringSubmatch(val, -1) {
					if pkg, ok := rustLinkerOK[path.Base(m[1])]; ok && (!path.IsAbs(m[1]) || path.Dir(m[1]) == "/usr/bin") {
						install = append(install, pkg)
					} else {
						c.Notes = append(c.Notes, fmt.Sprintf("%s: %s is not in the builder image, and dockergen installs only %s: the build fails; use one of them", from, m[1], strings.Join(rustLinkers, ", ")))
					}
				}
				if cargoZFlagRE.MatchString(val) {
					c.Notes = append(c.Notes, fmt.Sprintf("%s: -Z flags need a nightly toolchain; the rust image is stable, so the build fails: move them to a nightly-only config", from))
				}
			case table == "build" && key == "target":
				c.Notes = append(c.Notes, fmt.Sprintf("%s: build.target %s puts the binary in target/%s/release, where the Dockerfile does not look (it builds for the builder's own target): remove it, or use --target in a build of your own", from, str, str))
			case table == "build" && key == "target-dir":
				c.Notes = append(c.Notes, fmt.Sprintf("%s: build.target-dir %s moves the build out of target/, which the Dockerfile caches and copies the binary from: remove it", from, str))
			case table == "build" && key == "rustc-wrapper":
				c.Notes = append(c.Notes, fmt.Sprintf("%s: rustc-wrapper %s is not in the builder image: the build fails; remove it (the Dockerfile caches target/ itself)", from, str))
			}
		}
		install = slices.DeleteFunc(install, func(s string) bool { return s == "" })
		slices.Sort(install)
		if install = slices.Compact(install); len(install) > 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: links with %s: the Dockerfile installs %s in the builder before the dependency step", name, strings.Join(install, " and "), strings.Join(install, " and ")))
		}
		return
	}
}

// cargoTableApplies reports whether a .cargo/config.toml table applies to
// a Linux build: [build], and [target.X] for a Linux triple or a cfg()
// that does not name another OS ([target.x86_64-apple-darwin] does not).
func cargoTableApplies(table string) bool {
	t, ok := strings.CutPrefix(table, "target.")
	if !ok {
		return table == "build"
	}
	if strings.Contains(t, "cfg(") {
		return !strings.Contains(t, "windows") && !strings.Contains(t, "macos") && !strings.Contains(t, "apple")
	}
	return strings.Contains(t, "linux")
}
