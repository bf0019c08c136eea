#!/usr/bin/env bash
# Issue 14's remaining runs as two lanes (one per core, one thread each), every step resumable through the ledger
# (results/, scripts/ledger.sh): run this at the start of every working session with SESSION_END set, and stop it with
# `scripts/claims-campaign.sh stop` before the machine goes away; commit results/ after.
# Run folders (and so checkpoints) do not outlive a session, so a step that must pretrain is started only when its
# whole estimate (pretraining + NEW_FOLDS few-shot folds + SVM) fits before SESSION_END; each lane runs, again and
# again, the first unfinished step of its queue that fits. Scratch rows need no pretraining and resume fold by fold,
# so they fill whatever time is left. A step already in the ledger costs seconds (CHECK_ONLY).
# Usage: scripts/claims-campaign.sh [RUNS_DIR]   (default /work/runs) | scripts/claims-campaign.sh stop|save [RUNS_DIR]
# (stop: SIGTERM to every step — and to every other recon4j.jar JVM — then a last ledger save of every run folder;
# save: the ledger save alone, the campaign runs on)
# Environment: SPEED (the factor on every estimate; default: from this CPU's last pretraining, below), SESSION_END (HH:MM UTC — past midnight when more than 12 h behind now —, or any time `date -d` reads; unset: every step fits), LANES ("a b"), NEW_FOLDS (5: few-shot folds of a row
# not yet run; seed 1's claim-1 rows have 10, and every row of a seed shares its folds, so fewer still pair fold by
# fold), QUEUE=1 (print each lane's queue with each step's state, run nothing), MATCH (an extended regex: only the steps
# whose line matches it, e.g. "STAGES='svm'" for claim 3's SVM pass while a lane's long fine-tuning waits for a session
# of its own).
set -euo pipefail
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; here="${RECON4J_HOME:-$(cd "$bin/.." && pwd)}"
if [ "${1:-}" = stop ] || [ "${1:-}" = save ]; then # then commit results/
  if [ "$1" = stop ]; then
    pgrep -f 'claims-campaign.sh|claims-modelnet10.sh|data-scaling.sh' | grep -vx "$$" | xargs -r kill -TERM || true
    sleep 2; pkill -TERM -f 'recon4j.jar' || true; sleep 20 # let the JVMs write their stop
  fi
  runs="${2:-/work/runs}"
  for d in "$runs"/claims-s*; do [ -d "$d" ] && "$bin/ledger.sh" save "$d"; done
  for d in "$runs"/data-scaling-s*/fraction-*; do
    [ -d "$d" ] && "$bin/ledger.sh" save "$d" "$here/results/$(basename "$(dirname "$d")")/$(basename "$d")"; done
  exit 0
fi
runs="${1:-/work/runs}"; mkdir -p "$runs"; nf="${NEW_FOLDS:-5}"
if [ -z "${QUEUE:-}" ] && [ -z "${CAMPAIGN_FROZEN:-}" ]; then # bash reads a script while it runs it: a commit that
  # edited this one mid-campaign ended it with a syntax error (12-04), so the campaign runs a copy of scripts/
  frozen="$runs/.scripts-$(date -u +%Y%m%d-%H%M%S)"; mkdir -p "$frozen"; cp "$bin"/*.sh "$frozen/"
  CAMPAIGN_FROZEN=1 RECON4J_HOME="$here" exec bash "$frozen/claims-campaign.sh" "$@"
fi
export CACHE="${CACHE:-$runs/teacher-cache}" # the teachers' outputs, computed once for every row and seed
log() { echo "[$(date -u +%H:%M:%S)] lane $*" | tee -a "$runs/campaign.txt"; }

# A step: "MINUTES|ENV ...|SCRIPT ARGS ...|PRETRAINED[|HERE]" — MINUTES is its estimate when it has to pretrain (one
# core, one thread: Nano 20 epochs 45-85 min, a 5-way fold 5-10 min, a 10-way fold ≈ 2.5 of those, SVM ≈ 5 min);
# PRETRAINED names the file that says its pretraining is already here: then HERE minutes (default one fold's 15) fit it.
# A step with MINUTES = $only_here runs only while its pretraining is here: extending a row to 10 folds in the session
# that pretrained it costs its folds alone, in a later session a whole pretraining more.
only_here=9999
claims() { # minutes seed row folds stages ways [minutes while its pretraining is here]
  echo "$1|ROWS=$3 FOLDS=$4 STAGES='$5' WAYS=$6|claims-modelnet10.sh $runs/claims-s$2 $2|$runs/claims-s$2/$3.done${7:+|$7}"; }
row() { # minutes seed row stages: NEW_FOLDS 5-way folds, then (while pretrained here) all 10
  claims "$1" "$2" "$3" "$nf" "$4" 5; claims "$only_here" "$2" "$3" 10 fs 5; }
ft() { # minutes seed row rate: claim 1's fine-tuning, FT_EPOCHS (40, warm-up FT_WARMUP 3, cosine) — a named deviation from
  # the issue's 50-100 epochs: a pretraining and 50 epochs (≈ 2 h at one thread) do not fit one session, and run
  # folders do not outlive it
  # (≈ 2.5 min per epoch at one thread: 100 min even where its pretraining is already here)
  echo "$1|ROWS=$3 STAGES=ft FT_LRS=$4 FT_EPOCHS=${FT_EPOCHS:-40} FT_WARMUP=${FT_WARMUP:-3}|claims-modelnet10.sh $runs/claims-s$2 $2|$runs/claims-s$2/$3.done|100"; }
scaling() { # minutes row fraction stages [seed: 2] (a seed's 100% points are its claim-1 rows and its cmc row below);
  # a few-shot step whose fraction is pretrained here costs its 5 folds alone (≈ 45 min)
  local s="${5:-2}"
  echo "$1|ROWS=$2 FRACTIONS=$3 FOLDS=$nf STAGES='$4' FULL=$runs/claims-s$s|data-scaling.sh $runs/data-scaling-s$s $s|$runs/data-scaling-s$s/fraction-$3/$2.done|45"; }
shots() { # minutes seed row [minutes while its pretraining is here]: claim 1's 5-way 20-shot ("where time allows"),
  # NEW_FOLDS folds; its folders fs-5w-20shot-ROW stand beside the 10-shot ones
  echo "$1|ROWS=$3 FOLDS=$nf STAGES=fs WAYS=5 SHOT=20|claims-modelnet10.sh $runs/claims-s$2 $2|$runs/claims-s$2/$3.done${4:+|$4}"; }
zeroshot() { # minutes seed epochs: claim 5 (pretrain on five classes, zero-shot on the other five); its pretraining
  # is short (10 epochs on 2,749 shapes), so a lost run folder costs the whole step again
  echo "$1|EPOCHS=$3|zeroshot-heldout.sh $runs/zs-bridge-s$2 $2|$runs/zs-bridge-s$2/pretrain/pretrained.pth|10"; }
# Everything still to pretrain with the ImageNet teacher goes to seed 2 (claims 2-4, fine-tuning, data scaling): seed
# 1's teacher ran on a CPU without VNNI, whose int8 outputs differ (docs/teachers.md), so its rows pair with nothing new.
# No stage (row of a run folder, its pretraining included) appears in both lanes: two processes must never share one.
# Order (12-04 evening): scratch's last 5-way folds, then claims 2 and 4 (no row yet on seed 2) before the rest of the
# fine-tuning grid (claim 1's official rate is measured first); then (12-05) claim 3, which has no table yet, fraction
# by fraction across the three methods, before the 10-way extensions of mpm and recon: (12-05, later) first each
# fraction's pretraining and linear SVM (≈ 4.5 h of lane time for all nine points: one session gives the whole SVM
# curve), then its 5 few-shot folds (≈ 45 min each where the pretraining is still here). Then (12-05, later) claim 1's
# fine-tuning on seed 3 at 5e-4 (seed 2 has the only fine-tuning grid; 1e-5 under-trains in 40 epochs): its
# pretrainings must run again (the ledger's step records check them), each pretrained row a whole session of one lane.
mapfile -t lane_a < <( # Point-MAE† and scratch of seed 2 (and their fine-tuning), claim 2's multitask, claim 4's recon-text
  row 110 2 mpm "svm fs"; claims 15 2 scratch "$nf" "svm fs" 5; row 110 3 mpm "svm fs"
  ft 145 2 mpm 1e-5; claims 15 2 scratch 10 fs 5
  row 110 2 multitask "svm fs"; row 110 2 recon-text "svm fs"
  ft 150 2 mpm 5e-4; ft 100 2 scratch 1e-5; ft 100 2 scratch 5e-4 # (12-05) mpm 5e-4 as ReCon's below: it starts a session
  claims 15 2 scratch "$nf" fs 10
  scaling 25 mpm 0.25 svm; scaling 30 mpm 0.5 svm; scaling 40 mpm 0.75 svm; scaling 50 recon 0.75 svm
  scaling 60 mpm 0.25 fs; scaling 80 mpm 0.5 fs; scaling 100 mpm 0.75 fs; scaling 100 recon 0.75 fs
  claims 160 2 mpm 3 fs 10 50 # three 10-way folds ≈ 16 min each beside the other lane
  ft 100 3 scratch 5e-4; ft 150 3 mpm 5e-4 # (12-05, later) claim 1's fine-tuning on a second seed at the rate that trains
  row 110 3 multitask "svm fs"; row 110 3 recon-text "svm fs" # (12-05, night) claims 2 and 4 on a second seed
  # (12-06) the SVM feature's halves (queries | locals) alone, seed 3: do untrained or distilled queries carry the lead?
  claims 60 3 mpm "$nf" parts 5; claims 60 3 multitask "$nf" parts 5; claims 60 3 recon-text "$nf" parts 5
  claims 60 3 recon "$nf" parts 5 # (12-06, later) moved from lane b, idle here: no lane-b step still uses seed 3's recon
  # (12-06, later) claim 2's mechanism: ReCon's teachers without the stop-gradient (--no-stop-gradient, a named
  # deviation), seed 3 beside its recon and multitask rows: probes and halves first, then its few-shot folds
  claims 75 3 recon-nosg "$nf" "svm parts" 5; claims 110 3 recon-nosg "$nf" fs 5 45; claims "$only_here" 3 recon-nosg 10 fs 5
  # (12-06, third) claim 5 had one seed, on the teacher of a CPU without VNNI: seed 2 on the exact path, same budget
  zeroshot 40 2 10; zeroshot 40 3 10 # (12-06) seed 2's transductive naming reached 2.6× chance, seed 1's 1.1×: a third
  claims 60 2 multitask "$nf" parts 5 # (12-06, third) seed 2's halves, for recon-nosg's locals (seed 3's lead sat there)
  # (12-06, later) claim 3 on a second seed, the probes' pass first (as seed 2's): its 100% cmc point, then each
  # fraction's pretraining and SVM; the other lane takes cmc and recon's smaller fractions
  claims 70 3 cmc "$nf" svm 5; scaling 25 mpm 0.25 svm 3; scaling 30 mpm 0.5 svm 3; scaling 40 mpm 0.75 svm 3
  # (12-06, fourth) recon 0.75 went to lane b (this lane held 160 min, that one 50); then the few-shot folds of seed
  # 3's points while their pretrainings are still here (45 min each), 25 % first: the claim is about little data
  scaling 60 mpm 0.25 fs 3; claims 110 3 cmc "$nf" fs 5 45; scaling 80 mpm 0.5 fs 3; scaling 100 mpm 0.75 fs 3
  # (12-06, fifth) ReCon 0.75's folds from lane b (4 steps left there, 2 here); its pretraining there is finished
  scaling 100 recon 0.75 fs 3
  # (12-06, fifth) claim 2 and the stop-gradient ablation on a third seed of the VNNI path (seeds 2-3 split on the
  # ablation's size: +4.2 vs +1.9 few-shot): seed 4's ReCon and two-tower here, its recon-nosg and multitask there
  row 110 4 recon "svm parts fs"
  # (12-06, seventh) each tower alone on seed 4 too (its width explained part of the lead on seed 2, not on seed 3),
  # before the folds past 5 so that it runs while the pretraining is here
  claims 110 4 twotower "$nf" "svm fs" 5; claims 110 4 twotower "$nf" towers 5 10; claims "$only_here" 4 twotower 10 fs 5
  # (12-06, sixth) claim 4 on the third VNNI seed: the teacher-free Point-MAE† and text-only ReCon here, CAE + text there
  row 110 4 mpm "svm parts fs"; row 110 4 recon-text "svm parts fs"
  # (12-06, seventh) claim 3 on the third VNNI seed (seeds 2-3 only so far): masked modelling's fractions here, the
  # probes' pass first, then their few-shot folds; its 100 % point is the mpm row above
  scaling 25 mpm 0.25 svm 4; scaling 30 mpm 0.5 svm 4; scaling 40 mpm 0.75 svm 4
  scaling 60 mpm 0.25 fs 4; scaling 80 mpm 0.5 fs 4; scaling 100 mpm 0.75 fs 4
  # (12-07) claim 1 at 20 shots on seed 4: ReCon here (its pretraining again: ≈ 70 min, then ≈ 15 min a fold), the
  # untrained and Point-MAE† rows there (lane a's mpm steps are all done: the row is never in both lanes at once)
  shots 150 4 recon )

mapfile -t lane_b < <( # ReCon of seed 2 (and its fine-tuning), scratch of seed 3, claim 2's two-tower, claim 4's recon-cae, claim 3
  # (a fraction's rows share its run folder across the lanes, never a row: each row's pretraining, SVM and folds stay
  # in one lane, so a later step never pretrains what the other lane is still pretraining)
  row 120 2 recon "svm fs"; claims 15 3 scratch "$nf" "svm fs" 5; row 120 3 recon "svm fs"
  ft 145 2 recon 1e-5; claims 15 3 scratch 10 fs 5
  row 120 2 twotower "svm fs"; row 130 2 recon-cae "svm fs"; row 110 2 cmc "svm fs"
  ft 150 2 recon 5e-4 # (12-05) scratch reached 93.7-94.1 % at 5e-4, 3.6 points over 1e-5: the pretrained rows at 5e-4 decide
  # claim 1's fine-tuning. Pretraining ≈ 50 min + 40 epochs ≈ 120 min overrun a session; the run resumes (--resume) in
  # the next one where the machine and its run folder are still there, else starts over.
  scaling 25 cmc 0.25 svm; scaling 35 cmc 0.5 svm; scaling 50 cmc 0.75 svm; scaling 25 recon 0.25 svm
  scaling 35 recon 0.5 svm
  scaling 60 cmc 0.25 fs; scaling 60 recon 0.25 fs; scaling 80 cmc 0.5 fs; scaling 80 recon 0.5 fs; scaling 100 cmc 0.75 fs
  claims 160 2 recon 3 fs 10
  ft 150 3 recon 5e-4
  row 120 3 twotower "svm fs"; row 130 3 recon-cae "svm fs" # paired with seed 3's recon and mpm rows of claim 1
  # (12-05, night) each two-tower tower alone (width is not the two-tower's lead on seed 3): seed 2's needs its pretraining again
  claims 10 3 twotower "$nf" towers 5; claims 100 2 twotower "$nf" towers 5
  claims 10 3 scratch "$nf" parts 5; claims 70 3 recon-cae "$nf" parts 5 # (12-06) as lane a
  # (12-06, third) the stop-gradient ablation's second seed goes before claim 3's replication: it tests a mechanism
  claims 110 2 recon-nosg "$nf" "svm parts fs" 5; claims "$only_here" 2 recon-nosg 10 fs 5
  claims 60 2 recon "$nf" parts 5 # ReCon's own halves on seed 2 beside it
  scaling 25 cmc 0.25 svm 3; scaling 35 cmc 0.5 svm 3; scaling 50 cmc 0.75 svm 3; scaling 25 recon 0.25 svm 3
  scaling 35 recon 0.5 svm 3 # (12-06, later) claim 3 on seed 3, as lane a
  scaling 50 recon 0.75 svm 3 # (12-06, fourth) from lane a, then the few-shot folds as lane a
  scaling 60 cmc 0.25 fs 3; scaling 60 recon 0.25 fs 3; scaling 80 cmc 0.5 fs 3; scaling 80 recon 0.5 fs 3
  scaling 100 cmc 0.75 fs 3
  row 110 4 recon-nosg "svm parts fs"; row 110 4 multitask "svm parts fs" # (12-06, fifth) as lane a
  row 130 4 recon-cae "svm parts fs" # (12-06, sixth) as lane a
  # (12-06, seventh) claim 3 on seed 4 as lane a: the cross-modal-only 100 % point, then cmc's and ReCon's fractions
  claims 70 4 cmc "$nf" svm 5; scaling 25 cmc 0.25 svm 4; scaling 35 cmc 0.5 svm 4; scaling 50 cmc 0.75 svm 4
  scaling 25 recon 0.25 svm 4; scaling 35 recon 0.5 svm 4; scaling 50 recon 0.75 svm 4
  claims 110 4 cmc "$nf" fs 5 45; scaling 60 cmc 0.25 fs 4; scaling 60 recon 0.25 fs 4; scaling 80 cmc 0.5 fs 4
  scaling 80 recon 0.5 fs 4; scaling 100 cmc 0.75 fs 4; scaling 100 recon 0.75 fs 4
  claims 15 4 scratch "$nf" "svm fs" 5 # seed 4's untrained baseline: no pretraining, fills what time is left
  claims 15 4 scratch 10 fs 5 # (12-06, seventh) then all 10 folds, to pair with seed 4's 10-fold ReCon and Point-MAE† rows
  shots 15 4 scratch; shots 150 4 mpm 75 # (12-07) claim 1 at 20 shots on seed 4, as lane a
)

# The minute estimates were measured on an AMD EPYC, where Nano pretrains at ≈ 28 samples/s per lane; on another CPU
# they are scaled by 28 / its own rate, the median over the three newest pretraining logs under RUNS_DIR past their first
# epoch (each the mean of its last 20 progress lines after it), so a faster CPU's last half hour is not left idle (12-07:
# the Xeon ran every step in 55-65 % of its estimate) and one pretraining slowed by other work on the machine does not
# set the rate alone. SPEED sets the factor by hand; 1 while no log says.
ref_rate=28
factor() { # prints the factor and, after it, the rate it comes from (or "set" / "none")
  [ -n "${SPEED:-}" ] && { echo "$SPEED set"; return; }
  local rate
  rate=$(find "$runs" -maxdepth 3 -name 'pre*.log' -printf '%T@ %p\n' 2>/dev/null | sort -rn | cut -d' ' -f2- |
    { n=0; while [ "$n" -lt 3 ] && read -r x; do grep -q '^epoch 2/' "$x" || continue; n=$((n + 1))
        grep -E '^epoch ([2-9]|[1-9][0-9]+)/' "$x" | grep -o '[0-9.]* samples/s' | tail -20 |
          awk '{ s += $1; n++ } END { if (n) printf "%.1f\n", s / n }'; done; } | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' || true)
  awk -v r="${rate:-0}" -v ref="$ref_rate" 'BEGIN { f = r > 0 ? ref / r : 1; if (f < 0.3) f = 0.3; if (f > 3) f = 3
    printf "%.2f %s\n", f, (r > 0 ? r : "none") }'; }
scaled() { # minutes factor: the estimate on this CPU (the only-here mark stays as it is)
  [ "$1" = "$only_here" ] && { echo "$1"; return; }
  awk -v m="$1" -v f="$2" 'BEGIN { v = m * f; printf "%d\n", v == int(v) ? v : int(v) + 1 }'; }

left() { [ -z "${SESSION_END:-}" ] && { echo 100000; return; }
  local m=$(( ( $(date -u -d "$SESSION_END" +%s) - $(date -u +%s) ) / 60 ))
  [[ "$SESSION_END" =~ ^[0-9]{1,2}:[0-9]{2}$ ]] && [ "$m" -lt -720 ] && m=$(( m + 1440 )) # 01:45 said at 23:10 is tomorrow
  echo "$m"; }
launch() { # ENV CMD [extra env...]: ENV holds NAME=VALUE words, a value with spaces in single quotes
  local -a e; eval "e=($1)"; local cmd="$2"; shift 2 # shellcheck disable=SC2086
  env "$@" "${e[@]}" "$bin/${cmd%% *}" ${cmd#* }; }
pending() { ! launch "$2" "$3" CHECK_ONLY=1 > /dev/null 2>&1; }
lane() { # name; runs the first unfinished step that fits, until none does (a step is tried once per campaign)
  local name="$1" q="lane_$1[@]" tried=" " i it min env cmd done here_min ran
  local -a items=("${!q}")
  while :; do
    ran=0
    for i in "${!items[@]}"; do
      [[ "$tried" == *" $i "* ]] && continue
      IFS='|' read -r min env cmd done here_min <<< "${items[$i]}"
      [[ -z "${MATCH:-}" || "$env $cmd" =~ $MATCH ]] || continue
      pending "$min" "$env" "$cmd" || { [ -n "${QUEUE:-}" ] && echo "$name $i done:    $env $cmd"; continue; }
      [ -f "$done" ] && min=${here_min:-15}
      min=$(scaled "$min" "$(factor | cut -d' ' -f1)")
      if [ -n "${QUEUE:-}" ]; then echo "$name $i pending: $env $cmd (~$min min)"; tried+="$i "; continue; fi
      [ "$(left)" -ge "$min" ] || continue
      tried+="$i "; log "$name: $env $cmd"
      launch "$env" "$cmd" || log "$name: FAILED $env $cmd"
      ran=1; break
    done
    [ "$ran" = 1 ] || break
  done
  [ -n "${QUEUE:-}" ] || log "$name: nothing left that fits before ${SESSION_END:-the end} ($(left) min left)"
}

read -r fac rate <<< "$(factor)"
[ -n "${QUEUE:-}" ] || log "campaign: lanes ${LANES:-a b}, runs in $runs, ledger in $here/results, $nf folds for new" \
  "rows, session end ${SESSION_END:-not set}, estimates × $fac ($( [ "$rate" = set ] && echo 'SPEED' ||
  { [ "$rate" = none ] && echo 'no pretraining log yet' || echo "pretraining at $rate samples/s here"; } ))"
pids=()
for l in ${LANES:-a b}; do lane "$l" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || true; done
[ -n "${QUEUE:-}" ] || log "campaign: all steps done"
