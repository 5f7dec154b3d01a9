/**
 * @file text_format.h
 * @brief Texts for people in the output and report layers: a parameter's
 * value, a percentage and a parameter's key as the sweep's and tornado's
 * summaries and charts show them, and the end of a text written with
 * open_memstream.
 */
#ifndef RENTBRIDGE_OUTPUT_TEXT_FORMAT_H
#define RENTBRIDGE_OUTPUT_TEXT_FORMAT_H

#include "rentbridge/scenario.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/**
 * A parameter value for people: whole numbers and numbers from 100 on
 * rounded to whole units with thousands separators (rb_fmt_kr), smaller
 * ones with four significant digits; a decimal comma in Danish; "-" when
 * not finite.
 */
void rb_out_fmt_value(char *buf, size_t n, double x, bool danish);

/** A share as a percentage with one decimal ("97.5" / "97,5"); "-" when
 * not finite. */
void rb_out_fmt_pct(char *buf, size_t n, double share, bool danish);

/** Parameter @p i's key for people: a cost item's or (with several groups)
 * a group's name added, e.g. "costs.[7].per_month (police)". */
void rb_out_param_label(char *buf, size_t n, const rb_scenario *sc, int i);

/** The run's mode as the files name it: "psa" or "stochastic". */
const char *rb_out_mode_name(rb_mode mode);

/**
 * Close @p f, opened with open_memstream(text, …): on success *text is the
 * whole text (free()); after a write error or when memory ran out *text is
 * freed and NULL.
 * @return RB_OK or RB_ENOMEM.
 */
rb_status rb_out_text_end(FILE *f, char **text);

#endif
