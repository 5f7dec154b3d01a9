/*
 * `--params FILE`: a run's parameters.csv, perhaps edited in Excel or
 * LibreOffice, applied to the scenario (docs/scenario-loading.md).  Each
 * row's value, low and high are compared with the scenario's own figures
 * (the file loaded without overrides); each one that differs becomes a
 * `--set` located at the row's line (KEY=V, KEY.low=L, KEY.high=H), so it
 * is checked exactly like a --set, and is kept as an rb_param_edit for the
 * manifest and the report.
 */
#include "base/csv_read.h"
#include "scenario/scenario_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns read, by their names in parameters.csv and the workbook's
 * assumptions sheet (Danish and English; cp1252 too, as Excel's "CSV
 * (semicolon)" saves Danish letters). */
enum { COL_KEY, COL_VALUE, COL_LOW, COL_HIGH, COL_DIST, COL_COUNT };
static const char *const col_names[COL_COUNT][4] = {
    {"key", "n\xc3\xb8gle", "n\xf8gle", NULL},
    {"value", "v\xc3\xa6rdi", "v\xe6rdi", NULL},
    {"low", "lav", NULL, NULL},
    {"high", "h\xc3\xb8j", "h\xf8j", NULL},
    {"dist", "fordeling", "distribution", NULL}};
static const char *const col_word[COL_COUNT] = {"key", "value", "low", "high",
                                                "dist"};

void rb_pedits_free(rb_pedits *pe) {
  for (int i = 0; i < pe->n; i++) {
    free(pe->e[i].key);
  }
  free(pe->e);
  for (int i = 0; i < pe->n_specs; i++) {
    free(pe->specs[i]);
  }
  free(pe->specs);
  free(pe->lines);
  memset(pe, 0, sizeof *pe);
}

/* A cell, blanks trimmed, into @p buf (for names and messages). */
static void trimmed(char *buf, size_t size, const char *cell) {
  while (*cell == ' ' || *cell == '\t') {
    cell++;
  }
  snprintf(buf, size, "%s", cell);
  size_t n = strlen(buf);
  while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t')) {
    buf[--n] = '\0';
  }
}

/* The header's column of each name read, -1 when absent. */
static void header_columns(const rb_csv_row *h, int col[COL_COUNT]) {
  for (int k = 0; k < COL_COUNT; k++) {
    col[k] = -1;
    for (int c = 0; c < h->n && col[k] < 0; c++) {
      char name[64];
      trimmed(name, sizeof name, h->cells[c]);
      for (char *s = name; *s != '\0'; s++) {
        *s = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
      }
      for (int a = 0; col_names[k][a] != NULL; a++) {
        if (strcmp(name, col_names[k][a]) == 0) {
          col[k] = c;
        }
      }
    }
  }
}

/* What reading a file needs. */
typedef struct pctx {
  const rb_scenario *sc;
  const char *csv;
  rb_diag *diag;
  rb_pedits *pe;
  int *seen; /* per parameter: the line that gave it, 0 none */
  int nerr;
  bool oom;
} pctx;

static void problem(pctx *x, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(pctx *x, int line, int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rb_diag_addv(x->diag, x->csv, line, col >= 0 ? col_word[col] : NULL, fmt, ap);
  va_end(ap);
  x->nerr++;
}

/* Cell @p col of @p row, "" when the row is shorter or the column absent. */
static const char *cell(const rb_csv_row *row, const int col[COL_COUNT],
                        int k) {
  return col[k] >= 0 && col[k] < row->n ? row->cells[col[k]] : "";
}

/* A number cell: 0 with *v, 1 empty, -1 refused (reported). */
static int number_cell(pctx *x, const rb_csv_row *row, const int col[], int k,
                       char sep, double *v) {
  const char *s = cell(row, col, k);
  int rc = rb_csv_number(s, sep, v);
  char got[200];
  rb_text_quote(got, sizeof got, s, sizeof got - 4);
  if (rc == -1) {
    problem(x, row->line, k, "not a number (got %s)", got);
  } else if (rc == -2) {
    problem(x, row->line, k,
            "could be a thousands point or a decimal point; write the "
            "number without the point or with a decimal comma (got %s)",
            got);
  } else if (rc == 0 && !isfinite(*v)) {
    problem(x, row->line, k, "not a finite number (got %s)", got);
    rc = -1;
  }
  return rc;
}

/* Is @p now a change of @p was?  A spreadsheet may round the last digits
 * of what it shows, so a difference below a billionth is none. */
static bool changed(double was, double now) {
  return fabs(now - was) > 1e-9 * fabs(was);
}

/* One change: the edit and its set, "KEY=V" or "KEY.low=V". */
static void add_edit(pctx *x, const rb_param *p, int k, int line, double was,
                     double now) {
  rb_pedits *pe = x->pe;
  rb_param_edit *e = realloc(pe->e, (size_t)(pe->n + 1) * sizeof *e);
  char **specs =
      e != NULL ? realloc(pe->specs, (size_t)(pe->n_specs + 1) * sizeof *specs)
                : NULL;
  int *lines =
      specs != NULL
          ? realloc(pe->lines, (size_t)(pe->n_specs + 1) * sizeof *lines)
          : NULL;
  pe->e = e != NULL ? e : pe->e;
  pe->specs = specs != NULL ? specs : pe->specs;
  pe->lines = lines != NULL ? lines : pe->lines;
  char lit[40];
  rb_fmt_double(lit, sizeof lit, now);
  char *key = rb_strdup(p->key);
  char *spec = rb_strfmt("%s%s%s=%s", p->key, k == COL_VALUE ? "" : ".",
                         k == COL_VALUE ? "" : col_word[k], lit);
  if (lines == NULL || key == NULL || spec == NULL) {
    free(key);
    free(spec);
    x->oom = true;
    return;
  }
  pe->e[pe->n++] = (rb_param_edit){key, col_word[k], line, was, now};
  pe->specs[pe->n_specs] = spec;
  pe->lines[pe->n_specs++] = line;
}

static int find_param(const rb_scenario *sc, const char *key) {
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(sc->params[i].key, key) == 0) {
      return i;
    }
  }
  return -1;
}

/* A row of the rules file (`rules.KEY`): a legal figure, not changed
 * here. */
static void rules_row(pctx *x, const rb_csv_row *row, const int col[], char sep,
                      const char *key) {
  const rb_rules *r = &x->sc->rules;
  for (int i = 0; i < r->n_notes; i++) {
    if (strcmp(r->notes[i].key, key + strlen("rules.")) != 0) {
      continue;
    }
    double v;
    if (number_cell(x, row, col, COL_VALUE, sep, &v) == 0 &&
        changed(r->notes[i].value, v)) {
      char was[40];
      rb_fmt_double(was, sizeof was, r->notes[i].value);
      problem(x, row->line, COL_VALUE,
              "a legal figure of the rules file %s; change it there, not in "
              "a parameters file (the rules say %s, got %s)",
              x->sc->rules_resolved, was, cell(row, col, COL_VALUE));
    }
    return;
  }
  problem(x, row->line, COL_KEY, "no such figure in the rules file %s (got %s)",
          x->sc->rules_resolved, key);
}

/* low and high of a row: changed ones become edits; a plain value given
 * both becomes an uncertain one (dist pert, the format's default). */
static void range_cells(pctx *x, const rb_param *p, const rb_csv_row *row,
                        const int col[], char sep, double value) {
  double lh[2] = {0.0, 0.0};
  int rc[2] = {1, 1};
  for (int s = 0; s < 2; s++) {
    int k = s == 0 ? COL_LOW : COL_HIGH;
    if (col[k] < 0) {
      return;
    }
    rc[s] = number_cell(x, row, col, k, sep, &lh[s]);
    if (rc[s] == 1 && p->has_range) {
      char was[40];
      rb_fmt_double(was, sizeof was, s == 0 ? p->low : p->high);
      problem(x, row->line, k,
              "empty, but the scenario has %s; a range is taken away in the "
              "scenario file (%s:%d)",
              was, p->file, p->line);
    }
  }
  if (rc[0] < 0 || rc[1] < 0) {
    return;
  }
  if (!p->has_range && rc[0] + rc[1] == 1) {
    problem(x, row->line, rc[0] == 0 ? COL_HIGH : COL_LOW,
            "empty: low and high go together, give both or neither");
    return;
  }
  bool edit[2];
  for (int s = 0; s < 2; s++) {
    double was = !p->has_range ? NAN : s == 0 ? p->low : p->high;
    edit[s] = rc[s] == 0 && (!p->has_range || changed(was, lh[s]));
  }
  /* An edited range must hold the value (an unedited one widens to a new
   * value, as with --set). */
  if ((edit[0] || edit[1]) && !(lh[0] <= value && value <= lh[1])) {
    char v[3][40];
    rb_fmt_double(v[0], sizeof v[0], lh[0]);
    rb_fmt_double(v[1], sizeof v[1], value);
    rb_fmt_double(v[2], sizeof v[2], lh[1]);
    problem(x, row->line, edit[0] ? COL_LOW : COL_HIGH,
            "needs low <= value <= high (got %s, %s, %s)", v[0], v[1], v[2]);
    return;
  }
  for (int s = 0; s < 2; s++) {
    if (edit[s]) {
      add_edit(x, p, s == 0 ? COL_LOW : COL_HIGH, row->line,
               !p->has_range ? NAN
               : s == 0      ? p->low
                             : p->high,
               lh[s]);
    }
  }
}

/* A row of parameter @p pi. */
static void param_row(pctx *x, int pi, const rb_csv_row *row, const int col[],
                      char sep) {
  const rb_param *p = &x->sc->params[pi];
  if (x->seen[pi] > 0) {
    problem(x, row->line, COL_KEY, "given twice, first on line %d (got %s)",
            x->seen[pi], p->key);
    return;
  }
  x->seen[pi] = row->line;
  double v;
  int rc = number_cell(x, row, col, COL_VALUE, sep, &v);
  if (rc == 1) {
    char was[40];
    rb_fmt_double(was, sizeof was, p->value);
    problem(x, row->line, COL_VALUE, "empty (the scenario has %s)", was);
  } else if (rc == 0 && changed(p->value, v)) {
    add_edit(x, p, COL_VALUE, row->line, p->value, v);
  }
  range_cells(x, p, row, col, sep, rc == 0 ? v : p->value);
  char dist[64];
  trimmed(dist, sizeof dist, cell(row, col, COL_DIST));
  if (dist[0] != '\0' && strcmp(dist, rb_dist_name(p->dist)) != 0) {
    char got[80];
    rb_text_quote(got, sizeof got, dist, sizeof got - 4);
    problem(x, row->line, COL_DIST,
            "the distribution is not read from a parameters file; change it "
            "in the scenario file (%s:%d), where it is \"%s\" (got %s)",
            p->file, p->line, rb_dist_name(p->dist), got);
  }
}

static void read_row(pctx *x, const rb_csv_row *row, const int col[],
                     char sep) {
  char key[512];
  trimmed(key, sizeof key, cell(row, col, COL_KEY));
  if (key[0] == '\0') {
    for (int k = COL_VALUE; k <= COL_HIGH; k++) {
      char v[64];
      trimmed(v, sizeof v, cell(row, col, k));
      if (v[0] != '\0') {
        problem(x, row->line, COL_KEY, "empty, but the row has a %s",
                col_word[k]);
        return;
      }
    }
    return;
  }
  if (strncmp(key, "rules.", strlen("rules.")) == 0) {
    rules_row(x, row, col, sep, key);
    return;
  }
  int pi = find_param(x->sc, key);
  if (pi < 0) {
    char got[600];
    rb_text_quote(got, sizeof got, key, sizeof got - 4);
    problem(x, row->line, COL_KEY,
            "no such parameter in %s; a parameters file is read against the "
            "scenario it was written from (got %s)",
            x->sc->path, got);
    return;
  }
  param_row(x, pi, row, col, sep);
}

/* The table's rows against @p sc. */
static rb_status read_table(pctx *x, const rb_csv_table *t) {
  int col[COL_COUNT];
  header_columns(&t->rows[0], col);
  for (int k = COL_KEY; k <= COL_VALUE; k++) {
    if (col[k] < 0) {
      problem(x, t->rows[0].line, -1,
              "the header has no %s column; expected the header of a run's "
              "parameters.csv (key,value,low,high,dist,...) or of the "
              "workbook's assumptions sheet",
              col_word[k]);
      return RB_EINVALID;
    }
  }
  x->seen = calloc((size_t)x->sc->n_params + 1, sizeof *x->seen);
  if (x->seen == NULL) {
    return RB_ENOMEM;
  }
  for (int r = 1; r < t->n && !x->oom; r++) {
    read_row(x, &t->rows[r], col, t->sep);
  }
  free(x->seen);
  return x->oom ? RB_ENOMEM : x->nerr > 0 ? RB_EINVALID : RB_OK;
}

rb_status rb_pedits_read(rb_pedits *pe, const rb_scenario *sc, const char *csv,
                         rb_diag *diag) {
  memset(pe, 0, sizeof *pe);
  rb_csv_table t;
  char err[200] = "";
  int rc = rb_csv_read(&t, csv, err, sizeof err);
  if (rc == -3) {
    return RB_ENOMEM;
  }
  if (rc == -1) {
    rb_diag_add(diag, csv, 0, NULL, "cannot read the parameters file: %s", err);
    return RB_EIO;
  }
  if (rc == -2 || t.n == 0) {
    rb_diag_add(diag, csv, 0, NULL, "not a parameters file: %s",
                rc == -2 ? err : "it is empty");
    rb_csv_table_free(&t);
    return RB_EINVALID;
  }
  pctx x = {sc, csv, diag, pe, NULL, 0, false};
  rb_status st = read_table(&x, &t);
  rb_csv_table_free(&t);
  if (st != RB_OK && st != RB_EINVALID) {
    rb_pedits_free(pe);
  }
  return st;
}

/* The column of a loader's message on @p line: low or high when its key
 * ends so, else the row's only changed column, else value. */
static const char *line_column(const rb_pedits *pe, int line, const char *key,
                               size_t klen) {
  if (klen > 4 && strncmp(key + klen - 4, ".low", 4) == 0) {
    return "low";
  }
  if (klen > 5 && strncmp(key + klen - 5, ".high", 5) == 0) {
    return "high";
  }
  const char *only = NULL;
  for (int i = 0; i < pe->n; i++) {
    if (pe->e[i].line == line) {
      only = only == NULL || only == pe->e[i].column ? pe->e[i].column : "";
    }
  }
  return only != NULL && only[0] != '\0' ? only : "value";
}

void rb_pedits_columns(rb_diag *out, const rb_diag *in, const char *csv,
                       const rb_pedits *pe) {
  size_t lc = strlen(csv);
  for (size_t i = 0; i < in->n; i++) {
    const char *m = in->msgs[i];
    char *end = NULL;
    long line = 0;
    if (strncmp(m, csv, lc) == 0 && m[lc] == ':') {
      line = strtol(m + lc + 1, &end, 10);
    }
    if (end == NULL || end == m + lc + 1 || strncmp(end, ": ", 2) != 0) {
      rb_diag_add_raw(out, m);
      continue;
    }
    const char *rest = end + 2;
    const char *colon = strstr(rest, ": ");
    size_t klen = colon != NULL ? (size_t)(colon - rest) : 0;
    rb_diag_add(out, csv, (int)line, line_column(pe, (int)line, rest, klen),
                "%s", rest);
  }
}
