"""Review a draft against higher law: ``review(document, corpus) -> ReviewResult``.

Each family of rules is a module whose checks register themselves with
:func:`commenting.review.catalogue.register` (``check(ctx) -> Iterable[Finding]`` for the rule ids
it names). ``run_all`` builds one :class:`ReviewContext` per document, runs every registered
check, and dedupes. A check that raises does not stop the others: its error is part of the
result (:attr:`ReviewResult.errors`), as is a finding of a rule the check did not register.
``review_file_json`` is what ``python -m commenting review FILE --json`` prints.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from commenting.corpus import open_corpus
from commenting.lawsource import LawSource
from commenting.model import Document, Finding
from commenting.numerals import article_label
from commenting.structure import read_document
# every rule module: importing it registers its checks (catalogue order is registration order)
from commenting.review import (  # noqa: F401
    citations, internal, numbering, terminology, validity, setting_power, penalty_type, obligation,
    provisions,
)
from commenting.review.catalogue import RULES, Check, checks, severity_rank
from commenting.review.context import ReviewContext

__all__ = ["review", "run_all", "review_file", "review_file_json", "render_report", "ReviewContext",
           "ReviewResult", "CheckError", "error_text", "run_check"]


@dataclass(frozen=True)
class CheckError:
    """A check that could not finish (or reported a rule it does not own): a bug, shown to the user."""

    check: str  # module.function
    error: str  # exception type and message

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "error": self.error}


@dataclass
class ReviewResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[CheckError] = field(default_factory=list)


def run_all(document: Document, corpus: LawSource, *, as_of: str | None = None, level: str | None = None,
            timings: dict[str, float] | None = None, context: ReviewContext | None = None,
            progress: Callable[[int, int], None] | None = None) -> ReviewResult:
    """Run every check on ``document``; findings deduped and sorted by article then severity.

    ``as_of`` (YYYY-MM-DD, default today): review against the law in force that day;
    ``level``: the draft's level, instead of the one guessed from its text;
    ``progress(done, total)``: called before each check and at the end (checks done, of all).
    """
    ctx = context or ReviewContext.build(document, corpus, as_of=as_of, level=level)
    findings: list[Finding] = []
    errors: list[CheckError] = []
    todo = checks()
    for done, check in enumerate(todo):
        if progress is not None:
            progress(done, len(todo))
        t0 = time.perf_counter()
        found, error = run_check(check, ctx)
        findings.extend(found)
        if error is not None:
            errors.append(error)
        if timings is not None:
            timings[check.name] = timings.get(check.name, 0.0) + time.perf_counter() - t0
    if progress is not None:
        progress(len(todo), len(todo))
    return ReviewResult(_dedupe(findings), errors)


def run_check(check: Check, ctx: ReviewContext) -> tuple[list[Finding], CheckError | None]:
    """The findings of one check, and what went wrong in it (None when nothing did)."""
    out: list[Finding] = []
    stray: list[str] = []
    try:
        for f in check.fn(ctx):
            if f.rule in check.rules:
                out.append(f)
            elif f.rule not in stray:
                stray.append(f.rule)
    except Exception as err:  # any exception here is a bug in the check: report it, run the others
        if os.environ.get("COMMENTING_DEBUG"):
            raise
        return out, CheckError(check.name, f"{type(err).__name__}: {err}")
    if stray:
        what = "未知的规则" if any(r not in RULES for r in stray) else "未登记的规则"
        return out, CheckError(check.name, f"{what}：{'、'.join(stray)}（该检查登记的规则：{'、'.join(check.rules)}）")
    return out, None


def review(document: Document, corpus: LawSource, *, as_of: str | None = None,
           level: str | None = None, progress: Callable[[int, int], None] | None = None) -> ReviewResult:
    """Findings and check errors of ``document`` (see :func:`run_all`)."""
    return run_all(document, corpus, as_of=as_of, level=level, progress=progress)


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
# adds nothing to "the law forbids exactly this" (a provision rule, e.g. hearing-rights) or to
# "this document may not set a fee" (setting-power): rules marked ``overrides_generic``.
_GENERIC = frozenset({"obligation-without-basis"})


def _specific(f: Finding) -> bool:
    return RULES[f.rule].overrides_generic and severity_rank(f.severity) <= severity_rank("warning")


def _drop_subsumed(findings: list[Finding]) -> list[Finding]:
    specific = [f for f in findings if _specific(f)]
    if not specific:
        return findings

    def covered(f: Finding) -> bool:
        return any(s.article == f.article and s.sub == f.sub and s.quote and f.quote
                   and (s.quote in f.quote or f.quote in s.quote) for s in specific)

    return [f for f in findings if not (f.rule in _GENERIC and covered(f))]


# ---------------------------------------------------------------- file entry points


def review_file(path: str | Path, corpus_path: str | Path | None = None, *, corpus: LawSource | None = None,
                as_of: str | None = None, level: str | None = None) -> tuple[Document, ReviewResult]:
    """Read a draft (ReadError when it cannot be read) and review it against the corpus."""
    document = read_document(Path(path))
    if corpus is None:
        corpus = open_corpus(Path(corpus_path)) if corpus_path else open_corpus()
    return document, review(document, corpus, as_of=as_of, level=level)


def review_file_json(path: str | Path, corpus_path: str | Path | None = None, *, corpus: LawSource | None = None,
                     as_of: str | None = None, level: str | None = None) -> dict[str, Any]:
    """The ``review --json`` object of ../shared/docs/findings.md: title, level, articles, findings,
    and ``errors`` (checks that failed: {"check", "error"}; empty when the review is complete).

    ``level`` is the level the review applied (the ``level`` argument when given); ``as_of`` is
    present when the review was against the law of another day than today.
    """
    document, result = review_file(path, corpus_path, corpus=corpus, as_of=as_of, level=level)
    out = document.to_json()
    if level:
        out["level"] = level
    if as_of:
        out["as_of"] = as_of
    out["findings"] = [f.to_json() for f in result.findings]
    out["errors"] = [e.to_json() for e in result.errors]
    return out


_SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}


def render_report(result: dict[str, Any]) -> str:
    """A readable Chinese report of a ``review_file_json`` result, article by article."""
    lines = [f"审查报告：{result.get('title', '')}", f"文件层级：{result.get('level', '')}"]
    if result.get("as_of"):
        lines.append(f"对照法律：{result['as_of']} 施行的版本")
    findings = result.get("findings", [])
    errors = result.get("errors", [])
    counts = {s: sum(1 for f in findings if f.get("severity") == s) for s in _SEVERITY_CN}
    lines.append("发现问题：" + "，".join(f"{_SEVERITY_CN[s]} {n} 项" for s, n in counts.items()))
    if errors:
        lines.append(f"注意：有 {len(errors)} 项审查未能完成，结果不完整：")
        lines.extend(f"  ！{error_text(e)}" for e in errors)
    if not findings:
        lines.append("未发现问题。" if not errors else "其余审查未发现问题。")
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
            lines.append("    依据：" + "；".join(f"《{b['law']}》{article_label(b['article'])}" for b in basis))
    return "\n".join(lines) + "\n"


def error_text(error: CheckError | dict[str, str]) -> str:
    """One line for a reviewer about a check that failed."""
    e = error.to_json() if isinstance(error, CheckError) else error
    return f"审查项 {e['check']} 出错：{e['error']}"
