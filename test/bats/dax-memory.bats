#!/usr/bin/env bats
# topology: E
# Device-dax as system RAM: reconfigure-device, online-memory, offline-memory on the
# soft-reserved dax0.0 at 1 GiB, cut to 512 MiB for the tests (onlining and offlining are
# slow under TCG): memory blocks 8-11 of 128 MiB, below 4 GiB so a kernel zone is DMA32.
# Each change is compared with daxctl from the same starting state, and checked in the
# kernel's own words: the blocks' state and valid_zones, /proc/zoneinfo. Every test starts
# from dax0.0 devdax of 512 MiB with no memory block and auto_online_blocks "offline"; the
# file ends with dax0.0 as the boot made it (1 GiB).

load helpers

FAILINJECT_SO=$BUILDDIR/test/helpers/.libs/libfailinject.so
PMEM_IO=$BUILDDIR/test/helpers/pmem-io
MEM=/sys/devices/system/memory
DEV=dax0.0

dax() { "$NDTOOL" dax "$@"; }

# The memory blocks wholly inside dax0.0's range (builtins only: a fork is slow under TCG).
blocks() {
	local d=/sys/bus/dax/devices/$DEV/mapping0 bs s e b
	read -r bs <$MEM/block_size_bytes
	bs=$((16#$bs))
	read -r s <$d/start
	read -r e <$d/end
	s=$((s)) e=$((e + 1))
	for ((b = (s + bs - 1) / bs; b < e / bs; b++)); do echo "$b"; done
}

# One line per block: "N state valid_zones", or "N absent".
block_state() {
	local b st z
	for b in $(blocks); do
		if [ -e $MEM/memory$b ]; then
			read -r st <$MEM/memory$b/state
			read -r z <$MEM/memory$b/valid_zones
			echo "$b $st $z"
		else
			echo "$b absent"
		fi
	done
}

# The driver bound to dax0.0 and its blocks: the kernel state a mode change leaves.
dax_state() {
	local drv=none size align
	[ -L /sys/bus/dax/drivers/kmem/$DEV ] && drv=kmem
	[ -L /sys/bus/dax/drivers/device_dax/$DEV ] && drv=device_dax
	read -r size </sys/bus/dax/devices/$DEV/size
	read -r align </sys/bus/dax/devices/$DEV/align
	echo "driver $drv size $size align $align"
	block_state
}

# Pages present in ZONE_MOVABLE of node 0.
movable_pages() {
	awk '$1 == "Node" && $2 == "0," { z = $4 } z == "Movable" && $1 == "present" { print $2; exit }' /proc/zoneinfo
}

# reset_dax [SIZE]: dax0.0 devdax of SIZE (512M) aligned 2M, no memory block, policy offline
reset_dax() {
	local size=${1:-512M} bytes cur align
	case $size in
	*G) bytes=$((${size%G} << 30)) ;;
	*M) bytes=$((${size%M} << 20)) ;;
	esac
	echo offline >$MEM/auto_online_blocks
	if [ -L /sys/bus/dax/drivers/kmem/$DEV ]; then
		daxctl reconfigure-device -f -m devdax $DEV >/dev/null 2>&1 || true
	fi
	read -r cur </sys/bus/dax/devices/$DEV/size
	read -r align </sys/bus/dax/devices/$DEV/align
	if [ "$cur" != "$bytes" ] || [ "$align" != 2097152 ]; then
		[ -e /sys/bus/dax/devices/$DEV/driver ] &&
			echo $DEV >/sys/bus/dax/devices/$DEV/driver/unbind
		[ "$align" = 2097152 ] || echo 2097152 >/sys/bus/dax/devices/$DEV/align || true
		echo "$bytes" >/sys/bus/dax/devices/$DEV/size || true
		echo 2097152 >/sys/bus/dax/devices/$DEV/align || true
		echo $DEV >/sys/bus/dax/drivers/device_dax/bind || true
	fi
	[ -L /sys/bus/dax/drivers/device_dax/$DEV ]
	read -r cur </sys/bus/dax/devices/$DEV/size
	[ "$cur" = "$bytes" ]
	[ ! -e $MEM/memory8 ]
}

setup() { reset_dax; }
teardown_file() { reset_dax 1G; }

inject() {
	local envs=()
	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	env "${envs[@]}" LD_PRELOAD="$FAILINJECT_SO" "$NDTOOL" "$@"
}

# same_dax "ARGS" ["ARGS"...]: from one reset per tool, "daxctl ARGS" and "ndtool dax ARGS"
# succeed alike, print the same JSON and leave the same kernel state (driver, blocks).
same_dax() {
	local d=$BATS_TEST_TMPDIR tool line n rc
	for tool in daxctl ndtool; do
		reset_dax
		n=0
		for line in "$@"; do
			n=$((n + 1))
			rc=0
			if [ $tool = ndtool ]; then
				# shellcheck disable=SC2086
				dax $line >"$d/$tool.$n.out" 2>"$d/$tool.$n.err" || rc=$?
			else
				# shellcheck disable=SC2086
				daxctl $line >"$d/$tool.$n.out" 2>"$d/$tool.$n.err" || rc=$?
			fi
			echo $rc >"$d/$tool.$n.rc"
		done
		dax_state >"$d/$tool.state"
	done
	n=0
	for line in "$@"; do
		n=$((n + 1))
		if [ $(($(cat "$d/ndtool.$n.rc") == 0)) != $(($(cat "$d/daxctl.$n.rc") == 0)) ]; then
			echo "$line: ndtool exit $(cat "$d/ndtool.$n.rc"), daxctl exit $(cat "$d/daxctl.$n.rc")"
			cat "$d/ndtool.$n.err" "$d/daxctl.$n.err"
			return 1
		fi
		"$SRCDIR/test/bats/json-compare" "$d/daxctl.$n.out" "$d/ndtool.$n.out" ||
			{ echo "output of: $line"; return 1; }
	done
	diff -u "$d/daxctl.state" "$d/ndtool.state" || { echo "state after: $*"; return 1; }
}

@test "system-ram onlines every block into ZONE_MOVABLE, as daxctl does; back with -f (pmem/ndctl#110)" {
	same_dax "reconfigure-device -m system-ram $DEV"
	[ "$(movable_pages)" = 131072 ]
	[ "$(block_state | grep -c ' online Movable$')" = 4 ]
	grep -qx 'reconfigured 1 device' "$BATS_TEST_TMPDIR/ndtool.1.err"
	run --separate-stderr dax reconfigure-device -f -m devdax $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
	[ "$(echo "$output" | jq -r '.[0].mode')" = devdax ]
	[ "$(block_state | grep -c absent)" = 4 ]
	[ "$(movable_pages)" = 0 ]
	! grep -q 'System RAM (kmem)' /proc/iomem
}

@test "--no-movable onlines every block outside ZONE_MOVABLE, as daxctl does (pmem/ndctl#110)" {
	same_dax "reconfigure-device -m system-ram --no-movable $DEV"
	[ "$(movable_pages)" = 0 ]
	[ "$(block_state | grep -c ' online DMA32$')" = 4 ]
	[ "$(jq -r '.[0].movable' "$BATS_TEST_TMPDIR/ndtool.1.out")" = false ]
}

@test "-N leaves every block offline; online-memory and offline-memory as daxctl, counting what happened (pmem/ndctl#291)" {
	same_dax "reconfigure-device -N -m system-ram $DEV" "online-memory $DEV" \
		"offline-memory $DEV" "online-memory --no-movable $DEV"
	[ "$(block_state | grep -c ' online DMA32$')" = 4 ]
	run --separate-stderr dax offline-memory $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "offlined memory for 1 device" ]
	[ "$(block_state | grep -c ' offline DMA32 Movable$')" = 4 ]
	run --separate-stderr dax online-memory $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "onlined memory for 1 device" ]
	[ "$(block_state | grep -c ' online Movable$')" = 4 ]
	# nothing left to online: no failure, and nothing counted (daxctl exits 1 here)
	run --separate-stderr dax online-memory $DEV
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"all 4 memory blocks are online already"*"onlined memory for 0 devices" ]]
	run daxctl online-memory $DEV
	[ "$status" -ne 0 ]
	dax offline-memory $DEV
	run --separate-stderr dax offline-memory $DEV
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"offlined memory for 0 devices" ]]
	[ "$(block_state | grep -c ' offline ')" = 4 ]
}

@test "back to devdax is refused while memory is online, done with -f after offlining it" {
	dax reconfigure-device -m system-ram $DEV
	dax_state >"$BATS_TEST_TMPDIR/before"
	run --separate-stderr dax reconfigure-device -m devdax $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"dax0.0 is online as system RAM (4 of its 4 memory blocks)"*"add --force"* ]]
	[[ "$stderr" == *"reconfigured 0 devices" ]]
	dax_state | diff -u "$BATS_TEST_TMPDIR/before" -
	# daxctl refuses too (without saying what to do)
	run daxctl reconfigure-device -m devdax $DEV
	[ "$status" -ne 0 ]
	same_dax "reconfigure-device -m system-ram $DEV" "reconfigure-device -f -m devdax $DEV"
	[ "$(block_state | grep -c absent)" = 4 ]
	# memory left offline goes back without -f, as with daxctl
	dax reconfigure-device -N -m system-ram $DEV
	run --separate-stderr dax reconfigure-device -m devdax $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
}

@test "reconfigured N devices counts only what changed (pmem/ndctl#115)" {
	run --separate-stderr dax reconfigure-device -m devdax $DEV
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"dax0.0 is in devdax mode already"*"reconfigured 0 devices" ]]
	[ "$(echo "$output" | jq -r '.[0].mode')" = devdax ]
	# daxctl counts the device it did not change
	run daxctl reconfigure-device -m devdax $DEV
	[[ "$output" == *"reconfigured 1 device"* ]]
	run --separate-stderr dax reconfigure-device -m system-ram all
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
	run --separate-stderr dax reconfigure-device -m system-ram $DEV
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"already with its memory online"*"reconfigured 0 devices" ]]
	# memory offline: switching "to system-ram" onlines it, and that is a change
	dax offline-memory $DEV
	run --separate-stderr dax reconfigure-device -m system-ram $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
	[ "$(block_state | grep -c ' online Movable$')" = 4 ]
}

@test "a block that cannot be offlined: named, the device stays system-ram, every block as it was (pmem/ndctl#256)" {
	dax reconfigure-device -m system-ram $DEV
	echo offline >$MEM/memory9/state
	dax_state >"$BATS_TEST_TMPDIR/before"
	run --separate-stderr inject 'FAILINJECT=*/memory10/state:1:EBUSY,*/memory11/state:1:EBUSY' -- \
		dax reconfigure-device -f -m devdax $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"failinject"* ]]
	[[ "$stderr" == *"memory blocks 10, 11 could not be offlined"* ]]
	[[ "$stderr" == *"every block is back in the state it had"* ]]
	[[ "$stderr" == *"reconfigured 0 devices" ]]
	dax_state | diff -u "$BATS_TEST_TMPDIR/before" -
	[ "$(block_state | grep -c ' online Movable$')" = 3 ]
	# offline-memory is all or nothing too
	run --separate-stderr inject 'FAILINJECT=*/memory11/state:1:EBUSY' -- dax offline-memory $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"memory block 11 could not be offlined"* ]]
	dax_state | diff -u "$BATS_TEST_TMPDIR/before" -
	# daxctl leaves the blocks it offlined before the busy one offline
	echo online_movable >$MEM/memory9/state
	run env LD_PRELOAD="$FAILINJECT_SO" 'FAILINJECT=*/memory11/state:1:EBUSY' \
		daxctl reconfigure-device -f -m devdax $DEV
	[ "$status" -ne 0 ]
	[ "$(block_state | grep -c ' offline ')" -gt 0 ]
}

@test "onlining that fails halfway offlines what it onlined" {
	dax reconfigure-device -N -m system-ram $DEV
	run --separate-stderr inject 'FAILINJECT=*/memory10/state:1:EBUSY' -- dax online-memory $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"refused to online memory10"*"the 2 blocks onlined before are offline again"* ]]
	[ "$(block_state | grep -c ' offline ')" = 4 ]
	run --separate-stderr inject 'FAILINJECT=*/memory11/state:1:EBUSY' -- \
		dax reconfigure-device -m system-ram $DEV
	[ "$status" -eq 1 ]
	[ "$(block_state | grep -c ' offline ')" = 4 ]
}

@test "auto_online_blocks online_movable: -N really leaves memory offline (pmem/ndctl#171)" {
	echo online_movable >$MEM/auto_online_blocks
	run --separate-stderr dax reconfigure-device -N -m system-ram $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
	[ "$(block_state | grep -c ' offline ')" = 4 ]
	[ "$(jq -r '.[0].online_memblocks' <<<"$output")" = 0 ]
	# daxctl refuses, and with -f leaves the memory online
	dax reconfigure-device -m devdax $DEV
	run daxctl reconfigure-device -N -m system-ram $DEV
	[ "$status" -ne 0 ]
	[[ "$output" == *"kernel policy will auto-online memory"* ]]
	daxctl reconfigure-device -f -N -m system-ram $DEV
	[ "$(block_state | grep -c ' online Movable$')" = 4 ]
}

@test "auto_online_blocks online_movable: --no-movable really puts memory outside ZONE_MOVABLE" {
	echo online_movable >$MEM/auto_online_blocks
	run --separate-stderr dax reconfigure-device --no-movable -m system-ram $DEV
	[ "$status" -eq 0 ]
	[ "$(block_state | grep -c ' online DMA32$')" = 4 ]
	[ "$(movable_pages)" = 0 ]
	# daxctl -f warns of a race and leaves the memory in ZONE_MOVABLE
	dax reconfigure-device -f -m devdax $DEV
	daxctl reconfigure-device -f --no-movable -m system-ram $DEV
	[ "$(block_state | grep -c ' online Movable$')" = 4 ]
}

@test "auto_online_blocks online: memory onlined by the policy then online-memory counts it (pmem/ndctl#291)" {
	echo online >$MEM/auto_online_blocks
	dax reconfigure-device -N -m system-ram $DEV
	[ "$(block_state | grep -c ' offline ')" = 4 ]
	run --separate-stderr dax online-memory $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "onlined memory for 1 device" ]
	[ "$(block_state | grep -c ' online Movable$')" = 4 ]
}

@test "a device holding no whole memory block is refused before kmem sees it (pmem/ndctl#243)" {
	reset_dax 64M
	dax_state >"$BATS_TEST_TMPDIR/before"
	run --separate-stderr dax reconfigure-device -m system-ram $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"dax0.0 holds no whole memory block"*"128 MiB"* ]]
	dax_state | diff -u "$BATS_TEST_TMPDIR/before" -
	# daxctl hands it to kmem, which refuses it: "Invalid argument" and nothing more
	run daxctl reconfigure-device -m system-ram $DEV
	[ "$status" -ne 0 ]
}

@test "a device without a NUMA target node is refused with the reason (pmem/ndctl#260)" {
	local node
	node=$(cat /sys/bus/dax/devices/$DEV/target_node)
	if [ "$node" -ge 0 ]; then
		# this platform describes a node: the refusal cannot be shown, the check can
		run dax reconfigure-device -m system-ram $DEV
		[ "$status" -eq 0 ]
		skip "dax0.0 has target_node $node here"
	fi
	run --separate-stderr dax reconfigure-device -m system-ram $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"no NUMA target node"* ]]
}

@test "a mapped device is refused; the data of a device never onlined survives a round trip" {
	"$PMEM_IO" write /dev/$DEV 4194304 42
	(exec 3</dev/$DEV; exec sleep 60) &
	local pid=$!
	sleep 0.5
	dax_state >"$BATS_TEST_TMPDIR/before"
	run --separate-stderr dax reconfigure-device -m system-ram $DEV
	kill $pid
	wait $pid || true
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"dax0.0: /dev/dax0.0 is open or mapped by "*"(pid $pid): stop it first"* ]]
	dax_state | diff -u "$BATS_TEST_TMPDIR/before" -
	dax reconfigure-device -N -m system-ram $DEV
	dax reconfigure-device -m devdax $DEV
	"$PMEM_IO" verify /dev/$DEV 4194304 42
	# onlined memory is the kernel's: what the device held is not kept (the kernel
	# wrote to its first page here)
	dax reconfigure-device -m system-ram $DEV
	dax reconfigure-device -f -m devdax $DEV
	run "$PMEM_IO" verify /dev/$DEV 4194304 42
	echo "# after a round trip with the memory online: $output (exit $status)" >&3
	[ "$status" -ne 0 ]
}

@test "invalid input is refused with one clear error and no change" {
	dax_state >"$BATS_TEST_TMPDIR/before"
	run --separate-stderr dax reconfigure-device -m system-ram dax9.9
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"no device-dax device 'dax9.9'"* ]]
	run --separate-stderr dax reconfigure-device -s 1000K $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"not a multiple of the alignment"* ]]
	run --separate-stderr dax reconfigure-device -a 3M $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"not one the kernel maps with"* ]]
	run --separate-stderr dax reconfigure-device -s 2G $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"more are needed"* ]]
	run --separate-stderr dax reconfigure-device -s 512M -m system-ram $DEV
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"cannot be combined"* ]]
	run --separate-stderr dax reconfigure-device -m bogus $DEV
	[ "$status" -eq 2 ]
	run --separate-stderr dax online-memory $DEV
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"not in system-ram mode"*"reconfigure-device -m system-ram dax0.0"* ]]
	dax_state | diff -u "$BATS_TEST_TMPDIR/before" -
}

@test "resize and realign a devdax device: the state daxctl reaches through disable and enable" {
	daxctl disable-device $DEV
	daxctl reconfigure-device -s 256M $DEV
	daxctl enable-device $DEV
	dax_state >"$BATS_TEST_TMPDIR/theirs"
	reset_dax
	run --separate-stderr dax reconfigure-device -s 256M $DEV
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
	[ -z "$output" ]
	dax_state | diff -u "$BATS_TEST_TMPDIR/theirs" -
	run --separate-stderr dax reconfigure-device -a 1G -s 1G $DEV
	[ "$status" -eq 0 ]
	[ "$(cat /sys/bus/dax/devices/$DEV/align)" = 1073741824 ]
	[ "$(cat /sys/bus/dax/devices/$DEV/size)" = 1073741824 ]
	[ -L /sys/bus/dax/devices/$DEV/driver ]
}

@test "-C takes mode, online and movable from the configuration section of the namespace uuid" {
	# dax0.0 here has no namespace: no section can name it, nothing happens
	run --separate-stderr dax reconfigure-device -C $DEV
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"reconfigured 0 devices" ]]
	[ "$(block_state | grep -c absent)" = 4 ]
}
