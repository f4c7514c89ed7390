# shellcheck shell=bash
# .ci/standins/plugin-java.sh — stand-ins of the java-maven and java-gradle
# stacks, sourced by .ci/standins.sh (see its plug-in comment):
#   maven:3.9-eclipse-temurin-17   debian bookworm + Debian's Maven 3.8.7, OpenJDK 17 and
#                                  packaged plugins (java-maven.Dockerfile)
#   maven:3.9-eclipse-temurin-21   debian trixie + Debian's Maven 3.9.9, OpenJDK 21 and
#                                  packaged plugins
#   maven:3.9-eclipse-temurin-25   the same with OpenJDK 25
#   gradle:8-jdk17                 debian bookworm + Debian's Gradle 4.4.1 and OpenJDK 17
#                                  (java-gradle.Dockerfile)
#   gradle:9-jdk21, gradle:9-jdk25 debian trixie + Debian's Gradle 4.4.1 and OpenJDK 21, 25
# All labelled with the real JDK (org.dockergen.standin.runtime, the first
# line of java -version) and the build tool (org.dockergen.standin.tool).
# The runtime bases (debian:RELEASE-slim, gcr.io/distroless/cc-debianV) are
# the core stand-ins: the java stacks jlink their runtime in the builder.
T_JAVA_MAVEN=maven:3.9-eclipse-temurin-17
T_JAVA_GRADLE=gradle:8-jdk17
JAVA_MAVEN_TAGS=("$T_JAVA_MAVEN" maven:3.9-eclipse-temurin-21 maven:3.9-eclipse-temurin-25)
JAVA_GRADLE_TAGS=("$T_JAVA_GRADLE" gradle:9-jdk21 gradle:9-jdk25)
ALL_TAGS+=("${JAVA_MAVEN_TAGS[@]}" "${JAVA_GRADLE_TAGS[@]}")
# What Debian trixie's Maven 3.9.9 asks for beyond Debian's plugin versions
# (site, dependency, deploy), and the versions examples/java-maven/pom.xml
# pins that trixie lacks (bookworm's compiler 3.10.1 and resources 3.3.0; the
# real Maven Central has them), each relocated to trixie's.
MAVEN39_RELOCATE=maven-site-plugin:3.12.1,maven-dependency-plugin:3.7.0,maven-deploy-plugin:3.1.2,maven-compiler-plugin:3.10.1,maven-resources-plugin:3.3.0
PLUGIN_BUILDS+=(
	"$T_JAVA_MAVEN java_standin $T_JAVA_MAVEN maven bookworm 17 maven-site-plugin:3.3"
	"maven:3.9-eclipse-temurin-21 java_standin maven:3.9-eclipse-temurin-21 maven trixie 21 $MAVEN39_RELOCATE"
	"maven:3.9-eclipse-temurin-25 java_standin maven:3.9-eclipse-temurin-25 maven trixie 25 $MAVEN39_RELOCATE"
	"$T_JAVA_GRADLE java_standin $T_JAVA_GRADLE gradle bookworm 17"
	"gradle:9-jdk21 java_standin gradle:9-jdk21 gradle trixie 21"
	"gradle:9-jdk25 java_standin gradle:9-jdk25 gradle trixie 25"
)
PLUGIN_CHECKS+=(check_java)

# java_standin TAG TOOL RELEASE JDK [RELOCATE]: java-TOOL.Dockerfile with the
# host's CAs in the context; RELOCATE (maven) is a comma-separated list of
# plugin versions to relocate to Debian's (java-maven.Dockerfile).
java_standin() {
	local tag="$1" tool="$2" rel="$3" jdk="$4" reloc="${5:-}" ctx="$WORK/ctx-java" ncas tv
	local args=(--build-arg BASE="$(debian_tag "$rel")" --build-arg JDK="$jdk")
	# Maven on trixie: its own local repository (java-maven.Dockerfile, LOCAL_REPO).
	[ -n "$reloc" ] && args+=(--build-arg RELOCATE="${reloc//,/ }")
	[ "$tool" = maven ] && [ "$rel" != bookworm ] && args+=(--build-arg LOCAL_REPO="/root/.m2/repository-$rel")
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$tag" "$HERE/standins/java-$tool.Dockerfile" "$ctx" "${args[@]}" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
	# The build tool's version line (no pipe into head: with pipefail the
	# tool's SIGPIPE would end the script), without colour codes.
	case "$tool" in
	maven) tv="$("$DOCKER" run --rm --network none "$tag" sh -c 'mvn -B -v 2>&1 | sed -n 1p')" ;;
	gradle) tv="$("$DOCKER" run --rm --network none --tmpfs /tmp "$tag" sh -c 'gradle --version 2>&1 | grep "^Gradle"')" ;;
	esac
	tv="$(printf '%s' "$tv" | sed 's/\x1b\[[0-9;]*m//g')"
	runtime_label "$tag" "$tag" sh -c 'java -version 2>&1 | head -n1'
	printf 'FROM %s\n' "$tag" | "$DOCKER" build -q --label "$LABEL_KEY.tool=${tv:-$tool}" -t "$tag" - >/dev/null
}

check_java() {
	local tag
	for tag in "${JAVA_MAVEN_TAGS[@]}"; do
		check "$tag java, jlink, jdeps, mvn, JAVA_HOME" --tmpfs /tmp "$tag" sh -c 'java -version 2>&1 | head -n1 && jlink --version && jdeps --version >/dev/null && mvn -B -v | head -n1 && test -d "$JAVA_HOME/jmods"'
	done
	for tag in "${JAVA_GRADLE_TAGS[@]}"; do
		check "$tag java, jlink, gradle, /root/.gradle (as root: /root is 0700)" --user 0:0 --tmpfs /tmp "$tag" sh -c 'java -version 2>&1 | head -n1 && jlink --version && test -d "$JAVA_HOME/jmods" && test "$(readlink /root/.gradle)" = /home/gradle/.gradle && id -u gradle'
	done
}
