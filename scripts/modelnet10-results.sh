#!/usr/bin/env bash
# The ModelNet10 comparison of docs/results.md at equal budget, Nano, one seed per call:
#   scratch | Point-MAE† | ReCon with the text teacher | full ReCon (text teacher + CAE image teacher on depth views).
# Usage: scripts/modelnet10-results.sh OUT_DIR [SEED]
# Budget (environment): PRE_EPOCHS planned pretraining epochs (cosine over them), STOP_AFTER stop pretraining after
# that many of them (0 = all), FT_EPOCHS, FS_EPOCHS, FOLDS, CAE_EPOCHS (image teacher), UP=z to turn the z-up ModelNet
# files y-up on load for every command (default y: the files as stored, what the official code would do),
# IMG_STANDARDIZE=1 to standardise the image teacher's features (--img-standardize), ROWS to run only some rows.
# Warm-up 0 everywhere: with the official per-epoch schedule (and its off-by-one) a 1-epoch warm-up runs two of
# ten epochs at warmup_lr_init = 1e-6.
# The four rows run side by side, one thread each (2-core machine). Each stage skips itself when its output exists,
# so a stopped run is continued by running the script again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
data="${DATA:-$here/../shared/data/modelnet10}"
pre_epochs="${PRE_EPOCHS:-10}"; stop_after="${STOP_AFTER:-0}"; ft_epochs="${FT_EPOCHS:-8}"
fs_epochs="${FS_EPOCHS:-20}"; folds="${FOLDS:-3}"; cae_epochs="${CAE_EPOCHS:-2}"; up="${UP:-y}"
# Rendering: the files are z-up; once --up z has turned them y-up, the renderer must not turn them again.
img_up=z; [ "$up" = z ] && img_up=y
std_img=""; [ "${IMG_STANDARDIZE:-0}" = 1 ] && std_img="--img-standardize"
rows="${ROWS:-scratch pointmae recon reconfull}"
mkdir -p "$out"
# A frozen copy of the jar: the launcher rebuilds target/ when sources change, which would break running JVMs.
[ -f "$out/recon4j.jar" ] || { "$here/recon" --version > /dev/null; cp "$here"/target/recon4j-*-cli.jar "$out/recon4j.jar"; }
recon() { GLIBC_TUNABLES=glibc.malloc.hugetlb=1 TORCH_CPP_LOG_LEVEL=ERROR java -Xmx4g -Dai.djl.offline=true -jar "$out/recon4j.jar" "$@"; }
recon1() { OMP_NUM_THREADS=1 recon "$@"; }
recond() { local c="$1"; shift; recon1 "$c" --up "$up" "$@"; }  # a data command
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }
t() { local name="$1"; shift; local s=$(date +%s); log "start $name"; "$@" > "$out/$name.log" 2>&1; log "done $name in $(( $(date +%s) - s )) s"; }

# PRETRAINED=ckpt-last.pth fine-tunes from the last epoch checkpoint (runs stopped by hand before --stop-after existed).
weights() { echo "$out/$1/${PRETRAINED:-pretrained.pth}"; }
teacher() { # row -> pretraining teacher options
  case "$1" in
    pointmae) echo "--text-teacher none" ;;
    recon) echo "--text-teacher minilm" ;;
    reconfull) echo "--text-teacher minilm --img-teacher cae:$out/cae-views/pretrained.pth --img-up $img_up $std_img" ;;
  esac
}
pretrain() { # row; a finished stage leaves ROW.done (the run folder alone may hold a partial run)
  [ -f "$out/$1.done" ] && return 0
  # shellcheck disable=SC2046
  t "$1" recond pretrain --data "$data" --size nano --epochs "$pre_epochs" --stop-after "$stop_after" --warmup 0 \
    --lr 5e-4 --batch-size 32 --seed "$seed" $(teacher "$1") --cache "$out/teacher-cache" --out "$out/$1" \
    $( [ -f "$out/$1/ckpt-last.pth" ] && echo --resume )
  touch "$out/$1.done"
}
fewshot() { # row way [checkpoint]
  [ -f "$out/fs-$2w-$1/fewshot.md" ] || t "fs-$2w-$1" recond fewshot --data "$data" --size nano --way "$2" --shot 10 \
    --batch-size 10 --folds "$folds" --epochs "$fs_epochs" --warmup 0 --lr 5e-4 --seed "$seed" --out "$out/fs-$2w-$1" \
    ${3:+--checkpoint "$3"}
}
row() { # row: pretrain, then fine-tune + test (plain and voting), few-shot 5- and 10-way, SVM, zero-shot
  local ckpt=""
  if [ "$1" != scratch ]; then pretrain "$1"; ckpt="$(weights "$1")"; fi
  fewshot "$1" 5 "$ckpt"
  fewshot "$1" 10 "$ckpt"
  [ -f "$out/svm-$1.log" ] || t "svm-$1" recond svm --data "$data" --size nano --seed "$seed" --out "$out/svm-$1" ${ckpt:+--checkpoint "$ckpt"}
  case "$1" in recon*) [ -f "$out/zeroshot-$1.log" ] || t "zeroshot-$1" recond zeroshot --data "$data" --size nano --weights "$ckpt" ;; esac
  [ -f "$out/ft-$1/per-class.md" ] || t "ft-$1" recond finetune --data "$data" --size nano --epochs "$ft_epochs" --warmup 0 \
    --lr 5e-4 --seed "$seed" --out "$out/ft-$1" ${ckpt:+--checkpoint "$ckpt"}
  [ -f "$out/test-$1.log" ] || t "test-$1" recond test --data "$data" --size nano --checkpoint "$out/ft-$1/ckpt-last.pth" --votes 10
}

log "ModelNet10 comparison ($rows), seed $seed, --up $up ${std_img}: pretrain $pre_epochs epochs planned (stop after ${stop_after}), finetune $ft_epochs," \
  "few-shot $fs_epochs epochs x $folds folds, image teacher CAE-tiny $cae_epochs epochs"
[ -f "$out/cae-views/pretrained.pth" ] || t cae-views recon cae pretrain --views-of "$data" --up z --views 2 --size tiny \
  --epochs "$cae_epochs" --warmup 1 --batch-size 64 --seed "$seed" --out "$out/cae-views"
for r in $rows; do row "$r" & done; wait
log "all done"
