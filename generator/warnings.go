package generator

import (
	"fmt"
	"slices"

	"github.com/dockergen/dockergen/generator/catalog"
)

// Warnings says what is not current in a spec that passed Defaults and
// Validate: a runtime version at end of life, or an image (builder or
// runtime) the catalog classifies as end of life or frozen (a distro the
// images are no longer built on). Each names the end-of-life date and the
// newest supported alternative. The spec is still generated as asked; the
// CLI prints these on stderr as "dockergen: warning: ...". Nil when
// everything is current on the catalog's date (catalog.AsOf).
func Warnings(s *Spec) []string {
	st, ok := stacks[s.Stack]
	if !ok {
		return nil
	}
	asOf := catalog.AsOf()
	var out []string
	add := func(format string, args ...any) {
		if w := fmt.Sprintf(format, args...); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	said := map[string]bool{}
	if st.Runtime != "" {
		if v, err := cat().Status(st.Runtime, s.Version, asOf); err == nil && v.Phase == catalog.EndOfLife {
			alt := ""
			if v.Alternative != nil {
				alt = fmt.Sprintf("; the newest supported is %s (version: %q)", v.Alternative.Name(), v.Alternative.Version)
			}
			since := "since " + v.EOL.String()
			if v.Line == nil {
				since = fmt.Sprintf("older than %s, which ended on %s", v.Product.Lines[0].Version, v.EOL)
			}
			add("version %s: %s is at end of life (%s): it gets no security fixes%s", s.Version, runtimeTitle(st.Runtime)+" "+s.Version, since, alt)
			said[v.Product.Title+" "+s.Version] = true
		}
	}
	if fam := st.family(s.Base); s.Distro != "" && fam != "" {
		if last, l, ok := lastBuiltOn(st.Runtime, s.Version, fam); l != nil {
			if dl := familyLine(fam, s.Distro); dl != nil && !dl.Released.Before(l.EOL.Time) {
				p, _ := cat().Product(fam)
				was := "no release of it the catalog knows"
				if ok {
					was = fmt.Sprintf("the last surely built are %s's: distro: %s", last, last)
				}
				add("distro %s: %s %s reached its end of life on %s, before %s %s was released on %s: its images may never have been built on it (%s)", s.Distro, runtimeTitle(st.Runtime), s.Version, l.EOL, p.Title, s.Distro, dl.Released, was)
			}
		}
	}
	builder, runtime, _, err := st.images(s)
	if err != nil {
		return out
	}
	if st.NoBuildStep != nil && st.NoBuildStep(s) {
		builder = "scratch"
	}
	for _, ref := range []string{builder, runtime} {
		if ref == "scratch" {
			continue
		}
		info, ok := cat().ClassifyImage(ref, asOf)
		if !ok || info.Current() {
			continue
		}
		if info.Runtime != nil && info.Runtime.Phase == catalog.EndOfLife && said[info.Runtime.Product.Title+" "+info.Runtime.Version] && (info.Family == nil || info.Family.Phase != catalog.EndOfLife) && !info.Frozen {
			continue // the version warning says it
		}
		for _, p := range info.Problems() {
			msg := fmt.Sprintf("image %s: %s", ref, p)
			if info.Alternative != "" {
				msg += " (current: " + info.Alternative + ")"
			}
			add("%s", msg)
		}
	}
	return out
}
