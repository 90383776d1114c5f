"""Round-trip notebooks <-> percent-format text, for editing notebooks in a text editor.

    python tools/nb.py nb2py nbs/02_ops.ipynb  /tmp/02_ops.py
    python tools/nb.py py2nb /tmp/02_ops.py    nbs/02_ops.ipynb

Cells start with `# %%` (code), `# %% [markdown]` (markdown, each line prefixed by `# `),
and may carry tags: `# %% tags=["parameters"]`. The notebooks stay the source of truth;
run `nbdev_clean` after writing one.
"""
import json, re, sys
from typing import Literal
from pathlib import Path
import nbformat

HDR = re.compile(r'^# %%( \[markdown\])?( tags=(\[.*\]))?\s*$')

def py2nb(src, dst):
    cells, cur = [], None
    for line in Path(src).read_text().splitlines():
        m = HDR.match(line)
        if m:
            if cur: cells.append(cur)
            cur = dict(md=bool(m.group(1)), tags=json.loads(m.group(3)) if m.group(3) else [], lines=[])
        elif cur is not None: cur['lines'].append(line)
    if cur: cells.append(cur)
    old = {}   # ids of the cells `dst` already has, by (type, source): an unchanged cell keeps its id (quiet diffs)
    if Path(dst).exists():
        for c in nbformat.read(dst, as_version=4).cells:
            if 'id' in c: old.setdefault((c.cell_type, c.source), []).append(c.id)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "python3", "language": "python", "name": "python3"}}
    for c in cells:
        lines = c['lines']
        while lines and not lines[-1].strip(): lines.pop()
        while lines and not lines[0].strip(): lines.pop(0)
        if c['md']:
            text = '\n'.join(l[2:] if l.startswith('# ') else l.lstrip('#') for l in lines)
            cell = nbformat.v4.new_markdown_cell(text)
        else: cell = nbformat.v4.new_code_cell('\n'.join(lines))
        if c['tags']: cell.metadata['tags'] = c['tags']
        ids = old.get((cell.cell_type, cell.source))
        if ids: cell.id = ids.pop(0)
        nb.cells.append(cell)
    nbformat.write(nb, dst)

def nb2py(src, dst):
    nb = nbformat.read(src, as_version=4)
    out = []
    for c in nb.cells:
        tags = c.get('metadata', {}).get('tags', [])
        t = f' tags={json.dumps(tags)}' if tags else ''
        if c.cell_type == 'markdown':
            out.append(f'# %% [markdown]{t}')
            out += ['# ' + l if l else '#' for l in c.source.splitlines()]
        else:
            out.append(f'# %%{t}')
            out += c.source.splitlines()
        out.append('')
    Path(dst).write_text('\n'.join(out))

def main(cmd:Literal['nb2py', 'py2nb'], # the direction
         src:str, # the file read
         dst:str, # the file written
        ):
    {'py2nb': py2nb, 'nb2py': nb2py}[cmd](src, dst)

if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
