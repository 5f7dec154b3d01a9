/* The generator against known answers: Random123's own known-answer
 * vectors for Philox4x64-10 (its kat_vectors file), the engine's wrapper
 * rb_rng_u4 (counter layout and conversion to doubles, worked out by hand
 * on the first vector), and the psa adapter's first draws, computed here
 * from philox4x64 directly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rentbridge/engine.h"
#include "rng/rng.h"

/* Fail unless @p got is exactly @p want, naming the expression. */
#define EXACT(got, want) exact(#got, (got), (want))
static void exact(const char *what, double got, double want) {
  if (!(got == want)) {
    fail_msg("%s is %.17g, expected %.17g", what, got, want);
  }
}

/* Random123 kat_vectors, "philox4x64 10": counter, key, expected. */
typedef struct kat {
  uint64_t ctr[4], key[2], want[4];
} kat;

static const kat philox4x64_10[] = {
    {{0, 0, 0, 0},
     {0, 0},
     {0x16554d9eca36314cULL, 0xdb20fe9d672d0fdcULL, 0xd7e772cee186176bULL,
      0x7e68b68aec7ba23bULL}},
    {{~0ULL, ~0ULL, ~0ULL, ~0ULL},
     {~0ULL, ~0ULL},
     {0x87b092c3013fe90bULL, 0x438c3c67be8d0224ULL, 0x9cc7d7c69cd777b6ULL,
      0xa09caebf594f0ba0ULL}},
    {{0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL,
      0x082efa98ec4e6c89ULL},
     {0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL},
     {0xa528f45403e61d95ULL, 0x38c72dbd566e9788ULL, 0xa5a1610e72fd18b5ULL,
      0x57bd43b5e52b7fe6ULL}},
};

static philox4x64_ctr_t philox(uint64_t c0, uint64_t c1, uint64_t c2,
                               uint64_t c3, uint64_t k0, uint64_t k1) {
  philox4x64_ctr_t c = {{c0, c1, c2, c3}};
  philox4x64_key_t k = {{k0, k1}};
  return philox4x64(c, k);
}

static void test_rng__philox4x64_10_known_answers(void **state) {
  (void)state;
  for (size_t v = 0; v < sizeof philox4x64_10 / sizeof *philox4x64_10; v++) {
    const kat *x = &philox4x64_10[v];
    philox4x64_ctr_t r = philox(x->ctr[0], x->ctr[1], x->ctr[2], x->ctr[3],
                                x->key[0], x->key[1]);
    for (int i = 0; i < 4; i++) {
      if (r.v[i] != x->want[i]) {
        fail_msg("vector %zu word %d: %016llx, expected %016llx", v, i,
                 (unsigned long long)r.v[i], (unsigned long long)x->want[i]);
      }
    }
  }
}

static void test_rng__u4_first_vector_by_hand(void **state) {
  (void)state;
  /* Seed 0, replication 0, group 0, citizen 0, month 0, purpose 0 is the
   * all-zero counter and key of the first vector.  Word w gives
   * k = w >> 11 and the double nearest to (k + 1/2) / 2^53:
   *   0x16554d9eca36314c: k = 785780169066182 (< 2^52: exact midpoint)
   *   0xdb20fe9d672d0fdc: k = 7709912229275041 (≥ 2^52: k + 1/2 is a tie,
   *                       rounded to the even k + 1)
   *   0xd7e772cee186176b: k = 7596450034495682 (tie, rounded to even k)
   *   0x7e68b68aec7ba23b: k = 4447622536204148 (exact midpoint) */
  static const double want[4] = {0x1.6554d9eca3634p-4, 0x1.b641fd3ace5a2p-1,
                                 0x1.afcee59dc30c2p-1, 0x1.f9a2da2bb1ee9p-2};
  double u[4];
  rb_rng_u4(u, 0, 0, 0, 0, 0, 0);
  for (int i = 0; i < 4; i++) {
    EXACT(u[i], want[i]);
  }
  EXACT(want[0], (785780169066182.0 * 2.0 + 1.0) * 0x1.0p-54);
  EXACT(want[1], 7709912229275042.0 * 0x1.0p-53);
  EXACT(want[2], 7596450034495682.0 * 0x1.0p-53);
  EXACT(want[3], (4447622536204148.0 * 2.0 + 1.0) * 0x1.0p-54);
}

static void test_rng__u4_counter_layout(void **state) {
  (void)state;
  /* Key {seed, replication}; counter {group << 32 | citizen, month,
   * purpose, 0}: every field lands in its own place. */
  const uint64_t seed = 0x243f6a8885a308d3ULL, rep = 17;
  const uint32_t group = 5, citizen = 0x9e3779b9u, month = 119;
  double u[4];
  rb_rng_u4(u, seed, rep, group, citizen, month, RB_PURPOSE_MONTH);
  philox4x64_ctr_t r = philox(((uint64_t)group << 32) | citizen, month,
                              RB_PURPOSE_MONTH, 0, seed, rep);
  for (int i = 0; i < 4; i++) {
    EXACT(u[i], ((double)(r.v[i] >> 11) + 0.5) * 0x1.0p-53);
    assert_true(u[i] > 0.0 && u[i] < 1.0);
  }
  /* Another purpose, month, citizen or group is another block. */
  double w[4];
  rb_rng_u4(w, seed, rep, group, citizen, month, RB_PURPOSE_ENTRY);
  assert_true(w[0] != u[0]);
  rb_rng_u4(w, seed, rep, group, citizen + 1, month, RB_PURPOSE_MONTH);
  assert_true(w[0] != u[0]);
  rb_rng_u4(w, seed, rep, group + 1, citizen, month, RB_PURPOSE_MONTH);
  assert_true(w[0] != u[0]);
}

/* The midpoint formula of rb_rng_u4 as it was before issue 20. */
static double midpoint(uint64_t w) {
  return ((double)(w >> 11) + 0.5) * 0x1.0p-53;
}

/* Issue 20: the top 2^11 of the 2^64 words, k = w >> 11 = 2^53 − 1, gave
 * exactly 1.0 ((k + 1/2) is a tie rounded to the even 2^53), and the
 * lognormal rent's inversion at 1 is infinite.  They give the double below
 * 1; every other word the midpoint, as before (the golden files pin the
 * rest down). */
static void test_rng__u01_top_words_stay_below_one(void **state) {
  (void)state;
  const uint64_t top = ~0ULL;
  EXACT(midpoint(top), 1.0); /* the old formula's flaw */
  EXACT(rb_rng_u01(top), 0x1.fffffffffffffp-1);
  EXACT(rb_rng_u01(top - 2047), 0x1.fffffffffffffp-1);
  assert_true(rb_rng_u01(top) < 1.0);
  /* Just below the top 2^11 words: 1 − 2^−52, unchanged. */
  EXACT(rb_rng_u01(top - 2048), midpoint(top - 2048));
  EXACT(rb_rng_u01(top - 2048), 1.0 - 0x1.0p-52);
  EXACT(rb_rng_u01(0), 0x1.0p-54);
  /* A spread of words over the whole range: the midpoint exactly. */
  uint64_t w = 0x9e3779b97f4a7c15ULL;
  for (int i = 0; i < 100000; i++) {
    w = w * 6364136223846793005ULL + 1442695040888963407ULL;
    EXACT(rb_rng_u01(w), midpoint(w));
  }
}

/* The psa adapter's n-th 32-bit draw (0-based) for (seed, rep), worked out
 * from Random123's GSL adapter (conventional/gsl_cbrng.h): before each
 * block it adds 1 to word 0 and, as its carry test looks at word 1 (still
 * 0) rather than at a wrap of word 0, also to word 2.  Block b = n / 4 + 1
 * is therefore counter {b, 0, RB_PURPOSE_PSA + b, 0}, and its four draws
 * are the low 32 bits of words 3, 2, 1, 0. */
static unsigned long psa_draw(uint64_t seed, uint64_t rep, int n) {
  const uint64_t b = (uint64_t)(n / 4 + 1);
  philox4x64_ctr_t r = philox(b, 0, RB_PURPOSE_PSA + b, 0, seed, rep);
  return (unsigned long)(r.v[3 - n % 4] & 0xffffffffULL);
}

static void test_rng__psa_adapter_first_draws(void **state) {
  (void)state;
  const uint64_t seed = 20240601, rep = 3;
  gsl_rng *g = rb_rng_psa_alloc(seed, rep);
  assert_non_null(g);
  assert_true(gsl_rng_min(g) == 0);
  assert_true(gsl_rng_max(g) == 0xffffffffUL);
  for (int n = 0; n < 12; n++) {
    unsigned long got = gsl_rng_get(g);
    if (got != psa_draw(seed, rep, n)) {
      fail_msg("draw %d: %lx, expected %lx", n, got, psa_draw(seed, rep, n));
    }
  }
  /* Uniforms are the 32-bit draws over 2^32. */
  EXACT(gsl_rng_uniform(g), (double)psa_draw(seed, rep, 12) / 0x1.0p32);
  gsl_rng_free(g);
}

static void test_rng__psa_reset_rekeys(void **state) {
  (void)state;
  const uint64_t seed = 7;
  gsl_rng *g = rb_rng_psa_alloc(seed, 0);
  assert_non_null(g);
  /* Part-way through a block, then re-keyed: the new replication's stream
   * from its start. */
  for (int n = 0; n < 6; n++) {
    (void)gsl_rng_get(g);
  }
  rb_rng_psa_reset(g, seed, 41);
  for (int n = 0; n < 8; n++) {
    assert_true(gsl_rng_get(g) == psa_draw(seed, 41, n));
  }
  /* Back to replication 0: the same draws as a new generator's. */
  rb_rng_psa_reset(g, seed, 0);
  gsl_rng *h = rb_rng_psa_alloc(seed, 0);
  assert_non_null(h);
  for (int n = 0; n < 8; n++) {
    assert_true(gsl_rng_get(g) == gsl_rng_get(h));
  }
  gsl_rng_free(h);
  gsl_rng_free(g);
}

static void test_rng__engine_names_the_generator(void **state) {
  (void)state;
  assert_string_equal(rb_engine_rng_name(), "Random123 Philox4x64-10");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rng__philox4x64_10_known_answers),
      cmocka_unit_test(test_rng__u4_first_vector_by_hand),
      cmocka_unit_test(test_rng__u4_counter_layout),
      cmocka_unit_test(test_rng__u01_top_words_stay_below_one),
      cmocka_unit_test(test_rng__psa_adapter_first_draws),
      cmocka_unit_test(test_rng__psa_reset_rekeys),
      cmocka_unit_test(test_rng__engine_names_the_generator),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
