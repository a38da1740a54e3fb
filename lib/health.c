// SPDX-License-Identifier: LGPL-2.1-or-later
/* SMART health of a DIMM through its family's ND_CMD_CALL commands. */
#include <errno.h>
#include <linux/ndctl.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"
#include "smart.h"

struct ndt_health {
	struct ndt_smart_data smart;
	struct ndt_smart_threshold thresh;
};

bool ndt_family_func_supported(struct ndt_dimm *dimm, const struct ndt_family_cmd *cmd)
{
	uint64_t mask = ndt_dimm_get_dsm_mask(dimm);

	if (!cmd->out_size)
		return false;
	/* papr DIMMs have no dsm_mask: the kernel validates the function itself */
	if (dimm->family == NVDIMM_FAMILY_PAPR)
		return true;
	return cmd->func < 64 && (mask & (1ull << cmd->func));
}

const struct ndt_family_ops *ndt_dimm_family_ops(struct ndt_dimm *dimm)
{
	if (dimm->family < 0 || !ndt_dimm_is_cmd_supported(dimm, ND_CMD_CALL))
		return NULL;
	return ndt_family_lookup((unsigned int)dimm->family);
}

int ndt_family_call(struct ndt_dimm *dimm, const struct ndt_family_ops *ops,
		    const struct ndt_family_cmd *cmd, const void *in, uint8_t **out)
{
	int rc;

	*out = calloc(1, cmd->out_size);
	if (!*out)
		return -ENOMEM;
	rc = ndt_dimm_call(dimm, ops->family, cmd->func, in, cmd->in_size, *out, cmd->out_size);
	if (rc < 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* The smart command, its input filled by the family's smart_prepare. */
static int smart_call(struct ndt_dimm *dimm, const struct ndt_family_ops *ops, uint8_t **out)
{
	uint8_t *in;
	int rc;

	if (!ops->smart_prepare || !ops->smart.in_size)
		return ndt_family_call(dimm, ops, &ops->smart, NULL, out);
	in = calloc(1, ops->smart.in_size);
	if (!in)
		return -ENOMEM;
	ops->smart_prepare(in, ops->smart.in_size);
	rc = ndt_family_call(dimm, ops, &ops->smart, in, out);
	free(in);
	return rc;
}

NDT_EXPORT int ndt_dimm_get_health(struct ndt_dimm *dimm, struct ndt_health **health)
{
	const struct ndt_family_ops *ops;
	struct ndt_health *h;
	uint8_t *out;
	int rc, len;

	*health = NULL;
	ops = ndt_dimm_family_ops(dimm);
	if (!ops || !ndt_family_func_supported(dimm, &ops->smart))
		return -EOPNOTSUPP;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;

	len = smart_call(dimm, ops, &out);
	if (len < 0) {
		free(h);
		return len;
	}
	rc = ops->smart_decode(out, (size_t)len, &h->smart);
	free(out);
	if (rc < 0) {
		dbg(dimm->obj.ctx, "%s: SMART data rejected: %s", dimm->obj.devname, strerror(-rc));
		free(h);
		return rc;
	}

	/* Hyper-V reports the unsafe shutdown count through a second function. */
	if (ops == &ndt_family_hyperv &&
	    ndt_family_func_supported(dimm, &ndt_hyperv_shutdown_cmd)) {
		len = ndt_family_call(dimm, ops, &ndt_hyperv_shutdown_cmd, NULL, &out);
		if (len >= 0) {
			ndt_hyperv_shutdown_decode(out, (size_t)len, &h->smart);
			free(out);
		}
	}

	if (ops->threshold_decode && ndt_family_func_supported(dimm, &ops->threshold)) {
		len = ndt_family_call(dimm, ops, &ops->threshold, NULL, &out);
		if (len >= 0) {
			if (ops->threshold_decode(out, (size_t)len, &h->thresh) < 0)
				memset(&h->thresh, 0, sizeof(h->thresh));
			free(out);
		}
	}
	*health = h;
	return 0;
}

NDT_EXPORT void ndt_health_free(struct ndt_health *health)
{
	free(health);
}

NDT_EXPORT bool ndt_health_has(const struct ndt_health *h, enum ndt_health_field field)
{
	static const uint32_t smart_bit[] = {
		[NDT_HEALTH_FIELD_STATE] = NDT_SMART_VALID_HEALTH,
		[NDT_HEALTH_FIELD_MEDIA_TEMP] = NDT_SMART_VALID_MEDIA_TEMP,
		[NDT_HEALTH_FIELD_CTRL_TEMP] = NDT_SMART_VALID_CTRL_TEMP,
		[NDT_HEALTH_FIELD_SPARES] = NDT_SMART_VALID_SPARES,
		[NDT_HEALTH_FIELD_ALARMS] = NDT_SMART_VALID_ALARMS,
		[NDT_HEALTH_FIELD_LIFE_USED] = NDT_SMART_VALID_LIFE_USED,
		[NDT_HEALTH_FIELD_SHUTDOWN_STATE] = NDT_SMART_VALID_SHUTDOWN_STATE,
		[NDT_HEALTH_FIELD_SHUTDOWN_COUNT] = NDT_SMART_VALID_SHUTDOWN_COUNT,
	};

	switch (field) {
	case NDT_HEALTH_FIELD_THRESH_ALARM_CONTROL:
		return h->thresh.valid & NDT_THRESH_VALID_ALARM_CONTROL;
	case NDT_HEALTH_FIELD_THRESH_MEDIA_TEMP:
		return h->thresh.valid & NDT_THRESH_VALID_MEDIA_TEMP;
	case NDT_HEALTH_FIELD_THRESH_CTRL_TEMP:
		return h->thresh.valid & NDT_THRESH_VALID_CTRL_TEMP;
	case NDT_HEALTH_FIELD_THRESH_SPARES:
		return h->thresh.valid & NDT_THRESH_VALID_SPARES;
	default:
		if ((unsigned int)field >= sizeof(smart_bit) / sizeof(smart_bit[0]))
			return false;
		return h->smart.valid & smart_bit[field];
	}
}

NDT_EXPORT enum ndt_health_state ndt_health_get_state(const struct ndt_health *h)
{
	if (h->smart.health & NDT_HEALTH_FATAL)
		return NDT_HEALTH_STATE_FATAL;
	if (h->smart.health & NDT_HEALTH_CRITICAL)
		return NDT_HEALTH_STATE_CRITICAL;
	if (h->smart.health & NDT_HEALTH_NON_CRITICAL)
		return NDT_HEALTH_STATE_NON_CRITICAL;
	return NDT_HEALTH_STATE_OK;
}

/* The family-neutral alarm bits and the public ones are the same values. */
_Static_assert((int)NDT_ALARM_SPARES == (int)NDT_ALARM_BIT_SPARES &&
		       (int)NDT_ALARM_MEDIA_TEMP == (int)NDT_ALARM_BIT_MEDIA_TEMP &&
		       (int)NDT_ALARM_CTRL_TEMP == (int)NDT_ALARM_BIT_CTRL_TEMP,
	       "alarm bits");

NDT_EXPORT double ndt_health_get_media_temperature(const struct ndt_health *h)
{
	return h->smart.media_temp;
}

NDT_EXPORT double ndt_health_get_ctrl_temperature(const struct ndt_health *h)
{
	return h->smart.ctrl_temp;
}

NDT_EXPORT double ndt_health_get_media_temperature_threshold(const struct ndt_health *h)
{
	return h->thresh.media_temp;
}

NDT_EXPORT double ndt_health_get_ctrl_temperature_threshold(const struct ndt_health *h)
{
	return h->thresh.ctrl_temp;
}

NDT_EXPORT unsigned int ndt_health_get_spares(const struct ndt_health *h)
{
	return h->smart.spares;
}

NDT_EXPORT unsigned int ndt_health_get_spares_threshold(const struct ndt_health *h)
{
	return h->thresh.spares;
}

NDT_EXPORT unsigned int ndt_health_get_alarms(const struct ndt_health *h)
{
	return h->smart.alarms;
}

NDT_EXPORT unsigned int ndt_health_get_alarm_control(const struct ndt_health *h)
{
	return h->thresh.alarm_control;
}

NDT_EXPORT unsigned int ndt_health_get_life_used(const struct ndt_health *h)
{
	return h->smart.life_used;
}

NDT_EXPORT unsigned int ndt_health_get_shutdown_state(const struct ndt_health *h)
{
	return h->smart.shutdown_state;
}

NDT_EXPORT unsigned int ndt_health_get_shutdown_count(const struct ndt_health *h)
{
	return h->smart.shutdown_count;
}
