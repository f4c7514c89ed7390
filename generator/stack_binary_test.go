package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectBinary(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "bin"), 0o755)
	os.WriteFile(filepath.Join(dir, "bin", "server"), []byte("\x7fELF"), 0o755)
	os.WriteFile(filepath.Join(dir, "bin", "notes.txt"), []byte("x"), 0o644)
	if _, err := Detect(dir); !IsNoProject(err) {
		t.Fatalf("Detect = %v, want no project", err)
	}
	c, err := DetectDefaults(dir, "binary")
	if err != nil {
		t.Fatal(err)
	}
	if c.Main != (Detected{Value: "bin/server", From: "bin/server"}) || len(c.Mains) != 1 {
		t.Errorf("main %+v, mains %+v", c.Main, c.Mains)
	}
	if len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "binary is never detected") {
		t.Errorf("notes %q", c.Notes)
	}
	s := c.Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, err := Generate(s, Options{}); err != nil {
		t.Fatal(err)
	}
}
