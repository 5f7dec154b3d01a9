/**
 * @file scenario.h
 * @brief The scenario (format 1, spec: scenario-format.md) as a plain,
 * immutable struct.  Nothing from libconfig survives loading.
 *
 * Every real-valued quantity lives once in the parameter table
 * (rb_scenario.params) and is referred to by its index.  The table is in the
 * order of the resolved scenario file, which is the order in which psa mode
 * draws the uncertain values.  A schedule is a list of parameter indices with
 * breaks on months_in_state.
 */
#ifndef RENTBRIDGE_SCENARIO_H
#define RENTBRIDGE_SCENARIO_H

#include "rentbridge/status.h"
#include "rentbridge/subsidy.h"

#include <stdbool.h>
#include <stdint.h>

/**
 * Limits the loader enforces (scenario-loading.md, "Limits the loader
 * enforces, and why"); a value beyond one is an invalid scenario.  With
 * them every clock and count of a run fits an int and every total stays
 * finite.  Amounts: RB_MAX_AMOUNT (subsidy.h).
 */
/** horizon_months, and so entry_months: 50 years. */
#define RB_MAX_HORIZON 600
/** Every other clock and duration in months (months_in_state, the
 * subsidy's period, its extensions and their total, the breaks of a
 * schedule): 100 years. */
#define RB_MAX_MONTHS 1200
/** replications. */
#define RB_MAX_REPLICATIONS 1000000
/** The size of one group. */
#define RB_MAX_GROUP_SIZE 100000
/** The number of groups. */
#define RB_MAX_GROUPS 1000
/** The citizens of all groups together. */
#define RB_MAX_COHORT 1000000
/** sigma of a lognormal rent (the spread of log rents). */
#define RB_MAX_RENT_SIGMA 3.0

/** Housing states (model.md). */
#define RB_HOUSING_LIST(X)                                                     \
  X(RB_H_PLACED, "placed")                                                     \
  X(RB_H_SUBSIDISED, "housed_subsidised")                                      \
  X(RB_H_ORDINARY, "housed_ordinary")                                          \
  X(RB_H_HOMELESS, "homeless")                                                 \
  X(RB_H_EXITED, "exited")                                                     \
  X(RB_H_DEAD, "dead")

/* Each enum below is defined once, as an X-macro list of (constant, name in
 * files), which makes both the enum and its name table (rb_*_names[]) with
 * RB_ENUM_CONST and RB_ENUM_NAME (status.h). */

typedef enum { RB_HOUSING_LIST(RB_ENUM_CONST) RB_H_COUNT } rb_housing;

/** Activity states. */
#define RB_ACTIVITY_LIST(X)                                                    \
  X(RB_A_NONE, "none")                                                         \
  X(RB_A_EDUCATION, "education")                                               \
  X(RB_A_EMPLOYED, "employed")
typedef enum { RB_ACTIVITY_LIST(RB_ENUM_CONST) RB_A_COUNT } rb_activity;

/** Arms (model.md, "Arms").  A run compares n_arms arms, 2 …
 * RB_MAX_ARMS, each a scheme (rb_scheme); every arm sees the same random
 * numbers.  The loader orders them so that arm 0 is the first arm listed
 * (the arm the headline is about: today's intervention) and arm 1 the
 * reference (today's baseline), the others after in the order listed.  A
 * scenario without `arms` has today's two: intervention (the scenario's
 * subsidy) and baseline (none). */
#define RB_MAX_ARMS 8
enum { RB_ARM_INTERVENTION = 0, RB_ARM_BASELINE = 1 };
/** An arm's index, 0 … n_arms − 1. */
typedef int rb_arm;
/** A group's own arm blocks: its main one and its baseline override
 * (rb_group.arm); an arm uses one of them (rb_arm_def.baseline). */
#define RB_ARM_SPECS 2
/** The names of today's two arms, and of the two specs of a group. */
#define RB_ARM_LIST(X)                                                         \
  X(RB_ARM_INTERVENTION, "intervention")                                       \
  X(RB_ARM_BASELINE, "baseline")

/** Kinds of money (model.md, "Money"). */
#define RB_KIND_LIST(X)                                                        \
  X(RB_KIND_RESOURCE, "resource")                                              \
  X(RB_KIND_TRANSFER, "transfer")                                              \
  X(RB_KIND_REVENUE, "revenue")                                                \
  X(RB_KIND_PRODUCTION, "production")
typedef enum { RB_KIND_LIST(RB_ENUM_CONST) RB_KIND_COUNT } rb_kind;

/** Events on which a one-off item is booked. */
#define RB_EVENT_LIST(X)                                                       \
  X(RB_EV_MOVE_IN, "move_in")                                                  \
  X(RB_EV_MOVE_OUT, "move_out") /* = relapse */                                \
  X(RB_EV_TAKEOVER, "takeover")                                                \
  X(RB_EV_REHOUSED, "rehoused")                                                \
  X(RB_EV_TERMINATED, "terminated") /* lease ended for lack of engagement */
typedef enum { RB_EVENT_LIST(RB_ENUM_CONST) RB_EV_COUNT } rb_event;

/** Targets of a housing transition, in the order of the uniform draw. */
typedef enum {
  RB_T_DEAD,
  RB_T_EXITED,
  RB_T_HOMELESS,
  RB_T_PLACED,
  RB_T_COUNT
} rb_target;

/** Distributions of an uncertain value (psa mode). */
#define RB_DIST_LIST(X)                                                        \
  X(RB_DIST_PLAIN, "plain") /* a plain number: never drawn */                  \
  X(RB_DIST_PERT, "pert")                                                      \
  X(RB_DIST_TRIANGULAR, "triangular")                                          \
  X(RB_DIST_UNIFORM, "uniform")                                                \
  X(RB_DIST_BETA, "beta")                                                      \
  X(RB_DIST_GAMMA, "gamma")                                                    \
  X(RB_DIST_LOGNORMAL, "lognormal")                                            \
  X(RB_DIST_NORMAL, "normal")                                                  \
  X(RB_DIST_FIXED, "fixed")
typedef enum { RB_DIST_LIST(RB_ENUM_CONST) RB_DIST_COUNT } rb_dist;

typedef enum { RB_MODE_STOCHASTIC, RB_MODE_PSA } rb_mode;
typedef enum { RB_RECOMPUTE_MONTHLY, RB_RECOMPUTE_AT_MOVE_IN } rb_recompute;
typedef enum { RB_LANG_DA, RB_LANG_EN } rb_language;
typedef enum {
  RB_RENT_DISCRETE,
  RB_RENT_LOGNORMAL,
  RB_RENT_UNIFORM
} rb_rent_dist;

/** One real-valued parameter: plain or uncertain. */
typedef struct rb_param {
  char *key;    /**< libconfig path, e.g. "groups.[0].flats.offers_per_month" */
  double value; /**< used in ordinary runs */
  double low;   /**< = value when not given */
  double high;  /**< = value when not given */
  bool has_range; /**< low/high given: takes part in the tornado */
  bool uncertain; /**< written as a group { value = ...; } */
  rb_dist dist;   /**< RB_DIST_PLAIN for a plain number */
  double p1,
      p2; /**< beta a, b; gamma shape, scale; lognormal mu, sigma; normal sd */
  double min, max;  /**< the key's valid range within its limit (±RB_MAX_AMOUNT
                       for amounts): psa draws are cut to it */
  bool probability; /**< a monthly probability */
  char *source;     /**< free text, may be NULL */
  const char *file; /**< file it came from (points into rb_scenario.files) */
  int line;         /**< line in that file */
} rb_param;

/** A schedule on months_in_state; a plain or uncertain value has n = 1. */
typedef struct rb_sched {
  int n;       /**< number of values; 0 = absent (worth 0) */
  int *breaks; /**< n − 1 strictly increasing months */
  int *values; /**< n parameter indices */
  int scale;   /**< parameter index, or −1 for 1.0 */
  int line;    /**< line of the key */
} rb_sched;

/** Payer shares, plain, possibly a schedule on months_in_state. */
typedef struct rb_payer_sched {
  int n;                            /**< number of entries (≥ 1) */
  int *breaks;                      /**< n − 1 */
  double (*shares)[RB_PAYER_COUNT]; /**< n rows, each summing to 1 */
  bool is_schedule;                 /**< written with breaks */
  int line;
} rb_payer_sched;

/** How a cost item's payer schedule counts its months (issue 12): the
 * months in the current state (the format's default), the months booked
 * in the current rolling year from the first admission (SEL § 110's
 * refund days), or the months since the first move-in to a flat, not
 * restarted by a readmission (SEL § 176 a). */
typedef enum rb_payer_clock {
  RB_CLOCK_STATE,
  RB_CLOCK_ROLLING_YEAR,
  RB_CLOCK_SINCE_FIRST_MOVE_IN,
  RB_CLOCK_COUNT
} rb_payer_clock;

/** An income profile. */
typedef struct rb_income {
  char *name;
  int gross; /**< parameter: monthly gross, kr */
  rb_income_kind kind;
  rb_payer_sched payer;  /**< benefit and SU only (n = 0 for a wage) */
  int production_factor; /**< parameter, wage only (−1 otherwise) */
  bool refusion_trappe;  /**< benefit: the state's share follows the
                            refusionstrappe (rules' `refusion` block) */
  int line;
} rb_income;

/** A scenario cost item. */
typedef struct rb_cost {
  char *name, *label;
  rb_kind kind;
  bool one_off;      /**< booked once on an event */
  rb_event on;       /**< the event (one-off items) */
  bool per_day;      /**< amount given per day (× 365/12) */
  rb_sched amount;   /**< per month/day, or the one-off amount (n = 1) */
  unsigned arms;     /**< bit per spec (RB_ARM_SPECS): "intervention" = every
                        arm on a group's main block, "baseline" = every arm
                        on its baseline override */
  unsigned housing;  /**< bit per rb_housing; all bits = any */
  unsigned activity; /**< bit per rb_activity */
  bool has_housing, has_activity, has_arm; /**< `when` keys given */
  bool has_groups;      /**< `when.groups` given (an extension of format 1) */
  bool *in_group;       /**< has_groups: per group index, the item applies */
  rb_payer_sched payer; /**< n = 0 for production */
  rb_payer_clock clock; /**< how the payer schedule counts months */
  int realisable;       /**< parameter: share of the amount the kommune saves
                           when a bed is freed, or −1 (all of it) */
  int line;
} rb_cost;

/** A rent distribution. */
typedef struct rb_rent {
  rb_rent_dist dist;
  int n;             /**< discrete: number of values */
  int *values;       /**< discrete: parameter indices (plain) */
  double *weights;   /**< discrete: weights, positive sum */
  int median, sigma; /**< lognormal: parameter indices */
  int low, high;     /**< uniform: parameter indices */
  int line;
} rb_rent;

/** Flats offered to a group. */
typedef struct rb_flats {
  int offers_per_month; /**< parameter (a probability) */
  rb_rent rent;
  int utilities; /**< parameter, kr per month */
  int area_m2;   /**< parameter */
  bool heating_included;
  int line;
  int lines[5]; /**< lines of offers_per_month, rent, utilities, area_m2,
                   heating */
  /** Bit per pool (rb_scenario.pools) the group's flats come from, in
   * place of its own offers_per_month (docs/model.md, "Pools"); 0: none,
   * the group's own offers as in format 1. */
  unsigned pools;
  int pools_line;
} rb_flats;

/** Initial state of a group's citizens. */
typedef struct rb_initial {
  rb_housing housing;
  int months_in_state;
  double activity[RB_A_COUNT]; /**< shares, sum to 1 */
  int line;
  int housing_line, months_line, activity_line;
} rb_initial;

/** Housing and activity transitions. */
typedef struct rb_transitions {
  /** [from][target]; from is placed, housed_subsidised, housed_ordinary or
   * homeless; n = 0 when not listed. */
  rb_sched out[RB_H_COUNT][RB_T_COUNT];
  int state_line[RB_H_COUNT];
  /** Activity rates [0 = housed, 1 = not housed][rate], parameters:
   * none→education, none→employed, education→employed, education→none,
   * employed→none. */
  int activity[2][5];
  int activity_line[2];
  int line;
} rb_transitions;

/** What differs per arm: the baseline may override these. */
typedef struct rb_arm_spec {
  rb_initial initial;
  rb_flats flats;
  rb_transitions transitions;
} rb_arm_spec;

/** A group of citizens. */
typedef struct rb_group {
  char *name, *label;
  int citizen_group; /**< 1, 2 or 3 */
  int size;
  int entry_months;
  int adults, children;
  bool foertidspension; /**< household.foertidspension: no 15 % cap */
  int income[RB_A_COUNT +
             1]; /**< income profile index per activity, then future */
  rb_arm_spec arm[RB_ARM_SPECS]; /**< [RB_ARM_INTERVENTION] the main block,
                                    [RB_ARM_BASELINE] the baseline merged
                                    from the override */
  bool has_baseline;             /**< a baseline block was given */
  /* Per-group terms (extensions of format 1, for portfolios of several
   * municipalities or target groups in one scenario): −1 = the scenario's. */
  int kommuneskat;                /**< parameter: the group's kommuneskat */
  int p_rehoused_at_end;          /**< parameter: subsidy.p_rehoused_at_end */
  int require_realistic_takeover; /**< 0 or 1: subsidy's, or −1 */
  int tax_base_index;       /**< parameter: the group's kommune's tax base / the
                               average (udligning), or −1: the scenario's */
  int capital_area;         /**< 0 or 1: in the hovedstadsområde, or −1 */
  int benefit_weeks_before; /**< weeks on benefits before entry (the
                               refusionstrappe's clock), default 0 */
  /** parameter: the share of exits from a flat that are to an own
   * permanent home found on the citizen's own initiative (issue 14), or
   * −1: none (every exit lost to follow-up) */
  int exit_own_home_share;
  int cap; /**< parameter: the group's own subsidy.cap (issue 15), or −1 */
  /** The group's own subsidy.period_months, extension_months and
   * max_extensions (issue 15); −1: the scenario's. */
  int period_months, extension_months, max_extensions;
  /* The views of a portfolio (docs/portfolio.md): the kommune the group
   * belongs to and its target group, indices into rb_scenario.kommuner and
   * rb_scenario.targets; given or by default (scenario.municipality, the
   * citizen group). */
  int kommune;
  int target;
  bool kommune_given, target_given; /**< written in the scenario */
  int line;
  int baseline_line;
} rb_group;

/** The scenario block. */
typedef struct rb_scenario_info {
  char *name, *title, *municipality;
  int price_year;
  int start_year, start_month; /**< "YYYY-MM" */
  int horizon_months;
  int replications;
  uint64_t seed;
  rb_mode mode;
  int discount_rate; /**< parameter */
  int mcpf;          /**< parameter */
  int kommuneskat;   /**< parameter (default: the rules' average) */
  bool kommuneskat_given;
  /** Udligning (udligningsloven § 2): the kommune's beskatningsgrundlag per
   * inhabitant over the national average (parameter, −1: not given, no
   * udligning), whether it is in the hovedstadsområde, and the switch. */
  int tax_base_index;
  bool capital_area;
  bool udligning; /**< false: the kommune keeps all its kommuneskat */
  bool udligning_given;
  /** parameter: the yearly price and wage index after price_year (e.g.
   * KL's pris- og lønskøn; docs/portfolio.md), for the budget in current
   * prices; −1 when not given (no index: current = fixed prices) */
  int price_index;
  bool price_index_given;
  rb_language language;
} rb_scenario_info;

/** The citizen's path through a scheme (issue 14), each a switch whose
 * default is format 1's rule: in the subsidy block and in a scheme with
 * its own terms. */
typedef struct rb_path_cfg {
  /** The takeover test is also made when the activity changes to employed
   * or education, not only at the period's ends (false: only at the ends). */
  bool takeover_on_activity;
  /** parameter: the share of the net SU a student can put to housing after
   * boligsikring, the takeover test on education (H − boligsikring ≤
   * share × net SU), or −1: the gap on SU as for any other activity. */
  int takeover_su_share;
  /** The period and its extensions are a total per citizen: a citizen back
   * in placement continues the months already used in a new flat, and none
   * is left once they are used up (false: each flat a fresh period). */
  bool period_per_citizen;
  /** At the end without takeover the tenant stays subsidised while
   * searching, up to this many months, with a monthly chance
   * (p_rehoused_per_month) of a cheaper flat, then back to placed (0: the
   * instant rehousing with p_rehoused_at_end). */
  int search_months;
  int p_rehoused_per_month; /**< parameter (a probability), or −1 */
  /** parameter: the monthly probability that the lease of a subsidised
   * flat is ended for lack of engagement ("Borgeren kan derfor opsiges"),
   * or −1: never. */
  int p_terminated;
  /** parameter: the share of the terminated who go to homelessness, the
   * others to placed, or −1: none (all placed). */
  int terminated_homeless_share;
} rb_path_cfg;

/** The subsidy block. */
typedef struct rb_subsidy_cfg {
  int cap; /**< parameter */
  int period_months;
  int extension_months;
  int max_extensions;
  rb_recompute recompute;
  rb_own_method own_method;
  int own_param; /**< parameter: share, min_left or amount */
  bool require_realistic_takeover;
  int p_rehoused_at_end; /**< parameter (a probability) */
  int relocation_cost;   /**< parameter */
  /** The planner's limit (issue 15): at most this many citizens of a
   * kommune subsidised at the same time, per arm; a citizen who would be
   * subsidised when it is full refuses the flat and keeps waiting.
   * 0: no limit. */
  int limit_citizens;
  int limit_line;
  rb_path_cfg path; /**< the citizen's path (issue 14) */
  int line;
} rb_subsidy_cfg;

/** A figure a parameters file (`--params`, a run's parameters.csv edited)
 * changed. */
typedef struct rb_param_edit {
  char *key;          /**< the parameter's key (owned) */
  const char *column; /**< "value", "low" or "high" (static) */
  int line;           /**< the row's line in the parameters file */
  double was;         /**< the scenario's figure; NAN when it had none */
  double now;         /**< the file's */
} rb_param_edit;
/** What happens at a scheme's end when the tenant is still subsidised. */
typedef enum {
  /** The takeover test (the experiment, udslusningsbolig): the tenant
   * stays on ordinary terms when the gap is ≤ 0, else an extension, else
   * rehousing or back to placed. */
  RB_END_TAKEOVER,
  /** A forced move (inklusionsbolig, almenboligloven § 62 a, stk. 3): the
   * lease ends, the kommune rehouses (p_rehoused_at_end) or the tenant
   * goes back to placed, whatever the gap. */
  RB_END_FORCED_MOVE
} rb_scheme_end;

/** The waivers a scheme may have (subsidy.md, "Waivers"), each a switch. */
#define RB_WAIVER_LIST(X)                                                      \
  X(RB_WAIVER_OFFSET, "offset")                                                \
  X(RB_WAIVER_BS_ACTUAL_RENT, "boligsikring_actual_rent")                      \
  X(RB_WAIVER_LOFT, "kontanthjaelpsloft")                                      \
  X(RB_WAIVER_DELEBOLIG, "delebolig_two_tenants")
typedef enum { RB_WAIVER_LIST(RB_ENUM_CONST) RB_WAIVER_COUNT } rb_waiver;

/** A scheme (model.md, "Schemes"): the terms an arm offers.  The scheme
 * `experiment` is the scenario's subsidy block (own_terms false); `none`
 * offers nothing; the others are a `schemes` list (presets:
 * scenarios/common/schemes.cfg). */
typedef struct rb_scheme {
  char *name;     /**< e.g. "experiment", "udslusningsbolig", "none" */
  char *source;   /**< its legal source, may be NULL */
  char *label;    /**< the words reports use for it, may be NULL */
  bool subsidy;   /**< offers a subsidised flat (false: none, startbolig) */
  bool own_terms; /**< its own terms below (false: the subsidy block's) */
  rb_sub_method method;
  int cap;            /**< parameter, or −1: no cap */
  int boform_payment; /**< parameter (to_boform), or −1 */
  int period_months, extension_months, max_extensions;
  bool require_realistic_takeover;
  rb_scheme_end end;
  rb_path_cfg path;        /**< the citizen's path (own terms only) */
  int p_rehoused_at_end;   /**< parameter, or −1: the subsidy block's */
  double state_share;      /**< share of the subsidy the state pays (a pool) */
  int almene_share;        /**< parameter: the share of offered flats that are
                              almene (flats = "almene"), or −1: any flat */
  unsigned citizen_groups; /**< bit per citizen group (1 << g) that may
                              use it; every bit: all */
  bool waiver[RB_WAIVER_COUNT]; /**< each waiver granted */
  bool listed; /**< written in the scenario's `schemes` (not built in) */
  int line;
} rb_scheme;

/** One arm of the comparison. */
typedef struct rb_arm_def {
  char *name;    /**< as files write it */
  char *label;   /**< as reports write it: `label`, else the scheme's, else
                    NULL (the name) */
  int scheme;    /**< index into rb_scenario.schemes */
  bool baseline; /**< takes the groups' baseline overrides */
  /** NULL: the scheme is the arm's for every group; else per group index
   * whether it is (`arms.[i].groups`); a group it is not for has no scheme
   * in this arm and takes its baseline override. */
  bool *in_group;
  int line;
  /** A sweep's run of several values at once (decide/sweep.c): this arm's
   * tables are compiled with parameter set_param at set_value (every
   * other arm's and the model's own with the scenario's values); false
   * in every loaded scenario. */
  bool set;
  int set_param;
  double set_value;
  /** Stands for arm 0 in a run of several variants beside one reference
   * (a sweep's value, a waiver's row: decide/), and is compiled as arm 0
   * is; false in every loaded scenario. */
  bool as_first;
} rb_arm_def;

/** The most pools a scenario may define (a bit each in rb_flats.pools). */
#define RB_MAX_POOLS 32

/** What a pool's flats are (docs/model.md, "Pools"): almene flats through
 * the kommune's anvisning, private landlords by agreement, almene
 * ungdomsboliger.  A scheme that takes almene flats only (almene_share)
 * can use the flats of an almene or ungdom pool, never a private one. */
#define RB_POOL_KIND_LIST(X)                                                   \
  X(RB_POOL_ALMENE, "almene")                                                  \
  X(RB_POOL_PRIVATE, "private")                                                \
  X(RB_POOL_UNGDOM, "ungdom")
typedef enum {
  RB_POOL_KIND_LIST(RB_ENUM_CONST) RB_POOL_KIND_COUNT
} rb_pool_kind;

/** The order a pool offers a flat to the eligible citizens in. */
typedef enum {
  RB_ORDER_LONGEST_WAITING, /**< most months in the current state first,
                               ties in enrolment order */
  RB_ORDER_ENROLMENT        /**< groups in order, citizens in entry order */
} rb_pool_order;

/** A pool of flats the cohort shares (issue 13): flats arrive each month
 * and go, in its order, to the eligible citizens of the groups that take
 * their flats from it; a flat no one takes is returned. */
typedef struct rb_pool {
  char *name, *label;
  rb_pool_kind kind;
  /** The mean of the month's Poisson arrivals: a value, or a schedule
   * whose breaks count the calendar months from scenario.start (not
   * months_in_state: a pool has no state). */
  rb_sched flats_per_month;
  rb_rent rent; /**< the rents of its flats */
  rb_pool_order order;
  bool homeless;     /**< homeless citizens are offered its flats too */
  unsigned activity; /**< bit per rb_activity that may take its flats
                        (ungdomsboliger: education); all bits: any */
  /** 0 or 1: ordinary flats; 2 to RB_MAX_TENANTS: shared flats
   * (deleboliger) of that many tenants, each flat offering that many
   * places (`tenants`, docs/model.md "Shared flats in a pool"). */
  int tenants;
  int line;
} rb_pool;

/** A loaded, validated scenario.  Immutable after rb_scenario_load(). */
typedef struct rb_scenario {
  char *path;           /**< the top file as given */
  char *rules_path;     /**< `rules` as written in the file */
  char *rules_resolved; /**< the path the rules were read from */
  rb_rules rules;
  rb_scenario_info info;
  rb_subsidy_cfg subsidy;
  rb_scheme *schemes; /**< the schemes the arms use */
  int n_schemes;
  rb_arm_def arms[RB_MAX_ARMS]; /**< 0: the first listed, 1: the reference */
  int n_arms;
  bool arms_given; /**< the scenario lists its arms (else today's two) */
  rb_income *incomes;
  int n_incomes;
  rb_cost *costs;
  int n_costs;
  rb_group *groups;
  int n_groups;
  rb_pool *pools; /**< the pools of flats (`pools`), NULL: none */
  int n_pools;
  /** The portfolio's kommuner and target groups, each name once, in the
   * order the groups first name them (docs/portfolio.md). */
  char **kommuner;
  int n_kommuner;
  char **targets;
  int n_targets;
  bool views_given; /**< some group names its kommune or target group */
  rb_param *params; /**< every real value, in resolved-file order */
  int n_params;
  char **files; /**< file names referred to by params (owned) */
  int n_files;
  char *params_path;    /**< the parameters file applied (--params), or NULL */
  rb_param_edit *edits; /**< what it changed, in its order */
  int n_edits;
} rb_scenario;

/** Options for loading. */
typedef struct rb_load_opts {
  const char *const *sets; /**< "KEY=VALUE" overrides, in order */
  int n_sets;
  /** NULL, or a parameters file (a run's parameters.csv, perhaps edited in
   * a spreadsheet) whose value, low and high columns are applied before
   * the sets (docs/scenario-loading.md, "--params"). */
  const char *params;
} rb_load_opts;

/**
 * Load, apply --set overrides, and validate a scenario.  Every problem goes
 * to @p diag (`FILE:LINE: KEY: message (got X)`), not only the first.
 * Not thread-safe with other loads (libconfig is not); the scenario it
 * gives is immutable and may be shared by threads.
 * @param[out] out a new scenario on success, owned by the caller
 *             (rb_scenario_free); NULL on failure.
 * @param path the scenario file; `@include` and `rules` paths are relative
 *             to its directory.
 * @param opts NULL or the `--set KEY=VALUE` overrides, applied in order,
 *             after the parameters file `params` when one is given.
 * @param diag where the problems are appended (rb_diag_init'ed).
 * @return RB_OK, RB_EINVALID (problems in @p diag), RB_EIO (the file cannot
 *         be read) or RB_ENOMEM.
 */
rb_status rb_scenario_load(rb_scenario **out, const char *path,
                           const rb_load_opts *opts, rb_diag *diag);

/**
 * Is @p path a fragment, not a scenario: a file with no `format` setting
 * that scenarios near it include (the .cfg files of the folder above it and
 * its subfolders)?  Then one line goes to @p diag, `FILE: a fragment, not a
 * scenario (...): it is included by N scenarios: ...`, for a command to
 * print instead of the load's problems.
 */
bool rb_scenario_fragment_note(const char *path, rb_diag *diag);

/**
 * Free a scenario and everything it owns.
 * @param sc a scenario from rb_scenario_load(), or NULL (nothing happens).
 */
void rb_scenario_free(rb_scenario *sc);

/**
 * Write the resolved scenario (includes and overrides applied) as a
 * libconfig file that loads to identical values, keys in the canonical
 * order.
 * @param sc the scenario.
 * @param path the file to write (replaced).
 * @param rules_name what its `rules` key says (e.g. "rules.cfg").
 * @return RB_OK or RB_EIO (the file cannot be written).
 */
rb_status rb_scenario_write(const rb_scenario *sc, const char *path,
                            const char *rules_name);

/**
 * The value of a schedule at a months_in_state.
 * @param s the schedule (n = 0: absent).
 * @param v the value of every parameter (rb_scenario.params order), e.g.
 *          each rb_param.value, or a psa replication's draws.
 * @param m months in the current state.
 * @return the entry in force at @p m times its scale; 0 for an absent one.
 */
double rb_sched_at(const rb_sched *s, const double *v, int m);

/**
 * The entry in force at a months_in_state, for any list with breaks (a
 * schedule's values, a payer schedule's shares).
 * @param breaks the @p n − 1 strictly increasing breaks.
 * @param n the number of entries (≥ 1).
 * @param m months in the current state.
 * @return the index of the entry, 0 … n − 1.
 */
static inline int rb_sched_index(const int *breaks, int n, int m) {
  int i = 0; /* inline: the engine's monthly step looks payers up */
  while (i < n - 1 && m >= breaks[i]) {
    i++;
  }
  return i;
}

/** Is arm @p arm's scheme for group @p gi (its `groups`)? */
static inline bool rb_arm_for_group(const rb_scenario *sc, rb_arm arm, int gi) {
  return sc->arms[arm].in_group == NULL || sc->arms[arm].in_group[gi];
}

/** The block of group @p gi that arm @p arm uses: RB_ARM_BASELINE (the
 * baseline override) for a baseline arm or a group the arm's scheme is not
 * for, else RB_ARM_INTERVENTION. */
static inline int rb_arm_spec_index(const rb_scenario *sc, int gi, rb_arm arm) {
  return sc->arms[arm].baseline || !rb_arm_for_group(sc, arm, gi)
             ? RB_ARM_BASELINE
             : RB_ARM_INTERVENTION;
}

/** The block of group @p gi that arm @p arm uses (rb_arm_spec_index). */
static inline const rb_arm_spec *rb_arm_spec_of(const rb_scenario *sc, int gi,
                                                rb_arm arm) {
  return &sc->groups[gi].arm[rb_arm_spec_index(sc, gi, arm)];
}

/** Does cost item @p c apply to group @p gi in arm @p arm (its when.arm:
 * the block the arm uses for the group)? */
static inline bool rb_cost_in_arm(const rb_scenario *sc, const rb_cost *c,
                                  int gi, rb_arm arm) {
  return !c->has_arm || (c->arms & (1u << rb_arm_spec_index(sc, gi, arm))) != 0;
}

/** Name tables, made from the lists above (index = enum value). */
extern const char *const rb_housing_names[RB_H_COUNT];
extern const char *const rb_activity_names[RB_A_COUNT];
extern const char *const rb_arm_names[RB_ARM_SPECS];
extern const char *const rb_waiver_names[RB_WAIVER_COUNT];
extern const char *const rb_kind_names[RB_KIND_COUNT];
extern const char *const rb_event_names[RB_EV_COUNT];
extern const char *const rb_dist_names[RB_DIST_COUNT];

/**
 * Look a word up in a name table (e.g. `rb_activity_names`, to read an
 * activity from a command line).
 * @param names the table.
 * @param n its number of entries (e.g. RB_A_COUNT).
 * @param word the word, or NULL.
 * @return its index (the enum value), or -1 when it is none of them.
 */
int rb_enum_lookup(const char *const *names, int n, const char *word);

/**
 * The name of an enum value as files and messages write it.
 * @return the name (static), or "?" for a value out of range.
 */
const char *rb_housing_name(rb_housing h);
const char *rb_activity_name(rb_activity a);
const char *rb_arm_name(rb_arm a); /**< today's two arms' names */
const char *rb_kind_name(rb_kind k);
const char *rb_event_name(rb_event e);
const char *rb_payer_name(rb_payer p);
const char *rb_dist_name(rb_dist d);

#endif
