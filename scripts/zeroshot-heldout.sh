#!/usr/bin/env bash
# Held-out zero-shot on ModelNet10 (docs/results.md): ReCon-Nano pretrained with the MiniLM text teacher on five
# classes only, then zero-shot by text on the test split of the five classes never named during pretraining
# (and, for contrast, of the five seen ones). Usage: scripts/zeroshot-heldout.sh OUT_DIR [SEED]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
data="${DATA:-$here/../shared/data/modelnet10}"; epochs="${EPOCHS:-8}"
seen="bed,chair,desk,monitor,sofa"; unseen="bathtub,dresser,night_stand,table,toilet"
mkdir -p "$out"
# A frozen copy of the jar: the launcher rebuilds target/ when sources change, which would break running JVMs.
[ -f "$out/recon4j.jar" ] || { "$here/recon" --version > /dev/null; cp "$here"/target/recon4j-*-cli.jar "$out/recon4j.jar"; }
recon() { GLIBC_TUNABLES=glibc.malloc.hugetlb=1 TORCH_CPP_LOG_LEVEL=ERROR java -Xmx8g -Dai.djl.offline=true -jar "$out/recon4j.jar" "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }
log "held-out zero-shot, seed $seed, $epochs epochs; seen: $seen; unseen: $unseen"
[ -f "$out/pretrain/pretrained.pth" ] || OMP_NUM_THREADS=1 recon pretrain --data "$data" --classes "$seen" --size nano \
  --epochs "$epochs" --warmup 0 --lr 5e-4 --batch-size 32 --seed "$seed" --text-teacher minilm --cache "$out/teacher-cache" \
  --out "$out/pretrain" $( [ -d "$out/pretrain" ] && echo --resume ) > "$out/pretrain.log" 2>&1
log "pretrained"
recon zeroshot --data "$data" --classes "$unseen" --size nano --weights "$out/pretrain/pretrained.pth" > "$out/zeroshot-unseen.log" 2>&1
recon zeroshot --data "$data" --classes "$seen" --size nano --weights "$out/pretrain/pretrained.pth" > "$out/zeroshot-seen.log" 2>&1
log "done"; tail -n 3 "$out"/zeroshot-*.log
