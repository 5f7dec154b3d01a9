/**
 * @file csv.h
 * @brief CSV fields as every results file writes them (RFC 4180 quoting).
 */
#ifndef RENTBRIDGE_BASE_CSV_H
#define RENTBRIDGE_BASE_CSV_H

#include <stdio.h>

/** A CSV number: empty for a non-finite value, else "%.12g". */
void rb_csv_num(FILE *f, double x);

/** A CSV text field, quoted when it holds a comma, quote or newline. */
void rb_csv_str(FILE *f, const char *s);

#endif
