#!/usr/bin/env bash
# Download, into ./.whl, the wheels tools/gpu_check.sh installs on a GPU machine that reaches no package index and
# whose python3 (3.12, with a CUDA torch) lacks them. Run where pip reaches PyPI; .whl is git-ignored.
set -euo pipefail
cd "$(dirname "$0")/.."
PLAT="--python-version ${PYVER:-3.12} --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_24_x86_64
      --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64"
for p in pymoo==0.6.2 moocore cffi pycparser platformdirs autograd cma Deprecated alive_progress about-time==4.2.1 \
         graphemeu==0.7.2 "fastcore<2" "fastprogress<1.1"; do
  python3 -m pip download -q --no-deps --only-binary=:all: $PLAT -d .whl "$p"
done
ls .whl
