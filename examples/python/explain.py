#!/usr/bin/python3
"""Why does the HPA want this many replicas? Objects as `kubectl get -o json`
prints them (here written inline), the decision and its explanation.

  PYTHONPATH=build/release/python python3 examples/python/explain.py
"""
import hpa

ts = "2024-05-01T11:00:00Z"
autoscaler = hpa.HorizontalPodAutoscaler(
    name="order-hpa", namespace="shop", min_replicas=1, max_replicas=5,
    scale_target_ref={"apiVersion": "apps/v1", "kind": "Deployment", "name": "order"},
    metrics=[{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                          "averageUtilization": 50}}}])
deployment = hpa.Deployment(name="order", namespace="shop", replicas=2,
                            selector={"matchLabels": {"app": "order"}}, status={"replicas": 2})
pods = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": n, "namespace": "shop", "labels": {"app": "order"}},
         "spec": {"containers": [{"name": "order", "resources": {"requests": {"cpu": "200m"}}}]},
         "status": {"phase": "Running", "startTime": ts,
                    "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": ts}]}}
        for n in ("order-a", "order-b")]
usage = [{"apiVersion": "metrics.k8s.io/v1beta1", "kind": "PodMetrics",
          "metadata": {"name": n, "namespace": "shop", "labels": {"app": "order"}},
          "timestamp": "2024-05-01T11:59:50Z", "window": "30s",
          "containers": [{"name": "order", "usage": {"cpu": "300m", "memory": "200Mi"}}]} for n in ("order-a", "order-b")]
decision = hpa.explain(autoscaler, deployment, pods, usage, now="2024-05-01T12:00:00Z")
print(decision)
print("desired:", decision.desired_replicas, decision.limit_reason, decision.targets)
