"""The issuing body and the document's level (法律 … 规范性文件), guessed with evidence.

The keyword rules are data: ``corpus/document_levels.toml`` (sources noted there).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from commenting.paths import FACTS_DIR
from commenting.structure.lines import MARKER, ORG_SUFFIX, compact

LEVELS_FILE = FACTS_DIR / "document_levels.toml"

# Issuer prefix of a title: 湖南省药品监督管理局行政处罚裁量权适用规定 → 湖南省药品监督管理局
_TITLE_ISSUER = re.compile(
    r"^(?P<org>\S{2,24}?(?:人民代表大会常务委员会|人民政府办公厅|人民政府办公室|人民政府|监督管理局|管理局|总局|委员会|办公厅|办公室|[^管]局|厅))"
    r"(?:关于)?\S{2,}$"
)
_INTERPRETS = re.compile(r"本(?:规定|办法|细则|规则|通知|意见|条例|决定|规章)由(?P<org>\S{2,30}?)负责解释")
_DECREE = re.compile(r"(?P<org>\S{2,30}?(?:总局|部|委员会|局|人民政府|国务院))令")


@dataclass
class LevelRule:
    level: str
    where: str
    pattern: re.Pattern
    evidence: str
    unless: re.Pattern | None = None
    requires_issuer: re.Pattern | None = None
    requires_title: re.Pattern | None = None


@lru_cache(maxsize=1)
def load_rules() -> tuple[str, list[LevelRule], list[LevelRule]]:
    data = tomllib.loads(LEVELS_FILE.read_text(encoding="utf-8"))

    def rule(r: dict, level: str = "") -> LevelRule:
        return LevelRule(
            level=r.get("level", level),
            where=r["where"],
            pattern=re.compile(r["pattern"]),
            evidence=r["evidence"],
            unless=re.compile(r["unless"]) if r.get("unless") else None,
            requires_issuer=re.compile(r["requires_issuer"]) if r.get("requires_issuer") else None,
            requires_title=re.compile(r["requires_title"]) if r.get("requires_title") else None,
        )

    default = data.get("default_level", "规范性文件")
    return default, [rule(r) for r in data.get("rule", [])], [rule(r, default) for r in data.get("support", [])]


def draft_levels() -> list[str]:
    """The levels a draft can have: those the level guess knows, the default last."""
    default, rules, _ = load_rules()
    return list(dict.fromkeys([r.level for r in rules] + [default]))


def guess_issuer(title: str, head: list[str], closing: list[str], body: str) -> str | None:
    """The issuing body: signature line, 负责解释 clause, 令 line, or the title's prefix."""
    for line in closing:
        n = compact(line)
        if ORG_SUFFIX.search(n) and len(n) <= 30:
            return n
    m = _INTERPRETS.search(body)
    if m:
        return m.group("org")
    for line in head:
        m = _search(_DECREE, compact(line))
        if m and not re.search(r"[《》，。；：、]", m.group("org")):
            org = re.sub(r"^[（(]?(?:\d{4}年\d{1,2}月\d{1,2}日)?", "", m.group("org"))
            return org
    t = compact(MARKER.sub("", title))
    m = _TITLE_ISSUER.match(t)
    if m:
        return m.group("org")
    return None


def guess_level(title: str, issuer: str | None, head: list[str], body: str) -> tuple[str, list[str]]:
    """(level, evidence phrases in Chinese)."""
    default, rules, support = load_rules()
    bare_title = compact(MARKER.sub("", title))
    fields = {
        "title": bare_title,
        "issuer": issuer or "",
        "head": "\n".join(head),
        "body": body,
    }
    chosen: str | None = None
    evidence: list[str] = []
    for r in rules:
        text = fields[r.where]
        m = _search(r.pattern, text) if r.where in ("head", "body") else r.pattern.search(text)
        if not m or (r.unless and r.unless.search(text)):
            continue
        if r.requires_issuer and not r.requires_issuer.search(issuer or ""):
            continue
        if r.requires_title and not r.requires_title.search(bare_title):
            continue
        if chosen is None:
            chosen = r.level
        if r.level == chosen:
            evidence.append(_evidence(r, m, fields))
    if chosen is None:
        chosen = default
        for r in support:
            m = _search(r.pattern, fields[r.where])
            if m:
                evidence.append(_evidence(r, m, fields))
        if not evidence:
            evidence.append("未见法律、法规、规章的制定特征，按规范性文件处理")
    return chosen, evidence


# 《优化营商环境条例》（国务院令第722号） cites another act's decree: not evidence about this one.
_CITED = re.compile(r"》[（(][^（）()]*$")


def _search(pattern: re.Pattern, text: str) -> re.Match | None:
    """First match of ``pattern`` that is not inside a citation of another act."""
    for m in pattern.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not _CITED.search(text[line_start:m.start()]):
            return m
    return None


def _evidence(r: LevelRule, m: re.Match, fields: dict[str, str]) -> str:
    shown = fields["issuer"] if r.where == "issuer" else m.group(0)
    return f"{r.evidence}（“{shown}”）"
