/**
 * @file rng.h
 * @brief Counter-based random numbers (Random123 Philox4x64-10), private to
 * the library: the engine draws from them, callers get the generator's name
 * from rb_engine_rng_name().
 *
 * A draw is a pure function of the key (seed, replication) and the counter
 * (group, citizen in group, month, purpose), so a citizen's numbers are the
 * same in both arms (common random numbers), adding a group does not
 * reshuffle the others, and results never depend on the thread count.  One
 * Philox call gives four 64-bit words; within a purpose block each lane has
 * a fixed use (RB_LANE_*).
 */
#ifndef RENTBRIDGE_RNG_RNG_H
#define RENTBRIDGE_RNG_RNG_H

#include <Random123/philox.h>
#include <gsl/gsl_rng.h>
#include <stdint.h>

/** Purposes: the third word of the counter.  The psa stream's blocks take
 * every word from RB_PURPOSE_PSA + 1 on (see rb_rng_psa_reset): a new
 * purpose must be below RB_PURPOSE_PSA or use the counter's last word. */
enum {
  RB_PURPOSE_PATH = 0,  /**< a citizen's month, the path's draws that only
                           some scenarios make: lanes RB_LANE_PATH_* */
  RB_PURPOSE_MONTH = 1, /**< a citizen's month: lanes RB_LANE_* */
  RB_PURPOSE_ENTRY = 2, /**< a citizen's entry: initial activity and rent */
  RB_PURPOSE_PSA = 3    /**< a replication's draw of the uncertain values */
};

/** Lanes of a RB_PURPOSE_MONTH block. */
enum {
  RB_LANE_HOUSING = 0, /**< the housing event */
  RB_LANE_RENT = 1,    /**< rent of an offered flat, or of a rehousing */
  RB_LANE_END = 2,     /**< rehousing or return at the subsidy's end */
  RB_LANE_ACTIVITY = 3 /**< the activity event */
};

/** Lanes of a RB_PURPOSE_PATH block (issue 14): drawn only in a run where
 * some arm terminates leases, so the other purposes' draws never move. */
enum { RB_LANE_PATH_TERMINATED = 0, RB_LANE_PATH_WHERE = 1 };

/** Lanes of a RB_PURPOSE_ENTRY block. */
enum { RB_LANE_INIT_ACTIVITY = 0, RB_LANE_INIT_RENT = 1 };

/** Name of the generator, for manifests. */
#define RB_RNG_NAME "Random123 Philox4x64-10"

/** The largest double below 1: a uniform's top value. */
#define RB_RNG_U_MAX 0x1.fffffffffffffp-1

/**
 * A 64-bit word as a uniform in (0, 1): the 53-bit midpoint
 * ((w >> 11) + 0.5) / 2^53, never 0 or 1.  From k = w >> 11 = 2^52 on,
 * k + 0.5 is a tie rounded to the even neighbour, so the top k = 2^53 − 1
 * (the top 2^11 of the 2^64 words) would give exactly 1.0 (and an infinite
 * lognormal rent at its inversion): it gives RB_RNG_U_MAX, the double next
 * below, and every other word what the midpoint gives.
 */
__attribute__((always_inline)) static inline double rb_rng_u01(uint64_t w) {
  const double x = ((double)(w >> 11) + 0.5) * 0x1.0p-53;
  return x < RB_RNG_U_MAX ? x : RB_RNG_U_MAX;
}

/**
 * Four uniforms in (0, 1) for one counter (rb_rng_u01 of each word):
 * Philox4x64-10 of the counter {group << 32 | citizen, month, purpose, 0}
 * under the key {seed, rep}.
 * @param[out] out the four uniforms, lane by lane.
 */
__attribute__((always_inline)) static inline void
rb_rng_u4(double out[4], uint64_t seed, uint64_t rep, uint32_t group,
          uint32_t citizen, uint32_t month, uint32_t purpose) {
  philox4x64_ctr_t c = {{((uint64_t)group << 32) | citizen, month, purpose, 0}};
  philox4x64_key_t k = {{seed, rep}};
  philox4x64_ctr_t r = philox4x64(c, k);
  for (int i = 0; i < 4; i++) {
    out[i] = rb_rng_u01(r.v[i]);
  }
}

/**
 * Four uniforms of a pool of flats (docs/model.md, "Pools"): Philox4x64-10
 * of the counter {pool << 32 | k, month, 0, 1} under the key {seed, rep}.
 * Its last word 1 sets it apart from every citizen's and the psa's stream
 * (whose last word is 0), so adding a pool moves no other draw.  Draw
 * k = 0 gives the month's arrivals (lane 0); k = j + 1 flat j's rent
 * (lane 0).  The same in every arm (common random numbers).
 * @param[out] out the four uniforms, lane by lane.
 */
__attribute__((always_inline)) static inline void
rb_rng_pool_u4(double out[4], uint64_t seed, uint64_t rep, uint32_t pool,
               uint32_t k, uint32_t month) {
  philox4x64_ctr_t c = {{((uint64_t)pool << 32) | k, month, 0, 1}};
  philox4x64_key_t key = {{seed, rep}};
  philox4x64_ctr_t r = philox4x64(c, key);
  for (int i = 0; i < 4; i++) {
    out[i] = rb_rng_u01(r.v[i]);
  }
}

/**
 * A GSL generator on the Philox stream of purpose RB_PURPOSE_PSA for
 * replication @p rep (for GSL's samplers, e.g. gsl_ran_beta).
 * @return a new generator (gsl_rng_free), or NULL when out of memory.
 */
gsl_rng *rb_rng_psa_alloc(uint64_t seed, uint64_t rep);

/**
 * Re-key a generator made by rb_rng_psa_alloc for another replication: its
 * next draws are those of a new rb_rng_psa_alloc(seed, rep).  Random123's
 * GSL adapter (conventional/gsl_cbrng.h) gives the low 32 bits of words 3,
 * 2, 1, 0 of block b = 1, 2, ...  at counter {b, 0, RB_PURPOSE_PSA + b, 0}:
 * its carry test adds 1 to word 2 with every block while word 1 is 0
 * (tests/test_rng.c pins this down).
 */
void rb_rng_psa_reset(gsl_rng *r, uint64_t seed, uint64_t rep);

#endif
