package dev.tollgate.approval.deployment.domain;

public enum StrategyKind {
  CANARY,
  BLUE_GREEN,
  AB
}
