/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: SMART health of a DIMM. ndt_dimm_get_health() issues the DIMM family's SMART
 * command (and the threshold command where there is one) and returns a snapshot that the
 * getters below read; a field the DIMM did not report reads as 0 (see ndt_health_has()).
 * Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_HEALTH_H
#define NDTOOL_HEALTH_H

#include <stdbool.h>

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

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_HEALTH_H */
