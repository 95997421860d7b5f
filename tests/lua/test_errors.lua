-- test_errors.lua -- bad input never crashes: every bad-input case of the
-- first capability raises a Lua error that names the problem, and the module
-- keeps working afterwards (fixtures: libseed, libcalls).
local t = require "harness"
local ffi = require "ffi"

local SEED = t.fixture("seed")
local seed = ffi.open(SEED)
local add = seed:wrap("i32", "add", "i32", "i32")
local calls = ffi.open(t.fixture("calls"))

ffi.cdef [[
  struct Point { int x; int y; };
  struct Other { int x; int y; };
  struct Link { int tag; struct Point *target; };
  struct Named { const char *name; int id; };
]]

-- After each bad case: calls, wraps, the parser and instances all still work.
local fresh = 0
ffi.cdef("struct FreshRef { int a; double b; };") -- declared before any bad case
local ref_size = ffi.sizeof("struct FreshRef")
local function still_works()
  t.eq(add(2, 3), 5, "an existing wrapper still works")
  t.eq(ffi.open(SEED):wrap("i32", "add", "i32", "i32")(40, 2), 42, "a new wrap still works")
  fresh = fresh + 1
  local name = "Fresh" .. fresh
  ffi.cdef("struct " .. name .. " { int a; double b; };")
  local inst = ffi.new(name)
  inst.b = 0.5
  t.eq(inst.b, 0.5, "a new cdef still works")
  t.eq(ffi.sizeof(name), ref_size)
end

-- Runs fn, which must fail with every substring in `wanted`, then checks the module.
local function bad(name, fn, wanted)
  t.test(name, function()
    local msg = t.errors(fn, wanted)
    still_works()
    return msg
  end)
end

-- -- Types --

bad("unknown result type string", function() seed:wrap("i33", "add", "i32", "i32") end,
  "unknown type 'i33'")
bad("unknown argument type string", function() seed:wrap("i32", "add", "i32", "nope") end,
  "unknown type 'nope'")
bad("unknown type in lib:value", function() seed:value("float32", "MY_MAGIC_INT") end,
  "unknown type 'float32'")
bad("misspelled C type name", function() seed:wrap("unsigned integer", "add", "i32", "i32") end,
  "unknown type 'unsigned integer'")
bad("'void' among other argument types", function() seed:wrap("i32", "add", "void", "i32") end,
  "void")
bad("unknown struct name in ffi.new", function() ffi.new("Nope") end, "Nope")
bad("unknown struct name in ffi.sizeof", function() ffi.sizeof("Nope") end, "Nope")
bad("unknown struct name in ffi.offsetof", function() ffi.offsetof("Nope", "x") end, "Nope")
bad("ffi.new of a struct defined only by ffi.struct is not registered",
  function()
    ffi.struct "struct OnlyLocal { int a; };"
    ffi.new("OnlyLocal")
  end, "OnlyLocal")

-- -- Calls --

bad("too few arguments", function() add(1) end, "wrong number of arguments")
bad("too many arguments", function() add(1, 2, 3) end, "wrong number of arguments")
bad("no arguments to a two-argument function", function() add() end, "wrong number of arguments")
bad("arguments to a void-argument function",
  function() calls:wrap("ptr", "ptr_null", "void")(1) end, "wrong number of arguments")
bad("string for an integer parameter", function() add("x", 1) end,
  { "bad argument #1 to 'add'", "expected", "got string" })
bad("table for an integer parameter", function() add(1, {}) end,
  { "bad argument #2 to 'add'", "expected", "got table" })
bad("nil for an integer parameter", function() add(1, nil) end,
  { "bad argument #2 to 'add'", "got nil" })
bad("boolean for an integer parameter", function() add(true, 1) end,
  { "bad argument #1 to 'add'", "got boolean" })
bad("fractional float for an integer parameter", function() add(1.5, 2) end,
  { "bad argument #1 to 'add'", "number has no integer representation" })
bad("fractional float for an i64 parameter",
  function() calls:wrap("i64", "id_i64", "i64")(-0.5) end, "number has no integer representation")
bad("fractional float for a u8 parameter",
  function() calls:wrap("u8", "id_u8", "u8")(2.25) end, "number has no integer representation")
bad("huge float for an integer parameter",
  function() calls:wrap("i64", "id_i64", "i64")(2 ^ 70) end, "number has no integer representation")
bad("table for a double parameter",
  function() calls:wrap("f64", "id_f64", "f64")({}) end, { "bad argument #1", "got table" })
bad("number for a bool parameter",
  function() calls:wrap("bool", "id_bool", "bool")(1) end, { "bad argument #1", "got number" })
bad("table for a str parameter",
  function() calls:wrap("long", "str_length", "str")({}) end, { "bad argument #1", "got table" })
bad("number for a ptr parameter",
  function() calls:wrap("i32", "ptr_is_null", "ptr")(12345) end,
  { "bad argument #1", "pointer expected", "got number" })
bad("io.stdout passed as ptr",
  function() calls:wrap("i32", "ptr_is_null", "ptr")(io.stdout) end,
  { "bad argument #1", "pointer expected" })
bad("a Lua string passed to a char * parameter",
  function()
    local l = ffi.open(t.fixture("calls"))
    l:cdef "int fill_buffer(char *buf, int n);"
    l.fill_buffer("abc", 3)
  end, { "bad argument #1", "char *", "C may write into it" })
bad("a struct instance of the wrong type for a typed pointer",
  function()
    local l = ffi.open(t.fixture("calls"))
    l:cdef "int point_sum(const struct Point *p);"
    l.point_sum(ffi.new("Other"))
  end, { "bad argument #1", "cannot convert", "struct Other" })

-- -- Libraries and symbols --

bad("missing symbol in wrap", function() seed:wrap("i32", "no_such_function") end,
  "could not find 'no_such_function' in library")
bad("missing symbol in value", function() seed:value("i32", "no_such_variable") end,
  "could not find 'no_such_variable' in library")
bad("missing symbol in lib:cdef", function() seed:cdef "int no_such_variable;" end,
  "could not find 'no_such_variable' in library")
bad("missing library by name", function() ffi.open("libdoesnotexist_pluto_ffi.so") end,
  { "failed to load library 'libdoesnotexist_pluto_ffi.so'", "cannot open shared object file" })
bad("missing library by path", function() ffi.open("/nonexistent/dir/libx.so") end,
  { "failed to load library '/nonexistent/dir/libx.so'", "/nonexistent/dir/libx.so" })
bad("a file that is not a library", function() ffi.open(t.source("tests/lua/harness.lua")) end,
  "failed to load library")
bad("ffi.open of a non-string", function() ffi.open({}) end, "bad argument #1 to 'open'")

t.test("lib:cdef is all or nothing on a missing symbol", function()
  local l = ffi.open(SEED)
  t.errors(function()
    l:cdef [[
      int MY_MAGIC_INT;
      int add(int a, int b);
      int missing_function(void);
    ]]
  end, "could not find 'missing_function' in library")
  t.eq(rawget(l, "add"), nil, "add from the failed cdef is not kept")
  t.eq(rawget(l, "MY_MAGIC_INT"), nil, "MY_MAGIC_INT from the failed cdef is not kept")
  t.eq(rawget(l, "missing_function"), nil)
  l:cdef "int add(int a, int b);" -- the same declaration is accepted afterwards
  t.eq(l.add(1, 2), 3)
  still_works()
end)

-- -- cdef syntax --

t.test("malformed cdef: missing ';' reports line, column and token", function()
  local msg = t.errors(function() ffi.cdef "struct A {\n int x\n int y; };" end,
    { "expected ';'", "near 'int'" })
  t.eq(msg:sub(1, 7), "cdef:3:", "error starts with cdef:LINE: -- got " .. msg)
  t.truthy(msg:match("^cdef:3:%d+: "), "cdef:LINE:COL: form -- got " .. msg)
  t.eq(ffi.A, nil, "nothing registered")
  still_works()
end)

bad("malformed cdef: missing '}' at end of text", function() ffi.cdef "struct B1 { int x;" end,
  { "cdef:1:", "<eof>" })
bad("malformed cdef: missing ';' after the struct", function() ffi.cdef "struct B2 { int x; }" end,
  { "cdef:1:", "expected ';'" })
bad("malformed cdef: unknown member type", function() ffi.cdef "struct B3 {\n  mystery_t x;\n};" end,
  { "cdef:2:", "mystery_t" })
bad("malformed cdef: stray character", function() ffi.cdef "struct B4 { int x; @ };" end,
  { "cdef:1:", "unexpected character" })
bad("malformed cdef: unfinished comment", function() ffi.cdef "struct B5 { int x; }; /* open" end,
  "unfinished comment")
bad("malformed ffi.struct", function() ffi.struct "struct B6 { int x int y; };" end,
  { ":1:", "expected ';'" })
bad("malformed lib:cdef", function() ffi.open(SEED):cdef "int add(int a int b);" end,
  { ":1:", "near 'int'" })

t.test("ffi.cdef is all or nothing on a syntax error", function()
  t.errors(function()
    ffi.cdef [[
      struct Good1 { int a; };
      struct Bad1 { int x };
    ]]
  end, "cdef:2:") -- a long string drops the newline right after [[
  t.eq(ffi.Good1, nil, "Good1 not stored on the module")
  t.errors(function() ffi.new("Good1") end, "Good1")
  ffi.cdef "struct Good1 { double d; };" -- and the name is free for a new definition
  t.eq(ffi.sizeof("Good1"), 8)
  still_works()
end)

-- -- Struct members --

bad("duplicate member name in ffi.struct", function() ffi.struct "struct Dup { int a; int a; };" end,
  "duplicate member name 'a'")
bad("duplicate member name in ffi.cdef", function() ffi.cdef "struct Dup2 { int a; double b; char b; };" end,
  "duplicate member name 'b'")
bad("duplicate member name in one declaration", function() ffi.cdef "struct Dup3 { int a, a; };" end,
  "duplicate member name 'a'")

t.test("a failed duplicate-member cdef registers nothing", function()
  t.errors(function() ffi.cdef "struct Dup4 { int a; int a; };" end, "duplicate member name 'a'")
  t.eq(ffi.Dup4, nil)
  t.errors(function() ffi.new("Dup4") end, "Dup4")
  still_works()
end)

bad("unknown field read", function() return ffi.new("Point").z end, "no member with name 'z'")
bad("unknown field write", function() ffi.new("Point").z = 1 end, "no member with name 'z'")
bad("unknown field in ffi.offsetof", function() ffi.offsetof("Point", "z") end, "no member with name 'z'")
bad("unknown field on an ffi.struct instance",
  function() ffi.struct("struct Q { int a; };").new().b = 2 end, "no member with name 'b'")
bad("unknown field through a pointer-to-struct field",
  function()
    local l = ffi.new("Link")
    l.target = ffi.new("Point")
    return l.target.nope
  end, "no member with name 'nope'")
bad("string stored into an int field", function() ffi.new("Point").x = "five" end, "got string")
bad("fractional float stored into an int field", function() ffi.new("Point").x = 1.5 end,
  "number has no integer representation")
bad("table stored into a const char * field", function() ffi.new("Named").name = {} end, "got table")
bad("wrong struct instance stored into a pointer field",
  function() ffi.new("Link").target = ffi.new("Other") end, "cannot convert")

t.test("a failed field store leaves the field unchanged", function()
  local p = ffi.new("Point")
  p.x = 7
  t.errors(function() p.x = 2.5 end, "number has no integer representation")
  t.eq(p.x, 7)
  t.errors(function() p.x = "no" end, "got string")
  t.eq(p.x, 7)
end)

-- -- Memory --

bad("ffi.read of a number", function() ffi.read(5) end, { "bad argument #1 to 'read'", "got number" })
bad("ffi.read of a table", function() ffi.read({}) end, { "bad argument #1 to 'read'", "got table" })
bad("ffi.read of a string", function() ffi.read("abc") end, { "bad argument #1 to 'read'", "got string" })
bad("ffi.read of nil", function() ffi.read(nil) end, { "bad argument #1 to 'read'", "got nil" })
bad("ffi.read of io.stdout", function() ffi.read(io.stdout) end, "bad argument #1 to 'read'")
bad("ffi.read of a light userdata without a length",
  function() ffi.read(calls:wrap("ptr", "str_hello")()) end, "length")
bad("ffi.read past the end of a buffer", function() ffi.read(ffi.alloc(4), 5) end,
  { "bad argument #2 to 'read'", "out of range" })
bad("ffi.read with a negative length", function() ffi.read(ffi.alloc(4), -1) end, "out of range")
bad("ffi.write into a number", function() ffi.write(5, "x") end, { "bad argument #1 to 'write'", "got number" })
bad("ffi.write into a table", function() ffi.write({}, "x") end, { "bad argument #1 to 'write'", "got table" })
bad("ffi.write into io.stdout", function() ffi.write(io.stdout, "x") end, "bad argument #1 to 'write'")
bad("ffi.write of a table", function() ffi.write(ffi.alloc(4), {}) end, { "bad argument #2 to 'write'", "got table" })
bad("ffi.write of two strings", function() ffi.write("a", "b") end, "bad argument")
bad("ffi.write too long for the buffer", function() ffi.write(ffi.alloc(2), "abc") end,
  { "3 bytes", "2 bytes" })
bad("ffi.write too long for a struct instance", function() ffi.write(ffi.new("Point"), string.rep("x", 9)) end,
  { "9 bytes", "8 bytes" })
bad("negative alloc", function() ffi.alloc(-1) end, { "bad argument #1 to 'alloc'", "out of range" })
bad("huge alloc", function() ffi.alloc(1 << 62) end, { "bad argument #1 to 'alloc'", "out of range" })
bad("maxinteger alloc", function() ffi.alloc(math.maxinteger) end, "out of range")
bad("fractional alloc", function() ffi.alloc(1.5) end, "number has no integer representation")
bad("non-number alloc", function() ffi.alloc("lots") end, "bad argument #1 to 'alloc'")
bad("ffi.string of a number", function() ffi.string(7) end, "bad argument #1 to 'string'")
bad("ffi.string of NULL", function() ffi.string(ffi.nullptr) end, "NULL")

t.done()
