/* Statistics and an arm's outcome measures by their names in the files
 * (output/measures.h). */
#include "output/measures.h"

void rb_out_stats(rb_out_measure out[RB_OUT_STATS], const rb_stats *s) {
  const rb_out_measure m[RB_OUT_STATS] = {{"mean", s->mean},
                                          {"mcse", s->mcse},
                                          {"sd", s->sd},
                                          {"p2_5", s->p2_5},
                                          {"median", s->median},
                                          {"p97_5", s->p97_5},
                                          {"prob_positive", s->prob_positive}};
  for (int k = 0; k < RB_OUT_STATS; k++) {
    out[k] = m[k];
  }
}

void rb_out_outcome_counts(rb_out_measure out[RB_OUT_COUNTS],
                           const rb_outcomes *o) {
  const rb_out_measure m[RB_OUT_COUNTS] = {
      {"relapses", o->relapses},
      {"takeovers", o->takeovers},
      {"extensions", o->extensions},
      {"rehousings", o->rehousings},
      {"moved_in", o->moved_in},
      {"months_waiting", o->months_waiting},
      {"deaths", o->deaths},
      {"exits", o->exits},
      {"exits_own_home", o->exits_own_home},
      {"exits_lost", o->exits_lost},
      {"households_housed", o->households_housed},
      {"persons_housed", o->persons_housed},
      {"activity_kept_12", o->activity_kept_12},
      {"end_returns", o->end_returns},
      {"end_own_flat_share", o->end_own_flat_share},
      {"placed_months", o->placed_months},
      {"subsidised_months", o->subsidised_months},
      {"subsidy_per_month", o->subsidy_per_month},
      {"offers", o->offers},
      {"offers_accepted_share", o->offers_accepted_share}};
  for (int k = 0; k < RB_OUT_COUNTS; k++) {
    out[k] = m[k];
  }
}
