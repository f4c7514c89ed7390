package generator

import (
	"bytes"
	"encoding/json"
	"strings"
)

// DetectedJSON is one detected value in 'dockergen detect --format json'.
type DetectedJSON struct {
	Value string `json:"value"`
	// From is "file:line", "file" or "default".
	From string `json:"from"`
	// Reason says how a version was chosen (">=18 (package.json:5) → 26,
	// the newest LTS") or why a file is needed at run time.
	Reason string `json:"reason,omitempty"`
}

// SettingJSON is an environment variable a detector sets.
type SettingJSON struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	From   string `json:"from"`
	Reason string `json:"reason"`
}

// CandidateJSON is one candidate stack in 'dockergen detect --format json'.
type CandidateJSON struct {
	Stack    string                  `json:"stack"`
	Evidence []string                `json:"evidence"`
	Values   map[string]DetectedJSON `json:"values"`
	Mains    []DetectedJSON          `json:"mains,omitempty"`
	Env      []SettingJSON           `json:"env,omitempty"`
	Files    []DetectedJSON          `json:"files,omitempty"`
	Members  []DetectedJSON          `json:"members,omitempty"`
	Notes    []string                `json:"notes,omitempty"`
	// Spec is the spec the candidate suggests, with the defaults filled in.
	Spec *Spec `json:"spec"`
}

// DetectionJSON is the whole of 'dockergen detect --format json'.
type DetectionJSON struct {
	Dir        string          `json:"dir"`
	Candidates []CandidateJSON `json:"candidates"`
	// Subprojects are projects in subfolders, when every candidate is
	// weak (a docs/ site at a repository's root).
	Subprojects []SubprojectJSON `json:"subprojects,omitempty"`
}

// SubprojectJSON is a project found in a subfolder.
type SubprojectJSON struct {
	Dir      string   `json:"dir"`
	Stack    string   `json:"stack"`
	Evidence []string `json:"evidence"`
	// Hint is what to run on it.
	Hint string `json:"hint"`
}

func detectedJSON(d Detected) DetectedJSON {
	return DetectedJSON{Value: d.Value, From: d.Source(), Reason: d.Reason}
}

// JSON returns the detection as 'dockergen detect --format json' prints it:
// indented, with HTML characters as written, ending in a newline.
func (d *Detection) JSON() ([]byte, error) {
	out := DetectionJSON{Dir: d.Dir}
	for _, c := range d.Candidates {
		cj := CandidateJSON{Stack: c.Stack, Evidence: c.Evidence, Notes: c.Notes, Values: map[string]DetectedJSON{}}
		for k, v := range map[string]Detected{"name": c.Name, "version": c.Version, "main": c.Main, "port": c.Port, "healthPath": c.HealthPath, "healthFlag": c.HealthFlag,
			"memory": c.Memory, "aot": c.AOT, "pids": c.Pids, "tool": c.Tool, "server": c.Server, "output": c.Output, "member": c.Member, "pinTags": c.PinTags, "loopback": c.Loopback,
			"build":  {Value: strings.Join(c.BuildCommand, " "), From: c.BuildFrom},
			"args":   {Value: strings.Join(c.Args, " "), From: c.ArgsFrom},
			"assets": {Value: strings.Join(c.AssetsCommand, " "), From: c.AssetsFrom}, "assetsOutput": c.AssetsOutput, "assetsTool": c.AssetsTool, "assetsNode": c.AssetsNode} {
			if v.Value != "" {
				cj.Values[k] = detectedJSON(v)
			}
		}
		for _, m := range c.Mains {
			cj.Mains = append(cj.Mains, detectedJSON(m))
		}
		for _, e := range c.Env {
			cj.Env = append(cj.Env, SettingJSON{Name: e.Name, Value: e.Value, From: e.From, Reason: e.Reason})
		}
		for _, f := range c.Files {
			cj.Files = append(cj.Files, detectedJSON(f))
		}
		for _, m := range c.Members {
			cj.Members = append(cj.Members, detectedJSON(m))
		}
		spec := c.Spec()
		spec.Defaults()
		cj.Spec = spec
		out.Candidates = append(out.Candidates, cj)
	}
	for _, s := range d.Subprojects {
		out.Subprojects = append(out.Subprojects, SubprojectJSON{Dir: s.Dir, Stack: s.Stack, Evidence: s.Evidence, Hint: s.Hint(d.Dir)})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // a reason's ">=18" as written
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
