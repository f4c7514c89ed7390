package generator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

const goTestMod = "module example.com/app\n\ngo 1.25\n"

// goDetect detects a go project made of files (go.mod added) and returns
// its candidate.
func goDetect(t *testing.T, files map[string]string) *Candidate {
	t.Helper()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = goTestMod
	}
	d, err := Detect(writeProject(t, files))
	if err != nil {
		t.Fatal(err)
	}
	c := d.For("go")
	if c == nil {
		t.Fatalf("no go candidate: %v", d.Stacks())
	}
	return c
}

// goWant is what a go detection must give: the port and its source, the
// env and args settings, the files (value@from), note substrings.
type goWant struct {
	port, from string
	env        []string // NAME=value@from
	args       string
	argsFrom   string
	files      []string // value@from
	notes      []string
}

func checkGo(t *testing.T, c *Candidate, w goWant) {
	t.Helper()
	checkLoopback(t, c)
	if c.Port.Value != w.port || c.Port.Source() != w.from {
		t.Errorf("port %s from %s, want %s from %s (%s)", c.Port.Value, c.Port.Source(), w.port, w.from, c.Port.Reason)
	}
	var env []string
	for _, e := range c.Env {
		env = append(env, e.Name+"="+e.Value+"@"+e.From)
		if e.Reason == "" {
			t.Errorf("env %s has no reason", e.Name)
		}
	}
	if !slices.Equal(env, w.env) {
		t.Errorf("env %q, want %q", env, w.env)
	}
	if got := strings.Join(c.Args, " "); got != w.args || c.ArgsFrom != w.argsFrom {
		t.Errorf("args %q from %q, want %q from %q", got, c.ArgsFrom, w.args, w.argsFrom)
	}
	var files []string
	for _, f := range c.Files {
		files = append(files, f.Value+"@"+f.From)
		if !strings.HasPrefix(f.Reason, "read at run time by ") {
			t.Errorf("file %s: reason %q", f.Value, f.Reason)
		}
	}
	if !slices.Equal(files, w.files) {
		t.Errorf("files %q, want %q", files, w.files)
	}
	if len(c.Notes) != len(w.notes) {
		t.Errorf("notes %q, want %d containing %q", c.Notes, len(w.notes), w.notes)
	}
	for _, sub := range w.notes {
		if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, sub) }) {
			t.Errorf("no note contains %q: %q", sub, c.Notes)
		}
	}
}

func goMain(body string, imports ...string) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n")
	for _, i := range imports {
		fmt.Fprintf(&b, "\t%q\n", i)
	}
	b.WriteString(")\n\n" + body)
	return b.String()
}

func TestGoPorts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  goWant
	}{{
		name: "PORT with an if-empty default",
		files: map[string]string{"main.go": goMain(`func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	http.ListenAndServe(":"+port, nil)
}
`, "net/http", "os")},
		want: goWant{port: "3000", from: "main.go:11", env: []string{"PORT=3000@main.go:9"}},
	}, {
		name: "PORT required, no default",
		files: map[string]string{"main.go": goMain(`func main() {
	port := os.Getenv("PORT")
	if port == "" {
		log.Fatal("$PORT must be set")
	}
	http.ListenAndServe(":"+port, nil)
}
`, "log", "net/http", "os")},
		want: goWant{port: "8080", from: "main.go:10", env: []string{"PORT=8080@main.go:10"}},
	}, {
		name: "PORT from .env.example",
		files: map[string]string{".env.example": "# copy to .env\nPORT=4000\n", "main.go": goMain(`func main() {
	http.ListenAndServe(":"+os.Getenv("PORT"), nil)
}
`, "net/http", "os")},
		want: goWant{port: "4000", from: ".env.example:2", env: []string{"PORT=4000@main.go:9"}},
	}, {
		name: "PORT from a getEnv helper in an imported package",
		files: map[string]string{
			"main.go": goMain(`func main() {
	http.ListenAndServe(":"+config.Port(), nil)
}
`, "example.com/app/internal/config", "net/http"),
			"internal/config/config.go": "package config\n\nimport \"os\"\n\nfunc Port() string { return getEnv(\"PORT\", \"9090\") }\n\nfunc getEnv(k, d string) string {\n\tif v, ok := os.LookupEnv(k); ok {\n\t\treturn v\n\t}\n\treturn d\n}\n",
		},
		want: goWant{port: "9090", from: "internal/config/config.go:5", env: []string{"PORT=9090@internal/config/config.go:5"}},
	}, {
		name: "privileged PORT default",
		files: map[string]string{"main.go": goMain(`func main() {
	http.ListenAndServe(":"+cmp.Or(os.Getenv("PORT"), "80"), nil)
}
`, "cmp", "net/http", "os")},
		want: goWant{port: "8080", from: "main.go:10", env: []string{"PORT=8080@main.go:10"}},
	}, {
		name: "gin Run() reads PORT",
		files: map[string]string{"main.go": goMain(`func main() {
	r := gin.Default()
	r.Run()
}
`, "github.com/gin-gonic/gin")},
		want: goWant{port: "8080", from: "main.go:9", env: []string{"PORT=8080@main.go:9"}},
	}, {
		name: "another type's Run() in a gin file does not read PORT",
		files: map[string]string{"main.go": goMain(`type app struct{ r *gin.Engine }

func (a *app) Run() { a.r.Run(":9000") }

func main() {
	a := &app{r: gin.Default()}
	a.Run()
}
`, "github.com/gin-gonic/gin")},
		want: goWant{port: "9000", from: "main.go:9"},
	}, {
		name: "flag.String addr",
		files: map[string]string{"main.go": goMain(`var addr = flag.String("addr", ":3333", "listen address")

func main() {
	flag.Parse()
	http.ListenAndServe(*addr, nil)
}
`, "flag", "net/http")},
		want: goWant{port: "3333", from: "main.go:8"},
	}, {
		name: "privileged flag.Int moved by args",
		files: map[string]string{"main.go": goMain(`func main() {
	port := flag.Int("port", 80, "port")
	flag.Parse()
	http.ListenAndServe(fmt.Sprintf(":%d", *port), nil)
}
`, "flag", "fmt", "net/http")},
		want: goWant{port: "8080", from: "main.go:10", args: "-port 8080", argsFrom: "main.go:10"},
	}, {
		name: "a flag never parsed cannot move the app",
		files: map[string]string{"cmd/web/main.go": goMain(`func main() {
	addr := flag.String("addr", ":80", "HTTP network address")
	srv := &http.Server{Addr: *addr}
	srv.ListenAndServe()
}
`, "flag", "net/http")},
		want: goWant{port: "8080", from: "default", notes: []string{"cmd/web/main.go:9: the app listens on :80 by default, and its -addr flag cannot change that: the code never calls flag.Parse()"}},
	}, {
		name: "loopback flag default moved by args",
		files: map[string]string{"main.go": goMain(`func main() {
	var addr string
	flag.StringVar(&addr, "listen", "127.0.0.1:7000", "address")
	flag.Parse()
	http.ListenAndServe(addr, nil)
}
`, "flag", "net/http")},
		want: goWant{port: "7000", from: "main.go:10", args: "-listen :7000", argsFrom: "main.go:10"},
	}, {
		name: "loopback host flag beside a port flag",
		files: map[string]string{"main.go": goMain(`var (
	host = flag.String("host", "localhost", "host")
	port = flag.Int("port", 8000, "port")
)

func main() {
	flag.Parse()
	http.ListenAndServe(fmt.Sprintf("%s:%d", *host, *port), nil)
}
`, "flag", "fmt", "net/http")},
		want: goWant{port: "8000", from: "main.go:11", args: "-host 0.0.0.0", argsFrom: "main.go:10"},
	}, {
		name: "cobra serve --port",
		files: map[string]string{
			"main.go": goMain("func main() { cmd.Execute() }\n", "example.com/app/cmd"),
			"cmd/root.go": `package cmd

import "github.com/spf13/cobra"

var rootCmd = &cobra.Command{Use: "app"}

func Execute() error { return rootCmd.Execute() }
`,
			"cmd/serve.go": `package cmd

import (
	"fmt"
	"net/http"

	"github.com/spf13/cobra"
)

var port int

var serveCmd = &cobra.Command{
	Use:   "serve",
	Short: "serve HTTP",
	RunE: func(cmd *cobra.Command, args []string) error {
		return http.ListenAndServe(fmt.Sprintf(":%d", port), nil)
	},
}

func init() {
	rootCmd.AddCommand(serveCmd)
	serveCmd.Flags().IntVarP(&port, "port", "p", 443, "port")
}
`,
		},
		want: goWant{port: "8080", from: "cmd/serve.go:22", args: "serve --port 8080", argsFrom: "cmd/serve.go:22"},
	}, {
		name: "cobra serve, unprivileged",
		files: map[string]string{
			"main.go": `package main

import "github.com/spf13/cobra"

func main() {
	root := &cobra.Command{Use: "app"}
	serve := &cobra.Command{Use: "serve [flags]"}
	serve.Flags().Int("port", 8088, "port")
	root.AddCommand(serve)
	root.Execute()
}
`,
		},
		want: goWant{port: "8088", from: "main.go:8", args: "serve", argsFrom: "main.go:7"},
	}, {
		name: "env helper for HTTP_ADDR, privileged",
		files: map[string]string{"main.go": goMain(`func main() {
	http.ListenAndServe(envOr("HTTP_ADDR", ":80"), nil)
}
`, "net/http")},
		want: goWant{port: "8080", from: "main.go:8", env: []string{"HTTP_ADDR=:8080@main.go:8"}},
	}, {
		name: "env number APP_PORT privileged uses unprivileged",
		files: map[string]string{"main.go": goMain(`func main() {
	p := os.Getenv("APP_PORT")
	if len(p) == 0 {
		p = "443"
	}
	http.ListenAndServe(":"+p, nil)
}
`, "net/http", "os")},
		want: goWant{port: "8080", from: "main.go:11", env: []string{"APP_PORT=8080@main.go:11"}},
	}, {
		name: "struct tags env default",
		files: map[string]string{"main.go": goMain(`type config struct {
	Port int `+"`env:\"SERVER_PORT\" envDefault:\"8500\"`"+`
	DBPort int `+"`env:\"DB_PORT\" envDefault:\"5432\"`"+`
}

func main() { http.ListenAndServe(":8500", nil) }
`, "net/http")},
		want: goWant{port: "8500", from: "main.go:8"},
	}, {
		name: "literal listen in http.Server",
		files: map[string]string{"main.go": goMain(`const addr = ":9000"

func main() {
	srv := &http.Server{Addr: addr}
	srv.ListenAndServe()
}
`, "net/http")},
		want: goWant{port: "9000", from: "main.go:7"},
	}, {
		name: "literal privileged listen: note",
		files: map[string]string{"main.go": goMain(`func main() { http.ListenAndServe(":80", nil) }
`, "net/http")},
		want: goWant{port: "8080", from: "default", notes: []string{"main.go:7: the app listens on port 80"}},
	}, {
		name: "literal loopback listen: note",
		files: map[string]string{"main.go": goMain(`func main() {
	e := echo.New()
	e.Start("127.0.0.1:1323")
}
`, "github.com/labstack/echo/v4")},
		want: goWant{port: "1323", from: "main.go:9", notes: []string{"main.go:9: the app binds 127.0.0.1 only"}},
	}, {
		name: "loopback with PORT: note",
		files: map[string]string{"main.go": goMain(`func main() {
	http.ListenAndServe("localhost:"+os.Getenv("PORT"), nil)
}
`, "net/http", "os")},
		want: goWant{port: "8080", from: "main.go:9", env: []string{"PORT=8080@main.go:9"}, notes: []string{"main.go:9: the app binds localhost only, which is unreachable from outside the container: make http.ListenAndServe listen"}},
	}, {
		name: "viper config.yaml server.port",
		files: map[string]string{
			"config.yaml": "database:\n  port: 5432\nserver:\n  port: \":8089\"\n",
			"main.go": goMain(`func main() {
	viper.SetConfigName("config")
	viper.AddConfigPath(".")
	viper.ReadInConfig()
	r := gin.Default()
	r.Run(viper.GetString("server.port"))
}
`, "github.com/gin-gonic/gin", "github.com/spf13/viper")},
		want: goWant{port: "8089", from: "config.yaml:4", files: []string{"config.yaml@main.go:9"}},
	}, {
		name: "config.toml loopback: note",
		files: map[string]string{
			"config.toml": "[server]\naddr = \"localhost:7070\"\n",
			"main.go": goMain(`func main() {
	viper.SetConfigFile("config.toml")
	http.ListenAndServe(viper.GetString("server.addr"), nil)
}
`, "net/http", "github.com/spf13/viper")},
		want: goWant{port: "7070", from: "config.toml:2", files: []string{"config.toml@main.go:9"}, notes: []string{"config.toml:2: the app binds localhost only"}},
	}, {
		name: "an injected getEnv reads PORT, the -port flag has the default",
		files: map[string]string{"main.go": goMain(`const defaultPort = 8090

func main() { run(os.Getenv) }

func run(getEnv func(string) string) {
	fs := flag.NewFlagSet("app", flag.ContinueOnError)
	port := fs.Int("port", defaultPort, "port")
	if getEnv("PORT") != "" {
		*port, _ = strconv.Atoi(getEnv("PORT"))
	}
	http.ListenAndServe(":"+strconv.Itoa(*port), nil)
}
`, "flag", "net/http", "os", "strconv")},
		want: goWant{port: "8090", from: "main.go:10", env: []string{"PORT=8090@main.go:17"}},
	}, {
		name: "LookupEnv over a literal default",
		files: map[string]string{"main.go": goMain(`func main() {
	port := "8070"
	if p, ok := os.LookupEnv("PORT"); ok {
		port = p
	}
	http.ListenAndServe(":"+port, nil)
}
`, "net/http", "os")},
		want: goWant{port: "8070", from: "main.go:9", env: []string{"PORT=8070@main.go:10"}},
	}, {
		name: "urfave/cli flag bound to a loopback default",
		files: map[string]string{"main.go": goMain(`func main() {
	app := &cli.App{Flags: []cli.Flag{
		&cli.StringFlag{Name: "listen", Value: "127.0.0.1:9000", EnvVars: []string{"LISTEN_ADDR"}},
	}}
	_ = app
}
`, "github.com/urfave/cli/v2")},
		want: goWant{port: "9000", from: "main.go:9", args: "--listen :9000", argsFrom: "main.go:9"},
	}, {
		name: "pflag imported as flag, privileged",
		files: map[string]string{"main.go": `package main

import (
	"net/http"

	flag "github.com/spf13/pflag"
)

func main() {
	addr := flag.String("http", ":443", "address")
	flag.Parse()
	http.ListenAndServe(*addr, nil)
}
`},
		want: goWant{port: "8080", from: "main.go:10", args: "--http :8080", argsFrom: "main.go:10"},
	}, {
		name: "an unrelated DB_PORT is not the port",
		files: map[string]string{"main.go": goMain(`func main() {
	db := os.Getenv("DB_PORT")
	if db == "" {
		db = "5432"
	}
	_ = db
	http.ListenAndServe(":8081", nil)
}
`, "net/http", "os")},
		want: goWant{port: "8081", from: "main.go:14"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			checkGo(t, goDetect(t, tc.files), tc.want)
		})
	}
}

func TestGoRuntimeFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  goWant
	}{{
		name: "gin templates and static",
		files: map[string]string{
			"templates/index.tmpl.html": "hi", "static/main.css": "",
			"main.go": goMain(`func main() {
	r := gin.New()
	r.LoadHTMLGlob("templates/*.tmpl.html")
	r.Static("/static", "./static")
	r.StaticFS("/more", http.Dir("public"))
	r.Run(":8080")
}
`, "net/http", "github.com/gin-gonic/gin"),
		},
		want: goWant{port: "8080", from: "main.go:13", files: []string{"templates@main.go:10", "static@main.go:11"},
			notes: []string{"main.go:12: the app reads public at run time (http.Dir), which is not in the project"}},
	}, {
		name: "gin LoadHTMLFiles, a file under a directory already copied",
		files: map[string]string{
			"views/a.html": "", "views/b.html": "",
			"main.go": goMain(`func main() {
	r := gin.Default()
	r.LoadHTMLGlob("views/**/*")
	r.LoadHTMLFiles("views/a.html", "./views/b.html")
	r.Run(":8080")
}
`, "github.com/gin-gonic/gin"),
		},
		want: goWant{port: "8080", from: "main.go:11", files: []string{"views@main.go:9"}},
	}, {
		name: "a directory replaces the files under it",
		files: map[string]string{
			"web/index.html": "",
			"main.go": goMain(`func main() {
	t := template.Must(template.ParseFiles(filepath.Join("web", "index.html")))
	_ = t
	http.Handle("/", http.FileServer(http.Dir("./web")))
	http.ListenAndServe(":8080", nil)
}
`, "html/template", "net/http", "path/filepath"),
		},
		want: goWant{port: "8080", from: "main.go:13", files: []string{"web@main.go:12"}},
	}, {
		name: "embedded templates are not copied",
		files: map[string]string{
			"templates/index.html.tmpl": "",
			"main.go": goMain(`//go:embed templates/*
var resources embed.FS

var t = template.Must(template.ParseFS(resources, "templates/*"))

func main() {
	http.Handle("/live/", http.FileServer(http.Dir("templates")))
	http.ListenAndServe(":8080", nil)
}
`, "embed", "html/template", "net/http"),
		},
		want: goWant{port: "8080", from: "main.go:16"},
	}, {
		name: "echo static and file, fiber static, template.ParseGlob",
		files: map[string]string{
			"public/app.js": "", "views/index.html": "", "assets/x.png": "",
			"main.go": goMain(`var tmpl = template.Must(template.ParseGlob("views/*.html"))

func main() {
	e := echo.New()
	e.Static("/", "public")
	e.File("/favicon.ico", "assets/x.png")
	e.Start(":1323")
}
`, "html/template", "github.com/labstack/echo/v4"),
		},
		want: goWant{port: "1323", from: "main.go:14", files: []string{"views@main.go:8", "public@main.go:12", "assets/x.png@main.go:13"}},
	}, {
		name: "viper config directory, os.ReadFile, migrations",
		files: map[string]string{
			"configs/app.yaml": "http:\n  port: 9100\n", "seed.json": "[]", "db/migrations/1_init.up.sql": "",
			"main.go": goMain(`func main() {
	v := viper.New()
	v.AddConfigPath("./configs")
	v.AddConfigPath("$HOME/.app")
	v.SetConfigName("app")
	data, _ := os.ReadFile("seed.json")
	_ = data
	m, _ := migrate.New("file://db/migrations", "postgres://")
	_ = m
	os.ReadFile("/etc/hostname")
}
`, "os", "github.com/golang-migrate/migrate/v4", "github.com/spf13/viper"),
		},
		want: goWant{port: "9100", from: "configs/app.yaml:2", files: []string{"seed.json@main.go:14", "db/migrations@main.go:16", "configs@main.go:13"}},
	}, {
		name: "a .env file is not copied",
		files: map[string]string{
			".env": "SECRET=x\n",
			"main.go": goMain(`func main() {
	os.ReadFile(".env")
	http.ListenAndServe(":8080", nil)
}
`, "net/http", "os"),
		},
		want: goWant{port: "8080", from: "main.go:10", notes: []string{"main.go:9: the app reads .env at run time (os.ReadFile); it is not copied"}},
	}, {
		name: "a flag's default names a project file",
		files: map[string]string{
			"settings.toml": "[server]\nport = 8443\n", "public/index.html": "",
			"main.go": goMain(`var (
	config = flag.String("config", "settings.toml", "config file")
	dir    = flag.String("dir", "./public", "files to serve")
	out    = flag.String("out", "report.json", "written, not read")
)

func main() {
	flag.Parse()
	http.ListenAndServe(":8080", http.FileServer(http.Dir(*dir)))
}
`, "flag", "net/http"),
		},
		want: goWant{port: "8080", from: "main.go:16", files: []string{"settings.toml@main.go:9", "public@main.go:10"}},
	}, {
		name: "fiber static in a cmd/ layout",
		files: map[string]string{
			"public/index.html": "",
			"cmd/web/main.go": goMain(`func main() {
	app := fiber.New()
	app.Static("/", "./public")
	app.Listen(":3000")
}
`, "github.com/gofiber/fiber/v2"),
		},
		want: goWant{port: "3000", from: "cmd/web/main.go:10", files: []string{"public@cmd/web/main.go:9"}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			checkGo(t, goDetect(t, tc.files), tc.want)
		})
	}
}

// TestGoSpecFromDetection: what the go detector finds reaches the spec
// (env, command, files), and the spec validates and generates a
// Dockerfile that copies the files.
func TestGoSpecFromDetection(t *testing.T) {
	c := goDetect(t, map[string]string{
		"templates/index.html": "", "static/app.css": "",
		"main.go": goMain(`var addr = flag.String("addr", ":80", "address")

func main() {
	flag.Parse()
	r := gin.Default()
	r.LoadHTMLGlob("templates/*")
	r.Static("/static", "static")
	http.ListenAndServe(*addr, r)
	_ = os.Getenv("DEBUG")
}
`, "flag", "net/http", "os", "github.com/gin-gonic/gin"),
	})
	s := c.Spec()
	s.Defaults()
	if errs := s.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if !slices.Equal(s.Command, []string{"-addr", ":8080"}) || !slices.Equal(s.Ports, []int{8080}) || !slices.Equal(s.Files, []string{"templates", "static"}) {
		t.Fatalf("command %q, ports %v, files %q", s.Command, s.Ports, s.Files)
	}
	files, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(files["Dockerfile"])
	for _, want := range []string{`COPY ["templates", "/app/templates"]`, `COPY ["static", "/app/static"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("the Dockerfile lacks %s:\n%s", want, df)
		}
	}
}
