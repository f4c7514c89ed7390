package generator

import (
	"fmt"
	"slices"
	"strings"
)

// rustNotes is the rust detector's notes hook: the workspace member to
// build, the lockfile, the run-time files and .cargo/config.toml.
func rustNotes(p *project, c *Candidate) {
	root, crates := rustCrates(p)
	crate, found := rustCrateOf(crates, c.Main.Value)
	// A workspace: the member that holds main, and every member with a
	// binary, for a wizard to offer.
	if root.Workspace > 0 {
		var members []string
		for _, cr := range crates {
			if cr.Dir != "." && len(cr.Bins) > 0 {
				c.Members = append(c.Members, Detected{Value: cr.Dir, From: cr.From})
				members = append(members, cr.Dir)
			}
		}
		if found && crate.Dir != "." {
			c.Member = Detected{Value: crate.Dir, From: crate.From, Reason: fmt.Sprintf("the workspace member with binary %s", c.Main.Value)}
		}
		if len(members) > 1 {
			c.Notes = append(c.Notes, fmt.Sprintf("the workspace has %d members with a binary (%s): building %s of %s — set build.member and main (init --member DIR) to build another", len(members), strings.Join(members, ", "), c.Main.Value, c.Member.Value))
		}
		if root.Package == 0 && len(crates) == 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("Cargo.toml:%d: a virtual workspace whose members dockergen could not read (members = %s): set build.member to the member directory and main to its binary", root.Workspace, cargoValuesText(root.Members)))
		}
	}
	if !p.exists("Cargo.lock") {
		if root.Inherits > 0 && root.Workspace == 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("Cargo.toml:%d: this crate is a member of a workspace above this directory: its Cargo.lock is at the workspace root, not here — run dockergen in the workspace root (the build context) and choose this crate with build.member (init --member DIR)", root.Inherits))
		} else {
			c.Notes = append(c.Notes, "Cargo.lock is missing: the Dockerfile builds with --locked (run cargo generate-lockfile and commit Cargo.lock)")
		}
	}
	switch {
	case len(c.Mains) == 0:
		c.Notes = append(c.Notes, fmt.Sprintf("no [package] name or [[bin]] name in Cargo.toml: using %s — set main to the binary's name", c.Main.Value))
	case found && len(crate.Bins) > 1:
		c.Notes = append(c.Notes, fmt.Sprintf("%s has %d binaries: using %s — set main to the one the image runs", crate.file("Cargo.toml"), len(crate.Bins), c.Main.Value))
	}
	if found {
		rustFiles(p, c, crate, rustBinSources(p, crate, c.Main.Value))
	}
	rustCargoConfig(p, c)
}

func cargoValuesText(vs []cargoValue) string {
	var s []string
	for _, v := range vs {
		s = append(s, fmt.Sprintf("%q", v.Value))
	}
	return "[" + strings.Join(slices.Clip(s), ", ") + "]"
}
