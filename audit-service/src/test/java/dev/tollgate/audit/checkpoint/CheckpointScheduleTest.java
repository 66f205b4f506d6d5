package dev.tollgate.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {

  @Test
  void underAContinuousStreamOfLinksRoundsStartAtMostOncePerMinInterval() {
    Checkpointer checkpointer = mock(Checkpointer.class);
    List<Long> roundStarts = new CopyOnWriteArrayList<>();
    when(checkpointer.checkpointMovedChains()).thenAnswer(invocation -> {
      roundStarts.add(System.nanoTime());
      return new Checkpointer.Round(List.of(), Map.of());
    });
    CheckpointSchedule schedule = new CheckpointSchedule(checkpointer, mock(CheckpointPublisher.class),
        new CheckpointProperties(true, 1, Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofSeconds(1)));
    schedule.start();
    try {
      // every 10 ms a link: every-events (1) is always reached, so only min-interval spaces the rounds
      Awaitility.await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(10)).until(() -> {
        schedule.linksAppended(1);
        return roundStarts.size() >= 3;
      });
      for (int i = 1; i < 3; i++) {
        long gapMillis = (roundStarts.get(i) - roundStarts.get(i - 1)) / 1_000_000;
        // the mock notes a round a little after the schedule does, so allow that much jitter;
        // without the min-interval the rounds would follow the links, 10 ms apart
        assertThat(gapMillis).as("round %d starts at least min-interval (250 ms) after round %d", i + 1, i)
            .isGreaterThanOrEqualTo(240);
      }
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
