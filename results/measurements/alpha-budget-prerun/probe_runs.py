"Probe runs: python probe_runs.py NAME JSON_OVERRIDES SEED [SEED...] (stage-1-only study search, lr 0.1 unless overridden)"
import sys, time, json
from pathlib import Path
from egdarts.agreement import stage1_overrides
from egdarts.profiles import get_profile
from egdarts.search import block_search
name, extra, seeds = sys.argv[1], json.loads(sys.argv[2]), [int(s) for s in sys.argv[3:]]
for s in seeds:
    o = stage1_overrides('study', arch_lr=0.1, limit_train=8000, epochs=5, warmup=1)
    o.update(extra)
    p = get_profile('study', **o)
    t = time.time()
    block_search(p, out_dir=Path('results/measurements/alpha-budget-prerun/probes')/name/f'seed{s}', seed=s, progress=True,
                 log=lambda *a, **k: print(*a, flush=True))
    print(f'{name} seed {s}: {time.time()-t:.0f} s', flush=True)
