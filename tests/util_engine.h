#ifndef RENTBRIDGE_TEST_UTIL_ENGINE_H
#define RENTBRIDGE_TEST_UTIL_ENGINE_H

#include "rentbridge/engine.h"

/** Load @p path with --set overrides; NULL (problems on stderr) if invalid. */
rb_scenario *ut_load(const char *path, const char *const *sets, int n_sets);

/** Run with @p threads threads; 0 on success. */
int ut_run(rb_results *out, const rb_scenario *sc, int threads);

#endif
