#!/usr/bin/env python3
"""Strict structural check of a rentbridge report.html.

Prints "ok svg=N ids=M" (N inline <svg> charts, M id attributes) and exits 0
when the page parses: a doctype and <html lang>, every element closed in
order (void elements excepted, self-closing tags only inside <svg>), no
duplicate id.  Otherwise prints the first problem and exits 1.
Used by tests/test_report.c.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.svg = 0
        self.ids = set()
        self.doctype = False
        self.lang = None

    def where(self):
        line, col = self.getpos()
        return f"line {line}, column {col + 1}"

    def check_attrs(self, attrs):
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"{self.where()}: duplicate id {value!r}")
                self.ids.add(value)

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def handle_starttag(self, tag, attrs):
        self.check_attrs(attrs)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "svg":
            if "svg" not in self.stack:
                self.svg += 1
        if tag in VOID and "svg" not in self.stack:
            return
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.check_attrs(attrs)
        if "svg" not in self.stack and tag not in VOID:
            self.problems.append(f"{self.where()}: <{tag}/> outside svg")

    def handle_endtag(self, tag):
        if tag in VOID and "svg" not in self.stack:
            self.problems.append(f"{self.where()}: end tag of void <{tag}>")
            return
        if not self.stack:
            self.problems.append(f"{self.where()}: </{tag}> with nothing open")
            return
        top = self.stack.pop()
        if top != tag:
            self.problems.append(
                f"{self.where()}: </{tag}> closes <{top}>")


def main():
    if len(sys.argv) != 2:
        print("usage: check_html.py FILE", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    c = Checker()
    c.feed(text)
    c.close()
    if not c.doctype:
        c.problems.append("no <!DOCTYPE html>")
    if not c.lang:
        c.problems.append("no lang attribute on <html>")
    if c.stack:
        c.problems.append("not closed: " + " ".join(c.stack))
    if c.problems:
        print(c.problems[0])
        return 1
    print(f"ok svg={c.svg} ids={len(c.ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
