package generator

import "fmt"

// The java-maven stack: a Maven project (pom.xml) built into an executable
// jar and run on a jlink'd runtime; see stack_java.go.
var javaMavenStack = &stack{
	Name:        "java-maven",
	Title:       "Java (Maven)",
	Secret:      Secret{ID: "maven-settings", Target: "/root/.m2/settings.xml", Src: "~/.m2/settings.xml"},
	Runtime:     "java",
	DefaultBase: BaseDistroless,
	Bases:       []string{BaseDistroless, BaseSlim, BaseAlpine},
	DefaultMain: javaMavenMain,
	Images:      javaImages("maven", "3.9-eclipse-temurin-{version}", "3.9-eclipse-temurin-{version}-alpine"),
	HTTPProbe:   staticProbe,
	StaticProbe: true,
	Profile:     "java",
	Tools:       []string{"maven", "mvnw"},
	ChoiceHelp: map[string]string{
		"maven": "the builder image's Maven",
		"mvnw":  "the project's Maven wrapper (mvnw)",
	},
	JLink:      true,
	MainForm:   javaJarRE,
	CheckMain:  javaCheckMain(javaMavenMain),
	Entry:      javaEntry,
	Label:      javaLabel,
	DepFiles:   javaMavenDepFiles,
	MainSource: javaMainSource,
	Doc: stackDoc{
		Reads: []docRead{
			{"`pom.xml`", "Java version (release, java.version or Micronaut's jdk.version, source), artifactId, finalName; actuator or SmallRye Health → the health path (none: no HTTP healthcheck); starter-web → pids (Tomcat threads + 64) and memory, no web starter in a Spring Boot app → a note (it serves no HTTP); the Quarkus plugin → `quarkus-app/quarkus-run.jar`"},
			{"`mvnw` + `.mvn/wrapper`", "the build tool (`mvnw`)"},
			{"`src/main/resources/application.properties`/`.yml`", "`server.port` (a number, or a placeholder's default: `${PORT:8182}` → 8182), `server.tomcat.threads.max` (pids), Quarkus uber-jar packaging"},
		},
		DetectedFrom: "`pom.xml` (release/source, artifactId, finalName; actuator, SmallRye Health → health path; starter-web → pids and memory; the Quarkus plugin → `quarkus-app/quarkus-run.jar`), `mvnw` + `.mvn/wrapper`",
		Runtime:      "a JRE built by `jlink` from the builder's JDK (`build.jlink: true`: only the modules `jdeps` finds)",
		BaseNotes:    map[string]string{BaseDistroless: "cc"},
	},
	Detector: javaMavenDetector,
}

// javaMavenMain is the default main: where Maven writes the jar.
const javaMavenMain = "target/*.jar"

// --- detection ---

var javaMavenDetector = &detector{
	markers: []string{"pom.xml"},
	name:    []finder{nameFrom("pom.xml", pomValue(pomArtifactRE, asIs))},
	version: append(javaVersionFiles(),
		fromFile("pom.xml", pomValue(pomReleaseRE, javaMajor)),
		fromFile("pom.xml", pomValue(pomJavaVersionRE, javaMajor)),
		fromFile("pom.xml", pomValue(pomSourceRE, javaMajor)),
	),
	mains: func(p *project, c *Candidate) []Detected {
		if m := mavenPluginMains(p); m != nil {
			return m
		}
		data, ok := p.read("pom.xml")
		if !ok {
			return nil
		}
		v, line, ok := pomValue(pomFinalNameRE, asIs)(data)
		if !ok {
			return nil
		}
		if jar := "target/" + v + ".jar"; javaJarRE.MatchString(jar) {
			return []Detected{{Value: jar, From: at("pom.xml", line)}}
		}
		return nil
	},
	sources: javaSources([]string{"pom.xml"}, pomMainClassRE),
	ports:   javaPortRE,
	health:  javaHealthRE,
	notes: func(p *project, c *Candidate) {
		javaFrameworkNotes(p, c, []string{"pom.xml"})
		// A complete wrapper pins the project's own Maven: use it.
		if p.exists("mvnw") {
			if p.exists(".mvn/wrapper/maven-wrapper.properties") {
				c.Tool = Detected{Value: "mvnw", From: ".mvn/wrapper/maven-wrapper.properties"}
			} else {
				c.Notes = append(c.Notes, "mvnw is there but .mvn/wrapper/maven-wrapper.properties is missing: build.tool maven uses the image's Maven")
			}
		}
		if data, ok := p.read("pom.xml"); ok {
			if l := lineOf(data, "<modules>"); l > 0 {
				c.Notes = append(c.Notes, fmt.Sprintf("pom.xml:%d: a multi-module build: the dependency step reads only the root pom.xml, so the modules' dependencies are fetched by the package step; set main to the module's jar (for example app/target/*.jar)", l))
			}
			if l := lineOf(data, "<packaging>war</packaging>"); l > 0 {
				c.Notes = append(c.Notes, fmt.Sprintf("pom.xml:%d: packaging war: the image runs an executable jar with java -jar (an application server is not provided)", l))
			}
		}
	},
}

// javaMavenDepFiles: pom.xml, and the wrapper with tool mvnw.
func javaMavenDepFiles(s *Spec) []DepFile {
	if s.Build.Tool == "mvnw" {
		return []DepFile{{Name: "mvnw", Create: "mvn wrapper:wrapper"}, {Name: "pom.xml"}, {Name: ".mvn", Create: "mvn wrapper:wrapper"}}
	}
	return []DepFile{{Name: "pom.xml"}}
}
