// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMART injection and alarm thresholds: what libndtool refuses before it sends anything.
 * The DIMMs here are built by hand (no sysfs, no device node): every call that got as far
 * as the ioctl would fail on opening /dev/nmemN, so a refusal with the expected reason
 * shows that the check came first.
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <stdio.h>
#include <string.h>
#include "tap.h"
#include "lib/private.h"

static struct ndt_ctx *ctx;

/* An intel DIMM whose commands and dsm_mask are already known. */
static void fake_dimm(struct ndt_dimm *dimm, int family, uint64_t dsm_mask)
{
	memset(dimm, 0, sizeof(*dimm));
	dimm->obj.ctx = ctx;
	snprintf(dimm->obj.devname, sizeof(dimm->obj.devname), "nmem7");
	dimm->obj.path = (char *)"/nonexistent/nmem7";
	dimm->family = family;
	dimm->cmds_read = dimm->dsm_read = true;
	dimm->cmd_mask = 1u << ND_CMD_CALL;
	dimm->dsm_mask = dsm_mask;
	dimm->fd = -1;
}

static void is_failure(int rc, int want_rc, enum ndt_reason want_reason, const char *want_text,
		       const char *name)
{
	enum ndt_reason reason;
	const char *text = ndt_ctx_get_failure(ctx, &reason, NULL);
	char n[160];

	snprintf(n, sizeof(n), "%s: rc", name);
	is_int(rc, want_rc, n);
	snprintf(n, sizeof(n), "%s: reason", name);
	is_int(reason, want_reason, n);
	snprintf(n, sizeof(n), "%s: says why", name);
	if (!ok(strstr(text, want_text) != NULL, n))
		printf("#   \"%s\" lacks \"%s\"\n", text, want_text);
}

/* What a caller built against a header with only struct_size and inject passes. */
struct inject_older {
	size_t struct_size;
	unsigned int inject;
};

/* What a caller built against a later header with one more field passes. */
struct inject_newer {
	struct ndt_smart_inject i;
	uint64_t later_field;
};

#define INTEL_ALL (1ull << 1 | 1ull << 2 | 1ull << 17 | 1ull << 18)

static void test_inject(void)
{
	struct ndt_smart_inject inj = { .struct_size = sizeof(inj) };
	struct inject_newer newer = { .i = { .struct_size = sizeof(newer) } };
	struct inject_older older = { sizeof(older), NDT_SMART_INJECT_FATAL };
	struct ndt_dimm dimm;

	fake_dimm(&dimm, NVDIMM_FAMILY_INTEL, INTEL_ALL);
	is_int(ndt_dimm_get_smart_inject_fields(&dimm),
	       NDT_SMART_INJECT_MEDIA_TEMP | NDT_SMART_INJECT_SPARES | NDT_SMART_INJECT_FATAL |
		       NDT_SMART_INJECT_UNSAFE_SHUTDOWN,
	       "intel: four fields injectable");

	is_failure(ndt_dimm_inject_smart(&dimm, NULL), -EINVAL, NDT_REASON_INVALID,
		   "no SMART injection parameters", "NULL parameters");
	inj.struct_size = 0;
	inj.inject = NDT_SMART_INJECT_FATAL;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EINVAL, NDT_REASON_INVALID,
		   "struct_size (0)", "struct_size unset");
	inj.struct_size = sizeof(inj);
	inj.inject = 0;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EINVAL, NDT_REASON_INVALID,
		   "nmem7: no SMART field", "nothing to inject");
	inj.inject = 1u << 5;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EINVAL, NDT_REASON_INVALID,
		   "unknown SMART fields 0x20", "unknown field");
	inj.inject = NDT_SMART_INJECT_SPARES;
	inj.uninject = NDT_SMART_INJECT_SPARES | NDT_SMART_INJECT_FATAL;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EINVAL, NDT_REASON_INVALID,
		   "the spares is both injected and uninjected", "inject and uninject at once");
	inj.uninject = 0;
	inj.spares = 101;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EINVAL, NDT_REASON_INVALID,
		   "spares of 101% is over 100%", "spares over 100");
	inj.spares = 0;
	inj.inject = NDT_SMART_INJECT_MEDIA_TEMP | NDT_SMART_INJECT_FATAL;
	inj.media_temperature = 5000;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EINVAL, NDT_REASON_INVALID,
		   "the media temperature to inject is out of the DIMM's range (5000)",
		   "media temperature out of range");
	inj.media_temperature = 40;
	inj.inject = NDT_SMART_INJECT_CTRL_TEMP | NDT_SMART_INJECT_FATAL;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "the intel DIMM command family cannot inject the controller temperature",
		   "intel: no controller temperature");
	inj.inject = 0;
	inj.uninject = NDT_SMART_INJECT_CTRL_TEMP;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "cannot inject the controller temperature", "intel: no controller uninject");

	/* struct_size: a newer caller's unknown field, set, is refused */
	newer.i.inject = NDT_SMART_INJECT_FATAL;
	newer.later_field = 1;
	is_failure(ndt_dimm_inject_smart(&dimm, &newer.i), -E2BIG, NDT_REASON_INVALID,
		   "does not know", "newer struct with its field set");

	/* accepted parameters reach the device node, which these DIMMs lack */
	newer.later_field = 0;
	is_failure(ndt_dimm_inject_smart(&dimm, &newer.i), -ENOENT, NDT_REASON_KERNEL,
		   "nmem7: the kernel refused the SMART injection command",
		   "newer struct, unknown field zero: sent");
	/* smaller than the first version: its padding could pass for uninject */
	is_failure(ndt_dimm_inject_smart(&dimm, (const struct ndt_smart_inject *)&older), -EINVAL,
		   NDT_REASON_INVALID, "struct_size", "older struct: refused");

	/* the DIMM lacks the function, or its family has none */
	fake_dimm(&dimm, NVDIMM_FAMILY_INTEL, INTEL_ALL & ~(1ull << 18));
	is_int(ndt_dimm_get_smart_inject_fields(&dimm), 0, "intel without function 18: none");
	inj.inject = NDT_SMART_INJECT_FATAL;
	inj.uninject = 0;
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "nmem7 does not offer the commands for SMART injection",
		   "intel without function 18");
	fake_dimm(&dimm, NVDIMM_FAMILY_MSFT, ~0ull);
	is_int(ndt_dimm_get_smart_inject_fields(&dimm), 0, "msft: none");
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "the msft DIMM command family has no command for SMART injection", "msft");
	fake_dimm(&dimm, -1, ~0ull);
	is_int(ndt_dimm_get_smart_inject_fields(&dimm), 0, "unknown family: none");
	is_failure(ndt_dimm_inject_smart(&dimm, &inj), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "no command for SMART injection: its DIMM command family is unknown",
		   "unknown family");
	fake_dimm(&dimm, NVDIMM_FAMILY_INTEL, INTEL_ALL);
	dimm.cmd_mask = 0;
	is_int(ndt_dimm_get_smart_inject_fields(&dimm), 0, "no ND_CMD_CALL: none");
}

static void test_thresholds(void)
{
	struct ndt_smart_thresholds t = { .struct_size = sizeof(t) };
	struct ndt_dimm dimm;

	fake_dimm(&dimm, NVDIMM_FAMILY_INTEL, INTEL_ALL);
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, NULL), -EINVAL, NDT_REASON_INVALID,
		   "no threshold parameters", "NULL thresholds");
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -EINVAL, NDT_REASON_INVALID,
		   "nmem7: no alarm threshold to set", "nothing to set");
	t.set = 1u << 4;
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -EINVAL, NDT_REASON_INVALID,
		   "unknown threshold fields 0x10", "unknown field");
	t.set = NDT_THRESHOLD_ALARM_CONTROL;
	t.alarm_control = 1u << 3;
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -EINVAL, NDT_REASON_INVALID,
		   "unknown alarms 0x8", "unknown alarm bit");
	t.set = NDT_THRESHOLD_SPARES;
	t.spares = 150;
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -EINVAL, NDT_REASON_INVALID,
		   "a spares threshold of 150% is over 100%", "spares over 100");
	t.spares = 10;
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -ENOENT, NDT_REASON_KERNEL,
		   "refused the threshold read command", "valid: reads the thresholds first");
	fake_dimm(&dimm, NVDIMM_FAMILY_INTEL, INTEL_ALL & ~(1ull << 17));
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "nmem7 does not offer the commands for setting the alarm thresholds",
		   "intel without function 17");
	fake_dimm(&dimm, NVDIMM_FAMILY_INTEL, INTEL_ALL & ~(1ull << 2));
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "does not offer", "intel without function 2 (read)");
	fake_dimm(&dimm, NVDIMM_FAMILY_HPE1, ~0ull);
	is_failure(ndt_dimm_set_smart_thresholds(&dimm, &t), -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
		   "the hpe1 DIMM command family has no command for setting the alarm thresholds",
		   "hpe1");
}

int main(void)
{
	freopen("/dev/null", "w", stderr);
	if (ndt_ctx_new(&ctx) < 0)
		return 1;
	test_inject();
	test_thresholds();
	ndt_ctx_unref(ctx);
	return done();
}
