FROM gradle:8.7-jdk17 AS build
COPY --chown=gradle:gradle . /home/gradle/src
WORKDIR /home/gradle/src
RUN gradle build --no-daemon

FROM openjdk:17-jdk-slim
COPY --from=build /home/gradle/src/build/libs/*.jar /app/app.jar
COPY keystore.jks /app/keystore.jks
ENV KEYSTORE_PASSWORD=changeit
EXPOSE 8443
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
