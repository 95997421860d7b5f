-- Function-like macros translated to Lua functions (fixtures/fnmacro.h):
-- every call gives what the C compiler computed (fnmacro_expect.c wrote the
-- expected values), comparisons and logical operators give booleans, and
-- each kind outside the subset stays skipped with its reason.
-- Usage: test_fnmacro.lua <module> <expected values>
local ffi = require "ffi"
local path, expect_path = assert(arg[1]), assert(arg[2])
local M = assert(dofile(path))
local expect = assert(dofile(expect_path))
local fails = 0

local function call(expr)
  return assert(load("return M." .. expr, expr, "t", { M = M }))()
end

local function check(ok, fmt, ...)
  if not ok then
    fails = fails + 1
    io.stderr:write(("FAIL: " .. fmt .. "\n"):format(...))
  end
end

for _, c in ipairs(expect.ints) do
  local v = call(c[1])
  check(math.type(v) == "integer" and v == c[2], "%s = %s (%s), C says %d", c[1], tostring(v), math.type(v), c[2])
end
for _, c in ipairs(expect.floats) do
  local v = call(c[1])
  check(math.type(v) == "float" and v == c[2], "%s = %s, C says %.17g", c[1], tostring(v), c[2])
end
for _, c in ipairs(expect.bools) do
  local v = call(c[1])
  check(type(v) == "boolean" and v == c[2], "%s = %s, C says %s", c[1], tostring(v), tostring(c[2]))
end
for _, c in ipairs(expect.strings) do
  local v = call(c[1])
  check(v == c[2], "%s = %s, C says %s", c[1], tostring(v), c[2])
end

-- members through a record and through a pointer to it
local pt = ffi.new("fm_point", { x = 3, y = 4 })
check(M.FM_SY(pt) == 4, "FM_SY(pt) = %s", tostring(M.FM_SY(pt)))
local pp = ffi.cast("fm_point *", ffi.addressof(pt))
check(M.FM_PX(pp) == 3, "FM_PX(&pt) = %s", tostring(M.FM_PX(pp)))

-- in Lua, `if M.FM_IS_EVEN(3) then` means what it means in C
check(not M.FM_IS_EVEN(3) and M.FM_IS_EVEN(2), "FM_IS_EVEN in a condition")

-- a macro that shares its name with a library function keeps the function
check(M.abs(-9) == 9, "M.abs is the library's abs")

-- the kinds that stay skipped, each with its reason
local text = assert(io.open(path)):read("a")
local skipped = {
  FM_STMT = "statement body",
  FM_PASTE = "stringizes or pastes its parameters",
  FM_STRINGIZE = "stringizes or pastes its parameters",
  FM_GNU = "uses a GNU statement expression",
  FM_BUILTIN = "uses a compiler builtin",
  FM_UNKNOWN = "uses 'no_such_function', which is not declared",
  FM_ASSIGN = "assigns",
  FM_VARIADIC = "variadic macro",
  abs = "the library's function of the same name is used",
}
for name, reason in pairs(skipped) do
  local line = "-- skipped: macro " .. name .. ": " .. reason .. " ("
  check(text:find(line, 1, true), "no line '%s'", line)
  check(rawget(M, name) == nil or name == "abs", "%s is defined", name)
end

if fails > 0 then error(fails .. " function-like macro checks failed") end
print("function-like macros: " .. #expect.ints + #expect.floats + #expect.bools + #expect.strings .. " calls as C computes them")
