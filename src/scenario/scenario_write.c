/*
 * Writing a resolved scenario (includes and --set applied) back as a
 * libconfig file that loads to identical values.  Keys come in the
 * canonical order, which is the order in which the loader creates the
 * parameters; floats are written with the shortest of %.15g/%.16g/%.17g that
 * reads back exactly.  The baseline block holds only what differs from the
 * intervention arm.
 */
#include "config/cfgtree.h"
#include "rentbridge/scenario.h"
#include "scenario/words.h"

#include <stdio.h>
#include <string.h>

typedef struct wr {
  FILE *f;
  const rb_scenario *sc;
} wr;

static void put(wr *w, const char *s) {
  fputs(s, w->f);
}

static void put_num(wr *w, double x) {
  char buf[48];
  rb_fmt_double(buf, sizeof buf, x);
  put(w, buf);
}

static void put_str(wr *w, const char *s) {
  fputc('"', w->f);
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
    switch (*p) {
    case '"':
      put(w, "\\\"");
      break;
    case '\\':
      put(w, "\\\\");
      break;
    case '\n':
      put(w, "\\n");
      break;
    case '\r':
      put(w, "\\r");
      break;
    case '\t':
      put(w, "\\t");
      break;
    case '\f':
      put(w, "\\f");
      break;
    default:
      if (*p < 0x20 || *p == 0x7f) {
        fprintf(w->f, "\\x%02x", *p);
      } else {
        fputc(*p, w->f);
      }
    }
  }
  fputc('"', w->f);
}

/* A parameter as a value: a plain number or an uncertain group. */
static void put_param(wr *w, int i) {
  const rb_param *p = &w->sc->params[i];
  if (!p->uncertain) {
    put_num(w, p->value);
    return;
  }
  put(w, "{ value = ");
  put_num(w, p->value);
  put(w, ";");
  if (p->has_range) {
    put(w, " low = ");
    put_num(w, p->low);
    put(w, "; high = ");
    put_num(w, p->high);
    put(w, ";");
  }
  fprintf(w->f, " dist = \"%s\";", rb_dist_name(p->dist));
  const char *const *names = rb_dist_param_words[p->dist];
  if (names[0] != NULL) {
    fprintf(w->f, " %s = ", names[0]);
    put_num(w, p->p1);
    put(w, ";");
    if (names[1] != NULL) {
      fprintf(w->f, " %s = ", names[1]);
      put_num(w, p->p2);
      put(w, ";");
    }
  }
  if (p->source != NULL) {
    put(w, " source = ");
    put_str(w, p->source);
    put(w, ";");
  }
  put(w, " }");
}

static void put_key_param(wr *w, const char *indent, const char *name, int i) {
  fprintf(w->f, "%s%s = ", indent, name);
  put_param(w, i);
  put(w, ";\n");
}

static bool ends_with(const char *s, const char *tail) {
  size_t ls = strlen(s), lt = strlen(tail);
  return ls >= lt && strcmp(s + ls - lt, tail) == 0;
}

/* A schedule (n ≥ 1): a value, or { breaks; values; scale; }. */
static void put_sched(wr *w, const rb_sched *s) {
  bool as_value = s->n == 1 && s->scale < 0 &&
                  !ends_with(w->sc->params[s->values[0]].key, ".values.[0]");
  if (as_value) {
    put_param(w, s->values[0]);
    return;
  }
  put(w, "{ ");
  if (s->n > 1) {
    put(w, "breaks = [");
    for (int i = 0; i < s->n - 1; i++) {
      fprintf(w->f, "%s%d", i ? ", " : "", s->breaks[i]);
    }
    put(w, "]; ");
  }
  bool plain = true;
  for (int i = 0; i < s->n; i++) {
    plain = plain && !w->sc->params[s->values[i]].uncertain;
  }
  put(w, plain ? "values = [" : "values = ( ");
  for (int i = 0; i < s->n; i++) {
    put(w, i ? ", " : "");
    put_param(w, s->values[i]);
  }
  put(w, plain ? "];" : " );");
  if (s->scale >= 0) {
    put(w, " scale = ");
    put_param(w, s->scale);
    put(w, ";");
  }
  put(w, " }");
}

static void put_payer(wr *w, const rb_payer_sched *p) {
  put(w, "{ ");
  if (p->is_schedule) {
    put(w, "breaks = [");
    for (int i = 0; i < p->n - 1; i++) {
      fprintf(w->f, "%s%d", i ? ", " : "", p->breaks[i]);
    }
    put(w, "]; ");
  }
  for (int k = 0; k < RB_PAYER_COUNT; k++) {
    bool any = false;
    for (int r = 0; r < p->n; r++) {
      any = any || p->shares[r][k] != 0.0;
    }
    if (!any) {
      continue;
    }
    fprintf(w->f, "%s = ", rb_payer_name((rb_payer)k));
    if (p->is_schedule) {
      put(w, "[");
      for (int r = 0; r < p->n; r++) {
        put(w, r ? ", " : "");
        put_num(w, p->shares[r][k]);
      }
      put(w, "]; ");
    } else {
      put_num(w, p->shares[0][k]);
      put(w, "; ");
    }
  }
  put(w, "}");
}

static void put_scenario(wr *w) {
  const rb_scenario_info *in = &w->sc->info;
  put(w, "scenario = {\n  name = ");
  put_str(w, in->name);
  put(w, ";\n  title = ");
  put_str(w, in->title);
  put(w, ";\n  municipality = ");
  put_str(w, in->municipality);
  fprintf(w->f, ";\n  price_year = %d;\n", in->price_year);
  fprintf(w->f, "  start = \"%04d-%02d\";\n", in->start_year, in->start_month);
  fprintf(w->f, "  horizon_months = %d;\n", in->horizon_months);
  fprintf(w->f, "  replications = %d;\n", in->replications);
  if (in->seed > 2147483647u) {
    fprintf(w->f, "  seed = %lluL;\n", (unsigned long long)in->seed);
  } else {
    fprintf(w->f, "  seed = %llu;\n", (unsigned long long)in->seed);
  }
  fprintf(w->f, "  mode = \"%s\";\n", rb_mode_words[in->mode]);
  put_key_param(w, "  ", "discount_rate", in->discount_rate);
  put_key_param(w, "  ", "mcpf", in->mcpf);
  if (in->kommuneskat_given) {
    put_key_param(w, "  ", "kommuneskat", in->kommuneskat);
  }
  if (in->tax_base_index >= 0) {
    put_key_param(w, "  ", "tax_base_index", in->tax_base_index);
  }
  if (in->capital_area) {
    put(w, "  capital_area = true;\n");
  }
  if (in->udligning_given) {
    fprintf(w->f, "  udligning = %s;\n", in->udligning ? "true" : "false");
  }
  if (in->price_index_given) {
    put_key_param(w, "  ", "price_index", in->price_index);
  }
  fprintf(w->f, "  language = \"%s\";\n};\n", rb_language_words[in->language]);
}

/* The citizen's path keys (issue 14), only those not at their default. */
static void put_path(wr *w, const char *ind, const rb_path_cfg *p) {
  if (p->takeover_on_activity) {
    fprintf(w->f, "%stakeover_on_activity = true;\n", ind);
  }
  if (p->takeover_su_share >= 0) {
    put_key_param(w, ind, "takeover_su_share", p->takeover_su_share);
  }
  if (p->period_per_citizen) {
    fprintf(w->f, "%speriod_per_citizen = true;\n", ind);
  }
  if (p->search_months > 0) {
    fprintf(w->f, "%srehousing_search_months = %d;\n", ind, p->search_months);
  }
  if (p->p_rehoused_per_month >= 0) {
    put_key_param(w, ind, "p_rehoused_per_month", p->p_rehoused_per_month);
  }
  if (p->p_terminated >= 0) {
    put_key_param(w, ind, "p_terminated", p->p_terminated);
  }
  if (p->terminated_homeless_share >= 0) {
    put_key_param(w, ind, "terminated_homeless_share",
                  p->terminated_homeless_share);
  }
}

static void put_subsidy(wr *w) {
  const rb_subsidy_cfg *s = &w->sc->subsidy;
  put(w, "subsidy = {\n");
  put_key_param(w, "  ", "cap", s->cap);
  fprintf(w->f, "  period_months = %d;\n", s->period_months);
  fprintf(w->f, "  extension_months = %d;\n", s->extension_months);
  fprintf(w->f, "  max_extensions = %d;\n", s->max_extensions);
  fprintf(w->f, "  recompute = \"%s\";\n", rb_recompute_words[s->recompute]);
  fprintf(w->f, "  own_payment = { method = \"%s\"; %s = ",
          rb_own_method_words[s->own_method],
          rb_own_param_words[s->own_method]);
  put_param(w, s->own_param);
  put(w, "; };\n");
  fprintf(w->f, "  require_realistic_takeover = %s;\n",
          s->require_realistic_takeover ? "true" : "false");
  put_key_param(w, "  ", "p_rehoused_at_end", s->p_rehoused_at_end);
  put_key_param(w, "  ", "relocation_cost", s->relocation_cost);
  if (s->limit_citizens > 0) {
    fprintf(w->f, "  limit_citizens = %d;\n", s->limit_citizens);
  }
  put_path(w, "  ", &s->path);
  put(w, "};\n");
}

static void put_incomes(wr *w) {
  put(w, "incomes = {\n");
  for (int i = 0; i < w->sc->n_incomes; i++) {
    const rb_income *in = &w->sc->incomes[i];
    fprintf(w->f, "  %s = { gross = ", in->name);
    put_param(w, in->gross);
    fprintf(w->f, "; kind = \"%s\";", rb_income_kind_words[in->kind]);
    if (in->payer.n > 0) {
      put(w, " payer = ");
      put_payer(w, &in->payer);
      put(w, ";");
    }
    if (in->production_factor >= 0) {
      put(w, " production_factor = ");
      put_param(w, in->production_factor);
      put(w, ";");
    }
    if (in->refusion_trappe) {
      fprintf(w->f, " refusion = \"%s\";", rb_refusion_words[1]);
    }
    put(w, " };\n");
  }
  put(w, "};\n");
}

static void put_bits(wr *w, unsigned bits, int n, const char *const *names) {
  put(w, "[");
  bool first = true;
  for (int i = 0; i < n; i++) {
    if (bits & (1u << i)) {
      fprintf(w->f, "%s\"%s\"", first ? "" : ", ", names[i]);
      first = false;
    }
  }
  put(w, "]");
}

/* A cost item's payer_clock and realisable share, when given. */
static void put_cost_net(wr *w, const rb_cost *c) {
  if (c->clock != RB_CLOCK_STATE) {
    fprintf(w->f, "\n    payer_clock = \"%s\";",
            rb_payer_clock_words[c->clock]);
  }
  if (c->realisable >= 0) {
    put_key_param(w, "\n    ", "realisable", c->realisable);
  }
}

static void put_costs(wr *w) {
  put(w, "costs = (");
  for (int i = 0; i < w->sc->n_costs; i++) {
    const rb_cost *c = &w->sc->costs[i];
    put(w, i ? ",\n" : "\n");
    put(w, "  { name = ");
    put_str(w, c->name);
    put(w, "; label = ");
    put_str(w, c->label);
    fprintf(w->f, "; kind = \"%s\";\n    ", rb_kind_name(c->kind));
    put(w, c->one_off   ? "one_off = "
           : c->per_day ? "per_day = "
                        : "per_month = ");
    put_sched(w, &c->amount);
    put(w, ";");
    if (c->one_off) {
      fprintf(w->f, " on = \"%s\";", rb_event_name(c->on));
    }
    if (c->has_arm || c->has_housing || c->has_activity || c->has_groups) {
      put(w, "\n    when = { ");
      if (c->has_arm) {
        const char *arm = c->arms == (1u << RB_ARM_INTERVENTION)
                              ? rb_arm_names[RB_ARM_INTERVENTION]
                          : c->arms == (1u << RB_ARM_BASELINE)
                              ? rb_arm_names[RB_ARM_BASELINE]
                              : "both";
        fprintf(w->f, "arm = \"%s\"; ", arm);
      }
      if (c->has_housing) {
        put(w, "housing = ");
        put_bits(w, c->housing, RB_H_COUNT, rb_housing_names);
        put(w, "; ");
      }
      if (c->has_activity) {
        put(w, "activity = ");
        put_bits(w, c->activity, RB_A_COUNT, rb_activity_names);
        put(w, "; ");
      }
      if (c->has_groups && c->in_group != NULL) {
        put(w, "groups = [");
        bool first = true;
        for (int g = 0; g < w->sc->n_groups; g++) {
          if (c->in_group[g]) {
            put(w, first ? "" : ", ");
            put_str(w, w->sc->groups[g].name);
            first = false;
          }
        }
        put(w, "]; ");
      }
      put(w, "};");
    }
    if (c->payer.n > 0) {
      put(w, "\n    payer = ");
      put_payer(w, &c->payer);
      put(w, ";");
    }
    put_cost_net(w, c);
    put(w, " }");
  }
  put(w, "\n);\n");
}

static void put_rent(wr *w, const rb_rent *r) {
  switch (r->dist) {
  case RB_RENT_DISCRETE:
    fprintf(w->f, "{ dist = \"%s\"; values = [", rb_rent_dist_words[r->dist]);
    for (int i = 0; i < r->n; i++) {
      put(w, i ? ", " : "");
      put_num(w, w->sc->params[r->values[i]].value);
    }
    put(w, "]; weights = [");
    for (int i = 0; i < r->n; i++) {
      put(w, i ? ", " : "");
      put_num(w, r->weights[i]);
    }
    put(w, "]; }");
    break;
  case RB_RENT_LOGNORMAL:
    fprintf(w->f, "{ dist = \"%s\"; median = ", rb_rent_dist_words[r->dist]);
    put_param(w, r->median);
    put(w, "; sigma = ");
    put_param(w, r->sigma);
    put(w, "; }");
    break;
  case RB_RENT_UNIFORM:
    fprintf(w->f, "{ dist = \"%s\"; low = ", rb_rent_dist_words[r->dist]);
    put_param(w, r->low);
    put(w, "; high = ");
    put_param(w, r->high);
    put(w, "; }");
    break;
  }
}

static bool same_sched(const rb_sched *a, const rb_sched *b) {
  if (a->n != b->n || a->scale != b->scale) {
    return false;
  }
  for (int i = 0; i < a->n; i++) {
    if (a->values[i] != b->values[i]) {
      return false;
    }
  }
  return true;
}

static bool same_rent(const rb_rent *a, const rb_rent *b) {
  if (a->dist != b->dist || a->n != b->n || a->median != b->median ||
      a->sigma != b->sigma || a->low != b->low || a->high != b->high) {
    return false;
  }
  for (int i = 0; i < a->n; i++) {
    if (a->values[i] != b->values[i] || a->weights[i] != b->weights[i]) {
      return false;
    }
  }
  return true;
}

/* The pools of flats, when the scenario has them. */
static void put_pools(wr *w) {
  if (w->sc->n_pools == 0) {
    return;
  }
  put(w, "pools = (");
  for (int i = 0; i < w->sc->n_pools; i++) {
    const rb_pool *p = &w->sc->pools[i];
    put(w, i ? ",\n" : "\n");
    put(w, "  { name = ");
    put_str(w, p->name);
    if (p->label != NULL) {
      put(w, "; label = ");
      put_str(w, p->label);
    }
    fprintf(w->f, "; kind = \"%s\";", rb_pool_kind_words[p->kind]);
    put(w, "\n    flats_per_month = ");
    put_sched(w, &p->flats_per_month);
    put(w, ";\n    rent = ");
    put_rent(w, &p->rent);
    fprintf(w->f, ";\n    order = \"%s\"; homeless = %s;",
            rb_pool_order_words[p->order], p->homeless ? "true" : "false");
    if (p->tenants > 1) {
      fprintf(w->f, " tenants = %d;", p->tenants);
    }
    if (p->activity != (1u << RB_A_COUNT) - 1u) {
      put(w, " activities = ");
      put_bits(w, p->activity, RB_A_COUNT, rb_activity_names);
      put(w, ";");
    }
    put(w, " }");
  }
  put(w, "\n);\n");
}

/* Flats; with @p base, only the keys that differ from it. */
static void put_flats(wr *w, const rb_flats *f, const rb_flats *base,
                      const char *indent) {
  put(w, "flats = {");
  if (base == NULL && f->pools != 0) {
    fprintf(w->f, "\n%s  pools = [", indent);
    const char *sep = "";
    for (int k = 0; k < w->sc->n_pools; k++) {
      if ((f->pools & (1u << k)) != 0) {
        put(w, sep);
        put_str(w, w->sc->pools[k].name);
        sep = ", ";
      }
    }
    put(w, "];");
  } else if (f->pools == 0 &&
             (base == NULL || f->offers_per_month != base->offers_per_month)) {
    fprintf(w->f, "\n%s  offers_per_month = ", indent);
    put_param(w, f->offers_per_month);
    put(w, ";");
  }
  if (base == NULL || !same_rent(&f->rent, &base->rent)) {
    fprintf(w->f, "\n%s  rent = ", indent);
    put_rent(w, &f->rent);
    put(w, ";");
  }
  if (base == NULL || f->utilities != base->utilities) {
    fprintf(w->f, "\n%s  utilities = ", indent);
    put_param(w, f->utilities);
    put(w, ";");
  }
  if (base == NULL || f->area_m2 != base->area_m2) {
    fprintf(w->f, "\n%s  area_m2 = ", indent);
    put_param(w, f->area_m2);
    put(w, ";");
  }
  if (base == NULL || f->heating_included != base->heating_included) {
    fprintf(w->f, "\n%s  heating = \"%s\";", indent,
            rb_heating_words[f->heating_included ? 1 : 0]);
  }
  fprintf(w->f, "\n%s};\n", indent);
}

static void put_transitions(wr *w, const rb_transitions *t,
                            const rb_transitions *base, const char *indent) {
  put(w, "transitions = {\n");
  for (int from = 0; from < RB_H_FROM_COUNT; from++) {
    bool any = base == NULL;
    for (int x = 0; x < RB_T_COUNT && !any; x++) {
      any = !same_sched(&t->out[from][x], &base->out[from][x]);
    }
    if (!any) {
      continue;
    }
    fprintf(w->f, "%s  %s = {", indent, rb_housing_names[from]);
    for (int x = RB_T_COUNT - 1; x >= 0; x--) {
      const rb_sched *sc = &t->out[from][x];
      if (sc->n == 0 || (base != NULL && same_sched(sc, &base->out[from][x]))) {
        continue;
      }
      fprintf(w->f, " %s = ", rb_target_words[x]);
      put_sched(w, sc);
      put(w, ";");
    }
    put(w, " };\n");
  }
  bool any_rate = base == NULL;
  for (int h = 0; h < 2 && !any_rate; h++) {
    for (int r = 0; r < RB_RATE_COUNT; r++) {
      any_rate = any_rate || t->activity[h][r] != base->activity[h][r];
    }
  }
  if (any_rate) {
    fprintf(w->f, "%s  activity = {\n", indent);
    for (int h = 0; h < 2; h++) {
      bool any = base == NULL;
      for (int r = 0; r < RB_RATE_COUNT && !any; r++) {
        any = t->activity[h][r] != base->activity[h][r];
      }
      if (!any) {
        continue;
      }
      fprintf(w->f, "%s    %s = {", indent, rb_housed_words[h]);
      for (int r = 0; r < RB_RATE_COUNT; r++) {
        if (base != NULL && t->activity[h][r] == base->activity[h][r]) {
          continue;
        }
        fprintf(w->f, " %s = ", rb_rate_words[r]);
        put_param(w, t->activity[h][r]);
        put(w, ";");
      }
      put(w, " };\n");
    }
    fprintf(w->f, "%s  };\n", indent);
  }
  fprintf(w->f, "%s};\n", indent);
}

static void put_initial(wr *w, const rb_initial *in, const rb_initial *base) {
  put(w, "initial = {");
  if (base == NULL || in->housing != base->housing) {
    fprintf(w->f, " housing = \"%s\";", rb_housing_name(in->housing));
  }
  if (base == NULL || in->months_in_state != base->months_in_state) {
    fprintf(w->f, " months_in_state = %d;", in->months_in_state);
  }
  bool act = base == NULL;
  for (int a = 0; a < RB_A_COUNT && !act; a++) {
    act = in->activity[a] != base->activity[a];
  }
  if (act) {
    put(w, " activity = {");
    for (int a = 0; a < RB_A_COUNT; a++) {
      fprintf(w->f, " %s = ", rb_activity_name((rb_activity)a));
      put_num(w, in->activity[a]);
      put(w, ";");
    }
    put(w, " };");
  }
  put(w, " };\n");
}

/* A group's own udligning status (udligningsloven § 2), its weeks on
 * benefits before entry (the refusionstrappe) and its share of exits to an
 * own home, when it has them. */
static void put_group_net(wr *w, const rb_group *g) {
  if (g->benefit_weeks_before > 0) {
    fprintf(w->f, "    benefit_weeks_before_entry = %d;\n",
            g->benefit_weeks_before);
  }
  if (g->tax_base_index >= 0) {
    put_key_param(w, "    ", "tax_base_index", g->tax_base_index);
  }
  if (g->exit_own_home_share >= 0) {
    put_key_param(w, "    ", "exit_own_home_share", g->exit_own_home_share);
  }
  if (g->capital_area >= 0) {
    fprintf(w->f, "    capital_area = %s;\n",
            g->capital_area ? "true" : "false");
  }
}

/* groups.[i].kommune and target, when the scenario gave them. */
static void put_group_views(wr *w, const rb_group *g) {
  if (g->kommune_given) {
    put(w, "    kommune = ");
    put_str(w, w->sc->kommuner[g->kommune]);
    put(w, ";\n");
  }
  if (g->target_given) {
    put(w, "    target = ");
    put_str(w, w->sc->targets[g->target]);
    put(w, ";\n");
  }
}

/* The group's own terms (extensions of format 1), when it has them. */
static void put_group_terms(wr *w, const rb_group *g) {
  if (g->kommuneskat >= 0) {
    put_key_param(w, "    ", "kommuneskat", g->kommuneskat);
  }
  if (g->require_realistic_takeover >= 0 || g->p_rehoused_at_end >= 0 ||
      g->cap >= 0 || g->period_months >= 0 || g->extension_months >= 0 ||
      g->max_extensions >= 0) {
    put(w, "    subsidy = {\n");
    if (g->require_realistic_takeover >= 0) {
      fprintf(w->f, "      require_realistic_takeover = %s;\n",
              g->require_realistic_takeover ? "true" : "false");
    }
    if (g->p_rehoused_at_end >= 0) {
      put_key_param(w, "      ", "p_rehoused_at_end", g->p_rehoused_at_end);
    }
    if (g->cap >= 0) {
      put_key_param(w, "      ", "cap", g->cap);
    }
    const int clocks[3] = {g->period_months, g->extension_months,
                           g->max_extensions};
    static const char *const names[3] = {"period_months", "extension_months",
                                         "max_extensions"};
    for (int k = 0; k < 3; k++) {
      if (clocks[k] >= 0) {
        fprintf(w->f, "      %s = %d;\n", names[k], clocks[k]);
      }
    }
    put(w, "    };\n");
  }
}

static void put_group(wr *w, const rb_group *g) {
  put(w, "  {\n    name = ");
  put_str(w, g->name);
  put(w, ";\n    label = ");
  put_str(w, g->label);
  fprintf(w->f, ";\n    citizen_group = %d;\n    size = %d;\n",
          g->citizen_group, g->size);
  put_group_views(w, g);
  fprintf(w->f, "    entry_months = %d;\n", g->entry_months);
  fprintf(w->f, "    household = { adults = %d; children = %d;%s };\n",
          g->adults, g->children,
          g->foertidspension ? " foertidspension = true;" : "");
  const rb_arm_spec *a = &g->arm[RB_ARM_INTERVENTION];
  const rb_arm_spec *b = &g->arm[RB_ARM_BASELINE];
  put(w, "    ");
  put_initial(w, &a->initial, NULL);
  put(w, "    income = {");
  for (int i = 0; i <= RB_A_COUNT; i++) {
    fprintf(w->f, " %s = ", i < RB_A_COUNT ? rb_activity_names[i] : "future");
    put_str(w, w->sc->incomes[g->income[i]].name);
    put(w, ";");
  }
  put(w, " };\n    ");
  put_flats(w, &a->flats, NULL, "    ");
  put(w, "    ");
  put_transitions(w, &a->transitions, NULL, "    ");
  if (g->has_baseline) {
    put(w, "    baseline = {\n");
    const rb_flats *fa = &a->flats, *fb = &b->flats;
    if (fa->offers_per_month != fb->offers_per_month ||
        !same_rent(&fa->rent, &fb->rent) || fa->utilities != fb->utilities ||
        fa->area_m2 != fb->area_m2 ||
        fa->heating_included != fb->heating_included) {
      put(w, "      ");
      put_flats(w, fb, fa, "      ");
    }
    bool tdiff = false;
    for (int s = 0; s < RB_H_FROM_COUNT; s++) {
      for (int x = 0; x < RB_T_COUNT; x++) {
        tdiff = tdiff || !same_sched(&a->transitions.out[s][x],
                                     &b->transitions.out[s][x]);
      }
    }
    for (int h = 0; h < 2; h++) {
      for (int r = 0; r < RB_RATE_COUNT; r++) {
        tdiff = tdiff ||
                a->transitions.activity[h][r] != b->transitions.activity[h][r];
      }
    }
    if (tdiff) {
      put(w, "      ");
      put_transitions(w, &b->transitions, &a->transitions, "      ");
    }
    bool idiff = a->initial.housing != b->initial.housing ||
                 a->initial.months_in_state != b->initial.months_in_state;
    for (int i = 0; i < RB_A_COUNT; i++) {
      idiff = idiff || a->initial.activity[i] != b->initial.activity[i];
    }
    if (idiff) {
      put(w, "      ");
      put_initial(w, &b->initial, &a->initial);
    }
    put(w, "    };\n");
  }
  put_group_net(w, g);
  put_group_terms(w, g);
  put(w, "  }");
}

/* One listed scheme, with the keys it was read from. */
static void put_scheme(wr *w, const rb_scheme *s) {
  static const char *const SUB[2] = {"gap_cap", "to_boform"};
  put(w, "  { name = ");
  put_str(w, s->name);
  put(w, "; subsidy = ");
  put_str(w, !s->subsidy ? "none" : s->own_terms ? SUB[s->method] : "scenario");
  put(w, ";\n");
  if (s->source != NULL) {
    put(w, "    source = ");
    put_str(w, s->source);
    put(w, ";\n");
  }
  if (s->label != NULL) {
    put(w, "    label = ");
    put_str(w, s->label);
    put(w, ";\n");
  }
  if (s->own_terms) {
    if (s->cap >= 0) {
      put_key_param(w, "    ", "cap", s->cap);
    }
    if (s->boform_payment >= 0) {
      put_key_param(w, "    ", "boform_payment", s->boform_payment);
    }
    fprintf(w->f,
            "    period_months = %d; extension_months = %d; max_extensions = "
            "%d;\n    require_realistic_takeover = %s; end = \"%s\";\n",
            s->period_months, s->extension_months, s->max_extensions,
            s->require_realistic_takeover ? "true" : "false",
            s->end == RB_END_FORCED_MOVE ? "forced_move" : "takeover");
    put_path(w, "    ", &s->path);
  }
  if (s->p_rehoused_at_end >= 0) {
    put_key_param(w, "    ", "p_rehoused_at_end", s->p_rehoused_at_end);
  }
  put(w, "    state_share = ");
  put_num(w, s->state_share);
  put(w, ";\n");
  if (s->almene_share >= 0) {
    put(w, "    flats = \"almene\";\n");
    put_key_param(w, "    ", "almene_share", s->almene_share);
  }
  if (s->citizen_groups != ~0u) {
    put(w, "    citizen_groups = [");
    for (int g = 1, n = 0; g <= 3; g++) {
      if (s->citizen_groups & (1u << g)) {
        fprintf(w->f, n++ ? ", %d" : "%d", g);
      }
    }
    put(w, "];\n");
  }
  put(w, "    waivers = {");
  for (int k = 0; k < RB_WAIVER_COUNT; k++) {
    fprintf(w->f, " %s = %s;", rb_waiver_names[k],
            s->waiver[k] ? "true" : "false");
  }
  put(w, " };\n  }");
}

/* The schemes the scenario lists (the built-in ones are not written). */
static void put_schemes(wr *w) {
  const rb_scenario *sc = w->sc;
  int n = 0;
  for (int i = 0; i < sc->n_schemes; i++) {
    n += sc->schemes[i].listed;
  }
  if (n == 0) {
    return;
  }
  put(w, "schemes = (\n");
  for (int i = 0, k = 0; i < sc->n_schemes; i++) {
    if (sc->schemes[i].listed) {
      put_scheme(w, &sc->schemes[i]);
      put(w, ++k < n ? ",\n" : "\n");
    }
  }
  put(w, ");\n");
}

/* The arms, when the scenario lists them: in the loaded order (the first,
 * the reference, the others), which loads back to the same. */
static void put_arms(wr *w) {
  const rb_scenario *sc = w->sc;
  if (!sc->arms_given) {
    return;
  }
  put(w, "arms = (\n");
  for (int a = 0; a < sc->n_arms; a++) {
    const rb_arm_def *d = &sc->arms[a];
    put(w, "  { name = ");
    put_str(w, d->name);
    put(w, "; scheme = ");
    put_str(w, sc->schemes[d->scheme].name);
    if (d->label != NULL) {
      put(w, "; label = ");
      put_str(w, d->label);
    }
    put(w, d->baseline ? "; baseline = true" : "; baseline = false");
    if (d->in_group != NULL) {
      put(w, "; groups = [");
      for (int g = 0, k = 0; g < sc->n_groups; g++) {
        if (d->in_group[g]) {
          put(w, k++ ? ", " : "");
          put_str(w, sc->groups[g].name);
        }
      }
      put(w, "]");
    }
    put(w, a == RB_ARM_BASELINE ? "; reference = true; }" : "; }");
    put(w, a + 1 < sc->n_arms ? ",\n" : "\n");
  }
  put(w, ");\n");
}

rb_status rb_scenario_write(const rb_scenario *sc, const char *path,
                            const char *rules_name) {
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  wr w = {f, sc};
  put(&w,
      "# The resolved scenario (format 1): includes and overrides applied.\n");
  put(&w, "format = 1;\n");
  put_scenario(&w);
  put(&w, "rules = ");
  put_str(&w, rules_name);
  put(&w, ";\n");
  put_subsidy(&w);
  put_incomes(&w);
  put_costs(&w);
  put_pools(&w);
  put(&w, "groups = (\n");
  for (int g = 0; g < sc->n_groups; g++) {
    put_group(&w, &sc->groups[g]);
    put(&w, g + 1 < sc->n_groups ? ",\n" : "\n");
  }
  put(&w, ");\n");
  put_schemes(&w);
  put_arms(&w);
  bool bad = ferror(f) != 0;
  if (fclose(f) != 0 || bad) {
    return RB_EIO;
  }
  return RB_OK;
}
