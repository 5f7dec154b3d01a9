/**
 * @file accounts.h
 * @brief The books every krone is kept in: perspectives, payer slots and
 * the items the model computes itself (spec: model.md, outputs.md).
 *
 * Shared by the compiled model (src/model/) and the engine's results.
 */
#ifndef RENTBRIDGE_ACCOUNTS_H
#define RENTBRIDGE_ACCOUNTS_H

#include <stdbool.h>

/** Perspectives, each a net cost. */
#define RB_PERSPECTIVE_LIST(X)                                                 \
  X(RB_P_KOMMUNE, "kommune", "kommunen", "kommune")                            \
  X(RB_P_PUBLIC, "public", "det offentlige", "public sector")                  \
  X(RB_P_SOCIETAL, "societal", "samfundet", "society")
#define RB_PERSPECTIVE_CONST_(e, key, da, en) e,
typedef enum {
  RB_PERSPECTIVE_LIST(RB_PERSPECTIVE_CONST_) RB_P_COUNT
} rb_perspective;
#undef RB_PERSPECTIVE_CONST_

/** A perspective's key in files ("kommune", "public", "societal"). */
const char *rb_perspective_name(rb_perspective p);

/** A perspective's short label in running text, Danish ("kommunen", "det
 * offentlige", "samfundet") or English ("kommune", "public sector",
 * "society"). */
const char *rb_perspective_label(rb_perspective p, bool danish);

/** Payer slots of an item: the three payers, then "none" (production). */
#define RB_PAYER_SLOTS 4

/** Days in an average month: a price per day (a takst per døgn) times
 * this is its amount per month. */
#define RB_DAYS_PER_MONTH (365.0 / 12.0)

/** Items computed by the engine, after the scenario's cost items, as an
 * X-macro list of (constant, name in files, Danish label, kind: a word of
 * RB_KIND_LIST in scenario.h without its RB_KIND_ prefix).  The names are
 * reserved: no cost item of a scenario may take one. */
#define RB_COMPUTED_ITEM_LIST(X)                                               \
  X(RB_ITEM_RENT_SUBSIDY, "rent_subsidy", "Midlertidigt huslejetilskud",       \
    TRANSFER)                                                                  \
  X(RB_ITEM_HOUSING_BENEFIT, "housing_benefit", "Boligsikring", TRANSFER)      \
  X(RB_ITEM_INCOME, "income", "Forsørgelse (ydelse/SU)", TRANSFER)             \
  X(RB_ITEM_INCOME_TAX, "income_tax", "Indkomstskat", REVENUE)                 \
  X(RB_ITEM_PRODUCTION, "production", "Produktion (løn)", PRODUCTION)          \
  X(RB_ITEM_RELOCATION, "relocation", "Genhusning", RESOURCE)
#define RB_COMPUTED_ITEM_CONST_(e, name, label, kind) e,
typedef enum {
  RB_COMPUTED_ITEM_LIST(RB_COMPUTED_ITEM_CONST_) RB_ITEM_COMPUTED_COUNT
} rb_computed_item;
#undef RB_COMPUTED_ITEM_CONST_

/** The computed items' names in files ("rent_subsidy", ...), by
 * rb_computed_item. */
extern const char *const rb_computed_item_names[RB_ITEM_COMPUTED_COUNT];

#endif
