/* Writing a JSON file (output/json_write.h). */
#include "output/json_write.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>

json_t *rb_out_json_num(double x) {
  return isfinite(x) ? json_real(x) : json_null();
}

rb_status rb_out_json_dump(json_t *root, const char *path) {
  int rc = json_dump_file(root, path,
                          JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                              JSON_REAL_PRECISION(12));
  json_decref(root);
  return rc == 0 ? RB_OK : RB_EIO;
}

rb_status rb_out_json_write(json_t *root, const char *dir, const char *name) {
  char path[PATH_MAX];
  int k = snprintf(path, sizeof path, "%s/%s", dir, name);
  if (k < 0 || (size_t)k >= sizeof path) {
    json_decref(root);
    return RB_EIO;
  }
  return rb_out_json_dump(root, path);
}

json_t *rb_out_json_persp(const double x[RB_P_COUNT]) {
  json_t *o = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    json_object_set_new(o, rb_perspective_name((rb_perspective)p),
                        rb_out_json_num(x[p]));
  }
  return o;
}
