/* The track layer's own parts (src/track/ only). */
#ifndef RENTBRIDGE_TRACK_INTERNAL_H
#define RENTBRIDGE_TRACK_INTERNAL_H

#include "rentbridge/engine.h"
#include "rentbridge/track.h"

/** What a tracking folder is written from. */
typedef struct rb_track_job {
  const rb_scenario *sc;         /**< the scenario tracked */
  const rb_scenario *calibrated; /**< with the updated rates, or NULL */
  const rb_observed *obs;
  const rb_track_rate_list *rates;
  const rb_track_band *band;
  const char *observed_path;
  const rb_results *reforecast;     /**< the new forecast from as_of, or NULL */
  const rb_scenario *reforecast_sc; /**< the scenario it ran */
  int n_started;                    /**< citizens it starts from their state */
} rb_track_job;

/** rates.csv, observed.csv and calibrated.cfg into @p dir.
 * @return RB_OK or RB_EIO. */
rb_status rb_track_write_tables(const char *dir, const rb_track_job *j);

/** The fan charts (charts/fan_<measure>.gp, .dat, .svg), report.html and
 * workbook.xlsx into @p dir; a chart gnuplot cannot draw is a note in
 * @p diag. @return RB_OK or RB_EIO. */
rb_status rb_track_write_report(const char *dir, const rb_track_job *j,
                                rb_diag *diag);

#endif
