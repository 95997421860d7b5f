-- load_module.lua -- a golden module loads in the runtime (and, when it was
-- made with --check-layout, its layout assertions pass).
--   lua load_module.lua <module.pluto> [min-types]
local ffi = require "ffi"
local path, min_types = arg[1], tonumber(arg[2] or "0")
local M = dofile(path)
assert(type(M) == "table", path .. " did not return a table")
assert(type(M.types) == "table", path .. " has no types table")
local n = 0
for name, t in pairs(M.types) do
  assert(ffi.typeof(t) ~= nil, name)
  n = n + 1
end
assert(n >= min_types, ("%s: %d types, expected at least %d"):format(path, n, min_types))
print(("ok     %s loads (%d types)"):format(path:match("[^/]+$"), n))
