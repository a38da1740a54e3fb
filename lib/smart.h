/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * DIMM command families (private to libndtool): how to ask a DIMM for its SMART health
 * and alarm thresholds through ND_CMD_CALL, and how to decode the answers into one
 * family-neutral form; for the families that have them, how to encode SMART injections
 * and new alarm thresholds. One small ops table per family, selected from the DIMM's
 * nfit/family (or papr/) sysfs attribute.
 *
 * Decoders take the ND_CMD_CALL output payload (the bytes after struct nd_cmd_pkg's
 * header, i.e. nd_payload + nd_size_in) and never trust it: short payloads and
 * firmware error statuses are reported as negative errno, reserved bits are ignored.
 * Encoders fill the zero-filled input payload (nd_payload, nd_size_in bytes) and refuse
 * a value the payload cannot carry. All multi-byte payload fields are little endian.
 */
#ifndef NDTOOL_LIB_SMART_H
#define NDTOOL_LIB_SMART_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/endian.h"

/* struct ndt_smart_data.valid bits: which fields the DIMM reported */
enum {
	NDT_SMART_VALID_HEALTH = 1 << 0,
	NDT_SMART_VALID_MEDIA_TEMP = 1 << 1,
	NDT_SMART_VALID_CTRL_TEMP = 1 << 2,
	NDT_SMART_VALID_SPARES = 1 << 3,
	NDT_SMART_VALID_ALARMS = 1 << 4,
	NDT_SMART_VALID_LIFE_USED = 1 << 5,
	NDT_SMART_VALID_SHUTDOWN_STATE = 1 << 6,
	NDT_SMART_VALID_SHUTDOWN_COUNT = 1 << 7,
};

/* struct ndt_smart_data.health bits (0 = healthy); the worst set bit wins */
enum {
	NDT_HEALTH_NON_CRITICAL = 1 << 0,
	NDT_HEALTH_CRITICAL = 1 << 1,
	NDT_HEALTH_FATAL = 1 << 2,
};

/* alarm bits: tripped alarms (smart) or enabled alarms (threshold alarm_control) */
enum {
	NDT_ALARM_SPARES = 1 << 0,
	NDT_ALARM_MEDIA_TEMP = 1 << 1,
	NDT_ALARM_CTRL_TEMP = 1 << 2,
};

struct ndt_smart_data {
	uint32_t valid;			/* NDT_SMART_VALID_* */
	uint32_t health;		/* NDT_HEALTH_* */
	double media_temp;		/* degrees Celsius */
	double ctrl_temp;		/* degrees Celsius */
	uint32_t spares;		/* spare capacity left, percent */
	uint32_t alarms;		/* NDT_ALARM_* that tripped */
	uint32_t life_used;		/* percent of rated life used */
	uint32_t shutdown_state;	/* 0 clean, 1 dirty (unsafe) last shutdown */
	uint32_t shutdown_count;	/* unsafe (dirty) shutdown count */
};

/* struct ndt_smart_threshold.valid bits */
enum {
	NDT_THRESH_VALID_ALARM_CONTROL = 1 << 0,
	NDT_THRESH_VALID_MEDIA_TEMP = 1 << 1,
	NDT_THRESH_VALID_CTRL_TEMP = 1 << 2,
	NDT_THRESH_VALID_SPARES = 1 << 3,
};

struct ndt_smart_threshold {
	uint32_t valid;			/* NDT_THRESH_VALID_* */
	uint32_t alarm_control;		/* NDT_ALARM_* that are enabled */
	double media_temp;		/* degrees Celsius */
	double ctrl_temp;		/* degrees Celsius */
	uint32_t spares;		/* percent */
};

/* struct ndt_inject_data.fields and .enable bits: the SMART fields an injection changes */
enum {
	NDT_INJECT_MEDIA_TEMP = 1 << 0,
	NDT_INJECT_CTRL_TEMP = 1 << 1,
	NDT_INJECT_SPARES = 1 << 2,
	NDT_INJECT_FATAL = 1 << 3,
	NDT_INJECT_UNSAFE_SHUTDOWN = 1 << 4,
};

/*
 * One injection command: each field of @fields is either injected (its bit set in
 * @enable too, with the value below where it has one) or given back to the DIMM's own
 * value (its bit clear in @enable).
 */
struct ndt_inject_data {
	uint32_t fields;		/* NDT_INJECT_* the command changes */
	uint32_t enable;		/* NDT_INJECT_* of @fields that are injected */
	double media_temp;		/* degrees Celsius */
	double ctrl_temp;		/* degrees Celsius */
	uint32_t spares;		/* percent */
};

/* One ND_CMD_CALL function of a family: its number and payload sizes. */
struct ndt_family_cmd {
	unsigned int func;		/* nd_command; meaningful only when out_size != 0 */
	uint32_t in_size;		/* nd_size_in (input bytes, zero-filled unless noted) */
	uint32_t out_size;		/* nd_size_out; 0 = the family has no such command */
};

struct ndt_family_ops {
	const char *name;		/* "intel", "hpe1", "msft", "hyperv", "papr" */
	unsigned int family;		/* NVDIMM_FAMILY_* of <linux/ndctl.h> */
	struct ndt_family_cmd smart;
	struct ndt_family_cmd threshold;
	/* Fill the input payload of the smart command (NULL: all zero input). */
	void (*smart_prepare)(void *in, uint32_t in_size);
	/* Decode the smart output; 0, -EINVAL (too short), or the firmware status errno. */
	int (*smart_decode)(const void *out, size_t len, struct ndt_smart_data *d);
	/* NULL when the family has no threshold command. Same return convention. */
	int (*threshold_decode)(const void *out, size_t len, struct ndt_smart_threshold *t);
	/* Firmware status of a payload to 0 or -errno (e.g. not supported -> -EOPNOTSUPP). */
	int (*xlat_status)(uint32_t status);
	/*
	 * Optional: SMART injection and setting the alarm thresholds (out_size 0 and NULL
	 * encoders when the family has none). Both commands answer with a payload that
	 * starts with the u32 firmware status, checked with ndt_payload_check().
	 */
	struct ndt_family_cmd inject;
	struct ndt_family_cmd set_threshold;
	uint32_t inject_fields;		/* NDT_INJECT_* the inject command can carry */
	/* Fill the inject input from @d; 0, or -ERANGE when a value does not fit. */
	int (*inject_encode)(void *in, uint32_t in_size, const struct ndt_inject_data *d);
	/*
	 * Fill the set-threshold input with every field of @t (its valid bits are not
	 * looked at); 0, or -ERANGE when a value does not fit.
	 */
	int (*set_threshold_encode)(void *in, uint32_t in_size,
				    const struct ndt_smart_threshold *t);
};

extern const struct ndt_family_ops ndt_family_intel;
extern const struct ndt_family_ops ndt_family_hpe1;
extern const struct ndt_family_ops ndt_family_msft;
extern const struct ndt_family_ops ndt_family_hyperv;
extern const struct ndt_family_ops ndt_family_papr;

/* The ops of NVDIMM_FAMILY_@family, or NULL for an unknown family. */
const struct ndt_family_ops *ndt_family_lookup(unsigned int family);

/*
 * Hyper-V only: the unsafe shutdown count is the answer of a second command, "Get Unsafe
 * Shutdown Count" (function 2), which the ops table has no slot for. Issue it after the
 * smart command and decode it into the same ndt_smart_data: the decoder sets only
 * shutdown_count and its valid bit, leaving the other fields alone. Same return convention.
 */
extern const struct ndt_family_cmd ndt_hyperv_shutdown_cmd;
int ndt_hyperv_shutdown_decode(const void *out, size_t len, struct ndt_smart_data *d);

/*
 * The checks every decoder starts with: the payload holds at least the leading u32
 * firmware status, the status is success (else its errno from @xlat), and the payload
 * holds @min_len bytes. Returns 0, -EINVAL (too short) or the status errno.
 */
static inline int ndt_payload_check(const void *out, size_t len, size_t min_len,
				    int (*xlat)(uint32_t status))
{
	int rc;

	if (len < 4)
		return -EINVAL;
	rc = xlat(ndt_le32(out));
	if (rc)
		return rc;
	return len < min_len ? -EINVAL : 0;
}

#endif
