# DIMM command families (lib/smart-*.c) and their unit tests; included by Makefile.am.
SMART_SOURCES = lib/smart.h
SMART_UNIT_TESTS =
