package dev.tollgate.approval.deployment.domain;

/** Where the artifact came from; the commit author may not approve it. All fields optional. */
public record ArtifactSource(String gitCommit, String commitAuthor, String pipelineRunUrl) {

  public static final ArtifactSource UNKNOWN = new ArtifactSource(null, null, null);
}
