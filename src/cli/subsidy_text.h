/**
 * @file subsidy_text.h
 * @brief `rentbridge subsidy` as text on standard output, in the scenario's
 * language (Danish, or English with scenario.language = "en"): the case
 * worker's page of one case, step by step, and the table over the group's
 * rent distribution.  The numbers come from rentbridge/subsidy_view.h.
 */
#ifndef RENTBRIDGE_CLI_SUBSIDY_TEXT_H
#define RENTBRIDGE_CLI_SUBSIDY_TEXT_H

#include "rentbridge/subsidy_view.h"

/** The heading (scenario, group, rules file, household), then the case at
 * @p rent for @p activity (or RB_SUBSIDY_ALL_ACTIVITIES): tax, the eight
 * steps of boligsikring, own payment, gap, subsidy, the future income and
 * an offer's outcome in each arm. */
void rb_subsidy_text_cases(const rb_subsidy_view *v, double rent, int activity);

/** The heading, then the table of @p t for @p activity (or
 * RB_SUBSIDY_ALL_ACTIVITIES) and the pool shares. */
void rb_subsidy_text_table(const rb_subsidy_view *v, const rb_subsidy_table *t,
                           int activity);

#endif
