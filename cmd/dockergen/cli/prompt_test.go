package cli

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// scriptedPrompter answers questions from a script keyed by the question's
// text. A question without a scripted answer gets its default (Enter); a
// question's answers are used in order, so an invalid answer can be followed
// by a valid one, as a person would retype it. "^C" interrupts. done reports
// scripted answers that were never asked for, and answers the question
// refused at the end of its script.
type scriptedPrompter struct {
	answers map[string][]string
	// asked records every question in order as "text [default]".
	asked []string
	// choices records the values a Select offered, by question.
	choices map[string][]string
	// refused records validation messages shown, by question.
	refused  map[string][]string
	problems []string
}

func newScript(answers map[string][]string) *scriptedPrompter {
	return &scriptedPrompter{answers: answers, choices: map[string][]string{}, refused: map[string][]string{}}
}

// answers is a shorthand for one answer per question.
func answers(kv ...string) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = append(m[kv[i]], kv[i+1])
	}
	return m
}

func (p *scriptedPrompter) next(msg string) (string, bool) {
	q := p.answers[msg]
	if len(q) == 0 {
		return "", false
	}
	p.answers[msg] = q[1:]
	return q[0], true
}

func (p *scriptedPrompter) Input(msg, def, help string, validate func(string) error) (string, error) {
	p.asked = append(p.asked, fmt.Sprintf("%s [%s]", msg, def))
	if help == "" {
		p.problems = append(p.problems, fmt.Sprintf("%q has no help", msg))
	}
	for {
		ans, ok := p.next(msg)
		if ans == "^C" {
			return "", errInterrupted
		}
		if !ok {
			ans = def
		}
		if validate == nil {
			return ans, nil
		}
		err := validate(ans)
		if err == nil {
			return ans, nil
		}
		p.refused[msg] = append(p.refused[msg], err.Error())
		if !ok || len(p.answers[msg]) == 0 {
			p.problems = append(p.problems, fmt.Sprintf("%q: the last answer %q was refused: %v", msg, ans, err))
			return "", errInterrupted
		}
	}
}

func (p *scriptedPrompter) Select(msg string, choices []choice, def, help string) (string, error) {
	p.asked = append(p.asked, fmt.Sprintf("%s [%s]", msg, def))
	var values []string
	for _, c := range choices {
		values = append(values, c.value)
		if c.desc == "" {
			p.problems = append(p.problems, fmt.Sprintf("%q: choice %q has no description", msg, c.value))
		}
	}
	p.choices[msg] = values
	ans, ok := p.next(msg)
	if ans == "^C" {
		return "", errInterrupted
	}
	if !ok {
		ans = def
	}
	if !slices.Contains(values, ans) {
		p.problems = append(p.problems, fmt.Sprintf("%q: %q is not one of %v", msg, ans, values))
		return "", errInterrupted
	}
	return ans, nil
}

func (p *scriptedPrompter) Confirm(msg string, def bool, help string) (bool, error) {
	p.asked = append(p.asked, fmt.Sprintf("%s [%v]", msg, def))
	ans, ok := p.next(msg)
	switch {
	case !ok:
		return def, nil
	case ans == "^C":
		return false, errInterrupted
	case ans == "y" || ans == "yes":
		return true, nil
	case ans == "n" || ans == "no":
		return false, nil
	}
	p.problems = append(p.problems, fmt.Sprintf("%q: %q is not y or n", msg, ans))
	return false, errInterrupted
}

// done returns what went wrong with the script: answers never asked for,
// and refused final answers.
func (p *scriptedPrompter) done() []string {
	probs := slices.Clone(p.problems)
	for msg, rest := range p.answers {
		if len(rest) > 0 {
			probs = append(probs, fmt.Sprintf("scripted answer(s) %q for %q never asked for", rest, msg))
		}
	}
	slices.Sort(probs)
	return probs
}

// askedText returns the questions asked, one a line.
func (p *scriptedPrompter) askedText() string { return strings.Join(p.asked, "\n") }

// TestScriptedPrompter checks the fake itself: a scripted answer that is
// never asked for is a failure, and so is a refused last answer.
func TestScriptedPrompter(t *testing.T) {
	p := newScript(answers("Asked:", "x", "Never asked:", "y", "Port:", "80"))
	if v, _ := p.Input("Asked:", "d", "help", nil); v != "x" {
		t.Errorf("got %q", v)
	}
	if v, _ := p.Input("Default:", "d", "help", nil); v != "d" {
		t.Errorf("Enter should keep the default, got %q", v)
	}
	_, err := p.Input("Port:", "8080", "help", func(v string) error {
		if v == "80" {
			return fmt.Errorf("privileged")
		}
		return nil
	})
	if err == nil {
		t.Error("a refused last answer must end the script")
	}
	probs := p.done()
	if len(probs) != 2 || !strings.Contains(probs[0], `"Port:": the last answer "80" was refused`) || !strings.Contains(probs[1], `never asked for`) || !strings.Contains(probs[1], "Never asked:") {
		t.Errorf("problems: %q", probs)
	}
	p = newScript(answers("Pick:", "c", "Ok?", "^C"))
	if _, err := p.Select("Pick:", []choice{{"a", "A"}, {"b", "B"}}, "a", "h"); err == nil {
		t.Error("a choice that is not offered must fail")
	}
	if _, err := p.Confirm("Ok?", true, "h"); err != errInterrupted {
		t.Errorf("^C: %v", err)
	}
}
