#!/usr/bin/env bash
# GPU check: the speed benchmark on CUDA and a short smoke of every stage, in under 8 minutes.
#   bash tools/gpu_check.sh            (or: make gpu-check)
# Writes to $OUT when set (the device machine's output folder), else results/gpu:
#   gpu_check.log, env.txt, bench/bench.{json,csv,md}, bench/smoke/smoke.json
# Python: a venv in $GPU_VENV (default /tmp/gv). If the system python3 already has a CUDA torch
# (as on the project's lent GPU machines, which reach no package index), the venv inherits it
# (--system-site-packages) and only the small missing packages are installed, from ./.whl when
# that folder exists (offline wheels), else from PyPI. Otherwise the venv gets torch (CUDA build)
# from PyPI. The project's own .venv is CPU-only and is not used. Nothing heavy is installed.
set -uo pipefail
cd "$(dirname "$0")/.."
OUTDIR=${OUT:-results/gpu}
mkdir -p "$OUTDIR/bench"
exec > >(tee "$OUTDIR/gpu_check.log") 2>&1
T0=$(date +%s)
VENV=${GPU_VENV:-/tmp/gv}
PY=$VENV/bin/python
say() { echo "[gpu_check +$(( $(date +%s) - T0 ))s] $*"; }

say "machine: $(uname -n), $(nproc) cores"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || say "nvidia-smi not found"

if [ ! -x "$PY" ]; then
  if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    say "system python3 has a CUDA torch: venv with --system-site-packages"
    python3 -m venv --system-site-packages "$VENV"
  else
    say "no CUDA torch in python3: venv with torch from PyPI"
    python3 -m venv "$VENV" && "$PY" -m pip install -q --upgrade pip && "$PY" -m pip install -q torch
  fi
fi
# the project's small runtime needs (settings.ini `requirements`), only those missing
NEED=$("$PY" - <<'PY'
import importlib.util as u
pk = {'numpy': 'numpy', 'pandas': 'pandas', 'matplotlib': 'matplotlib', 'PIL': 'pillow', 'yaml': 'pyyaml',
      'fastcore': 'fastcore<2', 'pymoo': 'pymoo>=0.6,<0.7', 'fastprogress': 'fastprogress<1.1'}
print(' '.join(f'"{v}"' for k, v in pk.items() if u.find_spec(k) is None))
PY
)
if [ -n "$NEED" ]; then
  say "installing: $NEED"
  if [ -d .whl ]; then eval "$PY" -m pip install -q --no-index --find-links .whl $NEED || say "WARNING: offline install failed"
  else eval "$PY" -m pip install -q --retries 0 --timeout 10 $NEED || say "WARNING: install failed (no network?); stages that need these will fail"; fi
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"   # the project itself, without installing it
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
"$PY" - > "$OUTDIR/env.txt" <<'PY'
import torch, platform, egdarts
from egdarts.core import device_name
print('python', platform.python_version(), 'torch', torch.__version__, 'cuda', torch.version.cuda)
print('device', device_name('auto'), 'egdarts', getattr(egdarts, '__version__', '?'))
PY
cat "$OUTDIR/env.txt"
DEV=cuda
"$PY" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' || { say "WARNING: no CUDA device visible: running on CPU (--quick)"; DEV=cpu; }
QUICK=$([ "$DEV" = cpu ] && echo "--quick --sections micro,profiles")   # CPU fallback: a short run only

say "benchmark on $DEV (budget 300 s)"
STEPS=$([ "$DEV" = cuda ] && echo 10 || echo 2)
timeout 300 "$PY" -m egdarts.bench --device $DEV --out "$OUTDIR/bench" --steps $STEPS $QUICK ${BENCH_ARGS:-}; RB=$?
[ $RB -eq 0 ] || say "benchmark exited with $RB (124 = time limit)"

say "smoke of every stage on $DEV (budget 150 s)"
timeout 150 "$PY" -m egdarts.bench --device $DEV --out "$OUTDIR/bench" --smoke; RS=$?
[ $RS -eq 0 ] || say "smoke exited with $RS (124 = time limit, 1 = a stage failed: see bench/smoke/smoke.json)"

say "done in $(( $(date +%s) - T0 )) s: benchmark rc=$RB, smoke rc=$RS; results in $OUTDIR"
[ -f "$OUTDIR/bench/bench.md" ] && cat "$OUTDIR/bench/bench.md"
exit $(( RB != 0 || RS != 0 ))
