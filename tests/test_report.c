/* Tests of report.html, workbook.xlsx and the charts (outputs.md): a small
 * scenario is run through the engine, summary.json and the CSV files are
 * written, then rb_write_report_files(); the documents are read back and
 * compared with summary.json and yearly.csv.  The HTML is checked by
 * tests/check_html.py and the workbook opened with tests/xlsx_part.py (both
 * python3, standard library only).  gnuplot is made unavailable through
 * RB_GNUPLOT, which names the program to run instead of "gnuplot". */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/file.h"
#include "base/gnuplot.h"
#include "base/io.h"
#include "base/numfmt.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"
#include "rentbridge/report.h"
#include "report/xlsx_check.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCENARIO "tests/data/report/report.cfg"
#define SIBLINGS "tests/data/report"

/* ---- helpers ------------------------------------------------------------- */

/* A results folder made the way rb_results_dir_write makes it, up to the
 * report. */
typedef struct folder {
  char root[64]; /* temporary parent */
  char dir[128]; /* root/<name> */
  rb_scenario *sc;
  rb_results res;
  rb_run_meta meta;
  rb_diag diag;
  json_t *summary;
  char *html;
} folder;

static folder *make_folder(const char *const *sets, int n_sets,
                           const char *parent) {
  folder *f = calloc(1, sizeof *f);
  snprintf(f->root, sizeof f->root, "/tmp/rb-test-report-XXXXXX");
  assert_non_null(mkdtemp(f->root));
  f->sc = ut_load(SCENARIO, sets, n_sets);
  assert_non_null(f->sc);
  assert_int_equal(ut_run(&f->res, f->sc, 2), 0);
  snprintf(f->dir, sizeof f->dir, "%s/%s", f->root, f->sc->info.name);
  assert_int_equal(mkdir(f->dir, 0777), 0);
  char path[4096];
  snprintf(path, sizeof path, "%s/summary.json", f->dir);
  assert_int_equal(rb_write_summary_json(path, f->sc, &f->res), RB_OK);
  assert_int_equal(rb_write_csvs(f->dir, f->sc, &f->res), RB_OK);
  f->meta.scenario_path = SCENARIO;
  f->meta.command_line = "rentbridge run " SCENARIO;
  f->meta.command = "run";
  snprintf(f->meta.start_time, sizeof f->meta.start_time,
           "2027-03-05T09:08:07Z");
  f->meta.threads = 2;
  f->meta.seed = f->sc->info.seed;
  f->meta.replications = f->res.replications;
  rb_diag_init(&f->diag);
  assert_int_equal(rb_write_report_files(f->dir,
                                         parent != NULL ? parent : f->root,
                                         f->sc, &f->res, &f->meta, &f->diag),
                   RB_OK);
  f->summary = json_load_file(path, 0, NULL);
  assert_non_null(f->summary);
  snprintf(path, sizeof path, "%s/report.html", f->dir);
  f->html = ut_slurp(path);
  assert_non_null(f->html);
  return f;
}

static void free_folder(folder *f) {
  if (f == NULL) {
    return;
  }
  ut_rm_tree(f->root);
  free(f->html);
  json_decref(f->summary);
  rb_diag_free(&f->diag);
  rb_results_free(&f->res);
  rb_scenario_free(f->sc);
  free(f);
}

static double jpath(json_t *root, const char *persp, const char *what,
                    const char *stat) {
  json_t *p = json_object_get(json_object_get(root, "perspectives"), persp);
  json_t *w = json_object_get(p, what);
  return stat != NULL ? json_number_value(json_object_get(w, stat))
                      : json_number_value(w);
}

static void kr(char *buf, size_t n, double x, bool danish) {
  rb_fmt_kr(buf, n, x, danish);
}

/* ---- the shared folder (Danish, with tornado and sweep beside it) -------- */

static folder *da_folder;

static int setup(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    return 0;
  }
  da_folder = make_folder(NULL, 0, SIBLINGS);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  free_folder(da_folder);
  return 0;
}

static folder *need_folder(void) {
  if (da_folder == NULL) {
    skip();
  }
  return da_folder;
}

/* ---- tests --------------------------------------------------------------- */

/* rb_format_kr is what the report and the tests format kroner with. */
static void test_report__format_kr(void **state) {
  (void)state;
  char b[64];
  kr(b, sizeof b, 1234567.5, true);
  assert_string_equal(b, "1.234.568");
  kr(b, sizeof b, -79596.39, false);
  assert_string_equal(b, "-79,596");
  kr(b, sizeof b, 999.4, true);
  assert_string_equal(b, "999");
}

static void test_report__files(void **state) {
  (void)state;
  folder *f = need_folder();
  assert_true(ut_file_exists(f->dir, "report.html"));
  assert_true(ut_file_exists(f->dir, "workbook.xlsx"));
  static const char *const stems[] = {"cum_saving_kommune",
                                      "cum_saving_public",
                                      "cum_saving_societal",
                                      "items",
                                      "housing",
                                      "outcomes",
                                      "yearly",
                                      "tornado",
                                      "sweep_1"};
  char name[128];
  for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++) {
    snprintf(name, sizeof name, "charts/%s.gp", stems[i]);
    assert_true(ut_file_exists(f->dir, name));
    if (ut_have("gnuplot")) {
      snprintf(name, sizeof name, "charts/%s.svg", stems[i]);
      assert_true(ut_file_exists(f->dir, name));
    }
  }
  assert_true(ut_file_exists(f->dir, "charts/cum_saving.dat"));
  assert_true(ut_file_exists(f->dir, "charts/yearly.dat"));
  if (ut_have("gnuplot")) {
    for (size_t i = 0; i < f->diag.n; i++) {
      fprintf(stderr, "diag: %s\n", f->diag.msgs[i]);
    }
    assert_int_equal(f->diag.n, 0);
  }
}

/* The headline and the tables carry summary.json's numbers to the krone. */
static void test_report__headline_equals_summary(void **state) {
  (void)state;
  folder *f = need_folder();
  static const char *const key[3] = {"kommune", "public", "societal"};
  static const char *const who[3] = {"kommunen", "hele det offentlige",
                                     "samfundet"};
  for (int p = 0; p < 3; p++) {
    double mean = jpath(f->summary, key[p], "saving", "mean");
    double lo = jpath(f->summary, key[p], "saving", "p2_5");
    double hi = jpath(f->summary, key[p], "saving", "p97_5");
    double prob = jpath(f->summary, key[p], "saving", "prob_positive");
    json_t *be = json_object_get(
        json_object_get(json_object_get(f->summary, "perspectives"), key[p]),
        "break_even_month");
    /* The scenario saves money and breaks even: the positive wording. */
    assert_true(mean > 0.0);
    assert_true(json_is_integer(be));
    assert_true(prob > 0.01 && prob <= 1.0);
    char m[64], a[64], b[64], want[1024];
    kr(m, sizeof m, mean, true);
    kr(a, sizeof a, lo, true);
    kr(b, sizeof b, hi, true);
    snprintf(want, sizeof want,
             "Over 10 år sparer %s %s kr. pr. borger (95 %%-interval %s til "
             "%s kr.); der er %.0f %% sandsynlighed for, at ordningen betaler "
             "sig for denne kohorte med antagelserne holdt faste; den er "
             "tjent hjem efter %d måneder.",
             who[p], m, a, b, 100.0 * prob, (int)json_integer_value(be));
    if (strstr(f->html, want) == NULL) {
      fprintf(stderr, "missing: %s\n", want);
    }
    assert_non_null(strstr(f->html, want));
    /* Both arms' means in the perspective's table. */
    static const char *const arms[2] = {"intervention", "baseline"};
    for (int k = 0; k < 2; k++) {
      char cell[128];
      kr(m, sizeof m, jpath(f->summary, key[p], arms[k], "mean"), true);
      snprintf(cell, sizeof cell, "<td class=\"num\">%s</td>", m);
      assert_non_null(strstr(f->html, cell));
    }
  }
  /* The headline is the first paragraph of the page body. */
  const char *h = strstr(f->html, "<p class=\"headline");
  const char *t = strstr(f->html, "<table");
  assert_non_null(h);
  assert_true(h < t);
}

static void test_report__html_parses_with_every_chart(void **state) {
  (void)state;
  folder *f = need_folder();
  char *out = ut_check_html(f->dir);
  if (ut_have("gnuplot")) {
    /* 3 cumulative savings, items, housing, outcomes, budget years,
     * tornado, one sweep. */
    assert_non_null(strstr(out, "ok svg=9 "));
    assert_int_equal(ut_count(f->html, "<svg"), 9);
    assert_null(strstr(f->html, "id=\"charts-missing\""));
  }
  free(out);
  /* Self-contained: nothing is fetched. */
  assert_null(strstr(f->html, "http://www.w3.org/1999/xhtml\" src"));
  assert_null(strstr(f->html, "src=\"http"));
  assert_null(strstr(f->html, "<link"));
  assert_null(strstr(f->html, "<?xml"));
  assert_non_null(strstr(f->html, "@page{size:A4"));
  assert_non_null(strstr(f->html, "<html lang=\"da\">"));
}

/* Text from the scenario is escaped. */
static void test_report__html_escapes_scenario_text(void **state) {
  (void)state;
  folder *f = need_folder();
  assert_non_null(
      strstr(f->html, "<h1>Rapport &lt;test&gt; &amp; &quot;citat&quot;</h1>"));
  assert_null(strstr(f->html, "<script"));
  assert_non_null(
      strstr(f->html, "SBST &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
  assert_non_null(strstr(f->html, "Politi &amp; retsvæsen &lt;i&gt;"));
  assert_null(strstr(f->html, "<i>"));
}

static void test_report__sections_in_order(void **state) {
  (void)state;
  folder *f = need_folder();
  static const char *const ids[] = {
      "id=\"headline\"", "id=\"perspectives\"", "id=\"saving-over-time\"",
      "id=\"costs\"",    "id=\"housing\"",      "id=\"outcomes\"",
      "id=\"budget\"",   "id=\"groups\"",       "id=\"tornado\"",
      "id=\"sweep-1\"",  "id=\"assumptions\"",  "id=\"run\""};
  const char *last = f->html;
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    const char *p = strstr(f->html, ids[i]);
    if (p == NULL || p < last) {
      fprintf(stderr, "section %s missing or out of order\n", ids[i]);
    }
    assert_non_null(p);
    assert_true(p >= last);
    last = p;
  }
  /* A section per group, with its label. */
  assert_int_equal(ut_count(f->html, "<section class=\"group\">"), 2);
  assert_non_null(strstr(f->html, "<code>homeless_ready</code>"));
  assert_non_null(strstr(f->html, "<code>young_vulnerable</code>"));
  /* The tornado names the value that turns the municipality's result. */
  assert_non_null(strstr(f->html, "<code>costs.[0].per_day</code> må ikke "
                                  "være så lav som 1.100 (besparelse "
                                  "-15.251 kr.; nul ved 1112,3)"));
  /* The sweep's best value and break-even value; the kept copy
   * (<name>-sweep-<key>.1) is left out. */
  assert_non_null(strstr(f->html, "Bedste værdi for kommunen: <b>3.000</b>"));
  assert_non_null(strstr(f->html, "skifter fortegn ved 54,05."));
  assert_null(strstr(f->html, "old.copy"));
  /* How the run was made. */
  char sha[65];
  rb_sha256_file(sha, SCENARIO);
  assert_int_equal(strlen(sha), 64);
  assert_non_null(strstr(f->html, sha));
  assert_non_null(strstr(f->html, "Random123"));
  assert_non_null(strstr(f->html, "2027-03-05T09:08:07Z"));
  assert_non_null(strstr(f->html, "kørt 5. marts 2027"));
}

/* The first budget year's total saving in yearly.csv, whole cohort. */
static double first_year_saving(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/yearly.csv", dir);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  char line[512];
  int first = -1;
  double s = 0.0;
  assert_non_null(fgets(line, sizeof line, f)); /* header */
  while (fgets(line, sizeof line, f) != NULL) {
    int year;
    char arm[32], payer[32];
    double r, t, v, net;
    if (sscanf(line, "%d,%31[^,],%31[^,],%lf,%lf,%lf,%lf", &year, arm, payer,
               &r, &t, &v, &net) != 7) {
      continue;
    }
    if (first < 0) {
      first = year;
    }
    if (year == first) {
      s += strcmp(arm, "baseline") == 0 ? net : -net;
    }
  }
  fclose(f);
  return s;
}

static void test_report__workbook(void **state) {
  (void)state;
  folder *f = need_folder();
  char *list = ut_xlsx_part(f->dir, "--list");
  assert_non_null(strstr(list, "xl/charts/chart1.xml\n"));
  assert_non_null(strstr(list, "xl/charts/chart2.xml\n"));
  assert_non_null(strstr(list, "xl/charts/chart3.xml\n")); /* the sweep */
  free(list);
  char *wb = ut_xlsx_part(f->dir, "xl/workbook.xml");
  static const char *const sheets[] = {"Resumé", "Poster",  "Budgetår",
                                       "Måned",  "Udfald",  "Antagelser",
                                       "Kørsel", "Tornado", "Sweep 1"};
  const char *last = wb;
  for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
    char pat[96];
    snprintf(pat, sizeof pat, "<sheet name=\"%s\" sheetId=\"%zu\"", sheets[i],
             i + 1);
    const char *p = strstr(wb, pat);
    assert_non_null(p);
    assert_true(p >= last);
    last = p;
  }
  free(wb);

  /* Resumé: E7 is the whole cohort's discounted kommune saving. */
  char *s1 = ut_xlsx_part(f->dir, "xl/worksheets/sheet1.xml");
  double want = jpath(f->summary, "kommune", "saving", "mean");
  double got = ut_cell_value(s1, "E7");
  assert_true(fabs(got - want) <= 1e-6 * fabs(want));
  assert_true(round(got) == round(want));
  assert_non_null(strstr(s1, "state=\"frozen\""));
  free(s1);
  char *ss = ut_xlsx_part(f->dir, "xl/sharedStrings.xml");
  char m[64], head[128];
  kr(m, sizeof m, want, true);
  snprintf(head, sizeof head, "Over 10 år sparer kommunen %s kr.", m);
  assert_non_null(strstr(ss, head));
  free(ss);

  /* Budgetår: K2 is the first year's total saving, as yearly.csv. */
  char *s3 = ut_xlsx_part(f->dir, "xl/worksheets/sheet3.xml");
  double y = first_year_saving(f->dir);
  double k2 = ut_cell_value(s3, "K2");
  assert_true(fabs(k2 - y) <= 1e-6 * fabs(y) + 1e-6);
  assert_true(y > 0.0);
  assert_non_null(strstr(s3, "state=\"frozen\""));
  free(s3);

  /* Kroner formats; the document date is the run's start time. */
  ut_xlsx_has(f->dir, "xl/styles.xml", "formatCode=\"#,##0 &quot;kr.&quot;");
  ut_xlsx_has(f->dir, "docProps/core.xml",
              ">2027-03-05T09:08:07Z</dcterms:created>");
  ut_xlsx_has(f->dir, "xl/charts/chart1.xml", "<c:lineChart>");
  ut_xlsx_has(f->dir, "xl/charts/chart2.xml", "<c:barChart>");
}

/* Without gnuplot the run's documents are still written, and the report
 * says why the charts are missing. */
static void test_report__without_gnuplot(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  setenv("RB_GNUPLOT", "/nonexistent/rentbridge-no-gnuplot", 1);
  folder *f = make_folder(NULL, 0, NULL);
  unsetenv("RB_GNUPLOT");
  assert_non_null(strstr(f->html, "id=\"charts-missing\""));
  assert_non_null(strstr(f->html, "gnuplot kunne ikke startes "
                                  "(/nonexistent/rentbridge-no-gnuplot: No "
                                  "such file or directory)"));
  assert_int_equal(ut_count(f->html, "<svg"), 0);
  /* One notice per missing chart (no tornado or sweep beside this run). */
  assert_int_equal(
      ut_count(f->html, "<div class=\"missing\">Diagrammet mangler:"), 7);
  assert_true(ut_file_exists(f->dir, "charts/cum_saving_kommune.gp"));
  assert_false(ut_file_exists(f->dir, "charts/cum_saving_kommune.svg"));
  assert_true(ut_file_exists(f->dir, "workbook.xlsx"));
  assert_int_equal(f->diag.n, 1);
  assert_non_null(strstr(f->diag.msgs[0], "charts not drawn"));
  char *out = ut_check_html(f->dir);
  assert_non_null(strstr(out, "ok svg=0 "));
  free(out);
  /* Still no tornado or sweep when none stands beside the run. */
  assert_null(strstr(f->html, "id=\"tornado\""));
  char *wb = ut_xlsx_part(f->dir, "xl/workbook.xml");
  assert_int_equal(ut_count(wb, "<sheet "), 7);
  free(wb);
  free_folder(f);
}

/* psa mode: the headline says its probability covers the assumptions'
 * uncertainty, and not that they were held fixed (issue 16). */
static void test_report__psa_headline_says_which_uncertainty(void **state) {
  (void)state;
  static const char *const da_sets[] = {"scenario.mode=\"psa\""};
  folder *f = make_folder(da_sets, 1, NULL);
  assert_non_null(strstr(f->html, "ordningen betaler sig med usikkerheden i "
                                  "antagelserne; "));
  assert_null(strstr(f->html, "med antagelserne holdt faste"));
  free_folder(f);
  static const char *const en_sets[] = {"scenario.mode=\"psa\"",
                                        "scenario.language=\"en\""};
  f = make_folder(en_sets, 2, NULL);
  assert_non_null(strstr(f->html, "with the assumptions&#39; uncertainty; "));
  assert_null(strstr(f->html, "with the assumptions fixed"));
  free_folder(f);
}

/* report.html of `rentbridge run SCENARIO --replications REPS` in a new
 * folder (*dir, to ut_rm_tree and free), to free. */
static char *cli_report_html(const char *scenario, int reps, char **dir) {
  *dir = ut_mkdtemp("cli-report");
  assert_non_null(*dir);
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "%s run %s --replications %d --out %s/r --quiet 2>&1", ut_bin(),
           scenario, reps, *dir);
  int st = -1;
  char *out = ut_run_cmd(cmd, &st);
  assert_int_equal(st, 0);
  free(out);
  char path[1100];
  snprintf(path, sizeof path, "%s/r/report.html", *dir);
  char *html = ut_read_text(path);
  assert_non_null(html);
  return html;
}

/* The text of chart file @p name of the run in @p dir (cli_report_html). */
static char *chart_text(const char *dir, const char *name) {
  char path[600];
  snprintf(path, sizeof path, "%s/r/charts/%s", dir, name);
  char *text = ut_read_text(path);
  assert_non_null(text);
  return text;
}

/* A scenario that lists three arms (issue 11): the charts and tables name
 * each arm as the scenario does, not "with" and "without". */
static void test_report__listed_arms_named(void **state) {
  (void)state;
  char *dir;
  char *html = cli_report_html("tests/data/ok/arms3.cfg", 20, &dir);
  assert_null(strstr(html, ">Uden ordningen (i dag)<"));
  assert_null(strstr(html, ">Med ordningen<"));
  assert_non_null(strstr(html, ">none<"));
  assert_non_null(strstr(html, ">experiment<"));
  /* An arm with a label is called by it; its name stays in the files. */
  assert_non_null(strstr(html, ">en kopi af forsøget<"));
  assert_null(strstr(html, ">copy<"));
  /* The items and outcomes charts: every arm, the axis in its words. */
  char *items = chart_text(dir, "items.dat");
  assert_non_null(strstr(items, "\n\"en kopi af forsøget\""));
  assert_non_null(strstr(items, "\n\"none\""));
  char *gp = chart_text(dir, "items.gp");
  assert_non_null(strstr(gp, "\"en kopi af\\nforsøget\" 2"));
  assert_non_null(strstr(gp, "set xrange [-0.6:2.6]"));
  /* Room below the axis for the two lines the words take. */
  assert_non_null(strstr(gp, ") scale 0\nset bmargin 3\n"));
  char *oc = chart_text(dir, "outcomes.dat");
  assert_non_null(
      strstr(oc, "\"experiment\" \"none\" \"en kopi af forsøget\"\n"));
  free(items);
  free(gp);
  free(oc);
  free(html);
  ut_rm_tree(dir);
  free(dir);
}

/* Eight arms, the most a scenario may list: the items chart gives the
 * bars the whole width and its key the rows below them, each arm's words
 * on lines short enough for its share of the width, and room below the
 * axis for the words' lines and the key's rows. */
static void test_report__eight_arms_readable(void **state) {
  (void)state;
  char *dir;
  char *html = cli_report_html("tests/data/ok/arms8.cfg", 5, &dir);
  assert_non_null(strstr(html, ">kopi f<"));
  char *gp = chart_text(dir, "items.gp");
  assert_non_null(strstr(gp, "set rmargin at screen 0.970"));
  assert_non_null(strstr(gp, "set key at screen 0.09, screen 0.01"));
  assert_non_null(strstr(gp, "set xrange [-0.6:7.6]"));
  /* "udslusningsbolig-lignende kopi a" (arm 2, after the reference): a
   * word of 25 characters on a line of its own, then "kopi a" (at most 15
   * characters a line for 8 arms). */
  assert_non_null(strstr(gp, "\"udslusningsbolig-lignende\\nkopi a\" 2"));
  const char *b = strstr(gp, "set bmargin ");
  assert_non_null(b);
  b = strstr(b + 1, "set bmargin "); /* the one after the xtics' own */
  assert_non_null(b);
  int rows = 0, lines = 0;
  assert_int_equal(sscanf(b, "set bmargin %d", &rows), 1);
  assert_int_equal(sscanf(strstr(gp, "set bmargin "), "set bmargin %d", &lines),
                   1);
  assert_true(rows > lines); /* the key's rows below the words */
  free(gp);
  free(html);
  ut_rm_tree(dir);
  free(dir);
}

/* The realisable share beside the headline (issue 12): one sentence per
 * share, not one per kommune's takst (network.cfg has ten § 110/§ 107
 * takster at 50 % and three temporary-housing prices at 80 %). */
static void test_report__realisable_note_grouped(void **state) {
  (void)state;
  char *dir;
  char *html = cli_report_html("scenarios/network.cfg", 8, &dir);
  int n = 0;
  for (const char *p = html;
       (p = strstr(p, "En frigjort plads sparer")) != NULL; p++) {
    n++;
  }
  assert_int_equal(n, 2);
  assert_non_null(strstr(html, "og af 9 poster mere med samme andel"));
  assert_non_null(strstr(html, "og af 2 poster mere med samme andel"));
  free(html);
  ut_rm_tree(dir);
  free(dir);
}

/* A scheme that changes nothing (the § 108 group: every flat is
 * affordable without the subsidy): the value-of-information section says
 * so instead of "it pays in every world", and draws no empty chart. */
static void test_report__voi_of_a_scheme_that_changes_nothing(void **state) {
  (void)state;
  char *dir;
  char *html = cli_report_html("scenarios/aarhus/care-home-108.cfg", 8, &dir);
  assert_non_null(strstr(html, "Ordningen ændrer intet for kommunen"));
  assert_null(strstr(html, "Ordningen betaler sig for kommunen i alle"));
  free(html);
  ut_rm_tree(dir);
  free(dir);
}

/* English, and a scheme that costs money: worded honestly. */
static void test_report__english_and_a_loss(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  static const char *const sets[] = {"scenario.language=\"en\"",
                                     "costs.[0].per_day=100"};
  folder *f = make_folder(sets, 2, NULL);
  double mean = jpath(f->summary, "kommune", "saving", "mean");
  double lo = jpath(f->summary, "kommune", "saving", "p2_5");
  double hi = jpath(f->summary, "kommune", "saving", "p97_5");
  double prob = jpath(f->summary, "kommune", "saving", "prob_positive");
  assert_true(mean < 0.0);
  assert_true(json_is_null(json_object_get(
      json_object_get(json_object_get(f->summary, "perspectives"), "kommune"),
      "break_even_month")));
  char m[64], a[64], b[64], pct[32], want[1024];
  kr(m, sizeof m, -mean, false);
  kr(a, sizeof a, lo, false);
  kr(b, sizeof b, hi, false);
  if (prob > 0.0 && prob < 0.005) {
    snprintf(pct, sizeof pct, "under 1%%");
  } else {
    snprintf(pct, sizeof pct, "%.0f%%", 100.0 * prob);
  }
  snprintf(want, sizeof want,
           "Over 10 years the scheme costs the municipality %s kr more per "
           "citizen than it saves (95%% interval of the saving: %s to %s "
           "kr); there is only a %s chance that it pays for itself for this "
           "cohort with the assumptions fixed; it does not break even within "
           "the 10 years.",
           m, a, b, pct);
  if (strstr(f->html, want) == NULL) {
    fprintf(stderr, "missing: %s\n", want);
  }
  assert_non_null(strstr(f->html, want));
  assert_non_null(strstr(f->html, "<p class=\"headline loss\">"));
  assert_non_null(strstr(f->html, "<html lang=\"en\">"));
  char *wb = ut_xlsx_part(f->dir, "xl/workbook.xml");
  assert_non_null(strstr(wb, "<sheet name=\"Summary\""));
  assert_non_null(strstr(wb, "<sheet name=\"Budget years\""));
  free(wb);
  free_folder(f);
}

/* ---- issue 20 ------------------------------------------------------------ */

/* Is there a diagnostic holding @p text? */
static bool diag_has(const rb_diag *d, const char *text) {
  for (size_t i = 0; i < d->n; i++) {
    if (strstr(d->msgs[i], text) != NULL) {
      return true;
    }
  }
  return false;
}

/* Item 8: a FIFO where a tornado's or a sweep's JSON file stands beside
 * the run is refused at once, never waited for (an alarm ends the test if
 * the report blocks on it). */
static void test_report__fifo_siblings_do_not_block(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  char *parent = ut_mkdtemp("fifo");
  assert_non_null(parent);
  char p[512];
  snprintf(p, sizeof p, "%s/report_test-tornado", parent);
  assert_int_equal(mkdir(p, 0777), 0);
  snprintf(p, sizeof p, "%s/report_test-tornado/tornado.json", parent);
  assert_int_equal(mkfifo(p, 0666), 0);
  snprintf(p, sizeof p, "%s/report_test-sweep-subsidy_cap", parent);
  assert_int_equal(mkdir(p, 0777), 0);
  snprintf(p, sizeof p, "%s/report_test-sweep-subsidy_cap/sweep.json", parent);
  assert_int_equal(mkfifo(p, 0666), 0);
  alarm(60);
  folder *f = make_folder(NULL, 0, parent);
  alarm(0);
  assert_true(diag_has(&f->diag, "tornado.json: not included in the report: "
                                 "not a regular file"));
  assert_true(diag_has(&f->diag, "sweep.json: not included in the report: "
                                 "not a regular file"));
  assert_null(strstr(f->html, "id=\"tornado\""));
  free_folder(f);
  ut_rm_tree(parent);
  free(parent);
}

/* Item 14: a horizon of 12 months or less has no outcome to draw: the
 * chart is left out (no empty SVG) and the report says why. */
static void test_report__short_horizon_leaves_outcomes_out(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  static const char *const sets[] = {"scenario.horizon_months=12"};
  folder *f = make_folder(sets, 1, NULL);
  char p[512];
  struct stat sb;
  snprintf(p, sizeof p, "%s/charts/outcomes.svg", f->dir);
  assert_int_not_equal(stat(p, &sb), 0);
  snprintf(p, sizeof p, "%s/charts/outcomes.gp", f->dir);
  assert_int_not_equal(stat(p, &sb), 0);
  assert_non_null(strstr(f->html, "Diagrammet mangler: ingen af udfaldene "
                                  "kan måles inden for horisonten på 12 "
                                  "måneder."));
  assert_false(diag_has(&f->diag, "outcomes"));
  if (ut_have("gnuplot")) {
    assert_int_equal(f->diag.n, 0);
    assert_null(strstr(f->html, "id=\"charts-missing\""));
  }
  char *out = ut_check_html(f->dir);
  free(out);
  free_folder(f);
}

/* Several charts at once (rb_gnuplot_run_all): each chart's result is its
 * own, in the charts' order, whatever the order they end in; a chart that
 * meets the time limit ends the runs as one at a time: the charts after it
 * are not run and leave no SVG. */
static void test_report__gnuplot_charts_at_once(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("gp-all");
  assert_non_null(dir);
  char gp[512], p[700];
  snprintf(gp, sizeof gp, "%s/fake-gnuplot.sh", dir);
  /* ok*.gp: a complete SVG, the slow one last to end; bad.gp: status 3;
   * hang.gp: never ends. */
  ut_put_file(gp,
              "#!/bin/sh\n"
              "case \"$1\" in\n"
              "  hang.gp) exec sleep 60 ;;\n"
              "  bad.gp) exit 3 ;;\n"
              "  ok1.gp) sleep 0.3 ;;\n"
              "esac\n"
              "printf '<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\\n' "
              ">\"${1%.gp}.svg\"\n",
              true);
  const char *names[] = {"ok1", "ok2", "bad", "ok3", "hang", "ok4"};
  enum { N = 6 };
  char script[N][32], svg[N][32], log[N][32];
  rb_gp_chart c[N];
  for (int i = 0; i < N; i++) {
    snprintf(script[i], sizeof script[i], "%s.gp", names[i]);
    snprintf(svg[i], sizeof svg[i], "%s.svg", names[i]);
    snprintf(log[i], sizeof log[i], "%s.log", names[i]);
    snprintf(p, sizeof p, "%s/%s", dir, script[i]);
    ut_put_file(p, "# a chart\n", false);
    c[i] = (rb_gp_chart){script[i], svg[i], log[i], 0, RB_GP_FAILED, 0, 0};
  }
  setenv("RB_GNUPLOT", gp, 1);
  /* The first four, two at a time: the slow first one ends last. */
  assert_int_equal(rb_gnuplot_run_all(dir, c, 4, 2), 4);
  const rb_gp_result want[4] = {RB_GP_OK, RB_GP_OK, RB_GP_FAILED, RB_GP_OK};
  for (int i = 0; i < 4; i++) {
    assert_int_equal(c[i].started, 1);
    assert_int_equal(c[i].result, want[i]);
    snprintf(p, sizeof p, "%s/%s", dir, svg[i]);
    assert_int_equal(access(p, F_OK) == 0, want[i] == RB_GP_OK);
  }
  assert_true(WIFEXITED(c[2].wstatus) && WEXITSTATUS(c[2].wstatus) == 3);
  /* All six under a time limit of 1 s: the hanging chart is stopped, the
   * one after it is not run. */
  for (int i = 0; i < N; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, svg[i]);
    remove(p);
  }
  setenv("RB_GNUPLOT_TIMEOUT", "1", 1);
  assert_int_equal(rb_gnuplot_run_all(dir, c, N, 2), 5);
  unsetenv("RB_GNUPLOT_TIMEOUT");
  unsetenv("RB_GNUPLOT");
  assert_int_equal(c[4].result, RB_GP_TIMEOUT);
  assert_int_equal(c[5].started, 0);
  assert_int_equal(c[3].result, RB_GP_OK);
  snprintf(p, sizeof p, "%s/%s", dir, svg[5]);
  assert_int_equal(access(p, F_OK), -1);
  snprintf(p, sizeof p, "%s/%s", dir, log[5]);
  assert_int_equal(access(p, F_OK), -1);
  snprintf(p, sizeof p, "%s/%s", dir, svg[4]);
  assert_int_equal(access(p, F_OK), -1);
  ut_rm_tree(dir);
  free(dir);
}

/* Item 14: what gnuplot writes is inlined only when it is one complete SVG
 * of at most RB_SVG_MAX bytes; anything else is removed and the chart is
 * missing, with the reason. */
static void test_report__svg_checked_before_inlining(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  char dir[] = "/tmp/rb-test-svg-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char gp[512];
  snprintf(gp, sizeof gp, "%s/cut-gnuplot.sh", dir);
  /* A "gnuplot" that exits 0 after half an SVG. */
  ut_put_file(gp,
              "#!/bin/sh\n"
              "out=$(sed -n \"s/^set output '\\(.*\\)'$/\\1/p\" \"$1\")\n"
              "printf '<svg xmlns=\"http://www.w3.org/2000/svg\"><g "
              "id=\"cut-marker\">' >\"$out\"\n",
              true);
  setenv("RB_GNUPLOT", gp, 1);
  folder *f = make_folder(NULL, 0, NULL);
  unsetenv("RB_GNUPLOT");
  assert_null(strstr(f->html, "cut-marker"));
  assert_non_null(strstr(f->html, "gnuplot skrev ikke en fuldstændig "
                                  "SVG-fil (højst 16 MB) for "
                                  "cum_saving_kommune.gp"));
  assert_false(ut_file_exists(f->dir, "charts/cum_saving_kommune.svg"));
  assert_true(ut_file_exists(f->dir, "charts/cum_saving_kommune.gp"));
  char *out = ut_check_html(f->dir);
  assert_non_null(strstr(out, "ok svg=0 "));
  free(out);
  free_folder(f);
  /* The check itself, and its size bound. */
  char p[512];
  snprintf(p, sizeof p, "%s/a.svg", dir);
  ut_put_file(p, "<?xml version=\"1.0\"?>\n<svg width=\"1\"></svg>\n", false);
  assert_int_equal(rb_svg_complete(p, RB_SVG_MAX), 1);
  assert_int_equal(rb_svg_complete(p, 16), 0);
  ut_put_file(p, "<?xml version=\"1.0\"?>\n<svg width=\"1\"><g>", false);
  assert_int_equal(rb_svg_complete(p, RB_SVG_MAX), 0);
  ut_put_file(p, "not an svg </svg>", false);
  assert_int_equal(rb_svg_complete(p, RB_SVG_MAX), 0);
  ut_rm_tree(dir);
}

/* Item 4: a workbook whose part was cut short (what libxlsxwriter leaves on
 * a full disk or under a file-size limit, inside a sound zip) or whose zip
 * is damaged is caught when it is read back. */
static void test_report__workbook_read_back(void **state) {
  (void)state;
  folder *f = need_folder();
  char path[512], cut[512], why[256];
  snprintf(path, sizeof path, "%s/workbook.xlsx", f->dir);
  assert_int_equal(rb_xlsx_check(path, why, sizeof why), 0);
  snprintf(cut, sizeof cut, "%s/cut.xlsx", f->root);
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "python3 -c \"import sys, zipfile\n"
           "a = zipfile.ZipFile(sys.argv[1])\n"
           "b = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)\n"
           "for i in a.infolist():\n"
           "    d = a.read(i.filename)\n"
           "    if i.filename == 'xl/worksheets/sheet4.xml': d = d[:4096]\n"
           "    b.writestr(i, d)\n"
           "b.close()\" %s %s",
           path, cut);
  assert_int_equal(system(cmd), 0);
  assert_int_equal(rb_xlsx_check(cut, why, sizeof why), -1);
  assert_string_equal(why, "the part xl/worksheets/sheet4.xml is cut short");
  /* A byte changed in the middle of the file: the CRC or the inflation. */
  size_t len = 0;
  char *zip = rb_file_slurp(path, &len, 0);
  assert_non_null(zip);
  zip[len / 2] = (char)(zip[len / 2] ^ 0x55);
  FILE *out = fopen(cut, "wb");
  assert_non_null(out);
  assert_int_equal(fwrite(zip, 1, len, out), len);
  assert_int_equal(fclose(out), 0);
  free(zip);
  assert_int_equal(rb_xlsx_check(cut, why, sizeof why), -1);
  ut_put_file(cut, "PK not a zip", false);
  assert_int_equal(rb_xlsx_check(cut, why, sizeof why), -1);
  assert_string_equal(why, "not a zip file");
}

/* rb_write_report_files of @p f in a child with a file-size limit of
 * @p limit bytes: @return 0 when it fails with RB_EIO and says @p said. */
static int limited_write(const folder *f, long limit, const char *name,
                         const char *said) {
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    struct rlimit rl = {(rlim_t)limit, (rlim_t)limit};
    signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &rl);
    char dir[256];
    snprintf(dir, sizeof dir, "%s/%s", f->root, name);
    mkdir(dir, 0777);
    rb_diag d;
    rb_diag_init(&d);
    rb_status st =
        rb_write_report_files(dir, SIBLINGS, f->sc, &f->res, &f->meta, &d);
    _exit(st == RB_EIO && diag_has(&d, said) ? 0 : 1);
  }
  return ut_reap(pid);
}

static long size_of(const char *dir, const char *name) {
  char p[4200];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  struct stat sb;
  return stat(p, &sb) == 0 ? (long)sb.st_size : -1;
}

/* Item 4: the report's writers say when a file cannot be written (here: a
 * file-size limit in a child process).  The workbook is written before the
 * page (gnuplot draws meanwhile): a small limit stops it; a limit above
 * the workbook and below the page stops the page. */
static void test_report__write_error_is_an_error(void **state) {
  (void)state;
  folder *f = need_folder();
  assert_int_equal(
      limited_write(f, 65536, "limited", "workbook.xlsx: cannot be written"),
      0);
  const long book = size_of(f->dir, "workbook.xlsx");
  const long page = size_of(f->dir, "report.html");
  assert_true(book > 0 && page > 2 * book);
  assert_int_equal(limited_write(f, (book + page) / 2, "limited-page",
                                 "report.html cannot be written: File too "
                                 "large"),
                   0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_report__format_kr),
      cmocka_unit_test(test_report__files),
      cmocka_unit_test(test_report__headline_equals_summary),
      cmocka_unit_test(test_report__html_parses_with_every_chart),
      cmocka_unit_test(test_report__html_escapes_scenario_text),
      cmocka_unit_test(test_report__sections_in_order),
      cmocka_unit_test(test_report__workbook),
      cmocka_unit_test(test_report__without_gnuplot),
      cmocka_unit_test(test_report__english_and_a_loss),
      cmocka_unit_test(test_report__psa_headline_says_which_uncertainty),
      cmocka_unit_test(test_report__listed_arms_named),
      cmocka_unit_test(test_report__eight_arms_readable),
      cmocka_unit_test(test_report__realisable_note_grouped),
      cmocka_unit_test(test_report__voi_of_a_scheme_that_changes_nothing),
      cmocka_unit_test(test_report__fifo_siblings_do_not_block),
      cmocka_unit_test(test_report__short_horizon_leaves_outcomes_out),
      cmocka_unit_test(test_report__svg_checked_before_inlining),
      cmocka_unit_test(test_report__gnuplot_charts_at_once),
      cmocka_unit_test(test_report__workbook_read_back),
      cmocka_unit_test(test_report__write_error_is_an_error),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
