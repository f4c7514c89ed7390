# shellcheck shell=bash
# .ci/standins/plugin-java.sh — stand-ins of the java-maven and java-gradle
# stacks, sourced by .ci/standins.sh (see its plug-in comment):
#   maven:3.9-eclipse-temurin-17   debian + Debian's Maven 3.8.7, OpenJDK 17 and
#                                  packaged plugins (java-maven.Dockerfile)
#   gradle:8-jdk17                 debian + Debian's Gradle 4.4.1 and OpenJDK 17
#                                  (java-gradle.Dockerfile)
# The runtime bases (debian:bookworm-slim, gcr.io/distroless/cc-debian12) are
# the core stand-ins: the java stacks jlink their runtime in the builder.
T_JAVA_MAVEN=maven:3.9-eclipse-temurin-17
T_JAVA_GRADLE=gradle:8-jdk17
ALL_TAGS+=("$T_JAVA_MAVEN" "$T_JAVA_GRADLE")
PLUGIN_BUILDS+=("$T_JAVA_MAVEN build_java_maven" "$T_JAVA_GRADLE build_java_gradle")
PLUGIN_CHECKS+=(check_java)

# java_standin TAG DOCKERFILE: build with the host's CAs in the context.
java_standin() {
	local ctx="$WORK/ctx-java" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$1" "$2" "$ctx" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}
build_java_maven() { java_standin "$T_JAVA_MAVEN" "$HERE/standins/java-maven.Dockerfile"; }
build_java_gradle() { java_standin "$T_JAVA_GRADLE" "$HERE/standins/java-gradle.Dockerfile"; }

check_java() {
	check "$T_JAVA_MAVEN java, jlink, jdeps, mvn, JAVA_HOME" --tmpfs /tmp "$T_JAVA_MAVEN" sh -c 'java -version 2>&1 | head -n1 && jlink --version && jdeps --version >/dev/null && mvn -v | head -n1 && test -d "$JAVA_HOME/jmods"'
	check "$T_JAVA_GRADLE java, jlink, gradle, /root/.gradle (as root: /root is 0700)" --user 0:0 --tmpfs /tmp "$T_JAVA_GRADLE" sh -c 'jlink --version && test -d "$JAVA_HOME/jmods" && test "$(readlink /root/.gradle)" = /home/gradle/.gradle && id -u gradle'
}
