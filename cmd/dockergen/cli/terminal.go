package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// isTerminal reports whether both r and w are terminals.
func isTerminal(r io.Reader, w io.Writer) bool {
	rf, ok1 := r.(*os.File)
	wf, ok2 := w.(*os.File)
	return ok1 && ok2 && term.IsTerminal(int(rf.Fd())) && term.IsTerminal(int(wf.Fd()))
}
