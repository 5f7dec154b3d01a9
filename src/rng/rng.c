#include "rng/rng.h"

#include <Random123/conventional/gsl_cbrng.h>

/* A gsl_rng_type over Philox4x64: Random123's own GSL adapter.  Its
 * expansion converts 32-bit words to double, which -Wconversion flags. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
GSL_CBRNG(rb_philox, philox4x64);
#pragma GCC diagnostic pop

gsl_rng *rb_rng_psa_alloc(uint64_t seed, uint64_t rep) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_rb_philox);
  if (r != NULL) {
    rb_rng_psa_reset(r, seed, rep);
  }
  return r;
}

void rb_rng_psa_reset(gsl_rng *r, uint64_t seed, uint64_t rep) {
  rb_philox_state *st = (rb_philox_state *)r->state;
  philox4x64_ctr_t c = {{0, 0, RB_PURPOSE_PSA, 0}};
  philox4x64_key_t k = {{seed, rep}};
  st->ctr = c;
  st->key = k;
  st->elem = 0;
}
