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
	"strings"

	"github.com/dockergen/dockergen/generator"
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

// writeFiles writes files into dir, creating it if needed. It refuses, before
// writing anything, to replace a file that differs unless force is set, to
// write through a symbolic link or over a directory, and to write a name
// that leaves dir. Every file is first written in full to a temporary file
// beside it and then renamed over the old one, so each file is either old or
// new; an interrupt (Ctrl-C) while the temporary files are written removes
// them and changes nothing, and one during the renames is held until they
// finish (exit status 130 either way).
func writeFiles(dir string, files generator.Files, force bool) (*writeResult, error) {
	res := &writeResult{}
	var todo []string
	var refused []string
	for _, n := range files.Names() {
		if n != filepath.Base(n) || n == "." || n == ".." {
			return nil, fmt.Errorf("refusing to write %q: not a plain file name (a dockergen bug)", n)
		}
		p := filepath.Join(dir, n)
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
			res.created = append(res.created, n)
			todo = append(todo, n)
			continue
		case err != nil:
			return nil, usageErr(err)
		case fi.Mode()&fs.ModeSymlink != 0:
			if !force {
				return nil, failErr(fmt.Errorf("%s is a symbolic link; refusing to write through it (use --force to replace the link itself with a file)", p))
			}
		case fi.IsDir():
			return nil, usageErr(fmt.Errorf("%s is a directory; refusing to replace it", p))
		default:
			old, err := os.ReadFile(p)
			if err != nil {
				return nil, usageErr(err)
			}
			if bytes.Equal(old, files[n]) && fi.Mode().Perm() == fileMode(n) {
				res.unchanged = append(res.unchanged, n)
				continue
			}
			if !force {
				refused = append(refused, p)
				continue
			}
		}
		res.updated = append(res.updated, n)
		todo = append(todo, n)
	}
	if len(refused) > 0 {
		return nil, failErr(fmt.Errorf("would overwrite %s; nothing was written (use --force to overwrite, or --check to see the differences)", strings.Join(refused, ", ")))
	}
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
