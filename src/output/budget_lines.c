/* A kommune's budget lines (budget_lines.h; docs/portfolio.md). */
#include "output/budget_lines.h"

#include <math.h>

#define NAME_(e, name, da, en) name,
#define DA_(e, name, da, en) da,
#define EN_(e, name, da, en) en,
static const char *const line_names[RB_LINE_COUNT] = {RB_LINE_LIST(NAME_)};
static const char *const line_da[RB_LINE_COUNT] = {RB_LINE_LIST(DA_)};
static const char *const line_en[RB_LINE_COUNT] = {RB_LINE_LIST(EN_)};
#undef NAME_
#undef DA_
#undef EN_

const char *rb_line_name(rb_line l) {
  return l >= 0 && l < RB_LINE_COUNT ? line_names[l] : "?";
}

const char *rb_line_label(rb_line l, bool danish) {
  if (l < 0 || l >= RB_LINE_COUNT) {
    return "?";
  }
  return danish ? line_da[l] : line_en[l];
}

/* The housing states a cost item is booked in (all bits: any). */
static bool only_in(const rb_cost *c, unsigned states) {
  return c->has_housing && (c->housing & ~states) == 0;
}

rb_line rb_item_line(const rb_scenario *sc, const rb_results *res, int item) {
  const int n = sc->n_costs;
  if (item == n + RB_ITEM_RENT_SUBSIDY) {
    return RB_LINE_SUBSIDY;
  }
  if (item == n + RB_ITEM_HOUSING_BENEFIT || item == n + RB_ITEM_INCOME) {
    return RB_LINE_BENEFITS;
  }
  if (res->item_kind[item] == RB_KIND_REVENUE) {
    return RB_LINE_TAX;
  }
  if (item >= n) {
    return RB_LINE_OTHER;
  }
  const rb_cost *c = &sc->costs[item];
  const unsigned placed = (1u << RB_H_PLACED) | (1u << RB_H_HOMELESS);
  const unsigned housed = (1u << RB_H_SUBSIDISED) | (1u << RB_H_ORDINARY);
  if (!c->one_off && only_in(c, placed)) {
    return RB_LINE_PLACEMENT;
  }
  if (c->kind == RB_KIND_RESOURCE && only_in(c, housed)) {
    return RB_LINE_SUPPORT;
  }
  return RB_LINE_OTHER;
}

double rb_price_factor(const rb_scenario *sc, int year) {
  if (sc->info.price_index < 0) {
    return 1.0;
  }
  const double r = sc->params[sc->info.price_index].value;
  return pow(1.0 + r, (double)(year - sc->info.price_year));
}

double rb_kommune_line(const rb_scenario *sc, const rb_results *res, int k,
                       int arm, rb_line l, int y, int payer) {
  double s = 0.0;
  for (int i = 0; i < res->n_items; i++) {
    if (res->item_kind[i] != RB_KIND_PRODUCTION &&
        rb_item_line(sc, res, i) == l) {
      s += rb_res_kommune_year(res, k, arm, i, y, payer);
    }
  }
  return s;
}

double rb_kommune_net(const rb_scenario *sc, const rb_results *res, int k,
                      int arm, int y, int payer) {
  double net = 0.0;
  for (int l = 0; l < RB_LINE_COUNT; l++) {
    const double x = rb_kommune_line(sc, res, k, arm, (rb_line)l, y, payer);
    net += l == RB_LINE_TAX ? -x : x;
  }
  return net;
}
