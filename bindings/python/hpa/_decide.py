"""The HPA replica decision: decide / explain from real objects, the input
builder, the controller history, and the result records."""

from __future__ import annotations

import datetime as _dt
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _hpa_swig as _c
from ._objects import Manifest, Object, load_all

SOURCE_TYPES = {"Resource": _c.HPA_SOURCE_RESOURCE, "ContainerResource": _c.HPA_SOURCE_CONTAINER_RESOURCE,
                "Pods": _c.HPA_SOURCE_PODS, "Object": _c.HPA_SOURCE_OBJECT, "External": _c.HPA_SOURCE_EXTERNAL}
TARGET_TYPES = {"Utilization": _c.HPA_TARGET_UTILIZATION, "AverageValue": _c.HPA_TARGET_AVERAGE_VALUE,
                "Value": _c.HPA_TARGET_VALUE}
RESOURCES = {"cpu": _c.HPA_RESOURCE_CPU, "memory": _c.HPA_RESOURCE_MEMORY}
PHASES = {"Running": _c.HPA_PHASE_RUNNING, "Pending": _c.HPA_PHASE_PENDING, "Succeeded": _c.HPA_PHASE_SUCCEEDED,
          "Failed": _c.HPA_PHASE_FAILED, "Unknown": _c.HPA_PHASE_UNKNOWN}
COND_STATUS = {"True": _c.HPA_COND_TRUE, "False": _c.HPA_COND_FALSE, "Unknown": _c.HPA_COND_UNKNOWN}
SELECT_POLICIES = {"Max": _c.HPA_SELECT_MAX, "Min": _c.HPA_SELECT_MIN, "Disabled": _c.HPA_SELECT_DISABLED}
POLICY_TYPES = {"Pods": _c.HPA_POLICY_PODS, "Percent": _c.HPA_POLICY_PERCENT}
CONTAINER_KINDS = {"app": _c.HPA_CONTAINER_APP, "init": _c.HPA_CONTAINER_INIT, "sidecar": _c.HPA_CONTAINER_SIDECAR}
SELECTORS = {"ok": _c.HPA_SELECTOR_OK, "empty": _c.HPA_SELECTOR_EMPTY, "invalid": _c.HPA_SELECTOR_INVALID,
             "ambiguous": _c.HPA_SELECTOR_AMBIGUOUS}
SCALE_UP, SCALE_DOWN = _c.HPA_SCALE_UP, _c.HPA_SCALE_DOWN
TIME_ZERO_MS = -62135596800000
_CPU_BIT = 1 << _c.HPA_RESOURCE_CPU
_MEM_BIT = 1 << _c.HPA_RESOURCE_MEMORY
_STABILIZATION = {1: "ReadyForNewScale", 2: "ScaleUpStabilized", 3: "ScaleDownStabilized"}


def to_ms(t: Any) -> int:
    """Unix milliseconds of a datetime, an RFC 3339 string, or a number of milliseconds."""
    if t is None:
        return TIME_ZERO_MS
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=_dt.timezone.utc)
        return int(round(t.timestamp() * 1000))
    if isinstance(t, str):
        return _c.hpa_explain_parse_time(t)
    return int(t)


def duration_ms(d: Any) -> int:
    """Milliseconds of a timedelta, a Go duration string ("90s", "1m30s") or a number of seconds."""
    if isinstance(d, _dt.timedelta):
        return int(round(d.total_seconds() * 1000))
    if isinstance(d, str):
        return _c.hpa_explain_parse_duration(d)
    return int(round(float(d) * 1000))


def milli(q: Any) -> int:
    """Milli-value of a quantity ("500m", "1Gi", 2) as Kubernetes' MilliValue()."""
    if isinstance(q, bool):
        raise TypeError("a quantity cannot be a bool")
    if q is None:
        raise TypeError("a quantity cannot be None")
    if isinstance(q, int):
        return q * 1000
    return _c.hpa_bind_quantity_milli(str(q))[0]


class Options:
    """Controller flags and feature gates of a decision (``hpa_decide_options``).

    Keywords: ``semantics`` ("released" | "master"), ``tolerance``,
    ``cpu_initialization_period`` / ``initial_readiness_delay`` /
    ``downscale_stabilization`` (seconds, timedelta or "5m"),
    ``scale_up_limit_factor``, ``scale_up_limit_minimum``, ``scale_to_zero``,
    ``pod_level_resources``, ``configurable_tolerance``, ``no_text``.
    """

    def __init__(self, **kw: Any) -> None:
        o = _c.hpa_decide_options()
        _c.hpa_decide_options_init(o, _c.HPA_DECIDE_OPTIONS_VERSION)
        self._o = o
        for k, v in kw.items():
            setattr(self, k, v)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "_o":
            object.__setattr__(self, name, value)
            return
        o = self._o
        if name == "semantics":
            o.semantics = {"released": _c.HPA_SEMANTICS_RELEASED, "master": _c.HPA_SEMANTICS_MASTER}.get(
                value, value)
        elif name in ("cpu_initialization_period", "initial_readiness_delay", "downscale_stabilization"):
            setattr(o, name + "_ms", duration_ms(value))
        elif name in ("tolerance", "scale_up_limit_factor", "scale_up_limit_minimum"):
            setattr(o, name, float(value))
        elif name in ("scale_to_zero", "pod_level_resources", "configurable_tolerance", "no_text",
                      "cpu_initialization_period_ms", "initial_readiness_delay_ms", "downscale_stabilization_ms"):
            setattr(o, name, value)
        else:
            raise AttributeError("unknown decide option %r" % name)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._o, name)

    def __repr__(self) -> str:
        o = self._o
        return ("Options(semantics=%s, tolerance=%g, cpu_initialization_period_ms=%d, initial_readiness_delay_ms=%d,"
                " downscale_stabilization_ms=%d, scale_up_limit_factor=%g, scale_up_limit_minimum=%g,"
                " scale_to_zero=%s, pod_level_resources=%s, configurable_tolerance=%s)" % (
                    "master" if o.semantics == _c.HPA_SEMANTICS_MASTER else "released", o.tolerance,
                    o.cpu_initialization_period_ms, o.initial_readiness_delay_ms, o.downscale_stabilization_ms,
                    o.scale_up_limit_factor, o.scale_up_limit_minimum, o.scale_to_zero, o.pod_level_resources,
                    o.configurable_tolerance))


def _options(options: Any, kw: Dict[str, Any]) -> Any:
    if options is None:
        return Options(**kw)._o if kw else None
    if isinstance(options, Options):
        if kw:
            raise TypeError("pass options= or option keywords, not both")
        return options._o
    if isinstance(options, Mapping):
        return Options(**dict(options, **kw))._o
    return options


# ---- history --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Recommendation:
    replicas: int
    timestamp_ms: int


@dataclass(frozen=True)
class ScaleEvent:
    replica_change: int
    timestamp_ms: int
    outdated: bool


class History:
    """The controller's in-memory state of one HPA (recommendations and scale events)."""

    def __init__(self, capacity: int = 0) -> None:
        self._h = _c.hpa_history_new(capacity)

    @classmethod
    def from_json(cls, source: Union[str, bytes], capacity: int = 0) -> "History":
        """Read the history JSON format (docs/decide.md)."""
        h = cls.__new__(cls)
        h._h = _c.hpa_history_read_json(source, capacity)
        return h

    def to_json(self) -> str:
        return _c.hpa_history_write_json(self._h)

    @property
    def capacity(self) -> int:
        return _c.hpa_history_capacity(self._h)

    @property
    def evictions(self) -> int:
        return _c.hpa_history_evictions(self._h)

    @property
    def has_recommendations(self) -> bool:
        """True when the recommendation list exists (possibly empty), False when it is nil."""
        return _c.hpa_history_has_recommendations(self._h)

    @has_recommendations.setter
    def has_recommendations(self, value: bool) -> None:
        _c.hpa_history_set_has_recommendations(self._h, bool(value))

    @property
    def recommendations(self) -> List[Recommendation]:
        out = []
        for i in range(_c.hpa_history_recommendation_count(self._h)):
            r = _c.hpa_history_recommendation_at(self._h, i)
            out.append(Recommendation(r.replicas, r.timestamp_ms))
        return out

    def events(self, direction: int) -> List[ScaleEvent]:
        out = []
        for i in range(_c.hpa_history_event_count(self._h, direction)):
            e = _c.hpa_history_event_at(self._h, direction, i)
            out.append(ScaleEvent(e.replica_change, e.timestamp_ms, e.outdated))
        return out

    @property
    def scale_up_events(self) -> List[ScaleEvent]:
        return self.events(SCALE_UP)

    @property
    def scale_down_events(self) -> List[ScaleEvent]:
        return self.events(SCALE_DOWN)

    def add_recommendation(self, replicas: int, timestamp: Any) -> None:
        _c.hpa_history_add_recommendation(self._h, replicas, to_ms(timestamp))

    def add_event(self, direction: int, replica_change: int, timestamp: Any, outdated: bool = False) -> None:
        _c.hpa_history_add_event(self._h, direction, replica_change, to_ms(timestamp), outdated)

    def replica_change(self, direction: int, period: Any, now: Any) -> int:
        return _c.hpa_history_replica_change(self._h, direction, duration_ms(period), to_ms(now))

    def record(self, decision: "Decision") -> None:
        """Apply a decision's bookkeeping (what the controller stores after a reconcile)."""
        _c.hpa_history_record(self._h, decision._raw, decision.now_ms)

    def clear(self) -> None:
        _c.hpa_history_clear(self._h)

    def __repr__(self) -> str:
        return "History(recommendations=%d, scale_up_events=%d, scale_down_events=%d)" % (
            _c.hpa_history_recommendation_count(self._h), _c.hpa_history_event_count(self._h, SCALE_UP),
            _c.hpa_history_event_count(self._h, SCALE_DOWN))


# ---- results ----------------------------------------------------------------------------------------

@dataclass
class MetricResult:
    """One metric of a decision (its proposal and its status.currentMetrics values).
    Quantities are milli-values (cpu in milli-cores, memory in bytes x 1000)."""
    type: str
    name: str
    valid: bool
    replicas: int
    targets: str
    failure_reason: Optional[str] = None
    message: str = ""
    average_utilization: Optional[int] = None
    average_value_milli: Optional[int] = None
    value_milli: Optional[int] = None
    usage_ratio: Optional[float] = None
    ready: int = 0
    unready: int = 0
    missing: int = 0
    ignored: int = 0
    samples: int = 0
    rebalanced: bool = False
    pod_classes: Dict[str, str] = field(default_factory=dict)


@dataclass
class Condition:
    type: str
    status: str
    reason: str
    message: str


@dataclass
class Decision:
    """Outcome of one reconcile (``hpa_decision``)."""
    current_replicas: int
    desired_replicas: int
    metric_replicas: Optional[int]
    prenormalized_replicas: Optional[int]
    stabilized_replicas: Optional[int]
    min_replicas: int
    rescale: bool
    error: bool
    metrics_computed: bool
    limit_reason: str
    stabilization: Optional[str]
    metrics: List[MetricResult]
    conditions: List[Condition]
    remove_scaled_to_zero: bool
    rescale_reason: str
    error_message: str
    targets: str
    now_ms: int
    text: str = ""
    _raw: Any = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return self.text or ("desired replicas %d (%s)" % (self.desired_replicas, self.limit_reason))


def _opt(flag: bool, v: Any) -> Any:
    return v if flag else None


class _BuilderView:
    """What a Decision record reads from the input of a DecideInput."""

    def __init__(self, b: "DecideInput") -> None:
        self.b = b

    def describe(self, i: int) -> str:
        return _c.hpa_bind_decide_metric_describe(self.b._b, i)

    def targets(self, d: Any, i: int) -> str:
        return _c.hpa_bind_decide_targets(self.b._b, d, i)

    def pod_classes(self, i: int) -> Dict[str, str]:
        out: Dict[str, str] = {}
        if self.b._record:
            for p in range(_c.hpa_bind_decide_pod_count(self.b._b)):
                k = _c.hpa_bind_decide_pod_class(self.b._b, i, p)
                if k:
                    out[_c.hpa_bind_decide_pod_name(self.b._b, p)] = _c.hpa_decide_pod_class_name(k)
        return out

    def now(self) -> int:
        return _c.hpa_bind_decide_now(self.b._b)

    def text(self, d: Any, history: Any, opts: Any) -> str:
        return _c.hpa_bind_decide_explain(self.b._b, d)


class _ExplainView:
    """What a Decision record reads from an explain input (lib/explain)."""

    def __init__(self, inp: Any, keep: List[Any]) -> None:
        self.inp = inp
        self.din = _c.hpa_explain_input_decide(inp)
        self.keep = keep

    def describe(self, i: int) -> str:
        return _c.hpa_bind_input_metric_describe(self.din, i)

    def targets(self, d: Any, i: int) -> str:
        return _c.hpa_bind_input_targets(self.din, d, i)

    def pod_classes(self, i: int) -> Dict[str, str]:
        out: Dict[str, str] = {}
        for p in range(_c.hpa_bind_input_pod_count(self.din)):
            k = _c.hpa_bind_input_pod_class(self.din, i, p)
            if k:
                out[_c.hpa_bind_input_pod_name(self.din, p)] = _c.hpa_decide_pod_class_name(k)
        return out

    def now(self) -> int:
        return _c.hpa_bind_input_now(self.din)

    def text(self, d: Any, history: Any, opts: Any) -> str:
        return _c.hpa_explain_render(self.inp, d, history, opts, _c.HPA_EXPLAIN_TEXT)


_SIZE_MAX = 2 ** 64 - 1


def _metric_result(v: Any, d: Any, i: int) -> MetricResult:
    r = d.metric_at(i)
    try:
        name = v.describe(i)
    except Exception:
        name = _c.hpa_decide_source_name(r.type) or ""
    ratio = r.usage_ratio
    return MetricResult(
        type=_c.hpa_decide_source_name(r.type) or "", name=name, valid=r.status == 0, replicas=r.replicas,
        targets=v.targets(d, i), failure_reason=r.failure_reason, message=r.message,
        average_utilization=_opt(r.has_average_utilization, r.average_utilization),
        average_value_milli=_opt(r.has_average_value, r.average_value_milli),
        value_milli=_opt(r.has_value, r.value_milli), usage_ratio=None if ratio != ratio else ratio,
        ready=r.n_ready, unready=r.n_unready, missing=r.n_missing, ignored=r.n_ignored, samples=r.n_samples,
        rebalanced=r.rebalanced, pod_classes=v.pod_classes(i))


def _decision(v: Any, d: Any, text: bool, history: Any = None, opts: Any = None) -> Decision:
    n = d.n_metrics
    metrics = [_metric_result(v, d, i) for i in range(n)] if d.metrics_computed else []
    conds = []
    for i in range(d.n_conditions):
        c = d.condition_at(i)
        conds.append(Condition(_c.hpa_decide_condition_name(c.type), _c.hpa_decide_cond_status_name(c.status),
                               c.reason or "", c.message))
    return Decision(
        current_replicas=d.current_replicas, desired_replicas=d.desired_replicas,
        metric_replicas=None if d.metric_replicas < 0 else d.metric_replicas,
        prenormalized_replicas=None if d.prenormalized_replicas < 0 else d.prenormalized_replicas,
        stabilized_replicas=None if d.stabilized_replicas < 0 else d.stabilized_replicas,
        min_replicas=d.min_replicas, rescale=d.rescale, error=d.error, metrics_computed=d.metrics_computed,
        limit_reason=_c.hpa_decide_limit_name(d.limit_reason) or "", stabilization=_STABILIZATION.get(d.stabilization),
        metrics=metrics, conditions=conds, remove_scaled_to_zero=d.remove_scaled_to_zero,
        rescale_reason=d.rescale_reason, error_message=d.error_message,
        targets=v.targets(d, _SIZE_MAX) if d.metrics_computed else "", now_ms=v.now(),
        text=v.text(d, history, opts) if text else "", _raw=d)


# ---- the input builder ---------------------------------------------------------------------------------

def _res(requests: Optional[Mapping]) -> Tuple[int, int, int]:
    """(set bits, cpu milli, memory milli) of {"cpu": q, "memory": q} (quantities)."""
    if not requests:
        return 0, 0, 0
    s = cpu = mem = 0
    if requests.get("cpu") is not None:
        s |= _CPU_BIT
        cpu = milli(requests["cpu"])
    if requests.get("memory") is not None:
        s |= _MEM_BIT
        mem = milli(requests["memory"])
    return s, cpu, mem


def _bits(cpu: Optional[int], mem: Optional[int]) -> Tuple[int, int, int]:
    return ((_CPU_BIT if cpu is not None else 0) | (_MEM_BIT if mem is not None else 0), cpu or 0, mem or 0)


class DecideInput:
    """The inputs of one reconcile, owned by the C builder (``hpa_bind_decide``).

    Fill it from objects with :meth:`from_objects` (what :func:`decide` does),
    or field by field. Quantities are milli-values (cpu milli-cores, memory
    bytes x 1000); times are Unix milliseconds (or datetimes / RFC 3339).
    """

    def __init__(self) -> None:
        self._b = _c.hpa_bind_decide_new()
        self._record = False

    # -- spec, scale, status --
    def set_spec(self, max_replicas: int, min_replicas: Optional[int] = None) -> None:
        _c.hpa_bind_decide_set_spec(self._b, min_replicas is not None, 1 if min_replicas is None else min_replicas,
                                    max_replicas)

    def set_scale(self, spec_replicas: int, status_replicas: Optional[int] = None, selector: Any = "ok",
                  selector_text: Optional[str] = None, selector_error: Optional[str] = None) -> None:
        sel = SELECTORS.get(selector, selector) if isinstance(selector, str) else int(selector)
        _c.hpa_bind_decide_set_scale(self._b, spec_replicas,
                                     spec_replicas if status_replicas is None else status_replicas,
                                     sel, selector_text, selector_error)

    def set_prev_desired(self, replicas: Optional[int]) -> None:
        _c.hpa_bind_decide_set_prev_desired(self._b, replicas is not None, replicas or 0)

    def set_scaled_to_zero(self, value: bool) -> None:
        _c.hpa_bind_decide_set_scaled_to_zero(self._b, bool(value))

    @property
    def now_ms(self) -> int:
        return _c.hpa_bind_decide_now(self._b)

    def set_now(self, now: Any) -> None:
        _c.hpa_bind_decide_set_now(self._b, to_ms(now))

    def record_pod_classes(self, record: bool = True) -> None:
        """Keep how each metric classified each pod (MetricResult.pod_classes)."""
        self._record = record
        _c.hpa_bind_decide_set_record_classes(self._b, record)

    # -- pods --
    def add_pod(self, name: str, phase: Any = "Running", ready: Any = None, ready_transition: Any = None,
                start_time: Any = None, has_start_time: Optional[bool] = None, deleting: bool = False) -> int:
        ph = PHASES[phase] if isinstance(phase, str) else int(phase or 0)
        rd = COND_STATUS[ready] if isinstance(ready, str) else int(ready or 0)
        hs = start_time is not None if has_start_time is None else has_start_time
        return _c.hpa_bind_decide_add_pod(self._b, name, ph, rd, to_ms(ready_transition), hs,
                                          to_ms(start_time) if start_time is not None else TIME_ZERO_MS, deleting)

    def add_container(self, pod: int, name: str, requests: Optional[Mapping] = None, kind: Any = "app") -> None:
        s, cpu, mem = _res(requests)
        k = CONTAINER_KINDS[kind] if isinstance(kind, str) else int(kind)
        _c.hpa_bind_decide_pod_add_container(self._b, pod, name, k, s, cpu, mem)

    def add_container_milli(self, pod: int, name: str, kind: Any = "app", cpu_milli: Optional[int] = None,
                            memory_milli: Optional[int] = None) -> None:
        """A container with requests as milli-values (None = no request)."""
        k = CONTAINER_KINDS[kind] if isinstance(kind, str) else int(kind)
        _c.hpa_bind_decide_pod_add_container(self._b, pod, name, k, *_bits(cpu_milli, memory_milli))

    def set_pod_requests_milli(self, pod: int, cpu_milli: Optional[int] = None,
                               memory_milli: Optional[int] = None) -> None:
        _c.hpa_bind_decide_pod_set_requests(self._b, pod, *_bits(cpu_milli, memory_milli))

    def add_usage_milli(self, pod: int, container: str, cpu_milli: Optional[int] = None,
                        memory_milli: Optional[int] = None) -> None:
        """A container usage of the pod's PodMetrics item (set_usage first)."""
        _c.hpa_bind_decide_pod_add_usage(self._b, pod, container, *_bits(cpu_milli, memory_milli))

    def add_orphan_usage_milli(self, index: int, container: str, cpu_milli: Optional[int] = None,
                               memory_milli: Optional[int] = None) -> None:
        _c.hpa_bind_decide_orphan_add_usage(self._b, index, container, *_bits(cpu_milli, memory_milli))

    def set_pod_requests(self, pod: int, requests: Mapping) -> None:
        s, cpu, mem = _res(requests)
        _c.hpa_bind_decide_pod_set_requests(self._b, pod, s, cpu, mem)

    def set_usage(self, pod: int, timestamp: Any, window: Any = 60,
                  containers: Iterable[Tuple[str, Mapping]] = ()) -> None:
        """The pod's PodMetrics item: timestamp, window (seconds or "30s"), [(container, {"cpu":..})]."""
        _c.hpa_bind_decide_pod_set_usage(self._b, pod, to_ms(timestamp), duration_ms(window))
        for name, usage in containers:
            s, cpu, mem = _res(usage)
            _c.hpa_bind_decide_pod_add_usage(self._b, pod, name, s, cpu, mem)

    def add_orphan_usage(self, pod: str, timestamp: Any, window: Any = 60,
                         containers: Iterable[Tuple[str, Mapping]] = ()) -> int:
        """A PodMetrics item of a pod that is not in the pod list; returns its index."""
        i = _c.hpa_bind_decide_add_orphan_usage(self._b, pod, to_ms(timestamp), duration_ms(window))
        for name, usage in containers:
            s, cpu, mem = _res(usage)
            _c.hpa_bind_decide_orphan_add_usage(self._b, i, name, s, cpu, mem)
        return i

    def set_sample(self, pod: int, value_milli: int, timestamp: Any, window: Any = 60) -> None:
        _c.hpa_bind_decide_set_sample(self._b, pod, value_milli, to_ms(timestamp), duration_ms(window))

    # -- metrics --
    def add_metric(self, type: str, *, resource: Optional[str] = None, container: Optional[str] = None,
                   name: Optional[str] = None, selector: Optional[str] = None, object_kind: Optional[str] = None,
                   object_name: Optional[str] = None, namespace: Optional[str] = None) -> int:
        t = SOURCE_TYPES.get(type, _c.HPA_SOURCE_UNKNOWN)
        r = RESOURCES.get(resource, 0) if resource else 0
        if resource and not r:
            raise ValueError("resource %r has no metrics source (cpu and memory only)" % resource)
        return _c.hpa_bind_decide_add_metric(self._b, t, type, r, container, name, selector, object_kind,
                                             object_name, namespace)

    def set_target(self, metric: int, type: Optional[str] = None, *, average_utilization: Optional[int] = None,
                   average_value_milli: Optional[int] = None, average_value_format: int = 0,
                   value_milli: Optional[int] = None, value_format: int = 0) -> None:
        tt = TARGET_TYPES[type] if type else 0
        _c.hpa_bind_decide_metric_set_target(
            self._b, metric, tt, average_utilization is not None, average_utilization or 0,
            average_value_milli is not None, average_value_milli or 0, average_value_format,
            value_milli is not None, value_milli or 0, value_format)

    def metric_index(self, type: str, name: str) -> Optional[int]:
        i = _c.hpa_bind_decide_metric_find(self._b, SOURCE_TYPES[type], name)
        return None if i == 2 ** 64 - 1 else i

    def set_pod_value(self, metric: int, pod: int, value_milli: int, timestamp: Any = None, window: Any = 60) -> None:
        ts = self.now_ms if timestamp is None else to_ms(timestamp)
        _c.hpa_bind_decide_metric_set_pod_value(self._b, metric, pod, value_milli, ts, duration_ms(window))

    def add_orphan_value(self, metric: int, pod: str, value_milli: int, timestamp: Any = None,
                         window: Any = 60) -> None:
        ts = self.now_ms if timestamp is None else to_ms(timestamp)
        _c.hpa_bind_decide_metric_add_orphan_value(self._b, metric, pod, value_milli, ts, duration_ms(window))

    def set_object_value(self, metric: int, value_milli: int) -> None:
        _c.hpa_bind_decide_metric_set_object_value(self._b, metric, value_milli)

    def add_external_value(self, metric: int, value_milli: int) -> None:
        _c.hpa_bind_decide_metric_add_external_value(self._b, metric, value_milli)

    def set_fetch_failed(self, metric: int, message: str = "metrics API error") -> None:
        _c.hpa_bind_decide_metric_set_fetch_failed(self._b, metric, message)

    # -- behavior --
    def set_behavior(self, present: bool = True) -> None:
        _c.hpa_bind_decide_set_behavior(self._b, present)

    @property
    def has_behavior(self) -> bool:
        return _c.hpa_bind_decide_has_behavior(self._b)

    def set_rules(self, direction: int, *, stabilization_window_seconds: Optional[int] = None,
                  select_policy: Optional[str] = None, tolerance: Optional[float] = None,
                  policies: Optional[Sequence[Tuple[str, int, int]]] = None) -> None:
        """One direction of spec.behavior (SCALE_UP / SCALE_DOWN); policies as (type, value, periodSeconds)."""
        sp = SELECT_POLICIES[select_policy] if select_policy else 0
        _c.hpa_bind_decide_rules_set(self._b, direction, stabilization_window_seconds is not None,
                                     stabilization_window_seconds or 0, sp, tolerance is not None,
                                     float(tolerance or 0.0))
        if policies is not None:
            _c.hpa_bind_decide_rules_set_has_policies(self._b, direction, True)
            for t, v, p in policies:
                _c.hpa_bind_decide_rules_add_policy(self._b, direction, POLICY_TYPES[t], v, p)

    def set_tolerance(self, direction: int, tolerance: Optional[float]) -> None:
        _c.hpa_bind_decide_rules_set_tolerance(self._b, direction, tolerance is not None, float(tolerance or 0))

    def has_tolerance(self, direction: int) -> bool:
        return _c.hpa_bind_decide_rules_has_tolerance(self._b, direction)

    # -- running --
    def decide(self, history: Optional[History] = None, options: Any = None, explain: bool = False,
               **option_kw: Any) -> Decision:
        d = _c.hpa_bind_decide_run(self._b, history._h if history is not None else None,
                                   _options(options, option_kw))
        return _decision(_BuilderView(self), d, explain)

    def metric_eval(self, index: int, options: Any = None, **option_kw: Any) -> Any:
        """One metric alone: the raw ``hpa_metric_result``."""
        return _c.hpa_bind_decide_metric_eval(self._b, index, _options(options, option_kw))

    def classify(self, resource: Optional[str], options: Any = None, **option_kw: Any) -> Tuple[int, List[str]]:
        """groupPods: (ready count, class name per pod)."""
        ready = _c.hpa_bind_decide_classify(self._b, RESOURCES.get(resource, 0) if resource else 0,
                                            _options(options, option_kw))
        n = _c.hpa_bind_decide_pod_count(self._b)
        return ready, [_c.hpa_decide_pod_class_name(_c.hpa_bind_decide_pod_class(self._b, 0, i)) for i in range(n)]

    def pod_class(self, metric: int, pod: int) -> int:
        return _c.hpa_bind_decide_pod_class(self._b, metric, pod)

    def normalize(self, history: Optional[History], current_replicas: int, desired_replicas: int,
                  min_replicas: int, max_replicas: int, use_behavior: bool, options: Any = None,
                  **option_kw: Any) -> Any:
        """Normalization alone: the raw ``hpa_normalization``."""
        return _c.hpa_bind_decide_normalize(self._b, history._h if history is not None else None,
                                            current_replicas, desired_replicas, min_replicas, max_replicas,
                                            use_behavior, _options(options, option_kw))

    def scale_limits(self, history: Optional[History], current_replicas: int, options: Any = None,
                     **option_kw: Any) -> Tuple[int, int]:
        return _c.hpa_bind_decide_scale_limits(self._b, history._h if history is not None else None,
                                               current_replicas, _options(options, option_kw))

    def store_scale_event(self, history: History, prev_replicas: int, new_replicas: int) -> None:
        _c.hpa_bind_decide_store_scale_event(self._b, history._h, prev_replicas, new_replicas)


# ---- decide / explain from objects --------------------------------------------------------------------

def _object(x: Any, keep: List[Any]) -> Object:
    if isinstance(x, Object):
        return x
    if isinstance(x, Mapping):
        o = Object.from_dict(x)
        keep.append(o)
        return o
    m = load_all(x)
    keep.append(m)
    if len(m) != 1:
        raise ValueError("expected one object, got %d" % len(m))
    return m[0]


def _manifest(x: Any, keep: List[Any]) -> Optional[Manifest]:
    if x is None:
        return None
    if isinstance(x, Manifest):
        return x
    if isinstance(x, Object):
        m = Manifest([x.copy()])
    elif isinstance(x, Mapping):
        # a PodList / PodMetricsList dict (the codec yields one object per item) or one item
        m = load_all(json.dumps(x, ensure_ascii=False), "json")
    elif isinstance(x, (list, tuple)):
        m = Manifest()
        for item in x:
            m.append(item.copy() if isinstance(item, Object) else item)
    else:
        m = load_all(x)
    keep.append(m)
    return m


# the timestamps RFC 3339 (and so the metric items and the history) can write:
# 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z
_RFC3339_MIN_MS = -62167219200000
_RFC3339_MAX_MS = 253402300799999
_GREGORIAN_CYCLE_MS = 146097 * 86400000  # 400 years


def _rfc3339(ms: int) -> str:
    if not _RFC3339_MIN_MS <= ms <= _RFC3339_MAX_MS:
        raise ValueError("time %d ms is outside the range of RFC 3339 timestamps (years 0000-9999: %d..%d ms)"
                         % (ms, _RFC3339_MIN_MS, _RFC3339_MAX_MS))
    # datetime starts at year 1: year 0 is formatted 400 years (one Gregorian cycle) later
    shift = 400 if ms < _RFC3339_MIN_MS + 366 * 86400000 else 0
    t = (_dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
         + _dt.timedelta(milliseconds=ms + (_GREGORIAN_CYCLE_MS if shift else 0)))
    return ("%04d-%02d-%02dT%02d:%02d:%02d" % (t.year - shift, t.month, t.day, t.hour, t.minute, t.second)
            + (".%03dZ" % (ms % 1000) if ms % 1000 else "Z"))


def _is_raw(x: Any) -> bool:
    """A MetricValueList / list of MetricValue objects / text (not the {name: ...} shorthand)."""
    if x is None:
        return False
    if isinstance(x, Mapping):
        return "kind" in x or "items" in x
    return True


def _metric_items(h: Object, custom: Any, objects: Any, external: Any, now_ms: int) -> Tuple[Any, Any]:
    """MetricValue / ExternalMetricValue lists from the {name: ...} shorthands."""
    ns = h.namespace or "default"
    ts = _rfc3339(now_ms) if custom or objects or external else ""
    specs = h.to_dict().get("spec", {}).get("metrics") or []
    cust: List[Dict[str, Any]] = []
    ext: List[Dict[str, Any]] = []
    for name, values in (custom or {}).items():
        for pod, v in values.items():
            cust.append({"apiVersion": "custom.metrics.k8s.io/v1beta2", "kind": "MetricValue",
                         "describedObject": {"kind": "Pod", "name": pod, "namespace": ns, "apiVersion": "v1"},
                         "metric": {"name": name}, "timestamp": ts, "value": str(v)})
    for name, v in (objects or {}).items():
        for m in specs:
            o = m.get("object") or {}
            if m.get("type") == "Object" and (o.get("metric") or {}).get("name") == name:
                d = o.get("describedObject") or {}
                cust.append({"apiVersion": "custom.metrics.k8s.io/v1beta2", "kind": "MetricValue",
                             "describedObject": {"kind": d.get("kind", ""), "name": d.get("name", ""),
                                                 "namespace": ns, "apiVersion": d.get("apiVersion", "")},
                             "metric": {"name": name}, "timestamp": ts, "value": str(v)})
    for name, values in (external or {}).items():
        labels: Dict[str, str] = {}
        for m in specs:
            e = m.get("external") or {}
            if m.get("type") == "External" and (e.get("metric") or {}).get("name") == name:
                labels = dict(((e.get("metric") or {}).get("selector") or {}).get("matchLabels") or {})
        for v in (values if isinstance(values, (list, tuple)) else [values]):
            ext.append({"apiVersion": "external.metrics.k8s.io/v1beta1", "kind": "ExternalMetricValue",
                        "metricName": name, "metricLabels": labels, "timestamp": ts, "value": str(v)})
    return cust, ext


def _explain_input(hpa: Any, target: Any, pods: Any, pod_metrics: Any, now: Any, custom_metrics: Any,
                   object_metrics: Any, external_metrics: Any) -> _ExplainView:
    keep: List[Any] = []
    now_ms = int(time.time() * 1000) if now is None else to_ms(now)
    h = _object(hpa, keep)
    t = _object(target, keep) if target is not None else None
    p = _manifest(pods, keep)
    pm = _manifest(pod_metrics, keep)
    cust = custom_metrics if _is_raw(custom_metrics) else None
    ext = external_metrics if _is_raw(external_metrics) else None
    sc, se = _metric_items(h, None if cust is not None else custom_metrics, object_metrics,
                           None if ext is not None else external_metrics, now_ms)
    cm = _manifest(cust, keep) if cust is not None else (_manifest(sc, keep) if sc else None)
    if cust is not None and sc:
        cm.extend(Object.from_dict(x) for x in sc)
    em = _manifest(ext, keep) if ext is not None else (_manifest(se, keep) if se else None)
    src = _c.hpa_explain_sources()
    _c.hpa_explain_sources_init(src, _c.HPA_EXPLAIN_SOURCES_VERSION)
    src.hpa = h._o
    src.target = t._o if t is not None else None
    src.pods = p._handle() if p is not None else None
    src.pod_metrics = pm._handle() if pm is not None else None
    src.custom_metrics = cm._handle() if cm is not None else None
    src.external_metrics = em._handle() if em is not None else None
    src.now_ms = now_ms
    return _ExplainView(_c.hpa_explain_input_new(src), keep)


def decide(hpa: Any, target: Any = None, pods: Any = None, pod_metrics: Any = None, *, now: Any = None,
           history: Optional[History] = None, custom_metrics: Any = None, object_metrics: Optional[Mapping] = None,
           external_metrics: Any = None, options: Any = None, record: bool = False, explain: bool = False,
           **option_kw: Any) -> Decision:
    """One reconcile of an HPA, from the objects ``hpactl explain`` reads (the
    explain module's adapter, lib/explain).

    ``hpa``: the HorizontalPodAutoscaler (an :class:`Object`, a dict, YAML/JSON
    text or a path). ``target``: its scale target (a Deployment, StatefulSet,
    ReplicaSet or an autoscaling/v1 Scale). ``pods``: the pods (a PodList
    dict / text / path, a :class:`Manifest`, or a list of pods); only those
    the target's selector matches count. ``pod_metrics``: the PodMetricsList
    of metrics.k8s.io. ``custom_metrics``: a MetricValueList (or the
    shorthand ``{metric: {pod: quantity}}`` for Pods metrics);
    ``object_metrics``: ``{metric: quantity}`` for Object metrics;
    ``external_metrics``: an ExternalMetricValueList (or ``{metric:
    [quantities]}``). ``now``: datetime / RFC 3339 / Unix ms (default: the
    current time). ``history``: a :class:`History`, updated with the
    decision's bookkeeping when ``record`` is true. Other keywords are
    :class:`Options`.
    """
    v = _explain_input(hpa, target, pods, pod_metrics, now, custom_metrics, object_metrics, external_metrics)
    opts = _options(options, option_kw)
    hh = history._h if history is not None else None
    d = _c.hpa_explain_decide(v.inp, hh, opts)
    result = _decision(v, d, explain, hh, opts)
    if record and history is not None:
        history.record(result)
    return result


def explain(hpa: Any, target: Any = None, pods: Any = None, pod_metrics: Any = None, **kw: Any) -> Decision:
    """:func:`decide` with the explain module's explanation in ``.text``
    (``str(result)``): per metric the values, the pods counted and set
    aside and why, tolerance, stabilization, rate limits, the clamp and the
    conditions."""
    return decide(hpa, target, pods, pod_metrics, explain=True, **kw)
