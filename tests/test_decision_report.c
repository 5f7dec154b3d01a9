/* Tests of a sweep's and a tornado's own report.html and workbook.xlsx
 * (outputs.md, issue "as their own report when run alone"): headlines from
 * constructed sweep.json/tornado.json files with known answers, then a real
 * sweep and tornado written by rb_sweep_dir_write/rb_tornado_dir_write,
 * whose documents must carry the numbers of the sweep.json/tornado.json
 * beside them, and the command line, which never fails over the report.
 * The HTML is checked by tests/check_html.py and the workbook opened with
 * tests/xlsx_part.py (python3, standard library only). */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/io.h"
#include "base/numfmt.h"
#include "rentbridge/decision.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"
#include "rentbridge/report.h"
#include "util.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SCENARIO "tests/data/report/report.cfg"
#define TORNADO_FIXTURE "tests/data/report/report_test-tornado/tornado.json"

/* ---- helpers ------------------------------------------------------------- */

static char root[64];

static int setup(void **state) {
  (void)state;
  snprintf(root, sizeof root, "/tmp/rb-test-dreport-XXXXXX");
  return mkdtemp(root) != NULL ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  ut_rm_tree(root);
  return 0;
}

/* A new empty folder under the test root. */
static void new_dir(char *buf, size_t n, const char *name) {
  snprintf(buf, n, "%s/%s", root, name);
  assert_int_equal(mkdir(buf, 0777), 0);
}

static void meta_for(rb_run_meta *m, const char *command, int reps) {
  memset(m, 0, sizeof *m);
  m->scenario_path = SCENARIO;
  m->command_line = command;
  m->command = command;
  snprintf(m->start_time, sizeof m->start_time, "2027-03-05T09:08:07Z");
  m->threads = 2;
  m->seed = 20261124;
  m->replications = reps;
}

static void want_in(const char *hay, const char *want) {
  if (strstr(hay, want) == NULL) {
    fprintf(stderr, "missing: %s\n", want);
  }
  assert_non_null(strstr(hay, want));
}

/* The sheets of a workbook, in order, are exactly @p names. */
static void want_sheets(const char *dir, const char *const *names, int n) {
  char *wb = ut_xlsx_part(dir, "xl/workbook.xml");
  const char *last = wb;
  for (int i = 0; i < n; i++) {
    char pat[96];
    snprintf(pat, sizeof pat, "<sheet name=\"%s\" sheetId=\"%d\"", names[i],
             i + 1);
    const char *p = strstr(wb, pat);
    if (p == NULL) {
      fprintf(stderr, "sheet missing: %s\n", pat);
    }
    assert_non_null(p);
    assert_true(p >= last);
    last = p;
  }
  assert_int_equal(ut_count(wb, "<sheet "), n);
  free(wb);
}

static void kr(char *buf, size_t n, double x) {
  rb_fmt_kr(buf, n, x, true);
}

/* A number as the report writes a parameter value: %.6g, decimal comma. */
static void num6(char *buf, size_t n, double x) {
  snprintf(buf, n, "%.6g", x);
  for (char *c = buf; *c; c++) {
    if (*c == '.') {
      *c = ',';
    }
  }
}

static double jnum(json_t *o, const char *k) {
  return json_number_value(json_object_get(o, k));
}

static double jat(json_t *o, const char *k, size_t i) {
  return json_number_value(json_array_get(json_object_get(o, k), i));
}

static void write_text(const char *dir, const char *name, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

/* Make the own report of the sweep or tornado whose JSON file is in
 * @p dir, with the test scenario (and @p sets) and a manifest of @p reps
 * replications. */
static void own_report(const char *dir, const char *command, int reps,
                       const char *const *sets, int n_sets,
                       rb_status (*write)(const char *, const rb_scenario *,
                                          const rb_run_meta *, rb_diag *)) {
  rb_scenario *sc = ut_load(SCENARIO, sets, n_sets);
  assert_non_null(sc);
  rb_run_meta meta;
  meta_for(&meta, command, reps);
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(write(dir, sc, &meta, &d), RB_OK);
  rb_diag_free(&d);
  rb_scenario_free(sc);
}

/* Write @p json as <new folder>/sweep.json, make the sweep's own report,
 * and return its report.html. */
static char *sweep_report_from(const char *name, const char *json,
                               const char *const *sets, int n_sets, char *dir,
                               size_t dir_n) {
  new_dir(dir, dir_n, name);
  write_text(dir, "sweep.json", json);
  own_report(dir, "sweep", 200, sets, n_sets, rb_write_sweep_report_files);
  assert_true(ut_file_exists(dir, "workbook.xlsx"));
  return ut_read_in(dir, "report.html");
}

/* ---- headlines with known answers ---------------------------------------- */

/* A cap sweep: a break-even upwards (kommune), downwards (public) and none
 * with a loss everywhere (society). */
static void test_decision_report__sweep_headline_known(void **state) {
  (void)state;
  static const char json[] =
      "{\"scenario\": \"report_test\", \"param\": \"subsidy.cap\",\n"
      " \"values\": [0, 1000, 2000, 3000, 4000],\n"
      " \"perspectives\": {\n"
      "  \"kommune\": {\"mean\": [-20000.0, 350000.0, 670917.66, 690000.4, "
      "650000.0],\n"
      "   \"p2_5\": [-90000.0, 200000.0, 500000.0, 512345.5, 480000.0],\n"
      "   \"p97_5\": [50000.0, 500000.0, 850000.0, 880000.0, 820000.0],\n"
      "   \"prob_positive\": [0.4, 1.0, 1.0, 1.0, 1.0],\n"
      "   \"break_even_values\": [54.05], \"best_value\": 3000},\n"
      "  \"public\": {\"mean\": [10.0, 20.0, 30.0, -40.0, -50.0],\n"
      "   \"p2_5\": [0.0, 1.0, 2.0, -80.0, -90.0],\n"
      "   \"p97_5\": [20.0, 40.0, 60.0, 0.0, 0.0],\n"
      "   \"prob_positive\": [0.6, 0.7, 0.8, 0.2, 0.1],\n"
      "   \"break_even_values\": [2428.5714], \"best_value\": 2000},\n"
      "  \"societal\": {\"mean\": [-100.0, -50.0, -10.0, -20.0, -30.0],\n"
      "   \"p2_5\": [-200.0, -90.0, -30.0, -40.0, -60.0],\n"
      "   \"p97_5\": [0.0, 0.0, 5.0, 0.0, 0.0],\n"
      "   \"prob_positive\": [0.0, 0.0, 0.1, 0.0, 0.0],\n"
      "   \"break_even_values\": [], \"best_value\": 2000}},\n"
      " \"housed_12\": [0.5, 0.6, 0.7, 0.8, 0.8],\n"
      " \"housed_24\": [0.6, 0.7, 0.8, 0.9, 0.9],\n"
      " \"months_waiting\": [9.0, 6.5, 4.26, 3.0, 3.0],\n"
      " \"subsidy_per_month\": [null, 800.0, 1200.0, 1500.0, 1500.0],\n"
      " \"share_acceptable\": [0.3, 0.55, 0.8, 0.95, 1.0],\n"
      " \"replications\": 200, \"seed\": 20261124, \"horizon_months\": 120}\n";
  char dir[256];
  char *html = sweep_report_from("known-sweep", json, NULL, 0, dir, sizeof dir);
  want_in(html, "<p class=\"headline\">Bedste loft for kommunen: 3.000 kr., "
                "hvor kommunen sparer 690.000 kr. pr. borger over 10 år (95 "
                "%-interval 512.346 til 880.000 kr.); ordningen betaler sig "
                "for kommunen ved lofter fra 54 kr.</p>");
  want_in(html, "<p class=\"also\">Bedste loft for hele det offentlige: 2.000 "
                "kr., hvor hele det offentlige sparer 30 kr. pr. borger over "
                "10 år (95 %-interval 2 til 60 kr.); ordningen betaler sig "
                "for hele det offentlige ved lofter op til 2.429 kr.</p>");
  want_in(html, "<p class=\"also\">Bedste loft for samfundet: 2.000 kr., men "
                "også dér koster ordningen samfundet 10 kr. mere pr. borger "
                "over 10 år, end den sparer; ordningen betaler sig ikke for "
                "samfundet ved nogen af de undersøgte lofter (0 til 4.000 "
                "kr.).</p>");
  /* The sweep's section, its outcomes and the run facts. */
  want_in(html, "<section class=\"sweep\" id=\"sweep-1\">");
  want_in(html, "Bedste værdi for kommunen: <b>3.000</b>");
  want_in(html, "skifter fortegn ved 54,05.");
  want_in(html, "<td class=\"num\">4,3</td>"); /* months waiting 4.26 */
  want_in(html, "<tr><th>Undersøgt nøgle</th><td><code>subsidy.cap</code>");
  want_in(html, "<tr><th>Værdier</th><td>0 til 4.000, 5 værdier</td>");
  /* Only the sweep's sections: no run headline, no tornado. */
  assert_null(strstr(html, "id=\"perspectives\""));
  assert_null(strstr(html, "id=\"tornado\""));
  assert_int_equal(ut_count(html, "id=\"headline\""), 1);
  const char *ids[] = {"id=\"headline\"", "id=\"sweep-1\"",
                       "id=\"assumptions\"", "id=\"run\""};
  const char *last = html;
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    const char *p = strstr(html, ids[i]);
    assert_non_null(p);
    assert_true(p > last);
    last = p;
  }
  free(html);
}

/* Two stretches that pay, every value paying, and a curve that rises from
 * exactly zero (no break-even: the first value that saves). */
static void test_decision_report__sweep_headline_stretches(void **state) {
  (void)state;
  static const char json[] =
      "{\"scenario\": \"report_test\", \"param\": \"subsidy.cap\",\n"
      " \"values\": [0, 1000, 2000, 3000, 4000],\n"
      " \"perspectives\": {\n"
      "  \"kommune\": {\"mean\": [-10.0, 5.0, -5.0, -1.0, 20.0],\n"
      "   \"p2_5\": [-20, 0, -9, -3, 10], \"p97_5\": [0, 9, 0, 1, 30],\n"
      "   \"prob_positive\": [0, 1, 0, 0.3, 1],\n"
      "   \"break_even_values\": [666.67, 1500.0, 3047.62], "
      "\"best_value\": 4000},\n"
      "  \"public\": {\"mean\": [1.0, 2.0, 3.0, 4.0, 5.0],\n"
      "   \"p2_5\": [0, 1, 2, 3, 4], \"p97_5\": [2, 3, 4, 5, 6],\n"
      "   \"prob_positive\": [1, 1, 1, 1, 1],\n"
      "   \"break_even_values\": [], \"best_value\": 4000},\n"
      "  \"societal\": {\"mean\": [0.0, 0.0, 5.0, 6.0, 7.0],\n"
      "   \"p2_5\": [0, 0, 1, 2, 3], \"p97_5\": [0, 0, 9, 9, 9],\n"
      "   \"prob_positive\": [0, 0, 1, 1, 1],\n"
      "   \"break_even_values\": [], \"best_value\": 4000}},\n"
      " \"housed_12\": [0.5, 0.5, 0.5, 0.5, 0.5],\n"
      " \"housed_24\": [0.6, 0.6, 0.6, 0.6, 0.6],\n"
      " \"months_waiting\": [1, 1, 1, 1, 1],\n"
      " \"subsidy_per_month\": [1, 1, 1, 1, 1],\n"
      " \"share_acceptable\": [1, 1, 1, 1, 1]}\n";
  char dir[256];
  char *html =
      sweep_report_from("stretch-sweep", json, NULL, 0, dir, sizeof dir);
  want_in(html, "ordningen betaler sig for kommunen ved lofter fra 667 kr. "
                "til 1.500 kr. og fra 3.048 kr.</p>");
  want_in(html, "ordningen betaler sig for hele det offentlige ved alle de "
                "undersøgte lofter (0 til 4.000 kr.).</p>");
  want_in(html, "ordningen betaler sig for samfundet ved lofter fra 2.000 "
                "kr.</p>");
  free(html);
  /* In English, for a key without words of its own. */
  static const char *const en[] = {"scenario.language=\"en\""};
  static const char key[] = "groups.[0].flats.offers_per_month";
  char json_en[4096];
  const char *cap = strstr(json, "subsidy.cap");
  assert_non_null(cap);
  snprintf(json_en, sizeof json_en, "%.*s%s%s", (int)(cap - json), json, key,
           cap + strlen("subsidy.cap"));
  html = sweep_report_from("stretch-sweep-en", json_en, en, 1, dir, sizeof dir);
  want_in(html, "<p class=\"headline\">Best value of "
                "groups.[0].flats.offers_per_month for the municipality: "
                "4,000, where the municipality saves 20 kr per citizen over "
                "10 years (95% interval 10 to 30 kr); the scheme pays off for "
                "the municipality at values from 667 to 1,500 and from "
                "3,048.</p>");
  want_in(html, "<html lang=\"en\">");
  free(html);
  const char *sheets[] = {"Summary", "Sweep", "Assumptions", "Run"};
  want_sheets(dir, sheets, 4);
}

/* The run report's tornado fixture as a tornado's own report: what has to
 * be true for the municipality, the largest swing where nothing flips. */
static void test_decision_report__tornado_headline_known(void **state) {
  (void)state;
  char dir[256];
  new_dir(dir, sizeof dir, "known-tornado");
  char *fixture = ut_slurp(TORNADO_FIXTURE);
  assert_non_null(fixture);
  write_text(dir, "tornado.json", fixture);
  free(fixture);
  own_report(dir, "tornado", 200, NULL, 0, rb_write_tornado_report_files);
  char *html = ut_read_in(dir, "report.html");
  want_in(html, "<p class=\"headline\">Med alle antagelser som ventet sparer "
                "kommunen 670.918 kr. pr. borger over 10 år. Hvad skal være "
                "sandt: costs.[0].per_day må ikke være så lav som 1.100 "
                "(besparelse -15.251 kr.; nul ved 1112,3) – ellers skifter "
                "kommunens resultat fortegn.</p>");
  want_in(html, "<p class=\"also\">Med alle antagelser som ventet sparer hele "
                "det offentlige 655.000 kr. pr. borger over 10 år. Hvad skal "
                "være sandt: ingen enkelt antagelse vender det offentliges "
                "resultat inden for sin lave og høje værdi. Størst betydning "
                "har costs.[0].per_day (udsving 930.000 kr. mellem lav og høj "
                "værdi).</p>");
  /* The section without the run report's box (the headline says it), with
   * the three perspectives' charts. */
  want_in(html, "<section id=\"tornado\">");
  assert_null(strstr(html, "<div class=\"warn\">"));
  want_in(html, "<tr><th>Beregninger (1 + 2 pr. antagelse)</th><td>7</td>");
  want_in(html, "<tr><th>Tilstand</th><td>stochastic</td>");
  if (ut_have("gnuplot")) {
    assert_true(ut_file_exists(dir, "charts/tornado.svg"));
    assert_true(ut_file_exists(dir, "charts/tornado_public.svg"));
    assert_true(ut_file_exists(dir, "charts/tornado_societal.svg"));
    char *out = ut_check_html(dir);
    assert_non_null(strstr(out, "ok svg=3 "));
    free(out);
  }
  free(html);
}

/* A base case that loses money: what has to be true for it to pay. */
static void test_decision_report__tornado_headline_loss(void **state) {
  (void)state;
  static const char json[] =
      "{\"scenario\": \"report_test\",\n"
      " \"base\": {\"kommune\": -16961.2, \"public\": -35654.0, "
      "\"societal\": 0.0},\n"
      " \"bars\": [{\"key\": \"costs.[0].per_day\", \"source\": \"x\", "
      "\"value\": 150, \"low\": 100, \"high\": 2000,\n"
      "   \"saving_low\": {\"kommune\": -42472.0, \"public\": -60727.0, "
      "\"societal\": 10.0},\n"
      "   \"saving_high\": {\"kommune\": 926964.0, \"public\": 892033.0, "
      "\"societal\": 20.0},\n"
      "   \"swing\": {\"kommune\": 969436.0, \"public\": 952760.0, "
      "\"societal\": 10.0},\n"
      "   \"flips_sign\": {\"kommune\": true, \"public\": true, \"societal\": "
      "true},\n"
      "   \"threshold\": {\"kommune\": 183.241, \"public\": 221.102, "
      "\"societal\": 100.0}}],\n"
      " \"replications\": 40, \"horizon_months\": 120}\n";
  char dir[256];
  new_dir(dir, sizeof dir, "loss-tornado");
  write_text(dir, "tornado.json", json);
  own_report(dir, "tornado", 7, NULL, 0, rb_write_tornado_report_files);
  char *html = ut_read_in(dir, "report.html");
  want_in(html, "<p class=\"headline loss\">Med alle antagelser som ventet "
                "koster ordningen kommunen 16.961 kr. mere pr. borger over "
                "10 år, end den sparer. Hvad skal være sandt: "
                "costs.[0].per_day skal være højere end ca. 183,241 "
                "(besparelse 926.964 kr. ved 2.000) – så betaler ordningen "
                "sig for kommunen.</p>");
  /* A saving of exactly 0 does not save: both ends turn it. */
  want_in(html, "Hvad skal være sandt: costs.[0].per_day skal være lavere "
                "end ca. 100 (besparelse 10 kr. ved 100) eller "
                "costs.[0].per_day skal være så høj som 2.000 (besparelse 20 "
                "kr.) – så betaler ordningen sig for samfundet.</p>");
  /* The replications are tornado.json's, not the caller's. */
  want_in(html, "<tr><th>Simuleringer (replikationer) pr. beregning</th>"
                "<td>40</td>");
  free(html);
}

/* ---- real sweep and tornado folders -------------------------------------- */

static void assert_no_temporary(const char *parent) {
  DIR *d = opendir(parent);
  assert_non_null(d);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    assert_null(strstr(e->d_name, ".tmp-"));
  }
  closedir(d);
}

static void test_decision_report__sweep_folder(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  static const char *const sets[] = {"scenario.replications=40"};
  rb_sweep_opts so = {0};
  so.sets = sets;
  so.n_sets = 1;
  so.threads = 2;
  rb_sweep sw;
  rb_scenario *base = NULL;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_sweep_run(&sw, &base, SCENARIO, "costs.[0].per_day", 0,
                                1000, 250, &so, &d),
                   RB_OK);
  char parent[256], dir[512];
  new_dir(parent, sizeof parent, "sweeps");
  snprintf(dir, sizeof dir, "%s/report_test-sweep-costs__0__per_day", parent);
  rb_run_meta meta;
  meta_for(&meta, "sweep", sw.replications);
  rb_chart_state chart;
  assert_int_equal(rb_sweep_dir_write(&chart, dir, false, &sw, base, &meta, &d),
                   RB_OK);
  for (size_t i = 0; i < d.n; i++) {
    fprintf(stderr, "diag: %s\n", d.msgs[i]);
  }
  if (ut_have("gnuplot")) {
    assert_int_equal(d.n, 0);
  }
  rb_diag_free(&d);
  rb_sweep_free(&sw);
  rb_scenario_free(base);
  assert_no_temporary(parent);
  static const char *const files[] = {
      "sweep.json",         "sweep.csv",        "summary.txt", "manifest.json",
      "scenario.cfg",       "rules.cfg",        "report.html", "workbook.xlsx",
      "charts/sweep_1.dat", "charts/sweep_1.gp"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    assert_true(ut_file_exists(dir, files[i]));
  }
  char *out = ut_check_html(dir);
  if (ut_have("gnuplot")) {
    assert_true(ut_file_exists(dir, "charts/sweep_1.svg"));
    assert_non_null(strstr(out, "ok svg=1 "));
  }
  free(out);

  /* The headline carries sweep.json's numbers. */
  char path[1024];
  snprintf(path, sizeof path, "%s/sweep.json", dir);
  json_t *j = json_load_file(path, 0, NULL);
  assert_non_null(j);
  json_t *kom = json_object_get(json_object_get(j, "perspectives"), "kommune");
  json_t *values = json_object_get(j, "values");
  json_t *bev = json_object_get(kom, "break_even_values");
  size_t nv = json_array_size(values);
  assert_int_equal(nv, 5);
  /* Without shelter costs the scheme costs the kommune money; at 1,000 kr
   * a day it saves: one break-even in between. */
  assert_true(jat(kom, "mean", 0) < 0.0);
  assert_true(jat(kom, "mean", nv - 1) > 0.0);
  assert_int_equal(json_array_size(bev), 1);
  double best = jnum(kom, "best_value");
  size_t bi = nv;
  for (size_t i = 0; i < nv; i++) {
    if (json_number_value(json_array_get(values, i)) == best) {
      bi = i;
    }
  }
  assert_true(bi < nv);
  double be = json_number_value(json_array_get(bev, 0));
  assert_true(be > 0.0 && be < 250.0);
  char b[64], m[64], lo[64], hi[64], bes[64], want[1024];
  kr(b, sizeof b, best);
  kr(m, sizeof m, jat(kom, "mean", bi));
  kr(lo, sizeof lo, jat(kom, "p2_5", bi));
  kr(hi, sizeof hi, jat(kom, "p97_5", bi));
  if (be >= 100.0) {
    kr(bes, sizeof bes, be);
  } else {
    snprintf(bes, sizeof bes, "%.4g", be);
    for (char *c = bes; *c; c++) {
      *c = *c == '.' ? ',' : *c;
    }
  }
  snprintf(want, sizeof want,
           "<p class=\"headline\">Bedste værdi af costs.[0].per_day for "
           "kommunen: %s, hvor kommunen sparer %s kr. pr. borger over 10 år "
           "(95 %%-interval %s til %s kr.); ordningen betaler sig for "
           "kommunen ved værdier fra %s.</p>",
           b, m, lo, hi, bes);
  char *html = ut_read_in(dir, "report.html");
  want_in(html, want);
  /* The table: every value's mean saving for the kommune. */
  for (size_t i = 0; i < nv; i++) {
    char cell[128];
    kr(m, sizeof m, jat(kom, "mean", i));
    snprintf(cell, sizeof cell, "<td class=\"num\">%s</td>", m);
    want_in(html, cell);
  }
  /* How it was made: the scenario's SHA-256, seed, replications. */
  char sha[65];
  rb_sha256_file(sha, SCENARIO);
  want_in(html, sha);
  want_in(html, "<tr><th>Startværdi (seed)</th><td>20261124</td>");
  want_in(html, "<tr><th>Simuleringer (replikationer) pr. beregning</th>"
                "<td>40</td>");
  want_in(html, "<tr><th>Program</th><td>rentbridge ");
  want_in(html, "<section id=\"assumptions\"");
  free(html);

  /* The workbook: its sheets, the sweep's table, the headline. */
  const char *sheets[] = {"Resumé", "Sweep", "Antagelser", "Kørsel"};
  want_sheets(dir, sheets, 4);
  char *s2 = ut_xlsx_part(dir, "xl/worksheets/sheet2.xml");
  for (size_t i = 0; i < nv; i++) {
    char ref[16];
    snprintf(ref, sizeof ref, "B%zu", 4 + i);
    double got = ut_cell_value(s2, ref), exp = jat(kom, "mean", i);
    assert_true(fabs(got - exp) <= 1e-9 * fabs(exp) + 1e-9);
  }
  free(s2);
  char *ss = ut_xlsx_part(dir, "xl/sharedStrings.xml");
  kr(m, sizeof m, jat(kom, "mean", bi));
  snprintf(want, sizeof want,
           "Bedste værdi af costs.[0].per_day for kommunen: %s, hvor "
           "kommunen sparer %s kr.",
           b, m);
  want_in(ss, want);
  want_in(ss, sha);
  free(ss);
  char *list = ut_xlsx_part(dir, "--list");
  want_in(list, "xl/charts/chart1.xml\n");
  free(list);
  json_decref(j);
}

static void test_decision_report__tornado_folder(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  /* A shelter range reaching down to where the scheme stops paying. */
  static const char *const sets[] = {
      "scenario.replications=40",
      "costs.[0].per_day={value=300.0; low=100.0; high=2000.0; source=\"SBST "
      "& co\";}"};
  rb_scenario *sc = ut_load(SCENARIO, sets, 2);
  assert_non_null(sc);
  rb_tornado t;
  rb_tornado_opts o = {0};
  o.threads = 2;
  assert_int_equal(rb_tornado_run(&t, sc, &o), RB_OK);
  char parent[256], dir[512];
  new_dir(parent, sizeof parent, "tornados");
  snprintf(dir, sizeof dir, "%s/report_test-tornado", parent);
  rb_run_meta meta;
  meta_for(&meta, "tornado", t.replications);
  rb_chart_state chart;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_tornado_dir_write(&chart, dir, false, &t, sc, &meta, &d),
                   RB_OK);
  if (ut_have("gnuplot")) {
    assert_int_equal(d.n, 0);
  }
  rb_diag_free(&d);
  rb_tornado_free(&t);
  rb_scenario_free(sc);
  assert_no_temporary(parent);
  assert_true(ut_file_exists(dir, "tornado.json"));
  assert_true(ut_file_exists(dir, "report.html"));
  assert_true(ut_file_exists(dir, "workbook.xlsx"));
  assert_true(ut_file_exists(dir, "manifest.json"));
  char *out = ut_check_html(dir);
  if (ut_have("gnuplot")) {
    assert_non_null(strstr(out, "ok svg=3 "));
  }
  free(out);

  char path[1024];
  snprintf(path, sizeof path, "%s/tornado.json", dir);
  json_t *j = json_load_file(path, 0, NULL);
  assert_non_null(j);
  json_t *bar = json_array_get(json_object_get(j, "bars"), 0);
  assert_string_equal(json_string_value(json_object_get(bar, "key")),
                      "costs.[0].per_day");
  double base = jnum(json_object_get(j, "base"), "kommune");
  double low = jnum(json_object_get(bar, "saving_low"), "kommune");
  double th = jnum(json_object_get(bar, "threshold"), "kommune");
  /* A cheap shelter turns the kommune's saving into a loss. */
  assert_true(base > 0.0 && low < 0.0);
  assert_true(th > 100.0 && th < 300.0);
  char x[64], s[64], z[64], want[1024];
  kr(x, sizeof x, base);
  kr(s, sizeof s, low);
  num6(z, sizeof z, th);
  snprintf(want, sizeof want,
           "<p class=\"headline\">Med alle antagelser som ventet sparer "
           "kommunen %s kr. pr. borger over 10 år. Hvad skal være sandt: "
           "costs.[0].per_day må ikke være så lav som 100 (besparelse %s "
           "kr.; nul ved %s) – ellers skifter kommunens resultat "
           "fortegn.</p>",
           x, s, z);
  char *html = ut_read_in(dir, "report.html");
  want_in(html, want);
  want_in(html, "<td class=\"src\">SBST &amp; co</td>");
  free(html);
  const char *sheets[] = {"Resumé", "Tornado", "Antagelser", "Kørsel"};
  want_sheets(dir, sheets, 4);
  /* Tornado!F2: the first bar's kommune saving at low, as tornado.json. */
  char *s2 = ut_xlsx_part(dir, "xl/worksheets/sheet2.xml");
  double got = ut_cell_value(s2, "F2");
  assert_true(fabs(got - low) <= 1e-9 * fabs(low));
  free(s2);
  json_decref(j);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A tornado of the test scenario with @p sets, its
 * folder written as root/@p name (into @p dir) with $RB_GNUPLOT
 * @p gnuplot and $RB_GNUPLOT_TIMEOUT @p timeout (NULL: as it is).
 * @return the writer's status; @p took its seconds. */
static rb_status tornado_dir(char *dir, size_t n, const char *name,
                             const char *const *sets, int n_sets,
                             const char *gnuplot, const char *timeout,
                             rb_chart_state *chart, rb_diag *d, double *took) {
  rb_scenario *sc = ut_load(SCENARIO, sets, n_sets);
  assert_non_null(sc);
  rb_tornado t;
  rb_tornado_opts o = {0};
  o.threads = 2;
  assert_int_equal(rb_tornado_run(&t, sc, &o), RB_OK);
  snprintf(dir, n, "%s/%s", root, name);
  rb_run_meta meta;
  meta_for(&meta, "tornado", t.replications);
  rb_diag_init(d);
  setenv("RB_GNUPLOT", gnuplot, 1);
  if (timeout != NULL) {
    setenv("RB_GNUPLOT_TIMEOUT", timeout, 1);
  }
  double t0 = now_s();
  rb_status st = rb_tornado_dir_write(chart, dir, false, &t, sc, &meta, d);
  *took = now_s() - t0;
  unsetenv("RB_GNUPLOT");
  unsetenv("RB_GNUPLOT_TIMEOUT");
  rb_tornado_free(&t);
  rb_scenario_free(sc);
  return st;
}

/* English, and no gnuplot for the report's charts: the documents are still
 * written and say why the charts are missing. */
static void test_decision_report__english_without_gnuplot(void **state) {
  (void)state;
  if (!ut_have("python3")) {
    skip();
  }
  static const char *const sets[] = {"scenario.replications=5",
                                     "scenario.language=\"en\""};
  char dir[512];
  rb_chart_state chart;
  rb_diag d;
  double took;
  assert_int_equal(tornado_dir(dir, sizeof dir, "en-tornado", sets, 2,
                               "/nonexistent/rentbridge-no-gnuplot", NULL,
                               &chart, &d, &took),
                   RB_OK);
  int notes = 0;
  for (size_t i = 0; i < d.n; i++) {
    notes += strstr(d.msgs[i], "charts not drawn, the report says so") != NULL;
  }
  assert_int_equal(notes, 1);
  rb_diag_free(&d);
  char *html = ut_read_in(dir, "report.html");
  want_in(html, "<html lang=\"en\">");
  want_in(html, "<p class=\"headline\">With every assumption as expected, "
                "the municipality saves ");
  want_in(html, "id=\"charts-missing\"");
  assert_int_equal(
      ut_count(html, "<div class=\"missing\">The chart is missing:"), 3);
  free(html);
  char *out = ut_check_html(dir);
  assert_non_null(strstr(out, "ok svg=0 "));
  free(out);
  const char *sheets[] = {"Summary", "Tornado", "Assumptions", "Run"};
  want_sheets(dir, sheets, 4);
}

/* Issue 20, item 11: one time limit for all the charts of a folder: a
 * tornado (three charts of its own and three in its report) with a
 * gnuplot that hangs waits RB_GNUPLOT_TIMEOUT once, not six times; its
 * report says why the charts are missing, and no SVG is left. */
static void test_decision_report__one_time_limit_for_all_charts(void **state) {
  (void)state;
  static const char *const sets[] = {"scenario.replications=5"};
  char dir[512];
  rb_chart_state chart;
  rb_diag d;
  double took;
  assert_int_equal(tornado_dir(dir, sizeof dir, "hang-tornado", sets, 1,
                               "tests/data/report/hanging-gnuplot.sh", "1",
                               &chart, &d, &took),
                   RB_OK);
  rb_diag_free(&d);
  assert_int_equal(chart, RB_CHART_FAILED);
  if (took > 4.0) {
    fail_msg("the tornado waited %.1f s for a hanging gnuplot (limit 1 s)",
             took);
  }
  char *html = ut_read_in(dir, "report.html");
  want_in(html, "gnuplot blev stoppet: tidsgrænsen på 1 s for alle "
                "diagrammerne (RB_GNUPLOT_TIMEOUT)");
  free(html);
  assert_false(ut_file_exists(dir, "tornado-kommune.svg"));
  assert_false(ut_file_exists(dir, "charts/tornado.svg"));
}

/* The command line writes the report and never fails over it. */
static void test_decision_report__cli(void **state) {
  (void)state;
  const char *bin = getenv("RB_BIN");
  if (bin == NULL) {
    bin = "build/rentbridge";
  }
  if (access(bin, X_OK) != 0) {
    skip();
  }
  char cmd[4096];
  snprintf(cmd, sizeof cmd,
           "RB_GNUPLOT=/nonexistent/rentbridge-no-gnuplot %s sweep %s "
           "--param subsidy.cap --from 1000 --to 2000 --step 1000 "
           "--replications 5 --out %s/cli-sweep --quiet 2>/dev/null",
           bin, SCENARIO, root);
  int rc = system(cmd);
  assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
  char dir[512];
  snprintf(dir, sizeof dir, "%s/cli-sweep", root);
  assert_true(ut_file_exists(dir, "report.html"));
  assert_true(ut_file_exists(dir, "workbook.xlsx"));
  char *html = ut_read_in(dir, "report.html");
  want_in(html, "Bedste loft for kommunen: ");
  want_in(html, "id=\"charts-missing\"");
  want_in(html, "rentbridge sweep " SCENARIO " --param subsidy.cap");
  free(html);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decision_report__sweep_headline_known),
      cmocka_unit_test(test_decision_report__sweep_headline_stretches),
      cmocka_unit_test(test_decision_report__tornado_headline_known),
      cmocka_unit_test(test_decision_report__tornado_headline_loss),
      cmocka_unit_test(test_decision_report__sweep_folder),
      cmocka_unit_test(test_decision_report__tornado_folder),
      cmocka_unit_test(test_decision_report__english_without_gnuplot),
      cmocka_unit_test(test_decision_report__one_time_limit_for_all_charts),
      cmocka_unit_test(test_decision_report__cli),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
