"""Project checks run by `make test`: environment.yml agrees with settings.ini (requirements + dev_requirements), every
experiment notebook has exactly one cell tagged `parameters`, followed by a `check_params` call; no data file is tracked."""
import configparser, json, shlex, subprocess, sys
from pathlib import Path
import yaml

root = Path(__file__).resolve().parent.parent
fails = []

cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(root / 'settings.ini')
ini = set(shlex.split(cfg['DEFAULT']['requirements'])) | set(shlex.split(cfg['DEFAULT'].get('dev_requirements', '')))
env = yaml.safe_load((root / 'environment.yml').read_text())
pip = next(d['pip'] for d in env['dependencies'] if isinstance(d, dict) and 'pip' in d)
yml = {r for r in pip if not r.startswith('-e')}
if ini != yml:
    fails.append(f"environment.yml and settings.ini disagree: only in settings.ini {sorted(ini - yml)}, "
                 f"only in environment.yml {sorted(yml - ini)}")

exps = sorted((root / 'nbs' / 'experiments').glob('*.ipynb'))
for p in exps:
    nb = json.loads(p.read_text())
    n = sum('parameters' in c.get('metadata', {}).get('tags', []) for c in nb['cells'])
    if n != 1: fails.append(f"{p.relative_to(root)} has {n} cells tagged 'parameters' (needs exactly 1)")
    else:   # the first code cell after it checks the parameters (egdarts.core.check_params) before anything else
        i = next(i for i, c in enumerate(nb['cells']) if 'parameters' in c.get('metadata', {}).get('tags', []))
        nxt = next((c for c in nb['cells'][i + 1:] if c['cell_type'] == 'code'), None)
        if nxt is None or 'check_params(globals()' not in ''.join(nxt['source']):
            fails.append(f"{p.relative_to(root)}: the first code cell after 'parameters' must call check_params(globals(), ...)")

tracked = subprocess.run(['git', 'ls-files'], cwd=root, capture_output=True, text=True).stdout.split()
bad = [t for t in tracked if t.endswith(('.jpgs', 'cifar10-jpeg.zip')) or 'data_batch_' in t or 'cifar-100-python' in t]
if bad: fails.append(f"data files are tracked: {bad}")

for f in fails: print('FAIL:', f)
print(f"ok: settings.ini == environment.yml ({len(ini)} requirements); {len(exps)} experiment notebooks "
      f"with one 'parameters' cell" if not fails else f"check_project: {len(fails)} problem(s)")
sys.exit(1 if fails else 0)
