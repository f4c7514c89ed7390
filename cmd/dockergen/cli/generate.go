package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockergen/dockergen/generator"
	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

type generateOptions struct {
	file      string
	outDir    string
	example   string
	templates string
	force     bool
	check     bool
	stdout    bool
	printSpec bool
}

func newGenerateCmd(e *env) *cobra.Command {
	o := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate [-f dockergen.yaml] [-o DIR]",
		Short: "Generate the container files from a spec",
		Long: `generate renders the Dockerfile, .dockerignore, seccomp.json, run.sh, compose.yaml
and DOCKER-SECURITY.md for a dockergen.yaml spec. Output is byte-for-byte
deterministic. Existing files are never overwritten without --force; --check
compares instead of writing and exits 1 with a diff when they differ.`,
		Example: `  dockergen generate                          # ./dockergen.yaml, written beside it
  dockergen generate -f app/dockergen.yaml -o app
  dockergen generate --check                  # CI: fail when files drift from the spec
  dockergen generate --example python -o out  # the built-in example for a stack
  cat dockergen.yaml | dockergen generate -f - --stdout
  dockergen generate --print-spec             # the spec with every default filled in`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return asExit(runGenerate(e, o, cmd.Flags().Changed("file")))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "dockergen.yaml", "the spec file, or - for standard input")
	f.StringVarP(&o.outDir, "output", "o", "", "the output directory, or - for standard output (default: the spec's directory)")
	f.StringVar(&o.example, "example", "", "use the built-in example spec for a stack ("+strings.Join(generator.Stacks(), ", ")+") instead of a file")
	f.StringVar(&o.templates, "templates", "", "a directory whose *.tmpl files replace the embedded templates of the same name")
	f.BoolVar(&o.force, "force", false, "overwrite existing files that differ")
	f.BoolVar(&o.check, "check", false, "write nothing; exit 1 with a diff when the files on disk differ from the spec's output")
	f.BoolVar(&o.stdout, "stdout", false, "print the files (as a txtar archive) instead of writing them")
	f.BoolVar(&o.printSpec, "print-spec", false, "print the effective spec, defaults filled in, and exit")
	return cmd
}

func runGenerate(e *env, o *generateOptions, fileSet bool) error {
	if o.example != "" && fileSet {
		return usageErr(errors.New("--example and -f cannot be used together"))
	}
	if o.check && (o.stdout || o.outDir == "-") {
		return usageErr(errors.New("--check compares with files on disk and cannot be used with --stdout"))
	}
	spec, specPath, data, err := loadSpec(e, o)
	if err != nil {
		return err
	}
	if o.printSpec {
		return printSpec(e.stdout, spec)
	}
	gen, err := loadGenerator(o.templates)
	if err != nil {
		return err
	}
	toStdout := o.stdout || o.outDir == "-"
	outDir := o.outDir
	if outDir == "" || outDir == "-" {
		outDir = filepath.Dir(specPath)
	}
	// A spec file on disk has a project beside it, to check the outputs
	// against before writing.
	project := o.example == "" && o.file != "-"
	ctxDir := filepath.Join(filepath.Dir(specPath), spec.Context)
	if !project {
		// No spec file on disk: the outputs name one beside them.
		specPath = filepath.Join(outDir, "dockergen.yaml")
	}
	opts, err := genOptions(specPath, outDir, spec.Context)
	if err != nil {
		return usageErr(err)
	}
	files, err := gen.Generate(spec, opts)
	if err != nil {
		return err
	}
	if project {
		if err := checkProject(e.stderr, spec, files, opts, o.file, data, ctxDir); err != nil {
			return err
		}
	}
	printWarnings(e.stderr, generator.Warnings(spec))
	switch {
	case toStdout:
		return printFiles(e.stdout, files)
	case o.check:
		return checkFiles(e, outDir, files)
	}
	res, err := writeFiles(outDir, files, o.force)
	if err != nil {
		return err
	}
	res.report(e.stdout, outDir)
	return nil
}

// loadSpec reads the spec named by the options: a file, standard input or
// a built-in example. Problems with it are usage errors (exit 2).
func loadSpec(e *env, o *generateOptions) (*generator.Spec, string, []byte, error) {
	if o.example != "" {
		spec, err := generator.ExampleSpec(o.example)
		if err != nil {
			return nil, "", nil, usageErr(err)
		}
		return spec, "dockergen.yaml", nil, nil
	}
	var (
		data []byte
		err  error
		name = o.file
	)
	if o.file == "-" {
		data, err = io.ReadAll(e.stdin)
		name = "<stdin>"
	} else {
		data, err = os.ReadFile(o.file)
	}
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", nil, usageErr(fmt.Errorf("%s: no such spec file (create one with 'dockergen init', or name one with -f)", o.file))
		}
		return nil, "", nil, usageErr(fmt.Errorf("%s: %w", o.file, err))
	}
	spec, err := generator.LoadSpec(name, data)
	if err != nil {
		return nil, "", nil, usageErr(err)
	}
	if o.file == "-" {
		return spec, "dockergen.yaml", data, nil
	}
	return spec, o.file, data, nil
}

func loadGenerator(dir string) (*generator.Generator, error) {
	if dir == "" {
		g, err := generator.Default()
		if err != nil {
			return nil, fmt.Errorf("embedded templates (a dockergen bug): %w", err)
		}
		return g, nil
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, usageErr(fmt.Errorf("--templates %s: not a directory", dir))
	}
	g, err := generator.New(os.DirFS(dir))
	if err != nil {
		return nil, usageErr(fmt.Errorf("--templates %s: %w", dir, err))
	}
	return g, nil
}

// genOptions works out the paths that outputs in outDir use to refer to the
// spec and to the build context.
func genOptions(specPath, outDir, context string) (generator.Options, error) {
	// Absolute first: Rel cannot relate a relative path to an absolute one.
	specPath, err := filepath.Abs(specPath)
	if err != nil {
		return generator.Options{}, err
	}
	if outDir, err = filepath.Abs(outDir); err != nil {
		return generator.Options{}, err
	}
	specDir := filepath.Dir(specPath)
	specRel, err := filepath.Rel(outDir, specPath)
	if err != nil {
		return generator.Options{}, err
	}
	ctx, err := filepath.Rel(outDir, filepath.Join(specDir, context))
	if err != nil {
		return generator.Options{}, err
	}
	// Where the outputs are, seen from the context: the Dockerfile copies
	// the config files generated beside it (nginx.conf, php.ini).
	outRel, err := filepath.Rel(filepath.Join(specDir, context), outDir)
	if err != nil {
		return generator.Options{}, err
	}
	opts := generator.Options{SpecFile: filepath.ToSlash(specRel), Context: filepath.ToSlash(ctx), OutDir: filepath.ToSlash(outRel)}
	return opts, opts.Validate()
}

func printSpec(w io.Writer, spec *generator.Spec) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(spec); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func printFiles(w io.Writer, files generator.Files) error {
	ar := &txtar.Archive{}
	for _, n := range files.Names() {
		ar.Files = append(ar.Files, txtar.File{Name: n, Data: files[n]})
	}
	_, err := w.Write(txtar.Format(ar))
	return err
}

// checkFiles compares files with outDir and prints a diff of each that
// differs or is missing; it returns a failure (exit 1) when any does.
func checkFiles(e *env, outDir string, files generator.Files) error {
	var drifted []string
	for _, n := range files.Names() {
		p := filepath.Join(outDir, n)
		old, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return usageErr(err)
		}
		if bytes.Equal(old, files[n]) {
			continue
		}
		drifted = append(drifted, n)
		e.stdout.Write(diff.Diff(p+" (on disk)", old, p+" (generated)", files[n]))
	}
	if len(drifted) > 0 {
		return failErr(fmt.Errorf("%d file(s) differ from the spec's output: %s (run 'dockergen generate --force' to update them)", len(drifted), strings.Join(drifted, ", ")))
	}
	fmt.Fprintf(e.stdout, "%d files in %s are current\n", len(files), outDir)
	return nil
}
