/* CSV fields (base/csv.h). */
#include "base/csv.h"

#include <math.h>
#include <string.h>

void rb_csv_num(FILE *f, double x) {
  if (isfinite(x)) {
    fprintf(f, "%.12g", x);
  }
}

void rb_csv_str(FILE *f, const char *s) {
  if (s == NULL) {
    return;
  }
  if (strpbrk(s, ",\"\n") == NULL) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"') {
      fputc('"', f);
    }
    fputc(*s, f);
  }
  fputc('"', f);
}
