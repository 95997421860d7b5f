-- test_fixture.lua -- a module imported from the fixture headers, called
-- against libimpfix (fixtures/impfix.c): every construct used, not just loaded.
--   lua test_fixture.lua <fixture.pluto>
local t = require "harness"
local ffi = require "ffi"

local M = dofile(assert(arg[1], "usage: test_fixture.lua <module>"))

t.test("calls: integers, floats, enums, strings", function()
  t.eq(M.fx_add(2, 3), 5)
  t.eq(M.fx_scale(2.0, 1.5, 3), 9.0)
  t.eq(M.fx_name(M.FX_GREEN), "green")
  t.eq(M.fx_name(42), nil)
  t.eq(M.fx_pick(M.FX_F_AB), M.FX_T_TWO)
  t.eq(M.fx_len("hello"), 5)
end)

t.test("variadic calls", function()
  local lib = ffi.open(assert(arg[2], "usage: test_fixture.lua <module> <libimpfix>"))
  lib:cdef [[ const char *fx_last_printed(void); ]]
  t.eq(M.fx_printf("%d-%s-%.1f", 5, "x", 2.5), 7)
  t.eq(lib.fx_last_printed(), "5-x-2.5")
end)

t.test("arrays as parameters, out-parameters", function()
  local v = ffi.new("fx_vec3")
  M.fx_fill(v, 4)
  t.eq(v[0], 4.0)
  t.eq(v[2], 6.0)
  local dst = ffi.new("char[8]")
  t.eq(M.fx_copy(dst, "abcdefg", 8), 8)
  t.eq(ffi.string(dst), "abcdefg")
end)

t.test("function pointers both ways", function()
  t.eq(M.fx_apply(function(a, b) return a - b end, 10, 3), 7)
  local cb = ffi.callback("int", "int", "int", function(a, b) return a * 10 + b end)
  t.eq(M.fx_apply(cb, 4, 2), 42)
  local mul = M.fx_get_op("mul")
  t.eq(mul(6, 7), 42)
  t.eq(M.fx_get_op("none"), nil)
end)

t.test("a function declared through a typedef, and a pointer to one", function()
  t.eq(M.fx_default_handler(3, "ab"), 8)
  t.eq(M.fx_current_handler(5, ""), 10)
end)

t.test("asm labels", function()
  t.eq(M.fx_renamed(2), 6)
  t.eq(M.fx_renamed_var, 99)
end)

t.test("names C keeps apart: a struct tag and a function, a library method's name", function()
  local st = M.types.fx_stat()
  t.eq(M.fx_stat("abcd", st), 0)
  t.eq(st.size, 4)
  t.eq(st.mode, 420)
  t.eq(M.value(1), 101)
end)

t.test("variables are read when used", function()
  local before = M.fx_counter
  t.eq(M.fx_bump(3), before + 3)
  t.eq(M.fx_counter, before + 3)
  t.eq(M.fx_version, "fx 1.0")
  t.eq(M.fx_table[2], 30)
  t.eq(#M.fx_table, 4)
  t.eq(M.fx_matrix[1][0], 3.0)
  t.eq(M.fx_default_color, M.FX_BLUE)
end)

t.test("a declared function the library lacks fails on use, naming it", function()
  t.errors(function() return M.fx_noargs() end, "could not find 'fx_noargs' in library")
  t.eq(M.fx_add(1, 1), 2) -- the module keeps working
end)

t.test("records by value and behind pointers", function()
  local P = M.types.fx_point
  local a, b = P(), P()
  a.x, a.y, b.x, b.y = 2, 4, 6, 8
  local mid = M.fx_midpoint(a, b)
  t.eq(mid.x, 4)
  t.eq(mid.y, 6)
  local pr = M.fx_make_pair(3, 0.5)
  t.eq(pr.a, 3)
  t.eq(pr.b, 0.5)
  t.eq(M.fx_pair_sum(pr), 3.5)
  local h = M.fx_open("abc")
  t.truthy(h and not ffi.isnull(h))
  M.fx_close(h)
end)

t.test("anonymous members, inline records, bitfields, flexible arrays", function()
  local an = ffi.new("struct fx_anon")
  an.lo, an.hi = 1, 2
  t.eq(an.i, 1 + 2 * 65536)
  an.size.w = 5
  t.eq(an.size.w, 5)
  an.shape = M.FX_SHAPE_BOX
  t.eq(an.shape, 1)
  local f = ffi.new("struct fx_flags_rec")
  f.mode, f.delta, f.wide, f.ready = 5, -3, 2 ^ 39, 1
  t.eq(f.mode, 5)
  t.eq(f.delta, -3)
  t.eq(f.wide, 549755813888)
  t.eq(f.ready, 1)
  local msg = ffi.new("struct fx_message", 6)
  msg.len = 6
  t.eq(ffi.sizeof("struct fx_message"), 4)
end)

t.test("what the runtime cannot express: bytes and void *", function()
  local mx = ffi.new("struct fx_mixed")
  mx.before, mx.after = 1, 2
  t.eq(M.fx_count_mixed(mx), 3)
  t.eq(#mx.ld, 16)
  local buf = ffi.alloc(32)
  M.fx_takes_ldp(buf, 2) -- long double * spelled void *
  t.eq(ffi.sizeof("struct fx_packed_enum_user"), 2)
  t.eq(M.FX_S2, 2)
  t.eq(M.fx_ld_add, nil) -- skipped: not declared
end)

t.test("system types: struct tm inside a record, stdint, bool", function()
  local r = ffi.new("struct fx_record")
  r.valid, r.when.tm_year = true, 120
  t.eq(M.fx_valid(r), true)
  r.valid = false
  t.eq(M.fx_valid(r), false)
  t.eq(M.fx_hash("abc", 3), M.fx_hash(ffi.new("uint8_t[3]", { 97, 98, 99 }), 3))
end)

t.test("constants", function()
  t.eq(M.FX_INT, 42)
  t.eq(math.type(M.FX_INT), "integer")
  t.eq(M.FX_DERIVED, 339)
  t.eq(M.FX_ULL_MAX, -1)
  t.eq(M.FX_LL_MIN, math.mininteger)
  t.eq(M.FX_DOUBLE, 3.25)
  t.eq(math.type(M.FX_FLOAT), "float")
  t.eq(M.FX_INF, math.huge)
  t.eq(M.FX_STRING, 'hello "fx"\n')
  t.eq(M.FX_CHAR, 65)
  t.eq(M.FX_SIZEOF, 12)
  t.eq(M.FX_NULL, ffi.nullptr)
  t.eq(ffi.cast("intptr_t", M.FX_MINUS_ONE_PTR), -1)
  t.eq(M.FX_STATIC_CONST, 42)
  t.eq(M.FX_FUNC_LIKE(41), 42) -- #define FX_FUNC_LIKE(x) ((x) + 1)
end)

t.test("types table", function()
  for _, name in ipairs { "fx_pair", "fx_bits", "fx_point", "fx_holder", "fx_handle", "fx_outer_t" } do
    t.truthy(M.types[name], name)
  end
  t.eq(ffi.sizeof(M.types.fx_pair), 16)
  t.eq(ffi.sizeof(M.types.fx_bits), 4)
end)

t.done()
