/**
 * @file words.h
 * @brief Internal to src/scenario: the words of the scenario format that
 * are not the name table of an X-macro list in scenario.h, shared by the
 * loader and the writer.  Each table is indexed by the enum it names.
 * Where a key takes an enum's names plus a word of its own, the table is
 * built from the X-macro list (e.g. `when.arm` takes "both" and
 * rb_arm_names[]), so the names are still written once.
 */
#ifndef RENTBRIDGE_SCENARIO_WORDS_H
#define RENTBRIDGE_SCENARIO_WORDS_H

#include "rentbridge/scenario.h"

/** The states a citizen moves out of, those before `exited` in
 * rb_housing: placed, housed_subsidised, housed_ordinary, homeless.  They
 * are the states a group starts in and the blocks of `transitions`. */
#define RB_H_FROM_COUNT RB_H_EXITED

/** Activity rates per housing: none→education, none→employed,
 * education→employed, education→none, employed→none. */
#define RB_RATE_COUNT 5

/** The top-level keys of a scenario file. */
#define RB_TOP_COUNT 10
extern const char *const rb_top_words[RB_TOP_COUNT];
/** `pools.[i].kind`, by rb_pool_kind; `pools.[i].order`, by
 * rb_pool_order. */
extern const char *const rb_pool_kind_words[RB_POOL_KIND_COUNT];
extern const char *const rb_pool_order_words[2];
/** `scenario.mode`, by rb_mode. */
extern const char *const rb_mode_words[2];
/** `scenario.language`, by rb_language. */
extern const char *const rb_language_words[2];
/** `subsidy.recompute`, by rb_recompute. */
extern const char *const rb_recompute_words[2];
/** `subsidy.own_payment.method`, by rb_own_method. */
extern const char *const rb_own_method_words[RB_OWN_METHOD_COUNT];
/** The key of each method's parameter (share, min_left, amount). */
extern const char *const rb_own_param_words[RB_OWN_METHOD_COUNT];
/** `incomes.NAME.kind`, by rb_income_kind. */
extern const char *const rb_income_kind_words[RB_INCOME_KIND_COUNT];
/** `costs.[i].payer_clock`, by rb_payer_clock. */
extern const char *const rb_payer_clock_words[RB_CLOCK_COUNT];
/** `incomes.NAME.refusion`: "none" or "trappe". */
extern const char *const rb_refusion_words[2];
/** `flats.rent.dist`, by rb_rent_dist. */
extern const char *const rb_rent_dist_words[3];
/** `flats.heating`: separate (0) or included (1). */
extern const char *const rb_heating_words[2];
/** The events of a state in `transitions`, by rb_target. */
extern const char *const rb_target_words[RB_T_COUNT];
/** The activity rates of `transitions.activity.*` (rb_transitions). */
extern const char *const rb_rate_words[RB_RATE_COUNT];
/** `transitions.activity`'s blocks: housed (0) and not_housed (1). */
extern const char *const rb_housed_words[2];
/** The keys of each distribution's parameters (p1, p2; NULL: none). */
extern const char *const rb_dist_param_words[RB_DIST_COUNT][2];

#endif
