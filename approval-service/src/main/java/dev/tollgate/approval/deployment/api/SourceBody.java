package dev.tollgate.approval.deployment.api;

import dev.tollgate.approval.deployment.domain.ArtifactSource;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where the artifact came from, in its JSON form. */
public record SourceBody(
    @Pattern(regexp = "[0-9a-f]{7,64}", message = "must be a hex commit id of 7 to 64 characters") String gitCommit,
    @Size(max = 200) String commitAuthor,
    @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String pipelineRunUrl) {

  public ArtifactSource toDomain() {
    return new ArtifactSource(gitCommit, blankToNull(commitAuthor), pipelineRunUrl);
  }

  public static SourceBody of(ArtifactSource source) {
    return new SourceBody(source.gitCommit(), source.commitAuthor(), source.pipelineRunUrl());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
