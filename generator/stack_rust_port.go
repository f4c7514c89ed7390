package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Where a Rust server listens: Rocket's configuration (Rocket.toml, the
// code's figment, ROCKET_ADDRESS and ROCKET_PORT), else the address the
// code binds (TcpListener::bind("0.0.0.0:3000"), SocketAddr::from(([0, 0,
// 0, 0], 3000)), HttpServer::bind(("127.0.0.1", 8080))), the environment
// variables it reads for them (PORT, HOST), else a config crate's files
// (configuration/base.yaml's port).

var (
	// rustEnvPortRE is an environment variable read for the port, with the
	// rest of its statement (where a default is).
	rustEnvPortRE = regexp.MustCompile(`var(?:_os)?\(\s*"((?:[A-Z][A-Z0-9_]*_)?PORT)"\s*\)([^;]*)`)
	rustEnvHostRE = regexp.MustCompile(`var(?:_os)?\(\s*"((?:[A-Z][A-Z0-9_]*_)?(?:HOST|ADDR|ADDRESS|BIND))"\s*\)([^;]*)`)
	rustDigitsRE  = regexp.MustCompile(`\b(\d{2,5})\b`)
	// rustBindREs are literal listen addresses: the capture groups are the
	// host (or the four octets) and the port.
	rustBindREs = []*regexp.Regexp{
		regexp.MustCompile(`"(0\.0\.0\.0|127\.0\.0\.1|localhost|\[::\]|\[::1\]):(\d{2,5})"`),
		regexp.MustCompile(`\(\s*"(0\.0\.0\.0|127\.0\.0\.1|localhost|::|::1)"\s*,\s*(\d{2,5})\s*\)`),
		regexp.MustCompile(`\(\s*\[\s*(\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3})\s*\]\s*,\s*(\d{2,5})\s*\)`),
		regexp.MustCompile(`\(\s*Ipv[46]Addr::(UNSPECIFIED|LOCALHOST)\s*\)?\s*,\s*(\d{2,5})\s*\)`),
		regexp.MustCompile(`Ipv4Addr::new\(\s*(\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3})\s*\)\s*\)?\s*,\s*(\d{2,5})\s*\)`),
	}
	// rustFormatBindRE is an address made with format!: its host is
	// literal, its port a variable.
	rustFormatBindRE = regexp.MustCompile(`format!\(\s*"(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::\]):\{`)
	// rocketMergeRE is a setting the code merges into Rocket's figment,
	// which overrides Rocket.toml and ROCKET_ environment variables.
	rocketMergeRE = regexp.MustCompile(`\(\s*"(port|address)"\s*,\s*("[^"]*"|\d+)\s*\)`)
	// rocketConfigRE is a rocket::Config the code configures Rocket with
	// (Config { address: "0.0.0.0".parse().unwrap(), port: 8000, .. }),
	// which also replaces Rocket.toml and ROCKET_ variables; its fields
	// are read with rocketFieldRE.
	rocketConfigRE = regexp.MustCompile(`Config\s*\{[^}]*\}`)
	rocketFieldRE  = regexp.MustCompile(`\b(port|address):\s*(\d{2,5}|"[^"]*"|Ipv[46]Addr::[A-Z]+)`)
	// rustConfigPortRE and rustConfigHostRE are a port and a host key of a
	// YAML or TOML configuration file.
	rustConfigPortRE = regexp.MustCompile(`^\s*port\s*[:=]\s*"?(\d{2,5})"?\s*(?:#.*)?$`)
	rustConfigHostRE = regexp.MustCompile(`^\s*(?:host|address)\s*[:=]\s*["']?([0-9a-zA-Z.:\[\]]+)["']?\s*(?:#.*)?$`)
	// rustLoopbackHostRE is a loopback host without a literal port:
	// SocketAddr::from(([127, 0, 0, 1], port)).
	rustLoopbackHostRE = regexp.MustCompile(`(?:bind|from|listen|new)\(\s*&?\(?\s*(?:\[\s*127\s*,\s*0\s*,\s*0\s*,\s*1\s*\]|Ipv4Addr::LOCALHOST|"(?:127\.0\.0\.1|localhost)")\s*,`)
	rustEnvDefaultRE   = regexp.MustCompile(`"([^"]*)"`)
)

// rustConfigDirs are where config-crate projects keep their files
// (zero2prod's configuration/base.yaml); rustConfigFirst are the names read
// first, the settings every environment shares.
var (
	rustConfigDirs  = []string{"configuration", "config", "settings"}
	rustConfigFirst = []string{"base", "default"}
)

// rustPort is the rust detector's port hook.
func rustPort(p *project, c *Candidate) bool {
	_, crates := rustCrates(p)
	crate, ok := rustCrateOf(crates, c.Main.Value)
	if !ok {
		if len(crates) == 0 {
			return false
		}
		crate = crates[0]
	}
	srcs := rustBinSources(p, crate, c.Main.Value)
	if line, ok := crate.Manifest.Deps["rocket"]; ok {
		rocketPort(p, c, crate, at(crate.file("Cargo.toml"), line), srcs)
		return true
	}
	return rustBindPort(p, c, srcs) || rustConfigPort(p, c, crate)
}

// rustHostName spells a loopback host as an address: 127.0.0.1 for
// [127, 0, 0, 1] and Ipv4Addr::LOCALHOST.
func rustHostName(h string) string {
	switch h {
	case "127,0,0,1", "LOCALHOST":
		return "127.0.0.1"
	}
	return h
}

// loopbackHost reports whether a listen host is reachable only from inside
// the container.
func loopbackHost(h string) bool {
	h = strings.ReplaceAll(h, " ", "")
	return h == "127.0.0.1" || h == "localhost" || h == "[::1]" || h == "::1" || h == "LOCALHOST" || h == "127,0,0,1"
}

// rustBindPort reads the code's listen address and the environment
// variables it reads for it.
func rustBindPort(p *project, c *Candidate, srcs []string) bool {
	envPort, envPortOK := scanFirst(p, srcs, rustEnvPortRE)
	bind, bindOK := scanFirst(p, srcs, rustBindREs...)
	if envPortOK {
		name := envPort.groups[0]
		port := Detected{Value: strconv.Itoa(DefaultPort), From: envPort.from}
		if d := rustDigitsRE.FindStringSubmatch(envPort.groups[1]); d != nil {
			port.Value = d[1]
		} else if bindOK {
			port = Detected{Value: bind.groups[1], From: bind.from}
		}
		c.unprivileged(port, name)
		if c.Port.Value == port.Value {
			c.setEnv(name, c.Port.Value, envPort.from, fmt.Sprintf("the app reads %s for its port", name))
		}
	} else if bindOK {
		c.unprivileged(Detected{Value: bind.groups[1], From: bind.from}, "")
	}
	// The host: an environment variable the code reads, else the literal.
	if host, ok := scanFirst(p, srcs, rustEnvHostRE); ok {
		if d := rustEnvDefaultRE.FindStringSubmatch(host.groups[1]); d == nil || !strings.HasPrefix(d[1], "0.0.0.0") && d[1] != "::" && d[1] != "[::]" {
			c.setEnv(host.groups[0], "0.0.0.0", host.from, fmt.Sprintf("the app reads %s for its listen address; 0.0.0.0 makes it reachable from outside the container", host.groups[0]))
		}
	} else if bindOK && loopbackHost(bind.groups[0]) && !strings.Contains(bind.before, "connect") {
		c.bindsLoopback(bind.from, rustHostName(bind.groups[0]), "make it bind 0.0.0.0 (or read the address from an environment variable)")
	} else if f, ok := scanFirst(p, srcs, rustFormatBindRE); ok && loopbackHost(f.groups[0]) {
		c.bindsLoopback(f.from, f.groups[0], "make it bind 0.0.0.0")
	} else if f, ok := scanFirst(p, srcs, rustLoopbackHostRE); ok && !bindOK {
		c.bindsLoopback(f.from, "127.0.0.1", "make it bind 0.0.0.0")
	}
	return envPortOK || bindOK
}

// rustConfigPort reads the port and host of a config crate's files
// (configuration/base.yaml's application.port), when the code binds none
// itself.
func rustConfigPort(p *project, c *Candidate, crate rustCrate) bool {
	if _, ok := crate.Manifest.Deps["config"]; !ok {
		return false
	}
	var port *Detected
	var loop, open []string
	loopHost := ""
	for _, f := range rustConfigFiles(p, crate) {
		data, _ := p.read(f)
		for _, kv := range rustListenSettings(data) {
			from := at(f, kv.line)
			switch {
			case kv.key == "port" && port == nil:
				port = &Detected{Value: kv.value, From: from}
			case kv.key == "port":
			case loopbackHost(kv.value):
				loop = append(loop, from)
				if loopHost == "" {
					loopHost = kv.value
				}
			case kv.value == "0.0.0.0" || kv.value == "::" || kv.value == "[::]":
				open = append(open, from)
			}
		}
	}
	if port == nil {
		return false
	}
	c.unprivileged(*port, "")
	switch {
	case len(loop) > 0 && len(open) > 0:
		// Which file the app reads is chosen at run time: a note, not a
		// certainty.
		c.Notes = append(c.Notes, fmt.Sprintf("%s: host is loopback, which nothing outside the container can reach: run the image with the configuration that binds 0.0.0.0 (%s), usually chosen by an environment variable", strings.Join(loop, ", "), strings.Join(open, ", ")))
	case len(loop) > 0:
		c.bindsLoopback(strings.Join(loop, ", "), loopHost, "set the host to 0.0.0.0 in the configuration the image runs")
	}
	return true
}

// rustListenSections are the sections of a configuration file whose port
// and host are the server's (not a database's): top-level keys, and these.
var rustListenSections = []string{"", "application", "app", "server", "http", "web", "api"}

// rustSetting is a port or host key of a configuration file.
type rustSetting struct {
	key, value string
	line       int
}

// rustListenSettings reads the port and host (or address) keys of a YAML
// or TOML file that are at its top level or in a rustListenSections
// section (a YAML key at column 0, a TOML [table]).
func rustListenSettings(data []byte) []rustSetting {
	var out []rustSetting
	section := ""
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if h := cargoHeaderRE.FindStringSubmatch(line); h != nil {
			section = h[2]
			continue
		}
		if line[0] != ' ' && line[0] != '\t' && strings.HasSuffix(trimmed, ":") {
			section = strings.TrimSuffix(trimmed, ":")
			continue
		}
		if line[0] != ' ' && line[0] != '\t' && !strings.Contains(line, "=") {
			section = ""
		}
		if !slices.Contains(rustListenSections, section) {
			continue
		}
		if m := rustConfigPortRE.FindStringSubmatch(line); m != nil {
			out = append(out, rustSetting{"port", m[1], i + 1})
		} else if m := rustConfigHostRE.FindStringSubmatch(line); m != nil {
			out = append(out, rustSetting{"host", m[1], i + 1})
		}
	}
	return out
}

// rustConfigFiles lists the YAML, TOML and JSON files of the config
// directories, base and default first.
func rustConfigFiles(p *project, crate rustCrate) []string {
	var out []string
	for _, dir := range rustConfigDirs {
		for _, d := range slices.Compact([]string{dir, crate.file(dir)}) {
			entries, err := fs.ReadDir(p.fsys, d)
			if err != nil {
				continue
			}
			var first, rest []string
			for _, e := range entries {
				ext := path.Ext(e.Name())
				if e.IsDir() || (ext != ".yaml" && ext != ".yml" && ext != ".toml" && ext != ".json") {
					continue
				}
				if slices.Contains(rustConfigFirst, strings.TrimSuffix(e.Name(), ext)) {
					first = append(first, path.Join(d, e.Name()))
				} else {
					rest = append(rest, path.Join(d, e.Name()))
				}
			}
			out = append(append(out, first...), rest...)
		}
	}
	return out
}

// rocketProfiles are the Rocket.toml tables read, lowest precedence first:
// [default], then [release] (the profile of a release build), then
// [global], which overrides every profile.
var rocketProfiles = []string{"default", "release", "global"}

// rocketPort: Rocket listens on 127.0.0.1:8000 unless Rocket.toml, the
// code's figment or ROCKET_ADDRESS and ROCKET_PORT say otherwise.
func rocketPort(p *project, c *Candidate, crate rustCrate, depFrom string, srcs []string) {
	port := Detected{Value: "8000", From: depFrom, Reason: "Rocket's default port"}
	addr := Detected{Value: "127.0.0.1", From: depFrom}
	for _, name := range slices.Compact([]string{"Rocket.toml", crate.file("Rocket.toml")}) {
		data, ok := p.read(name)
		if !ok {
			continue
		}
		vals := rocketToml(data)
		for _, prof := range rocketProfiles {
			if v, ok := vals[prof+".port"]; ok {
				port = Detected{Value: v.Value, From: at(name, v.Line)}
			}
			if v, ok := vals[prof+".address"]; ok {
				addr = Detected{Value: v.Value, From: at(name, v.Line)}
			}
		}
	}
	var codePort, codeAddr bool
	for _, f := range srcs {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		var found [][]int
		found = append(found, rocketMergeRE.FindAllSubmatchIndex(data, -1)...)
		for _, cfg := range rocketConfigRE.FindAllIndex(data, -1) {
			for _, m := range rocketFieldRE.FindAllSubmatchIndex(data[cfg[0]:cfg[1]], -1) {
				for i := range m {
					m[i] += cfg[0]
				}
				found = append(found, m)
			}
		}
		for _, m := range found {
			v := Detected{Value: strings.Trim(string(data[m[4]:m[5]]), `"`), From: at(f, lineAt(data, m[2]))}
			switch v.Value {
			case "Ipv4Addr::UNSPECIFIED", "Ipv6Addr::UNSPECIFIED":
				v.Value = "0.0.0.0"
			case "Ipv4Addr::LOCALHOST", "Ipv6Addr::LOCALHOST":
				v.Value = "127.0.0.1"
			}
			if string(data[m[2]:m[3]]) == "port" {
				port, codePort = v, true
			} else {
				addr, codeAddr = v, true
			}
		}
	}
	if codePort {
		c.unprivileged(port, "") // the code's setting beats ROCKET_PORT
	} else {
		c.unprivileged(port, "ROCKET_PORT")
	}
	switch {
	case !loopbackHost(addr.Value) && addr.Value != "":
	case codeAddr:
		c.bindsLoopback(addr.From, addr.Value, "the code sets Rocket's address, which ROCKET_ADDRESS cannot override: set it to 0.0.0.0")
	default:
		why := "Rocket listens on 127.0.0.1 by default, which nothing outside the container can reach"
		if addr.From != depFrom {
			why = fmt.Sprintf("Rocket.toml sets the address to %s (loopback), which nothing outside the container can reach", addr.Value)
		}
		c.setEnv("ROCKET_ADDRESS", "0.0.0.0", addr.From, why)
	}
}

// rocketToml reads PROFILE.port and PROFILE.address of a Rocket.toml.
func rocketToml(data []byte) map[string]cargoValue {
	out := map[string]cargoValue{}
	table := ""
	for i, line := range strings.Split(string(data), "\n") {
		if h := cargoHeaderRE.FindStringSubmatch(line); h != nil {
			table = h[2]
			continue
		}
		kv := cargoKeyRE.FindStringSubmatch(line)
		if kv == nil || (kv[1] != "port" && kv[1] != "address") {
			continue
		}
		out[table+"."+kv[1]] = cargoValue{strings.Trim(stripTOMLComment(kv[2]), `"'`), i + 1}
	}
	return out
}

// rustMatch is a pattern's first match in the sources.
type rustMatch struct {
	from   string
	text   string
	groups []string
	// before is the text on the match's line before it (a connect( is
	// not a listen address).
	before string
}

// scanFirst returns the earliest match of any of the patterns in the first
// file that has one, with its capture groups.
func scanFirst(p *project, files []string, res ...*regexp.Regexp) (rustMatch, bool) {
	for _, f := range files {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		var best []int
		var bestRE *regexp.Regexp
		for _, re := range res {
			if m := re.FindSubmatchIndex(data); m != nil && (best == nil || m[0] < best[0]) {
				best, bestRE = m, re
			}
		}
		if best == nil {
			continue
		}
		start := bytes.LastIndexByte(data[:best[0]], '\n') + 1
		r := rustMatch{from: at(f, lineAt(data, best[0])), text: string(data[best[0]:best[1]]), before: string(data[start:best[0]])}
		for g := 1; g <= bestRE.NumSubexp(); g++ {
			if best[2*g] >= 0 {
				r.groups = append(r.groups, string(data[best[2*g]:best[2*g+1]]))
			} else {
				r.groups = append(r.groups, "")
			}
		}
		return r, true
	}
	return rustMatch{}, false
}
