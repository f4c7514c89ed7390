//go:build e2e

package examples

// The java stacks' examples. The dependency step is Maven's
// dependency:go-offline against pom.xml alone, and Gradle's dependencies task
// against the build and settings scripts alone; the one-line change goes
// into the main class. Both build here with the local stand-ins of
// maven:3.9-eclipse-temurin-17 and gradle:8-jdk17 (Debian's Maven 3.8.7 and
// Gradle 4.4.1 on OpenJDK 17, Maven served offline from Debian's packaged
// repository: .ci/standins/java-*.Dockerfile); alpine needs the -alpine
// builders and alpine:3.22, which cannot be had here (like every alpine row).
func init() {
	e2eStacks["java-maven"] = e2eStack{
		DepsStep: `"dependency:go-offline"`,
		MainFile: "src/main/java/example/Hello.java", Comment: "// ",
	}
	e2eStacks["java-gradle"] = e2eStack{
		DepsStep: `"--console=plain", "dependencies"`,
		MainFile: "src/main/java/example/Hello.java", Comment: "// ",
	}
}
