package dev.tollgate.rollout.analysis;

import java.util.Arrays;
import java.util.Objects;

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples, with the
 * normal approximation: mid-ranks for ties, the tie-corrected variance
 * {@code n1·n2/12 · ((n+1) − Σ(t³−t)/(n(n−1)))} and a continuity correction of 0.5 on |U − n1·n2/2|.
 * The approximation is good from about 8–10 values per side; the A/B experiment collects far more.
 * Plain arithmetic, no dependencies: it runs inside the rollout controller.
 */
public final class MannWhitney {

  private MannWhitney() {}

  /**
   * @param uA U of sample a: the number of pairs (x from a, y from b) with x &gt; y, ties counting ½
   *     ({@code uA + uB = nA·nB}); below {@code nA·nB/2} means a tends to be smaller than b
   * @param z the standardised statistic after continuity correction (0 when the variance is 0)
   * @param pValue two-sided; 1 when either sample is empty or all values are equal
   */
  public record Result(int nA, int nB, double uA, double uB, double z, double pValue) {

    /** Negative when a tends to be smaller than b, positive when larger, 0 when neither. */
    public int direction() {
      return Double.compare(uA, uB);
    }
  }

  public static Result test(double[] a, double[] b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    int nA = a.length;
    int nB = b.length;
    if (nA == 0 || nB == 0) {
      return new Result(nA, nB, 0, 0, 0, 1.0);
    }
    int n = nA + nB;
    double[] values = new double[n];
    boolean[] fromA = new boolean[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      values[i] = i < nA ? a[i] : b[i - nA];
      fromA[i] = i < nA;
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
    double rankSumA = 0;
    double tieTerm = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (fromA[order[k]]) {
          rankSumA += midRank;
        }
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double uA = rankSumA - nA * (nA + 1) / 2.0;
    double uB = (double) nA * nB - uA;
    double mean = nA * (double) nB / 2.0;
    double variance = nA * (double) nB / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (variance <= 0) {
      return new Result(nA, nB, uA, uB, 0, 1.0);
    }
    double deviation = Math.max(0, Math.abs(uA - mean) - 0.5);
    double z = Math.signum(uA - mean) * deviation / Math.sqrt(variance);
    double p = Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2)));
    return new Result(nA, nB, uA, uB, z, p);
  }

  /** Median of the values (the mean of the middle two for an even count); NaN when empty. */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * The complementary error function, so that the two-sided p is {@code erfc(|z|/√2)}. Chebyshev
   * fit of Numerical Recipes ({@code erfcc}), fractional error below 1.2e-7 everywhere, which is far
   * finer than any significance level an experiment uses.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
