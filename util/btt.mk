# BTT format (util/btt.c): its unit test over fixtures and the fuzz target; included by
# Makefile.am.
BTT_SOURCES = util/btt.c util/btt.h

# test/fuzz/btt-replay: the fuzz target's entry point over the fixtures (a BTT captured
# from the kernel and small generated ones) and deterministic mutations of them that keep
# the info block checksums right, so that CI exercises the map and flog checks without clang.
UNIT_TESTS += test/fuzz/btt-replay
test_fuzz_btt_replay_SOURCES = test/fuzz/btt-replay.c test/fuzz/btt-fuzz.c \
	test/fuzz/btt-image.h test/unit/tap.h
test_fuzz_btt_replay_CFLAGS = $(UNIT_CFLAGS) -DBTT_DATA='"$(abs_top_srcdir)/test/unit/data/btt"'
test_fuzz_btt_replay_LDADD = $(UNIT_LDADD)
EXTRA_DIST += test/unit/data/btt

# libFuzzer target (make fuzz builds it beside label-fuzz; make btt-fuzz-run runs it)
BTT_FUZZ_SRC = \
	$(srcdir)/test/fuzz/btt-fuzz.c \
	$(srcdir)/util/btt.c \
	$(srcdir)/util/label.c
BTT_FUZZ_CORPUS = test/fuzz/btt-corpus

test/fuzz/btt-fuzz: $(BTT_FUZZ_SRC) $(srcdir)/util/btt.h $(srcdir)/util/label.h \
		$(srcdir)/util/endian.h $(srcdir)/test/fuzz/btt-image.h
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) -include $(top_builddir)/config.h -I$(top_srcdir) \
		-I$(top_srcdir)/include -I$(top_builddir) -o $@ $(BTT_FUZZ_SRC)

fuzz: test/fuzz/btt-fuzz

btt-fuzz-run: test/fuzz/btt-fuzz test/fuzz/btt-replay
	$(MKDIR_P) $(BTT_FUZZ_CORPUS)
	test/fuzz/btt-replay --corpus $(BTT_FUZZ_CORPUS) >/dev/null
	test/fuzz/btt-fuzz -max_total_time=$(FUZZ_TIME) -print_final_stats=1 -max_len=1048576 \
		$(BTT_FUZZ_CORPUS)

btt-fuzz-clean:
	-rm -rf test/fuzz/btt-fuzz $(BTT_FUZZ_CORPUS)

clean-local: btt-fuzz-clean
.PHONY: btt-fuzz-run btt-fuzz-clean
