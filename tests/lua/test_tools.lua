-- The modeler, lint, kubectl get hpa rows and the simulator through the Lua
-- binding on the 12st mall model (expectations from the model file).
local T = require "lunit"
local hpa = require "hpa"
local MODEL = T.SOURCE_DIR .. "/examples/12st-mall/model.yml"

T.case("render", function()
  local m = hpa.render(MODEL)
  T.eq(#m:of_kind("Deployment"), 3) T.eq(#m:of_kind("Service"), 3) T.eq(#m:of_kind("Ingress"), 1)
  local hpas = m:of_kind("HorizontalPodAutoscaler")
  T.eq(hpas[1].metadata.name, "order-hpa") T.eq(hpas[2].metadata.name, "product-hpa")
  local paths = {}
  for _, r in ipairs(m:of_kind("Ingress")[1].spec.rules) do
    for _, p in ipairs(r.http.paths) do paths[#paths + 1] = p.path end
  end
  table.sort(paths)
  T.eq(table.concat(paths, " "), "/deliveries /inventories /orders")
  T.eq(hpa.plural("Category"), "Categories")
  local e = T.raises(hpa.render, "model:\n  name: x\n  bogus: 1\n", { source_name = "m.yml" })
  T.eq(e.source, "m.yml") T.ok(e.line > 0)
end)

T.case("render from a file handle", function()
  -- docs/bindings.md: hpa.render(model_text_or_path); hpa.load_all takes files: a file
  -- handle is read, not taken for a model handle (it is a userdata too)
  local f = assert(io.open(MODEL, "rb"))
  local m = hpa.render(f)
  f:close()
  T.eq(#m:of_kind("Deployment"), 3) T.eq(#m:of_kind("HorizontalPodAutoscaler"), 2)
  local e = T.raises(hpa.render, f) -- closed
  T.eq(e.code_name, "HPA_EINVAL")
  T.raises(hpa.render, io.stdout) -- not readable: an error, not a crash
end)

T.case("lint", function()
  for _, d in ipairs(hpa.lint(hpa.render(MODEL))) do T.ok(d.severity ~= "error", tostring(d)) end
  local bad = hpa.render(MODEL, { path_rule = "service" })
  local found
  for _, d in ipairs(hpa.lint(bad)) do
    if d.severity ~= "info" and d.message:find("/products", 1, true) then found = d end
  end
  T.ok(found, "a finding about /products")
  T.eq(found.kind, "Ingress")
  T.ok(tostring(found):find(found.rule, 1, true))
  for _, d in ipairs(hpa.lint(bad, { disable = { found.rule } })) do T.ok(d.rule ~= found.rule) end
  T.raises(hpa.lint, bad, { enable = { "NOPE999" } })
end)

T.case("get hpa", function()
  local rows = hpa.get_hpa(hpa.render(MODEL), 0)
  T.eq(#rows, 2)
  T.deep_eq(rows[1], { name = "order-hpa", reference = "Deployment/order", targets = "cpu: <unknown>/20%",
    minpods = "1", maxpods = "5", replicas = "0", age = "<unknown>" })
  T.eq(rows[2].targets, "memory: <unknown>/20%")
  local _, lines = hpa.get_hpa_table(hpa.render(MODEL), 0):gsub("\n", "")
  T.eq(lines, 3)
end)

T.case("simulate", function()
  local m = hpa.render(MODEL)
  local s = hpa.simulate(m, { hpa = "all", load = "siege -c20 -t40S http://order:8080/orders", duration = "6m" })
  T.eq(table.concat(s.hpas, ","), "order-hpa,product-hpa")
  local rows = s:timeline()
  T.eq(#rows, 48)
  local first
  for _, r in ipairs(rows) do
    T.ok(r.time_ms < 360000)
    T.eq(math.type(r.desired), "integer")
    if r.hpa == "order-hpa" then first = first or r T.ok(r.desired >= 1 and r.desired <= 5) end
  end
  T.eq(first.metrics[1].name, "cpu") T.eq(first.metrics[1].type, "Resource")
  local sm = s:summaries()["order-hpa"]
  T.eq(sm.decisions, 24) T.eq(sm.load_start_ms, 0) T.eq(sm.load_end_ms, 40000)
  T.ok(s:text("summary"):find("order-hpa", 1, true))
  local s2 = hpa.simulate(m, { hpa = "all", load = "siege -c20 -t40S http://order:8080/orders", duration = "6m" })
  T.deep_eq(s2:timeline(), rows)
  T.raises(hpa.simulate, m, { load = "constant 5" })
  T.raises(hpa.simulate, m, { hpa = "order-hpa", load = "warp 9" })
end)

T.run()
