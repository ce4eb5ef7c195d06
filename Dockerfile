# magic-exporter container: build with Maven on a JDK, run on a JRE as a non-root user.
#   podman build -t magic-exporter .        (or docker build)
#   podman run --rm -p 10071:10071 magic-exporter --demo
# test/container/run.sh builds local base images under these names when no registry is reachable.

FROM docker.io/library/eclipse-temurin:17-jdk AS build
# Extra Maven flags, e.g. "-o" when a local repository is mounted at /root/.m2 (offline builds).
ARG MAVEN_FLAGS=""
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY src src
COPY config config
RUN ./mvnw -B -q -ntp ${MAVEN_FLAGS} package -DskipTests

FROM docker.io/library/eclipse-temurin:17-jre
ARG UID=10001
RUN groupadd --system --gid ${UID} magic \
 && useradd --system --uid ${UID} --gid ${UID} --home-dir /var/lib/magic-exporter --create-home magic \
 && mkdir -p /var/lib/magic-exporter/state /etc/magic-exporter \
 && chown -R ${UID}:${UID} /var/lib/magic-exporter
COPY --from=build /src/target/magic-exporter.jar /opt/magic-exporter/magic-exporter.jar
COPY config/exporter.yaml /etc/magic-exporter/exporter.yaml
ENV MAGIC_EXPORTER_STATE_DIR=/var/lib/magic-exporter/state \
    MAGIC_EXPORTER_LISTEN_ADDRESS=0.0.0.0
VOLUME ["/var/lib/magic-exporter/state"]
EXPOSE 10071 10072
USER ${UID}:${UID}
WORKDIR /var/lib/magic-exporter
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-Xmx16m", "-XX:+UseSerialGC", "-cp", "/opt/magic-exporter/magic-exporter.jar", "dev.magicexporter.app.HealthCheck"]
# Container-sized JVM: heap from the cgroup limit, exit (and be restarted) on OOM instead of limping.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=25", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:+UseSerialGC", "-jar", "/opt/magic-exporter/magic-exporter.jar"]
CMD ["--config", "/etc/magic-exporter/exporter.yaml"]
