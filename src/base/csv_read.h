/**
 * @file csv_read.h
 * @brief Reading a CSV file as a spreadsheet saves it: a comma, semicolon
 * or tab between fields (told from the first line), RFC 4180 quotes, an
 * optional UTF-8 byte order mark, LF or CRLF line ends; and numbers as
 * they stand in a cell, with a decimal point or a Danish decimal comma.
 */
#ifndef RENTBRIDGE_BASE_CSV_READ_H
#define RENTBRIDGE_BASE_CSV_READ_H

#include <stddef.h>

/** One record: its fields (owned, unquoted) and the line it starts on. */
typedef struct rb_csv_row {
  char **cells;
  int n;
  int line; /**< 1-based */
} rb_csv_row;

/** A whole file. */
typedef struct rb_csv_table {
  rb_csv_row *rows; /**< every record, blank lines left out */
  int n;
  char sep; /**< ',', ';' or '\t' */
} rb_csv_table;

/**
 * Read @p path (a regular file of at most 64 MiB).
 * @param[out] err why it failed: errno's text, or "line N: a quote is not
 *             closed"; at most @p errn bytes.
 * @return 0, -1 when the file cannot be read (errno set), -2 when it is
 *         not CSV (the reason in @p err), -3 when out of memory.
 */
int rb_csv_read(rb_csv_table *t, const char *path, char *err, size_t errn);

/** Free a table (it may be zeroed). */
void rb_csv_table_free(rb_csv_table *t);

/**
 * A number as a spreadsheet writes it in a cell: blanks and no-break
 * spaces around and between digit groups are dropped; a minus may be '-'
 * or U+2212; the decimal mark is '.' or ','; when both stand in it, the
 * last one is the decimal mark and the other groups thousands; two or more
 * of one mark group thousands ("1.500.000"); an exponent may follow
 * ("1,5E-05").  In a file separated by semicolons, a lone point before
 * exactly three digits ("1.500") could be either and is refused.
 * @return 0 with *out set, 1 when the cell is empty, -1 when it is not a
 *         number, -2 when it is ambiguous.
 */
int rb_csv_number(const char *cell, char sep, double *out);

#endif
