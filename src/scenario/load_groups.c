/*
 * The scenario loader's groups of citizens (load.h; scenario-format.md,
 * "Groups"): who they are, their income profiles, the intervention arm as
 * written and the baseline arm with its override merged in, and the
 * group's own terms (extensions of format 1).
 */
#include "scenario/load.h"
#include "scenario/words.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *group_name_of(const rb_scenario *sc, int j) {
  return sc->groups[j].name;
}

/* name, label, citizen_group, size and entry_months. */
static void group_who(ld *c, rb_group *gr, const rb_node *g, const char *path,
                      int gi) {
  static const char *const ALL[] = {"all"};
  static const rb_ld_name_rule NAME_RULE = {
      "groups", ALL, 1, "\"all\" names the whole cohort", group_name_of};
  gr->name = rb_cfg_strdup(&c->ck, rb_ld_name(c, g, path, gi, &NAME_RULE));
  gr->label =
      rb_cfg_strdup(&c->ck, rb_cfg_string(&c->ck, g, path, "label", true));
  long long v;
  rb_cfg_int(&c->ck, g, path, "citizen_group", 1, 3, true, 1, &v);
  gr->citizen_group = (int)v;
  rb_cfg_int(&c->ck, g, path, "size", 1, RB_MAX_GROUP_SIZE, true, 1, &v);
  gr->size = (int)v;
  /* Within the horizon; without a valid one, within the longest. */
  const rb_node *n = rb_node_get(g, "entry_months");
  if (c->horizon > 0 && n != NULL &&
      (n->type == RB_N_INT || n->type == RB_N_INT64) &&
      (n->huge || n->ival < 1 || n->ival > c->horizon)) {
    char key[RB_KEYMAX], got[80];
    rb_key_join(key, path, "entry_months");
    rb_node_describe(got, sizeof got, n);
    rb_cfg_problem(&c->ck, n, key,
                   "must be between 1 and horizon_months (%d) (got %s)",
                   c->horizon, got);
    v = 1;
  } else {
    rb_cfg_int(&c->ck, g, path, "entry_months", 1, RB_MAX_HORIZON, false, 1,
               &v);
  }
  gr->entry_months = (int)v;
}

static void group_household(ld *c, rb_group *gr, const rb_node *g,
                            const char *path) {
  static const char *const KEYS[] = {"adults", "children", "foertidspension"};
  const rb_node *hh = rb_cfg_group(&c->ck, g, path, "household", true);
  gr->adults = 1;
  if (hh == NULL) {
    return;
  }
  char sub[RB_KEYMAX];
  long long v;
  rb_key_join(sub, path, "household");
  rb_cfg_check_keys(&c->ck, hh, sub, KEYS, RB_NWORDS(KEYS));
  rb_cfg_int(&c->ck, hh, sub, "adults", 1, 2, true, 1, &v);
  gr->adults = (int)v;
  rb_cfg_int(&c->ck, hh, sub, "children", 0, 10, true, 0, &v);
  gr->children = (int)v;
  rb_cfg_bool(&c->ck, hh, sub, "foertidspension", false, &gr->foertidspension);
}

/* initial: a group that starts subsidised has months of it left. */
static void group_initial(ld *c, rb_arm_spec *ai, const rb_node *g,
                          const char *path) {
  const rb_node *ini = rb_cfg_group(&c->ck, g, path, "initial", true);
  if (ini == NULL) {
    return;
  }
  char sub[RB_KEYMAX], key[RB_KEYMAX];
  rb_key_join(sub, path, "initial");
  rb_ld_initial(c, &ai->initial, ini, sub, false);
  if (ai->initial.housing == RB_H_SUBSIDISED && c->period > 0 &&
      ai->initial.months_in_state >= c->period) {
    const rb_node *mn = rb_node_get(ini, "months_in_state");
    rb_key_join(key, sub, "months_in_state");
    rb_cfg_problem(&c->ck, mn != NULL ? mn : ini, key,
                   "must be below subsidy.period_months (%d) when starting in "
                   "housed_subsidised (got %d)",
                   c->period, ai->initial.months_in_state);
  }
}

static int income_index(const rb_scenario *sc, const char *name) {
  for (int i = 0; i < sc->n_incomes; i++) {
    if (sc->incomes[i].name != NULL && strcmp(sc->incomes[i].name, name) == 0) {
      return i;
    }
  }
  return -1;
}

/* income: a profile of incomes per activity, then future. */
static void group_income(ld *c, rb_group *gr, const rb_node *g,
                         const char *path) {
  /* The activities (rb_activity_names), then future. */
  static const char *const KEYS[] = {RB_ACTIVITY_LIST(RB_ENUM_NAME) "future"};
  const rb_node *inc = rb_cfg_group(&c->ck, g, path, "income", true);
  if (inc == NULL) {
    return;
  }
  char sub[RB_KEYMAX], key[RB_KEYMAX];
  rb_key_join(sub, path, "income");
  rb_cfg_check_keys(&c->ck, inc, sub, KEYS, RB_NWORDS(KEYS));
  for (int i = 0; i <= RB_A_COUNT; i++) {
    const char *s = rb_cfg_string(&c->ck, inc, sub, KEYS[i], true);
    if (s == NULL) {
      continue;
    }
    gr->income[i] = income_index(c->sc, s);
    if (gr->income[i] < 0) {
      const rb_node *n = rb_node_get(inc, KEYS[i]);
      char got[80];
      rb_key_join(key, sub, KEYS[i]);
      rb_node_describe(got, sizeof got, n);
      rb_cfg_problem(&c->ck, n, key,
                     "no such income profile in incomes (got %s)", got);
    }
  }
}

/* A missing block leaves parameters unset: give them bad placeholders. */
static void arm_placeholders(ld *c, rb_arm_spec *ai, const rb_node *g,
                             const char *path) {
  char sub[RB_KEYMAX];
  if (ai->flats.offers_per_month < 0 && ai->flats.pools == 0) {
    rb_key_join(sub, path, "flats.offers_per_month");
    ai->flats.offers_per_month = rb_ld_new_param(c, sub, g, &V_PROB);
    mark_bad(c, ai->flats.offers_per_month);
  }
  for (int h = 0; h < 2; h++) {
    for (int r = 0; r < RB_RATE_COUNT; r++) {
      if (ai->transitions.activity[h][r] < 0) {
        char t1[RB_KEYMAX], t2[RB_KEYMAX];
        rb_key_join(t1, path, "transitions.activity");
        rb_key_join(t2, t1, rb_housed_words[h]);
        rb_key_join(sub, t2, rb_rate_words[r]);
        ai->transitions.activity[h][r] = rb_ld_new_param(c, sub, g, &V_PROB);
        mark_bad(c, ai->transitions.activity[h][r]);
      }
    }
  }
}

/* flats and transitions of group or baseline block @p g into @p arm, both
 * required unless @p partial (a baseline override); *fl and *tr the blocks
 * (NULL when absent). */
static void arm_blocks(ld *c, rb_arm_spec *arm, const rb_node *g,
                       const char *path, bool partial, const rb_node **fl,
                       const rb_node **tr) {
  char sub[RB_KEYMAX];
  *fl = rb_cfg_group(&c->ck, g, path, "flats", !partial);
  if (*fl != NULL) {
    rb_key_join(sub, path, "flats");
    rb_ld_flats(c, &arm->flats, *fl, sub, partial);
  }
  *tr = rb_cfg_group(&c->ck, g, path, "transitions", !partial);
  if (*tr != NULL) {
    rb_key_join(sub, path, "transitions");
    rb_ld_transitions(c, &arm->transitions, *tr, sub, partial);
  }
}

/* The intervention arm's flats and transitions, as written. */
static void group_flats_transitions(ld *c, rb_arm_spec *ai, const rb_node *g,
                                    const char *path) {
  char sub[RB_KEYMAX];
  const rb_node *fl, *tr;
  arm_blocks(c, ai, g, path, false, &fl, &tr);
  arm_placeholders(c, ai, g, path);
  rb_key_join(sub, path, "transitions");
  rb_ld_check_arm_sums(c, ai, NULL, sub, tr != NULL ? tr : g);
}

/* The members of a baseline block other than flats, transitions and
 * initial. */
static void baseline_keys(ld *c, const rb_node *bl, const char *bpath) {
  static const char *const KEYS[] = {"flats", "transitions", "initial"};
  static const char *const FIXED[] = {"name",   "label",        "citizen_group",
                                      "size",   "entry_months", "household",
                                      "income", "baseline"};
  char key[RB_KEYMAX];
  for (int i = 0; i < bl->n; i++) {
    const rb_node *k = bl->kids[i];
    if (rb_enum_lookup(KEYS, RB_NWORDS(KEYS), k->name) >= 0) {
      continue;
    }
    rb_key_join(key, bpath, k->name);
    if (rb_enum_lookup(FIXED, RB_NWORDS(FIXED), k->name) >= 0) {
      rb_cfg_problem(&c->ck, k, key,
                     "cannot be overridden in the baseline (the same "
                     "citizens in both arms)");
    } else {
      rb_cfg_problem(&c->ck, k, key,
                     "unknown key (the baseline may override flats, "
                     "transitions and initial)");
    }
  }
}

/* The baseline block's initial: it cannot start subsidised. */
static void baseline_initial(ld *c, rb_arm_spec *ab, const rb_node *bi,
                             const char *bpath) {
  char sub[RB_KEYMAX], key[RB_KEYMAX];
  rb_key_join(sub, bpath, "initial");
  rb_ld_initial(c, &ab->initial, bi, sub, true);
  if (ab->initial.housing == RB_H_SUBSIDISED) {
    const rb_node *hn = rb_node_get(bi, "housing");
    rb_key_join(key, sub, "housing");
    rb_cfg_problem(&c->ck, hn != NULL ? hn : bi, key,
                   "the baseline arm cannot start in housed_subsidised (got "
                   "\"housed_subsidised\")");
  }
}

/* The baseline arm: the intervention's, with the override merged in. */
static void group_baseline(ld *c, rb_group *gr, const rb_node *g,
                           const char *path) {
  rb_arm_spec *ai = &gr->arm[RB_ARM_INTERVENTION];
  rb_arm_spec *ab = &gr->arm[RB_ARM_BASELINE];
  rb_ld_arm_copy(c, ab, ai);
  const rb_node *bl = rb_cfg_group(&c->ck, g, path, "baseline", false);
  if (bl == NULL) {
    return;
  }
  char bpath[RB_KEYMAX], sub[RB_KEYMAX];
  gr->has_baseline = true;
  gr->baseline_line = bl->line;
  rb_key_join(bpath, path, "baseline");
  baseline_keys(c, bl, bpath);
  const rb_node *bf, *bt;
  arm_blocks(c, ab, bl, bpath, true, &bf, &bt);
  const rb_node *bi = rb_cfg_group(&c->ck, bl, bpath, "initial", false);
  if (bi != NULL) {
    baseline_initial(c, ab, bi, bpath);
  }
  if (bf != NULL || bt != NULL) {
    rb_key_join(sub, bpath, "transitions");
    rb_ld_check_arm_sums(c, ab, ai, sub, bt != NULL ? bt : bl);
  }
}

/* The group's own subsidy clocks (issue 15): period_months,
 * extension_months and max_extensions, each in the subsidy block's range,
 * the longest subsidy at most RB_MAX_MONTHS, and a group that starts
 * subsidised with months of its own period left. */
static void group_periods(ld *c, rb_group *gr, const rb_node *su,
                          const char *sub) {
  static const char *const K[3] = {"period_months", "extension_months",
                                   "max_extensions"};
  int *const out[3] = {&gr->period_months, &gr->extension_months,
                       &gr->max_extensions};
  const rb_subsidy_cfg *s = &c->sc->subsidy;
  long long v[3] = {s->period_months, s->extension_months, s->max_extensions};
  for (int k = 0; k < 3; k++) {
    if (rb_node_get(su, K[k]) != NULL &&
        rb_cfg_int(&c->ck, su, sub, K[k], k == 2 ? 0 : 1, RB_MAX_MONTHS, true,
                   0, &v[k])) {
      *out[k] = (int)v[k];
    }
  }
  char key[RB_KEYMAX];
  if (v[0] + v[2] * v[1] > RB_MAX_MONTHS) {
    rb_key_join(key, sub, "period_months");
    rb_cfg_problem(&c->ck, su, key,
                   "the group's longest subsidy, period_months + "
                   "max_extensions * extension_months, must be at most %d "
                   "months (got %lld)",
                   RB_MAX_MONTHS, v[0] + v[2] * v[1]);
  }
  for (int a = 0; a < RB_ARM_SPECS && gr->period_months >= 0; a++) {
    const rb_initial *in = &gr->arm[a].initial;
    if (in->housing == RB_H_SUBSIDISED &&
        in->months_in_state >= gr->period_months) {
      rb_key_join(key, sub, "period_months");
      rb_cfg_problem(&c->ck, su, key,
                     "must be above the group's initial months_in_state "
                     "(%d) when it starts in housed_subsidised (got %d)",
                     in->months_in_state, gr->period_months);
    }
  }
}

/* The group's own terms (extensions of format 1): kommuneskat and a
 * subsidy block with require_realistic_takeover and p_rehoused_at_end. */
static void group_terms(ld *c, rb_group *gr, const rb_node *g,
                        const char *path) {
  if (rb_node_get(g, "kommuneskat") != NULL) {
    gr->kommuneskat =
        rb_ld_value(c, g, path, "kommuneskat", &V_UNIT, true, 0.0, NULL);
  }
  if (rb_node_get(g, "tax_base_index") != NULL) {
    gr->tax_base_index =
        rb_ld_value(c, g, path, "tax_base_index", &V_NONNEG, true, 0.0, NULL);
  }
  long long wk = 0;
  rb_cfg_int(&c->ck, g, path, "benefit_weeks_before_entry", 0, 5200, false, 0,
             &wk);
  gr->benefit_weeks_before = (int)wk;
  if (rb_node_get(g, "capital_area") != NULL) {
    bool b = false;
    rb_cfg_bool(&c->ck, g, path, "capital_area", true, &b);
    gr->capital_area = b ? 1 : 0;
  }
  const rb_node *su = rb_cfg_group(&c->ck, g, path, "subsidy", false);
  if (su == NULL) {
    return;
  }
  static const char *const KEYS[] = {
      "require_realistic_takeover", "p_rehoused_at_end", "cap", "period_months",
      "extension_months",           "max_extensions"};
  char sub[RB_KEYMAX];
  rb_key_join(sub, path, "subsidy");
  rb_cfg_check_keys(&c->ck, su, sub, KEYS, RB_NWORDS(KEYS));
  if (rb_node_get(su, "require_realistic_takeover") != NULL) {
    bool b = false;
    rb_cfg_bool(&c->ck, su, sub, "require_realistic_takeover", true, &b);
    gr->require_realistic_takeover = b ? 1 : 0;
  }
  if (rb_node_get(su, "p_rehoused_at_end") != NULL) {
    gr->p_rehoused_at_end =
        rb_ld_value(c, su, sub, "p_rehoused_at_end", &V_PROB, true, 0.0, NULL);
  }
  if (rb_node_get(su, "cap") != NULL) {
    /* The group's own cap (lov om social service § 1, the experiment's
     * terms per target group: docs/portfolio.md), kr per month. */
    gr->cap = rb_ld_value(c, su, sub, "cap", &V_NONNEG, true, 0.0, NULL);
  }
  group_periods(c, gr, su, sub);
}

static void read_group(ld *c, rb_group *gr, const rb_node *g, int gi) {
  static const char *const KEYS[] = {
      "name",          "label",
      "citizen_group", "size",
      "entry_months",  "household",
      "initial",       "income",
      "flats",         "transitions",
      "baseline",      "kommuneskat",
      "subsidy",       "tax_base_index",
      "capital_area",  "benefit_weeks_before_entry",
      "kommune",       "target"};
  char path[RB_KEYMAX];
  rb_key_index(path, "groups", gi);
  gr->line = g->line;
  rb_ld_arm_init(&gr->arm[RB_ARM_INTERVENTION]);
  rb_ld_arm_init(&gr->arm[RB_ARM_BASELINE]);
  for (int i = 0; i <= RB_A_COUNT; i++) {
    gr->income[i] = -1;
  }
  gr->kommuneskat = gr->p_rehoused_at_end = gr->cap = -1;
  gr->period_months = gr->extension_months = gr->max_extensions = -1;
  gr->require_realistic_takeover = -1;
  gr->tax_base_index = gr->capital_area = -1;
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  group_who(c, gr, g, path, gi);
  group_household(c, gr, g, path);
  group_initial(c, &gr->arm[RB_ARM_INTERVENTION], g, path);
  group_income(c, gr, g, path);
  group_flats_transitions(c, &gr->arm[RB_ARM_INTERVENTION], g, path);
  group_baseline(c, gr, g, path);
  group_terms(c, gr, g, path);
}

void rb_ld_groups(ld *c, const rb_node *root) {
  const rb_node *l = rb_cfg_list(&c->ck, root, "", "groups", true);
  if (l == NULL) {
    return;
  }
  rb_scenario *sc = c->sc;
  if (l->n == 0) {
    rb_cfg_problem(&c->ck, l, "groups",
                   "needs at least one group (got an empty list)");
    return;
  }
  if (l->n > RB_MAX_GROUPS) {
    rb_cfg_problem(&c->ck, l, "groups", "at most %d groups (got %d)",
                   RB_MAX_GROUPS, l->n);
    return;
  }
  sc->groups = ld_calloc(c, l->n, sizeof *sc->groups);
  if (sc->groups == NULL) {
    return;
  }
  long long cohort = 0;
  for (int i = 0; i < l->n; i++) {
    sc->n_groups++;
    read_group(c, &sc->groups[i], l->kids[i], i);
    cohort += sc->groups[i].size;
  }
  if (cohort > RB_MAX_COHORT) {
    rb_cfg_problem(&c->ck, l, "groups",
                   "the groups' sizes must sum to at most %d citizens (got "
                   "%lld)",
                   RB_MAX_COHORT, cohort);
  }
}

void rb_ld_groups_free(rb_scenario *sc) {
  for (int g = 0; g < sc->n_groups; g++) {
    rb_group *gr = &sc->groups[g];
    free(gr->name);
    free(gr->label);
    rb_ld_arm_free(&gr->arm[RB_ARM_INTERVENTION]);
    rb_ld_arm_free(&gr->arm[RB_ARM_BASELINE]);
  }
  free(sc->groups);
}
