package generator

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestDetectNodeTool(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		tool     string
		from     string
		build    []string
		output   string
		noteHas  string
		specMain string
	}{
		{name: "npm", files: map[string]string{"package.json": `{"name":"a"}`, "package-lock.json": "{}", "server.js": ""}, tool: "npm", from: "package-lock.json"},
		{name: "yarn", files: map[string]string{"package.json": `{"name":"a"}`, "yarn.lock": "# yarn lockfile v1\n", "server.js": ""}, tool: "yarn", from: "yarn.lock", noteHas: "pinned yarn 1.22.22"},
		{name: "pnpm", files: map[string]string{"package.json": `{"name":"a"}`, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "server.js": ""}, tool: "pnpm", from: "pnpm-lock.yaml", noteHas: "pinned pnpm 10.12.1"},
		{name: "packageManager", files: map[string]string{"package.json": "{\n  \"name\": \"a\",\n  \"packageManager\": \"pnpm@9.1.0\"\n}", "package-lock.json": "{}", "pnpm-lock.yaml": "", "server.js": ""}, tool: "pnpm", from: "package.json:3", noteHas: "several lockfiles"},
		{name: "berry", files: map[string]string{"package.json": `{"name":"a","packageManager":"yarn@4.9.2+sha512.abc"}`, "yarn.lock": "__metadata:\n  version: 8\n", "server.js": ""}, tool: "yarn", from: "package.json:1", noteHas: "Yarn 2+ lockfile"},
		{name: "no-lock", files: map[string]string{"package.json": `{"name":"a"}`, "server.js": ""}, noteHas: "package-lock.json is missing"},
		{
			name:  "build-output",
			files: map[string]string{"package.json": "{\n\"name\":\"a\",\n\"scripts\":{\"build\":\"tsc --outDir dist\",\"start\":\"node dist/main.js\"}\n}", "pnpm-lock.yaml": ""},
			tool:  "pnpm", from: "pnpm-lock.yaml", build: []string{"pnpm", "run", "build"}, output: "dist", specMain: "dist/main.js",
		},
		{
			name:  "build-main-outside",
			files: map[string]string{"package.json": "{\n\"name\":\"a\",\n\"scripts\":{\"build\":\"vite build --outDir build\",\"start\":\"node server.js\"}\n}", "package-lock.json": "{}", "server.js": ""},
			tool:  "npm", from: "package-lock.json", build: []string{"npm", "run", "build"}, noteHas: "build.output is not suggested",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Detect(writeProject(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("node")
			if c.Tool.Value != tc.tool || c.Tool.From != tc.from {
				t.Errorf("tool = %q from %q, want %q from %q", c.Tool.Value, c.Tool.From, tc.tool, tc.from)
			}
			if !reflect.DeepEqual(c.BuildCommand, tc.build) || c.Output.Value != tc.output {
				t.Errorf("build %v output %q, want %v %q", c.BuildCommand, c.Output.Value, tc.build, tc.output)
			}
			if tc.noteHas != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tc.noteHas) {
				t.Errorf("no note with %q: %q", tc.noteHas, c.Notes)
			}
			s := c.Spec()
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("the suggested spec is invalid: %v", errs)
			}
			if tc.specMain != "" && s.Main != tc.specMain {
				t.Errorf("main = %q, want %q", s.Main, tc.specMain)
			}
			if tc.tool != "" && s.Build.Tool != tc.tool {
				t.Errorf("spec build.tool = %q, want %q", s.Build.Tool, tc.tool)
			}
		})
	}
}

// TestNodeVersionSources: .nvmrc (an npm range or alias) comes before
// package.json's engines (a range: the newest supported LTS in it, not its
// minimum); each value says why.
func TestNodeVersionSources(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  Detected
	}{
		{map[string]string{"package.json": "{\n  \"name\": \"a\",\n  \"engines\": {\"node\": \">=18\"}\n}\n"},
			Detected{Value: "26", From: "package.json:3", Reason: ">=18 (package.json:3) → 26, the newest LTS"}},
		{map[string]string{"package.json": `{"engines": {"node": "^20 || ^22"}}`},
			Detected{Value: "22", From: "package.json:1", Reason: "^20 || ^22 (package.json:1) → 22, the newest LTS allowed (security fixes only; end of life on 2027-04-30)"}},
		{map[string]string{"package.json": `{"engines": {"node": ">=18"}}`, ".nvmrc": "lts/*\n"},
			Detected{Value: "26", From: ".nvmrc:1", Reason: "lts/* (.nvmrc:1) → 26, the newest LTS"}},
		{map[string]string{"package.json": `{}`, ".nvmrc": "v20.11.0\n"},
			Detected{Value: "20", From: ".nvmrc:1", Reason: "v20.11.0 (.nvmrc:1) → 20 (20.11.0), end of life since 2026-04-30 (newest supported: 26)"}},
		{map[string]string{"package.json": `{}`, ".node-version": "24\n"},
			Detected{Value: "24", From: ".node-version:1", Reason: "24 (.node-version:1) → 24 (security fixes only; end of life on 2028-04-30)"}},
	} {
		d, err := Detect(writeProject(t, tc.files))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.For("node").Version; got != tc.want {
			t.Errorf("%v: version %+v, want %+v", tc.files, got, tc.want)
		}
	}
}

// TestNodeEntryOrder: the Procfile's web process, then scripts.start's node
// command (start:prod, dev and serve after), then main, then the usual
// files; a named file that does not exist is not used (unless the build
// script writes it) and says so.
func TestNodeEntryOrder(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		main     string
		from     string
		noteHas  string
		notMains []string
	}{
		{name: "main-default-missing", files: map[string]string{
			"package.json": "{\n\"main\": \"index.js\",\n\"scripts\": {\"dev\": \"nodemon -L src/index.js\"}\n}", "src/index.js": "",
		}, main: "src/index.js", from: "package.json:3", noteHas: "main names index.js, which does not exist", notMains: []string{"index.js"}},
		{name: "start-env-file", files: map[string]string{
			"package.json": `{"main": "app.js", "scripts": {"start": "node --env-file=.env -r dotenv/config server.js"}}`, "server.js": "", "app.js": "",
		}, main: "server.js", from: "package.json:1"},
		{name: "start-cross-env-chain", files: map[string]string{
			"package.json": `{"scripts": {"start": "npm run migrate && cross-env NODE_ENV=production node ./src/server.js"}}`, "src/server.js": "",
		}, main: "src/server.js", from: "package.json:1"},
		{name: "start-runs-script", files: map[string]string{
			"package.json": "{\n\"scripts\": {\n\"start\": \"npm run serve\",\n\"serve\": \"node api/main.js\"\n}\n}", "api/main.js": "",
		}, main: "api/main.js", from: "package.json:4"},
		{name: "start-missing-then-main", files: map[string]string{
			"package.json": "{\n\"main\": \"lib/app.js\",\n\"scripts\": {\"start\": \"node server.js\"}\n}", "lib/app.js": "",
		}, main: "lib/app.js", from: "package.json:2", noteHas: "package.json:3: scripts.start names server.js, which does not exist"},
		{name: "node-dot-is-main", files: map[string]string{
			"package.json": `{"main": "lib/index", "scripts": {"start": "node ."}}`, "lib/index.js": "",
		}, main: "lib/index.js", from: "package.json:1"},
		{name: "nodemon-exec-babel-skipped", files: map[string]string{
			"package.json": `{"scripts": {"start": "nodemon --exec babel-node -- ./src/bin/www"}}`, "app.js": "",
		}, main: "app.js", from: "app.js"},
		{name: "procfile-first", files: map[string]string{
			"package.json": `{"scripts": {"start": "node index.js"}}`, "index.js": "", "web.js": "", "Procfile": "release: true\nweb: node web.js\n",
		}, main: "web.js", from: "Procfile:2"},
		{name: "procfile-names-script", files: map[string]string{
			"package.json": "{\n\"scripts\": {\n\"start\": \"nest start\",\n\"start:prod\": \"node dist/main\",\n\"build\": \"nest build\"\n}\n}", "Procfile": "web: npm run start:prod\n", "src/main.ts": "",
		}, main: "dist/main.js", from: "package.json:4"},
		{name: "build-out-dir-flag", files: map[string]string{
			"package.json": `{"main": "index.js", "scripts": {"build": "babel src --out-dir lib", "start": "node lib"}}`, "src/index.js": "",
		}, main: "lib/index.js", from: "package.json:1"},
		{name: "not-a-build-dir", files: map[string]string{
			"package.json": `{"scripts": {"build": "babel src --out-dir lib", "start": "node out/index.js"}}`, "server.js": "",
		}, main: "server.js", from: "server.js", noteHas: "scripts.start names out/index.js, which does not exist"},
		{name: "typescript-loader-not-run", files: map[string]string{
			"package.json": "{\n\"scripts\": {\n\"start\": \"node --import tsx src/index.ts\"\n},\n\"main\": \"lib/index.js\"\n}", "src/index.ts": "", "lib/index.js": "",
		}, main: "lib/index.js", from: "package.json:5", noteHas: "package.json:3: scripts.start runs TypeScript (src/index.ts) through a loader: not used"},
		{name: "ts-node-start", files: map[string]string{
			"package.json": "{\n\"scripts\": {\"start\": \"ts-node src/index.ts\"}\n}", "server.js": "",
		}, main: "server.js", from: "server.js", noteHas: "package.json:2: scripts.start runs TypeScript with ts-node"},
		{name: "common-src-index", files: map[string]string{
			"package.json": `{"name": "a"}`, "src/index.js": "",
		}, main: "src/index.js", from: "src/index.js"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["package-lock.json"] = "{}"
			d, err := Detect(writeProject(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("node")
			if c.Main.Value != tc.main || c.Main.From != tc.from {
				t.Errorf("main = %q from %q, want %q from %q", c.Main.Value, c.Main.From, tc.main, tc.from)
			}
			if tc.noteHas != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tc.noteHas) {
				t.Errorf("no note with %q: %q", tc.noteHas, c.Notes)
			}
			for _, m := range c.Mains {
				for _, bad := range tc.notMains {
					if m.Value == bad {
						t.Errorf("mains offers %s, which does not exist: %v", bad, c.Mains)
					}
				}
			}
		})
	}
}

// TestNodePort: the port comes from any source reachable from the entry
// (relative require and import, a build's TypeScript source), then from
// .env.example; an app that reads PORT gets PORT set to it; a privileged
// port moves through PORT; a loopback bind is overridden through the app's
// host variable or noted.
func TestNodePort(t *testing.T) {
	for _, tc := range []struct {
		name    string
		files   map[string]string
		port    string
		from    string
		env     []Setting
		noteHas string
	}{
		{name: "listen-in-required-module", files: map[string]string{
			"package.json":  `{"main": "index.js"}`,
			"index.js":      "const server = require('./lib/server');\nserver.start();\n",
			"lib/server.js": "const app = require('express')();\nconst config = require('../config');\nmodule.exports = { start: () => app.listen(4000) };\n",
			"config.js":     "module.exports = { db: { port: 5432 } };\n",
		}, port: "4000", from: "lib/server.js:3"},
		{name: "env-default-in-config", files: map[string]string{
			"package.json":        `{"scripts": {"start": "node src/index.js"}}`,
			"src/index.js":        "import app from './app.js';\nimport { config } from './config/index.js';\napp.listen(config.port);\n",
			"src/app.js":          "export default {};\n",
			"src/config/index.js": "export const config = {\n  port: Number(process.env.PORT) || 5006,\n};\n",
		}, port: "5006", from: "src/config/index.js:2", env: []Setting{{Name: "PORT", Value: "5006", From: "src/config/index.js:2"}}},
		{name: "ts-source-of-build", files: map[string]string{
			"package.json":     `{"scripts": {"build": "tsc", "start": "node dist/main.js"}}`,
			"src/main.ts":      "import { bootstrap } from './bootstrap';\nbootstrap();\n",
			"src/bootstrap.ts": "export async function bootstrap() {\n  await app.listen(process.env.PORT ?? 3000);\n}\n",
		}, port: "3000", from: "src/bootstrap.ts:2", env: []Setting{{Name: "PORT", Value: "3000", From: "src/bootstrap.ts:2"}}},
		{name: "fastify-options", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "const fastify = require('fastify')()\nfastify.listen({ port: 3000, host: '0.0.0.0' })\n",
		}, port: "3000", from: "server.js:2"},
		{name: "fastify-no-host", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "import Fastify from 'fastify'\nconst fastify = Fastify()\nawait fastify.listen({ port: 3000 })\n",
		}, port: "3000", from: "server.js:3", noteHas: "server.js:3: the app binds localhost only, which is unreachable from outside the container: Fastify's listen without a host"},
		{name: "host-from-env", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "const host = process.env.HOST || '127.0.0.1'\nconst port = process.env.PORT || 3000\napp.listen({ port, host })\n",
		}, port: "3000", from: "server.js:2", env: []Setting{{Name: "PORT", Value: "3000", From: "server.js:2"}, {Name: "HOST", Value: "0.0.0.0", From: "server.js:1"}}},
		{name: "loopback-literal", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "app.listen(8000, 'localhost')\n",
		}, port: "8000", from: "server.js:1", noteHas: "server.js:1: the app binds localhost only"},
		{name: "env-example", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "app.listen(process.env.PORT)\n",
			".env.example": "NODE_ENV=development\nPORT=4321\n",
		}, port: "4321", from: ".env.example:2", env: []Setting{{Name: "PORT", Value: "4321", From: "server.js:1"}}},
		{name: "reads-port-no-default", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "const { PORT } = process.env\napp.listen(PORT)\n",
		}, port: "8080", from: "server.js:1", env: []Setting{{Name: "PORT", Value: "8080", From: "server.js:1"}}},
		{name: "privileged-through-port", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "app.listen(process.env.PORT || 80)\n",
		}, port: "8080", from: "server.js:1", env: []Setting{{Name: "PORT", Value: "8080", From: "server.js:1"}}},
		{name: "db-port-not-taken", files: map[string]string{
			"package.json": `{"main": "server.js"}`,
			"server.js":    "require('./db')\napp.listen(3000)\n",
			"db.js":        "module.exports = { port: 5432 }\n",
		}, port: "3000", from: "server.js:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Detect(writeProject(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			c := d.For("node")
			if c.Port.Value != tc.port || c.Port.From != tc.from {
				t.Errorf("port = %q from %q, want %q from %q", c.Port.Value, c.Port.From, tc.port, tc.from)
			}
			var env []Setting
			for _, e := range c.Env {
				if e.Reason == "" {
					t.Errorf("env %s has no reason", e.Name)
				}
				env = append(env, Setting{Name: e.Name, Value: e.Value, From: e.From})
			}
			if !reflect.DeepEqual(env, tc.env) {
				t.Errorf("env = %+v, want %+v", env, tc.env)
			}
			if tc.noteHas != "" && !strings.Contains(strings.Join(c.Notes, "\n"), tc.noteHas) {
				t.Errorf("no note with %q: %q", tc.noteHas, c.Notes)
			}
			checkLoopback(t, c)
			s := c.Spec()
			s.Defaults()
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("the suggested spec is invalid: %v", errs)
			}
			if s.Ports[0] != atoiOr(tc.port) {
				t.Errorf("spec ports %v, want %s", s.Ports, tc.port)
			}
		})
	}
}

func atoiOr(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// TestNodeWorkspace: npm/yarn workspaces and pnpm-workspace.yaml list the
// members; the one that looks like a server is chosen, its entry, port and
// build read from it; the Dockerfile copies the root lockfile and every
// member's package.json before the frozen install and runs the member from
// its directory; the safety net refuses a member that is not there.
func TestNodeWorkspace(t *testing.T) {
	files := map[string]string{
		"package.json":                 "{\n  \"private\": true,\n  \"workspaces\": [\n    \"apps/*\",\n    \"packages/*\"\n  ]\n}\n",
		"package-lock.json":            "{}",
		"apps/web/package.json":        `{"name": "web", "scripts": {"build": "vite build"}, "devDependencies": {"vite": "^5"}}`,
		"apps/api/package.json":        "{\n\"name\": \"@acme/api\",\n\"scripts\": {\n\"build\": \"tsc\",\n\"start\": \"node dist/index.js\"\n},\n\"dependencies\": {\"express\": \"^4\", \"@acme/shared\": \"*\"}\n}",
		"apps/api/src/index.ts":        "import { app } from './app';\napp.listen(process.env.PORT || 4000);\n",
		"apps/api/src/app.ts":          "export const app = {};\n",
		"packages/shared/package.json": `{"name": "@acme/shared", "scripts": {"build": "tsc"}}`,
	}
	dir := writeProject(t, files)
	d, err := Detect(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := d.For("node")
	if c.Member.Value != "apps/api" || c.Member.From != "package.json:4" {
		t.Errorf("member = %+v, want apps/api from package.json:4", c.Member)
	}
	if len(c.Members) != 3 {
		t.Errorf("members = %v, want apps/api, apps/web, packages/shared", c.Members)
	}
	if c.Main.Value != "apps/api/dist/index.js" || c.Port.Value != "4000" || c.Port.From != "apps/api/src/index.ts:2" {
		t.Errorf("main %+v port %+v, want apps/api/dist/index.js and 4000 from apps/api/src/index.ts:2", c.Main, c.Port)
	}
	if want := []string{"npm", "run", "build", "--workspace", "apps/api"}; !reflect.DeepEqual(c.BuildCommand, want) || c.BuildFrom != "apps/api/package.json:4" {
		t.Errorf("build %v from %s, want %v", c.BuildCommand, c.BuildFrom, want)
	}
	if c.Output.Value != "" {
		t.Errorf("build.output %q suggested for a member", c.Output.Value)
	}
	if !strings.Contains(strings.Join(c.Notes, "\n"), "depends on @acme/shared (packages/shared), which has its own build script") {
		t.Errorf("no note about the sibling's build: %q", c.Notes)
	}
	s := c.Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatalf("the suggested spec is invalid: %v", errs)
	}
	out, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(out["Dockerfile"])
	for _, want := range []string{
		"FROM node:", " AS manifests\n",
		`COPY ["apps/api/package.json", "/out/apps/api/"]`,
		"-name package.json -type f -print",
		"COPY --from=manifests /out/ ./\nCOPY package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm",
		`RUN ["npm", "run", "build", "--workspace", "apps/api"]`,
		`ENTRYPOINT ["/usr/local/bin/node", "apps/api/dist/index.js"]`,
	} {
		if !strings.Contains(df, want) {
			t.Errorf("the Dockerfile lacks %q:\n%s", want, df)
		}
	}
	if _, err := CheckContext(s, out, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml"}); err != nil {
		t.Errorf("the safety net refuses the workspace: %v", err)
	}
	// A member that is not there is refused at build.member.
	s.Build.Member, s.Main = "apps/server", "apps/server/index.js"
	out, err = Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = CheckContext(s, out, Options{}, Project{Context: os.DirFS(dir), ContextName: ".", SpecFile: "dockergen.yaml", SpecData: []byte("stack: node\nbuild:\n  member: apps/server\n")})
	if err == nil || !strings.Contains(err.Error(), "dockergen.yaml:3") || !strings.Contains(err.Error(), "build.member") || !strings.Contains(err.Error(), "apps/server/package.json") {
		t.Errorf("a missing member: got %v, want an error at dockergen.yaml:3 build.member naming apps/server/package.json", err)
	}
}

// TestNodeWorkspacePnpm: pnpm-workspace.yaml lists the members; the build
// selects the member with its workspace dependencies (NAME...), and the
// dependency step copies pnpm-workspace.yaml.
func TestNodeWorkspacePnpm(t *testing.T) {
	d, err := Detect(writeProject(t, map[string]string{
		"package.json":                 `{"private": true, "packageManager": "pnpm@9.15.4"}`,
		"pnpm-lock.yaml":               "lockfileVersion: '9.0'\n",
		"pnpm-workspace.yaml":          "packages:\n  - \"services/*\"\n",
		"services/worker/package.json": `{"name": "worker", "scripts": {"start": "node worker.js"}}`,
		"services/worker/worker.js":    "",
		"services/http/package.json":   `{"name": "http", "scripts": {"start": "node index.js"}, "dependencies": {"fastify": "^5"}}`,
		"services/http/index.js":       "const f = require('fastify')()\nf.listen({ port: 3100, host: '0.0.0.0' })\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	c := d.For("node")
	if c.Member.Value != "services/http" || c.Member.From != "pnpm-workspace.yaml:2" || c.Main.Value != "services/http/index.js" || c.Port.Value != "3100" {
		t.Errorf("member %+v main %+v port %+v, want services/http, services/http/index.js, 3100", c.Member, c.Main, c.Port)
	}
	s := c.Spec()
	s.Defaults()
	out, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out["Dockerfile"]), "COPY pnpm-lock.yaml pnpm-workspace.yaml ./\n") {
		t.Errorf("the Dockerfile does not copy pnpm-workspace.yaml:\n%s", out["Dockerfile"])
	}
}

// TestCheckNodeMember: main must be inside build.member, and build.output
// does not apply with it.
func TestCheckNodeMember(t *testing.T) {
	s := &Spec{APIVersion: APIVersion, Name: "a", Stack: "node", Main: "server.js", Build: Build{Member: "apps/api", Command: []string{"npm", "run", "build"}, Output: "apps/api/dist"}}
	s.Defaults()
	var msgs []string
	for _, e := range s.Validate() {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`"server.js" is not inside build.member "apps/api"`, "an output directory does not apply with build.member"} {
		if !strings.Contains(all, want) {
			t.Errorf("no error with %q: %s", want, all)
		}
	}
}
