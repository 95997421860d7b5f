-- real_evp.lua -- OpenSSL's EVP API imported from openssl/evp.h with no -l and
-- no --match (issue 8): the declarations spread over openssl/*.h come along,
-- the library is found through pkg-config.
--   lua real_evp.lua <evp.pluto>
local t = require "harness"
local ffi = require "ffi"
local path = assert(arg[1], "usage: real_evp.lua <module>")
local evp = dofile(path)

t.test("the library was found without -l", function()
  local f = assert(io.open(path))
  local head = f:read("a")
  f:close()
  t.truthy(head:find("-- library: libssl.so.3, found through pkg-config package 'openssl'", 1, true), "header")
end)

t.test("SHA-256 of \"abc\" (FIPS 180-2, appendix B.1)", function()
  local ctx = evp.EVP_MD_CTX_new()
  t.truthy(ctx ~= nil, "context")
  t.eq(evp.EVP_DigestInit_ex(ctx, evp.EVP_sha256(), nil), 1)
  t.eq(evp.EVP_DigestUpdate(ctx, "abc", 3), 1)
  local md, len = ffi.new("unsigned char[?]", evp.EVP_MAX_MD_SIZE), ffi.new("unsigned int[1]")
  t.eq(evp.EVP_DigestFinal_ex(ctx, md, len), 1)
  evp.EVP_MD_CTX_free(ctx)
  t.eq(len[0], 32)
  local hex = {}
  for i = 0, 31 do hex[#hex + 1] = string.format("%02x", md[i]) end
  t.eq(table.concat(hex), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
end)

t.done()
