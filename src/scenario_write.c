/* Writing a resolved scenario back as libconfig text. */
#include "rentbridge/scenario.h"

rb_status rb_scenario_write(const rb_scenario *sc, const char *path,
                            const char *rules_name) {
  (void)sc;
  (void)path;
  (void)rules_name;
  return RB_EIO;
}
