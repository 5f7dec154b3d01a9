/*
 * The scenario loader's pools of flats (load.h; docs/model.md, "Pools"):
 * the top-level `pools` list, read before the groups, and a group's
 * `flats.pools`, the names of the pools its flats come from.
 */
#include "scenario/load.h"
#include "scenario/words.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const rb_pool_kind_words[RB_POOL_KIND_COUNT] = {
    RB_POOL_KIND_LIST(RB_ENUM_NAME)};
const char *const rb_pool_order_words[2] = {"longest_waiting", "enrolment"};

/* A pool's flats per month: beyond 500 a month no kommune's
 * anvisning, and the Poisson draw by inversion stays exact. */
static const vspec V_POOL_RATE = {{0.0, INFINITY, false},
                                  false,
                                  500.0,
                                  "beyond any kommune's flats in a month"};

static const char *pool_name_of(const rb_scenario *sc, int j) {
  return sc->pools[j].name;
}

/* pools.[i].activities: the activities that may take the pool's flats. */
static void pool_activities(ld *c, rb_pool *p, const rb_node *g,
                            const char *path) {
  p->activity = (1u << RB_A_COUNT) - 1u;
  const rb_node *n = rb_node_get(g, "activities");
  if (n == NULL) {
    return;
  }
  char key[RB_KEYMAX], ek[RB_KEYMAX], got[80];
  rb_key_join(key, path, "activities");
  if ((n->type != RB_N_ARRAY && n->type != RB_N_LIST) || n->n == 0) {
    rb_cfg_expected(&c->ck, n, key, "a non-empty array of activities");
    return;
  }
  p->activity = 0;
  for (int k = 0; k < n->n; k++) {
    const rb_node *e = n->kids[k];
    rb_key_index(ek, key, k);
    const int a = e->type == RB_N_STRING
                      ? rb_enum_lookup(rb_activity_names, RB_A_COUNT, e->sval)
                      : -1;
    rb_node_describe(got, sizeof got, e);
    if (a < 0) {
      char w[120];
      rb_words_text(w, sizeof w, rb_activity_names, RB_A_COUNT);
      rb_cfg_problem(&c->ck, e, ek, "must be one of %s (got %s)", w, got);
    } else if ((p->activity & (1u << a)) != 0) {
      rb_cfg_problem(&c->ck, e, ek, "listed twice (got %s)", got);
    } else {
      p->activity |= 1u << a;
    }
  }
}

/* pools.[i].tenants: a shared pool's tenants per flat, as the subsidy
 * module can compute them (rb_tenants_problem). */
static void pool_tenants(ld *c, rb_pool *p, const rb_node *g,
                         const char *path) {
  long long n = 0;
  if (!rb_cfg_int(&c->ck, g, path, "tenants", -1000000, 1000000, false, 0,
                  &n)) {
    return;
  }
  const char *bad = rb_tenants_problem(&c->sc->rules, (int)n);
  if (bad != NULL) {
    char key[RB_KEYMAX];
    rb_key_join(key, path, "tenants");
    rb_cfg_problem(&c->ck, rb_node_get(g, "tenants"), key, "%s (got %lld)", bad,
                   n);
    return;
  }
  p->tenants = (int)n;
}

static void read_pool(ld *c, rb_pool *p, const rb_node *g, int i) {
  static const char *const KEYS[] = {
      "name",  "label",    "kind",       "flats_per_month", "rent",
      "order", "homeless", "activities", "tenants"};
  static const rb_ld_name_rule RULE = {"pools", NULL, 0, "", pool_name_of};
  char path[RB_KEYMAX], key[RB_KEYMAX];
  rb_key_index(path, "pools", i);
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  memset(p, 0, sizeof *p);
  p->line = g->line;
  p->name = rb_cfg_strdup(&c->ck, rb_ld_name(c, g, path, i, &RULE));
  p->label =
      rb_cfg_strdup(&c->ck, rb_cfg_string(&c->ck, g, path, "label", false));
  const int kind = rb_cfg_word(&c->ck, g, path, "kind", rb_pool_kind_words,
                               RB_POOL_KIND_COUNT, true, 0);
  p->kind = kind < 0 ? RB_POOL_ALMENE : (rb_pool_kind)kind;
  const rb_node *fr = rb_node_get(g, "flats_per_month");
  p->flats_per_month.scale = -1;
  if (fr == NULL) {
    rb_cfg_missing(&c->ck, g, path, "flats_per_month");
  } else {
    rb_key_join(key, path, "flats_per_month");
    rb_ld_sched(c, &p->flats_per_month, fr, key, &V_POOL_RATE, true);
  }
  const rb_node *r = rb_cfg_group(&c->ck, g, path, "rent", true);
  rb_key_join(key, path, "rent");
  if (r != NULL) {
    rb_ld_rent(c, &p->rent, r, key);
  } else {
    rb_ld_rent(c, &p->rent, NULL, key);
  }
  const int order =
      rb_cfg_word(&c->ck, g, path, "order", rb_pool_order_words, 2, false, 0);
  p->order = order < 0 ? RB_ORDER_LONGEST_WAITING : (rb_pool_order)order;
  rb_cfg_bool(&c->ck, g, path, "homeless", false, &p->homeless);
  pool_activities(c, p, g, path);
  pool_tenants(c, p, g, path);
}

void rb_ld_pools(ld *c, const rb_node *root) {
  if (rb_node_get(root, "pools") == NULL) {
    return;
  }
  const rb_node *l = rb_cfg_list(&c->ck, root, "", "pools", false);
  if (l == NULL) {
    return;
  }
  if (l->n == 0 || l->n > RB_MAX_POOLS) {
    rb_cfg_problem(&c->ck, l, "pools", "needs 1 to %d pools (got %d)",
                   RB_MAX_POOLS, l->n);
    return;
  }
  rb_scenario *sc = c->sc;
  sc->pools = ld_calloc(c, l->n, sizeof *sc->pools);
  if (sc->pools == NULL) {
    return;
  }
  for (int i = 0; i < l->n; i++) {
    read_pool(c, &sc->pools[i], l->kids[i], i);
    sc->n_pools = i + 1;
  }
}

void rb_ld_pools_free(rb_scenario *sc) {
  for (int i = 0; i < sc->n_pools; i++) {
    free(sc->pools[i].name);
    free(sc->pools[i].label);
    rb_ld_rent_free(&sc->pools[i].rent);
    rb_ld_sched_free(&sc->pools[i].flats_per_month);
  }
  free(sc->pools);
  sc->pools = NULL;
  sc->n_pools = 0;
}

unsigned rb_ld_flats_pools(ld *c, const rb_node *n, const char *key) {
  const rb_scenario *sc = c->sc;
  char ek[RB_KEYMAX], got[80];
  if ((n->type != RB_N_ARRAY && n->type != RB_N_LIST) || n->n == 0) {
    rb_cfg_expected(&c->ck, n, key, "a non-empty array of pool names");
    return 0;
  }
  unsigned bits = 0;
  for (int k = 0; k < n->n; k++) {
    const rb_node *e = n->kids[k];
    rb_key_index(ek, key, k);
    int pi = -1;
    for (int j = 0; e->type == RB_N_STRING && j < sc->n_pools; j++) {
      if (sc->pools[j].name != NULL &&
          strcmp(sc->pools[j].name, e->sval) == 0) {
        pi = j;
      }
    }
    rb_node_describe(got, sizeof got, e);
    if (pi < 0) {
      rb_cfg_problem(&c->ck, e, ek, "no such pool in pools (got %s)", got);
    } else if ((bits & (1u << pi)) != 0) {
      rb_cfg_problem(&c->ck, e, ek, "listed twice (got %s)", got);
    } else {
      bits |= 1u << pi;
    }
  }
  return bits;
}
