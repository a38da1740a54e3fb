// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * NVDIMM_FAMILY_PAPR: the powerpc papr_scm driver's PAPR nvDimm Specific Methods (PDSM),
 * carried by ND_CMD_CALL with nd_family = NVDIMM_FAMILY_PAPR. The layout is the kernel UAPI
 * (arch/powerpc/include/uapi/asm/papr_pdsm.h, linux-source-6.1: struct nd_pkg_pdsm and
 * struct nd_papr_pdsm_health) and its service code (arch/powerpc/platforms/pseries/
 * papr_scm.c). The health method is PAPR_PDSM_HEALTH (1). The PDSM envelope sits at the
 * start of nd_payload and nd_size_in is 0, so the output area starts with it:
 *
 *    0 s32 cmd_status (0, or a negative errno from papr_scm)
 *    4 u16 reserved[2] (must be 0 on input: the ioctl buffer must be zero-filled)
 *    8     payload, 184 bytes; for PAPR_PDSM_HEALTH (offsets from the envelope start):
 *      8 u32 extension_flags: bit0 dimm_fuel_gauge valid, bit1 dimm_dsc valid
 *     12 u8  dimm_unarmed, 13 u8 dimm_bad_shutdown, 14 u8 dimm_bad_restore,
 *     15 u8  dimm_scrubbed, 16 u8 dimm_locked, 17 u8 dimm_encrypted
 *     18 u16 dimm_health: 0 healthy, 1 unhealthy, 2 critical, 3 fatal
 *     20 u16 dimm_fuel_gauge: percent of life remaining
 *     24 u64 dimm_dsc: dirty shutdown count (natural alignment of the u64 leaves 22..23 unused)
 *
 * papr_scm requires nd_size_out == 8 + 184. Unlike the ACPI _DSM families the fields are in
 * the CPU's byte order (plain __u16/__u32/__u64 shared by kernel and user space on the same
 * machine), so they are loaded in host order here; on little-endian ppc64le that is the same
 * as little endian. There is no threshold method.
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <string.h>
#include "smart.h"

#define PAPR_PDSM_HEALTH_FUNC		1
#define PAPR_PDSM_HDR			8
#define PAPR_PDSM_PAYLOAD_MAX		184
#define PAPR_HEALTH_OUT_SIZE		(PAPR_PDSM_HDR + PAPR_PDSM_PAYLOAD_MAX)

#define PP_STATUS			0
#define PP_EXT_FLAGS			(PAPR_PDSM_HDR + 0)
#define PP_BAD_SHUTDOWN			(PAPR_PDSM_HDR + 5)
#define PP_HEALTH			(PAPR_PDSM_HDR + 10)
#define PP_FUEL_GAUGE			(PAPR_PDSM_HDR + 12)
#define PP_DSC				(PAPR_PDSM_HDR + 16)
#define PP_MIN_LEN			(PP_HEALTH + 2)

#define PP_EXT_FUEL_GAUGE		(1u << 0)
#define PP_EXT_DSC			(1u << 1)

#define PP_HEALTHY			0
#define PP_UNHEALTHY			1
#define PP_CRITICAL			2
#define PP_FATAL			3

#define PP_MAX_ERRNO			4095

static uint16_t papr_u16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t papr_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t papr_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* cmd_status is a signed negative errno; anything else non-zero is not one we trust. */
static int papr_xlat_status(uint32_t status)
{
	int32_t s = (int32_t)status;

	if (!s)
		return 0;
	if (s < 0 && s >= -PP_MAX_ERRNO)
		return s;
	return -EIO;
}

static int papr_smart_decode(const void *out, size_t len, struct ndt_smart_data *d)
{
	const uint8_t *b = out;
	uint32_t ext;
	int rc;

	memset(d, 0, sizeof(*d));
	if (len < PAPR_PDSM_HDR)
		return -EINVAL;
	rc = papr_xlat_status(papr_u32(b + PP_STATUS));
	if (rc)
		return rc;
	if (len < PP_MIN_LEN)
		return -EINVAL;

	ext = papr_u32(b + PP_EXT_FLAGS);
	if ((ext & PP_EXT_FUEL_GAUGE) && len < PP_FUEL_GAUGE + 2)
		return -EINVAL;
	if ((ext & PP_EXT_DSC) && len < PP_DSC + 8)
		return -EINVAL;

	switch (papr_u16(b + PP_HEALTH)) {
	case PP_HEALTHY:
		d->valid |= NDT_SMART_VALID_HEALTH;
		break;
	case PP_UNHEALTHY:
		d->valid |= NDT_SMART_VALID_HEALTH;
		d->health = NDT_HEALTH_NON_CRITICAL;
		break;
	case PP_CRITICAL:
		d->valid |= NDT_SMART_VALID_HEALTH;
		d->health = NDT_HEALTH_CRITICAL;
		break;
	case PP_FATAL:
		d->valid |= NDT_SMART_VALID_HEALTH;
		d->health = NDT_HEALTH_FATAL;
		break;
	default:
		break;	/* unknown encoding: health not reported */
	}

	d->valid |= NDT_SMART_VALID_SHUTDOWN_STATE;
	d->shutdown_state = b[PP_BAD_SHUTDOWN] ? 1 : 0;

	if (ext & PP_EXT_FUEL_GAUGE) {
		uint16_t left = papr_u16(b + PP_FUEL_GAUGE);

		if (left <= 100) {
			d->valid |= NDT_SMART_VALID_LIFE_USED;
			d->life_used = 100 - left;
		}
	}
	if (ext & PP_EXT_DSC) {
		uint64_t dsc = papr_u64(b + PP_DSC);

		d->valid |= NDT_SMART_VALID_SHUTDOWN_COUNT;
		d->shutdown_count = dsc > UINT32_MAX ? UINT32_MAX : (uint32_t)dsc;
	}
	return 0;
}

const struct ndt_family_ops ndt_family_papr = {
	.name = "papr",
	.family = NVDIMM_FAMILY_PAPR,
	.smart = {
		.func = PAPR_PDSM_HEALTH_FUNC,
		.in_size = 0,
		.out_size = PAPR_HEALTH_OUT_SIZE,
	},
	.threshold = { .func = 0, .in_size = 0, .out_size = 0 },
	.smart_prepare = NULL,
	.smart_decode = papr_smart_decode,
	.threshold_decode = NULL,
	.xlat_status = papr_xlat_status,
};
