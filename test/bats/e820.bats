#!/usr/bin/env bats
# topology: E
# Legacy pmem (memmap=1G!4G, the e820 bus): one label-less region whose one namespace
# changes mode in place (create-namespace -e), compared with upstream ndctl from the same
# starting state: the printed JSON, the listing and the sysfs of the namespace and its
# claim after every step. Then the safety rules (active, mounted, bad input, a kernel
# that refuses a step midway) and the data of an ext4 file system across disable/enable.

load helpers

FAILINJECT_SO=$BUILDDIR/test/helpers/.libs/libfailinject.so

setup_file() {
	local d
	d=$(ls -d /sys/bus/nd/devices/ndbus0/region*/namespace*.0)
	export NS=${d##*/}
}

teardown() {
	local m
	for m in $(awk '$2 ~ "^/mnt/" { print $2 }' /proc/mounts); do
		umount "$m" || true
	done
}

# The helpers' same_steps and unchanged start from the boot state: raw and enabled.
reset_and_setup() { reset_labelless "$NS"; }

@test "create-namespace -e changes a legacy namespace to every mode as ndctl does" {
	same_steps "create-namespace -f -e NS -m sector" \
		"create-namespace -f -e NS -m fsdax" \
		"create-namespace -f -e NS -m fsdax -M mem" \
		"create-namespace -f -e NS -m fsdax" \
		"create-namespace -f -e NS -m devdax -s 1G" \
		"create-namespace -f -e NS -m raw"
}

@test "destroy-namespace returns a legacy namespace to raw as ndctl does" {
	same_steps "create-namespace -f -e NS -m devdax -a 4K" \
		"destroy-namespace -f NS" \
		"destroy-namespace -f all" \
		"create-namespace -e NS -m fsdax -M dev" \
		"disable-namespace NS" \
		"destroy-namespace NS" \
		"destroy-namespace -f all"
}

@test "an active, mistaken or impossible reconfigure changes nothing and says why" {
	SETUP="create-namespace -f -e $NS -m devdax"
	reset_and_setup
	unchanged ndtool create-namespace -e "$NS" -m fsdax
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS is active: add --force to reconfigure it"* ]]
	unchanged ndtool destroy-namespace "$NS"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$NS is active: add --force to destroy it"* ]]
	unchanged ndtool create-namespace -f -e "$NS" -m devdax -s 512M
	[ "$status" -eq 1 ]
	[[ $stderr == *"spans label-less region"*"its size is 1.00 GiB, the region's, and cannot be changed to 512.00 MiB: leave out --size"*"memmap="* ]]
	run ndctl create-namespace -f -e "$NS" -m devdax -s 512M
	[ "$status" -ne 0 ]
	unchanged ndtool create-namespace -f -e "$NS" -m devdax -n fast
	[ "$status" -eq 1 ]
	[[ $stderr == *"without a label it has no name to set"* ]]
	unchanged ndtool create-namespace -f -e "$NS" -m sector -l 1024
	[ "$status" -eq 1 ]
	[[ $stderr == *"does not support a 1024-byte sector size for sector mode (BTT): use one of 512, 520, 528, 4096"* ]]
	run ndctl create-namespace -f -e "$NS" -m sector -l 1024
	[ "$status" -ne 0 ]
	unchanged ndtool create-namespace -f -e "$NS" -m devdax -a 8K
	[ "$status" -eq 1 ]
	[[ $stderr == *"does not support an alignment of 8.00 KiB for devdax"* ]]
	unchanged ndtool create-namespace -f -e "$NS" -m foo
	[ "$status" -ne 0 ]
	[[ $stderr == *"unknown mode 'foo'"* ]]
	# the region cannot be divided: the create says how to use it whole
	unchanged ndtool create-namespace -r "$(basename "$(dirname "$(readlink -f "/sys/bus/nd/devices/$NS")")")" -s 512M
	[ "$status" -eq 1 ]
	[[ $stderr == *"ndtool create-namespace -f -e $NS -m devdax"*"(legacy pmem has no labels to initialize)"* ]]
}

@test "a step the kernel refuses midway puts the old mode back" {
	SETUP="create-namespace -f -e $NS -m fsdax"
	reset_and_setup
	local uuid
	uuid=$(ndctl list -n "$NS" | jq -r 'if type == "array" then .[0].uuid else .uuid end')
	# claiming the namespace for the new dax device fails: after the old pfn info block
	# was cleared, it is written back and the namespace enabled as fsdax again
	FAILINJECT='*/dax*/namespace:1:EBUSY' LD_PRELOAD=$FAILINJECT_SO \
		unchanged "$NDTOOL" create-namespace -f -e "$NS" -m devdax
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ $stderr == *"failinject: "* ]]
	[[ $stderr == *"claiming the namespace failed"* ]]
	[[ $stderr != *"undoing it"* ]]
	[ "$(ndctl list -n "$NS" | jq -r 'if type == "array" then .[0].uuid else .uuid end')" = "$uuid" ]
	# clearing the info block fails: nothing was lost
	FAILINJECT='/dev/pmem*:1:EIO' LD_PRELOAD=$FAILINJECT_SO \
		unchanged "$NDTOOL" create-namespace -f -e "$NS" -m sector
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ $stderr == *"clearing its info block failed"* ]]
	[ "$(ndctl list -n "$NS" | jq -r 'if type == "array" then .[0].uuid else .uuid end')" = "$uuid" ]
}

@test "a mounted fsdax namespace is never reconfigured; its ext4 survives disable and enable" {
	reset_labelless "$NS"
	run ndtool create-namespace -f -e "$NS" -m fsdax
	[ "$status" -eq 0 ]
	dev=/dev/$(echo "$output" | jq -r .blockdev)
	mkfs.ext4 -q -F "$dev"
	mkdir -p /mnt/e820
	mount -o dax "$dev" /mnt/e820
	head -c 1M /dev/urandom >/mnt/e820/pattern
	sum=$(md5sum </mnt/e820/pattern)
	unchanged ndtool create-namespace -f -e "$NS" -m devdax
	[ "$status" -eq 1 ]
	[[ $stderr == *"is mounted on /mnt/e820: unmount it first"* ]]
	unchanged ndtool destroy-namespace -f "$NS"
	[ "$status" -eq 1 ]
	[[ $stderr == *"is mounted on /mnt/e820"* ]]
	umount /mnt/e820
	run ndtool disable-namespace "$NS"
	[ "$status" -eq 0 ]
	run ndtool enable-namespace "$NS"
	[ "$status" -eq 0 ]
	mount -o dax "$dev" /mnt/e820
	[ "$(md5sum </mnt/e820/pattern)" = "$sum" ]
	grep -w /mnt/e820 /proc/mounts | grep -qw dax
}
