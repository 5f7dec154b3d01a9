/* The pools of flats in the report and the workbook (pools_report.h): the
 * application's mechanism, the flats the kommune would send back to the
 * housing associations as too dear, and how many of them the scheme
 * uses. */
#include "report/pools_report.h"

#include "output/pools_out.h"
#include "report/lookup.h"
#include "report/wording.h"

#include <stdio.h>
#include <string.h>

/* The columns of a pool's table after the year: arrived, then per arm
 * (first, reference) taken ordinary, taken subsidised, returned. */
enum { POOL_COLS = 1 + 2 * 3 };

static const int ARM_OF[2] = {RB_ARM_INTERVENTION, RB_ARM_BASELINE};

/* Column @p k of a pool's table in year @p y (−1: the horizon). */
static double pool_cell(const rb_report_ctx *ctx, int p, int y, int k) {
  if (k == 0) {
    return rb_pool_flats(ctx->sc, ctx->res, p, RB_ARM_INTERVENTION, y,
                         RB_POOL_COL_ARRIVED);
  }
  return rb_pool_flats(ctx->sc, ctx->res, p, ARM_OF[(k - 1) / 3], y,
                       RB_POOL_COL_ORDINARY + (k - 1) % 3);
}

/* The heading of column @p k in @p buf. */
static void pool_head(const rb_report_ctx *ctx, int k, char *buf, size_t n) {
  static const char *const da[3] = {"almindelige vilkår", "med tilskud",
                                    "sendt tilbage"};
  static const char *const en[3] = {"ordinary terms", "with the subsidy",
                                    "returned"};
  if (k == 0) {
    snprintf(buf, n, "%s", RB_L(ctx, "Boliger i alt", "Flats arrived"));
    return;
  }
  snprintf(buf, n, "%s: %s", rb_report_arm_name(ctx, ARM_OF[(k - 1) / 3]),
           RB_L(ctx, da[(k - 1) % 3], en[(k - 1) % 3]));
}

/* A shared pool's counts are places (docs/model.md, "Shared flats in a
 * pool"): say so after the sentence in @p buf. */
static void shared_places_note(const rb_report_ctx *ctx, char *buf, size_t n) {
  bool shared = false;
  for (int p = 0; p < ctx->sc->n_pools; p++) {
    shared = shared || ctx->sc->pools[p].tenants > 1;
  }
  const size_t len = strlen(buf);
  if (shared && len < n) {
    snprintf(buf + len, n - len, "%s",
             RB_L(ctx,
                  " En delebolig tælles i pladser: en bolig til n lejere er "
                  "n pladser.",
                  " A shared flat counts as places: a flat for n tenants is "
                  "n places."));
  }
}

void rb_pools_sentence(const rb_report_ctx *ctx, char *buf, size_t n) {
  buf[0] = '\0';
  if (ctx->res == NULL || ctx->res->n_pools == 0) {
    return;
  }
  double used, returned;
  rb_pool_scheme_uses(ctx->sc, ctx->res, RB_ARM_INTERVENTION, &used, &returned);
  char u[64], m[64];
  rb_report_kr(ctx, u, sizeof u, used);
  rb_report_kr(ctx, m, sizeof m, returned);
  snprintf(buf, n,
           ctx->da ? "Ordningen bruger %s af de %s boliger fra puljerne, som "
                     "ellers ville være sendt tilbage til "
                     "boligorganisationerne, fordi de er for dyre for "
                     "målgruppen (gennemsnit over simuleringerne, hele "
                     "perioden)."
                   : "The scheme uses %s of the %s flats from the pools that "
                     "would otherwise have been returned to the housing "
                     "associations as too dear for the target groups (mean "
                     "over the replications, the whole horizon).",
           u, m);
  shared_places_note(ctx, buf, n);
}

static void html_table(FILE *f, const rb_report_ctx *ctx, int p) {
  const rb_results *res = ctx->res;
  fprintf(f, "<h3>");
  rb_report_esc(f, ctx->sc->pools[p].label != NULL ? ctx->sc->pools[p].label
                                                   : ctx->sc->pools[p].name);
  fprintf(f, "</h3>\n<table class=\"small\">\n<thead><tr><th>%s</th>",
          RB_L(ctx, "År", "Year"));
  for (int k = 0; k < POOL_COLS; k++) {
    char hd[160];
    pool_head(ctx, k, hd, sizeof hd);
    fprintf(f, "<th class=\"num\">");
    rb_report_esc(f, hd);
    fprintf(f, "</th>");
  }
  fprintf(f, "</tr></thead>\n<tbody>\n");
  for (int y = 0; y <= res->n_years; y++) {
    const int year = y < res->n_years ? y : -1;
    if (year < 0) {
      fprintf(f, "<tr><td><b>%s</b></td>", RB_L(ctx, "I alt", "Total"));
    } else {
      fprintf(f, "<tr><td>%d</td>", res->first_year + y);
    }
    for (int k = 0; k < POOL_COLS; k++) {
      char b[64];
      rb_report_num(ctx, b, sizeof b, pool_cell(ctx, p, year, k), 3);
      fprintf(f, "<td class=\"num\">%s</td>", b);
    }
    fprintf(f, "</tr>\n");
  }
  fprintf(f, "</tbody></table>\n");
}

void rb_pools_html(FILE *f, const rb_report_ctx *ctx) {
  if (ctx->res == NULL || ctx->res->n_pools == 0) {
    return;
  }
  char s[600];
  rb_pools_sentence(ctx, s, sizeof s);
  fprintf(f, "<section id=\"pools\">\n<h2>%s</h2>\n<p>",
          RB_L(ctx, "Boliger fra puljerne", "Flats from the pools"));
  rb_report_esc(f, s);
  fprintf(f, "</p>\n<p class=\"note\">%s</p>\n",
          RB_L(ctx,
               "Boliger pr. år, gennemsnit over simuleringerne. En bolig "
               "tilbydes de ventende borgere i puljens rækkefølge; den første, "
               "der kan betale den (uden tilskud eller med ordningens), får "
               "den; ellers sendes den tilbage. Begge arme får de samme "
               "boliger.",
               "Flats per year, mean over the replications. A flat is "
               "offered to the waiting citizens in the pool's order; the "
               "first who can afford it (without the subsidy or with the "
               "scheme's) takes it; else it is returned. Both arms get the "
               "same flats."));
  for (int p = 0; p < ctx->res->n_pools; p++) {
    html_table(f, ctx, p);
  }
  fprintf(f, "</section>\n");
}

/* The chart of the flats returned per year in both arms, from the first
 * pool's rows 2 … 1 + n_years. */
static void pools_chart(lxw_workbook *wb, lxw_worksheet *ws,
                        const rb_report_ctx *ctx, const char *sheet) {
  lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_COLUMN);
  static const lxw_color_t colour[2] = {0x1B6CA8, 0xE9A03B};
  const lxw_row_t last = (lxw_row_t)(1 + ctx->res->n_years);
  for (int a = 0; a < 2; a++) {
    const lxw_col_t c = (lxw_col_t)(1 + 1 + 3 * a + 2);
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(s, sheet, 2, 0, last, 0);
    chart_series_set_values(s, sheet, 2, c, last, c);
    char nm[160];
    pool_head(ctx, 1 + 3 * a + 2, nm, sizeof nm);
    chart_series_set_name(s, nm);
    lxw_chart_fill fill = {0};
    fill.color = colour[a];
    chart_series_set_fill(s, &fill);
  }
  chart_title_set_name(
      ch, RB_L(ctx, "Boliger sendt tilbage pr. år", "Flats returned per year"));
  chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options opt = {0};
  opt.x_scale = 1.5;
  opt.y_scale = 1.2;
  worksheet_insert_chart_opt(ws, 1, POOL_COLS + 2, ch, &opt);
}

void rb_pools_sheet(lxw_workbook *wb, const rb_report_ctx *ctx,
                    const rb_pf_fmts *f) {
  const rb_results *res = ctx->res;
  if (res == NULL || res->n_pools == 0) {
    return;
  }
  const char *sheet = RB_L(ctx, "Puljer", "Pools");
  lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
  char s[600];
  rb_pools_sentence(ctx, s, sizeof s);
  worksheet_write_string(ws, 0, 0, s, f->bold);
  lxw_row_t r = 1;
  for (int p = 0; p < res->n_pools; p++) {
    const rb_pool *pl = &ctx->sc->pools[p];
    worksheet_write_string(ws, r, 0, pl->label != NULL ? pl->label : pl->name,
                           f->head);
    /* Three lines: an arm's words and what its flats did. */
    worksheet_set_row(ws, r, 45, NULL);
    for (int k = 0; k < POOL_COLS; k++) {
      char hd[160];
      pool_head(ctx, k, hd, sizeof hd);
      worksheet_write_string(ws, r, (lxw_col_t)(1 + k), hd, f->head);
    }
    r++;
    for (int y = 0; y <= res->n_years; y++, r++) {
      const int year = y < res->n_years ? y : -1;
      if (year < 0) {
        worksheet_write_string(ws, r, 0, RB_L(ctx, "i alt", "total"), f->bold);
      } else {
        worksheet_write_number(ws, r, 0, res->first_year + y, NULL);
      }
      for (int k = 0; k < POOL_COLS; k++) {
        worksheet_write_number(ws, r, (lxw_col_t)(1 + k),
                               pool_cell(ctx, p, year, k), f->int_);
      }
    }
    r++;
  }
  worksheet_set_column(ws, 0, 0, 22, NULL);
  worksheet_set_column(ws, 1, POOL_COLS, 18, NULL);
  pools_chart(wb, ws, ctx, sheet);
}

void rb_limit_html(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  if (res == NULL || res->limit == 0) {
    return;
  }
  char share[64], n[64];
  rb_report_pct(ctx, share, sizeof share, res->limit_binding);
  snprintf(n, sizeof n, "%d", res->limit);
  fprintf(f, "<section id=\"limit\">\n<h2>%s</h2>\n<p>",
          RB_L(ctx, "Loftet over samtidige tilskud",
               "The limit on concurrent subsidies"));
  fprintf(f,
          ctx->da ? "Højst %s borgere pr. kommune har tilskud på samme tid. "
                    "Loftet binder i %s af simuleringerne: en borger, der "
                    "ville få tilskud, når loftet er nået, siger nej til "
                    "boligen og venter videre."
                  : "At most %s citizens per kommune have a subsidy at the "
                    "same time. The limit binds in %s of the replications: a "
                    "citizen who would be subsidised when it is reached "
                    "refuses the flat and keeps waiting.",
          n, share);
  fprintf(f,
          "</p>\n<table class=\"small\">\n<thead><tr><th>%s</th>"
          "<th class=\"num\">%s</th><th class=\"num\">%s</th></tr>"
          "</thead>\n<tbody>\n",
          RB_L(ctx, "Kommune", "Kommune"),
          RB_L(ctx, "Andel af månederne, hvor loftet binder",
               "Share of months in which it binds"),
          RB_L(ctx, "Afslåede boliger pr. simulering",
               "Flats refused per replication"));
  for (int k = 0; k < ctx->sc->n_kommuner; k++) {
    double months, refused;
    rb_limit_share(res, k, RB_ARM_INTERVENTION, &months, &refused);
    char a[64], b[64];
    rb_report_pct(ctx, a, sizeof a, months);
    rb_report_num(ctx, b, sizeof b, refused, 3);
    fprintf(f, "<tr><td>");
    rb_report_esc(f, ctx->sc->kommuner[k]);
    fprintf(f,
            "</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
            "</tr>\n",
            a, b);
  }
  fprintf(f, "</tbody></table>\n</section>\n");
}
