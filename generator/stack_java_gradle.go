package generator

import "strconv"

// The java-gradle stack: a Gradle project built into an executable jar and
// run on a jlink'd runtime; see stack_java.go.
var javaGradleStack = &stack{
	Name:        "java-gradle",
	Title:       "Java (Gradle)",
	Secret:      Secret{ID: "gradle-properties", Target: "/root/.gradle/gradle.properties", Src: "~/.gradle/gradle.properties"},
	Runtime:     "java",
	DefaultBase: BaseDistroless,
	Bases:       []string{BaseDistroless, BaseSlim, BaseAlpine},
	DefaultMain: javaGradleMain,
	// Gradle 8 does not run on Java 25 (Gradle 9.1 is the first that does).
	Images: func(r release) (string, string, string, error) {
		if v, err := strconv.Atoi(r.Version); err == nil && v >= 25 {
			return javaImages("gradle", "9-jdk{version}", "9-jdk{version}-alpine")(r)
		}
		return javaImages("gradle", "8-jdk{version}", "8-jdk{version}-alpine")(r)
	},
	HTTPProbe:   staticProbe,
	StaticProbe: true,
	Profile:     "java",
	Tools:       []string{"gradle", "gradlew"},
	ChoiceHelp: map[string]string{
		"gradle":  "the builder image's Gradle",
		"gradlew": "the project's Gradle wrapper (gradlew)",
	},
	JLink:      true,
	MainForm:   javaJarRE,
	CheckMain:  javaCheckMain(javaGradleMain),
	Entry:      javaEntry,
	Label:      javaLabel,
	DepFiles:   javaGradleDepFiles,
	MainSource: javaMainSource,
	Doc: stackDoc{
		Reads: []docRead{
			{"`build.gradle`/`build.gradle.kts`, `settings.gradle`/`settings.gradle.kts`", "toolchain or sourceCompatibility; the Spring Boot plugin with rootProject.name (or bootJar's archiveBaseName/archiveFileName) and version → the boot jar, never `-plain.jar`; Shadow → `*-all.jar`; actuator, Micronaut management → the health path; no web starter in a Spring Boot app → a note (it serves no HTTP)"},
			{"`gradlew`", "the build tool (`gradlew`)"},
			{"`src/main/resources/application.properties`/`.yml`", "`server.port` (a number, or a placeholder's default: `${PORT:8182}` → 8182), `server.tomcat.threads.max` (pids)"},
		},
		DetectedFrom: "`build.gradle(.kts)` (toolchain, sourceCompatibility; the Spring Boot plugin → the boot jar, not `-plain.jar`; Shadow → `-all.jar`; actuator, Micronaut management → health path), `settings.gradle(.kts)`, `gradlew`",
		Runtime:      "the same",
		BaseNotes:    map[string]string{BaseDistroless: "cc"},
	},
	Detector: javaGradleDetector,
}

// javaGradleMain is the default main: where Gradle writes the jar.
const javaGradleMain = "build/libs/*.jar"

// --- detection ---

var javaGradleDetector = &detector{
	markers: []string{"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"},
	name: []finder{
		nameFrom("settings.gradle", regexpLine(gradleRootNameRE, asIs)),
		nameFrom("settings.gradle.kts", regexpLine(gradleRootNameRE, asIs)),
	},
	version: append(javaVersionFiles(),
		fromFile("build.gradle", gradleVersion),
		fromFile("build.gradle.kts", gradleVersion),
	),
	mains:   gradleMains,
	sources: javaSources([]string{"build.gradle", "build.gradle.kts"}, gradleMainClassRE),
	ports:   javaPortRE,
	health:  javaHealthRE,
	notes: func(p *project, c *Candidate) {
		javaFrameworkNotes(p, c, []string{"build.gradle", "build.gradle.kts"})
		// A complete wrapper pins the project's own Gradle: use it.
		if p.exists("gradlew") {
			if p.exists("gradle/wrapper/gradle-wrapper.properties") {
				c.Tool = Detected{Value: "gradlew", From: "gradle/wrapper/gradle-wrapper.properties"}
			} else {
				c.Notes = append(c.Notes, "gradlew is there but gradle/wrapper/gradle-wrapper.properties is missing: build.tool gradle uses the image's Gradle")
			}
		}
		if !p.exists("settings.gradle") && !p.exists("settings.gradle.kts") {
			c.Notes = append(c.Notes, "no settings.gradle: Gradle names the project and its jar after the build directory (/src in the image)")
		}
	},
}

// javaGradleDepFiles: the build scripts are copied by glob; tool gradlew
// needs the wrapper.
func javaGradleDepFiles(s *Spec) []DepFile {
	if s.Build.Tool == "gradlew" {
		return []DepFile{{Name: "gradlew", Create: "gradle wrapper"}, {Name: "gradle", Create: "gradle wrapper"}}
	}
	return nil
}
