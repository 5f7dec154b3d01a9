/* A curve of mean savings over a parameter's values: where it crosses zero
 * (the break-even values) and where it is highest (decide/decide.h). */
#include "decide/decide.h"

#include <math.h>

int rb_decision_crossings(double *out, int max_out, const double *x,
                          const double *y, int n) {
  int found = 0;
  int prev = -1;       /* last point with a finite, non-zero y */
  int first_zero = -1; /* first exact zero since prev */
  for (int i = 0; i < n; i++) {
    if (!isfinite(y[i]) || !isfinite(x[i])) {
      prev = -1;
      first_zero = -1;
      continue;
    }
    if (y[i] == 0.0) {
      if (first_zero < 0) {
        first_zero = i;
      }
      continue;
    }
    if (prev >= 0 && (y[prev] > 0.0) != (y[i] > 0.0)) {
      double c;
      if (first_zero >= 0) {
        c = x[first_zero];
      } else {
        c = x[prev] + (x[i] - x[prev]) * y[prev] / (y[prev] - y[i]);
      }
      if (found < max_out) {
        out[found] = c;
      }
      found++;
    }
    prev = i;
    first_zero = -1;
  }
  return found;
}

int rb_decision_argmax(const double *y, int n) {
  int best = -1;
  for (int i = 0; i < n; i++) {
    if (isfinite(y[i]) && (best < 0 || y[i] > y[best])) {
      best = i;
    }
  }
  return best;
}
