"""Evaluate HPA decision test vectors (docs/hpa-algorithm.md section 1, the
format of tests/decide/vectors/*.json) through the Python binding.

This is a port of tests/decide/run_vectors.c to the binding's DecideInput:
same levels (calc, groupPods, normalize, controller), same defaults, same
checks, same "cannot evaluate" rules (an unknown field fails the vector).
``evaluate(vector)`` returns the list of failure messages ([] = pass).
"""

import json
import math

import hpa
from hpa import _hpa_swig as _c

INT32_MIN, INT32_MAX = -2 ** 31, 2 ** 31 - 1
TIME_ZERO = -62135596800000


class Cannot(Exception):
    pass


class Ctx:
    def __init__(self):
        self.fails = []

    def fail(self, msg):
        self.fails.append(msg)


def check_keys(c, obj, where, allowed):
    if not isinstance(obj, dict):
        c.fail("%s: expected an object" % where)
        return
    for k in obj:
        if k not in allowed:
            c.fail("cannot evaluate: unknown field %s.%s" % (where, k))


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def llround(d):
    return int(math.floor(abs(d) + 0.5)) * (1 if d >= 0 else -1)


def num_i64(c, v, what):
    if isinstance(v, bool) or not is_num(v):
        c.fail("cannot evaluate: %s must be a number" % what)
        return 0
    if isinstance(v, int):
        return v
    if v >= 9223372036854775807.0:
        return 2 ** 63 - 1
    if v <= -9223372036854775808.0:
        return -2 ** 63
    return llround(v)


def get_i64(c, o, key, dflt):
    v = o.get(key)
    return dflt if v is None else num_i64(c, v, key)


def get_dbl(c, o, key, dflt):
    v = o.get(key)
    if v is None:
        return dflt
    if not is_num(v):
        c.fail("cannot evaluate: %s must be a number" % key)
        return dflt
    return float(v)


def get_bool(c, o, key, dflt):
    v = o.get(key)
    if v is None:
        return dflt
    if not isinstance(v, bool):
        c.fail("cannot evaluate: %s must be a boolean" % key)
        return dflt
    return v


def get_str(o, key):
    v = o.get(key) if isinstance(o, dict) else None
    return v if isinstance(v, str) else None


def ago(c, v):
    if v is None:
        return TIME_ZERO
    if not is_num(v):
        c.fail("cannot evaluate: a *SecondsAgo value must be a number or null")
        return 0
    return -llround(v * 1000.0)


def i32(c, v, what):
    if v < INT32_MIN or v > INT32_MAX:
        c.fail("cannot evaluate: %s out of the int32 range" % what)
        return 0
    return v


# ---- pods ----------------------------------------------------------------------------------------

POD_KEYS = {"name", "phase", "ready", "readyTransitionSecondsAgo", "startSecondsAgo", "hasStartTime", "deleting",
            "containers", "initContainers", "podRequests", "usage", "metricMilli", "metricTimestampSecondsAgo",
            "metricWindowSeconds"}
CONTAINER_KEYS = {"name", "requests", "restartPolicy"}
REQUESTS_KEYS = {"cpu", "memory"}
USAGE_KEYS = {"timestampSecondsAgo", "windowSeconds", "containers"}
CUSAGE_KEYS = {"name", "cpu", "memory"}
PHASES = {None: "Running", "Running": "Running", "Pending": "Pending", "Succeeded": "Succeeded",
          "Failed": "Failed", "Unknown": "Unknown"}


def parse_cond(c, v):
    if v is None:
        return None
    s = v if isinstance(v, str) else ""
    if s in ("True", "False", "Unknown"):
        return s
    c.fail("cannot evaluate: unknown condition status")
    return None


def requests_milli(c, o, where):
    """(cpu milli, memory milli) or None for each."""
    check_keys(c, o, where, REQUESTS_KEYS)
    cpu = mem = None
    if o.get("cpu") is not None:
        cpu = num_i64(c, o["cpu"], "cpu")
    if o.get("memory") is not None:
        mem = num_i64(c, o["memory"], "memory") * 1000
    return cpu, mem


def usage_of(c, u):
    """None, or (timestamp ms, window ms, [(name, cpu, mem)])."""
    if u is None:
        return None
    check_keys(c, u, "usage", USAGE_KEYS)
    ts = ago(c, u.get("timestampSecondsAgo"))
    win = get_i64(c, u, "windowSeconds", 60) * 1000
    arr = u.get("containers")
    items = []
    if arr is not None and not isinstance(arr, list):
        c.fail("cannot evaluate: usage.containers must be an array")
        return ts, win, items
    for item in arr or []:
        check_keys(c, item, "usage.containers[]", CUSAGE_KEYS)
        name = get_str(item, "name") or ""
        cpu = num_i64(c, item["cpu"], "cpu") if item.get("cpu") is not None else None
        mem = num_i64(c, item["memory"], "memory") * 1000 if item.get("memory") is not None else None
        items.append((name, cpu, mem))
    return ts, win, items


class PodSet:
    def __init__(self):
        self.names = []
        self.values = []          # per pod: None or (value, ts, window)
        self.orphan_values = []   # (name, value, ts, window)


def parse_pods(c, inp, b):
    ps = PodSet()
    arr = inp.get("pods")
    if arr is not None and not isinstance(arr, list):
        c.fail("cannot evaluate: pods must be an array")
        return ps
    for item in arr or []:
        check_keys(c, item, "pods[]", POD_KEYS)
        name = get_str(item, "name") or ""
        phase = get_str(item, "phase")
        if phase not in PHASES:
            c.fail('cannot evaluate: unknown pod phase "%s"' % phase)
        ready = parse_cond(c, item.get("ready"))
        cs, ics = item.get("containers"), item.get("initContainers")
        if (cs is not None and not isinstance(cs, list)) or (ics is not None and not isinstance(ics, list)):
            c.fail("cannot evaluate: containers must be arrays")
            cs = ics = None
        idx = b.add_pod(name, PHASES.get(phase, "Running"), ready, ago(c, item.get("readyTransitionSecondsAgo")),
                        ago(c, item.get("startSecondsAgo")), get_bool(c, item, "hasStartTime", True),
                        get_bool(c, item, "deleting", False))
        for init, lst in ((False, cs), (True, ics)):
            for ct in lst or []:
                check_keys(c, ct, "initContainers[]" if init else "containers[]", CONTAINER_KEYS)
                cname = get_str(ct, "name") or ""
                rp = get_str(ct, "restartPolicy")
                kind = "app" if not init else ("sidecar" if rp == "Always" else "init")
                if not init and rp:
                    c.fail("cannot evaluate: restartPolicy on an app container")
                req = ct.get("requests")
                cpu = mem = None
                if req is not None:
                    cpu, mem = requests_milli(c, req, "requests")
                b.add_container_milli(idx, cname, kind, cpu, mem)
        pr = item.get("podRequests")
        if pr is not None:
            cpu, mem = requests_milli(c, pr, "podRequests")
            b.set_pod_requests_milli(idx, cpu, mem)
        u = usage_of(c, item.get("usage"))
        if u is not None:
            b.set_usage(idx, u[0], u[1] / 1000.0)
            for cname, cpu, mem in u[2]:
                b.add_usage_milli(idx, cname, cpu, mem)
        ps.names.append(name)
        v = item.get("metricMilli")
        if v is not None:
            ps.values.append((num_i64(c, v, "metricMilli"), ago(c, item.get("metricTimestampSecondsAgo")),
                              get_i64(c, item, "metricWindowSeconds", 60) * 1000))
        else:
            ps.values.append(None)
    orph = inp.get("orphanMetrics")
    if orph is not None:
        if not isinstance(orph, list):
            c.fail("cannot evaluate: orphanMetrics must be an array")
            return ps
        for item in orph:
            check_keys(c, item, "orphanMetrics[]", {"name", "usage", "metricMilli", "metricTimestampSecondsAgo"})
            name = get_str(item, "name") or ""
            u = usage_of(c, item.get("usage"))
            if u is not None:
                oi = b.add_orphan_usage(name, u[0], u[1] / 1000.0)
                for cname, cpu, mem in u[2]:
                    b.add_orphan_usage_milli(oi, cname, cpu, mem)
            v = item.get("metricMilli")
            if v is not None:
                ps.orphan_values.append((name, num_i64(c, v, "metricMilli"),
                                         ago(c, item.get("metricTimestampSecondsAgo")), 60000))
    return ps


# ---- metrics --------------------------------------------------------------------------------------

METRIC_KEYS = {"type", "resource", "container", "name", "target", "describedObject", "selector"}
TARGET_KEYS = {"type", "averageUtilization", "averageValueMilli", "valueMilli"}


def parse_metric(c, o, inp, ps, failing, b):
    check_keys(c, o, "metric", METRIC_KEYS)
    mtype = get_str(o, "type")
    if not mtype:
        c.fail("cannot evaluate: metric without type")
        return None
    resource = None
    if mtype in ("Resource", "ContainerResource"):
        resource = get_str(o, "resource")
        if resource and resource not in ("cpu", "memory"):
            c.fail('cannot evaluate: unsupported resource "%s"' % resource)
            resource = None
        if not resource:
            c.fail("cannot evaluate: Resource metric without resource")
    d = o.get("describedObject")
    dk = get_str(d, "kind") if isinstance(d, dict) else None
    dn = get_str(d, "name") if isinstance(d, dict) else None
    sel = o.get("selector")
    sel_text = json.dumps(sel, separators=(",", ":"), sort_keys=True, ensure_ascii=False) if sel is not None else None
    mi = b.add_metric(mtype, resource=resource, container=get_str(o, "container"), name=get_str(o, "name"),
                      selector=sel_text, object_kind=dk, object_name=dn, namespace="test-namespace")
    t = o.get("target")
    if t is not None:
        check_keys(c, t, "metric.target", TARGET_KEYS)
        tt = get_str(t, "type")
        if tt is not None and tt not in ("Utilization", "AverageValue", "Value"):
            c.fail('cannot evaluate: unknown target type "%s"' % tt)
            tt = None
        au = i32(c, get_i64(c, t, "averageUtilization", 0), "averageUtilization") \
            if t.get("averageUtilization") is not None else None
        av = get_i64(c, t, "averageValueMilli", 0) if t.get("averageValueMilli") is not None else None
        vv = get_i64(c, t, "valueMilli", 0) if t.get("valueMilli") is not None else None
        b.set_target(mi, tt, average_utilization=au, average_value_milli=av, value_milli=vv)
    if mtype == "Pods":
        for pod, v in enumerate(ps.values):
            if v is not None:
                b.set_pod_value(mi, pod, v[0], v[1], v[2] / 1000.0)
        for name, value, ts, win in ps.orphan_values:
            b.add_orphan_value(mi, name, value, ts, win / 1000.0)
    if mtype == "Object" and inp.get("objectValueMilli") is not None:
        b.set_object_value(mi, get_i64(c, inp, "objectValueMilli", 0))
    ev = inp.get("externalValuesMilli")
    if mtype == "External" and isinstance(ev, list):
        for x in ev:
            b.add_external_value(mi, num_i64(c, x, "externalValuesMilli[]"))
    if isinstance(failing, list):
        for x in failing:
            if isinstance(x, str) and x == mtype:
                b.set_fetch_failed(mi, "failing metric source (test)")
    return mtype, resource


# ---- behavior and history -----------------------------------------------------------------------------

RULES_KEYS = {"stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance"}
POLICY_KEYS = {"type", "value", "periodSeconds"}


def parse_rules(c, o, direction, where, b):
    if o is None:
        return
    check_keys(c, o, where, RULES_KEYS)
    win = None
    if o.get("stabilizationWindowSeconds") is not None:
        win = i32(c, num_i64(c, o["stabilizationWindowSeconds"], "stabilizationWindowSeconds"), "window")
    sp = get_str(o, "selectPolicy")
    if sp is not None and sp not in ("Max", "Min", "Disabled"):
        c.fail('cannot evaluate: unknown selectPolicy "%s"' % sp)
        sp = None
    tol = float(o["tolerance"]) if is_num(o.get("tolerance")) else None
    pols = None
    p = o.get("policies")
    if p is not None:
        if not isinstance(p, list):
            c.fail("cannot evaluate: policies must be an array")
        else:
            pols = []
            for item in p:
                check_keys(c, item, "policies[]", POLICY_KEYS)
                t = get_str(item, "type")
                if t not in ("Pods", "Percent"):
                    c.fail("cannot evaluate: unknown policy type")
                    continue
                pols.append((t, i32(c, get_i64(c, item, "value", 0), "value"),
                             i32(c, get_i64(c, item, "periodSeconds", 0), "periodSeconds")))
    b.set_rules(direction, stabilization_window_seconds=win, select_policy=sp, tolerance=tol, policies=pols)


def parse_behavior(c, o, b):
    if o is None:
        return False
    check_keys(c, o, "behavior", {"scaleUp", "scaleDown"})
    b.set_behavior(True)
    parse_rules(c, o.get("scaleUp"), hpa.SCALE_UP, "behavior.scaleUp", b)
    parse_rules(c, o.get("scaleDown"), hpa.SCALE_DOWN, "behavior.scaleDown", b)
    return True


def parse_history(c, inp):
    h = hpa.History(1024)
    recs = inp.get("recommendations")
    if recs is not None:
        h.has_recommendations = True
        for item in recs:
            check_keys(c, item, "recommendations[]", {"secondsAgo", "replicas"})
            h.add_recommendation(i32(c, get_i64(c, item, "replicas", 0), "replicas"), ago(c, item.get("secondsAgo")))
    for name, direction in (("scaleUpEvents", hpa.SCALE_UP), ("scaleDownEvents", hpa.SCALE_DOWN)):
        for item in inp.get(name) or []:
            check_keys(c, item, name, {"secondsAgo", "replicaChange", "outdated"})
            h.add_event(direction, i32(c, get_i64(c, item, "replicaChange", 0), "replicaChange"),
                        ago(c, item.get("secondsAgo")), get_bool(c, item, "outdated", False))
    return h


def parse_tolerance(c, inp):
    t = inp.get("tolerance")
    if t is None:
        return 0.1, 0.1
    if is_num(t):
        return float(t), float(t)
    check_keys(c, t, "tolerance", {"scaleDown", "scaleUp"})
    return get_dbl(c, t, "scaleDown", 0.1), get_dbl(c, t, "scaleUp", 0.1)


# ---- expectations ---------------------------------------------------------------------------------------

def expect_int(c, ex, key, actual, have=True):
    v = ex.get(key)
    if v is None:
        return
    want = num_i64(c, v, key)
    if not have:
        c.fail("%s: expected %d, actual <none>" % (key, want))
    elif want != actual:
        c.fail("%s: expected %d, actual %d" % (key, want, actual))


def expect_bool(c, ex, key, actual):
    v = ex.get(key)
    if v is None:
        return
    if not isinstance(v, bool):
        c.fail("cannot evaluate: expect.%s must be a boolean" % key)
    elif v != bool(actual):
        c.fail("%s: expected %s, actual %s" % (key, v, bool(actual)))


def expect_str(c, ex, key, actual):
    v = ex.get(key)
    if v is None:
        return
    if not isinstance(v, str):
        c.fail("cannot evaluate: expect.%s must be a string" % key)
    elif actual is None or v != actual:
        c.fail("%s: expected %s, actual %s" % (key, v, actual))


def options(**kw):
    o = hpa.Options()
    for k, v in kw.items():
        setattr(o, k, v)
    return o


# ---- levels ------------------------------------------------------------------------------------------------

def run_group_pods(c, inp, ex):
    check_keys(c, inp, "input", {"stage", "resource", "pods", "samples", "cpuInitializationPeriodSeconds",
                                 "delayOfInitialReadinessStatusSeconds"})
    check_keys(c, ex, "expect", {"readyPodCount", "unready", "missing", "ignored"})
    b = hpa.DecideInput()
    ps = parse_pods(c, inp, b)
    o = options(cpu_initialization_period_ms=get_i64(c, inp, "cpuInitializationPeriodSeconds", 300) * 1000,
                initial_readiness_delay_ms=get_i64(c, inp, "delayOfInitialReadinessStatusSeconds", 30) * 1000)
    smap = inp.get("samples") or {}
    for i, name in enumerate(ps.names):
        s = smap.get(name) if isinstance(smap, dict) else None
        if s is not None:
            check_keys(c, s, "samples{}", {"valueMilli", "timestampSecondsAgo", "windowSeconds"})
            b.set_sample(i, get_i64(c, s, "valueMilli", 0), ago(c, s.get("timestampSecondsAgo")),
                         get_i64(c, s, "windowSeconds", 60))
    resource = get_str(inp, "resource")
    if resource and resource not in ("cpu", "memory"):
        c.fail('cannot evaluate: unsupported resource "%s"' % resource)
        resource = None
    if c.fails:
        return
    ready, _ = b.classify(resource or None, o)
    expect_int(c, ex, "readyPodCount", ready)
    classes = [b.pod_class(0, i) for i in range(len(ps.names))]
    for key in ("unready", "missing", "ignored"):
        want = ex.get(key)
        if want is None:
            continue
        got = []
        for name, k in zip(ps.names, classes):
            if key == "unready":
                inl = k == _c.HPA_POD_UNREADY_PENDING or k >= _c.HPA_POD_UNREADY_NO_CONDITION
            elif key == "missing":
                inl = k == _c.HPA_POD_MISSING
            else:
                inl = k in (_c.HPA_POD_IGNORED_DELETING, _c.HPA_POD_IGNORED_FAILED)
            if inl:
                got.append(name)
        exp = [x for x in want if isinstance(x, str)]
        if ",".join(got) != ",".join(exp):
            c.fail("%s: expected [%s], actual [%s]" % (key, ",".join(exp), ",".join(got)))


def run_calc(c, inp, ex):
    stage = get_str(inp, "stage")
    if stage:
        if stage == "groupPods":
            run_group_pods(c, inp, ex)
        else:
            c.fail('cannot evaluate: unknown calc stage "%s"' % stage)
        return
    check_keys(c, inp, "input", {"currentReplicas", "statusReplicas", "metric", "pods", "orphanMetrics",
                                 "objectValueMilli", "externalValuesMilli", "tolerance",
                                 "cpuInitializationPeriodSeconds", "delayOfInitialReadinessStatusSeconds",
                                 "podLevelResources", "failingMetricSources"})
    check_keys(c, ex, "expect", {"replicas", "utilization", "rawAverageValueMilli", "usageMilli", "error"})
    b = hpa.DecideInput()
    ps = parse_pods(c, inp, b)
    if "metric" not in inp:
        c.fail("cannot evaluate: calc vector without metric")
        return
    parse_metric(c, inp["metric"], inp, ps, inp.get("failingMetricSources"), b)
    tdown, tup = parse_tolerance(c, inp)
    b.set_behavior(True)
    b.set_tolerance(hpa.SCALE_DOWN, tdown)
    b.set_tolerance(hpa.SCALE_UP, tup)
    o = options(configurable_tolerance=True,
                cpu_initialization_period_ms=get_i64(c, inp, "cpuInitializationPeriodSeconds", 300) * 1000,
                initial_readiness_delay_ms=get_i64(c, inp, "delayOfInitialReadinessStatusSeconds", 30) * 1000,
                pod_level_resources=get_bool(c, inp, "podLevelResources", False))
    spec = i32(c, get_i64(c, inp, "currentReplicas", 0), "currentReplicas")
    status = i32(c, get_i64(c, inp, "statusReplicas", spec), "statusReplicas")
    b.set_spec(INT32_MAX, 0)
    b.set_scale(spec, status, 0)
    b.set_now(0)
    if c.fails:
        return
    try:
        r = b.metric_eval(0, o)
    except hpa.Error as e:
        c.fail("hpa_decide_metric_eval failed: %s" % e.message)
        return
    xr, xe = ex.get("replicas", "absent"), ex.get("error")
    if isinstance(xe, str):
        if r.status == 0:
            c.fail('error: expected an error containing "%s", actual none (replicas %d)' % (xe, r.replicas))
        elif xe not in r.message:
            c.fail('error: expected text containing "%s", actual "%s"' % (xe, r.message))
        return
    if r.status != 0:
        c.fail('error: expected none, actual "%s"' % r.message)
        return
    if xr is None:
        c.fail("replicas: expected null (an error), actual %d" % r.replicas)
    expect_int(c, ex, "replicas", r.replicas)
    expect_int(c, ex, "utilization", r.average_utilization, r.has_average_utilization)
    expect_int(c, ex, "rawAverageValueMilli", r.average_value_milli, r.has_average_value)
    if r.has_value:
        expect_int(c, ex, "usageMilli", r.value_milli)
    else:
        expect_int(c, ex, "usageMilli", r.average_value_milli, r.has_average_value)


STAB = {1: "ReadyForNewScale", 2: "ScaleUpStabilized", 3: "ScaleDownStabilized"}


def expect_int_list(c, ex, key, got):
    want = ex.get(key)
    if want is None:
        return
    e = ",".join(str(num_i64(c, x, key)) for x in want)
    g = ",".join(str(x) for x in got)
    if e != g:
        c.fail("%s: expected [%s], actual [%s]" % (key, e, g))


def run_normalize(c, inp, ex):
    check_keys(c, inp, "input", {"stage", "currentReplicas", "prenormalizedDesiredReplicas", "minReplicas",
                                 "maxReplicas", "behavior", "downscaleStabilizationWindowSeconds", "recommendations",
                                 "scaleUpEvents", "scaleDownEvents", "scaleUpLimitFactor", "scaleUpLimitMinimum",
                                 "prevReplicas", "newReplicas"})
    check_keys(c, ex, "expect", {"desiredReplicas", "reason", "stabilizedReplicas", "ableToScaleReason",
                                 "recommendationsAfter", "recommendationsLength", "scaleUpLimit", "scaleDownLimit",
                                 "replicaChangeLast60s", "eventsAfter"})
    stage = get_str(inp, "stage")
    if not stage:
        c.fail("cannot evaluate: normalize vector without stage")
        return
    b = hpa.DecideInput()
    b.set_now(0)
    has_b = parse_behavior(c, inp.get("behavior"), b)
    h = parse_history(c, inp)
    o = options(downscale_stabilization_ms=get_i64(c, inp, "downscaleStabilizationWindowSeconds", 300) * 1000,
                scale_up_limit_factor=get_dbl(c, inp, "scaleUpLimitFactor", 2.0),
                scale_up_limit_minimum=get_dbl(c, inp, "scaleUpLimitMinimum", 4.0))
    current = i32(c, get_i64(c, inp, "currentReplicas", 0), "currentReplicas")
    if stage in ("behavior", "behaviorStabilizeOnly", "legacy", "legacyStabilizeOnly"):
        legacy, only = stage.startswith("l"), "StabilizeOnly" in stage
        if not legacy and not has_b:
            c.fail("cannot evaluate: stage %s needs a behavior" % stage)
            return
        if legacy and has_b:
            c.fail("cannot evaluate: stage %s takes no behavior" % stage)
            return
        desired = i32(c, get_i64(c, inp, "prenormalizedDesiredReplicas", 0), "prenormalized")
        mn = i32(c, get_i64(c, inp, "minReplicas", 0 if only else 1), "minReplicas")
        mx = i32(c, get_i64(c, inp, "maxReplicas", INT32_MAX if only else 0), "maxReplicas")
        if c.fails:
            return
        try:
            nz = b.normalize(h, current, desired, mn, mx, not legacy, o)
        except hpa.Error as e:
            c.fail("hpa_decide_normalize failed: %s" % e.message)
            return
        expect_int(c, ex, "stabilizedReplicas", nz.stabilized_replicas)
        if only:
            expect_int(c, ex, "desiredReplicas", nz.stabilized_replicas)
        else:
            expect_int(c, ex, "desiredReplicas", nz.desired_replicas)
            expect_str(c, ex, "reason", _c.hpa_decide_limit_name(nz.limit_reason))
        expect_str(c, ex, "ableToScaleReason", STAB.get(nz.stabilization))
        _c.hpa_history_apply(h._h, nz.update, 0)
        recs = [r.replicas for r in h.recommendations]
        expect_int_list(c, ex, "recommendationsAfter", recs)
        expect_int(c, ex, "recommendationsLength", len(recs))
    elif stage == "limits":
        if c.fails:
            return
        try:
            up, down = b.scale_limits(h, current, o)
        except hpa.Error as e:
            c.fail("hpa_decide_scale_limits failed: %s" % e.message)
            return
        expect_int(c, ex, "scaleUpLimit", up)
        expect_int(c, ex, "scaleDownLimit", down)
    elif stage == "storeScaleEvent":
        prev = i32(c, get_i64(c, inp, "prevReplicas", 0), "prevReplicas")
        nxt = i32(c, get_i64(c, inp, "newReplicas", 0), "newReplicas")
        direction = hpa.SCALE_UP if nxt > prev else hpa.SCALE_DOWN
        if c.fails:
            return
        expect_int(c, ex, "replicaChangeLast60s", h.replica_change(direction, 60, 0))
        try:
            b.store_scale_event(h, prev, nxt)
        except hpa.Error as e:
            c.fail("hpa_history_store_scale_event failed: %s" % e.message)
            return
        want = ex.get("eventsAfter")
        if want is not None:
            g = ",".join("{%d,%s}" % (e.replica_change, "outdated" if e.outdated else "current")
                         for e in h.events(direction))
            parts = []
            for x in want:
                check_keys(c, x, "eventsAfter[]", {"replicaChange", "outdated"})
                parts.append("{%d,%s}" % (get_i64(c, x, "replicaChange", 0),
                                          "outdated" if get_bool(c, x, "outdated", False) else "current"))
            e = ",".join(parts)
            if g != e:
                c.fail("eventsAfter: expected [%s], actual [%s]" % (e, g))
    else:
        c.fail('cannot evaluate: unknown normalize stage "%s"' % stage)


def run_controller(c, inp, ex):
    check_keys(c, inp, "input", {"specReplicas", "statusReplicas", "minReplicas", "maxReplicas", "metrics",
                                 "behavior", "pods", "orphanMetrics", "objectValueMilli", "externalValuesMilli",
                                 "failingMetricSources", "recommendations", "scaleUpEvents", "scaleDownEvents",
                                 "tolerance", "cpuInitializationPeriodSeconds", "delayOfInitialReadinessStatusSeconds",
                                 "downscaleStabilizationWindowSeconds", "scaleUpLimitFactor", "scaleUpLimitMinimum",
                                 "features", "scaledToZeroCondition", "zeroReplicaSemantics", "selector"})
    check_keys(c, ex, "expect", {"desiredReplicas", "scaleUpdated", "conditions", "error", "cpuUtilization"})
    b = hpa.DecideInput()
    b.set_now(0)
    ps = parse_pods(c, inp, b)
    marr = inp.get("metrics")
    if marr is not None and not isinstance(marr, list):
        c.fail("cannot evaluate: metrics must be an array")
        return
    kinds = [parse_metric(c, m, inp, ps, inp.get("failingMetricSources"), b) for m in marr or []]
    has_b = parse_behavior(c, inp.get("behavior"), b)
    tdown, tup = parse_tolerance(c, inp)
    o = hpa.Options()
    if has_b:
        if not b.has_tolerance(hpa.SCALE_DOWN):
            b.set_tolerance(hpa.SCALE_DOWN, tdown)
        if not b.has_tolerance(hpa.SCALE_UP):
            b.set_tolerance(hpa.SCALE_UP, tup)
    elif tdown != tup:
        c.fail("cannot evaluate: per-direction tolerance without behavior")
    o.tolerance = tdown
    o.configurable_tolerance = True
    o.cpu_initialization_period_ms = get_i64(c, inp, "cpuInitializationPeriodSeconds", 300) * 1000
    o.initial_readiness_delay_ms = get_i64(c, inp, "delayOfInitialReadinessStatusSeconds", 30) * 1000
    o.downscale_stabilization_ms = get_i64(c, inp, "downscaleStabilizationWindowSeconds", 300) * 1000
    o.scale_up_limit_factor = get_dbl(c, inp, "scaleUpLimitFactor", 2.0)
    o.scale_up_limit_minimum = get_dbl(c, inp, "scaleUpLimitMinimum", 4.0)
    o.pod_level_resources = False
    feat = inp.get("features")
    if feat is not None:
        check_keys(c, feat, "features", {"HPAScaleToZero", "HPAConfigurableTolerance", "PodLevelResources"})
        o.scale_to_zero = get_bool(c, feat, "HPAScaleToZero", False)
        o.configurable_tolerance = get_bool(c, feat, "HPAConfigurableTolerance", True)
        o.pod_level_resources = get_bool(c, feat, "PodLevelResources", False)
    sem = get_str(inp, "zeroReplicaSemantics")
    if sem == "master":
        o.semantics = "master"
    elif sem is not None and sem != "released":
        c.fail('cannot evaluate: unknown zeroReplicaSemantics "%s"' % sem)
    b.set_scaled_to_zero(get_bool(c, inp, "scaledToZeroCondition", False))
    spec = i32(c, get_i64(c, inp, "specReplicas", 0), "specReplicas")
    status = i32(c, get_i64(c, inp, "statusReplicas", spec), "statusReplicas")
    has_min = inp.get("minReplicas") is not None
    mn = i32(c, get_i64(c, inp, "minReplicas", 1), "minReplicas")
    mx = i32(c, get_i64(c, inp, "maxReplicas", 0), "maxReplicas")
    b.set_spec(mx, mn if has_min else None)
    sel, sel_text = 0, None
    x = inp.get("selector")
    if x is not None:
        s = x if isinstance(x, str) else "?"
        sel = {"": "empty", "invalid": "invalid", "ambiguous": "ambiguous"}.get(s, "ok")
        sel_text = s
    b.set_scale(spec, status, sel, sel_text)
    h = parse_history(c, inp)
    if c.fails:
        return
    try:
        d = b.decide(h, o)
    except hpa.Error as e:
        c.fail("hpa_decide failed: %s" % e.message)
        return
    r = d._raw
    expect_int(c, ex, "desiredReplicas", r.desired_replicas)
    expect_bool(c, ex, "scaleUpdated", r.rescale)
    expect_bool(c, ex, "error", r.error)
    x = ex.get("cpuUtilization")
    if x is not None:
        found = False
        for i, k in enumerate(kinds):
            if k is not None and k[0] == "Resource" and k[1] == "cpu":
                found = True
                m = r.metric_at(i)
                expect_int(c, ex, "cpuUtilization", m.average_utilization,
                           m.has_average_utilization and m.status == 0)
                break
        if not found:
            c.fail("cpuUtilization: expected %d, actual <no cpu Resource metric>" % num_i64(c, x, "cpuUtilization"))
    conds = ex.get("conditions")
    if conds is not None:
        g = " ".join("[%s %s %s]" % (cd.type, cd.status, cd.reason) for cd in d.conditions)
        parts = []
        for cd in conds:
            if not isinstance(cd, list) or len(cd) != 3:
                c.fail("cannot evaluate: conditions entries are [type, status, reason]")
                break
            parts.append("[%s]" % " ".join(v if isinstance(v, str) else "?" for v in cd))
        e = " ".join(parts)
        if g != e:
            c.fail("conditions: expected %s, actual %s" % (e, g))


VECTOR_KEYS = {"name", "source", "level", "input", "expect", "notes", "derived", "upstreamSkipped", "appliesTo"}


def evaluate(v):
    """Failure messages of one vector ([] = it passes)."""
    c = Ctx()
    if not isinstance(v, dict):
        return ["cannot evaluate: a vector must be an object"]
    check_keys(c, v, "vector", VECTOR_KEYS)
    if not get_str(v, "name"):
        c.fail("cannot evaluate: vector without name")
    inp, ex = v.get("input"), v.get("expect")
    if not isinstance(inp, dict) or not isinstance(ex, dict):
        c.fail("cannot evaluate: input and expect must be objects")
        return c.fails
    if c.fails:
        return c.fails
    level = get_str(v, "level")
    try:
        if not level:
            c.fail("cannot evaluate: vector without level")
        elif level == "calc":
            run_calc(c, inp, ex)
        elif level == "normalize":
            run_normalize(c, inp, ex)
        elif level == "controller":
            run_controller(c, inp, ex)
        else:
            c.fail('cannot evaluate: unsupported level "%s"' % level)
    except hpa.Error as e:
        c.fail("binding error: %s" % e)
    return c.fails


def evaluate_file(path):
    """[(name, failures)] for every vector of a file."""
    with open(path, encoding="utf-8") as f:
        vectors = json.load(f)
    return [(v.get("name") if isinstance(v, dict) else None, evaluate(v)) for v in vectors]
