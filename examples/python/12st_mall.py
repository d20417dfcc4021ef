#!/usr/bin/python3
"""The 12번가 (12st mall) flow: render the model, lint it, show the HPAs as
`kubectl get hpa` rows, replay the lab's siege load against them.

  PYTHONPATH=build/release/python python3 examples/python/12st_mall.py [examples/12st-mall/model.yml]
"""
import sys

import hpa

manifest = hpa.render(sys.argv[1] if len(sys.argv) > 1 else "examples/12st-mall/model.yml")
for finding in hpa.lint(manifest):
    print(finding)
print(hpa.get_hpa_table(manifest))
sim = hpa.simulate(manifest, "all", load="siege -c20 -t40S http://order:8080/orders", duration="6m")
for row in sim.timeline:
    if row.replicas != row.desired:
        print(f"{row.time:6.0f}s  {row.hpa:12} {row.replicas} -> {row.desired}  ({row.reason})")
for name, s in sim.summaries.items():
    print(f"{name}: {s.initial_replicas} -> peak {s.peak_replicas}, first scale-up at {s.first_scale_up_ms} ms")
