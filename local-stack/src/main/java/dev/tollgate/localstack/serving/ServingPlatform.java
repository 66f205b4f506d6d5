package dev.tollgate.localstack.serving;

/**
 * Where model versions serve traffic. Tollgate never talks to a platform directly: rollout-service
 * publishes traffic commands, a {@link TrafficCommandAdapter} calls {@link #apply} for each and
 * acknowledges the result, and the platform's telemetry reaches rollout-service as health samples.
 * An implementation changes the platform's routing and returns once the platform has accepted the
 * change (or has refused it); it must be idempotent, because a command is redelivered when the
 * acknowledgement could not be committed.
 *
 * <p>How real platforms implement it:
 * <ul>
 *   <li><b>KServe.</b> One {@code InferenceService} per model and environment (namespace per
 *       environment). The candidate version is the predictor's current spec (its {@code storageUri}
 *       points at the artifact digest) and {@code spec.predictor.canaryTrafficPercent} is the
 *       candidate's weight; KServe routes the rest to the last ready revision, which is the
 *       baseline. Apply = patch the {@code InferenceService}, then wait until
 *       {@code status.components.predictor.traffic} reports the requested percentages and the
 *       {@code Ready} condition is true; a failed revision ({@code Ready=False}, e.g. the image
 *       cannot be pulled) is a refusal carrying the condition's message. Weight 100 promotes
 *       (drop {@code canaryTrafficPercent}); a restore to the baseline sets it to 0.</li>
 *   <li><b>Seldon Core.</b> A {@code SeldonDeployment} with one predictor per version, each with a
 *       {@code traffic} percentage (v1), or a Seldon Core 2 {@code Experiment} with
 *       {@code candidates[].weight}. Apply = set the weights (versions with weight 0 stay deployed
 *       for a fast rollback, or are removed after a blue-green scale-down), then wait for
 *       {@code status.state == Available}; {@code Failed} is a refusal with
 *       {@code status.description}.</li>
 *   <li><b>Istio.</b> Any model server behind a {@code VirtualService}: one {@code DestinationRule}
 *       subset per version (label {@code version: 1.4.0}) and one HTTP route whose
 *       {@code route[].weight} entries are the split (Istio requires them to add up to 100, so a
 *       first canary's remainder goes to a "no model" subset or the split is scaled to 100). Apply
 *       = replace the route weights, then return once the sidecars have the new configuration
 *       (Istio's distribution status, as {@code istioctl proxy-status} shows it).</li>
 * </ul>
 * <b>Blue-green preview.</b> A split's {@link TrafficSplit#previewVersions} must stay deployed and
 * ready without live traffic (the new version before the switch, the old one on standby after it);
 * a version in neither the weights nor the previews may be removed (the scale-down). KServe: the new
 * revision at {@code canaryTrafficPercent: 0}, smoke traffic through its tag URL (annotation
 * {@code serving.kserve.io/enable-tag-routing: "true"} gives {@code latest-<name>}, the standby is
 * {@code prev-<name>}); removing = letting KServe drop the previous revision. Seldon: a predictor
 * with {@code traffic: 0}, or a shadow predictor that mirrors live requests; removing = deleting it.
 * Istio: the preview's subset at weight 0, plus a route matched on a header (e.g.
 * {@code x-tollgate-preview: true}) or a {@code mirror:} of live traffic to it; removing = dropping
 * the subset and scaling its Deployment to zero. The simulator runs previews on synthetic smoke
 * traffic ({@link HealthSampleEmitter#PREVIEW_WEIGHT} % of the profile's request rate).
 *
 * <p>Health samples come from the platform's metrics in each case (Prometheus / Knative queue-proxy
 * for KServe, Seldon's executor metrics, Istio's {@code istio_requests_total} and
 * {@code istio_request_duration_milliseconds} by {@code destination_version}), aggregated per
 * version over short windows and published on the health-samples topic.
 */
public interface ServingPlatform {

  /**
   * Makes {@code split} the routing of its model in its environment, or says why it cannot.
   * Must not throw for a split the platform refuses; a thrown exception is treated as a refusal
   * with the exception's message.
   */
  SplitResult apply(TrafficSplit split);
}
