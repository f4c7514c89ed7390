//go:build e2e

package examples

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockergen/dockergen/generator"
)

// TestE2ENodeTools builds each variant of the node example (the variants in
// examples/node/e2e.yaml) on slim with the generated run.sh, checks the warm
// rebuild keeps the install cached, lists the image's files (the production
// dependency in, the dev dependency, the build script and the sources outside
// build.output out), and runs it with the generated settings.
func TestE2ENodeTools(t *testing.T) {
	requireEngine(t)
	for i, v := range e2eFor(t, "node").Variants {
		t.Run(v.Name, func(t *testing.T) {
			if !onlyRE.MatchString("node/" + v.Name) {
				t.Skip("E2E_ONLY excludes node/" + v.Name)
			}
			// A port of its own: other e2e runs on this engine publish 8080.
			runNodeVariant(t, v, 18090+i)
		})
	}
}

// runNodeVariant turns a copy of examples/node into the variant's project:
// a production dependency (ms, required by the server), a dev dependency
// (is-number) that must never reach the runtime image, a lockfile written by
// the real tool, and, for output, a build script that uses the dev
// dependency and writes dist/.
func runNodeVariant(t *testing.T, v e2eVariant, port int) {
	dir := copyExample(t, "node")
	if err := os.Remove(filepath.Join(dir, "package-lock.json")); err != nil {
		t.Fatal(err)
	}
	server, err := os.ReadFile(filepath.Join(dir, "server.js"))
	if err != nil {
		t.Fatal(err)
	}
	// The production dependency is loaded at start: the server does not
	// run unless it reached the runtime image.
	server = []byte(strings.Replace(string(server), `const http = require("node:http");`,
		`const http = require("node:http");
const ms = require("ms"); // e2e: a production dependency
if (ms("1s") !== 1000) throw new Error("ms is broken");`, 1))
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("server.js", string(server))
	pm := ""
	if v.PackageManager != "" {
		pm = fmt.Sprintf("  \"packageManager\": %q,\n", v.PackageManager)
	}
	scripts := `{ "start": "node server.js" }`
	main := "server.js"
	if v.Output {
		main = "dist/server.js"
		scripts = `{ "build": "node build.js", "start": "node dist/server.js" }`
		write("build.js", `// e2e: a build step that needs a dev dependency.
"use strict";
const isNumber = require("is-number");
const fs = require("node:fs");
if (!isNumber(42)) throw new Error("is-number is broken");
fs.mkdirSync("dist", { recursive: true });
fs.copyFileSync("server.js", "dist/server.js");
`)
	}
	write("package.json", fmt.Sprintf(`{
  "name": "hello-node",
  "version": "1.0.0",
  "private": true,
  "main": %q,
%s  "scripts": %s,
  "dependencies": { "ms": "2.1.3" },
  "devDependencies": { "is-number": "7.0.0" }
}
`, main, pm, scripts))

	// The lockfile, written by the real tool on the host.
	var lock *exec.Cmd
	switch v.Tool {
	case "npm":
		lock = exec.Command("npm", "install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund")
	case "pnpm":
		lock = exec.Command("corepack", "pnpm", "install", "--lockfile-only", "--ignore-scripts")
	case "yarn":
		lock = exec.Command("corepack", "yarn", "install", "--ignore-scripts", "--non-interactive", "--registry", "https://registry.npmjs.org")
	}
	lock.Dir = dir
	lock.Env = append(os.Environ(), "COREPACK_ENABLE_DOWNLOAD_PROMPT=0")
	if out, err := lock.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(lock.Args, " "), err, out)
	}
	os.RemoveAll(filepath.Join(dir, "node_modules")) // .dockerignore leaves it out anyway

	spec := generate(t, dir, generator.BaseSlim, func(s string) string {
		s = strings.Replace(s, "main: server.js", "main: "+main, 1)
		s = strings.Replace(s, "ports: [8080]", fmt.Sprintf("ports: [%d]", port), 1)
		s = strings.Replace(s, "env:\n", fmt.Sprintf("env:\n  PORT: \"%d\"\n", port), 1)
		s += "build:\n  tool: " + v.Tool + "\n"
		if v.Output {
			s += "  command: [\"" + v.Tool + "\", \"run\", \"build\"]\n  output: dist\n"
		}
		return s
	})
	if spec.Build.Tool != v.Tool {
		t.Fatalf("spec build.tool = %q", spec.Build.Tool)
	}
	image := "dg-e2e-node-" + v.Name + ":test"
	container := "dg-e2e-node-" + v.Name
	env := []string{"PULL=0", "IMAGE=" + image, "CONTAINER=" + container}
	_, cold := runScript(t, dir, env, "build", "--no-cache", "--progress=plain")
	touchSource(t, dir, "node")
	warmLog, warm := runScript(t, dir, env, "build", "--progress=plain")
	if found, cached := stepCached(warmLog, v.DepsStep); !found || !cached {
		t.Errorf("dependency step %q: found %v, cached %v after a one-line source change", v.DepsStep, found, cached)
	}
	size, layers, _ := imageInfo(t, image)
	checkFilesystem(t, image)

	// What the image holds.
	has := map[string]bool{}
	var devFiles []string
	for _, h := range exportedFiles(t, image) {
		name := strings.TrimSuffix(strings.TrimPrefix(h.Name, "./"), "/")
		has[name] = true
		if strings.Contains(name, "is-number") {
			devFiles = append(devFiles, name)
		}
	}
	if len(devFiles) > 0 {
		t.Errorf("the dev dependency is-number reached the runtime image: %v", devFiles[:min(len(devFiles), 5)])
	}
	want := []string{"app/package.json", "app/node_modules/ms"}
	notWant := []string{}
	if v.Output {
		want = append(want, "app/dist/server.js")
		notWant = append(notWant, "app/build.js", "app/server.js", "app/package-lock.json", "app/dockergen.yaml")
	}
	for _, f := range want {
		if !has[f] {
			t.Errorf("%s is not in the image", f)
		}
	}
	for _, f := range notWant {
		if has[f] {
			t.Errorf("%s is in the image; with build.output only package.json, node_modules and dist belong there", f)
		}
	}

	// Run it with the generated settings.
	dockerErr("rm", "-f", container)
	runScript(t, dir, env, "run")
	defer dockerErr("rm", "-f", container)
	body, err := httpGet(fmt.Sprintf("http://127.0.0.1:%d/", spec.Ports[0]), 60*time.Second)
	if err != nil {
		logs, _ := dockerErr("logs", container)
		t.Fatalf("%v\ncontainer log:\n%s", err, logs)
	}
	if body != "hello from node\n" {
		t.Errorf("GET / = %q, want %q", body, "hello from node\n")
	}
	waitHealthy(t, container, 90*time.Second)
	st := procStatus(t, container)
	for _, ck := range []struct{ field, want string }{{"CapEff", "0000000000000000"}, {"NoNewPrivs", "1"}, {"Seccomp", "2"}} {
		if st[ck.field] != ck.want {
			t.Errorf("PID 1 %s = %q, want %q", ck.field, st[ck.field], ck.want)
		}
	}
	if uid := strings.Fields(st["Uid"]); len(uid) == 0 || uid[0] != fmt.Sprint(spec.User.UID) {
		t.Errorf("PID 1 Uid = %q, want %d", st["Uid"], spec.User.UID)
	}
	reportMu.Lock()
	notes = append(notes, fmt.Sprintf("Node %s variant (build.tool %s%s) on slim: %.1f MB, %d layers, cold build %.0fs, warm %.0fs with the install cached; production dependency loaded, dev dependency absent from the image.",
		v.Name, v.Tool, map[bool]string{true: ", build.command + build.output dist", false: ""}[v.Output], float64(size)/1e6, layers, cold.Seconds(), warm.Seconds()))
	reportMu.Unlock()
}

// TestE2EPythonPyproject builds examples/python with a pyproject.toml and
// no requirements.txt (build.tool pip reads [project] dependencies with
// tomllib) on slim and distroless, and runs it with the generated
// settings. (PyPI is unreachable here: the dependency list is empty, as in
// the example's requirements.txt; Poetry, uv, gunicorn and uvicorn are
// checked by golden files, the parser and the build checks only.)
func TestE2EPythonPyproject(t *testing.T) {
	requireEngine(t)
	for i, base := range []string{generator.BaseSlim, generator.BaseDistroless} {
		t.Run(base, func(t *testing.T) {
			if !onlyRE.MatchString("python/pyproject-" + base) {
				t.Skip("E2E_ONLY excludes python/pyproject-" + base)
			}
			dir := copyExample(t, "python")
			if err := os.Remove(filepath.Join(dir, "requirements.txt")); err != nil {
				t.Fatal(err)
			}
			pyproject := "[project]\nname = \"hello-python\"\nversion = \"1.0\"\nrequires-python = \">=3.11\"\ndependencies = []\n"
			if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(pyproject), 0o644); err != nil {
				t.Fatal(err)
			}
			port := 18095 + i
			spec := generate(t, dir, base, func(s string) string {
				s = strings.Replace(s, "ports: [8080]", fmt.Sprintf("ports: [%d]", port), 1)
				return s + fmt.Sprintf("env:\n  PORT: \"%d\"\n", port)
			})
			image := "dg-e2e-python-pyproject-" + base + ":test"
			container := "dg-e2e-python-pyproject-" + base
			env := []string{"PULL=0", "IMAGE=" + image, "CONTAINER=" + container}
			runScript(t, dir, env, "build", "--no-cache", "--progress=plain")
			touchSource(t, dir, "python")
			warmLog, _ := runScript(t, dir, env, "build", "--progress=plain")
			if found, cached := stepCached(warmLog, e2eFor(t, "python").DepsStep); !found || !cached {
				t.Errorf("dependency step: found %v, cached %v after a one-line source change", found, cached)
			}
			checkFilesystem(t, image)
			has := map[string]bool{}
			for _, h := range exportedFiles(t, image) {
				has[strings.TrimSuffix(strings.TrimPrefix(h.Name, "./"), "/")] = true
			}
			for _, f := range []string{"opt/venv/pyvenv.cfg", "app/pyproject.toml", "app/app.py"} {
				if !has[f] {
					t.Errorf("%s is not in the image", f)
				}
			}
			if has["opt/venv/bin/pip"] {
				t.Errorf("the runtime venv has pip; it is made --without-pip")
			}
			dockerErr("rm", "-f", container)
			runScript(t, dir, env, "run")
			defer dockerErr("rm", "-f", container)
			body, err := httpGet(fmt.Sprintf("http://127.0.0.1:%d/", spec.Ports[0]), 60*time.Second)
			if err != nil {
				logs, _ := dockerErr("logs", container)
				t.Fatalf("%v\ncontainer log:\n%s", err, logs)
			}
			if body != "hello from python\n" {
				t.Errorf("GET / = %q", body)
			}
			waitHealthy(t, container, 90*time.Second)
			st := procStatus(t, container)
			if st["CapEff"] != "0000000000000000" || st["NoNewPrivs"] != "1" || st["Seccomp"] != "2" {
				t.Errorf("PID 1: CapEff %s NoNewPrivs %s Seccomp %s", st["CapEff"], st["NoNewPrivs"], st["Seccomp"])
			}
		})
	}
}
