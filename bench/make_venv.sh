#!/usr/bin/env bash
# A virtual environment that holds only the project and its dependencies (no system site-packages), as a
# user's `pip install` gives: bench/perf_run.sh times the example in it beside the interpreter that runs
# the benchmarks, whose site-packages may import more at every start (on the machine where bench/README.md
# was measured, a .pth file of the sandbox imports certifi, and importlib.resources with it).
#
# Usage: bash bench/make_venv.sh DIR   (then: bash bench/perf_run.sh OUT DIR)
set -euo pipefail
dir=${1:?usage: bash bench/make_venv.sh DIR}
cd "$(dirname "$0")/.."
python -m venv "$dir"
"$dir/bin/pip" install -q torch==2.13.0   # the CPU build here; an unpinned torch pulls CUDA packages
"$dir/bin/pip" install -q -e .
"$dir/bin/python" -c "import factcheck, sys; print(sys.prefix, 'runs', factcheck.__file__)"
