package generator

import "strings"

// StacksTableBegin and StacksTableEnd mark the README's stacks table, which
// stacksTable writes from the registry.
const (
	StacksTableBegin = "<!-- BEGIN GENERATED stacks -->"
	StacksTableEnd   = "<!-- END GENERATED stacks -->"
)

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
