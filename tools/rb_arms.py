"""Shared by tools/check-scenarios.py and tools/check-network.py: summary.json
of a scenario that lists its arms (issue 11) read as today's two arms."""


def alias_arms(s):
    """A scenario that lists its arms (issue 11) writes them by name: give the
    first arm's entries the name `intervention` and the reference's `baseline`
    too, so a run with arms reads as today's two (the others stay by name)."""
    arms = s.get("arms")
    if not arms:
        return s
    first = arms[0]["name"]
    ref = next((a["name"] for a in arms if a.get("reference")), arms[-1]["name"])

    def fix(block):
        for key in ("outcomes", "occupancy"):
            d = block.get(key, {})
            if first in d and ref in d:
                d["intervention"], d["baseline"] = d[first], d[ref]
        for key in ("perspectives", "undiscounted"):
            for p in block.get(key, {}).values():
                if first in p and ref in p:
                    p["intervention"], p["baseline"] = p[first], p[ref]

    fix(s)
    for g in s.get("groups", {}).values():
        fix(g)
    return s
