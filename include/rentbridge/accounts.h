/**
 * @file accounts.h
 * @brief The books every krone is kept in: perspectives, payer slots and
 * the items the model computes itself (spec: model.md, outputs.md).
 *
 * Shared by the compiled model (src/model/) and the engine's results.
 */
#ifndef RENTBRIDGE_ACCOUNTS_H
#define RENTBRIDGE_ACCOUNTS_H

/** Perspectives, each a net cost. */
typedef enum {
  RB_P_KOMMUNE,
  RB_P_PUBLIC,
  RB_P_SOCIETAL,
  RB_P_COUNT
} rb_perspective;

/** Payer slots of an item: the three payers, then "none" (production). */
#define RB_PAYER_SLOTS 4

/** Items computed by the engine, after the scenario's cost items. */
typedef enum {
  RB_ITEM_RENT_SUBSIDY,
  RB_ITEM_HOUSING_BENEFIT,
  RB_ITEM_INCOME,
  RB_ITEM_INCOME_TAX,
  RB_ITEM_PRODUCTION,
  RB_ITEM_RELOCATION,
  RB_ITEM_COMPUTED_COUNT
} rb_computed_item;

#endif
