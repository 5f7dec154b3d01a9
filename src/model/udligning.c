/* Udligning in the kommune's books (udligningsloven § 2, model/udligning.h).
 * A change of the kommune's beskatningsgrundlag ΔY brings t·ΔY of
 * kommuneskat and moves its tilskud or bidrag by rate·t_avg·ΔY (§ 2, stk. 2:
 * the average tax level of stk. 6, not the kommune's own), so the kommune
 * keeps 1 − rate·t_avg/t of each krone; the rest goes to the other kommuner
 * through the state's settlement (the public sector's books unchanged). */
#include "model/udligning.h"

double rb_udligning_kept(const rb_scenario *sc, int gi, const double *v) {
  const rb_rules *r = &sc->rules;
  const rb_group *g = &sc->groups[gi];
  const int idx_p =
      g->tax_base_index >= 0 ? g->tax_base_index : sc->info.tax_base_index;
  if (!sc->info.udligning || !r->has_udligning || idx_p < 0) {
    return 1.0;
  }
  const double idx = v[idx_p];
  const bool capital =
      g->capital_area >= 0 ? g->capital_area == 1 : sc->info.capital_area;
  double rate = r->udl_rate;
  if (idx < r->udl_low_limit) {
    rate += r->udl_low_rate; /* § 2, stk. 3 */
  } else if (idx > r->udl_high_limit) {
    rate += r->udl_high_rate; /* § 2, stk. 4 */
  }
  if (capital) {
    rate += r->udl_capital_rate; /* 0 since 2021 (rules file) */
  }
  const int ks = g->kommuneskat >= 0 ? g->kommuneskat : sc->info.kommuneskat;
  const double t = ks >= 0 ? v[ks] : r->kommuneskat_avg;
  if (!(t > 0.0)) {
    return 1.0;
  }
  double kept = 1.0 - rate * r->kommuneskat_avg / t;
  return kept < 0.0 ? 0.0 : kept > 1.0 ? 1.0 : kept;
}

bool rb_udligning_any(const rb_scenario *sc, const double *v) {
  for (int gi = 0; gi < sc->n_groups; gi++) {
    if (rb_udligning_kept(sc, gi, v) < 1.0) {
      return true;
    }
  }
  return false;
}
