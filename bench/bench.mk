# The benchmark's engine (bench/): targets, the direct-access check, the measurement, store
# kernels, statistics and libpmem loaded at run time. A convenience library that only the
# ndtool command links (its command line and output are ndtool/bench.c).
noinst_LTLIBRARIES += bench/libbench.la
bench_libbench_la_SOURCES = \
	bench/bench.h \
	bench/target.c \
	bench/check.c \
	bench/run.c \
	bench/cpu.c bench/cpu.h \
	bench/persist.c bench/persist.h \
	bench/stats.c bench/stats.h \
	bench/libpmem.c bench/libpmem.h
bench_libbench_la_CFLAGS = $(AM_CFLAGS) $(JSON_CFLAGS)
BENCH_LIBS = $(PTHREAD_LIBS) $(DL_LIBS) $(MATH_LIBS)
bench_libbench_la_LIBADD = $(BENCH_LIBS)

UNIT_TESTS += test/unit/stats test/unit/cpu
test_unit_stats_SOURCES = test/unit/stats.c test/unit/tap.h
test_unit_stats_CFLAGS = $(UNIT_CFLAGS)
test_unit_stats_LDADD = bench/libbench.la $(UNIT_LDADD) $(BENCH_LIBS)
test_unit_cpu_SOURCES = test/unit/cpu.c test/unit/tap.h
test_unit_cpu_CFLAGS = $(UNIT_CFLAGS)
test_unit_cpu_LDADD = bench/libbench.la $(UNIT_LDADD) $(BENCH_LIBS)

benchschemadir = $(pkgdatadir)
dist_benchschema_DATA = contrib/ndtool-bench.schema.json
