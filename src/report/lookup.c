/* Numbers the report looks up in the results and in sweep/tornado files
 * (report/lookup.h). */
#include "report/lookup.h"

#include <math.h>
#include <string.h>

double rb_report_item_net(const rb_results *res, const rb_group_result *g,
                          int arm, int item, bool public_sector, int disc) {
  rb_kind kind = res->item_kind[item];
  if (kind == RB_KIND_PRODUCTION) {
    return 0.0;
  }
  double s = 0.0;
  int last = public_sector ? RB_PAYER_COUNT : RB_PAYER_KOMMUNE + 1;
  for (int p = RB_PAYER_KOMMUNE; p < last; p++) {
    s += rb_res_item(res, g, arm, item, p, disc);
  }
  return kind == RB_KIND_REVENUE ? -s : s;
}

double rb_report_yearly_net(const rb_results *res, int arm, int year,
                            int payer) {
  return rb_res_yearly(res, arm, year, payer, RB_YEARLY_RESOURCE) +
         rb_res_yearly(res, arm, year, payer, RB_YEARLY_TRANSFER) -
         rb_res_yearly(res, arm, year, payer, RB_YEARLY_REVENUE);
}

double rb_report_month_x(const rb_scenario *sc, int t) {
  int mon = sc->info.start_month - 1 + t;
  return (double)(sc->info.start_year + mon / 12) + (double)(mon % 12) / 12.0;
}

double rb_report_outcome(const rb_outcomes *o, size_t off) {
  double x;
  memcpy(&x, (const char *)o + off, sizeof x);
  return x;
}

double rb_report_month_end_x(const rb_scenario *sc, int t) {
  return rb_report_month_x(sc, t) + 1.0 / 12.0;
}

int rb_report_cohort_size(const rb_scenario *sc) {
  int cohort = 0;
  for (int g = 0; g < sc->n_groups; g++) {
    cohort += sc->groups[g].size;
  }
  return cohort;
}

double rb_report_jnum(const json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

double rb_report_jat(const json_t *arr, size_t i) {
  json_t *v = json_array_get(arr, i);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

double rb_report_jpersp(const json_t *obj, const char *what, int p) {
  return rb_report_jnum(json_object_get(obj, what),
                        rb_perspective_name((rb_perspective)p));
}

const json_t *rb_report_sweep_persp(const json_t *sw, int p) {
  return json_object_get(json_object_get(sw, "perspectives"),
                         rb_perspective_name((rb_perspective)p));
}

size_t rb_report_sweep_best(const json_t *sw, int p) {
  const json_t *values = json_object_get(sw, "values");
  size_t nv = json_array_size(values);
  double bv = rb_report_jnum(rb_report_sweep_persp(sw, p), "best_value");
  for (size_t i = 0; isfinite(bv) && i < nv; i++) {
    if (rb_report_jat(values, i) == bv) {
      return i;
    }
  }
  return nv;
}
