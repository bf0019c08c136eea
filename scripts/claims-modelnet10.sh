#!/usr/bin/env bash
# The issue-14 claims on ModelNet10 at Nano, one pretraining seed per call, with the protocols of docs/results.md:
# official few-shot (150 epochs, warm-up 10, 10 folds, best test accuracy per fold), linear SVM + logistic probe on
# frozen features, annealed fine-tuning (warm-up + cosine over the whole budget) tested at the last and the best
# epoch, plain and with one voting pass.
# Usage: scripts/claims-modelnet10.sh OUT_DIR [SEED]
# Rows (ROWS, run side by side, one thread each; default "scratch mpm recon"):
#   scratch    no pretraining (SVM: the untrained encoder)
#   mpm        Point-MAE†: masked point modelling only
#   recon      ReCon: MPM + text (MiniLM) + image (ImageNet MobileNetV2, one shaded view) distillation
#   recon-text ReCon with the text teacher only          twotower / multitask / cmc: those methods, ReCon's teachers
#   recon-cae  ReCon with the text teacher + the built-in CAE image teacher (CAE-tiny on 2 depth views per training
#              shape, CAE_EPOCHS, trained first)                                    (claim 4: recon vs recon-cae vs
#              recon-text vs mpm; claim 2: recon vs twotower vs multitask; claim 1: recon vs mpm vs scratch)
#   recon-nosg ReCon's teachers with the named deviation --no-stop-gradient: the queries' losses reach the local tokens
#              (claim 2's mechanism: is the stop-gradient what keeps ReCon behind the multi-task Transformer?)
# Budget (environment): PRE_EPOCHS (20), FS_EPOCHS (150), FOLDS (10), WAYS ("5 10"), SHOT (10; another K writes its folds
# to fs-Ww-Kshot-ROW beside the 10-shot fs-Ww-ROW, which keep their names), FT_EPOCHS (50),
# FT_LRS ("1e-5 5e-4": the official ModelNet rate, backbone 1e-5 with the 10x cls* head, beside Point-MAE's 5e-4,
# the rate that suits training from scratch; one fine-tuning run per rate), FT_WARMUP (5), STAGES ("svm fs ft"; also
# "towers": a two-tower row's SVM of each tower alone, `recon svm --tower`, in svm-ROW-tower0/1 — none for other rows;
# "parts": any row's SVM of the global queries' and the local tokens' half alone, `recon svm --part`, in svm-ROW-queries
# and svm-ROW-locals),
# IMG_TEACHER (the MobileNetV2 ONNX of ../shared/teachers), UP (z), CAE_EPOCHS (10), DATA_FRACTION (1: pretrain on a
# stratified fraction of the training split, `--data-fraction`; claim 3 runs one OUT_DIR per fraction).
# THREADS (1): intra-op threads of every step (a pretraining's bits depend on it: keep one per run folder).
# CHECK_ONLY=1: run nothing, exit 3 when a stage of ROWS still lacks its result (after restoring the ledger).
# Each stage skips itself when its output exists and resumes a killed run: run the script again to continue.
# A row with work to do whose SVM stage predates per-shape predictions (svm-ROW/predictions.json) redoes that SVM
# first and keeps its predictions when it gives the recorded accuracy (else svm-ROW/refresh.txt says why).
# Ledger (scripts/ledger.sh): every finished stage and few-shot fold is also copied, without checkpoints, to LEDGER
# (default results/<basename of OUT_DIR>, in the repository: commit it), and restored from there first, so a run
# folder lost with its machine resumes; a row pretrains again (same seed, one thread) only if a stage still needs it.
set -euo pipefail
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; here="${RECON4J_HOME:-$(cd "$bin/.." && pwd)}" # RECON4J_HOME: a frozen copy's repository
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
data="${DATA:-$here/../shared/data/modelnet10}"
rows="${ROWS:-scratch mpm recon}"; stages="${STAGES:-svm fs ft}"
pre_epochs="${PRE_EPOCHS:-20}"; fs_epochs="${FS_EPOCHS:-150}"; folds="${FOLDS:-10}"; ways="${WAYS:-5 10}"
shot="${SHOT:-10}"; ft_epochs="${FT_EPOCHS:-50}"; ft_lrs="${FT_LRS:-1e-5 5e-4}"; ft_warmup="${FT_WARMUP:-5}"; up="${UP:-z}"
img="${IMG_TEACHER:-$here/../shared/teachers/mobilenetv2-12-int8-features.onnx}"
mkdir -p "$out"
ledger="${LEDGER:-$here/results/$(basename "$out")}"
"$bin/ledger.sh" restore "$out" "$ledger"
recon() { OMP_NUM_THREADS="${THREADS:-1}" GLIBC_TUNABLES=glibc.malloc.hugetlb=1 TORCH_CPP_LOG_LEVEL=ERROR \
  java -Xmx4g -Dai.djl.offline=true -jar "$out/recon4j.jar" "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }
t() { local name="$1"; shift; local s=$(date +%s); log "start $name"
  if "$@" > "$out/$name.log" 2>&1; then log "done $name in $(( $(date +%s) - s )) s"; "$bin/ledger.sh" save "$out" "$ledger" > /dev/null
  else log "FAILED $name (see $name.log)"; "$bin/ledger.sh" save "$out" "$ledger" > /dev/null; return 1; fi; }
fs_done() { # an interrupted run writes fewshot.md too, and a larger FOLDS extends a finished run
  [ -f "$1/fewshot.md" ] && ! grep -q 'incomplete' "$1/fewshot.md" || return 1
  local n m; read -r n m < <(sed -n 's/.* \([0-9]*\) of \([0-9]*\) folds.*/\1 \2/p' "$1/fewshot.md" | head -1)
  [ -n "$n" ] && [ "$n" = "$m" ] && [ "$m" -ge "$folds" ]; }  # a finished 10-fold run also answers FOLDS=5

fs_dir() { # way row -> the few-shot run folder of SHOT
  [ "$shot" = 10 ] && echo "$out/fs-$1w-$2" || echo "$out/fs-$1w-${shot}shot-$2"; }

test_done() { # the plain test and one official voting pass (10 votes); 12-04's first runs had a 1-vote pass: redone
  grep -q '1 pass × 10 votes' "$1/test.md" 2> /dev/null; }

pretraining() { # row -> pretraining options
  local both="--text-teacher minilm --img-teacher onnx:$img --img-views 1"
  case "$1" in
    mpm) echo "--method mpm --text-teacher none" ;;
    recon) echo "--method recon $both" ;;
    recon-nosg) echo "--method recon $both --no-stop-gradient" ;;
    recon-text) echo "--method recon --text-teacher minilm" ;;
    recon-cae) echo "--method recon --text-teacher minilm --img-teacher cae:$out/cae-views/pretrained.pth" ;;
    twotower|multitask|cmc) echo "--method $1 $both" ;;
    *) echo "unknown row $1" >&2; return 1 ;;
  esac
}
pretrain() { # row; a finished stage leaves ROW.done (the run folder alone may hold a partial run)
  [ -f "$out/$1.done" ] && [ -f "$out/$1/pretrained.pth" ] && return 0
  rm -f "$out/$1.done"
  if [ "$1" = recon-nosg ] && [[ "$(recon pretrain --help 2> /dev/null || true)" != *--no-stop-gradient* ]]; then
    log "FAILED pre-$1: $out/recon4j.jar predates recon pretrain --no-stop-gradient (move a newer one in)"; return 1
  fi
  if [ "$1" = recon-cae ] && [ ! -f "$out/cae-views/pretrained.pth" ]; then
    t cae-views recon cae pretrain --views-of "$data" --up z --views 2 --size tiny --epochs "${CAE_EPOCHS:-10}" --warmup 1 \
      --batch-size 64 --seed "$seed" --out "$out/cae-views" $( [ -f "$out/cae-views/ckpt-last.pth" ] && echo --resume )
  fi
  # shellcheck disable=SC2046
  t "pre-$1" recon pretrain --data "$data" --up "$up" --size nano --epochs "$pre_epochs" --warmup 0 --lr 5e-4 \
    --batch-size 32 --seed "$seed" --data-fraction "${DATA_FRACTION:-1}" --fraction-seed "$seed" $(pretraining "$1") --cache "${CACHE:-$out/teacher-cache}" --out "$out/$1" \
    $( [ -f "$out/$1/ckpt-last.pth" ] && echo --resume )
  touch "$out/$1.done"
}
towers() { # row -> the tower indices of its checkpoint worth probing alone (only the two-tower has two)
  [ "$1" = twotower ] && echo "0 1" || true; }
pending() { # row -> true when a stage of it has no result yet (in the run folder or restored from the ledger)
  local r="$1" s w lr which; for s in $stages; do case "$s" in
    svm) [ -f "$out/svm-$r/svm.md" ] || return 0 ;;
    towers) for w in $(towers "$r"); do [ -f "$out/svm-$r-tower$w/svm.md" ] || return 0; done ;;
    parts) for w in queries locals; do [ -f "$out/svm-$r-$w/svm.md" ] || return 0; done ;;
    fs) for w in $ways; do fs_done "$(fs_dir "$w" "$r")" || return 0; done ;;
    ft) for lr in $ft_lrs; do for which in last best; do
          test_done "$out/test-$which-$r-lr$lr" || return 0; done; done ;;
  esac; done; return 1
}
svm_accuracy() { sed -n 's/^linear SVM.*test accuracy \([0-9.]*\) %.*/\1/p' "$1" 2> /dev/null; }
svm_refresh() { # row [ckpt]: an SVM stage recorded before per-shape predictions were kept (2026-12-05) is redone once
  # its encoder is on the machine anyway (≈ 3 min); its predictions are kept only if it gives the recorded accuracy
  local r="$1" d="$out/svm-$1" tmp="$out/svm-$1.refresh" was now
  [ -f "$d/svm.md" ] && [ ! -f "$d/predictions.json" ] && [ ! -f "$d/refresh.txt" ] || return 0
  grep -aq 'io/recon4j/protocol/TestPredictions' "$out/recon4j.jar" || return 0 # an older jar keeps none
  rm -rf "$tmp"
  t "svm-$r-refresh" recon svm --data "$data" --up "$up" --size nano --seed "$seed" --out "$tmp" ${2:+--checkpoint "$2"} \
    || return 0
  was="$(svm_accuracy "$d/svm.md")"; now="$(svm_accuracy "$tmp/svm.md")"
  if [ -n "$was" ] && [ "$was" = "$now" ] && [ -f "$tmp/predictions.json" ]; then
    cp "$tmp/predictions.json" "$d/.predictions.json.tmp" && mv "$d/.predictions.json.tmp" "$d/predictions.json" && rm -rf "$tmp"
    log "svm-$r: per-shape predictions kept (the SVM again gave the recorded $was %)"
  else
    echo "SVM again gave ${now:-no result} %, recorded ${was} %: per-shape predictions not kept (see $tmp)" > "$d/refresh.txt"
    log "svm-$r: $(cat "$d/refresh.txt")"
  fi
  "$bin/ledger.sh" save "$out" "$ledger" > /dev/null
}
row() {
  local r="$1" ckpt=""
  pending "$r" || { log "row $r: every stage has its result (ledger $ledger)"; return 0; }
  if [ "$r" != scratch ]; then pretrain "$r"; ckpt="$out/$r/pretrained.pth"; fi
  svm_refresh "$r" "$ckpt"
  for s in $stages; do case "$s" in
    svm) [ -f "$out/svm-$r/svm.md" ] || t "svm-$r" recon svm --data "$data" --up "$up" --size nano --seed "$seed" \
           --out "$out/svm-$r" ${ckpt:+--checkpoint "$ckpt"} ;;
    towers) for w in $(towers "$r"); do
          [ -f "$out/svm-$r-tower$w/svm.md" ] || t "svm-$r-tower$w" recon svm --data "$data" --up "$up" --size nano \
            --seed "$seed" --tower "$w" --out "$out/svm-$r-tower$w" --checkpoint "$ckpt"
        done ;;
    parts) grep -aq 'io/recon4j/model/SvmPart' "$out/recon4j.jar" \
          || { log "FAILED svm-$r-parts: $out/recon4j.jar predates recon svm --part (move a newer one in)"; return 1; }
        for w in queries locals; do
          [ -f "$out/svm-$r-$w/svm.md" ] || t "svm-$r-$w" recon svm --data "$data" --up "$up" --size nano \
            --seed "$seed" --part "$w" --out "$out/svm-$r-$w" ${ckpt:+--checkpoint "$ckpt"}
        done ;;
    fs) for w in $ways; do
          local fs; fs="$(fs_dir "$w" "$r")"
          fs_done "$fs" || t "$(basename "$fs")" recon fewshot --data "$data" --up "$up" --size nano \
            --way "$w" --shot "$shot" --folds "$folds" --epochs "$fs_epochs" --seed "$seed" --out "$fs" \
            ${ckpt:+--checkpoint "$ckpt"} $( [ -d "$fs" ] && echo --resume )
        done ;;
    ft) for lr in $ft_lrs; do # one run per rate: ft-ROW-lrLR, tested at its last and its best epoch
          local ft="$out/ft-$r-lr$lr"
          [ -f "$ft/per-class.md" ] || t "ft-$r-lr$lr" recon finetune --data "$data" --up "$up" --size nano \
            --epochs "$ft_epochs" --warmup "$ft_warmup" --lr "$lr" --seed "$seed" --out "$ft" \
            ${ckpt:+--checkpoint "$ckpt"} $( [ -f "$ft/ckpt-last.pth" ] && echo --resume )
          for which in last best; do
            test_done "$out/test-$which-$r-lr$lr" || t "test-$which-$r-lr$lr" recon test --data "$data" --up "$up" \
              --size nano --checkpoint "$ft/ckpt-$which.pth" --votes 10 --passes 1 --out "$out/test-$which-$r-lr$lr"
          done
        done ;;
  esac; done
}

if [ -n "${CHECK_ONLY:-}" ]; then # exit 3 when a stage of ROWS has no result yet (nothing is run)
  for r in $rows; do pending "$r" && exit 3; done; exit 0
fi
todo=0; for r in $rows; do pending "$r" && todo=1; done
[ "$todo" = 1 ] || { log "nothing to do: every stage of ($rows) has its result"; exit 0; } # and no jar to build
# A frozen copy of the jar: the launcher rebuilds target/ when sources change, which would break running JVMs.
# Copied then renamed: a data-scaling fraction's folder is shared by both campaign lanes, and a JVM already running from
# the jar keeps reading its own file.
[ -f "$out/recon4j.jar" ] || { "$here/recon" --version > /dev/null; cp "$here"/target/recon4j-*-cli.jar "$out/.recon4j.jar.$$" \
  && mv "$out/.recon4j.jar.$$" "$out/recon4j.jar"; }
log "claims on ModelNet10 (rows: $rows; stages: $stages), seed $seed, --up $up: pretrain $pre_epochs epochs," \
  "few-shot ${ways}-way $shot-shot $fs_epochs epochs x $folds folds, fine-tune $ft_epochs epochs at lr ($ft_lrs)"
# A session may end mid-stage: every 5 minutes the finished few-shot folds go to the ledger too.
( while sleep 300; do "$bin/ledger.sh" save "$out" "$ledger" || true; done ) > /dev/null 2>&1 & saver=$!
trap 'kill $saver 2> /dev/null || true' EXIT
pids=()
for r in $rows; do row "$r" & pids+=($!); done
fail=0; for p in "${pids[@]}"; do wait "$p" || fail=1; done
log "all done (failures: $fail)"; exit "$fail"
