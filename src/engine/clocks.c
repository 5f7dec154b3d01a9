/* The law's clocks of one citizen in one arm (engine/clocks.h). */
#include "engine/clocks.h"

void rb_clk_enter(rb_clk *k, const rb_group *g, int h, int m, int entry) {
  k->recv_weeks = (double)g->benefit_weeks_before;
  k->self_mask = 0;
  k->self_months = 0;
  k->win_start = -1;
  k->win_used = 0;
  k->out_known = false;
  k->first_out = 0;
  for (int j = 0; j < RB_CLK_MEMO; j++) {
    k->memo[j].cell = -1;
  }
  k->memo_inc.cell = -1;
  k->q_cell = -1;
  k->q_until = -1;
  k->q_roll = 0;
  if (h == RB_H_PLACED) {
    /* In the shelter for m months already: a continuous stay began a new
     * rolling year at each anniversary of the admission. */
    k->win_start = entry - m % RB_CLK_YEAR_MONTHS;
    k->win_used = m % RB_CLK_YEAR_MONTHS;
  } else if (h == RB_H_SUBSIDISED || h == RB_H_ORDINARY) {
    k->first_out = entry - m;
    k->out_known = true;
  }
}

double rb_clk_trappe_steps(const rb_rules *r, double w) {
  const double end[4] = {r->ref_weeks[0], r->ref_weeks[1], r->ref_weeks[2],
                         1e300};
  const double a = w, b = w + RB_WEEKS_PER_MONTH;
  double lo = 0.0, sum = 0.0;
  for (int s = 0; s < 4; s++) {
    double x0 = a > lo ? a : lo;
    double x1 = b < end[s] ? b : end[s];
    if (x0 == a && x1 == b) {
      return r->ref_stat[s]; /* the whole month on one step: its share */
    }
    if (x1 > x0) {
      sum += (x1 - x0) * r->ref_stat[s];
    }
    lo = end[s];
  }
  return sum / RB_WEEKS_PER_MONTH;
}

void rb_clk_moved_in(rb_clk *k, int t) {
  k->q_cell = -1; /* § 176 a's months count from here */
  if (!k->out_known) {
    k->first_out = t;
    k->out_known = true;
  }
}
