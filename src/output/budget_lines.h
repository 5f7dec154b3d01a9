/**
 * @file budget_lines.h
 * @brief A kommune's budget lines (docs/portfolio.md): every item of a run
 * by the line a kommune budgets it on (the subsidy itself, support,
 * placement, benefits, tax, other), and the price index that turns the
 * fixed prices of price_year into current prices.  Used by budget.csv
 * (views_budget.c) and by the report's budget sheets and items chart.
 */
#ifndef RENTBRIDGE_OUTPUT_BUDGET_LINES_H
#define RENTBRIDGE_OUTPUT_BUDGET_LINES_H

#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"

/** Budget lines, as an X-macro list of (constant, name in files, Danish
 * label, English label). */
#define RB_LINE_LIST(X)                                                        \
  X(RB_LINE_SUBSIDY, "subsidy", "Huslejetilskud", "Rent subsidy")              \
  X(RB_LINE_SUPPORT, "support", "Støtte i bolig", "Support")                   \
  X(RB_LINE_PLACEMENT, "placement", "Anbringelse/ophold", "Placement")         \
  X(RB_LINE_BENEFITS, "benefits", "Ydelser og boligsikring", "Benefits")       \
  X(RB_LINE_TAX, "tax", "Skat (indtægt)", "Tax (revenue)")                     \
  X(RB_LINE_OTHER, "other", "Øvrigt", "Other")
#define RB_LINE_CONST_(e, name, da, en) e,
typedef enum { RB_LINE_LIST(RB_LINE_CONST_) RB_LINE_COUNT } rb_line;
#undef RB_LINE_CONST_

/** The line's name in files ("subsidy", ...). */
const char *rb_line_name(rb_line l);

/** The line's label, Danish or English. */
const char *rb_line_label(rb_line l, bool danish);

/**
 * The line item @p item of @p res is budgeted on: the rent subsidy its own;
 * housing benefit and income benefits; revenue (tax); a cost item booked
 * only while placed or homeless: placement; a resource booked only while
 * housed: support; the rest other.
 */
rb_line rb_item_line(const rb_scenario *sc, const rb_results *res, int item);

/** The factor from price_year's fixed prices to year @p year's current
 * prices: (1 + scenario.price_index)^(year − price_year), 1 without an
 * index. */
double rb_price_factor(const rb_scenario *sc, int year);

/**
 * Kommune @p k's line @p l in @p arm, paid by @p payer in budget year
 * @p y (0-based), kr in fixed prices (a revenue as a positive amount).
 */
double rb_kommune_line(const rb_scenario *sc, const rb_results *res, int k,
                       int arm, rb_line l, int y, int payer);

/** The net of kommune @p k's lines: costs − revenue, fixed prices. */
double rb_kommune_net(const rb_scenario *sc, const rb_results *res, int k,
                      int arm, int y, int payer);

#endif
