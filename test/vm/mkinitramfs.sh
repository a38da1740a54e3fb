#!/bin/bash
# Build the guest's initramfs: busybox-static plus the kernel's virtio/9p modules.
# Stage 1 (/init) mounts the host root read-only over virtio-9p, adds tmpfs mounts and
# switch_root's into it; stage 2 (PID 1 = bash) starts udev if asked, runs the guest
# script, stores its exit code in the shared output directory and powers off.
# Usage: mkinitramfs.sh OUT   (KVER from the environment or the newest -amd64 kernel)
set -euo pipefail
. "$(dirname "$0")/common.sh"
OUT=${1:?usage: mkinitramfs.sh OUT}
M=/lib/modules/$KVER
file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' \
	|| vm_die "need a static /bin/busybox (apt-get install busybox-static)"

# insmod order: dependencies first (no modprobe in the initramfs)
MODS="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache
9pnet 9pnet_virtio 9p"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T"/{bin,dev,proc,sys,newroot,lib/modules}
cp /bin/busybox "$T/bin/busybox"
for m in $MODS; do
	f=$(modinfo -k "$KVER" -F filename "$m")
	case "$f" in
	*.ko) cp "$f" "$T/lib/modules/$m.ko" ;;
	*.ko.xz) xz -dc "$f" >"$T/lib/modules/$m.ko" ;;
	*.ko.zst) zstd -qdc "$f" >"$T/lib/modules/$m.ko" ;;
	*) echo "mkinitramfs: $m is built in or missing ($f)" >&2 ;;
	esac
done
echo $MODS >"$T/lib/modules/order"

cat >"$T/init" <<'EOS'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
for a in $(cat /proc/cmdline); do
	case "$a" in
	vmout=*) vmout=${a#vmout=} ;;
	vmsrc=*) vmsrc=${a#vmsrc=} ;;
	esac
done
die() { echo "VMINIT: $*"; poweroff -f; sleep 5; echo o >/proc/sysrq-trigger; }
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m.ko || die "insmod $m failed"; done
O="trans=virtio,version=9p2000.L,msize=262144"
R=/newroot
mount -t 9p -o ro,$O,cache=loose hostroot $R || die "mount of the host root failed"
for d in tmp:1777 run:755 var/log:755 root:700 mnt:755; do
	mount -t tmpfs -o mode=${d#*:} tmpfs $R/${d%%:*}
done
# The source tree is shared again at its own path, so that it stays visible when it
# lives under one of the tmpfs mounts above (a clone in /tmp or /root, say).
if [ -n "$vmsrc" ]; then
	mkdir -p $R$vmsrc 2>/dev/null
	mount -t 9p -o ro,$O,cache=loose vmsrc $R$vmsrc || die "mount of $vmsrc failed"
fi
if [ -n "$vmout" ]; then
	mkdir -p $R$vmout 2>/dev/null
	mount -t 9p -o rw,$O vmout $R$vmout || die "mount of $vmout failed"
fi
cp /stage2 $R/run/vm-stage2
mount -o move /dev $R/dev
mount -o move /sys $R/sys
mount -o move /proc $R/proc
# switch_root, not chroot: request_module() and systemd-udevd must see the real root
exec switch_root $R /bin/bash /run/vm-stage2
EOS

cat >"$T/stage2" <<'EOS'
#!/bin/bash
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
vmscript= vmout= vmudev=0
for a in $(cat /proc/cmdline); do
	case "$a" in
	vmscript=*) vmscript=${a#vmscript=} ;;
	vmout=*) vmout=${a#vmout=} ;;
	vmudev=*) vmudev=${a#vmudev=} ;;
	esac
done
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mkdir -p /dev/pts /dev/shm /run/udev
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t tmpfs -o mode=1777 shm /dev/shm 2>/dev/null
# devtmpfs lacks the links udev normally makes; bats needs /dev/fd
ln -sfn /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
if [ "$vmudev" != 0 ]; then
	sel="--subsystem-match=acpi --subsystem-match=nd --subsystem-match=dax --subsystem-match=block"
	/lib/systemd/systemd-udevd --daemon --resolve-names=never >/dev/null 2>&1 &&
		udevadm trigger --action=add --type=subsystems $sel >/dev/null 2>&1 &&
		udevadm trigger --action=add --type=devices $sel >/dev/null 2>&1 &&
		udevadm settle -t 60 || echo "VMINIT: udev start failed"
fi
rc=127
if [ -n "$vmscript" ]; then
	(cd /tmp && exec env -i PATH=$PATH HOME=/root TERM=dumb VMOUT="$vmout" /bin/bash -c \
		'set -a; [ -f "$VMOUT/guest.env" ] && . "$VMOUT/guest.env"; set +a; exec /bin/bash "$0"' \
		"$vmscript") </dev/console >/dev/console 2>&1
	rc=$?
fi
[ -n "$vmout" ] && { echo $rc >"$vmout/rc"; sync; umount "$vmout"; }
echo "VM_EXIT_CODE=$rc"
sync
/bin/busybox poweroff -f 2>/dev/null
echo o >/proc/sysrq-trigger
sleep 30
EOS
chmod 755 "$T/init" "$T/stage2"
mkdir -p "$(dirname "$OUT")"
(cd "$T" && find . | cpio -o -H newc --quiet | gzip -1) >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
