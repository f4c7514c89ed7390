package generator

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// A dependency asked for by dist-tag ("next": "latest", as Next.js's
// examples are published) with a package-lock.json: npm ci resolves the tag
// against the registry, and as soon as a newer release is out the lockfile
// no longer matches and npm ci refuses it. The build that passed yesterday
// fails today, with no change in the project. build.pinTags has the build
// install the version the lockfile pins (the one the project was tested
// with) and init says which dependency and where.

// npmTagRE is a dist-tag: a name that is no semver range (those start with
// a digit, an operator, 'v', '*' or 'x') and no URL, path or alias (those
// hold ':' or '/').
var npmTagRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]*$`)

// npmDepSections are the package.json sections npm ci installs from.
var npmDepSections = []string{"dependencies", "devDependencies", "optionalDependencies"}

// npmTagPins sets c.PinTags when package.json asks for a dependency by
// dist-tag that package-lock.json resolves.
func npmTagPins(p *project, c *Candidate) {
	data, ok := p.read("package.json")
	if !ok {
		return
	}
	lock, ok := p.read("package-lock.json")
	if !ok {
		return
	}
	var pj map[string]json.RawMessage
	var lj struct {
		Packages     map[string]struct{ Version string } `json:"packages"`
		Dependencies map[string]struct{ Version string } `json:"dependencies"`
	}
	if json.Unmarshal(data, &pj) != nil || json.Unmarshal(lock, &lj) != nil {
		return
	}
	type tagged struct {
		name, tag, locked string
		line              int
	}
	var found []tagged
	for _, sec := range npmDepSections {
		var deps map[string]string
		if json.Unmarshal(pj[sec], &deps) != nil {
			continue
		}
		for name, spec := range deps {
			if !npmTagRE.MatchString(spec) || strings.EqualFold(spec, "x") || spec[0] == 'v' && len(spec) > 1 && spec[1] >= '0' && spec[1] <= '9' {
				continue
			}
			locked := lj.Packages["node_modules/"+name].Version
			if locked == "" {
				locked = lj.Dependencies[name].Version
			}
			if locked == "" {
				continue
			}
			line := lineOf(data, fmt.Sprintf("%q: %q", name, spec))
			if line == 0 {
				line = lineOf(data, fmt.Sprintf("%q", name))
			}
			found = append(found, tagged{name, spec, locked, line})
		}
	}
	if len(found) == 0 {
		return
	}
	sort.Slice(found, func(i, j int) bool {
		return found[i].line < found[j].line || found[i].line == found[j].line && found[i].name < found[j].name
	})
	var what []string
	for _, f := range found {
		what = append(what, fmt.Sprintf("%s %q (package-lock.json has %s)", f.name, f.tag, f.locked))
	}
	first := found[0]
	c.PinTags = Detected{Value: "true", From: at("package.json", first.line), Reason: strings.Join(what, ", ")}
	c.Notes = append(c.Notes, fmt.Sprintf("%s: %s asked for by dist-tag: npm ci asks the registry what a tag means today and refuses package-lock.json once a newer release is out; build.pinTags installs the locked versions instead (pin them in package.json to drop the step)", c.PinTags.From, strings.Join(what, ", ")))
}
