-- test_callback_pool.lua -- the callback fast path: compiler-made entry points
-- handed out from a pool per shape (cbstubs.h, which the build generates with
-- runtime/gen_callstubs.lua), with a libffi closure once a shape's pool is
-- used up. Whatever path a callback takes, C must see
-- the same values, errors and defaults (fixture: libcb, cb.c).
local t = require "harness"
local ffi = require "ffi"

local cblib = ffi.open(t.fixture("cb"))
local call_int_int = cblib:wrap("i32", "call_int_int", "ptr", "i32")
local call_n_times = cblib:wrap("i32", "call_n_times", "ptr", "i32")
local call_dd = cblib:wrap("f64", "call_dd", "ptr", "f64", "f64")
local call_i64 = cblib:wrap("i64", "call_i64", "ptr", "i64")
local call_with_ptr = cblib:wrap("i32", "call_with_ptr", "ptr", "i32")

t.test("more live callbacks of one shape than a pool holds all answer correctly", function()
  local cbs = {}
  for k = 1, 40 do -- the pool holds 8 per shape: the rest are libffi closures
    cbs[k] = ffi.callback("int", "int", function(v) return v * 1000 + k end)
  end
  for k = 40, 1, -1 do t.eq(call_int_int(cbs[k], 7), 7000 + k, "callback " .. k) end
  for k = 1, 40 do t.eq(cbs[k]:callcount(), 1) end
end)

t.test("pool entries are reused after their callbacks are collected", function()
  for round = 1, 60 do
    local cb = ffi.callback("int", "int", function(v) return v + round end)
    t.eq(call_int_int(cb, 1), 1 + round)
    cb = nil
    if round % 7 == 0 then collectgarbage() collectgarbage() end
  end
  collectgarbage()
  local cb = ffi.callback("int", "int", function(v) return -v end)
  t.eq(call_n_times(cb, 5), -(0 + 1 + 2 + 3 + 4))
end)

t.test("an error in the Lua function fails the FFI call; later calls are skipped but counted", function()
  local seen = 0
  local cb = ffi.callback("int", "int", function(v)
    seen = seen + 1
    if v == 2 then error("boom at 2") end
    return 1
  end)
  local ok, err = pcall(call_n_times, cb, 6)
  t.eq(ok, false)
  t.truthy(tostring(err):find("boom at 2", 1, true), err)
  t.eq(seen, 3)             -- 0, 1, 2: the Lua function is not run after the error
  t.eq(cb:callcount(), 6)   -- but C called it six times
  t.eq(call_n_times(cb, 2), 2) -- the next FFI call runs it again
end)

t.test("results: nil gives the default, a fraction or a string is an error", function()
  local r
  local cb = ffi.callback("int", "int", function() return r end)
  r = nil; t.eq(call_int_int(cb, 0), 0)
  cb:defaultreturn(-9); t.eq(call_int_int(cb, 0), -9)
  r = 2.0; t.eq(call_int_int(cb, 0), 2)
  r = 2.5
  local ok, err = pcall(call_int_int, cb, 0)
  t.eq(ok, false)
  t.truthy(tostring(err):find("no integer representation", 1, true), err)
  r = {}
  ok, err = pcall(call_int_int, cb, 0)
  t.eq(ok, false)
  t.truthy(tostring(err):find("number expected, got table", 1, true), err)
  r = (1 << 32) + 5 -- truncated like C
  t.eq(call_int_int(cb, 0), 5)
end)

t.test("argument classes: unsigned, 64-bit, double, void pointer", function()
  local u = ffi.callback("unsigned int", "unsigned int", function(v) return v end)
  -- C reads the bits back as int; where the callee extends 32-bit results
  -- (ppc64, s390x) the int caller passes on the zero-extended register as is
  local callee_extends = ({ ppc64 = true, ppc64le = true, s390x = true })[ffi.arch]
  t.eq(call_int_int(u, -1), callee_extends and 4294967295 or -1)
  local seen
  local u2 = ffi.callback("int", "unsigned int", function(v) seen = v return 0 end)
  call_int_int(u2, -1)
  t.eq(seen, 4294967295)             -- Lua sees the unsigned value
  local w = ffi.callback("int64_t", "int64_t", function(v) return v * 3 end)
  t.eq(call_i64(w, 1 << 40), 3 * (1 << 40))
  t.eq(call_i64(w, math.mininteger // 3), math.mininteger // 3 * 3)
  local d = ffi.callback("double", "double", "double", function(a, b) return a / b end)
  t.eq(call_dd(d, 1, 4), 0.25)
  local p
  local vp = ffi.callback("void", "void *", function(q) p = q end)
  call_with_ptr(vp, 5)
  t.eq(type(p), "userdata")
end)

t.test("a callback runs FFI calls that run callbacks (nested frames)", function()
  local inner = ffi.callback("int", "int", function(v) return v + 1 end)
  local outer = ffi.callback("int", "int", function(v) return call_n_times(inner, v) end)
  -- call_n_times(outer, 4) = sum over i < 4 of (sum over j < i of (j + 1))
  t.eq(call_n_times(outer, 4), 0 + 1 + 3 + 6)
  t.eq(inner:callcount(), 0 + 1 + 2 + 3)
end)

t.test("callbacks run on the coroutine that made the FFI call", function()
  local where
  local cb = ffi.callback("int", "int", function(v)
    where = coroutine.running()
    return v * 2
  end)
  local co = coroutine.create(function() return call_n_times(cb, 3) end)
  local ok, v = coroutine.resume(co)
  t.eq(ok, true)
  t.eq(v, 6)
  t.eq(where, co)
end)

t.done()
