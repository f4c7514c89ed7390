package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// The binary stack: a prebuilt executable (main is its path in the build
// context) copied into a minimal base; no toolchain. The seccomp profile is
// profiles/binary.yaml: everyday glibc and musl work (the libc probe) and the
// Go runtime's calls, since dockergen cannot measure an unknown program.
var binaryStack = &stack{
	Name:           "binary",
	MainHelp:       "the prebuilt executable's path in the build context (for example bin/server)",
	DefaultVersion: "1",
	VersionRE:      regexp.MustCompile(`^[0-9][0-9A-Za-z.+-]{0,31}$`),
	VersionHelp:    "the executable's own version, shown in the image description (for example 1.4.2)",
	DefaultBase:    BaseDistroless,
	Bases:          []string{BaseDistroless, BaseScratch, BaseSlim, BaseAlpine},
	DefaultMain:    binaryDefaultMain,
	Profile:        "binary",
	Images: func(r release) (string, string, string, error) {
		// The first stage only checks the file and supplies CA certificates.
		builder := img{"debian", "{debian}-slim", nil}
		switch r.Base {
		case BaseAlpine:
			return images(r, "", builder, img{"alpine", "{alpine}", nil})
		case BaseSlim:
			return images(r, "", builder, builder)
		case BaseDistroless:
			// base, not static: glibc, so a dynamically linked binary runs too.
			return images(r, "", builder, distrolessBase)
		case BaseScratch:
			return images(r, "", builder, scratch)
		}
		return "", "", "", errNoBase
	},
	CheckMain: func(s *Spec) string {
		if !relPathRE.MatchString(s.Main) || strings.HasPrefix(s.Main, "-") || escapes(s.Main) || path.Clean(s.Main) == "." || strings.HasSuffix(s.Main, "/") {
			return fmt.Sprintf("%q is not the path of the executable inside the build context (for example bin/server)", s.Main)
		}
		return ""
	},
	Check: func(s *Spec, bad func(field, format string, args ...any)) {
		if len(s.Build.Command) > 0 {
			bad("build.command", "a binary is prebuilt: build it before docker build (allowed: no build.command, or stack go, node or python)")
		}
		if len(s.Build.Secrets) > 0 {
			bad("build.secrets", "a binary is prebuilt: no build step would use a secret (allowed: none)")
		}
		refuseCGO(s, bad)
	},
	Entry:        binaryEntry,
	Label:        func(s *Spec) string { return s.Stack },
	MainPrebuilt: true,
	Detector:     binaryDetector,
	Doc: stackDoc{
		DetectedFrom: "never (`--stack binary`)",
		Runtime:      "a prebuilt executable copied in",
	},
}

// binaryDefaultMain is the binary stack's default main.
const binaryDefaultMain = "bin/app"

// --- detection ---

// binaryDetector is used only with --stack binary: it offers the executable
// files in bin/ as main.
var binaryDetector = &detector{
	mains: func(p *project, c *Candidate) []Detected {
		var found []Detected
		entries, _ := fs.ReadDir(p.fsys, "bin")
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
				found = append(found, Detected{Value: "bin/" + e.Name(), From: "bin/" + e.Name()})
			}
		}
		if len(found) == 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("no executable in bin/: using %s — set main to the prebuilt executable's path", binaryDefaultMain))
		}
		return found
	},
	sources: func(p *project, c *Candidate) []string { return nil },
}

// IsNoProject reports whether err is Detect's error for a directory with no
