/* workbook.xlsx for finance officers (outputs.md), written with
 * libxlsxwriter: every table of the results folder as a sheet, numbers as
 * numbers with kroner formats, frozen header rows, and native Excel charts
 * for the cumulative saving and the budget years.  The document date is the
 * run's start time, so the same run gives the same file. */
#include "report/report_internal.h"

#include "rentbridge/version.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Formats of one workbook. */
typedef struct fmts {
  lxw_format *head, *title, *kr, *kr_bold, *pct, *dec, *int_, *gen, *wrap,
      *bold;
} fmts;

typedef struct book {
  rb_report_ctx *ctx;
  lxw_workbook *wb;
  fmts f;
  char sheet_month[32], sheet_budget[32];
} book;

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

/* A header row of @p n texts at row @p r. */
static void header(book *b, lxw_worksheet *ws, lxw_row_t r,
                   const char *const *names, int n) {
  for (int i = 0; i < n; i++) {
    put_str(ws, r, (lxw_col_t)i, names[i], b->f.head);
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

static void sheet_summary(book *b) {
  rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  lxw_worksheet *ws =
      workbook_add_worksheet(b->wb, RB_L(ctx, "Resumé", "Summary"));
  put_title(b, ws);
  char line[1024];
  rb_report_headline(ctx, RB_P_KOMMUNE, line, sizeof line);
  put_str(ws, 1, 0, line, NULL);
  const char *names[] = {
      RB_L(ctx, "Gruppe", "Group"),
      RB_L(ctx, "Perspektiv", "Perspective"),
      RB_L(ctx, "Diskonteret", "Discounted"),
      RB_L(ctx, "Arm", "Arm"),
      RB_L(ctx, "Middelværdi", "Mean"),
      RB_L(ctx, "MCSE", "MCSE"),
      RB_L(ctx, "Standardafvigelse", "SD"),
      RB_L(ctx, "2,5 %", "2.5%"),
      RB_L(ctx, "Median", "Median"),
      RB_L(ctx, "97,5 %", "97.5%"),
      RB_L(ctx, "Sandsynlighed for gevinst", "Prob. of a saving"),
      RB_L(ctx, "Tjent hjem (måned)", "Break-even month")};
  const lxw_row_t top = 3;
  header(b, ws, top, names, 12);
  lxw_row_t r = top + 1;
  for (int gi = -1; gi < res->n_groups; gi++) {
    const rb_group_result *g = gi < 0 ? &res->all : &res->groups[gi];
    for (int p = 0; p < RB_P_COUNT; p++) {
      for (int disc = 0; disc < 2; disc++) {
        const rb_persp_result *pr = &g->persp[disc][p];
        for (int k = 0; k < 3; k++) {
          const rb_stats *s = k < 2 ? &pr->arm[k] : &pr->saving;
          put_str(ws, r, 0, g->name, NULL);
          put_str(ws, r, 1, rb_report_persp_key[p], NULL);
          put_str(ws, r, 2,
                  disc == 0 ? RB_L(ctx, "ja", "yes") : RB_L(ctx, "nej", "no"),
                  NULL);
          put_str(ws, r, 3,
                  k == 0   ? "intervention"
                  : k == 1 ? "baseline"
                           : "saving",
                  k == 2 ? b->f.bold : NULL);
          lxw_format *kf = k == 2 ? b->f.kr_bold : b->f.kr;
          put_num(ws, r, 4, s->mean, kf);
          put_num(ws, r, 5, s->mcse, b->f.kr);
          put_num(ws, r, 6, s->sd, b->f.kr);
          put_num(ws, r, 7, s->p2_5, b->f.kr);
          put_num(ws, r, 8, s->median, b->f.kr);
          put_num(ws, r, 9, s->p97_5, b->f.kr);
          if (k == 2) {
            put_num(ws, r, 10, s->prob_positive, b->f.pct);
            if (pr->break_even_month > 0) {
              worksheet_write_number(ws, r, 11, pr->break_even_month,
                                     b->f.int_);
            } else {
              put_str(ws, r, 11, RB_L(ctx, "ikke", "never"), NULL);
            }
          }
          r++;
        }
      }
    }
  }
  worksheet_freeze_panes(ws, top + 1, 0);
  worksheet_autofilter(ws, top, 0, r - 1, 11);
  worksheet_set_column(ws, 0, 0, 18, NULL);
  worksheet_set_column(ws, 1, 3, 13, NULL);
  worksheet_set_column(ws, 4, 9, 14, NULL);
  worksheet_set_column(ws, 10, 11, 16, NULL);

  /* The cumulative saving of the whole cohort, from the monthly sheet. */
  lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
  const int H = res->horizon;
  static const lxw_color_t colour[3] = {0x1B6CA8, 0x2A9D8F, 0x8D6CAB};
  for (int p = 0; p < RB_P_COUNT; p++) {
    /* Columns of the monthly sheet: mean, then the band, per perspective. */
    lxw_col_t c = (lxw_col_t)(2 + 2 * 10 + 3 * p);
    for (int k = 0; k < (p == 0 ? 3 : 1); k++) {
      lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
      chart_series_set_categories(s, b->sheet_month, 1, 1, (lxw_row_t)H, 1);
      chart_series_set_values(s, b->sheet_month, 1, (lxw_col_t)(c + k),
                              (lxw_row_t)H, (lxw_col_t)(c + k));
      char nm[128];
      char pn[64];
      snprintf(pn, sizeof pn, "%s", rb_report_persp_name(ctx, p));
      snprintf(nm, sizeof nm, "%s%s", pn,
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
  worksheet_insert_chart_opt(ws, r + 2, 0, ch, &opt);
}

/* The first sheet of a sweep's or a tornado's own workbook: the title and
 * the headline per perspective, as the report has them. */
static void sheet_decision_summary(book *b) {
  rb_report_ctx *ctx = b->ctx;
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
  char line[2048];
  for (int p = 0; p < RB_P_COUNT; p++) {
    if (ctx->kind == RB_REPORT_SWEEP) {
      rb_report_sweep_headline(ctx, p, line, sizeof line);
    } else {
      rb_report_tornado_headline(ctx, p, line, sizeof line);
    }
    put_str(ws, (lxw_row_t)(4 + p), 0, rb_report_persp_key[p], NULL);
    put_str(ws, (lxw_row_t)(4 + p), 1, line, b->f.wrap);
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
  rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  lxw_worksheet *ws =
      workbook_add_worksheet(b->wb, RB_L(ctx, "Poster", "Items"));
  const char *names[] = {
      RB_L(ctx, "Gruppe", "Group"),
      RB_L(ctx, "Post", "Item"),
      RB_L(ctx, "Betegnelse", "Label"),
      RB_L(ctx, "Art", "Kind"),
      RB_L(ctx, "Betaler", "Payer"),
      RB_L(ctx, "Med ordningen, nutidsværdi", "With the scheme, discounted"),
      RB_L(ctx, "Uden ordningen, nutidsværdi", "Without, discounted"),
      RB_L(ctx, "Forskel (uden − med), nutidsværdi",
           "Difference (without − with), discounted"),
      RB_L(ctx, "Med ordningen, udiskonteret", "With the scheme, undiscounted"),
      RB_L(ctx, "Uden ordningen, udiskonteret", "Without, undiscounted"),
      RB_L(ctx, "Forskel (uden − med), udiskonteret",
           "Difference (without − with), undiscounted")};
  header(b, ws, 0, names, 11);
  lxw_row_t r = 1;
  for (int gi = -1; gi < res->n_groups; gi++) {
    const rb_group_result *g = gi < 0 ? &res->all : &res->groups[gi];
    for (int i = 0; i < res->n_items; i++) {
      for (int p = 0; p < RB_PAYER_SLOTS; p++) {
        double v[2][2];
        bool any = false;
        for (int arm = 0; arm < 2; arm++) {
          for (int d = 0; d < 2; d++) {
            v[arm][d] = rb_report_item(res, g, arm, i, p, d);
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
        for (int d = 0; d < 2; d++) {
          put_num(ws, r, (lxw_col_t)(5 + 3 * d), v[0][d], b->f.kr);
          put_num(ws, r, (lxw_col_t)(6 + 3 * d), v[1][d], b->f.kr);
          put_num(ws, r, (lxw_col_t)(7 + 3 * d), v[1][d] - v[0][d], b->f.kr);
        }
        r++;
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1, 10);
  worksheet_set_column(ws, 0, 1, 18, NULL);
  worksheet_set_column(ws, 2, 2, 32, NULL);
  worksheet_set_column(ws, 3, 4, 12, NULL);
  worksheet_set_column(ws, 5, 10, 17, NULL);
  worksheet_set_row(ws, 0, 45, b->f.head);
}

static void sheet_budget(book *b) {
  rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, b->sheet_budget);
  /* The net table, one row per budget year, ready to paste. */
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
  lxw_row_t last_year_row = r - 1;
  r++;
  put_str(ws, r++, 0,
          RB_L(ctx,
               "Hele gruppen, kr., ikke tilbagediskonteret; netto = "
               "ressourcer + overførsler − indtægter (værdien af arbejde "
               "indgår ikke).",
               "Whole cohort, kr, undiscounted; net = resources + transfers "
               "− revenue (the value of work left out)."),
          NULL);
  r++;
  /* The detail, as yearly.csv. */
  const char *names[] = {RB_L(ctx, "År", "Year"),
                         RB_L(ctx, "Arm", "Arm"),
                         RB_L(ctx, "Betaler", "Payer"),
                         RB_L(ctx, "Ressourcer", "Resources"),
                         RB_L(ctx, "Overførsler", "Transfers"),
                         RB_L(ctx, "Indtægter", "Revenue"),
                         RB_L(ctx, "Netto", "Net")};
  header(b, ws, r++, names, 7);
  for (int y = 0; y < res->n_years; y++) {
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      for (int p = 0; p < RB_PAYER_COUNT; p++, r++) {
        worksheet_write_number(ws, r, 0, res->first_year + y, NULL);
        put_str(ws, r, 1, rb_arm_name((rb_arm)arm), NULL);
        put_str(ws, r, 2, rb_report_payer_name(ctx, p), NULL);
        for (int k = 0; k < 3; k++) {
          put_num(ws, r, (lxw_col_t)(3 + k),
                  rb_report_yearly(res, arm, y, p, k), b->f.kr);
        }
        put_num(ws, r, 6, rb_report_yearly_net(res, arm, y, p), b->f.kr);
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_set_column(ws, 0, 0, 8, NULL);
  worksheet_set_column(ws, 1, 10, 17, NULL);
  worksheet_set_row(ws, 0, 45, b->f.head);

  lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
  static const lxw_color_t colour[3] = {0x1B6CA8, 0xE9A03B, 0x6A994E};
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

static void sheet_month(book *b) {
  rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  const rb_scenario *sc = ctx->sc;
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, b->sheet_month);
  const int H = res->horizon;
  put_str(ws, 0, 0, RB_L(ctx, "Måned", "Month"), b->f.head);
  put_str(ws, 0, 1, RB_L(ctx, "Dato", "Date"), b->f.head);
  static const char *const act_da[3] = {"ingen aktivitet", "i uddannelse",
                                        "i job"};
  static const char *const act_en[3] = {"no activity", "in education",
                                        "employed"};
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    const char *an =
        arm == 0 ? RB_L(ctx, "Med", "With") : RB_L(ctx, "Uden", "Without");
    for (int k = 0; k < 10; k++) {
      char nm[128];
      snprintf(nm, sizeof nm, "%s: %s", an,
               k < 7 ? rb_report_housing_name(ctx, k)
                     : (ctx->da ? act_da[k - 7] : act_en[k - 7]));
      put_str(ws, 0, (lxw_col_t)(2 + 10 * arm + k), nm, b->f.head);
    }
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    char nm[128];
    const char *pn = rb_report_persp_name(ctx, p);
    lxw_col_t c = (lxw_col_t)(22 + 3 * p);
    snprintf(nm, sizeof nm, "%s: %s",
             RB_L(ctx, "Kumuleret besparelse", "Cumulative saving"), pn);
    put_str(ws, 0, c, nm, b->f.head);
    snprintf(nm, sizeof nm, ctx->da ? "%s, 2,5 %%" : "%s, 2.5%%", pn);
    put_str(ws, 0, c + 1, nm, b->f.head);
    snprintf(nm, sizeof nm, ctx->da ? "%s, 97,5 %%" : "%s, 97.5%%", pn);
    put_str(ws, 0, c + 2, nm, b->f.head);
  }
  for (int t = 0; t < H; t++) {
    lxw_row_t r = (lxw_row_t)(t + 1);
    int mon = sc->info.start_month - 1 + t;
    char date[16];
    snprintf(date, sizeof date, "%04d-%02d", sc->info.start_year + mon / 12,
             mon % 12 + 1);
    worksheet_write_number(ws, r, 0, t + 1, NULL);
    put_str(ws, r, 1, date, NULL);
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      const double *mh =
          res->monthly_housing + ((size_t)arm * (size_t)H + (size_t)t) * 7;
      const double *ma =
          res->monthly_activity + ((size_t)arm * (size_t)H + (size_t)t) * 3;
      for (int k = 0; k < 7; k++) {
        put_num(ws, r, (lxw_col_t)(2 + 10 * arm + k), mh[k], b->f.dec);
      }
      for (int k = 0; k < 3; k++) {
        put_num(ws, r, (lxw_col_t)(9 + 10 * arm + k), ma[k], b->f.dec);
      }
    }
    for (int p = 0; p < RB_P_COUNT; p++) {
      lxw_col_t c = (lxw_col_t)(22 + 3 * p);
      put_num(ws, r, c, res->all.cum_saving[(size_t)p * (size_t)H + (size_t)t],
              b->f.kr);
      put_num(ws, r, c + 1, res->band[((size_t)p * (size_t)H + (size_t)t) * 2],
              b->f.kr);
      put_num(ws, r, c + 2,
              res->band[((size_t)p * (size_t)H + (size_t)t) * 2 + 1], b->f.kr);
    }
  }
  worksheet_freeze_panes(ws, 1, 2);
  worksheet_set_column(ws, 0, 1, 9, NULL);
  worksheet_set_column(ws, 2, 21, 13, NULL);
  worksheet_set_column(ws, 22, 30, 16, NULL);
  worksheet_set_row(ws, 0, 60, b->f.head);
}

static void sheet_outcomes(book *b) {
  rb_report_ctx *ctx = b->ctx;
  const rb_results *res = ctx->res;
  lxw_worksheet *ws =
      workbook_add_worksheet(b->wb, RB_L(ctx, "Udfald", "Outcomes"));
  const char *names[] = {
      RB_L(ctx, "Gruppe", "Group"),
      RB_L(ctx, "Mål", "Measure"),
      RB_L(ctx, "Betegnelse", "Description"),
      RB_L(ctx, "Med ordningen", "With the scheme"),
      RB_L(ctx, "Uden ordningen", "Without"),
      RB_L(ctx, "Forskel (med − uden)", "Difference (with − without)")};
  header(b, ws, 0, names, 6);
  lxw_row_t r = 1;
  for (int gi = -1; gi < res->n_groups; gi++) {
    const rb_group_result *g = gi < 0 ? &res->all : &res->groups[gi];
    const rb_outcomes *o = g->outcomes;
    struct {
      const char *key, *da, *en;
      double a, b;
      int fmt; /* 0 decimal, 1 percent, 2 kroner */
    } rows[] = {
        {"housed_12", "I egen bolig 12 mdr. efter start",
         "Housed 12 months after entry", o[0].housed[0], o[1].housed[0], 1},
        {"housed_24", "I egen bolig 24 mdr. efter start",
         "Housed 24 months after entry", o[0].housed[1], o[1].housed[1], 1},
        {"housed_36", "I egen bolig 36 mdr. efter start",
         "Housed 36 months after entry", o[0].housed[2], o[1].housed[2], 1},
        {"retention_24", "Stadig i bolig 24 mdr. efter indflytning",
         "Still housed 24 months after moving in", o[0].retention_24,
         o[1].retention_24, 1},
        {"employed_12", "I job 12 mdr. efter start",
         "Employed 12 months after entry", o[0].employed[0], o[1].employed[0],
         1},
        {"employed_24", "I job 24 mdr. efter start",
         "Employed 24 months after entry", o[0].employed[1], o[1].employed[1],
         1},
        {"employed_36", "I job 36 mdr. efter start",
         "Employed 36 months after entry", o[0].employed[2], o[1].employed[2],
         1},
        {"education_12", "I uddannelse 12 mdr. efter start",
         "In education 12 months after entry", o[0].education[0],
         o[1].education[0], 1},
        {"education_24", "I uddannelse 24 mdr. efter start",
         "In education 24 months after entry", o[0].education[1],
         o[1].education[1], 1},
        {"education_36", "I uddannelse 36 mdr. efter start",
         "In education 36 months after entry", o[0].education[2],
         o[1].education[2], 1},
        {"relapses", "Tilbagefald pr. borger", "Relapses per citizen",
         o[0].relapses, o[1].relapses, 0},
        {"takeovers", "Overtagne lejemål pr. borger",
         "Leases taken over per citizen", o[0].takeovers, o[1].takeovers, 0},
        {"extensions", "Forlængelser pr. borger", "Extensions per citizen",
         o[0].extensions, o[1].extensions, 0},
        {"rehousings", "Genhusninger pr. borger", "Rehousings per citizen",
         o[0].rehousings, o[1].rehousings, 0},
        {"moved_in", "Flyttet ind i egen bolig (andel)",
         "Moved into an own flat (share)", o[0].moved_in, o[1].moved_in, 1},
        {"months_waiting", "Måneder i tilbud før første bolig",
         "Months placed before the first flat", o[0].months_waiting,
         o[1].months_waiting, 0},
        {"deaths", "Dødsfald pr. borger", "Deaths per citizen", o[0].deaths,
         o[1].deaths, 0},
        {"exits", "Fraflyttet/ude af opfølgning pr. borger",
         "Exits per citizen", o[0].exits, o[1].exits, 0},
        {"placed_months", "Måneder i tilbud pr. borger",
         "Months placed per citizen", o[0].placed_months, o[1].placed_months,
         0},
        {"subsidised_months", "Måneder med tilskud pr. borger",
         "Subsidised months per citizen", o[0].subsidised_months,
         o[1].subsidised_months, 0},
        {"subsidy_per_month", "Tilskud pr. måned med tilskud",
         "Subsidy per subsidised month", o[0].subsidy_per_month,
         o[1].subsidy_per_month, 2},
        {"offers", "Tilbudte boliger pr. borger", "Flat offers per citizen",
         o[0].offers, o[1].offers, 0},
        {"offers_accepted_share", "Andel af tilbud taget imod",
         "Share of offers accepted", o[0].offers_accepted_share,
         o[1].offers_accepted_share, 1},
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++, r++) {
      lxw_format *fm = rows[k].fmt == 1   ? b->f.pct
                       : rows[k].fmt == 2 ? b->f.kr
                                          : b->f.dec;
      put_str(ws, r, 0, g->name, NULL);
      put_str(ws, r, 1, rows[k].key, NULL);
      put_str(ws, r, 2, ctx->da ? rows[k].da : rows[k].en, NULL);
      put_num(ws, r, 3, rows[k].a, fm);
      put_num(ws, r, 4, rows[k].b, fm);
      put_num(ws, r, 5, rows[k].a - rows[k].b, fm);
    }
    put_str(ws, r, 0, g->name, NULL);
    put_str(ws, r, 1, "bed_months_freed", NULL);
    put_str(ws, r, 2,
            RB_L(ctx, "Pladsmåneder frigjort (hele gruppen)",
                 "Bed-months freed (whole group)"),
            NULL);
    put_num(ws, r, 5, g->bed_months_freed, b->f.dec);
    r++;
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r - 1, 5);
  worksheet_set_column(ws, 0, 1, 20, NULL);
  worksheet_set_column(ws, 2, 2, 42, NULL);
  worksheet_set_column(ws, 3, 5, 17, NULL);
}

static void sheet_params(book *b) {
  rb_report_ctx *ctx = b->ctx;
  const rb_scenario *sc = ctx->sc;
  lxw_worksheet *ws =
      workbook_add_worksheet(b->wb, RB_L(ctx, "Antagelser", "Assumptions"));
  const char *names[] = {RB_L(ctx, "Nøgle", "Key"),
                         RB_L(ctx, "Værdi", "Value"),
                         RB_L(ctx, "Lav", "Low"),
                         RB_L(ctx, "Høj", "High"),
                         RB_L(ctx, "Fordeling", "Distribution"),
                         "p1",
                         "p2",
                         RB_L(ctx, "Usikker", "Uncertain"),
                         RB_L(ctx, "Kilde", "Source"),
                         RB_L(ctx, "Fil", "File"),
                         RB_L(ctx, "Linje", "Line")};
  header(b, ws, 0, names, 11);
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
  worksheet_set_column(ws, 0, 0, 46, NULL);
  worksheet_set_column(ws, 1, 3, 12, NULL);
  worksheet_set_column(ws, 4, 7, 10, NULL);
  worksheet_set_column(ws, 8, 8, 50, NULL);
  worksheet_set_column(ws, 9, 9, 30, NULL);
  worksheet_set_column(ws, 10, 10, 7, NULL);
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

static void sheet_run(book *b) {
  rb_report_ctx *ctx = b->ctx;
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
  kv(b, ws, &r, "command_line", m->command_line);
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
  kv(b, ws, &r, "mode",
     sc->info.mode == RB_MODE_PSA && ctx->kind != RB_REPORT_TORNADO
         ? "psa"
         : "stochastic");
  kv_num(b, ws, &r, "threads", m->threads);
  kv(b, ws, &r, "rng", rb_engine_rng_name());
  kv(b, ws, &r, "start_time", m->start_time);
  snprintf(buf, sizeof buf, "%04d-%02d", sc->info.start_year,
           sc->info.start_month);
  kv(b, ws, &r, "start", buf);
  kv_num(b, ws, &r, "horizon_months", ctx->horizon);
  kv_num(b, ws, &r, "price_year", sc->info.price_year);
  int cohort = 0;
  for (int g = 0; g < sc->n_groups; g++) {
    cohort += sc->groups[g].size;
  }
  kv_num(b, ws, &r, "cohort_size",
         ctx->res != NULL ? ctx->res->all.size : cohort);
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
  rb_report_ctx *ctx = b->ctx;
  if (ctx->tornado == NULL) {
    return;
  }
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Tornado");
  const char *fixed[] = {RB_L(ctx, "Nøgle", "Key"),
                         RB_L(ctx, "Kilde", "Source"),
                         RB_L(ctx, "Værdi", "Value"), RB_L(ctx, "Lav", "Low"),
                         RB_L(ctx, "Høj", "High")};
  header(b, ws, 0, fixed, 5);
  static const char *const what[4] = {"saving_low", "saving_high", "swing",
                                      "flips_sign"};
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int k = 0; k < 4; k++) {
      char nm[64];
      snprintf(nm, sizeof nm, "%s %s", rb_report_persp_key[p], what[k]);
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
                rb_report_jnum(json_object_get(bar, what[k]),
                               rb_report_persp_key[p]),
                b->f.kr);
      }
      json_t *fl = json_object_get(json_object_get(bar, "flips_sign"),
                                   rb_report_persp_key[p]);
      if (json_is_boolean(fl)) {
        worksheet_write_boolean(ws, r, (lxw_col_t)(8 + 4 * p), json_is_true(fl),
                                NULL);
      }
    }
  }
  r++;
  json_t *base = json_object_get(ctx->tornado, "base");
  put_str(ws, r, 0,
          RB_L(ctx, "Besparelse med alle værdier som antaget",
               "Saving with every value as assumed"),
          b->f.bold);
  for (int p = 0; p < RB_P_COUNT; p++) {
    put_str(ws, r + 1 + (lxw_row_t)p, 0, rb_report_persp_key[p], NULL);
    put_num(ws, r + 1 + (lxw_row_t)p, 2,
            rb_report_jnum(base, rb_report_persp_key[p]), b->f.kr);
  }
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_set_column(ws, 0, 0, 42, NULL);
  worksheet_set_column(ws, 1, 1, 36, NULL);
  worksheet_set_column(ws, 2, 4, 11, NULL);
  worksheet_set_column(ws, 5, 16, 15, NULL);
  worksheet_set_row(ws, 0, 30, b->f.head);
}

static void sheet_sweep(book *b, int k) {
  rb_report_ctx *ctx = b->ctx;
  json_t *sw = ctx->sweeps[k];
  char name[32];
  /* "Sweep" in a sweep's own workbook, "Sweep 1", … beside a run's. */
  if (ctx->kind == RB_REPORT_SWEEP) {
    snprintf(name, sizeof name, "Sweep");
  } else {
    snprintf(name, sizeof name, "Sweep %d", k + 1);
  }
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
  const char *param = json_string_value(json_object_get(sw, "param"));
  json_t *values = json_object_get(sw, "values");
  json_t *per = json_object_get(sw, "perspectives");
  put_str(ws, 0, 0, RB_L(ctx, "Parameter", "Parameter"), b->f.bold);
  put_str(ws, 0, 1, param, NULL);
  static const char *const stat[4] = {"mean", "p2_5", "p97_5", "prob_positive"};
  static const char *const extra[5] = {"housed_12", "housed_24",
                                       "months_waiting", "subsidy_per_month",
                                       "share_acceptable"};
  const lxw_row_t top = 2;
  put_str(ws, top, 0, RB_L(ctx, "Værdi", "Value"), b->f.head);
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int s = 0; s < 4; s++) {
      char nm[64];
      snprintf(nm, sizeof nm, "%s %s", rb_report_persp_key[p], stat[s]);
      put_str(ws, top, (lxw_col_t)(1 + 4 * p + s), nm, b->f.head);
    }
  }
  for (int e = 0; e < 5; e++) {
    put_str(ws, top, (lxw_col_t)(13 + e), extra[e], b->f.head);
  }
  size_t n = json_array_size(values);
  for (size_t i = 0; i < n; i++) {
    lxw_row_t r = top + 1 + (lxw_row_t)i;
    put_num(ws, r, 0, rb_report_jat(values, i), b->f.gen);
    for (int p = 0; p < RB_P_COUNT; p++) {
      json_t *pp = json_object_get(per, rb_report_persp_key[p]);
      for (int s = 0; s < 4; s++) {
        put_num(ws, r, (lxw_col_t)(1 + 4 * p + s),
                rb_report_jat(json_object_get(pp, stat[s]), i),
                s == 3 ? b->f.pct : b->f.kr);
      }
    }
    for (int e = 0; e < 5; e++) {
      put_num(ws, r, (lxw_col_t)(13 + e),
              rb_report_jat(json_object_get(sw, extra[e]), i),
              e == 0 || e == 1 || e == 4 ? b->f.pct
              : e == 3                   ? b->f.kr
                                         : b->f.dec);
    }
  }
  lxw_row_t r = top + 2 + (lxw_row_t)n;
  for (int p = 0; p < RB_P_COUNT; p++) {
    json_t *pp = json_object_get(per, rb_report_persp_key[p]);
    char nm[96];
    snprintf(nm, sizeof nm, "%s best_value", rb_report_persp_key[p]);
    put_str(ws, r, 0, nm, b->f.bold);
    put_num(ws, r, 1, rb_report_jnum(pp, "best_value"), b->f.gen);
    r++;
    snprintf(nm, sizeof nm, "%s break_even_values", rb_report_persp_key[p]);
    put_str(ws, r, 0, nm, b->f.bold);
    json_t *bev = json_object_get(pp, "break_even_values");
    for (size_t i = 0; i < json_array_size(bev) && i < 100; i++) {
      put_num(ws, r, (lxw_col_t)(1 + i), rb_report_jat(bev, i), b->f.gen);
    }
    r++;
  }
  worksheet_freeze_panes(ws, top + 1, 1);
  worksheet_set_column(ws, 0, 0, 26, NULL);
  worksheet_set_column(ws, 1, 17, 15, NULL);
  if (n > 0) {
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
    worksheet_insert_chart(ws, r + 1, 0, ch);
  }
}

rb_status rb_report_xlsx(rb_report_ctx *ctx) {
  char path[4200];
  snprintf(path, sizeof path, "%s/workbook.xlsx", ctx->dir);
  book b = {0};
  b.ctx = ctx;
  snprintf(b.sheet_month, sizeof b.sheet_month, "%s",
           RB_L(ctx, "Måned", "Monthly"));
  snprintf(b.sheet_budget, sizeof b.sheet_budget, "%s",
           RB_L(ctx, "Budgetår", "Budget years"));
  b.wb = workbook_new(path);
  if (b.wb == NULL) {
    rb_diag_add(ctx->diag, "workbook.xlsx", 0, NULL, "cannot be created");
    return RB_EIO;
  }
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
  workbook_set_properties(b.wb, &props);

  fmts *f = &b.f;
  f->head = workbook_add_format(b.wb);
  format_set_bold(f->head);
  format_set_bg_color(f->head, 0xEEF3F7);
  format_set_bottom(f->head, LXW_BORDER_THIN);
  format_set_text_wrap(f->head);
  format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
  f->title = workbook_add_format(b.wb);
  format_set_bold(f->title);
  format_set_font_size(f->title, 14);
  f->kr = workbook_add_format(b.wb);
  format_set_num_format(f->kr, "#,##0 \"kr.\";-#,##0 \"kr.\"");
  f->kr_bold = workbook_add_format(b.wb);
  format_set_num_format(f->kr_bold, "#,##0 \"kr.\";-#,##0 \"kr.\"");
  format_set_bold(f->kr_bold);
  f->pct = workbook_add_format(b.wb);
  format_set_num_format(f->pct, "0.0%");
  f->dec = workbook_add_format(b.wb);
  format_set_num_format(f->dec, "#,##0.00");
  f->int_ = workbook_add_format(b.wb);
  format_set_num_format(f->int_, "#,##0");
  f->gen = workbook_add_format(b.wb);
  format_set_num_format(f->gen, "General");
  f->wrap = workbook_add_format(b.wb);
  format_set_text_wrap(f->wrap);
  f->bold = workbook_add_format(b.wb);
  format_set_bold(f->bold);

  if (ctx->kind == RB_REPORT_RUN) {
    sheet_summary(&b);
    sheet_items(&b);
    sheet_budget(&b);
    sheet_month(&b);
    sheet_outcomes(&b);
    sheet_params(&b);
    sheet_run(&b);
    sheet_tornado(&b);
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
  if (err != LXW_NO_ERROR) {
    rb_diag_add(ctx->diag, "workbook.xlsx", 0, NULL, "cannot be written: %s",
                lxw_strerror(err));
    return RB_EIO;
  }
  return RB_OK;
}
