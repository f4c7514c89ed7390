package generator

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strings"
)

// toolVersionRE takes the release a stack's version field wants from an
// asdf/mise version string: its leading major[.minor], after an optional
// distribution prefix such as temurin- or corretto- (asdf-java's names).
var toolVersionRE = regexp.MustCompile(`^(?:[a-z][a-z0-9]*-)*v?([0-9]+(?:\.[0-9]+)?)`)

// toolVersion is a finder of a language version in .tool-versions, the file
// asdf and mise read: lines of "TOOL VERSION [FALLBACK...]" with # comments.
// It takes the first line whose tool is one of tools (for example "nodejs",
// "node") and returns its version cut to the precision the stack's version
// field has: parts=1 for a major ("20.11.1" -> "20"), 2 for major.minor
// ("3.12.1" -> "3.12"). It finds nothing when the file or the tool is absent
// or the version is not a number (for example "system" or "latest").
func toolVersion(parts int, tools ...string) finder {
	return fromFile(".tool-versions", func(data []byte) (string, int, bool) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			line, _, _ := strings.Cut(sc.Text(), "#")
			f := strings.Fields(line)
			if len(f) < 2 || !slices.Contains(tools, f[0]) {
				continue
			}
			m := toolVersionRE.FindStringSubmatch(f[1])
			if m == nil {
				return "", 0, false
			}
			v := strings.Split(m[1], ".")
			if len(v) < parts {
				return "", 0, false
			}
			return strings.Join(v[:parts], "."), n, true
		}
		return "", 0, false
	})
}
