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
# relocations; the versions this Maven asks for that Debian lacks are
# relocated to Debian's (RELOCATE: maven-site-plugin 3.3 for bookworm's 3.8;
# site 3.12.1, dependency 3.7.0 and deploy 3.1.2 for trixie's 3.9.9).
# Only projects without third-party dependencies build; mvnw (which downloads
# Maven) does not work here.
# binutils as in the official Temurin images: jlink --strip-debug runs objcopy.
# Context: host-cas/ (the host's local CAs, may be empty; see .ci/standins.sh).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG JDK=17
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
    /opt/java/openjdk/bin/java -version; mvn -v
# RELOCATE: "artifactId:version ..." of plugin versions that this Maven's
# super POM or lifecycle asks for and Debian does not package, each relocated
# to the newest version Debian has (without them dependency:go-offline
# fails). Then prefix and version metadata for Debian's plugins, which its
# maven-repo lacks: Maven 3.9 resolves the `dependency:` prefix through
# org/apache/maven/plugins/maven-metadata.xml (Maven 3.8 found it in its
# super POM).
# LOCAL_REPO (empty: Maven's default, /root/.m2/repository): Debian's
# maven-repo serves different POMs under the same coordinates (version
# "debian") in each release, so the trixie stand-ins keep their local
# repository apart inside the /root/.m2 cache mount that bookworm's builds
# share (the real images resolve the same artifacts from Maven Central).
ARG RELOCATE="maven-site-plugin:3.3" LOCAL_REPO=
RUN set -eux; \
    if [ -n "$LOCAL_REPO" ]; then \
      sed -i "s#^<settings>\$#<settings>\\n  <localRepository>$LOCAL_REPO</localRepository>#" /etc/maven/settings.xml; \
      grep -q "<localRepository>$LOCAL_REPO<" /etc/maven/settings.xml; \
    fi; \
    plugins=/usr/share/maven-repo/org/apache/maven/plugins; \
    for r in $RELOCATE; do \
      a="${r%%:*}"; v="${r#*:}"; \
      [ ! -e "$plugins/$a/$v" ] || continue; \
      to="$(ls "$plugins/$a" | grep -E '^[0-9]' | sort -V | tail -n1)"; \
      mkdir -p "$plugins/$a/$v"; \
      printf '%s\n' "<project><modelVersion>4.0.0</modelVersion><groupId>org.apache.maven.plugins</groupId><artifactId>$a</artifactId><version>$v</version><packaging>pom</packaging><distributionManagement><relocation><version>$to</version></relocation></distributionManagement></project>" > "$plugins/$a/$v/$a-$v.pom"; \
      echo "relocated $a $v to $to"; \
    done; \
    { echo '<metadata><plugins>'; \
      for d in "$plugins"/maven-*-plugin; do \
        a="${d##*/}"; p="${a#maven-}"; p="${p%-plugin}"; \
        echo "<plugin><name>$a</name><prefix>$p</prefix><artifactId>$a</artifactId></plugin>"; \
        vs="$(ls "$d" | grep -E '^[0-9]' | sort -V)"; \
        [ -n "$vs" ] && [ ! -e "$d/maven-metadata.xml" ] || continue; \
        last="$(echo "$vs" | tail -n1)"; \
        echo "<metadata><groupId>org.apache.maven.plugins</groupId><artifactId>$a</artifactId><versioning><latest>$last</latest><release>$last</release><versions>$(for v in $vs; do printf '<version>%s</version>' "$v"; done)</versions></versioning></metadata>" > "$d/maven-metadata.xml"; \
      done; \
      echo '</plugins></metadata>'; } > "$plugins/maven-metadata.xml"; \
    cat "$plugins/maven-metadata.xml"
ENV JAVA_HOME=/opt/java/openjdk \
    MAVEN_HOME=/usr/share/maven \
    MAVEN_CONFIG=/root/.m2 \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["mvn"]
