package check

import (
	"strings"

	"github.com/dockergen/dockergen/generator/catalog"
)

// RuleEndOfLife reports base images that are past their end of life or
// frozen, according to the release catalog on the catalog's own date (so a
// given dockergen binary always gives the same answer).
var RuleEndOfLife = &Rule{
	ID: "DG106", Name: "base-image-end-of-life", Kind: KindDockerfile, Severity: High,
	Summary: "base image is past its end of life or frozen",
	Why:     "An image whose runtime or distribution has reached end of life, or a tag its publisher no longer rebuilds (a language image on an older Alpine, nginx 1.27), gets no security fixes: every vulnerability found from then on stays in the image, and scanners report it for good.",
	Fix:     "Move to a supported line and a tag the publisher still builds: the finding names one (for example golang:1.27-trixie, node:26-trixie-slim, python:3.14-slim-trixie, gcr.io/distroless/static-debian13:nonroot); 'dockergen version' shows the date of the release catalog it uses.",
	CIS:     []string{"4.4"},
}

// checkLifecycle reports a stage whose FROM image the catalog knows to be at
// end of life or frozen. Images that still hold a build argument are
// skipped: their value is chosen at build time.
func (d *dfCheck) checkLifecycle(s *stage) {
	if s.parent != nil || s.image == "" || s.from == nil || s.from.Next == nil || strings.Contains(s.from.Next.Value, "$") {
		return
	}
	cat := catalog.Default()
	info, ok := cat.ClassifyImage(s.image, cat.Date.Time)
	if !ok || info.Current() {
		return
	}
	what := "frozen"
	if info.EndOfLife() {
		what = "past its end of life"
	}
	msg := "base image " + s.image + " is " + what + ": " + strings.Join(info.Problems(), "; ")
	if info.Alternative != "" {
		msg += "; use " + info.Alternative
	}
	d.at(RuleEndOfLife, s.from, "%s (release catalog of %s)", msg, cat.Date)
}
