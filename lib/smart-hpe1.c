// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * NVDIMM_FAMILY_HPE1 (_DSM UUID 9002c334-acf3-4c0e-9642-a235f0d53bc6): "Get SMART Health
 * Data" (function 1) and "Get SMART Threshold" (function 2) of the HPE NVDIMM-N _DSM
 * specification, "NFIT DSM DDR4 NVDIMM-N" (HPE, revisions v84s/v85/v88s, published as PDFs in
 * github.com/HewlettPackard/hpe-nvm, Documentation/). Function numbers agree with the kernel's
 * HPE1 dsm mask (0x1c3c76, drivers/acpi/nfit/core.c). The byte layout below is the one HPE
 * published with its Linux support (the packed HPE1 payload definitions of pmem/ndctl,
 * ndctl/lib/hpe1.h, read for offsets and bit meanings only).
 *
 * smart: input  0 u32 requested-field flags (same bits as the validity flags)
 *        output (128 bytes)
 *          0 u32 status
 *          4 u32 validity flags: bit0 health, bit1 temperature, bit2 spares, bit3 alarms,
 *                bit4 life used, bit5 last shutdown status
 *          8 u8  health summary: bit0 non-critical, bit1 critical, bit2 fatal
 *          9 u16 current temperature (unit not established: not decoded)
 *         11 u8  spare blocks (percent left)
 *         12 u16 alarm trips: bit0 temperature, bit1 spares (bits 2-7: life and energy
 *                source warnings/errors, no ndtool equivalent)
 *         14 u8  device life used (percent)
 *         15 u8  last shutdown status: bit1 = last save succeeded (clean shutdown)
 *         16..   operation durations and counters, module health, energy source data
 *
 * threshold: output (36 bytes)
 *          0 u32 status
 *          4 u16 alarm control (bits as alarm trips)
 *          6 u16 temperature threshold (unit not established: not decoded)
 *          8 u8  spare blocks threshold (percent)
 *          9..   life and energy source thresholds, reserved
 *
 * The status codes of this _DSM could not be read from the specification, so every
 * non-zero status is reported as -EIO.
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <string.h>
#include "smart.h"

#define HPE1_FUNC_SMART			1
#define HPE1_FUNC_THRESHOLD		2
#define HPE1_SMART_IN_SIZE		4
#define HPE1_SMART_OUT_SIZE		128
#define HPE1_THRESHOLD_OUT_SIZE		36

#define HS_FLAGS			4
#define HS_HEALTH			8
#define HS_SPARES			11
#define HS_ALARMS			12
#define HS_LIFE_USED			14
#define HS_SHUTDOWN			15
#define HS_MIN_LEN			(HS_SHUTDOWN + 1)

#define HT_ALARM_CONTROL		4
#define HT_SPARES			8
#define HT_MIN_LEN			(HT_SPARES + 1)

#define HV_HEALTH			(1u << 0)
#define HV_TEMP				(1u << 1)
#define HV_SPARES			(1u << 2)
#define HV_ALARMS			(1u << 3)
#define HV_USED				(1u << 4)
#define HV_SHUTDOWN			(1u << 5)

#define HH_NON_CRITICAL			(1u << 0)
#define HH_CRITICAL			(1u << 1)
#define HH_FATAL			(1u << 2)

#define HA_TEMP				(1u << 0)
#define HA_SPARES			(1u << 1)

#define HSD_LAST_SAVE_GOOD		(1u << 1)

static int hpe1_xlat_status(uint32_t status)
{
	return status ? -EIO : 0;
}

static uint32_t hpe1_alarm_bits(unsigned int raw)
{
	uint32_t alarms = 0;

	if (raw & HA_TEMP)
		alarms |= NDT_ALARM_MEDIA_TEMP;
	if (raw & HA_SPARES)
		alarms |= NDT_ALARM_SPARES;
	return alarms;
}

/* Ask for every field the decoder understands. */
static void hpe1_smart_prepare(void *in, uint32_t in_size)
{
	uint32_t want = HV_HEALTH | HV_TEMP | HV_SPARES | HV_ALARMS | HV_USED | HV_SHUTDOWN;
	uint8_t *b = in;

	if (in_size < HPE1_SMART_IN_SIZE)
		return;
	b[0] = want & 0xff;
	b[1] = (want >> 8) & 0xff;
	b[2] = (want >> 16) & 0xff;
	b[3] = (want >> 24) & 0xff;
}

static int hpe1_smart_decode(const void *out, size_t len, struct ndt_smart_data *d)
{
	const uint8_t *b = out;
	uint32_t flags;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = ndt_payload_check(b, len, HS_MIN_LEN, hpe1_xlat_status);
	if (rc)
		return rc;

	flags = ndt_le32(b + HS_FLAGS);
	if (flags & HV_HEALTH) {
		unsigned int h = b[HS_HEALTH];

		d->valid |= NDT_SMART_VALID_HEALTH;
		if (h & HH_NON_CRITICAL)
			d->health |= NDT_HEALTH_NON_CRITICAL;
		if (h & HH_CRITICAL)
			d->health |= NDT_HEALTH_CRITICAL;
		if (h & HH_FATAL)
			d->health |= NDT_HEALTH_FATAL;
	}
	if (flags & HV_SPARES) {
		d->valid |= NDT_SMART_VALID_SPARES;
		d->spares = b[HS_SPARES];
	}
	if (flags & HV_ALARMS) {
		d->valid |= NDT_SMART_VALID_ALARMS;
		d->alarms = hpe1_alarm_bits(ndt_le16(b + HS_ALARMS));
	}
	if (flags & HV_USED) {
		d->valid |= NDT_SMART_VALID_LIFE_USED;
		d->life_used = b[HS_LIFE_USED];
	}
	if (flags & HV_SHUTDOWN) {
		d->valid |= NDT_SMART_VALID_SHUTDOWN_STATE;
		d->shutdown_state = b[HS_SHUTDOWN] & HSD_LAST_SAVE_GOOD ? 0 : 1;
	}
	return 0;
}

static int hpe1_threshold_decode(const void *out, size_t len, struct ndt_smart_threshold *t)
{
	const uint8_t *b = out;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = ndt_payload_check(b, len, HT_MIN_LEN, hpe1_xlat_status);
	if (rc)
		return rc;

	t->valid = NDT_THRESH_VALID_ALARM_CONTROL | NDT_THRESH_VALID_SPARES;
	t->alarm_control = hpe1_alarm_bits(ndt_le16(b + HT_ALARM_CONTROL));
	t->spares = b[HT_SPARES];
	return 0;
}

const struct ndt_family_ops ndt_family_hpe1 = {
	.name = "hpe1",
	.family = NVDIMM_FAMILY_HPE1,
	.smart = {
		.func = HPE1_FUNC_SMART,
		.in_size = HPE1_SMART_IN_SIZE,
		.out_size = HPE1_SMART_OUT_SIZE,
	},
	.threshold = {
		.func = HPE1_FUNC_THRESHOLD,
		.in_size = 0,
		.out_size = HPE1_THRESHOLD_OUT_SIZE,
	},
	.smart_prepare = hpe1_smart_prepare,
	.smart_decode = hpe1_smart_decode,
	.threshold_decode = hpe1_threshold_decode,
	.xlat_status = hpe1_xlat_status,
};
