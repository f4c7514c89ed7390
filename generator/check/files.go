package check

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// notDockerfileExts are extensions of files named like Dockerfiles that are
// something else: templates, docs, backups, ignore files.
var notDockerfileExts = []string{".tmpl", ".tpl", ".template", ".j2", ".jinja", ".jinja2", ".erb", ".md", ".txt", ".orig", ".bak", ".swp", ".dockerignore", ".sh", ".go", ".json", ".yaml", ".yml", ".golden", ".want"}

// Discoverable reports whether a directory walk picks up a file name, and
// as what: Dockerfile*, *.Dockerfile and Containerfile* (not templates or
// docs such as Dockerfile.tmpl or Dockerfile.md), compose*.y*ml and
// docker-compose*.y*ml, seccomp*.json. Names are matched case-insensitively.
func Discoverable(name string) (Kind, bool) {
	b := strings.ToLower(path.Base(filepath.ToSlash(name)))
	ext := path.Ext(b)
	switch {
	case (strings.HasPrefix(b, "compose") || strings.HasPrefix(b, "docker-compose")) && (ext == ".yml" || ext == ".yaml"):
		return KindCompose, true
	case strings.HasPrefix(b, "seccomp") && ext == ".json":
		return KindSeccomp, true
	case strings.HasPrefix(b, "dockerfile") || strings.HasPrefix(b, "containerfile") || ext == ".dockerfile" || ext == ".containerfile":
		if ext != ".dockerfile" && ext != ".containerfile" && slices.Contains(notDockerfileExts, ext) {
			return "", false
		}
		return KindDockerfile, true
	}
	return "", false
}

// notCheckable are names and extensions of files that sit beside
// Dockerfiles but are none of the kinds check reads: ignore files, scripts,
// docs and templates. KindOf gives them no kind, so a command line that
// names one gets a clear error instead of a Dockerfile parse of it.
var notCheckable = []string{".dockerignore", ".gitignore", ".sh", ".bash", ".md", ".txt", ".tmpl", ".tpl", ".go", ".toml", ".xml", ".ini", ".conf"}

// KindOf says how to read a file named explicitly: as Discoverable says, or
// else by extension (.json a seccomp profile, .yml and .yaml a compose
// file), or else as a Dockerfile. It returns "" for a file that is none of
// these (.dockerignore, a script, a doc, a template): File then fails.
func KindOf(name string) Kind {
	if k, ok := Discoverable(name); ok {
		return k
	}
	b := strings.ToLower(path.Base(filepath.ToSlash(name)))
	ext := path.Ext(b)
	switch {
	case ext == ".json":
		return KindSeccomp
	case ext == ".yml" || ext == ".yaml":
		return KindCompose
	case slices.Contains(notCheckable, b) || slices.Contains(notCheckable, ext):
		return ""
	}
	return KindDockerfile
}

// File checks one file as the given kind: Dockerfile, Compose or Seccomp.
// It fails as they do, and for an unknown kind.
func File(name string, data []byte, kind Kind) ([]Finding, error) {
	switch kind {
	case KindDockerfile:
		return Dockerfile(name, data)
	case KindCompose:
		return Compose(name, data)
	case KindSeccomp:
		return Seccomp(name, data)
	}
	if kind == "" {
		return nil, errors.New(name + ": not a Dockerfile, compose file or seccomp profile; dockergen check reads only those")
	}
	return nil, errors.New(name + ": unknown kind of file " + string(kind))
}

// Files checks every file by its name's kind (see KindOf) and returns all
// findings, sorted. It checks every file even when some fail, and then
// also returns an error joining each file's failure.
func Files(files map[string][]byte) ([]Finding, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var all []Finding
	var errs []error
	for _, n := range names {
		fs, err := File(n, files[n], KindOf(n))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		all = append(all, fs...)
	}
	Sort(all)
	return all, errors.Join(errs...)
}

// skipDirs are directories a walk never enters: dependencies and version
// control, whose Dockerfiles are someone else's.
var skipDirs = []string{"node_modules", ".git", ".hg", ".svn", "vendor"}

// Discover walks dir and returns the files it holds that Discoverable picks
// up, sorted, skipping node_modules, vendor and version control
// directories. It fails when dir cannot be read.
func Discover(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && slices.Contains(skipDirs, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if _, ok := Discoverable(d.Name()); ok {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}
