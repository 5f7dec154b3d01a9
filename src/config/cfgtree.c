/* Internal: libconfig files read into a plain tree (see cfgtree.h). */
#include "config/cfgtree.h"
#include "base/file.h"

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
  if (n->type == RB_N_FLOAT) {
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
    snprintf(buf, size, "%lld%s", n->ival, n->type == RB_N_INT64 ? "L" : "");
    break;
  case RB_N_FLOAT:
    rb_fmt_double(buf, size, n->fval);
    break;
  case RB_N_BOOL:
    snprintf(buf, size, "%s", n->bval ? "true" : "false");
    break;
  case RB_N_STRING: {
    const char *s = n->sval;
    size_t len = strlen(s);
    if (len > 40) {
      snprintf(buf, size, "\"%.37s...\"", s);
    } else {
      snprintf(buf, size, "\"%s\"", s);
    }
    break;
  }
  }
}

/* Converts one libconfig setting (and its children). */
static rb_node *convert(const config_setting_t *s, const char *top,
                        const char *include_dir, rb_names *files) {
  rb_node *n = calloc(1, sizeof *n);
  if (n == NULL) {
    return NULL;
  }
  const char *name = config_setting_name(s);
  if (name != NULL && (n->name = rb_strdup(name)) == NULL) {
    goto fail;
  }
  n->line = (int)config_setting_source_line(s);
  const char *file = config_setting_source_file(s);
  if (file == NULL || strcmp(file, top) == 0) {
    n->file = rb_names_intern(files, top);
  } else if (include_dir != NULL) {
    char *real = rb_strfmt("%s/%s", include_dir, file);
    if (real == NULL) {
      goto fail;
    }
    n->file = rb_names_intern(files, real);
    free(real);
  } else {
    n->file = rb_names_intern(files, file);
  }
  if (n->file == NULL) {
    goto fail;
  }
  switch (config_setting_type(s)) {
  case CONFIG_TYPE_INT:
    n->type = RB_N_INT;
    n->ival = config_setting_get_int(s);
    break;
  case CONFIG_TYPE_INT64:
    n->type = RB_N_INT64;
    n->ival = config_setting_get_int64(s);
    break;
  case CONFIG_TYPE_FLOAT:
    n->type = RB_N_FLOAT;
    n->fval = config_setting_get_float(s);
    break;
  case CONFIG_TYPE_BOOL:
    n->type = RB_N_BOOL;
    n->bval = config_setting_get_bool(s) != 0;
    break;
  case CONFIG_TYPE_STRING: {
    n->type = RB_N_STRING;
    const char *v = config_setting_get_string(s);
    if ((n->sval = rb_strdup(v != NULL ? v : "")) == NULL) {
      goto fail;
    }
    break;
  }
  case CONFIG_TYPE_GROUP:
  case CONFIG_TYPE_ARRAY:
  case CONFIG_TYPE_LIST:
  default: {
    int t = config_setting_type(s);
    n->type = t == CONFIG_TYPE_GROUP   ? RB_N_GROUP
              : t == CONFIG_TYPE_ARRAY ? RB_N_ARRAY
                                       : RB_N_LIST;
    int len = config_setting_length(s);
    for (int i = 0; i < len; i++) {
      rb_node *k = convert(config_setting_get_elem(s, (unsigned)i), top,
                           include_dir, files);
      if (k == NULL || !rb_node_append(n, k)) {
        rb_node_free(k);
        goto fail;
      }
    }
    break;
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
  rb_status read_st = RB_OK;
  char *text = read_text(path, &len, &read_st, diag);
  if (text == NULL) {
    return read_st;
  }
  free(text);

  rb_status inc = rb_cfg_includes_ok(path, include_dir, diag);
  if (inc != RB_OK) {
    return inc;
  }
  config_t cfg;
  config_init(&cfg);
  if (include_dir != NULL) {
    config_set_include_dir(&cfg, include_dir);
  }
  if (!config_read_file(&cfg, path)) {
    rb_status st_err = RB_EINVALID;
    if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO) {
      rb_diag_add(diag, path, 0, NULL, "cannot read: %s",
                  config_error_text(&cfg));
      st_err = RB_EIO;
    } else {
      const char *file = config_error_file(&cfg);
      char *real = NULL;
      if (file == NULL) {
        file = path;
      } else if (strcmp(file, path) != 0 && include_dir != NULL) {
        real = rb_strfmt("%s/%s", include_dir, file);
        if (real != NULL) {
          file = real;
        }
      }
      rb_diag_add(diag, file, config_error_line(&cfg), NULL, "%s",
                  config_error_text(&cfg));
      free(real);
    }
    config_destroy(&cfg);
    return st_err;
  }
  rb_node *root = convert(config_root_setting(&cfg), path, include_dir, files);
  config_destroy(&cfg);
  if (root == NULL) {
    return RB_ENOMEM;
  }
  *out = root;
  return RB_OK;
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
  rb_node *root = convert(config_root_setting(&cfg), "", NULL, &tmp);
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
