-- The decision vectors of the C tests through the Lua binding, and agreement
-- with the C runner (tests/decide/run_vectors.c) vector by vector.
local T = require "lunit"
local V = require "vectors"

local function files(dir)
  local out = {}
  for _, f in ipairs(T.dirs(dir)) do
    if f:match("%.json$") then out[#out + 1] = dir .. "/" .. f end
  end
  return out
end

local VEC = files(T.SOURCE_DIR .. "/tests/decide/vectors")
local SELF = files(T.SOURCE_DIR .. "/tests/decide/selftest")

T.case("every vector passes", function()
  local total, bad = 0, {}
  for _, f in ipairs(VEC) do
    for _, r in ipairs(V.evaluate_file(f)) do
      total = total + 1
      if #r[2] > 0 then bad[#bad + 1] = f:match("[^/]+$") .. ": " .. tostring(r[1]) .. ": " .. table.concat(r[2], "; ") end
    end
  end
  T.ok(total > 200, "vector count " .. total)
  T.eq(#bad, 0, table.concat(bad, "\n"))
end)

T.case("the self-test vectors fail", function()
  T.ok(#SELF > 0)
  for _, f in ipairs(SELF) do
    for _, r in ipairs(V.evaluate_file(f)) do T.ok(#r[2] > 0, tostring(r[1]) .. " should fail") end
  end
end)

T.case("agrees with the C runner", function()
  if not T.RUN_VECTORS then print("  (skipped: HPA_RUN_VECTORS not set)") return end
  local all = {}
  for _, f in ipairs(VEC) do all[#all + 1] = f end
  for _, f in ipairs(SELF) do all[#all + 1] = f end
  for _, f in ipairs(all) do
    local p = io.popen(T.RUN_VECTORS .. " -v '" .. f .. "'")
    local c = {}
    for line in p:lines() do
      local status, name = line:match("^(%a+)%s+" .. f:gsub("%p", "%%%0") .. ": (.-)$")
      if status then
        name = name:gsub(" %[.*%]$", "")
        c[#c + 1] = (status == "ok" and "ok " or "FAIL ") .. name
      end
    end
    p:close()
    local l = {}
    for _, r in ipairs(V.evaluate_file(f)) do l[#l + 1] = (#r[2] == 0 and "ok " or "FAIL ") .. tostring(r[1]) end
    T.eq(#l, #c, f)
    T.eq(table.concat(l, "\n"), table.concat(c, "\n"), f)
  end
end)

T.run()
