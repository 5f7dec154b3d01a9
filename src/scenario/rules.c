/*
 * Rules files (scenarios/rules/NAME.cfg): the legal parameters of one year,
 * loaded and checked (subsidy.md).  Every number may be written plain or as
 * { value = X; source = "..."; }; each figure is kept with its source as
 * a note for the reports.  Every key is required and unknown keys are rejected.
 */
#include "config/cfgtree.h"
#include "rentbridge/subsidy.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RKEYMAX 256

typedef struct rl {
  rb_diag *diag;
  int nerr;
  rb_rules *out; /**< where the notes go */
  int cap_notes;
} rl;

/* Keep a figure and its source for the reports (out of memory: skipped,
 * the figure itself is still loaded). */
static void rnote(rl *c, const char *key, double x, const rb_node *src) {
  rb_rules *r = c->out;
  if (r->n_notes == c->cap_notes) {
    int cap = c->cap_notes ? 2 * c->cap_notes : 32;
    rb_rule_note *n = realloc(r->notes, (size_t)cap * sizeof *n);
    if (n == NULL) {
      return;
    }
    r->notes = n;
    c->cap_notes = cap;
  }
  rb_rule_note *n = &r->notes[r->n_notes];
  n->key = rb_strdup(key);
  n->value = x;
  n->source =
      src != NULL && src->type == RB_N_STRING ? rb_strdup(src->sval) : NULL;
  if (n->key != NULL) {
    r->n_notes++;
  } else {
    free(n->source);
  }
}

static void rproblem(rl *c, const rb_node *at, const char *key, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));

static void rproblem(rl *c, const rb_node *at, const char *key, const char *fmt,
                     ...) {
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rb_diag_add(c->diag, at->file, at->line > 0 ? at->line : 1, key, "%s", msg);
  c->nerr++;
}

static void rjoin(char *out, const char *path, const char *name) {
  size_t lp = strlen(path), ln = strlen(name);
  char tmp[RKEYMAX];
  size_t p = 0;
  if (lp > RKEYMAX - 1) {
    lp = RKEYMAX - 1;
  }
  memcpy(tmp, path, lp);
  p = lp;
  if (lp > 0 && p < RKEYMAX - 1) {
    tmp[p++] = '.';
  }
  if (p + ln > RKEYMAX - 1) {
    ln = RKEYMAX - 1 - p;
  }
  memcpy(tmp + p, name, ln);
  p += ln;
  tmp[p] = '\0';
  memcpy(out, tmp, p + 1);
}

static void rcheck_keys(rl *c, const rb_node *g, const char *path,
                        const char *const *allowed) {
  for (int i = 0; i < g->n; i++) {
    bool ok = false;
    for (const char *const *a = allowed; *a != NULL; a++) {
      if (strcmp(g->kids[i]->name, *a) == 0) {
        ok = true;
      }
    }
    if (!ok) {
      char key[RKEYMAX];
      rjoin(key, path, g->kids[i]->name);
      rproblem(c, g->kids[i], key, "unknown key");
    }
  }
}

enum { R_RATE, R_AMOUNT, R_COUNT };

/* A number, plain or { value; source; }; @p kind selects the range. */
static double rnum(rl *c, const rb_node *g, const char *path, const char *name,
                   int kind) {
  char key[RKEYMAX], got[80];
  rjoin(key, path, name);
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL) {
    rproblem(c, g, key, "required key missing");
    return 0.0;
  }
  const rb_node *src = NULL;
  char note_key[RKEYMAX];
  memcpy(note_key, key, sizeof note_key);
  if (n->type == RB_N_GROUP) {
    static const char *const KEYS[] = {"value", "source", NULL};
    rcheck_keys(c, n, key, KEYS);
    const rb_node *s = rb_node_get(n, "source");
    src = s;
    if (s != NULL && s->type != RB_N_STRING) {
      char sk[RKEYMAX];
      rjoin(sk, key, "source");
      rb_node_describe(got, sizeof got, s);
      rproblem(c, s, sk, "expected a string (got %s)", got);
    }
    const rb_node *v = rb_node_get(n, "value");
    if (v == NULL) {
      char vk[RKEYMAX];
      rjoin(vk, key, "value");
      rproblem(c, n, vk, "required key missing");
      return 0.0;
    }
    n = v;
    rjoin(key, key, "value");
  }
  rb_node_describe(got, sizeof got, n);
  if (kind == R_COUNT) {
    if (n->type != RB_N_INT && n->type != RB_N_INT64) {
      rproblem(c, n, key, "expected an integer (got %s)", got);
      return 0.0;
    }
    if (n->ival < 0 || n->ival > 100) {
      rproblem(c, n, key, "must be between 0 and 100 (got %s)", got);
      return 0.0;
    }
    rnote(c, note_key, (double)n->ival, src);
    return (double)n->ival;
  }
  if (!rb_node_is_number(n)) {
    rproblem(c, n, key, "expected a number (got %s)", got);
    return 0.0;
  }
  double x = rb_node_number(n);
  if (!isfinite(x)) {
    rproblem(c, n, key, "not a finite number (got %s)", got);
    return 0.0;
  }
  if (kind == R_RATE && !(x >= 0.0 && x <= 1.0)) {
    rproblem(c, n, key, "must be in [0, 1] (got %s)", got);
  } else if (kind == R_AMOUNT && !(x >= 0.0)) {
    rproblem(c, n, key, "must be >= 0 (got %s)", got);
  }
  rnote(c, note_key, x, src);
  return x;
}

static const rb_node *rgroup(rl *c, const rb_node *g, const char *name) {
  const rb_node *n = rb_node_get(g, name);
  if (n == NULL) {
    rproblem(c, g, name, "required key missing");
    return NULL;
  }
  if (n->type != RB_N_GROUP) {
    char got[80];
    rb_node_describe(got, sizeof got, n);
    rproblem(c, n, name, "expected a group { ... } (got %s)", got);
    return NULL;
  }
  return n;
}

typedef struct rfield {
  const char *name;
  int kind;
  size_t offset; /* of a double, or of an int for R_COUNT */
} rfield;

static const rfield BS_FIELDS[] = {
    {"rent_share", R_RATE, offsetof(rb_rules, bs_rent_share)},
    {"income_taper", R_RATE, offsetof(rb_rules, bs_income_taper)},
    {"income_threshold", R_AMOUNT, offsetof(rb_rules, bs_income_threshold)},
    {"child_raise", R_AMOUNT, offsetof(rb_rules, bs_child_raise)},
    {"child_raise_max", R_COUNT, offsetof(rb_rules, bs_child_raise_max)},
    {"min_own_payment", R_AMOUNT, offsetof(rb_rules, bs_min_own_payment)},
    {"max_per_year", R_AMOUNT, offsetof(rb_rules, bs_max_per_year)},
    {"max_raise_children", R_RATE, offsetof(rb_rules, bs_max_raise_children)},
    {"max_raise_min_children", R_COUNT,
     offsetof(rb_rules, bs_max_raise_min_children)},
    {"no_children_cap", R_RATE, offsetof(rb_rules, bs_no_children_cap)},
    {"rent_cap", R_AMOUNT, offsetof(rb_rules, bs_rent_cap)},
    {"min_payout", R_AMOUNT, offsetof(rb_rules, bs_min_payout)},
    {"area_first_m2", R_AMOUNT, offsetof(rb_rules, bs_area_first)},
    {"area_per_member_m2", R_AMOUNT, offsetof(rb_rules, bs_area_per_member)},
    {"heat_addon_per_m2", R_AMOUNT, offsetof(rb_rules, heat_addon_per_m2)},
    {"heat_deduction_per_m2", R_AMOUNT,
     offsetof(rb_rules, heat_deduction_per_m2)},
    {"hot_water_deduction_per_m2", R_AMOUNT,
     offsetof(rb_rules, hot_water_deduction_per_m2)},
};

static const rfield TAX_FIELDS[] = {
    {"am_rate", R_RATE, offsetof(rb_rules, am_rate)},
    {"bundskat_rate", R_RATE, offsetof(rb_rules, bundskat_rate)},
    {"kommuneskat_avg", R_RATE, offsetof(rb_rules, kommuneskat_avg)},
    {"personfradrag", R_AMOUNT, offsetof(rb_rules, personfradrag)},
    {"besk_rate", R_RATE, offsetof(rb_rules, besk_rate)},
    {"besk_max", R_AMOUNT, offsetof(rb_rules, besk_max)},
};

static void rfields(rl *c, rb_rules *r, const rb_node *g, const char *path,
                    const rfield *f, size_t n) {
  for (size_t i = 0; i < n; i++) {
    double x = rnum(c, g, path, f[i].name, f[i].kind);
    char *base = (char *)r + f[i].offset;
    if (f[i].kind == R_COUNT) {
      int v = (int)x;
      memcpy(base, &v, sizeof v);
    } else {
      memcpy(base, &x, sizeof x);
    }
  }
}

void rb_rules_free(rb_rules *r) {
  if (r == NULL) {
    return;
  }
  free(r->path);
  free(r->name);
  r->path = NULL;
  r->name = NULL;
  for (int i = 0; i < r->n_notes; i++) {
    free(r->notes[i].key);
    free(r->notes[i].source);
  }
  free(r->notes);
  r->notes = NULL;
  r->n_notes = 0;
}

rb_status rb_rules_load(rb_rules *out, const char *path, rb_diag *diag) {
  memset(out, 0, sizeof *out);
  rb_names files = {NULL, 0};
  rb_node *root = NULL;
  char *dir = NULL;
  const char *slash = strrchr(path, '/');
  if (slash != NULL) {
    size_t len = slash == path ? 1 : (size_t)(slash - path);
    dir = malloc(len + 1);
    if (dir == NULL) {
      return RB_ENOMEM;
    }
    memcpy(dir, path, len);
    dir[len] = '\0';
  }
  rb_status st = rb_cfg_read_file(&root, path, dir, &files, diag);
  free(dir);
  if (st != RB_OK) {
    goto done;
  }
  if (root->line <= 0) {
    root->line = 1;
  }
  rl c = {diag, 0, out, 0};
  static const char *const TOP[] = {"format",       "name", "year", "estimate",
                                    "boligsikring", "tax",  NULL};
  rcheck_keys(&c, root, "", TOP);
  char got[80];
  const rb_node *n = rb_node_get(root, "format");
  if (n == NULL) {
    rproblem(&c, root, "format", "required key missing");
  } else if (n->type != RB_N_INT || n->ival != 1) {
    rb_node_describe(got, sizeof got, n);
    rproblem(&c, n, "format", "must be 1 (got %s)", got);
  }
  n = rb_node_get(root, "name");
  if (n == NULL) {
    rproblem(&c, root, "name", "required key missing");
  } else if (n->type != RB_N_STRING) {
    rb_node_describe(got, sizeof got, n);
    rproblem(&c, n, "name", "expected a string (got %s)", got);
  } else {
    out->name = rb_strdup(n->sval);
  }
  n = rb_node_get(root, "year");
  if (n == NULL) {
    rproblem(&c, root, "year", "required key missing");
  } else if ((n->type != RB_N_INT && n->type != RB_N_INT64) || n->ival < 1900 ||
             n->ival > 2200) {
    rb_node_describe(got, sizeof got, n);
    rproblem(&c, n, "year", "expected a year between 1900 and 2200 (got %s)",
             got);
  } else {
    out->year = (int)n->ival;
  }
  n = rb_node_get(root, "estimate");
  if (n != NULL) {
    if (n->type != RB_N_BOOL) {
      rb_node_describe(got, sizeof got, n);
      rproblem(&c, n, "estimate", "expected true or false (got %s)", got);
    } else {
      out->estimate = n->bval;
    }
  }
  const rb_node *bs = rgroup(&c, root, "boligsikring");
  if (bs != NULL) {
    static const char *const BS_KEYS[] = {"rent_share",
                                          "income_taper",
                                          "income_threshold",
                                          "child_raise",
                                          "child_raise_max",
                                          "min_own_payment",
                                          "max_per_year",
                                          "max_raise_children",
                                          "max_raise_min_children",
                                          "no_children_cap",
                                          "rent_cap",
                                          "min_payout",
                                          "area_first_m2",
                                          "area_per_member_m2",
                                          "heat_addon_per_m2",
                                          "heat_deduction_per_m2",
                                          "hot_water_deduction_per_m2",
                                          "payer",
                                          NULL};
    rcheck_keys(&c, bs, "boligsikring", BS_KEYS);
    rfields(&c, out, bs, "boligsikring", BS_FIELDS,
            sizeof BS_FIELDS / sizeof BS_FIELDS[0]);
    const rb_node *py = rb_node_get(bs, "payer");
    if (py == NULL) {
      rproblem(&c, bs, "boligsikring.payer", "required key missing");
    } else if (py->type != RB_N_GROUP) {
      rb_node_describe(got, sizeof got, py);
      rproblem(&c, py, "boligsikring.payer",
               "expected a group of payer shares (got %s)", got);
    } else {
      static const char *const PKEYS[] = {"kommune", "region", "stat", "source",
                                          NULL};
      rcheck_keys(&c, py, "boligsikring.payer", PKEYS);
      int before = c.nerr;
      double sum = 0.0;
      int first_note = out->n_notes;
      for (int p = 0; p < 3; p++) {
        if (rb_node_get(py, PKEYS[p]) != NULL) {
          out->bs_payer[p] =
              rnum(&c, py, "boligsikring.payer", PKEYS[p], R_RATE);
          sum += out->bs_payer[p];
        }
      }
      /* The shares' source is the payer group's. */
      const rb_node *ps = rb_node_get(py, "source");
      for (int k = first_note;
           k < out->n_notes && ps != NULL && ps->type == RB_N_STRING; k++) {
        if (out->notes[k].source == NULL) {
          out->notes[k].source = rb_strdup(ps->sval);
        }
      }
      if (c.nerr == before && fabs(sum - 1.0) > 1e-9) {
        char s[40];
        rb_fmt_double(s, sizeof s, sum);
        rproblem(&c, py, "boligsikring.payer",
                 "payer shares must sum to 1 (got %s)", s);
      }
    }
  }
  const rb_node *tax = rgroup(&c, root, "tax");
  if (tax != NULL) {
    static const char *const TAX_KEYS[] = {"am_rate",
                                           "bundskat_rate",
                                           "kommuneskat_avg",
                                           "personfradrag",
                                           "besk_rate",
                                           "besk_max",
                                           NULL};
    rcheck_keys(&c, tax, "tax", TAX_KEYS);
    rfields(&c, out, tax, "tax", TAX_FIELDS,
            sizeof TAX_FIELDS / sizeof TAX_FIELDS[0]);
  }
  out->path = rb_strdup(path);
  if (out->path == NULL ||
      (n = rb_node_get(root, "name"),
       n != NULL && n->type == RB_N_STRING && out->name == NULL)) {
    st = RB_ENOMEM;
  } else if (c.nerr > 0) {
    st = RB_EINVALID;
  }
done:
  rb_node_free(root);
  for (int i = 0; i < files.n; i++) {
    free(files.names[i]);
  }
  free(files.names);
  if (st != RB_OK) {
    rb_rules_free(out);
    memset(out, 0, sizeof *out);
  }
  return st;
}
