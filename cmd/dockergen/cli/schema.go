package cli

import (
	"fmt"

	"github.com/dockergen/dockergen/generator"
	"github.com/spf13/cobra"
)

func newSchemaCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of dockergen.yaml",
		Long: `schema prints the JSON Schema (draft 2020-12) of a dockergen.yaml spec, generated
from dockergen's own Go types: the keys, their descriptions, the stacks and
bases, and the patterns of the values. YAML editors use it to complete and check
a spec; 'dockergen init' names it on the spec's first line:

  # yaml-language-server: $schema=` + generator.SchemaURL + `

The schema catches unknown keys and malformed values as you type; the few rules
that span fields (a distroless Python is 3.11) are left to 'dockergen generate'.`,
		Example: `  dockergen schema > dockergen.schema.json
  # then, on the first line of dockergen.yaml:
  # yaml-language-server: $schema=./dockergen.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			out, err := generator.Schema()
			if err != nil {
				return asExit(err)
			}
			if _, err := e.stdout.Write(out); err != nil {
				return asExit(fmt.Errorf("writing the schema: %w", err))
			}
			return nil
		},
	}
}
