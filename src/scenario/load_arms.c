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
 * (`experiment`) and no scheme at all (`none`). */
enum { SCHEME_EXPERIMENT = 0, SCHEME_NONE = 1, SCHEME_BUILTIN = 2 };

static void builtin_schemes(ld *c) {
  rb_scenario *sc = c->sc;
  sc->schemes = ld_calloc(c, SCHEME_BUILTIN, sizeof *sc->schemes);
  if (sc->schemes == NULL) {
    return;
  }
  sc->n_schemes = SCHEME_BUILTIN;
  rb_scheme *e = &sc->schemes[SCHEME_EXPERIMENT];
  e->name = rb_cfg_strdup(&c->ck, "experiment");
  e->subsidy = true;
  e->line = sc->subsidy.line;
  rb_scheme *n = &sc->schemes[SCHEME_NONE];
  n->name = rb_cfg_strdup(&c->ck, "none");
  n->subsidy = false;
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
  sc->arms[RB_ARM_INTERVENTION] =
      (rb_arm_def){rb_cfg_strdup(&c->ck, rb_arm_names[RB_ARM_INTERVENTION]),
                   SCHEME_EXPERIMENT, false, 0};
  sc->arms[RB_ARM_BASELINE] =
      (rb_arm_def){rb_cfg_strdup(&c->ck, rb_arm_names[RB_ARM_BASELINE]),
                   SCHEME_NONE, true, 0};
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
  static const char *const KEYS[] = {"name", "scheme", "baseline", "reference"};
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
                   "names no scheme (the scenario's `schemes`, the presets "
                   "of the rules, `experiment` or `none`) (got %s)",
                   got);
  }
  const bool subsidy = a->scheme >= 0 && c->sc->schemes[a->scheme].subsidy;
  rb_cfg_bool(&c->ck, g, path, "baseline", !subsidy, &a->baseline);
  bool ref = false;
  rb_cfg_bool(&c->ck, g, path, "reference", false, &ref);
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
  builtin_schemes(c);
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
  }
  for (int s = 0; s < sc->n_schemes; s++) {
    free(sc->schemes[s].name);
    free(sc->schemes[s].source);
  }
  free(sc->schemes);
}
