#!/usr/bin/env bash
# Issue 14 claim 3 (the ReCon paper's data-scaling analysis, Figure 1a): pretrain MPM-only, cross-modal-only (cmc)
# and ReCon on 25 / 50 / 75 / 100% of the ModelNet10 training split (stratified, nested: `--data-fraction`), then
# few-shot and SVM transfer for each; one claims-modelnet10.sh run folder per fraction.
# Usage: scripts/data-scaling.sh OUT_DIR [SEED]; budget (environment): FRACTIONS ("0.25 0.5 0.75 1"), ROWS
# ("mpm cmc recon"), STAGES ("svm fs"; "svm" alone gives the SVM curve first), PRE_EPOCHS (20: the same number of epochs at every fraction, so smaller fractions also see
# fewer steps, as in the paper), FOLDS (10), WAYS (5), FS_EPOCHS (150). Resumable: run again to continue; the ledger of
# each fraction is results/<basename of OUT_DIR>/fraction-F (scripts/ledger.sh). Ends with OUT_DIR/scaling.md and
# scaling.png; FULL=DIR names the folder of the 100% rows when they come from elsewhere (claim 1's run folder).
set -euo pipefail
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; here="${RECON4J_HOME:-$(cd "$bin/.." && pwd)}" # RECON4J_HOME: a frozen copy's repository
out="${1:?usage: $0 OUT_DIR [SEED]}"; seed="${2:-1}"
for f in ${FRACTIONS:-0.25 0.5 0.75 1}; do
  LEDGER="$here/results/$(basename "$out")/fraction-$f" ROWS="${ROWS:-mpm cmc recon}" STAGES="${STAGES:-svm fs}" WAYS="${WAYS:-5}" DATA_FRACTION="$f" \
    "$bin/claims-modelnet10.sh" "$out/fraction-$f" "$seed"
done
[ -z "${CHECK_ONLY:-}" ] || exit 0 # every fraction's stages are done (claims-modelnet10.sh exits 3 otherwise)
# The table and figure (`recon scaling`): every fraction with a run folder, and FULL=DIR (a claims-modelnet10.sh
# folder of the same seed, e.g. claim 1's) as the 100% point when this run has no fraction-1 of its own.
points=()
for d in "$out"/fraction-*; do [ -d "$d" ] && points+=(--point "${d##*/fraction-}=$d"); done
[ -n "${FULL:-}" ] && [ ! -d "$out/fraction-1" ] && points+=(--point "1=$FULL")
methods="$(echo ${ROWS:-mpm cmc recon} | tr ' ' ,)"
tmp="$(mktemp "$out/scaling.md.XXXXXX")" # two lanes may end a step of this run folder at the same moment
# The newest fraction's frozen jar (claims-modelnet10.sh), not the launcher: it would rebuild target/ mid-campaign.
jar="$(ls -t "$out"/fraction-*/recon4j.jar 2> /dev/null | head -1 || true)"
recon() { if [ -n "$jar" ]; then java -Xmx4g -Dai.djl.offline=true -jar "$jar" "$@"; else "$here/recon" "$@"; fi; }
if recon scaling "${points[@]}" --methods "$methods" --way "$(w=${WAYS:-5}; echo "${w%% *}")" --plot "$out/scaling.png" > "$tmp"; then
  mv "$tmp" "$out/scaling.md"; cat "$out/scaling.md"
else
  rm -f "$tmp"; echo "data-scaling: no table yet (see the error above)" >&2
fi
