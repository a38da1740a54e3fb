#!/usr/bin/env bats
# topology: A
# A devdax namespace of a QEMU NVDIMM as system RAM (the memory hot-plug area, above
# 4 GiB: a kernel zone is Normal): the round trip compared with daxctl, the namespace
# commands refusing a namespace whose memory is online, and -C with a configuration file
# both tools read. The file starts by making namespace0.0 devdax and ends with it raw.

load helpers

MEM=/sys/devices/system/memory

dax() { "$NDTOOL" dax "$@"; }

dax_dev() {
	local d
	for d in /sys/bus/nd/devices/region0/dax0.*/dax0.*; do
		[ -e "$d" ] && { echo "${d##*/}"; return; }
	done
}

block_state() {
	local dev=$1 d bs s e b
	d=/sys/bus/dax/devices/$dev/mapping0
	bs=$((16#$(cat $MEM/block_size_bytes)))
	s=$(($(cat $d/start)))
	e=$(($(cat $d/end) + 1))
	for ((b = (s + bs - 1) / bs; b < e / bs; b++)); do
		if [ -e $MEM/memory$b ]; then
			echo "$b $(cat $MEM/memory$b/state) $(cat $MEM/memory$b/valid_zones)"
		else
			echo "$b absent"
		fi
	done
}

setup_file() {
	echo offline >$MEM/auto_online_blocks
	if ! ndctl create-namespace -f -e namespace0.0 -m devdax >/dev/null 2>&1; then
		ndctl destroy-namespace -f -r region0 all >/dev/null 2>&1
		ndctl create-namespace -r region0 -m devdax >/dev/null
	fi
}

teardown_file() {
	local dev
	dev=$(dax_dev)
	[ -n "$dev" ] && daxctl reconfigure-device -f -m devdax "$dev" >/dev/null 2>&1
	umount /etc/daxctl.conf.d 2>/dev/null || true
	ndctl destroy-namespace -f -r region0 all >/dev/null 2>&1 || true
}

@test "devdax namespace to system-ram and back, as daxctl, memory in ZONE_MOVABLE" {
	local dev d=$BATS_TEST_TMPDIR
	dev=$(dax_dev)
	[ -n "$dev" ]
	[ -e $MEM/block_size_bytes ] || skip "no memory hotplug in this guest"
	daxctl reconfigure-device -m system-ram "$dev" >"$d/theirs.json"
	block_state "$dev" >"$d/theirs"
	daxctl reconfigure-device -f -m devdax "$dev" >/dev/null
	run --separate-stderr dax reconfigure-device -m system-ram "$dev"
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
	echo "$output" >"$d/mine.json"
	"$SRCDIR/test/bats/json-compare" "$d/theirs.json" "$d/mine.json"
	block_state "$dev" | diff -u "$d/theirs" -
	[ "$(block_state "$dev" | grep -vc ' online Movable$')" = 0 ]
	run --separate-stderr dax offline-memory "$dev"
	[ "$status" -eq 0 ]
	# (not --no-movable here: the kernel puts slab pages in Normal memory at once, and
	# that memory then cannot be offlined until the next boot)
	run --separate-stderr dax online-memory "$dev"
	[ "$status" -eq 0 ]
	[ "$stderr" = "onlined memory for 1 device" ]
	[ "$(block_state "$dev" | grep -vc ' online Movable$')" = 0 ]
	run --separate-stderr dax reconfigure-device -f -m devdax "$dev"
	[ "$status" -eq 0 ]
	[ "$stderr" = "reconfigured 1 device" ]
	[ "$(block_state "$dev" | grep -vc absent)" = 0 ]
	[ "$(basename "$(readlink /sys/bus/dax/devices/$dev/driver)")" = device_dax ]
}

@test "disable-namespace and destroy-namespace refuse a namespace whose dax device is system-ram" {
	local dev
	dev=$(dax_dev)
	dax reconfigure-device -m system-ram "$dev"
	for cmd in "disable-namespace namespace0.0" "destroy-namespace -f namespace0.0"; do
		# shellcheck disable=SC2086
		unchanged ndtool $cmd
		[ "$status" -eq 1 ]
		[[ "$stderr" == *"$dev is online as system RAM"*"ndtool dax reconfigure-device -m devdax -f $dev"* ]]
	done
	dax reconfigure-device -f -m devdax "$dev"
}

@test "-C reads the section of the namespace's uuid, as daxctl -C does" {
	local dev uuid d=$BATS_TEST_TMPDIR
	dev=$(dax_dev)
	uuid=$(ndctl list -n namespace0.0 | jq -r 'if type == "array" then .[0].uuid else .uuid end')
	[ -n "$uuid" ]
	[ "$uuid" != null ]
	mkdir -p "$d/conf"
	printf '[reconfigure-device other]\nnvdimm.uuid = %s\nmode = devdax\n\n' \
		00000000-0000-0000-0000-000000000001 >"$d/conf/a.conf"
	printf '# comment\n[reconfigure-device pmem0]\nnvdimm.uuid=%s\nmode = system-ram\nonline = false\n' \
		"$uuid" >"$d/conf/b.conf"
	mount --bind "$d/conf" /etc/daxctl.conf.d
	run daxctl reconfigure-device -C "$dev"
	echo "daxctl -C: $output"
	block_state "$dev" | tee "$d/theirs"
	daxctl reconfigure-device -f -m devdax "$dev"
	run --separate-stderr dax reconfigure-device -v -C "$dev"
	echo "ndtool -C: $stderr"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"configured by /etc/daxctl.conf.d/b.conf [reconfigure-device pmem0]"*"reconfigured 1 device"* ]]
	block_state "$dev" | diff -u "$d/theirs" -
	[ "$(block_state "$dev" | grep -vc ' offline Normal Movable$')" = 0 ]
	umount /etc/daxctl.conf.d
	dax reconfigure-device -f -m devdax "$dev"
}
