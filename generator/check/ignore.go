package check

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Inline ignore comments: '# dockergen:ignore=ID[,ID…] reason' in the block
// of comments above a Dockerfile instruction (or a compose key) suppresses
// those rules' findings there; an invalid comment is itself a finding
// (DG001) and is not applied.

// finish drops the findings suppressed by ignore comments, adds the ones
// about the comments themselves and sorts.
func (d *dfCheck) finish() []Finding {
	ignored := d.ignoreComments()
	var out []Finding
	for i, f := range d.findings {
		if ids := ignored[d.owner[i]]; ids != nil && ids[f.RuleID] && f.RuleID != RuleIgnoreComment.ID {
			continue
		}
		out = append(out, f)
	}
	Sort(out)
	return out
}

// ignoreComments reads the '# dockergen:ignore=ID[,ID…] reason' comments in
// the block of comment lines directly above each instruction and returns
// the rule IDs each instruction's line ignores. Invalid comments are
// reported (DG001) and not applied.
func (d *dfCheck) ignoreComments() map[int]map[string]bool {
	out := map[int]map[string]bool{}
	prevEnd := 0
	for _, n := range d.ast.Children {
		for i := n.StartLine - 1; i > prevEnd; i-- {
			text := strings.TrimSpace(d.lines[i-1])
			if !strings.HasPrefix(text, "#") {
				break
			}
			ids, problem := parseIgnore(strings.TrimSpace(strings.TrimPrefix(text, "#")))
			if problem != "" {
				col := strings.Index(d.lines[i-1], "#") + 1
				d.atPos(RuleIgnoreComment, nil, i, col, "%s", problem)
				continue
			}
			if ids != nil {
				if out[n.StartLine] == nil {
					out[n.StartLine] = map[string]bool{}
				}
				for _, id := range ids {
					out[n.StartLine][id] = true
				}
			}
		}
		prevEnd = n.EndLine
	}
	return out
}

const ignorePrefix = "dockergen:ignore"

// parseIgnore reads the text of a comment. It returns the rule IDs of a
// valid ignore comment, a problem for an invalid one, and neither for a
// comment that is not an ignore.
func parseIgnore(text string) (ids []string, problem string) {
	rest, ok := strings.CutPrefix(text, ignorePrefix)
	if !ok {
		return nil, ""
	}
	rest, ok = strings.CutPrefix(rest, "=")
	if !ok || rest == "" || rest[0] == ' ' {
		return nil, "dockergen:ignore must name rules: write '# dockergen:ignore=DG123 reason'"
	}
	list, reason, _ := strings.Cut(rest, " ")
	for _, id := range strings.Split(list, ",") {
		r, ok := Lookup(id)
		if !ok {
			return nil, fmt.Sprintf("dockergen:ignore names %q, which is not a rule (see 'dockergen check --list'); the comment is not applied", id)
		}
		ids = append(ids, r.ID)
	}
	if strings.TrimSpace(reason) == "" {
		return nil, fmt.Sprintf("dockergen:ignore=%s gives no reason; the comment is not applied (write the reason after the IDs)", list)
	}
	return ids, ""
}

// readIgnores walks every node of the document and records the rule IDs
// that valid ignore comments directly above it cover, reporting invalid ones.
func (c *composeCheck) readIgnores(n *yaml.Node) {
	if n == nil {
		return
	}
	if n.HeadComment != "" {
		lines := strings.Split(n.HeadComment, "\n")
		for i, l := range lines {
			text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "#"))
			ids, problem := parseIgnore(text)
			if problem != "" {
				line, col := n.Line-len(lines)+i, n.Column
				if line >= 1 && line <= len(c.lines) {
					if j := strings.Index(c.lines[line-1], "#"); j >= 0 {
						col = j + 1
					}
				}
				c.add(RuleIgnoreComment, line, col, "%s", problem)
				continue
			}
			for _, id := range ids {
				if c.ignored[n] == nil {
					c.ignored[n] = map[string]bool{}
				}
				c.ignored[n][id] = true
			}
		}
	}
	for _, ch := range n.Content {
		c.readIgnores(ch)
	}
}

// ignores returns the rule IDs that ignore comments above n cover.
func (c *composeCheck) ignores(n *yaml.Node) map[string]bool { return c.ignored[n] }
