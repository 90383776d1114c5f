"""README.md is generated from nbs/index.ipynb (the docs site's home page), so the two cannot drift.

    python tools/readme.py            # write README.md from nbs/index.ipynb      (make readme)
    python tools/readme.py --check    # fail if README.md is stale, or if the reading-order
                                      # table misses a notebook                    (make readme-check)
    python tools/readme.py --from-readme   # carry edits made to README.md by mistake back into
                                           # nbs/index.ipynb (then run `make readme`)

The notebook is the source (nbdev's convention: index.ipynb becomes the README). Its links are relative to
nbs/, so they work in Jupyter, on GitHub and in the docs site; here they are rewritten relative to the project
root. Markdown cells are copied as they are; a code cell that is not `#| hide` becomes a ```python block,
followed by its text output. The first cell holds the title alone (`# egdarts`): nbdev makes it the page's
front matter and drops the rest of that cell.

A markdown line `<!-- include: results/study/tables/tab3_pareto_cifar10.md -->` (a path from the project root) is
replaced in the README by that file's text, so the README's results tables are the committed tables themselves and
`--check` fails as soon as they differ (a missing file is an error).
"""
import json, re, sys
from pathlib import Path
import posixpath

ROOT = Path(__file__).resolve().parent.parent
INDEX, README = ROOT/'nbs'/'index.ipynb', ROOT/'README.md'
HEADER = ('<!-- Generated from nbs/index.ipynb by tools/readme.py (`make readme`): edit the notebook, '
          'not this file. -->\n\n')
READING = '## Reading order'
LINK = re.compile(r'(!?\[[^\]]*\]\()([^)\s]+)(\))')   # [text](target) and ![alt](target)
HTML = re.compile(r'''((?:src|href)=["'])([^"']+)(["'])''')
INCLUDE = re.compile(r'^<!-- include: (\S+) -->$', re.M)

def _relative(target): return not re.match(r'^([a-z][a-z0-9+.-]*:|#|/)', target, re.I)

def rebase(md:str, src_dir:str, dst_dir:str)->str:
    "Rewrite the relative links of markdown `md`, written in folder `src_dir`, for a file in `dst_dir` (project-relative)."
    def fix(m):
        t = m.group(2)
        if not _relative(t): return m.group(0)
        path, frag = (t.split('#', 1) + [''])[:2]
        new = posixpath.relpath(posixpath.normpath(posixpath.join(src_dir, path)), dst_dir or '.')
        return m.group(1) + new + ('#' + frag if frag else '') + m.group(3)
    out, fence = [], False
    for line in md.split('\n'):
        if line.lstrip().startswith('```'): fence = not fence
        out.append(line if fence else HTML.sub(fix, LINK.sub(fix, line)))
    return '\n'.join(out)

def _src(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def include(md:str)->str:
    "`md` with each `<!-- include: PATH -->` line replaced by the text of PATH (project-relative)."
    def text(m):
        f = ROOT/m.group(1)
        if not f.is_file(): raise SystemExit(f"FAIL: a notebook includes {m.group(1)}, which does not exist")
        return f.read_text().strip('\n')
    return INCLUDE.sub(text, md)

def index_to_readme(nb:dict)->str:
    parts = []
    for c in nb['cells']:
        s = _src(c).strip('\n')
        if c['cell_type'] == 'markdown': parts.append(include(rebase(s, 'nbs', '')))
        elif c['cell_type'] == 'code' and s and not re.search(r'^#\|\s*hide\b', s, re.M):
            code = '\n'.join(l for l in s.split('\n') if not l.startswith('#|'))
            parts.append(f'```python\n{code}\n```')
            txt = ''.join(''.join(o.get('text', '')) or ''.join(o.get('data', {}).get('text/plain', '')) for o in c.get('outputs', []))
            if txt.strip(): parts.append(f'```\n{txt.rstrip()}\n```')
    return HEADER + '\n\n'.join(parts) + '\n'

def readme_to_cells(md:str)->list:
    "Markdown cells of nbs/index.ipynb from a README: one cell per `##` section."
    if md.startswith(HEADER): md = md[len(HEADER):]
    cells, cur, fence = [], [], False
    for line in md.rstrip('\n').split('\n'):
        if line.lstrip().startswith('```'): fence = not fence
        if line.startswith('## ') and not fence and cur: cells.append('\n'.join(cur).strip('\n')); cur = []
        cur.append(line)
    cells.append('\n'.join(cur).strip('\n'))
    if cells[0].startswith('# '):   # the title alone: nbdev turns the first cell into the page's front matter
        title, _, rest = cells[0].partition('\n')
        cells[:1] = [title] + ([rest.strip('\n')] if rest.strip() else [])
    return [rebase(c, '', 'nbs') for c in cells]

def reading_order_problems(nb:dict)->list:
    "Notebooks missing from the reading-order section of the index (every library and experiment notebook)."
    sec = [_src(c) for c in nb['cells'] if c['cell_type'] == 'markdown' and _src(c).startswith(READING)]
    if not sec: return [f"nbs/index.ipynb has no '{READING}' section"]
    linked = {posixpath.normpath(posixpath.join('nbs', m.group(2).split('#')[0])) for m in LINK.finditer(sec[0])}
    want = {p.relative_to(ROOT).as_posix() for p in sorted((ROOT/'nbs').glob('*.ipynb')) + sorted((ROOT/'nbs'/'experiments').glob('*.ipynb'))
            if p.name != 'index.ipynb'}
    return [f"the reading-order table of nbs/index.ipynb does not link {p}" for p in sorted(want - linked)]

def main(check:bool=False, # fail if README.md is stale, or if the reading-order table misses a notebook
         from_readme:bool=False, # carry edits made to README.md by mistake back into nbs/index.ipynb
        )->int:
    if check and from_readme: raise SystemExit('readme: --check and --from-readme exclude each other')
    if from_readme:
        import nbformat
        nb = nbformat.read(INDEX, as_version=4)
        code = [c for c in nb.cells if c.cell_type == 'code']   # live cells stay at the end
        nb.cells = [nbformat.v4.new_markdown_cell(s) for s in readme_to_cells(README.read_text())] + code
        nbformat.write(nb, INDEX)
        print(f'wrote {INDEX.relative_to(ROOT)} from README.md; now run nbdev_clean and make readme'); return 0
    nb = json.loads(INDEX.read_text())
    text = index_to_readme(nb)
    if not check:
        README.write_text(text); print('wrote README.md from nbs/index.ipynb'); return 0
    fails = reading_order_problems(nb)
    if README.read_text() != text:
        fails.append('README.md differs from nbs/index.ipynb: README.md is generated; edit nbs/index.ipynb and run '
                     '`make readme` (an edit made to README.md by mistake: `python tools/readme.py --from-readme`)')
    for f in fails: print('FAIL:', f)
    if not fails: print('ok: README.md is generated from nbs/index.ipynb and current; the reading order lists every notebook')
    return 1 if fails else 0

if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
