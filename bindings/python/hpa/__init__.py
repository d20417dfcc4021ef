"""libhpa for Python: Kubernetes autoscaled deployments -- objects, YAML/JSON
codecs, validation and lint, the HPA replica decision, the modeler and the
simulator.

    import hpa
    m = hpa.load_all("deploy.yaml")              # a Manifest of Objects
    dep = m.find("Deployment", "order")
    dep.spec.template.spec.containers[0].image  # snake_case -> camelCase views
    hpa.dump_all(m, fmt="json")

Every failure raises :class:`hpa.Error` (``ParseError``, ``ValidationError``,
``LimitError``, ``NotFoundError``, ...) with ``code``, ``line``, ``column``,
``offset``, ``document``, ``path`` and ``source``.
"""

from . import _hpa_swig as _c
from ._errors import (Error, InputOutputError, InvalidArgumentError, LimitError, NotFoundError,
                      OutOfMemoryError, ParseError, UnsupportedError, UsageError, ValidationError,
                      error_class, make_error)
from ._objects import (Deployment, HorizontalPodAutoscaler, Ingress, List, Manifest, Map, Node, Object,
                       Service, camel, dump, dump_all, join, load, load_all, snake)
from ._decide import (SCALE_DOWN, SCALE_UP, Condition, DecideInput, Decision, History, MetricResult, Options,
                      Recommendation, ScaleEvent, decide, duration_ms, explain, milli, to_ms)
from ._tools import (Diagnostic, HpaRow, LintRule, Model, SimMetric, SimRow, SimSummary, Simulation, get_hpa,
                     get_hpa_table, lint, lint_rules, plural, render, simulate, validate)

_c.hpa_py_set_error_factory(make_error)

__version__ = _c.HPA_VERSION


def quantity(text: str) -> int:
    """Milli-value of a Kubernetes quantity (``"500m"`` -> 500, ``"1Gi"`` -> 1073741824000)."""
    return milli(text)


def canonical_quantity(text: str) -> str:
    """The canonical form of a quantity, as the API server prints it (``"1.5Gi"`` -> ``"1536Mi"``)."""
    return _c.hpa_quantity_canonical(_c.hpa_quantity_parse(text))


def format_duration(seconds: float) -> str:
    """kubectl's human duration (``"3m20s"``, ``"2d3h"``)."""
    return _c.hpa_bind_format_duration(int(round(seconds * 1000)))


__all__ = [
    "Error", "ParseError", "ValidationError", "LimitError", "NotFoundError", "UnsupportedError",
    "InvalidArgumentError", "OutOfMemoryError", "InputOutputError", "UsageError", "error_class",
    "Object", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "Manifest", "Map", "List", "Node",
    "load", "load_all", "dump", "dump_all", "camel", "snake", "join",
    "decide", "explain", "DecideInput", "Decision", "MetricResult", "Condition", "History", "Recommendation",
    "ScaleEvent", "Options", "SCALE_UP", "SCALE_DOWN", "to_ms", "duration_ms", "milli",
    "lint", "lint_rules", "validate", "Diagnostic", "LintRule", "render", "Model", "plural",
    "get_hpa", "get_hpa_table", "HpaRow", "simulate", "Simulation", "SimRow", "SimMetric", "SimSummary",
    "quantity", "canonical_quantity", "format_duration",
]
