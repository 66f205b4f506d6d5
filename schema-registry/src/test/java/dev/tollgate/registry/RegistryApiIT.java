package dev.tollgate.registry;

import static dev.tollgate.registry.RegistryHttp.schemaBody;
import static dev.tollgate.registry.store.TestSchemas.AMOUNT;
import static dev.tollgate.registry.store.TestSchemas.AMOUNT_WITH_DEFAULT;
import static dev.tollgate.registry.store.TestSchemas.ID;
import static dev.tollgate.registry.store.TestSchemas.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.registry.RegistryHttp.Answer;
import dev.tollgate.registry.store.CanonicalSchema;
import dev.tollgate.registry.store.TestSchemas;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every endpoint of the REST API against a registry on a real broker, with Confluent's shapes and codes. */
@ExtendWith(KafkaBroker.class)
class RegistryApiIT {

  private static SchemaRegistryServer server;
  private static RegistryHttp http;

  @BeforeAll
  static void start() {
    server = SchemaRegistryServer.start(new RegistryConfig(KafkaBroker.bootstrapServers(), "127.0.0.1", 0,
        "_schemas-api-" + UUID.randomUUID(), Duration.ofSeconds(60)));
    http = new RegistryHttp(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String subject() {
    return "s-" + UUID.randomUUID() + "-value";
  }

  private static int register(String subject, String schema) {
    Answer answer = http.post("/subjects/" + subject + "/versions", schemaBody(schema));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("id").asInt();
  }

  @Test
  void listensOnLoopbackAndAnswersTheRootAndTypes() {
    assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    Answer root = http.get("/");
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.contentType()).isEqualTo(RegistryHttp.CONTENT_TYPE);
    assertThat(root.body()).isEqualTo("{}");
    assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
  }

  @Test
  void registersReadsAndListsVersions() {
    String subject = subject();
    int id1 = register(subject, payment(ID));
    int id2 = register(subject, payment(ID, AMOUNT_WITH_DEFAULT));

    assertThat(id2).isGreaterThan(id1);
    assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).contains(subject);
    assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");

    JsonNode latest = http.get("/subjects/" + subject + "/versions/latest").json();
    assertThat(latest.get("subject").asText()).isEqualTo(subject);
    assertThat(latest.get("version").asInt()).isEqualTo(2);
    assertThat(latest.get("id").asInt()).isEqualTo(id2);
    assertThat(latest.get("schema").asText()).isEqualTo(CanonicalSchema.parse(payment(ID, AMOUNT_WITH_DEFAULT)).text());
    assertThat(latest.has("schemaType")).isFalse();
    assertThat(http.get("/subjects/" + subject + "/versions/-1").json()).isEqualTo(latest);
    assertThat(http.get("/subjects/" + subject + "/versions/1").json().get("id").asInt()).isEqualTo(id1);

    Answer raw = http.get("/subjects/" + subject + "/versions/1/schema");
    assertThat(raw.json().get("name").asText()).isEqualTo("Payment");
    assertThat(raw.body()).isEqualTo(CanonicalSchema.parse(payment(ID)).text());
    assertThat(http.get("/subjects/" + subject + "/versions/1/referencedby").body()).isEqualTo("[]");
  }

  @Test
  void registeringAgainAnswersTheSameIdAndAddsNoVersion() {
    String subject = subject();
    int id = register(subject, payment(ID));

    assertThat(register(subject, payment(ID))).isEqualTo(id);
    assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void theSameSchemaUnderAnotherSubjectReusesTheGlobalId() {
    String a = subject();
    String b = subject();
    String schema = UniqueSchemas.unique();
    int id = register(a, schema);

    assertThat(register(b, schema)).isEqualTo(id);
    assertThat(http.get("/subjects/" + b + "/versions/latest").json().get("version").asInt()).isEqualTo(1);
    JsonNode versions = http.get("/schemas/ids/" + id + "/versions").json();
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("subject").asText()).isIn(a, b);
    assertThat(versions.get(0).get("version").asInt()).isEqualTo(1);
    assertThat(http.get("/schemas/ids/" + id + "/subjects").json()).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(a, b);
  }

  @Test
  void schemasByIdAnd40403() {
    int id = register(subject(), payment(ID));

    Answer byId = http.get("/schemas/ids/" + id);
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.json().get("schema").asText()).isEqualTo(CanonicalSchema.parse(payment(ID)).text());
    assertThat(byId.json().has("schemaType")).isFalse();
    assertThat(http.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(CanonicalSchema.parse(payment(ID)).text());

    Answer unknown = http.get("/schemas/ids/987654");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo(40403);
    assertThat(unknown.json().get("message").asText()).isNotBlank();
    assertThat(http.get("/schemas/ids/987654/versions").errorCode()).isEqualTo(40403);
  }

  @Test
  void incompatibleSchemaIs409ListingTheViolations() {
    String subject = subject();
    register(subject, payment(ID));

    Answer refused = http.post("/subjects/" + subject + "/versions", schemaBody(payment(ID, AMOUNT)));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo(409);
    assertThat(refused.json().get("message").asText()).contains("amount").contains("BACKWARD");
    assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void invalidSchemaIs42201() {
    Answer notAvro = http.post("/subjects/" + subject() + "/versions", schemaBody("{\"type\":\"record\",\"name\":1}"));
    assertThat(notAvro.status()).isEqualTo(422);
    assertThat(notAvro.errorCode()).isEqualTo(42201);

    Answer noSchema = http.post("/subjects/" + subject() + "/versions", "{}");
    assertThat(noSchema.errorCode()).isEqualTo(42201);

    Answer protobuf = http.post("/subjects/" + subject() + "/versions",
        "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
    assertThat(protobuf.errorCode()).isEqualTo(42201);

    Answer explicitAvro = http.post("/subjects/" + subject() + "/versions",
        "{\"schemaType\":\"AVRO\",\"schema\":" + schemaBody(payment(ID)).substring(10));
    assertThat(explicitAvro.status()).as(explicitAvro.body()).isEqualTo(200);

    Answer notJson = http.post("/subjects/" + subject() + "/versions", "{not json");
    assertThat(notJson.status()).isEqualTo(400);
  }

  @Test
  void acceptsPlainJsonAndOctetStreamBodiesButNotText() {
    String subject = subject();
    Answer json = http.send("POST", "/subjects/" + subject + "/versions", schemaBody(payment(ID)), "application/json");
    Answer octets = http.send("POST", "/subjects/" + subject + "/versions", schemaBody(payment(ID)),
        "application/octet-stream");
    Answer text = http.send("POST", "/subjects/" + subject + "/versions", schemaBody(payment(ID)), "text/plain");

    assertThat(json.status()).isEqualTo(200);
    assertThat(octets.json()).isEqualTo(json.json());
    assertThat(text.status()).isEqualTo(415);
  }

  @Test
  void lookupFindsTheVersionOrAnswers40401Or40403() {
    String subject = subject();
    int id = register(subject, payment(ID));

    Answer found = http.post("/subjects/" + subject, schemaBody(payment(ID)));
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("subject").asText()).isEqualTo(subject);
    assertThat(found.json().get("version").asInt()).isEqualTo(1);
    assertThat(found.json().get("id").asInt()).isEqualTo(id);
    assertThat(found.json().get("schema").asText()).isEqualTo(CanonicalSchema.parse(payment(ID)).text());

    assertThat(http.post("/subjects/" + subject, schemaBody(payment(ID, AMOUNT))).errorCode()).isEqualTo(40403);
    Answer noSubject = http.post("/subjects/" + subject(), schemaBody(payment(ID)));
    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.errorCode()).isEqualTo(40401);
  }

  @Test
  void unknownSubjectsAndVersionsAnswerTheirCodes() {
    String subject = subject();
    assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
    assertThat(http.get("/subjects/" + subject + "/versions/latest").errorCode()).isEqualTo(40401);
    register(subject, payment(ID));
    Answer noVersion = http.get("/subjects/" + subject + "/versions/9");
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.errorCode()).isEqualTo(40402);
    Answer badVersion = http.get("/subjects/" + subject + "/versions/zero");
    assertThat(badVersion.status()).isEqualTo(422);
    assertThat(badVersion.errorCode()).isEqualTo(42202);
    assertThat(http.get("/subjects/" + subject + "/versions/0").errorCode()).isEqualTo(42202);
  }

  @Test
  void compatibilityChecksWithoutRegistering() {
    String subject = subject();
    register(subject, payment(ID));

    Answer compatible = http.post("/compatibility/subjects/" + subject + "/versions/latest",
        schemaBody(payment(ID, AMOUNT_WITH_DEFAULT)));
    assertThat(compatible.status()).isEqualTo(200);
    assertThat(compatible.body()).isEqualTo("{\"is_compatible\":true}");

    Answer incompatible = http.post("/compatibility/subjects/" + subject + "/versions/1", schemaBody(payment(ID, AMOUNT)));
    assertThat(incompatible.body()).isEqualTo("{\"is_compatible\":false}");

    Answer verbose = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
        schemaBody(payment(ID, AMOUNT)));
    assertThat(verbose.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.json().get("messages")).isNotEmpty();
    assertThat(verbose.json().get("messages").get(0).asText()).contains("amount");

    assertThat(http.post("/compatibility/subjects/" + subject + "/versions", schemaBody(payment(ID, AMOUNT))).body())
        .isEqualTo("{\"is_compatible\":false}");
    assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    // nothing registered yet: anything goes
    assertThat(http.post("/compatibility/subjects/" + subject() + "/versions/latest", schemaBody(payment(ID))).body())
        .isEqualTo("{\"is_compatible\":true}");
    assertThat(http.post("/compatibility/subjects/" + subject + "/versions/7", schemaBody(payment(ID))).errorCode())
        .isEqualTo(40402);
    assertThat(http.post("/compatibility/subjects/" + subject + "/versions/x", schemaBody(payment(ID))).errorCode())
        .isEqualTo(42202);
  }

  @Test
  void subjectConfigOverridesGlobalAndAnswers40408WhenUnset() {
    String subject = subject();
    Answer unset = http.get("/config/" + subject);
    assertThat(unset.status()).isEqualTo(404);
    assertThat(unset.errorCode()).isEqualTo(40408);
    assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").json().get("compatibilityLevel").asText())
        .isEqualTo(http.get("/config").json().get("compatibilityLevel").asText());

    Answer put = http.put("/config/" + subject, "{\"compatibility\":\"forward_transitive\"}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body()).isEqualTo("{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
    assertThat(http.get("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");

    Answer invalid = http.put("/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorCode()).isEqualTo(42203);

    Answer deleted = http.delete("/config/" + subject);
    assertThat(deleted.body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");
    assertThat(http.get("/config/" + subject).errorCode()).isEqualTo(40408);
    assertThat(http.delete("/config/" + subject).errorCode()).isEqualTo(40401);
  }

  @Test
  void globalConfigDefaultsToBackwardAndCanBeChanged() {
    // the only test touching the global level; it puts it back
    assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertThat(http.put("/config", "{\"compatibility\":\"FULL\"}").body()).isEqualTo("{\"compatibility\":\"FULL\"}");
    assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(http.put("/config", "{\"compatibility\":\"\"}").errorCode()).isEqualTo(42203);
    assertThat(http.delete("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
  }

  @Test
  void softAndHardDeletesFollowConfluent() {
    String subject = subject();
    String name = UniqueSchemas.uniqueName();
    int id = register(subject, TestSchemas.record(name, ID));
    register(subject, TestSchemas.record(name, ID, AMOUNT_WITH_DEFAULT));

    assertThat(http.delete("/subjects/" + subject + "/versions/1?permanent=true").errorCode()).isEqualTo(40407);
    assertThat(http.delete("/subjects/" + subject + "/versions/1").body()).isEqualTo("1");
    assertThat(http.delete("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40406);
    assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[2]");
    assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[1,2]");
    assertThat(http.get("/subjects/" + subject + "/versions/1").errorCode()).isEqualTo(40402);
    assertThat(http.get("/subjects/" + subject + "/versions/1?deleted=true").status()).isEqualTo(200);
    assertThat(http.delete("/subjects/" + subject + "/versions/1?permanent=true").body()).isEqualTo("1");
    assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[2]");

    assertThat(http.delete("/subjects/" + subject + "?permanent=true").errorCode()).isEqualTo(40405);
    assertThat(http.delete("/subjects/" + subject).body()).isEqualTo("[2]");
    assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).doesNotContain(subject);
    assertThat(http.get("/subjects?deleted=true").json()).extracting(JsonNode::asText).contains(subject);
    assertThat(http.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
    assertThat(http.delete("/subjects/" + subject).errorCode()).isEqualTo(40404);
    // ids stay readable after a soft delete; the hard delete freed version 1's id
    assertThat(http.get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);

    assertThat(http.delete("/subjects/" + subject + "?permanent=true").body()).isEqualTo("[2]");
    assertThat(http.get("/subjects?deleted=true").json()).extracting(JsonNode::asText).doesNotContain(subject);
    assertThat(http.delete("/subjects/" + subject).errorCode()).isEqualTo(40401);
  }

  @Test
  void aSoftDeletedSchemaStaysReadableById() {
    String subject = subject();
    int id = register(subject, UniqueSchemas.unique());
    http.delete("/subjects/" + subject);

    assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
    assertThat(http.get("/schemas/ids/" + id + "/versions").body()).isEqualTo("[]");
    assertThat(http.get("/schemas/ids/" + id + "/versions?deleted=true").json().get(0).get("subject").asText())
        .isEqualTo(subject);
  }

  @Test
  void subjectsWithSlashesAndSpacesAreAddressedEncoded() {
    String subject = "team/a b-" + UUID.randomUUID();
    String encoded = subject.replace("/", "%2F").replace(" ", "%20");
    register(encoded, payment(ID));

    assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).contains(subject);
    assertThat(http.get("/subjects/" + encoded + "/versions/1").json().get("subject").asText()).isEqualTo(subject);
  }

  @Test
  void unknownPathsAre404AndWrongMethods405WithErrorBodies() {
    Answer unknown = http.get("/nothing/here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo(RegistryHttp.CONTENT_TYPE);

    Answer wrongMethod = http.delete("/schemas/types");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.errorCode()).isEqualTo(405);
  }
}
