"""Command line: ``python -m commenting parse|review|rounds|corpus|letter|search|store|register-export|annual``.

A thin layer: every handler calls the library and prints. Errors meant for the user
(:class:`commenting.errors.CommentingError`) become one line on stderr and exit status 1;
nothing prints a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from commenting.errors import CommentingError


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1))
    sys.stdout.write("\n")


# ---------------------------------------------------------------- parse


_PART_NAMES = {"cover": "征求意见函", "title": "标题", "explanation": "起草说明", "preamble": "主送、导语等",
               "attachment": "附件", "closing": "落款"}


def cmd_parse(args) -> int:
    from commenting.structure import read_document

    doc = read_document(Path(args.file))
    if args.json:
        _print_json(doc.to_json())
        return 0
    print(f"标题：{doc.title}")
    if doc.marker:
        print(f"文本状态：{doc.marker}")
    print(f"层级：{doc.level}（{'；'.join(doc.level_evidence) or '无明显依据'}）")
    if doc.issuer:
        print(f"制定机关：{doc.issuer}")
    if doc.outline == "outline":
        print(f"结构：不分条，按“一、（一）1.”分层，共 {len(doc.articles)} 个部分")
    else:
        print(f"结构：共 {len(doc.articles)} 条" + (f"，{len(doc.headings)} 个编章节标题" if doc.headings else ""))
    counts: dict[str, int] = {}
    for part in doc.parts:
        counts[part.kind] = counts.get(part.kind, 0) + 1
    if counts:
        print("正文以外（第0条）：" + "、".join(f"{_PART_NAMES.get(k, k)} {n} 段" for k, n in counts.items()))
    chapter = section = None
    for a in doc.articles:
        if a.chapter != chapter and a.chapter:
            print(a.chapter)
        if a.section != section and a.section:
            print(f" {a.section}")
        chapter, section = a.chapter, a.section
        n_items = sum(len(p.items) for p in a.paragraphs)
        shape = f"{len(a.paragraphs)}款" + (f"{n_items}项" if n_items else "")
        first = a.text.split("\n", 1)[0]
        gap = "" if a.label.endswith(("、", ".", "．")) else " "
        print(f"  {a.label}{gap}{first[:36]}{'…' if len(first) > 36 else ''}（{shape}）")
    if doc.anomalies:
        print("编号问题：")
        for an in doc.anomalies:
            print(f"  ！{an.message}")
    return 0


# ---------------------------------------------------------------- review


def cmd_review(args) -> int:
    from commenting.review import render_report, review_file_json

    result = review_file_json(Path(args.file), corpus_path=args.corpus_db, as_of=args.as_of, level=args.level)
    if args.json:
        _print_json(result)
        if result["errors"]:  # stdout stays one JSON object; the reviewer still learns the result is partial
            print(f"注意：有 {len(result['errors'])} 项审查未能完成，结果不完整（见 JSON 的 errors）", file=sys.stderr)
    else:
        sys.stdout.write(render_report(result))
    return 0


def _draft_levels() -> list[str]:
    """The levels a draft can have: those the level guess knows (corpus/document_levels.toml)."""
    from commenting.structure.levels import draft_levels

    return draft_levels()


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{text}") from None


# ---------------------------------------------------------------- rounds


def cmd_rounds(args) -> int:
    from commenting.rounds import round_summaries
    from commenting.store import Store

    with Store() as store:
        c = store.get_consultation(args.consultation)
        rounds = round_summaries(store, c.id)
    if args.json:
        _print_json({"consultation": c.id, "title": c.title, "rounds": rounds})
        return 0
    print(f"征求意见：{c.title}（共 {len(rounds)} 轮）")
    for r in rounds:
        carry = "；前轮意见：" + "、".join(f"{s} {n} 条" for s, n in r["carry"].items()) if r["carry"] else ""
        print(f"  第 {r['round']} 轮  {r['date']}  {r['file_name'] or '（无文件名）'}  "
              f"{r['articles']} 条，意见 {r['comments']} 条{carry}")
    if not rounds:
        print("  还没有草案")
    return 0


# ---------------------------------------------------------------- the register and the year's figures


def _write(dest: Path, data: bytes) -> None:
    try:
        dest.write_bytes(data)
    except OSError as err:
        raise CommentingError(f"无法写入 {dest}：{err.strerror or err}") from err


def cmd_register_export(args) -> int:
    from commenting.register_export import register_xlsx
    from commenting.store import Store

    with Store(args.db) as store:
        data = register_xlsx(store, args.year)
    dest = Path(args.output or (f"{args.year}年征求意见台账.xlsx" if args.year else "征求意见台账.xlsx"))
    _write(dest, data)
    print(f"已导出征求意见台账到 {dest}")
    return 0


def cmd_annual(args) -> int:
    from commenting.annual import annual_docx, paragraph, year_figures
    from commenting.store import Store

    with Store(args.db) as store:
        figures = year_figures(store, args.year)
    print(paragraph(figures))
    if args.output:
        _write(Path(args.output), annual_docx(figures))
        print(f"已导出年度统计到 {args.output}")
    return 0


# ---------------------------------------------------------------- delegated subcommands
# Each keeps its options next to its code; its module (and what it imports: sqlite-utils, jieba,
# python-docx) is loaded only when that subcommand runs.


def _corpus_cli():
    from commenting.corpus import cli

    return cli


def _letters_cli():
    from commenting.letters import cli

    return cli


def _search_cli():
    from commenting import search

    return search


def _store_cli():
    from commenting import store

    return store


def cmd_corpus(args) -> int:
    return _corpus_cli().run(args)


def cmd_letter(args) -> int:
    return _letters_cli().run(args)


def cmd_search(args) -> int:
    return _search_cli().cli_run(args)


def cmd_store(args) -> int:
    return _store_cli().cli_run(args)


_DELEGATED = [
    ("corpus", "法规库：构建、导入、检索、查看条文", _corpus_cli, cmd_corpus),
    ("letter", "生成反馈意见函和带批注、修订的草案（.docx）", _letters_cli, cmd_letter),
    ("search", "检索历史意见", _search_cli, cmd_search),
    ("store", "意见库：备份与恢复", _store_cli, cmd_store),
]


def build_parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """The parser; ``wanted`` is the subcommand about to run (only its module is imported)."""
    p = argparse.ArgumentParser(
        prog="python -m commenting",
        description="征求意见审查助手：读取征求意见稿、对照上位法审查、撰写意见并生成反馈函。",
    )
    sub = p.add_subparsers(dest="command", metavar="命令")

    sp = sub.add_parser("parse", help="读取征求意见稿并输出章节条款结构")
    sp.add_argument("file")
    sp.add_argument("--json", action="store_true", help="输出 JSON")
    sp.set_defaults(func=cmd_parse)

    sp = sub.add_parser("review", help="审查征求意见稿，输出发现的问题")
    sp.add_argument("file")
    sp.add_argument("--json", action="store_true", help="输出 JSON（../shared/docs/findings.md 约定的格式）")
    sp.add_argument("--corpus-db", default=None, help="法规库数据库文件（默认自动定位或构建）")
    sp.add_argument("--level", choices=_draft_levels(), default=None,
                    help="草案的层级（默认按草案内容判断）；层级决定适用哪些设定权限规定")
    sp.add_argument("--as-of", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                    help="对照该日施行的法律版本审查（默认今天，即现行有效的版本）")
    sp.set_defaults(func=cmd_review)

    sp = sub.add_parser("rounds", help="列出征求意见的各轮草案及前轮意见的采纳情况")
    sp.add_argument("--consultation", type=int, required=True, metavar="编号", help="征求意见登记编号")
    sp.add_argument("--json", action="store_true", help="输出 JSON")
    sp.set_defaults(func=cmd_rounds)

    sp = sub.add_parser("register-export", help="导出征求意见台账（.xlsx）")
    sp.add_argument("--year", type=int, default=None, help="只导出该年收到的征求意见（默认全部）")
    sp.add_argument("-o", "--output", default=None, help="输出文件（默认 <年>年征求意见台账.xlsx）")
    sp.add_argument("--db", default=None, help="意见库文件（默认 data/store.db 或 COMMENTING_STORE_DB）")
    sp.set_defaults(func=cmd_register_export)

    sp = sub.add_parser("annual", help="年度统计：收文、意见、采纳率、按期反馈率（可导出 .docx）")
    sp.add_argument("--year", type=int, default=date.today().year, help="统计年度（默认今年）")
    sp.add_argument("-o", "--output", default=None, help="另存为 .docx 文件")
    sp.add_argument("--db", default=None, help="意见库文件（默认 data/store.db 或 COMMENTING_STORE_DB）")
    sp.set_defaults(func=cmd_annual)

    for name, help_text, module, func in _DELEGATED:
        sp = sub.add_parser(name, help=help_text, add_help=name == wanted)
        if name == wanted:
            module().add_arguments(sp)
        else:
            sp.add_argument("rest", nargs=argparse.REMAINDER)
        sp.set_defaults(func=func)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    wanted = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(wanted)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except CommentingError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # last resort: one line, never a traceback
        if os.environ.get("COMMENTING_DEBUG"):
            raise
        print(f"错误：处理失败（{type(err).__name__}: {err}）", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
