# syntax=docker/dockerfile:1

# Build: the Maven wrapper in a JDK image. Tests need PostgreSQL and run in CI, not here.
# The jar is then split into Spring Boot's layers: dependencies change less often than the application,
# so their image layers are reused from one build to the next.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    sh ./mvnw -B -q -DskipTests package \
 && cp target/hazard-loop-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Run: a JRE image, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system hazardloop && useradd --system --gid hazardloop --no-create-home hazardloop
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER hazardloop
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
