//go:build e2e

package examples

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// articleNginx is the size of the article's Debian nginx image rebuilt here
// (0 until TestE2EArticleNginx ran); the report sets it beside the static
// example's rows and the article's own figures.
var articleNginx struct {
	Bytes   int64
	Version string
}

// TestE2EArticleNginx builds the Debian nginx Dockerfile of the article
// dockergen grew from (testdata/baseline/article-nginx.Dockerfile: the
// article's recipe, moved from stretch to bookworm) on the real engine and
// checks that the image holds a working nginx, so the report compares the
// static example against a real build of the article's image rather than a
// quoted number alone. It fails when the build fails or nginx does not run.
func TestE2EArticleNginx(t *testing.T) {
	requireEngine(t)
	if !onlyRE.MatchString("static/article") {
		t.Skip("E2E_ONLY excludes static")
	}
	df, err := filepath.Abs(filepath.Join("testdata", "baseline", "article-nginx.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	image := "dg-e2e-article-nginx:test"
	docker(t, "build", "--progress=plain", "-f", df, "-t", image, t.TempDir())
	v := strings.TrimSpace(docker(t, "run", "--rm", "--network", "none", image, "nginx", "-v"))
	if !strings.HasPrefix(v, "nginx version: nginx/") {
		t.Fatalf("nginx -v in the article's image: %q", v)
	}
	// The configuration it ships must load: the image is functional, as the
	// article says.
	docker(t, "run", "--rm", "--network", "none", image, "nginx", "-t", "-q")
	size, _, _ := imageInfo(t, image)
	articleNginx.Bytes, articleNginx.Version = size, strings.TrimPrefix(v, "nginx version: ")
}

// articleSection is the report's paragraph on the static site's size.
func articleSection() string {
	var static []row
	for _, r := range report {
		if r.Example == "static" && r.ImageBytes > 0 {
			static = append(static, r)
		}
	}
	if articleNginx.Bytes == 0 && len(static) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n## The static site beside the article's nginx figures\n\n")
	b.WriteString("The article this project grew from (D. Löfquist, \"Container security\", 2019) built nginx on `debian:stretch-slim` at **106 MB** and the same nginx on Alpine at **under 12 MB**.\n\n")
	if articleNginx.Bytes > 0 {
		fmt.Fprintf(&b, "- The article's Debian recipe, rebuilt here on `debian:bookworm-slim` (stand-in; Debian's %s): **%.1f MB**, nginx as root on port 80, writable root (`testdata/baseline/article-nginx.Dockerfile`).\n", articleNginx.Version, float64(articleNginx.Bytes)/1e6)
	}
	for _, r := range static {
		on := r.Base
		if r.Row != "" {
			on += " (row " + r.Row + ")"
		}
		fmt.Fprintf(&b, "- dockergen's static example on %s (`%s`, stand-in: %s): **%.1f MB**, nginx as uid 10001 on 8080, read-only root, cap-drop ALL, seccomp (%d of Docker's %d calls).\n", on, r.RuntimeImage, yesNo(r.StandIn), float64(r.ImageBytes)/1e6, r.SeccompAllowed, r.DockerDefault)
	}
	b.WriteString("- On Alpine (`nginx:" + "1.27-alpine`, the official image's own Alpine build) the static example is generated and golden-tested but not built here: no registry and no Alpine mirror are reachable. The article's under-12 MB figure is for Alpine's nginx package on bare Alpine; the official nginx Alpine image carries more (njs, its entrypoint scripts).\n")
	return b.String()
}
