/* The documents of a results folder for people: report.html and
 * workbook.xlsx with their charts (outputs.md).  This file holds the entry
 * point, the words and number formats both documents share, and the reading
 * of sweep and tornado folders that stand beside the run. */
#include "report_internal.h"

#include "rentbridge/version.h"

#include <dirent.h>
#include <math.h>
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
  int h = ctx->res->horizon;
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
  rb_format_kr(buf, n, x, ctx->da);
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
    rb_format_kr(buf, n, x, ctx->da);
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

/* ---- entry point --------------------------------------------------------- */

void rb_write_report_files(const char *dir, const char *results_parent,
                           const rb_scenario *sc, const rb_results *res,
                           const rb_run_meta *meta, rb_diag *diag) {
  rb_report_ctx *ctx = calloc(1, sizeof *ctx);
  if (ctx == NULL) {
    rb_diag_add(diag, "report.html", 0, NULL,
                "report.html and workbook.xlsx not written: out of memory");
    return;
  }
  ctx->dir = dir;
  ctx->sc = sc;
  ctx->res = res;
  ctx->meta = meta;
  ctx->diag = diag;
  ctx->da = sc->info.language != RB_LANG_EN;
  char path[4096];
  rb_sha256_file(ctx->sha_scenario, meta->scenario_path);
  snprintf(path, sizeof path, "%s/scenario.cfg", dir);
  rb_sha256_file(ctx->sha_resolved, path);
  snprintf(path, sizeof path, "%s/rules.cfg", dir);
  rb_sha256_file(ctx->sha_rules, path);

  load_siblings(ctx, results_parent);
  rb_report_charts(ctx);
  if (rb_report_html(ctx) != RB_OK) {
    rb_diag_add(diag, "report.html", 0, NULL, "could not be written");
  }
  if (rb_report_xlsx(ctx) != RB_OK) {
    rb_diag_add(diag, "workbook.xlsx", 0, NULL, "could not be written");
  }
  json_decref(ctx->tornado);
  for (int i = 0; i < ctx->n_sweeps; i++) {
    json_decref(ctx->sweeps[i]);
  }
  free(ctx);
}
