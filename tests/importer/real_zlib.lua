-- real_zlib.lua -- zlib through a module imported from /usr/include/zlib.h.
--   lua real_zlib.lua <zlib.pluto>
local t = require "harness"
local ffi = require "ffi"
local z = dofile(assert(arg[1], "usage: real_zlib.lua <module>"))

t.test("version and constants", function()
  t.eq(z.zlibVersion(), z.ZLIB_VERSION)
  t.eq(z.Z_OK, 0)
  t.eq(z.Z_STREAM_END, 1)
  t.eq(z.Z_BEST_COMPRESSION, 9)
end)

t.test("compress / uncompress round trip", function()
  local src = string.rep("hello, zlib! ", 500)
  local bound = z.compressBound(#src)
  local dest, destLen = ffi.new("Bytef[?]", bound), ffi.new("uLongf[1]", { bound })
  t.eq(z.compress2(dest, destLen, src, #src, z.Z_BEST_COMPRESSION), z.Z_OK)
  t.truthy(destLen[0] < #src / 10, "compressed size")
  local out, outLen = ffi.new("Bytef[?]", #src), ffi.new("uLongf[1]", { #src })
  t.eq(z.uncompress(out, outLen, dest, destLen[0]), z.Z_OK)
  t.eq(outLen[0], #src)
  t.eq(ffi.string(out, outLen[0]), src)
  t.eq(z.crc32(0, src, #src), z.crc32(0, out, #src))
end)

local function stream()
  local s = z.types.z_stream()
  t.eq(ffi.sizeof(s), ffi.sizeof("struct z_stream_s"))
  return s
end

t.test("z_stream: streaming deflate and inflate in small chunks", function()
  local parts = {}
  for i = 1, 200 do parts[i] = ("line %d of the input\n"):format(i) end
  local input = table.concat(parts)

  local d = stream()
  t.eq(z.deflateInit_(d, z.Z_DEFAULT_COMPRESSION, z.ZLIB_VERSION, ffi.sizeof(d)), z.Z_OK)
  local chunk = 64
  local outbuf = ffi.new("Bytef[?]", chunk)
  local compressed = {}
  local pos = 0
  repeat
    local n = math.min(chunk, #input - pos)
    local inbuf = ffi.new("Bytef[?]", chunk, input:sub(pos + 1, pos + n))
    pos = pos + n
    d.next_in, d.avail_in = inbuf, n
    local flush = pos == #input and z.Z_FINISH or z.Z_NO_FLUSH
    local rc
    repeat
      d.next_out, d.avail_out = outbuf, chunk
      rc = z.deflate(d, flush)
      t.truthy(rc == z.Z_OK or rc == z.Z_STREAM_END or rc == z.Z_BUF_ERROR, "deflate rc " .. rc)
      compressed[#compressed + 1] = ffi.string(outbuf, chunk - d.avail_out)
    until d.avail_out ~= 0
  until flush == z.Z_FINISH
  t.eq(d.total_in, #input)
  t.eq(z.deflateEnd(d), z.Z_OK)
  local packed = table.concat(compressed)
  t.eq(#packed, d.total_out)

  local i = stream()
  t.eq(z.inflateInit_(i, z.ZLIB_VERSION, ffi.sizeof(i)), z.Z_OK)
  local restored = {}
  local src = ffi.new("Bytef[?]", #packed, packed)
  i.next_in, i.avail_in = src, #packed
  local rc
  repeat
    i.next_out, i.avail_out = outbuf, chunk
    rc = z.inflate(i, z.Z_NO_FLUSH)
    t.truthy(rc == z.Z_OK or rc == z.Z_STREAM_END, "inflate rc " .. rc)
    restored[#restored + 1] = ffi.string(outbuf, chunk - i.avail_out)
  until rc == z.Z_STREAM_END
  t.eq(z.inflateEnd(i), z.Z_OK)
  t.eq(table.concat(restored), input)
end)

t.test("error strings", function()
  t.eq(z.zError(z.Z_DATA_ERROR), "data error")
end)

t.done()
