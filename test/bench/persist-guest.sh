#!/bin/bash
# Runs in the QEMU NVDIMM guest (run-tier A --script): ndtool bench --vs-libpmem on a file
# of ext4 mounted -o dax and on a device-dax device; prints the ratio tables.
set -u
ARGS=(-j --vs-libpmem --samples "${BENCH_SAMPLES:-1000}")
ndctl disable-region all >/dev/null && ndctl init-labels -f all >/dev/null 2>&1 &&
	ndctl enable-region all >/dev/null || { echo "label setup failed"; exit 1; }
dev=/dev/$(ndctl create-namespace -r region0 -m fsdax -s 512M | jq -r .blockdev)
mkfs.ext4 -q -F -b 4096 "$dev" && mkdir -p /mnt/pmem && mount -o dax "$dev" /mnt/pmem ||
	{ echo "fsdax setup failed"; exit 1; }
# progress lines (stderr) are shown only when a run fails
"$NDTOOL" bench "${ARGS[@]}" /mnt/pmem >/tmp/fsdax.jsonl 2>/tmp/fsdax.err ||
	{ cat /tmp/fsdax.err; echo "bench on fsdax failed"; exit 1; }
"$SRCDIR/test/bench/persist-ratios" "fsdax file, ext4 -o dax (QEMU TCG)" </tmp/fsdax.jsonl
umount /mnt/pmem
dax=/dev/$(ndctl create-namespace -r region1 -m devdax -s 512M | jq -r '.daxregion.devices[0].chardev')
"$NDTOOL" bench "${ARGS[@]}" -f "$dax" >/tmp/devdax.jsonl 2>/tmp/devdax.err ||
	{ cat /tmp/devdax.err; echo "bench on devdax failed"; exit 1; }
"$SRCDIR/test/bench/persist-ratios" "device-dax (QEMU TCG)" </tmp/devdax.jsonl
