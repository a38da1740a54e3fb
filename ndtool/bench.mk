# ndtool bench: the persistent-memory mmap/flush benchmark (ndtool/bench*.c), its
# store kernels and statistics (util/), unit tests and the JSON lines schema.
BENCH_UTIL_SOURCES = \
	util/cpu.c util/cpu.h \
	util/persist.c util/persist.h \
	util/stats.c util/stats.h \
	util/libpmem.c util/libpmem.h
BENCH_SOURCES = \
	ndtool/bench.h \
	ndtool/bench.c \
	ndtool/bench-target.c \
	ndtool/bench-check.c \
	ndtool/bench-run.c
BENCH_LIBS = $(PTHREAD_LIBS) $(DL_LIBS) $(MATH_LIBS)

UNIT_TESTS += test/unit/stats test/unit/cpu
test_unit_stats_SOURCES = test/unit/stats.c test/unit/tap.h
test_unit_stats_CFLAGS = $(UNIT_CFLAGS)
test_unit_stats_LDADD = $(UNIT_LDADD) $(BENCH_LIBS)
test_unit_cpu_SOURCES = test/unit/cpu.c test/unit/tap.h
test_unit_cpu_CFLAGS = $(UNIT_CFLAGS)
test_unit_cpu_LDADD = $(UNIT_LDADD) $(BENCH_LIBS)

benchschemadir = $(pkgdatadir)
dist_benchschema_DATA = contrib/ndtool-bench.schema.json
