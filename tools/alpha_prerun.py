"""The α-budget pre-run (results/measurements/alpha-budget-prerun/): the runs that chose the study's `alpha_budget`
variants, and the agreement table computed from them.

    python tools/alpha_prerun.py run --name lr0.1 --seeds 0,1                        # α lr 0.1 (the base)
    python tools/alpha_prerun.py run --name warm3 --overrides '{"search": {"warmup": 3, "epochs": 6}}' --seeds 0,1
    python tools/alpha_prerun.py table                                               # the README's table, from the runs

A run is the `study` profile's block-level search reduced to its first progressive stage (`agreement.stage1_overrides`),
8 000 images, 5 epochs of which 1 warm-up, α lr 0.1, with the JSON `--overrides` merged field by field on top
(`profiles.merge_overrides`: a group given in part keeps its other fields).
"""
import argparse, json, sys, time
from pathlib import Path
from egdarts.agreement import agreement_curve, stage1_overrides
from egdarts.options import add_options
from egdarts.core import markdown_table
from egdarts.profiles import get_profile, merge_overrides

HERE = Path(__file__).resolve().parent.parent/'results'/'measurements'/'alpha-budget-prerun'
SETS = {'α lr 0.1 (own split)': ['alpha_budget/lr0.1/seed0', 'alpha_budget/lr0.1/seed1'],
        'α lr 1.0 (own split)': ['alpha_budget/lr1/seed0', 'alpha_budget/lr1/seed1'],
        'one split (seed 0 of lr 0.1 + seed 1 on split 0)': ['alpha_budget/lr0.1/seed0', 'probes/split0/seed1'],
        '3 warm-up epochs': ['probes/warm3/seed0', 'probes/warm3/seed1']}

def prerun_profile(overrides:dict):
    "The pre-run's profile: the study's first search stage alone, with `overrides` merged field by field."
    base = stage1_overrides('study', arch_lr=0.1, limit_train=8000, epochs=5, warmup=1)
    return get_profile('study', **merge_overrides(base, overrides))

def run(name:str='', # the run's folder under probes/ (the base runs of 2026-12-03 are under alpha_budget/)
        overrides:str='{}', # JSON of get_profile overrides on top of the pre-run's profile
        seeds:str='0', # comma-separated seeds
        out:str=str(HERE/'probes'), # where NAME/seed<i> go
        )->int:
    "Run the pre-run's search for `seeds` into OUT/NAME/seed<i> (resumes from its checkpoints)."
    from egdarts.search import block_search
    if not name: raise ValueError("run needs --name")
    p = prerun_profile(json.loads(overrides))
    for s in [int(x) for x in seeds.split(',') if x]:
        t = time.time()
        block_search(p, out_dir=Path(out)/name/f'seed{s}', seed=s, progress=True, log=lambda *a, **k: print(*a, flush=True))
        print(f'{name} seed {s}: {time.time() - t:.0f} s', flush=True)
    return 0

def table_rows(root:str=str(HERE))->list:
    "The agreement rows of every setting of the pre-run, from its runs' alphas.jsonl."
    return [r for k, ds in SETS.items() for r in agreement_curve([Path(root)/d for d in ds], k)]

def table(root:str=str(HERE), # the pre-run's folder
          )->int:
    "Print the agreement table of the pre-run (README: 'More architecture steps did not make the seeds agree')."
    print(markdown_table(table_rows(root), digits=3))
    return 0

def main(argv=None)->int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    for fn in (run, table): add_options(sub.add_parser(fn.__name__, help=fn.__doc__), fn)
    args = vars(ap.parse_args(argv))
    return {'run': run, 'table': table}[args.pop('cmd')](**args)

if __name__ == '__main__': sys.exit(main())
