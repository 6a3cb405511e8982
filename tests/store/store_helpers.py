"""A small draft built from the data classes (no parser needed) for the store tests."""
from __future__ import annotations

from commenting.model import Article, Document, Paragraph
from commenting.numerals import article_label


def make_doc(texts: list[str], title: str = "某市市场监督管理行政处罚裁量办法（征求意见稿）") -> Document:
    arts = []
    for no, text in enumerate(texts, 1):
        paras = [Paragraph(no=i, text=t, address=f"art-{no}.p-{i}") for i, t in enumerate(text.split("\n"), 1)]
        arts.append(Article(no=no, label=article_label(no), text=text, address=f"art-{no}", paragraphs=paras))
    return Document(title=title, marker="征求意见稿", articles=arts, source="draft.docx", format="docx")


DRAFT = [
    "为了规范行政处罚裁量权，根据《中华人民共和国行政处罚法》，制定本办法。",
    "当事人要求听证的，应当在告知书送达之日起三日内提出。",
    "违法行为在三年内未被发现的，不再给予行政处罚。\n法律另有规定的除外。",
]
