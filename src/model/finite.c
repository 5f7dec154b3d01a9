/* Finite amounts (model.md, "Limits"): a compiled table holding an
 * infinite or NaN amount, an input too large for the sums of doubles, is
 * refused; the message names the input most likely to blame, by its key,
 * file and line. */
#include "model/model.h"

#include <math.h>
#include <stdio.h>

static bool all_finite(const double *x, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(x[i])) {
      return false;
    }
  }
  return true;
}

/* ---- the input to blame -------------------------------------------------- */

/* Keep parameter @p i in *best when it is larger in magnitude (a value not
 * finite is the largest). */
static void consider(int *best, const double *v, int i) {
  if (i < 0) {
    return;
  }
  const double x = isfinite(v[i]) ? fabs(v[i]) : INFINITY;
  const double b = *best < 0            ? -1.0
                   : isfinite(v[*best]) ? fabs(v[*best])
                                        : INFINITY;
  if (x > b) {
    *best = i;
  }
}

/* The largest of the rent parameters of every group. */
static void consider_rents(int *best, const rb_scenario *sc, const double *v) {
  for (int g = 0; g < sc->n_groups; g++) {
    for (int spec = 0; spec < RB_ARM_SPECS; spec++) {
      const rb_flats *f = &sc->groups[g].arm[spec].flats;
      const rb_rent *r = &f->rent;
      for (int j = 0; r->dist == RB_RENT_DISCRETE && j < r->n; j++) {
        consider(best, v, r->values[j]);
      }
      if (r->dist == RB_RENT_LOGNORMAL) {
        consider(best, v, r->median);
        consider(best, v, r->sigma);
      } else if (r->dist == RB_RENT_UNIFORM) {
        consider(best, v, r->low);
        consider(best, v, r->high);
      }
      consider(best, v, f->utilities);
      consider(best, v, f->area_m2);
    }
  }
  consider(best, v, sc->subsidy.cap);
}

int rb_model_culprit(const rb_scenario *sc, const double *v, int item) {
  int best = -1;
  const int base = sc->n_costs;
  if (item >= 0 && item < base) {
    const rb_sched *a = &sc->costs[item].amount;
    for (int k = 0; k < a->n; k++) {
      consider(&best, v, a->values[k]);
    }
    consider(&best, v, a->scale);
  } else if (item == base + RB_ITEM_RELOCATION) {
    consider(&best, v, sc->subsidy.relocation_cost);
  } else if (item == base + RB_ITEM_RENT_SUBSIDY ||
             item == base + RB_ITEM_HOUSING_BENEFIT) {
    consider_rents(&best, sc, v);
  } else if (item >= base) {
    for (int k = 0; k < sc->n_incomes; k++) {
      consider(&best, v, sc->incomes[k].gross);
      consider(&best, v, sc->incomes[k].production_factor);
    }
  }
  if (best < 0) {
    for (int i = 0; i < sc->n_params; i++) {
      consider(&best, v, i);
    }
  }
  return best;
}

void rb_model_blame(rb_diag *d, const rb_scenario *sc, const double *v,
                    int item, int group, const char *what, double x) {
  if (d == NULL) {
    return;
  }
  char item_txt[160] = "";
  if (item >= 0 && item < sc->n_costs) {
    snprintf(item_txt, sizeof item_txt, " of cost item \"%s\"",
             sc->costs[item].name);
  } else if (item >= sc->n_costs) {
    snprintf(item_txt, sizeof item_txt, " of the computed item \"%s\"",
             rb_computed_item_names[item - sc->n_costs]);
  }
  char group_txt[160] = "";
  if (group >= 0 && group < sc->n_groups) {
    snprintf(group_txt, sizeof group_txt, " in group \"%s\"",
             sc->groups[group].name);
  }
  const int c = rb_model_culprit(sc, v, item);
  if (c < 0) {
    rb_diag_add(d, sc->path, 0, NULL,
                "%s%s%s is not a finite number (%g): the amounts are too "
                "large for the sums of a run",
                what, item_txt, group_txt, x);
    return;
  }
  const rb_param *p = &sc->params[c];
  rb_diag_add(d, p->file, p->line, p->key,
              "is too large for the sums of a run: %s%s%s is not a finite "
              "number (%g) (got %g)",
              what, item_txt, group_txt, x, v[c]);
}

/* ---- the compiled tables --------------------------------------------------
 */

/* A table of group-arm @p ga not finite: the item it belongs to (−1 for
 * none) and the first amount not finite in *x; false when all are. */
static bool garm_bad(const rb_model *m, const rb_garm *ga, int *item,
                     double *x) {
  const size_t nt = rb_model_thr_index(ga, RB_LIVE, 0);
  for (size_t k = 0; k < nt; k++) {
    if (!isfinite(ga->thr[k])) {
      *item = -1;
      *x = ga->thr[k];
      return true;
    }
  }
  const int n_rent = ga->rent_dist == RB_RENT_DISCRETE ? ga->n_rent : 0;
  const double cont[] = {ga->mu, ga->sigma, ga->lo, ga->hi};
  if (!all_finite(ga->rent_val, (size_t)n_rent) ||
      !all_finite(ga->rent_tab, rb_model_rent_index(n_rent, 0)) ||
      !all_finite(ga->rent_fgap, (size_t)n_rent) ||
      (n_rent == 0 && !all_finite(cont, 4))) {
    *item = m->sc->n_costs + RB_ITEM_RENT_SUBSIDY;
    *x = NAN;
    return true;
  }
  for (int cell = 0; cell < ga->ncell; cell++) {
    const double *amt = ga->item_amt + rb_model_amt_index(ga, cell);
    for (int k = 0; k < ga->n_used * RB_PAYER_SLOTS; k++) {
      if (!isfinite(amt[k])) {
        *item = ga->used[k / RB_PAYER_SLOTS];
        *x = amt[k];
        return true;
      }
    }
    const double *cc = ga->cost + rb_model_cost_index(cell);
    for (int p = 0; p < RB_P_COUNT; p++) {
      if (!isfinite(cc[p])) {
        /* Every item finite, their net cost not: the largest item. */
        int big = 0;
        for (int k = 1; k < ga->n_used * RB_PAYER_SLOTS; k++) {
          big = fabs(amt[k]) > fabs(amt[big]) ? k : big;
        }
        *item = ga->used[big / RB_PAYER_SLOTS];
        *x = cc[p];
        return true;
      }
    }
  }
  for (int k = 0; k < ga->n_oneoff; k++) {
    if (!isfinite(ga->oneoff[k].amount)) {
      *item = ga->oneoff[k].item;
      *x = ga->oneoff[k].amount;
      return true;
    }
  }
  return false;
}

/* The first amount of @p m not finite: its group (−1 for none), item (−1
 * for none) and value; false when all are finite. */
static bool model_bad(const rb_model *m, int *group, int *item, double *x) {
  *group = -1;
  *item = -1;
  const double one[] = {m->mcpf, m->relocation};
  if (!all_finite(m->df, (size_t)m->horizon) || !all_finite(one, 2)) {
    *item = isfinite(m->relocation) ? -1 : m->sc->n_costs + RB_ITEM_RELOCATION;
    *x = isfinite(m->relocation) ? NAN : m->relocation;
    return true;
  }
  for (int i = 0; i < m->n_groups * m->n_arms; i++) {
    if (garm_bad(m, &m->ga[i], item, x)) {
      *group = m->ga[i].group;
      return true;
    }
  }
  return false;
}

rb_status rb_model_check(const rb_model *m, rb_diag *d) {
  int group, item;
  double x;
  if (!model_bad(m, &group, &item, &x)) {
    return RB_OK;
  }
  const rb_param *r = &m->sc->params[m->sc->info.discount_rate];
  if (!all_finite(m->df, (size_t)m->horizon) && d != NULL) {
    rb_diag_add(d, r->file, r->line, r->key,
                "gives discount factors that are not finite numbers (got %g)",
                m->v[m->sc->info.discount_rate]);
  } else {
    rb_model_blame(d, m->sc, m->v, item, group, "the amount", x);
  }
  return RB_EINVALID;
}
