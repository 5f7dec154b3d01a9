/* Shared helpers for the engine's tests: load a scenario with overrides and
 * run it. */
#include "util_engine.h"

#include <stdio.h>
#include <stdlib.h>

rb_scenario *ut_load(const char *path, const char *const *sets, int n_sets) {
  rb_diag d;
  rb_diag_init(&d);
  rb_load_opts opts = {sets, n_sets};
  rb_scenario *sc = NULL;
  rb_status st = rb_scenario_load(&sc, path, &opts, &d);
  for (size_t i = 0; i < d.n; i++) {
    fprintf(stderr, "%s\n", d.msgs[i]);
  }
  rb_diag_free(&d);
  if (st != RB_OK) {
    return NULL;
  }
  return sc;
}

int ut_run(rb_results *out, const rb_scenario *sc, int threads) {
  rb_run_opts opts = {0};
  opts.threads = threads;
  return rb_engine_run(out, sc, &opts) == RB_OK ? 0 : -1;
}
