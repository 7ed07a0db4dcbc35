#!/usr/bin/env bash
# make bench: Waymark beside cmark-gfm and pymarkdownlnt on the shared corpus, release build, and
# the store with 8 operators at once on SQLite and on a throwaway PostgreSQL cluster.
# Prints the table and writes bench/results.json. Extra arguments go to waymark-bench
# (--rounds N, --scales 1,4,16, --pymarkdown-rounds N).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
CORPUS=${WAYMARK_CORPUS:-../shared/corpus}
PYMARKDOWN_VERSION=0.9.41
RUMDL_VERSION=0.3.0
VENV=.build/bench-venv

if [ ! -d "$CORPUS/partner-center" ]; then
  echo "make bench: $CORPUS/partner-center is missing (set WAYMARK_CORPUS)" >&2
  exit 1
fi
# pymarkdownlnt from PyPI, in a virtual environment of its own.
if [ ! -x $VENV/bin/pymarkdownlnt ] || [ "$($VENV/bin/pymarkdownlnt version 2>/dev/null)" != "$PYMARKDOWN_VERSION" ]; then
  echo "installing pymarkdownlnt $PYMARKDOWN_VERSION from PyPI into $VENV"
  python3 -m venv $VENV
  $VENV/bin/pip install --quiet --disable-pip-version-check "pymarkdownlnt==$PYMARKDOWN_VERSION"
fi
# rumdl from PyPI (a Rust program in a wheel), beside it.
if [ ! -x $VENV/bin/rumdl ] || [ "$($VENV/bin/pip show rumdl 2>/dev/null | sed -n 's/^Version: //p')" != "$RUMDL_VERSION" ]; then
  echo "installing rumdl $RUMDL_VERSION from PyPI into $VENV"
  [ -x $VENV/bin/pip ] || python3 -m venv $VENV
  $VENV/bin/pip install --quiet --disable-pip-version-check "rumdl==$RUMDL_VERSION"
fi
# Built as `make release` builds what users run (RELEASE_FLAGS comes from the Makefile): the Swift
# runtime and Foundation linked into the program (--static-swift-stdlib), as Swift command-line tools
# ship on Linux (no link-time optimization: see the Makefile's release target).
RELEASE_FLAGS=${RELEASE_FLAGS:--c release --static-swift-stdlib}
# shellcheck disable=SC2086 # several flags in one variable
$SWIFT build $RELEASE_FLAGS --product waymark-bench
# shellcheck disable=SC2086
$SWIFT build $RELEASE_FLAGS --product waymark
# shellcheck disable=SC2086
BIN=$($SWIFT build $RELEASE_FLAGS --show-bin-path)
mkdir -p bench
# A throwaway PostgreSQL cluster for the team-store section, stopped whatever happens.
PG_DIR=$(mktemp -d /tmp/waymark-bench-pg.XXXXXX)
trap './scripts/pg-cluster.sh stop "$PG_DIR"' EXIT
./scripts/pg-cluster.sh start "$PG_DIR" > /dev/null
"$BIN/waymark-bench" "$CORPUS" --pymarkdown $VENV/bin/pymarkdownlnt --rumdl $VENV/bin/rumdl \
  --output bench/results.json \
  --postgres "$(cat "$PG_DIR/url")" "$@"
# The web app under load (wrk from Debian's packages), on SQLite and on the same PostgreSQL cluster.
command -v wrk > /dev/null || apt-get install -y wrk > /dev/null
python3 scripts/bench-web.py --waymark "$BIN/waymark" --postgres "$(cat "$PG_DIR/url")" \
  --output bench/results.json
# Every figure with a goal, in one table, from the results file.
python3 scripts/bench-summary.py bench/results.json
