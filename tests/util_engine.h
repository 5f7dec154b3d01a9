#ifndef RENTBRIDGE_TEST_UTIL_ENGINE_H
#define RENTBRIDGE_TEST_UTIL_ENGINE_H

#include "rentbridge/engine.h"

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

#endif
