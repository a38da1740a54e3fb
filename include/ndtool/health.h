/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: SMART health of a DIMM. ndt_dimm_get_health() issues the DIMM family's SMART
 * command (and the threshold command where there is one) and returns a snapshot that the
 * getters below read; a field the DIMM did not report reads as 0 (see ndt_health_has()).
 * ndt_dimm_inject_smart() and ndt_dimm_set_smart_thresholds() change what the DIMM reports
 * (test and validation platforms: injected values and alarm thresholds).
 * Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_HEALTH_H
#define NDTOOL_HEALTH_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_dimm;
struct ndt_health;

/* The fields of a snapshot, for ndt_health_has(). */
enum ndt_health_field {
	NDT_HEALTH_FIELD_STATE,
	NDT_HEALTH_FIELD_MEDIA_TEMP,
	NDT_HEALTH_FIELD_CTRL_TEMP,
	NDT_HEALTH_FIELD_SPARES,
	NDT_HEALTH_FIELD_ALARMS,
	NDT_HEALTH_FIELD_LIFE_USED,
	NDT_HEALTH_FIELD_SHUTDOWN_STATE,
	NDT_HEALTH_FIELD_SHUTDOWN_COUNT,
	NDT_HEALTH_FIELD_THRESH_ALARM_CONTROL,
	NDT_HEALTH_FIELD_THRESH_MEDIA_TEMP,
	NDT_HEALTH_FIELD_THRESH_CTRL_TEMP,
	NDT_HEALTH_FIELD_THRESH_SPARES,
};

enum ndt_health_state {
	NDT_HEALTH_STATE_OK,
	NDT_HEALTH_STATE_NON_CRITICAL,
	NDT_HEALTH_STATE_CRITICAL,
	NDT_HEALTH_STATE_FATAL,
};

/* alarm bits: tripped (NDT_HEALTH_FIELD_ALARMS) or enabled (..._THRESH_ALARM_CONTROL) */
enum {
	NDT_ALARM_BIT_SPARES = 1 << 0,
	NDT_ALARM_BIT_MEDIA_TEMP = 1 << 1,
	NDT_ALARM_BIT_CTRL_TEMP = 1 << 2,
};

/**
 * ndt_dimm_get_health() - read the DIMM's SMART health
 * @dimm: a DIMM
 * @health: receives a snapshot to release with ndt_health_free(); NULL on failure
 *
 * A threshold command that fails leaves the thresholds out of the snapshot (Hyper-V: the
 * same for the unsafe shutdown count) rather than failing the call.
 * Returns: 0; -EOPNOTSUPP when the DIMM's family (unknown, or one without a SMART layout)
 * or the kernel offers no SMART command; -EINVAL when the firmware's answer is too short;
 * the firmware's status as -errno (by family: -EOPNOTSUPP, -EINVAL, -ENODEV, -EAGAIN,
 * -EBUSY, -EIO); -ENOMEM; another -errno from opening /dev/nmemN (-ENXIO: not the device
 * sysfs reports) or from the ioctl.
 */
int ndt_dimm_get_health(struct ndt_dimm *dimm, struct ndt_health **health);

/**
 * ndt_health_free() - release a snapshot
 * @health: a snapshot of ndt_dimm_get_health(), or NULL
 */
void ndt_health_free(struct ndt_health *health);

/**
 * ndt_health_has() - whether the DIMM reported a field
 * @health: a snapshot
 * @field: which field
 *
 * Returns: true when the snapshot holds @field; false when the DIMM did not report it, and
 * for an unknown @field.
 */
bool ndt_health_has(const struct ndt_health *health, enum ndt_health_field field);

/**
 * ndt_health_get_state() - the DIMM's health state
 * @health: a snapshot
 *
 * Returns: the worst state the DIMM reports; NDT_HEALTH_STATE_OK when it reports none.
 */
enum ndt_health_state ndt_health_get_state(const struct ndt_health *health);

/**
 * ndt_health_get_media_temperature() - the temperature of the DIMM's media
 * @health: a snapshot
 *
 * Returns: degrees Celsius (NDT_HEALTH_FIELD_MEDIA_TEMP); 0 when not reported.
 */
double ndt_health_get_media_temperature(const struct ndt_health *health);

/**
 * ndt_health_get_ctrl_temperature() - the temperature of the DIMM's controller
 * @health: a snapshot
 *
 * Returns: degrees Celsius (NDT_HEALTH_FIELD_CTRL_TEMP); 0 when not reported.
 */
double ndt_health_get_ctrl_temperature(const struct ndt_health *health);

/**
 * ndt_health_get_media_temperature_threshold() - the media temperature alarm threshold
 * @health: a snapshot
 *
 * Returns: degrees Celsius (NDT_HEALTH_FIELD_THRESH_MEDIA_TEMP); 0 when not reported.
 */
double ndt_health_get_media_temperature_threshold(const struct ndt_health *health);

/**
 * ndt_health_get_ctrl_temperature_threshold() - the controller temperature alarm threshold
 * @health: a snapshot
 *
 * Returns: degrees Celsius (NDT_HEALTH_FIELD_THRESH_CTRL_TEMP); 0 when not reported.
 */
double ndt_health_get_ctrl_temperature_threshold(const struct ndt_health *health);

/**
 * ndt_health_get_spares() - the spare capacity left
 * @health: a snapshot
 *
 * Returns: percent (NDT_HEALTH_FIELD_SPARES); 0 when not reported.
 */
unsigned int ndt_health_get_spares(const struct ndt_health *health);

/**
 * ndt_health_get_spares_threshold() - the spare capacity alarm threshold
 * @health: a snapshot
 *
 * Returns: percent (NDT_HEALTH_FIELD_THRESH_SPARES); 0 when not reported.
 */
unsigned int ndt_health_get_spares_threshold(const struct ndt_health *health);

/**
 * ndt_health_get_alarms() - the alarms that tripped
 * @health: a snapshot
 *
 * Returns: NDT_ALARM_BIT_* (NDT_HEALTH_FIELD_ALARMS); 0 when none or not reported.
 */
unsigned int ndt_health_get_alarms(const struct ndt_health *health);

/**
 * ndt_health_get_alarm_control() - the alarms that are enabled
 * @health: a snapshot
 *
 * Returns: NDT_ALARM_BIT_* (NDT_HEALTH_FIELD_THRESH_ALARM_CONTROL); 0 when none or not
 * reported.
 */
unsigned int ndt_health_get_alarm_control(const struct ndt_health *health);

/**
 * ndt_health_get_life_used() - how much of its rated life the DIMM has used
 * @health: a snapshot
 *
 * Returns: percent (NDT_HEALTH_FIELD_LIFE_USED); 0 when not reported.
 */
unsigned int ndt_health_get_life_used(const struct ndt_health *health);

/**
 * ndt_health_get_shutdown_state() - whether the last shutdown was clean
 * @health: a snapshot
 *
 * Returns: 0 clean, 1 dirty (data may have been lost) (NDT_HEALTH_FIELD_SHUTDOWN_STATE);
 * 0 when not reported.
 */
unsigned int ndt_health_get_shutdown_state(const struct ndt_health *health);

/**
 * ndt_health_get_shutdown_count() - the number of dirty (unsafe) shutdowns
 * @health: a snapshot
 *
 * Returns: the count (NDT_HEALTH_FIELD_SHUTDOWN_COUNT); 0 when not reported.
 */
unsigned int ndt_health_get_shutdown_count(const struct ndt_health *health);

/* SMART fields for injection (struct ndt_smart_inject .inject and .uninject) */
enum {
	NDT_SMART_INJECT_MEDIA_TEMP = 1 << 0,
	NDT_SMART_INJECT_CTRL_TEMP = 1 << 1,
	NDT_SMART_INJECT_SPARES = 1 << 2,
	NDT_SMART_INJECT_FATAL = 1 << 3,
	NDT_SMART_INJECT_UNSAFE_SHUTDOWN = 1 << 4,
};

/*
 * One SMART injection. struct_size is sizeof(struct ndt_smart_inject): this is the
 * struct's first version, a smaller size is refused; a larger one (a newer header) is
 * accepted when the fields unknown to the library are all zero.
 */
struct ndt_smart_inject {
	size_t struct_size;		/* sizeof(struct ndt_smart_inject) */
	unsigned int inject;		/* NDT_SMART_INJECT_* to inject with the values below */
	unsigned int uninject;		/* NDT_SMART_INJECT_* back to the DIMM's own value */
	double media_temperature;	/* degrees Celsius */
	double ctrl_temperature;	/* degrees Celsius */
	unsigned int spares;		/* percent */
};

/**
 * ndt_dimm_get_smart_inject_fields() - the SMART fields a DIMM can inject
 * @dimm: a DIMM
 *
 * Returns: the NDT_SMART_INJECT_* fields that the DIMM's family can inject and uninject
 * and that the DIMM offers the command for; 0 when it can inject none.
 */
unsigned int ndt_dimm_get_smart_inject_fields(struct ndt_dimm *dimm);

/**
 * ndt_dimm_inject_smart() - inject SMART values, or give fields back to the DIMM
 * @dimm: a DIMM
 * @inj: the fields to inject (with their values) and to uninject
 *
 * Issues one injection command. The DIMM's health (ndt_dimm_get_health()) then reports an
 * injected field with its injected value (fatal: the health state fatal; unsafe shutdown:
 * a dirty last shutdown, the count one higher), an uninjected one with its own value.
 * Temperatures are sent in the family's resolution (Intel: 1/16 degree, toward zero).
 * Everything is checked before the command is sent. A failure is recorded (see
 * ndt_ctx_get_failure()).
 * Returns: 0; -EINVAL (NDT_REASON_INVALID) for a bad struct_size, no field or an unknown
 * one, a field both injected and uninjected, spares over 100 or a temperature out of the
 * family's range; -E2BIG when @inj sets fields unknown to this library; -EOPNOTSUPP
 * (NDT_REASON_UNSUPPORTED) when the DIMM cannot inject one of the fields (nothing is sent);
 * -ENOMEM; the firmware's status or the ioctl's error as -errno (NDT_REASON_KERNEL).
 */
int ndt_dimm_inject_smart(struct ndt_dimm *dimm, const struct ndt_smart_inject *inj);

/* Fields of struct ndt_smart_thresholds .set */
enum {
	NDT_THRESHOLD_ALARM_CONTROL = 1 << 0,
	NDT_THRESHOLD_MEDIA_TEMP = 1 << 1,
	NDT_THRESHOLD_CTRL_TEMP = 1 << 2,
	NDT_THRESHOLD_SPARES = 1 << 3,
};

/*
 * New alarm thresholds. struct_size as for struct ndt_smart_inject.
 */
struct ndt_smart_thresholds {
	size_t struct_size;		/* sizeof(struct ndt_smart_thresholds) */
	unsigned int set;		/* NDT_THRESHOLD_* to change; the others keep their value */
	unsigned int alarm_control;	/* NDT_ALARM_BIT_* to enable (the complete new mask) */
	double media_temperature;	/* degrees Celsius */
	double ctrl_temperature;	/* degrees Celsius */
	unsigned int spares;		/* percent */
};

/**
 * ndt_dimm_set_smart_thresholds() - change the DIMM's alarm thresholds
 * @dimm: a DIMM
 * @t: the thresholds to change and their new values
 *
 * Reads the thresholds, changes those in @t->set and writes them all back with the
 * family's set-threshold command. Everything is checked before the command is sent. A
 * failure is recorded (see ndt_ctx_get_failure()).
 * Returns: 0; -EINVAL (NDT_REASON_INVALID) for a bad struct_size, nothing or an unknown
 * field to set, an unknown alarm bit, spares over 100 or a temperature out of the family's
 * range; -E2BIG when @t sets fields unknown to this library; -EOPNOTSUPP
 * (NDT_REASON_UNSUPPORTED) when the DIMM's family or the DIMM has no command to read or
 * set the thresholds; -ENOMEM; the firmware's status or the ioctl's error as -errno
 * (NDT_REASON_KERNEL).
 */
int ndt_dimm_set_smart_thresholds(struct ndt_dimm *dimm, const struct ndt_smart_thresholds *t);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_HEALTH_H */
