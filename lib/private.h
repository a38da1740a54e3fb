/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDTOOL_LIB_PRIVATE_H
#define NDTOOL_LIB_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <syslog.h>
#include <sys/types.h>
#include <ndtool/libndtool.h>

#define NDT_EXPORT __attribute__((visibility("default")))

/* Largest sysfs attribute read in one go (the kernel's show() is PAGE_SIZE). */
#define NDT_ATTR_MAX 4096

/* A growable array of owned child objects, kept in ascending id order. */
struct ndt_vec {
	void **v;
	size_t n, cap;
};

int ndt_vec_push(struct ndt_vec *vec, void *item);
void ndt_vec_sort(struct ndt_vec *vec, int (*cmp)(const void *, const void *));
void ndt_vec_clear(struct ndt_vec *vec, void (*free_fn)(void *));

/* The item after @idx, or NULL. */
static inline void *ndt_vec_next(const struct ndt_vec *vec, size_t idx)
{
	return idx + 1 < vec->n ? vec->v[idx + 1] : NULL;
}

static inline void *ndt_vec_first(const struct ndt_vec *vec)
{
	return vec->n ? vec->v[0] : NULL;
}

/* Every object starts with this header: identity, sysfs directory, place among siblings. */
struct ndt_obj {
	struct ndt_ctx *ctx;
	size_t idx;
	unsigned int id;
	char devname[32];
	char *path;		/* sysfs directory */
};

int ndt_obj_init(struct ndt_obj *obj, struct ndt_ctx *ctx, const char *dir, const char *name,
		 unsigned int id);
void *ndt_obj_new(size_t size, struct ndt_ctx *ctx, const char *dir, const char *name,
		  unsigned int id, struct ndt_vec *vec);
void ndt_obj_release(struct ndt_obj *obj);
int ndt_obj_cmp(const void *a, const void *b);
bool ndt_obj_is_enabled(const struct ndt_obj *obj);
int ndt_obj_read(const struct ndt_obj *obj, const char *attr, char *buf, size_t len);
int ndt_obj_read_u64(const struct ndt_obj *obj, const char *attr, uint64_t *val);
int ndt_obj_read_int(const struct ndt_obj *obj, const char *attr, int *val);
char *ndt_obj_strdup(const struct ndt_obj *obj, const char *attr);
int ndt_obj_write(const struct ndt_obj *obj, const char *attr, const char *val);
int ndt_obj_writef(const struct ndt_obj *obj, const char *attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ndt_obj_bind(const struct ndt_obj *obj);
int ndt_obj_unbind(const struct ndt_obj *obj);
/* Bind (unbind) and record a failure as NDT_REASON_KERNEL: "<dev>: the kernel refused ..." */
int ndt_obj_enable(const struct ndt_obj *obj);
int ndt_obj_disable(const struct ndt_obj *obj);

struct kmod_ctx;

/* The last failure of a state-changing operation (failure.c). */
struct ndt_failure {
	enum ndt_reason reason;
	char object[64];
	char text[768];
};

struct ndt_ctx {
	int refcount;
	struct kmod_ctx *kmod;		/* created on first driver bind */
	ndt_log_fn log_fn;
	int log_priority;
	void *userdata;
	struct ndt_failure failure;
	const char *sysfs_nd;		/* "/sys/bus/nd/devices" */

	bool buses_init;
	struct ndt_vec buses;
	bool dax_regions_init;
	struct ndt_vec dax_regions;	/* every dax region, from the dax bus or class */
};

struct ndt_bus {
	struct ndt_obj obj;
	char *provider;			/* NULL when the kernel reports none */
	bool children_init;
	struct ndt_vec dimms, regions;
};

struct ndt_dimm {
	struct ndt_obj obj;
	struct ndt_bus *bus;
	const char *fw_dir;		/* "nfit", "papr" or NULL */
	int family;			/* NVDIMM_FAMILY_*, -1 unknown */
	/* fixed while the DIMM exists: read once */
	bool cmds_read, dsm_read;
	uint32_t cmd_mask;		/* bit ND_CMD_*: from the commands attribute */
	uint64_t dsm_mask;
	int fd;				/* /dev/nmemN once opened, else -1 */
};

struct ndt_mapping {
	struct ndt_region *region;
	size_t idx;
	struct ndt_dimm *dimm;
	uint64_t offset, length;
	int position;
};

struct ndt_region {
	struct ndt_obj obj;
	struct ndt_bus *bus;
	int nstype;			/* read at enumeration (fixed) */
	bool children_init, mappings_init;
	struct ndt_vec mappings;
	struct ndt_vec namespaces, btts, pfns, daxes;
};

struct ndt_namespace {
	struct ndt_obj obj;
	struct ndt_region *region;
	unsigned int nsid;		/* N of namespaceR.N */
};

/* The scan context of one claim type while enumerating a region's children. */
struct ndt_claim_scan {
	struct ndt_region *region;
	enum ndt_claim_type type;
};

/* btt, pfn and dax devices (the "claims" that give a namespace its mode) */
struct ndt_claim {
	struct ndt_obj obj;
	struct ndt_region *region;
	enum ndt_claim_type type;
	struct ndt_dax_region *dax_region;	/* dax only, once found */
};

struct ndt_dax_region {
	struct ndt_ctx *ctx;
	size_t idx;			/* among the context's regions (ndt_dax_region_get_first) */
	unsigned int id;
	char *path;			/* the provider device (…/daxR.N, hmem.N), holds dax_region/ */
	bool devs_init;
	struct ndt_vec devs;
};

struct ndt_dax_dev {
	struct ndt_obj obj;
	struct ndt_dax_region *region;
	unsigned int region_id;
	bool memblocks_init;
	struct ndt_vec memblocks;	/* its memory blocks (memblock.c), read on first use */
};

#define NDT_SYSFS_MEMORY "/sys/devices/system/memory"

struct ndt_memblock {
	struct ndt_obj obj;		/* id: N of memoryN */
	struct ndt_dax_dev *dev;
};

/* memblock.c */
void ndt_dax_dev_memblocks_free(struct ndt_dax_dev *dev);
int ndt_dax_dev_range(struct ndt_dax_dev *dev, unsigned int idx, uint64_t *start,
		      uint64_t *end);
/* The whole blocks of [@start, @end]: the first, and one past the last. */
void ndt_memblock_span(uint64_t start, uint64_t end, uint64_t bsize, uint64_t *first,
		       uint64_t *last);

/* memblock-ops.c: the state and zone of a device's blocks, to put them back after a failure */
struct ndt_memblock_saved {
	unsigned long id;
	enum ndt_memblock_state state;
	enum ndt_memblock_zone zone;
};
struct ndt_memblock_snap {
	struct ndt_memblock_saved *v;
	size_t n;
};
int ndt_memblock_snap_take(struct ndt_dax_dev *dev, struct ndt_memblock_snap *snap);
void ndt_memblock_snap_free(struct ndt_memblock_snap *snap);
unsigned int ndt_memblock_snap_restore(struct ndt_ctx *ctx, const struct ndt_memblock_snap *snap);
/* The device-wide operations, recording into the failure without clearing it first. */
int ndt_dax_dev_memory_online(struct ndt_dax_dev *dev, bool movable,
			      struct ndt_memblock_result *res);
int ndt_dax_dev_memory_offline(struct ndt_dax_dev *dev, struct ndt_memblock_result *res);

/* driver.c: load the module @name through libkmod (0 when loaded or built in) */
int ndt_kmod_load(struct ndt_ctx *ctx, const char *name);

/* log.c */
void ndt_log_init(struct ndt_ctx *ctx);
void ndt_log(struct ndt_ctx *ctx, int priority, const char *file, int line, const char *fn,
	     const char *format, ...) __attribute__((format(printf, 6, 7)));

#define ndt_log_cond(ctx, prio, ...)                                                      \
	do {                                                                               \
		if ((ctx)->log_priority >= (prio))                                         \
			ndt_log(ctx, prio, __FILE__, __LINE__, __func__, __VA_ARGS__);      \
	} while (0)

#define err(ctx, ...) ndt_log_cond(ctx, LOG_ERR, __VA_ARGS__)
#define info(ctx, ...) ndt_log_cond(ctx, LOG_INFO, __VA_ARGS__)
#define dbg(ctx, ...) ndt_log_cond(ctx, LOG_DEBUG, __VA_ARGS__)

/* ctx.c: CLOCK_MONOTONIC in milliseconds */
long long ndt_now_ms(void);

/* failure.c */
void ndt_failure_clear(struct ndt_ctx *ctx);
/*
 * Record why an operation fails: @reason, the object it is about (a device name, mount
 * point or holder; NULL for none) and a sentence stating the condition. Returns @rc.
 */
int ndt_fail(struct ndt_ctx *ctx, int rc, enum ndt_reason reason, const char *object,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Add to the recorded sentence (an undo that failed too, say). */
void ndt_fail_append(struct ndt_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* sysfs.c */
int ndt_sysfs_read(struct ndt_ctx *ctx, const char *path, char *buf, size_t len);
int ndt_sysfs_read_at(struct ndt_ctx *ctx, const char *dir, const char *attr, char *buf,
		      size_t len);
char *ndt_sysfs_strdup_at(struct ndt_ctx *ctx, const char *dir, const char *attr);
int ndt_parse_devname(const char *name, const char *prefix, unsigned int *id);
int ndt_sysfs_write(struct ndt_ctx *ctx, const char *path, const char *val);
int ndt_parse_u64(const char *s, uint64_t *val);
int ndt_parse_int(const char *s, int *val);

typedef int (*ndt_scan_fn)(void *parent, const char *dir, const char *name, unsigned int id);
struct ndt_scan {
	const char *prefix;
	ndt_scan_fn fn;
	void *parent;
};
int ndt_scan_dir(struct ndt_ctx *ctx, const char *dir, const char *prefix, ndt_scan_fn fn,
		 void *parent);
int ndt_scan_dir_multi(struct ndt_ctx *ctx, const char *dir, const struct ndt_scan *scans,
		       size_t n);

/* bus.c, dimm.c, region.c, namespace.c, claim.c, dax.c */
void ndt_buses_free(struct ndt_ctx *ctx);
void ndt_bus_children_init(struct ndt_bus *bus);
int ndt_dimm_add(void *bus, const char *dir, const char *name, unsigned int id);
int ndt_region_add(void *bus, const char *dir, const char *name, unsigned int id);
void ndt_bus_free(void *bus);
void ndt_dimm_free(void *dimm);
void ndt_region_free(void *region);
void ndt_namespace_free(void *ns);
void ndt_claim_free(void *claim);
void ndt_dax_region_free(struct ndt_dax_region *region);
void ndt_dax_regions_free(struct ndt_ctx *ctx);
/*
 * dax-ops.c: -EBUSY (NDT_REASON_DAX_IN_USE, the process as "comm (pid N)") when a process
 * other than this one has /dev/daxR.N open or mapped; 0 otherwise.
 */
int ndt_dax_dev_check_user(struct ndt_dax_dev *dev);
void ndt_dax_region_devs_free(struct ndt_dax_region *region);
struct ndt_dimm *ndt_bus_find_dimm(struct ndt_bus *bus, const char *devname);
/* dimm-ops.c: the first enabled region that uses @dimm's labels, or NULL */
struct ndt_region *ndt_dimm_active_region(struct ndt_dimm *dimm);
void ndt_region_children_init(struct ndt_region *region);
int ndt_claim_add(void *scan, const char *dir, const char *name, unsigned int id);
struct ndt_claim *ndt_region_find_claim(struct ndt_region *region, const char *devname);
struct ndt_namespace *ndt_region_find_namespace(struct ndt_region *region, const char *devname);
int ndt_read_uuid(const struct ndt_obj *obj, unsigned char uuid[16]);
int ndt_read_current_size(const struct ndt_obj *obj, const char *attr, unsigned int *size);
int ndt_read_size_list(const struct ndt_obj *obj, const char *attr, uint64_t *vals, int max);
int ndt_obj_block_device(const struct ndt_obj *obj, char *buf, size_t len);

/* devnum.c: the name of the device @devt, for a partition the name of its disk */
int ndt_devnum_name(dev_t devt, bool chardev, char *buf, size_t len);

/*
 * blockdev.c: who uses the block device /dev/@disk (or one of its partitions): a mount, a
 * stacked device (device mapper, md) or an exclusive opener. Returns 0 when nobody does,
 * else the NDT_REASON_* (MOUNTED, HOLDER, OPEN) with the mount point or holder in @who.
 */
enum ndt_reason ndt_blockdev_user(struct ndt_ctx *ctx, const char *disk, char *who, size_t len);
/*
 * Open /dev/@disk with @flags and check that the descriptor is the block device sysfs
 * reports for @disk. Returns the descriptor or -errno (-ENXIO: another device).
 */
int ndt_blockdev_open(struct ndt_ctx *ctx, const char *disk, int flags);

/* namespace-create.c: the resolved plan of a create, every value final and checked */
struct ndt_create_plan {
	enum ndt_namespace_mode mode;
	enum ndt_claim_type claim_type;
	uint64_t size, align;
	unsigned int sector_size;
	const char *map;
	char uuid[40], claim_uuid[40];
	const char *name;
};

/* "1.50 GiB" style sizes for messages */
const char *ndt_fmt_size(uint64_t v, char *buf, size_t len);
int ndt_params_copy(struct ndt_ctx *ctx, const struct ndt_namespace_params *in,
		    struct ndt_namespace_params *out);
/* the claim type, sector size, alignment and map of @p->mode, checked against @region */
int ndt_plan_mode(struct ndt_region *region, const struct ndt_namespace_params *p,
		  struct ndt_create_plan *plan);
/* configure, attach and enable a claim seed (failure recorded, no undo) */
int ndt_claim_setup(struct ndt_claim *claim, const struct ndt_create_plan *plan,
		    const char *dev);
/* the namespace's holder_class for @plan: "btt", "pfn", "dax"; "" unless @claimed */
const char *ndt_holder_class(const struct ndt_create_plan *plan, bool claimed);

/* namespace-io.c: label-less (io) namespaces, reconfigured in place */
int ndt_io_check_reconfigure(struct ndt_namespace *ns, const struct ndt_namespace_params *p);
int ndt_io_destroy(struct ndt_namespace *ns, bool force);
/* namespace-ops.c */
int ndt_ns_check_idle(struct ndt_namespace *ns);

/* health.c: the DIMM family commands, shared with health-ops.c */
struct ndt_family_ops;
struct ndt_family_cmd;
/* The DIMM's family ops; NULL for an unknown family or without ND_CMD_CALL. */
const struct ndt_family_ops *ndt_dimm_family_ops(struct ndt_dimm *dimm);
/* Whether the DIMM offers @cmd (the family has it and it is in the DIMM's dsm_mask). */
bool ndt_family_func_supported(struct ndt_dimm *dimm, const struct ndt_family_cmd *cmd);
/*
 * Issue @cmd with @in (cmd->in_size bytes; NULL: zeros) and return its output in a new
 * buffer (*out, to free; its length returned) or -errno.
 */
int ndt_family_call(struct ndt_dimm *dimm, const struct ndt_family_ops *ops,
		    const struct ndt_family_cmd *cmd, const void *in, uint8_t **out);

/* cmd.c */
int ndt_obj_open_dev(const struct ndt_obj *obj);
int ndt_dimm_call(struct ndt_dimm *dimm, unsigned int family, unsigned int func,
		  const void *in, uint32_t in_size, void *out, uint32_t out_size);

/* bus-cmd.c: the bus's control device and its NFIT bus-family functions */
int ndt_bus_open_ctl(struct ndt_bus *bus);
bool ndt_bus_func_supported(struct ndt_bus *bus, unsigned int func);
int ndt_bus_call(struct ndt_bus *bus, unsigned int func, const void *in, uint32_t in_size,
		 void *out, uint32_t out_size);

#endif
