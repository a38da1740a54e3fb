// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * NVDIMM_FAMILY_INTEL: "Get SMART and Health Info" (function 1), "Get SMART Threshold"
 * (function 2), "Set SMART Threshold" (function 17) and "Inject SMART" (function 18) of the
 * Intel NVDIMM DSM interface ("Intel Optane DC Persistent Memory Module
 * DSM Interface", V1.8, sections "Get SMART and Health Info" and "Get SMART Threshold"; the
 * older "NVDIMM DSM Interface Example" at pmem.io/documents has the same functions), and
 * "Set SMART Threshold" (function 17) and "Inject SMART" (function 18), the validation
 * functions that the kernel's nfit_test emulation implements.
 *
 * Offsets below are byte offsets into the payloads and were checked against the ABI the
 * Linux kernel uses with these DIMMs (drivers/acpi/nfit/intel.h, the nfit_test emulation in
 * tools/testing/nvdimm/test/nfit_test.h and nfit.c), linux-source-6.1:
 *
 *   smart (132 bytes)              threshold (12 bytes)
 *     0 u32 status                   0 u32 status
 *     4 u32 validity flags           4 u16 alarm control
 *    12 u8  health status            6 u8  spares threshold (percent)
 *    13 u8  spares (percent left)    7 u16 media temperature threshold
 *    14 u8  life used (percent)      9 u16 controller temperature threshold
 *    15 u8  alarm trips             11 u8  reserved
 *    16 u16 media temperature
 *    18 u16 controller temperature
 *    20 u32 unsafe shutdown count
 *    24 u8  AIT DRAM status, 25 u16 PMIC temperature, 27..34 reserved
 *    35 u8  last shutdown state (0 clean)
 *    36 u32 vendor data size, 40.. vendor data
 *
 *   set threshold: input 7 bytes     inject: input 15 bytes
 *     0 u16 alarm control              0 u64 flags: bit0 media temperature, bit1 spares,
 *     2 u8  spares threshold                      bit2 fatal, bit3 unsafe shutdown
 *     3 u16 media temp threshold       8 u8  media temperature enable
 *     5 u16 ctrl temp threshold        9 u16 media temperature
 *   output: u32 status                11 u8  spares enable, 12 u8 spares
 *                                     13 u8  fatal enable, 14 u8 unsafe shutdown enable
 *                                    output: u32 status
 *
 * An inject flag selects a field; its enable byte 1 injects it (with the value that
 * follows), 0 gives the field back to the DIMM's own value. The interface has no field
 * for the controller temperature.
 *
 * Temperatures are sign and magnitude: bit 15 set means negative, bits 14:0 are the
 * magnitude in 1/16 degree Celsius. Status: bits 15:0 status code, bits 31:16 extended status.
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <string.h>
#include "smart.h"

#define INTEL_FUNC_SMART		1
#define INTEL_FUNC_THRESHOLD		2
#define INTEL_FUNC_SET_THRESHOLD	17
#define INTEL_FUNC_INJECT		18
#define INTEL_SMART_SIZE		132
#define INTEL_THRESHOLD_SIZE		12
#define INTEL_SET_THRESHOLD_IN		7
#define INTEL_INJECT_IN			15
#define INTEL_STATUS_SIZE		4

/* smart payload offsets */
#define IS_FLAGS			4
#define IS_HEALTH			12
#define IS_SPARES			13
#define IS_LIFE_USED			14
#define IS_ALARMS			15
#define IS_MEDIA_TEMP			16
#define IS_CTRL_TEMP			18
#define IS_SHUTDOWN_COUNT		20
#define IS_SHUTDOWN_STATE		35
#define IS_MIN_LEN			(IS_SHUTDOWN_STATE + 1)

/* threshold payload offsets */
#define IT_ALARM_CONTROL		4
#define IT_SPARES			6
#define IT_MEDIA_TEMP			7
#define IT_CTRL_TEMP			9
#define IT_MIN_LEN			(IT_CTRL_TEMP + 2)

/* set threshold input offsets */
#define ST_ALARM_CONTROL		0
#define ST_SPARES			2
#define ST_MEDIA_TEMP			3
#define ST_CTRL_TEMP			5

/* inject input offsets and flags */
#define IJ_FLAGS			0
#define IJ_MEDIA_TEMP_ENABLE		8
#define IJ_MEDIA_TEMP			9
#define IJ_SPARES_ENABLE		11
#define IJ_SPARES			12
#define IJ_FATAL_ENABLE			13
#define IJ_SHUTDOWN_ENABLE		14
#define IJF_MEDIA_TEMP			(1u << 0)
#define IJF_SPARES			(1u << 1)
#define IJF_FATAL			(1u << 2)
#define IJF_SHUTDOWN			(1u << 3)

/* validity flags word */
#define IV_HEALTH			(1u << 0)
#define IV_SPARES			(1u << 1)
#define IV_USED				(1u << 2)
#define IV_MEDIA_TEMP			(1u << 3)
#define IV_CTRL_TEMP			(1u << 4)
#define IV_SHUTDOWN_COUNT		(1u << 5)
#define IV_ALARMS			(1u << 9)
#define IV_SHUTDOWN_STATE		(1u << 10)

/* health status byte */
#define IH_NON_CRITICAL			(1u << 0)
#define IH_CRITICAL			(1u << 1)
#define IH_FATAL			(1u << 2)

/* alarm trips byte and alarm control word share these bits */
#define IA_SPARES			(1u << 0)
#define IA_MEDIA_TEMP			(1u << 1)
#define IA_CTRL_TEMP			(1u << 2)

/*
 * Status codes (bits 15:0 of the status word). 1, 5 and 9 are the values the kernel's
 * intel.h names; 2 and 3 follow the DSM specification's common status table.
 */
#define INTEL_ST_SUCCESS		0
#define INTEL_ST_NOT_SUPPORTED		1
#define INTEL_ST_NO_DEVICE		2
#define INTEL_ST_INVALID_INPUT		3
#define INTEL_ST_RETRY			5
#define INTEL_ST_NOT_READY		9

static int intel_xlat_status(uint32_t status)
{
	switch (status & 0xffff) {
	case INTEL_ST_SUCCESS:
		return 0;
	case INTEL_ST_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case INTEL_ST_NO_DEVICE:
		return -ENODEV;
	case INTEL_ST_INVALID_INPUT:
		return -EINVAL;
	case INTEL_ST_RETRY:
		return -EAGAIN;
	case INTEL_ST_NOT_READY:
		return -EBUSY;
	default:
		return -EIO;
	}
}

static double intel_temp(const uint8_t *p)
{
	uint16_t raw = ndt_le16(p);
	double deg = (raw & 0x7fff) / 16.0;

	return raw & 0x8000 ? -deg : deg;
}

/*
 * Degrees Celsius to the sign and magnitude encoding, in whole 1/16 degree steps toward
 * zero. -ERANGE when the magnitude does not fit in 15 bits (or @deg is not a number).
 */
static int intel_temp_encode(double deg, uint8_t *p)
{
	double mag = deg < 0 ? -deg : deg;
	uint16_t raw;

	if (!(mag * 16 < 0x8000))
		return -ERANGE;
	raw = (uint16_t)(mag * 16);
	if (deg < 0 && raw)
		raw |= 0x8000;
	ndt_put_le16(p, raw);
	return 0;
}

static uint32_t intel_alarm_bits(unsigned int raw)
{
	uint32_t alarms = 0;

	if (raw & IA_SPARES)
		alarms |= NDT_ALARM_SPARES;
	if (raw & IA_MEDIA_TEMP)
		alarms |= NDT_ALARM_MEDIA_TEMP;
	if (raw & IA_CTRL_TEMP)
		alarms |= NDT_ALARM_CTRL_TEMP;
	return alarms;
}

static int intel_smart_decode(const void *out, size_t len, struct ndt_smart_data *d)
{
	const uint8_t *b = out;
	uint32_t flags;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = ndt_payload_check(b, len, IS_MIN_LEN, intel_xlat_status);
	if (rc)
		return rc;

	flags = ndt_le32(b + IS_FLAGS);
	if (flags & IV_HEALTH) {
		unsigned int h = b[IS_HEALTH];

		d->valid |= NDT_SMART_VALID_HEALTH;
		if (h & IH_NON_CRITICAL)
			d->health |= NDT_HEALTH_NON_CRITICAL;
		if (h & IH_CRITICAL)
			d->health |= NDT_HEALTH_CRITICAL;
		if (h & IH_FATAL)
			d->health |= NDT_HEALTH_FATAL;
	}
	if (flags & IV_SPARES) {
		d->valid |= NDT_SMART_VALID_SPARES;
		d->spares = b[IS_SPARES];
	}
	if (flags & IV_USED) {
		d->valid |= NDT_SMART_VALID_LIFE_USED;
		d->life_used = b[IS_LIFE_USED];
	}
	if (flags & IV_ALARMS) {
		d->valid |= NDT_SMART_VALID_ALARMS;
		d->alarms = intel_alarm_bits(b[IS_ALARMS]);
	}
	if (flags & IV_MEDIA_TEMP) {
		d->valid |= NDT_SMART_VALID_MEDIA_TEMP;
		d->media_temp = intel_temp(b + IS_MEDIA_TEMP);
	}
	if (flags & IV_CTRL_TEMP) {
		d->valid |= NDT_SMART_VALID_CTRL_TEMP;
		d->ctrl_temp = intel_temp(b + IS_CTRL_TEMP);
	}
	if (flags & IV_SHUTDOWN_COUNT) {
		d->valid |= NDT_SMART_VALID_SHUTDOWN_COUNT;
		d->shutdown_count = ndt_le32(b + IS_SHUTDOWN_COUNT);
	}
	if (flags & IV_SHUTDOWN_STATE) {
		d->valid |= NDT_SMART_VALID_SHUTDOWN_STATE;
		d->shutdown_state = b[IS_SHUTDOWN_STATE] ? 1 : 0;
	}
	return 0;
}

static int intel_threshold_decode(const void *out, size_t len, struct ndt_smart_threshold *t)
{
	const uint8_t *b = out;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = ndt_payload_check(b, len, IT_MIN_LEN, intel_xlat_status);
	if (rc)
		return rc;

	/* the threshold payload has no validity flags: every field is defined */
	t->valid = NDT_THRESH_VALID_ALARM_CONTROL | NDT_THRESH_VALID_MEDIA_TEMP |
		   NDT_THRESH_VALID_CTRL_TEMP | NDT_THRESH_VALID_SPARES;
	t->alarm_control = intel_alarm_bits(ndt_le16(b + IT_ALARM_CONTROL));
	t->spares = b[IT_SPARES];
	t->media_temp = intel_temp(b + IT_MEDIA_TEMP);
	t->ctrl_temp = intel_temp(b + IT_CTRL_TEMP);
	return 0;
}

static unsigned int intel_alarm_raw(uint32_t alarms)
{
	unsigned int raw = 0;

	if (alarms & NDT_ALARM_SPARES)
		raw |= IA_SPARES;
	if (alarms & NDT_ALARM_MEDIA_TEMP)
		raw |= IA_MEDIA_TEMP;
	if (alarms & NDT_ALARM_CTRL_TEMP)
		raw |= IA_CTRL_TEMP;
	return raw;
}

static int intel_set_threshold_encode(void *in, uint32_t in_size,
				      const struct ndt_smart_threshold *t)
{
	uint8_t *b = in;
	int rc;

	if (in_size < INTEL_SET_THRESHOLD_IN || t->spares > 0xff)
		return -ERANGE;
	rc = intel_temp_encode(t->media_temp, b + ST_MEDIA_TEMP);
	if (!rc)
		rc = intel_temp_encode(t->ctrl_temp, b + ST_CTRL_TEMP);
	if (rc)
		return rc;
	ndt_put_le16(b + ST_ALARM_CONTROL, (uint16_t)intel_alarm_raw(t->alarm_control));
	b[ST_SPARES] = (uint8_t)t->spares;
	return 0;
}

static int intel_inject_encode(void *in, uint32_t in_size, const struct ndt_inject_data *d)
{
	uint32_t on = d->fields & d->enable, flags = 0;
	uint8_t *b = in;
	int rc;

	if (in_size < INTEL_INJECT_IN || (d->fields & NDT_INJECT_CTRL_TEMP))
		return -ERANGE;
	if (d->fields & NDT_INJECT_MEDIA_TEMP) {
		flags |= IJF_MEDIA_TEMP;
		if (on & NDT_INJECT_MEDIA_TEMP) {
			rc = intel_temp_encode(d->media_temp, b + IJ_MEDIA_TEMP);
			if (rc)
				return rc;
			b[IJ_MEDIA_TEMP_ENABLE] = 1;
		}
	}
	if (d->fields & NDT_INJECT_SPARES) {
		flags |= IJF_SPARES;
		if (on & NDT_INJECT_SPARES) {
			if (d->spares > 0xff)
				return -ERANGE;
			b[IJ_SPARES_ENABLE] = 1;
			b[IJ_SPARES] = (uint8_t)d->spares;
		}
	}
	if (d->fields & NDT_INJECT_FATAL) {
		flags |= IJF_FATAL;
		b[IJ_FATAL_ENABLE] = !!(on & NDT_INJECT_FATAL);
	}
	if (d->fields & NDT_INJECT_UNSAFE_SHUTDOWN) {
		flags |= IJF_SHUTDOWN;
		b[IJ_SHUTDOWN_ENABLE] = !!(on & NDT_INJECT_UNSAFE_SHUTDOWN);
	}
	ndt_put_le64(b + IJ_FLAGS, flags);
	return 0;
}

const struct ndt_family_ops ndt_family_intel = {
	.name = "intel",
	.family = NVDIMM_FAMILY_INTEL,
	.smart = { .func = INTEL_FUNC_SMART, .in_size = 0, .out_size = INTEL_SMART_SIZE },
	.threshold = {
		.func = INTEL_FUNC_THRESHOLD,
		.in_size = 0,
		.out_size = INTEL_THRESHOLD_SIZE,
	},
	.smart_prepare = NULL,
	.smart_decode = intel_smart_decode,
	.threshold_decode = intel_threshold_decode,
	.xlat_status = intel_xlat_status,
	.inject = {
		.func = INTEL_FUNC_INJECT,
		.in_size = INTEL_INJECT_IN,
		.out_size = INTEL_STATUS_SIZE,
	},
	.set_threshold = {
		.func = INTEL_FUNC_SET_THRESHOLD,
		.in_size = INTEL_SET_THRESHOLD_IN,
		.out_size = INTEL_STATUS_SIZE,
	},
	.inject_fields = NDT_INJECT_MEDIA_TEMP | NDT_INJECT_SPARES | NDT_INJECT_FATAL |
			 NDT_INJECT_UNSAFE_SHUTDOWN,
	.inject_encode = intel_inject_encode,
	.set_threshold_encode = intel_set_threshold_encode,
};
