/* Small helpers on a loaded scenario: schedules and the names of enums. */
#include "rentbridge/scenario.h"

#include <string.h>

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

const char *const rb_housing_names[RB_H_COUNT] = {
    RB_HOUSING_LIST(RB_ENUM_NAME)};
const char *const rb_activity_names[RB_A_COUNT] = {
    RB_ACTIVITY_LIST(RB_ENUM_NAME)};
const char *const rb_arm_names[RB_ARM_COUNT] = {RB_ARM_LIST(RB_ENUM_NAME)};
const char *const rb_kind_names[RB_KIND_COUNT] = {RB_KIND_LIST(RB_ENUM_NAME)};
const char *const rb_event_names[RB_EV_COUNT] = {RB_EVENT_LIST(RB_ENUM_NAME)};
const char *const rb_payer_names[RB_PAYER_COUNT] = {
    RB_PAYER_LIST(RB_ENUM_NAME)};
const char *const rb_dist_names[RB_DIST_COUNT] = {RB_DIST_LIST(RB_ENUM_NAME)};

int rb_enum_lookup(const char *const *names, int n, const char *word) {
  for (int i = 0; word != NULL && i < n; i++) {
    if (strcmp(names[i], word) == 0) {
      return i;
    }
  }
  return -1;
}

#define RB_NAME_OF(fn, type, table, count)                                     \
  const char *fn(type x) {                                                     \
    return (unsigned)x < (unsigned)(count) ? table[x] : "?";                   \
  }
RB_NAME_OF(rb_housing_name, rb_housing, rb_housing_names, RB_H_COUNT)
RB_NAME_OF(rb_activity_name, rb_activity, rb_activity_names, RB_A_COUNT)
RB_NAME_OF(rb_arm_name, rb_arm, rb_arm_names, RB_ARM_COUNT)
RB_NAME_OF(rb_kind_name, rb_kind, rb_kind_names, RB_KIND_COUNT)
RB_NAME_OF(rb_event_name, rb_event, rb_event_names, RB_EV_COUNT)
RB_NAME_OF(rb_payer_name, rb_payer, rb_payer_names, RB_PAYER_COUNT)
RB_NAME_OF(rb_dist_name, rb_dist, rb_dist_names, RB_DIST_COUNT)
