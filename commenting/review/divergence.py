"""Restated higher-law provisions: align, diff, and report what changed (rule ``divergence``).

A draft often copies a provision of a higher law and changes it on the way: 二年 becomes 三年,
应当 becomes 可以, 不停止调查 becomes 暂停调查, "或者诱骗" is dropped. This module finds those
near restatements for every clause of the draft and reports each changed number, modal,
negation, alternative or condition — as the specific rule of the restated provision when
corpus/review/provision_rules.csv maps it (行政处罚法 第三十六条 → ``limitation-period``…), else
as ``divergence``.

How (all general, nothing per draft):
1. candidates per draft unit (article or article-0 part): the provisions it cites, and every
   provision of the core laws (corpus/review/restatement.toml) and of the laws the draft cites
   anywhere — through one bigram index per document; optionally (flags below) the related
   provisions of ``ctx.related`` and the laws a search on the draft's title finds;
2. both sides are split into clauses (。；, 款 and 项 lines, table cells; a law's list is also
   read one item per sentence) and normalised (本办法→本法, 市场监督管理部门→机关, punctuation
   and 的 dropped) with a map back to the text; dates and checklist questions (是否) are skipped;
3. a pair is a near restatement when the bigram containment is high in both directions (or the
   draft clause contains the law clause); short clauses (项) are compared only within a
   provision a longer clause of the same unit already restates;
4. the pair is diffed with diff-match-patch (commenting.diffing) and the hunks are classified
   (numbers, start points, modals, negations, conditions dropped — inside the sentence or the
   conditional phrase it opens with — or added to a duty, alternatives made cumulative, the
   party narrowed or left out of a list, one listed case left out, exceptions, list items);
   a clause that some other candidate restates faithfully is left alone;
5. some changes weigh by where the clause stands (``_settle``): a party left out counts when
   the same article of the draft speaks of it, a listed case left out only in a 规范性文件 that
   keeps the law's sentence (a regulation or rule may specify the law for its field).

Interface used (commenting.review.context.ReviewContext): ``ctx.document``, ``ctx.corpus``,
``ctx.units``, ``ctx.citations(unit)``, ``ctx.related(unit)``, ``ctx.cited_laws()``,
``ctx.law_article(law, no)``, ``ctx.law(name)``, ``ctx.cache``.
From the corpus (commenting.lawsource.LawSource): ``articles(version)`` and, optionally,
``search(title)``; every lookup is as of the review day (``ctx.as_of``).
Findings of all rules found here are computed once per document and cached in
``ctx.cache["restatements"]``; commenting.review.provisions merges them with its pattern checks
and registers the checks that report them (``divergence`` and the provision-specific rules).
"""
from __future__ import annotations

import re
import weakref
from collections import Counter
from copy import copy
from dataclasses import dataclass, field, replace
from functools import lru_cache, wraps
from typing import Iterable

from commenting import numerals
from commenting.diffing import (
    Hunk,
    char_diff,
    Normalized,
    apply_hunks,
    group_hunks,
    hunks,
    normalize,
    redline,
    split_clauses,
)
from commenting.corpus import facts
from commenting.corpus.segment import Segmenter, segmenter
from commenting.lawsource import LawSource
from commenting.textsim import char_bigrams, containment
from commenting.model import Basis, Finding
from commenting.review.context import ReviewContext, Unit
from commenting.review.data import rows, table

__all__ = [
    "restatement_findings",
    "Restatement",
    "Change",
    "find_restatements",
    "compare",
    "provision_rule",
]

# ---------------------------------------------------------------- tuning (not legal facts)

MIN_LEN = 6  # normalised characters: shorter clauses are never compared
SHORT_LEN = 18  # shorter clauses are compared only within a provision the unit already restates
ACCEPT_LOW, ACCEPT_HIGH = 0.5, 0.7  # bigram containment, both directions (min, max)
CONTAIN_LAW, CONTAIN_DRAFT = 0.8, 0.35  # the draft clause holds the whole law clause plus additions
CORE_WHOLE = 0.9  # a clause restated but for its exception: nearly all its other bigrams are in the draft
TAILOR_REACH = 3  # characters around a change where a member of the draft's field is looked for
OWN_TERM_USES = 4  # a party named this often in the draft is the draft's own term, not a narrowing
CLOSE_RESTATEMENT = 1.6  # both containments about 0.8: the draft keeps the law's sentence, not a new one
NUMBERLESS_SAME = 0.85  # both ways, numbers aside: the same clause with other numbers
SHORT_ALONE = 0.6  # a short clause and a short law clause, both ways (办案人员应当参加听证 → 可以)
SHORT_DRAFT, SHORT_LAW = 0.6, 0.5  # thresholds for clauses inside a provision the unit already restates
SAME_ITEM = 0.75  # a 项 of the restated list within it: the law's 项 of the same number, its words kept
COHERENCE_MARGIN = 0.15  # a clause this near the provision its article restates is read as restating it
GENERIC_MARGIN = 0.1  # candidates this close to the best one count as equally good
FAITHFUL, FAITHFUL_MARGIN = 0.75, 0.15  # another provision the clause restates word for word
FAITHFUL_COVER = 0.02  # … covering as much of the draft clause as the best match
MAX_CANDIDATES = 40  # clauses scored per draft clause from the index
COMMON_SHARE = 0.03  # bigrams in more than this share of a law's clauses do not nominate candidates
ENUM_TAILORING = 4  # dropping members of an enumeration this long is tailoring, not narrowing

_SKIP_PARTS = {"title", "cover", "explanation"}
#: laws found by the draft's title (not cited, not core) also compared, at most this many
#: (off by default: the corpus's first full-text search in a process costs seconds)
TOPIC_LAWS, TOPIC_HITS = 0, 4
TOPIC_LEVELS = ("法律", "行政法规")

# ---------------------------------------------------------------- data


@lru_cache(maxsize=None)
def _settings() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], str]:
    t = table("restatement.toml")
    reps: list[tuple[str, str]] = []
    for eq in t.get("equivalent", []):
        for v in eq.get("variants", []):
            reps.append((v, eq.get("canonical", "")))
    reps.sort(key=lambda r: -len(r[0]))
    particles = t.get("normalise", {}).get("particles", "")
    return tuple(t.get("core", {}).get("laws", [])), tuple(reps), particles


#: clauses whose normalised form, bigrams, quantities, candidates and comparisons are kept per
#: cache (a Normalized costs about 1 KB; a draft repeats its boilerplate within a few articles)
CACHED_TEXTS = 1 << 13


def _term_at(text: str, i: int, j: int, terms: frozenset[str]) -> str | None:
    """The longest of ``terms`` standing in ``text`` where the span i..j touches it."""
    found = [t for t in terms for m in re.finditer(re.escape(t), text) if m.start() <= j and m.end() >= i]
    return max(found, key=len) if found else None


@lru_cache(maxsize=None)
def _parties() -> tuple[frozenset[str], frozenset[str]]:
    """The general parties a provision applies to, and the narrower ones a draft may put instead
    (corpus/review/restatement.toml [parties]), normalised like the clauses."""
    t = table("restatement.toml").get("parties", {})
    return (frozenset(norm(p).text for p in t.get("general", [])),
            frozenset(norm(p).text for p in t.get("narrower", [])))


def core_laws() -> tuple[str, ...]:
    return _settings()[0]


@lru_cache(maxsize=CACHED_TEXTS)
def norm(text: str) -> Normalized:
    """``text`` normalised for comparison (cached: the same clause recurs across articles and laws;
    callers only read the result)."""
    _, reps, particles = _settings()
    return normalize(text, reps, particles=particles)


@lru_cache(maxsize=CACHED_TEXTS)
def norm_against(text: str, law: str) -> Normalized:
    """A draft clause normalised for comparison with a clause of ``law``: the draft names the law
    by its title where the law says 本法 / 本条例 (依照《中华人民共和国行政处罚法》第五十一条 =
    依照本法第五十一条)."""
    if law not in text:
        return norm(text)
    _, reps, particles = _settings()
    own = ((f"《{law}》", "本法"), (law, "本法"))
    return normalize(text, tuple(sorted(own + reps, key=lambda r: -len(r[0]))), particles=particles)


@lru_cache(maxsize=CACHED_TEXTS)
def _grams(normalised: str) -> frozenset[str]:
    return char_bigrams(normalised)


#: a number however written (五日, 5日, 一百元, 500元)
_NUMBER_RUN = re.compile(f"[{numerals.CN_DIGITS}0-9.]+")


@lru_cache(maxsize=CACHED_TEXTS)
def _frame_grams(normalised: str) -> frozenset[str]:
    """Bigrams of a clause's frame: every number one token, and every event a time limit runs from
    another. Inside a provision the unit already restates, a clause whose number or start the draft
    changed (or writes in figures) still lines up with the law's; compare then reads the change. Not
    used to find provisions: penalty clauses of unrelated laws differ mostly by their amounts."""
    framed = _START.sub(lambda m: m.group(0).replace(m.group(1), "@"), normalised)
    framed = _START_AFTER.sub(lambda m: m.group(0).replace(m.group(1), "@"), framed)
    return char_bigrams(_NUMBER_RUN.sub("#", framed))


@dataclass(frozen=True)
class ProvisionRule:
    law: str
    articles: frozenset[int]
    rule: str
    changes: str  # any | time | amount | number
    lists: bool
    note: str
    source: str
    favourable: str = ""  # lower | higher: a changed amount in that direction favours the party
    requires: str = ""  # a word the restated law clause must contain


def _parse_articles(spec: str) -> frozenset[int]:
    out: set[int] = set()
    for part in re.split(r"[,，、\s]+", spec.strip()):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            out.update(range(int(a), int(b) + 1))
        else:
            out.add(int(part))
    return frozenset(out)


@lru_cache(maxsize=None)
def provision_rules() -> tuple[ProvisionRule, ...]:
    out = []
    for r in rows("provision_rules.csv"):
        out.append(ProvisionRule(r["law"], _parse_articles(r["articles"]), r["rule"], r.get("changes") or "any",
                                 (r.get("lists") or "").lower() in ("yes", "y", "1", "true"),
                                 r.get("note", ""), r.get("source", ""), (r.get("favourable") or "").strip(),
                                 (r.get("requires") or "").strip()))
    return tuple(out)


def provision_rule(law: str, article: int, kinds: Iterable[str] = (), text: str = "") -> str | None:
    """The rule a change of ``kinds`` in a restatement of (law, article) belongs to, or None.

    ``text``: the restated law clause, for rows that apply only to clauses with a given word.
    """
    kinds = set(kinds)
    for pr in provision_rules():
        if pr.law != law or article not in pr.articles:
            continue
        if pr.requires and text and pr.requires not in text:
            continue
        if pr.changes == "any" or pr.changes in kinds or (pr.changes == "number" and kinds & _NUMBER_KINDS):
            return pr.rule
    return None


def favourable_direction(law: str, article: int) -> str:
    for pr in provision_rules():
        if pr.law == law and article in pr.articles and pr.favourable:
            return pr.favourable
    return ""


def _lists_matter(law: str, article: int) -> bool:
    return any(pr.lists and pr.law == law and article in pr.articles for pr in provision_rules())


# ---------------------------------------------------------------- clauses


@dataclass
class LawClause:
    law: str
    article: int
    text: str  # the clause as the law words it
    norm: Normalized
    grams: frozenset[str]
    item: bool  # a 项 line
    article_text: str = ""
    core: frozenset[str] = frozenset()  # bigrams without the clause's exception (除……外，/ ，但……), if it has one
    derived: bool = False  # not a sentence of the law but its sentences read otherwise (a 项 flattened, two joined)

    @property
    def key(self) -> tuple[str, int]:
        return self.law, self.article


@dataclass
class DraftClause:
    unit: Unit
    start: int  # offsets in unit.text
    end: int
    text: str
    norm: Normalized
    grams: frozenset[str]
    item: bool


def _clauses_of(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for piece in text.split("\t"):
        for sp in split_clauses(piece):
            out.append((pos + sp.start, pos + sp.end, sp.text))
        pos += len(piece) + 1
    return out


_ARTICLE_CLAUSES: dict[tuple[str, int], list[LawClause]] = {}


#: a clause's own exception: 除……外， at its head, ，但（是）…… or ，……除外 at its tail
_OWN_EXCEPTION = re.compile(r"^除[^。；]*?外[，,]|[，,]但是?[，,]?[^。；]*$|[，,][^，。；]*除外$")


def _core_grams(text: str) -> frozenset[str]:
    core = _OWN_EXCEPTION.sub("", text)
    return _grams(norm(core).text) if core != text and len(core) >= 8 else frozenset()


def law_article_clauses(law: str, article: int, text: str) -> list[LawClause]:
    key = (law, article)
    got = _ARTICLE_CLAUSES.get(key)
    if got is not None and (not got or got[0].article_text == text):
        return got
    out = []
    pieces = [t for _, _, t in _clauses_of(text)]
    for t in pieces:
        n = norm(t)
        if len(n.text) < 4:
            continue
        out.append(LawClause(law, article, t, n, _grams(n.text), bool(numerals.ITEM_START.match(t)), text,
                             _core_grams(t)))
    for t in _flattened(pieces) + _joined(pieces):
        n = norm(t)
        out.append(LawClause(law, article, t, n, _grams(n.text), False, text, derived=True))
    _ARTICLE_CLAUSES[key] = out
    return out


_LIST_LEAD = re.compile(r"^(?P<before>.*?)有下列情形之一的?(?P<after>[，,].*)$")


JOINED_MAX = 60  # normalised characters: two short sentences of the law a draft may write as one


def _joined(pieces: list[str]) -> list[str]:
    """Two consecutive short sentences of the law read as one when the second sets a number ("生产者应当
    制作并保存召回记录。召回记录的保存期不得少于五年" → "……召回记录，召回记录的保存期……"), the way drafts
    often join a duty and its limit."""
    out = []
    for a, b in zip(pieces, pieces[1:]):
        if numerals.ITEM_START.match(a) or numerals.ITEM_START.match(b) or a.endswith(("：", ":")):
            continue
        na, nb = norm(a).text, norm(b).text
        if _SANCTION_TAIL.match(a) or "罚" in a or quantities(na):
            continue  # a sanction, or a sentence with numbers of its own: each is compared as it stands
        if len(na) + len(nb) <= JOINED_MAX and quantities(nb):
            out.append(f"{a}，{b}")
    return out


def _flattened(pieces: list[str]) -> list[str]:
    """"当事人有下列情形之一，应当从轻……：（一）主动消除……的" read as one sentence per item
    ("当事人主动消除……的，应当从轻……"), the way drafts often restate a single item of a list."""
    out = []
    lead = None
    for t in pieces:
        m = _LIST_LEAD.match(t)
        if m:
            lead = m
            continue
        if lead is None or not numerals.ITEM_START.match(t):
            lead = None if not numerals.ITEM_START.match(t) else lead
            continue
        body = numerals.ITEM_START.sub("", t).strip().rstrip("的")
        if "其他" in body:
            continue  # the catch-all item reads nothing on its own
        out.append(f"{lead.group('before')}{body}的{lead.group('after')}")
    return out


def _iter_law_articles(ctx: ReviewContext, law: str) -> list[tuple[int, str]]:
    """(article no, text) of ``law`` when the corpus holds it under that title, in force on the
    review day, else []."""
    lv = ctx.law(law)
    if not ctx.in_force(lv) or lv.title != law or not ctx.outranks(lv):
        return []  # an old or renamed title (the citation rules report it), or a peer of the draft
    return [(a.no, a.text) for a in ctx.corpus.articles(lv) if not a.sub]


@dataclass
class LawIndex:
    clauses: list[LawClause]
    postings: dict[str, list[int]]
    common: frozenset[str]
    #: _nominate's answer per sequence of bigrams (a long draft repeats its clauses), at most
    #: NOMINATED_MAX; keyed in iteration order, which decides ties among equal counts
    nominated: dict[tuple[str, ...], list[LawClause]] = field(default_factory=dict)


NOMINATED_MAX = CACHED_TEXTS


#: per corpus object (weakly held, so a rebuilt or test corpus gets its own), per review day, draft level and laws
_LAW_INDEX: "weakref.WeakKeyDictionary[LawSource, dict[tuple, LawIndex | None]]" = weakref.WeakKeyDictionary()


def law_index(ctx: ReviewContext, laws: str | tuple[str, ...]) -> LawIndex | None:
    """One bigram index over the clauses of ``laws`` (a title or a tuple of titles) as in force on
    the review day and ranking above the draft, cached per corpus."""
    titles = (laws,) if isinstance(laws, str) else tuple(laws)
    key = (ctx.as_of, ctx.level, titles)  # the level decides which laws outrank the draft
    per_corpus = _LAW_INDEX.setdefault(ctx.corpus, {})
    if key not in per_corpus:
        per_corpus[key] = _build_index(ctx, titles)
    return per_corpus[key]


def _build_index(ctx: ReviewContext, laws: tuple[str, ...]) -> LawIndex | None:
    clauses: list[LawClause] = []
    for law in laws:
        for no, text in _iter_law_articles(ctx, law):
            clauses.extend(law_article_clauses(law, no, text))
    if not clauses:
        return None
    postings: dict[str, list[int]] = {}
    for i, c in enumerate(clauses):
        for g in c.grams:
            postings.setdefault(g, []).append(i)
    limit = max(8, int(len(clauses) * COMMON_SHARE))
    common = frozenset(g for g, p in postings.items() if len(p) > limit)
    return LawIndex(clauses, postings, common)


def _nominate(idx: LawIndex, grams: frozenset[str]) -> list[LawClause]:
    key = tuple(sorted(grams))  # sorted: ties between candidates fall the same way in every process
    got = idx.nominated.get(key)
    if got is not None:
        return got
    counts: Counter[int] = Counter()
    common, postings = idx.common, idx.postings
    for g in key:
        if g in common:
            continue
        hits = postings.get(g)
        if hits:
            counts.update(hits)  # counts in C, first-seen order kept (ties in most_common stay as they were)
    if not counts:
        got = []
    else:
        need = max(2, len(grams - common) * 0.25)
        got = [idx.clauses[i] for i, c in counts.most_common(MAX_CANDIDATES) if c >= need]
    if len(idx.nominated) >= NOMINATED_MAX:
        idx.nominated.clear()
    idx.nominated[key] = got
    return got


# ---------------------------------------------------------------- changes

_NUM = numerals.NUM
_UNIT = r"(?:个工作日|工作日|个月|周岁|小时|日|天|月|年|万元|元|倍|人|名|次|%)"
_QTY = re.compile(rf"(?<![第0-9０-９{numerals.CN_DIGITS}])(?P<n>{_NUM}(?:\.\d+)?)(?P<u>{_UNIT})")
_FOREVER = re.compile(r"永久")
_TIME_UNITS = {"日": 1, "天": 1, "个工作日": 1, "工作日": 1, "小时": 1 / 24, "月": 30, "个月": 30, "年": 365}
_PERSON_UNITS = {"人", "名"}
_NUMBER_KINDS = {"time", "amount", "number"}
_NUM_CHARS = numerals.CN_DIGITS + "0123456789０１２３４５６７８９."
_UNIT_CHARS = "个工作日天月年元倍人名次周岁小时%"
_MODALS = ("应当", "可以", "不得", "必须", "禁止", "严禁", "无须", "有权")
#: words that soften a modal (原则上不得, 一般应当): the norm admits exceptions the law does not
_QUALIFIERS = ("原则上", "一般情况下", "一般", "通常")
_MODAL_RE = re.compile(f"(?:{'|'.join(_QUALIFIERS)})?(?:{'|'.join(_MODALS)})")
_STRICT = {"不得", "禁止", "严禁", "必须"}
_NOT_NEG = re.compile("非法|违法|无效|未成年|无须|没收|罚没")
_MODAL_SYNONYM = {"必须": "应当", "严禁": "禁止", "不得": "禁止"}  # the same force in drafting  # words with 不/非/无/未 that negate nothing
MAX_FLIP = 4  # a modal or negation flip is a short edit; a long insertion that holds 不 or 应当 is new text
MAX_DROPPED = 8  # a longer deletion that takes a number with it is a partial restatement
MAX_DELETED_MODAL = 8  # likewise for a deletion that takes a modal with it
_NEG_RE = re.compile(r"不|未|非|无|没")
_NUM_RE = re.compile(f"[{numerals.CN_DIGITS}0-9]")
_PARTY = r"(?:当事人|申请人|被许可人|相对人|被检查人|被处罚人)"
_PARTY_ACT = re.compile(_PARTY + r"[^。；]*?(?:提出|申请|缴纳|提交|陈述|申辩|要求|申诉|起诉|复检|复核)")
#: what is done within a time limit, read right after it (在五日内一次告知 / 十五日内提出): the
#: agency's acts and the party's acts; the first one found says whose limit it is
_AGENCY_ACT = re.compile(r"告知|作出|答复|通知|送达|受理|审查|决定|办结|处理|核查|核实|反馈|公示|公告|立案|检验|检定|退还|办理|完成"
                         r"|组织|举行")
_PARTY_OWN_ACT = re.compile(r"提出|申请(?!人)|缴纳|提交|陈述|申辩|要求|起诉|复议|补正|改正|履行|申诉|复检|复核")
#: of the party's acts, the ones it owes (缴纳罚款, 履行决定): a longer time for them waives what
#: the law exacts, which is not the draft's to give; the others are its rights (提出听证, 申请复议)
_PARTY_DUTY_ACT = re.compile(r"缴纳|改正|履行")
#: a clause whose subject is a regulated business (经营者应当……在三十日内……): its time limits are
#: its duties, and moving one either way is for the law to do
_BUSINESS_SUBJECT = re.compile(r"^[^机部]{0,10}?(?:经营者|生产者|销售者|使用单位|生产单位|经营单位|企业|检验机构)"
                               r"(?:应当|必须|应|须|[^机部]{0,30}?(?:应当|必须))")


_ADDRESSEE = re.compile(r"^[^，。；]{0,3}?向[^，。；]{0,20}?(?:机关|部门|局|机构|法院)")


def _whose_limit(draft_norm: str, q: "Qty") -> str:
    """``agency`` | ``party`` (a right of the party's) | ``duty`` (the party's duty) | "" (not said
    right after the limit): who must act within ``q``."""
    # the addressee is not the act (十五日内向作出决定的机关提出: the party's request)
    after = _ADDRESSEE.sub("", draft_norm[q.end:q.end + 40])[:24]
    a, p = _AGENCY_ACT.search(after), _PARTY_OWN_ACT.search(after)
    if a and (not p or a.start() < p.start()):
        return "agency"
    if p and _PARTY_DUTY_ACT.match(p.group()):
        return "duty"
    return "party" if p else ""


@dataclass(frozen=True)
class Qty:
    value: float
    unit: str
    start: int
    end: int

    @property
    def kind(self) -> str:
        if self.unit in _TIME_UNITS:
            return "time"
        if self.unit.endswith("元"):
            return "amount"
        return "number"

    @property
    def dim(self) -> str:
        if self.unit in _TIME_UNITS:
            return "time"
        if self.unit in _PERSON_UNITS:
            return "person"
        if self.unit.endswith("元"):
            return "yuan"
        return self.unit

    @property
    def base(self) -> float:
        if self.unit in _TIME_UNITS:
            return self.value * _TIME_UNITS[self.unit]
        if self.unit == "万元":
            return self.value * 10_000
        return self.value


_DATE = re.compile(rf"(?:[0-9０-９]{{4}}|[〇○零一二三四五六七八九]{{4}})年(?:{_NUM}月(?:{_NUM}日)?)?")


def quantities(text: str) -> list[Qty]:
    """Numbers with a unit (七日, 二百元, 两人); article numbers (第七条) and dates are not quantities."""
    return list(_quantities(text))


@lru_cache(maxsize=CACHED_TEXTS)
def _quantities(text: str) -> tuple[Qty, ...]:
    """quantities(), once per text: compare asks again for every hunk of a clause pair."""
    out = []
    dates = [m.span() for m in _DATE.finditer(text)]
    for m in _QTY.finditer(text):
        if any(a <= m.start() < b for a, b in dates):
            continue
        try:
            v = float(m.group("n")) if "." in m.group("n") else numerals.from_chinese(m.group("n"))
        except ValueError:
            continue
        out.append(Qty(v, m.group("u"), m.start(), m.end()))
    # a period without end (应当永久保存): longer than any the draft may put in its place
    out.extend(Qty(float("inf"), "年", m.start(), m.end()) for m in _FOREVER.finditer(text))
    return tuple(sorted(out, key=lambda q: q.start))


def _ranges(text: str) -> list[tuple[Qty, Qty]]:
    """X以上Y以下 ranges (penalty amounts, discretion tiers)."""
    qs = quantities(text)
    out = []
    for a, b in zip(qs, qs[1:]):
        between = text[a.end:b.start]
        if between.startswith("以上") and len(between) <= 4 and text.startswith("以下", b.end) and a.dim == b.dim:
            out.append((a, b))
    return out


#: how a change of each other kind reads in a finding
_DESCRIBE = {
    "negation": "否定表述被改变（“{lt_or_none}”→“{dt_or_none}”），意思与上位法相反",
    "actor": "删去了“{lt}”，请核实是否不当缩小了适用对象",
    "alternative": "删去了“{lt_member}”，缩小了上位法规定的情形",
    "duty": "删去了“{lt}”，减少了上位法规定的义务",
    "duty_member": "删去了“{lt_member}”，减少了上位法规定的义务",
    "condition": "删去了条件“{lt}”，改变了上位法规定的适用条件",
    "widened": "增加了“{dt}”，放宽了上位法规定的要求",
    "threshold": "增加了“{dt}”的门槛，限缩了上位法规定的适用范围",
    "item": "遗漏了上位法列举的“{lt}”",
    "added_item": "增加了上位法未列举的“{dt}”，超出了上位法列举的范围",
    "start": "期限的起算点由“{lt}”改为“{dt}”",
    "subject": "将适用对象“{lt}”限缩为“{dt}”",
    "dropped_party": "删去了“{lt}”，缩小了上位法规定的适用对象",
    "joined": "将“{lt}”改为“{dt}”，改变了上位法规定的适用条件",
    "condition_added": "增加了条件“{dt}”，限缩了上位法规定的适用范围",
    "party": "将“{lt}”改为“{dt}”，改变了上位法规定的义务主体或者适用对象",
    "timing": "将“{lt}”改为“{dt}”，改变了上位法规定的时间",
    "exception": "删去了上位法的例外规定“{lt}”",
    "exception_added": "增加了上位法没有的例外规定“{dt}”，缩小了上位法规定的适用范围",
    "exception_widened": "在上位法的例外规定中增加了“{dt}”，扩大了例外的范围",
    "deference": "删去了“{lt}”，建议保留",
    "reworded": "将“{lt}”改为“{dt}”，改变了上位法规定的含义",
}


@dataclass
class Change:
    """One meaningful difference between a law clause and the draft clause restating it."""

    kind: str  # time | amount | number | modal | negation | alternative | condition | widened | threshold | item | exception | deference | start | subject
    law_text: str  # the law's wording of the changed span (normalised)
    draft_text: str  # the draft's wording (normalised)
    hunk: Hunk | None = None
    protective: bool = True  # the change takes something from the party (→ error)

    def describe(self) -> str:
        lt, dt = self.law_text, self.draft_text
        if self.kind in _NUMBER_KINDS:
            what = {"time": "期限", "amount": "数额"}.get(self.kind, "数量")
            if lt and dt:
                return f"{what}由“{lt}”改为“{dt}”"
            if lt:
                return f"删去了{what}“{lt}”"
            return f"增加了{what}“{dt}”"
        if self.kind == "modal":
            if lt and dt:
                return f"将“{lt}”改为“{dt}”"
            return f"删去了“{lt}”" if lt else f"增加了“{dt}”"
        template = _DESCRIBE.get(self.kind)
        if template:
            return template.format(lt=lt, dt=dt, lt_or_none=lt or "（无）", dt_or_none=dt or "（无）",
                                   lt_member=lt.strip("、"))
        return f"“{lt}”改为“{dt}”"


def _ctx(s: str, i: int, j: int, pad: int = 1) -> str:
    return s[max(0, i - pad):j + pad]


def _enum_size(law: Normalized, i: int, j: int) -> int:
    """Members of the enumeration a dropped 或者X / 、X belonged to: the 、-separated members back to
    the previous comma or 或者 of the law's own text, plus the dropped one."""
    text = law.source
    i, j = law.source_span(i, j)
    if text.startswith("或者", i):
        i += 2
    elif text.startswith(("或", "、"), i):
        i += 1
    lo = max([text.rfind(ch, 0, i - 1) for ch in "，,：:；;。"] + [text.rfind("或者", 0, i - 2) + 1])
    return 2 + text.count("、", lo + 1, i - 1)


_ACTOR_END = ("者", "人", "组织", "单位", "企业", "机构", "部门", "机关")


def _actor(dropped: str) -> bool:
    """The dropped alternative names who is concerned (或者其他经营者): tailoring to the draft's scope."""
    return dropped.rstrip("的").endswith(_ACTOR_END)


_FLOOR_BEFORE = re.compile(r"(?:不少于|不得少于|至少|不低于|不得低于)[^应当可以不得]{0,10}$")
#: a period the law fixes for a status or a right, not a time within which someone acts:
#: 有效期为五年, 经过三十日即视为送达, 满十年丧失, 超过三年的不予受理
_FIXED_PERIOD_BEFORE = re.compile(r"(?:有效期|期限)为?$|超过$")
#: a clause whose subject is the agency (normalised: 机关应当……)
_AGENCY_SUBJECT = re.compile(r"^[^应可不，]{0,8}?机关[^应可不，]{0,4}?(?:应当|必须|应|须)")
_FIXED_PERIOD_AFTER = re.compile(r"^[^，。；]{0,3}(?:即?视为|丧失|失效)")


def _favourable_time(law_q: Qty, draft_q: Qty, draft_norm: str) -> bool:
    """A changed time limit that is plainly in the party's favour: shorter for what the agency
    must do, longer for what the party may do, a longer notice before an event. When the clause
    does not say whose limit it is, the change is not presumed favourable."""
    after = draft_norm[draft_q.end:draft_q.end + 2]
    before = draft_norm[max(0, draft_q.start - 14):draft_q.start]
    if _FLOOR_BEFORE.search(before) or after.startswith("以上"):
        return False  # a minimum the law sets (保存不少于三年): moving it is never for the draft to do
    if _FIXED_PERIOD_BEFORE.search(before) or _FIXED_PERIOD_AFTER.search(draft_norm[draft_q.end:]):
        return False
    if _BUSINESS_SUBJECT.search(draft_norm):
        return False
    # the party's act inside a start (自收到当事人申请之日起) is the event, not whose limit it is
    acts = _START.sub("", draft_norm)
    if after.startswith("前") or draft_norm[max(0, draft_q.start - 2):draft_q.start] == "提前":
        # notice before an event: longer favours the party, unless the party must act that early
        return draft_q.base < law_q.base if _PARTY_ACT.search(acts) else draft_q.base > law_q.base
    whose = _whose_limit(draft_norm, draft_q)
    if whose == "duty":
        return False
    if whose:
        return draft_q.base > law_q.base if whose == "party" else draft_q.base < law_q.base
    if _PARTY_ACT.search(acts):
        return draft_q.base > law_q.base
    if _AGENCY_SUBJECT.match(draft_norm):
        return draft_q.base < law_q.base  # 机关应当自……起三日内确定……: the agency's own limit
    return False


def _in_range(q: Qty, rngs: list[tuple[Qty, Qty]]) -> bool:
    return any(a.start <= q.start and q.end <= b.end for a, b in rngs)


def _refine(hs: list[Hunk], old: str, new: str) -> list[Hunk]:
    """Split a long hunk whose draft side mostly keeps the law's words (不停止执行，法律另有规定的
    除外 → 暂停执行) into its raw edits, so that a short flip inside it is seen."""
    out: list[Hunk] = []
    for h in hs:
        if len(h.old) + len(h.new) <= MAX_FLIP or not h.old or not h.new \
                or any(ch in _NUM_CHARS for ch in h.old + h.new):  # numbers are compared whole
            out.append(h)
            continue
        ops = char_diff(h.old, h.new, semantic=False)
        kept = sum(len(t) for op, t in ops if op == 0)
        if kept < len(h.new) / 2:
            out.append(h)
            continue
        parts = group_hunks(ops, h.o1, h.n1)
        for p in parts:
            p.old, p.new = old[p.o1:p.o2], new[p.n1:p.n2]
        out.extend(parts)
    return out


#: what a time limit runs from, in normalised text (的 dropped): 自|从 …… 之日|之时|后 起
_START = re.compile(r"(?:自|从|在)([^，。；自从在]{1,30}?)(?:之日|之时|时|后)起")
#: …… and the event a limit follows without 自 (投入使用后三十日内, 告知后五日内, 保质期满后六个月):
#: the words back to a modal, 在, 于, 或 or 并
_START_AFTER = re.compile(rf"([^应当在于或并自从]{{2,12}}?)(?:之后|以后|后)(?=[{numerals.CN_DIGITS}0-9十百]+个?(?:工作日|日|月|年))")


def _starts(text: str) -> list[str]:
    """What each time limit of a normalised clause runs from, in order."""
    return [event for _, _, event in _start_spans(text)]


@lru_cache(maxsize=CACHED_TEXTS)
def _start_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, event) of what each time limit of a normalised clause runs from, in order (once
    per text: the line-up asks for every candidate)."""
    with_zi = list(_START.finditer(text))
    found = [(m.start(1), m.end(1), m.group(1)) for m in with_zi]
    found += [(m.start(1), m.end(1), m.group(1)) for m in _START_AFTER.finditer(text)
              if not any(z.start() <= m.start() < z.end() for z in with_zi)]
    return tuple(sorted(found))


def _subsequence(short: str, long: str) -> bool:
    """Every character of ``short`` in ``long``, in order (the longer one only adds words)."""
    chars = iter(long)
    return all(ch in chars for ch in short)


def _modal_key(found: str) -> str:
    """A modal as compared: synonyms folded (必须 → 应当), a qualifier kept (原则上不得 ≠ 不得)."""
    base = next((found[len(q):] for q in _QUALIFIERS if found.startswith(q)), found)
    qualifier = found[:len(found) - len(base)]
    return qualifier + _MODAL_SYNONYM.get(base, base)


def _modals(text: str) -> Counter:
    return Counter(_modal_key(m) for m in _MODAL_RE.findall(text))


def _worded(text: str, keys: Counter) -> list[str]:
    """The modals of ``keys`` as ``text`` words them (不得, not the folded 禁止)."""
    found = {}
    for m in _MODAL_RE.findall(text):
        found.setdefault(_modal_key(m), m)
    return [found.get(k, k) for k in keys]


def _split_around_numbers(h: Hunk, old: str, new: str) -> list[Hunk]:
    """The edits of a hunk whose numbers did not change (应当提前三十日 → 可以提前30日: the modal
    changed, 三十 → 30 did not), apart from the spans of those numbers."""
    ops = char_diff(h.old, h.new, semantic=False)
    parts = group_hunks(ops, h.o1, h.n1)
    oq, nq = quantities(old), quantities(new)
    out = []
    for p in parts:
        if any(q.start < max(p.o2, p.o1 + 1) and q.end > p.o1 for q in oq) \
                or any(q.start < max(p.n2, p.n1 + 1) and q.end > p.n1 for q in nq):
            continue
        p.old, p.new = old[p.o1:p.o2], new[p.n1:p.n2]
        out.append(p)
    return out


def compare(law: Normalized, draft: Normalized, *, protective: bool = False, favourable: str = "",
            item: bool = False, law_item: bool = False, law_lead: str = "") -> list[Change]:
    """Meaningful changes from the law clause to the draft clause (both normalised).

    ``protective``: the provision protects the party (it has a rule of its own in
    provision_rules.csv); only there an added threshold, a widened requirement or a dropped
    member of a 、-enumeration is reported.
    ``item`` / ``law_item``: the draft's (the law's) clause is a 项 whose modal stands in its lead-in;
    ``law_lead``: that lead-in (听证应当依照以下程序组织：……（三）……听证公开举行): the draft that says
    可以 in the item softens the lead-in's 应当.
    """
    old, new = law.text, draft.text
    out: list[Change] = []
    # the day a time limit runs from (自违法行为发生之日起 → 自发现之日起) moves the whole limit
    law_starts, draft_starts = _start_spans(old), _start_spans(new)
    moved: list[tuple[int, int]] = []  # the law's words of each moved start (normalised offsets)
    if len(law_starts) == len(draft_starts):
        for (i, j, a), (k, m, b) in zip(law_starts, draft_starts):
            # 受理申请 ⊂ 受理经营许可申请, 给付保险金的协议 ~ 达成赔偿保险金的协议: the same day
            if _subsequence(a, b) or _subsequence(b, a) or a[-2:] == b[-2:]:
                continue
            moved.append((i, j))
            # quoted as the source words them (保质期满, not the normalised 保质届满)
            out.append(Change("start", law.source[slice(*law.source_span(i, j))],
                              draft.source[slice(*draft.source_span(k, m))], None))
    law_rngs, draft_rngs = _ranges(old), _ranges(new)
    hs = _refine(hunks(old, new, expand=_NUM_CHARS, expand_after=_UNIT_CHARS), old, new)
    # the same modals in both clauses: a modal one hunk removes and another adds has only moved
    # (在本行政区域内也可以组织 → 可以在本行政区域内组织)
    modals_kept = _modals(old) == _modals(new)
    while hs:
        h = hs.pop(0)
        oc, nc = _ctx(old, h.o1, h.o2), _ctx(new, h.n1, h.n2)
        # an exception dropped from inside the clause (执法人员不得少于两人，法律另有规定的除外;
        # 除依照第六十八条规定当场收缴的罚款外，; ……，但符合舍零取整等交易习惯)
        dropped = _deleted_part(h)
        if dropped and len(dropped[0]) >= 4 and _EXCEPTION_SPAN.search(dropped[0]) \
                and not _EXCEPTION_SPAN.search(new) \
                and (not dropped[0].startswith("但") or dropped[2] == len(old)):  # a proviso: all of it
            out.append(Change(_exception_kind(dropped[0]), law.source[slice(*law.source_span(*dropped[1:]))]
                              .strip("，,"), "", h, protective=False))
            continue
        # numbers, time limits, amounts
        oq = [q for q in quantities(old) if q.start < h.o2 and q.end > h.o1]
        nq = [q for q in quantities(new) if q.start < h.n2 and q.end > h.n1]
        if oq or nq:
            if [(q.base, q.dim) for q in oq] != [(q.base, q.dim) for q in nq]:
                change = _number_change(h, oq, nq, old, new, law_rngs, draft_rngs, protective, favourable)
                if change:
                    out.append(change)
                if change or oq or not _added_condition(draft, h):
                    continue  # (a condition added with its own window, 且一年内未被投诉举报的, is read below)
            elif len(h.old) + len(h.new) > MAX_FLIP:  # the same numbers written otherwise: look at the rest
                hs[:0] = _split_around_numbers(h, old, new)
                continue
        # modal verbs
        # (two characters around: a qualifier put before a modal, 原则上|不得, is seen with it)
        om_ctx, nm_ctx = _ctx(old, h.o1, h.o2, 2), _ctx(new, h.n1, h.n2, 2)
        om, nm = _modals(om_ctx), _modals(nm_ctx)
        # a modal the draft puts in or replaces, 可以 or a prohibition it takes out; dropping a bare
        # 应当 (a declarative restatement) does not change the norm. A short deletion takes its modal
        # with it; a long insertion is new text.
        short = len(h.old) <= MAX_FLIP and len(h.new) <= MAX_FLIP
        added, removed = nm - om, om - nm
        # the draft keeps only part of the law's words here; a deletion longer than a short phrase
        # (任何组织和个人不得为……) is a partial restatement of another rule, not a modal taken out
        deletion = (not h.new or h.new in h.old) and len(h.old) - len(h.new) <= MAX_DELETED_MODAL
        if item and not added:
            removed = Counter()  # a 项 names a case; the lead-in holds the modal (禁止下列行为：（一）故意毁损…)
        lead_modal = ""
        if law_item and not removed:
            # the law's 项 takes its modal from the law's lead-in (可以采取下列措施：（一）…)
            lead = _modals(law_lead)
            if "可以" in added and "可以" not in lead and (lead["应当"] or any(m in _STRICT for m in lead)):
                lead_modal = _worded(law_lead, lead)[0]
                removed = Counter({_modal_key(lead_modal): 1})
            else:
                added = Counter()
        # one modal put for another with a word or two around it (应当 → 可以视情) is a flip as well
        swap = bool(added and removed) and len(h.old) + len(h.new) <= 3 * MAX_FLIP
        # a modal only taken out changes the norm when the clause keeps none of it (可以并处 → 并处); one of
        # two 可以 gone (可以申请复议，也可以起诉 → 可以申请复议或者起诉) leaves the permission
        gone = not removed or added or not any(_modals(new)[m] for m in removed)
        if not modals_kept and gone and (short or deletion or swap) and (
                (added and removed) or "可以" in added or "可以" in removed or any(m in _STRICT for m in removed)):
            lt = lead_modal or "、".join(_worded(om_ctx, om - nm))
            dt = "、".join(_worded(nm_ctx, nm - om))
            weaker = set(om - nm) == {"可以"} and set(nm - om) == {"应当"}  # 可以 → 应当 binds the agency more
            out.append(Change("modal", lt, dt, h, protective=not weaker))
            continue
        # negations
        on = len(_NEG_RE.findall(_NOT_NEG.sub("", oc)))
        nn = len(_NEG_RE.findall(_NOT_NEG.sub("", nc)))
        # a flip edits the same words (不停止→暂停) or only adds / removes the negation (公开→不公开)
        related = len(h.old + h.new) <= 3 or bool(set(h.old) & set(h.new))
        if on != nn and short and related and not (item and nn < on):  # a 项's 不得 is in its lead-in
            out.append(Change("negation", h.old, h.new, h))
            continue
        # the subject narrowed: one of the general parties restated as a narrower one (当事人 → 企业法人)
        general, narrower = _parties()
        was, now = _term_at(old, h.o1, h.o2, general), _term_at(new, h.n1, h.n2, narrower)
        if was and now and now != was and new.count(was) < old.count(was):
            out.append(Change("subject", was, now, h, protective=False))
            continue
        added = _added_condition(draft, h)
        if added:
            out.append(Change("condition_added", "", added, h, protective=False))
            continue
        # a qualifier put before the law's party (食品生产企业 → 规模以上食品生产企业)
        qualified = _qualified_party(law, draft, h)
        if qualified:
            out.append(Change("subject", *qualified, h, protective=False))
            continue
        # alternatives made cumulative (A或者B的 → A且B的) or the other way round
        joined = _and_or(old, new, h)
        if joined:
            out.append(Change("joined", *joined, h, protective=False))
            continue
        # who is bound or protected put as someone else (销售者 → 生产者, 使用单位 → 安装单位)
        replaced = _party_replaced(old, new, h)
        if replaced:
            out.append(Change("party", *replaced, h, protective=False))
            continue
        # before ↔ after an event (结算前 → 结算后, 听证之前 → 听证之后): when the act is due moves
        if h.old in _BEFORE_AFTER and h.new in _BEFORE_AFTER and _BEFORE_AFTER[h.old] != _BEFORE_AFTER[h.new]:
            out.append(Change("timing", old[max(0, h.o1 - 2):h.o2], new[max(0, h.n1 - 2):h.n2], h))
            continue
        # an exception the draft adds (……，但经营者事先口头说明的除外) or widens (除涉及国家秘密、商业
        # 秘密或者个人隐私外 → ……或者当事人申请不公开的外)
        exception = _exception_added(law, h, new[h.n2:h.n2 + 2])
        if exception:
            out.append(Change(exception, "", draft.source[slice(*draft.source_span(h.n1, h.n2))].strip("，,"), h,
                              protective=False))
            continue
        # a dropped alternative or condition
        if h.old.startswith("或") and "或" not in h.new and len(h.old) - len(h.new) >= 2:
            if _enum_size(law, h.o1, h.o2) < ENUM_TAILORING:
                # who is concerned (或者其他组织) is often tailored to the draft's scope: a hint only
                out.append(Change("actor" if _actor(h.old) else "alternative", h.old, h.new, h, protective=False))
            continue
        member = _dropped_member(old, h) or _dropped_occasion(old, h)
        if member:
            # one whose consent the law waits for (经投诉人和被投诉人同意): a condition left out
            consent = _CONSENT.match(old[h.o2:]) if re.search(r"经[^经]*$", old[:h.o1]) else None
            out.append(Change("condition", member + consent.group("word"), "", h, protective=False) if consent
                       else Change("member", member, "", h, protective=False))
            continue
        # one of the acts a duty lists (停止生产，召回……，通知……，并记录……) left out: weighed like a
        # listed case (see _settle)
        # (全面检查，消除事故隐患，方可 → 全面检查后，方可)
        if (not h.new or h.new in _THEN) and _one_duty(law, h):
            out.append(Change("list_act", law.source[slice(*law.source_span(h.o1, h.o2))], "", h,
                              protective=False))
            continue
        shift = _first_duty(law, h) if not h.new else None
        if shift is not None:  # the first of two acts (应当具备……专业知识，并具有……经验 → 应当具有……经验)
            h = Hunk(h.o1 - shift, h.o2 - shift, h.n1 - shift, h.n2 - shift, old[h.o1 - shift:h.o2 - shift], "")
            act = law.source[slice(*law.source_span(h.o1, h.o2))]
            out.append(Change("list_act", re.sub(r"[，,]?并$", "", act), "", h, protective=False))
            continue
        if not h.new and _one_list_member(h.old):
            if protective and _enum_size(law, h.o1, h.o2) < ENUM_TAILORING and not _actor(h.old):
                out.append(Change("alternative", h.old, h.new, h, protective=False))
            elif not _actor(h.old) and not _AGENCY_MAY.search(new):
                out.append(Change("list_member", h.old, h.new, h, protective=False))
            continue
        if h.old and re.match(r"[且并]", h.old) and len(h.old) >= 3 and not h.new:
            out.append(Change("condition", h.old, h.new, h, protective=False))
            continue
        # widened requirement: an alternative added to what the law requires
        if protective and h.new.startswith("或") and len(h.new) >= 5 and not h.old and re.search(r"应当|必须|须", new):
            out.append(Change("widened", h.old, h.new, h, protective=False))
            continue
        # words of the law left out that limit when or to what the rule applies (列入强制检定目录,
        # 无正当理由, 经负责人批准, 确有经济困难): the draft's rule reaches further than the law's
        if _dropped_condition(h, law, len(new)):
            a, b = law.source_span(h.o1, h.o2)  # quoted as the law words it (的, agency names kept)
            words = re.sub(r"(?:或者|或|和|及|并且|且)$", "", law.source[a:b].strip("，,、 "))  # 未经定期检验〔或者〕
            out.append(Change("condition", words, h.new, h, protective=False))
            continue
        # words taken from the case the clause opens with: weighed in _settle
        if not h.new and len(h.old) >= 4 and _in_case(law, h) and h.old not in new \
                and not (_NOT_CONDITION.search(h.old) or _PLACE.search(h.old) or "下列" in h.old):
            # (not words moved elsewhere in the clause, a place, or the lead-in of a list)
            a, b = law.source_span(h.o1, h.o2)
            out.append(Change("case_words", law.source[a:b].strip("，,、 "), "", h, protective=False))
            continue
        # a word put for another (最低成交价格 → 平均成交价格, 最先立案 → 最先发现): weighed in _settle
        # (the whole subject put for another may be longer: ……的人员，应当 → 法制审核机构负责人，应当)
        subject = bool(_MODAL_NEXT.match(old[h.o2:]) and _MODAL_NEXT.match(new[h.n2:]))
        if _reworded(h, longest=SUBJECT_MAX if subject else REWORDED_MAX) \
                and not any(i < h.o2 and h.o1 < j for i, j in moved):
            out.append(Change("reworded", _words_around(law, h.o1, h.o2), _words_around(draft, h.n1, h.n2), h,
                              protective=False))
            continue
    return out


#: function words: a hunk of these alone changes no word of the law's
_PARTICLES = re.compile(r"[的了之其和或及与并且等而所将把被对由从在向以为应可]")
_NUMERAL = re.compile(f"[{_NUM_CHARS}两]+")
#: names of the administration and of those who act for it (normalised: 行政机关 → 机关)
_ADMINISTRATION = re.compile(r"机关|部门|局|政府|执法人员|工作人员|人员|执法|工作|及其|行政|本|的")
#: the places and levels a draft localises (县级以上地方 → 本市, 所在地省级 → 湖南省)
_PLACE = re.compile(r"[省县区]|市(?!场)|地方|境内|行政区域|自治区|直辖市|全国|国家|所在地")
#: a cross-reference or a document's name for itself (本办法第十五条, 第八条第三款)
_REFERENCE = re.compile(r"第[^，。；]{1,6}[条款项]|第[0-9一二三四五六七八九十百]|本(?:办法|规定|规程|细则|条例|法|规则)"
                        r"|^(?:办法|规定|规程|细则|条例|规则)")
_LAW_SOURCE = re.compile(r"法律|法规|规章|规定")
SUBJECT_MAX = 20  # the whole subject before the modal put for another
_MODAL_NEXT = re.compile(r"应当|必须|不得|可以")
REWORDED_MAX = 10  # characters on either side: a word or a phrase, not a sentence of the draft's own


def _reworded(h: Hunk, longest: int = REWORDED_MAX) -> bool:
    """A content word or phrase of the law's put for another: neither side is the other with words
    added or left out, and neither is a number."""
    if not h.old or not h.new or len(h.old) > longest or len(h.new) > longest:
        return False
    if _subsequence(h.old, h.new) or _subsequence(h.new, h.old) \
            or _NUMERAL.sub("#", h.old) == _NUMERAL.sub("#", h.new):  # 两个 → 2个: a number, written otherwise
        return False
    if len(_ADMINISTRATION.sub("", h.old)) < 2 and len(_ADMINISTRATION.sub("", h.new)) < 2:
        return False  # the administration named otherwise (行政机关 → 部门, 行政机关 → 执法人员 who act for it)
    if _PLACE.search(h.old + h.new) or _REFERENCE.search(h.old + h.new):
        return False  # localised (县级以上地方 → 各县（市、区）) or renumbered (本办法第十五条 → 本规程第九条)
    if _LAW_SOURCE.search(h.old) and _LAW_SOURCE.search(h.new):
        return False  # which law prevails (法律、法规 → 地方性法规): a deference, weighed as such
    return len(_PARTICLES.sub("", h.old)) >= 2 and len(_PARTICLES.sub("", h.new)) >= 2


@lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    return segmenter(facts.terms())


def _word_bounds(text: str, i: int, j: int) -> tuple[int, int]:
    """The bounds of the whole words of normalised ``text`` that hold [i, j)."""
    pos, a, b = 0, i, j
    for w in _segmenter().words(text):
        end = pos + len(w)
        if pos < i < end:
            a = pos
        if pos < j < end:
            b = end
        pos = end
    return a, b


def _words_around(text: Normalized, i: int, j: int) -> str:
    """The whole words that hold normalised [i, j), as the source writes them (立案 in 最先立案的 →
    最先立案; 办案机构负责人, not its normalised 机关负责人)."""
    return text.source[slice(*text.source_span(*_word_bounds(text.text, i, j)))]


#: what joins two acts once one between them is gone (检查，消除隐患，方可使用 → 检查后，方可使用)
_THEN = ("后", "之后", "以后")
_BEFORE_AFTER = {"前": "before", "之前": "before", "以前": "before", "后": "after", "之后": "after", "以后": "after"}
#: who acts for the administration (the agency is compared apart, staff are named many ways)
_OFFICIALS = re.compile(r"机关|工作|执法|公职|负责|主管|领导")
#: the endings of a word that names a party (经营者, 申请人, 使用单位, 检验机构, 生产企业)
_PARTY_END = re.compile(r"(?:者|人|单位|企业|机构|组织)")


def _party_replaced(old: str, new: str, h: Hunk) -> tuple[str, str] | None:
    """(law's party, draft's party) when the hunk swaps a word or two before a party ending for others
    (销售者 → 生产者, 使用单位 → 安装单位) and the law's party is not named in the draft at all (a
    longer swap is a short name the draft gives: 取得生产许可的企业 → 获证企业)."""
    if not h.old or not h.new or len(h.old) > 3 or len(h.new) > 3 or _NUM_RE.search(h.old + h.new):
        return None
    lo = _PARTY_END.match(old, h.o2)
    ln = _PARTY_END.match(new, h.n2)
    if not lo or not ln or lo.group(0) != ln.group(0) or old.startswith(("员", "民"), lo.end()) \
            or new.startswith(("员", "民"), ln.end()):
        return None  # no party ending; 人员 (staff and officials are named many ways) or 人民政府
    # a one-character swap names the word with what stands before it (检验机构 → 检测机构)
    before = old[max(0, h.o1 - 2):h.o1] if min(len(h.old), len(h.new)) <= 1 else ""
    was, now = before + h.old + lo.group(0), before + h.new + ln.group(0)
    if was in new or _OFFICIALS.search(was + now) or now in old or h.old.endswith(h.new) or h.new.endswith(h.old):
        return None  # still named / the agency (compared apart) / a prefix added or dropped (a narrower kind)
    return was, now


#: words that make a phrase a condition or a limit of the rule it stands in
_CONDITION_WORDS = re.compile(
    r"未经|经[^济常营]|无正当理由|确有|必要时|列入|证据|明知|特殊情况|轻微|拒不|逾期|精神正常|同意|批准|足以|情节|难以"
    r"|确凿|符合|集体讨论")
#: words that make a sentence's opening phrase a condition of all it says (违法事实确凿并有法定依据，)
_LEAD_CONDITION = re.compile(r"确凿|特殊情况|情况复杂|确有|必要时|情节")
#: how a conditional phrase ends (……的，/ ……情况下，/ ……时，)
_CONDITION_END = re.compile(r"(?:的|情况下|情形下|时)$")
#: a phrase that names who acts, points elsewhere, defines a term or lists members (tailoring a list
#: is judged as such): left out by restatements that split or shorten the sentence, not a condition
_NOT_CONDITION = re.compile(r"机关|政府|部门|第[^，。；]{1,6}条|以下简称|以下统称|本法|、")


#: words that are a condition wherever they stand, even at the start of a clause or in three
#: characters (未经定期检验或者检验不合格的, 无正当理由拒绝履行, 经营明知是……)
_STRONG_CONDITION = re.compile(r"未经|无正当理由|明知")
#: what a consent or approval names its givers before (……和被投诉人同意)
_CONSENT = re.compile(r"^[^，。；]{0,4}?(?P<word>同意|批准|认可)")
#: a case's last requirement, from its comma to the 的 that closes the case (，不当场收缴事后难以执行的；)
_LAST_OF_CASE = re.compile(r"^[，,][^，,。；;]{4,}的[。；;]?$")
_APPROVAL = re.compile(r"经[^，。；]{1,30}(?:批准|同意|审批|审核|决定|提出|申请)$")


def _dropped_condition(h: Hunk, law: Normalized, draft_len: int) -> bool:
    """The draft leaves out, inside the clause, a phrase of four characters or more that carries a
    condition word, keeping the words around it (the clause is otherwise the law's); or the
    conditional phrase the law's sentence opens with (情况复杂的，/ 特殊情况下，), keeping the rest.
    ``draft_len``: the draft clause's length (a clause that drops a condition is the shorter one)."""
    strong = bool(_STRONG_CONDITION.match(h.old)) and (h.o1 > 0 or draft_len < len(law.text))
    if not h.old or len(h.old) - len(h.new) < (2 if strong else 4) or (h.new and h.new not in h.old):
        return False
    if h.o2 >= len(law.text) and not _APPROVAL.match(h.old) and not _LAST_OF_CASE.search(law.source[
            law.source_span(h.o1, h.o1)[0] - 1:]):
        return False  # the end of the law's sentence: a shorter restatement, not a dropped condition
        # (unless what goes is a consent or request the rule waits for: ……确有困难，经当事人提出的,
        # or the last requirement of a case the clause describes: ……三千元以下罚款，不当场收缴事后难以执行的)
    if h.o1 == 0:
        if h.new:
            return False
        a, b = law.source_span(h.o1, h.o2)
        end = re.match(r"的?[，,]", law.source[b:])  # the particle 的 is not in the normalised text
        phrase = law.source[a:b + len(end.group(0)) - 1] if end else ""
        # only a whole phrase that ends at a comma and reads as a condition; other openings are a
        # shorter restatement of the sentence
        if not strong and (not end or not (_LEAD_CONDITION.search(phrase) or (
                _CONDITION_END.search(phrase) and len(phrase) <= 8 and "下列" not in phrase))):
            return False
    approval = bool(_APPROVAL.match(h.old))  # 经……批准 names an agency, and is a condition all the same
    if _actor(h.old) or re.search(r"另有规定|除外", h.old) or (_NOT_CONDITION.search(h.old) and not approval):
        return False  # who is concerned (tailoring), an exception (reported as such), a subject or reference
    return h.o1 == 0 or bool(_CONDITION_WORDS.search(h.old))


def _in_case(law: Normalized, h: Hunk) -> bool:
    """The span is inside the case a clause opens with (有发生食品安全事故潜在风险的，应当……): words
    taken from the case change when the rule applies."""
    a, b = law.source_span(h.o1, h.o2)
    head = law.source[:a]
    m = re.match(r"[^，,。；;]*?的[，,]", law.source[a:])
    return bool(m) and not re.search(r"[，,。；;：:]", head) and m.end() > b - a


#: a party the law names (the narrower word before it is the draft's qualifier)
_PARTY_WORD = re.compile(
    r"(?:经营者|生产者|销售者|使用者|消费者|当事人|申请人|投诉人|举报人|利害关系人|第三人|企业|单位|公民|法人|经营主体)")
#: what follows the party that a sentence binds or entitles (经营者应当, 当事人对……, 企业未……)
_PARTY_ACTS = r"(?=(?P<act>应当|必须|不得|可以|有权|应|须|在|对|向|按照|依照|依法|从|未|违反|发现|履行|享有|承担|确有|提出))"
#: qualifiers that localise or refer, not narrow (本市经营者, 有关单位, 上述企业)
_NOT_QUALIFIER = re.compile(r"本|辖区|行政区域|区域内|县级|地方|我|全|各|有关|相关|所有|其他|上述|前款|该|机关|部门"
                            r"|[是指对由向将把被和或及与、不应可得须]|鼓励|支持|国家|[0-9一二三四五六七八九十]")


def _qualified_party(law: Normalized, draft: Normalized, h: Hunk) -> tuple[str, str] | None:
    """(law's party, the draft's narrower one) when the draft puts a qualifier before the party a
    law's sentence or clause opens with (经营者 → 网络交易经营者)."""
    if h.old or not 2 <= len(h.new) <= 6 or _NOT_QUALIFIER.search(h.new) or h.new in law.text:
        return None  # a qualifier the law's own clause uses (行政许可 申请人) is its context, not a narrowing
    m = re.match(r"[^对向由经为与和及在的]{0,4}?" + _PARTY_WORD.pattern + _PARTY_ACTS, law.text[h.o2:])
    if not m:
        return None  # not a party that acts or is bound here (企业名称: a thing of the party)
    a, _ = law.source_span(h.o1, h.o2)
    if a > 0 and law.source[a - 1] not in "，,。；;：:":
        return None  # not where the subject stands
    party = m.group(0)[:m.start("act")]
    return party, h.new + party


#: and ↔ or between conditions (A或者B的 → A且B的)
_AND = {"且", "并且", "并", "同时", "而且"}


def _and_or(old: str, new: str, h: Hunk) -> tuple[str, str] | None:
    """("或者", "且") when the draft makes the law's alternatives cumulative, or the reverse."""
    if re.search(r"未|没有", old[max(0, h.o1 - 16):h.o1]):
        return None  # 未设置A或者配备B = 未设置A并配备B…: under a negation the two read alike
    if h.old == "或" and (h.new in _AND or (h.new in ("和", "及") and re.match(r".{0,8}?(?:均|都|同时)", new[h.n2:]))):
        return "或者", h.new
    if h.old in _AND and h.new == "或":
        return h.old, "或者"
    return None


#: an exception or proviso in a clause: 除……外, ……除外, 另有规定, 但（是）…… (normalised: no punctuation)
_EXCEPTION_SPAN = re.compile(r"另有规定|除外|^除.{2,}外$|^但")
#: exception regions of a law clause's own wording
_EXCEPTION_REGION = re.compile(r"除[^。；]*?外|但是?[^。；]*|[^，。；]*的?除外|不需要[^。；]*|可以不[^。；]*")


def _deleted_part(h: Hunk) -> tuple[str, int, int] | None:
    """What a hunk deletes (text, law offsets): all of it, or all but a character or two the diff
    carried along at either end (除……外作 → 作)."""
    if not h.old:
        return None
    if not h.new:
        return h.old, h.o1, h.o2
    if len(h.new) <= 2 and h.old.endswith(h.new):
        return h.old[:-len(h.new)], h.o1, h.o2 - len(h.new)
    if len(h.new) <= 2 and h.old.startswith(h.new):
        return h.old[len(h.new):], h.o1 + len(h.new), h.o2
    return None


def _exception_added(law: Normalized, h: Hunk, draft_after: str = "") -> str | None:
    """"exception_added" for words the draft inserts that make an exception of their own (deferring
    to other law is no change); "exception_widened" for another case put into the law's exception.
    ``draft_after``: the draft's words right after the insertion."""
    if not h.new or len(h.new) < 2 or (h.old and len(h.old) > (6 if h.new[0] == "或" else 2)):
        return None
    if re.search(r"除外|^但|^除.{2,}外", h.new) and "另有规定" not in h.new and not h.old \
            and not re.match(r"还|也|并|同时", draft_after):  # 除……外，还应当: in addition to, no exception
        return "exception_added"
    if h.new[0] in "或、" and len(h.new) >= 3:
        a, b = law.source_span(h.o1, h.o2)
        if any(m.start() <= a and b <= m.end() for m in _EXCEPTION_REGION.finditer(law.source)):
            return "exception_widened"
    return None


#: the agency's own power (机关……可以): naming fewer of its measures narrows the agency, not the party
_AGENCY_MAY = re.compile(r"机关.{0,20}可以")


def _one_duty(law: Normalized, h: Hunk) -> bool:
    """The deleted span is one whole comma-delimited act of a duty the clause lists after its modal
    (应当立即停止生产，召回……，通知……，并记录……): not a condition (……的), not the last act."""
    a, b = law.source_span(h.o1, h.o2)
    src = law.source
    if len(h.old) < 4 or a == 0 or src[a - 1] not in "，," or not src.startswith(("，", ","), b):
        return False
    phrase = src[a:b]
    return not phrase.endswith("的") and "，" not in phrase and bool(re.search(r"(?:应当|必须)[^。；]*$", src[:a]))


def _dropped_occasion(old: str, h: Hunk) -> str | None:
    """One of two occasions a duty names, joined by 和 (应当在消费者接受服务前和自动续费日期前五日提请注意 →
    应当在自动续费日期前五日提请注意): reported as a member the duty requires (see _settle)."""
    if h.new or not h.old.endswith(("和", "及")) or not re.search(r"(?:应当|必须)在?$", old[:h.o1]):
        return None
    occasion = h.old[:-1]
    return occasion if len(occasion) >= 3 and _BEFORE_AFTER.get(occasion[-1:]) else None


def _first_duty(law: Normalized, h: Hunk) -> int | None:
    """The deleted span is the first of two acts a duty joins with 并 (应当具备……专业知识，并具有……经验):
    how many characters the diff placed it on (应当具〔备……并具〕有 is 应当〔具备……并〕具有), else None."""
    m = re.search(r"(?:应当|必须)(.{0,2})$", law.text[:h.o1])
    if not m or len(h.old) < 5 or not h.old.endswith(m.group(1)):
        return None
    shift = len(m.group(1))
    return shift if (m.group(1) + h.old)[:len(h.old)].endswith("并") else None


def _one_list_member(dropped: str) -> bool:
    """The deleted span is one member of a 、-list with its separator (、电梯 / 幼儿园、)."""
    member = dropped.removeprefix("、").removesuffix("、")
    return len(dropped) - len(member) == 1 and len(member) >= 2 and "、" not in member \
        and bool(re.fullmatch(r"[\u4e00-\u9fff]+", member))


#: the connectors of a list of parties (投诉人和被投诉人, 申请人、利害关系人)
_MEMBER_JOIN = re.compile(r"^(?:、|和|及|以及|与)")


def _dropped_member(old: str, h: Hunk) -> str | None:
    """The party the draft leaves out of the law's list of parties (申请人、利害关系人 → 申请人)."""
    if h.new or not (_MEMBER_JOIN.match(h.old) or (h.old.endswith("、") and "、" not in h.old[:-1])):
        return None
    member = _MEMBER_JOIN.sub("", h.old).removesuffix("、")
    if _MEMBER_JOIN.match(h.old):  # the party with what it does jointly (和被投诉人协商一致 → 被投诉人)
        joint = re.match(r"[\u4e00-\u9fff]{1,6}?" + _PARTY_END.pattern, member)
        member = joint.group(0) if joint else member
    if not 2 <= len(member) <= 8 or not _PARTY_END.search(member[-2:]) or _OFFICIALS.search(member) \
            or not re.fullmatch(r"[\u4e00-\u9fff]+", member):
        return None
    return member


#: conditions a draft puts on the law's duty (必要时对……进行现场核查)
_ADDED_CONDITION = re.compile(r"必要时|视情况?|根据需要|确有必要|原则上|一般情况下")


#: what the law grants the party when its conditions are met
_PARTY_BENEFIT = re.compile(r"不予(?:行政)?处罚|免予|从轻|减轻|不再给予")


def _added_condition(draft: Normalized, h: Hunk) -> str | None:
    """The condition the draft adds inside a clause restating the law: a discretion word put before
    the law's act, or a further requirement joined to the law's condition (实名举报并书面要求告知的)."""
    if h.old or len(h.new) < 2:
        return None
    benefit = _PARTY_BENEFIT.search(draft.text[h.n2:])  # 不予处罚, 从轻: a further requirement narrows it
    if not benefit and (not re.search(r"应当|必须", draft.text) or "可以" in draft.text[h.n2:h.n2 + 4]):
        return None  # a condition on a duty; 必要时可以 leaves a discretion a discretion
    if _ADDED_CONDITION.search(h.new) and len(h.new) <= 6:
        return h.new
    # a number only as a window of the condition (且一年内未被投诉举报), not a sanction (并处一万元)
    if len(h.new) >= 4 and h.new[0] in "并且" and (not _NUM_RE.search(h.new) or re.search(r"[年月日]内", h.new)) \
            and not _APPROVAL.search(h.new):
        _, b = draft.source_span(h.n1, h.n2)
        if draft.source.startswith("的", b):
            return h.new
    return None


def _number_change(h: Hunk, oq: list[Qty], nq: list[Qty], old: str, new: str,
                   law_rngs, draft_rngs, protective: bool, favourable: str = "") -> Change | None:
    kinds = [q.kind for q in oq + nq]
    kind = "time" if "time" in kinds else "amount" if "amount" in kinds else "number"
    if oq and nq:
        law_all = {(q.base, q.dim) for q in quantities(old)}
        if len(nq) < len(oq) and all((q.base, q.dim) for q in nq) and {(q.base, q.dim) for q in nq} <= law_all:
            return None  # the draft lists fewer of the law's own numbers
        if len(nq) > len(oq) and h.o2 == len(old) \
                and [(q.base, q.dim) for q in oq] == [(q.base, q.dim) for q in nq[:len(oq)]]:
            return None  # the law's numbers kept; the draft runs on into the law's next clause
        # a sub-range of the law's X以上Y以下 range is discretion within the law (裁量阶次), not a change
        if all(_in_range(q, draft_rngs) for q in nq) and law_rngs:
            ok = True
            for a, b in draft_rngs:
                if not any(la.dim == a.dim and la.base <= a.base and b.base <= lb.base for la, lb in law_rngs):
                    ok = False
            if ok:
                return None
        if kind == "amount" and favourable and len(oq) == len(nq):
            moves = [(n.base < o.base) if favourable == "lower" else (n.base > o.base) for o, n in zip(oq, nq)]
            if all(moves):
                return None  # e.g. a lower ceiling on summary procedure: in the party's favour
        if kind == "time" and len(oq) == 1 and len(nq) == 1 and _favourable_time(oq[0], nq[0], new):
            return None
        return Change(kind, old[oq[0].start:oq[-1].end], new[nq[0].start:nq[-1].end], h)
    if nq and not oq:
        # a number the law does not have: a threshold added to a right / a condition
        if not protective:
            return None
        span = new[nq[0].start:min(len(new), nq[-1].end + 2)]
        if re.search(r"以上|以下|超过|不足|达到", span) or kind == "amount":
            return Change("threshold", "", new[h.n1:h.n2], h, protective=False)
        return None
    # a party's own limit dropped, the party joined to the next one's (对公民处以二百元以下、对法人……处以
    # 三千元以下 → 对公民、法人……处以三千元以下): the larger limit now reaches it
    if len(h.old) > MAX_DROPPED and h.new not in ("、", "和", "或"):
        return None
    return Change(kind, old[oq[0].start:oq[-1].end], "", h)


# compare answered once per pair of clauses (wrapped here, apart from its definition)

COMPARED_MAX = CACHED_TEXTS


def _remembered(fn):
    """``compare`` answered once per pair of clauses and options: a pure function of its
    arguments, and a long draft restates the same clause in many articles. Each caller gets its
    own copies of the changes."""
    memo: dict[tuple, tuple[Normalized, Normalized, list[Change]]] = {}

    @wraps(fn)
    def remembered(law: Normalized, draft: Normalized, **options) -> list[Change]:
        key = (law.source, law.text, draft.source, draft.text, tuple(sorted(options.items())))
        got = memo.get(key)
        # the same texts normalised some other way map back differently: compare afresh
        if got is None or not _same_map(got[0], law) or not _same_map(got[1], draft):
            if len(memo) >= COMPARED_MAX:
                memo.clear()
            got = memo[key] = (law, draft, fn(law, draft, **options))
        return [replace(c, hunk=copy(c.hunk)) for c in got[2]]

    remembered.cache_clear = memo.clear
    return remembered


def _same_map(a: Normalized, b: Normalized) -> bool:
    return a is b or (a.starts == b.starts and a.ends == b.ends)


compare = _remembered(compare)


# ---------------------------------------------------------------- restatements


@dataclass
class Restatement:
    """A draft clause that restates a law clause with changes."""

    clause: DraftClause
    law: LawClause
    changes: list[Change]
    score: float
    parallels: list[LawClause] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {c.kind for c in self.changes}


#: the draft's own entry into force or validity (本细则自发布之日起施行): never a restatement
_OWN_FORCE = re.compile(r"^本[^，。；]{1,8}(?:自|有效期)|起施行。?$")


def _lead_in(lc: LawClause) -> LawClause:
    """The clause that introduces a law's 项 (……应当依照以下程序组织：), or the item itself."""
    clauses = _ARTICLE_CLAUSES.get(lc.key, [])
    k = next((i for i, c in enumerate(clauses) if c is lc), None)
    if k is None:
        return lc
    return next((c for c in reversed(clauses[:k]) if not c.item), lc)


def _one_number_differs(law: str, draft: str) -> bool:
    """The clauses have as many numbers and all but one are the same."""
    a, b = quantities(law), quantities(draft)
    return len(a) == len(b) and sum((x.base, x.dim) != (y.base, y.dim) for x, y in zip(a, b)) <= 1


def _starts_moved(law: str, draft: str) -> int | None:
    """How many of the events the clauses' time limits run from differ (None: not as many events)."""
    a, b = _starts(law), _starts(draft)
    return sum(x != y for x, y in zip(a, b)) if len(a) == len(b) else None


def _score(d: DraftClause, lc: LawClause, *, frame: bool = False) -> tuple[float, float]:
    """Bigram containment (draft in law, law in draft); a draft that leaves out the law's exception
    still restates the rest of the clause (the comparison then reports the exception dropped)."""
    if frame:  # numbers and starts set aside
        cd, cl = containment(_frame_grams(d.norm.text), _frame_grams(lc.norm.text))
    else:
        cd, cl = containment(d.grams, lc.grams)
    if lc.core:
        whole = containment(d.grams, lc.core)[1]
        if whole >= CORE_WHOLE:  # all of the clause but its exception is there
            cl = max(cl, whole)
    return cd, cl


def _accept(cd: float, cl: float, anchored: bool) -> bool:
    """``anchored``: the law clause belongs to a provision another clause of the same unit already
    restates, so a clause reworded around its number or modal still lines up with it."""
    if anchored:
        return cd >= SHORT_DRAFT and cl >= SHORT_LAW
    return (min(cd, cl) >= ACCEPT_LOW and max(cd, cl) >= ACCEPT_HIGH) or (cl >= CONTAIN_LAW and cd >= CONTAIN_DRAFT)


# 决定是否…, 作出是否立案的决定: the decision on a question is a norm, not a question asked
_CHECKLIST = re.compile(r"(?<!决定)(?<!确定)(?<!研究)(?<!讨论)(?<!判断)(?<!选择)是否(?![^，。；]{0,8}决定)")


def is_checklist(text: str) -> bool:
    """An audit criterion or question (审查……是否……) describes, it sets no norm."""
    return "是否" in text and bool(_CHECKLIST.search(text))  # the plain test first: most clauses ask nothing


def _draft_clauses(unit: Unit) -> list[DraftClause]:
    out = []
    for s, e, t in _clauses_of(unit.text):
        if is_checklist(t):
            continue
        n = norm(t)
        item = bool(numerals.ITEM_START.match(t))
        if len(n.text) < (2 if item else MIN_LEN):
            continue  # a short 项 (（一）警告) still counts among the items of a restated list
        out.append(DraftClause(unit, s, e, t, n, _grams(n.text), item))
    return out


def _unit_extra(ctx: ReviewContext, unit: Unit) -> list[LawClause]:
    """Clauses of the provisions a unit cites."""
    seen: set[tuple[str, int]] = set()
    out: list[LawClause] = []
    for r in ctx.citations(unit):
        if r.status != "ok" or not r.law or not r.article:
            continue
        if (r.law, r.article) in seen:
            continue
        seen.add((r.law, r.article))
        la = ctx.law_article(r.law, r.article)
        if ctx.in_force(la) and ctx.outranks(la):
            out.extend(law_article_clauses(r.law, r.article, la.text))
    return out


_TITLE_NOISE = re.compile(r"[（(]?(?:征求意见稿|送审稿|草案|试行|暂行)[）)]?|关于|印发|的通知|^.{2,3}(?:省|市|县|区)")


def _topic_laws(ctx: ReviewContext) -> list[str]:
    """Laws the draft's subject is governed by (a full-text search on its title), when the draft
    does not cite them: at most TOPIC_LAWS laws with at least TOPIC_HITS of the top hits."""
    if not TOPIC_LAWS:
        return []
    title = _TITLE_NOISE.sub("", ctx.document.title or "")
    if len(title) < 4:
        return []
    hits = ctx.corpus.search(title, 20)
    counts = Counter(h.law for h in hits if ctx.in_force(h) and h.level in TOPIC_LEVELS)
    return [law for law, n in counts.most_common(TOPIC_LAWS) if n >= TOPIC_HITS]


def _doc_laws(ctx: ReviewContext) -> list[str]:
    laws = list(core_laws())
    for law in ctx.cited_laws() + _topic_laws(ctx):
        if law not in laws:
            laws.append(law)
    return laws


def _best_first(scored: tuple[float, LawClause]) -> tuple:
    """Best score first; equal scores in a fixed order (law, article, text), not set iteration order."""
    s, lc = scored
    return -s, lc.law, lc.article, lc.text


def _generic(acc: list[tuple[float, LawClause]], cited: set[tuple[str, int]]) -> bool:
    """The clause matches several articles of one law about equally well and cites none of them,
    unless several laws all say the same words there (情况复杂的，……延长期限不得超过三十日 in 行政强制法
    第二十五条、第三十二条 and 程序规定 第三十八条): then whichever it restates, the comparison is the same.
    (Penalty boilerplate repeated within one law stays ambiguous.)"""
    best = acc[0][0]
    near = [lc for s, lc in acc if s >= best - GENERIC_MARGIN]
    if any(lc.key in cited for lc in near):
        return False
    if len({lc.norm.text for lc in near}) == 1 and len({lc.law for lc in near}) >= 2:
        return False
    per_law: dict[str, set[int]] = {}
    for lc in near:
        per_law.setdefault(lc.law, set()).add(lc.article)
    return any(len(arts) >= 2 for arts in per_law.values())


#: a law clause that makes an exception to the one before it (法律另有规定的除外, 但是……, 另有规定的，从其规定)
_EXCEPTION_CLAUSE = re.compile(r"^但是?[，,]|除外$|另有规定的?[，,]?(?:从其规定|依照其规定|适用其规定)$"
                               r"|[，,]可以不(?:予|再)?[^，,。；]{0,8}$")  # …的，可以不予标注: a permission not to
def _exception_kind(text: str) -> str:
    """"deference" for an exception that only defers to other law (法律另有规定的除外: that law prevails
    anyway, so leaving it out is a hint), else "exception" (但是……适用新的规定: a rule of its own)."""
    return "deference" if re.search(r"(?:法律|法规|规章|行政法规)[^。；]{0,8}另有规定", text) and "但" not in text else "exception"


#: wording by which a draft keeps (or restates) an exception
_EXCEPTION_IN = re.compile(r"除外|另有规定|但是|[，,]但")
#: "逾期不改正的，处…罚款": a sanction whose conduct is in another clause; alone it matches every law that
#: fines anything that much
_SANCTION_TAIL = re.compile(r"^(?:拒不改正|逾期不改正|逾期未改正|逾期不改|情节严重|情节较重|情节特别严重|构成犯罪)的")
_AGENCY_POWERS = re.compile(r"可以(?:依法)?(?:行使|采取)下列")
#: a list that says what is allowed, forbidden or required (cases, measures, conducts, conditions),
#: not the steps of a procedure (听证按照下列程序进行): adding to it changes the rule
_CLOSED_LIST = re.compile(r"下列(?:情形|措施|行为|条件|事项|内容|单位|人员|职权|权力|物品|财物)")


#: how a lead-in announces its list (有下列情形之一的, 分别作出如下决定, 包括以下内容)
_LIST_WORD = re.compile(r"下列|如下|(?<![0-9一二两三四五六七八九十百千万元日月年])以下")  # not 五千元以下


def _catch_all(item: str) -> bool:
    """The 项 that closes a list with whatever else is like the rest (其他需要中止听证的情形)."""
    body = numerals.ITEM_START.sub("", item).strip()
    return body.startswith("其他") or bool(re.search(r"其他[^，。；]{0,12}(?:情形|行为|内容|情况|事项|措施)[。；]?$", body))


#: a catch-all item that points to other law
_DEFERRING_ITEM = re.compile(r"(?:法律|法规|规章|规定)[^。；]{0,16}其他")


def _item_indexes(clauses: list[DraftClause], lead: DraftClause) -> list[int]:
    """Positions in ``clauses`` of the 项 the draft lists under ``lead``."""
    start = next((k for k, d in enumerate(clauses) if d is lead), len(clauses))
    out = []
    for k in range(start + 1, len(clauses)):
        if not clauses[k].item:
            break
        out.append(k)
    return out


def _unpaired(drafted: list[DraftClause], items: list[LawClause]) -> list[DraftClause]:
    """The draft's 项 left over when each is paired with at most one of the law's 项, best pairs
    first (a pair needs half of either side's bigrams in the other): items the law does not list."""
    scores = ((_score(d, lc), i, j) for i, d in enumerate(drafted) for j, lc in enumerate(items))
    pairs = sorted(((sum(s), i, j) for s, i, j in scores if max(s) >= 0.5), reverse=True)
    used_d: set[int] = set()
    used_l: set[int] = set()
    for _, i, j in pairs:
        if i not in used_d and j not in used_l:
            used_d.add(i)
            used_l.add(j)
    return [d for i, d in enumerate(drafted) if i not in used_d]


#: words of a title that name its kind, issuer or purpose, not its field
_TITLE_GENERIC = re.compile(r"市场监督管理局?|人民政府|监督管理|管理|监督|实施|办法|条例|规定|细则|规则|规程|若干|加强|规范"
                            r"|工作|意见|决定|措施|行为|活动|[的和与及等、]")


#: words of a field too common in law titles to tie a law to the draft's field
_GENERIC_FIELD_WORDS = frozenset({"中华", "人民", "共和", "国家", "行政", "安全", "公共", "服务", "管理", "经营", "企业",
                                  "产品", "社会", "条例", "法律", "行业", "活动", "信息", "质量"})


def _field(title: str) -> frozenset[str]:
    """The two- to four-character words of what a draft's title says it governs (湖南省电梯安全条例 →
    电梯安全 → 电梯, 梯安, 安全, 电梯安…), for telling a law's scope tailored to the draft's field
    from a narrowing, and a law of the draft's field from another's."""
    title = re.sub(r"[（(][^）)]*[）)]", "", title or "")  # （征求意见稿）
    field = _TITLE_NOISE.sub("", _TITLE_GENERIC.sub(" ", title)).strip()
    return frozenset(field[i:i + n] for n in (2, 3, 4) for i in range(len(field) - n + 1) if " " not in field[i:i + n])


def _tailored(c: Change, field: frozenset[str], law_text: str, draft_text: str) -> bool:
    """The change keeps only the part of the law's scope the draft governs: a qualifier from the
    draft's field put before the party (使用单位 → 电梯使用单位), or one member of the law's
    enumeration kept (乘坐或者操作电梯、客运索道、大型游乐设施 → 乘坐电梯)."""
    if not field:
        return False
    if c.kind == "subject":
        added = c.draft_text.replace(c.law_text, "")
        return bool(added) and any(w in added for w in field)
    if c.hunk is None:
        return False
    # the enumeration right at the change (乘坐〔或者操作〕电梯、客运索道、大型游乐设施), not one elsewhere
    # in the clause (对教育、培训效果作出明示〔或者暗示〕保证性承诺)
    region = law_text[max(0, c.hunk.o1 - TAILOR_REACH):c.hunk.o2 + TAILOR_REACH]
    if "、" not in region or re.search(r"和|及", region):
        return False  # a list the law joins with 和 asks for all of it (标示品名、价格和计价单位)
    members = region.split("、")
    return any(w in draft_text and any(w in m for m in members) and any(w not in m for m in members)
               for w in field)


def _first_modal_grants(text: str) -> bool:
    """The first modal of ``text`` grants a right (可以, 有权), not a duty."""
    m = re.search(r"可以|有权|享有|应当|必须|不得|应|须", text)
    return bool(m) and m.group() in ("可以", "有权", "享有")


#: a duty the clause states before a list (应当标示商品的品名、价格和计价单位): the list is what it requires
_DUTY_BEFORE = re.compile(r"(?:应当|必须)(?!不)")


def _settle(changes: list[Change], named: str, *, close: bool, normative: bool, field: frozenset[str] = frozenset(),
            law_text: str = "", draft_text: str = "", own_terms: str = "") -> list[Change]:
    """Changes whose weight depends on where the clause stands.

    A party left out of the law's list (a "member" change) is a narrowing, not tailoring, when the
    draft keeps the law's sentence (``close``) and the same article of the draft (``named``) speaks
    of that party elsewhere; otherwise it is left alone (a draft that gives each party an article of
    its own names the others elsewhere in the document). One member of a listed set of cases left
    out ("list_member"), or one of the acts a duty lists ("list_act"), counts only in a 规范性文件
    (``normative``) that keeps the law's sentence, and
    an exception added or widened only in a 规范性文件: a regulation or rule may specify the law for
    its field, a normative document may only restate it."""
    out = []
    for c in changes:
        if c.kind in ("subject", "alternative", "member", "list_member", "actor") \
                and _tailored(c, field, law_text, draft_text):
            continue  # the law's scope narrowed to the draft's own field
        if c.kind in ("subject", "party") and c.draft_text and c.draft_text not in law_text \
                and own_terms.count(c.draft_text) >= OWN_TERM_USES:
            continue  # a party the draft names throughout (入场销售者): its own term for its field
        if c.kind == "member":
            if normative and c.hunk is not None and _DUTY_BEFORE.search(law_text[:c.hunk.o1]):
                c = replace(c, kind="duty_member")  # one of the things a duty requires (标示品名、价格和计价单位)
            elif normative and c.hunk is not None and _first_modal_grants(law_text[c.hunk.o2:]) \
                    and c.law_text in own_terms:
                # one of those the law entitles (当事人、第三人可以委托……), a party the draft speaks of
                # elsewhere: the draft takes the right away (one it never names is outside its field)
                c = replace(c, kind="dropped_party", protective=True)
            elif not (close and len(c.law_text) >= 3 and c.law_text in named):
                continue
            else:
                c = replace(c, kind="dropped_party")
        elif c.kind in ("list_member", "list_act"):  # one of the law's listed cases or acts left out
            if not (normative and (close or _only_edit(c.hunk, law_text, draft_text))):
                continue
            c = replace(c, kind="alternative" if c.kind == "list_member" else "duty")
        elif c.kind in ("exception_added", "exception_widened") and not normative:
            continue  # a regulation or rule may make the exceptions of its field
        elif c.kind == "case_words":
            if not (normative and close):
                continue  # a regulation or rule may word the case for its field
            c = replace(c, kind="condition")
        elif c.kind == "reworded" and not (normative and (close or _only_edit(c.hunk, law_text, draft_text))):
            continue  # a regulation or rule may word the law for its field; a normative document restates it
        elif c.kind == "reworded" and any(w in c.draft_text for w in field - _GENERIC_FIELD_WORDS):
            continue  # the law's rule said of the draft's own field (经营者 → 培训机构, 陈述、申辩 → 要求听证)
        out.append(c)
    return out


def _only_edit(h: Hunk | None, law_text: str, draft_text: str) -> bool:
    """The draft clause is the law's but for this one edit (and numbers written otherwise: 两个 → 2个)."""
    return h is not None and _NUMERAL.sub("#", law_text[:h.o1] + law_text[h.o2:]) \
        == _NUMERAL.sub("#", draft_text[:h.n1] + draft_text[h.n2:])


def _line_up(clauses: list[DraftClause], indexes: list[LawIndex], extra: list[LawClause],
             cited: set[tuple[str, int]], *, close: bool = False
             ) -> tuple[dict[int, list[tuple[float, LawClause]]], set[tuple[str, int]]]:
    """Each draft clause's higher-law clauses, best first (by position), and the provisions they
    vouch for (the anchors other clauses of the unit are compared within). ``close``: only
    restatements that keep the law's sentence (CLOSE_RESTATEMENT)."""
    matches: dict[int, list[tuple[float, LawClause]]] = {}
    anchors: set[tuple[str, int]] = set()
    for i, d in enumerate(clauses):
        if _SANCTION_TAIL.match(d.text):
            continue  # a sanction without its conduct: compared only beside a restated provision
        short = len(d.norm.text) < SHORT_LEN  # a short clause lines up alone only with a short law clause
        if short and (d.item or _OWN_FORCE.search(d.text) or close):
            continue  # a short 项 or the draft's own 施行 clause: compared only beside a restated provision
        cands: dict[tuple[str, int, str], LawClause] = {}
        for ix in indexes:
            for lc in _nominate(ix, d.grams):
                cands[(lc.law, lc.article, lc.text)] = lc
        for lc in extra:
            cands[(lc.law, lc.article, lc.text)] = lc
        acc = []
        for lc in cands.values():
            cd, cl = _score(d, lc)
            if short:
                ok = len(lc.norm.text) < SHORT_LEN * 3 // 2 and min(cd, cl) >= SHORT_ALONE
            else:
                ok = _accept(cd, cl, False) and (not close or cd + cl >= CLOSE_RESTATEMENT)
                if not ok and _starts_moved(lc.norm.text, d.norm.text) == 1 \
                        and _one_number_differs(lc.norm.text, d.norm.text):
                    # the law's clause but for the event its limit runs from (自收到申请之日起 → 自申请期限届满之日起)
                    ok = min(_score(d, lc, frame=True)) >= NUMBERLESS_SAME
            if ok:
                acc.append((cd + cl, lc))
        if acc:
            acc.sort(key=_best_first)
            if _generic(acc, cited):
                continue  # boilerplate many articles share (逾期不改正的，处…罚款): needs an anchor
            matches[i] = acc
            if not short:  # a short clause lines up too easily to vouch for the provision
                anchors.update(lc.key for _, lc in acc[:3])
    return matches, anchors


def _item_no(text: str) -> int | None:
    m = numerals.ITEM_START.match(text)
    return numerals.from_chinese(m.group("no")) if m else None


def _following(lc: LawClause) -> LawClause | None:
    """The clause of the law's article right after ``lc``."""
    law_clauses = _ARTICLE_CLAUSES.get(lc.key, [])
    k = next((i for i, c in enumerate(law_clauses) if c is lc), None)
    return law_clauses[k + 1] if k is not None and k + 1 < len(law_clauses) else None


def _numbers_held(d: DraftClause, lc: LawClause) -> bool:
    """Every number of the draft clause is in the law clause: one that says none (可以延长) does not
    vouch for the draft's 30个工作日."""
    held = Counter((q.base, q.dim) for q in quantities(lc.norm.text))
    return not (Counter((q.base, q.dim) for q in quantities(d.norm.text)) - held)


def _cohere(matches: dict[int, list[tuple[float, LawClause]]], clauses: list[DraftClause]) -> None:
    """Within one article, a clause nearly as close to the provision its other clauses restate is
    read as restating that one (申请人不承担……听证的费用 beside 行政许可法 第四十七条's other clauses,
    not 行政处罚法 第六十三条's 当事人不承担……), also when it is that provision's clause but for its
    numbers (可以延长30个工作日 beside 第十八条's other clauses, not 第五十五条's 可以延长 without a number)."""
    tops = Counter(acc[0][1].key for acc in matches.values())
    for i, acc in matches.items():
        best, top = acc[0]
        if tops[top.key] > 1:
            continue  # its provision is the article's already
        others = {k for k, n in tops.items() if k != top.key}
        d = clauses[i]
        pick = next(((s, lc) for s, lc in acc[1:] if lc.key in others and (
            s >= best - COHERENCE_MARGIN or min(_score(d, lc, frame=True)) >= NUMBERLESS_SAME)), None)
        if pick is not None:
            acc.remove(pick)
            acc.insert(0, pick)


def _changes(d: DraftClause, lc: LawClause) -> list[Change]:
    """The changes from a law clause to the draft clause restating it, read with what the law's
    provision is (a protected right, a favourable direction, an item under a lead-in)."""
    return compare(lc.norm, norm_against(d.text, lc.law), protective=provision_rule(lc.law, lc.article) is not None,
                   favourable=favourable_direction(lc.law, lc.article), item=d.item and not lc.item,
                   law_item=lc.item and not d.item, law_lead=_lead_in(lc).text if lc.item and not d.item else "")


def _wide_extra(ctx: ReviewContext, unit: Unit, seen: set[tuple[str, int]], field: frozenset[str]) -> list[LawClause]:
    """Clauses of the current higher-law provisions the whole corpus finds for a unit's words, in
    laws of the draft's own field (a word of the draft's title in the law's: 认证活动 → 认证认可条例),
    not another field's law that happens to use the same words (港口法 for a nuclear-safety rule)."""
    words = field - _GENERIC_FIELD_WORDS
    if not words:
        return []
    seen = set(seen)
    out: list[LawClause] = []
    for h in ctx.similar(unit):
        if h.sub or (h.law, h.article) in seen or not ctx.in_force(h) or not ctx.outranks(h):
            continue
        if not any(w in h.law for w in words):
            continue
        seen.add((h.law, h.article))
        out.extend(law_article_clauses(h.law, h.article, h.text))
    return out


#: ctx.cache key: (article, sub, clause text, (law, article)) of each clause restated word for word
FAITHFUL_CACHE = "faithful_restatements"


def find_restatements(ctx: ReviewContext) -> list[Restatement]:
    """Every draft clause that restates a current higher-law clause with a meaningful change (and,
    in ``ctx.cache[FAITHFUL_CACHE]``, each one it restates faithfully)."""
    ix = law_index(ctx, tuple(_doc_laws(ctx)))
    field = _field(ctx.document.title)
    whole = "\n".join(norm(u.text).text for u in ctx.units)  # the draft's own words, normalised
    indexes = [ix] if ix else []
    out: list[Restatement] = []
    for unit in ctx.units:
        part = unit.part
        if part is not None and part.kind in _SKIP_PARTS:
            continue
        clauses = _draft_clauses(unit)
        if not clauses:
            continue
        extra = _unit_extra(ctx, unit)
        cited = {lc.key for lc in extra}
        matches, anchors = _line_up(clauses, indexes, extra, cited)
        if not matches:
            # nothing in the core laws or the laws the draft cites: any current higher law the
            # article's words find (the draft may cite it wrongly or not at all), its own sentence kept
            wide = _wide_extra(ctx, unit, cited, field)
            if wide:
                matches, anchors = _line_up(clauses, [], wide, cited, close=True)
        elif any(_changes(clauses[i], acc[0][1]) for i, acc in matches.items()):
            # a change from the nearest core or cited provision: a law of the draft's field may hold
            # the clause more closely (食品安全法实施条例 第六十一条's 四十五日 where 行政强制法 says 三十日)
            wide = _wide_extra(ctx, unit, cited | {lc.key for acc in matches.values() for _, lc in acc}, field)
            if wide:
                more, _ = _line_up(clauses, [], wide, cited, close=True)
                for i, acc in more.items():
                    if i in matches:
                        matches[i] = sorted(matches[i] + acc, key=_best_first)
        if anchors:
            anchored: list[LawClause] = []
            for law, no in anchors:
                anchored.extend(_ARTICLE_CLAUSES.get((law, no), []))
            for i, d in enumerate(clauses):
                if i in matches:
                    continue
                acc = []
                for lc in anchored:
                    cd, cl = _score(d, lc)
                    if d.item and lc.item and cd >= SAME_ITEM and _item_no(d.text) == _item_no(lc.text):
                        pass  # the same 项 of the restated list, shortened (初次违法且危害后果轻微并及时改正 → 初次违法并及时改正)
                    elif not _accept(cd, cl, True):
                        # the law's clause but for its numbers (给予一百元以下罚款 → 给予500元以下罚款)
                        cd, cl = _score(d, lc, frame=True)
                        if min(cd, cl) < NUMBERLESS_SAME or not _one_number_differs(lc.norm.text, d.norm.text) \
                                or _starts_moved(lc.norm.text, d.norm.text) not in (0, 1):
                            continue  # several numbers changed: a tier of the draft's own, not a restatement
                    acc.append((cd + cl, lc))
                if acc:
                    acc.sort(key=_best_first)
                    matches[i] = acc
        _cohere(matches, clauses)
        matched_law: dict[tuple[str, int], set[str]] = {}
        restated: list[tuple[DraftClause, LawClause]] = []
        last_items: list[tuple[DraftClause, LawClause]] = []
        named = norm(unit.text).text  # whom the article speaks of (see _settle)
        for i, acc in matches.items():
            d = clauses[i]
            faithful = False
            evaluated: list[tuple[float, LawClause, list[Change]]] = []
            top_cd = _score(d, acc[0][1])[0]
            for s, lc in acc[:6]:
                ch = _settle(_changes(d, lc), named, close=s >= CLOSE_RESTATEMENT, normative=ctx.is_normative, field=field,
                             law_text=lc.norm.text, draft_text=d.norm.text, own_terms=whole)
                evaluated.append((s, lc, ch))
                # another provision restated word for word makes the clause faithful only if it
                # accounts for as much of the clause (not a shorter one that leaves the change out)
                cd, cl = _score(d, lc)
                if not ch and (not evaluated[1:] or (min(cd, cl) >= FAITHFUL and s >= acc[0][0] - FAITHFUL_MARGIN
                                                     and cd >= top_cd - FAITHFUL_COVER
                                                     and _numbers_held(d, lc))):
                    faithful = True
                    # kept for the rules that check the same clause against a general limit
                    ctx.cache.setdefault(FAITHFUL_CACHE, []).append((unit.article, unit.sub, d.text, lc.key))
                    break
            top = acc[0][1]
            for _, lc in acc:
                matched_law.setdefault(lc.key, set()).add(lc.text)
            if not top.item:
                restated.append((d, top))
            elif not getattr(_following(top), "item", False):
                last_items.append((d, top))  # the last 项 of a list: what the law says after it is weighed too
            if faithful:
                continue
            s, lc, ch = evaluated[0]
            kinds = {c.kind for c in ch}
            parallels = []
            for s2, lc2, ch2 in evaluated[1:]:
                if lc2.key != lc.key and lc2.key not in [p.key for p in parallels] and kinds & {c.kind for c in ch2}:
                    parallels.append(lc2)
            out.append(Restatement(d, lc, ch, s, parallels))
        # an exception the law states right after the restated clause (法律另有规定的除外, 但是……), left out
        if not _EXCEPTION_IN.search(unit.text):
            for d, lc in restated + last_items:
                nxt = _following(lc)
                if nxt is None or nxt.item or lc.derived or nxt.derived or not _EXCEPTION_CLAUSE.search(nxt.text) \
                        or nxt.text in matched_law.get(lc.key, ()):
                    continue
                change = Change(_exception_kind(nxt.text), nxt.text, "", None, protective=False)
                same = next((r for r in out if r.clause is d and r.law.key == lc.key), None)
                if same is not None:
                    same.changes.append(change)
                else:
                    out.append(Restatement(d, lc, [change], 0.0))
        # an item missing from a restated closed list (有下列情形之一 / 不得含有下列内容 …): the draft
        # restates the list's lead-in and most of its items but leaves some out
        for key, texts in matched_law.items():
            law_clauses = _ARTICLE_CLAUSES.get(key, [])
            first = next((k for k, lc in enumerate(law_clauses) if lc.item), None)
            if not first:
                continue
            # the lead-in (有下列情形之一) may be a clause or two before the one the items follow
            # (有下列情形之一，……应当进行法制审核；未经法制审核的，不得作出决定：（一）……); a regulation
            # or rule that lists its own cases under such a sentence specifies the law (see _settle)
            lead = next((d for d, lc in restated if lc.key == key and lc.text == law_clauses[first - 1].text), None)
            reach = 3 if ctx.is_normative else 1
            if not ctx.is_normative and lead is not next((d for d, lc in restated if lc.key == key), None):
                continue  # a regulation or rule opens its own sentence with the law's lead-in
            lead_text = next((lc.text for lc in reversed(law_clauses[max(0, first - reach):first])
                              if _LIST_WORD.search(lc.text) and lc.text in texts), "")
            if lead is None or not lead_text:
                continue  # the draft does not restate the lead-in of the law's enumeration
            items = [lc for lc in law_clauses if lc.item]
            hit_items = [lc for lc in items if lc.text in texts]
            most = len(hit_items) >= max(2, -(-len(items) * 3 // 5))  # most of the law's items are there
            under_k = _item_indexes(clauses, lead)
            under = [clauses[k] for k in under_k]
            law_lead = law_clauses[first - 1]
            # items the draft adds to the law's list (a sixth investigative measure, one more ground
            # of disqualification): the list restated, more items than the law has, some matching none
            if most and len(under) > len(items) and _CLOSED_LIST.search(lead_text):
                for d in _unpaired(under, items):
                    if "其他" not in d.text:
                        out.append(Restatement(d, law_lead, [Change("added_item", "", d.text, None, protective=False)],
                                               0.0))
            if _AGENCY_POWERS.search(lead_text):
                continue  # fewer of the agency's own powers restated narrows the agency, not the party
            if len(under) >= len(items):
                continue  # as many items as the law: the unmatched ones are reworded, not dropped
            if len(items) < 3 or not most or len(hit_items) == len(items):
                continue
            # a catch-all that defers to other law (法律、法规规定的其他情形) holds anyway; one of the
            # law's own (其他较重的行政处罚, 其他价格欺诈行为) is a case the draft leaves out
            missing = [lc for lc in items if lc.text not in texts and not _DEFERRING_ITEM.search(lc.text)]
            if not missing:
                continue
            # a list that protects the party: dropping an item is an error, unless the draft's catch-all
            # (其他较重的行政处罚) still reaches the case: the list is then incomplete, not narrowed
            covered = any(_catch_all(clauses[k].text) and not _DEFERRING_ITEM.search(clauses[k].text) for k in under_k)
            if covered and "可以" in lead_text:
                continue  # the occasions of a discretion (可以中止听证) stay open through the catch-all
            protective = _lists_matter(*key) and not covered
            out.append(Restatement(lead, law_lead, [Change("item", lc.text, "", None, protective=protective)
                                                    for lc in missing], 0.0))
    return out


# ---------------------------------------------------------------- findings


#: how a law names itself (本法, 本条例…): restored into a draft, it is said by its title
_SELF_NAME = re.compile(r"本(?:法|条例|规定|办法|细则|规则)(?![律规则定])")


def _cn_article(no: int) -> str:
    return numerals.article_label(no)


def _finding(r: Restatement) -> Finding:
    d, lc = r.clause, r.law
    kinds = r.kinds
    # nothing the law says is changed: a wording hint only. 法律另有规定的除外 left out is one too: the
    # other law prevails anyway, and legal offices do not ask for it back (the labelled drafts agree)
    hint = kinds <= {"actor", "deference"}
    rule = ("divergence" if hint else provision_rule(lc.law, lc.article, kinds, lc.text)) or "divergence"
    severe = any(c.kind in _NUMBER_KINDS | {"modal", "negation", "item", "start"} and c.protective for c in r.changes)
    severity = "error" if severe else "info" if hint else "warning"
    basis = [Basis(lc.law, lc.article)] + [Basis(p.law, p.article) for p in r.parallels]
    what = "；".join(dict.fromkeys(c.describe() for c in r.changes))
    # an act of a duty is put back with the comma that joins it to the next (…食品，通知……，并记录…)
    acts = [c for c in r.changes if c.kind == "duty"]
    chosen = [c.hunk for c in r.changes if c.hunk is not None and c.kind != "duty"]
    def own_title(text: str) -> str:
        return _SELF_NAME.sub(f"《{lc.law}》", text)

    proposed = apply_hunks(d.norm, lc.norm, chosen, restore=own_title) if chosen else None
    for c in sorted(acts, key=lambda c: -c.hunk.n1):
        base = proposed or d.text
        if len(base) != len(d.text):
            continue  # another edit moved the draft's offsets
        if c.hunk.new:  # the joiner put in the act's place (全面检查后，方可 → 全面检查，消除事故隐患，方可)
            a, b = d.norm.source_span(c.hunk.n1, c.hunk.n2)
            proposed = base[:a] + "，" + own_title(c.law_text) + base[b:]
        else:
            at = d.norm.source_span(c.hunk.n1, c.hunk.n1)[0]
            proposed = base[:at] + own_title(c.law_text) + "，" + base[at:]
    for c in r.changes:  # a moved start point: the law's words in place of the draft's
        if c.kind == "start" and (proposed or d.text).count(c.draft_text) == 1:
            proposed = (proposed or d.text).replace(c.draft_text, c.law_text)
    refs = "、".join(f"《{b.law}》{_cn_article(b.article)}" for b in _unique(basis))
    primary = f"《{lc.law}》{_cn_article(lc.article)}"
    message = (f"本条复述{primary}的规定，但{what}。"
               + ("" if kinds == {"added_item"} else f"对照（以上位法为底稿）：{redline(lc.text, d.text)}"))
    reason = (f"草案复述{primary}时{what}，以免误读为排除其他法律的特别规定" if hint
              else f"草案复述上位法时{what}，与{primary}不一致，下位文件不得与上位法相抵触")
    missing = [c.law_text for c in r.changes if c.kind == "item"]
    if r.kinds == {"added_item"}:
        suggestion = f"建议删除“{d.text}”。理由：{reason}。依据：{refs}。"
    elif missing:
        suggestion = (f"建议在“{d.text}”所列情形中补充上位法规定的“" + "”“".join(missing) + f"”。"
                      f"理由：{reason}。依据：{refs}。")
    elif [c for c in r.changes if c.kind in ("exception", "deference") and c.hunk is None] and not chosen:
        exc = next(c.law_text for c in r.changes if c.kind in ("exception", "deference"))
        suggestion = f"建议在“{d.text}”后增加“{exc}”。理由：{reason}。依据：{refs}。"
    elif proposed and proposed != d.text:
        suggestion = f"建议将“{d.text}”修改为“{proposed}”。理由：{reason}。依据：{refs}。"
    else:
        suggestion = f"建议对照上位法修改“{d.text}”，恢复上位法的规定。理由：{reason}。依据：{refs}。"
    unit = d.unit
    return Finding(rule=rule, severity=severity, article=unit.article, quote=d.text, basis=_unique(basis),
                   message=message, suggestion=suggestion, address=unit.address,
                   sub=unit.sub, proposed=proposed if proposed != d.text else None)


def _unique(basis: list[Basis]) -> list[Basis]:
    seen = set()
    out = []
    for b in basis:
        if (b.law, b.article) not in seen:
            seen.add((b.law, b.article))
            out.append(b)
    return out


def restatement_findings(ctx: ReviewContext) -> list[Finding]:
    """All findings of the restatement mechanism (any rule), computed once per document."""
    cache = ctx.cache
    if "restatements" not in cache:
        cache["restatements"] = [_finding(r) for r in find_restatements(ctx)]
    return cache["restatements"]
