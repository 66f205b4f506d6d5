package dev.tollgate.registry.store;

import static dev.tollgate.registry.store.TestSchemas.AMOUNT_WITH_DEFAULT;
import static dev.tollgate.registry.store.TestSchemas.ID;
import static dev.tollgate.registry.store.TestSchemas.parsed;
import static dev.tollgate.registry.store.TestSchemas.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

  /** A log in memory that can be told to fail the next append, before or after it became durable. */
  static final class FakeLog implements SchemaLog {
    final List<StoreRecord> records = new ArrayList<>();
    int appends;
    int recoveries;
    boolean failNextAppend;
    boolean failedAppendLands;

    @Override
    public void replay(Consumer<StoreRecord> sink) {
      records.forEach(sink);
    }

    @Override
    public void append(List<StoreRecord> batch) {
      appends++;
      if (failNextAppend) {
        failNextAppend = false;
        if (failedAppendLands) {
          records.addAll(batch);
        }
        throw RegistryError.OPERATION_TIMEOUT.exception("broker too slow");
      }
      records.addAll(batch);
    }

    @Override
    public void recover() {
      recoveries++;
    }

    @Override
    public void close() {}
  }

  private final FakeLog log = new FakeLog();

  @Test
  void aWriteIsAppendedBeforeItIsVisible() {
    SchemaRegistry registry = SchemaRegistry.load(log);

    SubjectVersion registered = registry.write(s -> s.planRegistration("a-value", parsed(payment(ID))));

    assertThat(log.records).hasSize(1);
    assertThat(registry.<SubjectVersion>read(s -> s.version("a-value", VersionRef.LATEST, false))).isEqualTo(registered);
  }

  @Test
  void aChangeWithoutRecordsDoesNotTouchTheLog() {
    SchemaRegistry registry = SchemaRegistry.load(log);
    registry.write(s -> s.planRegistration("a-value", parsed(payment(ID))));

    registry.write(s -> s.planRegistration("a-value", parsed(payment(ID))));

    assertThat(log.appends).isEqualTo(1);
  }

  @Test
  void aFailedAppendLeavesTheStateAsTheLogHasIt() {
    SchemaRegistry registry = SchemaRegistry.load(log);
    log.failNextAppend = true;

    assertThatThrownBy(() -> registry.write(s -> s.planRegistration("a-value", parsed(payment(ID)))))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.error()).isEqualTo(RegistryError.OPERATION_TIMEOUT));

    assertThat(log.recoveries).isEqualTo(1);
    assertThat(registry.<List<String>>read(s -> s.subjects(true))).isEmpty();
  }

  @Test
  void aFailedAppendThatLandedAnywayIsPickedUpByTheResync() {
    SchemaRegistry registry = SchemaRegistry.load(log);
    log.failNextAppend = true;
    log.failedAppendLands = true;

    assertThatThrownBy(() -> registry.write(s -> s.planRegistration("a-value", parsed(payment(ID)))))
        .isInstanceOf(RegistryException.class);

    assertThat(registry.<List<String>>read(s -> s.subjects(false))).containsExactly("a-value");
    // the client's retry finds the schema instead of registering it twice
    SubjectVersion retried = registry.write(s -> s.planRegistration("a-value", parsed(payment(ID))));
    assertThat(retried.version()).isEqualTo(1);
    assertThat(log.records).hasSize(1);
  }

  @Test
  void loadingRebuildsFromTheLog() {
    SchemaRegistry first = SchemaRegistry.load(log);
    first.write(s -> s.planRegistration("a-value", parsed(payment(ID))));
    first.write(s -> s.planRegistration("a-value", parsed(payment(ID, AMOUNT_WITH_DEFAULT))));

    SchemaRegistry second = SchemaRegistry.load(log);

    assertThat(second.<List<SubjectVersion>>read(s -> s.versions("a-value", false))).extracting(SubjectVersion::id).containsExactly(1, 2);
  }
}
