--- The simulator for Lua: hpa.simulate(manifest, {...}) -> timeline rows and
-- summaries. Part of the "hpa" module (required by hpa.lua).

local M = package.loaded.hpa
local core = M._core
local raise = M._raise

local FORMATS = { text = core.HPA_SIM_FORMAT_TEXT, csv = core.HPA_SIM_FORMAT_CSV, json = core.HPA_SIM_FORMAT_JSON,
  svg = core.HPA_SIM_FORMAT_SVG, summary = core.HPA_SIM_FORMAT_SUMMARY }

local function neg_nil(v) if v < 0 then return nil end return v end

local Simulation = {}
Simulation.__index = Simulation
Simulation.__name = "hpa.Simulation"

--- the results as hpactl simulate prints them: "text", "csv", "json", "svg" or "summary"
function Simulation:text(fmt)
  local f = FORMATS[fmt or "text"]
  if not f then raise(core.HPA_EINVAL, "unknown format " .. tostring(fmt), "", 2) end
  return core.hpa_sim_write(self._sim, f)
end

--- timeline rows: {time_ms, hpa, replicas, desired, ready, pods, reason, decided, message, kubectl,
---   metrics = {{name, type, valid, utilization, target_utilization, current_milli, target_milli, proposal}},
---   load, throughput, dropped, latency_p50_ms, latency_p95_ms, cpu_utilization, memory_bytes}
function Simulation:timeline()
  local out, sim = {}, self._sim
  for i = 0, core.hpa_sim_timeline_count(sim) - 1 do
    local r = core.hpa_sim_timeline_at(sim, i)
    local ms = {}
    for k = 0, math.min(r.n_metrics, core.HPA_SIM_MAX_METRICS) - 1 do
      local mv = r:metric_at(k)
      ms[#ms + 1] = { name = mv.name, type = core.hpa_metric_source_type_name(mv.type), valid = mv.valid,
        utilization = mv.has_utilization and mv.utilization or nil,
        target_utilization = mv.has_utilization and mv.target_utilization or nil,
        current_milli = mv.current_milli, target_milli = mv.target_milli, proposal = mv.proposal }
    end
    out[#out + 1] = { time_ms = r.time_ms, hpa = self.hpas[r.hpa + 1] or tostring(r.hpa), replicas = r.replicas,
      desired = r.desired, ready = r.ready, pods = r.pods, reason = r.reason_name or "", decided = r.decided,
      message = r.message or "", kubectl = r.kubectl or "", metrics = ms, load = r.load_milli / 1000,
      throughput = r.throughput_milli / 1000, dropped = r.dropped_milli / 1000,
      latency_p50_ms = r.latency_p50_us / 1000, latency_p95_ms = r.latency_p95_us / 1000,
      cpu_utilization = r.cpu_utilization, memory_bytes = r.memory_bytes }
  end
  return out
end

--- summaries by HPA name
function Simulation:summaries()
  local out = {}
  for i, name in ipairs(self.hpas) do
    local s = core.hpa_sim_summary_get(self._sim, i - 1)
    out[name] = { initial_replicas = s.initial_replicas, final_replicas = s.final_replicas,
      peak_replicas = s.peak_replicas, min_replicas = s.min_replicas, max_replicas = s.max_replicas,
      first_scale_up_ms = neg_nil(s.first_scale_up_ms), first_scale_down_ms = neg_nil(s.first_scale_down_ms),
      back_to_initial_ms = neg_nil(s.back_to_initial_ms), load_start_ms = neg_nil(s.load_start_ms),
      load_end_ms = neg_nil(s.load_end_ms), time_at_max_ms = s.time_at_max_ms, decisions = s.decisions,
      rescales = s.rescales, requests = s.requests, requests_dropped = s.requests_dropped,
      requests_over_objective = s.requests_over_objective, pod_ms = s.pod_ms }
  end
  return out
end

local function dur(v) if v == nil then return nil end return M.duration_ms(v) end

--- hpa.simulate(manifest, {hpa = "name" | {names} | "all", load = "siege ...", trace = {{t, rate}} | csv,
---   target =, duration = "10m" | seconds, seed = 1, service = "cost=25m", sync_period =, tick =,
---   metric_resolution =, kubelet_interval =, latency_objective =, timeline = true, options = {...}})
function M.simulate(x, a)
  a = a or {}
  local m = M._as_manifest(x)
  local so = core.hpa_sim_options()
  core.hpa_sim_options_init(so, core.HPA_SIM_OPTIONS_VERSION)
  so.seed = a.seed or 1
  so.duration_ms = dur(a.duration or "10m")
  if a.tick then so.tick_ms = dur(a.tick) end
  if a.sync_period then so.sync_period_ms = dur(a.sync_period) end
  if a.metric_resolution then so.metric_resolution_ms = dur(a.metric_resolution) end
  if a.kubelet_interval then so.kubelet_interval_ms = dur(a.kubelet_interval) end
  if a.latency_objective then so.latency_objective_ms = dur(a.latency_objective) end
  if a.timeline == false then so.flags = core.HPA_SIM_NO_TIMELINE end
  local dopts = a.options and M.options(a.options) or nil
  if dopts then so.decide_options = dopts end
  local svc = core.hpa_sim_service()
  core.hpa_sim_service_init(svc, core.HPA_SIM_SERVICE_VERSION)
  if a.service then core.hpa_sim_service_parse(svc, a.service) end
  local sim = core.hpa_sim_new(so)
  local all = {}
  for o in m:objects() do
    if core.hpa_object_kind_name(o._o) == "HorizontalPodAutoscaler" then all[#all + 1] = core.hpa_object_name(o._o) end
  end
  local names
  if a.hpa == nil then
    if #all ~= 1 then
      raise(core.HPA_EINVAL, #all .. " HorizontalPodAutoscalers in the manifest: name one with hpa=, or hpa='all'", "", 2)
    end
    names = all
  elseif a.hpa == "all" then
    names = all
  elseif type(a.hpa) == "string" then
    names = { a.hpa }
  else
    names = a.hpa
  end
  local first
  for _, n in ipairs(names) do
    local idx = core.hpa_sim_add_from_manifest(sim, M._manifest_handle(m), n, svc)
    first = first or core.hpa_sim_hpa_deployment(sim, idx)
  end
  if a.load and a.trace then raise(core.HPA_EINVAL, "load and trace exclude each other", "", 2) end
  local wl
  if a.load then
    wl = core.hpa_sim_load_parse(a.load)
  elseif a.trace then
    local csv = a.trace
    if type(csv) == "table" then
      local lines = {}
      for _, p in ipairs(csv) do lines[#lines + 1] = string.format("%.17g,%.17g", p[1], p[2]) end
      csv = table.concat(lines, "\n") .. "\n"
    end
    wl = core.hpa_sim_load_parse_csv(csv)
  end
  if wl then
    local t = a.target or core.hpa_sim_load_target(wl)
    local dep = first
    if t and t ~= "" then dep = core.hpa_sim_find_deployment(sim, t) end
    core.hpa_sim_set_load(sim, dep, wl)
  end
  core.hpa_sim_run(sim)
  local hpas = {}
  for i = 0, core.hpa_sim_hpa_count(sim) - 1 do hpas[#hpas + 1] = core.hpa_sim_hpa_name(sim, i) end
  return setmetatable({ _sim = sim, _manifest = m, _options = dopts, hpas = hpas }, Simulation)
end
