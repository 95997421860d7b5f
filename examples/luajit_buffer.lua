-- luajit_buffer.lua: a growable byte buffer on uint8_t[?], the way LuaJIT
-- code writes one (ffi.new with a size, ffi.copy, pointer arithmetic,
-- ffi.string), runs unchanged.
--
--   lua5.4 examples/luajit_buffer.lua

local ffi = require "ffi"

local Buffer = {}
Buffer.__index = Buffer

function Buffer.new(capacity)
  capacity = capacity or 16
  return setmetatable({ data = ffi.new("uint8_t[?]", capacity), cap = capacity, len = 0 }, Buffer)
end

function Buffer:reserve(n)
  local need = self.len + n
  if need <= self.cap then
    return
  end
  local cap = self.cap
  while cap < need do
    cap = cap * 2
  end
  local data = ffi.new("uint8_t[?]", cap)
  ffi.copy(data, self.data, self.len)
  self.data, self.cap = data, cap
end

function Buffer:put(s)
  self:reserve(#s)
  ffi.copy(self.data + self.len, s, #s)
  self.len = self.len + #s
  return self
end

function Buffer:putbyte(b)
  self:reserve(1)
  self.data[self.len] = b
  self.len = self.len + 1
  return self
end

function Buffer:tostring()
  return ffi.string(self.data, self.len)
end

local b = Buffer.new(4)
b:put("hello"):putbyte(32):put("world")
assert(b:tostring() == "hello world")
assert(b.cap == 16 and ffi.sizeof(b.data) == 16, "grew 4 -> 8 -> 16")
for i = 1, 100 do
  b:putbyte(48 + i % 10)
end
assert(b.len == 111 and b.cap == 128)
assert(b:tostring():sub(-3) == "890")
assert(b.data[0] == string.byte("h"))

print("luajit_buffer: ok")
