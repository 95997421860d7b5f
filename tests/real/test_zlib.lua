-- zlib (libz.so.1), declared by hand as zlib.h (1.2.13) declares it, with
-- OF() expanded and z_const empty (ZLIB_CONST not defined). zlib's #define
-- constants become an enum. Expected values are computed in Lua: a CRC-32
-- and an Adler-32 written here, and the zlib stream format (RFC 1950).
local t = require "harness"
local ffi = require "ffi"

local z = ffi.open("libz.so.1")
z:cdef [[
/* zconf.h */
typedef unsigned char  Byte;
typedef unsigned int   uInt;
typedef unsigned long  uLong;
typedef Byte  Bytef;
typedef char  charf;
typedef int   intf;
typedef uInt  uIntf;
typedef uLong uLongf;
typedef void const *voidpc;
typedef void       *voidpf;
typedef void       *voidp;

/* zlib.h */
typedef voidpf (*alloc_func) (voidpf opaque, uInt items, uInt size);
typedef void   (*free_func)  (voidpf opaque, voidpf address);

struct internal_state;

typedef struct z_stream_s {
    Bytef    *next_in;  /* next input byte */
    uInt     avail_in;  /* number of bytes available at next_in */
    uLong    total_in;  /* total number of input bytes read so far */

    Bytef    *next_out; /* next output byte will go here */
    uInt     avail_out; /* remaining free space at next_out */
    uLong    total_out; /* total number of bytes output so far */

    char     *msg;      /* last error message, NULL if no error */
    struct internal_state *state; /* not visible by applications */

    alloc_func zalloc;  /* used to allocate the internal state */
    free_func  zfree;   /* used to free the internal state */
    voidpf     opaque;  /* private data object passed to zalloc and zfree */

    int     data_type;  /* best guess about the data type */
    uLong   adler;      /* Adler-32 or CRC-32 value of the uncompressed data */
    uLong   reserved;   /* reserved for future use */
} z_stream;

typedef z_stream *z_streamp;

enum {
    Z_NO_FLUSH      = 0,
    Z_PARTIAL_FLUSH = 1,
    Z_SYNC_FLUSH    = 2,
    Z_FULL_FLUSH    = 3,
    Z_FINISH        = 4,
    Z_BLOCK         = 5,
    Z_TREES         = 6,

    Z_OK            = 0,
    Z_STREAM_END    = 1,
    Z_NEED_DICT     = 2,
    Z_ERRNO         = (-1),
    Z_STREAM_ERROR  = (-2),
    Z_DATA_ERROR    = (-3),
    Z_MEM_ERROR     = (-4),
    Z_BUF_ERROR     = (-5),
    Z_VERSION_ERROR = (-6),

    Z_NO_COMPRESSION      = 0,
    Z_BEST_SPEED          = 1,
    Z_BEST_COMPRESSION    = 9,
    Z_DEFAULT_COMPRESSION = (-1),

    Z_NULL = 0
};

extern const char * zlibVersion (void);

extern int deflate (z_streamp strm, int flush);
extern int deflateEnd (z_streamp strm);
extern int inflate (z_streamp strm, int flush);
extern int inflateEnd (z_streamp strm);

extern int compress (Bytef *dest, uLongf *destLen,
                     const Bytef *source, uLong sourceLen);
extern int compress2 (Bytef *dest, uLongf *destLen,
                      const Bytef *source, uLong sourceLen, int level);
extern uLong compressBound (uLong sourceLen);
extern int uncompress (Bytef *dest, uLongf *destLen,
                       const Bytef *source, uLong sourceLen);

extern uLong adler32 (uLong adler, const Bytef *buf, uInt len);
extern uLong crc32 (uLong crc, const Bytef *buf, uInt len);

/* gzip file access: a (semi-)opaque handle type */
typedef struct gzFile_s *gzFile;    /* semi-opaque gzip file descriptor */

extern gzFile gzopen (const char *path, const char *mode);
extern int gzbuffer (gzFile file, unsigned size);
extern int gzread (gzFile file, voidp buf, unsigned len);
extern int gzwrite (gzFile file, voidpc buf, unsigned len);
extern int gzprintf (gzFile file, const char *format, ...);
extern int gzputs (gzFile file, const char *s);
extern char * gzgets (gzFile file, char *buf, int len);
extern int gzeof (gzFile file);
extern int gzclose (gzFile file);
extern const char * gzerror (gzFile file, int *errnum);

extern int deflateInit_ (z_streamp strm, int level,
                         const char *version, int stream_size);
extern int inflateInit_ (z_streamp strm,
                         const char *version, int stream_size);
]]

-- the macros of zlib.h
local function deflateInit(strm, level)
  return z.deflateInit_(strm, level, z.zlibVersion(), ffi.sizeof("z_stream"))
end
local function inflateInit(strm)
  return z.inflateInit_(strm, z.zlibVersion(), ffi.sizeof("z_stream"))
end

ffi.cdef [[
extern void *calloc (size_t __nmemb, size_t __size) __attribute__ ((__nothrow__ , __leaf__));
extern void free (void *__ptr) __attribute__ ((__nothrow__ , __leaf__));
]]

-- CRC-32 (ISO-HDLC: reflected, polynomial 0xEDB88320), table driven.
local crc_table = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if c & 1 ~= 0 then c = 0xEDB88320 ~ (c >> 1) else c = c >> 1 end
  end
  crc_table[i] = c
end
local function lua_crc32(s, crc)
  crc = (crc or 0) ~ 0xFFFFFFFF
  for i = 1, #s do
    crc = crc_table[(crc ~ s:byte(i)) & 0xFF] ~ (crc >> 8)
  end
  return crc ~ 0xFFFFFFFF
end

-- Adler-32 (RFC 1950).
local function lua_adler32(s)
  local a, b = 1, 0
  for i = 1, #s do
    a = (a + s:byte(i)) % 65521
    b = (b + a) % 65521
  end
  return (b << 16) | a
end

-- A few KB of deterministic, compressible text with some binary noise.
local function sample(n, seed)
  local words = { "alpha", "beta", "gamma", "delta", "zlib", "lua", "ffi", "stream", "\0\1\2", "\255\254" }
  local s, parts, len = seed, {}, 0
  while len < n do
    s = (s * 1103515245 + 12345) % 2147483648
    local w = words[s % #words + 1] .. ((s >> 8) % 3 == 0 and "\n" or " ")
    parts[#parts + 1] = w
    len = len + #w
  end
  return table.concat(parts):sub(1, n)
end

local function buffer_of(s)
  local b = ffi.alloc(#s)
  ffi.write(b, s)
  return b
end

t.test("zlib is the library we declared for", function()
  local v = z.zlibVersion()
  t.type(v, "string")
  t.truthy(v:match("^1%.%d+"), "zlib 1.x, got " .. v)
  t.eq(z.Z_OK, 0)
  t.eq(ffi.C.Z_FINISH, 4)
  t.eq(z.Z_BUF_ERROR, -5)
  t.eq(ffi.C.Z_DEFAULT_COMPRESSION, -1)
  -- z_stream: pointers, uInt (4 bytes) and uLong (long) in zlib.h's order;
  -- LP64: 8+4(+4)+8 +8+4(+4)+8 +8+8 +8+8+8 +4(+4)+8+8; ILP32: every member 4 bytes
  local LP64 = string.packsize("l") == 8
  t.eq(ffi.sizeof("z_stream"), LP64 and 112 or 56)
  t.eq(ffi.offsetof("z_stream", "msg"), LP64 and 48 or 24)
  t.eq(ffi.offsetof("z_stream", "data_type"), LP64 and 88 or 44)
  t.eq(ffi.offsetof("z_stream", "reserved"), LP64 and 104 or 52)
end)

t.test("crc32 and adler32 match Lua implementations", function()
  t.eq(lua_crc32("123456789"), 0xCBF43926, "the Lua CRC is right (the standard check value)")
  t.eq(lua_adler32("Wikipedia"), 0x11E60398, "the Lua Adler-32 is right")

  local check = buffer_of("123456789")
  t.eq(z.crc32(0, check, 9), 0xCBF43926)

  local data = sample(5000, 99)
  local buf = buffer_of(data)
  local expected = lua_crc32(data)
  t.eq(z.crc32(0, buf, #data), expected)
  t.eq(z.adler32(1, buf, #data), lua_adler32(data))

  -- incremental: crc32(crc32(0, a), b) == crc32(0, a .. b)
  local p = ffi.cast("const Bytef *", buf)
  local crc = z.crc32(0, nil, 0) -- the initial value
  t.eq(crc, 0)
  crc = z.crc32(crc, p, 1234)
  t.eq(crc, lua_crc32(data:sub(1, 1234)))
  crc = z.crc32(crc, p + 1234, #data - 1234)
  t.eq(crc, expected)
end)

t.test("compress / uncompress round trip with uLongf * out-parameters", function()
  local data = sample(6000, 1)
  local src = buffer_of(data)

  local bound = z.compressBound(#data)
  -- compress.c: sourceLen + (sourceLen >> 12) + (sourceLen >> 14) + (sourceLen >> 25) + 13
  t.eq(bound, #data + (#data >> 12) + (#data >> 14) + (#data >> 25) + 13)

  local dst = ffi.alloc(bound)
  local dlen = ffi.new("unsigned long[1]", { bound })
  t.eq(z.compress(dst, dlen, src, #data), z.Z_OK)
  local clen = dlen[0]
  t.truthy(clen > 0 and clen < #data // 2, "compressed to " .. clen .. " bytes")
  local packed = ffi.read(dst, clen)

  -- RFC 1950: CMF/FLG header (deflate, 32K window; check bits), Adler-32 trailer
  local cmf, flg = packed:byte(1, 2)
  t.eq(cmf, 0x78)
  t.eq((cmf * 256 + flg) % 31, 0, "header check bits")
  t.eq(string.unpack(">I4", packed, clen - 3), lua_adler32(data), "Adler-32 trailer")

  local out = ffi.alloc(#data)
  local olen = ffi.new("uLongf[1]", { #data })
  t.eq(z.uncompress(out, olen, dst, clen), z.Z_OK)
  t.eq(olen[0], #data)
  t.eq(ffi.read(out), data)

  -- too small a destination: Z_BUF_ERROR
  local small = ffi.alloc(100)
  olen[0] = 100
  t.eq(z.uncompress(small, olen, dst, clen), z.Z_BUF_ERROR)

  -- compress2 at both ends of the level range
  local fast, best = ffi.new("uLongf[1]", { bound }), ffi.new("uLongf[1]", { bound })
  local d1, d9 = ffi.alloc(bound), ffi.alloc(bound)
  t.eq(z.compress2(d1, fast, src, #data, z.Z_NO_COMPRESSION), z.Z_OK)
  t.eq(z.compress2(d9, best, src, #data, z.Z_BEST_COMPRESSION), z.Z_OK)
  t.truthy(fast[0] > #data, "level 0 stores: " .. fast[0])
  t.truthy(best[0] <= clen, "level 9 no worse than the default")
  olen[0] = #data
  t.eq(z.uncompress(out, olen, d1, fast[0]), z.Z_OK)
  t.eq(ffi.read(out), data)
end)

-- Streams `data` through deflate in input chunks of `inchunk` bytes and
-- output chunks of `outchunk` bytes, like zlib's zpipe.c.
local function deflate_stream(data, level, inchunk, outchunk)
  local strm = ffi.new("z_stream")
  t.eq(deflateInit(strm, level), z.Z_OK)
  t.truthy(not ffi.isnull(strm.state), "deflateInit allocated the state")

  local inbuf = buffer_of(data)
  local inp = ffi.cast("Bytef *", inbuf)
  local outbuf = ffi.alloc(outchunk)
  local parts = {}
  local pos, calls = 0, 0
  repeat
    local n = math.min(inchunk, #data - pos)
    strm.avail_in = n
    strm.next_in = inp + pos
    local flush = (pos + n == #data) and z.Z_FINISH or z.Z_NO_FLUSH
    repeat
      strm.avail_out = outchunk
      strm.next_out = outbuf
      local ret = z.deflate(strm, flush)
      calls = calls + 1
      t.truthy(ret ~= z.Z_STREAM_ERROR, "deflate: state not clobbered")
      local have = outchunk - strm.avail_out
      t.eq(strm.next_out - ffi.cast("Bytef *", outbuf), have, "next_out advanced by what was written")
      parts[#parts + 1] = ffi.read(outbuf, have)
    until strm.avail_out ~= 0
    t.eq(strm.avail_in, 0, "all input used")
    t.eq(strm.next_in - inp, pos + n, "next_in advanced past the chunk")
    pos = pos + n
  until flush == z.Z_FINISH
  local packed = table.concat(parts)
  t.eq(strm.total_in, #data)
  t.eq(strm.total_out, #packed)
  t.eq(strm.adler, lua_adler32(data), "strm.adler")
  t.eq(z.deflateEnd(strm), z.Z_OK)
  t.truthy(ffi.isnull(strm.state), "deflateEnd freed the state")
  return packed, calls
end

local function inflate_stream(packed, inchunk, outchunk, strm)
  strm = strm or ffi.new("z_stream")
  strm.next_in = nil
  strm.avail_in = 0
  t.eq(inflateInit(strm), z.Z_OK)
  local inbuf = buffer_of(packed)
  local inp = ffi.cast("Bytef *", inbuf)
  local outbuf = ffi.alloc(outchunk)
  local parts = {}
  local pos, ret = 0, z.Z_OK
  repeat
    local n = math.min(inchunk, #packed - pos)
    strm.avail_in = n
    strm.next_in = inp + pos
    repeat
      strm.avail_out = outchunk
      strm.next_out = outbuf
      ret = z.inflate(strm, z.Z_NO_FLUSH)
      t.truthy(ret == z.Z_OK or ret == z.Z_STREAM_END or ret == z.Z_BUF_ERROR,
        "inflate returned " .. ret .. " (" .. tostring(strm.msg and ffi.string(strm.msg)) .. ")")
      parts[#parts + 1] = ffi.read(outbuf, outchunk - strm.avail_out)
    until strm.avail_out ~= 0 or ret == z.Z_STREAM_END
    pos = pos + n - strm.avail_in
  until ret == z.Z_STREAM_END or pos >= #packed
  t.eq(ret, z.Z_STREAM_END)
  t.eq(strm.total_in, #packed)
  t.eq(z.inflateEnd(strm), z.Z_OK)
  return table.concat(parts)
end

t.test("z_stream: deflate in chunks (Z_NO_FLUSH ... Z_FINISH), inflate back", function()
  local data = sample(7000, 42)
  local packed, calls = deflate_stream(data, z.Z_DEFAULT_COMPRESSION, 1000, 256)
  t.truthy(calls > 7, "several deflate calls (" .. calls .. ")")
  -- the stream is a complete zlib stream: uncompress() takes it in one go
  local out = ffi.alloc(#data)
  local olen = ffi.new("uLongf[1]", { #data })
  t.eq(z.uncompress(out, olen, buffer_of(packed), #packed), z.Z_OK)
  t.eq(ffi.read(out), data)
  t.eq(string.unpack(">I4", packed, #packed - 3), lua_adler32(data))

  t.eq(inflate_stream(packed, 300, 512), data)
end)

-- Inflates through a z_stream whose zalloc/zfree are Lua functions made into
-- C function pointers by `make` (ffi.callback or ffi.cast).
local function custom_allocator_round_trip(make_alloc, make_free)
  local allocs, frees, opaque_ok = 0, 0, true
  local tag = ffi.alloc(1)
  local zalloc = make_alloc(function(opaque, items, size)
    allocs = allocs + 1
    if opaque ~= ffi.addressof(tag) then opaque_ok = false end
    return ffi.C.calloc(items, size)
  end)
  local zfree = make_free(function(opaque, address)
    frees = frees + 1
    if opaque ~= ffi.addressof(tag) then opaque_ok = false end
    ffi.C.free(address)
  end)

  local data = sample(4000, 7)
  local packed = deflate_stream(data, z.Z_BEST_SPEED, 4000, 4096)

  local strm = ffi.new("z_stream")
  strm.zalloc = zalloc
  strm.zfree = zfree
  strm.opaque = tag
  t.truthy(not ffi.isnull(strm.zalloc), "zalloc field set")
  t.eq(inflate_stream(packed, 64, 128, strm), data)
  t.truthy(allocs >= 1, "zlib allocated through zalloc (" .. allocs .. ")")
  t.eq(frees, allocs, "every allocation freed through zfree")
  t.truthy(opaque_ok, "opaque passed back to zalloc/zfree")
end

t.test("z_stream with zalloc/zfree from ffi.callback (typedef'd types) and opaque", function()
  custom_allocator_round_trip(
    function(fn) return ffi.callback("voidpf", "voidpf", "uInt", "uInt", fn) end,
    function(fn) return ffi.callback("void", "voidpf", "voidpf", fn) end)
end)

t.test("z_stream with zalloc/zfree from ffi.cast('alloc_func', fn)", function()
  custom_allocator_round_trip(
    function(fn) return ffi.cast("alloc_func", fn) end,
    function(fn) return ffi.cast("free_func", fn) end)
end)

t.test("inflate of a corrupted stream: Z_DATA_ERROR and strm.msg", function()
  local data = sample(2000, 3)
  local packed = deflate_stream(data, 6, 2000, 4096)
  -- flip the header's check bits: (CMF*256 + FLG) % 31 ~= 0
  local bad = string.char(packed:byte(1), packed:byte(2) ~ 1) .. packed:sub(3)
  t.ne((bad:byte(1) * 256 + bad:byte(2)) % 31, 0)

  local strm = ffi.new("z_stream")
  t.eq(inflateInit(strm), z.Z_OK)
  t.eq(strm.msg, nil, "no message before an error")
  local inbuf = buffer_of(bad)
  local outbuf = ffi.alloc(4096)
  strm.next_in = inbuf
  strm.avail_in = #bad
  strm.next_out = outbuf
  strm.avail_out = 4096
  t.eq(z.inflate(strm, z.Z_NO_FLUSH), z.Z_DATA_ERROR)
  t.truthy(strm.msg ~= nil, "msg set")
  t.eq(ffi.string(strm.msg), "incorrect header check")
  t.eq(z.inflateEnd(strm), z.Z_OK)

  -- a wrong stream_size is refused: zlib checks the caller's struct size
  local s2 = ffi.new("z_stream")
  t.eq(z.deflateInit_(s2, 6, z.zlibVersion(), ffi.sizeof("z_stream") - 8), z.Z_VERSION_ERROR)
end)

t.test("gzFile: gzwrite/gzprintf/gzputs to a file, gzgets/gzread back", function()
  local path = os.tmpname()
  local ok, err = pcall(function()
    local body = sample(3000, 5)
    local gz = z.gzopen(path, "wb9")
    t.truthy(gz ~= nil and not ffi.isnull(gz), "gzopen for writing")
    t.eq(z.gzputs(gz, "header line\n"), #"header line\n")
    local n = z.gzprintf(gz, "%s=%d %lld %.2f\n", "answer", ffi.new("int", 42), -(1 << 40), 0.5)
    local line2 = string.format("%s=%d %d %.2f\n", "answer", 42, -(1 << 40), 0.5)
    t.eq(n, #line2, "gzprintf returns the uncompressed length")
    t.eq(z.gzwrite(gz, buffer_of(body), #body), #body)
    t.eq(z.gzclose(gz), z.Z_OK)

    -- the file is gzip (RFC 1952) with a CRC-32 and length trailer
    local content = "header line\n" .. line2 .. body
    local raw = t.readfile(path)
    t.eq(raw:sub(1, 3), "\x1f\x8b\x08", "gzip magic and deflate method")
    local crc, isize = string.unpack("<I4I4", raw, #raw - 7)
    t.eq(crc, lua_crc32(content), "CRC-32 trailer")
    t.eq(isize, #content, "ISIZE trailer")

    gz = z.gzopen(path, "rb")
    t.truthy(gz ~= nil, "gzopen for reading")
    local line = ffi.alloc(64)
    local r = z.gzgets(gz, line, 64)         -- char *: returns buf
    t.truthy(r ~= nil and r == ffi.cast("char *", line), "gzgets returns its buffer")
    t.eq(ffi.string(line), "header line\n")
    t.eq(ffi.string(z.gzgets(gz, line, 64)), line2)
    local rest = ffi.alloc(#body + 100)
    t.eq(z.gzread(gz, rest, #body + 100), #body, "gzread stops at the end")
    t.eq(ffi.read(rest, #body), body)
    t.eq(z.gzeof(gz), 1)
    t.eq(z.gzgets(gz, line, 64), nil, "gzgets at EOF: NULL -> nil")
    local errnum = ffi.new("int[1]")
    t.eq(z.gzerror(gz, errnum), "")
    t.eq(errnum[0], z.Z_OK)
    t.eq(z.gzclose(gz), z.Z_OK)
  end)
  os.remove(path)
  if not ok then error(err, 0) end
end)

t.test("gzopen of a missing file gives NULL (nil)", function()
  t.eq(z.gzopen("/nonexistent-dir-pluto-ffi/x.gz", "rb"), nil)
end)

t.done()
