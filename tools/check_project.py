"""Project checks run by `make test`: environment.yml names the same packages as settings.ini (pins allowed where
they satisfy settings.ini's ranges), every experiment notebook has exactly one cell tagged `parameters`, followed by
a `check_params` call; every library notebook (one with `#| default_exp`) ends with its hidden export cell; no
notebook has two headings with the same text (the docs page would give the second an anchor its table of contents
does not find); every public method of a class the package exports has its `show_doc` in a notebook; no data file is
tracked."""
import ast, configparser, json, re, shlex, subprocess, sys
from pathlib import Path
import yaml
from packaging.requirements import Requirement

root = Path(__file__).resolve().parent.parent
fails = []

cfg = configparser.ConfigParser(delimiters=['='])
cfg.read(root / 'settings.ini')
ini = {}
for key in ('requirements', 'dev_requirements', 'lab_requirements'):
    for r in shlex.split(cfg['DEFAULT'].get(key, '')): ini[Requirement(r).name] = Requirement(r)
env = yaml.safe_load((root / 'environment.yml').read_text())
pip = next(d['pip'] for d in env['dependencies'] if isinstance(d, dict) and 'pip' in d)
yml = {Requirement(r).name: Requirement(r) for r in pip if not r.startswith('-e')}
if set(ini) != set(yml):
    fails.append(f"environment.yml and settings.ini name different packages: only in settings.ini {sorted(set(ini) - set(yml))}, "
                 f"only in environment.yml {sorted(set(yml) - set(ini))}")
for name in set(ini) & set(yml):
    pins = [s.version for s in yml[name].specifier if s.operator == '==']
    if pins and not ini[name].specifier.contains(pins[0]): fails.append(f"environment.yml pins {name}=={pins[0]}, outside settings.ini's {ini[name]}")
    elif not pins and str(yml[name].specifier) != str(ini[name].specifier):
        fails.append(f"environment.yml asks {yml[name]}, settings.ini {ini[name]}")
if not any(str(d).startswith('python=') for d in env['dependencies'] if isinstance(d, str)):
    fails.append("environment.yml must pin the Python minor version (python=3.X)")

exps = sorted((root / 'nbs' / 'experiments').glob('*.ipynb'))
for p in exps:
    nb = json.loads(p.read_text())
    n = sum('parameters' in c.get('metadata', {}).get('tags', []) for c in nb['cells'])
    if n != 1:
        fails.append(f"{p.relative_to(root)} has {n} cells tagged 'parameters' (needs exactly 1)")
        continue
    # the first code cell after it checks the parameters (egdarts.core.check_params; a report: report.report_context) before anything else
    i = next(i for i, c in enumerate(nb['cells']) if 'parameters' in c.get('metadata', {}).get('tags', []))
    nxt = next((c for c in nb['cells'][i + 1:] if c['cell_type'] == 'code'), None)
    if nxt is None or not any(call in ''.join(nxt['source']) for call in ('check_params(globals()', 'report_context(globals())')):
        fails.append(f"{p.relative_to(root)}: the first code cell after 'parameters' must call check_params(globals(), ...) or report_context(globals())")

def export_cell_problem(nb:dict, name:str):
    "Why the notebook `nb` (a library notebook when a cell says `#| default_exp`) breaks the export-cell rule, or None."
    src = lambda c: ''.join(c.get('source', ''))
    if not any(c['cell_type'] == 'code' and re.search(r'^#\|\s*default_exp\b', src(c), re.M) for c in nb['cells']): return None
    last = nb['cells'][-1] if nb['cells'] else {'cell_type': 'markdown', 'source': ''}
    if last['cell_type'] == 'code' and re.search(r'^#\|\s*hide\b', src(last), re.M) and 'nbdev.nbdev_export()' in src(last): return None
    return f"{name}: a library notebook must end with its hidden export cell ('#| hide' / 'import nbdev; nbdev.nbdev_export()')"

# the check itself can fail: a library notebook whose last cell is something else is reported, one ending right is not
_lib = lambda *cells: {'cells': [{'cell_type': 'code', 'source': '#| default_exp x'}, *cells]}
assert export_cell_problem(_lib({'cell_type': 'code', 'source': 'import os, random'}), 'bad') is not None
assert export_cell_problem(_lib({'cell_type': 'code', 'source': '#| hide\nimport nbdev; nbdev.nbdev_export()'}), 'ok') is None
libs = sorted((root / 'nbs').glob('*.ipynb'))
for p in libs:
    if (why := export_cell_problem(json.loads(p.read_text()), str(p.relative_to(root)))): fails.append(why)

def repeated_headings(nb:dict)->list:
    "Markdown headings of `nb` whose anchor (lower case, runs of other characters as '-') appears more than once."
    heads = [re.sub(r'[^a-z0-9]+', '-', m.group(1).lower()).strip('-') for c in nb['cells'] if c['cell_type'] == 'markdown'
             for m in re.finditer(r'^#+\s+(.*)$', ''.join(c.get('source', '')), re.M)]
    return sorted({h for h in heads if heads.count(h) > 1})

_md = lambda *ls: {'cells': [{'cell_type': 'markdown', 'source': l} for l in ls]}
assert repeated_headings(_md('# Stages\n> a page', '## Stages')) == ['stages']
assert repeated_headings(_md('# Stages', '## A stage')) == []
for p in libs + exps:
    if (rep := repeated_headings(json.loads(p.read_text()))): fails.append(f"{p.relative_to(root)}: headings repeated {rep}")
n_libs = sum(bool(re.search(r'#\|\s*default_exp\b', p.read_text())) for p in libs)

def undocumented_methods(sources:dict, shown:set)->list:
    "'Class.method' of every public method (properties aside) of an exported class in `sources` {module: code} not in `shown`."
    out = []
    for code in sources.values():
        tree = ast.parse(code)
        names = next((ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], 'id', '') == '__all__'), [])
        out += [f'{c.name}.{m.name}' for c in tree.body if isinstance(c, ast.ClassDef) and c.name in names for m in c.body
                if isinstance(m, ast.FunctionDef) and not m.name.startswith('_') and not any(getattr(d, 'id', '') == 'property' for d in m.decorator_list)]
    return sorted(set(out) - shown)

assert undocumented_methods({'m': "__all__ = ['A']\nclass A:\n    def f(self): pass\n    def _g(self): pass"}, set()) == ['A.f']
assert undocumented_methods({'m': "__all__ = ['A']\nclass A:\n    def f(self): pass"}, {'A.f'}) == []
shown = {m for p in libs for c in json.loads(p.read_text())['cells'] if c['cell_type'] == 'code'
         for m in re.findall(r'show_doc\(([\w.]+)', ''.join(c['source']))}
mods = {p.stem: p.read_text() for p in sorted((root / 'egdarts').glob('*.py')) if not p.name.startswith('_')}
if (missing := undocumented_methods(mods, shown)): fails.append(f"public methods without show_doc in any notebook: {missing}")

# tools/alpha_prerun.py (the α-budget pre-run's driver): an override merges into its group, and the table reads back
sys.path.insert(0, str(root/'tools'))
import alpha_prerun
pre = alpha_prerun.prerun_profile({'search': {'warmup': 3, 'epochs': 6}})
if (pre.search.layers, pre.search.warmup, pre.search.limit_train) != ((3,), 3, 8000): fails.append(f"alpha_prerun: an override replaced its group: {pre.search}")
if {r['setting'] for r in alpha_prerun.table_rows()} != set(alpha_prerun.SETS): fails.append("alpha_prerun: the pre-run table lacks a setting")

hand = [p.name for p in sorted((root/'tools').glob('*.py')) if p.name != 'check_project.py' and '.add_argument(' in p.read_text()]
if hand: fails.append(f"tools/ scripts that build their command line by hand (use egdarts.options.script or add_options): {hand}")

tracked = subprocess.run(['git', 'ls-files'], cwd=root, capture_output=True, text=True).stdout.split()
bad = [t for t in tracked if t.endswith(('.jpgs', 'cifar10-jpeg.zip')) or 'data_batch_' in t or 'cifar-100-python' in t]
if bad: fails.append(f"data files are tracked: {bad}")

for f in fails: print('FAIL:', f)
print(f"ok: settings.ini == environment.yml ({len(ini)} packages); {len(exps)} experiment notebooks "
      f"with one 'parameters' cell; {n_libs} library notebooks end with their export cell; every public method has its show_doc; tools/ command lines from signatures" if not fails else f"check_project: {len(fails)} problem(s)")
sys.exit(1 if fails else 0)
