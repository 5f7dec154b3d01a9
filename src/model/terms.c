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
  flat->adults = g->adults;
  flat->children = g->children;
  flat->utilities = v[fl->utilities];
  flat->area_m2 = v[fl->area_m2];
  flat->heating_included = fl->heating_included;
  flat->rent = 0.0;
  if (p_rehoused != NULL) {
    *p_rehoused = g->p_rehoused_at_end >= 0 ? v[g->p_rehoused_at_end]
                                            : v[sc->subsidy.p_rehoused_at_end];
  }
}
