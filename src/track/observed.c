/* The observed-data file read and checked like a scenario (track.h;
 * docs/tracking.md): every problem as FILE:LINE: column: message (got X). */
#include "base/file.h"
#include "rentbridge/track.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** The largest observed file read (a pilot of 10,000 citizens over 50
 * years is about 400 MB). */
#define OBS_MAX_BYTES ((size_t)1 << 30)
#define OBS_COLS 8
#define OBS_ID_MAX 64

static const char *const obs_col[OBS_COLS] = {
    "citizen",  "group",           "month", "housing",
    "activity", "months_in_state", "rent",  "subsidy"};

/* The loader's state: the file, the scenario, where problems go. */
typedef struct obs_ld {
  const char *path;
  const rb_scenario *sc;
  rb_diag *diag;
  int problems;
  rb_observed *o;
} obs_ld;

static void problem(obs_ld *c, int line, int col, const char *msg,
                    const char *got) {
  c->problems++;
  if (got != NULL) {
    rb_diag_add(c->diag, c->path, line, col >= 0 ? obs_col[col] : NULL,
                "%s (got \"%.80s\")", msg, got);
  } else {
    rb_diag_add(c->diag, c->path, line, col >= 0 ? obs_col[col] : NULL, "%s",
                msg);
  }
}

static int word_index(const char *w, const char *const *names, int n) {
  for (int i = 0; i < n; i++) {
    if (strcmp(w, names[i]) == 0) {
      return i;
    }
  }
  return -1;
}

static bool id_ok(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > OBS_ID_MAX) {
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

/* A plain decimal number (no spaces, hex, inf or nan). */
static bool number_of(const char *s, double *x) {
  if (s[0] == '\0' || strspn(s, "+-0123456789.eE") != strlen(s)) {
    return false;
  }
  char *end = NULL;
  errno = 0;
  *x = strtod(s, &end);
  return end != s && *end == '\0' && errno == 0 && isfinite(*x);
}

/* month "YYYY-MM" as a 0-based month of the horizon, or −1. */
static int month_of(const rb_scenario *sc, const char *s) {
  int y = 0, m = 0, used = 0;
  if (strlen(s) != 7 || sscanf(s, "%4d-%2d%n", &y, &m, &used) != 2 ||
      used != 7 || m < 1 || m > 12) {
    return -2;
  }
  int t =
      (y * 12 + m - 1) - (sc->info.start_year * 12 + sc->info.start_month - 1);
  return t >= 0 && t < sc->info.horizon_months ? t : -1;
}

/* Split @p line at commas into @p f; @return the number of fields. */
static int split(char *line, char **f, int max) {
  int n = 0;
  char *p = line;
  for (;;) {
    if (n < max) {
      f[n] = p;
    }
    n++;
    char *comma = strchr(p, ',');
    if (comma == NULL) {
      break;
    }
    *comma = '\0';
    p = comma + 1;
  }
  return n;
}

/* The row's words and numbers, each checked; @return true when usable. */
static bool row_fields(obs_ld *c, int line, char **f, rb_obs_row *r) {
  const rb_scenario *sc = c->sc;
  int bad = c->problems;
  if (!id_ok(f[0])) {
    problem(c, line, 0,
            "must be 1-64 characters of A-Z, a-z, 0-9, '_', '-', '.'", f[0]);
  }
  r->group = -1;
  for (int g = 0; g < sc->n_groups; g++) {
    if (strcmp(f[1], sc->groups[g].name) == 0) {
      r->group = g;
    }
  }
  if (r->group < 0) {
    problem(c, line, 1, "not a group of the scenario", f[1]);
  }
  r->month = month_of(sc, f[2]);
  if (r->month < 0) {
    problem(c, line, 2,
            r->month == -2 ? "must be YYYY-MM"
                           : "is outside the scenario's horizon",
            f[2]);
  }
  r->housing = word_index(f[3], rb_housing_names, RB_H_COUNT);
  if (r->housing < 0) {
    problem(c, line, 3,
            "expected one of placed, housed_subsidised, housed_ordinary, "
            "homeless, exited, dead",
            f[3]);
  }
  r->activity = word_index(f[4], rb_activity_names, RB_A_COUNT);
  if (r->activity < 0) {
    problem(c, line, 4, "expected one of none, education, employed", f[4]);
  }
  double x = -1.0; /* not a number: no months */
  if (!number_of(f[5], &x) || x != floor(x) || x < 0 || x > 1200) {
    problem(c, line, 5, "must be a whole number 0-1200", f[5]);
  }
  r->months_in_state = (int)(x >= 0 && x <= 1200 ? x : 0);
  bool housed = r->housing == RB_H_SUBSIDISED || r->housing == RB_H_ORDINARY;
  r->rent = NAN;
  if (housed && (!number_of(f[6], &r->rent) || !(r->rent > 0))) {
    problem(c, line, 6, "must be a number > 0 when housed", f[6]);
  } else if (!housed && r->housing >= 0 && f[6][0] != '\0') {
    problem(c, line, 6, "must be empty when not housed", f[6]);
  }
  if (!number_of(f[7], &r->subsidy) || r->subsidy < 0) {
    problem(c, line, 7, "must be a number >= 0", f[7]);
  } else if (r->subsidy > 0 && r->housing >= 0 &&
             r->housing != RB_H_SUBSIDISED) {
    problem(c, line, 7, "must be 0 unless housed_subsidised", f[7]);
  }
  r->line = line;
  return c->problems == bad;
}

/* A row against the citizen's row before it (same id): the same group, the
 * next month, and nothing after a death or a move away. */
static void row_follows(obs_ld *c, const rb_obs_row *prev, const rb_obs_row *r,
                        char **f) {
  if (prev->group != r->group) {
    problem(c, r->line, 1, "a citizen keeps its group", f[1]);
  }
  if (prev->housing >= RB_H_EXITED) {
    problem(c, r->line, 0, "has a row after the month it died or moved away",
            f[0]);
  } else if (r->month != prev->month + 1) {
    problem(c, r->line, 2, "must be the month after the citizen's row before",
            f[2]);
  }
}

static bool add_row(rb_observed *o, const rb_obs_row *r, int *cap) {
  if (o->n_rows == *cap) {
    int n = *cap > 0 ? *cap * 2 : 1024;
    rb_obs_row *v = realloc(o->rows, (size_t)n * sizeof *v);
    if (v == NULL) {
      return false;
    }
    o->rows = v;
    *cap = n;
  }
  o->rows[o->n_rows++] = *r;
  return true;
}

static bool add_id(rb_observed *o, const char *id, int *cap) {
  if (o->n_citizens == *cap) {
    int n = *cap > 0 ? *cap * 2 : 64;
    char **v = realloc(o->ids, (size_t)n * sizeof *v);
    if (v == NULL) {
      return false;
    }
    o->ids = v;
    *cap = n;
  }
  o->ids[o->n_citizens] = strdup(id);
  return o->ids[o->n_citizens++] != NULL;
}

/* One data line. @return false when out of memory. */
static bool take_line(obs_ld *c, char *text, int line, int *caps) {
  rb_observed *o = c->o;
  char *f[OBS_COLS];
  int n = split(text, f, OBS_COLS);
  if (n != OBS_COLS) {
    char got[32];
    snprintf(got, sizeof got, "%d", n);
    problem(c, line, -1, "expected 8 columns", got);
    return true;
  }
  if (strchr(text, '"') != NULL) {
    problem(c, line, -1, "quotes are not allowed", NULL);
    return true;
  }
  rb_obs_row r;
  if (!row_fields(c, line, f, &r)) {
    return true;
  }
  bool same = o->n_citizens > 0 && o->n_rows > 0 &&
              strcmp(o->ids[o->n_citizens - 1], f[0]) == 0;
  if (same) {
    row_follows(c, &o->rows[o->n_rows - 1], &r, f);
  } else if (!add_id(o, f[0], &caps[1])) {
    return false;
  }
  r.citizen = o->n_citizens - 1;
  return add_row(o, &r, &caps[0]);
}

static int cmp_id(const void *a, const void *b) {
  const char *const *x = a, *const *y = b;
  return strcmp(*x, *y);
}

/* A citizen whose rows are not together has two ids in the list. */
static void ids_together(obs_ld *c) {
  rb_observed *o = c->o;
  if (o->n_citizens < 2) {
    return;
  }
  char **s = malloc((size_t)o->n_citizens * sizeof *s);
  if (s == NULL) {
    return;
  }
  memcpy(s, o->ids, (size_t)o->n_citizens * sizeof *s);
  qsort(s, (size_t)o->n_citizens, sizeof *s, cmp_id);
  for (int i = 1; i < o->n_citizens; i++) {
    if (strcmp(s[i], s[i - 1]) == 0 && (i < 2 || strcmp(s[i], s[i - 2]))) {
      /* The line of its second block's first row. */
      int line = 0;
      for (int k = 1; k < o->n_rows && line == 0; k++) {
        const rb_obs_row *r = &o->rows[k];
        if (r->citizen != o->rows[k - 1].citizen &&
            strcmp(o->ids[r->citizen], s[i]) == 0) {
          for (int j = 0; j < k; j++) {
            if (strcmp(o->ids[o->rows[j].citizen], s[i]) == 0) {
              line = r->line;
              break;
            }
          }
        }
      }
      problem(c, line, 0, "the rows of a citizen must be together", s[i]);
    }
  }
  free(s);
}

static rb_status load_text(obs_ld *c, char *text) {
  int line = 0, caps[2] = {0, 0};
  char *p = text;
  while (*p != '\0') {
    char *nl = strchr(p, '\n');
    if (nl != NULL) {
      *nl = '\0';
    }
    size_t len = strlen(p);
    if (len > 0 && p[len - 1] == '\r') {
      p[len - 1] = '\0';
    }
    line++;
    if (line == 1) {
      if (strcmp(p, RB_TRACK_HEADER) != 0) {
        problem(c, 1, -1, "the header must be " RB_TRACK_HEADER, p);
      }
    } else if (p[0] != '\0' && !take_line(c, p, line, caps)) {
      return RB_ENOMEM;
    }
    if (nl == NULL) {
      break;
    }
    p = nl + 1;
  }
  if (line == 0) {
    problem(c, 1, -1, "the file is empty: the header line is missing", NULL);
  } else if (c->o->n_rows == 0 && c->problems == 0) {
    problem(c, line, -1, "no citizen rows after the header", NULL);
  }
  ids_together(c);
  return RB_OK;
}

rb_status rb_observed_load(rb_observed *out, const char *path,
                           const rb_scenario *sc, rb_diag *diag) {
  memset(out, 0, sizeof *out);
  size_t len = 0;
  char *text = rb_file_slurp(path, &len, OBS_MAX_BYTES);
  if (text == NULL) {
    rb_diag_add(diag, path, 0, NULL, "cannot be read: %s",
                errno == EFBIG ? "larger than 1 GiB" : strerror(errno));
    return RB_EIO;
  }
  if (strlen(text) != len) {
    rb_diag_add(diag, path, 0, NULL, "holds a NUL byte: not a CSV text file");
    free(text);
    return RB_EINVALID;
  }
  obs_ld c = {path, sc, diag, 0, out};
  rb_status st = load_text(&c, text);
  free(text);
  for (int i = 0; i < out->n_rows; i++) {
    out->last_month = out->rows[i].month > out->last_month ? out->rows[i].month
                                                           : out->last_month;
  }
  if (st == RB_OK && c.problems > 0) {
    st = RB_EINVALID;
  }
  if (st != RB_OK) {
    rb_observed_free(out);
  }
  return st;
}

void rb_observed_free(rb_observed *o) {
  if (o == NULL) {
    return;
  }
  for (int i = 0; i < o->n_citizens; i++) {
    free(o->ids[i]);
  }
  free(o->ids);
  free(o->rows);
  memset(o, 0, sizeof *o);
}
