package generator

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// What the java detectors read from a project's dependencies and plugins:
// the health endpoint a framework serves, the threads its web server starts
// (which the pids limit must admit), and the jar the build writes. Knowledge
// is data: javaDeps and javaPlugins; the code below only applies them.

// javaDep is a dependency (a Maven artifactId, the artifact of a Gradle
// coordinate) and what it means for the image.
type javaDep struct {
	Artifact string
	// Health is the HTTP path the dependency serves for health checks.
	Health string
	// Threads is the maximum of request threads its server starts by
	// default, ThreadsProp the Spring property that changes it.
	Threads     int
	ThreadsProp string
	// Server names the web server, for a note.
	Server string
	// Framework marks the framework itself (its non-heap needs more than
	// the default memory leaves): Memory is what dockergen suggests.
	Framework string
	Memory    string
}

// javaDeps are the dependencies the detectors know, in the order they are
// looked for.
var javaDeps = []javaDep{
	{Artifact: "spring-boot-starter-actuator", Health: "/actuator/health"},
	{Artifact: "quarkus-smallrye-health", Health: "/q/health"},
	{Artifact: "micronaut-management", Health: "/health"},
	{Artifact: "spring-boot-starter-web", Threads: 200, ThreadsProp: "server.tomcat.threads.max", Server: "Tomcat", Framework: "Spring Boot", Memory: "512m"},
	{Artifact: "spring-boot-starter-webflux", Framework: "Spring Boot", Memory: "512m"},
}

// javaWebFrameworks are frameworks whose apps serve HTTP only with one of
// their web dependencies: Marker (a regexp) says the build uses the
// framework, Web lists the dependencies that bring a server. Without one
// the app serves nothing (a CommandLineRunner runs and exits).
var javaWebFrameworks = []struct {
	Name, Marker string
	Web          []string
}{
	{"Spring Boot", `<artifactId>\s*spring-boot-starter-parent\s*</artifactId>|["']org\.springframework\.boot["']`,
		[]string{"spring-boot-starter-web", "spring-boot-starter-webmvc", "spring-boot-starter-webflux", "spring-boot-starter-jersey", "spring-boot-starter-websocket"}},
}

// javaNoServerNote notes a framework app that declares none of its web
// dependencies: the port is then a guess.
func javaNoServerNote(p *project, c *Candidate, buildFiles []string) {
	for _, fw := range javaWebFrameworks {
		re := regexp.MustCompile(fw.Marker)
		from := ""
		for _, f := range buildFiles {
			if data, ok := p.read(f); ok {
				if m := re.FindIndex(data); m != nil {
					from = at(f, lineAt(data, m[0]))
					break
				}
			}
		}
		if from == "" {
			continue
		}
		web := false
		for _, w := range fw.Web {
			web = web || javaDeclares(p, buildFiles, w) != ""
		}
		if !web {
			c.Notes = append(c.Notes, fmt.Sprintf("%s: a %s app without a web dependency (%s): it serves no HTTP (a CommandLineRunner runs and exits), so port %s is a guess — add one, or run it as a job rather than a service",
				from, fw.Name, strings.Join(fw.Web, ", "), c.Port.Value))
		}
	}
}

// javaDeclares returns where the build files declare a dependency on
// artifact (file:line), or "".
func javaDeclares(p *project, buildFiles []string, artifact string) string {
	q := regexp.QuoteMeta(artifact)
	// <artifactId>X</artifactId> in a pom.xml, group:X[:version] in a
	// Gradle coordinate (Groovy or Kotlin DSL).
	re := regexp.MustCompile(`<artifactId>\s*` + q + `\s*</artifactId>|[A-Za-z0-9_.-]:` + q + `(?:["':)]|$)`)
	for _, f := range buildFiles {
		if data, ok := p.read(f); ok {
			if m := re.FindIndex(data); m != nil {
				return at(f, lineAt(data, m[0]))
			}
		}
	}
	return ""
}

// javaFound is a dependency or plugin found in a build file, with where.
type javaFound struct {
	javaDep
	From string
}

// javaDepsIn returns the known dependencies that the build files declare.
func javaDepsIn(p *project, buildFiles []string) []javaFound {
	var out []javaFound
	for _, d := range javaDeps {
		if from := javaDeclares(p, buildFiles, d.Artifact); from != "" {
			out = append(out, javaFound{d, from})
		}
	}
	return out
}

var (
	// gradleBootRE applies the Spring Boot plugin: id 'org.springframework.boot',
	// id("org.springframework.boot"), apply plugin: 'org.springframework.boot'.
	gradleBootRE = regexp.MustCompile(`(?:\bid\s*\(?\s*|apply\s*\(?\s*plugin\s*[:=]\s*)["']org\.springframework\.boot["']`)
	// gradleVersionRE is the project's version, which names the jar.
	gradleVersionRE = regexp.MustCompile(`(?m)^\s*version\s*=\s*["']([A-Za-z0-9._+-]+)["']`)
	// gradleBootJarNameRE is bootJar's archiveFileName.
	gradleBootJarNameRE = regexp.MustCompile(`archiveFileName(?:\s*=\s*|\.set\(\s*)["']([A-Za-z0-9_][A-Za-z0-9._+-]*\.jar)["']`)
	// gradleBaseNameRE is bootJar's (or jar's) archiveBaseName, or the
	// baseName of Gradle before 5.
	gradleBaseNameRE = regexp.MustCompile(`(?:archiveBaseName(?:\s*=\s*|\.set\(\s*)|\bbaseName\s*=\s*)["']([A-Za-z0-9_][A-Za-z0-9._+-]*)["']`)
	// quarkusPluginRE is the Quarkus build plugin (Maven or Gradle).
	quarkusPluginRE = regexp.MustCompile(`<artifactId>\s*quarkus-maven-plugin\s*</artifactId>|\bid\s*\(?\s*["']io\.quarkus["']`)
	// quarkusUberRE packages an uber-jar instead of the fast-jar directory.
	quarkusUberRE = regexp.MustCompile(`(?m)^\s*quarkus\.package\.(?:jar\.)?type\s*=\s*uber-jar\s*$`)
	// shadowPluginRE is the Shadow plugin (Micronaut's application builds):
	// assemble writes NAME-all.jar with the dependencies beside the thin jar.
	shadowPluginRE = regexp.MustCompile(`\bid\s*\(?\s*["'](?:com\.github\.johnrengelman\.shadow|com\.gradleup\.shadow|io\.github\.goooler\.shadow)["']`)
)

// gradleMains returns the jar a Gradle build writes when a plugin decides
// it: the Spring Boot plugin's bootJar (assemble also writes a -plain.jar
// without the dependencies), Quarkus's fast-jar, Shadow's -all.jar.
func gradleMains(p *project, c *Candidate) []Detected {
	for _, f := range []string{"build.gradle", "build.gradle.kts"} {
		data, ok := p.read(f)
		if !ok {
			continue
		}
		if m := quarkusPluginRE.FindIndex(data); m != nil {
			return []Detected{quarkusMain(p, "build", at(f, lineAt(data, m[0])))}
		}
		if m := shadowPluginRE.FindIndex(data); m != nil {
			return []Detected{{Value: "build/libs/*-all.jar", From: at(f, lineAt(data, m[0])),
				Reason: "the Shadow plugin: assemble writes NAME-all.jar with the dependencies beside the thin jar, which has none"}}
		}
		m := gradleBootRE.FindIndex(data)
		if m == nil {
			continue
		}
		from := at(f, lineAt(data, m[0]))
		if n := gradleBootJarNameRE.FindSubmatchIndex(data); n != nil {
			return []Detected{{Value: "build/libs/" + string(data[n[2]:n[3]]), From: at(f, lineAt(data, n[2])),
				Reason: "the Spring Boot plugin's bootJar archiveFileName"}}
		}
		name, nameFrom := "", ""
		for _, s := range []string{"settings.gradle", "settings.gradle.kts"} {
			if v, line, ok := regexpLine(gradleRootNameRE, asIs)(mustRead(p, s)); ok {
				name, nameFrom = v, at(s, line)
				break
			}
		}
		if n := gradleBaseNameRE.FindSubmatchIndex(data); n != nil {
			name, nameFrom = string(data[n[2]:n[3]]), at(f, lineAt(data, n[2]))
		}
		why := "the Spring Boot plugin (" + from + "): assemble writes the boot jar and a -plain.jar without the dependencies"
		if name == "" {
			// The build directory names the project: main keeps the glob,
			// and the build step passes over the -plain.jar.
			return []Detected{{Value: javaGradleMain, From: from, Reason: why + "; the build step takes the one that is not -plain.jar"}}
		}
		jar := name + ".jar"
		if v := gradleVersionRE.FindSubmatchIndex(data); v != nil {
			jar = name + "-" + string(data[v[2]:v[3]]) + ".jar"
			why += fmt.Sprintf("; the boot jar is NAME (%s)-VERSION (%s).jar", nameFrom, at(f, lineAt(data, v[2])))
		} else {
			why += fmt.Sprintf("; the boot jar is NAME (%s).jar, no version set", nameFrom)
		}
		if javaJarRE.MatchString("build/libs/" + jar) {
			return []Detected{{Value: "build/libs/" + jar, From: from, Reason: why}}
		}
		return []Detected{{Value: javaGradleMain, From: from, Reason: why}}
	}
	return nil
}

// mavenPluginMains returns the jar a Maven build writes when a plugin
// decides it (Quarkus's fast-jar directory), or nil.
func mavenPluginMains(p *project) []Detected {
	data, ok := p.read("pom.xml")
	if !ok {
		return nil
	}
	if m := quarkusPluginRE.FindIndex(data); m != nil {
		return []Detected{quarkusMain(p, "target", at("pom.xml", lineAt(data, m[0])))}
	}
	return nil
}

// quarkusMain is a Quarkus build's runnable jar under out (target or
// build): quarkus-app/quarkus-run.jar, whose lib/, app/ and quarkus/ beside
// it the build step copies along, or the -runner.jar of an uber-jar.
func quarkusMain(p *project, out, from string) Detected {
	const props = "src/main/resources/application.properties"
	if data, ok := p.read(props); ok {
		if m := quarkusUberRE.FindIndex(data); m != nil {
			return Detected{Value: out + "/*-runner.jar", From: at(props, lineAt(data, m[0])), Reason: "Quarkus packages an uber-jar, NAME-runner.jar"}
		}
	}
	return Detected{Value: out + "/quarkus-app/quarkus-run.jar", From: from,
		Reason: "Quarkus's fast-jar: quarkus-run.jar needs lib/, app/ and quarkus/ beside it, which the image keeps"}
}

func mustRead(p *project, name string) []byte {
	data, _ := p.read(name)
	return data
}

// javaFrameworkNotes sets what the dependencies say: the health endpoint
// (or no HTTP healthcheck, with why), the pids and memory a web server
// needs, and the JVM's heap within the memory limit.
func javaFrameworkNotes(p *project, c *Candidate, buildFiles []string) {
	deps := javaDepsIn(p, buildFiles)
	javaNoServerNote(p, c, buildFiles)
	if !c.HealthPath.Found() {
		for _, d := range deps {
			if d.Health != "" {
				c.HealthPath = Detected{Value: d.Health, From: d.From, Reason: d.Artifact + " serves it"}
				break
			}
		}
	}
	if !c.HealthPath.Found() {
		c.NoHealth = "no health endpoint found"
		c.Notes = append(c.Notes, "no health endpoint found (no spring-boot-starter-actuator, quarkus-smallrye-health or micronaut-management dependency, no /health, /healthz, /livez or /readyz route in the sources read): no HTTP healthcheck, since probing / would leave an app that does not serve it unhealthy forever — add one of those dependencies or set healthcheck.path")
	}
	for _, d := range deps {
		if d.Threads > 0 {
			threads, tfrom := d.Threads, d.From
			if v, ok := p.scan([]string{"src/main/resources/application.properties", "src/main/resources/application.yml", "src/main/resources/application.yaml"},
				[]*regexp.Regexp{regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(d.ThreadsProp) + `\s*[=:]\s*(\d{1,5})\s*$`)}); ok {
				threads, _ = strconv.Atoi(v.Value)
				tfrom = v.From
			}
			pids := javaPids(threads)
			if pids > DefaultPids {
				margin := "the JVM's own threads (GC, JIT compilers, the server's acceptor and poller)"
				if c.HealthPath.Found() {
					margin += " and the healthcheck probe's few threads"
				}
				c.Pids = Detected{Value: strconv.Itoa(pids), From: tfrom,
					Reason: fmt.Sprintf("%s starts up to %d request threads (%s); %d more for %s", d.Server, threads, d.ThreadsProp, javaThreadMargin, margin)}
				c.Notes = append(c.Notes, fmt.Sprintf("%s: %s starts up to %d request threads (%s, 200 unless set): resources.pids %d = %d + %d for %s; the default %d would stop the server from starting threads under load",
					tfrom, d.Server, threads, d.ThreadsProp, pids, threads, javaThreadMargin, margin, DefaultPids))
			}
		}
		if d.Memory != "" && !c.Memory.Found() {
			s := &Spec{Resources: Resources{Memory: DefaultMemory}, Healthcheck: Healthcheck{Path: c.HealthPath.Value}}
			pct, _ := javaHeap(s)
			c.Memory = Detected{Value: d.Memory, From: d.From,
				Reason: fmt.Sprintf("a %s app: the default %s leaves its heap %dm beside the metaspace and code cache of its classes", d.Framework, DefaultMemory, MemoryBytes(DefaultMemory)>>20*int64(pct)/100)}
		}
	}
	if c.Memory.Found() {
		// The heap in the memory init suggests, the probe counted when
		// there is a path to probe.
		s := &Spec{Resources: Resources{Memory: c.Memory.Value}, Healthcheck: Healthcheck{Path: c.HealthPath.Value}}
		pct, why := javaHeap(s)
		c.Notes = append(c.Notes, fmt.Sprintf("%s: %s: resources.memory %s, and the JVM's heap -XX:MaxRAMPercentage=%d of it: %s",
			c.Memory.From, c.Memory.Reason, c.Memory.Value, pct, why))
	}
}

// javaThreadMargin is the threads a JVM needs besides its app's: GC and JIT
// compiler threads, signal and reference handlers, a server's acceptor and
// poller, and the few threads of the healthcheck probe's Go runtime.
const javaThreadMargin = 64

// javaPids is the pids limit for an app whose server starts threads
// request threads.
func javaPids(threads int) int { return threads + javaThreadMargin }

// javaNonHeapMiB is what a JVM needs besides its heap (metaspace, code
// cache, thread stacks, GC structures) and javaProbeMiB what the
// healthcheck probe takes while it runs: the static probe binary
// (probe.go), not a second JVM (which took 32m, with -Xmx32m): its
// resident size is about 3m (measured with /usr/bin/time -f %M), so 8m
// leaves room to spare. javaMaxHeapPct caps the heap share for large limits at the usual
// container value (the JVM's own default for containers is 25): with the
// probe no longer a JVM, Spring Boot's 512m reaches it.
const (
	javaNonHeapMiB = 96
	javaProbeMiB   = 8
	javaMaxHeapPct = 75
	javaMinHeapPct = 25
)

// javaHeap returns the -XX:MaxRAMPercentage of a spec's JVM: what is left of
// resources.memory after the JVM's non-heap memory and, when the image
// probes a path, the static probe, capped to 25-75%, and why, with the
// numbers. The percentage (not an -Xmx) keeps the heap within a limit
// changed at run time too.
func javaHeap(s *Spec) (int, string) {
	mem := MemoryBytes(s.Resources.Memory) >> 20
	reserve, parts := int64(javaNonHeapMiB), fmt.Sprintf("%dm for the JVM's non-heap memory (metaspace, code cache, thread stacks)", javaNonHeapMiB)
	if javaHasProbe(s) {
		reserve += javaProbeMiB
		parts += fmt.Sprintf(" and %dm for the healthcheck probe (a static binary, no second JVM) while it runs", javaProbeMiB)
	}
	if mem <= 0 {
		return javaMaxHeapPct, "the heap follows the container's limit"
	}
	pct := int((mem - reserve) * 100 / mem)
	pct = max(javaMinHeapPct, min(javaMaxHeapPct, pct))
	heap := mem * int64(pct) / 100
	why := fmt.Sprintf("a heap of %dm leaves %s", heap, parts)
	switch {
	case mem-heap < reserve:
		why += fmt.Sprintf("; %s is too small for that (%dm or more fits a heap of %d%%)", s.Resources.Memory, reserve*100/(100-javaMinHeapPct)+1, javaMinHeapPct)
	case pct == javaMaxHeapPct:
		why += fmt.Sprintf(" (the heap is capped at %d%%)", javaMaxHeapPct)
	}
	return pct, why
}

// javaHasProbe reports that the image runs the static healthcheck probe.
func javaHasProbe(s *Spec) bool {
	return !s.Healthcheck.Disabled && s.Healthcheck.Path != "" && len(s.Healthcheck.Command) == 0
}
