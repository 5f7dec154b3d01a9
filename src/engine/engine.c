/* The Monte Carlo engine's driver (model.md): both arms, common random
 * numbers, every krone by payer.  Replications run in parallel in chunks,
 * each into its own buffer, and are reduced in replication order, so the
 * results are the same bit for bit on any number of threads.  The only
 * file with OpenMP pragmas. */
#include "engine/engine_internal.h"
#include "rng/rng.h"

#include <gsl/gsl_errno.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

/* A replication's buffers of one chunk take at most this many bytes. */
#define CHUNK_BYTES ((size_t)64 << 20)
/* Replications in a chunk: at most, and at least per thread. */
#define CHUNK_MAX 1024
#define CHUNK_PER_THREAD 4

/* ---- the run's dimensions ------------------------------------------------ */

/* The blocks of a replication's buffer, one after the other. */
static void layout_of(rb_eng *en) {
  size_t gah = (size_t)en->GA * (size_t)en->H;
  size_t off = 0;
  en->L.mg = off;
  off += gah * RB_P_COUNT;
  en->L.hbm = off;
  off += gah;
  en->L.subm = off;
  off += gah;
  en->L.items = off;
  off += rb_eng_items_size(en, en->GA);
  en->L.yearly = off;
  off += rb_eng_yearly_size(en);
  en->L.ky = off;
  off += rb_eng_ky_size(en);
  en->L.kcit = off;
  off += rb_eng_kcit_size(en);
  en->L.df = off;
  off += (size_t)en->H;
  en->L.drawn = off;
  off += (size_t)en->n_drawn;
  en->L.size = off;
}

/* psa: the parameters drawn per replication (neither plain nor fixed). */
static rb_status drawn_params(rb_eng *en) {
  const rb_scenario *sc = en->sc;
  en->drawn_param = calloc((size_t)sc->n_params + 1, sizeof *en->drawn_param);
  if (en->drawn_param == NULL) {
    return RB_ENOMEM;
  }
  for (int i = 0; i < sc->n_params; i++) {
    if (sc->params[i].dist != RB_DIST_PLAIN &&
        sc->params[i].dist != RB_DIST_FIXED) {
      en->drawn_param[en->n_drawn++] = i;
    }
  }
  return RB_OK;
}

void rb_eng_dims(rb_eng *en, const rb_scenario *sc, const rb_run_opts *opts,
                 bool psa) {
  memset(en, 0, sizeof *en);
  en->sc = sc;
  en->psa = psa;
  en->cohort_only = opts != NULL && opts->cohort_only;
  en->seed = opts != NULL && opts->seed_given ? opts->seed : sc->info.seed;
  en->R = opts != NULL && opts->replications > 0 ? opts->replications
                                                 : sc->info.replications;
  en->H = sc->info.horizon_months;
  en->G = sc->n_groups;
  /* The views of a portfolio, when its groups name them. */
  en->K = sc->views_given ? sc->n_kommuner : 0;
  en->T = sc->views_given ? sc->n_targets : 0;
  en->A = sc->n_arms;
  en->GA = en->G * en->A;
  en->limit = sc->subsidy.limit_citizens;
  en->KL = sc->n_kommuner > 0 ? sc->n_kommuner : 1;
  en->n_items = sc->n_costs + RB_ITEM_COMPUTED_COUNT;
  en->n_years = rb_model_years(sc);
  for (int i = 0; psa && i < sc->n_params; i++) {
    en->n_drawn += sc->params[i].dist != RB_DIST_PLAIN &&
                   sc->params[i].dist != RB_DIST_FIXED;
  }
  for (int gi = 0; gi < en->G; gi++) {
    en->e_size += (size_t)en->A * RB_LIVE * RB_A_COUNT *
                  (size_t)rb_model_nseg(sc, gi) * (size_t)en->H;
  }
  layout_of(en);
}

/* The run's tables beside the model compiled with @p base: each garm's
 * exposure block, and in psa mode the parameters drawn. */
static rb_status engine_init(rb_eng *en, const rb_model *base) {
  en->base = base;
  if (en->n_years > RB_ENG_MAX_YEARS || en->n_years != base->n_years) {
    return RB_EINTERNAL;
  }
  en->e_off = calloc((size_t)en->GA + 1, sizeof *en->e_off);
  if (en->e_off == NULL) {
    return RB_ENOMEM;
  }
  for (int k = 0; k < en->GA; k++) {
    en->e_off[k + 1] = en->e_off[k] + (size_t)base->ga[k].ncell * (size_t)en->H;
  }
  if (en->e_off[en->GA] != en->e_size) {
    return RB_EINTERNAL;
  }
  const int n_drawn = en->n_drawn;
  en->n_drawn = 0;
  if (en->psa && drawn_params(en) != RB_OK) {
    return RB_ENOMEM;
  }
  return en->n_drawn == n_drawn ? RB_OK : RB_EINTERNAL;
}

static void engine_free(rb_eng *en) {
  free(en->e_off);
  free(en->drawn_param);
}

/* ---- the threads' workspaces --------------------------------------------- */

static void workspace_free(rb_eng_ws *w) {
  free(w->v);
  rb_model_free(&w->model);
  if (w->rng != NULL) {
    gsl_rng_free(w->rng);
  }
  free(w->E);
  free(w->Etot);
  free(w->seen);
  free(w->rows);
  free(w->ED);
  free(w->cnt);
  rb_eng_pools_ws_free(w);
  free(w->lim_cnt);
  free(w->lim_now);
  free(w->lcnt);
  for (int k = 0; k < 4; k++) {
    free(w->scr[k]);
  }
}

/* The planner's limit's counts and a replication's own counters. */
static rb_status limit_ws_alloc(rb_eng_ws *w, const rb_eng *en) {
  if (en->limit == 0) {
    return RB_OK;
  }
  const size_t nl = (size_t)en->KL * (size_t)en->A * (size_t)en->H;
  const size_t n[4] = {en->e_size, (size_t)en->GA * RB_ENG_GONE * (size_t)en->H,
                       (size_t)en->GA * C_COUNT, rb_eng_pcnt_size(en)};
  w->lim_cnt = rb_eng_zalloc(nl, sizeof *w->lim_cnt);
  w->lim_now =
      rb_eng_zalloc((size_t)en->KL * (size_t)en->A, sizeof *w->lim_now);
  w->lcnt = rb_eng_zalloc(rb_eng_lcnt_size(en), sizeof *w->lcnt);
  bool ok = w->lim_cnt != NULL && w->lim_now != NULL && w->lcnt != NULL;
  for (int k = 0; k < 4; k++) {
    w->scr[k] = rb_eng_zalloc(n[k] > 0 ? n[k] : 1, sizeof *w->scr[k]);
    ok = ok && w->scr[k] != NULL;
  }
  return ok ? RB_OK : RB_ENOMEM;
}

static rb_status workspace_alloc(rb_eng_ws *w, const rb_eng *en) {
  memset(w, 0, sizeof *w);
  w->bad_rep = -1;
  w->E = rb_eng_zalloc(en->e_size, sizeof *w->E);
  w->ED = rb_eng_zalloc((size_t)en->GA * RB_ENG_GONE * (size_t)en->H,
                        sizeof *w->ED);
  w->cnt = rb_eng_zalloc((size_t)en->GA * C_COUNT, sizeof *w->cnt);
  if (w->E == NULL || w->ED == NULL || w->cnt == NULL ||
      rb_eng_pools_ws_alloc(w, en) != RB_OK || limit_ws_alloc(w, en) != RB_OK) {
    return RB_ENOMEM;
  }
  if (en->psa) {
    w->Etot = rb_eng_zalloc(en->e_size, sizeof *w->Etot);
    const size_t rows = en->e_size / (size_t)en->H + 1;
    w->seen = rb_eng_zalloc(rows, sizeof *w->seen);
    w->rows = rb_eng_zalloc(rows, sizeof *w->rows);
    if (w->seen == NULL || w->rows == NULL) {
      return RB_ENOMEM;
    }
    w->v = rb_eng_zalloc((size_t)en->sc->n_params, sizeof *w->v);
    w->rng = rb_rng_psa_alloc(en->seed, 0);
    if (w->Etot == NULL || w->v == NULL || w->rng == NULL ||
        rb_model_alloc(&w->model, en->sc) != RB_OK) {
      return RB_ENOMEM;
    }
  }
  return RB_OK;
}

static void workspaces_free(rb_eng_ws *wss, int nt) {
  if (wss == NULL) {
    return;
  }
  for (int k = 0; k < nt; k++) {
    workspace_free(&wss[k]);
  }
  free(wss);
}

/* One workspace per thread; NULL when out of memory. */
static rb_eng_ws *workspaces_alloc(const rb_eng *en, int nt) {
  rb_eng_ws *wss = calloc((size_t)nt, sizeof *wss);
  if (wss == NULL) {
    return NULL;
  }
  for (int k = 0; k < nt; k++) {
    if (workspace_alloc(&wss[k], en) != RB_OK) {
      workspaces_free(wss, nt);
      return NULL;
    }
  }
  return wss;
}

/* ---- the driver ---------------------------------------------------------- */

/* Replications per chunk: the buffers within CHUNK_BYTES, at most
 * CHUNK_MAX, at least CHUNK_PER_THREAD per thread, at most R. */
int rb_eng_chunk_size(const rb_eng *en, int nt) {
  size_t per = en->L.size * sizeof(double);
  size_t want = CHUNK_BYTES / (per ? per : 1);
  int chunk = (int)(want < CHUNK_MAX ? want : CHUNK_MAX);
  if (chunk < CHUNK_PER_THREAD * nt) {
    chunk = CHUNK_PER_THREAD * nt;
  }
  return chunk > en->R ? en->R : chunk;
}

/* ---- the processes (MPI) --------------------------------------------------
 */

static const rb_eng_dist *the_dist;

const rb_eng_dist *rb_eng_dist_get(void) {
  return the_dist;
}

void rb_eng_dist_set(const rb_eng_dist *d) {
  the_dist = d;
}

int rb_engine_process_rank(void) {
  return the_dist != NULL ? the_dist->rank : 0;
}

int rb_engine_processes(void) {
  return the_dist != NULL ? the_dist->size : 1;
}

/* psa: the first replication whose drawn model failed (an amount not
 * finite) in any process, with a line in opts->diag naming the input; −1
 * when none (or RB_EINTERNAL's −2 when the processes cannot tell). */
static int psa_failed(const rb_eng *en, rb_eng_ws *wss, int nt,
                      const rb_run_opts *opts) {
  int bad = -1;
  for (int k = 0; k < nt; k++) {
    if (wss[k].bad_rep >= 0 && (bad < 0 || wss[k].bad_rep < bad)) {
      bad = wss[k].bad_rep;
    }
  }
  if (en->psa && the_dist != NULL && the_dist->first(&bad) != RB_OK) {
    return -2;
  }
  rb_diag *d = opts != NULL ? opts->diag : NULL;
  if (bad >= 0 && d != NULL) {
    (void)rb_eng_draw_model(en, &wss[0], bad);
    rb_model_check(&wss[0].model, d);
    rb_diag_add(d, en->sc->path, 0, NULL,
                "(psa: in replication %d's draw of the uncertain values)",
                bad + 1);
  }
  return bad;
}

/* This process's replications of the chunk of @p n from @p r0, in
 * parallel on @p nt threads, each into its place in @p buf; then every
 * process's shared (MPI). */
static rb_status run_chunk(const rb_eng *en, rb_eng_ws *wss, int nt,
                           double *buf, int r0, int n) {
  int lo = 0, hi = n;
  if (the_dist != NULL) {
    rb_eng_slice(n, the_dist->rank, the_dist->size, &lo, &hi);
  }
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) default(none)    \
    shared(en, wss, buf, lo, hi, r0)
  for (int k = lo; k < hi; k++) {
    rb_eng_replication(en, &wss[omp_get_thread_num()], r0 + k,
                       buf + (size_t)k * en->L.size);
  }
  return the_dist != NULL ? the_dist->share(buf, en->L.size, n) : RB_OK;
}

/* Every replication, in parallel within a chunk (over the processes and
 * their threads) and reduced in order. */
static rb_status run_replications(const rb_eng *en, rb_eng_ws *wss, int n_ws,
                                  rb_eng_sums *S, rb_results *res,
                                  const rb_run_opts *opts) {
  const int chunk = rb_eng_chunk_size(en, n_ws * rb_engine_processes());
  double *buf = rb_eng_zalloc((size_t)chunk * en->L.size, sizeof *buf);
  if (buf == NULL) {
    return RB_ENOMEM;
  }
  /* Everything allocated: the threads that can start (at most n_ws, one
   * workspace each); the chunk stays as it is (results do not depend on
   * it). */
  const int nt = rb_eng_threads(n_ws);
  res->threads = nt;
  rb_status st = RB_OK;
  for (int r0 = 0; r0 < en->R && st == RB_OK; r0 += chunk) {
    int n = en->R - r0 < chunk ? en->R - r0 : chunk;
    st = run_chunk(en, wss, nt, buf, r0, n);
    const int bad = st == RB_OK ? psa_failed(en, wss, n_ws, opts) : -1;
    if (bad != -1) {
      st = bad == -2 ? RB_EINTERNAL : RB_EINVALID;
    }
    for (int k = 0; st == RB_OK && k < n; k++) {
      rb_eng_reduce_rep(en, S, buf + (size_t)k * en->L.size, r0 + k, res);
    }
    if (st == RB_OK && opts != NULL && opts->progress != NULL) {
      opts->progress(opts->progress_ctx, r0 + n, en->R);
    }
  }
  free(buf);
  return st;
}

/* After the run: the threads' counts merged, the stochastic run's
 * exposure folded into items once, and the statistics. */
static rb_status after_run(rb_results *res, const rb_eng *en, rb_eng_sums *S,
                           const rb_eng_ws *wss, int nt) {
  rb_eng_counts k;
  memset(&k, 0, sizeof k);
  rb_status st = rb_eng_counts_merge(&k, en, wss, nt);
  if (st == RB_OK && the_dist != NULL) {
    st = rb_eng_counts_share(&k, en, the_dist);
  }
  if (st == RB_OK && !en->psa) {
    rb_eng_exposure_runs(en, k.E); /* psa: each replication's, folded */
    for (int ga_i = 0; ga_i < en->GA; ga_i++) {
      rb_eng_fold_exposure(en, en->base, k.E + en->e_off[ga_i], ga_i, S->items,
                           S->yearly, S->ky);
    }
  }
  if (st == RB_OK) {
    st = rb_eng_finalize(res, en, S, &k);
  }
  rb_eng_counts_free(&k);
  return st;
}

/* The base model compiled with @p values, and the run's tables beside it;
 * an amount not finite named in @p d. */
static rb_status engine_model(rb_eng *en, rb_model *base, const double *values,
                              rb_diag *d) {
  rb_status st = rb_model_alloc(base, en->sc);
  if (st == RB_OK) {
    st = rb_model_compile(base, values);
    if (st != RB_OK) {
      rb_model_check(base, d);
    }
  }
  return st == RB_OK ? engine_init(en, base) : st;
}

/* ---- runs that share work (rb_engine_saving_shared) ---------------------- */

struct rb_engine_share {
  bool filled; /**< the first run is in */
  const rb_scenario *sc;
  uint64_t seed;
  int R, G, A, H;
  rb_model model; /**< the first run's, its values' address not kept */
  double *tot;    /**< [r][gi][disc][p][arm] (rb_eng_share_index) */
  bool *same;     /**< [G] the groups the current run leaves out */
  int simulated;  /**< the groups the last run simulated */
};

rb_engine_share *rb_engine_share_new(void) {
  return calloc(1, sizeof(rb_engine_share));
}

void rb_engine_share_free(rb_engine_share *s) {
  if (s == NULL) {
    return;
  }
  rb_model_free(&s->model);
  free(s->tot);
  free(s->same);
  free(s);
}

/* The run @p en with @p share: the first fills it, a later one of the same
 * scenario, seed and replications leaves out the groups whose compiled
 * tables (@p m) are the first run's.  A run whose groups depend on each
 * other (the planner's limit; pools: rb_model_groups_same), a re-forecast
 * or a psa run simulates every group and leaves the share as it is. */
static rb_status share_begin(rb_engine_share *share, rb_eng *en,
                             const rb_model *m) {
  share->simulated = en->G;
  if (en->psa || en->start != NULL || en->trace != NULL || en->limit > 0 ||
      !en->cohort_only) {
    return RB_OK;
  }
  if (!share->filled) {
    free(share->tot);
    free(share->same);
    share->same = calloc((size_t)en->G + 1, sizeof *share->same);
    share->tot = rb_eng_zalloc(rb_eng_share_index(en, en->R, 0, 0, 0, 0) + 1,
                               sizeof *share->tot);
    if (share->tot == NULL || share->same == NULL) {
      return RB_ENOMEM;
    }
    en->share_tot = share->tot;
    en->share_fill = true;
    return RB_OK;
  }
  if (share->sc != en->sc || share->seed != en->seed || share->R != en->R ||
      share->G != en->G || share->A != en->A || share->H != en->H) {
    return RB_OK;
  }
  (void)rb_model_groups_same(share->same, &share->model, m);
  for (int gi = 0; gi < en->G; gi++) {
    share->simulated -= share->same[gi];
  }
  en->skip = share->same;
  en->share_tot = share->tot;
  return RB_OK;
}

/* After the first run's success: its model kept in @p share (moved out of
 * @p m). */
static void share_end(rb_engine_share *share, const rb_eng *en, rb_model *m) {
  if (!en->share_fill) {
    return;
  }
  share->filled = true;
  share->sc = en->sc;
  share->seed = en->seed;
  share->R = en->R;
  share->G = en->G;
  share->A = en->A;
  share->H = en->H;
  share->model = *m;
  share->model.v = NULL;
  memset(m, 0, sizeof *m);
}

static rb_status engine_run_start(rb_results *res, const rb_scenario *sc,
                                  const rb_run_opts *opts, const double *values,
                                  bool psa, const rb_eng_start *start,
                                  rb_engine_share *share) {
  const int nt =
      opts != NULL && opts->threads > 0 ? opts->threads : omp_get_num_procs();
  rb_diag *d = opts != NULL ? opts->diag : NULL;
  const size_t limit = opts != NULL && opts->max_memory > 0
                           ? opts->max_memory
                           : RB_ENGINE_MAX_MEMORY;
  rb_eng en;
  rb_model base;
  rb_eng_sums S;
  rb_eng_ws *wss = NULL;
  memset(res, 0, sizeof *res);
  memset(&base, 0, sizeof base);
  memset(&S, 0, sizeof S);
  rb_eng_dims(&en, sc, opts, psa);
  en.start = start;
  rb_status st = rb_eng_admit(&en, nt, limit, d);
  if (st == RB_OK) {
    st = engine_model(&en, &base, values, d);
  }
  if (st == RB_OK && share != NULL) {
    st = share_begin(share, &en, &base);
  }
  if (st == RB_OK) {
    st = rb_eng_results_alloc(res, &en, nt);
  }
  if (st == RB_OK) {
    st = rb_eng_sums_alloc(&S, &en);
  }
  if (st == RB_OK) {
    wss = workspaces_alloc(&en, nt);
    st = wss != NULL ? RB_OK : RB_ENOMEM;
  }
  if (st == RB_OK) {
    st = run_replications(&en, wss, nt, &S, res, opts);
  }
  if (st == RB_OK) {
    st = after_run(res, &en, &S, wss, nt);
  }
  if (st == RB_OK) {
    st = rb_eng_check_results(res, &en, d);
  }
  if (st == RB_OK && share != NULL) {
    share_end(share, &en, &base);
  }
  workspaces_free(wss, nt);
  rb_eng_sums_free(&S);
  engine_free(&en);
  rb_model_free(&base);
  if (st != RB_OK) {
    rb_results_free(res);
  }
  return st;
}

static rb_status engine_run(rb_results *res, const rb_scenario *sc,
                            const rb_run_opts *opts, const double *values,
                            bool psa) {
  return engine_run_start(res, sc, opts, values, psa, NULL, NULL);
}

/* ---- the public entry points --------------------------------------------- */

rb_status rb_engine_run_values(rb_results *out, const rb_scenario *sc,
                               const rb_run_opts *opts, const double *values) {
  /* A library never lets GSL abort its caller's process. */
  gsl_set_error_handler_off();
  return engine_run(out, sc, opts, values, false);
}

rb_status rb_engine_saving_shared(rb_stats saving[RB_DISC_COUNT][RB_P_COUNT],
                                  int *threads, int *simulated,
                                  const rb_scenario *sc,
                                  const rb_run_opts *opts, const double *values,
                                  rb_engine_share *share) {
  gsl_set_error_handler_off();
  rb_run_opts o = {0};
  if (opts != NULL) {
    o = *opts;
  }
  o.cohort_only = true;
  rb_results res;
  rb_status st = engine_run_start(&res, sc, &o, values, false, NULL, share);
  if (st != RB_OK) {
    return st;
  }
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      saving[disc][p] = res.all.persp[disc][p].saving;
    }
  }
  if (threads != NULL) {
    *threads = res.threads;
  }
  if (simulated != NULL) {
    *simulated = share != NULL ? share->simulated : sc->n_groups;
  }
  rb_results_free(&res);
  return RB_OK;
}

rb_status rb_engine_run(rb_results *out, const rb_scenario *sc,
                        const rb_run_opts *opts) {
  gsl_set_error_handler_off();
  memset(out, 0, sizeof *out);
  double *v = calloc((size_t)sc->n_params + 1, sizeof *v);
  if (v == NULL) {
    return RB_ENOMEM;
  }
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  rb_status st = engine_run(out, sc, opts, v, sc->info.mode == RB_MODE_PSA);
  free(v);
  return st;
}

rb_status rb_engine_trace(const rb_scenario *sc, uint64_t seed, int replication,
                          int arm, rb_trace_fn fn, void *ctx, rb_diag *diag) {
  gsl_set_error_handler_off();
  if (fn == NULL || replication < 0 || arm < 0 || arm >= sc->n_arms) {
    return RB_EINTERNAL;
  }
  double *v = calloc((size_t)sc->n_params + 1, sizeof *v);
  if (v == NULL) {
    return RB_ENOMEM;
  }
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  rb_run_opts o = {.replications = replication + 1,
                   .threads = 1,
                   .seed_given = true,
                   .seed = seed,
                   .diag = diag};
  rb_eng en;
  rb_model base;
  memset(&base, 0, sizeof base);
  rb_eng_dims(&en, sc, &o, sc->info.mode == RB_MODE_PSA);
  /* Months of citizens run month by month come interleaved: collected
   * and given in citizen order. */
  const bool collect = sc->n_pools > 0 || en.limit > 0;
  rb_eng_trace_buf buf = {NULL, 0, 0, false};
  rb_eng_trace tr = {arm, collect ? rb_eng_trace_collect : fn,
                     collect ? (void *)&buf : ctx};
  rb_status st = rb_eng_admit(&en, 1, RB_ENGINE_MAX_MEMORY, diag);
  if (st == RB_OK) {
    st = engine_model(&en, &base, v, diag);
  }
  rb_eng_ws *ws = st == RB_OK ? workspaces_alloc(&en, 1) : NULL;
  double *out = ws != NULL ? malloc(en.L.size * sizeof *out) : NULL;
  if (st == RB_OK && out == NULL) {
    st = RB_ENOMEM;
  }
  if (st == RB_OK) {
    en.trace = &tr;
    rb_eng_replication(&en, ws, replication, out);
    st = ws->bad_rep >= 0 ? RB_EINVALID : RB_OK;
  }
  if (collect) {
    rb_status s2 = rb_eng_trace_replay(&buf, fn, ctx);
    st = st == RB_OK ? s2 : st;
  }
  free(out);
  workspaces_free(ws, 1);
  engine_free(&en);
  rb_model_free(&base);
  free(v);
  return st;
}

/* The states by citizen; RB_EINVALID for one out of range or twice. */
static rb_status start_index(rb_eng_start *s, int *first,
                             const rb_start_state **by, const rb_scenario *sc,
                             int as_of, const rb_start_state *states, int n) {
  int k = 0;
  for (int g = 0; g < sc->n_groups; g++) {
    first[g] = k;
    k += sc->groups[g].size;
  }
  for (int j = 0; j < n; j++) {
    const rb_start_state *x = &states[j];
    if (x->group < 0 || x->group >= sc->n_groups || x->citizen < 0 ||
        x->citizen >= sc->groups[x->group].size || x->entry < 0 ||
        x->entry >= as_of || x->housing < 0 || x->housing >= RB_H_COUNT ||
        x->activity < 0 || x->activity >= RB_A_COUNT ||
        x->months_in_state < 0 || x->months_in_state > RB_MAX_MONTHS ||
        ((x->housing == RB_H_SUBSIDISED || x->housing == RB_H_ORDINARY) &&
         !(x->rent > 0.0 && x->rent <= RB_MAX_AMOUNT)) ||
        by[first[x->group] + x->citizen] != NULL) {
      return RB_EINVALID;
    }
    by[first[x->group] + x->citizen] = x;
  }
  s->as_of = as_of;
  s->first = first;
  s->by_citizen = by;
  return RB_OK;
}

rb_status rb_engine_run_from(rb_results *out, const rb_scenario *sc,
                             const rb_run_opts *opts, int as_of,
                             const rb_start_state *states, int n) {
  gsl_set_error_handler_off();
  memset(out, 0, sizeof *out);
  long long citizens = 0;
  for (int g = 0; g < sc->n_groups; g++) {
    citizens += sc->groups[g].size;
  }
  int *first = calloc((size_t)sc->n_groups + 1, sizeof *first);
  const rb_start_state **by = calloc((size_t)citizens + 1, sizeof *by);
  double *v = calloc((size_t)sc->n_params + 1, sizeof *v);
  rb_status st = first && by && v ? RB_OK : RB_ENOMEM;
  rb_eng_start s;
  if (st == RB_OK && (as_of < 0 || as_of >= sc->info.horizon_months)) {
    st = RB_EINVALID;
  }
  if (st == RB_OK) {
    st = start_index(&s, first, by, sc, as_of, states, n);
  }
  for (int i = 0; st == RB_OK && i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  if (st == RB_OK) {
    st = engine_run_start(out, sc, opts, v, sc->info.mode == RB_MODE_PSA,
                          n > 0 ? &s : NULL, NULL);
  }
  free(first);
  free(by);
  free(v);
  return st;
}

const char *rb_engine_rng_name(void) {
  return RB_RNG_NAME;
}

rb_status rb_engine_parallel_for(int n, int threads,
                                 rb_status (*fn)(void *ctx, int i), void *ctx) {
  int bad = n; /* the lowest i that failed */
  rb_status bad_st = RB_OK;
  const int nt = threads > 1 ? threads : 1;
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) default(none)    \
    shared(n, fn, ctx, bad, bad_st)
  for (int i = 0; i < n; i++) {
    rb_status st = fn(ctx, i);
    if (st != RB_OK) {
#pragma omp critical(rb_parallel_for)
      if (i < bad) {
        bad = i;
        bad_st = st;
      }
    }
  }
  return bad_st;
}
