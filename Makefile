# egdarts: two commands do everything (README.md).
#   make reproduce [PROFILE=tiny|smoke|study|mid|paper] [DATASETS=cifar10] [JOBS=2]   -- the main job
#   make test                                                                  -- the tests CI runs
# Also: make stages / verify / lab / bench / reliability / nbtest / venv
SHELL := /bin/bash
PROFILE ?= smoke
DATASETS ?= cifar10
JOBS ?= 2
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
# Data: the offline archives beside the project (../shared/data) when present; see egdarts.data.
ifneq ($(wildcard ../shared/data/cifar10-jpeg.zip),)
export EGDARTS_DATA ?= $(abspath ../shared/data)
endif
export MPLBACKEND ?= Agg
# OpenMP threads sleep instead of spinning while they wait: with spinning, two torch threads on two busy cores
# ran steps 20-40x slower (measured by the benchmark's author; see README, Performance).
export OMP_WAIT_POLICY ?= PASSIVE
# One tested torch/torchvision pair for every machine (README, "Installation"): PyPI's default build, which runs on a
# CPU and on NVIDIA GPUs alike; aarch64 gets the newest pair PyPI has for it.
TORCH ?= $(if $(filter aarch64 arm64,$(shell uname -m)),torch==2.9.1 torchvision==0.24.1,torch==2.14.1 torchvision==0.29.1)

.PHONY: venv reproduce stages verify lab test check-clean check-export check-project check-lint nbtest ci-smoke reliability \
	certify-test bench gpu-check clean-venv docs docs-proc docs-check docs-screenshots readme readme-check nbs nbs-check nbs-stored

$(VENV)/.installed: settings.ini setup.py
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(TORCH)
	$(PY) -m pip install -q -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

venv: $(VENV)/.installed

reproduce: venv
	$(BIN)/egdarts reproduce --profile $(PROFILE) --datasets $(DATASETS) --jobs $(JOBS)

stages: venv
	$(BIN)/egdarts stages --profile $(PROFILE) --datasets $(DATASETS)

# rerun PROFILE into a scratch folder and compare every table's source files with results/PROFILE
verify: venv
	$(BIN)/egdarts verify --profile $(PROFILE) --datasets $(DATASETS) --jobs $(JOBS)

lab: venv
	$(PY) -m pip install -q -e ".[lab]"
	$(BIN)/jupyter lab nbs $(if $(filter 0,$(shell id -u)),--allow-root)

# --- tests: clean + export leave the tree unchanged, project checks, every notebook's tests
check-clean: venv
	@before=$$(find nbs -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort | xargs cat | sha1sum); \
	$(BIN)/nbdev_clean >/dev/null; \
	after=$$(find nbs -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort | xargs cat | sha1sum); \
	if [ "$$before" != "$$after" ]; then echo "FAIL: nbdev_clean changed notebooks (commit clean notebooks)"; git status --porcelain nbs; exit 1; fi; \
	echo "ok: nbdev_clean leaves notebooks unchanged"

check-export: venv
	@before=$$(find egdarts -name '*.py' | sort | xargs cat | sha1sum); \
	$(BIN)/nbdev_export; \
	after=$$(find egdarts -name '*.py' | sort | xargs cat | sha1sum); \
	if [ "$$before" != "$$after" ]; then echo "FAIL: notebooks and library out of sync (run nbdev_export and commit)"; git status --porcelain egdarts; exit 1; fi; \
	echo "ok: nbdev_export leaves egdarts/ unchanged"

check-project: venv
	$(PY) tools/check_project.py

# pyflakes' rules (unused imports and names, undefined names) on the library and the tools
check-lint: venv
	$(BIN)/ruff check --select F --exclude egdarts/_modidx.py egdarts tools && echo "ok: ruff (pyflakes rules) finds nothing"

nbtest: venv
	$(PY) tools/nbtest.py $(if $(FLAGS),--flags "$(FLAGS)")

# egdarts certify on a clone: a refactor certified, a behaviour change refused naming the file, unexecuted code refused (~4 min)
certify-test: venv
	$(PY) tools/nbtest.py --path nbs/12e_certify.ipynb --flags slow

ci-smoke: venv
	rm -rf results/ci-run figures/ci-run
	$(BIN)/egdarts reproduce --profile tiny --datasets cifar10 --results results/ci-run --figures figures/ci-run --jobs 1 --check

# the fault-injection and bad-input suite (egdarts.reliability), against ci-smoke's uninterrupted run
reliability: venv
	rm -rf results/ci-run/reliability-work
	$(PY) -m egdarts.reliability --reference results/ci-run/tiny --reference-figures figures/ci-run/tiny \
		--work results/ci-run/reliability-work --out results/ci-run/reliability

# README current, the notebooks' tests, the tiny pipeline and the fault suite, then the documentation site in Chromium;
# every step runs (one failing does not hide the others) and the last line adds them up: `make test: N passed, M failed`
TEST_STEPS := check-clean check-export check-project check-lint readme-check nbs-stored ci-smoke reliability nbtest certify-test docs-check
TEST_LOG := results/test.log
test: venv
	@mkdir -p $(dir $(TEST_LOG)); : > $(TEST_LOG); \
	for step in $(TEST_STEPS); do \
		$(MAKE) --no-print-directory $$step 2>&1 | tee -a $(TEST_LOG); echo "make $$step: exit $${PIPESTATUS[0]}" >> $(TEST_LOG); \
	done; \
	$(PY) tools/test_summary.py $(TEST_LOG)

bench: venv
	$(PY) -m egdarts.bench --out results/bench

gpu-check: venv
	bash tools/gpu_check.sh

# --- documentation (README.md, Documentation): the site in _site/, built offline from the notebooks
docs: venv
	$(PY) tools/docs.py build

# every notebook passes nbdev's doc processing (what nbdev_docs runs before Quarto)
docs-proc: venv
	$(PY) tools/docs.py proc

# the built site in headless Chromium: links, images, the API, a figure, a table, math (apt-get install -y chromium)
# (built with --execute never: every library notebook that prints something has its outputs stored, `make nbs`)
docs-check: venv
	$(PY) tools/docs.py build --execute never
	$(PY) tools/docs_check.py

docs-screenshots: docs
	$(PY) tools/docs_check.py --screenshots figures/docs

# README.md is generated from nbs/index.ipynb (the docs' home page): edit the notebook, then `make readme`
readme: venv
	$(PY) tools/readme.py

# README.md is current, and every number the prose quotes agrees with its one source (tools/facts.py)
readme-check: venv
	$(PY) tools/readme.py --check
	$(PY) tools/facts.py --check

# execute the library notebooks and store their outputs; check that stored outputs are current (nbs-check re-executes:
# a developer's check, as another CPU may print a loss's last digits differently; make test runs nbs-stored)
nbs: venv
	$(PY) tools/nbexec.py

nbs-stored: venv
	$(PY) tools/nbexec.py --stored

nbs-check: venv
	$(PY) tools/nbexec.py --check

clean-venv:
	rm -rf $(VENV)
