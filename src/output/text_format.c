/* Texts for people: values, percentages and parameter keys in the
 * summaries and charts of a sweep and a tornado (output/text_format.h). */
#include "output/text_format.h"
#include "base/io.h"
#include "base/numfmt.h"
#include "output/writers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rb_out_fmt_value(char *buf, size_t n, double x, bool danish) {
  if (!isfinite(x)) {
    snprintf(buf, n, "-");
    return;
  }
  if (x == floor(x) || fabs(x) >= 100.0) {
    rb_fmt_kr(buf, n, x, danish);
    return;
  }
  snprintf(buf, n, "%.4g", x);
  char *point = strchr(buf, '.');
  if (danish && point != NULL) {
    *point = ',';
  }
}

void rb_out_fmt_pct(char *buf, size_t n, double share, bool danish) {
  if (!isfinite(share)) {
    snprintf(buf, n, "-");
    return;
  }
  rb_fmt_decimal(buf, n, 100.0 * share, 1, danish);
}

void rb_out_param_label(char *buf, size_t n, const rb_scenario *sc, int i) {
  const char *key = sc->params[i].key;
  int idx = -1;
  const char *name = NULL;
  if (sscanf(key, "costs.[%d]", &idx) == 1 && idx >= 0 && idx < sc->n_costs) {
    name = sc->costs[idx].name;
  } else if (sc->n_groups > 1 && sscanf(key, "groups.[%d]", &idx) == 1 &&
             idx >= 0 && idx < sc->n_groups) {
    name = sc->groups[idx].name;
  }
  if (name != NULL) {
    snprintf(buf, n, "%s (%s)", key, name);
  } else {
    snprintf(buf, n, "%s", key);
  }
}

const char *rb_out_mode_name(rb_mode mode) {
  return mode == RB_MODE_PSA ? "psa" : "stochastic";
}

rb_status rb_out_text_end(FILE *f, char **text) {
  bool bad = ferror(f) != 0;
  if (fclose(f) != 0 || bad) {
    free(*text);
    *text = NULL;
    return RB_ENOMEM;
  }
  return RB_OK;
}

rb_status rb_out_text_write(const char *dir, const char *name,
                            const char *text) {
  FILE *f = rb_open_in(dir, name);
  if (f != NULL) {
    fputs(text, f);
  }
  return rb_close_ok(f, RB_OK);
}
