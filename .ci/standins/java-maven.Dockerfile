# Stand-in for maven:3.9-eclipse-temurin-17 (bookworm), -21 and -25 (trixie),
# built by .ci/standins.sh (plugin-java.sh) FROM BASE, the release's debian
# stand-in, with JDK the OpenJDK major. Debian's Maven (bookworm 3.8.7,
# trixie 3.9.9) and OpenJDK JDK (its jmods are in the headless JDK) instead
# of Maven 3.9 on Eclipse Temurin (Ubuntu), laid out where the generated
# Dockerfile relies on it: JAVA_HOME=/opt/java/openjdk (a link to Debian's
# JDK) with its bin/ on PATH, mvn on PATH, MAVEN_HOME=/usr/share/maven,
# MAVEN_CONFIG=/root/.m2, running as root.
# Differences from the official image, besides the versions: Maven Central is
# not reachable from here, so the global settings (/etc/maven/settings.xml,
# which /usr/share/maven/conf/settings.xml reads) mirror every repository to
# Debian's packaged Maven repository, file:///usr/share/maven-repo, which holds
# the plugins a plain jar build needs (compiler, resources, surefire, jar,
# install, deploy, clean, site, dependency) under their Debian versions and
# relocations; one relocation is added (maven-site-plugin SITE_FROM, the
# Maven's default: 3.3 for 3.8, 3.12.1 for 3.9, to Debian's version), without
# which dependency:go-offline fails.
# Only projects without third-party dependencies build; mvnw (which downloads
# Maven) does not work here.
# binutils as in the official Temurin images: jlink --strip-debug runs objcopy.
# Context: host-cas/ (the host's local CAs, may be empty; see .ci/standins.sh).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG JDK=17 SITE_FROM=3.3
COPY host-cas/ /usr/local/share/ca-certificates/
RUN --mount=type=cache,id=dg-standin-apt-lists,target=/var/lib/apt/lists,sharing=locked \
    set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates binutils openjdk-$JDK-jdk-headless \
        maven libmaven-compiler-plugin-java libmaven-resources-plugin-java libmaven-jar-plugin-java \
        libsurefire-java libmaven-install-plugin-java libmaven-deploy-plugin-java libmaven-clean-plugin-java \
        libmaven-site-plugin-java libmaven-dependency-plugin-java; \
    update-ca-certificates; \
    mkdir -p /opt/java; \
    ln -s "/usr/lib/jvm/java-$JDK-openjdk-$(dpkg --print-architecture)" /opt/java/openjdk; \
    printf '%s\n' '<settings>' '  <mirrors>' \
        '    <mirror><id>debian</id><name>Debian packaged Maven repository (dockergen stand-in)</name><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror>' \
        '  </mirrors>' '</settings>' > /etc/maven/settings.xml; \
    site=/usr/share/maven-repo/org/apache/maven/plugins/maven-site-plugin; \
    debsite="$(ls "$site" | grep -vx debian | sort -V | tail -n1)"; \
    if [ ! -e "$site/$SITE_FROM" ]; then \
      mkdir -p "$site/$SITE_FROM"; \
      printf '%s\n' "<project><modelVersion>4.0.0</modelVersion><groupId>org.apache.maven.plugins</groupId><artifactId>maven-site-plugin</artifactId><version>$SITE_FROM</version><packaging>pom</packaging><distributionManagement><relocation><version>$debsite</version></relocation></distributionManagement></project>" > "$site/$SITE_FROM/maven-site-plugin-$SITE_FROM.pom"; \
    fi; \
    /opt/java/openjdk/bin/java -version; mvn -v
ENV JAVA_HOME=/opt/java/openjdk \
    MAVEN_HOME=/usr/share/maven \
    MAVEN_CONFIG=/root/.m2 \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["mvn"]
