"""The last line of `make test`: every step's checks added up, as `make test: N passed, M failed`.

    python tools/test_summary.py LOG

LOG is what `make test` wrote: each step's output followed by a line `make STEP: exit RC`. A step that prints its own
count (`nbdev_test: 24 passed, 0 failed`, `reliability: 32 passed, 0 failed`) adds that count; any other step counts
as one check, passed when it exits 0. A step that exits non-zero without counting a failure counts one failure (it
stopped before its summary). The summary line is also appended to LOG. Exits 1 when anything failed.
"""
import re, sys
from pathlib import Path

COUNT = re.compile(r'\b(\d+) passed, (\d+) failed\b')
END = re.compile(r'^make (\S+): exit (\d+)$')

def summarise(log:str)->list:
    "[(step, passed, failed)] per step of a `make test` log."
    steps, counts = [], []
    for line in log.splitlines():
        if (m := END.match(line.strip())):
            rc = int(m.group(2))
            if counts: p, f = counts[-1]
            else: p, f = (0, 1) if rc else (1, 0)
            if rc and not f: f = 1
            steps.append((m.group(1), p, f)); counts = []
        elif (m := COUNT.search(line)): counts.append((int(m.group(1)), int(m.group(2))))
    return steps

# the summary can fail: a step that exits non-zero after printing '3 passed, 0 failed' counts a failure
assert summarise('x: 3 passed, 0 failed\nmake a: exit 2\nmake b: exit 0') == [('a', 3, 1), ('b', 1, 0)]

def main(path:str, # the log of `make test` (its steps' output and `make STEP: exit N` lines)
        )->int:
    steps = summarise(Path(path).read_text(errors='replace'))
    if not steps: print(f'make test: 0 passed, 1 failed (no step finished; see {path})'); return 1
    bad = [s for s, _, f in steps if f]
    print('make test steps: ' + ', '.join(f'{s} {p}/{p + f}' for s, p, f in steps) + (f'; failed: {" ".join(bad)}' if bad else ''))
    line = f'make test: {sum(p for _, p, _ in steps)} passed, {sum(f for *_, f in steps)} failed'
    print(line)
    with open(path, 'a') as f: f.write(line + '\n')   # the log's last line (.ci/run repeats it after make's own error line)
    return 1 if bad else 0

if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
