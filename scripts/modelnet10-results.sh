#!/usr/bin/env bash
# The ModelNet10 comparison of docs/results.md: scratch vs Point-MAE† vs ReCon (MiniLM text teacher), Nano,
# one seed, a CPU-sized budget. Usage: scripts/modelnet10-results.sh OUT_DIR [SEED]
# Warm-up 0 everywhere: with the official per-epoch schedule (and its off-by-one) a 1-epoch warm-up runs two of
# ten epochs at warmup_lr_init = 1e-6.
# Each stage skips itself when its output exists, so a stopped run is continued by running it again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
data="${DATA:-$here/../shared/data/modelnet10}"
pre_epochs="${PRE_EPOCHS:-10}"; ft_epochs="${FT_EPOCHS:-8}"; fs_epochs="${FS_EPOCHS:-20}"; folds="${FOLDS:-3}"
mkdir -p "$out"
# A frozen copy of the jar: the launcher rebuilds target/ when sources change, which would break running JVMs.
[ -f "$out/recon4j.jar" ] || { "$here/recon" --version > /dev/null; cp "$here"/target/recon4j-*-cli.jar "$out/recon4j.jar"; }
recon() { GLIBC_TUNABLES=glibc.malloc.hugetlb=1 TORCH_CPP_LOG_LEVEL=ERROR java -Xmx8g -Dai.djl.offline=true -jar "$out/recon4j.jar" "$@"; }
recon1() { OMP_NUM_THREADS=1 recon "$@"; }  # two runs side by side on 2 cores
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }
t() { local name="$1"; shift; local s=$(date +%s); log "start $name"; "$@" > "$out/$name.log" 2>&1; log "done $name in $(( $(date +%s) - s )) s"; }


pretrain() { # name teacher
  [ -f "$out/$1/pretrained.pth" ] || t "$1" recon1 pretrain --data "$data" --size nano \
    --epochs "$pre_epochs" --warmup 0 --lr 5e-4 --batch-size 32 --seed "$seed" --text-teacher "$2" \
    --cache "$out/teacher-cache" --out "$out/$1" $( [ -d "$out/$1" ] && echo --resume )
}
finetune() { # name [checkpoint]
  [ -f "$out/ft-$1/per-class.md" ] || t "ft-$1" recon1 finetune --data "$data" --size nano \
    --epochs "$ft_epochs" --warmup 0 --lr 5e-4 --seed "$seed" --out "$out/ft-$1" ${2:+--checkpoint "$2"}
}
after_ft() { # name [checkpoint]
  [ -f "$out/test-$1.log" ] || t "test-$1" recon test --data "$data" --size nano --checkpoint "$out/ft-$1/ckpt-last.pth" --votes 10
  [ -f "$out/fs-$1/fewshot.md" ] || t "fs-$1" recon1 fewshot --data "$data" --size nano --way 5 --shot 10 --batch-size 10 \
    --folds "$folds" --epochs "$fs_epochs" --warmup 0 --lr 5e-4 --seed "$seed" --out "$out/fs-$1" ${2:+--checkpoint "$2"}
  [ -f "$out/svm-$1.log" ] || t "svm-$1" recon svm --data "$data" --size nano --seed "$seed" --out "$out/svm-$1" ${2:+--checkpoint "$2"}
}

log "ModelNet10 comparison, seed $seed, pretrain $pre_epochs / finetune $ft_epochs / few-shot $fs_epochs epochs x $folds folds"
pretrain pointmae none & pretrain recon minilm & wait
finetune scratch & finetune pointmae "$out/pointmae/pretrained.pth" & wait
finetune recon "$out/recon/pretrained.pth"
after_ft scratch & after_ft pointmae "$out/pointmae/pretrained.pth" & wait
after_ft recon "$out/recon/pretrained.pth"
[ -f "$out/zeroshot-recon.log" ] || t zeroshot-recon recon zeroshot --data "$data" --size nano --weights "$out/recon/pretrained.pth"
log "all done"
