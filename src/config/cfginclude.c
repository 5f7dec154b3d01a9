/*
 * The @include guard (cfgtree.h, rb_cfg_includes_ok).
 *
 * libconfig 1.5's scanner ends the whole process (exit(2), "input in flex
 * scanner failed") when an @include names something that opens but cannot
 * be read as a file, such as a directory (`@include ""`), and blocks on a
 * FIFO.  Before libconfig reads anything, every @include line is therefore
 * followed (as libconfig would: include_dir + "/" + name) and one that names
 * an existing non-regular file is reported.  Missing files are left to
 * libconfig, which reports them as a parse error.
 */
#include "base/file.h"
#include "config/cfgtree.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RB_INCLUDE_DEPTH 32
#define RB_INCLUDE_FILES 256

/* Files already followed, so that a file included many times is read once. */
typedef struct inc_seen {
  char *paths[RB_INCLUDE_FILES];
  int n;
} inc_seen;

static rb_status include_guard(const char *path, const char *include_dir,
                               int depth, inc_seen *seen, rb_diag *diag);

static size_t skip_blanks(const char *buf, size_t len, size_t j) {
  while (j < len && (buf[j] == ' ' || buf[j] == '\t')) {
    j++;
  }
  return j;
}

/* At the start of a line, an include as libconfig's scanner sees one:
 * [ \t]*@include[ \t]+" .  @return the position after the opening quote,
 * or 0 when the line is none. */
static size_t include_start(const char *buf, size_t len, size_t i) {
  size_t j = skip_blanks(buf, len, i);
  if (!(len - j > 8 && memcmp(buf + j, "@include", 8) == 0 &&
        (buf[j + 8] == ' ' || buf[j + 8] == '\t'))) {
    return 0;
  }
  j = skip_blanks(buf, len, j + 8);
  return j < len && buf[j] == '"' ? j + 1 : 0;
}

/* The name from buf[*j] to the closing quote, across lines as in libconfig;
 * as a C string it ends at the first NUL byte.  Moves *j past the quote and
 * counts the newlines on in *lineno.  @return false when the file ends
 * before the closing quote. */
static bool include_name(const char *buf, size_t len, size_t *j, int *lineno,
                         char *name, size_t size) {
  size_t n = 0;
  bool ended = false;
  while (*j < len) {
    char ch = buf[(*j)++];
    if (ch == '\n') {
      (*lineno)++;
    }
    if (ch == '"') {
      ended = true;
      break;
    }
    if (ch == '\\' && *j < len) {
      ch = buf[(*j)++];
    }
    if (n + 1 < size) {
      name[n++] = ch;
    }
  }
  name[n] = '\0';
  return ended;
}

/* The start of the line after the one at buf[i]. */
static size_t next_line(const char *buf, size_t len, size_t i, int *lineno) {
  while (i < len && buf[i] != '\n') {
    i++;
  }
  if (i < len) {
    i++;
    (*lineno)++;
  }
  return i;
}

/* What an @include on line @p line of @p path names: a non-regular file is
 * a problem, a regular one is followed in turn. */
static rb_status include_check(const char *path, int line, const char *name,
                               const char *include_dir, int depth,
                               inc_seen *seen, rb_diag *diag) {
  char *full = include_dir != NULL ? rb_strfmt("%s/%s", include_dir, name)
                                   : rb_strdup(name);
  if (full == NULL) {
    return RB_ENOMEM;
  }
  rb_status st = RB_OK;
  struct stat is;
  if (stat(full, &is) == 0) {
    if (!S_ISREG(is.st_mode)) {
      rb_diag_add(diag, path, line, NULL,
                  "cannot include \"%s\": %s is not a regular file", name,
                  full);
      st = RB_EINVALID;
    } else if (depth + 1 < RB_INCLUDE_DEPTH) {
      st = include_guard(full, include_dir, depth + 1, seen, diag);
    }
  }
  free(full);
  return st;
}

/* Remembers @p path; *first says whether it is new (to be followed). */
static rb_status include_once(const char *path, inc_seen *seen, bool *first,
                              rb_diag *diag) {
  *first = false;
  for (int i = 0; i < seen->n; i++) {
    if (strcmp(seen->paths[i], path) == 0) {
      return RB_OK;
    }
  }
  if (seen->n == RB_INCLUDE_FILES) {
    rb_diag_add(diag, path, 0, NULL, "more than %d files included",
                RB_INCLUDE_FILES);
    return RB_EINVALID;
  }
  if ((seen->paths[seen->n] = rb_strdup(path)) == NULL) {
    return RB_ENOMEM;
  }
  seen->n++;
  *first = true;
  return RB_OK;
}

static rb_status include_guard(const char *path, const char *include_dir,
                               int depth, inc_seen *seen, rb_diag *diag) {
  bool first = false;
  rb_status st = include_once(path, seen, &first, diag);
  if (st != RB_OK || !first) {
    return st;
  }
  size_t len = 0;
  char *buf = rb_file_slurp(path, &len, 0);
  if (buf == NULL) {
    return RB_OK; /* left to libconfig */
  }
  int lineno = 1;
  size_t i = 0;
  while (st == RB_OK && i < len) {
    int line_here = lineno;
    size_t j = include_start(buf, len, i);
    if (j > 0) {
      char name[4096];
      if (include_name(buf, len, &j, &lineno, name, sizeof name)) {
        st = include_check(path, line_here, name, include_dir, depth, seen,
                           diag);
      }
      i = j;
    }
    i = next_line(buf, len, i, &lineno);
  }
  free(buf);
  return st;
}

rb_status rb_cfg_includes_ok(const char *path, const char *include_dir,
                             rb_diag *diag) {
  inc_seen seen;
  seen.n = 0;
  rb_status st = include_guard(path, include_dir, 0, &seen, diag);
  for (int i = 0; i < seen.n; i++) {
    free(seen.paths[i]);
  }
  return st;
}
