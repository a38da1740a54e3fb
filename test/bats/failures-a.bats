#!/usr/bin/env bats
# topology: A
# When the system or the kernel says no: whose mount blocks a destroy, failed allocations
# and writes injected into real operations (nothing half-done, every failure reported),
# a namespace whose metadata the kernel rejects, and callers of the shared library built
# with older and newer parameter structs.

load helpers

FAILINJECT_SO=$BUILDDIR/test/helpers/.libs/libfailinject.so

# inject ENV... -- CMD...: run CMD under the fault-injection preload with ENV set
inject() {
	local envs=()
	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	[ "$1" = ndtool ] && set -- "$NDTOOL" "${@:2}"
	env "${envs[@]}" LD_PRELOAD="$FAILINJECT_SO" "$@"
}

teardown() {
	local m l
	for m in $(awk '$2 ~ "^/mnt/" { print $2 }' /proc/mounts); do
		umount "$m" || true
	done
	for l in $(losetup -n -O NAME -j /tmp/other.img 2>/dev/null); do
		losetup -d "$l" || true
	done
	rm -f /tmp/other.img
}

# devnum DEV: "major minor" of a block device node
devnum() { stat -L -c '%t %T' "$1" | { read -r a b; echo "$((16#$a)) $((16#$b))"; }; }

@test "a mounted partition of another disk on the shared extended major does not block a destroy" {
	reset_labels
	run ndtool create-namespace -r region0 -m fsdax -s 64M
	[ "$status" -eq 0 ]
	pmem=/dev/$(echo "$output" | jq -r .blockdev)
	# a loop device's partitions take numbers from the extended major (259), as NVMe
	# partitions do: next to pmem0's
	modprobe loop
	truncate -s 64M /tmp/other.img
	echo ',,L' | sfdisk -q /tmp/other.img
	loop=$(losetup -f -P --show /tmp/other.img)
	udevadm settle -t 10 || true
	part=${loop}p1
	[ -b "$part" ]
	read -r pmaj pmin < <(devnum "$pmem")
	read -r lmaj lmin < <(devnum "$part")
	echo "pmem $pmaj:$pmin, loop partition $lmaj:$lmin"
	[ "$pmaj" = "$lmaj" ] && [ "$lmin" -gt "$pmin" ] && [ "$lmin" -lt $((pmin + 16)) ]
	mkfs.ext4 -q -F "$part"
	mkdir -p /mnt/other
	mount "$part" /mnt/other
	run --separate-stderr ndtool destroy-namespace -f namespace0.0
	echo "$stderr"
	[ "$status" -eq 0 ]
	[[ $stderr == *"destroyed 1 namespace"* ]]
}

@test "a mounted partition of the namespace's own disk blocks its destroy" {
	reset_labels
	run ndtool create-namespace -r region0 -m fsdax -s 64M
	[ "$status" -eq 0 ]
	pmem=/dev/$(echo "$output" | jq -r .blockdev)
	echo ',,L' | sfdisk -q "$pmem"
	udevadm settle -t 10 || true
	[ -b "${pmem}p1" ]
	mkfs.ext4 -q -F "${pmem}p1"
	mkdir -p /mnt/part
	mount "${pmem}p1" /mnt/part
	unchanged ndtool destroy-namespace -f namespace0.0
	[ "$status" -eq 1 ]
	[[ $stderr == *"$pmem is mounted on /mnt/part: unmount it first"* ]]
	umount /mnt/part
}

@test "reconfigure without memory for clearing the info block changes nothing and says why" {
	reset_labels
	ndtool create-namespace -r region0 -m fsdax -s 64M >/dev/null
	unchanged inject FAILINJECT_MEMALIGN=1 -- ndtool create-namespace -f -e namespace0.0 -m devdax
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ $stderr == *"failinject: posix_memalign"* ]]
	[[ $stderr == *"namespace0.0: no memory to clear its info block"* ]]
}

@test "destroy that cannot clear the info block puts the namespace back as it was" {
	reset_labels
	ndtool create-namespace -r region0 -m fsdax -s 64M >/dev/null
	unchanged inject 'FAILINJECT=/dev/pmem*:1:EIO' -- ndtool destroy-namespace -f namespace0.0
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ $stderr == *"failinject: write 1 to /dev/pmem"* ]]
	[[ $stderr == *"clearing the info block on /dev/pmem"*"failed: Input/output error"* ]]
	# and it still holds its file system's data path: enabled, fsdax
	[ "$(ndtool list -n namespace0.0 | jq -r '.[0].mode')" = fsdax ]
}

@test "a create whose undo fails too says what it left behind" {
	reset_labels
	# claiming the namespace fails, then freeing its size in the undo fails as well
	run --separate-stderr inject \
		'FAILINJECT=*/pfn0.*/namespace:1:EIO,*/namespace0.0/size:2:EBUSY' -- \
		ndtool create-namespace -r region0 -m fsdax -s 64M
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ $stderr == *"claiming the namespace failed: Input/output error"* ]]
	[[ $stderr == *"undoing it, freeing the size of namespace0.0 failed (Device or resource busy)"* ]]
	# the truth: namespace0.0 was left with its size
	[ "$(ndctl list -N -n namespace0.0 -i | jq -r '.[0].size')" -gt 0 ]
	ndctl destroy-namespace -f namespace0.0
}

@test "enable-namespace fails when the kernel finds a BTT it cannot bring up" {
	reset_labels
	ndtool create-namespace -r region0 -m sector -s 64M >/dev/null
	ndtool disable-namespace namespace0.0
	# corrupt the first BTT log group through the raw namespace: every entry valid is a
	# pattern the kernel rejects (it needs padding in two of the four slots)
	ns=/sys/bus/nd/devices/namespace0.0
	echo 1 >$ns/force_raw
	echo namespace0.0 >/sys/bus/nd/drivers/nd_pmem/bind
	raw=/dev/$(ls $ns/block)
	logoff=$(od -An -t u8 -j $((4096 + 104)) -N 8 "$raw" | tr -d ' ')
	[ "$logoff" -gt 0 ]
	head -c 64 /dev/zero | tr '\0' '\377' |
		dd of="$raw" bs=64 seek=$(((4096 + logoff) / 64)) conv=notrunc oflag=sync status=none
	echo namespace0.0 >/sys/bus/nd/drivers/nd_pmem/unbind
	echo 0 >$ns/force_raw
	run --separate-stderr ndtool enable-namespace namespace0.0
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ $stderr == *"namespace0.0: the kernel found BTT metadata on it but could not enable btt0."* ]]
	[[ $stderr == *"enabled 0 namespaces"* ]]
	# nothing of it is enabled: neither the namespace nor a btt
	[ ! -e $ns/driver ]
	! ls /sys/bus/nd/devices/btt0.*/driver >/dev/null 2>&1 || false
	ndctl destroy-namespace -f namespace0.0
}

@test "disable-region that the kernel refuses enables its namespaces again" {
	reset_labels
	ndtool create-namespace -r region0 -m fsdax -s 64M >/dev/null
	ndtool create-namespace -r region0 -m sector -s 64M >/dev/null
	ndtool create-namespace -r region0 -m raw -s 32M >/dev/null
	unchanged inject 'FAILINJECT=*/region0/driver/unbind:1:EBUSY' -- ndtool disable-region region0
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ $stderr == *"failinject: write 1 to "*"region0/driver/unbind"* ]]
	[[ $stderr == *"region0: the kernel refused to disable it: Device or resource busy"* ]]
}

# The ASan+UBSan build of ndtool (contrib/check makes it): a sanitizer report makes its
# exit status 99 (the guest is too slow for valgrind on every failure path)
ASAN_BUILD=$SRCDIR/build-asan
ASAN_ENV=(LD_LIBRARY_PATH="$ASAN_BUILD/lib/.libs"
	ASAN_OPTIONS=detect_leaks=1:exitcode=99:verify_asan_link_order=0
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=99)
asan_ndtool() { env "${ASAN_ENV[@]}" "$ASAN_BUILD/ndtool/.libs/ndtool" "$@"; }

# no_report: the last run's stderr holds no sanitizer report and its status is not 99
no_report() {
	echo "$stderr" | grep -E 'Sanitizer|runtime error' && return 1
	[ "$status" -ne 99 ]
}

@test "ASan+UBSan: recorded failures, advice, injected failures and their undo, a destroy" {
	[ -x "$ASAN_BUILD/ndtool/.libs/ndtool" ] || skip "no ASan build in $ASAN_BUILD (contrib/check makes it)"
	reset_labels
	ndtool create-namespace -r region0 -m fsdax -s 64M >/dev/null
	run --separate-stderr asan_ndtool create-namespace -r region0 -s 40M
	no_report
	[ "$status" -eq 1 ]
	[[ $stderr == *"use --size="* ]]
	run --separate-stderr asan_ndtool destroy-namespace namespace0.0
	no_report
	[[ $stderr == *"namespace0.0 is active: add --force"* ]]
	run --separate-stderr inject 'FAILINJECT=/dev/pmem*:1:EIO' "${ASAN_ENV[@]}" -- \
		"$ASAN_BUILD/ndtool/.libs/ndtool" destroy-namespace -f namespace0.0
	no_report
	[[ $stderr == *"clearing the info block on /dev/pmem"* ]]
	run --separate-stderr asan_ndtool destroy-namespace -f namespace0.0
	no_report
	[ "$status" -eq 0 ]
	run --separate-stderr inject \
		'FAILINJECT=*/pfn0.*/namespace:1:EIO,*/namespace0.*/size:2:EBUSY' "${ASAN_ENV[@]}" -- \
		"$ASAN_BUILD/ndtool/.libs/ndtool" create-namespace -r region0 -m fsdax -s 64M
	echo "$stderr"
	no_report
	# the seed after the destroy: namespace0.0 or another of region0
	[[ $stderr == *"undoing it, freeing the size of namespace0."*" failed"* ]]
	ndctl destroy-namespace -f all >/dev/null 2>&1
}

abi_params() { "$BUILDDIR/test/helpers/abi-params" "$@"; }

@test "libndtool: callers built with older and newer namespace parameters" {
	reset_labels
	# in region0, the first region: older, no map, uuid or name fields; they take defaults
	run abi_params older
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "created namespace0.0" ]
	run ndtool list -n namespace0.0
	[ "$(echo "$output" | jq -r '.[0].mode')" = fsdax ]
	[ "$(echo "$output" | jq -r '.[0].size')" -gt 0 ]
	[ "$(echo "$output" | jq -r '.[0].align')" = 2097152 ]
	[ "$(echo "$output" | jq -r '.[0].map')" = dev ]
	[ "$(echo "$output" | jq -r '.[0].name // ""')" = "" ]
	# newer, its extra field zero: accepted
	run abi_params newer
	[ "$status" -eq 0 ]
	[ "$output" = "created namespace0.1" ]
	# newer with the extra field set, or no size at all: refused, nothing changed
	unchanged abi_params newer-set
	[ "$status" -eq 1 ]
	[[ $output == *"Argument list too long"*"fields this version of libndtool does not know"* ]]
	unchanged abi_params unset
	[ "$status" -eq 1 ]
	[[ $output == *"struct_size (0) is not set"* ]]
}
