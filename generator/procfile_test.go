package generator

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestProcfileWeb(t *testing.T) {
	p := &project{fsys: fstest.MapFS{"Procfile": {Data: []byte("release: python manage.py migrate\n\nweb:   gunicorn gettingstarted.wsgi --bind 0.0.0.0:$PORT\nworker: celery\n")}}, cache: map[string][]byte{}}
	d, ok := procfileWeb(p)
	if !ok || d.Value != "gunicorn gettingstarted.wsgi --bind 0.0.0.0:$PORT" || d.From != "Procfile:3" {
		t.Fatalf("got %+v %v", d, ok)
	}
	p = &project{fsys: fstest.MapFS{"Procfile": {Data: []byte("worker: node worker.js\n")}}, cache: map[string][]byte{}}
	if d, ok := procfileWeb(p); ok {
		t.Fatalf("no web process, got %+v", d)
	}
	p = &project{fsys: fstest.MapFS{}, cache: map[string][]byte{}}
	if _, ok := procfileWeb(p); ok {
		t.Fatal("no Procfile")
	}
}

func TestProcfileWords(t *testing.T) {
	for in, want := range map[string][]string{
		"gunicorn app:app":                                  {"gunicorn", "app:app"},
		"NODE_ENV=production node  'src/my app.js'":         {"node", "src/my app.js"},
		`bin/rails server -p ${PORT:-5000} -e "$RAILS_ENV"`: {"bin/rails", "server", "-p", "${PORT:-5000}", "-e", "$RAILS_ENV"},
		"A=1": {"A=1"},
	} {
		if got := procfileWords(in); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestUnprivileged(t *testing.T) {
	c := &Candidate{Port: Detected{Value: "8080"}}
	c.unprivileged(Detected{Value: "80", From: "main.go:9"}, "PORT")
	if c.Port.Value != "8080" || len(c.Env) != 1 || c.Env[0].Name != "PORT" || c.Env[0].Value != "8080" {
		t.Fatalf("privileged port with a setting: %+v", c)
	}
	c = &Candidate{Port: Detected{Value: "8080"}}
	c.unprivileged(Detected{Value: "443", From: "main.go:9"}, "")
	if c.Port.Found() || len(c.Env) != 0 || len(c.Notes) != 1 {
		t.Fatalf("privileged port without a setting: %+v", c)
	}
	c = &Candidate{}
	c.unprivileged(Detected{Value: "3000", From: "index.js:4"}, "PORT")
	if c.Port.Value != "3000" || len(c.Env) != 0 {
		t.Fatalf("unprivileged: %+v", c)
	}
}
