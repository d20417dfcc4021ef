"""Manifests and objects: live, snake_case views over libhpa's path API.

An :class:`Object` is a view of one Kubernetes object held by the C library.
Attribute access maps snake_case to the camelCase of Kubernetes
(``hpa.spec.min_replicas`` reads ``spec.minReplicas``), maps behave like
mutable mappings and lists like mutable sequences. Views are *live* and
address their data by path: reading after a change sees the change.

Memory: every view keeps what owns its C memory alive (the manifest, or the
object itself when it is standalone), so a child stays usable after its
parent is closed or dropped.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping, MutableMapping, MutableSequence, Sequence
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _hpa_swig as _c
from ._errors import Error, InvalidArgumentError, NotFoundError, ENOTFOUND, EUNKNOWNFIELD, EUNSUPPORTED

_get = _c.hpa_py_get
_keys = _c.hpa_py_keys
_tree = _c.hpa_py_to_python
_count = _c.hpa_object_count
_type = _c.hpa_object_type
_ABSENT = Ellipsis

# ---- names and paths ---------------------------------------------------------------

_CAMEL: Dict[str, str] = {}


def camel(name: str) -> str:
    """snake_case -> camelCase (``min_replicas`` -> ``minReplicas``); other names unchanged."""
    r = _CAMEL.get(name)
    if r is None:
        if "_" in name.strip("_"):
            head, *rest = name.split("_")
            r = head + "".join(p[:1].upper() + p[1:] for p in rest)
        else:
            r = name
        _CAMEL[name] = r
    return r


def snake(name: str) -> str:
    """camelCase -> snake_case (``minReplicas`` -> ``min_replicas``, ``clusterIP`` -> ``cluster_ip``)."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (not name[i - 1].isupper() or (i + 1 < len(name) and name[i + 1].islower())):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


_SPECIAL = frozenset('.[]"\\')


def join(path: str, key: str) -> str:
    """Append a map key to a path (bracketed and quoted when it needs it)."""
    if key and not _SPECIAL.intersection(key):
        return path + "." + key if path else key
    return '%s["%s"]' % (path, key.replace("\\", "\\\\").replace('"', '\\"'))


# ---- writing Python values into an object ------------------------------------------------

def _assign(root: "Object", path: str, value: Any) -> None:
    o = root._o
    if isinstance(value, Node):
        value = value._plain()
    if value is None:
        try:
            _c.hpa_object_clear(o, path)
        except NotFoundError:
            pass
    elif value is True or value is False:
        _c.hpa_object_set_bool(o, path, value)
    elif isinstance(value, int):
        _c.hpa_object_set_int64(o, path, value)
    elif isinstance(value, float):
        if value.is_integer() and abs(value) < 2 ** 63:
            _c.hpa_object_set_int64(o, path, int(value))
        else:
            # the path API stores numbers as integers or text: a float becomes its
            # (quantity) text, which is what Kubernetes' quantity fields expect
            _c.hpa_object_set_string(o, path, repr(value))
    elif isinstance(value, str):
        _c.hpa_object_set_string(o, path, value)
    elif isinstance(value, Mapping):
        _c.hpa_object_set_empty(o, path, False)
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError("map keys must be str, got %r" % (k,))
            _assign(root, join(path, k), v)
    elif isinstance(value, (list, tuple)):
        _c.hpa_object_set_empty(o, path, True)
        for i, v in enumerate(value):
            _assign(root, "%s[%d]" % (path, i), v)
    else:
        raise TypeError("cannot store a %s in a Kubernetes object" % type(value).__name__)


class _Hybrid:
    """A mapping method that yields to a data field of the same name
    (``requirement.values`` is the list of values of a label selector)."""

    def __init__(self, func: Any) -> None:
        self.func = func
        self.name = func.__name__

    def __get__(self, inst: Any, owner: Any) -> Any:
        if inst is None:
            return self.func
        if _type(inst._root._o, join(inst._path, self.name)):
            return inst._child(join(inst._path, self.name))
        return self.func.__get__(inst, owner)


# ---- views ----------------------------------------------------------------------------------

class Node:
    """Common part of :class:`Map`, :class:`List` and :class:`Object`: a path in an object."""

    __slots__ = ("_root", "_path")
    _root: "Object"
    _path: str

    def _child(self, path: str) -> Any:
        v = _get(self._root._o, path)
        if v is dict:
            return Map._make(self._root, path)
        if v is list:
            return List._make(self._root, path)
        if v is _ABSENT:
            return None
        return v

    def _plain(self) -> Any:
        return _tree(self._root._o, self._path)

    @property
    def hpa_path(self) -> str:
        """The field path of this view (kubectl syntax, ``""`` for the object).
        (Not ``path``: that is a Kubernetes field name, e.g. an Ingress path.)"""
        return self._path

    def position(self) -> Tuple[int, int]:
        """(line, column) of this value in its source, (0, 0) when unknown."""
        o = self._root._o
        return (_c.hpa_object_line_of(o, self._path), _c.hpa_object_column_of(o, self._path))


class Map(Node, MutableMapping):
    """A map of an object: a mutable mapping, plus snake_case attribute access."""

    __slots__ = ()

    @classmethod
    def _make(cls, root: "Object", path: str) -> "Map":
        m = object.__new__(cls)
        object.__setattr__(m, "_root", root)
        object.__setattr__(m, "_path", path)
        return m

    # -- attributes: snake_case -> camelCase --
    def _resolve(self, name: str, for_write: bool) -> str:
        """The key an attribute name stands for."""
        o = self._root._o
        key = camel(name)
        if _type(o, join(self._path, key)):
            return key
        if key != name and _type(o, join(self._path, name)):
            return name
        folded = name.replace("_", "").lower()
        for k in _keys(o, self._path):
            if k.replace("_", "").lower() == folded:
                return k
        # not present: ask the schema of typed (and schema-known) kinds
        root = self._root
        try:
            _c.hpa_schema_lookup(root.api_version, root.kind, join(self._path, key))
            return key
        except Error as e:
            if e.code == EUNSUPPORTED:
                return key  # a kind the schema does not know: any field
            if e.code != EUNKNOWNFIELD:
                return key
        try:
            parent = _c.hpa_schema_lookup(root.api_version, root.kind, self._path)
            for i in range(_c.hpa_schema_field_count(parent)):
                f = _c.hpa_schema_field_name(_c.hpa_schema_field_at(parent, i))
                if f.lower() == folded:
                    return f
        except Error:
            pass
        raise AttributeError("%s has no field %r (%s)" % (
            root.kind or "object", name, join(self._path, key)))

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        root = self._root
        o = root._o
        key = _CAMEL.get(name) or camel(name)
        # an identifier never needs quoting in a path
        path = self._path + "." + key if self._path else key
        v = _get(o, path)
        if v is _ABSENT:
            key = self._resolve(name, False)
            path = join(self._path, key)
            v = _get(o, path)
            if v is _ABSENT:
                return None
        if v is dict:
            m = _new(Map)
            _set_root(m, root)
            _set_path(m, path)
            return m
        if v is list:
            return List._make(root, path)
        return v

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        _assign(self._root, join(self._path, self._resolve(name, True)), value)

    def __delattr__(self, name: str) -> None:
        try:
            _c.hpa_object_clear(self._root._o, join(self._path, self._resolve(name, True)))
        except NotFoundError:
            raise AttributeError(name) from None

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | {snake(k) for k in self.keys() if k.isidentifier()})

    # -- mapping protocol (keys are Kubernetes keys, verbatim) --
    def __getitem__(self, key: str) -> Any:
        if not isinstance(key, str):
            raise KeyError(key)
        path = join(self._path, key)
        v = _get(self._root._o, path)
        if v is _ABSENT:
            raise KeyError(key)
        if v is dict:
            return Map._make(self._root, path)
        if v is list:
            return List._make(self._root, path)
        return v

    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(key, str):
            raise TypeError("map keys must be str")
        _assign(self._root, join(self._path, key), value)

    def __delitem__(self, key: str) -> None:
        try:
            _c.hpa_object_clear(self._root._o, join(self._path, key))
        except NotFoundError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(_keys(self._root._o, self._path))

    def __len__(self) -> int:
        return _count(self._root._o, self._path)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _type(self._root._o, join(self._path, key)) != 0

    @_Hybrid
    def keys(self):  # type: ignore[override]
        return _keys(self._root._o, self._path)

    @_Hybrid
    def values(self):  # type: ignore[override]
        return [self[k] for k in _keys(self._root._o, self._path)]

    @_Hybrid
    def items(self):  # type: ignore[override]
        return [(k, self[k]) for k in _keys(self._root._o, self._path)]

    @_Hybrid
    def get(self, key, default=None):  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def to_dict(self) -> Dict[str, Any]:
        """A deep copy as plain dicts, lists and scalars (camelCase keys, as in YAML)."""
        return _tree(self._root._o, self._path)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Node):
            return self._plain() == other._plain()
        if isinstance(other, Mapping):
            return self.to_dict() == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "%s(%r)" % (type(self).__name__, self.to_dict())


_new = object.__new__
_set_root = Node._root.__set__  # type: ignore[attr-defined]
_set_path = Node._path.__set__  # type: ignore[attr-defined]


class List(Node, MutableSequence):
    """A list of an object: a mutable sequence (IndexError out of range)."""

    __slots__ = ()

    @classmethod
    def _make(cls, root: "Object", path: str) -> "List":
        l = object.__new__(cls)
        object.__setattr__(l, "_root", root)
        object.__setattr__(l, "_path", path)
        return l

    def __len__(self) -> int:
        return _count(self._root._o, self._path)

    def _index(self, i: int) -> int:
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("list index out of range")
        return i

    def __getitem__(self, i):  # type: ignore[override]
        if type(i) is int and i >= 0:
            # one C call: an index past the end reads as absent
            path = "%s[%d]" % (self._path, i)
            v = _get(self._root._o, path)
            if v is _ABSENT:
                raise IndexError("list index out of range")
            if v is dict:
                m = _new(Map)
                _set_root(m, self._root)
                _set_path(m, path)
                return m
            if v is list:
                return List._make(self._root, path)
            return v
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._child("%s[%d]" % (self._path, self._index(i.__index__())))

    def __setitem__(self, i, value):  # type: ignore[override]
        if isinstance(i, slice):
            items = self.to_list()
            items[i] = [v._plain() if isinstance(v, Node) else v for v in value]
            _assign(self._root, self._path, items)
            return
        _assign(self._root, "%s[%d]" % (self._path, self._index(i.__index__())), value)

    def __delitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            items = self.to_list()
            del items[i]
            _assign(self._root, self._path, items)
            return
        _c.hpa_object_clear(self._root._o, "%s[%d]" % (self._path, self._index(i.__index__())))

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self._child("%s[%d]" % (self._path, i))

    def append(self, value: Any) -> None:
        _assign(self._root, "%s[%d]" % (self._path, len(self)), value)

    def insert(self, i: int, value: Any) -> None:
        n = len(self)
        if i >= n:
            self.append(value)
            return
        items = self.to_list()
        items.insert(i, value._plain() if isinstance(value, Node) else value)
        _assign(self._root, self._path, items)

    def to_list(self) -> List[Any]:
        """A deep copy as a plain list."""
        return _tree(self._root._o, self._path)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Node):
            return self._plain() == other._plain()
        if isinstance(other, (list, tuple)):
            return self.to_list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "List(%r)" % (self.to_list(),)


# ---- objects ------------------------------------------------------------------------------------

_METADATA_KW = ("name", "namespace", "labels", "annotations", "generate_name")


class Object(Map):
    """One Kubernetes object (any kind).

    ``Object(api_version="v1", kind="ConfigMap", name="cfg", data={"k": "v"})``
    creates a standalone object: ``name``, ``namespace``, ``labels`` and
    ``annotations`` go to ``metadata``, other keywords are top-level fields
    (snake_case names are converted to camelCase; keys of dict values are
    used verbatim). The typed kinds (:class:`Deployment`, :class:`Service`,
    :class:`Ingress`, :class:`HorizontalPodAutoscaler`) put other keywords
    under ``spec``.
    """

    __slots__ = ("_o", "_keep", "__weakref__")
    _API: Optional[str] = None
    _KIND: Optional[str] = None
    _SPEC_KW = False

    def __init__(self, api_version: Optional[str] = None, kind: Optional[str] = None, **fields: Any) -> None:
        api_version = api_version or self._API
        kind = kind or self._KIND
        if not api_version or not kind:
            raise InvalidArgumentError("Object() needs api_version and kind", -3)
        h = _c.hpa_object_new(api_version, kind)
        object.__setattr__(self, "_o", h)
        object.__setattr__(self, "_keep", h)
        object.__setattr__(self, "_root", self)
        object.__setattr__(self, "_path", "")
        self._apply(fields)

    def _apply(self, fields: Dict[str, Any]) -> None:
        for k in _METADATA_KW:
            if k in fields:
                _assign(self, "metadata." + camel(k), fields.pop(k))
        for section in ("metadata", "spec", "status"):
            if section in fields:
                value = fields.pop(section)
                if value is not None:
                    for k, v in dict(value).items():
                        _assign(self, join(section, k), v)
        for k, v in fields.items():
            if self._SPEC_KW:
                _assign(self, join("spec", Map._make(self, "spec")._resolve(k, True)), v)
            else:
                _assign(self, self._resolve(k, True), v)

    @classmethod
    def _wrap(cls, handle: Any, keep: Any, kind: Optional[int] = None) -> "Object":
        if kind is None:
            kind = _c.hpa_object_kind(handle)
        k = _KIND_CLASSES.get(kind, Object)
        o = object.__new__(k)
        object.__setattr__(o, "_o", handle)
        object.__setattr__(o, "_keep", keep)
        object.__setattr__(o, "_root", o)
        object.__setattr__(o, "_path", "")
        return o

    # -- identity --
    @property
    def api_version(self) -> str:
        return _c.hpa_object_api_version(self._o)

    @property
    def kind(self) -> str:
        return _c.hpa_object_kind_name(self._o)

    @property
    def name(self) -> str:
        """``metadata.name`` ("" when unset)."""
        return _c.hpa_object_name(self._o)

    @name.setter
    def name(self, value: str) -> None:
        _assign(self, "metadata.name", value)

    @property
    def namespace(self) -> str:
        """``metadata.namespace`` ("" when unset)."""
        return _c.hpa_object_namespace(self._o)

    @namespace.setter
    def namespace(self, value: str) -> None:
        _assign(self, "metadata.namespace", value)

    @property
    def document(self) -> int:
        """0-based index of the object's document in its source stream."""
        return _c.hpa_object_document(self._o)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("name", "namespace"):
            object.__setattr__(self, name, value)
        else:
            Map.__setattr__(self, name, value)

    # -- copies, conversion, comparison --
    def copy(self) -> "Object":
        """A deep, standalone copy."""
        h = _c.hpa_object_dup(self._o)
        return Object._wrap(h, h)

    __copy__ = copy

    def __deepcopy__(self, memo: Any) -> "Object":
        return self.copy()

    def to_dict(self) -> Dict[str, Any]:
        """The object as plain dicts, lists and scalars (what ``yaml.safe_load`` would give)."""
        return _tree(self._o, "")

    @classmethod
    def from_dict(cls, data: Mapping) -> "Object":
        """A standalone object from a dict in Kubernetes form (camelCase keys)."""
        m = _parse(json.dumps(data, ensure_ascii=False).encode(), 2, "<dict>")
        n = _c.hpa_manifest_count(m)
        if n != 1:
            raise InvalidArgumentError("expected one object, the dict holds %d" % n, -3)
        h = _c.hpa_object_dup(_c.hpa_manifest_at(m, 0))
        obj = Object._wrap(h, h)
        if cls is not Object and not isinstance(obj, cls):
            raise InvalidArgumentError("expected a %s, got %s" % (cls._KIND, obj.kind), -3)
        return obj

    def dump(self, fmt: str = "yaml", stream: Any = None, **options: Any) -> Optional[str]:
        """This object as YAML or JSON (see :func:`dump`)."""
        return dump(self, stream, fmt=fmt, **options)

    def validate(self, **options: Any) -> List[Any]:
        """API-server validation of this object: a list of :class:`Diagnostic`."""
        from ._tools import validate
        return validate(self, **options)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Object):
            return bool(_c.hpa_object_equal(self._o, other._o))
        return Map.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        cls = type(self).__name__
        fields = []
        if cls == "Object":
            fields.append("api_version=%r, kind=%r" % (self.api_version, self.kind))
        if self.name:
            fields.append("name=%r" % self.name)
        if self.namespace:
            fields.append("namespace=%r" % self.namespace)
        return "%s(%s)" % (cls, ", ".join(fields))

    def __reduce__(self) -> Any:
        return (Object.from_dict, (self.to_dict(),))


class Deployment(Object):
    """An apps/v1 Deployment. ``Deployment(name="order", replicas=1)``: other keywords go to ``spec``."""
    __slots__ = ()
    _API, _KIND, _SPEC_KW = "apps/v1", "Deployment", True


class Service(Object):
    """A v1 Service. Keywords other than metadata ones go to ``spec``."""
    __slots__ = ()
    _API, _KIND, _SPEC_KW = "v1", "Service", True


class Ingress(Object):
    """A networking.k8s.io/v1 Ingress. Keywords other than metadata ones go to ``spec``."""
    __slots__ = ()
    _API, _KIND, _SPEC_KW = "networking.k8s.io/v1", "Ingress", True


class HorizontalPodAutoscaler(Object):
    """An autoscaling/v2 HorizontalPodAutoscaler.
    ``HorizontalPodAutoscaler(name="order-hpa", min_replicas=1, max_replicas=5, ...)``."""
    __slots__ = ()
    _API, _KIND, _SPEC_KW = "autoscaling/v2", "HorizontalPodAutoscaler", True


_KIND_CLASSES = {
    _c.HPA_KIND_DEPLOYMENT: Deployment,
    _c.HPA_KIND_SERVICE: Service,
    _c.HPA_KIND_INGRESS: Ingress,
    _c.HPA_KIND_AUTOSCALER: HorizontalPodAutoscaler,
}


# ---- manifests ----------------------------------------------------------------------------------

class Manifest(Sequence):
    """An ordered list of objects (a YAML stream or a JSON List).

    Indexing and iteration give :class:`Object` views (the same view for the
    same object). ``append`` takes a standalone object (or copies one that
    belongs elsewhere); removing an object turns its existing views into a
    standalone copy, so they stay valid.
    """

    __slots__ = ("_m", "_objs", "__weakref__")

    def __init__(self, objects: Iterable[Any] = ()) -> None:
        self._m = _c.hpa_manifest_new()
        self._objs: Optional[List[Optional[Object]]] = []
        for o in objects:
            self.append(o)

    @classmethod
    def _wrap(cls, handle: Any) -> "Manifest":
        m = object.__new__(cls)
        m._m = handle
        m._objs = None
        return m

    def _handle(self) -> Any:
        if self._m is None:
            raise ValueError("the manifest is closed")
        return self._m

    def _all(self) -> List[Optional[Object]]:
        if self._objs is None:
            keep = self._handle()
            self._objs = [Object._wrap(h, keep, k) for h, k in _c.hpa_py_objects(keep)]
        return self._objs

    def __len__(self) -> int:
        return _c.hpa_manifest_count(self._handle())

    def __getitem__(self, i):  # type: ignore[override]
        objs = self._all()
        if isinstance(i, slice):
            return objs[i]
        return objs[i]

    def __iter__(self) -> Iterator[Object]:
        return iter(list(self._all()))

    def append(self, obj: Any) -> Object:
        """Add an object (an :class:`Object` or a dict) at the end; returns its view in this manifest."""
        m = self._handle()
        objs = self._all()
        if isinstance(obj, Mapping) and not isinstance(obj, Object):
            obj = Object.from_dict(obj)
        if not isinstance(obj, Object):
            raise TypeError("expected an hpa.Object or a dict, got %s" % type(obj).__name__)
        if obj._keep is obj._o:
            # standalone: the manifest takes it, the view now lives in the manifest
            _c.hpa_manifest_append_take(m, obj._o)
            object.__setattr__(obj, "_keep", m)
            objs.append(obj)
            return obj
        h = _c.hpa_manifest_append_copy(m, obj._o)
        view = Object._wrap(h, m)
        objs.append(view)
        return view

    def extend(self, objects: Iterable[Any]) -> None:
        for o in objects:
            self.append(o)

    def __delitem__(self, i: int) -> None:
        self.pop(i)

    def pop(self, i: int = -1) -> Object:
        """Remove the object at ``i`` and return it as a standalone object."""
        m = self._handle()
        objs = self._all()
        n = len(objs)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("manifest index out of range")
        view = objs[i]
        h = _c.hpa_object_dup(view._o)
        object.__setattr__(view, "_o", h)
        object.__setattr__(view, "_keep", h)
        _c.hpa_manifest_remove_at(m, i)
        del objs[i]
        return view

    def remove(self, obj: Object) -> None:  # type: ignore[override]
        for i, o in enumerate(self._all()):
            if o is obj:
                self.pop(i)
                return
        raise ValueError("object not in manifest")

    def index(self, obj: Any, start: int = 0, stop: Optional[int] = None) -> int:  # type: ignore[override]
        for i, o in enumerate(self._all()[start:stop], start):
            if o is obj:
                return i
        raise ValueError("object not in manifest")

    def __contains__(self, obj: object) -> bool:
        return any(o is obj for o in self._all())

    # -- queries --
    def of_kind(self, kind: str) -> List[Object]:
        """Objects whose ``kind`` is ``kind`` ("Deployment", "HorizontalPodAutoscaler", ...)."""
        return [o for o in self._all() if o.kind == kind]

    def find(self, kind: str, name: str, namespace: Optional[str] = None) -> Optional[Object]:
        """The first object of this kind and name (and namespace when given), or None."""
        for o in self._all():
            if o.kind == kind and o.name == name and (namespace is None or o.namespace == namespace):
                return o
        return None

    @property
    def deployments(self) -> List[Object]:
        return self.of_kind("Deployment")

    @property
    def services(self) -> List[Object]:
        return self.of_kind("Service")

    @property
    def ingresses(self) -> List[Object]:
        return self.of_kind("Ingress")

    @property
    def autoscalers(self) -> List[Object]:
        return self.of_kind("HorizontalPodAutoscaler")

    @property
    def document_count(self) -> int:
        """Documents of the source stream, empty ones included."""
        return _c.hpa_manifest_document_count(self._handle())

    @property
    def source(self) -> str:
        return _c.hpa_manifest_source(self._handle())

    # -- output, checks --
    def dump(self, fmt: str = "yaml", stream: Any = None, **options: Any) -> Optional[str]:
        """The manifest as YAML (a stream) or JSON (one object, or a List); see :func:`dump_all`."""
        return dump_all(self, stream, fmt=fmt, **options)

    def lint(self, **options: Any) -> List[Any]:
        """Lint the manifest as a set of objects: a list of :class:`Diagnostic`."""
        from ._tools import lint
        return lint(self, **options)

    def validate(self, **options: Any) -> List[Any]:
        from ._tools import validate
        return validate(self, **options)

    def to_list(self) -> List[Dict[str, Any]]:
        """Every object as a plain dict."""
        return [o.to_dict() for o in self._all()]

    def close(self) -> None:
        """Drop this manifest's handle. Objects already taken from it stay valid
        (the C memory is freed when the last of them is gone)."""
        self._m = None
        self._objs = None

    def __enter__(self) -> "Manifest":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Manifest):
            a, b = self._all(), other._all()
            return len(a) == len(b) and all(x == y for x, y in zip(a, b))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if self._m is None:
            return "Manifest(<closed>)"
        items = ["%s/%s" % (o.kind, o.name) for o in self._all()[:5]]
        if len(self) > 5:
            items.append("... %d more" % (len(self) - 5))
        return "Manifest([%s])" % ", ".join(items)


# ---- loading and dumping -----------------------------------------------------------------------

_FORMATS = {None: 0, "auto": 0, "yaml": 1, "yml": 1, "json": 2}
PARSE_STRICT = _c.HPA_PARSE_STRICT
PARSE_ALLOW_DUPLICATES = _c.HPA_PARSE_ALLOW_DUPLICATES
PARSE_ALLOW_ALIASES = _c.HPA_PARSE_ALLOW_ALIASES


def _fmt(fmt: Optional[str]) -> int:
    try:
        return _FORMATS[fmt.lower() if isinstance(fmt, str) else fmt]
    except KeyError:
        raise ValueError("fmt must be 'yaml' or 'json', not %r" % (fmt,)) from None


def _read_source(source: Any) -> Tuple[Union[str, bytes], Optional[str]]:
    """(text, source name) of str / bytes / path / file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    if isinstance(source, os.PathLike):
        with open(source, "rb") as f:
            return f.read(), os.fspath(source)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and source.strip() == source and os.path.isfile(source):
            with open(source, "rb") as f:
                return f.read(), source
        return source, None
    read = getattr(source, "read", None)
    if read is not None:
        data = read()
        name = getattr(source, "name", None)
        return data, name if isinstance(name, str) and not name.startswith("<") else None
    raise TypeError("expected str, bytes, a path or a file object, got %s" % type(source).__name__)


def _parse(data: Union[str, bytes], fmt: int, source_name: Optional[str], flags: int = 0,
           max_input_bytes: int = 0, max_depth: int = 0, max_documents: int = 0,
           max_aliases: int = 0, max_scalar_bytes: int = 0) -> Any:
    return _c.hpa_bind_parse(data, fmt, flags, source_name, max_input_bytes, max_depth, max_documents,
                             max_aliases, max_scalar_bytes)


def load_all(source: Any, fmt: Optional[str] = None, *, strict: bool = False,
             allow_duplicates: bool = False, allow_aliases: bool = False,
             source_name: Optional[str] = None, max_input_bytes: int = 0, max_depth: int = 0,
             max_documents: int = 0, max_aliases: int = 0, max_scalar_bytes: int = 0) -> Manifest:
    """Read every object of a YAML stream or JSON document.

    ``source`` is YAML/JSON text (str or bytes), a path (``os.PathLike``, or a
    str naming an existing file), or a file object. ``fmt`` is "yaml",
    "json" or None (JSON when the text starts with ``{`` or ``[``). Returns a
    :class:`Manifest` (iterate it for the objects). Errors raise
    :class:`ParseError` (with line, column, document, path), :class:`LimitError`...
    """
    data, name = _read_source(source)
    flags = ((PARSE_STRICT if strict else 0) | (PARSE_ALLOW_DUPLICATES if allow_duplicates else 0)
             | (PARSE_ALLOW_ALIASES if allow_aliases else 0))
    return Manifest._wrap(_parse(data, _fmt(fmt), source_name or name, flags, max_input_bytes, max_depth,
                                 max_documents, max_aliases, max_scalar_bytes))


def load(source: Any, fmt: Optional[str] = None, **options: Any) -> Optional[Object]:
    """Read exactly one object (None when the input holds no object)."""
    m = load_all(source, fmt, **options)
    n = len(m)
    if n == 0:
        return None
    if n > 1:
        raise InvalidArgumentError("expected one object, the input holds %d (use load_all)" % n, -3,
                                   source=m.source)
    return m[0]


def _write_options(sort_keys: bool = False, omit_status: bool = False, compact: bool = False,
                   indent: int = 0) -> Tuple[int, int]:
    flags = ((_c.HPA_WRITE_SORT_KEYS if sort_keys else 0) | (_c.HPA_WRITE_OMIT_STATUS if omit_status else 0)
             | (_c.HPA_WRITE_COMPACT if compact else 0))
    return flags, indent


def _emit(text: str, stream: Any) -> Optional[str]:
    if stream is None:
        return text
    if isinstance(stream, (str, os.PathLike)):
        with open(stream, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return None
    try:
        stream.write(text)
    except TypeError:
        stream.write(text.encode("utf-8"))
    return None


def dump_all(objects: Any, stream: Any = None, fmt: str = "yaml", *, sort_keys: bool = False,
             omit_status: bool = False, compact: bool = False, indent: int = 0) -> Optional[str]:
    """Write objects (a :class:`Manifest`, or any iterable of objects / dicts)
    as a YAML stream or as JSON (one object, or a ``List``), the way kubectl
    prints them. Returns the text when ``stream`` is None, else writes it to
    ``stream`` (a file object, or a path)."""
    f = _fmt(fmt) or 1
    flags, ind = _write_options(sort_keys, omit_status, compact, indent)
    if isinstance(objects, Manifest):
        text = _c.hpa_bind_write(objects._handle(), f, flags, ind)
    else:
        tmp = Manifest()
        for o in objects:
            if isinstance(o, Object):
                _c.hpa_manifest_append_copy(tmp._m, o._o)
            else:
                tmp.append(o)
        text = _c.hpa_bind_write(tmp._m, f, flags, ind)
    return _emit(text, stream)


def dump(obj: Any, stream: Any = None, fmt: str = "yaml", **options: Any) -> Optional[str]:
    """Write one object (an :class:`Object` or a dict) as a YAML document or a JSON object."""
    if isinstance(obj, Manifest):
        return dump_all(obj, stream, fmt, **options)
    if not isinstance(obj, Object):
        obj = Object.from_dict(obj)
    flags, ind = _write_options(**options)
    return _emit(_c.hpa_bind_write_object(obj._o, _fmt(fmt) or 1, flags, ind), stream)
