-- decide / explain from real objects through the Lua binding; the expected
-- values are computed by hand from docs/hpa-algorithm.md (as in the Python suite).
local T = require "lunit"
local hpa = require "hpa"

local NOW, HOUR_AGO = "2024-05-01T12:00:00Z", "2024-05-01T11:00:00Z"

local function deployment(r)
  return { apiVersion = "apps/v1", kind = "Deployment", metadata = { name = "order", namespace = "shop" },
    spec = { replicas = r or 2, selector = { matchLabels = { app = "order" } },
      template = { metadata = { labels = { app = "order" } }, spec = { containers = { { name = "order", image = "o:1" } } } } },
    status = { replicas = r or 2 } }
end

local function hpa_obj(metrics, behavior)
  return { apiVersion = "autoscaling/v2", kind = "HorizontalPodAutoscaler",
    metadata = { name = "order-hpa", namespace = "shop" },
    spec = { scaleTargetRef = { apiVersion = "apps/v1", kind = "Deployment", name = "order" },
      minReplicas = 1, maxReplicas = 5, metrics = metrics, behavior = behavior } }
end

local function pod(name, app)
  return { apiVersion = "v1", kind = "Pod", metadata = { name = name, namespace = "shop", labels = { app = app or "order" } },
    spec = { containers = { { name = "order", image = "o:1",
      resources = { requests = { cpu = "200m", memory = "256Mi" } } } } },
    status = { phase = "Running", startTime = HOUR_AGO,
      conditions = { { type = "Ready", status = "True", lastTransitionTime = HOUR_AGO } } } }
end

local function pm(name, cpu, mem, app)
  return { apiVersion = "metrics.k8s.io/v1beta1", kind = "PodMetrics",
    metadata = { name = name, namespace = "shop", labels = { app = app or "order" } },
    timestamp = "2024-05-01T11:59:50Z", window = "30s",
    containers = { { name = "order", usage = { cpu = cpu, memory = mem } } } }
end

local PODS = { apiVersion = "v1", kind = "List", items = { pod("order-a"), pod("order-b"), pod("cart-x", "cart") } }
local function metrics(cpu)
  return { apiVersion = "metrics.k8s.io/v1beta1", kind = "PodMetricsList",
    items = { pm("order-a", cpu or "300m", "1Gi"), pm("order-b", cpu or "300m", "1Gi"), pm("cart-x", "900m", "1Gi", "cart") } }
end
local CPU50 = { { type = "Resource", resource = { name = "cpu", target = { type = "Utilization", averageUtilization = 50 } } } }

T.case("cpu utilization, legacy scale-up limit", function()
  -- 600m / 400m = 150 %; 150/50 = 3; 3 x 2 = 6; legacy limit max(2 x 2, 4) = 4
  local d = hpa.decide { hpa = hpa_obj(CPU50), target = deployment(), pods = PODS, pod_metrics = metrics(), now = NOW }
  T.eq(d.current_replicas, 2) T.eq(d.metric_replicas, 6) T.eq(d.desired_replicas, 4)
  T.eq(math.type(d.desired_replicas), "integer")
  T.eq(d.limit_reason, "ScaleUpLimit") T.eq(d.rescale, true)
  T.eq(d.metrics[1].average_utilization, 150) T.eq(d.metrics[1].ready, 2)
  T.eq(d.targets, "cpu: 150%/50%")
  local conds = {}
  for _, c in ipairs(d.conditions) do conds[#conds + 1] = c.type .. " " .. c.status .. " " .. c.reason end
  T.eq(table.concat(conds, "; "), "AbleToScale True SucceededRescale; ScalingActive True ValidMetricFound; "
    .. "ScalingLimited True ScaleUpLimit")
end)

T.case("memory average value", function()
  local mem = { { type = "Resource", resource = { name = "memory", target = { type = "AverageValue", averageValue = "512Mi" } } } }
  local d = hpa.decide { hpa = hpa_obj(mem), target = deployment(), pods = PODS, pod_metrics = metrics(), now = NOW }
  T.eq(d.desired_replicas, 4) T.eq(d.limit_reason, "DesiredWithinRange")
  T.eq(d.metrics[1].average_value_milli, 1024 * 1024 * 1024 * 1000)
  T.eq(d.targets, "memory: 1Gi/512Mi")
end)

T.case("within tolerance", function()
  local d = hpa.decide { hpa = hpa_obj(CPU50), target = deployment(), pods = PODS, pod_metrics = metrics("110m"), now = NOW }
  T.eq(d.desired_replicas, 2) T.eq(d.rescale, false)
end)

T.case("pods metric with behavior", function()
  local m = { { type = "Pods", pods = { metric = { name = "qps" }, target = { type = "AverageValue", averageValue = "10" } } } }
  local b = { scaleUp = { policies = { { type = "Pods", value = 1, periodSeconds = 60 } } } }
  local d = hpa.decide { hpa = hpa_obj(m, b), target = deployment(), pods = PODS, now = NOW,
    custom_metrics = { qps = { ["order-a"] = "30", ["order-b"] = "50" } } }
  T.eq(d.metric_replicas, 8) T.eq(d.desired_replicas, 3) T.eq(d.limit_reason, "ScaleUpLimit")
end)

T.case("explain and history", function()
  local h = hpa.history()
  local e = hpa.explain { hpa = hpa_obj(CPU50), target = deployment(), pods = PODS, pod_metrics = metrics(), now = NOW,
    history = h, record = true }
  local text = tostring(e)
  T.ok(text:find("cpu resource utilization (percentage of request)", 1, true), text)
  T.ok(text:find("150%", 1, true), text)
  T.ok(text:find("desired 4", 1, true), text)
  T.eq(e.metrics[1].pod_classes["order-a"], "ready")
  T.eq(h:has_recommendations(), true)
  local r = h:recommendations()
  T.eq(#r, 2) T.eq(r[1].replicas, 2) T.eq(r[2].replicas, 6)
  T.deep_eq(hpa.history_from_json(h:to_json()):recommendations(), r)
end)

T.case("RFC 3339 times of the metric shorthands: years 0000-9999, any int64 now otherwise", function()
  -- the ends (Python's datetime: 9999-12-31T23:59:59.999Z is 253402300799999 ms;
  -- 0000-01-01 is 0001-01-01 minus the 366 days of the leap year 0)
  T.eq(hpa._rfc3339(253402300799999), "9999-12-31T23:59:59.999Z")
  T.eq(hpa._rfc3339(-62167219200000), "0000-01-01T00:00:00Z")
  T.eq(hpa._rfc3339(-62135596800000), "0001-01-01T00:00:00Z")
  T.eq(hpa._rfc3339(-1), "1969-12-31T23:59:59.999Z")
  -- inside the C library's gmtime range, the same text as os.date
  for _, ms in ipairs { 0, 1000, 951782400000, 1714564800123, 4102444799000, -2208988800000 } do
    local want = os.date("!%Y-%m-%dT%H:%M:%S", ms // 1000) ..
      (ms % 1000 ~= 0 and string.format(".%03dZ", ms % 1000) or "Z")
    T.eq(hpa._rfc3339(ms), want)
  end
  local e = T.raises(hpa._rfc3339, 253402300800000)
  T.eq(e.code_name, "HPA_ERANGE")
  -- without the shorthands no timestamp is written: the ends of int64 decide
  for _, now in ipairs { math.maxinteger, math.mininteger } do
    local d = hpa.decide { hpa = hpa_obj(CPU50), target = deployment(), pods = PODS, pod_metrics = metrics(), now = now }
    T.ok(d.desired_replicas ~= nil)
  end
  e = T.raises(hpa.decide, { hpa = hpa_obj(CPU50), target = deployment(), pods = PODS, now = math.maxinteger,
    custom_metrics = { qps = { ["order-a"] = "30" } } })
  T.eq(e.code_name, "HPA_ERANGE")
end)

T.case("bad input raises tables", function()
  local e = T.raises(hpa.decide, { hpa = deployment(), target = deployment(), now = NOW })
  T.ok(hpa.is_error(e))
  local bad = metrics()
  bad.items[1].window = "soon"
  e = T.raises(hpa.decide, { hpa = hpa_obj(CPU50), target = deployment(), pods = PODS, pod_metrics = bad, now = NOW })
  T.eq(e.code_name, "HPA_ESYNTAX")
  local safe = require "hpa.safe"
  local r, err = safe.decide { hpa = deployment(), now = NOW }
  T.eq(r, nil) T.ok(hpa.is_error(err))
end)

T.run()
