package dev.tollgate.audit;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Keeps the tamper-evident audit trail of every lifecycle event and answers auditors. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(AuditServiceApplication.class, args);
  }

  /** The one clock of the service; tests replace it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
