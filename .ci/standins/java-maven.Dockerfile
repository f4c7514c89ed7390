# Stand-in for maven:3.9-eclipse-temurin-17, built by .ci/standins.sh (plugin-java.sh).
# Debian bookworm's Maven 3.8.7 and OpenJDK 17 (its jmods are in the headless JDK) instead
# of Maven 3.9 on Eclipse Temurin 17 (Ubuntu), laid out where the generated
# Dockerfile relies on it: JAVA_HOME=/opt/java/openjdk (a link to Debian's
# JDK) with its bin/ on PATH, mvn on PATH, MAVEN_HOME=/usr/share/maven,
# MAVEN_CONFIG=/root/.m2, running as root.
# Differences from the official image, besides the versions: Maven Central is
# not reachable from here, so the global settings (/etc/maven/settings.xml,
# which /usr/share/maven/conf/settings.xml reads) mirror every repository to
# Debian's packaged Maven repository, file:///usr/share/maven-repo, which holds
# the plugins a plain jar build needs (compiler, resources, surefire, jar,
# install, deploy, clean, site, dependency) under their Debian versions and
# relocations; one relocation is added (maven-site-plugin 3.3, Maven 3.8's
# default, to Debian's 3.12.1), without which dependency:go-offline fails.
# Only projects without third-party dependencies build; mvnw (which downloads
# Maven) does not work here.
# binutils as in the official Temurin images: jlink --strip-debug runs objcopy.
# Context: host-cas/ (the host's local CAs, may be empty; see .ci/standins.sh).
FROM debian:bookworm-slim
COPY host-cas/ /usr/local/share/ca-certificates/
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates binutils openjdk-17-jdk-headless \
        maven libmaven-compiler-plugin-java libmaven-resources-plugin-java libmaven-jar-plugin-java \
        libsurefire-java libmaven-install-plugin-java libmaven-deploy-plugin-java libmaven-clean-plugin-java \
        libmaven-site-plugin-java libmaven-dependency-plugin-java; \
    update-ca-certificates; \
    mkdir -p /opt/java; \
    ln -s "/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)" /opt/java/openjdk; \
    printf '%s\n' '<settings>' '  <mirrors>' \
        '    <mirror><id>debian</id><name>Debian packaged Maven repository (dockergen stand-in)</name><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror>' \
        '  </mirrors>' '</settings>' > /etc/maven/settings.xml; \
    site=/usr/share/maven-repo/org/apache/maven/plugins/maven-site-plugin; \
    mkdir -p "$site/3.3"; \
    printf '%s\n' '<project><modelVersion>4.0.0</modelVersion><groupId>org.apache.maven.plugins</groupId><artifactId>maven-site-plugin</artifactId><version>3.3</version><packaging>pom</packaging><distributionManagement><relocation><version>3.12.1</version></relocation></distributionManagement></project>' > "$site/3.3/maven-site-plugin-3.3.pom"; \
    /opt/java/openjdk/bin/java -version; mvn -v
ENV JAVA_HOME=/opt/java/openjdk \
    MAVEN_HOME=/usr/share/maven \
    MAVEN_CONFIG=/root/.m2 \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["mvn"]
