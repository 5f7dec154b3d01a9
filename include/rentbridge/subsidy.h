/**
 * @file subsidy.h
 * @brief The deterministic subsidy module: tax, net income, boligsikring,
 * own payment, gap, subsidy and realistic takeover (spec: subsidy.md).
 *
 * No randomness, no I/O and no allocation per call: the Monte Carlo engine
 * calls these functions for every simulated citizen.  Legal parameters come
 * from a rules file (rb_rules), never from code.
 */
#ifndef RENTBRIDGE_SUBSIDY_H
#define RENTBRIDGE_SUBSIDY_H

#include "rentbridge/status.h"

#include <stdbool.h>

/**
 * The largest size of any amount, price or factor a rules file or a
 * scenario may give (kr, m², a factor): 10^12, about the Danish public
 * sector's spending in a year.  No real figure of one citizen comes near
 * it, and with every input below it no total of a run can overflow
 * (scenario-loading.md, "Limits the loader enforces, and why").
 */
#define RB_MAX_AMOUNT 1e12

/** The most tenants of a shared flat (delebolig) rentbridge computes:
 * boligstøtteloven § 24 a, stk. 1, nr. 6 covers bofællesskaber of 3 or 4
 * persons; from 5 the rules of almene kollektive bofællesskaber apply,
 * which need the kommune's approval (not modelled). */
#define RB_MAX_TENANTS 4

/** Payers of public money. */
#define RB_PAYER_LIST(X)                                                       \
  X(RB_PAYER_KOMMUNE, "kommune")                                               \
  X(RB_PAYER_REGION, "region")                                                 \
  X(RB_PAYER_STAT, "stat")
#define RB_PAYER_CONST_(e, name) e,
typedef enum { RB_PAYER_LIST(RB_PAYER_CONST_) RB_PAYER_COUNT } rb_payer;
#undef RB_PAYER_CONST_

/** The payers' names ("kommune", "region", "stat"; index = enum value), as
 * in scenario and rules files. */
extern const char *const rb_payer_names[RB_PAYER_COUNT];

/** Kind of an income profile, with its name in scenario files. */
#define RB_INCOME_KIND_LIST(X)                                                 \
  X(RB_INCOME_BENEFIT, "benefit") /* kontanthjælp etc.: no AM-bidrag */       \
  X(RB_INCOME_SU, "su")           /* SU: taxed, no AM-bidrag */                \
  X(RB_INCOME_WAGE, "wage")       /* AM-bidrag and beskæftigelsesfradrag */
#define RB_INCOME_KIND_CONST_(e, name) e,
typedef enum {
  RB_INCOME_KIND_LIST(RB_INCOME_KIND_CONST_) RB_INCOME_KIND_COUNT
} rb_income_kind;
#undef RB_INCOME_KIND_CONST_

/** The names of the income kinds ("benefit", "su", "wage"; index = enum
 * value), as in scenario files and the subsidy view's JSON. */
extern const char *const rb_income_kind_names[RB_INCOME_KIND_COUNT];

/** How the citizen's own payment toward housing is set (subsidy.own_payment).
 */
typedef enum {
  RB_OWN_INCOME_SHARE, /**< share × net income */
  RB_OWN_RESIDUAL,     /**< max(0, net income − min_left) */
  RB_OWN_FIXED,        /**< a fixed amount */
  RB_OWN_METHOD_COUNT
} rb_own_method;

/** One legal figure of a rules file as written, for the reports. */
typedef struct rb_rule_note {
  char *key;    /**< e.g. "boligsikring.rent_share" (owned) */
  double value; /**< the figure */
  char *source; /**< its legal source, or NULL (owned) */
} rb_rule_note;

/**
 * Legal parameters of one year (a rules file, e.g.
 * scenarios/rules/dk-2026.cfg). Annual amounts in kroner unless stated.  Plain
 * data; the strings are owned.
 */
typedef struct rb_rules {
  char *path;    /**< the file it was read from (owned) */
  char *name;    /**< e.g. "dk-2026" (owned) */
  int year;      /**< rules year, e.g. 2026 */
  bool estimate; /**< some figures are estimates (marked in the file) */

  /* Boligsikring (boligstøtteloven §§ 10–15, 22–23). */
  double bs_rent_share;         /**< 0.60 of the housing cost B (§ 22) */
  double bs_income_taper;       /**< 0.18 of income above the threshold */
  double bs_income_threshold;   /**< T, kr/year (170,300 in 2026) */
  double bs_child_raise;        /**< raise of T per child 2–4, kr/year */
  int bs_child_raise_max;       /**< raises at most (3: children 2, 3 and 4) */
  double bs_min_own_payment;    /**< B − support ≥ this, kr/year (28,700) */
  double bs_max_per_year;       /**< maximum support, kr/year (50,412) */
  double bs_max_raise_children; /**< +share of max with 4+ children (0.25) */
  int bs_max_raise_min_children; /**< children needed for the raise (4) */
  double bs_no_children_cap; /**< support ≤ this × B without children (0.15) */
  double bs_rent_cap;        /**< B ≤ this, kr/year (95,500) */
  double bs_min_payout;      /**< nothing paid below this, kr/year (3,696) */
  double bs_area_first;      /**< m² allowed for the first person (65) */
  double bs_area_per_member; /**< m² per further household member (20) */
  double heat_addon_per_m2;  /**< + kr/m²/year when heat is paid apart (35) */
  double heat_deduction_per_m2; /**< − kr/m² when heat is in the rent (91.50) */
  double hot_water_deduction_per_m2; /**< − kr/m² when hot water is in the rent
                                        (29) */
  double bs_payer[RB_PAYER_COUNT]; /**< financing of boligsikring, sums to 1 */

  /* Kollektive bofællesskaber of 3 or 4 persons in an almen familiebolig
   * (boligstøtteloven § 24 a, stk. 1, nr. 6 and § 24 i; optional block
   * `bofaellesskab`; without it no tenant of a shared flat gets
   * boligsikring). */
  bool has_bofaellesskab;         /**< the rules file has the block */
  int bs_shared_min_tenants;      /**< fewest residents for § 24 i (3) */
  int bs_shared_max_tenants;      /**< most residents for § 24 i (4) */
  double bs_shared_area_m2;       /**< m² allowed per resident (§ 24 i: 65) */
  double bs_shared_child_area_m2; /**< + m² with one or more children (20) */

  /* Income tax (personskatteloven, AMBL). */
  double am_rate;         /**< AM-bidrag, share of a wage (0.08) */
  double bundskat_rate;   /**< 0.1201 */
  double kommuneskat_avg; /**< average kommuneskat (0.2505) */
  double personfradrag;   /**< kr/year (54,100) */
  double besk_rate;       /**< beskæftigelsesfradrag rate (0.1275) */
  double besk_max; /**< beskæftigelsesfradrag maximum, kr/year (63,300) */

  /* Udligning (udligningsloven § 2; optional block `udligning`, all 0
   * without it: the kommune keeps all of its kommuneskat). */
  bool has_udligning;      /**< the rules file has the block */
  double udl_rate;         /**< § 2, stk. 2: 0.75 of the base's change */
  double udl_low_rate;     /**< § 2, stk. 3: + 0.20 below the low limit */
  double udl_low_limit;    /**< § 2, stk. 3: 0.90 of the average base */
  double udl_high_rate;    /**< § 2, stk. 4: + 0.18 above the high limit */
  double udl_high_limit;   /**< § 2, stk. 4: 1.25 of the average base */
  double udl_capital_rate; /**< hovedstadsområde's extra rate (0 since 2021) */

  /* The refusionstrappe (lov om kommunernes finansiering af visse
   * offentlige ydelser §§ 5-6; optional block `refusion`). */
  bool has_refusion;       /**< the rules file has the block */
  double ref_weeks[3];     /**< last week of steps 1-3 (4, 26, 52) */
  double ref_stat[4];      /**< the state's share of each step */
  double ref_reset_weeks;  /**< weeks of self-support that reset (52) */
  double ref_window_weeks; /**< ... within this many weeks (156) */
  /* The kontanthjælpsloft (LAS § 25 b, before the 2025 reform): abolished
   * from 1.7.2025, so its waiver changes nothing (`kontanthjaelpsloft`
   * block of the rules file; absent: not recorded, taken as abolished). */
  bool loft_abolished;
  char *loft_source; /**< its source (owned), may be NULL */

  /* Every figure with its source, in the file's order (parameters.csv and
   * the reports' assumptions); NULL/0 for rules filled in code. */
  rb_rule_note *notes;
  int n_notes;
} rb_rules;

/** A household in a flat: what boligsikring and the gap need. */
typedef struct rb_flat_case {
  int adults;            /**< 1–2 */
  int children;          /**< 0–10 */
  double rent;           /**< monthly rent without utilities, kr */
  double utilities;      /**< monthly utilities paid apart, kr */
  double area_m2;        /**< gross floor area, m² */
  bool heating_included; /**< heat and hot water are in the rent */
  bool foertidspension;  /**< a førtidspensionist: boligstøtteloven § 22,
                            stk. 3's cap without children does not apply */
  /** 0 or 1: an ordinary flat.  2 to RB_MAX_TENANTS: a shared flat
   * (delebolig) of that many tenants, the household above being one of
   * them; rent, utilities and area are then the whole flat's, split
   * equally among the tenants (subsidy.md, "Deleboliger"). */
  int tenants;
} rb_flat_case;

/** An income: the household's whole monthly gross income. */
typedef struct rb_income_case {
  double gross;        /**< kr per month */
  rb_income_kind kind; /**< benefit, SU or wage */
} rb_income_case;

/** How a scheme computes its subsidy (subsidy.md, "Schemes"). */
typedef enum {
  /** The gap G = H − boligsikring − own payment, up to the cap; a flat
   * whose gap is above the cap is refused (the experiment). */
  RB_SUB_GAP_CAP,
  /** The rent and utilities less boligsikring less the boform's own
   * payment, up to the cap: SEL § 163 a, stk. 1 (udslusningsbolig).  The
   * tenant pays what the boform cost them, so every flat with G > 0 is
   * taken with the subsidy. */
  RB_SUB_TO_BOFORM,
  RB_SUB_METHOD_COUNT
} rb_sub_method;

/** The scheme's terms that the subsidy depends on.  All zero after the
 * first fields means today's: the gap up to the cap, every waiver granted. */
typedef struct rb_scheme_terms {
  double cap;               /**< most subsidy per month, kr */
  rb_own_method own_method; /**< own payment rule */
  double own_param;         /**< share, min_left or amount by method */
  double kommuneskat;       /**< the municipality's tax rate */
  bool require_realistic_takeover;
  rb_sub_method method;  /**< how the subsidy is computed */
  double boform_payment; /**< RB_SUB_TO_BOFORM: the boform's own payment
                            (SEL § 163, stk. 2), kr per month */
  /** The offset waiver is not granted: a kontanthjælp recipient's benefit
   * falls by the subsidy (LAS § 30, "indtægter fradrages"). */
  bool offset_in_benefit;
  /** The boligsikring waiver is not granted: boligsikring is computed on
   * the rent less the subsidy paid to the landlord (boligstøtteloven § 9:
   * the boligudgift the tenant pays). */
  bool bs_on_net_rent;
  /** The delebolig waiver is not granted (`delebolig_two_tenants`): a
   * tenant of a shared flat of two gets no boligsikring, as today
   * (boligstøtteloven § 24 a, stk. 1, nr. 6 needs three residents).
   * Granted: each of the two gets it as a resident of § 24 i. */
  bool two_tenants_no_bs;
} rb_scheme_terms;

/** Monthly tax of one income (annual amounts / 12). */
typedef struct rb_tax_result {
  double gross;           /**< kr per month */
  double am_bidrag;       /**< to the state */
  double personal_income; /**< gross − AM */
  double bundskat;        /**< to the state */
  double besk_fradrag;    /**< beskæftigelsesfradrag (monthly) */
  double kommuneskat;     /**< to the kommune */
  double net;             /**< gross − AM − bundskat − kommuneskat */
  double bs_income_year;  /**< boligsikring income I, kr/year */
} rb_tax_result;

/** Which rule computes a household's boligsikring. */
typedef enum {
  RB_BS_HOUSEHOLD, /**< an ordinary flat: the household (§§ 10–14, 22–23) */
  RB_BS_RESIDENT,   /**< a resident of a bofællesskab (§ 24 a, stk. 1, nr. 6,
                       § 24 i), or of a delebolig of two with the waiver: the
                       tenant's share, 65 m², the tenant's own income */
  RB_BS_SHARED_NONE /**< a tenant of a shared flat outside § 24 i (two
                       tenants without the waiver, or a rules file without
                       the bofaellesskab block): no boligsikring */
} rb_bs_rule;

/** Every step of the boligsikring calculation (annual unless stated). */
typedef struct rb_bs_result {
  rb_bs_rule rule;            /**< which rule applied */
  double area;                /**< m² counted: the flat's, or the tenant's
                                 share of a shared flat */
  double housing_cost;        /**< B before caps (step 1) */
  double area_allowed;        /**< m² allowed (step 2) */
  double housing_cost_area;   /**< B after the area cap */
  double housing_cost_capped; /**< B after the rent cap (step 3) */
  double income;              /**< I (step 4) */
  int child_raises;           /**< raises of T, for children 2–4 */
  double threshold;           /**< T with child raises */
  double base;                /**< 0.60 B − 0.18 max(0, I − T) (step 5) */
  double limit_min_own;       /**< B − min own payment */
  double limit_max;           /**< maximum (raised with 4+ children) */
  double limit_no_children;   /**< 0.15 B, or a large number with children */
  double support;             /**< after step 6–7, unrounded */
  double annual;              /**< rounded annual amount */
  double monthly;             /**< rounded monthly amount: what is paid */
} rb_bs_result;

/** One citizen's subsidy case, every intermediate amount per month. */
typedef struct rb_subsidy_result {
  int tenants;             /**< the flat's tenants (1: an ordinary flat) */
  double rent;             /**< monthly rent without utilities: the
                              tenant's share of a shared flat */
  double utilities;        /**< monthly utilities (the tenant's share) */
  double housing_cost;     /**< H = rent + utilities */
  rb_tax_result tax;       /**< tax of the current income */
  rb_bs_result bs;         /**< boligsikring on the current income */
  double housing_benefit;  /**< = bs.monthly */
  double own_payment;      /**< O */
  double gap;              /**< G = H − boligsikring − O (with
                              bs_on_net_rent: boligsikring on H − S) */
  double subsidy;          /**< S = min(cap, max(0, G)); to_boform: of
                              H − boligsikring − boform payment */
  double benefit_offset;   /**< the fall of the benefit by the subsidy
                              (offset_in_benefit, a benefit income): the
                              public's net subsidy is subsidy − this */
  bool capped;             /**< G > cap */
  double future_gap;       /**< G on the future income */
  bool realistic_takeover; /**< future_gap ≤ 0 */
} rb_subsidy_result;

/** Result of an offered flat in one arm, with its name in the subsidy
 * view's JSON: refused (not taken); ordinary (G ≤ 0: taken on ordinary
 * terms, both arms); subsidised (taken with the subsidy, intervention arm).
 */
#define RB_OFFER_LIST(X)                                                       \
  X(RB_OFFER_REFUSED, "refused")                                               \
  X(RB_OFFER_ORDINARY, "ordinary")                                             \
  X(RB_OFFER_SUBSIDISED, "subsidised")
#define RB_OFFER_CONST_(e, name) e,
typedef enum { RB_OFFER_LIST(RB_OFFER_CONST_) } rb_offer_outcome;
#undef RB_OFFER_CONST_
#define RB_OFFER_ONE_(e, name) +1
/** The number of offer outcomes (a constant, not an enumerator, so that a
 * switch over the outcomes stays complete without a default). */
#define RB_OFFER_COUNT (0 RB_OFFER_LIST(RB_OFFER_ONE_))

/** The names of the offer outcomes ("refused", "ordinary", "subsidised";
 * index = enum value). */
extern const char *const rb_offer_names[RB_OFFER_COUNT];

/** Round half up to whole kroner, with a tolerance of 1e-9. */
double rb_round_kr(double x);

/** Monthly tax and net income of @p inc (annual amounts / 12). */
void rb_tax_compute(rb_tax_result *out, const rb_rules *rules,
                    const rb_income_case *inc, double kommuneskat);

/** Boligsikring for @p flat at boligsikring income @p income_year (kr/year),
 * as the law is today (a shared flat of two tenants: none). */
void rb_boligsikring_compute(rb_bs_result *out, const rb_rules *rules,
                             const rb_flat_case *flat, double income_year);

/** The same with the delebolig waiver granted when @p two_tenants_waiver:
 * each tenant of a shared flat of two gets boligsikring as a resident of
 * § 24 i. */
void rb_boligsikring_compute_waiver(rb_bs_result *out, const rb_rules *rules,
                                    const rb_flat_case *flat,
                                    double income_year,
                                    bool two_tenants_waiver);

/**
 * Whether @p tenants is a flat's tenants that the rules can compute: NULL
 * when it is, else the problem in words for the reader's message (for
 * `FILE:LINE: KEY: message (got X)`).
 */
const char *rb_tenants_problem(const rb_rules *rules, int tenants);

/** Own payment O per month for a net income. */
double rb_own_payment(const rb_scheme_terms *terms, double net_income);

/**
 * The whole case: tax, boligsikring, own payment, gap, subsidy, capped, and
 * the realistic takeover on @p future (may be NULL: then future_gap = gap).
 */
void rb_subsidy_compute(rb_subsidy_result *out, const rb_rules *rules,
                        const rb_scheme_terms *terms, const rb_flat_case *flat,
                        const rb_income_case *current,
                        const rb_income_case *future);

/** Gap G only (the fast path): H − boligsikring − O (with bs_on_net_rent,
 * the whole case's G). */
double rb_gap(const rb_rules *rules, const rb_scheme_terms *terms,
              const rb_flat_case *flat, const rb_income_case *inc);

/** rb_gap with the tax of @p inc already computed (@p tax:
 * rb_tax_compute of @p inc at terms->kommuneskat): the same G, for the
 * offers of a compiled model, whose incomes' taxes do not change. */
double rb_gap_taxed(const rb_rules *rules, const rb_scheme_terms *terms,
                    const rb_flat_case *flat, const rb_income_case *inc,
                    const rb_tax_result *tax);

/**
 * How an offered flat is taken in an arm (subsidy.md, "an offered flat").
 * @p intervention selects the arm.
 */
rb_offer_outcome rb_offer_decide(const rb_subsidy_result *r,
                                 const rb_scheme_terms *terms,
                                 bool intervention);

/**
 * The same decision from the gap G on the current income and the gap on the
 * future income (a realistic takeover is future_gap ≤ 0): the fast path of
 * the engine, which keeps both gaps in its rent tables.
 */
rb_offer_outcome rb_offer_from_gaps(double gap, double future_gap,
                                    const rb_scheme_terms *terms,
                                    bool intervention);

/**
 * Whether rb_offer_from_gaps() reads @p future_gap for this @p gap: only an
 * arm with the scheme, a flat with G > 0 and terms that require a realistic
 * takeover (and, on the cap's method, G within the cap).  Otherwise the
 * engine need not compute it (an own rent costs a tax computation).
 */
bool rb_offer_needs_future_gap(double gap, const rb_scheme_terms *terms,
                               bool intervention);

/**
 * Load and validate a rules file.  Every problem goes to @p diag as
 * `FILE:LINE: KEY: message (got X)`.
 * @param[out] out filled on success; free with rb_rules_free().
 * @return RB_OK, RB_EINVALID (problems listed) or RB_EIO (cannot read).
 */
rb_status rb_rules_load(rb_rules *out, const char *path, rb_diag *diag);

/** Free the strings of @p r; NULL-safe. */
void rb_rules_free(rb_rules *r);

#endif
