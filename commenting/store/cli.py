"""CLI: ``python -m commenting store backup|restore|info|reindex``.

Store errors (locked, disk full, a refused backup) are :class:`~commenting.errors.StoreError`;
``commenting.cli.main`` prints them as one line and exits non-zero.
"""
from __future__ import annotations

from pathlib import Path

from commenting.errors import StoreError
from commenting.store.api import Store
from commenting.store.backup import check_backup, file_counts
from commenting.store.restore import restore

_LABELS = {"consultations": "征求意见登记", "drafts": "草案（各轮）", "articles": "条文", "findings": "审查发现",
           "comments": "意见", "comment_history": "意见修改记录", "letters": "导出文件"}


def add_arguments(parser) -> None:
    """The ``store`` subcommand's options and operations."""
    parser.add_argument("--db", default=None, help="意见库文件（默认 data/store.db 或 COMMENTING_STORE_DB）")
    sub = parser.add_subparsers(dest="store_command", metavar="操作")
    sp = sub.add_parser("backup", help="把整个意见库备份为一个文件")
    sp.add_argument("file", help="备份文件路径")
    sp = sub.add_parser("restore", help="用备份文件替换意见库（原库另存一份）")
    sp.add_argument("file", help="备份文件路径")
    sub.add_parser("info", help="显示意见库位置、版本和各类记录数")
    sub.add_parser("reindex", help="重建历史意见检索索引（词典更新后使用）")


def cli_run(args) -> int:
    """Run ``store backup|restore|info|reindex``; returns the exit code (store errors propagate)."""
    db = Path(args.db) if getattr(args, "db", None) else None
    cmd = getattr(args, "store_command", None)
    if cmd == "backup":
        with Store(db) as s:
            dest = s.backup(args.file)
        n = file_counts(dest)  # what the backup holds, not the live store written to since
        print(f"已备份意见库到 {dest}（{n['consultations']} 件登记，{n['comments']} 条意见）")
        return 0
    if cmd == "restore":
        version = check_backup(args.file)
        n = file_counts(args.file)
        saved = restore(args.file, db)
        if saved:
            print(f"原意见库已另存为 {saved}")
        print(f"已从 {args.file} 恢复意见库（备份版本 {version}，{n['consultations']} 件登记，{n['comments']} 条意见）")
        return 0
    if cmd == "reindex":
        with Store(db) as s:
            n = s.reindex()
        print(f"已重建检索索引：{n} 条意见")
        return 0
    if cmd == "info" or cmd is None:
        with Store(db) as s:
            n = s.counts()
            print(f"意见库：{s.path}（版本 {s.version}）")
        for k, v in n.items():
            print(f"  {_LABELS[k]}：{v}")
        return 0
    raise StoreError(f"未知操作：{cmd}")
