# rentbridge: business-case simulation engine for temporary rent subsidies.
#
#   make            build ./rentbridge
#   make run        install dependencies, build, run the default scenario
#   make test       install dependencies, build, run every test
#   make check-asan the whole suite under AddressSanitizer + UBSan
#   make fuzz       fuzz the loaders and the engine (FUZZ_SECONDS a target,
#                   default 60; FUZZ_TARGET scenario, engine or all)
#   make bench      benchmark the engine (docs/performance.md)
#   make check-mpi  the MPI program (build/rentbridge-mpi, when OpenMPI is
#                   installed) on 2 processes gives a single one's files
#   make check-layers  includes, calls and function lengths keep to the
#                      layers (docs/architecture.md); public headers
#                      compile on their own
#   make golden-update accept an intended change of the golden answer files
#                      (tests/golden/README.md)
#   make format / format-check
#
# SANITIZER=address,undefined builds into build-asan/.

CC ?= cc
ifeq ($(origin CC),default)
CC = gcc
endif

SANITIZER ?=
ifeq ($(SANITIZER),)
BUILD := build
OPT ?= -O3
SANFLAGS :=
else
BUILD := build-asan
OPT ?= -O1 -g
SANFLAGS := -fsanitize=$(SANITIZER) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

PKGS := gsl libconfig jansson xlsxwriter libmd zlib libmicrohttpd
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
        -Wmissing-prototypes -Wno-sign-conversion
CFLAGS ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -fopenmp $(SANFLAGS) \
             -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
LDLIBS_ALL = $(PKG_LIBS) -lm -fopenmp $(SANFLAGS)

# The library: every layer folder of src/ but the command line (docs/architecture.md).
# src/engine/mpi.c and src/cli/main_mpi.c only in the MPI program (below).
MPI_SRC := src/engine/mpi.c src/cli/main_mpi.c
LIB_SRC := $(sort $(filter-out src/cli/% $(MPI_SRC),$(wildcard src/*/*.c)))
CLI_SRC := $(sort $(filter-out $(MPI_SRC),$(wildcard src/cli/*.c)))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_UTIL := tests/util.c

LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
TEST_UTIL_OBJ := $(TEST_UTIL:tests/%.c=$(BUILD)/obj/tests/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
PUB_HDR := $(sort $(wildcard include/rentbridge/*.h))
HDR_OBJ := $(PUB_HDR:include/rentbridge/%.h=$(BUILD)/headers/%.o)

BIN := $(BUILD)/rentbridge

# The MPI program build/rentbridge-mpi (docs/cluster.md), built when
# OpenMPI's development files are installed (pkg-config ompi-c); the plain
# build never needs them.
HAVE_MPI := $(shell pkg-config --exists ompi-c 2>/dev/null && echo 1)
MPI_CFLAGS = $(shell pkg-config --cflags ompi-c 2>/dev/null)
MPI_LIBS = $(shell pkg-config --libs ompi-c 2>/dev/null)
MPI_BIN := $(if $(HAVE_MPI),$(BUILD)/rentbridge-mpi)

.PHONY: all deps run test tests check-asan fuzz bench format format-check clean \
        check-determinism check-scenarios report-png check-headers \
        check-layers golden-update check-mpi

all: $(BIN) rentbridge $(MPI_BIN)

rentbridge: $(BIN)
	@ln -sf $(BIN) rentbridge

deps:
	@sh scripts/install-deps

$(BUILD)/librentbridge.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(BUILD)/librentbridge.a
	$(CC) -o $@ $(CLI_OBJ) $(BUILD)/librentbridge.a $(LDLIBS_ALL)

# The MPI program: the engine's MPI hooks, main.c's main() as
# rb_cli_main() (called by main_mpi.c after MPI has started), the rest of
# the program and the library as they are.
$(BUILD)/obj/engine/mpi.o: ALL_CFLAGS += $(MPI_CFLAGS)

$(BUILD)/obj-mpi/cli/main.o: src/cli/main.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Dmain=rb_cli_main -Wno-missing-prototypes -c -o $@ $<

MPI_CLI_OBJ := $(filter-out $(BUILD)/obj/cli/main.o,$(CLI_OBJ)) \
               $(BUILD)/obj-mpi/cli/main.o $(BUILD)/obj/cli/main_mpi.o

$(BUILD)/rentbridge-mpi: $(MPI_CLI_OBJ) $(BUILD)/obj/engine/mpi.o $(BUILD)/librentbridge.a
	$(CC) -o $@ $(MPI_CLI_OBJ) $(BUILD)/obj/engine/mpi.o \
	  $(BUILD)/librentbridge.a $(LDLIBS_ALL) $(MPI_LIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_UTIL_OBJ) $(BUILD)/librentbridge.a
	@mkdir -p $(@D)
	$(CC) -o $@ $< $(TEST_UTIL_OBJ) $(BUILD)/librentbridge.a $(LDLIBS_ALL) -lcmocka

# Each public header compiles on its own, as a caller of an installed
# library would include it: a translation unit holding only that include
# (twice, for the include guard), the strict warnings as errors, and no
# -Isrc.  ISO C wants one declaration in a translation unit, which a header
# of macros alone (version.h) lacks: the typedef after the includes is it.
$(BUILD)/headers/%.o: include/rentbridge/%.h
	@mkdir -p $(@D)
	@printf '#include "rentbridge/%s.h"\n#include "rentbridge/%s.h"\ntypedef int rb_header_self_compile;\n' $* $* >$(@:.o=.c)
	$(CC) $(filter-out -Isrc,$(ALL_CFLAGS)) -Werror -c -o $@ $(@:.o=.c)

check-headers: $(HDR_OBJ)
	@echo "check-headers: $(words $(HDR_OBJ)) public headers compile on their own"

# Accept an intended change of the results: rewrite tests/golden/ from this
# build (tests/golden/README.md), then review and commit the diff.
golden-update: $(BUILD)/tests/test_golden $(BIN)
	@RB_GOLDEN_UPDATE=1 RB_BIN=$(BIN) ./$(BUILD)/tests/test_golden
	@git --no-pager diff --stat -- tests/golden 2>/dev/null || true

DEFAULT_SCENARIO ?= scenarios/network.cfg

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) run $(DEFAULT_SCENARIO) --force

tests: $(TEST_BIN) $(BIN) $(HDR_OBJ)

# Every test program, then one closing line: "tests: N passed, N failed".
test: deps
	@$(MAKE) --no-print-directory tests
	@sh tools/run-tests.sh $(BUILD)

check-asan: deps
	@$(MAKE) --no-print-directory SANITIZER=address,undefined tests
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  sh tools/run-tests.sh build-asan

check-determinism: all
	@sh tools/check-determinism.sh

# The MPI program on 2 processes against a single one, byte for byte
# (docs/cluster.md); skipped when OpenMPI is not installed.
MPI_REPS ?= 200
check-mpi: all
	@sh tools/check-mpi.sh $(BUILD) $(MPI_REPS)

FUZZ_SECONDS ?= 60
FUZZ_TARGET ?= all
fuzz:
	@sh scripts/install-deps --all
	@sh tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGET)

$(BUILD)/bench: tools/bench.c $(BUILD)/librentbridge.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/librentbridge.a $(LDLIBS_ALL)

# The R peer of docs/performance.md (../shared/bench/peer from the main
# checkout; timed only when Rscript is installed).
PEER ?= $(firstword $(wildcard ../shared/bench/peer ../../shared/bench/peer) ../shared/bench/peer)
BENCH_REPEATS ?= 3
bench: $(BUILD)/bench $(BIN)
	./$(BUILD)/bench scenarios/bench.cfg $(BENCH_REPEATS) $(BIN) scenarios/network.cfg $(PEER)

# Render a results folder's report.html to a PNG with headless Chromium
# (skipped when chromium is not installed): make report-png DIR=results/x
DIR ?= results/network
report-png:
	@sh tools/report-png.sh $(DIR)

check-scenarios: all
	@sh tools/check-scenarios.sh

# The layers of docs/architecture.md: the checker's self-test first (it must
# catch an include and a call against the layers), then the tree.
check-layers: all check-headers
	@sh tools/test-check-layers.sh
	@python3 tools/check-layers.py --build $(BUILD)

FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@if command -v clang-format >/dev/null 2>&1; then \
	  clang-format --dry-run -Werror $(FORMAT_FILES) && echo "format-check: ok"; \
	else echo "format-check: clang-format not installed, skipped"; fi

clean:
	rm -rf build build-asan build-fuzz rentbridge

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(if $(HAVE_MPI),$(MPI_CLI_OBJ:.o=.d) $(BUILD)/obj/engine/mpi.d) $(HDR_OBJ:.o=.d) $(TEST_UTIL_OBJ:.o=.d) \
         $(TEST_BIN:$(BUILD)/tests/%=$(BUILD)/obj/tests/%.d)
