/* Numbers the report looks up: in the run's results (through engine.h's
 * accessors) and in the sweep.json and tornado.json files it shows.  No
 * words here; those are wording.h's.
 *
 * Order of the report layer (context.h has the whole list): context.h <
 * lookup.h < wording.h < headline.h < charts.h, html.h, xlsx.h < report.c.
 */
#ifndef RENTBRIDGE_REPORT_LOOKUP_H
#define RENTBRIDGE_REPORT_LOOKUP_H

#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- the results ------------------------------------------------------- */

/** An item's net cost to the kommune (or to the whole public sector when
 * @p public_sector), sign as in the perspective: revenue counts negative,
 * production not at all. */
double rb_report_item_net(const rb_results *res, const rb_group_result *g,
                          int arm, int item, bool public_sector, int disc);

/** Net (resource + transfer − revenue) of one payer in one year and arm,
 * the same expression as yearly.csv's net column. */
double rb_report_yearly_net(const rb_results *res, int arm, int year,
                            int payer);

/** Calendar position of simulation month @p t: year + (month − 1) / 12. */
double rb_report_month_x(const rb_scenario *sc, int t);

/** Calendar position of the end of simulation month @p t (where a
 * cumulative amount of month @p t is drawn). */
double rb_report_month_end_x(const rb_scenario *sc, int t);

/** The measure of @p o at offset @p off (offsetof(rb_outcomes, member)),
 * for tables of outcome measures. */
double rb_report_outcome(const rb_outcomes *o, size_t off);

/** The citizens of every group of the scenario. */
int rb_report_cohort_size(const rb_scenario *sc);

/* ---- sweep.json and tornado.json --------------------------------------- */

/** A number in a JSON object, NAN when missing or not a number. */
double rb_report_jnum(const json_t *obj, const char *key);

/** Element @p i of a JSON array of numbers, NAN when missing. */
double rb_report_jat(const json_t *arr, size_t i);

/** @p obj's member @p what, itself an object by perspective, at
 * perspective @p p ("base", "saving_low", "swing", … of a tornado). */
double rb_report_jpersp(const json_t *obj, const char *what, int p);

/** A sweep's results for perspective @p p (its "perspectives" object). */
const json_t *rb_report_sweep_persp(const json_t *sw, int p);

/** Where among a sweep's values its best value for perspective @p p
 * stands; the number of values when it is not among them. */
size_t rb_report_sweep_best(const json_t *sw, int p);

#endif
