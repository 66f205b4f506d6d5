package dev.tollgate.audit.export;

import dev.tollgate.audit.api.InvalidParameterException;
import dev.tollgate.audit.api.NotFoundException;
import dev.tollgate.audit.verifier.ExportFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Verifiable exports of the trail, checked offline with {@code java -jar tollgate-audit-verify.jar}. */
@RestController
@RequestMapping("/api/v1/export")
@Tag(name = "verification", description = "Tamper evidence of the trail")
public class ExportController {

  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final TrailExport export;
  private final Clock clock;

  public ExportController(TrailExport export, Clock clock) {
    this.export = export;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "NDJSON export with a signed manifest: one line per chain link, then the manifest. "
      + "With from/to only, each chain is exported as one contiguous run of links; with a model, only that "
      + "model's events (a subset of each chain). Verify with java -jar tollgate-audit-verify.jar.")
  public ResponseEntity<StreamingResponseBody> export(
      @Parameter(description = "only the events of this model")
      @RequestParam(name = "model", required = false) @Size(min = 1, max = 200) String model,
      @Parameter(description = "ISO-8601 instant, inclusive, e.g. 2026-03-01T00:00:00Z")
      @RequestParam(name = "from", required = false) Instant from,
      @Parameter(description = "ISO-8601 instant, exclusive")
      @RequestParam(name = "to", required = false) Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidParameterException("to", "must be after from (" + from + ")");
    }
    if (model != null && !export.modelRecorded(model)) {
      throw new NotFoundException("Model not found", "No audit events are recorded for model " + model);
    }
    ExportFilter filter = new ExportFilter(model, from, to);
    String filename = "tollgate-audit-" + (model == null ? "" : model + "-") + FILE_TIME.format(clock.instant())
        + ".ndjson";
    return ResponseEntity.ok()
        .contentType(NDJSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
        .body(out -> export.write(filter, out));
  }
}
