#!/usr/bin/env lua5.4
--- Load the codec benchmark manifest (bench/gen_manifest.c, 10,000 objects,
-- seeded) from Lua: hpa.load_all into object views, the same plus
-- to_table() of every object, and lyaml (Debian's lua-yaml) into plain
-- tables. Prints one table (best of ROUNDS).
--
--   LUA_PATH=build/lua/?.lua\;\; LUA_CPATH=build/lua/?.so\;\; \
--     lua5.4 bench/bench_bindings.lua [GEN_MANIFEST] [N] [SEED] [ROUNDS]

local hpa = require "hpa"
local lyaml = require "lyaml"

local gen = arg[1] or "build/release/bench/gen_manifest"
local n, seed, rounds = tonumber(arg[2] or "10000"), tonumber(arg[3] or "1"), tonumber(arg[4] or "3")

local yfile, jfile = os.tmpname(), os.tmpname()
assert(os.execute(string.format("%s -n %d -s %d %s %s > /dev/null", gen, n, seed, yfile, jfile)),
  "gen_manifest failed: " .. gen)
local f = assert(io.open(yfile, "rb"))
local data = f:read("a")
f:close()
os.remove(yfile)
os.remove(jfile)

local function best(fn)
  local tb, r
  for _ = 1, rounds do
    collectgarbage() collectgarbage()
    local t0 = os.clock()
    r = fn()
    local dt = os.clock() - t0
    if not tb or dt < tb then tb = dt end
  end
  return tb, r
end

local t_hpa, objs = best(function()
  local m = hpa.load_all(data)
  local out = {}
  for o in m:objects() do out[#out + 1] = o end
  return out
end)
local t_tables, tables = best(function() return hpa.load_all(data):to_table() end)
local t_lyaml, docs = best(function() return lyaml.load(data, { all = true }) end)

assert(#objs == #docs and #tables == #docs, "object counts differ")
local i
for k, d in ipairs(docs) do if d.kind == "Deployment" then i = k break end end
assert(objs[i].spec.template.spec.containers[1].image == docs[i].spec.template.spec.containers[1].image)
assert(math.type(objs[i].spec.replicas) == "integer")

local deps = {}
for _, o in ipairs(objs) do if o.kind == "Deployment" then deps[#deps + 1] = o end end
local t_access = best(function()
  for _, o in ipairs(deps) do local _ = o.spec.template.spec.containers[1].image end
end)

local mb = #data / 1e6
print(string.format("bench_bindings (%s): %d objects, %.2f MB of YAML, best of %d (CPU time)", _VERSION, #objs, mb, rounds))
for _, r in ipairs {
  { "hpa.load_all -> objects (views)", t_hpa },
  { "hpa.load_all -> to_table() (plain tables)", t_tables },
  { "lyaml.load{all=true} -> plain tables", t_lyaml },
} do
  print(string.format("  %-44s %9.1f ms  %7.1f MB/s  %9.0f objects/s", r[1], r[2] * 1000, mb / r[2], #objs / r[2]))
end
print(string.format("  speed-up of hpa objects vs lyaml tables:  %5.1fx", t_lyaml / t_hpa))
print(string.format("  speed-up of hpa tables vs lyaml tables:   %5.1fx", t_lyaml / t_tables))
print(string.format("  field access spec.template.spec.containers[1].image x %d: %.1f ms", #deps, t_access * 1000))
