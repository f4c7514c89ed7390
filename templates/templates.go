// Package templates embeds dockergen's output templates: one named template
// per output file (Dockerfile.tmpl, dockerignore.tmpl, …) and the Dockerfile
// partials of each stack (go.Dockerfile.tmpl, …). A user directory given with
// --templates replaces any of them by file name.
package templates

import "embed"

// FS holds every embedded template, at the top level.
//
//go:embed *.tmpl
var FS embed.FS
