-- load_target_golden.lua -- on every target, cross-built ones included (where
-- ffi-import itself is not built): the module ffi-import wrote for this
-- target from fixtures/records.h with --check-layout (expected/records_<arch>.pluto,
-- records.pluto for x64) loads, and clang's layout of each record for this
-- target, written into the module, equals the runtime's.
--   lua load_target_golden.lua <expected dir>
local ffi = require "ffi"
local dir = assert(arg[1], "usage: load_target_golden.lua <expected dir>")
local file = ffi.arch == "x64" and "records.pluto" or ("records_" .. ffi.arch .. ".pluto")
local f = io.open(dir .. "/" .. file)
if not f then
  error(("no golden module %s for ffi.arch %q: add it with tests/importer/update-golden.sh " ..
    "--add %s --target=<triplet> --check-layout records.h"):format(file, ffi.arch, file))
end
f:close()
local script = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
arg = { dir .. "/" .. file, "20" }
dofile(script .. "/load_module.lua")
