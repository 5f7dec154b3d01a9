/**
 * @file json_write.h
 * @brief How every JSON file of the output layer is written: numbers that
 * are not finite as null, two-space indentation, the keys in the order
 * they were set, 12 significant digits.
 */
#ifndef RENTBRIDGE_OUTPUT_JSON_WRITE_H
#define RENTBRIDGE_OUTPUT_JSON_WRITE_H

#include "rentbridge/accounts.h"
#include "rentbridge/status.h"

#include <jansson.h>

/** A number for JSON: null when not finite. */
json_t *rb_out_json_num(double x);

/** One number per perspective: {"kommune": x, "public": y, ...}. */
json_t *rb_out_json_persp(const double x[RB_P_COUNT]);

/** Write @p root to the file @p path and release it.
 * @return RB_OK or RB_EIO. */
rb_status rb_out_json_dump(json_t *root, const char *path);

/** Write @p root to @p dir/@p name and release it.
 * @return RB_OK or RB_EIO (also for a path that does not fit). */
rb_status rb_out_json_write(json_t *root, const char *dir, const char *name);

#endif
