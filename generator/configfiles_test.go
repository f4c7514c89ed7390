package generator

import (
	"strings"
	"testing"
)

// TestConfigFilesOutDir: the Dockerfile copies the config files from the
// output directory as seen from the build context, and Generate refuses an
// output directory it cannot reach from there.
func TestConfigFilesOutDir(t *testing.T) {
	spec, err := ExampleSpec("static")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(spec, Options{Context: "..", OutDir: "deploy"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["Dockerfile"]), "\nCOPY deploy/nginx.conf /etc/nginx/nginx.conf\n") {
		t.Errorf("Dockerfile does not copy deploy/nginx.conf:\n%s", files["Dockerfile"])
	}
	// The example's site is the context itself: deploy/nginx.conf is in it.
	if !strings.Contains(string(files["nginx.conf"]), "location = /deploy/nginx.conf { return 404; }") {
		t.Errorf("nginx.conf serves itself:\n%s", files["nginx.conf"])
	}
	for _, o := range []Options{{Context: ".."}, {Context: "..", OutDir: "../x"}, {Context: "..", OutDir: "a b"}} {
		if _, err := Generate(spec, o); err == nil {
			t.Errorf("%+v: generated; want a refusal", o)
		}
	}
	// A stack without config files does not need OutDir.
	gospec, err := ExampleSpec("go")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(gospec, Options{Context: ".."}); err != nil {
		t.Errorf("go with context ..: %v", err)
	}
}

func TestConfigChecks(t *testing.T) {
	for _, c := range []struct {
		name  string
		check func([]byte) error
		good  string
		bad   []string
	}{
		{"ini", checkINI, "; c\n[www]\nlisten = 9000\nsys_temp_dir = \"/tmp\"\n",
			[]string{"listen\n", "a = \"x\n", "[bad section\n", "a = x;y\n", "= 1\n"}},
		{"nginx", checkNginx, "# c\nevents { worker_connections 1024; }\nhttp { server { listen 80; root \"/a b\"; } }\n",
			[]string{"http {\n", "}\n", "listen 80\n", "http { listen 80 }\n", "root \"/a;\n", ";\n"}},
		{"apache", checkApache, "Listen 80\n<Directory /app>\n  Require all granted\n</Directory>\n",
			[]string{"<Directory /app>\n", "</Directory>\n", "<IfModule x>\n</Directory>\n", "Listen \\\n 80\n", "<Directory /app\n"}},
	} {
		if err := c.check([]byte(c.good)); err != nil {
			t.Errorf("%s: %q: %v", c.name, c.good, err)
		}
		for _, b := range c.bad {
			if err := c.check([]byte(b)); err == nil {
				t.Errorf("%s: %q passed; want an error", c.name, b)
			}
		}
	}
}

// TestConfigNotIgnored: Verify refuses a .dockerignore that excludes a
// config file the Dockerfile copies.
func TestConfigNotIgnored(t *testing.T) {
	files := Files{".dockerignore": []byte("*.conf\n"), "nginx.conf": []byte("events { }\n")}
	err := Verify(files, expect{Configs: []configFile{{"nginx.conf", checkNginx}}, OutDir: "."})
	if err == nil || !strings.Contains(err.Error(), "excludes nginx.conf") {
		t.Errorf("got %v, want the exclusion reported", err)
	}
}
