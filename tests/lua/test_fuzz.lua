-- Mutation fuzzing of the declaration parser: thousands of damaged declarations
-- (deterministic seed; FFI_FUZZ_SEED / FFI_FUZZ_N to explore). Each must give a
-- Lua error or succeed -- never crash (the ASan build runs this too) -- and the
-- state must work afterwards.
local ffi = require "ffi"
local seeds = {
  "struct A { int x; char *s; double d[3]; struct A *next; };",
  "typedef int (*cmp)(const void *, const void *); void qsort(void *b, size_t n, size_t s, cmp c);",
  "enum E { X = 1 << 3, Y = X | 2, Z = sizeof(int) * -1 };",
  "struct B { unsigned a : 3; int : 0; signed b : 5; union { int i; float f; }; } __attribute__((packed));",
  "#pragma pack(push, 2)\nstruct C { char c; long long l; };\n#pragma pack(pop)",
  "static const int K = (int)(3 * 7 % 5); extern int v __asm__(\"v2\"); int printf(const char *, ...);",
  "struct F { int n; int d[]; }; typedef struct F F; F *mk(int (*f[2])(int));",
  "union U { struct { int a, b; } s; char c[8]; _Alignas(16) int z; };",
}
local chars = "(){}[];,*:=<>?+-~!&|^/%.'\"#\n abcxyz0123456789_"
math.randomseed(tonumber(os.getenv("FFI_FUZZ_SEED")) or 20261128)
local n, errs = 0, 0
for i = 1, tonumber(os.getenv("FFI_FUZZ_N")) or 4000 do
  local s = seeds[math.random(#seeds)]
  for _ = 1, math.random(1, 4) do
    local p = math.random(1, #s + 1)
    local op = math.random(3)
    local c = chars:sub(math.random(#chars), math.random(#chars))
    if op == 1 then s = s:sub(1, p - 1) .. c .. s:sub(p)
    elseif op == 2 then s = s:sub(1, p - 1) .. s:sub(p + math.random(0, 3))
    else s = s:sub(1, p - 1) .. c .. s:sub(p + 1) end
  end
  -- rename tags so successes don't collide
  s = s:gsub("struct (%a)", "struct %1" .. i):gsub("union (%a)", "union %1" .. i):gsub("enum (%a)", "enum %1" .. i)
  local ok, e = pcall(ffi.cdef, s)
  n = n + 1
  if not ok then errs = errs + 1 end
  local ok2, e2 = pcall(ffi.typeof, s:sub(1, 20))
  local ok3 = pcall(ffi.struct, s)
end
-- state still works
ffi.cdef "struct FuzzOK { int q; };"
local o = ffi.new("FuzzOK"); o.q = 5; assert(o.q == 5)
assert(n > 0 and errs > n / 2, "the mutations produce errors")
print(("%d mutated declarations, %d rejected, state ok"):format(n, errs))
print("1 passed, 0 failed")
