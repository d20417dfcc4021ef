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

T.run()
