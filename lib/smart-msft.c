// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * NVDIMM_FAMILY_MSFT (_DSM UUID 1ee68b36-d4bd-4a1a-9a16-4f8e53d46e05): Microsoft's "_DSM
 * Interface for Byte Addressable Energy Backed Function Class (Function Interface 1)", the
 * JEDEC NVDIMM-N _DSM (Windows Hardware Dev Center, windows-hardware/drivers/storage;
 * MicrosoftDocs/windows-driver-docs). The health command is "Get NVDIMM-N Health Info
 * (Function Index 11)":
 *
 *    0 u32 status        ("_DSM Method Output": bits 15:0 general status code 0 success,
 *                          1 not supported, 2 invalid input parameters, 3 I2C communication
 *                          error, 4 function-specific error, 5 vendor-specific error;
 *                          byte 2 function-specific code, byte 3 vendor-specific code)
 *    4 u8  MODULE_HEALTH_STATUS0, 5 u8 MODULE_HEALTH_STATUS1
 *    6 u16 module current temperature, degrees Celsius (minimum 0)
 *    8 u8  ERROR_THRESHOLD_STATUS
 *    9 u8  WARNING_THRESHOLD_STATUS
 *   10 u8  NVM_LIFETIME (percent of NVM lifetime remaining)
 *   11 u8  DRAM uncorrectable ECC error count
 *   12 u8  DRAM correctable ECC error above threshold event count
 *
 * The register bits are those of JEDEC JESD245 (Byte Addressable Energy Backed Interface):
 * MODULE_HEALTH_STATUS0 bits 0-7 voltage regulator failed, VDD lost, VPP lost, VTT lost, DRAM
 * not in self refresh, controller hardware error, NVM controller error, NVM lifetime error;
 * MODULE_HEALTH_STATUS1 bits 0-6 not enough energy for catastrophic save, invalid firmware,
 * configuration data error, no energy source, energy source policy not set, energy source
 * hardware failure, energy source health assessment error; ERROR_ and WARNING_THRESHOLD_STATUS
 * bits 0-2 NVM lifetime, energy source lifetime, energy source temperature.
 *
 * ndtool's health policy: any module health failure bit or error threshold bit is critical
 * (persistence is at risk), a warning threshold bit alone is non-critical. The function has
 * no spares, controller temperature, alarm (the thresholds are lifetime and energy source
 * ones, not ndtool's spares/temperature alarms) or shutdown fields, and the family has no
 * SMART threshold command ("Get NVM Thresholds", function 5, only has lifetime thresholds).
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <string.h>
#include "smart.h"

#define MSFT_FUNC_HEALTH		11
#define MSFT_HEALTH_SIZE		13

#define MS_HEALTH0			4
#define MS_HEALTH1			5
#define MS_TEMP				6
#define MS_ERROR_THRESH			8
#define MS_WARN_THRESH			9
#define MS_NVM_LIFETIME			10
#define MS_MIN_LEN			(MS_NVM_LIFETIME + 1)

#define MS_HEALTH0_MASK			0xff	/* bits 0-7 defined */
#define MS_HEALTH1_MASK			0x7f	/* bits 0-6 defined */
#define MS_THRESH_MASK			0x07	/* bits 0-2 defined */

#define MSFT_ST_SUCCESS			0
#define MSFT_ST_NOT_SUPPORTED		1
#define MSFT_ST_INVALID_INPUT		2

static int msft_xlat_status(uint32_t status)
{
	switch (status & 0xffff) {
	case MSFT_ST_SUCCESS:
		return 0;
	case MSFT_ST_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case MSFT_ST_INVALID_INPUT:
		return -EINVAL;
	default:
		return -EIO;
	}
}

static int msft_smart_decode(const void *out, size_t len, struct ndt_smart_data *d)
{
	const uint8_t *b = out;
	unsigned int failures;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = ndt_payload_check(b, len, MS_MIN_LEN, msft_xlat_status);
	if (rc)
		return rc;

	failures = (b[MS_HEALTH0] & MS_HEALTH0_MASK) | (b[MS_HEALTH1] & MS_HEALTH1_MASK) |
		   (b[MS_ERROR_THRESH] & MS_THRESH_MASK);
	d->valid |= NDT_SMART_VALID_HEALTH;
	if (failures)
		d->health |= NDT_HEALTH_CRITICAL;
	if (b[MS_WARN_THRESH] & MS_THRESH_MASK)
		d->health |= NDT_HEALTH_NON_CRITICAL;

	d->valid |= NDT_SMART_VALID_MEDIA_TEMP;
	d->media_temp = ndt_le16(b + MS_TEMP);

	/* a lifetime above 100 percent is not a value the register can hold */
	if (b[MS_NVM_LIFETIME] <= 100) {
		d->valid |= NDT_SMART_VALID_LIFE_USED;
		d->life_used = 100 - b[MS_NVM_LIFETIME];
	}
	return 0;
}

const struct ndt_family_ops ndt_family_msft = {
	.name = "msft",
	.family = NVDIMM_FAMILY_MSFT,
	.smart = { .func = MSFT_FUNC_HEALTH, .in_size = 0, .out_size = MSFT_HEALTH_SIZE },
	.threshold = { .func = 0, .in_size = 0, .out_size = 0 },
	.smart_prepare = NULL,
	.smart_decode = msft_smart_decode,
	.threshold_decode = NULL,
	.xlat_status = msft_xlat_status,
};
