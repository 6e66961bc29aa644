#!/usr/bin/env bash
# One consistent run of the performance benchmarks (issue 32), in turn, on an otherwise idle machine:
# each section of the output starts with the date, the commit, the load average and the command, as
# bench/README.md's tables quote them.
#
# Usage: bash bench/perf_run.sh [OUT [VENV]]   (default build/perf-run.txt; takes about 22 minutes on 2 cores)
# VENV: a virtual environment of the project alone (bash bench/make_venv.sh VENV); the example's cold and
# warm runs are then timed with it and with this interpreter side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/perf-run.txt}
venv=${2:-}
mkdir -p "$(dirname "$out")"
: > "$out"
run() {
  {
    echo
    echo "## $*"
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- factcheck || echo ' (with local changes)'); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
  } | tee -a "$out"
  "$@" 2>&1 | tee -a "$out"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
}
if [ -n "$venv" ]; then
  run python bench/seeds_e2e.py 5 --python "$(python -c "import sys; print(sys.executable)")" --python "$venv/bin/python"
else
  run python bench/seeds_e2e.py 5
fi
run python bench/story_cost.py 24 --rounds 3 --runtimes numpy,onnx
run python bench/long_version.py --sizes 1,2,4,8 --keep build/long
run python bench/model_floor.py build/long/x8
run python bench/embed_shapes.py build/long/x8
run python bench/batch_speed.py 24 local:1 local:2 ray:2 --rounds 2
