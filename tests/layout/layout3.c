/*
** layout3.c -- the compiler's own layout of every record in records.h.
**
** Built twice, by gcc and by clang (liblayout3_gcc.so, liblayout3_clang.so).
** test_layout3.lua reads this table through the FFI and compares it with the
** runtime's layout of the same header; it also writes fields from Lua and
** reads them here (and the reverse) through the accessors below.
**
** Rows: one per record (its sizeof and alignof), then one per checked member.
** A member may be a path into nested records and arrays ("inner.a",
** "pts[2].y"), which offsetof and member access both accept.
** Bit positions are absolute, counted from the record's first byte in
** allocation order (little-endian: bit 0 is the low bit of byte 0), and found
** by storing all ones into the field of a zeroed record and scanning its bytes:
** the compiler's answer, with no assumption about its rules.
*/
#include <stddef.h>
#include <string.h>

#include "records.h"

#define LAY_EXPORT __attribute__((visibility("default")))

/* -- The checked members -- */

/* Row kinds:
**   R(T)     record: sizeof, alignof
**   Y(T)     other type (enum, typedef): sizeof, alignof
**   F(T, m)  aggregate member (record or array): offset and size only
**   C(T, m)  const scalar member: offset and size only
**   X(T, m)  flexible array member: offset only
**   I(T, m)  integer, enum or _Bool member: also lay_get / lay_set
**   B(T, m)  bitfield: bit position and width, lay_get / lay_set
**   D(T, m)  float or double member: lay_getd / lay_setd
**   S(T, m)  char array holding a string: lay_getstr / lay_setstr
**   P(T, m)  pointer or function pointer member: lay_getp / lay_setp
*/
#define LAYOUT_ROWS \
  R(struct l3_basic) I(struct l3_basic, c) I(struct l3_basic, s) I(struct l3_basic, i) \
    I(struct l3_basic, l) I(struct l3_basic, ll) D(struct l3_basic, f) D(struct l3_basic, d) \
    P(struct l3_basic, p) \
  R(struct l3_unsigned) I(struct l3_unsigned, uc) I(struct l3_unsigned, sc) \
    I(struct l3_unsigned, us) I(struct l3_unsigned, ui) I(struct l3_unsigned, ul) \
    I(struct l3_unsigned, ull) I(struct l3_unsigned, b) \
  R(struct l3_spellings) I(struct l3_spellings, a) I(struct l3_spellings, b) \
    I(struct l3_spellings, c) I(struct l3_spellings, d) I(struct l3_spellings, e) \
    I(struct l3_spellings, f) I(struct l3_spellings, g) I(struct l3_spellings, h) \
    I(struct l3_spellings, i) \
  R(struct l3_tail) D(struct l3_tail, d) I(struct l3_tail, c) \
  R(struct l3_empty) \
  R(struct l3_with_empty) I(struct l3_with_empty, a) F(struct l3_with_empty, e) \
    I(struct l3_with_empty, b) \
  R(struct l3_bool_fields) I(struct l3_bool_fields, a) I(struct l3_bool_fields, b) \
    I(struct l3_bool_fields, i) I(struct l3_bool_fields, c) \
  R(struct l3_qualified) C(struct l3_qualified, a) C(struct l3_qualified, b) \
    C(struct l3_qualified, p) C(struct l3_qualified, v) \
  \
  Y(enum l3_color) Y(enum l3_sign) Y(enum l3_small) Y(enum l3_small_signed) \
  Y(enum l3_small16) Y(enum l3_big) Y(enum l3_flags) \
  R(struct l3_enums) I(struct l3_enums, c) I(struct l3_enums, col) I(struct l3_enums, sm) \
    I(struct l3_enums, ss) I(struct l3_enums, w) I(struct l3_enums, big) \
    I(struct l3_enums, sign) I(struct l3_enums, fl) \
  R(struct l3_enum_packed_seq) I(struct l3_enum_packed_seq, a) \
    I(struct l3_enum_packed_seq, b) I(struct l3_enum_packed_seq, c) \
  \
  R(struct l3_bits_basic) B(struct l3_bits_basic, a) B(struct l3_bits_basic, b) \
    B(struct l3_bits_basic, c) B(struct l3_bits_basic, d) \
  R(struct l3_bits_signed) B(struct l3_bits_signed, a) B(struct l3_bits_signed, b) \
    B(struct l3_bits_signed, c) B(struct l3_bits_signed, d) \
  R(struct l3_bits_straddle_int) B(struct l3_bits_straddle_int, a) \
    B(struct l3_bits_straddle_int, b) B(struct l3_bits_straddle_int, c) \
    B(struct l3_bits_straddle_int, d) \
  R(struct l3_bits_char) B(struct l3_bits_char, a) B(struct l3_bits_char, b) \
    B(struct l3_bits_char, c) B(struct l3_bits_char, d) B(struct l3_bits_char, e) \
  R(struct l3_bits_short) B(struct l3_bits_short, a) B(struct l3_bits_short, b) \
    B(struct l3_bits_short, c) B(struct l3_bits_short, d) \
  R(struct l3_bits_ll) B(struct l3_bits_ll, a) B(struct l3_bits_ll, b) \
    B(struct l3_bits_ll, c) B(struct l3_bits_ll, d) \
  R(struct l3_bits_mixed_units) I(struct l3_bits_mixed_units, c) \
    B(struct l3_bits_mixed_units, b) B(struct l3_bits_mixed_units, s) \
    B(struct l3_bits_mixed_units, x) \
  R(struct l3_bits_char_then_int) S(struct l3_bits_char_then_int, c) \
    B(struct l3_bits_char_then_int, b) \
  R(struct l3_bits_zero_width) B(struct l3_bits_zero_width, a) \
    B(struct l3_bits_zero_width, b) \
  R(struct l3_bits_zero_char) B(struct l3_bits_zero_char, a) B(struct l3_bits_zero_char, b) \
  R(struct l3_bits_zero_ll) I(struct l3_bits_zero_ll, a) I(struct l3_bits_zero_ll, b) \
  R(struct l3_bits_zero_first) I(struct l3_bits_zero_first, a) \
    I(struct l3_bits_zero_first, b) \
  R(struct l3_bits_unnamed) I(struct l3_bits_unnamed, a) I(struct l3_bits_unnamed, b) \
    B(struct l3_bits_unnamed, c) \
  R(struct l3_bits_unnamed_align) I(struct l3_bits_unnamed_align, a) \
    I(struct l3_bits_unnamed_align, b) \
  R(struct l3_bits_bool) B(struct l3_bits_bool, a) B(struct l3_bits_bool, b) \
    B(struct l3_bits_bool, c) B(struct l3_bits_bool, d) I(struct l3_bits_bool, e) \
  R(struct l3_bits_enum) B(struct l3_bits_enum, col) B(struct l3_bits_enum, sign) \
    B(struct l3_bits_enum, x) B(struct l3_bits_enum, sm) \
  R(struct l3_bits_full) B(struct l3_bits_full, a) B(struct l3_bits_full, b) \
    B(struct l3_bits_full, c) B(struct l3_bits_full, d) \
  R(struct l3_bits_align_ll) I(struct l3_bits_align_ll, a) B(struct l3_bits_align_ll, b) \
  R(union l3_bits_union) B(union l3_bits_union, a) B(union l3_bits_union, b) \
    I(union l3_bits_union, c) B(union l3_bits_union, d) \
  R(struct l3_bits_many) B(struct l3_bits_many, a) B(struct l3_bits_many, b) \
    B(struct l3_bits_many, c) B(struct l3_bits_many, d) B(struct l3_bits_many, e) \
    B(struct l3_bits_many, f) B(struct l3_bits_many, g) B(struct l3_bits_many, h) \
    B(struct l3_bits_many, i) B(struct l3_bits_many, j) \
  R(struct l3_bits_after_array) F(struct l3_bits_after_array, s) \
    I(struct l3_bits_after_array, s[2]) B(struct l3_bits_after_array, x) \
    B(struct l3_bits_after_array, y) \
  R(struct l3_bits_after_double) D(struct l3_bits_after_double, d) \
    I(struct l3_bits_after_double, c) B(struct l3_bits_after_double, x) \
    B(struct l3_bits_after_double, y) B(struct l3_bits_after_double, z) \
  \
  R(struct l3_packed) I(struct l3_packed, c) I(struct l3_packed, i) I(struct l3_packed, s) \
    D(struct l3_packed, d) I(struct l3_packed, ll) \
  R(struct l3_packed_field) I(struct l3_packed_field, c) I(struct l3_packed_field, i) \
    I(struct l3_packed_field, s) \
  R(struct l3_packed_aligned) I(struct l3_packed_aligned, c) \
    I(struct l3_packed_aligned, i) I(struct l3_packed_aligned, s) \
  R(struct l3_packed_bits) I(struct l3_packed_bits, a) B(struct l3_packed_bits, b) \
    I(struct l3_packed_bits, c) B(struct l3_packed_bits, d) B(struct l3_packed_bits, e) \
  R(struct l3_packed_nested) I(struct l3_packed_nested, c) F(struct l3_packed_nested, t) \
    D(struct l3_packed_nested, t.d) I(struct l3_packed_nested, t.c) \
    I(struct l3_packed_nested, s) \
  R(struct l3_contains_packed) I(struct l3_contains_packed, c) \
    F(struct l3_contains_packed, p) I(struct l3_contains_packed, p.i) \
    D(struct l3_contains_packed, p.d) I(struct l3_contains_packed, i) \
  R(union l3_packed_union) I(union l3_packed_union, c) I(union l3_packed_union, i) \
    D(union l3_packed_union, d) S(union l3_packed_union, s) \
  R(struct l3_packed_struct_field) I(struct l3_packed_struct_field, c) \
    F(struct l3_packed_struct_field, t) D(struct l3_packed_struct_field, t.d) \
    I(struct l3_packed_struct_field, e) \
  R(struct l3_packed_array) I(struct l3_packed_array, c) F(struct l3_packed_array, a) \
    I(struct l3_packed_array, a[1]) F(struct l3_packed_array, m) \
    I(struct l3_packed_array, m[1][1]) \
  R(struct l3_packed_after) I(struct l3_packed_after, c) I(struct l3_packed_after, i) \
  \
  R(struct l3_aligned16) I(struct l3_aligned16, c) \
  R(struct l3_aligned_field) I(struct l3_aligned_field, c) I(struct l3_aligned_field, i) \
    I(struct l3_aligned_field, d) \
  R(struct l3_aligned_in) I(struct l3_aligned_in, c) F(struct l3_aligned_in, a) \
    I(struct l3_aligned_in, a.c) I(struct l3_aligned_in, d) \
  Y(l3_int8a) \
  R(struct l3_aligned_typedef) I(struct l3_aligned_typedef, c) \
    I(struct l3_aligned_typedef, x) I(struct l3_aligned_typedef, d) \
  R(struct l3_aligned_small) I(struct l3_aligned_small, c) I(struct l3_aligned_small, i) \
  Y(l3_int_unaligned) \
  R(struct l3_aligned_lowered) I(struct l3_aligned_lowered, c) \
    I(struct l3_aligned_lowered, x) I(struct l3_aligned_lowered, s) \
  R(struct l3_aligned_bits) B(struct l3_aligned_bits, a) B(struct l3_aligned_bits, b) \
  R(union l3_aligned_union) I(union l3_aligned_union, i) S(union l3_aligned_union, c) \
  R(struct l3_aligned_first) I(struct l3_aligned_first, c) I(struct l3_aligned_first, d) \
  R(struct l3_aligned_after) I(struct l3_aligned_after, s) \
  R(struct l3_aligned_bitfield_member) I(struct l3_aligned_bitfield_member, a) \
    B(struct l3_aligned_bitfield_member, b) I(struct l3_aligned_bitfield_member, c) \
  \
  R(struct l3_pack1) I(struct l3_pack1, c) I(struct l3_pack1, i) I(struct l3_pack1, s) \
    D(struct l3_pack1, d) \
  R(union l3_pack1_union) S(union l3_pack1_union, c) I(union l3_pack1_union, i) \
  R(struct l3_pack1_bits) I(struct l3_pack1_bits, a) B(struct l3_pack1_bits, b) \
    B(struct l3_pack1_bits, c) B(struct l3_pack1_bits, d) B(struct l3_pack1_bits, e) \
  R(struct l3_pack2) I(struct l3_pack2, c) I(struct l3_pack2, i) I(struct l3_pack2, d) \
    D(struct l3_pack2, x) I(struct l3_pack2, y) \
  R(struct l3_pack2_nested) I(struct l3_pack2_nested, c) F(struct l3_pack2_nested, in) \
    I(struct l3_pack2_nested, in.a) D(struct l3_pack2_nested, in.b) \
    I(struct l3_pack2_nested, i) \
  R(struct l3_pack2_aligned_field) I(struct l3_pack2_aligned_field, c) \
    I(struct l3_pack2_aligned_field, i) \
  R(struct l3_pack4) I(struct l3_pack4, c) D(struct l3_pack4, d) I(struct l3_pack4, x) \
    I(struct l3_pack4, s) \
  R(struct l3_pack_inner1) I(struct l3_pack_inner1, c) D(struct l3_pack_inner1, d) \
  R(struct l3_pack_outer4) I(struct l3_pack_outer4, c) D(struct l3_pack_outer4, d) \
    F(struct l3_pack_outer4, in) D(struct l3_pack_outer4, in.d) \
  R(struct l3_pack_nopush) I(struct l3_pack_nopush, c) I(struct l3_pack_nopush, x) \
  R(struct l3_pack_reset) I(struct l3_pack_reset, c) I(struct l3_pack_reset, x) \
  \
  R(struct l3_pb_pack4) I(struct l3_pb_pack4, a) B(struct l3_pb_pack4, f) \
    I(struct l3_pb_pack4, c) \
  R(struct l3_pb_pack4_ll) B(struct l3_pb_pack4_ll, a) B(struct l3_pb_pack4_ll, x) \
    B(struct l3_pb_pack4_ll, y) I(struct l3_pb_pack4_ll, c) \
  R(struct l3_pb_pack2) I(struct l3_pb_pack2, a) B(struct l3_pb_pack2, b) \
    B(struct l3_pb_pack2, c) B(struct l3_pb_pack2, d) B(struct l3_pb_pack2, e) \
    I(struct l3_pb_pack2, f) \
  R(union l3_pb_pack2_union) I(union l3_pb_pack2_union, c) B(union l3_pb_pack2_union, b) \
    B(union l3_pb_pack2_union, l) \
  R(struct l3_pb_pack1) B(struct l3_pb_pack1, a) B(struct l3_pb_pack1, b) \
    B(struct l3_pb_pack1, c) B(struct l3_pb_pack1, d) B(struct l3_pb_pack1, e) \
    I(struct l3_pb_pack1, f) \
  R(struct l3_pb_pack8) B(struct l3_pb_pack8, a) B(struct l3_pb_pack8, b) \
    B(struct l3_pb_pack8, c) B(struct l3_pb_pack8, d) B(struct l3_pb_pack8, e) \
    I(struct l3_pb_pack8, f) \
  R(struct l3_pb_pack16) B(struct l3_pb_pack16, a) B(struct l3_pb_pack16, b) \
    I(struct l3_pb_pack16, c) \
  R(struct l3_pb_unnamed) B(struct l3_pb_unnamed, a) B(struct l3_pb_unnamed, b) \
    B(struct l3_pb_unnamed, c) I(struct l3_pb_unnamed, d) \
  R(struct l3_pb_aligned) B(struct l3_pb_aligned, a) B(struct l3_pb_aligned, b) \
    B(struct l3_pb_aligned, c) B(struct l3_pb_aligned, d) \
  R(struct l3_pb_aligned16) B(struct l3_pb_aligned16, a) B(struct l3_pb_aligned16, b) \
    B(struct l3_pb_aligned16, c) I(struct l3_pb_aligned16, d) B(struct l3_pb_aligned16, e) \
  R(struct l3_pb_packed16) I(struct l3_pb_packed16, a) B(struct l3_pb_packed16, b) \
  R(struct l3_pb_packed2) B(struct l3_pb_packed2, a) B(struct l3_pb_packed2, b) \
    B(struct l3_pb_packed2, c) B(struct l3_pb_packed2, d) B(struct l3_pb_packed2, e) \
  R(struct l3_pb_small_aligned) B(struct l3_pb_small_aligned, a) \
    B(struct l3_pb_small_aligned, b) B(struct l3_pb_small_aligned, c) \
    B(struct l3_pb_small_aligned, d) B(struct l3_pb_small_aligned, e) \
    B(struct l3_pb_small_aligned, f) I(struct l3_pb_small_aligned, g) \
    B(struct l3_pb_small_aligned, h) \
  \
  R(struct l3_withva) I(struct l3_withva, n) F(struct l3_withva, ap) I(struct l3_withva, c) \
  \
  R(struct l3_alignas) I(struct l3_alignas, c) I(struct l3_alignas, x) \
    I(struct l3_alignas, d) I(struct l3_alignas, e) \
  R(struct l3_alignas_array) S(struct l3_alignas_array, buf) I(struct l3_alignas_array, i) \
  \
  R(struct l3_point) I(struct l3_point, x) I(struct l3_point, y) \
  R(struct l3_nested) I(struct l3_nested, tag) F(struct l3_nested, inner) \
    I(struct l3_nested, inner.a) D(struct l3_nested, inner.b) F(struct l3_nested, u) \
    I(struct l3_nested, u.i) D(struct l3_nested, u.f) S(struct l3_nested, u.s) \
    F(struct l3_nested, pt) I(struct l3_nested, pt.x) I(struct l3_nested, pt.y) \
  R(struct l3_anon) I(struct l3_anon, kind) I(struct l3_anon, i) D(struct l3_anon, d) \
    I(struct l3_anon, lo) I(struct l3_anon, hi) I(struct l3_anon, x) I(struct l3_anon, y) \
    I(struct l3_anon, tail) \
  R(union l3_anon_union) I(union l3_anon_union, a) I(union l3_anon_union, b) \
    I(union l3_anon_union, ab) F(union l3_anon_union, bytes) \
    I(union l3_anon_union, bytes[7]) \
  R(struct l3_deep) F(struct l3_deep, c1) F(struct l3_deep, c1.c2) \
    F(struct l3_deep, c1.c2.c3) I(struct l3_deep, c1.c2.c3.c) I(struct l3_deep, c1.c2.c3.z) \
    I(struct l3_deep, c1.c2.s) I(struct l3_deep, c1.n) I(struct l3_deep, e) \
  R(struct l3_anon_bits) I(struct l3_anon_bits, a) B(struct l3_anon_bits, x) \
    B(struct l3_anon_bits, y) B(struct l3_anon_bits, z) I(struct l3_anon_bits, w) \
    I(struct l3_anon_bits, t) \
  R(struct l3_nested_bits) I(struct l3_nested_bits, c) F(struct l3_nested_bits, in) \
    B(struct l3_nested_bits, in.a) B(struct l3_nested_bits, in.b) \
    B(struct l3_nested_bits, s) \
  \
  R(union l3_mixed) I(union l3_mixed, c) I(union l3_mixed, s) I(union l3_mixed, i) \
    I(union l3_mixed, ll) D(union l3_mixed, f) D(union l3_mixed, d) P(union l3_mixed, p) \
    S(union l3_mixed, str) \
  R(struct l3_arrays) S(struct l3_arrays, name) F(struct l3_arrays, m) \
    I(struct l3_arrays, m[1][2]) F(struct l3_arrays, m[1]) F(struct l3_arrays, grid) \
    I(struct l3_arrays, grid[2][3][4]) S(struct l3_arrays, grid[1][2]) \
    F(struct l3_arrays, d) D(struct l3_arrays, d[1]) F(struct l3_arrays, pts) \
    I(struct l3_arrays, pts[2].y) F(struct l3_arrays, pts[1]) F(struct l3_arrays, s) \
    I(struct l3_arrays, s[0]) \
  R(struct l3_chararrays) S(struct l3_chararrays, a) S(struct l3_chararrays, b) \
    S(struct l3_chararrays, c) F(struct l3_chararrays, u) I(struct l3_chararrays, u[2]) \
  R(struct l3_array_of_unions) I(struct l3_array_of_unions, c) \
    F(struct l3_array_of_unions, u) D(struct l3_array_of_unions, u[1].d) \
    I(struct l3_array_of_unions, u[1].c) \
  R(struct l3_array_of_records) F(struct l3_array_of_records, t) \
    I(struct l3_array_of_records, t[1].c) F(struct l3_array_of_records, b) \
    B(struct l3_array_of_records, b[2].c) B(struct l3_array_of_records, b[1].e) \
  \
  R(struct l3_flex) I(struct l3_flex, n) X(struct l3_flex, data) \
  R(struct l3_flex_pad) I(struct l3_flex_pad, a) I(struct l3_flex_pad, c) \
    X(struct l3_flex_pad, data) \
  R(struct l3_flex_struct) I(struct l3_flex_struct, n) X(struct l3_flex_struct, pts) \
  R(struct l3_flex_ll) I(struct l3_flex_ll, c) X(struct l3_flex_ll, x) \
  \
  R(union l3_union_records) F(union l3_union_records, pt) I(union l3_union_records, pt.y) \
    F(union l3_union_records, t) D(union l3_union_records, t.d) \
    F(union l3_union_records, arr) I(union l3_union_records, arr[4]) \
  R(union l3_union_small) I(union l3_union_small, c) I(union l3_union_small, u) \
    I(union l3_union_small, b) \
  R(union l3_union_aligned_member) I(union l3_union_aligned_member, c) \
    I(union l3_union_aligned_member, i) \
  \
  Y(l3_myint2) Y(l3_point2_t) Y(l3_pts3_t) Y(l3_bytes4) \
  R(l3_typedefs_t) I(l3_typedefs_t, a) F(l3_typedefs_t, pts) I(l3_typedefs_t, pts[1].x) \
    P(l3_typedefs_t, pp) F(l3_typedefs_t, b) I(l3_typedefs_t, b[3]) I(l3_typedefs_t, last) \
  R(l3_tunion_t) I(l3_tunion_t, i) I(l3_tunion_t, c) \
  R(l3_tunion2_t) I(l3_tunion2_t, i) I(l3_tunion2_t, c) \
  R(struct l3_tagged) I(struct l3_tagged, a) I(struct l3_tagged, b) F(struct l3_tagged, u) \
    I(struct l3_tagged, u.i) \
  R(l3_tagged2_t) I(l3_tagged2_t, a) I(l3_tagged2_t, b) F(l3_tagged2_t, u) \
  \
  Y(l3_handler_t) \
  R(struct l3_fnptrs) P(struct l3_fnptrs, fn) P(struct l3_fnptrs, cmp) \
    P(struct l3_fnptrs, h) F(struct l3_fnptrs, table) P(struct l3_fnptrs, table[3]) \
    P(struct l3_fnptrs, getter) I(struct l3_fnptrs, c) P(struct l3_fnptrs, make) \
    P(struct l3_fnptrs, fp) \
  \
  R(struct l3_pointers) P(struct l3_pointers, next) P(struct l3_pointers, name) \
    P(struct l3_pointers, pp) P(struct l3_pointers, pa) P(struct l3_pointers, v) \
    I(struct l3_pointers, c) P(struct l3_pointers, cv) P(struct l3_pointers, r) \
    P(struct l3_pointers, pt) \
  \
  R(struct l3_spelled_packed) I(struct l3_spelled_packed, c) I(struct l3_spelled_packed, i) \
    I(struct l3_spelled_packed, x) \
  R(struct l3_aligned_default) I(struct l3_aligned_default, c) \
  R(struct l3_packed_and_aligned_field) I(struct l3_packed_and_aligned_field, c) \
    I(struct l3_packed_and_aligned_field, i) I(struct l3_packed_and_aligned_field, d) \
  R(struct l3_packed_realigned_field) I(struct l3_packed_realigned_field, c) \
    I(struct l3_packed_realigned_field, i) I(struct l3_packed_realigned_field, d) \
  R(struct l3_packed_zero_width) I(struct l3_packed_zero_width, a) \
    I(struct l3_packed_zero_width, b) B(struct l3_packed_zero_width, c) \
    I(struct l3_packed_zero_width, d) \
  Y(l3_point16) \
  R(struct l3_aligned_record_typedef) I(struct l3_aligned_record_typedef, c) \
    F(struct l3_aligned_record_typedef, p) I(struct l3_aligned_record_typedef, p.y) \
  R(struct l3_array_sizes) S(struct l3_array_sizes, a) F(struct l3_array_sizes, b) \
    I(struct l3_array_sizes, b[2]) S(struct l3_array_sizes, c) F(struct l3_array_sizes, d) \
    I(struct l3_array_sizes, d[2]) S(struct l3_array_sizes, e) \
  R(struct l3_array_of_packed) I(struct l3_array_of_packed, c) \
    F(struct l3_array_of_packed, arr) I(struct l3_array_of_packed, arr[1].i) \
    D(struct l3_array_of_packed, arr[1].d) I(struct l3_array_of_packed, s) \
  R(struct l3_long_bits) I(struct l3_long_bits, c) B(struct l3_long_bits, a) \
    B(struct l3_long_bits, b) B(struct l3_long_bits, d) \
  R(union l3_union_alignas) I(union l3_union_alignas, c) I(union l3_union_alignas, s) \
  R(struct l3_pack2_bits) I(struct l3_pack2_bits, a) B(struct l3_pack2_bits, b) \
    I(struct l3_pack2_bits, c) B(struct l3_pack2_bits, d) \
  R(struct l3_pack1_aligned_record) I(struct l3_pack1_aligned_record, c) \
    I(struct l3_pack1_aligned_record, i) \
  R(struct l3_pack4_bits_ll) I(struct l3_pack4_bits_ll, c) B(struct l3_pack4_bits_ll, x) \
    B(struct l3_pack4_bits_ll, y) \
  R(struct l3_anon_union_bits) I(struct l3_anon_union_bits, tag) \
    B(struct l3_anon_union_bits, lo) B(struct l3_anon_union_bits, hi) \
    I(struct l3_anon_union_bits, raw) B(struct l3_anon_union_bits, flag) \
  /* generated by gen_packbits.lua: begin */ \
  R(struct l3_pb1_uc) I(struct l3_pb1_uc, lead) B(struct l3_pb1_uc, b1) B(struct l3_pb1_uc, b8) \
    B(struct l3_pb1_uc, b2) B(struct l3_pb1_uc, b7) B(struct l3_pb1_uc, b3) I(struct l3_pb1_uc, c5) \
    B(struct l3_pb1_uc, b6) B(struct l3_pb1_uc, b4) B(struct l3_pb1_uc, b5) \
    I(struct l3_pb1_uc, tail) \
  R(struct l3_pb1_sc) I(struct l3_pb1_sc, lead) B(struct l3_pb1_sc, b1) B(struct l3_pb1_sc, b8) \
    B(struct l3_pb1_sc, b2) B(struct l3_pb1_sc, b7) B(struct l3_pb1_sc, b3) I(struct l3_pb1_sc, c5) \
    B(struct l3_pb1_sc, b6) B(struct l3_pb1_sc, b4) B(struct l3_pb1_sc, b5) \
    I(struct l3_pb1_sc, tail) \
  R(struct l3_pb1_us) I(struct l3_pb1_us, lead) B(struct l3_pb1_us, b1) B(struct l3_pb1_us, b16) \
    B(struct l3_pb1_us, b2) B(struct l3_pb1_us, b15) B(struct l3_pb1_us, b3) I(struct l3_pb1_us, c5) \
    B(struct l3_pb1_us, b14) B(struct l3_pb1_us, b4) B(struct l3_pb1_us, b13) \
    B(struct l3_pb1_us, b5) B(struct l3_pb1_us, b12) I(struct l3_pb1_us, c10) \
    B(struct l3_pb1_us, b6) B(struct l3_pb1_us, b11) B(struct l3_pb1_us, b7) \
    B(struct l3_pb1_us, b10) B(struct l3_pb1_us, b8) I(struct l3_pb1_us, c15) \
    B(struct l3_pb1_us, b9) I(struct l3_pb1_us, tail) \
  R(struct l3_pb1_ss) I(struct l3_pb1_ss, lead) B(struct l3_pb1_ss, b1) B(struct l3_pb1_ss, b16) \
    B(struct l3_pb1_ss, b2) B(struct l3_pb1_ss, b15) B(struct l3_pb1_ss, b3) I(struct l3_pb1_ss, c5) \
    B(struct l3_pb1_ss, b14) B(struct l3_pb1_ss, b4) B(struct l3_pb1_ss, b13) \
    B(struct l3_pb1_ss, b5) B(struct l3_pb1_ss, b12) I(struct l3_pb1_ss, c10) \
    B(struct l3_pb1_ss, b6) B(struct l3_pb1_ss, b11) B(struct l3_pb1_ss, b7) \
    B(struct l3_pb1_ss, b10) B(struct l3_pb1_ss, b8) I(struct l3_pb1_ss, c15) \
    B(struct l3_pb1_ss, b9) I(struct l3_pb1_ss, tail) \
  R(struct l3_pb1_ui) I(struct l3_pb1_ui, lead) B(struct l3_pb1_ui, b1) B(struct l3_pb1_ui, b32) \
    B(struct l3_pb1_ui, b2) B(struct l3_pb1_ui, b31) B(struct l3_pb1_ui, b3) I(struct l3_pb1_ui, c5) \
    B(struct l3_pb1_ui, b30) B(struct l3_pb1_ui, b4) B(struct l3_pb1_ui, b29) \
    B(struct l3_pb1_ui, b5) B(struct l3_pb1_ui, b28) I(struct l3_pb1_ui, c10) \
    B(struct l3_pb1_ui, b6) B(struct l3_pb1_ui, b27) B(struct l3_pb1_ui, b7) \
    B(struct l3_pb1_ui, b26) B(struct l3_pb1_ui, b8) I(struct l3_pb1_ui, c15) \
    B(struct l3_pb1_ui, b25) B(struct l3_pb1_ui, b9) B(struct l3_pb1_ui, b24) \
    B(struct l3_pb1_ui, b10) B(struct l3_pb1_ui, b23) I(struct l3_pb1_ui, c20) \
    B(struct l3_pb1_ui, b11) B(struct l3_pb1_ui, b22) B(struct l3_pb1_ui, b12) \
    B(struct l3_pb1_ui, b21) B(struct l3_pb1_ui, b13) I(struct l3_pb1_ui, c25) \
    B(struct l3_pb1_ui, b20) B(struct l3_pb1_ui, b14) B(struct l3_pb1_ui, b19) \
    B(struct l3_pb1_ui, b15) B(struct l3_pb1_ui, b18) I(struct l3_pb1_ui, c30) \
    B(struct l3_pb1_ui, b16) B(struct l3_pb1_ui, b17) I(struct l3_pb1_ui, tail) \
  R(struct l3_pb1_si) I(struct l3_pb1_si, lead) B(struct l3_pb1_si, b1) B(struct l3_pb1_si, b32) \
    B(struct l3_pb1_si, b2) B(struct l3_pb1_si, b31) B(struct l3_pb1_si, b3) I(struct l3_pb1_si, c5) \
    B(struct l3_pb1_si, b30) B(struct l3_pb1_si, b4) B(struct l3_pb1_si, b29) \
    B(struct l3_pb1_si, b5) B(struct l3_pb1_si, b28) I(struct l3_pb1_si, c10) \
    B(struct l3_pb1_si, b6) B(struct l3_pb1_si, b27) B(struct l3_pb1_si, b7) \
    B(struct l3_pb1_si, b26) B(struct l3_pb1_si, b8) I(struct l3_pb1_si, c15) \
    B(struct l3_pb1_si, b25) B(struct l3_pb1_si, b9) B(struct l3_pb1_si, b24) \
    B(struct l3_pb1_si, b10) B(struct l3_pb1_si, b23) I(struct l3_pb1_si, c20) \
    B(struct l3_pb1_si, b11) B(struct l3_pb1_si, b22) B(struct l3_pb1_si, b12) \
    B(struct l3_pb1_si, b21) B(struct l3_pb1_si, b13) I(struct l3_pb1_si, c25) \
    B(struct l3_pb1_si, b20) B(struct l3_pb1_si, b14) B(struct l3_pb1_si, b19) \
    B(struct l3_pb1_si, b15) B(struct l3_pb1_si, b18) I(struct l3_pb1_si, c30) \
    B(struct l3_pb1_si, b16) B(struct l3_pb1_si, b17) I(struct l3_pb1_si, tail) \
  R(struct l3_pb1_ul) I(struct l3_pb1_ul, lead) B(struct l3_pb1_ul, b1) B(struct l3_pb1_ul, b64) \
    B(struct l3_pb1_ul, b2) B(struct l3_pb1_ul, b63) B(struct l3_pb1_ul, b3) I(struct l3_pb1_ul, c5) \
    B(struct l3_pb1_ul, b62) B(struct l3_pb1_ul, b4) B(struct l3_pb1_ul, b61) \
    B(struct l3_pb1_ul, b5) B(struct l3_pb1_ul, b60) I(struct l3_pb1_ul, c10) \
    B(struct l3_pb1_ul, b6) B(struct l3_pb1_ul, b59) B(struct l3_pb1_ul, b7) \
    B(struct l3_pb1_ul, b58) B(struct l3_pb1_ul, b8) I(struct l3_pb1_ul, c15) \
    B(struct l3_pb1_ul, b57) B(struct l3_pb1_ul, b9) B(struct l3_pb1_ul, b56) \
    B(struct l3_pb1_ul, b10) B(struct l3_pb1_ul, b55) I(struct l3_pb1_ul, c20) \
    B(struct l3_pb1_ul, b11) B(struct l3_pb1_ul, b54) B(struct l3_pb1_ul, b12) \
    B(struct l3_pb1_ul, b53) B(struct l3_pb1_ul, b13) I(struct l3_pb1_ul, c25) \
    B(struct l3_pb1_ul, b52) B(struct l3_pb1_ul, b14) B(struct l3_pb1_ul, b51) \
    B(struct l3_pb1_ul, b15) B(struct l3_pb1_ul, b50) I(struct l3_pb1_ul, c30) \
    B(struct l3_pb1_ul, b16) B(struct l3_pb1_ul, b49) B(struct l3_pb1_ul, b17) \
    B(struct l3_pb1_ul, b48) B(struct l3_pb1_ul, b18) I(struct l3_pb1_ul, c35) \
    B(struct l3_pb1_ul, b47) B(struct l3_pb1_ul, b19) B(struct l3_pb1_ul, b46) \
    B(struct l3_pb1_ul, b20) B(struct l3_pb1_ul, b45) I(struct l3_pb1_ul, c40) \
    B(struct l3_pb1_ul, b21) B(struct l3_pb1_ul, b44) B(struct l3_pb1_ul, b22) \
    B(struct l3_pb1_ul, b43) B(struct l3_pb1_ul, b23) I(struct l3_pb1_ul, c45) \
    B(struct l3_pb1_ul, b42) B(struct l3_pb1_ul, b24) B(struct l3_pb1_ul, b41) \
    B(struct l3_pb1_ul, b25) B(struct l3_pb1_ul, b40) I(struct l3_pb1_ul, c50) \
    B(struct l3_pb1_ul, b26) B(struct l3_pb1_ul, b39) B(struct l3_pb1_ul, b27) \
    B(struct l3_pb1_ul, b38) B(struct l3_pb1_ul, b28) I(struct l3_pb1_ul, c55) \
    B(struct l3_pb1_ul, b37) B(struct l3_pb1_ul, b29) B(struct l3_pb1_ul, b36) \
    B(struct l3_pb1_ul, b30) B(struct l3_pb1_ul, b35) I(struct l3_pb1_ul, c60) \
    B(struct l3_pb1_ul, b31) B(struct l3_pb1_ul, b34) B(struct l3_pb1_ul, b32) \
    B(struct l3_pb1_ul, b33) I(struct l3_pb1_ul, tail) \
  R(struct l3_pb1_sl) I(struct l3_pb1_sl, lead) B(struct l3_pb1_sl, b1) B(struct l3_pb1_sl, b64) \
    B(struct l3_pb1_sl, b2) B(struct l3_pb1_sl, b63) B(struct l3_pb1_sl, b3) I(struct l3_pb1_sl, c5) \
    B(struct l3_pb1_sl, b62) B(struct l3_pb1_sl, b4) B(struct l3_pb1_sl, b61) \
    B(struct l3_pb1_sl, b5) B(struct l3_pb1_sl, b60) I(struct l3_pb1_sl, c10) \
    B(struct l3_pb1_sl, b6) B(struct l3_pb1_sl, b59) B(struct l3_pb1_sl, b7) \
    B(struct l3_pb1_sl, b58) B(struct l3_pb1_sl, b8) I(struct l3_pb1_sl, c15) \
    B(struct l3_pb1_sl, b57) B(struct l3_pb1_sl, b9) B(struct l3_pb1_sl, b56) \
    B(struct l3_pb1_sl, b10) B(struct l3_pb1_sl, b55) I(struct l3_pb1_sl, c20) \
    B(struct l3_pb1_sl, b11) B(struct l3_pb1_sl, b54) B(struct l3_pb1_sl, b12) \
    B(struct l3_pb1_sl, b53) B(struct l3_pb1_sl, b13) I(struct l3_pb1_sl, c25) \
    B(struct l3_pb1_sl, b52) B(struct l3_pb1_sl, b14) B(struct l3_pb1_sl, b51) \
    B(struct l3_pb1_sl, b15) B(struct l3_pb1_sl, b50) I(struct l3_pb1_sl, c30) \
    B(struct l3_pb1_sl, b16) B(struct l3_pb1_sl, b49) B(struct l3_pb1_sl, b17) \
    B(struct l3_pb1_sl, b48) B(struct l3_pb1_sl, b18) I(struct l3_pb1_sl, c35) \
    B(struct l3_pb1_sl, b47) B(struct l3_pb1_sl, b19) B(struct l3_pb1_sl, b46) \
    B(struct l3_pb1_sl, b20) B(struct l3_pb1_sl, b45) I(struct l3_pb1_sl, c40) \
    B(struct l3_pb1_sl, b21) B(struct l3_pb1_sl, b44) B(struct l3_pb1_sl, b22) \
    B(struct l3_pb1_sl, b43) B(struct l3_pb1_sl, b23) I(struct l3_pb1_sl, c45) \
    B(struct l3_pb1_sl, b42) B(struct l3_pb1_sl, b24) B(struct l3_pb1_sl, b41) \
    B(struct l3_pb1_sl, b25) B(struct l3_pb1_sl, b40) I(struct l3_pb1_sl, c50) \
    B(struct l3_pb1_sl, b26) B(struct l3_pb1_sl, b39) B(struct l3_pb1_sl, b27) \
    B(struct l3_pb1_sl, b38) B(struct l3_pb1_sl, b28) I(struct l3_pb1_sl, c55) \
    B(struct l3_pb1_sl, b37) B(struct l3_pb1_sl, b29) B(struct l3_pb1_sl, b36) \
    B(struct l3_pb1_sl, b30) B(struct l3_pb1_sl, b35) I(struct l3_pb1_sl, c60) \
    B(struct l3_pb1_sl, b31) B(struct l3_pb1_sl, b34) B(struct l3_pb1_sl, b32) \
    B(struct l3_pb1_sl, b33) I(struct l3_pb1_sl, tail) \
  R(struct l3_pbmix1) I(struct l3_pbmix1, a) B(struct l3_pbmix1, f) I(struct l3_pbmix1, c) \
    B(struct l3_pbmix1, g) B(struct l3_pbmix1, h) B(struct l3_pbmix1, i) I(struct l3_pbmix1, j) \
    B(struct l3_pbmix1, k) B(struct l3_pbmix1, l) B(struct l3_pbmix1, m) \
  R(union l3_pbunion1) I(union l3_pbunion1, c) B(union l3_pbunion1, f) B(union l3_pbunion1, g) \
    B(union l3_pbunion1, h) \
  R(struct l3_pb2_uc) I(struct l3_pb2_uc, lead) B(struct l3_pb2_uc, b1) B(struct l3_pb2_uc, b8) \
    B(struct l3_pb2_uc, b2) B(struct l3_pb2_uc, b7) B(struct l3_pb2_uc, b3) I(struct l3_pb2_uc, c5) \
    B(struct l3_pb2_uc, b6) B(struct l3_pb2_uc, b4) B(struct l3_pb2_uc, b5) \
    I(struct l3_pb2_uc, tail) \
  R(struct l3_pb2_sc) I(struct l3_pb2_sc, lead) B(struct l3_pb2_sc, b1) B(struct l3_pb2_sc, b8) \
    B(struct l3_pb2_sc, b2) B(struct l3_pb2_sc, b7) B(struct l3_pb2_sc, b3) I(struct l3_pb2_sc, c5) \
    B(struct l3_pb2_sc, b6) B(struct l3_pb2_sc, b4) B(struct l3_pb2_sc, b5) \
    I(struct l3_pb2_sc, tail) \
  R(struct l3_pb2_us) I(struct l3_pb2_us, lead) B(struct l3_pb2_us, b1) B(struct l3_pb2_us, b16) \
    B(struct l3_pb2_us, b2) B(struct l3_pb2_us, b15) B(struct l3_pb2_us, b3) I(struct l3_pb2_us, c5) \
    B(struct l3_pb2_us, b14) B(struct l3_pb2_us, b4) B(struct l3_pb2_us, b13) \
    B(struct l3_pb2_us, b5) B(struct l3_pb2_us, b12) I(struct l3_pb2_us, c10) \
    B(struct l3_pb2_us, b6) B(struct l3_pb2_us, b11) B(struct l3_pb2_us, b7) \
    B(struct l3_pb2_us, b10) B(struct l3_pb2_us, b8) I(struct l3_pb2_us, c15) \
    B(struct l3_pb2_us, b9) I(struct l3_pb2_us, tail) \
  R(struct l3_pb2_ss) I(struct l3_pb2_ss, lead) B(struct l3_pb2_ss, b1) B(struct l3_pb2_ss, b16) \
    B(struct l3_pb2_ss, b2) B(struct l3_pb2_ss, b15) B(struct l3_pb2_ss, b3) I(struct l3_pb2_ss, c5) \
    B(struct l3_pb2_ss, b14) B(struct l3_pb2_ss, b4) B(struct l3_pb2_ss, b13) \
    B(struct l3_pb2_ss, b5) B(struct l3_pb2_ss, b12) I(struct l3_pb2_ss, c10) \
    B(struct l3_pb2_ss, b6) B(struct l3_pb2_ss, b11) B(struct l3_pb2_ss, b7) \
    B(struct l3_pb2_ss, b10) B(struct l3_pb2_ss, b8) I(struct l3_pb2_ss, c15) \
    B(struct l3_pb2_ss, b9) I(struct l3_pb2_ss, tail) \
  R(struct l3_pb2_ui) I(struct l3_pb2_ui, lead) B(struct l3_pb2_ui, b1) B(struct l3_pb2_ui, b32) \
    B(struct l3_pb2_ui, b2) B(struct l3_pb2_ui, b31) B(struct l3_pb2_ui, b3) I(struct l3_pb2_ui, c5) \
    B(struct l3_pb2_ui, b30) B(struct l3_pb2_ui, b4) B(struct l3_pb2_ui, b29) \
    B(struct l3_pb2_ui, b5) B(struct l3_pb2_ui, b28) I(struct l3_pb2_ui, c10) \
    B(struct l3_pb2_ui, b6) B(struct l3_pb2_ui, b27) B(struct l3_pb2_ui, b7) \
    B(struct l3_pb2_ui, b26) B(struct l3_pb2_ui, b8) I(struct l3_pb2_ui, c15) \
    B(struct l3_pb2_ui, b25) B(struct l3_pb2_ui, b9) B(struct l3_pb2_ui, b24) \
    B(struct l3_pb2_ui, b10) B(struct l3_pb2_ui, b23) I(struct l3_pb2_ui, c20) \
    B(struct l3_pb2_ui, b11) B(struct l3_pb2_ui, b22) B(struct l3_pb2_ui, b12) \
    B(struct l3_pb2_ui, b21) B(struct l3_pb2_ui, b13) I(struct l3_pb2_ui, c25) \
    B(struct l3_pb2_ui, b20) B(struct l3_pb2_ui, b14) B(struct l3_pb2_ui, b19) \
    B(struct l3_pb2_ui, b15) B(struct l3_pb2_ui, b18) I(struct l3_pb2_ui, c30) \
    B(struct l3_pb2_ui, b16) B(struct l3_pb2_ui, b17) I(struct l3_pb2_ui, tail) \
  R(struct l3_pb2_si) I(struct l3_pb2_si, lead) B(struct l3_pb2_si, b1) B(struct l3_pb2_si, b32) \
    B(struct l3_pb2_si, b2) B(struct l3_pb2_si, b31) B(struct l3_pb2_si, b3) I(struct l3_pb2_si, c5) \
    B(struct l3_pb2_si, b30) B(struct l3_pb2_si, b4) B(struct l3_pb2_si, b29) \
    B(struct l3_pb2_si, b5) B(struct l3_pb2_si, b28) I(struct l3_pb2_si, c10) \
    B(struct l3_pb2_si, b6) B(struct l3_pb2_si, b27) B(struct l3_pb2_si, b7) \
    B(struct l3_pb2_si, b26) B(struct l3_pb2_si, b8) I(struct l3_pb2_si, c15) \
    B(struct l3_pb2_si, b25) B(struct l3_pb2_si, b9) B(struct l3_pb2_si, b24) \
    B(struct l3_pb2_si, b10) B(struct l3_pb2_si, b23) I(struct l3_pb2_si, c20) \
    B(struct l3_pb2_si, b11) B(struct l3_pb2_si, b22) B(struct l3_pb2_si, b12) \
    B(struct l3_pb2_si, b21) B(struct l3_pb2_si, b13) I(struct l3_pb2_si, c25) \
    B(struct l3_pb2_si, b20) B(struct l3_pb2_si, b14) B(struct l3_pb2_si, b19) \
    B(struct l3_pb2_si, b15) B(struct l3_pb2_si, b18) I(struct l3_pb2_si, c30) \
    B(struct l3_pb2_si, b16) B(struct l3_pb2_si, b17) I(struct l3_pb2_si, tail) \
  R(struct l3_pb2_ul) I(struct l3_pb2_ul, lead) B(struct l3_pb2_ul, b1) B(struct l3_pb2_ul, b64) \
    B(struct l3_pb2_ul, b2) B(struct l3_pb2_ul, b63) B(struct l3_pb2_ul, b3) I(struct l3_pb2_ul, c5) \
    B(struct l3_pb2_ul, b62) B(struct l3_pb2_ul, b4) B(struct l3_pb2_ul, b61) \
    B(struct l3_pb2_ul, b5) B(struct l3_pb2_ul, b60) I(struct l3_pb2_ul, c10) \
    B(struct l3_pb2_ul, b6) B(struct l3_pb2_ul, b59) B(struct l3_pb2_ul, b7) \
    B(struct l3_pb2_ul, b58) B(struct l3_pb2_ul, b8) I(struct l3_pb2_ul, c15) \
    B(struct l3_pb2_ul, b57) B(struct l3_pb2_ul, b9) B(struct l3_pb2_ul, b56) \
    B(struct l3_pb2_ul, b10) B(struct l3_pb2_ul, b55) I(struct l3_pb2_ul, c20) \
    B(struct l3_pb2_ul, b11) B(struct l3_pb2_ul, b54) B(struct l3_pb2_ul, b12) \
    B(struct l3_pb2_ul, b53) B(struct l3_pb2_ul, b13) I(struct l3_pb2_ul, c25) \
    B(struct l3_pb2_ul, b52) B(struct l3_pb2_ul, b14) B(struct l3_pb2_ul, b51) \
    B(struct l3_pb2_ul, b15) B(struct l3_pb2_ul, b50) I(struct l3_pb2_ul, c30) \
    B(struct l3_pb2_ul, b16) B(struct l3_pb2_ul, b49) B(struct l3_pb2_ul, b17) \
    B(struct l3_pb2_ul, b48) B(struct l3_pb2_ul, b18) I(struct l3_pb2_ul, c35) \
    B(struct l3_pb2_ul, b47) B(struct l3_pb2_ul, b19) B(struct l3_pb2_ul, b46) \
    B(struct l3_pb2_ul, b20) B(struct l3_pb2_ul, b45) I(struct l3_pb2_ul, c40) \
    B(struct l3_pb2_ul, b21) B(struct l3_pb2_ul, b44) B(struct l3_pb2_ul, b22) \
    B(struct l3_pb2_ul, b43) B(struct l3_pb2_ul, b23) I(struct l3_pb2_ul, c45) \
    B(struct l3_pb2_ul, b42) B(struct l3_pb2_ul, b24) B(struct l3_pb2_ul, b41) \
    B(struct l3_pb2_ul, b25) B(struct l3_pb2_ul, b40) I(struct l3_pb2_ul, c50) \
    B(struct l3_pb2_ul, b26) B(struct l3_pb2_ul, b39) B(struct l3_pb2_ul, b27) \
    B(struct l3_pb2_ul, b38) B(struct l3_pb2_ul, b28) I(struct l3_pb2_ul, c55) \
    B(struct l3_pb2_ul, b37) B(struct l3_pb2_ul, b29) B(struct l3_pb2_ul, b36) \
    B(struct l3_pb2_ul, b30) B(struct l3_pb2_ul, b35) I(struct l3_pb2_ul, c60) \
    B(struct l3_pb2_ul, b31) B(struct l3_pb2_ul, b34) B(struct l3_pb2_ul, b32) \
    B(struct l3_pb2_ul, b33) I(struct l3_pb2_ul, tail) \
  R(struct l3_pb2_sl) I(struct l3_pb2_sl, lead) B(struct l3_pb2_sl, b1) B(struct l3_pb2_sl, b64) \
    B(struct l3_pb2_sl, b2) B(struct l3_pb2_sl, b63) B(struct l3_pb2_sl, b3) I(struct l3_pb2_sl, c5) \
    B(struct l3_pb2_sl, b62) B(struct l3_pb2_sl, b4) B(struct l3_pb2_sl, b61) \
    B(struct l3_pb2_sl, b5) B(struct l3_pb2_sl, b60) I(struct l3_pb2_sl, c10) \
    B(struct l3_pb2_sl, b6) B(struct l3_pb2_sl, b59) B(struct l3_pb2_sl, b7) \
    B(struct l3_pb2_sl, b58) B(struct l3_pb2_sl, b8) I(struct l3_pb2_sl, c15) \
    B(struct l3_pb2_sl, b57) B(struct l3_pb2_sl, b9) B(struct l3_pb2_sl, b56) \
    B(struct l3_pb2_sl, b10) B(struct l3_pb2_sl, b55) I(struct l3_pb2_sl, c20) \
    B(struct l3_pb2_sl, b11) B(struct l3_pb2_sl, b54) B(struct l3_pb2_sl, b12) \
    B(struct l3_pb2_sl, b53) B(struct l3_pb2_sl, b13) I(struct l3_pb2_sl, c25) \
    B(struct l3_pb2_sl, b52) B(struct l3_pb2_sl, b14) B(struct l3_pb2_sl, b51) \
    B(struct l3_pb2_sl, b15) B(struct l3_pb2_sl, b50) I(struct l3_pb2_sl, c30) \
    B(struct l3_pb2_sl, b16) B(struct l3_pb2_sl, b49) B(struct l3_pb2_sl, b17) \
    B(struct l3_pb2_sl, b48) B(struct l3_pb2_sl, b18) I(struct l3_pb2_sl, c35) \
    B(struct l3_pb2_sl, b47) B(struct l3_pb2_sl, b19) B(struct l3_pb2_sl, b46) \
    B(struct l3_pb2_sl, b20) B(struct l3_pb2_sl, b45) I(struct l3_pb2_sl, c40) \
    B(struct l3_pb2_sl, b21) B(struct l3_pb2_sl, b44) B(struct l3_pb2_sl, b22) \
    B(struct l3_pb2_sl, b43) B(struct l3_pb2_sl, b23) I(struct l3_pb2_sl, c45) \
    B(struct l3_pb2_sl, b42) B(struct l3_pb2_sl, b24) B(struct l3_pb2_sl, b41) \
    B(struct l3_pb2_sl, b25) B(struct l3_pb2_sl, b40) I(struct l3_pb2_sl, c50) \
    B(struct l3_pb2_sl, b26) B(struct l3_pb2_sl, b39) B(struct l3_pb2_sl, b27) \
    B(struct l3_pb2_sl, b38) B(struct l3_pb2_sl, b28) I(struct l3_pb2_sl, c55) \
    B(struct l3_pb2_sl, b37) B(struct l3_pb2_sl, b29) B(struct l3_pb2_sl, b36) \
    B(struct l3_pb2_sl, b30) B(struct l3_pb2_sl, b35) I(struct l3_pb2_sl, c60) \
    B(struct l3_pb2_sl, b31) B(struct l3_pb2_sl, b34) B(struct l3_pb2_sl, b32) \
    B(struct l3_pb2_sl, b33) I(struct l3_pb2_sl, tail) \
  R(struct l3_pbmix2) I(struct l3_pbmix2, a) B(struct l3_pbmix2, f) I(struct l3_pbmix2, c) \
    B(struct l3_pbmix2, g) B(struct l3_pbmix2, h) B(struct l3_pbmix2, i) I(struct l3_pbmix2, j) \
    B(struct l3_pbmix2, k) B(struct l3_pbmix2, l) B(struct l3_pbmix2, m) \
  R(union l3_pbunion2) I(union l3_pbunion2, c) B(union l3_pbunion2, f) B(union l3_pbunion2, g) \
    B(union l3_pbunion2, h) \
  R(struct l3_pb4_uc) I(struct l3_pb4_uc, lead) B(struct l3_pb4_uc, b1) B(struct l3_pb4_uc, b8) \
    B(struct l3_pb4_uc, b2) B(struct l3_pb4_uc, b7) B(struct l3_pb4_uc, b3) I(struct l3_pb4_uc, c5) \
    B(struct l3_pb4_uc, b6) B(struct l3_pb4_uc, b4) B(struct l3_pb4_uc, b5) \
    I(struct l3_pb4_uc, tail) \
  R(struct l3_pb4_sc) I(struct l3_pb4_sc, lead) B(struct l3_pb4_sc, b1) B(struct l3_pb4_sc, b8) \
    B(struct l3_pb4_sc, b2) B(struct l3_pb4_sc, b7) B(struct l3_pb4_sc, b3) I(struct l3_pb4_sc, c5) \
    B(struct l3_pb4_sc, b6) B(struct l3_pb4_sc, b4) B(struct l3_pb4_sc, b5) \
    I(struct l3_pb4_sc, tail) \
  R(struct l3_pb4_us) I(struct l3_pb4_us, lead) B(struct l3_pb4_us, b1) B(struct l3_pb4_us, b16) \
    B(struct l3_pb4_us, b2) B(struct l3_pb4_us, b15) B(struct l3_pb4_us, b3) I(struct l3_pb4_us, c5) \
    B(struct l3_pb4_us, b14) B(struct l3_pb4_us, b4) B(struct l3_pb4_us, b13) \
    B(struct l3_pb4_us, b5) B(struct l3_pb4_us, b12) I(struct l3_pb4_us, c10) \
    B(struct l3_pb4_us, b6) B(struct l3_pb4_us, b11) B(struct l3_pb4_us, b7) \
    B(struct l3_pb4_us, b10) B(struct l3_pb4_us, b8) I(struct l3_pb4_us, c15) \
    B(struct l3_pb4_us, b9) I(struct l3_pb4_us, tail) \
  R(struct l3_pb4_ss) I(struct l3_pb4_ss, lead) B(struct l3_pb4_ss, b1) B(struct l3_pb4_ss, b16) \
    B(struct l3_pb4_ss, b2) B(struct l3_pb4_ss, b15) B(struct l3_pb4_ss, b3) I(struct l3_pb4_ss, c5) \
    B(struct l3_pb4_ss, b14) B(struct l3_pb4_ss, b4) B(struct l3_pb4_ss, b13) \
    B(struct l3_pb4_ss, b5) B(struct l3_pb4_ss, b12) I(struct l3_pb4_ss, c10) \
    B(struct l3_pb4_ss, b6) B(struct l3_pb4_ss, b11) B(struct l3_pb4_ss, b7) \
    B(struct l3_pb4_ss, b10) B(struct l3_pb4_ss, b8) I(struct l3_pb4_ss, c15) \
    B(struct l3_pb4_ss, b9) I(struct l3_pb4_ss, tail) \
  R(struct l3_pb4_ui) I(struct l3_pb4_ui, lead) B(struct l3_pb4_ui, b1) B(struct l3_pb4_ui, b32) \
    B(struct l3_pb4_ui, b2) B(struct l3_pb4_ui, b31) B(struct l3_pb4_ui, b3) I(struct l3_pb4_ui, c5) \
    B(struct l3_pb4_ui, b30) B(struct l3_pb4_ui, b4) B(struct l3_pb4_ui, b29) \
    B(struct l3_pb4_ui, b5) B(struct l3_pb4_ui, b28) I(struct l3_pb4_ui, c10) \
    B(struct l3_pb4_ui, b6) B(struct l3_pb4_ui, b27) B(struct l3_pb4_ui, b7) \
    B(struct l3_pb4_ui, b26) B(struct l3_pb4_ui, b8) I(struct l3_pb4_ui, c15) \
    B(struct l3_pb4_ui, b25) B(struct l3_pb4_ui, b9) B(struct l3_pb4_ui, b24) \
    B(struct l3_pb4_ui, b10) B(struct l3_pb4_ui, b23) I(struct l3_pb4_ui, c20) \
    B(struct l3_pb4_ui, b11) B(struct l3_pb4_ui, b22) B(struct l3_pb4_ui, b12) \
    B(struct l3_pb4_ui, b21) B(struct l3_pb4_ui, b13) I(struct l3_pb4_ui, c25) \
    B(struct l3_pb4_ui, b20) B(struct l3_pb4_ui, b14) B(struct l3_pb4_ui, b19) \
    B(struct l3_pb4_ui, b15) B(struct l3_pb4_ui, b18) I(struct l3_pb4_ui, c30) \
    B(struct l3_pb4_ui, b16) B(struct l3_pb4_ui, b17) I(struct l3_pb4_ui, tail) \
  R(struct l3_pb4_si) I(struct l3_pb4_si, lead) B(struct l3_pb4_si, b1) B(struct l3_pb4_si, b32) \
    B(struct l3_pb4_si, b2) B(struct l3_pb4_si, b31) B(struct l3_pb4_si, b3) I(struct l3_pb4_si, c5) \
    B(struct l3_pb4_si, b30) B(struct l3_pb4_si, b4) B(struct l3_pb4_si, b29) \
    B(struct l3_pb4_si, b5) B(struct l3_pb4_si, b28) I(struct l3_pb4_si, c10) \
    B(struct l3_pb4_si, b6) B(struct l3_pb4_si, b27) B(struct l3_pb4_si, b7) \
    B(struct l3_pb4_si, b26) B(struct l3_pb4_si, b8) I(struct l3_pb4_si, c15) \
    B(struct l3_pb4_si, b25) B(struct l3_pb4_si, b9) B(struct l3_pb4_si, b24) \
    B(struct l3_pb4_si, b10) B(struct l3_pb4_si, b23) I(struct l3_pb4_si, c20) \
    B(struct l3_pb4_si, b11) B(struct l3_pb4_si, b22) B(struct l3_pb4_si, b12) \
    B(struct l3_pb4_si, b21) B(struct l3_pb4_si, b13) I(struct l3_pb4_si, c25) \
    B(struct l3_pb4_si, b20) B(struct l3_pb4_si, b14) B(struct l3_pb4_si, b19) \
    B(struct l3_pb4_si, b15) B(struct l3_pb4_si, b18) I(struct l3_pb4_si, c30) \
    B(struct l3_pb4_si, b16) B(struct l3_pb4_si, b17) I(struct l3_pb4_si, tail) \
  R(struct l3_pb4_ul) I(struct l3_pb4_ul, lead) B(struct l3_pb4_ul, b1) B(struct l3_pb4_ul, b64) \
    B(struct l3_pb4_ul, b2) B(struct l3_pb4_ul, b63) B(struct l3_pb4_ul, b3) I(struct l3_pb4_ul, c5) \
    B(struct l3_pb4_ul, b62) B(struct l3_pb4_ul, b4) B(struct l3_pb4_ul, b61) \
    B(struct l3_pb4_ul, b5) B(struct l3_pb4_ul, b60) I(struct l3_pb4_ul, c10) \
    B(struct l3_pb4_ul, b6) B(struct l3_pb4_ul, b59) B(struct l3_pb4_ul, b7) \
    B(struct l3_pb4_ul, b58) B(struct l3_pb4_ul, b8) I(struct l3_pb4_ul, c15) \
    B(struct l3_pb4_ul, b57) B(struct l3_pb4_ul, b9) B(struct l3_pb4_ul, b56) \
    B(struct l3_pb4_ul, b10) B(struct l3_pb4_ul, b55) I(struct l3_pb4_ul, c20) \
    B(struct l3_pb4_ul, b11) B(struct l3_pb4_ul, b54) B(struct l3_pb4_ul, b12) \
    B(struct l3_pb4_ul, b53) B(struct l3_pb4_ul, b13) I(struct l3_pb4_ul, c25) \
    B(struct l3_pb4_ul, b52) B(struct l3_pb4_ul, b14) B(struct l3_pb4_ul, b51) \
    B(struct l3_pb4_ul, b15) B(struct l3_pb4_ul, b50) I(struct l3_pb4_ul, c30) \
    B(struct l3_pb4_ul, b16) B(struct l3_pb4_ul, b49) B(struct l3_pb4_ul, b17) \
    B(struct l3_pb4_ul, b48) B(struct l3_pb4_ul, b18) I(struct l3_pb4_ul, c35) \
    B(struct l3_pb4_ul, b47) B(struct l3_pb4_ul, b19) B(struct l3_pb4_ul, b46) \
    B(struct l3_pb4_ul, b20) B(struct l3_pb4_ul, b45) I(struct l3_pb4_ul, c40) \
    B(struct l3_pb4_ul, b21) B(struct l3_pb4_ul, b44) B(struct l3_pb4_ul, b22) \
    B(struct l3_pb4_ul, b43) B(struct l3_pb4_ul, b23) I(struct l3_pb4_ul, c45) \
    B(struct l3_pb4_ul, b42) B(struct l3_pb4_ul, b24) B(struct l3_pb4_ul, b41) \
    B(struct l3_pb4_ul, b25) B(struct l3_pb4_ul, b40) I(struct l3_pb4_ul, c50) \
    B(struct l3_pb4_ul, b26) B(struct l3_pb4_ul, b39) B(struct l3_pb4_ul, b27) \
    B(struct l3_pb4_ul, b38) B(struct l3_pb4_ul, b28) I(struct l3_pb4_ul, c55) \
    B(struct l3_pb4_ul, b37) B(struct l3_pb4_ul, b29) B(struct l3_pb4_ul, b36) \
    B(struct l3_pb4_ul, b30) B(struct l3_pb4_ul, b35) I(struct l3_pb4_ul, c60) \
    B(struct l3_pb4_ul, b31) B(struct l3_pb4_ul, b34) B(struct l3_pb4_ul, b32) \
    B(struct l3_pb4_ul, b33) I(struct l3_pb4_ul, tail) \
  R(struct l3_pb4_sl) I(struct l3_pb4_sl, lead) B(struct l3_pb4_sl, b1) B(struct l3_pb4_sl, b64) \
    B(struct l3_pb4_sl, b2) B(struct l3_pb4_sl, b63) B(struct l3_pb4_sl, b3) I(struct l3_pb4_sl, c5) \
    B(struct l3_pb4_sl, b62) B(struct l3_pb4_sl, b4) B(struct l3_pb4_sl, b61) \
    B(struct l3_pb4_sl, b5) B(struct l3_pb4_sl, b60) I(struct l3_pb4_sl, c10) \
    B(struct l3_pb4_sl, b6) B(struct l3_pb4_sl, b59) B(struct l3_pb4_sl, b7) \
    B(struct l3_pb4_sl, b58) B(struct l3_pb4_sl, b8) I(struct l3_pb4_sl, c15) \
    B(struct l3_pb4_sl, b57) B(struct l3_pb4_sl, b9) B(struct l3_pb4_sl, b56) \
    B(struct l3_pb4_sl, b10) B(struct l3_pb4_sl, b55) I(struct l3_pb4_sl, c20) \
    B(struct l3_pb4_sl, b11) B(struct l3_pb4_sl, b54) B(struct l3_pb4_sl, b12) \
    B(struct l3_pb4_sl, b53) B(struct l3_pb4_sl, b13) I(struct l3_pb4_sl, c25) \
    B(struct l3_pb4_sl, b52) B(struct l3_pb4_sl, b14) B(struct l3_pb4_sl, b51) \
    B(struct l3_pb4_sl, b15) B(struct l3_pb4_sl, b50) I(struct l3_pb4_sl, c30) \
    B(struct l3_pb4_sl, b16) B(struct l3_pb4_sl, b49) B(struct l3_pb4_sl, b17) \
    B(struct l3_pb4_sl, b48) B(struct l3_pb4_sl, b18) I(struct l3_pb4_sl, c35) \
    B(struct l3_pb4_sl, b47) B(struct l3_pb4_sl, b19) B(struct l3_pb4_sl, b46) \
    B(struct l3_pb4_sl, b20) B(struct l3_pb4_sl, b45) I(struct l3_pb4_sl, c40) \
    B(struct l3_pb4_sl, b21) B(struct l3_pb4_sl, b44) B(struct l3_pb4_sl, b22) \
    B(struct l3_pb4_sl, b43) B(struct l3_pb4_sl, b23) I(struct l3_pb4_sl, c45) \
    B(struct l3_pb4_sl, b42) B(struct l3_pb4_sl, b24) B(struct l3_pb4_sl, b41) \
    B(struct l3_pb4_sl, b25) B(struct l3_pb4_sl, b40) I(struct l3_pb4_sl, c50) \
    B(struct l3_pb4_sl, b26) B(struct l3_pb4_sl, b39) B(struct l3_pb4_sl, b27) \
    B(struct l3_pb4_sl, b38) B(struct l3_pb4_sl, b28) I(struct l3_pb4_sl, c55) \
    B(struct l3_pb4_sl, b37) B(struct l3_pb4_sl, b29) B(struct l3_pb4_sl, b36) \
    B(struct l3_pb4_sl, b30) B(struct l3_pb4_sl, b35) I(struct l3_pb4_sl, c60) \
    B(struct l3_pb4_sl, b31) B(struct l3_pb4_sl, b34) B(struct l3_pb4_sl, b32) \
    B(struct l3_pb4_sl, b33) I(struct l3_pb4_sl, tail) \
  R(struct l3_pbmix4) I(struct l3_pbmix4, a) B(struct l3_pbmix4, f) I(struct l3_pbmix4, c) \
    B(struct l3_pbmix4, g) B(struct l3_pbmix4, h) B(struct l3_pbmix4, i) I(struct l3_pbmix4, j) \
    B(struct l3_pbmix4, k) B(struct l3_pbmix4, l) B(struct l3_pbmix4, m) \
  R(union l3_pbunion4) I(union l3_pbunion4, c) B(union l3_pbunion4, f) B(union l3_pbunion4, g) \
    B(union l3_pbunion4, h) \
  R(struct l3_pb8_uc) I(struct l3_pb8_uc, lead) B(struct l3_pb8_uc, b1) B(struct l3_pb8_uc, b8) \
    B(struct l3_pb8_uc, b2) B(struct l3_pb8_uc, b7) B(struct l3_pb8_uc, b3) I(struct l3_pb8_uc, c5) \
    B(struct l3_pb8_uc, b6) B(struct l3_pb8_uc, b4) B(struct l3_pb8_uc, b5) \
    I(struct l3_pb8_uc, tail) \
  R(struct l3_pb8_sc) I(struct l3_pb8_sc, lead) B(struct l3_pb8_sc, b1) B(struct l3_pb8_sc, b8) \
    B(struct l3_pb8_sc, b2) B(struct l3_pb8_sc, b7) B(struct l3_pb8_sc, b3) I(struct l3_pb8_sc, c5) \
    B(struct l3_pb8_sc, b6) B(struct l3_pb8_sc, b4) B(struct l3_pb8_sc, b5) \
    I(struct l3_pb8_sc, tail) \
  R(struct l3_pb8_us) I(struct l3_pb8_us, lead) B(struct l3_pb8_us, b1) B(struct l3_pb8_us, b16) \
    B(struct l3_pb8_us, b2) B(struct l3_pb8_us, b15) B(struct l3_pb8_us, b3) I(struct l3_pb8_us, c5) \
    B(struct l3_pb8_us, b14) B(struct l3_pb8_us, b4) B(struct l3_pb8_us, b13) \
    B(struct l3_pb8_us, b5) B(struct l3_pb8_us, b12) I(struct l3_pb8_us, c10) \
    B(struct l3_pb8_us, b6) B(struct l3_pb8_us, b11) B(struct l3_pb8_us, b7) \
    B(struct l3_pb8_us, b10) B(struct l3_pb8_us, b8) I(struct l3_pb8_us, c15) \
    B(struct l3_pb8_us, b9) I(struct l3_pb8_us, tail) \
  R(struct l3_pb8_ss) I(struct l3_pb8_ss, lead) B(struct l3_pb8_ss, b1) B(struct l3_pb8_ss, b16) \
    B(struct l3_pb8_ss, b2) B(struct l3_pb8_ss, b15) B(struct l3_pb8_ss, b3) I(struct l3_pb8_ss, c5) \
    B(struct l3_pb8_ss, b14) B(struct l3_pb8_ss, b4) B(struct l3_pb8_ss, b13) \
    B(struct l3_pb8_ss, b5) B(struct l3_pb8_ss, b12) I(struct l3_pb8_ss, c10) \
    B(struct l3_pb8_ss, b6) B(struct l3_pb8_ss, b11) B(struct l3_pb8_ss, b7) \
    B(struct l3_pb8_ss, b10) B(struct l3_pb8_ss, b8) I(struct l3_pb8_ss, c15) \
    B(struct l3_pb8_ss, b9) I(struct l3_pb8_ss, tail) \
  R(struct l3_pb8_ui) I(struct l3_pb8_ui, lead) B(struct l3_pb8_ui, b1) B(struct l3_pb8_ui, b32) \
    B(struct l3_pb8_ui, b2) B(struct l3_pb8_ui, b31) B(struct l3_pb8_ui, b3) I(struct l3_pb8_ui, c5) \
    B(struct l3_pb8_ui, b30) B(struct l3_pb8_ui, b4) B(struct l3_pb8_ui, b29) \
    B(struct l3_pb8_ui, b5) B(struct l3_pb8_ui, b28) I(struct l3_pb8_ui, c10) \
    B(struct l3_pb8_ui, b6) B(struct l3_pb8_ui, b27) B(struct l3_pb8_ui, b7) \
    B(struct l3_pb8_ui, b26) B(struct l3_pb8_ui, b8) I(struct l3_pb8_ui, c15) \
    B(struct l3_pb8_ui, b25) B(struct l3_pb8_ui, b9) B(struct l3_pb8_ui, b24) \
    B(struct l3_pb8_ui, b10) B(struct l3_pb8_ui, b23) I(struct l3_pb8_ui, c20) \
    B(struct l3_pb8_ui, b11) B(struct l3_pb8_ui, b22) B(struct l3_pb8_ui, b12) \
    B(struct l3_pb8_ui, b21) B(struct l3_pb8_ui, b13) I(struct l3_pb8_ui, c25) \
    B(struct l3_pb8_ui, b20) B(struct l3_pb8_ui, b14) B(struct l3_pb8_ui, b19) \
    B(struct l3_pb8_ui, b15) B(struct l3_pb8_ui, b18) I(struct l3_pb8_ui, c30) \
    B(struct l3_pb8_ui, b16) B(struct l3_pb8_ui, b17) I(struct l3_pb8_ui, tail) \
  R(struct l3_pb8_si) I(struct l3_pb8_si, lead) B(struct l3_pb8_si, b1) B(struct l3_pb8_si, b32) \
    B(struct l3_pb8_si, b2) B(struct l3_pb8_si, b31) B(struct l3_pb8_si, b3) I(struct l3_pb8_si, c5) \
    B(struct l3_pb8_si, b30) B(struct l3_pb8_si, b4) B(struct l3_pb8_si, b29) \
    B(struct l3_pb8_si, b5) B(struct l3_pb8_si, b28) I(struct l3_pb8_si, c10) \
    B(struct l3_pb8_si, b6) B(struct l3_pb8_si, b27) B(struct l3_pb8_si, b7) \
    B(struct l3_pb8_si, b26) B(struct l3_pb8_si, b8) I(struct l3_pb8_si, c15) \
    B(struct l3_pb8_si, b25) B(struct l3_pb8_si, b9) B(struct l3_pb8_si, b24) \
    B(struct l3_pb8_si, b10) B(struct l3_pb8_si, b23) I(struct l3_pb8_si, c20) \
    B(struct l3_pb8_si, b11) B(struct l3_pb8_si, b22) B(struct l3_pb8_si, b12) \
    B(struct l3_pb8_si, b21) B(struct l3_pb8_si, b13) I(struct l3_pb8_si, c25) \
    B(struct l3_pb8_si, b20) B(struct l3_pb8_si, b14) B(struct l3_pb8_si, b19) \
    B(struct l3_pb8_si, b15) B(struct l3_pb8_si, b18) I(struct l3_pb8_si, c30) \
    B(struct l3_pb8_si, b16) B(struct l3_pb8_si, b17) I(struct l3_pb8_si, tail) \
  R(struct l3_pb8_ul) I(struct l3_pb8_ul, lead) B(struct l3_pb8_ul, b1) B(struct l3_pb8_ul, b64) \
    B(struct l3_pb8_ul, b2) B(struct l3_pb8_ul, b63) B(struct l3_pb8_ul, b3) I(struct l3_pb8_ul, c5) \
    B(struct l3_pb8_ul, b62) B(struct l3_pb8_ul, b4) B(struct l3_pb8_ul, b61) \
    B(struct l3_pb8_ul, b5) B(struct l3_pb8_ul, b60) I(struct l3_pb8_ul, c10) \
    B(struct l3_pb8_ul, b6) B(struct l3_pb8_ul, b59) B(struct l3_pb8_ul, b7) \
    B(struct l3_pb8_ul, b58) B(struct l3_pb8_ul, b8) I(struct l3_pb8_ul, c15) \
    B(struct l3_pb8_ul, b57) B(struct l3_pb8_ul, b9) B(struct l3_pb8_ul, b56) \
    B(struct l3_pb8_ul, b10) B(struct l3_pb8_ul, b55) I(struct l3_pb8_ul, c20) \
    B(struct l3_pb8_ul, b11) B(struct l3_pb8_ul, b54) B(struct l3_pb8_ul, b12) \
    B(struct l3_pb8_ul, b53) B(struct l3_pb8_ul, b13) I(struct l3_pb8_ul, c25) \
    B(struct l3_pb8_ul, b52) B(struct l3_pb8_ul, b14) B(struct l3_pb8_ul, b51) \
    B(struct l3_pb8_ul, b15) B(struct l3_pb8_ul, b50) I(struct l3_pb8_ul, c30) \
    B(struct l3_pb8_ul, b16) B(struct l3_pb8_ul, b49) B(struct l3_pb8_ul, b17) \
    B(struct l3_pb8_ul, b48) B(struct l3_pb8_ul, b18) I(struct l3_pb8_ul, c35) \
    B(struct l3_pb8_ul, b47) B(struct l3_pb8_ul, b19) B(struct l3_pb8_ul, b46) \
    B(struct l3_pb8_ul, b20) B(struct l3_pb8_ul, b45) I(struct l3_pb8_ul, c40) \
    B(struct l3_pb8_ul, b21) B(struct l3_pb8_ul, b44) B(struct l3_pb8_ul, b22) \
    B(struct l3_pb8_ul, b43) B(struct l3_pb8_ul, b23) I(struct l3_pb8_ul, c45) \
    B(struct l3_pb8_ul, b42) B(struct l3_pb8_ul, b24) B(struct l3_pb8_ul, b41) \
    B(struct l3_pb8_ul, b25) B(struct l3_pb8_ul, b40) I(struct l3_pb8_ul, c50) \
    B(struct l3_pb8_ul, b26) B(struct l3_pb8_ul, b39) B(struct l3_pb8_ul, b27) \
    B(struct l3_pb8_ul, b38) B(struct l3_pb8_ul, b28) I(struct l3_pb8_ul, c55) \
    B(struct l3_pb8_ul, b37) B(struct l3_pb8_ul, b29) B(struct l3_pb8_ul, b36) \
    B(struct l3_pb8_ul, b30) B(struct l3_pb8_ul, b35) I(struct l3_pb8_ul, c60) \
    B(struct l3_pb8_ul, b31) B(struct l3_pb8_ul, b34) B(struct l3_pb8_ul, b32) \
    B(struct l3_pb8_ul, b33) I(struct l3_pb8_ul, tail) \
  R(struct l3_pb8_sl) I(struct l3_pb8_sl, lead) B(struct l3_pb8_sl, b1) B(struct l3_pb8_sl, b64) \
    B(struct l3_pb8_sl, b2) B(struct l3_pb8_sl, b63) B(struct l3_pb8_sl, b3) I(struct l3_pb8_sl, c5) \
    B(struct l3_pb8_sl, b62) B(struct l3_pb8_sl, b4) B(struct l3_pb8_sl, b61) \
    B(struct l3_pb8_sl, b5) B(struct l3_pb8_sl, b60) I(struct l3_pb8_sl, c10) \
    B(struct l3_pb8_sl, b6) B(struct l3_pb8_sl, b59) B(struct l3_pb8_sl, b7) \
    B(struct l3_pb8_sl, b58) B(struct l3_pb8_sl, b8) I(struct l3_pb8_sl, c15) \
    B(struct l3_pb8_sl, b57) B(struct l3_pb8_sl, b9) B(struct l3_pb8_sl, b56) \
    B(struct l3_pb8_sl, b10) B(struct l3_pb8_sl, b55) I(struct l3_pb8_sl, c20) \
    B(struct l3_pb8_sl, b11) B(struct l3_pb8_sl, b54) B(struct l3_pb8_sl, b12) \
    B(struct l3_pb8_sl, b53) B(struct l3_pb8_sl, b13) I(struct l3_pb8_sl, c25) \
    B(struct l3_pb8_sl, b52) B(struct l3_pb8_sl, b14) B(struct l3_pb8_sl, b51) \
    B(struct l3_pb8_sl, b15) B(struct l3_pb8_sl, b50) I(struct l3_pb8_sl, c30) \
    B(struct l3_pb8_sl, b16) B(struct l3_pb8_sl, b49) B(struct l3_pb8_sl, b17) \
    B(struct l3_pb8_sl, b48) B(struct l3_pb8_sl, b18) I(struct l3_pb8_sl, c35) \
    B(struct l3_pb8_sl, b47) B(struct l3_pb8_sl, b19) B(struct l3_pb8_sl, b46) \
    B(struct l3_pb8_sl, b20) B(struct l3_pb8_sl, b45) I(struct l3_pb8_sl, c40) \
    B(struct l3_pb8_sl, b21) B(struct l3_pb8_sl, b44) B(struct l3_pb8_sl, b22) \
    B(struct l3_pb8_sl, b43) B(struct l3_pb8_sl, b23) I(struct l3_pb8_sl, c45) \
    B(struct l3_pb8_sl, b42) B(struct l3_pb8_sl, b24) B(struct l3_pb8_sl, b41) \
    B(struct l3_pb8_sl, b25) B(struct l3_pb8_sl, b40) I(struct l3_pb8_sl, c50) \
    B(struct l3_pb8_sl, b26) B(struct l3_pb8_sl, b39) B(struct l3_pb8_sl, b27) \
    B(struct l3_pb8_sl, b38) B(struct l3_pb8_sl, b28) I(struct l3_pb8_sl, c55) \
    B(struct l3_pb8_sl, b37) B(struct l3_pb8_sl, b29) B(struct l3_pb8_sl, b36) \
    B(struct l3_pb8_sl, b30) B(struct l3_pb8_sl, b35) I(struct l3_pb8_sl, c60) \
    B(struct l3_pb8_sl, b31) B(struct l3_pb8_sl, b34) B(struct l3_pb8_sl, b32) \
    B(struct l3_pb8_sl, b33) I(struct l3_pb8_sl, tail) \
  R(struct l3_pbmix8) I(struct l3_pbmix8, a) B(struct l3_pbmix8, f) I(struct l3_pbmix8, c) \
    B(struct l3_pbmix8, g) B(struct l3_pbmix8, h) B(struct l3_pbmix8, i) I(struct l3_pbmix8, j) \
    B(struct l3_pbmix8, k) B(struct l3_pbmix8, l) B(struct l3_pbmix8, m) \
  R(union l3_pbunion8) I(union l3_pbunion8, c) B(union l3_pbunion8, f) B(union l3_pbunion8, g) \
    B(union l3_pbunion8, h) \
  R(struct l3_pb_outer) I(struct l3_pb_outer, c) F(struct l3_pb_outer, in) \
    B(struct l3_pb_outer, in.b17) F(struct l3_pb_outer, mix) B(struct l3_pb_outer, mix[1].f) \
    B(struct l3_pb_outer, mix[1].l) I(struct l3_pb_outer, z) \
  R(struct l3_va1) I(struct l3_va1, n) F(struct l3_va1, ap) \
  R(struct l3_va2) I(struct l3_va2, c) F(struct l3_va2, ap) D(struct l3_va2, d) I(struct l3_va2, e) \
  R(struct l3_va_arr) F(struct l3_va_arr, aps) F(struct l3_va_arr, aps[1]) I(struct l3_va_arr, tail) \
  R(union l3_va_union) F(union l3_va_union, ap) I(union l3_va_union, c) I(union l3_va_union, x) \
  R(struct l3_va_nested) I(struct l3_va_nested, c) F(struct l3_va_nested, in) \
    I(struct l3_va_nested, in.n) F(struct l3_va_nested, in.ap) I(struct l3_va_nested, k) \
  R(struct l3_va_pack2) I(struct l3_va_pack2, c) F(struct l3_va_pack2, ap) I(struct l3_va_pack2, i)
  /* generated by gen_packbits.lua: end */

/* -- The table -- */

struct lay_row {
  const char *record;
  const char *field; /* NULL: the row describes the record itself */
  const char *kind;  /* "record", "type", "field", "const", "flex", "int", "bits", "float", "string", "pointer" */
  long size;         /* record, type: sizeof; member: sizeof (0 for bitfields and flexible arrays) */
  long align;        /* record: alignof; member: 0 */
  long offset;       /* member: byte offset (bitfields: byte holding the first bit) */
  int bitpos;        /* member: absolute bit position of the first bit */
  int bitsize;       /* bitfields: width; other members: 0 */
  int width;         /* int/bits: value bits (sizeof * 8 or the width) */
  int is_signed;     /* int/bits: -1 stored reads back negative */
  int is_bool;       /* int/bits: 2 stored reads back as 1 (_Bool) */
};

#define ROW_COUNT_R(T) +1
#define ROW_COUNT_F(T, m) +1
enum {
  LAY_ROWS = 0
#define R ROW_COUNT_R
#define Y ROW_COUNT_R
#define F ROW_COUNT_F
#define C F
#define X F
#define I F
#define B F
#define D F
#define S F
#define P F
  LAYOUT_ROWS
#undef R
#undef Y
#undef F
#undef C
#undef X
#undef I
#undef B
#undef D
#undef S
#undef P
};

static struct lay_row rows[LAY_ROWS];
static int nrows;

/* Non-constant, so storing them draws no constant-conversion warnings. */
static volatile long long all_ones = -1;
static volatile long long two = 2;

static struct lay_row *add_row(const char *record, const char *field, const char *kind) {
  struct lay_row *r = &rows[nrows++];
  r->record = record;
  r->field = field;
  r->kind = kind;
  return r;
}

static int host_big_endian(void) {
  const unsigned int one = 1;
  return *(const unsigned char *)&one == 0;
}

/* First set bit in allocation order and the number of set bits. */
static void scan_bits(struct lay_row *r, const unsigned char *p, size_t n) {
  int first = -1, count = 0;
  int big = host_big_endian();
  for (size_t i = 0; i < n; i++)
    for (int b = 0; b < 8; b++) {
      int bit = big ? 7 - b : b;
      if (p[i] & (1u << bit)) {
        if (first < 0) first = (int)(i * 8) + b;
        count++;
      }
    }
  r->bitpos = first;
  r->bitsize = count;
  r->width = count;
  r->offset = first / 8;
}

#define PROBE_INT(T, m, r) \
  do { \
    T x_; \
    memset(&x_, 0, sizeof x_); \
    x_.m = all_ones; \
    (r)->is_signed = !(x_.m > 0); \
    x_.m = two; \
    (r)->is_bool = x_.m == 1; \
  } while (0)

static void build_rows(void) {
  struct lay_row *r;
#define R(T) \
  r = add_row(#T, NULL, "record"); \
  r->size = (long)sizeof(T); \
  r->align = (long)_Alignof(T);
#define Y(T) \
  r = add_row(#T, NULL, "type"); \
  r->size = (long)sizeof(T); \
  r->align = (long)_Alignof(T);
#define MEMBER(T, m, k) \
  r = add_row(#T, #m, k); \
  r->offset = (long)offsetof(T, m); \
  r->bitpos = (int)(r->offset * 8); \
  r->size = (long)sizeof(((T *)0)->m);
#define F(T, m) MEMBER(T, m, "field")
#define C(T, m) MEMBER(T, m, "const")
#define X(T, m) \
  r = add_row(#T, #m, "flex"); \
  r->offset = (long)offsetof(T, m); \
  r->bitpos = (int)(r->offset * 8);
#define I(T, m) \
  MEMBER(T, m, "int") \
  r->width = (int)(r->size * 8); \
  PROBE_INT(T, m, r);
#define B(T, m) \
  r = add_row(#T, #m, "bits"); \
  { \
    T x_; \
    memset(&x_, 0, sizeof x_); \
    x_.m = all_ones; \
    scan_bits(r, (const unsigned char *)&x_, sizeof x_); \
  } \
  PROBE_INT(T, m, r);
#define D(T, m) MEMBER(T, m, "float")
#define S(T, m) MEMBER(T, m, "string")
#define P(T, m) MEMBER(T, m, "pointer")
  LAYOUT_ROWS
#undef R
#undef Y
#undef MEMBER
#undef F
#undef C
#undef X
#undef I
#undef B
#undef D
#undef S
#undef P
}

static const struct lay_row *row(int i) {
  if (nrows == 0) build_rows();
  return (i >= 0 && i < nrows) ? &rows[i] : NULL;
}

/* -- Table queries (out of range: NULL / -1) -- */

LAY_EXPORT int lay_count(void) {
  if (nrows == 0) build_rows();
  return nrows;
}

LAY_EXPORT const char *lay_record(int i) {
  const struct lay_row *r = row(i);
  return r ? r->record : NULL;
}

LAY_EXPORT const char *lay_field(int i) {
  const struct lay_row *r = row(i);
  return r ? r->field : NULL;
}

LAY_EXPORT const char *lay_kind(int i) {
  const struct lay_row *r = row(i);
  return r ? r->kind : NULL;
}

LAY_EXPORT long lay_size(int i) {
  const struct lay_row *r = row(i);
  return r ? r->size : -1;
}

LAY_EXPORT long lay_align(int i) {
  const struct lay_row *r = row(i);
  return r ? r->align : -1;
}

LAY_EXPORT long lay_offset(int i) {
  const struct lay_row *r = row(i);
  return r ? r->offset : -1;
}

LAY_EXPORT int lay_bitpos(int i) {
  const struct lay_row *r = row(i);
  return r ? r->bitpos : -1;
}

LAY_EXPORT int lay_bitsize(int i) {
  const struct lay_row *r = row(i);
  return r ? r->bitsize : -1;
}

LAY_EXPORT int lay_width(int i) {
  const struct lay_row *r = row(i);
  return r ? r->width : -1;
}

LAY_EXPORT int lay_signed(int i) {
  const struct lay_row *r = row(i);
  return r ? r->is_signed : -1;
}

LAY_EXPORT int lay_bool(int i) {
  const struct lay_row *r = row(i);
  return r ? r->is_bool : -1;
}

/* -- Accessors: row i's member of the record at p, through real member access -- */

/* Each expands LAYOUT_ROWS with one case per row of its kind, numbered like the table. */
#define SKIP_R(T) k++;
#define SKIP_F(T, m) k++;

LAY_EXPORT long long lay_get(int want, const void *p) {
  int k = 0;
#define R SKIP_R
#define Y SKIP_R
#define F SKIP_F
#define C SKIP_F
#define X SKIP_F
#define D SKIP_F
#define S SKIP_F
#define P SKIP_F
#define I(T, m) \
  if (k++ == want) return (long long)((const T *)p)->m;
#define B I
  LAYOUT_ROWS
#undef I
#undef B
  return 0;
}

LAY_EXPORT void lay_set(int want, void *p, long long v) {
  int k = 0;
#define I(T, m) \
  if (k++ == want) { \
    ((T *)p)->m = v; \
    return; \
  }
#define B I
  LAYOUT_ROWS
#undef I
#undef B
#undef D
}

#define I SKIP_F
#define B SKIP_F

LAY_EXPORT double lay_getd(int want, const void *p) {
  int k = 0;
#define D(T, m) \
  if (k++ == want) return (double)((const T *)p)->m;
  LAYOUT_ROWS
#undef D
  return 0;
}

LAY_EXPORT void lay_setd(int want, void *p, double v) {
  int k = 0;
#define D(T, m) \
  if (k++ == want) { \
    ((T *)p)->m = v; \
    return; \
  }
  LAYOUT_ROWS
#undef D
}

#define D SKIP_F
#undef S

/* The member's bytes up to its first NUL, as a C string (the test keeps them NUL-terminated). */
LAY_EXPORT const char *lay_getstr(int want, const void *p) {
  int k = 0;
#define S(T, m) \
  if (k++ == want) return (const char *)((const T *)p)->m;
  LAYOUT_ROWS
#undef S
  return NULL;
}

/* Copies s (truncated) and NUL-terminates, zero-filling the rest of the member. */
LAY_EXPORT void lay_setstr(int want, void *p, const char *s) {
  int k = 0;
#define S(T, m) \
  if (k++ == want) { \
    char *d_ = (char *)((T *)p)->m; \
    size_t n_ = sizeof(((T *)p)->m), len_ = strlen(s); \
    if (len_ >= n_) len_ = n_ - 1; \
    memset(d_, 0, n_); \
    memcpy(d_, s, len_); \
    return; \
  }
  LAYOUT_ROWS
#undef S
}

#define S SKIP_F
#undef P

LAY_EXPORT void *lay_getp(int want, const void *p) {
  int k = 0;
#define P(T, m) \
  if (k++ == want) return (void *)((const T *)p)->m;
  LAYOUT_ROWS
#undef P
  return NULL;
}

LAY_EXPORT void lay_setp(int want, void *p, void *v) {
  int k = 0;
#define P(T, m) \
  if (k++ == want) { \
    ((T *)p)->m = (__typeof__(((T *)p)->m))v; \
    return; \
  }
  LAYOUT_ROWS
#undef P
}

/* -- Flexible array members: C's view of elements written from Lua -- */

LAY_EXPORT double l3_flex_sum(const struct l3_flex *f) {
  double s = 0;
  for (int i = 0; i < f->n; i++) s += f->data[i];
  return s;
}

LAY_EXPORT long l3_flex_struct_sum(const struct l3_flex_struct *f) {
  long s = 0;
  for (int i = 0; i < f->n; i++) s += f->pts[i].x * 1000L + f->pts[i].y;
  return s;
}

LAY_EXPORT long long l3_flex_ll_get(const struct l3_flex_ll *f, int i) {
  return f->x[i];
}

LAY_EXPORT int l3_flex_pad_get(const struct l3_flex_pad *f, int i) {
  return f->data[i];
}
