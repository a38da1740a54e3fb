#!/bin/bash
# Runs inside the demo VM (see contrib/demo). The transcript goes to $VMOUT/demo.txt,
# which the host shows while it grows, and to the console.
. "$(dirname "$(realpath "$0")")/demo-lib.sh"
modprobe -a nfit nd_pmem nd_btt dax_pmem device_dax kmem
udevadm settle -t 30

demo() {
	echo "=== ndtool demo: $(uname -r), two QEMU NVDIMMs of 1 GiB"
	show ndtool --version
	show ndtool --list-cmds
	show ndtool list -B
	note "fresh NVDIMMs without labels: one raw namespace spans each region"
	show ndtool list -RNu -r region0
	note "the usual move on label-less pmem: change the namespace's mode in place"
	show ndtool create-namespace -f -e namespace0.0 -m devdax
	note "device-dax memory as system RAM (the kmem driver), then back: the memory is" \
		"offlined first, and only with -f"
	show ndtool dax reconfigure-device -m system-ram dax0.0
	show ndtool dax reconfigure-device -m devdax dax0.0
	show ndtool dax reconfigure-device -f -m devdax dax0.0
	show ndtool create-namespace -f -e namespace0.0 -m fsdax
	note "carving the regions needs labels;" \
		"ndtool says so instead of 'No space left on device':"
	show ndtool create-namespace -r region0 -s 256M
	show ndtool disable-region all
	show ndtool init-labels -f all
	show ndtool enable-region all
	show ndtool create-namespace -r region0 -m fsdax -s 256M -n demo-fs
	show ndtool create-namespace -r region0 -m sector -s 64M -l 4096
	show ndtool create-namespace -r region1 -m devdax -s 128M
	note "mistakes get an answer that says what to do, and change nothing:"
	show ndtool create-namespace -r region0 -s 100M
	show ndtool destroy-namespace namespace0.0
	show ndtool list -RNu -r region0
	show ndtool list -NXu -m devdax
	show ndtool list -Du
	note "the same listing from ndtool and ndctl, compared as JSON:"
	ndtool list -BDRNXu -vvv >/tmp/ndtool.json
	ndctl list -BDRNXu -vvv >/tmp/ndctl.json
	"$SRCDIR/test/bats/json-compare" /tmp/ndctl.json /tmp/ndtool.json &&
		echo "identical ($(wc -c </tmp/ndtool.json) bytes;" \
			"ndtool lists objects in ascending order)"
	note "fsdax with a DAX mount; a mounted namespace is never destroyed:"
	mkfs.ext4 -q -F -b 4096 /dev/pmem0 && mkdir -p /mnt/pmem &&
		mount -o dax /dev/pmem0 /mnt/pmem
	show grep -w dax /proc/mounts
	show ndtool destroy-namespace -f namespace0.0
	note "is it really direct access? bench --check proves it (exit 0), with a data round trip:"
	show ndtool bench --check /mnt/pmem
	note "a short benchmark against libpmem on the same mapping (TCG: ratios, not media speed):"
	show ndtool bench -q --vs-libpmem -V clwb,nt,nt_fill,nt_fill_raw --samples 200 /mnt/pmem
	umount /mnt/pmem
	note "tmpfs is not direct access: exit code 3"
	mkdir -p /mnt/tmp && mount -t tmpfs tmpfs /mnt/tmp
	show ndtool bench --check /mnt/tmp
	echo "exit code $?"
	umount /mnt/tmp
	show ndtool read-labels -j -u nmem1
	note "a mistyped command gets a suggestion and exit code 2:"
	show ndtool lsit -B
	echo "exit code $?"
	echo
	echo "=== (this VM powers off; the health monitor follows in a second VM, with nfit_test)"
}

demo 2>&1 | tee "$VMOUT/demo.txt"
exit "${PIPESTATUS[0]}"
