//go:build e2e

package examples

// ruby's dependency step is bundle install in deployment mode against
// Gemfile and Gemfile.lock alone; the one-line change goes into app.rb.
// alpine is skipped even with E2E_PULL=1: the example pins Ruby 3.1 (Debian
// bookworm's, the stand-in), and Ruby 3.1 has no alpine3.22 image.
func init() {
	e2eStacks["ruby"] = e2eStack{
		DepsStep: `bundle install;`,
		MainFile: "app.rb",
		Comment:  "# ",
		SkipBases: map[string]string{
			"alpine": "the example pins Ruby 3.1 (Debian bookworm's, the only Ruby the stand-in has), and ruby:3.1 has no alpine3.22 image",
		},
	}
}
