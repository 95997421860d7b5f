-- test_module.lua -- the module itself and the seed page's examples, run
-- against libseed (the seed's lib.cpp in C: MY_MAGIC_INT = 69, add(a, b)).
local t = require "harness"
local ffi = require "ffi"

local SEED = t.fixture("seed")

t.test("require 'ffi' and require 'pluto:ffi' are the same table", function()
  t.type(ffi, "table")
  t.eq(require "pluto:ffi", ffi)
  t.eq(package.loaded["pluto:ffi"], ffi)
  t.eq(package.loaded["ffi"], ffi)
end)

t.test("ffi.arch and ffi.os name this target", function()
  t.type(ffi.arch, "string")
  t.type(ffi.os, "string")
  -- Computed independently of the module: the machine's own name for itself.
  -- A cross build's runner names the target (a child shell under qemu-user is the host's).
  local machine = os.getenv("FFI_TEST_MACHINE")
  if not machine or machine == "" then
    local p = io.popen("uname -m")
    machine = p:read("l")
    p:close()
  end
  local expected = ({
    x86_64 = "x64",
    aarch64 = "arm64",
    i686 = "x86",
    i386 = "x86",
    arm = "arm",
    armv7l = "arm",
    ppc64le = "ppc64le",
    s390x = "s390x",
  })[machine]
  if expected then
    t.eq(ffi.arch, expected, "ffi.arch for uname -m = " .. machine)
  end
  local p2 = io.popen("uname -s")
  local sys = p2:read("l")
  p2:close()
  if sys == "Linux" then
    t.eq(ffi.os, "Linux")
  end
end)

t.test("the module exposes the seed API", function()
  for _, name in ipairs { "open", "struct", "new", "cdef", "sizeof", "offsetof", "alloc", "write", "read" } do
    t.type(ffi[name], "function", "ffi." .. name)
  end
  t.type(ffi.nullptr, "userdata", "ffi.nullptr")
end)

t.test("seed ffi.open example: value and wrap", function()
  local lib = ffi.open(SEED)
  t.type(lib, "table", "ffi.open returns a plain table")
  assert(lib:value("i32", "MY_MAGIC_INT") == 69)
  assert(lib:wrap("i32", "add", "i32", "i32")(38, 4) == 42)
  t.int(lib:value("i32", "MY_MAGIC_INT"), 69)
  t.int(lib:wrap("i32", "add", "i32", "i32")(38, 4), 42)
end)

t.test("the library table takes user fields freely", function()
  local lib = ffi.open(SEED)
  lib.add = lib:wrap("i32", "add", "i32", "i32")
  t.eq(lib.add(1, 2), 3)
  lib.add = nil
  t.eq(rawget(lib, "add"), nil)
  lib.anything = "mine"
  t.eq(lib.anything, "mine")
  -- the methods still work after the table was used as storage
  t.eq(lib:wrap("i32", "add", "i32", "i32")(-5, 3), -2)
end)

t.test("seed ffi.struct example: Color with T.new() and T()", function()
  local Color = ffi.struct [[
    struct Color {
        uint8_t r;
        uint8_t g;
        uint8_t b;
    };
  ]]
  local c = Color.new() -- what Pluto's `new Color()` calls
  c.r = 255
  t.eq(c.r, 255)
  t.eq(c.g, 0, "zero-filled")
  t.eq(c.b, 0, "zero-filled")
  local c2 = Color()
  t.eq(c2.r, 0, "a second instance is independent and zero-filled")
  c2.g = 7
  t.eq(c2.g, 7)
  t.eq(c.g, 0)
  t.eq(ffi.sizeof(Color), 3)
end)

t.test("seed ffi.cdef example: ffi.new('Color')", function()
  ffi.cdef [[
    struct Color {
        uint8_t r;
        uint8_t g;
        uint8_t b;
    };
  ]]
  local c = ffi.new("Color")
  c.r = 255
  t.eq(c.r, 255)
  t.eq(c.b, 0)
  t.truthy(ffi.Color ~= nil, "ffi.cdef stores the struct type on the module")
  local c2 = ffi.new(ffi.Color)
  c2.b = 9
  t.eq(c2.b, 9)
  t.eq(ffi.sizeof("Color"), 3)
  t.eq(ffi.sizeof("struct Color"), 3)
  t.eq(ffi.offsetof("Color", "b"), 2)
end)

t.test("seed lib:cdef example", function()
  local lib = ffi.open(SEED)
  lib:cdef [[
    int MY_MAGIC_INT;
    int add(int a, int b);
  ]]
  assert(lib.MY_MAGIC_INT == 69)
  assert(lib.add(38, 4) == 42)
  t.int(lib.MY_MAGIC_INT, 69)
  t.int(lib.add(38, 4), 42)
end)

t.test("seed 'equivalent' code: lib.X = lib:value / lib:wrap", function()
  local lib = ffi.open(SEED)
  lib.MY_MAGIC_INT = lib:value("i32", "MY_MAGIC_INT")
  lib.add = lib:wrap("i32", "add", "i32", "i32")
  assert(lib.MY_MAGIC_INT == 69)
  assert(lib.add(38, 4) == 42)
end)

t.test("a relative path opens too", function()
  -- ffi.open("./liblib.so") in the seed: resolve the fixture relative to its folder.
  local dir = os.getenv("FFI_FIXTURE_DIR")
  local p = io.popen("pwd")
  local cwd = p:read("l")
  p:close()
  local depth = select(2, cwd:gsub("/[^/]+", ""))
  local rel = string.rep("../", depth) .. dir:sub(2) .. "/libseed.so"
  t.eq(rel:sub(1, 1), ".", "the path is relative")
  local lib = ffi.open(rel)
  t.eq(lib:wrap("i32", "add", "i32", "i32")(40, 2), 42)
end)

t.test("two ffi.open of the same library share its globals", function()
  local a = ffi.open(SEED)
  local b = ffi.open(SEED)
  t.eq(a:value("i32", "MY_MAGIC_INT"), b:value("i32", "MY_MAGIC_INT"))
  t.eq(a:wrap("i32", "add", "i32", "i32")(1, 1), b:wrap("i32", "add", "i32", "i32")(1, 1))
end)

t.done()
