/*
 * The scenario loader's single values (load.h): names, and the parameter
 * table's entries, plain numbers or uncertain values
 * { value; low; high; dist; source; ... } with their distributions
 * (scenario-format.md, "Uncertain values").
 */
#include "scenario/load.h"
#include "scenario/words.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What a value beyond RB_MAX_AMOUNT would be. */
#define BEYOND "beyond any real amount or quantity"

const vspec V_PROB = {{0.0, 1.0, false}, true, 1.0, BEYOND};
const vspec V_UNIT = {{0.0, 1.0, false}, false, 1.0, BEYOND};
const vspec V_NONNEG = {{0.0, INFINITY, false}, false, RB_MAX_AMOUNT, BEYOND};
const vspec V_POS = {{0.0, INFINITY, true}, false, RB_MAX_AMOUNT, BEYOND};
const vspec V_ANY = {
    {-INFINITY, INFINITY, false}, false, RB_MAX_AMOUNT, BEYOND};
const vspec V_SIGMA = {{0.0, INFINITY, true},
                       false,
                       RB_MAX_RENT_SIGMA,
                       "beyond any real spread of rents"};

bool rb_ld_number(ld *c, const rb_node *n, const char *key, const vspec *vs,
                  double *out) {
  return rb_cfg_number(&c->ck, n, key, out) &&
         rb_cfg_check_range(&c->ck, n, key, *out, &vs->range) &&
         rb_cfg_check_size(&c->ck, n, key, *out, vs->limit, vs->beyond);
}

/* ------------------------------------------------------------------ */
/* Names                                                              */
/* ------------------------------------------------------------------ */

bool rb_ld_is_ident(const char *s) {
  size_t len = strlen(s);
  if (len == 0 || len > NAMEMAX) {
    return false;
  }
  for (size_t i = 0; i < len; i++) {
    char ch = s[i];
    bool alpha =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
    bool digit = ch >= '0' && ch <= '9';
    if (!(alpha || (digit && i > 0))) {
      return false;
    }
  }
  return true;
}

bool rb_ld_is_scenario_name(const char *s) {
  size_t len = strlen(s);
  if (len == 0 || len > NAMEMAX) {
    return false;
  }
  for (size_t i = 0; i < len; i++) {
    char ch = s[i];
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
          ch == '-')) {
      return false;
    }
  }
  return true;
}

const char *rb_ld_name(ld *c, const rb_node *g, const char *path, int i,
                       const rb_ld_name_rule *rule) {
  const char *name = rb_cfg_string(&c->ck, g, path, "name", true);
  if (name == NULL) {
    return NULL;
  }
  const rb_node *nn = rb_node_get(g, "name");
  char key[RB_KEYMAX], got[80];
  rb_key_join(key, path, "name");
  rb_node_describe(got, sizeof got, nn);
  if (!rb_ld_is_ident(name)) {
    rb_cfg_problem(&c->ck, nn, key,
                   "must be an identifier of at most 64 characters (got %s)",
                   got);
  } else if (rb_enum_lookup(rule->reserved, rule->n_reserved, name) >= 0) {
    rb_cfg_problem(&c->ck, nn, key, "%s (got %s)", rule->reserved_msg, got);
  }
  for (int j = 0; j < i; j++) {
    const char *e = rule->earlier(c->sc, j);
    if (e != NULL && strcmp(e, name) == 0) {
      rb_cfg_problem(&c->ck, nn, key, "already used by %s.[%d] (got %s)",
                     rule->list, j, got);
      break;
    }
  }
  return name;
}

/* ------------------------------------------------------------------ */
/* Parameters                                                         */
/* ------------------------------------------------------------------ */

/* Room for one more parameter. */
static bool grow_params(ld *c) {
  rb_scenario *sc = c->sc;
  if (sc->n_params < c->cap_params) {
    return true;
  }
  int cap = c->cap_params ? 2 * c->cap_params : 64;
  rb_param *p = realloc(sc->params, (size_t)cap * sizeof *p);
  if (p == NULL) {
    return false;
  }
  sc->params = p;
  unsigned char *b = realloc(c->bad, (size_t)cap);
  if (b == NULL) {
    return false;
  }
  c->bad = b;
  c->cap_params = cap;
  return true;
}

int rb_ld_new_param(ld *c, const char *key, const rb_node *at,
                    const vspec *vs) {
  rb_scenario *sc = c->sc;
  if (!grow_params(c)) {
    c->ck.oom = true;
    return -1;
  }
  int i = sc->n_params;
  rb_param *p = &sc->params[i];
  memset(p, 0, sizeof *p);
  p->key = rb_strdup(key);
  if (p->key == NULL) {
    c->ck.oom = true;
    return -1;
  }
  sc->n_params++;
  c->bad[i] = 0;
  p->file = at != NULL ? at->file : c->ck.top;
  p->line = at != NULL ? at->line : 1;
  /* psa draws stay within the range and the limit. */
  p->min = vs->range.min > -vs->limit ? vs->range.min : -vs->limit;
  p->max = vs->range.max < vs->limit ? vs->range.max : vs->limit;
  p->probability = vs->probability;
  p->dist = RB_DIST_PLAIN;
  return i;
}

/* ------------------------------------------------------------------ */
/* Uncertain values                                                   */
/* ------------------------------------------------------------------ */

/* The keys of an uncertain value: its own, then every distribution's
 * parameters (rb_dist_param_words, in distribution order). */
static const char *const UNCERTAIN_KEYS[] = {"value",  "low", "high",  "dist",
                                             "source", "a",   "b",     "shape",
                                             "scale",  "mu",  "sigma", "sd"};

/* An uncertain value as read so far. */
typedef struct unc {
  double v, lo, hi;
  bool have_v, have_l, have_h;
  bool range; /* low and high given */
  rb_dist dist;
  double par[3]; /* [1] = p1, [2] = p2 */
} unc;

/* One bound (value, low or high) in the key's range. */
static bool unc_bound(ld *c, const rb_node *n, const char *key,
                      const char *name, const vspec *vs, double *out) {
  char k[RB_KEYMAX];
  rb_key_join(k, key, name);
  return rb_ld_number(c, n, k, vs, out);
}

/* value, low and high; the default distribution follows from them. */
static void unc_bounds(ld *c, const rb_node *g, const char *key,
                       const vspec *vs, unc *u) {
  const rb_node *nv = rb_node_get(g, "value");
  const rb_node *nl = rb_node_get(g, "low");
  const rb_node *nh = rb_node_get(g, "high");
  if (nv == NULL) {
    rb_cfg_missing(&c->ck, g, key, "value");
  } else {
    u->have_v = unc_bound(c, nv, key, "value", vs, &u->v);
  }
  if (nl != NULL) {
    u->have_l = unc_bound(c, nl, key, "low", vs, &u->lo);
  }
  if (nh != NULL) {
    u->have_h = unc_bound(c, nh, key, "high", vs, &u->hi);
  }
  if ((nl == NULL) != (nh == NULL)) {
    rb_cfg_problem(&c->ck, nl != NULL ? nl : nh, key,
                   "low and high go together");
  }
  u->range = nl != NULL && nh != NULL;
  u->dist = u->range ? RB_DIST_PERT : RB_DIST_FIXED;
}

/* dist: one of the distributions after "plain". */
static void unc_dist(ld *c, const rb_node *g, const char *key, unc *u) {
  int d = rb_cfg_word(&c->ck, g, key, "dist", rb_dist_names + RB_DIST_PERT,
                      RB_DIST_COUNT - RB_DIST_PERT, false, -2);
  if (d >= 0) {
    u->dist = (rb_dist)(d + RB_DIST_PERT);
  }
}

/* source: free text, kept with the parameter. */
static void unc_source(ld *c, const rb_node *g, const char *key, rb_param *p) {
  const char *s = rb_cfg_string(&c->ck, g, key, "source", false);
  if (s != NULL && p != NULL) {
    p->source = rb_cfg_strdup(&c->ck, s);
  }
}

/* The parameters of each distribution: required for the chosen one,
 * refused for the others. */
static void unc_params(ld *c, const rb_node *g, const char *key, unc *u) {
  char k[RB_KEYMAX], got[80];
  for (int d = RB_DIST_BETA; d <= RB_DIST_NORMAL; d++) {
    for (int slot = 0; slot < 2; slot++) {
      const char *name = rb_dist_param_words[d][slot];
      if (name == NULL) {
        continue;
      }
      const rb_node *n = rb_node_get(g, name);
      rb_key_join(k, key, name);
      if (d != (int)u->dist) {
        if (n != NULL) {
          rb_cfg_problem(&c->ck, n, k, "only for dist \"%s\" (got dist \"%s\")",
                         rb_dist_name((rb_dist)d), rb_dist_name(u->dist));
        }
        continue;
      }
      if (n == NULL) {
        rb_cfg_problem(&c->ck, g, k, "required for dist \"%s\"",
                       rb_dist_name(u->dist));
        continue;
      }
      double x;
      if (!rb_cfg_number(&c->ck, n, k, &x) ||
          !rb_cfg_check_size(&c->ck, n, k, x, RB_MAX_AMOUNT, BEYOND)) {
        continue;
      }
      bool positive = !(d == RB_DIST_LOGNORMAL && slot == 0); /* mu */
      if (positive && !(x > 0.0)) {
        rb_node_describe(got, sizeof got, n);
        rb_cfg_problem(&c->ck, n, k, "must be > 0 (got %s)", got);
        continue;
      }
      u->par[slot + 1] = x;
    }
  }
}

static bool bounded_dist(rb_dist d) {
  return d == RB_DIST_PERT || d == RB_DIST_TRIANGULAR || d == RB_DIST_UNIFORM;
}

/* The distribution against the bounds and the key's range. */
static void unc_fits(ld *c, const rb_node *g, const char *key, const vspec *vs,
                     const unc *u) {
  const rb_range *r = &vs->range;
  char rng[100];
  rb_range_text(rng, sizeof rng, r);
  if (vs->probability &&
      !(bounded_dist(u->dist) || u->dist == RB_DIST_FIXED ||
        ((u->dist == RB_DIST_BETA || u->dist == RB_DIST_NORMAL) && u->range))) {
    rb_cfg_problem(&c->ck, g, key,
                   "a probability takes only a bounded distribution: pert, "
                   "triangular, uniform, fixed, or beta or normal with low "
                   "and high (got dist \"%s\"%s)",
                   rb_dist_name(u->dist),
                   u->range ? "" : " without low and high");
  } else if ((u->dist == RB_DIST_GAMMA || u->dist == RB_DIST_LOGNORMAL) &&
             isfinite(r->max)) {
    rb_cfg_problem(&c->ck, g, key,
                   "dist \"%s\" can draw values outside the key's range "
                   "(%s)",
                   rb_dist_name(u->dist), rng);
  } else if (u->dist == RB_DIST_BETA && !(r->min <= 0.0 && r->max >= 1.0)) {
    rb_cfg_problem(&c->ck, g, key,
                   "dist \"beta\" draws on [0, 1], outside the key's range "
                   "(%s)",
                   rng);
  }
}

/* The checks across an uncertain value's keys. */
static void unc_checks(ld *c, const rb_node *g, const char *key,
                       const vspec *vs, const unc *u) {
  if (bounded_dist(u->dist) && !u->range) {
    rb_cfg_problem(&c->ck, g, key, "dist \"%s\" needs low and high",
                   rb_dist_name(u->dist));
  }
  if (u->range && u->have_v && u->have_l && u->have_h &&
      !(u->lo <= u->v && u->v <= u->hi)) {
    char a[40], b[40], d[40];
    rb_fmt_double(a, sizeof a, u->lo);
    rb_fmt_double(b, sizeof b, u->v);
    rb_fmt_double(d, sizeof d, u->hi);
    rb_cfg_problem(&c->ck, g, key,
                   "needs low <= value <= high (got %s, %s, %s)", a, b, d);
  }
  unc_fits(c, g, key, vs, u);
}

/* An uncertain value { value; low; high; dist; source; ... } into @p p
 * (NULL: checked only).  @return false on a problem (unknown keys aside). */
static bool uncertain(ld *c, const rb_node *g, const char *key, const vspec *vs,
                      rb_param *p) {
  rb_cfg_check_keys(&c->ck, g, key, UNCERTAIN_KEYS, RB_NWORDS(UNCERTAIN_KEYS));
  int errs0 = c->ck.nerr;
  unc u;
  memset(&u, 0, sizeof u);
  unc_bounds(c, g, key, vs, &u);
  unc_dist(c, g, key, &u);
  unc_source(c, g, key, p);
  unc_params(c, g, key, &u);
  if (c->ck.nerr == errs0) {
    unc_checks(c, g, key, vs, &u);
  }
  if (p != NULL) {
    p->uncertain = true;
    p->value = u.v;
    p->has_range = u.range;
    p->low = u.range ? u.lo : u.v;
    p->high = u.range ? u.hi : u.v;
    p->dist = u.dist;
    p->p1 = u.par[1];
    p->p2 = u.par[2];
  }
  return c->ck.nerr == errs0;
}

/* ------------------------------------------------------------------ */
/* Values                                                             */
/* ------------------------------------------------------------------ */

bool rb_ld_is_schedule(const rb_node *n) {
  return n->type == RB_N_GROUP &&
         (rb_node_get(n, "values") != NULL || rb_node_get(n, "breaks") != NULL);
}

int rb_ld_value_node(ld *c, const rb_node *v, const char *key,
                     const vspec *vs) {
  int i = rb_ld_new_param(c, key, v, vs);
  rb_param *p = P(c, i);
  bool ok;
  if (rb_ld_is_schedule(v)) {
    rb_cfg_problem(
        &c->ck, v, key,
        "a schedule is not allowed here (a plain or uncertain value is)");
    ok = false;
  } else if (v->type == RB_N_GROUP) {
    ok = uncertain(c, v, key, vs, p);
  } else {
    double x = 0.0;
    ok = rb_ld_number(c, v, key, vs, &x);
    if (p != NULL) {
      p->value = p->low = p->high = x;
    }
  }
  if (!ok) {
    mark_bad(c, i);
  }
  return i;
}

int rb_ld_value(ld *c, const rb_node *g, const char *path, const char *name,
                const vspec *vs, bool required, double def, bool *given) {
  char key[RB_KEYMAX];
  rb_key_join(key, path, name);
  const rb_node *n = rb_node_get(g, name);
  if (given != NULL) {
    *given = n != NULL;
  }
  if (n != NULL) {
    return rb_ld_value_node(c, n, key, vs);
  }
  int i = rb_ld_new_param(c, key, g, vs);
  rb_param *p = P(c, i);
  if (p != NULL) {
    p->value = p->low = p->high = def;
  }
  if (required) {
    rb_cfg_missing(&c->ck, g, path, name);
    mark_bad(c, i);
  }
  return i;
}

bool rb_ld_share(ld *c, const rb_node *x, const char *key, const char *what,
                 double *out) {
  if (x->type == RB_N_GROUP) {
    rb_cfg_problem(&c->ck, x, key, "%s is a plain number (got a group)", what);
    return false;
  }
  return rb_cfg_number(&c->ck, x, key, out) &&
         rb_cfg_check_range(&c->ck, x, key, *out, &V_UNIT.range);
}
