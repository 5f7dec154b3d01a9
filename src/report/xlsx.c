/* workbook.xlsx for finance officers (outputs.md), written with
 * libxlsxwriter: every table of the results folder as a sheet, numbers as
 * numbers with kroner formats, frozen header rows, and native Excel charts
 * for the cumulative saving and the budget years.  The document date is the
 * run's start time, so the same run gives the same file. */

#include "report/xlsx.h"
#include "report/workbook.h"

#include "report/headline.h"
#include "report/lookup.h"
#include "report/pools_report.h"
#include "report/portfolio.h"
#include "report/wording.h"
#include "report/xlsx_check.h"

#include "rentbridge/version.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Formats of one workbook. */
typedef struct fmts {
  lxw_format *head, *title, *kr, *kr_bold, *pct, *dec, *int_, *gen, *wrap,
      *bold;
} fmts;

typedef struct book {
  const rb_report_ctx *ctx;
  lxw_workbook *wb;
  fmts f;
  char sheet_month[32], sheet_budget[32];
} book;

/* Columns of the monthly sheet: month and date, then per arm the housing
 * states and the activities, then per perspective the cumulative saving
 * and its band. */
enum { MONTH_FIRST = 2, MONTH_ARM_COLS = RB_MONTHLY_STATES + RB_A_COUNT };

/* The first column of the cumulative savings: after every arm's. */
static int month_cum(const rb_results *res) {
  return MONTH_FIRST + res->n_arms * MONTH_ARM_COLS;
}

/* ---- cells --------------------------------------------------------------- */

static void put_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x,
                    lxw_format *fmt) {
  if (isfinite(x)) {
    worksheet_write_number(ws, r, c, x, fmt);
  }
}

static void put_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                    lxw_format *fmt) {
  if (s != NULL && s[0] != '\0') {
    worksheet_write_string(ws, r, c, s, fmt);
  }
}

/* A column heading in both languages. */
typedef struct {
  const char *da, *en;
} label;

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A header row of the @p n headings @p cols at row @p r, in the report's
 * language. */
static void header(book *b, lxw_worksheet *ws, lxw_row_t r, const label *cols,
                   int n) {
  for (int i = 0; i < n; i++) {
    put_str(ws, r, (lxw_col_t)i, RB_L(b->ctx, cols[i].da, cols[i].en),
            b->f.head);
  }
}

/* A new sheet named @p da or @p en (the report's language) with the @p n
 * headings @p cols on its first row. */
static lxw_worksheet *table_sheet(book *b, const char *da, const char *en,
                                  const label *cols, int n) {
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, RB_L(b->ctx, da, en));
  header(b, ws, 0, cols, n);
  return ws;
}

/* The width of columns @c first to @c last. */
typedef struct {
  lxw_col_t first, last;
  double width;
} col_width;

/* Sets the @p n column widths @p w, in order. */
static void set_widths(lxw_worksheet *ws, const col_width *w, int n) {
  for (int i = 0; i < n; i++) {
    worksheet_set_column(ws, w[i].first, w[i].last, w[i].width, NULL);
  }
}

/* The scenario's title (its name when it has none) at the top left. */
static void put_title(book *b, lxw_worksheet *ws) {
  const rb_scenario *sc = b->ctx->sc;
  const char *title = sc->info.title != NULL && sc->info.title[0]
                          ? sc->info.title
                          : sc->info.name;
  put_str(ws, 0, 0, title, b->f.title);
}

/* The house style of every chart: whole kroner with separators on the y
 * axis, the x axis labels below the plot, the legend at the bottom. */
static void chart_style(lxw_chart *ch) {
  chart_axis_set_num_format(ch->y_axis, "#,##0");
  chart_axis_set_label_position(ch->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
}

/* "YYYY-MM-DDTHH:MM:SSZ" as seconds since 1970 (UTC); 0 when unreadable. */
static time_t parse_utc(const char *s) {
  int y, mo, d, hh, mm, ss;
  if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &hh, &mm, &ss) != 6 ||
      mo < 1 || mo > 12) {
    return 0;
  }
  /* Days from civil (proleptic Gregorian). */
  int yy = mo <= 2 ? y - 1 : y;
  int era = (yy >= 0 ? yy : yy - 399) / 400;
  int yoe = yy - era * 400;
  int mp = (mo + 9) % 12;
  int doy = (153 * mp + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  long long days = (long long)era * 146097 + doe - 719468;
  return (time_t)(days * 86400 + hh * 3600 + mm * 60 + ss);
}

/* ---- sheets -------------------------------------------------------------- */

/* One row of the summary table: statistics @p s of arm @p k (n_arms: the
 * saving; above: the saving of arm k − n_arms + 1 against the reference)
 * of perspective @p p of group @p g, discounted or not. */
static void summary_row(book *b, lxw_worksheet *ws, lxw_row_t r,
                        const rb_group_result *g, int p, int disc, int k) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  const int na = res->n_arms;
  const rb_persp_result *pr = &g->persp[disc][p];
  const rb_stats *s = k < na    ? &pr->arm[k]
                      : k == na ? &pr->saving
                                : &pr->vs[k - na + 1][RB_ARM_BASELINE];
  char other[96];
  snprintf(other, sizeof other, "saving_%s",
           k > na ? res->arm_name[k - na + 1] : "");
  put_str(ws, r, 0, g->name, NULL);
  put_str(ws, r, 1, rb_perspective_name((rb_perspective)p), NULL);
  put_str(ws, r, 2,
          disc == RB_DISC ? RB_L(ctx, "ja", "yes") : RB_L(ctx, "nej", "no"),
          NULL);
  put_str(ws, r, 3,
          k < na    ? rb_report_arm_name(ctx, k)
          : k == na ? "saving"
                    : other,
          k == na ? b->f.bold : NULL);
  lxw_format *kf = k == na ? b->f.kr_bold : b->f.kr;
  put_num(ws, r, 4, s->mean, kf);
  put_num(ws, r, 5, s->mcse, b->f.kr);
  put_num(ws, r, 6, s->sd, b->f.kr);
  put_num(ws, r, 7, s->p2_5, b->f.kr);
  put_num(ws, r, 8, s->median, b->f.kr);
  put_num(ws, r, 9, s->p97_5, b->f.kr);
  if (k > na) {
    put_num(ws, r, 10, s->prob_positive, b->f.pct);
  } else if (k == na) {
    put_num(ws, r, 10, s->prob_positive, b->f.pct);
    if (pr->break_even_month > 0) {
      worksheet_write_number(ws, r, 11, pr->break_even_month, b->f.int_);
    } else {
      put_str(ws, r, 11, RB_L(ctx, "ikke", "never"), NULL);
    }
  }
}

/* The summary table from row @p top on, as summary.csv.
 * @return the row after it. */
static lxw_row_t summary_table(book *b, lxw_worksheet *ws, lxw_row_t top) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  static const label names[] = {
      {"Gruppe", "Group"},
      {"Perspektiv", "Perspective"},
      {"Diskonteret", "Discounted"},
      {"Arm", "Arm"},
      {"Middelværdi", "Mean"},
      {"MCSE", "MCSE"},
      {"Standardafvigelse", "SD"},
      {"2,5 %", "2.5%"},
      {"Median", "Median"},
      {"97,5 %", "97.5%"},
      {"Sandsynlighed for gevinst", "Prob. of a saving"},
      {"Tjent hjem (måned)", "Break-even month"}};
  header(b, ws, top, names, N_OF(names));
  lxw_row_t r = top + 1;
  for (int gi = -1; gi < res->n_groups; gi++) {
    const rb_group_result *g = gi < 0 ? &res->all : &res->groups[gi];
    for (int p = 0; p < RB_P_COUNT; p++) {
      for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
        /* Every arm, the saving, the other arms' savings (as
         * summary.csv). */
        for (int k = 0; k < 2 * res->n_arms - 1; k++) {
          summary_row(b, ws, r++, g, p, disc, k);
        }
      }
    }
  }
  return r;
}

/* The cumulative saving of the whole cohort, from the monthly sheet, as a
 * line chart at row @p r. */
static void summary_chart(book *b, lxw_worksheet *ws, lxw_row_t r) {
  const rb_report_ctx *ctx = b->ctx;
  lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
  const int H = ctx->res->horizon;
  static const lxw_color_t colour[RB_P_COUNT] = {0x1B6CA8, 0x2A9D8F, 0x8D6CAB};
  for (int p = 0; p < RB_P_COUNT; p++) {
    /* Columns of the monthly sheet: mean, then the band, per perspective;
     * the band for the municipality only. */
    lxw_col_t c = (lxw_col_t)(month_cum(b->ctx->res) + 3 * p);
    for (int k = 0; k < (p == RB_P_KOMMUNE ? 3 : 1); k++) {
      lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
      chart_series_set_categories(s, b->sheet_month, 1, 1, (lxw_row_t)H, 1);
      chart_series_set_values(s, b->sheet_month, 1, (lxw_col_t)(c + k),
                              (lxw_row_t)H, (lxw_col_t)(c + k));
      char nm[128];
      snprintf(nm, sizeof nm, "%s%s", rb_report_persp_name(ctx, p),
               k == 0   ? ""
               : k == 1 ? RB_L(ctx, ", 2,5 %", ", 2.5%")
                        : RB_L(ctx, ", 97,5 %", ", 97.5%"));
      chart_series_set_name(s, nm);
      lxw_chart_line ln = {0};
      ln.color = colour[p];
      ln.width = k == 0 ? 2.25f : 1.0f;
      ln.dash_type = k == 0 ? 0 : LXW_CHART_LINE_DASH_DASH;
      chart_series_set_line(s, &ln);
    }
  }
  chart_title_set_name(
      ch, RB_L(ctx, "Kumuleret besparelse pr. borger (nutidsværdi)",
               "Cumulative saving per citizen (present value)"));
  chart_axis_set_name(ch->y_axis,
                      RB_L(ctx, "kr. pr. borger", "kr per citizen"));
  chart_style(ch);
  chart_axis_set_interval_unit(ch->x_axis, 12);
  chart_axis_set_interval_tick(ch->x_axis, 12);
  lxw_chart_options opt = {0};
  opt.x_scale = 2.0;
  opt.y_scale = 1.5;
  worksheet_insert_chart_opt(ws, r, 0, ch, &opt);
}

static void sheet_summary(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  lxw_worksheet *ws =
      workbook_add_worksheet(b->wb, RB_L(ctx, "Resumé", "Summary"));
  put_title(b, ws);
  char *line = rb_report_headline(ctx, RB_P_KOMMUNE);
  put_str(ws, 1, 0, line, NULL);
  free(line);
  char *net = rb_report_net_note(ctx);
  if (net != NULL) {
    put_str(ws, 2, 0, net, NULL);
    free(net);
  }
  const lxw_row_t top = 3;
  lxw_row_t r = summary_table(b, ws, top);
  worksheet_freeze_panes(ws, top + 1, 0);
  worksheet_autofilter(ws, top, 0, r - 1, 11);
  static const col_width widths[] = {
      {0, 0, 18}, {1, 3, 13}, {4, 9, 14}, {10, 11, 16}};
  set_widths(ws, widths, N_OF(widths));
  summary_chart(b, ws, r + 2);
}

/* The first sheet of a sweep's or a tornado's own workbook: the title and
 * the headline per perspective, as the report has them. */
/* The formats the portfolio's sheets use (portfolio_xlsx.c). */
static rb_pf_fmts pf_fmts(const book *b) {
  return (rb_pf_fmts){b->f.head, b->f.title, b->f.kr,  b->f.kr_bold,
                      b->f.pct,  b->f.int_,  b->f.bold};
}

/* A portfolio's kommuner and target groups. */
static void sheet_views(book *b) {
  const rb_pf_fmts f = pf_fmts(b);
  rb_portfolio_sheet_views(b->wb, b->ctx, &f);
}

/* The pools of flats. */
static void sheet_pools(book *b) {
  const rb_pf_fmts f = pf_fmts(b);
  rb_pools_sheet(b->wb, b->ctx, &f);
}

/* A portfolio's budget sheet per kommune. */
static void sheets_kommune_budget(book *b) {
  const rb_pf_fmts f = pf_fmts(b);
  rb_portfolio_sheets_budget(b->wb, b->ctx, &f);
}

static void sheet_decision_summary(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  lxw_worksheet *ws =
      workbook_add_worksheet(b->wb, RB_L(ctx, "Resumé", "Summary"));
  put_title(b, ws);
  put_str(ws, 1, 0,
          ctx->kind == RB_REPORT_SWEEP
              ? RB_L(ctx, "Besparelsen over en parameter (sweep)",
                     "The saving over one parameter (sweep)")
              : RB_L(ctx, "Følsomhed over for antagelserne (tornado)",
                     "Sensitivity to the assumptions (tornado)"),
          b->f.bold);
  put_str(ws, 3, 0, RB_L(ctx, "Perspektiv", "Perspective"), b->f.head);
  put_str(ws, 3, 1, RB_L(ctx, "Resultat", "Result"), b->f.head);
  for (int p = 0; p < RB_P_COUNT; p++) {
    char *line = ctx->kind == RB_REPORT_SWEEP
                     ? rb_report_sweep_headline(ctx, p)
                     : rb_report_tornado_headline(ctx, p);
    put_str(ws, (lxw_row_t)(4 + p), 0, rb_perspective_name((rb_perspective)p),
            NULL);
    put_str(ws, (lxw_row_t)(4 + p), 1, line, b->f.wrap);
    free(line);
    worksheet_set_row(ws, (lxw_row_t)(4 + p), 60, NULL);
  }
  put_str(ws, 8, 0,
          RB_L(ctx,
               "Kr. pr. borger over hele perioden, nutidsværdi; tallene står "
               "på de følgende ark.",
               "Kr per citizen over the whole period, present value; the "
               "numbers are on the following sheets."),
          NULL);
  worksheet_set_column(ws, 0, 0, 14, NULL);
  worksheet_set_column(ws, 1, 1, 110, NULL);
}

static void sheet_items(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  static const label names[] = {
      {"Gruppe", "Group"},
      {"Post", "Item"},
      {"Betegnelse", "Label"},
      {"Art", "Kind"},
      {"Betaler", "Payer"},
      {"Med ordningen, nutidsværdi", "With the scheme, discounted"},
      {"Uden ordningen, nutidsværdi", "Without, discounted"},
      {"Forskel (uden − med), nutidsværdi",
       "Difference (without − with), discounted"},
      {"Med ordningen, udiskonteret", "With the scheme, undiscounted"},
      {"Uden ordningen, udiskonteret", "Without, undiscounted"},
      {"Forskel (uden − med), udiskonteret",
       "Difference (without − with), undiscounted"}};
  lxw_worksheet *ws = table_sheet(b, "Poster", "Items", names, N_OF(names));
  lxw_row_t r = 1;
  for (int gi = -1; gi < res->n_groups; gi++) {
    const rb_group_result *g = gi < 0 ? &res->all : &res->groups[gi];
    for (int i = 0; i < res->n_items; i++) {
      for (int p = 0; p < RB_PAYER_SLOTS; p++) {
        double v[RB_REPORT_ARMS][RB_DISC_COUNT];
        bool any = false;
        for (int arm = 0; arm < RB_REPORT_ARMS; arm++) {
          for (int d = 0; d < RB_DISC_COUNT; d++) {
            v[arm][d] = rb_res_item(res, g, arm, i, p, d);
            any = any || v[arm][d] != 0.0;
          }
        }
        if (!any) {
          continue;
        }
        put_str(ws, r, 0, g->name, NULL);
        put_str(ws, r, 1, res->item_name[i], NULL);
        put_str(ws, r, 2, rb_report_item_label(ctx, i), NULL);
        put_str(ws, r, 3, rb_report_kind_name(ctx, res->item_kind[i]), NULL);
        put_str(ws, r, 4, rb_report_payer_name(ctx, p), NULL);
        for (int d = 0; d < RB_DISC_COUNT; d++) {
          double with = v[RB_ARM_INTERVENTION][d];
          double without = v[RB_ARM_BASELINE][d];
          put_num(ws, r, (lxw_col_t)(5 + 3 * d), with, b->f.kr);
          put_num(ws, r, (lxw_col_t)(6 + 3 * d), without, b->f.kr);
          put_num(ws, r, (lxw_col_t)(7 + 3 * d), without - with, b->f.kr);
        }
        r++;
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1, 10);
  static const col_width widths[] = {
      {0, 1, 18}, {2, 2, 32}, {3, 4, 12}, {5, 10, 17}};
  set_widths(ws, widths, N_OF(widths));
  worksheet_set_row(ws, 0, 45, b->f.head);
}

/* The net table of the budget sheet, one row per budget year, ready to
 * paste.  @return the row of the last year. */
static lxw_row_t budget_net(book *b, lxw_worksheet *ws) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  put_str(ws, 0, 0, RB_L(ctx, "År", "Year"), b->f.head);
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    char nm[96];
    const char *pn = rb_report_payer_name(ctx, p);
    snprintf(nm, sizeof nm, "%s, %s", pn, RB_L(ctx, "med ordningen", "with"));
    put_str(ws, 0, (lxw_col_t)(1 + 3 * p), nm, b->f.head);
    snprintf(nm, sizeof nm, "%s, %s", pn,
             RB_L(ctx, "uden ordningen", "without"));
    put_str(ws, 0, (lxw_col_t)(2 + 3 * p), nm, b->f.head);
    snprintf(nm, sizeof nm, "%s, %s", pn, RB_L(ctx, "besparelse", "saving"));
    put_str(ws, 0, (lxw_col_t)(3 + 3 * p), nm, b->f.head);
  }
  put_str(ws, 0, 10, RB_L(ctx, "Besparelse i alt", "Total saving"), b->f.head);
  lxw_row_t r = 1;
  for (int y = 0; y < res->n_years; y++, r++) {
    worksheet_write_number(ws, r, 0, res->first_year + y, NULL);
    double total = 0.0;
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      double wi = rb_report_yearly_net(res, RB_ARM_INTERVENTION, y, p);
      double wo = rb_report_yearly_net(res, RB_ARM_BASELINE, y, p);
      put_num(ws, r, (lxw_col_t)(1 + 3 * p), wi, b->f.kr);
      put_num(ws, r, (lxw_col_t)(2 + 3 * p), wo, b->f.kr);
      put_num(ws, r, (lxw_col_t)(3 + 3 * p), wo - wi, b->f.kr);
      total += wo - wi;
    }
    put_num(ws, r, 10, total, b->f.kr_bold);
  }
  return r - 1;
}

/* The detail of the budget sheet from row @p r on, as yearly.csv. */
static void budget_detail(book *b, lxw_worksheet *ws, lxw_row_t r) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  static const label names[] = {{"År", "Year"},
                                {"Arm", "Arm"},
                                {"Betaler", "Payer"},
                                {"Ressourcer", "Resources"},
                                {"Overførsler", "Transfers"},
                                {"Indtægter", "Revenue"},
                                {"Netto", "Net"}};
  header(b, ws, r++, names, N_OF(names));
  for (int y = 0; y < res->n_years; y++) {
    for (int arm = 0; arm < res->n_arms; arm++) {
      for (int p = 0; p < RB_PAYER_COUNT; p++, r++) {
        worksheet_write_number(ws, r, 0, res->first_year + y, NULL);
        put_str(ws, r, 1, rb_report_arm_name(ctx, arm), NULL);
        put_str(ws, r, 2, rb_report_payer_name(ctx, p), NULL);
        for (int k = 0; k < RB_YEARLY_KINDS; k++) {
          put_num(ws, r, (lxw_col_t)(3 + k), rb_res_yearly(res, arm, y, p, k),
                  b->f.kr);
        }
        put_num(ws, r, 6, rb_report_yearly_net(res, arm, y, p), b->f.kr);
      }
    }
  }
}

/* The saving per budget year and payer as a column chart, from the net
 * table's rows 1 to @p last_year_row. */
static void budget_chart(book *b, lxw_worksheet *ws, lxw_row_t last_year_row) {
  const rb_report_ctx *ctx = b->ctx;
  lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
  static const lxw_color_t colour[RB_PAYER_COUNT] = {0x1B6CA8, 0xE9A03B,
                                                     0x6A994E};
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(s, b->sheet_budget, 1, 0, last_year_row, 0);
    chart_series_set_values(s, b->sheet_budget, 1, (lxw_col_t)(3 + 3 * p),
                            last_year_row, (lxw_col_t)(3 + 3 * p));
    chart_series_set_name(s, rb_report_payer_name(ctx, p));
    lxw_chart_fill fill = {0};
    fill.color = colour[p];
    chart_series_set_fill(s, &fill);
  }
  chart_title_set_name(ch, RB_L(ctx, "Besparelse pr. budgetår og betaler",
                                "Saving per budget year and payer"));
  chart_axis_set_name(ch->y_axis,
                      RB_L(ctx, "kr., hele gruppen", "kr, whole cohort"));
  chart_style(ch);
  lxw_chart_options opt = {0};
  opt.x_scale = 1.6;
  opt.y_scale = 1.3;
  worksheet_insert_chart_opt(ws, 1, 12, ch, &opt);
}

static void sheet_budget(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, b->sheet_budget);
  lxw_row_t last_year_row = budget_net(b, ws);
  lxw_row_t r = last_year_row + 2;
  put_str(ws, r++, 0,
          RB_L(ctx,
               "Hele gruppen, kr., ikke tilbagediskonteret; netto = "
               "ressourcer + overførsler − indtægter (værdien af arbejde "
               "indgår ikke).",
               "Whole cohort, kr, undiscounted; net = resources + transfers "
               "− revenue (the value of work left out)."),
          NULL);
  budget_detail(b, ws, r + 1);
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_set_column(ws, 0, 0, 8, NULL);
  worksheet_set_column(ws, 1, 10, 17, NULL);
  worksheet_set_row(ws, 0, 45, b->f.head);
  budget_chart(b, ws, last_year_row);
}

static void month_header(book *b, lxw_worksheet *ws) {
  const rb_report_ctx *ctx = b->ctx;
  put_str(ws, 0, 0, RB_L(ctx, "Måned", "Month"), b->f.head);
  put_str(ws, 0, 1, RB_L(ctx, "Dato", "Date"), b->f.head);
  for (int arm = 0; arm < ctx->res->n_arms; arm++) {
    const char *an = !ctx->res->arms_given
                         ? (arm == 0 ? RB_L(ctx, "Med", "With")
                                     : RB_L(ctx, "Uden", "Without"))
                         : rb_report_arm_name(ctx, arm);
    for (int k = 0; k < MONTH_ARM_COLS; k++) {
      char nm[128];
      snprintf(nm, sizeof nm, "%s: %s", an,
               k < RB_MONTHLY_STATES
                   ? rb_report_housing_name(ctx, k)
                   : rb_report_activity_name(ctx, k - RB_MONTHLY_STATES));
      put_str(ws, 0, (lxw_col_t)(MONTH_FIRST + MONTH_ARM_COLS * arm + k), nm,
              b->f.head);
    }
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    char nm[128];
    const char *pn = rb_report_persp_name(ctx, p);
    lxw_col_t c = (lxw_col_t)(month_cum(b->ctx->res) + 3 * p);
    snprintf(nm, sizeof nm, "%s: %s",
             RB_L(ctx, "Kumuleret besparelse", "Cumulative saving"), pn);
    put_str(ws, 0, c, nm, b->f.head);
    snprintf(nm, sizeof nm, ctx->da ? "%s, 2,5 %%" : "%s, 2.5%%", pn);
    put_str(ws, 0, c + 1, nm, b->f.head);
    snprintf(nm, sizeof nm, ctx->da ? "%s, 97,5 %%" : "%s, 97.5%%", pn);
    put_str(ws, 0, c + 2, nm, b->f.head);
  }
}

/* The row of simulation month @p t (0-based). */
static void month_row(book *b, lxw_worksheet *ws, int t) {
  const rb_results *res = b->ctx->res;
  const rb_scenario *sc = b->ctx->sc;
  lxw_row_t r = (lxw_row_t)(t + 1);
  int mon = sc->info.start_month - 1 + t;
  char date[16];
  snprintf(date, sizeof date, "%04d-%02d", sc->info.start_year + mon / 12,
           mon % 12 + 1);
  worksheet_write_number(ws, r, 0, t + 1, NULL);
  put_str(ws, r, 1, date, NULL);
  for (int arm = 0; arm < res->n_arms; arm++) {
    lxw_col_t c = (lxw_col_t)(MONTH_FIRST + MONTH_ARM_COLS * arm);
    for (int k = 0; k < RB_MONTHLY_STATES; k++) {
      put_num(ws, r, (lxw_col_t)(c + k), rb_res_monthly_housing(res, arm, t, k),
              b->f.dec);
    }
    for (int k = 0; k < RB_A_COUNT; k++) {
      put_num(ws, r, (lxw_col_t)(c + RB_MONTHLY_STATES + k),
              rb_res_monthly_activity(res, arm, t, k), b->f.dec);
    }
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    lxw_col_t c = (lxw_col_t)(month_cum(b->ctx->res) + 3 * p);
    put_num(ws, r, c, rb_res_cum_saving(res, &res->all, RB_DISC, p, t),
            b->f.kr);
    put_num(ws, r, c + 1, rb_res_band(res, p, t, RB_BAND_LOW), b->f.kr);
    put_num(ws, r, c + 2, rb_res_band(res, p, t, RB_BAND_HIGH), b->f.kr);
  }
}

static void sheet_month(book *b) {
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, b->sheet_month);
  month_header(b, ws);
  for (int t = 0; t < b->ctx->res->horizon; t++) {
    month_row(b, ws, t);
  }
  worksheet_freeze_panes(ws, 1, 2);
  worksheet_set_column(ws, 0, 1, 9, NULL);
  const lxw_col_t mc = (lxw_col_t)month_cum(b->ctx->res);
  worksheet_set_column(ws, MONTH_FIRST, (lxw_col_t)(mc - 1), 13, NULL);
  worksheet_set_column(ws, mc, (lxw_col_t)(mc + 3 * RB_P_COUNT - 1), 16, NULL);
  worksheet_set_row(ws, 0, 60, b->f.head);
}

/* The measures of the outcomes sheet, in outcomes.csv's order: each
 * with its key, its description and where rb_outcomes holds it. */
typedef enum { OUT_DEC, OUT_PCT, OUT_KR } out_fmt;

#define OUT(key, da, en, member, fmt)                                          \
  { key, da, en, offsetof(rb_outcomes, member), fmt }
static const struct outcome_row {
  const char *key, *da, *en;
  size_t off; /**< of the measure in rb_outcomes */
  out_fmt fmt;
} outcome_rows[] = {
    OUT("housed_12", "I egen bolig 12 mdr. efter start",
        "Housed 12 months after entry", housed[0], OUT_PCT),
    OUT("housed_24", "I egen bolig 24 mdr. efter start",
        "Housed 24 months after entry", housed[1], OUT_PCT),
    OUT("housed_36", "I egen bolig 36 mdr. efter start",
        "Housed 36 months after entry", housed[2], OUT_PCT),
    OUT("retention_24", "Stadig i bolig 24 mdr. efter indflytning",
        "Still housed 24 months after moving in", retention_24, OUT_PCT),
    OUT("employed_12", "I job 12 mdr. efter start",
        "Employed 12 months after entry", employed[0], OUT_PCT),
    OUT("employed_24", "I job 24 mdr. efter start",
        "Employed 24 months after entry", employed[1], OUT_PCT),
    OUT("employed_36", "I job 36 mdr. efter start",
        "Employed 36 months after entry", employed[2], OUT_PCT),
    OUT("education_12", "I uddannelse 12 mdr. efter start",
        "In education 12 months after entry", education[0], OUT_PCT),
    OUT("education_24", "I uddannelse 24 mdr. efter start",
        "In education 24 months after entry", education[1], OUT_PCT),
    OUT("education_36", "I uddannelse 36 mdr. efter start",
        "In education 36 months after entry", education[2], OUT_PCT),
    OUT("relapses", "Tilbagefald pr. borger", "Relapses per citizen", relapses,
        OUT_DEC),
    OUT("takeovers", "Overtagne lejemål pr. borger",
        "Leases taken over per citizen", takeovers, OUT_DEC),
    OUT("extensions", "Forlængelser pr. borger", "Extensions per citizen",
        extensions, OUT_DEC),
    OUT("rehousings", "Genhusninger pr. borger", "Rehousings per citizen",
        rehousings, OUT_DEC),
    OUT("moved_in", "Flyttet ind i egen bolig (andel)",
        "Moved into an own flat (share)", moved_in, OUT_PCT),
    OUT("months_waiting", "Måneder i tilbud før første bolig",
        "Months placed before the first flat", months_waiting, OUT_DEC),
    OUT("deaths", "Dødsfald pr. borger", "Deaths per citizen", deaths, OUT_DEC),
    OUT("exits", "Fraflyttet i alt pr. borger", "Exits per citizen (all)",
        exits, OUT_DEC),
    OUT("exits_own_home", "Heraf flyttet i egen varig bolig på eget initiativ",
        "Of which to an own permanent home on own initiative", exits_own_home,
        OUT_DEC),
    OUT("exits_lost", "Heraf ude af opfølgning", "Of which lost to follow-up",
        exits_lost, OUT_DEC),
    OUT("households_housed", "Husstande i egen bolig (antal)",
        "Households housed (number)", households_housed, OUT_DEC),
    OUT("persons_housed", "Personer i egen bolig (antal)",
        "Persons housed (number)", persons_housed, OUT_DEC),
    OUT("activity_kept_12", "Job/uddannelse fastholdt 12 mdr. efter start",
        "Job or education kept 12 months after its start", activity_kept_12,
        OUT_PCT),
    OUT("end_returns", "Tilbage i tilbud ved tilskuddets ophør pr. borger",
        "Back to placed at the subsidy's end per citizen", end_returns,
        OUT_DEC),
    OUT("end_own_flat_share",
        "Ved tilskuddets ophør: egen bolig (andel; gruppe 3: afklaringen)",
        "At the subsidy's end: own flat (share; group 3: the clarification)",
        end_own_flat_share, OUT_PCT),
    OUT("placed_months", "Måneder i tilbud pr. borger",
        "Months placed per citizen", placed_months, OUT_DEC),
    OUT("subsidised_months", "Måneder med tilskud pr. borger",
        "Subsidised months per citizen", subsidised_months, OUT_DEC),
    OUT("subsidy_per_month", "Tilskud pr. måned med tilskud",
        "Subsidy per subsidised month", subsidy_per_month, OUT_KR),
    OUT("offers", "Tilbudte boliger pr. borger", "Flat offers per citizen",
        offers, OUT_DEC),
    OUT("offers_accepted_share", "Andel af tilbud taget imod",
        "Share of offers accepted", offers_accepted_share, OUT_PCT),
};
#undef OUT

/* Every measure of group @p g from row @p r on.  @return the next row. */
static lxw_row_t outcome_group(book *b, lxw_worksheet *ws, lxw_row_t r,
                               const rb_group_result *g) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_outcomes *o = g->outcomes;
  for (size_t k = 0; k < sizeof outcome_rows / sizeof outcome_rows[0];
       k++, r++) {
    const struct outcome_row *row = &outcome_rows[k];
    lxw_format *fm = row->fmt == OUT_PCT  ? b->f.pct
                     : row->fmt == OUT_KR ? b->f.kr
                                          : b->f.dec;
    double with = rb_report_outcome(&o[RB_ARM_INTERVENTION], row->off);
    double without = rb_report_outcome(&o[RB_ARM_BASELINE], row->off);
    put_str(ws, r, 0, g->name, NULL);
    put_str(ws, r, 1, row->key, NULL);
    put_str(ws, r, 2, ctx->da ? row->da : row->en, NULL);
    put_num(ws, r, 3, with, fm);
    put_num(ws, r, 4, without, fm);
    put_num(ws, r, 5, with - without, fm);
  }
  put_str(ws, r, 0, g->name, NULL);
  put_str(ws, r, 1, "bed_months_freed", NULL);
  put_str(ws, r, 2,
          RB_L(ctx, "Pladsmåneder frigjort (hele gruppen)",
               "Bed-months freed (whole group)"),
          NULL);
  put_num(ws, r, 5, g->bed_months_freed, b->f.dec);
  return r + 1;
}

static void sheet_outcomes(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  static const label names[] = {
      {"Gruppe", "Group"},
      {"Mål", "Measure"},
      {"Betegnelse", "Description"},
      {"Med ordningen", "With the scheme"},
      {"Uden ordningen", "Without"},
      {"Forskel (med − uden)", "Difference (with − without)"}};
  lxw_worksheet *ws = table_sheet(b, "Udfald", "Outcomes", names, N_OF(names));
  if (res->arms_given) {
    /* The first arm and the reference, by their words. */
    put_str(ws, 0, 3, rb_report_arm_name(ctx, RB_ARM_INTERVENTION), b->f.head);
    put_str(ws, 0, 4, rb_report_arm_name(ctx, RB_ARM_BASELINE), b->f.head);
  }
  lxw_row_t r = 1;
  for (int gi = -1; gi < res->n_groups; gi++) {
    r = outcome_group(b, ws, r, gi < 0 ? &res->all : &res->groups[gi]);
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r - 1, 5);
  static const col_width widths[] = {{0, 1, 20}, {2, 2, 42}, {3, 5, 17}};
  set_widths(ws, widths, N_OF(widths));
}

/* The waivers' prices (waivers.json, issue 11): per arm and waiver the
 * price per perspective and the move-ins with and without it. */
static void sheet_waivers(book *b) {
  const json_t *rows = json_object_get(b->ctx->waivers, "waivers");
  if (rows == NULL) {
    return;
  }
  static const label names[] = {{"Arm", "Arm"},
                                {"Ordning", "Scheme"},
                                {"Dispensation", "Waiver"},
                                {"Status", "State"}};
  lxw_worksheet *ws =
      table_sheet(b, "Dispensationer", "Waivers", names, N_OF(names));
  for (int p = 0; p < RB_P_COUNT; p++) {
    char head[96];
    snprintf(head, sizeof head, "%s: %s", RB_L(b->ctx, "Pris", "Price"),
             rb_report_persp_name(b->ctx, p));
    put_str(ws, 0, (lxw_col_t)(4 + p), head, b->f.head);
  }
  put_str(ws, 0, 7, RB_L(b->ctx, "Indflytninger med", "Move-ins with"),
          b->f.head);
  put_str(ws, 0, 8, RB_L(b->ctx, "Indflytninger uden", "Move-ins without"),
          b->f.head);
  lxw_row_t r = 1;
  for (size_t i = 0; i < json_array_size(rows); i++, r++) {
    const json_t *x = json_array_get(rows, i);
    static const char *const keys[4] = {"arm", "scheme", "waiver", "state"};
    for (int k = 0; k < 4; k++) {
      put_str(ws, r, (lxw_col_t)k,
              json_string_value(json_object_get(x, keys[k])), NULL);
    }
    const json_t *pr = json_object_get(x, "price");
    for (int p = 0; p < RB_P_COUNT; p++) {
      put_num(ws, r, (lxw_col_t)(4 + p),
              rb_report_jnum(pr, rb_perspective_name((rb_perspective)p)),
              b->f.kr);
    }
    put_num(ws, r, 7, rb_report_jnum(x, "moved_in_with"), b->f.dec);
    put_num(ws, r, 8, rb_report_jnum(x, "moved_in_without"), b->f.dec);
  }
  worksheet_freeze_panes(ws, 1, 0);
  static const col_width widths[] = {{0, 3, 22}, {4, 8, 17}};
  set_widths(ws, widths, N_OF(widths));
}

static void sheet_params(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_scenario *sc = ctx->sc;
  static const label names[] = {{"Nøgle", "Key"},
                                {"Værdi", "Value"},
                                {"Lav", "Low"},
                                {"Høj", "High"},
                                {"Fordeling", "Distribution"},
                                {"p1", "p1"},
                                {"p2", "p2"},
                                {"Usikker", "Uncertain"},
                                {"Kilde", "Source"},
                                {"Fil", "File"},
                                {"Linje", "Line"}};
  lxw_worksheet *ws =
      table_sheet(b, "Antagelser", "Assumptions", names, N_OF(names));
  lxw_row_t r = 1;
  for (int i = 0; i < sc->n_params; i++, r++) {
    const rb_param *p = &sc->params[i];
    put_str(ws, r, 0, p->key, NULL);
    put_num(ws, r, 1, p->value, b->f.gen);
    if (p->has_range) {
      put_num(ws, r, 2, p->low, b->f.gen);
      put_num(ws, r, 3, p->high, b->f.gen);
    }
    put_str(ws, r, 4, rb_dist_name(p->dist), NULL);
    bool two = p->dist == RB_DIST_BETA || p->dist == RB_DIST_GAMMA ||
               p->dist == RB_DIST_LOGNORMAL;
    if (two || p->dist == RB_DIST_NORMAL) {
      put_num(ws, r, 5, p->p1, b->f.gen);
    }
    if (two) {
      put_num(ws, r, 6, p->p2, b->f.gen);
    }
    put_str(ws, r, 7,
            p->uncertain ? RB_L(ctx, "ja", "yes") : RB_L(ctx, "nej", "no"),
            NULL);
    put_str(ws, r, 8, p->source, NULL);
    put_str(ws, r, 9, p->file, NULL);
    worksheet_write_number(ws, r, 10, p->line, NULL);
  }
  /* The rules file's legal figures: constants, never drawn. */
  for (int i = 0; i < sc->rules.n_notes; i++, r++) {
    const rb_rule_note *n = &sc->rules.notes[i];
    char key[300];
    snprintf(key, sizeof key, "rules.%s", n->key);
    put_str(ws, r, 0, key, NULL);
    put_num(ws, r, 1, n->value, b->f.gen);
    put_str(ws, r, 4, RB_L(ctx, "lovregel", "legal rule"), NULL);
    put_str(ws, r, 7, RB_L(ctx, "nej", "no"), NULL);
    put_str(ws, r, 8, n->source, NULL);
    put_str(ws, r, 9, sc->rules_resolved, NULL);
  }
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1, 10);
  static const col_width widths[] = {{0, 0, 46}, {1, 3, 12}, {4, 7, 10},
                                     {8, 8, 50}, {9, 9, 30}, {10, 10, 7}};
  set_widths(ws, widths, N_OF(widths));
}

static void kv(book *b, lxw_worksheet *ws, lxw_row_t *r, const char *k,
               const char *v) {
  put_str(ws, *r, 0, k, b->f.bold);
  put_str(ws, *r, 1, v, NULL);
  (*r)++;
}

static void kv_num(book *b, lxw_worksheet *ws, lxw_row_t *r, const char *k,
                   double v) {
  put_str(ws, *r, 0, k, b->f.bold);
  put_num(ws, *r, 1, v, b->f.int_);
  (*r)++;
}

/* A cell holds at most 32,767 characters (Excel's limit, which
 * libxlsxwriter enforces by writing nothing): a longer command line is cut,
 * at a character's start, and says so. */
#define CELL_TEXT_MAX 32000

static void kv_long(book *b, lxw_worksheet *ws, lxw_row_t *r, const char *k,
                    const char *v) {
  size_t n = v != NULL ? strlen(v) : 0;
  if (n <= CELL_TEXT_MAX) {
    kv(b, ws, r, k, v);
    return;
  }
  static const char mark[] =
      " … (cut here; the whole command line is in manifest.json)";
  char *cut = malloc(CELL_TEXT_MAX + sizeof mark);
  if (cut == NULL) {
    kv(b, ws, r, k, "(too long to show; see manifest.json)");
    return;
  }
  size_t at = CELL_TEXT_MAX;
  while (at > 0 && ((unsigned char)v[at] & 0xC0) == 0x80) {
    at--;
  }
  memcpy(cut, v, at);
  memcpy(cut + at, mark, sizeof mark);
  kv(b, ws, r, k, cut);
  free(cut);
}

static void sheet_run(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  const rb_scenario *sc = ctx->sc;
  const rb_run_meta *m = ctx->meta;
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, RB_L(ctx, "Kørsel", "Run"));
  put_str(ws, 0, 0, RB_L(ctx, "Felt", "Field"), b->f.head);
  put_str(ws, 0, 1, RB_L(ctx, "Værdi", "Value"), b->f.head);
  lxw_row_t r = 1;
  char buf[64];
  kv(b, ws, &r, "engine", "rentbridge");
  kv(b, ws, &r, "engine_version", RB_VERSION);
  kv(b, ws, &r, "command", m->command);
  kv_long(b, ws, &r, "command_line", m->command_line);
  kv(b, ws, &r, "scenario", sc->info.name);
  kv(b, ws, &r, "scenario_file", m->scenario_path);
  kv(b, ws, &r, "scenario_sha256", ctx->sha_scenario);
  kv(b, ws, &r, "resolved_scenario_sha256", ctx->sha_resolved);
  kv(b, ws, &r, "rules_file", sc->rules_resolved);
  kv(b, ws, &r, "rules_sha256", ctx->sha_rules);
  /* The seed as text: it may exceed what a spreadsheet number holds. */
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)m->seed);
  kv(b, ws, &r, "seed", buf);
  kv_num(b, ws, &r, "replications", ctx->replications);
  kv(b, ws, &r, "mode", rb_report_mode(ctx));
  kv_num(b, ws, &r, "threads", m->threads);
  kv(b, ws, &r, "rng", rb_engine_rng_name());
  kv(b, ws, &r, "start_time", m->start_time);
  snprintf(buf, sizeof buf, "%04d-%02d", sc->info.start_year,
           sc->info.start_month);
  kv(b, ws, &r, "start", buf);
  kv_num(b, ws, &r, "horizon_months", ctx->horizon);
  kv_num(b, ws, &r, "price_year", sc->info.price_year);
  kv_num(b, ws, &r, "cohort_size",
         ctx->res != NULL ? ctx->res->all.size : rb_report_cohort_size(sc));
  if (ctx->kind == RB_REPORT_SWEEP) {
    kv(b, ws, &r, "sweep_param",
       json_string_value(json_object_get(ctx->sweeps[0], "param")));
    kv_num(b, ws, &r, "sweep_values",
           (double)json_array_size(json_object_get(ctx->sweeps[0], "values")));
  }
  kv(b, ws, &r, "municipality", sc->info.municipality);
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_column(ws, 0, 0, 26, NULL);
  worksheet_set_column(ws, 1, 1, 70, NULL);
}

static void sheet_tornado(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  if (ctx->tornado == NULL) {
    return;
  }
  static const label fixed[] = {{"Nøgle", "Key"},
                                {"Kilde", "Source"},
                                {"Værdi", "Value"},
                                {"Lav", "Low"},
                                {"Høj", "High"}};
  lxw_worksheet *ws = table_sheet(b, "Tornado", "Tornado", fixed, N_OF(fixed));
  static const char *const what[4] = {"saving_low", "saving_high", "swing",
                                      "flips_sign"};
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int k = 0; k < 4; k++) {
      char nm[64];
      snprintf(nm, sizeof nm, "%s %s", rb_perspective_name((rb_perspective)p),
               what[k]);
      put_str(ws, 0, (lxw_col_t)(5 + 4 * p + k), nm, b->f.head);
    }
  }
  json_t *bars = json_object_get(ctx->tornado, "bars");
  lxw_row_t r = 1;
  for (size_t i = 0; i < json_array_size(bars); i++, r++) {
    json_t *bar = json_array_get(bars, i);
    put_str(ws, r, 0, json_string_value(json_object_get(bar, "key")), NULL);
    put_str(ws, r, 1, json_string_value(json_object_get(bar, "source")), NULL);
    put_num(ws, r, 2, rb_report_jnum(bar, "value"), b->f.gen);
    put_num(ws, r, 3, rb_report_jnum(bar, "low"), b->f.gen);
    put_num(ws, r, 4, rb_report_jnum(bar, "high"), b->f.gen);
    for (int p = 0; p < RB_P_COUNT; p++) {
      for (int k = 0; k < 3; k++) {
        put_num(ws, r, (lxw_col_t)(5 + 4 * p + k),
                rb_report_jpersp(bar, what[k], p), b->f.kr);
      }
      json_t *fl = json_object_get(json_object_get(bar, "flips_sign"),
                                   rb_perspective_name((rb_perspective)p));
      if (json_is_boolean(fl)) {
        worksheet_write_boolean(ws, r, (lxw_col_t)(8 + 4 * p), json_is_true(fl),
                                NULL);
      }
    }
  }
  r++;
  put_str(ws, r, 0,
          RB_L(ctx, "Besparelse med alle værdier som antaget",
               "Saving with every value as assumed"),
          b->f.bold);
  for (int p = 0; p < RB_P_COUNT; p++) {
    put_str(ws, r + 1 + (lxw_row_t)p, 0, rb_perspective_name((rb_perspective)p),
            NULL);
    put_num(ws, r + 1 + (lxw_row_t)p, 2,
            rb_report_jpersp(ctx->tornado, "base", p), b->f.kr);
  }
  worksheet_freeze_panes(ws, 1, 1);
  static const col_width widths[] = {
      {0, 0, 42}, {1, 1, 36}, {2, 4, 11}, {5, 16, 15}};
  set_widths(ws, widths, N_OF(widths));
  worksheet_set_row(ws, 0, 30, b->f.head);
}

/* The value of information (voi.json): the EVPI, then every value and
 * group by the municipality's EVPPI; per perspective the EVPPI per citizen,
 * for every citizen enrolled, and the variance explained. */
static void voi_row(book *b, lxw_worksheet *ws, lxw_row_t r, const json_t *e,
                    const char *kind, const char *name) {
  put_str(ws, r, 0, name, NULL);
  put_str(ws, r, 1, kind, NULL);
  put_num(ws, r, 2, rb_report_jnum(e, "n_values"), b->f.int_);
  for (int p = 0; p < RB_P_COUNT; p++) {
    lxw_col_t c = (lxw_col_t)(3 + 3 * p);
    put_num(ws, r, c, rb_report_jpersp(e, kind[0] == 'e' ? "evpi" : "evppi", p),
            b->f.kr);
    put_num(ws, r, c + 1,
            rb_report_jpersp(
                e, kind[0] == 'e' ? "evpi_population" : "evppi_population", p),
            b->f.kr);
    if (kind[0] != 'e') {
      put_num(ws, r, c + 2, rb_report_jpersp(e, "r2", p), b->f.pct);
    }
  }
}

static void sheet_voi(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  if (ctx->voi == NULL) {
    return;
  }
  static const label fixed[] = {
      {"Antagelse", "Assumption"}, {"Art", "Kind"}, {"Værdier", "Values"}};
  lxw_worksheet *ws =
      table_sheet(b, "Hvad bør måles", "What to measure", fixed, N_OF(fixed));
  static const char *const what[3] = {"EVPPI", "EVPPI population", "r2"};
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int k = 0; k < 3; k++) {
      char nm[64];
      snprintf(nm, sizeof nm, "%s %s", rb_perspective_name((rb_perspective)p),
               what[k]);
      put_str(ws, 0, (lxw_col_t)(3 + 3 * p + k), nm, b->f.head);
    }
  }
  voi_row(b, ws, 1, ctx->voi, "evpi",
          RB_L(ctx, "EVPI (alle antagelser)", "EVPI (every assumption)"));
  put_num(ws, 1, 2, rb_report_jnum(ctx->voi, "n_drawn"), b->f.int_);
  json_t *entries = json_object_get(ctx->voi, "entries");
  for (size_t i = 0; i < json_array_size(entries); i++) {
    json_t *e = json_array_get(entries, i);
    voi_row(b, ws, (lxw_row_t)(2 + i), e,
            json_string_value(json_object_get(e, "kind")),
            json_string_value(json_object_get(e, "name")));
  }
  worksheet_freeze_panes(ws, 1, 1);
  static const col_width widths[] = {{0, 0, 52}, {1, 2, 9}, {3, 11, 15}};
  set_widths(ws, widths, N_OF(widths));
  worksheet_set_row(ws, 0, 30, b->f.head);
}

/* The statistics of a sweep's perspectives and the citizens' outcomes at
 * each value. */
static const char *const sweep_stat[4] = {"mean", "p2_5", "p97_5",
                                          "prob_positive"};
static const char *const sweep_extra[5] = {
    "housed_12", "housed_24", "months_waiting", "subsidy_per_month",
    "share_acceptable"};

/* The sweep's table: a row per value from row @p top on. */
static void sweep_table(book *b, lxw_worksheet *ws, const json_t *sw,
                        lxw_row_t top) {
  const rb_report_ctx *ctx = b->ctx;
  const json_t *values = json_object_get(sw, "values");
  put_str(ws, top, 0, RB_L(ctx, "Værdi", "Value"), b->f.head);
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int s = 0; s < 4; s++) {
      char nm[64];
      snprintf(nm, sizeof nm, "%s %s", rb_perspective_name((rb_perspective)p),
               sweep_stat[s]);
      put_str(ws, top, (lxw_col_t)(1 + 4 * p + s), nm, b->f.head);
    }
  }
  for (int e = 0; e < 5; e++) {
    put_str(ws, top, (lxw_col_t)(13 + e), sweep_extra[e], b->f.head);
  }
  for (size_t i = 0; i < json_array_size(values); i++) {
    lxw_row_t r = top + 1 + (lxw_row_t)i;
    put_num(ws, r, 0, rb_report_jat(values, i), b->f.gen);
    for (int p = 0; p < RB_P_COUNT; p++) {
      const json_t *pp = rb_report_sweep_persp(sw, p);
      for (int s = 0; s < 4; s++) {
        put_num(ws, r, (lxw_col_t)(1 + 4 * p + s),
                rb_report_jat(json_object_get(pp, sweep_stat[s]), i),
                s == 3 ? b->f.pct : b->f.kr);
      }
    }
    for (int e = 0; e < 5; e++) {
      put_num(ws, r, (lxw_col_t)(13 + e),
              rb_report_jat(json_object_get(sw, sweep_extra[e]), i),
              e == 0 || e == 1 || e == 4 ? b->f.pct
              : e == 3                   ? b->f.kr
                                         : b->f.dec);
    }
  }
}

/* Each perspective's best value and break-even values from row @p r on.
 * @return the next row. */
static lxw_row_t sweep_best_values(book *b, lxw_worksheet *ws, const json_t *sw,
                                   lxw_row_t r) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    const json_t *pp = rb_report_sweep_persp(sw, p);
    const char *pk = rb_perspective_name((rb_perspective)p);
    char nm[96];
    snprintf(nm, sizeof nm, "%s best_value", pk);
    put_str(ws, r, 0, nm, b->f.bold);
    put_num(ws, r, 1, rb_report_jnum(pp, "best_value"), b->f.gen);
    r++;
    snprintf(nm, sizeof nm, "%s break_even_values", pk);
    put_str(ws, r, 0, nm, b->f.bold);
    const json_t *bev = json_object_get(pp, "break_even_values");
    for (size_t i = 0; i < json_array_size(bev) && i < 100; i++) {
      put_num(ws, r, (lxw_col_t)(1 + i), rb_report_jat(bev, i), b->f.gen);
    }
    r++;
  }
  return r;
}

/* The saving per perspective over the values of sheet @p name (its rows
 * @p top + 1 to @p top + @p n) as a line chart at row @p r. */
static void sweep_chart(book *b, lxw_worksheet *ws, const char *name,
                        const char *param, lxw_row_t top, size_t n,
                        lxw_row_t r) {
  const rb_report_ctx *ctx = b->ctx;
  lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
  for (int p = 0; p < RB_P_COUNT; p++) {
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(s, name, top + 1, 0, top + (lxw_row_t)n, 0);
    chart_series_set_values(s, name, top + 1, (lxw_col_t)(1 + 4 * p),
                            top + (lxw_row_t)n, (lxw_col_t)(1 + 4 * p));
    chart_series_set_name(s, rb_report_persp_name(ctx, p));
  }
  chart_title_set_name(
      ch, RB_L(ctx, "Besparelse pr. borger", "Saving per citizen"));
  chart_axis_set_name(ch->x_axis, param != NULL ? param : "?");
  chart_style(ch);
  worksheet_insert_chart(ws, r, 0, ch);
}

static void sheet_sweep(book *b, int k) {
  const rb_report_ctx *ctx = b->ctx;
  const json_t *sw = ctx->sweeps[k];
  char name[32];
  /* "Sweep" in a sweep's own workbook, "Sweep 1", … beside a run's. */
  if (ctx->kind == RB_REPORT_SWEEP) {
    snprintf(name, sizeof name, "Sweep");
  } else {
    snprintf(name, sizeof name, "Sweep %d", k + 1);
  }
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
  const char *param = json_string_value(json_object_get(sw, "param"));
  put_str(ws, 0, 0, RB_L(ctx, "Parameter", "Parameter"), b->f.bold);
  put_str(ws, 0, 1, param, NULL);
  const lxw_row_t top = 2;
  sweep_table(b, ws, sw, top);
  size_t n = json_array_size(json_object_get(sw, "values"));
  lxw_row_t r = sweep_best_values(b, ws, sw, top + 2 + (lxw_row_t)n);
  worksheet_freeze_panes(ws, top + 1, 1);
  worksheet_set_column(ws, 0, 0, 26, NULL);
  worksheet_set_column(ws, 1, 17, 15, NULL);
  if (n > 0) {
    sweep_chart(b, ws, name, param, top, n, r + 1);
  }
}

/* The formats of the workbook, in the order the file numbers them. */
static void add_formats(book *b) {
  fmts *f = &b->f;
  f->head = workbook_add_format(b->wb);
  format_set_bold(f->head);
  format_set_bg_color(f->head, 0xEEF3F7);
  format_set_bottom(f->head, LXW_BORDER_THIN);
  format_set_text_wrap(f->head);
  format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
  f->title = workbook_add_format(b->wb);
  format_set_bold(f->title);
  format_set_font_size(f->title, 14);
  f->kr = workbook_add_format(b->wb);
  format_set_num_format(f->kr, "#,##0 \"kr.\";-#,##0 \"kr.\"");
  f->kr_bold = workbook_add_format(b->wb);
  format_set_num_format(f->kr_bold, "#,##0 \"kr.\";-#,##0 \"kr.\"");
  format_set_bold(f->kr_bold);
  f->pct = workbook_add_format(b->wb);
  format_set_num_format(f->pct, "0.0%");
  f->dec = workbook_add_format(b->wb);
  format_set_num_format(f->dec, "#,##0.00");
  f->int_ = workbook_add_format(b->wb);
  format_set_num_format(f->int_, "#,##0");
  f->gen = workbook_add_format(b->wb);
  format_set_num_format(f->gen, "General");
  f->wrap = workbook_add_format(b->wb);
  format_set_text_wrap(f->wrap);
  f->bold = workbook_add_format(b->wb);
  format_set_bold(f->bold);
}

/* The document's properties; its date is the run's start time. */
static void set_properties(book *b) {
  const rb_report_ctx *ctx = b->ctx;
  lxw_doc_properties props = {0};
  props.title = ctx->sc->info.title;
  props.subject = RB_L(ctx, "Business case for midlertidigt huslejetilskud",
                       "Business case for a temporary rent subsidy");
  props.author = "rentbridge " RB_VERSION;
  props.company = ctx->sc->info.municipality;
  props.comments = ctx->sc->info.name;
  props.created = parse_utc(ctx->meta->start_time);
  if (props.created == 0) {
    props.created = 1; /* never "now": the file must not depend on it */
  }
  workbook_set_properties(b->wb, &props);
}

rb_status rb_report_xlsx(const rb_report_ctx *ctx) {
  char path[4200];
  snprintf(path, sizeof path, "%s/workbook.xlsx", ctx->dir);
  book b = {0};
  b.ctx = ctx;
  snprintf(b.sheet_month, sizeof b.sheet_month, "%s",
           RB_L(ctx, "Måned", "Monthly"));
  snprintf(b.sheet_budget, sizeof b.sheet_budget, "%s",
           RB_L(ctx, "Budgetår", "Budget years"));
  b.wb = rb_report_workbook_new(ctx->dir, parse_utc(ctx->meta->start_time));
  if (b.wb == NULL) {
    rb_diag_add(ctx->diag, "workbook.xlsx", 0, NULL, "cannot be created");
    return RB_EIO;
  }
  set_properties(&b);
  add_formats(&b);

  if (ctx->kind == RB_REPORT_RUN) {
    sheet_summary(&b);
    sheet_views(&b);
    sheet_items(&b);
    sheet_budget(&b);
    sheets_kommune_budget(&b);
    sheet_month(&b);
    sheet_outcomes(&b);
    sheet_pools(&b);
    sheet_waivers(&b);
    sheet_params(&b);
    sheet_run(&b);
    sheet_tornado(&b);
    sheet_voi(&b);
    for (int k = 0; k < ctx->n_sweeps; k++) {
      sheet_sweep(&b, k);
    }
  } else {
    /* A sweep's or a tornado's own workbook: its table first. */
    sheet_decision_summary(&b);
    sheet_tornado(&b);
    for (int k = 0; k < ctx->n_sweeps; k++) {
      sheet_sweep(&b, k);
    }
    sheet_params(&b);
    sheet_run(&b);
  }
  lxw_error err = workbook_close(b.wb);
  char why[256];
  if (err != LXW_NO_ERROR) {
    rb_diag_add(ctx->diag, path, 0, NULL, "cannot be written: %s",
                lxw_strerror(err));
    return RB_EIO;
  }
  if (rb_xlsx_check(path, why, sizeof why) != 0) {
    rb_diag_add(ctx->diag, path, 0, NULL, "not written completely: %s", why);
    return RB_EIO;
  }
  return RB_OK;
}
