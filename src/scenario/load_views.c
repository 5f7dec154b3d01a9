/*
 * The scenario loader's views of a portfolio (load.h; docs/portfolio.md):
 * each group's kommune (groups.[i].kommune, by default
 * scenario.municipality) and target group (groups.[i].target, by default
 * its citizen group), collected into the scenario's tables of kommuner
 * and target groups, each name once in the order the groups first name it.
 */
#include "scenario/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The index of @p name in @p tab (@p n names), adding it when new; −1 when
 * out of memory. */
static int intern(ld *c, char **tab, int *n, const char *name) {
  for (int i = 0; i < *n; i++) {
    if (strcmp(tab[i], name) == 0) {
      return i;
    }
  }
  tab[*n] = rb_cfg_strdup(&c->ck, name);
  if (tab[*n] == NULL) {
    return -1;
  }
  return (*n)++;
}

/* A view's name as the group gives it: a non-empty string, or NULL. */
static const char *view_name(ld *c, const rb_node *g, const char *path,
                             const char *key) {
  const char *s = rb_cfg_string(&c->ck, g, path, key, false);
  if (s != NULL && s[0] == '\0') {
    char k[RB_KEYMAX];
    rb_key_join(k, path, key);
    rb_cfg_problem(&c->ck, rb_node_get(g, key), k,
                   "must name the group's %s (got an empty string)",
                   strcmp(key, "kommune") == 0 ? "kommune" : "target group");
    return NULL;
  }
  return s;
}

/* The default target group: the group's citizen group (rb_group). */
static void default_target(char *buf, size_t size, const rb_scenario *sc,
                           const rb_group *gr) {
  snprintf(buf, size,
           sc->info.language == RB_LANG_EN ? "Citizen group %d"
                                           : "Borgergruppe %d",
           gr->citizen_group);
}

/* scenario.price_index: a yearly rate in [0, 1] with its source, read
 * after the groups (its parameter is the last of the scenario block's in
 * the parameter order, after the groups'). */
static void price_index(ld *c, const rb_node *root) {
  rb_scenario_info *in = &c->sc->info;
  const rb_node *g = rb_node_get(root, "scenario");
  in->price_index = -1;
  if (g == NULL || g->type != RB_N_GROUP ||
      rb_node_get(g, "price_index") == NULL) {
    return; /* no parameter: the parameter table stays as it was */
  }
  in->price_index = rb_ld_value(c, g, "scenario", "price_index", &V_UNIT, false,
                                0.0, &in->price_index_given);
}

void rb_ld_views(ld *c, const rb_node *root) {
  price_index(c, root);
  rb_scenario *sc = c->sc;
  const rb_node *l = rb_node_get(root, "groups");
  if (sc->n_groups == 0 || l == NULL || l->n < sc->n_groups) {
    return;
  }
  sc->kommuner = ld_calloc(c, sc->n_groups, sizeof *sc->kommuner);
  sc->targets = ld_calloc(c, sc->n_groups, sizeof *sc->targets);
  if (sc->kommuner == NULL || sc->targets == NULL) {
    return;
  }
  const char *muni =
      sc->info.municipality != NULL ? sc->info.municipality : "-";
  for (int i = 0; i < sc->n_groups; i++) {
    rb_group *gr = &sc->groups[i];
    char path[RB_KEYMAX], def[64];
    rb_key_index(path, "groups", i);
    const char *k = view_name(c, l->kids[i], path, "kommune");
    const char *t = view_name(c, l->kids[i], path, "target");
    gr->kommune_given = k != NULL;
    gr->target_given = t != NULL;
    sc->views_given = sc->views_given || k != NULL || t != NULL;
    default_target(def, sizeof def, sc, gr);
    gr->kommune = intern(c, sc->kommuner, &sc->n_kommuner, k ? k : muni);
    gr->target = intern(c, sc->targets, &sc->n_targets, t ? t : def);
    if (gr->kommune < 0 || gr->target < 0) {
      c->ck.oom = true;
      return;
    }
  }
}

void rb_ld_views_free(rb_scenario *sc) {
  for (int i = 0; i < sc->n_kommuner; i++) {
    free(sc->kommuner[i]);
  }
  for (int i = 0; i < sc->n_targets; i++) {
    free(sc->targets[i]);
  }
  free(sc->kommuner);
  free(sc->targets);
}
