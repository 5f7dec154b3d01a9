/*
 * The scenario loader's arms (load.h): what differs per arm of a group,
 * its flats with their rent distribution, its initial state and its
 * transitions.  A baseline override is read "partial": only the keys it
 * gives replace the intervention arm's.
 */
#include "scenario/load.h"
#include "scenario/words.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Arms as a whole                                                    */
/* ------------------------------------------------------------------ */

static void rent_free(rb_rent *r) {
  free(r->values);
  free(r->weights);
  r->values = NULL;
  r->weights = NULL;
  r->n = 0;
}

static void rent_init(rb_rent *r) {
  memset(r, 0, sizeof *r);
  r->median = r->sigma = r->low = r->high = -1;
}

void rb_ld_arm_free(rb_arm_spec *a) {
  rent_free(&a->flats.rent);
  for (int s = 0; s < RB_H_COUNT; s++) {
    for (int t = 0; t < RB_T_COUNT; t++) {
      rb_ld_sched_free(&a->transitions.out[s][t]);
    }
  }
}

void rb_ld_arm_init(rb_arm_spec *a) {
  memset(a, 0, sizeof *a);
  a->flats.offers_per_month = -1;
  a->flats.utilities = -1;
  a->flats.area_m2 = -1;
  a->flats.rent.median = a->flats.rent.sigma = -1;
  a->flats.rent.low = a->flats.rent.high = -1;
  for (int s = 0; s < RB_H_COUNT; s++) {
    for (int t = 0; t < RB_T_COUNT; t++) {
      a->transitions.out[s][t].scale = -1;
    }
  }
  for (int h = 0; h < 2; h++) {
    for (int r = 0; r < RB_RATE_COUNT; r++) {
      a->transitions.activity[h][r] = -1;
    }
  }
}

static void *dup_array(ld *c, const void *src, size_t bytes) {
  if (src == NULL || bytes == 0) {
    return NULL;
  }
  void *d = malloc(bytes);
  if (d == NULL) {
    c->ck.oom = true;
    return NULL;
  }
  memcpy(d, src, bytes);
  return d;
}

static void sched_copy(ld *c, rb_sched *b, const rb_sched *a) {
  b->values = dup_array(c, a->values, (size_t)a->n * sizeof *b->values);
  b->breaks = dup_array(c, a->breaks,
                        (size_t)(a->n > 1 ? a->n - 1 : 0) * sizeof *b->breaks);
  if ((a->n > 0 && b->values == NULL) || (a->n > 1 && b->breaks == NULL)) {
    free(b->values);
    free(b->breaks);
    b->values = NULL;
    b->breaks = NULL;
    b->n = 0;
  }
}

void rb_ld_arm_copy(ld *c, rb_arm_spec *dst, const rb_arm_spec *src) {
  *dst = *src;
  rb_rent *r = &dst->flats.rent;
  r->values = dup_array(c, src->flats.rent.values,
                        (size_t)src->flats.rent.n * sizeof *r->values);
  r->weights = dup_array(c, src->flats.rent.weights,
                         (size_t)src->flats.rent.n * sizeof *r->weights);
  if (r->n > 0 && (r->values == NULL || r->weights == NULL)) {
    rent_free(r);
  }
  for (int s = 0; s < RB_H_COUNT; s++) {
    for (int t = 0; t < RB_T_COUNT; t++) {
      sched_copy(c, &dst->transitions.out[s][t], &src->transitions.out[s][t]);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Rent                                                               */
/* ------------------------------------------------------------------ */

/* The type, keys and dist of a rent distribution; @return the dist, or −1
 * when there is nothing more to read. */
static int rent_dist(ld *c, const rb_node *n, const char *key) {
  static const char *const KEYS[] = {"dist",  "values", "weights", "median",
                                     "sigma", "low",    "high"};
  /* The keys after dist, each with the dist it belongs to. */
  static const int OWNER[] = {RB_RENT_DISCRETE,  RB_RENT_DISCRETE,
                              RB_RENT_LOGNORMAL, RB_RENT_LOGNORMAL,
                              RB_RENT_UNIFORM,   RB_RENT_UNIFORM};
  if (n->type != RB_N_GROUP) {
    rb_cfg_expected(&c->ck, n, key, "a rent distribution { dist = ...; }");
    return -1;
  }
  rb_cfg_check_keys(&c->ck, n, key, KEYS, RB_NWORDS(KEYS));
  int d = rb_cfg_word(&c->ck, n, key, "dist", rb_rent_dist_words, 3, true, 0);
  if (d < 0) {
    return -1;
  }
  for (int i = 0; i < RB_NWORDS(OWNER); i++) {
    const rb_node *x = rb_node_get(n, KEYS[i + 1]);
    if (x != NULL && OWNER[i] != d) {
      char k[RB_KEYMAX];
      rb_key_join(k, key, KEYS[i + 1]);
      rb_cfg_problem(&c->ck, x, k, "only for dist \"%s\" (got dist \"%s\")",
                     rb_rent_dist_words[OWNER[i]], rb_rent_dist_words[d]);
    }
  }
  return d;
}

/* values and weights: two non-empty arrays of the same length. */
static bool rent_arrays(ld *c, const rb_node *n, const char *key,
                        const rb_node *nv, const rb_node *nw) {
  if (nv == NULL) {
    rb_cfg_missing(&c->ck, n, key, "values");
  }
  if (nw == NULL) {
    rb_cfg_missing(&c->ck, n, key, "weights");
  }
  if (nv == NULL || nw == NULL) {
    return false;
  }
  char k[RB_KEYMAX];
  bool ok = true;
  const rb_node *arrs[2] = {nv, nw};
  for (int a = 0; a < 2; a++) {
    if (arrs[a]->type != RB_N_ARRAY || arrs[a]->n == 0) {
      rb_key_join(k, key, a == 0 ? "values" : "weights");
      rb_cfg_expected(&c->ck, arrs[a], k, "a non-empty array of numbers");
      ok = false;
    }
  }
  if (ok && nv->n != nw->n) {
    rb_key_join(k, key, "weights");
    rb_cfg_problem(&c->ck, nw, k,
                   "needs as many weights as values: %d (got %d)", nv->n,
                   nw->n);
    ok = false;
  }
  return ok;
}

/* A discrete rent: values (parameters) with weights (plain numbers). */
static void rent_discrete(ld *c, rb_rent *r, const rb_node *n,
                          const char *key) {
  const rb_node *nv = rb_node_get(n, "values");
  const rb_node *nw = rb_node_get(n, "weights");
  if (!rent_arrays(c, n, key, nv, nw)) {
    return;
  }
  r->values = malloc((size_t)nv->n * sizeof *r->values);
  r->weights = malloc((size_t)nv->n * sizeof *r->weights);
  if (r->values == NULL || r->weights == NULL) {
    c->ck.oom = true;
    rent_free(r);
    return;
  }
  r->n = nv->n;
  char k[RB_KEYMAX], ek[RB_KEYMAX];
  rb_key_join(k, key, "values");
  for (int i = 0; i < nv->n; i++) {
    rb_key_index(ek, k, i);
    r->values[i] = rb_ld_value_node(c, nv->kids[i], ek, &V_POS);
  }
  rb_key_join(k, key, "weights");
  double sum = 0.0;
  bool wok = true;
  for (int i = 0; i < nw->n; i++) {
    rb_key_index(ek, k, i);
    double x = 0.0;
    if (!rb_cfg_number(&c->ck, nw->kids[i], ek, &x) ||
        !rb_cfg_check_range(&c->ck, nw->kids[i], ek, x, &V_NONNEG.range)) {
      wok = false;
    }
    r->weights[i] = x;
    sum += x;
  }
  if (wok && !(sum > 0.0 && isfinite(sum))) {
    char s[40];
    fmt_sum(s, sizeof s, sum);
    rb_cfg_problem(&c->ck, nw, k,
                   "weights must have a positive, finite sum (got %s)", s);
  }
}

static void read_rent(ld *c, rb_rent *r, const rb_node *n, const char *key) {
  rent_init(r);
  r->line = n->line;
  int d = rent_dist(c, n, key);
  if (d < 0) {
    return;
  }
  r->dist = (rb_rent_dist)d;
  if (d == RB_RENT_DISCRETE) {
    rent_discrete(c, r, n, key);
  } else if (d == RB_RENT_LOGNORMAL) {
    r->median = rb_ld_value(c, n, key, "median", &V_POS, true, 0.0, NULL);
    r->sigma = rb_ld_value(c, n, key, "sigma", &V_SIGMA, true, 0.0, NULL);
  } else {
    r->low = rb_ld_value(c, n, key, "low", &V_POS, true, 0.0, NULL);
    r->high = rb_ld_value(c, n, key, "high", &V_POS, true, 0.0, NULL);
    if (!is_bad(c, r->low) && !is_bad(c, r->high) &&
        !(P(c, r->low)->high < P(c, r->high)->low)) {
      char a[40], b[40];
      rb_fmt_double(a, sizeof a, P(c, r->low)->value);
      rb_fmt_double(b, sizeof b, P(c, r->high)->value);
      rb_cfg_problem(&c->ck, n, key,
                     "a uniform rent needs low < high (got %s, %s)", a, b);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Flats                                                              */
/* ------------------------------------------------------------------ */

void rb_ld_rent(ld *c, rb_rent *r, const rb_node *n, const char *key) {
  if (n == NULL) {
    rent_init(r);
    return;
  }
  read_rent(c, r, n, key);
}

void rb_ld_rent_free(rb_rent *r) {
  rent_free(r);
}

/* A parameter's line, or @p g's without one. */
static int line_of(ld *c, int i, const rb_node *g) {
  return P(c, i) ? P(c, i)->line : g->line;
}

/* flats.pools: the pools a group's flats come from, in place of its own
 * offers_per_month, the same in every arm (not in a baseline override).
 * @return whether the block names pools. */
static bool flats_pools(ld *c, rb_flats *f, const rb_node *g, const char *path,
                        bool partial) {
  const rb_node *n = rb_node_get(g, "pools");
  const rb_node *o = rb_node_get(g, "offers_per_month");
  char key[RB_KEYMAX];
  rb_key_join(key, path, "pools");
  if (partial && n != NULL) {
    rb_cfg_problem(&c->ck, n, key,
                   "cannot be overridden in the baseline (every arm takes "
                   "its flats from the same pools)");
  }
  if (partial || n == NULL) {
    if (partial && f->pools != 0 && o != NULL) {
      rb_key_join(key, path, "offers_per_month");
      rb_cfg_problem(&c->ck, o, key,
                     "a group whose flats come from pools has no offers of "
                     "its own, in no arm");
    }
    return f->pools != 0;
  }
  if (o != NULL) {
    rb_key_join(key, path, "offers_per_month");
    rb_cfg_problem(&c->ck, o, key,
                   "a group whose flats come from pools has no offers of "
                   "its own (remove offers_per_month or pools)");
    rb_key_join(key, path, "pools");
  }
  f->pools = rb_ld_flats_pools(c, n, key);
  f->pools_line = n->line;
  f->lines[0] = n->line;
  return true;
}

void rb_ld_flats(ld *c, rb_flats *f, const rb_node *g, const char *path,
                 bool partial) {
  static const char *const KEYS[] = {"offers_per_month", "rent",    "utilities",
                                     "area_m2",          "heating", "pools"};
  char key[RB_KEYMAX];
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  f->line = g->line;
  if (flats_pools(c, f, g, path, partial)) {
    /* The pools' offers in place of the group's own. */
  } else if (!partial || rb_node_get(g, "offers_per_month") != NULL) {
    f->offers_per_month =
        rb_ld_value(c, g, path, "offers_per_month", &V_PROB, true, 0.0, NULL);
    f->lines[0] = line_of(c, f->offers_per_month, g);
  }
  const rb_node *n = rb_node_get(g, "rent");
  if (n != NULL) {
    rent_free(&f->rent);
    rb_key_join(key, path, "rent");
    read_rent(c, &f->rent, n, key);
    f->lines[1] = n->line;
  } else if (!partial) {
    rb_cfg_missing(&c->ck, g, path, "rent");
    rent_init(&f->rent);
  }
  if (!partial || rb_node_get(g, "utilities") != NULL) {
    f->utilities =
        rb_ld_value(c, g, path, "utilities", &V_NONNEG, true, 0.0, NULL);
    f->lines[2] = line_of(c, f->utilities, g);
  }
  if (!partial || rb_node_get(g, "area_m2") != NULL) {
    f->area_m2 = rb_ld_value(c, g, path, "area_m2", &V_POS, true, 0.0, NULL);
    f->lines[3] = line_of(c, f->area_m2, g);
  }
  n = rb_node_get(g, "heating");
  if (!partial || n != NULL) {
    int h =
        rb_cfg_word(&c->ck, g, path, "heating", rb_heating_words, 2, true, 0);
    f->heating_included = h == 1;
    f->lines[4] = n != NULL ? n->line : g->line;
  }
}

/* ------------------------------------------------------------------ */
/* Initial state                                                      */
/* ------------------------------------------------------------------ */

/* initial.activity: shares by activity that sum to 1. */
static void initial_activity(ld *c, rb_initial *in, const rb_node *a,
                             const char *path) {
  char apath[RB_KEYMAX], key[RB_KEYMAX];
  rb_key_join(apath, path, "activity");
  rb_cfg_check_keys(&c->ck, a, apath, rb_activity_names, RB_A_COUNT);
  bool ok = true;
  double sum = 0.0;
  for (int i = 0; i < RB_A_COUNT; i++) {
    const rb_node *x = rb_node_get(a, rb_activity_names[i]);
    if (x == NULL) {
      continue;
    }
    rb_key_join(key, apath, rb_activity_names[i]);
    double v = 0.0;
    if (!rb_ld_share(c, x, key, "an activity share", &v)) {
      ok = false;
      continue;
    }
    in->activity[i] = v;
    sum += v;
  }
  if (ok && fabs(sum - 1.0) > SUM_TOL) {
    char s[40];
    fmt_sum(s, sizeof s, sum);
    rb_cfg_problem(&c->ck, a, apath, "activity shares must sum to 1 (got %s)",
                   s);
  }
}

void rb_ld_initial(ld *c, rb_initial *in, const rb_node *g, const char *path,
                   bool partial) {
  static const char *const KEYS[] = {"housing", "months_in_state", "activity"};
  rb_cfg_check_keys(&c->ck, g, path, KEYS, RB_NWORDS(KEYS));
  in->line = g->line;
  const rb_node *n = rb_node_get(g, "housing");
  if (!partial || n != NULL) {
    /* A group starts in a state it can move out of. */
    int h = rb_cfg_word(&c->ck, g, path, "housing", rb_housing_names,
                        RB_H_FROM_COUNT, true, 0);
    in->housing = h >= 0 ? (rb_housing)h : RB_H_PLACED;
    in->housing_line = n != NULL ? n->line : g->line;
  }
  n = rb_node_get(g, "months_in_state");
  if (!partial || n != NULL) {
    long long v;
    rb_cfg_int(&c->ck, g, path, "months_in_state", 0, RB_MAX_MONTHS, false, 0,
               &v);
    in->months_in_state = (int)v;
    in->months_line = n != NULL ? n->line : g->line;
  }
  n = rb_node_get(g, "activity");
  if (!partial || n != NULL) {
    const rb_node *a = rb_cfg_group(&c->ck, g, path, "activity", true);
    in->activity_line = n != NULL ? n->line : g->line;
    for (int i = 0; i < RB_A_COUNT; i++) {
      in->activity[i] = 0.0;
    }
    if (a != NULL) {
      initial_activity(c, in, a, path);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Transitions                                                        */
/* ------------------------------------------------------------------ */

/* The members of state block @p sg that are no target. */
static void state_members(ld *c, const rb_node *sg, const char *spath,
                          const char *sname) {
  char key[RB_KEYMAX];
  for (int i = 0; i < sg->n; i++) {
    const rb_node *k = sg->kids[i];
    int ti = rb_enum_lookup(rb_target_words, RB_T_COUNT, k->name);
    rb_key_join(key, spath, k->name);
    if (strcmp(k->name, sname) == 0) {
      rb_cfg_problem(&c->ck, k, key, "a state does not list itself");
    } else if (strcmp(k->name, rb_housing_names[RB_H_SUBSIDISED]) == 0 ||
               strcmp(k->name, rb_housing_names[RB_H_ORDINARY]) == 0) {
      rb_cfg_problem(&c->ck, k, key,
                     "a flat state is not a target (moves into a flat come "
                     "from flats)");
    } else if (ti < 0) {
      rb_cfg_problem(
          &c->ck, k, key,
          "unknown key (a state lists dead, exited, homeless, placed)");
    }
  }
}

/* The events out of state @p from: a schedule per target. */
static void state_block(ld *c, rb_transitions *t, const rb_node *sg,
                        const char *spath, rb_housing from) {
  const char *sname = rb_housing_names[from];
  char key[RB_KEYMAX];
  t->state_line[from] = sg->line;
  state_members(c, sg, spath, sname);
  /* In the order the writer writes them: placed, homeless, exited, dead. */
  for (int x = RB_T_COUNT - 1; x >= 0; x--) {
    if (strcmp(rb_target_words[x], sname) == 0) {
      continue;
    }
    const rb_node *v = rb_node_get(sg, rb_target_words[x]);
    if (v == NULL) {
      continue;
    }
    rb_key_join(key, spath, rb_target_words[x]);
    rb_ld_sched_free(&t->out[from][x]);
    rb_ld_sched(c, &t->out[from][x], v, key, &V_PROB, true);
  }
}

/* transitions.activity: the rates when housed and when not. */
static void activity_rates(ld *c, rb_transitions *t, const rb_node *ag,
                           const char *path, bool partial) {
  char apath[RB_KEYMAX], hpath[RB_KEYMAX];
  rb_key_join(apath, path, "activity");
  rb_cfg_check_keys(&c->ck, ag, apath, rb_housed_words, 2);
  for (int h = 0; h < 2; h++) {
    const rb_node *hg =
        rb_cfg_group(&c->ck, ag, apath, rb_housed_words[h], !partial);
    if (hg == NULL) {
      continue;
    }
    rb_key_join(hpath, apath, rb_housed_words[h]);
    t->activity_line[h] = hg->line;
    rb_cfg_check_keys(&c->ck, hg, hpath, rb_rate_words, RB_RATE_COUNT);
    for (int r = 0; r < RB_RATE_COUNT; r++) {
      if (partial && rb_node_get(hg, rb_rate_words[r]) == NULL) {
        continue;
      }
      t->activity[h][r] =
          rb_ld_value(c, hg, hpath, rb_rate_words[r], &V_PROB, true, 0.0, NULL);
    }
  }
}

void rb_ld_transitions(ld *c, rb_transitions *t, const rb_node *g,
                       const char *path, bool partial) {
  /* The states a citizen moves out of, and activity. */
  const char *keys[RB_H_FROM_COUNT + 1];
  memcpy(keys, rb_housing_names, RB_H_FROM_COUNT * sizeof *keys);
  keys[RB_H_FROM_COUNT] = "activity";
  rb_cfg_check_keys(&c->ck, g, path, keys, RB_H_FROM_COUNT + 1);
  t->line = g->line;
  char spath[RB_KEYMAX];
  for (int s = 0; s < RB_H_FROM_COUNT; s++) {
    const rb_node *sg =
        rb_cfg_group(&c->ck, g, path, rb_housing_names[s], !partial);
    if (sg != NULL) {
      rb_key_join(spath, path, rb_housing_names[s]);
      state_block(c, t, sg, spath, (rb_housing)s);
    }
  }
  const rb_node *ag = rb_cfg_group(&c->ck, g, path, "activity", !partial);
  if (ag != NULL) {
    activity_rates(c, t, ag, path, partial);
  }
}
