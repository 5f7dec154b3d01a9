/* Shared helpers for the tests of the documents (report.html, workbook.xlsx,
 * the CLI's files): reading files, running a command, the python3 checkers
 * tests/check_html.py and tests/xlsx_part.py, and temporary folders. */
#ifndef RENTBRIDGE_TEST_UTIL_REPORT_H
#define RENTBRIDGE_TEST_UTIL_REPORT_H

#include <stdbool.h>

/** The whole file @p path as a string (caller frees); NULL if unreadable. */
char *ut_slurp(const char *path);

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

/** Remove the folder @p root and all in it, unless RB_KEEP_TEST_OUTPUT is
 * set (to look at what a test wrote). */
void ut_rm_tree(const char *root);

#endif
