# zeeklog — see README.md.  `make` builds build/zeeklog.so, `make test` runs
# every test, `make report` prints the triage report for the bundled example.

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
LOG     ?= examples/http.log
ROWS    ?= 200000
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
ZL_CFLAGS = -std=c11 -D_GNU_SOURCE -fPIC -Wall -Wextra -Wshadow -Wno-unused-parameter \
            -pthread
ZL_LIBS   = -pthread -lpcre2-8 -lisal -lzstd -lm
# The unit tests also link cJSON (the JSON scanner is checked against it) and
# zlib (they write gzip files).
CHECK_LIBS = -lcheck -lsubunit -lrt -lm -lz -lcjson -pthread

# The layers are folders (docs/internals.md): ext/zeeklog.c, ext/host.c, ext/vtab/ and
# ext/func/*/sql_*.c talk to SQLite; every other ext/**/*.c is a core that the
# unit tests and the fuzzers link without SQLite (`make core-sources` lists them).
SRC      = $(sort $(shell find ext -name '*.c'))
HDR      = $(shell find ext -name '*.h')
SQL_SRC  = ext/zeeklog.c ext/host.c $(wildcard ext/vtab/*.c) $(wildcard ext/func/*/sql_*.c)
CORE_SRC = $(filter-out $(SQL_SRC),$(SRC))
OBJ      = $(SRC:ext/%.c=$(BUILD)/obj/%.o)
CORE_OBJ = $(CORE_SRC:ext/%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(sort $(shell find tests/unit -name 'test_*.c'))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)

.PHONY: all deps test unit sqltest scripttest sanitize valgrind fuzz fuzz-short \
        bench bench-quick testdata report install uninstall clean core-sources

all: $(BUILD)/zeeklog.so

# Installs what the build needs when it is missing (Debian; root or sudo).
deps:
	@sh bin/install-deps

$(BUILD)/obj/%.o: ext/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ZL_CFLAGS) -Iext -c $< -o $@

$(BUILD)/zeeklog.so: $(OBJ)
	$(CC) $(CFLAGS) -shared -o $@ $(OBJ) $(ZL_LIBS) $(LDFLAGS)

$(BUILD)/unit/%: tests/unit/%.c $(CORE_OBJ) tests/unit/unit.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ZL_CFLAGS) -Iext -Itests/unit -o $@ $< $(CORE_OBJ) \
	  $(CHECK_LIBS) $(ZL_LIBS) $(LDFLAGS)

core-sources:
	@echo $(CORE_SRC)

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@sh tests/run.sh $(BUILD)

unit: $(UNIT_BIN)
	@sh tests/run.sh $(BUILD) unit

sqltest: all
	@sh tests/run.sh $(BUILD) sql

scripttest: all
	@sh tests/run.sh $(BUILD) scripts

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer.
sanitize: deps
	@sh tests/sanitize.sh

valgrind: deps
	@$(MAKE) --no-print-directory all
	@sh tests/valgrind.sh $(BUILD)

fuzz: deps
	@sh tests/fuzz/run.sh $${FUZZ_SECONDS:-600}

fuzz-short: deps
	@sh tests/fuzz/run.sh 30

testdata:
	@sh bench/testdata.sh $(ROWS)

bench: all
	@sh bench/bench.sh

bench-quick: all
	@BENCH_SIZES=200000 sh bench/bench.sh

report: deps
	@$(MAKE) -s --no-print-directory all
	@sh bin/zeeklog-report --build $(BUILD) "$(LOG)"

install: all
	install -d $(DESTDIR)$(PREFIX)/lib/zeeklog $(DESTDIR)$(PREFIX)/share/zeeklog/sql $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(BUILD)/zeeklog.so $(DESTDIR)$(PREFIX)/lib/zeeklog/zeeklog.so
	install -m 644 sql/*.sql $(DESTDIR)$(PREFIX)/share/zeeklog/sql/
	install -d $(DESTDIR)$(PREFIX)/share/zeeklog/sql/html
	install -m 644 sql/html/page.sql sql/html/make_page.sh $(DESTDIR)$(PREFIX)/share/zeeklog/sql/html/
	sed -e 's|^ZEEKLOG_LIB=.*|ZEEKLOG_LIB=$(PREFIX)/lib/zeeklog/zeeklog|' \
	    -e 's|^ZEEKLOG_SQL=.*|ZEEKLOG_SQL=$(PREFIX)/share/zeeklog/sql|' \
	    bin/zeeklog-report > $(DESTDIR)$(PREFIX)/bin/zeeklog-report
	chmod 755 $(DESTDIR)$(PREFIX)/bin/zeeklog-report

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/lib/zeeklog $(DESTDIR)$(PREFIX)/share/zeeklog
	rm -f $(DESTDIR)$(PREFIX)/bin/zeeklog-report

clean:
	rm -rf build build-san build-fuzz
