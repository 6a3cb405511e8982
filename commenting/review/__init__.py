"""Review a draft against higher law: ``review(document, corpus) -> list[Finding]``.

Each family of rules is a module with ``check(ctx) -> Iterable[Finding]`` (see catalogue.py for
the rule ids). ``run_all`` builds one :class:`ReviewContext` per document, runs every check,
and dedupes; ``review_file_json`` is what ``python -m commenting review FILE --json`` prints.
"""
from __future__ import annotations

import importlib
import os
import time
from pathlib import Path
from typing import Any, Iterable

from commenting.model import Document, Finding
from commenting.review.catalogue import RULES, checks, severity_rank
from commenting.review.context import ReviewContext

__all__ = ["review", "run_all", "review_file_json", "render_report", "ReviewContext"]

# Rule modules of this package (engineer A) and the restated-provision modules (engineer B);
# a module missing from the build is skipped, so the frame works with any subset.
_OWN_MODULES = (
    "citations", "internal", "numbering", "terminology", "validity",
    "setting_power", "penalty_type", "obligation",
)
_EXTERNAL_MODULES = ("divergence", "provisions")


def _load_modules() -> list[tuple[str, Any]]:
    mods = []
    for name in _OWN_MODULES + _EXTERNAL_MODULES:
        try:
            mods.append((name, importlib.import_module(f"commenting.review.{name}")))
        except ImportError as err:
            if name in _OWN_MODULES and f"commenting.review.{name}" != getattr(err, "name", None):
                raise
    return mods


def _all_checks() -> list[tuple[str, Any]]:
    """(name, check) for every rule check: registered ones plus B's module-level ``check``."""
    mods = _load_modules()
    out = list(checks())
    registered = {fn for _, fn in out}
    for name, mod in mods:
        fn = getattr(mod, "check", None)
        if callable(fn) and fn not in registered:
            out.append((name, fn))
            registered.add(fn)
    return out


def run_all(document: Document, corpus: Any, *, timings: dict[str, float] | None = None,
            context: ReviewContext | None = None) -> list[Finding]:
    """Run every check on ``document``; findings deduped and sorted by article then severity."""
    ctx = context or ReviewContext.build(document, corpus)
    findings: list[Finding] = []
    for name, fn in _all_checks():
        t0 = time.perf_counter()
        try:
            for f in fn(ctx) or ():
                if f.rule in RULES:
                    findings.append(f)
        except Exception as err:  # one broken check must not lose the others' findings
            if os.environ.get("COMMENTING_DEBUG"):
                raise
            ctx.errors.append(f"{name}: {type(err).__name__}: {err}")
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
    return _dedupe(findings)


def review(document: Document, corpus: Any) -> list[Finding]:
    return run_all(document, corpus)


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (article, rule, quote); the most severe (then the first) wins.

    Findings of different rules on the same span are both kept: a specific restated-provision
    rule and e.g. a citation rule say different things.
    """
    best: dict[tuple, Finding] = {}
    order: list[tuple] = []
    for f in findings:
        key = (f.article, f.sub, f.rule, f.quote)
        if key not in best:
            best[key] = f
            order.append(key)
        elif severity_rank(f.severity) < severity_rank(best[key].severity):
            best[key] = f
    out = _drop_subsumed([best[k] for k in order])
    out.sort(key=lambda f: (f.article, f.sub, severity_rank(f.severity)))
    return out


# A generic rule says less than a specific one on the same words: "no basis for this obligation"
# adds nothing to "the law forbids exactly this" (a restated-provision rule of owner "b", e.g.
# hearing-rights) or to "this document may not set a fee" (setting-power).
_GENERIC = frozenset({"obligation-without-basis"})


def _specific(f: Finding) -> bool:
    r = RULES.get(f.rule)
    if r is None or severity_rank(f.severity) > severity_rank("warning"):
        return False
    return f.rule == "setting-power" or (r.owner == "b" and f.rule != "divergence")


def _drop_subsumed(findings: list[Finding]) -> list[Finding]:
    specific = [f for f in findings if _specific(f)]
    if not specific:
        return findings

    def covered(f: Finding) -> bool:
        return any(s.article == f.article and s.sub == f.sub and s.quote and f.quote
                   and (s.quote in f.quote or f.quote in s.quote) for s in specific)

    return [f for f in findings if not (f.rule in _GENERIC and covered(f))]


# ---------------------------------------------------------------- file entry points


def _open_corpus(corpus_path: str | Path | None):
    from commenting.corpus import open_corpus

    return open_corpus(Path(corpus_path)) if corpus_path else open_corpus()


def review_file(path: str | Path, corpus_path: str | Path | None = None, *,
                corpus: Any = None) -> tuple[Document, list[Finding]]:
    """Read a draft (ReadError when it cannot be read) and review it against the corpus."""
    from commenting.structure import read_document

    document = read_document(Path(path))
    return document, review(document, corpus if corpus is not None else _open_corpus(corpus_path))


def review_file_json(path: str | Path, corpus_path: str | Path | None = None, *,
                     corpus: Any = None) -> dict[str, Any]:
    """The ``review --json`` object of ../shared/docs/findings.md: title, level, articles, findings."""
    document, findings = review_file(path, corpus_path, corpus=corpus)
    out = document.to_json()
    out["findings"] = [f.to_json() for f in findings]
    return out


_SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}


def render_report(result: dict[str, Any]) -> str:
    """A readable Chinese report of a ``review_file_json`` result, article by article."""
    lines = [f"审查报告：{result.get('title', '')}", f"文件层级：{result.get('level', '')}"]
    findings = result.get("findings", [])
    counts = {s: sum(1 for f in findings if f.get("severity") == s) for s in _SEVERITY_CN}
    lines.append("发现问题：" + "，".join(f"{_SEVERITY_CN[s]} {n} 项" for s, n in counts.items()))
    if not findings:
        lines.append("未发现问题。")
        return "\n".join(lines) + "\n"
    labels = {(a.get("no"), a.get("sub", 0) or 0): a.get("label", "") for a in result.get("articles", [])}
    current = None
    for f in findings:
        key = (f.get("article"), f.get("sub", 0) or 0)
        if key != current:
            current = key
            head = labels.get(key) or ("标题、说明及附件" if key[0] == 0 else f"第{key[0]}条")
            lines.append("")
            lines.append(f"【{head}】")
        name = RULES[f["rule"]].name if f.get("rule") in RULES else f.get("rule", "")
        lines.append(f"  [{_SEVERITY_CN.get(f.get('severity'), f.get('severity'))}] {name}（{f.get('rule')}）")
        if f.get("quote"):
            lines.append(f"    原文：{f['quote']}")
        if f.get("message"):
            lines.append(f"    说明：{f['message']}")
        if f.get("suggestion"):
            lines.append(f"    意见：{f['suggestion']}")
        basis = f.get("basis") or []
        if basis:
            from commenting.numerals import article_label

            lines.append("    依据：" + "；".join(f"《{b['law']}》{article_label(b['article'])}" for b in basis))
    return "\n".join(lines) + "\n"
