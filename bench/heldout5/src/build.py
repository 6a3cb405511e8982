import json, os, re, subprocess, sys, shutil, importlib.util
from docx import Document
from docx.shared import Pt
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

OUT = '/work/wt/heldout5/bench/heldout5/cases'

def cn(n):
    d='零一二三四五六七八九'
    if n<10: return d[n]
    if n<20: return '十'+(d[n%10] if n%10 else '')
    return d[n//10]+'十'+(d[n%10] if n%10 else '')

def resolve(case):
    """body items: ('ch', text) | ('art', text, key?) -> numbered list"""
    arts = []; n = 0; keys = {}
    seq = []
    for it in case['body']:
        if it[0] == 'art':
            n += 1
            if len(it) > 2 and it[2]: keys[it[2]] = n
            seq.append(('art', n, it[1]))
        else:
            seq.append((it[0], None, it[1]))
    keys['last'] = n
    return seq, keys, n

def sub_keys(s, keys):
    return re.sub(r'\{(\w+)\}', lambda m: cn(keys[m.group(1)]), s)

def text_lines(case, seq, keys):
    lines = []
    for h in case.get('pre', []): lines.append(h)
    lines.append(case['title'])
    for h in case.get('post', []): lines.append(h)
    lines.append('')
    for kind, n, t in seq:
        t = sub_keys(t, keys)
        if kind == 'art':
            paras = t.split('\n')
            lines.append(f'第{cn(n)}条　' + paras[0])
            lines.extend(paras[1:])
        else:
            lines.append(''); lines.append(t if kind=='ch' else t); lines.append('')
    for t in case.get('tail', []): lines.append(t)
    return lines

def set_font(run, size=None, bold=False):
    run.font.name = 'Noto Serif CJK SC'
    run._element.rPr.rFonts.set(qn('w:eastAsia'), 'Noto Serif CJK SC')
    if size: run.font.size = Pt(size)
    run.bold = bold

def add_autonum(doc):
    numbering = doc.part.numbering_part.element
    absid = 77
    an = OxmlElement('w:abstractNum'); an.set(qn('w:abstractNumId'), str(absid))
    lvl = OxmlElement('w:lvl'); lvl.set(qn('w:ilvl'), '0')
    for tag, val in [('w:start','1'),('w:numFmt','chineseCounting'),('w:lvlText','第%1条'),('w:lvlJc','left')]:
        e = OxmlElement(tag); e.set(qn('w:val'), val); lvl.append(e)
    suff = OxmlElement('w:suff'); suff.set(qn('w:val'), 'space'); lvl.insert(2, suff)
    an.append(lvl)
    # abstractNum must precede num elements
    first_num = numbering.find(qn('w:num'))
    if first_num is not None: first_num.addprevious(an)
    else: numbering.append(an)
    num = OxmlElement('w:num'); num.set(qn('w:numId'), '77')
    a = OxmlElement('w:abstractNumId'); a.set(qn('w:val'), str(absid)); num.append(a)
    numbering.append(num)
    return '77'

def make_docx(case, seq, keys, path, mode):
    doc = Document()
    st = doc.styles['Normal']; st.font.name = 'Noto Serif CJK SC'; st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), 'Noto Serif CJK SC')
    numid = add_autonum(doc) if mode == 'autonum' else None
    for h in case.get('pre', []):
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER; set_font(p.add_run(h), 14, True)
    if mode == 'headings':
        p = doc.add_heading(level=1); r = p.add_run(case['title']); set_font(r, 18, True)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER; set_font(p.add_run(case['title']), 18, True)
    for h in case.get('post', []):
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER; set_font(p.add_run(h), 12)
    for kind, n, t in seq:
        t = sub_keys(t, keys)
        if kind != 'art':
            if mode == 'headings':
                p = doc.add_heading(level=2 if kind=='ch' else 3); set_font(p.add_run(t), 14, True)
            else:
                p = doc.add_paragraph(); set_font(p.add_run(t), 14, True)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        paras = t.split('\n')
        for i, para in enumerate(paras):
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            if i == 0:
                if numid:
                    pPr = p._p.get_or_add_pPr()
                    numPr = OxmlElement('w:numPr')
                    il = OxmlElement('w:ilvl'); il.set(qn('w:val'), '0'); numPr.append(il)
                    ni = OxmlElement('w:numId'); ni.set(qn('w:val'), numid); numPr.append(ni)
                    pPr.append(numPr)
                    set_font(p.add_run(para))
                else:
                    set_font(p.add_run(f'第{cn(n)}条'), bold=True); set_font(p.add_run('　' + para))
            else:
                set_font(p.add_run(para))
    for t in case.get('tail', []):
        p = doc.add_paragraph(); set_font(p.add_run(t))
    doc.save(path)

def build(modpath):
    spec = importlib.util.spec_from_file_location('c', modpath); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    case = m.CASE
    seq, keys, n = resolve(case)
    d = os.path.join(OUT, case['slug']); os.makedirs(d, exist_ok=True)
    fmt = case['format']; fname = 'draft.' + fmt.split(':')[0]
    if fmt.startswith('txt'):
        enc = 'gbk' if fmt == 'txt:gbk' else 'utf-8'
        with open(os.path.join(d, fname), 'w', encoding=enc, newline='\r\n' if enc=='gbk' else '\n') as f:
            f.write('\n'.join(text_lines(case, seq, keys)) + '\n')
    elif fmt.startswith('docx'):
        make_docx(case, seq, keys, os.path.join(d, fname), fmt.split(':')[1] if ':' in fmt else 'plain')
    elif fmt == 'pdf':
        tmp = f'/tmp/h5/{case["slug"]}.docx'
        make_docx(case, seq, keys, tmp, 'plain')
        subprocess.run(['soffice', '--headless', '--convert-to', 'pdf', '--outdir', '/tmp/h5', tmp], check=True, capture_output=True)
        shutil.copy(tmp[:-5] + '.pdf', os.path.join(d, fname))
    # expected
    arttext = {no: sub_keys(t, keys) for k, no, t in seq if k == 'art'}
    spot = {}
    for no in (1, n): spot[str(no)] = arttext[no].split('\n')[0][:10]
    exp = []
    for e in case['expected']:
        no = keys[e['key']]
        assert e['spot'] in arttext[no], (case['slug'], e['key'], e['spot'])
        spot[str(no)] = e['spot']
        exp.append({'article': no, 'rules': e['rules'], 'basis': e['basis'], 'note': sub_keys(e['note'], keys)})
    for s in case.get('spots', []):
        no = keys[s[0]]; assert s[1] in arttext[no], s; spot[str(no)] = s[1]
    acc = []
    for e in case.get('acceptable', []):
        no = keys[e['key']]
        acc.append({'article': no, 'rules': e['rules'], 'note': sub_keys(e['note'], keys)})
    spot = dict(sorted(spot.items(), key=lambda kv: int(kv[0])))
    out = {'file': fname, 'title': case['title'], 'level': case['level'], 'articles': n, 'spot': spot,
           'expected': sorted(exp, key=lambda x: x['article']), 'acceptable': sorted(acc, key=lambda x: x['article']),
           'notes': sub_keys(case.get('notes', ''), keys)}
    with open(os.path.join(d, 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=2); f.write('\n')
    # internal-reference sanity: list references to 本办法/本条例/本规定 第X条
    for no, t in arttext.items():
        for r in re.findall(r'本(?:办法|条例|规定|细则|指引)第([一二三四五六七八九十]+)条', t):
            pass
    print(case['slug'], fname, n, 'articles;', len(exp), 'expected')
    return case, seq, keys, n, out

if __name__ == '__main__':
    for p in sys.argv[1:]: build(p)
