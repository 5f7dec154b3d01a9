/* The engine's quantiles by selection (src/engine/quantile.c) give
 * gsl_stats_quantile_from_sorted_data()'s numbers on the sorted copy, bit
 * for bit: on random values, on values with many ties, on sorted and
 * reversed ones, of every length from 1 to 300 and at the quantiles the
 * results use.  And the engine's parallel loop for the statistics after a
 * run (rb_engine_parallel_for) calls every index once on any number of
 * threads and reports the lowest index that failed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "engine/engine_internal.h"
#include "rentbridge/engine.h"

/* A fixed stream of pseudo-random numbers (the test's own, seeded). */
static uint64_t state = 20261202u;
static double next_uniform(void) {
  state = state * 6364136223846793005u + 1442695040888963407u;
  return (double)(state >> 11) * 0x1.0p-53;
}

/* Values of kind @p kind: 0 random, 1 few distinct (ties), 2 ascending,
 * 3 descending, 4 all equal. */
static void fill(double *x, size_t n, int kind) {
  for (size_t i = 0; i < n; i++) {
    switch (kind) {
    case 0:
      x[i] = 1e6 * (next_uniform() - 0.5);
      break;
    case 1:
      x[i] = (double)(int)(5.0 * next_uniform()) - 2.0;
      break;
    case 2:
      x[i] = (double)i * 0.1;
      break;
    case 3:
      x[i] = -(double)i * 0.1;
      break;
    default:
      x[i] = 42.0;
      break;
    }
  }
}

static void same_as_gsl(void **state_) {
  (void)state_;
  static const double fs[] = {0.0, 0.025, 0.5, 0.975, 1.0, 0.3333};
  double a[300], sorted[300], work[300];
  int checked = 0;
  for (int kind = 0; kind < 5; kind++) {
    for (size_t n = 1; n <= 300; n++) {
      fill(a, n, kind);
      memcpy(sorted, a, n * sizeof *a);
      gsl_sort(sorted, 1, n);
      memcpy(work, a, n * sizeof *a);
      for (size_t q = 0; q < sizeof fs / sizeof fs[0]; q++) {
        double want = gsl_stats_quantile_from_sorted_data(sorted, 1, n, fs[q]);
        /* work keeps its order from the quantile before, as in stats.c */
        double got = rb_eng_quantile(work, n, fs[q]);
        if (memcmp(&want, &got, sizeof want) != 0) {
          fail_msg("kind %d, n %zu, f %g: %.17g, gsl %.17g", kind, n, fs[q],
                   got, want);
        }
        checked++;
      }
    }
  }
  assert_int_equal(checked, 5 * 300 * 6);
}

/* Each index writes its own slot; indices 37 and 11 fail, with different
 * statuses. */
static rb_status square_or_fail(void *ctx, int i) {
  double *out = ctx;
  out[i] = (double)i * (double)i;
  return i == 37 ? RB_EINTERNAL : i == 11 ? RB_ENOMEM : RB_OK;
}

static rb_status square(void *ctx, int i) {
  double *out = ctx;
  out[i] += (double)i * (double)i;
  return RB_OK;
}

static void parallel_for(void **state_) {
  (void)state_;
  enum { N = 500 };
  static double out[N];
  for (int threads = 0; threads <= 3; threads++) {
    memset(out, 0, sizeof out);
    assert_int_equal(rb_engine_parallel_for(N, threads, square, out), RB_OK);
    for (int i = 0; i < N; i++) {
      assert_true(out[i] == (double)i * (double)i); /* once each */
    }
    assert_int_equal(rb_engine_parallel_for(N, threads, square_or_fail, out),
                     RB_ENOMEM);
    assert_int_equal(rb_engine_parallel_for(0, threads, square_or_fail, out),
                     RB_OK);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(same_as_gsl),
                                     cmocka_unit_test(parallel_for)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
