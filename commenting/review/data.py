"""Review facts kept as data in the repo's corpus/review/ folder (each row with its source)."""
from __future__ import annotations

import csv
import tomllib
from functools import lru_cache

from commenting.model import Basis
from commenting.paths import FACTS_DIR

REVIEW_DATA = FACTS_DIR / "review"


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of corpus/review/<name> (CSV with a header), comment lines (#…) skipped."""
    with open(REVIEW_DATA / name, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple({k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines))


@lru_cache(maxsize=None)
def table(name: str) -> dict:
    """Contents of corpus/review/<name> (TOML)."""
    with open(REVIEW_DATA / name, "rb") as fh:
        return tomllib.load(fh)


def parse_basis(spec: str) -> list[Basis]:
    """"中华人民共和国行政处罚法:9;中华人民共和国行政处罚法:18" → [Basis, Basis]."""
    out = []
    for part in (spec or "").split(";"):
        part = part.strip()
        if not part:
            continue
        law, _, art = part.rpartition(":")
        out.append(Basis(law=law.strip(), article=int(art)))
    return out
