#!/bin/bash
# libndtool's ABI: the public header, the version script, the NDT_EXPORT definitions
# and the shared object's dynamic symbols all name the same functions. TAP output.
# Needs srcdir and top_builddir (set by make check).
src=${srcdir:-.}
build=${top_builddir:-.}
so=$(ls "$build"/lib/.libs/libndtool.so.* 2>/dev/null | head -n 1)
n=0
t() {
	n=$((n + 1))
	if [ -z "$2" ]; then echo "ok $n - $1"; else echo "not ok $n - $1: $2"; fi
}

hdr=$(sed -n 's/^[a-z].*[ *]\(ndt_[a-z0-9_]*\)(.*/\1/p' "$src"/include/ndtool/*.h | sort -u)
sym=$(grep -oE '^[[:space:]]+ndt_[a-z0-9_]+;' "$src/lib/libndtool.sym" | tr -d ' \t;' | sort -u)
exp=$(grep -h -A1 '^NDT_EXPORT' "$src"/lib/*.c | grep -oE 'ndt_[a-z0-9_]+\(' | tr -d '(' | sort -u)

t "the header declares functions" "$([ -n "$hdr" ] || echo none found)"
t "every header function is in libndtool.sym" "$(comm -23 <(echo "$hdr") <(echo "$sym") | xargs)"
t "every libndtool.sym entry is declared in the header" "$(comm -13 <(echo "$hdr") <(echo "$sym") | xargs)"
t "every NDT_EXPORT definition is in libndtool.sym" "$(comm -23 <(echo "$exp") <(echo "$sym") | xargs)"
t "every libndtool.sym entry is defined with NDT_EXPORT" "$(comm -13 <(echo "$exp") <(echo "$sym") | xargs)"
if [ -n "$so" ]; then
	dyn=$(nm -D --defined-only "$so" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort -u)
	t "the shared object exports exactly libndtool.sym" "$(diff <(echo "$sym") <(echo "$dyn") | grep '^[<>]' | xargs)"
	t "exports carry the LIBNDTOOL_1 version" "$(nm -D --defined-only "$so" | awk '$2 == "T" && $3 !~ /@@?LIBNDTOOL_/' | xargs)"
else
	echo "ok $((n + 1)) # skip no shared library built"
	echo "ok $((n + 2)) # skip no shared library built"
	n=$((n + 2))
fi
echo "1..$n"
