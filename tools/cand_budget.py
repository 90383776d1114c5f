"""The candidate budget of the network-level search, measured (issue [6]): at which candidate training does the
validation error follow the network's size, and how large is its seed-to-seed noise?

    python tools/cand_budget.py run --settings current,e5 --seeds 0,1 --jobs 2    # train the grid (resumes)
    python tools/cand_budget.py table                                             # the table, from the files

Each candidate is trained by the network-level search's own evaluator (`candidates.TrainEvaluator`: the study's EG
cells from results/study/cifar10/block_search/genotype.json, the study profile's candidate recipe with the setting's
overrides) on a fixed grid of six v spanning the study's bounds, with each seed (a seed fixes the search split and the
initial weights, as in the search). One JSON per (setting, v, seed) under results/measurements/cand-budget/<setting>/,
written when the candidate is done: a killed run loses at most the candidates in flight and resumes from the files.
The table gives, per setting, Spearman's rho between #params and the error (mean over seeds), the seed-to-seed sd of
the error (from the paired differences), the error's spread over the grid, and the one-core time per candidate.
"""
import json, os, statistics, sys, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT/'results'/'measurements'/'cand-budget'
GENOTYPE = ROOT/'results'/'study'/'cifar10'/'block_search'/'genotype.json'
GRID = [(8, 1, 1, 1, 1.0, 1.0), (10, 1, 1, 1, 1.5, 1.5), (12, 1, 2, 1, 1.5, 1.5), (14, 2, 2, 2, 1.5, 1.5),
        (17, 2, 2, 2, 2.0, 2.0), (20, 2, 2, 2, 2.0, 2.0)]   # the study's bounds: v0 8-20, v1-v3 1-2, v4-v5 1.0-2.0
SETTINGS = {'current': {},                                                   # the study's: 2 epochs on 3 000 images
            'e5': {'cand': {'epochs': 5}},                                   # 5 epochs on the same images
            'n10k': {'network': {'limit_train': 20000}},                     # 2 epochs on 10 000 images
            'e5n10k': {'cand': {'epochs': 5}, 'network': {'limit_train': 20000}}}


def _name(v, seed:int)->str: return 'v' + '_'.join(str(x) for x in v) + f'_seed{seed}.json'


def _one(job)->str:
    "Train one candidate (setting, v, seed) and write its JSON; returns a line for the log."
    setting, v, seed, data_dir = job
    os.environ.setdefault('OMP_NUM_THREADS', '1')
    import torch
    torch.set_num_threads(1)
    from egdarts.candidates import TrainEvaluator
    from egdarts.encoding import as_v
    from egdarts.genotypes import load_genotype
    from egdarts.profiles import get_profile
    from egdarts.core import atomic_write_json
    p = get_profile('study', **SETTINGS[setting])
    ev = TrainEvaluator(load_genotype(GENOTYPE), p, 'cifar10', data_dir=data_dir or None, device='cpu', seed=seed)
    t = time.time()
    rec = ev(as_v(list(v)))
    out = OUT/setting/_name(v, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_json(out, dict(setting=setting, overrides=SETTINGS[setting], v=list(v), seed=seed, **rec,
                                one_core_s=round(time.time() - t, 1), cpu=_cpu()))
    return f"{setting} v={v} seed {seed}: err {rec['err']:.2f} %, {rec['params']:.3f} M params, {time.time() - t:.0f} s"


def _cpu()->str:
    for l in Path('/proc/cpuinfo').read_text().splitlines():
        if l.startswith('model name'): return l.split(':', 1)[1].strip()
    return 'unknown CPU'


def run(settings:str='current,e5', # comma-separated keys of SETTINGS
        seeds:str='0,1', # comma-separated seeds
        jobs:int=2, # candidates trained side by side, one thread each
        data_dir:str='', # where CIFAR-10 is (empty: egdarts.data's places)
       )->int:
    "Train every (setting, v, seed) of the grid that has no file yet."
    bad = [s for s in settings.split(',') if s not in SETTINGS]
    if bad: raise SystemExit(f"cand_budget: unknown setting(s) {bad}; valid: {list(SETTINGS)}")
    todo = [(s, v, int(k), data_dir) for s in settings.split(',') for k in seeds.split(',') for v in GRID
            if not (OUT/s/_name(v, int(k))).exists()]
    print(f"cand_budget: {len(todo)} candidates to train, {jobs} at a time", flush=True)
    with ProcessPoolExecutor(jobs) as ex:
        for line in ex.map(_one, todo): print(line, flush=True)
    return 0


def rows()->list:
    "One row per setting with files: rho(params, err), seed sd, spread, time."
    from scipy.stats import spearmanr
    out = []
    for s in SETTINGS:
        recs = [json.loads(f.read_text()) for f in sorted((OUT/s).glob('*.json'))] if (OUT/s).exists() else []
        if not recs: continue
        by_v = {}
        for r in recs: by_v.setdefault(tuple(r['v']), []).append(r)
        mean_err = {v: statistics.mean(r['err'] for r in rs) for v, rs in by_v.items()}
        params = {v: rs[0]['params'] for v, rs in by_v.items()}
        pairs = [rs[0]['err'] - rs[1]['err'] for rs in by_v.values() if len(rs) >= 2]
        rho = spearmanr([params[v] for v in by_v], [mean_err[v] for v in by_v])[0] if len(by_v) >= 3 else float('nan')
        out.append({'setting': s, 'overrides': json.dumps(SETTINGS[s]), 'networks': len(by_v), 'trainings': len(recs),
                    'rho(params, err)': round(rho, 2),
                    'seed sd of err': round((sum(d * d for d in pairs) / len(pairs) / 2) ** 0.5, 2) if pairs else None,   # pooled over v
                    'err range over v': f"{min(mean_err.values()):.1f}-{max(mean_err.values()):.1f}",
                    'one-core s per candidate': round(statistics.mean(r['one_core_s'] for r in recs))})
    return out


def table()->int:
    "Print the table (Markdown)."
    from egdarts.core import markdown_table
    print(markdown_table(rows()))
    return 0


if __name__ == '__main__':
    from egdarts.options import script
    cmds = {'run': run, 'table': table}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds: raise SystemExit(f"usage: python tools/cand_budget.py {{{','.join(cmds)}}} [options]")
    sys.exit(script(cmds[sys.argv[1]], __doc__, sys.argv[2:]))
