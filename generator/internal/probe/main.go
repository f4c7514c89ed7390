// Command probe is the HTTP healthcheck of images whose runtime has no
// cheap HTTP client of its own (a JVM would start a second JVM for every
// probe): dockergen writes this file into the Dockerfile, builds it static
// in a stage of its own and copies only the binary into the image, as
// /opt/dockergen/probe. It needs no shell, no libc and no runtime.
//
// Usage: probe http://HOST:PORT/PATH
//
// It sends one HTTP/1.1 GET with Connection: close and exits 0 only when
// the status line says 2xx; anything else (a refused connection, a timeout,
// a redirect, which it does not follow, an error status, an answer that is
// not HTTP) exits 1 with the reason on stderr, which the engine keeps in the
// container health log. The whole exchange has a 3 second deadline.
//
// The source is written into the Dockerfile between single quotes, so it
// must hold none (generator/probe_test.go checks it).
package main

import (
	"bufio"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

const timeout = 3 * time.Second

func main() {
	if len(os.Args) != 2 {
		fail("usage: probe http://HOST:PORT/PATH")
	}
	u, err := url.Parse(os.Args[1])
	if err != nil || u.Scheme != "http" || u.Host == "" || u.User != nil {
		fail("not an http://HOST:PORT/PATH URL: " + os.Args[1])
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	deadline := time.Now().Add(timeout)
	c, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		fail(err.Error())
	}
	defer c.Close()
	if err := c.SetDeadline(deadline); err != nil {
		fail(err.Error())
	}
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUser-Agent: dockergen-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n"
	if _, err := c.Write([]byte(req)); err != nil {
		fail(err.Error())
	}
	line, err := bufio.NewReader(c).ReadString(10)
	if err != nil {
		fail("no status line: " + err.Error())
	}
	line = strings.TrimSpace(line)
	f := strings.Fields(line)
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/1.") || !ok2xx(f[1]) {
		fail(line)
	}
	os.Stdout.WriteString(line + "\n")
}

// ok2xx reports that a status code is three digits from 200 to 299.
func ok2xx(code string) bool {
	n, err := strconv.Atoi(code)
	return err == nil && len(code) == 3 && n >= 200 && n < 300
}

// fail exits 1 with the reason on stderr.
func fail(msg string) {
	os.Stderr.WriteString("probe: " + msg + "\n")
	os.Exit(1)
}
