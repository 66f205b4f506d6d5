package dev.tollgate.rollout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** rollout-service: rollout controller, deployment state topology and its query API. */
@SpringBootApplication
public class RolloutServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(RolloutServiceApplication.class, args);
  }
}
