/* The month-major path (docs/model.md, "Pools"): the citizens of the
 * groups whose flats come from pools share those flats, so one replication
 * steps them month by month, all of them, in every arm: each month every
 * citizen's start (the month booked and its housing event), then each
 * pool's arriving flats offered in the pool's order to the citizens who
 * can take them, then every citizen's rest of the month.  A replication is
 * sequential, so results do not depend on the threads. */
#include "engine/engine_internal.h"
#include "rng/rng.h"

#include <stdlib.h>
#include <string.h>

/* A candidate for a pool's flat: its months waiting and its index in
 * enrolment order (groups in order, citizens in order). */
typedef struct cand {
  int wait, k;
} cand;

/* A thread's workspace: one rb_eng_cit per citizen of the pooled groups
 * (allocated once, reused by every replication), the month's rents of one
 * pool and the candidates for its flats. */
typedef struct rb_eng_pools_ws {
  int n;         /* citizens it may hold */
  int n_run;     /* citizens of this replication's month-major run */
  size_t stride; /* bytes of one rb_eng_cit */
  char *cit;     /* [n] rb_eng_cit */
  int *gi;       /* [n] the citizen's group */
  int *entry;    /* [n] its entry month */
  double *rent;  /* [RB_MAX_POOL_FLATS] the month's rents of one pool */
  int *ridx;     /* [RB_MAX_POOL_FLATS] their discrete indices, or −1 */
  cand *cand;    /* [n] the candidates of one pool and arm */
} rb_eng_pools_ws;

static rb_eng_cit *cit_at(const rb_eng_pools_ws *p, int k) {
  return (rb_eng_cit *)(void *)(p->cit + (size_t)k * p->stride);
}

/* Does group @p gi run month by month (@p all: every group does)? */
static bool month_major(const rb_scenario *sc, int gi, bool all) {
  return all || rb_eng_group_pooled(sc, gi);
}

/* The citizens the month-major path may hold: with the planner's limit
 * every citizen (a replication it binds runs all of them month by month),
 * else those of the pooled groups. */
static int pooled_citizens(const rb_eng *en) {
  const rb_scenario *sc = en->sc;
  int n = 0;
  for (int gi = 0; gi < sc->n_groups; gi++) {
    n += month_major(sc, gi, en->limit > 0) ? sc->groups[gi].size : 0;
  }
  return n;
}

double rb_eng_pools_ws_bytes(const rb_eng *en) {
  if (en->sc->n_pools == 0 && en->limit == 0) {
    return 0.0;
  }
  const double n = (double)pooled_citizens(en);
  return n * ((double)rb_eng_cit_size() + 2.0 * sizeof(int) + sizeof(cand)) +
         RB_MAX_POOL_FLATS * (sizeof(double) + sizeof(int)) +
         (double)rb_eng_pcnt_size(en) * sizeof(double);
}

rb_status rb_eng_pools_ws_alloc(rb_eng_ws *w, const rb_eng *en) {
  if (en->sc->n_pools == 0 && en->limit == 0) {
    return RB_OK;
  }
  const size_t np = rb_eng_pcnt_size(en);
  w->pcnt = np > 0 ? rb_eng_zalloc(np, sizeof *w->pcnt) : NULL;
  rb_eng_pools_ws *p = rb_eng_zalloc(1, sizeof *p);
  w->pools = p;
  if (p == NULL || (np > 0 && w->pcnt == NULL)) {
    return RB_ENOMEM;
  }
  p->n = pooled_citizens(en);
  p->stride = rb_eng_cit_size();
  const size_t n = p->n > 0 ? (size_t)p->n : 1;
  p->cit = malloc(n * p->stride);
  p->gi = malloc(n * sizeof *p->gi);
  p->entry = malloc(n * sizeof *p->entry);
  p->rent = malloc(RB_MAX_POOL_FLATS * sizeof *p->rent);
  p->ridx = malloc(RB_MAX_POOL_FLATS * sizeof *p->ridx);
  p->cand = malloc(n * sizeof *p->cand);
  if (p->cit == NULL || p->gi == NULL || p->entry == NULL || p->rent == NULL ||
      p->cand == NULL) {
    return RB_ENOMEM;
  }
  return RB_OK;
}

void rb_eng_pools_ws_free(rb_eng_ws *w) {
  rb_eng_pools_ws *p = w->pools;
  if (p != NULL) {
    free(p->cit);
    free(p->gi);
    free(p->entry);
    free(p->rent);
    free(p->ridx);
    free(p->cand);
    free(p);
  }
  free(w->pcnt);
  w->pools = NULL;
  w->pcnt = NULL;
}

/* Longest waiting first, ties in enrolment order: a total order. */
static int by_wait(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->wait != y->wait) {
    return x->wait > y->wait ? -1 : 1;
  }
  return (x->k > y->k) - (x->k < y->k);
}

/* The candidates for pool @p pi's flats in @p arm in month @p t, in the
 * pool's order. @return how many. */
static int candidates(const rb_eng *en, rb_eng_pools_ws *p, int pi, int arm,
                      int t) {
  const rb_pool *pool = &en->sc->pools[pi];
  int nc = 0;
  for (int k = 0; k < p->n_run; k++) {
    const unsigned bits =
        en->sc->groups[p->gi[k]].arm[RB_ARM_INTERVENTION].flats.pools;
    if (t < p->entry[k] || (bits & (1u << pi)) == 0) {
      continue;
    }
    const int wait =
        rb_eng_cit_waiting(cit_at(p, k), arm, pool->homeless, pool->activity);
    if (wait >= 0) {
      p->cand[nc++] = (cand){wait, k};
    }
  }
  if (pool->order == RB_ORDER_LONGEST_WAITING && nc > 1) {
    qsort(p->cand, (size_t)nc, sizeof *p->cand, by_wait);
  }
  return nc;
}

/* Pool @p pi's @p n flats of month @p t in @p arm: each place in turn
 * (a flat, or each of a shared flat's tenants' places) to the candidates
 * in order, the first who takes it has it (and leaves the list); a place
 * no one takes is returned.  The counts are places. */
static void offer_flats(const rb_eng_rep *c, rb_eng_pools_ws *p, int pi,
                        int arm, int n, int t) {
  const rb_eng *en = c->en;
  const rb_pool_m *pm = &c->m->pools[pi];
  const bool almene = pm->scheme_any;
  const int places = pm->tenants > 1 ? pm->tenants : 1;
  int nc = candidates(en, p, pi, arm, t);
  double *cnt = c->ws->pcnt + rb_eng_pcnt_index(en, pi, arm, t, 0);
  cnt[RB_POOL_ARRIVED] += (double)(n * places);
  for (int q = 0; q < n * places; q++) {
    const int j = q / places;
    int taken = 0, at = 0;
    for (; at < nc && taken == 0; at++) {
      const int k = p->cand[at].k;
      rb_pool_rows rows;
      if (p->ridx[j] >= 0) {
        rows = rb_pool_rows_of(pm, rb_eng_garm(en, p->gi[k], arm), p->ridx[j]);
      }
      taken = rb_eng_cit_offer(c, cit_at(p, k), arm, p->rent[j], pm->tenants,
                               p->ridx[j] >= 0 ? &rows : NULL, almene, t);
    }
    if (taken == 0) {
      cnt[RB_POOL_RETURNED] += 1.0;
      continue;
    }
    cnt[taken == 1 ? RB_POOL_ORDINARY : RB_POOL_SUBSIDISED] += 1.0;
    /* The taker (at − 1) leaves the list, the order kept. */
    memmove(p->cand + at - 1, p->cand + at,
            (size_t)(nc - at) * sizeof *p->cand);
    nc--;
  }
}

/* Pool @p pi's month @p t: its arrivals and their rents from the pool's
 * own stream, the same in every arm, offered in every arm. */
static void pool_month(const rb_eng_rep *c, rb_eng_pools_ws *p, int pi,
                       uint64_t rep, int t) {
  const rb_eng *en = c->en;
  const rb_pool_m *pm = &c->m->pools[pi];
  double u[4];
  rb_rng_pool_u4(u, en->seed, rep, (uint32_t)pi, 0, (uint32_t)t);
  const int n = rb_pool_arrivals(pm->rate[t], u[0]);
  for (int j = 0; j < n; j++) {
    rb_rng_pool_u4(u, en->seed, rep, (uint32_t)pi, (uint32_t)j + 1,
                   (uint32_t)t);
    p->rent[j] = rb_pool_rent_draw(pm, u[0], &p->ridx[j]);
  }
  for (int arm = 0; arm < en->A; arm++) {
    offer_flats(c, p, pi, arm, n, t);
  }
}

/* Every citizen's entry and given start before month @p t; with the
 * planner's limit applied, the subsidised of each kommune and arm. */
static void prepare_month(const rb_eng_rep *c, rb_eng_pools_ws *p, int n,
                          uint64_t rep, int t) {
  const rb_eng *en = c->en;
  int *now = c->ws->lim_mode == RB_LIM_APPLY ? c->ws->lim_now : NULL;
  if (now != NULL) {
    memset(now, 0, (size_t)en->KL * (size_t)en->A * sizeof *now);
  }
  for (int k = 0; k < n; k++) {
    if (t < p->entry[k]) {
      continue;
    }
    const unsigned sub = rb_eng_cit_prepare(c, cit_at(p, k), rep, t);
    const int kom = en->sc->groups[p->gi[k]].kommune;
    for (int arm = 0; now != NULL && arm < en->A; arm++) {
      now[kom * en->A + arm] += (sub >> arm) & 1u;
    }
  }
}

void rb_eng_pools_replication(const rb_eng_rep *c, uint64_t rep, bool all) {
  const rb_eng *en = c->en;
  const rb_scenario *sc = en->sc;
  rb_eng_pools_ws *p = c->ws->pools;
  int k = 0;
  for (int gi = 0; gi < sc->n_groups; gi++) {
    const rb_group *g = &sc->groups[gi];
    for (int i = 0; month_major(sc, gi, all) && i < g->size; i++, k++) {
      const rb_start_state *ss = rb_eng_start_of(en, gi, i);
      p->gi[k] = gi;
      p->entry[k] = ss != NULL ? ss->entry : rb_eng_entry_month(g, i);
      rb_eng_cit_init(cit_at(p, k), gi, i, p->entry[k]);
    }
  }
  const int n = k;
  p->n_run = n;
  for (int t = 0; t < en->H; t++) {
    prepare_month(c, p, n, rep, t);
    for (k = 0; k < n; k++) {
      if (t >= p->entry[k]) {
        rb_eng_cit_start(c, cit_at(p, k), rep, t);
      }
    }
    for (int pi = 0; pi < sc->n_pools; pi++) {
      pool_month(c, p, pi, rep, t);
    }
    for (k = 0; k < n; k++) {
      if (t >= p->entry[k]) {
        rb_eng_cit_end(c, cit_at(p, k), t);
      }
    }
  }
}

/* ---- rb_engine_trace() over the month-major path ------------------------ */

void rb_eng_trace_collect(void *ctx, const rb_trace_month *m) {
  rb_eng_trace_buf *b = ctx;
  if (b->oom) {
    return;
  }
  if (b->n == b->cap) {
    const size_t cap = b->cap ? 2 * b->cap : 1024;
    rb_trace_month *r = realloc(b->rows, cap * sizeof *r);
    if (r == NULL) {
      b->oom = true;
      return;
    }
    b->rows = r;
    b->cap = cap;
  }
  b->rows[b->n++] = *m;
}

/* Group, citizen, month: a total order of a replication's rows. */
static int by_citizen(const void *a, const void *b) {
  const rb_trace_month *x = a, *y = b;
  if (x->group != y->group) {
    return x->group < y->group ? -1 : 1;
  }
  if (x->citizen != y->citizen) {
    return x->citizen < y->citizen ? -1 : 1;
  }
  return (x->month > y->month) - (x->month < y->month);
}

rb_status rb_eng_trace_replay(rb_eng_trace_buf *b, rb_trace_fn fn, void *ctx) {
  rb_status st = b->oom ? RB_ENOMEM : RB_OK;
  if (st == RB_OK && b->n > 1) {
    qsort(b->rows, b->n, sizeof *b->rows, by_citizen);
  }
  for (size_t i = 0; st == RB_OK && i < b->n; i++) {
    fn(ctx, &b->rows[i]);
  }
  free(b->rows);
  memset(b, 0, sizeof *b);
  return st;
}
