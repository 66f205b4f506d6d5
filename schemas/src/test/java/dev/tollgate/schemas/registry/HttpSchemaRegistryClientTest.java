package dev.tollgate.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.schemas.registry.FakeRegistryServer.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

  static final Schema SCHEMA = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"t\",\"fields\":[{\"name\":\"seq\",\"type\":\"long\"}]}");
  static final String SCHEMA_JSON;

  static {
    try {
      SCHEMA_JSON = new ObjectMapper().writeValueAsString(SCHEMA.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  final FakeRegistryServer server;

  HttpSchemaRegistryClientTest() throws IOException {
    server = new FakeRegistryServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpSchemaRegistryClient client(int maxRetries, Duration timeout) {
    return client(List.of(server.url()), null, maxRetries, timeout);
  }

  static HttpSchemaRegistryClient client(List<String> urls, String userInfo, int maxRetries, Duration timeout) {
    return new HttpSchemaRegistryClient(urls, userInfo,
        new HttpSchemaRegistryClient.Options(timeout, timeout, maxRetries, Duration.ofMillis(5), Duration.ofMillis(20)));
  }

  @Test
  void registerPostsTheSchemaAndCachesTheIdBothWays() {
    server.answer(r -> Response.json(200, "{\"id\":7}"));
    HttpSchemaRegistryClient client = client(0, Duration.ofSeconds(5));

    assertThat(client.register("pings-value", SCHEMA)).isEqualTo(7);
    assertThat(client.register("pings-value", SCHEMA)).isEqualTo(7);
    assertThat(client.idOf("pings-value", SCHEMA)).isEqualTo(7);
    assertThat(client.schemaById(7)).isEqualTo(SCHEMA);

    assertThat(server.requests()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.rawPath()).isEqualTo("/subjects/pings-value/versions");
      assertThat(r.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
      assertThat(r.body()).isEqualTo("{\"schema\":" + SCHEMA_JSON + "}");
    });
  }

  @Test
  void schemaByIdIsFetchedOnceThenCachedAndFeedsIdLookups() {
    server.answer(r -> r.rawPath().equals("/schemas/ids/3")
        ? Response.json(200, "{\"schema\":" + SCHEMA_JSON + "}")
        : Response.json(200, "{\"subject\":\"pings-value\",\"version\":1,\"id\":3,\"schema\":" + SCHEMA_JSON + "}"));
    HttpSchemaRegistryClient client = client(0, Duration.ofSeconds(5));

    assertThat(client.schemaById(3)).isEqualTo(SCHEMA);
    assertThat(client.schemaById(3)).isEqualTo(SCHEMA);
    assertThat(client.idOf("pings-value", SCHEMA)).isEqualTo(3);
    assertThat(client.idOf("pings-value", SCHEMA)).isEqualTo(3);

    assertThat(server.requests()).extracting(FakeRegistryServer.Request::method, FakeRegistryServer.Request::rawPath)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/3"),
            org.assertj.core.groups.Tuple.tuple("POST", "/subjects/pings-value"));
  }

  @Test
  void retries5xxThenSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    server.answer(r -> calls.incrementAndGet() <= 2
        ? Response.json(503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request to the leader\"}")
        : Response.json(200, "{\"id\":11}"));

    assertThat(client(3, Duration.ofSeconds(5)).register("pings-value", SCHEMA)).isEqualTo(11);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void gives5xxUpAfterTheLastRetryNamingSubjectAndCode() {
    server.answer(r -> Response.json(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}"));

    var e = catchThrowableOfType(SchemaRegistryException.class,
        () -> client(2, Duration.ofSeconds(5)).register("pings-value", SCHEMA));

    assertThat(server.requests()).hasSize(3);
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.errorCode()).isEqualTo(50001);
    assertThat(e).hasMessageContaining("pings-value").hasMessageContaining("50001")
        .hasMessageContaining("backend data store");
  }

  @Test
  void doesNotRetry4xxAndNamesSubjectAndConfluentCode() {
    server.answer(r -> Response.json(404, "{\"error_code\":40401,\"message\":\"Subject 'pings-value' not found.\"}"));

    var e = catchThrowableOfType(SchemaRegistryException.class,
        () -> client(3, Duration.ofSeconds(5)).latest("pings-value"));

    assertThat(server.requests()).hasSize(1);
    assertThat(e.isNotFound()).isTrue();
    assertThat(e.errorCode()).isEqualTo(40401);
    assertThat(e.subject()).isEqualTo("pings-value");
    assertThat(e).hasMessageContaining("subject pings-value").hasMessageContaining("HTTP 404")
        .hasMessageContaining("error code 40401");
  }

  @Test
  void incompatibleRegistrationIsA409Unretried() {
    server.answer(r -> Response.json(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));

    var e = catchThrowableOfType(SchemaRegistryException.class,
        () -> client(3, Duration.ofSeconds(5)).register("pings-value", SCHEMA));

    assertThat(server.requests()).hasSize(1);
    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e).hasMessageContaining("incompatible").hasMessageContaining("pings-value");
  }

  @Test
  void retriesConnectionRefusedOnTheNextUrl() throws IOException {
    server.answer(r -> Response.json(200, "{\"id\":9}"));
    HttpSchemaRegistryClient client = client(List.of("http://127.0.0.1:" + closedPort(), server.url()), null, 2,
        Duration.ofSeconds(5));

    assertThat(client.register("pings-value", SCHEMA)).isEqualTo(9);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void connectionRefusedEverywhereFailsAfterAllAttempts() throws IOException {
    HttpSchemaRegistryClient client = client(List.of("http://127.0.0.1:" + closedPort()), null, 2, Duration.ofSeconds(5));

    var e = catchThrowableOfType(SchemaRegistryException.class, () -> client.schemaById(1));

    assertThat(e.httpStatus()).isZero();
    assertThat(e).hasMessageContaining("unreachable").hasMessageContaining("attempt 3 of 3");
  }

  @Test
  void requestTimeoutIsHonoured() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answer(r -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Response.json(200, "{\"id\":1}");
    });
    try {
      long start = System.nanoTime();
      var e = catchThrowableOfType(SchemaRegistryException.class,
          () -> client(0, Duration.ofMillis(300)).register("slow-value", SCHEMA));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(e).hasRootCauseInstanceOf(HttpTimeoutException.class).hasMessageContaining("slow-value");
      assertThat(tookMillis).isBetween(250L, 5_000L);
    } finally {
      release.countDown();
    }
  }

  @Test
  void urlEncodesSubjects() {
    server.answer(r -> Response.json(200, "[1,2]"));

    assertThat(client(0, Duration.ofSeconds(5)).versions("team a/ü+x-value")).containsExactly(1, 2);
    assertThat(server.requests()).singleElement().extracting(FakeRegistryServer.Request::rawPath)
        .isEqualTo("/subjects/team%20a%2F%C3%BC%2Bx-value/versions");
  }

  @Test
  void sendsBasicAuth() {
    server.answer(r -> Response.json(200, "[\"a-value\"]"));

    assertThat(client(List.of(server.url() + "/"), "svc:pw", 0, Duration.ofSeconds(5)).subjects())
        .containsExactly("a-value");
    assertThat(server.requests()).singleElement().satisfies(r -> {
      assertThat(r.rawPath()).isEqualTo("/subjects");
      assertThat(r.authorization())
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("svc:pw".getBytes(StandardCharsets.UTF_8)));
    });
  }

  @Test
  void readsAndSetsCompatibility() {
    server.answer(r -> r.method().equals("GET")
        ? Response.json(200, "{\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}")
        : Response.json(200, "{\"compatibility\":\"FULL\"}"));
    HttpSchemaRegistryClient client = client(0, Duration.ofSeconds(5));

    assertThat(client.compatibility("pings-value")).isEqualTo("BACKWARD_TRANSITIVE");
    client.setCompatibility("pings-value", "FULL");

    assertThat(server.requests()).extracting(r -> r.method() + " " + r.rawPath() + (r.rawQuery() == null ? "" : "?" + r.rawQuery()))
        .containsExactly("GET /config/pings-value?defaultToGlobal=true", "PUT /config/pings-value");
    assertThat(server.requests().get(1).body()).isEqualTo("{\"compatibility\":\"FULL\"}");
  }

  @Test
  void testCompatibilityReadsVerboseMessages() {
    server.answer(r -> Response.json(200, "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE x\"]}"));

    var result = client(0, Duration.ofSeconds(5)).testCompatibility("pings-value", SCHEMA);

    assertThat(result.compatible()).isFalse();
    assertThat(result.messages()).containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE x");
    assertThat(server.requests().get(0).rawPath()).isEqualTo("/compatibility/subjects/pings-value/versions/latest");
    assertThat(server.requests().get(0).rawQuery()).isEqualTo("verbose=true");
  }

  @Test
  void answerWithoutIdIsAnErrorNotIdZero() {
    server.answer(r -> Response.json(200, "{}"));

    var e = catchThrowableOfType(SchemaRegistryException.class,
        () -> client(0, Duration.ofSeconds(5)).register("pings-value", SCHEMA));

    assertThat(e).hasMessageContaining("\"id\"");
  }

  @Test
  void nonJsonSuccessIsAnErrorWithoutRetry() {
    server.answer(r -> Response.json(200, "<html>proxy</html>"));

    var e = catchThrowableOfType(SchemaRegistryException.class,
        () -> client(3, Duration.ofSeconds(5)).register("pings-value", SCHEMA));

    assertThat(server.requests()).hasSize(1);
    assertThat(e).hasMessageContaining("not JSON").hasMessageContaining("pings-value");
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
