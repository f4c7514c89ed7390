package generator

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// The java stacks: java-maven and java-gradle build an executable jar
// (Main-Class in its manifest) with Maven or Gradle on the official builder
// image, then run it with `java -jar` on a Java runtime made in the builder
// with jlink, on any base.
//
// main is the built jar: its path inside the build context after the build,
// where '*' may stand for any characters in the file name (defaults
// target/*.jar and build/libs/*.jar). It must match exactly one file, a
// Spring Boot *-plain.jar (no Main-Class, no dependencies) aside, which the
// builder copies to WORKDIR/app.jar; the build fails with the list of
// matches otherwise. Detection names the jar a plugin decides (the Spring
// Boot plugin's boot jar, Shadow's -all.jar, Quarkus's quarkus-run.jar:
// stack_java_frameworks.go). A lib/ directory beside the jar is its class
// path, so the jar's whole directory is copied to WORKDIR with it.
//
// The runtime is always jlink'd from the builder's JDK into
// /opt/java/openjdk, so the runtime matches the JDK that compiled the jar and
// every base works the same way for every version, where the JRE images do
// not (distroless ships only some Java lines, and has no JRE without a JDK's
// version choice; Temurin's JRE images are Ubuntu or Alpine):
//
//	slim        debian:trixie-slim
//	distroless  gcr.io/distroless/cc-debian13:nonroot (glibc, libstdc++ and
//	            libgcc_s, which libjvm links; zlib is copied next to the
//	            runtime's libraries when they link it: cc has none)
//	alpine      alpine:3.24, with the builder's -alpine (musl) variant
//
// Without build.jlink the runtime holds every module of the JDK except the
// development tools (compiler, javadoc, jshell, jdeps, jlink, jpackage, jar,
// jconsole, the debugger and serviceability agents, jcmd and jstatd, the
// attach API), the experimental JVMCI/Graal compiler and incubator modules:
// a JRE. With build.jlink it holds only what
// jdeps finds the jar uses (--print-module-deps), plus jdk.crypto.ec where
// the JDK has it (TLS's elliptic curves are a service provider jdeps cannot
// see); jdeps reads the jar's own classes only, so a jar that nests its
// libraries (Spring Boot) needs build.jlink off. Both are linked with
// --strip-debug --no-man-pages --no-header-files and compression. The JRE
// (and the healthcheck probe) do not depend on the sources, so they are
// built in stages of their own, jre and probe, beside the build and cached
// across source changes; the jdeps-trimmed runtime is linked after the jar.
//
// The JVM runs with -XX:MaxRAMPercentage=P (the heap follows the
// container's memory limit, which the JVM reads from the cgroup), where P
// is what resources.memory leaves after 96m of non-heap memory and, with a
// path healthcheck, 8m for the static probe while it runs, within 25-75
// (javaHeap), set in the ENTRYPOINT;
// -XX:+ExitOnOutOfMemoryError (the engine restarts a dead container; a
// half-broken JVM would keep running) and -XX:-UsePerfData (no hsperfdata
// file in /tmp). JAVA_TOOL_OPTIONS in env adds flags.
//
// The healthcheck probe (healthcheck.path) is dockergen's static probe
// binary (StaticProbe, probe.go), built from Go source in a stage of its
// own and copied to /opt/dockergen/probe: a probe on the runtime's own
// client, java.net, would start a second JVM inside the container's memory
// limit at every interval, and would hold the app's heap down to leave it
// room. The binary needs no shell and no JVM, so it runs on every base.
//
// Dependencies are resolved from the build files alone before the sources
// are copied (mvn dependency:go-offline; gradle dependencies), with the
// repository in a BuildKit cache mount (/root/.m2; /root/.gradle), then the
// jar is built with tests skipped (mvn package -DskipTests; gradle
// assemble). With build.tool mvnw or gradlew the project's wrapper (mvnw and
// .mvn/, gradlew and gradle/) runs instead of the image's tool. Only a
// single-project build is read before the sources (the root pom.xml; the
// root build and settings files): a multi-module build resolves its modules'
// dependencies in the package step.

const (
	// javaHome is where every java image's runtime is.
	javaHome = "/opt/java/openjdk"
)

// javaFlags are the JVM options of every java image's ENTRYPOINT after the
// heap's (javaHeap).
var javaFlags = []string{"-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData"}

var (
	javaVersionRE = regexp.MustCompile(`^(17|21|25)$`)
	// javaJarRE is main: a relative path of plain segments (none starting
	// with '.' or '-') whose file name may use '*' and ends in .jar. Nothing
	// in it is shell syntax but the intended glob.
	javaJarRE = regexp.MustCompile(`^(?:[A-Za-z0-9_][A-Za-z0-9._+-]*/)*[A-Za-z0-9_*][A-Za-z0-9._+*-]*\.jar$`)
)

// javaCheckMain returns the CheckMain of a java stack whose default main is
// example: main must be the built jar's path (a glob in its file name)
// inside the build context.
func javaCheckMain(example string) func(s *Spec) string {
	return func(s *Spec) string {
		if len(s.Main) > 200 || !javaJarRE.MatchString(s.Main) || strings.Contains(s.Main, "**") {
			return fmt.Sprintf("%q is not the path of the built jar inside the build context (plain path segments, '*' in the file name for any characters, ending in .jar; for example %s)", s.Main, example)
		}
		return ""
	}
}

// javaImages returns the Images function of a java stack: the builder is
// the tool's official image on Temurin (its -alpine variant for alpine, so
// that jlink links a musl runtime): repo with tag, or alpineTag; the
// runtime a plain base (see above).
func javaImages(repo, tag, alpineTag string) func(r release) (string, string, string, error) {
	return func(r release) (string, string, string, error) {
		b := img{repo, tag, nil}
		interp := javaHome + "/bin/java"
		switch r.Base {
		case BaseSlim:
			return images(r, interp, b, img{"debian", "{debian}-slim", nil})
		case BaseDistroless:
			return images(r, interp, b, distrolessCC)
		case BaseAlpine:
			return images(r, interp, img{repo, alpineTag, nil}, img{"alpine", "{alpine}", nil})
		}
		return "", "", "", errNoBase
	}
}

// javaEntry runs the jar that the builder copied to WORKDIR/app.jar.
func javaEntry(s *Spec, interp string) []string {
	pct, _ := javaHeap(s)
	e := append([]string{interp, fmt.Sprintf("-XX:MaxRAMPercentage=%d", pct)}, javaFlags...)
	return append(e, "-jar", path.Join(s.Workdir, "app.jar"))
}

// javaLabel names the stack with the tool and the runtime's kind.
func javaLabel(s *Spec) string {
	l := fmt.Sprintf("%s %s with %s", s.Stack, s.Version, s.Build.Tool)
	if s.Build.JLink {
		l += " and a jlink-trimmed runtime"
	}
	return l
}

// --- detection (shared by java-maven and java-gradle) ---

var (
	javaMajorRE    = regexp.MustCompile(`^(?:[a-z][a-z0-9]*-)*(?:1\.)?([0-9]+)(?:[._+-].*)?$`)
	pomArtifactRE  = regexp.MustCompile(`<artifactId>\s*([^<\s]+)\s*</artifactId>`)
	pomFinalNameRE = regexp.MustCompile(`<finalName>\s*([^<\s]+)\s*</finalName>`)
	pomReleaseRE   = regexp.MustCompile(`<maven\.compiler\.release>\s*([^<\s]+)\s*</maven\.compiler\.release>`)
	// java.version (Spring Boot's parent), jdk.version (Micronaut's).
	pomJavaVersionRE  = regexp.MustCompile(`<(?:java|jdk)\.version>\s*([^<\s]+)\s*</(?:java|jdk)\.version>`)
	pomSourceRE       = regexp.MustCompile(`<maven\.compiler\.source>\s*([^<\s]+)\s*</maven\.compiler\.source>`)
	pomMainClassRE    = regexp.MustCompile(`<mainClass>\s*([A-Za-z_$][A-Za-z0-9_$.]*)\s*</mainClass>`)
	sdkmanJavaRE      = regexp.MustCompile(`(?m)^\s*java\s*=\s*(\S+)`)
	gradleRootNameRE  = regexp.MustCompile(`rootProject\.name\s*=\s*["']([^"']+)["']`)
	gradleToolchainRE = regexp.MustCompile(`languageVersion(?:\s*=\s*|\.set\(\s*)JavaLanguageVersion\.of\(\s*["']?([0-9]+)["']?\s*\)`)
	gradleReleaseRE   = regexp.MustCompile(`(?:options\.release(?:\s*=\s*|\.set\(\s*)|["']--release["']\s*,\s*["'])([0-9]+)`)
	gradleSourceRE    = regexp.MustCompile(`sourceCompatibility\s*=\s*(?:JavaVersion\.VERSION_(?:1_)?([0-9]+)|JavaVersion\.toVersion\(\s*["']?(?:1\.)?([0-9]+)|["']?(?:1\.)?([0-9]+)["']?)`)
	gradleMainClassRE = regexp.MustCompile(`(?:mainClass(?:Name)?(?:\s*=\s*|\.set\(\s*)|["']Main-Class["']\s*(?::|to|,)\s*)["']([A-Za-z_$][A-Za-z0-9_$.]*)["']`)
	javaPortRE        = []*regexp.Regexp{
		// server.port, as a number or a placeholder's default
		// (${PORT:8182}: the image sets no PORT, so the default).
		regexp.MustCompile(`(?m)^\s*server\.port\s*[=:]\s*(?:\$\{[A-Za-z0-9_.]+:)?(\d{2,5})\}?\s*$`),
		regexp.MustCompile(`(?m)^server:\s*\n(?:[ \t]+.*\n)*?[ \t]+port:\s*["']?(?:\$\{[A-Za-z0-9_.]+:)?(\d{2,5})\}?["']?\s*$`),
		regexp.MustCompile(`"PORT"[^;]*?"(\d{2,5})"`),
		regexp.MustCompile(`new\s+InetSocketAddress\(\s*(?:"[^"]*"\s*,\s*)?(\d{2,5})\s*\)`),
	}
	javaHealthRE = []*regexp.Regexp{regexp.MustCompile(`"(/(?:healthz|health|livez|readyz|actuator/health))"`)}
)

// javaMajor turns a Java version as the version files write it ("17",
// "17.0.9", "1.8", "temurin-21.0.2+13.0.LTS", "21.0.2-tem") into its major
// ("8" for 1.8, refused later as not an LTS dockergen builds).
func javaMajor(s string) (string, bool) {
	m := javaMajorRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return strings.TrimSpace(s), strings.TrimSpace(s) != ""
	}
	return m[1], true
}

// javaVersionFiles are the version finders both java detectors try first:
// .java-version (jenv), .sdkmanrc and .tool-versions.
func javaVersionFiles() []finder {
	return []finder{
		fromFile(".java-version", func(data []byte) (string, int, bool) {
			line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
			v, ok := javaMajor(line)
			return v, 1, ok
		}),
		fromFile(".sdkmanrc", regexpLine(sdkmanJavaRE, javaMajor)),
		toolVersion(1, "java"),
	}
}

// pomProject returns the part of a pom.xml that holds the project's own
// coordinates: everything after its <parent> element, if any (the parent's
// artifactId comes first otherwise), as an offset into data.
func pomProject(data []byte) int {
	s := string(data)
	if i := strings.Index(s, "<parent>"); i >= 0 {
		if a := strings.Index(s, "<artifactId>"); a > i {
			if j := strings.Index(s[i:], "</parent>"); j >= 0 {
				return i + j
			}
		}
	}
	return 0
}

// pomValue is a parser of a pom.xml value taken by re after the project's
// <parent>, converted by conv; values that use ${properties} are not read.
func pomValue(re *regexp.Regexp, conv func(string) (string, bool)) func([]byte) (string, int, bool) {
	return func(data []byte) (string, int, bool) {
		off := pomProject(data)
		m := re.FindSubmatchIndex(data[off:])
		if m == nil || strings.Contains(string(data[off+m[2]:off+m[3]]), "${") {
			return "", 0, false
		}
		v, ok := conv(string(data[off+m[2] : off+m[3]]))
		return v, lineAt(data, off+m[2]), ok
	}
}

// gradleVersion reads a Java version from a Gradle build file: the
// toolchain's languageVersion, then options.release (or --release), then
// sourceCompatibility.
func gradleVersion(data []byte) (string, int, bool) {
	for _, re := range []*regexp.Regexp{gradleToolchainRE, gradleReleaseRE, gradleSourceRE} {
		m := re.FindSubmatchIndex(data)
		if m == nil {
			continue
		}
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				return string(data[m[g]:m[g+1]]), lineAt(data, m[g]), true
			}
		}
	}
	return "", 0, false
}

// javaSources are the files scanned for the port and the health path:
// Spring's application properties, then the main class's source when the
// build file names it (pom.xml's <mainClass>, Gradle's mainClass or a
// Main-Class manifest attribute).
func javaSources(buildFiles []string, mainRE *regexp.Regexp) func(p *project, c *Candidate) []string {
	return func(p *project, c *Candidate) []string {
		srcs := []string{"src/main/resources/application.properties", "src/main/resources/application.yml", "src/main/resources/application.yaml"}
		for _, f := range buildFiles {
			data, ok := p.read(f)
			if !ok {
				continue
			}
			if m := mainRE.FindSubmatch(data); m != nil {
				cls := strings.ReplaceAll(string(m[1]), ".", "/")
				srcs = append(srcs, "src/main/java/"+cls+".java", "src/main/kotlin/"+cls+".kt")
				break
			}
		}
		return srcs
	}
}

// javaMainSource: main is the jar the build writes.
func javaMainSource(*Spec) string { return "" }
