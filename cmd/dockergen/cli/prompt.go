package cli

import (
	"errors"
	"io"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
)

// This file is the only one that knows about survey: commands ask their
// questions through the prompter interface, which tests script.

// errInterrupted is a prompter's answer when the user gives up with Ctrl-C
// (or ends the input with Ctrl-D).
var errInterrupted = errors.New("interrupted")

// choice is one option of a Select: the value returned and a one-line
// description shown beside it.
type choice struct {
	value, desc string
}

// prompter asks an interactive command's questions. Every question has a
// default, which Enter keeps; help is shown when the user types '?'.
type prompter interface {
	// Input asks for one line of text. validate, when not nil, checks the
	// answer; on an error the message is shown and the question asked again.
	Input(msg, def, help string, validate func(string) error) (string, error)
	// Select asks for one of choices and returns its value.
	Select(msg string, choices []choice, def, help string) (string, error)
	// Confirm asks a yes-or-no question.
	Confirm(msg string, def bool, help string) (bool, error)
}

// surveyPrompter asks on a terminal with survey.
type surveyPrompter struct {
	opts []survey.AskOpt
}

// newSurveyPrompter returns a prompter on a terminal's input and output, or
// an error when they are not files (the caller checks that they are a
// terminal first).
func newSurveyPrompter(in io.Reader, out, errOut io.Writer) (prompter, error) {
	fin, ok := in.(terminal.FileReader)
	fout, ok2 := out.(terminal.FileWriter)
	if !ok || !ok2 {
		return nil, errors.New("the questions need a terminal on standard input and output")
	}
	return &surveyPrompter{opts: []survey.AskOpt{survey.WithStdio(fin, fout, errOut)}}, nil
}

// askErr maps survey's ways of giving up onto errInterrupted.
func askErr(err error) error {
	if errors.Is(err, terminal.InterruptErr) || errors.Is(err, io.EOF) {
		return errInterrupted
	}
	return err
}

func (p *surveyPrompter) Input(msg, def, help string, validate func(string) error) (string, error) {
	var ans string
	opts := p.opts
	if validate != nil {
		opts = append(opts[:len(opts):len(opts)], survey.WithValidator(func(v any) error {
			s, _ := v.(string)
			return validate(s)
		}))
	}
	err := survey.AskOne(&survey.Input{Message: msg, Default: def, Help: help}, &ans, opts...)
	return ans, askErr(err)
}

func (p *surveyPrompter) Select(msg string, choices []choice, def, help string) (string, error) {
	values := make([]string, len(choices))
	for i, c := range choices {
		values[i] = c.value
	}
	q := &survey.Select{
		Message:     msg,
		Options:     values,
		Help:        help,
		Description: func(_ string, i int) string { return choices[i].desc },
	}
	for _, v := range values {
		if v == def {
			q.Default = def
		}
	}
	var ans string
	err := survey.AskOne(q, &ans, p.opts...)
	return ans, askErr(err)
}

func (p *surveyPrompter) Confirm(msg string, def bool, help string) (bool, error) {
	var ans bool
	err := survey.AskOne(&survey.Confirm{Message: msg, Default: def, Help: help}, &ans, p.opts...)
	return ans, askErr(err)
}
