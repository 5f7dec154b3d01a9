/* Small helpers on a loaded scenario: schedules and the names of enums. */
#include "rentbridge/scenario.h"

int rb_sched_index(const int *breaks, int n, int m) {
  int i = 0;
  while (i < n - 1 && m >= breaks[i]) {
    i++;
  }
  return i;
}

double rb_sched_at(const rb_sched *s, const double *v, int m) {
  if (s->n <= 0) {
    return 0.0;
  }
  double x = v[s->values[rb_sched_index(s->breaks, s->n, m)]];
  if (s->scale >= 0) {
    x *= v[s->scale];
  }
  return x;
}

const char *rb_housing_name(rb_housing h) {
  static const char *const names[RB_H_COUNT] = {
      "placed", "housed_subsidised", "housed_ordinary", "homeless", "exited",
      "dead"};
  return (unsigned)h < RB_H_COUNT ? names[h] : "?";
}

const char *rb_activity_name(rb_activity a) {
  static const char *const names[RB_A_COUNT] = {"none", "education",
                                                "employed"};
  return (unsigned)a < RB_A_COUNT ? names[a] : "?";
}

const char *rb_arm_name(rb_arm a) {
  static const char *const names[RB_ARM_COUNT] = {"intervention", "baseline"};
  return (unsigned)a < RB_ARM_COUNT ? names[a] : "?";
}

const char *rb_kind_name(rb_kind k) {
  static const char *const names[RB_KIND_COUNT] = {"resource", "transfer",
                                                   "revenue", "production"};
  return (unsigned)k < RB_KIND_COUNT ? names[k] : "?";
}

const char *rb_event_name(rb_event e) {
  static const char *const names[RB_EV_COUNT] = {"move_in", "move_out",
                                                 "takeover", "rehoused"};
  return (unsigned)e < RB_EV_COUNT ? names[e] : "?";
}

const char *rb_payer_name(rb_payer p) {
  static const char *const names[RB_PAYER_COUNT] = {"kommune", "region",
                                                    "stat"};
  return (unsigned)p < RB_PAYER_COUNT ? names[p] : "?";
}

const char *rb_dist_name(rb_dist d) {
  static const char *const names[RB_DIST_COUNT] = {
      "plain", "pert",      "triangular", "uniform", "beta",
      "gamma", "lognormal", "normal",     "fixed"};
  return (unsigned)d < RB_DIST_COUNT ? names[d] : "?";
}
