/* The subsidy view's JSON (rentbridge/subsidy_view.h; the keys are listed
 * in docs/subsidy.md): one object per case, every intermediate amount. */
#include "rentbridge/subsidy_view.h"

#include <float.h>
#include <jansson.h>
#include <math.h>

/* A number, or null when it is not finite or a limit that does not apply
 * (DBL_MAX: the 15 % limit of a household with children). */
static json_t *jnum(double v) {
  return isfinite(v) && v != DBL_MAX ? json_real(v) : json_null();
}

/* An object being filled: ok turns false when a key could not be added
 * (out of memory). */
typedef struct jobj {
  json_t *o;
  bool ok;
} jobj;

/* Add @p value (jansson's new reference) under @p key. */
static void put(jobj *j, const char *key, json_t *value) {
  if (json_object_set_new(j->o, key, value) != 0) {
    j->ok = false;
  }
}

/* The household, the flat and the tax of the current income. */
static void put_income(jobj *o, const rb_subsidy_view *v,
                       const rb_subsidy_case *k) {
  const rb_subsidy_result *r = &k->now;
  put(o, "group", json_string(v->group->name));
  put(o, "activity", json_string(rb_activity_names[k->activity]));
  put(o, "income_profile", json_string(k->profile->name));
  put(o, "income_kind", json_string(rb_income_kind_names[k->income.kind]));
  put(o, "rent", jnum(r->rent));
  put(o, "utilities", jnum(r->utilities));
  put(o, "housing_cost", jnum(r->housing_cost));
  put(o, "area_m2", jnum(v->flat.area_m2));
  put(o, "heating_included", json_boolean(v->flat.heating_included));
  put(o, "adults", json_integer(v->flat.adults));
  put(o, "children", json_integer(v->flat.children));
  if (r->tenants > 1) {
    /* A shared flat (subsidy.md, "Deleboliger"): rent, utilities and
     * housing_cost above are the tenant's shares. */
    static const char *const rule[] = {"household", "resident", "none"};
    put(o, "tenants", json_integer(r->tenants));
    put(o, "flat_rent", jnum(k->flat_rent));
    put(o, "flat_utilities", jnum(v->flat.utilities));
    put(o, "bs_rule", json_string(rule[r->bs.rule]));
    put(o, "bs_area_m2", jnum(r->bs.area));
  }
  put(o, "gross_income", jnum(r->tax.gross));
  put(o, "am_bidrag", jnum(r->tax.am_bidrag));
  put(o, "personal_income", jnum(r->tax.personal_income));
  put(o, "bundskat", jnum(r->tax.bundskat));
  put(o, "beskaeftigelsesfradrag", jnum(r->tax.besk_fradrag));
  put(o, "kommuneskat", jnum(r->tax.kommuneskat));
  put(o, "kommuneskat_rate", jnum(v->kommuneskat_rate));
  put(o, "net_income", jnum(r->tax.net));
}

/* The eight steps of boligsikring (annual amounts). */
static void put_boligsikring(jobj *o, const rb_bs_result *bs) {
  put(o, "bs_housing_cost_year", jnum(bs->housing_cost));
  put(o, "bs_area_allowed_m2", jnum(bs->area_allowed));
  put(o, "bs_housing_cost_area_year", jnum(bs->housing_cost_area));
  put(o, "bs_housing_cost_capped_year", jnum(bs->housing_cost_capped));
  put(o, "bs_income_year", jnum(bs->income));
  put(o, "bs_threshold_year", jnum(bs->threshold));
  put(o, "bs_base_year", jnum(bs->base));
  put(o, "bs_limit_min_own_year", jnum(bs->limit_min_own));
  put(o, "bs_limit_max_year", jnum(bs->limit_max));
  put(o, "bs_limit_no_children_year", jnum(bs->limit_no_children));
  put(o, "bs_support_year", jnum(bs->support));
  put(o, "bs_annual", jnum(bs->annual));
}

/* Own payment, gap, subsidy, the future income and the offers. */
static void put_subsidy(jobj *o, const rb_subsidy_view *v,
                        const rb_subsidy_case *k) {
  const rb_subsidy_result *r = &k->now;
  put(o, "housing_benefit", jnum(r->housing_benefit));
  put(o, "own_payment", jnum(r->own_payment));
  put(o, "gap", jnum(r->gap));
  put(o, "cap", jnum(v->terms.cap));
  put(o, "subsidy", jnum(r->subsidy));
  put(o, "capped", json_boolean(r->capped));
  put(o, "future_income_profile", json_string(k->future_profile->name));
  put(o, "future_net_income", jnum(k->later.tax.net));
  put(o, "future_housing_benefit", jnum(k->later.housing_benefit));
  put(o, "future_gap", jnum(r->future_gap));
  put(o, "realistic_takeover", json_boolean(r->realistic_takeover));
  put(o, "offer_intervention",
      json_string(rb_offer_names[k->offer[RB_ARM_INTERVENTION]]));
  put(o, "offer_baseline",
      json_string(rb_offer_names[k->offer[RB_ARM_BASELINE]]));
}

/* One case as an object, or NULL when out of memory. */
static json_t *case_json(const rb_subsidy_view *v, const rb_subsidy_case *k,
                         const rb_subsidy_table *t, int i) {
  jobj j = {json_object(), true};
  if (j.o == NULL) {
    return NULL;
  }
  put_income(&j, v, k);
  put_boligsikring(&j, &k->now.bs);
  put_subsidy(&j, v, k);
  if (t != NULL) {
    const double *share = t->pool_share[k->activity];
    put(&j, t->discrete ? "weight" : "quantile",
        json_real(t->weight_or_quantile[i]));
    put(&j, "pool_share_intervention", json_real(share[RB_ARM_INTERVENTION]));
    put(&j, "pool_share_baseline", json_real(share[RB_ARM_BASELINE]));
  }
  if (!j.ok) {
    json_decref(j.o);
    return NULL;
  }
  return j.o;
}

/* The activities [*first, *end) of @p activity. */
static void activity_range(int *first, int *end, int activity) {
  *first = activity >= 0 ? activity : 0;
  *end = activity >= 0 ? activity + 1 : RB_A_COUNT;
}

/* The array as text, then released. */
static rb_status dump(char **out, json_t *arr, bool complete) {
  *out = complete ? json_dumps(arr, JSON_INDENT(2) | JSON_REAL_PRECISION(12))
                  : NULL;
  json_decref(arr);
  return *out != NULL ? RB_OK : RB_ENOMEM;
}

rb_status rb_subsidy_view_cases_json(char **out, const rb_subsidy_view *v,
                                     double rent, int activity) {
  json_t *arr = json_array();
  bool complete = arr != NULL;
  int a0, a1;
  activity_range(&a0, &a1, activity);
  for (int a = a0; a < a1 && complete; a++) {
    rb_subsidy_case k;
    rb_subsidy_view_case(&k, v, (rb_activity)a, rent);
    complete = json_array_append_new(arr, case_json(v, &k, NULL, 0)) == 0;
  }
  return dump(out, arr, complete);
}

rb_status rb_subsidy_view_table_json(char **out, const rb_subsidy_view *v,
                                     const rb_subsidy_table *t, int activity) {
  json_t *arr = json_array();
  bool complete = arr != NULL;
  int a0, a1;
  activity_range(&a0, &a1, activity);
  for (int a = a0; a < a1 && complete; a++) {
    for (int i = 0; i < t->n && complete; i++) {
      rb_subsidy_case k;
      rb_subsidy_view_case(&k, v, (rb_activity)a, t->rent[i]);
      json_t *o = case_json(v, &k, t, i);
      complete = json_array_append_new(arr, o) == 0;
    }
  }
  return dump(out, arr, complete);
}
