package dev.tollgate.approval;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** CI intake, approval policies and the approver REST API. */
@SpringBootApplication
public class ApprovalServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApprovalServiceApplication.class, args);
  }

  @Bean
  OpenAPI approvalServiceOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Tollgate approval-service")
            .description("CI requests deployments of model versions; approvers approve or reject them under"
                + " each environment's policy. Errors are RFC 9457 problem details.")
            .version("v1"))
        .components(new Components().addSecuritySchemes("bearer",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
  }
}
