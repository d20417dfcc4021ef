-- The codec fixtures of the C tests (tests/data/{yaml,json}/{valid,invalid}/)
-- through the Lua binding, with the rules of tests/unit/test_codec.c.
local T = require "lunit"
local hpa = require "hpa"

local function options(dir)
  local load, write = {}, {}
  if not T.exists(dir .. "/options") then return load, write end
  for tok in T.read(dir .. "/options"):gmatch("%S+") do
    local k, v = tok:match("^([%w_]+)=(%d+)$")
    if k then load[k] = tonumber(v)
    elseif tok == "allow_aliases" or tok == "allow_duplicates" or tok == "strict" then load[tok] = true
    elseif tok == "sort_keys" or tok == "omit_status" or tok == "compact" then write[tok] = true
    else error("unknown option " .. tok) end
  end
  return load, write
end

local function check_output(case, m, fmt, lo, wo, same_format)
  local w = { format = fmt, sort_keys = wo.sort_keys, omit_status = wo.omit_status, compact = wo.compact }
  local out = hpa.dump_all(m, w)
  local exp = case .. "/expected." .. fmt
  if T.exists(exp) then T.eq(out, T.read(exp), exp) end
  local ro = { format = fmt, allow_duplicates = true, allow_aliases = true }
  for k, v in pairs(lo) do if k ~= "strict" and ro[k] == nil then ro[k] = v end end
  local m2 = hpa.load_all(out, ro)
  if same_format and not wo.omit_status then
    T.ok(m == m2, case .. ": tree changed after " .. fmt .. " write and re-read")
    T.deep_eq(m:to_table(), m2:to_table(), case)
  end
  T.eq(hpa.dump_all(m2, w), out, case .. ": second " .. fmt .. " write differs")
end

local function valid(kind)
  local root = T.DATA .. "/" .. kind .. "/valid"
  local n = 0
  for _, d in ipairs(T.dirs(root)) do
    local case = root .. "/" .. d
    local lo, wo = options(case)
    local json = kind == "json"
    local opts = { format = json and "json" or "yaml" }
    for k, v in pairs(lo) do opts[k] = v end
    local m = hpa.load_all(T.read(case .. "/input." .. (json and "json" or "yaml")), opts)
    if T.exists(case .. "/counts") then
      local docs, objs = T.read(case .. "/counts"):match("documents (%d+) objects (%d+)")
      T.eq(m:document_count(), tonumber(docs), case)
      T.eq(#m, tonumber(objs), case)
    end
    check_output(case, m, "yaml", lo, wo, not json)
    if json or T.exists(case .. "/expected.json") then check_output(case, m, "json", lo, wo, json) end
    n = n + 1
  end
  T.ok(n > 0)
end

local function invalid(kind)
  local root = T.DATA .. "/" .. kind .. "/invalid"
  local n = 0
  for _, d in ipairs(T.dirs(root)) do
    local case = root .. "/" .. d
    local lo = options(case)
    local spec = T.read(case .. "/error")
    local code, line, col, doc, path, msg = spec:match("^(%S+) (%d+) (%d+) (%d+) (%S+)\n?(.-)%s*$")
    local json = kind == "json"
    local opts = { format = json and "json" or "yaml", source_name = "case.input" }
    for k, v in pairs(lo) do opts[k] = v end
    local input = T.read(case .. "/input." .. (json and "json" or "yaml"))
    local e = T.raises(hpa.load_all, input, opts)
    T.ok(hpa.is_error(e), case .. ": an error table")
    T.eq(e.code_name, code, case)
    T.eq(e.line, tonumber(line), case .. " line")
    T.eq(e.column, tonumber(col), case .. " column")
    T.eq(math.type(e.line), "integer")
    T.eq(e.document, tonumber(doc), case .. " document")
    T.eq(e.path, path == "-" and "" or path, case .. " path")
    T.ok(e.message:find(msg, 1, true), case .. ": message '" .. e.message .. "' lacks '" .. msg .. "'")
    T.eq(e.source, "case.input", case)
    if tonumber(line) > 0 then T.ok(e.offset and e.offset <= #input, case .. " offset") end
    T.ok(tostring(e):find("^case%.input"), tostring(e))
    -- the safe variant returns nil, err instead
    local safe = require "hpa.safe"
    local r, e2 = safe.load_all(input, opts)
    T.eq(r, nil)
    T.eq(e2.code, e.code)
    n = n + 1
  end
  T.ok(n > 0)
end

T.case("yaml valid", function() valid("yaml") end)
T.case("json valid", function() valid("json") end)
T.case("yaml invalid", function() invalid("yaml") end)
T.case("json invalid", function() invalid("json") end)
T.run()
