/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: an object model over the kernel's libnvdimm (sysfs under /sys/bus/nd
 * and the ioctls of <linux/ndctl.h>).
 *
 * Conventions:
 * - Every object is owned by its struct ndt_ctx; only the ctx is reference counted.
 *   Object pointers stay valid until ndt_ctx_refresh() or the last ndt_ctx_unref().
 * - Children are enumerated lazily, on the first call that needs them.
 * - Functions that can fail return a negative errno; getters of optional text return
 *   NULL when the kernel does not provide the attribute.
 * - The library never prints to stdout; diagnostics go through the log callback.
 */
#ifndef NDTOOL_LIBNDTOOL_H
#define NDTOOL_LIBNDTOOL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_ctx;
struct ndt_bus;
struct ndt_dimm;

/**
 * ndt_ctx_new() - create a library context
 * @ctx: receives the new context (reference count 1)
 *
 * The log priority starts at LOG_ERR, or at the value of the NDTOOL_LOG
 * environment variable: a syslog number (0-7) or one of "err", "warning",
 * "notice", "info", "debug".
 *
 * Returns 0, or -ENOMEM.
 */
int ndt_ctx_new(struct ndt_ctx **ctx);

/**
 * ndt_ctx_ref() - take a reference on @ctx
 *
 * Returns @ctx (NULL when @ctx is NULL).
 */
struct ndt_ctx *ndt_ctx_ref(struct ndt_ctx *ctx);

/**
 * ndt_ctx_unref() - drop a reference; the last one frees the context and every
 * object enumerated through it.
 *
 * Returns NULL when the context was freed, else @ctx.
 */
struct ndt_ctx *ndt_ctx_unref(struct ndt_ctx *ctx);

/**
 * ndt_ctx_refresh() - forget every enumerated object so that the next
 * iteration rescans sysfs. Pointers to buses (and their children) obtained
 * before this call become invalid.
 */
void ndt_ctx_refresh(struct ndt_ctx *ctx);

/**
 * ndt_log_fn - log sink
 * @ctx: the context logging
 * @priority: syslog priority (LOG_ERR ... LOG_DEBUG)
 * @file, @line, @fn: where in libndtool the message comes from
 * @format, @args: the message, without a trailing newline
 */
typedef void (*ndt_log_fn)(struct ndt_ctx *ctx, int priority, const char *file, int line,
			   const char *fn, const char *format, va_list args);

/**
 * ndt_set_log_fn() - replace the log sink (the default writes
 * "libndtool: <function>: <message>" to stderr). NULL restores the default.
 */
void ndt_set_log_fn(struct ndt_ctx *ctx, ndt_log_fn fn);

/** ndt_get_log_priority() - the highest syslog priority that is logged */
int ndt_get_log_priority(struct ndt_ctx *ctx);

/** ndt_set_log_priority() - log messages up to @priority (LOG_ERR ... LOG_DEBUG) */
void ndt_set_log_priority(struct ndt_ctx *ctx, int priority);

/** ndt_set_userdata() - attach caller data to @ctx */
void ndt_set_userdata(struct ndt_ctx *ctx, void *userdata);

/** ndt_get_userdata() - the pointer given to ndt_set_userdata(), or NULL */
void *ndt_get_userdata(struct ndt_ctx *ctx);

/**
 * ndt_log_priority_from_string() - parse a log level
 * @s: a number 0-7 or "err", "warning", "notice", "info", "debug"
 *
 * Returns the syslog priority, or -EINVAL.
 */
int ndt_log_priority_from_string(const char *s);

/*
 * Failures. Every operation that changes state (enable, disable, create, set up, destroy,
 * label writes) or checks whether it may (ndt_namespace_check_idle(),
 * ndt_namespace_check_reconfigure()) returns a negative errno when it fails and records
 * in its context why: a reason code, the object the reason is about and a sentence that
 * states the condition ("region1 is disabled"). The sentence never names a command or an
 * option: callers add their own advice, by reason. Each such operation clears the record
 * when it starts, so after a success the reason is NDT_REASON_NONE.
 */
enum ndt_reason {
	NDT_REASON_NONE,	/* nothing recorded: the last operation succeeded */
	NDT_REASON_KERNEL,	/* the kernel refused a step (or I/O failed); the sentence
				 * names the step and the error */
	NDT_REASON_INVALID,	/* a parameter is not acceptable; the sentence says which */
	NDT_REASON_MISALIGNED,	/* the size is not a multiple of the region's alignment
				 * (the region in @object) */
	NDT_REASON_TOO_SMALL,	/* too small for the metadata its mode needs */
	NDT_REASON_NO_SPACE,	/* the region has less free capacity than asked for */
	NDT_REASON_FRAGMENTED,	/* enough free capacity, but no free extent large enough */
	NDT_REASON_DISABLED,	/* @object, a region, is disabled */
	NDT_REASON_LABEL_LESS,	/* @object, a region, has no labels: one namespace spans it */
	NDT_REASON_READ_ONLY,	/* @object is read-only */
	NDT_REASON_UNSUPPORTED,	/* the operation does not apply to this object or system */
	NDT_REASON_SEED,	/* an idle seed (size 0): nothing to enable or set up */
	NDT_REASON_ACTIVE,	/* @object is active: forcing would proceed, losing its data */
	NDT_REASON_REGION_ACTIVE,	/* @object, an enabled region, uses the DIMM */
	NDT_REASON_MOUNTED,	/* a block device of it is mounted on @object */
	NDT_REASON_HOLDER,	/* @object (device mapper, md) is stacked on its block device */
	NDT_REASON_OPEN,	/* another program holds its block device open exclusively */
	NDT_REASON_SYSTEM_RAM,	/* @object, a device-dax device on it, is online as memory */
};

/**
 * ndt_ctx_get_failure() - why the last failed operation on @ctx failed
 * @ctx: library context
 * @reason: receives the NDT_REASON_* code (may be NULL)
 * @object: receives the name of the object the reason is about ("region1", "dax1.0",
 *          "/mnt/pmem", "dm-0"), "" when there is none (may be NULL)
 *
 * Returns: the sentence describing the condition, "" when nothing was recorded. It stays
 * valid until the next state-changing operation on @ctx.
 */
const char *ndt_ctx_get_failure(struct ndt_ctx *ctx, enum ndt_reason *reason,
				const char **object);

/*
 * Buses: one per /sys/bus/nd/devices/ndbusN, in increasing N.
 */

/**
 * ndt_bus_get_first() - the first bus (enumerating them on first use)
 *
 * Returns NULL when the system has no NVDIMM bus (libnvdimm not loaded, or no
 * provider registered) or when enumeration failed (logged).
 */
struct ndt_bus *ndt_bus_get_first(struct ndt_ctx *ctx);

/** ndt_bus_get_next() - the bus after @bus, or NULL */
struct ndt_bus *ndt_bus_get_next(struct ndt_bus *bus);

#define ndt_bus_foreach(ctx, bus) \
	for (bus = ndt_bus_get_first(ctx); bus; bus = ndt_bus_get_next(bus))

/** ndt_bus_get_ctx() - the context that owns @bus */
struct ndt_ctx *ndt_bus_get_ctx(struct ndt_bus *bus);

/** ndt_bus_get_id() - N of ndbusN */
unsigned int ndt_bus_get_id(struct ndt_bus *bus);

/** ndt_bus_get_devname() - "ndbusN" */
const char *ndt_bus_get_devname(struct ndt_bus *bus);

/**
 * ndt_bus_get_provider() - the bus provider ("ACPI.NFIT", "nfit_test.0", "e820", ...)
 *
 * Returns "" when the kernel did not report one.
 */
const char *ndt_bus_get_provider(struct ndt_bus *bus);

/** ndt_bus_get_sysfs_path() - the bus device's sysfs directory */
const char *ndt_bus_get_sysfs_path(struct ndt_bus *bus);

/**
 * ndt_bus_get_scrub_state() - state of the bus's address range scrub (ARS)
 *
 * Reads the bus's nfit/scrub attribute (re-read on every call).
 * Returns 1 when a scrub is running, 0 when idle, -ENOENT when the bus has no
 * scrub support (not an ACPI NFIT bus), another negative errno on failure.
 */
int ndt_bus_get_scrub_state(struct ndt_bus *bus);

/**
 * ndt_bus_get_scrub_count() - number of completed address range scrubs
 *
 * Returns the count (>= 0) or a negative errno as ndt_bus_get_scrub_state().
 */
long long ndt_bus_get_scrub_count(struct ndt_bus *bus);

/**
 * ndt_bus_get_fw_activate() - how staged DIMM firmware is activated on this bus
 * @method: "live", "suspend" (the system is quiesced) or "reset"
 * @state: "idle", "armed", "overflow" (the kernel's bus firmware/activate state)
 * Returns 0, or -ENOENT when the bus does not support firmware activation.
 */
int ndt_bus_get_fw_activate(struct ndt_bus *bus, char *method, size_t mlen, char *state,
			    size_t slen);

/**
 * ndt_bus_translate_spa() - which DIMMs hold a system physical address
 * @dimms, @max: receives up to @max DIMMs
 *
 * Uses the bus's "Translate SPA" firmware function (ACPI NFIT buses).
 * Returns the number of DIMMs, -EOPNOTSUPP when the bus lacks the function, -ENXIO when
 * the address is not on an NVDIMM, or another -errno.
 */
int ndt_bus_translate_spa(struct ndt_bus *bus, uint64_t spa, struct ndt_dimm **dimms, int max);

/**
 * ndt_bus_find() - look a bus up by name
 * @ident: "ndbusN", "N", or a provider name such as "nfit_test.0"
 *
 * Returns the first matching bus or NULL.
 */
struct ndt_bus *ndt_bus_find(struct ndt_ctx *ctx, const char *ident);

/**
 * ndt_bus_matches() - whether @bus is named by @ident, as for ndt_bus_find()
 * ("all" matches every bus)
 */
bool ndt_bus_matches(struct ndt_bus *bus, const char *ident);


/*
 * Objects below a bus are enumerated in ascending id order. Numeric attributes that the
 * kernel may not provide are returned through an out parameter with a 0 / -errno result.
 */
struct ndt_dimm;
struct ndt_region;
struct ndt_mapping;
struct ndt_namespace;
struct ndt_claim;
struct ndt_dax_region;
struct ndt_dax_dev;

/*
 * DIMMs: /sys/bus/nd/devices/nmemN below a bus.
 */
struct ndt_dimm *ndt_dimm_get_first(struct ndt_bus *bus);
struct ndt_dimm *ndt_dimm_get_next(struct ndt_dimm *dimm);
#define ndt_dimm_foreach(bus, dimm) \
	for (dimm = ndt_dimm_get_first(bus); dimm; dimm = ndt_dimm_get_next(dimm))

struct ndt_bus *ndt_dimm_get_bus(struct ndt_dimm *dimm);
/** ndt_dimm_get_id() - N of nmemN */
unsigned int ndt_dimm_get_id(struct ndt_dimm *dimm);
/** ndt_dimm_get_devname() - "nmemN" */
const char *ndt_dimm_get_devname(struct ndt_dimm *dimm);
const char *ndt_dimm_get_sysfs_path(struct ndt_dimm *dimm);
/** ndt_dimm_is_enabled() - whether the nvdimm driver is bound */
bool ndt_dimm_is_enabled(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_unique_id() - the firmware's unique id ("8089-a2-1751-000004c9")
 * @buf, @len: receives the id
 *
 * Returns 0, or -ENOENT when the firmware interface provides none.
 */
int ndt_dimm_get_unique_id(struct ndt_dimm *dimm, char *buf, size_t len);

/** ndt_dimm_get_handle() - NFIT device handle; 0 or -errno (-ENOENT: none) */
int ndt_dimm_get_handle(struct ndt_dimm *dimm, uint64_t *handle);

/** ndt_dimm_get_phys_id() - SMBIOS physical id; 0 or -errno (-ENOENT: none) */
int ndt_dimm_get_phys_id(struct ndt_dimm *dimm, uint64_t *phys_id);

/* ndt_dimm_get_flags() bits: health and state flags reported by the firmware */
enum {
	NDT_DIMM_FLAG_SAVE_FAIL = 1 << 0,	/* last save to media failed */
	NDT_DIMM_FLAG_RESTORE_FAIL = 1 << 1,	/* last restore from media failed */
	NDT_DIMM_FLAG_FLUSH_FAIL = 1 << 2,	/* platform flush failed */
	NDT_DIMM_FLAG_NOT_ARMED = 1 << 3,	/* cannot save data on power loss */
	NDT_DIMM_FLAG_SMART_EVENT = 1 << 4,	/* a SMART event was observed */
	NDT_DIMM_FLAG_MAP_FAIL = 1 << 5,	/* memory mapping failed */
	NDT_DIMM_FLAG_SMART_NOTIFY = 1 << 6,	/* the firmware sends health notifications */
};

/** ndt_dimm_get_flags() - NDT_DIMM_FLAG_* bits (0 when the DIMM reports none) */
unsigned int ndt_dimm_get_flags(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_security() - security state: "disabled", "unlocked", "locked",
 * "overwrite"
 *
 * Returns 0, or -EOPNOTSUPP when the DIMM has no security support.
 */
int ndt_dimm_get_security(struct ndt_dimm *dimm, char *buf, size_t len);

/** ndt_dimm_is_security_frozen() - whether security changes are frozen until reboot */
bool ndt_dimm_is_security_frozen(struct ndt_dimm *dimm);

/** ndt_dimm_get_family() - NVDIMM_FAMILY_* of <linux/ndctl.h>, or -1 when unknown */
int ndt_dimm_get_family(struct ndt_dimm *dimm);

/** ndt_dimm_is_cmd_supported() - whether the kernel accepts ND_CMD_@cmd on this DIMM */
bool ndt_dimm_is_cmd_supported(struct ndt_dimm *dimm, int cmd);

/** ndt_dimm_get_dsm_mask() - family function mask (bit N: function N); 0 when unknown */
uint64_t ndt_dimm_get_dsm_mask(struct ndt_dimm *dimm);

/** ndt_dimm_fw_update_supported() - whether the DIMM implements firmware update */
bool ndt_dimm_fw_update_supported(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_fw_version() - running firmware version and the staged one (0: none)
 * Returns 0, -EOPNOTSUPP when the DIMM's family has no firmware info command, or -errno.
 */
int ndt_dimm_get_fw_version(struct ndt_dimm *dimm, uint64_t *current, uint64_t *next);

/*
 * SMART health. ndt_dimm_get_health() issues the family's SMART command (and the
 * threshold command where there is one) and returns a snapshot.
 */
struct ndt_health;

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
 * @health: receives a snapshot to release with ndt_health_free()
 *
 * Returns 0; -EOPNOTSUPP when the DIMM's family or the kernel offers no SMART
 * command; another -errno when the command failed (ioctl or firmware status).
 */
int ndt_dimm_get_health(struct ndt_dimm *dimm, struct ndt_health **health);
void ndt_health_free(struct ndt_health *health);
/** ndt_health_has() - whether the DIMM reported @field */
bool ndt_health_has(const struct ndt_health *health, enum ndt_health_field field);
enum ndt_health_state ndt_health_get_state(const struct ndt_health *health);
/** temperatures in degrees Celsius: media, controller, and their alarm thresholds */
double ndt_health_get_media_temperature(const struct ndt_health *health);
double ndt_health_get_ctrl_temperature(const struct ndt_health *health);
double ndt_health_get_media_temperature_threshold(const struct ndt_health *health);
double ndt_health_get_ctrl_temperature_threshold(const struct ndt_health *health);
unsigned int ndt_health_get_spares(const struct ndt_health *health);
unsigned int ndt_health_get_spares_threshold(const struct ndt_health *health);
/** NDT_ALARM_BIT_* that tripped */
unsigned int ndt_health_get_alarms(const struct ndt_health *health);
/** NDT_ALARM_BIT_* that are enabled */
unsigned int ndt_health_get_alarm_control(const struct ndt_health *health);
unsigned int ndt_health_get_life_used(const struct ndt_health *health);
/** 0 clean, 1 dirty last shutdown */
unsigned int ndt_health_get_shutdown_state(const struct ndt_health *health);
unsigned int ndt_health_get_shutdown_count(const struct ndt_health *health);

/*
 * Regions: /sys/bus/nd/devices/regionN below a bus.
 */
struct ndt_region *ndt_region_get_first(struct ndt_bus *bus);
struct ndt_region *ndt_region_get_next(struct ndt_region *region);
#define ndt_region_foreach(bus, region) \
	for (region = ndt_region_get_first(bus); region; region = ndt_region_get_next(region))

struct ndt_bus *ndt_region_get_bus(struct ndt_region *region);
unsigned int ndt_region_get_id(struct ndt_region *region);
const char *ndt_region_get_devname(struct ndt_region *region);
const char *ndt_region_get_sysfs_path(struct ndt_region *region);
bool ndt_region_is_enabled(struct ndt_region *region);

enum ndt_region_type {
	NDT_REGION_UNKNOWN,
	NDT_REGION_PMEM,
	NDT_REGION_BLK,
};
enum ndt_region_type ndt_region_get_type(struct ndt_region *region);

/*
 * Sizes in bytes; 0 or -errno. The available capacity of a label-less region is 0:
 * it holds one namespace spanning the region until labels are initialized.
 */
int ndt_region_get_size(struct ndt_region *region, uint64_t *size);
int ndt_region_get_align(struct ndt_region *region, uint64_t *align);
int ndt_region_get_available_size(struct ndt_region *region, uint64_t *size);
int ndt_region_get_max_available_extent(struct ndt_region *region, uint64_t *size);
/**
 * ndt_region_get_iset_id() - interleave set cookie (validates labels)
 * Returns 0, or -ENXIO when the region has none or is label-less.
 */
int ndt_region_get_iset_id(struct ndt_region *region, uint64_t *iset_id);
/** NUMA node of the region's memory / of the node it would online to; 0 or -errno */
int ndt_region_get_numa_node(struct ndt_region *region, int *node);
int ndt_region_get_target_node(struct ndt_region *region, int *node);
bool ndt_region_is_read_only(struct ndt_region *region);

enum ndt_persistence_domain {
	NDT_PERSISTENCE_UNKNOWN,	/* the attribute is missing or empty */
	NDT_PERSISTENCE_NONE,		/* "none" */
	NDT_PERSISTENCE_MEMCTRL,	/* "memory_controller": flush CPU caches */
	NDT_PERSISTENCE_CPU_CACHE,	/* "cpu_cache": stores are persistent when visible */
};
enum ndt_persistence_domain ndt_region_get_persistence_domain(struct ndt_region *region);
/**
 * ndt_region_get_deep_flush() - whether writing the region's deep_flush attribute
 * flushes the memory controllers' write queues to media: 1 (the DIMMs have flush
 * hints), 0 (nothing to flush), or -ENOENT when the kernel does not offer it
 */
int ndt_region_get_deep_flush(struct ndt_region *region);

/**
 * ndt_region_get_badblocks() - the region's known media errors
 * @ranges: receives a malloc'ed array of {offset, length} pairs in 512-byte sectors,
 *          relative to the region start (free() it)
 *
 * Returns the number of ranges (>= 0) or -errno.
 */
struct ndt_badblock {
	uint64_t offset;
	uint64_t length;
};
int ndt_region_get_badblocks(struct ndt_region *region, struct ndt_badblock **ranges);

/** ndt_region_get_resource() - the region's starting system physical address */
int ndt_region_get_resource(struct ndt_region *region, uint64_t *start);

/**
 * ndt_region_get_supported() - what the region's seeds accept
 * @which: "sector" (BTT sector sizes), "fsdax" (pfn alignments) or "devdax"
 * @vals, @max: receives up to @max values
 *
 * Returns the number of values, or -errno (-ENOENT: no such seed).
 */
int ndt_region_get_supported(struct ndt_region *region, const char *which, uint64_t *vals,
			     int max);

/* Mappings: which DIMM ranges make up a region (mappingN attributes). */
struct ndt_mapping *ndt_mapping_get_first(struct ndt_region *region);
struct ndt_mapping *ndt_mapping_get_next(struct ndt_mapping *mapping);
#define ndt_mapping_foreach(region, mapping) \
	for (mapping = ndt_mapping_get_first(region); mapping; \
	     mapping = ndt_mapping_get_next(mapping))
/** the DIMM of the mapping (NULL if it is not on the region's bus) */
struct ndt_dimm *ndt_mapping_get_dimm(struct ndt_mapping *mapping);
uint64_t ndt_mapping_get_offset(struct ndt_mapping *mapping);
uint64_t ndt_mapping_get_length(struct ndt_mapping *mapping);
/** position in the interleave set, -1 when unknown */
int ndt_mapping_get_position(struct ndt_mapping *mapping);

/*
 * Namespaces: namespaceR.N below region R, including idle seeds (size 0).
 */
struct ndt_namespace *ndt_namespace_get_first(struct ndt_region *region);
struct ndt_namespace *ndt_namespace_get_next(struct ndt_namespace *ns);
#define ndt_namespace_foreach(region, ns) \
	for (ns = ndt_namespace_get_first(region); ns; ns = ndt_namespace_get_next(ns))

struct ndt_region *ndt_namespace_get_region(struct ndt_namespace *ns);
/**
 * ndt_namespace_from_devnum() - the namespace whose block device (raw, sector or fsdax,
 * partitions included) or device-dax character device is @devt; NULL when none is
 * (a device-mapper device, say, or a disk that is not persistent memory)
 */
struct ndt_namespace *ndt_namespace_from_devnum(struct ndt_ctx *ctx, dev_t devt, bool chardev);
/**
 * ndt_devnum_get_dax_info() - size and mapping alignment of the device-dax character
 * device @devt (on a namespace or not); -ENODEV when @devt is not device-dax
 */
int ndt_devnum_get_dax_info(struct ndt_ctx *ctx, dev_t devt, uint64_t *size, uint64_t *align);
/** ndt_namespace_get_id() - N of namespaceR.N */
unsigned int ndt_namespace_get_id(struct ndt_namespace *ns);
const char *ndt_namespace_get_devname(struct ndt_namespace *ns);
const char *ndt_namespace_get_sysfs_path(struct ndt_namespace *ns);
/** ndt_namespace_is_enabled() - whether the namespace device itself has a driver */
bool ndt_namespace_is_enabled(struct ndt_namespace *ns);
/**
 * ndt_namespace_is_active() - whether the namespace is in use: enabled itself (raw) or
 * through its enabled btt, pfn or dax claim
 */
bool ndt_namespace_is_active(struct ndt_namespace *ns);

enum ndt_namespace_type {
	NDT_NS_TYPE_UNKNOWN,
	NDT_NS_TYPE_IO,		/* label-less, spans its whole region */
	NDT_NS_TYPE_PMEM,
	NDT_NS_TYPE_BLK,
};
enum ndt_namespace_type ndt_namespace_get_type(struct ndt_namespace *ns);

enum ndt_namespace_mode {
	NDT_NS_MODE_RAW,
	NDT_NS_MODE_SECTOR,	/* claimed by a btt */
	NDT_NS_MODE_FSDAX,	/* claimed by a pfn */
	NDT_NS_MODE_DEVDAX,	/* claimed by a dax */
	NDT_NS_MODE_UNKNOWN,
};
/** ndt_namespace_get_mode() - the mode given by the claiming device, if any */
enum ndt_namespace_mode ndt_namespace_get_mode(struct ndt_namespace *ns);

/** ndt_namespace_get_claim() - the btt, pfn or dax claiming @ns, or NULL (raw) */
struct ndt_claim *ndt_namespace_get_claim(struct ndt_namespace *ns);

int ndt_namespace_get_size(struct ndt_namespace *ns, uint64_t *size);
/** ndt_namespace_get_uuid() - label uuid; -ENOENT for label-less (io) namespaces */
int ndt_namespace_get_uuid(struct ndt_namespace *ns, unsigned char uuid[16]);
/** ndt_namespace_get_alt_name() - the label's name ("" when none); 0 or -errno */
int ndt_namespace_get_alt_name(struct ndt_namespace *ns, char *buf, size_t len);
/** ndt_namespace_get_sector_size() - logical block size; -ENOENT when not reported */
int ndt_namespace_get_sector_size(struct ndt_namespace *ns, unsigned int *size);
int ndt_namespace_get_resource(struct ndt_namespace *ns, uint64_t *start);
int ndt_namespace_get_numa_node(struct ndt_namespace *ns, int *node);
int ndt_namespace_get_target_node(struct ndt_namespace *ns, int *node);
/**
 * ndt_namespace_get_block_device() - "pmemN" of an enabled raw namespace
 * Returns 0 or -ENODEV.
 */
int ndt_namespace_get_block_device(struct ndt_namespace *ns, char *buf, size_t len);
/**
 * ndt_namespace_get_badblocks() - media errors in the namespace's data
 * @base: receives the system physical address that offsets are relative to (the
 *        start of the block device's data, or of the namespace when it has none)
 * Returns the number of ranges or -errno, as ndt_region_get_badblocks(). A namespace of
 * size 0 (an idle seed) has none.
 */
int ndt_namespace_get_badblocks(struct ndt_namespace *ns, struct ndt_badblock **ranges,
				uint64_t *base);

/*
 * Claims: the btt (sector mode), pfn (fsdax) and dax (devdax) devices of a region,
 * including unclaimed seeds.
 */
enum ndt_claim_type {
	NDT_CLAIM_BTT,
	NDT_CLAIM_PFN,
	NDT_CLAIM_DAX,
};

struct ndt_claim *ndt_claim_get_first(struct ndt_region *region, enum ndt_claim_type type);
struct ndt_claim *ndt_claim_get_next(struct ndt_claim *claim);
#define ndt_claim_foreach(region, type, claim) \
	for (claim = ndt_claim_get_first(region, type); claim; \
	     claim = ndt_claim_get_next(claim))

enum ndt_claim_type ndt_claim_get_type(struct ndt_claim *claim);
const char *ndt_claim_get_devname(struct ndt_claim *claim);
const char *ndt_claim_get_sysfs_path(struct ndt_claim *claim);
bool ndt_claim_is_enabled(struct ndt_claim *claim);
/** ndt_claim_get_namespace() - the claimed namespace, or NULL for a seed */
struct ndt_namespace *ndt_claim_get_namespace(struct ndt_claim *claim);
int ndt_claim_get_uuid(struct ndt_claim *claim, unsigned char uuid[16]);
/** usable size after the info block / BTT metadata */
int ndt_claim_get_size(struct ndt_claim *claim, uint64_t *size);
/** btt: sector size; 0 or -errno (-EINVAL for pfn and dax) */
int ndt_claim_get_sector_size(struct ndt_claim *claim, unsigned int *size);
/** pfn and dax: mapping alignment */
int ndt_claim_get_align(struct ndt_claim *claim, uint64_t *align);
/** pfn and dax: system physical address where the data starts (after the info block) */
int ndt_claim_get_resource(struct ndt_claim *claim, uint64_t *start);

enum ndt_pfn_map {
	NDT_MAP_NONE,
	NDT_MAP_MEM,	/* struct pages in system RAM ("ram") */
	NDT_MAP_DEV,	/* struct pages on the device ("pmem") */
};
/** pfn and dax: where the page map lives */
enum ndt_pfn_map ndt_claim_get_map(struct ndt_claim *claim);
/** block device ("pmem0", "pmem0.1s") of an enabled btt or pfn; 0 or -ENODEV */
int ndt_claim_get_block_device(struct ndt_claim *claim, char *buf, size_t len);
/** the device-dax region of an enabled dax claim, or NULL */
struct ndt_dax_region *ndt_claim_get_dax_region(struct ndt_claim *claim);

/*
 * Device-dax regions and devices (/sys/bus/dax).
 */
unsigned int ndt_dax_region_get_id(struct ndt_dax_region *region);
/** the region provider's sysfs directory */
const char *ndt_dax_region_get_path(struct ndt_dax_region *region);
int ndt_dax_region_get_size(struct ndt_dax_region *region, uint64_t *size);
int ndt_dax_region_get_align(struct ndt_dax_region *region, uint64_t *align);
/** -ENOENT for static regions (pmem backed) that have no allocator */
int ndt_dax_region_get_available_size(struct ndt_dax_region *region, uint64_t *size);

struct ndt_dax_dev *ndt_dax_dev_get_first(struct ndt_dax_region *region);
struct ndt_dax_dev *ndt_dax_dev_get_next(struct ndt_dax_dev *dev);
#define ndt_dax_dev_foreach(region, dev) \
	for (dev = ndt_dax_dev_get_first(region); dev; dev = ndt_dax_dev_get_next(dev))
/** "daxR.N" */
const char *ndt_dax_dev_get_devname(struct ndt_dax_dev *dev);
const char *ndt_dax_dev_get_sysfs_path(struct ndt_dax_dev *dev);
bool ndt_dax_dev_is_enabled(struct ndt_dax_dev *dev);
int ndt_dax_dev_get_size(struct ndt_dax_dev *dev, uint64_t *size);
int ndt_dax_dev_get_align(struct ndt_dax_dev *dev, uint64_t *align);
int ndt_dax_dev_get_target_node(struct ndt_dax_dev *dev, int *node);

enum ndt_dax_mode {
	NDT_DAX_MODE_DEVDAX,		/* bound to device_dax: a character device */
	NDT_DAX_MODE_SYSTEM_RAM,	/* bound to kmem: hot-plugged memory */
	NDT_DAX_MODE_UNKNOWN,		/* no driver bound */
};
enum ndt_dax_mode ndt_dax_dev_get_mode(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_get_mapping() - the @idx-th physical range of the device
 * Returns 0, -ENOENT after the last one, or another -errno.
 */
int ndt_dax_dev_get_mapping(struct ndt_dax_dev *dev, unsigned int idx, uint64_t *page_offset,
			    uint64_t *start, uint64_t *end);

/**
 * ndt_dax_dev_get_memblocks() - memory blocks of a system-ram device
 * @online, @total: blocks online and in all; @movable: whether they are in ZONE_MOVABLE
 * Returns 0 or -errno (-ENXIO when the device is not in system-ram mode).
 */
int ndt_dax_dev_get_memblocks(struct ndt_dax_dev *dev, unsigned int *online,
			      unsigned int *total, bool *movable);

/*
 * Changing state. These operations record why they fail (ndt_ctx_get_failure()). An
 * operation on a region rescans its children: namespace and claim pointers obtained from
 * that region before become invalid (look them up again by name).
 */

/**
 * ndt_region_refresh() - forget the region's namespaces and claims
 * @region: a region
 *
 * The next iteration rescans sysfs; pointers to the region's namespaces and claims
 * obtained before become invalid.
 */
void ndt_region_refresh(struct ndt_region *region);

/**
 * ndt_region_get_namespace_seed() - the idle namespace the kernel offers for a create
 * @region: a region
 *
 * Returns: the seed (a namespace of size 0), or NULL when the region has none.
 */
struct ndt_namespace *ndt_region_get_namespace_seed(struct ndt_region *region);

/**
 * ndt_region_get_claim_seed() - the idle btt, pfn or dax device for the next claim
 * @region: a region
 * @type: which kind of claim
 *
 * Returns: the seed, or NULL when the region has none of that type.
 */
struct ndt_claim *ndt_region_get_claim_seed(struct ndt_region *region, enum ndt_claim_type type);

/**
 * ndt_region_enable() - bind the region to its driver, loading the driver's module
 * @region: a region
 *
 * The kernel then reads the region's labels and enables its configured namespaces.
 * Returns: 0; -errno when the kernel refused (failure recorded, NDT_REASON_KERNEL).
 */
int ndt_region_enable(struct ndt_region *region);

/**
 * ndt_region_disable() - disable every namespace of the region, then the region
 * @region: a region
 *
 * Nothing is changed when a namespace is in use (mounted, stacked on, held open
 * exclusively, online as system RAM).
 * Returns: 0; -EBUSY when a namespace is in use (the reason of
 * ndt_namespace_check_idle()); another -errno when the kernel refused a step
 * (NDT_REASON_KERNEL).
 */
int ndt_region_disable(struct ndt_region *region);

/**
 * ndt_dimm_is_active() - whether an enabled region uses the DIMM (its labels are live)
 * @dimm: a DIMM
 *
 * Returns: true when an enabled region maps onto @dimm.
 */
bool ndt_dimm_is_active(struct ndt_dimm *dimm);

/**
 * ndt_dimm_enable() - bind the DIMM to its driver
 * @dimm: a DIMM
 *
 * Returns: 0; -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_dimm_enable(struct ndt_dimm *dimm);

/**
 * ndt_dimm_disable() - unbind the DIMM from its driver
 * @dimm: a DIMM
 *
 * Returns: 0; -EBUSY while an enabled region uses it (NDT_REASON_REGION_ACTIVE, the region
 * in the failure's object); another -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_dimm_disable(struct ndt_dimm *dimm);

/*
 * Label storage area I/O (ND_CMD_GET_CONFIG_SIZE / GET_CONFIG_DATA / SET_CONFIG_DATA).
 * The bytes are the label area format of the UEFI specification.
 */

/**
 * ndt_dimm_get_label_size() - the size of the DIMM's label area
 * @dimm: a DIMM
 * @size: receives the size in bytes
 * @max_xfer: receives the kernel's largest transfer (may be NULL)
 *
 * Returns: 0; -EOPNOTSUPP when the DIMM has no label commands; -ENXIO when it reports an
 * empty area; -EIO when the firmware failed the command; another -errno from the ioctl.
 */
int ndt_dimm_get_label_size(struct ndt_dimm *dimm, uint32_t *size, uint32_t *max_xfer);

/**
 * ndt_dimm_read_labels() - read part of the DIMM's label area
 * @dimm: a DIMM
 * @buf: receives @len bytes
 * @offset: where to start in the area
 * @len: how many bytes
 *
 * Returns: 0; -EOPNOTSUPP when the DIMM has no label area (NDT_REASON_UNSUPPORTED);
 * -ERANGE when the range reaches past the area (NDT_REASON_INVALID); -EIO or another
 * -errno when a transfer failed (NDT_REASON_KERNEL). The failure is recorded.
 */
int ndt_dimm_read_labels(struct ndt_dimm *dimm, void *buf, uint64_t offset, size_t len);

/**
 * ndt_dimm_write_labels() - write part of the DIMM's label area
 * @dimm: a DIMM
 * @buf: the @len bytes to write
 * @offset: where to start in the area
 * @len: how many bytes
 *
 * Returns: 0; -EBUSY (nothing written) while an enabled region uses the DIMM
 * (NDT_REASON_REGION_ACTIVE, the region in the failure's object); the errors of
 * ndt_dimm_read_labels() otherwise. The failure is recorded.
 */
int ndt_dimm_write_labels(struct ndt_dimm *dimm, const void *buf, uint64_t offset, size_t len);

/**
 * ndt_dimm_reload_labels() - make the kernel read the DIMM's labels again
 * @dimm: a DIMM
 *
 * Disables and enables an enabled DIMM; a disabled one is left alone.
 * Returns: 0; -errno when the kernel refused a step (NDT_REASON_KERNEL).
 */
int ndt_dimm_reload_labels(struct ndt_dimm *dimm);

/**
 * ndt_namespace_check_idle() - whether something uses the namespace
 * @ns: a namespace
 *
 * Looks for a mount of its block device or of a partition of it (matched by device
 * number through sysfs), a device stacked on it (device mapper, md), an exclusive opener,
 * and a device-dax device of it online as system RAM.
 * Returns: 0 when nothing does; -EBUSY with the failure recorded (NDT_REASON_MOUNTED with
 * the mount point, NDT_REASON_HOLDER with the holder, NDT_REASON_OPEN, or
 * NDT_REASON_SYSTEM_RAM with the dax device) otherwise.
 */
int ndt_namespace_check_idle(struct ndt_namespace *ns);

/**
 * ndt_namespace_enable() - enable the namespace, or its configured claim
 * @ns: a namespace
 *
 * When the kernel finds a btt, pfn or dax info block on a raw namespace it hands the
 * namespace to a new claim device: the region is rescanned then, and @ns is invalid.
 * Returns: 0 when enabled (or already active); 1 when it is active through a new claim;
 * -ENXIO for a seed of size 0 (NDT_REASON_SEED) or when the kernel found metadata but could
 * not enable the claim (NDT_REASON_KERNEL, the claim in the failure's object); another
 * -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_namespace_enable(struct ndt_namespace *ns);

/**
 * ndt_namespace_disable() - unbind the namespace and release its claim
 * @ns: a namespace
 * @check: refuse when the namespace is in use, as ndt_namespace_check_idle() says
 *
 * Returns: 0; -EBUSY when @check finds it in use; another -errno when the kernel refused
 * a step (NDT_REASON_KERNEL).
 */
int ndt_namespace_disable(struct ndt_namespace *ns, bool check);

/**
 * ndt_namespace_destroy() - free the namespace's capacity and delete its labels
 * @ns: a namespace
 * @force: also destroy an active namespace (never one in use)
 *
 * Clears the first 8 KiB (any pfn, dax or btt info block) through the namespace's own
 * block device, opened and checked against its sysfs device number, then the name, then
 * sets the size to 0. When a step fails before the info block is cleared, the namespace
 * is put back as it was; a step of that undo that fails is added to the failure.
 * Returns: 1 when destroyed; 0 for an idle seed (nothing to do); -EBUSY when active
 * without @force (NDT_REASON_ACTIVE) or in use (the reasons of
 * ndt_namespace_check_idle()); -EOPNOTSUPP for a label-less namespace
 * (NDT_REASON_LABEL_LESS); -ENOMEM; another -errno when the kernel refused a step
 * (NDT_REASON_KERNEL).
 */
int ndt_namespace_destroy(struct ndt_namespace *ns, bool force);

/*
 * What to create. Start from NDT_NAMESPACE_PARAMS_INIT (zero fields take the defaults) so
 * that struct_size says which version of the struct the caller was built with: new fields
 * are only ever added at the end. The library accepts a smaller struct (down to
 * NDT_NAMESPACE_PARAMS_SIZE_MIN; the fields it lacks take their defaults) and a larger one
 * whose fields unknown to the library are all zero (else -E2BIG).
 */
struct ndt_namespace_params {
	size_t struct_size;		/* sizeof(struct ndt_namespace_params) */
	enum ndt_namespace_mode mode;	/* NDT_NS_MODE_RAW is 0: set it explicitly */
	uint64_t size;			/* bytes; 0: the largest free extent */
	uint64_t align;			/* fsdax/devdax page alignment; 0: 2 MiB */
	unsigned int sector_size;	/* 0: 4096 (sector mode), 512 (raw) */
	enum ndt_pfn_map map;		/* fsdax/devdax page map; NDT_MAP_NONE: on the device */
	const unsigned char *uuid;	/* NULL: a random one */
	const char *name;		/* NULL: none; at most 63 bytes */
};

#define NDT_NAMESPACE_PARAMS_INIT { .struct_size = sizeof(struct ndt_namespace_params) }
/* The smallest struct_size accepted: up to and including mode. */
#define NDT_NAMESPACE_PARAMS_SIZE_MIN \
	(offsetof(struct ndt_namespace_params, mode) + sizeof(enum ndt_namespace_mode))

/**
 * ndt_namespace_create() - create and enable a namespace in @region
 * @region: a region
 * @p: what to create
 * @devname: receives the new namespace's name ("namespace1.0")
 * @dlen: size of @devname
 *
 * Every parameter is checked before anything is written. When the kernel refuses a
 * later step, the steps before are undone: no sized namespace or claimed seed is left
 * behind (an undo step that fails is added to the failure).
 * Returns: 0; -EINVAL for a parameter the region does not accept (NDT_REASON_INVALID,
 * NDT_REASON_MISALIGNED); -E2BIG when @p sets fields unknown to this library; -ENOSPC
 * (NDT_REASON_NO_SPACE, NDT_REASON_FRAGMENTED); -EOPNOTSUPP for a label-less region
 * (NDT_REASON_LABEL_LESS) or one that is not pmem (NDT_REASON_UNSUPPORTED); -ENXIO for a
 * disabled region (NDT_REASON_DISABLED); -EROFS (NDT_REASON_READ_ONLY); another -errno
 * when the kernel refused a step (NDT_REASON_KERNEL, or NDT_REASON_TOO_SMALL when it could
 * not fit a BTT).
 */
int ndt_namespace_create(struct ndt_region *region, const struct ndt_namespace_params *p,
			 char *devname, size_t dlen);

/**
 * ndt_namespace_setup() - create in an unconfigured namespace rather than the seed
 * @ns: a namespace of size 0 that is not active
 * @p: what to create
 *
 * How a destroyed namespace is reconfigured under its own name; otherwise as
 * ndt_namespace_create().
 * Returns: 0; -EBUSY when @ns is configured or active (NDT_REASON_ACTIVE); the errors of
 * ndt_namespace_create() otherwise.
 */
int ndt_namespace_setup(struct ndt_namespace *ns, const struct ndt_namespace_params *p);

/**
 * ndt_namespace_check_reconfigure() - whether @ns, once destroyed, could be set up with @p
 * @ns: a namespace
 * @p: what it would become
 *
 * Runs every check of ndt_namespace_create() with @ns's capacity counted as free, and
 * changes nothing: call it before destroying.
 * Returns: 0; -EOPNOTSUPP for a label-less namespace (NDT_REASON_LABEL_LESS); the check
 * errors of ndt_namespace_create() otherwise.
 */
int ndt_namespace_check_reconfigure(struct ndt_namespace *ns,
				    const struct ndt_namespace_params *p);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_LIBNDTOOL_H */
