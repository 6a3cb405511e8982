"""Shared helpers for the heldout7 draft generators.

A draft is described by a module dNN.py with:
  CASE      folder name under cases/
  TITLE     full title incl. （征求意见稿）
  LEVEL     level name as in findings.md
  FORMAT    'docx-text' | 'docx-autonum' | 'docx-cover' | 'pdf' | 'txt-utf8' | 'txt-gbk'
  ISSUER    drafting body (for README)
  HEAD      list of lines printed under the title (e.g. 起草说明 line), may be []
  BODY      list of ('chapter', text) | ('art', [para, para, ...])
  SPOT      {article_no: snippet}
  PLANTS    list of dicts: article, rules, basis[(law, art)], note, change (改动), quote (higher-law text)
  ACCEPT    list of dicts: article, rules, note
  RESTATE   list of (article, law, law_article, how)  -- faithful restatements (hard negatives)
  COVER     optional list of paragraphs for a cover letter (docx-cover)
"""
import json, os, subprocess, shutil, tempfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Cm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, 'cases')

DIG = '零一二三四五六七八九'


def cn(n):
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五"""
    if n < 10:
        return DIG[n]
    if n < 20:
        return '十' + (DIG[n % 10] if n % 10 else '')
    if n < 100:
        return DIG[n // 10] + '十' + (DIG[n % 10] if n % 10 else '')
    h, r = divmod(n, 100)
    s = DIG[h] + '百'
    if r == 0:
        return s
    if r < 10:
        return s + '零' + DIG[r]
    return s + (DIG[r // 10] + '十' + (DIG[r % 10] if r % 10 else ''))


def articles(body):
    out = []
    for kind, val in body:
        if kind == 'art':
            out.append(val)
    return out


def art_count(mod):
    return len(articles(mod.BODY))


# ---------------------------------------------------------------- docx

def _font(run, name='仿宋_GB2312', size=16, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn('w:rFonts'))
    if rfonts is None:
        rfonts = OxmlElement('w:rFonts'); rpr.append(rfonts)
    rfonts.set(qn('w:eastAsia'), name)


def _para(doc, text, name='仿宋_GB2312', size=16, bold=False, align=None, indent=True):
    p = doc.add_paragraph()
    if align == 'center':
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == 'right':
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent and align is None:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)
    if text:
        _font(p.add_run(text), name, size, bold)
    return p


def _new_doc():
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    st = doc.styles['Normal']
    st.font.name = '仿宋_GB2312'; st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '仿宋_GB2312')
    return doc


def _add_article_numbering(doc):
    """Create an abstractNum 第%1条 / chineseCounting and return its numId."""
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    abs_id = 90
    absn = OxmlElement('w:abstractNum')
    absn.set(qn('w:abstractNumId'), str(abs_id))
    mlt = OxmlElement('w:multiLevelType'); mlt.set(qn('w:val'), 'singleLevel'); absn.append(mlt)
    lvl = OxmlElement('w:lvl'); lvl.set(qn('w:ilvl'), '0')
    for tag, val in (('w:start', '1'), ('w:numFmt', 'chineseCounting'), ('w:suff', 'space'),
                     ('w:lvlText', '第%1条'), ('w:lvlJc', 'left')):
        e = OxmlElement(tag); e.set(qn('w:val'), val); lvl.append(e)
    ppr = OxmlElement('w:pPr')
    ind = OxmlElement('w:ind'); ind.set(qn('w:left'), '0'); ind.set(qn('w:firstLine'), '640'); ppr.append(ind)
    lvl.append(ppr)
    rpr = OxmlElement('w:rPr')
    rf = OxmlElement('w:rFonts'); rf.set(qn('w:ascii'), '黑体'); rf.set(qn('w:eastAsia'), '黑体'); rf.set(qn('w:hAnsi'), '黑体'); rpr.append(rf)
    lvl.append(rpr)
    absn.append(lvl)
    # abstractNum elements must precede num elements
    first_num = numbering.find(qn('w:num'))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    num_id = 90
    num = OxmlElement('w:num'); num.set(qn('w:numId'), str(num_id))
    an = OxmlElement('w:abstractNumId'); an.set(qn('w:val'), str(abs_id)); num.append(an)
    numbering.append(num)
    return num_id


def _set_numpr(p, num_id):
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement('w:numPr')
    il = OxmlElement('w:ilvl'); il.set(qn('w:val'), '0'); numpr.append(il)
    ni = OxmlElement('w:numId'); ni.set(qn('w:val'), str(num_id)); numpr.append(ni)
    ppr.insert(0, numpr)


def write_docx(mod, path, autonum=False, cover=None, tail=None):
    doc = _new_doc()
    if cover:
        for i, line in enumerate(cover):
            if i == 0:
                _para(doc, line, '方正小标宋简体', 22, align='center')
            elif line.startswith('>'):
                _para(doc, line[1:], align='right')
            elif line.startswith('|'):
                _para(doc, line[1:], indent=False)
            else:
                _para(doc, line)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    num_id = _add_article_numbering(doc) if autonum else None
    _para(doc, mod.TITLE, '方正小标宋简体', 22, align='center')
    for line in getattr(mod, 'HEAD', []):
        _para(doc, line, '楷体_GB2312', 16, align='center')
    n = 0
    for kind, val in mod.BODY:
        if kind == 'chapter':
            _para(doc, val, '黑体', 16, align='center')
            continue
        n += 1
        paras = val if isinstance(val, list) else [val]
        for i, t in enumerate(paras):
            if i == 0 and autonum:
                p = _para(doc, t)
                p.paragraph_format.first_line_indent = None
                _set_numpr(p, num_id)
            elif i == 0:
                p = _para(doc, '')
                _font(p.add_run('第%s条' % cn(n)), '黑体', 16)
                _font(p.add_run('\u3000' + t), '仿宋_GB2312', 16)
            else:
                _para(doc, t)
    for line in (tail or []):
        _para(doc, line)
    doc.save(path)


def to_pdf(docx_path, pdf_path):
    tmp = tempfile.mkdtemp()
    subprocess.run(['soffice', '--headless', '--convert-to', 'pdf', '--outdir', tmp, docx_path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    out = os.path.join(tmp, os.path.splitext(os.path.basename(docx_path))[0] + '.pdf')
    shutil.move(out, pdf_path)
    shutil.rmtree(tmp, ignore_errors=True)


def text_lines(mod):
    lines = [mod.TITLE, '']
    for line in getattr(mod, 'HEAD', []):
        lines += [line, '']
    n = 0
    for kind, val in mod.BODY:
        if kind == 'chapter':
            lines += [val, '']
            continue
        n += 1
        paras = val if isinstance(val, list) else [val]
        lines.append('第%s条　%s' % (cn(n), paras[0]))
        for t in paras[1:]:
            lines.append('　　' + t)
        lines.append('')
    return lines


# ---------------------------------------------------------------- build

def build(mod):
    d = os.path.join(CASES, mod.CASE)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith('draft.'):
            os.remove(os.path.join(d, f))
    fmt = mod.FORMAT
    if fmt in ('docx-text', 'docx-autonum', 'docx-cover'):
        fname = 'draft.docx'
        write_docx(mod, os.path.join(d, fname), autonum=(fmt == 'docx-autonum'),
                   cover=getattr(mod, 'COVER', None) if fmt == 'docx-cover' else None)
    elif fmt == 'pdf':
        fname = 'draft.pdf'
        tmpd = tempfile.mkdtemp()
        dx = os.path.join(tmpd, 'draft.docx')
        write_docx(mod, dx, autonum=getattr(mod, 'PDF_AUTONUM', False))
        to_pdf(dx, os.path.join(d, fname))
        shutil.rmtree(tmpd, ignore_errors=True)
    elif fmt == 'txt-utf8':
        fname = 'draft.txt'
        with open(os.path.join(d, fname), 'w', encoding='utf-8', newline='\n') as f:
            f.write('\n'.join(text_lines(mod)) + '\n')
    elif fmt == 'txt-gbk':
        fname = 'draft.txt'
        with open(os.path.join(d, fname), 'wb') as f:
            f.write(('\r\n'.join(text_lines(mod)) + '\r\n').encode('gbk'))
    else:
        raise ValueError(fmt)
    exp = {
        'file': fname,
        'title': mod.TITLE,
        'level': mod.LEVEL,
        'articles': art_count(mod),
        'spot': {str(k): v for k, v in sorted(mod.SPOT.items())},
        'expected': [
            {'article': p['article'], 'rules': p['rules'],
             'basis': [{'law': l, 'article': a} for l, a in p['basis']],
             'note': p['note']} for p in mod.PLANTS],
        'acceptable': [
            {'article': a['article'], 'rules': a['rules'], 'note': a['note']} for a in getattr(mod, 'ACCEPT', [])],
    }
    if getattr(mod, 'NOTES', None):
        exp['notes'] = mod.NOTES
    with open(os.path.join(d, 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump(exp, f, ensure_ascii=False, indent=2)
        f.write('\n')
    return fname
