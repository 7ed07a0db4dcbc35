# Waymark: the two commands a new machine needs are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
## Debug builds (`make run`, `make test`) without debug information: a clean build of the tests takes
## a fifth less time, and a failing test still names its file and line. For a debugger, run
## `swift build` yourself.
DEBUG_FLAGS ?= -Xswiftc -gnone -Xcc -g0
DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm libxml2-dev libstemmer-dev libxml2-utils pkg-config libsqlite3-dev libmimalloc-dev sqlite3 tmux chromium chromium-driver curl python3 python3-jsonschema python3-venv postgresql git time

.PHONY: run test deps build release install lint format bench fuzz clean

## Install the Debian packages Waymark builds against, when missing.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(DEBUG_FLAGS)

## The optimized program, .build/release/waymark, with the Swift runtime and Foundation linked in:
## it starts faster and needs no Swift libraries where it runs (the C libraries it uses,
## libcmark-gfm, libxml2, libsqlite3 and libmimalloc, are still the system's). No link-time
## optimization: since the PostgreSQL store brought in SwiftNIO and two copies of BoringSSL, ld.lld's
## LTO (full or thin) runs out of memory on a 24 GB machine after twenty minutes. The program is
## linked by the toolchain's ld.lld with packed relative relocations (Package.swift), in every build.
RELEASE_FLAGS := -c release --static-swift-stdlib
export RELEASE_FLAGS
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product waymark

## Install the optimized program and what it reads: PREFIX/bin/waymark (with the content module's
## resource bundle beside it) and PREFIX/share/waymark/{Resources,Localizations}. The program finds
## them from its own real path, from any working folder. INSTALL_FROM picks another build folder.
PREFIX ?= /usr/local
INSTALL_FROM ?= .build/release
install:
	@test -x $(INSTALL_FROM)/waymark || $(MAKE) --no-print-directory release
	install -d $(PREFIX)/bin $(PREFIX)/share/waymark
	install -m 755 $(INSTALL_FROM)/waymark $(PREFIX)/bin/waymark
	rm -rf $(PREFIX)/bin/Waymark_WaymarkContent.resources $(PREFIX)/share/waymark/Resources $(PREFIX)/share/waymark/Localizations
	cp -R $(INSTALL_FROM)/Waymark_WaymarkContent.resources $(PREFIX)/bin/
	cp -R Resources Localizations $(PREFIX)/share/waymark/

## Build and start the guided walkthrough of the seed procedure for the demo customer with active
## subscriptions, in the user's locale (LANG), on the local store (demo data is loaded on first use).
run: build
	./.build/debug/waymark walk partner-center/remove-a-relationship.md --customer wingtip --reset-demo

## Build and run every test (the hostile-input suite among them) with a throwaway PostgreSQL cluster
## for the store's second backend (scripts/pg-cluster.sh: started here, stopped whatever happens),
## SIGKILL walkthroughs at random on SQLite and on PostgreSQL while formatting is checked, all at
## once (scripts/durability.py).
DURABILITY_KILLS ?= 50
test: deps
	$(SWIFT) build --build-tests $(DEBUG_FLAGS)
	@# A TMX reader CAT tools share, for the translation-memory test (PyPI, pinned).
	@[ -x .build/tm-venv/bin/python ] && .build/tm-venv/bin/python -c 'import translate' 2>/dev/null || \
	  { python3 -m venv .build/tm-venv && .build/tm-venv/bin/pip install --quiet --disable-pip-version-check \
	    "translate-toolkit==3.20.4"; }
	@pg=$$(mktemp -d /tmp/waymark-pg.XXXXXX) || exit 1; \
	trap './scripts/pg-cluster.sh stop "'"$$pg"'"; rm -f "'"$$pg"'".*.log' EXIT; \
	./scripts/pg-cluster.sh start "$$pg" > /dev/null || exit 1; \
	url=$$(cat "$$pg/url"); echo "PostgreSQL for the tests: $${url##*@}"; \
	export WAYMARK_TEST_POSTGRES=$$(cat "$$pg/url"); \
	$(SWIFT) test --skip-build || exit 1; \
	$(MAKE) --no-print-directory lint > "$$pg.lint.log" 2>&1 & \
	lint=$$!; \
	python3 scripts/durability.py --waymark .build/debug/waymark --kills $(DURABILITY_KILLS) > "$$pg.sqlite.log" 2>&1 & \
	sqlite=$$!; \
	python3 scripts/durability.py --waymark .build/debug/waymark --kills $(DURABILITY_KILLS) \
	  --postgres "$$WAYMARK_TEST_POSTGRES" > "$$pg.postgres.log" 2>&1; postgres=$$?; \
	wait $$sqlite; sqlite=$$?; wait $$lint; lint=$$?; \
	echo "durability on SQLite:"; cat "$$pg.sqlite.log"; echo "durability on PostgreSQL:"; cat "$$pg.postgres.log"; \
	echo "formatting:"; cat "$$pg.lint.log"; \
	[ $$sqlite -eq 0 ] && [ $$postgres -eq 0 ] && [ $$lint -eq 0 ]

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests

## Release-mode benchmark beside cmark-gfm and pymarkdownlnt (installed from PyPI), at 1x, 4x and 16x
## the corpus; prints the table and writes bench/results.json. BENCH_ARGS: e.g. --rounds 7.
BENCH_ARGS ?= --rounds 3
bench: deps
	./scripts/bench.sh $(BENCH_ARGS)

## libFuzzer: each target for FUZZ_SECONDS (default 600) from the seed corpus; see Fuzz/run.sh.
fuzz: deps
	./Fuzz/run.sh $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz
