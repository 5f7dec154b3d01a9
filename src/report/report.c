/* The documents of a results folder for people: report.html and
 * workbook.xlsx with their charts (outputs.md).  This file holds the entry
 * points (a run's report, a sweep's and a tornado's own), the words and
 * number formats both documents share, the headlines of the sweep's and the
 * tornado's own reports, and the reading of sweep and tornado folders that
 * stand beside the run. */
#include "base/io.h"
#include "base/numfmt.h"
#include "report/report_internal.h"

#include "rentbridge/version.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const rb_report_persp_key[3] = {"kommune", "public", "societal"};

/* ---- words --------------------------------------------------------------- */

const char *rb_report_persp_name(const rb_report_ctx *ctx, int p) {
  static const char *const da[3] = {"kommunen", "hele det offentlige",
                                    "samfundet"};
  static const char *const en[3] = {"the municipality",
                                    "the public sector as a whole", "society"};
  if (p < 0 || p > 2) {
    return "?";
  }
  return ctx->da ? da[p] : en[p];
}

const char *rb_report_persp_genitive(const rb_report_ctx *ctx, int p) {
  static const char *const da[3] = {"kommunens", "det offentliges",
                                    "samfundets"};
  static const char *const en[3] = {"the municipality's", "the public sector's",
                                    "society's"};
  if (p < 0 || p > 2) {
    return "?";
  }
  return ctx->da ? da[p] : en[p];
}

const char *rb_report_arm_name(const rb_report_ctx *ctx, int arm) {
  return arm == RB_ARM_INTERVENTION
             ? RB_L(ctx, "Med ordningen", "With the scheme")
             : RB_L(ctx, "Uden ordningen (i dag)", "Without (today)");
}

const char *rb_report_housing_name(const rb_report_ctx *ctx, int h) {
  static const char *const da[RB_H_COUNT + 1] = {"I tilbud (forsorgshjem o.l.)",
                                                 "Egen bolig med tilskud",
                                                 "Egen bolig uden tilskud",
                                                 "Hjemløs",
                                                 "Fraflyttet/ude af opfølgning",
                                                 "Død",
                                                 "Ikke startet endnu"};
  static const char *const en[RB_H_COUNT + 1] = {"In placement (shelter etc.)",
                                                 "Own flat with subsidy",
                                                 "Own flat, ordinary terms",
                                                 "Homeless",
                                                 "Moved away/lost",
                                                 "Dead",
                                                 "Not yet entered"};
  if (h < 0 || h > RB_H_COUNT) {
    return "?";
  }
  return ctx->da ? da[h] : en[h];
}

const char *rb_report_payer_name(const rb_report_ctx *ctx, int payer) {
  static const char *const da[RB_PAYER_COUNT + 1] = {"Kommune", "Region",
                                                     "Stat", "Ingen"};
  static const char *const en[RB_PAYER_COUNT + 1] = {"Municipality", "Region",
                                                     "State", "None"};
  if (payer < 0 || payer > RB_PAYER_COUNT) {
    return "?";
  }
  return ctx->da ? da[payer] : en[payer];
}

const char *rb_report_kind_name(const rb_report_ctx *ctx, int kind) {
  static const char *const da[RB_KIND_COUNT] = {"Ressource", "Overførsel",
                                                "Indtægt", "Produktion"};
  static const char *const en[RB_KIND_COUNT] = {"Resource", "Transfer",
                                                "Revenue", "Production"};
  if (kind < 0 || kind >= RB_KIND_COUNT) {
    return "?";
  }
  return ctx->da ? da[kind] : en[kind];
}

const char *rb_report_item_label(const rb_report_ctx *ctx, int item) {
  static const char *const en[RB_ITEM_COMPUTED_COUNT] = {
      "Temporary rent subsidy",      "Housing benefit (boligsikring)",
      "Benefits (cash benefit, SU)", "Income tax",
      "Production (wages)",          "Rehousing"};
  const rb_results *res = ctx->res;
  int first = res->n_items - RB_ITEM_COMPUTED_COUNT;
  if (!ctx->da && item >= first) {
    return en[item - first];
  }
  const char *l = res->item_label[item];
  return l != NULL && l[0] != '\0' ? l : res->item_name[item];
}

void rb_report_horizon(const rb_report_ctx *ctx, char *buf, size_t n) {
  int h = ctx->horizon;
  if (h % 12 == 0) {
    int y = h / 12;
    snprintf(buf, n, "%d %s", y, ctx->da ? "år" : (y == 1 ? "year" : "years"));
  } else {
    snprintf(buf, n, "%d %s", h,
             ctx->da ? (h == 1 ? "måned" : "måneder")
                     : (h == 1 ? "month" : "months"));
  }
}

void rb_report_headline(const rb_report_ctx *ctx, int p, char *buf, size_t n) {
  const rb_persp_result *pr = &ctx->res->all.persp[0][p];
  const rb_stats *s = &pr->saving;
  char hz[64], x[64], a[64], b[64], pct[32], be[160];
  rb_report_horizon(ctx, hz, sizeof hz);
  bool gain = round(s->mean) >= 0.0;
  rb_report_kr(ctx, x, sizeof x, gain ? s->mean : -s->mean);
  rb_report_kr(ctx, a, sizeof a, s->p2_5);
  rb_report_kr(ctx, b, sizeof b, s->p97_5);
  rb_report_pct(ctx, pct, sizeof pct, s->prob_positive);
  int m = pr->break_even_month;
  if (m > 0) {
    snprintf(be, sizeof be,
             ctx->da ? "den er tjent hjem efter %d %s"
                     : "it breaks even after %d %s",
             m,
             ctx->da ? (m == 1 ? "måned" : "måneder")
                     : (m == 1 ? "month" : "months"));
  } else {
    snprintf(be, sizeof be,
             ctx->da ? "den er ikke tjent hjem inden for de %s"
                     : "it does not break even within the %s",
             hz);
  }
  const char *who = rb_report_persp_name(ctx, p);
  if (ctx->da) {
    if (gain) {
      snprintf(buf, n,
               "Over %s sparer %s %s kr. pr. borger (95 %%-interval %s til "
               "%s kr.); der er %s sandsynlighed for, at ordningen betaler "
               "sig; %s.",
               hz, who, x, a, b, pct, be);
    } else {
      snprintf(buf, n,
               "Over %s koster ordningen %s %s kr. mere pr. borger, end den "
               "sparer (95 %%-interval for besparelsen: %s til %s kr.); der "
               "er kun %s sandsynlighed for, at ordningen betaler sig; %s.",
               hz, who, x, a, b, pct, be);
    }
  } else {
    if (gain) {
      snprintf(buf, n,
               "Over %s %s saves %s kr per citizen (95%% interval %s to %s "
               "kr); there is a %s chance that the scheme pays for itself; "
               "%s.",
               hz, who, x, a, b, pct, be);
    } else {
      snprintf(buf, n,
               "Over %s the scheme costs %s %s kr more per citizen than it "
               "saves (95%% interval of the saving: %s to %s kr); there is "
               "only a %s chance that it pays for itself; %s.",
               hz, who, x, a, b, pct, be);
    }
  }
}

void rb_report_date(const rb_report_ctx *ctx, char *buf, size_t n) {
  static const char *const da[12] = {
      "januar", "februar", "marts",     "april",   "maj",      "juni",
      "juli",   "august",  "september", "oktober", "november", "december"};
  static const char *const en[12] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  int y = 0, mo = 0, d = 0;
  const char *t = ctx->meta->start_time;
  if (sscanf(t, "%4d-%2d-%2d", &y, &mo, &d) == 3 && mo >= 1 && mo <= 12) {
    snprintf(buf, n, ctx->da ? "%d. %s %d" : "%d %s %d", d,
             ctx->da ? da[mo - 1] : en[mo - 1], y);
  } else {
    snprintf(buf, n, "%s", t);
  }
}

/* ---- numbers ------------------------------------------------------------- */

void rb_report_kr(const rb_report_ctx *ctx, char *buf, size_t n, double x) {
  if (!isfinite(x)) {
    snprintf(buf, n, "–");
    return;
  }
  rb_fmt_kr(buf, n, x, ctx->da);
}

void rb_report_pct(const rb_report_ctx *ctx, char *buf, size_t n, double x) {
  if (!isfinite(x)) {
    snprintf(buf, n, "–");
  } else if (x > 0.0 && x < 0.005) {
    snprintf(buf, n, "%s", RB_L(ctx, "under 1 %", "under 1%"));
  } else if (x < 1.0 && x >= 0.995) {
    snprintf(buf, n, "%s", RB_L(ctx, "over 99 %", "over 99%"));
  } else {
    snprintf(buf, n, ctx->da ? "%.0f %%" : "%.0f%%", 100.0 * x);
  }
}

void rb_report_num(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                   int sig) {
  if (!isfinite(x)) {
    snprintf(buf, n, "–");
    return;
  }
  if (fabs(x) >= 1000.0 && x == round(x)) {
    rb_fmt_kr(buf, n, x, ctx->da);
    return;
  }
  snprintf(buf, n, "%.*g", sig, x);
  if (ctx->da) {
    for (char *c = buf; *c; c++) {
      if (*c == '.') {
        *c = ',';
      }
    }
  }
}

/* ---- arrays -------------------------------------------------------------- */

double rb_report_item(const rb_results *res, const rb_group_result *g, int arm,
                      int item, int slot, int disc) {
  size_t k =
      (((size_t)arm * (size_t)res->n_items + (size_t)item) * RB_PAYER_SLOTS +
       (size_t)slot) *
          2 +
      (size_t)disc;
  return g->items[k];
}

double rb_report_item_net(const rb_results *res, const rb_group_result *g,
                          int arm, int item, bool public_sector, int disc) {
  rb_kind kind = res->item_kind[item];
  if (kind == RB_KIND_PRODUCTION) {
    return 0.0;
  }
  double s = 0.0;
  int last = public_sector ? RB_PAYER_COUNT : RB_PAYER_KOMMUNE + 1;
  for (int p = RB_PAYER_KOMMUNE; p < last; p++) {
    s += rb_report_item(res, g, arm, item, p, disc);
  }
  return kind == RB_KIND_REVENUE ? -s : s;
}

double rb_report_yearly(const rb_results *res, int arm, int year, int payer,
                        int kind) {
  size_t k =
      (((size_t)arm * (size_t)res->n_years + (size_t)year) * RB_PAYER_COUNT +
       (size_t)payer) *
          3 +
      (size_t)kind;
  return res->yearly[k];
}

double rb_report_yearly_net(const rb_results *res, int arm, int year,
                            int payer) {
  /* The same expression as yearly.csv's net column. */
  return rb_report_yearly(res, arm, year, payer, 0) +
         rb_report_yearly(res, arm, year, payer, 1) -
         rb_report_yearly(res, arm, year, payer, 2);
}

double rb_report_month_x(const rb_scenario *sc, int t) {
  int mon = sc->info.start_month - 1 + t;
  return (double)(sc->info.start_year + mon / 12) + (double)(mon % 12) / 12.0;
}

/* ---- JSON ---------------------------------------------------------------- */

double rb_report_jnum(const json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

double rb_report_jat(const json_t *arr, size_t i) {
  json_t *v = json_array_get(arr, i);
  return json_is_number(v) ? json_number_value(v) : NAN;
}

char *rb_report_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  while (buf != NULL) {
    size_t k = fread(buf + n, 1, cap - n - 1, f);
    n += k;
    if (k == 0) {
      break;
    }
    if (n + 1 == cap) {
      char *nb = realloc(buf, cap * 2);
      if (nb == NULL) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
  }
  bool bad = ferror(f) != 0;
  fclose(f);
  if (buf == NULL || bad) {
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  if (len != NULL) {
    *len = n;
  }
  return buf;
}

/* Load a sibling JSON file; NULL (with a note in diag) when it is there but
 * unreadable or for another scenario, NULL silently when it is absent. */
static json_t *load_sibling(rb_report_ctx *ctx, const char *path,
                            const char *must_have) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  fclose(f);
  json_error_t err;
  json_t *j = json_load_file(path, 0, &err);
  if (j == NULL) {
    rb_diag_add(ctx->diag, path, err.line, NULL,
                "not included in the report: %s", err.text);
    return NULL;
  }
  const char *name = json_string_value(json_object_get(j, "scenario"));
  if (!json_is_object(j) || json_object_get(j, must_have) == NULL ||
      name == NULL || strcmp(name, ctx->sc->info.name) != 0) {
    rb_diag_add(ctx->diag, path, 0, NULL,
                "not included in the report: not a %s of scenario %s",
                must_have[0] == 'b' ? "tornado" : "sweep", ctx->sc->info.name);
    json_decref(j);
    return NULL;
  }
  return j;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_siblings(rb_report_ctx *ctx, const char *parent) {
  char path[4096];
  const char *name = ctx->sc->info.name;
  if (parent == NULL || parent[0] == '\0') {
    parent = ".";
  }
  snprintf(path, sizeof path, "%s/%s-tornado/tornado.json", parent, name);
  ctx->tornado = load_sibling(ctx, path, "bars");

  DIR *d = opendir(parent);
  if (d == NULL) {
    return;
  }
  char prefix[512];
  snprintf(prefix, sizeof prefix, "%s-sweep-", name);
  size_t plen = strlen(prefix);
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    /* <name>-sweep-<key>; a '.' marks an earlier copy kept as <dir>.N */
    if (strncmp(e->d_name, prefix, plen) == 0 && e->d_name[plen] != '\0' &&
        strchr(e->d_name, '.') == NULL) {
      names[n] = strdup(e->d_name);
      if (names[n] != NULL) {
        n++;
      }
    }
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], cmp_str);
  for (int i = 0; i < n; i++) {
    if (ctx->n_sweeps < RB_MAX_SWEEPS) {
      snprintf(path, sizeof path, "%s/%s/sweep.json", parent, names[i]);
      json_t *j = load_sibling(ctx, path, "values");
      if (j != NULL) {
        ctx->sweeps[ctx->n_sweeps++] = j;
      }
    }
    free(names[i]);
  }
}

/* ---- HTML text --------------------------------------------------------- */

void rb_report_esc(FILE *f, const char *s) {
  for (; s != NULL && *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&':
      fputs("&amp;", f);
      break;
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    case '"':
      fputs("&quot;", f);
      break;
    case '\'':
      fputs("&#39;", f);
      break;
    default:
      if (c >= 0x20 || c == '\n' || c == '\t') {
        fputc(c, f);
      }
    }
  }
}

/* ---- the sweep's headline ------------------------------------------------ */

/* How the swept key is named in a sentence, and its unit. */
typedef enum { UNIT_NONE, UNIT_KR, UNIT_MONTHS } sweep_unit;

typedef struct sweep_words {
  char one[160];  /**< "loft", "værdi af <key>" */
  char many[160]; /**< "lofter", "værdier" */
  sweep_unit unit;
} sweep_words;

static void sweep_words_for(const rb_report_ctx *ctx, const char *key,
                            sweep_words *w) {
  if (key == NULL) {
    key = "?";
  }
  if (strcmp(key, "subsidy.cap") == 0) {
    snprintf(w->one, sizeof w->one, "%s", RB_L(ctx, "loft", "cap"));
    snprintf(w->many, sizeof w->many, "%s", RB_L(ctx, "lofter", "caps"));
    w->unit = UNIT_KR;
  } else if (strcmp(key, "subsidy.period_months") == 0) {
    snprintf(w->one, sizeof w->one, "%s",
             RB_L(ctx, "tilskudsperiode", "subsidy period"));
    snprintf(w->many, sizeof w->many, "%s",
             RB_L(ctx, "tilskudsperioder", "subsidy periods"));
    w->unit = UNIT_MONTHS;
  } else {
    snprintf(w->one, sizeof w->one, "%s %s", RB_L(ctx, "værdi af", "value of"),
             key);
    snprintf(w->many, sizeof w->many, "%s", RB_L(ctx, "værdier", "values"));
    w->unit = UNIT_NONE;
  }
}

/* A value of the swept key with its unit ("3.000 kr.", "24 mdr.", "0,35"). */
static void sweep_value(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                        sweep_unit unit) {
  char v[48];
  if (unit == UNIT_KR) {
    rb_report_kr(ctx, v, sizeof v, x);
    snprintf(buf, n, "%s %s", v, RB_L(ctx, "kr.", "kr"));
  } else if (unit == UNIT_MONTHS) {
    rb_report_num(ctx, v, sizeof v, x, 3);
    snprintf(buf, n, "%s %s", v, RB_L(ctx, "mdr.", "months"));
  } else if (fabs(x) >= 100.0) {
    /* Whole units are precise enough in a sentence (the tables have the
     * digits). */
    rb_report_kr(ctx, buf, n, x);
  } else {
    rb_report_num(ctx, buf, n, x, 4);
  }
}

static void append(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t n, const char *fmt, ...) {
  size_t len = strlen(buf);
  if (len + 1 >= n) {
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + len, n - len, fmt, ap);
  va_end(ap);
}

/* Where the mean saving of perspective @p pp (a sweep.json perspective) is
 * positive, as words: "fra 54 kr.", "op til 2.000 kr. og fra 3.500 kr.", …
 * @return the number of stretches; *all when the whole range saves. */
static int sweep_paying(const rb_report_ctx *ctx, char *buf, size_t n,
                        const json_t *values, const json_t *pp, sweep_unit unit,
                        bool *all) {
  const json_t *mean = json_object_get(pp, "mean");
  const json_t *bev = json_object_get(pp, "break_even_values");
  size_t nv = json_array_size(values), nb = json_array_size(bev);
  int runs = 0;
  double prev_end = -INFINITY;
  buf[0] = '\0';
  *all = false;
  for (size_t i = 0; i < nv;) {
    if (!(rb_report_jat(mean, i) > 0.0)) {
      i++;
      continue;
    }
    size_t j = i;
    while (j + 1 < nv && rb_report_jat(mean, j + 1) > 0.0) {
      j++;
    }
    /* The stretch starts at the break-even value before its first point
     * (the last one after the previous stretch), or at the point itself
     * when the curve only rises from zero there; likewise at its end. */
    double lo = rb_report_jat(values, i), hi = rb_report_jat(values, j);
    for (size_t k = 0; i > 0 && k < nb; k++) {
      double b = rb_report_jat(bev, k);
      if (b > prev_end && b <= rb_report_jat(values, i)) {
        lo = b;
      }
    }
    size_t m = j + 1;
    while (m < nv && !(rb_report_jat(mean, m) > 0.0)) {
      m++;
    }
    double next = m < nv ? rb_report_jat(values, m) : INFINITY;
    for (size_t k = 0; j + 1 < nv && k < nb; k++) {
      double b = rb_report_jat(bev, k);
      if (b >= rb_report_jat(values, j) && b < next) {
        hi = b;
        break;
      }
    }
    char a[64], z[64];
    sweep_value(ctx, a, sizeof a, lo, unit);
    sweep_value(ctx, z, sizeof z, hi, unit);
    const char *sep = runs > 0 ? RB_L(ctx, " og ", " and ") : "";
    if (i == 0 && j + 1 == nv) {
      *all = true;
    } else if (i == 0) {
      append(buf, n, "%s%s %s", sep, RB_L(ctx, "op til", "up to"), z);
    } else if (j + 1 == nv) {
      append(buf, n, "%s%s %s", sep, RB_L(ctx, "fra", "from"), a);
    } else {
      append(buf, n, "%s%s %s %s %s", sep, RB_L(ctx, "fra", "from"), a,
             RB_L(ctx, "til", "to"), z);
    }
    runs++;
    prev_end = rb_report_jat(values, j);
    i = j + 1;
  }
  return runs;
}

void rb_report_sweep_headline(const rb_report_ctx *ctx, int p, char *buf,
                              size_t n) {
  buf[0] = '\0';
  const json_t *sw = ctx->n_sweeps > 0 ? ctx->sweeps[0] : NULL;
  const json_t *values = json_object_get(sw, "values");
  const json_t *pp = json_object_get(json_object_get(sw, "perspectives"),
                                     rb_report_persp_key[p]);
  sweep_words w;
  sweep_words_for(ctx, json_string_value(json_object_get(sw, "param")), &w);
  const char *who = rb_report_persp_name(ctx, p);
  char hz[64], best[64], x[64], a[64], b[64];
  rb_report_horizon(ctx, hz, sizeof hz);
  size_t nv = json_array_size(values);
  /* The best value and its saving, as sweep.json has them. */
  double bv = rb_report_jnum(pp, "best_value");
  size_t bi = nv;
  for (size_t i = 0; isfinite(bv) && i < nv; i++) {
    if (rb_report_jat(values, i) == bv) {
      bi = i;
      break;
    }
  }
  if (bi < nv) {
    double mean = rb_report_jat(json_object_get(pp, "mean"), bi);
    bool gain = round(mean) >= 0.0;
    sweep_value(ctx, best, sizeof best, bv, w.unit);
    rb_report_kr(ctx, x, sizeof x, gain ? mean : -mean);
    rb_report_kr(ctx, a, sizeof a,
                 rb_report_jat(json_object_get(pp, "p2_5"), bi));
    rb_report_kr(ctx, b, sizeof b,
                 rb_report_jat(json_object_get(pp, "p97_5"), bi));
    if (ctx->da) {
      if (gain) {
        append(buf, n,
               "Bedste %s for %s: %s, hvor %s sparer %s kr. pr. borger over "
               "%s (95 %%-interval %s til %s kr.); ",
               w.one, who, best, who, x, hz, a, b);
      } else {
        append(buf, n,
               "Bedste %s for %s: %s, men også dér koster ordningen %s %s "
               "kr. mere pr. borger over %s, end den sparer; ",
               w.one, who, best, who, x, hz);
      }
    } else {
      if (gain) {
        append(buf, n,
               "Best %s for %s: %s, where %s saves %s kr per citizen over %s "
               "(95%% interval %s to %s kr); ",
               w.one, who, best, who, x, hz, a, b);
      } else {
        append(buf, n,
               "Best %s for %s: %s, but even there the scheme costs %s %s kr "
               "more per citizen over %s than it saves; ",
               w.one, who, best, who, x, hz);
      }
    }
  }
  char ranges[512];
  bool all = false;
  int runs = sweep_paying(ctx, ranges, sizeof ranges, values, pp, w.unit, &all);
  char first[64], last[64];
  /* "(0 til 4.000 kr.)": the unit once. */
  sweep_value(ctx, first, sizeof first, rb_report_jat(values, 0), UNIT_NONE);
  sweep_value(ctx, last, sizeof last,
              rb_report_jat(values, nv > 0 ? nv - 1 : 0), w.unit);
  if (runs == 0) {
    append(buf, n,
           ctx->da ? "ordningen betaler sig ikke for %s ved nogen af de "
                     "undersøgte %s (%s til %s)."
                   : "the scheme does not pay off for %s at any of the %s "
                     "studied (%s to %s).",
           who, w.many, first, last);
  } else if (all) {
    append(buf, n,
           ctx->da ? "ordningen betaler sig for %s ved alle de undersøgte %s "
                     "(%s til %s)."
                   : "the scheme pays off for %s at every one of the %s "
                     "studied (%s to %s).",
           who, w.many, first, last);
  } else {
    append(buf, n,
           ctx->da ? "ordningen betaler sig for %s ved %s %s"
                   : "the scheme pays off for %s at %s %s",
           who, w.many, ranges);
    /* One full stop, also after "kr.". */
    size_t len = strlen(buf);
    if (len > 0 && buf[len - 1] != '.') {
      append(buf, n, ".");
    }
  }
  if (buf[0] >= 'a' && buf[0] <= 'z') {
    buf[0] = (char)(buf[0] - 'a' + 'A');
  }
}

/* ---- the tornado's headline ---------------------------------------------- */

/* A key in the text: in <code> for HTML. */
static void truth_key(FILE *f, const char *key, bool html) {
  if (html) {
    fputs("<code>", f);
    rb_report_esc(f, key);
    fputs("</code>", f);
  } else {
    fputs(key != NULL ? key : "?", f);
  }
}

int rb_report_tornado_truths(FILE *f, const rb_report_ctx *ctx, int p,
                             bool html) {
  const char *pk = rb_report_persp_key[p];
  json_t *bars = json_object_get(ctx->tornado, "bars");
  double b0 = rb_report_jnum(json_object_get(ctx->tornado, "base"), pk);
  /* As the tornado decides a flip: a saving of exactly 0 does not save. */
  bool saves = b0 > 0.0;
  int flips = 0;
  for (size_t i = 0; i < json_array_size(bars); i++) {
    json_t *b = json_array_get(bars, i);
    json_t *fl = json_object_get(json_object_get(b, "flips_sign"), pk);
    if (!json_is_true(fl)) {
      continue;
    }
    for (int end = 0; end < 2; end++) {
      double sv = rb_report_jnum(
          json_object_get(b, end == 0 ? "saving_low" : "saving_high"), pk);
      if (!isfinite(sv) || !isfinite(b0) || (sv > 0.0) == saves) {
        continue;
      }
      char v[64], s[64], t[64];
      rb_report_num(ctx, v, sizeof v,
                    rb_report_jnum(b, end == 0 ? "low" : "high"), 6);
      rb_report_kr(ctx, s, sizeof s, sv);
      /* The value at which the saving crosses zero, when the tornado gives
       * it. */
      double th = rb_report_jnum(json_object_get(b, "threshold"), pk);
      double val = rb_report_jnum(b, "value");
      /* The threshold belongs to the end on whose side of the value it
       * lies (when both ends turn the result, it is the nearer one's). */
      if (isfinite(val) && (end == 0 ? th > val : th < val)) {
        th = NAN;
      }
      rb_report_num(ctx, t, sizeof t, th, 6);
      if (flips > 0) {
        fputs(saves ? "; " : RB_L(ctx, " eller ", " or "), f);
      }
      truth_key(f, json_string_value(json_object_get(b, "key")), html);
      if (saves) {
        fprintf(f, " %s %s (%s %s %s",
                ctx->da ? (end == 0 ? "må ikke være så lav som"
                                    : "må ikke være så høj som")
                        : (end == 0 ? "must not be as low as"
                                    : "must not be as high as"),
                v, RB_L(ctx, "besparelse", "saving"), s,
                RB_L(ctx, "kr.", "kr"));
        if (isfinite(th)) {
          fprintf(f, "; %s %s", RB_L(ctx, "nul ved", "zero at"), t);
        }
        fputc(')', f);
      } else if (isfinite(th)) {
        fprintf(f,
                ctx->da ? " skal være %s end ca. %s (besparelse %s kr. ved %s)"
                        : " must be %s about %s (saving %s kr at %s)",
                ctx->da ? (end == 0 ? "lavere" : "højere")
                        : (end == 0 ? "below" : "above"),
                t, s, v);
      } else {
        fprintf(f,
                ctx->da ? " skal være så %s som %s (besparelse %s kr.)"
                        : " must be as %s as %s (saving %s kr)",
                ctx->da ? (end == 0 ? "lav" : "høj")
                        : (end == 0 ? "low" : "high"),
                v, s);
      }
      flips++;
    }
  }
  const char *whose = rb_report_persp_genitive(ctx, p);
  if (flips == 0) {
    fprintf(f,
            ctx->da ? "ingen enkelt antagelse vender %s resultat inden for "
                      "sin lave og høje værdi."
                    : "no single assumption turns %s result within its low "
                      "and high value.",
            whose);
  } else if (saves) {
    fprintf(f,
            ctx->da ? " – ellers skifter %s resultat fortegn."
                    : " – otherwise %s result changes sign.",
            whose);
  } else {
    fprintf(f,
            ctx->da ? " – så betaler ordningen sig for %s."
                    : " – then the scheme pays off for %s.",
            rb_report_persp_name(ctx, p));
  }
  return flips;
}

void rb_report_tornado_headline(const rb_report_ctx *ctx, int p, char *buf,
                                size_t n) {
  const char *pk = rb_report_persp_key[p];
  json_t *bars = json_object_get(ctx->tornado, "bars");
  double b0 = rb_report_jnum(json_object_get(ctx->tornado, "base"), pk);
  const char *who = rb_report_persp_name(ctx, p);
  char hz[64], x[64];
  rb_report_horizon(ctx, hz, sizeof hz);
  bool gain = round(b0) >= 0.0;
  rb_report_kr(ctx, x, sizeof x, gain ? b0 : -b0);
  buf[0] = '\0';
  if (ctx->da) {
    append(buf, n,
           gain ? "Med alle antagelser som ventet sparer %s %s kr. pr. "
                  "borger over %s."
                : "Med alle antagelser som ventet koster ordningen %s %s "
                  "kr. mere pr. borger over %s, end den sparer.",
           who, x, hz);
  } else {
    append(buf, n,
           gain ? "With every assumption as expected, %s saves %s kr per "
                  "citizen over %s."
                : "With every assumption as expected, the scheme costs %s %s "
                  "kr more per citizen over %s than it saves.",
           who, x, hz);
  }
  if (json_array_size(bars) == 0) {
    append(buf, n, " %s",
           RB_L(ctx, "Ingen af scenariets værdier har en lav og en høj værdi.",
                "None of the scenario's values has a low and a high value."));
    return;
  }
  char *text = NULL;
  size_t len = 0;
  int flips = 0;
  FILE *f = open_memstream(&text, &len);
  if (f != NULL) {
    flips = rb_report_tornado_truths(f, ctx, p, false);
    if (fclose(f) == 0 && text != NULL) {
      append(buf, n, " %s %s",
             RB_L(ctx, "Hvad skal være sandt:", "What has to be true:"), text);
    }
  }
  free(text);
  if (flips > 0) {
    return;
  }
  /* Nothing turns the result: the assumption that matters most. */
  size_t top = 0;
  double sw = -1.0;
  for (size_t i = 0; i < json_array_size(bars); i++) {
    double s =
        rb_report_jnum(json_object_get(json_array_get(bars, i), "swing"), pk);
    if (isfinite(s) && s > sw) {
      sw = s;
      top = i;
    }
  }
  if (sw > 0.0) {
    char s[64];
    rb_report_kr(ctx, s, sizeof s, sw);
    append(buf, n,
           ctx->da ? " Størst betydning har %s (udsving %s kr. mellem lav og "
                     "høj værdi)."
                   : " The assumption that matters most is %s (swing %s kr "
                     "between its low and high value).",
           json_string_value(json_object_get(json_array_get(bars, top), "key")),
           s);
  }
}

/* ---- entry points -------------------------------------------------------- */

static rb_report_ctx *ctx_new(const char *dir, const rb_scenario *sc,
                              const rb_results *res, const rb_run_meta *meta,
                              rb_report_kind kind, rb_diag *diag) {
  rb_report_ctx *ctx = calloc(1, sizeof *ctx);
  if (ctx == NULL) {
    rb_diag_add(diag, "report.html", 0, NULL,
                "report.html and workbook.xlsx not written: out of memory");
    return NULL;
  }
  ctx->dir = dir;
  ctx->sc = sc;
  ctx->res = res;
  ctx->meta = meta;
  ctx->diag = diag;
  ctx->kind = kind;
  ctx->horizon = res != NULL ? res->horizon : sc->info.horizon_months;
  ctx->replications = res != NULL ? res->replications : meta->replications;
  ctx->da = sc->info.language != RB_LANG_EN;
  char path[4096];
  rb_sha256_file(ctx->sha_scenario, meta->scenario_path);
  snprintf(path, sizeof path, "%s/scenario.cfg", dir);
  rb_sha256_file(ctx->sha_resolved, path);
  snprintf(path, sizeof path, "%s/rules.cfg", dir);
  rb_sha256_file(ctx->sha_rules, path);
  return ctx;
}

static void ctx_write_and_free(rb_report_ctx *ctx) {
  rb_report_charts(ctx);
  if (rb_report_html(ctx) != RB_OK) {
    rb_diag_add(ctx->diag, "report.html", 0, NULL, "could not be written");
  }
  if (rb_report_xlsx(ctx) != RB_OK) {
    rb_diag_add(ctx->diag, "workbook.xlsx", 0, NULL, "could not be written");
  }
  json_decref(ctx->tornado);
  for (int i = 0; i < ctx->n_sweeps; i++) {
    json_decref(ctx->sweeps[i]);
  }
  free(ctx);
}

void rb_write_report_files(const char *dir, const char *results_parent,
                           const rb_scenario *sc, const rb_results *res,
                           const rb_run_meta *meta, rb_diag *diag) {
  rb_report_ctx *ctx = ctx_new(dir, sc, res, meta, RB_REPORT_RUN, diag);
  if (ctx == NULL) {
    return;
  }
  load_siblings(ctx, results_parent);
  ctx_write_and_free(ctx);
}

/* A sweep's or a tornado's own report, from the JSON file just written into
 * its folder. */
static void write_own_report(const char *dir, const rb_scenario *sc,
                             const rb_run_meta *meta, rb_report_kind kind,
                             rb_diag *diag) {
  rb_report_ctx *ctx = ctx_new(dir, sc, NULL, meta, kind, diag);
  if (ctx == NULL) {
    return;
  }
  const char *name = kind == RB_REPORT_SWEEP ? "sweep.json" : "tornado.json";
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  json_t *j =
      load_sibling(ctx, path, kind == RB_REPORT_SWEEP ? "values" : "bars");
  if (j == NULL) {
    rb_diag_add(diag, "report.html", 0, NULL,
                "report.html and workbook.xlsx not written: %s cannot be "
                "read",
                name);
    free(ctx);
    return;
  }
  if (kind == RB_REPORT_SWEEP) {
    ctx->sweeps[ctx->n_sweeps++] = j;
  } else {
    ctx->tornado = j;
  }
  json_t *reps = json_object_get(j, "replications");
  if (json_is_integer(reps)) {
    ctx->replications = (int)json_integer_value(reps);
  }
  json_t *hz = json_object_get(j, "horizon_months");
  if (json_is_integer(hz)) {
    ctx->horizon = (int)json_integer_value(hz);
  }
  ctx_write_and_free(ctx);
}

void rb_write_sweep_report_files(const char *dir, const rb_scenario *sc,
                                 const rb_run_meta *meta, rb_diag *diag) {
  write_own_report(dir, sc, meta, RB_REPORT_SWEEP, diag);
}

void rb_write_tornado_report_files(const char *dir, const rb_scenario *sc,
                                   const rb_run_meta *meta, rb_diag *diag) {
  write_own_report(dir, sc, meta, RB_REPORT_TORNADO, diag);
}
