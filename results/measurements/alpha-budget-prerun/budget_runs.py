"Pre-run the alpha_budget searches (the notebook finds them finished): python budget_runs.py LR SEED [SEED...]"
import sys, time
from pathlib import Path
from egdarts.agreement import stage1_profile
from egdarts.search import block_search
lr, seeds = float(sys.argv[1]), [int(s) for s in sys.argv[2:]]
for s in seeds:
    p = stage1_profile('study', arch_lr=lr, limit_train=8000, epochs=5, warmup=1)
    t = time.time()
    block_search(p, out_dir=Path('results/measurements/alpha-budget-prerun/alpha_budget')/f'lr{lr:g}'/f'seed{s}', seed=s, progress=True,
                 log=lambda *a, **k: print(*a, flush=True))
    print(f'lr {lr} seed {s}: {time.time()-t:.0f} s', flush=True)
