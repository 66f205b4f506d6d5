package dev.tollgate.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.support.TrailFixture;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimelineRepositoryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();
  private static TimelineRepository timelines;

  @BeforeAll
  static void recordTrail() {
    timelines = new TimelineRepository(db.jdbc());
    Events events = new Events();
    // appended in an order unlike the timeline's, over several batches, as a consumer would see them
    TrailFixture trail = new TrailFixture(db, events, Clock.fixed(T0, ZoneOffset.UTC));
    trail.append(List.of(
        events.record(Topics.TRAFFIC_COMMANDS, 0, 1,
            Events.traffic(Events.envelope("t-1", T0.plusSeconds(2), "dep-1", "1.4.0"), T0.plusSeconds(60))),
        events.record(Topics.ROLLOUTS, 0, 7, Events.promoted(Events.envelope("r-1", T0.plusSeconds(2), "dep-1", "1.4.0")))));
    trail.append(List.of(
        events.record(Topics.APPROVALS, 0, 2, Events.granted(Events.envelope("a-1", T0.plusSeconds(1), "dep-1", "1.4.0"))),
        events.record(Topics.APPROVALS, 0, 3, Events.approved(Events.envelope("a-2", T0.plusSeconds(1), "dep-1", "1.4.0"))),
        events.record(Topics.APPROVALS, 0, 100, Events.granted(Events.envelope("a-3", T0.plusSeconds(2), "dep-1", "1.4.0"))),
        events.record(Topics.APPROVALS, 0, 101, Events.granted(Events.envelope("x-1", T0, "dep-2", "1.4.0"))),
        events.record(Topics.APPROVALS, 0, 102, Events.granted(Events.envelope("y-1", T0, "dep-3", "1.5.0")))));
    trail.append(List.of(
        events.record(Topics.DEPLOYMENT_REQUESTS, 0, 5, Events.requested(Events.envelope("q-1", T0, "dep-1", "1.4.0")))));
  }

  @Test
  void ordersByTimeThenLifecycleTopicThenOffset() {
    List<TimelineEvent> events = timelines.ofDeployment("dep-1", 0, 100);

    assertThat(events).extracting(TimelineEvent::eventId)
        .containsExactly("q-1", "a-1", "a-2", "a-3", "r-1", "t-1");
    assertThat(events).extracting(TimelineEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(events).extracting(TimelineEvent::eventType).containsExactly(
        "DeploymentRequested", "ApprovalGranted", "DeploymentApproved", "ApprovalGranted", "RolloutPromoted",
        "TrafficCommand");
    TimelineEvent first = events.get(0);
    assertThat(first.topic()).isEqualTo(Topics.DEPLOYMENT_REQUESTS.name());
    assertThat(first.offset()).isEqualTo(5);
    assertThat(first.occurredAt()).isEqualTo(T0);
    assertThat(first.actor()).isEqualTo("ci:pipeline");
    assertThat(first.chainId()).isEqualTo(Topics.DEPLOYMENT_REQUESTS.name() + "-0");
  }

  @Test
  void thePayloadIsTheEventBodyWithItsType() {
    List<TimelineEvent> events = timelines.ofDeployment("dep-1", 0, 100);

    assertThat(events.get(0).payload()).contains("\"type\": \"DeploymentRequested\"")
        .contains("\"artifactDigest\"").doesNotContain("\"envelope\"");
    assertThat(events.get(5).payload()).contains("\"type\": \"TrafficCommand\"").contains("\"commandId\": \"cmd-t-1\"")
        .doesNotContain("\"envelope\"");
  }

  @Test
  void pagesContinueAfterASequence() {
    assertThat(timelines.ofDeployment("dep-1", 2, 2)).extracting(TimelineEvent::sequence).containsExactly(3L, 4L);
    assertThat(timelines.ofDeployment("dep-1", 6, 10)).isEmpty();
    assertThat(timelines.deploymentRecorded("dep-1")).isTrue();
    assertThat(timelines.deploymentRecorded("dep-404")).isFalse();
  }

  @Test
  void aVersionTimelineSpansItsDeployments() {
    assertThat(timelines.ofVersion("fraud-detector", "1.4.0", 0, 100)).extracting(TimelineEvent::eventId)
        .containsExactly("q-1", "x-1", "a-1", "a-2", "a-3", "r-1", "t-1");
    assertThat(timelines.ofVersion("fraud-detector", "1.5.0", 0, 100)).extracting(TimelineEvent::deploymentId)
        .containsExactly("dep-3");
    assertThat(timelines.ofVersion("fraud-detector", "9.9.9", 0, 100)).isEmpty();
  }
}
