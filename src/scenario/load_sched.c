/*
 * The scenario loader's schedules on months_in_state and payer shares
 * (load.h; scenario-format.md, "Schedules" and "Payers").
 */
#include "scenario/load.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Breaks: an array of integers >= 1, strictly increasing, @p want long
 * (want < 0: any length).  Fills @p out (n entries). */
static bool read_breaks(ld *c, const rb_node *b, const char *key, int want,
                        int **out, int *n_out) {
  char got[80];
  *out = NULL;
  *n_out = 0;
  if (b->type != RB_N_ARRAY && b->type != RB_N_LIST) {
    rb_cfg_expected(&c->ck, b, key, "an array of integers");
    return false;
  }
  if (want >= 0 && b->n != want) {
    rb_cfg_problem(&c->ck, b, key,
                   "needs one fewer entry than values: %d (got %d)", want,
                   b->n);
    return false;
  }
  int *br = NULL;
  if (b->n > 0 && (br = malloc((size_t)b->n * sizeof *br)) == NULL) {
    c->ck.oom = true;
    return false;
  }
  for (int i = 0; i < b->n; i++) {
    const rb_node *e = b->kids[i];
    char ek[RB_KEYMAX];
    rb_key_index(ek, key, i);
    if (e->type != RB_N_INT && e->type != RB_N_INT64) {
      rb_cfg_expected(&c->ck, e, ek, "an integer");
      free(br);
      return false;
    }
    long long v = e->ival; /* saturated when huge */
    rb_node_describe(got, sizeof got, e);
    if (v < 1 || v > RB_MAX_MONTHS) {
      if (v < 1) {
        rb_cfg_problem(&c->ck, e, ek, "a break must be >= 1 (got %s)", got);
      } else {
        rb_cfg_problem(&c->ck, e, ek,
                       "a break must be at most %d months, 100 years (got %s)",
                       RB_MAX_MONTHS, got);
      }
      free(br);
      return false;
    }
    br[i] = (int)v;
    if (i > 0 && br[i] <= br[i - 1]) {
      rb_cfg_problem(&c->ck, e, ek,
                     "breaks must be strictly increasing (got %s after %d)",
                     got, br[i - 1]);
      free(br);
      return false;
    }
  }
  *out = br;
  *n_out = b->n;
  return true;
}

void rb_ld_sched_free(rb_sched *s) {
  free(s->breaks);
  free(s->values);
  s->breaks = NULL;
  s->values = NULL;
  s->n = 0;
  s->scale = -1;
}

static void sched_mark_bad(ld *c, const rb_sched *s) {
  for (int i = 0; i < s->n; i++) {
    mark_bad(c, s->values[i]);
  }
  mark_bad(c, s->scale);
}

/* A schedule of one value: a plain or uncertain value. */
static void sched_one(ld *c, rb_sched *out, const rb_node *n, const char *key,
                      const vspec *vs) {
  out->values = malloc(sizeof *out->values);
  if (out->values == NULL) {
    c->ck.oom = true;
    return;
  }
  out->n = 1;
  out->values[0] = rb_ld_value_node(c, n, key, vs);
}

/* `values`: a non-empty array of values.  @return false on a problem
 * (@p out->n = 0 when there are no values at all). */
static bool sched_values(ld *c, rb_sched *out, const rb_node *nv,
                         const char *key, const vspec *vs) {
  char k[RB_KEYMAX];
  rb_key_join(k, key, "values");
  if ((nv->type != RB_N_ARRAY && nv->type != RB_N_LIST) || nv->n == 0) {
    rb_cfg_expected(&c->ck, nv, k, "a non-empty array of values");
    return false;
  }
  out->values = malloc((size_t)nv->n * sizeof *out->values);
  if (out->values == NULL) {
    c->ck.oom = true;
    return false;
  }
  bool ok = true;
  for (int i = 0; i < nv->n; i++) {
    char ek[RB_KEYMAX];
    rb_key_index(ek, k, i);
    out->values[i] = rb_ld_value_node(c, nv->kids[i], ek, vs);
    if (is_bad(c, out->values[i])) {
      ok = false;
    }
  }
  out->n = nv->n;
  return ok;
}

/* A bad schedule keeps consistent arrays for the rest of the checks, and
 * its parameters are marked bad. */
static void sched_bad(ld *c, rb_sched *out) {
  if (out->breaks == NULL && out->n > 1) {
    out->breaks = calloc((size_t)out->n - 1, sizeof *out->breaks);
    if (out->breaks == NULL) {
      c->ck.oom = true;
      out->n = 1;
    } else {
      for (int i = 0; i < out->n - 1; i++) {
        out->breaks[i] = i + 1;
      }
    }
  }
  sched_mark_bad(c, out);
}

void rb_ld_sched(ld *c, rb_sched *out, const rb_node *n, const char *key,
                 const vspec *vs, bool allow_schedule) {
  static const char *const SCHED_KEYS[] = {"breaks", "values", "scale"};
  char k[RB_KEYMAX];
  memset(out, 0, sizeof *out);
  out->scale = -1;
  out->line = n->line;
  if (!rb_ld_is_schedule(n) || !allow_schedule) {
    sched_one(c, out, n, key, vs);
    return;
  }
  rb_cfg_check_keys(&c->ck, n, key, SCHED_KEYS, RB_NWORDS(SCHED_KEYS));
  const rb_node *nv = rb_node_get(n, "values");
  const rb_node *nb = rb_node_get(n, "breaks");
  const rb_node *ns = rb_node_get(n, "scale");
  if (nv == NULL) {
    rb_cfg_missing(&c->ck, n, key, "values");
    return;
  }
  bool ok = sched_values(c, out, nv, key, vs);
  if (out->n == 0) {
    return;
  }
  if (nb != NULL) {
    int nb_n = 0;
    rb_key_join(k, key, "breaks");
    if (!read_breaks(c, nb, k, out->n - 1, &out->breaks, &nb_n)) {
      ok = false;
    }
  } else if (out->n > 1) {
    rb_cfg_missing(&c->ck, n, key, "breaks");
    ok = false;
  }
  if (ns != NULL) {
    rb_key_join(k, key, "scale");
    out->scale = rb_ld_value_node(c, ns, k, &V_NONNEG);
    if (is_bad(c, out->scale)) {
      ok = false;
    }
  }
  if (!ok || (out->n > 1 && out->breaks == NULL)) {
    sched_bad(c, out);
  }
}

/* ------------------------------------------------------------------ */
/* Payers                                                             */
/* ------------------------------------------------------------------ */

/* A payer group's keys: the payers (rb_payer_names) and breaks. */
static const char *const PAYER_KEYS[] = {RB_PAYER_LIST(RB_ENUM_NAME) "breaks"};

void rb_ld_payer_free(rb_payer_sched *p) {
  free(p->breaks);
  free(p->shares);
  memset(p, 0, sizeof *p);
}

/* Payer @p p's share in each of @p rows entries (one plain value when not
 * a schedule).  @return false on a problem. */
static bool payer_shares(ld *c, double (*shares)[RB_PAYER_COUNT], int rows,
                         bool is_schedule, const rb_node *e, const char *k,
                         int p) {
  if (is_schedule && e->type != RB_N_ARRAY && e->type != RB_N_LIST) {
    char got[80];
    rb_node_describe(got, sizeof got, e);
    rb_cfg_problem(&c->ck, e, k,
                   "expected an array of %d shares, one per breaks entry plus "
                   "one (got %s)",
                   rows, got);
    return false;
  }
  if (is_schedule && e->n != rows) {
    rb_cfg_problem(&c->ck, e, k,
                   "expected %d shares, one more than breaks (got %d)", rows,
                   e->n);
    return false;
  }
  bool ok = true;
  for (int r = 0; r < rows; r++) {
    const rb_node *x = is_schedule ? e->kids[r] : e;
    char ek[RB_KEYMAX];
    if (is_schedule) {
      rb_key_index(ek, k, r);
    } else {
      memcpy(ek, k, sizeof ek);
    }
    double v;
    if (!rb_ld_share(c, x, ek, "a payer share", &v)) {
      ok = false;
      continue;
    }
    shares[r][p] = v;
  }
  return ok;
}

/* Every entry's shares sum to 1; the first that does not is reported. */
static void payer_sums(ld *c, const rb_payer_sched *ps, const rb_node *n,
                       const char *key) {
  for (int r = 0; r < ps->n; r++) {
    double sum = 0.0;
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      sum += ps->shares[r][p];
    }
    if (fabs(sum - 1.0) > SUM_TOL) {
      char s[40];
      fmt_sum(s, sizeof s, sum);
      if (ps->is_schedule) {
        rb_cfg_problem(&c->ck, n, key,
                       "payer shares must sum to 1 in entry %d (got %s)", r + 1,
                       s);
      } else {
        rb_cfg_problem(&c->ck, n, key, "payer shares must sum to 1 (got %s)",
                       s);
      }
      return;
    }
  }
}

void rb_ld_payer(ld *c, rb_payer_sched *out, const rb_node *n,
                 const char *key) {
  char k[RB_KEYMAX];
  memset(out, 0, sizeof *out);
  out->line = n->line;
  if (n->type != RB_N_GROUP) {
    rb_cfg_expected(&c->ck, n, key, "a group of payer shares");
    return;
  }
  rb_cfg_check_keys(&c->ck, n, key, PAYER_KEYS, RB_NWORDS(PAYER_KEYS));
  const rb_node *nb = rb_node_get(n, "breaks");
  int rows = 1;
  int *breaks = NULL;
  if (nb != NULL) {
    rb_key_join(k, key, "breaks");
    int nbr = 0;
    if (!read_breaks(c, nb, k, -1, &breaks, &nbr)) {
      return;
    }
    rows = nbr + 1;
    out->is_schedule = true;
  }
  double(*shares)[RB_PAYER_COUNT] = calloc((size_t)rows, sizeof *shares);
  if (shares == NULL) {
    free(breaks);
    c->ck.oom = true;
    return;
  }
  bool ok = true;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    const rb_node *e = rb_node_get(n, rb_payer_names[p]);
    if (e == NULL) {
      continue;
    }
    rb_key_join(k, key, rb_payer_names[p]);
    ok = payer_shares(c, shares, rows, out->is_schedule, e, k, p) && ok;
  }
  out->n = rows;
  out->breaks = breaks;
  out->shares = shares;
  if (ok) {
    payer_sums(c, out, n, key);
  }
}
