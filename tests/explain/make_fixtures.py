#!/usr/bin/python3
"""Write the explain fixtures (tests/data/explain/<case>/*.json) in the shape
kubectl prints real objects: `kubectl get hpa NAME -o json`, `kubectl get
deploy NAME -o json`, `kubectl get pods -o json` (a List of Pods),
`kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/default/pods`
(a PodMetricsList), custom.metrics.k8s.io MetricValueList and
external.metrics.k8s.io ExternalMetricValueList.

This script only lays out the objects; it computes nothing. The expected
decisions are worked out by hand in each fixture's README.md and written in
tests/explain/cases.json and tests/explain/vectors.json.

    /usr/bin/python3 tests/explain/make_fixtures.py   # rewrites the fixtures
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "explain")

NS = "default"
CREATED = "2024-05-01T08:00:00Z"
STARTED = "2024-05-01T09:00:00Z"          # pods started an hour before now
READY_AT = "2024-05-01T09:00:40Z"
SAMPLE_AT = "2024-05-01T09:59:50Z"        # now is 2024-05-01T10:00:00Z
WINDOW = "15.001s"


def meta(name, labels=None, uid="0", **extra):
    m = {"creationTimestamp": CREATED, "name": name, "namespace": NS, "resourceVersion": "48213",
         "uid": "6f1c2d3e-0000-4000-8000-%012d" % int(uid)}
    if labels:
        m["labels"] = labels
    m.update(extra)
    return m


def hpa(name, target, mn, mx, metrics, behavior=None, status=None):
    spec = {"maxReplicas": mx, "metrics": metrics, "minReplicas": mn,
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target}}
    if behavior is not None:
        spec["behavior"] = behavior
    o = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
         "metadata": meta(name, uid="1"), "spec": spec}
    if status is not None:
        o["status"] = status
    return o


def cpu_util(target):
    return {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                        "averageUtilization": target}}}


def mem_util(target):
    return {"type": "Resource", "resource": {"name": "memory", "target": {"type": "Utilization",
                                                                           "averageUtilization": target}}}


def deployment(name, replicas, match_labels, match_expressions=None, ready=None):
    sel = {"matchLabels": match_labels}
    if match_expressions:
        sel["matchExpressions"] = match_expressions
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": meta(name, {"app": name}, uid="2", generation=3,
                             annotations={"deployment.kubernetes.io/revision": "1"}),
            "spec": {"progressDeadlineSeconds": 600, "replicas": replicas, "revisionHistoryLimit": 10,
                     "selector": sel,
                     "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
                                  "type": "RollingUpdate"},
                     "template": {"metadata": {"labels": dict(match_labels)},
                                  "spec": {"containers": [{"image": "ghcr.io/acmeshop/%s:v1" % name,
                                                           "name": name}]}}},
            "status": {"availableReplicas": replicas if ready is None else ready, "observedGeneration": 3,
                       "readyReplicas": replicas if ready is None else ready, "replicas": replicas,
                       "updatedReplicas": replicas}}


def container(name, requests=None, image=None):
    c = {"image": image or "ghcr.io/acmeshop/%s:v1" % name, "imagePullPolicy": "IfNotPresent", "name": name,
         "ports": [{"containerPort": 8080, "protocol": "TCP"}], "resources": {}}
    if requests:
        c["resources"] = {"requests": requests}
    return c


def pod(name, labels, containers, phase="Running", ready="True", ready_at=READY_AT, started=STARTED,
        deleting=None):
    conds = [{"lastProbeTime": None, "lastTransitionTime": started, "status": "True", "type": "Initialized"},
             {"lastProbeTime": None, "lastTransitionTime": ready_at, "status": ready, "type": "Ready"},
             {"lastProbeTime": None, "lastTransitionTime": ready_at, "status": ready, "type": "ContainersReady"},
             {"lastProbeTime": None, "lastTransitionTime": started, "status": "True", "type": "PodScheduled"}]
    md = meta(name, labels, uid="3", generateName=name.rsplit("-", 1)[0] + "-",
              ownerReferences=[{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
                                "kind": "ReplicaSet", "name": name.rsplit("-", 1)[0],
                                "uid": "6f1c2d3e-0000-4000-8000-000000000009"}])
    if deleting:
        md["deletionTimestamp"] = deleting
        md["deletionGracePeriodSeconds"] = 30
    return {"apiVersion": "v1", "kind": "Pod", "metadata": md,
            "spec": {"containers": containers, "dnsPolicy": "ClusterFirst", "nodeName": "worker-1",
                     "restartPolicy": "Always", "schedulerName": "default-scheduler",
                     "terminationGracePeriodSeconds": 30},
            "status": {"conditions": conds, "hostIP": "10.0.0.11", "phase": phase, "podIP": "10.244.1.17",
                       "qosClass": "Burstable", "startTime": started,
                       "containerStatuses": [{"name": c["name"], "ready": ready == "True", "restartCount": 0,
                                              "image": c["image"], "started": True} for c in containers]}}


def pod_list(pods):
    return {"apiVersion": "v1", "items": pods, "kind": "List", "metadata": {"resourceVersion": ""}}


def pod_metrics(name, labels, usage, timestamp=SAMPLE_AT, window=WINDOW):
    return {"metadata": {"creationTimestamp": "2024-05-01T10:00:00Z", "labels": labels, "name": name,
                         "namespace": NS},
            "timestamp": timestamp, "window": window,
            "containers": [{"name": c, "usage": u} for c, u in usage]}


def pod_metrics_list(items):
    return {"kind": "PodMetricsList", "apiVersion": "metrics.k8s.io/v1beta1",
            "metadata": {"resourceVersion": ""}, "items": items}


def write(case, files, readme):
    d = os.path.join(OUT, case)
    os.makedirs(d, exist_ok=True)
    for fname, obj in files.items():
        with open(os.path.join(d, fname), "w") as f:
            json.dump(obj, f, indent=4, sort_keys=False)
            f.write("\n")


ORDER = {"app": "order", "pod-template-hash": "5d8f7c9b4"}
PRODUCT = {"app": "product", "pod-template-hash": "6c7d8e9f0"}
OTHER_POD = pod("product-6c7d8e9f0-klmno", PRODUCT, [container("product", {"memory": "256Mi"})])
OTHER_PM = pod_metrics("product-6c7d8e9f0-klmno", PRODUCT, [("product", {"cpu": "5000000n", "memory": "131072Ki"})])


def order_pods(n, request, extra_containers=()):
    names = ["order-5d8f7c9b4-abcde", "order-5d8f7c9b4-fghij", "order-5d8f7c9b4-kmnpq", "order-5d8f7c9b4-rstuv"]
    return [pod(names[i], ORDER, [container("order", {"cpu": request})] + list(extra_containers))
            for i in range(n)], names[:n]


def main():
    # 01 scale up: the 12st-mall order-hpa under siege
    pods, names = order_pods(2, "200m")
    write("01-scale-up", {
        "hpa.json": hpa("order-hpa", "order", 1, 5, [cpu_util(20)],
                        status={"currentReplicas": 2, "desiredReplicas": 2, "currentMetrics": [
                            {"type": "Resource", "resource": {"name": "cpu", "current": {
                                "averageUtilization": 3, "averageValue": "6m"}}}]}),
        "target.json": deployment("order", 2, {"app": "order"}),
        "pods.json": pod_list(pods + [OTHER_POD]),
        "metrics.json": pod_metrics_list([
            pod_metrics(names[0], ORDER, [("order", {"cpu": "299873541n", "memory": "215040Ki"})]),
            pod_metrics(names[1], ORDER, [("order", {"cpu": "500000000n", "memory": "219136Ki"})]),
            OTHER_PM]),
    }, True)

    # 02 scale down with behavior.scaleDown.stabilizationWindowSeconds 60
    pods, names = order_pods(4, "200m")
    write("02-scale-down", {
        "hpa.json": hpa("order-hpa", "order", 1, 10, [cpu_util(50)],
                        behavior={"scaleDown": {"stabilizationWindowSeconds": 60}}),
        "target.json": deployment("order", 4, {"app": "order"}),
        "pods.json": pod_list(pods),
        "metrics.json": pod_metrics_list([pod_metrics(n, ORDER, [("order", {"cpu": "19234567n", "memory": "204800Ki"})])
                                          for n in names]),
        "history.json": {"recommendations": [{"timestamp": "2024-05-01T09:58:00Z", "replicas": 4}],
                         "scaleUpEvents": [], "scaleDownEvents": []},
    }, True)

    # 03 within tolerance
    pods, names = order_pods(3, "100m")
    write("03-within-tolerance", {
        "hpa.json": hpa("order-hpa", "order", 1, 10, [cpu_util(50)]),
        "target.json": deployment("order", 3, {"app": "order"}),
        "pods.json": pod_list(pods),
        "metrics.json": pod_metrics_list([pod_metrics(n, ORDER, [("order", {"cpu": c})])
                                          for n, c in zip(names, ["52m", "55m", "53m"])]),
    }, True)

    # 04 an unready pod (started 2 minutes ago, Ready False)
    pods, names = order_pods(3, "100m")
    pods[2] = pod(names[2], ORDER, [container("order", {"cpu": "100m"})], ready="False",
                  ready_at="2024-05-01T09:58:05Z", started="2024-05-01T09:58:00Z")
    write("04-unready-pods", {
        "hpa.json": hpa("order-hpa", "order", 1, 10, [cpu_util(50)]),
        "target.json": deployment("order", 3, {"app": "order"}, ready=2),
        "pods.json": pod_list(pods),
        "metrics.json": pod_metrics_list([pod_metrics(n, ORDER, [("order", {"cpu": c})])
                                          for n, c in zip(names, ["100m", "100m", "10m"])]),
    }, True)

    # 05 one pod without a PodMetrics item
    pods, names = order_pods(4, "100m")
    write("05-missing-metrics", {
        "hpa.json": hpa("order-hpa", "order", 1, 10, [cpu_util(50)],
                        behavior={"scaleDown": {"stabilizationWindowSeconds": 0}}),
        "target.json": deployment("order", 4, {"app": "order"}),
        "pods.json": pod_list(pods),
        "metrics.json": pod_metrics_list([pod_metrics(n, ORDER, [("order", {"cpu": "10m"})]) for n in names[:3]]),
    }, True)

    # 06 a container without a cpu request
    pods, names = order_pods(2, "200m", [container("fluent-bit", None, image="fluent/fluent-bit:3.0")])
    write("06-missing-request", {
        "hpa.json": hpa("order-hpa", "order", 1, 5, [cpu_util(20)],
                        status={"currentReplicas": 2, "desiredReplicas": 2}),
        "target.json": deployment("order", 2, {"app": "order"}),
        "pods.json": pod_list(pods),
        "metrics.json": pod_metrics_list([pod_metrics(n, ORDER, [("order", {"cpu": "120m"}), ("fluent-bit", {"cpu": "3m"})])
                                          for n in names]),
    }, True)

    # 07 memory, with the /scale subresource as the target
    prod = ["product-6c7d8e9f0-klmno", "product-6c7d8e9f0-pqrst"]
    ppods = [pod(n, PRODUCT, [container("product", {"memory": "256Mi"})]) for n in prod]
    opods, onames = order_pods(1, "200m")
    write("07-memory", {
        "hpa.json": hpa("product-hpa", "product", 1, 5, [mem_util(20)]),
        "target.json": {"apiVersion": "autoscaling/v1", "kind": "Scale",
                        "metadata": {"creationTimestamp": CREATED, "name": "product", "namespace": NS,
                                     "resourceVersion": "48213", "uid": "6f1c2d3e-0000-4000-8000-000000000002"},
                        "spec": {"replicas": 2}, "status": {"replicas": 2, "selector": "app=product"}},
        "pods.json": pod_list(ppods + opods),
        "metrics.json": pod_metrics_list([
            pod_metrics(prod[0], PRODUCT, [("product", {"cpu": "4000000n", "memory": "133120Ki"})]),
            pod_metrics(prod[1], PRODUCT, [("product", {"cpu": "6000000n", "memory": "137216Ki"})]),
            pod_metrics(onames[0], ORDER, [("order", {"cpu": "50m", "memory": "200Mi"})])]),
    }, True)

    # 08 scale up limited by behavior.scaleUp.policies and a recent scale-up event
    pods, names = order_pods(2, "100m")
    write("08-behavior-limit", {
        "hpa.json": hpa("order-hpa", "order", 1, 10, [cpu_util(80)],
                        behavior={"scaleUp": {"policies": [{"type": "Pods", "value": 2, "periodSeconds": 60}],
                                              "selectPolicy": "Max"}}),
        "target.json": deployment("order", 2, {"app": "order"}),
        "pods.json": pod_list(pods),
        "metrics.json": pod_metrics_list([pod_metrics(n, ORDER, [("order", {"cpu": "400m"})]) for n in names]),
        "history.json": {"recommendations": [],
                         "scaleUpEvents": [{"timestamp": "2024-05-01T09:59:30Z", "replicaChange": 1}],
                         "scaleDownEvents": []},
    }, True)

    # 09 scale down held by recent recommendations (legacy stabilization, 5 min window)
    pods, names = order_pods(4, "250m")
    write("09-stabilization", {
        "hpa.json": hpa("order-hpa", "order", 1, 10, [cpu_util(50)]),
        "target.json": deployment("order", 4, {"app": "order"}),
        "pods.json": pod_list(pods),
        "metrics.json": pod_metrics_list([pod_metrics(n, ORDER, [("order", {"cpu": "10m"})]) for n in names]),
        "history.json": {"recommendations": [{"timestamp": "2024-05-01T09:52:00Z", "replicas": 6},
                                             {"timestamp": "2024-05-01T09:57:00Z", "replicas": 3},
                                             {"timestamp": "2024-05-01T09:59:00Z", "replicas": 2}],
                         "scaleUpEvents": [], "scaleDownEvents": []},
    }, True)

    # 10 Pods and External metrics, selector with matchExpressions, behavior {}
    WORKER = {"app": "worker", "tier": "backend", "pod-template-hash": "7b8c9d0e1"}
    FRONT = {"app": "worker", "tier": "frontend", "pod-template-hash": "1a2b3c4d5"}
    wnames = ["worker-7b8c9d0e1-aaaaa", "worker-7b8c9d0e1-bbbbb", "worker-7b8c9d0e1-ccccc"]
    wpods = [pod(n, WORKER, [container("worker", {"cpu": "100m"})]) for n in wnames]
    fpod = pod("worker-frontend-1a2b3c4d5-zzzzz", FRONT, [container("web", {"cpu": "100m"})])
    h = hpa("worker-hpa", "worker", 1, 10, [
        {"type": "Pods", "pods": {"metric": {"name": "http_requests_per_second"},
                                  "target": {"type": "AverageValue", "averageValue": "10"}}},
        {"type": "External", "external": {"metric": {"name": "queue_messages_ready",
                                                     "selector": {"matchLabels": {"queue": "orders"}}},
                                          "target": {"type": "AverageValue", "averageValue": "30"}}}],
        behavior={})
    dep = deployment("worker", 3, {"app": "worker"},
                     [{"key": "tier", "operator": "In", "values": ["backend"]}])

    def mv(pod_name, value):
        return {"describedObject": {"kind": "Pod", "namespace": NS, "name": pod_name, "apiVersion": "/v1"},
                "metric": {"name": "http_requests_per_second", "selector": None},
                "timestamp": SAMPLE_AT, "windowSeconds": 60, "value": value}
    write("10-custom-external", {
        "hpa.json": h,
        "target.json": dep,
        "pods.json": pod_list(wpods + [fpod]),
        "custom.json": {"kind": "MetricValueList", "apiVersion": "custom.metrics.k8s.io/v1beta2",
                        "metadata": {}, "items": [mv(wnames[0], "15"), mv(wnames[1], "20"), mv(wnames[2], "25"),
                                                  mv("worker-frontend-1a2b3c4d5-zzzzz", "100")]},
        "external.json": {"kind": "ExternalMetricValueList", "apiVersion": "external.metrics.k8s.io/v1beta1",
                          "metadata": {}, "items": [
                              {"metricName": "queue_messages_ready", "metricLabels": {"queue": "orders"},
                               "timestamp": SAMPLE_AT, "value": "90"},
                              {"metricName": "queue_messages_ready", "metricLabels": {"queue": "payments"},
                               "timestamp": SAMPLE_AT, "value": "1k"}]},
    }, True)

    # lab status: what `kubectl get hpa` showed in the 12st-mall lab under siege
    lab = [hpa("order-hpa", "order", 1, 5, [cpu_util(20)], status={
               "currentReplicas": 5, "desiredReplicas": 5, "lastScaleTime": "2024-05-01T09:58:30Z",
               "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {
                   "averageUtilization": 422, "averageValue": "844m"}}}],
               "conditions": [{"type": "AbleToScale", "status": "True", "reason": "ReadyForNewScale",
                               "message": "recommended size matches current size",
                               "lastTransitionTime": "2024-05-01T09:58:30Z"}]}),
           hpa("product-hpa", "product", 1, 5, [mem_util(20)], status={
               "currentReplicas": 5, "desiredReplicas": 5,
               "currentMetrics": [{"type": "Resource", "resource": {"name": "memory", "current": {
                   "averageUtilization": 51, "averageValue": "132Mi"}}}]})]
    for o in lab:
        o["metadata"]["creationTimestamp"] = "2024-05-01T09:30:00Z"
    write("lab-status", {"hpas.json": pod_list(lab)}, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
