#include "rentbridge/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rb_status_str(rb_status s) {
  switch (s) {
#define RB_STATUS_CASE(name, value, exit_code, text)                           \
  case name:                                                                   \
    return text;
    RB_STATUS_LIST(RB_STATUS_CASE)
#undef RB_STATUS_CASE
  }
  return "unknown status";
}

int rb_status_exit_code(rb_status s) {
  switch (s) {
#define RB_STATUS_EXIT(name, value, exit_code, text)                           \
  case name:                                                                   \
    return exit_code;
    RB_STATUS_LIST(RB_STATUS_EXIT)
#undef RB_STATUS_EXIT
  }
  return 70;
}

void rb_diag_init(rb_diag *d) {
  d->msgs = NULL;
  d->n = 0;
  d->cap = 0;
}

void rb_diag_free(rb_diag *d) {
  for (size_t i = 0; i < d->n; i++) {
    free(d->msgs[i]);
  }
  free(d->msgs);
  rb_diag_init(d);
}

static void diag_push(rb_diag *d, char *line) {
  if (line == NULL) {
    return;
  }
  if (d->n == d->cap) {
    size_t cap = d->cap ? 2 * d->cap : 16;
    char **m = realloc(d->msgs, cap * sizeof *m);
    if (m == NULL) {
      free(line);
      return;
    }
    d->msgs = m;
    d->cap = cap;
  }
  d->msgs[d->n++] = line;
}

void rb_diag_add_raw(rb_diag *d, const char *text) {
  size_t len = strlen(text);
  char *line = malloc(len + 1);
  if (line != NULL) {
    memcpy(line, text, len + 1);
  }
  diag_push(d, line);
}

void rb_diag_add(rb_diag *d, const char *file, int line, const char *key,
                 const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rb_diag_addv(d, file, line, key, fmt, ap);
  va_end(ap);
}

void rb_diag_addv(rb_diag *d, const char *file, int line, const char *key,
                  const char *fmt, va_list ap) {
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);

  char prefix[1200];
  size_t p = 0;
  prefix[0] = '\0';
  if (file != NULL) {
    if (line > 0) {
      p += (size_t)snprintf(prefix, sizeof prefix, "%s:%d: ", file, line);
    } else {
      p += (size_t)snprintf(prefix, sizeof prefix, "%s: ", file);
    }
  }
  if (key != NULL && p < sizeof prefix) {
    snprintf(prefix + p, sizeof prefix - p, "%s: ", key);
  }
  size_t len = strlen(prefix) + strlen(msg) + 1;
  char *out = malloc(len);
  if (out != NULL) {
    snprintf(out, len, "%s%s", prefix, msg);
  }
  diag_push(d, out);
}
