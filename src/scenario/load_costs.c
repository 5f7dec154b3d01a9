/*
 * The scenario loader's cost items (load.h; scenario-format.md, "Cost
 * items"): an amount per month, per day or one-off, when it applies, and
 * who pays it.  when.groups is resolved once the groups are read
 * (load_validate.c).
 */
#include "scenario/load.h"
#include "scenario/words.h"

#include <stdlib.h>
#include <string.h>

/* The names of the items the model computes itself. */
static const char *const RESERVED_ITEMS[] = {"rent_subsidy", "housing_benefit",
                                             "income",       "income_tax",
                                             "production",   "relocation"};

static const char *cost_name_of(const rb_scenario *sc, int j) {
  return sc->costs[j].name;
}

/* An array of state or activity names into bits. */
static unsigned word_bits(ld *c, const rb_node *n, const char *key,
                          const char *const *words, int n_words) {
  char got[80], list[300];
  if (n->type != RB_N_ARRAY && n->type != RB_N_LIST) {
    rb_cfg_expected(&c->ck, n, key, "an array of names [\"...\", ...]");
    return 0;
  }
  if (n->n == 0) {
    rb_cfg_problem(&c->ck, n, key, "must list at least one name (got [])");
    return 0;
  }
  unsigned bits = 0;
  rb_words_text(list, sizeof list, words, n_words);
  for (int i = 0; i < n->n; i++) {
    const rb_node *e = n->kids[i];
    char ek[RB_KEYMAX];
    rb_key_index(ek, key, i);
    int w =
        e->type == RB_N_STRING ? rb_enum_lookup(words, n_words, e->sval) : -1;
    rb_node_describe(got, sizeof got, e);
    if (w < 0) {
      rb_cfg_problem(&c->ck, e, ek, "expected one of %s (got %s)", list, got);
      continue;
    }
    if (bits & (1u << w)) {
      rb_cfg_problem(&c->ck, e, ek, "listed twice (got %s)", got);
    }
    bits |= 1u << w;
  }
  return bits;
}

/* The amount: exactly one of per_month, per_day and one_off (with on). */
static void cost_amount(ld *c, rb_cost *ct, const rb_node *g,
                        const char *path) {
  /* on takes the events, and relapse for move_out. */
  static const char *const EVENTS[] = {RB_EVENT_LIST(RB_ENUM_NAME) "relapse"};
  char key[RB_KEYMAX];
  const rb_node *npm = rb_node_get(g, "per_month");
  const rb_node *npd = rb_node_get(g, "per_day");
  const rb_node *noo = rb_node_get(g, "one_off");
  const rb_node *non = rb_node_get(g, "on");
  int forms = (npm != NULL) + (npd != NULL) + (noo != NULL);
  if (forms != 1) {
    rb_cfg_problem(
        &c->ck, g, path,
        "needs exactly one of per_month, per_day and one_off (got %d)", forms);
  }
  if (npm != NULL) {
    rb_key_join(key, path, "per_month");
    rb_ld_sched(c, &ct->amount, npm, key, &V_ANY, true);
  } else if (npd != NULL) {
    ct->per_day = true;
    rb_key_join(key, path, "per_day");
    rb_ld_sched(c, &ct->amount, npd, key, &V_ANY, true);
  } else if (noo != NULL) {
    ct->one_off = true;
    rb_key_join(key, path, "one_off");
    rb_ld_sched(c, &ct->amount, noo, key, &V_ANY, false);
  }
  if (noo != NULL) {
    int ev =
        rb_cfg_word(&c->ck, g, path, "on", EVENTS, RB_NWORDS(EVENTS), true, 0);
    ct->on = ev == RB_EV_COUNT ? RB_EV_MOVE_OUT
             : ev >= 0         ? (rb_event)ev
                               : RB_EV_MOVE_IN;
  } else if (non != NULL) {
    rb_key_join(key, path, "on");
    rb_cfg_problem(&c->ck, non, key, "only for a one_off item");
  }
}

/* when.arm: both, or one arm. */
static void cost_arm(ld *c, rb_cost *ct, const rb_node *w, const char *wpath) {
  /* "both" and the arms (rb_arm_names). */
  static const char *const ARMS[] = {"both", RB_ARM_LIST(RB_ENUM_NAME)};
  ct->has_arm = true;
  int a = rb_cfg_word(&c->ck, w, wpath, "arm", ARMS, RB_NWORDS(ARMS), true, 0);
  ct->arms = a >= 1 ? 1u << (a - 1) : (1u << RB_ARM_SPECS) - 1;
}

/* when: the arms, housing states, activities and groups it applies to. */
static void cost_when(ld *c, rb_cost *ct, const rb_node *w, const char *path) {
  static const char *const WHEN_KEYS[] = {"arm", "housing", "activity",
                                          "groups"};
  char wpath[RB_KEYMAX], key[RB_KEYMAX];
  rb_key_join(wpath, path, "when");
  rb_cfg_check_keys(&c->ck, w, wpath, WHEN_KEYS, RB_NWORDS(WHEN_KEYS));
  if (rb_node_get(w, "arm") != NULL) {
    cost_arm(c, ct, w, wpath);
  }
  /* when.groups is resolved once the groups are read. */
  ct->has_groups = rb_node_get(w, "groups") != NULL;
  const rb_node *nh = rb_node_get(w, "housing");
  const rb_node *nc = rb_node_get(w, "activity");
  if (ct->one_off && (nh != NULL || nc != NULL)) {
    const rb_node *x = nh != NULL ? nh : nc;
    rb_key_join(key, wpath, x->name);
    rb_cfg_problem(&c->ck, x, key,
                   "a one-off item's when holds only arm and groups");
    return;
  }
  if (nh != NULL) {
    ct->has_housing = true;
    rb_key_join(key, wpath, "housing");
    ct->housing = word_bits(c, nh, key, rb_housing_names, RB_H_COUNT);
  }
  if (nc != NULL) {
    ct->has_activity = true;
    rb_key_join(key, wpath, "activity");
    ct->activity = word_bits(c, nc, key, rb_activity_names, RB_A_COUNT);
  }
}

/* payer: none for a production item, required for every other. */
static void cost_payer(ld *c, rb_cost *ct, const rb_node *g, const char *path,
                       int kind) {
  char key[RB_KEYMAX];
  const rb_node *py = rb_node_get(g, "payer");
  rb_key_join(key, path, "payer");
  if (kind == RB_KIND_PRODUCTION) {
    if (py != NULL) {
      rb_cfg_problem(&c->ck, py, key, "a production item has no payer");
    }
  } else if (py == NULL) {
    if (kind >= 0) {
      rb_cfg_problem(&c->ck, g, key, "required key missing");
    }
  } else {
    rb_ld_payer(c, &ct->payer, py, key);
  }
}

/* payer_clock (how the payer schedule counts months) and realisable (the
 * share of the amount a freed bed saves), for items booked by the month. */
static void cost_net(ld *c, rb_cost *ct, const rb_node *g, const char *path) {
  ct->realisable = -1;
  const char *names[] = {"payer_clock", "realisable"};
  for (int k = 0; k < 2; k++) {
    const rb_node *n = rb_node_get(g, names[k]);
    if (n != NULL && (ct->one_off || ct->kind == RB_KIND_PRODUCTION)) {
      char key[RB_KEYMAX];
      rb_key_join(key, path, names[k]);
      rb_cfg_problem(&c->ck, n, key,
                     "only for an item booked by the month with payers "
                     "(got %s)",
                     ct->one_off ? "a one-off item" : "kind \"production\"");
      return;
    }
  }
  int w = rb_cfg_word(&c->ck, g, path, "payer_clock", rb_payer_clock_words,
                      RB_CLOCK_COUNT, false, 0);
  ct->clock = w >= 0 ? (rb_payer_clock)w : RB_CLOCK_STATE;
  if (rb_node_get(g, "realisable") != NULL) {
    ct->realisable =
        rb_ld_value(c, g, path, "realisable", &V_PROB, true, 1.0, NULL);
  }
}

static void read_cost(ld *c, rb_cost *ct, const rb_node *g, int i) {
  static const char *const KEYS[] = {
      "name", "label", "kind",  "per_month",   "per_day",   "one_off",
      "on",   "when",  "payer", "payer_clock", "realisable"};
  static const rb_ld_name_rule NAME_RULE = {
      "costs", RESERVED_ITEMS, RB_NWORDS(RESERVED_ITEMS),
      "is the name of a computed item", cost_name_of};
  char path[RB_KEYMAX];
  rb_key_index(path, "costs", i);
  ct->line = g->line;
  ct->amount.scale = -1;
  ct->arms = (1u << RB_ARM_SPECS) - 1;
  ct->housing = (1u << RB_H_COUNT) - 1;
  ct->activity = (1u << RB_A_COUNT) - 1;
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  ct->name = rb_cfg_strdup(&c->ck, rb_ld_name(c, g, path, i, &NAME_RULE));
  ct->label =
      rb_cfg_strdup(&c->ck, rb_cfg_string(&c->ck, g, path, "label", true));
  int kind = rb_cfg_word(&c->ck, g, path, "kind", rb_kind_names, RB_KIND_COUNT,
                         true, 0);
  ct->kind = kind >= 0 ? (rb_kind)kind : RB_KIND_RESOURCE;
  cost_amount(c, ct, g, path);
  const rb_node *w = rb_cfg_group(&c->ck, g, path, "when", false);
  if (w != NULL) {
    cost_when(c, ct, w, path);
  }
  cost_payer(c, ct, g, path, kind);
  cost_net(c, ct, g, path);
}

void rb_ld_costs(ld *c, const rb_node *root) {
  const rb_node *l = rb_cfg_list(&c->ck, root, "", "costs", true);
  if (l == NULL) {
    return;
  }
  rb_scenario *sc = c->sc;
  sc->costs = ld_calloc(c, l->n, sizeof *sc->costs);
  if (l->n > 0 && sc->costs == NULL) {
    return;
  }
  for (int i = 0; i < l->n; i++) {
    read_cost(c, &sc->costs[sc->n_costs++], l->kids[i], i);
  }
}
