"""CLI of ``python -m commenting corpus``: build, import, search, show, list, renumber."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from commenting.errors import CorpusError

ACTIONS = ("build", "import", "search", "show", "list", "renumber", "prior")


def add_arguments(parser):
    parser.add_argument("action", choices=ACTIONS, metavar="操作", help="build | import | search | show | list | renumber | prior")
    parser.add_argument("args", nargs="*", metavar="参数", help="import: 路径（单个文件用 --level/--issuer/--date/--province/--city/--title 补充文件未写明的信息）；search: 检索词；show: 法规 条号 [--date]；renumber: 法规")
    parser.add_argument("--db", default=None, help="法规库数据库文件（默认 data/corpus.db 或 COMMENTING_CORPUS_DB）")
    parser.add_argument("--source", action="append", default=None, help="法规来源目录或文件（可重复；默认 COMMENTING_CORPUS_PATH 或内置来源）")
    parser.add_argument("--full", action="store_true", help="build：忽略增量，全部重建")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--law", default=None, help="search：限定法规")
    parser.add_argument("--level", default=None, help="search：限定层级（法律、行政法规、部门规章……）；import：该文件的效力层级")
    parser.add_argument("--issuer", default=None, help="import：制定机关（如 湖南省人民代表大会常务委员会）")
    parser.add_argument("--province", default=None, help="import：所属省份（如 湖南省）")
    parser.add_argument("--city", default=None, help="import：所属设区的市（如 衡阳市）")
    parser.add_argument("--title", default=None, help="import：标题（文件中没有或不准确时）")
    parser.add_argument("--status", default=None, help="search：限定效力状态（现行有效、已修改、已废止、已失效；“全部”不限）")
    parser.add_argument("-k", type=int, default=10, help="search：返回条数")
    parser.add_argument("--date", default=None, help="show：取该日期施行的版本；import：版本日期（YYYY-MM-DD）")
    parser.add_argument("--old", default=None, help="renumber：旧版本日期")
    parser.add_argument("--new", default=None, help="renumber：新版本日期")
    parser.add_argument("--write", action="store_true", help="renumber / prior：写入 corpus/ 下的数据文件")


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def _progress(done: int, total: int, message: str) -> None:
    print(f"\r[{done}/{total}] {message}"[:80].ljust(80), end="", file=sys.stderr, flush=True)


def _corpus(args):
    from commenting.corpus import open_corpus

    return open_corpus(args.db, progress=_progress if sys.stderr.isatty() else None)


def run(args) -> int:
    return {
        "build": _build, "import": _import, "search": _search, "show": _show, "list": _list, "renumber": _renumber,
        "prior": _prior,
    }[args.action](args)


def _build(args) -> int:
    from commenting.corpus import build, reset_cache

    sources = [Path(s) for s in args.source] if args.source else None
    report = build(Path(args.db) if args.db else None, sources, progress=_progress if sys.stderr.isatty() else None, full=args.full)
    reset_cache()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"法规库：{report.db}")
    print(f"导入 {len(report.imported)} 件，未变化 {report.unchanged} 个文件，移除 {report.removed} 个文件，用时 {report.seconds:.1f} 秒")
    for f in report.failed:
        print(f"  未能导入：{f}")
    return 0


def _import(args) -> int:
    from commenting.corpus import import_path, reset_cache
    from commenting.corpus.local import ImportForm, add_law

    if not args.args:
        raise CorpusError("请给出要导入的文件或目录")
    for p in args.args:
        if Path(p).is_file():  # one law: what the file does not state comes from the options
            form = ImportForm(level=args.level, issuer=args.issuer, version_date=args.date,
                              province=args.province, city=args.city, title=args.title)
            version, report = add_law(Path(p), form, Path(args.db) if args.db else None)
            reset_cache()
            where = "".join(x for x in (version.province, version.city) if x) or "全国"
            print(f"已导入《{version.title}》（{version.level}，{version.issuer or '制定机关不详'}，"
                  f"{version.version_date}，{where}，{version.articles}条）")
            continue
        report = import_path(Path(p), Path(args.db) if args.db else None)
        reset_cache()
        print(f"已导入 {p}：新增或更新 {len(report.imported)} 件")
        for t in report.imported:
            print(f"  {t}")
        for f in report.failed:
            print(f"  未能导入：{f}")
    return 0


def _search(args) -> int:
    query = " ".join(args.args)
    corpus = _corpus(args)
    status = None if args.status in ("全部", "all") else (args.status or "现行有效")
    if args.law and not corpus.law(args.law):
        raise CorpusError(f"法规库中没有《{args.law}》")
    hits = corpus.search(query, k=args.k, law=args.law, level=args.level, status=status)
    if args.json:
        _print_json([h.to_json() for h in hits])
        return 0
    if not hits:
        print("没有找到相关条文。")
        return 0
    for i, h in enumerate(hits, 1):
        print(f"{i}. 《{h.law}》{h.label}（{h.version_date or '日期不详'}，{h.level}）  得分 {h.score:.2f}")
        print(f"   {h.snippet}")
    return 0


def _show(args) -> int:
    from commenting.numerals import from_chinese, parse_article_label

    if len(args.args) < 2:
        raise CorpusError("用法：corpus show 法规名称 条号（如：corpus show 行政处罚法 36）")
    name, raw = " ".join(args.args[:-1]), args.args[-1]
    try:
        no, sub = parse_article_label(raw) if raw.startswith("第") else (from_chinese(raw), 0)
    except ValueError:
        raise CorpusError(f"条号无法识别：{raw}") from None
    corpus = _corpus(args)
    history = corpus.history(name, args.date)
    law = history.applicable
    if law is None:
        if history.versions or history.successor:
            raise CorpusError(history.note)
        tr = corpus.resolve_title(name, args.date)
        hint = f"，是否指《{tr.suggestion}》？" if tr.suggestion else ""
        raise CorpusError((tr.note or f"法规库中没有《{name}》") + hint)
    art = corpus.article_in(law, no, sub)
    if art is None:
        raise CorpusError(f"《{law.title}》（{law.version_date}）共{corpus.article_count(law)}条，没有第{raw}条" if raw.isdigit() else f"《{law.title}》（{law.version_date}）没有{raw}")
    not_in_force = history.in_force is None
    if args.json:
        _print_json({
            "law": law.title, "article": art.no, "version_date": law.version_date, "status": law.status, "text": art.text,
            "date": args.date, "in_force": not not_in_force, "successor": history.successor,
            "successor_article": history.successor_article, "note": history.note,
        })
        return 0
    print(f"《{law.title}》（{law.version_date}，{law.status}）{art.label}")
    for p in art.paragraphs or [art.text]:
        print(f"  {p}")
    if history.note:
        print(f"注意：{history.note}。" if not_in_force else f"说明：{history.note}。")
    return 0


def _list(args) -> int:
    corpus = _corpus(args)
    laws = corpus.laws()
    if args.json:
        _print_json([
            {"title": v.title, "level": v.level, "version_date": v.version_date, "status": v.status,
             "articles": v.articles, "work": v.work, "province": v.province, "city": v.city}
            for v in laws
        ])
        return 0
    level = None
    for v in laws:
        if v.level != level:
            level = v.level
            print(f"【{level}】")
        where = "".join(x for x in (v.province, v.city) if x)
        print(f"  《{v.title}》 {v.version_date or '日期不详'} {v.status} {v.articles}条" + (f" {where}" if where else ""))
    print(f"共 {len(laws)} 件。")
    return 0


def _renumber(args) -> int:
    from commenting.corpus.renumber import LOW_CONFIDENCE, map_path, renumber, write_map

    if not args.args or not args.old or not args.new:
        raise CorpusError("用法：corpus renumber 法规名称 --old 旧版本日期 --new 新版本日期 [--write]")
    corpus = _corpus(args)
    old, new, pairs = renumber(corpus, " ".join(args.args), args.old, args.new)
    print(f"《{new.title}》{old.version_date} 版 → {new.version_date} 版（相似度低于 {LOW_CONFIDENCE} 的请人工核对）")
    for p in pairs:
        flag = "  ？" if p.new is not None and p.similarity < LOW_CONFIDENCE else ""
        target = f"第{p.new}条" if p.new is not None else "（无对应条文）"
        print(f"  第{p.old}条 → {target}  {p.similarity:.3f}{flag}")
    if args.write:
        path = map_path(new, old.version_date, new.version_date)
        write_map(path, new.title, old, new, pairs)
        print(f"已写入 {path}")
    return 0


def _prior(args) -> int:
    from commenting.corpus import prior

    rows = prior.compute(_corpus(args))
    for r in rows[:20]:
        print(f"  {r['weight']}  《{r['law']}》（{r['citing_documents']} 件引用）")
    print(f"共 {len(rows)} 部法规。")
    if args.write:
        print(f"已写入 {prior.write(rows)}")
    return 0
