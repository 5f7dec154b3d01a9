/* Internal: the integer literals of a libconfig text (see cfglit.h).  The
 * scanner follows libconfig 1.5's (scanner.l): comments `#`, `//` and
 * block comments are skipped, and so are strings (with their escapes) and
 * names (`[A-Za-z*][-A-Za-z0-9_*]*`, which takes true and false too); a
 * number is an integer `[-+]?[0-9]+`, a hexadecimal `0[Xx][0-9A-Fa-f]+`,
 * either with an optional L or LL, or a float (a point or an exponent). */
#include "config/cfglit.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char ch) {
  return ch >= '0' && ch <= '9';
}

static bool is_hex(char ch) {
  return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool is_name_start(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '*';
}

static bool is_name_char(char ch) {
  return is_name_start(ch) || is_digit(ch) || ch == '-' || ch == '_';
}

/* The scanner's place in the text. */
typedef struct scan {
  const char *s;
  size_t len, i;
  int line;
} scan;

static char at(const scan *sc, size_t k) {
  return sc->i + k < sc->len ? sc->s[sc->i + k] : '\0';
}

/* Skips to the end of the line (a line comment). */
static void skip_line(scan *sc) {
  while (sc->i < sc->len && sc->s[sc->i] != '\n') {
    sc->i++;
  }
}

/* Skips what stands before the closing @p end ('"' for a string, whose
 * backslash escapes the next character; '*' for a block comment, closed by
 * "*" "/"), counting the newlines. */
static void skip_until(scan *sc, char end) {
  while (sc->i < sc->len) {
    char ch = sc->s[sc->i++];
    if (ch == '\n') {
      sc->line++;
    } else if (end == '"' && ch == '\\' && sc->i < sc->len) {
      if (sc->s[sc->i] == '\n') {
        sc->line++;
      }
      sc->i++;
    } else if (ch == end && (end == '"' || at(sc, 0) == '/')) {
      sc->i += end == '"' ? 0 : 1;
      return;
    }
  }
}

/* The length of a number at the scanner's place (sign included) and
 * whether it is an integer (*is_int) and hexadecimal (*hex). */
static size_t number_len(const scan *sc, bool *is_int, bool *hex) {
  size_t k = 0;
  *is_int = false;
  *hex = at(sc, 0) == '0' && (at(sc, 1) == 'x' || at(sc, 1) == 'X') &&
         is_hex(at(sc, 2));
  if (*hex) {
    for (k = 2; is_hex(at(sc, k)); k++) {
    }
  } else {
    k = at(sc, 0) == '-' || at(sc, 0) == '+' ? 1 : 0;
    size_t d0 = k;
    while (is_digit(at(sc, k))) {
      k++;
    }
    bool digits = k > d0;
    bool point = at(sc, k) == '.';
    size_t e = point ? k + 1 : k;
    while (point && is_digit(at(sc, e))) {
      e++;
    }
    size_t x = e + 1;
    x += at(sc, x) == '-' || at(sc, x) == '+' ? 1 : 0;
    bool expo = (at(sc, e) == 'e' || at(sc, e) == 'E') && is_digit(at(sc, x));
    if (point || (digits && expo)) {
      if (expo) {
        for (e = x; is_digit(at(sc, e)); e++) {
        }
      }
      return e; /* a float */
    }
    if (!digits) {
      return 0;
    }
  }
  *is_int = true;
  if (at(sc, k) == 'L') {
    k += at(sc, k + 1) == 'L' ? 2 : 1;
  }
  return k;
}

/* @p text (@p len bytes, a literal) into @p buf without its leading
 * zeros and its L suffix, which *suffix tells; false when its digits do not
 * fit (it is then beyond 64 bits, whatever it is). */
static bool lit_normal(char *buf, size_t size, const char *text, size_t len,
                       bool hex, bool *suffix) {
  size_t i = 0, o = 0;
  *suffix = text[len - 1] == 'L';
  len -= *suffix ? (len > 1 && text[len - 2] == 'L' ? 2 : 1) : 0;
  if (hex) {
    buf[o++] = '0';
    buf[o++] = 'x';
    i = 2;
  } else if (text[0] == '-' || text[0] == '+') {
    buf[o++] = text[i++];
  }
  while (i + 1 < len && text[i] == '0') {
    i++;
  }
  if (len - i >= size - o) {
    return false;
  }
  memcpy(buf + o, text + i, len - i);
  buf[o + len - i] = '\0';
  return true;
}

/* The literal @p text (@p len bytes): what libconfig reads, its exact
 * value. */
static void lit_values(rb_lit *l, const char *text, size_t len, bool hex) {
  char buf[400]; /* more digits are beyond any double too */
  bool suffix = false;
  bool fits = lit_normal(buf, sizeof buf, text, len, hex, &suffix);
  size_t t = len < sizeof l->text ? len : sizeof l->text - 4;
  memcpy(l->text, text, t);
  strcpy(l->text + t, len < sizeof l->text ? "" : "...");
  if (!fits) {
    /* Far beyond 64 bits: libconfig saturates, then wraps. */
    bool neg = buf[0] == '-';
    l->huge = true;
    l->exact = neg ? LLONG_MIN : LLONG_MAX;
    l->wrapped = suffix && !hex ? l->exact : (hex || !neg ? -1 : 0);
    l->approx = neg ? -HUGE_VAL : HUGE_VAL;
    return;
  }
  if (hex) {
    unsigned long long w = strtoull(buf, NULL, 16);
    l->wrapped = suffix ? (long long)w : (long long)(int)(unsigned)w;
    errno = 0;
    unsigned long long x = strtoull(buf, NULL, 16);
    l->huge = errno == ERANGE || x > (unsigned long long)LLONG_MAX;
    l->exact = l->huge ? LLONG_MAX : (long long)x;
  } else {
    long long w = strtoll(buf, NULL, 10);
    l->wrapped = suffix ? w : (long long)(int)w;
    errno = 0;
    l->exact = strtoll(buf, NULL, 10);
    l->huge = errno == ERANGE;
  }
  l->approx = strtod(buf, NULL);
}

static bool lit_add(rb_lits *out, const scan *sc, size_t len, bool hex) {
  if (out->n == out->cap) {
    int cap = out->cap ? 2 * out->cap : 64;
    rb_lit *v = realloc(out->v, (size_t)cap * sizeof *v);
    if (v == NULL) {
      return false;
    }
    out->v = v;
    out->cap = cap;
  }
  rb_lit *l = &out->v[out->n++];
  l->line = sc->line;
  lit_values(l, sc->s + sc->i, len, hex);
  return true;
}

bool rb_lits_scan(rb_lits *out, const char *text, size_t len) {
  memset(out, 0, sizeof *out);
  scan sc = {text, len, 0, 1};
  while (sc.i < sc.len) {
    char ch = sc.s[sc.i];
    bool is_int = false, hex = false;
    size_t k = 0;
    if (ch == '#' || (ch == '/' && at(&sc, 1) == '/')) {
      skip_line(&sc);
    } else if (ch == '/' && at(&sc, 1) == '*') {
      sc.i += 2;
      skip_until(&sc, '*');
    } else if (ch == '"') {
      sc.i++;
      skip_until(&sc, '"');
    } else if (is_name_start(ch)) {
      while (sc.i < sc.len && is_name_char(sc.s[sc.i])) {
        sc.i++;
      }
    } else if ((k = number_len(&sc, &is_int, &hex)) > 0) {
      if (is_int && !lit_add(out, &sc, k, hex)) {
        return false;
      }
      sc.i += k;
    } else {
      sc.line += ch == '\n' ? 1 : 0;
      sc.i++;
    }
  }
  return true;
}

/* Does literal @p v fit a setting on line @p line read as @p got?  (A
 * libconfig that reads integers exactly would have read its exact value.)
 * The setting's line may be that of the token after it (the parser's
 * look-ahead), hence the slack. */
static bool fits(const rb_lit *v, int line, long long got) {
  return (v->wrapped == got || (!v->huge && v->exact == got)) &&
         v->line >= line - 2 && v->line <= line + 2;
}

/* The first literal from @p from on that fits, or -1. */
static int find_from(const rb_lits *l, int from, int line, long long got) {
  for (int k = from; k < l->n; k++) {
    if (fits(&l->v[k], line, got)) {
      return k;
    }
  }
  return -1;
}

const rb_lit *rb_lits_match(rb_lits *l, int line, long long got) {
  int k = find_from(l, l->cursor, line, got);
  if (k < 0) {
    k = find_from(l, 0, line, got);
  }
  if (k < 0) {
    return NULL;
  }
  l->cursor = k + 1;
  return &l->v[k];
}

void rb_lits_free(rb_lits *l) {
  free(l->v);
  memset(l, 0, sizeof *l);
}
