#!/usr/bin/env bash
# Issue 14 claim 3 (the ReCon paper's data-scaling analysis, Figure 1a): pretrain MPM-only, cross-modal-only (cmc)
# and ReCon on 25 / 50 / 75 / 100% of the ModelNet10 training split (stratified, nested: `--data-fraction`), then
# few-shot and SVM transfer for each; one claims-modelnet10.sh run folder per fraction.
# Usage: scripts/data-scaling.sh OUT_DIR [SEED]; budget (environment): FRACTIONS ("0.25 0.5 0.75 1"), ROWS
# ("mpm cmc recon"), PRE_EPOCHS (20: the same number of epochs at every fraction, so smaller fractions also see
# fewer steps, as in the paper), FOLDS (10), WAYS (5), FS_EPOCHS (150). Resumable: run again to continue; the ledger of
# each fraction is results/<basename of OUT_DIR>/fraction-F (scripts/ledger.sh).
set -euo pipefail
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; here="${RECON4J_HOME:-$(cd "$bin/.." && pwd)}" # RECON4J_HOME: a frozen copy's repository
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
for f in ${FRACTIONS:-0.25 0.5 0.75 1}; do
  LEDGER="$here/results/$(basename "$out")/fraction-$f" ROWS="${ROWS:-mpm cmc recon}" STAGES="svm fs" WAYS="${WAYS:-5}" DATA_FRACTION="$f" \
    "$bin/claims-modelnet10.sh" "$out/fraction-$f" "$seed"
done
for f in ${FRACTIONS:-0.25 0.5 0.75 1}; do
  for r in ${ROWS:-mpm cmc recon}; do
    svm=$(grep -o 'test accuracy [0-9.]* %' "$out/fraction-$f/svm-$r/svm.md" 2>/dev/null | head -1 | grep -o '[0-9.]*' || echo -)
    fs=$(grep -o '[0-9.]* ± [0-9.]*' "$out/fraction-$f/fs-5w-$r/fewshot.md" 2>/dev/null | head -1 || echo -)
    echo "| $f | $r | $svm | $fs |"
  done
done
