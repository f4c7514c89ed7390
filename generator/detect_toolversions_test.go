package generator

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestToolVersion: .tool-versions lines are read for the named tools only,
// cut to the stack's precision, with their line number; comments, other
// tools and non-numeric versions are skipped or refused.
func TestToolVersion(t *testing.T) {
	file := "# asdf\ngolang 1.22.3\nnodejs 20.11.1 18.0.0 # fallback\npython 3.12.1\njava temurin-17.0.9+9\nruby system\nrust 1.79\n"
	p := &project{fsys: fstest.MapFS{".tool-versions": {Data: []byte(file)}}, cache: map[string][]byte{}}
	for _, c := range []struct {
		parts int
		tools []string
		want  Detected
		ok    bool
	}{
		{2, []string{"golang", "go"}, Detected{Value: "1.22", From: ".tool-versions:2"}, true},
		{1, []string{"nodejs", "node"}, Detected{Value: "20", From: ".tool-versions:3"}, true},
		{2, []string{"python"}, Detected{Value: "3.12", From: ".tool-versions:4"}, true},
		{1, []string{"java"}, Detected{Value: "17", From: ".tool-versions:5"}, true},
		{2, []string{"ruby"}, Detected{}, false},
		{2, []string{"rust"}, Detected{Value: "1.79", From: ".tool-versions:7"}, true},
		{2, []string{"php"}, Detected{}, false},
		{2, []string{"nodejs"}, Detected{Value: "20.11", From: ".tool-versions:3"}, true},
	} {
		got, ok := toolVersion(c.parts, c.tools...)(p)
		if ok != c.ok || got != c.want {
			t.Errorf("toolVersion(%d, %v) = %+v, %v; want %+v, %v", c.parts, c.tools, got, ok, c.want, c.ok)
		}
	}
	empty := &project{fsys: os.DirFS(filepath.Join(t.TempDir())), cache: map[string][]byte{}}
	if _, ok := toolVersion(1, "nodejs")(empty); ok {
		t.Error("found a version without .tool-versions")
	}
}
