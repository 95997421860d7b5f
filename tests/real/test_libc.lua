-- Real glibc functions, declared by hand as glibc's headers declare them
-- (typedefs, __restrict, attributes, function-pointer typedefs), called
-- through ffi.C. Expected values come from Lua itself (string.format,
-- os.date, os.getenv, table.sort), never from the output under test.
local t = require "harness"
local ffi = require "ffi"
local C = ffi.C

-- <stdlib.h>, <string.h>, <stdio.h>, <time.h> (glibc 2.36, x86-64), abridged.
ffi.cdef [[
typedef long int __time_t;
typedef __time_t time_t;

typedef int (*__compar_fn_t) (const void *, const void *);
extern void qsort (void *__base, size_t __nmemb, size_t __size,
                   __compar_fn_t __compar) __attribute__ ((__nonnull__ (1, 4)));

extern int snprintf (char *__restrict __s, size_t __maxlen,
                     const char *__restrict __format, ...)
     __attribute__ ((__nothrow__)) __attribute__ ((__format__ (__printf__, 3, 4)));

struct tm
{
  int tm_sec;                   /* Seconds.     [0-60] (1 leap second) */
  int tm_min;                   /* Minutes.     [0-59] */
  int tm_hour;                  /* Hours.       [0-23] */
  int tm_mday;                  /* Day.         [1-31] */
  int tm_mon;                   /* Month.       [0-11] */
  int tm_year;                  /* Year - 1900.  */
  int tm_wday;                  /* Day of week. [0-6] */
  int tm_yday;                  /* Days in year.[0-365] */
  int tm_isdst;                 /* DST.         [-1/0/1]*/
  long int tm_gmtoff;           /* Seconds east of UTC.  */
  const char *tm_zone;          /* Timezone abbreviation.  */
};

extern time_t time (time_t *__timer) __attribute__ ((__nothrow__ , __leaf__));
extern time_t mktime (struct tm *__tp) __attribute__ ((__nothrow__ , __leaf__));
extern struct tm *localtime_r (const time_t *__restrict __timer,
                               struct tm *__restrict __tp) __attribute__ ((__nothrow__ , __leaf__));
extern void tzset (void) __attribute__ ((__nothrow__ , __leaf__));

extern char *getenv (const char *__name) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__nonnull__ (1)));
extern int setenv (const char *__name, const char *__value, int __replace)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__nonnull__ (2)));
extern int unsetenv (const char *__name) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__nonnull__ (1)));

extern long int strtol (const char *__restrict __nptr,
                        char **__restrict __endptr, int __base)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__nonnull__ (1)));
extern char *strerror (int __errnum) __attribute__ ((__nothrow__ , __leaf__));

extern char *strdup (const char *__s)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__malloc__)) __attribute__ ((__nonnull__ (1)));
extern void free (void *__ptr) __attribute__ ((__nothrow__ , __leaf__));
extern size_t strlen (const char *__s)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__pure__)) __attribute__ ((__nonnull__ (1)));
extern void *memcpy (void *__restrict __dest, const void *__restrict __src,
                     size_t __n) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__nonnull__ (1, 2)));
extern void *memset (void *__s, int __c, size_t __n) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__nonnull__ (1)));
extern int memcmp (const void *__s1, const void *__s2, size_t __n)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__pure__)) __attribute__ ((__nonnull__ (1, 2)));

typedef int (*__compar_d_fn_t) (const void *, const void *, void *);
extern void qsort_r (void *__base, size_t __nmemb, size_t __size,
                     __compar_d_fn_t __compar, void *__arg)
  __attribute__ ((__nonnull__ (1, 4)));
extern void *bsearch (const void *__key, const void *__base,
                      size_t __nmemb, size_t __size, __compar_fn_t __compar)
     __attribute__ ((__nonnull__ (1, 2, 5)));

typedef struct
  {
    int quot;                   /* Quotient.  */
    int rem;                    /* Remainder.  */
  } div_t;
typedef struct
  {
    long int quot;              /* Quotient.  */
    long int rem;               /* Remainder.  */
  } ldiv_t;
extern div_t div (int __numer, int __denom)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__const__));
extern ldiv_t ldiv (long int __numer, long int __denom)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__const__));

extern size_t strftime (char *__restrict __s, size_t __maxsize,
                        const char *__restrict __format,
                        const struct tm *__restrict __tp) __attribute__ ((__nothrow__ , __leaf__));
]]

local ERANGE = 34 -- <asm-generic/errno-base.h>
-- the data model, from Lua's own C (string.pack uses the target compiler's
-- long and size_t): LP64 (x86-64, AArch64, ppc64le, s390x) or ILP32 (i386, armhf)
local LONG = string.packsize("l")
local LONG_MAX, LONG_MIN = (1 << (LONG * 8 - 1)) - 1, -(1 << (LONG * 8 - 1))
local LP64 = LONG == 8 and string.packsize("T") == 8

-- A deterministic pseudo-random sequence (a 31-bit LCG), so failures repeat.
local function lcg(seed)
  local s = seed
  return function(n)
    s = (s * 1103515245 + 12345) % 2147483648
    return s % n
  end
end

---------------------------------------------------------------------------
-- qsort
---------------------------------------------------------------------------

t.test("qsort an int[?] array with a Lua comparator passed directly", function()
  local n = 200
  local rnd = lcg(7)
  local arr = ffi.new("int[?]", n)
  local expected = {}
  for i = 0, n - 1 do
    local v = rnd(2001) - 1000
    arr[i] = v
    expected[i + 1] = v
  end
  table.sort(expected)

  local calls = 0
  C.qsort(arr, n, ffi.sizeof("int"), function(a, b)
    calls = calls + 1
    local x = ffi.cast("const int *", a)[0]
    local y = ffi.cast("const int *", b)[0]
    return x < y and -1 or (x > y and 1 or 0)
  end)
  t.truthy(calls >= n - 1, "the comparator ran (" .. calls .. " calls)")
  for i = 0, n - 1 do
    t.eq(arr[i], expected[i + 1], "arr[" .. i .. "]")
  end
end)

t.test("qsort descending: the comparator's sign is honoured", function()
  local arr = ffi.new("int[?]", 6, { 3, -1, 4, 1, -5, 9 })
  C.qsort(arr, #arr, 4, function(a, b)
    return ffi.cast("const int *", b)[0] - ffi.cast("const int *", a)[0]
  end)
  local got = {}
  for i = 0, #arr - 1 do got[#got + 1] = arr[i] end
  t.eq(table.concat(got, ","), "9,4,3,1,-1,-5")
end)

t.test("qsort redeclared with an inline function-pointer type is the same declaration", function()
  -- stdlib.h's typedef form above and the spelled-out form are one type.
  local libc = ffi.open("libc.so.6")
  libc:cdef [[
    void qsort(void *base, size_t nmemb, size_t size,
               int (*compar)(const void *, const void *));
  ]]
  local arr = ffi.new("int[4]", { 40, 10, 30, 20 })
  libc.qsort(arr, 4, ffi.sizeof("int"), function(a, b)
    local x, y = ffi.cast("const int *", a)[0], ffi.cast("const int *", b)[0]
    return (x > y and 1 or 0) - (x < y and 1 or 0)
  end)
  t.eq(arr[0] .. "," .. arr[1] .. "," .. arr[2] .. "," .. arr[3], "10,20,30,40")
end)

ffi.cdef [[
struct item {
  int key;
  int id;
  double weight;
  char tag[8];
};
]]

t.test("qsort an array of structs (key ascending, then id descending)", function()
  t.eq(ffi.sizeof("struct item"), 24)
  local n = 60
  local rnd = lcg(12345)
  local items = ffi.new("struct item[?]", n)
  local model = {}
  for i = 0, n - 1 do
    local key = rnd(10)
    local it = items[i]
    it.key = key
    it.id = i
    it.weight = i * 0.5
    it.tag = "t" .. i
    model[#model + 1] = { key = key, id = i }
  end
  table.sort(model, function(a, b)
    if a.key ~= b.key then return a.key < b.key end
    return a.id > b.id
  end)

  C.qsort(items, n, ffi.sizeof("struct item"), function(a, b)
    local x = ffi.cast("const struct item *", a)
    local y = ffi.cast("const struct item *", b)
    if x.key ~= y.key then return x.key < y.key and -1 or 1 end
    return y.id - x.id
  end)

  for i = 0, n - 1 do
    local it = items[i]
    t.eq(it.key, model[i + 1].key, "items[" .. i .. "].key")
    t.eq(it.id, model[i + 1].id, "items[" .. i .. "].id")
    -- the other fields moved with their record
    t.eq(it.weight, it.id * 0.5, "items[" .. i .. "].weight")
    t.eq(ffi.string(it.tag), "t" .. it.id, "items[" .. i .. "].tag")
  end
end)

t.test("qsort_r passes its void *arg to the comparator; bsearch finds records", function()
  local n = 40
  local rnd = lcg(99)
  local items = ffi.new("struct item[?]", n)
  local keys = {}
  for i = 0, n - 1 do
    local k = rnd(1000) * 2 -- even keys, so odd ones are surely absent
    items[i].key = k
    items[i].id = i
    keys[#keys + 1] = k
  end
  table.sort(keys, function(a, b) return a > b end)

  local dir = ffi.new("int[1]", { -1 }) -- the "arg": -1 sorts descending
  local arg_ok = true
  C.qsort_r(items, n, ffi.sizeof("struct item"), function(a, b, arg)
    if arg ~= ffi.addressof(dir) then arg_ok = false end
    local x = ffi.cast("const struct item *", a).key
    local y = ffi.cast("const struct item *", b).key
    local sign = ffi.cast("int *", arg)[0]
    return sign * ((x > y and 1 or 0) - (x < y and 1 or 0))
  end, dir)
  t.truthy(arg_ok, "qsort_r's arg reached the comparator")
  for i = 0, n - 1 do t.eq(items[i].key, keys[i + 1], "items[" .. i .. "].key") end

  -- bsearch over the descending array, with a comparator to match
  local function find(k)
    local key = ffi.new("struct item", { key = k })
    local r = C.bsearch(key, items, n, ffi.sizeof("struct item"), function(a, b)
      local x = ffi.cast("const struct item *", a).key
      local y = ffi.cast("const struct item *", b).key
      return (x < y and 1 or 0) - (x > y and 1 or 0)
    end)
    return r -- void *: a light userdata, NULL == ffi.nullptr
  end
  for _, i in ipairs({ 0, 7, n - 1 }) do
    local r = find(keys[i + 1])
    t.truthy(r ~= ffi.nullptr, "found key " .. keys[i + 1])
    local rec = ffi.cast("struct item *", r)
    t.eq(rec.key, keys[i + 1])
    -- which element: (address - base) / sizeof
    local idx = (ffi.cast("uintptr_t", r) - ffi.cast("uintptr_t", items)) // ffi.sizeof("struct item")
    t.eq(items[idx].key, keys[i + 1])
  end
  t.eq(find(1), ffi.nullptr, "an odd key is absent")
  t.eq(find(2001), ffi.nullptr)
end)

t.test("div / ldiv return div_t / ldiv_t by value (C truncating division)", function()
  local function c_div(a, b) -- C99: truncate toward zero
    local q = a // b
    if q < 0 and q * b ~= a then q = q + 1 end
    return q, a - q * b
  end
  for _, c in ipairs({ { 7, 2 }, { -7, 2 }, { 7, -2 }, { -7, -2 }, { 0, 5 }, { 2147483647, 10 } }) do
    local r = C.div(c[1], c[2])
    local q, rem = c_div(c[1], c[2])
    t.eq(r.quot, q, "div(" .. c[1] .. ", " .. c[2] .. ").quot")
    t.eq(r.rem, rem, "div(" .. c[1] .. ", " .. c[2] .. ").rem")
  end
  local big = LP64 and 9007199254740993 or 2000000011 -- needs 64 bits on LP64
  local r = C.ldiv(-big, 1000)
  local q, rem = c_div(-big, 1000)
  t.eq(r.quot, q)
  t.eq(r.rem, rem)
  t.eq(ffi.sizeof(r), 2 * LONG)
end)

---------------------------------------------------------------------------
-- snprintf
---------------------------------------------------------------------------

t.test("snprintf with mixed varargs matches string.format", function()
  local buf = ffi.alloc(256)
  local big = 1234567890123456789
  local addr = ffi.cast("uintptr_t", buf)
  local n = C.snprintf(buf, 256, "%d %lld %s %f %c %p %x",
    ffi.new("int", -42), big, "text", 3.14159, ffi.new("int", 65), buf,
    ffi.new("unsigned int", 0xdeadbeef))
  local expected = string.format("%d %d %s %f %c 0x%x %x",
    -42, big, "text", 3.14159, 65, addr, 0xdeadbeef)
  t.eq(ffi.string(buf), expected)
  t.eq(n, #expected, "snprintf's result is the length written")
end)

t.test("snprintf promotes a boxed float to double and small ints to int", function()
  local buf = ffi.alloc(64)
  local f = string.unpack("f", string.pack("f", 0.1)) -- 0.1 rounded to float
  C.snprintf(buf, 64, "%.10f|%d|%hhd|%g", ffi.new("float", 0.1),
    ffi.new("short", -300), ffi.new("signed char", -7), -2.5e-3)
  t.eq(ffi.string(buf), string.format("%.10f|%d|%d|%g", f, -300, -7, -2.5e-3))
end)

t.test("snprintf truncates to the size given and returns the full length", function()
  local buf = ffi.alloc(8)
  ffi.fill(buf, 8, string.byte("#"))
  local n = C.snprintf(buf, 8, "%s-%lld", "abcdef", 12345)
  t.eq(n, #"abcdef-12345")
  t.eq(ffi.read(buf), "abcdef-\0")
end)

---------------------------------------------------------------------------
-- time, localtime_r, mktime
---------------------------------------------------------------------------

-- "+0130" / "-0500" -> seconds east of UTC
local function parse_z(z)
  local sign, hh, mm = z:match("^([+-])(%d%d)(%d%d)$")
  assert(sign, "unexpected %z output " .. tostring(z))
  local s = tonumber(hh) * 3600 + tonumber(mm) * 60
  return sign == "-" and -s or s
end

local function check_tm(tm, when)
  local d = os.date("*t", when)
  local what = " at " .. when
  t.eq(tm.tm_year + 1900, d.year, "year" .. what)
  t.eq(tm.tm_mon + 1, d.month, "month" .. what)
  t.eq(tm.tm_mday, d.day, "day" .. what)
  t.eq(tm.tm_hour, d.hour, "hour" .. what)
  t.eq(tm.tm_min, d.min, "min" .. what)
  t.eq(tm.tm_sec, d.sec, "sec" .. what)
  t.eq(tm.tm_wday + 1, d.wday, "wday" .. what)
  t.eq(tm.tm_yday + 1, d.yday, "yday" .. what)
  t.eq(tm.tm_isdst > 0, d.isdst, "isdst" .. what)
  t.eq(tm.tm_gmtoff, parse_z(os.date("%z", when)), "gmtoff" .. what)
  t.eq(tm.tm_zone, os.date("%Z", when), "zone" .. what)
end

t.test("struct tm has glibc's layout", function()
  -- nine ints, then long tm_gmtoff and const char *tm_zone
  t.eq(ffi.sizeof("struct tm"), LP64 and 56 or 44)
  t.eq(ffi.offsetof("struct tm", "tm_isdst"), 32)
  t.eq(ffi.offsetof("struct tm", "tm_gmtoff"), LP64 and 40 or 36)
  t.eq(ffi.offsetof("struct tm", "tm_zone"), LP64 and 48 or 40)
end)

t.test("time() through a time_t * out-pointer and as the result", function()
  local before = os.time()
  local out = ffi.new("time_t[1]")
  local now = C.time(out)
  local after = os.time()
  t.int(now)
  t.eq(out[0], now)
  t.truthy(before <= now and now <= after, "time() between two os.time() calls")
  t.truthy(C.time(nil) >= now, "time(NULL) works too")
end)

t.test("localtime_r fills struct tm like os.date('*t') (TZ with DST rules)", function()
  local saved_tz = os.getenv("TZ")
  -- Central European Time: UTC+1, summer time UTC+2 from the last Sunday of
  -- March to the last Sunday of October.
  t.eq(C.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1), 0)
  C.tzset()

  local tp = ffi.new("time_t[1]")
  local out = ffi.new("struct tm")
  local now = C.time(nil)
  local cases = {
    { when = 1700000000, gmtoff = 3600, zone = "CET", dst = false },  -- 2023-11-14 22:13:20 UTC
    { when = 1690000000, gmtoff = 7200, zone = "CEST", dst = true },  -- 2023-07-22 04:26:40 UTC
    { when = now },
    { when = 0, gmtoff = 3600, zone = "CET", dst = false },
  }
  local ok, err = pcall(function()
    for _, c in ipairs(cases) do
      tp[0] = c.when
      local p = C.localtime_r(tp, out)
      t.truthy(p ~= nil, "localtime_r returned a pointer")
      t.eq(ffi.addressof(p), ffi.addressof(out), "localtime_r returns its tm argument")
      check_tm(out, c.when)
      if c.gmtoff then
        t.eq(out.tm_gmtoff, c.gmtoff, "known offset at " .. c.when)
        t.eq(out.tm_zone, c.zone, "known zone at " .. c.when)
        t.eq(out.tm_isdst > 0, c.dst, "known dst at " .. c.when)
        -- the UTC fields, computed by hand from the epoch value
        local utc = os.date("!*t", c.when)
        local local_secs = ((utc.hour * 60 + utc.min) * 60 + utc.sec + c.gmtoff) % 86400
        t.eq((out.tm_hour * 60 + out.tm_min) * 60 + out.tm_sec, local_secs, "local time of day")
      end
      -- the returned pointer reads the same memory
      t.eq(p.tm_mday, out.tm_mday)
      t.eq(p.tm_zone, out.tm_zone)
      -- strftime formats the same fields as os.date
      local fmt = "%Y-%m-%d %H:%M:%S %Z %z %a %b %j %U"
      local sbuf = ffi.alloc(128)
      local len = C.strftime(sbuf, 128, fmt, out)
      local want = os.date(fmt, c.when)
      t.eq(len, #want, "strftime length at " .. c.when)
      t.eq(ffi.string(sbuf), want, "strftime at " .. c.when)
      t.eq(C.strftime(sbuf, 4, fmt, out), 0, "strftime: too small a buffer gives 0")
      -- and mktime turns it back into the same time_t
      t.eq(C.mktime(out), c.when, "mktime round trip at " .. c.when)
    end
  end)
  if saved_tz then C.setenv("TZ", saved_tz, 1) else C.unsetenv("TZ") end
  C.tzset()
  if not ok then error(err, 0) end
end)

---------------------------------------------------------------------------
-- getenv / setenv
---------------------------------------------------------------------------

t.test("getenv: char * result (ffi.string), NULL -> nil; setenv/unsetenv", function()
  local name = "PLUTO_FFI_REAL_TEST_VAR"
  local value = "value " .. tostring(os.time()) .. " é\t!"
  t.eq(C.getenv("PLUTO_FFI_SURELY_UNSET_" .. os.time()), nil)

  t.eq(C.setenv(name, value, 1), 0)
  local p = C.getenv(name)
  t.type(p, "userdata", "char * result stays a pointer")
  t.eq(ffi.string(p), value)
  t.eq(os.getenv(name), value, "Lua's os.getenv sees the same environment")

  t.eq(C.setenv(name, "ignored", 0), 0) -- replace = 0 keeps the old value
  t.eq(ffi.string(C.getenv(name)), value)

  t.eq(C.unsetenv(name), 0)
  t.eq(C.getenv(name), nil)
  t.eq(os.getenv(name), nil)
end)

t.test("getenv wrapped as const char * -> Lua string / nil", function()
  local getenv = C:wrap("const char *", "getenv", "const char *")
  t.eq(C.setenv("PLUTO_FFI_REAL_TEST_VAR2", "abc=def", 1), 0)
  t.eq(getenv("PLUTO_FFI_REAL_TEST_VAR2"), "abc=def")
  t.eq(C.unsetenv("PLUTO_FFI_REAL_TEST_VAR2"), 0)
  t.eq(getenv("PLUTO_FFI_REAL_TEST_VAR2"), nil)
end)

---------------------------------------------------------------------------
-- strtol, errno
---------------------------------------------------------------------------

t.test("strtol with a char ** endptr out-pointer", function()
  local endp = ffi.new("char *[1]")
  t.eq(C.strtol("  -1234xyz", endp, 10), -1234)
  t.eq(ffi.string(endp[0]), "xyz")

  t.eq(C.strtol("0755", endp, 0), 493, "base 0: octal")
  t.eq(ffi.string(endp[0]), "")
  t.eq(C.strtol("0x1Ag", endp, 0), 26, "base 0: hex")
  t.eq(ffi.string(endp[0]), "g")
  t.eq(C.strtol("zz", endp, 36), 35 * 36 + 35)

  -- no digits: endptr == nptr
  t.eq(C.strtol("abc", endp, 10), 0)
  t.eq(ffi.string(endp[0]), "abc")

  -- NULL endptr is allowed
  t.eq(C.strtol("77", nil, 8), 63)
end)

t.test("strtol endptr points into the caller's buffer", function()
  local buf = ffi.alloc(16)
  ffi.copy(buf, "0x7fZZ")
  local base = ffi.cast("char *", buf)
  local endp = ffi.new("char *[1]")
  t.eq(C.strtol(buf, endp, 16), 0x7f)
  t.eq(endp[0] - base, 4, "4 characters consumed")
  t.truthy(endp[0] == base + 4, "endptr == buf + 4")
  t.eq(endp[0][0], string.byte("Z"))
end)

t.test("strtol overflow: LONG_MAX/LONG_MIN and errno = ERANGE via ffi.errno()", function()
  local endp = ffi.new("char *[1]")
  ffi.errno(0)
  t.eq(C.strtol("42", endp, 10), 42)
  t.eq(ffi.errno(), 0, "errno untouched by a successful strtol")

  t.eq(C.strtol("99999999999999999999", endp, 10), LONG_MAX)
  t.eq(ffi.errno(), ERANGE)
  t.eq(ffi.string(endp[0]), "", "all digits consumed even on overflow")
  t.truthy(ffi.string(C.strerror(ERANGE)):find("out of range", 1, true), "strerror(ERANGE)")

  ffi.errno(0)
  t.eq(C.strtol("-99999999999999999999", endp, 10), LONG_MIN)
  t.eq(ffi.errno(), ERANGE)

  -- the largest value that fits is no error
  ffi.errno(0)
  t.eq(C.strtol(string.format("%d", LONG_MAX), endp, 10), LONG_MAX)
  t.eq(ffi.errno(), 0)
end)

---------------------------------------------------------------------------
-- strdup / free / ffi.gc, strlen, memcpy, memset
---------------------------------------------------------------------------

t.test("strdup: char * result is a pointer; ffi.string copies it", function()
  local p = C.strdup("hello, world")
  t.type(p, "userdata")
  t.truthy(not ffi.isnull(p))
  t.eq(ffi.string(p), "hello, world")
  t.eq(ffi.string(p, 5), "hello")
  t.eq(C.strlen(p), 12)
  t.eq(p[0], string.byte("h"))
  p[0] = string.byte("J") -- the copy is ours to write
  t.eq(ffi.string(p), "Jello, world")
  C.free(p)
end)

t.test("ffi.gc(strdup(...), free) runs the finalizer once", function()
  local freed, seen = 0, {}
  local function counting_free(p)
    freed = freed + 1
    seen[#seen + 1] = ffi.string(p)
    C.free(p)
  end
  -- in a function of its own, so no dead stack slot keeps the pointers alive
  local function make(s) local p = ffi.gc(C.strdup(s), counting_free); t.eq(ffi.string(p), s) end
  make("first")
  make("second")
  collectgarbage()
  collectgarbage()
  t.eq(freed, 2, "the finalizer ran for each pointer")
  table.sort(seen)
  t.eq(table.concat(seen, ","), "first,second", "the finalizer saw the live string")
  collectgarbage()
  t.eq(freed, 2, "and only once")

  -- ffi.gc(p, nil) removes it
  local kept = ffi.gc(C.strdup("kept"), counting_free)
  ffi.gc(kept, nil)
  local raw = ffi.addressof(kept)
  kept = nil
  collectgarbage()
  collectgarbage()
  t.eq(freed, 2, "a removed finalizer does not run")
  C.free(raw)

  -- the wrapper itself as the finalizer (LeakSanitizer checks it in the asan build)
  local function plain(s) t.eq(ffi.string(ffi.gc(C.strdup(s), C.free)), s) end
  for i = 1, 50 do plain(string.rep("x", i)) end
  collectgarbage()
  collectgarbage()
end)

t.test("strlen on buffers and char arrays", function()
  local buf = ffi.alloc(32)
  ffi.write(buf, "abc\0def")
  t.eq(C.strlen(buf), 3)
  ffi.write(buf, "0123456789")
  t.eq(C.strlen(buf), 10)
  local arr = ffi.new("char[16]", "hello")
  t.eq(C.strlen(arr), 5)
  t.eq(C.strlen(ffi.cast("char *", buf) + 4), 6, "from a pointer into the buffer")
  t.eq(C.strlen(""), 0)
  t.eq(C.strlen(string.rep("x", 1000)), 1000)
end)

t.test("memcpy and memset on typed pointers", function()
  local src = ffi.new("int[8]", { 1, 2, 3, 4, 5, 6, 7, 8 })
  local dst = ffi.new("int[8]")
  local s = ffi.cast("int *", src)
  local d = ffi.cast("int *", dst)

  local r = C.memcpy(d + 2, s + 1, 3 * ffi.sizeof("int"))
  t.eq(r, ffi.addressof(d + 2), "memcpy returns its destination")
  local got = {}
  for i = 0, 7 do got[#got + 1] = dst[i] end
  t.eq(table.concat(got, ","), "0,0,2,3,4,0,0,0")

  r = C.memset(d, 0xff, 2 * ffi.sizeof("int"))
  t.eq(r, ffi.addressof(dst))
  t.eq(dst[0], -1)
  t.eq(dst[1], -1)
  t.eq(dst[2], 2)
  C.memset(d + 5, 1, ffi.sizeof("int"))
  t.eq(dst[5], 0x01010101)
  t.eq(dst[6], 0)

  -- whole records through struct pointers
  local a = ffi.new("struct item", { key = 7, id = 9, weight = 2.25, tag = "abc" })
  local b = ffi.new("struct item")
  C.memcpy(ffi.cast("struct item *", b), ffi.cast("const struct item *", a), ffi.sizeof(a))
  t.eq(b.key, 7)
  t.eq(b.id, 9)
  t.eq(b.weight, 2.25)
  t.eq(ffi.string(b.tag), "abc")
  t.eq(C.memcmp(a, b, ffi.sizeof(a)), 0)
  b.id = 10
  t.truthy(C.memcmp(a, b, ffi.sizeof(a)) < 0, "memcmp sees the change")
  t.eq(ffi.read(a, 4), string.pack("i4", 7))
end)

t.done()
