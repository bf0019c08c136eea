#!/usr/bin/env bash
# Every pretraining method of `recon pretrain --method` (recon, mpm, cmc, smc, multitask, twotower) on ModelNet10 at
# one budget, each checkpoint then fine-tuned and tested (plain + voting) and probed by the linear SVM.
# Usage: scripts/pretrain-methods.sh OUT_DIR [SEED]
# Budget (environment): METHODS (default all six), PRE_EPOCHS planned pretraining epochs (default 1), STOP_AFTER
# (0 = all), FT_EPOCHS (default 1), SIZE (nano), UP (z: ModelNet10 is z-up), TEACHERS (pretraining teacher options,
# default "--text-teacher minilm"; e.g. add "--img-teacher onnx:../shared/teachers/mobilenetv2-12-int8-features.onnx").
# Methods run one after the other on both cores. Each stage skips itself when its output exists: run again to resume.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
data="${DATA:-$here/../shared/data/modelnet10}"
methods="${METHODS:-recon mpm cmc smc multitask twotower}"
pre_epochs="${PRE_EPOCHS:-1}"; stop_after="${STOP_AFTER:-0}"; ft_epochs="${FT_EPOCHS:-1}"
size="${SIZE:-nano}"; up="${UP:-z}"; teachers="${TEACHERS:---text-teacher minilm}"
mkdir -p "$out"
# A frozen copy of the jar: the launcher rebuilds target/ when sources change, which would break running JVMs.
[ -f "$out/recon4j.jar" ] || { "$here/recon" --version > /dev/null; cp "$here"/target/recon4j-*-cli.jar "$out/recon4j.jar"; }
recon() { GLIBC_TUNABLES=glibc.malloc.hugetlb=1 TORCH_CPP_LOG_LEVEL=ERROR java -Xmx6g -Dai.djl.offline=true -jar "$out/recon4j.jar" "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }
t() { local name="$1"; shift; local s=$(date +%s); log "start $name"; "$@" > "$out/$name.log" 2>&1; log "done $name in $(( $(date +%s) - s )) s"; }

log "pretraining methods ($methods), seed $seed, $size, --up $up, teachers: $teachers; pretrain $pre_epochs epochs" \
  "(stop after $stop_after), fine-tune $ft_epochs"
for m in $methods; do
  if [ ! -f "$out/$m.done" ]; then
    # shellcheck disable=SC2086
    t "pre-$m" recon pretrain --method "$m" --data "$data" --up "$up" --size "$size" --epochs "$pre_epochs" \
      --stop-after "$stop_after" --warmup 0 --lr 5e-4 --batch-size 32 --seed "$seed" $teachers \
      --cache "$out/teacher-cache" --out "$out/$m" $( [ -f "$out/$m/ckpt-last.pth" ] && echo --resume )
    touch "$out/$m.done"
  fi
  [ -f "$out/ft-$m/per-class.md" ] || t "ft-$m" recon finetune --data "$data" --up "$up" --size "$size" \
    --epochs "$ft_epochs" --warmup 0 --lr 5e-4 --seed "$seed" --checkpoint "$out/$m/pretrained.pth" --out "$out/ft-$m"
  [ -f "$out/test-$m.log" ] || t "test-$m" recon test --data "$data" --up "$up" --size "$size" \
    --checkpoint "$out/ft-$m/ckpt-last.pth" --votes 1
  [ -f "$out/svm-$m.log" ] || t "svm-$m" recon svm --data "$data" --up "$up" --size "$size" --seed "$seed" \
    --checkpoint "$out/$m/pretrained.pth" --out "$out/svm-$m"
done
log "all done"
