package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/dockergen/dockergen/generator/catalog"
)

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print dockergen's version and the date of its release catalog",
		Args:    cobra.NoArgs,
		Example: "  dockergen version",
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := catalog.Load()
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "dockergen %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			fmt.Fprintf(e.stdout, "release catalog of %s: supported runtimes, images and end-of-life dates as of that day\n", cat.Date)
			return nil
		},
	}
}
