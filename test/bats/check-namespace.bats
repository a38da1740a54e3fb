#!/usr/bin/env bats
# topology: E
# check-namespace against upstream ndctl on a sector-mode legacy namespace (memmap pmem,
# one label-less 1 GiB region): the BTT is corrupted with dd on the raw device (info block,
# backup info block, a map entry, a flog sequence number, flog padding) and both tools
# give their verdict; ndtool --repair must then let the kernel enable the namespace with
# the data written before reading back identical. Also: a clean BTT, an active namespace
# (refused without --force, nothing changed), a claim kept across the check, a mounted
# namespace, --rewrite-log, and a namespace without a BTT.

load helpers

setup_file() {
	local d
	d=$(ls -d /sys/bus/nd/devices/ndbus0/region*/namespace*.0)
	export NS=${d##*/} S=$d
	export DATA=$BATS_FILE_TMPDIR/data META=$BATS_FILE_TMPDIR/meta
	ndctl create-namespace -f -e "$NS" -m sector >/dev/null
	dd if=/dev/urandom of="$DATA" bs=1M count=2 status=none
	dd if="$DATA" of="/dev/$(sector_dev)" bs=1M oflag=direct conv=fsync status=none
	sha256sum <"$DATA" >"$BATS_FILE_TMPDIR/sum"
	ndctl disable-namespace "$NS" >/dev/null
	# the kernel's layout: 4 KiB reserved, then the arena (offsets relative to it)
	raw_on
	export MAPOFF=$((4096 + $(field 96))) LOGOFF=$((4096 + $(field 104)))
	export INFO2=$((4096 + $(field 112))) SIZE=$(cat "$S/size")
	dd if="/dev/$RAW" of="$META.info" bs=4096 skip=1 count=1 status=none
	dd if="/dev/$RAW" of="$META.tail" bs=4096 skip=$((MAPOFF / 4096)) status=none
	raw_off
}

teardown() {
	local m
	for m in $(awk '$2 ~ "^/mnt/" { print $2 }' /proc/mounts); do
		umount "$m" || true
	done
}

# The block device of the namespace's btt claim.
sector_dev() { ls "/sys/bus/nd/devices/$(cat "$S/holder")/block"; }

# Enable the disabled namespace raw (its claim let go of, force_raw) as the tests' own
# access to the metadata, and back.
raw_on() {
	local h
	h=$(cat "$S/holder")
	[ -z "$h" ] || echo >"/sys/bus/nd/devices/$h/namespace"
	echo 1 >"$S/force_raw"
	echo "$NS" >/sys/bus/nd/drivers/nd_pmem/bind
	RAW=$(ls "$S/block")
	export RAW
}
raw_off() {
	echo "$NS" >/sys/bus/nd/drivers/nd_pmem/unbind
	echo 0 >"$S/force_raw"
}

# Enable and disable the namespace through sysfs, as ndctl does (the kernel finds the BTT
# and hands the namespace to a new btt device, which probes on its own), quicker than
# starting ndctl where the step is not what is tested.
ns_enable() {
	echo "$NS" >/sys/bus/nd/drivers/nd_pmem/bind 2>/dev/null || true
	cat /sys/bus/nd/devices/ndbus0/wait_probe >/dev/null
}
ns_disable() {
	local h
	h=$(cat "$S/holder")
	if [ -n "$h" ]; then
		[ ! -e "/sys/bus/nd/devices/$h/driver" ] ||
			echo "$h" >"/sys/bus/nd/devices/$h/driver/unbind"
		echo >"/sys/bus/nd/devices/$h/namespace"
	fi
	[ ! -e "$S/driver" ] || echo "$NS" >"$S/driver/unbind"
}

# field OFF: the u64 at OFF in the info block (raw device open)
field() { od -An -t u8 -j $((4096 + $1)) -N 8 "/dev/$RAW" | tr -d ' '; }

# poke OFF HEX...: write the bytes (\xNN escapes) at byte OFF of the disabled namespace.
poke() {
	raw_on
	printf "$2" | dd of="/dev/$RAW" bs=1 seek="$1" conv=notrunc,fsync status=none
	raw_off
}

# Put back the metadata saved at the start, and the namespace disabled.
pristine() {
	ns_disable
	raw_on
	dd if="$META.info" of="/dev/$RAW" bs=4096 seek=1 conv=notrunc,fsync status=none
	dd if="$META.tail" of="/dev/$RAW" bs=4096 seek=$((MAPOFF / 4096)) conv=notrunc,fsync \
		status=none
	raw_off
}

# verdicts [ARGS]: both tools check the namespace; ndctl's exit and stderr in $theirs_rc,
# $theirs; ndtool's in $status, $stderr.
verdicts() {
	theirs_rc=0
	theirs=$(ndctl check-namespace "$@" "$NS" 2>&1) || theirs_rc=$?
	run --separate-stderr ndtool check-namespace "$@" "$NS"
	echo "ndctl ($theirs_rc): $theirs"
	echo "ndtool ($status): $stderr"
}

# The namespace enables (in sector mode) and the data written at the start reads back.
data_intact() {
	ns_enable
	[ "$(cat "$S/mode")" = safe ]
	dd if="/dev/$(sector_dev)" bs=1M count=2 iflag=direct status=none | sha256sum |
		cmp - "$BATS_FILE_TMPDIR/sum"
	ns_disable
}

@test "a clean BTT: ndctl and ndtool both pass; nothing changes; -v shows the geometry" {
	pristine
	ns_sysfs "$NS" "$BATS_TEST_TMPDIR/before"
	verdicts
	[ "$theirs_rc" -eq 0 ]
	[ "$status" -eq 0 ]
	[ "$stderr" = "checked 1 namespace" ]
	ns_sysfs "$NS" "$BATS_TEST_TMPDIR/after"
	diff "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	run --separate-stderr ndtool check-namespace -v "$NS"
	[ "$status" -eq 0 ]
	[[ $stderr == *"checked 1 namespace"* ]]
	[[ $stderr == *"$NS: arena 0 at 0x1000: BTT 1.1, 261624 sectors of 4096 bytes (261880 internal of 4096), 256 lanes, flog slots (0, 1)"* ]]
	[[ $stderr == *"(read-only)"* ]]
	data_intact
}

@test "an active namespace is refused without --force and nothing changes; --force checks it" {
	pristine
	ns_enable
	ns_sysfs "$NS" "$BATS_TEST_TMPDIR/before"
	run --separate-stderr ndtool check-namespace "$NS"
	ns_sysfs "$NS" "$BATS_TEST_TMPDIR/after"
	diff "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS is active: disable it first ('ndtool disable-namespace $NS'), or add --force"* ]]
	[[ $stderr == *"checked 0 namespaces" ]]
	run ndctl check-namespace "$NS"
	[ "$status" -ne 0 ]
	[[ $output == *"check aborted, namespace online"* ]]
	run --separate-stderr ndtool check-namespace --force "$NS"
	[ "$status" -eq 0 ]
	[ -e "$S/driver" ] || [ -e "/sys/bus/nd/devices/$(cat "$S/holder")/driver" ]
	[ "$(cat "$S/mode")" = safe ]
	ns_disable
	data_intact
}

@test "a claim that points at the disabled namespace is set up again, same uuid and sector size" {
	pristine
	ns_enable
	h=$(cat "$S/holder")
	uuid=$(cat "/sys/bus/nd/devices/$h/uuid")
	echo "$h" >"/sys/bus/nd/devices/$h/driver/unbind"
	run --separate-stderr ndtool check-namespace "$NS"
	[ "$status" -eq 0 ]
	h2=$(cat "$S/holder")
	[ -n "$h2" ]
	[ "$(cat "/sys/bus/nd/devices/$h2/uuid")" = "$uuid" ]
	[[ $(cat "/sys/bus/nd/devices/$h2/sector_size") == *"[4096]"* ]]
	[ ! -e "/sys/bus/nd/devices/$h2/driver" ]
	[ "$(cat "$S/force_raw")" = 0 ]
	run ndtool enable-namespace "$NS"
	[ "$status" -eq 0 ]
	[ "$(cat "$S/holder")" = "$h2" ]
	ns_disable
	data_intact
}

@test "a bad info block: both fail; ndtool --repair restores it from the backup" {
	pristine
	poke $((4096 + 104)) '\x55'
	verdicts
	[ "$theirs_rc" -ne 0 ]
	[[ $theirs == *"BTT info block at offset 0x1000 needs to be restored"* ]]
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS: arena 0: info block at 0x1000: checksum "*"; the backup at $(printf %#x "$INFO2") is valid"* ]]
	[[ $stderr == *"run with --repair"* ]]
	ns_enable
	[ "$(cat "$S/mode")" != safe ]	# the kernel does not find the BTT
	ns_disable
	run --separate-stderr ndtool check-namespace --repair "$NS"
	[ "$status" -eq 0 ]
	[[ $stderr == *"restored the info block at 0x1000 from its backup"* ]]
	verdicts
	[ "$theirs_rc" -eq 0 ]
	[ "$status" -eq 0 ]
	data_intact
}

@test "a bad backup info block: ndctl passes, ndtool fails; --repair restores it" {
	pristine
	poke $((INFO2 + 100)) '\x55'
	verdicts
	[ "$theirs_rc" -eq 0 ]
	[[ $theirs == *"BTT info2 needs to be restored"* ]]
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS: arena 0: backup info block at $(printf %#x "$INFO2"): checksum "* ]]
	run --separate-stderr ndtool check-namespace -R "$NS"
	[ "$status" -eq 0 ]
	[[ $stderr == *"restored the backup info block"* ]]
	verdicts
	[ "$theirs_rc" -eq 0 ]
	[[ $theirs != *"needs to be restored"* ]]
	[ "$status" -eq 0 ]
	data_intact
}

@test "a map entry pointing at a used block: both fail, neither can repair it" {
	pristine
	poke $((MAPOFF + 8)) '\x07\x00\x00\xc0'
	verdicts
	[ "$theirs_rc" -ne 0 ]
	[[ $theirs == *"bitmap error: internal blocks are incorrectly referenced"* ]]
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS: arena 0: map at $(printf %#x $((MAPOFF + 8))): LBA 2 maps to block 7, which another LBA or a lane's free block uses too"* ]]
	[[ $stderr == *"cannot be repaired"* ]]
	raw_on
	before=$(dd if="/dev/$RAW" bs=4096 skip=$((MAPOFF / 4096)) status=none | sha256sum)
	raw_off
	run --separate-stderr ndtool check-namespace --repair "$NS"
	[ "$status" -eq 1 ]
	[[ $stderr == *"cannot be repaired"* ]]
	raw_on
	after=$(dd if="/dev/$RAW" bs=4096 skip=$((MAPOFF / 4096)) status=none | sha256sum)
	raw_off
	[ "$before" = "$after" ]
}

@test "a broken flog sequence number: both fail; ndtool --repair rewrites the lane" {
	pristine
	poke $((LOGOFF + 5 * 64 + 12)) '\x00'
	verdicts
	[ "$theirs_rc" -ne 0 ]
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS: arena 0: flog at $(printf %#x $((LOGOFF + 5 * 64 + 12))): lane 5: sequence numbers 0 and 0 are not a valid pair"* ]]
	run --separate-stderr ndtool check-namespace --repair "$NS"
	[ "$status" -eq 0 ]
	verdicts
	[ "$theirs_rc" -eq 0 ]
	[ "$status" -eq 0 ]
	data_intact
}

@test "flog padding: ndctl and the kernel give up, ndtool --repair zeroes it" {
	pristine
	poke $((LOGOFF + 64 + 40)) '\x01'
	verdicts
	[ "$theirs_rc" -ne 0 ]
	[[ $theirs == *"Unable to deduce log/padding indices"* ]]
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS: arena 0: flog at $(printf %#x $((LOGOFF + 64 + 32))): lane 1: padding slot 2 is not zero"* ]]
	run ndctl check-namespace --repair "$NS"
	[ "$status" -ne 0 ]
	ns_enable
	h=$(cat "$S/holder")	# nor does the kernel: its btt device does not enable
	[ -z "$h" ] || [ ! -e "/sys/bus/nd/devices/$h/driver" ]
	[ ! -e "$S/driver" ]
	ns_disable
	run --separate-stderr ndtool check-namespace --repair "$NS"
	[ "$status" -eq 0 ]
	[[ $stderr == *"rewrote 1 flog slot"* ]]
	data_intact
	verdicts
	[ "$theirs_rc" -eq 0 ]
	[ "$status" -eq 0 ]
}

@test "--rewrite-log needs --repair; with it the flog is regenerated and the data stays" {
	pristine
	run --separate-stderr ndtool check-namespace --rewrite-log "$NS"
	[ "$status" -eq 2 ]
	[[ $stderr == *"--rewrite-log writes the flog: add --repair too"* ]]
	run ndctl check-namespace --rewrite-log "$NS"
	[ "$status" -ne 0 ]
	[[ $output == *"--rewrite-log also requires --repair"* ]]
	run --separate-stderr ndtool check-namespace -R -L "$NS"
	[ "$status" -eq 0 ]
	[[ $stderr == *"rewrote 256 flog slots"* ]]
	verdicts
	[ "$theirs_rc" -eq 0 ]
	[ "$status" -eq 0 ]
	data_intact
}

@test "a mounted namespace is refused, also with --force" {
	pristine
	ns_enable
	mkfs.ext4 -q -F -E lazy_itable_init=1,nodiscard "/dev/$(sector_dev)"
	mkdir -p /mnt/btt
	mount "/dev/$(sector_dev)" /mnt/btt
	ns_sysfs "$NS" "$BATS_TEST_TMPDIR/before"
	run --separate-stderr ndtool check-namespace --force "$NS"
	ns_sysfs "$NS" "$BATS_TEST_TMPDIR/after"
	diff "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	[ "$status" -eq 1 ]
	[[ $stderr == *"is mounted on /mnt/btt: unmount it first"* ]]
	umount /mnt/btt
}

@test "a namespace without a BTT: both fail, ndtool says it has none" {
	ndctl create-namespace -f -e "$NS" -m fsdax >/dev/null
	ndctl disable-namespace "$NS" >/dev/null
	verdicts
	[ "$theirs_rc" -ne 0 ]
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS has no BTT: its first info block holds an fsdax (pfn) info block; the BTT backup info block at $(printf %#x "$INFO2") is left from an earlier sector mode and is not restored over it"* ]]
	run --separate-stderr ndtool check-namespace --repair "$NS"
	[ "$status" -eq 1 ]
	ns_enable
	[ -n "$(cat "$S/holder")" ]	# still fsdax, its pfn device found: ndtool wrote nothing
	ns_disable
	# ndctl --repair restores the stale BTT info block over the pfn info block, says it
	# checked the namespace, and the fsdax namespace comes up raw
	run ndctl check-namespace --repair "$NS"
	[ "$status" -eq 0 ]
	ns_enable
	[ -z "$(cat "$S/holder")" ]
	ndctl create-namespace -f -e "$NS" -m raw >/dev/null
}
