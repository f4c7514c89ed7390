// Package cli implements dockergen's commands. Main is the whole program;
// nothing here touches os.Stdout or os.Stderr directly.
package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // drift, findings, refused overwrite
	exitUsage = 2 // bad input: flags, spec, files
)

// exitError carries an exit status with its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// asExit gives a command's plain errors exit status 1, so that the only plain
// errors Main sees are cobra's own usage errors.
func asExit(err error) error {
	var ee *exitError
	if err == nil || errors.As(err, &ee) {
		return err
	}
	return failErr(err)
}

func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }
func failErr(err error) error  { return &exitError{code: exitFail, err: err} }

// silentFail exits 1 after the command already printed what is wrong.
var silentFail = &exitError{code: exitFail}

// env is what every command gets from Main.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// isTerminal reports whether stdin and stdout are a terminal; tests
	// replace it.
	isTerminal func() bool
}

// Main runs dockergen with args (without the program name) and returns the
// exit status: 0 success, 1 drift or findings, 2 bad input.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, &env{stdin: stdin, stdout: stdout, stderr: stderr, isTerminal: func() bool { return isTerminal(stdin, stdout) }})
}

func run(args []string, e *env) int {
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(e.stderr, "dockergen: %s\n", ee.err)
		}
		return ee.code
	}
	// Cobra's own errors: unknown commands and flags, wrong argument counts.
	fmt.Fprintf(e.stderr, "dockergen: %s\nRun 'dockergen --help' for usage.\n", err)
	return exitUsage
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "dockergen",
		Short: "Generate hardened, minimal, proven container files for an application",
		Long: `dockergen turns an application into a hardened, minimal container: a multi-stage
Dockerfile on a minimal base, a .dockerignore, a seccomp profile tightened for the
stack's runtime, and the matching run settings (run.sh, compose.yaml and
DOCKER-SECURITY.md), all from one small YAML spec.`,
		Example: `  # Generate the files for the built-in Go example into ./out
  dockergen generate --example go -o out

  # Generate from a spec, and fail in CI when committed files drift
  dockergen generate -f dockergen.yaml
  dockergen generate -f dockergen.yaml --check`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("dockergen {{.Version}}\n")
	root.AddCommand(newGenerateCmd(e), newVersionCmd(e), newCheckCmd(e))
	root.AddCommand(newInitCmd(e), newSchemaCmd(e), newDetectCmd(e), newSeccompCmd(e))
	return root
}

// version is the module version dockergen was built at, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
