/*
 * libFuzzer target for the engine (tools/fuzz.sh, docs/fuzzing.md): a
 * scenario that loads is compiled and run for one replication on a tiny
 * horizon, so that what the loader lets through and the engine cannot
 * take (an overflow, an infinite or NaN total, a table too large) is found.
 *
 * An input is a scenario file as for fuzz_scenario.c: leading lines
 * "--set KEY=VALUE" are taken off and passed as overrides, the rest is
 * written into a private directory that also holds the test rules as
 * rules.cfg.  The harness caps what makes a run slow, inside the loaded
 * scenario: at most FUZZ_MAX_HORIZON months, FUZZ_MAX_SIZE citizens a
 * group and FUZZ_MAX_GROUPS groups (more groups: the input is skipped),
 * one replication on one thread, and a memory limit of FUZZ_MAX_MEMORY.
 *
 * A run either succeeds with every amount of the results finite, or fails
 * with RB_EINVALID and a diagnostic saying why; anything else aborts.
 */
#include "fuzz_common.h"
#include "rentbridge/engine.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_HORIZON 30
#define FUZZ_MAX_SIZE 3
#define FUZZ_MAX_GROUPS 6
#define FUZZ_MAX_MEMORY ((size_t)256 << 20)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char scen[128];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_make_dir(dir, "engine");
  snprintf(scen, sizeof scen, "%s/s.cfg", dir);
  return 0;
}

/* Abort unless every one of @p n amounts at @p x is finite. */
static void need_finite(const double *x, size_t n, const char *what) {
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(x[i])) {
      fprintf(stderr, "fuzz_engine: %s[%zu] = %g after a run that succeeded\n",
              what, i, x[i]);
      abort();
    }
  }
}

static void stats_finite(const rb_stats *s, bool saving) {
  const double x[] = {s->mean, s->mcse, s->sd, s->p2_5, s->median, s->p97_5};
  need_finite(x, sizeof x / sizeof x[0], "stats");
  if (saving) {
    need_finite(&s->prob_positive, 1, "prob_positive");
  }
}

static void group_finite(const rb_results *r, const rb_group_result *g) {
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_persp_result *pr = &g->persp[disc][p];
      stats_finite(&pr->arm[RB_ARM_INTERVENTION], false);
      stats_finite(&pr->arm[RB_ARM_BASELINE], false);
      stats_finite(&pr->saving, true);
    }
  }
  need_finite(g->items, rb_items_index(r->n_items, r->n_arms, 0, 0, 0),
              "items");
  need_finite(g->cum_saving, rb_cum_saving_index(r->horizon, 2, 0, 0),
              "cum_saving");
  need_finite(g->month_cost,
              rb_month_cost_index(r->horizon, r->n_arms, 2, 0, 0, 0),
              "month_cost");
}

/* Every amount of the results is finite. */
static void results_finite(const rb_results *r) {
  for (int g = 0; g < r->n_groups; g++) {
    group_finite(r, &r->groups[g]);
  }
  group_finite(r, &r->all);
  need_finite(r->yearly, rb_yearly_index(r->n_years, r->n_arms, 0, 0, 0),
              "yearly");
  need_finite(r->band, rb_band_index(r->horizon, RB_P_COUNT, 0, 0), "band");
  if (r->rep_saving != NULL) {
    need_finite(r->rep_saving, rb_rep_saving_index(r->replications, 0, 0),
                "rep_saving");
  }
}

/* The caps of the file's comment, in the loaded scenario; false when the
 * input is skipped. */
static bool cap_scenario(rb_scenario *sc) {
  if (sc->n_groups > FUZZ_MAX_GROUPS) {
    return false;
  }
  if (sc->info.horizon_months > FUZZ_MAX_HORIZON) {
    sc->info.horizon_months = FUZZ_MAX_HORIZON;
  }
  for (int g = 0; g < sc->n_groups; g++) {
    if (sc->groups[g].size > FUZZ_MAX_SIZE) {
      sc->groups[g].size = FUZZ_MAX_SIZE;
    }
  }
  return true;
}

static void run_one(rb_scenario *sc) {
  if (!cap_scenario(sc)) {
    return;
  }
  rb_diag d;
  rb_diag_init(&d);
  rb_run_opts o = {0};
  o.replications = 1;
  o.threads = 1;
  o.max_memory = FUZZ_MAX_MEMORY;
  o.diag = &d;
  rb_results res;
  rb_status st = rb_engine_run(&res, sc, &o);
  if (st == RB_OK) {
    results_finite(&res);
    rb_results_free(&res);
  } else if (st != RB_EINVALID || d.n == 0) {
    /* Only a refusal that says why. */
    fprintf(stderr, "fuzz_engine: the run failed: %s (%zu lines)\n",
            rb_status_str(st), d.n);
    abort();
  }
  if (getenv("RB_FUZZ_VERBOSE") != NULL) {
    for (size_t i = 0; i < d.n; i++) {
      fprintf(stderr, "%s\n", d.msgs[i]);
    }
  }
  rb_diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rb_scenario *sc = NULL;
  rb_diag d;
  rb_diag_init(&d);
  if (fuzz_load(&sc, scen, data, size, &d) == RB_OK) {
    run_one(sc);
    rb_scenario_free(sc);
  }
  rb_diag_free(&d);
  return 0;
}
