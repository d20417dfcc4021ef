#!/usr/bin/python3
"""Write tests/decide/vectors/*.json from transcriptions of upstream test tables.

Every vector's expected values are copied from the upstream test that is
cited in "source" (kubernetes/kubernetes pkg/controller/podautoscaler
replica_calculator_test.go / horizontal_test.go), or, for "derived": true
vectors, computed by hand as explained in "notes". Nothing here runs libhpa.
The helpers only rebuild the upstream fixtures in the vector format of
docs/hpa-algorithm.md §1 (two containers per pod, per-container requests,
zero-time Ready transitions, ...).

Run: /usr/bin/python3 tests/decide/gen_vectors.py   (rewrites the files)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "vectors")
RC = "replica_calculator_test.go"
HZ = "horizontal_test.go"
INT32_MAX = 2147483647
INT64_MAX = 9223372036854775807

HOT = 0      # hotCPUCreationTime(): start time now
COOL = 180   # coolCPUCreationTime(): 3 minutes ago


def vec(name, source, level, inp, expect, notes=None, derived=False, skipped=False, applies=None):
    v = {"name": name, "source": source, "level": level, "input": inp, "expect": expect}
    if notes:
        v["notes"] = notes
    if derived:
        v["derived"] = True
    if skipped:
        v["upstreamSkipped"] = True
    if applies:
        v["appliesTo"] = applies
    return v


# ---- replica_calculator_test.go fixture -------------------------------------------

def rc_pods(current, requests=None, levels=None, readiness=None, start=None, phase=None, deleting=None,
            pod_names=None, metric_levels=None, resource="cpu"):
    """newFakePodClient + newFakeResourceMetricsClient + custom metrics client.

    requests: per-container request (milli) of pod i (both containers), None = no request.
    levels:   per-pod list of per-container usages (milli); a short list leaves the
              second ContainerMetrics zero-valued (name "", no usage) as upstream does.
    """
    n = current
    if phase is not None and len(phase) > n:
        n = len(phase)
    pods = []
    for i in range(n):
        req = requests[i] if requests is not None and i < len(requests) else None
        cs = []
        for cname in ("container1", "container2"):
            c = {"name": cname}
            if req is not None:
                c["requests"] = {resource: req}
            cs.append(c)
        p = {"name": "test-pod-%d" % i,
             "phase": phase[i] if phase else "Running",
             "ready": readiness[i] if readiness and i < len(readiness) else "True",
             "readyTransitionSecondsAgo": None,
             "startSecondsAgo": start[i] if start else None,
             "deleting": bool(deleting[i]) if deleting else False,
             "containers": cs,
             "usage": None}
        if metric_levels is not None:
            p["metricMilli"] = metric_levels[i] if i < len(metric_levels) else None
            p["metricTimestampSecondsAgo"] = None
        pods.append(p)
    orphans = []
    for i, lv in enumerate(levels or []):
        name = pod_names[i] if pod_names and i < len(pod_names) else "test-pod-%d" % i
        cs = []
        for j in range(2):
            if j < len(lv):
                cs.append({"name": "container%d" % (j + 1), resource: lv[j]})
            else:
                cs.append({"name": "", resource: None})
        usage = {"timestampSecondsAgo": None, "windowSeconds": 60, "containers": cs}
        target = [p for p in pods if p["name"] == name]
        if target:
            target[0]["usage"] = usage
        else:
            orphans.append({"name": name, "usage": usage})
    for i in range(len(pods), len(metric_levels or [])):
        orphans.append({"name": "test-pod-%d" % i, "metricMilli": metric_levels[i]})
    return pods, orphans


def per_pod(*levels):
    """makePodMetricLevels: every container of pod i reports levels[i]."""
    return [[x, x] for x in levels]


def rc_input(current, pods, orphans, metric, tol=(0.1, 0.1), status=None, **extra):
    d = {"currentReplicas": current, "statusReplicas": current if status is None else status,
         "metric": metric, "pods": pods, "tolerance": {"scaleDown": tol[0], "scaleUp": tol[1]},
         "cpuInitializationPeriodSeconds": 120, "delayOfInitialReadinessStatusSeconds": 10}
    if orphans:
        d["orphanMetrics"] = orphans
    d.update(extra)
    return d


def cpu_util(target, container=None):
    m = {"type": "ContainerResource" if container else "Resource", "resource": "cpu",
         "target": {"type": "Utilization", "averageUtilization": target}}
    if container:
        m["container"] = container
    return m


POD_QPS = lambda t: {"type": "Pods", "name": "qps", "target": {"type": "AverageValue", "averageValueMilli": t}}
OBJ = {"kind": "Deployment", "apiVersion": "apps/v1", "name": "some-deployment"}
SEL = {"matchLabels": {"label": "value"}}
OBJ_VALUE = lambda t: {"type": "Object", "name": "qps", "describedObject": OBJ,
                       "target": {"type": "Value", "valueMilli": t}}
OBJ_AVG = lambda t: {"type": "Object", "name": "qps", "describedObject": OBJ,
                     "target": {"type": "AverageValue", "averageValueMilli": t}}
EXT_VALUE = lambda t: {"type": "External", "name": "qps", "selector": SEL, "target": {"type": "Value", "valueMilli": t}}
EXT_AVG = lambda t: {"type": "External", "name": "qps", "selector": SEL,
                     "target": {"type": "AverageValue", "averageValueMilli": t}}


def resource_case(name, current, target, requests, levels, replicas, util, raw, container=None, **kw):
    pods, orph = rc_pods(current, requests, levels, kw.get("readiness"), kw.get("start"), kw.get("phase"),
                         kw.get("deleting"), kw.get("pod_names"))
    return vec(name, "%s %s" % (RC, kw.get("src", "TestReplicaCalcResourceScale (%s)" % name)), "calc",
               rc_input(current, pods, orph, cpu_util(target, container), tol=kw.get("tol", (0.1, 0.1))),
               {"replicas": replicas, "utilization": util, "rawAverageValueMilli": raw, "error": None},
               notes=kw.get("notes"), derived=kw.get("derived", False))


def calc_vectors():
    V = []
    T, F = "True", "False"
    # TestReplicaCalcResourceScale (table); requests "1.0" per container = 1000m
    R = lambda n, v=1000: [v] * n
    V.append(resource_case("scale up", 3, 30, R(3), per_pod(300, 500, 700), 5, 50, 1000))
    V.append(resource_case("scale up: container metric", 3, 30, R(3), [[1000, 300], [1000, 500], [1000, 700]], 5, 50,
                           500, container="container2"))
    V.append(resource_case("scale up: unready pod scales less", 3, 30, R(3), per_pod(300, 500, 700), 4, 60, 1200,
                           readiness=[F, T, T]))
    V.append(resource_case("scale up: hot-CPU container scales less", 3, 30, R(3), [[0, 300], [0, 500], [0, 700]], 4,
                           60, 600, container="container2", start=[HOT, COOL, COOL]))
    V.append(resource_case("scale up: hot-CPU pod scales less", 3, 30, R(3), per_pod(300, 500, 700), 4, 60, 1200,
                           start=[HOT, COOL, COOL]))
    V.append(resource_case("no scale: unready pods ignored", 3, 30, R(3), per_pod(400, 500, 700), 3, 40, 800,
                           readiness=[T, F, F]))
    V.append(resource_case("no scale: hot-CPU pods ignored", 3, 30, R(3), per_pod(400, 500, 700), 3, 40, 800,
                           readiness=[T, F, F], start=[COOL, HOT, HOT]))
    V.append(resource_case("scale up: failed pods ignored", 2, 30, R(4), per_pod(500, 700), 4, 60, 1200,
                           readiness=[T, T, F, F], phase=["Running", "Running", "Failed", "Failed"]))
    V.append(resource_case("scale up: failed pods ignored with missing container metric", 2, 30, R(4),
                           [[1000, 500], [9000, 700], [1000], [9000]], 4, 60, 600, container="container2",
                           readiness=[T, T, F, F], phase=["Running", "Running", "Failed", "Failed"]))
    V.append(resource_case("scale up: container metrics with failed pods ignored", 2, 30, R(4),
                           [[1000, 500], [9000, 700]], 4, 60, 600, container="container2",
                           readiness=[T, T, F, F], phase=["Running", "Running", "Failed", "Failed"]))
    V.append(resource_case("scale up: pods being deleted are ignored", 2, 30, R(4), per_pod(500, 700), 4, 60, 1200,
                           readiness=[T, T, F, F], phase=["Running"] * 4, deleting=[0, 0, 1, 1]))
    V.append(resource_case("scale up: container metrics with pods being deleted ignored", 2, 30, R(4),
                           per_pod(500, 700), 4, 60, 600, container="container1",
                           readiness=[T, T, F, F], phase=["Running"] * 4, deleting=[0, 0, 1, 1]))
    V.append(resource_case("scale down", 5, 50, R(5), per_pod(100, 300, 500, 250, 250), 3, 28, 560))
    V.append(resource_case("scale down: container metric", 5, 50, R(5),
                           [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], 3, 28, 280,
                           container="container2"))
    V.append(resource_case("scale down: exclude unready pods", 5, 50, R(5), per_pod(100, 300, 500, 250, 250), 2, 30,
                           600, readiness=[T, T, T, F, F]))
    V.append(resource_case("scale down: container metric excludes unready pods", 5, 50, R(5),
                           [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], 2, 30, 300,
                           container="container2", readiness=[T, T, T, F, F]))
    V.append(resource_case("scale down: exclude unscheduled pods", 5, 50, R(5), per_pod(100), 1, 10, 200,
                           readiness=[T, F, F, F, F], phase=["Running"] + ["Pending"] * 4))
    V.append(resource_case("scale down: container metric excludes unscheduled pods", 5, 50, R(5),
                           [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], 1, 10, 100,
                           container="container2", readiness=[T, F, F, F, F], phase=["Running"] + ["Pending"] * 4))
    V.append(resource_case("scale down: ignore hot-CPU pods", 5, 50, R(5), per_pod(100, 300, 500, 250, 250), 2, 30,
                           600, start=[COOL, COOL, COOL, HOT, HOT]))
    V.append(resource_case("scale down: container metric ignores hot-CPU pods", 5, 50, R(5),
                           [[1000, 100], [1000, 300], [1000, 500], [1000, 1000], [1000, 1000]], 2, 30, 300,
                           container="container2", start=[COOL, COOL, COOL, HOT, HOT]))
    V.append(resource_case("scale down: failed pods ignored", 5, 50, R(7), per_pod(100, 300, 500, 250, 250), 3, 28,
                           560, readiness=[T] * 5 + [F, F], phase=["Running"] * 5 + ["Failed"] * 2))
    V.append(resource_case("scale down: container metric with failed pods ignored", 5, 50, R(7),
                           [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], 3, 28, 280,
                           container="container2", readiness=[T] * 5 + [F, F],
                           phase=["Running"] * 5 + ["Failed"] * 2))
    V.append(resource_case("scale down: pods being deleted are ignored", 5, 50, R(7),
                           per_pod(100, 300, 500, 250, 250), 3, 28, 560, readiness=[T] * 5 + [F, F],
                           phase=["Running"] * 7, deleting=[0] * 5 + [1, 1]))
    V.append(resource_case("scale down: still-running pods being deleted are ignored", 5, 50, R(7),
                           [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]], 3, 28, 280,
                           container="container2", readiness=[T] * 5 + [F, F], phase=["Running"] * 7,
                           deleting=[0] * 5 + [1, 1]))

    # standalone resource tests
    def rt(test, current, target, requests, levels, replicas, util, raw, **kw):
        V.append(resource_case(test, current, target, requests, levels, replicas, util, raw,
                               src="%s" % test, **kw))

    rt("TestReplicaCalcTolerance", 3, 100, [900, 1000, 1100], per_pod(1010, 1030, 1020), 3, 102, 2040)
    rt("TestReplicaCalcSuperfluousMetrics", 4, 100, R(4), per_pod(4000, 9500, 3000, 7000, 3200, 2000), 24, 587, 11750)
    rt("TestReplicaCalcMissingMetrics", 4, 100, R(4), per_pod(400, 95), 3, 24, 495)
    rt("TestReplicaCalcMissingMetricsNoChangeEq", 2, 100, R(2), per_pod(1000), 2, 100, 2000)
    rt("TestReplicaCalcMissingMetricsNoChangeGt", 2, 100, R(2), per_pod(1900), 2, 190, 3800)
    rt("TestReplicaCalcMissingMetricsNoChangeLt", 2, 100, R(2), per_pod(600), 2, 60, 1200)
    rt("TestReplicaCalcMissingMetricsUnreadyChange", 3, 50, R(3), per_pod(100, 450), 3, 45, 900,
       readiness=[F, T, T])
    rt("TestReplicaCalcMissingMetricsHotCpuNoChange", 3, 50, R(3), per_pod(100, 450), 3, 45, 900,
       start=[HOT, COOL, COOL])
    rt("TestReplicaCalcMissingMetricsUnreadyScaleUp", 3, 50, R(3), per_pod(100, 2000), 4, 200, 4000,
       readiness=[F, T, T])
    rt("TestReplicaCalcMissingMetricsHotCpuScaleUp", 3, 50, R(3), per_pod(100, 2000), 4, 200, 4000,
       readiness=[F, T, T], start=[HOT, COOL, COOL])
    rt("TestReplicaCalcMissingMetricsUnreadyScaleDown", 4, 50, R(4), per_pod(100, 100, 100), 3, 10, 200,
       readiness=[F, T, T, T])
    rt("TestReplicaCalcMissingMetricsScaleDownTargetOver100", 4, 300, [1000, 1000, 2000, 2000],
       per_pod(200, 100, 100), 2, 6, 200, readiness=[F, T, T, T])
    rt("TestReplicaCalcDuringRollingUpdateWithMaxSurge", 2, 50, R(3), per_pod(100, 100), 2, 10, 200,
       phase=["Running"] * 3)
    rt("TestReplicaCalcConfigurableTolerance (Outside of a 0% tolerance)", 3, 100, [900, 1000, 1100],
       per_pod(909, 1010, 1111), 4, 101, 2020, tol=(0.0, 0.0))
    rt("TestReplicaCalcConfigurableTolerance (Within a 200% scale-up tolerance)", 3, 100, [900, 1000, 1100],
       per_pod(1890, 1910, 1900), 3, 190, 3800, tol=(0.1, 2.0))
    rt("TestReplicaCalcConfigurableTolerance (Outside 8% scale-up tolerance (and superfuous scale-down tolerance))",
       3, 100, [900, 1000, 1100], per_pod(1100, 1080, 1090), 4, 109, 2180, tol=(2.0, 0.08))
    rt("TestReplicaCalcConfigurableTolerance (Within a 36% scale-down tolerance)", 3, 100, [900, 1000, 1100],
       per_pod(660, 640, 650), 3, 65, 1300, tol=(0.36, 0.1))
    rt("TestReplicaCalcConfigurableTolerance (Outside a 34% scale-down tolerance)", 3, 100, [900, 1000, 1100],
       per_pod(660, 640, 650), 2, 65, 1300, tol=(0.34, 0.1))
    # TestReplicaCalcComputedToleranceAlgImplementation: requests 300m±{100,10,2,1,0} per container
    reqs = [400, 200, 310, 290, 302, 298, 301, 299, 300, 300]
    rt("TestReplicaCalcComputedToleranceAlgImplementation (target 56)", 10, 56, reqs, per_pod(*([150] * 10)), 9, 50,
       300, notes="finalCPUPercentTarget = int32((1/(2*0.9)+0.01)*100) = 56; 50/56 = 0.893 < 0.9 -> ceil(8.93) = 9")
    rt("TestReplicaCalcComputedToleranceAlgImplementation (target 55)", 10, 55, reqs, per_pod(*([150] * 10)), 10,
       50, 300, notes="second run: int32((1/(2*0.9)+0.004)*100) = 55; 50/55 = 0.909 within tolerance")

    # errors
    pods, orph = rc_pods(1, [1000], per_pod(100), pod_names=["an-older-pod-name"])
    V.append(vec("disjoint resources and metrics", RC + " TestReplicaCalcDisjointResourcesMetrics", "calc",
                 rc_input(1, pods, orph, cpu_util(100)),
                 {"replicas": None, "error": "no metrics returned matched known pods"}))
    pods, orph = rc_pods(4, R(3), [])
    V.append(vec("empty metrics", RC + " TestReplicaCalcEmptyMetrics", "calc", rc_input(4, pods, orph, cpu_util(100)),
                 {"replicas": None,
                  "error": "unable to get metrics for resource cpu: no metrics returned from resource metrics API"}))
    pods, orph = rc_pods(1, [], per_pod(200))
    V.append(vec("empty cpu request", RC + " TestReplicaCalcEmptyCPURequest", "calc",
                 rc_input(1, pods, orph, cpu_util(100)), {"replicas": None, "error": "missing request for"}))

    # custom metrics
    def cm(test, current, metric, replicas, usage, status=None, tol=(0.1, 0.1), readiness=None, start=None,
           phase=None, metric_levels=None, obj=None, ext=None, notes=None):
        pods, orph = rc_pods(current, None, None, readiness, start, phase, metric_levels=metric_levels)
        extra = {}
        if obj is not None:
            extra["objectValueMilli"] = obj
        if ext is not None:
            extra["externalValuesMilli"] = ext
        V.append(vec(test, "%s %s" % (RC, test), "calc",
                     rc_input(current, pods, orph, metric, tol=tol, status=status, **extra),
                     {"replicas": replicas, "usageMilli": usage, "error": None}, notes=notes))

    cm("TestReplicaCalcScaleUpCM", 3, POD_QPS(15000), 4, 20000, metric_levels=[20000, 10000, 30000])
    cm("TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale", 3, POD_QPS(15000), 6, 30000, readiness=[T, T, F],
       start=[COOL, COOL, HOT], metric_levels=[50000, 10000, 30000])
    cm("TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown", 3, POD_QPS(15000), 7, 31666, readiness=[F, T, F],
       start=[HOT, COOL, HOT], metric_levels=[50000, 15000, 30000])
    cm("TestReplicaCalcScaleUpCMObject", 3, OBJ_VALUE(15000), 4, 20000, obj=20000)
    cm("TestReplicaCalcScaleUpCMPerPodObject", 3, OBJ_AVG(5000), 4, 6667, obj=20000)
    cm("TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods", 3, OBJ_VALUE(10000), 5, 50000, readiness=[F, T, F],
       obj=50000)
    cm("TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods", 3, EXT_VALUE(4400), 2, 8600, readiness=[F, T, F],
       ext=[8600])
    cm("TestReplicaCalcScaleUpPerPodCMExternal", 3, EXT_AVG(2150), 4, 2867, ext=[8600])
    cm("TestReplicaCalcScaleDownCM", 5, POD_QPS(20000), 3, 12000, metric_levels=[12000] * 5)
    cm("TestReplicaCalcScaleDownPerPodCMObject", 5, OBJ_AVG(2000), 3, 1200, obj=6000)
    cm("TestReplicaCalcScaleDownCMObject", 5, OBJ_VALUE(20000), 3, 12000, obj=12000)
    cm("TestReplicaCalcScaleDownCMExternal", 5, EXT_VALUE(14334), 3, 8600, ext=[8600])
    cm("TestReplicaCalcScaleDownPerPodCMExternal", 5, EXT_AVG(2867), 3, 1720, ext=[8600])
    cm("TestReplicaCalcToleranceCM", 3, POD_QPS(20000), 3, 20666, metric_levels=[20000, 21000, 21000])
    cm("TestReplicaCalcToleranceCMObject", 3, OBJ_VALUE(20000), 3, 20666, obj=20666)
    cm("TestReplicaCalcTolerancePerPodCMObject", 4, OBJ_AVG(5000), 4, 5042, obj=20166)
    cm("TestReplicaCalcToleranceCMExternal", 3, EXT_VALUE(8888), 3, 8600, ext=[8600])
    cm("TestReplicaCalcTolerancePerPodCMExternal", 3, EXT_AVG(2900), 3, 2867, ext=[8600])
    cm("TestReplicaCalcConfigurableToleranceCM", 3, POD_QPS(20000), 4, 20666, tol=(0.1, 0.01),
       metric_levels=[20000, 21000, 21000])
    cm("TestReplicaCalcConfigurableToleranceCMObject", 3, OBJ_VALUE(20000), 4, 20666, tol=(0.1, 0.01), obj=20666)
    cm("TestReplicaCalcConfigurableTolerancePerPodCMObject", 4, OBJ_AVG(5000), 5, 5052, tol=(0.1, 0.01), obj=20208)
    cm("TestReplicaCalcConfigurableToleranceCMExternal", 3, EXT_VALUE(8800), 4, 8900, tol=(0.1, 0.01), ext=[8900])
    cm("TestReplicaCalcConfigurableTolerancePerPodCMExternal", 3, EXT_AVG(2800), 4, 2867, tol=(0.1, 0.01),
       ext=[8600])
    cm("TestPlainMetricReplicaCalcMissingMetricsNoChangeEq", 5, POD_QPS(20000), 5, 20000,
       metric_levels=[20000, 19000, 21000])
    cm("TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM", 2, POD_QPS(17000), 2, 10000, phase=["Running"] * 3,
       metric_levels=[10000, 10000])
    cm("TestReplicaCalcScaleUpOverflow", 3, OBJ_VALUE(1), INT32_MAX, INT64_MAX, obj=INT64_MAX)
    cm("TestExternalPerPodMetricReplicaOverflow", 1, EXT_AVG(1), INT32_MAX, INT64_MAX, ext=[INT64_MAX])
    cm("TestExternalPerPodMetricUsageOverflow", 1, EXT_AVG(INT64_MAX), 1, INT64_MAX, ext=[INT64_MAX])
    cm("TestReplicaCalcExternalMetricUsageOverflow", 3, EXT_VALUE(INT64_MAX), 3, INT64_MAX,
       ext=[INT64_MAX // 2 + 1, INT64_MAX // 2 + 1])

    # ---- derived vectors (hand computations in notes) ----------------------------------
    MI = 1024 * 1024
    pods, orph = rc_pods(2, [64 * MI, 64 * MI], [[40 * MI, 40 * MI], [60 * MI, 60 * MI]], resource="memory")
    V.append(vec("memory utilization scale up", "derived from the utilization path (spec §3.4)", "calc",
                 rc_input(2, pods, orph, {"type": "Resource", "resource": "memory",
                                          "target": {"type": "Utilization", "averageUtilization": 60}}),
                 {"replicas": 3, "utilization": 78, "rawAverageValueMilli": 100 * MI * 1000, "error": None},
                 derived=True,
                 notes="pods request 128Mi each (2 x 64Mi); usage 80Mi and 120Mi: U = 200Mi, Q = 256Mi, "
                       "util = trunc(20000/256) = 78 %; ratio 78/60 = 1.3 -> ceil(1.3*2) = 3; raw = 100Mi x 1000 "
                       "(milli-bytes). Memory has no readiness rules."))
    pods, orph = rc_pods(3, [256 * MI] * 3, [[200 * MI, 200 * MI], [200 * MI, 200 * MI]], readiness=[T, T, F],
                         resource="memory")
    V.append(vec("memory utilization ignores readiness, fills missing pod on scale down",
                 "derived from the utilization path (spec §3.1, §3.4)", "calc",
                 rc_input(3, pods, orph, {"type": "Resource", "resource": "memory",
                                          "target": {"type": "Utilization", "averageUtilization": 100}}),
                 {"replicas": 3, "utilization": 78, "rawAverageValueMilli": 400 * MI * 1000, "error": None},
                 derived=True,
                 notes="3 pods x 512Mi request; pods 0,1 use 400Mi; pod 2 (Ready False) has no sample -> missing "
                       "(memory ignores readiness). util = trunc(800*100/1024) = 78 %, ratio 0.78 < 1 -> fill "
                       "pod 2 with 100% of 512Mi: U2 = 1312Mi, Q2 = 1536Mi -> 85 % -> 0.85 < 0.9, "
                       "n2 = ceil(0.85*3) = ceil(2.55) = 3 (not above current 3) -> 3."))
    pods, orph = rc_pods(4, R(4), per_pod(250, 300, 350, 400))
    V.append(vec("cpu AverageValue target scale up", "derived from the plain path (spec §3.5)", "calc",
                 rc_input(4, pods, orph, {"type": "Resource", "resource": "cpu",
                                          "target": {"type": "AverageValue", "averageValueMilli": 500}}),
                 {"replicas": 6, "rawAverageValueMilli": 650, "error": None}, derived=True,
                 notes="pod usages 500,600,700,800 (2 containers each): usage = 2600/4 = 650m; ratio 650/500 = 1.3 "
                       "-> ceil(1.3*4) = ceil(5.2) = 6. No requests are needed for AverageValue."))
    pods, orph = rc_pods(3, R(3), per_pod(600, 600, 600), start=[COOL, COOL, HOT])
    V.append(vec("cpu AverageValue target applies cpu readiness rules", "derived from the plain path (spec §3.5)",
                 "calc",
                 rc_input(3, pods, orph, {"type": "Resource", "resource": "cpu",
                                          "target": {"type": "AverageValue", "averageValueMilli": 1000}}),
                 {"replicas": 3, "rawAverageValueMilli": 1200, "error": None}, derived=True,
                 notes="pod 2 is hot (started now; its sample, at the zero time, is older than Ready transition + "
                       "window) -> unready. usage = 2400/2 = 1200m, ratio 1.2 > 1 with an unready pod -> rebalance "
                       "with the unready pod at 0: 2400/3 = 800m, ratio 0.8 < 1 -> direction change -> current 3. "
                       "Reported value is the first pass, 1200m."))
    pods, orph = rc_pods(2, [1000, 1000], [[1205, 1205], [1205, 1205]])
    V.append(vec("utilization percent is truncated before the ratio", "derived (spec §3.4, §7)", "calc",
                 rc_input(2, pods, orph, cpu_util(100)),
                 {"replicas": 3, "utilization": 120, "rawAverageValueMilli": 2410, "error": None}, derived=True,
                 notes="U = 4820m, Q = 4000m: 482000/4000 = 120.5 -> 120 % (int64 division truncates); ratio "
                       "120/100 = 1.2 > 1.1 -> ceil(1.2*2) = ceil(2.4) = 3. Raw = 4820/2 = 2410m."))
    pods, orph = rc_pods(3, [1000, 1000, 1000], [[1109, 1109], [1109, 1109], [1109, 1109]])
    V.append(vec("110.9% reads as 110% and stays within tolerance", "derived (spec §3.4, §3.8, §7)", "calc",
                 rc_input(3, pods, orph, cpu_util(100)),
                 {"replicas": 3, "utilization": 110, "rawAverageValueMilli": 2218, "error": None}, derived=True,
                 notes="U = 6654m, Q = 6000m -> 665400/6000 = 110.9 -> 110 %; ratio 1.1 <= 1.0+0.1 (== 1.1 in "
                       "IEEE doubles) -> within tolerance -> current 3. Without truncation 1.109 would scale to 4."))
    # sidecar and pod-level requests (TestCalculateRequests cases, used through a replica calculation)
    sidecar_pod = {"name": "test-pod-0", "phase": "Running", "ready": "True", "readyTransitionSecondsAgo": None,
                   "startSecondsAgo": None, "deleting": False,
                   "containers": [{"name": "container1", "requests": {"cpu": 100}}],
                   "initContainers": [{"name": "init-container1", "requests": {"cpu": 20}},
                                      {"name": "restartable-container1", "restartPolicy": "Always",
                                       "requests": {"cpu": 50}}],
                   "usage": {"timestampSecondsAgo": None, "windowSeconds": 60,
                             "containers": [{"name": "container1", "cpu": 200},
                                            {"name": "restartable-container1", "cpu": 100}]}}
    V.append(vec("sidecar requests count, plain init containers do not", RC +
                 " TestCalculateRequests (pod with restartable init containers), used in a replica calculation",
                 "calc", rc_input(1, [sidecar_pod], [], cpu_util(100)),
                 {"replicas": 2, "utilization": 200, "rawAverageValueMilli": 300, "error": None}, derived=True,
                 notes="request = 100 (app) + 50 (sidecar) = 150m, as upstream's table; usage 300m -> 200 %; "
                       "ratio 2.0 -> ceil(2*1) = 2."))
    pl = json.loads(json.dumps(sidecar_pod))
    pl["initContainers"] = []
    pl["containers"] = [{"name": "container1"}, {"name": "container2", "requests": {"cpu": 50}}]
    pl["podRequests"] = {"cpu": 800}
    pl["usage"]["containers"] = [{"name": "container1", "cpu": 300}, {"name": "container2", "cpu": 100}]
    V.append(vec("pod-level requests override missing container requests", RC +
                 " TestCalculateRequests (Pod-level resources override missing container requests when feature "
                 "enabled and pod resources specified), used in a replica calculation",
                 "calc", dict(rc_input(1, [pl], [], cpu_util(50)), podLevelResources=True),
                 {"replicas": 1, "utilization": 50, "rawAverageValueMilli": 400, "error": None}, derived=True,
                 notes="request = pod-level 800m (container1 has none, which would fail without the gate); usage "
                       "400m -> 50 % = target -> within tolerance -> current 1."))
    V.append(vec("missing container request without pod-level gate", RC +
                 " TestCalculateRequests (Fail if at least one of the containers is missing requests and pod-level "
                 "feature/requests are not set), used in a replica calculation",
                 "calc", dict(rc_input(1, [pl], [], cpu_util(50)), podLevelResources=False),
                 {"replicas": None, "error": "missing request for cpu in container container1 of Pod test-pod-0"},
                 derived=True, notes="gate off: container sums are used and container1 has no cpu request."))
    nf = json.loads(json.dumps(sidecar_pod))
    nf["initContainers"] = []
    V.append(vec("unknown container: missing before the request check", RC +
                 " TestCalculatePodRequestsFromContainers_NonExistentContainer, used in a replica calculation",
                 "calc", rc_input(1, [nf], [], cpu_util(50, container="non-existent-container")),
                 {"replicas": None, "error": "did not receive metrics for targeted pods (pods might be unready)"},
                 derived=True,
                 notes="the usage item has no container of that name, so the pod gets no sample (post-#127193) and "
                       "is missing; the sample map is then empty and GetResourceReplicas returns 'did not receive "
                       "metrics for targeted pods' before calculateRequests could report 'container "
                       "non-existent-container not found in Pod test-pod-0'."))
    return V


def group_pods_vectors():
    V = []
    src = RC + " TestGroupPods (%s)"

    def gp(name, resource, pods, samples, ready, unready=(), missing=(), ignored=()):
        V.append(vec(name, src % name, "calc",
                     {"stage": "groupPods", "resource": resource, "pods": pods, "samples": samples,
                      "cpuInitializationPeriodSeconds": 120, "delayOfInitialReadinessStatusSeconds": 10},
                     {"readyPodCount": ready, "unready": list(unready), "missing": list(missing),
                      "ignored": list(ignored)}))

    def pod(name, phase="Succeeded", start="none", ready=None, ltt=None, deleting=False):
        p = {"name": name, "phase": phase, "ready": ready, "readyTransitionSecondsAgo": ltt, "deleting": deleting,
             "containers": []}
        if start == "none":
            p["startSecondsAgo"] = None
            p["hasStartTime"] = False
        else:
            p["startSecondsAgo"] = start
        return p

    zero = {"valueMilli": 1, "timestampSecondsAgo": None, "windowSeconds": 0}
    gp("void", "cpu", [], {}, 0)
    gp("count in a ready pod - memory", "memory", [pod("bentham")],
       {"bentham": {"valueMilli": 1, "timestampSecondsAgo": 0, "windowSeconds": 60}}, 1)
    gp("unready a pod without ready condition - CPU", "cpu", [pod("lucretius", start=0)], {"lucretius": zero}, 0,
       unready=["lucretius"])
    gp("count in a ready pod with fresh metrics during initialization period - CPU", "cpu",
       [pod("bentham", start=60, ready="True", ltt=30)],
       {"bentham": {"valueMilli": 1, "timestampSecondsAgo": 0, "windowSeconds": 30}}, 1)
    gp("unready a ready pod without fresh metrics during initialization period - CPU", "cpu",
       [pod("bentham", start=60, ready="True", ltt=30)],
       {"bentham": {"valueMilli": 1, "timestampSecondsAgo": 0, "windowSeconds": 60}}, 0, unready=["bentham"])
    gp("unready an unready pod during initialization period - CPU", "cpu",
       [pod("lucretius", start=600, ready="False", ltt=594)], {"lucretius": zero}, 0, unready=["lucretius"])
    gp("count in a ready pod without fresh metrics after initialization period - CPU", "cpu",
       [pod("bentham", start=180, ready="True", ltt=180)],
       {"bentham": {"valueMilli": 1, "timestampSecondsAgo": 120, "windowSeconds": 60}}, 1)
    gp("count in an unready pod that was ready after initialization period - CPU", "cpu",
       [pod("lucretius", start=600, ready="False", ltt=540)], {"lucretius": zero}, 1)
    gp("unready pod that has never been ready after initialization period - CPU", "cpu",
       [pod("lucretius", start=600, ready="False", ltt=590)], {"lucretius": zero}, 1)
    gp("a missing pod", "cpu", [pod("epicurus", start=180)], {}, 0, missing=["epicurus"])
    gp("several pods", "cpu",
       [pod("lucretius", start=0), pod("niccolo", start=180, ready="True", ltt=180), pod("epicurus", start=180)],
       {"lucretius": zero, "niccolo": zero}, 1, unready=["lucretius"], missing=["epicurus"])
    gp("pending pods are unreadied", "cpu", [pod("unscheduled", phase="Pending")], {}, 0, unready=["unscheduled"])
    gp("ignore pods with deletion timestamps", "cpu", [pod("deleted", phase="Pending", deleting=True)],
       {"deleted": zero}, 0, ignored=["deleted"])
    gp("ignore pods in a failed state", "cpu", [pod("failed", phase="Failed")], {"failed": zero}, 0,
       ignored=["failed"])
    return V


# ---- normalization -------------------------------------------------------------------

def rules(pods=0, pods_period=0, percent=0, percent_period=0, window=0, select="Max"):
    """generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow)."""
    pol = []
    if pods:
        pol.append({"type": "Pods", "value": pods, "periodSeconds": pods_period})
    if percent:
        pol.append({"type": "Percent", "value": percent, "periodSeconds": percent_period})
    return {"stabilizationWindowSeconds": window, "selectPolicy": select, "policies": pol}


DEFAULT_UP = {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
              "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                           {"type": "Percent", "value": 100, "periodSeconds": 15}]}
DEFAULT_DOWN = {"stabilizationWindowSeconds": None, "selectPolicy": "Max",
                "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}


def uniform(events, period):
    """generateEventsUniformDistribution: event i at period - seg*(i+1) + seg/2 seconds ago."""
    seg = period / len(events)
    return [{"secondsAgo": int(period - seg * (i + 1) + seg / 2), "replicaChange": e} for i, e in enumerate(events)]


def normalize_vectors():
    V = []
    # TestScalingWithRules (convertDesiredReplicasWithBehaviorRate; no recommendations -> stabilization neutral)
    rows = [
        ("prenormalized desired replicas within range", 5, 7, 3, 8, None, None, None, None, 7, "DesiredWithinRange"),
        ("prenormalized desired replicas < minReplicas", 3, 1, 2, 8, None, None, None, None, 2, "TooFewReplicas"),
        ("prenormalized desired replicas within range when minReplicas is 0", 1, 0, 0, 10, None, None, None, None, 0,
         "DesiredWithinRange"),
        ("maxReplicas is the limit because maxReplicas < scaleUpLimit", 20, 1000, 1, 10, None, None, None, None, 10,
         "TooManyReplicas"),
        ("desired replica count is more than the maximum replica count", 100, 1000, 100, 150, None, None, None, None,
         150, "TooManyReplicas"),
        ("scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies", 3, 1000, 1, 2000,
         rules(0, 0, 1, 60, 0), None, None, None, 4, "ScaleUpLimit"),
        ("scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies", 1000, 3, 3,
         2000, None, rules(20, 60, 0, 0, 0), None, None, 980, "ScaleDownLimit"),
        ("scaleUp with default behavior", 10, 50, 1, 1000, None, None, None, None, 20, "ScaleUpLimit"),
        ("scaleUp with pods policy larger than percent policy", 10, 500, 1, 1000, rules(100, 60, 100, 60, 0), None,
         None, None, 110, "ScaleUpLimit"),
        ("scaleUp with percent policy larger than pods policy", 10, 500, 1, 1000, rules(2, 60, 100, 60, 0), None,
         None, None, 20, "ScaleUpLimit"),
        ("scaleUp with spec MaxReplicas limitation with large pod policy", 10, 50, 1, 1000, rules(100, 60, 0, 0, 0),
         None, None, None, 50, "DesiredWithinRange"),
        ("scaleUp with spec MaxReplicas limitation with large percent policy", 10, 50, 1, 1000,
         rules(10000, 60, 0, 0, 0), None, None, None, 50, "DesiredWithinRange"),
        ("scaleUp with pod policy limitation", 10, 50, 1, 1000, rules(30, 60, 0, 0, 0), None, None, None, 40,
         "ScaleUpLimit"),
        ("scaleUp with percent policy limitation", 10, 50, 1, 1000, rules(0, 0, 200, 60, 0), None, None, None, 30,
         "ScaleUpLimit"),
        ("scaleDown with percent policy larger than pod policy", 100, 2, 1, 1000, None, rules(20, 60, 1, 60, 300),
         None, None, 80, "ScaleDownLimit"),
        ("scaleDown with pod policy larger than percent policy", 100, 2, 1, 1000, None, rules(2, 60, 1, 60, 300),
         None, None, 98, "ScaleDownLimit"),
        ("scaleDown with spec MinReplicas=nil limitation with large pod policy", 10, 0, 1, 1000, None,
         rules(100, 60, 0, 0, 300), None, None, 1, "TooFewReplicas"),
        ("scaleDown with spec MinReplicas limitation with large pod policy", 10, 0, 1, 1000, None,
         rules(100, 60, 0, 0, 300), None, None, 1, "TooFewReplicas"),
        ("scaleDown with spec MinReplicas limitation with large percent policy", 10, 2, 5, 1000, None,
         rules(0, 0, 100, 60, 300), None, None, 5, "TooFewReplicas"),
        ("scaleDown with pod policy limitation", 10, 2, 1, 1000, None, rules(5, 60, 0, 0, 300), None, None, 5,
         "ScaleDownLimit"),
        ("scaleDown with percent policy limitation", 10, 5, 1, 1000, None, rules(0, 0, 50, 60, 300), None, None, 5,
         "DesiredWithinRange"),
        ("scaleUp with spec MaxReplicas limitation with large pod policy and events", 100, 500, 1, 200,
         rules(300, 60, 0, 0, 0), None, uniform([1, 5, 9], 120), None, 200, "TooManyReplicas"),
        ("scaleUp with spec MaxReplicas limitation with large percent policy and events", 100, 500, 1, 200,
         rules(0, 0, 10000, 60, 0), None, uniform([1, 5, 9], 120), None, 200, "TooManyReplicas"),
        ("scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events", 100,
         500, 1, 1000, rules(5, 120, 0, 0, 0), None, uniform([1, 5, 9], 120), None, 100, "ScaleUpLimit"),
        ("scaleUp with pod policy and previous scale up events", 100, 500, 1, 1000, rules(150, 120, 0, 0, 0), None,
         uniform([1, 5, 9], 120), None, 235, "ScaleUpLimit"),
        ("scaleUp with percent policy and previous scale up events", 100, 500, 1, 1000, rules(0, 0, 200, 120, 0),
         None, uniform([1, 5, 9], 120), None, 255, "ScaleUpLimit"),
        ("scaleDown with default policy and previous events", 10, 5, 1, 1000, None, None, None,
         uniform([1, 5, 9], 120), 5, "DesiredWithinRange"),
        ("scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events", 100, 0, 1, 1000,
         None, rules(115, 120, 0, 0, 300), None, uniform([1, 5, 9], 120), 1, "TooFewReplicas"),
        ("scaleDown with spec MinReplicas limitation with large pod policy and previous events", 100, 0, 5, 1000,
         None, rules(130, 120, 0, 0, 300), None, uniform([1, 5, 9], 120), 5, "TooFewReplicas"),
        ("scaleDown with spec MinReplicas limitation with large percent policy and previous events", 100, 2, 5, 1000,
         None, rules(0, 0, 100, 120, 300), None, uniform([1, 5, 9], 120), 5, "TooFewReplicas"),
        ("scaleDown with pod policy limitation and previous events", 100, 2, 1, 1000, None, rules(5, 120, 0, 0, 300),
         None, uniform([1, 5, 9], 120), 100, "ScaleDownLimit"),
        ("scaleDown with percent policy limitation and previous events", 100, 0, 1, 1000, None,
         rules(0, 0, 50, 120, 300), None, uniform([2, 4, 6], 120), 56, "ScaleDownLimit"),
        ("scaleDown with previous events preventing further scale down", 100, 0, 1, 1000, None,
         rules(0, 0, 10, 120, 300), None, uniform([10, 10, 10], 120), 100, "ScaleDownLimit"),
        ("scaleDown with with previous events still allowing more scale down", 10, 5, 1, 1000, None,
         rules(0, 0, 1000, 120, 300), None, uniform([10, 10, 10], 120), 5, "DesiredWithinRange"),
        ("check 'outdated' flag for events for one behavior for up", 100, 200, 1, 1000, rules(1000, 60, 0, 0, 0),
         None, uniform([8, 12, 9, 11], 120), None, 200, "DesiredWithinRange"),
        ("check that events were not marked 'outdated' for two different policies in the behavior for up", 100, 200,
         1, 1000, rules(1000, 120, 100, 60, 0), None, uniform([8, 12, 9, 11], 120), None, 200, "DesiredWithinRange"),
        ("check that events were marked 'outdated' for two different policies in the behavior for up", 100, 200, 1,
         1000, rules(1000, 30, 100, 60, 0), None, uniform([8, 12, 9, 11], 120), None, 200, "DesiredWithinRange"),
        ("check 'outdated' flag for events for one behavior for down", 100, 5, 1, 1000, None,
         rules(1000, 60, 0, 0, 300), None, uniform([8, 12, 9, 11], 120), 5, "DesiredWithinRange"),
        ("check that events were not marked 'outdated' for two different policies in the behavior for down", 100, 5,
         1, 1000, None, rules(1000, 120, 100, 60, 300), None, uniform([8, 12, 9, 11], 120), 5, "DesiredWithinRange"),
        ("check that events were marked 'outdated' for two different policies in the behavior for down", 100, 5, 1,
         1000, None, rules(1000, 30, 100, 60, 300), None, uniform([8, 12, 9, 11], 120), 5, "DesiredWithinRange"),
    ]
    for (name, cur, pre, mn, mx, up, down, upev, downev, want, reason) in rows:
        inp = {"stage": "behavior", "currentReplicas": cur, "prenormalizedDesiredReplicas": pre, "minReplicas": mn,
               "maxReplicas": mx, "behavior": {"scaleUp": up or DEFAULT_UP, "scaleDown": down or DEFAULT_DOWN},
               "downscaleStabilizationWindowSeconds": 300, "recommendations": [],
               "scaleUpEvents": upev or [], "scaleDownEvents": downev or []}
        skipped = name.startswith("scaleDownLimit is the limit")
        V.append(vec(name, "%s TestScalingWithRules (%s)" % (HZ, name), "normalize", inp,
                     {"desiredReplicas": want, "reason": reason}, skipped=skipped,
                     notes="testThis: true skips this row upstream; 1000 - 20 = 980 is what the algorithm gives"
                     if skipped else None))

    # TestNormalizeDesiredReplicasWithBehavior (stabilization only; unset windows are 0 in the test)
    stab = [
        ("empty recommendations for scaling down", [], 100, 5, 5, [5], 0, 0),
        ("simple scale down stabilization", [(4, 120), (5, 60)], 100, 3, 5, [4, 5, 3], 0, 180),
        ("simple scale up stabilization", [(4, 120), (5, 60)], 1, 7, 4, [4, 5, 7], 300, 0),
        ("no scale down stabilization", [(1, 120), (2, 60)], 100, 3, 3, [1, 2, 3], 300, 0),
        ("no scale up stabilization", [(4, 120), (5, 60)], 1, 3, 3, [4, 5, 3], 0, 300),
        ("no scale down stabilization, reuse recommendation element", [(10, 600), (9, 540)], 100, 3, 3, [10, 3], 0, 0),
        ("no scale up stabilization, reuse recommendation element", [(10, 600), (9, 540)], 1, 100, 100, [10, 100], 0,
         0),
        ("scale down stabilization, reuse one of obsolete recommendation element",
         [(10, 600), (4, 60), (5, 120), (9, 540)], 100, 3, 5, [10, 4, 5, 3], 0, 180),
        ("scale up stabilization, reuse one of obsolete recommendation element",
         [(10, 6000), (6, 60), (5, 120), (9, 180)], 1, 100, 5, [100, 6, 5, 9], 300, 0),
    ]
    for (name, recs, cur, pre, want, after, upw, downw) in stab:
        V.append(vec(name, "%s TestNormalizeDesiredReplicasWithBehavior (%s)" % (HZ, name), "normalize",
                     {"stage": "behaviorStabilizeOnly", "currentReplicas": cur, "prenormalizedDesiredReplicas": pre,
                      "behavior": {"scaleUp": {"stabilizationWindowSeconds": upw},
                                   "scaleDown": {"stabilizationWindowSeconds": downw}},
                      "recommendations": [{"secondsAgo": s, "replicas": r} for (r, s) in recs]},
                     {"stabilizedReplicas": want, "recommendationsAfter": after}))

    # TestNormalizeDesiredReplicas (legacy stabilization, window 5 min)
    leg = [
        ("empty log", [], 5, 5, 1),
        ("stabilize", [(4, 120), (5, 60)], 3, 5, 3),
        ("no stabilize", [(1, 120), (2, 60)], 3, 3, 3),
        ("no stabilize - old recommendations", [(10, 600), (9, 540)], 3, 3, 2),
        ("stabilize - old recommendations", [(10, 600), (4, 60), (5, 120), (9, 540)], 3, 5, 4),
    ]
    for (name, recs, pre, want, length) in leg:
        V.append(vec(name, "%s TestNormalizeDesiredReplicas (%s)" % (HZ, name), "normalize",
                     {"stage": "legacyStabilizeOnly", "prenormalizedDesiredReplicas": pre,
                      "downscaleStabilizationWindowSeconds": 300,
                      "recommendations": [{"secondsAgo": s, "replicas": r} for (r, s) in recs]},
                     {"stabilizedReplicas": want, "recommendationsLength": length}))

    # TestConvertDesiredReplicasWithRules (legacy rules; horizontal_test.go sets scaleUpLimitFactor = 8)
    conv = [
        ("prenormalized desired replicas within range", 5, 7, 3, 8, 7, "DesiredWithinRange"),
        ("prenormalized desired replicas < minReplicas", 3, 1, 2, 8, 2, "TooFewReplicas"),
        ("prenormalized desired zeroed replicas within range", 1, 0, 0, 10, 0, "DesiredWithinRange"),
        ("maxReplicas is the limit because maxReplicas < scaleUpLimit", 20, 1000, 1, 10, 10, "TooManyReplicas"),
        ("scaleUpLimit is the limit because scaleUpLimit < maxReplicas", 3, 1000, 1, 2000, 24, "ScaleUpLimit"),
    ]
    for (name, cur, pre, mn, mx, want, reason) in conv:
        V.append(vec("legacy rules: " + name, "%s TestConvertDesiredReplicasWithRules (%s)" % (HZ, name), "normalize",
                     {"stage": "legacy", "currentReplicas": cur, "prenormalizedDesiredReplicas": pre,
                      "minReplicas": mn, "maxReplicas": mx, "downscaleStabilizationWindowSeconds": 300,
                      "recommendations": [], "scaleUpLimitFactor": 8.0, "scaleUpLimitMinimum": 4.0},
                     {"desiredReplicas": want, "reason": reason},
                     notes="calculateScaleUpLimit(3) = int32(max(8*3, 4)) = 24" if want == 24 else None))

    # TestCalculateScaleUpLimitWithScalingRules / TestCalculateScaleDownLimitWithBehaviors
    minrules = {"stabilizationWindowSeconds": 300, "selectPolicy": "Min",
                "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60},
                             {"type": "Percent", "value": 50, "periodSeconds": 60}]}
    V.append(vec("scale up limit with Min select policy", HZ + " TestCalculateScaleUpLimitWithScalingRules",
                 "normalize", {"stage": "limits", "currentReplicas": 1, "behavior": {"scaleUp": minrules},
                               "scaleUpEvents": [], "scaleDownEvents": []}, {"scaleUpLimit": 2}))
    V.append(vec("scale down limit with Min select policy", HZ + " TestCalculateScaleDownLimitWithBehaviors",
                 "normalize", {"stage": "limits", "currentReplicas": 5, "behavior": {"scaleDown": minrules},
                               "scaleUpEvents": [], "scaleDownEvents": []}, {"scaleDownLimit": 3}))

    # TestStoreScaleEvents, up and down (replica change 5 from 10)
    store = [
        ("empty entries with default behavior", None, [], [], 0),
        ("empty entries with two-policy-behavior", rules(10, 60, 100, 60, 0), [], [(5, False)], 0),
        ("one outdated entry to be kept untouched without behavior", None, [(7, 61)], [(7, False)], 0),
        ("one outdated entry to be replaced with behavior", rules(10, 60, 100, 60, 0), [(7, 61)], [(5, False)], 0),
        ("one actual entry to be not touched with behavior", rules(10, 60, 100, 60, 0), [(7, 58)],
         [(7, False), (5, False)], 7),
        ("two entries, one of them to be replaced", rules(10, 60, 0, 0, 0), [(7, 61), (6, 59)],
         [(5, False), (6, False)], 6),
        ("replace one entry, use policies with different periods", rules(10, 60, 100, 30, 0),
         [(8, 29), (6, 59), (7, 61), (9, 61)], [(8, False), (6, False), (7, True), (5, False)], 14),
        ("two entries, both actual", rules(10, 120, 100, 30, 0), [(7, 58), (6, 59)],
         [(7, False), (6, False), (5, False)], 13),
    ]
    for (name, r, prev, after, change) in store:
        for direction in ("up", "down"):
            key = "scaleUpEvents" if direction == "up" else "scaleDownEvents"
            beh = None
            if r is not None:
                beh = {"scaleUp": r} if direction == "up" else {"scaleDown": r}
            V.append(vec("%s (%s)" % (name, direction), "%s TestStoreScaleEvents (%s, %s)" % (HZ, name, direction),
                         "normalize",
                         {"stage": "storeScaleEvent", "behavior": beh, key: [
                             {"secondsAgo": s, "replicaChange": c} for (c, s) in prev],
                          "prevReplicas": 10, "newReplicas": 15 if direction == "up" else 5},
                         {"replicaChangeLast60s": change,
                          "eventsAfter": [{"replicaChange": c, "outdated": o} for (c, o) in after]}))

    # ---- derived normalization vectors ----------------------------------------------------
    V.append(vec("Disabled scale down holds current", "derived (spec §5.4.3)", "normalize",
                 {"stage": "behavior", "currentReplicas": 10, "prenormalizedDesiredReplicas": 3, "minReplicas": 1,
                  "maxReplicas": 20, "behavior": {"scaleUp": DEFAULT_UP,
                                                  "scaleDown": {"stabilizationWindowSeconds": 0,
                                                                "selectPolicy": "Disabled",
                                                                "policies": DEFAULT_DOWN["policies"]}},
                  "recommendations": [], "scaleUpEvents": [], "scaleDownEvents": []},
                 {"desiredReplicas": 10, "reason": "ScaleDownLimit", "stabilizedReplicas": 3}, derived=True,
                 notes="Disabled -> scaleDownLimit = current = 10; min 1 < 10 -> allowed 10, ScaleDownLimit; "
                       "3 < 10 -> 10."))
    V.append(vec("Disabled scale up holds current", "derived (spec §5.4.3)", "normalize",
                 {"stage": "behavior", "currentReplicas": 4, "prenormalizedDesiredReplicas": 9, "minReplicas": 1,
                  "maxReplicas": 20, "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0,
                                                              "selectPolicy": "Disabled",
                                                              "policies": DEFAULT_UP["policies"]},
                                                  "scaleDown": DEFAULT_DOWN},
                  "recommendations": [], "scaleUpEvents": [], "scaleDownEvents": []},
                 {"desiredReplicas": 4, "reason": "ScaleUpLimit"}, derived=True,
                 notes="Disabled -> scaleUpLimit = current = 4; max 20 > 4 -> allowed 4, ScaleUpLimit."))
    V.append(vec("Disabled scale up, max is tighter", "derived (spec §5.4.3)", "normalize",
                 {"stage": "behavior", "currentReplicas": 5, "prenormalizedDesiredReplicas": 9, "minReplicas": 1,
                  "maxReplicas": 5, "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0,
                                                             "selectPolicy": "Disabled",
                                                             "policies": DEFAULT_UP["policies"]},
                                                 "scaleDown": DEFAULT_DOWN},
                  "recommendations": [], "scaleUpEvents": [], "scaleDownEvents": []},
                 {"desiredReplicas": 5, "reason": "TooManyReplicas"}, derived=True,
                 notes="limit = current 5; max 5 is not > 5 -> allowed = max, reason TooManyReplicas."))
    V.append(vec("Percent scale down truncates toward zero", "derived (spec §7 percent policies)", "normalize",
                 {"stage": "limits", "currentReplicas": 7,
                  "behavior": {"scaleDown": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                                             "policies": [{"type": "Percent", "value": 30, "periodSeconds": 60}]}},
                  "scaleUpEvents": [], "scaleDownEvents": []},
                 {"scaleDownLimit": 4}, derived=True,
                 notes="int32(7 * (1 - 0.3)) = int32(4.9) = 4 (truncation, not rounding)."))
    V.append(vec("Percent scale up rounds up", "derived (spec §7 percent policies)", "normalize",
                 {"stage": "limits", "currentReplicas": 7,
                  "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                                           "policies": [{"type": "Percent", "value": 10, "periodSeconds": 60}]}},
                  "scaleUpEvents": [], "scaleDownEvents": []},
                 {"scaleUpLimit": 8}, derived=True, notes="ceil(7 * 1.1) = ceil(7.700000000000001) = 8."))
    V.append(vec("both event directions feed periodStart", "derived (spec §5.4.3, PR #109058)", "normalize",
                 {"stage": "limits", "currentReplicas": 10,
                  "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
                                           "policies": [{"type": "Pods", "value": 4, "periodSeconds": 60}]}},
                  "scaleUpEvents": [{"secondsAgo": 30, "replicaChange": 3}],
                  "scaleDownEvents": [{"secondsAgo": 20, "replicaChange": 2}, {"secondsAgo": 90, "replicaChange": 5}]},
                 {"scaleUpLimit": 13}, derived=True,
                 notes="periodStart = 10 - 3 (up, 30 s ago) + 2 (down, 20 s ago; the 90 s one is outside 60 s) = 9; "
                       "9 + 4 = 13."))
    V.append(vec("legacy scale-up limit with the production factor", "derived (spec §5.3)", "normalize",
                 {"stage": "legacy", "currentReplicas": 3, "prenormalizedDesiredReplicas": 50, "minReplicas": 1,
                  "maxReplicas": 100, "downscaleStabilizationWindowSeconds": 300, "recommendations": [],
                  "scaleUpLimitFactor": 2.0, "scaleUpLimitMinimum": 4.0},
                 {"desiredReplicas": 6, "reason": "ScaleUpLimit", "stabilizedReplicas": 50}, derived=True,
                 notes="int32(max(2.0*3, 4.0)) = 6 < max 100 -> ScaleUpLimit 6."))
    V.append(vec("scale up and down stabilization envelope keeps current", "derived (spec §5.4.2, PR #97348)",
                 "normalize",
                 {"stage": "behaviorStabilizeOnly", "currentReplicas": 5, "prenormalizedDesiredReplicas": 8,
                  "behavior": {"scaleUp": {"stabilizationWindowSeconds": 120},
                               "scaleDown": {"stabilizationWindowSeconds": 120}},
                  "recommendations": [{"secondsAgo": 60, "replicas": 3}, {"secondsAgo": 30, "replicas": 6}]},
                 {"stabilizedReplicas": 5, "recommendationsAfter": [3, 6, 8]}, derived=True,
                 notes="up = min(8,3,6) = 3, down = max(8,3,6) = 8; clamp(current 5, 3, 8) = 5: the envelope "
                       "[3, 8] contains current, so nothing moves."))
    V.append(vec("full behavior path: stabilization then rate limit", "derived (spec §5.4.4)", "normalize",
                 {"stage": "behavior", "currentReplicas": 4, "prenormalizedDesiredReplicas": 30, "minReplicas": 1,
                  "maxReplicas": 100,
                  "behavior": {"scaleUp": {"stabilizationWindowSeconds": 60, "selectPolicy": "Max",
                                           "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                                                        {"type": "Percent", "value": 100, "periodSeconds": 15}]},
                               "scaleDown": DEFAULT_DOWN},
                  "downscaleStabilizationWindowSeconds": 300,
                  "recommendations": [{"secondsAgo": 40, "replicas": 20}, {"secondsAgo": 400, "replicas": 2}],
                  "scaleUpEvents": [], "scaleDownEvents": []},
                 {"stabilizedReplicas": 20, "desiredReplicas": 8, "reason": "ScaleUpLimit",
                  "ableToScaleReason": "ScaleUpStabilized", "recommendationsAfter": [20, 30]}, derived=True,
                 notes="up window 60 s: min(30, 20) = 20; down window 300 s: max(30, 20) = 30; clamp(4, 20, 30) = "
                       "20. The 400 s entry is older than both windows -> overwritten by 30. Rate: max(4+4, 4*2) "
                       "= 8 < max 100 -> ScaleUpLimit 8."))
    return V


# ---- controller (horizontal_test.go reconcile tests) --------------------------------------

def hz_pods(requests, levels, readiness=None, start=None, phase=None, deleting=None):
    """horizontal_test.go: each container requests request/2; Ready lastTransitionTime = startTime;
    each container reports level/2 cpu and 512Ki memory, timestamp now, window 1 min."""
    pods = []
    for i, req in enumerate(requests):
        st = start[i] if start else None
        p = {"name": "test-pod-%d" % i, "phase": phase[i] if phase else "Running",
             "ready": readiness[i] if readiness else "True", "readyTransitionSecondsAgo": st,
             "startSecondsAgo": st, "deleting": bool(deleting[i]) if deleting else False,
             "containers": [{"name": "container1", "requests": {"cpu": req // 2}},
                            {"name": "container2", "requests": {"cpu": req // 2}}],
             "usage": None}
        if i < len(levels):
            p["usage"] = {"timestampSecondsAgo": 0, "windowSeconds": 60,
                          "containers": [{"name": "container1", "cpu": levels[i] // 2, "memory": 524288},
                                         {"name": "container2", "cpu": levels[i] // 2, "memory": 524288}]}
            p["metricMilli"] = levels[i]
            p["metricTimestampSecondsAgo"] = 0
        pods.append(p)
    return pods


OK = [["AbleToScale", "True", "SucceededRescale"], ["ScalingActive", "True", "ValidMetricFound"],
      ["ScalingLimited", "False", "DesiredWithinRange"]]


def ok_with(**over):
    out = [list(c) for c in OK]
    for c in out:
        if c[0] in over:
            c[1], c[2] = over[c[0]]
    return out


def controller_vectors():
    V = []

    def ct(test, spec, status, mn, mx, desired, metrics, requests, levels, conds=None, error=False, cpu=None,
           recs=None, behavior=None, obj=None, ext=None, failing=None, notes=None, derived=False, **pod_kw):
        pods = hz_pods(requests if requests is not None else [1000] * status, levels, **pod_kw)
        inp = {"specReplicas": spec, "statusReplicas": status, "minReplicas": mn, "maxReplicas": mx,
               "metrics": metrics, "behavior": behavior, "pods": pods,
               "recommendations": recs, "scaleUpEvents": [], "scaleDownEvents": [],
               "tolerance": {"scaleDown": 0.1, "scaleUp": 0.1}, "cpuInitializationPeriodSeconds": 120,
               "delayOfInitialReadinessStatusSeconds": 10, "downscaleStabilizationWindowSeconds": 300,
               "scaleUpLimitFactor": 8.0, "scaleUpLimitMinimum": 4.0}
        if obj is not None:
            inp["objectValueMilli"] = obj
        if ext is not None:
            inp["externalValuesMilli"] = ext
        if failing:
            inp["failingMetricSources"] = failing
        exp = {"desiredReplicas": desired, "scaleUpdated": spec != desired,
               "conditions": conds if conds is not None else OK, "error": error}
        if cpu is not None:
            exp["cpuUtilization"] = cpu
        V.append(vec(test, "%s %s" % (HZ, test), "controller", inp, exp, notes=notes, derived=derived))

    T, F = "True", "False"
    CPU = lambda t: {"type": "Resource", "resource": "cpu", "target": {"type": "Utilization", "averageUtilization": t}}
    R3 = [1000] * 3
    R5 = [1000] * 5
    PODS15 = {"type": "Pods", "name": "qps", "target": {"type": "AverageValue", "averageValueMilli": 15000}}
    EXT = lambda kind, v: {"type": "External", "name": "qps", "selector": {},
                           "target": ({"type": "Value", "valueMilli": v} if kind == "Value" else
                                      {"type": "AverageValue", "averageValueMilli": v})}
    OBJV = lambda v: {"type": "Object", "name": "qps",
                      "describedObject": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "some-deployment"},
                      "target": {"type": "Value", "valueMilli": v}}
    OBJA = lambda v: {"type": "Object", "name": "qps",
                      "describedObject": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "some-deployment"},
                      "target": {"type": "AverageValue", "averageValueMilli": v}}
    CHEESE = {"type": "CheddarCheese"}
    TOO_MANY = ok_with(ScalingLimited=(T, "TooManyReplicas"))

    ct("TestScaleUp", 3, 3, 2, 6, 5, [CPU(30)], R3, [300, 500, 700], cpu=50)
    ct("TestScaleUpContainer", 3, 3, 2, 6, 5,
       [{"type": "ContainerResource", "resource": "cpu", "container": "container1",
         "target": {"type": "Utilization", "averageUtilization": 30}}], R3, [300, 500, 700])
    ct("TestScaleUpUnreadyLessScale", 3, 3, 2, 6, 4, [CPU(30)], R3, [300, 500, 700], cpu=60, readiness=[F, T, T])
    ct("TestScaleUpHotCpuLessScale", 3, 3, 2, 6, 4, [CPU(30)], R3, [300, 500, 700], cpu=60, start=[HOT, COOL, COOL])
    ct("TestScaleUpUnreadyNoScale", 3, 3, 2, 6, 3, [CPU(30)], R3, [400, 500, 700], cpu=40, readiness=[T, F, F],
       conds=ok_with(AbleToScale=(T, "ReadyForNewScale")))
    ct("TestScaleUpHotCpuNoScale", 3, 3, 2, 6, 3, [CPU(30)], R3, [400, 500, 700], cpu=40, readiness=[T, F, F],
       start=[COOL, HOT, HOT], conds=ok_with(AbleToScale=(T, "ReadyForNewScale")))
    ct("TestScaleUpIgnoresFailedPods", 2, 2, 2, 6, 4, [CPU(30)], [1000] * 4, [500, 700], cpu=60,
       readiness=[T, T, F, F], phase=["Running", "Running", "Failed", "Failed"])
    ct("TestScaleUpIgnoresDeletionPods", 2, 2, 2, 6, 4, [CPU(30)], [1000] * 4, [500, 700], cpu=60,
       readiness=[T, T, F, F], phase=["Running"] * 4, deleting=[0, 0, 1, 1])
    ct("TestScaleUpDeployment", 3, 3, 2, 6, 5, [CPU(30)], R3, [300, 500, 700], cpu=50)
    ct("TestScaleUpReplicaSet", 3, 3, 2, 6, 5, [CPU(30)], R3, [300, 500, 700], cpu=50)
    ct("TestScaleUpCM", 3, 3, 2, 6, 4, [PODS15], R3, [20000, 10000, 30000])
    ct("TestScaleUpCMUnreadyAndHotCpuNoLessScale", 3, 3, 2, 6, 6, [PODS15], R3, [50000, 10000, 30000],
       readiness=[T, T, F], start=[COOL, COOL, HOT])
    ct("TestScaleUpCMUnreadyandCpuHot", 3, 3, 2, 6, 6, [PODS15], R3, [50000, 15000, 30000], readiness=[F, T, F],
       start=[HOT, COOL, HOT], conds=TOO_MANY,
       notes="usage 95000/3 = 31666 -> ratio 2.11 -> ceil(6.33) = 7, capped at maxReplicas 6")
    ct("TestScaleUpHotCpuNoScaleWouldScaleDown", 3, 3, 2, 6, 6, [PODS15], R3, [50000, 15000, 30000],
       start=[HOT, COOL, HOT], conds=TOO_MANY)
    ct("TestScaleUpCMObject", 3, 3, 2, 6, 4, [OBJV(15000)], None, [20000], obj=20000)
    ct("TestScaleUpFromZeroCMObject", 0, 0, 0, 6, 2, [OBJV(15000)], None, [20000], obj=20000,
       notes="currentReplicas 0 and minReplicas 0: released semantics compute metrics; ceil(20000/15000) = 2")
    ct("TestScaleUpFromZeroIgnoresToleranceCMObject", 0, 0, 0, 6, 1, [OBJV(1000)], None, [1000], obj=1000,
       notes="ratio exactly 1.0 is within tolerance, but currentReplicas 0 skips the tolerance: ceil(1.0) = 1")
    ct("TestScaleUpPerPodCMObject", 3, 3, 2, 6, 4, [OBJA(10000)], None, [40000], obj=40000)
    ct("TestScaleUpCMExternal", 3, 3, 2, 6, 4, [EXT("Value", 6666)], None, [8600], ext=[8600])
    ct("TestScaleUpPerPodCMExternal", 3, 3, 2, 6, 4, [EXT("AverageValue", 2222)], None, [8600], ext=[8600])
    ct("TestScaleDown", 5, 5, 2, 6, 3, [CPU(50)], R5, [100, 300, 500, 250, 250], cpu=28, recs=[])
    ct("TestScaleDownContainerResource", 5, 5, 2, 6, 3,
       [{"type": "ContainerResource", "resource": "cpu", "container": "container2",
         "target": {"type": "Utilization", "averageUtilization": 50}}], R5, [100, 300, 500, 250, 250], recs=[])
    ct("TestScaleDownWithScalingRules", 5, 5, 2, 6, 3, [CPU(50)], R5, [100, 300, 500, 250, 250], cpu=28, recs=[],
       behavior={"scaleUp": rules(0, 0, 100, 15, 30), "scaleDown": DEFAULT_DOWN})
    ct("TestScaleUpOneMetricInvalid", 3, 3, 2, 6, 4, [CPU(30), CHEESE], R3, [300, 400, 500], cpu=40, error=True,
       notes="the invalid metric does not block a scale up; reconcile returns its error after scaling")
    ct("TestScaleUpFromZeroOneMetricInvalid", 0, 0, 0, 6, 4, [CPU(30), CHEESE], R3, [300, 400, 500], cpu=40,
       recs=[], error=True,
       notes="released zero-replica rules: minReplicas 0 computes metrics; ceil(1.33*3) = 4 <= legacy limit "
             "max(8*0, 4) = 4")
    ct("TestScaleUpBothMetricsEmpty", 3, 3, 2, 6, 3, [CHEESE], R3, [],
       conds=[["AbleToScale", T, "SucceededGetScale"], ["ScalingActive", F, "InvalidMetricSourceType"]], error=True)
    ct("TestScaleDownStabilizeInitialSize", 5, 5, 2, 6, 5, [CPU(50)], R5, [100, 300, 500, 250, 250], cpu=28,
       recs=None, conds=ok_with(AbleToScale=(T, "ScaleDownStabilized")),
       notes="no history: (5, now) is recorded first, so the scale down to 3 is stabilized at 5")
    ct("TestScaleUpOneMetricEmpty", 3, 3, 2, 6, 4, [CPU(30), EXT("Value", 100)], R3, [300, 400, 500], cpu=40,
       failing=["External"], error=True)
    ct("TestNoScaleDownOneMetricInvalid", 5, 5, 2, 6, 5, [CPU(50), CHEESE], R5, [100, 300, 500, 250, 250],
       conds=[["AbleToScale", T, "SucceededGetScale"], ["ScalingActive", F, "InvalidMetricSourceType"]],
       error=True, derived=True,
       notes="post-#99514 (v1.21+) expectation, derived from spec §4.2: cpu proposes 3 < specReplicas 5 while one "
             "metric is invalid, so the scale down is blocked and ScalingActive takes the invalid metric's reason. "
             "The horizontal_test.go version read for this port predates #99514 and still expected "
             "ScaleDownStabilized/ValidMetricFound")
    ct("TestNoScaleDownOneMetricEmpty", 5, 5, 2, 6, 5, [CPU(50), EXT("Value", 1000)], R5, [100, 300, 500, 250, 250],
       failing=["External"],
       conds=[["AbleToScale", T, "SucceededGetScale"], ["ScalingActive", F, "FailedGetExternalMetric"]],
       error=True, derived=True,
       notes="post-#99514 expectation, derived from spec §4.2: cpu proposes 3 < 5 and the External metric "
             "fails, so the scale down is blocked (the version read predates #99514)")

    # ---- derived controller vectors (hand computations in notes) -------------------------
    def cd(name, spec, status, mn, mx, desired, updated, metrics, pods, conds, error=False, behavior=None,
           recs=None, ext=None, features=None, semantics=None, stz=None, notes=""):
        inp = {"specReplicas": spec, "statusReplicas": status, "minReplicas": mn, "maxReplicas": mx,
               "metrics": metrics, "behavior": behavior, "pods": pods, "recommendations": recs,
               "scaleUpEvents": [], "scaleDownEvents": [], "tolerance": {"scaleDown": 0.1, "scaleUp": 0.1},
               "cpuInitializationPeriodSeconds": 120, "delayOfInitialReadinessStatusSeconds": 10,
               "downscaleStabilizationWindowSeconds": 300, "scaleUpLimitFactor": 8.0, "scaleUpLimitMinimum": 4.0}
        if ext is not None:
            inp["externalValuesMilli"] = ext
        if features is not None:
            inp["features"] = features
        if semantics is not None:
            inp["zeroReplicaSemantics"] = semantics
        if stz is not None:
            inp["scaledToZeroCondition"] = stz
        V.append(vec(name, "derived (%s)" % notes.split(":")[0], "controller", inp,
                     {"desiredReplicas": desired, "scaleUpdated": updated, "conditions": conds, "error": error},
                     derived=True, notes=notes,
                     applies="master" if semantics == "master" else None))

    GS = ["AbleToScale", T, "SucceededGetScale"]
    RS = ["AbleToScale", T, "SucceededRescale"]
    cd("current replicas zero disables scaling", 0, 0, 3, 5, 0, False, [CPU(90)], [],
       [GS, ["ScalingActive", F, "ScalingDisabled"]],
       notes="spec §5.1 (a): current 0 and minReplicas 3 -> ScalingDisabled, no metrics, no rescale")
    cd("too few replicas jumps to minReplicas", 2, 2, 3, 5, 3, True, [CPU(90)], hz_pods([1000] * 2, [100, 100]),
       [RS], notes="spec §5.1 (c): current 2 < min 3 -> desired 3 without metrics; ScalingActive and "
                   "ScalingLimited are not touched")
    cd("too many replicas jumps to maxReplicas", 10, 10, 3, 5, 5, True, [CPU(90)], hz_pods([1000] * 10, [100] * 10),
       [RS], notes="spec §5.1 (b): current 10 > max 5 -> desired 5 without metrics")
    down50 = {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
              "policies": [{"type": "Percent", "value": 50, "periodSeconds": 60}]}
    cd("behavior scale down limited by a Percent policy", 10, 10, 1, 20, 5, True, [CPU(50)],
       hz_pods([1000] * 10, [100] * 10),
       [RS, ["ScalingActive", T, "ValidMetricFound"], ["ScalingLimited", T, "ScaleDownLimit"]],
       behavior={"scaleUp": DEFAULT_UP, "scaleDown": down50}, recs=[],
       notes="spec §5.4: 10 % vs 50 % -> ratio 0.2 -> ceil(0.2*10) = 2; empty history -> stabilized 2; "
             "scale-down limit int32(10 * 0.5) = 5 > min 1 -> ScaleDownLimit 5")
    up60 = {"stabilizationWindowSeconds": 60, "selectPolicy": "Max", "policies": DEFAULT_UP["policies"]}
    down300 = {"stabilizationWindowSeconds": 300, "selectPolicy": "Max", "policies": DEFAULT_DOWN["policies"]}
    cd("behavior scale up held by the scale-up stabilization window", 3, 3, 1, 10, 3, False, [CPU(50)],
       hz_pods([1000] * 3, [900] * 3),
       [["AbleToScale", T, "ScaleUpStabilized"], ["ScalingActive", T, "ValidMetricFound"],
        ["ScalingLimited", F, "DesiredWithinRange"]],
       behavior={"scaleUp": up60, "scaleDown": down300}, recs=[{"secondsAgo": 30, "replicas": 3}],
       notes="spec §5.4.2: 90 % vs 50 % -> 1.8*3 = 5.4 -> 6; up window 60 s holds the 3 from 30 s ago: "
             "clamp(current 3, min(6,3) = 3, max(6,3) = 6) = 3 -> no rescale, ScaleUpStabilized")
    EXTA = {"type": "External", "name": "queue", "selector": None,
            "target": {"type": "AverageValue", "averageValueMilli": 10000}}
    down0 = {"stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": DEFAULT_DOWN["policies"]}
    cd("master: scale to zero sets ScaledToZero", 2, 2, 0, 10, 0, True, [EXTA], [],
       [RS, ["ScalingActive", T, "ValidMetricFound"], ["ScalingLimited", F, "DesiredWithinRange"],
        ["ScaledToZero", T, "ScaledToZero"]],
       behavior={"scaleUp": DEFAULT_UP, "scaleDown": down0}, recs=[], ext=[0],
       features={"HPAScaleToZero": True}, semantics="master",
       notes="spec §5.2 [master]: External AverageValue 0/10 per pod -> ceil(0) = 0; windows 0 -> 0; "
             "scale-down limit 0 -> 0; rescale 2 -> 0 with min 0 and an External metric -> ScaledToZero True")
    cd("master: zero replicas without ScaledToZero stay disabled", 0, 0, 0, 10, 0, False, [EXTA], [],
       [GS, ["ScalingActive", F, "ScalingDisabled"]], recs=[], ext=[25000],
       features={"HPAScaleToZero": True}, semantics="master", stz=False,
       notes="spec §5.2 [master]: current 0 computes metrics only when the HPA's ScaledToZero condition is "
             "True; here it is not, so scaling is disabled (released semantics would scale to 3)")
    cd("master: scale from zero with ScaledToZero", 0, 0, 0, 10, 3, True, [EXTA], [],
       [RS, ["ScalingActive", T, "ValidMetricFound"], ["ScalingLimited", F, "DesiredWithinRange"],
        ["ScaledToZero", F, "NotScaledToZero"]],
       behavior={"scaleUp": DEFAULT_UP, "scaleDown": down0}, recs=[], ext=[25000],
       features={"HPAScaleToZero": True}, semantics="master", stz=True,
       notes="spec §5.2 [master]: ScaledToZero True and an External metric -> computed: ceil(25000/10000) = 3; "
             "scale-up limit max(0+4, ceil(0*2)) = 4 >= 3; rescale 0 -> 3 -> NotScaledToZero")
    cd("released: minReplicas 0 scales from zero without the condition", 0, 0, 0, 10, 3, True, [EXTA], [],
       [RS, ["ScalingActive", T, "ValidMetricFound"], ["ScalingLimited", F, "DesiredWithinRange"]],
       behavior={"scaleUp": DEFAULT_UP, "scaleDown": down0}, recs=[], ext=[25000],
       notes="spec §5.2 released: current 0 and min 0 computes metrics; same arithmetic as the master case, "
             "no ScaledToZero condition")
    return V


def main():
    os.makedirs(OUT, exist_ok=True)
    sets = {
        "calc_replica_calculator.json": calc_vectors(),
        "calc_group_pods.json": group_pods_vectors(),
        "normalize_behavior.json": normalize_vectors(),
        "controller_reconcile.json": controller_vectors(),
    }
    total = 0
    for fname, vs in sets.items():
        names = [v["name"] for v in vs]
        assert len(names) == len(set(names)), "duplicate names in " + fname
        with open(os.path.join(OUT, fname), "w") as f:
            json.dump(vs, f, indent=1)
            f.write("\n")
        total += len(vs)
        print("%-32s %3d vectors" % (fname, len(vs)))
    print("total %d" % total)


if __name__ == "__main__":
    main()
