"""``python -m commenting letter``: export the reply letter and the annotated draft.

Batch mode reviews a draft file and adopts every suggested comment::

    python -m commenting letter draft.docx --accept-all --out reply.docx --annotated annotated.docx

Register mode exports a stored consultation's adopted comments (and records the export)::

    python -m commenting letter --consultation 3 --out reply.docx [--annotated annotated.docx] [--round 1]

(the newest round's comments by default: a second round's letter repeats the comments carried into it)
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from commenting.errors import CommentingError
from commenting.letters.reply import KINDS, LetterInfo, reply_letter

#: findings adopted by --accept-all (info findings are reference help, not comments, unless asked)
_ADOPTED_SEVERITIES = ("error", "warning")


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", help="征求意见稿文件（.docx/.pdf/.txt），批处理模式")
    parser.add_argument("--consultation", type=int, metavar="编号", help="导出意见库中已登记的征求意见")
    parser.add_argument("--draft", type=int, metavar="编号", help="与 --consultation 同用：指定草案编号（默认最新一轮）")
    parser.add_argument("--round", type=int, metavar="轮次", help="与 --consultation 同用：指定第几轮草案（默认最新一轮）")
    parser.add_argument("--accept-all", action="store_true", help="批处理：采纳全部审查意见（错误、警告）")
    parser.add_argument("--include-info", action="store_true", help="与 --accept-all 同用：提示类意见也采纳")
    parser.add_argument("--out", metavar="文件", help="反馈意见函输出路径（.docx）")
    parser.add_argument("--annotated", metavar="文件", help="带批注和修订的草案输出路径（.docx）")
    parser.add_argument("--kind", choices=KINDS, default="反馈意见", help="函的标题用语（默认：反馈意见）")
    parser.add_argument("--recipient", default=None, help="主送机关（默认：来文单位）")
    parser.add_argument("--sender", default="", help="落款单位")
    parser.add_argument("--contact", default="", help="联系人")
    parser.add_argument("--phone", default="", help="联系电话")
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="成文日期（默认今天）")
    parser.add_argument("--overall", default="", help="总体意见")
    parser.add_argument("--doc-number", default="", help="本函文号，如 衡市监函〔2026〕12号")
    parser.add_argument("--incoming-number", default=None, help="来文文号（默认：登记的来文文号）")
    parser.add_argument("--incoming-title", default="", help="来文标题（默认：关于征求《草案标题》意见的函）")
    parser.add_argument("--table", action="store_true", help="具体意见以《修改意见汇总表》附件形式列出")
    parser.add_argument("--author", default="法规科", help="批注和修订的作者（默认：法规科）")
    parser.add_argument("--corpus-db", default=None, help="法规库数据库文件（批处理模式审查用）")


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommentingError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as err:
        raise CommentingError(f"无法写入文件 {path}（{err.strerror or err}）") from None


def _info(args, title: str, **defaults) -> LetterInfo:
    recipient = args.recipient if args.recipient is not None else defaults.get("recipient", "")
    incoming = args.incoming_number if args.incoming_number is not None else defaults.get("incoming_number", "")
    return LetterInfo(
        title=title, kind=args.kind, recipient=recipient, sender=args.sender, date=_date(args.date),
        contact=args.contact, phone=args.phone, overall=args.overall, incoming_title=args.incoming_title,
        incoming_number=incoming, incoming_sender=defaults.get("incoming_sender", recipient),
        doc_number=args.doc_number,
    )


def run(args) -> int:
    if args.consultation is not None:
        return _run_consultation(args)
    if not args.file:
        raise CommentingError("请指定草案文件，或用 --consultation 指定已登记的征求意见")
    return _run_batch(args)


def _review(document, corpus_db):
    """The review stage, a :class:`commenting.review.ReviewResult` (a seam: tests replace it)."""
    from commenting.corpus import open_corpus
    from commenting.review import review

    corpus = open_corpus(Path(corpus_db)) if corpus_db else open_corpus()
    return review(document, corpus)


def _run_batch(args) -> int:
    from commenting.comments import comment_from_finding
    from commenting.letters.annotated import annotate
    from commenting.review import error_text
    from commenting.structure import read_document

    if not args.accept_all:
        raise CommentingError("批处理模式须加 --accept-all（采纳全部审查意见）；逐条审定请在应用中进行")
    if not (args.out or args.annotated):
        raise CommentingError("请用 --out 和/或 --annotated 指定输出文件")
    path = Path(args.file)
    if not path.is_file():
        raise CommentingError(f"文件不存在：{path}")
    document = read_document(path)
    result = _review(document, args.corpus_db)
    for error in result.errors:  # a partial review still gives a letter, but the reviewer must know
        print(f"注意：{error_text(error)}；审查结果不完整", file=sys.stderr)
    findings = result.findings
    severities = _ADOPTED_SEVERITIES + (("info",) if args.include_info else ())
    comments = [comment_from_finding(f, document, args.author) for f in findings if f.severity in severities]
    for i, c in enumerate(comments, start=1):
        c.id = i
    info = _info(args, document.title)
    print(f"草案：{document.title}（{len(document.articles)} 条）")
    print(f"审查发现 {len(findings)} 项，采纳 {len(comments)} 条意见")
    if args.out:
        _write(args.out, reply_letter(info, comments, document, table=args.table))
        print(f"反馈意见函：{args.out}")
    if args.annotated:
        original = path.read_bytes() if document.format == "docx" else None
        result = annotate(document, comments, original_docx=original, author=args.author)
        _write(args.annotated, result.data)
        print(f"带批注和修订的草案：{args.annotated}")
        _print_placements(result)
    return 0


def _print_placements(result) -> None:
    revised = sum(1 for p in result.placements if p.revised)
    print(f"  批注 {len(result.placements)} 条，其中修订 {revised} 处")
    for p in result.unplaced:
        c = p.comment
        where = f"第{c.article}条" if c.article else "标题及其他"
        print(f"  ！{where}“{(c.quote or c.original)[:20]}”：{p.note}")


def _run_consultation(args) -> int:
    from commenting.letters.annotated import annotate
    from commenting.store import Store

    if not (args.out or args.annotated):
        raise CommentingError("请用 --out 和/或 --annotated 指定输出文件")
    with Store() as store:
        c = store.get_consultation(args.consultation)
        drafts = store.list_drafts(args.consultation)
        if not drafts:
            raise CommentingError(f"征求意见 {args.consultation} 还没有草案")
        draft_id = args.draft or drafts[-1]["id"]
        if args.round is not None:
            by_round = {d["round"]: d["id"] for d in drafts}
            if args.round not in by_round:
                raise CommentingError(f"征求意见 {args.consultation} 没有第 {args.round} 轮草案"
                                      f"（共 {len(drafts)} 轮）")
            draft_id = by_round[args.round]
        if draft_id not in {d["id"] for d in drafts}:
            raise CommentingError(f"草案 {draft_id} 不属于征求意见 {args.consultation}")
        draft = store.get_draft(draft_id)
        document = draft.document
        comments = store.list_comments(draft_id=draft_id)
        adopted = [x for x in comments if x.status == "采纳"]
        versions = [(x.id, x.version) for x in adopted if x.id is not None]
        info = _info(args, c.title or document.title, recipient=c.sender, incoming_sender=c.sender,
                     incoming_number=c.doc_number)
        print(f"征求意见：{c.title}（第 {draft.round} 轮草案，采纳意见 {len(adopted)} 条）")
        if args.out:
            data = reply_letter(info, comments, document, table=args.table)
            _write(args.out, data)
            store.record_letter(c.id, draft_id, Path(args.out).name, data, versions, kind="reply")
            print(f"反馈意见函：{args.out}")
        if args.annotated:
            original = draft.file_bytes if (document.format == "docx" and draft.file_bytes) else None
            result = annotate(document, comments, original_docx=original, author=args.author)
            _write(args.annotated, result.data)
            store.record_letter(c.id, draft_id, Path(args.annotated).name, result.data, versions,
                                kind="annotated")
            print(f"带批注和修订的草案：{args.annotated}")
            _print_placements(result)
    return 0
