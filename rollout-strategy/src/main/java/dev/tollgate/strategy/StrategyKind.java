package dev.tollgate.strategy;

/** How a strategy moves traffic. {@code UNKNOWN} stands for a kind this version does not know. */
public enum StrategyKind {
  UNKNOWN,
  CANARY,
  BLUE_GREEN,
  AB
}
