/*
 * The scenario loader's top blocks (load.h; scenario-format.md): the
 * scenario block, the subsidy block and the income profiles.
 */
#include "scenario/load.h"
#include "scenario/words.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Top-level block @p name, or @p empty (a group without members at line 1
 * of the top file) when it is missing, so its required keys are reported
 * one by one. */
static const rb_node *block(ld *c, const rb_node *root, const char *name,
                            rb_node *empty) {
  const rb_node *g = rb_cfg_group(&c->ck, root, "", name, true);
  if (g != NULL) {
    return g;
  }
  memset(empty, 0, sizeof *empty);
  empty->type = RB_N_GROUP;
  empty->file = c->ck.top;
  empty->line = 1;
  return empty;
}

/* ------------------------------------------------------------------ */
/* The scenario block                                                 */
/* ------------------------------------------------------------------ */

/* scenario.start: "YYYY-MM". */
static void read_start(ld *c, rb_scenario_info *in, const rb_node *g) {
  const char *s = rb_cfg_string(&c->ck, g, "scenario", "start", true);
  if (s == NULL) {
    return;
  }
  int y = 0, m = 0;
  char tail = 0;
  bool ok = strlen(s) == 7 && s[4] == '-' &&
            sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2 && y >= 1900 &&
            y <= 2200 && m >= 1 && m <= 12;
  for (int i = 0; ok && i < 7; i++) {
    ok = i == 4 || (s[i] >= '0' && s[i] <= '9');
  }
  if (!ok) {
    char got[80];
    const rb_node *n = rb_node_get(g, "start");
    rb_node_describe(got, sizeof got, n);
    rb_cfg_problem(&c->ck, n, "scenario.start",
                   "expected a month \"YYYY-MM\" between 1900-01 and 2200-12 "
                   "(got %s)",
                   got);
  }
  in->start_year = y;
  in->start_month = m;
}

/* name, title and municipality. */
static void read_names(ld *c, rb_scenario_info *in, const rb_node *g) {
  const char *path = "scenario";
  const char *s = rb_cfg_string(&c->ck, g, path, "name", true);
  if (s != NULL && !rb_ld_is_scenario_name(s)) {
    const rb_node *n = rb_node_get(g, "name");
    char got[80];
    rb_node_describe(got, sizeof got, n);
    rb_cfg_problem(&c->ck, n, "scenario.name",
                   "must be 1-64 characters of a-z, 0-9, _ and - (got %s)",
                   got);
  }
  in->name = rb_cfg_strdup(&c->ck, s);
  in->title =
      rb_cfg_strdup(&c->ck, rb_cfg_string(&c->ck, g, path, "title", true));
  in->municipality = rb_cfg_strdup(
      &c->ck, rb_cfg_string(&c->ck, g, path, "municipality", true));
}

/* The kommune's udligning status (tax_base_index, capital_area) and the
 * switch (udligning, default on when the status is given). */
static void read_udligning(ld *c, rb_scenario_info *in, const rb_node *g) {
  const char *path = "scenario";
  in->tax_base_index = -1;
  if (rb_node_get(g, "tax_base_index") != NULL) {
    in->tax_base_index =
        rb_ld_value(c, g, path, "tax_base_index", &V_NONNEG, true, 0.0, NULL);
  }
  in->capital_area = false;
  rb_cfg_bool(&c->ck, g, path, "capital_area", false, &in->capital_area);
  in->udligning = true;
  in->udligning_given = rb_node_get(g, "udligning") != NULL;
  rb_cfg_bool(&c->ck, g, path, "udligning", true, &in->udligning);
}

void rb_ld_scenario_block(ld *c, const rb_node *root) {
  rb_scenario_info *in = &c->sc->info;
  static const char *const KEYS[] = {
      "name",       "title",          "municipality", "price_year",
      "start",      "horizon_months", "replications", "seed",
      "mode",       "discount_rate",  "mcpf",         "kommuneskat",
      "language",   "tax_base_index", "capital_area", "udligning",
      "price_index"};
  const char *path = "scenario";
  rb_node empty;
  const rb_node *g = block(c, root, path, &empty);
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  read_names(c, in, g);
  long long v;
  rb_cfg_int(&c->ck, g, path, "price_year", 1900, 2200, true, 0, &v);
  in->price_year = (int)v;
  read_start(c, in, g);
  if (rb_cfg_int(&c->ck, g, path, "horizon_months", 1, RB_MAX_HORIZON, true, 0,
                 &v)) {
    c->horizon = (int)v;
  }
  in->horizon_months = (int)v;
  rb_cfg_int(&c->ck, g, path, "replications", 1, RB_MAX_REPLICATIONS, true, 0,
             &v);
  in->replications = (int)v;
  rb_cfg_int(&c->ck, g, path, "seed", 0, INT64_MAX, true, 0, &v);
  in->seed = (uint64_t)v;
  int mode = rb_cfg_word(&c->ck, g, path, "mode", rb_mode_words, 2, false, 0);
  in->mode = mode == RB_MODE_PSA ? RB_MODE_PSA : RB_MODE_STOCHASTIC;
  in->discount_rate =
      rb_ld_value(c, g, path, "discount_rate", &V_UNIT, false, 0.035, NULL);
  in->mcpf = rb_ld_value(c, g, path, "mcpf", &V_NONNEG, false, 0.0, NULL);
  in->kommuneskat =
      rb_ld_value(c, g, path, "kommuneskat", &V_UNIT, false,
                  c->sc->rules.kommuneskat_avg, &in->kommuneskat_given);
  read_udligning(c, in, g);
  int lang =
      rb_cfg_word(&c->ck, g, path, "language", rb_language_words, 2, false, 0);
  in->language = lang == RB_LANG_EN ? RB_LANG_EN : RB_LANG_DA;
}

/* ------------------------------------------------------------------ */
/* The subsidy block                                                  */
/* ------------------------------------------------------------------ */

/* subsidy.own_payment: a method and its one parameter. */
static void read_own_payment(ld *c, rb_subsidy_cfg *su, const rb_node *op) {
  /* method, and each method's parameter (rb_own_param_words). */
  const char *keys[1 + RB_OWN_METHOD_COUNT] = {"method"};
  memcpy(keys + 1, rb_own_param_words, sizeof rb_own_param_words);
  const char *opath = "subsidy.own_payment";
  rb_cfg_check_keys(&c->ck, op, opath, keys, RB_NWORDS(keys));
  int m = rb_cfg_word(&c->ck, op, opath, "method", rb_own_method_words,
                      RB_OWN_METHOD_COUNT, true, 0);
  for (int i = 0; i < RB_OWN_METHOD_COUNT; i++) {
    const rb_node *x = rb_node_get(op, rb_own_param_words[i]);
    if (x != NULL && m >= 0 && i != m) {
      char key[RB_KEYMAX];
      rb_key_join(key, opath, rb_own_param_words[i]);
      rb_cfg_problem(&c->ck, x, key,
                     "only for method \"%s\" (got method \"%s\")",
                     rb_own_method_words[i], rb_own_method_words[m]);
    }
  }
  if (m >= 0) {
    su->own_method = (rb_own_method)m;
    su->own_param = rb_ld_value(c, op, opath, rb_own_param_words[m],
                                m == RB_OWN_INCOME_SHARE ? &V_UNIT : &V_NONNEG,
                                true, 0.0, NULL);
  }
}

/* period_months, extension_months and max_extensions: each at most
 * RB_MAX_MONTHS, and so is the longest subsidy, the period and every
 * extension. */
bool rb_ld_periods(ld *c, const rb_node *g, const char *path, int *period,
                   int *extension, int *max_ext) {
  long long p, e, x;
  bool ok = rb_cfg_int(&c->ck, g, path, "period_months", 1, RB_MAX_MONTHS, true,
                       0, &p);
  const bool period_ok = ok;
  ok = rb_cfg_int(&c->ck, g, path, "extension_months", 1, RB_MAX_MONTHS, false,
                  6, &e) &&
       ok;
  ok = rb_cfg_int(&c->ck, g, path, "max_extensions", 0, RB_MAX_MONTHS, false, 2,
                  &x) &&
       ok;
  *period = (int)p;
  *extension = (int)e;
  *max_ext = (int)x;
  if (ok && p + x * e > RB_MAX_MONTHS) {
    const char *names[] = {"max_extensions", "extension_months"};
    const rb_node *at = rb_node_get(g, names[0]);
    at = at != NULL ? at : rb_node_get(g, names[1]);
    char key[RB_KEYMAX];
    rb_key_join(key, path,
                at != NULL && at->name != NULL ? at->name : "period_months");
    rb_cfg_problem(&c->ck, at != NULL ? at : rb_node_get(g, "period_months"),
                   key,
                   "the longest subsidy, period_months + max_extensions * "
                   "extension_months, must be at most %d months, 100 years "
                   "(got %lld + %lld * %lld = %lld)",
                   RB_MAX_MONTHS, p, x, e, p + x * e);
  }
  return period_ok;
}

int rb_ld_opt_value(ld *c, const rb_node *g, const char *path, const char *name,
                    const vspec *vs) {
  return rb_node_get(g, name) != NULL
             ? rb_ld_value(c, g, path, name, vs, true, 0.0, NULL)
             : -1;
}

void rb_ld_path_keys(ld *c, const rb_node *g, const char *path,
                     rb_path_cfg *pc) {
  rb_cfg_bool(&c->ck, g, path, "takeover_on_activity", false,
              &pc->takeover_on_activity);
  pc->takeover_su_share =
      rb_ld_opt_value(c, g, path, "takeover_su_share", &V_UNIT);
  pc->p_terminated = rb_ld_opt_value(c, g, path, "p_terminated", &V_PROB);
  pc->terminated_homeless_share =
      rb_ld_opt_value(c, g, path, "terminated_homeless_share", &V_UNIT);
  rb_cfg_bool(&c->ck, g, path, "period_per_citizen", false,
              &pc->period_per_citizen);
  long long v = 0;
  rb_cfg_int(&c->ck, g, path, "rehousing_search_months", 0, RB_MAX_MONTHS,
             false, 0, &v);
  pc->search_months = (int)v;
  pc->p_rehoused_per_month = -1;
  if (pc->search_months > 0 || rb_node_get(g, "p_rehoused_per_month") != NULL) {
    /* Required with a search, and a probability. */
    pc->p_rehoused_per_month = rb_ld_value(c, g, path, "p_rehoused_per_month",
                                           &V_PROB, true, 0.0, NULL);
  }
}

void rb_ld_subsidy_block(ld *c, const rb_node *root) {
  rb_subsidy_cfg *su = &c->sc->subsidy;
  static const char *const KEYS[] = {"cap",
                                     "period_months",
                                     "extension_months",
                                     "max_extensions",
                                     "recompute",
                                     "own_payment",
                                     "require_realistic_takeover",
                                     "p_rehoused_at_end",
                                     "relocation_cost",
                                     "limit_citizens",
                                     RB_LD_PATH_KEYS};
  const char *path = "subsidy";
  rb_node empty;
  const rb_node *g = block(c, root, path, &empty);
  su->line = g->line;
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  su->cap = rb_ld_value(c, g, path, "cap", &V_NONNEG, true, 0.0, NULL);
  if (rb_ld_periods(c, g, path, &su->period_months, &su->extension_months,
                    &su->max_extensions)) {
    c->period = su->period_months;
  }
  int rc = rb_cfg_word(&c->ck, g, path, "recompute", rb_recompute_words, 2,
                       false, 0);
  su->recompute = rc == RB_RECOMPUTE_AT_MOVE_IN ? RB_RECOMPUTE_AT_MOVE_IN
                                                : RB_RECOMPUTE_MONTHLY;
  su->own_method = RB_OWN_INCOME_SHARE;
  su->own_param = -1;
  const rb_node *op = rb_cfg_group(&c->ck, g, path, "own_payment", true);
  if (op != NULL) {
    read_own_payment(c, su, op);
  }
  if (su->own_param < 0) {
    /* Keep the parameter table complete even when the method is bad. */
    su->own_param = rb_ld_new_param(c, "subsidy.own_payment.share", g, &V_UNIT);
    mark_bad(c, su->own_param);
  }
  rb_cfg_bool(&c->ck, g, path, "require_realistic_takeover", true,
              &su->require_realistic_takeover);
  su->p_rehoused_at_end =
      rb_ld_value(c, g, path, "p_rehoused_at_end", &V_PROB, true, 0.0, NULL);
  su->relocation_cost =
      rb_ld_value(c, g, path, "relocation_cost", &V_NONNEG, true, 0.0, NULL);
  rb_ld_path_keys(c, g, path, &su->path);
  long long lim = 0;
  rb_cfg_int(&c->ck, g, path, "limit_citizens", 1, RB_MAX_GROUP_SIZE, false, 0,
             &lim);
  su->limit_citizens = (int)lim;
  su->limit_line = g->line;
}

/* ------------------------------------------------------------------ */
/* Income profiles                                                    */
/* ------------------------------------------------------------------ */

/* production_factor and payer, which depend on the kind. */
static void income_kind_keys(ld *c, rb_income *in, const rb_node *n,
                             const char *path, int k) {
  char key[RB_KEYMAX];
  const rb_node *pf = rb_node_get(n, "production_factor");
  if (k == RB_INCOME_WAGE) {
    in->production_factor = rb_ld_value(c, n, path, "production_factor",
                                        &V_NONNEG, false, 1.0, NULL);
  } else if (pf != NULL && k >= 0) {
    rb_key_join(key, path, "production_factor");
    rb_cfg_problem(&c->ck, pf, key, "only for a wage (got kind \"%s\")",
                   rb_income_kind_words[k]);
  }
  const rb_node *py = rb_node_get(n, "payer");
  rb_key_join(key, path, "payer");
  if (k == RB_INCOME_WAGE && py != NULL) {
    rb_cfg_problem(&c->ck, py, key, "a wage has no payer");
  } else if ((k == RB_INCOME_BENEFIT || k == RB_INCOME_SU) && py == NULL) {
    rb_cfg_problem(&c->ck, n, key,
                   "required for kind \"%s\" (who pays the transfer)",
                   rb_income_kind_words[k]);
  } else if (k >= 0 && k != RB_INCOME_WAGE && py != NULL) {
    rb_ld_payer(c, &in->payer, py, key);
  }
}

/* refusion = "trappe": a benefit whose state share follows the
 * refusionstrappe (finansieringsloven § 5), which the rules must hold. */
static void income_refusion(ld *c, rb_income *in, const rb_node *n,
                            const char *path, int k) {
  const rb_node *r = rb_node_get(n, "refusion");
  if (r == NULL) {
    return;
  }
  int w =
      rb_cfg_word(&c->ck, n, path, "refusion", rb_refusion_words, 2, false, 0);
  char key[RB_KEYMAX];
  rb_key_join(key, path, "refusion");
  if (w == 1 && k >= 0 && k != RB_INCOME_BENEFIT) {
    rb_cfg_problem(&c->ck, r, key, "only for a benefit (got kind \"%s\")",
                   rb_income_kind_words[k]);
  } else if (w == 1 && !c->sc->rules.has_refusion) {
    rb_cfg_problem(&c->ck, r, key,
                   "the rules file has no `refusion` block (got \"trappe\")");
  }
  in->refusion_trappe = w == 1;
}

static void read_income(ld *c, rb_income *in, const rb_node *n) {
  static const char *const KEYS[] = {"gross", "kind", "payer",
                                     "production_factor", "refusion"};
  char path[RB_KEYMAX];
  rb_key_join(path, "incomes", n->name);
  in->name = rb_cfg_strdup(&c->ck, n->name);
  in->line = n->line;
  in->production_factor = -1;
  if (!rb_ld_is_ident(n->name)) {
    rb_cfg_problem(&c->ck, n, path,
                   "an income name must be an identifier of at most 64 "
                   "characters (got \"%s\")",
                   n->name);
  }
  if (n->type != RB_N_GROUP) {
    rb_cfg_expected(&c->ck, n, path, "a group { gross; kind; ... }");
    in->gross = rb_ld_new_param(c, path, n, &V_NONNEG);
    mark_bad(c, in->gross);
    return;
  }
  rb_cfg_check_keys(&c->ck, n, path, KEYS, RB_NWORDS(KEYS));
  in->gross = rb_ld_value(c, n, path, "gross", &V_NONNEG, true, 0.0, NULL);
  int k = rb_cfg_word(&c->ck, n, path, "kind", rb_income_kind_words,
                      RB_INCOME_KIND_COUNT, true, 0);
  in->kind = k >= 0 ? (rb_income_kind)k : RB_INCOME_BENEFIT;
  income_kind_keys(c, in, n, path, k);
  income_refusion(c, in, n, path, k);
}

void rb_ld_incomes(ld *c, const rb_node *root) {
  const rb_node *g = rb_cfg_group(&c->ck, root, "", "incomes", true);
  if (g == NULL) {
    return;
  }
  rb_scenario *sc = c->sc;
  sc->incomes = ld_calloc(c, g->n, sizeof *sc->incomes);
  if (g->n > 0 && sc->incomes == NULL) {
    return;
  }
  for (int i = 0; i < g->n; i++) {
    read_income(c, &sc->incomes[sc->n_incomes++], g->kids[i]);
  }
}
