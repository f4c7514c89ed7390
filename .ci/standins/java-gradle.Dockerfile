# Stand-in for gradle:8-jdk17 (bookworm) and gradle:9-jdkN (trixie), built by
# .ci/standins.sh (plugin-java.sh) FROM BASE, the release's debian stand-in,
# with JDK the OpenJDK major. Debian's Gradle 4.4.1 (Debian-patched to run on
# its OpenJDK) and OpenJDK JDK (its jmods are in the headless JDK) instead of
# Gradle 8/9 on Eclipse Temurin (Ubuntu), laid out like the official image where the generated
# Dockerfile relies on it: JAVA_HOME=/opt/java/openjdk (a link to Debian's
# JDK) with its bin/ on PATH, gradle on PATH, user gradle (1000) with
# /home/gradle/.gradle and /root/.gradle a link to it, WORKDIR /home/gradle,
# running as root.
# Differences from the official image, besides the versions: GRADLE_HOME is
# Debian's /usr/share/gradle (not /opt/gradle); no repository is reachable
# from here, so only projects without third-party dependencies build (core
# plugins such as java need none), Gradle 4.4 lacks newer DSL (java.toolchain,
# the Kotlin DSL), and gradlew (which downloads Gradle) does not work here.
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
    apt-get install -y --no-install-recommends ca-certificates binutils openjdk-$JDK-jdk-headless gradle; \
    update-ca-certificates; \
    mkdir -p /opt/java; \
    ln -s "/usr/lib/jvm/java-$JDK-openjdk-$(dpkg --print-architecture)" /opt/java/openjdk; \
    groupadd --system --gid 1000 gradle; \
    useradd --system --gid gradle --uid 1000 --shell /bin/bash --create-home gradle; \
    mkdir /home/gradle/.gradle; \
    chown -R gradle:gradle /home/gradle; \
    chmod -R o+rwx /home/gradle; \
    ln -s /home/gradle/.gradle /root/.gradle; \
    /opt/java/openjdk/bin/java -version; gradle --version
ENV JAVA_HOME=/opt/java/openjdk \
    GRADLE_HOME=/usr/share/gradle \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
VOLUME /home/gradle/.gradle
WORKDIR /home/gradle
CMD ["gradle"]
