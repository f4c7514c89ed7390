package check

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Finding is one problem found in one file, at a 1-based line and column.
type Finding struct {
	RuleID   string   `json:"ruleId"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"column"`
	// Message says what is wrong here, starting from the rule's summary.
	Message string `json:"message"`
	// Fix is the fix written for this finding from its context (the
	// service's port, the image's runtime), empty when the rule's Fix
	// applies as it is. FixText returns the one to show.
	Fix string `json:"-"`
}

// FixText says how to fix the finding: its own Fix, else its rule's.
func (f Finding) FixText() string {
	if f.Fix != "" {
		return f.Fix
	}
	if r := f.Rule(); r != nil {
		return r.Fix
	}
	return ""
}

// String formats the finding as "file:line:col: ID [severity] message".
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s [%s] %s", f.File, f.Line, f.Col, f.RuleID, f.Severity, f.Message)
}

// Rule returns the finding's rule (nil for an unknown ID).
func (f Finding) Rule() *Rule {
	r, _ := Lookup(f.RuleID)
	return r
}

// Sort orders findings by file, line, column and rule ID.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			strings.Compare(a.RuleID, b.RuleID),
		)
	})
}

// Filter returns the findings at or above min whose rule is not in ignore
// (IDs, case-insensitive). It fails when ignore names an unknown rule.
func Filter(fs []Finding, min Severity, ignore []string) ([]Finding, error) {
	skip := map[string]bool{}
	for _, id := range ignore {
		r, ok := Lookup(id)
		if !ok {
			return nil, fmt.Errorf("unknown rule %q (see 'dockergen check --list')", id)
		}
		skip[r.ID] = true
	}
	var out []Finding
	for _, f := range fs {
		if f.Severity >= min && !skip[f.RuleID] {
			out = append(out, f)
		}
	}
	return out, nil
}

// reporter collects the findings of one file.
type reporter struct {
	file     string
	findings []Finding
}

func (r *reporter) add(rule *Rule, line, col int, format string, args ...any) {
	msg := rule.Summary
	if format != "" {
		msg = fmt.Sprintf(format, args...)
	}
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	r.findings = append(r.findings, Finding{RuleID: rule.ID, Severity: rule.Severity, File: r.file, Line: line, Col: col, Message: msg})
}

// fix writes the last finding's fix from its rule's FixIn and the finding's
// context; an empty context keeps the rule's Fix.
func (r *reporter) fix(args ...any) {
	if len(r.findings) == 0 || len(args) == 0 || args[0] == "" {
		return
	}
	f := &r.findings[len(r.findings)-1]
	if rule := f.Rule(); rule != nil && rule.FixIn != "" {
		f.Fix = fmt.Sprintf(rule.FixIn, args...)
	}
}
