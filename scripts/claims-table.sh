#!/usr/bin/env bash
# The Markdown tables of docs/results.md for the issue-14 claims, from the run folders of scripts/claims-modelnet10.sh
# (one per pretraining seed): per row the linear SVM and the logistic probe (mean ± std over seeds, one value per
# seed), the official few-shot for each way (mean ± std over seeds × folds, population std as the official code),
# then the paired comparisons (`recon compare`: folds paired by seed folder, 95% bootstrap CI, sign-flip p).
# Usage: scripts/claims-table.sh "ROW..." "A:B ..." OUT_DIR...
#   e.g. scripts/claims-table.sh "scratch mpm recon" "mpm:scratch recon:scratch recon:mpm" /work/runs/claims-s{1,2,3}
# WAYS ("5 10"), SHOT (10: the fs-Ww-ROW folders; another K reads fs-Ww-Kshot-ROW); a value missing in a folder is left
# out and the count in brackets says how many were used.
# Fine-tuning (when a folder has test-{last,best}-ROW-lrLR/test.md, FT_LRS "1e-5 5e-4"): per row and rate the last and
# the best epoch (best: selected on the test split during training, the official quirk), plain and with one official
# voting pass (10 votes; a pass with fewer votes is left out).
# NO_FT=1 leaves fine-tuning out (its table and its per-shape comparisons); NO_PROBES=1 the probes' per-shape comparisons.
# PLOTS=DIR: also draw each paired comparison (`recon compare --plot`) as DIR/fewshot-Wway-A-vs-B.png.
# Where both rows' SVM runs kept per-shape predictions (svm-ROW/predictions.json, since 2026-12-05), each pair also
# gets the linear SVM and the logistic probe compared shape by shape (`recon compare` on the SVM folders); likewise, where
# both rows' fine-tuning tests kept them (test-WHICH-ROW-lrLR/predictions.json, since 2026-12-05), their plain and voting
# passes at each rate and epoch.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 3 ] || { echo "usage: $0 \"ROW...\" \"A:B ...\" OUT_DIR..." >&2; exit 2; }
rows="$1"; pairs="$2"; shift 2; ways="${WAYS:-5 10}"; shot="${SHOT:-10}"; dirs=()
fs() { [ "$shot" = 10 ] && echo "fs-${1}w-$2" || echo "fs-${1}w-${shot}shot-$2"; } # way row -> folder name
for d in "$@"; do [ -d "$d" ] && dirs+=("$d") || echo "claims-table: no folder $d, left out" >&2; done
[ ${#dirs[@]} -gt 0 ] || { echo "claims-table: none of the folders exists" >&2; exit 1; }

# stats: mean ± std (n) of the numbers on stdin, "–" when none; one value has no spread to show, so no "± 0.00"
stats() { awk '{ s += $1; q += $1 * $1; n++ } END { if (n == 0) { print "–"; exit }
  m = s / n; v = q / n - m * m; if (v < 0) v = 0
  if (n == 1) printf "%.2f (1)\n", m; else printf "%.2f ± %.2f (%d)\n", m, sqrt(v), n }'; }
svm() { local d; for d in "${dirs[@]}"; do
  sed -n 's/^linear SVM.*test accuracy \([0-9.]*\) %.*/\1/p' "$d/svm-$1/svm.md" 2> /dev/null || true; done; }
logistic() { local d; for d in "${dirs[@]}"; do
  sed -n 's/^logistic-regression probe.*test accuracy \([0-9.]*\) %.*/\1/p' "$d/svm-$1/svm.md" 2> /dev/null || true; done; }
folds() { local d f; for d in "${dirs[@]}"; do # every finished fold, also of a run stopped before its fewshot.md
  for f in "$d/$(fs "$2" "$1")"/fold-*/result.json; do
    if [ -f "$f" ]; then sed -n 's/.*"best_acc" *: *\([0-9.]*\).*/\1/p' "$f"; fi; done; done; }

header="| row | linear SVM % | logistic probe %"; rule="|---|---:|---:"
for w in $ways; do header+=" | $w-way $shot-shot %"; rule+="|---:"; done
echo "$header |"; echo "$rule|"
for r in $rows; do
  line="| $r | $(svm "$r" | stats) | $(logistic "$r" | stats)"
  for w in $ways; do line+=" | $(folds "$r" "$w" | stats)"; done
  echo "$line |"
done
ft_oa() { # row lr last|best plain|vote -> one OA per folder
  local d pat='^plain test.*: OA \([0-9.]*\) %.*'; [ "$4" = vote ] && pat='^voting, 1 pass × 10 votes: OA \([0-9.]*\) %.*'
  for d in "${dirs[@]}"; do sed -n "s/$pat/\1/p" "$d/test-$3-$1-lr$2/test.md" 2> /dev/null || true; done; }
has_ft=0; for d in "${dirs[@]}"; do compgen -G "$d/test-*-lr*/test.md" > /dev/null && has_ft=1; done
[ -n "${NO_FT:-}" ] && has_ft=0
if [ "$has_ft" = 1 ]; then
  echo; echo "| fine-tuning row | lr | last epoch % | last + vote % | best epoch % | best + vote % |"
  echo "|---|---|---:|---:|---:|---:|"
  for r in $rows; do for lr in ${FT_LRS:-1e-5 5e-4}; do
    line="| $r | $lr"; any=0
    for which in last best; do for kind in plain vote; do
      v="$(ft_oa "$r" "$lr" "$which" "$kind" | stats)"; [ "$v" = "–" ] || any=1; line+=" | $v"; done; done
    [ "$any" = 1 ] && echo "$line |"
  done; done
fi
echo
echo "Seeds (folders): ${dirs[*]}"
recon() { "$here/recon" "$@"; }
for w in $ways; do
  for p in $pairs; do
    a="${p%%:*}"; b="${p##*:}"; as=(); bs=()
    # a feature part (svm --part / --tower) is a probe row: it never has few-shot folds, so no line for it here
    [[ "$a" =~ -(locals|queries|tower[0-9]+)$ || "$b" =~ -(locals|queries|tower[0-9]+)$ ]] && continue
    for d in "${dirs[@]}"; do
      # Only seeds where both rows have the folder: the comparison is paired.
      compgen -G "$d/$(fs "$w" "$a")/fold-*/result.json" > /dev/null && compgen -G "$d/$(fs "$w" "$b")/fold-*/result.json" > /dev/null \
        && { as+=("$d/$(fs "$w" "$a")"); bs+=("$d/$(fs "$w" "$b")"); }
    done
    lab="$w-way"; tag=""; [ "$shot" = 10 ] || { lab+=" $shot-shot"; tag="-${shot}shot"; }
    if [ ${#as[@]} -eq 0 ]; then echo "- $lab, $a − $b: no paired folders yet"; continue; fi
    plot=(); [ -n "${PLOTS:-}" ] && { mkdir -p "$PLOTS"; plot=(--plot "$PLOTS/fewshot-${w}way$tag-$a-vs-$b.png"); }
    echo "- $lab, $(IFS=,; recon compare --a "${as[*]}" --b "${bs[*]}" --name-a "$a" --name-b "$b" "${plot[@]}" 2>&1 \
      | grep -v '^plot: ' | tail -1)"
  done
done
for p in $pairs; do # per test shape, over the seeds where both rows kept their predictions
  [ -n "${NO_PROBES:-}" ] && break
  a="${p%%:*}"; b="${p##*:}"; as=(); bs=()
  for d in "${dirs[@]}"; do
    [ -f "$d/svm-$a/predictions.json" ] && [ -f "$d/svm-$b/predictions.json" ] && { as+=("$d/svm-$a"); bs+=("$d/svm-$b"); }
  done
  [ ${#as[@]} -eq 0 ] && continue
  for probe in svm logistic; do
    echo "- $(IFS=,; recon compare --a "${as[*]}" --b "${bs[*]}" --name-a "$a" --name-b "$b" --probe "$probe" 2>&1 | tail -1)"
  done
done
for p in $pairs; do # fine-tuned models per test shape, over the seeds where both rows' tests kept their predictions
  [ -n "${NO_FT:-}" ] && break
  a="${p%%:*}"; b="${p##*:}"
  for lr in ${FT_LRS:-1e-5 5e-4}; do for which in last best; do
    as=(); bs=()
    for d in "${dirs[@]}"; do
      [ -f "$d/test-$which-$a-lr$lr/predictions.json" ] && [ -f "$d/test-$which-$b-lr$lr/predictions.json" ] \
        && { as+=("$d/test-$which-$a-lr$lr"); bs+=("$d/test-$which-$b-lr$lr"); }
    done
    [ ${#as[@]} -eq 0 ] && continue
    for column in plain vote; do
      echo "- fine-tuning lr $lr, $which epoch: $(IFS=,; recon compare --a "${as[*]}" --b "${bs[*]}" --name-a "$a" --name-b "$b" \
        --column "$column" 2>&1 | tail -1)"
    done
  done; done
done
