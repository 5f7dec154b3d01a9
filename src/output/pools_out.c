/* A run's pools of flats by calendar year (docs/model.md, "Pools"):
 * pools.csv and summary.json's "pools"; and the planner's limit on
 * concurrent subsidies, the other bound on the flats taken
 * (summary.json's "subsidy_limit"). */
#include "output/pools_out.h"

#include "base/csv.h"
#include "base/io.h"
#include "output/json_write.h"
#include "scenario/words.h"

#include <stdio.h>

static const char *const COL_NAMES[RB_POOL_COLS] = {
    "arrived", "taken_ordinary", "taken_subsidised", "returned"};

double rb_pool_flats(const rb_scenario *sc, const rb_results *res, int pool,
                     int arm, int year, int col) {
  double x = 0.0;
  for (int t = 0; t < res->horizon; t++) {
    if (year < 0 || (sc->info.start_month - 1 + t) / 12 == year) {
      x += res->pool_months[rb_pool_month_index(res->n_arms, res->horizon, pool,
                                                arm, t, col)];
    }
  }
  return x;
}

void rb_pool_scheme_uses(const rb_scenario *sc, const rb_results *res, int arm,
                         double *used, double *returned) {
  *used = 0.0;
  *returned = 0.0;
  for (int p = 0; p < res->n_pools; p++) {
    const double ref =
        rb_pool_flats(sc, res, p, RB_ARM_BASELINE, -1, RB_POOL_COL_RETURNED);
    const double own = rb_pool_flats(sc, res, p, arm, -1, RB_POOL_COL_RETURNED);
    *returned += ref;
    *used += ref > own ? ref - own : 0.0;
  }
}

/* One pool's flats of @p arm in year @p year (−1: the horizon). */
static json_t *flats_json(const rb_scenario *sc, const rb_results *res, int p,
                          int arm, int year) {
  json_t *o = json_object();
  for (int k = 0; k < RB_POOL_COLS; k++) {
    json_object_set_new(
        o, COL_NAMES[k],
        rb_out_json_num(rb_pool_flats(sc, res, p, arm, year, k)));
  }
  return o;
}

static json_t *pool_json(const rb_scenario *sc, const rb_results *res, int p) {
  json_t *po = json_object();
  json_object_set_new(po, "kind",
                      json_string(rb_pool_kind_words[sc->pools[p].kind]));
  json_t *arms = json_object();
  for (int arm = 0; arm < res->n_arms; arm++) {
    json_t *ao = flats_json(sc, res, p, arm, -1);
    json_t *years = json_object();
    for (int y = 0; y < res->n_years; y++) {
      char yk[16];
      snprintf(yk, sizeof yk, "%d", res->first_year + y);
      json_object_set_new(years, yk, flats_json(sc, res, p, arm, y));
    }
    json_object_set_new(ao, "years", years);
    json_object_set_new(arms, res->arm_name[arm], ao);
  }
  json_object_set_new(po, "arms", arms);
  return po;
}

void rb_pools_json_fill(json_t *root, const rb_scenario *sc,
                        const rb_results *res) {
  if (res->n_pools == 0) {
    return;
  }
  json_t *o = json_object();
  for (int p = 0; p < res->n_pools; p++) {
    json_object_set_new(o, sc->pools[p].name, pool_json(sc, res, p));
  }
  double used, returned;
  rb_pool_scheme_uses(sc, res, RB_ARM_INTERVENTION, &used, &returned);
  json_t *h = json_object();
  json_object_set_new(h, "returned_in_reference", rb_out_json_num(returned));
  json_object_set_new(h, "used_by_scheme", rb_out_json_num(used));
  json_object_set_new(root, "pools", o);
  json_object_set_new(root, "returned_flats", h);
}

static void csv_row(FILE *f, const rb_scenario *sc, const rb_results *res,
                    int p, int arm, int year) {
  rb_csv_str(f, sc->pools[p].name);
  fputc(',', f);
  rb_csv_str(f, res->arm_name[arm]);
  if (year < 0) {
    fputs(",all", f);
  } else {
    fprintf(f, ",%d", res->first_year + year);
  }
  for (int k = 0; k < RB_POOL_COLS; k++) {
    fputc(',', f);
    rb_csv_num(f, rb_pool_flats(sc, res, p, arm, year, k));
  }
  fputc('\n', f);
}

rb_status rb_pools_write_csv(const char *dir, const rb_scenario *sc,
                             const rb_results *res) {
  if (res->n_pools == 0) {
    return RB_OK;
  }
  FILE *f = rb_open_in(dir, "pools.csv");
  if (f == NULL) {
    return RB_EIO;
  }
  fputs("pool,arm,year", f);
  for (int k = 0; k < RB_POOL_COLS; k++) {
    fprintf(f, ",%s", COL_NAMES[k]);
  }
  fputc('\n', f);
  for (int p = 0; p < res->n_pools; p++) {
    for (int arm = 0; arm < res->n_arms; arm++) {
      for (int y = -1; y < res->n_years; y++) {
        csv_row(f, sc, res, p, arm, y);
      }
    }
  }
  return rb_close_ok(f, RB_OK);
}

void rb_limit_share(const rb_results *res, int k, int arm, double *months,
                    double *refused) {
  *months = 0.0;
  *refused = 0.0;
  for (int t = 0; t < res->horizon; t++) {
    *months += res->limit_months[rb_limit_month_index(res->n_arms, res->horizon,
                                                      k, arm, t, 0)];
    *refused += res->limit_months[rb_limit_month_index(
        res->n_arms, res->horizon, k, arm, t, 1)];
  }
  *months /= (double)res->horizon;
}

void rb_limit_json_fill(json_t *root, const rb_scenario *sc,
                        const rb_results *res) {
  if (res->limit == 0) {
    return;
  }
  json_t *o = json_object();
  json_object_set_new(o, "citizens", json_integer(res->limit));
  json_object_set_new(o, "binding_replications",
                      rb_out_json_num(res->limit_binding));
  json_t *ko = json_object();
  for (int k = 0; k < sc->n_kommuner; k++) {
    json_t *arms = json_object();
    for (int arm = 0; arm < res->n_arms; arm++) {
      double months, refused;
      rb_limit_share(res, k, arm, &months, &refused);
      json_t *ao = json_object();
      json_object_set_new(ao, "binding_months", rb_out_json_num(months));
      json_object_set_new(ao, "refused_offers", rb_out_json_num(refused));
      json_object_set_new(arms, res->arm_name[arm], ao);
    }
    json_object_set_new(ko, sc->kommuner[k], arms);
  }
  json_object_set_new(o, "kommuner", ko);
  json_object_set_new(root, "subsidy_limit", o);
}
