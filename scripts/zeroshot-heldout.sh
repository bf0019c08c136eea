#!/usr/bin/env bash
# Held-out zero-shot on ModelNet10 (docs/results.md, issue 14 claim 5): ReCon-Nano pretrained on five classes only,
# then zero-shot on the test split of the five classes never named during pretraining (and, for contrast, of the
# five seen ones), two ways:
#   text    the paper's route: the text query against MiniLM class-name embeddings (needs CLIP-like generality);
#           also with --transductive (clusters named by the same cosines), which needs no image teacher
#   bridge  a named deviation: the image query distilled into the ImageNet MobileNetV2's *logits* (one shaded view),
#           class names matched to ImageNet labels by MiniLM (LabelBridge); with BRIDGE=1 (default when the
#           teacher files exist); IMG_RENDER (shaded) and IMG_VIEWS (1) choose the teacher's renders, for the student's
#           targets and for the ceiling alike (`mesh` needs OFF meshes; ../shared's
#           ModelNet10 holds points only)
# The teacher's own bridge accuracy on the unseen test shapes (`teacher inspect --bridge-text`) is the ceiling, per shape
# and transductively (the same clustering and naming on the teacher's logits). Every route also writes its per-shape
# predictions (predictions-ROUTE-WHICH.json, the format of recon svm's) and says which names it gave how often.
# Usage: scripts/zeroshot-heldout.sh OUT_DIR [SEED]; budget: EPOCHS (default 8), UP (z); resumable (run again).
# Its last step writes OUT_DIR/zeroshot.md (every route's top-1 beside chance and the teacher's ceiling);
# CHECK_ONLY=1 runs nothing and exits 3 while that summary is missing (as claims-modelnet10.sh, for the campaign).
# The small texts (summary, route logs, teacher report, pretraining config and metrics) go to the ledger LEDGER
# (default results/<basename of OUT_DIR>), whose summary also counts as done: a lost run folder is not run again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; here="${RECON4J_HOME:-$here}" # RECON4J_HOME: a frozen copy's repository
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
ledger="${LEDGER:-$here/results/$(basename "$out")}"
if [ -n "${CHECK_ONLY:-}" ]; then [ -f "$out/zeroshot.md" ] || [ -f "$ledger/zeroshot.md" ] && exit 0 || exit 3; fi
data="${DATA:-$here/../shared/data/modelnet10}"; epochs="${EPOCHS:-8}"; up="${UP:-z}"
T="${TEACHERS_DIR:-$here/../shared/teachers}"
bridge="${BRIDGE:-$([ -f "$T/mobilenetv2-12-int8.onnx" ] && echo 1 || echo 0)}"
render="${IMG_RENDER:-shaded}"; views="${IMG_VIEWS:-1}"
seen="bed,chair,desk,monitor,sofa"; unseen="bathtub,dresser,night_stand,table,toilet"
mkdir -p "$out"
# A frozen copy of the jar: the launcher rebuilds target/ when sources change, which would break running JVMs.
[ -f "$out/recon4j.jar" ] || { "$here/recon" --version > /dev/null; cp "$here"/target/recon4j-*-cli.jar "$out/recon4j.jar"; }
recon() { GLIBC_TUNABLES=glibc.malloc.hugetlb=1 TORCH_CPP_LOG_LEVEL=ERROR java -Xmx8g -Dai.djl.offline=true -jar "$out/recon4j.jar" "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }
img=""; [ "$bridge" = 1 ] && img="--img-teacher onnx:$T/mobilenetv2-12-int8.onnx --img-render $render --img-views $views"
log "held-out zero-shot, seed $seed, $epochs epochs, --up $up, bridge $bridge ($render, $views view(s)); seen: $seen; unseen: $unseen"
# A report from before the transductive ceiling (2026-12-06) is measured again: the teacher's logits are cached.
if [ "$bridge" = 1 ] && ! grep -q "transductive naming" "$out/teacher-unseen/report.md" 2> /dev/null; then
  recon teacher inspect --img-teacher "onnx:$T/mobilenetv2-12-int8-features.onnx" --classifier "onnx:$T/mobilenetv2-12-int8.onnx" \
    --data "$data" --split test --classes "$unseen" --up "$up" --limit 100000 --per-class 0 --img-views "$views" --img-renders "$render" \
    --bridge-text minilm --cache "$out/teacher-cache" --out "$out/teacher-unseen" > "$out/teacher-unseen.log" 2>&1
  log "teacher's own bridge: $(grep -o "$render [0-9.]*%" "$out/teacher-unseen/report.md" | tail -1)"
fi
# shellcheck disable=SC2086
[ -f "$out/pretrain/pretrained.pth" ] || recon pretrain --data "$data" --up "$up" --classes "$seen" --size nano \
  --epochs "$epochs" --warmup 0 --lr 5e-4 --batch-size 32 --seed "$seed" --text-teacher minilm $img --cache "$out/teacher-cache" \
  --out "$out/pretrain" $( [ -f "$out/pretrain/ckpt-last.pth" ] && echo --resume ) > "$out/pretrain.log" 2>&1
log "pretrained"
for which in unseen seen; do
  classes=$unseen; [ "$which" = seen ] && classes=$seen
  zs() { local route="$1"; shift; recon zeroshot --data "$data" --up "$up" --classes "$classes" --size nano \
    --weights "$out/pretrain/pretrained.pth" --predictions "$out/predictions-$route-$which.json" "$@" > "$out/zeroshot-$route-$which.log" 2>&1; }
  zs text
  # Clusters named by the text route instead (no image teacher needed): does the bridge or the clustering do the work?
  zs text-transductive --transductive
  [ "$bridge" = 1 ] && zs bridge --type image --bridge-labels "$T/imagenet-classes.txt"
  # The same bridge naming clusters instead of single shapes (--transductive, a named deviation: docs/teachers.md).
  [ "$bridge" = 1 ] && zs bridge-transductive --type image --transductive --bridge-labels "$T/imagenet-classes.txt"
done
# The summary last, written whole: its presence says every route above has run.
top1() { sed -n 's/^zero-shot (.*top-1 \([0-9.]*\)%.*/\1/p' "$1" 2> /dev/null | tail -n 1; }
{ echo "# Held-out zero-shot, seed $seed ($epochs pretraining epochs on $seen, --up $up)"; echo
  echo "Chance 20.00% (five names); the bridge's ceilings are the teacher's own bridge on the unseen test shapes,"
  echo "per shape and transductively."; echo
  echo "| test classes | text route | text, transductive | label bridge | bridge, transductive | teacher's own bridge (ceiling) | teacher, transductive (ceiling) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for which in unseen seen; do
    ceiling="–"; tceiling="–"; report="$out/teacher-unseen/report.md"
    if [ "$which" = unseen ] && [ -f "$report" ]; then
      ceiling="$(grep -o "$render [0-9.]*%" "$report" | tail -1 | sed "s/^$render //" || true)"
      tceiling="$(grep "^- $render:" "$report" | grep -o "transductive naming [0-9.]*%" | tail -1 | sed 's/^transductive naming //' || true)"
    fi
    echo "| $which | $(top1 "$out/zeroshot-text-$which.log")% | $(top1 "$out/zeroshot-text-transductive-$which.log")% |" \
      "$(top1 "$out/zeroshot-bridge-$which.log")% |" \
      "$(top1 "$out/zeroshot-bridge-transductive-$which.log")% | $ceiling | ${tceiling:-–} |"
  done
  # A per-shape route that gives nearly one name scores that class's share; these lines show whether it did.
  echo; echo "Names given on the unseen test shapes (given / true):"; echo
  for route in text text-transductive bridge bridge-transductive; do
    given="$(sed -n 's/^names given \/ true: //p' "$out/zeroshot-$route-unseen.log" 2> /dev/null | tail -n 1 || true)"
    [ -n "$given" ] && echo "- $route: $given"
  done
  teacher="$(grep "^- $render:" "$out/teacher-unseen/report.md" 2> /dev/null | sed -n 's/.*names given \([^;]*\);.*/\1/p' | tail -n 1 || true)"
  [ -n "$teacher" ] && echo "- teacher's own bridge (given): $teacher"
  true; } | sed 's/| %/| –/g' > "$out/.zeroshot.md.tmp"
mv "$out/.zeroshot.md.tmp" "$out/zeroshot.md"
log "done"; cat "$out/zeroshot.md"
(cd "$out" && for f in zeroshot.md timeline.txt zeroshot-*.log predictions-*.json teacher-unseen/report.md pretrain/config.json \
  pretrain/metrics.jsonl; do
  [ -f "$f" ] || continue; mkdir -p "$ledger/$(dirname "$f")"; cp "$f" "$ledger/$f.tmp$$" && mv "$ledger/$f.tmp$$" "$ledger/$f"
done)
