-- Objects, views, loading and dumping through the Lua binding.
local T = require "lunit"
local hpa = require "hpa"

local TEXT = [[
apiVersion: apps/v1
kind: Deployment
metadata:
  name: order
  labels:
    app: order
    app.kubernetes.io/part-of: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: order}
    matchExpressions:
    - {key: tier, operator: In, values: [web, api]}
  template:
    spec:
      containers:
      - name: order
        image: order:1.0
        ports: [{containerPort: 8080}]
        resources: {requests: {cpu: 250m, memory: 0.5}}
---
apiVersion: v1
kind: Service
metadata: {name: order}
spec:
  clusterIP: 10.0.0.1
  ports: [{port: 80, targetPort: http}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: order-hpa}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: order}
  minReplicas: 1
  maxReplicas: 5
]]

T.case("load from text, file handle and path", function()
  local m = hpa.load_all(TEXT)
  T.eq(#m, 3)
  local path = os.tmpname()
  local f = io.open(path, "w") f:write(TEXT) f:close()
  local m2 = hpa.load_file(path)
  T.eq(m2:source(), path)
  local fh = io.open(path, "rb")
  local m3 = hpa.load_all(fh)
  fh:close()
  os.remove(path)
  T.ok(m == m2 and m == m3)
  local kinds = {}
  for o in m:objects() do kinds[#kinds + 1] = o.kind end
  T.eq(table.concat(kinds, ","), "Deployment,Service,HorizontalPodAutoscaler")
  T.ok(rawequal(m[1], m[1]), "one view per object")
  T.eq(m[4], nil)
  T.eq(hpa.load(""), nil)
  T.eq(hpa.load(TEXT, { all = true }), m)
  local e = T.raises(hpa.load, TEXT)
  T.eq(e.code_name, "HPA_EINVAL")
end)

T.case("errors are tables with positions", function()
  local e = T.raises(hpa.load_all, "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: many\n",
    { source_name = "d.yaml" })
  T.eq(e.code_name, "HPA_ETYPE")
  T.eq(e.line, 4) T.eq(e.column, 13) T.eq(e.path, "spec.replicas") T.eq(e.source, "d.yaml")
  T.ok(tostring(e):find("^d%.yaml:4:13: spec%.replicas: "), tostring(e))
  T.eq(T.raises(hpa.load_all, "a: [[[[1]]]]\n", { max_depth = 2 }).code_name, "HPA_ELIMIT")
  T.eq(T.raises(hpa.load_all, "apiVersion: v1\nkind: Service\nspec:\n  bogus: 1\n", { strict = true }).code_name,
    "HPA_EUNKNOWNFIELD")
  T.raises(hpa.load_all, TEXT, { format = "toml" })
  local safe = require "hpa.safe"
  local r, err = safe.load_all("a: [")
  T.eq(r, nil)
  T.eq(err.code_name, "HPA_ESYNTAX")
  T.ok(safe.load_all(TEXT))
end)

T.case("views: snake_case and camelCase, integers", function()
  local m = hpa.load_all(TEXT)
  local dep, svc, h = m[1], m[2], m[3]
  local c = dep.spec.template.spec.containers[1]
  T.eq(c.image, "order:1.0")
  T.eq(c.ports[1].container_port, 8080)
  T.eq(math.type(c.ports[1].containerPort), "integer")
  T.eq(c.resources.requests.cpu, "250m")
  T.eq(c.resources.requests.memory, 0.5)
  T.eq(h.spec.min_replicas, 1)
  T.eq(math.type(h.spec.max_replicas), "integer")
  T.eq(svc.spec.cluster_ip, "10.0.0.1")
  T.eq(dep.metadata.labels["app.kubernetes.io/part-of"], "shop")
  T.eq(dep.spec.paused, nil)
  T.eq(dep.spec.replicaz, nil)
  local req = dep.spec.selector.match_expressions[1]
  T.eq(req.values[2], "api")
  T.eq(#req.values, 2)
  local labels = {}
  for k, v in pairs(dep.metadata.labels) do labels[#labels + 1] = k .. "=" .. v end
  T.eq(table.concat(labels, ","), "app=order,app.kubernetes.io/part-of=shop")
  local n = 0
  for i, ct in ipairs(dep.spec.template.spec.containers) do n = i T.eq(ct.name, "order") end
  T.eq(n, 1)
end)

T.case("writes, lists and type checks", function()
  local m = hpa.load_all(TEXT)
  local dep, h = m[1], m[3]
  h.spec.min_replicas = 2
  T.eq(h:to_table().spec.minReplicas, 2)
  local e = T.raises(function() h.spec.min_replicas = "two" end)
  T.eq(e.code_name, "HPA_ETYPE") T.eq(e.path, "spec.minReplicas")
  local cs = dep.spec.template.spec.containers
  cs:append { name = "sidecar", image = "envoy:1" }
  T.eq(#cs, 2) T.eq(cs[2].image, "envoy:1")
  cs[2] = { name = "proxy", image = "envoy:2" }
  T.eq(cs[2].name, "proxy")
  cs:remove(1)
  T.eq(cs[1].name, "proxy")
  T.raises(function() cs[5] = {} end)
  dep.spec.replicas = nil
  T.eq(dep.spec.replicas, nil)
  dep.metadata.annotations = { ["a/b"] = "c" }
  T.eq(dep.metadata.annotations["a/b"], "c")
  dep.spec.template.spec.containers[1].args = hpa.array {}
  T.eq(#dep.spec.template.spec.containers[1].args, 0)
  T.eq(getmetatable(dep.spec.template.spec.containers[1].args), hpa.List)
  T.raises(function() dep.spec.bogus_field = 1 end)
end)

T.case("constructors, tables and equality", function()
  local d = hpa.Deployment { name = "order", replicas = 1, labels = { app = "order" } }
  T.deep_eq(d:to_table(), { apiVersion = "apps/v1", kind = "Deployment",
    metadata = { name = "order", labels = { app = "order" } }, spec = { replicas = 1 } })
  T.eq(hpa.dump(d), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: order\n  labels:\n    app: order\n"
    .. "spec:\n  replicas: 1\n")
  local h = hpa.HorizontalPodAutoscaler { name = "h", min_replicas = 1, max_replicas = 5,
    scale_target_ref = { apiVersion = "apps/v1", kind = "Deployment", name = "order" } }
  T.eq(h.spec.max_replicas, 5)
  local s = hpa.Service { name = "s", cluster_ip = "None" }
  T.eq(s:to_table().spec.clusterIP, "None")
  local o = hpa.Object { api_version = "v1", kind = "ConfigMap", name = "c", data = { k = "v" } }
  T.deep_eq(o:to_table(), { apiVersion = "v1", kind = "ConfigMap", metadata = { name = "c" }, data = { k = "v" } })
  T.eq(tostring(d), "Deployment(name=order)")
  local again = hpa.from_table(d:to_table())
  T.ok(again == d)
  again.spec.replicas = 3
  T.ok(again ~= d)
  local q1 = hpa.from_table { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "q" }, spec = { template =
    { spec = { containers = { { name = "a", resources = { requests = { cpu = "1" } } } } } } } }
  local q2 = hpa.from_table { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "q" }, spec = { template =
    { spec = { containers = { { name = "a", resources = { requests = { cpu = "1000m" } } } } } } } }
  T.ok(q1 == q2, "quantities compare by value")
  T.raises(hpa.Deployment, { name = "x", replicas = "many" })
end)

T.case("dump forms", function()
  local m = hpa.load_all(TEXT)
  local y = hpa.dump_all(m)
  T.ok(hpa.load_all(y) == m)
  local _, seps = y:gsub("\n%-%-%-\n", "")
  T.eq(seps, 2)
  local j = hpa.dump_all(m, { format = "json" })
  T.ok(j:find('"kind": "List"'))
  T.eq(hpa.dump(m[2], { format = "json", compact = true }):sub(1, 1), "{")
  T.eq(hpa.dump({ apiVersion = "v1", kind = "ConfigMap", metadata = { name = "x" } }),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
  T.eq(#hpa.load_all(hpa.dump_all({ m[2], m[3] })), 2)
  T.deep_eq(hpa.load_all(j):to_table(), m:to_table())
end)

T.case("manifests", function()
  local m = hpa.manifest()
  local d = hpa.Deployment { name = "a", replicas = 1 }
  T.ok(rawequal(m:append(d), d))
  m:append { apiVersion = "v1", kind = "Service", metadata = { name = "a" } }
  local other = hpa.load_all(TEXT)
  local copied = m:append(other[3])
  T.ok(not rawequal(copied, other[3]))
  T.ok(copied == other[3])
  T.eq(#m, 3)
  T.eq(m:find("Service", "a").kind, "Service")
  T.eq(#m:of_kind("Deployment"), 1)
  local popped = m:remove(1)
  T.eq(popped.spec.replicas, 1)
  T.eq(#m, 2)
end)

-- An integer out of a C parameter's range is an error, never wrapped: the
-- core layer used to pass 2^32 + 5 to an int32_t as 5 and 2^32 + 2 to an
-- unsigned int as 2. (64-bit unsigned types take every Lua integer, as Lua
-- does: -1 is 0xffffffffffffffff.)
T.case("core integers out of their C range are refused", function()
  local core = hpa._core
  local a = core.hpa_autoscaler_new("x")
  core.hpa_autoscaler_set_max_replicas(a, 7)
  local e = T.raises(core.hpa_autoscaler_set_max_replicas, a, 4294967301)
  T.ok(tostring(e):find("integer in the range of int32_t", 1, true), tostring(e))
  T.raises(core.hpa_autoscaler_set_max_replicas, a, -2147483649)
  T.eq(core.hpa_autoscaler_max_replicas(a), 7)
  core.hpa_autoscaler_set_max_replicas(a, 2147483647)
  T.eq(core.hpa_autoscaler_max_replicas(a), 2147483647)
  core.hpa_autoscaler_set_max_replicas(a, -2147483648)
  T.eq(core.hpa_autoscaler_max_replicas(a), -2147483648)
  local so = core.hpa_sim_options()
  T.raises(function() so.flags = -1 end)
  T.raises(function() so.flags = 4294967296 end)
  so.flags = 4294967295
  T.eq(so.flags, 4294967295)
  so.seed = -1 -- uint64_t: 0xffffffffffffffff
  T.eq(so.seed, -1)
  -- the high-level layer reports the same (indent is an unsigned int)
  local m = hpa.load_all(TEXT)
  T.eq(hpa.dump_all(m, { indent = 4 }), hpa.dump_all(m, { indent = 4 }))
  local ie = T.raises(hpa.dump_all, m, { indent = 4294967298 })
  T.ok(tostring(ie):find("range of unsigned int", 1, true), tostring(ie))
end)

T.case("string maps keep new keys verbatim", function()
  -- docs/bindings.md: keys of maps are Kubernetes keys (verbatim), as in Python
  local d = hpa.Deployment { name = "order", labels = { app = "order" }, replicas = 1 }
  d.metadata.labels["tier"] = "web"
  d.metadata.labels["my_key"] = "v"
  d.metadata.labels.app_name = "x"
  d.metadata.annotations = {}
  d.metadata.annotations["example.com/some_note"] = "n"
  T.deep_eq(d.metadata.labels:to_table(), { app = "order", tier = "web", my_key = "v", app_name = "x" })
  T.eq(d.metadata.labels.tier, "web")
  T.eq(d.metadata.labels.appName, nil)
  T.eq(d.metadata.annotations["example.com/some_note"], "n")
  local cm = hpa.from_table { apiVersion = "v1", kind = "ConfigMap", metadata = { name = "c" }, data = { a = "1" } }
  cm.data["my_key"] = "2"
  cm.metadata.labels = { x = "y" }
  cm.metadata.labels["new_label"] = "z"
  T.deep_eq(cm.data:to_table(), { a = "1", my_key = "2" })
  T.deep_eq(cm.metadata.labels:to_table(), { x = "y", new_label = "z" })
  -- object fields still take snake_case names
  d.spec.min_ready_seconds = 5
  T.eq(d:to_table().spec.minReadySeconds, 5)
end)

T.case("strings with an embedded NUL are refused, never cut", function()
  -- the C API takes NUL-terminated strings: an error table (HPA_EINVAL)
  local function refused(fn, ...)
    local e = T.raises(fn, ...)
    T.eq(type(e), "table")
    T.eq(e.code_name, "HPA_EINVAL")
    T.ok(tostring(e):find("NUL", 1, true), tostring(e))
  end
  local d = hpa.Deployment { name = "order", labels = { app = "order" }, replicas = 1 }
  local labels = d.metadata.labels
  refused(function() labels.app = "a\0b" end)
  refused(function() labels["k\0z"] = "v" end)
  refused(function() return labels["app\0"] end)
  refused(function() d.metadata.name = "n\0m" end)
  refused(hpa.Deployment, { name = "a\0b" })
  refused(hpa._core.hpa_object_new, "v1\0x", "ConfigMap")
  refused(hpa.quantity, "5\0m")
  T.eq(hpa.quantity("5"), 5000)
  T.deep_eq(labels:to_table(), { app = "order" })
  T.eq(d.metadata.name, "order")
  -- the parsers take the whole text (length known) and reject NUL themselves
  T.eq(T.raises(hpa.load_all, "a: b\0c\n").code_name, "HPA_ESYNTAX")
end)

T.case("the wrappers' own argument checks raise error tables", function()
  -- SWIG's checks (type, count) used to raise plain strings
  local core = hpa._core
  local e = T.raises(core.hpa_object_new, "v1", {})
  T.eq(getmetatable(e).__name, "hpa.error")
  T.eq(e.code_name, "HPA_EINVAL")
  T.eq(e.message, "hpa_object_new: argument 2: expected char const *, got table")
  e = T.raises(core.hpa_object_new, "v1")
  T.eq(e.code_name, "HPA_EINVAL")
  T.eq(e.message, "hpa_object_new: expected 2 arguments, got 1")
  e = T.raises(core.hpa_object_name, 42)
  T.eq(e.code_name, "HPA_EINVAL")
  T.eq(e.message, "hpa_object_name: argument 1: expected hpa_object const *, got number")
  T.ok(tostring(e):find("expected hpa_object const *", 1, true), tostring(e))
  -- the integer typemaps' checks (a float, a value out of the C type's range)
  e = T.raises(core.hpa_strerror, 1.5)
  T.eq(e.code_name, "HPA_EINVAL")
  T.eq(e.message, "hpa_strerror: argument 1: expected integer, got number")
  e = T.raises(core.hpa_strerror, math.maxinteger)
  T.eq(e.code_name, "HPA_EINVAL")
  T.eq(e.message, "hpa_strerror: argument 1: expected integer in the range of int, got number")
  -- the module's native helpers (core.get, core.keys, ...) check the same way
  e = T.raises(core.get, 42, "spec")
  T.eq(e.code_name, "HPA_EINVAL")
  T.eq(e.message, "get: argument 1: expected hpa_object, got number")
  T.eq(T.raises(core.disown, {}).message, "disown: argument 1: expected a handle, got table")
end)

T.case("a quantity is a string or a number", function()
  -- nil used to parse the text "nil"
  for _, v in ipairs { false, {} } do T.eq(T.raises(hpa.quantity, v).code_name, "HPA_EINVAL") end
  T.eq(T.raises(hpa.quantity, nil).code_name, "HPA_EINVAL")
  T.eq(T.raises(hpa.milli, nil).code_name, "HPA_EINVAL")
  T.eq(hpa.quantity(0.5), 500)
  T.eq(hpa.quantity(2), 2000)
end)

T.run()
