"""The next round: what became of each comment when the revised draft (第二轮征求意见稿) arrives.

Every earlier comment is looked for in the new draft by its text, not by its position — articles
are renumbered between rounds. The proposed wording and the original passage are searched in the
article with the same number first, then in all articles; the words around the passage in the old
draft (its context) decide between several places and find a passage that was reworded. Slightly
edited text is matched by character-bigram similarity. The outcome per comment:

- 已采纳: the new draft reads as proposed (for a 删除 comment: the passage is gone);
- 部分采纳: the passage was changed toward the proposal but not all of it: of the proposal's
  separate changes (each run of edits between unchanged text, see :func:`proposal_progress`) some,
  not all, stand in the new text — 三日→五日 made, the added 通知 sentence not;
- 未采纳: the original passage is still there;
- 无法定位: neither can be found (or the passage was rewritten otherwise) — the reviewer looks.

The machine's state is a proposal: the reviewer confirms or corrects it (store.confirm_carry) and may
carry an unadopted comment into the new round's letter (:func:`carry_into_round`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from commenting.comments import carried_proposal
from commenting.diffing import DELETE, EQUAL, char_diff, redline
from commenting.errors import StoreError
from commenting.model import CARRY_STATES, Article, Comment, Document
from commenting.numerals import article_label
from commenting.store import Store
from commenting.textsim import bigram_counts, counted_share, text_dice

STATES = CARRY_STATES
ADOPTED, PARTLY, NOT_ADOPTED, LOST = CARRY_STATES
#: states whose comment the reviewer may carry into the new round's letter
CARRIABLE = (PARTLY, NOT_ADOPTED)

#: bigram similarity from which a passage counts as the same text slightly edited
SIMILAR = 0.6
#: characters of old-draft text on each side of a passage used as its context
CONTEXT_CHARS = 10
#: a passage shorter than this is only trusted where its context or article number agrees
SHORT = 6
#: a proposed change counts as made in part when the new text there is at least this similar to it
#: and this much more similar than the old text was (可以对经营者 → 可以对涉嫌违法的场所, where the
#: proposal also added 依照《行政强制法》的规定)
PART_TOWARD, PART_GAIN = 0.3, 0.2


@dataclass
class CarryResult:
    comment: Comment
    new_article: int | None
    state: str
    evidence: str
    new_sub: int = 0
    similarity: float = 0.0
    new_text: str = ""  # the passage as the new draft has it ("" when gone)
    new_comment_id: int | None = None  # the comment carried into the new round, when one was made

    def to_json(self) -> dict:
        return {
            "comment_id": self.comment.id,
            "old_article": self.comment.article,
            "old_sub": self.comment.sub,
            "new_article": self.new_article,
            "new_sub": self.new_sub,
            "state": self.state,
            "evidence": self.evidence,
            "similarity": round(self.similarity, 3),
            "new_text": self.new_text,
            "new_comment_id": self.new_comment_id,
        }


# ---------------------------------------------------------------- text helpers

_SPACE = re.compile(r"\s+")


def _norm_map(s: str) -> tuple[str, list[int]]:
    """``s`` without spaces and with full-width forms folded (，stays one char), and for each
    character kept its offset in ``s`` — so what is found can be quoted as drafted."""
    out, offs = [], []
    for i, ch in enumerate(s or ""):
        if ch.isspace():
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
        offs.append(i)
    return "".join(out), offs


def _norm(s: str) -> str:
    """Compare text as drafted, ignoring spaces and full-/half-width differences."""
    return _norm_map(s)[0]


class _Text(NamedTuple):
    """A new-draft article with its normalised text and the map back to the drafted text."""

    article: Article
    text: str
    offs: list[int]

    def source(self, start: int, end: int) -> str:
        if end <= start:
            return ""
        return self.article.text[self.offs[start]:self.offs[end - 1] + 1]


def similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams (multiset), 0…1."""
    a, b = _norm(a), _norm(b)
    if not a and not b:
        return 1.0
    return text_dice(a, b)


def _best_window(text: str, pattern: str) -> tuple[float, int, int]:
    """The span of (normalised) ``text`` most similar to (normalised) ``pattern``: (similarity, start, end)."""
    n, m = len(text), len(pattern)
    if not n or not m:
        return 0.0, 0, 0
    gp = bigram_counts(pattern)
    if n <= m:
        return text_dice(text, pattern, gp), 0, n
    if counted_share(gp, bigram_counts(text)) < SIMILAR - 0.1:  # no window can be more similar
        return 0.0, 0, 0  # not enough of the pattern anywhere in this text
    best = (0.0, 0, m)
    step = max(1, m // 8)
    sizes = sorted({m, max(2, int(m * 0.8)), int(m * 1.25) + 1})
    for size in sizes:
        for start in range(0, max(1, n - size + 1), step):
            s = text_dice(text[start:start + size], pattern, gp)
            if s > best[0]:
                best = (s, start, min(n, start + size))
    # refine around the best coarse window
    s0, a0, b0 = best
    for da in range(-step, step + 1):
        for db in range(-step, step + 1):
            a, b = a0 + da, b0 + db
            if 0 <= a < b <= n:
                s = text_dice(text[a:b], pattern, gp)
                if s > best[0]:
                    best = (s, a, b)
    return best


def _context(old_text: str, passage: str) -> tuple[str, str]:
    """Old-draft text just before and after ``passage`` (empty when it cannot be placed)."""
    if not old_text or not passage:
        return "", ""
    i = old_text.find(passage)
    if i < 0:
        return "", ""
    # shorter than CONTEXT_CHARS only at the article's start / end (see _anchored)
    return old_text[max(0, i - CONTEXT_CHARS):i], old_text[i + len(passage):i + len(passage) + CONTEXT_CHARS]


def _context_score(text: str, start: int, end: int, before: str, after: str) -> float | None:
    """How well the words around text[start:end] agree with the old context (None without context)."""
    scores = []
    if before:
        scores.append(similarity(text[max(0, start - len(before)):start], before))
    if after:
        scores.append(similarity(text[end:end + len(after)], after))
    return sum(scores) / len(scores) if scores else None


def _label(a: Article) -> str:
    return a.label or article_label(a.no, a.sub)


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# ---------------------------------------------------------------- how far toward the proposal


class _Hunk(NamedTuple):
    """One run of edits between unchanged text: old[start:end] becomes ``inserted`` (at new[n_start:n_end])."""

    start: int
    end: int
    inserted: str
    n_start: int
    n_end: int


def _hunks(old: str, new: str) -> list[_Hunk]:
    out: list[_Hunk] = []
    pos = npos = 0
    cur: list | None = None
    for op, text in char_diff(old, new):
        if op == EQUAL:
            if cur is not None:
                out.append(_Hunk(*cur))
                cur = None
            pos += len(text)
            npos += len(text)
            continue
        if cur is None:
            cur = [pos, pos, "", npos, npos]
        if op == DELETE:
            pos += len(text)
            cur[1] = pos
        else:
            cur[2] += text
            npos += len(text)
            cur[4] = npos
    if cur is not None:
        out.append(_Hunk(*cur))
    return out


_PUNCT_ONLY = re.compile(r"^[\W_]*$")


def _applied(old: str, new: str, hunk: _Hunk, proposal: list[_Hunk], made: list[_Hunk]) -> float:
    """How far ``new`` makes the proposal's change ``hunk`` of ``old``: 1 made, 0.5 made in part,
    0 not. The new text's own edits that touch the hunk widen it to a region of old; the new text
    there must read as the hunk alone or as all the proposal's changes within that region (made),
    or at least have moved clearly toward that reading (in part)."""
    touching = [m for m in made if m.start <= hunk.end and m.end >= hunk.start]
    if not touching:
        return 0.0  # the old text there is unchanged
    a = min([hunk.start] + [m.start for m in touching])
    b = max([hunk.end] + [m.end for m in touching])
    shift = sum((m.n_end - m.n_start) - (m.end - m.start) for m in made if m.end <= a and m not in touching)
    n_start = a + shift
    n_end = b + shift + sum((m.n_end - m.n_start) - (m.end - m.start) for m in touching)
    got, was = new[n_start:n_end], old[a:b]
    one = old[a:hunk.start] + hunk.inserted + old[hunk.end:b]
    every, pos = "", a
    for h in proposal:
        if a <= h.start and h.end <= b:
            every += old[pos:h.start] + h.inserted
            pos = h.end
    every += old[pos:b]
    if got in (one, every):
        return 1.0
    if len(got) < SHORT:  # a short span is made exactly or not at all
        return 0.0
    toward = max(similarity(got, one), similarity(got, every))
    before = max(similarity(was, one), similarity(was, every))
    if toward >= 0.8 and toward > similarity(got, was):  # made, with a word or two of its own
        return 1.0
    return 0.5 if toward >= PART_TOWARD and toward - before >= PART_GAIN else 0.0


def proposal_progress(original: str, proposed: str, new: str) -> tuple[float, int] | None:
    """(changes made, changes proposed): how many of the proposal's changes to ``original`` the
    ``new`` text makes, a change made in part counting half. A change is a run of edits between
    unchanged text (一万→五千, 三→五, an added sentence); changes of punctuation alone do not count
    unless the proposal makes nothing else. None when the proposal changes nothing."""
    original, proposed, new = _norm(original), _norm(proposed), _norm(new)
    proposal = _hunks(original, proposed)
    if not proposal:
        return None
    made = _hunks(original, new)
    counted = [h for h in proposal if not (_PUNCT_ONLY.match(original[h.start:h.end]) and _PUNCT_ONLY.match(h.inserted))]
    counted = counted or proposal
    return sum(_applied(original, new, h, proposal, made) for h in counted), len(counted)


# ---------------------------------------------------------------- locating a passage


@dataclass
class _Place:
    article: Article
    start: int
    end: int
    score: float
    text: str


def _ordered(articles: list[_Text], no: int, sub: int) -> list[_Text]:
    """The article with the comment's number first, then the rest by distance from it."""
    return sorted(articles, key=lambda t: (not (t.article.no == no and t.article.sub == sub), abs(t.article.no - no)))


def _exact(needle: str, articles: list[_Text], c: Comment, before: str, after: str) -> _Place | None:
    """Best exact occurrence of ``needle``, ranked by context, then same article number.

    A short needle (三年) elsewhere than in the same-numbered article counts only where its
    context agrees, or, without context, when a single article has it.
    """
    if not needle:
        return None
    holders = [t for t in articles if needle in t.text]
    best: _Place | None = None
    for t in holders:
        same = t.article.no == c.article and t.article.sub == c.sub
        i = t.text.find(needle)
        while i >= 0:
            ctx = _context_score(t.text, i, i + len(needle), before, after)
            trusted = same or len(needle) >= SHORT or (ctx >= 0.5 if ctx is not None else len(holders) == 1)
            if trusted:
                score = (ctx if ctx is not None else 0.5) + (0.3 if same else 0.0)
                if best is None or score > best.score:
                    best = _Place(t.article, i, i + len(needle), score, t.source(i, i + len(needle)))
            i = t.text.find(needle, i + 1)
    return best


def _anchored(articles: list[_Text], before: str, after: str, size: int) -> _Place | None:
    """Where the old context still stands, the text between it: the passage as rewritten.

    A context shorter than CONTEXT_CHARS means the passage began (ended) the old article; it is
    then matched at the start (end) of the new article.
    """
    if len(before) < 4 and len(after) < 4:
        return None
    limit = 3 * size + 20
    for t in articles:
        text = t.text
        if len(before) >= 4:
            starts = [m.end() for m in re.finditer(re.escape(before), text)]
        else:
            starts = [len(before)] if text.startswith(before) else []
        for s in starts:
            if len(after) >= 4:
                e = text.find(after, s)
            else:
                e = len(text) - len(after) if text.endswith(after) else -1
            if e >= s and e - s <= limit:
                return _Place(t.article, s, e, 1.0, t.source(s, e))
    return None


def _fuzzy(needle: str, articles: list[_Text], c: Comment) -> _Place | None:
    """The most similar span in any article; too short a needle has no meaningful near match."""
    best: _Place | None = None
    if len(needle) < SHORT:
        return None
    for t in articles:
        s, a, b = _best_window(t.text, needle)
        if t.article.no == c.article and t.article.sub == c.sub:
            s += 0.02  # equal text elsewhere loses to the same-numbered article
        if best is None or s > best.score:
            best = _Place(t.article, a, b, s, t.source(a, b))
    return best


# ---------------------------------------------------------------- carrying comments


def _result(c: Comment, place: _Place | None, state: str, evidence: str, sim: float = 1.0) -> CarryResult:
    return CarryResult(
        comment=c, new_article=place.article.no if place else None, new_sub=place.article.sub if place else 0,
        state=state, evidence=evidence, similarity=sim if place else 0.0, new_text=place.text if place else "",
    )


def _where(place: _Place, c: Comment) -> str:
    label = _label(place.article)
    if place.article.no != c.article or place.article.sub != c.sub:
        return f"新稿{label}（原{article_label(c.article, c.sub)}）"
    return f"新稿{label}"


def _judge(c: Comment, place: _Place, original: str, proposed: str) -> CarryResult | None:
    """已采纳 / 部分采纳 / 未采纳 of the passage found at ``place`` (the same passage, reworded or not),
    by how many of the proposal's changes it makes; None when it reads as neither the original nor
    the proposal."""
    so = similarity(place.text, original) if original else 0.0
    sp = similarity(place.text, proposed) if proposed else 0.0
    where = _where(place, c)
    progress = proposal_progress(original, proposed, place.text) if original and proposed else None
    if progress is not None:
        made, total = progress
        if made >= total:
            if _norm(place.text) == proposed:
                return _result(c, place, ADOPTED, f"{where}已按建议表述：「{_clip(place.text)}」", sp)
            return _result(c, place, ADOPTED, f"{where}基本按建议修改：「{_clip(place.text)}」", sp)
        if made > 0:
            count = f"已改{int(made)}处" if made == int(made) else "已作部分修改"
            return _result(c, place, PARTLY, f"{where}部分按建议修改（建议修改{total}处，{count}）："
                                              f"「{_clip(place.text)}」", sp)
    if sp >= SIMILAR and sp > so:  # the proposal reworded as a whole
        return _result(c, place, ADOPTED, f"{where}基本按建议修改：「{_clip(place.text)}」", sp)
    if so >= SIMILAR:
        if c.kind == "增加" and proposed:
            return _result(c, place, NOT_ADOPTED, f"{where}未增加建议内容", so)
        return _result(c, place, NOT_ADOPTED, f"{where}原文仅有文字调整：「{_clip(place.text)}」", so)
    return None


def carry_one(c: Comment, articles: list[_Text], old_text: str = "") -> CarryResult:
    """What became of one comment in the new draft's ``articles``."""
    original = _norm(c.original or c.quote)
    proposed = _norm(c.proposed) if c.kind != "删除" else ""
    if not original and (c.kind in ("总体意见", "无意见") or not proposed):
        return _result(c, None, LOST, "总体意见，不对应具体条文，请人工核对")
    before, after = _context(_norm(old_text), original)
    ordered = _ordered(articles, c.article, c.sub)

    # 1. exact text: the proposed wording (adopted) or the original passage (not adopted)
    p_hit = _exact(proposed, ordered, c, before, after) if proposed and proposed != original else None
    o_hit = _exact(original, ordered, c, before, after) if original else None
    if p_hit and o_hit:
        if original in proposed:  # the original is part of the proposed wording: the proposal wins
            o_hit = None
        elif proposed in original:
            p_hit = None
        elif o_hit.score >= p_hit.score:
            p_hit = None
        else:
            o_hit = None
    if p_hit:
        return _result(c, p_hit, ADOPTED, f"{_where(p_hit, c)}已按建议表述：「{_clip(p_hit.text)}」")
    if o_hit:
        if c.kind == "增加" and proposed:
            return _result(c, o_hit, NOT_ADOPTED, f"{_where(o_hit, c)}未增加建议内容，原文仍为：「{_clip(o_hit.text)}」")
        return _result(c, o_hit, NOT_ADOPTED, f"{_where(o_hit, c)}仍为原文：「{_clip(o_hit.text)}」")

    # 2. the old context still stands: judge what now sits between it
    anchor = _anchored(ordered, before, after, len(original)) if original else None
    if anchor is not None:
        if not anchor.text:
            state = ADOPTED if c.kind == "删除" else LOST
            return _result(c, anchor, state, f"{_where(anchor, c)}该处文字已删除")
        judged = _judge(c, anchor, original, proposed)
        if judged is not None:
            return judged
        so = similarity(anchor.text, original)
        sp = similarity(anchor.text, proposed) if proposed else 0.0  # similarity() normalises both
        return _result(c, anchor, LOST, f"{_where(anchor, c)}该处已改写（{_clip(redline(original, anchor.text), 60)}），与建议不同，请核对",
                       max(so, sp))

    # 3. slightly edited text anywhere
    fo = _fuzzy(original, ordered, c) if original else None
    fp = _fuzzy(proposed, ordered, c) if proposed and proposed != original else None
    so = fo.score if fo else 0.0
    sp = fp.score if fp else 0.0
    if max(so, sp) >= SIMILAR:
        place = fp if fp and sp > so else fo
        if fo and fp and fo.article is fp.article and fo.start <= fp.end and fp.start <= fo.end:
            t = next(x for x in ordered if x.article is fo.article)  # one passage: judge all of it
            a, b = min(fo.start, fp.start), max(fo.end, fp.end)
            place = _Place(fo.article, a, b, max(so, sp), t.source(a, b))
        candidates = [place] + [x for x in (fo, fp) if x is not None and x is not place]
        for candidate in candidates:
            judged = _judge(c, candidate, original, proposed)
            if judged is not None:
                return judged
    if c.kind == "删除":
        return _result(c, None, ADOPTED, "新稿中已无该段文字（已删除）")
    return _result(c, None, LOST, "新稿中找不到原文，也找不到建议的表述，请人工核对")


def carry_comments(old_comments: Iterable[Comment], new_document: Document,
                   old_document: Document | None = None) -> list[CarryResult]:
    """What became of each earlier comment in ``new_document`` (one result per comment, in order).

    ``old_document`` (the round the comments were made on) gives each passage its context.
    """
    articles = [_Text(a, *_norm_map(a.text)) for a in new_document.articles]
    old_texts: dict[tuple[int, int], str] = {}
    if old_document is not None:
        for a in old_document.articles:
            old_texts.setdefault((a.no, a.sub), a.text)
    return [carry_one(c, articles, old_texts.get((c.article, c.sub), "")) for c in old_comments]


def carry_to_round(store: Store, old_draft_id: int, new_draft_id: int, *, copy_unadopted: bool = False,
                   author: str = "") -> list[CarryResult]:
    """Carry ``old_draft_id``'s comments (not withdrawn) to the round ``new_draft_id`` and record the
    outcome (store.list_carry). With ``copy_unadopted`` each 未采纳 comment is also copied into the new
    round as a 草拟 comment on the article where its passage now stands."""
    old = store.get_draft(old_draft_id)
    new = store.get_draft(new_draft_id)
    if old.consultation_id != new.consultation_id:
        raise StoreError("两稿不属于同一征求意见登记，无法承接意见")
    comments = [c for c in store.list_comments(draft_id=old_draft_id) if c.status != "撤回"]
    results = carry_comments(comments, new.document, old.document)
    with store.transaction():
        if copy_unadopted:
            for r in results:
                if r.state != NOT_ADOPTED or r.new_article is None:
                    continue
                c = r.comment
                carried = store.add_comment(Comment(
                    draft_id=new_draft_id, article=r.new_article, sub=r.new_sub, kind=c.kind,
                    original=r.new_text or c.original,
                    quote=c.quote, proposed=c.proposed, reason=c.reason, basis=list(c.basis),
                    author=author or c.author, status="草拟", finding_rule=c.finding_rule,
                ), note=f"承接第{old.round}轮意见 #{c.id}（未采纳）")
                r.new_comment_id = carried.id
        store.record_carry(old_draft_id, new_draft_id, results)
    return results


# ---------------------------------------------------------------- the reviewer's part


def previous_draft_id(store: Store, new_draft_id: int) -> int | None:
    """The round before ``new_draft_id`` in its consultation (None for the first round)."""
    info = store.get_draft_info(new_draft_id)
    earlier = [d for d in store.list_drafts(info["consultation_id"]) if d["round"] < info["round"]]
    return earlier[-1]["id"] if earlier else None


def compare_with_previous(store: Store, new_draft_id: int) -> list[CarryResult]:
    """Carry the previous round's comments to ``new_draft_id`` and record the outcome (nothing for
    a first round). A state the reviewer confirmed stays (see :meth:`Store.record_carry`)."""
    old = previous_draft_id(store, new_draft_id)
    return carry_to_round(store, old, new_draft_id) if old is not None else []


def add_round(store: Store, consultation_id: int, document: Document, file_name: str, data: bytes,
              findings: Iterable) -> tuple[int, list[CarryResult]]:
    """The next round of a consultation's draft (第二次征求意见稿, 送审稿 …), with its own review
    findings, compared with the previous round — all in one transaction.

    Returns:
        (the new draft's id, what became of each earlier comment).
    """
    with store.transaction():
        draft_id = store.add_draft(consultation_id, document, file_name, data)
        store.save_findings(draft_id, findings)
        results = compare_with_previous(store, draft_id)
    return draft_id, results


def carry_into_round(store: Store, comment_id: int, new_draft_id: int, author: str) -> Comment:
    """Repeat an earlier comment the new draft did not (fully) adopt in the new round's letter.

    The new comment (status 采纳, so the reply letter includes it) stands on the article where the
    passage now is (标题及其他内容 when it could not be located) and says 「我单位前次提出的意见未被
    采纳，建议……」 (部分采纳: 「……未被完全采纳……」); reason and bases are the earlier comment's.

    Raises:
        StoreError: the comment was not compared with this round, its state (as confirmed) is
            neither 未采纳 nor 部分采纳, or it was carried already.
    """
    record = next((r for r in store.list_carry(new_draft_id) if r["comment_id"] == comment_id), None)
    if record is None:
        raise StoreError(f"意见 {comment_id} 尚未与该轮草案比对，无法承接")
    if record["state"] not in CARRIABLE:
        raise StoreError(f"该意见在新稿中为「{record['state']}」，只有未采纳或部分采纳的意见可以承接到本轮意见函")
    if record["new_comment_id"] is not None:
        raise StoreError(f"该意见已承接为本轮意见 #{record['new_comment_id']}")
    c = store.get_comment(comment_id)
    old = store.get_draft_info(record["old_draft_id"])
    passage = record["new_text"] or c.original or c.quote
    located = record["new_article"] is not None
    with store.transaction():
        carried = store.add_comment(Comment(
            draft_id=new_draft_id, article=record["new_article"] if located else 0,
            sub=record["new_sub"] if located else 0, quote=passage if located else "",
            kind="总体意见" if c.kind == "总体意见" else "修改", original=passage,
            proposed=carried_proposal(c, record["state"], passage), reason=c.reason, basis=list(c.basis),
            author=author, status="采纳", finding_rule=c.finding_rule,
        ), note=f"承接第{old['round']}轮意见 #{c.id}（{record['state']}）")
        store.link_carried(comment_id, new_draft_id, carried.id, author)
    return carried


@dataclass
class CarryItem:
    """One earlier comment as the reviewer sees it next to the new round: the comment, the passage it
    was on (old) and what stands there now (new), and the carry record (see Store.list_carry)."""

    comment: Comment
    record: dict
    old_label: str
    new_label: str
    old_text: str
    new_text: str

    @property
    def state(self) -> str:
        return self.record["state"]

    @property
    def confirmed(self) -> bool:
        return bool(self.record["confirmed_at"])

    @property
    def carriable(self) -> bool:
        return self.state in CARRIABLE and self.record["new_comment_id"] is None


def carry_items(store: Store, new_draft_id: int) -> list[CarryItem]:
    """The recorded carry-over into ``new_draft_id``, in the earlier draft's order, with the text of
    the articles concerned in both rounds."""
    records = store.list_carry(new_draft_id)
    comments = store.get_comments(r["comment_id"] for r in records)
    out = []
    for r in records:
        c = comments[r["comment_id"]]
        old_article = store.get_article(r["old_draft_id"], c.article, c.sub) if c.article else None
        new_article = store.get_article(new_draft_id, r["new_article"], r["new_sub"]) if r["new_article"] is not None else None
        out.append(CarryItem(
            comment=c, record=r,
            old_label=_label(old_article) if old_article else ("标题及其他" if not c.article else article_label(c.article, c.sub)),
            new_label=_label(new_article) if new_article else "未定位",
            old_text=old_article.text if old_article else (c.original or c.quote),
            new_text=new_article.text if new_article else "",
        ))
    return out


def round_summaries(store: Store, consultation_id: int) -> list[dict]:
    """Each round of a consultation, oldest first: round, draft_id, date, file_name, articles,
    comments (not withdrawn), and ``carry`` — {state: count} of the earlier comments compared with
    it ({} for the first round)."""
    out = []
    for d in store.list_drafts(consultation_id):
        comments = [c for c in store.list_comments(draft_id=d["id"]) if c.status != "撤回"]
        carry: dict[str, int] = {}
        for r in store.list_carry(d["id"]):
            carry[r["state"]] = carry.get(r["state"], 0) + 1
        out.append({"round": d["round"], "draft_id": d["id"], "date": (d["created_at"] or "")[:10],
                    "file_name": d["file_name"], "articles": d["articles"], "comments": len(comments),
                    "carry": {s: carry[s] for s in STATES if s in carry}})
    return out
