/* Internal: the text of a string setting (see cfgtree.h).  Every string of
 * a scenario or rules file ends up in a report, a workbook (XML), a CSV
 * file or a terminal; a byte that is not UTF-8, or a control character,
 * would make the workbook's XML malformed and the other files unreadable,
 * so the loaders refuse them (scenario-loading.md, "Limits"). */
#include "config/cfgtree.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The continuation byte @p b in [lo, hi]? */
static bool cont(unsigned char b, unsigned char lo, unsigned char hi) {
  return b >= lo && b <= hi;
}

/* The length of the UTF-8 character at @p s (1–4) and its code point in
 * *cp; 0 when the bytes there are no valid UTF-8 (overlong forms,
 * surrogates and code points beyond U+10FFFF included). */
static int utf8_char(const unsigned char *s, uint32_t *cp) {
  unsigned char b = s[0];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF && cont(s[1], 0x80, 0xBF)) {
    *cp = (uint32_t)(b & 0x1F) << 6 | (s[1] & 0x3F);
    return 2;
  }
  unsigned char lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
  if (b >= 0xE0 && b <= 0xEF && cont(s[1], lo, hi) && cont(s[2], 0x80, 0xBF)) {
    *cp = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
          (s[2] & 0x3F);
    return 3;
  }
  lo = b == 0xF0 ? 0x90 : 0x80;
  hi = b == 0xF4 ? 0x8F : 0xBF;
  if (b >= 0xF0 && b <= 0xF4 && cont(s[1], lo, hi) && cont(s[2], 0x80, 0xBF) &&
      cont(s[3], 0x80, 0xBF)) {
    *cp = (uint32_t)(b & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
          (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
    return 4;
  }
  return 0;
}

/* A control character (C0 but the tab, DEL, C1), or one of the two
 * noncharacters that XML refuses?  A tab is text: XML, CSV and HTML take
 * it, and the writer escapes it.  A line break is not: every string of a
 * scenario is one line (a name, a label, a source). */
static bool not_text(uint32_t cp) {
  return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) ||
         cp == 0xFFFE || cp == 0xFFFF;
}

const char *rb_text_problem(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  const char *problem = NULL;
  while (*p != '\0') {
    uint32_t cp = 0;
    int n = utf8_char(p, &cp);
    if (n == 0) {
      return "must be valid UTF-8 text";
    }
    if (not_text(cp) && problem == NULL) {
      problem = "must not hold control characters or line breaks (a tab is "
                "allowed)";
    }
    p += n;
  }
  return problem;
}

/* The character at @p p for a message, into @p out (room for 17 bytes):
 * itself, or each byte as \xNN when it is no text; @return the bytes of
 * @p p it took. */
static int quote_char(const unsigned char *p, char *out) {
  uint32_t cp = 0;
  int n = utf8_char(p, &cp);
  if (n > 0 && !not_text(cp)) {
    memcpy(out, p, (size_t)n);
    out[n] = '\0';
    return n;
  }
  int k = n > 0 ? n : 1;
  for (int i = 0; i < k; i++) {
    snprintf(out + 4 * i, 5, "\\x%02x", p[i]);
  }
  return k;
}

void rb_text_quote(char *buf, size_t size, const char *s, size_t max) {
  const unsigned char *p = (const unsigned char *)s;
  char piece[17];
  size_t total = 0;
  for (const unsigned char *q = p; *q != '\0' && total <= max;) {
    q += quote_char(q, piece);
    total += strlen(piece);
  }
  /* Longer than max: the pieces that fit in max - 3, then "...". */
  size_t room = total > max ? max - 3 : max;
  size_t o = 0;
  if (size < 3) {
    buf[0] = '\0';
    return;
  }
  buf[o++] = '"';
  while (*p != '\0') {
    int n = quote_char(p, piece);
    size_t len = strlen(piece);
    if (o - 1 + len > room || o + len + 5 > size) {
      break;
    }
    memcpy(buf + o, piece, len);
    o += len;
    p += n;
  }
  snprintf(buf + o, size - o, "%s\"", total > max ? "..." : "");
}
