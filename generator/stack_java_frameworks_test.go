package generator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestJavaHeap: the heap is what the limit leaves after the JVM's non-heap
// memory and, when the image probes a path, the static probe (no second
// JVM), within 25-75%.
func TestJavaHeap(t *testing.T) {
	for _, c := range []struct {
		memory string
		probe  bool
		pct    int
		why    string
	}{
		{"256m", true, 59, "a heap of 151m leaves 96m for the JVM's non-heap memory (metaspace, code cache, thread stacks) and 8m for the healthcheck probe (a static binary, no second JVM)"},
		{"256m", false, 62, "a heap of 158m leaves 96m"},
		{"512m", true, 75, "(the heap is capped at 75%)"},
		{"2g", false, 75, "a heap of 1536m"},
		{"128m", true, 25, "128m is too small for that (139m or more fits a heap of 25%)"},
	} {
		s := &Spec{Resources: Resources{Memory: c.memory}}
		if c.probe {
			s.Healthcheck.Path = "/actuator/health"
		}
		pct, why := javaHeap(s)
		if pct != c.pct || !strings.Contains(why, c.why) {
			t.Errorf("%s probe %v: %d%% %q; want %d%% and %q", c.memory, c.probe, pct, why, c.pct, c.why)
		}
		e := javaEntry(&Spec{Workdir: "/app", Resources: s.Resources, Healthcheck: s.Healthcheck}, "/j")
		if !slices.Contains(e, "-XX:MaxRAMPercentage="+strconv.Itoa(c.pct)) {
			t.Errorf("%s: the entrypoint %q does not carry the heap", c.memory, e)
		}
	}
	// A healthcheck command or none at all runs no probe.
	for _, h := range []Healthcheck{{Disabled: true, Path: "/x"}, {Command: []string{"/app/x"}, Path: "/x"}} {
		if javaHasProbe(&Spec{Healthcheck: h}) {
			t.Errorf("%+v counted as a probe", h)
		}
	}
}

// TestGradleBootJar: the Spring Boot plugin in either DSL names the boot jar
// (rootProject.name-version.jar, or bootJar's archiveFileName), with where;
// without a settings file main keeps the glob and the build passes over the
// -plain.jar.
func TestGradleBootJar(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		main  string
		from  string
	}{
		{"groovy", map[string]string{
			"settings.gradle": "rootProject.name = 'demo'\n",
			"build.gradle":    "plugins {\n\tid 'java'\n\tid 'org.springframework.boot' version '3.4.1'\n}\n\ngroup = 'com.example'\nversion = '0.0.1-SNAPSHOT'\n",
		}, "build/libs/demo-0.0.1-SNAPSHOT.jar", "build.gradle:3"},
		{"kts", map[string]string{
			"settings.gradle.kts": "rootProject.name = \"demo\"\n",
			"build.gradle.kts":    "plugins {\n\tjava\n\tid(\"org.springframework.boot\") version \"3.4.1\"\n}\nversion = \"1.2\"\n",
		}, "build/libs/demo-1.2.jar", "build.gradle.kts:3"},
		{"apply plugin, no version", map[string]string{
			"settings.gradle": "rootProject.name = 'svc'\n",
			"build.gradle":    "apply plugin: 'java'\napply plugin: 'org.springframework.boot'\n",
		}, "build/libs/svc.jar", "build.gradle:2"},
		{"baseName (Gradle 4)", map[string]string{
			"build.gradle": "apply plugin: 'java'\napply plugin: 'org.springframework.boot'\n\nbootJar {\n    baseName = 'gs-rest-service'\n    version =  '0.1.0'\n}\n",
		}, "build/libs/gs-rest-service-0.1.0.jar", "build.gradle:2"},
		{"archiveFileName", map[string]string{
			"build.gradle": "plugins { id 'org.springframework.boot' version '3.4.1' }\ntasks.named('bootJar') {\n\tarchiveFileName = 'app.jar'\n}\n",
		}, "build/libs/app.jar", "build.gradle:3"},
		{"no settings", map[string]string{
			"build.gradle": "plugins { id 'org.springframework.boot' version '3.4.1' }\nversion = '1'\n",
		}, "build/libs/*.jar", "build.gradle:1"},
		{"shadow", map[string]string{
			"settings.gradle.kts": "rootProject.name=\"default\"\n",
			"build.gradle.kts":    "plugins {\n    id(\"com.github.johnrengelman.shadow\") version \"8.1.1\"\n    id(\"io.micronaut.application\") version \"4.4.4\"\n}\n",
		}, "build/libs/*-all.jar", "build.gradle.kts:2"},
		{"quarkus", map[string]string{
			"build.gradle": "plugins {\n    id 'java'\n    id 'io.quarkus'\n}\n",
		}, "build/quarkus-app/quarkus-run.jar", "build.gradle:3"},
		{"plain", map[string]string{"build.gradle": "plugins { id 'application' }\n"}, "build/libs/*.jar", ""},
	} {
		d, err := Detect(writeProject(t, c.files))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		m := d.For("java-gradle").Main
		if m.Value != c.main || m.From != c.from {
			t.Errorf("%s: main %q from %q; want %q from %q", c.name, m.Value, m.From, c.main, c.from)
		}
		if c.from != "" && m.Reason == "" {
			t.Errorf("%s: main has no reason", c.name)
		}
	}
}

// TestJavaDependencies: the health endpoint comes from the dependencies
// (Maven or Gradle coordinates); with none, the spec has no HTTP
// healthcheck and a note says why; Spring Boot web sets pids (from
// server.tomcat.threads.max when set) and memory, each with the numbers.
func TestJavaDependencies(t *testing.T) {
	pom := func(deps ...string) string {
		s := "<project>\n<artifactId>svc</artifactId>\n<dependencies>\n"
		for _, d := range deps {
			s += "<dependency><groupId>g</groupId><artifactId>" + d + "</artifactId></dependency>\n"
		}
		return s + "</dependencies>\n</project>\n"
	}
	for _, c := range []struct {
		name   string
		files  map[string]string
		health string
		pids   string
		memory string
	}{
		{"actuator", map[string]string{"pom.xml": pom("spring-boot-starter-web", "spring-boot-starter-actuator")}, "/actuator/health", "264", "512m"},
		{"gradle actuator", map[string]string{"build.gradle": "dependencies {\n\timplementation 'org.springframework.boot:spring-boot-starter-actuator'\n\timplementation 'org.springframework.boot:spring-boot-starter-webflux'\n}\n"}, "/actuator/health", "", "512m"},
		{"smallrye", map[string]string{"pom.xml": pom("quarkus-rest", "quarkus-smallrye-health")}, "/q/health", "", ""},
		{"micronaut", map[string]string{"build.gradle.kts": "dependencies {\n    implementation(\"io.micronaut:micronaut-management\")\n}\n"}, "/health", "", ""},
		{"threads", map[string]string{"pom.xml": pom("spring-boot-starter-web"), "src/main/resources/application.properties": "server.tomcat.threads.max=400\n"}, "", "464", "512m"},
		{"nothing", map[string]string{"pom.xml": pom("commons-lang3")}, "", "", ""},
		{"an actuator-named library", map[string]string{"pom.xml": pom("spring-boot-starter-actuator-autoconfigure-x")}, "", "", ""},
	} {
		d, err := Detect(writeProject(t, c.files))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		cand := d.Best()
		s := cand.Spec()
		s.Defaults()
		if c.health == "" {
			if !s.Healthcheck.Disabled || cand.NoHealth == "" || !hasNote(cand, "no health endpoint found") {
				t.Errorf("%s: healthcheck %+v, notes %q; want it disabled with a note", c.name, s.Healthcheck, cand.Notes)
			}
		} else if s.Healthcheck.Path != c.health || s.Healthcheck.Disabled || cand.HealthPath.From == "" {
			t.Errorf("%s: healthcheck %+v from %q; want %s", c.name, s.Healthcheck, cand.HealthPath.From, c.health)
		}
		if cand.Pids.Value != c.pids {
			t.Errorf("%s: pids %q; want %q", c.name, cand.Pids.Value, c.pids)
		}
		if c.pids != "" && (strconv.Itoa(s.Resources.Pids) != c.pids || !hasNote(cand, "resources.pids "+c.pids+" = ")) {
			t.Errorf("%s: spec pids %d, notes %q", c.name, s.Resources.Pids, cand.Notes)
		}
		if cand.Memory.Value != c.memory {
			t.Errorf("%s: memory %q; want %q", c.name, cand.Memory.Value, c.memory)
		}
		if c.memory != "" && (s.Resources.Memory != c.memory || !hasNote(cand, "-XX:MaxRAMPercentage=75 of it")) {
			t.Errorf("%s: spec memory %s, notes %q", c.name, s.Resources.Memory, cand.Notes)
		}
	}
}

// TestQuarkusMain: a Quarkus build runs quarkus-app/quarkus-run.jar (its
// directory goes along), or the -runner.jar of an uber-jar.
func TestQuarkusMain(t *testing.T) {
	files := map[string]string{"pom.xml": "<project>\n<artifactId>q</artifactId>\n<build><plugins><plugin>\n<artifactId>quarkus-maven-plugin</artifactId>\n</plugin></plugins></build>\n</project>\n"}
	d, err := Detect(writeProject(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if m := d.Best().Main; m.Value != "target/quarkus-app/quarkus-run.jar" || m.From != "pom.xml:4" {
		t.Errorf("main %+v", m)
	}
	files["src/main/resources/application.properties"] = "quarkus.package.jar.type=uber-jar\n"
	d, err = Detect(writeProject(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if m := d.Best().Main; m.Value != "target/*-runner.jar" || m.From != "src/main/resources/application.properties:1" {
		t.Errorf("uber-jar main %+v", m)
	}
	s := &Spec{APIVersion: APIVersion, Name: "getting-started", Stack: "java-maven", Main: "target/quarkus-app/quarkus-run.jar"}
	s.Defaults()
	files2, err := Generate(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	df := string(files2["Dockerfile"])
	for _, want := range []string{
		`for f in target/quarkus-app/quarkus-run.jar; do case "$f" in *-plain.jar) ;;`,
		`if [ -d "${1%/*}/lib" ]; then cp -R "${1%/*}/." /out/app/;`,
		"COPY --from=build /out/app/ /app/",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
}

func hasNote(c *Candidate, sub string) bool {
	for _, n := range c.Notes {
		if strings.Contains(n, sub) {
			return true
		}
	}
	return false
}

// TestJavaNoWebServerNote: a Spring Boot app without a web starter (the
// JPA guide's CommandLineRunner) is said to serve no HTTP; any web starter,
// Boot 4's webmvc included, or a project that is not Spring Boot, is not.
func TestJavaNoWebServerNote(t *testing.T) {
	const boot = "<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent><artifactId>app</artifactId><dependencies>%s</dependencies></project>"
	dep := func(a string) string { return "<dependency><artifactId>" + a + "</artifactId></dependency>" }
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"jpa only", map[string]string{"pom.xml": fmt.Sprintf(boot, dep("spring-boot-starter-data-jpa"))}, true},
		{"web", map[string]string{"pom.xml": fmt.Sprintf(boot, dep("spring-boot-starter-web"))}, false},
		{"boot 4 webmvc", map[string]string{"pom.xml": fmt.Sprintf(boot, dep("spring-boot-starter-webmvc"))}, false},
		{"gradle batch", map[string]string{"build.gradle": "plugins {\n  id 'org.springframework.boot' version '3.4.1'\n}\ndependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-batch'\n}\n"}, true},
		{"not spring", map[string]string{"pom.xml": "<project><artifactId>plain</artifactId></project>"}, false},
	} {
		d, err := Detect(writeProject(t, tc.files))
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, n := range d.Best().Notes {
			got = got || strings.Contains(n, "without a web dependency")
		}
		if got != tc.want {
			t.Errorf("%s: note %v, want %v (notes %q)", tc.name, got, tc.want, d.Best().Notes)
		}
	}
}
