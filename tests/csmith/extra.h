/* extra.h -- records the csmith test always checks besides csmith's own
   (same format: one member per line): shapes that broke before. */

/* ffi-import deduced pack(1) for these (a 1-byte member at an odd offset
   made it halve the pack below what the 4- and 8-byte members show). */
#pragma pack(push)
#pragma pack(4)
struct cx_pack4_bytes {
   const uint8_t  f0;
   int8_t  f1;
   int32_t  f2;
   int64_t  f3;
   volatile uint8_t  f4;
   int32_t  f5;
   int64_t  f6;
};
#pragma pack(pop)

#pragma pack(push, 2)
struct cx_pack2_bytes {
   int8_t  f0;
   int8_t  f1;
   int16_t  f2;
   int8_t  f3;
   int32_t  f4;
   int64_t  f5;
};
#pragma pack(pop)
