/*
 * What the libFuzzer targets share (tools/fuzz_common.c): an input is a
 * scenario file whose leading lines "--set KEY=VALUE" are overrides, written
 * into a private directory beside a copy of the test rules.
 */
#ifndef RENTBRIDGE_FUZZ_COMMON_H
#define RENTBRIDGE_FUZZ_COMMON_H

#include "rentbridge/scenario.h"

#include <stddef.h>
#include <stdint.h>

/** Overrides an input may start with, at most. */
#define FUZZ_MAX_SETS 8

/** Write @p size bytes at @p data to @p path (abort on failure). */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);

/** A private directory /tmp/rb-fuzz-TAG-XXXXXX into @p dir (64 bytes) with
 * the rules of $RB_FUZZ_RULES (default tests/data/rules-test.cfg) in it as
 * rules.cfg (abort on failure). */
void fuzz_make_dir(char dir[64], const char *tag);

/** Load an input as a scenario: its "--set" lines as overrides, the rest
 * written to @p path first.
 * @return rb_scenario_load()'s status; *sc and @p d as it leaves them. */
rb_status fuzz_load(rb_scenario **sc, const char *path, const uint8_t *data,
                    size_t size, rb_diag *d);

#endif
