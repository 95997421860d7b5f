-- test_find_lib.lua -- issue 8: the library's headers as roots (an umbrella
-- header with a sibling directory and a private subdirectory), the library
-- found without -l (a .pc file on PKG_CONFIG_PATH, lib<stem>.so on
-- LIBRARY_PATH), the warning when nothing is found or the choice is
-- ambiguous, and the missing-function error that names the library.
--   lua test_find_lib.lua <ffi-import> <fixtures/lib8> <work dir>
local t = require "harness"
local ffi = require "ffi"
local imp, fix, work = assert(arg[1]), assert(arg[2]), assert(arg[3])
local header = fix .. "/include/foo8.h"

local function sh(cmd)
  local ok = os.execute(cmd)
  return ok
end
local read = t.readfile
local function write(path, s)
  local f = assert(io.open(path, "w"))
  f:write(s)
  f:close()
end

assert(sh("mkdir -p '" .. work .. "/pc' '" .. work .. "/near' '" .. work .. "/none'"))
local so = work .. "/libfoo8.so"
-- the soname is the absolute path so the module opens it without LD_LIBRARY_PATH
assert(sh(string.format("cc -shared -fPIC -I'%s/include' -Wl,-soname,'%s' -o '%s' '%s/foo8.c'", fix, so, so, fix)),
  "cc failed")
write(work .. "/pc/foo8.pc", string.format(
  "prefix=%s\nName: foo8\nDescription: issue 8 fixture\nVersion: 1\nCflags: -I%s/include\nLibs: -L%s -lfoo8\n", fix, fix,
  work))
for _, v in ipairs { "foo8-1", "foo8-2" } do
  write(work .. "/near/" .. v .. ".pc", string.format("Name: %s\nDescription: near\nVersion: 1\nLibs: -L%s -lfoo8\n", v, work))
end

-- runs ffi-import with an environment; returns the module's text and stderr
local function import(env, name)
  local out, err = work .. "/" .. name .. ".pluto", work .. "/" .. name .. ".err"
  local ok = sh(string.format("env %s '%s' --stats '%s' -o '%s' 2>'%s'", env, imp, header, out, err))
  t.truthy(ok, "ffi-import exit status")
  return read(out), read(err), out
end

local none = "PKG_CONFIG_PATH='" .. work .. "/none' PKG_CONFIG_LIBDIR='" .. work .. "/none' LIBRARY_PATH="

t.test("pkg-config: a .pc file on PKG_CONFIG_PATH", function()
  local text, err, path = import("PKG_CONFIG_PATH='" .. work .. "/pc' LIBRARY_PATH=", "pc")
  t.truthy(text:find("-- library: " .. so .. ", found through pkg-config package 'foo8'", 1, true), "header")
  -- roots: the umbrella, the sibling directory's header, its private subdirectory
  t.truthy(err:find("root header: foo8.h", 1, true), err)
  t.truthy(err:find("root header: foo8/core.h", 1, true), err)
  t.truthy(err:find("root header: foo8/private/impl.h", 1, true), err)
  t.truthy(not err:find("stddef.h", 1, true), "the compiler's headers are no roots")
  local m = dofile(path)
  t.eq(m.foo8_add(2, 3), 5)
  local p = m.foo8_make(4, 9)
  t.eq(p.x, 4)
  t.eq(p.y, 9)
  t.eq(m.FOO8_ANSWER, 42)
  t.eq(m.FOO8_PRIVATE_LIMIT, 7)
  t.errors(function() return m.foo8_missing() end,
    "could not find 'foo8_missing' in library '" .. so .. "' (this module was made by ffi-import: name the library with -l NAME)")
end)

t.test("macro aliases: plain, chained, ## built, a variable", function()
  local text, err, path = import("PKG_CONFIG_PATH='" .. work .. "/pc' LIBRARY_PATH=", "alias")
  local m = dofile(path)
  t.eq(m.foo8_init(21), 42) -- #define foo8_init __foo8_init_v2
  t.eq(m.foo8_start(5), 10) -- #define foo8_start foo8_init
  t.eq(m.foo8_compile(1), 9) -- FOO8_WIDTH(foo8_compile_) -> foo8_compile_8
  t.eq(m.foo8_counter, 17) -- a variable
  t.truthy(text:find("-- aliases: 4 macros", 1, true), "header counts the aliases")
  local json = work .. "/alias.json"
  assert(sh(string.format("env PKG_CONFIG_PATH='%s/pc' '%s' --json '%s' -o '%s'", work, imp, header, json)))
  local j = read(json)
  t.truthy(j:find('"alias": true, "alias_of": "__foo8_init_v2"', 1, true), "foo8_init in --json")
  t.truthy(j:find('"alias": true, "alias_of": "foo8_compile_8"', 1, true), "foo8_compile in --json")
end)

t.test("lib<stem>.so in the linker's directories (LIBRARY_PATH)", function()
  local text, _, path = import(none .. "'" .. work .. "'", "so")
  t.truthy(text:find("-- library: " .. so .. ", found through libfoo8.so in the linker's directories", 1, true), text:sub(1, 400))
  t.eq(dofile(path).foo8_add(40, 2), 42)
end)

t.test("nothing found: a warning, the C library stands in", function()
  local text, err, path = import(none, "none")
  t.truthy(err:find("warning: no library found for", 1, true), err)
  t.truthy(err:find("libfoo8.so", 1, true), "names what it tried")
  t.truthy(err:find("-l NAME", 1, true), "suggests -l")
  t.truthy(text:find("-- library: libc.so.6, found through nothing", 1, true), "header")
  local m = dofile(path)
  t.eq(m.FOO8_ANSWER, 42) -- constants and types still work
  t.eq(ffi.sizeof("struct foo8_pair"), 8)
  t.errors(function() return m.foo8_add(1, 2) end, "could not find 'foo8_add' in library 'libc.so.6'")
end)

t.test("only near names: none chosen, the candidates listed", function()
  local text, err = import("PKG_CONFIG_PATH='" .. work .. "/near' LIBRARY_PATH=", "near")
  t.truthy(err:find("none was chosen:", 1, true), err)
  t.truthy(err:find(" foo8-1", 1, true) and err:find(" foo8-2", 1, true), "both candidates listed")
  t.truthy(text:find("found through nothing", 1, true), "no library chosen")
end)

t.test("ffi.C names the program's global symbols", function()
  t.errors(function() return ffi.C:wrap("int", "ffi_import_no_such_function") end,
    "could not find 'ffi_import_no_such_function' in library (the program's global symbols)")
end)

t.done()
