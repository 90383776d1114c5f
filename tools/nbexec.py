"""Execute the library notebooks and store their outputs; check that the stored outputs are current.

    python tools/nbexec.py [NOTEBOOK ...]           # execute and store outputs in place        (make nbs)
    python tools/nbexec.py --check [NOTEBOOK ...]   # re-execute, compare with what is stored   (make nbs-check)
    python tools/nbexec.py --out DIR [NOTEBOOK ...] # write executed copies to DIR, nbs/ untouched
    python tools/nbexec.py --stored [NOTEBOOK ...]  # no execution: no stored output is an error  (make test)
    python tools/nbexec.py --flags slow NOTEBOOK      # also run (and store) the cells marked slow

Default: every library notebook (nbs/*.ipynb but index.ipynb). Each runs in its own Jupyter kernel (nbclient),
from nbs/ as nbdev_test runs it, with the cells nbdev_test skips skipped (`#| eval: false`, the flags in
settings.ini's `tst_flags`: `slow`, `cuda`, `notest`; a skipped cell keeps whatever output it had, e.g. from a
GPU run) and `nbdev_export()` not run. Deterministic: one thread (OMP_NUM_THREADS=1, torch.set_num_threads(1)),
PYTHONHASHSEED=0, and random, numpy and torch seeded to 0 before the first cell. Outputs are cleaned as
`nbdev_clean` cleans them (so it leaves them unchanged) and trimmed: a text output past MAX_LINES lines keeps its
head and tail; an HTML output past MAX_HTML characters keeps only its plain-text form; progress bars are dropped.

Volatile outputs, which the check ignores:
  - a cell marked `#| volatile` (timings, measured speeds): its outputs are stored, never compared;
  - inside every text output, the patterns of VOLATILE: wall-clock durations ("3.2 s", "45 ms"), dates and
    times, temporary paths, memory addresses.
The check fails on any other difference (naming the cell and the first differing line), on a stored error output, and
on a notebook with no stored outputs where executing it gives some. `make test` runs only `--stored`: a CPU other than
the one that stored the outputs may print the last digits of a loss differently, so the full check is the
developer's (after changing a notebook: `make nbs`, then `make nbs-check`).
"""
import hashlib, json, os, re, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES, HEAD, TAIL, MAX_HTML = 60, 40, 10, 40_000
VOLATILE = [(re.compile(r'\b\d+(?:\.\d+)?(?:e[-+]?\d+)?\s?(?:s|ms|us|µs|sec|seconds|min)\b'), '<time>'),
            (re.compile(r'\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-]\d\d:?\d\d|Z)?)?'), '<date>'),
            (re.compile(r'/tmp/[^\s\'"),\]]+'), '/tmp/<tmp>'),
            (re.compile(r'0x[0-9a-fA-F]{6,}'), '0x<addr>')]
SETUP = '''import os, random
random.seed(0)
try:
    import numpy; numpy.random.seed(0)
except ImportError: pass
try:
    import torch; torch.manual_seed(0); torch.set_num_threads(1)
except ImportError: pass
%matplotlib inline
%config InlineBackend.figure_formats = ['png']'''

def _cfg():
    from nbdev.config import get_config
    return get_config(path=ROOT)

def library_notebooks():
    return [p for p in sorted((ROOT/'nbs').glob('*.ipynb')) if p.name != 'index.ipynb']

def _directives(src):
    "{name: [args]} of a cell's `#| ...` lines."
    d = {}
    for l in src.splitlines():
        m = re.match(r'^\s*#\|\s*([\w-]+:?)\s*(.*)$', l)
        if m: d[m.group(1)] = m.group(2).split()
    return d

def skipped(cell, flags)->bool:
    "nbdev_test's rule: cells it does not run."
    if cell.cell_type != 'code': return True
    if 'nbdev_export' + '(' in cell.source: return True
    d = _directives(cell.source)
    if d.get('eval:', [''])[0].lower() == 'false': return True
    return bool(set(flags) & set(d))

def volatile(cell)->bool: return 'volatile' in _directives(cell.source)

def _trim_text(t):
    lines = t.splitlines(keepends=True)
    if len(lines) <= MAX_LINES: return t
    return ''.join(lines[:HEAD] + [f'... [{len(lines) - HEAD - TAIL} lines trimmed by tools/nbexec.py] ...\n'] + lines[-TAIL:])

def _coalesce(outputs:list)->list:
    "Consecutive stream outputs of one stream as one (how the kernel chunks them varies from run to run)."
    out = []
    for o in outputs:
        if o.get('output_type') == 'stream' and out and out[-1].get('output_type') == 'stream' and out[-1].get('name') == o.get('name'):
            import nbformat
            out[-1] = nbformat.from_dict({**out[-1], 'text': ''.join(out[-1]['text']) + ''.join(o['text'])})
        else: out.append(o)
    return out

def trim(outputs:list)->list:
    "Outputs as stored: progress bars dropped, long text trimmed, large HTML reduced to its plain text."
    out = []
    for o in _coalesce(outputs):
        data = o.get('data', {})
        html = ''.join(data.get('text/html', ''))
        if '<progress' in html or 'progress-bar' in html: continue
        if len(html) > MAX_HTML: data.pop('text/html')
        if o.get('output_type') == 'stream': o['text'] = _trim_text(''.join(o['text']))
        for k in list(data):
            if k.startswith('text/') and k != 'text/html' and isinstance(data[k], (str, list)): data[k] = _trim_text(''.join(data[k]))   # HTML: whole or dropped (a cut table loses rows)
        out.append(o)
    return out

def execute(path:Path, timeout:int=900, run_flags=()):
    "The notebook at `path`, executed (skipped cells keep their stored outputs; `run_flags` of tst_flags run), cleaned as nbdev_clean cleans."
    import nbformat
    from nbclient import NotebookClient
    from nbdev.clean import clean_nb
    cfg = _cfg(); flags = [f for f in cfg.get('tst_flags', '').split() if f not in run_flags]
    nb = nbformat.read(path, as_version=4)
    env = {**os.environ, 'OMP_NUM_THREADS': '1', 'MKL_NUM_THREADS': '1', 'PYTHONHASHSEED': '0', 'IN_TEST': '1'}
    env.pop('MPLBACKEND', None)   # the inline backend, so figures become outputs
    pp = env.get('PYTHONPATH', ''); env['PYTHONPATH'] = str(ROOT) + (os.pathsep + pp if pp else '')
    client = NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}},
                            extra_arguments=['--IPKernelApp.log_level=CRITICAL'])   # no kernel-app notices
    with client.setup_kernel(env=env, cwd=str(path.parent)):
        # nbclient writes an executed cell back to nb.cells[index]: the setup runs as a temporary last cell, removed
        # before the notebook's own cells run, so it never replaces one of them
        nb.cells.append(nbformat.v4.new_code_cell(SETUP))
        try: client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
        finally: nb.cells.pop()
        for i, cell in enumerate(nb.cells):
            if skipped(cell, flags): continue
            client.execute_cell(cell, i)
            cell.outputs = trim(cell.outputs)
    d = json.loads(nbformat.writes(nb))
    clean_nb(d, clear_all=False, allowed_metadata_keys=cfg.get('allowed_metadata_keys', '').split() or None,
             allowed_cell_metadata_keys=cfg.get('allowed_cell_metadata_keys', '').split() or None,
             clean_ids=str(cfg.get('clean_ids', True)).lower() in ('true', '1'))
    return d

def write(d:dict, path:Path):
    "Write a notebook dict the way nbdev_clean writes it."
    from execnb.nbio import dict2nb, write_nb
    write_nb(dict2nb(d), path)

def _norm_text(t):
    t = ''.join(t) if isinstance(t, list) else t
    for rx, rep in VOLATILE: t = rx.sub(rep, t)
    return t.rstrip('\n')

def comparable(d:dict)->list:
    "Per code cell that runs and is not volatile: its outputs, with volatile fields masked."
    import nbformat
    flags = _cfg().get('tst_flags', '').split(); res = []
    for i, c in enumerate(d['cells']):
        cell = nbformat.from_dict(c); cell.source = ''.join(c.get('source', ''))
        if skipped(cell, flags) or volatile(cell): continue
        outs = []
        for o in _coalesce(c.get('outputs', [])):
            t = o.get('output_type')
            if t == 'stream': outs.append((t, o.get('name'), _norm_text(o.get('text', ''))))
            elif t == 'error': outs.append((t, o.get('ename'), _norm_text(o.get('evalue', ''))))
            else:
                for k, v in sorted(o.get('data', {}).items()):
                    v = ''.join(v) if isinstance(v, list) else v
                    outs.append((t, k, hashlib.sha1(v.strip().encode()).hexdigest()[:12] if k.startswith('image/') else _norm_text(v)))
        res.append((i, cell.source.splitlines()[0][:60] if cell.source else '', outs))
    return res

def check(path:Path)->list:
    "Problems with the outputs stored in `path`: stale, errors, or none at all."
    rel = path.relative_to(ROOT); want = comparable(json.loads(path.read_text()))
    probs = _stored_errors(rel, want)
    got = dict((i, outs) for i, _, outs in comparable(execute(path)))
    if not any(outs for *_, outs in want) and any(got.values()): return probs + [f'{rel}: no stored outputs (run `make nbs`)']
    for i, head, outs in want:
        if got.get(i) != outs: probs.append(f'{rel} cell {i} ({head!r}): stale output: {_first_difference(outs, got.get(i) or [])}')
    return probs

def check_stored(path:Path)->list:
    "Problems visible without executing `path`: a stored error output; a library notebook (`#| default_exp`) that shows none."
    nb, rel = json.loads(path.read_text()), path.relative_to(ROOT)
    cells = comparable(nb)
    library = any(c['cell_type'] == 'code' and '#| default_exp' in ''.join(c['source']) for c in nb['cells'])
    shows = [] if any(outs for *_, outs in cells) or not library else [f'{rel}: a library notebook that shows no output (add an example; `make nbs`)']
    return _stored_errors(rel, cells) + shows

def _stored_errors(rel, cells:list)->list:
    "One problem per cell of `comparable(...)` whose stored output is an error."
    return [f'{rel} cell {i} ({head!r}): stored output is an error' for i, head, outs in cells if any(o[0] == 'error' for o in outs)]

def _first_difference(a:list, b:list)->str:
    "Where two cells' outputs first differ, in a line."
    for x, y in zip(a, b):
        if x == y: continue
        if x[:2] != y[:2] or x[1].startswith('image/'): return f'stored {x[:2]} / now {y[:2]}' + (' (image differs)' if x[:2] == y[:2] else '')
        for n, (l1, l2) in enumerate(zip(x[2].splitlines() + [''], y[2].splitlines() + [''])):
            if l1 != l2: return f'{x[1]} line {n + 1}: stored {l1[:150]!r} / now {l2[:150]!r}'
    return f'{len(a)} stored outputs, {len(b)} now'

def _one(args):
    path, mode, out, run_flags = args
    try:
        if mode == 'check': return path, check(path)
        if mode == 'stored': return path, check_stored(path)
        d = execute(path, run_flags=run_flags)
        write(d, (Path(out)/path.name) if out else path)
        return path, []
    except Exception as e:
        msg = re.sub(r'\x1b\[[0-9;]*m', '', str(e)).strip().splitlines()
        return path, [f'{path.relative_to(ROOT)}: execution failed: ' + ' | '.join(msg[-6:])[:2000]]

def main(notebooks:list, # the notebooks (none: every library notebook)
         check:bool=False, # re-execute and compare with the stored outputs, writing nothing
         stored:bool=False, # only read the stored outputs: none may hold an error, every notebook shows one
         out:str='', # write the executed notebooks here instead of in place
         jobs:int=min(2, os.cpu_count() or 1), # notebooks executed side by side
         flags:str='', # also run the cells of these tst_flags (e.g. slow) and store their outputs
        )->int:
    paths = [Path(p).resolve() for p in notebooks] or library_notebooks()
    if out: Path(out).mkdir(parents=True, exist_ok=True)
    mode = 'stored' if stored else 'check' if check else 'run'
    todo = [(p, mode, out, tuple(flags.split())) for p in paths]
    with ProcessPoolExecutor(jobs) as ex: res = list(ex.map(_one, todo))
    bad = 0
    for p, probs in res:
        print(f"{'FAIL' if probs else 'ok  '} {p.relative_to(ROOT)}")
        for m in probs: print('   ', m)
        bad += bool(probs)
    what = {'stored': 'with no stored error', 'check': 'outputs current', 'run': 'executed'}[mode]
    print(f'nbexec: {len(res) - bad} {what}, {bad} failed')
    return 1 if bad else 0

if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
