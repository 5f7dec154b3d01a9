/* The value of information of a psa run (decision.h): the EVPI, and the
 * EVPPI of each drawn value and group of values by the regression method of
 * Strong, Oakley and Brennan (2014), "Estimating multiparameter partial
 * expected value of perfect information from a probabilistic sensitivity
 * analysis sample: a nonparametric regression approach", Medical Decision
 * Making 34(3):311-326 (docs/decision-tools.md, "What the pilot should
 * measure"). */
#include "rentbridge/decision.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_bspline.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The smooth of one input: a cubic B-spline (order 4) on VOI_BREAKS uniform
 * breakpoints, VOI_BREAKS + 2 basis functions, of which the first is left
 * out (the functions sum to 1, and the intercept is there once). */
#define VOI_ORDER 4
#define VOI_BREAKS 5
#define VOI_SPLINE_COLS (VOI_BREAKS + VOI_ORDER - 2 - 1)
/* Replications per column at least: splines below this, straight lines;
 * below VOI_MIN_PER_LINE per column, not estimable. */
#define VOI_MIN_PER_SPLINE 10
#define VOI_MIN_PER_LINE 4

static double mean_of(const double *y, int n) {
  double s = 0.0;
  for (int i = 0; i < n; i++) {
    s += y[i];
  }
  return s / n;
}

double rb_voi_loss(const double *g, int n, double m) {
  /* mean(max(0, g)) − max(0, m) with mean(g) = m, written as the expected
   * loss of the decision the mean takes: exactly 0 when every g has the
   * mean's sign, and never below 0. */
  double s = 0.0;
  for (int i = 0; i < n; i++) {
    double loss = m >= 0.0 ? -g[i] : g[i];
    s += loss > 0.0 ? loss : 0.0;
  }
  return s / n;
}

static bool varies(const double *x, int n) {
  for (int i = 1; i < n; i++) {
    if (x[i] != x[0]) {
      return true;
    }
  }
  return false;
}

/* Fill columns [col, col + VOI_SPLINE_COLS) of @p X with the spline basis of
 * @p x, or column col with x itself (centred) when @p spline is false.
 * @return the next free column; −1 on no memory. */
static int add_input(gsl_matrix *X, int col, const double *x, int n,
                     bool spline) {
  double lo = x[0], hi = x[0];
  for (int i = 1; i < n; i++) {
    lo = x[i] < lo ? x[i] : lo;
    hi = x[i] > hi ? x[i] : hi;
  }
  if (!spline) {
    double m = mean_of(x, n), w = hi - lo;
    for (int i = 0; i < n; i++) {
      gsl_matrix_set(X, (size_t)i, (size_t)col, (x[i] - m) / w);
    }
    return col + 1;
  }
  gsl_bspline_workspace *bw = gsl_bspline_alloc(VOI_ORDER, VOI_BREAKS);
  gsl_vector *B = gsl_vector_alloc(VOI_SPLINE_COLS + 1);
  if (bw == NULL || B == NULL) {
    gsl_bspline_free(bw);
    gsl_vector_free(B);
    return -1;
  }
  gsl_bspline_knots_uniform(lo, hi, bw);
  for (int i = 0; i < n; i++) {
    gsl_bspline_eval(x[i], B, bw);
    for (int j = 0; j < VOI_SPLINE_COLS; j++) {
      gsl_matrix_set(X, (size_t)i, (size_t)(col + j),
                     gsl_vector_get(B, (size_t)j + 1));
    }
  }
  gsl_bspline_free(bw);
  gsl_vector_free(B);
  return col + VOI_SPLINE_COLS;
}

/* The design matrix: an intercept, then each varying input's columns.
 * @return the columns, 0 when not estimable, −1 on no memory. */
static int design(gsl_matrix **out, const double *const *x, int n, int n_x) {
  int vary = 0;
  for (int k = 0; k < n_x; k++) {
    vary += varies(x[k], n);
  }
  bool spline = 1 + vary * VOI_SPLINE_COLS <= n / VOI_MIN_PER_SPLINE;
  int cols = 1 + vary * (spline ? VOI_SPLINE_COLS : 1);
  if (vary == 0 || cols > n / VOI_MIN_PER_LINE) {
    *out = NULL;
    return 0;
  }
  gsl_matrix *X = gsl_matrix_alloc((size_t)n, (size_t)cols);
  if (X == NULL) {
    return -1;
  }
  for (int i = 0; i < n; i++) {
    gsl_matrix_set(X, (size_t)i, 0, 1.0);
  }
  int col = 1;
  for (int k = 0; k < n_x && col > 0; k++) {
    if (varies(x[k], n)) {
      col = add_input(X, col, x[k], n, spline);
    }
  }
  if (col < 0) {
    gsl_matrix_free(X);
    return -1;
  }
  *out = X;
  return cols;
}

/* The least-squares solver of a design matrix @p X (n × p, n ≥ p), shared
 * by every right hand side.  Its columns are balanced as
 * gsl_multifit_linear_bsvd balances them (X D⁻¹, D powers of 2), then
 * decomposed X D⁻¹ = Q R by GSL's Householder QR (gsl_linalg_QR_decomp;
 * its blocked gsl_linalg_QR_decomp_r took 25 % longer on network.cfg with
 * GSL's own BLAS) and R = U S Vᵀ by GSL's SVD of the p × p factor.  That is the
 * SVD of X D⁻¹ (Q U S Vᵀ), as gsl_multifit_linear_tsvd finds it through the
 * same QR first (gsl_linalg_SV_decomp_mod), but Q is never formed: a right hand
 * side meets it as Qᵀ y, applied from the reflectors.  The singular values at
 * or below 1e-12 of the largest are left out (collinear splines of a
 * narrow input), as gsl_multifit_linear_tsvd leaves them out. */
typedef struct lsq {
  gsl_matrix *qr; /* X D⁻¹ as GSL's QR (n × p), its reflectors' tau */
  gsl_matrix *u, *vsi;
  gsl_vector *tau, *d, *s, *z, *xt, *c, *work;
} lsq;

#define LSQ_TOL 1e-12

static void lsq_free(lsq *q) {
  gsl_matrix_free(q->qr);
  gsl_matrix_free(q->u);
  gsl_matrix_free(q->vsi);
  gsl_vector_free(q->tau);
  gsl_vector_free(q->d);
  gsl_vector_free(q->s);
  gsl_vector_free(q->z);
  gsl_vector_free(q->xt);
  gsl_vector_free(q->c);
  gsl_vector_free(q->work);
}

static rb_status lsq_init(lsq *q, const gsl_matrix *X) {
  size_t n = X->size1, cols = X->size2;
  q->qr = gsl_matrix_alloc(n, cols);
  q->u = gsl_matrix_calloc(cols, cols);
  q->vsi = gsl_matrix_alloc(cols, cols);
  q->tau = gsl_vector_alloc(cols);
  q->d = gsl_vector_alloc(cols);
  q->s = gsl_vector_alloc(cols);
  q->z = gsl_vector_alloc(n);
  q->xt = gsl_vector_alloc(cols);
  q->c = gsl_vector_alloc(cols);
  q->work = gsl_vector_alloc(cols);
  if (q->qr == NULL || q->tau == NULL || q->u == NULL || q->vsi == NULL ||
      q->d == NULL || q->s == NULL || q->z == NULL || q->xt == NULL ||
      q->c == NULL || q->work == NULL) {
    return RB_ENOMEM;
  }
  gsl_matrix_memcpy(q->qr, X);
  if (gsl_linalg_balance_columns(q->qr, q->d) != GSL_SUCCESS ||
      gsl_linalg_QR_decomp(q->qr, q->tau) != GSL_SUCCESS) {
    return RB_EINTERNAL;
  }
  for (size_t i = 0; i < cols; i++) {
    for (size_t j = i; j < cols; j++) {
      gsl_matrix_set(q->u, i, j, gsl_matrix_get(q->qr, i, j));
    }
  }
  if (gsl_linalg_SV_decomp(q->u, q->vsi, q->s, q->work) != GSL_SUCCESS) {
    return RB_EINTERNAL;
  }
  double s0 = gsl_vector_get(q->s, 0);
  for (size_t j = 0; j < cols; j++) {
    double sj = gsl_vector_get(q->s, j);
    gsl_vector_view col = gsl_matrix_column(q->vsi, j);
    gsl_vector_scale(&col.vector, sj <= LSQ_TOL * s0 ? 0.0 : 1.0 / sj);
  }
  return RB_OK;
}

/* The fitted values of @p y into @p fit: c = D⁻¹ V S⁻¹ Uᵀ (Qᵀ y)₁…ₚ,
 * fit = X c. */
static void lsq_fit(double *fit, const lsq *q, const gsl_matrix *X,
                    const double *y) {
  size_t n = X->size1, cols = X->size2;
  gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
  gsl_vector_memcpy(q->z, &yv.vector);
  gsl_linalg_QR_QTvec(q->qr, q->tau, q->z);
  gsl_vector_const_view z1 = gsl_vector_const_subvector(q->z, 0, cols);
  gsl_blas_dgemv(CblasTrans, 1.0, q->u, &z1.vector, 0.0, q->xt);
  gsl_blas_dgemv(CblasNoTrans, 1.0, q->vsi, q->xt, 0.0, q->c);
  gsl_vector_div(q->c, q->d);
  gsl_vector_view fv = gsl_vector_view_array(fit, n);
  gsl_blas_dgemv(CblasNoTrans, 1.0, X, q->c, 0.0, &fv.vector);
}

/* The EVPPI and adjusted R² of @p y from its fitted values @p fit. */
static void evppi_of(double *evppi, double *r2, const double *fit,
                     const double *y, int n, int cols) {
  double m = mean_of(y, n), vf = 0.0, vy = 0.0;
  for (int i = 0; i < n; i++) {
    vf += (fit[i] - m) * (fit[i] - m);
    vy += (y[i] - m) * (y[i] - m);
  }
  *evppi = rb_voi_loss(fit, n, m);
  if (r2 != NULL && vy > 0.0) {
    /* Adjusted for the columns, so that a smooth of many inputs does not
     * look informative by fitting the noise. */
    double adj = 1.0 - (1.0 - vf / vy) * (n - 1) / (double)(n - cols);
    *r2 = adj > 0.0 ? adj : 0.0;
  }
}

rb_status rb_evppi_n(double *evppi, double *r2, int *basis,
                     const double *const *y, int n_y, const double *const *x,
                     int n, int n_x) {
  gsl_set_error_handler_off();
  for (int k = 0; k < n_y; k++) {
    evppi[k] = NAN;
    if (r2 != NULL) {
      r2[k] = NAN;
    }
  }
  if (basis != NULL) {
    *basis = 0;
  }
  gsl_matrix *X = NULL;
  int cols = n >= 2 ? design(&X, x, n, n_x) : 0;
  if (cols < 0) {
    return RB_ENOMEM;
  }
  if (cols == 0) {
    return RB_OK;
  }
  lsq q = {0};
  double *fit = malloc((size_t)n * sizeof *fit);
  rb_status st = fit == NULL ? RB_ENOMEM : lsq_init(&q, X);
  for (int k = 0; k < n_y && st == RB_OK; k++) {
    lsq_fit(fit, &q, X, y[k]);
    evppi_of(&evppi[k], r2 != NULL ? &r2[k] : NULL, fit, y[k], n, cols);
  }
  if (st == RB_OK && basis != NULL) {
    *basis = cols;
  }
  lsq_free(&q);
  free(fit);
  gsl_matrix_free(X);
  return st == RB_EINTERNAL ? RB_OK : st;
}

rb_status rb_evppi(double *evppi, double *r2, int *basis, const double *y,
                   const double *const *x, int n, int n_x) {
  return rb_evppi_n(evppi, r2, basis, &y, 1, x, n, n_x);
}
