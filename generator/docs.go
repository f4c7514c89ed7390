package generator

import "strings"

// StacksTableBegin and StacksTableEnd mark the README's stacks table, which
// stacksTable writes from the registry; ReadsBegin and ReadsEnd its "what
// dockergen reads" tables (readsTables).
const (
	StacksTableBegin = "<!-- BEGIN GENERATED stacks -->"
	StacksTableEnd   = "<!-- END GENERATED stacks -->"
	ReadsBegin       = "<!-- BEGIN GENERATED reads -->"
	ReadsEnd         = "<!-- END GENERATED reads -->"
)

// readsTables returns the README's "what dockergen reads" section (Markdown,
// between the markers, without them): for each detected stack, in detection
// order, the files Detect reads and what it takes from each, from the
// stack's Doc.Reads.
func readsTables() string {
	var b strings.Builder
	for _, st := range registry {
		if !st.detected() {
			continue
		}
		title := st.Name
		if st.Title != "" && st.Title != st.Name {
			title += " (" + st.Title + ")"
		}
		b.WriteString("\n**" + title + "**\n\n| file | what dockergen takes from it |\n| --- | --- |\n")
		for _, r := range st.Doc.Reads {
			b.WriteString("| " + r.File + " | " + r.What + " |\n")
		}
	}
	return b.String()
}

// stacksTable returns the README's stacks table (Markdown, between the
// markers, without them): one row per registered stack in detection order,
// from its catalog values and its Doc, with ✓ on each base that built[stack,
// base] says was built and run on the engine here (the e2e report's rows).
func stacksTable(built map[[2]string]bool) string {
	var b strings.Builder
	b.WriteString("| stack | detected from | tools / servers | bases (built here) | runtime |\n")
	b.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, st := range registry {
		var choices []string
		if len(st.Tools) > 0 {
			c := codeList(st.Tools)
			if st.Doc.ToolsNote != "" {
				c += " " + st.Doc.ToolsNote
			}
			choices = append(choices, c)
		}
		if len(st.Servers) > 0 {
			choices = append(choices, "server "+codeList(st.Servers))
		}
		var bases []string
		anyBuilt := false
		for _, base := range st.Bases {
			cell := base
			if n := st.Doc.BaseNotes[base]; n != "" {
				cell += " (" + n + ")"
			}
			if built[[2]string{st.Name, base}] {
				cell += " ✓"
				anyBuilt = true
			}
			bases = append(bases, cell)
		}
		basesCell := strings.Join(bases, ", ")
		if !anyBuilt {
			basesCell += " — **none built here**"
		}
		cells := []string{"`" + st.Name + "`", st.Doc.DetectedFrom, strings.Join(choices, "; "), basesCell, st.Doc.Runtime}
		row := "| " + strings.Join(cells, " | ") + " |"
		b.WriteString(strings.ReplaceAll(row, "|  |", "| |") + "\n")
	}
	return b.String()
}

// codeList writes words as Markdown code, comma-separated.
func codeList(words []string) string {
	return "`" + strings.Join(words, "`, `") + "`"
}
