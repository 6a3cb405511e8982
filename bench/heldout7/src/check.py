"""Re-open every generated draft and verify article count, spot snippets, rule ids,
basis articles and the higher-law quotes used in README.   python3 src/check.py [-v]"""
import importlib, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common, laws

V = '-v' in sys.argv
ROOT = common.ROOT
FINDINGS = '/work/shared/docs/findings.md'
RULES = set(re.findall(r'^\| `([a-z-]+)` \|', open(FINDINGS, encoding='utf-8').read(), re.M))
ART_RE = re.compile(r'第([零一二三四五六七八九十百]+)条')
errors = []


def err(msg):
    errors.append(msg); print('  ERROR', msg)


def split_sequential(paras):
    """paras: list of strings; an article starts at a paragraph beginning with 第N条 where N is the next number."""
    arts, n = {}, 0
    for p in paras:
        s = p.strip()
        m = ART_RE.match(s)
        if m and laws.cn2int(m.group(1)) == n + 1:
            n += 1; arts[n] = s[m.end():]
            continue
        if re.match(r'^第[一二三四五六七八九十]+章', s):
            continue
        if n:
            arts[n] += s
    return arts


def read_docx(path, title):
    from docx import Document
    from docx.oxml.ns import qn
    doc = Document(path)
    ps = doc.paragraphs
    start = next(i for i, p in enumerate(ps) if p.text.strip() == title)
    auto = any(p._p.pPr is not None and p._p.pPr.find(qn('w:numPr')) is not None for p in ps)
    if not auto:
        return split_sequential([p.text for p in ps[start + 1:]]), 'text'
    arts, n = {}, 0
    for p in ps[start + 1:]:
        t = p.text.strip()
        if ART_RE.match(t):
            err('%s: autonum paragraph text starts with 条号: %s' % (path, t[:20]))
        has = p._p.pPr is not None and p._p.pPr.find(qn('w:numPr')) is not None
        if has:
            n += 1; arts[n] = t
        elif re.match(r'^第[一二三四五六七八九十]+章', t):
            continue
        elif n:
            arts[n] += t
    # numbering definition
    numxml = doc.part.numbering_part.element.xml
    if '第%1条' not in numxml or 'chineseCounting' not in numxml:
        err('%s: numbering definition missing' % path)
    return arts, 'autonum'


def read_pdf(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        text = '\n'.join(pg.extract_text() or '' for pg in pdf.pages)
    return split_sequential(text.split('\n')), 'pdf'


def read_txt(path, enc):
    raw = open(path, 'rb').read()
    if enc == 'gbk':
        try:
            raw.decode('utf-8'); err('%s decodes as UTF-8, expected GBK' % path)
        except UnicodeDecodeError:
            pass
        if b'\r\n' not in raw or raw.count(b'\n') != raw.count(b'\r\n'):
            err('%s: not CRLF throughout' % path)
    text = raw.decode(enc)
    return split_sequential(text.splitlines()), 'txt-' + enc


def raw_text(path, fmt):
    if path.endswith('.docx'):
        from docx import Document
        return '\n'.join(p.text for p in Document(path).paragraphs)
    if path.endswith('.pdf'):
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return '\n'.join(pg.extract_text() or '' for pg in pdf.pages)
    return open(path, 'rb').read().decode('gbk' if fmt == 'txt-gbk' else 'utf-8')


def norm(s):
    return re.sub(r'\s+', '', s)


def main():
    total = 0
    for i in range(1, 11):
        m = importlib.import_module('d%02d' % i)
        d = os.path.join(ROOT, 'cases', m.CASE)
        exp = json.load(open(os.path.join(d, 'expected.json'), encoding='utf-8'))
        path = os.path.join(d, exp['file'])
        print('==', m.CASE, exp['file'], exp['level'])
        if exp['file'].endswith('.docx'):
            arts, how = read_docx(path, exp['title'])
        elif exp['file'].endswith('.pdf'):
            arts, how = read_pdf(path)
        else:
            arts, how = read_txt(path, 'gbk' if m.FORMAT == 'txt-gbk' else 'utf-8')
        full = norm(raw_text(path, m.FORMAT))
        if norm(exp['title']) not in full:
            err('%s: title not found in file' % m.CASE)
        if len(arts) != exp['articles'] or sorted(arts) != list(range(1, exp['articles'] + 1)):
            err('%s: parsed %d articles (%s), expected %d' % (m.CASE, len(arts), how, exp['articles']))
        for k, snip in exp['spot'].items():
            if norm(snip) not in norm(arts.get(int(k), '')):
                err('%s: spot %s %r not in article text %r' % (m.CASE, k, snip, arts.get(int(k), '')[:60]))
        if len(exp['spot']) < exp['articles'] * 0.4:
            err('%s: only %d spots' % (m.CASE, len(exp['spot'])))
        if exp['level'] not in ('规范性文件', '地方政府规章', '地方性法规'):
            err('bad level')
        for e in exp['expected'] + exp['acceptable']:
            for r in e['rules']:
                if r not in RULES:
                    err('%s: unknown rule %s' % (m.CASE, r))
            if str(e['article']) not in exp['spot']:
                if e in exp['expected']:
                    err('%s: labelled article %d has no spot' % (m.CASE, e['article']))
        for e in exp['expected']:
            for b in e['basis']:
                ent = laws.entry(b['law'])
                if ent is None:
                    err('%s: basis law not in force/corpus: %s' % (m.CASE, b['law'])); continue
                if b['article'] not in laws.articles(b['law']):
                    err('%s: basis %s art %d missing' % (m.CASE, b['law'], b['article']))
        for p in m.PLANTS:
            if p['quote']:
                law, no, q = p['quote']
                txt = laws.articles(law).get(no, '')
                if norm(q) not in norm(txt):
                    err('%s: quote not found in %s 第%d条: %s' % (m.CASE, law, no, q))
            if V:
                print('  [%d] %s\n      draft: %s\n      law  : %s' % (p['article'], '/'.join(p['rules']),
                      arts.get(p['article'], '')[:150], (p['quote'][2] if p['quote'] else '-')))
        for art, law, la, how2 in m.RESTATE:
            if laws.entry(law) is None or la not in laws.articles(law):
                err('%s: restatement basis %s %d missing' % (m.CASE, law, la))
            if art in [p['article'] for p in m.PLANTS]:
                err('%s: article %d both planted and listed as faithful' % (m.CASE, art))
            if V:
                print('  ok-restate %d <- %s %d: %s' % (art, law, la, arts.get(art, '')[:50]))
        total += len(exp['expected'])
        print('  %d articles (%s), %d spots, %d expected, %d acceptable' % (
            len(arts), how, len(exp['spot']), len(exp['expected']), len(exp['acceptable'])))
    print('total expected:', total)
    print('ERRORS:', len(errors))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
