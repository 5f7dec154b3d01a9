/* The controls of the live page: the subsidy's terms (cap, period,
 * extensions, the takeover rule, per group where a group has its own) and
 * every value with low/high, each with its range; and a request's values
 * checked against them (docs/live.md, "What can be changed"). */
#include "live_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A control's range when the scenario gives none: from 0 (or @p lo) to
 * twice the value, at least @p at_least, in @p round steps. */
static double upper(double value, double at_least, double round_to) {
  double hi = 2.0 * value;
  if (hi < at_least) {
    hi = at_least;
  }
  return ceil(hi / round_to) * round_to;
}

static rb_live_ctl *add(rb_live *lv, const char *key, const char *da,
                        const char *en, const char *section) {
  rb_live_ctl *c = &lv->ctl[lv->n_ctl];
  memset(c, 0, sizeof *c);
  c->key = strdup(key);
  c->label = strdup(da);
  c->label_en = strdup(en);
  c->section = strdup(section);
  if (c->key == NULL || c->label == NULL || c->label_en == NULL ||
      c->section == NULL) {
    free(c->key);
    free(c->label);
    free(c->label_en);
    free(c->section);
    return NULL;
  }
  lv->n_ctl++;
  return c;
}

/* A whole number of months or extensions in [lo, twice the value]. */
static int add_int(rb_live *lv, const char *key, const char *da, const char *en,
                   int value, int lo, int at_least) {
  rb_live_ctl *c = add(lv, key, da, en, "subsidy");
  if (c == NULL) {
    return -1;
  }
  c->kind = RB_LIVE_INT;
  c->value = value;
  c->min = lo;
  c->max = upper(value, at_least, 1.0);
  c->step = 1.0;
  return 0;
}

static int add_bool(rb_live *lv, const char *key, const char *da,
                    const char *en, const char *section, bool value) {
  rb_live_ctl *c = add(lv, key, da, en, section);
  if (c == NULL) {
    return -1;
  }
  c->kind = RB_LIVE_BOOL;
  c->value = value ? 1.0 : 0.0;
  c->max = 1.0;
  c->step = 1.0;
  return 0;
}

/* A real value: within its low/high when it has them, else from 0 to
 * twice its value. */
static int add_param(rb_live *lv, int pi, const char *da, const char *en,
                     const char *section) {
  const rb_param *p = &lv->sc->params[pi];
  rb_live_ctl *c = add(lv, p->key, da, en, section);
  if (c == NULL) {
    return -1;
  }
  c->kind = RB_LIVE_NUMBER;
  c->value = p->value;
  c->source = p->source;
  c->ranged = p->has_range;
  if (p->has_range) {
    c->min = p->low;
    c->max = p->high;
    c->step = (p->high - p->low) / 100.0;
  } else {
    c->min = 0.0;
    c->max = upper(p->value, 1000.0, 500.0);
    c->step = 50.0;
  }
  if (!(c->step > 0.0)) {
    c->step = 1.0;
  }
  return 0;
}

/* A value's label: the key, with a group's or a cost item's label in
 * place of "groups.[i]" and "costs.[i]". */
static void param_label(const rb_scenario *sc, const char *key, char *buf,
                        size_t n) {
  int i = -1, used = 0;
  if (sscanf(key, "groups.[%d].%n", &i, &used) == 1 && used > 0 && i >= 0 &&
      i < sc->n_groups) {
    snprintf(buf, n, "%s: %s", sc->groups[i].label, key + used);
  } else if (sscanf(key, "costs.[%d].%n", &i, &used) == 1 && used > 0 &&
             i >= 0 && i < sc->n_costs) {
    snprintf(buf, n, "%s: %s", sc->costs[i].label, key + used);
  } else {
    snprintf(buf, n, "%s", key);
  }
}

/* The subsidy block's terms. */
static int subsidy_controls(rb_live *lv) {
  const rb_subsidy_cfg *s = &lv->sc->subsidy;
  int rc = add_param(lv, s->cap, "Loft over tilskuddet (kr. pr. måned)",
                     "Cap on the subsidy (kr per month)", "subsidy");
  rc |= add_int(lv, "subsidy.period_months", "Tilskudsperiode (måneder)",
                "Subsidy period (months)", s->period_months, 1, 36);
  rc |= add_int(lv, "subsidy.extension_months",
                "Længde af en forlængelse (måneder)",
                "Length of an extension (months)", s->extension_months, 0, 12);
  rc |= add_int(lv, "subsidy.max_extensions", "Højst antal forlængelser",
                "Extensions at most", s->max_extensions, 0, 4);
  rc |= add_bool(lv, "subsidy.require_realistic_takeover",
                 "Tilskud kun ved realistisk overtagelse",
                 "Subsidy only with a realistic takeover", "subsidy",
                 s->require_realistic_takeover);
  return rc;
}

/* A group's own takeover rule, where it has one. */
static int group_controls(rb_live *lv) {
  int rc = 0;
  for (int g = 0; g < lv->sc->n_groups && rc == 0; g++) {
    const rb_group *gr = &lv->sc->groups[g];
    if (gr->require_realistic_takeover < 0) {
      continue;
    }
    char key[64], da[512], en[512];
    snprintf(key, sizeof key, "groups.[%d].subsidy.require_realistic_takeover",
             g);
    snprintf(da, sizeof da, "%s: tilskud kun ved realistisk overtagelse",
             gr->label);
    snprintf(en, sizeof en, "%s: subsidy only with a realistic takeover",
             gr->label);
    rc = add_bool(lv, key, da, en, "group", gr->require_realistic_takeover);
  }
  return rc;
}

rb_status rb_live_make_controls(rb_live *lv) {
  const rb_scenario *sc = lv->sc;
  lv->ctl =
      calloc((size_t)sc->n_params + (size_t)sc->n_groups + 8, sizeof *lv->ctl);
  if (lv->ctl == NULL) {
    return RB_ENOMEM;
  }
  int rc = subsidy_controls(lv) | group_controls(lv);
  for (int i = 0; i < sc->n_params && rc == 0; i++) {
    if (!sc->params[i].has_range || i == sc->subsidy.cap) {
      continue;
    }
    char label[512];
    param_label(sc, sc->params[i].key, label, sizeof label);
    const bool grp = strncmp(sc->params[i].key, "groups.", 7) == 0;
    rc = add_param(lv, i, label, label, grp ? "group" : "range");
  }
  return rc == 0 ? RB_OK : RB_ENOMEM;
}

void rb_live_free_controls(rb_live *lv) {
  for (int i = 0; i < lv->n_ctl; i++) {
    free(lv->ctl[i].key);
    free(lv->ctl[i].label);
    free(lv->ctl[i].label_en);
    free(lv->ctl[i].section);
  }
  free(lv->ctl);
  lv->ctl = NULL;
  lv->n_ctl = 0;
}

static const char *kind_name(rb_live_kind k) {
  return k == RB_LIVE_INT ? "int" : k == RB_LIVE_BOOL ? "bool" : "number";
}

char *rb_live_controls_json(const rb_live *lv, bool english) {
  json_t *arr = json_array();
  for (int i = 0; arr != NULL && i < lv->n_ctl; i++) {
    const rb_live_ctl *c = &lv->ctl[i];
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:b}", "key", c->key, "label",
        english ? c->label_en : c->label, "section", c->section, "kind",
        kind_name(c->kind), "value", c->value, "min", c->min, "max", c->max,
        "step", c->step, "ranged", c->ranged);
    if (o != NULL && c->source != NULL) {
      json_object_set_new(o, "source", json_string(c->source));
    }
    if (o == NULL || json_array_append_new(arr, o) != 0) {
      json_decref(arr);
      return NULL;
    }
  }
  char *text = arr != NULL ? json_dumps(arr, JSON_REAL_PRECISION(17)) : NULL;
  json_decref(arr);
  return text;
}

/* The control of @p key, or NULL. */
static const rb_live_ctl *find(const rb_live *lv, const char *key) {
  for (int i = 0; i < lv->n_ctl; i++) {
    if (strcmp(lv->ctl[i].key, key) == 0) {
      return &lv->ctl[i];
    }
  }
  return NULL;
}

/* Is @p v a plain number as a libconfig literal writes it: digits with
 * an optional sign, decimal point and exponent, nothing else?  Then
 * *x is its value. */
static bool plain_number(const char *v, bool whole, double *x) {
  size_t n = strlen(v);
  if (n == 0 || n > RB_LIVE_MAX_VALUE ||
      strspn(v, whole ? "-0123456789" : "+-.0123456789eE") != n) {
    return false;
  }
  char *end = NULL;
  *x = strtod(v, &end);
  return end == v + n && isfinite(*x) && (!whole || *x == floor(*x));
}

/* Why the value @p v of control @p c cannot be taken, or NULL when it can
 * (the loader then checks it by its own rules). */
static const char *refuse(const rb_live_ctl *c, const char *v) {
  double x = 0.0;
  if (c->kind == RB_LIVE_BOOL) {
    return strcmp(v, "true") == 0 || strcmp(v, "false") == 0
               ? NULL
               : "expected true or false";
  }
  if (!plain_number(v, c->kind == RB_LIVE_INT, &x)) {
    return c->kind == RB_LIVE_INT ? "expected a whole number"
                                  : "expected a number";
  }
  if (c->ranged && (x < c->min || x > c->max)) {
    return "outside the value's low/high";
  }
  return NULL;
}

/* A refused value as the loader writes its problems; @p v cut short. */
static void refused(rb_diag *d, int n, const char *key, const char *msg,
                    const char *v, const rb_live_ctl *c) {
  char where[32];
  snprintf(where, sizeof where, "request:%d", n);
  if (c != NULL && c->ranged &&
      strcmp(msg, "outside the value's low/high") == 0) {
    rb_diag_add(d, where, 0, key, "%s %.17g to %.17g (got %.40s)", msg, c->min,
                c->max, v);
  } else {
    rb_diag_add(d, where, 0, key, "%s (got %.40s)", msg, v);
  }
}

/* Check every pair; @return the number refused. */
static int check_pairs(const rb_live *lv, const char *const *keys,
                       const char *const *values, int n, rb_diag *diag) {
  int bad = 0;
  for (int i = 0; i < n; i++) {
    const char *key = keys[i] != NULL ? keys[i] : "";
    const char *v = values[i] != NULL ? values[i] : "";
    const rb_live_ctl *c = find(lv, key);
    const char *why = c == NULL ? "not a value of this scenario the page "
                                  "may change"
                                : refuse(c, v);
    for (int j = 0; why == NULL && j < i; j++) {
      if (keys[j] != NULL && strcmp(keys[j], key) == 0) {
        why = "given twice";
      }
    }
    if (why != NULL) {
      char k[80];
      snprintf(k, sizeof k, "%.64s", key);
      refused(diag, i + 1, k, why, v, c);
      bad++;
    }
  }
  return bad;
}

rb_status rb_live_sets(const rb_live *lv, const char *const *keys,
                       const char *const *values, int n, char ***sets,
                       rb_diag *diag) {
  *sets = NULL;
  if (n > RB_LIVE_MAX_ARGS) {
    rb_diag_add(diag, "request", 0, NULL, "more than %d values (got %d)",
                RB_LIVE_MAX_ARGS, n);
    return RB_EINVALID;
  }
  if (check_pairs(lv, keys, values, n, diag) > 0) {
    return RB_EINVALID;
  }
  char **out = calloc((size_t)n + 1, sizeof *out);
  for (int i = 0; out != NULL && i < n; i++) {
    size_t len = strlen(keys[i]) + strlen(values[i]) + 2;
    out[i] = malloc(len);
    if (out[i] == NULL) {
      for (int j = 0; j < i; j++) {
        free(out[j]);
      }
      free(out);
      return RB_ENOMEM;
    }
    snprintf(out[i], len, "%s=%s", keys[i], values[i]);
  }
  if (out == NULL) {
    return RB_ENOMEM;
  }
  *sets = out;
  return RB_OK;
}
