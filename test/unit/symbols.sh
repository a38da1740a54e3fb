#!/bin/bash
# libndtool's ABI: the public headers, the version script, the NDT_EXPORT definitions
# and the shared object's dynamic symbols all name the same functions; every declared
# function has a kernel-doc comment of its own; each header compiles on its own, as C and
# as C++. TAP output. Needs srcdir and top_builddir (set by make check); CC and CXX
# (optional) name the compilers.
src=${srcdir:-.}
build=${top_builddir:-.}
so=$(ls "$build"/lib/.libs/libndtool.so.* 2>/dev/null | head -n 1)
headers=("$src"/include/ndtool/*.h)
top=$src/include/ndtool/libndtool.h
am=$src/Makefile.am
n=0
t() {
	n=$((n + 1))
	if [ -z "$2" ]; then echo "ok $n - $1"; else echo "not ok $n - $1: $2"; fi
}
skip() {
	n=$((n + 1))
	echo "ok $n # skip $1"
}

hdr=$(sed -n 's/^[a-z].*[ *]\(ndt_[a-z0-9_]*\)(.*/\1/p' "${headers[@]}" | sort -u)
sym=$(grep -oE '^[[:space:]]+ndt_[a-z0-9_]+;' "$src/lib/libndtool.sym" | tr -d ' \t;' | sort -u)
exp=$(grep -h -A1 '^NDT_EXPORT' "$src"/lib/*.c | grep -oE 'ndt_[a-z0-9_]+\(' | tr -d '(' | sort -u)

t "the header declares functions" "$([ -n "$hdr" ] || echo none found)"
t "libndtool.h includes every header of include/ndtool/" \
	"$(for h in "${headers[@]}"; do
		h=${h##*/}
		[ "$h" = libndtool.h ] || grep -q "^#include <ndtool/$h>" "$top" || echo "$h"
	done | xargs)"
t "every header of include/ndtool/ is installed" \
	"$(for h in "${headers[@]}"; do
		h=${h##*/}
		grep -qE "(^|[[:space:]=])include/ndtool/$h([[:space:]\\\\]|$)" "$am" || echo "$h"
	done | xargs)"
t "every header function is in libndtool.sym" \
	"$(comm -23 <(echo "$hdr") <(echo "$sym") | xargs)"
t "every libndtool.sym entry is declared in the header" \
	"$(comm -13 <(echo "$hdr") <(echo "$sym") | xargs)"
t "every NDT_EXPORT definition is in libndtool.sym" \
	"$(comm -23 <(echo "$exp") <(echo "$sym") | xargs)"
t "every libndtool.sym entry is defined with NDT_EXPORT" \
	"$(comm -13 <(echo "$exp") <(echo "$sym") | xargs)"
if [ -n "$so" ]; then
	dyn=$(nm -D --defined-only "$so" |
		awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort -u)
	t "the shared object exports exactly libndtool.sym" \
		"$(diff <(echo "$sym") <(echo "$dyn") | grep '^[<>]' | xargs)"
	t "exports carry the LIBNDTOOL_1 version" \
		"$(nm -D --defined-only "$so" | awk '$2 == "T" && $3 !~ /@@?LIBNDTOOL_/' | xargs)"
else
	skip "no shared library built"
	skip "no shared library built"
fi

# The comment right above each prototype (nothing between them) must be kernel-doc:
#   /**
#    * ndt_x() - what it does
#    * @param: one line per parameter
#    * ...
#    * Returns: ... (unless the function returns void)
#    */
# Prints "name<TAB>problem" lines for the functions that fail, then "declared<TAB>name"
# lines for every prototype found (to check the parser sees what the sed above sees).
doc_check() {
	python3 - "$@" <<'EOF'
import re
import sys

def params_of(arglist):
    """Parameter names of a prototype's argument list (function pointers, arrays)."""
    parts, depth, cur = [], 0, ''
    for ch in arglist:
        if ch == ',' and depth == 0:
            parts.append(cur)
            cur = ''
            continue
        depth += ch in '(['
        depth -= ch in ')]'
        cur += ch
    parts.append(cur)
    names = []
    for p in (x.strip() for x in parts):
        if p in ('', 'void'):
            continue
        if p == '...':
            names.append('...')
            continue
        fp = re.search(r'\(\s*\*\s*(\w+)\s*\)', p)
        if fp:
            names.append(fp.group(1))
            continue
        ids = re.findall(r'\w+', re.sub(r'\[[^]]*\]', '', p))
        names.append(ids[-1] if ids else '?')
    return names

def comment_above(lines, i):
    """The comment block ending on line i - 1, as a list of lines, or None."""
    j = i - 1
    if j < 0 or not lines[j].rstrip().endswith('*/'):
        return None
    k = j
    while k >= 0 and not lines[k].lstrip().startswith('/*'):
        k -= 1
    if k < 0:
        return None
    return lines[k:j + 1]

def check(name, rtype, params, block):
    if block is None:
        return ['no comment right above its prototype']
    if not block[0].lstrip().startswith('/**'):
        return ['its comment does not start with /**']
    body = []
    for ln in block:
        ln = ln.strip()
        ln = re.sub(r'^/\*\*?', '', ln)
        ln = re.sub(r'\*/$', '', ln)
        ln = re.sub(r'^\* ?', '', ln.strip())
        body.append(ln.strip())
    while body and not body[0]:
        body.pop(0)
    problems = []
    if not body or not re.match(re.escape(name) + r'\(\) - \S', body[0]):
        problems.append('the comment does not start with "%s() - <what it does>"' % name)
    documented = [m.group(1) for m in (re.match(r'@(\w+|\.\.\.):', b) for b in body) if m]
    for p in params:
        if p not in documented:
            problems.append('@%s: missing' % p)
    for d in documented:
        if d not in params:
            problems.append('@%s: documents no parameter' % d)
    returns = any(b.startswith('Returns:') for b in body)
    is_void = re.sub(r'\s+', ' ', rtype).strip() == 'void'
    if not is_void and not returns:
        problems.append('no "Returns:" line')
    if is_void and returns:
        problems.append('"Returns:" on a void function')
    return problems

for path in sys.argv[1:]:
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not re.match(r'[a-z]', ln) or ln.startswith('typedef') or \
           not re.search(r'[ *]ndt_\w+\(', ln):
            i += 1
            continue
        start = i
        decl = ln
        while not decl.rstrip().endswith(';') and i + 1 < len(lines):
            i += 1
            decl += ' ' + lines[i].strip()
        i += 1
        m = re.match(r'(.*?[ *])(ndt_\w+)\s*\((.*)\)\s*(__attribute__.*)?;\s*$', decl, re.S)
        if not m:
            print('%s\tcannot parse its prototype' % path)
            continue
        name, rtype = m.group(2), m.group(1)
        print('declared\t%s' % name)
        for problem in check(name, rtype, params_of(m.group(3)), comment_above(lines, start)):
            print('%s\t%s' % (name, problem))
EOF
}

if command -v python3 >/dev/null; then
	docs=$(doc_check "${headers[@]}")
	bad=$(echo "$docs" | grep -v '^declared' | grep .)
	if [ -n "$bad" ]; then
		echo "$bad" | sed 's/\t/: /; s/^/# /'
		t "every declared function has its own kernel-doc comment" \
			"$(echo "$bad" | cut -f1 | sort -u | wc -l) function(s), listed above"
	else
		t "every declared function has its own kernel-doc comment" ""
	fi
	t "the comment check sees every declared function" \
		"$(diff <(echo "$hdr") <(echo "$docs" | sed -n 's/^declared\t//p' | sort -u) |
			grep '^[<>]' | xargs)"
else
	skip "no python3"
	skip "no python3"
fi

# Each header on its own: its includes and declarations are complete.
compiles() {
	local compiler=$1 lang=$2 h out=""
	for h in "${headers[@]}"; do
		echo "#include <ndtool/${h##*/}>" |
			$compiler -x "$lang" -std="$3" -Wall -Wextra -Werror -fsyntax-only \
				-I"$src/include" - 2>/dev/null || out="$out ${h##*/}"
	done
	echo "${out# }"
}
t "each header compiles on its own as C" "$(compiles "${CC:-cc}" c c11)"
if command -v "${CXX:-c++}" >/dev/null; then
	t "each header compiles on its own as C++" "$(compiles "${CXX:-c++}" c++ c++11)"
else
	skip "no C++ compiler"
fi
echo "1..$n"
