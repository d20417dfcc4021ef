#!/usr/bin/env lua5.4
-- The 12번가 (12st mall) flow: render the model, lint it, show the HPAs as
-- `kubectl get hpa` rows, replay the lab's siege load against them.
--
--   LUA_PATH='build/release/lua/?.lua;;' LUA_CPATH='build/release/lua/?.so;;' \
--     lua5.4 examples/lua/12st_mall.lua [examples/12st-mall/model.yml]
local hpa = require "hpa"

local manifest = hpa.render(arg[1] or "examples/12st-mall/model.yml")
for _, finding in ipairs(hpa.lint(manifest)) do print(finding) end
print(hpa.get_hpa_table(manifest))
local sim = hpa.simulate(manifest, { hpa = "all", load = "siege -c20 -t40S http://order:8080/orders", duration = "6m" })
for _, row in ipairs(sim:timeline()) do
  if row.replicas ~= row.desired then
    print(string.format("%6.0fs  %-12s %d -> %d  (%s)", row.time_ms / 1000, row.hpa, row.replicas, row.desired, row.reason))
  end
end
for name, s in pairs(sim:summaries()) do
  print(string.format("%s: %d -> peak %d, first scale-up at %s ms", name, s.initial_replicas, s.peak_replicas,
    tostring(s.first_scale_up_ms)))
end
