package dev.tollgate.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {

  @Test
  void underAContinuousStreamOfLinksRoundsStartAtMostOncePerMinInterval() {
    Checkpointer checkpointer = mock(Checkpointer.class);
    AtomicInteger rounds = new AtomicInteger();
    when(checkpointer.checkpointMovedChains()).thenAnswer(invocation -> {
      rounds.incrementAndGet();
      return new Checkpointer.Round(List.of(), Map.of());
    });
    CheckpointSchedule schedule = new CheckpointSchedule(checkpointer, mock(CheckpointPublisher.class),
        new CheckpointProperties(true, 1, Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofSeconds(1)));
    schedule.start();
    try {
      long start = System.nanoTime();
      // every 10 ms a link: every-events (1) is always reached, so only min-interval spaces the rounds
      Awaitility.await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10)).until(() -> {
        schedule.linksAppended(1);
        return rounds.get() >= 3;
      });
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMillis).as("three rounds, each at least 250 ms after the previous one started")
          .isGreaterThanOrEqualTo(3 * 250);
    } finally {
      schedule.stop();
    }
  }

  @Test
  void aMinIntervalLongerThanEveryIsRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CheckpointProperties(true, 1000,
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-interval");
  }
}
