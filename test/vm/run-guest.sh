#!/bin/bash
# Boot Debian's kernel under qemu TCG with the host root shared read-only over 9p,
# run GUEST_SCRIPT inside as root, power off, exit with the script's exit code.
#
# Usage: run-guest.sh GUEST_SCRIPT OUTDIR
#   OUTDIR is shared read-write with the guest as $VMOUT; console.log lands there.
#   The guest sees the host root read-only, with tmpfs on /tmp /run /root /mnt /var/log;
#   the source tree (with build/ and the guest scripts) is shared again at its own path.
# Environment:
#   NVDIMMS=2 NVDIMM_SIZE=1G LABEL_SIZE=128K  emulated ACPI NVDIMMs (NVDIMMS=0: none)
#   MEM=2G SMP=2 UDEV=1 TIMEOUT=600 EXTRA_CMDLINE=
#   GUEST_ENV=$'K=V\n...'  variables for the guest script (it gets PATH, HOME, VMOUT too)
#   VM_CONSOLE=1           also copy the console to stdout
# Exit: the guest script's code; 124 when the VM ran past TIMEOUT (it is killed);
#       125 when the VM could not be started or gave no exit code.
set -euo pipefail
. "$(dirname "$0")/common.sh"
NVDIMMS=${NVDIMMS:-2}
NVDIMM_SIZE=${NVDIMM_SIZE:-1G}
LABEL_SIZE=${LABEL_SIZE:-128K}
MEM=${MEM:-2G}
SMP=${SMP:-2}
TIMEOUT=${TIMEOUT:-600}
UDEV=${UDEV:-1}

SCRIPT=$(realpath "${1:?usage: run-guest.sh GUEST_SCRIPT OUTDIR}")
OUT=${2:?usage: run-guest.sh GUEST_SCRIPT OUTDIR}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
rm -f "$OUT/rc" "$OUT/guest.env" "$OUT/console.log"
[ -n "${GUEST_ENV:-}" ] && printf '%s\n' "$GUEST_ENV" >"$OUT/guest.env"
command -v qemu-system-x86_64 >/dev/null || vm_die "qemu-system-x86_64 missing (apt-get install qemu-system-x86)"

# The initramfs is cached per kernel and per version of mkinitramfs.sh.
key=$(sha256sum "$VM_DIR/mkinitramfs.sh" | cut -c1-12)
INITRD=$KCACHE/initramfs-$key.cpio.gz
if [ ! -f "$INITRD" ]; then
	mkdir -p "$KCACHE"
	"$VM_DIR/mkinitramfs.sh" "$INITRD" || vm_die "initramfs build failed"
fi

# qemu carves the label area from the END of the memory backend and places DIMMs back
# to back: with backend = DIMM size the second DIMM starts misaligned for fsdax/devdax.
# So each backend is NVDIMM_SIZE + LABEL_SIZE.
DIMM_ARGS=()
bytes() { numfmt --from=iec "${1%B}"; }
lbytes=0
[ "$LABEL_SIZE" != 0 ] && lbytes=$(bytes "$LABEL_SIZE")
back=$(($(bytes "$NVDIMM_SIZE") + lbytes))
IMGDIR=
if [ "$NVDIMMS" -gt 0 ]; then
	IMGDIR=$(mktemp -d /var/tmp/ndtool-vm-img.XXXXXX)
	for i in $(seq 1 "$NVDIMMS"); do
		truncate -s "$back" "$IMGDIR/nvdimm$i.img"
		lbl=
		[ "$LABEL_SIZE" != 0 ] && lbl=",label-size=$LABEL_SIZE"
		DIMM_ARGS+=(-object "memory-backend-file,id=mem$i,share=on,mem-path=$IMGDIR/nvdimm$i.img,size=$back"
			-device "nvdimm,id=nvdimm$i,memdev=mem$i$lbl")
	done
fi
cleanup() { [ -z "$IMGDIR" ] || rm -rf "$IMGDIR"; }
trap cleanup EXIT

MACHINE=pc
MEMARG=$MEM
if [ "$NVDIMMS" -gt 0 ]; then
	MACHINE=pc,nvdimm=on
	MEMARG="$MEM,slots=4,maxmem=32G"
fi
CMDLINE="console=ttyS0 quiet panic=-1 rdinit=/init vmscript=$SCRIPT vmout=$OUT vmudev=$UDEV"
case $SRC_DIR$OUT$SCRIPT in *[[:space:]]*) vm_die "paths with spaces cannot go on the kernel command line: $SRC_DIR $OUT" ;; esac
CMDLINE+=" vmsrc=$SRC_DIR"
CMDLINE+=" ${EXTRA_CMDLINE:-}"

show() { if [ "${VM_CONSOLE:-0}" = 1 ]; then tee -a "$OUT/console.log"; else cat >>"$OUT/console.log"; fi; }
T0=$(date +%s)
set +e
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 \
	-machine "$MACHINE" -accel tcg,thread=multi -cpu "${QEMU_CPU:-max}" -smp "$SMP" -m "$MEMARG" \
	-nographic -serial mon:stdio -no-reboot -nodefaults -vga none -net none \
	-kernel "/boot/vmlinuz-$KVER" -initrd "$INITRD" -append "$CMDLINE" \
	-fsdev local,id=fsroot,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=fsroot,mount_tag=hostroot \
	-fsdev local,id=fssrc,path="$SRC_DIR",security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=fssrc,mount_tag=vmsrc \
	-fsdev local,id=fsout,path="$OUT",security_model=none,multidevs=remap \
	-device virtio-9p-pci,fsdev=fsout,mount_tag=vmout \
	"${DIMM_ARGS[@]}" </dev/null 2>&1 | sed -u 's/\r$//; s/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g' | show
qrc=${PIPESTATUS[0]}
set -e
wall=$(($(date +%s) - T0))
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	echo "vm: the guest did not finish within ${TIMEOUT}s and was killed (console: $OUT/console.log)" >&2
	exit 124
fi
if [ ! -f "$OUT/rc" ]; then
	echo "vm: no exit code from the guest (qemu exit $qrc after ${wall}s; console: $OUT/console.log)" >&2
	tail -n 20 "$OUT/console.log" >&2
	exit 125
fi
rc=$(cat "$OUT/rc")
echo "vm: guest exit $rc after ${wall}s" >&2
exit "$rc"
