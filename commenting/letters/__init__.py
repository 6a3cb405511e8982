"""Word exports: the GB/T 9704 reply letter and the annotated draft (comments + tracked changes).

    reply_letter(info, comments, document, *, table=False) -> bytes
    annotated_draft(document, comments, *, original_docx=None, author="法规科", date=None) -> bytes
"""
from commenting.letters.reply import LetterInfo, reply_letter

__all__ = ["LetterInfo", "reply_letter", "annotated_draft"]


def __getattr__(name):
    if name == "annotated_draft":
        from commenting.letters.annotated import annotated_draft

        return annotated_draft
    raise AttributeError(name)
