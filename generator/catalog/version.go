package catalog

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// version is a dotted numeric version: 1.27.3 is {1, 27, 3}.
type version []int

// parseVersion reads 1 to 4 dot-separated numbers, with an optional leading
// v and Temurin's build suffix (21.0.5_11) dropped.
func parseVersion(s string) (version, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if i := strings.IndexByte(s, '_'); i > 0 {
		s = s[:i]
	}
	if s == "" {
		return nil, fmt.Errorf("empty version")
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return nil, fmt.Errorf("%q: too many components", s)
	}
	v := make(version, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p == "" || (len(p) > 1 && p[0] == '+') {
			return nil, fmt.Errorf("%q: want numbers separated by dots", s)
		}
		v[i] = n
	}
	return v, nil
}

func (v version) String() string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ".")
}

// compareVersions compares with missing components as 0: 3.12 == 3.12.0.
func compareVersions(a, b version) int {
	for i := range max(len(a), len(b)) {
		var x, y int
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// next returns the first version after every version that starts with v:
// next(3.12) = 3.13, next(20) = 21.
func (v version) next() version {
	n := slices.Clone(v)
	n[len(n)-1]++
	return n
}
