/* summary.json: a run's results for programs (spec: outputs.md). */
#include "output/json_write.h"
#include "output/measures.h"
#include "output/pools_out.h"
#include "output/text_format.h"
#include "rentbridge/output.h"

#include <stdio.h>
#include <stdlib.h>

static json_t *stats_json(const rb_stats *s, bool saving) {
  rb_out_measure m[RB_OUT_STATS];
  rb_out_stats(m, s);
  /* prob_positive, the last, for a saving only. */
  const int n = saving ? RB_OUT_STATS : RB_OUT_STATS - 1;
  json_t *o = json_object();
  for (int k = 0; k < n; k++) {
    json_object_set_new(o, m[k].name, rb_out_json_num(m[k].v));
  }
  return o;
}

/* The savings of every arm against every other: {arm: {against: stats}}. */
static json_t *vs_json(const rb_results *res, const rb_persp_result *pr) {
  json_t *o = json_object();
  for (int a = 0; a < res->n_arms; a++) {
    json_t *ao = json_object();
    for (int b = 0; b < res->n_arms; b++) {
      if (b != a) {
        json_object_set_new(ao, res->arm_name[b],
                            stats_json(&pr->vs[a][b], true));
      }
    }
    json_object_set_new(o, res->arm_name[a], ao);
  }
  return o;
}

static json_t *persp_json(const rb_results *res, const rb_group_result *g,
                          int disc) {
  json_t *o = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_persp_result *pr = &g->persp[disc][p];
    json_t *po = json_object();
    for (int arm = 0; arm < res->n_arms; arm++) {
      json_object_set_new(po, res->arm_name[arm],
                          stats_json(&pr->arm[arm], false));
    }
    json_object_set_new(po, "saving", stats_json(&pr->saving, true));
    if (res->arms_given) {
      json_object_set_new(po, "savings", vs_json(res, pr));
    }
    json_object_set_new(po, "break_even_month",
                        pr->break_even_month > 0
                            ? json_integer(pr->break_even_month)
                            : json_null());
    json_object_set_new(o, rb_perspective_name((rb_perspective)p), po);
  }
  return o;
}

static json_t *outcomes_json(const rb_outcomes *o) {
  json_t *j = json_object();
  char key[32];
  for (int k = 0; k < RB_OUTCOME_N; k++) {
    snprintf(key, sizeof key, "housed_%d", rb_outcome_months[k]);
    json_object_set_new(j, key, rb_out_json_num(o->housed[k]));
  }
  json_object_set_new(j, "retention_24", rb_out_json_num(o->retention_24));
  for (int k = 0; k < RB_OUTCOME_N; k++) {
    snprintf(key, sizeof key, "employed_%d", rb_outcome_months[k]);
    json_object_set_new(j, key, rb_out_json_num(o->employed[k]));
    snprintf(key, sizeof key, "education_%d", rb_outcome_months[k]);
    json_object_set_new(j, key, rb_out_json_num(o->education[k]));
  }
  rb_out_measure m[RB_OUT_COUNTS];
  rb_out_outcome_counts(m, o);
  for (int k = 0; k < RB_OUT_COUNTS; k++) {
    json_object_set_new(j, m[k].name, rb_out_json_num(m[k].v));
  }
  return j;
}

static void group_json_fill(json_t *o, const rb_results *res,
                            const rb_group_result *g) {
  json_object_set_new(o, "cohort_size", json_integer(g->size));
  json_object_set_new(o, "perspectives", persp_json(res, g, RB_DISC));
  json_object_set_new(o, "undiscounted", persp_json(res, g, RB_UNDISC));
  json_t *occ = json_object();
  for (int arm = 0; arm < res->n_arms; arm++) {
    json_t *a = json_object();
    for (int h = 0; h < RB_H_COUNT; h++) {
      json_object_set_new(a, rb_housing_name((rb_housing)h),
                          rb_out_json_num(g->occupancy[arm][h]));
    }
    json_object_set_new(occ, res->arm_name[arm], a);
  }
  json_object_set_new(o, "occupancy", occ);
  json_t *out = json_object();
  for (int arm = 0; arm < res->n_arms; arm++) {
    json_object_set_new(out, res->arm_name[arm],
                        outcomes_json(&g->outcomes[arm]));
  }
  json_object_set_new(out, "bed_months_freed",
                      rb_out_json_num(g->bed_months_freed));
  json_object_set_new(o, "outcomes", out);
}

/* psa: per perspective the share of replications in which the scheme
 * saves money, and the drawn inputs by their rank correlation with the
 * saving (decision.h). */
static json_t *psa_json(const rb_scenario *sc, const rb_results *res) {
  rb_psa_driver *buf =
      malloc((size_t)RB_P_COUNT * (size_t)res->n_drawn * sizeof *buf);
  if (buf == NULL) {
    return NULL;
  }
  const bool ranked = rb_psa_drivers_all(buf, res, RB_DISC) == RB_OK;
  json_t *o = json_object();
  json_t *share = json_object();
  json_t *drivers = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    const char *pn = rb_perspective_name((rb_perspective)p);
    json_object_set_new(
        share, pn,
        rb_out_json_num(res->all.persp[RB_DISC][p].saving.prob_positive));
    json_t *a = json_array();
    if (ranked) {
      const rb_psa_driver *d = buf + (size_t)p * (size_t)res->n_drawn;
      for (int k = 0; k < res->n_drawn; k++) {
        json_t *e = json_object();
        json_object_set_new(e, "key", json_string(sc->params[d[k].param].key));
        json_object_set_new(e, "rho", rb_out_json_num(d[k].rho));
        json_array_append_new(a, e);
      }
    }
    json_object_set_new(drivers, pn, a);
  }
  free(buf);
  json_object_set_new(o, "share_saving", share);
  json_object_set_new(o, "drivers", drivers);
  return o;
}

/* The run's facts, before the whole cohort's results. */
static void run_json_fill(json_t *root, const rb_scenario *sc,
                          const rb_results *res) {
  json_object_set_new(root, "scenario", json_string(sc->info.name));
  json_object_set_new(root, "title", json_string(sc->info.title));
  json_object_set_new(root, "municipality", json_string(sc->info.municipality));
  json_object_set_new(root, "price_year", json_integer(sc->info.price_year));
  json_object_set_new(root, "mode",
                      json_string(rb_out_mode_name(sc->info.mode)));
  json_object_set_new(root, "replications", json_integer(res->replications));
  json_object_set_new(root, "seed", json_integer((json_int_t)sc->info.seed));
  json_object_set_new(root, "horizon_months", json_integer(res->horizon));
  json_object_set_new(root, "mean_entry_month",
                      rb_out_json_num(res->all.mean_entry));
  if (res->arms_given) {
    json_t *arms = json_array();
    for (int a = 0; a < res->n_arms; a++) {
      json_t *ao = json_object();
      json_object_set_new(ao, "name", json_string(res->arm_name[a]));
      if (sc->arms[a].label != NULL) {
        json_object_set_new(ao, "label", json_string(sc->arms[a].label));
      }
      json_object_set_new(ao, "scheme",
                          json_string(sc->schemes[sc->arms[a].scheme].name));
      json_object_set_new(ao, "reference", json_boolean(a == RB_ARM_BASELINE));
      json_array_append_new(arms, ao);
    }
    json_object_set_new(root, "arms", arms);
  }
}

/* A portfolio's views (docs/portfolio.md): "kommuner" and "targets",
 * each {name: results as a group's, with its groups' names}. */
static json_t *view_list_json(const rb_scenario *sc, const rb_results *res,
                              const rb_group_result *v, int n, bool kommune) {
  json_t *o = json_object();
  for (int i = 0; i < n; i++) {
    json_t *vo = json_object();
    json_t *names = json_array();
    for (int g = 0; g < sc->n_groups; g++) {
      if ((kommune ? sc->groups[g].kommune : sc->groups[g].target) == i) {
        json_array_append_new(names, json_string(sc->groups[g].name));
      }
    }
    json_object_set_new(vo, "groups", names);
    group_json_fill(vo, res, &v[i]);
    json_object_set_new(o, v[i].name, vo);
  }
  return o;
}

static void views_json(json_t *root, const rb_scenario *sc,
                       const rb_results *res) {
  json_object_set_new(
      root, "kommuner",
      view_list_json(sc, res, res->kommuner, res->n_kommuner, true));
  json_object_set_new(
      root, "targets",
      view_list_json(sc, res, res->targets, res->n_targets, false));
}

rb_status rb_write_summary_json(const char *path, const rb_scenario *sc,
                                const rb_results *res) {
  json_t *root = json_object();
  run_json_fill(root, sc, res);
  group_json_fill(root, res, &res->all);
  json_t *groups = json_object();
  for (int g = 0; g < res->n_groups; g++) {
    json_t *go = json_object();
    json_object_set_new(go, "label", json_string(sc->groups[g].label));
    json_object_set_new(go, "citizen_group",
                        json_integer(sc->groups[g].citizen_group));
    group_json_fill(go, res, &res->groups[g]);
    json_object_set_new(groups, res->groups[g].name, go);
  }
  json_object_set_new(root, "groups", groups);
  if (sc->views_given) {
    views_json(root, sc, res);
  }
  rb_pools_json_fill(root, sc, res);
  rb_limit_json_fill(root, sc, res);
  if (res->n_drawn > 0) {
    json_t *psa = psa_json(sc, res);
    if (psa == NULL) {
      json_decref(root);
      return RB_ENOMEM;
    }
    json_object_set_new(root, "psa", psa);
  }
  return rb_out_json_dump(root, path);
}
