# One image per service, built from the jar Maven already produced:
#   mvn -B -DskipTests package
#   docker compose build          (or: docker build --build-arg MODULE=approval-service -t tollgate/approval-service:dev .)
FROM eclipse-temurin:17.0.15_6-jre
ARG MODULE
RUN useradd --system --uid 10001 tollgate
RUN mkdir -p /var/lib/tollgate && chown tollgate /var/lib/tollgate
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-exec.jar /app/app.jar
USER tollgate
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
