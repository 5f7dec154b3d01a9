/* Internal: libconfig files read into a plain tree (see cfgtree.h). */
#include "config/cfgtree.h"
#include "base/file.h"
#include "config/cfglit.h"

#include <assert.h>
#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *rb_strdup(const char *s) {
  if (s == NULL) {
    return NULL;
  }
  size_t len = strlen(s) + 1;
  char *d = malloc(len);
  if (d != NULL) {
    memcpy(d, s, len);
  }
  return d;
}

char *rb_strfmt(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int len = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (len < 0) {
    return NULL;
  }
  char *s = malloc((size_t)len + 1);
  if (s == NULL) {
    return NULL;
  }
  va_start(ap, fmt);
  vsnprintf(s, (size_t)len + 1, fmt, ap);
  va_end(ap);
  return s;
}

char *rb_path_dir(const char *path) {
  const char *s = strrchr(path, '/');
  if (s == NULL) {
    return rb_strdup(".");
  }
  if (s == path) {
    return rb_strdup("/");
  }
  size_t len = (size_t)(s - path);
  char *d = malloc(len + 1);
  if (d != NULL) {
    memcpy(d, path, len);
    d[len] = '\0';
  }
  return d;
}

const char *rb_names_intern(rb_names *files, const char *name) {
  for (int i = 0; i < files->n; i++) {
    if (strcmp(files->names[i], name) == 0) {
      return files->names[i];
    }
  }
  char **names = realloc(files->names, (size_t)(files->n + 1) * sizeof *names);
  if (names == NULL) {
    return NULL;
  }
  files->names = names;
  char *copy = rb_strdup(name);
  if (copy == NULL) {
    return NULL;
  }
  files->names[files->n++] = copy;
  return copy;
}

void rb_node_free(rb_node *n) {
  if (n == NULL) {
    return;
  }
  for (int i = 0; i < n->n; i++) {
    rb_node_free(n->kids[i]);
  }
  free(n->kids);
  free(n->name);
  free(n->sval);
  free(n);
}

bool rb_node_append(rb_node *parent, rb_node *kid) {
  if (parent->n == parent->cap) {
    int cap = parent->cap ? 2 * parent->cap : 4;
    rb_node **k = realloc(parent->kids, (size_t)cap * sizeof *k);
    if (k == NULL) {
      return false;
    }
    parent->kids = k;
    parent->cap = cap;
  }
  parent->kids[parent->n++] = kid;
  return true;
}

rb_node *rb_node_dup(const rb_node *n) {
  rb_node *d = calloc(1, sizeof *d);
  if (d == NULL) {
    return NULL;
  }
  *d = *n;
  d->name = NULL;
  d->sval = NULL;
  d->kids = NULL;
  d->n = 0;
  d->cap = 0;
  if ((n->name != NULL && (d->name = rb_strdup(n->name)) == NULL) ||
      (n->sval != NULL && (d->sval = rb_strdup(n->sval)) == NULL)) {
    rb_node_free(d);
    return NULL;
  }
  for (int i = 0; i < n->n; i++) {
    rb_node *k = rb_node_dup(n->kids[i]);
    if (k == NULL || !rb_node_append(d, k)) {
      rb_node_free(k);
      rb_node_free(d);
      return NULL;
    }
  }
  return d;
}

rb_node *rb_node_get(const rb_node *g, const char *name) {
  if (g == NULL || g->type != RB_N_GROUP) {
    return NULL;
  }
  for (int i = 0; i < g->n; i++) {
    if (g->kids[i]->name != NULL && strcmp(g->kids[i]->name, name) == 0) {
      return g->kids[i];
    }
  }
  return NULL;
}

bool rb_node_is_number(const rb_node *n) {
  return n != NULL && (n->type == RB_N_INT || n->type == RB_N_INT64 ||
                       n->type == RB_N_FLOAT);
}

double rb_node_number(const rb_node *n) {
  assert(rb_node_is_number(n));
  if (n->type == RB_N_FLOAT || n->huge) {
    return n->fval;
  }
  return (double)n->ival;
}

void rb_fmt_double(char *buf, size_t size, double x) {
  if (!isfinite(x)) {
    snprintf(buf, size, "%s", isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf"));
    return;
  }
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(buf, size, "%.*g", prec, x);
    if (strtod(buf, NULL) == x) {
      break;
    }
  }
  if (strpbrk(buf, ".eEn") == NULL) {
    size_t len = strlen(buf);
    if (len + 2 < size) {
      memcpy(buf + len, ".0", 3);
    }
  }
}

void rb_node_describe(char *buf, size_t size, const rb_node *n) {
  switch (n->type) {
  case RB_N_GROUP:
    snprintf(buf, size, "a group");
    break;
  case RB_N_ARRAY:
    snprintf(buf, size, "an array");
    break;
  case RB_N_LIST:
    snprintf(buf, size, "a list");
    break;
  case RB_N_INT:
  case RB_N_INT64:
    if (n->huge) {
      snprintf(buf, size, "%s", n->sval);
    } else {
      snprintf(buf, size, "%lld%s", n->ival, n->type == RB_N_INT64 ? "L" : "");
    }
    break;
  case RB_N_FLOAT:
    rb_fmt_double(buf, size, n->fval);
    break;
  case RB_N_BOOL:
    snprintf(buf, size, "%s", n->bval ? "true" : "false");
    break;
  case RB_N_STRING:
    rb_text_quote(buf, size, n->sval, 40);
    break;
  }
}

/* A tree's conversion: where its nodes' file names go, and the integer
 * literals of each file it was read from (the top text's, and each
 * included file's, scanned when its first setting comes). */
typedef struct lit_file {
  char *name; /* as libconfig names it */
  rb_lits lits;
} lit_file;

typedef struct conv {
  const char *top, *include_dir;
  rb_names *files;
  rb_lits top_lits;
  lit_file *inc;
  int n_inc;
} conv;

static void conv_free(conv *cv) {
  rb_lits_free(&cv->top_lits);
  for (int i = 0; i < cv->n_inc; i++) {
    free(cv->inc[i].name);
    rb_lits_free(&cv->inc[i].lits);
  }
  free(cv->inc);
}

/* The literals of the file libconfig names @p file (NULL: the top text);
 * NULL when out of memory. */
static rb_lits *lits_of(conv *cv, const char *file) {
  if (file == NULL || strcmp(file, cv->top) == 0) {
    return &cv->top_lits;
  }
  for (int i = 0; i < cv->n_inc; i++) {
    if (strcmp(cv->inc[i].name, file) == 0) {
      return &cv->inc[i].lits;
    }
  }
  lit_file *inc = realloc(cv->inc, (size_t)(cv->n_inc + 1) * sizeof *inc);
  if (inc == NULL) {
    return NULL;
  }
  cv->inc = inc;
  lit_file *f = &inc[cv->n_inc];
  memset(f, 0, sizeof *f);
  char *real = cv->include_dir != NULL
                   ? rb_strfmt("%s/%s", cv->include_dir, file)
                   : rb_strdup(file);
  if ((f->name = rb_strdup(file)) == NULL || real == NULL) {
    free(f->name);
    free(real);
    return NULL;
  }
  cv->n_inc++;
  size_t len = 0;
  char *text = rb_file_slurp(real, &len, 0);
  free(real);
  bool ok = text == NULL || rb_lits_scan(&f->lits, text, len);
  free(text);
  return ok ? &f->lits : NULL;
}

/* An integer setting takes the exact value of its literal; one beyond 64
 * bits is marked huge.  @return false when out of memory. */
static bool exact_int(conv *cv, rb_node *n, const char *file) {
  rb_lits *l = lits_of(cv, file);
  if (l == NULL) {
    return false;
  }
  const rb_lit *lit = rb_lits_match(l, n->line, n->ival);
  if (lit == NULL) {
    return true; /* left as libconfig read it */
  }
  n->ival = lit->exact;
  if (lit->huge) {
    n->huge = true;
    n->fval = lit->approx;
    return (n->sval = rb_strdup(lit->text)) != NULL;
  }
  return true;
}

/* The name of the file setting @p s comes from, interned. */
static const char *source_file(conv *cv, const config_setting_t *s) {
  const char *file = config_setting_source_file(s);
  if (file == NULL || strcmp(file, cv->top) == 0) {
    return rb_names_intern(cv->files, cv->top);
  }
  if (cv->include_dir == NULL) {
    return rb_names_intern(cv->files, file);
  }
  char *real = rb_strfmt("%s/%s", cv->include_dir, file);
  if (real == NULL) {
    return NULL;
  }
  const char *name = rb_names_intern(cv->files, real);
  free(real);
  return name;
}

/* A scalar setting's value into @p n.  @return false when out of memory. */
static bool convert_scalar(conv *cv, rb_node *n, const config_setting_t *s) {
  switch (config_setting_type(s)) {
  case CONFIG_TYPE_INT:
    n->type = RB_N_INT;
    n->ival = config_setting_get_int(s);
    return exact_int(cv, n, config_setting_source_file(s));
  case CONFIG_TYPE_INT64:
    n->type = RB_N_INT64;
    n->ival = config_setting_get_int64(s);
    return exact_int(cv, n, config_setting_source_file(s));
  case CONFIG_TYPE_FLOAT:
    n->type = RB_N_FLOAT;
    n->fval = config_setting_get_float(s);
    return true;
  case CONFIG_TYPE_BOOL:
    n->type = RB_N_BOOL;
    n->bval = config_setting_get_bool(s) != 0;
    return true;
  default: {
    n->type = RB_N_STRING;
    const char *v = config_setting_get_string(s);
    return (n->sval = rb_strdup(v != NULL ? v : "")) != NULL;
  }
  }
}

/* Converts one libconfig setting (and its children). */
static rb_node *convert(conv *cv, const config_setting_t *s) {
  rb_node *n = calloc(1, sizeof *n);
  if (n == NULL) {
    return NULL;
  }
  const char *name = config_setting_name(s);
  if (name != NULL && (n->name = rb_strdup(name)) == NULL) {
    goto fail;
  }
  n->line = (int)config_setting_source_line(s);
  if ((n->file = source_file(cv, s)) == NULL) {
    goto fail;
  }
  int t = config_setting_type(s);
  if (t != CONFIG_TYPE_GROUP && t != CONFIG_TYPE_ARRAY &&
      t != CONFIG_TYPE_LIST) {
    if (!convert_scalar(cv, n, s)) {
      goto fail;
    }
    return n;
  }
  n->type = t == CONFIG_TYPE_GROUP   ? RB_N_GROUP
            : t == CONFIG_TYPE_ARRAY ? RB_N_ARRAY
                                     : RB_N_LIST;
  int len = config_setting_length(s);
  for (int i = 0; i < len; i++) {
    rb_node *k = convert(cv, config_setting_get_elem(s, (unsigned)i));
    if (k == NULL || !rb_node_append(n, k)) {
      rb_node_free(k);
      goto fail;
    }
  }
  return n;
fail:
  rb_node_free(n);
  return NULL;
}

/* Gives nodes (recursively) the same file and line. */
static void relocate(rb_node *n, const char *file, int line) {
  n->file = file;
  n->line = line;
  for (int i = 0; i < n->n; i++) {
    relocate(n->kids[i], file, line);
  }
}

/* libconfig's error, reported as it reports it: FILE:LINE: text, an
 * included file named through @p include_dir. */
static rb_status parse_error(config_t *cfg, const char *path,
                             const char *include_dir, rb_diag *diag) {
  if (config_error_type(cfg) == CONFIG_ERR_FILE_IO) {
    rb_diag_add(diag, path, 0, NULL, "cannot read: %s", config_error_text(cfg));
    return RB_EIO;
  }
  const char *file = config_error_file(cfg);
  char *real = NULL;
  if (file == NULL) {
    file = path;
  } else if (strcmp(file, path) != 0 && include_dir != NULL) {
    real = rb_strfmt("%s/%s", include_dir, file);
    if (real != NULL) {
      file = real;
    }
  }
  rb_diag_add(diag, file, config_error_line(cfg), NULL, "%s",
              config_error_text(cfg));
  free(real);
  return RB_EINVALID;
}

/* The text of @p path, a regular file opened without blocking (a FIFO
 * would block libconfig, a device never end); NULL after reporting. */
static char *read_text(const char *path, size_t *len, rb_status *st,
                       rb_diag *diag) {
  char *text = rb_file_slurp(path, len, 0);
  if (text != NULL) {
    return text;
  }
  int e = errno;
  *st = e == ENOMEM ? RB_ENOMEM : RB_EIO;
  if (e == EINVAL) {
    rb_diag_add(diag, path, 0, NULL, "cannot read: not a regular file");
  } else if (e != ENOMEM) {
    rb_diag_add(diag, path, 0, NULL, "cannot read: %s", strerror(e));
  }
  return NULL;
}

rb_status rb_cfg_read_file(rb_node **out, const char *path,
                           const char *include_dir, rb_names *files,
                           rb_diag *diag) {
  *out = NULL;
  size_t len = 0;
  rb_status st = RB_OK;
  char *text = read_text(path, &len, &st, diag);
  if (text == NULL) {
    return st;
  }
  conv cv = {path, include_dir, files, {0}, NULL, 0};
  bool scanned = rb_lits_scan(&cv.top_lits, text, len);
  free(text);
  if (!scanned) {
    conv_free(&cv);
    return RB_ENOMEM;
  }
  st = rb_cfg_includes_ok(path, include_dir, diag);
  config_t cfg;
  config_init(&cfg);
  if (include_dir != NULL) {
    config_set_include_dir(&cfg, include_dir);
  }
  rb_node *root = NULL;
  if (st == RB_OK && !config_read_file(&cfg, path)) {
    st = parse_error(&cfg, path, include_dir, diag);
  } else if (st == RB_OK) {
    root = convert(&cv, config_root_setting(&cfg));
    st = root != NULL ? RB_OK : RB_ENOMEM;
  }
  config_destroy(&cfg);
  conv_free(&cv);
  *out = root;
  return st;
}

rb_status rb_cfg_read_string(rb_node **out, const char *text, const char *file,
                             int line) {
  *out = NULL;
  config_t cfg;
  config_init(&cfg);
  /* Includes from a command-line value are refused: no file is read. */
  if (strstr(text, "@include") != NULL || !config_read_string(&cfg, text)) {
    config_destroy(&cfg);
    return RB_EINVALID;
  }
  rb_names tmp = {NULL, 0};
  conv cv = {"", NULL, &tmp, {0}, NULL, 0};
  rb_node *root = NULL;
  if (rb_lits_scan(&cv.top_lits, text, strlen(text))) {
    root = convert(&cv, config_root_setting(&cfg));
  }
  conv_free(&cv);
  config_destroy(&cfg);
  for (int i = 0; i < tmp.n; i++) {
    free(tmp.names[i]);
  }
  free(tmp.names);
  if (root == NULL) {
    return RB_ENOMEM;
  }
  relocate(root, file, line);
  *out = root;
  return RB_OK;
}
