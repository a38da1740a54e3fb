#!/bin/bash
# The layers of DESIGN.md hold in the tree: each folder includes only from the folders
# below it, commands never reach into the library's internals, and no source file grows
# past 1000 lines. TAP output. Needs srcdir (set by make check).
src=${srcdir:-.}
cd "$src" || exit 1
n=0
t() {
	n=$((n + 1))
	if [ -z "$2" ]; then echo "ok $n - $1"; else echo "not ok $n - $1: $2"; fi
}

# The project headers a folder's files include ("dir/file.h" or <ndtool/...>), as
# "file: header" lines, minus those in the folders it may use.
includes() {
	local dir=$1 allowed=$2
	[ -d "$dir" ] || return 0
	grep -HoE '#include ("[^"]+"|<ndtool/[^>]+>)' "$dir"/*.[ch] 2>/dev/null |
		sed -E 's/#include [<"]([^>"]+)[>"]/\1/' |
		while IFS=: read -r file hdr; do
			case $hdr in
			*/*) top=${hdr%%/*} ;;
			*) top=$dir ;;	# a header of its own folder
			esac
			[[ " $allowed " == *" $top "* ]] || echo "$file includes $hdr"
		done
}

# util/: nothing of the project but itself (no libndtool)
t "util/ includes only util/" "$(includes util 'util' | xargs)"
# lib/: its own headers, the public header (<ndtool/...>), util/
t "lib/ includes only lib/, util/ and the public header" "$(includes lib 'lib util ndtool' | xargs)"
# json/: renderers over the public API
t "json/ includes only json/, util/ and the public header" \
	"$(includes json 'json util ndtool' | xargs)"
# bench/: the benchmark's engine, over the public API
t "bench/ includes only bench/, json/, util/ and the public header" \
	"$(includes bench 'bench json util ndtool' | xargs)"
# ndtool/ and daemon/: commands; never lib/ internals
t "ndtool/ includes no lib/ header" "$(includes ndtool 'ndtool bench daemon json util' | xargs)"
t "daemon/ includes no lib/ or bench/ header" "$(includes daemon 'daemon json util ndtool' | xargs)"
# bench/ is linked by ndtool only
t "only ndtool links bench/" \
	"$(grep -nE '_(LDADD|LIBADD) .*bench/libbench\.la' Makefile.am */*.mk |
		grep -vE '^[^:]+:[0-9]+:(ndtool_ndtool|test_unit_[a-z]+)_LDADD' | xargs)"
t "commands build no sysfs path" \
	"$(grep -nE '"/sys/' ndtool/*.c bench/*.c json/*.c daemon/*.c 2>/dev/null | xargs)"

# the public headers: <ndtool/libndtool.h> is the one the code includes; the per-object
# headers it includes use the C library and each other only
t "code includes <ndtool/libndtool.h>, not the per-object headers" \
	"$(grep -nE '#include <ndtool/' lib/*.[ch] util/*.[ch] json/*.[ch] bench/*.[ch] \
		ndtool/*.[ch] daemon/*.[ch] test/unit/*.[ch] 2>/dev/null |
		grep -v '<ndtool/libndtool.h>' | xargs)"
t "include/ndtool/ includes only itself and system headers" \
	"$(grep -nE '#include' include/ndtool/*.h |
		grep -vE '#include <((ndtool|sys|linux)/)?[a-z_]+\.h>' | xargs)"

# the library states conditions; the commands word the advice (ndtool/advice.c)
t "lib/ messages name no command and no option" \
	"$(grep -nP '"[^"]*((?<![A-Za-z])(ndtool|ndctl|daxctl) [a-z]|(?<![A-Za-z0-9-])--[a-z])' \
		lib/*.c | xargs)"

long=$(for f in $(find lib util json bench ndtool daemon include test man contrib -type f 2>/dev/null); do
	case $f in *.c | *.h | *.sh | *.bats | *.bash | *.am | *.mk | *.adoc | *.md) ;; *) continue ;; esac
	[ -f "$f" ] && l=$(wc -l <"$f") && [ "$l" -gt 1000 ] && echo "$f ($l lines)"
done)
t "no source file over 1000 lines" "$(echo $long)"
echo "1..$n"
