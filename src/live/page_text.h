/* The live page's text, line by line (page_text.c, made by
 * tools/embed-page.py from page.html). */
#ifndef RENTBRIDGE_LIVE_PAGE_TEXT_H
#define RENTBRIDGE_LIVE_PAGE_TEXT_H

extern const char *const rb_live_page_lines[];
extern const int rb_live_page_n_lines;

#endif
