package dev.tollgate.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

  @Test
  void withoutTiesUIsTheCountOfPairsWhereAIsLarger() {
    // a entirely below b: U_a = 0, U_b = 9; mean 4.5, variance 3·3·7/12 = 5.25
    // z = (4.5 − 0.5) / √5.25 = 1.7457, two-sided p = erfc(1.7457/√2) = 0.08086
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});

    assertThat(r.uA()).isEqualTo(0.0);
    assertThat(r.uB()).isEqualTo(9.0);
    assertThat(r.z()).isCloseTo(-1.7457, within(1e-4));
    assertThat(r.pValue()).isCloseTo(0.08086, within(1e-5));
    assertThat(r.direction()).isNegative();
  }

  @Test
  void tiesGetMidRanksAndShrinkTheVariance() {
    // sorted: 1a 2a 3a 3b 4a 5b 6b 7b 8b; the two 3s share rank 3.5
    // R_a = 1 + 2 + 3.5 + 5 = 11.5, U_a = 11.5 − 4·5/2 = 1.5 (4 > 3, and ½ for 3 = 3)
    // variance = 4·5/12 · (10 − (2³ − 2)/(9·8)) = 16.5278; z = (8.5 − 0.5)/√16.5278 = 1.96781
    // p = erfc(1.96781/√2) = 0.04909
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {3, 5, 6, 7, 8});

    assertThat(r.uA()).isEqualTo(1.5);
    assertThat(r.uB()).isEqualTo(18.5);
    assertThat(r.z()).isCloseTo(-1.96781, within(1e-4));
    assertThat(r.pValue()).isCloseTo(0.04909, within(1e-5));
  }

  @Test
  void identicalSamplesOrAnEmptySideGiveNoEvidence() {
    assertThat(MannWhitney.test(new double[] {5, 5, 5}, new double[] {5, 5}).pValue()).isEqualTo(1.0);
    assertThat(MannWhitney.test(new double[] {}, new double[] {1, 2}).pValue()).isEqualTo(1.0);
    MannWhitney.Result same = MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});
    assertThat(same.uA()).isEqualTo(same.uB());
    assertThat(same.pValue()).isEqualTo(1.0);
  }

  @Test
  void swappingTheSamplesSwapsUAndKeepsThePValue() {
    Random random = new Random(42);
    for (int run = 0; run < 200; run++) {
      double[] a = values(random, 1 + random.nextInt(40), random.nextInt(3));
      double[] b = values(random, 1 + random.nextInt(40), 0);
      MannWhitney.Result ab = MannWhitney.test(a, b);
      MannWhitney.Result ba = MannWhitney.test(b, a);
      assertThat(ba.uA()).isEqualTo(ab.uB());
      assertThat(ab.uA() + ab.uB()).isEqualTo((double) a.length * b.length);
      assertThat(ba.pValue()).isCloseTo(ab.pValue(), within(1e-12));
      assertThat(ab.pValue()).isBetween(0.0, 1.0);
      assertThat(ba.direction()).isEqualTo(-ab.direction());
    }
  }

  @Test
  void clearlyShiftedSamplesAreSignificant() {
    Random random = new Random(7);
    double[] fast = new double[60];
    double[] slow = new double[60];
    for (int i = 0; i < 60; i++) {
      fast[i] = 100 + 10 * random.nextGaussian();
      slow[i] = 140 + 10 * random.nextGaussian();
    }
    MannWhitney.Result r = MannWhitney.test(fast, slow);
    assertThat(r.pValue()).isLessThan(1e-6);
    assertThat(r.direction()).isNegative();
  }

  @Test
  void erfcMatchesKnownValues() {
    assertThat(MannWhitney.erfc(0)).isCloseTo(1.0, within(1e-7));
    assertThat(MannWhitney.erfc(1)).isCloseTo(0.157299207, within(1e-7));
    assertThat(MannWhitney.erfc(1.959963985 / Math.sqrt(2))).isCloseTo(0.05, within(1e-7));
    assertThat(MannWhitney.erfc(-1)).isCloseTo(1.842700793, within(1e-7));
  }

  @Test
  void medians() {
    assertThat(MannWhitney.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(MannWhitney.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(MannWhitney.median(new double[] {})).isNaN();
  }

  /** Integers (ties likely) shifted by {@code shift}. */
  private static double[] values(Random random, int n, int shift) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextInt(10) + shift;
    }
    return v;
  }
}
