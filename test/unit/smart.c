// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMART payload decoding of every DIMM family, and the encoding of SMART injections and
 * alarm thresholds. Payloads are built (or checked) here byte by byte from the published
 * layouts (offsets written out below, independent from the decoders and encoders).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "tap.h"
#include "lib/smart.h"

#define is_dbl(got, want, name)                                                          \
	do {                                                                             \
		double g_ = (got), w_ = (want);                                          \
		if (!ok(g_ - w_ < 1e-9 && w_ - g_ < 1e-9, name))                         \
			printf("#   got %g, want %g\n", g_, w_);                             \
	} while (0)

static uint8_t buf[256];

static void clear(void)
{
	memset(buf, 0, sizeof(buf));
}

/* little-endian stores at a byte offset */
static void le8(size_t off, unsigned int v)
{
	buf[off] = v & 0xff;
}

static void le16(size_t off, unsigned int v)
{
	le8(off, v);
	le8(off + 1, v >> 8);
}

static void le32(size_t off, uint32_t v)
{
	le16(off, v & 0xffff);
	le16(off + 2, v >> 16);
}

/* host-order stores (PAPR PDSM payloads are CPU-endian) */
static void h16(size_t off, uint16_t v)
{
	memcpy(buf + off, &v, sizeof(v));
}

static void h32(size_t off, uint32_t v)
{
	memcpy(buf + off, &v, sizeof(v));
}

static void h64(size_t off, uint64_t v)
{
	memcpy(buf + off, &v, sizeof(v));
}

#define ALL_SMART_VALID                                                                  \
	(NDT_SMART_VALID_HEALTH | NDT_SMART_VALID_MEDIA_TEMP | NDT_SMART_VALID_CTRL_TEMP |     \
	 NDT_SMART_VALID_SPARES | NDT_SMART_VALID_ALARMS | NDT_SMART_VALID_LIFE_USED |        \
	 NDT_SMART_VALID_SHUTDOWN_STATE | NDT_SMART_VALID_SHUTDOWN_COUNT)

#define ALL_THRESH_VALID                                                                 \
	(NDT_THRESH_VALID_ALARM_CONTROL | NDT_THRESH_VALID_MEDIA_TEMP |                        \
	 NDT_THRESH_VALID_CTRL_TEMP | NDT_THRESH_VALID_SPARES)

/*
 * Intel "Get SMART and Health Info": 0 status, 4 flags, 12 health, 13 spares, 14 life used,
 * 15 alarm flags, 16 media temp, 18 ctrl temp, 20 shutdown count, 24 AIT status, 25 PMIC
 * temp, 35 shutdown state, 36 vendor size. 132 bytes.
 */
static void intel_smart_nfit_test_default(void)
{
	clear();
	le32(0, 0);
	/* HEALTH, SPARES, ALARM, USED, SHUTDOWN, SHUTDOWN_COUNT, MTEMP, CTEMP */
	le32(4, 1u << 0 | 1u << 1 | 1u << 9 | 1u << 2 | 1u << 10 | 1u << 5 | 1u << 3 | 1u << 4);
	le8(12, 1u << 0);		/* non-critical */
	le8(13, 75);
	le8(14, 5);
	le8(15, 1u << 0 | 1u << 1);	/* spare trip, media temperature trip */
	le16(16, 23 * 16);
	le16(18, 25 * 16);
	le32(20, 42);
	le8(24, 1);
	le16(25, 40 * 16);
	le8(35, 0);
	le32(36, 0);
}

/* Intel "Get SMART Threshold": 0 status, 4 alarm control, 6 spares, 7 media, 9 ctrl. */
static void intel_threshold_nfit_test_default(void)
{
	clear();
	le32(0, 0);
	le16(4, 1u << 0 | 1u << 1);
	le8(6, 5);
	le16(7, 40 * 16);
	le16(9, 30 * 16);
}

static void test_intel(void)
{
	const struct ndt_family_ops *ops = &ndt_family_intel;
	struct ndt_smart_threshold t;
	struct ndt_smart_data d;

	is_str(ops->name, "intel", "intel: name");
	is_int(ops->family, 0, "intel: family number");
	is_int(ops->smart.func, 1, "intel: smart is function 1");
	is_int(ops->smart.in_size, 0, "intel: smart input size");
	is_int(ops->smart.out_size, 132, "intel: smart output size");
	is_int(ops->threshold.func, 2, "intel: threshold is function 2");
	is_int(ops->threshold.in_size, 0, "intel: threshold input size");
	is_int(ops->threshold.out_size, 12, "intel: threshold output size");
	ok(ops->smart_prepare == NULL, "intel: zero input, no prepare");
	ok(ops->threshold_decode != NULL, "intel: has a threshold decoder");

	/* the nfit_test emulation's defaults */
	intel_smart_nfit_test_default();
	is_int(ops->smart_decode(buf, 132, &d), 0, "intel nfit_test smart: decodes");
	is_int(d.valid, ALL_SMART_VALID, "intel nfit_test smart: all eight fields valid");
	is_int(d.health, NDT_HEALTH_NON_CRITICAL, "intel nfit_test smart: non-critical");
	is_dbl(d.media_temp, 23.0, "intel nfit_test smart: media 23 C");
	is_dbl(d.ctrl_temp, 25.0, "intel nfit_test smart: controller 25 C");
	is_int(d.spares, 75, "intel nfit_test smart: spares 75%");
	is_int(d.alarms, NDT_ALARM_SPARES | NDT_ALARM_MEDIA_TEMP,
	       "intel nfit_test smart: spare and media temperature alarms");
	is_int(d.life_used, 5, "intel nfit_test smart: life used 5%");
	is_int(d.shutdown_state, 0, "intel nfit_test smart: clean shutdown");
	is_int(d.shutdown_count, 42, "intel nfit_test smart: shutdown count 42");

	intel_threshold_nfit_test_default();
	is_int(ops->threshold_decode(buf, 12, &t), 0, "intel nfit_test threshold: decodes");
	is_int(t.valid, ALL_THRESH_VALID, "intel nfit_test threshold: all valid");
	is_int(t.alarm_control, NDT_ALARM_SPARES | NDT_ALARM_MEDIA_TEMP,
	       "intel nfit_test threshold: spare and media alarms enabled");
	is_dbl(t.media_temp, 40.0, "intel nfit_test threshold: media 40 C");
	is_dbl(t.ctrl_temp, 30.0, "intel nfit_test threshold: controller 30 C");
	is_int(t.spares, 5, "intel nfit_test threshold: spares 5%");

	/* sign and magnitude temperatures, fractions, other health and alarm bits */
	intel_smart_nfit_test_default();
	le16(16, 0x8000 | (5 * 16 + 8));	/* -5.5 C */
	le16(18, 0x8000 | 1);			/* -0.0625 C */
	le8(12, 1u << 1 | 1u << 2);		/* critical and fatal */
	le8(15, 1u << 2 | 0xf8);		/* ctrl trip plus reserved bits */
	le8(35, 1);
	is_int(ops->smart_decode(buf, 132, &d), 0, "intel negative: decodes");
	is_dbl(d.media_temp, -5.5, "intel negative: media -5.5 C");
	is_dbl(d.ctrl_temp, -0.0625, "intel negative: controller -0.0625 C");
	is_int(d.health, NDT_HEALTH_CRITICAL | NDT_HEALTH_FATAL, "intel: critical and fatal");
	is_int(d.alarms, NDT_ALARM_CTRL_TEMP, "intel: controller alarm, reserved bits ignored");
	is_int(d.shutdown_state, 1, "intel: dirty shutdown");
	le16(16, 0x7fff);
	is_int(ops->smart_decode(buf, 132, &d), 0, "intel max temperature: decodes");
	is_dbl(d.media_temp, 32767 / 16.0, "intel: largest positive temperature");

	intel_threshold_nfit_test_default();
	le16(7, 0x8000 | 10 * 16);
	le16(9, 0x8000 | 4);
	le16(4, 1u << 2 | 0xfff8);
	is_int(ops->threshold_decode(buf, 12, &t), 0, "intel negative threshold: decodes");
	is_dbl(t.media_temp, -10.0, "intel threshold: media -10 C");
	is_dbl(t.ctrl_temp, -0.25, "intel threshold: controller -0.25 C");
	is_int(t.alarm_control, NDT_ALARM_CTRL_TEMP, "intel threshold: reserved bits ignored");

	/* only what the flags word says is valid */
	intel_smart_nfit_test_default();
	le32(4, 1u << 4 | 1u << 10 | 1u << 6 | 1u << 7 | 1u << 11);	/* CTEMP, SHUTDOWN, AIT.. */
	is_int(ops->smart_decode(buf, 132, &d), 0, "intel partial: decodes");
	is_int(d.valid, NDT_SMART_VALID_CTRL_TEMP | NDT_SMART_VALID_SHUTDOWN_STATE,
	       "intel partial: only controller temperature and shutdown state");
	is_int(d.spares, 0, "intel partial: invalid spares left zero");
	is_int(d.shutdown_count, 0, "intel partial: invalid count left zero");
	le32(4, 0);
	is_int(ops->smart_decode(buf, 132, &d), 0, "intel no flags: decodes");
	is_int(d.valid, 0, "intel no flags: nothing valid");

	/* untrusted lengths and firmware statuses */
	intel_smart_nfit_test_default();
	is_int(ops->smart_decode(buf, 35, &d), -EINVAL, "intel: 35-byte smart too short");
	is_int(d.valid, 0, "intel: nothing valid after a short payload");
	is_int(ops->smart_decode(buf, 3, &d), -EINVAL, "intel: no room for the status");
	is_int(ops->smart_decode(buf, 36, &d), 0, "intel: 36 bytes cover every decoded field");
	is_int(ops->threshold_decode(buf, 10, &t), -EINVAL, "intel: 10-byte threshold too short");
	le32(0, 1);
	is_int(ops->smart_decode(buf, 4, &d), -EOPNOTSUPP, "intel: status-only not supported");
	le32(0, 5);
	is_int(ops->smart_decode(buf, 132, &d), -EAGAIN, "intel: retry status");
	le32(0, 9);
	is_int(ops->threshold_decode(buf, 12, &t), -EBUSY, "intel: not ready threshold");
	is_int(ops->xlat_status(0), 0, "intel xlat: success");
	is_int(ops->xlat_status(3), -EINVAL, "intel xlat: invalid input");
	is_int(ops->xlat_status(2), -ENODEV, "intel xlat: no such memory device");
	is_int(ops->xlat_status(0x10007), -EIO, "intel xlat: function-specific error");
	is_int(ops->xlat_status(4), -EIO, "intel xlat: hardware error");
	is_int(ops->xlat_status(0x20000), 0, "intel xlat: extended status alone is success");
}

/*
 * HPE1 "Get SMART Health Data": input u32 requested flags; output 0 status, 4 validity
 * flags, 8 health summary, 9 temperature, 11 spares, 12 alarm trips (u16), 14 life used,
 * 15 last shutdown status. Threshold: 0 status, 4 alarm control, 6 temperature, 8 spares.
 */
/*
 * Intel "Set SMART Threshold" input (7 bytes): 0 alarm control u16, 2 spares u8, 3 media
 * temperature u16, 5 controller temperature u16. "Inject SMART" input (15 bytes): 0 flags
 * u64 (bit0 media temperature, bit1 spares, bit2 fatal, bit3 unsafe shutdown), 8 media
 * temperature enable, 9 media temperature u16, 11 spares enable, 12 spares, 13 fatal
 * enable, 14 unsafe shutdown enable.
 */
static unsigned int at16(size_t off)
{
	return buf[off] | buf[off + 1] << 8;
}

static uint64_t at64(size_t off)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | buf[off + i];
	return v;
}

static int intel_inject(uint32_t fields, uint32_t enable, double mtemp, uint32_t spares)
{
	struct ndt_inject_data d = {
		.fields = fields, .enable = enable, .media_temp = mtemp, .spares = spares,
	};

	clear();
	return ndt_family_intel.inject_encode(buf, 15, &d);
}

static void test_intel_encode(void)
{
	const struct ndt_family_ops *ops = &ndt_family_intel;
	struct ndt_smart_threshold t = { 0 };
	size_t i;
	int zeros;

	is_int(ops->inject.func, 18, "intel: inject is function 18");
	is_int(ops->inject.in_size, 15, "intel: inject input size");
	is_int(ops->inject.out_size, 4, "intel: inject output size (status)");
	is_int(ops->set_threshold.func, 17, "intel: set threshold is function 17");
	is_int(ops->set_threshold.in_size, 7, "intel: set threshold input size");
	is_int(ops->set_threshold.out_size, 4, "intel: set threshold output size (status)");
	is_int(ops->inject_fields, NDT_INJECT_MEDIA_TEMP | NDT_INJECT_SPARES | NDT_INJECT_FATAL |
					   NDT_INJECT_UNSAFE_SHUTDOWN,
	       "intel: injects all but the controller temperature");

	/* one field at a time */
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, 52, 0), 0,
	       "intel inject media 52: encodes");
	is_int(at64(0), 1, "intel inject media: flag bit 0 only");
	is_int(buf[8], 1, "intel inject media: enabled");
	is_int(at16(9), 52 * 16, "intel inject media: 52 C in 1/16 degrees");
	zeros = 1;
	for (i = 11; i < 15; i++)
		zeros &= buf[i] == 0;
	ok(zeros, "intel inject media: the other fields stay zero");

	is_int(intel_inject(NDT_INJECT_SPARES, NDT_INJECT_SPARES, 0, 7), 0, "intel inject spares");
	is_int(at64(0), 2, "intel inject spares: flag bit 1");
	is_int(buf[11], 1, "intel inject spares: enabled");
	is_int(buf[12], 7, "intel inject spares: 7%");
	is_int(buf[8] | at16(9), 0, "intel inject spares: no media temperature");

	is_int(intel_inject(NDT_INJECT_FATAL, NDT_INJECT_FATAL, 0, 0), 0, "intel inject fatal");
	is_int(at64(0), 4, "intel inject fatal: flag bit 2");
	is_int(buf[13], 1, "intel inject fatal: enabled");

	is_int(intel_inject(NDT_INJECT_UNSAFE_SHUTDOWN, NDT_INJECT_UNSAFE_SHUTDOWN, 0, 0), 0,
	       "intel inject unsafe shutdown");
	is_int(at64(0), 8, "intel inject unsafe shutdown: flag bit 3");
	is_int(buf[14], 1, "intel inject unsafe shutdown: enabled");

	/* uninject: the flag selects the field, its enable byte stays 0, no value */
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP | NDT_INJECT_SPARES | NDT_INJECT_FATAL |
				    NDT_INJECT_UNSAFE_SHUTDOWN,
			    0, 99, 42),
	       0, "intel uninject all four: encodes");
	is_int(at64(0), 0xf, "intel uninject all four: flags 0xf");
	zeros = 1;
	for (i = 8; i < 15; i++)
		zeros &= buf[i] == 0;
	ok(zeros, "intel uninject all four: every enable and value zero");

	/* mixed: inject media and fatal, give spares back */
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP | NDT_INJECT_SPARES | NDT_INJECT_FATAL,
			    NDT_INJECT_MEDIA_TEMP | NDT_INJECT_FATAL, 25.5, 3),
	       0, "intel mixed: encodes");
	is_int(at64(0), 7, "intel mixed: flags 0x7");
	is_int(buf[8], 1, "intel mixed: media enabled");
	is_int(at16(9), 408, "intel mixed: 25.5 C is 408/16");
	is_int(buf[11] | buf[12], 0, "intel mixed: spares uninjected");
	is_int(buf[13], 1, "intel mixed: fatal enabled");
	is_int(buf[14], 0, "intel mixed: unsafe shutdown not selected");

	/* temperatures: toward zero in 1/16 steps, sign and magnitude, range */
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, 25.3, 0), 0,
	       "intel 25.3 C: encodes");
	is_int(at16(9), 404, "intel 25.3 C: 404/16 (toward zero)");
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, -5.5, 0), 0,
	       "intel -5.5 C: encodes");
	is_int(at16(9), 0x8000 | 88, "intel -5.5 C: sign bit and 88/16");
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, -0.01, 0), 0,
	       "intel -0.01 C: encodes");
	is_int(at16(9), 0, "intel -0.01 C: zero, no negative zero");
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, 2047.9375, 0), 0,
	       "intel 2047.9375 C: the largest that fits");
	is_int(at16(9), 0x7fff, "intel 2047.9375 C: 0x7fff");
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, 2048, 0), -ERANGE,
	       "intel 2048 C: out of range");
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, -2048, 0), -ERANGE,
	       "intel -2048 C: out of range");
	is_int(intel_inject(NDT_INJECT_MEDIA_TEMP, NDT_INJECT_MEDIA_TEMP, 0.0 / 0.0, 0), -ERANGE,
	       "intel NaN: out of range");
	is_int(intel_inject(NDT_INJECT_SPARES, NDT_INJECT_SPARES, 0, 256), -ERANGE,
	       "intel spares 256: does not fit a byte");
	is_int(intel_inject(NDT_INJECT_CTRL_TEMP, NDT_INJECT_CTRL_TEMP, 0, 0), -ERANGE,
	       "intel: no controller temperature field");
	clear();
	ok(ops->inject_encode(buf, 14, &(struct ndt_inject_data){ 0 }) == -ERANGE,
	   "intel inject: short input refused");

	/* set threshold: every field written */
	t.alarm_control = NDT_ALARM_SPARES | NDT_ALARM_CTRL_TEMP;
	t.spares = 8;
	t.media_temp = 40.5;
	t.ctrl_temp = -3;
	clear();
	is_int(ops->set_threshold_encode(buf, 7, &t), 0, "intel set threshold: encodes");
	is_int(at16(0), 1u << 0 | 1u << 2, "intel set threshold: spares and ctrl alarm bits");
	is_int(buf[2], 8, "intel set threshold: spares 8%");
	is_int(at16(3), 648, "intel set threshold: media 40.5 C");
	is_int(at16(5), 0x8000 | 48, "intel set threshold: ctrl -3 C");
	is_int(buf[7], 0, "intel set threshold: nothing past 7 bytes");
	t.alarm_control = NDT_ALARM_MEDIA_TEMP;
	clear();
	is_int(ops->set_threshold_encode(buf, 7, &t), 0, "intel set threshold media alarm");
	is_int(at16(0), 1u << 1, "intel set threshold: media alarm bit 1");
	t.ctrl_temp = 4096;
	is_int(ops->set_threshold_encode(buf, 7, &t), -ERANGE,
	       "intel set threshold: ctrl 4096 C out of range");
	t.ctrl_temp = 0;
	t.spares = 300;
	is_int(ops->set_threshold_encode(buf, 7, &t), -ERANGE,
	       "intel set threshold: spares 300 does not fit a byte");
	t.spares = 0;
	is_int(ops->set_threshold_encode(buf, 6, &t), -ERANGE,
	       "intel set threshold: short input refused");

	/* what the threshold decoder reads back is what was encoded */
	t = (struct ndt_smart_threshold){ .alarm_control = NDT_ALARM_SPARES | NDT_ALARM_MEDIA_TEMP,
					  .spares = 12, .media_temp = 33.25, .ctrl_temp = 44 };
	clear();
	is_int(ops->set_threshold_encode(buf + 4, 7, &t), 0, "intel round trip: encodes");
	{
		struct ndt_smart_threshold back;

		is_int(ops->threshold_decode(buf, 12, &back), 0, "intel round trip: decodes");
		is_int(back.alarm_control, t.alarm_control, "intel round trip: alarm control");
		is_int(back.spares, 12, "intel round trip: spares");
		is_dbl(back.media_temp, 33.25, "intel round trip: media temperature");
		is_dbl(back.ctrl_temp, 44, "intel round trip: controller temperature");
	}

	/* the answer of both commands is a status word */
	clear();
	is_int(ndt_payload_check(buf, 4, 4, ops->xlat_status), 0, "intel set status: success");
	le32(0, 3);
	is_int(ndt_payload_check(buf, 4, 4, ops->xlat_status), -EINVAL,
	       "intel set status: invalid input");
}

/* The families without a published layout for these commands have none. */
static void test_no_encoders(void)
{
	const struct ndt_family_ops *fam[] = { &ndt_family_hpe1, &ndt_family_msft,
					       &ndt_family_hyperv, &ndt_family_papr };
	char name[64];

	for (size_t i = 0; i < sizeof(fam) / sizeof(fam[0]); i++) {
		snprintf(name, sizeof(name), "%s: no inject command or encoder", fam[i]->name);
		ok(!fam[i]->inject.out_size && !fam[i]->inject_encode && !fam[i]->inject_fields,
		   name);
		snprintf(name, sizeof(name), "%s: no set threshold command or encoder",
			 fam[i]->name);
		ok(!fam[i]->set_threshold.out_size && !fam[i]->set_threshold_encode, name);
	}
}

static void test_hpe1(void)
{
	const struct ndt_family_ops *ops = &ndt_family_hpe1;
	struct ndt_smart_threshold t;
	struct ndt_smart_data d;
	uint8_t in[8];

	is_str(ops->name, "hpe1", "hpe1: name");
	is_int(ops->family, 1, "hpe1: family number");
	is_int(ops->smart.func, 1, "hpe1: smart is function 1");
	is_int(ops->smart.in_size, 4, "hpe1: smart takes a flags word");
	is_int(ops->smart.out_size, 128, "hpe1: smart output size");
	is_int(ops->threshold.func, 2, "hpe1: threshold is function 2");
	is_int(ops->threshold.out_size, 36, "hpe1: threshold output size");

	memset(in, 0xee, sizeof(in));
	ops->smart_prepare(in, 4);
	is_int(in[0] | in[1] << 8 | in[2] << 16 | (uint32_t)in[3] << 24, 0x3f,
	       "hpe1 prepare: asks for health, temperature, spares, alarms, life, shutdown");
	is_int(in[4], 0xee, "hpe1 prepare: writes only the flags word");
	memset(in, 0xee, sizeof(in));
	ops->smart_prepare(in, 2);
	is_int(in[0], 0xee, "hpe1 prepare: too small an input is left alone");

	clear();
	le32(4, 0x3f);
	le8(8, 1u << 1);		/* critical */
	le16(9, 0x1234);		/* temperature: unit unknown, not decoded */
	le8(11, 88);
	le16(12, 1u << 0 | 1u << 1 | 1u << 2 | 1u << 7);
	le8(14, 12);
	le8(15, 1u << 1);		/* last save good */
	is_int(ops->smart_decode(buf, 128, &d), 0, "hpe1 smart: decodes");
	is_int(d.valid, NDT_SMART_VALID_HEALTH | NDT_SMART_VALID_SPARES | NDT_SMART_VALID_ALARMS |
	       NDT_SMART_VALID_LIFE_USED | NDT_SMART_VALID_SHUTDOWN_STATE,
	       "hpe1 smart: valid fields, temperature not decoded");
	is_int(d.health, NDT_HEALTH_CRITICAL, "hpe1 smart: critical");
	is_int(d.spares, 88, "hpe1 smart: spares 88%");
	is_int(d.alarms, NDT_ALARM_MEDIA_TEMP | NDT_ALARM_SPARES,
	       "hpe1 smart: temperature and spare trips, life trips ignored");
	is_int(d.life_used, 12, "hpe1 smart: life used 12%");
	is_int(d.shutdown_state, 0, "hpe1 smart: last save good means clean");

	le8(15, 0);
	le32(4, 1u << 0 | 1u << 5);
	le8(8, 1u << 2 | 1u << 0);
	is_int(ops->smart_decode(buf, 16, &d), 0, "hpe1 partial: 16 bytes suffice");
	is_int(d.valid, NDT_SMART_VALID_HEALTH | NDT_SMART_VALID_SHUTDOWN_STATE,
	       "hpe1 partial: only health and shutdown state");
	is_int(d.health, NDT_HEALTH_FATAL | NDT_HEALTH_NON_CRITICAL, "hpe1 partial: fatal");
	is_int(d.shutdown_state, 1, "hpe1 partial: failed last save means dirty");
	is_int(ops->smart_decode(buf, 15, &d), -EINVAL, "hpe1: 15-byte smart too short");
	le32(0, 1);
	is_int(ops->smart_decode(buf, 4, &d), -EIO, "hpe1: firmware error status");

	clear();
	le16(4, 1u << 1 | 1u << 4);
	le16(6, 0x4321);
	le8(8, 10);
	is_int(ops->threshold_decode(buf, 36, &t), 0, "hpe1 threshold: decodes");
	is_int(t.valid, NDT_THRESH_VALID_ALARM_CONTROL | NDT_THRESH_VALID_SPARES,
	       "hpe1 threshold: alarm control and spares only");
	is_int(t.alarm_control, NDT_ALARM_SPARES, "hpe1 threshold: spare alarm enabled");
	is_int(t.spares, 10, "hpe1 threshold: spares 10%");
	is_int(ops->threshold_decode(buf, 8, &t), -EINVAL, "hpe1: 8-byte threshold too short");
	le32(0, 0x80000000u);
	is_int(ops->threshold_decode(buf, 36, &t), -EIO, "hpe1 threshold: error status");
}

/*
 * MSFT "Get NVDIMM-N Health Info" (function 11): 0 status, 4 MODULE_HEALTH_STATUS0,
 * 5 MODULE_HEALTH_STATUS1, 6 temperature (u16, C), 8 ERROR_THRESHOLD_STATUS,
 * 9 WARNING_THRESHOLD_STATUS, 10 NVM_LIFETIME, 11 UE count, 12 CE threshold events.
 */
static void msft_healthy(void)
{
	clear();
	le16(6, 30);
	le8(10, 97);
	le8(11, 4);
	le8(12, 2);
}

static void test_msft(void)
{
	const struct ndt_family_ops *ops = &ndt_family_msft;
	struct ndt_smart_data d;

	is_str(ops->name, "msft", "msft: name");
	is_int(ops->family, 3, "msft: family number");
	is_int(ops->smart.func, 11, "msft: Get NVDIMM-N Health Info is function 11");
	is_int(ops->smart.out_size, 13, "msft: health output size");
	is_int(ops->threshold.out_size, 0, "msft: no threshold command");
	ok(ops->threshold_decode == NULL, "msft: no threshold decoder");

	msft_healthy();
	is_int(ops->smart_decode(buf, 13, &d), 0, "msft healthy: decodes");
	is_int(d.valid, NDT_SMART_VALID_HEALTH | NDT_SMART_VALID_MEDIA_TEMP |
	       NDT_SMART_VALID_LIFE_USED, "msft healthy: health, temperature, life");
	is_int(d.health, 0, "msft healthy: ok");
	is_dbl(d.media_temp, 30.0, "msft healthy: 30 C");
	is_int(d.life_used, 3, "msft healthy: 97% left is 3% used");

	le8(9, 1u << 2);
	is_int(ops->smart_decode(buf, 13, &d), 0, "msft warning: decodes");
	is_int(d.health, NDT_HEALTH_NON_CRITICAL, "msft: ES temperature warning is non-critical");
	msft_healthy();
	le8(4, 1u << 7);
	ops->smart_decode(buf, 13, &d);
	is_int(d.health, NDT_HEALTH_CRITICAL, "msft: NVM lifetime error is critical");
	msft_healthy();
	le8(5, 1u << 3);
	ops->smart_decode(buf, 13, &d);
	is_int(d.health, NDT_HEALTH_CRITICAL, "msft: missing energy source is critical");
	msft_healthy();
	le8(8, 1u << 0);
	le8(9, 1u << 0);
	ops->smart_decode(buf, 13, &d);
	is_int(d.health, NDT_HEALTH_CRITICAL | NDT_HEALTH_NON_CRITICAL,
	       "msft: error and warning thresholds");
	msft_healthy();
	le8(5, 1u << 7);
	le8(8, 0xf8);
	le8(9, 0xf8);
	ops->smart_decode(buf, 13, &d);
	is_int(d.health, 0, "msft: reserved register bits ignored");

	msft_healthy();
	le8(10, 0);
	ops->smart_decode(buf, 13, &d);
	is_int(d.life_used, 100, "msft: no lifetime left is 100% used");
	le8(10, 0xff);
	ops->smart_decode(buf, 13, &d);
	ok(!(d.valid & NDT_SMART_VALID_LIFE_USED), "msft: impossible lifetime not reported");

	is_int(ops->smart_decode(buf, 10, &d), -EINVAL, "msft: 10 bytes too short");
	is_int(ops->smart_decode(buf, 11, &d), 0, "msft: 11 bytes cover every decoded field");
	le32(0, 1);
	is_int(ops->smart_decode(buf, 4, &d), -EOPNOTSUPP, "msft: not supported");
	le32(0, 2);
	is_int(ops->smart_decode(buf, 13, &d), -EINVAL, "msft: invalid input parameters");
	le32(0, 4 | 1u << 16);
	is_int(ops->smart_decode(buf, 13, &d), -EIO, "msft: function-specific error");
	is_int(ops->xlat_status(3), -EIO, "msft xlat: I2C communication error");
}

/* Hyper-V: function 1 {u32 status, u32 health}; function 2 {u32 status, u32 count}. */
static void test_hyperv(void)
{
	const struct ndt_family_ops *ops = &ndt_family_hyperv;
	struct ndt_smart_data d;

	is_str(ops->name, "hyperv", "hyperv: name");
	is_int(ops->family, 4, "hyperv: family number");
	is_int(ops->smart.func, 1, "hyperv: Get Health Information is function 1");
	is_int(ops->smart.out_size, 8, "hyperv: health output size");
	is_int(ops->threshold.out_size, 0, "hyperv: no threshold command");
	ok(ops->threshold_decode == NULL, "hyperv: no threshold decoder");
	is_int(ndt_hyperv_shutdown_cmd.func, 2, "hyperv: unsafe shutdown count is function 2");
	is_int(ndt_hyperv_shutdown_cmd.in_size, 0, "hyperv: shutdown count input size");
	is_int(ndt_hyperv_shutdown_cmd.out_size, 8, "hyperv: shutdown count output size");

	clear();
	le32(4, 0x5);
	is_int(ops->smart_decode(buf, 8, &d), 0, "hyperv health: decodes");
	is_int(d.valid, 0, "hyperv health: health word bits not established, not reported");
	is_int(ops->smart_decode(buf, 7, &d), -EINVAL, "hyperv health: 7 bytes too short");
	le32(0, 1);
	is_int(ops->smart_decode(buf, 4, &d), -EIO, "hyperv health: error status");

	clear();
	le32(4, 7);
	memset(&d, 0, sizeof(d));
	d.valid = NDT_SMART_VALID_HEALTH;
	d.health = NDT_HEALTH_CRITICAL;
	is_int(ndt_hyperv_shutdown_decode(buf, 8, &d), 0, "hyperv count: decodes");
	is_int(d.valid, NDT_SMART_VALID_HEALTH | NDT_SMART_VALID_SHUTDOWN_COUNT,
	       "hyperv count: merges into the smart data");
	is_int(d.shutdown_count, 7, "hyperv count: 7 unsafe shutdowns");
	is_int(d.health, NDT_HEALTH_CRITICAL, "hyperv count: other fields untouched");
	le32(4, 0xfffffffe);
	ndt_hyperv_shutdown_decode(buf, 8, &d);
	is_int(d.shutdown_count, 0xfffffffeu, "hyperv count: full 32-bit range");
	memset(&d, 0, sizeof(d));
	is_int(ndt_hyperv_shutdown_decode(buf, 6, &d), -EINVAL, "hyperv count: 6 bytes too short");
	is_int(d.valid, 0, "hyperv count: short payload sets nothing");
	le32(0, 3);
	is_int(ndt_hyperv_shutdown_decode(buf, 8, &d), -EIO, "hyperv count: error status");
}

/*
 * PAPR PDSM envelope: 0 s32 cmd_status, 4 u16 reserved[2], 8 payload. Health payload at 8:
 * +0 u32 extension flags, +5 u8 bad shutdown, +10 u16 health, +12 u16 fuel gauge, +16 u64
 * dirty shutdown count. 192 bytes in all.
 */
static void papr_payload(uint32_t ext, unsigned int health, uint16_t gauge, uint64_t dsc)
{
	clear();
	h32(0, 0);
	h32(8, ext);
	buf[8 + 5] = 1;
	h16(8 + 10, health);
	h16(8 + 12, gauge);
	h64(8 + 16, dsc);
}

static void test_papr(void)
{
	const struct ndt_family_ops *ops = &ndt_family_papr;
	struct ndt_smart_data d;

	is_str(ops->name, "papr", "papr: name");
	is_int(ops->family, 5, "papr: family number");
	is_int(ops->smart.func, 1, "papr: PAPR_PDSM_HEALTH");
	is_int(ops->smart.in_size, 0, "papr: no input, envelope in the output area");
	is_int(ops->smart.out_size, 192, "papr: PDSM header plus 184-byte payload");
	is_int(ops->threshold.out_size, 0, "papr: no threshold method");
	ok(ops->threshold_decode == NULL, "papr: no threshold decoder");

	papr_payload(3, 1, 80, 9);
	is_int(ops->smart_decode(buf, 192, &d), 0, "papr: decodes");
	is_int(d.valid, NDT_SMART_VALID_HEALTH | NDT_SMART_VALID_SHUTDOWN_STATE |
	       NDT_SMART_VALID_LIFE_USED | NDT_SMART_VALID_SHUTDOWN_COUNT,
	       "papr: health, shutdown state, life, shutdown count");
	is_int(d.health, NDT_HEALTH_NON_CRITICAL, "papr: unhealthy is non-critical");
	is_int(d.shutdown_state, 1, "papr: bad shutdown is dirty");
	is_int(d.life_used, 20, "papr: 80% fuel gauge left is 20% used");
	is_int(d.shutdown_count, 9, "papr: dirty shutdown count 9");

	papr_payload(3, 2, 100, 0);
	ops->smart_decode(buf, 192, &d);
	is_int(d.health, NDT_HEALTH_CRITICAL, "papr: critical");
	is_int(d.life_used, 0, "papr: full gauge is 0% used");
	papr_payload(3, 3, 0, (uint64_t)1 << 40);
	ops->smart_decode(buf, 192, &d);
	is_int(d.health, NDT_HEALTH_FATAL, "papr: fatal");
	is_int(d.life_used, 100, "papr: empty gauge is 100% used");
	is_int(d.shutdown_count, 0xffffffffu, "papr: huge count saturates");
	papr_payload(0, 0, 80, 9);
	buf[8 + 5] = 0;
	ops->smart_decode(buf, 192, &d);
	is_int(d.valid, NDT_SMART_VALID_HEALTH | NDT_SMART_VALID_SHUTDOWN_STATE,
	       "papr: gauge and count not valid without extension flags");
	is_int(d.health, 0, "papr: healthy");
	is_int(d.shutdown_state, 0, "papr: clean shutdown");
	papr_payload(1, 7, 150, 0);
	ops->smart_decode(buf, 192, &d);
	is_int(d.valid, NDT_SMART_VALID_SHUTDOWN_STATE,
	       "papr: unknown health and impossible gauge not reported");

	papr_payload(3, 0, 50, 1);
	is_int(ops->smart_decode(buf, 7, &d), -EINVAL, "papr: no room for the PDSM header");
	is_int(ops->smart_decode(buf, 19, &d), -EINVAL, "papr: 19 bytes too short");
	is_int(ops->smart_decode(buf, 31, &d), -EINVAL, "papr: count flagged but cut off");
	is_int(ops->smart_decode(buf, 32, &d), 0, "papr: 32 bytes cover every decoded field");
	papr_payload(0, 0, 0, 0);
	is_int(ops->smart_decode(buf, 20, &d), 0, "papr: base fields only in 20 bytes");
	h32(0, (uint32_t)-ENOENT);
	is_int(ops->smart_decode(buf, 8, &d), -ENOENT, "papr: kernel cmd_status passed through");
	h32(0, (uint32_t)-EINVAL);
	is_int(ops->smart_decode(buf, 192, &d), -EINVAL, "papr: -EINVAL cmd_status");
	is_int(ops->xlat_status(5), -EIO, "papr xlat: positive status is an error");
	is_int(ops->xlat_status(0x80000000u), -EIO, "papr xlat: out of errno range");
	is_int(ops->xlat_status(0), 0, "papr xlat: success");
}

static void test_lookup(void)
{
	ok(ndt_family_lookup(0) == &ndt_family_intel, "lookup 0: intel");
	ok(ndt_family_lookup(1) == &ndt_family_hpe1, "lookup 1: hpe1");
	ok(ndt_family_lookup(2) == NULL, "lookup 2: hpe2 unsupported");
	ok(ndt_family_lookup(3) == &ndt_family_msft, "lookup 3: msft");
	ok(ndt_family_lookup(4) == &ndt_family_hyperv, "lookup 4: hyperv");
	ok(ndt_family_lookup(5) == &ndt_family_papr, "lookup 5: papr");
	ok(ndt_family_lookup(6) == NULL, "lookup 6: unknown");
	ok(ndt_family_lookup(99) == NULL, "lookup 99: unknown");
	for (unsigned int f = 0; f <= 5; f++) {
		const struct ndt_family_ops *ops = ndt_family_lookup(f);
		char name[48];

		if (!ops)
			continue;
		snprintf(name, sizeof(name), "lookup %u: family field matches", f);
		is_int(ops->family, f, name);
		snprintf(name, sizeof(name), "lookup %u: smart decoder and xlat present", f);
		ok(ops->smart_decode && ops->xlat_status && ops->smart.out_size, name);
		snprintf(name, sizeof(name), "lookup %u: threshold size and decoder agree", f);
		ok(!ops->threshold.out_size == !ops->threshold_decode, name);
	}
}

int main(void)
{
	test_intel();
	test_intel_encode();
	test_no_encoders();
	test_hpe1();
	test_msft();
	test_hyperv();
	test_papr();
	test_lookup();
	return done();
}
