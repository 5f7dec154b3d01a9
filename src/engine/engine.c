/* The Monte Carlo engine: both arms, common random numbers, every krone by
 * payer (model.md).  The only file with OpenMP pragmas. */
#include "rentbridge/engine.h"
#include "model/model.h"
#include "rentbridge/rng.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define RB_MAX_YEARS 64

/* Outcome counters per group and arm: integers, so their sums never depend
 * on the order of addition. */
enum {
  C_HOUSED = 0, /* + k for 12/24/36 */
  C_DEN = 3,    /* citizens for whom that month is in the horizon */
  C_EMP = 6,
  C_EDU = 9,
  C_RET = 12,
  C_RETDEN,
  C_RELAPSE,
  C_TAKEOVER,
  C_EXTENSION,
  C_REHOUSE,
  C_MOVEDIN,
  C_WAIT,
  C_DEATH,
  C_EXIT,
  C_SUBMONTHS,
  C_OFFERS,
  C_ACCEPTED,
  C_COUNT
};

/* Layout of one replication's output buffer. */
typedef struct layout {
  size_t mg;     /* [g][arm][p][t] net cost, undiscounted */
  size_t hbm;    /* [g][arm][t] housing benefit */
  size_t subm;   /* [g][arm][t] rent subsidy */
  size_t items;  /* [g][arm][item][slot][disc] direct items */
  size_t yearly; /* [arm][year][payer][3 kinds] direct */
  size_t df;     /* [t] the replication's discount factors */
  size_t drawn;  /* [n_drawn] psa values */
  size_t size;
} layout;

typedef struct workspace {
  double *v;      /* parameter values (psa) */
  rb_model model; /* psa: this thread's compiled model */
  gsl_rng *rng;   /* psa */
  double *E;      /* exposure counts per garm: [ncell][H] */
  double *Etot;   /* psa: E summed over this thread's replications */
  double *ED;     /* [g][arm][2][H] exited/dead counts */
  double *cnt;    /* [g][arm][C_COUNT] */
} workspace;

typedef struct engine {
  const rb_scenario *sc;
  const rb_model *base; /* compiled once (stochastic) */
  bool psa;
  uint64_t seed;
  int H, G, R, n_items, n_years;
  layout L;
  size_t *e_off; /* offset of each garm's exposure block */
  size_t e_size;
  int n_drawn;
  int *drawn_param;
} engine;

/* Citizen state in one arm. */
typedef struct cstate {
  int h, a, m;
  int first_in;      /* first month housed, −1 before */
  int waited;        /* months placed before the first move-in */
  const double *tab; /* [3 act][RB_RT_N] for the current flat */
  double own[RB_A_COUNT * RB_RT_N];
  double sfix; /* subsidy fixed at move-in */
} cstate;

static inline int spell_of(int h) {
  return h == RB_H_ORDINARY ? RB_H_SUBSIDISED : h;
}

static inline bool is_housed(int h) {
  return h == RB_H_SUBSIDISED || h == RB_H_ORDINARY;
}

/* ---- the citizen's flat ---------------------------------------------------
 */

static void flat_tables(cstate *s, const rb_model *m, const rb_garm *ga,
                        double rent, int idx) {
  if (idx >= 0) {
    s->tab = ga->rent_tab + (size_t)idx * RB_A_COUNT * RB_RT_N;
    return;
  }
  rb_flat_case f = ga->flat;
  f.rent = rent;
  for (int a = 0; a < RB_A_COUNT; a++) {
    rb_subsidy_result r;
    rb_subsidy_compute(&r, &m->sc->rules, &ga->terms, &f, &ga->inc[a], NULL);
    s->own[a * RB_RT_N + RB_RT_GAP] = r.gap;
    s->own[a * RB_RT_N + RB_RT_HB] = r.housing_benefit;
    s->own[a * RB_RT_N + RB_RT_SUB] = r.subsidy;
  }
  s->tab = s->own;
}

/* ---- booking --------------------------------------------------------------
 */

typedef struct rep_ctx {
  const engine *en;
  const rb_model *m;
  workspace *ws;
  double *out; /* the replication's output buffer */
} rep_ctx;

static void book_oneoff(const rep_ctx *c, int gi, int arm, int item,
                        rb_kind kind, double x, const double *shares, int t) {
  const engine *en = c->en;
  const rb_model *m = c->m;
  double df = m->df[t];
  double *mg = c->out + en->L.mg +
               ((size_t)(gi * RB_ARM_COUNT + arm) * RB_P_COUNT) * (size_t)en->H;
  double *it = c->out + en->L.items +
               (((size_t)(gi * RB_ARM_COUNT + arm) * (size_t)en->n_items +
                 (size_t)item) *
                RB_PAYER_SLOTS) *
                   2;
  double *yr = c->out + en->L.yearly +
               (((size_t)arm * (size_t)en->n_years + (size_t)m->year_of[t]) *
                RB_PAYER_COUNT) *
                   3;
  double kom = 0.0, pub = 0.0, res = 0.0, prod = 0.0;
  if (kind == RB_KIND_PRODUCTION) {
    it[RB_PAYER_COUNT * 2] += x * df;
    it[RB_PAYER_COUNT * 2 + 1] += x;
    prod = x;
  } else {
    double sign = kind == RB_KIND_REVENUE ? -1.0 : 1.0;
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      double y = x * shares[p];
      it[p * 2] += y * df;
      it[p * 2 + 1] += y;
      yr[p * 3 + (kind == RB_KIND_RESOURCE   ? 0
                  : kind == RB_KIND_TRANSFER ? 1
                                             : 2)] += y;
      pub += sign * y;
      if (p == RB_PAYER_KOMMUNE) {
        kom += sign * y;
      }
      if (kind == RB_KIND_RESOURCE) {
        res += y;
      }
    }
  }
  mg[RB_P_KOMMUNE * en->H + t] += kom;
  mg[RB_P_PUBLIC * en->H + t] += pub;
  mg[RB_P_SOCIETAL * en->H + t] += res - prod + m->mcpf * pub;
}

static void book_event(const rep_ctx *c, const rb_garm *ga, int gi, int arm,
                       rb_event ev, int m_left, int t) {
  const rb_scenario *sc = c->en->sc;
  for (int k = 0; k < ga->n_oneoff; k++) {
    const rb_oneoff *o = &ga->oneoff[k];
    if (sc->costs[o->item].on != ev) {
      continue;
    }
    const rb_payer_sched *ps = o->payer;
    const double *sh =
        o->kind == RB_KIND_PRODUCTION
            ? NULL
            : ps->shares[rb_sched_index(ps->breaks, ps->n, m_left)];
    book_oneoff(c, gi, arm, o->item, o->kind, o->amount, sh, t);
  }
  if (ev == RB_EV_REHOUSED && c->m->relocation != 0.0) {
    static const double kommune_only[RB_PAYER_COUNT] = {1.0, 0.0, 0.0};
    book_oneoff(c, gi, arm,
                c->en->n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_RELOCATION,
                RB_KIND_RESOURCE, c->m->relocation, kommune_only, t);
  }
}

/* ---- one citizen, both arms -----------------------------------------------
 */

static void sim_citizen(const rep_ctx *c, int gi, int i, int entry,
                        uint64_t rep) {
  const engine *en = c->en;
  const rb_model *m = c->m;
  workspace *ws = c->ws;
  const int H = en->H;
  cstate st[RB_ARM_COUNT];
  double u[4];

  rb_rng_u4(u, en->seed, rep, (uint32_t)gi, (uint32_t)i, (uint32_t)entry,
            RB_PURPOSE_ENTRY);
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    const rb_garm *ga = &m->ga[gi * RB_ARM_COUNT + arm];
    cstate *s = &st[arm];
    s->h = ga->init_h;
    s->m = ga->init_m;
    s->a = 0;
    while (s->a < RB_A_COUNT - 1 &&
           u[RB_LANE_INIT_ACTIVITY] >= ga->init_act[s->a]) {
      s->a++;
    }
    s->first_in = -1;
    s->waited = 0;
    s->tab = NULL;
    s->sfix = 0.0;
    if (is_housed(s->h)) {
      int idx;
      double rent = rb_rent_draw(ga, u[RB_LANE_INIT_RENT], &idx);
      flat_tables(s, m, ga, rent, idx);
      s->sfix = s->tab[s->a * RB_RT_N + RB_RT_SUB];
      s->first_in = entry;
    }
  }

  for (int t = entry; t < H; t++) {
    rb_rng_u4(u, en->seed, rep, (uint32_t)gi, (uint32_t)i, (uint32_t)t,
              RB_PURPOSE_MONTH);
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      cstate *s = &st[arm];
      const int ga_i = gi * RB_ARM_COUNT + arm;
      double *cnt = ws->cnt + (size_t)ga_i * C_COUNT;
      /* Outcome snapshots at the start of the month; a citizen who has
       * died or moved away counts as neither housed nor active. */
      const bool alive = s->h < RB_H_EXITED;
      const int since = t - entry;
      if (since > 0 && since % 12 == 0 && since <= 36) {
        int k = since / 12 - 1;
        cnt[C_DEN + k] += 1.0;
        cnt[C_HOUSED + k] += is_housed(s->h) ? 1.0 : 0.0;
        cnt[C_EMP + k] += alive && s->a == RB_A_EMPLOYED ? 1.0 : 0.0;
        cnt[C_EDU + k] += alive && s->a == RB_A_EDUCATION ? 1.0 : 0.0;
      }
      if (s->first_in >= 0 && t == s->first_in + 24) {
        cnt[C_RETDEN] += 1.0;
        cnt[C_RET] += is_housed(s->h) ? 1.0 : 0.0;
      }
      if (!alive) {
        ws->ED[((size_t)ga_i * 2 + (size_t)(s->h - RB_H_EXITED)) * (size_t)H +
               (size_t)t] += 1.0;
        continue;
      }
      const rb_garm *ga = &m->ga[ga_i];
      const int h = s->h, a = s->a;
      const int rows = ga->nseg;
      const int mm = ga->seg_of[s->m < ga->M ? s->m : ga->M];
      const int cell = (h * RB_A_COUNT + a) * rows + mm;

      /* 1. Book the month. */
      ws->E[en->e_off[ga_i] + (size_t)cell * (size_t)H + (size_t)t] += 1.0;
      const double *cc = ga->cost + (size_t)cell * RB_P_COUNT;
      double *mg = c->out + en->L.mg + (size_t)ga_i * RB_P_COUNT * (size_t)H;
      mg[t] += cc[RB_P_KOMMUNE];
      mg[H + t] += cc[RB_P_PUBLIC];
      mg[2 * H + t] += cc[RB_P_SOCIETAL];
      if (is_housed(h)) {
        c->out[en->L.hbm + (size_t)ga_i * (size_t)H + (size_t)t] +=
            s->tab[a * RB_RT_N + RB_RT_HB];
        if (h == RB_H_SUBSIDISED) {
          c->out[en->L.subm + (size_t)ga_i * (size_t)H + (size_t)t] +=
              m->at_move_in ? s->sfix : s->tab[a * RB_RT_N + RB_RT_SUB];
          cnt[C_SUBMONTHS] += 1.0;
        }
      }
      if (h == RB_H_PLACED && s->first_in < 0) {
        s->waited++;
      }

      /* 2. The housing event. */
      const double *thr =
          ga->thr + ((size_t)h * (size_t)rows + (size_t)mm) * RB_NTHR;
      const double x = u[RB_LANE_HOUSING];
      int nh = h;
      if (x < thr[RB_T_DEAD]) {
        nh = RB_H_DEAD;
      } else if (x < thr[RB_T_EXITED]) {
        nh = RB_H_EXITED;
      } else if (x < thr[RB_T_HOMELESS]) {
        nh = RB_H_HOMELESS;
      } else if (x < thr[RB_T_PLACED]) {
        nh = RB_H_PLACED;
      } else if (x < thr[RB_T_COUNT]) {
        /* A flat offer (placed only). */
        int idx;
        double rent = rb_rent_draw(ga, u[RB_LANE_RENT], &idx);
        double gap, fgap;
        if (idx >= 0) {
          gap = ga->rent_tab[((size_t)idx * RB_A_COUNT + (size_t)a) * RB_RT_N +
                             RB_RT_GAP];
          fgap = ga->rent_fgap[idx];
        } else {
          rb_flat_case f = ga->flat;
          f.rent = rent;
          gap = rb_gap(&m->sc->rules, &ga->terms, &f, &ga->inc[a]);
          fgap = rb_gap(&m->sc->rules, &ga->terms, &f, &ga->inc[RB_A_COUNT]);
        }
        cnt[C_OFFERS] += 1.0;
        switch (rb_offer_from_gaps(gap, fgap, &ga->terms,
                                   arm == RB_ARM_INTERVENTION)) {
        case RB_OFFER_ORDINARY:
          nh = RB_H_ORDINARY;
          break;
        case RB_OFFER_SUBSIDISED:
          nh = RB_H_SUBSIDISED;
          break;
        case RB_OFFER_REFUSED:
        default:
          break;
        }
        if (nh != h) {
          cnt[C_ACCEPTED] += 1.0;
          flat_tables(s, m, ga, rent, idx);
          s->sfix = s->tab[a * RB_RT_N + RB_RT_SUB];
          if (s->first_in < 0) {
            s->first_in = t + 1;
            cnt[C_MOVEDIN] += 1.0;
            cnt[C_WAIT] += (double)s->waited;
          }
          book_event(c, ga, gi, arm, RB_EV_MOVE_IN, s->m, t);
        }
      }
      if (nh == RB_H_DEAD) {
        cnt[C_DEATH] += 1.0;
      } else if (nh == RB_H_EXITED) {
        cnt[C_EXIT] += 1.0;
      }
      if (is_housed(h) && (nh == RB_H_PLACED || nh == RB_H_HOMELESS)) {
        cnt[C_RELAPSE] += 1.0;
        book_event(c, ga, gi, arm, RB_EV_MOVE_OUT, s->m, t);
      }

      /* 3. The subsidy's end. */
      if (h == RB_H_SUBSIDISED && nh == RB_H_SUBSIDISED) {
        int q = s->m + 1 - m->period;
        if (q >= 0 && q % m->ext_months == 0 &&
            q / m->ext_months <= m->max_ext) {
          int k = q / m->ext_months;
          if (s->tab[a * RB_RT_N + RB_RT_GAP] <= 0.0) {
            nh = RB_H_ORDINARY;
            cnt[C_TAKEOVER] += 1.0;
            book_event(c, ga, gi, arm, RB_EV_TAKEOVER, s->m, t);
          } else if (k < m->max_ext) {
            cnt[C_EXTENSION] += 1.0;
          } else if (u[RB_LANE_END] < ga->p_rehoused) {
            int idx;
            double rent = rb_rent_draw_rehouse(ga, a, u[RB_LANE_RENT], &idx);
            flat_tables(s, m, ga, rent, idx);
            nh = RB_H_ORDINARY;
            cnt[C_REHOUSE] += 1.0;
            book_event(c, ga, gi, arm, RB_EV_REHOUSED, s->m, t);
          } else {
            nh = RB_H_PLACED;
            cnt[C_RELAPSE] += 1.0;
            book_event(c, ga, gi, arm, RB_EV_MOVE_OUT, s->m, t);
          }
        }
      }

      /* 4. The activity event, on the housing state at the start. */
      int na = a;
      if (nh < RB_H_EXITED) {
        const double *at = ga->athr[is_housed(h) ? 0 : 1][a];
        const double y = u[RB_LANE_ACTIVITY];
        if (y < at[0]) {
          na = ga->ato[a][0];
        } else if (y < at[1]) {
          na = ga->ato[a][1];
        }
      }

      /* 5. The clock. */
      s->m = spell_of(nh) == spell_of(h) ? s->m + 1 : 0;
      s->h = nh;
      s->a = na;
    }
  }
}

/* ---- one replication ------------------------------------------------------
 */

/* Add the cell-based items (from exposure counts E) of one garm to @p items
 * ([item][slot][disc]) and the whole cohort's @p yearly. */
static void fold_exposure(const engine *en, const rb_model *m, const double *E,
                          int ga_i, double *items, double *yearly) {
  const rb_garm *ga = &m->ga[ga_i];
  const int H = en->H;
  const int arm = ga_i % RB_ARM_COUNT;
  for (int cell = 0; cell < ga->ncell; cell++) {
    const double *row = E + (size_t)cell * (size_t)H;
    double n_disc = 0.0, n_all = 0.0;
    /* A horizon of at most 600 months spans at most 51 budget years. */
    double ny_buf[RB_MAX_YEARS] = {0};
    const int ny = en->n_years;
    for (int t = 0; t < H; t++) {
      if (row[t] != 0.0) {
        n_disc += row[t] * m->df[t];
        n_all += row[t];
        ny_buf[m->year_of[t]] += row[t];
      }
    }
    if (n_all == 0.0) {
      continue;
    }
    const double *amt =
        ga->item_amt + (size_t)cell * (size_t)ga->n_used * RB_PAYER_SLOTS;
    for (int k = 0; k < ga->n_used; k++) {
      const int i = ga->used[k];
      const rb_kind kind = ga->used_kind[k];
      for (int p = 0; p < RB_PAYER_SLOTS; p++) {
        double x = amt[(size_t)k * RB_PAYER_SLOTS + (size_t)p];
        if (x == 0.0) {
          continue;
        }
        double *it = items + ((size_t)i * RB_PAYER_SLOTS + (size_t)p) * 2;
        it[0] += x * n_disc;
        it[1] += x * n_all;
        if (p < RB_PAYER_COUNT && kind != RB_KIND_PRODUCTION) {
          int col = kind == RB_KIND_RESOURCE   ? 0
                    : kind == RB_KIND_TRANSFER ? 1
                                               : 2;
          for (int y = 0; y < ny; y++) {
            if (ny_buf[y] != 0.0) {
              yearly[(((size_t)arm * (size_t)ny + (size_t)y) * RB_PAYER_COUNT +
                      (size_t)p) *
                         3 +
                     (size_t)col] += x * ny_buf[y];
            }
          }
        }
      }
    }
  }
}

static void run_replication(const engine *en, workspace *ws, int r,
                            double *out) {
  const rb_scenario *sc = en->sc;
  const rb_model *m = en->base;
  memset(out, 0, en->L.size * sizeof *out);
  if (en->psa) {
    rb_rng_psa_reset(ws->rng, en->seed, (uint64_t)r);
    rb_params_draw(ws->v, sc, ws->rng);
    rb_model_compile(&ws->model, ws->v);
    m = &ws->model;
    for (int k = 0; k < en->n_drawn; k++) {
      out[en->L.drawn + (size_t)k] = ws->v[en->drawn_param[k]];
    }
  }
  memcpy(out + en->L.df, m->df, (size_t)en->H * sizeof *out);
  rep_ctx c = {en, m, ws, out};
  for (int gi = 0; gi < sc->n_groups; gi++) {
    const rb_group *g = &sc->groups[gi];
    for (int i = 0; i < g->size; i++) {
      int entry = (int)(((long long)i * g->entry_months) / g->size);
      sim_citizen(&c, gi, i, entry, (uint64_t)r);
    }
  }
  if (en->psa) {
    /* The amounts differ per replication: fold the exposure now and keep
     * the totals for the thread's occupancy. */
    for (int ga_i = 0; ga_i < en->G * RB_ARM_COUNT; ga_i++) {
      double *E = ws->E + en->e_off[ga_i];
      double *items = out + en->L.items +
                      (size_t)ga_i * (size_t)en->n_items * RB_PAYER_SLOTS * 2;
      fold_exposure(en, m, E, ga_i, items, out + en->L.yearly);
    }
    for (size_t k = 0; k < en->e_size; k++) {
      ws->Etot[k] += ws->E[k];
    }
    memset(ws->E, 0, en->e_size * sizeof *ws->E);
  }
  /* Housing benefit and rent subsidy into the perspectives. */
  for (int ga_i = 0; ga_i < en->G * RB_ARM_COUNT; ga_i++) {
    double *mg = out + en->L.mg + (size_t)ga_i * RB_P_COUNT * (size_t)en->H;
    const double *hb = out + en->L.hbm + (size_t)ga_i * (size_t)en->H;
    const double *sub = out + en->L.subm + (size_t)ga_i * (size_t)en->H;
    const double *share = m->ga[ga_i].hb_share;
    for (int t = 0; t < en->H; t++) {
      double pub = hb[t] + sub[t];
      mg[t] += share[RB_PAYER_KOMMUNE] * hb[t] + sub[t];
      mg[en->H + t] += pub;
      mg[2 * en->H + t] += m->mcpf * pub;
    }
  }
}

/* ---- statistics ------------------------------------------------------------
 */

static void stats_of(rb_stats *s, double *scratch, const double *x, int R,
                     bool saving) {
  s->mean = gsl_stats_mean(x, 1, (size_t)R);
  s->sd = R > 1 ? gsl_stats_sd_m(x, 1, (size_t)R, s->mean) : 0.0;
  s->mcse = s->sd / sqrt((double)R);
  memcpy(scratch, x, (size_t)R * sizeof *x);
  gsl_sort(scratch, 1, (size_t)R);
  s->p2_5 = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)R, 0.025);
  s->median = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)R, 0.5);
  s->p97_5 = gsl_stats_quantile_from_sorted_data(scratch, 1, (size_t)R, 0.975);
  if (saving) {
    int pos = 0;
    for (int r = 0; r < R; r++) {
      pos += x[r] > 0.0;
    }
    s->prob_positive = (double)pos / (double)R;
  } else {
    s->prob_positive = NAN;
  }
}

static int break_even(const double *cum, int H) {
  int last_neg = -1;
  for (int t = 0; t < H; t++) {
    if (cum[t] < 0.0) {
      last_neg = t;
    }
  }
  if (last_neg == H - 1) {
    return 0;
  }
  return last_neg + 2;
}

static double ratio(double num, double den) {
  return den > 0.0 ? num / den : NAN;
}

static void outcomes_of(rb_outcomes *o, const double *cnt, double citizens,
                        double placed_months) {
  for (int k = 0; k < 3; k++) {
    o->housed[k] = ratio(cnt[C_HOUSED + k], cnt[C_DEN + k]);
    o->employed[k] = ratio(cnt[C_EMP + k], cnt[C_DEN + k]);
    o->education[k] = ratio(cnt[C_EDU + k], cnt[C_DEN + k]);
  }
  o->retention_24 = ratio(cnt[C_RET], cnt[C_RETDEN]);
  o->relapses = ratio(cnt[C_RELAPSE], citizens);
  o->takeovers = ratio(cnt[C_TAKEOVER], citizens);
  o->extensions = ratio(cnt[C_EXTENSION], citizens);
  o->rehousings = ratio(cnt[C_REHOUSE], citizens);
  o->moved_in = ratio(cnt[C_MOVEDIN], citizens);
  o->months_waiting = ratio(cnt[C_WAIT], cnt[C_MOVEDIN]);
  o->deaths = ratio(cnt[C_DEATH], citizens);
  o->exits = ratio(cnt[C_EXIT], citizens);
  o->placed_months = ratio(placed_months, citizens);
  o->subsidised_months = ratio(cnt[C_SUBMONTHS], citizens);
  o->offers = ratio(cnt[C_OFFERS], citizens);
  o->offers_accepted_share = ratio(cnt[C_ACCEPTED], cnt[C_OFFERS]);
  o->subsidy_per_month = NAN; /* filled by the caller */
}

/* ---- the run ----------------------------------------------------------------
 */

typedef struct sums {
  double *ser;    /* [(G + 1)][disc][p][arm][R] per-citizen totals */
  double *msum;   /* [disc][G][arm][p][H] */
  double *hbsum;  /* [disc][G][arm][H] */
  double *subsum; /* [disc][G][arm][H] */
  double *items;  /* [G][arm][item][slot][disc] */
  double *yearly; /* [arm][year][payer][3] */
  double *band;   /* [p][H][nb] */
  int nb;
} sums;

static size_t ser_index(const engine *en, int g, int disc, int p, int arm) {
  return ((((size_t)g * 2 + (size_t)disc) * RB_P_COUNT + (size_t)p) *
              RB_ARM_COUNT +
          (size_t)arm) *
         (size_t)en->R;
}

static void reduce_rep(const engine *en, sums *S, const double *b, int r,
                       rb_results *res) {
  const int H = en->H, G = en->G;
  const double *df = b + en->L.df;
  int total = 0;
  for (int gi = 0; gi < G; gi++) {
    total += en->sc->groups[gi].size;
  }
  double all_tot[2][RB_P_COUNT][RB_ARM_COUNT] = {{{0}}};
  for (int gi = 0; gi < G; gi++) {
    double size = (double)en->sc->groups[gi].size;
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      int ga_i = gi * RB_ARM_COUNT + arm;
      for (int p = 0; p < RB_P_COUNT; p++) {
        const double *mg =
            b + en->L.mg + ((size_t)ga_i * RB_P_COUNT + (size_t)p) * (size_t)H;
        double *ms_d =
            S->msum + (((size_t)ga_i) * RB_P_COUNT + (size_t)p) * (size_t)H;
        double *ms_u = ms_d + (size_t)G * RB_ARM_COUNT * RB_P_COUNT * (size_t)H;
        double tu = 0.0, td = 0.0;
        for (int t = 0; t < H; t++) {
          tu += mg[t];
          td += mg[t] * df[t];
          ms_d[t] += mg[t] * df[t];
          ms_u[t] += mg[t];
        }
        S->ser[ser_index(en, gi, 0, p, arm) + (size_t)r] = td / size;
        S->ser[ser_index(en, gi, 1, p, arm) + (size_t)r] = tu / size;
        all_tot[0][p][arm] += td;
        all_tot[1][p][arm] += tu;
      }
      const double *hb = b + en->L.hbm + (size_t)ga_i * (size_t)H;
      const double *sub = b + en->L.subm + (size_t)ga_i * (size_t)H;
      double *hd = S->hbsum + (size_t)ga_i * (size_t)H;
      double *hu = hd + (size_t)G * RB_ARM_COUNT * (size_t)H;
      double *sd = S->subsum + (size_t)ga_i * (size_t)H;
      double *su = sd + (size_t)G * RB_ARM_COUNT * (size_t)H;
      for (int t = 0; t < H; t++) {
        hd[t] += hb[t] * df[t];
        hu[t] += hb[t];
        sd[t] += sub[t] * df[t];
        su[t] += sub[t];
      }
    }
  }
  for (int disc = 0; disc < 2; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
        S->ser[ser_index(en, G, disc, p, arm) + (size_t)r] =
            all_tot[disc][p][arm] / (double)total;
      }
    }
  }
  size_t ni =
      (size_t)G * RB_ARM_COUNT * (size_t)en->n_items * RB_PAYER_SLOTS * 2;
  for (size_t k = 0; k < ni; k++) {
    S->items[k] += b[en->L.items + k];
  }
  size_t ny = (size_t)RB_ARM_COUNT * (size_t)en->n_years * RB_PAYER_COUNT * 3;
  for (size_t k = 0; k < ny; k++) {
    S->yearly[k] += b[en->L.yearly + k];
  }
  if (r < S->nb) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      double cum = 0.0;
      for (int t = 0; t < H; t++) {
        double sv = 0.0;
        for (int gi = 0; gi < G; gi++) {
          const double *mi =
              b + en->L.mg +
              ((size_t)(gi * RB_ARM_COUNT + RB_ARM_INTERVENTION) * RB_P_COUNT +
               (size_t)p) *
                  (size_t)H;
          const double *mb =
              b + en->L.mg +
              ((size_t)(gi * RB_ARM_COUNT + RB_ARM_BASELINE) * RB_P_COUNT +
               (size_t)p) *
                  (size_t)H;
          sv += mb[t] - mi[t];
        }
        cum += sv * df[t];
        S->band[((size_t)p * (size_t)H + (size_t)t) * (size_t)S->nb +
                (size_t)r] = cum / (double)total;
      }
    }
  }
  if (res->rep_saving != NULL) {
    for (int k = 0; k < res->n_drawn; k++) {
      res->drawn[(size_t)r * (size_t)res->n_drawn + (size_t)k] =
          b[en->L.drawn + (size_t)k];
    }
    for (int disc = 0; disc < 2; disc++) {
      for (int p = 0; p < RB_P_COUNT; p++) {
        res->rep_saving[((size_t)r * 2 + (size_t)disc) * RB_P_COUNT +
                        (size_t)p] = (all_tot[disc][p][RB_ARM_BASELINE] -
                                      all_tot[disc][p][RB_ARM_INTERVENTION]) /
                                     (double)total;
      }
    }
  }
}

static const char *const computed_names[RB_ITEM_COMPUTED_COUNT] = {
    "rent_subsidy", "housing_benefit", "income",
    "income_tax",   "production",      "relocation"};
static const char *const computed_labels[RB_ITEM_COMPUTED_COUNT] = {
    "Midlertidigt huslejetilskud",
    "Boligsikring",
    "Forsørgelse (ydelse/SU)",
    "Indkomstskat",
    "Produktion (løn)",
    "Genhusning"};
static const rb_kind computed_kinds[RB_ITEM_COMPUTED_COUNT] = {
    RB_KIND_TRANSFER, RB_KIND_TRANSFER,   RB_KIND_TRANSFER,
    RB_KIND_REVENUE,  RB_KIND_PRODUCTION, RB_KIND_RESOURCE};

static rb_status alloc_group_result(rb_group_result *g, int n_items, int H) {
  g->items = calloc((size_t)RB_ARM_COUNT * (size_t)n_items * RB_PAYER_SLOTS * 2,
                    sizeof *g->items);
  g->cum_saving =
      calloc((size_t)2 * RB_P_COUNT * (size_t)H, sizeof *g->cum_saving);
  g->month_cost = calloc((size_t)2 * RB_ARM_COUNT * RB_P_COUNT * (size_t)H,
                         sizeof *g->month_cost);
  return (g->items && g->cum_saving && g->month_cost) ? RB_OK : RB_ENOMEM;
}

void rb_results_free(rb_results *r) {
  if (r == NULL) {
    return;
  }
  for (int g = 0; g < r->n_groups && r->groups != NULL; g++) {
    free(r->groups[g].items);
    free(r->groups[g].cum_saving);
    free(r->groups[g].month_cost);
  }
  free(r->groups);
  free(r->all.items);
  free(r->all.cum_saving);
  free(r->all.month_cost);
  free(r->item_name);
  free(r->item_label);
  free(r->item_kind);
  free(r->yearly);
  free(r->monthly_housing);
  free(r->monthly_activity);
  free(r->band);
  free(r->drawn_param);
  free(r->drawn);
  free(r->rep_saving);
  memset(r, 0, sizeof *r);
}

static void workspace_free(workspace *w) {
  free(w->v);
  rb_model_free(&w->model);
  if (w->rng != NULL) {
    gsl_rng_free(w->rng);
  }
  free(w->E);
  free(w->Etot);
  free(w->ED);
  free(w->cnt);
}

static rb_status workspace_alloc(workspace *w, const engine *en) {
  memset(w, 0, sizeof *w);
  w->E = calloc(en->e_size, sizeof *w->E);
  w->ED =
      calloc((size_t)en->G * RB_ARM_COUNT * 2 * (size_t)en->H, sizeof *w->ED);
  w->cnt = calloc((size_t)en->G * RB_ARM_COUNT * C_COUNT, sizeof *w->cnt);
  if (w->E == NULL || w->ED == NULL || w->cnt == NULL) {
    return RB_ENOMEM;
  }
  if (en->psa) {
    w->Etot = calloc(en->e_size, sizeof *w->Etot);
    w->v = calloc((size_t)en->sc->n_params, sizeof *w->v);
    w->rng = rb_rng_psa_alloc(en->seed, 0);
    if (w->Etot == NULL || w->v == NULL || w->rng == NULL ||
        rb_model_alloc(&w->model, en->sc) != RB_OK) {
      return RB_ENOMEM;
    }
  }
  return RB_OK;
}

/* Fill the per-group and whole-cohort results from the sums. */
static void finalize(rb_results *res, const engine *en, const sums *S,
                     const double *E, const double *ED, const double *cnt,
                     double *scratch) {
  const rb_scenario *sc = en->sc;
  const int H = en->H, G = en->G, R = en->R, ni = en->n_items;
  const rb_model *m = en->base;
  const int base_items = sc->n_costs;
  double total_size = 0.0;
  for (int gi = 0; gi <= G; gi++) {
    rb_group_result *gr = gi < G ? &res->groups[gi] : &res->all;
    double size;
    if (gi < G) {
      gr->name = sc->groups[gi].name;
      size = (double)sc->groups[gi].size;
      gr->size = sc->groups[gi].size;
      total_size += size;
      double es = 0.0;
      for (int i = 0; i < gr->size; i++) {
        es += (double)(((long long)i * sc->groups[gi].entry_months) / gr->size);
      }
      gr->mean_entry = es / size;
    } else {
      gr->name = "all";
      size = total_size;
      gr->size = (int)total_size;
      double es = 0.0;
      for (int g2 = 0; g2 < G; g2++) {
        es += res->groups[g2].mean_entry * res->groups[g2].size;
      }
      gr->mean_entry = es / size;
    }
    double denom = size * (double)R;
    /* Statistics. */
    for (int disc = 0; disc < 2; disc++) {
      for (int p = 0; p < RB_P_COUNT; p++) {
        rb_persp_result *pr = &gr->persp[disc][p];
        const double *xi =
            S->ser + ser_index(en, gi, disc, p, RB_ARM_INTERVENTION);
        const double *xb = S->ser + ser_index(en, gi, disc, p, RB_ARM_BASELINE);
        stats_of(&pr->arm[RB_ARM_INTERVENTION], scratch, xi, R, false);
        stats_of(&pr->arm[RB_ARM_BASELINE], scratch, xb, R, false);
        double *sv = scratch + R;
        for (int r = 0; r < R; r++) {
          sv[r] = xb[r] - xi[r];
        }
        stats_of(&pr->saving, scratch, sv, R, true);
        /* Monthly means and the cumulative saving. */
        double cum = 0.0;
        for (int t = 0; t < H; t++) {
          double mc[RB_ARM_COUNT];
          for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
            double s = 0.0;
            for (int g2 = (gi < G ? gi : 0); g2 < (gi < G ? gi + 1 : G); g2++) {
              int ga_i = g2 * RB_ARM_COUNT + arm;
              s += S->msum[((size_t)disc * (size_t)G * RB_ARM_COUNT *
                                RB_P_COUNT +
                            (size_t)ga_i * RB_P_COUNT + (size_t)p) *
                               (size_t)H +
                           (size_t)t];
            }
            mc[arm] = s / denom;
            gr->month_cost[(((size_t)disc * RB_ARM_COUNT + (size_t)arm) *
                                RB_P_COUNT +
                            (size_t)p) *
                               (size_t)H +
                           (size_t)t] = mc[arm];
          }
          cum += mc[RB_ARM_BASELINE] - mc[RB_ARM_INTERVENTION];
          gr->cum_saving[((size_t)disc * RB_P_COUNT + (size_t)p) * (size_t)H +
                         (size_t)t] = cum;
        }
        pr->break_even_month =
            break_even(gr->cum_saving +
                           ((size_t)disc * RB_P_COUNT + (size_t)p) * (size_t)H,
                       H);
      }
    }
    /* Items, occupancy, outcomes. */
    double gcnt[RB_ARM_COUNT][C_COUNT] = {{0}};
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      double *items = gr->items + (size_t)arm * (size_t)ni * RB_PAYER_SLOTS * 2;
      double occ[RB_H_COUNT] = {0};
      for (int g2 = (gi < G ? gi : 0); g2 < (gi < G ? gi + 1 : G); g2++) {
        int ga_i = g2 * RB_ARM_COUNT + arm;
        const rb_garm *ga = &m->ga[ga_i];
        const double *it =
            S->items + (size_t)ga_i * (size_t)ni * RB_PAYER_SLOTS * 2;
        for (int k = 0; k < ni * RB_PAYER_SLOTS * 2; k++) {
          items[k] += it[k];
        }
        const double *Eg = E + en->e_off[ga_i];
        int rows = ga->nseg;
        for (int cell = 0; cell < ga->ncell; cell++) {
          int h = cell / (RB_A_COUNT * rows);
          for (int t = 0; t < H; t++) {
            occ[h] += Eg[(size_t)cell * (size_t)H + (size_t)t];
          }
        }
        for (int k = 0; k < 2; k++) {
          for (int t = 0; t < H; t++) {
            occ[RB_H_EXITED + k] +=
                ED[((size_t)ga_i * 2 + (size_t)k) * (size_t)H + (size_t)t];
          }
        }
        /* Housing benefit and rent subsidy. */
        for (int disc = 0; disc < 2; disc++) {
          const double *hb =
              S->hbsum +
              ((size_t)disc * (size_t)G * RB_ARM_COUNT + (size_t)ga_i) *
                  (size_t)H;
          const double *sub =
              S->subsum +
              ((size_t)disc * (size_t)G * RB_ARM_COUNT + (size_t)ga_i) *
                  (size_t)H;
          double th = 0.0, ts = 0.0;
          for (int t = 0; t < H; t++) {
            th += hb[t];
            ts += sub[t];
          }
          for (int p = 0; p < RB_PAYER_COUNT; p++) {
            items[((size_t)(base_items + RB_ITEM_HOUSING_BENEFIT) *
                       RB_PAYER_SLOTS +
                   (size_t)p) *
                      2 +
                  (size_t)disc] += th * ga->hb_share[p];
          }
          items[((size_t)(base_items + RB_ITEM_RENT_SUBSIDY) * RB_PAYER_SLOTS +
                 RB_PAYER_KOMMUNE) *
                    2 +
                (size_t)disc] += ts;
        }
        for (int k = 0; k < C_COUNT; k++) {
          gcnt[arm][k] += cnt[(size_t)ga_i * C_COUNT + (size_t)k];
        }
      }
      for (int k = 0; k < ni * RB_PAYER_SLOTS * 2; k++) {
        items[k] /= denom;
      }
      for (int h = 0; h < RB_H_COUNT; h++) {
        gr->occupancy[arm][h] = occ[h] / denom;
      }
      outcomes_of(&gr->outcomes[arm], gcnt[arm], denom, occ[RB_H_PLACED]);
      double sub_total =
          items[((size_t)(base_items + RB_ITEM_RENT_SUBSIDY) * RB_PAYER_SLOTS +
                 RB_PAYER_KOMMUNE) *
                    2 +
                1] *
          denom;
      gr->outcomes[arm].subsidy_per_month =
          ratio(sub_total, gcnt[arm][C_SUBMONTHS]);
    }
    gr->bed_months_freed = (gr->occupancy[RB_ARM_BASELINE][RB_H_PLACED] -
                            gr->occupancy[RB_ARM_INTERVENTION][RB_H_PLACED]) *
                           size;
  }
  /* Budget years: direct sums, housing benefit and subsidy, per replication. */
  size_t ny = (size_t)RB_ARM_COUNT * (size_t)en->n_years * RB_PAYER_COUNT * 3;
  for (size_t k = 0; k < ny; k++) {
    res->yearly[k] = S->yearly[k];
  }
  for (int gi = 0; gi < G; gi++) {
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      int ga_i = gi * RB_ARM_COUNT + arm;
      const double *hu =
          S->hbsum + ((size_t)G * RB_ARM_COUNT + (size_t)ga_i) * (size_t)H;
      const double *su =
          S->subsum + ((size_t)G * RB_ARM_COUNT + (size_t)ga_i) * (size_t)H;
      for (int t = 0; t < H; t++) {
        double *yr =
            res->yearly +
            (((size_t)arm * (size_t)en->n_years + (size_t)m->year_of[t]) *
             RB_PAYER_COUNT) *
                3;
        for (int p = 0; p < RB_PAYER_COUNT; p++) {
          yr[p * 3 + 1] += hu[t] * m->ga[ga_i].hb_share[p];
        }
        yr[RB_PAYER_KOMMUNE * 3 + 1] += su[t];
      }
    }
  }
  for (size_t k = 0; k < ny; k++) {
    res->yearly[k] /= (double)R;
  }
  /* Monthly occupancy and activity, whole cohort. */
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    for (int gi = 0; gi < G; gi++) {
      int ga_i = gi * RB_ARM_COUNT + arm;
      const rb_garm *ga = &m->ga[ga_i];
      int rows = ga->nseg;
      const double *Eg = E + en->e_off[ga_i];
      for (int cell = 0; cell < ga->ncell; cell++) {
        int h = cell / (RB_A_COUNT * rows);
        int a = (cell / rows) % RB_A_COUNT;
        for (int t = 0; t < H; t++) {
          double x = Eg[(size_t)cell * (size_t)H + (size_t)t];
          res->monthly_housing[((size_t)arm * (size_t)H + (size_t)t) * 7 +
                               (size_t)h] += x;
          res->monthly_activity[((size_t)arm * (size_t)H + (size_t)t) * 3 +
                                (size_t)a] += x;
        }
      }
      for (int k = 0; k < 2; k++) {
        for (int t = 0; t < H; t++) {
          res->monthly_housing[((size_t)arm * (size_t)H + (size_t)t) * 7 +
                               (size_t)(RB_H_EXITED + k)] +=
              ED[((size_t)ga_i * 2 + (size_t)k) * (size_t)H + (size_t)t];
        }
      }
    }
    for (int t = 0; t < H; t++) {
      double *mh =
          res->monthly_housing + ((size_t)arm * (size_t)H + (size_t)t) * 7;
      double *ma =
          res->monthly_activity + ((size_t)arm * (size_t)H + (size_t)t) * 3;
      for (int k = 0; k < RB_H_COUNT; k++) {
        mh[k] /= (double)R;
      }
      for (int k = 0; k < 3; k++) {
        ma[k] /= (double)R;
      }
      int not_entered = 0;
      for (int gi = 0; gi < G; gi++) {
        const rb_group *g = &sc->groups[gi];
        for (int i = 0; i < g->size; i++) {
          not_entered += (int)(((long long)i * g->entry_months) / g->size) > t;
        }
      }
      mh[RB_H_COUNT] = not_entered;
    }
  }
  /* The band. */
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int t = 0; t < H; t++) {
      double *row =
          S->band + ((size_t)p * (size_t)H + (size_t)t) * (size_t)S->nb;
      gsl_sort(row, 1, (size_t)S->nb);
      res->band[((size_t)p * (size_t)H + (size_t)t) * 2] =
          gsl_stats_quantile_from_sorted_data(row, 1, (size_t)S->nb, 0.025);
      res->band[((size_t)p * (size_t)H + (size_t)t) * 2 + 1] =
          gsl_stats_quantile_from_sorted_data(row, 1, (size_t)S->nb, 0.975);
    }
  }
  res->band_reps = S->nb;
}

static rb_status engine_run(rb_results *res, const rb_scenario *sc,
                            const rb_run_opts *opts, const double *values,
                            bool psa) {
  rb_status st = RB_ENOMEM;
  memset(res, 0, sizeof *res);
  engine en;
  memset(&en, 0, sizeof en);
  rb_model base;
  memset(&base, 0, sizeof base);
  sums S;
  memset(&S, 0, sizeof S);
  workspace *wss = NULL;
  double *buf = NULL, *E = NULL, *ED = NULL, *cnt = NULL, *scratch = NULL;
  int nt =
      opts != NULL && opts->threads > 0 ? opts->threads : omp_get_num_procs();

  en.sc = sc;
  en.psa = psa;
  en.seed = opts != NULL && opts->seed_given ? opts->seed : sc->info.seed;
  en.R = opts != NULL && opts->replications > 0 ? opts->replications
                                                : sc->info.replications;
  en.H = sc->info.horizon_months;
  en.G = sc->n_groups;
  en.n_items = sc->n_costs + RB_ITEM_COMPUTED_COUNT;

  if (rb_model_alloc(&base, sc) != RB_OK) {
    goto cleanup;
  }
  rb_model_compile(&base, values);
  en.base = &base;
  en.n_years = base.n_years;
  if (en.n_years > RB_MAX_YEARS) {
    st = RB_EINTERNAL;
    goto cleanup;
  }
  en.e_off = calloc((size_t)en.G * RB_ARM_COUNT + 1, sizeof *en.e_off);
  if (en.e_off == NULL) {
    goto cleanup;
  }
  for (int k = 0; k < en.G * RB_ARM_COUNT; k++) {
    en.e_off[k + 1] = en.e_off[k] + (size_t)base.ga[k].ncell * (size_t)en.H;
  }
  en.e_size = en.e_off[en.G * RB_ARM_COUNT];
  if (psa) {
    en.drawn_param = calloc((size_t)sc->n_params + 1, sizeof *en.drawn_param);
    if (en.drawn_param == NULL) {
      goto cleanup;
    }
    for (int i = 0; i < sc->n_params; i++) {
      if (sc->params[i].dist != RB_DIST_PLAIN &&
          sc->params[i].dist != RB_DIST_FIXED) {
        en.drawn_param[en.n_drawn++] = i;
      }
    }
  }
  /* Layout of a replication's buffer. */
  {
    size_t gah = (size_t)en.G * RB_ARM_COUNT * (size_t)en.H;
    size_t off = 0;
    en.L.mg = off;
    off += gah * RB_P_COUNT;
    en.L.hbm = off;
    off += gah;
    en.L.subm = off;
    off += gah;
    en.L.items = off;
    off +=
        (size_t)en.G * RB_ARM_COUNT * (size_t)en.n_items * RB_PAYER_SLOTS * 2;
    en.L.yearly = off;
    off += (size_t)RB_ARM_COUNT * (size_t)en.n_years * RB_PAYER_COUNT * 3;
    en.L.df = off;
    off += (size_t)en.H;
    en.L.drawn = off;
    off += (size_t)en.n_drawn;
    en.L.size = off;
  }
  /* Results. */
  res->replications = en.R;
  res->threads = nt;
  res->horizon = en.H;
  res->n_groups = en.G;
  res->n_items = en.n_items;
  res->first_year = base.first_year;
  res->n_years = en.n_years;
  res->groups = calloc((size_t)en.G, sizeof *res->groups);
  res->item_name = calloc((size_t)en.n_items, sizeof *res->item_name);
  res->item_label = calloc((size_t)en.n_items, sizeof *res->item_label);
  res->item_kind = calloc((size_t)en.n_items, sizeof *res->item_kind);
  res->yearly =
      calloc((size_t)RB_ARM_COUNT * (size_t)en.n_years * RB_PAYER_COUNT * 3,
             sizeof *res->yearly);
  res->monthly_housing = calloc((size_t)RB_ARM_COUNT * (size_t)en.H * 7,
                                sizeof *res->monthly_housing);
  res->monthly_activity = calloc((size_t)RB_ARM_COUNT * (size_t)en.H * 3,
                                 sizeof *res->monthly_activity);
  res->band = calloc((size_t)RB_P_COUNT * (size_t)en.H * 2, sizeof *res->band);
  if (res->groups == NULL || res->item_name == NULL ||
      res->item_label == NULL || res->item_kind == NULL ||
      res->yearly == NULL || res->monthly_housing == NULL ||
      res->monthly_activity == NULL || res->band == NULL) {
    goto cleanup;
  }
  for (int g = 0; g < en.G; g++) {
    if (alloc_group_result(&res->groups[g], en.n_items, en.H) != RB_OK) {
      goto cleanup;
    }
  }
  if (alloc_group_result(&res->all, en.n_items, en.H) != RB_OK) {
    goto cleanup;
  }
  for (int i = 0; i < sc->n_costs; i++) {
    res->item_name[i] = sc->costs[i].name;
    res->item_label[i] = sc->costs[i].label;
    res->item_kind[i] = sc->costs[i].kind;
  }
  for (int k = 0; k < RB_ITEM_COMPUTED_COUNT; k++) {
    res->item_name[sc->n_costs + k] = computed_names[k];
    res->item_label[sc->n_costs + k] = computed_labels[k];
    res->item_kind[sc->n_costs + k] = computed_kinds[k];
  }
  if (psa) {
    res->n_drawn = en.n_drawn;
    res->drawn_param = calloc((size_t)en.n_drawn + 1, sizeof *res->drawn_param);
    res->drawn =
        calloc((size_t)en.R * (size_t)en.n_drawn + 1, sizeof *res->drawn);
    res->rep_saving =
        calloc((size_t)en.R * 2 * RB_P_COUNT, sizeof *res->rep_saving);
    if (res->drawn_param == NULL || res->drawn == NULL ||
        res->rep_saving == NULL) {
      goto cleanup;
    }
    memcpy(res->drawn_param, en.drawn_param, (size_t)en.n_drawn * sizeof(int));
  }
  /* Sums. */
  S.nb = en.R < 10000 ? en.R : 10000;
  S.ser =
      calloc((size_t)(en.G + 1) * 2 * RB_P_COUNT * RB_ARM_COUNT * (size_t)en.R,
             sizeof *S.ser);
  S.msum = calloc((size_t)2 * (size_t)en.G * RB_ARM_COUNT * RB_P_COUNT *
                      (size_t)en.H,
                  sizeof *S.msum);
  S.hbsum = calloc((size_t)2 * (size_t)en.G * RB_ARM_COUNT * (size_t)en.H,
                   sizeof *S.hbsum);
  S.subsum = calloc((size_t)2 * (size_t)en.G * RB_ARM_COUNT * (size_t)en.H,
                    sizeof *S.subsum);
  S.items = calloc((size_t)en.G * RB_ARM_COUNT * (size_t)en.n_items *
                       RB_PAYER_SLOTS * 2,
                   sizeof *S.items);
  S.yearly =
      calloc((size_t)RB_ARM_COUNT * (size_t)en.n_years * RB_PAYER_COUNT * 3,
             sizeof *S.yearly);
  S.band =
      calloc((size_t)RB_P_COUNT * (size_t)en.H * (size_t)S.nb, sizeof *S.band);
  scratch = calloc((size_t)en.R * 2, sizeof *scratch);
  if (S.ser == NULL || S.msum == NULL || S.hbsum == NULL || S.subsum == NULL ||
      S.items == NULL || S.yearly == NULL || S.band == NULL ||
      scratch == NULL) {
    goto cleanup;
  }
  /* Workspaces, one per thread. */
  wss = calloc((size_t)nt, sizeof *wss);
  if (wss == NULL) {
    goto cleanup;
  }
  for (int k = 0; k < nt; k++) {
    if (workspace_alloc(&wss[k], &en) != RB_OK) {
      goto cleanup;
    }
  }
  /* Replications in chunks: parallel within a chunk, reduced in order. */
  {
    size_t per = en.L.size * sizeof(double);
    size_t want = ((size_t)256 << 20) / (per ? per : 1);
    int chunk = (int)(want < 1024 ? want : 1024);
    if (chunk < 4 * nt) {
      chunk = 4 * nt;
    }
    if (chunk > en.R) {
      chunk = en.R;
    }
    buf = calloc((size_t)chunk * en.L.size, sizeof *buf);
    if (buf == NULL) {
      goto cleanup;
    }
    const engine *enp = &en;
    for (int r0 = 0; r0 < en.R; r0 += chunk) {
      int n = en.R - r0 < chunk ? en.R - r0 : chunk;
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1) default(none)    \
    shared(enp, wss, buf, n, r0)
      for (int k = 0; k < n; k++) {
        run_replication(enp, &wss[omp_get_thread_num()], r0 + k,
                        buf + (size_t)k * enp->L.size);
      }
      for (int k = 0; k < n; k++) {
        reduce_rep(&en, &S, buf + (size_t)k * en.L.size, r0 + k, res);
      }
      if (opts != NULL && opts->progress != NULL) {
        opts->progress(opts->progress_ctx, r0 + n, en.R);
      }
    }
  }
  /* Exposure, exits/deaths and counters: integer counts, summed in any
   * order to the same values. */
  E = calloc(en.e_size, sizeof *E);
  ED = calloc((size_t)en.G * RB_ARM_COUNT * 2 * (size_t)en.H, sizeof *ED);
  cnt = calloc((size_t)en.G * RB_ARM_COUNT * C_COUNT, sizeof *cnt);
  if (E == NULL || ED == NULL || cnt == NULL) {
    goto cleanup;
  }
  for (int k = 0; k < nt; k++) {
    const double *src = psa ? wss[k].Etot : wss[k].E;
    for (size_t i = 0; i < en.e_size; i++) {
      E[i] += src[i];
    }
    for (size_t i = 0; i < (size_t)en.G * RB_ARM_COUNT * 2 * (size_t)en.H;
         i++) {
      ED[i] += wss[k].ED[i];
    }
    for (size_t i = 0; i < (size_t)en.G * RB_ARM_COUNT * C_COUNT; i++) {
      cnt[i] += wss[k].cnt[i];
    }
  }
  if (!psa) {
    for (int ga_i = 0; ga_i < en.G * RB_ARM_COUNT; ga_i++) {
      fold_exposure(&en, &base, E + en.e_off[ga_i], ga_i,
                    S.items +
                        (size_t)ga_i * (size_t)en.n_items * RB_PAYER_SLOTS * 2,
                    S.yearly);
    }
  }
  finalize(res, &en, &S, E, ED, cnt, scratch);
  st = RB_OK;

cleanup:
  if (wss != NULL) {
    for (int k = 0; k < nt; k++) {
      workspace_free(&wss[k]);
    }
  }
  free(wss);
  free(buf);
  free(E);
  free(ED);
  free(cnt);
  free(scratch);
  free(S.ser);
  free(S.msum);
  free(S.hbsum);
  free(S.subsum);
  free(S.items);
  free(S.yearly);
  free(S.band);
  free(en.e_off);
  free(en.drawn_param);
  rb_model_free(&base);
  if (st != RB_OK) {
    rb_results_free(res);
  }
  return st;
}

rb_status rb_engine_run_values(rb_results *out, const rb_scenario *sc,
                               const rb_run_opts *opts, const double *values) {
  return engine_run(out, sc, opts, values, false);
}

rb_status rb_engine_run(rb_results *out, const rb_scenario *sc,
                        const rb_run_opts *opts) {
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

const char *rb_engine_rng_name(void) {
  return RB_RNG_NAME;
}
