package generator

import (
	"regexp"
	"strings"
)

// A line-based reader of the few pyproject.toml values the python detector
// needs: the string and string-array values of one table ([project.scripts],
// [tool.fastapi], [tool.uv.workspace]), each with its line. It is not a TOML
// parser: inline tables, dotted keys and multi-line strings are skipped,
// which is what a detector that must never fail on odd input wants.

// pyTomlKV is one key of a table: a string value (Str) or an array of strings
// (List), with the line the key is on.
type pyTomlKV struct {
	Key    string
	Line   int
	Str    string
	IsStr  bool
	List   []string
	IsList bool
}

var (
	pyTomlHeaderRE = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.\-"' ]+?)\s*\]\s*(?:#.*)?$`)
	pyTomlKeyRE    = regexp.MustCompile(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=\s*(.*)$`)
	pyTomlStrRE    = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"|'([^']*)'`)
)

// pyTomlTable returns the keys of table name and the line of its header (0
// when the table is not there).
func pyTomlTable(data []byte, name string) (kvs []pyTomlKV, header int) {
	lines := strings.Split(string(data), "\n")
	in := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[[") {
			in = false
			continue
		}
		if m := pyTomlHeaderRE.FindStringSubmatch(line); m != nil {
			t := strings.NewReplacer(`"`, "", `'`, "", " ", "").Replace(m[1])
			in = t == name
			if in && header == 0 {
				header = i + 1
			}
			continue
		}
		if !in {
			continue
		}
		m := pyTomlKeyRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		kv := pyTomlKV{Key: strings.Trim(m[1], `"'`), Line: i + 1}
		val := pyTomlCode(m[2])
		switch {
		case strings.HasPrefix(val, "["):
			// An array may go on over several lines, to its closing bracket.
			for pyTomlDepth(val) > 0 && i+1 < len(lines) {
				i++
				val += " " + pyTomlCode(lines[i])
			}
			kv.IsList = true
			for _, s := range pyTomlStrRE.FindAllStringSubmatch(val, -1) {
				kv.List = append(kv.List, s[1]+s[2])
			}
		case strings.HasPrefix(val, `"`) || strings.HasPrefix(val, "'"):
			if s := pyTomlStrRE.FindStringSubmatch(val); s != nil {
				kv.Str, kv.IsStr = s[1]+s[2], true
			}
		}
		kvs = append(kvs, kv)
	}
	return kvs, header
}

// pyTomlString returns a table's string value for key, with its line.
func pyTomlString(data []byte, table, key string) (string, int, bool) {
	kvs, _ := pyTomlTable(data, table)
	for _, kv := range kvs {
		if kv.Key == key && kv.IsStr {
			return kv.Str, kv.Line, true
		}
	}
	return "", 0, false
}

// pyTomlCode drops a trailing comment (a # outside quotes) and spaces.
func pyTomlCode(s string) string {
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && r == '#':
			return strings.TrimSpace(s[:i])
		}
	}
	return strings.TrimSpace(s)
}

// depth is how many brackets are open at the end of s (quotes skipped).
func pyTomlDepth(s string) int {
	n := 0
	for _, m := range pyTomlStrRE.Split(s, -1) {
		n += strings.Count(m, "[") - strings.Count(m, "]")
	}
	return n
}
