/**
 * @file scenario_internal.h
 * @brief Internal to the scenario loader: `--set` overrides on the tree.
 */
#ifndef RENTBRIDGE_SCENARIO_INTERNAL_H
#define RENTBRIDGE_SCENARIO_INTERNAL_H

#include "config/cfgtree.h"

/**
 * Apply `KEY=VALUE` overrides to @p root in order.  New nodes carry
 * @p set_file ("--set") and their 1-based position as line, so that later
 * problems with them read `--set:N: KEY: ...`.  Problems with a set itself
 * (malformed, unparsable value, no such place) go to @p diag and the
 * other sets are still applied.
 * @return RB_OK, RB_EINVALID (problems in @p diag) or RB_ENOMEM.
 */
rb_status rb_scenario_apply_sets(rb_node *root, const char *const *sets,
                                 int n_sets, const char *set_file,
                                 rb_diag *diag);

#endif
