--- A minimal test runner for the Lua binding suites (no dependency beyond
-- lua5.4): T.case(name, fn), assertions that raise, T.run() exits non-zero
-- when a case failed. Paths of the source tree come from HPA_SOURCE_DIR.

local T = { cases = {} }

T.SOURCE_DIR = os.getenv("HPA_SOURCE_DIR") or "../.."
T.DATA = T.SOURCE_DIR .. "/tests/data"
T.SANITIZED = os.getenv("HPA_SANITIZE") == "1"
T.RUN_VECTORS = os.getenv("HPA_RUN_VECTORS")

function T.case(name, fn) T.cases[#T.cases + 1] = { name = name, fn = fn } end

local function fmt(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

function T.eq(actual, expected, what)
  if actual ~= expected then
    error(string.format("%sexpected %s, got %s", what and (what .. ": ") or "", fmt(expected), fmt(actual)), 2)
  end
end

function T.ok(v, what)
  if not v then error("expected a true value" .. (what and (": " .. tostring(what)) or ""), 2) end
  return v
end

function T.deep_eq(a, b, what)
  local function deq(x, y)
    if x == y then return true end
    if x ~= x and y ~= y then return true end  -- NaN
    if type(x) ~= "table" or type(y) ~= "table" then return false end
    for k, v in pairs(x) do if not deq(v, y[k]) then return false end end
    for k in pairs(y) do if x[k] == nil then return false end end
    return true
  end
  if not deq(a, b) then error("tables differ" .. (what and (": " .. what) or ""), 2) end
end

--- the error a call raises (fails when it does not raise)
function T.raises(fn, ...)
  local ok, e = pcall(fn, ...)
  if ok then error("expected an error", 2) end
  return e
end

function T.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

function T.exists(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

function T.dirs(path)
  local out = {}
  local p = io.popen('ls -1 "' .. path .. '"')
  for line in p:lines() do out[#out + 1] = line end
  p:close()
  return out
end

function T.rss_kb()
  for line in io.lines("/proc/self/status") do
    local v = line:match("^VmRSS:%s+(%d+)")
    if v then return tonumber(v) end
  end
  return 0
end

function T.run()
  local failed = 0
  for _, c in ipairs(T.cases) do
    local ok, e = xpcall(c.fn, function(err)
      return (type(err) == "table" and tostring(err) or tostring(err)) .. "\n" .. debug.traceback("", 2)
    end)
    if ok then
      print("ok   " .. c.name)
    else
      failed = failed + 1
      print("FAIL " .. c.name .. ": " .. e)
    end
  end
  print(string.format("%d passed, %d failed", #T.cases - failed, failed))
  os.exit(failed == 0 and 0 or 1)
end

return T
