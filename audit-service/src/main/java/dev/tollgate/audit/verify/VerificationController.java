package dev.tollgate.audit.verify;

import dev.tollgate.audit.api.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Recomputes the hash chains and reports the first broken link of each. */
@RestController
@RequestMapping("/api/v1/verify")
@Tag(name = "verification", description = "Tamper evidence of the trail")
public class VerificationController {

  private final ChainVerification verification;
  private final Clock clock;

  public VerificationController(ChainVerification verification, Clock clock) {
    this.verification = verification;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "Verify every chain (or one) against the heads recorded at ingest (404 for a chain never recorded)")
  public VerificationReport verify(
      @Parameter(description = "verify only this chain, <topic>-<partition>")
      @RequestParam(name = "chain", required = false) @Size(min = 1, max = 300) String chain) {
    if (chain != null && !verification.chainRecorded(chain)) {
      throw new NotFoundException("Chain not found", "No chain " + chain
          + " is recorded (chain ids are <topic>-<partition>, as listed by GET /api/v1/verify)");
    }
    var chains = verification.verify(chain).stream().map(VerificationReport.Chain::of).toList();
    return new VerificationReport(chains.stream().allMatch(c -> c.firstBrokenLink() == null), clock.instant(), chains);
  }
}
