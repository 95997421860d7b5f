-- test_callbacks.lua -- ffi.callback: synchronous calls from C, errors in the
-- Lua function, callcount / defaultreturn / blocking, and calls from foreign
-- threads, non-blocking and blocking with cb:tick() (fixture: libcb, cb.c).
--
-- Every thread a test starts is joined before the test ends, except when the
-- runtime never lets it finish (then the test fails and the process exits).
local t = require "harness"
local ffi = require "ffi"

local cblib = ffi.open(t.fixture("cb"))
local call_int_int = cblib:wrap("i32", "call_int_int", "ptr", "i32")
local call_dd = cblib:wrap("f64", "call_dd", "ptr", "f64", "f64")
local call_n_times = cblib:wrap("i32", "call_n_times", "ptr", "i32")
local call_i64 = cblib:wrap("i64", "call_i64", "ptr", "i64")
local call_ff = cblib:wrap("f32", "call_ff", "ptr", "f32")
local call_with_str = cblib:wrap("i32", "call_with_str", "ptr", "str")
local call_with_ptr = cblib:wrap("i32", "call_with_ptr", "ptr", "i32")
local call_void = cblib:wrap("void", "call_void", "ptr", "i32")
local start_thread_call = cblib:wrap("ptr", "start_thread_call", "ptr", "i32")
local start_thread_calls = cblib:wrap("ptr", "start_thread_calls", "ptr", "i32", "i32")
local thread_done = cblib:wrap("i32", "thread_done", "ptr")
local join_thread_result = cblib:wrap("i32", "join_thread_result", "ptr")
local yield_cpu = cblib:wrap("void", "yield_cpu")

local function f32(x) return (string.unpack("f", string.pack("f", x))) end

-- Calls cb:tick() until the thread h has finished or the bound is reached;
-- returns whether it finished and how many calls tick() ran.
local MAX_SPINS = 2000000
local function tick_until_done(cb, h)
  local ran = 0
  for _ = 1, MAX_SPINS do
    if thread_done(h) ~= 0 then return true, ran end
    ran = ran + cb:tick()
    yield_cpu()
  end
  return thread_done(h) ~= 0, ran
end

-- Waits (without ticking) until the thread h has finished, within the bound.
-- A thread that never finishes is not joined: joining it would hang the test.
local function wait_done(h)
  for _ = 1, MAX_SPINS do
    if thread_done(h) ~= 0 then return true end
    yield_cpu()
  end
  return false
end

-- -- Synchronous calls --

t.test("callback methods come from one table, not a new closure per access", function()
  local a = ffi.callback("int", "int", function(x) return x end)
  local b = ffi.callback("double", "double", function(x) return x end)
  for _, m in ipairs { "blocking", "defaultreturn", "callcount", "tick", "free", "set" } do
    t.eq(type(a[m]), "function", m)
    t.truthy(rawequal(a[m], a[m]) and rawequal(a[m], b[m]), m .. " is one function")
  end
  t.errors(function() return a.nope end, "callback has no method 'nope'")
  t.eq(a:callcount(), 0, "the methods still work on their own object")
end)

t.test("int(int) callback called by C", function()
  local seen = {}
  local cb = ffi.callback("i32", "i32", function(x)
    seen[#seen + 1] = x
    return x * 2 + 1
  end)
  t.eq(call_int_int(cb, 20), 41)
  t.eq(call_int_int(cb, -5), -9)
  t.eq(#seen, 2)
  t.eq(seen[1], 20)
  t.eq(seen[2], -5)
  t.eq(cb:callcount(), 2)
end)

t.test("double(double, double) callback", function()
  local cb = ffi.callback("f64", "f64", "f64", function(a, b) return a * b - 0.5 end)
  t.eq(call_dd(cb, 1.5, 4), 5.5)
  t.eq(call_dd(cb, 0.1, 3), 0.1 * 3 - 0.5)
end)

t.test("C calls the callback n times and sums the results", function()
  local args = {}
  local cb = ffi.callback("i32", "i32", function(i)
    args[#args + 1] = i
    return i * i
  end)
  local expected = 0
  for i = 0, 9 do expected = expected + i * i end
  t.eq(call_n_times(cb, 10), expected)
  t.eq(#args, 10)
  for i = 0, 9 do t.eq(args[i + 1], i) end
  t.eq(cb:callcount(), 10)
end)

t.test("64-bit and float callbacks convert at their own width", function()
  local cb = ffi.callback("i64", "i64", function(x) return x - 1 end)
  t.eq(call_i64(cb, math.mininteger + 1), math.mininteger)
  t.eq(call_i64(cb, 1 << 40), (1 << 40) - 1)
  local received
  local fcb = ffi.callback("f32", "f32", function(x)
    received = x
    return x * 2
  end)
  t.eq(call_ff(fcb, 0.1), 2 * f32(0.1))
  t.eq(received, f32(0.1), "the callback receives the float's value")
end)

t.test("callback receiving a string and a pointer", function()
  local got
  local scb = ffi.callback("i32", "str", function(s)
    got = s
    return #s
  end)
  t.eq(call_with_str(scb, "hello there"), 11)
  t.eq(got, "hello there")

  local before
  local pcb = ffi.callback("void", "ptr", function(p)
    before = string.unpack("i4", ffi.read(p, 4))
    ffi.write(p, string.pack("i4", 99))
  end)
  t.eq(call_with_ptr(pcb, 41), 99, "the callback wrote through the pointer")
  t.eq(before, 41, "the callback read C's local")
end)

t.test("void() callback", function()
  local n = 0
  local cb = ffi.callback("void", function() n = n + 1 end)
  call_void(cb, 3)
  t.eq(n, 3)
  t.eq(cb:callcount(), 3)
end)

t.test("a callback may call back into C (re-entrancy)", function()
  local inner = ffi.callback("i32", "i32", function(x) return x + 100 end)
  local outer = ffi.callback("i32", "i32", function(x) return call_int_int(inner, x) * 2 end)
  t.eq(call_int_int(outer, 1), 202)
  t.eq(inner:callcount(), 1)
end)

t.test("many calls through one callback", function()
  local cb = ffi.callback("i32", "i32", function(i) return i % 7 end)
  local expected = 0
  for i = 0, 9999 do expected = expected + i % 7 end
  t.eq(call_n_times(cb, 10000), expected)
  t.eq(cb:callcount(), 10000)
end)

t.test("callbacks through C function-pointer declarations", function()
  local l = ffi.open(t.fixture("cb"))
  l:cdef [[
    int call_int_int(int (*f)(int), int x);
    double call_dd(double (*f)(double, double), double a, double b);
  ]]
  local cb = ffi.callback("i32", "i32", function(x) return -x end)
  t.eq(l.call_int_int(cb, 8), -8)
  -- a plain Lua function lives for that one call
  t.eq(l.call_int_int(function(x) return x * 3 end, 5), 15)
  t.eq(l.call_dd(function(a, b) return a - b end, 1.25, 0.5), 0.75)
end)

-- -- Errors in the Lua function --

t.test("an error in the callback fails the FFI call with its message", function()
  local ran = {}
  local cb = ffi.callback("i32", "i32", function(i)
    ran[#ran + 1] = i
    if i == 2 then error("boom at " .. i) end
    return 1
  end)
  t.errors(function() call_n_times(cb, 5) end, "boom at 2")
  t.eq(#ran, 3, "calls after the error skip the Lua function")
  t.eq(cb:callcount(), 5, "every invocation counts, errors and skipped ones included")
  -- the same callback works in the next FFI call
  t.eq(call_n_times(cb, 2), 2)
  t.eq(#ran, 5)
  -- and so does everything else
  local ok = ffi.callback("i32", "i32", function(x) return x + 1 end)
  t.eq(call_int_int(ok, 1), 2)
end)

t.test("an error value that is not a string still fails the call", function()
  local cb = ffi.callback("i32", "i32", function() error({ code = 1 }) end)
  local ok = pcall(call_int_int, cb, 1)
  t.eq(ok, false)
  t.eq(call_int_int(ffi.callback("i32", "i32", function(x) return x end), 4), 4)
end)

t.test("a bad return value from the callback is an error", function()
  local cb = ffi.callback("i32", "i32", function() return "not a number" end)
  t.errors(function() call_int_int(cb, 1) end, "got string")
  local cb2 = ffi.callback("i32", "i32", function() return 1.5 end)
  t.errors(function() call_int_int(cb2, 1) end, "number has no integer representation")
  t.eq(call_int_int(ffi.callback("i32", "i32", function(x) return x end), 6), 6)
end)

-- -- Methods --

t.test("callcount starts at 0", function()
  local cb = ffi.callback("i32", "i32", function(x) return x end)
  t.eq(cb:callcount(), 0)
  call_int_int(cb, 1)
  t.eq(cb:callcount(), 1)
end)

t.test("defaultreturn: get and set", function()
  local cb = ffi.callback("i32", "i32", function(x) return x end)
  t.eq(cb:defaultreturn(), 0, "default 0 for an integer result")
  cb:defaultreturn(-7)
  t.eq(cb:defaultreturn(), -7)
  local dcb = ffi.callback("f64", "f64", function(x) return x end)
  t.eq(dcb:defaultreturn(), 0)
  dcb:defaultreturn(2.5)
  t.eq(dcb:defaultreturn(), 2.5)
  local pcb = ffi.callback("ptr", "i32", function() return nil end)
  t.eq(pcb:defaultreturn(), nil, "nil for a pointer result")
  local vcb = ffi.callback("void", "i32", function() end)
  t.eq(vcb:defaultreturn(), nil, "nil for void")
end)

t.test("blocking: get and set", function()
  local cb = ffi.callback("i32", "i32", function(x) return x end)
  t.eq(cb:blocking(), false)
  cb:blocking(true)
  t.eq(cb:blocking(), true)
  cb:blocking(false)
  t.eq(cb:blocking(), false)
end)

t.test("tick with nothing waiting returns 0", function()
  local cb = ffi.callback("i32", "i32", function(x) return x end)
  t.eq(cb:tick(), 0)
  cb:blocking(true)
  t.eq(cb:tick(), 0)
end)

-- -- Foreign threads --

t.test("foreign thread, non-blocking: C gets the default value at once", function()
  local ran = false
  local cb = ffi.callback("i32", "i32", function(x)
    ran = true
    return x
  end)
  cb:defaultreturn(-7)
  local h = start_thread_call(cb, 5)
  t.truthy(not ffi.isnull(h), "thread started")
  t.truthy(wait_done(h), "the foreign call returned without any tick")
  t.eq(join_thread_result(h), -7, "C saw the default return value")
  t.eq(ran, false, "the Lua function did not run on the foreign thread")
  t.eq(cb:callcount(), 1)
end)

t.test("foreign thread, non-blocking, several calls", function()
  local cb = ffi.callback("i32", "i32", function(x) return x end)
  cb:defaultreturn(3)
  local h = start_thread_calls(cb, 10, 4)
  t.truthy(not ffi.isnull(h), "thread started")
  t.truthy(wait_done(h), "the foreign calls returned without any tick")
  t.eq(join_thread_result(h), 12, "4 calls, each returning the default 3")
  t.eq(cb:callcount(), 4)
end)

t.test("foreign thread, blocking: cb:tick() runs the waiting calls", function()
  local args = {}
  local cb = ffi.callback("i32", "i32", function(x)
    args[#args + 1] = x
    return x * 10
  end)
  cb:blocking(true)
  local h = start_thread_calls(cb, 1, 3)
  t.truthy(not ffi.isnull(h), "thread started")
  local done, ran = tick_until_done(cb, h)
  t.truthy(done, "the thread finished within " .. MAX_SPINS .. " ticks")
  t.eq(join_thread_result(h), 10 + 20 + 30, "C got the Lua function's results")
  t.eq(ran, 3, "tick() reported the calls it ran")
  t.eq(#args, 3)
  t.eq(args[1], 1)
  t.eq(args[2], 2)
  t.eq(args[3], 3)
  t.eq(cb:callcount(), 3)
end)

t.test("foreign thread, blocking: an error during tick is raised by tick()", function()
  local cb = ffi.callback("i32", "i32", function(x) error("tick boom " .. x) end)
  cb:blocking(true)
  cb:defaultreturn(-1)
  local h = start_thread_call(cb, 4)
  t.truthy(not ffi.isnull(h), "thread started")
  local err
  for _ = 1, MAX_SPINS do
    if thread_done(h) ~= 0 then break end
    local ok, e = pcall(cb.tick, cb)
    if not ok then
      err = e
      break
    end
    yield_cpu()
  end
  t.truthy(err ~= nil, "tick() raised the callback's error")
  t.truthy(tostring(err):find("tick boom 4", 1, true), "message: " .. tostring(err))
  -- the waiting C call got the default value and the thread can finish
  local finished = false
  for _ = 1, MAX_SPINS do
    if thread_done(h) ~= 0 then
      finished = true
      break
    end
    cb:tick()
    yield_cpu()
  end
  t.truthy(finished, "the thread finished after the error")
  t.eq(join_thread_result(h), -1, "C saw the default return value")
  t.eq(cb:callcount(), 1)
  -- the module still works
  t.eq(call_int_int(ffi.callback("i32", "i32", function(x) return x + 1 end), 1), 2)
end)

t.test("blocking callback called on the Lua thread runs synchronously", function()
  local cb = ffi.callback("i32", "i32", function(x) return x + 5 end)
  cb:blocking(true)
  t.eq(call_int_int(cb, 1), 6, "no tick needed on the Lua thread")
end)

t.done()
