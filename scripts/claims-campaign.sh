#!/usr/bin/env bash
# Issue 14's remaining runs as two lanes (one per core, one thread each), in priority order, every step resumable
# through the ledger (results/, scripts/ledger.sh): run this at the start of every working session and stop it with
# `scripts/claims-campaign.sh stop` before the machine goes away; commit results/ after.
# A step whose results are all in the ledger takes seconds. Run folders do not outlive a session, so each lane opens
# with a pretrained row sized to finish inside one session (Nano, 20 epochs: about 85 min on one idle core, then
# NEW_FOLDS few-shot folds of ~10 min) and fills the rest of the session with scratch folds, which need no
# pretraining and add up across sessions.
# Usage: scripts/claims-campaign.sh [RUNS_DIR]   (default /work/runs) | scripts/claims-campaign.sh stop [RUNS_DIR]
# (stop: SIGTERM to every step, then a last ledger save of every run folder)
# SESSION_END (HH:MM UTC, optional): a step that must pretrain first starts only if its estimate (PRETRAIN_MIN, 140
# min: pretraining and NEW_FOLDS folds) fits before then; otherwise the lane moves on to the scratch folds.
# LANES ("a b") picks lanes; NEW_FOLDS (5) is the number of few-shot folds of a pretrained row not yet run (seed 1's
# rows of claim 1 have 10; every row of a seed shares the same folds, so fewer folds still pair fold by fold).
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
runs="${1:-/work/runs}"; mkdir -p "$runs"; nf="${NEW_FOLDS:-5}"
log() { echo "[$(date -u +%H:%M:%S)] lane $*" | tee -a "$runs/campaign.txt"; }
step() { local lane="$1"; shift; log "$lane: $*"; env "$@" || log "$lane: FAILED $*"; }
fits() { # run folder, row -> true when the row's pretraining exists here or the session has room for it
  [ -f "$1/$2.done" ] && return 0; [ -z "${SESSION_END:-}" ] && return 0
  [ $(( ( $(date -u -d "$SESSION_END" +%s) - $(date -u +%s) ) / 60 )) -ge "${PRETRAIN_MIN:-140}" ]; }
claims() { # lane seed row folds [stages] [ways]
  if [ "$3" != scratch ] && ! fits "$runs/claims-s$2" "$3" && ! ROWS="$3" FOLDS="$4" STAGES="${5:-svm fs}" WAYS="${6:-5}" \
      CHECK_ONLY=1 "$here/scripts/claims-modelnet10.sh" "$runs/claims-s$2" "$2" > /dev/null 2>&1; then
    log "$1: seed $2 $3 left for a session with room (pretraining + folds ~${PRETRAIN_MIN:-140} min)"; return 0
  fi
  step "$1" ROWS="$3" FOLDS="$4" STAGES="${5:-svm fs}" WAYS="${6:-5}" "$here/scripts/claims-modelnet10.sh" "$runs/claims-s$2" "$2"; }

# No stage (row of a run folder) appears in both lanes: two processes must never share one.
lane_a() { # claim 1's Point-MAE† rows, claim 2's multitask, claim 4's recon-text; scratch folds of seed 2 as filler
  claims a 2 mpm "$nf"; claims a 3 mpm "$nf"
  claims a 1 multitask "$nf" fs; claims a 1 recon-text "$nf"
  claims a 2 scratch 10
  for r in scratch mpm recon; do claims a 1 "$r" "$nf" fs 10; done # the 10-way rows of claim 1, seed 1
}
lane_b() { # claim 1's ReCon rows, claim 2's two-tower, claim 4's recon-cae, claim 3; scratch folds of seed 3
  claims b 2 recon "$nf"; claims b 3 recon "$nf"
  claims b 1 twotower "$nf" fs; claims b 1 recon-cae "$nf"
  claims b 3 scratch 10
  for r in mpm cmc recon; do # one row at a time: data-scaling.sh runs its rows side by side, one thread each
    step b ROWS=$r FOLDS="$nf" FRACTIONS="0.25 0.5 0.75" "$here/scripts/data-scaling.sh" "$runs/data-scaling-s1" 1; done
}

export CACHE="${CACHE:-$runs/teacher-cache}" # the teachers' outputs, computed once for every row and seed
log "campaign: lanes ${LANES:-a b}, runs in $runs, ledger in $here/results, $nf folds for new pretrained rows"
pids=()
for l in ${LANES:-a b}; do "lane_$l" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || true; done
log "campaign: all steps done"
