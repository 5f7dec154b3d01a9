/* The command-line program: exit statuses, help, the results folder's
 * life cycle (kept, replaced, never damaged: not under a file-size limit,
 * not by --force on a folder that is not rentbridge's, not by an
 * interrupt), the checks made before the work starts, and that a results
 * folder's scenario.cfg reruns to the same numbers. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"

/* Run "rentbridge ARGS" with output to files; return the exit status. */
static int rb(const char *args) {
  size_t n = strlen(args) + 2 * strlen(ut_tmp) + 512;
  char *cmd = malloc(n);
  assert_non_null(cmd);
  snprintf(cmd, n, "%s %s >%s/out.txt 2>%s/err.txt", ut_bin(), args, ut_tmp,
           ut_tmp);
  int rc = system(cmd);
  free(cmd);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *tmp_file(const char *name) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", ut_tmp, name);
  return path;
}

/* Does stdout of the last command hold @p text? */
static void want_out(const char *text) {
  ut_file_has(ut_tmp, "out.txt", text);
}

/* Does stderr of the last command hold @p text? */
static void want_err(const char *text) {
  ut_file_has(ut_tmp, "err.txt", text);
}

/* A command line and the exit status it must end with. */
typedef struct exit_case {
  const char *args;
  int status;
} exit_case;

/* Each of the @p n @p cases ends with its exit status, in order. */
static void want_exits(const exit_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int got = rb(cases[i].args);
    if (got != cases[i].status) {
      fail_msg("rentbridge %s: exit %d, expected %d", cases[i].args, got,
               cases[i].status);
    }
  }
}

/* "rentbridge ARGS" exits with @p status and prints @p text (NULL: not
 * checked) to stdout. */
static void rb_says(const char *args, int status, const char *text) {
  assert_int_equal(rb(args), status);
  if (text != NULL) {
    want_out(text);
  }
}

static void test_cli__help_and_version(void **state) {
  (void)state;
  rb_says("--version", 0, "rentbridge ");
  rb_says("--help", 0, NULL);
  const char *cmds[] = {"run",   "check",   "subsidy",
                        "sweep", "tornado", "waivers"};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    char a[64];
    snprintf(a, sizeof a, "%s --help", cmds[i]);
    rb_says(a, 0, "usage: rentbridge");
  }
}

/* Issue 11: `rentbridge waivers` writes the run's folder with the waivers'
 * files, and its report and workbook with the tables of the arms and of
 * the waivers. */
static void test_cli__waivers_folder(void **state) {
  (void)state;
  char args[1024];
  snprintf(args, sizeof args,
           "waivers tests/data/ok/schemes.cfg --replications 10 --quiet "
           "--threads 2 --out %s",
           tmp_file("w"));
  assert_int_equal(rb(args), 0);
  const char *dir = tmp_file("w");
  static const char *const files[] = {"waivers.csv", "waivers.json",
                                      "summary.txt", "summary.json",
                                      "report.html", "workbook.xlsx"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    assert_true(ut_file_exists(dir, files[i]));
  }
  ut_file_has(dir, "waivers.csv", "experiment,experiment,offset,priced,");
  ut_file_has(dir, "waivers.csv", "kontanthjaelpsloft,abolished,");
  ut_file_has(dir, "report.html", "id=\"waivers\"");
  ut_file_has(dir, "report.html", "id=\"arms\"");
}

static void test_cli__usage_errors(void **state) {
  (void)state;
  static const exit_case cases[] = {
      {"", 2},
      {"frobnicate", 2},
      {"run", 2},
      {"run scenarios/example.cfg --replications 0", 2},
      {"run scenarios/example.cfg --replications 1000001", 2},
      {"run scenarios/example.cfg --threads 1025", 2},
      {"run scenarios/example.cfg --threads x", 2},
      {"run scenarios/example.cfg --seed -1", 2},
      {"run scenarios/example.cfg --seed 9223372036854775808", 2},
      {"run scenarios/example.cfg --bogus", 2},
  };
  want_exits(cases, sizeof cases / sizeof cases[0]);
}

/* getopt_long's forms: "--name=VALUE", options before the scenario, "--"
 * before it; whole names only; a missing value or a second scenario is a
 * usage error; help wins in check wherever it stands. */
static void test_cli__command_line_forms(void **state) {
  (void)state;
  static const exit_case cases[] = {
      {"check --set=subsidy.cap=-5 scenarios/example.cfg", 3},
      {"check -- scenarios/example.cfg", 0},
      {"check scenarios/example.cfg --set", 2},
      {"check scenarios/example.cfg scenarios/bench.cfg", 2},
      {"check scenarios/example.cfg --se x=1", 2},
      {"check --bogus --help", 0},
      {"run scenarios/example.cfg --rep 5", 2},
      {"run scenarios/example.cfg -", 2},
      {"run scenarios/example.cfg --replications", 2},
  };
  want_exits(cases, sizeof cases / sizeof cases[0]);
  want_err("(got nothing)");
  assert_int_equal(rb("run scenarios/example.cfg --out"), 2);
  assert_int_equal(rb("sweep scenarios/example.cfg --param subsidy.cap "
                      "--from 0 --to 1 --step"),
                   2);
  char args[1024];
  snprintf(args, sizeof args,
           "run --quiet --replications=5 --out=%s/forms -- "
           "scenarios/example.cfg",
           ut_tmp);
  assert_int_equal(rb(args), 0);
  snprintf(args, sizeof args, "%s/forms", ut_tmp);
  ut_file_has(args, "summary.json", "\"replications\": 5");
}

static void test_cli__unreadable_and_invalid(void **state) {
  (void)state;
  assert_int_equal(rb("check /nonexistent/scenario.cfg"), 4);
  assert_int_equal(rb("run /nonexistent/scenario.cfg --quiet"), 4);
  assert_int_equal(rb("check scenarios/example.cfg --set subsidy.cap=-5"), 3);
  want_err("subsidy.cap");
  assert_int_equal(rb("check scenarios/example.cfg"), 0);
  ut_file_is(ut_tmp, "out.txt", "");
}

static void test_cli__results_folder_life_cycle(void **state) {
  (void)state;
  char args[1024], p1[600], p2[600];
  const char *dir = tmp_file("res");
  char d[512];
  snprintf(d, sizeof d, "%s", dir);
  snprintf(args, sizeof args,
           "run scenarios/example.cfg --replications 20 --out %s --quiet", d);
  assert_int_equal(rb(args), 0);
  const char *files[] = {"summary.json",   "summary.csv",  "items.csv",
                         "yearly.csv",     "monthly.csv",  "outcomes.csv",
                         "parameters.csv", "scenario.cfg", "rules.cfg",
                         "manifest.json"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    struct stat sb;
    snprintf(p1, sizeof p1, "%s/%s", d, files[i]);
    if (stat(p1, &sb) != 0) {
      fail_msg("missing %s", p1);
    }
  }
  snprintf(p1, sizeof p1, "%s/summary.json", d);
  char *first = ut_slurp(p1);
  /* A second run keeps the first as <dir>.1. */
  snprintf(
      args, sizeof args,
      "run scenarios/example.cfg --replications 20 --seed 5 --out %s --quiet",
      d);
  assert_int_equal(rb(args), 0);
  snprintf(p2, sizeof p2, "%s.1/summary.json", d);
  char *kept = ut_slurp(p2);
  assert_non_null(kept);
  assert_string_equal(first, kept);
  /* An invalid scenario writes nothing and damages nothing. */
  char *before = ut_slurp(p1);
  snprintf(args, sizeof args,
           "run scenarios/example.cfg --set subsidy.cap=-1 --out %s --quiet",
           d);
  assert_int_equal(rb(args), 3);
  char *after = ut_slurp(p1);
  assert_string_equal(before, after);
  snprintf(p2, sizeof p2, "%s.2", d);
  struct stat sb;
  assert_int_not_equal(stat(p2, &sb), 0);
  /* --force replaces without keeping. */
  snprintf(
      args, sizeof args,
      "run scenarios/example.cfg --replications 20 --out %s --quiet --force",
      d);
  assert_int_equal(rb(args), 0);
  assert_int_not_equal(stat(p2, &sb), 0);
  char *forced = ut_slurp(p1);
  assert_string_equal(forced, first);
  free(first);
  free(kept);
  free(before);
  free(after);
  free(forced);
}

static void test_cli__resolved_scenario_reruns(void **state) {
  (void)state;
  /* scenario.cfg of a results folder (with --set and --seed applied) runs
   * again to byte-identical numbers. */
  char args[1024], a[600], b[600];
  snprintf(args, sizeof args,
           "run " UT_BENCH " --replications 30 --seed 99 "
           "--set subsidy.cap=2500 --out %s/r1 --quiet",
           ut_tmp);
  assert_int_equal(rb(args), 0);
  snprintf(args, sizeof args, "run %s/r1/scenario.cfg --out %s/r2 --quiet",
           ut_tmp, ut_tmp);
  assert_int_equal(rb(args), 0);
  const char *files[] = {"summary.json",   "summary.csv", "items.csv",
                         "yearly.csv",     "monthly.csv", "outcomes.csv",
                         "parameters.csv", "scenario.cfg"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    snprintf(a, sizeof a, "%s/r1/%s", ut_tmp, files[i]);
    snprintf(b, sizeof b, "%s/r2/%s", ut_tmp, files[i]);
    char *x = ut_slurp(a), *y = ut_slurp(b);
    assert_non_null(x);
    assert_non_null(y);
    if (strcmp(files[i], "parameters.csv") != 0 && strcmp(x, y) != 0) {
      fail_msg("%s differs on rerun", files[i]);
    }
    free(x);
    free(y);
  }
  /* summary.json: the contract's keys. */
  snprintf(a, sizeof a, "%s/r1/summary.json", ut_tmp);
  json_error_t e;
  json_t *j = json_load_file(a, 0, &e);
  assert_non_null(j);
  assert_int_equal(json_integer_value(json_object_get(j, "seed")), 99);
  assert_int_equal(json_integer_value(json_object_get(j, "replications")), 30);
  assert_int_equal(json_integer_value(json_object_get(j, "cohort_size")), 100);
  json_t *s = json_object_get(
      json_object_get(json_object_get(j, "perspectives"), "public"), "saving");
  assert_non_null(json_object_get(s, "mcse"));
  assert_non_null(json_object_get(s, "prob_positive"));
  assert_non_null(
      json_object_get(json_object_get(j, "groups"), "homeless_ready"));
  json_decref(j);
}

/* ---- helpers for the tests of issue 20 ---------------------------------- */

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Start "sh -c CMD" with stdout and stderr into ut_tmp's out.txt and
 * err.txt, under a file-size limit of @p fsize bytes (0: none) with
 * SIGXFSZ ignored, so that a write past the limit fails with EFBIG. */
static pid_t spawn(const char *cmd, long fsize) {
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int out = open(tmp_file("out.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int err = open(tmp_file("err.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    if (fsize > 0) {
      struct rlimit rl = {(rlim_t)fsize, (rlim_t)fsize};
      signal(SIGXFSZ, SIG_IGN);
      setrlimit(RLIMIT_FSIZE, &rl);
    }
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
  }
  return pid;
}

/* "rentbridge ARGS" under a file-size limit: its exit status. */
static int rb_limited(long fsize, const char *args) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "exec %s %s", ut_bin(), args);
  return ut_reap(spawn(cmd, fsize));
}

/* Does @p parent hold a name with @p part in it? */
static bool has_entry(const char *parent, const char *part) {
  DIR *d = opendir(parent);
  assert_non_null(d);
  bool found = false;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    found = found || strstr(e->d_name, part) != NULL;
  }
  closedir(d);
  return found;
}

static bool exists(const char *path) {
  struct stat sb;
  return lstat(path, &sb) == 0;
}

/* ---- the tests ----------------------------------------------------------- */

static void test_cli__hanging_gnuplot_is_stopped(void **state) {
  (void)state;
  /* A gnuplot that never finishes is stopped at the time limit, which is
   * one for all the charts of a run: a psa run (3 histograms and the
   * report's 7 charts) waits 2 s, not 10 × 2 s.  The run still succeeds
   * and its report says why the charts are missing. */
  char args[1024], p[600];
  snprintf(args, sizeof args,
           "run tests/data/decision/psa.cfg --replications 20 --out %s/hang "
           "--quiet",
           ut_tmp);
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "RB_GNUPLOT=\"$PWD/tests/data/report/hanging-gnuplot.sh\" "
           "RB_GNUPLOT_TIMEOUT=2 %s %s >%s/out.txt 2>%s/err.txt",
           ut_bin(), args, ut_tmp, ut_tmp);
  double t0 = now_s();
  int rc = system(cmd);
  double took = now_s() - t0;
  assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
  if (took > 6.0) {
    fail_msg("the run waited %.1f s for a hanging gnuplot (limit 2 s)", took);
  }
  snprintf(p, sizeof p, "%s/hang/report.html", ut_tmp);
  char *html = ut_slurp(p);
  assert_non_null(html);
  assert_non_null(strstr(html, "gnuplot was stopped: the time limit of 2 s "
                               "for all the charts (RB_GNUPLOT_TIMEOUT)"));
  free(html);
  want_err("gnuplot was stopped: the time limit of 2 s for all the charts");
  /* No SVG is left half written. */
  snprintf(p, sizeof p, "%s/hang/charts/psa_saving_kommune.svg", ut_tmp);
  assert_false(exists(p));
}

/* Issue 20, item 4: a file that cannot be written completely (here: a
 * file-size limit) fails the run with exit 4; nothing is put in place, the
 * earlier folder stays where it was and no temporary folder is left. */
static void test_cli__write_error_keeps_earlier_folder(void **state) {
  (void)state;
  char d[512], args[1024], p[700];
  snprintf(d, sizeof d, "%s/limited", ut_tmp);
  snprintf(args, sizeof args,
           "run scenarios/example.cfg --replications 20 --out %s --quiet", d);
  assert_int_equal(rb(args), 0);
  snprintf(p, sizeof p, "%s/report.html", d);
  char *before = ut_slurp(p);
  assert_non_null(before);
  /* Every file is smaller than 64 kB but report.html (about 230 kB). */
  static const long limits[] = {4096, 65536, 200000};
  for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
    snprintf(args, sizeof args,
             "run scenarios/example.cfg --replications 20 --seed 5 --out %s "
             "--quiet",
             d);
    assert_int_equal(rb_limited(limits[i], args), 4);
    want_err("nothing was put in place");
    char *now = ut_slurp(p);
    assert_non_null(now);
    assert_string_equal(now, before);
    free(now);
    snprintf(p, sizeof p, "%s.1", d);
    assert_false(exists(p));
    assert_false(has_entry(ut_tmp, ".limited.tmp-"));
    snprintf(p, sizeof p, "%s/report.html", d);
  }
  /* 600 months: the workbook's monthly sheet (about 680 kB) is larger than
   * report.html; libxlsxwriter cuts it short without an error, the
   * workbook is read back and the run fails. */
  snprintf(args, sizeof args,
           "run scenarios/example.cfg --replications 5 --set "
           "scenario.horizon_months=600 --out %s --quiet",
           d);
  assert_int_equal(rb_limited(620000, args), 4);
  want_err("workbook.xlsx: not written completely: the part "
           "xl/worksheets/sheet4.xml is cut short");
  char *now = ut_slurp(p);
  assert_string_equal(now, before);
  free(now);
  /* With room enough it is written, and the earlier one kept as .1. */
  assert_int_equal(rb_limited(8L << 20, args), 0);
  snprintf(p, sizeof p, "%s.1/report.html", d);
  now = ut_slurp(p);
  assert_non_null(now);
  assert_string_equal(now, before);
  free(now);
  free(before);
}

/* "rentbridge CMD SCENARIO --replications 5 --out OUT --quiet EXTRA"
 * (CMD "run" or "tornado", the example scenario): its exit status. */
static int rb_into(const char *cmd, const char *out, const char *extra) {
  char args[1024];
  snprintf(args, sizeof args,
           "%s scenarios/example.cfg --replications 5 --out %s --quiet%s", cmd,
           out, extra);
  return rb(args);
}

/* Issue 20, item 5: only a rentbridge results folder (its manifest.json
 * says engine "rentbridge") is replaced or kept aside; anything else is
 * refused with exit 4, before the run, and left as it is. */
static void test_cli__force_only_replaces_results_folders(void **state) {
  (void)state;
  char other[512], p[700], kept[600];
  snprintf(other, sizeof other, "%s/unrelated", ut_tmp);
  assert_int_equal(mkdir(other, 0777), 0);
  snprintf(p, sizeof p, "%s/thesis.txt", other);
  ut_put_file(p, "years of work\n", false);
  snprintf(kept, sizeof kept, "%s.1", other);
  const char *modes[] = {" --force", ""};
  for (int m = 0; m < 2; m++) {
    assert_int_equal(rb_into("run", other, modes[m]), 4);
    want_err("exists and is not a rentbridge results folder");
    char *text = ut_slurp(p);
    assert_non_null(text);
    assert_string_equal(text, "years of work\n");
    free(text);
    assert_false(exists(kept));
  }
  /* A manifest.json of another program is not rentbridge's. */
  snprintf(p, sizeof p, "%s/manifest.json", other);
  ut_put_file(p, "{\"engine\": \"other\"}\n", false);
  assert_int_equal(rb_into("run", other, " --force"), 4);
  assert_true(exists(p));
  /* A file, and a link to a results folder, are not folders to replace. */
  char file[512], res[512], link[512];
  snprintf(file, sizeof file, "%s/a-file", ut_tmp);
  ut_put_file(file, "x\n", false);
  assert_int_equal(rb_into("tornado", file, " --force"), 4);
  want_err("exists and is not a folder");
  snprintf(res, sizeof res, "%s/real-results", ut_tmp);
  assert_int_equal(rb_into("run", res, ""), 0);
  snprintf(link, sizeof link, "%s/linked", ut_tmp);
  assert_int_equal(symlink(res, link), 0);
  assert_int_equal(rb_into("run", link, " --force"), 4);
  assert_true(ut_file_exists(res, "manifest.json"));
  /* An empty folder is simply filled. */
  char empty[512];
  snprintf(empty, sizeof empty, "%s/empty", ut_tmp);
  assert_int_equal(mkdir(empty, 0777), 0);
  assert_int_equal(rb_into("run", empty, ""), 0);
  assert_true(ut_file_exists(empty, "manifest.json"));
}

/* Wait until @p path holds something (at most 20 s). */
static void wait_for_file(const char *path) {
  for (int i = 0; i < 2000; i++) {
    struct stat sb;
    if (stat(path, &sb) == 0 && sb.st_size > 0) {
      return;
    }
    struct timespec pause = {0, 10000000};
    nanosleep(&pause, NULL);
  }
  fail_msg("%s never appeared", path);
}

/* Interrupt @p command (a run or a sweep into ut_tmp/@p name) with @p sig
 * while its gnuplot hangs: it ends by that signal, its temporary folder
 * is gone, gnuplot is stopped and the earlier folder is as it was. */
static void interrupt_while_drawing(const char *command, const char *name,
                                    int sig) {
  char script[512], pidfile[512], d[512], cmd[4096], p[700];
  snprintf(pidfile, sizeof pidfile, "%s/%s-gnuplot.pid", ut_tmp, name);
  snprintf(script, sizeof script, "%s/%s-gnuplot.sh", ut_tmp, name);
  char text[1024];
  snprintf(text, sizeof text, "#!/bin/sh\necho $$ >>%s\nexec sleep 60\n",
           pidfile);
  ut_put_file(script, text, true);
  snprintf(d, sizeof d, "%s/%s", ut_tmp, name);
  snprintf(cmd, sizeof cmd, "exec %s %s --replications 5 --out %s --quiet",
           ut_bin(), command, d);
  assert_int_equal(ut_reap(spawn(cmd, 0)), 0);
  snprintf(p, sizeof p, "%s/manifest.json", d);
  char *before = ut_slurp(p);
  snprintf(cmd, sizeof cmd,
           "RB_GNUPLOT=%s RB_GNUPLOT_TIMEOUT=60 exec %s %s --replications 5 "
           "--out %s --quiet",
           script, ut_bin(), command, d);
  pid_t pid = spawn(cmd, 0);
  wait_for_file(pidfile);
  assert_int_equal(kill(pid, sig), 0);
  assert_int_equal(ut_reap(pid), 128 + sig);
  char tmpname[300];
  snprintf(tmpname, sizeof tmpname, ".%s.tmp-", name);
  assert_false(has_entry(ut_tmp, tmpname));
  char *gp = ut_slurp(pidfile);
  pid_t gpid = (pid_t)strtol(gp, NULL, 10);
  free(gp);
  assert_true(gpid > 0);
  if (kill(gpid, 0) == 0) {
    kill(gpid, SIGKILL);
    fail_msg("gnuplot (pid %d) was left running", (int)gpid);
  }
  char *after = ut_slurp(p);
  assert_non_null(after);
  assert_string_equal(before, after);
  snprintf(p, sizeof p, "%s.1", d);
  assert_false(exists(p));
  free(before);
  free(after);
}

/* Issue 20, item 7: SIGTERM and SIGINT while the charts are drawn. */
static void test_cli__interrupt_leaves_nothing(void **state) {
  (void)state;
  interrupt_while_drawing("run scenarios/example.cfg", "int-run", SIGTERM);
  interrupt_while_drawing("sweep scenarios/example.cfg --param subsidy.cap "
                          "--from 1000 --to 2000 --step 1000",
                          "int-sweep", SIGINT);
}

/* Issue 20, item 7: the temporary folder of a run that was killed is
 * removed by the next run beside it; a live process's is not. */
static void test_cli__stale_temporary_folders_removed(void **state) {
  (void)state;
  pid_t dead = fork();
  assert_true(dead >= 0);
  if (dead == 0) {
    _exit(0);
  }
  assert_int_equal(ut_reap(dead), 0);
  char stale[512], live[512], p[700];
  snprintf(stale, sizeof stale, "%s/.stale.tmp-%d", ut_tmp, (int)dead);
  snprintf(live, sizeof live, "%s/.stale.tmp-%d", ut_tmp, (int)getpid());
  assert_int_equal(mkdir(stale, 0777), 0);
  assert_int_equal(mkdir(live, 0777), 0);
  snprintf(p, sizeof p, "%s/report.html", stale);
  ut_put_file(p, "<html>half", false);
  snprintf(p, sizeof p, "%s/stale", ut_tmp);
  assert_int_equal(rb_into("run", p, ""), 0);
  assert_false(exists(stale));
  assert_true(exists(live));
  assert_int_equal(rmdir(live), 0);
}

/* Issue 20, item 12: the results folder is checked before the work
 * starts; a trailing slash is fine. */
static void test_cli__out_checked_before_the_work(void **state) {
  (void)state;
  char args[1024], p[700];
  snprintf(p, sizeof p, "%s/slash/", ut_tmp);
  assert_int_equal(rb_into("run", p, ""), 0);
  snprintf(p, sizeof p, "%s/slash", ut_tmp);
  assert_true(ut_file_exists(p, "manifest.json"));
  assert_false(has_entry(ut_tmp, ".slash"));
  /* Under a file: the folder cannot be made.  The run says so at once. */
  char file[512];
  snprintf(file, sizeof file, "%s/plain-file", ut_tmp);
  ut_put_file(file, "x\n", false);
  static const char *const cmds[] = {
      "run scenarios/example.cfg", "tornado scenarios/example.cfg",
      "sweep scenarios/example.cfg --param subsidy.cap --from 0 --to 3000 "
      "--step 1000"};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    snprintf(args, sizeof args, "%s --out %s/sub --quiet", cmds[i], file);
    assert_int_equal(rb(args), 4);
    want_err("is not a folder, so");
    want_err("nothing was computed");
  }
  static const char *const bad[] = {"\"\"", ".", "..", "/", "x/.."};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    snprintf(args, sizeof args, "run scenarios/example.cfg --out %s --quiet",
             bad[i]);
    assert_int_equal(rb(args), 4);
    want_err("is not a name for a results folder");
  }
  /* A folder that cannot be written into (a read-only place). */
  char ro[512];
  snprintf(ro, sizeof ro, "%s/read-only", ut_tmp);
  assert_int_equal(mkdir(ro, 0555), 0);
  snprintf(p, sizeof p, "%s/probe", ro);
  if (mkdir(p, 0777) == 0) {
    /* root writes anywhere: take a read-only file system if there is one */
    rmdir(p);
    snprintf(ro, sizeof ro, "/sys");
    snprintf(p, sizeof p, "/sys/.rentbridge-test-probe");
    if (mkdir(p, 0777) == 0) {
      rmdir(p);
      return;
    }
  }
  snprintf(args, sizeof args,
           "run scenarios/example.cfg --out %s/results --quiet", ro);
  assert_int_equal(rb(args), 4);
  want_err("cannot write the results folder");
  want_err("nothing was computed");
}

/* Issue 20, item 14: numbers of options are digits only (no spaces, no
 * sign; --from, --to and --step plain decimals). */
static void test_cli__numbers_are_strict(void **state) {
  (void)state;
  static const char *const bad[] = {
      "run scenarios/example.cfg --replications \" 5\"",
      "run scenarios/example.cfg --replications \"5 \"",
      "run scenarios/example.cfg --replications +5",
      "run scenarios/example.cfg --seed \" 7\"",
      "run scenarios/example.cfg --threads \"\t2\"",
      "sweep scenarios/example.cfg --param subsidy.cap --from \" 0\" --to 1 "
      "--step 1",
      "sweep scenarios/example.cfg --param subsidy.cap --from 0 --to 0x10 "
      "--step 1",
      "sweep scenarios/example.cfg --param subsidy.cap --from 0 --to 10 "
      "--step +1",
      "sweep scenarios/example.cfg --param subsidy.cap --from 0 --to 10 "
      "--step 1e",
      "sweep scenarios/example.cfg --param subsidy.cap --from nan --to 10 "
      "--step 1"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    if (rb(bad[i]) != 2) {
      fail_msg("accepted: %s", bad[i]);
    }
  }
  char args[1024];
  snprintf(args, sizeof args,
           "sweep scenarios/example.cfg --param subsidy.cap --from -0 --to "
           "2.5e3 --step 1.25E3 --replications 5 --out %s/plain --quiet",
           ut_tmp);
  assert_int_equal(rb(args), 0);
}

/* Issue 20, item 14: manifest.json keeps the whole command line however
 * long; the workbook's cell (at most 32,767 characters) says where it is
 * cut. */
static void test_cli__long_command_line_kept_whole(void **state) {
  (void)state;
  enum { REPEATS = 1500 };
  static const char set[] = " --set subsidy.cap=2500";
  size_t n = 4096 + REPEATS * (sizeof set - 1);
  char *args = malloc(n);
  assert_non_null(args);
  int k = snprintf(args, n,
                   "run scenarios/example.cfg --replications 5 --out %s/long "
                   "--quiet",
                   ut_tmp);
  for (int i = 0; i < REPEATS; i++) {
    memcpy(args + k, set, sizeof set);
    k += (int)sizeof set - 1;
  }
  assert_int_equal(rb(args), 0);
  char path[600];
  snprintf(path, sizeof path, "%s/long/manifest.json", ut_tmp);
  json_t *j = json_load_file(path, 0, NULL);
  assert_non_null(j);
  const char *line = json_string_value(json_object_get(j, "command_line"));
  assert_non_null(line);
  char want[512];
  snprintf(want, sizeof want,
           "rentbridge run scenarios/example.cfg --replications 5 --out "
           "%s/long --quiet",
           ut_tmp);
  assert_int_equal(strlen(line), strlen(want) + REPEATS * (sizeof set - 1));
  assert_memory_equal(line, want, strlen(want));
  assert_string_equal(line + strlen(line) - (sizeof set - 1), set);
  json_decref(j);
  free(args);
  if (ut_have("python3")) {
    snprintf(path, sizeof path, "%s/long", ut_tmp);
    char *ss = ut_xlsx_part(path, "xl/sharedStrings.xml");
    assert_non_null(strstr(ss, "(cut here; the whole command line is in "
                               "manifest.json)"));
    free(ss);
  }
}

/* Issue 20, item 14: a relative RB_GNUPLOT is the program beside the
 * current folder, not beside charts/. */
static void test_cli__relative_gnuplot_program(void **state) {
  (void)state;
  if (!ut_have("gnuplot")) {
    skip();
  }
  char cwd[1024], work[600], p[700], cmd[4096];
  assert_non_null(getcwd(cwd, sizeof cwd));
  snprintf(work, sizeof work, "%s/relative", ut_tmp);
  assert_int_equal(mkdir(work, 0777), 0);
  snprintf(p, sizeof p, "%s/my-gnuplot", work);
  ut_put_file(p, "#!/bin/sh\nexec gnuplot \"$@\"\n", true);
  const char *b = ut_bin();
  snprintf(cmd, sizeof cmd,
           "cd %s && RB_GNUPLOT=./my-gnuplot %s%s%s run %s/scenarios/"
           "example.cfg --replications 5 --out res --quiet "
           ">%s/out.txt 2>%s/err.txt",
           work, b[0] == '/' ? "" : cwd, b[0] == '/' ? "" : "/", b, cwd, ut_tmp,
           ut_tmp);
  int rc = system(cmd);
  assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
  snprintf(p, sizeof p, "%s/res", work);
  assert_true(ut_file_exists(p, "charts/items.svg"));
  char *html = ut_read_in(p, "report.html");
  assert_null(strstr(html, "id=\"charts-missing\""));
  free(html);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cli__help_and_version),
      cmocka_unit_test(test_cli__usage_errors),
      cmocka_unit_test(test_cli__waivers_folder),
      cmocka_unit_test(test_cli__command_line_forms),
      cmocka_unit_test(test_cli__unreadable_and_invalid),
      cmocka_unit_test(test_cli__results_folder_life_cycle),
      cmocka_unit_test(test_cli__resolved_scenario_reruns),
      cmocka_unit_test(test_cli__hanging_gnuplot_is_stopped),
      cmocka_unit_test(test_cli__write_error_keeps_earlier_folder),
      cmocka_unit_test(test_cli__force_only_replaces_results_folders),
      cmocka_unit_test(test_cli__interrupt_leaves_nothing),
      cmocka_unit_test(test_cli__stale_temporary_folders_removed),
      cmocka_unit_test(test_cli__out_checked_before_the_work),
      cmocka_unit_test(test_cli__numbers_are_strict),
      cmocka_unit_test(test_cli__long_command_line_kept_whole),
      cmocka_unit_test(test_cli__relative_gnuplot_program),
  };
  return cmocka_run_group_tests(tests, ut_tmp_setup, ut_tmp_teardown);
}
