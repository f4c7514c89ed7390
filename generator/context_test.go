package generator

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// depVariants are example specs of every stack with each of its tools, with
// and without a build command where that changes the dependency step.
func depVariants(t *testing.T) map[string]*Spec {
	t.Helper()
	out := map[string]*Spec{}
	for _, name := range Stacks() {
		st := stacks[name]
		tools := st.Tools
		if len(tools) == 0 {
			tools = []string{""}
		}
		for _, tool := range tools {
			for _, build := range [][]string{nil, {"make", "site"}} {
				s, err := ExampleSpec(name)
				if err != nil {
					t.Fatal(err)
				}
				s.Build.Tool = tool
				if build != nil && !st.Output {
					if name != "static" {
						continue
					}
				}
				if build != nil {
					s.Build.Command = build
					s.Build.Output = ""
				}
				if errs := s.Validate(); len(errs) > 0 {
					continue // not a valid combination for this stack
				}
				out[name+"/"+tool+"/"+strings.Join(build, " ")] = s
			}
		}
	}
	return out
}

// TestDepFilesAreCopied: each stack's DepFiles are exactly files its
// Dockerfile copies from the build context by name, so the hook cannot
// drift from the template.
func TestDepFilesAreCopied(t *testing.T) {
	for key, s := range depVariants(t) {
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		cps, err := contextSources(files["Dockerfile"])
		if err != nil {
			t.Fatal(err)
		}
		copied := map[string]bool{}
		for _, c := range cps {
			for _, src := range c.srcs {
				copied[filepath.Clean(src)] = true
			}
		}
		st := stacks[s.Stack]
		if st.DepFiles == nil {
			continue
		}
		for _, d := range st.DepFiles(s) {
			if !copied[d.Name] {
				t.Errorf("%s: DepFiles lists %s, which the Dockerfile does not copy (copies: %v)", key, d.Name, copied)
			}
		}
	}
}

// fullContext holds every file a spec's Dockerfile copies by name.
func fullContext(t *testing.T, s *Spec, files Files) fstest.MapFS {
	fsys := fstest.MapFS{}
	cps, err := contextSources(files["Dockerfile"])
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cps {
		for _, src := range c.srcs {
			src = filepath.Clean(src)
			if src != "." && !strings.ContainsAny(src, "*?[") {
				fsys[src] = &fstest.MapFile{Data: []byte("x")}
			}
		}
	}
	main := s.Main
	if st := stacks[s.Stack]; st.MainSource != nil {
		main = st.MainSource(s)
	}
	if main != "" && main != "." {
		fsys[filepath.Clean(main)] = &fstest.MapFile{Data: []byte("x")}
	}
	return fsys
}

func TestCheckContextMissingLockfile(t *testing.T) {
	for key, s := range depVariants(t) {
		st := stacks[s.Stack]
		if st.DepFiles == nil {
			continue
		}
		files, err := Generate(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range st.DepFiles(s) {
			fsys := fullContext(t, s, files)
			if _, err := CheckContext(s, files, Options{}, Project{Context: fsys, ContextName: "."}); err != nil {
				t.Fatalf("%s: a full context fails: %v", key, err)
			}
			delete(fsys, d.Name)
			_, err := CheckContext(s, files, Options{}, Project{Context: fsys, ContextName: ".", SpecFile: "dockergen.yaml"})
			var se *SpecError
			if !errors.As(err, &se) {
				t.Errorf("%s without %s: got %v, want a SpecError", key, d.Name, err)
				continue
			}
			if !strings.Contains(se.Msg, d.Name) || (d.Create != "" && !strings.Contains(se.Msg, d.Create)) {
				t.Errorf("%s without %s: the message does not name it or say how to create it: %s", key, d.Name, se)
			}
		}
	}
}

func TestCheckContextMessages(t *testing.T) {
	spec := func(src string) (*Spec, []byte) {
		data := []byte("apiVersion: dockergen/v1\nname: app\n" + src)
		s, err := LoadSpec("dockergen.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		return s, data
	}
	cases := []struct {
		name, src string
		fsys      fstest.MapFS
		want      string // the error, "" for none
		warn      string // a warning's text, "" for none
	}{
		{
			name: "npm without lockfile",
			src:  "stack: node\n",
			fsys: fstest.MapFS{"package.json": {}, "server.js": {}},
			want: "dockergen.yaml:3:8: build.tool: npm's dependency step copies package-lock.json, which is not in the build context . (create it with 'npm install --package-lock-only', then commit it)",
		},
		{
			name: "pnpm without lockfile, at build.tool",
			src:  "stack: node\nbuild:\n  tool: pnpm\n",
			fsys: fstest.MapFS{"package.json": {}, "server.js": {}},
			want: "dockergen.yaml:5:9: build.tool: pnpm's dependency step copies pnpm-lock.yaml, which is not in the build context . (create it with 'pnpm install --lockfile-only', then commit it)",
		},
		{
			name: "missing main",
			src:  "stack: node\nmain: src/index.js\n",
			fsys: fstest.MapFS{"package.json": {}, "package-lock.json": {}, "index.js": {}},
			want: `dockergen.yaml:4:7: main: "src/index.js" is not in the build context .`,
		},
		{
			name: "default main missing, placed at stack",
			src:  "stack: python\n",
			fsys: fstest.MapFS{"requirements.txt": {}},
			want: `dockergen.yaml:3:8: main: "app.py" is not in the build context .`,
		},
		{
			name: "main excluded by .dockerignore",
			src:  "stack: node\nmain: node_modules/x.js\n",
			fsys: fstest.MapFS{"package.json": {}, "package-lock.json": {}, "node_modules/x.js": {}},
			want: `dockergen.yaml:4:7: main: "node_modules/x.js" is not in the build context . (it is on disk, but the generated .dockerignore excludes it)`,
		},
		{
			name: "main in build.output is built",
			src:  "stack: node\nmain: dist/server.js\nbuild:\n  command: [npm, run, build]\n  output: dist\n",
			fsys: fstest.MapFS{"package.json": {}, "package-lock.json": {}},
		},
		{
			name: "main maybe written by build.command",
			src:  "stack: node\nmain: lib/server.js\nbuild:\n  command: [npm, run, build]\n",
			fsys: fstest.MapFS{"package.json": {}, "package-lock.json": {}},
			warn: `dockergen.yaml: main "lib/server.js" is not in the build context .; the image works only if build.command writes it`,
		},
		{
			name: "pip globs match nothing: BuildKit allows it",
			src:  "stack: python\n",
			fsys: fstest.MapFS{"app.py": {}},
		},
		{
			name: "prebuilt binary not built yet",
			src:  "stack: binary\nmain: out/app\n",
			fsys: fstest.MapFS{},
			warn: `dockergen.yaml: main "out/app" is not in the build context . yet; build it before docker build`,
		},
		{
			name: "go module without go.mod",
			src:  "stack: go\n",
			fsys: fstest.MapFS{"main.go": {}},
			want: "dockergen.yaml:3:8: stack: go's dependency step copies go.mod, which is not in the build context . (create it with 'go mod init <module path> && go mod tidy', then commit it)",
		},
		{
			name: "rust main is the binary's name",
			src:  "stack: rust\n",
			fsys: fstest.MapFS{"Cargo.toml": {}, "Cargo.lock": {}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, data := spec(c.src)
			files, err := Generate(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			warns, err := CheckContext(s, files, Options{}, Project{Context: c.fsys, ContextName: ".", SpecFile: "dockergen.yaml", SpecData: data})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("error\n got: %s\nwant: %s", got, c.want)
			}
			joined := strings.Join(warns, "\n")
			if (c.warn == "") != (joined == "") || !strings.Contains(joined, c.warn) {
				t.Errorf("warnings\n got: %q\nwant: %q", joined, c.warn)
			}
		})
	}
}

// TestCheckContextPort: the safety net compares the spec's ports with the
// port the stack's detector reads from the code in the context; a mismatch
// is a warning at the spec's ports line naming the code's file:line, never
// an error, and a spec that moves the app to its port (env PORT, the
// detector's setting, a command argument) is consistent.
func TestCheckContextPort(t *testing.T) {
	goMain := "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\":3000\", nil)\n}\n"
	goFS := func() fstest.MapFS {
		return fstest.MapFS{"go.mod": {Data: []byte("module example.com/app\n\ngo 1.26\n")}, "main.go": {Data: []byte(goMain)}}
	}
	nodeFS := fstest.MapFS{
		"package.json":      {Data: []byte(`{"name": "app", "main": "server.js"}`)},
		"package-lock.json": {Data: []byte("{}")},
		"server.js":         {Data: []byte("const http = require('http');\nconst port = process.env.PORT || 3000;\nhttp.createServer(() => {}).listen(port);\n")},
	}
	flaskFS := func(reqs string) fstest.MapFS {
		return fstest.MapFS{
			"requirements.txt": {Data: []byte(reqs)},
			"app.py":           {Data: []byte("from flask import Flask\n\napp = Flask(__name__)\n\n\nif __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\", port=5000)\n")},
		}
	}
	twoMains := goFS()
	delete(twoMains, "main.go")
	twoMains["cmd/api/main.go"] = &fstest.MapFile{Data: []byte(goMain)}
	twoMains["cmd/worker/main.go"] = &fstest.MapFile{Data: []byte("package main\n\nfunc main() {}\n")}
	cases := []struct {
		name, src string
		fsys      fstest.MapFS
		warn      string // the whole warning, "" for none
	}{
		{
			name: "go: the code binds another port",
			src:  "stack: go\nports: [8080]\n",
			fsys: goFS(),
			warn: "dockergen.yaml:4: ports: 8080, but main.go:6 listens on 3000: nothing will answer on 8080 (set ports to [3000], or make the app listen on 8080)",
		},
		{name: "go: the code's port", src: "stack: go\nports: [3000]\n", fsys: goFS()},
		{name: "go: the code's port is one of the spec's", src: "stack: go\nports: [8080, 3000]\n", fsys: goFS()},
		{name: "go: a command argument moves it", src: "stack: go\nports: [8080]\ncommand: [--addr, \":8080\"]\n", fsys: goFS()},
		{name: "go: the spec builds another main", src: "stack: go\nmain: ./cmd/worker\nports: [8080]\n", fsys: twoMains},
		{
			name: "go: the detected main of several",
			src:  "stack: go\nmain: ./cmd/api\nports: [8080]\n",
			fsys: twoMains,
			warn: "dockergen.yaml:5: ports: 8080, but cmd/api/main.go:6 listens on 3000: nothing will answer on 8080 (set ports to [3000], or make the app listen on 8080)",
		},
		{
			name: "node: PORT unset, the code's default answers",
			src:  "stack: node\nports: [8080]\n",
			fsys: nodeFS,
			warn: "dockergen.yaml:4: ports: 8080, but server.js:2 listens on 3000: nothing will answer on 8080 (set ports to [3000], or make the app listen on 8080)",
		},
		{name: "node: env PORT moves it", src: "stack: node\nports: [8080]\nenv:\n  PORT: \"8080\"\n", fsys: nodeFS},
		{name: "node: ports left to the default", src: "stack: node\n", fsys: nodeFS,
			warn: "dockergen.yaml: ports: 8080, but server.js:2 listens on 3000: nothing will answer on 8080 (set ports to [3000], or make the app listen on 8080)"},
		{
			name: "python without a server: the script binds the port",
			src:  "stack: python\nports: [8080]\n",
			fsys: flaskFS("flask==3.1.0\n"),
			warn: "dockergen.yaml:4: ports: 8080, but app.py:7 listens on 5000: nothing will answer on 8080 (set ports to [5000], or make the app listen on 8080)",
		},
		{
			name: "python with gunicorn: the image's server binds the spec's port",
			src:  "stack: python\nserver: gunicorn\nmain: app:app\nports: [8080]\n",
			fsys: flaskFS("flask==3.1.0\ngunicorn==23.0.0\n"),
		},
		{
			name: "no port read from the code",
			src:  "stack: go\nports: [8080]\n",
			fsys: fstest.MapFS{"go.mod": {Data: []byte("module example.com/app\n")}, "main.go": {Data: []byte("package main\n\nfunc main() {}\n")}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte("apiVersion: dockergen/v1\nname: app\n" + c.src)
			s, err := LoadSpec("dockergen.yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			files, err := Generate(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			warns, err := CheckContext(s, files, Options{}, Project{Context: c.fsys, ContextName: ".", SpecFile: "dockergen.yaml", SpecData: data})
			if err != nil {
				t.Fatalf("a port mismatch is never an error: %v", err)
			}
			var want []string
			if c.warn != "" {
				want = []string{c.warn}
			}
			if !slices.Equal(warns, want) {
				t.Errorf("warnings\n got: %q\nwant: %q", warns, want)
			}
		})
	}
}

// TestCheckContextExamples: every committed example passes the safety net
// with no warning (they build on the engine), but binary's, whose
// executable the e2e builds first.
func TestCheckContextExamples(t *testing.T) {
	specs, _ := filepath.Glob("../examples/*/dockergen.yaml")
	if len(specs) == 0 {
		t.Fatal("no examples")
	}
	for _, p := range specs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := LoadSpec(p, data)
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{SpecFile: "dockergen.yaml", Context: s.Context, OutDir: "."}
		files, err := Generate(s, opts)
		if err != nil {
			t.Fatal(err)
		}
		ctx := filepath.Join(filepath.Dir(p), s.Context)
		warns, err := CheckContext(s, files, opts, Project{Context: os.DirFS(ctx), ContextName: s.Context, SpecFile: p, SpecData: data})
		if err != nil || (len(warns) > 0 && !stacks[s.Stack].MainPrebuilt) {
			t.Errorf("%s: %v %q", p, err, warns)
		}
	}
}
