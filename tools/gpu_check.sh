#!/usr/bin/env bash
# GPU check, one call in under 8 minutes: eager against CUDA-graph steps (paper-size supernet, a candidate network),
# the paper profile's search stages and the target network (the extrapolated `paper` wall time; goal <= 12 h on one
# H100/H200), several candidates sharing the GPU, the supernet on/off table, and a short smoke (fast path = plain
# path on the GPU, one candidate, latency).
#   bash tools/gpu_check.sh            (or: make gpu-check)
# Writes to $OUT when set (the device machine's output folder), else results/gpu:
#   gpu_check.log, env.txt, bench.{json,csv,md}, smoke.json
# Python: if python3 already has a CUDA torch (as on the lent GPU machines, which reach no package index), it is
# used as it is; the few small packages it lacks (pymoo and its needs, fastcore, fastprogress) are installed into
# /tmp/egdarts-site from ./.whl when that folder holds wheels (see tools/gpu_wheels.sh), else from PyPI. Otherwise
# a venv in $GPU_VENV (default /tmp/gv) gets torch (CUDA build) from PyPI. The project's .venv is CPU-only, unused.
# Data: CIFAR-10 from $EGDARTS_DATA (e.g. a copy of the offline archive carried along); without it the smoke runs on
# synthetic images of the same format (written in smoke.json).
# Knobs: BENCH_SECTIONS, BENCH_BUDGET (s, default 360), SMOKE_STAGES, SMOKE_BUDGET (s, default 60). Each benchmark
# section and smoke stage writes its results as it finishes, so a time limit loses only the one running.
set -uo pipefail
cd "$(dirname "$0")/.."
OUTDIR=${OUT:-results/gpu}
mkdir -p "$OUTDIR"
exec > >(tee "$OUTDIR/gpu_check.log") 2>&1
T0=$(date +%s)
say() { echo "[gpu_check +$(( $(date +%s) - T0 ))s] $*"; }

say "machine: $(uname -n), $(nproc) cores"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || say "nvidia-smi not found"

PY=python3
if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  say "python3 has a CUDA torch: $(python3 -c 'import torch; print(torch.__version__)')"
else
  VENV=${GPU_VENV:-/tmp/gv}; PY=$VENV/bin/python
  if [ ! -x "$PY" ]; then
    say "no CUDA torch in python3: venv $VENV with torch from PyPI"
    python3 -m venv "$VENV" && "$PY" -m pip install -q --upgrade pip && "$PY" -m pip install -q torch
  fi
fi
# the project's small runtime needs (settings.ini `requirements`), only those missing
NEED=$("$PY" - <<'PY'
import importlib.util as u
pk = {'numpy': 'numpy', 'pandas': 'pandas', 'matplotlib': 'matplotlib', 'PIL': 'pillow',
      'fastcore': 'fastcore<2', 'pymoo': 'pymoo>=0.6,<0.7', 'fastprogress': 'fastprogress<1.1'}
print(' '.join(f'"{v}"' for k, v in pk.items() if u.find_spec(k) is None))
PY
)
SITE=/tmp/egdarts-site
if [ -n "$NEED" ]; then
  say "missing: $NEED"
  if ls .whl/*.whl >/dev/null 2>&1; then
    "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target $SITE .whl/*.whl || say "WARNING: offline install failed"
  else
    eval "$PY" -m pip install -q --retries 0 --timeout 10 --target $SITE $NEED || say "WARNING: install failed (no network?); stages that need these will fail"
  fi
fi
export PYTHONPATH="$PWD:$SITE${PYTHONPATH:+:$PYTHONPATH}"   # the project itself, without installing it
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
"$PY" - > "$OUTDIR/env.txt" <<'PY'
import torch, platform, os, egdarts, pymoo
from egdarts.core import device_name
print('python', platform.python_version(), 'torch', torch.__version__, 'cuda', torch.version.cuda, 'pymoo', pymoo.__version__)
print('device', device_name('auto'), 'egdarts', getattr(egdarts, '__version__', '?'), 'EGDARTS_DATA', os.environ.get('EGDARTS_DATA', ''))
PY
cat "$OUTDIR/env.txt"
DEV=cuda
"$PY" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' || { say "WARNING: no CUDA device visible: running on CPU"; DEV=cpu; }
if [ "$DEV" = cuda ]; then SECTIONS=${BENCH_SECTIONS:-graphs,stages,network,shared,target,profiles}; STEPS=5
else SECTIONS=${BENCH_SECTIONS:-micro}; STEPS=2; fi

BB=${BENCH_BUDGET:-360}
say "benchmark on $DEV, sections $SECTIONS (budget $BB s; results are written after every section)"
timeout $BB "$PY" -m egdarts.bench --device $DEV --out "$OUTDIR" --steps $STEPS --sections $SECTIONS; RB=$?
[ $RB -eq 0 ] || say "benchmark exited with $RB (124 = time limit: the sections finished before it are in bench.json)"

SB=${SMOKE_BUDGET:-60}
SS=${SMOKE_STAGES:-fast_path_equivalence,candidate_training,latency}
say "smoke of stages $SS on $DEV (budget $SB s; SMOKE_STAGES=all for every stage, which needs about 3 minutes)"
[ "$SS" = all ] && SS=""
timeout $SB "$PY" -m egdarts.bench --device $DEV --out "$OUTDIR" --smoke ${SS:+--smoke-stages $SS}; RS=$?
[ $RS -eq 0 ] || say "smoke exited with $RS (124 = time limit, 1 = a stage failed: see smoke.json)"
[ -f "$OUTDIR/smoke/smoke.json" ] && cp "$OUTDIR/smoke/smoke.json" "$OUTDIR/smoke.json" && rm -rf "$OUTDIR/smoke"

say "done in $(( $(date +%s) - T0 )) s: benchmark rc=$RB, smoke rc=$RS; results in $OUTDIR"
[ -f "$OUTDIR/smoke.json" ] && "$PY" -c "
import json; r = json.load(open('$OUTDIR/smoke.json'))
print('smoke on', r['device'], 'data', r['data'])
for k, v in r['stages'].items(): print(f\"  {k:24s} {'ok' if v['ok'] else 'FAILED ' + v['error'][:200]} ({v['s']} s)\")"
[ -f "$OUTDIR/bench.md" ] && cat "$OUTDIR/bench.md"
[ -f "$OUTDIR/bench.json" ] && "$PY" -c "
import json; e = json.load(open('$OUTDIR/bench.json'))['meta'].get('extrapolation')
if not e: print('paper profile: no extrapolation (the stages or network section did not finish)')
for k, h in (('eager', e), ('CUDA graphs', (e or {}).get('with_cuda_graphs'))):
    if h: print(f\"paper profile, {k}: {h['total_h']:.1f} h on this GPU (goal <= 12 h: {'met' if h['total_h'] <= 12 else 'not met'})\")"
exit $(( RB != 0 || RS != 0 ))
