/* The waivers' prices (issue 11; decision.h): the base run, then the same
 * run (seed, replications: common random numbers) with one waiver of one
 * arm's scheme off, for every waiver that scheme grants.  The price of a
 * waiver is what the arm's saving against the reference loses without it.
 * Computation only: the files are output's (src/output/waivers_files.c). */
#include "decide/decide.h"

#include <stdlib.h>
#include <string.h>

void rb_waivers_free(rb_waivers *w) {
  if (w == NULL) {
    return;
  }
  rb_results_free(&w->base);
  free(w->rows);
  memset(w, 0, sizeof *w);
}

/* The rows to price: every waiver granted by the scheme of every arm that
 * offers a subsidy (@p rows NULL: count only). */
static int list_rows(rb_waiver_row *rows, const rb_scenario *sc) {
  int n = 0;
  for (int a = 0; a < sc->n_arms; a++) {
    const rb_scheme *s = &sc->schemes[sc->arms[a].scheme];
    for (int k = 0; s->subsidy && k < RB_WAIVER_COUNT; k++) {
      if (!s->waiver[k]) {
        continue;
      }
      if (rows != NULL) {
        rb_waiver_row *r = &rows[n];
        memset(r, 0, sizeof *r);
        r->arm = a;
        r->waiver = (rb_waiver)k;
        /* The delebolig waiver is priced too: it changes the boligsikring
         * of tenants of shared flats of two only, so a scenario without
         * them gets the base run again (price 0). */
        r->state = k == RB_WAIVER_LOFT && sc->rules.loft_abolished
                       ? RB_WAIVER_ABOLISHED
                       : RB_WAIVER_PRICED;
      }
      n++;
    }
  }
  return n;
}

/* A row's figures from run @p res: the arm's saving and move-ins. */
static void row_figures(double saving[RB_P_COUNT], double *moved_in,
                        const rb_results *res, int arm) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    saving[p] = res->all.persp[RB_DISC][p].vs[arm][RB_ARM_BASELINE].mean;
  }
  *moved_in = res->all.outcomes[arm].moved_in * (double)res->all.size;
}

/* The run with row @p r's waiver off: a copy of the scenario whose one
 * scheme has it off (the arms and groups are shared, read only).  The row
 * reads only its arm against the reference and the whole cohort, so the
 * copy has those two arms, the row's first (as rb_decide_two_arms: each
 * arm's path is its own, the same bit for bit in a run of every arm). */
static rb_status run_without(rb_waiver_row *r, const rb_scenario *sc,
                             const rb_run_opts *opts) {
  rb_scenario copy = *sc;
  copy.schemes = malloc((size_t)sc->n_schemes * sizeof *copy.schemes);
  if (copy.schemes == NULL) {
    return RB_ENOMEM;
  }
  memcpy(copy.schemes, sc->schemes,
         (size_t)sc->n_schemes * sizeof *copy.schemes);
  copy.schemes[sc->arms[r->arm].scheme].waiver[r->waiver] = false;
  int arm = r->arm;
  if (arm != RB_ARM_BASELINE) {
    copy.arms[RB_ARM_INTERVENTION] = sc->arms[arm];
    copy.n_arms = 2;
    arm = RB_ARM_INTERVENTION;
  }
  rb_run_opts ro = *opts;
  ro.cohort_only = true;
  rb_results res;
  rb_status st = rb_engine_run(&res, &copy, &ro);
  free(copy.schemes);
  if (st != RB_OK) {
    return st;
  }
  row_figures(r->saving_without, &r->moved_in_without, &res, arm);
  rb_results_free(&res);
  return RB_OK;
}

rb_status rb_waivers_run(rb_waivers *out, const rb_scenario *sc,
                         const rb_tornado_opts *opts) {
  memset(out, 0, sizeof *out);
  const int n = list_rows(NULL, sc);
  out->rows = calloc(n > 0 ? (size_t)n : 1, sizeof *out->rows);
  if (out->rows == NULL) {
    return RB_ENOMEM;
  }
  out->n = list_rows(out->rows, sc);
  int runs = 1;
  for (int i = 0; i < out->n; i++) {
    runs += out->rows[i].state == RB_WAIVER_PRICED;
  }
  rb_decide_progress pc = {opts != NULL ? opts->progress : NULL,
                           opts != NULL ? opts->progress_ctx : NULL, 1, runs};
  rb_run_opts ro = {0};
  ro.threads = opts != NULL ? opts->threads : 0;
  ro.max_memory = opts != NULL ? opts->max_memory : 0;
  ro.diag = opts != NULL ? opts->diag : NULL;
  if (pc.fn != NULL) {
    ro.progress = rb_decide_engine_progress;
    ro.progress_ctx = &pc;
  }
  rb_status st = rb_engine_run(&out->base, sc, &ro);
  if (st == RB_OK) {
    out->replications = out->base.replications;
    out->threads = out->base.threads;
    out->seed = sc->info.seed;
  }
  for (int i = 0; st == RB_OK && i < out->n; i++) {
    rb_waiver_row *r = &out->rows[i];
    row_figures(r->saving_with, &r->moved_in_with, &out->base, r->arm);
    if (r->state != RB_WAIVER_PRICED) {
      memcpy(r->saving_without, r->saving_with, sizeof r->saving_with);
      r->moved_in_without = r->moved_in_with;
      continue;
    }
    pc.run++;
    st = run_without(r, sc, &ro);
  }
  if (st != RB_OK) {
    rb_waivers_free(out);
  }
  return st;
}
