"""Revision and comment XML: the one module that writes w:ins / w:del / w:delText and comment ranges.

Works on one paragraph (``w:p``) at a time, in character offsets of its *visible* text: the text
Word shows with revisions displayed — runs inside an existing ``w:ins`` count, runs inside a
``w:del`` do not. Typical use::

    ed = ParagraphEditor(p, revs)
    ed.cut([s, e])                          # run boundaries at every offset we touch
    nodes = ed.replace(s, e, "new wording")   # tracked change, character-level diff
    ed.mark_comment(nodes, comment_id)        # comment range + reference around them

Run formatting is preserved: runs are split by copying their ``w:rPr``; inserted text takes the
formatting of the run it follows.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from commenting.diffing import DELETE, EQUAL, INSERT, char_diff

W_P, W_R, W_T = qn("w:p"), qn("w:r"), qn("w:t")
W_INS, W_DEL, W_RPR, W_PPR = qn("w:ins"), qn("w:del"), qn("w:rPr"), qn("w:pPr")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: containers whose runs are not shown (deleted, moved away) or belong to another paragraph
_HIDDEN = {qn("w:del"), qn("w:moveFrom")}
_NESTED_STORY = {qn("w:txbxContent"), qn("w:footnote"), qn("w:endnote"), qn("w:comment")}
#: run children with a visible text equivalent; everything else (drawing, fldChar …) has none
_CHAR = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-",
         qn("w:softHyphen"): ""}


@dataclass
class Revisions:
    """Author/date stamp and the id counter shared by every revision and comment mark in a part."""

    author: str
    date: dt.datetime
    next_id: int = 1
    #: wrapper elements (w:ins / w:del) this run created, so they are told apart from the draft's own
    created: set = field(default_factory=set)

    @classmethod
    def for_part(cls, root, author: str, date: dt.datetime | None = None) -> "Revisions":
        ids = [int(v) for el in root.iter() for v in [el.get(qn("w:id"))] if v is not None and v.lstrip("-").isdigit()]
        return cls(author=author, date=stamp(date), next_id=max(ids, default=0) + 1)

    def new_id(self) -> str:
        i = self.next_id
        self.next_id += 1
        return str(i)

    def wrapper(self, tag: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), self.new_id())
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.created.add(el)
        return el


def stamp(date: dt.datetime | dt.date | None) -> dt.datetime:
    if date is None:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if not isinstance(date, dt.datetime):
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
    if date.tzinfo is None:
        return date.replace(tzinfo=dt.timezone.utc)
    return date.astimezone(dt.timezone.utc)


# ---------------------------------------------------------------- reading


def _owning_paragraph(el):
    node = el.getparent()
    while node is not None and node.tag != W_P:
        if node.tag in _NESTED_STORY:
            return None
        node = node.getparent()
    return node


def _hidden(r, p) -> bool:
    node = r.getparent()
    while node is not None and node is not p:
        if node.tag in _HIDDEN:
            return True
        node = node.getparent()
    return False


def run_text(r) -> str:
    out = []
    for child in r:
        if child.tag == W_T:
            out.append(child.text or "")
        elif child.tag in _CHAR:
            out.append(_CHAR[child.tag])
    return "".join(out)


def visible_runs(p) -> list[tuple[object, int, int]]:
    """(w:r, start, end) for every visible run of paragraph ``p``, in reading order."""
    out = []
    pos = 0
    for r in p.iter(W_R):
        if _owning_paragraph(r) is not p or _hidden(r, p):
            continue
        n = len(run_text(r))
        out.append((r, pos, pos + n))
        pos += n
    return out


def visible_text(p) -> str:
    return "".join(run_text(r) for r, _, _ in visible_runs(p))


# ---------------------------------------------------------------- splitting


def split_run(r, k: int):
    """Split run ``r`` after its k-th visible character; returns the new second run."""
    new = OxmlElement("w:r")
    for name, value in r.attrib.items():
        new.set(name, value)
    rpr = r.find(W_RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    pos = 0
    moving = []
    for child in list(r):
        if child.tag == W_RPR:
            continue
        if pos >= k:
            moving.append(child)
            continue
        if child.tag == W_T:
            text = child.text or ""
            if pos + len(text) > k:
                cut = k - pos
                tail = OxmlElement("w:t")
                tail.text = text[cut:]
                tail.set(_XML_SPACE, "preserve")
                child.text = text[:cut]
                child.set(_XML_SPACE, "preserve")
                moving.append(tail)
            pos += len(text)
        elif child.tag in _CHAR:
            pos += len(_CHAR[child.tag])
    for child in moving:
        new.append(child)  # lxml moves the element
    r.addnext(new)
    return new


# ---------------------------------------------------------------- placing elements


def _is_foreign_ins(el, revs: Revisions) -> bool:
    return el is not None and el.tag == W_INS and el not in revs.created


def _split_container(container, after, revs: Revisions):
    """Split ``container`` (a draft's w:ins) after its child ``after`` (None: before the first
    child); returns the second half (a clone with a new id), possibly empty."""
    clone = OxmlElement("w:ins")
    for name, value in container.attrib.items():
        clone.set(name, value)
    clone.set(qn("w:id"), revs.new_id())
    children = list(container)
    start = 0 if after is None else children.index(after) + 1
    for child in children[start:]:
        clone.append(child)
    container.addnext(clone)
    return clone


def _drop_if_empty(el) -> None:
    if el is not None and len(el) == 0 and el.getparent() is not None:
        el.getparent().remove(el)


def place_after(anchor, new, revs: Revisions) -> None:
    """Put ``new`` right after ``anchor`` — outside any w:ins of the draft that holds it (split)."""
    parent = anchor.getparent()
    if _is_foreign_ins(parent, revs):
        second = _split_container(parent, anchor, revs)
        parent.addnext(new)
        _drop_if_empty(second)
        return
    anchor.addnext(new)


def place_before(anchor, new, revs: Revisions) -> None:
    parent = anchor.getparent()
    if _is_foreign_ins(parent, revs):
        idx = list(parent).index(anchor)
        if idx == 0:
            parent.addprevious(new)
            return
        second = _split_container(parent, parent[idx - 1], revs)
        second.addprevious(new)
        return
    anchor.addprevious(new)


# ---------------------------------------------------------------- the editor


class ParagraphEditor:
    """Tracked changes and comment ranges in one paragraph, addressed by visible-text offsets.

    Offsets always refer to the text as it was when the editor was made: ``cut`` every offset
    first, then ``replace`` / ``mark_comment`` in any order.
    """

    def __init__(self, p, revs: Revisions):
        self.p = p
        self.revs = revs
        self._index()
        self.text = "".join(run_text(r) for r, _, _ in self.segs)

    def _index(self) -> None:
        self.segs = visible_runs(self.p)

    def cut(self, offsets) -> None:
        for off in sorted(set(offsets), reverse=True):
            for r, a, b in self.segs:
                if a < off < b:
                    split_run(r, off - a)
                    break
        self._index()

    def runs(self, s: int, e: int) -> list:
        return [r for r, a, b in self.segs if s <= a and b <= e and b > a]

    def _run_at_or_before(self, pos: int):
        before = [r for r, a, b in self.segs if b <= pos and b > a]
        return before[-1] if before else None

    def _run_at_or_after(self, pos: int):
        after = [r for r, a, b in self.segs if a >= pos and b > a]
        return after[0] if after else None

    def top(self, el):
        """The outermost wrapper this editor created around ``el`` (or ``el`` itself)."""
        while el.getparent() is not None and el.getparent() in self.revs.created:
            el = el.getparent()
        return el

    def cuts_for(self, s: int, old: str, new: str) -> list[int]:
        """Offsets where ``replace(s, s + len(old), new)`` will need run boundaries."""
        pos, out = s, [s, s + len(old)]
        for op, text in char_diff(old, new):
            if op != INSERT:
                pos += len(text)
                out.append(pos)
        return out

    def replace(self, s: int, e: int, new: str) -> list:
        """Turn text [s, e) into ``new`` as tracked changes (character-level diff); returns the
        top-level nodes covering the change, in order, for a comment range."""
        old = self.text[s:e]
        nodes: list = []
        pos = s
        last_run = self._run_at_or_before(s)  # formatting template for inserted text
        for op, text in char_diff(old, new):
            if op in (EQUAL, DELETE):
                runs = self.runs(pos, pos + len(text))
                if op == DELETE:
                    self._delete(runs)
                nodes += [self.top(r) for r in runs]
                last_run = runs[-1] if runs else last_run
                pos += len(text)
                continue
            template = last_run if last_run is not None else self._run_at_or_after(pos)
            ins = self._insertion(text, template)
            inside = self._run_at_or_after(pos) if pos < e else None
            if nodes:
                place_after(nodes[-1], ins, self.revs)
            elif inside is not None:
                place_before(self.top(inside), ins, self.revs)
            elif last_run is not None:
                place_after(self.top(last_run), ins, self.revs)
            elif self._run_at_or_after(pos) is not None:
                place_before(self.top(self._run_at_or_after(pos)), ins, self.revs)
            else:
                self.p.append(ins)
            nodes.append(ins)
        return _dedupe(nodes)

    def insert_at(self, pos: int, text: str) -> list:
        return self.replace(pos, pos, text)

    def _delete(self, runs: list) -> None:
        groups: list[list] = []
        for r in runs:
            if groups and groups[-1][-1].getnext() is r:
                groups[-1].append(r)
            else:
                groups.append([r])
        for group in groups:
            d = self.revs.wrapper("w:del")
            group[0].addprevious(d)
            for r in group:
                d.append(r)
                for t in r.iter(W_T):
                    t.tag = qn("w:delText")
                    t.set(_XML_SPACE, "preserve")
                for it in r.iter(qn("w:instrText")):
                    it.tag = qn("w:delInstrText")

    def _insertion(self, text: str, template):
        ins = self.revs.wrapper("w:ins")
        r = OxmlElement("w:r")
        if template is not None:
            rpr = template.find(W_RPR)
            if rpr is not None:
                rpr = copy.deepcopy(rpr)
                for ch in rpr.findall(qn("w:rPrChange")):
                    rpr.remove(ch)
                r.append(rpr)
        _append_text(r, text)
        ins.append(r)
        return ins

    def mark_comment(self, nodes: list, comment_id: int) -> None:
        """commentRangeStart before nodes[0], commentRangeEnd + the reference run after nodes[-1]."""
        mark_comment(nodes, comment_id, self.revs)

    def nodes(self, s: int, e: int) -> list:
        return _dedupe([self.top(r) for r in self.runs(s, e)])


def _dedupe(nodes: list) -> list:
    out, seen = [], set()
    for n in nodes:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def _append_text(r, text: str) -> None:
    """Text into run ``r``: tabs and line breaks as their own elements."""
    buf = []

    def flush():
        if buf:
            t = OxmlElement("w:t")
            t.text = "".join(buf)
            t.set(_XML_SPACE, "preserve")
            r.append(t)
            buf.clear()

    for ch in text:
        if ch == "\t":
            flush()
            r.append(OxmlElement("w:tab"))
        elif ch == "\n":
            flush()
            r.append(OxmlElement("w:br"))
        else:
            buf.append(ch)
    flush()


def mark_comment(nodes: list, comment_id: int, revs: Revisions) -> None:
    start = OxmlElement("w:commentRangeStart")
    start.set(qn("w:id"), str(comment_id))
    end = OxmlElement("w:commentRangeEnd")
    end.set(qn("w:id"), str(comment_id))
    place_before(nodes[0], start, revs)
    place_after(nodes[-1], end, revs)
    ref_run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "CommentReference")
    rpr.append(style)
    ref_run.append(rpr)
    ref = OxmlElement("w:commentReference")
    ref.set(qn("w:id"), str(comment_id))
    ref_run.append(ref)
    end.addnext(ref_run)


# ---------------------------------------------------------------- whole paragraphs


def inserted_paragraph_after(p, text: str, revs: Revisions):
    """A new paragraph after ``p`` holding ``text``, all of it a tracked insertion, so rejecting
    the change removes the paragraph again. Formatting copied from ``p``, numbering dropped (a new
    款 must not become a new auto-numbered 条).

    The paragraph mark marked as inserted is the new one's — or, when ``p`` ends the body, ``p``'s
    own (as Word records Enter at the end of a document); the new paragraph then carries ``p``'s
    properties, with a w:pPrChange restoring the numbering if the change is rejected.
    """
    new_p = OxmlElement("w:p")
    ppr = p.find(W_PPR)
    original_ppr = copy.deepcopy(ppr) if ppr is not None else OxmlElement("w:pPr")
    for old in (original_ppr.findall(qn("w:rPr")) + original_ppr.findall(qn("w:pPrChange"))
                + original_ppr.findall(qn("w:sectPr"))):
        original_ppr.remove(old)
    new_ppr = copy.deepcopy(original_ppr)
    dropped = new_ppr.findall(qn("w:numPr"))
    for num in dropped:
        new_ppr.remove(num)
    nxt = p.getnext()
    if nxt is not None and nxt.tag == W_P:
        mark_rpr = OxmlElement("w:rPr")
        mark_rpr.append(revs.wrapper("w:ins"))
        _insert_in_order(new_ppr, mark_rpr)
    else:
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        mark_rpr = ppr.find(qn("w:rPr"))
        if mark_rpr is None:
            mark_rpr = OxmlElement("w:rPr")
            _insert_in_order(ppr, mark_rpr)
        mark_rpr.insert(0, revs.wrapper("w:ins"))
        if dropped:
            change = revs.wrapper("w:pPrChange")
            change.append(original_ppr)
            new_ppr.append(change)
    new_p.append(new_ppr)
    runs = [r for r, a, b in visible_runs(p) if b > a]
    ed = ParagraphEditor(new_p, revs)
    ins = ed._insertion(text, runs[-1] if runs else None)
    new_p.append(ins)
    p.addnext(new_p)
    return new_p, ins


#: w:pPr children that come after w:rPr in schema order
_AFTER_RPR = {qn("w:sectPr"), qn("w:pPrChange")}


def _insert_in_order(ppr, rpr) -> None:
    for i, child in enumerate(ppr):
        if child.tag in _AFTER_RPR:
            ppr.insert(i, rpr)
            return
    ppr.append(rpr)


# ---------------------------------------------------------------- comment styles

#: Word's built-in comment styles (python-docx references them but does not define them); without
#: them a comment balloon takes the body's 三号 exact-spaced formatting.
_COMMENT_STYLES = {
    "CommentText": (
        '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/></w:pPr>'
        '<w:rPr><w:spacing w:val="0"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>'
    ),
    "CommentReference": (
        '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>'
    ),
}


def ensure_comment_styles(styles_element) -> None:
    """Add the comment text / reference styles to ``styles.xml`` when the document lacks them."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    present = {s.get(qn("w:styleId")) for s in styles_element.findall(qn("w:style"))}
    for sid, xml in _COMMENT_STYLES.items():
        if sid not in present:
            el = parse_xml(xml.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1))
            styles_element.append(el)
