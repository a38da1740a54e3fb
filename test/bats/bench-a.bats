#!/usr/bin/env bats
# topology: A
# ndtool bench on QEMU NVDIMMs: --check tells direct access (fsdax on ext4 and xfs
# mounted -o dax, device-dax) from page-cache mappings (tmpfs, ext4 without dax) and
# proves a data round trip on each; a short measurement run emits JSON lines that
# validate against the shipped schema; the table and progress read well; bad input
# changes nothing; a path is judged by what was opened, not by an earlier look at it.

load helpers

SCHEMA=$SRCDIR/contrib/ndtool-bench.schema.json
SCHEMA_CHECK=$SRCDIR/test/helpers/bench-schema
pmem_io() { "$BUILDDIR/test/helpers/pmem-io" "$@"; }
# A short run: small mapping, few ops and samples (TCG is slow; ratios are not asserted).
QUICK=(-s 16M -S 64,4104,64K -r 2 --samples 50 --batch-ms 1)

teardown() {
	local m
	for m in $(awk '$2 ~ "^/mnt/" { print $2 }' /proc/mounts); do
		umount "$m" || true
	done
	# a device node a swap test replaced (see swapped)
	if [ -e /dev/pmem0.keep ]; then mv -f /dev/pmem0.keep /dev/pmem0; fi
}

# swapped PATH WITH CMD...: run CMD; right when it first opens PATH, WITH is renamed over
# PATH (test/helpers/swap-on-open.c), as if someone replaced the file at that moment.
swapped() {
	local path=$1 with=$2
	shift 2
	LD_PRELOAD=$BUILDDIR/test/helpers/.libs/swap-on-open.so SWAP_PATH=$path SWAP_WITH=$with "$@"
}

tmpfs_mount() {
	mkdir -p /mnt/tmp
	mount -t tmpfs -o size=64M tmpfs /mnt/tmp
}

# jqo EXPR: a field of the JSON object the last "run" printed first
jqo() { echo "$output" | head -n 1 | jq -r "$1"; }
# has_row FILTER: some JSON line the last "run" printed matches FILTER
has_row() { echo "$output" | jq -s -e "[.[] | select($1)] | length > 0" >/dev/null; }

# fsdax_mount FS DIR [OPTS]: an fsdax namespace on region0 with FS mounted (-o dax) at DIR,
# from fresh labels; fsdax_mount_on leaves the other namespaces there.
fsdax_mount() {
	reset_labels
	fsdax_mount_on "$@"
}

fsdax_mount_on() {
	local dev
	dev=/dev/$(ndtool create-namespace -r region0 -m fsdax -s 512M | jq -r .blockdev)
	if [ "$1" = ext4 ]; then mkfs.ext4 -q -F -b 4096 "$dev"; else mkfs.xfs -q -f "$dev" || return 1; fi
	mkdir -p "$2"
	mount ${3:--o dax} "$dev" "$2"
	echo "$dev"
}

@test "bench --check: fsdax files on ext4 and xfs -o dax are direct access, data round-trips" {
	local fs dev domain opts
	for fs in ext4 xfs; do
		dev=$(fsdax_mount $fs /mnt/pmem)
		domain=$(ndctl list -R -r region0 | jq -r '.[0].persistence_domain // "unknown"')
		run --separate-stderr ndtool bench --check /mnt/pmem
		[ "$status" -eq 0 ] || { echo "$fs: exit $status: $output $stderr"; false; }
		[[ $output == *"access:       direct access: fsdax file, MAP_SYNC mapping"* ]]
		[[ $output == *"namespace:    namespace0.0 (fsdax, $dev) on region0"* ]]
		[[ $output == *"file system:  $fs on $dev at /mnt/pmem"* ]]
		# the mount's options and the file system's, each once ("rw" is in both)
		opts=$(echo "$output" | sed -n 's/^file system:  .* (\(.*\))$/\1/p')
		[[ ,$opts, == ,rw,*,dax* ]]
		[ -z "$(tr , '\n' <<<"$opts" | sort | uniq -d)" ] ||
			{ echo "repeated: $opts"; false; }
		[[ $output == *"integrity:    ok: 2 MiB persisted"*"pread() and $dev"* ]]
		run ndtool bench --check -j /mnt/pmem
		[ "$status" -eq 0 ]
		[ "$(jqo .kind)" = fsdax ]
		[ "$(jqo .direct_access)" = true ]
		[ "$(jqo .map_sync)" = true ]
		[ "$(jqo .statx_dax)" = true ]
		[ "$(jqo .persistence_domain)" = "$domain" ]
		[ "$(jqo .fstype)" = $fs ]
		[ "$(jqo .mount_options)" = "$opts" ]
		[ "$(jqo '.integrity | [.ok, .mapping, .pread, .blockdev] | all')" = true ]
		echo "$output" | "$SCHEMA_CHECK" "$SCHEMA" >/dev/null
		# a temporary file: nothing is left in the directory
		[ -z "$(ls -A /mnt/pmem | grep -v lost+found)" ]
		umount /mnt/pmem
	done
}

@test "bench --check: an existing file on fsdax keeps its contents" {
	fsdax_mount ext4 /mnt/pmem >/dev/null
	pmem_io write /mnt/pmem/data 8388608 11 sync
	run ndtool bench --check /mnt/pmem/data
	[ "$status" -eq 0 ]
	[[ $output == *"integrity:    ok"* ]]
	pmem_io verify /mnt/pmem/data 8388608 11
	# measuring would overwrite it: refused without --force, contents intact
	run --separate-stderr ndtool bench -q /mnt/pmem/data
	[ "$status" -eq 2 ]
	[[ $stderr == *"measuring overwrites the contents of /mnt/pmem/data; give --force"* ]]
	pmem_io verify /mnt/pmem/data 8388608 11
}

@test "bench --check: device-dax is direct access; its data survives the check" {
	local dax
	reset_labels
	dax=/dev/$(ndtool create-namespace -r region1 -m devdax -s 128M |
		jq -r '.daxregion.devices[0].chardev')
	pmem_io write "$dax" 4194304 23
	run --separate-stderr ndtool bench --check "$dax"
	[ "$status" -eq 0 ]
	[[ $output == *"access:       direct access: device-dax, 2 MiB pages"* ]]
	[[ $output == *"namespace:    namespace1.0 (devdax) on region1"* ]]
	[[ $output == *"integrity:    ok"*"device-dax has no read()"* ]]
	pmem_io verify "$dax" 4194304 23
	run ndtool bench --check -j "$dax"
	[ "$(jqo .kind)" = devdax ]
	[ "$(jqo .align)" = 2097152 ]
	[ "$(jqo .region)" = region1 ]
	[ "$(jqo .integrity.ok)" = true ]
	pmem_io verify "$dax" 4194304 23
	# the whole device would be overwritten: refused without --force
	run --separate-stderr ndtool bench -q "$dax"
	[ "$status" -eq 2 ]
	[[ $stderr == *"measuring overwrites the whole device $dax; give --force"* ]]
	pmem_io verify "$dax" 4194304 23
}

@test "bench --check: tmpfs and ext4 without dax are not direct access (exit 3)" {
	local dev
	mkdir -p /mnt/tmp
	mount -t tmpfs -o size=64M tmpfs /mnt/tmp
	run --separate-stderr ndtool bench --check /mnt/tmp
	[ "$status" -eq 3 ]
	[[ $output == *"NOT direct access: MAP_SYNC failed (EOPNOTSUPP"* ]]
	[[ $output == *"file system:  tmpfs"* ]]
	[[ $output == *"integrity:    ok"* ]]
	run ndtool bench --check -j /mnt/tmp
	[ "$status" -eq 3 ]
	[ "$(jqo .kind)" = pagecache ]
	[ "$(jqo .map_sync_error)" = EOPNOTSUPP ]
	[ "$(jqo .integrity.ok)" = true ]
	umount /mnt/tmp

	dev=$(fsdax_mount ext4 /mnt/pmem -odax=never)
	run --separate-stderr ndtool bench --check /mnt/pmem
	[ "$status" -eq 3 ]
	[[ $output == *"NOT direct access: MAP_SYNC failed (EOPNOTSUPP"* ]]
	[[ $output == *"statx DAX not set"* ]]
	[[ $output == *"namespace:    namespace0.0 (fsdax, $dev) on region0"* ]]
	[[ $output == *"integrity:    ok"*"pread()"* ]]
}

@test "bench -j: measurements on fsdax and device-dax validate against the schema" {
	local dax n
	fsdax_mount xfs /mnt/pmem >/dev/null
	run --separate-stderr ndtool bench -j "${QUICK[@]}" /mnt/pmem
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	n=$(echo "$output" | "$SCHEMA_CHECK" "$SCHEMA")
	# every variant the CPU can run, at 3 sizes
	[ "$n" -eq $((3 * ($(echo "$output" | jq -s '[.[] | select(.type == "result") |
		.variant] | unique | length')))) ]
	# flush-only can measure 0 under emulation (TCG's CLWB writes nothing back)
	has_row '.variant == "flush" and .size == 4104 and .ns_per_op >= 0 and .samples > 0'
	for v in memcpy nt nt_fill nt_fill_raw msync; do
		has_row ".type == \"result\" and .variant == \"$v\" and .size == 4104 and
			.offset == 8 and .target == \"fsdax\" and .ns_per_op > 0 and .gbps > 0 and
			.p50_ns <= .p99_ns" || { echo "no $v row"; false; }
	done
	umount /mnt/pmem

	reset_labels
	dax=/dev/$(ndtool create-namespace -r region1 -m devdax -s 128M |
		jq -r '.daxregion.devices[0].chardev')
	run --separate-stderr ndtool bench -j -f "${QUICK[@]}" -V nt,clflush,msync -t 1,2 "$dax"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	[ "$(echo "$output" | "$SCHEMA_CHECK" "$SCHEMA")" -eq 18 ]
	has_row '.type == "result" and .threads == 2 and .target == "devdax"'
}

@test "bench --vs-libpmem: libpmem rows and ratios from the same run" {
	[ -e /usr/lib/x86_64-linux-gnu/libpmem.so.1 ] || skip "libpmem1 is not installed"
	fsdax_mount ext4 /mnt/pmem >/dev/null
	run --separate-stderr ndtool bench -j --vs-libpmem "${QUICK[@]}" -V nt,nt_fill,nt_fill_raw \
		/mnt/pmem
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	[[ $(jqo .libpmem.path) == */libpmem.so.1 ]]
	echo "$output" | "$SCHEMA_CHECK" "$SCHEMA" >/dev/null
	for v in libpmem_memcpy_persist libpmem_memset_persist; do
		[ "$(echo "$output" | jq -s --arg v $v '[.[] | select(.variant == $v)] | length')" = 3 ]
	done
	# nt is compared with pmem_memcpy_persist, nt_fill with pmem_memset_persist
	has_row '.variant == "nt" and .size == 64 and .vs_libpmem > 0'
	[ "$(echo "$output" | jq -s '[.[] | select(.type == "summary") |
		.best_vs_libpmem_memcpy_persist > 0 and .fill_vs_raw_nt_fill > 0] | all')" = true ]
	# a table on request too
	run ndtool bench --vs-libpmem "${QUICK[@]}" -V nt /mnt/pmem
	[ "$status" -eq 0 ]
	[[ $output == *"libpmem:      /"*"/libpmem.so.1 (pmem_has_auto_flush "* ]]
	[[ $output == *"vs pmem_memcpy_persist"* ]]
}

@test "bench: bad input is refused with a clear message and creates nothing" {
	mkdir -p /mnt/tmp
	mount -t tmpfs -o size=64M tmpfs /mnt/tmp
	run --separate-stderr ndtool bench -S 0 /mnt/tmp
	[ "$status" -eq 2 ]
	[[ $stderr == *"invalid size '0' in --sizes"* ]]
	run --separate-stderr ndtool bench --nt avx1024 /mnt/tmp
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown non-temporal kernel 'avx1024'"* ]]
	run --separate-stderr ndtool bench -V nt,bogus /mnt/tmp
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown variant 'bogus'"* ]]
	run --separate-stderr ndtool bench -s 64K -S 2M /mnt/tmp
	[ "$status" -eq 2 ]
	[[ $stderr == *"give a larger --size or smaller --sizes"* ]]
	run --separate-stderr ndtool bench /mnt/tmp/a /mnt/tmp/b
	[ "$status" -eq 2 ]
	[[ $stderr == *"expected one path"* ]]
	[ -z "$(ls -A /mnt/tmp)" ]
	reset_labels
	dev=/dev/$(ndtool create-namespace -r region0 -m raw -s 64M | jq -r .blockdev)
	run --separate-stderr ndtool bench --check "$dev"
	[ "$status" -ne 0 ]
	[[ $stderr == *"is a block device: mount a file system on it with -o dax"* ]]
	run --separate-stderr ndtool bench --check /dev/null
	[ "$status" -ne 0 ]
	[[ $stderr == *"/dev/null (char 1:3) is not a device-dax device"* ]]
}

@test "bench table: sizes in B, KiB and MiB; each mount option once" {
	local d=$BATS_TEST_TMPDIR mnt sup want o size
	tmpfs_mount
	ndtool bench -s 16M -S 64,4104,64K,2M -r 2 --samples 20 -V nt_fill,nt_fill_raw /mnt/tmp \
		>"$d/out" 2>"$d/err"
	cat "$d/out"
	grep -qE '^target: +/mnt/tmp/\.ndtool-bench\.[A-Za-z0-9]{6} \(temporary file, removed at '\
'exit\), 16 MiB mapped$' "$d/out"
	grep -q '^integrity:    ok: 2 MiB persisted' "$d/out"
	# a heading per group and a summary row per size, in the units of the man pages
	for size in "64 B" "4104 B at offset 8" "64 KiB" "2 MiB"; do
		grep -qx "$size, seq, 1 thread" "$d/out" || { echo "no heading '$size'"; false; }
	done
	for size in "64 B" "4104 B" "64 KiB" "2 MiB"; do
		grep -qE "^  $size +seq +1  " "$d/out" || { echo "no summary row '$size'"; false; }
	done
	! grep -E '[0-9][KMG]( B|,| +seq)' "$d/out" || false
	# the file system: the mount's own options, then the file system's not already there
	mnt=$(awk '$5 == "/mnt/tmp" { print $6 }' /proc/self/mountinfo)
	sup=$(awk '$5 == "/mnt/tmp" { sub(/.* - /, ""); print $3 }' /proc/self/mountinfo)
	want=$mnt
	for o in ${sup//,/ }; do
		[[ ,$want, == *",$o,"* ]] || want+=",$o"
	done
	[[ $want == rw,*size=* && $want != *rw,*rw,* && $want != *,rw,* ]]
	grep -qxF "file system:  tmpfs on tmpfs at /mnt/tmp ($want)" "$d/out"
}

@test "bench progress: whole lines to a file or a dumb terminal, one redrawn line on a terminal" {
	local d=$BATS_TEST_TMPDIR args="-s 16M -S 64,4K -r 2 --samples 20 -V nt_fill,nt_fill_raw"
	local step='(calibrating|round|latency samples) [0-9]+/[0-9]+, [0-9]+ threads?'
	tmpfs_mount
	# shellcheck disable=SC2086
	ndtool bench $args -t 1,2 /mnt/tmp >"$d/out" 2>"$d/err"
	cat "$d/err"
	# per thread count: 2 groups calibrated, 2 rounds, 2 groups sampled; each step is a
	# line of its own, nothing else on it, and the last one ends with a newline
	[ "$(grep -cxE "$step" "$d/err")" -eq 12 ]
	[ "$(grep -cE "$step" "$d/err")" -eq 12 ]
	! grep -E "$step.*(calibrating|round|latency)" "$d/err" || false
	! grep -q $'[\r\033]' "$d/err" || false
	[ "$(tail -c 1 "$d/err" | od -An -c | tr -d ' ')" = '\n' ]

	# a terminal: each step drawn over the last (CR, erase to the end of the line), all on
	# one line, erased before the results print, so nothing of it is left at the end
	TERM=xterm script -qec "$NDTOOL bench $args /mnt/tmp >/dev/null" "$d/tty" >/dev/null
	cat -v "$d/tty"
	grep -qa $'\r\033\\[Kcalibrating 1/2, 1 thread\r\033\\[Kcalibrating 2/2, 1 thread\r' \
		"$d/tty"
	[ "$(grep -caE "$step" "$d/tty")" -eq 1 ]
	[[ $(grep -aE "$step" "$d/tty") == *$'latency samples 2/2, 1 thread\r\033[K' ]]
	# a terminal that cannot erase (TERM=dumb, a serial console) gets whole lines
	TERM=dumb script -qec "$NDTOOL bench $args /mnt/tmp >/dev/null" "$d/dumb" >/dev/null
	cat -v "$d/dumb"
	[ "$(grep -caxE "$step"$'\r' "$d/dumb")" -eq 6 ]
	! grep -qa $'\033' "$d/dumb" || false
}

@test "bench judges what it opened: a FIFO is refused, a path swapped meanwhile misleads nothing" {
	local dax raw
	tmpfs_mount
	mkfifo /mnt/tmp/fifo
	run --separate-stderr timeout 60 "$NDTOOL" bench --check /mnt/tmp/fifo
	[ "$status" -eq 2 ]
	[[ $stderr == *"/mnt/tmp/fifo is a FIFO: give a directory or a file on a DAX file"* ]]

	# a file's path becomes a FIFO right when bench opens it
	pmem_io write /mnt/tmp/data 8388608 5
	ln -s data /mnt/tmp/file
	ln -s fifo /mnt/tmp/file.new
	run --separate-stderr swapped /mnt/tmp/file /mnt/tmp/file.new \
		timeout 60 "$NDTOOL" bench --check /mnt/tmp/file
	echo "$stderr"
	[ "$status" -eq 2 ]
	[[ $stderr == *"/mnt/tmp/file is a FIFO"* ]]
	[ "$(readlink /mnt/tmp/file)" = fifo ]
	pmem_io verify /mnt/tmp/data 8388608 5

	# a device-dax path becomes /dev/null
	reset_labels
	dax=/dev/$(ndtool create-namespace -r region1 -m devdax -s 128M |
		jq -r '.daxregion.devices[0].chardev')
	ln -s "$dax" /mnt/tmp/dax
	ln -s /dev/null /mnt/tmp/dax.new
	run --separate-stderr swapped /mnt/tmp/dax /mnt/tmp/dax.new \
		timeout 60 "$NDTOOL" bench --check /mnt/tmp/dax
	echo "$stderr"
	[ "$status" -eq 2 ]
	[[ $stderr == *"/mnt/tmp/dax (char 1:3) is not a device-dax device"* ]]

	# the fsdax file system's block device node becomes another namespace's: its read-back
	# is skipped (that device holds none of the file), not compared and failed
	raw=/dev/$(ndtool create-namespace -r region1 -m raw -s 64M | jq -r .blockdev)
	fsdax_mount_on ext4 /mnt/pmem >/dev/null
	ln /dev/pmem0 /dev/pmem0.keep
	ln -s "$raw" /dev/pmem0.new
	run --separate-stderr swapped /dev/pmem0 /dev/pmem0.new \
		timeout 60 "$NDTOOL" bench --check /mnt/pmem
	echo "$output"
	mv -f /dev/pmem0.keep /dev/pmem0
	[ "$status" -eq 0 ]
	[[ $output == *"integrity:    ok: 2 MiB persisted"* ]]
	[[ $output == *"read skipped: the file system is not directly on /dev/pmem0"* ]]
}
