/* Reading back a workbook just written (report/xlsx_check.h): the zip's
 * central directory, each member inflated with zlib. */
#include "report/xlsx_check.h"

#include "base/file.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* How much of a member's start and end is kept for the XML check. */
#define KEEP 512

static uint32_t u16(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t u32(const unsigned char *p) {
  return u16(p) | u16(p + 2) << 16;
}

/* One member as inflated: its size, CRC-32, first and last bytes. */
typedef struct member {
  size_t size;
  uLong crc;
  unsigned char head[KEEP], tail[KEEP];
  size_t head_n, tail_n;
} member;

/* Take @p n more bytes of the member's text into @p m. */
static void take(member *m, const unsigned char *p, size_t n) {
  m->crc = crc32(m->crc, p, (uInt)n);
  m->size += n;
  size_t h = n < KEEP - m->head_n ? n : KEEP - m->head_n;
  memcpy(m->head + m->head_n, p, h);
  m->head_n += h;
  if (n >= KEEP) {
    memcpy(m->tail, p + n - KEEP, KEEP);
    m->tail_n = KEEP;
    return;
  }
  size_t keep = m->tail_n + n > KEEP ? KEEP - n : m->tail_n;
  memmove(m->tail, m->tail + m->tail_n - keep, keep);
  memcpy(m->tail + keep, p, n);
  m->tail_n = keep + n;
}

/* Inflate (method 8) or copy (method 0) @p n bytes at @p p into @p m.
 * @return 0, or −1 when the data is not a whole deflate stream. */
static int inflate_member(member *m, const unsigned char *p, size_t n,
                          unsigned method) {
  memset(m, 0, sizeof *m);
  m->crc = crc32(0L, Z_NULL, 0);
  if (method == 0) {
    take(m, p, n);
    return 0;
  }
  z_stream z;
  memset(&z, 0, sizeof z);
  if (method != 8 || inflateInit2(&z, -MAX_WBITS) != Z_OK) {
    return -1;
  }
  z.next_in = (Bytef *)(uintptr_t)p;
  z.avail_in = (uInt)n;
  unsigned char out[1 << 14];
  int rc;
  do {
    z.next_out = out;
    z.avail_out = sizeof out;
    rc = inflate(&z, Z_NO_FLUSH);
    take(m, out, sizeof out - z.avail_out);
  } while (rc == Z_OK);
  inflateEnd(&z);
  return rc == Z_STREAM_END ? 0 : -1;
}

static bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Does the XML member @p m end with the closing tag of its root element
 * (or is its root an empty element, with nothing after it)? */
static bool xml_whole(const member *m) {
  const char *h = (const char *)m->head;
  size_t i = 0, n = m->head_n;
  if (n > 5 && memcmp(h, "<?xml", 5) == 0) {
    const char *q = memchr(h, '>', n);
    i = q != NULL ? (size_t)(q - h) + 1 : n;
  }
  while (i < n && is_space((unsigned char)h[i])) {
    i++;
  }
  size_t j = i + 1;
  while (j < n && !is_space((unsigned char)h[j]) && h[j] != '/' &&
         h[j] != '>') {
    j++;
  }
  if (i >= n || h[i] != '<' || j >= n || j - i > 200) {
    return false;
  }
  size_t t = m->tail_n;
  while (t > 0 && is_space(m->tail[t - 1])) {
    t--;
  }
  char close[208];
  int k = snprintf(close, sizeof close, "</%.*s>", (int)(j - i - 1), h + i + 1);
  if (t >= (size_t)k && memcmp(m->tail + t - k, close, (size_t)k) == 0) {
    return true;
  }
  if (m->size > KEEP) {
    return false;
  }
  const char *gt = memchr(h + j, '>', n - j);
  return gt != NULL && gt[-1] == '/' && (size_t)(gt - h) + 1 == t;
}

static bool is_xml(const char *name, size_t len) {
  return (len > 4 && memcmp(name + len - 4, ".xml", 4) == 0) ||
         (len > 5 && memcmp(name + len - 5, ".rels", 5) == 0);
}

/* Check the member whose central directory entry is at @p e. */
static int check_member(const unsigned char *zip, size_t len,
                        const unsigned char *e, char *why, size_t wn) {
  size_t nlen = u16(e + 28), off = u32(e + 42), csize = u32(e + 20);
  const char *name = (const char *)e + 46;
  if (off > len || len - off < 30 || u32(zip + off) != 0x04034b50) {
    snprintf(why, wn, "a member's header is missing");
    return -1;
  }
  size_t data = off + 30 + u16(zip + off + 26) + u16(zip + off + 28);
  member m;
  if (data > len || len - data < csize ||
      inflate_member(&m, zip + data, csize, u16(e + 10)) != 0 ||
      m.size != u32(e + 24) || m.crc != u32(e + 16)) {
    snprintf(why, wn, "the part %.*s is damaged", (int)nlen, name);
    return -1;
  }
  if (is_xml(name, nlen) && !xml_whole(&m)) {
    snprintf(why, wn, "the part %.*s is cut short", (int)nlen, name);
    return -1;
  }
  return 0;
}

/* The end of central directory record of @p zip, or NULL. */
static const unsigned char *find_end(const unsigned char *zip, size_t len) {
  for (size_t k = len >= 22 ? len - 22 + 1 : 0;
       k-- > 0 && len - k <= 22 + 65535;) {
    if (u32(zip + k) == 0x06054b50) {
      return zip + k;
    }
  }
  return NULL;
}

/* Check every member of the zip @p zip. */
static int check_zip(const unsigned char *zip, size_t len, char *why,
                     size_t wn) {
  const unsigned char *end = find_end(zip, len);
  if (end == NULL) {
    snprintf(why, wn, "not a zip file");
    return -1;
  }
  size_t n = u16(end + 10), at = u32(end + 16), size = u32(end + 12);
  if (n == 0 || at > len || size > len - at) {
    snprintf(why, wn, "its directory is damaged");
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    const unsigned char *e = zip + at;
    if (len - at < 46 || u32(e) != 0x02014b50 ||
        len - at - 46 < u16(e + 28) + u16(e + 30) + u16(e + 32)) {
      snprintf(why, wn, "its directory is damaged");
      return -1;
    }
    if (check_member(zip, len, e, why, wn) != 0) {
      return -1;
    }
    at += 46 + u16(e + 28) + u16(e + 30) + u16(e + 32);
  }
  return 0;
}

int rb_xlsx_check(const char *path, char *why, size_t n) {
  size_t len = 0;
  unsigned char *zip = (unsigned char *)rb_file_slurp(path, &len, 0);
  if (zip == NULL) {
    snprintf(why, n, "it cannot be read back");
    return -1;
  }
  int rc = check_zip(zip, len, why, n);
  free(zip);
  return rc;
}
