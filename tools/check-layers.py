#!/usr/bin/env python3
"""Check that rentbridge's sources keep to their layers (docs/architecture.md).

  python3 tools/check-layers.py [--root DIR] [--build DIR]
                                [--only includes,calls,lengths] [--max N]

src/ holds one folder per layer, lowest first in LAYERS below.  A file may
include and call its own folder and lower layers only:

  includes  every #include "..." in src/<layer>/ names its own folder, a
            lower layer's private header ("layer/file.h") or a public header
            ("rentbridge/x.h") of its own or a lower layer; src/cli includes
            only public headers and base/; a public header includes only
            public headers of its own or lower layers.  Only the rng layer
            includes Random123, and only src/engine/ uses OpenMP and
            includes <mpi.h>.
  calls     in the built objects (BUILD/obj/<layer>/*.o, read with nm), a
            symbol a layer's object needs that an object of a higher layer
            defines is an error, naming both.
  lengths   no function in src/ over --max lines (tools/function-lengths.py).

Each problem is printed as FILE:LINE: message; the last line counts them.
Exits 1 when there is any problem, 2 on a usage error.
"""
import importlib.util
import os
import re
import subprocess
import sys

# Lowest first.  A new layer goes into this list and docs/architecture.md.
LAYERS = ["base", "rng", "config", "subsidy", "scenario", "model", "engine",
          "decide", "output", "report", "folder", "track", "live", "cli"]
RANK = {name: i for i, name in enumerate(LAYERS)}

# The layer each public header include/rentbridge/<name>.h belongs to.
PUBLIC = {"status": "base", "version": "base",
          "subsidy": "subsidy", "scenario": "scenario", "kommune": "scenario",
          "accounts": "model",
          "subsidy_view": "model",
          "engine": "engine", "trace": "engine", "engine_mpi": "engine", "decision": "decide",
          "output": "output",
          "report": "report", "folder": "folder", "track": "track",
          "live": "live"}

# The command line sees the library through its public headers and the
# base helpers only.
CLI_PRIVATE_OK = {"base"}

# Third-party headers one layer alone includes: the generator's library in
# rng, OpenMP and MPI in the engine's driver (MPI: src/engine/mpi.c, the
# MPI program's hooks; its main src/cli/main_mpi.c uses
# rentbridge/engine_mpi.h).
OWNED_SYSTEM = {"Random123/": "rng", "omp.h": "engine", "mpi.h": "engine"}
PRAGMA_OMP = re.compile(r"^\s*#\s*pragma\s+omp\b")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

TOOLS = os.path.dirname(os.path.abspath(__file__))


class Problems:
    """The problems found, each FILE:LINE: message."""

    def __init__(self):
        self.found = []

    def add(self, path, line, msg):
        self.found.append((path, line, msg))

    def lines(self):
        """The problems by file and line."""
        return [f"{f}:{n}: {m}" if n else f"{f}: {m}"
                for f, n, m in sorted(self.found)]


def layer_files(root, exts):
    """(layer, path relative to root) of every file of src/<layer>/."""
    src = os.path.join(root, "src")
    out = []
    for layer in sorted(os.listdir(src)):
        folder = os.path.join(src, layer)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(exts):
                out.append((layer, f"src/{layer}/{name}"))
    return out


def includes_of(root, rel):
    """(line number, quote, name) of each #include of the file."""
    out = []
    with open(os.path.join(root, rel), encoding="utf-8",
              errors="replace") as f:
        for n, text in enumerate(f, 1):
            m = INCLUDE.match(text)
            if m:
                out.append((n, m.group(1), m.group(2)))
    return out


def header_layer(name):
    """The layer of public header rentbridge/<name>, or None."""
    stem = name[len("rentbridge/"):]
    stem = stem[:-2] if stem.endswith(".h") else stem
    return PUBLIC.get(stem)


def resolve(root, rel, quote, name):
    """What an include of file @rel names, as "layer/file" or
    "rentbridge/file" from -Iinclude -Isrc, or None for a system header."""
    here = os.path.dirname(rel)
    if quote == '"' and os.path.exists(os.path.join(root, here, name)):
        path = os.path.normpath(os.path.join(here, name))
        for top in ("src/", "include/"):
            if path.startswith(top):
                return path[len(top):]
    first = name.split("/")[0]
    if name.startswith("rentbridge/") or first in RANK:
        return os.path.normpath(name)
    return name if quote == '"' else None


def check_one_include(p, rel, layer, n, target):
    """One include of src/<layer>/ file @rel, resolved to @target."""
    if target.startswith("rentbridge/"):
        owner = header_layer(target)
        if owner is None:
            p.add(rel, n, f'"{target}" is a public header of no layer '
                  "(add it to PUBLIC in tools/check-layers.py)")
        elif RANK[owner] > RANK[layer]:
            p.add(rel, n, f'includes "{target}" of layer {owner}, above '
                  f"{layer}: a layer includes its own and lower layers only")
        return
    first = target.split("/")[0]
    if first not in RANK or "/" not in target:
        p.add(rel, n, f'includes "{target}", which names no layer folder '
              '(write "layer/file.h" or "rentbridge/file.h")')
    elif first == layer:
        return
    elif layer == "cli" and first not in CLI_PRIVATE_OK:
        p.add(rel, n, f'includes "{target}", a private header of layer '
              f"{first}: src/cli includes only public headers "
              "(rentbridge/*.h) and base/")
    elif RANK[first] > RANK[layer]:
        p.add(rel, n, f'includes "{target}" of layer {first}, above '
              f"{layer}: a layer includes its own and lower layers only")


def check_src_includes(root, p):
    """Rule (a) for src/: returns how many files were read."""
    files = layer_files(root, (".c", ".h"))
    for layer, rel in files:
        if layer not in RANK:
            continue
        for n, quote, name in includes_of(root, rel):
            check_owned(p, rel, layer, n, name)
            target = resolve(root, rel, quote, name)
            if target is not None:
                check_one_include(p, rel, layer, n, target)
        check_omp(root, p, rel, layer)
    return len(files)


def check_owned(p, rel, layer, n, name):
    """Random123 is included by the rng layer only, omp.h and mpi.h by the
    engine."""
    for prefix, owner in OWNED_SYSTEM.items():
        if name.startswith(prefix) and layer != owner:
            p.add(rel, n, f"includes <{name}>: only the {owner} layer "
                  f"includes {prefix.rstrip('/')}")


def check_omp(root, p, rel, layer):
    """OpenMP pragmas stand in the engine's driver only."""
    if layer == "engine":
        return
    with open(os.path.join(root, rel), encoding="utf-8",
              errors="replace") as f:
        for n, text in enumerate(f, 1):
            if PRAGMA_OMP.match(text):
                p.add(rel, n, "#pragma omp outside src/engine/: the engine's "
                      "driver is the one parallel loop")


def check_public_includes(root, p):
    """Rule (a) for include/rentbridge/: returns how many headers."""
    folder = os.path.join(root, "include", "rentbridge")
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    names = [x for x in names if x.endswith(".h")]
    for name in names:
        rel = f"include/rentbridge/{name}"
        owner = header_layer("rentbridge/" + name)
        if owner is None:
            p.add(rel, 1, "public header of no layer (add it to PUBLIC in "
                  "tools/check-layers.py and docs/architecture.md)")
            continue
        for n, quote, inc in includes_of(root, rel):
            check_owned(p, rel, owner, n, inc)
            target = resolve(root, rel, quote, inc)
            if target is None:
                continue
            if not target.startswith("rentbridge/"):
                p.add(rel, n, f'includes "{target}": a public header '
                      "includes only public headers")
                continue
            other = header_layer(target)
            if other is not None and RANK[other] > RANK[owner]:
                p.add(rel, n, f'includes "{target}" of layer {other}, above '
                      f"{owner}: a public header includes its own and lower "
                      "layers' public headers only")
    return len(names)


def check_folders(root, p):
    """Every folder of src/ is a layer."""
    for name in sorted(os.listdir(os.path.join(root, "src"))):
        if os.path.isdir(os.path.join(root, "src", name)) \
                and name not in RANK:
            p.add(f"src/{name}", 0, "folder of no layer (add it to LAYERS "
                  "in tools/check-layers.py and docs/architecture.md)")


def nm_symbols(obj):
    """(defined, undefined) global symbol names of an object file."""
    out = subprocess.run(["nm", "-P", "-g", obj], capture_output=True,
                         text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) < 2:
            continue
        (undefined if f[1] == "U" else defined).add(f[0])
    return defined, undefined


def objects(root, build):
    """(layer, object path, source path relative to root) of each object
    of BUILD/obj/<layer>/ whose source still exists."""
    out = []
    for layer in LAYERS:
        folder = os.path.join(build, "obj", layer)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            src = f"src/{layer}/{name[:-2]}.c"
            if name.endswith(".o") and os.path.exists(
                    os.path.join(root, src)):
                out.append((layer, os.path.join(folder, name), src))
    return out


def first_use(root, src, sym, lengths):
    """The line of @src where @sym is first used inside braces (a call in a
    function body, or a table), else where it first stands at all, outside
    comments and strings; 0 when not found."""
    with open(os.path.join(root, src), encoding="utf-8",
              errors="replace") as f:
        text = lengths.strip(f.read())
    first = None
    for m in re.finditer(r"\b%s\b" % re.escape(sym), text):
        line = text.count("\n", 0, m.start()) + 1
        before = text[:m.start()]
        if before.count("{") > before.count("}"):
            return line
        first = first or line
    return first or 0


def check_calls(root, build, p, lengths):
    """Rule (b): returns how many objects were read."""
    objs = objects(root, build)
    if not objs:
        p.add(os.path.join(build, "obj"), 0,
              "no objects of the layers: build first (make)")
        return 0
    owner, needs = {}, []
    for layer, obj, src in objs:
        defined, undefined = nm_symbols(obj)
        for sym in defined:
            owner.setdefault(sym, (layer, src))
        needs.append((layer, src, undefined))
    for layer, src, undefined in needs:
        for sym in sorted(undefined):
            if sym in owner and RANK[owner[sym][0]] > RANK[layer]:
                other, where = owner[sym]
                p.add(src, first_use(root, src, sym, lengths),
                      f"uses {sym} of layer {other} ({where}), above "
                      f"{layer}: a layer calls its own and lower layers only")
    return len(objs)


def check_lengths(root, p, lengths, limit):
    """Rule (c): returns how many functions were measured."""
    count = 0
    for _, rel in layer_files(root, (".c", ".h")):
        for name, line, n in lengths.functions(os.path.join(root, rel)):
            count += 1
            if n > limit:
                p.add(rel, line, f"function {name} is {n} lines, over "
                      f"{limit}: split it")
    return count


def load_lengths():
    """tools/function-lengths.py as a module."""
    path = os.path.join(TOOLS, "function-lengths.py")
    spec = importlib.util.spec_from_file_location("function_lengths", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parse_args(argv):
    opts = {"root": os.path.dirname(TOOLS), "build": None,
            "only": {"includes", "calls", "lengths"}, "max": 80}
    k = 0
    while k < len(argv):
        a = argv[k]
        if a in ("--root", "--build", "--only", "--max") and k + 1 < len(argv):
            v = argv[k + 1]
            opts[a[2:]] = set(v.split(",")) if a == "--only" else \
                int(v) if a == "--max" else v
            k += 2
        else:
            print(__doc__, file=sys.stderr)
            sys.exit(2)
    if opts["build"] is None:
        opts["build"] = os.path.join(opts["root"], "build")
    return opts


def main(argv):
    o = parse_args(argv)
    root, p, lengths = o["root"], Problems(), load_lengths()
    said = []
    if "includes" in o["only"]:
        check_folders(root, p)
        said.append(f"{check_src_includes(root, p)} files and "
                    f"{check_public_includes(root, p)} public headers")
    if "calls" in o["only"]:
        said.append(f"{check_calls(root, o['build'], p, lengths)} objects")
    if "lengths" in o["only"]:
        said.append(f"{check_lengths(root, p, lengths, o['max'])} functions")
    lines = p.lines()
    for line in lines:
        print(line)
    read = ", ".join(said)
    if lines:
        print(f"check-layers: {len(lines)} problem(s) ({read} read)")
        return 1
    print(f"check-layers: ok ({read})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
