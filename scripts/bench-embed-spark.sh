#!/usr/bin/env bash
# rows/s of `recon embed` and of the Spark job in local[2] on the 908 ModelNet10 test files, start-up separated.
# Run on an IDLE machine (docs/benchmarks.md convention), from the repository root:
#   scripts/bench-embed-spark.sh CHECKPOINT [OUT_DIR]     (CHECKPOINT: a Nano fine-tuned ckpt-best.pth or pretrained.pth)
# Environment: DATA (default ../shared/data/modelnet10), SIZE (nano), BATCH (32), REPEATS (3), UP (z: raw ModelNet).
# Method: each tool runs once on ONE file (start-up: JVM, Spark session, model load, first batch) and once on all 908;
# rows/s = (908 - 1) / (t_all - t_one), start-up = t_one. Every run is repeated REPEATS times; the script prints each
# time and the medians as a Markdown row for docs/benchmarks.md, with the machine's load before and after.
set -euo pipefail
ckpt=${1:?usage: scripts/bench-embed-spark.sh CHECKPOINT [OUT_DIR]}
out=${2:-runs/bench-embed-spark-$(date +%Y%m%d-%H%M%S)}
data=${DATA:-../shared/data/modelnet10}
size=${SIZE:-nano}; batch=${BATCH:-32}; repeats=${REPEATS:-3}; up=${UP:-z}
mkdir -p "$out"
out=$(cd "$out" && pwd)  # absolute: Maven runs in another folder
find "$(realpath "$data")" -path '*/test/*.pcd' | sort > "$out/all.txt"
head -1 "$out/all.txt" > "$out/one.txt"
n=$(wc -l < "$out/all.txt")
[ "$n" -gt 1 ] || { echo "no test files under $data" >&2; exit 2; }
# One-file folder for the Spark run (binaryFile reads folders); a link keeps the file name (it seeds FPS).
mkdir -p "$out/one"; ln -sf "$(realpath "$(head -1 "$out/all.txt")")" "$out/one/"

mvn -B -q install -DskipTests
mvn -B -q -f recon4j-spark/pom.xml package -DskipTests
mvn -B -q -f recon4j-spark/pom.xml dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$out/spark.cp"
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' recon4j-spark/pom.xml)
spark_cp="recon4j-spark/target/recon4j-spark-0.1.0-SNAPSHOT-job.jar:$(cat "$out/spark.cp")"

now() { date +%s.%N; }
run_recon() {  # $1 list file, $2 output
  rm -rf "$2" "$2.parts"
  ./recon embed --checkpoint "$ckpt" --input "$1" --out "$2" --size "$size" --up "$up" --batch-size "$batch" >/dev/null 2>&1
}
run_spark() {  # $1 input (folder or glob), $2 output
  rm -rf "$2"
  java -Xmx8g -Dai.djl.offline=true -Dspark.master='local[2]' -Dspark.ui.enabled=false $opens -cp "$spark_cp" \
    io.recon4j.spark.ReconSparkJob --checkpoint "$ckpt" --input "$1" --out "$2" --size "$size" --up "$up" \
    --batch-size "$batch" >/dev/null 2>&1
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/times.txt"
for tool in recon spark; do
  for r in $(seq "$repeats"); do
    for set in one all; do
      if [ $tool = recon ]; then input="$out/$set.txt"; else input=$([ $set = one ] && echo "$out/one" || echo "$data/*/test"); fi
      t0=$(now); run_$tool "$input" "$out/$tool-$set.parquet"; t1=$(now)
      echo "$tool $set $r $(echo "$t1 - $t0" | bc)" | tee -a "$out/times.txt"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/times.txt"
echo
echo "| tool | start-up s (1 file) | 908 files s | rows/s after start-up |"
echo "|---|---:|---:|---:|"
for tool in recon spark; do
  one=$(awk -v t=$tool '$1==t && $2=="one" {print $4}' "$out/times.txt" | median)
  all=$(awk -v t=$tool '$1==t && $2=="all" {print $4}' "$out/times.txt" | median)
  echo "| $tool | $one | $all | $(echo "scale=1; ($n - 1) / ($all - $one)" | bc) |"
done
