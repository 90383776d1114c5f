"""Step times of the same egdarts code under two Python environments (two torch builds), interleaved in one run.

    python tools/torch_pair.py --python .venv/bin/python --python /path/to/other/venv/bin/python \
        [--rounds 5] [--out results/bench/torch_pair.md]

Each environment runs in its own worker process, which builds the steps once (the profile's default speed switches,
as `egdarts.bench_steps.default_variant` picks them) and then times one step of a case when the parent asks; the parent
asks the workers in turn, case by case and round by round, so both builds see the same machine load. Reported: the
median and the best step per case and build, and the ratio of medians. Only the first worker's torch needs
torchvision; the steps themselves use torch alone.
"""
import json, os, platform, statistics, subprocess, time
from pathlib import Path

CASES = [  # name, kind, spec
    ('smoke supernet weight step (C=4, 3 cells, 12 ops, batch 16)', 'weight', dict(case='supernet', C=4, layers=3, batch=16, profile='smoke')),
    ('smoke supernet 2nd-order architecture step (same)', 'arch', dict(case='supernet', C=4, layers=3, batch=16, profile='smoke')),
    ('study target network training step (v=(16,2,2,2,1.5,1.5), batch 64)', 'weight', dict(case='target', v=(16, 2, 2, 2, 1.5, 1.5), batch=64, profile='study')),
    ('paper-width supernet weight step (C=16, 5 cells, 12 ops, batch 16)', 'weight', dict(case='supernet', C=16, layers=5, batch=16, profile='paper')),
]

WORKER = r'''
import json, sys, time, torch
from egdarts.bench_steps import make_step, supernet_case, target_case, default_variant
from egdarts.profiles import get_profile
cases = json.loads(sys.argv[1])
steps = []
for name, kind, spec in cases:
    p = get_profile(spec['profile'])
    if spec['case'] == 'target':
        case = target_case(spec['batch'], tuple(spec['v']))
        v = default_variant(p, case.channels, 'cpu', network='target')
    else:
        case = supernet_case(spec['C'], spec['layers'], spec['batch'])
        v = default_variant(p, case.channels, 'cpu')
    steps.append(make_step(case, v, kind, profile=p, base_threads=torch.get_num_threads()))
    steps[-1]()                                   # warm-up
print(json.dumps(dict(ready=True, torch=torch.__version__, threads=torch.get_num_threads())), flush=True)
for line in sys.stdin:
    i = int(line)
    t = time.perf_counter()
    steps[i]()
    print(json.dumps(dict(s=time.perf_counter() - t)), flush=True)
'''

def cpu_name()->str:
    try:
        for l in Path('/proc/cpuinfo').read_text().splitlines():
            if l.startswith('model name'): return l.split(':', 1)[1].strip()
    except OSError: pass
    return platform.processor() or 'unknown CPU'

def main(python:list=None, # an interpreter (repeat: give two)
         rounds:int=5, # rounds of every case, the builds interleaved
         out:str='results/bench/torch_pair.md', # the table written
        ):
    if not python: raise SystemExit('torch_pair: give the interpreters, --python A --python B')
    env = dict(os.environ, OMP_WAIT_POLICY='PASSIVE')
    load0, started = os.getloadavg()[0], time.strftime('%Y-%m-%dT%H:%M:%S')
    workers, info = [], []
    for py in python:
        w = subprocess.Popen([py, '-c', WORKER, json.dumps(CASES)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        info.append(json.loads(w.stdout.readline()))
        workers.append(w)
    times = [[[] for _ in CASES] for _ in workers]
    for r in range(rounds):
        for i in range(len(CASES)):
            for k, w in enumerate(workers):
                w.stdin.write(f'{i}\n')
                w.stdin.flush()
                times[k][i].append(json.loads(w.stdout.readline())['s'])
        print(f'round {r + 1}/{rounds}: ' + '; '.join(f"{info[k]['torch']} " + ' '.join(f'{t[-1]:.2f}' for t in times[k]) for k in range(len(workers))), flush=True)
    for w in workers:
        w.stdin.close()
        w.wait()
    names = [f"torch {d['torch']} ({d['threads']} threads)" for d in info]
    lines = [f"# Step times of two torch builds ({cpu_name()}, {os.cpu_count()} cores)", '',
             f"Measured {started} by `python tools/torch_pair.py` ({rounds} interleaved rounds after one warm-up step each); "
             f"load average {load0:.2f} at the start, {os.getloadavg()[0]:.2f} at the end. Each case runs the profile's default "
             f"speed switches. Seconds per step, median (best).", '',
             '| step | ' + ' | '.join(names) + ' | ratio (first / second) |', '|---|' + '---|' * (len(names) + 1)]
    for i, (name, _, _) in enumerate(CASES):
        med = [statistics.median(times[k][i]) for k in range(len(workers))]
        cells = [f'{m:.3f} ({min(times[k][i]):.3f})' for k, m in enumerate(med)]
        lines.append(f'| {name} | ' + ' | '.join(cells) + f' | {med[0] / med[-1]:.2f} |')
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text('\n'.join(lines) + '\n')
    print('\n'.join(lines))

if __name__ == '__main__':
    import sys
    from egdarts.options import script
    sys.exit(script(main, __doc__))
