package generator

import (
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/catalog"
)

// TestDefaultsCurrent: every stack × base, with its defaults, is valid and
// emits only images the catalog classifies as current (neither at end of
// life nor frozen) on the catalog's date.
func TestDefaultsCurrent(t *testing.T) {
	for _, st := range registry {
		for _, base := range st.Bases {
			s := &Spec{Name: "app", Stack: st.Name, Base: base}
			if st.MainFromName {
				s.Main = "app"
			}
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Errorf("%s on %s with defaults: %v", st.Name, base, errs)
				continue
			}
			builder, runtime, _, err := st.images(s)
			if err != nil {
				t.Errorf("%s on %s: %v", st.Name, base, err)
				continue
			}
			t.Logf("%-12s %-10s %-8s version %-5s builder %-45s runtime %s", st.Name, base, s.Distro, s.Version, builder, runtime)
			for _, ref := range []string{builder, runtime} {
				if ref == "scratch" {
					continue
				}
				info, ok := catalog.Default().ClassifyImage(ref, catalog.AsOf())
				if !ok {
					t.Errorf("%s on %s: %s is not an image the catalog knows", st.Name, base, ref)
				} else if !info.Current() {
					t.Errorf("%s on %s: %s is not current: %s", st.Name, base, ref, strings.Join(info.Problems(), "; "))
				}
			}
			if w := Warnings(s); len(w) > 0 {
				t.Errorf("%s on %s with defaults warns: %q", st.Name, base, w)
			}
		}
	}
}

// imagesFor returns a stack's images for a version, base and distro ("":
// the family's default), with the stack's default server.
func imagesFor(st *stack, version, base, distro string) (string, string, string, error) {
	s := &Spec{Stack: st.Name, Version: version, Base: base, Distro: distro, Server: st.defaultServer()}
	return st.images(s)
}
