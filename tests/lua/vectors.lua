--- Evaluate HPA decision test vectors (tests/decide/vectors/*.json) through the
-- Lua binding: a port of tests/decide/run_vectors.c (same levels, defaults,
-- checks and "cannot evaluate" rules). The JSON files are read with lyaml
-- (Debian's lua-yaml), independently of libhpa. evaluate(v) -> failures ({} = pass).

local hpa = require "hpa"
local lyaml = require "lyaml"
local core = hpa._core

local V = {}
local NULL = lyaml.null
local INT32_MIN, INT32_MAX = -2147483648, 2147483647
local TIME_ZERO = -62135596800000

local function isnull(v) return v == nil or v == NULL end
local function get(o, k)
  if type(o) ~= "table" then return nil end
  local v = o[k]
  if v == NULL then return nil end
  return v
end

local function new_ctx() return { fails = {} } end
local function fail(c, msg) c.fails[#c.fails + 1] = msg end

local function set(list) local s = {} for _, k in ipairs(list) do s[k] = true end return s end

local function check_keys(c, obj, where, allowed)
  if type(obj) ~= "table" then fail(c, where .. ": expected an object") return end
  local keys = {}
  for k in pairs(obj) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for _, k in ipairs(keys) do
    if not allowed[k] then fail(c, "cannot evaluate: unknown field " .. where .. "." .. k) end
  end
end

local function is_num(v) return type(v) == "number" end
local function llround(d)
  if d >= 0 then return math.floor(d + 0.5) end
  return -math.floor(-d + 0.5)
end

local function num_i64(c, v, what)
  if not is_num(v) then fail(c, "cannot evaluate: " .. what .. " must be a number") return 0 end
  if math.type(v) == "integer" then return v end
  if v >= 9223372036854775807.0 then return math.maxinteger end
  if v <= -9223372036854775808.0 then return math.mininteger end
  return math.tointeger(llround(v))
end

local function get_i64(c, o, k, dflt)
  local v = get(o, k)
  if v == nil then return dflt end
  return num_i64(c, v, k)
end

local function get_dbl(c, o, k, dflt)
  local v = get(o, k)
  if v == nil then return dflt end
  if not is_num(v) then fail(c, "cannot evaluate: " .. k .. " must be a number") return dflt end
  return v + 0.0
end

local function get_bool(c, o, k, dflt)
  local v = get(o, k)
  if v == nil then return dflt end
  if type(v) ~= "boolean" then fail(c, "cannot evaluate: " .. k .. " must be a boolean") return dflt end
  return v
end

local function get_str(o, k)
  local v = get(o, k)
  if type(v) == "string" then return v end
  return nil
end

local function ago(c, v)
  if isnull(v) then return TIME_ZERO end
  if not is_num(v) then fail(c, "cannot evaluate: a *SecondsAgo value must be a number or null") return 0 end
  return -math.tointeger(llround(v * 1000.0))
end

local function i32(c, v, what)
  if v < INT32_MIN or v > INT32_MAX then fail(c, "cannot evaluate: " .. what .. " out of the int32 range") return 0 end
  return v
end

local function list_of(v) if type(v) == "table" then return v end return {} end

-- ---- pods ------------------------------------------------------------------------------------

local POD_KEYS = set { "name", "phase", "ready", "readyTransitionSecondsAgo", "startSecondsAgo", "hasStartTime",
  "deleting", "containers", "initContainers", "podRequests", "usage", "metricMilli", "metricTimestampSecondsAgo",
  "metricWindowSeconds" }
local CONTAINER_KEYS = set { "name", "requests", "restartPolicy" }
local REQUESTS_KEYS = set { "cpu", "memory" }
local USAGE_KEYS = set { "timestampSecondsAgo", "windowSeconds", "containers" }
local CUSAGE_KEYS = set { "name", "cpu", "memory" }
local PHASES = set { "Running", "Pending", "Succeeded", "Failed", "Unknown" }

local function parse_cond(c, v)
  if isnull(v) then return nil end
  local s = type(v) == "string" and v or ""
  if s == "True" or s == "False" or s == "Unknown" then return s end
  fail(c, "cannot evaluate: unknown condition status")
  return nil
end

local function requests_milli(c, o, where)
  check_keys(c, o, where, REQUESTS_KEYS)
  local cpu, mem
  if not isnull(get(o, "cpu")) then cpu = num_i64(c, o.cpu, "cpu") end
  if not isnull(get(o, "memory")) then mem = num_i64(c, o.memory, "memory") * 1000 end
  return cpu, mem
end

local function usage_of(c, u)
  if isnull(u) then return nil end
  check_keys(c, u, "usage", USAGE_KEYS)
  local r = { ts = ago(c, get(u, "timestampSecondsAgo")), win = get_i64(c, u, "windowSeconds", 60) * 1000, items = {} }
  local arr = get(u, "containers")
  if arr ~= nil and type(arr) ~= "table" then fail(c, "cannot evaluate: usage.containers must be an array") return r end
  for _, item in ipairs(list_of(arr)) do
    check_keys(c, item, "usage.containers[]", CUSAGE_KEYS)
    local cpu, mem
    if not isnull(get(item, "cpu")) then cpu = num_i64(c, item.cpu, "cpu") end
    if not isnull(get(item, "memory")) then mem = num_i64(c, item.memory, "memory") * 1000 end
    r.items[#r.items + 1] = { get_str(item, "name") or "", cpu, mem }
  end
  return r
end

local function parse_pods(c, inp, b)
  local ps = { names = {}, values = {}, orphan_values = {} }
  local arr = get(inp, "pods")
  if arr ~= nil and type(arr) ~= "table" then fail(c, "cannot evaluate: pods must be an array") return ps end
  for _, item in ipairs(list_of(arr)) do
    check_keys(c, item, "pods[]", POD_KEYS)
    local name = get_str(item, "name") or ""
    local phase = get_str(item, "phase")
    if phase ~= nil and not PHASES[phase] then
      fail(c, 'cannot evaluate: unknown pod phase "' .. phase .. '"')
      phase = nil
    end
    local cs, ics = get(item, "containers"), get(item, "initContainers")
    if (cs ~= nil and type(cs) ~= "table") or (ics ~= nil and type(ics) ~= "table") then
      fail(c, "cannot evaluate: containers must be arrays")
      cs, ics = nil, nil
    end
    local idx = b:add_pod { name = name, phase = phase or "Running", ready = parse_cond(c, get(item, "ready")),
      ready_transition_ms = ago(c, get(item, "readyTransitionSecondsAgo")),
      start_time_ms = ago(c, get(item, "startSecondsAgo")), has_start_time = get_bool(c, item, "hasStartTime", true),
      deleting = get_bool(c, item, "deleting", false) }
    for pass = 1, 2 do
      local init = pass == 2
      for _, ct in ipairs(list_of(init and ics or cs)) do
        check_keys(c, ct, init and "initContainers[]" or "containers[]", CONTAINER_KEYS)
        local rp = get_str(ct, "restartPolicy")
        local kind = not init and "app" or (rp == "Always" and "sidecar" or "init")
        if not init and rp then fail(c, "cannot evaluate: restartPolicy on an app container") end
        local cpu, mem
        if not isnull(get(ct, "requests")) then cpu, mem = requests_milli(c, ct.requests, "requests") end
        b:add_container_milli(idx, get_str(ct, "name") or "", kind, cpu, mem)
      end
    end
    if not isnull(get(item, "podRequests")) then
      b:set_pod_requests_milli(idx, requests_milli(c, item.podRequests, "podRequests"))
    end
    local u = usage_of(c, get(item, "usage"))
    if u then
      b:set_usage(idx, u.ts, u.win)
      for _, it in ipairs(u.items) do b:add_usage_milli(idx, it[1], it[2], it[3]) end
    end
    ps.names[#ps.names + 1] = name
    local v = get(item, "metricMilli")
    if v ~= nil then
      ps.values[#ps.names] = { num_i64(c, v, "metricMilli"), ago(c, get(item, "metricTimestampSecondsAgo")),
        get_i64(c, item, "metricWindowSeconds", 60) * 1000 }
    end
  end
  local orph = get(inp, "orphanMetrics")
  if orph ~= nil then
    if type(orph) ~= "table" then fail(c, "cannot evaluate: orphanMetrics must be an array") return ps end
    for _, item in ipairs(orph) do
      check_keys(c, item, "orphanMetrics[]", set { "name", "usage", "metricMilli", "metricTimestampSecondsAgo" })
      local name = get_str(item, "name") or ""
      local u = usage_of(c, get(item, "usage"))
      if u then
        local oi = b:add_orphan_usage(name, u.ts, u.win)
        for _, it in ipairs(u.items) do b:add_orphan_usage_milli(oi, it[1], it[2], it[3]) end
      end
      local v = get(item, "metricMilli")
      if v ~= nil then
        ps.orphan_values[#ps.orphan_values + 1] = { name, num_i64(c, v, "metricMilli"),
          ago(c, get(item, "metricTimestampSecondsAgo")), 60000 }
      end
    end
  end
  return ps
end

-- ---- metrics ---------------------------------------------------------------------------------------

local METRIC_KEYS = set { "type", "resource", "container", "name", "target", "describedObject", "selector" }
local TARGET_KEYS = set { "type", "averageUtilization", "averageValueMilli", "valueMilli" }

local function json_of(v)
  -- jansson JSON_COMPACT | JSON_SORT_KEYS of a selector, as the C runner makes it
  if v == NULL then return "null" end
  if type(v) == "table" then
    if #v > 0 then
      local parts = {}
      for _, x in ipairs(v) do parts[#parts + 1] = json_of(x) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = string.format("%q", k) .. ":" .. json_of(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

local function parse_metric(c, o, inp, ps, failing, b)
  check_keys(c, o, "metric", METRIC_KEYS)
  local mtype = get_str(o, "type")
  if not mtype then fail(c, "cannot evaluate: metric without type") return nil end
  local resource
  if mtype == "Resource" or mtype == "ContainerResource" then
    resource = get_str(o, "resource")
    if resource and resource ~= "cpu" and resource ~= "memory" then
      fail(c, 'cannot evaluate: unsupported resource "' .. resource .. '"')
      resource = nil
    end
    if not resource then fail(c, "cannot evaluate: Resource metric without resource") end
  end
  local d = get(o, "describedObject")
  local sel = get(o, "selector")
  local mi = b:add_metric(mtype, { resource = resource, container = get_str(o, "container"), name = get_str(o, "name"),
    selector = sel ~= nil and json_of(sel) or nil, object_kind = get_str(d, "kind"), object_name = get_str(d, "name"),
    namespace = "test-namespace" })
  local t = get(o, "target")
  if t ~= nil then
    check_keys(c, t, "metric.target", TARGET_KEYS)
    local tt = get_str(t, "type")
    if tt and tt ~= "Utilization" and tt ~= "AverageValue" and tt ~= "Value" then
      fail(c, 'cannot evaluate: unknown target type "' .. tt .. '"')
      tt = nil
    end
    local au = get(t, "averageUtilization") ~= nil and i32(c, get_i64(c, t, "averageUtilization", 0), "averageUtilization") or nil
    local av = get(t, "averageValueMilli") ~= nil and get_i64(c, t, "averageValueMilli", 0) or nil
    local vv = get(t, "valueMilli") ~= nil and get_i64(c, t, "valueMilli", 0) or nil
    b:set_target(mi, { type = tt, average_utilization = au, average_value_milli = av, value_milli = vv })
  end
  if mtype == "Pods" then
    for pod = 1, #ps.names do
      local v = ps.values[pod]
      if v then b:set_pod_value(mi, pod - 1, v[1], v[2], v[3]) end
    end
    for _, ov in ipairs(ps.orphan_values) do b:add_orphan_value(mi, ov[1], ov[2], ov[3], ov[4]) end
  end
  if mtype == "Object" and get(inp, "objectValueMilli") ~= nil then
    b:set_object_value(mi, get_i64(c, inp, "objectValueMilli", 0))
  end
  local ev = get(inp, "externalValuesMilli")
  if mtype == "External" and type(ev) == "table" then
    for _, x in ipairs(ev) do b:add_external_value(mi, num_i64(c, x, "externalValuesMilli[]")) end
  end
  if type(failing) == "table" then
    for _, x in ipairs(failing) do
      if x == mtype then b:set_fetch_failed(mi, "failing metric source (test)") end
    end
  end
  return { mtype, resource }
end

-- ---- behavior and history --------------------------------------------------------------------------

local RULES_KEYS = set { "stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance" }
local POLICY_KEYS = set { "type", "value", "periodSeconds" }

local function parse_rules(c, o, dir, where, b)
  if isnull(o) then return end
  check_keys(c, o, where, RULES_KEYS)
  local r = {}
  if get(o, "stabilizationWindowSeconds") ~= nil then
    r.stabilization_window_seconds = i32(c, num_i64(c, o.stabilizationWindowSeconds, "stabilizationWindowSeconds"), "window")
  end
  local sp = get_str(o, "selectPolicy")
  if sp and sp ~= "Max" and sp ~= "Min" and sp ~= "Disabled" then
    fail(c, 'cannot evaluate: unknown selectPolicy "' .. sp .. '"')
    sp = nil
  end
  r.select_policy = sp
  if is_num(get(o, "tolerance")) then r.tolerance = o.tolerance + 0.0 end
  local p = get(o, "policies")
  if p ~= nil then
    if type(p) ~= "table" then
      fail(c, "cannot evaluate: policies must be an array")
    else
      r.policies = {}
      for _, item in ipairs(p) do
        check_keys(c, item, "policies[]", POLICY_KEYS)
        local ty = get_str(item, "type")
        if ty ~= "Pods" and ty ~= "Percent" then
          fail(c, "cannot evaluate: unknown policy type")
        else
          r.policies[#r.policies + 1] = { ty, i32(c, get_i64(c, item, "value", 0), "value"),
            i32(c, get_i64(c, item, "periodSeconds", 0), "periodSeconds") }
        end
      end
    end
  end
  b:set_rules(dir, r)
end

local function parse_behavior(c, o, b)
  if isnull(o) then return false end
  check_keys(c, o, "behavior", set { "scaleUp", "scaleDown" })
  b:set_behavior(true)
  parse_rules(c, get(o, "scaleUp"), hpa.SCALE_UP, "behavior.scaleUp", b)
  parse_rules(c, get(o, "scaleDown"), hpa.SCALE_DOWN, "behavior.scaleDown", b)
  return true
end

local function parse_history(c, inp)
  local h = hpa.history(1024)
  local recs = get(inp, "recommendations")
  if recs ~= nil then
    h:set_has_recommendations(true)
    for _, item in ipairs(recs) do
      check_keys(c, item, "recommendations[]", set { "secondsAgo", "replicas" })
      h:add_recommendation(i32(c, get_i64(c, item, "replicas", 0), "replicas"), ago(c, get(item, "secondsAgo")))
    end
  end
  for _, l in ipairs { { "scaleUpEvents", hpa.SCALE_UP }, { "scaleDownEvents", hpa.SCALE_DOWN } } do
    for _, item in ipairs(list_of(get(inp, l[1]))) do
      check_keys(c, item, l[1], set { "secondsAgo", "replicaChange", "outdated" })
      h:add_event(l[2], i32(c, get_i64(c, item, "replicaChange", 0), "replicaChange"), ago(c, get(item, "secondsAgo")),
        get_bool(c, item, "outdated", false))
    end
  end
  return h
end

local function parse_tolerance(c, inp)
  local t = get(inp, "tolerance")
  if t == nil then return 0.1, 0.1 end
  if is_num(t) then return t + 0.0, t + 0.0 end
  check_keys(c, t, "tolerance", set { "scaleDown", "scaleUp" })
  return get_dbl(c, t, "scaleDown", 0.1), get_dbl(c, t, "scaleUp", 0.1)
end

-- ---- expectations ---------------------------------------------------------------------------------------

local function expect_int(c, ex, key, actual, have)
  local v = get(ex, key)
  if v == nil then return end
  local want = num_i64(c, v, key)
  if have == false then
    fail(c, string.format("%s: expected %d, actual <none>", key, want))
  elseif want ~= actual then
    fail(c, string.format("%s: expected %d, actual %s", key, want, tostring(actual)))
  end
end

local function expect_bool(c, ex, key, actual)
  local v = get(ex, key)
  if v == nil then return end
  if type(v) ~= "boolean" then fail(c, "cannot evaluate: expect." .. key .. " must be a boolean") return end
  if v ~= (actual and true or false) then
    fail(c, string.format("%s: expected %s, actual %s", key, tostring(v), tostring(actual)))
  end
end

local function expect_str(c, ex, key, actual)
  local v = get(ex, key)
  if v == nil then return end
  if type(v) ~= "string" then fail(c, "cannot evaluate: expect." .. key .. " must be a string") return end
  if actual == nil or v ~= actual then fail(c, string.format("%s: expected %s, actual %s", key, v, tostring(actual))) end
end

local function expect_int_list(c, ex, key, got)
  local want = get(ex, key)
  if want == nil then return end
  local e = {}
  for _, x in ipairs(want) do e[#e + 1] = tostring(num_i64(c, x, key)) end
  local g = {}
  for _, x in ipairs(got) do g[#g + 1] = tostring(x) end
  if table.concat(e, ",") ~= table.concat(g, ",") then
    fail(c, string.format("%s: expected [%s], actual [%s]", key, table.concat(e, ","), table.concat(g, ",")))
  end
end

-- ---- levels --------------------------------------------------------------------------------------------

local function run_group_pods(c, inp, ex)
  check_keys(c, inp, "input", set { "stage", "resource", "pods", "samples", "cpuInitializationPeriodSeconds",
    "delayOfInitialReadinessStatusSeconds" })
  check_keys(c, ex, "expect", set { "readyPodCount", "unready", "missing", "ignored" })
  local b = hpa.decide_input()
  b:set_now(0)
  local ps = parse_pods(c, inp, b)
  local opts = { cpu_initialization_period_ms = get_i64(c, inp, "cpuInitializationPeriodSeconds", 300) * 1000,
    initial_readiness_delay_ms = get_i64(c, inp, "delayOfInitialReadinessStatusSeconds", 30) * 1000 }
  local smap = get(inp, "samples") or {}
  for i, name in ipairs(ps.names) do
    local s = type(smap) == "table" and get(smap, name) or nil
    if s ~= nil then
      check_keys(c, s, "samples{}", set { "valueMilli", "timestampSecondsAgo", "windowSeconds" })
      b:set_sample(i - 1, get_i64(c, s, "valueMilli", 0), ago(c, get(s, "timestampSecondsAgo")),
        get_i64(c, s, "windowSeconds", 60) * 1000)
    end
  end
  local resource = get_str(inp, "resource")
  if resource and resource ~= "cpu" and resource ~= "memory" then
    fail(c, 'cannot evaluate: unsupported resource "' .. resource .. '"')
    resource = nil
  end
  if resource == "" then resource = nil end
  if #c.fails > 0 then return end
  local ready = b:classify(resource, opts)
  expect_int(c, ex, "readyPodCount", ready)
  for _, key in ipairs { "unready", "missing", "ignored" } do
    local want = get(ex, key)
    if want ~= nil then
      local got = {}
      for i, name in ipairs(ps.names) do
        local k = b:pod_class(0, i - 1)
        local inl
        if key == "unready" then
          inl = k == core.HPA_POD_UNREADY_PENDING or k >= core.HPA_POD_UNREADY_NO_CONDITION
        elseif key == "missing" then
          inl = k == core.HPA_POD_MISSING
        else
          inl = k == core.HPA_POD_IGNORED_DELETING or k == core.HPA_POD_IGNORED_FAILED
        end
        if inl then got[#got + 1] = name end
      end
      local e = {}
      for _, x in ipairs(want) do if type(x) == "string" then e[#e + 1] = x end end
      if table.concat(got, ",") ~= table.concat(e, ",") then
        fail(c, string.format("%s: expected [%s], actual [%s]", key, table.concat(e, ","), table.concat(got, ",")))
      end
    end
  end
end

local function run_calc(c, inp, ex)
  local stage = get_str(inp, "stage")
  if stage then
    if stage == "groupPods" then run_group_pods(c, inp, ex)
    else fail(c, 'cannot evaluate: unknown calc stage "' .. stage .. '"') end
    return
  end
  check_keys(c, inp, "input", set { "currentReplicas", "statusReplicas", "metric", "pods", "orphanMetrics",
    "objectValueMilli", "externalValuesMilli", "tolerance", "cpuInitializationPeriodSeconds",
    "delayOfInitialReadinessStatusSeconds", "podLevelResources", "failingMetricSources" })
  check_keys(c, ex, "expect", set { "replicas", "utilization", "rawAverageValueMilli", "usageMilli", "error" })
  local b = hpa.decide_input()
  b:set_now(0)
  local ps = parse_pods(c, inp, b)
  if inp.metric == nil then fail(c, "cannot evaluate: calc vector without metric") return end
  parse_metric(c, inp.metric, inp, ps, get(inp, "failingMetricSources"), b)
  local tdown, tup = parse_tolerance(c, inp)
  b:set_behavior(true)
  b:set_tolerance(hpa.SCALE_DOWN, tdown)
  b:set_tolerance(hpa.SCALE_UP, tup)
  local opts = { configurable_tolerance = true,
    cpu_initialization_period_ms = get_i64(c, inp, "cpuInitializationPeriodSeconds", 300) * 1000,
    initial_readiness_delay_ms = get_i64(c, inp, "delayOfInitialReadinessStatusSeconds", 30) * 1000,
    pod_level_resources = get_bool(c, inp, "podLevelResources", false) }
  local spec = i32(c, get_i64(c, inp, "currentReplicas", 0), "currentReplicas")
  local status = i32(c, get_i64(c, inp, "statusReplicas", spec), "statusReplicas")
  b:set_spec(INT32_MAX, 0)
  b:set_scale(spec, status, 0)
  if #c.fails > 0 then return end
  local ok, r = pcall(b.metric_eval, b, 0, opts)
  if not ok then fail(c, "hpa_decide_metric_eval failed: " .. tostring(r)) return end
  local xe = get(ex, "error")
  if type(xe) == "string" then
    if r.status == 0 then
      fail(c, string.format('error: expected an error containing "%s", actual none (replicas %d)', xe, r.replicas))
    elseif not r.message:find(xe, 1, true) then
      fail(c, string.format('error: expected text containing "%s", actual "%s"', xe, r.message))
    end
    return
  end
  if r.status ~= 0 then fail(c, 'error: expected none, actual "' .. r.message .. '"') return end
  if ex.replicas == NULL then fail(c, "replicas: expected null (an error), actual " .. r.replicas) end
  expect_int(c, ex, "replicas", r.replicas)
  expect_int(c, ex, "utilization", r.average_utilization, r.has_average_utilization)
  expect_int(c, ex, "rawAverageValueMilli", r.average_value_milli, r.has_average_value)
  if r.has_value then
    expect_int(c, ex, "usageMilli", r.value_milli)
  else
    expect_int(c, ex, "usageMilli", r.average_value_milli, r.has_average_value)
  end
end

local STAB = { "ReadyForNewScale", "ScaleUpStabilized", "ScaleDownStabilized" }

local function run_normalize(c, inp, ex)
  check_keys(c, inp, "input", set { "stage", "currentReplicas", "prenormalizedDesiredReplicas", "minReplicas",
    "maxReplicas", "behavior", "downscaleStabilizationWindowSeconds", "recommendations", "scaleUpEvents",
    "scaleDownEvents", "scaleUpLimitFactor", "scaleUpLimitMinimum", "prevReplicas", "newReplicas" })
  check_keys(c, ex, "expect", set { "desiredReplicas", "reason", "stabilizedReplicas", "ableToScaleReason",
    "recommendationsAfter", "recommendationsLength", "scaleUpLimit", "scaleDownLimit", "replicaChangeLast60s",
    "eventsAfter" })
  local stage = get_str(inp, "stage")
  if not stage then fail(c, "cannot evaluate: normalize vector without stage") return end
  local b = hpa.decide_input()
  b:set_now(0)
  local has_b = parse_behavior(c, get(inp, "behavior"), b)
  local h = parse_history(c, inp)
  local opts = { downscale_stabilization_ms = get_i64(c, inp, "downscaleStabilizationWindowSeconds", 300) * 1000,
    scale_up_limit_factor = get_dbl(c, inp, "scaleUpLimitFactor", 2.0),
    scale_up_limit_minimum = get_dbl(c, inp, "scaleUpLimitMinimum", 4.0) }
  local current = i32(c, get_i64(c, inp, "currentReplicas", 0), "currentReplicas")
  if stage == "behavior" or stage == "behaviorStabilizeOnly" or stage == "legacy" or stage == "legacyStabilizeOnly" then
    local legacy, only = stage:sub(1, 1) == "l", stage:find("StabilizeOnly") ~= nil
    if not legacy and not has_b then fail(c, "cannot evaluate: stage " .. stage .. " needs a behavior") return end
    if legacy and has_b then fail(c, "cannot evaluate: stage " .. stage .. " takes no behavior") return end
    local desired = i32(c, get_i64(c, inp, "prenormalizedDesiredReplicas", 0), "prenormalized")
    local mn = i32(c, get_i64(c, inp, "minReplicas", only and 0 or 1), "minReplicas")
    local mx = i32(c, get_i64(c, inp, "maxReplicas", only and INT32_MAX or 0), "maxReplicas")
    if #c.fails > 0 then return end
    local ok, nz = pcall(b.normalize, b, h, current, desired, mn, mx, not legacy, opts)
    if not ok then fail(c, "hpa_decide_normalize failed: " .. tostring(nz)) return end
    expect_int(c, ex, "stabilizedReplicas", nz.stabilized_replicas)
    if only then
      expect_int(c, ex, "desiredReplicas", nz.stabilized_replicas)
    else
      expect_int(c, ex, "desiredReplicas", nz.desired_replicas)
      expect_str(c, ex, "reason", core.hpa_decide_limit_name(nz.limit_reason))
    end
    expect_str(c, ex, "ableToScaleReason", STAB[nz.stabilization])
    h:apply(nz.update, 0)
    local recs = {}
    for _, r in ipairs(h:recommendations()) do recs[#recs + 1] = r.replicas end
    expect_int_list(c, ex, "recommendationsAfter", recs)
    expect_int(c, ex, "recommendationsLength", #recs)
  elseif stage == "limits" then
    if #c.fails > 0 then return end
    local ok, up, down = pcall(b.scale_limits, b, h, current, opts)
    if not ok then fail(c, "hpa_decide_scale_limits failed: " .. tostring(up)) return end
    expect_int(c, ex, "scaleUpLimit", up)
    expect_int(c, ex, "scaleDownLimit", down)
  elseif stage == "storeScaleEvent" then
    local prev = i32(c, get_i64(c, inp, "prevReplicas", 0), "prevReplicas")
    local nxt = i32(c, get_i64(c, inp, "newReplicas", 0), "newReplicas")
    local dir = nxt > prev and hpa.SCALE_UP or hpa.SCALE_DOWN
    if #c.fails > 0 then return end
    expect_int(c, ex, "replicaChangeLast60s", h:replica_change(dir, 60000, 0))
    local ok, e = pcall(b.store_scale_event, b, h, prev, nxt)
    if not ok then fail(c, "hpa_history_store_scale_event failed: " .. tostring(e)) return end
    local want = get(ex, "eventsAfter")
    if want ~= nil then
      local g, w = {}, {}
      for _, ev in ipairs(h:events(dir)) do
        g[#g + 1] = string.format("{%d,%s}", ev.replica_change, ev.outdated and "outdated" or "current")
      end
      for _, x in ipairs(want) do
        check_keys(c, x, "eventsAfter[]", set { "replicaChange", "outdated" })
        w[#w + 1] = string.format("{%d,%s}", get_i64(c, x, "replicaChange", 0),
          get_bool(c, x, "outdated", false) and "outdated" or "current")
      end
      if table.concat(g, ",") ~= table.concat(w, ",") then
        fail(c, string.format("eventsAfter: expected [%s], actual [%s]", table.concat(w, ","), table.concat(g, ",")))
      end
    end
  else
    fail(c, 'cannot evaluate: unknown normalize stage "' .. stage .. '"')
  end
end

local function run_controller(c, inp, ex)
  check_keys(c, inp, "input", set { "specReplicas", "statusReplicas", "minReplicas", "maxReplicas", "metrics",
    "behavior", "pods", "orphanMetrics", "objectValueMilli", "externalValuesMilli", "failingMetricSources",
    "recommendations", "scaleUpEvents", "scaleDownEvents", "tolerance", "cpuInitializationPeriodSeconds",
    "delayOfInitialReadinessStatusSeconds", "downscaleStabilizationWindowSeconds", "scaleUpLimitFactor",
    "scaleUpLimitMinimum", "features", "scaledToZeroCondition", "zeroReplicaSemantics", "selector" })
  check_keys(c, ex, "expect", set { "desiredReplicas", "scaleUpdated", "conditions", "error", "cpuUtilization" })
  local b = hpa.decide_input()
  b:set_now(0)
  local ps = parse_pods(c, inp, b)
  local marr = get(inp, "metrics")
  if marr ~= nil and type(marr) ~= "table" then fail(c, "cannot evaluate: metrics must be an array") return end
  local kinds = {}
  for i, m in ipairs(list_of(marr)) do
    kinds[i] = parse_metric(c, m, inp, ps, get(inp, "failingMetricSources"), b) or false
  end
  local has_b = parse_behavior(c, get(inp, "behavior"), b)
  local tdown, tup = parse_tolerance(c, inp)
  if has_b then
    if not b:has_tolerance(hpa.SCALE_DOWN) then b:set_tolerance(hpa.SCALE_DOWN, tdown) end
    if not b:has_tolerance(hpa.SCALE_UP) then b:set_tolerance(hpa.SCALE_UP, tup) end
  elseif tdown ~= tup then
    fail(c, "cannot evaluate: per-direction tolerance without behavior")
  end
  local opts = { tolerance = tdown, configurable_tolerance = true,
    cpu_initialization_period_ms = get_i64(c, inp, "cpuInitializationPeriodSeconds", 300) * 1000,
    initial_readiness_delay_ms = get_i64(c, inp, "delayOfInitialReadinessStatusSeconds", 30) * 1000,
    downscale_stabilization_ms = get_i64(c, inp, "downscaleStabilizationWindowSeconds", 300) * 1000,
    scale_up_limit_factor = get_dbl(c, inp, "scaleUpLimitFactor", 2.0),
    scale_up_limit_minimum = get_dbl(c, inp, "scaleUpLimitMinimum", 4.0), pod_level_resources = false }
  local feat = get(inp, "features")
  if feat ~= nil then
    check_keys(c, feat, "features", set { "HPAScaleToZero", "HPAConfigurableTolerance", "PodLevelResources" })
    opts.scale_to_zero = get_bool(c, feat, "HPAScaleToZero", false)
    opts.configurable_tolerance = get_bool(c, feat, "HPAConfigurableTolerance", true)
    opts.pod_level_resources = get_bool(c, feat, "PodLevelResources", false)
  end
  local sem = get_str(inp, "zeroReplicaSemantics")
  if sem == "master" then
    opts.semantics = "master"
  elseif sem ~= nil and sem ~= "released" then
    fail(c, 'cannot evaluate: unknown zeroReplicaSemantics "' .. sem .. '"')
  end
  b:set_scaled_to_zero(get_bool(c, inp, "scaledToZeroCondition", false))
  local spec = i32(c, get_i64(c, inp, "specReplicas", 0), "specReplicas")
  local status = i32(c, get_i64(c, inp, "statusReplicas", spec), "statusReplicas")
  local has_min = get(inp, "minReplicas") ~= nil
  local mn = i32(c, get_i64(c, inp, "minReplicas", 1), "minReplicas")
  local mx = i32(c, get_i64(c, inp, "maxReplicas", 0), "maxReplicas")
  b:set_spec(mx, has_min and mn or nil)
  local sel, sel_text = 0, nil
  local x = get(inp, "selector")
  if x ~= nil then
    local s = type(x) == "string" and x or "?"
    sel = ({ [""] = "empty", invalid = "invalid", ambiguous = "ambiguous" })[s] or "ok"
    sel_text = s
  end
  b:set_scale(spec, status, sel, sel_text)
  local h = parse_history(c, inp)
  if #c.fails > 0 then return end
  local ok, d = pcall(b.decide, b, h, opts)
  if not ok then fail(c, "hpa_decide failed: " .. tostring(d)) return end
  local r = d._raw
  expect_int(c, ex, "desiredReplicas", r.desired_replicas)
  expect_bool(c, ex, "scaleUpdated", r.rescale)
  expect_bool(c, ex, "error", r.error)
  local cu = get(ex, "cpuUtilization")
  if cu ~= nil then
    local found = false
    for i, k in ipairs(kinds) do
      if k and k[1] == "Resource" and k[2] == "cpu" then
        found = true
        local m = r:metric_at(i - 1)
        expect_int(c, ex, "cpuUtilization", m.average_utilization, m.has_average_utilization and m.status == 0)
        break
      end
    end
    if not found then fail(c, "cpuUtilization: expected " .. num_i64(c, cu, "cpuUtilization") .. ", actual <no cpu Resource metric>") end
  end
  local conds = get(ex, "conditions")
  if conds ~= nil then
    local g, e = {}, {}
    for _, cd in ipairs(d.conditions) do g[#g + 1] = "[" .. cd.type .. " " .. cd.status .. " " .. cd.reason .. "]" end
    for _, cd in ipairs(conds) do
      if type(cd) ~= "table" or #cd ~= 3 then fail(c, "cannot evaluate: conditions entries are [type, status, reason]") break end
      local parts = {}
      for _, v in ipairs(cd) do parts[#parts + 1] = type(v) == "string" and v or "?" end
      e[#e + 1] = "[" .. table.concat(parts, " ") .. "]"
    end
    if table.concat(g, " ") ~= table.concat(e, " ") then
      fail(c, "conditions: expected " .. table.concat(e, " ") .. ", actual " .. table.concat(g, " "))
    end
  end
end

local VECTOR_KEYS = set { "name", "source", "level", "input", "expect", "notes", "derived", "upstreamSkipped", "appliesTo" }

function V.evaluate(v)
  local c = new_ctx()
  if type(v) ~= "table" then return { "cannot evaluate: a vector must be an object" } end
  check_keys(c, v, "vector", VECTOR_KEYS)
  if not get_str(v, "name") then fail(c, "cannot evaluate: vector without name") end
  local inp, ex = get(v, "input"), get(v, "expect")
  if type(inp) ~= "table" or type(ex) ~= "table" then
    fail(c, "cannot evaluate: input and expect must be objects")
    return c.fails
  end
  if #c.fails > 0 then return c.fails end
  local level = get_str(v, "level")
  local ok, e = pcall(function()
    if not level then fail(c, "cannot evaluate: vector without level")
    elseif level == "calc" then run_calc(c, inp, ex)
    elseif level == "normalize" then run_normalize(c, inp, ex)
    elseif level == "controller" then run_controller(c, inp, ex)
    else fail(c, 'cannot evaluate: unsupported level "' .. level .. '"') end
  end)
  if not ok then fail(c, "binding error: " .. tostring(e)) end
  return c.fails
end

--- { {name, failures}, ... } of a vector file
function V.evaluate_file(path)
  local f = assert(io.open(path, "rb"))
  local vectors = lyaml.load(f:read("a"))
  f:close()
  local out = {}
  for _, v in ipairs(vectors) do out[#out + 1] = { get_str(v, "name"), V.evaluate(v) } end
  return out
end

return V
