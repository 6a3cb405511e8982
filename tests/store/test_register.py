"""Registering a draft is one transaction: all of consultation, draft, articles and findings, or none."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from commenting.errors import StoreError
from commenting.model import Basis, Consultation, Finding
from commenting.store import Store

from store_helpers import DRAFT, make_doc

REPO = Path(__file__).resolve().parents[2]


def findings(n: int) -> list[Finding]:
    return [Finding(rule="hearing-deadline", severity="warning", article=2, quote="三日", message=f"第{i}个问题",
                    basis=[Basis("中华人民共和国行政处罚法", 64)]) for i in range(n)]


def test_register_draft_stores_everything(store):
    c, draft_id = store.register_draft(Consultation(title="某市办法（征求意见稿）", sender="市司法局"),
                                       make_doc(DRAFT), "draft.docx", b"PK bytes", findings(2))
    assert c.id and store.get_consultation(c.id).sender == "市司法局"
    d = store.get_draft(draft_id)
    assert (d.consultation_id, d.round, d.file_name, d.file_bytes) == (c.id, 1, "draft.docx", b"PK bytes")
    assert [a.text for a in d.document.articles] == DRAFT
    assert [f.message for f in store.list_findings(draft_id)] == ["第0个问题", "第1个问题"]
    assert store.consultation_history(c.id)[0]["after"] == "待审查"


def test_register_draft_refused_leaves_nothing(store):
    with pytest.raises(StoreError, match="标题"):
        store.register_draft(Consultation(title="  "), make_doc(DRAFT), "d.docx", b"", findings(1))

    class Boom(Exception):
        pass

    def failing():  # a findings iterable that fails part-way (e.g. a review check raising)
        yield from findings(1)
        raise Boom

    with pytest.raises(Boom):
        store.register_draft(Consultation(title="某办法"), make_doc(DRAFT), "d.docx", b"", failing())
    assert store.list_consultations() == [] and store.counts()["drafts"] == 0


def test_register_draft_on_a_full_disk_leaves_nothing(store):
    store.register_draft(Consultation(title="第一件"), make_doc(DRAFT), "a.docx", b"x", findings(1))
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StoreError, match="磁盘空间不足"):
        store.register_draft(Consultation(title="第二件"), make_doc(DRAFT), "b.docx", os.urandom(200_000),
                             findings(3))
    assert [c.title for c in store.list_consultations()] == ["第一件"]
    assert store.counts()["drafts"] == 1 and store.counts()["findings"] == 1


# A child process registers drafts in a loop and is killed with SIGKILL at a random moment. Each
# consultation's title says how many articles and findings its registration carries.
CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {helpers!r})
    from commenting.model import Consultation, Finding
    from commenting.store import Store
    from store_helpers import make_doc

    store = Store(sys.argv[1])
    texts = ["第{{}}条的内容，当事人要求听证的，应当在告知书送达之日起三日内提出。".format(i) * 20 for i in range(1, 121)]
    doc = make_doc(texts)
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        k = n % 7 * 40
        found = [Finding(rule="r", severity="info", article=1 + i % 100, quote="三日", message="m" * 200)
                 for i in range(k)]
        print("begin", n, flush=True)
        store.register_draft(Consultation(title="件{{}}-{{}}/{{}}/{{}}".format(sys.argv[2], n, len(texts), k)), doc, "d.docx",
                             b"x" * 50_000, found)
""")


def _check_whole(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute(
            "SELECT c.id, c.title, (SELECT count(*) FROM drafts d WHERE d.consultation_id = c.id),"
            " (SELECT count(*) FROM articles a JOIN drafts d ON d.id = a.draft_id WHERE d.consultation_id = c.id),"
            " (SELECT count(*) FROM findings f JOIN drafts d ON d.id = f.draft_id WHERE d.consultation_id = c.id)"
            " FROM consultations c"
        ).fetchall()
        for cid, title, drafts, articles, found in rows:
            _, n_articles, n_findings = title.split("/")
            assert (drafts, articles, found) == (1, int(n_articles), int(n_findings)), title
        orphans = conn.execute("SELECT count(*) FROM drafts WHERE consultation_id NOT IN"
                               " (SELECT id FROM consultations)").fetchone()[0]
        assert orphans == 0
        return len(rows)
    finally:
        conn.close()


def test_kill_during_registration_leaves_no_half_written_consultation(tmp_path):
    path = tmp_path / "store.db"
    Store(path).close()
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(helpers=str(Path(__file__).parent)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rnd = random.Random(12)
    kills, registered, cut = 12, [], 0
    for run in range(kills):
        child = subprocess.Popen([sys.executable, str(script), str(path), str(run)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env, text=True)
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        time.sleep(rnd.uniform(0.05, 0.5))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        begun = [line.split()[1] for line in child.stdout.read().splitlines() if line.startswith("begin")]
        child.stdout.close()
        child.stderr.close()
        registered.append(_check_whole(path))
        if begun:  # the registration in progress when killed left nothing behind
            conn = sqlite3.connect(path)
            cut += conn.execute("SELECT count(*) FROM consultations WHERE title LIKE ?",
                                (f"件{run}-{begun[-1]}/%",)).fetchone()[0] == 0
            conn.close()
    # registrations completed between the kills, and kills did cut registrations short in the middle
    # (how many depends on the machine's load; one is enough to have tested the window)
    assert registered[-1] > kills and cut >= 1, (registered, cut)
    with Store(path) as s:  # the killed writers' WAL is recovered and the store is usable
        assert len(s.list_consultations()) == registered[-1]
        s.register_draft(Consultation(title="之后/3/0"), make_doc(DRAFT), "d.docx", b"", [])
    assert _check_whole(path) == registered[-1] + 1
