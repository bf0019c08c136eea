#!/usr/bin/env bash
# The CAE paper's ablation of the decoder and the alignment, on Fashion-MNIST, probed like the paper (linear and
# attentive probes of the frozen encoder), over seeds, with a random-init baseline. Variants:
#   full       decoder + alignment (weight 2): the official CAE
#   noalign    `--align-weight 0`: no alignment loss
#   nodecoder  `--no-decoder`: the paper's "without decoder" row, a Linear on the regressor's latents predicts the
#              targets (regressor + alignment kept; the reconstruction loss stays, through that Linear)
#   random     no pretraining: the encoder at its seeded official init
# Usage: scripts/cae-ablation.sh OUT_DIR [SEEDS]          (SEEDS space- or comma-separated, default "1")
# Budget (environment): EPOCHS pretraining epochs (default 6), WARMUP (1), LIMIT pretraining images (default: all
# 60,000), BATCH (64), SIZE (tiny), PROBE_LIMIT probe training images (default 20000), PROBE_EPOCHS (default 10),
# PROBE_TEST_LIMIT test images (default: all 10,000; smaller only for smoke runs),
# VARIANTS (default "full noalign nodecoder random"), TABLE_ONLY (1: only the table and figures of what exists),
# DATA (Fashion-MNIST IDX folder), PROBE_SEEDS (default: each
# pretraining's own seed; e.g. "1 2 3" probes every encoder three times: probe head init and shuffling, and for
# `random` the encoder's init too; the probe of seed S on pretraining seed P is sP/probe-V-MODE, or ...-pS when S != P).
# Every stage skips itself when its output exists: run again to resume. Prints the table at the end (table.md), then
# draws issue 16's CAE figures from the first seed's runs into OUT/figures (each once its inputs exist): the
# encoder->decoder shortcut of full vs noalign, the t-SNE of full vs random init, and full's attention maps with its
# attentive probe's query. Ledger (scripts/ledger.sh): finished probes and the timeline are also copied to LEDGER (default
# results/<basename of OUT_DIR>, in the repository) and restored from there first; a variant pretrains again only when
# one of its probes has no result yet.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [SEEDS]}"; seeds="$(echo "${2:-1}" | tr ',' ' ')"
epochs="${EPOCHS:-6}"; warmup="${WARMUP:-1}"; limit="${LIMIT:-}"; batch="${BATCH:-64}"; size="${SIZE:-tiny}"
probe_limit="${PROBE_LIMIT:-20000}"; probe_epochs="${PROBE_EPOCHS:-10}"; probe_test="${PROBE_TEST_LIMIT:-}"
variants="${VARIANTS:-full noalign nodecoder random}"; probe_seeds="$(echo "${PROBE_SEEDS:-}" | tr ',' ' ')"
probe_dir() { # pretraining seed, probe seed, variant, mode
  if [ "$1" = "$2" ]; then echo "$out/s$1/probe-$3-$4"; else echo "$out/s$1/probe-$3-$4-p$2"; fi; }
data="${DATA:-/usr/share/datasets/fashion-mnist}"
mkdir -p "$out"
ledger="${LEDGER:-$here/results/$(basename "$out")}"
"$here/scripts/ledger.sh" restore "$out" "$ledger"
# A frozen copy of the jar: the launcher rebuilds target/ when sources change, which would break running JVMs.
[ -f "$out/recon4j.jar" ] || { "$here/recon" --version > /dev/null; cp "$here"/target/recon4j-*-cli.jar "$out/recon4j.jar"; }
recon() { GLIBC_TUNABLES=glibc.malloc.hugetlb=1 TORCH_CPP_LOG_LEVEL=ERROR java -Xmx6g -Dai.djl.offline=true -jar "$out/recon4j.jar" "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/timeline.txt"; }
t() { local name="$1"; shift; local s=$(date +%s); log "start $name"; "$@" > "$out/$name.log" 2>&1; log "done $name in $(( $(date +%s) - s )) s"
  "$here/scripts/ledger.sh" save "$out" "$ledger" > /dev/null; }
variant_options() {
  case "$1" in
    full) echo "--align-weight 2" ;;
    noalign) echo "--align-weight 0" ;;
    nodecoder) echo "--align-weight 2 --no-decoder" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

log "CAE ablation: variants ($variants), seeds ($seeds), $size, pretrain $epochs epochs (warm-up $warmup) on" \
  "${limit:-all} images, batch $batch; probes on ${probe_limit} images, $probe_epochs epochs"
[ "${TABLE_ONLY:-0}" = 1 ] && log "TABLE_ONLY=1: no pretraining or probe, the table and figures of what exists"
for seed in $seeds; do
  [ "${TABLE_ONLY:-0}" = 1 ] && break
  for v in $variants; do
    run="$out/s$seed/$v"
    encoder=(--random-init --size "$size")
    pending=0
    for ps in ${probe_seeds:-$seed}; do for mode in linear attentive; do
      [ -f "$(probe_dir "$seed" "$ps" "$v" "$mode")/summary.md" ] || pending=1; done; done
    if [ "$v" != random ] && [ "$pending" = 1 ]; then
      if [ ! -f "$run/pretrained.pth" ]; then
        # shellcheck disable=SC2046
        t "s$seed-pre-$v" recon cae pretrain --data "$data" --size "$size" --epochs "$epochs" --warmup "$warmup" \
          --batch-size "$batch" --seed "$seed" ${limit:+--limit "$limit"} $(variant_options "$v") --out "$run" \
          $( [ -f "$run/ckpt-last.pth" ] && echo --resume )
      fi
      encoder=(--checkpoint "$run/pretrained.pth")
    fi
    for ps in ${probe_seeds:-$seed}; do
      for mode in linear attentive; do
        probe="$(probe_dir "$seed" "$ps" "$v" "$mode")"
        if [ ! -f "$probe/summary.md" ]; then
          rm -rf "$probe" # an interrupted probe starts again: it is cheap next to pretraining
          t "$(basename "$(dirname "$probe")")-$(basename "$probe")" recon cae probe --mode "$mode" "${encoder[@]}" \
            --data "$data" --seed "$ps" --limit-train "$probe_limit" ${probe_test:+--limit-test "$probe_test"} \
            --epochs "$probe_epochs" --out "$probe"
        fi
      done
    done
  done
done

# The table: final-epoch test accuracy of each probe, per (pretraining seed, probe seed) and the mean over them.
acc() { sed -n 's/.*test accuracy \([0-9.]*\) % after the last epoch.*/\1/p' "$1/summary.md" 2> /dev/null | head -1 || true; }
{
  echo "CAE ablation on Fashion-MNIST ($size; pretraining $epochs epochs on ${limit:-60000} images, batch $batch;" \
    "probes $probe_epochs epochs on $probe_limit images; test accuracy % on ${probe_test:-all 10000} test images after the" \
    "last probe epoch; pretraining seeds: $seeds; probe seeds: ${probe_seeds:-the pretraining seed})"
  echo
  echo "| variant | decoder | alignment | linear probe | attentive probe |"
  echo "|---|---|---|---|---|"
  for v in $variants; do
    case "$v" in
      full) d="blocks"; a="2" ;; noalign) d="blocks"; a="0" ;; nodecoder) d="Linear only"; a="2" ;; random) d="–"; a="–" ;;
    esac
    cells=""
    for mode in linear attentive; do
      vals=""; n=0
      for seed in $seeds; do
        for ps in ${probe_seeds:-$seed}; do
          x="$(acc "$(probe_dir "$seed" "$ps" "$v" "$mode")")"
          vals="$vals${vals:+ / }${x:-?}"; n=$((n + 1))
        done
      done
      mean="$(echo "$vals" | tr '/' '\n' | awk '$1 != "?" { s += $1; k++ } END { if (k) printf "%.2f", s / k; else print "?" }')"
      if [ "$n" -gt 1 ]; then cells="$cells | $mean ($vals)"; else cells="$cells | $mean"; fi
    done
    echo "| $v | $d | $a$cells |"
  done
} | tee "$out/table.md"

# Issue 16's figures, from the first seed (the pictures of one trained model; the table above carries the seeds).
first="$(echo "$seeds" | awk '{ print $1 }')"; s1="$out/s$first"; fig="$out/figures"; mkdir -p "$fig"
if [ -f "$s1/full/pretrained.pth" ] && [ -f "$s1/noalign/pretrained.pth" ] && [ ! -f "$fig/shortcut.png" ]; then
  t "figures-shortcut" recon cae analyze shortcut --checkpoint "$s1/full/pretrained.pth,$s1/noalign/pretrained.pth" \
    --data "$data" --out "$fig/shortcut.png"
fi
if [ -f "$s1/full/pretrained.pth" ] && [ ! -f "$fig/tsne/tsne.csv" ]; then
  t "figures-tsne" recon cae analyze tsne --checkpoint "$s1/full/pretrained.pth" --random-init --seed "$first" \
    --data "$data" --out "$fig/tsne"
fi
if [ -f "$s1/probe-full-attentive/probe.pth" ] && [ ! -f "$fig/attention/attention.png" ]; then
  t "figures-attention" recon cae analyze attention --checkpoint "$s1/full/pretrained.pth" \
    --probe "$s1/probe-full-attentive/probe.pth" --data "$data" --out "$fig/attention"
fi
log "all done"
