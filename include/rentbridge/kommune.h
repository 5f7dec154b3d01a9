/**
 * @file kommune.h
 * @brief A new kommune in the scenario library (`rentbridge new`): its
 * kommune.cfg and group scenarios, copied from a kommune that has them,
 * every copied figure marked "from LIKE: replace with your own".
 */
#ifndef RENTBRIDGE_KOMMUNE_H
#define RENTBRIDGE_KOMMUNE_H

#include "rentbridge/status.h"

/** What to write. */
typedef struct rb_kommune_new {
  const char *library;       /**< the library's folder, e.g. "scenarios" */
  const char *id;            /**< the new kommune's folder and name in
                                  `kommuner`: [a-z][a-z0-9-]*, e.g. "odense" */
  const char *name;          /**< its name as written, e.g. "Odense" (NULL: the
                                  id with a capital letter) */
  const char *like;          /**< the kommune copied from, e.g. "aarhus" */
  const char *const *groups; /**< group scenarios to write ("homeless"...);
                                NULL: every one @p like has */
  int n_groups;
  const char *portfolio; /**< NULL, or a portfolio written like
                              network.cfg, in LIBRARY, to add the kommune to */
} rb_kommune_new;

/**
 * Write LIBRARY/ID/kommune.cfg (LIKE's figures, each source marked "from
 * LIKE: replace with your own") and LIBRARY/ID/GROUP.cfg for each group
 * (LIKE's scenario, taking its figures from ID).  The folder is written
 * whole or not at all; one that exists is refused.  With a portfolio, then
 * adds the kommune to it: its kommune.cfg in `kommuner`, a copy of each of
 * LIKE's own cost items and groups for the new groups, and the new groups
 * beside LIKE's in the `when.groups` of every other item.
 * @param[out] written the files written, one line each (free()), or NULL.
 * @return RB_OK, RB_EINVALID (a bad id, an unknown LIKE or group: problems
 *         in @p diag), RB_EIO (the folder exists or cannot be written) or
 *         RB_ENOMEM.
 */
rb_status rb_kommune_new_write(const rb_kommune_new *k, char **written,
                               rb_diag *diag);

#endif
