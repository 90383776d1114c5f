"""`nbdev_test` with a count: runs nbdev's own `test_nb` on every eligible notebook
(same flags, `.notest` rule and working directory as `nbdev_test`) and ends with the line
`nbdev_test: N passed, M failed` that CI reads. Arguments are nbdev_test's: --path, --flags, --n-workers."""
import os, sys, time
from fastcore.parallel import parallel
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb, _keep_file
from fastcore.xtras import working_directory

def main(path:str='', # a notebook or a folder (empty: nbs/)
         flags:str='', # also run the cells of these tst_flags (space-separated, e.g. slow)
         n_workers:int=-1, # notebooks side by side (-1: one for a single notebook, else up to 8)
        )->int:
    cfg = get_config()
    files = [f.absolute() for f in sorted(nbglob(path or None, as_path=True)) if _keep_file(f, '.notest')]
    if not files: print('nbdev_test: 0 passed, 0 failed'); return 1
    n = n_workers if n_workers >= 0 else (0 if len(files) == 1 else min(os.cpu_count() or 1, 8))
    # One BLAS/OpenMP thread per notebook when notebooks run side by side: two workers of two threads each on
    # two cores stall each other badly (measured: a 6 s notebook took 32 s).
    if n > 1: os.environ.setdefault('OMP_NUM_THREADS', '1')
    t0 = time.time()
    with working_directory(cfg.nbs_path):
        res = parallel(test_nb, files, skip_flags=cfg.tst_flags.split(),
                       force_flags=flags.split(), n_workers=n, basepath=cfg.config_path, pause=0.01)
    passed = [p for p, _ in res]
    for f, (p, t) in zip(files, res): print(f"{'PASS' if p else 'FAIL'} {t:7.1f}s  {f.relative_to(cfg.config_path)}")
    print(f'total {time.time() - t0:.0f}s')
    print(f'nbdev_test: {sum(passed)} passed, {len(passed) - sum(passed)} failed')
    return 0 if all(passed) else 1

if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
