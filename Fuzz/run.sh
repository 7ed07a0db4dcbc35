#!/usr/bin/env bash
# Builds Waymark's libFuzzer targets and runs each for a bounded time from the seed corpus.
#
#   Fuzz/run.sh                      every target, FUZZ_SECONDS (600) each
#   FUZZ_SECONDS=60 Fuzz/run.sh fuzz-xliff
#
# The growing corpus is kept in .build-fuzz/corpus/TARGET between runs; a crash, a hang
# (over 10 s for one input) or an input using over 2 GB stops the target, and its input is saved
# under .build-fuzz/artifacts/. Put it in Tests/FuzzRegressions/TARGET/ to make it a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=(fuzz-article fuzz-xliff fuzz-message fuzz-binding fuzz-import fuzz-search fuzz-db-url fuzz-http fuzz-docfx fuzz-xliff-merge fuzz-bilingual fuzz-fact-cache); fi
BUILD=.build-fuzz
SWIFT=${SWIFT:-swift}

seed_corpus() {
  local target=$1 dir=$BUILD/seeds/$1
  rm -rf "$dir" && mkdir -p "$dir"
  cp Fuzz/seeds/"${target#fuzz-}"/* "$dir"/
  case $target in
    fuzz-article) for f in Resources/Articles/*/*/*.md; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done ;;
    fuzz-xliff) cp Localizations/*.xlf "$dir"/ ;;
    fuzz-binding) cp Resources/Procedures/*/*.yml "$dir"/ ;;
    fuzz-message)
      # Every message of the shipped catalogs, one file each.
      python3 - "$dir" Localizations/*.xlf <<'PY'
import sys, xml.etree.ElementTree as ET
out, n = sys.argv[1], 0
for path in sys.argv[2:]:
    for el in ET.parse(path).iter():
        if el.tag.endswith('}source') or el.tag.endswith('}target'):
            text = ''.join(el.itertext())
            if '{' in text:
                n += 1
                open(f"{out}/catalog-{n:04d}.txt", 'w').write(text)
PY
      ;;
  esac
}

for target in "${TARGETS[@]}"; do
  echo "== building $target with -sanitize=fuzzer"
  $SWIFT build -c release --build-path $BUILD --sanitize=fuzzer -Xswiftc -DFUZZING --product "$target" 2>&1 |
    grep -E "error|warning: unre|Compiling|Build of" || true
  test -x $BUILD/release/"$target"
done

status=0
summary=()
for target in "${TARGETS[@]}"; do
  seed_corpus "$target"
  mkdir -p $BUILD/corpus/"$target" $BUILD/artifacts
  log=$BUILD/$target.log
  echo "== $target: ${SECONDS_PER_TARGET}s from $(ls $BUILD/seeds/$target | wc -l) seeds (log: $log)"
  started=$(date +%s)
  set +e
  $BUILD/release/"$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -dict=Fuzz/"${target#fuzz-}".dict -print_final_stats=1 \
    -artifact_prefix=$BUILD/artifacts/"$target"- $BUILD/corpus/"$target" $BUILD/seeds/"$target" >"$log" 2>&1
  code=$?
  set -e
  elapsed=$(($(date +%s) - started))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  if [ $code -eq 0 ]; then
    summary+=("$(printf '%-13s %5ss %12s inputs  coverage %6s  no crash' "$target" "$elapsed" "$runs" "$cov")")
  else
    status=1
    artifact=$(grep -o "Test unit written to [^ ]*" "$log" | tail -1 | sed 's/Test unit written to //')
    summary+=("$(printf '%-13s %5ss %12s inputs  FAILED (exit %d): %s' "$target" "$elapsed" "$runs" "$code" "${artifact:-see $log}")")
    grep -E "ERROR: libFuzzer|Fatal error|SUMMARY" "$log" | head -5 || true
    echo "   reproduce: swift build --product $target && .build/debug/$target ${artifact:-}"
  fi
done
echo
echo "fuzzing summary ($(nproc) processors):"
printf '  %s\n' "${summary[@]}"
exit $status
