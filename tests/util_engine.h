#ifndef RENTBRIDGE_TEST_UTIL_ENGINE_H
#define RENTBRIDGE_TEST_UTIL_ENGINE_H

#include "rentbridge/engine.h"

#include <math.h>

/** Load @p path with --set overrides; NULL (problems on stderr) if invalid. */
rb_scenario *ut_load(const char *path, const char *const *sets, int n_sets);

/** Run with @p threads threads; 0 on success. */
int ut_run(rb_results *out, const rb_scenario *sc, int threads);

/** Fail unless |a − b| ≤ eps (cmocka 1.1 has no double comparison). */
#define UT_NEAR(a, b, eps)                                                     \
  do {                                                                         \
    double ut_a_ = (a), ut_b_ = (b);                                           \
    if (!(fabs(ut_a_ - ut_b_) <= (eps))) {                                     \
      fail_msg("%s = %.17g, expected %.17g (± %g)", #a, ut_a_, ut_b_,          \
               (double)(eps));                                                 \
    }                                                                          \
  } while (0)

/** Fail unless @p got == @p want exactly (infinities included), both in
 * the message. */
#define assert_dbl(got, want)                                                  \
  do {                                                                         \
    double ut_g_ = (got), ut_w_ = (want);                                      \
    if (!(ut_g_ == ut_w_)) {                                                   \
      fail_msg("%s is %.17g, expected %.17g", #got, ut_g_, ut_w_);             \
    }                                                                          \
  } while (0)

#endif
