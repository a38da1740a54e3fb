#!/bin/bash
# Runs INSIDE a tier B guest (run-tier B --script): the default, quiesced firmware
# activation of nfit_test.0 by TOOL (ndtool or ndctl, from the name of the wrapper that
# runs this: fwa-quiesce-<tool>.sh). The quiesce suspends and resumes the guest's devices,
# after which its 9p file systems (the root and $VMOUT) no longer answer: everything run
# after the activation is copied to tmpfs first, the results go to the console as
# "FWA: ..." lines, and the guest powers itself off. test/harness/firmware-quiesce.bats
# reads them from console.log.
set -u
TOOL=${TOOL:?}
T=/dev/shm/fwa
mkdir -p "$T"
case $TOOL in
ndtool) BIN=$NDTOOL ;;
ndctl) BIN=$(command -v ndctl) ;;
*) echo "fwa-quiesce: TOOL is ndtool or ndctl"; exit 2 ;;
esac
cp /bin/busybox "$T/" && cp "$BIN" "$T/tool" || exit 1
for l in $(ldd "$BIN" | awk '/=> \//{print $3} /ld-linux/{print $1}'); do
	cp -L "$l" "$T/" || exit 1
done
head -c 140000 /dev/urandom >"$T/fw.img"
# stage and arm on two DIMMs with ndtool (the same for both tools' runs)
dimms=$("$NDTOOL" list -D -b nfit_test.0 | sed -n 's/.*"dev":"\(nmem[0-9]*\)".*/\1/p' |
	sort -V | head -n 2 | xargs)
# nfit_test starts a scrub when it loads: update-firmware waits for none
"$NDTOOL" wait-scrub nfit_test.0 >/dev/null || exit 1
# shellcheck disable=SC2086
"$NDTOOL" update-firmware -f "$T/fw.img" $dimms >/dev/null || exit 1
bus=$(grep -l '^nfit_test.0$' /sys/bus/nd/devices/ndbus*/provider)
bus=${bus%/provider}
echo "prepared: $dimms armed on ${bus##*/}, bus $(cat "$bus/firmware/activate")"
sync
exec >/dev/console 2>&1 </dev/null
B=$T/busybox
RUN="$T/ld-linux-x86-64.so.2 --library-path $T $T/tool"
$B echo "FWA: tool $TOOL dimms $dimms"
$RUN activate-firmware nfit_test.0 >"$T/out" 2>"$T/err"
$B echo "FWA: rc $?"
$B sed 's/^/FWA: stderr /' "$T/err"
$B sed 's/^/FWA: json /' "$T/out"
# the DIMMs stay busy for a few seconds after an activation
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ "$($B cat "$bus/firmware/activate")" = idle ] && break
	$B sleep 0.5
done
$B echo "FWA: bus $($B cat "$bus/firmware/activate")"
for d in $dimms; do
	# reading the state first makes the kernel refresh the result
	$B echo "FWA: $d $($B cat /sys/bus/nd/devices/$d/firmware/activate) $($B cat /sys/bus/nd/devices/$d/firmware/result)"
done
$B echo "FWA: end"
$B sleep 1
echo o >/proc/sysrq-trigger
