package catalog_test

import (
	"fmt"

	"github.com/dockergen/dockergen/generator/catalog"
)

func ExampleCatalog_Resolve() {
	cat := catalog.Default()
	for _, c := range []struct{ runtime, constraint string }{
		{"node", ">=18"}, {"python", ">=3.9,<3.13"}, {"php", "^8.1"}, {"ruby", "3.4.9"}, {"go", "1.19"}, {"dotnet", "net8.0"},
	} {
		r, err := cat.Resolve(c.runtime, c.constraint, catalog.AsOf())
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(c.runtime+":", r.Reason)
	}
	// Output:
	// node: >=18 → 26, the newest LTS
	// python: >=3.9,<3.13 → 3.12, the newest supported allowed (security fixes only; end of life on 2028-10-31)
	// php: ^8.1 → 8.5, the newest supported
	// ruby: 3.4.9 → 3.4 (3.4.9)
	// go: >=1.19 → 1.27, the newest supported
	// dotnet: net8.0 → 8.0, end of life since 2026-11-10 (newest supported: 10.0)
}

func ExampleCatalog_ClassifyImage() {
	cat := catalog.Default()
	for _, ref := range []string{"node:18-alpine", "python:3.12-alpine3.22", "gcr.io/distroless/base-debian11", "golang:1.27-trixie"} {
		info, _ := cat.ClassifyImage(ref, catalog.AsOf())
		fmt.Println(ref, info.Current(), info.Problems(), info.Alternative)
	}
	// Output:
	// node:18-alpine false [Node.js 18 reached end of life on 2025-04-30] node:26-alpine
	// python:3.12-alpine3.22 false [python is no longer built on Alpine Linux 3.22 (it is built on 3.23 and 3.24), so the tag is frozen] python:3.12-alpine3.24
	// gcr.io/distroless/base-debian11 false [distroless Debian 11 reached end of life on 2024-06-10] gcr.io/distroless/base-debian13
	// golang:1.27-trixie true []
}
