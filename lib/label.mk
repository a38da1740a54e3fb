# Label area format (lib/label*.c), its JSON (util/json-label.c), unit tests and fuzz
# target; included by Makefile.am.
LABEL_SOURCES =
LABEL_UTIL_SOURCES =
