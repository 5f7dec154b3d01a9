/*
 * `--set KEY=VALUE` overrides (outputs.md), applied to the scenario's tree
 * before it is converted and validated, so a set value is checked exactly
 * like one written in the file.  KEY is a libconfig path
 * (`groups.[0].size`); VALUE a libconfig literal, a bare word being a
 * string.  Setting an uncertain value sets its `value` and widens `low` and
 * `high` when needed.
 */
#include "scenario/scenario_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* One set; @return 1 when a problem was reported, 0 on success, −1 OOM. */
static int apply_one(rb_node *root, const char *spec, int pos,
                     const char *set_file, rb_diag *diag) {
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
    rb_diag_add(diag, set_file, pos, NULL, "expected KEY=VALUE (got \"%s\")",
                spec);
    return 1;
  }
  size_t klen = (size_t)(ke - ks);
  const char *kstart = ks;
  char *key = malloc(klen + 1);
  char *work = malloc(klen + 1);
  if (key == NULL || work == NULL) {
    free(key);
    free(work);
    return -1;
  }
  memcpy(key, kstart, klen);
  key[klen] = '\0';
  memcpy(work, key, klen + 1);
  const char *value = eq + 1;
  while (*value == ' ' || *value == '\t') {
    value++;
  }
  int result = 1;
  rb_node *v = NULL;
  comp comps[64];
  int nc = split_path(work, comps, 64);
  if (nc <= 0) {
    rb_diag_add(diag, set_file, pos, key,
                "not a key path like subsidy.cap or groups.[0].size");
    goto done;
  }
  rb_status st = parse_value(&v, value, set_file, pos);
  if (st == RB_ENOMEM) {
    result = -1;
    goto done;
  }
  if (st != RB_OK) {
    rb_diag_add(diag, set_file, pos, key,
                "cannot parse the value as a libconfig literal (got %s)",
                value);
    goto done;
  }
  rb_node *cur = root;
  for (int i = 0; i < nc; i++) {
    bool last = i == nc - 1;
    int slot = -1;
    if (comps[i].name != NULL) {
      if (cur->type != RB_N_GROUP) {
        rb_diag_add(
            diag, set_file, pos, key, "%s is not a group, it has no member %s",
            i == 0 ? "the top level" : comps[i - 1].name, comps[i].name);
        goto done;
      }
      for (int k = 0; k < cur->n; k++) {
        if (strcmp(cur->kids[k]->name, comps[i].name) == 0) {
          slot = k;
        }
      }
      if (slot < 0 && i == 0 && !last) {
        /* A top-level block the file lacks: the loader reports the missing
         * block against the file; creating it here would only move its
         * required keys' messages onto this --set. */
        result = 0;
        goto done;
      }
      if (slot < 0) {
        rb_node *add;
        if (last) {
          if (!rename_node(v, comps[i].name)) {
            result = -1;
            goto done;
          }
          add = v;
        } else if (comps[i + 1].name != NULL) {
          add = new_group(comps[i].name, set_file, pos);
        } else {
          rb_diag_add(diag, set_file, pos, key,
                      "no such setting: %s does not exist", comps[i].name);
          goto done;
        }
        if (add == NULL || !rb_node_append(cur, add)) {
          if (add != v) {
            rb_node_free(add);
          }
          result = -1;
          goto done;
        }
        if (last) {
          v = NULL;
          result = 0;
          goto done;
        }
        slot = cur->n - 1;
      }
    } else {
      if (cur->type != RB_N_LIST && cur->type != RB_N_ARRAY) {
        rb_diag_add(diag, set_file, pos, key,
                    "[%d]: %s is not a list or an array", comps[i].index,
                    i == 0                      ? "the top level"
                    : comps[i - 1].name != NULL ? comps[i - 1].name
                                                : "the element");
        goto done;
      }
      if (comps[i].index >= cur->n) {
        rb_diag_add(diag, set_file, pos, key,
                    "no such setting: [%d] is beyond the %d entries",
                    comps[i].index, cur->n);
        goto done;
      }
      slot = comps[i].index;
    }
    if (last) {
      if (!assign(cur, slot, v)) {
        result = -1;
        goto done;
      }
      v = NULL;
      result = 0;
      goto done;
    }
    cur = cur->kids[slot];
  }
done:
  rb_node_free(v);
  free(key);
  free(work);
  return result;
}

int rb_scenario_apply_sets(rb_node *root, const char *const *sets, int n_sets,
                           const char *set_file, rb_diag *diag) {
  int problems = 0;
  for (int i = 0; i < n_sets; i++) {
    int r = apply_one(root, sets[i], i + 1, set_file, diag);
    if (r < 0) {
      return -1;
    }
    problems += r;
  }
  return problems;
}
