/* Numbers in Danish and English (base/numfmt.h). */
#include "base/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rb_fmt_grouped(char *buf, size_t n, double v, int decimals,
                           bool danish) {
  char raw[400];
  if (n == 0) {
    return buf;
  }
  if (!isfinite(v)) {
    snprintf(buf, n, "%s", RB_NUMFMT_NONE);
    return buf;
  }
  snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
  const bool negative = v < 0.0 && strtod(raw, NULL) != 0.0; /* no "-0" */
  const char thou = danish ? '.' : ',';
  const char dec = danish ? ',' : '.';
  const char *point = strchr(raw, '.');
  size_t int_len = point != NULL ? (size_t)(point - raw) : strlen(raw);
  size_t o = 0;
  if (negative && o + 1 < n) {
    buf[o++] = '-';
  }
  for (size_t i = 0; i < int_len && o + 1 < n; i++) {
    if (i > 0 && (int_len - i) % 3 == 0 && o + 1 < n) {
      buf[o++] = thou;
    }
    if (o + 1 < n) {
      buf[o++] = raw[i];
    }
  }
  if (point != NULL) {
    if (o + 1 < n) {
      buf[o++] = dec;
    }
    for (const char *p = point + 1; *p != '\0' && o + 1 < n; p++) {
      buf[o++] = *p;
    }
  }
  buf[o] = '\0';
  return buf;
}

const char *rb_fmt_decimal(char *buf, size_t n, double v, int decimals,
                           bool danish) {
  if (n == 0) {
    return buf;
  }
  if (!isfinite(v)) {
    snprintf(buf, n, "%s", RB_NUMFMT_NONE);
    return buf;
  }
  snprintf(buf, n, "%.*f", decimals, v);
  if (danish) {
    char *c = strchr(buf, '.');
    if (c != NULL) {
      *c = ',';
    }
  }
  return buf;
}

const char *rb_fmt_kr(char *buf, size_t n, double x, bool danish) {
  /* round() first: half away from zero, as a finance officer rounds. */
  return rb_fmt_grouped(buf, n, round(x), 0, danish);
}
