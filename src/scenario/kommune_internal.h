/**
 * @file kommune_internal.h
 * @brief Shared by kommune_new.c and kommune_portfolio.c (`rentbridge new`).
 */
#ifndef RENTBRIDGE_KOMMUNE_INTERNAL_H
#define RENTBRIDGE_KOMMUNE_INTERNAL_H

#include "rentbridge/kommune.h"

#include <stdbool.h>

/** @p s with every @p old replaced by @p repl (new string; NULL when out of
 * memory). */
char *rb_kn_replace_all(const char *s, const char *old, const char *repl);

/** Is @p g one of the comma-separated @p list? */
bool rb_kn_in_list(const char *list, const char *g);

/** Replace the file @p path by @p text (a temporary file renamed). */
rb_status rb_kn_put_atomic(const char *path, const char *text);

/**
 * Add the new kommune (its groups @p groups, "a,b") to the portfolio file
 * @p portfolio, written like scenarios/network.cfg: its kommune.cfg in
 * `kommuner`, copies of LIKE's own cost items and groups, its groups beside
 * LIKE's in every other item's `when.groups`.
 */
rb_status rb_kn_portfolio_add(const rb_kommune_new *k, const char *portfolio,
                              const char *groups, const char *like_name,
                              const char *name, rb_diag *diag);

#endif
