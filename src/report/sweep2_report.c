/* A sweep of two keys' own report.html and workbook.xlsx (report.h,
 * rb_write_sweep2_report_files): per perspective a heat map of the mean
 * saving per citizen over the grid, the best cell marked, in the report as
 * a coloured table and in the workbook as a grid with a colour scale. */
#include "rentbridge/report.h"

#include "report/context.h"
#include "report/wording.h"
#include "report/workbook.h"

#include <math.h>
#include <stdio.h>
#include <xlsxwriter.h>

/* The cell's colour: blue for a saving, red for a loss, the stronger the
 * further from the weakest to the strongest of its sign in the grid
 * (@p lo, @p hi: the grid's smallest and largest mean); white text on a
 * strong colour. */
static void cell_style(char *buf, size_t n, double x, double lo, double hi) {
  double a = 1.0;
  if (x >= 0.0) {
    const double from = lo > 0.0 ? lo : 0.0;
    a = hi > from ? (x - from) / (hi - from) : 1.0;
  } else {
    const double from = hi < 0.0 ? hi : 0.0;
    a = from > lo ? (from - x) / (from - lo) : 1.0;
  }
  a = isfinite(a) ? 0.12 + 0.88 * (a < 0 ? 0 : a > 1 ? 1 : a) : 0.0;
  const int r = x >= 0 ? (int)(255 - a * (255 - 27)) : 255 - (int)(a * 55);
  const int g = x >= 0 ? (int)(255 - a * (255 - 108)) : (int)(255 - a * 170);
  const int b = x >= 0 ? (int)(255 - a * (255 - 168)) : (int)(255 - a * 194);
  snprintf(buf, n, "background:#%02x%02x%02x%s", r, g, b,
           a > 0.6 ? ";color:#fff" : "");
}

static void heat_table(FILE *f, const rb_report_ctx *ctx, const rb_sweep2 *s,
                       int p) {
  double lo = INFINITY, hi = -INFINITY;
  for (int j = 0; j < s->n2; j++) {
    for (int i = 0; i < s->rows[j].n; i++) {
      const double m = s->rows[j].points[i].saving[p].mean;
      lo = isfinite(m) && m < lo ? m : lo;
      hi = isfinite(m) && m > hi ? m : hi;
    }
  }
  char pn[64];
  snprintf(pn, sizeof pn, "%s", rb_report_persp_name(ctx, p));
  rb_report_ucfirst(pn);
  fprintf(f, "<h2>%s</h2>\n<table class=\"heat\"><thead><tr><th>", pn);
  rb_report_esc(f, s->param2);
  fputs(" \\ ", f);
  rb_report_esc(f, s->rows[0].param);
  fputs("</th>", f);
  for (int i = 0; i < s->rows[0].n; i++) {
    fprintf(f, "<th>%g</th>", s->rows[0].points[i].value);
  }
  fputs("</tr></thead>\n<tbody>\n", f);
  for (int j = 0; j < s->n2; j++) {
    fprintf(f, "<tr><th>%g</th>", s->values2[j]);
    for (int i = 0; i < s->rows[j].n; i++) {
      const double m = s->rows[j].points[i].saving[p].mean;
      char style[96], kr[64];
      cell_style(style, sizeof style, m, lo, hi);
      rb_report_kr(ctx, kr, sizeof kr, m);
      const bool best = s->best_i[p] == i && s->best_j[p] == j;
      fprintf(f, "<td style=\"%s%s\">%s</td>", style,
              best ? ";outline:3px solid #e9a03b;font-weight:700" : "", kr);
    }
    fputs("</tr>\n", f);
  }
  fputs("</tbody></table>\n", f);
}

static rb_status write_html(const char *dir, const rb_report_ctx *ctx,
                            const rb_sweep2 *s) {
  char path[4200];
  snprintf(path, sizeof path, "%s/report.html", dir);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  fprintf(f,
          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
          "charset=\"utf-8\">\n<title>",
          ctx->da ? "da" : "en");
  rb_report_esc(f, ctx->sc->info.title);
  fputs("</title>\n<style>body{font-family:Helvetica,Arial,sans-serif;"
        "max-width:190mm;margin:0 auto;padding:10mm;font-size:10pt}"
        "table.heat{border-collapse:collapse;font-size:8.5pt}"
        "table.heat th,table.heat td{border:1px solid #ccd;padding:1mm 2mm;"
        "text-align:right}</style>\n</head>\n<body>\n<h1>",
        f);
  rb_report_esc(f, ctx->sc->info.title);
  fprintf(f, "</h1>\n<p>%s</p>\n",
          RB_L(ctx,
               "Gevinst pr. borger (nutidsværdi) af ordningen mod i dag i "
               "hver celle af gitteret; hver celle er en fuld kørsel med "
               "samme frø. Den bedste celle er fremhævet.",
               "Saving per citizen (present value) of the scheme against "
               "today in every cell of the grid; every cell is a full run "
               "with the same seed. The best cell is outlined."));
  for (int p = 0; p < RB_P_COUNT; p++) {
    heat_table(f, ctx, s, p);
  }
  fputs("</body>\n</html>\n", f);
  return fclose(f) == 0 ? RB_OK : RB_EIO;
}

static void grid_sheet(lxw_workbook *wb, const rb_report_ctx *ctx,
                       const rb_sweep2 *s, int p, lxw_format *kr,
                       lxw_format *best) {
  char name[32];
  snprintf(name, sizeof name, "%s", rb_perspective_name((rb_perspective)p));
  lxw_worksheet *ws = workbook_add_worksheet(wb, name);
  worksheet_write_string(ws, 0, 0, s->param2, NULL);
  worksheet_write_string(ws, 0, 1, s->rows[0].param, NULL);
  for (int i = 0; i < s->rows[0].n; i++) {
    worksheet_write_number(ws, 1, (lxw_col_t)(1 + i),
                           s->rows[0].points[i].value, NULL);
  }
  for (int j = 0; j < s->n2; j++) {
    worksheet_write_number(ws, (lxw_row_t)(2 + j), 0, s->values2[j], NULL);
    for (int i = 0; i < s->rows[j].n; i++) {
      const double m = s->rows[j].points[i].saving[p].mean;
      if (isfinite(m)) {
        const bool b = s->best_i[p] == i && s->best_j[p] == j;
        worksheet_write_number(ws, (lxw_row_t)(2 + j), (lxw_col_t)(1 + i), m,
                               b ? best : kr);
      }
    }
  }
  lxw_conditional_format cf = {0};
  cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
  cf.min_color = 0xC8553D;
  cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  cf.mid_value = 0;
  cf.mid_color = 0xFFFFFF;
  cf.max_color = 0x1B6CA8;
  worksheet_conditional_format_range(ws, 2, 1, (lxw_row_t)(1 + s->n2),
                                     (lxw_col_t)s->rows[0].n, &cf);
  worksheet_write_string(
      ws, (lxw_row_t)(3 + s->n2), 0,
      RB_L(ctx, "Gevinst pr. borger, kr., nutidsværdi; fed: bedste celle",
           "Saving per citizen, kr, present value; bold: the best cell"),
      NULL);
}

static rb_status write_xlsx(const char *dir, const rb_report_ctx *ctx,
                            const rb_sweep2 *s) {
  lxw_workbook *wb = rb_report_workbook_new(dir, 1);
  if (wb == NULL) {
    return RB_EIO;
  }
  lxw_format *kr = workbook_add_format(wb);
  format_set_num_format(kr, "#,##0");
  lxw_format *best = workbook_add_format(wb);
  format_set_num_format(best, "#,##0");
  format_set_bold(best);
  format_set_border(best, LXW_BORDER_MEDIUM);
  for (int p = 0; p < RB_P_COUNT; p++) {
    grid_sheet(wb, ctx, s, p, kr, best);
  }
  return workbook_close(wb) == LXW_NO_ERROR ? RB_OK : RB_EIO;
}

rb_status rb_write_sweep2_report_files(const char *dir, const rb_scenario *sc,
                                       const rb_sweep2 *s) {
  if (s->n2 == 0 || s->rows[0].n == 0) {
    return RB_EINTERNAL;
  }
  rb_report_ctx ctx = {0};
  ctx.dir = dir;
  ctx.sc = sc;
  ctx.da = sc->info.language == RB_LANG_DA;
  rb_status st = write_html(dir, &ctx, s);
  return st == RB_OK ? write_xlsx(dir, &ctx, s) : st;
}
