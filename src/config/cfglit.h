/**
 * @file cfglit.h
 * @brief Internal to src/config: the integer literals of a libconfig text
 * as written.
 *
 * libconfig 1.5 reads an integer literal without the L suffix with atoi(),
 * which wraps it into 32 bits (`4294967306` reads as 10, `3000000000` as
 * −1294967296); one with the suffix with atoll(), which saturates at
 * 2^63 − 1; and a hexadecimal one with strtoul() or strtoull(), which wrap.
 * Nothing after parsing could tell such a number from one written as it
 * reads.  So the text of every file is scanned for its integer literals the
 * way libconfig's scanner finds them, and each integer setting of the tree
 * takes the exact value of its literal (cfgtree.c); a literal beyond 64 bits
 * is marked (rb_node.huge), so that a getter refuses it.
 */
#ifndef RENTBRIDGE_CFGLIT_H
#define RENTBRIDGE_CFGLIT_H

#include <stdbool.h>
#include <stddef.h>

/** One integer literal of a text. */
typedef struct rb_lit {
  int line;
  long long wrapped; /**< what libconfig 1.5 reads it as */
  long long exact;   /**< its value; saturated when @c huge */
  bool huge;         /**< beyond the 64-bit integers */
  double approx;     /**< its value as a double */
  char text[48];     /**< as written (cut to the room) */
} rb_lit;

/** The integer literals of one text, in the order they stand. */
typedef struct rb_lits {
  rb_lit *v;
  int n, cap;
  int cursor; /**< the literal after the one matched last */
} rb_lits;

/**
 * Scan @p text (@p len bytes, NUL bytes included) for its integer literals,
 * skipping comments, strings and names as libconfig 1.5's scanner does.
 * @return false when out of memory (@p out then holds what was found).
 */
bool rb_lits_scan(rb_lits *out, const char *text, size_t len);

/**
 * The literal of the next integer setting, on line @p line, that libconfig
 * read as @p got.  The settings of a text are converted in the order they
 * stand, so the literal at the cursor is the one; when it does not fit
 * (@p got or the line differs), the nearest following one that does is
 * taken, and a text read again (a file included twice) starts over.
 * @return the literal, or NULL when none fits.
 */
const rb_lit *rb_lits_match(rb_lits *l, int line, long long got);

/** Free the literals; the struct is left empty. */
void rb_lits_free(rb_lits *l);

#endif
