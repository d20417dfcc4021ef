-- The explain fixtures of the C tests (tests/data/explain, expectations in
-- tests/explain/cases.json, worked out by hand in each README.md) through
-- hpa.explain: the same decision and explanation lines as hpactl explain.
local T = require "lunit"
local hpa = require "hpa"
local lyaml = require "lyaml"

local NOW = "2024-05-01T10:00:00Z"
local DATA = T.DATA .. "/explain"

local function file(d, name)
  local p = d .. "/" .. name
  if not T.exists(p) then return nil end
  return T.read(p)  -- JSON text: hpa loads it as is
end

T.case("explain cases", function()
  local cases = lyaml.load(T.read(T.SOURCE_DIR .. "/tests/explain/cases.json"))
  T.ok(#cases > 0)
  for _, case in ipairs(cases) do
    local d = DATA .. "/" .. case.case
    local hist = file(d, "history.json")
    local r = hpa.explain { hpa = file(d, "hpa.json"), target = file(d, "target.json"), pods = file(d, "pods.json"),
      pod_metrics = file(d, "metrics.json"), custom_metrics = file(d, "custom.json"),
      external_metrics = file(d, "external.json"), now = NOW, history = hist and hpa.history_from_json(hist) or nil }
    local w = case.json
    T.eq(r.desired_replicas, w.desiredReplicas, case.case)
    if w.rescale ~= nil then T.eq(r.rescale, w.rescale, case.case) end
    if w.error ~= nil then T.eq(r.error, w.error, case.case) end
    if w.metricReplicas ~= nil and w.metricReplicas ~= lyaml.null then T.eq(r.metric_replicas, w.metricReplicas, case.case) end
    if w.limitReason ~= nil then T.eq(r.limit_reason, w.limitReason, case.case) end
    for i, wm in ipairs(w.metrics or {}) do
      local m = r.metrics[i]
      for _, k in ipairs { { "replicas", "replicas" }, { "ready", "ready" }, { "unready", "unready" },
        { "missing", "missing" }, { "valid", "valid" }, { "samples", "samples" }, { "rebalanced", "rebalanced" } } do
        if wm[k[1]] ~= nil then T.eq(m[k[2]], wm[k[1]], case.case .. " " .. k[1]) end
      end
      local cur = wm.current or {}
      if cur.averageUtilization then T.eq(m.average_utilization, cur.averageUtilization, case.case) end
      if cur.averageValue then T.eq(m.average_value_milli, hpa.milli(cur.averageValue), case.case) end
    end
    for _, line in ipairs(case.text or {}) do
      T.ok(r.text:find(line, 1, true), case.case .. ": missing line " .. line)
    end
  end
end)

T.run()
