// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include "tap.h"
#include "util/size.h"

static uint64_t v;
static char buf[32];

static int parse(const char *s)
{
	v = 0;
	return ndt_parse_size(s, &v);
}

int main(void)
{
	is_int(parse("4096"), 0, "plain bytes");
	is_int(v, 4096, "4096");
	is_int(parse("0x1000"), 0, "hex");
	is_int(v, 4096, "0x1000");
	is_int(parse("16M"), 0, "M suffix");
	is_int(v, 16ULL << 20, "16M");
	is_int(parse("2g"), 0, "lower-case suffix");
	is_int(v, 2ULL << 30, "2g");
	is_int(parse("4K"), 0, "K suffix");
	is_int(v, 4096, "4K");
	is_int(parse("1T"), 0, "T suffix");
	is_int(v, 1ULL << 40, "1T");
	is_int(parse("2MiB"), 0, "MiB");
	is_int(v, 2ULL << 20, "2MiB");
	is_int(parse("2MB"), 0, "MB is binary like ndctl's M");
	is_int(v, 2ULL << 20, "2MB");
	is_int(parse("0"), 0, "zero");
	is_int(parse(""), -EINVAL, "empty");
	is_int(parse("M"), -EINVAL, "suffix alone");
	is_int(parse("-1"), -EINVAL, "negative");
	is_int(parse("1.5G"), -EINVAL, "fraction");
	is_int(parse("12X"), -EINVAL, "unknown suffix");
	is_int(parse("12MiBs"), -EINVAL, "trailing text");
	is_int(parse("16777216T"), -ERANGE, "overflow with a suffix");
	is_int(parse("99999999999999999999"), -ERANGE, "overflow of the number");
	is_int(parse(" 1G"), -EINVAL, "leading space");
	is_int(parse("010M"), 0, "a leading zero is decimal");
	is_int(v, 10ULL << 20, "010M is 10 MiB, not octal");

	/* exact sizes for tables and messages */
	is_str(ndt_size_str(0, buf, sizeof(buf)), "0 B", "0 B");
	is_str(ndt_size_str(64, buf, sizeof(buf)), "64 B", "64 B");
	is_str(ndt_size_str(1024, buf, sizeof(buf)), "1 KiB", "1 KiB");
	is_str(ndt_size_str(4096, buf, sizeof(buf)), "4 KiB", "4 KiB");
	is_str(ndt_size_str(4104, buf, sizeof(buf)), "4104 B", "4104 B: not a whole KiB");
	is_str(ndt_size_str(65536, buf, sizeof(buf)), "64 KiB", "64 KiB");
	is_str(ndt_size_str(1536 * 1024, buf, sizeof(buf)), "1536 KiB", "1.5 MiB stays in KiB");
	is_str(ndt_size_str(2ULL << 20, buf, sizeof(buf)), "2 MiB", "2 MiB");
	is_str(ndt_size_str(1ULL << 30, buf, sizeof(buf)), "1 GiB", "1 GiB");
	is_str(ndt_size_str(3ULL << 40, buf, sizeof(buf)), "3 TiB", "3 TiB");
	is_str(ndt_size_str(1ULL << 50, buf, sizeof(buf)), "1024 TiB", "TiB is the largest unit");
	is_str(ndt_size_str(2ULL << 20, buf, 4), "2 M", "truncated to the buffer");
	return done();
}
