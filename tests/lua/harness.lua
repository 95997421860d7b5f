-- harness.lua -- a tiny test harness for the Lua behaviour tests.
--
--   local t = require "harness"
--   t.test("adds", function() t.eq(1 + 1, 2) end)
--   t.done()   -- prints "N passed, N failed"; exits 1 on any failure
--
-- Assertions raise an error (with the caller's position) that t.test catches,
-- so one failing check ends only its own test.

local t = {}

local passed, failed = 0, 0

local function fail(msg, level)
  error(msg, (level or 2) + 1)
end

-- "msg: " before a failure's description, or nothing.
local function prefix(msg)
  return msg and (msg .. ": ") or ""
end

local function show(v)
  if type(v) == "string" then
    return string.format("%q", v)
  elseif math.type(v) == "float" then
    return string.format("%.17g (float)", v)
  end
  return tostring(v)
end

-- Runs fn as one test; a failure is reported with a traceback and counted.
function t.test(name, fn)
  local ok, err = xpcall(fn, function(e)
    return debug.traceback(tostring(e), 2)
  end)
  if ok then
    passed = passed + 1
    print("ok     " .. name)
  else
    failed = failed + 1
    print("FAIL   " .. name .. "\n" .. err:gsub("\n", "\n       "))
  end
end

-- a == b (raw Lua equality: 1 == 1.0 holds; use t.int for integer-ness).
function t.eq(a, b, msg)
  if a ~= b then
    fail(string.format("%sexpected %s, got %s", prefix(msg), show(b), show(a)))
  end
end

function t.ne(a, b, msg)
  if a == b then
    fail(string.format("%sexpected a value other than %s", prefix(msg), show(b)))
  end
end

-- |a - b| <= eps (default 1e-12, relative for large values).
function t.near(a, b, eps, msg)
  eps = eps or 1e-12
  if type(a) ~= "number" or type(b) ~= "number" then
    fail(string.format("%sexpected numbers, got %s and %s", prefix(msg), show(a), show(b)))
  end
  local scale = math.max(1, math.abs(b))
  if not (math.abs(a - b) <= eps * scale) then
    fail(string.format("%sexpected %s within %g, got %s", prefix(msg), show(b), eps, show(a)))
  end
end

-- v is a Lua integer equal to expected (when given).
function t.int(v, expected, msg)
  if math.type(v) ~= "integer" then
    fail(string.format("%sexpected an integer, got %s", prefix(msg), show(v)))
  end
  if expected ~= nil and v ~= expected then
    fail(string.format("%sexpected %s, got %s", prefix(msg), show(expected), show(v)))
  end
end

function t.truthy(v, msg)
  if not v then
    fail(msg or ("expected a true value, got " .. show(v)))
  end
end

function t.type(v, ty, msg)
  if type(v) ~= ty then
    fail(string.format("%sexpected a %s, got %s (%s)", prefix(msg), ty, type(v), show(v)))
  end
end

-- fn() must raise an error whose message contains each plain-text substring
-- given (pattern may be a string or a list of strings). Returns the message.
function t.errors(fn, pattern, msg)
  local ok, err = pcall(fn)
  if ok then
    fail(prefix(msg) .. "expected an error, but the call succeeded")
  end
  local text = tostring(err)
  local wanted = type(pattern) == "table" and pattern or { pattern }
  for _, p in ipairs(wanted) do
    if not text:find(p, 1, true) then
      fail(string.format("%serror message %s does not contain %s", prefix(msg), show(text), show(p)))
    end
  end
  return text
end

-- The full path of a fixture library: t.fixture("seed") -> <FFI_FIXTURE_DIR>/libseed.so.
function t.fixture(name)
  local dir = os.getenv("FFI_FIXTURE_DIR")
  if not dir or dir == "" then
    error("FFI_FIXTURE_DIR is not set (run the tests through ctest)", 2)
  end
  return dir .. "/lib" .. name .. ".so"
end

-- The full path of a file in the source tree: t.source("tests/fixtures/x.h").
function t.source(rel)
  local dir = os.getenv("FFI_SOURCE_DIR")
  if not dir or dir == "" then
    error("FFI_SOURCE_DIR is not set (run the tests through ctest)", 2)
  end
  return dir .. "/" .. rel
end

function t.readfile(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- Prints the summary line; exits with status 1 if anything failed or no test ran.
function t.done()
  print(string.format("%d passed, %d failed", passed, failed))
  if failed > 0 or passed == 0 then
    os.exit(1)
  end
end

return t
