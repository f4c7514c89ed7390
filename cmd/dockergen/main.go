// Command dockergen turns an application into a hardened, minimal container:
// a multi-stage Dockerfile, .dockerignore, seccomp profile and run settings.
package main

import (
	"os"

	"github.com/dockergen/dockergen/cmd/dockergen/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
