#!/usr/bin/env bats
# read-infoblock and write-infoblock on image files, on the host: ndtool's blocks compared
# with upstream ndctl's byte for byte over a matrix of write-infoblock arguments (-c and -o),
# and read-infoblock -i's JSON (-j and -u) compared with ndctl's over the same images,
# including damaged and foreign blocks. The namespace side is in test/bats/infoblock.bats.

bats_require_minimum_version 1.5.0

SRCDIR=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
NDTOOL=$BUILDDIR/ndtool/.libs/ndtool
export SRCDIR BUILDDIR NDTOOL
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
ndtool() { "$NDTOOL" "$@"; }

UUID=56b11990-66b1-4d91-9cac-ca084c051259
PARENT=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0

setup() {
	command -v ndctl >/dev/null || skip "upstream ndctl is not installed"
	W=$BATS_TEST_TMPDIR
}

# The argument matrix: sizes around the 2 MiB and 1 GiB boundaries (exact, one page or
# byte off, too small), every alignment class, offsets aligned, page-aligned and odd, both
# page map locations, both modes and a parent uuid on alternate cases.
matrix() {
	local s a o m args i=0
	for s in 4M 4194303 6M 16M 18M 20M 1G 1073745920 1075838976 3G 1T 2097152 2105344 \
		4202496 8K; do
		for a in - 4K 64K 2M 1G; do
			for o in - 4K 1M 3 2M 6M; do
				for m in dev mem; do
					i=$((i + 1))
					args="-s $s -M $m"
					[ "$a" = - ] || args+=" -a $a"
					[ "$o" = - ] || args+=" -O $o"
					[ $((i % 2)) = 0 ] && args+=" -m devdax"
					[ $((i % 3)) = 0 ] && args+=" -p $PARENT"
					echo "$args"
				done
			done
		done
	done
}

@test "write-infoblock -c: the same bytes and outcome as ndctl over the argument matrix" {
	local args n=0 same=0 fails=0 bad=() rn rc
	while read -r args; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		rn=0 rc=0
		# shellcheck disable=SC2086
		ndtool write-infoblock $args -u $UUID -c >"$W/n.bin" 2>"$W/n.err" || rn=$?
		# shellcheck disable=SC2086
		ndctl write-infoblock $args -u $UUID -c >"$W/c.bin" 2>/dev/null || rc=$?
		if [ $rn -ne 0 ] && [ $rc -ne 0 ]; then
			# ndctl: 250, unable to satisfy requested alignment; ndtool: exit 1
			[ $rn -eq 1 ] && [ $rc -eq 250 ] && [ ! -s "$W/n.bin" ] &&
				grep -q "unable to satisfy the alignment" "$W/n.err" ||
				bad+=("$args: exit $rn/$rc")
			fails=$((fails + 1))
			continue
		fi
		if [ $rn -eq 0 ] && [ $rc -eq 0 ] && cmp -s "$W/n.bin" "$W/c.bin"; then
			same=$((same + 1))
			# the images feed the read-infoblock test below
			[ $((n % 9)) = 0 ] && cp "$W/c.bin" "$BATS_FILE_TMPDIR/m$n.bin"
			continue
		fi
		bad+=("$args: exit $rn/$rc, bytes differ")
	done < <(matrix)
	echo "# $n argument sets: $same identical blocks, $fails refused by both" >&3
	printf '%s\n' "${bad[@]}"
	[ ${#bad[@]} -eq 0 ]
	[ $same -gt 500 ] && [ $fails -gt 50 ]
}

@test "read-infoblock -i -j and -u print ndctl's JSON for its images" {
	local f n=0
	ls "$BATS_FILE_TMPDIR"/m*.bin >/dev/null 2>&1 || skip "needs the matrix test's images"
	for f in "$BATS_FILE_TMPDIR"/m*.bin; do
		for o in -j -u; do
			run -0 --separate-stderr ndtool read-infoblock -i "$f" $o
			want=$(ndctl read-infoblock -i "$f" $o 2>/dev/null)
			[ "$output" = "$want" ] || { diff <(echo "$output") <(echo "$want"); false; }
			n=$((n + 1))
		done
	done
	echo "# $n JSON outputs identical" >&3
	[ $n -gt 50 ]
}

# Write ndctl's image with one field replaced and the checksum recomputed.
patched() { # OUT OFFSET FORMAT VALUE...
	python3 - "$@" <<'EOF'
import struct, sys
out, off, fmt, vals = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
b = bytearray(open(out, 'rb').read())
struct.pack_into(fmt, b, 4096 + off, *[int(v, 0) for v in vals])
blk = b[4096:8192]
blk[4088:4096] = bytes(8)
lo = hi = 0
for i in range(0, 4096, 4):
    lo = (lo + struct.unpack_from('<I', blk, i)[0]) & 0xffffffff
    hi = (hi + lo) & 0xffffffff
struct.pack_into('<Q', b, 4096 + 4088, hi << 32 | lo)
open(out, 'wb').write(b)
EOF
}

@test "read-infoblock -j: full-width fields, signed mode and btt blocks as ndctl prints them" {
	ndctl write-infoblock -s 1G -u $UUID -c >"$W/a.bin" 2>/dev/null
	cp "$W/a.bin" "$W/wide.bin"
	patched "$W/wide.bin" 48 '<I' 0xffffffff
	patched "$W/wide.bin" 56 '<QQIIIIIH' 0xffffffffffffffff 0x8000000000000000 0xffffffff \
		0xffffffff 0x80000000 0xffffffff 0xffffffff 0xffff
	python3 -c "
import struct
b = bytearray(8192)
b[4096:4111] = b'BTT_ARENA_INFO\0'
struct.pack_into('<IHHIIIIII', b, 4096 + 48, 0x12, 2, 0, 4096, 1000, 4160, 1010, 256, 4096)
struct.pack_into('<QQQQQ', b, 4096 + 80, 0x1000000, 0x2000, 0x3000, 0x4000, 0x5000)
b[4096 + 16:4096 + 32] = bytes(range(1, 17))
open('$W/btt.bin', 'wb').write(b)"
	for f in wide btt; do
		for o in -j -u; do
			run -0 --separate-stderr ndtool read-infoblock -i "$W/$f.bin" $o
			want=$(ndctl read-infoblock -i "$W/$f.bin" $o 2>/dev/null)
			# ndctl -u clamps hex values of 2^63 and more (pmem/ndctl#217)
			if [ $f = wide ] && [ $o = -u ]; then
				[[ "$output" == *'"dataoff":"0xffffffffffffffff"'* ]]
				[[ "$output" == *'"npfns":"0x8000000000000000"'* ]]
				output=$(sed 's/"0x\(ffffffffffffffff\|8000000000000000\)"/"0x7fffffffffffffff"/' \
					<<<"$output")
			fi
			[ "$output" = "$want" ] || { diff <(echo "$output") <(echo "$want"); false; }
		done
	done
}

@test "read-infoblock: raw copy, standard input, -V and what ndctl would not flag" {
	ndctl write-infoblock -s 1G -u $UUID -c >"$W/a.bin" 2>/dev/null
	run -0 ndtool read-infoblock -i "$W/a.bin" -o "$W/copy.bin"
	cmp "$W/a.bin" "$W/copy.bin"
	[ "$(ndtool read-infoblock -j <"$W/a.bin" 2>/dev/null)" = \
	  "$(ndctl read-infoblock -j <"$W/a.bin" 2>/dev/null)" ]
	run -0 --separate-stderr ndtool read-infoblock -V -j -i "$W/a.bin"
	[ "$stderr" = "read 1 infoblock" ]
	# one flipped bit: ndctl -V prints an empty array and exits 0
	cp "$W/a.bin" "$W/bad.bin"
	printf 'X' | dd of="$W/bad.bin" bs=1 seek=4200 conv=notrunc 2>/dev/null
	run -1 --separate-stderr ndtool read-infoblock -V -j -i "$W/bad.bin"
	[ -z "$output" ]
	[[ "$stderr" == *"bad.bin: bad checksum: stored 0x"*"computed 0x"* ]]
	# without -V the block is shown as it is, as ndctl does
	[ "$(ndtool read-infoblock -j -i "$W/bad.bin" 2>/dev/null)" = \
	  "$(ndctl read-infoblock -j -i "$W/bad.bin" 2>/dev/null)" ]
	head -c 8192 /dev/zero >"$W/zero.bin"
	run -1 --separate-stderr ndtool read-infoblock -j -i "$W/zero.bin"
	[[ "$stderr" == *"no info block"* ]]
	head -c 100 /dev/zero >"$W/short.bin"
	run -1 --separate-stderr ndtool read-infoblock -j -i "$W/short.bin"
	[[ "$stderr" == *"shorter than the 8 KiB"* ]]
	run -2 ndtool read-infoblock -i "$W/a.bin" namespace0.0
}

@test "write-infoblock -o: the file's size by default, the rest of the file kept, as ndctl" {
	local f
	for f in n c; do
		python3 -c "open('$W/$f.img', 'wb').write(b'\xff' * (16 << 20))"
	done
	run -0 ndtool write-infoblock -o "$W/n.img" -u $UUID -m devdax
	ndctl write-infoblock -o "$W/c.img" -u $UUID -m devdax 2>/dev/null
	cmp "$W/n.img" "$W/c.img"
	[ "$(stat -c %s "$W/n.img")" = $((16 << 20)) ]
	# a new file with --size: 8 KiB
	run -0 ndtool write-infoblock -o "$W/new-n.img" -s 32M -u $UUID
	ndctl write-infoblock -o "$W/new-c.img" -s 32M -u $UUID 2>/dev/null
	cmp "$W/new-n.img" "$W/new-c.img"
}

@test "write-infoblock refuses bad input before creating or writing anything" {
	cd "$W"
	run -1 --separate-stderr ndtool write-infoblock -o missing.img
	[[ "$stderr" == *"without --size the image size is the size of an existing file"* ]]
	[ ! -e missing.img ]
	# ndctl leaves an empty file behind here
	run -1 ndtool write-infoblock -o small.img -s 2M
	[ ! -e small.img ]
	run -2 ndtool write-infoblock -c
	run -2 ndtool write-infoblock -c -o x.img -s 1G
	[ ! -e x.img ]
	run -2 ndtool write-infoblock -s 1G -c -m sector
	run -2 ndtool write-infoblock -s 1G -c -M foo
	run -2 ndtool write-infoblock -s 1G -c -u bad
	run -2 ndtool write-infoblock -s 1G -c -a 3M
	run -2 ndtool write-infoblock -s 1G -c -a 2K
	run -2 ndtool write-infoblock -s 1G -c -a 4G
	run -2 ndtool write-infoblock -s 1G+4K -c
	run -2 ndtool write-infoblock all
	run -2 ndtool write-infoblock
	# the uuid is random without -u, and the rest does not change
	a=$(ndtool write-infoblock -s 1G -c | ndtool read-infoblock -j 2>/dev/null)
	b=$(ndtool write-infoblock -s 1G -c | ndtool read-infoblock -j 2>/dev/null)
	[ "$a" != "$b" ]
	[ "$(grep -v uuid <<<"$a")" = "$(grep -v uuid <<<"$b")" ]
}

@test "the example of ndctl-write-infoblock(1): a 1 TiB image read back" {
	run -0 --separate-stderr bash -c "'$NDTOOL' write-infoblock -s 1T -u $UUID -c |
		'$NDTOOL' read-infoblock -j"
	[ "$(echo "$output" | jq -r '.[0].file, .[0].dataoff, .[0].npfns')" = \
	  "$(printf '%s\n' '<stdin>' 17181966336 264240640)" ]
}
