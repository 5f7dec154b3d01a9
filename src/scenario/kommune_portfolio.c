/*
 * `rentbridge new KOMMUNE --portfolio scenarios/network.cfg` (issue 18): the
 * new kommune's entry in a portfolio written the way network.cfg is: its
 * kommune.cfg in the `kommuner` block, a copy of each of LIKE's own cost
 * items (one with `from = "LIKE.…"`) for the new kommune's groups, the new
 * groups added beside LIKE's in every other item's `when.groups`, and a copy
 * of each of LIKE's groups that the new kommune has.  Line by line: the
 * rest of the file stays as it is.
 */
#include "base/file.h"
#include "config/cfgtree.h"
#include "rentbridge/kommune.h"
#include "scenario/kommune_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What editing the portfolio needs. */
typedef struct pf {
  const rb_kommune_new *k;
  const char *groups;           /* the new kommune's, "a,b" */
  const char *have;             /* LIKE's, "a,b,c" */
  char like_id[64], new_id[64]; /* as in group names: - as _ */
  char like_name[200], name[200];
  FILE *out;
  bool oom;
} pf;

/* Is "P_G" (P = @p prefix) a group name with G in @p list?  Then G's
 * length into *g_len. */
static bool of_kommune(const char *nm, size_t n, const char *prefix,
                       const char *list) {
  size_t p = strlen(prefix);
  if (n <= p + 1 || strncmp(nm, prefix, p) != 0 || nm[p] != '_') {
    return false;
  }
  char g[100];
  snprintf(g, sizeof g, "%.*s", (int)(n - p - 1), nm + p + 1);
  return rb_kn_in_list(list, g);
}

/* Each `groups = [...]` of @p block rewritten on one line: in a copy of
 * LIKE's item (@p copy), LIKE's groups become the new kommune's that it
 * has; elsewhere the new kommune's are added after LIKE's.
 * @return the new block (NULL: out of memory), *empty when a copy has no
 * group left. */
static char *fix_arrays(pf *x, const char *block, bool copy, bool *empty) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  if (f == NULL) {
    return NULL;
  }
  *empty = false;
  const char *s = block;
  for (const char *at; (at = strstr(s, "groups = [")) != NULL;) {
    const char *end = strchr(at, ']');
    if (end == NULL) {
      break;
    }
    bool touched = copy;
    for (const char *q = strchr(at, '"'); !touched && q != NULL && q < end;
         q = strchr(strchr(q + 1, '"') + 1, '"')) {
      touched = of_kommune(q + 1, (size_t)(strchr(q + 1, '"') - q - 1),
                           x->like_id, x->groups);
    }
    if (!touched) { /* as it is, with its line breaks */
      fwrite(s, 1, (size_t)(end + 1 - s), f);
      s = end + 1;
      continue;
    }
    fwrite(s, 1, (size_t)(at - s) + strlen("groups = ["), f);
    int kept = 0;
    for (const char *q = strchr(at, '"'); q != NULL && q < end;
         q = strchr(strchr(q + 1, '"') + 1, '"')) {
      const char *e = strchr(q + 1, '"');
      size_t n = (size_t)(e - q - 1);
      bool like = of_kommune(q + 1, n, x->like_id, x->groups);
      if (!copy || like) {
        fprintf(f, "%s\"%s%.*s\"", kept++ > 0 ? ", " : "",
                copy ? x->new_id : "",
                copy ? (int)(n - strlen(x->like_id)) : (int)n,
                copy ? q + 1 + strlen(x->like_id) : q + 1);
      }
      if (!copy && like) {
        fprintf(f, ", \"%s%.*s\"", x->new_id, (int)(n - strlen(x->like_id)),
                q + 1 + strlen(x->like_id));
      }
    }
    *empty = *empty || (copy && kept == 0);
    fputc(']', f);
    s = end + 1;
  }
  fputs(s, f);
  fclose(f);
  return out;
}

/* A copy of LIKE's block for the new kommune: names, labels and `from`. */
static char *copy_block(pf *x, const char *block) {
  char pairs[5][2][300];
  snprintf(pairs[0][0], 300, "from = \"%s.", x->k->like);
  snprintf(pairs[0][1], 300, "from = \"%s.", x->k->id);
  snprintf(pairs[1][0], 300, "_%s\";", x->like_id);
  snprintf(pairs[1][1], 300, "_%s\";", x->new_id);
  snprintf(pairs[2][0], 300, "name = \"%s_", x->like_id);
  snprintf(pairs[2][1], 300, "name = \"%s_", x->new_id);
  snprintf(pairs[3][0], 300, "\"%s: ", x->like_name);
  snprintf(pairs[3][1], 300, "\"%s: ", x->name);
  snprintf(pairs[4][0], 300, "# as in %s/", x->k->like);
  snprintf(pairs[4][1], 300, "# as in %s/", x->k->id);
  char *cur = rb_strdup(block);
  for (int i = 0; i < 5 && cur != NULL; i++) {
    char *next = rb_kn_replace_all(cur, pairs[i][0], pairs[i][1]);
    free(cur);
    cur = next;
  }
  return cur;
}

/* @p block ending in "  }" or "  },": written, then its copy when
 * @p copy, with a comma between the two. */
static void emit(pf *x, const char *block, bool copy) {
  size_t n = strlen(block);
  bool comma = n >= 2 && block[n - 2] == ',';
  if (!copy) {
    fputs(block, x->out);
    return;
  }
  char *c = copy_block(x, block);
  bool empty = false;
  char *fixed = c != NULL ? fix_arrays(x, c, true, &empty) : NULL;
  if (fixed == NULL) {
    x->oom = true;
  } else if (empty) {
    fputs(block, x->out); /* the new kommune has none of its groups */
  } else {
    fprintf(x->out, "%.*s,\n", (int)(n - 1 - comma), block);
    fputs(fixed, x->out);
  }
  free(c);
  free(fixed);
}

/* A block of the costs or groups list, at its end. */
static void block_done(pf *x, const char *block, bool in_groups) {
  char like_from[100], name[200];
  snprintf(like_from, sizeof like_from, "from = \"%s.", x->k->like);
  if (!in_groups && strstr(block, like_from) != NULL) {
    emit(x, block, true);
    return;
  }
  if (in_groups) {
    const char *nm = strstr(block, "name = \"");
    const char *e = nm != NULL ? strchr(nm + 8, '"') : NULL;
    snprintf(name, sizeof name, "%.*s", e != NULL ? (int)(e - nm - 8) : 0,
             nm != NULL ? nm + 8 : "");
    emit(x, block, of_kommune(name, strlen(name), x->like_id, x->groups));
    return;
  }
  bool empty;
  char *fixed = fix_arrays(x, block, false, &empty);
  if (fixed == NULL) {
    x->oom = true;
    return;
  }
  fputs(fixed, x->out);
  free(fixed);
}

/* Where a line puts the editor. */
enum { SEC_NONE, SEC_COSTS, SEC_GROUPS, SEC_KOMMUNER, SEC_ARMS };

/* A block being collected: a growing text. */
typedef struct blk {
  char *s;
  size_t n, cap;
  bool open;
} blk;

static void blk_add(pf *x, blk *b, const char *l) {
  size_t m = strlen(l);
  if (b->n + m + 2 > b->cap) {
    size_t cap = (b->n + m + 2) * 2;
    char *s = realloc(b->s, cap);
    if (s == NULL) {
      x->oom = true;
      return;
    }
    b->s = s;
    b->cap = cap;
  }
  memcpy(b->s + b->n, l, m);
  b->n += m;
  b->s[b->n++] = '\n';
  b->s[b->n] = '\0';
}

/* The arms list (issue 11), collected whole: an arm's `groups` that lists
 * LIKE's groups gets the new kommune's beside them, so that the new groups
 * have the same comparison arms as LIKE's. */
static void arms_line(pf *x, const char *l, int *sec, blk *b) {
  if (strcmp(l, ");") != 0) {
    blk_add(x, b, l);
    return;
  }
  bool empty;
  char *fixed = b->n > 0 ? fix_arrays(x, b->s, false, &empty) : NULL;
  if (b->n > 0 && fixed == NULL) {
    x->oom = true;
    return;
  }
  fputs(fixed != NULL ? fixed : "", x->out);
  free(fixed);
  b->n = 0;
  fprintf(x->out, "%s\n", l);
  *sec = SEC_NONE;
}

/* One line of the portfolio. */
static void line(pf *x, const char *l, int *sec, blk *b) {
  if (*sec == SEC_ARMS) {
    arms_line(x, l, sec, b);
    return;
  }
  if (b->open) {
    blk_add(x, b, l);
    if (strncmp(l, "  }", 3) == 0 && !x->oom) {
      block_done(x, b->s, *sec == SEC_GROUPS);
      b->n = 0;
      b->open = false;
    }
    return;
  }
  if ((*sec == SEC_COSTS || *sec == SEC_GROUPS) &&
      strncmp(l, "  { name = \"", 12) == 0) {
    blk_add(x, b, l);
    b->open = true;
    return;
  }
  if (*sec == SEC_KOMMUNER && strcmp(l, "};") == 0) {
    fprintf(x->out, "@include \"%s/kommune.cfg\"\n", x->k->id);
  }
  *sec = strcmp(l, "kommuner = {") == 0                 ? SEC_KOMMUNER
         : strcmp(l, "costs = (") == 0                  ? SEC_COSTS
         : strcmp(l, "groups = (") == 0                 ? SEC_GROUPS
         : strcmp(l, "arms = (") == 0                   ? SEC_ARMS
         : strcmp(l, ");") == 0 || strcmp(l, "};") == 0 ? SEC_NONE
                                                        : *sec;
  fprintf(x->out, "%s\n", l);
}

/* The edited text of @p text, or NULL when out of memory. */
static char *edit(pf *x, const char *text) {
  char *out = NULL;
  size_t len = 0;
  x->out = open_memstream(&out, &len);
  if (x->out == NULL) {
    return NULL;
  }
  int sec = SEC_NONE;
  blk b = {NULL, 0, 0, false};
  for (const char *s = text; *s != '\0' && !x->oom;) {
    size_t n = strcspn(s, "\n");
    char *l = strndup(s, n);
    if (l == NULL) {
      x->oom = true;
      break;
    }
    line(x, l, &sec, &b);
    free(l);
    s += n + (s[n] == '\n');
  }
  if (b.n > 0) {
    fputs(b.s, x->out);
  }
  free(b.s);
  fclose(x->out);
  if (x->oom) {
    free(out);
    return NULL;
  }
  return out;
}

rb_status rb_kn_portfolio_add(const rb_kommune_new *k, const char *portfolio,
                              const char *groups, const char *like_name,
                              const char *name, rb_diag *diag) {
  char *text = rb_file_slurp(portfolio, NULL, 16u << 20);
  char inc[300], like_inc[300];
  snprintf(inc, sizeof inc, "@include \"%s/kommune.cfg\"", k->id);
  snprintf(like_inc, sizeof like_inc, "@include \"%s/kommune.cfg\"", k->like);
  if (text == NULL || strstr(text, "\nkommuner = {\n") == NULL ||
      strstr(text, like_inc) == NULL || strstr(text, inc) != NULL) {
    rb_diag_add(diag, portfolio, 0, "--portfolio", "%s",
                text == NULL ? "cannot be read"
                : strstr(text, inc) != NULL
                    ? "already holds the kommune"
                    : "not a portfolio written like network.cfg, with "
                      "a kommuner block that includes the --like "
                      "kommune's kommune.cfg");
    free(text);
    return text == NULL ? RB_EIO : RB_EINVALID;
  }
  pf x = {.k = k, .groups = groups};
  snprintf(x.like_name, sizeof x.like_name, "%s", like_name);
  snprintf(x.name, sizeof x.name, "%s", name);
  snprintf(x.like_id, sizeof x.like_id, "%s", k->like);
  snprintf(x.new_id, sizeof x.new_id, "%s", k->id);
  for (char *c = x.like_id; *c != '\0'; c++) {
    *c = *c == '-' ? '_' : *c;
  }
  for (char *c = x.new_id; *c != '\0'; c++) {
    *c = *c == '-' ? '_' : *c;
  }
  char *out = edit(&x, text);
  free(text);
  if (out == NULL) {
    return RB_ENOMEM;
  }
  rb_status st = rb_kn_put_atomic(portfolio, out);
  free(out);
  if (st != RB_OK) {
    rb_diag_add(diag, portfolio, 0, "--portfolio", "cannot be written");
  }
  return st;
}
