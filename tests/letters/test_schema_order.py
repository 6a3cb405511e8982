"""Word refuses files whose w:pPr / w:rPr children are out of schema order or repeated; every
export is checked part by part."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from letters_fixtures import TITLE, comments, draft_docx, draft_document
from lxml import etree

from commenting.letters.annotated import annotated_draft
from commenting.letters.layout import PPR_ORDER, RPR_ORDER
from commenting.letters.reply import LetterInfo, reply_letter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SINGLE = {"tblPr", "trPr", "tcPr", "sectPr"}


def violations(data: bytes) -> list[tuple[str, str, list[str]]]:
    bad = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER)):
                for el in root.iter(W + tag):
                    names = [c.tag[len(W):] for c in el if c.tag.startswith(W)]
                    idx = [order.index(x) for x in names if x in order]
                    if idx != sorted(idx) or len(set(names)) != len(names):
                        bad.append((name, tag, names))
            for tag in SINGLE:
                for el in root.iter(W + tag):
                    names = [c.tag[len(W):] for c in el if c.tag.startswith(W) and c.tag[len(W):] != "footerReference"
                             and c.tag[len(W):] != "headerReference"]
                    if len(set(names)) != len(names):
                        bad.append((name, tag, names))
    return bad


@pytest.mark.parametrize("table", [False, True])
def test_reply_letter_parts_are_in_schema_order(table):
    info = LetterInfo(title=TITLE, recipient="衡阳市司法局", sender="衡阳市市场监督管理局", date=dt.date(2026, 11, 9),
                      contact="李四", phone="1", overall="可行。", doc_number="衡市监函〔2026〕1号")
    assert violations(reply_letter(info, comments(), draft_document(), table=table)) == []


@pytest.mark.parametrize("from_docx", [True, False])
def test_annotated_draft_parts_are_in_schema_order(from_docx):
    data = annotated_draft(draft_document(), comments(), original_docx=draft_docx() if from_docx else None)
    assert violations(data) == []
