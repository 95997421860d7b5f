-- real_libc.lua -- glibc through modules imported from math.h (libm) and
-- string.h, stdlib.h, time.h, stdio.h (libc).
--   lua real_libc.lua <libm.pluto> <libc.pluto>
local t = require "harness"
local ffi = require "ffi"
local m = dofile(assert(arg[1], "usage: real_libc.lua <libm module> <libc module>"))
local c = dofile(assert(arg[2], "usage: real_libc.lua <libm module> <libc module>"))

t.test("math.h", function()
  t.eq(m.sqrt(2.0), math.sqrt(2.0))
  t.eq(m.floor(-2.5), -3.0)
  t.eq(m.pow(2.0, 10.0), 1024.0)
  t.eq(m.fabs(-4.25), 4.25)
  t.eq(m.sqrtf(16.0), 4.0)
  t.near(m.sin(m.M_PI / 2), 1.0)
  t.eq(m.M_PI, math.pi)
  t.eq(m.hypot(3.0, 4.0), 5.0)
  local iptr = ffi.new("double[1]")
  t.eq(m.modf(3.75, iptr), 0.75)
  t.eq(iptr[0], 3.0)
  t.eq(m.HUGE_VAL, math.huge)
  t.eq(m.ldexp(1.0, 10), 1024.0)
end)

t.test("string.h", function()
  t.eq(c.strlen("hello"), 5)
  t.truthy(c.strcmp("abc", "abd") < 0)
  t.eq(c.strncmp("abcdef", "abcxyz", 3), 0)
  local buf = ffi.new("char[16]")
  c.memcpy(buf, ffi.new("char[6]", "pluto"), 6)
  t.eq(ffi.string(buf), "pluto")
  c.memset(buf, 65, 3)
  t.eq(ffi.string(buf), "AAAto")
  t.eq(ffi.string(c.strchr("hello", string.byte("l"))), "llo")
  t.eq(c.strchr("hello", string.byte("z")), nil)
  local dup = c.strdup("copy me")
  t.eq(ffi.string(dup), "copy me")
  c.free(dup)
  t.eq(ffi.string(c.strerror(2)), "No such file or directory") -- char *: a pointer
end)

t.test("stdlib.h: qsort with a Lua comparator", function()
  local values = { 42, -7, 19, 0, 3, 3, 1000, -250 }
  local n = #values
  local arr = ffi.new("int[?]", n, values)
  local calls = 0
  c.qsort(arr, n, ffi.sizeof("int"), function(a, b)
    calls = calls + 1
    local x, y = ffi.cast("const int *", a)[0], ffi.cast("const int *", b)[0]
    return x < y and -1 or (x > y and 1 or 0)
  end)
  table.sort(values)
  for i = 1, n do t.eq(arr[i - 1], values[i]) end
  t.truthy(calls > 0)
  t.eq(c.atoi("1234"), 1234)
  t.eq(c.strtol("ff", nil, 16), 255)
  t.eq(c.abs(-9), 9)
  t.eq(c.EXIT_FAILURE, 1)
  local d = c.div(17, 5)
  t.eq(d.quot, 3)
  t.eq(d.rem, 2)
end)

t.test("time.h: struct tm", function()
  local tt = ffi.new("time_t[1]", { 86400 * 365 + 3600 * 5 + 60 * 6 + 7 }) -- 1971-01-01 05:06:07 UTC
  local tm = c.types.tm()
  t.truthy(c.gmtime_r(tt, tm))
  t.eq(tm.tm_year, 71)
  t.eq(tm.tm_mon, 0)
  t.eq(tm.tm_mday, 1)
  t.eq(tm.tm_hour, 5)
  t.eq(tm.tm_min, 6)
  t.eq(tm.tm_sec, 7)
  local out = ffi.new("char[64]")
  local n = c.strftime(out, 64, "%Y-%m-%d %H:%M:%S", tm)
  t.eq(ffi.string(out, n), "1971-01-01 05:06:07")
  t.eq(c.timegm(tm), tt[0])
  t.eq(ffi.sizeof(tm), 56)
end)

t.test("stdio.h: snprintf", function()
  local buf = ffi.new("char[64]")
  local n = c.snprintf(buf, 64, "%s=%d (%.2f) %c %x", "answer", 42, 3.14159, 65, 255)
  t.eq(ffi.string(buf), "answer=42 (3.14) A ff")
  t.eq(n, #"answer=42 (3.14) A ff")
  t.eq(c.snprintf(nil, 0, "%05d", 7), 5)
  t.eq(c.EOF, -1)
  t.eq(c.BUFSIZ, 8192)
end)

t.done()
