# Namespace info blocks (util/infoblock.c), their JSON (json/infoblock.c), unit tests and
# fuzz target; included by Makefile.am.
INFOBLOCK_SOURCES = util/infoblock.c util/infoblock.h
INFOBLOCK_JSON_SOURCES = json/infoblock.h json/infoblock.c

# test/unit/infoblock: the format against blocks and JSON captured from ndctl 76.1.
# test/fuzz/infoblock-replay: the fuzz target over the fixtures and deterministic
# mutations of them (checksums recomputed), so that CI exercises it without clang.
UNIT_TESTS += test/unit/infoblock test/fuzz/infoblock-replay
test_unit_infoblock_SOURCES = test/unit/infoblock.c test/unit/infoblock-fixture.h \
	test/unit/fixture.h test/unit/tap.h
test_unit_infoblock_CFLAGS = $(UNIT_CFLAGS)
test_unit_infoblock_LDADD = $(UNIT_LDADD)
test_fuzz_infoblock_replay_SOURCES = test/fuzz/infoblock-replay.c test/fuzz/infoblock-fuzz.c \
	test/unit/infoblock-fixture.h test/unit/fixture.h test/unit/tap.h
test_fuzz_infoblock_replay_CFLAGS = $(UNIT_CFLAGS)
test_fuzz_infoblock_replay_LDADD = $(UNIT_LDADD)
EXTRA_DIST += test/unit/data/infoblock

# libFuzzer target (make fuzz / make infoblock-fuzz-run FUZZ_TIME=60), needs clang
INFOBLOCK_FUZZ_SRC = \
	$(srcdir)/test/fuzz/infoblock-fuzz.c \
	$(srcdir)/util/infoblock.c \
	$(srcdir)/util/label.c \
	$(srcdir)/json/infoblock.c \
	$(srcdir)/util/json.c
INFOBLOCK_FUZZ_CORPUS = test/fuzz/infoblock-corpus

test/fuzz/infoblock-fuzz: $(INFOBLOCK_FUZZ_SRC) $(srcdir)/util/infoblock.h \
		$(srcdir)/util/endian.h $(srcdir)/json/infoblock.h $(srcdir)/util/json.h
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) -include $(top_builddir)/config.h -I$(top_srcdir) \
		-I$(top_srcdir)/include -I$(top_builddir) $(JSON_CFLAGS) $(UUID_CFLAGS) \
		-o $@ $(INFOBLOCK_FUZZ_SRC) $(JSON_LIBS) $(UUID_LIBS)

fuzz: test/fuzz/infoblock-fuzz

infoblock-fuzz-run: test/fuzz/infoblock-fuzz
	$(MKDIR_P) $(INFOBLOCK_FUZZ_CORPUS)
	for f in $(srcdir)/test/unit/data/infoblock/*.bin.xz; do \
		xz -dc "$$f" > $(INFOBLOCK_FUZZ_CORPUS)/`basename "$$f" .xz` || exit 1; \
	done
	test/fuzz/infoblock-fuzz -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		$(INFOBLOCK_FUZZ_CORPUS)

infoblock-fuzz-clean:
	-rm -rf test/fuzz/infoblock-fuzz $(INFOBLOCK_FUZZ_CORPUS)

clean-local: infoblock-fuzz-clean
.PHONY: infoblock-fuzz-run infoblock-fuzz-clean
