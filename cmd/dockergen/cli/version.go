package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print dockergen's version",
		Args:    cobra.NoArgs,
		Example: "  dockergen version",
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(e.stdout, "dockergen %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
