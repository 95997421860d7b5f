-- Run by app.c: require finds package.preload first, so pluto:ffi comes from
-- the host's pluto_ffi_preload, i.e. from the installed static library.
local ffi = require "pluto:ffi"
assert(require "ffi" == ffi, "both names give the same table")
assert(package.preload["pluto:ffi"], "the host preloaded pluto:ffi")
local sin = ffi.open("libm.so.6"):wrap("f64", "sin", "f64")
local x = sin(0.5)
-- sin(0.5) = 0.479425538604203 (to 15 digits, from the series 0.5 - 0.5^3/6 + 0.5^5/120 - ...)
assert(math.abs(x - 0.479425538604203) < 1e-15, "sin(0.5) = " .. tostring(x))
print(ffi._VERSION, string.format("%.15g", x))
