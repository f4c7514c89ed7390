package generator_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/dockergen/dockergen/generator"
)

// Generate renders a spec loaded from YAML (LoadSpec applies the defaults
// and validates) into the container files, as 'dockergen generate' does,
// without touching the disk.
func ExampleGenerate() {
	spec, err := generator.LoadSpec("dockergen.yaml", []byte(`
apiVersion: dockergen/v1
name: hello
stack: python
version: "3.13"
base: distroless
ports: [8080]
healthcheck:
  path: /healthz
`))
	if err != nil {
		log.Fatal(err)
	}
	files, err := generator.Generate(spec, generator.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range files.Names() {
		fmt.Println(name)
	}
	for _, line := range strings.Split(string(files["Dockerfile"]), "\n") {
		if strings.HasPrefix(line, "FROM ") {
			fmt.Println(line)
		}
	}
	// Output:
	// .dockerignore
	// DOCKER-SECURITY.md
	// Dockerfile
	// compose.yaml
	// run.sh
	// seccomp.json
	// FROM python:3.13-slim-trixie AS build
	// FROM gcr.io/distroless/python3-debian13:nonroot
}

// Detect reads a project's own files and suggests a spec; every value says
// which file it came from.
func ExampleDetect() {
	d, err := generator.Detect("../examples/node")
	if err != nil {
		log.Fatal(err)
	}
	c := d.Best()
	fmt.Println(c.Stack, c.Evidence)
	for _, v := range []generator.Detected{c.Name, c.Version, c.Main, c.Port, c.HealthPath} {
		fmt.Printf("%s (%s)\n", v.Value, v.Source())
	}
	spec := c.Spec()
	spec.Defaults()
	fmt.Println(spec.Validate() == nil)
	// Output:
	// node [package.json]
	// hello-node (package.json:2)
	// 26 (package.json:7)
	// server.js (package.json:8)
	// 8080 (server.js:5)
	// /healthz (server.js:7)
	// true
}

// A directory without a project is a *NoProjectError that lists what was
// looked for.
func ExampleDetect_nothing() {
	_, err := generator.Detect("testdata/golden")
	fmt.Println(generator.IsNoProject(err))
	// Output:
	// true
}
