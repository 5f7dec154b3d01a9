/* The law's clocks of one citizen in one arm (issue 12, docs/model.md,
 * "The law's clocks"): the refusionstrappe's weeks of receipt with its
 * reset (finansieringsloven §§ 5-6), the § 110 refund's rolling year from
 * the first admission and the § 176 a months from the first move-in.  The
 * compiled tables book every item on the months_in_state schedule; these
 * give the corrections per payer that make the payers follow the law's
 * clocks (a transfer between payers: the public total is unchanged). */
#ifndef RENTBRIDGE_ENGINE_CLOCKS_H
#define RENTBRIDGE_ENGINE_CLOCKS_H

#include "model/model.h"

#include <stdbool.h>
#include <stdint.h>

/** The clocked items whose last correction a citizen's clocks keep. */
#define RB_CLK_MEMO 4

/** The last correction of one clocked item (or of the income), kept
 * because it is the same month after month: it depends only on the table
 * cell and on the payer shares the clock selects, which change at the
 * schedule's breaks and the staircase's steps. */
typedef struct rb_clk_memo {
  int cell;         /**< the cell it is for, −1: none yet */
  bool booked;      /**< the item has an amount in that cell */
  const double *sh; /**< the payer shares it was made with (items) */
  double s;         /**< the state's share it was made with (income) */
  bool any;         /**< some payer's correction is not 0 */
  double d[RB_PAYER_COUNT];
} rb_clk_memo;

/** One citizen's clocks in one arm. */
typedef struct rb_clk {
  double recv_weeks;  /**< weeks on the staircase before this month */
  uint64_t self_mask; /**< bit k: self-supporting k + 1 months ago (36) */
  int self_months;    /**< bits set in self_mask */
  int win_start;      /**< month the current rolling year began, or −1 */
  int win_used;       /**< months booked in it so far */
  int first_out;      /**< the month counted as the first move-in, or a
                         large negative number before it */
  bool out_known;     /**< first_out is set */
  rb_clk_memo memo[RB_CLK_MEMO]; /**< clocked items 0 … RB_CLK_MEMO − 1 */
  rb_clk_memo memo_inc;          /**< the income's */
} rb_clk;

/** A correction of one item in one month: add @c d[p] to payer p. */
typedef struct rb_clk_fix {
  int item;
  rb_kind kind;
  double d[RB_PAYER_COUNT];
} rb_clk_fix;

/** The clocks at entry in month @p entry of a citizen of group @p g who
 * starts in state @p h with @p m months in it. */
void rb_clk_enter(rb_clk *k, const rb_group *g, int h, int m, int entry);

/** The state's share, under rules @p r, of a month of receipt that starts
 * after @p w weeks of receipt: the steps' shares averaged over the month's
 * 52/12 weeks. */
double rb_clk_trappe_stat(const rb_rules *r, double w);

/** The correction of clocked item j (ga->clk_k[j]) in month @p t, booked
 * in table cell @p cell while in housing state @p h; advances that item's
 * clock.  @return false when there is nothing to correct. */
bool rb_clk_item(rb_clk_fix *f, rb_clk *k, const rb_scenario *sc,
                 const rb_garm *ga, int j, int h, int cell, int t);

/** The refusionstrappe's correction of the income item in cell @p cell on
 * activity @p a (kept in the clocks' memo); @return false when there is
 * nothing to correct. */
bool rb_clk_income(rb_clk_fix *f, rb_clk *k, const rb_scenario *sc,
                   const rb_garm *ga, int a, int cell);

/** Move the staircase's clock on by a month on activity @p a (receipt,
 * self-support or neither), with the reset of finansieringsloven § 6. */
void rb_clk_advance(rb_clk *k, const rb_scenario *sc, const rb_garm *ga, int a);

/** The amount of item @p k (an index in ga->used) in table cell @p cell,
 * over every payer. */
double rb_clk_cell_total(const rb_garm *ga, int k, int cell);

/** Note a move into a flat in month @p t (the § 176 a clock's start). */
void rb_clk_moved_in(rb_clk *k, int t);

#endif
