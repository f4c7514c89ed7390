// Package maincmd is the former home of go-httpbin's command line
// interface, kept for backwards compatibility.
//
// Deprecated: use github.com/mccutchen/go-httpbin/v2/httpbin/cmd.
package maincmd

import (
	"os"

	"github.com/mccutchen/go-httpbin/v2/httpbin/cmd"
)

// Main implements the go-httpbin CLI's main() function in a reusable way.
func Main() {
	os.Exit(cmd.Main())
}
