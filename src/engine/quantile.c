/* Quantiles by selection rather than a full sort (issue 17): the same
 * numbers as gsl_stats_quantile_from_sorted_data() on the sorted copy, bit
 * for bit, since they are the same two order statistics interpolated by
 * the same formula; the order statistic k is found by Wirth's selection
 * (Hoare's partition, linear on average, equal values split evenly), then
 * k + 1 as the smallest of the part above it. */
#include "engine/engine_internal.h"

#include <stddef.h>

/* Reorder @p a so that a[k] is its k-th smallest value (0-based), every
 * a[i] before it not above and every one after it not below. */
static void select_kth(double *a, ptrdiff_t n, ptrdiff_t k) {
  ptrdiff_t l = 0, m = n - 1;
  while (l < m) {
    const double x = a[k];
    ptrdiff_t i = l, j = m;
    do {
      while (a[i] < x) {
        i++;
      }
      while (x < a[j]) {
        j--;
      }
      if (i <= j) {
        const double w = a[i];
        a[i] = a[j];
        a[j] = w;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) {
      l = i;
    }
    if (k < i) {
      m = j;
    }
  }
}

double rb_eng_quantile(double *a, size_t n, double f) {
  if (n == 0) {
    return 0.0;
  }
  /* gsl_stats_quantile_from_sorted_data()'s index and weight. */
  const double index = f * (double)(n - 1);
  const size_t lhs = (size_t)(int)index;
  const double delta = index - (double)lhs;
  select_kth(a, (ptrdiff_t)n, (ptrdiff_t)lhs);
  if (lhs == n - 1) {
    return a[lhs];
  }
  double next = a[lhs + 1];
  for (size_t i = lhs + 2; i < n; i++) {
    next = a[i] < next ? a[i] : next;
  }
  return (1 - delta) * a[lhs] + delta * next;
}
