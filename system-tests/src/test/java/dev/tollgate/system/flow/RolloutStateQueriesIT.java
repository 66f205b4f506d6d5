package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.schemas.topic.Topics;
import dev.tollgate.system.stack.ExtraRolloutInstance;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The state queries of rollout-service on the real stack: "what was live when", and, with a second
 * instance joining the same Kafka Streams application, every instance answering for every model by
 * forwarding to the instance that owns the model's partition.
 */
@ExtendWith(LocalStackExtension.class)
class RolloutStateQueriesIT {

  private static final String ANSWERED_BY = "Tollgate-Answered-By";
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(150);

  private final JsonHttp http = new JsonHttp();

  @Test
  void answersWhatWasLiveAtAPastInstant(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("live-history");
    String first = promote(deployments, model, "1.0.0");
    Instant t1 = Instant.now();
    String second = promote(deployments, model, "2.0.0");

    JsonHttp.Response then = liveAt(stack.rollout(), model, t1);
    assertThat(then.status()).as(then.body().toString()).isEqualTo(200);
    assertThat(then.body().path("modelVersion").asText()).isEqualTo("1.0.0");
    assertThat(then.body().path("deploymentId").asText()).isEqualTo(first);
    assertThat(Instant.parse(then.body().path("since").asText())).isBefore(t1);
    assertThat(Instant.parse(then.body().path("until").asText())).isAfter(t1);

    JsonHttp.Response now = http.get(liveUri(stack.rollout(), model, null), null);
    assertThat(now.status()).as(now.body().toString()).isEqualTo(200);
    assertThat(now.body().path("modelVersion").asText()).isEqualTo("2.0.0");
    assertThat(now.body().path("deploymentId").asText()).isEqualTo(second);
    assertThat(now.body().path("until").isMissingNode() || now.body().path("until").isNull()).isTrue();
    assertThat(now.body().path("since").asText()).isEqualTo(then.body().path("until").asText());

    JsonHttp.Response before = liveAt(stack.rollout(), model, Instant.now().minus(Duration.ofDays(1)));
    assertThat(before.status()).as("nothing was live a day ago").isEqualTo(404);
    JsonHttp.Response bad = http.get(URI.create(liveUri(stack.rollout(), model, null) + "?at=last-tuesday"), null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("at");
  }

  @Test
  void withTwoInstancesEitherAnswersForEveryModelForwardingToItsOwner(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    List<String> models = oneModelPerPartition(stack, "two-instances");
    try (ExtraRolloutInstance second = ExtraRolloutInstance.start(stack, 2)) {
      List<URI> instances = List.of(stack.rollout(), second.url());
      Map<String, String> firstIds = new LinkedHashMap<>();
      Map<String, String> secondIds = new LinkedHashMap<>();
      Map<String, Instant> between = new LinkedHashMap<>();
      for (String model : models) {
        firstIds.put(model, promote(deployments, model, "1.0.0"));
        between.put(model, Instant.now());
      }
      for (String model : models) {
        secondIds.put(model, promote(deployments, model, "2.0.0"));
      }

      Set<String> answeredBy = new HashSet<>();
      for (String model : models) {
        List<String> paths = List.of(
            "/api/v1/models/" + model + "/versions/2.0.0/environments/staging",
            "/api/v1/models/" + model + "/versions/1.0.0",
            "/api/v1/models/" + model + "/live",
            "/api/v1/models/" + model + "/environments/staging/live",
            "/api/v1/models/" + model + "/environments/staging/live?at=" + between.get(model));
        for (String path : paths) {
          List<JsonHttp.Response> answers = settledAnswers(instances, path);
          JsonHttp.Response one = answers.get(0);
          assertThat(answers).as(path + ": every instance gives the same answer, from the same owner")
              .allSatisfy(answer -> {
                assertThat(withoutAskedInstant(answer.body())).isEqualTo(withoutAskedInstant(one.body()));
                assertThat(answer.header(ANSWERED_BY)).isEqualTo(one.header(ANSWERED_BY));
              });
          answeredBy.add(one.header(ANSWERED_BY));
          if (path.contains("?at=")) {
            assertThat(one.body().path("modelVersion").asText()).isEqualTo("1.0.0");
            assertThat(one.body().path("deploymentId").asText()).isEqualTo(firstIds.get(model));
          }
        }
        JsonNode state = settledAnswers(instances, paths.get(0)).get(0).body();
        assertThat(state.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(state.path("deploymentId").asText()).isEqualTo(secondIds.get(model));
        JsonNode live = settledAnswers(instances, paths.get(3)).get(0).body();
        assertThat(live.path("modelVersion").asText()).isEqualTo("2.0.0");
      }
      assertThat(answeredBy).as("both instances own some of the models: each answered for the other")
          .containsExactlyInAnyOrder(authority(stack.rollout()), authority(second.url()));

      // the operator API finds a deployment by id on whichever instance holds it
      for (String model : models) {
        for (URI instance : instances) {
          JsonHttp.Response abort = http.post(instance.resolve("/api/v1/deployments/" + secondIds.get(model)
              + "/abort"), "olivia-token", Map.of("reason", "just checking"));
          assertThat(abort.status()).as(abort.body().toString()).isEqualTo(409);
          assertThat(abort.body().path("detail").asText()).contains("is SUCCEEDED");
        }
      }
      assertThat(http.post(second.url().resolve("/api/v1/deployments/no-such-deployment/abort"), "olivia-token",
          Map.of("reason", "just checking")).status()).isEqualTo(404);
    }
    awaitFirstInstanceAnswersAlone(stack, models);
  }

  /** The answer less {@code at}, which is "now" when the request named no instant. */
  private static JsonNode withoutAskedInstant(JsonNode body) {
    JsonNode copy = body.deepCopy();
    if (copy instanceof ObjectNode object) {
      object.remove("at");
    }
    return copy;
  }

  /** Waits for one answer per instance, all 200 with one owner (instances settle after a rebalance). */
  private List<JsonHttp.Response> settledAnswers(List<URI> instances, String path) {
    List<JsonHttp.Response> answers = new ArrayList<>();
    Awaitility.await("every instance answers " + path).atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          answers.clear();
          for (URI instance : instances) {
            answers.add(http.get(URI.create(instance + path), null));
          }
          return answers.stream().allMatch(a -> a.status() == 200)
              && answers.stream().map(a -> a.header(ANSWERED_BY)).distinct().count() == 1;
        });
    return answers;
  }

  /** After the second instance stopped, its partitions come back to the first before other tests run. */
  private void awaitFirstInstanceAnswersAlone(StackEndpoints stack, List<String> models) {
    Awaitility.await("rollout-service answers every model from its own stores again").atMost(SETTLE_TIMEOUT)
        .pollInterval(Duration.ofMillis(500)).until(() -> models.stream().allMatch(model -> {
          JsonHttp.Response answer = http.get(stack.rollout().resolve("/api/v1/models/" + model + "/live"), null);
          return answer.status() == 200 && authority(stack.rollout()).equals(answer.header(ANSWERED_BY));
        }));
  }

  private String promote(Deployments deployments, String model, String version) {
    Map<String, Object> request = new LinkedHashMap<>(
        DeploymentRequests.canary(model, version, "staging", DeploymentRequests.digest()));
    request.put("strategy", Map.of("kind", "CANARY", "steps", List.of(Map.of("setWeight", 100))));
    String deploymentId = deployments.requestAndApprove(request);
    deployments.awaitStatus(model, version, "staging", deploymentId, "SUCCEEDED");
    return deploymentId;
  }

  private JsonHttp.Response liveAt(URI instance, String model, Instant at) {
    return http.get(URI.create(liveUri(instance, model, null) + "?at=" + at), null);
  }

  private static URI liveUri(URI instance, String model, String query) {
    return instance.resolve("/api/v1/models/" + model + "/environments/staging/live" + (query == null ? "" : query));
  }

  private static String authority(URI instance) {
    return instance.getHost() + ":" + instance.getPort();
  }

  /**
   * Unique model names, one hashing to each partition of the lifecycle topics (the default
   * partitioner's murmur2 of the key), so with two instances each owns at least one of them.
   */
  private static List<String> oneModelPerPartition(StackEndpoints stack, String prefix) {
    int partitions;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
      partitions = admin.describeTopics(List.of(Topics.APPROVALS.name())).allTopicNames().get()
          .get(Topics.APPROVALS.name()).partitions().size();
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe " + Topics.APPROVALS.name(), e);
    }
    Map<Integer, String> byPartition = new LinkedHashMap<>();
    while (byPartition.size() < partitions) {
      String model = DeploymentRequests.uniqueModel(prefix);
      byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(model.getBytes(StandardCharsets.UTF_8))) % partitions,
          model);
    }
    return List.copyOf(byPartition.values());
  }
}
