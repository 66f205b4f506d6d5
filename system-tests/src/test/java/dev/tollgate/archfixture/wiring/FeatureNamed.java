package dev.tollgate.archfixture.wiring;

/** Lives in a feature-named package: the architecture test must accept it. */
public final class FeatureNamed {
  private FeatureNamed() {}
}
