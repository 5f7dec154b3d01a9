/*
 * Rules files (scenarios/rules/NAME.cfg): the legal parameters of one year,
 * loaded and checked (subsidy.md).  Every number may be written plain or as
 * { value = X; source = "..."; }; each figure is kept with its source as
 * a note for the reports.  Every key is required and unknown keys are rejected.
 * An amount is at most RB_MAX_AMOUNT, and every string is UTF-8 text
 * without control characters (scenario-loading.md, "Limits").
 */
#include "config/cfgget.h"
#include "rentbridge/subsidy.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct rl {
  rb_check ck;   /**< problems, their count, out of memory */
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

enum { R_RATE, R_AMOUNT, R_COUNT };

/* The value node of a figure written { value; source; } (at @p key), with
 * its source in @p src; NULL when value is missing. */
static const rb_node *rvalue_group(rl *c, const rb_node *n, const char *key,
                                   const rb_node **src) {
  static const char *const KEYS[] = {"value", "source"};
  rb_cfg_check_keys(&c->ck, n, key, KEYS, RB_NWORDS(KEYS));
  *src = rb_node_get(n, "source");
  (void)rb_cfg_string(&c->ck, n, key, "source", false);
  return rb_cfg_member(&c->ck, n, key, "value", true);
}

/* A number, plain or { value; source; }; @p kind selects the range. */
static double rnum(rl *c, const rb_node *g, const char *path, const char *name,
                   int kind) {
  static const rb_range RATE = {0.0, 1.0, false};
  static const rb_range AMOUNT = {0.0, INFINITY, false};
  char key[RB_KEYMAX], note_key[RB_KEYMAX];
  rb_key_join(key, path, name);
  memcpy(note_key, key, sizeof note_key);
  const rb_node *n = rb_cfg_member(&c->ck, g, path, name, true);
  const rb_node *src = NULL;
  if (n != NULL && n->type == RB_N_GROUP) {
    n = rvalue_group(c, n, key, &src);
    rb_key_join(key, key, "value");
  }
  if (n == NULL) {
    return 0.0;
  }
  if (kind == R_COUNT) {
    long long v = 0;
    if (!rb_cfg_int_node(&c->ck, n, key, 0, 100, &v)) {
      return 0.0;
    }
    rnote(c, note_key, (double)v, src);
    return (double)v;
  }
  double x;
  if (!rb_cfg_number(&c->ck, n, key, &x)) {
    return 0.0;
  }
  if (rb_cfg_check_range(&c->ck, n, key, x, kind == R_RATE ? &RATE : &AMOUNT)) {
    (void)rb_cfg_check_size(&c->ck, n, key, x, RB_MAX_AMOUNT,
                            "beyond any real amount");
  }
  rnote(c, note_key, x, src);
  return x;
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

static const rfield UDL_FIELDS[] = {
    {"rate", R_RATE, offsetof(rb_rules, udl_rate)},
    {"low_base_rate", R_RATE, offsetof(rb_rules, udl_low_rate)},
    {"low_base_limit", R_AMOUNT, offsetof(rb_rules, udl_low_limit)},
    {"high_base_rate", R_RATE, offsetof(rb_rules, udl_high_rate)},
    {"high_base_limit", R_AMOUNT, offsetof(rb_rules, udl_high_limit)},
    {"capital_rate", R_RATE, offsetof(rb_rules, udl_capital_rate)},
};

static const rfield REF_FIELDS[] = {
    {"step1_weeks", R_AMOUNT, offsetof(rb_rules, ref_weeks[0])},
    {"step2_weeks", R_AMOUNT, offsetof(rb_rules, ref_weeks[1])},
    {"step3_weeks", R_AMOUNT, offsetof(rb_rules, ref_weeks[2])},
    {"stat_step1", R_RATE, offsetof(rb_rules, ref_stat[0])},
    {"stat_step2", R_RATE, offsetof(rb_rules, ref_stat[1])},
    {"stat_step3", R_RATE, offsetof(rb_rules, ref_stat[2])},
    {"stat_after", R_RATE, offsetof(rb_rules, ref_stat[3])},
    {"reset_weeks", R_AMOUNT, offsetof(rb_rules, ref_reset_weeks)},
    {"reset_window_weeks", R_AMOUNT, offsetof(rb_rules, ref_window_weeks)},
};

static const rfield SHARED_FIELDS[] = {
    {"min_tenants", R_COUNT, offsetof(rb_rules, bs_shared_min_tenants)},
    {"max_tenants", R_COUNT, offsetof(rb_rules, bs_shared_max_tenants)},
    {"area_m2", R_AMOUNT, offsetof(rb_rules, bs_shared_area_m2)},
    {"child_area_m2", R_AMOUNT, offsetof(rb_rules, bs_shared_child_area_m2)},
};

/* Each field of @p f from group @p g, whose keys are the fields' names
 * and @p extra (NULL: none). */
static void rfields(rl *c, rb_rules *r, const rb_node *g, const char *path,
                    const rfield *f, int n, const char *extra) {
  const char *keys[32];
  assert(n < RB_NWORDS(keys));
  for (int i = 0; i < n; i++) {
    keys[i] = f[i].name;
  }
  keys[n] = extra;
  rb_cfg_check_keys(&c->ck, g, path, keys, extra != NULL ? n + 1 : n);
  for (int i = 0; i < n; i++) {
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
  free(r->loft_source);
  r->loft_source = NULL;
  r->n_notes = 0;
}

/* format, name, year and estimate. */
static void rheader(rl *c, rb_rules *out, const rb_node *root) {
  char got[80];
  const rb_node *n = rb_cfg_member(&c->ck, root, "", "format", true);
  if (n != NULL && (n->type != RB_N_INT || n->ival != 1)) {
    rb_node_describe(got, sizeof got, n);
    rb_cfg_problem(&c->ck, n, "format", "must be 1 (got %s)", got);
  }
  out->name =
      rb_cfg_strdup(&c->ck, rb_cfg_string(&c->ck, root, "", "name", true));
  n = rb_cfg_member(&c->ck, root, "", "year", true);
  if (n != NULL && ((n->type != RB_N_INT && n->type != RB_N_INT64) ||
                    n->ival < 1900 || n->ival > 2200)) {
    rb_node_describe(got, sizeof got, n);
    rb_cfg_problem(&c->ck, n, "year",
                   "expected a year between 1900 and 2200 (got %s)", got);
  } else if (n != NULL) {
    out->year = (int)n->ival;
  }
  rb_cfg_bool(&c->ck, root, "", "estimate", false, &out->estimate);
}

/* boligsikring.payer: shares that sum to 1, with one source for all. */
static void rpayer(rl *c, rb_rules *out, const rb_node *bs) {
  /* The payers (rb_payer_names) and source. */
  static const char *const KEYS[] = {RB_PAYER_LIST(RB_ENUM_NAME) "source"};
  const char *path = "boligsikring.payer";
  const rb_node *py = rb_cfg_member(&c->ck, bs, "boligsikring", "payer", true);
  if (py == NULL) {
    return;
  }
  if (py->type != RB_N_GROUP) {
    rb_cfg_expected(&c->ck, py, path, "a group of payer shares");
    return;
  }
  rb_cfg_check_keys(&c->ck, py, path, KEYS, RB_NWORDS(KEYS));
  int before = c->ck.nerr;
  double sum = 0.0;
  int first_note = out->n_notes;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    if (rb_node_get(py, rb_payer_names[p]) != NULL) {
      out->bs_payer[p] = rnum(c, py, path, rb_payer_names[p], R_RATE);
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
  if (c->ck.nerr == before && fabs(sum - 1.0) > 1e-9) {
    char s[40];
    rb_fmt_double(s, sizeof s, sum);
    rb_cfg_problem(&c->ck, py, path, "payer shares must sum to 1 (got %s)", s);
  }
}

/* The optional blocks: udligning (udligningsloven § 2) and the
 * refusionstrappe (finansieringsloven §§ 5-6); the steps' weeks must rise. */
static void roptional(rl *c, rb_rules *out, const rb_node *root) {
  const rb_node *u = rb_cfg_group(&c->ck, root, "", "udligning", false);
  if (u != NULL) {
    out->has_udligning = true;
    rfields(c, out, u, "udligning", UDL_FIELDS, RB_NWORDS(UDL_FIELDS), NULL);
  }
  const rb_node *r = rb_cfg_group(&c->ck, root, "", "refusion", false);
  if (r == NULL) {
    return;
  }
  out->has_refusion = true;
  int before = c->ck.nerr;
  rfields(c, out, r, "refusion", REF_FIELDS, RB_NWORDS(REF_FIELDS), NULL);
  const double *w = out->ref_weeks;
  if (c->ck.nerr == before && !(w[0] > 0.0 && w[1] > w[0] && w[2] > w[1] &&
                                out->ref_window_weeks >= out->ref_reset_weeks &&
                                out->ref_reset_weeks > 0.0)) {
    rb_cfg_problem(&c->ck, r, "refusion",
                   "the steps' weeks must rise (0 < step1 < step2 < step3) "
                   "and 0 < reset_weeks <= reset_window_weeks (got %g, %g, "
                   "%g; %g, %g)",
                   w[0], w[1], w[2], out->ref_reset_weeks,
                   out->ref_window_weeks);
  }
}

/* bofaellesskab: the residents of § 24 a, stk. 1, nr. 6 and their area
 * (§ 24 i); 2 <= min_tenants <= max_tenants <= RB_MAX_TENANTS. */
static void rshared(rl *c, rb_rules *out, const rb_node *root) {
  const rb_node *g = rb_cfg_group(&c->ck, root, "", "bofaellesskab", false);
  if (g == NULL) {
    return;
  }
  out->has_bofaellesskab = true;
  int before = c->ck.nerr;
  rfields(c, out, g, "bofaellesskab", SHARED_FIELDS, RB_NWORDS(SHARED_FIELDS),
          NULL);
  const int lo = out->bs_shared_min_tenants, hi = out->bs_shared_max_tenants;
  if (c->ck.nerr == before && !(lo >= 2 && lo <= hi && hi <= RB_MAX_TENANTS)) {
    rb_cfg_problem(&c->ck, g, "bofaellesskab",
                   "needs 2 <= min_tenants <= max_tenants <= %d (got %d, %d)",
                   RB_MAX_TENANTS, lo, hi);
  }
}

/* kontanthjaelpsloft = { abolished = true; source = "..."; }: whether the
 * loft still exists (its waiver is a no-op when not). */
static void rloft(rl *c, rb_rules *out, const rb_node *root) {
  static const char *const KEYS[] = {"abolished", "source"};
  out->loft_abolished = true;
  const rb_node *g =
      rb_cfg_group(&c->ck, root, "", "kontanthjaelpsloft", false);
  if (g == NULL) {
    return;
  }
  rb_cfg_check_keys(&c->ck, g, "kontanthjaelpsloft", KEYS, RB_NWORDS(KEYS));
  rb_cfg_bool(&c->ck, g, "kontanthjaelpsloft", "abolished", true,
              &out->loft_abolished);
  out->loft_source = rb_cfg_strdup(
      &c->ck, rb_cfg_string(&c->ck, g, "kontanthjaelpsloft", "source", false));
}

/* Every figure of the file into @p out. */
static void rconvert(rl *c, rb_rules *out, const rb_node *root) {
  static const char *const TOP[] = {
      "format", "name",      "year",     "estimate",           "boligsikring",
      "tax",    "udligning", "refusion", "kontanthjaelpsloft", "bofaellesskab"};
  rb_cfg_check_keys(&c->ck, root, "", TOP, RB_NWORDS(TOP));
  rb_cfg_check_text(&c->ck, root);
  rheader(c, out, root);
  const rb_node *bs = rb_cfg_group(&c->ck, root, "", "boligsikring", true);
  if (bs != NULL) {
    rfields(c, out, bs, "boligsikring", BS_FIELDS, RB_NWORDS(BS_FIELDS),
            "payer");
    rpayer(c, out, bs);
  }
  const rb_node *tax = rb_cfg_group(&c->ck, root, "", "tax", true);
  if (tax != NULL) {
    rfields(c, out, tax, "tax", TAX_FIELDS, RB_NWORDS(TAX_FIELDS), NULL);
  }
  roptional(c, out, root);
  rshared(c, out, root);
  rloft(c, out, root);
}

rb_status rb_rules_load(rb_rules *out, const char *path, rb_diag *diag) {
  assert(out != NULL && path != NULL && diag != NULL);
  memset(out, 0, sizeof *out);
  rb_names files = {NULL, 0};
  rb_node *root = NULL;
  /* @include paths are relative to the file's directory, if it has one. */
  char *dir = NULL;
  if (strchr(path, '/') != NULL && (dir = rb_path_dir(path)) == NULL) {
    return RB_ENOMEM;
  }
  rb_status st = rb_cfg_read_file(&root, path, dir, &files, diag);
  free(dir);
  if (st == RB_OK) {
    if (root->line <= 0) {
      root->line = 1;
    }
    rl c = {{diag, path, 0, false}, out, 0};
    rconvert(&c, out, root);
    out->path = rb_strdup(path);
    if (out->path == NULL || c.ck.oom) {
      st = RB_ENOMEM;
    } else if (c.ck.nerr > 0) {
      st = RB_EINVALID;
    }
  }
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
