/* The report's charts: for each chart a data file and a gnuplot script in
 * <results>/charts/, drawn to SVG by gnuplot (terminal svg).  The scripts
 * are plain gnuplot so an analyst can restyle them and run
 * `gnuplot <name>.gp` in that folder.  gnuplot is found on PATH, or is the
 * program named by the environment variable RB_GNUPLOT; when it is missing
 * or fails, the charts are left out, the reason is kept for the report and
 * the run goes on. */
#include "report/charts.h"

#include "base/file.h"
#include "base/gnuplot.h"
#include "output/budget_lines.h"
#include "report/lookup.h"
#include "report/wording.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Colours shared by every chart. */
static const char *const persp_colour[RB_P_COUNT] = {"#1b6ca8", "#2a9d8f",
                                                     "#8d6cab"};
static const char *const arm_colour[RB_MAX_ARMS] = {
    "#1b6ca8", "#c8553d", "#2a9d8f", "#e9a03b",
    "#8d6cab", "#6a994e", "#b5838d", "#5c677d"};
static const char *const payer_colour[RB_PAYER_COUNT] = {"#1b6ca8", "#e9a03b",
                                                         "#6a994e"};
static const char *const housing_colour[RB_MONTHLY_STATES] = {
    "#c8553d", "#7fb7e3", "#1b6ca8", "#5c3d2e",
    "#b0b0b0", "#404040", "#eeeeee"};

/* @p s between the quotes @p q, each @p q inside it written as @p in_q
 * and control characters as spaces. */
static void put_quoted(FILE *f, const char *s, char q, const char *in_q) {
  fputc(q, f);
  for (; s != NULL && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == (unsigned char)q) {
      fputs(in_q, f);
    } else if (c < 0x20 || c == 0x7f) {
      fputc(' ', f);
    } else {
      fputc(c, f);
    }
  }
  fputc(q, f);
}

/* A string in single quotes for a gnuplot script: '' stands for ', and
 * nothing else is special there. */
static void gp_str(FILE *f, const char *s) {
  put_quoted(f, s, '\'', "''");
}

/* A label in a data file: double-quoted, so a double quote inside becomes a
 * single one. */
static void dat_str(FILE *f, const char *s) {
  put_quoted(f, s, '"', "'");
}

/* The x axis of a chart with one bar (or cluster) per label at 0, 1, …:
 * each of the @p n labels on lines of about @p width characters, so that a
 * label such as "udslusningsbolig (SEL § 163 a)" does not run into its
 * neighbour's; and a bottom margin for the most lines a label takes
 * (gnuplot's own leaves room for one, which cut the second line off):
 * those lines. */
static int gp_xtics(FILE *f, const char *const *label, int n, int width) {
  fputs("set xtics (", f);
  int most = 1;
  for (int k = 0; k < n; k++) {
    const char *s = label[k] != NULL ? label[k] : "";
    fputs(k ? ", \"" : "\"", f);
    int col = 0, lines = 1;
    for (; *s; s++) {
      const unsigned char c = (unsigned char)*s;
      if (c == ' ') {
        /* A new line before the next word when it would pass the width. */
        int w = 0;
        for (const char *q = s + 1; *q && *q != ' '; q++) {
          w += ((unsigned char)*q & 0xC0) != 0x80;
        }
        if (col > 0 && col + 1 + w > width) {
          fputs("\\n", f);
          col = 0;
          lines++;
          continue;
        }
      }
      if (c == '"' || c == '\\') {
        fputc('\\', f);
      }
      fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
      col += (c & 0xC0) != 0x80;
    }
    fprintf(f, "\" %d", k);
    most = lines > most ? lines : most;
  }
  fprintf(f, ") scale 0\nset bmargin %d\n", most + 1);
  return most;
}

/* gp_xtics with every arm's words. */
static int gp_arm_xtics(FILE *f, const rb_report_ctx *ctx, int width) {
  const char *label[RB_MAX_ARMS];
  for (int arm = 0; arm < ctx->res->n_arms; arm++) {
    label[arm] = rb_report_arm_name(ctx, arm);
  }
  return gp_xtics(f, label, ctx->res->n_arms, width);
}

/* A label of at most @p max bytes (cut at a character boundary, with an
 * ellipsis) for a chart's key. */
static void dat_label(FILE *f, const char *s, size_t max) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", s != NULL ? s : "");
  if (strlen(buf) > max && max + 4 < sizeof buf) {
    size_t cut = max;
    while (cut > 0 && ((unsigned char)buf[cut] & 0xC0) == 0x80) {
      cut--;
    }
    memcpy(buf + cut, "\xE2\x80\xA6", 4); /* … and the terminator */
  }
  dat_str(f, buf);
}

/* A number in a data file ('?' for a missing one). */
static void dat_num(FILE *f, double x) {
  if (isfinite(x)) {
    fprintf(f, " %.10g", x);
  } else {
    fputs(" ?", f);
  }
}

/* The rest of a data file's column line: each perspective's mean and
 * 2.5/97.5 percentiles. */
static void dat_band_columns(FILE *f) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    fprintf(f, " %s_mean %s_p2_5 %s_p97_5",
            rb_perspective_name((rb_perspective)p),
            rb_perspective_name((rb_perspective)p),
            rb_perspective_name((rb_perspective)p));
  }
  fputc('\n', f);
}

/* Open <stem><ext> in the charts folder for writing; NULL on failure. */
static FILE *open_chart_file(const rb_report_ctx *ctx, const char *stem,
                             const char *ext) {
  char path[4200];
  snprintf(path, sizeof path, "%s/charts/%s%s", ctx->dir, stem, ext);
  return fopen(path, "w");
}

/* The common head of every script. */
static void gp_head(FILE *f, const rb_report_ctx *ctx, const char *stem,
                    const char *caption, int width, int height) {
  fputs("# rentbridge chart: ", f);
  for (const char *c = caption; *c; c++) {
    unsigned char u = (unsigned char)*c;
    fputc(u < 0x20 || u == 0x7f ? ' ' : u, f);
  }
  fprintf(f,
          "\n# Drawn from the data file(s) beside it; restyle freely and "
          "run `gnuplot %s.gp` in this folder.\n",
          stem);
  fprintf(f,
          "set terminal svg size %d,%d dynamic noenhanced "
          "font 'Helvetica,12' background rgb 'white'\n",
          width, height);
  fprintf(f, "set output '%s.svg'\n", stem);
  if (ctx->da) {
    fputs("set decimalsign ','\n", f);
  }
  fputs("set datafile missing '?'\n"
        "set border 3 lc rgb '#555555'\n"
        "set tics nomirror textcolor rgb '#333333'\n"
        "set grid ytics lc rgb '#e0e0e0' lt 1\n"
        "set key noautotitle\n",
        f);
}

static int close_file(FILE *f) {
  if (f == NULL) {
    return -1;
  }
  int bad = ferror(f);
  if (fclose(f) != 0) {
    bad = 1;
  }
  return bad ? -1 : 0;
}

static rb_chart *add_chart(rb_report_ctx *ctx, const char *stem,
                           const char *title) {
  if (ctx->n_charts >= RB_MAX_CHARTS) {
    return NULL;
  }
  rb_chart *c = &ctx->charts[ctx->n_charts++];
  snprintf(c->stem, sizeof c->stem, "%s", stem);
  snprintf(c->title, sizeof c->title, "%s", title);
  c->ok = false;
  c->left_out[0] = '\0';
  return c;
}

/* Open a chart's script <stem>.gp and write its head; NULL on failure. */
static FILE *open_script(const rb_report_ctx *ctx, const char *stem,
                         const char *caption, int width, int height) {
  FILE *f = open_chart_file(ctx, stem, ".gp");
  if (f != NULL) {
    gp_head(f, ctx, stem, caption, width, height);
  }
  return f;
}

/* Add the chart @p stem to the report and open its data file <stem>.dat,
 * headed by the comment lines @p about (unless NULL); NULL on failure. */
static FILE *begin_chart(rb_report_ctx *ctx, const char *stem,
                         const char *caption, const char *about) {
  if (add_chart(ctx, stem, caption) == NULL) {
    return NULL;
  }
  FILE *f = open_chart_file(ctx, stem, ".dat");
  if (f != NULL && about != NULL) {
    fputs(about, f);
  }
  return f;
}

/* Close the chart's data file @p dat and open its script (open_script());
 * NULL on failure. */
static FILE *end_data(const rb_report_ctx *ctx, FILE *dat, const char *stem,
                      const char *caption, int width, int height) {
  if (close_file(dat) != 0) {
    return NULL;
  }
  return open_script(ctx, stem, caption, width, height);
}

/* ---- the charts ---------------------------------------------------------- */

/* The script of perspective @p p's cumulative saving: the mean, its band
 * and the break-even month. */
static void cum_saving_script(FILE *f, const rb_report_ctx *ctx, int p) {
  const rb_results *res = ctx->res;
  fputs("set ylabel ", f);
  gp_str(f, RB_L(ctx, "1.000 kr. pr. borger (nutidsværdi)",
                 "1,000 kr per citizen (present value)"));
  int step = (res->horizon + 12 * 12 - 1) / (12 * 12);
  fprintf(f,
          "\nset xtics %d format '%%.0f'\nset autoscale xfix\n"
          "set key top left\n",
          step < 1 ? 1 : step);
  int be = res->all.persp[RB_DISC][p].break_even_month;
  if (be > 0) {
    double x = rb_report_month_end_x(ctx->sc, be - 1);
    fprintf(f,
            "set arrow 1 from %.6f, graph 0 to %.6f, graph 1 nohead dt 2 "
            "lc rgb '#555555'\nset label 1 ",
            x, x);
    gp_str(f, RB_L(ctx, " tjent hjem", " breaks even"));
    fprintf(f, " at %.6f, graph 0.06 left textcolor rgb '#555555'\n", x);
  }
  /* Columns of cum_saving.dat: x, month, then mean, 2.5 %, 97.5 % per
   * perspective. */
  int c = 3 + 3 * p;
  fprintf(f,
          "plot 'cum_saving.dat' using 1:($%d/1000):($%d/1000) with "
          "filledcurves fs transparent solid 0.22 noborder lc rgb '%s' "
          "title ",
          c + 1, c + 2, persp_colour[p]);
  gp_str(f, RB_L(ctx, "95 %-interval", "95% interval"));
  fprintf(f,
          ", \\\n     '' using 1:($%d/1000) with lines lw 2.5 lc rgb '%s' "
          "title ",
          c, persp_colour[p]);
  gp_str(f, RB_L(ctx, "Middelværdi", "Mean"));
  fputs(", \\\n     0 with lines lc rgb '#555555' lw 1 notitle\n", f);
}

static int write_cum_saving(rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  const int H = res->horizon;
  FILE *f = open_chart_file(ctx, "cum_saving", ".dat");
  if (f == NULL) {
    return -1;
  }
  fputs("# Cumulative discounted saving per citizen, whole cohort, kr: the "
        "mean and the 2.5/97.5 percentiles\n# x = calendar time at the end "
        "of the month\n# x month",
        f);
  dat_band_columns(f);
  for (int t = 0; t < H; t++) {
    fprintf(f, "%.6f %d", rb_report_month_end_x(ctx->sc, t), t + 1);
    for (int p = 0; p < RB_P_COUNT; p++) {
      dat_num(f, rb_res_cum_saving(res, &res->all, RB_DISC, p, t));
      dat_num(f, rb_res_band(res, p, t, RB_BAND_LOW));
      dat_num(f, rb_res_band(res, p, t, RB_BAND_HIGH));
    }
    fputc('\n', f);
  }
  if (close_file(f) != 0) {
    return -1;
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    char stem[64], cap[256];
    snprintf(stem, sizeof stem, RB_CHART_CUM_PREFIX "%s",
             rb_perspective_name((rb_perspective)p));
    snprintf(cap, sizeof cap, "%s %s",
             RB_L(ctx, "Kumuleret besparelse pr. borger,",
                  "Cumulative saving per citizen,"),
             rb_report_persp_name(ctx, p));
    if (add_chart(ctx, stem, cap) == NULL) {
      return -1;
    }
    f = open_script(ctx, stem, cap, 860, 340);
    if (f == NULL) {
      return -1;
    }
    cum_saving_script(f, ctx, p);
    if (close_file(f) != 0) {
      return -1;
    }
  }
  return 0;
}

/* More items booked than this, and the items chart shows budget lines. */
#define RB_ITEMS_CHART_MAX 12

/* The items chart's columns: each item booked, or, for a portfolio or a
 * run with many items, each budget line (output/budget_lines.h), so that
 * its legend stays readable. */
typedef struct items_cols {
  bool by_line;
  int n;
  int col[512]; /* an item, or a line */
} items_cols;

/* The kommune's discounted net cost per citizen of column @p k in @p arm. */
static double items_value(const rb_report_ctx *ctx, const items_cols *c,
                          int arm, int k) {
  const rb_results *res = ctx->res;
  if (!c->by_line) {
    return rb_report_item_net(res, &res->all, arm, c->col[k], false, RB_DISC);
  }
  double s = 0.0;
  for (int i = 0; i < res->n_items; i++) {
    if ((int)rb_item_line(ctx->sc, res, i) == c->col[k]) {
      s += rb_report_item_net(res, &res->all, arm, i, false, RB_DISC);
    }
  }
  return s;
}

static void items_columns(const rb_report_ctx *ctx, items_cols *c) {
  const rb_results *res = ctx->res;
  c->n = 0;
  c->by_line = false;
  int booked = 0;
  for (int i = 0; i < res->n_items && c->n < 512; i++) {
    c->col[c->n] = i;
    if (fabs(items_value(ctx, c, RB_ARM_INTERVENTION, c->n)) >= 0.5 ||
        fabs(items_value(ctx, c, RB_ARM_BASELINE, c->n)) >= 0.5) {
      c->n++;
      booked++;
    }
  }
  if (!ctx->sc->views_given && booked <= RB_ITEMS_CHART_MAX) {
    return;
  }
  c->by_line = true;
  c->n = 0;
  for (int l = 0; l < RB_LINE_COUNT; l++) {
    c->col[c->n] = l;
    if (fabs(items_value(ctx, c, RB_ARM_INTERVENTION, c->n)) >= 0.5 ||
        fabs(items_value(ctx, c, RB_ARM_BASELINE, c->n)) >= 0.5) {
      c->n++;
    }
  }
}

/* The items chart's bars, key and axis for @p n items of @p na arms: up
 * to three arms the key stands to the right of the bars; more take the
 * whole width, the key below them and their words in a smaller type, so
 * that eight arms' names do not run into each other. */
static void items_layout(FILE *f, const rb_report_ctx *ctx, int n, int na) {
  const bool many = na > 3;
  /* The bars take 0.185 of the width each (two: up to 0.46), the key the
   * rest to their right; with many arms 0.88 between them. */
  const double right = many ? 0.97 : fmin(0.09 + 0.185 * na, 0.64);
  fprintf(f,
          "set style data histograms\nset style histogram rowstacked\n"
          "set style fill solid 0.9 border rgb '#ffffff'\nset boxwidth 0.45\n"
          "set lmargin at screen 0.09\nset rmargin at screen %.3f\n",
          right);
  if (many) {
    fputs("set key at screen 0.09, screen 0.01 left bottom horizontal "
          "maxcols 3 Left reverse samplen 1.5\nset xtics font ',10'\n",
          f);
  } else {
    fprintf(f,
            "set key at screen %.3f, graph 1 left top vertical Left reverse "
            "samplen 1.5\n",
            right + 0.02);
  }
  fputs("set ylabel ", f);
  gp_str(f, RB_L(ctx, "1.000 kr. pr. borger", "1,000 kr per citizen"));
  fputc('\n', f);
  /* About 6 px a character at 10 points, in each arm's share of 757 px;
   * below the words, the key's rows of three. */
  const int lines =
      gp_arm_xtics(f, ctx, many ? (int)fmax(8.0, 126.0 / na) : 14);
  if (many) {
    fprintf(f, "set bmargin %d\n", lines + 2 + (n + 2) / 3);
  }
}

static int write_items(rb_report_ctx *ctx) {
  items_cols cols;
  items_columns(ctx, &cols);
  const int n = cols.n;
  const char *cap =
      cols.by_line
          ? RB_L(ctx,
                 "Kommunens udgifter pr. borger fordelt på slags "
                 "(huslejetilskud, støtte, anbringelse, ydelser, skat, "
                 "øvrigt; nutidsværdi; indtægter under nul)",
                 "The municipality's costs per citizen by kind (subsidy, "
                 "support, placement, benefits, tax, other; present value; "
                 "revenue below zero)")
          : RB_L(ctx,
                 "Kommunens udgifter pr. borger fordelt på poster "
                 "(nutidsværdi; indtægter under nul)",
                 "The municipality's costs per citizen by item "
                 "(present value; revenue below zero)");
  FILE *f = begin_chart(
      ctx, RB_CHART_ITEMS, cap,
      "# The municipality's net cost per citizen by item, discounted, kr "
      "(revenue negative); one row per arm\n");
  if (f == NULL) {
    return -1;
  }
  dat_str(f, RB_L(ctx, "Arm", "Arm"));
  for (int k = 0; k < n; k++) {
    fputc(' ', f);
    dat_label(f,
              cols.by_line ? rb_line_label((rb_line)cols.col[k], ctx->da)
                           : rb_report_item_label(ctx, cols.col[k]),
              48);
  }
  fputc('\n', f);
  for (int arm = 0; arm < ctx->res->n_arms; arm++) {
    dat_str(f, rb_report_arm_name(ctx, arm));
    for (int k = 0; k < n; k++) {
      dat_num(f, items_value(ctx, &cols, arm, k));
    }
    fputc('\n', f);
  }
  /* More than three arms: the key below the bars (items_layout). */
  const int na = ctx->res->n_arms;
  f = end_data(ctx, f, RB_CHART_ITEMS, cap, 860, na > 3 ? 470 : 420);
  if (f == NULL) {
    return -1;
  }
  if (n == 0) {
    /* Nothing booked: an empty frame rather than a gnuplot error. */
    fputs("set xrange [0:1]\nset yrange [-1:1]\nplot 0 notitle\n", f);
    return close_file(f);
  }
  items_layout(f, ctx, n, na);
  fprintf(f, "set xzeroaxis lt 1 lc rgb '#555555'\nset xrange [-0.6:%.1f]\n",
          na - 0.4);
  fputs("array pal[16] = ['#1b6ca8', '#c8553d', '#2a9d8f', '#e9a03b', "
        "'#8d6cab', '#6a994e', '#7fb7e3', '#5c3d2e', '#f2c14e', '#b0b0b0', "
        "'#d68fb0', '#404040', '#0b3c5d', '#9c6644', '#a3c4bc', '#e76f51']\n",
        f);
  fprintf(f,
          "plot for [i=2:%d] 'items.dat' using (column(i)/1000) "
          "lc rgb pal[(i-2)%%16+1] title columnheader(i)\n",
          n + 1);
  return close_file(f);
}

/* One row of housing.dat: calendar position @p x, then every state of
 * month @p t in both arms. */
static void housing_row(FILE *f, const rb_results *res, double x, int t) {
  fprintf(f, "%.6f", x);
  for (int arm = 0; arm < RB_REPORT_ARMS; arm++) {
    for (int h = 0; h < RB_MONTHLY_STATES; h++) {
      dat_num(f, rb_res_monthly_housing(res, arm, t, h));
    }
  }
  fputc('\n', f);
}

static void housing_data(FILE *f, const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  const int H = res->horizon;
  fputs("# Mean number of citizens in each housing state at the start of the "
        "month, whole cohort\n# x",
        f);
  for (int arm = 0; arm < RB_REPORT_ARMS; arm++) {
    for (int h = 0; h < RB_MONTHLY_STATES; h++) {
      fprintf(f, " %s_%s", ctx->res->arm_name[arm],
              h != RB_MONTHLY_NOT_ENTERED ? rb_housing_name((rb_housing)h)
                                          : "not_entered");
    }
  }
  fputc('\n', f);
  for (int t = 0; t < H; t++) {
    housing_row(f, res, rb_report_month_x(ctx->sc, t), t);
  }
  /* The last month again, at its end, so the areas reach the horizon. */
  if (H > 0) {
    housing_row(f, res, rb_report_month_end_x(ctx->sc, H - 1), H - 1);
  }
}

/* The housing chart's arrays: which column of housing.dat each layer is,
 * its colour and its name. */
static void housing_arrays(FILE *f, const rb_report_ctx *ctx) {
  /* Stacked from the bottom: own flat, with subsidy, placed, homeless,
   * exited, dead, not entered (columns of housing.dat, 1-based, arm 0). */
  static const int order[RB_MONTHLY_STATES] = {
      RB_H_ORDINARY, RB_H_SUBSIDISED, RB_H_PLACED,           RB_H_HOMELESS,
      RB_H_EXITED,   RB_H_DEAD,       RB_MONTHLY_NOT_ENTERED};
  fprintf(f, "array col[%d] = [", RB_MONTHLY_STATES);
  for (int k = 0; k < RB_MONTHLY_STATES; k++) {
    fprintf(f, "%s%d", k ? ", " : "", 2 + order[k]);
  }
  fprintf(f, "]\narray colour[%d] = [", RB_MONTHLY_STATES);
  for (int k = 0; k < RB_MONTHLY_STATES; k++) {
    fprintf(f, "%s'%s'", k ? ", " : "", housing_colour[order[k]]);
  }
  fprintf(f, "]\narray name[%d] = [", RB_MONTHLY_STATES);
  for (int k = 0; k < RB_MONTHLY_STATES; k++) {
    if (k) {
      fputs(", ", f);
    }
    gp_str(f, rb_report_housing_name(ctx, order[k]));
  }
  fputs("]\n", f);
}

static void housing_script(FILE *f, const rb_report_ctx *ctx) {
  housing_arrays(f, ctx);
  fprintf(f,
          "# o = 0 for the first arm, %d for the second\n"
          "cum(n, o) = (n <= 0) ? 0 : sum [j=1:n] column(col[j] + o)\n"
          "set style fill solid 0.95 noborder\n"
          "set xtics 2 format '%%.0f'\nset autoscale xfix\nset yrange "
          "[0:%d]\nset multiplot\n",
          RB_MONTHLY_STATES, ctx->res->all.size);
  for (int arm = 0; arm < RB_REPORT_ARMS; arm++) {
    /* Two panels side by side, the key to their right. */
    fprintf(f,
            "set lmargin at screen %.2f\nset rmargin at screen %.2f\n"
            "set tmargin at screen 0.88\nset bmargin at screen 0.12\n",
            arm == 0 ? 0.08 : 0.41, arm == 0 ? 0.37 : 0.70);
    fputs("set title ", f);
    gp_str(f, rb_report_arm_name(ctx, arm));
    if (arm == 0) {
      fputs("\nset ylabel ", f);
      gp_str(f, RB_L(ctx, "Borgere", "Citizens"));
      fputs("\nunset key\n", f);
    } else {
      fputs("\nunset ylabel\nset key at screen 0.72, screen 0.86 left top "
            "Left reverse samplen 1.5 spacing 1.3\n",
            f);
    }
    fprintf(f,
            "plot for [k=1:%d] 'housing.dat' using 1:(cum(k-1, %d)):(cum(k, "
            "%d)) with filledcurves lc rgb colour[k] title name[k]\n",
            RB_MONTHLY_STATES, arm * RB_MONTHLY_STATES,
            arm * RB_MONTHLY_STATES);
  }
  fputs("unset multiplot\n", f);
}

static int write_housing(rb_report_ctx *ctx) {
  const char *cap = RB_L(ctx, "Hvor borgerne bor, måned for måned (antal)",
                         "Where the citizens live, month by month (number)");
  FILE *f = begin_chart(ctx, RB_CHART_HOUSING, cap, NULL);
  if (f == NULL) {
    return -1;
  }
  housing_data(f, ctx);
  f = end_data(ctx, f, RB_CHART_HOUSING, cap, 860, 420);
  if (f == NULL) {
    return -1;
  }
  housing_script(f, ctx);
  return close_file(f);
}

/* Can any bar of the outcomes chart be measured within the horizon? */
static bool outcomes_measured(const rb_group_result *g) {
  for (int arm = 0; arm < RB_REPORT_ARMS; arm++) {
    const rb_outcomes *o = &g->outcomes[arm];
    bool any =
        isfinite(o->retention_24) || isfinite(o->employed[1] + o->education[1]);
    for (int k = 0; k < RB_OUTCOME_N; k++) {
      any = any || isfinite(o->housed[k]);
    }
    if (any) {
      return true;
    }
  }
  return false;
}

/* The outcomes chart's script: a cluster per measure (@p xl, its words),
 * a bar per arm of the @p na. */
static void outcomes_script(FILE *f, const char *const *xl, int na) {
  fputs("set style data histograms\nset style histogram clustered gap 1.5\n"
        "set style fill solid 0.9 noborder\nset yrange [0:100]\n"
        "set ytics 0,20,100 format '%.0f %%'\n"
        "set key outside top center horizontal Left reverse samplen 1.5\n"
        "array acol[",
        f);
  fprintf(f, "%d] = [", na);
  for (int arm = 0; arm < na; arm++) {
    fprintf(f, "%s'%s'", arm ? ", " : "", arm_colour[arm]);
  }
  fputs("]\n", f);
  (void)gp_xtics(f, xl, RB_OUTCOME_N + 2, 14);
  fprintf(f,
          "plot for [k=2:%d] 'outcomes.dat' using k lc rgb acol[k-1] title "
          "columnheader(k)\n",
          na + 1);
}

static int write_outcomes(rb_report_ctx *ctx) {
  const rb_group_result *g = &ctx->res->all;
  const char *cap = RB_L(ctx, "Udfald for borgerne (andel af borgerne)",
                         "Outcomes for the citizens (share of citizens)");
  if (!outcomes_measured(g)) {
    /* A short horizon: no bar to draw (gnuplot would fail on it), the
     * report says why where the chart would be. */
    rb_chart *c = add_chart(ctx, RB_CHART_OUTCOMES, cap);
    if (c != NULL) {
      snprintf(c->left_out, sizeof c->left_out,
               RB_L(ctx,
                    "ingen af udfaldene kan måles inden for horisonten på %d "
                    "måneder.",
                    "none of the outcomes can be measured within the horizon "
                    "of %d months."),
               ctx->horizon);
    }
    return c != NULL ? 0 : -1;
  }
  FILE *f = begin_chart(
      ctx, RB_CHART_OUTCOMES, cap,
      "# Outcome shares in per cent, whole cohort: measure, intervention, "
      "baseline\n");
  if (f == NULL) {
    return -1;
  }
  const int na = ctx->res->n_arms;
  dat_str(f, RB_L(ctx, "Mål", "Measure"));
  for (int arm = 0; arm < na; arm++) {
    fputc(' ', f);
    dat_str(f, rb_report_arm_name(ctx, arm));
  }
  fputc('\n', f);
  char lab[RB_OUTCOME_N][64];
  const char *xl[RB_OUTCOME_N + 2];
  for (int k = 0; k < RB_OUTCOME_N; k++) {
    snprintf(lab[k], sizeof lab[k],
             RB_L(ctx, "I bolig efter %d mdr.", "Housed after %d months"),
             rb_outcome_months[k]);
    xl[k] = lab[k];
    dat_str(f, lab[k]);
    for (int arm = 0; arm < na; arm++) {
      dat_num(f, 100.0 * g->outcomes[arm].housed[k]);
    }
    fputc('\n', f);
  }
  xl[RB_OUTCOME_N] =
      RB_L(ctx, "Bliver boende 24 mdr.", "Stay housed 24 months");
  dat_str(f, xl[RB_OUTCOME_N]);
  for (int arm = 0; arm < na; arm++) {
    dat_num(f, 100.0 * g->outcomes[arm].retention_24);
  }
  fputc('\n', f);
  xl[RB_OUTCOME_N + 1] =
      RB_L(ctx, "Job/uddannelse 24 mdr.", "Work/education 24 m.");
  dat_str(f, xl[RB_OUTCOME_N + 1]);
  for (int arm = 0; arm < na; arm++) {
    /* At 24 months. */
    dat_num(f, 100.0 * (g->outcomes[arm].employed[1] +
                        g->outcomes[arm].education[1]));
  }
  fputc('\n', f);
  f = end_data(ctx, f, RB_CHART_OUTCOMES, cap, 860, 360);
  if (f == NULL) {
    return -1;
  }
  outcomes_script(f, xl, na);
  return close_file(f);
}

static int write_yearly(rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  const char *cap = RB_L(ctx,
                         "Besparelse pr. budgetår og betaler, hele gruppen "
                         "(kr., ikke diskonteret)",
                         "Saving per budget year and payer, whole cohort "
                         "(kr, undiscounted)");
  FILE *f = begin_chart(
      ctx, RB_CHART_YEARLY, cap,
      "# Saving (baseline net − intervention net) per calendar year and "
      "payer, whole cohort, kr, undiscounted\n");
  if (f == NULL) {
    return -1;
  }
  dat_str(f, RB_L(ctx, "År", "Year"));
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    fputc(' ', f);
    dat_str(f, rb_report_payer_name(ctx, p));
  }
  fputc('\n', f);
  for (int y = 0; y < res->n_years; y++) {
    fprintf(f, "\"%d\"", res->first_year + y);
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      dat_num(f, rb_report_yearly_net(res, RB_ARM_BASELINE, y, p) -
                     rb_report_yearly_net(res, RB_ARM_INTERVENTION, y, p));
    }
    fputc('\n', f);
  }
  f = end_data(ctx, f, RB_CHART_YEARLY, cap, 860, 360);
  if (f == NULL) {
    return -1;
  }
  fputs("set style data histograms\nset style histogram clustered gap 1\n"
        "set style fill solid 0.9 noborder\n"
        "set key outside top center horizontal\n"
        "set xtics scale 0\nset xzeroaxis lt 1 lc rgb '#555555'\n"
        "set ylabel ",
        f);
  gp_str(f, RB_L(ctx, "1.000 kr.", "1,000 kr"));
  fputs("\nplot ", f);
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    fprintf(f,
            "%s'yearly.dat' using ($%d/1000)%s lc rgb '%s' title "
            "columnheader(%d)",
            p ? ", \\\n     " : "", p + 2, p == 0 ? ":xtic(1)" : "",
            payer_colour[p], p + 2);
  }
  fputs("\n", f);
  return close_file(f);
}

/* The script of the tornado chart @p stem of perspective @p p: a bar from
 * the base case to each end of the first @p n values. */
static void tornado_script(FILE *f, const rb_report_ctx *ctx, int p,
                           const char *stem, size_t n) {
  double base = rb_report_jpersp(ctx->tornado, "base", p);
  fprintf(f,
          "base = %.10g\nn = %zu\n"
          "set style fill solid 0.9 noborder\nset yrange [-0.7:n-0.3]\n"
          "set ytics scale 0\nset grid xtics noytics lc rgb '#e0e0e0'\n"
          "set key outside top center horizontal\nset yzeroaxis dt 2 lc rgb "
          "'#888888'\nset xlabel ",
          isfinite(base) ? base : 0.0, n);
  char xl[160];
  snprintf(xl, sizeof xl, "%s (%s)",
           RB_L(ctx, "1.000 kr. pr. borger", "1,000 kr per citizen"),
           rb_report_persp_name(ctx, p));
  gp_str(f, xl);
  fprintf(f,
          "\nset arrow 1 from base/1000, graph 0 to base/1000, graph 1 "
          "nohead lc rgb '#333333'\n"
          "plot '%s.dat' using (($2+base)/2000):(n-1-$0):(base/1000 < "
          "$2/1000 ? base/1000 : $2/1000):(base/1000 < $2/1000 ? $2/1000 : "
          "base/1000):(n-1-$0-0.35):(n-1-$0+0.35):ytic(1) with boxxyerror "
          "lc rgb '#c8553d' title ",
          stem);
  gp_str(f, RB_L(ctx, "Lav værdi", "Low value"));
  fputs(", \\\n     '' using (($3+base)/2000):(n-1-$0):(base/1000 < $3/1000 "
        "? base/1000 : $3/1000):(base/1000 < $3/1000 ? $3/1000 : "
        "base/1000):(n-1-$0-0.35):(n-1-$0+0.35) with boxxyerror lc rgb "
        "'#1b6ca8' title ",
        f);
  gp_str(f, RB_L(ctx, "Høj værdi", "High value"));
  fputs("\n", f);
}

/* The tornado chart of perspective @p p: stem "tornado" for the
 * municipality, "tornado_<perspective>" for the others. */
static int write_tornado(rb_report_ctx *ctx, int p) {
  const char *pk = rb_perspective_name((rb_perspective)p);
  json_t *bars = json_object_get(ctx->tornado, "bars");
  size_t n = json_array_size(bars);
  if (n == 0) {
    return 0;
  }
  if (n > 15) {
    n = 15;
  }
  char stem[64], cap[256];
  if (p == RB_P_KOMMUNE) {
    snprintf(stem, sizeof stem, RB_CHART_TORNADO);
  } else {
    snprintf(stem, sizeof stem, RB_CHART_TORNADO_PREFIX "%s", pk);
  }
  snprintf(cap, sizeof cap,
           ctx->da ? "Følsomhed: %s besparelse pr. borger ved lav og høj "
                     "værdi (%s)"
                   : "Sensitivity: %s saving per citizen at the low and high "
                     "value (%s)",
           rb_report_persp_genitive(ctx, p),
           p == RB_P_KOMMUNE
               ? RB_L(ctx, "de største udsving", "largest swings")
               : RB_L(ctx, "i rækkefølge efter kommunens udsving",
                      "in the order of the municipality's swings"));
  FILE *f = begin_chart(ctx, stem, cap, NULL);
  if (f == NULL) {
    return -1;
  }
  fprintf(f,
          "# From tornado.json: the %s saving per citizen at each value's "
          "low and high end; the largest municipal swing first\n"
          "# key saving_low saving_high\n",
          pk);
  for (size_t i = 0; i < n; i++) {
    json_t *b = json_array_get(bars, i);
    dat_str(f, json_string_value(json_object_get(b, "key")));
    dat_num(f, rb_report_jpersp(b, "saving_low", p));
    dat_num(f, rb_report_jpersp(b, "saving_high", p));
    fputc('\n', f);
  }
  f = end_data(ctx, f, stem, cap, 860, (int)(150 + 30 * n));
  if (f == NULL) {
    return -1;
  }
  tornado_script(f, ctx, p, stem, n);
  return close_file(f);
}

/* The value-of-information chart: the municipality's EVPPI per citizen of
 * the first values and groups of voi.json (sorted by it), or, when the
 * EVPI is 0 (no world changes the decision), the share of the saving's
 * variance each explains. */
static int write_voi(rb_report_ctx *ctx) {
  json_t *entries = json_object_get(ctx->voi, "entries");
  size_t n = json_array_size(entries);
  if (n == 0) {
    return 0;
  }
  n = n > 12 ? 12 : n;
  bool by_evppi = rb_report_jpersp(ctx->voi, "evpi", RB_P_KOMMUNE) > 0.0;
  /* Nothing to draw when every bar is 0 (a scheme that changes nothing:
   * the saving has no variance), which gnuplot would refuse as an empty
   * x range: the section's table says it. */
  double most = 0.0;
  for (size_t i = 0; i < n; i++) {
    json_t *e = json_array_get(entries, i);
    double x = by_evppi ? rb_report_jpersp(e, "evppi", RB_P_KOMMUNE)
                        : rb_report_jpersp(e, "r2", RB_P_KOMMUNE);
    most = isfinite(x) && x > most ? x : most;
  }
  if (!(most > 0.0)) {
    return 0;
  }
  const char *cap =
      by_evppi ? RB_L(ctx,
                      "Hvad piloten bør måle: værdien for kommunen af at "
                      "kende antagelsen (EVPPI, kr. pr. borger)",
                      "What the pilot should measure: the value to the "
                      "municipality of knowing the assumption (EVPPI, kr per "
                      "citizen)")
               : RB_L(ctx,
                      "Hvad piloten bør måle: andel af usikkerheden om "
                      "kommunens besparelse, som antagelsen forklarer (%)",
                      "What the pilot should measure: share of the "
                      "uncertainty of the municipality's saving the "
                      "assumption explains (%)");
  FILE *f = begin_chart(ctx, RB_CHART_VOI, cap,
                        "# From voi.json: the municipality's EVPPI per "
                        "citizen (kr) or, when the EVPI is 0, r2 in %\n"
                        "# name value\n");
  if (f == NULL) {
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    json_t *e = json_array_get(entries, i);
    dat_label(f, json_string_value(json_object_get(e, "name")), 60);
    dat_num(f, by_evppi ? rb_report_jpersp(e, "evppi", RB_P_KOMMUNE)
                        : 100.0 * rb_report_jpersp(e, "r2", RB_P_KOMMUNE));
    fputc('\n', f);
  }
  f = end_data(ctx, f, RB_CHART_VOI, cap, 860, (int)(150 + 30 * n));
  if (f == NULL) {
    return -1;
  }
  fprintf(f,
          "n = %zu\nset style fill solid 0.9 noborder\n"
          "set yrange [-0.7:n-0.3]\nset xrange [0:*]\nset ytics scale 0\n"
          "set grid xtics noytics lc rgb '#e0e0e0'\nset xlabel ",
          n);
  gp_str(f, by_evppi ? RB_L(ctx, "kr. pr. borger", "kr per citizen")
                     : RB_L(ctx, "% af variansen", "% of the variance"));
  fprintf(f,
          "\nplot '%s.dat' using ($2/2):(n-1-$0):(0):2:(n-1-$0-0.35):"
          "(n-1-$0+0.35):ytic(1) with boxxyerror lc rgb '#1b6ca8'\n",
          RB_CHART_VOI);
  return close_file(f);
}

static void sweep_data(FILE *f, const json_t *sw, const char *param) {
  const json_t *values = json_object_get(sw, "values");
  fprintf(f,
          "# From sweep.json: saving per citizen (kr, present value) "
          "over %s\n# value",
          param);
  dat_band_columns(f);
  for (size_t i = 0; i < json_array_size(values); i++) {
    fprintf(f, "%.10g", rb_report_jat(values, i));
    for (int p = 0; p < RB_P_COUNT; p++) {
      const json_t *pp = rb_report_sweep_persp(sw, p);
      dat_num(f, rb_report_jat(json_object_get(pp, "mean"), i));
      dat_num(f, rb_report_jat(json_object_get(pp, "p2_5"), i));
      dat_num(f, rb_report_jat(json_object_get(pp, "p97_5"), i));
    }
    fputc('\n', f);
  }
}

/* The municipality's break-even values (dotted lines) and best value (a
 * line with a label) on the sweep's chart. */
static void sweep_marks(FILE *f, const rb_report_ctx *ctx, const json_t *sw) {
  const json_t *values = json_object_get(sw, "values");
  const json_t *kom = rb_report_sweep_persp(sw, RB_P_KOMMUNE);
  const json_t *bev = json_object_get(kom, "break_even_values");
  for (size_t i = 0; i < json_array_size(bev) && i < 8; i++) {
    double x = rb_report_jat(bev, i);
    if (isfinite(x)) {
      fprintf(f,
              "set arrow %zu from %.10g, graph 0 to %.10g, graph 1 nohead "
              "dt 2 lc rgb '#555555'\n",
              i + 1, x, x);
    }
  }
  double best = rb_report_jnum(kom, "best_value");
  if (!isfinite(best)) {
    return;
  }
  fprintf(f,
          "set arrow 20 from %.10g, graph 0 to %.10g, graph 1 nohead "
          "lw 2 lc rgb '#1b6ca8'\nset label 20 ",
          best, best);
  /* The label on the side with room: left of the line when the best value
   * lies in the upper half of the range (the key is to the right of the
   * plot). */
  size_t n = json_array_size(values);
  double mid = (rb_report_jat(values, 0) + rb_report_jat(values, n - 1)) / 2.0;
  bool right = best > mid;
  gp_str(f,
         right
             ? RB_L(ctx, "bedst for kommunen ", "best for the municipality ")
             : RB_L(ctx, " bedst for kommunen", " best for the municipality"));
  fprintf(f, " at %.10g, graph 0.95 %s textcolor rgb '#1b6ca8'\n", best,
          right ? "right" : "left");
}

static void sweep_script(FILE *f, const rb_report_ctx *ctx, const json_t *sw,
                         const char *stem, const char *param) {
  fputs("set key outside right top Left reverse\nset xlabel ", f);
  gp_str(f, param);
  fputs("\nset ylabel ", f);
  gp_str(f, RB_L(ctx, "1.000 kr. pr. borger (nutidsværdi)",
                 "1,000 kr per citizen (present value)"));
  fputc('\n', f);
  sweep_marks(f, ctx, sw);
  fprintf(f,
          "plot '%s.dat' using 1:($3/1000):($4/1000) with filledcurves fs "
          "transparent solid 0.2 noborder lc rgb '%s' title ",
          stem, persp_colour[RB_P_KOMMUNE]);
  gp_str(f, RB_L(ctx, "Kommunen, 95 %-interval", "Municipality, 95% interval"));
  for (int p = 0; p < RB_P_COUNT; p++) {
    fprintf(f,
            ", \\\n     '' using 1:($%d/1000) with linespoints pt 7 ps 0.5 "
            "lw 2 lc rgb '%s' title ",
            2 + 3 * p, persp_colour[p]);
    char t[128];
    snprintf(t, sizeof t, "%s", rb_report_persp_name(ctx, p));
    rb_report_ucfirst(t);
    gp_str(f, t);
  }
  fputs(", \\\n     0 with lines lc rgb '#555555' notitle\n", f);
}

static int write_sweep(rb_report_ctx *ctx, int k) {
  const json_t *sw = ctx->sweeps[k];
  if (json_array_size(json_object_get(sw, "values")) == 0) {
    return 0;
  }
  const char *param = json_string_value(json_object_get(sw, "param"));
  if (param == NULL) {
    param = "?";
  }
  char stem[64], cap[256];
  snprintf(stem, sizeof stem, RB_CHART_SWEEP_PREFIX "%d", k + 1);
  snprintf(cap, sizeof cap, "%s %s",
           RB_L(ctx, "Besparelse pr. borger over", "Saving per citizen over"),
           param);
  FILE *f = begin_chart(ctx, stem, cap, NULL);
  if (f == NULL) {
    return -1;
  }
  sweep_data(f, sw, param);
  f = end_data(ctx, f, stem, cap, 860, 360);
  if (f == NULL) {
    return -1;
  }
  sweep_script(f, ctx, sw, stem, param);
  return close_file(f);
}

/* ---- running gnuplot ----------------------------------------------------- */

/* Why a chart was not drawn, in Danish and in English: the report uses its
 * own language, the run's diagnostics English. */
typedef struct reason {
  char da[600], en[600];
} reason;

static void say(reason *r, const char *da, const char *en, ...)
    __attribute__((format(printf, 3, 4)));
static void say(reason *r, const char *da, const char *en, ...) {
  va_list ap, ap2;
  va_start(ap, en);
  va_copy(ap2, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  vsnprintf(r->da, sizeof r->da, da, ap);
  vsnprintf(r->en, sizeof r->en, en, ap2);
#pragma GCC diagnostic pop
  va_end(ap2);
  va_end(ap);
}

/* What a gnuplot run that did not draw its chart means. */
enum { DRAWN = 0, FAILED = -1, NOT_STARTED = -2, TIME_UP = -3 };

/* The last non-empty line of gnuplot's messages in @p text (changed). */
static const char *last_line(char *text, size_t len) {
  if (text == NULL) {
    return "";
  }
  char *end = text + len;
  while (end > text && (end[-1] == '\n' || end[-1] == ' ')) {
    *--end = '\0';
  }
  char *nl = strrchr(text, '\n');
  return nl != NULL ? nl + 1 : text;
}

/* Why gnuplot, which ran, did not draw <stem>.svg (@p gr, @p wst); its
 * messages are in the log @p path. */
static void why_failed(reason *why, rb_gp_result gr, int wst, const char *path,
                       const char *stem) {
  size_t loglen = 0;
  char *text = rb_file_slurp(path, &loglen, (size_t)1 << 20);
  const char *msg = last_line(text, loglen);
  if (gr == RB_GP_BAD_SVG) {
    say(why,
        "gnuplot skrev ikke en fuldstændig SVG-fil (højst %zu MB) for %s.gp",
        "gnuplot did not write a complete SVG file (at most %zu MB) for %s.gp",
        RB_SVG_MAX >> 20, stem);
  } else if (WIFEXITED(wst)) {
    say(why, "gnuplot fejlede på %s.gp (status %d)%s%s",
        "gnuplot failed on %s.gp (status %d)%s%s", stem, WEXITSTATUS(wst),
        msg[0] ? ": " : "", msg);
  } else {
    say(why, "gnuplot stoppede på %s.gp (signal %d)",
        "gnuplot stopped on %s.gp (signal %d)", stem,
        WIFSIGNALED(wst) ? WTERMSIG(wst) : 0);
  }
  free(text);
}

/* How gnuplot went on <stem>.gp in the charts folder (its run @p c):
 * @return DRAWN, or why not with the reason in @p why (the same
 * conversions in both languages). */
static int chart_outcome(const char *charts, const char *stem,
                         const rb_gp_chart *c, reason *why) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", charts, c->log);
  if (c->result == RB_GP_TIMEOUT) {
    say(why,
        "gnuplot blev stoppet: tidsgrænsen på %d s for alle diagrammerne "
        "(RB_GNUPLOT_TIMEOUT) var brugt ved %s.gp",
        "gnuplot was stopped: the time limit of %d s for all the charts "
        "(RB_GNUPLOT_TIMEOUT) was used up at %s.gp",
        rb_gnuplot_timeout(), stem);
    return TIME_UP;
  }
  if (c->result == RB_GP_NOT_STARTED) {
    remove(path);
    say(why,
        "gnuplot kunne ikke startes (%s: %s); installér gnuplot (Debian: "
        "gnuplot-nox) eller sæt RB_GNUPLOT",
        "gnuplot could not be started (%s: %s); install gnuplot (Debian: "
        "gnuplot-nox) or set RB_GNUPLOT",
        rb_gnuplot_program(), strerror(c->err));
    return NOT_STARTED;
  }
  if (c->result == RB_GP_OK) {
    struct stat sb;
    if (stat(path, &sb) == 0 && sb.st_size == 0) {
      remove(path);
    }
    return DRAWN;
  }
  why_failed(why, c->result, c->wstatus, path, stem);
  return FAILED;
}

/* Write every chart's data and script into @p charts.  @return 0, or −1
 * when a file could not be written. */
static int write_charts(rb_report_ctx *ctx) {
  int rc = 0;
  if (ctx->res != NULL) {
    rc |= write_cum_saving(ctx);
    rc |= write_items(ctx);
    rc |= write_housing(ctx);
    rc |= write_outcomes(ctx);
    rc |= write_yearly(ctx);
  }
  if (ctx->tornado != NULL) {
    /* A run's report shows the municipality's tornado; the tornado's own
     * report all three. */
    int np = ctx->kind == RB_REPORT_TORNADO ? RB_P_COUNT : 1;
    for (int p = 0; p < np; p++) {
      rc |= write_tornado(ctx, p);
    }
  }
  for (int k = 0; k < ctx->n_sweeps; k++) {
    rc |= write_sweep(ctx, k);
  }
  if (ctx->voi != NULL) {
    rc |= write_voi(ctx);
  }
  return rc;
}

/* A chart's file names for rb_gnuplot_run_all. */
typedef struct chart_files {
  char script[96], log[96], svg[96];
} chart_files;

/* The charts to draw (rb_report_charts_begin … rb_report_charts_end). */
struct rb_chart_draw {
  char dir[4096];  /* the charts folder */
  int n, done;     /* charts to draw; with a result */
  int *idx;        /* their index in ctx->charts */
  chart_files *fn; /* their files */
  rb_gp_chart *gc; /* and how they went */
};

static void draw_free(rb_chart_draw *d) {
  if (d != NULL) {
    free(d->idx);
    free(d->fn);
    free(d->gc);
    free(d);
  }
}

/* The charts that have something to show, to draw. */
static rb_chart_draw *draw_new(const rb_report_ctx *ctx, const char *charts) {
  rb_chart_draw *d = calloc(1, sizeof *d);
  const size_t n = (size_t)(ctx->n_charts > 0 ? ctx->n_charts : 1);
  if (d != NULL) {
    d->idx = malloc(n * sizeof *d->idx);
    d->fn = malloc(n * sizeof *d->fn);
    d->gc = malloc(n * sizeof *d->gc);
  }
  if (d == NULL || d->idx == NULL || d->fn == NULL || d->gc == NULL) {
    draw_free(d);
    return NULL;
  }
  snprintf(d->dir, sizeof d->dir, "%s", charts);
  for (int i = 0; i < ctx->n_charts; i++) {
    if (ctx->charts[i].left_out[0] != '\0') {
      continue;
    }
    const char *stem = ctx->charts[i].stem;
    chart_files *f = &d->fn[d->n];
    snprintf(f->script, sizeof f->script, "%s.gp", stem);
    snprintf(f->log, sizeof f->log, "%s.log", stem);
    snprintf(f->svg, sizeof f->svg, "%s.svg", stem);
    d->gc[d->n] =
        (rb_gp_chart){f->script, f->svg, f->log, 0, RB_GP_FAILED, 0, 0};
    d->idx[d->n++] = i;
  }
  return d;
}

rb_status rb_report_charts_begin(rb_report_ctx *ctx, rb_chart_draw **out) {
  *out = NULL;
  char charts[4096];
  snprintf(charts, sizeof charts, "%s/charts", ctx->dir);
  ctx->chart_problem[0] = '\0';
  if (mkdir(charts, 0777) != 0 && errno != EEXIST) {
    rb_diag_add(ctx->diag, charts, 0, NULL, "cannot create folder: %s",
                strerror(errno));
    return RB_EIO;
  }
  if (write_charts(ctx) != 0) {
    rb_diag_add(ctx->diag, charts, 0, NULL,
                "the charts' data and scripts cannot be written: %s",
                strerror(errno));
    return RB_EIO;
  }
  *out = draw_new(ctx, charts);
  if (*out == NULL) {
    snprintf(ctx->chart_problem, sizeof ctx->chart_problem, "%s",
             ctx->da ? "ikke nok hukommelse til diagrammerne"
                     : "not enough memory for the charts");
  }
  return RB_OK;
}

void rb_report_charts_draw(rb_chart_draw *d) {
  if (d != NULL) {
    d->done = rb_gnuplot_run_all(d->dir, d->gc, d->n, rb_gnuplot_jobs());
  }
}

void rb_report_charts_end(rb_report_ctx *ctx, rb_chart_draw *d) {
  for (int k = 0; d != NULL && k < d->done; k++) {
    const int i = d->idx[k];
    reason why;
    int r = chart_outcome(d->dir, ctx->charts[i].stem, &d->gc[k], &why);
    if (r == DRAWN) {
      ctx->charts[i].ok = true;
      continue;
    }
    if (ctx->chart_problem[0] == '\0') {
      snprintf(ctx->chart_problem, sizeof ctx->chart_problem, "%s",
               ctx->da ? why.da : why.en);
    }
    if (r == NOT_STARTED || r == TIME_UP) {
      /* The charts after it would meet the same fate. */
      rb_diag_add(ctx->diag, "charts", 0, NULL,
                  "charts not drawn, the report says so: %s", why.en);
      break;
    }
    rb_diag_add(ctx->diag, "charts", 0, NULL, "chart %s not drawn: %s",
                ctx->charts[i].stem, why.en);
  }
  draw_free(d);
}
