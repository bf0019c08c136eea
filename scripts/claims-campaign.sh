#!/usr/bin/env bash
# Issue 14's remaining runs as two lanes (one per core, one thread each), in priority order, every step resumable
# through the ledger (results/, scripts/ledger.sh): run this at the start of every working session and stop it with
# `scripts/claims-campaign.sh stop` before the machine goes away; commit results/ after.
# A step whose results are all in the ledger takes seconds; a pretraining that a pending stage needs runs first in
# its lane, so a lane should start at the beginning of a session (Nano, 20 epochs: about 85 min on one idle core).
# Usage: scripts/claims-campaign.sh [RUNS_DIR]   (default /work/runs) | scripts/claims-campaign.sh stop [RUNS_DIR]
# (stop: SIGTERM to every step, then a last ledger save of every run folder)
# LANES ("a b") picks lanes; the order inside a lane is the order of the issue's priorities (claim 1's seeds, then
# claim 2's few-shot rows, claim 4, claim 3, the 10-way rows).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = stop ]; then # then commit results/
  pgrep -f 'claims-campaign.sh|claims-modelnet10.sh|data-scaling.sh' | grep -vx "$$" | xargs -r kill -TERM || true
  sleep 2; pkill -TERM -f 'recon4j.jar' || true; sleep 20 # let the JVMs write their stop
  runs="${2:-/work/runs}"
  for d in "$runs"/claims-s*; do [ -d "$d" ] && "$here/scripts/ledger.sh" save "$d"; done
  for d in "$runs"/data-scaling-s*/fraction-*; do
    [ -d "$d" ] && "$here/scripts/ledger.sh" save "$d" "$here/results/$(basename "$(dirname "$d")")/$(basename "$d")"; done
  exit 0
fi
runs="${1:-/work/runs}"; mkdir -p "$runs"
log() { echo "[$(date -u +%H:%M:%S)] lane $*" | tee -a "$runs/campaign.txt"; }
step() { local lane="$1"; shift; log "$lane: $*"; env "$@" || log "$lane: FAILED $*"; }

# No stage (row of a run folder) appears in both lanes: two processes must never share one.
lane_a() { # claim 1, seeds 2 and 3 (scratch first: no pretraining, so its folds add up across sessions)
  step a ROWS=scratch WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s2" 2
  step a ROWS=mpm WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s2" 2
  step a ROWS=recon WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s2" 2
  step a ROWS=mpm WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s3" 3
  step a ROWS=recon WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s3" 3
  step a ROWS=recon-text WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s1" 1
  for r in scratch mpm recon; do # the 10-way rows of claim 1, seed 1 (3 steps and 200 test clouds per epoch)
    step a ROWS=$r WAYS=10 STAGES=fs "$here/scripts/claims-modelnet10.sh" "$runs/claims-s1" 1; done
}
lane_b() { # claim 1 seed 3's scratch, claim 2's few-shot rows (their SVM rows are in docs/results.md), claim 4, claim 3
  step b ROWS=scratch WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s3" 3
  step b ROWS=multitask WAYS=5 STAGES=fs "$here/scripts/claims-modelnet10.sh" "$runs/claims-s1" 1
  step b ROWS=twotower WAYS=5 STAGES=fs "$here/scripts/claims-modelnet10.sh" "$runs/claims-s1" 1
  step b ROWS=recon-cae WAYS=5 STAGES="svm fs" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s1" 1
  for r in mpm cmc recon; do # one row at a time: data-scaling.sh runs its rows side by side, one thread each
    step b ROWS=$r FRACTIONS="0.25 0.5 0.75" "$here/scripts/data-scaling.sh" "$runs/data-scaling-s1" 1; done
}

export CACHE="${CACHE:-$runs/teacher-cache}" # the teachers' outputs, computed once for every row and seed
log "campaign: lanes ${LANES:-a b}, runs in $runs, ledger in $here/results"
pids=()
for l in ${LANES:-a b}; do "lane_$l" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || true; done
log "campaign: all steps done"
