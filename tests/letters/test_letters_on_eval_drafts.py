"""The annotated draft on the shared eval drafts (docx with auto numbering, tables, cover letters;
PDF and text drafts): a comment on each article's `spot` text lands there, and its tracked change
accepts to the new wording and rejects to the draft as it was."""
from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest
from letters_revisions import body_texts

from commenting.letters.annotated import annotate
from commenting.model import Comment

pytestmark = pytest.mark.shared
WHEN = dt.datetime(2026, 11, 9, tzinfo=dt.timezone.utc)


def cases(shared):
    return sorted(p for p in (shared / "eval" / "cases").iterdir() if (p / "expected.json").is_file())


def test_comments_land_on_every_spot(shared_dir):
    from commenting.structure import read_document

    checked = 0
    for case in cases(shared_dir):
        exp = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        path = case / exp["file"]
        document = read_document(path)
        comments = []
        for no, spot in exp.get("spot", {}).items():
            if document.article(int(no)) is None:
                continue
            comments.append(Comment(article=int(no), quote=spot, original=spot, proposed=spot + "等",
                                    reason="测试。", status="采纳"))
        original = path.read_bytes() if document.format == "docx" else None
        r = annotate(document, comments, original_docx=original, date=WHEN)
        notes = [(pl.comment.article, pl.note) for pl in r.placements if pl.note]
        assert not notes, (case.name, notes)
        assert all(pl.revised for pl in r.placements), case.name
        assert len(list(docx.Document(io.BytesIO(r.data)).comments)) == len(comments)
        accepted = "\n".join(body_texts(r.data, "accept", "法规科"))
        for c in comments:
            assert c.proposed in accepted, (case.name, c.article)
        rejected = body_texts(r.data, "reject", "法规科")
        if original:
            assert rejected == body_texts(original), case.name
        else:
            joined = "\n".join(rejected)
            assert all(c.quote in joined and c.proposed not in joined for c in comments), case.name
        checked += 1
    assert checked >= 6
