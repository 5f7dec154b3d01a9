/**
 * @file live.h
 * @brief The planner's live page (docs/live.md): a small local web server
 * that shows a scenario's business case and re-runs it, at a reduced number
 * of replications, each time the planner moves one of its controls — the
 * subsidy's terms and every value with low/high — and that runs the full
 * scenario into a results folder on request.
 *
 * Safe by default: it binds 127.0.0.1 unless told otherwise; only the
 * scenario's own values can be changed, each checked by the loader's rules
 * (a bad value is answered with the loader's message and changes nothing);
 * requests are limited in size and rate; one computation runs at a time,
 * in a child process that a newer request stops; no path or file name from
 * the client is ever used.
 */
#ifndef RENTBRIDGE_LIVE_H
#define RENTBRIDGE_LIVE_H

#include "rentbridge/folder.h"
#include "rentbridge/scenario.h"
#include "rentbridge/status.h"

#include <stdbool.h>
#include <stdint.h>

/** Replications of a live computation unless told otherwise: on
 * scenarios/network.cfg (570 citizens, 120 months) a change is redrawn in
 * well under a second on two cores (docs/live.md, "How fast"). */
#define RB_LIVE_REPLICATIONS 50

/** Where Debian's libjs-chart.js puts Chart.js (served by the program). */
#define RB_LIVE_CHARTJS "/usr/share/javascript/chart.js/chart.min.js"

/** How the server is started. */
typedef struct rb_live_opts {
  const char *scenario_path; /**< the scenario file */
  const char *bind;          /**< address to listen on; NULL: 127.0.0.1 */
  int port;                  /**< 0: a free port the system picks */
  int replications;          /**< of a live computation; 0: the default */
  int threads;               /**< of a computation; 0: all cores */
  bool english;              /**< the page in English (default Danish) */
  const char *out;           /**< results folder of the full run; NULL:
                                results/<name>-live */
  const char *chartjs;       /**< Chart.js file; NULL: RB_LIVE_CHARTJS */
  const char *cmdline;       /**< the command line, for the manifest */
  /** Called once the server listens, with the URL of the page. */
  void (*ready)(void *ctx, const char *url);
  void *ready_ctx;
} rb_live_opts;

/** The live state of one scenario: its controls and what it was loaded
 * with. */
typedef struct rb_live rb_live;

/**
 * Load the scenario of @p opts and make its controls.
 * @param[out] out the live state (rb_live_free()), NULL on failure.
 * @param opts how to serve; kept by pointer, must outlive @p out.
 * @param diag the loader's problems.
 * @return RB_OK, or the loader's RB_EINVALID, RB_EIO or RB_ENOMEM.
 */
rb_status rb_live_open(rb_live **out, const rb_live_opts *opts, rb_diag *diag);

/** Free the live state; NULL-safe. */
void rb_live_free(rb_live *lv);

/**
 * The controls of the page as JSON text: for each value the page may
 * change its key, label, kind, value and range.
 * @param lv the live state.
 * @param english labels in English (else Danish).
 * @return a new string (free()), NULL when out of memory.
 */
char *rb_live_controls_json(const rb_live *lv, bool english);

/**
 * Check a request's values against the controls and turn them into
 * `KEY=VALUE` overrides for the loader.
 * @param lv the live state.
 * @param keys, values @p n pairs as the client sent them.
 * @param[out] sets @p n new strings (free each and the array); NULL on
 *   failure.
 * @param diag why a pair is refused: `request:N: KEY: message (got X)`.
 * @return RB_OK or RB_EINVALID.
 */
rb_status rb_live_sets(const rb_live *lv, const char *const *keys,
                       const char *const *values, int n, char ***sets,
                       rb_diag *diag);

/**
 * One live computation in this process: the scenario loaded with @p sets,
 * run at the live replications, its figures as JSON text (the headline
 * and names in English when @p english, else Danish).
 * @param[out] json the figures (free()), or on a bad value an object with
 *   "error" and the loader's messages.
 * @return RB_OK, RB_EINVALID (a bad value: @p json says why), RB_ENOMEM or
 *   RB_EINTERNAL.
 */
rb_status rb_live_compute(const rb_live *lv, const char *const *sets,
                          int n_sets, bool english, char **json);

/**
 * Serve the page until the process is ended (SIGINT, SIGTERM).
 * @return RB_EIO when it cannot listen (why in @p diag), else does not
 *   return.
 */
rb_status rb_live_serve(rb_live *lv, rb_diag *diag);

#endif
