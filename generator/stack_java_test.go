package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestJavaMajor: the version files' spellings become a major version.
func TestJavaMajor(t *testing.T) {
	for in, want := range map[string]string{
		"17": "17", "17.0.9": "17", "21.0.2-tem": "21", "temurin-21.0.2+13.0.LTS": "21",
		"1.8": "8", "1.8.0_392": "8", " 25 ": "25", "corretto-17": "17", "11.0": "11",
	} {
		if got, ok := javaMajor(in); !ok || got != want {
			t.Errorf("javaMajor(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if v, ok := javaMajor("system"); !ok || v != "system" {
		t.Errorf(`javaMajor("system") = %q, %v: want it returned as is, to be reported`, v, ok)
	}
}

// TestJavaCheckMain: main is a jar path inside the context with '*' only in
// the file name; nothing shell-like gets through.
func TestJavaCheckMain(t *testing.T) {
	good := []string{"target/*.jar", "build/libs/*.jar", "app.jar", "app/target/app-*.jar", "build/libs/server-1.0+b2-all.jar", "a/b/c/*-SNAPSHOT.jar"}
	bad := []string{"", "target", "target/*.war", "../app.jar", "target/../app.jar", "/abs/app.jar", "./target/app.jar",
		"-x.jar", "target/-x.jar", "t*/app.jar", "target/**.jar", "target/a b.jar", "target/$(id).jar", "target/`id`.jar",
		"target/a;b.jar", "target/a?.jar", "target/[ab].jar", "target/a'.jar", `target/a".jar`, "target/a\n.jar", ".hidden/app.jar",
		strings.Repeat("a/", 100) + "x.jar"}
	for _, stackName := range []string{"java-maven", "java-gradle"} {
		for _, m := range good {
			if msg := stacks[stackName].CheckMain(&Spec{Stack: stackName, Main: m}); msg != "" {
				t.Errorf("%s main %q refused: %s", stackName, m, msg)
			}
		}
		for _, m := range bad {
			if msg := stacks[stackName].CheckMain(&Spec{Stack: stackName, Main: m}); msg == "" {
				t.Errorf("%s main %q accepted", stackName, m)
			}
		}
	}
}

// TestJavaImages: every version × base has a builder, a runtime and the
// runtime's java; alpine builds on the tool's -alpine image (a musl jlink);
// Gradle 8 does not run on Java 25.
func TestJavaImages(t *testing.T) {
	for _, name := range []string{"java-maven", "java-gradle"} {
		st := stacks[name]
		for _, v := range []string{"17", "21", "25"} {
			if !st.VersionRE.MatchString(v) {
				t.Errorf("%s: version %s refused", name, v)
			}
			for _, b := range st.Bases {
				builder, runtime, interp, err := imagesFor(st, v, b, "")
				if err != nil || builder == "" || runtime == "" || interp != "/opt/java/openjdk/bin/java" {
					t.Errorf("%s %s %s: %q %q %q %v", name, v, b, builder, runtime, interp, err)
				}
				if (b == BaseAlpine) != strings.HasSuffix(builder, "-alpine") {
					t.Errorf("%s %s %s: builder %s", name, v, b, builder)
				}
			}
		}
		for _, v := range []string{"1.8", "21.0", "x"} {
			if st.VersionRE.MatchString(v) {
				t.Errorf("%s: version %s accepted", name, v)
			}
		}
		if _, _, _, err := imagesFor(st, "21", BaseScratch, ""); err == nil {
			t.Errorf("%s: scratch accepted", name)
		}
	}
	if b, _, _, _ := imagesFor(stacks["java-gradle"], "25", BaseSlim, ""); b != "gradle:9-jdk25" {
		t.Errorf("java-gradle 25 builder = %s", b)
	}
	if b, _, _, _ := imagesFor(stacks["java-maven"], "21", BaseDistroless, ""); b != "maven:3.9-eclipse-temurin-21" {
		t.Errorf("java-maven 21 builder = %s", b)
	}
}

// TestJavaEntryAndProbe: the ENTRYPOINT runs WORKDIR/app.jar with the
// container-aware flags; the probe is the static binary, not a JVM, with
// the URL as its one argument.
func TestJavaEntryAndProbe(t *testing.T) {
	s := &Spec{Stack: "java-maven", Workdir: "/srv"}
	e := javaEntry(s, "/opt/java/openjdk/bin/java")
	if e[0] != "/opt/java/openjdk/bin/java" || !slices.Equal(e[len(e)-2:], []string{"-jar", "/srv/app.jar"}) || !slices.Contains(e, "-XX:-UsePerfData") {
		t.Errorf("entry = %q", e)
	}
	for _, st := range []*stack{javaMavenStack, javaGradleStack} {
		p := st.HTTPProbe("/j", "http://127.0.0.1:8080/h'x")
		if !st.StaticProbe || !slices.Equal(p, []string{staticProbePath, "http://127.0.0.1:8080/h'x"}) {
			t.Errorf("%s: probe = %q", st.Name, p)
		}
	}
}

// TestJavaDetectValues: the pom.xml and Gradle readers on inline files.
func TestJavaDetectValues(t *testing.T) {
	pom := []byte("<project>\n<parent>\n<artifactId>parent-pom</artifactId>\n</parent>\n<artifactId>svc</artifactId>\n<properties><maven.compiler.release>${v}</maven.compiler.release><maven.compiler.source>1.8</maven.compiler.source></properties>\n</project>\n")
	if v, line, ok := pomValue(pomArtifactRE, asIs)(pom); !ok || v != "svc" || line != 5 {
		t.Errorf("artifactId = %q line %d %v", v, line, ok)
	}
	if _, _, ok := pomValue(pomReleaseRE, javaMajor)(pom); ok {
		t.Error("a ${property} release was read")
	}
	if v, _, ok := pomValue(pomSourceRE, javaMajor)(pom); !ok || v != "8" {
		t.Errorf("source = %q %v", v, ok)
	}
	noParent := []byte("<project><artifactId>a</artifactId><parent><artifactId>p</artifactId></parent></project>")
	if v, _, _ := pomValue(pomArtifactRE, asIs)(noParent); v != "a" {
		t.Errorf("artifactId before a later parent = %q", v)
	}
	for src, want := range map[string]string{
		"java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }": "21",
		"java.toolchain.languageVersion.set(JavaLanguageVersion.of(\"17\"))":  "17",
		"tasks.withType(JavaCompile) { options.release = 25 }":                "25",
		"options.compilerArgs.addAll(['--release', '17'])":                    "17",
		"sourceCompatibility = JavaVersion.VERSION_21":                        "21",
		"sourceCompatibility = JavaVersion.VERSION_1_8":                       "8",
		"sourceCompatibility = '17'":                                          "17",
		"sourceCompatibility = 1.8":                                           "8",
		"sourceCompatibility = JavaVersion.toVersion(\"21\")":                 "21",
		"plugins { id 'java' }":                                               "",
	} {
		v, _, ok := gradleVersion([]byte(src))
		if v != want || ok != (want != "") {
			t.Errorf("gradleVersion(%q) = %q, %v; want %q", src, v, ok, want)
		}
	}
}

// TestJavaGoldenCoverage: the golden cases cover every base, tool and the
// jlink option of both java stacks.
func TestJavaGoldenCoverage(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range []string{"java-maven", "java-gradle"} {
		for _, c := range javaGoldenSpecs(t, name) {
			seen[name+"/"+c.Base] = true
			seen[name+"/tool="+c.Build.Tool] = true
			if c.Build.JLink {
				seen[name+"/jlink"] = true
			}
		}
		st := stacks[name]
		var want []string
		for _, b := range st.Bases {
			want = append(want, name+"/"+b)
		}
		for _, tool := range st.Tools {
			want = append(want, name+"/tool="+tool)
		}
		want = append(want, name+"/jlink")
		for _, w := range want {
			if !seen[w] {
				t.Errorf("no golden case for %s", w)
			}
		}
	}
}

// javaGoldenSpecs loads the specs of testdata/golden/NAME-*.
func javaGoldenSpecs(t *testing.T, name string) []*Spec {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "golden", name+"-*", "dockergen.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases for %s: %v", name, err)
	}
	var specs []*Spec
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := LoadSpec(f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		specs = append(specs, s)
	}
	return specs
}

// TestJavaPortPlaceholderAndJdkVersion: Spring's server.port placeholder
// with a default (${PORT:8182}, spring-guides' gs-serving-web-content) gives
// the default; Micronaut's parent names the version jdk.version.
func TestJavaPortPlaceholderAndJdkVersion(t *testing.T) {
	for src, want := range map[string]string{
		"server:\n  port: ${PORT:8182}\n":   "8182",
		"server.port=${SERVER_PORT:9090}\n": "9090",
		"server:\n  port: \"8081\"\n":       "8081",
		"server.port=${PORT}\n":             "",
	} {
		p := &project{fsys: fstest.MapFS{"application.yml": {Data: []byte(src)}}, cache: map[string][]byte{}}
		got, _ := p.scan([]string{"application.yml"}, javaPortRE)
		if got.Value != want {
			t.Errorf("%q: port %q, want %q", src, got.Value, want)
		}
	}
	pom := []byte("<project>\n<properties>\n<jdk.version>21</jdk.version>\n</properties>\n</project>\n")
	if v, line, ok := pomValue(pomJavaVersionRE, javaMajor)(pom); !ok || v != "21" || line != 3 {
		t.Errorf("jdk.version = %q line %d %v, want 21 line 3", v, line, ok)
	}
}
