package dev.tollgate.registry.store;

import static dev.tollgate.registry.store.TestSchemas.AMOUNT;
import static dev.tollgate.registry.store.TestSchemas.AMOUNT_WITH_DEFAULT;
import static dev.tollgate.registry.store.TestSchemas.ID;
import static dev.tollgate.registry.store.TestSchemas.parsed;
import static dev.tollgate.registry.store.TestSchemas.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.registry.store.StoreRecord.CompatibilityRemoved;
import dev.tollgate.registry.store.StoreRecord.CompatibilitySet;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionRemoved;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionWritten;
import dev.tollgate.registry.store.StoreRecord.SubjectDeleted;
import dev.tollgate.registry.store.StoreRecord.SubjectDeletionRemoved;
import dev.tollgate.schemas.compatibility.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaStoreTest {

  private final SchemaStore store = new SchemaStore();
  private final List<StoreRecord> log = new ArrayList<>();

  /** Plans, "acknowledges" and applies, as the registry does. */
  private <T> T commit(Change<T> change) {
    log.addAll(change.records());
    change.records().forEach(store::apply);
    return change.result();
  }

  private SubjectVersion register(String subject, String schema) {
    return commit(store.planRegistration(subject, parsed(schema)));
  }

  @Test
  void firstRegistrationGetsIdOneVersionOne() {
    SubjectVersion registered = register("orders-value", payment(ID));

    assertThat(registered).isEqualTo(new SubjectVersion("orders-value", 1, 1, parsed(payment(ID)).text(), false));
    assertThat(log).containsExactly(new SchemaVersionWritten("orders-value", 1, 1, parsed(payment(ID)).text(), false));
    assertThat(store.subjects(false)).containsExactly("orders-value");
  }

  @Test
  void registeringTheSameSchemaAgainWritesNothingAndAnswersTheSameVersion() {
    SubjectVersion first = register("orders-value", payment(ID));
    // same schema, different whitespace: the canonical text is equal
    Change<SubjectVersion> again = store.planRegistration("orders-value", parsed(payment(ID).replace(",", " ,  ")));

    assertThat(again.records()).isEmpty();
    assertThat(again.result()).isEqualTo(first);
  }

  @Test
  void theSameSchemaUnderAnotherSubjectReusesTheGlobalId() {
    register("a-value", payment(ID));
    register("a-value", payment(ID, AMOUNT_WITH_DEFAULT));
    SubjectVersion other = register("b-value", payment(ID, AMOUNT_WITH_DEFAULT));

    assertThat(other.id()).isEqualTo(2);
    assertThat(other.version()).isEqualTo(1);
    assertThat(store.versionsOfId(2, false)).extracting(SubjectVersion::subject).containsExactly("a-value", "b-value");
  }

  @Test
  void anIncompatibleSchemaIsRefusedWith409NamingTheViolation() {
    register("orders-value", payment(ID));

    assertThatThrownBy(() -> store.planRegistration("orders-value", parsed(payment(ID, AMOUNT))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.error()).isEqualTo(RegistryError.INCOMPATIBLE_SCHEMA);
          assertThat(e.error().code()).isEqualTo(409);
          assertThat(e.getMessage()).contains("BACKWARD").contains("amount");
        });
  }

  @Test
  void theSubjectLevelOverridesTheGlobalOneAndFallsBackWhenRemoved() {
    commit(store.planLevel(null, CompatibilityLevel.FULL));
    commit(store.planLevel("orders-value", CompatibilityLevel.NONE));
    assertThat(store.effectiveLevel("orders-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(store.effectiveLevel("other")).isEqualTo(CompatibilityLevel.FULL);

    register("orders-value", payment(ID));
    register("orders-value", payment(TestSchemas.ID_AS_INT));

    assertThat(commit(store.planLevelRemoval("orders-value"))).isEqualTo(CompatibilityLevel.NONE);
    assertThat(store.subjectLevel("orders-value")).isEmpty();
    assertThat(store.effectiveLevel("orders-value")).isEqualTo(CompatibilityLevel.FULL);
    assertThatThrownBy(() -> store.planLevelRemoval("orders-value"))
        .extracting(e -> ((RegistryException) e).error()).isEqualTo(RegistryError.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
    assertThatThrownBy(() -> store.planLevelRemoval("unknown"))
        .extracting(e -> ((RegistryException) e).error()).isEqualTo(RegistryError.SUBJECT_NOT_FOUND);
  }

  @Test
  void theGlobalLevelDefaultsToBackward() {
    assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    commit(store.planLevel(null, CompatibilityLevel.FORWARD));
    assertThat(commit(store.planLevelRemoval(null))).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void softDeletingASubjectHidesItButKeepsItsIdsAndVersionNumbers() {
    register("orders-value", payment(ID));
    register("orders-value", payment(ID, AMOUNT_WITH_DEFAULT));

    assertThat(commit(store.planSubjectDeletion("orders-value", false))).containsExactly(1, 2);

    assertThat(store.subjects(false)).isEmpty();
    assertThat(store.subjects(true)).containsExactly("orders-value");
    assertThat(store.schemaById(1)).isEqualTo(parsed(payment(ID)).text());
    assertError(() -> store.versions("orders-value", false), RegistryError.SUBJECT_NOT_FOUND);
    assertThat(store.versions("orders-value", true)).extracting(SubjectVersion::deleted).containsExactly(true, true);
    assertError(() -> store.planSubjectDeletion("orders-value", false), RegistryError.SUBJECT_SOFT_DELETED);

    // registering again continues the version numbers and reuses the id
    SubjectVersion again = register("orders-value", payment(ID));
    assertThat(again.version()).isEqualTo(3);
    assertThat(again.id()).isEqualTo(1);
  }

  @Test
  void hardDeletingNeedsASoftDeleteFirstAndForgetsUnreferencedIds() {
    register("orders-value", payment(ID));
    commit(store.planLevel("orders-value", CompatibilityLevel.FULL));
    assertError(() -> store.planSubjectDeletion("orders-value", true), RegistryError.SUBJECT_NOT_SOFT_DELETED);

    commit(store.planSubjectDeletion("orders-value", false));
    Change<List<Integer>> hard = store.planSubjectDeletion("orders-value", true);
    assertThat(hard.records()).containsExactly(new SchemaVersionRemoved("orders-value", 1),
        new SubjectDeletionRemoved("orders-value"), new CompatibilityRemoved("orders-value"));
    assertThat(commit(hard)).containsExactly(1);

    assertThat(store.subjects(true)).isEmpty();
    assertError(() -> store.schemaById(1), RegistryError.SCHEMA_NOT_FOUND);
    assertThat(store.subjectLevel("orders-value")).isEmpty();
    // ids are never handed out twice within a run, versions restart
    SubjectVersion fresh = register("orders-value", payment(ID, AMOUNT));
    assertThat(fresh.version()).isEqualTo(1);
    assertThat(fresh.id()).isEqualTo(2);
  }

  @Test
  void versionsAreSoftThenHardDeletedOneByOne() {
    register("orders-value", payment(ID));
    register("orders-value", payment(ID, AMOUNT_WITH_DEFAULT));

    assertError(() -> store.planVersionDeletion("orders-value", new VersionRef(1), true),
        RegistryError.VERSION_NOT_SOFT_DELETED);
    assertThat(commit(store.planVersionDeletion("orders-value", VersionRef.LATEST, false))).isEqualTo(2);
    assertThat(store.version("orders-value", VersionRef.LATEST, false).version()).isEqualTo(1);
    assertError(() -> store.planVersionDeletion("orders-value", new VersionRef(2), false),
        RegistryError.VERSION_SOFT_DELETED);
    assertError(() -> store.version("orders-value", new VersionRef(2), false), RegistryError.VERSION_NOT_FOUND);
    assertThat(store.version("orders-value", new VersionRef(2), true).deleted()).isTrue();

    assertThat(commit(store.planVersionDeletion("orders-value", new VersionRef(2), true))).isEqualTo(2);
    assertThat(store.versions("orders-value", true)).extracting(SubjectVersion::version).containsExactly(1);
    assertError(() -> store.schemaById(2), RegistryError.SCHEMA_NOT_FOUND);
    assertError(() -> store.planVersionDeletion("orders-value", new VersionRef(7), false), RegistryError.VERSION_NOT_FOUND);
    assertError(() -> store.planVersionDeletion("nobody", new VersionRef(1), false), RegistryError.SUBJECT_NOT_FOUND);
  }

  @Test
  void compatibilityIsJudgedAgainstLiveVersionsOnly() {
    commit(store.planLevel("orders-value", CompatibilityLevel.BACKWARD_TRANSITIVE));
    register("orders-value", payment(ID));
    register("orders-value", payment(ID, AMOUNT_WITH_DEFAULT));
    // cannot read version 1's data: no default for amount
    assertThat(store.compatibilityViolations("orders-value", parsed(payment(ID, AMOUNT)), null)).isNotEmpty();
    assertThat(store.compatibilityViolations("orders-value", parsed(payment(ID, AMOUNT)), new VersionRef(2))).isEmpty();

    commit(store.planVersionDeletion("orders-value", new VersionRef(1), false));

    assertThat(store.compatibilityViolations("orders-value", parsed(payment(ID, AMOUNT)), null)).isEmpty();
    assertThat(register("orders-value", payment(ID, AMOUNT)).version()).isEqualTo(3);
  }

  @Test
  void lookupAnswers40401And40403() {
    register("orders-value", payment(ID));

    assertThat(store.lookup("orders-value", parsed(payment(ID)), false).version()).isEqualTo(1);
    assertError(() -> store.lookup("orders-value", parsed(payment(ID, AMOUNT)), false), RegistryError.SCHEMA_NOT_FOUND);
    assertError(() -> store.lookup("other", parsed(payment(ID)), false), RegistryError.SUBJECT_NOT_FOUND);
  }

  @Test
  void replayingTheLogRebuildsTheSameState() {
    register("a-value", payment(ID));
    register("a-value", payment(ID, AMOUNT_WITH_DEFAULT));
    register("b-value", payment(ID));
    commit(store.planLevel(null, CompatibilityLevel.FULL_TRANSITIVE));
    commit(store.planLevel("b-value", CompatibilityLevel.NONE));
    commit(store.planVersionDeletion("a-value", new VersionRef(1), false));
    commit(store.planSubjectDeletion("b-value", false));

    SchemaStore replayed = new SchemaStore();
    log.forEach(replayed::apply);

    assertThat(replayed.subjects(true)).isEqualTo(store.subjects(true));
    assertThat(replayed.subjects(false)).containsExactly("a-value");
    assertThat(replayed.versions("a-value", true)).isEqualTo(store.versions("a-value", true));
    assertThat(replayed.versions("b-value", true)).isEqualTo(store.versions("b-value", true));
    assertThat(replayed.globalLevel()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(replayed.subjectLevel("b-value")).contains(CompatibilityLevel.NONE);
    assertThat(replayed.planRegistration("c-value", parsed(payment(ID, TestSchemas.NOTE))).result().id()).isEqualTo(3);
  }

  @Test
  void recordsOfOtherWritersAreApplied() {
    // e.g. a topic first written by Confluent's registry
    store.apply(new SchemaVersionWritten("x-value", 4, 17, parsed(payment(ID)).text(), false));
    store.apply(new SubjectDeleted("x-value", 3));
    store.apply(new CompatibilitySet(null, CompatibilityLevel.NONE));

    assertThat(store.version("x-value", VersionRef.LATEST, false).id()).isEqualTo(17);
    assertThat(register("y-value", payment(ID, AMOUNT)).id()).isEqualTo(18);
    assertThat(register("x-value", payment(ID, AMOUNT)).version()).isEqualTo(5);
  }

  @Test
  void invalidSchemasAndVersionsAreRefusedWithTheirCodes() {
    assertError(() -> CanonicalSchema.parse("{\"type\":\"record\""), RegistryError.INVALID_SCHEMA);
    assertError(() -> CanonicalSchema.parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"nope\"}]}"),
        RegistryError.INVALID_SCHEMA);
    assertError(() -> CanonicalSchema.parse(""), RegistryError.INVALID_SCHEMA);
    assertError(() -> VersionRef.parse("0"), RegistryError.INVALID_VERSION);
    assertError(() -> VersionRef.parse("abc"), RegistryError.INVALID_VERSION);
    assertThat(VersionRef.parse("-1")).isEqualTo(VersionRef.LATEST);
    assertThat(VersionRef.parse("latest")).isEqualTo(VersionRef.LATEST);
    assertThat(VersionRef.parse("12").number()).isEqualTo(12);
  }

  static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RegistryError expected) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class,
        e -> assertThat(e.error()).isEqualTo(expected));
  }
}
