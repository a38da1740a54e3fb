#!/usr/bin/env bats
# topology: A
# ndtool dax list against daxctl list 76.1 over devdax namespaces (static dax regions):
# two in region0 (two dax regions that both have id 0, 2 MiB and 4 KiB aligned), one in
# region1; enable and disable as daxctl; create and destroy refused on static regions;
# a program's data through /dev/daxR.N.

load helpers
load dax-helpers

PMEM_IO=$BUILDDIR/test/helpers/pmem-io

setup_file() {
	reset_labels
	ndctl create-namespace -r region0 -m devdax -s 512M >/dev/null
	ndctl create-namespace -r region0 -m devdax -a 4K -s 256M >/dev/null
	ndctl create-namespace -r region1 -m devdax >/dev/null
}

teardown_file() {
	reset_labels
}

@test "the namespaces' dax devices are there" {
	[ -e /sys/bus/dax/devices/dax0.0 ]
	[ -e /sys/bus/dax/devices/dax0.1 ]
	[ -e /sys/bus/dax/devices/dax1.0 ]
	[ "$(cat /sys/bus/dax/devices/dax0.1/align)" = 4096 ]
}

@test "dax list equals daxctl list over the option matrix" {
	assert_same_dax_lists "" "-R" "-D" "-RD" "-M" "-RM" "-DM" "-RDM" "-i" "-iR" "-RDi" \
		"-u" "-Ru" "-RDu" "-RDMu" "-RMu" "-Mu" \
		"-r 0" "-r 1" "-r 0 -D" "-r 1 -M" "-r region1" "-r 0 -i" "-r 7" "-r all" \
		"-d dax1.0" "-d dax0.1" "-d 0.1" "-d dax1.0 -R" "-d dax0.1 -RD" "-d all" \
		"-d all -R" "-d dax9.9" "-r 0 -d dax1.0" "-r 1 -d dax1.0" "-d dax0.0 -u" \
		"-RDMiu"
}

@test "a disabled device: listed as daxctl lists it, with and without -i" {
	run daxctl disable-device dax0.1
	[ "$status" -eq 0 ]
	[ ! -e /sys/bus/dax/devices/dax0.1/driver ]
	assert_same_dax_lists "" "-R" "-RD" "-D" "-i" "-RDi" "-d dax0.1" "-d dax0.1 -i" "-Mi"
	run daxctl enable-device dax0.1
	[ "$status" -eq 0 ]
}

@test "ndtool list -X still equals ndctl list -X" {
	assert_same_lists "-X" "-RX" "-NX" "-X -u" "-X -r 0" "-iX"
}

@test "enable-device and disable-device: the same states as daxctl" {
	local d=$BATS_TEST_TMPDIR tool
	for tool in ndtool daxctl; do
		if [ $tool = ndtool ]; then
			ndtool dax disable-device dax0.1 2>"$d/$tool.1.err"
			dax_state "$d/$tool.1.state"
			ndtool dax disable-device -r 1 all 2>"$d/$tool.2.err"
			dax_state "$d/$tool.2.state"
			ndtool dax enable-device all 2>"$d/$tool.3.err"
		else
			daxctl disable-device dax0.1 2>"$d/$tool.1.err"
			dax_state "$d/$tool.1.state"
			daxctl disable-device -r 1 all 2>"$d/$tool.2.err"
			dax_state "$d/$tool.2.state"
			daxctl enable-device all 2>"$d/$tool.3.err"
		fi
		dax_state "$d/$tool.3.state"
	done
	assert_same_dax_state "$d/daxctl.1.state" "$d/ndtool.1.state"
	assert_same_dax_state "$d/daxctl.2.state" "$d/ndtool.2.state"
	assert_same_dax_state "$d/daxctl.3.state" "$d/ndtool.3.state"
	[ "$(cat "$d/ndtool.1.err")" = "disabled 1 device" ]
	[ "$(cat "$d/ndtool.2.err")" = "disabled 1 device" ]
	[ "$(cat "$d/ndtool.3.err")" = "enabled 2 devices" ]
	[ -e /sys/bus/dax/devices/dax0.1/driver ] && [ -e /sys/bus/dax/devices/dax1.0/driver ]
	# nothing to do: counted as nothing (daxctl counts "disabled 1 device" again)
	ndtool dax disable-device dax0.1 2>/dev/null
	run --separate-stderr ndtool dax disable-device dax0.1
	[ "$status" -eq 0 ]
	[ "$stderr" = "disabled 0 devices" ]
	ndtool dax enable-device dax0.1 2>/dev/null
}

@test "static regions: create-device and destroy-device refused, nothing changes" {
	dax_unchanged ndtool dax create-device -r 1 -s 64M
	[ "$status" -eq 1 ]
	[[ $stderr == *"dax region1 is static"*"ndtool create-namespace"* ]]
	dax_unchanged ndtool dax destroy-device -f dax1.0
	[ "$status" -eq 1 ]
	[[ $stderr == *"dax1.0 is the one device of static dax region1"* ]]
}

@test "a program writes through /dev/daxR.N and reads back what it wrote" {
	"$PMEM_IO" write /dev/dax1.0 $((64 << 20)) 11
	"$PMEM_IO" verify /dev/dax1.0 $((64 << 20)) 11
	# the 4 KiB-aligned device
	"$PMEM_IO" write /dev/dax0.1 $((2 << 20)) 12
	"$PMEM_IO" verify /dev/dax0.1 $((2 << 20)) 12
	# (the helper makes the seed odd: 12 and 13 are the same pattern)
	run "$PMEM_IO" verify /dev/dax0.1 $((2 << 20)) 20
	[ "$status" -eq 1 ]
	# the data stays across a disable and enable of the device
	ndtool dax disable-device dax1.0 2>/dev/null
	ndtool dax enable-device dax1.0 2>/dev/null
	"$PMEM_IO" verify /dev/dax1.0 $((64 << 20)) 11
}
