# kindly: plain GNU make + pkg-config; no configure step.
# Targets: all (build/kindly), demo, check (deps, then check-only), asan,
# fuzz, install, clean, format, format-check.  See README.md.
.SUFFIXES:

PKGS	 ?= yaml-0.1 libcmark lua5.4 libzip libsodium
PREFIX	 ?= /usr/local
BUILD	 ?= build
CC	 ?= cc
CFLAGS	 ?= -O2 -g
WERROR	 ?= -Werror
WARN	  = -std=c11 -pedantic -Wall -Wextra $(WERROR) -Wshadow -Wvla \
	    -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wformat=2
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Igenerator
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

SRCS	 = $(sort $(wildcard generator/*.c))
OBJS	 = $(SRCS:generator/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
LIBOBJS	 = $(filter-out $(BUILD)/main.o,$(OBJS))
TESTS	 = $(patsubst tests/unit/%.c,$(BUILD)/%,$(sort $(wildcard tests/unit/test_*.c)))
THEMES	 = themes/default themes/large-print themes/dyslexia-friendly themes/high-contrast
EMBEDDED = $(shell find $(THEMES) generator/kinds generator/lexicon -type f ! -name '.*' | LC_ALL=C sort)

# Fuzzing (tests/fuzz): each target is linked with libFuzzer by 'make
# fuzz' (clang, ASan, UBSan, in FUZZ_BUILD), and with tests/fuzz/replay.c
# by 'make check', which runs it on its tests/fuzz/regress/ inputs.
FUZZ	   = data doc site tmpl xhtml
FUZZ_TIME ?= 60
FUZZ_BUILD ?= build-fuzz
FUZZ_FLAGS ?=
FUZZ_SRCS  = tests/fuzz/common.c
FUZZ_DEPS  = $(FUZZ_SRCS) tests/fuzz/fuzz.h
FUZZ_CPPFLAGS = -Itests/fuzz -DFUZZ_ROOT='"$(CURDIR)"'
REPLAYS	   = $(FUZZ:%=$(BUILD)/replay_%)
FUZZERS	   = $(FUZZ:%=$(BUILD)/fuzz_%)

all: $(BUILD)/kindly

$(BUILD)/kindly: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/%.o: generator/%.c | $(BUILD)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/embedded.c: scripts/embed.sh $(EMBEDDED) | $(BUILD)
	sh scripts/embed.sh $(THEMES) generator/kinds generator/lexicon > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/t.h $(LIBOBJS)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) \
	    -o $@ $< $(LIBOBJS) $(PKG_LIBS)

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_DEPS) $(LIBOBJS)
	$(CC) $(WARN) $(CPPFLAGS) $(FUZZ_CPPFLAGS) -DFUZZ_TARGET='"$*"' \
	    $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
	    $(FUZZ_SRCS) $(LIBOBJS) $(PKG_LIBS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS) $(LIBOBJS)
	$(CC) $(WARN) $(CPPFLAGS) $(FUZZ_CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) \
	    -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_SRCS) \
	    $(LIBOBJS) $(PKG_LIBS)

$(BUILD):
	mkdir -p $@

deps:
	sh scripts/install-deps.sh

demo: deps
	$(MAKE) all
	@[ -s $(BUILD)/demo-secret ] || head -c 32 /dev/urandom | base64 > $(BUILD)/demo-secret
	./$(BUILD)/kindly build --secret-file $(BUILD)/demo-secret --links $(BUILD)/demo-links.txt \
	    --redaction-log $(BUILD)/demo-redactions.txt content -o public
	./$(BUILD)/kindly build --record content -o $(BUILD)/demo-record
	@echo "kindly: the demo site is in public/; each reader's page is listed in $(BUILD)/demo-links.txt"
	@echo "kindly: what was redacted is in $(BUILD)/demo-redactions.txt; the professional record is in $(BUILD)/demo-record/"

check: deps
	$(MAKE) check-only

check-only: $(BUILD)/kindly $(TESTS) $(REPLAYS)
	sh scripts/run-tests.sh $(BUILD) $(TESTS) $(REPLAYS)

asan:
	sh scripts/install-deps.sh --sanitizers
	$(MAKE) BUILD=build-asan CC=clang \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

# Build every fuzz target and run each for FUZZ_TIME seconds; extra
# libFuzzer options in FUZZ_FLAGS (e.g. FUZZ_FLAGS=-fork=2).
fuzz: deps
	sh scripts/install-deps.sh --sanitizers
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	    fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TIME) "$(FUZZ_FLAGS)" $(FUZZ)

fuzz-build: $(FUZZERS)

format:
	clang-format -i generator/*.[ch] tests/unit/*.[ch] tests/fuzz/*.[ch]

format-check:
	clang-format --dry-run --Werror generator/*.[ch] tests/unit/*.[ch] tests/fuzz/*.[ch]

install: $(BUILD)/kindly
	mkdir -p $(DESTDIR)$(PREFIX)/bin
	cp $(BUILD)/kindly $(DESTDIR)$(PREFIX)/bin/kindly

clean:
	rm -rf build build-asan $(FUZZ_BUILD)

.PHONY: all deps demo check check-only asan fuzz fuzz-build format format-check install clean
-include $(OBJS:.o=.d)
