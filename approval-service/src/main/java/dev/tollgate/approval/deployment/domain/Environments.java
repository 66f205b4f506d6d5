package dev.tollgate.approval.deployment.domain;

import java.util.Optional;
import java.util.SortedSet;

/** The environments deployments may target, with their settings. */
public interface Environments {

  Optional<EnvironmentSettings> find(String name);

  SortedSet<String> names();
}
