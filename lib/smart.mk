# DIMM command families (lib/smart-*.c) and their unit tests; included by Makefile.am.
SMART_SOURCES = \
	lib/smart.h \
	lib/smart-family.c \
	lib/smart-intel.c \
	lib/smart-hpe1.c \
	lib/smart-msft.c \
	lib/smart-hyperv.c \
	lib/smart-papr.c
SMART_UNIT_TESTS = test/unit/smart
UNIT_TESTS += test/unit/smart
test_unit_smart_SOURCES = test/unit/smart.c test/unit/tap.h
test_unit_smart_CFLAGS = $(UNIT_CFLAGS)
test_unit_smart_LDADD = $(UNIT_LDADD)
UNIT_TESTS += test/unit/health-ops
test_unit_health_ops_SOURCES = test/unit/health-ops.c test/unit/tap.h
test_unit_health_ops_CFLAGS = $(UNIT_CFLAGS)
test_unit_health_ops_LDADD = $(UNIT_LDADD)
