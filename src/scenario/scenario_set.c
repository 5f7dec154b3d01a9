/*
 * `--set KEY=VALUE` overrides (outputs.md), applied to the scenario's tree
 * before it is converted and validated, so a set value is checked exactly
 * like one written in the file.  KEY is a libconfig path
 * (`groups.[0].size`); VALUE a libconfig literal, a bare word being a
 * string.  Setting an uncertain value sets its `value` and widens `low` and
 * `high` when needed.
 */
#include "scenario/scenario_internal.h"
#include "scenario/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* @p s for a message: as it is, or, when it is no text (a control
 * character, a byte that is not UTF-8), quoted with those bytes as \xNN so
 * that the terminal shows them. */
static void shown(char *buf, size_t size, const char *s) {
  if (rb_text_problem(s) == NULL) {
    snprintf(buf, size, "%s", s);
  } else {
    rb_text_quote(buf, size, s, size - 4);
  }
}

/* A component of a key path: a member name or a list index. */
typedef struct comp {
  const char *name; /* NULL for an index */
  int index;
} comp;

static bool bare_word(const char *s) {
  if (*s == '\0') {
    return false;
  }
  for (; *s != '\0'; s++) {
    char ch = *s;
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.' ||
              ch == ':' || ch == '/' || ch == '+';
    if (!ok) {
      return false;
    }
  }
  return true;
}

static bool name_ok(const char *s) {
  if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '*')) {
    return false;
  }
  for (s++; *s != '\0'; s++) {
    char ch = *s;
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
          (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '*')) {
      return false;
    }
  }
  return true;
}

/* Splits @p key (modified in place) into components. */
static int split_path(char *key, comp *out, int max) {
  int n = 0;
  char *s = key;
  while (true) {
    char *dot = strchr(s, '.');
    if (dot != NULL) {
      *dot = '\0';
    }
    if (n == max) {
      return -1;
    }
    size_t len = strlen(s);
    if (len >= 3 && s[0] == '[' && s[len - 1] == ']') {
      long v = 0;
      for (size_t i = 1; i + 1 < len; i++) {
        if (s[i] < '0' || s[i] > '9' || v > 100000000L) {
          return -1;
        }
        v = v * 10 + (s[i] - '0');
      }
      out[n].name = NULL;
      out[n].index = (int)v;
    } else if (name_ok(s)) {
      out[n].name = s;
      out[n].index = -1;
    } else {
      return -1;
    }
    n++;
    if (dot == NULL) {
      return n;
    }
    s = dot + 1;
  }
}

/* Parses VALUE as a libconfig literal; a bare word is a string. */
static rb_status parse_value(rb_node **out, const char *value,
                             const char *set_file, int pos) {
  *out = NULL;
  for (int attempt = 0; attempt < 2; attempt++) {
    char *text;
    if (attempt == 0) {
      text = rb_strfmt("v = %s;", value);
    } else if (bare_word(value)) {
      text = rb_strfmt("v = \"%s\";", value);
    } else {
      return RB_EINVALID;
    }
    if (text == NULL) {
      return RB_ENOMEM;
    }
    rb_node *t = NULL;
    rb_status st = rb_cfg_read_string(&t, text, set_file, pos);
    free(text);
    if (st == RB_ENOMEM) {
      return st;
    }
    if (st == RB_OK && t->n == 1 && strcmp(t->kids[0]->name, "v") == 0) {
      rb_node *v = t->kids[0];
      t->n = 0;
      rb_node_free(t);
      *out = v;
      return RB_OK;
    }
    rb_node_free(t);
  }
  return RB_EINVALID;
}

static bool rename_node(rb_node *n, const char *name) {
  free(n->name);
  n->name = NULL;
  if (name != NULL && (n->name = rb_strdup(name)) == NULL) {
    return false;
  }
  return true;
}

/* Sets member @p name of @p g to a copy of @p v (replacing it). */
static bool put_member(rb_node *g, const char *name, const rb_node *v) {
  rb_node *d = rb_node_dup(v);
  if (d == NULL || !rename_node(d, name)) {
    rb_node_free(d);
    return false;
  }
  for (int i = 0; i < g->n; i++) {
    if (g->kids[i]->name != NULL && strcmp(g->kids[i]->name, name) == 0) {
      rb_node_free(g->kids[i]);
      g->kids[i] = d;
      return true;
    }
  }
  if (!rb_node_append(g, d)) {
    rb_node_free(d);
    return false;
  }
  return true;
}

/* An uncertain value { value = ...; } (not a schedule)? */
static bool is_uncertain(const rb_node *n) {
  return n->type == RB_N_GROUP && rb_node_get(n, "value") != NULL &&
         rb_node_get(n, "values") == NULL && rb_node_get(n, "breaks") == NULL;
}

/* Applies @p v at @p slot (a child of @p parent). */
static bool assign(rb_node *parent, int slot, rb_node *v) {
  rb_node *cur = parent->kids[slot];
  if (is_uncertain(cur) && rb_node_is_number(v)) {
    double x = rb_node_number(v);
    rb_node *lo = rb_node_get(cur, "low");
    rb_node *hi = rb_node_get(cur, "high");
    if (!put_member(cur, "value", v)) {
      return false;
    }
    if (lo != NULL && rb_node_is_number(lo) && x < rb_node_number(lo) &&
        !put_member(cur, "low", v)) {
      return false;
    }
    if (hi != NULL && rb_node_is_number(hi) && x > rb_node_number(hi) &&
        !put_member(cur, "high", v)) {
      return false;
    }
    rb_node_free(v);
    return true;
  }
  if (!rename_node(v, cur->name)) {
    return false;
  }
  rb_node_free(cur);
  parent->kids[slot] = v;
  return true;
}

static rb_node *new_group(const char *name, const char *file, int line) {
  rb_node *g = calloc(1, sizeof *g);
  if (g == NULL) {
    return NULL;
  }
  g->type = RB_N_GROUP;
  g->file = file;
  g->line = line;
  if ((g->name = rb_strdup(name)) == NULL) {
    free(g);
    return NULL;
  }
  return g;
}

/* One set being applied: where its problems go. */
typedef struct set_ctx {
  rb_diag *diag;
  const char *set_file;
  int pos;         /* 1-based position on the command line */
  const char *key; /* the KEY of KEY=VALUE */
} set_ctx;

/* KEY=VALUE split: @p key a new string (blanks around it trimmed),
 * @p value into @p spec (leading blanks skipped). */
static rb_status split_spec(const char *spec, const set_ctx *sx, char **key,
                            const char **value) {
  const char *eq = strchr(spec, '=');
  const char *ks = spec;
  const char *ke = eq;
  if (eq != NULL) {
    while (ks < eq && (*ks == ' ' || *ks == '\t')) {
      ks++;
    }
    while (ke > ks && (ke[-1] == ' ' || ke[-1] == '\t')) {
      ke--;
    }
  }
  if (eq == NULL || ke == ks) {
    char got[512];
    rb_text_quote(got, sizeof got, spec, sizeof got - 4);
    rb_diag_add(sx->diag, sx->set_file, sx->pos, NULL,
                "expected KEY=VALUE (got %s)", got);
    return RB_EINVALID;
  }
  size_t klen = (size_t)(ke - ks);
  if ((*key = malloc(klen + 1)) == NULL) {
    return RB_ENOMEM;
  }
  memcpy(*key, ks, klen);
  (*key)[klen] = '\0';
  *value = eq + 1;
  while (**value == ' ' || **value == '\t') {
    (*value)++;
  }
  return RB_OK;
}

/* A plain number @p cur becomes the uncertain value { value = it; }, so
 * that its `low` and `high` can be set (`--set subsidy.cap.low=1500`). */
static rb_status promote(rb_node *cur) {
  rb_node *v = rb_node_dup(cur);
  if (v == NULL || !rename_node(v, "value")) {
    rb_node_free(v);
    return RB_ENOMEM;
  }
  cur->type = RB_N_GROUP;
  cur->ival = 0;
  cur->fval = 0.0;
  if (!rb_node_append(cur, v)) {
    rb_node_free(v);
    return RB_ENOMEM;
  }
  return RB_OK;
}

/* A member step: the slot of member @p comps[i] in group @p cur, added when
 * missing.  *done when the set is complete (the value was added) or
 * there is nothing to set. */
static rb_status member_step(rb_node *cur, const comp *comps, int i, int nc,
                             rb_node **v, int *slot, bool *done,
                             const set_ctx *sx) {
  bool last = i == nc - 1;
  bool number = cur->type == RB_N_INT || cur->type == RB_N_INT64 ||
                cur->type == RB_N_FLOAT;
  if (last && number && !cur->huge &&
      (strcmp(comps[i].name, "low") == 0 ||
       strcmp(comps[i].name, "high") == 0) &&
      promote(cur) != RB_OK) {
    return RB_ENOMEM;
  }
  if (cur->type != RB_N_GROUP) {
    rb_diag_add(sx->diag, sx->set_file, sx->pos, sx->key,
                "%s is not a group, it has no member %s",
                i == 0 ? "the top level" : comps[i - 1].name, comps[i].name);
    return RB_EINVALID;
  }
  *slot = -1;
  for (int k = 0; k < cur->n; k++) {
    if (strcmp(cur->kids[k]->name, comps[i].name) == 0) {
      *slot = k;
    }
  }
  if (*slot >= 0) {
    return RB_OK;
  }
  if (i == 0 && !last &&
      rb_enum_lookup(rb_top_words, RB_TOP_COUNT, comps[0].name) >= 0) {
    /* A top-level block the file lacks: the loader reports the missing
     * block against the file; creating it here would only move its
     * required keys' messages onto this --set.  A block the format does
     * not know is created, so that the loader refuses it as an unknown
     * key of this --set. */
    *done = true;
    return RB_OK;
  }
  rb_node *add;
  if (last) {
    if (!rename_node(*v, comps[i].name)) {
      return RB_ENOMEM;
    }
    add = *v;
  } else if (comps[i + 1].name != NULL) {
    add = new_group(comps[i].name, sx->set_file, sx->pos);
  } else {
    rb_diag_add(sx->diag, sx->set_file, sx->pos, sx->key,
                "no such setting: %s does not exist", comps[i].name);
    return RB_EINVALID;
  }
  if (add == NULL || !rb_node_append(cur, add)) {
    if (add != *v) {
      rb_node_free(add);
    }
    return RB_ENOMEM;
  }
  if (last) {
    *v = NULL;
    *done = true;
  }
  *slot = cur->n - 1;
  return RB_OK;
}

/* An index step: element @p comps[i].index of list or array @p cur. */
static rb_status index_step(const rb_node *cur, const comp *comps, int i,
                            int *slot, const set_ctx *sx) {
  if (cur->type != RB_N_LIST && cur->type != RB_N_ARRAY) {
    rb_diag_add(sx->diag, sx->set_file, sx->pos, sx->key,
                "[%d]: %s is not a list or an array", comps[i].index,
                i == 0                      ? "the top level"
                : comps[i - 1].name != NULL ? comps[i - 1].name
                                            : "the element");
    return RB_EINVALID;
  }
  if (comps[i].index >= cur->n) {
    rb_diag_add(sx->diag, sx->set_file, sx->pos, sx->key,
                "no such setting: [%d] is beyond the %d entries",
                comps[i].index, cur->n);
    return RB_EINVALID;
  }
  *slot = comps[i].index;
  return RB_OK;
}

/* The `name` of list element @p e, or NULL. */
static const char *entry_name(const rb_node *e) {
  const rb_node *n = e->type == RB_N_GROUP ? rb_node_get(e, "name") : NULL;
  return n != NULL && n->type == RB_N_STRING ? n->sval : NULL;
}

/* Edits between @p a and @p b (Levenshtein), up to 64 characters each;
 * beyond that, a large number. */
static int edits(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  if (na > 64 || nb > 64) {
    return 1000;
  }
  int row[65];
  for (size_t j = 0; j <= nb; j++) {
    row[j] = (int)j;
  }
  for (size_t i = 1; i <= na; i++) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= nb; j++) {
      int up = row[j];
      int best = diag + (a[i - 1] != b[j - 1]);
      best = up + 1 < best ? up + 1 : best;
      best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

/* Is @p have near @p want: a few edits away, or one begins with the
 * other? */
static bool near_name(const char *want, const char *have) {
  size_t nw = strlen(want), nh = strlen(have);
  size_t shorter = nw < nh ? nw : nh;
  if (shorter >= 3 && strncmp(want, have, shorter) == 0) {
    return true;
  }
  int limit = nw <= 4 ? 1 : nw <= 8 ? 2 : 3;
  return edits(want, have) <= limit;
}

/* A named step: the element of list @p cur whose `name` is
 * @p comps[i].name (`costs.shelter_110.per_day`); when none is, the
 * message lists the near names (or all of them). */
static rb_status named_step(const rb_node *cur, const comp *comps, int i,
                            int *slot, const set_ctx *sx) {
  for (int k = 0; k < cur->n; k++) {
    const char *nm = entry_name(cur->kids[k]);
    if (nm != NULL && strcmp(nm, comps[i].name) == 0) {
      *slot = k;
      return RB_OK;
    }
  }
  char names[600] = "";
  size_t used = 0;
  int shown_n = 0, pass = 0;
  for (; pass < 2 && shown_n == 0; pass++) {
    for (int k = 0; k < cur->n; k++) {
      const char *nm = entry_name(cur->kids[k]);
      if (nm == NULL || (pass == 0 && !near_name(comps[i].name, nm)) ||
          used + strlen(nm) + 8 >= sizeof names) {
        continue;
      }
      used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                               shown_n > 0 ? ", " : "", nm);
      shown_n++;
    }
  }
  const char *list =
      i > 0 && comps[i - 1].name != NULL ? comps[i - 1].name : "the list";
  char want[200];
  shown(want, sizeof want, comps[i].name);
  if (shown_n == 0) {
    rb_diag_add(sx->diag, sx->set_file, sx->pos, sx->key,
                "no such setting: %s has no entry named %s, and no entry "
                "has a name",
                list, want);
  } else {
    rb_diag_add(sx->diag, sx->set_file, sx->pos, sx->key,
                "no such setting: %s has no entry named %s (%s: %s)", list,
                want, pass == 1 ? "did you mean" : "its names are", names);
  }
  return RB_EINVALID;
}

/* Follows the path from @p root and sets its last component to *v (which
 * is taken, *v = NULL, when it ends in the tree). */
static rb_status walk(rb_node *root, const comp *comps, int nc, rb_node **v,
                      const set_ctx *sx) {
  rb_node *cur = root;
  for (int i = 0; i < nc; i++) {
    int slot = -1;
    bool done = false;
    rb_status st;
    if (comps[i].name == NULL) {
      st = index_step(cur, comps, i, &slot, sx);
    } else if (cur->type == RB_N_LIST) {
      st = named_step(cur, comps, i, &slot, sx);
    } else {
      st = member_step(cur, comps, i, nc, v, &slot, &done, sx);
    }
    if (st != RB_OK || done) {
      return st;
    }
    if (i == nc - 1) {
      if (!assign(cur, slot, *v)) {
        return RB_ENOMEM;
      }
      *v = NULL;
      return RB_OK;
    }
    cur = cur->kids[slot];
  }
  return RB_OK;
}

/* One set, the @p pos-th. */
static rb_status apply_one(rb_node *root, const char *spec, int pos,
                           const char *set_file, rb_diag *diag) {
  set_ctx sx = {diag, set_file, pos, NULL};
  char *key = NULL;
  const char *value = NULL;
  rb_status st = split_spec(spec, &sx, &key, &value);
  if (st != RB_OK) {
    return st;
  }
  sx.key = key;
  char *work = rb_strdup(key);
  rb_node *v = NULL;
  comp comps[64];
  int nc = work != NULL ? split_path(work, comps, 64) : 0;
  if (work == NULL) {
    st = RB_ENOMEM;
  } else if (nc <= 0) {
    char k[512];
    shown(k, sizeof k, key);
    rb_diag_add(diag, set_file, pos, k,
                "not a key path like subsidy.cap or groups.[0].size");
    st = RB_EINVALID;
  } else if ((st = parse_value(&v, value, set_file, pos)) == RB_EINVALID) {
    char got[512];
    shown(got, sizeof got, value);
    rb_diag_add(diag, set_file, pos, key,
                "cannot parse the value as a libconfig literal (got %s)", got);
  } else if (st == RB_OK) {
    st = walk(root, comps, nc, &v, &sx);
  }
  rb_node_free(v);
  free(key);
  free(work);
  return st;
}

rb_status rb_scenario_apply_sets(rb_node *root, const char *const *sets,
                                 int n_sets, const char *set_file,
                                 rb_diag *diag) {
  rb_status result = RB_OK;
  for (int i = 0; i < n_sets; i++) {
    rb_status st = apply_one(root, sets[i], i + 1, set_file, diag);
    if (st == RB_ENOMEM) {
      return st;
    }
    if (st != RB_OK) {
      result = st;
    }
  }
  return result;
}

rb_status rb_scenario_apply_set_at(rb_node *root, const char *spec,
                                   const char *file, int line, rb_diag *diag) {
  return apply_one(root, spec, line, file, diag);
}
