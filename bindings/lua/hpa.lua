--- libhpa for Lua 5.4: Kubernetes autoscaled deployments -- objects, YAML/JSON
-- codecs, validation and lint, the HPA replica decision, the modeler and the
-- simulator.
--
--   local hpa = require "hpa"
--   local m = hpa.load_file("deploy.yaml")          -- a manifest of objects
--   local dep = m:find("Deployment", "order")
--   print(dep.spec.template.spec.containers[1].image) -- snake_case or camelCase keys
--   print(hpa.dump_all(m, {format = "json"}))
--
-- Failures raise an error *table* {code, code_name, message, line, column,
-- offset, document, path, source} whose __tostring is
-- "source:line:col: path: message"; require "hpa.safe" for the variant that
-- returns nil, err instead (like cjson.safe). Integers are Lua integers.
-- Objects are live views over the C library's data; a child view keeps its
-- parent's memory alive, so it stays usable after the parent is dropped.

local core = require "hpa_core"

local M = {}
M._core = core
M.null = core.null_value()           -- JSON/YAML null in plain tables (like cjson.null)
M.version = core.HPA_VERSION

local HPA_EINVAL, HPA_ENOTFOUND = -3, -13
local EUNKNOWNFIELD, EUNSUPPORTED = -8, -9
local T_NULL, T_MAP, T_LIST = 1, 6, 7
local unpack = table.unpack
local mtype = math.type

-- ---- errors ---------------------------------------------------------------------------------

local function raise(code, message, path, level)
  error(core.make_error {
    code = code, code_name = core.hpa_error_code_name(code), message = message, line = 0, column = 0,
    offset = false, document = 0, path = path or "", source = "",
  }, (level or 1) + 1)
end
M._raise = raise

--- true when v is an error table of this module
function M.is_error(v)
  return type(v) == "table" and getmetatable(v) == getmetatable(core.make_error {})
end

-- the codes (errors.h)
M.codes = {
  ERROR = -1, ENOMEM = -2, EINVAL = -3, ESYNTAX = -4, ETYPE = -5, ERANGE = -6, EMISSING = -7,
  EUNKNOWNFIELD = -8, EUNSUPPORTED = -9, EVALIDATION = -10, ELIMIT = -11, EIO = -12, ENOTFOUND = -13,
  EDUPLICATE = -15, EUSAGE = -16,
}

-- ---- names and paths ------------------------------------------------------------------------

local camel_cache = {}
local function camel(name)
  local r = camel_cache[name]
  if not r then
    r = name:gsub("(%w)_(%w)", function(a, b) return a .. b:upper() end)
    r = r:gsub("(%w)_(%w)", function(a, b) return a .. b:upper() end)
    camel_cache[name] = r
  end
  return r
end
M.camel = camel

local function join(path, key)
  if key ~= "" and not key:find('[%.%[%]"\\]') then
    if path == "" then return key end
    return path .. "." .. key
  end
  return path .. '["' .. key:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"]'
end
M.join = join

local function index_path(path, i)  -- 1-based Lua index -> [i-1]
  return path .. "[" .. (i - 1) .. "]"
end

-- ---- views ----------------------------------------------------------------------------------

local Map, List, Object, Manifest = {}, {}, {}, {}
local map_methods, list_methods, object_methods, manifest_methods = {}, {}, {}, {}
M.Map, M.List, M.Object, M.Manifest = Map, List, Object, Manifest

local function is_view(v)
  local mt = getmetatable(v)
  return mt == Map or mt == List or mt == Object
end

local function make_view(mt, root, path)
  return setmetatable({ _root = root, _path = path }, mt)
end

-- the Lua value at path: a view for containers, nil when absent or null
local function child(root, path)
  local t, v = core.get(root._o, path)
  if t == T_MAP then return make_view(Map, root, path) end
  if t == T_LIST then return make_view(List, root, path) end
  if t == T_NULL then return nil end
  return v
end

local function plain(view)
  return core.to_table(view._root._o, view._path, M.array_mt)
end

-- arrays: a table marked with hpa.array_mt, or a non-empty sequence
M.array_mt = { __name = "hpa.array" }
--- mark a table as a list (an empty table is a map otherwise)
function M.array(t) return setmetatable(t or {}, M.array_mt) end

local function is_array(t)
  if getmetatable(t) == M.array_mt then return true end
  local n = #t
  if n == 0 then return false end
  local k = 0
  for _ in pairs(t) do k = k + 1 end
  return k == n
end

local function assign(root, path, value)
  local o = root._o
  if is_view(value) then value = plain(value) end
  local tv = type(value)
  if value == nil or value == M.null then
    local ok, e = pcall(core.hpa_object_clear, o, path)
    if not ok and not (type(e) == "table" and e.code == HPA_ENOTFOUND) then error(e, 0) end
  elseif tv == "boolean" then
    core.hpa_object_set_bool(o, path, value)
  elseif tv == "number" then
    if mtype(value) == "integer" then
      core.hpa_object_set_int64(o, path, value)
    elseif value == math.floor(value) and math.abs(value) < 2^63 then
      core.hpa_object_set_int64(o, path, math.tointeger(value))
    else
      core.hpa_object_set_string(o, path, string.format("%.17g", value))
    end
  elseif tv == "string" then
    core.hpa_object_set_string(o, path, value)
  elseif tv == "table" then
    if is_array(value) then
      core.hpa_object_set_empty(o, path, true)
      for i = 1, #value do assign(root, index_path(path, i), value[i]) end
    else
      core.hpa_object_set_empty(o, path, false)
      local keys = {}
      for k in pairs(value) do
        if type(k) ~= "string" then raise(HPA_EINVAL, "map keys must be strings, got " .. type(k), path, 3) end
        keys[#keys + 1] = k
      end
      table.sort(keys)
      for _, k in ipairs(keys) do assign(root, join(path, k), value[k]) end
    end
  else
    raise(HPA_EINVAL, "cannot store a " .. tv .. " in a Kubernetes object", path, 3)
  end
end

-- the key a name stands for: itself, its camelCase, a case-insensitive match,
-- or a field of the schema (typed kinds); nil + error for an unknown field
local function resolve(view, name)
  local o, path = view._root._o, view._path
  if core.hpa_object_type(o, join(path, name)) ~= 0 then return name end
  local c = camel(name)
  if c ~= name and core.hpa_object_type(o, join(path, c)) ~= 0 then return c end
  local folded = name:gsub("_", ""):lower()
  for _, k in ipairs(core.keys(o, path)) do
    if k:gsub("_", ""):lower() == folded then return k end
  end
  local root = view._root
  local api, kind = core.hpa_object_api_version(o), core.hpa_object_kind_name(o)
  local ok, e = pcall(core.hpa_schema_lookup, api, kind, join(path, c))
  if ok or (type(e) == "table" and e.code ~= EUNKNOWNFIELD) then return c end
  local ok2, parent = pcall(core.hpa_schema_lookup, api, kind, path)
  if ok2 then
    for i = 0, core.hpa_schema_field_count(parent) - 1 do
      local f = core.hpa_schema_field_name(core.hpa_schema_field_at(parent, i))
      if f:lower() == folded then return f end
    end
  end
  return nil, e
end

-- true when the keys of the map at view are data (verbatim, never camelCased):
-- a map field of the schema (labels, annotations, matchLabels, requests...) or a
-- free-form one; for a kind the schema does not know, metadata is still
-- ObjectMeta and every other map below the top level is data (ConfigMap data)
local function verbatim_keys(view)
  local path = view._path
  if path == "" then return false end
  local o = view._root._o
  local ok, f = pcall(core.hpa_schema_lookup, core.hpa_object_api_version(o), core.hpa_object_kind_name(o), path)
  if not ok and type(f) == "table" and f.code == EUNSUPPORTED then
    if path ~= "metadata" and path:sub(1, 9) ~= "metadata." then return true end
    ok, f = pcall(core.hpa_schema_lookup, "v1", "Pod", path)
  end
  if not ok then return false end
  local st = core.hpa_schema_field_schema_type(f)
  return st:sub(1, 4) == "map<" or st == "any"
end

local function map_index(self, key)
  local m = map_methods[key]
  if m then return m end
  if type(key) ~= "string" then return nil end
  local root, path = self._root, self._path
  local p = join(path, key)
  local t, v = core.get(root._o, p)
  if t == 0 then
    if verbatim_keys(self) then return nil end
    local k = resolve(self, key)
    if not k then return nil end
    p = join(path, k)
    t, v = core.get(root._o, p)
  end
  if t == T_MAP then return make_view(Map, root, p) end
  if t == T_LIST then return make_view(List, root, p) end
  if t == T_NULL then return nil end
  return v
end

local function map_newindex(self, key, value)
  if type(key) ~= "string" then raise(HPA_EINVAL, "map keys must be strings", self._path, 2) end
  local k, e = key, nil
  if core.hpa_object_type(self._root._o, join(self._path, key)) == 0 and not verbatim_keys(self) then
    k, e = resolve(self, key)
  end
  if not k then error(e, 2) end
  assign(self._root, join(self._path, k), value)
end

local function map_pairs(self)
  local keys = core.keys(self._root._o, self._path)
  local i = 0
  return function()
    i = i + 1
    local k = keys[i]
    if k == nil then return nil end
    return k, child(self._root, join(self._path, k))
  end, self, nil
end

local function view_eq(a, b)
  if getmetatable(a) == Object and getmetatable(b) == Object then
    return core.hpa_object_equal(a._o, b._o)
  end
  return M.deep_equal(plain(a), plain(b))
end

Map.__index = map_index
Map.__newindex = map_newindex
Map.__pairs = map_pairs
Map.__len = function(self) return core.hpa_object_count(self._root._o, self._path) end
Map.__eq = view_eq
Map.__tostring = function(self) return "hpa.Map(" .. self._path .. ")" end
Map.__name = "hpa.Map"

--- plain tables (camelCase keys; hpa.null for null; lists marked with hpa.array_mt)
function map_methods:to_table() return plain(self) end
--- the field path of this view (kubectl syntax)
function map_methods:hpa_path() return self._path end
--- keys of the map, in source order
function map_methods:hpa_keys() return core.keys(self._root._o, self._path) end
--- (line, column) of the value in its source, 0, 0 when unknown
function map_methods:position()
  return core.hpa_object_line_of(self._root._o, self._path), core.hpa_object_column_of(self._root._o, self._path)
end

local function list_index(self, key)
  if mtype(key) == "integer" then
    local n = core.hpa_object_count(self._root._o, self._path)
    if key < 1 or key > n then return nil end
    return child(self._root, index_path(self._path, key))
  end
  return list_methods[key]
end

local function list_newindex(self, key, value)
  if mtype(key) ~= "integer" then raise(HPA_EINVAL, "list indexes are integers", self._path, 2) end
  local n = core.hpa_object_count(self._root._o, self._path)
  if key < 1 or key > n + 1 then
    raise(HPA_EINVAL, string.format("index %d out of range (1..%d)", key, n + 1), self._path, 2)
  end
  assign(self._root, index_path(self._path, key), value)
end

List.__index = list_index
List.__newindex = list_newindex
List.__len = function(self) return core.hpa_object_count(self._root._o, self._path) end
List.__eq = view_eq
List.__pairs = function(self)
  local i, n = 0, core.hpa_object_count(self._root._o, self._path)
  return function()
    i = i + 1
    if i > n then return nil end
    return i, child(self._root, index_path(self._path, i))
  end, self, nil
end
List.__tostring = function(self) return "hpa.List(" .. self._path .. ")" end
List.__name = "hpa.List"

list_methods.to_table = map_methods.to_table
list_methods.hpa_path = map_methods.hpa_path
list_methods.position = map_methods.position
function list_methods:append(value)
  assign(self._root, index_path(self._path, #self + 1), value)
end
function list_methods:remove(i)
  local n = #self
  i = i or n
  if i < 1 or i > n then raise(HPA_EINVAL, "index out of range", self._path, 2) end
  core.hpa_object_clear(self._root._o, index_path(self._path, i))
end
function list_methods:insert(i, value)
  local items = plain(self)
  if is_view(value) then value = plain(value) end
  table.insert(items, i, value)
  assign(self._root, self._path, items)
end

-- ---- objects --------------------------------------------------------------------------------

local KINDS = {
  [core.HPA_KIND_DEPLOYMENT] = "Deployment", [core.HPA_KIND_SERVICE] = "Service",
  [core.HPA_KIND_INGRESS] = "Ingress", [core.HPA_KIND_AUTOSCALER] = "HorizontalPodAutoscaler",
}

local function wrap_object(handle, keep)
  return setmetatable({ _o = handle, _keep = keep, _path = "", _root = false }, Object):_self()
end

function object_methods:_self()
  rawset(self, "_root", self)
  return self
end

Object.__index = function(self, key)
  local m = object_methods[key] or map_methods[key]
  if m then return m end
  return map_index(self, key)
end
Object.__newindex = map_newindex
Object.__pairs = map_pairs
Object.__len = Map.__len
Object.__eq = view_eq
Object.__name = "hpa.Object"
Object.__tostring = function(self)
  local name = core.hpa_object_name(self._o)
  return string.format("%s(%s%s)", core.hpa_object_kind_name(self._o),
    name ~= "" and ("name=" .. name) or "", core.hpa_object_namespace(self._o) ~= ""
      and (", namespace=" .. core.hpa_object_namespace(self._o)) or "")
end

function object_methods:api_version() return core.hpa_object_api_version(self._o) end
function object_methods:kind_name() return core.hpa_object_kind_name(self._o) end
function object_methods:name() return core.hpa_object_name(self._o) end
function object_methods:namespace() return core.hpa_object_namespace(self._o) end
function object_methods:document() return core.hpa_object_document(self._o) end
--- typed kind name ("Deployment", ...) or nil for other kinds
function object_methods:typed_kind() return KINDS[core.hpa_object_kind(self._o)] end
--- a deep standalone copy
function object_methods:copy()
  local h = core.hpa_object_dup(self._o)
  return wrap_object(h, h)
end
function object_methods:dump(opts) return M.dump(self, opts) end
function object_methods:validate(opts) return M.validate(self, opts) end

local METADATA_KEYS = { name = true, namespace = true, labels = true, annotations = true, generate_name = true }

local function new_object(api, kind, fields, spec_kw)
  if type(api) ~= "string" or type(kind) ~= "string" then
    raise(HPA_EINVAL, "an object needs api_version and kind", "", 3)
  end
  local h = core.hpa_object_new(api, kind)
  local obj = wrap_object(h, h)
  local keys = {}
  for k in pairs(fields or {}) do keys[#keys + 1] = k end
  -- metadata first (name, namespace, labels, annotations), then the rest sorted
  local META_ORDER = { name = 1, generate_name = 2, namespace = 3, labels = 4, annotations = 5 }
  table.sort(keys, function(a, b)
    local x, y = META_ORDER[a] or 99, META_ORDER[b] or 99
    if x ~= y then return x < y end
    return a < b
  end)
  for _, k in ipairs(keys) do
    local v = fields[k]
    if k == "api_version" or k == "apiVersion" or k == "kind" then
      -- given as arguments
    elseif METADATA_KEYS[k] then
      assign(obj, "metadata." .. camel(k), v)
    elseif k == "metadata" or k == "spec" or k == "status" then
      local sub = {}
      for kk in pairs(v) do sub[#sub + 1] = kk end
      table.sort(sub)
      for _, kk in ipairs(sub) do assign(obj, join(k, kk), v[kk]) end
    elseif spec_kw then
      local key, e = resolve(make_view(Map, obj, "spec"), k)
      if not key then error(e, 3) end
      assign(obj, join("spec", key), v)
    else
      local key, e = resolve(obj, k)
      if not key then error(e, 3) end
      assign(obj, key, v)
    end
  end
  return obj
end

--- hpa.Object{api_version = "v1", kind = "ConfigMap", name = "cfg", data = {k = "v"}}
function M.Object_new(fields)
  return new_object(fields.api_version or fields.apiVersion, fields.kind, fields, false)
end
setmetatable(Object, { __call = function(_, fields) return M.Object_new(fields) end })

local function typed(api, kind)
  return function(fields) return new_object(api, kind, fields, true) end
end
--- hpa.Deployment{name = "order", replicas = 1}: keywords other than metadata ones go to spec
M.Deployment = typed("apps/v1", "Deployment")
M.Service = typed("v1", "Service")
M.Ingress = typed("networking.k8s.io/v1", "Ingress")
M.HorizontalPodAutoscaler = typed("autoscaling/v2", "HorizontalPodAutoscaler")

-- ---- JSON encoding of plain tables (from_table) --------------------------------------------------

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    local map = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
    return map[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function json_encode(v, out)
  local tv = type(v)
  if v == nil or v == M.null then
    out[#out + 1] = "null"
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif tv == "number" then
    if mtype(v) == "integer" then
      out[#out + 1] = string.format("%d", v)
    elseif v ~= v or v == math.huge or v == -math.huge then
      raise(-6, "cannot encode " .. tostring(v) .. " in JSON", "", 4)
    else
      out[#out + 1] = string.format("%.17g", v)
    end
  elseif tv == "string" then
    out[#out + 1] = json_string(v)
  elseif tv == "table" then
    if is_view(v) then return json_encode(plain(v), out) end
    if is_array(v) then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        json_encode(v[i], out)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do
        if type(k) ~= "string" then raise(HPA_EINVAL, "map keys must be strings", "", 4) end
        keys[#keys + 1] = k
      end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        out[#out + 1] = json_string(k)
        out[#out + 1] = ":"
        json_encode(v[k], out)
      end
      out[#out + 1] = "}"
    end
  else
    raise(HPA_EINVAL, "cannot encode a " .. tv .. " in JSON", "", 4)
  end
end

--- JSON text of a plain table (keys sorted)
function M.encode_json(v)
  local out = {}
  json_encode(v, out)
  return table.concat(out)
end

--- a standalone object from a plain table in Kubernetes form (camelCase keys)
function M.from_table(t)
  local m = core.hpa_bind_parse(M.encode_json(t), 2, 0, "<table>", 0, 0, 0, 0, 0)
  local n = core.hpa_manifest_count(m)
  if n ~= 1 then raise(HPA_EINVAL, "expected one object, the table holds " .. n, "", 2) end
  local h = core.hpa_object_dup(core.hpa_manifest_at(m, 0))
  return wrap_object(h, h)
end

-- ---- manifests -------------------------------------------------------------------------------

local function manifest_wrap(handle)
  return setmetatable({ _m = handle, _objs = false }, Manifest)
end

local function manifest_handle(m)
  if not m._m then raise(HPA_EINVAL, "the manifest is closed", "", 3) end
  return m._m
end

local function manifest_objs(m)
  local objs = m._objs
  if not objs then
    local h = manifest_handle(m)
    objs = {}
    for i = 1, core.hpa_manifest_count(h) do
      objs[i] = wrap_object(core.hpa_manifest_at_mut(h, i - 1), h)
    end
    m._objs = objs
  end
  return objs
end

Manifest.__index = function(self, key)
  if mtype(key) == "integer" then return manifest_objs(self)[key] end
  return manifest_methods[key]
end
Manifest.__len = function(self) return core.hpa_manifest_count(manifest_handle(self)) end
Manifest.__pairs = function(self) return ipairs(manifest_objs(self)) end
Manifest.__name = "hpa.Manifest"
Manifest.__tostring = function(self)
  if not self._m then return "hpa.Manifest(<closed>)" end
  local parts = {}
  for i, o in ipairs(manifest_objs(self)) do
    if i > 5 then parts[#parts + 1] = "..." break end
    parts[#parts + 1] = core.hpa_object_kind_name(o._o) .. "/" .. core.hpa_object_name(o._o)
  end
  return "hpa.Manifest(" .. table.concat(parts, ", ") .. ")"
end
Manifest.__eq = function(a, b)
  local x, y = manifest_objs(a), manifest_objs(b)
  if #x ~= #y then return false end
  for i = 1, #x do
    if not core.hpa_object_equal(x[i]._o, y[i]._o) then return false end
  end
  return true
end

--- a new empty manifest (optionally with objects / tables)
function M.manifest(objects)
  local m = manifest_wrap(core.hpa_manifest_new())
  m._objs = {}
  for _, o in ipairs(objects or {}) do m:append(o) end
  return m
end

--- iterate: for obj in m:objects() do ... end
function manifest_methods:objects()
  local objs, i = manifest_objs(self), 0
  return function()
    i = i + 1
    return objs[i]
  end
end

function manifest_methods:append(obj)
  local h = manifest_handle(self)
  local objs = manifest_objs(self)
  if getmetatable(obj) ~= Object then
    if type(obj) ~= "table" then raise(HPA_EINVAL, "expected an hpa object or a table", "", 2) end
    obj = M.from_table(obj)
  end
  if rawequal(obj._keep, obj._o) then
    core.hpa_manifest_append_take(h, obj._o)
    obj._keep = h
    objs[#objs + 1] = obj
    return obj
  end
  local view = wrap_object(core.hpa_manifest_append_copy(h, obj._o), h)
  objs[#objs + 1] = view
  return view
end

--- remove object i and return it as a standalone object (its views stay valid)
function manifest_methods:remove(i)
  local h = manifest_handle(self)
  local objs = manifest_objs(self)
  i = i or #objs
  local view = objs[i]
  if not view then raise(HPA_EINVAL, "index out of range", "", 2) end
  local copy = core.hpa_object_dup(view._o)
  view._o, view._keep = copy, copy
  core.hpa_manifest_remove_at(h, i - 1)
  table.remove(objs, i)
  return view
end

function manifest_methods:of_kind(kind)
  local out = {}
  for _, o in ipairs(manifest_objs(self)) do
    if core.hpa_object_kind_name(o._o) == kind then out[#out + 1] = o end
  end
  return out
end

function manifest_methods:find(kind, name, namespace)
  for _, o in ipairs(manifest_objs(self)) do
    if core.hpa_object_kind_name(o._o) == kind and core.hpa_object_name(o._o) == name
      and (namespace == nil or core.hpa_object_namespace(o._o) == namespace) then
      return o
    end
  end
  return nil
end

function manifest_methods:document_count() return core.hpa_manifest_document_count(manifest_handle(self)) end
function manifest_methods:source() return core.hpa_manifest_source(manifest_handle(self)) end
function manifest_methods:dump(opts) return M.dump_all(self, opts) end
function manifest_methods:lint(opts) return M.lint(self, opts) end
function manifest_methods:to_table()
  local out = {}
  for i, o in ipairs(manifest_objs(self)) do out[i] = plain(o) end
  return out
end
--- drop the manifest's handle; objects taken from it stay valid
function manifest_methods:close()
  self._m = false
  self._objs = false
end

-- ---- loading and dumping --------------------------------------------------------------------

local FORMATS = { auto = 0, yaml = 1, yml = 1, json = 2 }
local PARSE_FLAGS = {
  strict = core.HPA_PARSE_STRICT, allow_duplicates = core.HPA_PARSE_ALLOW_DUPLICATES,
  allow_aliases = core.HPA_PARSE_ALLOW_ALIASES,
}

local function format_of(f, dflt)
  if f == nil then return dflt end
  local v = FORMATS[f]
  if not v then raise(HPA_EINVAL, "format must be 'yaml' or 'json', not " .. tostring(f), "", 3) end
  return v
end

local function read_input(src)
  if io.type(src) == "file" then return src:read("a"), nil end
  if type(src) ~= "string" then raise(HPA_EINVAL, "expected a string or a file, got " .. type(src), "", 3) end
  return src, nil
end

--- hpa.load_all(text_or_file, {format=, strict=, allow_duplicates=, allow_aliases=, source_name=,
---   max_depth=, max_documents=, max_aliases=, max_scalar_bytes=, max_input_bytes=}) -> manifest
function M.load_all(src, opts)
  opts = opts or {}
  local text, name = read_input(src)
  local flags = 0
  for k, bit in pairs(PARSE_FLAGS) do
    if opts[k] then flags = flags | bit end
  end
  return manifest_wrap(core.hpa_bind_parse(text, format_of(opts.format, 0), flags, opts.source_name or name,
    opts.max_input_bytes or 0, opts.max_depth or 0, opts.max_documents or 0, opts.max_aliases or 0,
    opts.max_scalar_bytes or 0))
end

--- hpa.load(text, opts) -> the one object (nil for an empty input); {all = true} -> the manifest
function M.load(src, opts)
  local m = M.load_all(src, opts)
  if opts and opts.all then return m end
  local n = #m
  if n == 0 then return nil end
  if n > 1 then raise(HPA_EINVAL, "expected one object, the input holds " .. n .. " (use load_all)", "", 2) end
  return m[1]
end

--- hpa.load_file(path, opts) -> manifest (errors name the file)
function M.load_file(path, opts)
  local f, err = io.open(path, "rb")
  if not f then raise(-12, err, "", 2) end
  local text = f:read("a")
  f:close()
  opts = setmetatable({ source_name = (opts and opts.source_name) or path }, { __index = opts or {} })
  return M.load_all(text, opts)
end

local function write_flags(opts)
  return (opts.sort_keys and core.HPA_WRITE_SORT_KEYS or 0) | (opts.omit_status and core.HPA_WRITE_OMIT_STATUS or 0)
    | (opts.compact and core.HPA_WRITE_COMPACT or 0), opts.indent or 0
end

--- hpa.dump_all(manifest_or_list, {format=, sort_keys=, omit_status=, compact=, indent=}) -> text
function M.dump_all(objs, opts)
  opts = opts or {}
  local flags, indent = write_flags(opts)
  local fmt = format_of(opts.format, 1)
  if getmetatable(objs) == Manifest then
    return core.hpa_bind_write(manifest_handle(objs), fmt, flags, indent)
  end
  local tmp = core.hpa_manifest_new()
  for _, o in ipairs(objs) do
    if getmetatable(o) ~= Object then o = M.from_table(o) end
    core.hpa_manifest_append_copy(tmp, o._o)
  end
  return core.hpa_bind_write(tmp, fmt, flags, indent)
end

--- hpa.dump(object_or_table, opts) -> text of one object
function M.dump(obj, opts)
  opts = opts or {}
  if getmetatable(obj) == Manifest then return M.dump_all(obj, opts) end
  if getmetatable(obj) ~= Object then obj = M.from_table(obj) end
  local flags, indent = write_flags(opts)
  return core.hpa_bind_write_object(obj._o, format_of(opts.format, 1), flags, indent)
end

--- plain tables of an object / view / manifest
function M.to_table(x)
  if getmetatable(x) == Manifest then return x:to_table() end
  return plain(x)
end

--- structural equality of plain values (tables compared deeply)
function M.deep_equal(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for k, v in pairs(a) do
    if not M.deep_equal(v, b[k]) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

local function as_manifest(x)
  local mt = getmetatable(x)
  if mt == Manifest then return x end
  if mt == Object then return M.manifest({ x:copy() }) end
  if type(x) == "table" then
    local m = M.manifest()
    for _, item in ipairs(x) do
      if getmetatable(item) == Manifest then
        for o in item:objects() do m:append(o) end
      elseif getmetatable(item) == Object then
        m:append(item:copy())
      else
        m:append(item)
      end
    end
    return m
  end
  return M.load_all(x)
end
M._as_manifest = as_manifest
M._wrap_object = wrap_object
M._manifest_wrap = manifest_wrap
M._manifest_handle = manifest_handle
M._plain = plain

-- ---- lint and validation -------------------------------------------------------------------------

local SEVERITIES = { info = core.HPA_SEVERITY_INFO, warning = core.HPA_SEVERITY_WARNING, error = core.HPA_SEVERITY_ERROR }
local Diagnostic = {
  __name = "hpa.Diagnostic",
  __tostring = function(d)
    local where = d.source ~= "" and d.source or "<manifest>"
    if d.line > 0 then where = where .. ":" .. d.line .. ":" .. d.column end
    return string.format("%s: %s %s: %s", where, d.severity, d.rule, d.message)
  end,
}

local function diagnostics(h)
  local out = {}
  for i = 0, core.hpa_diagnostics_count(h) - 1 do
    local d = core.hpa_diagnostics_at(h, i)
    out[#out + 1] = setmetatable({
      rule = core.hpa_diagnostic_rule(d), severity = core.hpa_severity_name(core.hpa_diagnostic_severity(d)),
      message = core.hpa_diagnostic_message(d), hint = core.hpa_diagnostic_hint(d),
      kind = core.hpa_diagnostic_kind(d), namespace = core.hpa_diagnostic_namespace(d),
      name = core.hpa_diagnostic_name(d), path = core.hpa_diagnostic_path(d), source = core.hpa_diagnostic_source(d),
      line = core.hpa_diagnostic_line(d), column = core.hpa_diagnostic_column(d),
      document = core.hpa_diagnostic_document(d),
    }, Diagnostic)
  end
  return out
end

--- hpa.lint(manifest_or_text, {validation=true, schema=true, heuristics=false, scale_to_zero=false,
---   min_severity="info", disable={...}, enable={...}, tolerance=0.1}) -> { diagnostic, ... }
function M.lint(x, opts)
  opts = opts or {}
  local m = as_manifest(x)
  local flags = (opts.validation == false and core.HPA_LINT_NO_VALIDATION or 0)
    | (opts.schema == false and core.HPA_VALIDATE_NO_SCHEMA or 0)
    | (opts.heuristics and core.HPA_LINT_HEURISTICS or 0)
    | (opts.scale_to_zero and core.HPA_VALIDATE_SCALE_TO_ZERO or 0)
  local sev = SEVERITIES[opts.min_severity or "info"]
  if not sev then raise(HPA_EINVAL, "unknown severity " .. tostring(opts.min_severity), "", 2) end
  local tol = opts.tolerance and math.floor(opts.tolerance * 1000 + 0.5) or -1
  return diagnostics(core.hpa_bind_lint(manifest_handle(m), flags, sev, table.concat(opts.disable or {}, ","),
    table.concat(opts.enable or {}, ","), tol))
end

--- hpa.validate(object_or_manifest, {schema=true, scale_to_zero=false}) -> { diagnostic, ... }
function M.validate(x, opts)
  opts = opts or {}
  local flags = (opts.schema == false and core.HPA_VALIDATE_NO_SCHEMA or 0)
    | (opts.scale_to_zero and core.HPA_VALIDATE_SCALE_TO_ZERO or 0)
  if getmetatable(x) == Object then return diagnostics(core.hpa_bind_validate(nil, x._o, flags)) end
  return diagnostics(core.hpa_bind_validate(manifest_handle(as_manifest(x)), nil, flags))
end

function M.lint_rules()
  local out = {}
  for i = 0, core.hpa_lint_rule_count() - 1 do
    local r = core.hpa_lint_rule_at(i)
    out[#out + 1] = { id = core.hpa_lint_rule_id(r), severity = core.hpa_severity_name(core.hpa_lint_rule_severity(r)),
      summary = core.hpa_lint_rule_summary(r) }
  end
  return out
end

-- ---- the modeler ---------------------------------------------------------------------------------

local PATH_RULES = { model = core.HPA_PATH_RULE_MODEL, aggregate = core.HPA_PATH_RULE_AGGREGATE,
  service = core.HPA_PATH_RULE_SERVICE }

local function model_of(src, source_name)
  local text, name = src, source_name
  -- files first: a file handle is a userdata too (not a model)
  local ft = io.type(src)
  if ft == "closed file" then raise(HPA_EINVAL, "attempt to use a closed file", "", 3) end
  if ft == "file" then
    text = src:read("a")
  elseif type(src) == "userdata" then
    return src
  elseif type(src) == "string" and not src:find("\n") then
    local f = io.open(src, "rb")
    if f then
      text = f:read("a")
      f:close()
      name = name or src
    end
  end
  return core.hpa_model_load_buffer(text, name)
end

--- hpa.model(text_or_path) -> a loaded model (userdata; see hpa.render)
function M.model(src, source_name) return model_of(src, source_name) end

--- hpa.render(model_text_or_path, {path_rule=, profile=, load_pod=, source_name=}) -> manifest
function M.render(src, opts)
  opts = opts or {}
  local model = model_of(src, opts.source_name)
  local rule = PATH_RULES[opts.path_rule or "model"]
  if not rule then raise(HPA_EINVAL, "unknown path_rule " .. tostring(opts.path_rule), "", 2) end
  return manifest_wrap(core.hpa_bind_model_render(model, opts.load_pod and core.HPA_RENDER_LOAD_POD or 0, rule,
    opts.profile))
end

function M.plural(word) return core.hpa_model_plural(word) end

-- ---- kubectl get hpa ------------------------------------------------------------------------------

local function now_ms(now)
  if now == nil then return os.time() * 1000 end
  if type(now) == "string" then return core.hpa_explain_parse_time(now) end
  return now
end
M._now_ms = now_ms

--- rows {name, reference, targets, minpods, maxpods, replicas, age} of every HPA
function M.get_hpa(x, now)
  local m = as_manifest(x)
  local rows = {}
  for o in m:objects() do
    if core.hpa_object_kind_name(o._o) == "HorizontalPodAutoscaler" then
      local cells = {}
      for cell in (core.hpa_bind_hpa_row(o._o, now_ms(now)) .. "\t"):gmatch("([^\t]*)\t") do cells[#cells + 1] = cell end
      rows[#rows + 1] = { name = cells[1], reference = cells[2], targets = cells[3], minpods = cells[4],
        maxpods = cells[5], replicas = cells[6], age = cells[7] }
    end
  end
  return rows
end

--- the rows aligned as kubectl get hpa prints them (opts: {header = true, wide = false})
function M.get_hpa_table(x, now, opts)
  opts = opts or {}
  local flags = (opts.header == false and core.HPA_EXPLAIN_TABLE_NO_HEADERS or 0)
    | (opts.wide and core.HPA_EXPLAIN_TABLE_WIDE or 0)
  return core.hpa_bind_hpa_table(manifest_handle(as_manifest(x)), now_ms(now), flags)
end


--- milliseconds of a Go duration ("90s") or a number of seconds
function M.duration_ms(d)
  if type(d) == "string" then return core.hpa_explain_parse_duration(d) end
  return math.floor(d * 1000 + 0.5)
end

--- kubectl's human duration of a number of seconds
function M.format_duration(seconds) return core.hpa_bind_format_duration(math.floor(seconds * 1000 + 0.5)) end

-- the decision, the history and the simulator live in hpa/decide.lua and hpa/sim.lua
package.loaded.hpa = M
require "hpa.decide"
require "hpa.sim"

return M
