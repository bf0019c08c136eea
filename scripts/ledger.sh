#!/usr/bin/env bash
# The ledger: the small text results of a run folder (summaries, per-fold results, splits, metrics, the timeline),
# kept in the repository under results/ so that long experiments outlive the machine they ran on. Checkpoints are
# never kept (too large for git): a stage whose results are in the ledger is not run again; a stage that is not
# (or an unfinished few-shot fold) runs again from its inputs, pretraining included (same seed, one thread).
# Usage: scripts/ledger.sh save|restore RUN_DIR [LEDGER_DIR]   (LEDGER_DIR default: results/<basename of RUN_DIR>)
#   save     copies what has finished in RUN_DIR into LEDGER_DIR (idempotent; run it after each stage and at the end)
#   restore  copies LEDGER_DIR into RUN_DIR without overwriting anything there (run it before resuming)
# What counts as finished: a file `svm.md`, `summary.md`, `per-class.md`, `test.md` or `fewshot.md` marks its folder;
# a few-shot fold counts once its `result.json` exists (its `fold.json` split goes with it, so the resumed run
# trains the same support set); a pretraining folder contributes its metrics (no checkpoint) under `pre-<name>/`,
# which restore leaves out of the run folder's own `<name>/` so that a re-run pretraining starts clean (until that
# re-run finishes, or its log outgrows the kept one, the kept record stays as it is; then the earlier run's record moves
# to `pre-<name>/earlier/<its start, from numerics.txt>/`: on another CPU a re-run is a float-noise sibling, not a copy,
# and the stages measured on the earlier encoder keep the record of how it trained).
set -euo pipefail
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; here="${RECON4J_HOME:-$(cd "$bin/.." && pwd)}" # RECON4J_HOME: a frozen copy's repository
cmd="${1:?usage: $0 save|restore RUN_DIR [LEDGER_DIR]}"; run="${2:?usage: $0 save|restore RUN_DIR [LEDGER_DIR]}"
ledger="${3:-$here/results/$(basename "$run")}"
max_bytes=$((512 * 1024)) # a result file above this is not a summary: left out (logs with progress bars are)
max_log=$((2 * 1024 * 1024)) # ... except a training log (metrics.jsonl): a 20-epoch ReCon pretraining's is ≈ 560 KiB
limit() { case "$1" in *metrics.jsonl) echo "$max_log" ;; *) echo "$max_bytes" ;; esac; }

keep() { # copy file (relative to $run) into the ledger when small and changed
  local f="$1"; [ "$(stat -c %s "$run/$f")" -le "$(limit "$f")" ] || return 0
  cmp -s "$run/$f" "$ledger/$f" 2> /dev/null && return 0
  mkdir -p "$(dirname "$ledger/$f")"; cp "$run/$f" "$ledger/$f.tmp$$" && mv "$ledger/$f.tmp$$" "$ledger/$f"
}
keep_as() { # copy file $1 (relative to $run) to $2 (relative to the ledger)
  [ "$(stat -c %s "$run/$1")" -le "$(limit "$1")" ] || return 0
  cmp -s "$run/$1" "$ledger/$2" 2> /dev/null && return 0
  mkdir -p "$(dirname "$ledger/$2")"; cp "$run/$1" "$ledger/$2.tmp$$" && mv "$ledger/$2.tmp$$" "$ledger/$2"
}
started() { # numerics.txt -> its run's first start (2026-12-06T17:00:08Z -> 20261206T170008Z), empty when none
  { head -1 "$1" 2> /dev/null || true; } | sed -n 's/^\([0-9TZ:-]*\) start:.*/\1/p' | tr -d ':-'; }
shelve() { # kept record dir, run folder: a record of an earlier run (another start) moves to earlier/<its start>/
  local was now f; was="$(started "$1/numerics.txt")"; now="$(started "$2/numerics.txt")"
  [ -n "$was" ] && [ -n "$now" ] && [ "$was" != "$now" ] || return 0
  mkdir -p "$1/earlier/$was"
  for f in "$1"/*; do [ -f "$f" ] && mv "$f" "$1/earlier/$was/"; done; }
texts() { # the small text files of folder $1 (relative to $run), not descending into sub-folders unless $2 = deep
  local depth=(-maxdepth 1); [ "${2:-}" = deep ] && depth=()
  (cd "$run" && find "$1" "${depth[@]}" -type f \( -name '*.md' -o -name '*.json' -o -name '*.csv' -o -name '*.txt' \
    -o -name '*.jsonl' \) | sort)
}

case "$cmd" in
  save)
    [ -d "$run" ] || { echo "ledger: no run folder $run" >&2; exit 1; }
    mkdir -p "$ledger"
    (cd "$run" && find . -maxdepth 1 -type f \( -name 'timeline.txt' -o -name 'table.md' \) -printf '%P\n') |
      while read -r f; do keep "$f"; done
    # evaluation folders: everything small, once their summary exists
    (cd "$run" && find . -mindepth 1 -maxdepth 3 -type f \( -name svm.md -o -name summary.md -o -name per-class.md \
      -o -name test.md \) -printf '%h\n' | sed 's|^\./||' | { grep -v 'fold-[0-9]*$' || true; } | sort -u) | while read -r d; do
        texts "$d" deep | while read -r f; do keep "$f"; done; done
    # few-shot folders: the report and every finished fold (split + result + metrics)
    (cd "$run" && find . -mindepth 1 -maxdepth 2 -type d -name 'fold-0' -printf '%h\n' | sed 's|^\./||' | sort -u) |
      while read -r d; do
        [ -f "$run/$d/fewshot.md" ] && keep "$d/fewshot.md"
        for fold in "$run/$d"/fold-*; do
          [ -f "$fold/result.json" ] || continue
          texts "$d/$(basename "$fold")" | while read -r f; do keep "$f"; done
        done
      done
    # pretraining folders (they hold pretrained.pth or ckpt-last.pth): their metrics only, as pre-<name>/
    (cd "$run" && find . -mindepth 1 -maxdepth 2 -type f \( -name pretrained.pth -o -name ckpt-last.pth \) -printf '%h\n' |
      sed 's|^\./||' | sort -u) | while read -r d; do
        case "$d" in ft-*|fs-*|*/fold-*|probe-*|*/probe-*) continue ;; esac # fine-tuning, few-shot, probe checkpoints
        # a pretraining run again and not finished (its machine was lost) never cuts short a longer record
        kept="$ledger/pre-${d//\//-}/metrics.jsonl"
        [ ! -f "$run/$d/pretrained.pth" ] && [ -f "$kept" ] &&
          [ "$(cat "$run/$d/metrics.jsonl" 2> /dev/null | wc -l)" -lt "$(wc -l < "$kept")" ] && continue
        shelve "$ledger/pre-${d//\//-}" "$run/$d"
        texts "$d" | while read -r f; do keep_as "$f" "pre-${d//\//-}/${f#"$d"/}"; done
      done
    echo "ledger: $run -> $ledger ($(find "$ledger" -type f | wc -l) files, $(du -sh "$ledger" | cut -f1))" ;;
  restore)
    [ -d "$ledger" ] || { echo "ledger: nothing kept for $run yet ($ledger)"; exit 0; }
    mkdir -p "$run"
    (cd "$ledger" && find . -type f ! -name '*.tmp[0-9]*' -printf '%P\n') | while read -r f; do # not a save's half-copy
      [ -e "$run/$f" ] && continue
      # atomic: two lanes restore the same folder at once, and the other one's check must never see half a file
      mkdir -p "$(dirname "$run/$f")"; cp "$ledger/$f" "$run/$f.tmp$$" && mv -f "$run/$f.tmp$$" "$run/$f"
    done
    echo "ledger: $ledger -> $run" ;;
  *) echo "usage: $0 save|restore RUN_DIR [LEDGER_DIR]" >&2; exit 2 ;;
esac
