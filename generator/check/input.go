package check

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Input guards: what check accepts as a file to read (text, not empty, a
// Dockerfile BuildKit can parse with a FROM), and the recovery that turns
// a bug in a rule into an error naming the file.

// parseDockerfile is the guard in front of every Dockerfile rule: it
// refuses data that is not text or is empty, then parses with BuildKit's
// own parser and refuses what BuildKit would (an unknown instruction, a
// malformed flag, a RUN flag it cannot read) and a file with no FROM.
func parseDockerfile(name string, data []byte) (*parser.Result, []instructions.Stage, []instructions.ArgCommand, error) {
	if err := textInput(name, data); err != nil {
		return nil, nil, nil, err
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: not a valid Dockerfile: %w", name, err)
	}
	stages, metaArgs, err := instructions.Parse(res.AST, nil)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: not a valid Dockerfile: %w", name, err)
	}
	if len(stages) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: not a Dockerfile: no FROM instruction", name)
	}
	// RUN flags (--mount…) are parsed only when expanded: expand them with
	// their words kept as written, which also finds the invalid ones.
	for _, st := range stages {
		for _, c := range st.Commands {
			if run, ok := c.(*instructions.RunCommand); ok {
				if err := run.Expand(func(word string) (string, error) { return word, nil }); err != nil {
					line := 0
					if loc := run.Location(); len(loc) > 0 {
						line = loc[0].Start.Line
					}
					return nil, nil, nil, fmt.Errorf("%s:%d: not a valid Dockerfile: %w", name, line, err)
				}
			}
		}
	}
	return res, stages, metaArgs, nil
}

func splitLines(data []byte) []string {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// textInput fails for data that is not text: NUL bytes or invalid UTF-8.
func textInput(name string, data []byte) error {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return fmt.Errorf("%s: not a text file", name)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%s: the file is empty", name)
	}
	return nil
}

// recoverBug turns a panic in a check into an error naming the file, so a
// bug in one rule never crashes the command.
func recoverBug(name string, err *error) {
	if r := recover(); r != nil {
		*err = errors.Join(*err, fmt.Errorf("%s: dockergen check failed on this file (a bug in dockergen, please report it): %v", name, r))
	}
}
