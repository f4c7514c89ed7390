// Package templates embeds dockergen's output templates: one named template
// per output file (Dockerfile.tmpl, dockerignore.tmpl, …), each stack's two
// partials keyed by its name (STACK.Dockerfile.tmpl and
// STACK.dockerignore.tmpl), the config files a stack's image copies in,
// generated beside the Dockerfile (STACK.FILE.tmpl: static.nginx.conf.tmpl,
// php.php.ini.tmpl, …), and shared libraries of partials (java.lib.tmpl,
// used by both java stacks). A user directory given with --templates
// replaces any of them by file name.
package templates

import "embed"

// FS holds every embedded template, at the top level.
//
//go:embed *.tmpl
var FS embed.FS
