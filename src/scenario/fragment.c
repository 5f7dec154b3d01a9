/*
 * A file that is not a scenario but a piece of one (a kommune's
 * kommune.cfg, a file of scenarios/common/): `rentbridge check` on it says
 * so and names the scenarios that include it, instead of listing every
 * required key it lacks (issue 18).  A file is a fragment when it has no
 * `format` setting of its own and some scenario near it includes it (the
 * .cfg files of its folder, the folder above and that folder's
 * subfolders).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "base/file.h"
#include "config/cfgtree.h"
#include "rentbridge/scenario.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRAG_MAX_FILES 4000
#define FRAG_MAX_BYTES (1u << 20)

/* Does the text hold a `format` setting at the start of a line? */
static bool has_format(const char *text) {
  for (const char *s = text; s != NULL && *s != '\0';) {
    while (*s == ' ' || *s == '\t') {
      s++;
    }
    if (strncmp(s, "format", 6) == 0) {
      const char *t = s + 6;
      while (*t == ' ' || *t == '\t') {
        t++;
      }
      if (*t == '=' || *t == ':') {
        return true;
      }
    }
    s = strchr(s, '\n');
    s = s != NULL ? s + 1 : NULL;
  }
  return false;
}

/* The .cfg files to look in: a growing list of paths. */
typedef struct files {
  char **p;
  int n, cap;
} files;

static bool add_file(files *f, char *path) {
  if (path == NULL || f->n == FRAG_MAX_FILES) {
    free(path);
    return path == NULL ? false : true;
  }
  if (f->n == f->cap) {
    int cap = f->cap > 0 ? 2 * f->cap : 64;
    char **p = realloc(f->p, (size_t)cap * sizeof *p);
    if (p == NULL) {
      free(path);
      return false;
    }
    f->p = p;
    f->cap = cap;
  }
  f->p[f->n++] = path;
  return true;
}

/* The .cfg files of @p dir, and with @p deep those of its subfolders. */
static bool list_dir(files *f, const char *dir, bool deep) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    return true;
  }
  bool ok = true;
  for (struct dirent *e = readdir(d); e != NULL && ok; e = readdir(d)) {
    size_t n = strlen(e->d_name);
    if (e->d_name[0] == '.') {
      continue;
    }
    char *path = rb_strfmt("%s/%s", dir, e->d_name);
    if (path == NULL) {
      ok = false;
    } else if (n > 4 && strcmp(e->d_name + n - 4, ".cfg") == 0) {
      ok = add_file(f, path);
    } else {
      if (deep) {
        ok = list_dir(f, path, false);
      }
      free(path);
    }
  }
  closedir(d);
  return ok;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Does @p text (the file @p from) @include the file whose real path is
 * @p real? */
static bool includes(const char *text, const char *from, const char *real) {
  char *dir = rb_path_dir(from);
  bool found = false;
  for (const char *s = strstr(text, "@include"); s != NULL && !found && dir;
       s = strstr(s + 1, "@include")) {
    const char *q = strchr(s, '"');
    const char *nl = strchr(s, '\n');
    const char *e = q != NULL ? strchr(q + 1, '"') : NULL;
    if (q == NULL || e == NULL || (nl != NULL && e > nl)) {
      continue;
    }
    char *inc = rb_strfmt("%s/%.*s", dir, (int)(e - q - 1), q + 1);
    char r[PATH_MAX];
    found = inc != NULL && realpath(inc, r) != NULL && strcmp(r, real) == 0;
    free(inc);
  }
  free(dir);
  return found;
}

/* The scenarios among @p f that include @p path, directly or through other
 * fragments, appended to @p out (as "a, b"); @p depth bounds the chain. */
static void includers(const files *f, const char *path, char *out, size_t size,
                      int *count, int depth) {
  char real[PATH_MAX];
  if (depth > 4 || realpath(path, real) == NULL) {
    return;
  }
  for (int i = 0; i < f->n; i++) {
    char *text = rb_file_slurp(f->p[i], NULL, FRAG_MAX_BYTES);
    if (text != NULL && includes(text, f->p[i], real)) {
      if (!has_format(text)) {
        includers(f, f->p[i], out, size, count, depth + 1);
      } else if (strstr(out, f->p[i]) == NULL) {
        size_t o = strlen(out);
        if (*count < 6) {
          snprintf(out + o, size - o, "%s%s", o > 0 ? ", " : "", f->p[i]);
        }
        (*count)++;
      }
    }
    free(text);
  }
}

bool rb_scenario_fragment_note(const char *path, rb_diag *diag) {
  char *text = rb_file_slurp(path, NULL, FRAG_MAX_BYTES);
  bool fragment = text != NULL && !has_format(text);
  free(text);
  if (!fragment) {
    return false;
  }
  char *dir = rb_path_dir(path);
  char *up = dir == NULL                ? NULL
             : strchr(dir, '/') != NULL ? rb_path_dir(dir)
             : strcmp(dir, ".") == 0    ? rb_strdup("..")
                                        : rb_strdup(".");
  files f = {NULL, 0, 0};
  bool ok = up != NULL && list_dir(&f, up, true);
  if (ok) {
    qsort(f.p, (size_t)f.n, sizeof *f.p, by_name);
  }
  char names[4000] = "";
  int count = 0;
  if (ok) {
    includers(&f, path, names, sizeof names, &count, 0);
  }
  for (int i = 0; i < f.n; i++) {
    free(f.p[i]);
  }
  free(f.p);
  free(dir);
  free(up);
  if (count == 0) {
    return false;
  }
  char more[40] = "";
  if (count > 6) {
    snprintf(more, sizeof more, " and %d more", count - 6);
  }
  rb_diag_add(diag, path, 0, NULL,
              "a fragment, not a scenario (it has no `format = 1;`): it is "
              "included by %d scenario%s: %s%s; check or run one of those",
              count, count == 1 ? "" : "s", names, more);
  return true;
}
