package check

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// WriteText writes findings as "path:line:col: ID [severity] message", each
// followed by an indented line saying how to fix it.
func WriteText(w io.Writer, findings []Finding) error {
	for _, f := range findings {
		if _, err := fmt.Fprintf(w, "%s\n    fix: %s\n", f, f.FixText()); err != nil {
			return err
		}
	}
	return nil
}

// jsonReport is the --format json document.
type jsonReport struct {
	Files    []string      `json:"files"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Finding
	Fix string `json:"fix"`
}

// WriteJSON writes the checked files and the findings as one JSON document:
// {"files": [...], "findings": [{"ruleId", "severity", "file", "line",
// "column", "message", "fix"}]}.
func WriteJSON(w io.Writer, files []string, findings []Finding) error {
	rep := jsonReport{Files: files, Findings: []jsonFinding{}}
	if rep.Files == nil {
		rep.Files = []string{}
	}
	for _, f := range findings {
		jf := jsonFinding{Finding: f, Fix: f.FixText()}
		rep.Findings = append(rep.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}

// SARIF 2.1.0, the subset dockergen writes.
const (
	SARIFVersion = "2.1.0"
	SARIFSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// InformationURI is the tool's home page in SARIF output.
	InformationURI = "https://github.com/dockergen/dockergen"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           sarifProperties `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

// Level is the SARIF level of a severity: error for high and critical,
// warning for medium, note for low and info.
func (s Severity) Level() string {
	switch {
	case s >= High:
		return "error"
	case s == Medium:
		return "warning"
	}
	return "note"
}

// securitySeverity is GitHub code scanning's 0-10 score for a severity.
func (s Severity) securitySeverity() string {
	return [...]string{"1.0", "3.0", "5.5", "8.0", "9.5"}[s]
}

// WriteSARIF writes findings as a SARIF 2.1.0 log with one run whose
// driver lists every rule. version is dockergen's version.
func WriteSARIF(w io.Writer, version string, findings []Finding) error {
	driver := sarifDriver{Name: "dockergen", Version: version, InformationURI: InformationURI}
	index := map[string]int{}
	for i, r := range ruleset {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:               r.ID,
			Name:             r.Name,
			ShortDescription: sarifText{Text: r.Summary},
			FullDescription:  sarifText{Text: r.Why},
			Help: sarifText{
				Text:     "Fix: " + r.Fix + equivalentsLine(r, "\n"),
				Markdown: "**" + r.Summary + "**\n\n" + r.Why + "\n\n**Fix:** " + r.Fix + equivalentsLine(r, "\n\n"),
			},
			DefaultConfiguration: sarifConfig{Level: r.Severity.Level()},
			Properties:           sarifProperties{Tags: []string{"security", string(r.Kind)}, SecuritySeverity: r.Severity.securitySeverity(), Precision: "high"},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, f := range findings {
		run.Results = append(run.Results, sarifResult{
			RuleID:    f.RuleID,
			RuleIndex: index[f.RuleID],
			Level:     f.Severity.Level(),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: fileURI(f.File)},
				Region:           sarifRegion{StartLine: f.Line, StartColumn: f.Col},
			}}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}})
}

func equivalentsLine(r *Rule, sep string) string {
	if e := r.Equivalents(); e != "" {
		return sep + "Equivalent to: " + e + "."
	}
	return ""
}

// fileURI is a finding's file as a SARIF artifact URI: a relative URI
// reference for a relative path, a file: URI for an absolute one.
func fileURI(p string) string {
	slash := filepath.ToSlash(p)
	if filepath.IsAbs(p) {
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash // C:/x
		}
		return (&url.URL{Scheme: "file", Path: slash}).String()
	}
	return (&url.URL{Path: strings.TrimPrefix(slash, "./")}).String()
}
