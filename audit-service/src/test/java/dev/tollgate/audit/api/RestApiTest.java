package dev.tollgate.audit.api;

import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.audit.chain.BreakReason;
import dev.tollgate.audit.chain.BrokenLink;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainReport;
import dev.tollgate.audit.export.ExportController;
import dev.tollgate.audit.export.TrailExport;
import dev.tollgate.audit.security.SecurityConfiguration;
import dev.tollgate.audit.decisions.DecisionController;
import dev.tollgate.audit.decisions.DecisionRepository;
import dev.tollgate.audit.trail.EventSearchController;
import dev.tollgate.audit.trail.EventSearchRepository;
import dev.tollgate.audit.trail.TimelineController;
import dev.tollgate.audit.verifier.ExportFilter;
import dev.tollgate.audit.trail.TimelineEvent;
import dev.tollgate.audit.trail.TimelineRepository;
import dev.tollgate.audit.unreadable.UnreadableController;
import dev.tollgate.audit.unreadable.UnreadableRepository;
import dev.tollgate.audit.verify.ChainVerification;
import dev.tollgate.audit.verify.VerificationController;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WithMockUser(roles = "auditor")
@Import(SecurityConfiguration.class)
@WebMvcTest(controllers = {TimelineController.class, UnreadableController.class, VerificationController.class,
    ExportController.class, EventSearchController.class, DecisionController.class})
class RestApiTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Autowired
  MockMvc mvc;

  @MockitoBean
  TimelineRepository timelines;

  @MockitoBean
  UnreadableRepository unreadable;

  @MockitoBean
  ChainVerification verification;

  @MockitoBean
  TrailExport export;

  @MockitoBean
  EventSearchRepository events;

  @MockitoBean
  DecisionRepository decisions;

  @ParameterizedTest
  @CsvSource({"limit, 0", "limit, 1001", "from, noon", "cursor, '%%%'", "actor, ''"})
  void aBadEventSearchParameterIsA400ProblemNamingIt(String parameter, String value) throws Exception {
    mvc.perform(get("/api/v1/events").param("model", "fraud-detector").param(parameter, value))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value(parameter));
  }

  @Test
  void approvalsAndLiveNeedTheirParameters() throws Exception {
    mvc.perform(get("/api/v1/approvals"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/v1/live").param("model", "fraud-detector"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/v1/live").param("model", "fraud-detector").param("environment", "staging")
            .param("at", "tomorrow"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("at"));
  }

  @ParameterizedTest
  @CsvSource({"from, yesterday", "to, 2026-13-01T00:00:00Z", "model, ''"})
  void aBadExportParameterIsA400ProblemNamingIt(String parameter, String value) throws Exception {
    mvc.perform(get("/api/v1/export").param(parameter, value))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value(parameter));
  }

  @Test
  void anExportRangeMustEndAfterItStarts() throws Exception {
    mvc.perform(get("/api/v1/export").param("from", "2026-03-02T00:00:00Z").param("to", "2026-03-01T00:00:00Z"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("to"))
        .andExpect(jsonPath("$.errors[0].reason").value(org.hamcrest.Matchers.containsString("after from")));
  }

  @Test
  void anExportOfAnUnknownModelIsA404() throws Exception {
    mvc.perform(get("/api/v1/export").param("model", "nope"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.title").value("Model not found"));
  }

  @Test
  void anExportStreamsNdjsonForTheFilter() throws Exception {
    when(export.modelRecorded("fraud-detector")).thenReturn(true);
    org.mockito.Mockito.doAnswer(call -> {
      ((java.io.OutputStream) call.getArgument(1)).write("{\"type\":\"manifest\"}\n".getBytes());
      return null;
    }).when(export).write(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());

    var started = mvc.perform(get("/api/v1/export").param("model", "fraud-detector").param("from", "2026-03-01T00:00:00Z"))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
        .andReturn();
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
        .andExpect(content().string("{\"type\":\"manifest\"}\n"));
    verify(export).write(eq(new ExportFilter("fraud-detector", Instant.parse("2026-03-01T00:00:00Z"), null)),
        org.mockito.ArgumentMatchers.any());
  }

  @ParameterizedTest
  @CsvSource({
      "limit, 0", "limit, 1001", "limit, abc", "after, -1", "after, x"})
  void aBadTimelineParameterIsA400ProblemNamingIt(String parameter, String value) throws Exception {
    mvc.perform(get("/api/v1/deployments/dep-1/timeline").param(parameter, value))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.errors[0].field").value(parameter))
        .andExpect(jsonPath("$.errors[0].reason").isNotEmpty());
  }

  @Test
  void aBadVersionTimelineLimitIsA400() throws Exception {
    mvc.perform(get("/api/v1/models/fraud-detector/versions/1.4.0/timeline").param("limit", "5000"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
  }

  @Test
  void aDeploymentWithoutEventsIsA404Problem() throws Exception {
    when(timelines.ofDeployment(eq("dep-404"), anyLong(), anyInt())).thenReturn(List.of());

    mvc.perform(get("/api/v1/deployments/dep-404/timeline"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value("Deployment not found"))
        .andExpect(jsonPath("$.detail").value("No audit events are recorded for deployment dep-404"));
  }

  @Test
  void aVersionWithoutEventsIsA404Problem() throws Exception {
    when(timelines.ofVersion(eq("fraud-detector"), eq("0.0.1"), anyLong(), anyInt())).thenReturn(List.of());

    mvc.perform(get("/api/v1/models/fraud-detector/versions/0.0.1/timeline"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.title").value("Model version not found"));
  }

  @Test
  void aTimelineRendersEventsWithTheirDecodedPayload() throws Exception {
    when(timelines.ofDeployment("dep-1", 0, 501)).thenReturn(List.of(event(1, "DeploymentRequested")));

    mvc.perform(get("/api/v1/deployments/dep-1/timeline"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.deploymentId").value("dep-1"))
        .andExpect(jsonPath("$.hasMore").value(false))
        .andExpect(jsonPath("$.events", hasSize(1)))
        .andExpect(jsonPath("$.events[0].sequence").value(1))
        .andExpect(jsonPath("$.events[0].eventType").value("DeploymentRequested"))
        .andExpect(jsonPath("$.events[0].occurredAt").value("2026-03-01T10:00:01Z"))
        .andExpect(jsonPath("$.events[0].offset").value(41))
        .andExpect(jsonPath("$.events[0].payload.type").value("DeploymentRequested"))
        .andExpect(jsonPath("$.events[0].payload.profile.replicas").value(2));
  }

  @Test
  void aFullPageSaysThereIsMore() throws Exception {
    when(timelines.ofDeployment("dep-1", 10, 3))
        .thenReturn(LongStream.rangeClosed(11, 13).mapToObj(i -> event(i, "StepStarted")).toList());

    mvc.perform(get("/api/v1/deployments/dep-1/timeline").param("limit", "2").param("after", "10"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.events", hasSize(2)))
        .andExpect(jsonPath("$.events[1].sequence").value(12))
        .andExpect(jsonPath("$.hasMore").value(true));
  }

  @Test
  void verificationReportsTheFirstBrokenLinkPerChain() throws Exception {
    ChainHash head = ChainHash.link(ChainHash.GENESIS, new byte[] {1});
    when(verification.verify(null)).thenReturn(List.of(
        new ChainReport("tollgate.approvals-0", 12, head, null),
        new ChainReport("tollgate.rollouts-1", 7, head,
            new BrokenLink(4, BreakReason.MISSING_LINK, "link 4 is missing"))));

    mvc.perform(get("/api/v1/verify"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid").value(false))
        .andExpect(jsonPath("$.chains[0].chainId").value("tollgate.approvals-0"))
        .andExpect(jsonPath("$.chains[0].events").value(12))
        .andExpect(jsonPath("$.chains[0].headHash").value(head.hex()))
        .andExpect(jsonPath("$.chains[0].firstBrokenLink").isEmpty())
        .andExpect(jsonPath("$.chains[1].firstBrokenLink.seq").value(4))
        .andExpect(jsonPath("$.chains[1].firstBrokenLink.reason").value("missing-link"));
  }

  @Test
  void unreadableRecordsAreListedWithAValidatedLimit() throws Exception {
    mvc.perform(get("/api/v1/unreadable").param("limit", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("limit"));

    when(unreadable.newest(null, 101)).thenReturn(List.of());
    mvc.perform(get("/api/v1/unreadable"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.records", hasSize(0)));
    verify(unreadable).newest(null, 101);
  }

  @Test
  void verifyingAChainNeverRecordedIsA404Problem() throws Exception {
    when(verification.chainRecorded("tollgate.nope-0")).thenReturn(false);

    mvc.perform(get("/api/v1/verify").param("chain", "tollgate.nope-0"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value("Chain not found"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("tollgate.nope-0")));
    verify(verification, org.mockito.Mockito.never()).verify(org.mockito.ArgumentMatchers.any());
  }

  @Test
  void verifyingOneRecordedChainVerifiesOnlyIt() throws Exception {
    ChainHash head = ChainHash.link(ChainHash.GENESIS, new byte[] {1});
    when(verification.chainRecorded("tollgate.approvals-0")).thenReturn(true);
    when(verification.verify("tollgate.approvals-0"))
        .thenReturn(List.of(new ChainReport("tollgate.approvals-0", 3, head, null)));

    mvc.perform(get("/api/v1/verify").param("chain", "tollgate.approvals-0"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.chains", hasSize(1)))
        .andExpect(jsonPath("$.chains[0].chainId").value("tollgate.approvals-0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ApprovalGrnted", "approvalgranted", "DeploymentRequestEvent", "<script>"})
  void anUnknownEventTypeFilterIsA400NamingIt(String eventType) throws Exception {
    mvc.perform(get("/api/v1/events").param("model", "fraud-detector").param("eventType", eventType))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("eventType"))
        .andExpect(jsonPath("$.errors[0].reason").value(org.hamcrest.Matchers.containsString("ApprovalGranted")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DeploymentRequested", "ApprovalGranted", "GateApprovalGranted", "RolloutPromoted",
      "RollbackTriggered", "TrafficCommand", "TrafficAck"})
  void everyEventTypeOfTheTrailIsAValidFilter(String eventType) throws Exception {
    // the mocked repository answers an empty page
    mvc.perform(get("/api/v1/events").param("model", "fraud-detector").param("eventType", eventType))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.events", hasSize(0)));
  }

  @Test
  void anEventSearchRangeMustEndAfterItStarts() throws Exception {
    mvc.perform(get("/api/v1/events").param("model", "fraud-detector")
            .param("from", "2026-03-02T00:00:00Z").param("to", "2026-03-01T00:00:00Z"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("to"));
  }

  @ParameterizedTest
  @CsvSource({"limit, 0", "limit, 1001", "limit, many", "topic, tollgate.nope", "topic, ''"})
  void aBadUnreadableParameterIsA400NamingIt(String parameter, String value) throws Exception {
    mvc.perform(get("/api/v1/unreadable").param(parameter, value))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value(parameter));
  }

  @Test
  void unreadableRecordsOfACatalogTopicAreListed() throws Exception {
    when(unreadable.newest("tollgate.approvals", 11)).thenReturn(List.of());

    mvc.perform(get("/api/v1/unreadable").param("topic", "tollgate.approvals").param("limit", "10"))
        .andExpect(status().isOk());
    verify(unreadable).newest("tollgate.approvals", 11);
  }

  private static TimelineEvent event(long sequence, String type) {
    return new TimelineEvent(sequence, "e-" + sequence, type, T0.plusSeconds(sequence), "ci:pipeline",
        "tollgate.deployment-requests", 0, 40 + sequence, "dep-1", "fraud-detector", "1.4.0", "staging", null,
        "tollgate.deployment-requests-0", sequence,
        "{\"type\": \"" + type + "\", \"profile\": {\"replicas\": 2}}");
  }
}
