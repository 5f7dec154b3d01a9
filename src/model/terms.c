/* A group's subsidy terms and flat (model/model.h): the one place they are
 * worked out, for the compiled model and the subsidy view alike. */
#include "model/model.h"

void rb_group_terms(rb_scheme_terms *terms, rb_flat_case *flat,
                    double *p_rehoused, const rb_scenario *sc, int gi,
                    rb_arm arm, const double *v) {
  const rb_group *g = &sc->groups[gi];
  const rb_flats *fl = &rb_arm_spec_of(sc, gi, arm)->flats;
  terms->cap = v[sc->subsidy.cap];
  terms->own_method = sc->subsidy.own_method;
  terms->own_param = v[sc->subsidy.own_param];
  terms->kommuneskat =
      sc->info.kommuneskat >= 0 ? v[sc->info.kommuneskat] : -1.0;
  terms->require_realistic_takeover = sc->subsidy.require_realistic_takeover;
  if (g->kommuneskat >= 0) {
    terms->kommuneskat = v[g->kommuneskat];
  }
  if (g->cap >= 0) {
    terms->cap = v[g->cap]; /* the group's own cap (groups.[i].subsidy) */
  }
  if (g->require_realistic_takeover >= 0) {
    terms->require_realistic_takeover = g->require_realistic_takeover;
  }
  const rb_scheme *sch = &sc->schemes[sc->arms[arm].scheme];
  if (sch->own_terms) {
    /* The scheme's own subsidy; the tenant's affordability (own payment
     * rule) stays the scenario's. */
    terms->cap = sch->cap >= 0 ? v[sch->cap] : RB_MAX_AMOUNT;
    terms->require_realistic_takeover = sch->require_realistic_takeover;
    terms->method = sch->method;
    terms->boform_payment =
        sch->boform_payment >= 0 ? v[sch->boform_payment] : 0.0;
  } else {
    terms->method = RB_SUB_GAP_CAP;
    terms->boform_payment = 0.0;
  }
  terms->offset_in_benefit = sch->subsidy && !sch->waiver[RB_WAIVER_OFFSET];
  terms->bs_on_net_rent =
      sch->subsidy && !sch->waiver[RB_WAIVER_BS_ACTUAL_RENT];
  /* The delebolig waiver is part of the arm's experiment whether the flat
   * is then taken with the subsidy or on ordinary terms; an arm without a
   * subsidy has today's law. */
  terms->two_tenants_no_bs =
      !(sch->subsidy && sch->waiver[RB_WAIVER_DELEBOLIG]);
  flat->adults = g->adults;
  flat->children = g->children;
  flat->foertidspension = g->foertidspension;
  flat->utilities = v[fl->utilities];
  flat->area_m2 = v[fl->area_m2];
  flat->heating_included = fl->heating_included;
  flat->rent = 0.0;
  flat->tenants = 0; /* a group's own flats are ordinary flats */
  if (p_rehoused != NULL) {
    *p_rehoused = sch->p_rehoused_at_end >= 0 ? v[sch->p_rehoused_at_end]
                  : g->p_rehoused_at_end >= 0
                      ? v[g->p_rehoused_at_end]
                      : v[sc->subsidy.p_rehoused_at_end];
  }
}
