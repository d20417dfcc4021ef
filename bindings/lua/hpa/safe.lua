--- hpa.safe: the hpa module whose functions return nil, err instead of
-- raising (like cjson.safe). err is the same error table (code, code_name,
-- message, line, column, offset, document, path, source; tostring gives
-- "source:line:col: path: message"). Methods of returned objects still raise.
--
--   local hpa = require "hpa.safe"
--   local m, err = hpa.load_all(text)
--   if not m then print(err) end

local hpa = require "hpa"

local safe = {}
for k, v in pairs(hpa) do
  if type(v) == "function" and not k:find("^_") then
    safe[k] = function(...)
      local r = table.pack(pcall(v, ...))
      if r[1] then return table.unpack(r, 2, r.n) end
      local e = r[2]
      if type(e) ~= "table" then
        -- a Lua error of the caller's own making: wrap it so callers always get a table
        e = hpa._core.make_error { code = -1, code_name = "HPA_ERROR", message = tostring(e), line = 0, column = 0,
          offset = false, document = 0, path = "", source = "" }
      end
      return nil, e
    end
  else
    safe[k] = v
  end
end
safe.unsafe = hpa
return safe
