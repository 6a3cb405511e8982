# -*- coding: utf-8 -*-
"""Mutation benchmark for `python -m commenting review FILE --json`.

Run from the repository root:

    python bench_mutations.py [--data provisions.json] [--limit N] [--level LEVEL]

Each provision of provisions.json carries faithful restatements of a clause of a higher
law (same legal effect) and mutated restatements (exactly one change of legal effect).
The script writes drafts shaped like a city 市场监督管理局 implementing document
(title, 第一条 purpose/basis, restatements as 第二条…, a closing 施行/有效期 article),
reviews each with the tool's CLI, and reports

* recall on mutations: a mutation is detected when an `error` or `warning` finding is on
  its article; broken down by kind; plus the share whose detecting finding's basis names
  the source law and article, and a "net" recall that ignores findings whose rule also
  fires on the faithful restatement of the same provision;
* false alarms on faithful restatements: faithful articles carrying any error/warning
  finding, over all faithful articles, with each false alarm listed.

Stdlib only; the tool is used through its CLI only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

DIGITS = "零一二三四五六七八九"


def cn_num(n):
    """1..999 -> 一 .. 九百九十九 (第十条, 第二十一条, 第一百零五条)."""
    assert 0 < n < 1000
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    s = ""
    if h:
        s += DIGITS[h] + "百"
        if rest == 0:
            return s
        if t == 0:
            return s + "零" + DIGITS[u]
    if t:
        s += ("" if (t == 1 and not h) else DIGITS[t]) + "十"
    if u:
        s += DIGITS[u]
    return s


SHORT = {
    "中华人民共和国行政处罚法": "行政处罚",
    "中华人民共和国行政许可法": "行政许可",
    "市场监督管理行政处罚程序规定": "行政处罚程序",
    "市场监督管理行政处罚听证办法": "行政处罚听证",
    "市场监督管理投诉举报处理暂行办法": "投诉举报处理",
    "中华人民共和国食品安全法": "食品安全监督管理",
    "中华人民共和国特种设备安全法": "特种设备安全监督管理",
    "中华人民共和国产品质量法": "产品质量监督管理",
    "明码标价和禁止价格欺诈规定": "明码标价和价格行为监督管理",
    "网络交易监督管理办法": "网络交易监督管理",
    "化妆品监督管理条例": "化妆品监督管理",
}


def make_draft(topic, laws, bodies):
    """bodies: list of article texts (may contain \\n). Returns (text, first_article_no)."""
    cites = "".join("《%s》" % l for l in laws)
    lines = ["某市市场监督管理局关于%s的实施办法（征求意见稿）" % topic, ""]
    lines.append("第一条 为了规范%s工作，保护公民、法人和其他组织的合法权益，根据%s等法律、法规、规章，结合本市实际，制定本办法。" % (topic, cites))
    no = 2
    for b in bodies:
        lines.append("第%s条 %s" % (cn_num(no), b))
        no += 1
    lines.append("第%s条 本办法自印发之日起施行，有效期5年。" % cn_num(no))
    return "\n".join(lines) + "\n", 2


def cli_has(flag):
    try:
        r = subprocess.run([sys.executable, "-m", "commenting", "review", "--help"],
                           capture_output=True, text=True, timeout=120)
        return flag in (r.stdout + r.stderr)
    except Exception:
        return False


def review(path, extra):
    cmd = [sys.executable, "-m", "commenting", "review", path, "--json"] + extra
    r = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=900)
    if r.returncode != 0:
        return None, (r.stderr or "").strip()[-500:]
    try:
        return json.loads(r.stdout), None
    except ValueError as e:
        return None, "bad JSON: %s" % e


def schedule_mutations(provs, per_draft):
    """Groups (prov_index, mut_index) into drafts of at most per_draft, never two mutations
    of the same provision in one draft; interleaves documents."""
    docs = []
    pos = {}
    count = defaultdict(int)
    for pi, p in enumerate(provs):
        if p["law"] not in docs:
            docs.append(p["law"])
        pos[pi] = count[p["law"]]
        count[p["law"]] += 1
    order = sorted(((pi, mi) for pi, p in enumerate(provs) for mi in range(len(p["mutations"]))),
                   key=lambda x: (x[1], pos[x[0]], docs.index(provs[x[0]]["law"])))
    drafts = []
    for pi, mi in order:
        for d in drafts:
            if len(d) < per_draft and all(x[0] != pi for x in d):
                d.append((pi, mi))
                break
        else:
            drafts.append([(pi, mi)])
    return drafts


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(here, "provisions.json"))
    ap.add_argument("--limit", type=int, default=0, help="use only the first N provisions")
    ap.add_argument("--level", default=None, help="passed to the CLI as --level if it has that option")
    ap.add_argument("--per-draft", type=int, default=15, help="max mutated articles per draft")
    ap.add_argument("--faithful-per-draft", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=4, help="parallel CLI runs")
    ap.add_argument("--keep", action="store_true", help="keep the draft files")
    ap.add_argument("--out", default=None, help="write per-article results as JSON here")
    ap.add_argument("--dry-run", action="store_true", help="write the drafts and stop (no CLI runs)")
    args = ap.parse_args()

    provs = json.load(open(args.data, encoding="utf-8"))
    if args.limit:
        provs = provs[: args.limit]

    extra = []
    if args.level:
        if cli_has("--level"):
            extra = ["--level", args.level]
        else:
            print("note: the CLI has no --level option; --level %s ignored" % args.level)

    tmp = tempfile.mkdtemp(prefix="bench_mut_")
    jobs = []  # (path, [(article_no, role, prov_index, variant_or_mut_index)])

    # faithful drafts: per source document and faithful variant, chunks of faithful_per_draft
    by_doc = defaultdict(list)
    for pi, p in enumerate(provs):
        by_doc[p["law"]].append(pi)
    n = 0
    for law, pis in by_doc.items():
        nvar = max(len(provs[pi]["faithful"]) for pi in pis)
        for v in range(nvar):
            items = [(pi, v) for pi in pis if len(provs[pi]["faithful"]) > v]
            for c in range(0, len(items), args.faithful_per_draft):
                chunk = items[c: c + args.faithful_per_draft]
                text, first = make_draft(SHORT.get(law, "市场监督管理"), [law],
                                         [provs[pi]["faithful"][vi] for pi, vi in chunk])
                n += 1
                path = os.path.join(tmp, "faithful_%02d.txt" % n)
                open(path, "w", encoding="utf-8").write(text)
                jobs.append((path, [(first + k, "faithful", pi, vi) for k, (pi, vi) in enumerate(chunk)]))

    # mutation drafts
    for k, d in enumerate(schedule_mutations(provs, args.per_draft), 1):
        laws = []
        for pi, _ in d:
            if provs[pi]["law"] not in laws:
                laws.append(provs[pi]["law"])
        text, first = make_draft("市场监督管理行政执法", laws,
                                 [provs[pi]["mutations"][mi]["text"] for pi, mi in d])
        path = os.path.join(tmp, "mutated_%02d.txt" % k)
        open(path, "w", encoding="utf-8").write(text)
        jobs.append((path, [(first + j, "mutation", pi, mi) for j, (pi, mi) in enumerate(d)]))

    print("drafts: %d (in %s), CLI extra args: %s" % (len(jobs), tmp, extra or "none"))
    if args.dry_run:
        print("scored articles: %d faithful, %d mutated" % (
            sum(1 for _, a in jobs for x in a if x[1] == "faithful"),
            sum(1 for _, a in jobs for x in a if x[1] == "mutation")))
        if not args.keep:
            for name in os.listdir(tmp):
                os.remove(os.path.join(tmp, name))
            os.rmdir(tmp)
        return

    def run(job):
        path, arts = job
        data, err = review(path, extra)
        return path, arts, data, err

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        results = list(ex.map(run, jobs))

    failed = [(os.path.basename(p), e) for p, _, d, e in results if d is None]
    rows = []  # one per scored article
    for path, arts, data, err in results:
        if data is None:
            continue
        # sanity: article numbering as parsed by the tool
        parsed = {a.get("no"): a for a in data.get("articles", []) if not a.get("sub")}
        fnd = defaultdict(list)
        for f in data.get("findings", []):
            if f.get("severity") in ("error", "warning"):
                fnd[f.get("article")].append(f)
        for no, role, pi, xi in arts:
            p = provs[pi]
            if role == "faithful":
                expect = p["faithful"][xi]
            else:
                expect = p["mutations"][xi]["text"]
            a = parsed.get(no)
            mismatch = a is None or a.get("text", "").replace("\n", "")[:12] != expect.replace("\n", "")[:12]
            rows.append({"draft": os.path.basename(path), "article": no, "role": role, "prov": pi,
                         "idx": xi, "findings": fnd.get(no, []), "parse_mismatch": mismatch})

    if failed:
        print("\nCLI failures (%d drafts):" % len(failed))
        for name, e in failed:
            print("  %s: %s" % (name, e))
    mism = [r for r in rows if r["parse_mismatch"]]
    if mism:
        print("\nwarning: %d scored articles do not match the tool's parsed article text at that number"
              % len(mism))
        for r in mism[:10]:
            print("  %s 第%s条 (%s)" % (r["draft"], cn_num(r["article"]), r["role"]))

    def src(p):
        return "%s第%s条%s" % (p["law"], cn_num(p["article"]),
                              ("第%s款" % cn_num(p["paragraph"])) if p.get("paragraph") else "")

    def names_source(f, p):
        for b in f.get("basis") or []:
            if b.get("law") == p["law"] and b.get("article") == p["article"]:
                return True
        return False

    # ---------------------------------------------------------------- faithful
    faith = [r for r in rows if r["role"] == "faithful"]
    fa = [r for r in faith if r["findings"]]
    # rules firing on faithful variant 0 of each provision (for the net recall)
    base_rules = defaultdict(set)
    for r in faith:
        if r["idx"] == 0:
            base_rules[r["prov"]] |= {f["rule"] for f in r["findings"]}

    # ---------------------------------------------------------------- mutations
    muts = [r for r in rows if r["role"] == "mutation"]
    by_kind = defaultdict(lambda: [0, 0, 0, 0])  # total, detected, source-basis, net
    by_doc = defaultdict(lambda: [0, 0])
    det_rules = Counter()
    missed = []
    for r in muts:
        p = provs[r["prov"]]
        m = p["mutations"][r["idx"]]
        k = by_kind[m["kind"]]
        k[0] += 1
        by_doc[p["law"]][0] += 1
        if r["findings"]:
            k[1] += 1
            by_doc[p["law"]][1] += 1
            for f in r["findings"]:
                det_rules[f["rule"]] += 1
            if any(names_source(f, p) for f in r["findings"]):
                k[2] += 1
            if any(f["rule"] not in base_rules.get(r["prov"], set()) for f in r["findings"]):
                k[3] += 1
        else:
            missed.append((m["kind"], src(p), m["change"], r["draft"], r["article"]))

    def pct(a, b):
        return "%5.1f%%" % (100.0 * a / b) if b else "   n/a"

    tot = [sum(v[i] for v in by_kind.values()) for i in range(4)]
    print("\n=== Recall on mutations (error/warning finding on the mutated article) ===")
    print("detected %d / %d = %s" % (tot[1], tot[0], pct(tot[1], tot[0])))
    print("  with a finding whose basis names the source law+article: %d / %d = %s"
          % (tot[2], tot[0], pct(tot[2], tot[0])))
    print("  net (a detecting rule that does not also fire on the faithful restatement): %d / %d = %s"
          % (tot[3], tot[0], pct(tot[3], tot[0])))
    print("\n%-10s %6s %9s %8s %13s %8s" % ("kind", "n", "detected", "recall", "basis=source", "net"))
    for kind in sorted(by_kind):
        t, d, s, nn = by_kind[kind]
        print("%-10s %6d %9d %8s %13s %8s" % (kind, t, d, pct(d, t), pct(s, t), pct(nn, t)))
    print("\nby source document:")
    for law, (t, d) in sorted(by_doc.items(), key=lambda x: -x[1][0]):
        print("  %-32s %3d / %3d  %s" % (law, d, t, pct(d, t)))
    print("\nrules on detected mutations:", ", ".join("%s %d" % kv for kv in det_rules.most_common()))

    print("\n=== False alarms on faithful restatements ===")
    print("faithful articles with an error/warning finding: %d / %d = %s"
          % (len(fa), len(faith), pct(len(fa), len(faith))))
    fa_rules = Counter(f["rule"] for r in fa for f in r["findings"])
    if fa_rules:
        print("rules:", ", ".join("%s %d" % kv for kv in fa_rules.most_common()))
    for r in fa:
        p = provs[r["prov"]]
        print("\n- %s (faithful %d) — %s 第%s条" % (src(p), r["idx"] + 1, r["draft"], cn_num(r["article"])))
        for f in r["findings"]:
            print("    [%s/%s] quote: %s" % (f.get("rule"), f.get("severity"), (f.get("quote") or "")[:120]))
            print("      message: %s" % (f.get("message") or "")[:300])

    print("\n=== Missed mutations (%d) ===" % len(missed))
    for kind, s, change, draft, no in sorted(missed):
        print("- [%s] %s: %s   (%s 第%s条)" % (kind, s, change, draft, cn_num(no)))

    if args.out:
        json.dump(rows, open(args.out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
        print("\nper-article results written to", args.out)
    if args.keep:
        print("\ndrafts kept in", tmp)
    else:
        for name in os.listdir(tmp):
            os.remove(os.path.join(tmp, name))
        os.rmdir(tmp)


if __name__ == "__main__":
    main()
