package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockergen/dockergen/generator"
	"github.com/rogpeppe/go-internal/diff"
)

// writeResult says what writeFiles did to each file.
type writeResult struct {
	created, updated, unchanged []string
}

func (r *writeResult) report(w io.Writer, dir string) {
	for _, n := range r.created {
		fmt.Fprintf(w, "created   %s\n", filepath.Join(dir, n))
	}
	for _, n := range r.updated {
		fmt.Fprintf(w, "updated   %s\n", filepath.Join(dir, n))
	}
	for _, n := range r.unchanged {
		fmt.Fprintf(w, "unchanged %s\n", filepath.Join(dir, n))
	}
}

// File operations of writeFiles, replaced by tests to simulate a full disk,
// a read-only file system or an interrupt between two renames.
var (
	createTemp = os.CreateTemp
	writeData  = func(f *os.File, b []byte) (int, error) { return f.Write(b) }
	renameFile = os.Rename
)

// fileMode is the mode of a generated file: run.sh is executable.
func fileMode(name string) fs.FileMode {
	if strings.HasSuffix(name, ".sh") {
		return 0o755
	}
	return 0o644
}

// filePlan says what writing would do to each file.
type filePlan struct {
	create, overwrite, unchanged []string
	// links are the names (also in overwrite) that are symbolic links now.
	links []string
	diffs [][]byte
}

// planFiles compares files with what is in dir: which would be created,
// overwritten (with a diff each) or left unchanged. It fails on a name that
// is not a plain file name, a directory in the way, or an unreadable file.
func planFiles(dir string, files generator.Files) (*filePlan, error) {
	p := &filePlan{}
	names := files.Names()
	// The spec first: it is the file a person reads.
	slices.SortStableFunc(names, func(a, b string) int {
		switch {
		case a == specName && b != specName:
			return -1
		case b == specName && a != specName:
			return 1
		}
		return 0
	})
	for _, n := range names {
		if n != filepath.Base(n) || n == "." || n == ".." {
			return nil, fmt.Errorf("refusing to write %q: not a plain file name (a dockergen bug)", n)
		}
		fp := filepath.Join(dir, n)
		fi, err := os.Lstat(fp)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			p.create = append(p.create, n)
			continue
		case err != nil:
			return nil, usageErr(err)
		case fi.IsDir():
			return nil, usageErr(fmt.Errorf("%s is a directory; refusing to replace it", fp))
		case fi.Mode()&fs.ModeSymlink != 0:
			p.overwrite = append(p.overwrite, n)
			p.links = append(p.links, n)
			p.diffs = append(p.diffs, []byte(fmt.Sprintf("%s is a symbolic link: it would be replaced by a file\n", fp)))
			continue
		}
		old, err := os.ReadFile(fp)
		if err != nil {
			return nil, usageErr(err)
		}
		if bytes.Equal(old, files[n]) && fi.Mode().Perm() == fileMode(n) {
			p.unchanged = append(p.unchanged, n)
			continue
		}
		p.overwrite = append(p.overwrite, n)
		if bytes.Equal(old, files[n]) {
			p.diffs = append(p.diffs, []byte(fmt.Sprintf("%s: only its mode changes, to %v\n", fp, fileMode(n))))
		} else {
			p.diffs = append(p.diffs, diff.Diff(fp+" (on disk)", old, fp+" (new)", files[n]))
		}
	}
	return p, nil
}

// writeFiles writes files into dir, creating it if needed. It refuses, before
// writing anything, to replace a file that differs unless force is set, to
// write through a symbolic link or over a directory, and to write a name
// that leaves dir. Every file is first written in full to a temporary file
// beside it and then renamed over the old one, so each file is either old or
// new; an interrupt (Ctrl-C) while the temporary files are written removes
// them and changes nothing, and one during the renames is held until they
// finish (exit status 130 either way).
func writeFiles(dir string, files generator.Files, force bool) (*writeResult, error) {
	plan, err := planFiles(dir, files)
	if err != nil {
		return nil, err
	}
	if !force {
		if len(plan.links) > 0 {
			return nil, failErr(fmt.Errorf("%s is a symbolic link; refusing to write through it (use --force to replace the link itself with a file)", filepath.Join(dir, plan.links[0])))
		}
		if len(plan.overwrite) > 0 {
			refused := make([]string, len(plan.overwrite))
			for i, n := range plan.overwrite {
				refused[i] = filepath.Join(dir, n)
			}
			return nil, failErr(fmt.Errorf("would overwrite %s; nothing was written (use --force to overwrite, or --check to see the differences)", strings.Join(refused, ", ")))
		}
	}
	res := &writeResult{created: plan.create, updated: plan.overwrite, unchanged: plan.unchanged}
	todo := append(slices.Clone(plan.create), plan.overwrite...)
	if len(todo) == 0 {
		return res, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, usageErr(err)
	}
	// Interrupts are held from here: one during phase 1 removes the
	// temporary files and changes nothing; one during phase 2 waits until
	// every file is renamed.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	// Phase 1: write every file to a temporary file beside its target.
	temps := map[string]string{}
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, n := range todo {
		t, err := writeTemp(dir, n, files[n])
		if err != nil {
			cleanup()
			return nil, failErr(fmt.Errorf("writing %s: %w; nothing was changed", filepath.Join(dir, n), err))
		}
		temps[n] = t
		select {
		case <-sig:
			cleanup()
			return nil, &exitError{code: 130, err: errors.New("interrupted; nothing was changed")}
		default:
		}
	}
	// Phase 2: rename them into place.
	for i, n := range todo {
		if err := renameFile(temps[n], filepath.Join(dir, n)); err != nil {
			cleanup()
			return nil, failErr(fmt.Errorf("renaming into %s: %w (%d of %d files were replaced)", filepath.Join(dir, n), err, i, len(todo)))
		}
		delete(temps, n)
	}
	select {
	case <-sig:
		return res, &exitError{code: 130, err: errors.New("interrupted after all files were written")}
	default:
	}
	return res, nil
}

func writeTemp(dir, name string, data []byte) (string, error) {
	f, err := createTemp(dir, "."+name+".dockergen-*")
	if err != nil {
		return "", err
	}
	_, werr := writeData(f, data)
	serr := f.Sync()
	cerr := f.Close()
	err = errors.Join(werr, serr, cerr, os.Chmod(f.Name(), fileMode(name)))
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// printWarnings writes the generator's warnings (an end-of-life version, a
// frozen or end-of-life base image) on stderr, one a line.
func printWarnings(w io.Writer, warnings []string) {
	for _, m := range warnings {
		fmt.Fprintln(w, "dockergen: warning: "+m)
	}
}

// checkProject runs the safety net on files generated for a spec read from
// specFile (its text data), whose build context is ctxDir on disk: a sure
// problem is a usage error (exit 2, nothing written), the rest warnings on
// stderr. A spec from standard input or --example has no project and is
// not checked (callers skip it).
func checkProject(stderr io.Writer, spec *generator.Spec, files generator.Files, opts generator.Options, specFile string, data []byte, ctxDir string) error {
	warnings, err := generator.CheckContext(spec, files, opts, generator.Project{
		Context:     os.DirFS(ctxDir),
		ContextName: filepath.ToSlash(filepath.Clean(ctxDir)),
		SpecFile:    specFile,
		SpecData:    data,
	})
	if err != nil {
		var se *generator.SpecError
		if errors.As(err, &se) {
			return usageErr(fmt.Errorf("%w (nothing was written)", err))
		}
		return err
	}
	printWarnings(stderr, warnings)
	return nil
}
