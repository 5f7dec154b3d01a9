/* The sweep: the business case at every value of one parameter, each a full
 * run with the scenario's seed (common random numbers), with the break-even
 * values and the best value per perspective.  The scenario is loaded once,
 * and each value once to check it; a value that changes one parameter's
 * figures only is run from the scenario swept from with that parameter
 * changed in a copy of its parameters (the same numbers as its own load),
 * any other (a key that changes structure) from its own load.
 * Computation only: the files are output's (src/output/sweep_files.c), the
 * folder is folder's. */
#define _GNU_SOURCE /* asprintf */
#include "decide/decide.h"
#include "model/model.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The invalid values a sweep's closing line names at most. */
#define RB_SWEEP_LISTED 20

rb_status rb_sweep_values(double **out, int *n, double from, double to,
                          double step, bool integer, rb_diag *diag) {
  *out = NULL;
  *n = 0;
  if (!isfinite(from) || !isfinite(to) || !isfinite(step)) {
    rb_diag_add(diag, NULL, 0, NULL,
                "--from, --to and --step must be finite numbers");
    return RB_EUSAGE;
  }
  if (step <= 0.0) {
    rb_diag_add(diag, NULL, 0, NULL, "--step must be above 0 (got %g)", step);
    return RB_EUSAGE;
  }
  if (to < from) {
    rb_diag_add(diag, NULL, 0, NULL,
                "--to must not be below --from (got %g and %g)", to, from);
    return RB_EUSAGE;
  }
  if (integer && (from != floor(from) || step != floor(step))) {
    rb_diag_add(diag, NULL, 0, NULL,
                "the key takes whole numbers: --from and --step must be "
                "integers (got %g and %g)",
                from, step);
    return RB_EUSAGE;
  }
  double count = floor((to - from) / step + 1e-9) + 1.0;
  if (count > RB_SWEEP_MAX_VALUES) {
    rb_diag_add(diag, NULL, 0, NULL,
                "at most %d values in a sweep (got %.0f); use a larger --step",
                RB_SWEEP_MAX_VALUES, count);
    return RB_EUSAGE;
  }
  int k = (int)count;
  double *v = malloc((size_t)k * sizeof *v);
  if (v == NULL) {
    return RB_ENOMEM;
  }
  for (int i = 0; i < k; i++) {
    double x = from + (double)i * step;
    if (!integer) {
      char buf[64];
      snprintf(buf, sizeof buf, "%.15g", x);
      x = strtod(buf, NULL);
    }
    v[i] = x;
  }
  *out = v;
  *n = k;
  return RB_OK;
}

void rb_sweep_literal(char *buf, size_t n, double v, bool integer) {
  if (v == floor(v) && fabs(v) < 2147483648.0) {
    snprintf(buf, n, "%.0f", v);
  } else if (integer && v == floor(v)) {
    snprintf(buf, n, "%.0fL", v);
  } else {
    snprintf(buf, n, "%.17g", v);
    /* A whole number from 2^31 on must read as a float. */
    if (strpbrk(buf, ".eEn") == NULL) {
      size_t len = strlen(buf);
      if (len + 2 < n) {
        memcpy(buf + len, ".0", 3);
      }
    }
  }
}

/* The parameter a key names: the key itself or "<key>.value" of an
 * uncertain value; −1 when the key is not a real-valued parameter. */
static int find_param(const rb_scenario *sc, const char *key) {
  size_t len = strlen(key);
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(sc->params[i].key, key) == 0) {
      return i;
    }
  }
  if (len > 6 && strcmp(key + len - 6, ".value") == 0) {
    for (int i = 0; i < sc->n_params; i++) {
      if (strlen(sc->params[i].key) == len - 6 &&
          strncmp(sc->params[i].key, key, len - 6) == 0) {
        return i;
      }
    }
  }
  return -1;
}

void rb_sweep_free(rb_sweep *s) {
  if (s == NULL) {
    return;
  }
  free(s->scenario);
  free(s->title);
  free(s->param);
  free(s->points);
  for (int p = 0; p < RB_P_COUNT; p++) {
    free(s->break_even[p]);
  }
  memset(s, 0, sizeof *s);
}

/* The scenario at one value: the user's overrides, then "KEY=VALUE" (the
 * set in *set_out when wanted, else freed). */
static rb_status load_value(rb_scenario **sc, const char *path, const char *key,
                            double value, bool integer,
                            const rb_sweep_opts *opts, rb_diag *diag,
                            char **set_out) {
  char lit[64];
  rb_sweep_literal(lit, sizeof lit, value, integer);
  char *set = NULL;
  const char **sets = calloc((size_t)opts->n_sets + 1, sizeof *sets);
  if (sets == NULL || asprintf(&set, "%s=%s", key, lit) < 0) {
    free(sets);
    return RB_ENOMEM;
  }
  for (int i = 0; i < opts->n_sets; i++) {
    sets[i] = opts->sets[i];
  }
  sets[opts->n_sets] = set;
  rb_load_opts lo = {sets, opts->n_sets + 1, opts->params};
  rb_status st = rb_scenario_load(sc, path, &lo, diag);
  if (set_out != NULL) {
    *set_out = set;
  } else {
    free(set);
  }
  free(sets);
  return st;
}

static rb_status load_at(rb_scenario **sc, const char *path, const char *key,
                         double value, bool integer, const rb_sweep_opts *opts,
                         rb_diag *diag) {
  char *set = NULL;
  rb_status st = load_value(sc, path, key, value, integer, opts, diag, &set);
  if (st != RB_OK && st != RB_ENOMEM) {
    rb_diag_add(diag, path, 0, NULL, "the sweep stopped at %s", set);
  }
  free(set);
  return st;
}

/* The figures of a parameter that a value's scenario may change: all but
 * its key and where it was written. */
static bool same_figures(const rb_param *a, const rb_param *b) {
  return memcmp(&a->value, &b->value, sizeof a->value) == 0 &&
         memcmp(&a->low, &b->low, sizeof a->low) == 0 &&
         memcmp(&a->high, &b->high, sizeof a->high) == 0 &&
         a->has_range == b->has_range && a->uncertain == b->uncertain &&
         a->dist == b->dist && memcmp(&a->p1, &b->p1, sizeof a->p1) == 0 &&
         memcmp(&a->p2, &b->p2, sizeof a->p2) == 0 &&
         memcmp(&a->min, &b->min, sizeof a->min) == 0 &&
         memcmp(&a->max, &b->max, sizeof a->max) == 0 &&
         a->probability == b->probability;
}

/* Does the scenario at one value differ from the one swept from only in
 * parameter @p pi's figures?  Then the value is run from the scenario
 * swept from with that parameter changed in a copy of its parameters (the
 * model reads every real value from them), not from its own load. */
static bool only_param(const rb_scenario *at, const rb_scenario *sc, int pi) {
  if (pi < 0 || at->n_params != sc->n_params) {
    return false;
  }
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(at->params[i].key, sc->params[i].key) != 0 ||
        (i != pi && !same_figures(&at->params[i], &sc->params[i]))) {
      return false;
    }
  }
  return true;
}

/* What a sweep keeps of its values' scenarios once they are checked:
 * parameter pi's figures at each value, when no value changes more. */
typedef struct value_params {
  int pi;         /* the swept parameter, or −1 */
  bool only;      /* every value changes parameter pi only */
  rb_param *at;   /* n: parameter pi at each value (figures only) */
  rb_param *copy; /* the scenario's parameters, pi changed per value */
} value_params;

/* Invalid values of a sweep found before its first run. */
typedef struct bad_values {
  size_t first; /* the first problem of the sweep's values in the diag */
  int n;        /* invalid values */
  bool differ;  /* some had problems of their own (not only the first's) */
  char *sets[RB_SWEEP_LISTED + 1]; /* the first ones' KEY=VALUE */
} bad_values;

/* An invalid value's problems into @p diag, each once: a problem that does
 * not depend on the value (an unknown key) is told for the first only. */
static bool add_problems(rb_diag *diag, bad_values *bv, const rb_diag *sub) {
  bool own = false;
  for (size_t k = 0; k < sub->n; k++) {
    bool seen = false;
    for (size_t j = bv->first; j < diag->n && !seen; j++) {
      seen = strcmp(diag->msgs[j], sub->msgs[k]) == 0;
    }
    if (!seen) {
      rb_diag_add_raw(diag, sub->msgs[k]);
      own = true;
    }
  }
  return own;
}

/* The closing line: the value the sweep stopped at and, when others have
 * problems of their own, those values. */
static void add_summary(rb_diag *diag, const bad_values *bv, const char *path) {
  if (!bv->differ) {
    rb_diag_add(diag, path, 0, NULL, "the sweep stopped at %s", bv->sets[0]);
    return;
  }
  char list[1024] = "";
  size_t p = 0;
  int shown = bv->n < RB_SWEEP_LISTED ? bv->n : RB_SWEEP_LISTED;
  for (int i = 1; i < shown && p < sizeof list; i++) {
    p += (size_t)snprintf(list + p, sizeof list - p, "%s%s", i > 1 ? ", " : "",
                          bv->sets[i]);
  }
  char more[64] = "";
  if (bv->n > shown) {
    snprintf(more, sizeof more, " and %d more", bv->n - shown);
  }
  rb_diag_add(diag, path, 0, NULL,
              "the sweep stopped at %s before its first run; invalid too: "
              "%s%s",
              bv->sets[0], list, more);
}

/* Every value's scenario is loaded before the first run, so that a value
 * the scenario does not allow is found before hours of runs, and all such
 * values are told at once. */
static rb_status check_values(const char *path, const char *key,
                              const double *values, int n, bool integer,
                              const rb_sweep_opts *opts, rb_diag *diag,
                              const rb_scenario *base, value_params *vp) {
  bad_values bv = {diag->n, 0, false, {NULL}};
  rb_status st = RB_OK;
  for (int i = 0; i < n && st != RB_ENOMEM; i++) {
    rb_scenario *sc = NULL;
    rb_diag sub;
    rb_diag_init(&sub);
    char *set = NULL;
    rb_status vs =
        load_value(&sc, path, key, values[i], integer, opts, &sub, &set);
    vp->only = vp->only && vs == RB_OK && only_param(sc, base, vp->pi);
    if (vp->only) {
      vp->at[i] = sc->params[vp->pi];
    }
    rb_scenario_free(sc);
    if (vs != RB_OK) {
      st = vs == RB_ENOMEM || st == RB_OK ? vs : st;
      bool own = add_problems(diag, &bv, &sub);
      bv.differ = bv.differ || (bv.n > 0 && own);
      if (bv.n < RB_SWEEP_LISTED) {
        bv.sets[bv.n] = set;
        set = NULL;
      }
      bv.n++;
    }
    free(set);
    rb_diag_free(&sub);
  }
  if (bv.n > 0 && st != RB_ENOMEM) {
    add_summary(diag, &bv, path);
  }
  for (int i = 0; i < bv.n && i < RB_SWEEP_LISTED; i++) {
    free(bv.sets[i]);
  }
  return st;
}

/* The scenario of value @p i: the one swept from with parameter pi's
 * figures at the value (in @p view, sharing all else), or loaded anew
 * into @p own when the value changes more than that parameter. */
static rb_status scenario_at(const rb_scenario **sc, rb_scenario **own,
                             rb_scenario *view, const rb_scenario *base,
                             const value_params *vp, int i, const char *path,
                             const char *key, double value, bool integer,
                             const rb_sweep_opts *opts, rb_diag *diag) {
  *own = NULL;
  if (!vp->only) {
    rb_status st = load_at(own, path, key, value, integer, opts, diag);
    *sc = *own;
    return st;
  }
  /* The value's figures, the scenario's key and where it was written. */
  rb_param *p = &vp->copy[vp->pi];
  const rb_param *was = &base->params[vp->pi];
  *p = vp->at[i];
  p->key = was->key;
  p->source = was->source;
  p->file = was->file;
  p->line = was->line;
  *view = *base;
  view->params = vp->copy;
  *sc = view;
  return RB_OK;
}

/* A point's figures from arm @p arm of a run: its saving against the
 * reference and its outcomes, the whole cohort's. */
static void point_of(rb_sweep_point *pt, const rb_results *res, int arm,
                     double value) {
  const rb_group_result *g = &res->all;
  const rb_outcomes *o = &g->outcomes[arm];
  pt->value = value;
  for (int p = 0; p < RB_P_COUNT; p++) {
    pt->saving[p] = g->persp[RB_DISC][p].vs[arm][RB_ARM_BASELINE];
  }
  pt->housed_12 = o->housed[0];
  pt->housed_24 = o->housed[1];
  pt->months_waiting = o->months_waiting;
  pt->subsidy_per_month = o->subsidy_per_month;
  pt->share_acceptable = o->offers_accepted_share;
}

/* The run's options of a sweep: its threads, memory and progress, the
 * whole cohort's figures only. */
static rb_run_opts sweep_run_opts(const rb_sweep_opts *opts,
                                  rb_decide_progress *pc, rb_diag *diag) {
  rb_run_opts ro = {0};
  ro.threads = opts->threads;
  ro.max_memory = opts->max_memory;
  ro.cohort_only = true; /* a point keeps the whole cohort's figures */
  ro.diag = diag;
  if (opts->progress != NULL) {
    ro.progress = rb_decide_engine_progress;
    ro.progress_ctx = pc;
  }
  return ro;
}

/* One value: its scenario, the run, the whole cohort's figures. */
static rb_status sweep_point(rb_sweep_point *pt, int *threads,
                             const rb_scenario *base, const value_params *vp,
                             int i, const char *path, const char *key,
                             double value, bool integer,
                             const rb_sweep_opts *opts, rb_decide_progress *pc,
                             rb_diag *diag) {
  const rb_scenario *sc = NULL;
  rb_scenario *own = NULL, view;
  rb_status st = scenario_at(&sc, &own, &view, base, vp, i, path, key, value,
                             integer, opts, diag);
  if (st != RB_OK) {
    return st;
  }
  rb_scenario two;
  sc = rb_decide_two_arms(&two, sc);
  rb_run_opts ro = sweep_run_opts(opts, pc, diag);
  rb_results res;
  st = rb_engine_run(&res, sc, &ro);
  if (st == RB_OK) {
    point_of(pt, &res, RB_ARM_INTERVENTION, value);
    *threads = res.threads;
    rb_results_free(&res);
  }
  rb_scenario_free(own);
  return st;
}

/* ---- several values in one run ---------------------------------------------
 *
 * A value that changes one parameter's figures and reaches neither the
 * reference arm nor the model-wide part (discounting, the distortion
 * loss, ...) can run as an arm beside the others: the experiment at each
 * value (rb_arm_def.set), one reference.  Every arm's path depends on its
 * own tables and the citizen's random numbers only, so each value's arm is,
 * bit for bit, arm 0 of the value's own run, and the reference is
 * simulated once for up to RB_MAX_ARMS − 1 values. */

/* Is parameter @p p taken as it is, not drawn, in a psa run? */
static bool not_drawn(const rb_param *p) {
  return p->dist == RB_DIST_PLAIN || p->dist == RB_DIST_FIXED;
}

/* The scenario of a pass of @p k values (@p idx) in @p w: the two-arm view
 * @p two with the experiment's arm once per value. */
static void wide_view(rb_scenario *w, const rb_scenario *two,
                      const value_params *vp, const int *idx, int k) {
  *w = *two;
  w->n_arms = k + 1;
  for (int j = 0; j < k; j++) {
    rb_arm_def *a = &w->arms[rb_decide_wide_arm(j)];
    *a = two->arms[RB_ARM_INTERVENTION];
    a->set = true;
    a->as_first = true;
    a->set_param = vp->pi;
    a->set_value = vp->at[idx[j]].value;
  }
}

/* May the pass @p w run its values as arms: in psa mode none of the swept
 * parameter's figures drawn, and compiled at the scenario's values, each
 * value's arm and the reference as the value's own run compiles its arm 0
 * and its reference, with the same model-wide part (rb_model_arm_same)? */
static bool wide_ok(const rb_scenario *w, const rb_scenario *base,
                    value_params *vp, const int *idx, int k, const char *path,
                    const char *key, const double *values, bool integer,
                    const rb_sweep_opts *opts) {
  if (base->info.mode == RB_MODE_PSA) {
    bool plain = not_drawn(&base->params[vp->pi]);
    for (int j = 0; j < k; j++) {
      plain = plain && not_drawn(&vp->at[idx[j]]);
    }
    if (!plain) {
      return false;
    }
  }
  rb_model mw;
  double *vw = NULL;
  bool ok = rb_decide_model(&mw, &vw, w);
  for (int j = 0; ok && j < k; j++) {
    const rb_scenario *sc = NULL;
    rb_scenario *own = NULL, view, two;
    rb_diag quiet;
    rb_diag_init(&quiet);
    ok = scenario_at(&sc, &own, &view, base, vp, idx[j], path, key,
                     values[idx[j]], integer, opts, &quiet) == RB_OK &&
         rb_decide_as_own(&mw, rb_decide_wide_arm(j),
                          rb_decide_two_arms(&two, sc), RB_ARM_INTERVENTION);
    rb_diag_free(&quiet);
    rb_scenario_free(own);
  }
  rb_decide_model_free(&mw, vw);
  return ok;
}

/* The pass of @p k values @p idx as arms of one run when it may
 * (wide_ok) and fits the memory limit; *done false when not, and the
 * values are to run one by one. */
static rb_status wide_pass(rb_sweep *out, bool *done, const rb_scenario *base,
                           value_params *vp, const int *idx, int k,
                           const char *path, const char *key,
                           const double *values, const rb_sweep_opts *opts,
                           rb_decide_progress *pc, rb_diag *diag) {
  *done = false;
  rb_scenario two, w;
  wide_view(&w, rb_decide_two_arms(&two, base), vp, idx, k);
  rb_run_opts ro = sweep_run_opts(opts, pc, diag);
  rb_decide_spread wp = {pc, idx[0], k};
  if (ro.progress != NULL) {
    ro.progress = rb_decide_spread_progress;
    ro.progress_ctx = &wp;
  }
  if (k < 2 || !rb_decide_fits(&w, &ro) ||
      !wide_ok(&w, base, vp, idx, k, path, key, values, out->integer_key,
               opts)) {
    return RB_OK;
  }
  rb_results res;
  rb_status st = rb_engine_run(&res, &w, &ro);
  if (st == RB_OK) {
    for (int j = 0; j < k; j++) {
      point_of(&out->points[idx[j]], &res, rb_decide_wide_arm(j),
               values[idx[j]]);
    }
    out->threads = res.threads;
    rb_results_free(&res);
    *done = true;
  }
  return st;
}

/* Every value: in passes of up to RB_MAX_ARMS − 1 values as arms of one
 * run where they may (wide_pass), else one run each (sweep_point). */
static rb_status sweep_points(rb_sweep *out, const rb_scenario *sc,
                              value_params *vp, const char *path,
                              const char *key, const double *values, int n,
                              const rb_sweep_opts *opts, rb_diag *diag) {
  const int per = RB_MAX_ARMS - 1;
  const int passes = vp->only && sc->n_arms >= 2 ? (n + per - 1) / per : 0;
  rb_decide_progress pc = {opts->progress, opts->progress_ctx, 0, n};
  rb_status st = RB_OK;
  int next = 0;
  for (int q = 0; st == RB_OK && q < passes; q++) {
    /* Passes of near-equal sizes: 7 values as 4 + 3. */
    const int k = (n - next + (passes - q) - 1) / (passes - q);
    int idx[RB_MAX_ARMS];
    for (int j = 0; j < k; j++) {
      idx[j] = next + j;
    }
    bool done = false;
    st = wide_pass(out, &done, sc, vp, idx, k, path, key, values, opts, &pc,
                   diag);
    out->runs += done ? 1 : 0;
    for (int j = 0; st == RB_OK && !done && j < k; j++) {
      pc.run = idx[j] + 1;
      st =
          sweep_point(&out->points[idx[j]], &out->threads, sc, vp, idx[j], path,
                      key, values[idx[j]], out->integer_key, opts, &pc, diag);
      out->runs++;
    }
    next += k;
  }
  for (int i = next; st == RB_OK && i < n; i++) {
    pc.run = i + 1;
    st = sweep_point(&out->points[i], &out->threads, sc, vp, i, path, key,
                     values[i], out->integer_key, opts, &pc, diag);
    out->runs++;
  }
  return st;
}

/* Break-even values and the best value per perspective. */
static rb_status find_break_even(rb_sweep *s) {
  const int n = s->n;
  double *xs = malloc((size_t)n * sizeof *xs);
  double *ys = malloc((size_t)n * sizeof *ys);
  rb_status st = xs != NULL && ys != NULL ? RB_OK : RB_ENOMEM;
  for (int p = 0; st == RB_OK && p < RB_P_COUNT; p++) {
    for (int i = 0; i < n; i++) {
      xs[i] = s->points[i].value;
      ys[i] = s->points[i].saving[p].mean;
    }
    int k = rb_decision_crossings(NULL, 0, xs, ys, n);
    s->break_even[p] = calloc((size_t)k + 1, sizeof(double));
    if (s->break_even[p] == NULL) {
      st = RB_ENOMEM;
      break;
    }
    s->n_break_even[p] = rb_decision_crossings(s->break_even[p], k, xs, ys, n);
    s->best[p] = rb_decision_argmax(ys, n);
  }
  free(xs);
  free(ys);
  return st;
}

/* The sweep's facts from the scenario as swept from. */
static rb_status sweep_header(rb_sweep *s, const rb_scenario *sc,
                              const char *key, int n) {
  s->scenario = strdup(sc->info.name != NULL ? sc->info.name : "");
  s->title = strdup(sc->info.title != NULL ? sc->info.title : "");
  s->param = strdup(key);
  s->points = calloc((size_t)n, sizeof *s->points);
  if (s->scenario == NULL || s->title == NULL || s->param == NULL ||
      s->points == NULL) {
    return RB_ENOMEM;
  }
  s->language = sc->info.language;
  s->price_year = sc->info.price_year;
  s->horizon = sc->info.horizon_months;
  s->replications = sc->info.replications;
  s->seed = sc->info.seed;
  s->n = n;
  return RB_OK;
}

/* Room for parameter pi's figures at @p n values, and the copy of the
 * scenario's parameters the values are run with. */
static rb_status value_params_alloc(value_params *vp, const rb_scenario *sc,
                                    int n) {
  vp->at = calloc((size_t)n, sizeof *vp->at);
  vp->copy = malloc((size_t)sc->n_params * sizeof *vp->copy);
  if (vp->at == NULL || vp->copy == NULL) {
    return RB_ENOMEM;
  }
  memcpy(vp->copy, sc->params, (size_t)sc->n_params * sizeof *vp->copy);
  return RB_OK;
}

rb_status rb_sweep_run(rb_sweep *out, rb_scenario **base, const char *path,
                       const char *key, double from, double to, double step,
                       const rb_sweep_opts *opts, rb_diag *diag) {
  gsl_set_error_handler_off();
  memset(out, 0, sizeof *out);
  *base = NULL;
  rb_load_opts lo = {opts->sets, opts->n_sets, opts->params};
  rb_scenario *sc = NULL;
  double *values = NULL;
  rb_status st = rb_scenario_load(&sc, path, &lo, diag);
  if (st != RB_OK) {
    return st;
  }
  int pi = find_param(sc, key);
  out->integer_key = pi < 0;
  out->scenario_value = pi >= 0 ? sc->params[pi].value : NAN;
  int n = 0;
  st = rb_sweep_values(&values, &n, from, to, step, out->integer_key, diag);
  value_params vp = {pi, pi >= 0, NULL, NULL};
  if (st == RB_OK && vp.only) {
    st = value_params_alloc(&vp, sc, n);
  }
  if (st == RB_OK) {
    st = check_values(path, key, values, n, out->integer_key, opts, diag, sc,
                      &vp);
  }
  if (st == RB_OK) {
    st = sweep_header(out, sc, key, n);
  }
  if (st == RB_OK) {
    st = sweep_points(out, sc, &vp, path, key, values, n, opts, diag);
  }
  if (st == RB_OK) {
    st = find_break_even(out);
  }
  free(vp.at);
  free(vp.copy);
  free(values);
  if (st != RB_OK) {
    rb_scenario_free(sc);
    return st;
  }
  *base = sc;
  return RB_OK;
}
