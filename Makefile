# kindly: plain GNU make + pkg-config; no configure step.
# Targets: all (build/kindly), demo, check (deps, then check-only), asan,
# install, clean, format, format-check.  See README.md.
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

check-only: $(BUILD)/kindly $(TESTS)
	sh scripts/run-tests.sh $(BUILD) $(TESTS)

asan:
	$(MAKE) BUILD=build-asan CC=clang \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

format:
	clang-format -i generator/*.[ch] tests/unit/*.[ch]

format-check:
	clang-format --dry-run --Werror generator/*.[ch] tests/unit/*.[ch]

install: $(BUILD)/kindly
	mkdir -p $(DESTDIR)$(PREFIX)/bin
	cp $(BUILD)/kindly $(DESTDIR)$(PREFIX)/bin/kindly

clean:
	rm -rf build build-asan

.PHONY: all deps demo check check-only asan format format-check install clean
-include $(OBJS:.o=.d)
