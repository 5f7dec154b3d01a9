/* The report's portfolio section (portfolio.h; docs/portfolio.md): the
 * kommuner side by side, then one row per kommune × target group, sorted
 * by the kommune's saving per citizen, with a chart of the same rows, so
 * that a politician sees at once where the scheme pays and where not.
 * The chart is drawn here as an inline SVG (bars with their 95 %
 * interval), not by gnuplot: it is a table turned sideways. */
#include "report/portfolio.h"

#include "report/lookup.h"
#include "report/wording.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void pct_cell(FILE *f, const rb_report_ctx *ctx, double x) {
  char b[64];
  rb_report_pct(ctx, b, sizeof b, x);
  fprintf(f, "<td class=\"num\">%s</td>", b);
}

/* The saving of @p g per perspective: mean in 1,000 kr with its interval
 * below it, and the chance of a gain; then housed at 24 months. */
static void saving_cells(FILE *f, const rb_report_ctx *ctx,
                         const rb_group_result *g) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_stats *s = &g->persp[RB_DISC][p].saving;
    char m[64], lo[64], hi[64];
    rb_report_kr(ctx, m, sizeof m, s->mean / 1000.0);
    rb_report_kr(ctx, lo, sizeof lo, s->p2_5 / 1000.0);
    rb_report_kr(ctx, hi, sizeof hi, s->p97_5 / 1000.0);
    fprintf(f,
            "<td class=\"num\">%s<br><span style=\"color:#666;"
            "font-size:7.3pt\">%s til %s</span></td>",
            m, lo, hi);
    pct_cell(f, ctx, s->prob_positive);
  }
  pct_cell(f, ctx, g->outcomes[RB_ARM_INTERVENTION].housed[1]);
  pct_cell(f, ctx, g->outcomes[RB_ARM_BASELINE].housed[1]);
}

static void table_head(FILE *f, const rb_report_ctx *ctx, const char *first,
                       const char *second) {
  fprintf(f,
          "<table class=\"small portfolio\">\n<thead><tr><th rowspan=\"2\">"
          "%s</th>",
          first);
  if (second != NULL) {
    fprintf(f, "<th rowspan=\"2\">%s</th>", second);
  }
  fprintf(f, "<th rowspan=\"2\" class=\"num\">%s</th>",
          RB_L(ctx, "Borgere", "Citizens"));
  for (int p = 0; p < RB_P_COUNT; p++) {
    char pn[64];
    snprintf(pn, sizeof pn, "%s", rb_report_persp_name(ctx, p));
    rb_report_ucfirst(pn);
    fprintf(f, "<th colspan=\"2\" class=\"grp\">%s</th>", pn);
  }
  fprintf(f, "<th colspan=\"2\" class=\"grp\">%s</th></tr>\n<tr>",
          RB_L(ctx, "I bolig efter 2 år", "Housed after 2 years"));
  for (int p = 0; p < RB_P_COUNT; p++) {
    fprintf(f,
            "<th style=\"text-align:right\">%s</th>"
            "<th style=\"text-align:right\">%s</th>",
            RB_L(ctx, "Gevinst pr. borger", "Saving per citizen"),
            RB_L(ctx, "Chance for gevinst", "Chance of a gain"));
  }
  fprintf(f,
          "<th style=\"text-align:right\">%s</th>"
          "<th style=\"text-align:right\">%s</th></tr></thead>\n<tbody>\n",
          RB_L(ctx, "med ordningen", "with"), RB_L(ctx, "uden", "without"));
}

/* The groups' order: by the kommune perspective's saving per citizen,
 * largest first (ties by index, so the order is the same every time). */
static const rb_results *sort_res;
static int by_saving(const void *a, const void *b) {
  const int i = *(const int *)a, j = *(const int *)b;
  const double x = sort_res->groups[i].persp[RB_DISC][RB_P_KOMMUNE].saving.mean;
  const double y = sort_res->groups[j].persp[RB_DISC][RB_P_KOMMUNE].saving.mean;
  return x > y ? -1 : x < y ? 1 : (i > j) - (i < j);
}

static void kommune_table(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  table_head(f, ctx, RB_L(ctx, "Kommune", "Kommune"), NULL);
  for (int k = 0; k < res->n_kommuner; k++) {
    fputs("<tr><td>", f);
    rb_report_esc(f, res->kommuner[k].name);
    fprintf(f, "</td><td class=\"num\">%d</td>", res->kommuner[k].size);
    saving_cells(f, ctx, &res->kommuner[k]);
    fputs("</tr>\n", f);
  }
  fprintf(f, "<tr class=\"total\"><td>%s</td><td class=\"num\">%d</td>",
          RB_L(ctx, "I alt", "Total"), res->all.size);
  saving_cells(f, ctx, &res->all);
  fputs("</tr>\n</tbody>\n</table>\n", f);
}

static void group_table(FILE *f, const rb_report_ctx *ctx, const int *order) {
  const rb_results *res = ctx->res;
  const rb_scenario *sc = ctx->sc;
  table_head(f, ctx, RB_L(ctx, "Kommune", "Kommune"),
             RB_L(ctx, "Målgruppe", "Target group"));
  for (int n = 0; n < res->n_groups; n++) {
    const int gi = order[n];
    fputs("<tr><td>", f);
    rb_report_esc(f, sc->kommuner[sc->groups[gi].kommune]);
    fputs("</td><td>", f);
    rb_report_esc(f, sc->targets[sc->groups[gi].target]);
    fprintf(f, "</td><td class=\"num\">%d</td>", res->groups[gi].size);
    saving_cells(f, ctx, &res->groups[gi]);
    fputs("</tr>\n", f);
  }
  fputs("</tbody>\n</table>\n", f);
}

/* A "nice" step for the axis: 1, 2 or 5 × 10^k about a fifth of @p span. */
static double axis_step(double span) {
  const double raw = span / 5.0;
  const double mag = pow(10.0, floor(log10(raw)));
  const double m = raw / mag;
  return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * mag;
}

/* The chart: a bar per group (kommune perspective), its interval as a
 * line, zero marked; the same order as the table. */
static void group_chart(FILE *f, const rb_report_ctx *ctx, const int *order) {
  const rb_results *res = ctx->res;
  const rb_scenario *sc = ctx->sc;
  double lo = 0.0, hi = 0.0;
  for (int gi = 0; gi < res->n_groups; gi++) {
    const rb_stats *s = &res->groups[gi].persp[RB_DISC][RB_P_KOMMUNE].saving;
    lo = isfinite(s->p2_5) && s->p2_5 < lo ? s->p2_5 : lo;
    hi = isfinite(s->p97_5) && s->p97_5 > hi ? s->p97_5 : hi;
  }
  if (hi - lo <= 0.0) {
    return;
  }
  const double step = axis_step(hi - lo);
  lo = floor(lo / step) * step;
  hi = ceil(hi / step) * step;
  const int row = 18, top = 24, left = 330, width = 420;
  const int height = top + row * res->n_groups + 10;
  fprintf(f,
          "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" "
          "font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\">\n",
          left + width + 20, height);
#define XPOS(v) (left + (double)width * ((v)-lo) / (hi - lo))
  for (double v = lo; v <= hi + step / 2; v += step) {
    char b[64];
    rb_report_kr(ctx, b, sizeof b, v / 1000.0);
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
            "stroke=\"%s\"/>\n<text x=\"%.1f\" y=\"%d\" "
            "text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
            XPOS(v), top - 6, XPOS(v), height - 10,
            fabs(v) < step / 2 ? "#555" : "#dde3e8", XPOS(v), top - 10, b);
  }
  for (int n = 0; n < res->n_groups; n++) {
    const int gi = order[n];
    const rb_stats *s = &res->groups[gi].persp[RB_DISC][RB_P_KOMMUNE].saving;
    const double y = top + row * n;
    const double x0 = XPOS(0.0), x1 = XPOS(s->mean);
    fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
            y + 12);
    rb_report_esc(f, sc->kommuner[sc->groups[gi].kommune]);
    fputs(": ", f);
    rb_report_esc(f, sc->targets[sc->groups[gi].target]);
    fprintf(f,
            "</text>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
            "height=\"12\" fill=\"%s\"/>\n",
            x1 < x0 ? x1 : x0, y + 2, fabs(x1 - x0),
            s->mean >= 0 ? "#1b6ca8" : "#c8553d");
    if (isfinite(s->p2_5) && isfinite(s->p97_5)) {
      fprintf(f,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
              "stroke=\"#222\" stroke-width=\"1.2\"/>\n",
              XPOS(s->p2_5), y + 8, XPOS(s->p97_5), y + 8);
    }
  }
#undef XPOS
  fprintf(f, "</svg><figcaption>%s</figcaption></figure>\n",
          RB_L(ctx,
               "Kommunens gevinst pr. borger i 1.000 kr. (nutidsværdi) for "
               "hver kommune og målgruppe, med 95 %-interval; blå: kommunen "
               "sparer, rød: kommunen betaler mere",
               "The kommune's saving per citizen in 1,000 kr (present "
               "value) for each kommune and target group, with its 95% "
               "interval; blue: the kommune saves, red: it pays more"));
}

void rb_portfolio_html(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  if (!ctx->sc->views_given || res->n_kommuner == 0) {
    return;
  }
  int *order = malloc((size_t)res->n_groups * sizeof *order);
  if (order == NULL) {
    return;
  }
  for (int g = 0; g < res->n_groups; g++) {
    order[g] = g;
  }
  sort_res = res;
  qsort(order, (size_t)res->n_groups, sizeof *order, by_saving);
  fprintf(f,
          "<section id=\"portfolio\">\n<h2>%s</h2>\n<p>%s</p>\n"
          "<p class=\"note\">%s</p>\n",
          RB_L(ctx, "Kommune for kommune, målgruppe for målgruppe",
               "Kommune by kommune, target group by target group"),
          RB_L(ctx,
               "Gevinsten pr. borger (nutidsværdi over hele perioden) af "
               "ordningen mod i dag, for hver kommune og hver målgruppe. "
               "Kommunerne summer til i alt: de er regnet i de samme "
               "simuleringer. Intervallet er 95 % af simuleringerne.",
               "The saving per citizen (present value over the whole "
               "period) of the scheme against today, for each kommune and "
               "each target group. The kommuner add up to the total: they "
               "come from the same simulations. The interval holds 95% of "
               "the simulations."),
          RB_L(ctx,
               "Gevinst pr. borger i 1.000 kr. med 95 %-intervallet under; "
               "chance for gevinst: andelen af simuleringerne, hvor "
               "ordningen sparer penge.",
               "Saving per citizen in 1,000 kr with its 95% interval below; "
               "chance of a gain: the share of the simulations in which the "
               "scheme saves money."));
  kommune_table(f, ctx);
  fprintf(f, "<h3>%s</h3>\n",
          RB_L(ctx, "Hver målgruppe i hver kommune, størst gevinst først",
               "Each target group in each kommune, largest saving first"));
  group_chart(f, ctx, order);
  group_table(f, ctx, order);
  fputs("</section>\n", f);
  free(order);
}
