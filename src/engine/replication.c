/* One replication: every citizen of the cohort, group by group, into the
 * replication's own buffer (in psa mode with the replication's own draw of
 * the uncertain values), then the housing benefit and the rent subsidy
 * into the perspectives. */
#include "engine/clocks.h"
#include "engine/engine_internal.h"
#include "rng/rng.h"

#include <stdlib.h>
#include <string.h>

/* The cell-based amounts of one item slot of garm @p ga_i: the item's
 * amount @p x times the exposure of the cell in each budget year. */
static void fold_years(const rb_eng *en, int ga_i, int item, int slot,
                       rb_kind kind, double x, const double *ny_buf,
                       double *yearly, double *ky) {
  if (slot >= RB_PAYER_COUNT || kind == RB_KIND_PRODUCTION) {
    return;
  }
  const int arm = ga_i % en->A;
  const int gi = ga_i / en->A;
  const int col = rb_eng_yearly_col(kind);
  for (int y = 0; y < en->n_years; y++) {
    if (ny_buf[y] != 0.0) {
      yearly[rb_yearly_index(en->n_years, arm, y, slot, col)] += x * ny_buf[y];
      if (en->K > 0) {
        ky[rb_eng_ky_index(en, gi, arm, item, y, slot)] += x * ny_buf[y];
      }
    }
  }
}

/* The exposure of one cell: its citizen-months discounted and not, and per
 * budget year. */
typedef struct cell_sums {
  double n_disc, n_all;
  double ny[RB_ENG_MAX_YEARS];
} cell_sums;

/* Month @p t's count @p n into @p cs (a month without one adds nothing). */
static inline void sums_add(cell_sums *cs, const rb_model *m, int t, double n) {
  if (n != 0.0) {
    cs->n_disc += n * m->df[t];
    cs->n_all += n;
    cs->ny[m->year_of[t]] += n;
  }
}

/* The cell-based items of cell @p cell of garm @p ga_i from its exposure
 * @p cs, as rb_eng_fold_exposure. */
static void fold_sums(const rb_eng *en, const rb_model *m, const cell_sums *cs,
                      int ga_i, int cell, double *items, double *yearly,
                      double *ky) {
  if (cs->n_all == 0.0) {
    return;
  }
  const rb_garm *ga = &m->ga[ga_i];
  const double *amt = ga->item_amt + rb_model_amt_index(ga, cell);
  for (int k = 0; k < ga->n_used; k++) {
    const int i = ga->used[k];
    for (int p = 0; p < RB_PAYER_SLOTS; p++) {
      double x = amt[(size_t)k * RB_PAYER_SLOTS + (size_t)p];
      if (x == 0.0) {
        continue;
      }
      items[rb_items_index(en->n_items, 0, i, p, RB_DISC)] += x * cs->n_disc;
      items[rb_items_index(en->n_items, 0, i, p, RB_UNDISC)] += x * cs->n_all;
      fold_years(en, ga_i, i, p, ga->used_kind[k], x, cs->ny, yearly, ky);
    }
  }
}

/* The realisable share's correction (cohort.c, book_realisable_arm) of
 * real item @p j of garm @p gj, amount @p x a month of exposure @p cs, on
 * the kommune: its items (@p items: every garm's), budget years and
 * kommune years, as a one-off booking of each month would. */
static void real_sums(const rb_eng *en, const rb_model *m, const cell_sums *cs,
                      int gj, int j, double x, double *items, double *yearly,
                      double *ky) {
  if (x == 0.0) {
    return;
  }
  const rb_garm *ga = &m->ga[gj];
  const int k = ga->real_k[j], i = ga->used[k];
  double *it = items + rb_eng_items_index(en, gj, i, RB_PAYER_KOMMUNE, 0);
  it[rb_items_index(en->n_items, 0, 0, 0, RB_DISC)] += x * cs->n_disc;
  it[rb_items_index(en->n_items, 0, 0, 0, RB_UNDISC)] += x * cs->n_all;
  fold_years(en, gj, i, RB_PAYER_KOMMUNE, ga->used_kind[k], x, cs->ny, yearly,
             ky);
}

/* The realisable share's corrections that the exposure @p cs of cell
 * @p cell of garm @p ga_i carries: (1 − s)·(x_b − x_i) a month, x the real
 * item's amount in the cell of each arm (cohort.c, book_realisable_arm),
 * is −(1 − s)·x_i for each month of the intervention's citizen in its
 * cell and +(1 − s)·x_b, booked to every other arm of the same group, for
 * each month of the reference's citizen in its cell. */
static void fold_real(const rb_eng *en, const rb_model *m, const cell_sums *cs,
                      int ga_i, int cell, double *items, double *yearly,
                      double *ky) {
  if (!m->any_real || cs->n_all == 0.0 || en->A <= RB_ARM_BASELINE) {
    return; /* one arm: nothing to book against (model/netclock.h) */
  }
  const int gi = ga_i / en->A, arm = ga_i % en->A;
  if (arm != RB_ARM_BASELINE) {
    const rb_garm *ga = &m->ga[ga_i];
    for (int j = 0; j < ga->n_real; j++) {
      const double x = -(1.0 - ga->real_share[j]) *
                       rb_clk_cell_total(ga, ga->real_k[j], cell);
      real_sums(en, m, cs, ga_i, j, x, items, yearly, ky);
    }
    return;
  }
  const rb_garm *gb = &m->ga[ga_i];
  for (int a = 0; a < en->A; a++) {
    if (a == RB_ARM_BASELINE) {
      continue;
    }
    const int gj = rb_eng_garm(en, gi, a);
    const rb_garm *ga = &m->ga[gj];
    for (int j = 0; j < ga->n_real; j++) {
      const int kb = ga->real_kb[j];
      if (kb >= 0) {
        const double x =
            (1.0 - ga->real_share[j]) * rb_clk_cell_total(gb, kb, cell);
        real_sums(en, m, cs, gj, j, x, items, yearly, ky);
      }
    }
  }
}

/* The cell-based items of cell @p cell of garm @p ga_i from its row of
 * exposure counts @p row (H months), as rb_eng_fold_exposure. */
static void fold_cell(const rb_eng *en, const rb_model *m, const double *row,
                      int ga_i, int cell, double *items, double *yearly,
                      double *ky) {
  cell_sums cs = {0};
  for (int t = 0; t < en->H; t++) {
    sums_add(&cs, m, t, row[t]);
  }
  fold_sums(en, m, &cs, ga_i, cell,
            items + rb_eng_items_index(en, ga_i, 0, 0, RB_DISC), yearly, ky);
  fold_real(en, m, &cs, ga_i, cell, items, yearly, ky);
}

void rb_eng_fold_exposure(const rb_eng *en, const rb_model *m, const double *E,
                          int ga_i, double *items, double *yearly, double *ky) {
  for (int cell = 0; cell < m->ga[ga_i].ncell; cell++) {
    fold_cell(en, m, E + (size_t)cell * (size_t)en->H, ga_i, cell, items,
              yearly, ky);
  }
}

rb_status rb_eng_draw_model(const rb_eng *en, rb_eng_ws *ws, int r) {
  rb_rng_psa_reset(ws->rng, en->seed, (uint64_t)r);
  rb_params_draw(ws->v, en->sc, ws->rng);
  return rb_model_compile(&ws->model, ws->v);
}

/* One row of exposure counts (@p H months) from its runs to counts. */
static void row_runs(double *row, size_t H) {
  for (size_t t = 1; t < H; t++) {
    row[t] += row[t - 1];
  }
}

void rb_eng_exposure_runs(const rb_eng *en, double *E) {
  const size_t H = (size_t)en->H;
  for (size_t row = 0; row + H <= en->e_size; row += H) {
    row_runs(E + row, H);
  }
}

static int row_cmp(const void *a, const void *b) {
  const int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* psa: the amounts differ per replication, so fold the exposure now and
 * keep the totals for the thread's occupancy.  Only the rows booked in
 * this replication (rb_eng_ws.rows) can hold a count: they are folded in
 * the order of the cells, as rb_eng_fold_exposure folds every row (the
 * others add nothing), then cleared. */
static void fold_replication(const rb_eng *en, const rb_model *m, rb_eng_ws *ws,
                             double *out) {
  const size_t H = (size_t)en->H;
  qsort(ws->rows, (size_t)ws->n_rows, sizeof *ws->rows, row_cmp);
  int ga_i = 0;
  for (int k = 0; k < ws->n_rows; k++) {
    const size_t row = (size_t)ws->rows[k] * H;
    while (en->e_off[ga_i + 1] <= row) {
      ga_i++;
    }
    /* One pass over the row: its runs summed to counts (as row_runs sums
     * them), each month's count added to the thread's totals and to the
     * cell's exposure, the row cleared. */
    double *E = ws->E + row, *Et = ws->Etot + row;
    cell_sums cs = {0};
    double n = 0.0;
    for (size_t t = 0; t < H; t++) {
      n += E[t];
      E[t] = 0.0;
      Et[t] += n;
      sums_add(&cs, m, (int)t, n);
    }
    const int cell = (int)((row - en->e_off[ga_i]) / H);
    fold_sums(en, m, &cs, ga_i, cell,
              out + en->L.items + rb_eng_items_index(en, ga_i, 0, 0, RB_DISC),
              out + en->L.yearly, out + en->L.ky);
    fold_real(en, m, &cs, ga_i, cell, out + en->L.items, out + en->L.yearly,
              out + en->L.ky);
    ws->seen[ws->rows[k]] = 0;
  }
  ws->n_rows = 0;
}

/* Housing benefit and rent subsidy into the perspectives. */
static void benefits_into_perspectives(const rb_eng *en, const rb_model *m,
                                       double *out) {
  for (int ga_i = 0; ga_i < en->GA; ga_i++) {
    const double *share = m->ga[ga_i].hb_share;
    for (int t = 0; t < en->H; t++) {
      const double hb = out[en->L.hbm + rb_eng_garm_t_index(en, ga_i, t)];
      const double sub = out[en->L.subm + rb_eng_garm_t_index(en, ga_i, t)];
      double *mg = out + en->L.mg;
      double pub = hb + sub;
      mg[rb_eng_mg_index(en, ga_i, RB_P_KOMMUNE, t)] +=
          share[RB_PAYER_KOMMUNE] * hb + sub * (1.0 - m->ga[ga_i].sub_state);
      mg[rb_eng_mg_index(en, ga_i, RB_P_PUBLIC, t)] += pub;
      mg[rb_eng_mg_index(en, ga_i, RB_P_SOCIETAL, t)] += m->mcpf * pub;
    }
  }
}

/* Every citizen of replication @p r: the groups without pools citizen by
 * citizen, then the pooled groups month by month. */
static void cohort(const rb_eng_rep *c, int r) {
  const rb_scenario *sc = c->en->sc;
  for (int gi = 0; gi < sc->n_groups; gi++) {
    const rb_group *g = &sc->groups[gi];
    if (c->en->skip != NULL && c->en->skip[gi]) {
      continue; /* rb_engine_saving_shared: the first run's totals */
    }
    for (int i = 0; !rb_eng_group_pooled(sc, gi) && i < g->size; i++) {
      const rb_start_state *ss = rb_eng_start_of(c->en, gi, i);
      rb_eng_citizen(c, gi, i,
                     ss != NULL ? ss->entry : rb_eng_entry_month(g, i),
                     (uint64_t)r);
    }
  }
  if (sc->n_pools > 0) {
    rb_eng_pools_replication(c, (uint64_t)r, false); /* the pooled groups */
  }
}

/* The thread's counters E, ED, cnt and pcnt, and their sizes. */
static void counters(const rb_eng *en, rb_eng_ws *ws, double **x[4],
                     size_t n[4]) {
  x[0] = &ws->E;
  x[1] = &ws->ED;
  x[2] = &ws->cnt;
  x[3] = &ws->pcnt;
  n[0] = en->e_size;
  n[1] = (size_t)en->GA * RB_ENG_GONE * (size_t)en->H;
  n[2] = (size_t)en->GA * C_COUNT;
  n[3] = rb_eng_pcnt_size(en);
}

/* The replication's own counters @p x (sizes @p n) zero. */
static void fresh_pass_counters(double **x[4], const size_t n[4]) {
  for (int k = 0; k < 4; k++) {
    if (n[k] > 0) {
      memset(*x[k], 0, n[k] * sizeof **x[k]);
    }
  }
}

/* The replication's buffer from scratch (its discount factors and psa
 * values as at its start) and its own counters zero. */
static void fresh_pass(const rb_eng_rep *c) {
  const rb_eng *en = c->en;
  memset(c->out, 0, en->L.size * sizeof *c->out);
  memcpy(c->out + en->L.df, c->m->df, (size_t)en->H * sizeof *c->out);
  double **x[4];
  size_t n[4];
  counters(en, c->ws, x, n);
  fresh_pass_counters(x, n);
  for (int k = 0; en->psa && k < en->n_drawn; k++) {
    c->out[en->L.drawn + (size_t)k] = c->ws->v[en->drawn_param[k]];
  }
}

/* The planner's limit (subsidy.limit_citizens, docs/model.md): the
 * replication as without it, counting each kommune's and arm's subsidised
 * citizens per month (new ones included); only where the count goes above
 * the limit is it run again, every citizen month by month with the limit
 * applied.  A limit that never binds leaves every number as without it.
 * Its counts are the replication's own until it is done, then added to
 * the thread's (integers: exact in any order). */
static void limited_cohort(const rb_eng_rep *c, int r) {
  const rb_eng *en = c->en;
  rb_eng_ws *ws = c->ws;
  double **x[4];
  size_t n[4];
  counters(en, ws, x, n);
  double *keep[4];
  for (int k = 0; k < 4; k++) {
    keep[k] = *x[k];
    *x[k] = ws->scr[k];
  }
  const size_t nl = (size_t)en->KL * (size_t)en->A * (size_t)en->H;
  memset(ws->lim_cnt, 0, nl * sizeof *ws->lim_cnt);
  memcpy(c->out + en->L.df, c->m->df, (size_t)en->H * sizeof *c->out);
  fresh_pass_counters(x, n);
  ws->lim_mode = RB_LIM_COUNT;
  cohort(c, r);
  bool binds = false;
  for (size_t i = 0; i < nl && !binds; i++) {
    binds = ws->lim_cnt[i] > (double)en->limit;
  }
  if (binds) {
    if (en->trace != NULL) {
      /* rb_engine_trace collects a run with the limit (engine.c): the
       * rows of the first pass are dropped. */
      ((rb_eng_trace_buf *)en->trace->ctx)->n = 0;
    }
    fresh_pass(c);
    memset(ws->lim_cnt, 0, nl * sizeof *ws->lim_cnt); /* months it binds */
    ws->lim_mode = RB_LIM_APPLY;
    rb_eng_pools_replication(c, (uint64_t)r, true);
    for (size_t i = 0; i < nl; i++) {
      ws->lcnt[2 * i] += ws->lim_cnt[i];
    }
    ws->lcnt[rb_eng_lcnt_size(en) - 1] += 1.0;
  }
  ws->lim_mode = RB_LIM_NONE;
  for (int k = 0; k < 4; k++) {
    for (size_t i = 0; i < n[k]; i++) {
      keep[k][i] += (*x[k])[i];
    }
    *x[k] = keep[k];
  }
}

void rb_eng_replication(const rb_eng *en, rb_eng_ws *ws, int r, double *out) {
  const rb_model *m = en->base;
  memset(out, 0, en->L.size * sizeof *out);
  if (en->psa) {
    if (rb_eng_draw_model(en, ws, r) != RB_OK) {
      ws->bad_rep = ws->bad_rep < 0 || r < ws->bad_rep ? r : ws->bad_rep;
      return;
    }
    m = &ws->model;
    for (int k = 0; k < en->n_drawn; k++) {
      out[en->L.drawn + (size_t)k] = ws->v[en->drawn_param[k]];
    }
  }
  rb_eng_rep c = {en, m, ws, out, NULL};
  if (en->limit > 0) {
    limited_cohort(&c, r);
  } else {
    memcpy(out + en->L.df, m->df, (size_t)en->H * sizeof *out);
    cohort(&c, r);
  }
  if (en->psa) {
    fold_replication(en, m, ws, out);
  }
  benefits_into_perspectives(en, m, out);
}
