# The naive baseline for the java-gradle example (see go.Dockerfile): single
# stage on the full Gradle and JDK image, root user, ADD, no dependency step
# and no cache mount, so every change builds everything again, and the JDK
# and Gradle ship with the app. Never use this.
FROM gradle:8-jdk17
WORKDIR /app
ADD . /app
RUN gradle build --no-daemon
EXPOSE 8080
CMD ["java", "-jar", "build/libs/hello-java-gradle-1.0.0.jar"]
