package dev.tollgate.audit.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the handoff record's rollback commands point: the base URLs operators reach approval-service
 * and rollout-service at (defaults: the local stack's ports).
 */
@ConfigurationProperties("tollgate.audit.handoff")
public record HandoffProperties(String approvalUrl, String rolloutUrl) {

  public HandoffProperties {
    approvalUrl = strip(approvalUrl == null || approvalUrl.isBlank() ? "http://127.0.0.1:18181" : approvalUrl);
    rolloutUrl = strip(rolloutUrl == null || rolloutUrl.isBlank() ? "http://127.0.0.1:18182" : rolloutUrl);
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
