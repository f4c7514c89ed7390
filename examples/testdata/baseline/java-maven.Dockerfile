# The naive baseline for the java-maven example (see go.Dockerfile): single
# stage on the full Maven and JDK image, root user, ADD, no dependency step
# and no cache mount, so every change downloads and builds everything again,
# and the JDK, Maven and the local repository ship with the app. Never use this.
FROM maven:3.9-eclipse-temurin-17
WORKDIR /app
ADD . /app
RUN mvn -B package
EXPOSE 8080
CMD ["java", "-jar", "target/hello-java-maven-1.0.0.jar"]
