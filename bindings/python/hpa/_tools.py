"""Lint, validation, the modeler (render), kubectl's get hpa rows, and the simulator."""

from __future__ import annotations

import datetime as _dt
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Union

from . import _hpa_swig as _c
from ._decide import Options, _options, duration_ms, to_ms
from ._objects import Manifest, Object, _read_source, load_all

SEVERITIES = {"info": _c.HPA_SEVERITY_INFO, "warning": _c.HPA_SEVERITY_WARNING, "error": _c.HPA_SEVERITY_ERROR}


@dataclass(frozen=True)
class Diagnostic:
    """One finding of lint or validation (``hpa_diagnostic``)."""
    rule: str
    severity: str
    message: str
    hint: str
    kind: str
    namespace: str
    name: str
    path: str
    source: str
    line: int
    column: int
    document: int

    def __str__(self) -> str:
        where = self.source or "<manifest>"
        if self.line:
            where += ":%d:%d" % (self.line, self.column)
        return "%s: %s %s: %s" % (where, self.severity, self.rule, self.message)


def _diagnostics(h: Any) -> List[Diagnostic]:
    out = []
    for i in range(_c.hpa_diagnostics_count(h)):
        d = _c.hpa_diagnostics_at(h, i)
        out.append(Diagnostic(
            rule=_c.hpa_diagnostic_rule(d), severity=_c.hpa_severity_name(_c.hpa_diagnostic_severity(d)),
            message=_c.hpa_diagnostic_message(d), hint=_c.hpa_diagnostic_hint(d), kind=_c.hpa_diagnostic_kind(d),
            namespace=_c.hpa_diagnostic_namespace(d), name=_c.hpa_diagnostic_name(d), path=_c.hpa_diagnostic_path(d),
            source=_c.hpa_diagnostic_source(d), line=_c.hpa_diagnostic_line(d), column=_c.hpa_diagnostic_column(d),
            document=_c.hpa_diagnostic_document(d)))
    return out


def _as_manifest(x: Any) -> Manifest:
    if isinstance(x, Manifest):
        return x
    if isinstance(x, Object):
        return Manifest([x.copy()])
    if isinstance(x, (list, tuple)):
        m = Manifest()
        for item in x:
            if isinstance(item, Manifest):
                for o in item:
                    m.append(o)
            else:
                m.append(item.copy() if isinstance(item, Object) else item)
        return m
    return load_all(x)


def lint(manifest: Any, *, validation: bool = True, schema: bool = True, heuristics: bool = False,
         scale_to_zero: bool = False, min_severity: str = "info", disable: Iterable[str] = (),
         enable: Iterable[str] = (), tolerance: Optional[float] = None) -> List[Diagnostic]:
    """Lint a set of objects (a :class:`Manifest`, a list of manifests / objects,
    or YAML/JSON text, a path, a file object): every finding, sorted by source
    and position, as :class:`Diagnostic` records. Rule ids: docs/lint.md."""
    m = _as_manifest(manifest)
    flags = ((0 if validation else _c.HPA_LINT_NO_VALIDATION) | (0 if schema else _c.HPA_VALIDATE_NO_SCHEMA)
             | (_c.HPA_LINT_HEURISTICS if heuristics else 0) | (_c.HPA_VALIDATE_SCALE_TO_ZERO if scale_to_zero else 0))
    h = _c.hpa_bind_lint(m._handle(), flags, SEVERITIES[min_severity], ",".join(disable), ",".join(enable),
                         -1 if tolerance is None else int(round(tolerance * 1000)))
    return _diagnostics(h)


def validate(x: Any, *, schema: bool = True, scale_to_zero: bool = False) -> List[Diagnostic]:
    """API-server validation of an object or of every object of a manifest."""
    flags = (0 if schema else _c.HPA_VALIDATE_NO_SCHEMA) | (_c.HPA_VALIDATE_SCALE_TO_ZERO if scale_to_zero else 0)
    if isinstance(x, Object):
        return _diagnostics(_c.hpa_bind_validate(None, x._o, flags))
    return _diagnostics(_c.hpa_bind_validate(_as_manifest(x)._handle(), None, flags))


@dataclass(frozen=True)
class LintRule:
    id: str
    severity: str
    summary: str


def lint_rules() -> List[LintRule]:
    """The rule catalogue."""
    out = []
    for i in range(_c.hpa_lint_rule_count()):
        r = _c.hpa_lint_rule_at(i)
        out.append(LintRule(_c.hpa_lint_rule_id(r), _c.hpa_severity_name(_c.hpa_lint_rule_severity(r)),
                            _c.hpa_lint_rule_summary(r)))
    return out


# ---- the modeler ----------------------------------------------------------------------------------

_PATH_RULES = {None: _c.HPA_PATH_RULE_MODEL, "model": _c.HPA_PATH_RULE_MODEL,
               "aggregate": _c.HPA_PATH_RULE_AGGREGATE, "service": _c.HPA_PATH_RULE_SERVICE}


class Model:
    """A loaded, checked deployment model (docs/model.md)."""

    def __init__(self, source: Any, source_name: Optional[str] = None) -> None:
        data, name = _read_source(source)
        self._h = _c.hpa_model_load_buffer(data, source_name or name)

    @property
    def name(self) -> str:
        return _c.hpa_model_name(self._h)

    @property
    def contexts(self) -> List[Dict[str, Any]]:
        """Bounded contexts: name, service, aggregates [(name, rest path)]."""
        out = []
        for i in range(_c.hpa_model_context_count(self._h)):
            aggs = [(_c.hpa_model_aggregate_name(self._h, i, a), _c.hpa_model_aggregate_rest_path(self._h, i, a))
                    for a in range(_c.hpa_model_aggregate_count(self._h, i))]
            out.append({"name": _c.hpa_model_context_name(self._h, i),
                        "service": _c.hpa_model_context_service(self._h, i), "aggregates": aggs})
        return out

    def render(self, *, path_rule: Optional[str] = None, profile: Optional[str] = None,
               load_pod: bool = False) -> Manifest:
        flags = _c.HPA_RENDER_LOAD_POD if load_pod else 0
        return Manifest._wrap(_c.hpa_bind_model_render(self._h, flags, _PATH_RULES[path_rule], profile))

    def prerequisites(self, *, path_rule: Optional[str] = None, profile: Optional[str] = None,
                      load_pod: bool = False) -> str:
        flags = _c.HPA_RENDER_LOAD_POD if load_pod else 0
        return _c.hpa_bind_model_prerequisites(self._h, flags, _PATH_RULES[path_rule], profile)

    def __repr__(self) -> str:
        return "Model(%r, %d bounded contexts)" % (self.name, _c.hpa_model_context_count(self._h))


def render(model: Any, *, path_rule: Optional[str] = None, profile: Optional[str] = None,
           load_pod: bool = False, source_name: Optional[str] = None) -> Manifest:
    """Render a deployment model (its YAML text, a path or a file object, or a
    :class:`Model`) to a manifest: Deployments, Services, the Ingress, HPAs."""
    if not isinstance(model, Model):
        model = Model(model, source_name)
    return model.render(path_rule=path_rule, profile=profile, load_pod=load_pod)


def plural(word: str) -> str:
    """The English plural the modeler uses for REST paths (``Category`` -> ``Categories``)."""
    return _c.hpa_model_plural(word)


# ---- kubectl get hpa -------------------------------------------------------------------------------

class HpaRow(NamedTuple):
    """One ``kubectl get hpa`` row."""
    name: str
    reference: str
    targets: str
    minpods: str
    maxpods: str
    replicas: str
    age: str


def _now_ms(now: Any) -> int:
    return int(time.time() * 1000) if now is None else to_ms(now)


def get_hpa(manifest: Any, now: Any = None) -> List[HpaRow]:
    """The ``kubectl get hpa`` rows of every HorizontalPodAutoscaler (spec targets,
    status values when present, AGE from creationTimestamp at ``now``)."""
    m = _as_manifest(manifest)
    rows = []
    for o in m:
        if o.kind == "HorizontalPodAutoscaler":
            rows.append(HpaRow(*_c.hpa_bind_hpa_row(o._o, _now_ms(now)).split("\t")))
    return rows


def get_hpa_table(manifest: Any, now: Any = None, header: bool = True, wide: bool = False) -> str:
    """The rows aligned as ``kubectl get hpa`` prints them (``wide``: ``-o wide``)."""
    flags = (0 if header else _c.HPA_EXPLAIN_TABLE_NO_HEADERS) | (_c.HPA_EXPLAIN_TABLE_WIDE if wide else 0)
    return _c.hpa_bind_hpa_table(_as_manifest(manifest)._handle(), _now_ms(now), flags)


# ---- the simulator --------------------------------------------------------------------------------

@dataclass(frozen=True)
class SimMetric:
    name: str
    type: str
    valid: bool
    utilization: Optional[int]
    target_utilization: Optional[int]
    current_milli: int
    target_milli: int
    proposal: int


@dataclass(frozen=True)
class SimRow:
    """One timeline row: one HPA at one sync."""
    time_ms: int
    hpa: str
    replicas: int
    desired: int
    ready: int
    pods: int
    reason: str
    decided: bool
    message: str
    kubectl: str
    metrics: List[SimMetric]
    load: float
    throughput: float
    dropped: float
    latency_p50_ms: float
    latency_p95_ms: float
    cpu_utilization: int
    memory_bytes: int

    @property
    def time(self) -> float:
        """Seconds since the start."""
        return self.time_ms / 1000.0


@dataclass(frozen=True)
class SimSummary:
    initial_replicas: int
    final_replicas: int
    peak_replicas: int
    min_replicas: int
    max_replicas: int
    first_scale_up_ms: Optional[int]
    first_scale_down_ms: Optional[int]
    back_to_initial_ms: Optional[int]
    load_start_ms: Optional[int]
    load_end_ms: Optional[int]
    time_at_max_ms: int
    decisions: int
    rescales: int
    requests: int
    requests_dropped: int
    requests_over_objective: int
    pod_ms: int


_SIM_FORMATS = {"text": _c.HPA_SIM_FORMAT_TEXT, "csv": _c.HPA_SIM_FORMAT_CSV, "json": _c.HPA_SIM_FORMAT_JSON,
                "svg": _c.HPA_SIM_FORMAT_SVG, "summary": _c.HPA_SIM_FORMAT_SUMMARY}


def _neg_none(v: int) -> Optional[int]:
    return None if v < 0 else v


class Simulation:
    """The result of :func:`simulate`: ``timeline`` rows, ``summaries`` per HPA, ``text(fmt)``."""

    def __init__(self, sim: Any, manifest: Manifest) -> None:
        self._sim = sim
        self._manifest = manifest  # the HPAs were read from it
        self.hpas = [_c.hpa_sim_hpa_name(sim, i) for i in range(_c.hpa_sim_hpa_count(sim))]

    @property
    def timeline(self) -> List[SimRow]:
        out = []
        names = self.hpas
        for i in range(_c.hpa_sim_timeline_count(self._sim)):
            r = _c.hpa_sim_timeline_at(self._sim, i)
            ms = []
            for k in range(min(r.n_metrics, _c.HPA_SIM_MAX_METRICS)):
                mv = r.metric_at(k)
                ms.append(SimMetric(mv.name, _c.hpa_metric_source_type_name(mv.type) or "", mv.valid,
                                    mv.utilization if mv.has_utilization else None,
                                    mv.target_utilization if mv.has_utilization else None,
                                    mv.current_milli, mv.target_milli, mv.proposal))
            out.append(SimRow(r.time_ms, names[r.hpa] if r.hpa < len(names) else str(r.hpa), r.replicas, r.desired,
                              r.ready, r.pods, r.reason_name or "", r.decided, r.message or "", r.kubectl or "", ms,
                              r.load_milli / 1000.0, r.throughput_milli / 1000.0, r.dropped_milli / 1000.0,
                              r.latency_p50_us / 1000.0, r.latency_p95_us / 1000.0, r.cpu_utilization,
                              r.memory_bytes))
        return out

    @property
    def summaries(self) -> Dict[str, SimSummary]:
        out = {}
        for i, name in enumerate(self.hpas):
            s = _c.hpa_sim_summary_get(self._sim, i)
            out[name] = SimSummary(
                s.initial_replicas, s.final_replicas, s.peak_replicas, s.min_replicas, s.max_replicas,
                _neg_none(s.first_scale_up_ms), _neg_none(s.first_scale_down_ms), _neg_none(s.back_to_initial_ms),
                _neg_none(s.load_start_ms), _neg_none(s.load_end_ms), s.time_at_max_ms, s.decisions, s.rescales,
                s.requests, s.requests_dropped, s.requests_over_objective, s.pod_ms)
        return out

    def text(self, fmt: str = "text") -> str:
        """The results as hpactl simulate prints them: text, csv, json, svg or summary."""
        return _c.hpa_sim_write(self._sim, _SIM_FORMATS[fmt])

    def __repr__(self) -> str:
        return "Simulation(hpas=%r, rows=%d)" % (self.hpas, _c.hpa_sim_timeline_count(self._sim))


def _trace_csv(trace: Any) -> str:
    if isinstance(trace, str):
        return trace
    return "".join("%r,%r\n" % (float(t), float(r)) for t, r in trace)


def simulate(manifest: Any, hpa: Union[None, str, Sequence[str]] = None, *, load: Optional[str] = None,
             trace: Any = None, target: Optional[str] = None, duration: Any = "10m", seed: int = 1,
             service: Optional[str] = None, sync_period: Any = None, tick: Any = None,
             metric_resolution: Any = None, kubelet_interval: Any = None, latency_objective: Any = None,
             timeline: bool = True, options: Any = None, **option_kw: Any) -> Simulation:
    """Replay a workload against the HPAs of a manifest on a virtual clock.

    ``hpa``: a name, a list of names, "all" or None (the only HPA). ``load``:
    a profile (``"siege -c20 -t40S http://order:8080/orders"``, ``"step 5
    50@1m"``...), or ``trace``: [(seconds, requests/s)] or CSV text.
    ``target``: the Service/Deployment that receives the load (default: the
    siege URL's host, else the first HPA's Deployment). ``duration``,
    ``sync_period``... are seconds, timedeltas or Go durations ("6m").
    ``service``: the service model (``"cost=25m,base=10m"``). Other keywords
    are decide :class:`Options`.
    """
    m = _as_manifest(manifest)
    so = _c.hpa_sim_options()
    _c.hpa_sim_options_init(so, _c.HPA_SIM_OPTIONS_VERSION)
    so.seed = seed
    so.duration_ms = duration_ms(duration)
    if tick is not None:
        so.tick_ms = duration_ms(tick)
    if sync_period is not None:
        so.sync_period_ms = duration_ms(sync_period)
    if metric_resolution is not None:
        so.metric_resolution_ms = duration_ms(metric_resolution)
    if kubelet_interval is not None:
        so.kubelet_interval_ms = duration_ms(kubelet_interval)
    if latency_objective is not None:
        so.latency_objective_ms = duration_ms(latency_objective)
    if not timeline:
        so.flags = _c.HPA_SIM_NO_TIMELINE
    dopts = _options(options, option_kw)
    if dopts is not None:
        so.decide_options = dopts
    svc = _c.hpa_sim_service()
    _c.hpa_sim_service_init(svc, _c.HPA_SIM_SERVICE_VERSION)
    if service:
        _c.hpa_sim_service_parse(svc, service)
    sim = _c.hpa_sim_new(so)
    names: List[str]
    all_hpas = [o.name for o in m if o.kind == "HorizontalPodAutoscaler"]
    if hpa is None:
        if len(all_hpas) != 1:
            raise ValueError("the manifest holds %d HorizontalPodAutoscalers: name one with hpa=, or hpa='all'"
                             % len(all_hpas))
        names = all_hpas
    elif hpa == "all":
        names = all_hpas
    elif isinstance(hpa, str):
        names = [hpa]
    else:
        names = list(hpa)
    first_dep = None
    for n in names:
        idx = _c.hpa_sim_add_from_manifest(sim, m._handle(), n, svc)
        if first_dep is None:
            first_dep = _c.hpa_sim_hpa_deployment(sim, idx)
    wl = None
    if load is not None and trace is not None:
        raise ValueError("load and trace exclude each other")
    if load is not None:
        wl = _c.hpa_sim_load_parse(load)
    elif trace is not None:
        wl = _c.hpa_sim_load_parse_csv(_trace_csv(trace))
    if wl is not None:
        t = target or _c.hpa_sim_load_target(wl)
        dep = _c.hpa_sim_find_deployment(sim, t) if t else first_dep
        _c.hpa_sim_set_load(sim, dep, wl)
    _c.hpa_sim_run(sim)
    return Simulation(sim, m)
