package check

import (
	"slices"
	"strconv"
	"strings"
)

// imageRef is a parsed image reference: [registry/]repository[:tag][@digest].
type imageRef struct {
	Repo   string // with registry, for example gcr.io/distroless/static-debian12
	Tag    string
	Digest string
}

func parseImage(ref string) imageRef {
	var r imageRef
	if i := strings.Index(ref, "@"); i >= 0 {
		ref, r.Digest = ref[:i], ref[i+1:]
	}
	if i := strings.LastIndex(ref, ":"); i >= 0 && !strings.Contains(ref[i:], "/") {
		ref, r.Tag = ref[:i], ref[i+1:]
	}
	r.Repo = ref
	return r
}

// Name is the repository's last path element: "node" for docker.io/library/node.
func (r imageRef) Name() string {
	return r.Repo[strings.LastIndex(r.Repo, "/")+1:]
}

// shellless reports whether the image has no shell or package manager:
// scratch, distroless, Chainguard's static image and .NET chiseled images.
func (r imageRef) shellless() bool {
	return r.Repo == "scratch" || r.chiseled() || strings.Contains(r.Repo, "/distroless/") ||
		strings.HasPrefix(r.Repo, "distroless/") || r.Repo == "cgr.dev/chainguard/static"
}

// nonrootDefault reports whether the image's own config sets a non-root
// user: distroless :nonroot tags (USER 65532), Chainguard images, Bitnami
// images, nginx-unprivileged and the .NET chiseled images (USER 1654).
func (r imageRef) nonrootDefault() bool {
	switch {
	case strings.Contains(r.Repo, "distroless"):
		return r.Tag == "nonroot" || strings.HasSuffix(r.Tag, "-nonroot")
	case r.chiseled(), strings.HasPrefix(r.Repo, "cgr.dev/chainguard/"), strings.HasPrefix(r.Repo, "bitnami/"), strings.HasSuffix(r.Repo, "nginxinc/nginx-unprivileged"):
		return true
	}
	return false
}

// toolchains are images that are compilers or SDKs whatever their variant.
var toolchains = []string{
	"golang", "rust", "gcc", "maven", "gradle", "openjdk", "eclipse-temurin", "amazoncorretto",
	"sapmachine", "ibm-semeru-runtimes", "buildpack-deps", "haskell", "swift", "clojure", "sbt",
	"elixir", "erlang", "dotnet/sdk", "mono", "clang", "tinygo",
}

// fullVariants are language images whose default (non-slim, non-alpine)
// variant is built on buildpack-deps, with gcc, make and headers.
var fullVariants = []string{"node", "python", "ruby", "perl", "pypy"}

// toolchain reports whether the image is a compiler or full SDK image, and
// says what it is.
func (r imageRef) toolchain() (string, bool) {
	name := r.Name()
	repo := strings.TrimPrefix(strings.TrimPrefix(r.Repo, "docker.io/"), "library/")
	tag := strings.ToLower(r.Tag)
	if strings.HasSuffix(repo, "dotnet/sdk") {
		return ".NET SDK", true
	}
	if slices.Contains(toolchains, name) {
		// Java images with a JRE variant are runtimes.
		if strings.Contains(tag, "jre") {
			return "", false
		}
		return name + " SDK", true
	}
	if slices.Contains(fullVariants, name) && repo == name { // official images only
		if strings.Contains(tag, "slim") || strings.Contains(tag, "alpine") || strings.Contains(tag, "distroless") {
			return "", false
		}
		return "full " + name + " image (gcc, make and headers included)", true
	}
	return "", false
}

// dotnetImage reports whether the image is one of Microsoft's .NET images.
func (r imageRef) dotnetImage() bool {
	return strings.HasPrefix(r.Repo, "mcr.microsoft.com/dotnet/")
}

// chiseled reports whether the image is a .NET chiseled (Ubuntu Chisel)
// image, tags such as 8.0-jammy-chiseled, 9.0-noble-chiseled-extra: no
// shell, no package manager, no setuid files, and USER 1654 (app) set by the
// image itself.
func (r imageRef) chiseled() bool {
	return r.dotnetImage() && strings.Contains(strings.ToLower(r.Tag), "chiseled")
}

// imageEnv returns the variables the image's own config sets that a
// Dockerfile relies on: the .NET 8+ images set APP_UID=1654, the uid of
// their non-root user app, for USER $APP_UID.
func (r imageRef) imageEnv() map[string]string {
	if !r.dotnetImage() {
		return nil
	}
	major, _, _ := strings.Cut(r.Tag, ".")
	if n, err := strconv.Atoi(major); err != nil || n < 8 {
		return nil
	}
	return map[string]string{"APP_UID": dotnetAppUID}
}

// dotnetAppUID is the uid of the app user in .NET 8 and later images.
const dotnetAppUID = "1654"

// windows reports whether the image is a Windows container image: the
// Windows base images and the nanoserver and windowsservercore variants of
// other images (.NET, PowerShell, the official language images).
func (r imageRef) windows() bool {
	tag := strings.ToLower(r.Tag)
	return strings.HasPrefix(r.Repo, "mcr.microsoft.com/windows") ||
		strings.Contains(tag, "nanoserver") || strings.Contains(tag, "windowsservercore") ||
		strings.Contains(tag, "ltsc20")
}
