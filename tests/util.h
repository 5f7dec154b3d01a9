/* The helpers every test program shares (tests/util.c): loading and running
 * a scenario, comparing numbers, reading files, running a command, the
 * python3 checkers tests/check_html.py and tests/xlsx_part.py, and temporary
 * folders. */
#ifndef RENTBRIDGE_TEST_UTIL_H
#define RENTBRIDGE_TEST_UTIL_H

#include "rentbridge/engine.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>

/** The benchmark scenario of the tests: scenarios/bench.cfg with the test
 * rules (tests/data/rules-test.cfg), so that editing the user-facing
 * scenario does not move a test. */
#define UT_BENCH "tests/data/ok/bench.cfg"

/** Load @p path with --set overrides; NULL (problems on stderr) if invalid. */
rb_scenario *ut_load(const char *path, const char *const *sets, int n_sets);

/** Run with @p threads threads; 0 on success. */
int ut_run(rb_results *out, const rb_scenario *sc, int threads);

/** Load @p path (a one-group scenario) with no way out of placed or a flat
 * but an offer (every other event of group 0 at 0) over 36 months, then
 * the @p n_more (at most 12) overrides @p more. */
rb_scenario *ut_load_quiet(const char *path, const char *const *more,
                           int n_more);

/** The index of the parameter @p key of @p sc (fails the test when there
 * is none). */
int ut_param_index(const rb_scenario *sc, const char *key);

/** Fail unless |@p x − @p want| ≤ @p k · @p mcse, naming @p what. */
void ut_check_mcse(const char *what, double x, double want, double mcse,
                   double k);

/** Fail unless |a − b| ≤ eps (cmocka 1.1 has no double comparison). */
#define UT_NEAR(a, b, eps)                                                     \
  do {                                                                         \
    double ut_a_ = (a), ut_b_ = (b);                                           \
    if (!(fabs(ut_a_ - ut_b_) <= (eps))) {                                     \
      fail_msg("%s = %.17g, expected %.17g (± %g)", #a, ut_a_, ut_b_,          \
               (double)(eps));                                                 \
    }                                                                          \
  } while (0)

/** Fail unless @p got == @p want exactly (infinities included), both in
 * the message. */
#define assert_dbl(got, want)                                                  \
  do {                                                                         \
    double ut_g_ = (got), ut_w_ = (want);                                      \
    if (!(ut_g_ == ut_w_)) {                                                   \
      fail_msg("%s is %.17g, expected %.17g", #got, ut_g_, ut_w_);             \
    }                                                                          \
  } while (0)

/** The command-line program under test: $RB_BIN (tools/run-tests.sh sets
 * it to the build's), else build/rentbridge. */
const char *ut_bin(void);

/** The whole file @p path as a string (caller frees); NULL if unreadable. */
char *ut_slurp(const char *path);

/** The whole of @p path (free it); the test fails when it cannot be read. */
char *ut_read_text(const char *path);

/** @p text with the first @p old replaced by @p repl, newly allocated; the
 * test fails when @p old is absent. */
char *ut_subst(const char *text, const char *old, const char *repl);

/** @p text with each of @p n pairs (old, new) of @p pairs replaced in turn
 * by ut_subst(), newly allocated. */
char *ut_subst_pairs(const char *text, const char *const *pairs, int n);

/** The whole file @p dir/@p name (caller frees); fails the test if absent. */
char *ut_read_in(const char *dir, const char *name);

/** Does @p dir/@p name exist and hold something? */
bool ut_file_exists(const char *dir, const char *name);

/**
 * The whole standard output of @p cmd (caller frees), run by the shell
 * (no shell metacharacters in what the tests pass); its wait status in
 * *status when @p status is not NULL.
 */
char *ut_run_cmd(const char *cmd, int *status);

/** Is @p prog on PATH? */
bool ut_have(const char *prog);

/** How often @p needle stands in @p hay (overlaps counted). */
int ut_count(const char *hay, const char *needle);

/**
 * tests/check_html.py on @p dir/report.html: its output (caller frees);
 * fails the test, after printing the output, unless it passes.
 */
char *ut_check_html(const char *dir);

/** A member of @p dir/workbook.xlsx by tests/xlsx_part.py ("--list" for
 * the member names): its text (caller frees); fails the test on error. */
char *ut_xlsx_part(const char *dir, const char *member);

/** The value of cell @p ref ("B7") in a sheet's XML, NAN when absent. */
double ut_cell_value(const char *xml, const char *ref);

/** A new empty folder /tmp/rentbridge-@p tag-XXXXXX: its name (caller
 * frees), or NULL on error. */
char *ut_mkdtemp(const char *tag);

/** Remove the folder @p root and all in it, unless RB_KEEP_TEST_OUTPUT is
 * set (to look at what a test wrote). */
void ut_rm_tree(const char *root);

/** The temporary folder of a whole test program, from ut_tmp_setup to
 * ut_tmp_teardown (NULL outside). */
extern char *ut_tmp;

/** cmocka group setup: make ut_tmp, /tmp/rentbridge-PROGRAM-XXXXXX. */
int ut_tmp_setup(void **state);

/** cmocka group teardown: remove ut_tmp (see ut_rm_tree). */
int ut_tmp_teardown(void **state);

/** Fail unless @p hay holds @p want, printing what is missing. */
void ut_has(const char *hay, const char *want);

/** Fail unless the file @p dir/@p name holds @p want (the file's text in
 * the message). */
void ut_file_has(const char *dir, const char *name, const char *want);

/** Fail unless the file @p dir/@p name is @p want byte for byte. */
void ut_file_is(const char *dir, const char *name, const char *want);

/** The JSON file @p dir/@p name (caller frees with json_decref); fails the
 * test if it is absent or not JSON. */
json_t *ut_json_in(const char *dir, const char *name);

/** Fail unless member @p member of @p dir/workbook.xlsx holds @p want
 * (see ut_xlsx_part). */
void ut_xlsx_has(const char *dir, const char *member, const char *want);

/** Write @p text to @p path (fails the test on error), executable when
 * @p exec. */
void ut_put_file(const char *path, const char *text, bool exec);

/** Run `rentbridge @p args --quiet --force --out @p dir/@p sub`, which
 * must succeed, into @p out (the folder's path, PATH_MAX-sized). */
void ut_cli_out(char *out, size_t size, const char *args, const char *dir,
                const char *sub);

/** Wait for the child @p pid: its exit status, or 128 + the signal that
 * ended it. */
int ut_reap(int pid);

#endif
