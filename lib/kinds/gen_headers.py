#!/usr/bin/python3
"""Generate the public headers of the typed kinds from lib/kinds/kinds.def.

    python3 lib/kinds/gen_headers.py            # rewrite include/hpa/<H>.h
    python3 lib/kinds/gen_headers.py --check    # exit 1 when a header is stale

The same table is expanded by lib/kinds/accessors.c (X-macros) into the
definitions, so declarations and definitions cannot drift: the compiler
checks each definition against its generated prototype, and
tests/check_exports.sh checks that every declaration is exported.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEF = os.path.join(HERE, "kinds.def")


def split_args(s):
    """Split a macro argument list on top-level commas (C string aware)."""
    out, cur, i, n = [], [], 0, len(s)
    while i < n:
        c = s[i]
        if c == '"':
            j = i + 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c == ",":
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur).strip())
    return out


def cstr(tok):
    """Value of a C string literal token (only \\" and \\\\ escapes used)."""
    assert tok.startswith('"') and tok.endswith('"'), tok
    return re.sub(r'\\(.)', r'\1', tok[1:-1])


def parse():
    rows = []
    in_comment = False
    for line in open(DEF, encoding="utf-8"):
        s = line.strip()
        if in_comment:
            if "*/" in s:
                in_comment = False
            continue
        if s.startswith("/*"):
            in_comment = "*/" not in s
            continue
        if not s or s.startswith("#"):
            continue
        m = re.match(r'^([A-Z0-9_]+)\((.*)\)$', s)
        if not m:
            raise SystemExit("kinds.def: cannot parse: " + s)
        args = [cstr(a) if a.startswith('"') else a for a in split_args(m.group(2))]
        rows.append((m.group(1), args))
    return rows


class Model:
    def __init__(self, rows):
        self.headers = []          # [(H, title, desc)]
        self.types = {}            # T -> dict(kind|part|root, header, doc, ...)
        self.type_order = []
        self.enums = {}            # E -> dict(header, doc, values=[(NAME, text, doc)])
        self.enum_order = []
        self.fields = []           # (macro, T, F, path, extra, doc)
        self.decls = []            # (T, declaration, [doc lines])
        for mac, a in rows:
            if mac == "HEADER":
                self.headers.append((a[0], a[1], a[2]))
            elif mac == "KIND":
                self.types[a[0]] = dict(cat="kind", header=a[1], api=a[2], kind=a[3],
                                        kconst=a[4], doc=a[5])
                self.type_order.append(a[0])
            elif mac == "PART":
                self.types[a[0]] = dict(cat="part", header=a[1], defn=a[2], doc=a[3])
                self.type_order.append(a[0])
            elif mac == "ROOT":
                self.types[a[0]] = dict(cat="root", header=a[1], doc="")
                self.type_order.append(a[0])
            elif mac == "ENUM":
                self.enums[a[0]] = dict(header=a[1], doc=a[2], values=[])
                self.enum_order.append(a[0])
            elif mac == "ENUM_VALUE":
                self.enums[a[0]]["values"].append((a[1], a[2], a[3]))
            elif mac == "ENUM_END":
                pass
            elif mac == "DECL":
                self.decls.append((a[0], a[1], a[2].split("|")))
            elif mac.startswith("F_"):
                if mac in ("F_ENUM", "F_OBJ", "F_LIST"):
                    T, F, path, extra, doc = a
                else:
                    T, F, path, doc = a
                    extra = None
                self.fields.append((mac, T, F, path, extra, doc))
            else:
                raise SystemExit("kinds.def: unknown row " + mac)

    def header_of_type(self, T):
        return self.types[T]["header"]


def ctype(T):
    return "hpa_object" if T == "object" else "hpa_" + T


def field_decls(m, mac, T, F, path, extra, doc):
    """[(doc lines, declaration)] for one row."""
    t, p = ctype(T), T
    c, mu = "const %s *%s" % (t, p), "%s *%s" % (t, p)
    n = "hpa_%s_" % T
    what = "`%s`" % path       # subject of the short docs
    full = doc                   # the row's documentation, on the main accessor
    out = []

    def add(d, decl):
        out.append((d, decl))

    add(["Whether %s is set (present and not `null`)." % what]
        + ([full] if mac == "F_PRESENT" else []),
        "HPA_EXTERN(bool) %shas_%s(%s);" % (n, F, c))
    if mac in ("F_STR", "F_TIME"):
        add([full, "@return the string, or NULL when absent, `null` or not a string",
             "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s(%s);" % (n, F, c))
        if mac == "F_TIME":
            add(["Set " + what + " to an RFC 3339 time such as `2024-05-01T12:00:00Z`.",
                 "@p value is copied; NULL gives ::HPA_EINVAL, text that is not RFC 3339 ::HPA_ETYPE.",
                 "@return 0, ::HPA_EINVAL, ::HPA_ETYPE, ::HPA_ENOMEM"],
                "HPA_EXTERN(int) %sset_%s(%s, const char *value, hpa_error *err);" % (n, F, mu))
        else:
            add(["Set " + what + ".", "@p value is copied; NULL gives ::HPA_EINVAL.",
                 "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (a parent is not a map), ::HPA_ENOMEM"],
                "HPA_EXTERN(int) %sset_%s(%s, const char *value, hpa_error *err);" % (n, F, mu))
    elif mac in ("F_I32", "F_I64", "F_BOOL"):
        ct = {"F_I32": "int32_t", "F_I64": "int64_t", "F_BOOL": "bool"}[mac]
        add([full, "@p out receives the value; left unchanged on failure",
             "@return 0, ::HPA_ENOTFOUND when absent or `null`, ::HPA_ETYPE when the stored value is not "
             + ("a boolean" if mac == "F_BOOL" else "an integer")
             + ("" if mac == "F_BOOL" else ", ::HPA_ERANGE when it does not fit " + ct)],
            "HPA_EXTERN(int) %s%s(%s, %s *out, hpa_error *err);" % (n, F, c, ct))
        add(["Set " + what + ".",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (a parent is not a map), ::HPA_ENOMEM"],
            "HPA_EXTERN(int) %sset_%s(%s, %s value, hpa_error *err);" % (n, F, mu, ct))
    elif mac == "F_ENUM":
        e = "hpa_%s_t" % extra
        add([full, "@return the value, 0 when absent, ::HPA_%s_UNKNOWN when the text is not a value "
             "this version knows (read it with %s%s_str())" % (extra.upper(), n, F)],
            "HPA_EXTERN(%s) %s%s(%s);" % (e, n, F, c))
        add([what + ": the raw text, whatever its value.",
             "@return the text, or NULL when absent, `null` or not a string", "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s_str(%s);" % (n, F, c))
        add(["Set " + what + ".",
             "@return 0, ::HPA_EINVAL for 0, ::HPA_%s_UNKNOWN or a value out of range, "
             "::HPA_ETYPE (a parent is not a map), ::HPA_ENOMEM" % extra.upper()],
            "HPA_EXTERN(int) %sset_%s(%s, %s value, hpa_error *err);" % (n, F, mu, e))
        add(["Set " + what + " to any text (kept verbatim, also values unknown to this version).",
             "@p value is copied; NULL gives ::HPA_EINVAL.",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE, ::HPA_ENOMEM"],
            "HPA_EXTERN(int) %sset_%s_str(%s, const char *value, hpa_error *err);" % (n, F, mu))
    elif mac == "F_QTY":
        add([full + " Quantity text exactly as written (`500m`, `0.5`, `1Gi`, quoted or not).",
             "@return the text, or NULL when absent or `null`", "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s(%s);" % (n, F, c))
        add([what + " in thousandths (`500m` -> 500, `2` -> 2000), exact, rounded up "
             "like Kubernetes' MilliValue() when finer than a thousandth.",
             "@p out receives the value; left unchanged on failure",
             "@return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE (not a quantity), ::HPA_ERANGE (overflow)"],
            "HPA_EXTERN(int) %s%s_milli(%s, int64_t *out, hpa_error *err);" % (n, F, c))
        add(["Set " + what + " from quantity text (`\"250m\"`, `\"1.5\"`, `\"512Mi\"`), kept verbatim.",
             "@p value is copied; NULL gives ::HPA_EINVAL, text that is not a quantity ::HPA_ETYPE.",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE, ::HPA_ENOMEM"],
            "HPA_EXTERN(int) %sset_%s(%s, const char *value, hpa_error *err);" % (n, F, mu))
        add(["Set " + what + " from thousandths, written in the Kubernetes canonical form "
             "(`1500` -> `1500m`, `2000` -> `2`, `1000000` -> `1k`).",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (a parent is not a map), ::HPA_ENOMEM"],
            "HPA_EXTERN(int) %sset_%s_milli(%s, int64_t milli, hpa_error *err);" % (n, F, mu))
    elif mac == "F_IOS":
        add([full + " Which form is stored.",
             "@return ::HPA_VALUE_INT, ::HPA_VALUE_STRING, 0 when absent or `null` "
             "(another type stored gives its ::hpa_value_type)"],
            "HPA_EXTERN(hpa_value_type) %s%s_type(%s);" % (n, F, c))
        add([what + ", integer form.",
             "@p out receives the value; left unchanged on failure",
             "@return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE when the string form is stored, "
             "::HPA_ERANGE when it does not fit int32_t"],
            "HPA_EXTERN(int) %s%s_int(%s, int32_t *out, hpa_error *err);" % (n, F, c))
        add([what + ", string form (a name such as `http` or a percentage such as `25%`).",
             "@return the string, or NULL when absent or the integer form is stored",
             "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s_str(%s);" % (n, F, c))
        add([what + " resolved against @p total like Kubernetes' "
             "`intstr.GetScaledValueFromIntOrPercent`: the integer form as is, a percentage "
             "(`\"25%\"`) as `ceil(p * total / 100)` when @p round_up, else `floor(...)`, exactly.",
             "@p out receives the value; left unchanged on failure",
             "@return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE (a string that is not a percentage), "
             "::HPA_ESYNTAX (a malformed percentage), ::HPA_ERANGE"],
            "HPA_EXTERN(int) %s%s_scaled(%s, int32_t total, bool round_up, int32_t *out, hpa_error *err);"
            % (n, F, c))
        add(["Set " + what + " to its integer form.",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (a parent is not a map), ::HPA_ENOMEM"],
            "HPA_EXTERN(int) %sset_%s_int(%s, int32_t value, hpa_error *err);" % (n, F, mu))
        add(["Set " + what + " to its string form (stored as a string even when it looks like "
             "a number). @p value is copied; NULL gives ::HPA_EINVAL.",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (a parent is not a map), ::HPA_ENOMEM"],
            "HPA_EXTERN(int) %sset_%s_str(%s, const char *value, hpa_error *err);" % (n, F, mu))
    elif mac == "F_SLIST":
        add(["Number of items of " + what + " (0 when absent).", full],
            "HPA_EXTERN(size_t) %s%s_count(%s);" % (n, F, c))
        add(["Item @p index of " + what + ".",
             "@return the string, or NULL when out of range or not a string", "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s_at(%s, size_t index);" % (n, F, c))
        add(["Append a copy of @p value to " + what + " (created when absent).",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (not a list), ::HPA_ENOMEM"],
            "HPA_EXTERN(int) %s%s_append(%s, const char *value, hpa_error *err);" % (n, F, mu))
        add(["Remove item @p index of " + what + " (later items move down).",
             "@return 0, ::HPA_ENOTFOUND when out of range, ::HPA_EINVAL"],
            "HPA_EXTERN(int) %s%s_remove_at(%s, size_t index, hpa_error *err);" % (n, F, mu))
    elif mac in ("F_SMAP", "F_QMAP"):
        vt = "quantity text" if mac == "F_QMAP" else "string"
        add(["Number of entries of " + what + " (0 when absent).", full],
            "HPA_EXTERN(size_t) %s%s_count(%s);" % (n, F, c))
        add(["Value of @p key in " + what + ".",
             "@return the %s, or NULL when the key is absent or its value is not a %s"
             % (vt, "scalar" if mac == "F_QMAP" else "string"), "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s_get(%s, const char *key);" % (n, F, c))
        add(["Set @p key to @p value in " + what + " (created when absent): an existing key "
             "keeps its position, a new one goes last. Both strings are copied."
             + (" @p value must be a quantity (else ::HPA_ETYPE)." if mac == "F_QMAP" else ""),
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (not a map%s), ::HPA_ENOMEM"
             % (" or not a quantity" if mac == "F_QMAP" else "")],
            "HPA_EXTERN(int) %s%s_set(%s, const char *key, const char *value, hpa_error *err);"
            % (n, F, mu))
        add(["Remove @p key from " + what + ".",
             "@return 0, ::HPA_ENOTFOUND when the key is absent, ::HPA_EINVAL"],
            "HPA_EXTERN(int) %s%s_remove(%s, const char *key, hpa_error *err);" % (n, F, mu))
        add(["Key of entry @p index of " + what + " (insertion order).",
             "@return the key, or NULL when out of range", "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s_key_at(%s, size_t index);" % (n, F, c))
        add(["Value of entry @p index of " + what + " (insertion order).",
             "@return the %s, or NULL when out of range or not a %s"
             % (vt, "scalar" if mac == "F_QMAP" else "string"), "@ownership borrowed"],
            "HPA_EXTERN(const char *) %s%s_value_at(%s, size_t index);" % (n, F, c))
        if mac == "F_QMAP":
            add(["Value of @p key in " + what + " in thousandths (`cpu: 250m` -> 250, "
                 "`memory: 1Ki` -> 1024000), exact, rounded up like Kubernetes' MilliValue().",
                 "@p out receives the value; left unchanged on failure",
                 "@return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE (not a quantity), ::HPA_ERANGE (overflow)"],
                "HPA_EXTERN(int) %s%s_milli(%s, const char *key, int64_t *out, hpa_error *err);"
                % (n, F, c))
    elif mac == "F_OBJ":
        s = "hpa_" + extra
        add([full, "@return the part, or NULL when absent or not a map",
             "@ownership borrowed (valid until the object is freed or this part is cleared)"],
            "HPA_EXTERN(const %s *) %s%s(%s);" % (s, n, F, c))
        add([what + " for changes: created empty (with the maps on its path) when absent.",
             "@p out receives the part (NULL allowed: only make sure it exists)",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (the value or a parent is not a map), ::HPA_ENOMEM",
             "@ownership borrowed (`*out`)"],
            "HPA_EXTERN(int) %s%s_mut(%s, %s **out, hpa_error *err);" % (n, F, mu, s))
    elif mac == "F_LIST":
        s = "hpa_" + extra
        add(["Number of items of " + what + " (0 when absent).", full],
            "HPA_EXTERN(size_t) %s%s_count(%s);" % (n, F, c))
        add(["Item @p index of " + what + ".",
             "@return the item, or NULL when out of range or not a map",
             "@ownership borrowed (valid until the object is freed or the item removed)"],
            "HPA_EXTERN(const %s *) %s%s_at(%s, size_t index);" % (s, n, F, c))
        add(["Item @p index of " + what + " for changes.",
             "@return the item, or NULL when out of range or not a map", "@ownership borrowed"],
            "HPA_EXTERN(%s *) %s%s_at_mut(%s, size_t index);" % (s, n, F, mu))
        add(["Append a new empty item to " + what + " (created when absent).",
             "@p out receives the new item (NULL allowed)",
             "@return 0, ::HPA_EINVAL, ::HPA_ETYPE (not a list), ::HPA_ENOMEM",
             "@ownership borrowed (`*out`)"],
            "HPA_EXTERN(int) %s%s_append(%s, %s **out, hpa_error *err);" % (n, F, mu, s))
        add(["Remove item @p index of " + what + " (later items move down one "
             "index; a handle taken before keeps addressing its own item, the "
             "removed item's handle a detached copy that no longer reaches the object).",
             "@return 0, ::HPA_ENOTFOUND when out of range, ::HPA_EINVAL"],
            "HPA_EXTERN(int) %s%s_remove_at(%s, size_t index, hpa_error *err);" % (n, F, mu))
    elif mac == "F_PRESENT":
        pass
    else:
        raise SystemExit("unknown field macro " + mac)
    add(["Remove " + what + " (and everything under it); nothing happens when absent."],
        "HPA_EXTERN(void) %sclear_%s(%s);" % (n, F, mu))
    return out


def kind_decls(T, info):
    t = ctype(T)
    kd = "%s %s" % (info["api"], info["kind"])
    return [
        (["View @p object as a typed %s (%s)." % (info["kind"], info["api"]),
          "@return the same pointer, or NULL when @p object is NULL or of another kind",
          "@ownership borrowed"],
         "HPA_EXTERN(const %s *) hpa_object_as_%s(const hpa_object *object);" % (t, T)),
        (["Mutable view of @p object as a typed %s (%s)." % (info["kind"], info["api"]),
          "@return the same pointer, or NULL when @p object is NULL or of another kind",
          "@ownership borrowed"],
         "HPA_EXTERN(%s *) hpa_object_as_%s_mut(hpa_object *object);" % (t, T)),
        (["The generic object of @p %s (same pointer; use it with the path API)." % T,
          "@ownership borrowed"],
         "HPA_EXTERN(const hpa_object *) %s_object(const %s *%s);" % (t, t, T)),
        (["The mutable generic object of @p %s (same pointer)." % T, "@ownership borrowed"],
         "HPA_EXTERN(hpa_object *) %s_object_mut(%s *%s);" % (t, t, T)),
        (["Create a standalone %s (%s) with" % (info["kind"], info["api"]) + " `apiVersion`, `kind` and, when @p name is "
          "not NULL, `metadata.name` set.",
          "@return 0, ::HPA_EINVAL, ::HPA_ENOMEM (then `*out` is NULL)",
          "@ownership caller (free with %s_free(), or give it to a manifest with "
          "hpa_manifest_append_take(manifest, %s_object_mut(*out), err))" % (t, t)],
         "HPA_EXTERN(int) %s_new(%s **out, const char *name, hpa_error *err);" % (t, t)),
        (["Deep copy of @p %s as a new standalone object." % T,
          "@return 0, ::HPA_EINVAL, ::HPA_ENOMEM (then `*out` is NULL)",
          "@ownership caller (free with %s_free())" % t],
         "HPA_EXTERN(int) %s_dup(%s **out, const %s *%s, hpa_error *err);" % (t, t, t, T)),
        (["Free a standalone %s (hpa_object_free()). NULL is allowed; one that belongs "
          "to a manifest is left alone." % T, "@ownership takes"],
         "HPA_EXTERN(void) %s_free(%s *%s);" % (t, t, T)),
    ]


def enum_block(E, info):
    up = "HPA_" + E.upper()
    lines = ["/** %s */" % info["doc"], "typedef enum {",
             "\t%s_UNKNOWN = 1, /**< present, but not a value this version knows "
             "(the `_str` getters give the text) */" % up]
    for name, text, doc in info["values"]:
        lines.append("\t%s_%s, /**< \"%s\": %s */" % (up, name, text, doc))
    lines[-1] = lines[-1].replace(", /**<", "  /**<", 1)
    lines.append("} hpa_%s_t;" % E)
    lines.append("")
    decls = [
        (["Kubernetes text of @p value (e.g. \"%s\")." % info["values"][0][1],
          "@return static text, or NULL for 0, ::%s_UNKNOWN or a value out of range" % up,
          "@ownership borrowed (static storage)"],
         "HPA_EXTERN(const char *) hpa_%s_name(hpa_%s_t value);" % (E, E)),
        (["Value of the Kubernetes text @p name (case-sensitive, as the API server).",
          "@return the value, 0 for NULL, ::%s_UNKNOWN for any other text" % up],
         "HPA_EXTERN(hpa_%s_t) hpa_%s_from_name(const char *name);" % (E, E)),
    ]
    return lines, decls


def fmt_decl(doc, decl):
    out = ["/**"]
    for d in doc:
        out.append(" * " + d)
    out.append(" */")
    out.append(decl)
    return "\n".join(out)


def render(m, H, title, desc):
    guard = "HPA_%s_H" % H.upper()
    types = [T for T in m.type_order if m.types[T]["header"] == H]
    enums = [E for E in m.enum_order if m.enums[E]["header"] == H]
    # headers this one needs
    deps = []
    for mac, T, F, path, extra, doc in m.fields:
        if T not in types:
            continue
        other = None
        if mac in ("F_OBJ", "F_LIST"):
            other = m.types[extra]["header"]
        elif mac == "F_ENUM":
            other = m.enums[extra]["header"]
        if other and other != H and other not in deps:
            deps.append(other)
    order = [h for h, _, _ in m.headers]
    deps.sort(key=order.index)
    L = []
    L.append("/**")
    L.append(" * @file hpa/%s.h" % H)
    L.append(" * @brief " + title)
    L.append(" * @defgroup %s %s" % (H, title.rstrip(".")))
    L.append(" *")
    L.append(" * " + desc)
    L.append(" *")
    L.append(" * GENERATED by lib/kinds/gen_headers.py from lib/kinds/kinds.def: edit the table,")
    L.append(" * not this file. The conventions of every typed accessor:")
    L.append(" * - Handles are opaque. A kind handle (::hpa_deployment, ...) is the same pointer")
    L.append(" *   as its ::hpa_object; a part handle points into the object's value tree.")
    L.append(" *   Borrowed handles and strings stay valid until the object is freed or that")
    L.append(" *   part is cleared/removed (memory is reclaimed with the object).")
    L.append(" * - `has_` tells absent from present; a field set to `null` counts as absent.")
    L.append(" * - Numbers and booleans are read with `int getter(h, &out, err)`: ::HPA_ENOTFOUND")
    L.append(" *   when absent, so absent, 0 and false are three states. Kubernetes defaults")
    L.append(" *   are documented, never substituted.")
    L.append(" * - Strings, quantities and enums return NULL / 0 when absent. Enums keep")
    L.append(" *   unknown text: `..._UNKNOWN` plus the `_str` getter.")
    L.append(" * - Setters copy their input and create the maps on the way; `clear_` removes.")
    L.append(" * - Every getter accepts a NULL handle (as absent), so reads can be chained.")
    L.append(" * @{")
    L.append(" */")
    L.append("#ifndef " + guard)
    L.append("#define " + guard)
    L.append("")
    L.append("#include <hpa/common.h>")
    L.append("#include <hpa/errors.h>")
    L.append("#include <hpa/manifest.h>")
    L.append("#include <hpa/object.h>")
    for d in deps:
        L.append("#include <hpa/%s.h>" % d)
    L.append("")
    L.append("HPA_BEGIN_DECL")
    L.append("")
    for T in types:
        info = m.types[T]
        if info["cat"] == "root":
            continue
        L.append("/** %s */" % info["doc"])
        L.append("typedef struct %s %s;" % (ctype(T), ctype(T)))
    L.append("")
    for E in enums:
        lines, decls = enum_block(E, m.enums[E])
        L.extend(lines)
        for d, decl in decls:
            L.append(fmt_decl(d, decl))
        L.append("")
    for T in types:
        info = m.types[T]
        L.append("/* ---- %s %s */" % (ctype(T), "-" * max(4, 70 - len(ctype(T)))))
        L.append("")
        if info["cat"] == "kind":
            for d, decl in kind_decls(T, info):
                L.append(fmt_decl(d, decl))
            L.append("")
        for mac, T2, F, path, extra, doc in m.fields:
            if T2 != T:
                continue
            for d, decl in field_decls(m, mac, T, F, path, extra, doc):
                L.append(fmt_decl(d, decl))
            L.append("")
        for T2, decl, doc in m.decls:
            if T2 == T:
                L.append(fmt_decl(doc, decl))
                L.append("")
    L.append("HPA_END_DECL")
    L.append("")
    L.append("/** @} */")
    L.append("#endif")
    return "\n".join(L) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    m = Model(parse())
    stale = []
    for H, title, desc in m.headers:
        text = render(m, H, title, desc)
        path = os.path.join(ROOT, "include", "hpa", H + ".h")
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(path)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    if check and stale:
        print("stale generated headers (run lib/kinds/gen_headers.py):", *stale)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
