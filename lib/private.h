/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDTOOL_LIB_PRIVATE_H
#define NDTOOL_LIB_PRIVATE_H

#include <stddef.h>
#include <syslog.h>
#include <ndtool/libndtool.h>

#define NDT_EXPORT __attribute__((visibility("default")))

/* Largest sysfs attribute read in one go (the kernel's show() is PAGE_SIZE). */
#define NDT_ATTR_MAX 4096

struct ndt_ctx {
	int refcount;
	ndt_log_fn log_fn;
	int log_priority;
	void *userdata;
	const char *sysfs_nd;		/* "/sys/bus/nd/devices" */

	bool buses_init;
	struct ndt_bus **buses;		/* sorted by id */
	size_t nr_buses;
};

struct ndt_bus {
	struct ndt_ctx *ctx;
	size_t idx;			/* position in ctx->buses */
	unsigned int id;
	char devname[24];
	char *path;
	char *provider;
};

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

/* sysfs.c */
int ndt_sysfs_read(struct ndt_ctx *ctx, const char *path, char *buf, size_t len);
int ndt_sysfs_read_at(struct ndt_ctx *ctx, const char *dir, const char *attr, char *buf,
		      size_t len);
char *ndt_sysfs_strdup_at(struct ndt_ctx *ctx, const char *dir, const char *attr);
int ndt_parse_devname(const char *name, const char *prefix, unsigned int *id);

/* bus.c */
void ndt_buses_free(struct ndt_ctx *ctx);

#endif
