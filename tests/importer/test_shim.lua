-- test_shim.lua -- issue 15: static inline functions through a shim library
-- (ffi-import --shim, --shim-c). fixtures/shim.h's functions take and return
-- records by value, pointers, floats and doubles, a function pointer, an
-- array; the expected values follow from C's rules (float arithmetic is
-- rounded to float after each operation, (int) truncates toward zero).
--   lua test_shim.lua <ffi-import> <fixtures dir> <libshimfix.so> <work dir>
local t = require "harness"
local ffi = require "ffi"
local imp, fix, libpath, work = assert(arg[1]), assert(arg[2]), assert(arg[3]), assert(arg[4])

local function sh(cmd) return os.execute(cmd) == true end
local read = t.readfile
local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- C's float: a double rounded to the nearest float
local function f32(x) return (string.unpack("f", string.pack("f", x))) end

assert(sh("rm -rf " .. q(work) .. " && mkdir -p " .. q(work .. "/mod") .. " " .. q(work .. "/lib")))

-- ffi-import in the work directory; returns ok, stderr
local function import(env, args)
  local err = work .. "/stderr.txt"
  local ok = sh(string.format("cd %s && env %s %s %s 2>%s", q(work), env, q(imp), args, q(err)))
  return ok, read(err)
end

local common = string.format("-I %s -l %s %s", q(fix), q(libpath), q(fix .. "/shim.h"))

t.test("--shim compiles the wrappers; --stats counts them", function()
  local ok, err = import("", "--stats --shim lib/shim.so -o mod/shim.pluto " .. common)
  t.truthy(ok, err)
  t.truthy(err:find("shimmed: 17 static inline functions (../lib/shim.so)", 1, true), err)
  t.truthy(err:find("skipped 1: static inline variadic function (a shim cannot forward its arguments)", 1, true), err)
  t.truthy(err:find("skipped 1: static function (the library exports no symbol for it)", 1, true), err)
end)

local text = read(work .. "/mod/shim.pluto")
t.test("the module opens the shim relative to its own file", function()
  t.truthy(text:find('local shim_path = "../lib/shim.so"', 1, true), "shim path")
  t.truthy(text:find('fx_vec fx_vec_add(fx_vec a, fx_vec b) __asm__("pluto_shim_fx_vec_add");', 1, true), "decl")
  t.truthy(text:find("-- shim: 17 static inline functions through ../lib/shim.so", 1, true), "header")
end)

-- the test runs in another directory than the module's
local M = dofile(work .. "/mod/shim.pluto")

t.test("records by value: doubles (SSE class)", function()
  local a, b = ffi.new("fx_vec", {1.5, -2}), ffi.new("fx_vec", {0.25, 4})
  local r = M.fx_vec_add(a, b)
  t.eq(r.x, 1.75)
  t.eq(r.y, 2.0)
  t.eq(M.fx_vec_dot(a, b), 1.5 * 0.25 + -2 * 4)
end)

t.test("a pointer to a record, changed in place", function()
  local v = ffi.new("fx_vec", {1.5, -2})
  M.fx_vec_scale(v, 3)
  t.eq(v.x, 4.5)
  t.eq(v.y, -6.0)
end)

t.test("floats: rounded to float after each operation", function()
  t.eq(M.fx_fmaf3(1.5, 2.25, 0.125), 3.5)
  -- (float)(1/3) * 3 is 1.0000000298... in double, 1 once rounded to float
  t.eq(M.fx_fmaf3(1 / 3, 3, 0), f32(f32(1 / 3) * 3))
  t.eq(M.fx_fmaf3(1 / 3, 3, 0), 1.0)
  -- float promoted to double, times a double, plus an int
  t.eq(M.fx_mix(0.1, 2.0, 3), f32(0.1) * 2.0 + 3)
  t.ne(M.fx_mix(0.1, 2.0, 3), 0.1 * 2.0 + 3)
end)

t.test("small integer records (INTEGER class) made and taken", function()
  local s = M.fx_small_make(-7, 300, -5)
  t.eq(s.a, -7)
  t.eq(s.b, 300)
  t.eq(s.c, -5)
  t.eq(M.fx_small_sum(s), -7 + 300 - 5)
end)

t.test("a 40-byte record (MEMORY class) made and taken", function()
  local b = M.fx_big_fill(7)
  for i = 0, 4 do t.eq(b.v[i], 7 * (i + 1)) end
  t.eq(M.fx_big_sum(b), 105)
  local c = ffi.new("fx_big", {{1, 2, 3, 4, 1 << 40}})
  t.eq(M.fx_big_sum(c), 10 + (1 << 40))
end)

t.test("a mixed float/int record; (int) truncates toward zero", function()
  local r = M.fx_mixed_swap(ffi.new("fx_mixed", {-2.75, -9}))
  t.eq(r.f, -9.0)
  t.eq(r.i, -2)
end)

t.test("pointers in and out, narrowing results, a function pointer, an array", function()
  t.eq(ffi.string(M.fx_skip_blanks("   hi")), "hi")
  t.eq(M.fx_low_byte(0x1234), 0x34)
  t.eq(M.fx_low_byte(0xffffffff), 255)
  local cb = ffi.callback("int", "int", function(x) return 2 * x + 1 end)
  t.eq(M.fx_apply(cb, 20), 41)
  t.eq(M.fx_second(ffi.new("int[3]", {5, 6, 7})), 6)
  t.eq(M.fx_answer(), 42)
end)

t.test("the wrappers call into the module's library (the same instance)", function()
  t.eq(M.fx_scaled(14), 14 * 3)
  local before = M.fx_shim_total()
  M.fx_bump(5)
  t.eq(M.fx_bump(6), nil) -- a void result
  t.eq(M.fx_shim_total(), before + 11)
end)

t.test("what no shim takes stays skipped, with the reason", function()
  t.truthy(text:find("-- skipped: function fx_count_args: static inline variadic function", 1, true), "variadic")
  t.truthy(text:find("-- skipped: function fx_plain_static: static function", 1, true), "static")
  t.eq(M.fx_count_args, nil)
  t.eq(M.fx_plain_static, nil)
end)

t.test("without --shim: skipped, with the reason naming --shim", function()
  local ok, err = import("", "--stats -o mod/plain.pluto " .. common)
  t.truthy(ok, err)
  t.truthy(err:find("skipped 18: static inline (use --shim)", 1, true), err)
  local plain = read(work .. "/mod/plain.pluto")
  t.truthy(plain:find("-- skipped: function fx_vec_add: static inline (use --shim) (", 1, true), "comment")
  t.truthy(not plain:find("shim_path", 1, true), "no shim in the module")
end)

t.test("--json carries the shimmed functions", function()
  local ok, err = import("", "--json --shim lib/shim_json.so -o mod/shim.json " .. common)
  t.truthy(ok, err)
  local json = read(work .. "/mod/shim.json")
  t.truthy(json:find('"shim": "../lib/shim_json.so"', 1, true), "the library")
  t.truthy(json:find('"name": "fx_bump"', 1, true), "fx_bump")
  t.truthy(json:find('"shim": {"symbol": "pluto_shim_fx_bump", "library": "../lib/shim_json.so"}', 1, true), json)
  t.truthy(sh("test -f " .. q(work .. "/lib/shim_json.so")), "built")
end)

t.test("--shim-c writes the source; built by hand, the module loads it", function()
  local ok, err = import("", "--shim shim_c.so --shim-c shim_c.c -o shim_c.pluto " .. common)
  t.truthy(ok, err)
  t.truthy(not sh("test -e " .. q(work .. "/shim_c.so")), "--shim-c compiles nothing")
  local src = read(work .. "/shim_c.c")
  t.truthy(src:find("pluto_shim_fx_vec_add(__typeof__(fx_vec) a1, __typeof__(fx_vec) a2)", 1, true), "wrapper")
  -- built by hand, from another directory, as the docs show
  t.truthy(sh(string.format("cd / && cc -shared -fPIC -O2 -I %s %s -o %s %s -Wl,-rpath,%s", q(fix),
    q(work .. "/shim_c.c"), q(work .. "/shim_c.so"), q(libpath), q(libpath:match("^(.*)/")))), "cc")
  local C = dofile(work .. "/shim_c.pluto")
  t.eq(C.fx_small_sum(C.fx_small_make(1, 2, 3)), 6)
  t.eq(C.fx_vec_dot(ffi.new("fx_vec", {2, 3}), ffi.new("fx_vec", {4, 5})), 23.0)
end)

t.test("--shim-c needs --shim", function()
  local ok, err = import("", "--shim-c x.c " .. common)
  t.truthy(not ok)
  t.truthy(err:find("--shim-c x.c needs --shim LIB.so", 1, true), err)
end)

t.test("a compiler that fails: a clear error naming it; nothing written", function()
  local ok, err = import("CC=false", "--shim fail.so -o fail.pluto " .. common)
  t.truthy(not ok, "exit status")
  t.truthy(err:find("the C compiler 'false' failed (exit status 1) building the shim fail.so", 1, true), err)
  t.truthy(err:find("nothing written", 1, true), err)
  t.truthy(not sh("test -e " .. q(work .. "/fail.pluto")), "no module")
  t.truthy(not sh("test -e " .. q(work .. "/fail.so")), "no shim")
  local ok2, err2 = import("CC='cc -mno-such-option-xyz'", "--shim fail.so -o fail.pluto " .. common)
  t.truthy(not ok2, "exit status")
  t.truthy(err2:find("the C compiler 'cc' failed", 1, true), err2)
  t.truthy(err2:find("-mno-such-option-xyz", 1, true), err2)
  local ok3, err3 = import("CC=/no/such/cc", "--shim fail.so -o fail.pluto " .. common)
  t.truthy(not ok3, "exit status")
  t.truthy(err3:find("the C compiler '/no/such/cc' failed (cannot run it", 1, true), err3)
end)

t.test("a wrapper that does not compile is named", function()
  -- a macro (from -include, passed to the compiler too) spoils one wrapper's name
  local bad = work .. "/bad.h"
  local f = assert(io.open(bad, "w"))
  f:write("#define pluto_shim_fx_answer 0\n")
  f:close()
  local ok, err = import("", "--shim fail.so -o fail.pluto -include " .. q(bad) .. " " .. common)
  t.truthy(not ok, "exit status")
  t.truthy(err:find("on the wrapper of the static inline function: fx_answer\n", 1, true), err)
  t.truthy(err:find("the shim's source is kept in ", 1, true), err)
end)

t.done()
