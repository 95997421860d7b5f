-- guard.lua -- a module made for another target refuses to load, naming both.
--   lua guard.lua <module for another target>
local ffi = require "ffi"
local ok, err = pcall(dofile, assert(arg[1]))
assert(not ok, "the module loaded on the wrong target")
assert(err:find("this module was generated for arm64/Linux (aarch64-unknown-linux-gnu), not " ..
                ffi.arch .. "/" .. ffi.os, 1, true), err)
print("ok     guard: " .. err)
