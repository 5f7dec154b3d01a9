/* The results' tables: allocated once for a run with the dimensions of
 * rentbridge/engine.h, with the names of the scenario's cost items and of
 * the items the engine computes itself. */
#include "engine/engine_internal.h"

#include <stdlib.h>
#include <string.h>

/* The computed items' labels and kinds, from accounts.h's list. */
#define LABEL_(e, name, label, kind) label,
#define KIND_(e, name, label, kind) RB_KIND_##kind,
static const char *const computed_labels[RB_ITEM_COMPUTED_COUNT] = {
    RB_COMPUTED_ITEM_LIST(LABEL_)};
static const rb_kind computed_kinds[RB_ITEM_COMPUTED_COUNT] = {
    RB_COMPUTED_ITEM_LIST(KIND_)};
#undef LABEL_
#undef KIND_

static rb_status alloc_group_result(rb_group_result *g, const rb_eng *en) {
  g->items = rb_eng_zalloc(rb_eng_items_size(en, en->A), sizeof *g->items);
  g->cum_saving = rb_eng_zalloc(rb_cum_saving_index(en->H, RB_DISC_COUNT, 0, 0),
                                sizeof *g->cum_saving);
  g->month_cost =
      rb_eng_zalloc(rb_month_cost_index(en->H, en->A, RB_DISC_COUNT, 0, 0, 0),
                    sizeof *g->month_cost);
  return (g->items && g->cum_saving && g->month_cost) ? RB_OK : RB_ENOMEM;
}

static void free_group_result(rb_group_result *g) {
  free(g->items);
  free(g->cum_saving);
  free(g->month_cost);
}

void rb_results_free(rb_results *r) {
  if (r == NULL) {
    return;
  }
  for (int g = 0; g < r->n_groups && r->groups != NULL; g++) {
    free_group_result(&r->groups[g]);
  }
  free(r->groups);
  free_group_result(&r->all);
  for (int v = 0; v < r->n_kommuner && r->kommuner != NULL; v++) {
    free_group_result(&r->kommuner[v]);
  }
  free(r->kommuner);
  for (int v = 0; v < r->n_targets && r->targets != NULL; v++) {
    free_group_result(&r->targets[v]);
  }
  free(r->targets);
  free(r->kommune_years);
  free(r->kommune_sub_months);
  free(r->kommune_sub_citizens);
  free(r->pool_months);
  free(r->limit_months);
  free(r->item_name);
  free(r->item_label);
  free(r->item_kind);
  free(r->yearly);
  free(r->monthly_housing);
  free(r->monthly_activity);
  free(r->band);
  free(r->drawn_param);
  free(r->drawn);
  free(r->rep_saving);
  memset(r, 0, sizeof *r);
}

/* The whole cohort's tables: budget years, monthly states, the band. */
static rb_status alloc_cohort_tables(rb_results *res, const rb_eng *en) {
  const int H = en->H;
  res->yearly = rb_eng_zalloc(rb_eng_yearly_size(en), sizeof *res->yearly);
  res->monthly_housing = rb_eng_zalloc(rb_monthly_housing_index(H, en->A, 0, 0),
                                       sizeof *res->monthly_housing);
  res->monthly_activity = rb_eng_zalloc(
      rb_monthly_activity_index(H, en->A, 0, 0), sizeof *res->monthly_activity);
  res->band =
      rb_eng_zalloc(rb_band_index(H, RB_P_COUNT, 0, 0), sizeof *res->band);
  return res->yearly && res->monthly_housing && res->monthly_activity &&
                 res->band
             ? RB_OK
             : RB_ENOMEM;
}

/* Names, labels and kinds of the items: the scenario's, then computed. */
static rb_status alloc_items(rb_results *res, const rb_eng *en) {
  const rb_scenario *sc = en->sc;
  res->item_name = calloc((size_t)en->n_items, sizeof *res->item_name);
  res->item_label = calloc((size_t)en->n_items, sizeof *res->item_label);
  res->item_kind = calloc((size_t)en->n_items, sizeof *res->item_kind);
  if (res->item_name == NULL || res->item_label == NULL ||
      res->item_kind == NULL) {
    return RB_ENOMEM;
  }
  for (int i = 0; i < sc->n_costs; i++) {
    res->item_name[i] = sc->costs[i].name;
    res->item_label[i] = sc->costs[i].label;
    res->item_kind[i] = sc->costs[i].kind;
  }
  for (int k = 0; k < RB_ITEM_COMPUTED_COUNT; k++) {
    res->item_name[sc->n_costs + k] = rb_computed_item_names[k];
    res->item_label[sc->n_costs + k] = computed_labels[k];
    res->item_kind[sc->n_costs + k] = computed_kinds[k];
  }
  return RB_OK;
}

/* The results of @p n views (kommuner or target groups). */
static rb_status alloc_views(rb_group_result **v, int *nv, const rb_eng *en,
                             int n) {
  if (n == 0) {
    return RB_OK;
  }
  *v = rb_eng_zalloc((size_t)n, sizeof **v);
  if (*v == NULL) {
    return RB_ENOMEM;
  }
  *nv = n;
  for (int i = 0; i < n; i++) {
    if (alloc_group_result(&(*v)[i], en) != RB_OK) {
      return RB_ENOMEM;
    }
  }
  return RB_OK;
}

/* psa: per replication the drawn values and the savings. */
static rb_status alloc_psa(rb_results *res, const rb_eng *en) {
  res->n_drawn = en->n_drawn;
  res->drawn_param = calloc((size_t)en->n_drawn + 1, sizeof *res->drawn_param);
  res->drawn = rb_eng_zalloc(rb_drawn_index(en->n_drawn, en->R, 0) + 1,
                             sizeof *res->drawn);
  res->rep_saving =
      rb_eng_zalloc(rb_rep_saving_index(en->R, 0, 0), sizeof *res->rep_saving);
  if (res->drawn_param == NULL || res->drawn == NULL ||
      res->rep_saving == NULL) {
    return RB_ENOMEM;
  }
  memcpy(res->drawn_param, en->drawn_param,
         (size_t)en->n_drawn * sizeof *res->drawn_param);
  return RB_OK;
}

rb_status rb_eng_results_alloc(rb_results *res, const rb_eng *en, int threads) {
  res->n_arms = en->A;
  res->arms_given = en->sc->arms_given;
  for (int a = 0; a < en->A; a++) {
    res->arm_name[a] = en->sc->arms[a].name;
    res->arm_label[a] = en->sc->arms[a].label != NULL ? en->sc->arms[a].label
                                                      : en->sc->arms[a].name;
  }
  res->replications = en->R;
  res->threads = threads;
  res->horizon = en->H;
  res->n_groups = en->G;
  res->n_items = en->n_items;
  res->first_year = en->base->first_year;
  res->n_years = en->n_years;
  res->groups = rb_eng_zalloc((size_t)en->G, sizeof *res->groups);
  if (res->groups == NULL || alloc_items(res, en) != RB_OK ||
      alloc_cohort_tables(res, en) != RB_OK) {
    return RB_ENOMEM;
  }
  for (int g = 0; g < en->G; g++) {
    if (alloc_group_result(&res->groups[g], en) != RB_OK) {
      return RB_ENOMEM;
    }
  }
  if (alloc_group_result(&res->all, en) != RB_OK ||
      alloc_views(&res->kommuner, &res->n_kommuner, en, en->K) != RB_OK ||
      alloc_views(&res->targets, &res->n_targets, en, en->T) != RB_OK) {
    return RB_ENOMEM;
  }
  if (en->K > 0) {
    res->kommune_years =
        rb_eng_zalloc(rb_eng_ky_size(en), sizeof *res->kommune_years);
    res->kommune_sub_months =
        rb_eng_zalloc(rb_eng_kcit_size(en), sizeof *res->kommune_sub_months);
    res->kommune_sub_citizens =
        rb_eng_zalloc(rb_eng_kcit_size(en), sizeof *res->kommune_sub_citizens);
    if (res->kommune_years == NULL || res->kommune_sub_months == NULL ||
        res->kommune_sub_citizens == NULL) {
      return RB_ENOMEM;
    }
  }
  res->n_pools = en->sc->n_pools;
  if (res->n_pools > 0) {
    res->pool_months =
        rb_eng_zalloc(rb_eng_pcnt_size(en), sizeof *res->pool_months);
    if (res->pool_months == NULL) {
      return RB_ENOMEM;
    }
  }
  res->limit = en->limit;
  if (en->limit > 0) {
    res->limit_months =
        rb_eng_zalloc(rb_eng_lcnt_size(en) - 1, sizeof *res->limit_months);
    if (res->limit_months == NULL) {
      return RB_ENOMEM;
    }
  }
  return en->psa ? alloc_psa(res, en) : RB_OK;
}
