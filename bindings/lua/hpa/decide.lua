--- The HPA replica decision for Lua: hpa.decide / hpa.explain from real
-- objects (tables, YAML/JSON text or loaded objects), the input builder
-- (hpa.decide_input), the controller history (hpa.history). Part of the
-- "hpa" module (required by hpa.lua).

local M = package.loaded.hpa
local core = M._core
local raise = M._raise

local TIME_ZERO = -62135596800000
local SIZE_MAX = -1  -- SIZE_MAX comes back as -1 through lua_Integer
local CPU_BIT, MEM_BIT = 1 << core.HPA_RESOURCE_CPU, 1 << core.HPA_RESOURCE_MEMORY

local SOURCE_TYPES = { Resource = core.HPA_SOURCE_RESOURCE, ContainerResource = core.HPA_SOURCE_CONTAINER_RESOURCE,
  Pods = core.HPA_SOURCE_PODS, Object = core.HPA_SOURCE_OBJECT, External = core.HPA_SOURCE_EXTERNAL }
local TARGET_TYPES = { Utilization = core.HPA_TARGET_UTILIZATION, AverageValue = core.HPA_TARGET_AVERAGE_VALUE,
  Value = core.HPA_TARGET_VALUE }
local RESOURCES = { cpu = core.HPA_RESOURCE_CPU, memory = core.HPA_RESOURCE_MEMORY }
local PHASES = { Running = core.HPA_PHASE_RUNNING, Pending = core.HPA_PHASE_PENDING,
  Succeeded = core.HPA_PHASE_SUCCEEDED, Failed = core.HPA_PHASE_FAILED, Unknown = core.HPA_PHASE_UNKNOWN }
local COND = { True = core.HPA_COND_TRUE, False = core.HPA_COND_FALSE, Unknown = core.HPA_COND_UNKNOWN }
local SELECT = { Max = core.HPA_SELECT_MAX, Min = core.HPA_SELECT_MIN, Disabled = core.HPA_SELECT_DISABLED }
local POLICY = { Pods = core.HPA_POLICY_PODS, Percent = core.HPA_POLICY_PERCENT }
local CKIND = { app = core.HPA_CONTAINER_APP, init = core.HPA_CONTAINER_INIT, sidecar = core.HPA_CONTAINER_SIDECAR }
local SELECTORS = { ok = core.HPA_SELECTOR_OK, empty = core.HPA_SELECTOR_EMPTY, invalid = core.HPA_SELECTOR_INVALID,
  ambiguous = core.HPA_SELECTOR_AMBIGUOUS }
local STAB = { "ReadyForNewScale", "ScaleUpStabilized", "ScaleDownStabilized" }

M.SCALE_UP, M.SCALE_DOWN = core.HPA_SCALE_UP, core.HPA_SCALE_DOWN
M.TIME_ZERO = TIME_ZERO

--- Unix ms of an RFC 3339 string or a number of ms; nil = Go's zero time
local function to_ms(t)
  if t == nil then return TIME_ZERO end
  if type(t) == "string" then return core.hpa_explain_parse_time(t) end
  return math.tointeger(t) or math.floor(t + 0.5)
end
M.to_ms = to_ms

--- milli-value of a quantity (a string, or a number of units)
local function milli(q)
  if math.type(q) == "integer" then return q * 1000 end
  local t = type(q)
  if t ~= "string" and t ~= "number" then raise(core.HPA_EINVAL, "a quantity is a string or a number, not " .. t, nil, 2) end
  return (core.hpa_bind_quantity_milli(tostring(q)))
end
M.milli = milli
--- the milli-value of a quantity ("500m" -> 500, "1Gi" -> 1073741824000): milli
M.quantity = milli

local function bits(cpu, mem)
  return (cpu and CPU_BIT or 0) | (mem and MEM_BIT or 0), cpu or 0, mem or 0
end

-- ---- options -----------------------------------------------------------------------------------

--- decide options from a table: semantics ("released"|"master"), tolerance,
--- cpu_initialization_period / initial_readiness_delay / downscale_stabilization (seconds or "5m"),
--- *_ms variants, scale_up_limit_factor, scale_up_limit_minimum, scale_to_zero,
--- pod_level_resources, configurable_tolerance, no_text
function M.options(t)
  local o = core.hpa_decide_options()
  core.hpa_decide_options_init(o, core.HPA_DECIDE_OPTIONS_VERSION)
  for k, v in pairs(t or {}) do
    if k == "semantics" then
      o.semantics = v == "master" and core.HPA_SEMANTICS_MASTER or core.HPA_SEMANTICS_RELEASED
    elseif k == "cpu_initialization_period" or k == "initial_readiness_delay" or k == "downscale_stabilization" then
      o[k .. "_ms"] = M.duration_ms(v)
    elseif k == "tolerance" or k == "scale_up_limit_factor" or k == "scale_up_limit_minimum" then
      o[k] = v + 0.0
    elseif k == "scale_to_zero" or k == "pod_level_resources" or k == "configurable_tolerance" or k == "no_text"
      or k == "cpu_initialization_period_ms" or k == "initial_readiness_delay_ms" or k == "downscale_stabilization_ms" then
      o[k] = v
    else
      raise(core.HPA_EINVAL, "unknown decide option " .. tostring(k), "", 2)
    end
  end
  return o
end

local function options_of(o)
  if o == nil then return nil end
  if type(o) == "table" then return M.options(o) end
  return o
end

-- ---- history -------------------------------------------------------------------------------------

local History = {}
History.__index = History
History.__name = "hpa.History"

--- hpa.history(capacity) -> the controller's memory of one HPA
function M.history(capacity)
  return setmetatable({ _h = core.hpa_history_new(capacity or 0) }, History)
end

--- hpa.history_from_json(text)
function M.history_from_json(text, capacity)
  return setmetatable({ _h = core.hpa_history_read_json(text, capacity or 0) }, History)
end

function History:to_json() return core.hpa_history_write_json(self._h) end
function History:has_recommendations() return core.hpa_history_has_recommendations(self._h) end
function History:set_has_recommendations(v) core.hpa_history_set_has_recommendations(self._h, v) end
function History:recommendations()
  local out = {}
  for i = 0, core.hpa_history_recommendation_count(self._h) - 1 do
    local r = core.hpa_history_recommendation_at(self._h, i)
    out[#out + 1] = { replicas = r.replicas, timestamp_ms = r.timestamp_ms }
  end
  return out
end
function History:events(direction)
  local out = {}
  for i = 0, core.hpa_history_event_count(self._h, direction) - 1 do
    local e = core.hpa_history_event_at(self._h, direction, i)
    out[#out + 1] = { replica_change = e.replica_change, timestamp_ms = e.timestamp_ms, outdated = e.outdated }
  end
  return out
end
function History:add_recommendation(replicas, t) core.hpa_history_add_recommendation(self._h, replicas, to_ms(t)) end
function History:add_event(direction, change, t, outdated)
  core.hpa_history_add_event(self._h, direction, change, to_ms(t), outdated or false)
end
function History:replica_change(direction, period_ms, now)
  return core.hpa_history_replica_change(self._h, direction, period_ms, to_ms(now))
end
function History:record(decision) core.hpa_history_record(self._h, decision._raw, decision.now_ms) end
function History:apply(update, now) core.hpa_history_apply(self._h, update, to_ms(now)) end
function History:clear() core.hpa_history_clear(self._h) end

-- ---- the input builder ------------------------------------------------------------------------------

local Input = {}
Input.__index = Input
Input.__name = "hpa.DecideInput"

--- hpa.decide_input() -> the inputs of one reconcile, owned by the C builder
function M.decide_input()
  return setmetatable({ _b = core.hpa_bind_decide_new(), _record = false }, Input)
end

function Input:set_spec(max_replicas, min_replicas)
  core.hpa_bind_decide_set_spec(self._b, min_replicas ~= nil, min_replicas or 1, max_replicas)
end
function Input:set_scale(spec, status, selector, text, serr)
  local sel = type(selector) == "string" and SELECTORS[selector] or selector or 0
  core.hpa_bind_decide_set_scale(self._b, spec, status or spec, sel, text, serr)
end
function Input:set_prev_desired(r) core.hpa_bind_decide_set_prev_desired(self._b, r ~= nil, r or 0) end
function Input:set_scaled_to_zero(v) core.hpa_bind_decide_set_scaled_to_zero(self._b, v and true or false) end
function Input:set_now(t) core.hpa_bind_decide_set_now(self._b, to_ms(t)) end
function Input:now_ms() return core.hpa_bind_decide_now(self._b) end
function Input:record_pod_classes(v)
  self._record = v ~= false
  core.hpa_bind_decide_set_record_classes(self._b, self._record)
end
--- add_pod{name=, phase=, ready=, ready_transition_ms=, start_time_ms=, has_start_time=, deleting=} -> index (0-based)
function Input:add_pod(p)
  local ph = type(p.phase) == "string" and PHASES[p.phase] or p.phase or core.HPA_PHASE_RUNNING
  local rd = type(p.ready) == "string" and COND[p.ready] or p.ready or 0
  local hs = p.has_start_time
  if hs == nil then hs = p.start_time_ms ~= nil end
  return core.hpa_bind_decide_add_pod(self._b, p.name or "", ph, rd, p.ready_transition_ms or TIME_ZERO, hs,
    p.start_time_ms or TIME_ZERO, p.deleting or false)
end
function Input:add_container_milli(pod, name, kind, cpu, mem)
  core.hpa_bind_decide_pod_add_container(self._b, pod, name or "", CKIND[kind or "app"] or kind, bits(cpu, mem))
end
function Input:set_pod_requests_milli(pod, cpu, mem) core.hpa_bind_decide_pod_set_requests(self._b, pod, bits(cpu, mem)) end
function Input:set_usage(pod, ts_ms, window_ms) core.hpa_bind_decide_pod_set_usage(self._b, pod, ts_ms, window_ms) end
function Input:add_usage_milli(pod, name, cpu, mem) core.hpa_bind_decide_pod_add_usage(self._b, pod, name or "", bits(cpu, mem)) end
function Input:add_orphan_usage(pod, ts_ms, window_ms) return core.hpa_bind_decide_add_orphan_usage(self._b, pod, ts_ms, window_ms) end
function Input:add_orphan_usage_milli(i, name, cpu, mem) core.hpa_bind_decide_orphan_add_usage(self._b, i, name or "", bits(cpu, mem)) end
function Input:set_sample(pod, value, ts_ms, window_ms) core.hpa_bind_decide_set_sample(self._b, pod, value, ts_ms, window_ms) end
function Input:pod_count() return core.hpa_bind_decide_pod_count(self._b) end
function Input:pod_name(i) return core.hpa_bind_decide_pod_name(self._b, i) end
--- add_metric(type, {resource=, container=, name=, selector=, object_kind=, object_name=, namespace=}) -> index
function Input:add_metric(mtype, m)
  m = m or {}
  local r = 0
  if m.resource then
    r = RESOURCES[m.resource]
    if not r then raise(core.HPA_EUNSUPPORTED, "resource " .. m.resource .. " has no metrics source", "", 2) end
  end
  return core.hpa_bind_decide_add_metric(self._b, SOURCE_TYPES[mtype] or core.HPA_SOURCE_UNKNOWN, mtype, r,
    m.container, m.name, m.selector, m.object_kind, m.object_name, m.namespace)
end
--- set_target(i, {type=, average_utilization=, average_value_milli=, value_milli=, *_format=})
function Input:set_target(i, t)
  core.hpa_bind_decide_metric_set_target(self._b, i, t.type and TARGET_TYPES[t.type] or 0,
    t.average_utilization ~= nil, t.average_utilization or 0, t.average_value_milli ~= nil, t.average_value_milli or 0,
    t.average_value_format or 0, t.value_milli ~= nil, t.value_milli or 0, t.value_format or 0)
end
function Input:metric_index(mtype, name)
  local i = core.hpa_bind_decide_metric_find(self._b, SOURCE_TYPES[mtype], name)
  if i == SIZE_MAX then return nil end
  return i
end
function Input:set_pod_value(i, pod, v, ts, w)
  core.hpa_bind_decide_metric_set_pod_value(self._b, i, pod, v, ts or self:now_ms(), w or 60000)
end
function Input:add_orphan_value(i, pod, v, ts, w)
  core.hpa_bind_decide_metric_add_orphan_value(self._b, i, pod, v, ts or self:now_ms(), w or 60000)
end
function Input:set_object_value(i, v) core.hpa_bind_decide_metric_set_object_value(self._b, i, v) end
function Input:add_external_value(i, v) core.hpa_bind_decide_metric_add_external_value(self._b, i, v) end
function Input:set_fetch_failed(i, msg) core.hpa_bind_decide_metric_set_fetch_failed(self._b, i, msg or "metrics API error") end
function Input:set_behavior(v) core.hpa_bind_decide_set_behavior(self._b, v ~= false) end
function Input:has_behavior() return core.hpa_bind_decide_has_behavior(self._b) end
--- set_rules(direction, {stabilization_window_seconds=, select_policy=, tolerance=, policies={{type, value, period}}})
function Input:set_rules(dir, r)
  core.hpa_bind_decide_rules_set(self._b, dir, r.stabilization_window_seconds ~= nil, r.stabilization_window_seconds or 0,
    r.select_policy and SELECT[r.select_policy] or 0, r.tolerance ~= nil, (r.tolerance or 0) + 0.0)
  if r.policies then
    core.hpa_bind_decide_rules_set_has_policies(self._b, dir, true)
    for _, p in ipairs(r.policies) do
      core.hpa_bind_decide_rules_add_policy(self._b, dir, POLICY[p[1]], p[2], p[3])
    end
  end
end
function Input:set_tolerance(dir, tol)
  core.hpa_bind_decide_rules_set_tolerance(self._b, dir, tol ~= nil, (tol or 0) + 0.0)
end
function Input:has_tolerance(dir) return core.hpa_bind_decide_rules_has_tolerance(self._b, dir) end
function Input:metric_eval(i, opts) return core.hpa_bind_decide_metric_eval(self._b, i, options_of(opts)) end
function Input:classify(resource, opts)
  return core.hpa_bind_decide_classify(self._b, resource and RESOURCES[resource] or 0, options_of(opts))
end
function Input:pod_class(metric, pod) return core.hpa_bind_decide_pod_class(self._b, metric, pod) end
function Input:normalize(h, current, desired, min, max, use_behavior, opts)
  return core.hpa_bind_decide_normalize(self._b, h and h._h or nil, current, desired, min, max, use_behavior,
    options_of(opts))
end
function Input:scale_limits(h, current, opts)
  return core.hpa_bind_decide_scale_limits(self._b, h and h._h or nil, current, options_of(opts))
end
function Input:store_scale_event(h, prev, new) core.hpa_bind_decide_store_scale_event(self._b, h._h, prev, new) end

-- what a decision table reads from its input: the builder or an explain input
local function builder_view(self)
  return {
    describe = function(i) return core.hpa_bind_decide_metric_describe(self._b, i) end,
    targets = function(d, i) return core.hpa_bind_decide_targets(self._b, d, i) end,
    pod_classes = function(i)
      local classes = {}
      if self._record then
        for p = 0, core.hpa_bind_decide_pod_count(self._b) - 1 do
          local k = core.hpa_bind_decide_pod_class(self._b, i, p)
          if k ~= 0 then classes[core.hpa_bind_decide_pod_name(self._b, p)] = core.hpa_decide_pod_class_name(k) end
        end
      end
      return classes
    end,
    now = function() return core.hpa_bind_decide_now(self._b) end,
    text = function(d) return core.hpa_bind_decide_explain(self._b, d) end,
  }
end

local function explain_view(inp, keep)
  local din = core.hpa_explain_input_decide(inp)
  return {
    inp = inp, keep = keep,
    describe = function(i) return core.hpa_bind_input_metric_describe(din, i) end,
    targets = function(d, i) return core.hpa_bind_input_targets(din, d, i) end,
    pod_classes = function(i)
      local classes = {}
      for p = 0, core.hpa_bind_input_pod_count(din) - 1 do
        local k = core.hpa_bind_input_pod_class(din, i, p)
        if k ~= 0 then classes[core.hpa_bind_input_pod_name(din, p)] = core.hpa_decide_pod_class_name(k) end
      end
      return classes
    end,
    now = function() return core.hpa_bind_input_now(din) end,
    text = function(d, h, opts) return core.hpa_explain_render(inp, d, h, opts, core.HPA_EXPLAIN_TEXT) end,
  }
end

local function decision_table(v, d, explain, h, opts)
  local metrics, conds = {}, {}
  if d.metrics_computed then
    for i = 0, d.n_metrics - 1 do
      local r = d:metric_at(i)
      local ok, name = pcall(v.describe, i)
      metrics[#metrics + 1] = {
        type = core.hpa_decide_source_name(r.type), name = ok and name or core.hpa_decide_source_name(r.type),
        valid = r.status == 0, replicas = r.replicas, targets = v.targets(d, i),
        failure_reason = r.failure_reason, message = r.message,
        average_utilization = r.has_average_utilization and r.average_utilization or nil,
        average_value_milli = r.has_average_value and r.average_value_milli or nil,
        value_milli = r.has_value and r.value_milli or nil,
        usage_ratio = r.usage_ratio == r.usage_ratio and r.usage_ratio or nil,
        ready = r.n_ready, unready = r.n_unready, missing = r.n_missing, ignored = r.n_ignored,
        samples = r.n_samples, rebalanced = r.rebalanced, pod_classes = v.pod_classes(i),
      }
    end
  end
  for i = 0, d.n_conditions - 1 do
    local c = d:condition_at(i)
    conds[#conds + 1] = { type = core.hpa_decide_condition_name(c.type),
      status = core.hpa_decide_cond_status_name(c.status), reason = c.reason or "", message = c.message }
  end
  local function neg_nil(x) if x < 0 then return nil end return x end
  return setmetatable({
    current_replicas = d.current_replicas, desired_replicas = d.desired_replicas,
    metric_replicas = neg_nil(d.metric_replicas), prenormalized_replicas = neg_nil(d.prenormalized_replicas),
    stabilized_replicas = neg_nil(d.stabilized_replicas), min_replicas = d.min_replicas, rescale = d.rescale,
    error = d.error, metrics_computed = d.metrics_computed, limit_reason = core.hpa_decide_limit_name(d.limit_reason),
    stabilization = STAB[d.stabilization], metrics = metrics, conditions = conds,
    remove_scaled_to_zero = d.remove_scaled_to_zero, rescale_reason = d.rescale_reason,
    error_message = d.error_message,
    targets = d.metrics_computed and v.targets(d, SIZE_MAX) or "",
    now_ms = v.now(),
    text = explain and v.text(d, h, opts) or "",
    _raw = d,
  }, { __name = "hpa.Decision", __tostring = function(t)
    if t.text ~= "" then return t.text end
    return string.format("desired replicas %d (%s)", t.desired_replicas, t.limit_reason)
  end })
end

--- run the decision: a table {desired_replicas=, limit_reason=, metrics={...}, conditions={...}, ...}
function Input:decide(history, opts, explain)
  local d = core.hpa_bind_decide_run(self._b, history and history._h or nil, options_of(opts))
  return decision_table(builder_view(self), d, explain)
end

-- ---- decide / explain from objects ------------------------------------------------------------------

local function object_of(x, keep)
  local mt = getmetatable(x)
  if mt == M.Object then return x end
  if type(x) == "table" then
    local o = M.from_table(x)
    keep[#keep + 1] = o
    return o
  end
  local m = M.load_all(x)
  keep[#keep + 1] = m
  if #m ~= 1 then raise(core.HPA_EINVAL, "expected one object, got " .. #m, "", 3) end
  return m[1]
end

local function manifest_of(x, keep)
  if x == nil then return nil end
  local mt = getmetatable(x)
  local m
  if mt == M.Manifest then
    return x
  elseif mt == M.Object then
    m = M.manifest({ x:copy() })
  elseif type(x) == "table" and x.kind ~= nil then
    m = M.load_all(M.encode_json(x), { format = "json" })  -- a PodList / PodMetricsList table
  elseif type(x) == "table" then
    m = M.manifest()
    for _, item in ipairs(x) do m:append(getmetatable(item) == M.Object and item:copy() or item) end
  else
    m = M.load_all(x)
  end
  keep[#keep + 1] = m
  return m
end

-- RFC 3339 UTC text of ms since the epoch, for the years 0000-9999 (what the
-- library reads back); integer arithmetic (H. Hinnant's civil_from_days),
-- not os.date, whose range depends on the platform. Else an HPA_ERANGE error.
local RFC3339_MIN_MS, RFC3339_MAX_MS = -62167219200000, 253402300799999
local function rfc3339(ms)
  if math.type(ms) ~= "integer" or ms < RFC3339_MIN_MS or ms > RFC3339_MAX_MS then
    raise(M.codes.ERANGE, string.format("time %s ms is outside the range of RFC 3339 timestamps " ..
      "(years 0000-9999: %d..%d ms)", tostring(ms), RFC3339_MIN_MS, RFC3339_MAX_MS), "", 3)
  end
  local secs, frac = ms // 1000, ms % 1000          -- floor division, 0 <= frac < 1000
  local days, rem = secs // 86400, secs % 86400
  local z = days + 719468
  local era = z // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  local s = string.format("%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, rem // 3600, rem // 60 % 60, rem % 60)
  if frac ~= 0 then return s .. string.format(".%03dZ", frac) end
  return s .. "Z"
end
M._rfc3339 = rfc3339

local function is_raw(x)
  if x == nil then return false end
  if type(x) == "table" and getmetatable(x) == nil then return x.kind ~= nil or x.items ~= nil or x[1] ~= nil end
  return true
end

-- MetricValue / ExternalMetricValue items of the {name = ...} shorthands
local function metric_items(h, custom, objects, external, now_ms)
  local ns = core.hpa_object_namespace(h._o)
  if ns == "" then ns = "default" end
  local ts = (custom or objects or external) and rfc3339(now_ms) or ""
  local specs = (M._plain(h).spec or {}).metrics or {}
  local cust, ext = {}, {}
  for name, values in pairs(custom or {}) do
    for pod, v in pairs(values) do
      cust[#cust + 1] = { apiVersion = "custom.metrics.k8s.io/v1beta2", kind = "MetricValue",
        describedObject = { kind = "Pod", name = pod, namespace = ns, apiVersion = "v1" },
        metric = { name = name }, timestamp = ts, value = tostring(v) }
    end
  end
  for name, v in pairs(objects or {}) do
    for _, m in ipairs(specs) do
      local o = m.object or {}
      if m.type == "Object" and (o.metric or {}).name == name then
        local d = o.describedObject or {}
        cust[#cust + 1] = { apiVersion = "custom.metrics.k8s.io/v1beta2", kind = "MetricValue",
          describedObject = { kind = d.kind or "", name = d.name or "", namespace = ns, apiVersion = d.apiVersion or "" },
          metric = { name = name }, timestamp = ts, value = tostring(v) }
      end
    end
  end
  for name, values in pairs(external or {}) do
    local labels = {}
    for _, m in ipairs(specs) do
      local e = m.external or {}
      if m.type == "External" and (e.metric or {}).name == name then
        labels = (((e.metric or {}).selector or {}).matchLabels) or {}
      end
    end
    if type(values) ~= "table" then values = { values } end
    for _, v in ipairs(values) do
      ext[#ext + 1] = { apiVersion = "external.metrics.k8s.io/v1beta1", kind = "ExternalMetricValue",
        metricName = name, metricLabels = labels, timestamp = ts, value = tostring(v) }
    end
  end
  return cust, ext
end

local function explain_input(a)
  local keep = {}
  local now = a.now ~= nil and to_ms(a.now) or os.time() * 1000
  if a.hpa == nil then raise(core.HPA_EINVAL, "decide needs hpa=", "", 3) end
  local h = object_of(a.hpa, keep)
  local t = a.target and object_of(a.target, keep) or nil
  local p = manifest_of(a.pods, keep)
  local pm = manifest_of(a.pod_metrics, keep)
  local craw = is_raw(a.custom_metrics) and a.custom_metrics or nil
  local eraw = is_raw(a.external_metrics) and a.external_metrics or nil
  local sc, se = metric_items(h, not craw and a.custom_metrics or nil, a.object_metrics, not eraw and a.external_metrics or nil, now)
  local cm = craw and manifest_of(craw, keep) or (#sc > 0 and manifest_of(sc, keep) or nil)
  if craw then for _, x in ipairs(sc) do cm:append(x) end end
  local em = eraw and manifest_of(eraw, keep) or (#se > 0 and manifest_of(se, keep) or nil)
  local src = core.hpa_explain_sources()
  core.hpa_explain_sources_init(src, core.HPA_EXPLAIN_SOURCES_VERSION)
  src.hpa = h._o
  if t then src.target = t._o end
  if p then src.pods = M._manifest_handle(p) end
  if pm then src.pod_metrics = M._manifest_handle(pm) end
  if cm then src.custom_metrics = M._manifest_handle(cm) end
  if em then src.external_metrics = M._manifest_handle(em) end
  src.now_ms = now
  return explain_view(core.hpa_explain_input_new(src), keep)
end

--- hpa.decide{hpa=, target=, pods=, pod_metrics=, now=, history=, record=, custom_metrics=,
---   object_metrics=, external_metrics=, options={...}} -> decision table (the explain module's adapter)
function M.decide(a)
  local v = explain_input(a)
  local opts = options_of(a.options)
  local h = a.history and a.history._h or nil
  local d = core.hpa_explain_decide(v.inp, h, opts)
  local r = decision_table(v, d, a.explain, h, opts)
  if a.record and a.history then a.history:record(r) end
  return r
end

--- hpa.explain{...}: decide, with the explain module's explanation (d.text, tostring(d))
function M.explain(a)
  return M.decide(setmetatable({ explain = true }, { __index = a }))
end
