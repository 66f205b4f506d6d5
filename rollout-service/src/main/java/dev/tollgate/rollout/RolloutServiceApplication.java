package dev.tollgate.rollout;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** rollout-service: rollout controller, deployment state topology and its query API. */
@SpringBootApplication
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class RolloutServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(RolloutServiceApplication.class, args);
  }
}
