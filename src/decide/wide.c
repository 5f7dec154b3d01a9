/* Several variants as arms of one run beside one reference (a sweep's
 * values, the waivers' rows; decide/decide.h): the checks both make
 * before such a run. */
#include "decide/decide.h"
#include "model/model.h"

#include <stdlib.h>
#include <string.h>

bool rb_decide_model(rb_model *m, double **v, const rb_scenario *sc) {
  memset(m, 0, sizeof *m);
  *v = malloc(((size_t)sc->n_params + 1) * sizeof **v);
  if (*v == NULL) {
    return false;
  }
  for (int i = 0; i < sc->n_params; i++) {
    (*v)[i] = sc->params[i].value;
  }
  return rb_model_alloc(m, sc) == RB_OK && rb_model_compile(m, *v) == RB_OK;
}

void rb_decide_model_free(rb_model *m, double *v) {
  rb_model_free(m);
  free(v);
}

bool rb_decide_as_own(const rb_model *wide, int arm, const rb_scenario *own,
                      int own_arm) {
  rb_model m;
  double *v = NULL;
  const bool same =
      rb_decide_model(&m, &v, own) &&
      rb_model_arm_same(wide, arm, &m, own_arm) &&
      rb_model_arm_same(wide, RB_ARM_BASELINE, &m, RB_ARM_BASELINE);
  rb_decide_model_free(&m, v);
  return same;
}

bool rb_decide_fits(const rb_scenario *wide, const rb_run_opts *ro) {
  const size_t limit =
      ro->max_memory > 0 ? ro->max_memory : RB_ENGINE_MAX_MEMORY;
  return rb_engine_memory(wide, ro) <= (double)limit;
}
