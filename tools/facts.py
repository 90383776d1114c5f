"""The numbers the prose quotes (stage counts, stage times, what a failure prints), each computed in one place, and a
check that every quoted copy agrees with it.

    python tools/facts.py            # the facts, as computed now
    python tools/facts.py --check    # fail on a quoted number that disagrees, or on a count quoted without its mark

A quoted fact carries an HTML comment naming it, right after the number: `31<!--fact:stages.smoke--> stages`; a count
of the past carries `<!--then-->` instead (`the first version (25<!--then--> stages)`).
Jupyter, GitHub and the docs site do not show the comment; this check reads it. The facts are computed from the code
(`plan`, the pipeline's constants) and from the committed results (`stage.json` records); a number that cannot be
computed (a wall time measured once) is written as a dated measurement in a table row, which this check leaves alone.
The prose checked: README.md, CONTRIBUTING.md, the markdown of every notebook in nbs/, and `egdarts --help`.
"""
import json, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = re.compile(r'(\d[\d.]*)<!--fact:([\w.]+)-->')
COUNTS = re.compile(r'(?<![-\w])(\d+) (stages|checks)\b')   # counts that must carry a mark (CIFAR-100, NAS-Bench-201 aside)
THEN = re.compile(r'\d+<!--then-->')   # a count of the past ('the first version (25<!--then--> stages)'): not checked


def stage_seconds(profile:str)->float:
    "One-core stage time of the committed results of `profile`: the sum of its stages' `wall_s`."
    return sum(json.loads(f.read_text()).get('wall_s', 0) for f in (ROOT/'results'/profile).rglob('stage.json'))


def facts()->dict:
    "{name: the number as the prose writes it}."
    sys.path.insert(0, str(ROOT))
    from egdarts.stages import plan
    from egdarts.pipeline import TAIL_LINES
    out = {f'stages.{p}': str(len(plan(['cifar10'], p))) for p in ('tiny', 'smoke', 'study')}
    out['stage_minutes.smoke'] = f"{stage_seconds('smoke') / 60:.0f}"
    out['stage_hours.study'] = f"{stage_seconds('study') / 3600:.1f}"
    out['failure_lines'] = str(TAIL_LINES)
    return out


def texts()->dict:
    "{where: text} of the prose checked (markdown only: a code cell's output is measured, not quoted)."
    out = {p: (ROOT/p).read_text() for p in ('README.md', 'CONTRIBUTING.md')}
    for nb in sorted((ROOT/'nbs').rglob('*.ipynb')):
        if '.ipynb_checkpoints' in nb.parts: continue
        cells = json.loads(nb.read_text())['cells']
        out[str(nb.relative_to(ROOT))] = '\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'markdown')
    cmd = [sys.executable, '-c', 'import sys; from egdarts.cli import main; sys.exit(main(sys.argv[1:]))']
    out['egdarts --help'] = '\n'.join(subprocess.run(cmd + [c, '--help'], capture_output=True, text=True, cwd=ROOT).stdout
                                      for c in ('reproduce', 'stages', 'verify', 'certify'))
    return out


def problems(facts:dict, texts:dict)->list:
    "Each quoted fact that disagrees with `facts` or names none of them, and each count quoted without a mark."
    bad = []
    for where, text in texts.items():
        for n, line in enumerate(text.splitlines(), 1):
            for m in MARK.finditer(line):
                if m[2] not in facts: bad.append(f"{where}:{n}: no fact named {m[2]!r} (facts: {', '.join(sorted(facts))})")
                elif m[1] != facts[m[2]]: bad.append(f"{where}:{n}: quotes {m[2]} = {m[1]}, but it is {facts[m[2]]}")
            if line.lstrip().startswith('|') or '`' in line and re.search(r'`[^`]*\d+ stages[^`]*`', line): continue  # measured rows, outputs
            for m in COUNTS.finditer(THEN.sub('', MARK.sub('', line))):
                bad.append(f"{where}:{n}: {m[0]!r} is quoted without a mark: write {m[1]}<!--fact:NAME--> {m[2]} (or leave the number out)")
    return bad


def main(check:bool=False, # fail when a quoted number disagrees with its fact (default: print the facts)
        )->int:
    fs = facts()
    if not check:
        for k, v in fs.items(): print(f'{k:22s} {v}')
        return 0
    bad = problems(fs, texts())
    for b in bad: print('FAIL:', b)
    print(f"ok: {len(fs)} facts, every quoted copy agrees" if not bad else f"facts: {len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
