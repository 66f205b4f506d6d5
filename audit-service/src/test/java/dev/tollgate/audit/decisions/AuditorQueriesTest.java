package dev.tollgate.audit.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.audit.api.InvalidParameterException;
import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.support.TrailFixture;
import dev.tollgate.audit.trail.EventPage;
import dev.tollgate.audit.trail.EventSearchController;
import dev.tollgate.audit.trail.EventSearchRepository;
import dev.tollgate.audit.trail.TimelineEvent;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.RollbackCompleted;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Filtered timelines with cursors, approvals and live versions, over a real trail. */
class AuditorQueriesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();
  private static EventSearchController search;
  private static DecisionController decisions;

  /**
   * fraud-detector in staging: 1.4.0 requested (T0), approved by alice (T0+1), deployment approved (T0+2),
   * promoted (T0+10); 1.5.0 requested (T0+20), approved by bob (T0+21), promoted (T0+30), rolled back to
   * 1.4.0 (T0+40). In production: 1.4.0 promoted (T0+50).
   */
  @BeforeAll
  static void recordTrail() {
    Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    search = new EventSearchController(new EventSearchRepository(db.jdbc()));
    decisions = new DecisionController(new DecisionRepository(db.jdbc()), clock);
    Events events = new Events();
    new TrailFixture(db, events, clock).append(List.of(
        events.record(Topics.DEPLOYMENT_REQUESTS, 0, 0, Events.requested(envelope("q-1", 0, "d-1", "1.4.0", "ci:pipeline", "staging"))),
        events.record(Topics.APPROVALS, 0, 0, Events.granted(envelope("a-1", 1, "d-1", "1.4.0", "alice", "staging"))),
        events.record(Topics.APPROVALS, 0, 1, Events.approved(envelope("a-2", 2, "d-1", "1.4.0", "system:approval", "staging"))),
        events.record(Topics.ROLLOUTS, 0, 0, Events.promoted(envelope("r-1", 10, "d-1", "1.4.0", "system:rollout", "staging"))),
        events.record(Topics.DEPLOYMENT_REQUESTS, 0, 1, Events.requested(envelope("q-2", 20, "d-2", "1.5.0", "ci:pipeline", "staging"))),
        events.record(Topics.APPROVALS, 0, 2, Events.granted(envelope("a-3", 21, "d-2", "1.5.0", "bob", "staging"))),
        events.record(Topics.ROLLOUTS, 0, 1, Events.promoted(envelope("r-2", 30, "d-2", "1.5.0", "system:rollout", "staging"))),
        events.record(Topics.ROLLOUTS, 0, 2, new RolloutEvent(envelope("r-3", 40, "d-2", "1.5.0", "system:rollout", "staging"),
            new RollbackCompleted("1.4.0"))),
        events.record(Topics.ROLLOUTS, 0, 3, Events.promoted(envelope("r-4", 50, "d-3", "1.4.0", "system:rollout", "production")))));
  }

  @Test
  void aModelTimelinePagesThroughEveryEventOnceInOrder() {
    List<TimelineEvent> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      EventPage page = search.search(null, "fraud-detector", null, null, null, null, null, null, 2, cursor);
      all.addAll(page.events());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(5);
    assertThat(all).extracting(TimelineEvent::eventId)
        .containsExactly("q-1", "a-1", "a-2", "r-1", "q-2", "a-3", "r-2", "r-3", "r-4");
    assertThat(all).extracting(TimelineEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void filtersCombine() {
    assertThat(ids(search.search(null, "fraud-detector", "1.5.0", null, null, null, null, null, 100, null)))
        .containsExactly("q-2", "a-3", "r-2", "r-3");
    assertThat(ids(search.search(null, null, null, "production", null, null, null, null, 100, null)))
        .containsExactly("r-4");
    assertThat(ids(search.search(null, null, null, null, "ApprovalGranted", null, null, null, 100, null)))
        .containsExactly("a-1", "a-3");
    assertThat(ids(search.search(null, null, null, null, null, "bob", null, null, 100, null))).containsExactly("a-3");
    assertThat(ids(search.search("d-1", null, null, "staging", null, null, T0.plusSeconds(1), T0.plusSeconds(10), 100,
        null))).containsExactly("a-1", "a-2");
  }

  @Test
  void badCombinationsAndCursorsAre400s() {
    assertThatThrownBy(() -> search.search(null, null, "1.4.0", null, null, null, null, null, 10, null))
        .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("version");
    assertThatThrownBy(() -> search.search(null, null, null, null, null, null, T0, T0, 10, null))
        .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("to");
    assertThatThrownBy(() -> search.search(null, "fraud-detector", null, null, null, null, null, null, 10, "bm9wZQ"))
        .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("cursor");
  }

  @Test
  void approvalsSayWhoApprovedWhatUnderWhichPolicy() {
    List<ApprovalDecision> all = decisions.approvals("fraud-detector", null).decisions();
    List<ApprovalDecision> v14 = decisions.approvals("fraud-detector", "1.4.0").decisions();

    assertThat(all).extracting(ApprovalDecision::eventId).containsExactly("a-1", "a-2", "a-3");
    assertThat(v14).extracting(ApprovalDecision::eventType).containsExactly("ApprovalGranted", "DeploymentApproved");
    ApprovalDecision granted = v14.get(0);
    assertThat(granted.approvers()).containsExactly("alice");
    assertThat(granted.roles()).containsExactly("approver");
    assertThat(granted.policyVersion()).isEqualTo("staging-v1");
    assertThat(granted.artifactDigest()).isEqualTo(Events.DIGEST);
    assertThat(granted.occurredAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(v14.get(1).approvers()).containsExactly("alice");
    assertThatThrownBy(() -> decisions.approvals("fraud-detector", "9.9.9"))
        .isInstanceOf(dev.tollgate.audit.api.NotFoundException.class);
  }

  @Test
  void whatWasLiveFollowsPromotionsAndRollbacks() {
    assertThat(decisions.live("fraud-detector", "staging", T0.plusSeconds(5)).modelVersion()).isNull();
    assertThat(decisions.live("fraud-detector", "staging", T0.plusSeconds(10)).modelVersion()).isEqualTo("1.4.0");
    LiveVersion during = decisions.live("fraud-detector", "staging", T0.plusSeconds(35));
    assertThat(during.modelVersion()).isEqualTo("1.5.0");
    assertThat(during.since()).isEqualTo(T0.plusSeconds(30));
    assertThat(during.deploymentId()).isEqualTo("d-2");
    LiveVersion after = decisions.live("fraud-detector", "staging", null);
    assertThat(after.modelVersion()).isEqualTo("1.4.0");
    assertThat(after.decidedByEventType()).isEqualTo("RollbackCompleted");
    assertThat(after.at()).isEqualTo(T0.plusSeconds(3600));
    assertThat(decisions.live("fraud-detector", "production", T0.plusSeconds(49)).modelVersion()).isNull();
    assertThat(decisions.live("fraud-detector", "production", T0.plusSeconds(50)).modelVersion()).isEqualTo("1.4.0");
  }

  private static List<String> ids(EventPage page) {
    return page.events().stream().map(TimelineEvent::eventId).toList();
  }

  private static Envelope envelope(String id, int second, String deployment, String version, String actor,
      String environment) {
    return Envelope.newBuilder(Events.envelope(id, T0.plusSeconds(second), deployment, version))
        .setActor(actor).setEnvironment(environment).build();
  }
}
