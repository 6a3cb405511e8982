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


#: how to take a current file back before each migration (tests of upgrading older files)
_UNDO = {
    11: """
        ALTER TABLE consultations DROP COLUMN deleted_at;
        ALTER TABLE consultations DROP COLUMN deleted_by;
        DROP INDEX drafts_sha256;
        ALTER TABLE drafts DROP COLUMN file_sha256;
        ALTER TABLE drafts DROP COLUMN level;
        ALTER TABLE drafts DROP COLUMN as_of;
    """,
    10: """
        DROP TABLE carry_log;
        ALTER TABLE comment_carry DROP COLUMN machine_state;
        ALTER TABLE comment_carry DROP COLUMN confirmed_by;
        ALTER TABLE comment_carry DROP COLUMN confirmed_at;
    """,
    9: "DROP TABLE finding_decisions; DROP TABLE finding_batches; DROP TABLE decisions_fts;",
    8: "DROP TABLE office_profile; DROP TABLE office_profile_log;",
    7: "ALTER TABLE consultations DROP COLUMN replied_on;",
}


def set_back(conn, version: int, then: str = "") -> None:
    """Undo, on an open sqlite3 connection to a current store, every migration after ``version``
    (newest first), run ``then`` (SQL: the undoing of migrations older than 7, which the test
    itself is about), and mark the file as of ``version``."""
    from commenting.store.schema import LATEST_VERSION

    missing = [v for v in range(max(version + 1, 7), LATEST_VERSION + 1) if v not in _UNDO]
    assert not missing, f"tests/store/store_helpers.py: say how to undo migration {missing}"
    script = "".join(_UNDO.get(v, "") for v in range(LATEST_VERSION, version, -1))
    conn.executescript(script + then + f"\nPRAGMA user_version = {int(version)};")
