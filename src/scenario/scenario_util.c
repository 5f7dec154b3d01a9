/* Small helpers on a loaded scenario: schedules and the names of enums
 * (the public tables of scenario.h and the format's own words, words.h). */
#include "rentbridge/scenario.h"
#include "scenario/words.h"

#include <assert.h>
#include <string.h>

double rb_sched_at(const rb_sched *s, const double *v, int m) {
  assert(s != NULL && (s->n <= 0 || v != NULL));
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
const char *const rb_arm_names[RB_ARM_SPECS] = {RB_ARM_LIST(RB_ENUM_NAME)};
const char *const rb_kind_names[RB_KIND_COUNT] = {RB_KIND_LIST(RB_ENUM_NAME)};
const char *const rb_event_names[RB_EV_COUNT] = {RB_EVENT_LIST(RB_ENUM_NAME)};
const char *const rb_dist_names[RB_DIST_COUNT] = {RB_DIST_LIST(RB_ENUM_NAME)};

const char *const rb_top_words[RB_TOP_COUNT] = {
    "format", "scenario", "rules",   "subsidy", "incomes",
    "costs",  "groups",   "schemes", "arms",    "pools"};
const char *const rb_mode_words[2] = {"stochastic", "psa"};
const char *const rb_language_words[2] = {"da", "en"};
const char *const rb_recompute_words[2] = {"monthly", "at_move_in"};
const char *const rb_payer_clock_words[RB_CLOCK_COUNT] = {
    "months_in_state", "rolling_year", "since_first_move_in"};
const char *const rb_refusion_words[2] = {"none", "trappe"};
const char *const rb_own_method_words[RB_OWN_METHOD_COUNT] = {
    "income_share", "residual", "fixed"};
const char *const rb_own_param_words[RB_OWN_METHOD_COUNT] = {
    "share", "min_left", "amount"};
const char *const rb_income_kind_words[RB_INCOME_KIND_COUNT] = {"benefit", "su",
                                                                "wage"};
const char *const rb_rent_dist_words[3] = {"discrete", "lognormal", "uniform"};
const char *const rb_heating_words[2] = {"separate", "included"};
const char *const rb_target_words[RB_T_COUNT] = {[RB_T_DEAD] = "dead",
                                                 [RB_T_EXITED] = "exited",
                                                 [RB_T_HOMELESS] = "homeless",
                                                 [RB_T_PLACED] = "placed"};
const char *const rb_rate_words[RB_RATE_COUNT] = {
    "none_to_education", "none_to_employed", "education_to_employed",
    "education_to_none", "employed_to_none"};
const char *const rb_housed_words[2] = {"housed", "not_housed"};
const char *const rb_dist_param_words[RB_DIST_COUNT][2] = {
    [RB_DIST_BETA] = {"a", "b"},
    [RB_DIST_GAMMA] = {"shape", "scale"},
    [RB_DIST_LOGNORMAL] = {"mu", "sigma"},
    [RB_DIST_NORMAL] = {"sd", NULL},
};

int rb_enum_lookup(const char *const *names, int n, const char *word) {
  assert(names != NULL || n == 0);
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
RB_NAME_OF(rb_arm_name, rb_arm, rb_arm_names, RB_ARM_SPECS)
RB_NAME_OF(rb_kind_name, rb_kind, rb_kind_names, RB_KIND_COUNT)
RB_NAME_OF(rb_event_name, rb_event, rb_event_names, RB_EV_COUNT)
RB_NAME_OF(rb_payer_name, rb_payer, rb_payer_names, RB_PAYER_COUNT)
RB_NAME_OF(rb_dist_name, rb_dist, rb_dist_names, RB_DIST_COUNT)
