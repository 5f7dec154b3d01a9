/**
 * @file model.h
 * @brief The compiled model: one scenario with one set of parameter values,
 * turned into tables that the monthly step only looks up.
 */
#ifndef RENTBRIDGE_MODEL_H
#define RENTBRIDGE_MODEL_H

#include "rentbridge/accounts.h"
#include "rentbridge/scenario.h"

#include <gsl/gsl_rng.h>
#include <stdint.h>

/** Live (booked) housing states: placed, both flats, homeless. */
#define RB_LIVE 4
/** Thresholds per (live state, months_in_state): dead, exited, homeless,
 * placed, offer. */
#define RB_NTHR 5
/** Per rent and activity: gap, housing benefit, subsidy. */
#define RB_RT_GAP 0
#define RB_RT_HB 1
#define RB_RT_SUB 2
#define RB_RT_N 3

/** A one-off item booked on an event. */
typedef struct rb_oneoff {
  int item; /**< item index */
  rb_kind kind;
  double amount;               /**< kr */
  const rb_payer_sched *payer; /**< shares at months_in_state */
} rb_oneoff;

/** An item whose payer schedule counts another clock than months in the
 * state (rb_cost.clock; model/netclock.h). */
typedef struct rb_clk_spec {
  int k;                       /**< its index in rb_garm.used */
  bool rolling;                /**< SEL § 110's rolling year (else § 176 a's
                                  months from the first move-in) */
  const rb_payer_sched *payer; /**< its payer schedule (the scenario's) */
} rb_clk_spec;

/** One group in one arm. */
typedef struct rb_garm {
  int M;    /**< the last break of any of the group's schedules */
  int nseg; /**< segments of months_in_state between the breaks */
  /** [nseg + 1] first months_in_state of each segment (the breaks in
   * order, after 0), then INT_MAX: the segment of m is the last one
   * starting at or before m (rb_model_seg).  nseg grows with the number of
   * breaks, never with their size. */
  int *seg_start;
  int ncell;   /**< RB_LIVE × 3 activities × nseg */
  double *thr; /**< [RB_LIVE][nseg][RB_NTHR] cumulative thresholds */
  /** Activity: [0 housed, 1 not][from][2] cumulative thresholds and the
   * target of each slot. */
  double athr[2][RB_A_COUNT][2];
  int ato[RB_A_COUNT][2];
  rb_housing init_h;
  int init_m;
  double init_act[RB_A_COUNT]; /**< cumulative shares */
  /* Flats. */
  rb_rent_dist rent_dist;
  int n_rent;
  double *rent_val;    /**< discrete values */
  double *rent_cum;    /**< discrete cumulative weights, last = 1 */
  double *rent_tab;    /**< discrete: [n][3 act][RB_RT_N] */
  double *rent_tab_g;  /**< discrete: as rent_tab with boligsikring's
                          minimum payout waived: a flat whose boligsikring
                          was granted at the first calculation keeps it
                          below the minimum (issue 12) */
  double *rent_fgap;   /**< discrete: [n] gap on the future income */
  double *rehouse_cum; /**< discrete: [3 act][n] cumulative weights of rents
                          with G ≤ 0, last = 1; all 0 when none qualifies */
  double mu, sigma;    /**< lognormal */
  double lo, hi;       /**< uniform */
  double rstar[RB_A_COUNT]; /**< continuous: highest rent with G ≤ 0 */
  rb_flat_case flat;        /**< household and flat, rent filled per case */
  rb_income_case inc[RB_A_COUNT + 1]; /**< per activity, then the future */
  /** rb_tax_compute of each inc at terms.kommuneskat, for the offers */
  rb_tax_result inc_tax[RB_A_COUNT + 1];
  const rb_payer_sched *inc_payer[RB_A_COUNT]; /**< benefit/SU payers */
  double prod_factor[RB_A_COUNT];              /**< wage production factor */
  rb_scheme_terms terms; /**< the subsidy's terms for this group */
  bool offers;           /**< the arm's scheme offers a subsidised flat */
  /** Per activity: a flat can be taken with the subsidy (the scheme offers
   * one to this group, and with the offset waiver or an income that is
   * not a benefit). */
  bool offers_act[RB_A_COUNT];
  int period, ext_months, max_ext; /**< the scheme's periods */
  bool forced_end;                 /**< the scheme ends in a forced move */
  bool takeover_on_act; /**< takeover test on a new job or education */
  double su_share;      /**< takeover_su_share, or −1: the gap on SU */
  bool per_citizen;     /**< period_per_citizen: the periods a total */
  int search_months;    /**< rehousing_search_months, 0: instant */
  double p_search;      /**< p_rehoused_per_month while searching */
  double p_term;        /**< p_terminated (0: never) */
  double term_homeless; /**< terminated_homeless_share */
  double almene_share;  /**< share of offers the scheme can use (1: any) */
  double sub_state;     /**< share of the subsidy the state pays */
  double p_rehoused;    /**< p_rehoused_at_end for this group */
  double exit_own;      /**< exit_own_home_share (0: none) */
  double persons;       /**< persons per household: adults + children */
  int group;            /**< group index */
  /* Money. */
  double *cost;       /**< [ncell][RB_P_COUNT] net cost of a citizen-month */
  int n_used;         /**< items booked by the month in this group and arm */
  int *used;          /**< their item indices: cost items, then computed */
  rb_kind *used_kind; /**< their kinds */
  double *item_amt;   /**< [ncell][n_used][RB_PAYER_SLOTS] amounts */
  rb_oneoff *oneoff;  /**< one-off items of this arm */
  int n_oneoff;
  double hb_share[RB_PAYER_COUNT]; /**< boligsikring financing */
  double udl_kept; /**< share of kommuneskat the kommune keeps after
                      udligning (model/udligning.h; 1: none) */
  /* The law's clocks and the realisable share (model/netclock.h). */
  int n_clk;        /**< items whose payer schedule counts another clock */
  rb_clk_spec *clk; /**< [n_clk] those items */
  int inc_k;        /**< the income item's index in used, −1 */
  bool trappe[RB_A_COUNT]; /**< the activity's benefit follows the
                              refusionstrappe */
  bool any_trappe;
  int trappe_window; /**< finansieringsloven § 6's window, in months (1–64) */
  int trappe_need;   /**< its months of self-support that reset the count */
  uint64_t trappe_keep; /**< the window's bits of the self-support mask */
  int n_real;           /**< items with a realisable share */
  int *real_k;          /**< [n_real] their indices in used */
  double *real_share;   /**< [n_real] the share a freed bed saves */
  int *real_kb;         /**< [n_real] their indices in the reference arm's
                           used, −1: not booked there */
} rb_garm;

/** The most flats a pool's month can bring (its Poisson draw is cut
 * there; docs/model.md, "Pools"). */
#define RB_MAX_POOL_FLATS 10000

/** A pool of flats (rb_pool) compiled. */
typedef struct rb_pool_m {
  double *rate;    /**< [horizon] flats per month: the Poisson mean */
  bool scheme_any; /**< its flats are almene: a scheme that takes almene
                      flats only (almene_share) can use them */
  int tenants;     /**< rb_pool.tenants: 2–4 a shared flat, else 0 */
  rb_rent_dist dist;
  int n;            /**< discrete: values */
  double *val;      /**< discrete: [n] rents */
  double *cum;      /**< discrete: [n] cumulative weights, last = 1 */
  double mu, sigma; /**< lognormal */
  double lo, hi;    /**< uniform */
  /** Discrete: per garm (rb_model_garm_index) of a group that takes the
   * pool, its rents' rows as rb_garm.rent_tab, rent_tab_g and rent_fgap
   * have the group's own: [garm][n][RB_A_COUNT][RB_RT_N] and [garm][n];
   * NULL for a continuous distribution. */
  double *tab, *tab_g, *fgap;
} rb_pool_m;

/** A pool's discrete rent's rows for one garm (rb_pool_rows_of). */
typedef struct rb_pool_rows {
  const double *tab;   /**< [RB_A_COUNT][RB_RT_N] */
  const double *tab_g; /**< the same with the minimum payout waived */
  double fgap;         /**< the gap on the future income */
} rb_pool_rows;

/** The compiled model of a scenario. */
typedef struct rb_model {
  const rb_scenario *sc;
  const double *v; /**< parameter values it was compiled with */
  int n_groups;
  int n_arms;  /**< the scenario's arms */
  rb_garm *ga; /**< [group][arm]: rb_model_garm_index */
  int n_items;
  int horizon;
  int first_year, n_years;
  double mcpf;
  double *df;   /**< discount factor per month */
  int *year_of; /**< budget-year index per month */
  rb_scheme_terms terms;
  int period, ext_months, max_ext;
  bool at_move_in;
  double p_rehoused;
  double relocation;
  /** The rules with the minimum payout waived (rent_tab_g): a shallow copy
   * of the scenario's, owning nothing. */
  rb_rules rules_g;
  rb_pool_m *pools; /**< [n_pools] the pools of flats, NULL: none */
  int n_pools;
  bool any_real; /**< some group-arm has an item with a realisable share */
  /** [arm][n_params] the values an arm with rb_arm_def.set is compiled
   * with (the model's, its parameter changed); NULL: no such arm. */
  double *v_arm;
} rb_model;

/* ---- the tables' layouts ---------------------------------------------------
 *
 * Given here once, next to the tables, for the model that fills them and
 * the engine that looks them up. */

/** The table cell of live housing state @p h, activity @p a and segment
 * @p seg of months_in_state: [h][a][seg] (rb_garm.cost, item_amt, and the
 * engine's exposure counts). */
static inline int rb_model_cell(const rb_garm *ga, int h, int a, int seg) {
  return (h * RB_A_COUNT + a) * ga->nseg + seg;
}

/** The index in rb_model.ga of group @p gi in arm @p arm. */
static inline int rb_model_garm_index(const rb_model *m, int gi, int arm) {
  return gi * m->n_arms + arm;
}

/** The housing state of table cell @p cell. */
static inline int rb_model_cell_h(const rb_garm *ga, int cell) {
  return cell / (RB_A_COUNT * ga->nseg);
}

/** The activity of table cell @p cell. */
static inline int rb_model_cell_a(const rb_garm *ga, int cell) {
  return (cell / ga->nseg) % RB_A_COUNT;
}

/** cost: [cell][RB_P_COUNT], the first entry of @p cell. */
static inline size_t rb_model_cost_index(int cell) {
  return (size_t)cell * RB_P_COUNT;
}

/** item_amt: [cell][n_used][RB_PAYER_SLOTS], the first entry of @p cell. */
static inline size_t rb_model_amt_index(const rb_garm *ga, int cell) {
  return (size_t)cell * (size_t)ga->n_used * RB_PAYER_SLOTS;
}

/** thr: [RB_LIVE][nseg][RB_NTHR], the first threshold of state @p h in
 * segment @p seg. */
static inline size_t rb_model_thr_index(const rb_garm *ga, int h, int seg) {
  return ((size_t)h * (size_t)ga->nseg + (size_t)seg) * RB_NTHR;
}

/** rent_tab: [rent][RB_A_COUNT][RB_RT_N], the first entry of discrete rent
 * @p j on activity @p a. */
static inline size_t rb_model_rent_index(int j, int a) {
  return ((size_t)j * RB_A_COUNT + (size_t)a) * RB_RT_N;
}

/** A discrete rent's row [RB_A_COUNT][RB_RT_N] of the rent table. */
static inline const double *rb_model_rent_row(const rb_garm *ga, int j) {
  return ga->rent_tab + rb_model_rent_index(j, 0);
}

/** The segment of months_in_state @p m ≥ 0 (a search over the segment
 * starts; the monthly step moves a citizen's segment on with the clock). */
int rb_model_seg(const rb_garm *ga, int m);

/**
 * The subsidy's terms, the household and flat (rent 0) and the share
 * rehoused at the subsidy's end of group @p gi in arm @p arm, with
 * parameter values @p v: the scenario's terms with the group's own
 * kommuneskat and policy where it has them (portfolio files).  The one
 * place these are worked out: the compiled model and the subsidy view
 * both use it.  @p p_rehoused may be NULL.
 */
void rb_group_terms(rb_scheme_terms *terms, rb_flat_case *flat,
                    double *p_rehoused, const rb_scenario *sc, int gi,
                    rb_arm arm, const double *v);

/** The bytes rb_model_alloc() takes for @p sc, worked out before
 * allocating (the engine's memory estimate). */
double rb_model_bytes(const rb_scenario *sc);

/** The segments of months_in_state of group @p gi (rb_garm.nseg). */
int rb_model_nseg(const rb_scenario *sc, int gi);

/** The budget years a run of @p sc spans (rb_model.n_years). */
int rb_model_years(const rb_scenario *sc);

/** Allocate the tables of @p sc (sizes only depend on its structure). */
rb_status rb_model_alloc(rb_model *m, const rb_scenario *sc);

/** Fill the tables with parameter values @p v.
 * @return RB_OK, or RB_EINVALID when an amount of the tables is not finite
 * (rb_model_check says which input). */
rb_status rb_model_compile(rb_model *m, const double *v);

/** Is every amount of the compiled tables finite?  If not, a line in @p d
 * (may be NULL) names the input most likely to blame (rb_model_blame).
 * @return RB_OK or RB_EINVALID. */
rb_status rb_model_check(const rb_model *m, rb_diag *d);

/** The parameter most likely to make item @p item overflow (−1: any):
 * the largest in magnitude of its own inputs (a cost item's amounts,
 * the rents for the subsidy and boligsikring, the incomes, the
 * relocation cost), else of every parameter; −1 when there is none. */
int rb_model_culprit(const rb_scenario *sc, const double *v, int item);

/** A line in @p d (may be NULL) for an amount @p x that is not finite:
 * @p what ("the amount", "the run's total", ...) of item @p item (−1:
 * none) in group @p group (−1: none), at the key, file and line of
 * rb_model_culprit() with values @p v. */
void rb_model_blame(rb_diag *d, const rb_scenario *sc, const double *v,
                    int item, int group, const char *what, double x);

/**
 * Which groups two models of one scenario, compiled with two sets of
 * values, simulate alike: same[gi] is true when every arm of group @p gi
 * has the same tables, bit for bit, and so has everything the model keeps
 * for all groups (the discounting, the scheme's common terms, the rules).
 * A group that depends on others, through a pool of flats, is never the
 * same.  The comparison is conservative: any field it does not know as an
 * owned table of a group-arm is compared by its bytes, pointers included,
 * so a table it does not know makes the groups differ, never the same.
 * The engine's runs that share work (rb_engine_share) simulate only the
 * groups that differ.
 * @param[out] same [n_groups]
 * @return true when the model-wide part is the same (else every same[gi]
 *         is false).
 */
bool rb_model_groups_same(bool *same, const rb_model *a, const rb_model *b);

/** Are arm @p arm_a of @p a and arm @p arm_b of @p b compiled alike, in
 * every group, and the two models' model-wide parts (discounting, the
 * distortion loss, relocation, the rules) the same?  For two views of one
 * scenario (decide/sweep.c runs several values as arms); false with
 * pools. */
bool rb_model_arm_same(const rb_model *a, int arm_a, const rb_model *b,
                       int arm_b);

/** Free the tables; NULL-safe. */
void rb_model_free(rb_model *m);

/** Draw one replication's parameter values (psa); plain values copied. */
void rb_params_draw(double *v, const rb_scenario *sc, gsl_rng *r);

/** The rent at uniform @p u of a distribution @p d: discrete (@p n values
 * @p val with cumulative weights @p cum; sets *idx), lognormal (@p mu,
 * @p sigma) or uniform (@p lo to @p hi; *idx = −1 for both).  A group's
 * rents and a pool's draw with it. */
double rb_rent_inverse(rb_rent_dist d, int n, const double *val,
                       const double *cum, double mu, double sigma, double lo,
                       double hi, double u, int *idx);

/** Draw a rent from a group-arm's whole distribution with uniform @p u.
 * Discrete: returns the value and sets *idx; continuous: *idx = −1. */
double rb_rent_draw(const rb_garm *g, double u, int *idx);

/** Draw a rehousing rent (G ≤ 0 on activity @p a) with uniform @p u. */
double rb_rent_draw_rehouse(const rb_garm *g, int a, double u, int *idx);

/* ---- pools.c: the pools of flats ---------------------------------------- */

/** Allocate the pools' tables of @p sc into @p m; RB_ENOMEM. */
rb_status rb_model_pools_alloc(rb_model *m, const rb_scenario *sc);

/** The bytes of the pools' tables. */
double rb_model_pools_bytes(const rb_scenario *sc);

/** Fill the pools' tables with parameter values @p v. */
void rb_model_pools_compile(rb_model *m, const double *v);

/** Free the pools' tables. */
void rb_model_pools_free(rb_model *m);

/** A flat's rent from pool @p p with uniform @p u; *idx its discrete
 * value's index, −1 for a continuous distribution. */
double rb_pool_rent_draw(const rb_pool_m *p, double u, int *idx);

/** Group flat @p f as a place in a shared flat of @p tenants (2–4; else
 * left an ordinary flat): the group's `utilities` and `area_m2` are the
 * tenant's own, so the whole flat has @p tenants times them (the rent is
 * the pool's, the whole flat's; docs/model.md "Shared flats in a pool"). */
static inline void rb_flat_share(rb_flat_case *f, int tenants) {
  if (tenants > 1) {
    f->tenants = tenants;
    f->utilities *= tenants;
    f->area_m2 *= tenants;
  }
}

/** The rows of pool @p p's discrete rent @p j for garm @p ga_i. */
static inline rb_pool_rows rb_pool_rows_of(const rb_pool_m *p, int ga_i,
                                           int j) {
  const size_t at = (size_t)ga_i * (size_t)p->n + (size_t)j;
  return (rb_pool_rows){p->tab + at * RB_A_COUNT * RB_RT_N,
                        p->tab_g + at * RB_A_COUNT * RB_RT_N, p->fgap[at]};
}

/** The flats arriving in a month at Poisson rate @p rate, by inversion of
 * its cdf at uniform @p u (at most RB_MAX_POOL_FLATS). */
int rb_pool_arrivals(double rate, double u);

#endif
