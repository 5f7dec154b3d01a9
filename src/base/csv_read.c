/* Reading CSV as spreadsheets save it (csv_read.h). */
#include "base/csv_read.h"
#include "base/file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_MAX_BYTES (64u << 20)

void rb_csv_table_free(rb_csv_table *t) {
  for (int r = 0; r < t->n; r++) {
    for (int c = 0; c < t->rows[r].n; c++) {
      free(t->rows[r].cells[c]);
    }
    free(t->rows[r].cells);
  }
  free(t->rows);
  t->rows = NULL;
  t->n = 0;
}

/* The separator: the one of ',', ';' and tab found most often outside
 * quotes on the first line (a comma when none is). */
static char find_sep(const char *s, const char *end) {
  int comma = 0, semi = 0, tab = 0;
  bool quoted = false;
  for (; s < end && (quoted || (*s != '\n' && *s != '\r')); s++) {
    if (*s == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      comma += *s == ',';
      semi += *s == ';';
      tab += *s == '\t';
    }
  }
  if (semi > comma && semi >= tab) {
    return ';';
  }
  return tab > comma ? '\t' : ',';
}

/* A growing text, a growing row and a growing table. */
typedef struct grow {
  char *s;
  size_t n, cap;
} grow;

static bool grow_put(grow *g, char ch) {
  if (g->n + 1 >= g->cap) {
    size_t cap = g->cap < 32 ? 32 : g->cap * 2;
    char *s = realloc(g->s, cap);
    if (s == NULL) {
      return false;
    }
    g->s = s;
    g->cap = cap;
  }
  g->s[g->n++] = ch;
  g->s[g->n] = '\0';
  return true;
}

static bool row_put(rb_csv_row *row, grow *cell) {
  char **cells = realloc(row->cells, (size_t)(row->n + 1) * sizeof *cells);
  if (cells == NULL) {
    return false;
  }
  row->cells = cells;
  row->cells[row->n] = cell->s != NULL ? cell->s : calloc(1, 1);
  cell->s = NULL;
  cell->n = cell->cap = 0;
  return row->cells[row->n++] != NULL;
}

static bool table_put(rb_csv_table *t, rb_csv_row *row) {
  bool blank = row->n == 1 && row->cells[0][0] == '\0';
  if (blank) {
    free(row->cells[0]);
    free(row->cells);
  } else {
    rb_csv_row *rows = realloc(t->rows, (size_t)(t->n + 1) * sizeof *rows);
    if (rows == NULL) {
      return false;
    }
    t->rows = rows;
    t->rows[t->n++] = *row;
  }
  memset(row, 0, sizeof *row);
  return true;
}

/* A line end at @p s (LF, CRLF or a lone CR): its length, else 0. */
static size_t line_end(const char *s, const char *end) {
  if (s < end && *s == '\n') {
    return 1;
  }
  if (s < end && *s == '\r') {
    return s + 1 < end && s[1] == '\n' ? 2 : 1;
  }
  return 0;
}

/* Parse the records of [s, end). @return 0, -2 (reason in err) or -3. */
static int parse(rb_csv_table *t, const char *s, const char *end, char *err,
                 size_t errn) {
  int line = 1, quote_line = 0;
  bool quoted = false, fresh = true;
  grow cell = {0};
  rb_csv_row row = {NULL, 0, 1};
  int rc = 0;
  while (rc == 0 && s <= end) {
    size_t le = s < end ? line_end(s, end) : 0;
    if (s < end && *s == '\0') {
      snprintf(err, errn, "line %d: a NUL byte: not a text file", line);
      rc = -2;
    } else if (quoted && s == end) {
      snprintf(err, errn, "line %d: a quote is not closed", quote_line);
      rc = -2;
    } else if (quoted && *s == '"' && s + 1 < end && s[1] == '"') {
      rc = grow_put(&cell, '"') ? 0 : -3;
      s++;
    } else if (*s == '"' && (quoted || fresh)) {
      quoted = !quoted;
      quote_line = line;
    } else if (quoted && le > 0) {
      rc = grow_put(&cell, '\n') ? 0 : -3;
      line++;
      s += le;
      fresh = false;
      continue;
    } else if (quoted) {
      rc = grow_put(&cell, *s) ? 0 : -3;
    } else if (s == end || le > 0 || *s == t->sep) {
      bool done_row = s == end || le > 0;
      rc = row_put(&row, &cell) ? 0 : -3;
      if (rc == 0 && done_row) {
        rc = table_put(t, &row) ? 0 : -3;
        line++;
        row.line = line;
        s += le > 1 ? 1 : 0;
      }
      fresh = true;
      s++;
      continue;
    } else {
      rc = grow_put(&cell, *s) ? 0 : -3;
    }
    fresh = false;
    s++;
  }
  free(cell.s);
  for (int c = 0; c < row.n; c++) {
    free(row.cells[c]);
  }
  free(row.cells);
  return rc;
}

int rb_csv_read(rb_csv_table *t, const char *path, char *err, size_t errn) {
  memset(t, 0, sizeof *t);
  size_t len = 0;
  char *buf = rb_file_slurp(path, &len, CSV_MAX_BYTES);
  if (buf == NULL) {
    snprintf(err, errn, "%s", strerror(errno));
    return errno == ENOMEM ? -3 : -1;
  }
  const char *s = buf, *end = buf + len;
  if (len >= 2 &&
      ((unsigned char)s[0] == 0xFF || (unsigned char)s[0] == 0xFE) &&
      ((unsigned char)s[1] == 0xFE || (unsigned char)s[1] == 0xFF)) {
    snprintf(err, errn,
             "saved as UTF-16 (\"Unicode text\"); save it as "
             "CSV (UTF-8 or with semicolons) instead");
    free(buf);
    return -2;
  }
  if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
    s += 3;
  }
  t->sep = find_sep(s, end);
  int rc = parse(t, s, end, err, errn);
  free(buf);
  if (rc != 0) {
    rb_csv_table_free(t);
  }
  return rc;
}

/* ---- numbers ------------------------------------------------------------
 */

/* The bytes of a blank at @p s (space, tab, U+00A0, U+202F), else 0. */
static size_t blank_len(const char *s) {
  if (*s == ' ' || *s == '\t') {
    return 1;
  }
  if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
    return 2;
  }
  if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
      (unsigned char)s[2] == 0xAF) {
    return 3;
  }
  return 0;
}

/* [+-]digits[.digits][(e|E)[+-]digits], at least one digit before the
 * exponent. */
static bool plain_number(const char *s) {
  int digits = 0;
  s += *s == '+' || *s == '-';
  for (; *s >= '0' && *s <= '9'; s++) {
    digits++;
  }
  if (*s == '.') {
    for (s++; *s >= '0' && *s <= '9'; s++) {
      digits++;
    }
  }
  if (digits == 0) {
    return false;
  }
  if (*s == 'e' || *s == 'E') {
    s++;
    s += *s == '+' || *s == '-';
    if (*s < '0' || *s > '9') {
      return false;
    }
    while (*s >= '0' && *s <= '9') {
      s++;
    }
  }
  return *s == '\0';
}

/* "1.500" in a semicolon file: a point, then exactly three digits, after
 * one to three digits that do not start with 0. */
static bool thousands_like(const char *m, size_t n) {
  size_t i = *m == '+' || *m == '-';
  size_t lead = 0;
  while (i + lead < n && m[i + lead] >= '0' && m[i + lead] <= '9') {
    lead++;
  }
  return lead >= 1 && lead <= 3 && m[i] != '0' && i + lead + 4 == n &&
         m[i + lead] == '.';
}

/* The cell without blanks, U+2212 as '-'; false when it does not fit. */
static bool squeeze(char *out, size_t size, const char *cell) {
  size_t o = 0;
  for (const char *s = cell; *s != '\0';) {
    size_t b = blank_len(s);
    if (b > 0) {
      s += b;
      continue;
    }
    char ch = *s++;
    if ((unsigned char)ch == 0xE2 && (unsigned char)s[0] == 0x88 &&
        (unsigned char)s[1] == 0x92) {
      ch = '-';
      s += 2;
    }
    if (o + 1 >= size) {
      return false;
    }
    out[o++] = ch;
  }
  out[o] = '\0';
  return true;
}

int rb_csv_number(const char *cell, char sep, double *out) {
  char m[128];
  if (!squeeze(m, sizeof m, cell)) {
    return -1;
  }
  if (m[0] == '\0') {
    return 1;
  }
  size_t n = strcspn(m, "eE"); /* the mantissa */
  char *lastp = NULL, *lastc = NULL;
  int points = 0, commas = 0;
  for (size_t i = 0; i < n; i++) {
    points += m[i] == '.';
    commas += m[i] == ',';
    lastp = m[i] == '.' ? m + i : lastp;
    lastc = m[i] == ',' ? m + i : lastc;
  }
  if (sep == ';' && points == 1 && commas == 0 && thousands_like(m, n)) {
    return -2;
  }
  char dec = 0; /* the decimal mark, if any */
  if (points > 0 && commas > 0) {
    dec = lastp > lastc ? '.' : ',';
  } else if (points == 1 || commas == 1) {
    dec = points == 1 ? '.' : ',';
  }
  char *decp = dec == '.' ? lastp : dec == ',' ? lastc : NULL;
  if (dec != 0 && ((dec == '.' && points > 1) || (dec == ',' && commas > 1))) {
    return -1; /* two decimal marks */
  }
  size_t o = 0;
  for (size_t i = 0; m[i] != '\0'; i++) {
    if (i < n && (m[i] == '.' || m[i] == ',') && m + i != decp) {
      continue; /* a thousands mark */
    }
    m[o++] = m + i == decp ? '.' : m[i];
  }
  m[o] = '\0';
  if (!plain_number(m)) {
    return -1;
  }
  *out = strtod(m, NULL);
  return 0;
}
