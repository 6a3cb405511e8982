"""Legal facts kept as data in the repository's ``corpus/`` folder (each row names its source).

- ``terms.csv``: legal terms segmented as single words (term, source)
- ``aliases.csv``: other names of a law (alias, title, source)
- ``title_history.csv``: repealed / renamed titles (old_title, new_title, kind, date, basis_law,
  basis_article, source)
- ``obsolete_names.csv``: obsolete agency names and terms (name, successor, kind, note, source)
- ``traditional_chars.csv``: traditional → simplified characters (read by commenting.numerals.to_simplified)
- ``law_prior.csv``: prior weight of a law for related() (law, weight, core, citing_documents, source)
- ``renumbering/*.csv``: article maps between two versions (old, new, similarity, checked, source)
- ``places.csv``: provinces and cities (name, province, kind, source), to place a local document
- ``known_titles.csv``: real documents the library does not hold (title, level, issuer, source)
- ``title_scope.toml``: which unmatched titles are "not in the library" and which "no such document"
- ``related_provisions.csv``: provisions related to any text that does something (sets a penalty, a
  licence condition, a compulsory measure), whatever its wording (pattern, law, article, why, source)
"""
from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from commenting import paths
from commenting.corpus.model import ObsoleteName


def facts_dir() -> Path:
    return paths.FACTS_DIR


def _rows(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    path = (folder or facts_dir()) / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(f)
            if any((v or "").strip() for v in row.values())
        ]


@dataclass(frozen=True)
class TitleChange:
    old_title: str
    new_title: str | None
    kind: str  # "renamed" | "repealed"
    date: str | None
    basis_law: str | None
    basis_article: int | None
    source: str


def terms() -> list[str]:
    return [r["term"] for r in _rows("terms.csv") if r.get("term")]


def aliases() -> list[tuple[str, str, str]]:
    return [(r["alias"], r["title"], r.get("source", "")) for r in _rows("aliases.csv")]


def title_history() -> list[TitleChange]:
    out = []
    for r in _rows("title_history.csv"):
        art = r.get("basis_article") or ""
        out.append(
            TitleChange(
                old_title=r["old_title"],
                new_title=r.get("new_title") or None,
                kind=r.get("kind") or "repealed",
                date=r.get("date") or None,
                basis_law=r.get("basis_law") or None,
                basis_article=int(art) if art.isdigit() else None,
                source=r.get("source", ""),
            )
        )
    return out


def obsolete_names() -> list[ObsoleteName]:
    return [
        ObsoleteName(
            name=r["name"],
            successor=r.get("successor", ""),
            source=r.get("source", ""),
            kind=r.get("kind") or "agency",
            note=r.get("note", ""),
            since=r.get("since") or "",
        )
        for r in _rows("obsolete_names.csv")
    ]


def law_prior() -> dict[str, float]:
    out: dict[str, float] = {}
    for r in _rows("law_prior.csv"):
        try:
            out[r["law"]] = float(r["weight"])
        except (KeyError, ValueError):
            continue
    return out


def core_laws() -> list[str]:
    """Laws marked ``core`` in law_prior.csv: all their articles are related() candidates."""
    return [r["law"] for r in _rows("law_prior.csv") if r.get("core") == "是"]


def renumbering_files() -> list[Path]:
    d = facts_dir() / "renumbering"
    return sorted(d.glob("*.csv")) if d.is_dir() else []


def renumbering_rows(path: Path) -> list[dict[str, str]]:
    return _rows(path.name, path.parent)


def renumbering_maps(work_of: Callable[[str], str | None]) -> dict[tuple[str, str | None], dict[int, list[tuple[int, float]]]]:
    """All stored maps: (work, old_date) → old article → [(new article, similarity)].

    ``work_of`` names the work a law title belongs to (``Corpus`` passes its own lookup).
    """
    out: dict[tuple[str, str | None], dict[int, list[tuple[int, float]]]] = {}
    for path in renumbering_files():
        for r in renumbering_rows(path):
            work = work_of(r.get("law", ""))
            if not work or not r.get("old", "").isdigit() or not r.get("new", "").isdigit():
                continue
            if (r.get("checked") or "").startswith("否决"):  # a pair a reviewer rejected
                continue
            m = out.setdefault((work, r.get("old_date") or None), {})
            try:
                sim = float(r.get("similarity") or 0)
            except ValueError:
                sim = 0.0
            m.setdefault(int(r["old"]), []).append((int(r["new"]), sim))
    return out


@dataclass(frozen=True)
class Place:
    name: str
    province: str
    kind: str  # "province" | "city"
    source: str


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    return {
        r["name"]: Place(r["name"], r["province"], r.get("kind") or "city", r.get("source", ""))
        for r in _rows("places.csv") if r.get("name") and r.get("province")
    }


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern | None:
    names = sorted(places(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def place_of(text: str | None) -> tuple[str | None, str | None]:
    """(province, city) named in an issuer or title: 湖南省人民代表大会常务委员会 → (湖南省, None),
    衡阳市人民政府 → (湖南省, 衡阳市); (None, None) when it names no place of places.csv."""
    pat = _place_pattern()
    if not text or pat is None:
        return None, None
    province = city = None
    for m in pat.finditer(text):
        p = places()[m.group(0)]
        if p.kind == "province":
            province = province or p.province
        elif city is None and (province is None or p.province == province):
            province, city = p.province, p.name
    return province, city


@dataclass(frozen=True)
class KnownTitle:
    title: str
    level: str
    issuer: str
    source: str


def known_titles() -> list[KnownTitle]:
    return [KnownTitle(r["title"], r.get("level", ""), r.get("issuer", ""), r.get("source", "")) for r in _rows("known_titles.csv")]


@dataclass(frozen=True)
class RelatedProvision:
    pattern: re.Pattern
    law: str
    article: int
    why: str
    source: str


@lru_cache(maxsize=1)
def related_provisions() -> list[RelatedProvision]:
    return [
        RelatedProvision(re.compile(r["pattern"]), r["law"], int(r["article"]), r.get("why", ""), r.get("source", ""))
        for r in _rows("related_provisions.csv") if r.get("pattern") and (r.get("article") or "").isdigit()
    ]


@dataclass(frozen=True)
class ScopeRule:
    answer: str  # "not-in-library" | "no-such-document"
    pattern: re.Pattern
    why: str


@lru_cache(maxsize=1)
def title_scope() -> list[ScopeRule]:
    path = facts_dir() / "title_scope.toml"
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [ScopeRule(r["answer"], re.compile(r["pattern"]), r.get("why", "")) for r in data.get("rule", [])]


@lru_cache(maxsize=1)
def dictionary_hash() -> str:
    """Hash of the files that change how text is segmented (a change forces a full re-index)."""
    h = hashlib.sha1()
    for name in ("terms.csv", "aliases.csv"):
        p = facts_dir() / name
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()
