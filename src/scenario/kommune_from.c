/*
 * A kommune's local figures in one file (issue 18): the top-level block
 * `kommuner = { aarhus = { ... }; ... };` (each kommune's scenarios/<k>/
 * kommune.cfg, @included into it) holds them, and a group takes them with
 * `from = "aarhus.shelter_110";`: the members of that group of `kommuner`
 * are copied into it, where the `from` stood.  A group holding only
 * `from` becomes the setting it names, whatever that is
 * (`kommuneskat = { from = "aarhus.kommuneskat"; };`).  Done on the tree
 * right after it is read, before the overrides, so the scenario is the same
 * as if the figures were written in place; then `kommuner` is dropped.
 * The copies keep their file and line, so a problem with a figure points
 * at the kommune file, where it is changed.
 */
#include "scenario/scenario_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What resolving needs. */
typedef struct fctx {
  const rb_node *kommuner; /* NULL when the file has none */
  rb_diag *diag;
  int nerr;
  bool oom;
} fctx;

/* The names of @p g's members, for a message. */
static void member_names(char *buf, size_t size, const rb_node *g) {
  size_t o = 0;
  buf[0] = '\0';
  for (int i = 0; g != NULL && i < g->n && o + 4 < size; i++) {
    int k = snprintf(buf + o, size - o, "%s%s", i > 0 ? ", " : "",
                     g->kids[i]->name != NULL ? g->kids[i]->name : "?");
    o += k > 0 ? (size_t)k : 0;
  }
  if (o >= size) {
    snprintf(buf + size - 4, 4, "...");
  }
}

/* The setting @p path ("aarhus.shelter_110") names in `kommuner`, or NULL
 * with the problem reported at @p at. */
static const rb_node *target(fctx *x, const rb_node *at, const char *key,
                             const char *path) {
  if (x->kommuner == NULL) {
    rb_diag_add(x->diag, at->file, at->line, key,
                "there is no `kommuner` block to take it from; add "
                "kommuner = { @include \"kommune.cfg\" }; at the top level "
                "(got \"%s\")",
                path);
    x->nerr++;
    return NULL;
  }
  const rb_node *cur = x->kommuner;
  char *copy = rb_strdup(path);
  if (copy == NULL) {
    x->oom = true;
    return NULL;
  }
  char *save = NULL;
  for (char *part = strtok_r(copy, ".", &save); part != NULL && cur != NULL;
       part = strtok_r(NULL, ".", &save)) {
    const rb_node *next = rb_node_get(cur, part);
    if (next == NULL) {
      char names[400];
      member_names(names, sizeof names, cur);
      rb_diag_add(x->diag, at->file, at->line, key,
                  "no such setting in kommuner: %s has no %s (it has: %s; got "
                  "\"%s\")",
                  cur == x->kommuner ? "kommuner" : cur->name, part, names,
                  path);
      x->nerr++;
    }
    cur = next;
  }
  free(copy);
  return cur;
}

/* @p g, the child of @p parent at @p gslot, replaced by a copy of @p t
 * under @p g's name. */
static void replace_by(fctx *x, rb_node *parent, int gslot, rb_node *g,
                       const rb_node *t) {
  rb_node *d = rb_node_dup(t);
  char *name = g->name != NULL ? rb_strdup(g->name) : NULL;
  if (d == NULL || (g->name != NULL && name == NULL)) {
    rb_node_free(d);
    free(name);
    x->oom = true;
    return;
  }
  free(d->name);
  d->name = name;
  parent->kids[gslot] = d;
  rb_node_free(g);
}

/* The members of group @p t copied into @p g where its `from` (at
 * @p slot) stood. */
static void merge(fctx *x, rb_node *g, int slot, const rb_node *t,
                  const char *key) {
  const rb_node *from = g->kids[slot];
  for (int i = 0; i < t->n; i++) {
    const char *nm = t->kids[i]->name;
    if (nm != NULL && rb_node_get(g, nm) != NULL) {
      rb_diag_add(x->diag, from->file, from->line, key,
                  "%s is given here and in %s.%s; keep one", nm, from->sval,
                  nm);
      x->nerr++;
      return;
    }
  }
  int nn = g->n - 1 + t->n, o = 0;
  rb_node **kids = calloc((size_t)(nn > 0 ? nn : 1), sizeof *kids);
  if (kids == NULL) {
    x->oom = true;
    return;
  }
  for (int i = 0; i < slot; i++) {
    kids[o++] = g->kids[i];
  }
  for (int i = 0; i < t->n; i++) {
    if ((kids[o++] = rb_node_dup(t->kids[i])) == NULL) {
      for (int k = slot; k < o - 1; k++) {
        rb_node_free(kids[k]);
      }
      free(kids);
      x->oom = true;
      return;
    }
  }
  for (int i = slot + 1; i < g->n; i++) {
    kids[o++] = g->kids[i];
  }
  rb_node_free(g->kids[slot]);
  free(g->kids);
  g->kids = kids;
  g->n = g->cap = nn;
}

/* Group @p g's `from` at @p slot replaced by the members it names; when
 * @p g has nothing else, @p g itself (the child of @p parent at
 * @p gslot) replaced by a copy of the setting. */
static void take_from(fctx *x, rb_node *parent, int gslot, rb_node *g, int slot,
                      const char *key) {
  rb_node *from = g->kids[slot];
  if (from->type != RB_N_STRING) {
    rb_diag_add(x->diag, from->file, from->line, key,
                "expected the path of a setting in kommuner, such as "
                "\"aarhus.shelter_110\"");
    x->nerr++;
    return;
  }
  const rb_node *t = target(x, from, key, from->sval);
  if (t == NULL) {
    return;
  }
  if (g->n == 1 && parent != NULL) {
    replace_by(x, parent, gslot, g, t);
  } else if (t->type != RB_N_GROUP) {
    rb_diag_add(x->diag, from->file, from->line, key,
                "%s is a single value: take it alone, as "
                "KEY = { from = \"%s\"; }; (got \"%s\")",
                from->sval, from->sval, from->sval);
    x->nerr++;
  } else {
    merge(x, g, slot, t, key);
  }
}

/* Every `from` under @p n (the child of @p parent at @p slot; both NULL
 * for the top), @p key its path for messages. */
static void walk(fctx *x, rb_node *parent, int slot, rb_node *n,
                 const char *key, int depth) {
  if (depth > 64) {
    rb_diag_add(x->diag, n->file, n->line, key,
                "nested too deep: does a `from` take itself?");
    x->nerr++;
    return;
  }
  if (n->type == RB_N_GROUP) {
    rb_node *f = rb_node_get(n, "from");
    if (f != NULL) {
      char *fk = rb_strfmt("%s%sfrom", key, key[0] != '\0' ? "." : "");
      int fs = 0;
      while (n->kids[fs] != f) {
        fs++;
      }
      if (fk == NULL) {
        x->oom = true;
        return;
      }
      int before = x->nerr;
      take_from(x, parent, slot, n, fs, fk);
      free(fk);
      if (x->nerr > before && fs < n->n && n->kids[fs] == f) {
        /* refused: dropped, so that it is not also an unknown key */
        memmove(&n->kids[fs], &n->kids[fs + 1],
                (size_t)(n->n - fs - 1) * sizeof *n->kids);
        n->n--;
        rb_node_free(f);
      }
      if (parent != NULL && parent->kids[slot] != n) {
        return; /* n was replaced by a copy: nothing more in it */
      }
    }
  }
  if (n->type != RB_N_GROUP && n->type != RB_N_LIST) {
    return;
  }
  for (int i = 0; i < n->n && !x->oom; i++) {
    rb_node *k = n->kids[i];
    if (parent == NULL && k->name != NULL && strcmp(k->name, "kommuner") == 0) {
      continue;
    }
    char *sub = k->name != NULL ? rb_strfmt("%s%s%s", key,
                                            key[0] != '\0' ? "." : "", k->name)
                                : rb_strfmt("%s.[%d]", key, i);
    if (sub == NULL) {
      x->oom = true;
      return;
    }
    walk(x, n, i, k, sub, depth + 1);
    free(sub);
  }
}

rb_status rb_scenario_resolve_from(rb_node *root, rb_diag *diag) {
  fctx x = {NULL, diag, 0, false};
  int ks = -1;
  for (int i = 0; i < root->n; i++) {
    if (root->kids[i]->name != NULL &&
        strcmp(root->kids[i]->name, "kommuner") == 0) {
      ks = i;
    }
  }
  if (ks >= 0 && root->kids[ks]->type != RB_N_GROUP) {
    rb_diag_add(diag, root->kids[ks]->file, root->kids[ks]->line, "kommuner",
                "expected a group of kommuner, each a group of its figures");
    return RB_EINVALID;
  }
  x.kommuner = ks >= 0 ? root->kids[ks] : NULL;
  walk(&x, NULL, 0, root, "", 0);
  if (ks >= 0 && !x.oom) {
    rb_node_free(root->kids[ks]);
    memmove(&root->kids[ks], &root->kids[ks + 1],
            (size_t)(root->n - ks - 1) * sizeof *root->kids);
    root->n--;
  }
  return x.oom ? RB_ENOMEM : x.nerr > 0 ? RB_EINVALID : RB_OK;
}
