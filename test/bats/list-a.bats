#!/usr/bin/env bats
# topology: A
# ndtool list against ndctl list on QEMU NVDIMMs, in states made with upstream ndctl:
# label-less, labelled with idle seeds, every namespace mode, disabled devices,
# device-dax in system-ram mode.

load helpers
load list-combos

@test "list matches ndctl: label-less regions (io namespaces)" {
	assert_same_lists "${LIST_COMBOS_SHORT[@]}"
}

@test "list matches ndctl: labelled regions with idle seed namespaces" {
	ndctl disable-region all
	ndctl init-labels -f all
	ndctl enable-region all
	assert_same_lists "${LIST_COMBOS_SHORT[@]}"
}

@test "list matches ndctl: namespaces in every mode" {
	ndctl create-namespace -r region0 -m fsdax -s 64M -n fs-dev
	ndctl create-namespace -r region0 -m devdax -s 64M
	ndctl create-namespace -r region0 -m sector -s 64M -l 4096
	ndctl create-namespace -r region0 -m raw -s 32M -n raw-one
	ndctl create-namespace -r region1 -m fsdax -M mem -s 64M
	ndctl create-namespace -r region1 -m devdax -a 4K -s 32M
	ndctl create-namespace -r region1 -m sector -s 48M
	assert_same_lists "${LIST_COMBOS[@]}"
	# the comparison above saw every mode
	[ "$(ndtool list | jq -r '[.[].mode] | sort | unique | join(" ")')" = \
		"devdax fsdax raw sector" ]
	[ "$(ndtool list -n namespace0.0 | jq -r '.[0].name')" = fs-dev ]
}

@test "list matches ndctl: disabled namespaces and a disabled region" {
	ndctl disable-namespace namespace0.3
	ndctl disable-namespace namespace0.0
	ndctl disable-namespace namespace1.1
	# the full matrix runs on the enabled state; this one adds disabled objects
	assert_same_lists "${LIST_COMBOS_SHORT[@]}"
	ndctl disable-region region1
	assert_same_lists "${LIST_COMBOS_SHORT[@]}"
	ndctl enable-region region1
	ndctl enable-namespace all
}

@test "list matches ndctl: device-dax in system-ram mode" {
	# kmem needs whole memory blocks: give the device all of region1
	ndctl destroy-namespace -f -r region1 all
	dev=$(ndctl create-namespace -r region1 -m devdax | jq -r '.daxregion.devices[0].chardev')
	daxctl reconfigure-device -m system-ram "$dev"
	assert_same_lists "${LIST_COMBOS_SHORT[@]}"
	run ndtool list -N -X -r region1
	[ "$(echo "$output" | jq -r '.[0].daxregion.devices[0].mode')" = system-ram ]
	[ "$(echo "$output" | jq -r '.[0].daxregion.devices[0].total_memblocks')" -gt 0 ]
	# later test files need the region back: the memory goes offline again
	daxctl reconfigure-device -f -m devdax "$dev"
	ndctl destroy-namespace -f -r region1 all
}

@test "list -u switches sizes to MiB at 5000 KiB exactly as ndctl does" {
	ndctl destroy-namespace -f -r region0 all
	ndctl disable-region region0
	align=$(cat /sys/bus/nd/devices/region0/align)
	echo 4096 >/sys/bus/nd/devices/region0/align
	ndctl enable-region region0
	for s in 4096K 4996K 5000K 5004K 8M; do
		ndctl create-namespace -r region0 -m raw -s "$s"
	done
	assert_same_lists "-Nu -r region0" "-RNu -r region0" "-N -r region0" "-Nu"
	run ndtool list -Nu -r region0
	[ "$(echo "$output" | jq -c '[.[].size] | sort_by(tostring)')" = \
		'["4.88 MiB (5.12 MB)","4.89 MiB (5.12 MB)",4194304,5115904,"8.00 MiB (8.39 MB)"]' ]
	# later test files expect the region's own alignment
	ndctl destroy-namespace -f -r region0 all
	ndctl disable-region region0
	echo "$align" >/sys/bus/nd/devices/region0/align
	ndctl enable-region region0
}
