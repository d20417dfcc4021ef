-- Lifetimes: drop (or close) the parent, collect garbage, keep using the child
-- many times: no crash, same values. Also run under ASan (tests/bindings/tests.cmake).
local T = require "lunit"
local hpa = require "hpa"

local TEXT = [[
apiVersion: apps/v1
kind: Deployment
metadata: {name: order, labels: {app: order}}
spec:
  replicas: 3
  template:
    spec:
      containers:
      - {name: order, image: "order:1", resources: {requests: {cpu: 250m}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: order-hpa}
spec: {scaleTargetRef: {kind: Deployment, name: order}, minReplicas: 1, maxReplicas: 4}
]]
local ROUNDS = T.SANITIZED and 200 or 2000

T.case("drop the manifest, keep objects and views", function()
  for i = 1, ROUNDS do
    local m = hpa.load_all(TEXT)
    local dep, h = m[1], m[2]
    local container = dep.spec.template.spec.containers[1]
    local labels = dep.metadata.labels
    m = nil
    if i % 100 == 0 then collectgarbage() collectgarbage() end
    T.eq(container.resources.requests.cpu, "250m")
    T.eq(labels.app, "order")
    T.eq(h.spec.max_replicas, 4)
    dep.spec.replicas = 5
    T.eq(dep.spec.replicas, 5)
  end
end)

T.case("close the manifest", function()
  local m = hpa.load_all(TEXT)
  local spec = m[2].spec
  m:close()
  collectgarbage() collectgarbage()
  T.raises(function() return #m end)
  for _ = 1, ROUNDS do T.eq(spec.min_replicas, 1) end
end)

T.case("drop a standalone object, keep a child view", function()
  for i = 1, ROUNDS do
    local d = hpa.Deployment { name = "a", replicas = 2, labels = { k = "v" } }
    local labels = d.metadata.labels
    d = nil
    if i % 100 == 0 then collectgarbage() collectgarbage() end
    T.eq(labels.k, "v")
  end
end)

T.case("removed and moved objects", function()
  for _ = 1, ROUNDS // 10 do
    local m = hpa.load_all(TEXT)
    local cs = m[1].spec.template.spec.containers
    m:remove(1)
    m = nil
    local d = hpa.Deployment { name = "x", replicas = 2 }
    local spec = d.spec
    local m2 = hpa.manifest()
    m2:append(d)
    d, m2 = nil, nil
    collectgarbage() collectgarbage()
    T.eq(cs[1].name, "order")
    T.eq(spec.replicas, 2)
  end
end)

T.case("low-level borrowed handles keep their parent", function()
  local c = hpa._core
  for i = 1, ROUNDS // 10 do
    local m = c.hpa_bind_parse(TEXT, 0, 0, nil, 0, 0, 0, 0, 0)
    local meta = c.hpa_deployment_metadata(c.hpa_object_as_deployment(c.hpa_manifest_at(m, 0)))
    local tmpl = c.hpa_deployment_template_mut(c.hpa_object_as_deployment_mut(c.hpa_manifest_at_mut(m, 0)))
    m = nil
    local b = hpa.decide_input()
    b:set_spec(3, 1)
    b:set_scale(1)
    local r = b:decide()._raw
    local cond, update = r:condition_at(0), r.update
    r, b = nil, nil
    if i % 20 == 0 then collectgarbage() collectgarbage() end
    T.eq(c.hpa_object_meta_name(meta), "order")
    T.eq(c.hpa_pod_template_containers_count(tmpl), 1)
    T.eq(cond.reason, "SucceededGetScale")
    T.eq(update.init_replicas, 1)
  end
end)

T.case("low-level: a taken object keeps its manifest", function()
  -- hpa_manifest_append_take: the manifest owns the object from now on; the
  -- (disowned) handle keeps it alive, as borrowed handles keep their parent
  local c = hpa._core
  for i = 1, ROUNDS // 10 do
    local o = c.hpa_object_new("v1", "ConfigMap")
    c.hpa_object_set_string(o, "metadata.name", "cm-" .. i)
    local m = c.hpa_manifest_new()
    c.hpa_manifest_append_take(m, o)
    m = nil
    collectgarbage() collectgarbage()
    local junk = {}
    for k = 1, 4 do junk[k] = c.hpa_bind_parse(TEXT, 0, 0, nil, 0, 0, 0, 0, 0) end
    T.eq(c.hpa_object_name(o), "cm-" .. i)
    T.eq(c.hpa_object_api_version(o), "v1")
  end
end)

T.case("low-level: other userdata are argument errors, not crashes", function()
  local c = hpa._core
  for _, bad in ipairs { io.stdout, io.stderr } do
    T.raises(c.keys, bad, "")
    T.raises(c.get, bad, "")
    T.raises(c.to_table, bad, "")
    T.raises(c.hpa_object_name, bad)
    T.raises(c.hpa_manifest_count, bad)
    T.raises(c.disown, bad)
  end
  T.raises(c.disown, hpa.null)
  T.raises(c.disown, nil)
  T.eq(c.hpa_object_name(c.hpa_object_new("v1", "ConfigMap")), "")
end)

T.case("rendered manifests and decisions", function()
  local model = T.SOURCE_DIR .. "/examples/12st-mall/model.yml"
  for _ = 1, 20 do
    local hpas = hpa.render(model):of_kind("HorizontalPodAutoscaler")
    collectgarbage() collectgarbage()
    for _, x in ipairs(hpas) do T.ok(x.spec.max_replicas >= 1) end
  end
  local h = hpa.history()
  for _ = 1, ROUNDS // 10 do
    local d = hpa.decide { hpa = { apiVersion = "autoscaling/v2", kind = "HorizontalPodAutoscaler", metadata = { name = "h" },
      spec = { minReplicas = 1, maxReplicas = 3, scaleTargetRef = { kind = "Deployment", name = "d" } } },
      target = hpa.Deployment { name = "d", replicas = 1 }, now = 0, history = h, record = true }
    collectgarbage()
    T.eq(d.desired_replicas, 1)
  end
end)

T.run()
