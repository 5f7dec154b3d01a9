/* The live state of one scenario (rentbridge/live.h): the scenario as
 * loaded, its controls, the results folder of the full run and Chart.js
 * read once from Debian's libjs-chart.js. */
#include "live_internal.h"

#include "base/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** The largest Chart.js file taken (Debian's chart.min.js is 200 kB). */
#define MAX_CHARTJS ((size_t)8 << 20)

rb_status rb_live_open(rb_live **out, const rb_live_opts *opts, rb_diag *diag) {
  *out = NULL;
  rb_live *lv = calloc(1, sizeof *lv);
  if (lv == NULL) {
    return RB_ENOMEM;
  }
  lv->opts = opts;
  pthread_mutex_init(&lv->mu, NULL);
  pthread_cond_init(&lv->cv, NULL);
  lv->tokens = 0.0;
  rb_status st = rb_scenario_load(&lv->sc, opts->scenario_path, NULL, diag);
  if (st == RB_OK) {
    lv->reps =
        opts->replications > 0 ? opts->replications : RB_LIVE_REPLICATIONS;
    char dir[PATH_MAX];
    if (opts->out != NULL) {
      snprintf(dir, sizeof dir, "%s", opts->out);
    } else {
      snprintf(dir, sizeof dir, "results/%s-live", lv->sc->info.name);
    }
    st = rb_results_dir_check(lv->out, sizeof lv->out, dir, diag);
  }
  if (st == RB_OK) {
    st = rb_live_make_controls(lv);
  }
  if (st == RB_OK) {
    lv->controls[0] = rb_live_controls_json(lv, false);
    lv->controls[1] = rb_live_controls_json(lv, true);
    st = lv->controls[0] != NULL && lv->controls[1] != NULL ? RB_OK : RB_ENOMEM;
  }
  if (st != RB_OK) {
    rb_live_free(lv);
    return st;
  }
  lv->chartjs =
      rb_file_slurp(opts->chartjs != NULL ? opts->chartjs : RB_LIVE_CHARTJS,
                    &lv->chartjs_len, MAX_CHARTJS);
  *out = lv;
  return RB_OK;
}

void rb_live_free(rb_live *lv) {
  if (lv == NULL) {
    return;
  }
  rb_live_free_controls(lv);
  rb_scenario_free(lv->sc);
  free(lv->chartjs);
  free(lv->controls[0]);
  free(lv->controls[1]);
  pthread_mutex_destroy(&lv->mu);
  pthread_cond_destroy(&lv->cv);
  free(lv);
}
