/* report.html: one self-contained page for politicians (outputs.md).  Every
 * number comes from rb_results exactly as summary.json has it, formatted in
 * whole kroner; the charts are the gnuplot SVGs of charts/, inlined.  Text
 * from the scenario and from sweep/tornado files is escaped for HTML. */

#include "report/html.h"

#include "base/file.h"
#include "base/gnuplot.h"
#include "report/headline.h"
#include "report/lookup.h"
#include "report/pools_report.h"
#include "report/portfolio.h"
#include "report/wording.h"

#include "rentbridge/version.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ------------------------------------------------------------- */

/* Text as HTML (wording.h). */
static void esc(FILE *f, const char *s) {
  rb_report_esc(f, s);
}

/* A parameter key: escaped, with a line-break opportunity after each dot. */
static void esc_key(FILE *f, const char *s) {
  char part[2] = {0, 0};
  for (; s != NULL && *s; s++) {
    part[0] = *s;
    esc(f, part);
    if (*s == '.') {
      fputs("<wbr>", f);
    }
  }
}

/* Markup with printf formatting; never used for text from a file. */
static void h(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void h(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(f, fmt, ap);
  va_end(ap);
}

/* A table cell with kroner, right-aligned. */
static void td_kr(FILE *f, const rb_report_ctx *ctx, double x) {
  char b[64];
  rb_report_kr(ctx, b, sizeof b, x);
  h(f, "<td class=\"num\">%s</td>", b);
}

static void td_pct(FILE *f, const rb_report_ctx *ctx, double x) {
  char b[64];
  rb_report_pct(ctx, b, sizeof b, x);
  h(f, "<td class=\"num\">%s</td>", b);
}

static void td_num(FILE *f, const rb_report_ctx *ctx, double x, int sig) {
  char b[64];
  rb_report_num(ctx, b, sizeof b, x, sig);
  h(f, "<td class=\"num\">%s</td>", b);
}

static void td_dec(FILE *f, const rb_report_ctx *ctx, double x, int decimals) {
  char b[64];
  rb_report_dec(ctx, b, sizeof b, x, decimals);
  h(f, "<td class=\"num\">%s</td>", b);
}

/* A header cell, right-aligned when it heads a number column. */
static void th(FILE *f, bool num, const char *text) {
  h(f, "<th%s>%s</th>", num ? " class=\"num\"" : "", text);
}

/* The start of a small table and its header row: a column for each
 * character of @p align ('n' a number column, right-aligned, anything else
 * text), headed by the texts that follow, in order. */
static void small_table(FILE *f, const char *align, ...) {
  va_list ap;
  va_start(ap, align);
  h(f, "<table class=\"small\">\n<thead><tr>");
  for (const char *c = align; *c; c++) {
    th(f, *c == 'n', va_arg(ap, const char *));
  }
  h(f, "</tr></thead>\n<tbody>\n");
  va_end(ap);
}

/* The second header row of a table grouped by payer or perspective: @p n
 * groups of with, without and the saving; then the body starts. */
static void arm_heads(FILE *f, const rb_report_ctx *ctx, int n) {
  for (int k = 0; k < n; k++) {
    h(f,
      "<th class=\"num\">%s</th><th class=\"num\">%s</th><th "
      "class=\"num\">%s</th>",
      RB_L(ctx, "Med", "With"), RB_L(ctx, "Uden", "Without"),
      RB_L(ctx, "Besparelse", "Saving"));
  }
  h(f, "</tr></thead>\n<tbody>\n");
}

/* The scenario's discount rate (a share); NAN when it names none. */
static double discount_rate(const rb_scenario *sc) {
  int i = sc->info.discount_rate;
  return i >= 0 && i < sc->n_params ? sc->params[i].value : NAN;
}

/* ---- charts -------------------------------------------------------------- */

static const rb_chart *find_chart(const rb_report_ctx *ctx, const char *stem) {
  for (int i = 0; i < ctx->n_charts; i++) {
    if (strcmp(ctx->charts[i].stem, stem) == 0) {
      return &ctx->charts[i];
    }
  }
  return NULL;
}

/* Copy an SVG into the page: from its <svg element on, with every id (and
 * every reference to one) prefixed so that the charts' ids stay unique. */
static int copy_svg(FILE *f, const char *text, const char *prefix) {
  const char *p = strstr(text, "<svg");
  if (p == NULL) {
    return -1;
  }
  static const char *const pats[] = {"id='", "id=\"", "href='#", "href=\"#",
                                     "url(#"};
  while (*p) {
    size_t best = (size_t)-1;
    int which = -1;
    for (int k = 0; k < 5; k++) {
      const char *q = strstr(p, pats[k]);
      if (q != NULL && (size_t)(q - p) < best) {
        best = (size_t)(q - p);
        which = k;
      }
    }
    if (which < 0) {
      fputs(p, f);
      break;
    }
    fwrite(p, 1, best, f);
    /* Only whole attribute names: "id" must not end another name. */
    const char *q = p + best;
    bool whole = which >= 2 || best == 0 || q[-1] == ' ' || q[-1] == '\n' ||
                 q[-1] == '\t';
    fputs(pats[which], f);
    if (whole) {
      fputs(prefix, f);
    }
    p = q + strlen(pats[which]);
  }
  return 0;
}

static void chart_html(FILE *f, const rb_report_ctx *ctx, const char *stem) {
  const rb_chart *c = find_chart(ctx, stem);
  if (c == NULL) {
    return;
  }
  h(f, "<figure class=\"chart\" id=\"chart-%s\">\n", c->stem);
  bool shown = false;
  if (c->ok) {
    char path[4200], prefix[80];
    snprintf(path, sizeof path, "%s/charts/%s.svg", ctx->dir, c->stem);
    snprintf(prefix, sizeof prefix, "%s-", c->stem);
    char *svg = rb_file_slurp(path, NULL, RB_SVG_MAX);
    if (svg != NULL && copy_svg(f, svg, prefix) == 0) {
      shown = true;
    }
    free(svg);
  }
  if (!shown) {
    h(f, "<div class=\"missing\">%s ",
      RB_L(ctx, "Diagrammet mangler:", "The chart is missing:"));
    esc(f, c->left_out[0] ? c->left_out
           : ctx->chart_problem[0]
               ? ctx->chart_problem
               : RB_L(ctx, "det kunne ikke tegnes.", "it could not be drawn."));
    h(f, "</div>\n");
  }
  h(f, "<figcaption>");
  esc(f, c->title);
  h(f, "</figcaption>\n</figure>\n");
}

/* ---- style --------------------------------------------------------------- */

static const char css[] =
    "body{font-family:'Helvetica Neue',Helvetica,Arial,sans-serif;"
    "color:#222;margin:0 auto;max-width:190mm;padding:12mm 10mm;"
    "line-height:1.45;font-size:10.5pt;background:#fff}\n"
    "h1{font-size:21pt;margin:0 0 2mm;color:#123}\n"
    "h2{font-size:14pt;margin:9mm 0 3mm;color:#1b4f72;border-bottom:1px "
    "solid #c9d6e2;padding-bottom:1mm;break-after:avoid}\n"
    "h3{font-size:11.5pt;margin:6mm 0 2mm;color:#1b4f72;break-after:avoid}\n"
    ".sub{color:#555;margin:0 0 5mm}\n"
    ".headline{font-size:14pt;line-height:1.4;border-left:5px solid "
    "#1b6ca8;background:#f0f6fb;padding:4mm 5mm;margin:4mm 0}\n"
    ".headline.loss{border-left-color:#c8553d;background:#fbf1ee}\n"
    ".also{margin:2mm 0 2mm 6mm}\n"
    ".facts{display:flex;flex-wrap:wrap;gap:3mm;margin:4mm 0}\n"
    ".fact{flex:1 1 0;min-width:32mm;border:1px solid "
    "#d5dee6;border-radius:2mm;"
    "padding:2.5mm 3mm}\n"
    ".fact b{display:block;font-size:14pt;color:#1b4f72}\n"
    ".note{color:#555;font-size:9pt}\n"
    "table{border-collapse:collapse;width:100%;margin:2mm 0 4mm;"
    "font-size:9.5pt;break-inside:auto}\n"
    "tr{break-inside:avoid}\n"
    "th,td{border-bottom:1px solid #dde3e8;padding:1.2mm 2mm;"
    "text-align:left;vertical-align:top}\n"
    "th{background:#eef3f7;font-weight:600}\n"
    "th.grp{text-align:center;border-bottom:1px solid #b8c4ce}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.num{white-space:nowrap}\n"
    "tr.saving td{font-weight:700;background:#f5f9fc}\n"
    "tr.total td{font-weight:700;border-top:2px solid #99a}\n"
    "table.small{font-size:8.3pt}\n"
    "table.small th,table.small td{padding:0.8mm 1.2mm}\n"
    "table.budget{font-size:7.8pt}\n"
    "table.budget th,table.budget td{padding:0.6mm 0.7mm}\n"
    "table.persp{table-layout:fixed}\n"
    "table.persp td:first-child,table.persp th:first-child{width:34%}\n"
    "td.src{font-size:8.5pt;color:#444}\n"
    "td.key{font-family:monospace;font-size:8.3pt;overflow-wrap:anywhere}\n"
    "figure.chart{margin:3mm 0 5mm;break-inside:avoid}\n"
    "figure.chart svg{width:100%;height:auto;display:block}\n"
    "figcaption{font-size:9pt;color:#444;margin-top:1mm}\n"
    ".missing{border:1px dashed #c8553d;color:#8a3324;padding:4mm;"
    "background:#fdf5f3}\n"
    ".warn{border:1px solid #e9a03b;background:#fff8ec;padding:3mm;"
    "margin:3mm 0}\n"
    "section.group{break-inside:avoid}\n"
    "footer{margin-top:10mm;color:#777;font-size:8.5pt}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{padding:0;max-width:none;font-size:10pt}"
    "h2{break-before:auto}.pb{break-before:page}"
    "a{color:inherit;text-decoration:none}}\n";

/* ---- sections ------------------------------------------------------------ */

static void section_head(FILE *f, const rb_report_ctx *ctx) {
  const rb_scenario *sc = ctx->sc;
  char date[64];
  rb_report_date(ctx, date, sizeof date);
  h(f,
    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
    "charset=\"utf-8\">\n<meta name=\"viewport\" "
    "content=\"width=device-width, initial-scale=1\">\n<meta "
    "name=\"generator\" content=\"rentbridge %s\">\n<title>",
    ctx->da ? "da" : "en", RB_VERSION);
  esc(f, sc->info.title != NULL && sc->info.title[0] ? sc->info.title
                                                     : sc->info.name);
  h(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", css);
  esc(f, sc->info.title != NULL && sc->info.title[0] ? sc->info.title
                                                     : sc->info.name);
  h(f, "</h1>\n<p class=\"sub\">%s",
    RB_L(ctx, "Business case for midlertidigt huslejetilskud",
         "Business case for a temporary rent subsidy"));
  if (ctx->kind == RB_REPORT_SWEEP) {
    h(f, ": %s <code>", RB_L(ctx, "besparelsen over", "the saving over"));
    esc(f, json_string_value(json_object_get(ctx->sweeps[0], "param")));
    h(f, "</code>");
  } else if (ctx->kind == RB_REPORT_TORNADO) {
    h(f, ": %s",
      RB_L(ctx, "følsomhed over for antagelserne (tornado)",
           "sensitivity to the assumptions (tornado)"));
  }
  h(f, " · ");
  esc(f, sc->info.municipality);
  h(f, " · %s <code>", RB_L(ctx, "scenarie", "scenario"));
  esc(f, sc->info.name);
  h(f, "</code> · %s %s</p>\n</header>\n", RB_L(ctx, "kørt", "run"), date);
}

/* A headline paragraph: the municipality's stands out (in red when the
 * scheme loses money), the other perspectives' follow it. */
static void headline_para(FILE *f, int p, bool loss, const char *text) {
  if (p == RB_P_KOMMUNE) {
    h(f, "<p class=\"headline%s\">", loss ? " loss" : "");
  } else {
    h(f, "<p class=\"also\">");
  }
  esc(f, text);
  h(f, "</p>\n");
}

/* The notice that charts are missing, when they are. */
static void charts_missing(FILE *f, const rb_report_ctx *ctx) {
  if (ctx->chart_problem[0] != '\0') {
    h(f, "<p class=\"warn\" id=\"charts-missing\">%s ",
      RB_L(ctx, "Nogle diagrammer mangler i denne rapport:",
           "Some charts are missing from this report:"));
    esc(f, ctx->chart_problem);
    h(f, "</p>\n");
  }
}

/* Four key facts of the whole cohort under the headline. */
static void key_facts(FILE *f, const rb_report_ctx *ctx) {
  const rb_group_result *g = &ctx->res->all;
  const rb_outcomes *oi = &g->outcomes[RB_ARM_INTERVENTION];
  const rb_outcomes *ob = &g->outcomes[RB_ARM_BASELINE];
  char a[64], b[64];
  h(f, "<div class=\"facts\">\n");
  rb_report_dec(ctx, a, sizeof a, oi->months_waiting, 1);
  rb_report_dec(ctx, b, sizeof b, ob->months_waiting, 1);
  h(f, "<div class=\"fact\">%s<b>%s %s</b>%s %s</div>\n",
    RB_L(ctx, "Ventetid på egen bolig", "Waiting for an own flat"), a,
    RB_L(ctx, "mdr.", "months"), RB_L(ctx, "mod i dag", "against today's"), b);
  /* housed[1]: 24 months after entry. */
  rb_report_pct(ctx, a, sizeof a, oi->housed[1]);
  rb_report_pct(ctx, b, sizeof b, ob->housed[1]);
  h(f, "<div class=\"fact\">%s<b>%s</b>%s %s</div>\n",
    RB_L(ctx, "I egen bolig efter 2 år", "In an own flat after 2 years"), a,
    RB_L(ctx, "mod i dag", "against today's"), b);
  rb_report_kr(ctx, a, sizeof a, g->bed_months_freed);
  h(f, "<div class=\"fact\">%s<b>%s</b>%s</div>\n",
    RB_L(ctx, "Pladsmåneder frigjort i tilbud", "Placement bed-months freed"),
    a, RB_L(ctx, "for hele gruppen", "for the whole cohort"));
  rb_report_pct(ctx, a, sizeof a, oi->retention_24);
  h(f, "<div class=\"fact\">%s<b>%s</b>%s</div>\n",
    RB_L(ctx, "Bliver boende 2 år efter indflytning",
         "Stay housed 2 years after moving in"),
    a, RB_L(ctx, "med ordningen", "with the scheme"));
  h(f, "</div>\n");
}

static void section_headline(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  const rb_scenario *sc = ctx->sc;
  h(f, "<section id=\"headline\">\n");
  bool loss = round(res->all.persp[RB_DISC][RB_P_KOMMUNE].saving.mean) < 0.0;
  for (int p = 0; p < RB_P_COUNT; p++) {
    char *text = rb_report_headline(ctx, p);
    headline_para(f, p, loss, text);
    free(text);
    char *arms = rb_report_arms_headline(ctx, p);
    if (arms != NULL) {
      h(f, "<p class=\"arms\">");
      rb_report_esc(f, arms);
      h(f, "</p>\n");
    }
    free(arms);
  }
  double rate = discount_rate(sc);
  char r[32], cohort[32];
  rb_report_num(ctx, r, sizeof r, 100.0 * rate, 3);
  rb_report_kr(ctx, cohort, sizeof cohort, (double)res->all.size);
  h(f,
    ctx->da ? "<p class=\"note\">Beløbene er nettoomkostninger pr. borger "
              "over hele perioden i %d-priser, tilbagediskonteret med %s %% "
              "om året (nutidsværdi). Besparelse = udgiften uden ordningen "
              "minus udgiften med ordningen. Beregnet for %s borgere med %d "
              "simuleringer; intervallet viser, hvor resultatet ligger i 95 "
              "%% af dem.</p>\n"
            : "<p class=\"note\">Amounts are net costs per citizen over the "
              "whole period at %d prices, discounted at %s%% a year "
              "(present value). Saving = the cost without the scheme minus "
              "the cost with it. Computed for %s citizens with %d "
              "simulations; the interval shows where the result lies in 95%% "
              "of them.</p>\n",
    sc->info.price_year, r, cohort, res->replications);
  char *net = rb_report_net_note(ctx);
  if (net != NULL) {
    h(f, "<p class=\"note\" id=\"net-note\">");
    esc(f, net);
    h(f, "</p>\n");
    free(net);
  }
  key_facts(f, ctx);
  charts_missing(f, ctx);
  h(f, "</section>\n");
}

/* Whether the municipality loses money in a sweep's or a tornado's own
 * report: at the sweep's best value, or in the tornado's base case. */
static bool decision_loss(const rb_report_ctx *ctx) {
  double x = NAN;
  if (ctx->kind == RB_REPORT_SWEEP) {
    const json_t *sw = ctx->sweeps[0];
    size_t bi = rb_report_sweep_best(sw, RB_P_KOMMUNE);
    if (bi < json_array_size(json_object_get(sw, "values"))) {
      x = rb_report_jat(
          json_object_get(rb_report_sweep_persp(sw, RB_P_KOMMUNE), "mean"), bi);
    }
  } else {
    x = rb_report_jpersp(ctx->tornado, "base", RB_P_KOMMUNE);
  }
  return round(x) < 0.0;
}

/* How the numbers of a sweep's or a tornado's own report were made. */
static void decision_note(FILE *f, const rb_report_ctx *ctx) {
  const rb_scenario *sc = ctx->sc;
  double rate = discount_rate(sc);
  char r[32], c[32], reps[32];
  rb_report_num(ctx, r, sizeof r, 100.0 * rate, 3);
  rb_report_kr(ctx, c, sizeof c, (double)rb_report_cohort_size(sc));
  rb_report_kr(ctx, reps, sizeof reps, (double)ctx->replications);
  h(f,
    ctx->da ? "<p class=\"note\">Beløbene er besparelser pr. borger over hele "
              "perioden i %d-priser, tilbagediskonteret med %s %% om året "
              "(nutidsværdi): udgiften uden ordningen minus udgiften med "
              "den, for %s borgere. "
            : "<p class=\"note\">Amounts are savings per citizen over the "
              "whole period at %d prices, discounted at %s%% a year (present "
              "value): the cost without the scheme minus the cost with it, "
              "for %s citizens. ",
    sc->info.price_year, r, c);
  if (ctx->kind == RB_REPORT_SWEEP) {
    h(f,
      ctx->da ? "Hver værdi er en fuld beregning med samme startværdi og %s "
                "simuleringer (fælles tilfældige tal), så forskellene mellem "
                "værdierne skyldes parameteren og ikke tilfældigheder. Den "
                "bedste værdi er den med størst middelbesparelse; hvor "
                "besparelsen skifter fortegn mellem to værdier, er stedet "
                "fundet ved lineær interpolation.</p>\n"
              : "Each value is a full calculation with the same seed and %s "
                "simulations (common random numbers), so the differences "
                "between values come from the parameter, not from chance. "
                "The best value has the largest mean saving; where the "
                "saving changes sign between two values, the point is found "
                "by linear interpolation.</p>\n",
      reps);
  } else {
    h(f,
      ctx->da ? "Hver antagelse med en lav og en høj værdi er sat til hver "
                "ende for sig, mens resten står på deres værdi (%s "
                "simuleringer hver, samme startværdi). Hvad skal være sandt: "
                "de ender af intervallerne, der vender resultatet; »nul ved« "
                "er et lineært skøn over, hvor besparelsen krydser nul. To "
                "antagelser, der hver for sig er harmløse, kan sammen vende "
                "resultatet.</p>\n"
              : "Each assumption with a low and a high value was set to each "
                "end in turn, the rest at their values (%s simulations each, "
                "the same seed). What has to be true: the ends of the ranges "
                "that turn the result; \"zero at\" is a straight-line "
                "estimate of where the saving crosses zero. Two assumptions "
                "that are harmless one at a time may turn the result "
                "together.</p>\n",
      reps);
  }
}

/* The headline of a sweep's or a tornado's own report: a sentence per
 * perspective, then how the numbers were made. */
static void section_decision_headline(FILE *f, const rb_report_ctx *ctx) {
  h(f, "<section id=\"headline\">\n");
  bool loss = decision_loss(ctx);
  for (int p = 0; p < RB_P_COUNT; p++) {
    char *text = ctx->kind == RB_REPORT_SWEEP
                     ? rb_report_sweep_headline(ctx, p)
                     : rb_report_tornado_headline(ctx, p);
    headline_para(f, p, loss, text);
    free(text);
  }
  decision_note(f, ctx);
  charts_missing(f, ctx);
  h(f, "</section>\n");
}

static void persp_table(FILE *f, const rb_report_ctx *ctx,
                        const rb_group_result *g, int p) {
  const rb_persp_result *pd = &g->persp[RB_DISC][p];
  const rb_persp_result *pu = &g->persp[RB_UNDISC][p];
  h(f,
    "<table class=\"persp\">\n<thead><tr><th>%s</th><th "
    "class=\"num\">%s</th><th class=\"num\">%s</th><th "
    "class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead>\n<tbody>\n",
    RB_L(ctx, "Kr. pr. borger", "Kr per citizen"),
    RB_L(ctx, "Middelværdi (nutidsværdi)", "Mean (present value)"),
    RB_L(ctx, "2,5 %", "2.5%"), RB_L(ctx, "97,5 %", "97.5%"),
    RB_L(ctx, "Udiskonteret", "Undiscounted"));
  /* Both arms, then the saving. */
  for (int k = 0; k <= RB_REPORT_ARMS; k++) {
    const rb_stats *s = k < RB_REPORT_ARMS ? &pd->arm[k] : &pd->saving;
    const rb_stats *u = k < RB_REPORT_ARMS ? &pu->arm[k] : &pu->saving;
    char named[160];
    const char *label =
        k < RB_REPORT_ARMS
            ? (k == RB_ARM_INTERVENTION
                   ? RB_L(ctx, "Udgift med ordningen", "Cost with the scheme")
                   : RB_L(ctx, "Udgift uden ordningen (i dag)",
                          "Cost without it (today)"))
            : RB_L(ctx, "Besparelse", "Saving");
    if (k < RB_REPORT_ARMS && ctx->res->arms_given) {
      /* Listed arms are named (issue 11): which of them this row is. */
      snprintf(named, sizeof named, "%s %s", RB_L(ctx, "Udgift,", "Cost,"),
               rb_report_arm_name(ctx, k));
      label = named;
    }
    h(f, "<tr%s><td>", k == RB_REPORT_ARMS ? " class=\"saving\"" : "");
    esc(f, label);
    h(f, "</td>");
    td_kr(f, ctx, s->mean);
    td_kr(f, ctx, s->p2_5);
    td_kr(f, ctx, s->p97_5);
    td_kr(f, ctx, u->mean);
    h(f, "</tr>\n");
  }
  h(f, "</tbody>\n</table>\n");
  char pct[32], be[96], beu[96];
  rb_report_pct(ctx, pct, sizeof pct, pd->saving.prob_positive);
  for (int d = 0; d < RB_DISC_COUNT; d++) {
    int m = g->persp[d][p].break_even_month;
    char *o = d == RB_DISC ? be : beu;
    if (m > 0) {
      snprintf(o, 96, ctx->da ? "efter %d mdr." : "after %d months", m);
    } else {
      snprintf(o, 96, "%s",
               RB_L(ctx, "ikke inden for perioden", "not within the period"));
    }
  }
  h(f,
    ctx->da ? "<p class=\"note\">Sandsynlighed for, at ordningen betaler "
              "sig: %s. Tjent hjem: %s (udiskonteret: %s).</p>\n"
            : "<p class=\"note\">Chance that the scheme pays for itself: "
              "%s. Breaks even: %s (undiscounted: %s).</p>\n",
    pct, be, beu);
}

static void section_perspectives(FILE *f, const rb_report_ctx *ctx) {
  h(f, "<section id=\"perspectives\">\n<h2>%s</h2>\n",
    RB_L(ctx, "Resultatet for kommunen, det offentlige og samfundet",
         "The result for the municipality, the public sector and society"));
  h(f, "<p class=\"note\">%s</p>\n",
    RB_L(ctx,
         "Kommunen: kommunens andel af udgifter og overførsler minus dens "
         "skatteindtægter. Hele det offentlige: det samme for kommune, "
         "region og stat. Samfundet: de reelle ressourcer minus værdien af "
         "arbejde (overførsler og skat går ud mod hinanden).",
         "Municipality: its share of costs and transfers minus its tax "
         "revenue. Public sector: the same for municipality, region and "
         "state. Society: real resources minus the value of work (transfers "
         "and taxes cancel out)."));
  for (int p = 0; p < RB_P_COUNT; p++) {
    char name[64];
    snprintf(name, sizeof name, "%s", rb_report_persp_name(ctx, p));
    rb_report_ucfirst(name);
    h(f, "<h3>%s</h3>\n", name);
    persp_table(f, ctx, &ctx->res->all, p);
  }
  h(f, "</section>\n");
}

static void section_saving_charts(FILE *f, const rb_report_ctx *ctx) {
  h(f, "<section id=\"saving-over-time\">\n<h2>%s</h2>\n<p>%s</p>\n",
    RB_L(ctx, "Besparelsen over tid", "The saving over time"),
    RB_L(ctx,
         "Den samlede besparelse pr. borger fra start til hver måned. Hvor "
         "linjen krydser nul, er ordningen tjent hjem; det skraverede bånd "
         "viser, hvor 95 % af simuleringerne ligger.",
         "The total saving per citizen from the start to each month. Where "
         "the line crosses zero the scheme has paid for itself; the shaded "
         "band shows where 95% of the simulations lie."));
  for (int p = 0; p < RB_P_COUNT; p++) {
    char stem[64];
    snprintf(stem, sizeof stem, RB_CHART_CUM_PREFIX "%s",
             rb_perspective_name((rb_perspective)p));
    chart_html(f, ctx, stem);
  }
  h(f, "</section>\n");
}

static void section_items(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  const rb_group_result *g = &res->all;
  h(f, "<section id=\"costs\">\n<h2>%s</h2>\n",
    RB_L(ctx, "Hvad pengene går til", "Where the money goes"));
  chart_html(f, ctx, RB_CHART_ITEMS);
  h(f,
    "<table class=\"small\">\n<thead><tr><th rowspan=\"2\">%s</th>"
    "<th rowspan=\"2\">%s</th><th colspan=\"3\" class=\"grp\">%s</th>"
    "<th colspan=\"3\" class=\"grp\">%s</th></tr>\n<tr>",
    RB_L(ctx, "Post (kr. pr. borger, nutidsværdi)",
         "Item (kr per citizen, present value)"),
    RB_L(ctx, "Art", "Kind"), RB_L(ctx, "Kommunen", "Municipality"),
    RB_L(ctx, "Hele det offentlige", "Public sector"));
  arm_heads(f, ctx, 2);
  for (int i = 0; i < res->n_items; i++) {
    /* [municipality, public sector][arm] */
    double v[2][RB_REPORT_ARMS];
    bool any = false;
    for (int ps = 0; ps < 2; ps++) {
      for (int arm = 0; arm < RB_REPORT_ARMS; arm++) {
        v[ps][arm] = rb_report_item_net(res, g, arm, i, ps == 1, RB_DISC);
        any = any || fabs(v[ps][arm]) >= 0.5;
      }
    }
    if (!any) {
      continue;
    }
    h(f, "<tr><td>");
    esc(f, rb_report_item_label(ctx, i));
    h(f, "</td><td>%s</td>", rb_report_kind_name(ctx, res->item_kind[i]));
    for (int ps = 0; ps < 2; ps++) {
      double with = v[ps][RB_ARM_INTERVENTION];
      double without = v[ps][RB_ARM_BASELINE];
      td_kr(f, ctx, with);
      td_kr(f, ctx, without);
      td_kr(f, ctx, without - with);
    }
    h(f, "</tr>\n");
  }
  h(f, "<tr class=\"total\"><td>%s</td><td></td>", RB_L(ctx, "I alt", "Total"));
  for (int ps = 0; ps < 2; ps++) {
    /* The totals are the perspectives' means, as in summary.json. */
    const rb_persp_result *pr =
        &g->persp[RB_DISC][ps == 0 ? RB_P_KOMMUNE : RB_P_PUBLIC];
    td_kr(f, ctx, pr->arm[RB_ARM_INTERVENTION].mean);
    td_kr(f, ctx, pr->arm[RB_ARM_BASELINE].mean);
    td_kr(f, ctx, pr->saving.mean);
  }
  h(f, "</tr>\n</tbody>\n</table>\n<p class=\"note\">%s</p>\n</section>\n",
    RB_L(ctx,
         "Indtægter (skat) tæller negativt. Værdien af arbejde indgår kun i "
         "samfundets regnskab.",
         "Revenue (tax) counts negative. The value of work counts only for "
         "society."));
}

static void section_housing(FILE *f, const rb_report_ctx *ctx) {
  const rb_group_result *g = &ctx->res->all;
  h(f, "<section id=\"housing\">\n<h2>%s</h2>\n",
    RB_L(ctx, "Hvor borgerne bor", "Where the citizens live"));
  chart_html(f, ctx, RB_CHART_HOUSING);
  small_table(f, "tnn",
              RB_L(ctx, "Måneder pr. borger i perioden", "Months per citizen"),
              rb_report_arm_name(ctx, RB_ARM_INTERVENTION),
              rb_report_arm_name(ctx, RB_ARM_BASELINE));
  for (int s = 0; s < RB_H_COUNT; s++) {
    h(f, "<tr><td>%s</td>", rb_report_housing_name(ctx, s));
    td_dec(f, ctx, g->occupancy[RB_ARM_INTERVENTION][s], 1);
    td_dec(f, ctx, g->occupancy[RB_ARM_BASELINE][s], 1);
    h(f, "</tr>\n");
  }
  h(f, "</tbody>\n</table>\n</section>\n");
}

/* How an outcome is shown: a share, a number with one or two decimals, or
 * kroner. */
typedef enum { SHOW_PCT, SHOW_DEC1, SHOW_DEC2, SHOW_KR } show;

/* The outcome measures of the report after the shares housed, each with
 * where rb_outcomes holds it; the short list (per group) stops at the
 * relapses. */
#define ROW(da, en, member, how)                                               \
  { da, en, offsetof(rb_outcomes, member), how }
static const struct outcome_row {
  const char *da, *en;
  size_t off;
  show how;
} outcome_table[] = {
    ROW("Stadig i bolig 24 mdr. efter indflytning",
        "Still housed 24 months after moving in", retention_24, SHOW_PCT),
    ROW("Måneder i tilbud før første bolig",
        "Months in placement before the first flat", months_waiting, SHOW_DEC1),
    ROW("Tilbagefald pr. borger (bolig → tilbud/gade)",
        "Relapses per citizen (flat → placement/street)", relapses, SHOW_DEC2),
    ROW("I job 24 mdr. efter start", "Employed 24 months after entry",
        employed[1], SHOW_PCT),
    ROW("I uddannelse 24 mdr. efter start",
        "In education 24 months after entry", education[1], SHOW_PCT),
    ROW("Flyttet ind i egen bolig (andel)", "Moved into an own flat (share)",
        moved_in, SHOW_PCT),
    ROW("Overtaget lejemål pr. borger", "Leases taken over per citizen",
        takeovers, SHOW_DEC2),
    ROW("Forlængelser af tilskud pr. borger", "Subsidy extensions per citizen",
        extensions, SHOW_DEC2),
    ROW("Genhusninger pr. borger", "Rehousings per citizen", rehousings,
        SHOW_DEC2),
    ROW("Måneder med tilskud pr. borger", "Subsidised months per citizen",
        subsidised_months, SHOW_DEC1),
    ROW("Tilskud pr. måned med tilskud (kr.)",
        "Subsidy per subsidised month (kr)", subsidy_per_month, SHOW_KR),
    ROW("Dødsfald pr. borger", "Deaths per citizen", deaths, SHOW_DEC2),
    ROW("Fraflyttet/ude af opfølgning pr. borger", "Exits per citizen", exits,
        SHOW_DEC2),
};
#undef ROW
/* The rows of the short list in outcome_table. */
#define OUTCOME_SHORT 3

static void td_show(FILE *f, const rb_report_ctx *ctx, double x, show how) {
  if (how == SHOW_PCT) {
    td_pct(f, ctx, x);
  } else if (how == SHOW_DEC1) {
    td_dec(f, ctx, x, 1);
  } else if (how == SHOW_KR) {
    td_kr(f, ctx, x);
  } else {
    td_dec(f, ctx, x, 2);
  }
}

/* The outcomes of group @p g, both arms: the short list (housed after 24
 * months, …) or every measure. */
static void outcome_rows(FILE *f, const rb_report_ctx *ctx,
                         const rb_group_result *g, bool short_list) {
  const rb_outcomes *o = g->outcomes;
  char lab[128];
  for (int k = 0; k < RB_OUTCOME_N; k++) {
    if (short_list && rb_outcome_months[k] != 24) {
      continue;
    }
    snprintf(lab, sizeof lab,
             RB_L(ctx, "I egen bolig %d mdr. efter start",
                  "In an own flat %d months after entry"),
             rb_outcome_months[k]);
    h(f, "<tr><td>%s</td>", lab);
    td_pct(f, ctx, o[RB_ARM_INTERVENTION].housed[k]);
    td_pct(f, ctx, o[RB_ARM_BASELINE].housed[k]);
    h(f, "</tr>\n");
  }
  size_t n = short_list ? OUTCOME_SHORT
                        : sizeof outcome_table / sizeof outcome_table[0];
  for (size_t k = 0; k < n; k++) {
    const struct outcome_row *row = &outcome_table[k];
    h(f, "<tr><td>%s</td>", ctx->da ? row->da : row->en);
    for (int arm = 0; arm < RB_REPORT_ARMS; arm++) {
      td_show(f, ctx, rb_report_outcome(&o[arm], row->off), row->how);
    }
    h(f, "</tr>\n");
  }
}

static void section_outcomes(FILE *f, const rb_report_ctx *ctx) {
  const rb_group_result *g = &ctx->res->all;
  h(f, "<section id=\"outcomes\">\n<h2>%s</h2>\n",
    RB_L(ctx, "Hvad det betyder for borgerne",
         "What it means for the citizens"));
  chart_html(f, ctx, RB_CHART_OUTCOMES);
  small_table(f, "tnn", RB_L(ctx, "Udfald", "Outcome"),
              rb_report_arm_name(ctx, RB_ARM_INTERVENTION),
              rb_report_arm_name(ctx, RB_ARM_BASELINE));
  outcome_rows(f, ctx, g, false);
  char b[64];
  rb_report_kr(ctx, b, sizeof b, g->bed_months_freed);
  h(f, "</tbody>\n</table>\n<p class=\"note\">%s %s.</p>\n</section>\n",
    RB_L(ctx, "Pladsmåneder i tilbud frigjort for hele gruppen:",
         "Placement bed-months freed for the whole cohort:"),
    b);
}

static void section_budget(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  h(f, "<section id=\"budget\">\n<h2>%s</h2>\n<p>%s</p>\n",
    RB_L(ctx, "Budgetårene", "The budget years"),
    RB_L(ctx,
         "Nettoudgift pr. kalenderår for hele gruppen i kroner, ikke "
         "tilbagediskonteret (udgifter og overførsler minus skat, uden "
         "værdien af arbejde). Første og sidste år kan være delår.",
         "Net cost per calendar year for the whole cohort in kroner, not "
         "discounted (costs and transfers minus tax, without the value of "
         "work). The first and last year may be partial."));
  chart_html(f, ctx, RB_CHART_YEARLY);
  h(f, "<table class=\"small budget\">\n<thead><tr><th rowspan=\"2\">%s</th>",
    RB_L(ctx, "År", "Year"));
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    h(f, "<th colspan=\"3\" class=\"grp\">%s</th>",
      rb_report_payer_name(ctx, p));
  }
  h(f, "<th rowspan=\"2\" class=\"num\">%s</th></tr>\n<tr>",
    RB_L(ctx, "Besparelse i alt", "Total saving"));
  arm_heads(f, ctx, RB_PAYER_COUNT);
  /* [payer][with, without] */
  double sum[RB_PAYER_COUNT][2] = {{0}};
  for (int y = 0; y < res->n_years; y++) {
    h(f, "<tr><td>%d</td>", res->first_year + y);
    double total = 0.0;
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      double wi = rb_report_yearly_net(res, RB_ARM_INTERVENTION, y, p);
      double wo = rb_report_yearly_net(res, RB_ARM_BASELINE, y, p);
      sum[p][0] += wi;
      sum[p][1] += wo;
      total += wo - wi;
      td_kr(f, ctx, wi);
      td_kr(f, ctx, wo);
      td_kr(f, ctx, wo - wi);
    }
    td_kr(f, ctx, total);
    h(f, "</tr>\n");
  }
  h(f, "<tr class=\"total\"><td>%s</td>", RB_L(ctx, "I alt", "Total"));
  double total = 0.0;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    td_kr(f, ctx, sum[p][0]);
    td_kr(f, ctx, sum[p][1]);
    td_kr(f, ctx, sum[p][1] - sum[p][0]);
    total += sum[p][1] - sum[p][0];
  }
  td_kr(f, ctx, total);
  h(f, "</tr>\n</tbody>\n</table>\n</section>\n");
}

static void section_groups(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  if (res->n_groups < 2) {
    return;
  }
  h(f, "<section id=\"groups\">\n<h2>%s</h2>\n",
    RB_L(ctx, "Resultatet for hver gruppe", "The result for each group"));
  for (int gi = 0; gi < res->n_groups; gi++) {
    const rb_group_result *g = &res->groups[gi];
    const rb_group *sg = &ctx->sc->groups[gi];
    char size[32];
    rb_report_kr(ctx, size, sizeof size, (double)g->size);
    h(f, "<section class=\"group\">\n<h3>");
    esc(f, sg->label != NULL && sg->label[0] ? sg->label : sg->name);
    h(f, "</h3>\n<p class=\"note\"><code>");
    esc(f, g->name);
    h(f, "</code> · %s %s · %s %d</p>\n", size,
      RB_L(ctx, "borgere", "citizens"),
      RB_L(ctx, "borgergruppe", "citizen group"), sg->citizen_group);
    small_table(f, "tnnnnn",
                RB_L(ctx, "Besparelse pr. borger", "Saving per citizen"),
                RB_L(ctx, "Middelværdi", "Mean"), RB_L(ctx, "2,5 %", "2.5%"),
                RB_L(ctx, "97,5 %", "97.5%"),
                RB_L(ctx, "Sandsynlighed for gevinst", "Chance of a gain"),
                RB_L(ctx, "Tjent hjem (mdr.)", "Breaks even (month)"));
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_persp_result *pr = &g->persp[RB_DISC][p];
      char name[64];
      snprintf(name, sizeof name, "%s", rb_report_persp_name(ctx, p));
      rb_report_ucfirst(name);
      h(f, "<tr><td>%s</td>", name);
      td_kr(f, ctx, pr->saving.mean);
      td_kr(f, ctx, pr->saving.p2_5);
      td_kr(f, ctx, pr->saving.p97_5);
      td_pct(f, ctx, pr->saving.prob_positive);
      if (pr->break_even_month > 0) {
        h(f, "<td class=\"num\">%d</td>", pr->break_even_month);
      } else {
        h(f, "<td class=\"num\">%s</td>", RB_L(ctx, "ikke", "never"));
      }
      h(f, "</tr>\n");
    }
    h(f, "</tbody>\n</table>\n");
    small_table(f, "tnn", RB_L(ctx, "Udfald", "Outcome"),
                rb_report_arm_name(ctx, RB_ARM_INTERVENTION),
                rb_report_arm_name(ctx, RB_ARM_BASELINE));
    outcome_rows(f, ctx, g, true);
    h(f, "</tbody>\n</table>\n</section>\n");
  }
  h(f, "</section>\n");
}

/* When the sweep or tornado @p j beside a run was computed with another
 * number of replications than the run, say so: " WHAT er regnet med N
 * simuleringer, denne rapport med M" and @p tail. */
static void other_replications(FILE *f, const rb_report_ctx *ctx,
                               const json_t *j, const char *what,
                               const char *tail) {
  json_t *r = json_object_get(j, "replications");
  if (ctx->kind == RB_REPORT_RUN && json_is_integer(r) &&
      json_integer_value(r) != ctx->replications) {
    h(f,
      ctx->da ? " %s er regnet med %lld simuleringer, denne rapport med %d%s."
              : " %s was computed with %lld simulations, this report with "
                "%d%s.",
      what, (long long)json_integer_value(r), ctx->replications, tail);
  }
}

/* What the tornado did and the municipality's base case. */
static void tornado_intro(FILE *f, const rb_report_ctx *ctx) {
  char bk[64];
  rb_report_kr(ctx, bk, sizeof bk,
               rb_report_jpersp(ctx->tornado, "base", RB_P_KOMMUNE));
  h(f, "<section id=\"tornado\">\n<h2>%s</h2>\n<p>",
    RB_L(ctx, "Hvad skal være sandt? Følsomheden over for antagelserne",
         "What has to be true? Sensitivity to the assumptions"));
  h(f,
    ctx->da ? "Hver antagelse med en lav og en høj værdi er sat til hver "
              "ende for sig, mens resten står på deres værdi. Kommunens "
              "besparelse pr. borger er %s kr. med alle værdier som "
              "antaget. Størst udsving først."
            : "Each assumption with a low and a high value was set to each "
              "end in turn, the rest at their values. The municipality's "
              "saving per citizen is %s kr with every value as assumed. "
              "Largest swing first.",
    bk);
  other_replications(f, ctx, ctx->tornado,
                     RB_L(ctx, "Følsomheden", "The sensitivity"),
                     RB_L(ctx, "; grundværdien kan derfor afvige lidt",
                          ", so the base value may differ a little"));
  h(f, "</p>\n");
}

/* A row of the tornado's table: bar @p b, the municipality's savings. */
static void tornado_row(FILE *f, const rb_report_ctx *ctx, const json_t *b) {
  h(f, "<tr><td class=\"key\">");
  esc_key(f, json_string_value(json_object_get(b, "key")));
  h(f, "</td>");
  td_num(f, ctx, rb_report_jnum(b, "value"), 6);
  td_num(f, ctx, rb_report_jnum(b, "low"), 6);
  td_num(f, ctx, rb_report_jnum(b, "high"), 6);
  td_kr(f, ctx, rb_report_jpersp(b, "saving_low", RB_P_KOMMUNE));
  td_kr(f, ctx, rb_report_jpersp(b, "saving_high", RB_P_KOMMUNE));
  td_kr(f, ctx, rb_report_jpersp(b, "swing", RB_P_KOMMUNE));
  h(f, "<td>");
  json_t *fs = json_object_get(b, "flips_sign");
  int n = 0;
  for (int p = 0; p < RB_P_COUNT; p++) {
    if (json_is_true(
            json_object_get(fs, rb_perspective_name((rb_perspective)p)))) {
      h(f, "%s%s", n++ ? ", " : "", rb_report_persp_name(ctx, p));
    }
  }
  h(f, "</td><td class=\"src\">");
  esc(f, json_string_value(json_object_get(b, "source")));
  h(f, "</td></tr>\n");
}

/* A section's start: its id, heading and note. */
static void section_open(FILE *f, const char *id, const char *title,
                         const char *note) {
  h(f, "<section id=\"%s\">\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", id,
    title, note);
}

/* Every arm against the reference and the first arm against each, per
 * perspective (a run that lists its arms, issue 11). */
static void section_arms(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  if (!res->arms_given) {
    return;
  }
  section_open(
      f, "arms", RB_L(ctx, "Ordningerne sammenlignet", "The schemes compared"),
      RB_L(ctx,
           "Besparelse pr. borger (nutidsværdi) mod referencen og mod den "
           "første arm; alle arme har de samme tilfældige tal.",
           "Saving per citizen (present value) against the reference and "
           "against the first arm; every arm has the same random numbers."));
  h(f, "<table>\n<thead><tr><th>%s</th><th>%s</th>", RB_L(ctx, "Arm", "Arm"),
    RB_L(ctx, "Ordning", "Scheme"));
  for (int p = 0; p < RB_P_COUNT; p++) {
    h(f, "<th class=\"num\">%s: %s %s</th>", rb_report_persp_name(ctx, p),
      RB_L(ctx, "mod", "against"), rb_report_arm_name(ctx, RB_ARM_BASELINE));
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    h(f, "<th class=\"num\">%s: %s %s</th>", rb_report_persp_name(ctx, p),
      rb_report_arm_name(ctx, RB_ARM_INTERVENTION),
      RB_L(ctx, "mod armen", "against it"));
  }
  h(f, "</tr></thead>\n<tbody>\n");
  for (int a = 0; a < res->n_arms; a++) {
    h(f, "<tr><td>");
    esc(f, rb_report_arm_name(ctx, a));
    h(f, "</td><td>");
    esc(f, ctx->sc->schemes[ctx->sc->arms[a].scheme].name);
    h(f, "</td>");
    for (int p = 0; p < RB_P_COUNT; p++) {
      td_kr(f, ctx, res->all.persp[RB_DISC][p].vs[a][RB_ARM_BASELINE].mean);
    }
    for (int p = 0; p < RB_P_COUNT; p++) {
      td_kr(f, ctx, res->all.persp[RB_DISC][p].vs[RB_ARM_INTERVENTION][a].mean);
    }
    h(f, "</tr>\n");
  }
  h(f, "</tbody></table>\n</section>\n");
}

/* The waivers' prices (waivers.json, issue 11). */
static void section_waivers(FILE *f, const rb_report_ctx *ctx) {
  const json_t *rows = json_object_get(ctx->waivers, "waivers");
  if (rows == NULL) {
    return;
  }
  section_open(
      f, "waivers", RB_L(ctx, "Dispensationernes pris", "The waivers' prices"),
      RB_L(ctx,
           "Samme kørsel med én dispensation slået fra (samme tilfældige tal). "
           "Pris = armens besparelse mod referencen med dispensationen minus "
           "uden, kr. pr. borger (nutidsværdi). delebolig_two_tenants giver "
           "boligsikring til hver af to lejere i en delebolig "
           "(boligstøtteloven § 24 i som for tre); den ændrer kun delte "
           "boliger med to lejere, så uden dem er prisen 0.",
           "The same run with one waiver off (common random numbers). Price = "
           "the arm's saving against the reference with the waiver minus "
           "without, kr per citizen (present value). delebolig_two_tenants "
           "gives boligsikring to each of two tenants of a delebolig "
           "(boligstøtteloven § 24 i as for three); it changes only shared "
           "flats of two tenants, so without them its price is 0."));
  h(f, "<table>\n<thead><tr><th>%s</th><th>%s</th>", RB_L(ctx, "Arm", "Arm"),
    RB_L(ctx, "Dispensation", "Waiver"));
  for (int p = 0; p < RB_P_COUNT; p++) {
    h(f, "<th class=\"num\">%s</th>", rb_report_persp_name(ctx, p));
  }
  h(f,
    "<th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead>\n"
    "<tbody>\n",
    RB_L(ctx, "Indflytninger med", "Move-ins with"),
    RB_L(ctx, "uden", "without"));
  for (size_t i = 0; i < json_array_size(rows); i++) {
    const json_t *r = json_array_get(rows, i);
    const char *state = json_string_value(json_object_get(r, "state"));
    h(f, "<tr><td>");
    esc(f, json_string_value(json_object_get(r, "arm")));
    h(f, "</td><td>");
    esc(f, json_string_value(json_object_get(r, "waiver")));
    h(f, "</td>");
    if (state != NULL && strcmp(state, "priced") != 0) {
      h(f, "<td colspan=\"%d\">%s</td></tr>\n", RB_P_COUNT + 2,
        strcmp(state, "abolished") == 0
            ? RB_L(ctx, "reglen er ophævet (1.7.2025): ingen virkning",
                   "the rule is abolished (1.7.2025): no effect")
            : RB_L(ctx, "ingen kørsel: ingen virkning", "no run: no effect"));
      continue;
    }
    const json_t *pr = json_object_get(r, "price");
    for (int p = 0; p < RB_P_COUNT; p++) {
      td_kr(f, ctx, rb_report_jnum(pr, rb_perspective_name((rb_perspective)p)));
    }
    td_dec(f, ctx, rb_report_jnum(r, "moved_in_with"), 1);
    td_dec(f, ctx, rb_report_jnum(r, "moved_in_without"), 1);
    h(f, "</tr>\n");
  }
  h(f, "</tbody></table>\n</section>\n");
}

static void section_tornado(FILE *f, const rb_report_ctx *ctx) {
  if (ctx->tornado == NULL) {
    return;
  }
  tornado_intro(f, ctx);
  /* What has to be true: the ends that turn the municipality's result
   * (in a tornado's own report the headline says it). */
  if (ctx->kind == RB_REPORT_RUN) {
    h(f, "<div class=\"warn\"><b>%s</b> ",
      RB_L(ctx, "Hvad skal være sandt:", "What has to be true:"));
    rb_report_tornado_truths(f, ctx, RB_P_KOMMUNE, true);
    h(f, "</div>\n");
  }
  chart_html(f, ctx, RB_CHART_TORNADO);
  if (ctx->kind == RB_REPORT_TORNADO) {
    for (int p = RB_P_PUBLIC; p < RB_P_COUNT; p++) {
      char stem[64];
      snprintf(stem, sizeof stem, RB_CHART_TORNADO_PREFIX "%s",
               rb_perspective_name((rb_perspective)p));
      chart_html(f, ctx, stem);
    }
  }
  small_table(f, "tnnnnnntt", RB_L(ctx, "Antagelse", "Assumption"),
              RB_L(ctx, "Værdi", "Value"), RB_L(ctx, "Lav", "Low"),
              RB_L(ctx, "Høj", "High"),
              RB_L(ctx, "Besparelse ved lav", "Saving at low"),
              RB_L(ctx, "Besparelse ved høj", "Saving at high"),
              RB_L(ctx, "Udsving", "Swing"),
              RB_L(ctx, "Skifter fortegn for", "Changes sign for"),
              RB_L(ctx, "Kilde", "Source"));
  json_t *bars = json_object_get(ctx->tornado, "bars");
  for (size_t i = 0; i < json_array_size(bars); i++) {
    tornado_row(f, ctx, json_array_get(bars, i));
  }
  h(f, "</tbody>\n</table>\n</section>\n");
}

/* ---- value of information (voi.json) ------------------------------------ */

/* The section's words: the EVPI per citizen and for the enrolled
 * population, or that no assumption can change the decision. */
/* Why the EVPI is 0, in words: the scheme pays (or costs) the kommune in
 * every simulated world, or changes nothing for it at all. */
static const char *voi_zero_words(const rb_report_ctx *ctx) {
  const rb_stats *s = &ctx->res->all.persp[RB_DISC][RB_P_KOMMUNE].saving;
  if (s->p2_5 == 0.0 && s->p97_5 == 0.0) {
    return RB_L(ctx,
                "Ordningen ændrer intet for kommunen i de simulerede "
                "verdener (besparelsen er 0 kr.), så ingen måling kan ændre "
                "beslutningen (EVPI = 0 kr.).",
                "The scheme changes nothing for the municipality in the "
                "simulated worlds (the saving is 0 kr), so no measurement "
                "can change the decision (EVPI = 0 kr).");
  }
  if (s->p97_5 < 0.0) {
    return RB_L(ctx,
                "Ordningen koster kommunen penge i alle de simulerede "
                "verdener, så ingen måling kan ændre beslutningen (EVPI = 0 "
                "kr.). Tabellen viser i stedet, hvor stor en del af "
                "usikkerheden om tabets størrelse hver antagelse forklarer.",
                "The scheme costs the municipality money in every simulated "
                "world, so no measurement can change the decision (EVPI = 0 "
                "kr). The table shows instead how much of the uncertainty "
                "about the size of the loss each assumption explains.");
  }
  return RB_L(ctx,
              "Ordningen betaler sig for kommunen i alle de simulerede "
              "verdener, så ingen måling kan ændre beslutningen (EVPI = 0 "
              "kr.). Tabellen viser i stedet, hvor stor en del af "
              "usikkerheden om besparelsens størrelse hver antagelse "
              "forklarer: de største bør piloten måle for at gøre tallet "
              "sikrere.",
              "The scheme pays for itself for the municipality in every "
              "simulated world, so no measurement can change the decision "
              "(EVPI = 0 kr). The table shows instead how much of the "
              "uncertainty about the size of the saving each assumption "
              "explains: the pilot should measure the largest to make the "
              "figure surer.");
}

static void voi_intro(FILE *f, const rb_report_ctx *ctx) {
  h(f, "<section id=\"voi\">\n<h2>%s</h2>\n<p>",
    RB_L(ctx, "Hvilken antagelse er mest værd at måle i piloten?",
         "Which assumption is most worth measuring in the pilot?"));
  double e = rb_report_jpersp(ctx->voi, "evpi", RB_P_KOMMUNE);
  double ep = rb_report_jpersp(ctx->voi, "evpi_population", RB_P_KOMMUNE);
  char a[64], b[64];
  rb_report_kr(ctx, a, sizeof a, e);
  rb_report_kr(ctx, b, sizeof b, ep);
  if (e > 0.0) {
    h(f,
      ctx->da ? "At kende alle antagelser før beslutningen er for kommunen "
                "værd %s kr. pr. borger, %s kr. for alle borgere i forløbet "
                "(EVPI). Tabellen viser, hvad det er værd at kende hver "
                "antagelse eller gruppe af antagelser (EVPPI): det, der er "
                "mest værd, bør piloten måle først."
              : "Knowing every assumption before deciding is worth %s kr "
                "per citizen to the municipality, %s kr for every citizen "
                "enrolled (EVPI). The table shows what knowing each "
                "assumption or group of assumptions is worth (EVPPI): the "
                "pilot should measure the most valuable first.",
      a, b);
  } else {
    h(f, "%s", voi_zero_words(ctx));
  }
  h(f, "</p>\n");
}

static void section_voi(FILE *f, const rb_report_ctx *ctx) {
  if (ctx->voi == NULL) {
    return;
  }
  voi_intro(f, ctx);
  chart_html(f, ctx, RB_CHART_VOI);
  small_table(f, "tnnnnn", RB_L(ctx, "Antagelse", "Assumption"),
              RB_L(ctx, "Værdier", "Values"),
              RB_L(ctx, "EVPPI kommunen, kr. pr. borger",
                   "EVPPI municipality, kr per citizen"),
              RB_L(ctx, "EVPPI kommunen, alle borgere",
                   "EVPPI municipality, all citizens"),
              RB_L(ctx, "EVPPI hele det offentlige, kr. pr. borger",
                   "EVPPI public sector, kr per citizen"),
              RB_L(ctx, "Forklaret andel af usikkerheden (kommunen)",
                   "Share of the uncertainty explained (municipality)"));
  json_t *entries = json_object_get(ctx->voi, "entries");
  size_t n = json_array_size(entries);
  for (size_t i = 0; i < n && i < 20; i++) {
    json_t *e = json_array_get(entries, i);
    h(f, "<tr><td class=\"key\">");
    esc_key(f, json_string_value(json_object_get(e, "name")));
    h(f, "</td>");
    td_num(f, ctx, rb_report_jnum(e, "n_values"), 6);
    td_kr(f, ctx, rb_report_jpersp(e, "evppi", RB_P_KOMMUNE));
    td_kr(f, ctx, rb_report_jpersp(e, "evppi_population", RB_P_KOMMUNE));
    td_kr(f, ctx, rb_report_jpersp(e, "evppi", RB_P_PUBLIC));
    td_pct(f, ctx, rb_report_jpersp(e, "r2", RB_P_KOMMUNE));
    h(f, "</tr>\n");
  }
  h(f, "</tbody>\n</table>\n<p class=\"note\">%s</p>\n</section>\n",
    RB_L(ctx,
         "Beregnet med regressionsmetoden (Strong, Oakley og Brennan 2014) "
         "på psa-kørslens trækninger; de første 20 af voi.csv, hvor alle "
         "står. En gruppe er samme antagelse i alle målgrupper "
         "(groups.[*]), én målgruppes antagelser eller en hel blok "
         "(costs.*). Få procent af EVPI er inden for støjen.",
         "Computed by the regression method (Strong, Oakley and Brennan "
         "2014) on the psa run's draws; the first 20 of voi.csv, which has "
         "them all. A group is the same assumption in every target group "
         "(groups.[*]), one target group's assumptions, or a whole block "
         "(costs.*). A few per cent of the EVPI is within the noise."));
}

/* A column of a sweep table: its heading, the array of sweep.json it
 * shows (in perspective @c persp's block, or the sweep's own when
 * @c persp is -1) and how: 'k' kroner, 'p' a share, 'd' one decimal. */
typedef struct {
  const char *da, *en;
  int persp;
  const char *key;
  char how;
} sweep_col;

/* The municipality's saving and the others' means at each value. */
static const sweep_col sweep_saving_cols[] = {
    {"Kommunen", "Municipality", RB_P_KOMMUNE, "mean", 'k'},
    {"2,5 %", "2.5%", RB_P_KOMMUNE, "p2_5", 'k'},
    {"97,5 %", "97.5%", RB_P_KOMMUNE, "p97_5", 'k'},
    {"Sandsynlighed for gevinst", "Chance of a gain", RB_P_KOMMUNE,
     "prob_positive", 'p'},
    {"Hele det offentlige", "Public sector", RB_P_PUBLIC, "mean", 'k'},
    {"Samfundet", "Society", RB_P_SOCIETAL, "mean", 'k'},
    {"I bolig efter 24 mdr.", "Housed after 24 months", -1, "housed_24", 'p'}};

/* The citizens with the scheme at each value (the intervention arm). */
static const sweep_col sweep_outcome_cols[] = {
    {"I bolig efter 12 mdr.", "Housed after 12 months", -1, "housed_12", 'p'},
    {"I bolig efter 24 mdr.", "Housed after 24 months", -1, "housed_24", 'p'},
    {"Ventetid (mdr.)", "Waiting (months)", -1, "months_waiting", 'd'},
    {"Tilskud pr. måned (kr.)", "Subsidy per month (kr)", -1,
     "subsidy_per_month", 'k'},
    {"Tilbud taget imod", "Offers taken", -1, "share_acceptable", 'p'}};

/* A table of sweep @p sw: a row per value, the value and then the
 * @p n columns @p cols. */
static void sweep_columns(FILE *f, const rb_report_ctx *ctx, const json_t *sw,
                          const sweep_col *cols, int n) {
  const json_t *values = json_object_get(sw, "values");
  h(f, "<table class=\"small\">\n<thead><tr>");
  th(f, true, RB_L(ctx, "Værdi", "Value"));
  for (int c = 0; c < n; c++) {
    th(f, true, RB_L(ctx, cols[c].da, cols[c].en));
  }
  h(f, "</tr></thead>\n<tbody>\n");
  for (size_t i = 0; i < json_array_size(values); i++) {
    h(f, "<tr>");
    td_num(f, ctx, rb_report_jat(values, i), 6);
    for (int c = 0; c < n; c++) {
      const json_t *from =
          cols[c].persp < 0 ? sw : rb_report_sweep_persp(sw, cols[c].persp);
      double x = rb_report_jat(json_object_get(from, cols[c].key), i);
      if (cols[c].how == 'k') {
        td_kr(f, ctx, x);
      } else if (cols[c].how == 'p') {
        td_pct(f, ctx, x);
      } else {
        td_dec(f, ctx, x, 1);
      }
    }
    h(f, "</tr>\n");
  }
  h(f, "</tbody>\n</table>\n");
}

/* A sweep's own report: the citizens' outcomes with the scheme at each
 * value (sweep.json's intervention-arm measures). */
static void sweep_outcomes(FILE *f, const rb_report_ctx *ctx,
                           const json_t *sw) {
  h(f, "<h3>%s</h3>\n<p class=\"note\">%s</p>\n",
    RB_L(ctx, "Borgerne med ordningen ved hver værdi",
         "The citizens with the scheme at each value"),
    RB_L(ctx,
         "Andel i egen bolig 12 og 24 måneder efter start, måneder i tilbud "
         "før første indflytning, tilskud pr. måned med tilskud, og andelen "
         "af de tilbudte boliger, der blev taget imod.",
         "Share in an own flat 12 and 24 months after entry, months placed "
         "before the first move-in, subsidy per subsidised month, and the "
         "share of the flats offered that were taken."));
  sweep_columns(
      f, ctx, sw, sweep_outcome_cols,
      (int)(sizeof sweep_outcome_cols / sizeof sweep_outcome_cols[0]));
}

/* The head of sweep @p k's section: its key, the municipality's best and
 * break-even values. */
static void sweep_intro(FILE *f, const rb_report_ctx *ctx, const json_t *sw,
                        int k) {
  const json_t *kom = rb_report_sweep_persp(sw, RB_P_KOMMUNE);
  h(f, "<section class=\"sweep\" id=\"sweep-%d\">\n<h2>%s <code>", k + 1,
    RB_L(ctx, "Besparelsen over", "The saving over"));
  esc(f, json_string_value(json_object_get(sw, "param")));
  h(f, "</code></h2>\n<p>");
  char v[64];
  rb_report_num(ctx, v, sizeof v, rb_report_jnum(kom, "best_value"), 6);
  h(f, "%s <b>%s</b>. ",
    RB_L(ctx, "Bedste værdi for kommunen:", "Best value for the municipality:"),
    v);
  const json_t *bev = json_object_get(kom, "break_even_values");
  if (json_array_size(bev) == 0) {
    h(f, "%s",
      RB_L(ctx,
           "Kommunens besparelse skifter ikke fortegn i det undersøgte "
           "interval.",
           "The municipality's saving does not change sign in the range "
           "studied."));
  } else {
    h(f, "%s ",
      RB_L(ctx, "Kommunens besparelse skifter fortegn ved",
           "The municipality's saving changes sign at"));
    for (size_t i = 0; i < json_array_size(bev); i++) {
      rb_report_num(ctx, v, sizeof v, rb_report_jat(bev, i), 6);
      h(f, "%s%s", i ? ", " : "", v);
    }
    h(f, ".");
  }
  other_replications(f, ctx, sw, RB_L(ctx, "Kurven", "The curve"), "");
  h(f, "</p>\n");
}

/* The sweep's table: per value the municipality's saving and the others'
 * means. */
static void sweep_table(FILE *f, const rb_report_ctx *ctx, const json_t *sw) {
  sweep_columns(f, ctx, sw, sweep_saving_cols,
                (int)(sizeof sweep_saving_cols / sizeof sweep_saving_cols[0]));
}

static void section_sweeps(FILE *f, const rb_report_ctx *ctx) {
  for (int k = 0; k < ctx->n_sweeps; k++) {
    const json_t *sw = ctx->sweeps[k];
    sweep_intro(f, ctx, sw, k);
    char stem[64];
    snprintf(stem, sizeof stem, RB_CHART_SWEEP_PREFIX "%d", k + 1);
    chart_html(f, ctx, stem);
    sweep_table(f, ctx, sw);
    if (ctx->kind == RB_REPORT_SWEEP) {
      sweep_outcomes(f, ctx, sw);
    }
    h(f, "</section>\n");
  }
}

/* The figures a parameters file (--params) changed, each with its row. */
static void params_edits(FILE *f, const rb_report_ctx *ctx) {
  const rb_scenario *sc = ctx->sc;
  if (sc->params_path == NULL) {
    return;
  }
  h(f, "<p class=\"note\">%s <code>",
    RB_L(ctx, "Tallene er læst fra parameterfilen",
         "The figures are read from the parameters file"));
  esc(f, sc->params_path);
  h(f, "</code>%s</p>\n",
    sc->n_edits == 0 ? RB_L(ctx, ", som ikke ændrer nogen af scenariets tal.",
                            ", which changes none of the scenario's figures.")
                     : RB_L(ctx, ", som ændrer disse i forhold til scenariet:",
                            ", which changes these from the scenario's:"));
  if (sc->n_edits == 0) {
    return;
  }
  h(f, "<ul class=\"note\">\n");
  for (int i = 0; i < sc->n_edits; i++) {
    const rb_param_edit *e = &sc->edits[i];
    char was[64] = "–", now[64];
    if (isfinite(e->was)) {
      rb_report_num(ctx, was, sizeof was, e->was, 6);
    }
    rb_report_num(ctx, now, sizeof now, e->now, 6);
    h(f, "<li>%s %d: <code>", RB_L(ctx, "linje", "line"), e->line);
    esc_key(f, e->key);
    h(f, "</code> %s: %s → %s</li>\n",
      strcmp(e->column, "value") == 0 ? RB_L(ctx, "værdi", "value")
      : strcmp(e->column, "low") == 0 ? RB_L(ctx, "lav", "low")
                                      : RB_L(ctx, "høj", "high"),
      was, now);
  }
  h(f, "</ul>\n");
}

static void section_assumptions(FILE *f, const rb_report_ctx *ctx) {
  const rb_scenario *sc = ctx->sc;
  h(f, "<section id=\"assumptions\" class=\"pb\">\n<h2>%s</h2>\n<p>%s</p>\n",
    RB_L(ctx, "Antagelserne og deres kilder",
         "The assumptions and their sources"),
    RB_L(ctx,
         "Hvert tal, beregningen bygger på, med den lave og høje værdi, der "
         "er brugt i følsomhedsberegningen, og kilden. Lovbestemte satser "
         "(boligsikring, skat) står i regelfilen, se nederst.",
         "Every number the calculation rests on, with the low and high "
         "value used in the sensitivity analysis, and its source. Legal "
         "rates (housing benefit, tax) are in the rules file, see below."));
  if (ctx->kind == RB_REPORT_SWEEP) {
    h(f, "<p class=\"note\">%s <code>",
      RB_L(ctx, "Værdierne er scenariets; den undersøgte nøgle",
           "The values are the scenario's; the key swept,"));
    esc(f, json_string_value(json_object_get(ctx->sweeps[0], "param")));
    h(f, "</code> %s</p>\n",
      RB_L(ctx, "tager i stedet hver af undersøgelsens værdier.",
           "takes each of the sweep's values instead."));
  }
  params_edits(f, ctx);
  small_table(f, "tnnntt", RB_L(ctx, "Nøgle", "Key"),
              RB_L(ctx, "Værdi", "Value"), RB_L(ctx, "Lav", "Low"),
              RB_L(ctx, "Høj", "High"), RB_L(ctx, "Fordeling", "Distribution"),
              RB_L(ctx, "Kilde", "Source"));
  for (int i = 0; i < sc->n_params; i++) {
    const rb_param *p = &sc->params[i];
    h(f, "<tr><td class=\"key\">");
    esc_key(f, p->key);
    h(f, "</td>");
    td_num(f, ctx, p->value, 6);
    if (p->has_range) {
      td_num(f, ctx, p->low, 6);
      td_num(f, ctx, p->high, 6);
    } else {
      h(f, "<td></td><td></td>");
    }
    h(f, "<td>%s</td><td class=\"src\">",
      p->dist == RB_DIST_PLAIN ? "" : rb_dist_name(p->dist));
    esc(f, p->source);
    h(f, "</td></tr>\n");
  }
  /* The rules file's legal figures: constants, never drawn. */
  for (int i = 0; i < sc->rules.n_notes; i++) {
    const rb_rule_note *n = &sc->rules.notes[i];
    h(f, "<tr><td class=\"key\">rules.");
    esc_key(f, n->key);
    h(f, "</td>");
    td_num(f, ctx, n->value, 6);
    h(f, "<td></td><td></td><td>%s</td><td class=\"src\">",
      RB_L(ctx, "lovregel", "legal rule"));
    esc(f, n->source);
    h(f, "</td></tr>\n");
  }
  h(f, "</tbody>\n</table>\n</section>\n");
}

static void run_row(FILE *f, const char *name, const char *value, bool code) {
  if (value == NULL || value[0] == '\0') {
    h(f, "<tr><th>%s</th><td>–</td></tr>\n", name);
    return;
  }
  h(f, "<tr><th>%s</th><td>%s", name, code ? "<code>" : "");
  esc(f, value);
  h(f, "%s</td></tr>\n", code ? "</code>" : "");
}

/* The rows only a sweep's or a tornado's own report has. */
static void run_decision_rows(FILE *f, const rb_report_ctx *ctx) {
  if (ctx->kind == RB_REPORT_SWEEP) {
    json_t *sw = ctx->sweeps[0];
    json_t *values = json_object_get(sw, "values");
    size_t nv = json_array_size(values);
    run_row(f, RB_L(ctx, "Undersøgt nøgle", "Key swept"),
            json_string_value(json_object_get(sw, "param")), true);
    char a[64], z[64], line[200];
    rb_report_num(ctx, a, sizeof a, rb_report_jat(values, 0), 6);
    rb_report_num(ctx, z, sizeof z, rb_report_jat(values, nv ? nv - 1 : 0), 6);
    snprintf(line, sizeof line,
             ctx->da ? "%s til %s, %zu værdier" : "%s to %s, %zu values", a, z,
             nv);
    run_row(f, RB_L(ctx, "Værdier", "Values"), line, false);
  } else if (ctx->kind == RB_REPORT_TORNADO) {
    size_t nb = json_array_size(json_object_get(ctx->tornado, "bars"));
    char b[64];
    snprintf(b, sizeof b, "%zu", 1 + 2 * nb);
    run_row(f,
            RB_L(ctx, "Beregninger (1 + 2 pr. antagelse)",
                 "Calculations (1 + 2 per assumption)"),
            b, false);
  }
}

/* Where the numbers are, under the table. */
static void run_note(FILE *f, const rb_report_ctx *ctx) {
  const char *files = "summary.json";
  if (ctx->kind == RB_REPORT_SWEEP) {
    files = RB_L(ctx, "sweep.json og sweep.csv", "sweep.json and sweep.csv");
  } else if (ctx->kind == RB_REPORT_TORNADO) {
    files = RB_L(ctx, "tornado.json og tornado.csv",
                 "tornado.json and tornado.csv");
  }
  h(f,
    ctx->da ? "</table>\n<p class=\"note\">Samme scenarie, startværdi og "
              "antal simuleringer giver de samme tal, uanset antal tråde. "
              "Tallene i denne rapport er de samme som i %s%s i samme mappe; "
              "diagrammernes data og gnuplot-scripts ligger i mappen "
              "charts/.</p>\n</section>\n"
            : "</table>\n<p class=\"note\">The same scenario, seed and "
              "number of replications give the same numbers whatever the "
              "number of threads. The numbers in this report are those of "
              "%s%s in the same folder; the charts' data and gnuplot scripts "
              "are in charts/.</p>\n</section>\n",
    files,
    ctx->kind == RB_REPORT_RUN
        ? RB_L(ctx, " og CSV-filerne", " and the CSV files")
        : "");
}

static void section_run(FILE *f, const rb_report_ctx *ctx) {
  const rb_scenario *sc = ctx->sc;
  const rb_run_meta *m = ctx->meta;
  char b[64];
  h(f, "<section id=\"run\">\n<h2>%s</h2>\n<table class=\"small run\">\n",
    RB_L(ctx, "Sådan er beregningen lavet", "How the calculation was made"));
  run_row(f, RB_L(ctx, "Program", "Engine"), "rentbridge " RB_VERSION, false);
  run_row(f, RB_L(ctx, "Scenariefil", "Scenario file"), m->scenario_path, true);
  run_row(f, RB_L(ctx, "SHA-256 af scenariefilen", "SHA-256 of the scenario"),
          ctx->sha_scenario, true);
  run_row(f,
          RB_L(ctx, "SHA-256 af det opløste scenarie (scenario.cfg)",
               "SHA-256 of the resolved scenario (scenario.cfg)"),
          ctx->sha_resolved, true);
  run_row(f, RB_L(ctx, "Regelfil", "Rules file"), sc->rules_resolved, true);
  run_row(f,
          RB_L(ctx, "SHA-256 af regelfilen (rules.cfg)",
               "SHA-256 of the rules file (rules.cfg)"),
          ctx->sha_rules, true);
  snprintf(b, sizeof b, "%llu", (unsigned long long)m->seed);
  run_row(f, RB_L(ctx, "Startværdi (seed)", "Seed"), b, false);
  rb_report_kr(ctx, b, sizeof b, (double)ctx->replications);
  run_row(f,
          ctx->kind == RB_REPORT_RUN
              ? RB_L(ctx, "Simuleringer (replikationer)", "Replications")
              : RB_L(ctx, "Simuleringer (replikationer) pr. beregning",
                     "Replications per calculation"),
          b, false);
  run_row(f, RB_L(ctx, "Tilstand", "Mode"), rb_report_mode(ctx), false);
  run_decision_rows(f, ctx);
  snprintf(b, sizeof b, "%d", m->threads);
  run_row(f, RB_L(ctx, "Tråde", "Threads"), b, false);
  run_row(f, RB_L(ctx, "Tilfældighedsgenerator", "Random-number generator"),
          rb_engine_rng_name(), false);
  run_row(f, RB_L(ctx, "Starttidspunkt (UTC)", "Start time (UTC)"),
          m->start_time, false);
  if (m->command_line != NULL) {
    run_row(f, RB_L(ctx, "Kommando", "Command"), m->command_line, true);
  }
  run_note(f, ctx);
}

rb_status rb_report_html(const rb_report_ctx *ctx) {
  char path[4200];
  snprintf(path, sizeof path, "%s/report.html", ctx->dir);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  section_head(f, ctx);
  h(f, "<main>\n");
  if (ctx->kind == RB_REPORT_RUN) {
    section_headline(f, ctx);
    section_perspectives(f, ctx);
    rb_portfolio_html(f, ctx);
    section_saving_charts(f, ctx);
    section_items(f, ctx);
    section_housing(f, ctx);
    rb_pools_html(f, ctx);
    rb_limit_html(f, ctx);
    section_outcomes(f, ctx);
    section_budget(f, ctx);
    section_groups(f, ctx);
    section_arms(f, ctx);
    section_waivers(f, ctx);
  } else {
    section_decision_headline(f, ctx);
  }
  section_tornado(f, ctx);
  section_voi(f, ctx);
  section_sweeps(f, ctx);
  section_assumptions(f, ctx);
  section_run(f, ctx);
  h(f, "</main>\n<footer>rentbridge %s</footer>\n</body>\n</html>\n",
    RB_VERSION);
  int bad = ferror(f);
  if (fclose(f) != 0 || bad) {
    return RB_EIO;
  }
  return RB_OK;
}
