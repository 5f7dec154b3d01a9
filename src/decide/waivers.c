/* The waivers' prices (issue 11; decision.h): the base run, then the same
 * run (seed, replications: common random numbers) with one waiver of one
 * arm's scheme off, for every waiver that scheme grants.  The price of a
 * waiver is what the arm's saving against the reference loses without it.
 * Computation only: the files are output's (src/output/waivers_files.c). */
#include "decide/decide.h"
#include "model/model.h"

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
/* Row @p r's own run's scenario in @p copy, its schemes in @p schemes
 * (n_schemes of them): the row's scheme with its waiver off, the row's
 * arm first and the reference (the reference's own row: every arm); the
 * row's arm's index there. */
static int own_copy(rb_scenario *copy, rb_scheme *schemes,
                    const rb_scenario *sc, const rb_waiver_row *r) {
  *copy = *sc;
  memcpy(schemes, sc->schemes, (size_t)sc->n_schemes * sizeof *schemes);
  schemes[sc->arms[r->arm].scheme].waiver[r->waiver] = false;
  copy->schemes = schemes;
  if (r->arm == RB_ARM_BASELINE) {
    return RB_ARM_BASELINE;
  }
  copy->arms[RB_ARM_INTERVENTION] = sc->arms[r->arm];
  copy->n_arms = 2;
  return RB_ARM_INTERVENTION;
}

static rb_status run_without(rb_waiver_row *r, const rb_scenario *sc,
                             const rb_run_opts *opts) {
  rb_scheme *schemes = malloc((size_t)sc->n_schemes * sizeof *schemes);
  if (schemes == NULL) {
    return RB_ENOMEM;
  }
  rb_scenario copy;
  const int arm = own_copy(&copy, schemes, sc, r);
  rb_run_opts ro = *opts;
  ro.cohort_only = true;
  rb_results res;
  rb_status st = rb_engine_run(&res, &copy, &ro);
  free(schemes);
  if (st != RB_OK) {
    return st;
  }
  row_figures(r->saving_without, &r->moved_in_without, &res, arm);
  rb_results_free(&res);
  return RB_OK;
}

/* ---- several rows in one run -----------------------------------------------
 *
 * A row changes one scheme of one arm, which no other arm and nothing
 * model-wide reads: its arm can run beside the other rows' and one
 * reference, each row's arm with a scheme of its own (the arm's, the
 * waiver off), standing for arm 0 as in the row's own run. */

/* The run of @p k rows @p rows in @p w, its schemes in @p schemes
 * (n_schemes + k): each row's arm with its own scheme. */
static void wide_copy(rb_scenario *w, rb_scheme *schemes, const rb_scenario *sc,
                      rb_waiver_row *const *rows, int k) {
  *w = *sc;
  memcpy(schemes, sc->schemes, (size_t)sc->n_schemes * sizeof *schemes);
  for (int j = 0; j < k; j++) {
    const rb_waiver_row *r = rows[j];
    rb_scheme *s = &schemes[sc->n_schemes + j];
    *s = sc->schemes[sc->arms[r->arm].scheme];
    s->waiver[r->waiver] = false;
    rb_arm_def *a = &w->arms[rb_decide_wide_arm(j)];
    *a = sc->arms[r->arm];
    a->scheme = sc->n_schemes + j;
    a->as_first = true;
  }
  w->schemes = schemes;
  w->n_schemes = sc->n_schemes + k;
  w->n_arms = k + 1;
}

/* Is each row's arm of @p w, and the reference, compiled as in the row's
 * own run (rb_decide_as_own)?  @p own: room for a copy's schemes. */
static bool wide_same(const rb_scenario *w, const rb_scenario *sc,
                      rb_waiver_row *const *rows, int k, rb_scheme *own) {
  rb_model mw;
  double *v = NULL;
  bool ok = rb_decide_model(&mw, &v, w);
  for (int j = 0; ok && j < k; j++) {
    rb_scenario copy;
    const int arm = own_copy(&copy, own, sc, rows[j]);
    ok = rb_decide_as_own(&mw, rb_decide_wide_arm(j), &copy, arm);
  }
  rb_decide_model_free(&mw, v);
  return ok;
}

/* Rows @p rows (k of them, none the reference's) in one run when they
 * compile as in their own runs (wide_same); *done false when not. */
static rb_status wide_rows(bool *done, rb_waiver_row *const *rows, int k,
                           const rb_scenario *sc, const rb_run_opts *opts,
                           const rb_decide_progress *pc) {
  *done = false;
  rb_scheme *schemes =
      malloc(((size_t)sc->n_schemes + (size_t)k) * sizeof *schemes);
  rb_scheme *own = malloc((size_t)sc->n_schemes * sizeof *own);
  rb_status st = schemes != NULL && own != NULL ? RB_OK : RB_ENOMEM;
  rb_scenario w;
  if (st == RB_OK) {
    wide_copy(&w, schemes, sc, rows, k);
  }
  rb_run_opts ro = *opts;
  ro.cohort_only = true;
  rb_decide_spread sp = {pc, pc->run - 1, k};
  if (ro.progress != NULL) {
    ro.progress = rb_decide_spread_progress;
    ro.progress_ctx = &sp;
  }
  if (st == RB_OK && rb_decide_fits(&w, &ro) &&
      wide_same(&w, sc, rows, k, own)) {
    rb_results res;
    st = rb_engine_run(&res, &w, &ro);
    for (int j = 0; st == RB_OK && j < k; j++) {
      row_figures(rows[j]->saving_without, &rows[j]->moved_in_without, &res,
                  rb_decide_wide_arm(j));
    }
    if (st == RB_OK) {
      rb_results_free(&res);
      *done = true;
    }
  }
  free(schemes);
  free(own);
  return st;
}

/* The priced rows of arms other than the reference: in runs of up to
 * RB_MAX_ARMS − 1 rows where they may (wide_rows), else one run each;
 * the reference's rows one run each. */
static rb_status rows_without(rb_waivers *out, const rb_scenario *sc,
                              rb_run_opts *ro, rb_decide_progress *pc) {
  rb_waiver_row *batch[RB_MAX_ARMS];
  int k = 0;
  rb_status st = RB_OK;
  for (int i = 0; st == RB_OK && i <= out->n; i++) {
    rb_waiver_row *r = i < out->n ? &out->rows[i] : NULL;
    if (r != NULL && r->state == RB_WAIVER_PRICED &&
        r->arm != RB_ARM_BASELINE && sc->n_arms >= 2) {
      batch[k++] = r;
    }
    if (k > 0 && (r == NULL || k == RB_MAX_ARMS - 1)) {
      bool done = false;
      const int first = pc->run; /* the runs so far: the progress counts rows */
      pc->run = first + 1;
      st = wide_rows(&done, batch, k, sc, ro, pc);
      for (int j = 0; st == RB_OK && !done && j < k; j++) {
        pc->run = first + 1 + j;
        st = run_without(batch[j], sc, ro);
      }
      pc->run = first + k;
      out->runs += done ? 1 : k;
      k = 0;
    }
    if (st == RB_OK && r != NULL && r->state == RB_WAIVER_PRICED &&
        r->arm == RB_ARM_BASELINE) {
      pc->run++;
      st = run_without(r, sc, ro);
      out->runs++;
    }
  }
  return st;
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
    }
  }
  if (st == RB_OK) {
    out->runs = 1;
    st = rows_without(out, sc, &ro, &pc);
  }
  if (st != RB_OK) {
    rb_waivers_free(out);
  }
  return st;
}
