#!/usr/bin/env bats
# topology: E
# ndtool dax on a dynamic dax region (soft-reserved guest RAM 1..2 GiB given to dax_hmem:
# region 0, platform/hmem.0, one device dax0.0 of 1 GiB at boot), compared with daxctl
# 76.1 on the same state: list, create-device, destroy-device, enable-device,
# disable-device; refusals that change nothing; a program's data through a new device.
# The region is left as at boot (one enabled dax0.0 of 1 GiB) for the files after this one.

load helpers
load dax-helpers

PMEM_IO=$BUILDDIR/test/helpers/pmem-io

setup_file() {
	[ -d "$HMEM/dax_region" ] || skip "no dax_hmem region"
}

teardown_file() {
	hmem_reset full
}

@test "list: every shape of daxctl list, at boot and with several devices" {
	hmem_reset full
	assert_same_dax_lists "" "-R" "-RDMu" "-r 0" "-d 0.0"
	# dax0.0 idle, three devices of different alignments, one of them disabled
	hmem_reset empty
	daxctl create-device -r 0 -s 256M >/dev/null 2>&1
	daxctl create-device -r 0 -s 6M -a 4K >/dev/null 2>&1
	daxctl create-device -r 0 -s 128M >/dev/null 2>&1
	daxctl disable-device dax0.3 >/dev/null 2>&1
	[ "$(cat /sys/bus/dax/devices/dax0.2/align)" = 4096 ]
	[ ! -e /sys/bus/dax/devices/dax0.3/driver ]
	assert_same_dax_lists "" "-RDMi" "-Di" "-Mu" "-d 0.3 -M" "-d dax0.0" "-r 0 -i"
}

@test "create-device: sizes, alignments and all of the rest, as daxctl" {
	dax_same_effects empty "create-device -r 0 -s 256M" "create-device -r 0 -s 512M -a 2M" \
		"create-device -s 6M -a 4K" "create-device -r 0" "list -RDMi"
	# 250 MiB are left: in the new device, at the end of the region
	[ "$(cat /sys/bus/dax/devices/dax0.4/size)" = $((HMEM_SIZE - 774 * 1048576)) ]
	dax_same_effects empty "create-device -r region0 -s 1G -a 1G -u"
	[ "$(cat /sys/bus/dax/devices/dax0.1/align)" = 1073741824 ]
	[ "$(cat $HMEM/dax_region/available_size)" = 0 ]
}

@test "destroy, disable, enable: the same states as daxctl after each step" {
	dax_same_effects empty "create-device -r 0 -s 256M" "create-device -r 0 -s 128M" \
		"disable-device dax0.1" "enable-device dax0.1" "disable-device all" \
		"enable-device -r 0 all" "destroy-device -f dax0.2" "~destroy-device -f -r 0 all"
	[ "$(cat $HMEM/dax_region/available_size)" = "$HMEM_SIZE" ]
	[ ! -e /sys/bus/dax/devices/dax0.1 ]
	# device 0 (kept by the kernel) at boot: daxctl exits 240 after doing what ndtool does
	dax_same_effects full "~destroy-device -f dax0.0" "create-device -s 512M"
	[ "$(cat /sys/bus/dax/devices/dax0.0/size)" = 0 ]
	[ ! -e /sys/bus/dax/devices/dax0.0/driver ]
	[ "$(cat /sys/bus/dax/devices/dax0.1/size)" = 536870912 ]
	run --separate-stderr ndtool dax destroy-device -f dax0.0
	[ "$status" -eq 0 ]
	[ "$stderr" = "destroyed 0 devices" ]
}

@test "destroy-device of an enabled device without -f: refused like daxctl, nothing changes" {
	hmem_reset empty
	ndtool dax create-device -r 0 -s 256M >/dev/null 2>&1
	dax_unchanged ndtool dax destroy-device dax0.1
	[ "$status" -eq 1 ]
	[[ $stderr == *"dax0.1 is enabled: add --force to destroy it and its data"* ]]
	[[ $stderr == *"destroyed 0 devices" ]]
	dax_unchanged daxctl destroy-device dax0.1
	[ "$status" -ne 0 ]
}

@test "create-device: bad input is refused with one reason, before any write" {
	hmem_reset empty
	ndtool dax create-device -r 0 -s 256M >/dev/null 2>&1
	dax_unchanged ndtool dax create-device -r 0 -s 3M
	[ "$status" -eq 1 ]
	[[ $stderr == *"region0: a size of 3 MiB is not a multiple of the alignment 2 MiB: use --size=2M or --size=4M"* ]]
	[ "${#stderr_lines[@]}" -eq 2 ]
	dax_unchanged ndtool dax create-device -r 0 -s 2G
	[ "$status" -eq 1 ]
	[[ $stderr == *"region0 has 768 MiB available, less than the 2 GiB asked for: ask for --size=768M at most"* ]]
	dax_unchanged ndtool dax create-device -r 0 -s 64M -a 1G
	[ "$status" -eq 1 ]
	[[ $stderr == *"a size of 64 MiB is not a multiple of the alignment 1 GiB"* ]]
	dax_unchanged ndtool dax create-device -r 0 -s 64M -a 3M
	[ "$status" -eq 1 ]
	[[ $stderr == *"cannot map device-dax with an alignment of 3 MiB: use --align=4K, 2M or 1G"* ]]
	dax_unchanged ndtool dax create-device -r 5 -s 64M
	[ "$status" -eq 1 ]
	[[ $stderr == *"no dax region matches '5'"* ]]
	dax_unchanged ndtool dax create-device -r 0 -s 64M -m system-ram
	[ "$status" -eq 2 ]
	[[ $stderr == *"reconfigure-device -m system-ram"* ]]
	echo '[{"size":67108864}]' >"$BATS_TEST_TMPDIR/arr.json"
	dax_unchanged ndtool dax create-device -r 0 --input "$BATS_TEST_TMPDIR/arr.json"
	[ "$status" -eq 2 ]
	[[ $stderr == *"must hold one device object"* ]]
	# daxctl leaves a new idle device behind for each size the kernel refuses
	run daxctl create-device -r 0 -s 3M
	[ "$status" -ne 0 ]
	[ -e /sys/bus/dax/devices/dax0.2 ]
	[ "$(cat /sys/bus/dax/devices/dax0.2/size)" = 0 ]
	# ndtool uses that seed rather than making another
	run ndtool dax create-device -r 0 -s 64M
	[ "$status" -eq 0 ]
	[ "$(cat /sys/bus/dax/devices/dax0.2/size)" = 67108864 ]
	[ ! -e /sys/bus/dax/devices/dax0.3 ]
}

@test "unknown devices and regions, device 0 idle: one error, exit 1, nothing changes" {
	hmem_reset empty
	dax_unchanged ndtool dax destroy-device -f dax0.9
	[ "$status" -eq 1 ]
	[[ $stderr == *"no dax device matches 'dax0.9'"* ]]
	dax_unchanged ndtool dax enable-device -r 1 dax0.0
	[ "$status" -eq 1 ]
	dax_unchanged ndtool dax enable-device dax0.0
	[ "$status" -eq 1 ]
	[[ $stderr == *"dax0.0 has size 0"* ]]
	# with "all", idle devices are passed over (daxctl tries, fails, and exits 0)
	dax_unchanged ndtool dax enable-device all
	[ "$status" -eq 0 ]
	[ "$stderr" = "enabled 0 devices" ]
	run --separate-stderr ndtool dax disable-device
	[ "$status" -eq 2 ]
}

@test "--input: a device object as dax list prints it makes the same device as -s and -a" {
	hmem_reset empty
	daxctl create-device -r 0 -s 6M -a 4K >/dev/null 2>&1
	daxctl list -d dax0.1 | jq '.[0]' >"$BATS_TEST_TMPDIR/dev.json"
	grep -q '"align": 4096' "$BATS_TEST_TMPDIR/dev.json"
	dax_same_effects empty "create-device -r 0 --input $BATS_TEST_TMPDIR/dev.json ||| create-device -r 0 -s 6M -a 4K"
	# -s and -a on the command line win over the file
	dax_same_effects empty "create-device -r 0 -s 8M --input $BATS_TEST_TMPDIR/dev.json ||| create-device -r 0 -s 8M -a 4K"
}

@test "a program's data through a created device; a mapped device is not taken away" {
	hmem_reset empty
	run --separate-stderr ndtool dax create-device -r 0 -s 64M
	[ "$status" -eq 0 ]
	[[ $output == *'"chardev":"dax0.1"'* ]]
	[ "$stderr" = "created 1 device" ]
	"$PMEM_IO" write /dev/dax0.1 67108864 7
	"$PMEM_IO" verify /dev/dax0.1 67108864 7
	run "$PMEM_IO" verify /dev/dax0.1 67108864 8
	[ "$status" -eq 1 ]
	# a program that keeps /dev/dax0.1 mapped, and reads it again once "go" exists
	go=$BATS_TEST_TMPDIR/go
	/usr/bin/python3 -c '
import mmap, os, sys, time
m = mmap.mmap(os.open("/dev/dax0.1", os.O_RDWR), 2 << 20)
m[0:5] = b"hello"
print("mapped", flush=True)
while not os.path.exists(sys.argv[1]):
    time.sleep(0.2)
print(m[0:5].decode(), flush=True)
' "$go" >"$BATS_TEST_TMPDIR/py.out" 2>&1 &
	py=$!
	for _ in $(seq 1 100); do grep -q mapped "$BATS_TEST_TMPDIR/py.out" && break; sleep 0.2; done
	grep -q mapped "$BATS_TEST_TMPDIR/py.out"
	dax_unchanged ndtool dax disable-device dax0.1
	[ "$status" -eq 1 ]
	[[ $stderr == *"dax0.1: /dev/dax0.1 is open or mapped by python3 (pid $py): stop it first"* ]]
	dax_unchanged ndtool dax destroy-device -f dax0.1
	[ "$status" -eq 1 ]
	[[ $stderr == *"open or mapped by python3 (pid $py)"* ]]
	# daxctl takes it away: the kernel revokes the mapping and the program gets SIGBUS
	run daxctl disable-device dax0.1
	[ "$status" -eq 0 ]
	[ ! -e /sys/bus/dax/devices/dax0.1/driver ]
	touch "$go"
	rc=0
	wait "$py" || rc=$?
	[ "$rc" -eq 135 ]
	[[ $(cat "$BATS_TEST_TMPDIR/py.out") != *hello* ]]
}

@test "a device in system-ram mode is not disabled or destroyed: advice to go back to devdax" {
	hmem_reset empty
	ndtool dax create-device -r 0 -s 256M >/dev/null 2>&1
	# memory stays offline (-N), so that going back to devdax cannot fail
	run daxctl reconfigure-device -N -m system-ram dax0.1
	[ "$status" -eq 0 ] || skip "daxctl could not reconfigure to system-ram: $output"
	if [ "$(daxctl list -d dax0.1 | jq '.[0].online_memblocks')" != 0 ]; then
		daxctl reconfigure-device -f -m devdax dax0.1
		skip "the kernel's auto-online policy onlined the memory"
	fi
	[ "$(basename "$(readlink /sys/bus/dax/devices/dax0.1/driver)")" = kmem ]
	dax_unchanged ndtool dax disable-device dax0.1
	[ "$status" -eq 1 ]
	[[ $stderr == *"dax0.1 is online as system RAM: reconfigure it to devdax first ('ndtool dax reconfigure-device -m devdax -f dax0.1')"* ]]
	dax_unchanged ndtool dax destroy-device -f all
	[ "$status" -eq 1 ]
	[[ $stderr == *"dax0.1 is online as system RAM"* ]]
	run daxctl reconfigure-device -m devdax dax0.1
	[ "$status" -eq 0 ]
	[ "$(basename "$(readlink /sys/bus/dax/devices/dax0.1/driver)")" = device_dax ]
}

# memcheck: ndtool dax ARGS under valgrind; fails on any error or leak
memcheck() {
	run --separate-stderr valgrind -q --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=all --errors-for-leak-kinds=all "$NDTOOL" dax "$@"
	echo "$stderr"
	[ "$status" -ne 99 ]
	! grep -q '^==[0-9]*==' <<<"$stderr" || false
}

@test "valgrind memcheck: dax list, a refused create, a create and a destroy" {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	hmem_reset empty
	memcheck list -RDMu -i
	[ "$status" -eq 0 ]
	# with -u one region prints as an object, as daxctl prints it
	[ "$(echo "$output" | jq -r 'if type == "array" then .[0] else . end | .id')" = 0 ]
	memcheck create-device -r 0 -s 3M
	[ "$status" -eq 1 ]
	memcheck create-device -r 0 -s 256M
	[ "$status" -eq 0 ]
	dev=$(echo "$output" | jq -r 'if type == "array" then .[0] else . end | .chardev')
	[ "$(cat "/sys/bus/dax/devices/$dev/size")" = 268435456 ]
	memcheck destroy-device -f "$dev"
	[ "$status" -eq 0 ]
	[ ! -e "/sys/bus/dax/devices/$dev" ] || [ "$(cat "/sys/bus/dax/devices/$dev/size")" = 0 ]
}
