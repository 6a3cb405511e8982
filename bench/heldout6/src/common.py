"""Shared machinery for the heldout6 generators.

A draft module defines a dict DRAFT with:
  slug, file, fmt ('docx' | 'pdf' | 'txt'), style (docx/pdf layout: 'plain' | 'headings' | 'autonum'
  | 'autonum-headings'), encoding (txt only), title, level, preamble (list of lines shown before
  the title / on a cover page), cover (bool: preamble on its own page), header (page header text),
  body: list of ('chapter', text) | ('art', key, [paragraphs]),
  problems: list of dicts {key, rules, basis, spot, original, changed, note},
  acceptable: list of dicts {key, rules, note},
  faithful: list of (key, source) pairs (README: restatements that must NOT be reported),
  notes: free text for expected.json.
Paragraph text may contain {ref:KEY}, replaced by the label (第X条) of article KEY.
"""
import json
import os
import re
import subprocess
import shutil
import tempfile

DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    assert 0 < n < 1000
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        t, u = divmod(n, 10)
        return DIGITS[t] + "十" + (DIGITS[u] if u else "")
    h, r = divmod(n, 100)
    s = DIGITS[h] + "百"
    if r == 0:
        return s
    if r < 10:
        return s + "零" + DIGITS[r]
    t, u = divmod(r, 10)
    return s + DIGITS[t] + "十" + (DIGITS[u] if u else "")


def number(draft):
    """Return (articles, keymap): articles = list of dicts no/label/chapter/paras(resolved)."""
    keymap = {}
    n = 0
    for item in draft["body"]:
        if item[0] == "art":
            n += 1
            assert item[1] not in keymap, item[1]
            keymap[item[1]] = n

    def resolve(text):
        def rep(m):
            k = m.group(1)
            assert k in keymap, k
            return "第" + cn(keymap[k]) + "条"
        return re.sub(r"\{ref:([^}]+)\}", rep, text)

    arts = []
    chapter = None
    for item in draft["body"]:
        if item[0] == "chapter":
            chapter = item[1]
        else:
            no = keymap[item[1]]
            arts.append({"no": no, "key": item[1], "label": "第" + cn(no) + "条",
                         "chapter": chapter, "paras": [resolve(p) for p in item[2]]})
    return arts, keymap, resolve


# ---------------------------------------------------------------- docx helpers
FONT_MAP = {}


def _set_font(run, east="仿宋_GB2312", size=None, bold=None, ascii_font="Times New Roman"):
    from docx.shared import Pt
    from docx.oxml.ns import qn
    east = FONT_MAP.get(east, east)
    run.font.name = ascii_font
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _add_autonum(doc):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    numbering = doc.part.numbering_part.element
    absxml = (
        '<w:abstractNum %s w:abstractNumId="90">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="第%%1条"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
        '<w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/></w:rPr></w:lvl></w:abstractNum>' % nsdecls("w"))
    absnum = parse_xml(absxml)
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(absnum)
    else:
        numbering.append(absnum)
    numbering.append(parse_xml('<w:num %s w:numId="90"><w:abstractNumId w:val="90"/></w:num>' % nsdecls("w")))


def _numpr(par):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    ppr = par._p.get_or_add_pPr()
    ppr.insert(0, parse_xml('<w:numPr %s><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>' % nsdecls("w")))


def write_docx(draft, arts, path):
    import docx
    from docx.shared import Pt, RGBColor
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    style = draft.get("style", "plain")
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    sec = doc.sections[0]
    if draft.get("header"):
        hp = sec.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _set_font(hp.add_run(draft["header"]), size=10)
    autonum = style.startswith("autonum")
    if autonum:
        _add_autonum(doc)
    headings = style.endswith("headings")
    if headings:
        for name, sz in (("Title", 20), ("Heading 1", 16)):
            st = doc.styles[name]
            st.font.color.rgb = RGBColor(0, 0, 0)
            st.font.size = Pt(sz)

    # preamble / cover
    for line in draft.get("preamble", []):
        p = doc.add_paragraph()
        if isinstance(line, tuple):
            kind, text = line
        else:
            kind, text = "body", line
        if kind == "org":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(text)
            _set_font(r, east="方正小标宋简体", size=26)
            r.font.color.rgb = RGBColor(0xC0, 0, 0)
        elif kind == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(p.add_run(text), size=16)
        elif kind == "ctitle":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(p.add_run(text), east="方正小标宋简体", size=18)
        elif kind == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _set_font(p.add_run(text), size=14)
        elif kind == "left":
            _set_font(p.add_run(text), size=14)
        else:
            p.paragraph_format.first_line_indent = Pt(28)
            _set_font(p.add_run(text), size=14)
    if draft.get("cover") and draft.get("preamble"):
        p = doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
    for line in draft.get("pretitle", []):
        p = doc.add_paragraph()
        _set_font(p.add_run(line), east="黑体", size=14)

    # title
    if headings:
        p = doc.add_paragraph(style="Title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run(draft["title"]), east="方正小标宋简体", size=20)
    else:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run(draft["title"]), east="方正小标宋简体", size=20)
    for line in draft.get("subtitle", []):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run(line), east="楷体_GB2312", size=14)

    by_key = {a["key"]: a for a in arts}
    for item in draft["body"]:
        if item[0] == "chapter":
            if headings:
                p = doc.add_paragraph(style="Heading 1")
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _set_font(p.add_run(item[1]), east="黑体", size=16)
            else:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _set_font(p.add_run(item[1]), east="黑体", size=16, bold=True)
            continue
        a = by_key[item[1]]
        for i, para in enumerate(a["paras"]):
            p = doc.add_paragraph()
            if i == 0 and autonum:
                _numpr(p)
                _set_font(p.add_run(para))
            elif i == 0:
                p.paragraph_format.first_line_indent = Pt(28)
                _set_font(p.add_run(a["label"] + "　"), east="黑体", bold=True)
                _set_font(p.add_run(para))
            else:
                p.paragraph_format.first_line_indent = Pt(28)
                _set_font(p.add_run(para))
    for line in draft.get("postscript", []):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(28)
        _set_font(p.add_run(line))
    doc.save(path)


def write_txt(draft, arts, path):
    lines = []
    for line in draft.get("preamble", []):
        lines.append(line[1] if isinstance(line, tuple) else line)
    if draft.get("preamble"):
        lines.append("")
    lines.append(draft["title"])
    for line in draft.get("subtitle", []):
        lines.append(line)
    lines.append("")
    by_key = {a["key"]: a for a in arts}
    for item in draft["body"]:
        if item[0] == "chapter":
            lines.append("")
            lines.append("　　　　" + item[1])
            lines.append("")
            continue
        a = by_key[item[1]]
        for i, para in enumerate(a["paras"]):
            lines.append(("　　" + a["label"] + "　" + para) if i == 0 else ("　　" + para))
    for line in draft.get("postscript", []):
        lines.append("　　" + line)
    text = "\r\n".join(lines) + "\r\n" if draft.get("crlf") else "\n".join(lines) + "\n"
    with open(path, "wb") as f:
        f.write(text.encode(draft.get("encoding", "utf-8")))


def write_pdf(draft, arts, path):
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, "draft.docx")
    # the Windows fonts named in the docx are not installed here; embed Noto CJK SC instead
    FONT_MAP.update({"仿宋_GB2312": "Noto Serif CJK SC", "楷体_GB2312": "Noto Serif CJK SC",
                     "黑体": "Noto Sans CJK SC", "方正小标宋简体": "Noto Serif CJK SC"})
    try:
        write_docx(draft, arts, src)
    finally:
        FONT_MAP.clear()
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.copy(os.path.join(tmp, "draft.pdf"), path)
    shutil.rmtree(tmp)


def article_text(a):
    return "".join(a["paras"])


def auto_spots(arts, fixed, every=4, width=10):
    """Spots: fixed ones plus, for article 1, the last article and every `every`-th article,
    the first `width`-char window of the article that occurs in no other article."""
    texts = {a["no"]: article_text(a) for a in arts}
    spots = dict(fixed)
    last = arts[-1]["no"]
    for a in arts:
        no = a["no"]
        if str(no) in spots:
            continue
        if not (no == 1 or no == last or no % every == 0):
            continue
        t = texts[no]
        for i in range(0, max(1, len(t) - width)):
            w = t[i:i + width]
            if any(ch in w for ch in "　 \n"):
                continue
            if all(w not in texts[o] for o in texts if o != no):
                spots[str(no)] = w
                break
    return dict(sorted(spots.items(), key=lambda kv: int(kv[0])))


def build(draft, outroot):
    arts, keymap, resolve = number(draft)
    texts = {a["no"]: article_text(a) for a in arts}
    d = os.path.join(outroot, "cases", draft["slug"])
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, draft["file"])
    fixed = {}
    expected = []
    for pr in draft.get("problems", []):
        no = keymap[pr["key"]]
        spot = resolve(pr["spot"])
        assert spot in texts[no], (draft["slug"], pr["key"], spot)
        fixed[str(no)] = spot
        expected.append({"article": no, "rules": pr["rules"], "basis": pr["basis"],
                         "note": resolve(pr["note"])})
    acceptable = []
    for ac in draft.get("acceptable", []):
        no = keymap[ac["key"]]
        if ac.get("spot"):
            assert resolve(ac["spot"]) in texts[no]
        acceptable.append({"article": no, "rules": ac["rules"], "note": resolve(ac["note"])})
    for k, s in draft.get("spots", {}).items():
        no = keymap[k]
        s = resolve(s)
        assert s in texts[no], (draft["slug"], k, s)
        fixed[str(no)] = s
    spots = auto_spots(arts, fixed)
    # every spot must be in exactly its own article (segmentation check must be meaningful)
    for k, s in spots.items():
        assert s in texts[int(k)]
    fmt = draft["fmt"]
    if fmt == "docx":
        write_docx(draft, arts, path)
    elif fmt == "pdf":
        write_pdf(draft, arts, path)
    elif fmt == "txt":
        write_txt(draft, arts, path)
    else:
        raise ValueError(fmt)
    exp = {"file": draft["file"], "title": draft["title"], "level": draft["level"],
           "articles": len(arts), "spot": spots,
           "expected": sorted(expected, key=lambda e: e["article"]),
           "acceptable": sorted(acceptable, key=lambda e: e["article"]),
           "notes": draft.get("notes", "")}
    with open(os.path.join(d, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=2)
    return arts, keymap, resolve, exp
