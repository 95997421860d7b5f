-- misuse_cases.lua -- run-time misuse of the FFI, for run_corpus.lua.
--
-- Returns function(env) -> list of cases { cat, name, fn, err, after, isolate }:
--   fn     does the bad thing; it must raise an error
--   err    plain-text fragments the message must contain (a string or a list);
--          false: succeeding or failing are both fine, crashing is not
--   after  optional: checks run after the error (e.g. nothing was written)
--   isolate run in a child process (cases whose failure mode is a crash)
-- env: t (harness), ffi, seed / calls / cb (fixture libraries), add (a wrapper).
return function(env)
  local t, ffi, seed, calls, cb = env.t, env.ffi, env.seed, env.calls, env.cb

  local cases = {}
  local cat = "?"
  local isolate = false
  local function case(name, fn, err, after)
    cases[#cases + 1] = { cat = cat, name = name, fn = fn, err = err, after = after, isolate = isolate }
  end

  -- Types and functions the cases use (valid declarations).
  ffi.cdef [[
    struct MuPoint { int x; int y; };
    struct MuOther { int x; int y; };
    struct MuOpaque;
    struct MuLink { int tag; struct MuPoint *target; };
    struct MuText { char name[4]; const char *label; char *raw; };
    enum MuColor { MU_RED, MU_GREEN };
    struct MuPaint { enum MuColor c; };
    struct MuNest { struct MuPoint p; int z; };
    typedef int (*MuIntFn)(int);
    struct MuFlex { int n; int a[]; };
  ]]
  calls:cdef [[
    int point_sum(const struct MuPoint *p);
    int fill_buffer(char *buf, int n);
    struct MuPoint *point_null(void);
    int str_byte(const char *s, int i);
  ]]
  local libc = ffi.open("libc.so.6")
  libc:cdef [[
    int snprintf(char *buf, size_t n, const char *fmt, ...);
    int abs(int);
  ]]
  cb:cdef [[ int call_int_int(int (*f)(int), int x); ]]
  local add = seed:wrap("i32", "add", "i32", "i32")
  local id_i64 = calls:wrap("i64", "id_i64", "i64")
  local id_f64 = calls:wrap("f64", "id_f64", "f64")
  local id_bool = calls:wrap("bool", "id_bool", "bool")
  local ptr_is_null = calls:wrap("i32", "ptr_is_null", "ptr")
  local str_length = calls:wrap("long", "str_length", "str")
  local void_fn = calls:wrap("void", "void_fn", "void")
  local call_int_int = cb:wrap("i32", "call_int_int", "ptr", "i32")

  -- ---------------------------------------------------------------------------
  cat = "calls"

  case("too few arguments", function() add(1) end,
    { "wrong number of arguments to 'add'", "expected 2, got 1" })
  case("too many arguments", function() add(1, 2, 3) end,
    { "wrong number of arguments to 'add'", "expected 2, got 3" })
  case("no arguments to a two-argument function", function() add() end,
    { "wrong number of arguments", "got 0" })
  case("an argument to a void-parameter function", function() void_fn(1) end,
    { "wrong number of arguments", "expected 0, got 1" })
  case("too few fixed arguments to a variadic function", function() libc.snprintf(nil) end,
    { "wrong number of arguments to 'snprintf'", "at least 3" })
  case("a non-numeric string for an int", function() add("x", 1) end,
    { "bad argument #1 to 'add'", "got string" })
  case("a table for an int", function() add(1, {}) end,
    { "bad argument #2 to 'add'", "got table" })
  case("nil for an int", function() add(1, nil) end,
    { "bad argument #2 to 'add'", "got nil" })
  case("a boolean for an int", function() add(true, 1) end,
    { "bad argument #1 to 'add'", "got boolean" })
  case("a function for an int", function() add(print, 1) end,
    { "bad argument #1 to 'add'", "got function" })
  case("a fractional float for an int", function() add(1.5, 2) end,
    { "bad argument #1 to 'add'", "number has no integer representation" })
  case("a fractional float for an i64", function() id_i64(-0.25) end,
    { "bad argument #1 to 'id_i64'", "number has no integer representation" })
  case("NaN for an int", function() add(0 / 0, 2) end,
    { "bad argument #1 to 'add'", "number has no integer representation" })
  case("infinity for an int", function() add(math.huge, 2) end,
    { "bad argument #1 to 'add'", "number has no integer representation" })
  case("2^63 as a float for an i64", function() id_i64(2.0 ^ 63) end,
    { "bad argument #1 to 'id_i64'", "number has no integer representation" })
  case("a fractional float for a declared int parameter", function() libc.abs(-2.5) end,
    { "bad argument #1 to 'abs'", "number has no integer representation" })
  case("a table for a double", function() id_f64({}) end,
    { "bad argument #1 to 'id_f64'", "got table" })
  case("a non-numeric string for a double", function() id_f64("pi") end,
    { "bad argument #1 to 'id_f64'", "got string" })
  case("a table for a bool", function() id_bool({}) end,
    { "bad argument #1 to 'id_bool'", "got table" })
  case("a Lua string for char *", function() calls.fill_buffer("abc", 3) end,
    { "bad argument #1 to 'fill_buffer'", "cannot pass a Lua string as 'char *'", "C may write into it" })
  case("a Lua string for a variadic call's char * buffer", function() libc.snprintf("buf", 4, "x") end,
    { "bad argument #1 to 'snprintf'", "C may write into it" })
  case("a foreign userdata (io.stdout) for a pointer", function() ptr_is_null(io.stdout) end,
    { "bad argument #1 to 'ptr_is_null'", "pointer expected, got FILE*" })
  case("a table for a pointer", function() ptr_is_null({}) end,
    { "bad argument #1 to 'ptr_is_null'", "got table" })
  case("a number for a pointer", function() ptr_is_null(12345) end,
    { "bad argument #1 to 'ptr_is_null'", "got number" })
  case("a boolean for a pointer", function() ptr_is_null(false) end,
    { "bad argument #1 to 'ptr_is_null'", "got boolean" })
  case("a number for a str parameter", function() str_length(42) end,
    { "bad argument #1 to 'str_length'", "got number" })
  case("a table for a const char * parameter", function() calls.str_byte({}, 0) end,
    { "bad argument #1 to 'str_byte'", "got table" })
  case("an instance of another struct for a typed pointer",
    function() calls.point_sum(ffi.new("struct MuOther")) end,
    { "bad argument #1 to 'point_sum'", "cannot convert 'struct MuOther' to 'struct MuPoint *'" })
  case("an int array for a struct pointer",
    function() calls.point_sum(ffi.new("int[2]")) end,
    { "bad argument #1 to 'point_sum'", "cannot convert", "struct MuPoint *" })
  case("a number for a struct pointer", function() calls.point_sum(5) end,
    { "bad argument #1 to 'point_sum'", "got number" })
  case("a string for a struct pointer", function() calls.point_sum("abcdefgh") end,
    { "bad argument #1 to 'point_sum'", "got string" })
  case("a table for a variadic argument", function() libc.snprintf(nil, 0, "%d", {}) end,
    { "bad argument #4 to 'snprintf'", "table" })
  case("an unknown enumerator name for an enum field",
    function() ffi.new("struct MuPaint").c = "MU_BLUE" end,
    { "MU_BLUE" })
  case("a number for a function-pointer parameter", function() cb.call_int_int(42, 1) end,
    { "bad argument #1 to 'call_int_int'", "got number" })
  case("a table for a function-pointer parameter", function() cb.call_int_int({}, 1) end,
    { "bad argument #1 to 'call_int_int'", "got table" })

  -- ---------------------------------------------------------------------------
  cat = "fields"

  local p = ffi.new("struct MuPoint")
  local function untouched() t.eq(p.x, 0); t.eq(p.y, 0) end
  case("reading an unknown field", function() return p.z end, "no member with name 'z'")
  case("writing an unknown field", function() p.z = 1 end, "no member with name 'z'", untouched)
  case("a string into an int field", function() p.x = "a" end,
    { "bad value for 'x'", "got string" }, untouched)
  case("a table into an int field", function() p.x = {} end,
    { "bad value for 'x'", "got table" }, untouched)
  case("a fractional float into an int field", function() p.x = 1.5 end,
    { "bad value for 'x'", "number has no integer representation" }, untouched)
  case("nil into an int field", function() p.y = nil end,
    { "bad value for 'y'", "got nil" }, untouched)
  case("a number into a struct-typed member", function() ffi.new("struct MuNest").p = 5 end,
    { "bad value for 'p'" })
  case("an instance of another struct into a struct pointer field",
    function() ffi.new("struct MuLink").target = ffi.new("struct MuOther") end,
    { "cannot convert 'struct MuOther' to 'struct MuPoint *'" })
  case("a number into a struct pointer field", function() ffi.new("struct MuLink").target = 7 end,
    { "bad value for 'target'", "got number" })
  case("a too long string into a char[4] field",
    function() ffi.new("struct MuText").name = "abcdef" end,
    { "bad value for 'name'" })
  case("a Lua string into a char * field", function() ffi.new("struct MuText").raw = "text" end,
    { "bad value for 'raw'" })
  case("a table into a const char * field", function() ffi.new("struct MuText").label = {} end,
    { "bad value for 'label'", "got table" })
  case("indexing an instance with a boolean", function() return p[true] end,
    "invalid index of type boolean")
  case("indexing a struct instance with 1", function() return p[1] end,
    "cannot index this object with a number")
  case("length of a struct instance", function() return #p end, "non-array object")
  case("calling a struct instance", function() return p() end, "non-function object")
  case("arithmetic on a struct instance", function() return p + 1 end, "non-pointer object")
  case("ordering struct instances", function() return p < p end, "non-pointer objects")
  case("an unknown member of a type object", function() return ffi.MuPoint.nope end,
    "type object has no member 'nope'")
  case("an unknown field in a struct initializer", function() ffi.new("struct MuPoint", { z = 1 }) end,
    "no member with name 'z'")
  case("a bad value in a struct initializer", function() ffi.new("struct MuPoint", { x = "a" }) end,
    { "bad value for 'x'", "got string" })
  case("a number as a struct initializer", function() ffi.MuPoint({}, 2) end,
    { "got table" })
  case("more flat initializers than fields (LuaJIT's rule: raise)", function() ffi.MuPoint(1, 2, 3) end,
    { "too many initializers", "MuPoint" })

  local arr = ffi.new("int[3]")
  arr[0], arr[1], arr[2] = 1, 2, 3
  local function arr_untouched() t.eq(arr[0], 1); t.eq(arr[1], 2); t.eq(arr[2], 3) end
  case("reading past the end of an array", function() return arr[3] end,
    "array index 3 out of range (length 3)")
  case("reading at index -1", function() return arr[-1] end,
    "array index -1 out of range (length 3)")
  case("writing past the end of an array", function() arr[3] = 9 end,
    "array index 3 out of range (length 3)", arr_untouched)
  case("writing at a huge index", function() arr[math.maxinteger] = 9 end,
    "out of range", arr_untouched)
  case("writing at math.mininteger", function() arr[math.mininteger] = 9 end,
    "out of range", arr_untouched)
  case("a fractional array index", function() return arr[1.5] end, "array index must be an integer")
  case("a name as an array index", function() return arr.x end, "no member with name 'x'")
  case("index 0 of a zero-length array", function() return ffi.new("int[?]", 0)[0] end,
    "array index 0 out of range (length 0)")
  case("too many elements in an array initializer", function() ffi.new("int[2]", { 1, 2, 3 }) end,
    { "initializer", "3 elements", "2" })
  case("reading past the end of a flexible array member", function()
    local f = ffi.new("struct MuFlex", 2)
    f.a[0], f.a[1] = 10, 11
    return f.a[2]
  end, "array index 2 out of range (length 2)")
  case("a too long string as a char array initializer", function() ffi.new("char[2]", "abc") end,
    { "initializer", "does not fit" })

  local nullp = ffi.cast("struct MuPoint *", 0)
  case("reading a field through a NULL pointer", function() return nullp.x end,
    "attempt to index a NULL pointer")
  case("writing a field through a NULL pointer", function() nullp.y = 1 end,
    "attempt to index a NULL pointer")
  case("reading [0] of a NULL pointer", function() return nullp[0] end,
    "attempt to index a NULL pointer")
  case("a field name on an int pointer", function()
    return ffi.cast("int *", arr).x
  end, "no member with name 'x'")
  case("ordering a pointer against a number", function() return nullp < 5 end,
    "non-pointer objects")
  case("pointer arithmetic with a string", function() return ffi.cast("int *", arr) + "x" end,
    { "bad argument #2", "number expected, got string" })

  -- ---------------------------------------------------------------------------
  cat = "memory"

  case("ffi.new of an opaque struct", function() ffi.new("struct MuOpaque") end,
    { "incomplete type", "struct MuOpaque" })
  case("ffi.new of void", function() ffi.new("void") end, "cannot create an instance of 'void'")
  case("ffi.new of a function type", function() ffi.new("int(int)") end,
    "cannot create an instance of")
  case("ffi.new of an undeclared name", function() ffi.new("MuNeverDeclared") end,
    "MuNeverDeclared")
  case("ffi.new of a number", function() ffi.new(42) end, { "bad argument #1", "got number" })
  case("ffi.new of a table", function() ffi.new({}) end, { "bad argument #1", "got table" })
  case("ffi.new of int[?] without a count", function() ffi.new("int[?]") end,
    "element count")
  case("ffi.new of int[?] with a negative count", function() ffi.new("int[?]", -1) end,
    "bad element count -1")
  case("ffi.new of int[?] with a huge count", function() ffi.new("int[?]", 1 << 62) end,
    "bad element count")
  case("ffi.new of int[?] with 2^31 bytes", function() ffi.new("int[?]", 1 << 29) end,
    "bad element count 536870912 for 'int[?]' (objects are limited to 2147483647 bytes)")
  case("ffi.new of a flexible struct past the limit", function() ffi.new("struct MuFlex", 0x1fffffff) end,
    { "bad element count 536870911 for 'struct MuFlex'", "limited to 2147483647 bytes" })
  case("ffi.sizeof of int[?] with 2^31 bytes", function() ffi.sizeof("int[?]", 1 << 29) end,
    "objects are limited to 2147483647 bytes")
  case("ffi.new of a malformed type", function() ffi.new("int[") end, "int[")
  case("ffi.new of a negative array type", function() ffi.new("int[-2]") end, "int[-2]")
  case("ffi.sizeof of an opaque struct", function() ffi.sizeof("struct MuOpaque") end,
    { "struct MuOpaque", "incomplete" })
  case("ffi.sizeof of a function type", function() ffi.sizeof("int(int)") end,
    "size of a function type is unknown")
  case("ffi.sizeof of void", function() ffi.sizeof("void") end, "void")
  case("ffi.sizeof of a table", function() ffi.sizeof({}) end, { "bad argument #1", "got table" })
  case("ffi.sizeof of a number", function() ffi.sizeof(3) end, { "bad argument #1", "got number" })
  case("ffi.sizeof of an undeclared name", function() ffi.sizeof("MuNope") end, "MuNope")
  case("ffi.offsetof on a non-record type", function() ffi.offsetof("int", "x") end,
    "is not a struct or union")
  case("ffi.offsetof of an unknown field", function() ffi.offsetof("struct MuPoint", "z") end,
    "no member with name 'z'")
  case("ffi.offsetof on an opaque struct", function() ffi.offsetof("struct MuOpaque", "x") end,
    "no member with name 'x'")
  case("ffi.alignof of an opaque struct", function() ffi.alignof("struct MuOpaque") end,
    { "struct MuOpaque", "incomplete" })

  case("ffi.read of a number", function() ffi.read(5) end,
    { "bad argument #1 to 'read'", "got number" })
  case("ffi.read of a table", function() ffi.read({}) end,
    { "bad argument #1 to 'read'", "got table" })
  case("ffi.read of a Lua string", function() ffi.read("abc") end,
    { "bad argument #1 to 'read'", "got string" })
  case("ffi.read of a raw pointer without a length", function() ffi.read(ffi.addressof(ffi.alloc(4))) end,
    "a length is required for a raw pointer")
  case("ffi.read of NULL", function() ffi.read(ffi.nullptr, 4) end, "NULL pointer")
  case("ffi.read past the end of a buffer", function() ffi.read(ffi.alloc(4), 5) end,
    "length 5 out of range")
  case("ffi.read of a negative length", function() ffi.read(ffi.alloc(4), -1) end,
    "length -1 out of range")
  case("ffi.read past the end of an instance", function() ffi.read(p, 9) end,
    "length 9 out of range")

  local buf = ffi.alloc(4)
  ffi.write(buf, "abcd")
  local function buf_untouched() t.eq(ffi.read(buf), "abcd", "nothing was written") end
  case("ffi.write to a number", function() ffi.write(5, "x") end,
    { "bad argument #1 to 'write'", "got number" })
  case("ffi.write to a table", function() ffi.write({}, "x") end,
    { "bad argument #1 to 'write'", "got table" })
  case("ffi.write to NULL", function() ffi.write(ffi.nullptr, "x") end, "NULL pointer")
  case("ffi.write to a foreign userdata", function() ffi.write(io.stdout, "x") end,
    { "bad argument #1 to 'write'", "buffer expected" })
  case("ffi.write of two strings", function() ffi.write("a", "b") end,
    { "bad argument", "buffer expected" })
  case("ffi.write of a string longer than the buffer", function() ffi.write(buf, "abcde") end,
    "ffi.write: string of 5 bytes does not fit in buffer of 4 bytes", buf_untouched)
  case("ffi.write past the end from an offset", function() ffi.write(buf, "xy", 3) end,
    "does not fit", buf_untouched)
  case("ffi.write at a negative offset", function() ffi.write(buf, "x", -1) end,
    "offset -1 out of range", buf_untouched)
  case("ffi.write at a huge offset", function() ffi.write(buf, "x", math.maxinteger) end,
    "out of range", buf_untouched)
  case("ffi.write in the seed's order, too long", function() ffi.write("12345", buf) end,
    "does not fit", buf_untouched)
  case("ffi.write of 9 bytes into an 8-byte struct", function() ffi.write(p, string.rep("\1", 9)) end,
    "string of 9 bytes does not fit in buffer of 8 bytes", untouched)
  case("ffi.write of 13 bytes into int[3]", function() ffi.write(arr, string.rep("\1", 13)) end,
    "does not fit", arr_untouched)

  case("ffi.alloc of a negative size", function() ffi.alloc(-1) end,
    "bad argument #1 to 'alloc' (size -1 out of range 0..2147483647)")
  case("ffi.alloc of 2^31 bytes: one over the object limit", function() ffi.alloc(1 << 31) end,
    "size 2147483648 out of range 0..2147483647")
  case("ffi.alloc of 2^40 + 1 bytes", function() ffi.alloc((1 << 40) + 1) end,
    "size 1099511627777 out of range 0..2147483647")
  case("ffi.alloc of math.maxinteger", function() ffi.alloc(math.maxinteger) end,
    "out of range 0..2147483647")
  case("ffi.alloc of math.mininteger", function() ffi.alloc(math.mininteger) end,
    "out of range 0..2147483647")
  case("ffi.alloc of a fractional size", function() ffi.alloc(1.5) end,
    "number has no integer representation")
  case("ffi.alloc of a string", function() ffi.alloc("ten") end, "got string")

  case("ffi.string of NULL", function() ffi.string(ffi.nullptr) end, "NULL pointer")
  case("ffi.string of nil", function() ffi.string(nil) end, { "bad argument #1 to 'string'", "got nil" })
  case("ffi.string of a number", function() ffi.string(5) end, "got number")
  case("ffi.string of a table", function() ffi.string({}) end, "got table")
  case("ffi.string with a negative length", function() ffi.string(buf, -1) end,
    "length -1 out of range")
  case("ffi.string past the end of a buffer", function() ffi.string(buf, 10) end,
    "length 10 out of range")
  case("ffi.copy past the end", function() ffi.copy(ffi.alloc(2), "abc") end, "out of range")
  case("ffi.copy from a raw pointer without a length",
    function() ffi.copy(ffi.alloc(8), ffi.addressof(ffi.alloc(2))) end, "a length is required")
  case("ffi.copy of 9 bytes into an 8-byte struct", function() ffi.copy(p, string.rep("\1", 9), 9) end,
    "length 9 out of range", untouched)
  case("ffi.copy into a Lua string", function() ffi.copy("abc", buf, 2) end,
    { "bad argument #1 to 'copy'", "got string" }, buf_untouched)
  case("ffi.fill of 9 bytes into an 8-byte struct", function() ffi.fill(p, 9, 1) end,
    "length 9 out of range", untouched)
  case("ffi.write of an empty string past the end", function() ffi.write(buf, "", 5) end,
    "offset 5 out of range", buf_untouched)
  case("ffi.copy with a negative length", function() ffi.copy(ffi.alloc(2), "abc", -1) end,
    "length -1 out of range")
  case("ffi.fill past the end", function() ffi.fill(buf, 5) end, "length 5 out of range", buf_untouched)
  case("ffi.fill with a negative length", function() ffi.fill(buf, -1) end, "length -1 out of range",
    buf_untouched)
  case("ffi.gc of a light userdata", function() ffi.gc(ffi.nullptr, print) end,
    { "bad argument #1 to 'gc'", "ffi object expected" })
  case("ffi.gc of a number", function() ffi.gc(5, print) end,
    { "bad argument #1 to 'gc'", "got number" })
  case("ffi.addressof a number", function() ffi.addressof(5) end,
    { "bad argument #1 to 'addressof'", "ffi object expected" })
  case("ffi.errno with a string", function() ffi.errno("x") end, "got string")

  -- ---------------------------------------------------------------------------
  cat = "types"

  case("ffi.cast to an unknown type", function() ffi.cast("MuNonsense *", 0) end,
    "unknown type 'MuNonsense *'")
  case("ffi.cast to a malformed type", function() ffi.cast("int int", 0) end, "unknown type 'int int'")
  case("ffi.cast of a table", function() ffi.cast("int", {}) end,
    { "bad argument #2 to 'cast'", "got table" })
  case("ffi.cast to a struct by value", function() ffi.cast("struct MuPoint", 0) end,
    "cannot cast to 'struct MuPoint'")
  case("ffi.cast to void", function() ffi.cast("void", 0) end, "cannot cast to 'void'")
  case("ffi.cast to an array", function() ffi.cast("int[3]", 0) end, "cannot cast to")
  case("ffi.cast of a string to int", function() ffi.cast("int", "abc") end,
    { "bad argument #2 to 'cast'", "got string" })
  case("ffi.cast of a fractional address", function() ffi.cast("struct MuPoint *", 1.5) end,
    "number has no integer representation")
  case("ffi.typeof of two types", function() ffi.typeof("int int") end, "unknown type 'int int'")
  case("ffi.typeof of an empty string", function() ffi.typeof("") end, "unknown type ''")
  case("ffi.typeof with a declarator name", function() ffi.typeof("int x") end, "unknown type 'int x'")
  case("ffi.typeof with a ';'", function() ffi.typeof("int;") end, "unknown type 'int;'")
  case("ffi.typeof of long double", function() ffi.typeof("long double") end, "long double")
  case("ffi.typeof of a bare 'struct'", function() ffi.typeof("struct") end, "struct")
  case("a cdef text with a NUL byte", function() ffi.cdef("int mu_nul\0 int;") end,
    { "cdef:1:11:", "unexpected character" })
  case("ffi.cdef of a number-like non-declaration", function() ffi.cdef(42) end,
    { "cdef:1:1:", "type expected" })
  case("ffi.cdef without a text", function() ffi.cdef() end,
    { "bad argument #1", "string expected, got no value" })
  case("ffi.cdef of a table", function() ffi.cdef({}) end, { "bad argument #1", "got table" })

  -- ---------------------------------------------------------------------------
  cat = "callbacks"

  local good = ffi.callback("i32", "i32", function(x) return x + 1 end)
  case("an unknown result type", function() ffi.callback("i33", "i32", function() end) end,
    "unknown type 'i33'")
  case("an unknown argument type", function() ffi.callback("i32", "nope", function() end) end,
    "unknown type 'nope'")
  case("no function", function() ffi.callback("i32", "i32") end, "function expected")
  case("a number instead of the function", function() ffi.callback("i32", "i32", 5) end,
    "function expected")
  case("'void' among the argument types", function() ffi.callback("i32", "void", "i32", function() end) end,
    "'void' must be the only parameter")
  case("an opaque struct result", function() ffi.callback("struct MuOpaque", function() end) end,
    { "struct MuOpaque", "incomplete" })
  case("a function type as the result", function() ffi.callback("int(int)", function() end) end,
    "cannot return")
  case("'...' as an argument type", function() ffi.callback("i32", "i32", "...", function() end) end,
    "...")
  case("cb.blocking called with '.'", function() good.blocking(true) end, "callback expected")
  case("cb.callcount called with '.'", function() good.callcount() end, "callback expected")
  case("cb.tick called with '.'", function() good.tick() end, "callback expected")
  case("cb.free called with '.'", function() good.free() end, "callback expected")
  case("cb.defaultreturn called with '.'", function() good.defaultreturn(5) end, "callback expected")
  case("a callback method on a struct instance", function() good.callcount(p) end, "callback expected")
  case("defaultreturn of a string for an int callback", function() good:defaultreturn("abc") end,
    { "bad argument #1 to 'defaultreturn'", "got string" })
  case("defaultreturn of a fractional float for an int callback", function() good:defaultreturn(1.5) end,
    "number has no integer representation")
  case("defaultreturn of a number for a pointer callback", function()
    ffi.callback("ptr", "i32", function() end):defaultreturn(5)
  end, { "bad argument #1 to 'defaultreturn'", "pointer expected, got number" })
  case("a callback returning a string for int", function()
    call_int_int(ffi.callback("i32", "i32", function() return "abc" end), 1)
  end, { "bad return value from callback", "got string" })
  case("a callback returning a fractional float for int", function()
    call_int_int(ffi.callback("i32", "i32", function() return 1.5 end), 1)
  end, { "bad return value from callback", "number has no integer representation" })
  case("a callback returning a table", function()
    call_int_int(ffi.callback("i32", "i32", function() return {} end), 1)
  end, { "bad return value from callback", "got table" })
  case("an error inside a callback", function()
    call_int_int(ffi.callback("i32", "i32", function() error("mu callback failed") end), 1)
  end, "mu callback failed", function() t.eq(call_int_int(good, 41), 42, "callbacks still work") end)
  case("a temporary callback returning a string", function()
    cb.call_int_int(function() return "abc" end, 1)
  end, { "bad return value from callback", "got string" })
  case("a temporary callback raising an error", function()
    cb.call_int_int(function() error("mu temporary failed") end, 1)
  end, "mu temporary failed")

  -- ---------------------------------------------------------------------------
  cat = "libraries"

  case("ffi.open of a missing library", function() ffi.open("libmu-not-here.so") end,
    { "failed to load library 'libmu-not-here.so'", "cannot open shared object file" })
  case("ffi.open of a missing path", function() ffi.open("/nonexistent/libmu.so") end,
    "failed to load library '/nonexistent/libmu.so'")
  case("ffi.open of a file that is not a library", function() ffi.open(t.source("tests/corpus/cdef_cases.txt")) end,
    "failed to load library")
  case("ffi.open without a name", function() ffi.open() end, { "bad argument #1", "got no value" })
  case("wrapping a missing symbol", function() seed:wrap("i32", "mu_nothing", "i32") end,
    "could not find 'mu_nothing' in library")
  case("lib:value of a missing symbol", function() seed:value("i32", "mu_nothing") end,
    "could not find 'mu_nothing' in library")
  case("an unknown result type in wrap", function() seed:wrap("int33", "add", "i32", "i32") end,
    "unknown type 'int33'")
  case("an unknown argument type in wrap", function() seed:wrap("i32", "add", "i32", "mu_t") end,
    "unknown type 'mu_t'")
  case("an unknown type in lib:value", function() seed:value("float32", "MY_MAGIC_INT") end,
    "unknown type 'float32'")
  case("'void' among argument types in wrap", function() seed:wrap("i32", "add", "i32", "void") end,
    "'void' must be the only parameter")
  case("an array result in wrap", function() seed:wrap("int[3]", "add", "i32", "i32") end,
    { "cannot return", "[3]' from 'add'", "arrays cannot be passed by value" })
  case("an opaque struct by value in wrap", function() seed:wrap("i32", "add", "struct MuOpaque", "i32") end,
    { "cannot pass 'struct MuOpaque' to 'add' (parameter 1)", "incomplete type" })
  case("a function type as a parameter in wrap", function() seed:wrap("i32", "add", "int(int)", "i32") end,
    "cannot pass")
  case("a table as a type in wrap", function() seed:wrap({}, "add") end, "got table")
  case("wrap without a name", function() seed:wrap("i32") end,
    { "bad argument #2 to 'wrap'", "got no value" })
  case("lib:value of void", function() seed:value("void", "MY_MAGIC_INT") end,
    { "bad argument #1 to 'value'", "void" }) -- numbered as Lua numbers a method's arguments
  case("lib:wrap with void among parameters", function() seed:wrap("i32", "add", "i32", "void") end,
    { "bad argument #4 to 'wrap'", "'void' must be the only parameter" })
  case("lib.wrap called with '.'", function() seed.wrap("i32", "add", "i32", "i32") end,
    "call methods with ':'")
  case("lib.value called with '.'", function() seed.value("i32", "MY_MAGIC_INT") end,
    "call methods with ':'")
  case("lib.cdef called with '.'", function() seed.cdef("int add(int, int);") end,
    "call methods with ':'")
  case("lib:wrap on a plain table", function() seed.wrap({}, "i32", "add") end,
    "call methods with ':'")
  case("a lazily declared missing function, when used", function()
    calls:cdef("int mu_lazy_missing(int);", { lazy = true })
    return calls.mu_lazy_missing(1)
  end, "could not find 'mu_lazy_missing' in library")
  case("a declared function missing from ffi.C", function()
    ffi.cdef("int mu_missing_in_c(int);")
    return ffi.C.mu_missing_in_c(1)
  end, "could not find 'mu_missing_in_c' in library")
  case("lib:cdef options that are not a table", function() calls:cdef("int mu_opts(int);", 5) end,
    { "bad argument #2 to 'cdef'", "table expected, got number" })

  -- Objects over the 2^31-1 byte limit are refused before any allocation (an
  -- allocator that says no is tested under ulimit -v: tests/lua/test_oom.lua).
  cat = "memory"
  isolate = true
  case("ffi.alloc of exactly 2^40 bytes", function() ffi.alloc(1 << 40) end, "out of range 0..2147483647")
  case("ffi.new of a 2^40-byte struct", function()
    ffi.cdef "struct MuHuge { char a[1099511627776]; };"
    ffi.new("struct MuHuge")
  end, "array is too large (over 2147483647 bytes)")

  -- Huge inputs: a limit error or success, never a stack overflow.
  cat = "limits"
  isolate = true
  local N = 100000
  case("100000 nested parentheses in a constant expression", function()
    ffi.cdef("enum MuDeep1 { MU_DEEP1 = " .. string.rep("(", N) .. "1" .. string.rep(")", N) .. " };")
  end, { "cdef:1:", "too deep" })
  case("100000 nested struct members", function()
    ffi.cdef("struct MuDeep2 { " .. string.rep("struct { ", N) .. "int x;" .. string.rep(" } y;", N) .. " };")
  end, { "cdef:1:", "too deep" })
  case("100000 nested anonymous members", function()
    ffi.cdef("struct MuDeep3 { " .. string.rep("struct { ", N) .. "int x;" .. string.rep(" };", N) .. " };")
  end, { "cdef:1:", "too deep" })
  case("100000 nested struct types in sizeof", function()
    ffi.cdef("enum MuDeep4 { MU_DEEP4 = sizeof(" .. string.rep("struct { ", N) .. "int x;" ..
      string.rep(" } y;", N) .. ") };")
  end, { "cdef:1:" })
  case("100000 nested parentheses in a declarator", function()
    ffi.cdef("int " .. string.rep("(", N) .. "mu_deep5" .. string.rep(")", N) .. ";")
  end, { "cdef:1:", "nested too deeply" })
  case("100000 '-' signs in a constant expression", function()
    ffi.cdef("enum MuDeep6 { MU_DEEP6 = " .. string.rep("-", N) .. "1 };")
  end, false)
  case("100000 nested conditionals in a constant expression", function()
    ffi.cdef("enum MuDeep7 { MU_DEEP7 = " .. string.rep("1 ? ", N) .. "1" .. string.rep(" : 0", N) .. " };")
  end, false)
  case("a pointer type with 100000 levels, printed", function()
    return tostring(ffi.typeof("int" .. string.rep("*", N)))
  end, false)
  case("a declaration with 100000 pointer levels", function()
    ffi.cdef("int " .. string.rep("*", N) .. "mu_deep9;")
  end, false)
  case("100000 parameters", function()
    ffi.cdef("int mu_deep10(" .. string.rep("int, ", N) .. "int);")
  end, false)
  case("a 100000-character identifier", function()
    ffi.cdef("int " .. string.rep("m", N) .. ";")
  end, false)
  case("a 5000-digit number", function() ffi.cdef("int mu_deep12[" .. string.rep("9", 5000) .. "];") end,
    { "cdef:1:15:", "too large" })
  case("a 100000-character asm label", function()
    ffi.cdef("int mu_deep13(void) __asm__(\"" .. string.rep("x", N) .. "\");")
  end, { "cdef:1:", "too long" })

  -- A freed callback's code is gone: passing it to C must be refused.
  cat = "callbacks"
  case("a freed callback passed to C", function()
    local c = ffi.callback("i32", "i32", function(x) return x end)
    c:free()
    call_int_int(c, 3)
  end, "freed")

  return cases
end
