package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// What a Gemfile reads beside itself, which bundle install needs before the
// sources are copied: ruby file: ".ruby-version", gemspec (the *.gemspec
// and the files it requires), and path: gems. Each becomes a files entry,
// copied before bundle install.

var (
	// gemfileRubyFileRE: ruby file: ".ruby-version" (Bundler 2.4.19+), or
	// ruby File.read(".ruby-version").strip.
	gemfileRubyFileRE = regexp.MustCompile(`(?m)^\s*ruby\s*\(?\s*(?:file:|:file\s*=>|File\.read\(\s*)\s*["']([^"']+)["']`)
	// gemfileGemspecRE: a gemspec line, with its optional path:.
	gemfileGemspecRE = regexp.MustCompile(`(?m)^\s*gemspec\b(?:.*?\bpath:\s*["']([^"']+)["'])?`)
	// gemfilePathRE: gem "name", path: "dir" (or :path => "dir"), also in a
	// path "dir" do ... end block.
	gemfilePathRE = regexp.MustCompile(`(?m)^\s*(?:gem\s.*?(?:\bpath:|:path\s*=>)\s*|path\s*\(?\s*)["']([^"']+)["']`)
	// gemspecRequireRE: what a gemspec loads from the project
	// (require_relative "lib/foo/version", require "foo/version").
	gemspecRequireRE = regexp.MustCompile(`(?m)^\s*require(_relative)?\s*\(?\s*["']([^"']+)["']`)
)

// rubyGemfileFiles adds to c.Files what the Gemfile reads.
func rubyGemfileFiles(p *project) []Detected {
	data, ok := p.read("Gemfile")
	if !ok {
		return nil
	}
	var out []Detected
	add := func(f string, line int, why string) {
		f = path.Clean(f)
		if escapes(f) || path.IsAbs(f) || !relPathRE.MatchString(f) || f == "." || f == "Gemfile" || f == "Gemfile.lock" {
			return
		}
		for _, d := range out {
			if d.Value == f {
				return
			}
		}
		out = append(out, Detected{Value: f, From: at("Gemfile", line), Reason: why})
	}
	if m := gemfileRubyFileRE.FindSubmatchIndex(data); m != nil {
		f := string(data[m[2]:m[3]])
		if p.exists(f) {
			add(f, lineAt(data, m[2]), "the Gemfile's ruby file: reads it")
		}
	}
	if m := gemfileGemspecRE.FindSubmatchIndex(data); m != nil {
		dir := "."
		if m[2] >= 0 {
			dir = string(data[m[2]:m[3]])
		}
		line := lineAt(data, m[0]+strings.Index(string(data[m[0]:m[1]]), "gemspec"))
		specs, _ := fs.Glob(p.fsys, path.Join(dir, "*.gemspec"))
		for _, spec := range specs {
			add(spec, line, "the Gemfile's gemspec loads it")
			for _, req := range gemspecRequires(p, spec) {
				add(req, line, fmt.Sprintf("%s requires it", spec))
			}
		}
	}
	for _, m := range gemfilePathRE.FindAllSubmatchIndex(data, -1) {
		dir := string(data[m[2]:m[3]])
		if isDir(p, dir) {
			add(dir, lineAt(data, m[2]), "a path: gem, installed from this directory")
		}
	}
	return out
}

// gemspecRequires lists the project files a gemspec requires (its version
// file, usually): require_relative paths from the gemspec's directory,
// require paths under lib/.
func gemspecRequires(p *project, spec string) []string {
	data, ok := p.read(spec)
	if !ok {
		return nil
	}
	var out []string
	for _, m := range gemspecRequireRE.FindAllSubmatch(data, -1) {
		name := string(m[2])
		if !strings.HasSuffix(name, ".rb") {
			name += ".rb"
		}
		f := path.Join(path.Dir(spec), name)
		if len(m[1]) == 0 {
			f = path.Join(path.Dir(spec), "lib", name)
		}
		if p.exists(f) {
			out = append(out, f)
		}
	}
	return out
}
