# Label area format (util/label.c), its JSON (json/label.c), unit tests and fuzz target;
# included by Makefile.am.
LABEL_SOURCES = util/label.c util/label.h
LABEL_JSON_SOURCES = json/label.h json/label.c

# test/unit/label: the format against areas and JSON captured from ndctl 76.1.
# test/fuzz/label-replay: the fuzz target's entry point over the fixtures and
# deterministic mutations of them, so that CI exercises it without clang.
UNIT_TESTS += test/unit/label test/fuzz/label-replay
test_unit_label_SOURCES = test/unit/label.c test/unit/label-fixture.h test/unit/fixture.h \
	test/unit/tap.h
test_unit_label_CFLAGS = $(UNIT_CFLAGS)
test_unit_label_LDADD = $(UNIT_LDADD)
test_fuzz_label_replay_SOURCES = test/fuzz/label-replay.c test/fuzz/label-fuzz.c \
	test/unit/label-fixture.h test/unit/fixture.h test/unit/tap.h
test_fuzz_label_replay_CFLAGS = $(UNIT_CFLAGS)
test_fuzz_label_replay_LDADD = $(UNIT_LDADD)
EXTRA_DIST += test/unit/data/labels

# libFuzzer target, not part of 'all' or 'check' (needs clang):
#   make fuzz                  builds test/fuzz/label-fuzz
#   make fuzz-run FUZZ_TIME=60 runs it for FUZZ_TIME seconds, seeded with the fixtures
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_TIME = 60
LABEL_FUZZ_SRC = \
	$(srcdir)/test/fuzz/label-fuzz.c \
	$(srcdir)/util/label.c \
	$(srcdir)/json/label.c \
	$(srcdir)/util/json.c
LABEL_FUZZ_CORPUS = test/fuzz/label-corpus

test/fuzz/label-fuzz: $(LABEL_FUZZ_SRC) $(srcdir)/util/label.h $(srcdir)/util/endian.h \
		$(srcdir)/json/label.h $(srcdir)/util/json.h
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) -include $(top_builddir)/config.h -I$(top_srcdir) \
		-I$(top_srcdir)/include -I$(top_builddir) $(JSON_CFLAGS) \
		-o $@ $(LABEL_FUZZ_SRC) $(JSON_LIBS)

fuzz: test/fuzz/label-fuzz

fuzz-run: test/fuzz/label-fuzz
	$(MKDIR_P) $(LABEL_FUZZ_CORPUS)
	for f in $(srcdir)/test/unit/data/labels/*.bin.xz; do \
		xz -dc "$$f" > $(LABEL_FUZZ_CORPUS)/`basename "$$f" .xz` || exit 1; \
	done
	test/fuzz/label-fuzz -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		$(LABEL_FUZZ_CORPUS)

label-fuzz-clean:
	-rm -rf test/fuzz/label-fuzz $(LABEL_FUZZ_CORPUS)

clean-local: label-fuzz-clean
.PHONY: fuzz fuzz-run label-fuzz-clean
