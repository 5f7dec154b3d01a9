/*
 * The scenario loader's arms (load.h; scenario-loading.md, "Arms"): the
 * arms a run compares, each a scheme, one of them the reference.  Without
 * an `arms` list a scenario has today's two: `intervention` on the
 * scenario's own subsidy block and `baseline` on no scheme, with the
 * groups' baseline overrides.
 *
 * The arms are stored with the first listed at index 0 (the arm the
 * headline is about) and the reference at index 1, the others after in
 * the order listed, so that everything written for two arms reads arm 0
 * against arm 1.
 */
#include "scenario/load.h"

#include <string.h>

/* The schemes every scenario has: the scenario's own subsidy block
 * (`experiment`, with every waiver the network asks for) and no scheme at
 * all (`none`).  A `schemes` entry of the same name replaces one. */
enum { SCHEME_EXPERIMENT = 0, SCHEME_NONE = 1, SCHEME_BUILTIN = 2 };

static void scheme_init(rb_scheme *s, bool subsidy) {
  memset(s, 0, sizeof *s);
  s->subsidy = subsidy;
  s->cap = s->boform_payment = s->p_rehoused_at_end = s->almene_share = -1;
  s->path.takeover_su_share = s->path.p_rehoused_per_month = -1;
  s->path.p_terminated = s->path.terminated_homeless_share = -1;
  s->citizen_groups = ~0u;
  for (int w = 0; w < RB_WAIVER_COUNT; w++) {
    s->waiver[w] = subsidy;
  }
}

static void builtin_schemes(ld *c, int n_more) {
  rb_scenario *sc = c->sc;
  sc->schemes = ld_calloc(c, SCHEME_BUILTIN + n_more, sizeof *sc->schemes);
  if (sc->schemes == NULL) {
    return;
  }
  sc->n_schemes = SCHEME_BUILTIN;
  rb_scheme *e = &sc->schemes[SCHEME_EXPERIMENT];
  scheme_init(e, true);
  e->name = rb_cfg_strdup(&c->ck, "experiment");
  e->line = sc->subsidy.line;
  rb_scheme *n = &sc->schemes[SCHEME_NONE];
  scheme_init(n, false);
  n->name = rb_cfg_strdup(&c->ck, "none");
}

/* schemes.[i].subsidy: the words, by what they make of the scheme. */
enum { SUB_SCENARIO, SUB_GAP_CAP, SUB_TO_BOFORM, SUB_NONE, SUB_WORDS };
static const char *const SUB_WORD[SUB_WORDS] = {"scenario", "gap_cap",
                                                "to_boform", "none"};
static const char *const END_WORD[2] = {"takeover", "forced_move"};
static const char *const FLATS_WORD[2] = {"any", "almene"};
const char *const rb_waiver_names[RB_WAIVER_COUNT] = {
    RB_WAIVER_LIST(RB_ENUM_NAME)};
#define WAIVER_WORD rb_waiver_names

/* citizen_groups: a list of 1, 2, 3. */
static void scheme_groups(ld *c, rb_scheme *s, const rb_node *g,
                          const char *path) {
  const rb_node *l = rb_node_get(g, "citizen_groups");
  if (l == NULL) {
    return;
  }
  char key[RB_KEYMAX];
  rb_key_join(key, path, "citizen_groups");
  s->citizen_groups = 0;
  for (int i = 0; i < l->n; i++) {
    long long v = 0;
    if (rb_cfg_int_node(&c->ck, l->kids[i], key, 1, 3, &v)) {
      s->citizen_groups |= 1u << v;
    }
  }
  if (l->n == 0) {
    rb_cfg_problem(&c->ck, l, key, "lists the citizen groups 1-3 (got [])");
  }
}

/* waivers: each a boolean; absent ones keep the default (granted when the
 * scheme offers a subsidy). */
static void scheme_waivers(ld *c, rb_scheme *s, const rb_node *g,
                           const char *path) {
  const rb_node *w = rb_cfg_group(&c->ck, g, path, "waivers", false);
  if (w == NULL) {
    return;
  }
  char wpath[RB_KEYMAX];
  rb_key_join(wpath, path, "waivers");
  rb_cfg_check_keys(&c->ck, w, wpath, WAIVER_WORD, RB_WAIVER_COUNT);
  for (int k = 0; k < RB_WAIVER_COUNT; k++) {
    rb_cfg_bool(&c->ck, w, wpath, WAIVER_WORD[k], s->waiver[k], &s->waiver[k]);
  }
}

/* The terms of a scheme with its own (gap_cap, to_boform). */
static void scheme_terms(ld *c, rb_scheme *s, const rb_node *g,
                         const char *path, int sub) {
  s->own_terms = true;
  s->method = sub == SUB_TO_BOFORM ? RB_SUB_TO_BOFORM : RB_SUB_GAP_CAP;
  s->cap = rb_ld_opt_value(c, g, path, "cap", &V_NONNEG);
  if (sub == SUB_GAP_CAP && s->cap < 0) {
    rb_cfg_missing(&c->ck, g, path, "cap");
  }
  s->boform_payment = rb_ld_opt_value(c, g, path, "boform_payment", &V_NONNEG);
  if (sub == SUB_TO_BOFORM && s->boform_payment < 0) {
    rb_cfg_missing(&c->ck, g, path, "boform_payment");
  }
  rb_ld_periods(c, g, path, &s->period_months, &s->extension_months,
                &s->max_extensions);
  rb_cfg_bool(&c->ck, g, path, "require_realistic_takeover", false,
              &s->require_realistic_takeover);
  s->end = (rb_scheme_end)rb_cfg_word(&c->ck, g, path, "end", END_WORD, 2,
                                      false, RB_END_TAKEOVER);
  if ((int)s->end < 0) {
    s->end = RB_END_TAKEOVER;
  }
  rb_ld_path_keys(c, g, path, &s->path);
}

static void read_scheme(ld *c, rb_scheme *s, const rb_node *g, int i) {
  static const char *const KEYS[] = {"name",
                                     "label",
                                     "source",
                                     "subsidy",
                                     "cap",
                                     "boform_payment",
                                     "period_months",
                                     "extension_months",
                                     "max_extensions",
                                     "require_realistic_takeover",
                                     "end",
                                     RB_LD_PATH_KEYS,
                                     "p_rehoused_at_end",
                                     "state_share",
                                     "flats",
                                     "almene_share",
                                     "citizen_groups",
                                     "waivers"};
  char path[RB_KEYMAX];
  rb_key_index(path, "schemes", i);
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  const int sub =
      rb_cfg_word(&c->ck, g, path, "subsidy", SUB_WORD, SUB_WORDS, true, 0);
  scheme_init(s, sub != SUB_NONE);
  s->listed = true;
  s->line = g->line;
  const char *name = rb_cfg_string(&c->ck, g, path, "name", true);
  if (name != NULL && !rb_ld_is_ident(name)) {
    char key[RB_KEYMAX], got[80];
    rb_key_join(key, path, "name");
    rb_node_describe(got, sizeof got, rb_node_get(g, "name"));
    rb_cfg_problem(&c->ck, rb_node_get(g, "name"), key,
                   "must be an identifier of at most 64 characters (got %s)",
                   got);
  }
  s->name = rb_cfg_strdup(&c->ck, name);
  s->source =
      rb_cfg_strdup(&c->ck, rb_cfg_string(&c->ck, g, path, "source", false));
  s->label =
      rb_cfg_strdup(&c->ck, rb_cfg_string(&c->ck, g, path, "label", false));
  if (sub == SUB_GAP_CAP || sub == SUB_TO_BOFORM) {
    scheme_terms(c, s, g, path, sub);
  }
  s->p_rehoused_at_end =
      rb_ld_opt_value(c, g, path, "p_rehoused_at_end", &V_PROB);
  const rb_node *ss = rb_node_get(g, "state_share");
  if (ss != NULL) {
    char key[RB_KEYMAX];
    rb_key_join(key, path, "state_share");
    rb_ld_share(c, ss, key, "state_share", &s->state_share);
  }
  const int fl = rb_cfg_word(&c->ck, g, path, "flats", FLATS_WORD, 2, false, 0);
  if (fl == 1) {
    s->almene_share =
        rb_ld_value(c, g, path, "almene_share", &V_UNIT, true, 0.0, NULL);
  }
  scheme_groups(c, s, g, path);
  scheme_waivers(c, s, g, path);
}

/* The scenario's `schemes` list, after the built-in two. */
static void read_schemes(ld *c, const rb_node *l) {
  rb_scenario *sc = c->sc;
  for (int i = 0; i < l->n; i++) {
    rb_scheme s;
    read_scheme(c, &s, l->kids[i], i);
    int at = rb_ld_scheme_find(sc, s.name);
    if (at >= SCHEME_BUILTIN) {
      char key[RB_KEYMAX];
      rb_key_index(key, "schemes", i);
      rb_key_join(key, key, "name");
      rb_cfg_problem(&c->ck, rb_node_get(l->kids[i], "name"), key,
                     "already used by an earlier scheme (got \"%s\")", s.name);
    }
    if (at < 0) {
      at = sc->n_schemes++;
    } else {
      free(sc->schemes[at].name);
      free(sc->schemes[at].source);
      free(sc->schemes[at].label);
    }
    sc->schemes[at] = s;
  }
}

int rb_ld_scheme_find(const rb_scenario *sc, const char *name) {
  for (int i = 0; name != NULL && i < sc->n_schemes; i++) {
    if (sc->schemes[i].name != NULL && strcmp(sc->schemes[i].name, name) == 0) {
      return i;
    }
  }
  return -1;
}

/* Today's two arms. */
static void default_arms(ld *c) {
  rb_scenario *sc = c->sc;
  sc->n_arms = 2;
  sc->arms[RB_ARM_INTERVENTION] = (rb_arm_def){
      .name = rb_cfg_strdup(&c->ck, rb_arm_names[RB_ARM_INTERVENTION]),
      .scheme = SCHEME_EXPERIMENT};
  sc->arms[RB_ARM_BASELINE] =
      (rb_arm_def){.name = rb_cfg_strdup(&c->ck, rb_arm_names[RB_ARM_BASELINE]),
                   .scheme = SCHEME_NONE,
                   .baseline = true};
}

static const char *arm_name_of(const rb_scenario *sc, int j) {
  (void)sc;
  (void)j;
  return NULL; /* duplicates are checked against the list as read */
}

/* arms.[i]: name, scheme (default: the name), baseline (default: the
 * scheme offers no subsidy), reference. */
static bool read_arm(ld *c, rb_arm_def *a, const rb_node *g, int i,
                     const rb_arm_def *earlier) {
  static const char *const KEYS[] = {"name",     "label",     "scheme",
                                     "baseline", "reference", "groups"};
  static const rb_ld_name_rule RULE = {"arms", NULL, 0, "", arm_name_of};
  char path[RB_KEYMAX], key[RB_KEYMAX], got[80];
  rb_key_index(path, "arms", i);
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  a->line = g->line;
  const char *name = rb_ld_name(c, g, path, i, &RULE);
  a->name = rb_cfg_strdup(&c->ck, name);
  for (int j = 0; name != NULL && j < i; j++) {
    if (earlier[j].name != NULL && strcmp(earlier[j].name, name) == 0) {
      rb_key_join(key, path, "name");
      rb_node_describe(got, sizeof got, rb_node_get(g, "name"));
      rb_cfg_problem(&c->ck, rb_node_get(g, "name"), key,
                     "already used by arms.[%d] (got %s)", j, got);
    }
  }
  const char *sn = rb_node_get(g, "scheme") != NULL
                       ? rb_cfg_string(&c->ck, g, path, "scheme", true)
                       : name;
  a->scheme = rb_ld_scheme_find(c->sc, sn);
  if (sn != NULL && a->scheme < 0) {
    const rb_node *at = rb_node_get(g, "scheme");
    rb_key_join(key, path, at != NULL ? "scheme" : "name");
    rb_node_describe(got, sizeof got, at != NULL ? at : rb_node_get(g, "name"));
    rb_cfg_problem(&c->ck, at != NULL ? at : g, key,
                   "names no scheme (the scenario's `schemes`, e.g. the "
                   "presets of common/schemes.cfg, `experiment` or `none`) "
                   "(got %s)",
                   got);
  }
  const char *label = rb_cfg_string(&c->ck, g, path, "label", false);
  if (label == NULL && a->scheme >= 0) {
    label = c->sc->schemes[a->scheme].label;
  }
  a->label = rb_cfg_strdup(&c->ck, label);
  const bool subsidy = a->scheme >= 0 && c->sc->schemes[a->scheme].subsidy;
  rb_cfg_bool(&c->ck, g, path, "baseline", !subsidy, &a->baseline);
  bool ref = false;
  rb_cfg_bool(&c->ck, g, path, "reference", false, &ref);
  const rb_node *gl = rb_node_get(g, "groups");
  if (gl != NULL && c->sc->n_groups > 0) {
    rb_key_join(key, path, "groups");
    a->in_group = ld_calloc(c, c->sc->n_groups, sizeof *a->in_group);
    if (a->in_group != NULL) {
      rb_ld_group_list(c, a->in_group, gl, key);
    }
  }
  return ref;
}

/* The arms as listed, reordered: the first, the reference, the rest. */
static void order_arms(ld *c, const rb_node *l, rb_arm_def *listed, int n,
                       int ref) {
  rb_scenario *sc = c->sc;
  if (ref == 0) {
    rb_cfg_problem(&c->ck, l->kids[0], "arms.[0].reference",
                   "the reference cannot be the first arm, the one the "
                   "headline compares with it (got true)");
  }
  sc->n_arms = n;
  sc->arms[RB_ARM_INTERVENTION] = listed[0];
  sc->arms[RB_ARM_BASELINE] = listed[ref > 0 ? ref : 1];
  int k = 2;
  for (int i = 1; i < n; i++) {
    if (i != (ref > 0 ? ref : 1)) {
      sc->arms[k++] = listed[i];
    }
  }
}

void rb_ld_arms(ld *c, const rb_node *root) {
  rb_scenario *sc = c->sc;
  const rb_node *sl = rb_node_get(root, "schemes") != NULL
                          ? rb_cfg_list(&c->ck, root, "", "schemes", true)
                          : NULL;
  builtin_schemes(c, sl != NULL ? sl->n : 0);
  if (sc->schemes == NULL) {
    return;
  }
  if (sl != NULL) {
    read_schemes(c, sl);
  }
  if (rb_node_get(root, "arms") == NULL) {
    default_arms(c);
    return;
  }
  const rb_node *l = rb_cfg_list(&c->ck, root, "", "arms", true);
  if (l == NULL) {
    default_arms(c);
    return;
  }
  if (l->n < 2 || l->n > RB_MAX_ARMS) {
    rb_cfg_problem(&c->ck, l, "arms", "needs 2 to %d arms (got %d)",
                   RB_MAX_ARMS, l->n);
    default_arms(c);
    return;
  }
  sc->arms_given = true;
  rb_arm_def listed[RB_MAX_ARMS];
  memset(listed, 0, sizeof listed);
  int ref = -1;
  for (int i = 0; i < l->n; i++) {
    if (read_arm(c, &listed[i], l->kids[i], i, listed)) {
      if (ref >= 0) {
        char key[RB_KEYMAX];
        rb_key_index(key, "arms", i);
        rb_key_join(key, key, "reference");
        rb_cfg_problem(&c->ck, l->kids[i], key,
                       "only one arm is the reference, arms.[%d] already is "
                       "(got true)",
                       ref);
      } else {
        ref = i;
      }
    }
  }
  order_arms(c, l, listed, l->n, ref < 0 ? l->n - 1 : ref);
}

void rb_ld_arms_free(rb_scenario *sc) {
  for (int a = 0; a < sc->n_arms; a++) {
    free(sc->arms[a].name);
    free(sc->arms[a].label);
    free(sc->arms[a].in_group);
  }
  for (int s = 0; s < sc->n_schemes; s++) {
    free(sc->schemes[s].name);
    free(sc->schemes[s].source);
    free(sc->schemes[s].label);
  }
  free(sc->schemes);
}
