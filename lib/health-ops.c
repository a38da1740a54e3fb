// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Changing what a DIMM's SMART reports: injected values (and giving fields back to the
 * DIMM) and the alarm thresholds, through the family's ND_CMD_CALL commands (smart.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"
#include "smart.h"

/* The public field bits and the family-neutral ones are the same values. */
_Static_assert((int)NDT_SMART_INJECT_MEDIA_TEMP == (int)NDT_INJECT_MEDIA_TEMP &&
		       (int)NDT_SMART_INJECT_CTRL_TEMP == (int)NDT_INJECT_CTRL_TEMP &&
		       (int)NDT_SMART_INJECT_SPARES == (int)NDT_INJECT_SPARES &&
		       (int)NDT_SMART_INJECT_FATAL == (int)NDT_INJECT_FATAL &&
		       (int)NDT_SMART_INJECT_UNSAFE_SHUTDOWN == (int)NDT_INJECT_UNSAFE_SHUTDOWN,
	       "inject bits");

#define INJECT_ALL                                                                        \
	(NDT_INJECT_MEDIA_TEMP | NDT_INJECT_CTRL_TEMP | NDT_INJECT_SPARES | NDT_INJECT_FATAL |  \
	 NDT_INJECT_UNSAFE_SHUTDOWN)
#define THRESHOLD_ALL                                                                     \
	(NDT_THRESHOLD_ALARM_CONTROL | NDT_THRESHOLD_MEDIA_TEMP | NDT_THRESHOLD_CTRL_TEMP |     \
	 NDT_THRESHOLD_SPARES)
#define ALARM_ALL (NDT_ALARM_BIT_SPARES | NDT_ALARM_BIT_MEDIA_TEMP | NDT_ALARM_BIT_CTRL_TEMP)

/*
 * The smallest struct_size accepted: the first version's size. A smaller size cannot be
 * told apart from a caller's padding (sizeof of a struct ending after inject would cover
 * uninject's bytes), so there is no older version to accept.
 */
#define INJECT_SIZE_MIN sizeof(struct ndt_smart_inject)
#define THRESHOLDS_SIZE_MIN sizeof(struct ndt_smart_thresholds)

static const char *inject_name(uint32_t bit)
{
	switch (bit) {
	case NDT_INJECT_MEDIA_TEMP:
		return "media temperature";
	case NDT_INJECT_CTRL_TEMP:
		return "controller temperature";
	case NDT_INJECT_SPARES:
		return "spares";
	case NDT_INJECT_FATAL:
		return "fatal health status";
	default:
		return "unsafe shutdown";
	}
}

static uint32_t lowest_bit(uint32_t v)
{
	return v & -v;
}

/*
 * The caller's struct (@size bytes as it says, at least @min) into @out (@out_size, this
 * library's size): fields an older caller lacks are zero; a newer caller's fields unknown
 * here must be zero.
 */
static int copy_sized(struct ndt_ctx *ctx, const void *in, size_t size, size_t min, void *out,
		      size_t out_size, const char *what)
{
	const unsigned char *tail;
	size_t i;

	memset(out, 0, out_size);
	if (!in)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL, "no %s given", what);
	if (size < min)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL,
				"the %s' struct_size (%zu) is not set to their size", what, size);
	if (size > out_size) {
		tail = (const unsigned char *)in + out_size;
		for (i = 0; i < size - out_size; i++)
			if (tail[i])
				return ndt_fail(ctx, -E2BIG, NDT_REASON_INVALID, NULL,
						"the %s set fields this version of libndtool does "
						"not know (struct_size %zu, known %zu)", what, size,
						out_size);
		size = out_size;
	}
	memcpy(out, in, size);
	return 0;
}

/* The ops of @dimm's family when it has @cmd with an encoder; else NULL, failure recorded. */
static const struct ndt_family_ops *family_with(struct ndt_dimm *dimm, bool inject)
{
	const struct ndt_family_ops *ops = ndt_dimm_family_ops(dimm);
	const char *dev = dimm->obj.devname, *what = inject ? "SMART injection" :
							       "setting the alarm thresholds";
	bool has;

	if (!ops) {
		ndt_fail(dimm->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, dev,
			 "%s: no command for %s: its DIMM command family is unknown, or the "
			 "kernel offers no family commands for it", dev, what);
		return NULL;
	}
	has = inject ? ops->inject_encode != NULL :
		       ops->set_threshold_encode != NULL && ops->threshold_decode != NULL;
	if (!has) {
		ndt_fail(dimm->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, dev,
			 "%s: the %s DIMM command family has no command for %s", dev, ops->name,
			 what);
		return NULL;
	}
	if (inject ? !ndt_family_func_supported(dimm, &ops->inject) :
		     !ndt_family_func_supported(dimm, &ops->set_threshold) ||
			     !ndt_family_func_supported(dimm, &ops->threshold)) {
		ndt_fail(dimm->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, dev,
			 "%s does not offer the commands for %s", dev, what);
		return NULL;
	}
	return ops;
}

/* Send @in to @cmd and check the firmware status of the answer; failure recorded. */
static int send_cmd(struct ndt_dimm *dimm, const struct ndt_family_ops *ops,
		    const struct ndt_family_cmd *cmd, const void *in, const char *what)
{
	const char *dev = dimm->obj.devname;
	uint8_t *out;
	int rc, len;

	len = ndt_family_call(dimm, ops, cmd, in, &out);
	if (len < 0)
		return ndt_fail(dimm->obj.ctx, len, NDT_REASON_KERNEL, dev,
				"%s: the kernel refused the %s command: %s", dev, what,
				strerror(-len));
	rc = ndt_payload_check(out, (size_t)len, 4, ops->xlat_status);
	free(out);
	if (rc)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, dev,
				"%s: the DIMM refused the %s command: %s", dev, what,
				strerror(-rc));
	return 0;
}

NDT_EXPORT unsigned int ndt_dimm_get_smart_inject_fields(struct ndt_dimm *dimm)
{
	const struct ndt_family_ops *ops = ndt_dimm_family_ops(dimm);

	if (!ops || !ops->inject_encode || !ndt_family_func_supported(dimm, &ops->inject))
		return 0;
	return ops->inject_fields;
}

/* The first field of @d whose value the family cannot encode, or 0. */
static uint32_t inject_out_of_range(const struct ndt_family_ops *ops, uint8_t *in,
				    const struct ndt_inject_data *d)
{
	struct ndt_inject_data one = *d;
	uint32_t left = d->fields & d->enable, bit;

	for (; left; left &= ~bit) {
		bit = lowest_bit(left);
		one.fields = bit;
		memset(in, 0, ops->inject.in_size);
		if (ops->inject_encode(in, ops->inject.in_size, &one) < 0)
			return bit;
	}
	return 0;
}

NDT_EXPORT int ndt_dimm_inject_smart(struct ndt_dimm *dimm, const struct ndt_smart_inject *p)
{
	struct ndt_ctx *ctx = dimm->obj.ctx;
	const char *dev = dimm->obj.devname;
	const struct ndt_family_ops *ops;
	struct ndt_inject_data d = { 0 };
	struct ndt_smart_inject inj;
	uint32_t missing, bad;
	uint8_t *in;
	int rc;

	ndt_failure_clear(ctx);
	rc = copy_sized(ctx, p, p ? p->struct_size : 0, INJECT_SIZE_MIN, &inj, sizeof(inj),
			"SMART injection parameters");
	if (rc < 0)
		return rc;
	d.fields = inj.inject | inj.uninject;
	d.enable = inj.inject;
	if (!d.fields)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: no SMART field to inject or uninject", dev);
	if (d.fields & ~INJECT_ALL)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: unknown SMART fields %#x", dev, d.fields & ~INJECT_ALL);
	if (inj.inject & inj.uninject)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: the %s is both injected and uninjected", dev,
				inject_name(lowest_bit(inj.inject & inj.uninject)));
	if ((inj.inject & NDT_INJECT_SPARES) && inj.spares > 100)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: spares of %u%% is over 100%%", dev, inj.spares);
	ops = family_with(dimm, true);
	if (!ops)
		return -EOPNOTSUPP;
	missing = d.fields & ~ops->inject_fields;
	if (missing)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, dev,
				"%s: the %s DIMM command family cannot inject the %s", dev,
				ops->name, inject_name(lowest_bit(missing)));
	d.media_temp = inj.media_temperature;
	d.ctrl_temp = inj.ctrl_temperature;
	d.spares = inj.spares;

	in = calloc(1, ops->inject.in_size);
	if (!in)
		return -ENOMEM;
	if (ops->inject_encode(in, ops->inject.in_size, &d) < 0) {
		bad = inject_out_of_range(ops, in, &d);
		free(in);
		/* spares are checked above: a temperature */
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: the %s to inject is out of the DIMM's range (%g)", dev,
				inject_name(bad),
				bad == NDT_INJECT_CTRL_TEMP ? d.ctrl_temp : d.media_temp);
	}
	rc = send_cmd(dimm, ops, &ops->inject, in, "SMART injection");
	free(in);
	return rc;
}

/* Which temperature of @t the family cannot encode ("media", "controller"), or NULL. */
static const char *threshold_out_of_range(const struct ndt_family_ops *ops, uint8_t *in,
					  const struct ndt_smart_threshold *t)
{
	struct ndt_smart_threshold one = *t;

	one.ctrl_temp = 0;
	memset(in, 0, ops->set_threshold.in_size);
	if (ops->set_threshold_encode(in, ops->set_threshold.in_size, &one) < 0)
		return "media";
	return "controller";
}

NDT_EXPORT int ndt_dimm_set_smart_thresholds(struct ndt_dimm *dimm,
					     const struct ndt_smart_thresholds *p)
{
	struct ndt_ctx *ctx = dimm->obj.ctx;
	const char *dev = dimm->obj.devname;
	const struct ndt_family_ops *ops;
	struct ndt_smart_threshold cur;
	struct ndt_smart_thresholds t;
	uint8_t *buf;
	int rc, len;

	ndt_failure_clear(ctx);
	rc = copy_sized(ctx, p, p ? p->struct_size : 0, THRESHOLDS_SIZE_MIN, &t, sizeof(t),
			"threshold parameters");
	if (rc < 0)
		return rc;
	if (!t.set)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: no alarm threshold to set", dev);
	if (t.set & ~THRESHOLD_ALL)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: unknown threshold fields %#x", dev, t.set & ~THRESHOLD_ALL);
	if ((t.set & NDT_THRESHOLD_ALARM_CONTROL) && (t.alarm_control & ~ALARM_ALL))
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev, "%s: unknown alarms %#x",
				dev, t.alarm_control & ~ALARM_ALL);
	if ((t.set & NDT_THRESHOLD_SPARES) && t.spares > 100)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: a spares threshold of %u%% is over 100%%", dev, t.spares);
	ops = family_with(dimm, false);
	if (!ops)
		return -EOPNOTSUPP;

	/* read, so that the thresholds not in t.set keep their value */
	len = ndt_family_call(dimm, ops, &ops->threshold, NULL, &buf);
	if (len < 0)
		return ndt_fail(ctx, len, NDT_REASON_KERNEL, dev,
				"%s: the kernel refused the threshold read command: %s", dev,
				strerror(-len));
	rc = ops->threshold_decode(buf, (size_t)len, &cur);
	free(buf);
	if (rc < 0)
		return ndt_fail(ctx, rc, NDT_REASON_KERNEL, dev,
				"%s: the DIMM did not report its alarm thresholds: %s", dev,
				strerror(-rc));
	if (t.set & NDT_THRESHOLD_ALARM_CONTROL)
		cur.alarm_control = t.alarm_control;
	if (t.set & NDT_THRESHOLD_MEDIA_TEMP)
		cur.media_temp = t.media_temperature;
	if (t.set & NDT_THRESHOLD_CTRL_TEMP)
		cur.ctrl_temp = t.ctrl_temperature;
	if (t.set & NDT_THRESHOLD_SPARES)
		cur.spares = t.spares;

	buf = calloc(1, ops->set_threshold.in_size);
	if (!buf)
		return -ENOMEM;
	if (ops->set_threshold_encode(buf, ops->set_threshold.in_size, &cur) < 0) {
		const char *which = threshold_out_of_range(ops, buf, &cur);

		free(buf);
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dev,
				"%s: the %s temperature threshold is out of the DIMM's range (%g)",
				dev, which, which[0] == 'm' ? cur.media_temp : cur.ctrl_temp);
	}
	rc = send_cmd(dimm, ops, &ops->set_threshold, buf, "set threshold");
	free(buf);
	return rc;
}
