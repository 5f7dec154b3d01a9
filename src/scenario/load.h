/**
 * @file load.h
 * @brief Internal to the scenario loader: its state and the readers its
 * files share.
 *
 * The loader converts a config tree (config/cfgtree.h, read with `--set`
 * applied) into an rb_scenario, checking every rule on the way.  Its files,
 * each calling only those listed after it:
 *
 * - scenario_load.c: the entry point, the rules file and freeing;
 * - load_blocks.c:   the scenario and subsidy blocks, the income profiles;
 * - load_costs.c:    the cost items;
 * - load_groups.c:   the groups, with their baseline arm merged in;
 * - load_arm.c:      what an arm holds: flats and rent, initial state,
 *                    transitions;
 * - load_validate.c: the rules across fields (sums of probabilities,
 *                    when.groups);
 * - load_sched.c:    schedules on months_in_state and payer shares;
 * - load_value.c:    single values: parameters, uncertain values and their
 *                    distributions, shares, names.
 *
 * Parameters are created in the canonical order of the resolved file (the
 * order rb_scenario_write() writes them, the psa draw order), so the order
 * of the calls below matters.
 */
#ifndef RENTBRIDGE_SCENARIO_LOAD_H
#define RENTBRIDGE_SCENARIO_LOAD_H

#include "config/cfgget.h"
#include "rentbridge/scenario.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#define NAMEMAX 64   /**< longest name of an income, cost item, group */
#define SUM_TOL 1e-9 /**< tolerance of a sum that must be 1 */

/** The valid range of a real-valued key. */
typedef struct vspec {
  rb_range range;
  bool probability; /**< a monthly probability */
  /** Its size is at most this (RB_MAX_AMOUNT, or a tighter limit of the
   * key): beyond the range, which says what the key means, a bound that
   * keeps every total finite; psa draws are cut there too. */
  double limit;
  const char *beyond; /**< why, for the message */
} vspec;

extern const vspec V_PROB;   /**< a probability in [0, 1] */
extern const vspec V_UNIT;   /**< a share or rate in [0, 1] */
extern const vspec V_NONNEG; /**< >= 0 */
extern const vspec V_POS;    /**< > 0 */
extern const vspec V_ANY;    /**< any finite number */
extern const vspec V_SIGMA;  /**< a lognormal rent's sigma: > 0, at most
                                  RB_MAX_RENT_SIGMA */

/** Loader state. */
typedef struct ld {
  rb_check ck; /**< problems, their count, out of memory; ck.top interned */
  rb_scenario *sc;
  int cap_params;
  unsigned char *bad; /**< per parameter: its value is invalid */
  rb_names files;
  int horizon; /**< horizon_months, 0 when invalid */
  int period;  /**< period_months, 0 when invalid */
} ld;

/** Parameter @p i, or NULL for −1 (no memory). */
static inline rb_param *P(ld *c, int i) {
  assert(i < c->sc->n_params);
  return i >= 0 ? &c->sc->params[i] : NULL;
}

static inline void mark_bad(ld *c, int i) {
  if (i >= 0) {
    c->bad[i] = 1;
  }
}

static inline bool is_bad(const ld *c, int i) {
  return i < 0 || c->bad[i] != 0;
}

/** @p n zeroed items of @p size (NULL for none); out of memory sets
 * ck.oom and gives NULL. */
static inline void *ld_calloc(ld *c, int n, size_t size) {
  void *p = n > 0 ? calloc((size_t)n, size) : NULL;
  if (n > 0 && p == NULL) {
    c->ck.oom = true;
  }
  return p;
}

/** A computed sum for a message: ten significant digits hide rounding. */
static inline void fmt_sum(char *buf, size_t size, double x) {
  snprintf(buf, size, "%.10g", x);
}

/* load_value.c ------------------------------------------------------- */

/** An identifier of at most NAMEMAX characters. */
bool rb_ld_is_ident(const char *s);

/** A scenario name: 1–NAMEMAX characters of a-z, 0-9, _ and -. */
bool rb_ld_is_scenario_name(const char *s);

/** The rules for the `name` of an item of a list (costs, groups). */
typedef struct rb_ld_name_rule {
  const char *list;            /**< "costs": "already used by costs.[J]" */
  const char *const *reserved; /**< names an item may not take */
  int n_reserved;
  const char *reserved_msg; /**< why (the message before " (got X)") */
  /** The name of item @p j of the list (NULL when it had none). */
  const char *(*earlier)(const rb_scenario *sc, int j);
} rb_ld_name_rule;

/**
 * The `name` of item @p i of a list: required, an identifier, none of the
 * reserved names, and unique among the items before it.
 * @return the name (owned by the tree), or NULL when it is missing or not
 * a string.
 */
const char *rb_ld_name(ld *c, const rb_node *g, const char *path, int i,
                       const rb_ld_name_rule *rule);

/** A finite number within the range and the limit of @p vs into @p out. */
bool rb_ld_number(ld *c, const rb_node *n, const char *key, const vspec *vs,
                  double *out);

/** A new plain parameter (value 0) for @p key at @p at; −1 on OOM. */
int rb_ld_new_param(ld *c, const char *key, const rb_node *at, const vspec *vs);

/** A group with `values` or `breaks`: written as a schedule. */
bool rb_ld_is_schedule(const rb_node *n);

/** A value node (plain number or uncertain group) into a new parameter. */
int rb_ld_value_node(ld *c, const rb_node *v, const char *key, const vspec *vs);

/**
 * A real value member; absent → @p def (plain) or, when @p required, a
 * problem.  Always returns a parameter index (−1 only without memory).
 */
int rb_ld_value(ld *c, const rb_node *g, const char *path, const char *name,
                const vspec *vs, bool required, double def, bool *given);

/** A share in [0, 1], a plain number (@p what: "a payer share" ...). */
bool rb_ld_share(ld *c, const rb_node *x, const char *key, const char *what,
                 double *out);

/* load_sched.c ------------------------------------------------------- */

/** A value node that may be a schedule { breaks; values; scale; }. */
void rb_ld_sched(ld *c, rb_sched *out, const rb_node *n, const char *key,
                 const vspec *vs, bool allow_schedule);

void rb_ld_sched_free(rb_sched *s);

/** A payer: { kommune = 0.5; stat = 0.5; } or a schedule with breaks. */
void rb_ld_payer(ld *c, rb_payer_sched *out, const rb_node *n, const char *key);

void rb_ld_payer_free(rb_payer_sched *p);

/* load_validate.c ---------------------------------------------------- */

/**
 * The sums of the probabilities out of each state (offers included) and
 * of the activity rates of arm @p a, at every break, uncertain values at
 * their high.  @p base is the intervention arm when @p a is the baseline
 * (a problem it did not override points at @p at_default).
 */
void rb_ld_check_arm_sums(ld *c, const rb_arm_spec *a, const rb_arm_spec *base,
                          const char *tpath, const rb_node *at_default);

/** when.groups of every cost item, once the groups are read. */
void rb_ld_cost_groups(ld *c, const rb_node *root);

/** A list of group names @p n (when.groups, arms.[i].groups), each once,
 * into @p in_group (one per group, all false before). */
void rb_ld_group_list(ld *c, bool *in_group, const rb_node *n, const char *key);

/* load_arm.c --------------------------------------------------------- */

/** An arm with no parameters yet (indices −1). */
void rb_ld_arm_init(rb_arm_spec *a);

void rb_ld_arm_free(rb_arm_spec *a);

/** A deep copy of an arm that refers to the same parameters. */
void rb_ld_arm_copy(ld *c, rb_arm_spec *dst, const rb_arm_spec *src);

/** `flats`; @p partial: a baseline override (only the keys given). */
void rb_ld_flats(ld *c, rb_flats *f, const rb_node *g, const char *path,
                 bool partial);

/** A rent distribution block @p n (NULL: none, indices −1) at @p key. */
void rb_ld_rent(ld *c, rb_rent *r, const rb_node *n, const char *key);

void rb_ld_rent_free(rb_rent *r);

/* load_pools.c ------------------------------------------------------- */

/** The top-level `pools` list (before the groups). */
void rb_ld_pools(ld *c, const rb_node *root);

void rb_ld_pools_free(rb_scenario *sc);

/** A group's `flats.pools` @p n at @p key: a bit per pool named. */
unsigned rb_ld_flats_pools(ld *c, const rb_node *n, const char *key);

/** `initial`; @p partial as for rb_ld_flats(). */
void rb_ld_initial(ld *c, rb_initial *in, const rb_node *g, const char *path,
                   bool partial);

/** `transitions`; @p partial as for rb_ld_flats(). */
void rb_ld_transitions(ld *c, rb_transitions *t, const rb_node *g,
                       const char *path, bool partial);

/* load_groups.c, load_costs.c, load_blocks.c ------------------------- */

void rb_ld_groups(ld *c, const rb_node *root);
void rb_ld_groups_free(rb_scenario *sc);

/* load_views.c ------------------------------------------------------- */

/** groups.[i].kommune and groups.[i].target, once the groups are read:
 * the tables of kommuner and target groups (docs/portfolio.md). */
void rb_ld_views(ld *c, const rb_node *root);
void rb_ld_views_free(rb_scenario *sc);
void rb_ld_costs(ld *c, const rb_node *root);
void rb_ld_scenario_block(ld *c, const rb_node *root);
void rb_ld_subsidy_block(ld *c, const rb_node *root);
void rb_ld_incomes(ld *c, const rb_node *root);

/** period_months, extension_months (default 6) and max_extensions (default
 * 2) of @p g at @p path (the subsidy block, a scheme), the longest subsidy
 * within RB_MAX_MONTHS.  @return whether period_months is valid. */
/* The keys of the citizen's path (issue 14), in the subsidy block and a
 * scheme with its own terms: read into @p pc (defaults: format 1's). */
#define RB_LD_PATH_KEYS                                                        \
  "takeover_on_activity", "takeover_su_share", "period_per_citizen",           \
      "rehousing_search_months", "p_rehoused_per_month", "p_terminated",       \
      "terminated_homeless_share"
/* A value that is a parameter when given, else −1. */
int rb_ld_opt_value(ld *c, const rb_node *g, const char *path, const char *name,
                    const vspec *vs);
void rb_ld_path_keys(ld *c, const rb_node *g, const char *path,
                     rb_path_cfg *pc);
bool rb_ld_periods(ld *c, const rb_node *g, const char *path, int *period,
                   int *extension, int *max_ext);

/* load_arms.c -------------------------------------------------------- */

/** The schemes and the arms (today's two when `arms` is absent). */
void rb_ld_arms(ld *c, const rb_node *root);
/** The index of scheme @p name in sc->schemes, or −1. */
int rb_ld_scheme_find(const rb_scenario *sc, const char *name);
/** Free the arms' and schemes' strings. */
void rb_ld_arms_free(rb_scenario *sc);

#endif
