/*
 * bindings/lua/hpa_lua.i -- the Lua 5.4 typemaps of libhpa's SWIG interface,
 * then the shared bindings/hpa.i, then native helpers for the Lua module
 * (bindings/lua/hpa.lua). The C module is `hpa_core` (internal); users
 * `require "hpa"`.
 *
 * - integers come back as Lua integers (SWIG 4.1 pushes every C number with
 *   lua_pushnumber, so 5 would read as 5.0): typemaps for every integer type
 *   and enum use lua_pushinteger, and integer arguments must be integral;
 * - a failure raises an error *table* {code=, code_name=, message=, line=,
 *   column=, offset=, document=, path=, source=} whose metatable has a
 *   __tostring ("source:line:col: path: message"), so pcall gives structured
 *   data and an uncaught error still prints well.
 */
%module hpa_core

%runtime %{
/* SWIG's own argument checks in the wrappers (a wrong type, a wrong count)
 * raise error tables (HPA_EINVAL), as every other error of this module,
 * instead of SWIG's plain strings. The helpers are defined below. */
struct lua_State;
static void hpa_lua_push_arg_error(struct lua_State *L, const char *func, int argnum, const char *type);
static void hpa_lua_push_nargs_error(struct lua_State *L, const char *func, int lo, int hi);
#undef SWIG_fail_arg
#define SWIG_fail_arg(func_name, argnum, type) \
	{ hpa_lua_push_arg_error(L, func_name, argnum, type); goto fail; }
#undef SWIG_check_num_args
#define SWIG_check_num_args(func_name, a, b) \
	if (lua_gettop(L) < a || lua_gettop(L) > b) { hpa_lua_push_nargs_error(L, func_name, a, b); goto fail; }
%}

%{
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <hpa/hpa.h>
#include "hpa_bind.h"

#define HPA_LUA_ERROR_MT "hpa.error"

/* A handle of this module at idx, or NULL. SWIG's Lua runtime reads any
 * userdata as a swig_lua_userdata (a file handle, hpa.null...): a full
 * userdata large enough whose type is one of the module's type records only
 * (`expected`, when not NULL, is compared first: the usual case costs one
 * comparison, not a scan of every type record). */
static swig_lua_userdata *hpa_lua_handle(lua_State *L, int idx, const swig_type_info *expected)
{
	swig_lua_userdata *usr;
	size_t i;
	if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) < sizeof(swig_lua_userdata))
		return NULL;
	usr = (swig_lua_userdata *)lua_touserdata(L, idx);
	if (!usr->type)
		return NULL;
	if (usr->type == expected)
		return usr;
	for (i = 0; i < swig_module.size; i++)
		if (swig_module.types[i] == usr->type)
			return usr;
	return NULL;
}

/* SWIG_ConvertPtr of every wrapper: nil and hpa.null (a NULL light userdata)
 * are NULL, other userdata must be handles (else a type error, not a crash) */
static int hpa_lua_convert_ptr(lua_State *L, int idx, void **ptr, swig_type_info *type, int flags)
{
	if (lua_isnil(L, idx) || (lua_islightuserdata(L, idx) && !lua_touserdata(L, idx)))
		return SWIG_Lua_ConvertPtr(L, idx, ptr, type, flags);
	if (!hpa_lua_handle(L, idx, type))
		return SWIG_ERROR;
	return SWIG_Lua_ConvertPtr(L, idx, ptr, type, flags);
}
#undef SWIG_ConvertPtr
#define SWIG_ConvertPtr(L, idx, ptr, type, flags) hpa_lua_convert_ptr(L, idx, ptr, type, flags)

/* the type name in argument errors and core.swig_type: only a handle's type record is read */
static const char *hpa_lua_typename(lua_State *L, int idx)
{
	swig_lua_userdata *usr = hpa_lua_handle(L, idx, NULL);
	if (usr)
		return usr->type->str ? usr->type->str : "userdata (unknown type)";
	return luaL_typename(L, idx);
}
static int hpa_lua_swig_type(lua_State *L)
{
	lua_pushstring(L, hpa_lua_typename(L, 1));
	return 1;
}
#define SWIG_Lua_typename(L, idx) hpa_lua_typename(L, idx)
#define SWIG_Lua_type hpa_lua_swig_type

static int hpa_lua_error_tostring(lua_State *L)
{
	const char *path, *source, *message;
	lua_Integer line, column, document, code;
	char *s;
	lua_getfield(L, 1, "code");
	code = lua_tointeger(L, -1);
	lua_getfield(L, 1, "line");
	line = lua_tointeger(L, -1);
	lua_getfield(L, 1, "column");
	column = lua_tointeger(L, -1);
	lua_getfield(L, 1, "document");
	document = lua_tointeger(L, -1);
	lua_getfield(L, 1, "path");
	path = lua_tostring(L, -1);
	lua_getfield(L, 1, "source");
	source = lua_tostring(L, -1);
	lua_getfield(L, 1, "message");
	message = lua_tostring(L, -1);
	s = hpa_bind_error_format((int)code, (size_t)(line > 0 ? line : 0), (size_t)(column > 0 ? column : 0),
		(size_t)(document > 0 ? document : 0), path, source, message);
	if (!s)
		return luaL_error(L, "out of memory");
	lua_pushstring(L, s);
	free(s);
	return 1;
}

/* push the metatable of error tables (created once, in the registry) */
static void hpa_lua_error_mt(lua_State *L)
{
	if (luaL_newmetatable(L, HPA_LUA_ERROR_MT)) {
		lua_pushcfunction(L, hpa_lua_error_tostring);
		lua_setfield(L, -2, "__tostring");
		lua_pushstring(L, "hpa.error");
		lua_setfield(L, -2, "__name");
	}
}

/* push an error table for rc / e */
static void hpa_lua_push_error(lua_State *L, int rc, const hpa_error *e)
{
	int code = e && e->code ? e->code : rc;
	lua_createtable(L, 0, 10);
	lua_pushinteger(L, code);
	lua_setfield(L, -2, "code");
	lua_pushstring(L, hpa_error_code_name(code));
	lua_setfield(L, -2, "code_name");
	lua_pushstring(L, e && e->message[0] ? e->message : hpa_strerror(code));
	lua_setfield(L, -2, "message");
	lua_pushinteger(L, e ? (lua_Integer)e->line : 0);
	lua_setfield(L, -2, "line");
	lua_pushinteger(L, e ? (lua_Integer)e->column : 0);
	lua_setfield(L, -2, "column");
	if (e && e->offset != SIZE_MAX)
		lua_pushinteger(L, (lua_Integer)e->offset);
	else
		lua_pushboolean(L, 0);
	lua_setfield(L, -2, "offset");
	lua_pushinteger(L, e ? (lua_Integer)e->document : 0);
	lua_setfield(L, -2, "document");
	lua_pushstring(L, e ? e->path : "");
	lua_setfield(L, -2, "path");
	lua_pushstring(L, e ? e->source : "");
	lua_setfield(L, -2, "source");
	hpa_lua_error_mt(L);
	lua_setmetatable(L, -2);
}

/* push an HPA_EINVAL error table whose message is fmt, ... */
static void hpa_lua_push_einval(lua_State *L, const char *fmt, ...)
{
	hpa_error e = HPA_ERROR_INIT;
	va_list ap;
	e.code = HPA_EINVAL;
	va_start(ap, fmt);
	vsnprintf(e.message, sizeof e.message, fmt, ap);
	va_end(ap);
	hpa_lua_push_error(L, HPA_EINVAL, &e);
}

/* an argument of the wrong type (SWIG_fail_arg, and the native helpers) */
static void hpa_lua_push_arg_error(lua_State *L, const char *func, int argnum, const char *type)
{
	hpa_lua_push_einval(L, "%s: argument %d: expected %s, got %s", func, argnum, type, SWIG_Lua_typename(L, argnum));
}

/* a wrapper called with the wrong number of arguments (SWIG_check_num_args) */
static void hpa_lua_push_nargs_error(lua_State *L, const char *func, int lo, int hi)
{
	if (lo == hi)
		hpa_lua_push_einval(L, "%s: expected %d argument%s, got %d", func, lo, lo == 1 ? "" : "s", lua_gettop(L));
	else
		hpa_lua_push_einval(L, "%s: expected %d to %d arguments, got %d", func, lo, hi, lua_gettop(L));
}

/* A C string argument with an embedded NUL would be cut at the NUL by the C
 * API (NUL-terminated text): refuse it with an error table (HPA_EINVAL). */
static void hpa_lua_push_nul_error(lua_State *L, const char *func, int argnum)
{
	hpa_lua_push_einval(L, "%s: argument %d: embedded NUL character in a string", func, argnum);
}

/* raise the error table of a native helper's argument of the wrong type */
static int hpa_lua_arg_fail(lua_State *L, const char *func, int argnum, const char *type)
{
	hpa_lua_push_arg_error(L, func, argnum, type);
	return lua_error(L);
}

/* the userdata of a borrowed handle (the first value this call pushed)
 * references its parent (argument 1) through its user value */
static void hpa_lua_keep(lua_State *L, int pushed)
{
	int child;
	if (pushed < 1 || lua_gettop(L) < pushed + 1)
		return;
	child = lua_gettop(L) - pushed + 1;
	if (lua_type(L, child) != LUA_TUSERDATA || lua_type(L, 1) != LUA_TUSERDATA || child == 1)
		return;
	lua_pushvalue(L, 1);
	lua_setiuservalue(L, child, 1);
}

/* strict integer argument */
static int hpa_lua_checkint(lua_State *L, int idx, lua_Integer *out)
{
	int ok = 0;
	*out = lua_tointegerx(L, idx, &ok);
	return ok;
}

/* Is v within [lo, hi] (the C type's range; hi may exceed lua_Integer's)?
 * A value out of range is an error, never silently wrapped. An unsigned
 * type as wide as lua_Integer takes every lua_Integer, as Lua's own
 * integers do (0xffffffffffffffff is -1 in Lua; SIZE_MAX comes back as -1
 * and goes in as -1): HPA_LUA_ULO gives it the lower bound LLONG_MIN. */
#define HPA_LUA_ULO(MAX) ((unsigned long long)(MAX) >= ULLONG_MAX ? LLONG_MIN : 0LL)
static int hpa_lua_inrange(lua_Integer v, long long lo, unsigned long long hi)
{
	if (v < 0)
		return (long long)v >= lo;
	return (unsigned long long)v <= hi;
}
%}

/* ---- integers are integers ------------------------------------------------------------ */
%define HPA_LUA_INT(T, LO, HI)
%typemap(out, noblock=1) T { lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; }
%typemap(out, noblock=1) const T & { lua_pushinteger(L, (lua_Integer)*$1); SWIG_arg++; }
%typemap(in, noblock=1, checkfn="lua_isnumber") T {
	{
		lua_Integer temp_i;
		if (!hpa_lua_checkint(L, $input, &temp_i)) SWIG_fail_arg("$symname", $argnum, "integer");
		if (!hpa_lua_inrange(temp_i, LO, HI)) SWIG_fail_arg("$symname", $argnum, "integer in the range of T");
		$1 = ($1_ltype)temp_i;
	}
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INTEGER) T "$1 = lua_isinteger(L, $input);";
%enddef
HPA_LUA_INT(int, INT_MIN, INT_MAX)
HPA_LUA_INT(unsigned int, 0, UINT_MAX)
HPA_LUA_INT(short, SHRT_MIN, SHRT_MAX)
HPA_LUA_INT(unsigned short, 0, USHRT_MAX)
HPA_LUA_INT(long, LONG_MIN, LONG_MAX)
HPA_LUA_INT(unsigned long, HPA_LUA_ULO(ULONG_MAX), ULONG_MAX)
HPA_LUA_INT(long long, LLONG_MIN, LLONG_MAX)
HPA_LUA_INT(unsigned long long, HPA_LUA_ULO(ULLONG_MAX), ULLONG_MAX)
HPA_LUA_INT(signed char, SCHAR_MIN, SCHAR_MAX)
HPA_LUA_INT(unsigned char, 0, UCHAR_MAX)
HPA_LUA_INT(size_t, HPA_LUA_ULO(SIZE_MAX), SIZE_MAX)
HPA_LUA_INT(int32_t, INT32_MIN, INT32_MAX)
HPA_LUA_INT(int64_t, INT64_MIN, INT64_MAX)
HPA_LUA_INT(uint32_t, 0, UINT32_MAX)
HPA_LUA_INT(uint64_t, HPA_LUA_ULO(UINT64_MAX), UINT64_MAX)
HPA_LUA_INT(uint8_t, 0, UINT8_MAX)
%typemap(out, noblock=1) enum SWIGTYPE { lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; }
%typemap(in, noblock=1, checkfn="lua_isnumber") enum SWIGTYPE {
	{
		lua_Integer temp_i;
		if (!hpa_lua_checkint(L, $input, &temp_i)) SWIG_fail_arg("$symname", $argnum, "integer");
		if (!hpa_lua_inrange(temp_i, INT_MIN, INT_MAX)) SWIG_fail_arg("$symname", $argnum, "integer in the range of int");
		$1 = ($1_ltype)(int)temp_i;
	}
}

/* ---- errors ---------------------------------------------------------------------------- */
%typemap(in, numinputs=0, noblock=1) hpa_error *err (hpa_error temp_err) {
	hpa_error_init(&temp_err, HPA_ERROR_VERSION);
	$1 = &temp_err;
}
%typemap(argout, noblock=1) hpa_error *err {
	if ((int)result < 0) {
		hpa_lua_push_error(L, (int)result, $1);
		SWIG_fail;
	}
	/* drop the status: only the outputs are returned */
	lua_remove(L, -SWIG_arg);
	SWIG_arg--;
}

/* ---- output macros used by hpa.i ------------------------------------------------------ */
%define HPA_OWNED_OUT(T)
%typemap(in, numinputs=0, noblock=1) T **out (T *temp_out) {
	temp_out = NULL;
	$1 = ($1_ltype)&temp_out;
}
%typemap(argout, noblock=1) T **out {
	if (*$1) SWIG_NewPointerObj(L, (void *)(*$1), $*1_descriptor, 1); else lua_pushnil(L);
	SWIG_arg++;
}
%enddef

%define HPA_BORROWED_OUT(T, N)
%typemap(in, numinputs=0, noblock=1) T **N (T *temp_out) {
	temp_out = NULL;
	$1 = ($1_ltype)&temp_out;
}
%typemap(argout, noblock=1) T **N {
	if (*$1) {
		SWIG_NewPointerObj(L, (void *)(*$1), $*1_descriptor, 0);
		if (lua_type(L, 1) == LUA_TUSERDATA) {
			lua_pushvalue(L, 1);
			lua_setiuservalue(L, -2, 1);
		}
	} else {
		lua_pushnil(L);
	}
	SWIG_arg++;
}
%enddef

%define HPA_BORROWED_IN(T, N)
%typemap(in, checkfn="SWIG_isptrtype") T *N {
	if (!SWIG_IsOK(SWIG_ConvertPtr(L, $input, (void **)&$1, $descriptor, 0))) {
		SWIG_fail_ptr("$symname", $argnum, $descriptor);
	}
}
%enddef

%define HPA_TAKEN_KEEP(T, N)
%typemap(argout, noblock=1) T *N {
	if ((int)result >= 0 && lua_type(L, $input) == LUA_TUSERDATA) {
		lua_pushvalue(L, 1);
		lua_setiuservalue(L, $input, 1);
	}
}
%enddef

%define HPA_STRUCT_OUT(T)
%typemap(in, numinputs=0, noblock=1) T *out (T temp_struct) {
	memset(&temp_struct, 0, sizeof(temp_struct));
	$1 = &temp_struct;
}
%typemap(argout, noblock=1) T *out {
	{
		T *copy = (T *)malloc(sizeof(T));
		if (!copy) { lua_pushstring(L, "out of memory"); SWIG_fail; }
		*copy = *$1;
		SWIG_NewPointerObj(L, (void *)(copy), $1_descriptor, 1);
		SWIG_arg++;
	}
}
%enddef

%define HPA_SCALAR_OUT(T, N)
%typemap(in, numinputs=0, noblock=1) T *N (T temp_scalar) {
	memset(&temp_scalar, 0, sizeof(temp_scalar));
	$1 = &temp_scalar;
}
%typemap(argout, noblock=1) T *N {
	lua_pushinteger(L, (lua_Integer)*$1);
	SWIG_arg++;
}
%enddef

%define HPA_STATUS(F)
%typemap(out, noblock=1) int F {
	if ($1 < 0 && $1 != HPA_ITEROVER) { hpa_lua_push_error(L, $1, NULL); SWIG_fail; }
}
%enddef

/* ---- borrowed pointer returns keep their parent (argument 1, or self) ---- */
%typemap(ret, noblock=1) SWIGTYPE * { hpa_lua_keep(L, SWIG_arg); }
%typemap(ret) char *, const char * "";

/* ---- strings and buffers ---------------------------------------------------------------- */
%typemap(in, numinputs=0, noblock=1) const char **out (const char *temp_s),
	const char **api_version_out (const char *temp_s), const char **kind_out (const char *temp_s) {
	temp_s = NULL;
	$1 = ($1_ltype)&temp_s;
}
%typemap(argout, noblock=1) const char **out, const char **api_version_out, const char **kind_out {
	if (*$1) lua_pushstring(L, *$1); else lua_pushnil(L);
	SWIG_arg++;
}
%typemap(in, numinputs=0, noblock=1) char **out (char *temp_s) {
	temp_s = NULL;
	$1 = ($1_ltype)&temp_s;
}
%typemap(argout, noblock=1) char **out {
	if (*$1) lua_pushstring(L, *$1); else lua_pushnil(L);
	hpa_free(*$1);
	SWIG_arg++;
}
%typemap(in, numinputs=0, noblock=1) (char **out, size_t *len_out) (char *temp_s, size_t temp_n) {
	temp_s = NULL;
	temp_n = 0;
	$1 = ($1_ltype)&temp_s;
	$2 = &temp_n;
}
%typemap(argout, noblock=1) (char **out, size_t *len_out) {
	if (*$1) lua_pushlstring(L, *$1, *$2); else lua_pushnil(L);
	hpa_free(*$1);
	SWIG_arg++;
}
%typemap(in, numinputs=0, noblock=1) char **text_out (char *temp_s) {
	temp_s = NULL;
	$1 = ($1_ltype)&temp_s;
}
%typemap(argout, noblock=1) char **text_out {
	if (*$1) lua_pushstring(L, *$1); else lua_pushnil(L);
	free(*$1);
	SWIG_arg++;
}
%newobject hpa_bind_error_format;
%typemap(newfree) char * "free($1);";
/* C strings in: strings (or nil where the C API takes NULL); an embedded NUL
 * is refused, since the C API would silently cut the text there */
%typemap(in, noblock=1, checkfn="SWIG_lua_isnilstring", fragment="SWIG_lua_isnilstring") const char *, char * {
	{
		size_t temp_len = 0;
		$1 = ($ltype)lua_tolstring(L, $input, &temp_len);
		if ($1 && strlen($1) != temp_len) {
			hpa_lua_push_nul_error(L, "$symname", $argnum);
			SWIG_fail;
		}
	}
}
%typemap(in, noblock=1, checkfn="lua_isstring") (const char *buf, size_t len) {
	{
		size_t temp_len = 0;
		$1 = (char *)lua_tolstring(L, $input, &temp_len);
		$2 = temp_len;
	}
}
/* bool members and returns: booleans */
%typemap(out, noblock=1) bool { lua_pushboolean(L, $1 ? 1 : 0); SWIG_arg++; }

%include "../hpa.i"

/* ---- native helpers of the Lua module ----------------------------------------------------- */
%{
/* the null sentinel: a light userdata NULL, like cjson.null */
static void hpa_lua_push_null(lua_State *L)
{
	lua_pushlightuserdata(L, NULL);
}

static void hpa_lua_push_float_text(lua_State *L, const char *t)
{
	char buf[128];
	size_t i, k = 0;
	const char *p = t;
	int neg = 0;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF")) {
		lua_pushnumber(L, neg ? -HUGE_VAL : HUGE_VAL);
		return;
	}
	if (!strcmp(p, ".nan") || !strcmp(p, ".NaN") || !strcmp(p, ".NAN")) {
		lua_pushnumber(L, 0.0 / 0.0);
		return;
	}
	for (i = 0; t[i] && k < sizeof(buf) - 1; i++)
		if (t[i] != '_')
			buf[k++] = t[i];
	buf[k] = '\0';
	if (lua_stringtonumber(L, buf) == 0)
		lua_pushstring(L, t);
	else if (lua_isinteger(L, -1)) {
		/* "1.0"-like text keeps being a float */
		lua_Number n = (lua_Number)lua_tointeger(L, -1);
		lua_pop(L, 1);
		lua_pushnumber(L, n);
	}
}

/* push the value at path; returns the hpa_value_type (containers push nothing) */
static int hpa_lua_value(lua_State *L, const hpa_object *obj, const char *path, hpa_value_type t)
{
	const char *text = NULL;
	switch (t) {
	case HPA_VALUE_BOOL: {
		bool b;
		if (hpa_object_get_bool(obj, path, &b, NULL) == 0 ||
		    (hpa_object_get_text(obj, path, &text, NULL) == 0 && hpa_bind_bool_text(text, &b) == 0))
			lua_pushboolean(L, b);
		else
			lua_pushstring(L, text ? text : "");
		return 1;
	}
	case HPA_VALUE_INT: {
		int64_t v;
		if (hpa_object_get_int64(obj, path, &v, NULL) == 0 ||
		    (hpa_object_get_text(obj, path, &text, NULL) == 0 && hpa_bind_int_text(text, &v) == 0))
			lua_pushinteger(L, (lua_Integer)v);
		else if (text)
			hpa_lua_push_float_text(L, text);
		else
			lua_pushnil(L);
		return 1;
	}
	case HPA_VALUE_FLOAT:
		if (hpa_object_get_text(obj, path, &text, NULL) == 0 && text)
			hpa_lua_push_float_text(L, text);
		else
			lua_pushnil(L);
		return 1;
	case HPA_VALUE_STRING:
		if (hpa_object_get_text(obj, path, &text, NULL) == 0 && text)
			lua_pushstring(L, text);
		else
			lua_pushnil(L);
		return 1;
	case HPA_VALUE_NULL:
		hpa_lua_push_null(L);
		return 1;
	default:
		return 0;
	}
}

static void hpa_lua_tree(lua_State *L, const hpa_object *obj, hpa_bind_path *pb, int array_mt)
{
	const char *path = pb->p ? pb->p : "";
	hpa_value_type t = hpa_object_type(obj, path);
	size_t i, n, old;
	luaL_checkstack(L, 8, "hpa: tree too deep");
	if (pb->oom)
		luaL_error(L, "out of memory");
	if (t == HPA_VALUE_MAP) {
		n = hpa_object_count(obj, path);
		lua_createtable(L, 0, (int)n);
		for (i = 0; i < n; i++) {
			const char *k = hpa_object_key_at(obj, pb->p ? pb->p : "", i);
			if (!k)
				continue;
			lua_pushstring(L, k);
			old = hpa_bind_path_push(pb, k, 0);
			hpa_lua_tree(L, obj, pb, array_mt);
			hpa_bind_path_pop(pb, old);
			lua_rawset(L, -3);
		}
		return;
	}
	if (t == HPA_VALUE_LIST) {
		n = hpa_object_count(obj, path);
		lua_createtable(L, (int)n, 0);
		for (i = 0; i < n; i++) {
			old = hpa_bind_path_push(pb, NULL, i);
			hpa_lua_tree(L, obj, pb, array_mt);
			hpa_bind_path_pop(pb, old);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		if (array_mt) {
			lua_pushvalue(L, array_mt);
			lua_setmetatable(L, -2);
		}
		return;
	}
	if (!hpa_lua_value(L, obj, path, t))
		lua_pushnil(L);
}

/* the path argument of the helpers below: a string without an embedded NUL
 * (the C API would cut it there), else an error table (HPA_EINVAL) */
static const char *hpa_lua_checkpath(lua_State *L, int idx, const char *func, const char *def)
{
	size_t len = 0;
	const char *path = def ? luaL_optlstring(L, idx, def, &len) : luaL_checklstring(L, idx, &len);
	if (strlen(path) != len) {
		hpa_lua_push_nul_error(L, func, idx);
		lua_error(L);
	}
	return path;
}

/* core.get(obj, path) -> type, value */
static int hpa_lua_get(lua_State *L)
{
	const hpa_object *obj = NULL;
	const char *path = hpa_lua_checkpath(L, 2, "get", NULL);
	hpa_value_type t;
	if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, (void **)&obj, SWIGTYPE_p_hpa_object, 0)))
		return hpa_lua_arg_fail(L, "get", 1, "hpa_object");
	t = hpa_object_type(obj, path);
	lua_pushinteger(L, (lua_Integer)t);
	return 1 + hpa_lua_value(L, obj, path, t);
}

/* core.keys(obj, path) -> { key, ... } */
static int hpa_lua_keys(lua_State *L)
{
	const hpa_object *obj = NULL;
	const char *path = hpa_lua_checkpath(L, 2, "keys", NULL);
	size_t i, n;
	if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, (void **)&obj, SWIGTYPE_p_hpa_object, 0)))
		return hpa_lua_arg_fail(L, "keys", 1, "hpa_object");
	n = hpa_object_type(obj, path) == HPA_VALUE_MAP ? hpa_object_count(obj, path) : 0;
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, hpa_object_key_at(obj, path, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* core.to_table(obj, path [, array_mt]) -> plain tables (hpa.null for null) */
static int hpa_lua_to_table(lua_State *L)
{
	const hpa_object *obj = NULL;
	const char *path = hpa_lua_checkpath(L, 2, "to_table", "");
	hpa_bind_path pb;
	int mt = 0;
	if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, (void **)&obj, SWIGTYPE_p_hpa_object, 0)))
		return hpa_lua_arg_fail(L, "to_table", 1, "hpa_object");
	if (lua_istable(L, 3))
		mt = 3;
	hpa_bind_path_init(&pb, path);
	hpa_lua_tree(L, obj, &pb, mt);
	hpa_bind_path_free(&pb);
	return 1;
}

/* core.addr(handle) -> integer identity */
static int hpa_lua_addr(lua_State *L)
{
	void *p = NULL;
	if (lua_isnil(L, 1)) {
		lua_pushinteger(L, 0);
		return 1;
	}
	if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, &p, NULL, 0)))
		return hpa_lua_arg_fail(L, "addr", 1, "a handle");
	lua_pushinteger(L, (lua_Integer)(uintptr_t)p);
	return 1;
}

/* core.disown(handle): the wrapper stops owning the C object */
static int hpa_lua_disown(lua_State *L)
{
	swig_lua_userdata *usr = hpa_lua_handle(L, 1, NULL);
	if (!usr)
		return hpa_lua_arg_fail(L, "disown", 1, "a handle");
	usr->own = 0;
	return 0;
}

/* core.null_value() -> the null sentinel */
static int hpa_lua_null(lua_State *L)
{
	hpa_lua_push_null(L);
	return 1;
}

/* core.make_error{...}: an error table with the metatable (for errors raised by hpa.lua) */
static int hpa_lua_make_error(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	hpa_lua_error_mt(L);
	lua_setmetatable(L, 1);
	return 1;
}
%}

%native(get) int hpa_lua_get(lua_State *L);
%native(keys) int hpa_lua_keys(lua_State *L);
%native(to_table) int hpa_lua_to_table(lua_State *L);
%native(addr) int hpa_lua_addr(lua_State *L);
%native(disown) int hpa_lua_disown(lua_State *L);
%native(null_value) int hpa_lua_null(lua_State *L);
%native(make_error) int hpa_lua_make_error(lua_State *L);

