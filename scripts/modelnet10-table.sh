#!/usr/bin/env bash
# The Markdown table of docs/results.md from one or more output folders of scripts/modelnet10-results.sh (one per
# seed): mean ± std over seeds (few-shot: over seeds × folds), the number of values in brackets, "–" when missing.
# Usage: scripts/modelnet10-table.sh OUT_DIR...
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUT_DIR..." >&2; exit 2; }
rows=(scratch pointmae recon reconfull)

# values ROW METRIC: one number per line, from every folder that has it
values() {
  local d
  for d in "${dirs[@]}"; do
    case "$2" in
      ft) sed -n 's/^plain test.*: OA \([0-9.]*\) %.*/\1/p' "$d/test-$1.log" 2> /dev/null || true ;;
      ftmacc) sed -n 's/^plain test.*mAcc \([0-9.]*\) %.*/\1/p' "$d/test-$1.log" 2> /dev/null || true ;;
      vote) sed -n 's/^voting, .*: OA \([0-9.]*\) %.*/\1/p' "$d/test-$1.log" 2> /dev/null || true ;;
      fs5|fs10) awk -F'|' '/^\| *[0-9]+ *\|/ { gsub(/ /, "", $3); print $3 }' "$d/fs-${2#fs}w-$1/fewshot.md" 2> /dev/null || true ;;
      svm) sed -n 's/.*test accuracy \([0-9.]*\) %.*/\1/p' "$d/svm-$1.log" 2> /dev/null || true ;;
      zs1) sed -n 's/.*top-1 \([0-9.]*\)%.*/\1/p' "$d/zeroshot-$1.log" 2> /dev/null || true ;;
      zs5) sed -n 's/.*top-5 \([0-9.]*\)%.*/\1/p' "$d/zeroshot-$1.log" 2> /dev/null || true ;;
    esac
  done
}
cell() { # ROW METRIC -> "mean ± std (n)"
  values "$1" "$2" | awk '{ s += $1; q += $1 * $1; n++ }
    END { if (n == 0) { printf "–"; exit }
          m = s / n; v = q / n - m * m; if (v < 0) v = 0
          if (n == 1) printf "%.2f (1)", m; else printf "%.2f ± %.2f (%d)", m, sqrt(v), n }'
}
dirs=("$@")
echo "| metric | scratch | Point-MAE† | ReCon, text teacher | ReCon, text + image teacher |"
echo "|---|---:|---:|---:|---:|"
for m in "ft:fine-tune OA, last epoch (%)" "ftmacc:fine-tune mAcc, last epoch (%)" "vote:fine-tune OA, voting 1 × 10 (%)" \
         "fs5:5-way 10-shot (%)" "fs10:10-way 10-shot (%)" "svm:linear SVM OA (%)" "zs1:zero-shot top-1 (%)" "zs5:zero-shot top-5 (%)"; do
  line="| ${m#*:}"
  for r in "${rows[@]}"; do line="$line | $(cell "$r" "${m%%:*}")"; done
  echo "$line |"
done
