-- No leaks: 100,000 load / dump / decide calls keep the resident set flat.
local T = require "lunit"
local hpa = require "hpa"

local TEXT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: order}\n"
  .. "spec: {replicas: 2, template: {spec: {containers: [{name: order, image: 'order:1'}]}}}\n"
local HPA = hpa.load [[
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: order-hpa}
spec:
  scaleTargetRef: {kind: Deployment, name: order}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
]]
local CALLS = 100000

local function loop(n)
  local target = hpa.load(TEXT)
  for i = 1, n do
    local k = i % 3
    if k == 0 then
      local m = hpa.load_all(TEXT)
      assert(m[1].spec.replicas == 2)
    elseif k == 1 then
      assert(hpa.dump(target):sub(1, 10) == "apiVersion")
    else
      local d = hpa.decide { hpa = HPA, target = target, now = 0 }
      assert(d.desired_replicas == 2)
    end
    assert(not pcall(hpa.load_all, "a: ["))
  end
end

T.case("rss stays flat over 100,000 calls", function()
  if T.SANITIZED then print("  (skipped under ASan)") return end
  loop(3000)
  collectgarbage() collectgarbage()
  local before = T.rss_kb()
  loop(CALLS)
  collectgarbage() collectgarbage()
  local after = T.rss_kb()
  T.ok(after - before < 16 * 1024, string.format("RSS grew from %d to %d KiB", before, after))
end)

-- hpa_explain_sources borrows its objects (hpa/explain.h): handing them over must not
-- take the wrappers' ownership (each call once leaked its hpa, target and both manifests)
local TS, NOW = "2024-05-01T11:00:00Z", "2024-05-01T12:00:00Z"
local AUTOSCALER = hpa.from_table { apiVersion = "autoscaling/v2", kind = "HorizontalPodAutoscaler",
  metadata = { name = "order-hpa", namespace = "shop" },
  spec = { scaleTargetRef = { apiVersion = "apps/v1", kind = "Deployment", name = "order" }, minReplicas = 1, maxReplicas = 5,
    metrics = { { type = "Resource", resource = { name = "cpu", target = { type = "Utilization", averageUtilization = 50 } } } } } }
local DEPLOYMENT = { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "order", namespace = "shop" },
  spec = { replicas = 2, selector = { matchLabels = { app = "order" } } }, status = { replicas = 2 } }
local PODS, USAGE = {}, {}
for _, n in ipairs { "order-a", "order-b" } do
  PODS[#PODS + 1] = { apiVersion = "v1", kind = "Pod", metadata = { name = n, namespace = "shop", labels = { app = "order" } },
    spec = { containers = { { name = "order", resources = { requests = { cpu = "200m" } } } } },
    status = { phase = "Running", startTime = TS, conditions = { { type = "Ready", status = "True", lastTransitionTime = TS } } } }
  USAGE[#USAGE + 1] = { apiVersion = "metrics.k8s.io/v1beta1", kind = "PodMetrics",
    metadata = { name = n, namespace = "shop", labels = { app = "order" } }, timestamp = "2024-05-01T11:59:50Z", window = "30s",
    containers = { { name = "order", usage = { cpu = "300m", memory = "200Mi" } } } }
end

local function decide_loop(n)
  for _ = 1, n do
    -- 150 % against 50 %: 6; the legacy scale-up limit max(2 x 2, 4) = 4
    local d = hpa.decide { hpa = AUTOSCALER, target = DEPLOYMENT, pods = PODS, pod_metrics = USAGE, now = NOW }
    assert(d.desired_replicas == 4)
  end
end

T.case("decide with pods: rss stays flat over 10,000 calls", function()
  if T.SANITIZED then print("  (skipped under ASan)") return end
  decide_loop(500)
  collectgarbage() collectgarbage()
  local before = T.rss_kb()
  decide_loop(10000)
  collectgarbage() collectgarbage()
  local after = T.rss_kb()
  T.ok(after - before < 16 * 1024, string.format("RSS grew from %d to %d KiB", before, after))
end)

T.run()
