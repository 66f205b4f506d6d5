package dev.tollgate.archfixture.util;

/** Lives in a layer-named package on purpose: the architecture test must catch it. */
public final class StringUtil {
  private StringUtil() {}
}
