package dev.tollgate.approval.clock;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every decision, expiry and freeze window of approval-service is judged by. With
 * {@code tollgate.dev.clock-control.enabled=true} (the local stack's {@code --test-clock}, for
 * end-to-end tests of expiry only; never in a real deployment) it is an {@link OffsetClock} that
 * {@code POST /dev/clock/advance} moves forward.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

  static final String ENABLED = "tollgate.dev.clock-control.enabled";

  private static final Logger log = LoggerFactory.getLogger(ClockConfiguration.class);

  @Bean
  @ConditionalOnProperty(name = ENABLED, havingValue = "false", matchIfMissing = true)
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnProperty(name = ENABLED, havingValue = "true")
  OffsetClock testClock() {
    log.warn("TEST CLOCK: {}=true, admins can move this service's clock forward (POST /dev/clock/advance)."
        + " For end-to-end tests only; never enable it in a real deployment.", ENABLED);
    return new OffsetClock(Clock.systemUTC());
  }
}
