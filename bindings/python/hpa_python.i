/*
 * bindings/python/hpa_python.i -- the Python typemaps of libhpa's SWIG
 * interface, then the shared bindings/hpa.i, then a few native helpers for
 * the pure-Python package `hpa` (bindings/python/hpa/).
 *
 * The extension is `hpa._hpa_swig` (built with -builtin): it is internal;
 * users import `hpa`. Every failure raises an exception created by the
 * factory the package registers (hpa/_errors.py); nothing returns a code.
 */
%module(package="hpa") _hpa_swig

%{
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <hpa/hpa.h>
#include "hpa_bind.h"

static PyObject *hpa_py_factory = NULL;

/* Raise the exception the package's factory builds for an error record. */
static void hpa_py_raise(int rc, const hpa_error *e)
{
	int code = e && e->code ? e->code : rc;
	const char *msg = e && e->message[0] ? e->message : hpa_strerror(code);
	PyObject *exc;
	if (code == HPA_ENOMEM && !hpa_py_factory) {
		PyErr_NoMemory();
		return;
	}
	if (!hpa_py_factory) {
		PyErr_Format(PyExc_RuntimeError, "%s: %s", hpa_error_code_name(code), msg);
		return;
	}
	exc = PyObject_CallFunction(hpa_py_factory, "isnnnnss", code, msg,
		(Py_ssize_t)(e ? e->line : 0), (Py_ssize_t)(e ? e->column : 0),
		(Py_ssize_t)(e && e->offset != SIZE_MAX ? (Py_ssize_t)e->offset : -1),
		(Py_ssize_t)(e ? e->document : 0), e ? e->path : "", e ? e->source : "");
	if (!exc)
		return; /* the factory raised */
	PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
	Py_DECREF(exc);
}

/* After a call with an error record: raise on failure, else drop the status
 * from the outputs ([status, a] -> a, [status, a, b] -> (a, b), status -> None). */
static PyObject *hpa_py_finish(PyObject *res, int rc, const hpa_error *e)
{
	if (rc < 0) {
		Py_XDECREF(res);
		if (!PyErr_Occurred())
			hpa_py_raise(rc, e);
		return NULL;
	}
	if (!res)
		Py_RETURN_NONE;
	if (PyList_Check(res)) {
		Py_ssize_t n = PyList_GET_SIZE(res);
		PyObject *o;
		if (n == 2) {
			o = PyList_GET_ITEM(res, 1);
			Py_INCREF(o);
		} else {
			PyObject *l = PyList_GetSlice(res, 1, n);
			o = l ? PyList_AsTuple(l) : NULL;
			Py_XDECREF(l);
		}
		Py_DECREF(res);
		return o;
	}
	Py_DECREF(res);
	Py_RETURN_NONE;
}

/* A C string argument with an embedded NUL would be cut at the NUL by the C
 * API (NUL-terminated text): refuse it (InvalidArgumentError, a ValueError). */
static void hpa_py_raise_nul(const char *func, int argnum)
{
	hpa_error e = HPA_ERROR_INIT;
	e.code = HPA_EINVAL;
	snprintf(e.message, sizeof e.message, "%s: argument %d: embedded NUL character in a string", func, argnum);
	hpa_py_raise(HPA_EINVAL, &e);
}

static PyObject *hpa_py_str(const char *s)
{
	if (!s)
		Py_RETURN_NONE;
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
}

/* a returned buffer: decode, then release it with `release` */
static PyObject *hpa_py_take(char *s, size_t n, void (*release)(void *))
{
	PyObject *o;
	if (!s)
		Py_RETURN_NONE;
	o = PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "surrogateescape");
	release(s);
	return o;
}

#define HPA_PY_SCALAR(x) _Generic((x), \
	bool: PyBool_FromLong((long)(x)), \
	size_t: PyLong_FromSize_t((size_t)(x)), \
	default: PyLong_FromLongLong((long long)(x)))

/* A borrowed handle keeps its parent alive: the parent goes into the child
 * wrapper's __dict__ (SwigPyObject.dict with -builtin). No-op for other objects. */
static void hpa_py_keep_as(PyObject *child, PyObject *parent, const char *key)
{
	SwigPyObject *c, *p;
	if (!child || !parent || child == Py_None || parent == Py_None)
		return;
	c = SWIG_Python_GetSwigThis(child);
	p = SWIG_Python_GetSwigThis(parent);
	if (!c || !p || c == p)
		return;
	if (!c->dict && !(c->dict = PyDict_New())) {
		PyErr_Clear();
		return;
	}
	if (PyDict_SetItemString(c->dict, key, parent) < 0)
		PyErr_Clear();
}

static void hpa_py_keep(PyObject *child, PyObject *parent)
{
	hpa_py_keep_as(child, parent, "__parent__");
}

/* wrappers without arguments (constructors, member getters) have no swig_obj
 * of their own: this one (NULL) stands in for it in the `ret` typemap */
static PyObject *const swig_obj[1] = { NULL };

/* AppendOutput that tolerates a failed conversion (NULL): keeps the error */
static PyObject *hpa_py_append(PyObject *res, PyObject *o)
{
	if (!o) {
		Py_XDECREF(res);
		return NULL;
	}
	return SWIG_Python_AppendOutput(res, o);
}
%}

/* ---- errors ---------------------------------------------------------------------- */
%typemap(in, numinputs=0, noblock=1) hpa_error *err (hpa_error temp_err) {
	hpa_error_init(&temp_err, HPA_ERROR_VERSION);
	$1 = &temp_err;
}
%typemap(argout, noblock=1) hpa_error *err {
	$result = hpa_py_finish($result, (int)result, $1);
	if (!$result) SWIG_fail;
}

/* ---- output macros used by hpa.i --------------------------------------------------- */
%define HPA_OWNED_OUT(T)
%typemap(in, numinputs=0, noblock=1) T **out (T *temp_out) {
	temp_out = NULL;
	$1 = ($1_ltype)&temp_out;
}
%typemap(argout, noblock=1) T **out {
	$result = hpa_py_append($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, *$1 ? SWIG_POINTER_OWN : 0));
	if (!$result) SWIG_fail;
}
%enddef

%define HPA_BORROWED_OUT(T, N)
%typemap(in, numinputs=0, noblock=1) T **N (T *temp_out) {
	temp_out = NULL;
	$1 = ($1_ltype)&temp_out;
}
%typemap(argout, noblock=1) T **N {
	{
		PyObject *temp_o = SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, 0);
		hpa_py_keep(temp_o, swig_obj[0]);
		$result = hpa_py_append($result, temp_o);
	}
	if (!$result) SWIG_fail;
}
%enddef

%define HPA_BORROWED_IN(T, N)
%typemap(in, noblock=1) T *N (void *temp_argp = 0, int temp_res = 0) {
	temp_res = SWIG_ConvertPtr($input, &temp_argp, $descriptor, 0);
	if (!SWIG_IsOK(temp_res)) {
		%argument_fail(temp_res, "$type", $symname, $argnum);
	}
	$1 = ($ltype)temp_argp;
}
%enddef

%define HPA_TAKEN_KEEP(T, N)
%typemap(argout, noblock=1) T *N {
	if ((int)result >= 0) hpa_py_keep_as($input, swig_obj[0], "__owner__");
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
		if (!copy) { PyErr_NoMemory(); SWIG_fail; }
		*copy = *$1;
		$result = hpa_py_append($result, SWIG_NewPointerObj(SWIG_as_voidptr(copy), $1_descriptor, SWIG_POINTER_OWN));
		if (!$result) SWIG_fail;
	}
}
%enddef

%define HPA_SCALAR_OUT(T, N)
%typemap(in, numinputs=0, noblock=1) T *N (T temp_scalar) {
	memset(&temp_scalar, 0, sizeof(temp_scalar));
	$1 = &temp_scalar;
}
%typemap(argout, noblock=1) T *N {
	$result = hpa_py_append($result, HPA_PY_SCALAR(*$1));
	if (!$result) SWIG_fail;
}
%enddef

%define HPA_STATUS(F)
%typemap(out, noblock=1) int F {
	if ($1 < 0 && $1 != HPA_ITEROVER) { hpa_py_raise($1, NULL); SWIG_fail; }
	Py_INCREF(Py_None);
	$result = Py_None;
}
%enddef

/* ---- borrowed pointer returns keep their parent (the first argument, or self) ---- */
%typemap(ret, noblock=1) SWIGTYPE * {
	hpa_py_keep($result, swig_obj[0]);
	hpa_py_keep_as($result, self, "__self__");
}
%typemap(ret) char *, const char * "";

/* ---- strings and buffers ------------------------------------------------------------- */
%typemap(in, numinputs=0, noblock=1) const char **out (const char *temp_s),
	const char **api_version_out (const char *temp_s), const char **kind_out (const char *temp_s) {
	temp_s = NULL;
	$1 = ($1_ltype)&temp_s;
}
%typemap(argout, noblock=1) const char **out, const char **api_version_out, const char **kind_out {
	$result = hpa_py_append($result, hpa_py_str(*$1));
	if (!$result) SWIG_fail;
}
/* library buffers (hpa_free) */
%typemap(in, numinputs=0, noblock=1) char **out (char *temp_s) {
	temp_s = NULL;
	$1 = ($1_ltype)&temp_s;
}
%typemap(argout, noblock=1) char **out {
	$result = hpa_py_append($result, hpa_py_take(*$1, *$1 ? strlen(*$1) : 0, hpa_free));
	if (!$result) SWIG_fail;
}
%typemap(in, numinputs=0, noblock=1) (char **out, size_t *len_out) (char *temp_s, size_t temp_n) {
	temp_s = NULL;
	temp_n = 0;
	$1 = ($1_ltype)&temp_s;
	$2 = &temp_n;
}
%typemap(argout, noblock=1) (char **out, size_t *len_out) {
	$result = hpa_py_append($result, hpa_py_take(*$1, *$2, hpa_free));
	if (!$result) SWIG_fail;
}
/* facade buffers (free) */
%typemap(in, numinputs=0, noblock=1) char **text_out (char *temp_s) {
	temp_s = NULL;
	$1 = ($1_ltype)&temp_s;
}
%typemap(argout, noblock=1) char **text_out {
	$result = hpa_py_append($result, hpa_py_take(*$1, *$1 ? strlen(*$1) : 0, free));
	if (!$result) SWIG_fail;
}
%newobject hpa_bind_error_format;
%typemap(newfree) char * "free($1);";

/* C strings in: str (or None where the C API takes NULL); an embedded NUL is
 * refused, since the C API would silently cut the text there */
%typemap(in, noblock=1, fragment="SWIG_AsCharPtrAndSize") char * (int res, char *buf = 0, size_t size = 0, int alloc = 0),
	const char * (int res, char *buf = 0, size_t size = 0, int alloc = 0) {
	res = SWIG_AsCharPtrAndSize($input, &buf, &size, &alloc);
	if (!SWIG_IsOK(res)) {
		%argument_fail(res, "$type", $symname, $argnum);
	}
	if (buf && size > 0 && strlen(buf) != size - 1) {
		hpa_py_raise_nul("$symname", $argnum);
		SWIG_fail;
	}
	$1 = ($1_ltype)buf;
}
%typemap(freearg, noblock=1, match="in") char *, const char * {
	if (alloc$argnum == SWIG_NEWOBJ) free((char *)buf$argnum);
}

/* text in: str (UTF-8, no copy) or bytes */
%typemap(in, noblock=1) (const char *buf, size_t len) (Py_ssize_t temp_len) {
	if (PyBytes_Check($input)) {
		char *temp_p;
		if (PyBytes_AsStringAndSize($input, &temp_p, &temp_len) < 0) SWIG_fail;
		$1 = temp_p;
	} else if (PyUnicode_Check($input)) {
		$1 = (char *)PyUnicode_AsUTF8AndSize($input, &temp_len);
		if (!$1) SWIG_fail;
	} else {
		PyErr_SetString(PyExc_TypeError, "expected str or bytes");
		SWIG_fail;
	}
	$2 = (size_t)temp_len;
}
%typemap(typecheck) (const char *buf, size_t len) {
	$1 = PyBytes_Check($input) || PyUnicode_Check($input);
}

%include "../hpa.i"

/* ---- native helpers of the package (one C call per attribute access) ----------------- */
%{
static PyObject *hpa_py_int_text(const char *t)
{
	int64_t v;
	if (hpa_bind_int_text(t, &v) == 0)
		return PyLong_FromLongLong((long long)v);
	return hpa_py_str(t); /* not an integer Python can read: keep the text */
}

static PyObject *hpa_py_float_text(const char *t)
{
	char buf[128];
	size_t i, k = 0;
	const char *p = t;
	int neg = 0;
	double d;
	char *end = NULL;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
		return PyFloat_FromDouble(neg ? -Py_HUGE_VAL : Py_HUGE_VAL);
	if (!strcmp(p, ".nan") || !strcmp(p, ".NaN") || !strcmp(p, ".NAN"))
		return PyFloat_FromDouble(Py_NAN);
	for (i = 0; t[i] && k < sizeof(buf) - 1; i++)
		if (t[i] != '_')
			buf[k++] = t[i];
	buf[k] = '\0';
	d = PyOS_string_to_double(buf, &end, NULL);
	if (d == -1.0 && PyErr_Occurred()) {
		PyErr_Clear();
		return hpa_py_str(t);
	}
	if (!end || *end)
		return hpa_py_str(t);
	return PyFloat_FromDouble(d);
}

/* the Python value of the scalar at path; dict / list (the types) for containers; None when absent */
static PyObject *hpa_py_value(const hpa_object *obj, const char *path, hpa_value_type t)
{
	const char *text = NULL;
	switch (t) {
	case HPA_VALUE_MAP:
		Py_INCREF((PyObject *)&PyDict_Type);
		return (PyObject *)&PyDict_Type;
	case HPA_VALUE_LIST:
		Py_INCREF((PyObject *)&PyList_Type);
		return (PyObject *)&PyList_Type;
	case HPA_VALUE_BOOL: {
		bool b;
		if (hpa_object_get_bool(obj, path, &b, NULL) == 0)
			return PyBool_FromLong(b);
		if (hpa_object_get_text(obj, path, &text, NULL) == 0 && hpa_bind_bool_text(text, &b) == 0)
			return PyBool_FromLong(b);
		return hpa_py_str(text);
	}
	case HPA_VALUE_INT: {
		int64_t v;
		if (hpa_object_get_int64(obj, path, &v, NULL) == 0)
			return PyLong_FromLongLong((long long)v);
		if (hpa_object_get_text(obj, path, &text, NULL) == 0 && text)
			return hpa_py_int_text(text);
		Py_RETURN_NONE;
	}
	case HPA_VALUE_FLOAT:
		if (hpa_object_get_text(obj, path, &text, NULL) == 0 && text)
			return hpa_py_float_text(text);
		Py_RETURN_NONE;
	case HPA_VALUE_STRING:
		if (hpa_object_get_text(obj, path, &text, NULL) == 0)
			return hpa_py_str(text);
		Py_RETURN_NONE;
	default:
		Py_RETURN_NONE;
	}
}

static PyObject *hpa_py_tree(const hpa_object *obj, hpa_bind_path *pb)
{
	const char *path = pb->p ? pb->p : "";
	hpa_value_type t = hpa_object_type(obj, path);
	size_t i, n, old;
	PyObject *res;
	if (pb->oom)
		return PyErr_NoMemory();
	if (t == HPA_VALUE_MAP) {
		n = hpa_object_count(obj, path);
		res = PyDict_New();
		for (i = 0; res && i < n; i++) {
			const char *k = hpa_object_key_at(obj, pb->p ? pb->p : "", i);
			PyObject *v, *ko;
			if (!k)
				continue;
			ko = hpa_py_str(k);
			old = hpa_bind_path_push(pb, k, 0);
			v = ko ? hpa_py_tree(obj, pb) : NULL;
			hpa_bind_path_pop(pb, old);
			if (!v || PyDict_SetItem(res, ko, v) < 0) {
				Py_XDECREF(v);
				Py_XDECREF(ko);
				Py_DECREF(res);
				return NULL;
			}
			Py_DECREF(v);
			Py_DECREF(ko);
		}
		return res;
	}
	if (t == HPA_VALUE_LIST) {
		n = hpa_object_count(obj, path);
		res = PyList_New((Py_ssize_t)n);
		for (i = 0; res && i < n; i++) {
			PyObject *v;
			old = hpa_bind_path_push(pb, NULL, i);
			v = hpa_py_tree(obj, pb);
			hpa_bind_path_pop(pb, old);
			if (!v) {
				Py_DECREF(res);
				return NULL;
			}
			PyList_SET_ITEM(res, (Py_ssize_t)i, v);
		}
		return res;
	}
	return hpa_py_value(obj, path, t);
}
%}

%inline %{
/* Register the exception factory of the package (hpa._errors.make_error). */
static PyObject *hpa_py_set_error_factory(PyObject *factory)
{
	Py_XINCREF(factory);
	Py_XDECREF(hpa_py_factory);
	hpa_py_factory = factory;
	Py_RETURN_NONE;
}

/* The value at path: a scalar, None (null), Ellipsis (absent), or the type dict / list for a container. */
static PyObject *hpa_py_get(const hpa_object *obj, const char *path)
{
	hpa_value_type t = hpa_object_type(obj, path);
	if (!t) {
		Py_INCREF(Py_Ellipsis);
		return Py_Ellipsis;
	}
	return hpa_py_value(obj, path, t);
}

/* Keys of the map at path (a list of str). */
static PyObject *hpa_py_keys(const hpa_object *obj, const char *path)
{
	size_t i, n = hpa_object_count(obj, path);
	PyObject *l = PyList_New(0);
	if (hpa_object_type(obj, path) != HPA_VALUE_MAP)
		return l;
	for (i = 0; l && i < n; i++) {
		PyObject *k = hpa_py_str(hpa_object_key_at(obj, path, i));
		if (!k || PyList_Append(l, k) < 0) {
			Py_XDECREF(k);
			Py_DECREF(l);
			return NULL;
		}
		Py_DECREF(k);
	}
	return l;
}

/* The subtree at path as dicts, lists and scalars. */
static PyObject *hpa_py_to_python(const hpa_object *obj, const char *path)
{
	hpa_bind_path pb;
	PyObject *r;
	hpa_bind_path_init(&pb, path);
	r = hpa_py_tree(obj, &pb);
	hpa_bind_path_free(&pb);
	return r;
}

/* Every object of a manifest as borrowed handles, with their hpa_kind: [(handle, kind), ...]. */
static PyObject *hpa_py_objects(hpa_manifest *m)
{
	size_t i, n = hpa_manifest_count(m);
	PyObject *l = PyList_New((Py_ssize_t)n);
	for (i = 0; l && i < n; i++) {
		hpa_object *o = hpa_manifest_at_mut(m, i);
		PyObject *h = SWIG_Python_NewPointerObj(NULL, SWIG_as_voidptr(o), SWIGTYPE_p_hpa_object, 0);
		PyObject *t = h ? Py_BuildValue("(Ni)", h, (int)hpa_object_kind(o)) : NULL;
		if (!t) {
			Py_DECREF(l);
			return NULL;
		}
		PyList_SET_ITEM(l, (Py_ssize_t)i, t);
	}
	return l;
}
%}
