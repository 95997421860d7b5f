/*
** records.h -- the issue-3 layout suite: records covering every layout feature.
**
** Compiled by gcc and by clang into liblayout3_<cc>.so (layout3.c), and fed to
** ffi.cdef by test_layout3.lua, which compares the runtime's layout with each
** compiler's. The file is valid runtime input as it is: no #include, no
** #define; the only directives are #pragma pack. Each "-- section --" banner
** starts a part that declares only what it and later sections use, so the test
** can fall back to one ffi.cdef per section when the whole file is refused.
** Expected values in comments are for x86-64 System V; the test never uses
** them (the compilers are the reference).
*/

/* -- section: scalars -- */

struct l3_basic {
  char c;
  short s;
  int i;
  long l;
  long long ll;
  float f;
  double d;
  void *p;
};

struct l3_unsigned {
  unsigned char uc;
  signed char sc;
  unsigned short us;
  unsigned int ui;
  unsigned long ul;
  unsigned long long ull;
  _Bool b;
};

struct l3_spellings {
  short int a;
  signed short b;
  unsigned short int c;
  signed d;
  unsigned e;
  long int f;
  unsigned long int g;
  long long int h;
  signed long long int i;
};

struct l3_tail { /* 16: tail padding after c */
  double d;
  char c;
};

struct l3_empty {}; /* GNU C: size 0 */

struct l3_with_empty {
  char a;
  struct l3_empty e;
  char b;
};

struct l3_bool_fields {
  _Bool a;
  _Bool b;
  int i;
  _Bool c;
};

struct l3_qualified { /* const fields: offsets only */
  const int a;
  volatile short b;
  const char *const p;
  const volatile long long v;
};

/* -- section: enums -- */

enum l3_color { L3_RED, L3_GREEN, L3_BLUE };
enum l3_sign { L3_NEG = -2, L3_ZERO = 0, L3_POS = 2 };
enum __attribute__((packed)) l3_small { L3_S0, L3_S1 = 200 }; /* 1 byte, unsigned */
enum l3_small_signed { L3_SN = -1, L3_SP = 100 } __attribute__((packed)); /* 1 byte, signed */
enum __attribute__((packed)) l3_small16 { L3_W0, L3_W = 300 }; /* 2 bytes */
enum l3_big { L3_B0, L3_BIG = 0x100000000 }; /* 8 bytes */
enum l3_flags { L3_F1 = 1 << 0, L3_F2 = 1 << 3, L3_F12 = L3_F1 | L3_F2 };

struct l3_enums {
  char c;
  enum l3_color col;
  enum l3_small sm;
  enum l3_small_signed ss;
  enum l3_small16 w;
  enum l3_big big;
  enum l3_sign sign;
  enum l3_flags fl;
};

struct l3_enum_packed_seq {
  enum l3_small a;
  enum l3_small16 b;
  enum l3_small c;
};

/* -- section: bitfields -- */

struct l3_bits_basic {
  unsigned a : 1;
  unsigned b : 2;
  unsigned c : 3;
  unsigned d : 26;
};

struct l3_bits_signed {
  int a : 4;
  signed int b : 5;
  int c : 7;
  unsigned d : 16;
};

struct l3_bits_straddle_int { /* b does not fit after a: next int unit */
  int a : 30;
  int b : 4;
  int c : 31;
  unsigned d : 1;
};

struct l3_bits_char {
  char a : 3;
  char b : 4;
  char c : 2; /* straddles the first char: moves to byte 1 */
  unsigned char d : 8;
  signed char e : 1;
};

struct l3_bits_short {
  short a : 9;
  short b : 9;
  unsigned short c : 15;
  short d : 1;
};

struct l3_bits_ll {
  long long a : 40;
  long long b : 30;
  unsigned long long c : 64;
  long long d : 1;
};

struct l3_bits_mixed_units { /* each field fits or not in a unit of its own type */
  char c;
  int b : 20;
  short s : 5;
  long long x : 33;
};

struct l3_bits_char_then_int {
  char c[3];
  int b : 9; /* bits 24..32 would straddle the int at 0: moves to 32 */
};

struct l3_bits_zero_width { /* 5 bytes, alignment 1 */
  char a : 3;
  int : 0;
  char b : 2;
};

struct l3_bits_zero_char {
  int a : 3;
  char : 0;
  int b : 4;
};

struct l3_bits_zero_ll {
  char a;
  long long : 0;
  char b;
};

struct l3_bits_zero_first {
  int : 0;
  char a;
  short : 0;
  char b;
};

struct l3_bits_unnamed {
  char a;
  int : 4;
  char b;
  unsigned : 3;
  unsigned c : 5;
};

struct l3_bits_unnamed_align { /* unnamed bitfields do not align the record */
  char a;
  long long : 7;
  char b;
};

struct l3_bits_bool {
  _Bool a : 1;
  _Bool b : 1;
  int c : 5;
  _Bool d : 1;
  unsigned char e;
};

struct l3_bits_enum {
  enum l3_color col : 2;
  enum l3_sign sign : 3;
  unsigned x : 4;
  enum l3_small sm : 8;
};

struct l3_bits_full {
  unsigned a : 32;
  unsigned b : 32;
  unsigned long long c : 64;
  unsigned char d : 8;
};

struct l3_bits_align_ll { /* the declared type aligns the record: 8 bytes */
  char a;
  long long b : 1;
};

union l3_bits_union {
  int a : 3;
  unsigned b : 10;
  char c;
  long long d : 40;
};

struct l3_bits_many {
  unsigned a : 7, b : 7, c : 7, d : 7, e : 7, f : 7, g : 7, h : 7, i : 7, j : 7;
};

struct l3_bits_after_array {
  short s[3];
  unsigned x : 16;
  unsigned y : 17;
};

struct l3_bits_after_double {
  double d;
  char c;
  unsigned long long x : 20;
  unsigned long long y : 40;
  short z : 3;
};

/* -- section: packed -- */

struct __attribute__((packed)) l3_packed {
  char c;
  int i;
  short s;
  double d;
  long long ll;
};

struct l3_packed_field { /* only i is packed: alignment 2 from s */
  char c;
  int i __attribute__((packed));
  short s;
};

struct __attribute__((packed, aligned(4))) l3_packed_aligned {
  char c;
  int i;
  short s;
};

struct __attribute__((packed)) l3_packed_bits { /* bitfields ignore unit boundaries */
  char a;
  int b : 31;
  char c;
  unsigned d : 3;
  unsigned long long e : 60;
};

struct __attribute__((packed)) l3_packed_nested {
  char c;
  struct l3_tail t;
  short s;
};

struct l3_contains_packed {
  char c;
  struct l3_packed p;
  int i;
};

union __attribute__((packed)) l3_packed_union {
  char c;
  int i;
  double d;
  char s[5];
};

struct l3_packed_struct_field {
  char c;
  struct l3_tail t __attribute__((packed));
  char e;
};

struct __attribute__((packed)) l3_packed_array {
  char c;
  short a[3];
  int m[2][2];
};

struct l3_packed_after {
  char c;
  int i;
} __attribute__((packed));

/* -- section: aligned -- */

struct __attribute__((aligned(16))) l3_aligned16 {
  char c;
};

struct l3_aligned_field {
  char c;
  int i __attribute__((aligned(16)));
  char d;
};

struct l3_aligned_in {
  char c;
  struct l3_aligned16 a;
  char d;
};

typedef int l3_int8a __attribute__((aligned(8)));

struct l3_aligned_typedef {
  char c;
  l3_int8a x;
  char d;
};

struct l3_aligned_small { /* aligned(2) cannot lower int's alignment */
  char c;
  int i __attribute__((aligned(2)));
};

typedef int l3_int_unaligned __attribute__((aligned(1))); /* a typedef may lower it */

struct l3_aligned_lowered {
  char c;
  l3_int_unaligned x;
  short s;
};

struct __attribute__((aligned(8))) l3_aligned_bits {
  char a : 4;
  char b : 4;
};

union __attribute__((aligned(32))) l3_aligned_union {
  int i;
  char c[3];
};

struct l3_aligned_first {
  __attribute__((aligned(8))) char c;
  char d;
};

struct l3_aligned_after {
  short s;
} __attribute__((aligned(64)));

struct l3_aligned_bitfield_member {
  char a;
  int b : 4 __attribute__((aligned(8)));
  char c;
};

/* -- section: pragma pack -- */

#pragma pack(push, 1)
struct l3_pack1 {
  char c;
  int i;
  short s;
  double d;
};
union l3_pack1_union {
  char c[3];
  int i;
};
struct l3_pack1_bits {
  char a;
  int b : 7;
  int c : 20;
  short d : 3;
  long long e : 40;
};
#pragma pack(pop)

#pragma pack(push, 2)
struct l3_pack2 {
  char c;
  int i;
  char d;
  double x;
  long long y;
};
struct l3_pack2_nested {
  char c;
  struct {
    char a;
    double b;
  } in;
  int i;
};
struct l3_pack2_aligned_field {
  char c;
  int i __attribute__((aligned(8)));
};
#pragma pack(pop)

#pragma pack(push, 4)
struct l3_pack4 {
  char c;
  double d;
  long long x;
  short s;
};
#pragma pack(push, 1)
struct l3_pack_inner1 {
  char c;
  double d;
};
#pragma pack(pop)
struct l3_pack_outer4 { /* back to 4 after the inner pop */
  char c;
  double d;
  struct l3_pack_inner1 in;
};
#pragma pack(pop)

#pragma pack(2)
struct l3_pack_nopush {
  char c;
  long long x;
};
#pragma pack()
struct l3_pack_reset {
  char c;
  long long x;
};

/* -- section: pragma pack and bit-fields -- */

/* Under any #pragma pack(N) (even N >= the type's size), gcc and clang place
   a bit-field right after the previous one, across its type's storage units
   (issue 9, item 4). */
#pragma pack(push, 4)
struct l3_pb_pack4 { /* the record: 8 bytes, c at 5 */
  short a;
  unsigned int f : 24;
  char c;
};
struct l3_pb_pack4_ll { /* y crosses a 64-bit unit */
  int a : 20;
  long long x : 40;
  long long y : 30;
  char c;
};
#pragma pack(pop)

#pragma pack(push, 2)
struct l3_pb_pack2 {
  char a;
  int b : 12;
  int c : 20;
  short d : 9;
  short e : 9;
  char f;
};
union l3_pb_pack2_union {
  char c;
  int b : 23;
  long long l : 50;
};
#pragma pack(pop)

#pragma pack(push, 1)
struct l3_pb_pack1 {
  unsigned char a : 3;
  unsigned short b : 14;
  unsigned int c : 31;
  _Bool d : 1;
  unsigned long long e : 63;
  char f;
};
#pragma pack(pop)

#pragma pack(push, 8)
struct l3_pb_pack8 {
  int a : 14;
  short b : 15;
  unsigned long long c : 22;
  short d : 12;
  int e : 21;
  short f;
};
#pragma pack(pop)

#pragma pack(push, 16)
struct l3_pb_pack16 {
  char a : 5;
  int b : 30;
  char c;
};
#pragma pack(pop)

#pragma pack(push, 4)
struct l3_pb_unnamed { /* unnamed and zero-width bit-fields under pack */
  char a : 3;
  int : 30;
  short b : 10;
  int : 0;
  char c : 4;
  long long : 0;
  char d;
};
#pragma pack(pop)

#pragma pack(push, 8)
struct l3_pb_aligned { /* aligned(N) on a bit-field, N <= pack: a multiple of N */
  unsigned char a : 3;
  unsigned int : 24;
  unsigned short b : 5;
  unsigned int c : 24 __attribute__((aligned(2)));
  long long d : 41;
};
#pragma pack(pop)

#pragma pack(push, 16)
struct l3_pb_aligned16 {
  char a : 2;
  unsigned int b : 21;
  long long c : 17 __attribute__((aligned(2)));
  long long d;
  char e : 2;
};
#pragma pack(pop)

/* packed and pragma pack together: the bit-fields' types still align the
   record, up to N */
#pragma pack(push, 16)
struct __attribute__((packed)) l3_pb_packed16 {
  unsigned char a;
  long long b : 28;
};
#pragma pack(pop)
#pragma pack(push, 2)
struct __attribute__((packed)) l3_pb_packed2 {
  unsigned long long a : 11;
  _Bool b : 1;
  short c : 10;
  unsigned char d : 5;
  unsigned long long e : 40;
};
#pragma pack(pop)

/* no pack: aligned(N) below the type's alignment starts the bit-field at a
   multiple of N when it fits in its unit */
struct l3_pb_small_aligned {
  short a : 15 __attribute__((aligned(1)));
  unsigned int b : 15 __attribute__((aligned(1)));
  unsigned int c : 13;
  unsigned long long d : 14 __attribute__((aligned(8)));
  int e : 1 __attribute__((aligned(2)));
  unsigned short f : 6;
  unsigned char g;
  unsigned short h : 1 __attribute__((aligned(1)));
};

/* -- section: va_list members -- */

/* va_list inside a record has the ABI's size (x86-64: __va_list_tag[1], 24
   bytes; AArch64: a 32-byte struct), issue 9 item 5 */
struct l3_withva {
  int n;
  __builtin_va_list ap;
  char c;
};

/* -- section: alignas -- */

struct l3_alignas {
  char c;
  _Alignas(16) int x;
  char d;
  _Alignas(double) char e;
};

struct l3_alignas_array {
  _Alignas(8) char buf[3];
  int i;
};

/* -- section: nested and anonymous -- */

struct l3_point {
  int x, y;
};

struct l3_nested {
  char tag;
  struct {
    short a;
    double b;
  } inner;
  union {
    int i;
    float f;
    char s[6];
  } u;
  struct l3_point pt;
};

struct l3_anon {
  int kind;
  union {
    int i;
    double d;
    struct {
      short lo, hi;
    };
  };
  struct {
    char x, y;
  };
  char tail;
};

union l3_anon_union {
  struct {
    int a, b;
  };
  long long ab;
  struct {
    char bytes[8];
  };
};

struct l3_deep {
  struct {
    struct {
      struct {
        char c;
        long long z;
      } c3;
      short s;
    } c2;
    int n;
  } c1;
  char e;
};

struct l3_anon_bits {
  int a;
  struct {
    unsigned x : 3;
    unsigned y : 5;
  };
  union {
    unsigned z : 7;
    char w;
  };
  char t;
};

struct l3_nested_bits {
  char c;
  struct {
    unsigned a : 4;
    int b : 9;
  } in;
  short s : 3;
};

/* -- section: arrays -- */

union l3_mixed {
  char c;
  short s;
  int i;
  long long ll;
  float f;
  double d;
  void *p;
  char str[13];
};

struct l3_arrays {
  char name[13];
  int m[2][3];
  char grid[3][4][5];
  double d[2];
  struct l3_point pts[3];
  short s[1];
};

struct l3_chararrays {
  char a[1];
  char b[7];
  char c[16];
  unsigned char u[3];
};

struct l3_array_of_unions {
  char c;
  union l3_mixed u[2];
};

struct l3_array_of_records {
  struct l3_tail t[2];
  struct l3_bits_char b[3];
};

/* -- section: flexible array members -- */

struct l3_flex {
  int n;
  double data[];
};

struct l3_flex_pad {
  int a;
  char c;
  char data[];
};

struct l3_flex_struct {
  short n;
  struct l3_point pts[];
};

struct l3_flex_ll {
  char c;
  long long x[];
};

/* -- section: unions -- */

union l3_union_records {
  struct l3_point pt;
  struct l3_tail t;
  int arr[5];
};

union l3_union_small {
  char c;
  unsigned char u;
  _Bool b;
};

union l3_union_aligned_member {
  char c;
  int i __attribute__((aligned(16)));
};

/* -- section: typedefs -- */

typedef int l3_i32;
typedef l3_i32 l3_myint;
typedef l3_myint l3_myint2;
typedef struct l3_point l3_point_t;
typedef l3_point_t l3_point2_t;
typedef l3_point2_t l3_pts3_t[3];
typedef unsigned char l3_byte;
typedef l3_byte l3_bytes4[4];

typedef struct {
  l3_myint2 a;
  l3_pts3_t pts;
  l3_point2_t *pp;
  l3_bytes4 b;
  l3_byte last;
} l3_typedefs_t;

typedef union {
  l3_myint2 i;
  char c;
} l3_tunion_t;
typedef l3_tunion_t l3_tunion2_t;

typedef struct l3_tagged {
  l3_byte a;
  l3_myint b;
  l3_tunion2_t u;
} l3_tagged_t;
typedef l3_tagged_t l3_tagged2_t;

/* -- section: function pointers -- */

typedef int (*l3_handler_t)(int);
typedef void l3_fn_t(int);

struct l3_fnptrs {
  void (*fn)(void);
  int (*cmp)(const void *, const void *);
  l3_handler_t h;
  void (*table[4])(int);
  int (*(*getter)(void))(int);
  char c;
  struct l3_fnptrs *(*make)(int, ...);
  l3_fn_t *fp;
};

/* -- section: pointers -- */

struct l3_pointers {
  struct l3_pointers *next;
  const char *name;
  int **pp;
  int (*pa)[3];
  void *v;
  char c;
  const volatile int *cv;
  char *__restrict r;
  struct l3_point *pt;
};

/* -- section: spellings and combinations -- */

struct __attribute__((__packed__)) l3_spelled_packed { /* the reserved spellings real headers use */
  char c;
  int i __attribute__((__aligned__(2)));
  long long x;
};

struct l3_aligned_default { /* aligned without N: the target's largest alignment */
  char c;
} __attribute__((aligned));

struct l3_packed_and_aligned_field {
  char c;
  int i __attribute__((packed, aligned(2)));
  char d;
};

struct __attribute__((packed)) l3_packed_realigned_field { /* aligned(N) raises a packed member */
  char c;
  int i __attribute__((aligned(4)));
  char d;
};

struct __attribute__((packed)) l3_packed_zero_width {
  char a;
  int : 0;
  char b;
  unsigned c : 4;
  long long : 0;
  char d;
};

typedef struct l3_point __attribute__((aligned(16))) l3_point16;

struct l3_aligned_record_typedef {
  char c;
  l3_point16 p;
};

struct l3_array_sizes {
  char a[2 + 3];
  int b[L3_BLUE + 1];
  char c[sizeof(int) * 2];
  short d[(1 << 2) - 1];
  char e[sizeof(struct l3_point)];
};

struct l3_array_of_packed {
  char c;
  struct l3_packed arr[2];
  short s;
};

/* `long` is 32 bits on the 32-bit targets: a 40-bit field only where it fits
   (test_layout3.lua evaluates this one kind of #if with ffi.sizeof). */
struct l3_long_bits {
  char c;
#if __SIZEOF_LONG__ == 8
  long a : 40;
#else
  long a : 20;
#endif
  unsigned long b : 30;
  long : 0;
  unsigned char d : 4;
};

union l3_union_alignas {
  char c;
  _Alignas(8) short s;
};

#pragma pack(push, 2)
struct l3_pack2_bits {
  char a;
  int b : 20;
  int : 0;
  char c;
  long long d : 40;
};
#pragma pack(pop)

#pragma pack(push, 1)
struct __attribute__((aligned(8))) l3_pack1_aligned_record {
  char c;
  int i;
};
#pragma pack(pop)

#pragma pack(push, 4)
struct l3_pack4_bits_ll {
  char c;
  long long x : 36;
  long long y : 36;
};
#pragma pack(pop)

struct l3_anon_union_bits {
  char tag;
  union {
    struct {
      unsigned lo : 12;
      unsigned hi : 20;
    };
    unsigned raw;
  };
  _Bool flag : 1;
};

/* -- section: pragma pack with bitfields and va_list -- */
/* Generated (tests/layout/gen_packbits.lua --update rewrites what is between
   the markers): #pragma pack(1/2/4/8) with bit-fields of every width of every
   integer type, in and across storage units, and va_list members. */
/* generated by gen_packbits.lua: begin */
#pragma pack(push, 1)

struct l3_pb1_uc {
  char lead;
  unsigned char b1 : 1;
  unsigned char b8 : 8;
  unsigned char b2 : 2;
  unsigned char b7 : 7;
  unsigned char b3 : 3;
  char c5;
  unsigned char b6 : 6;
  unsigned char b4 : 4;
  unsigned char b5 : 5;
  char tail;
};

struct l3_pb1_sc {
  char lead;
  signed char b1 : 1;
  signed char b8 : 8;
  signed char b2 : 2;
  signed char b7 : 7;
  signed char b3 : 3;
  char c5;
  signed char b6 : 6;
  signed char b4 : 4;
  signed char b5 : 5;
  char tail;
};

struct l3_pb1_us {
  char lead;
  unsigned short b1 : 1;
  unsigned short b16 : 16;
  unsigned short b2 : 2;
  unsigned short b15 : 15;
  unsigned short b3 : 3;
  char c5;
  unsigned short b14 : 14;
  unsigned short b4 : 4;
  unsigned short b13 : 13;
  unsigned short b5 : 5;
  unsigned short b12 : 12;
  char c10;
  unsigned short b6 : 6;
  unsigned short b11 : 11;
  unsigned short b7 : 7;
  unsigned short b10 : 10;
  unsigned short b8 : 8;
  char c15;
  unsigned short b9 : 9;
  char tail;
};

struct l3_pb1_ss {
  char lead;
  short b1 : 1;
  short b16 : 16;
  short b2 : 2;
  short b15 : 15;
  short b3 : 3;
  char c5;
  short b14 : 14;
  short b4 : 4;
  short b13 : 13;
  short b5 : 5;
  short b12 : 12;
  char c10;
  short b6 : 6;
  short b11 : 11;
  short b7 : 7;
  short b10 : 10;
  short b8 : 8;
  char c15;
  short b9 : 9;
  char tail;
};

struct l3_pb1_ui {
  char lead;
  unsigned int b1 : 1;
  unsigned int b32 : 32;
  unsigned int b2 : 2;
  unsigned int b31 : 31;
  unsigned int b3 : 3;
  char c5;
  unsigned int b30 : 30;
  unsigned int b4 : 4;
  unsigned int b29 : 29;
  unsigned int b5 : 5;
  unsigned int b28 : 28;
  char c10;
  unsigned int b6 : 6;
  unsigned int b27 : 27;
  unsigned int b7 : 7;
  unsigned int b26 : 26;
  unsigned int b8 : 8;
  char c15;
  unsigned int b25 : 25;
  unsigned int b9 : 9;
  unsigned int b24 : 24;
  unsigned int b10 : 10;
  unsigned int b23 : 23;
  char c20;
  unsigned int b11 : 11;
  unsigned int b22 : 22;
  unsigned int b12 : 12;
  unsigned int b21 : 21;
  unsigned int b13 : 13;
  char c25;
  unsigned int b20 : 20;
  unsigned int b14 : 14;
  unsigned int b19 : 19;
  unsigned int b15 : 15;
  unsigned int b18 : 18;
  char c30;
  unsigned int b16 : 16;
  unsigned int b17 : 17;
  char tail;
};

struct l3_pb1_si {
  char lead;
  int b1 : 1;
  int b32 : 32;
  int b2 : 2;
  int b31 : 31;
  int b3 : 3;
  char c5;
  int b30 : 30;
  int b4 : 4;
  int b29 : 29;
  int b5 : 5;
  int b28 : 28;
  char c10;
  int b6 : 6;
  int b27 : 27;
  int b7 : 7;
  int b26 : 26;
  int b8 : 8;
  char c15;
  int b25 : 25;
  int b9 : 9;
  int b24 : 24;
  int b10 : 10;
  int b23 : 23;
  char c20;
  int b11 : 11;
  int b22 : 22;
  int b12 : 12;
  int b21 : 21;
  int b13 : 13;
  char c25;
  int b20 : 20;
  int b14 : 14;
  int b19 : 19;
  int b15 : 15;
  int b18 : 18;
  char c30;
  int b16 : 16;
  int b17 : 17;
  char tail;
};

struct l3_pb1_ul {
  char lead;
  unsigned long long b1 : 1;
  unsigned long long b64 : 64;
  unsigned long long b2 : 2;
  unsigned long long b63 : 63;
  unsigned long long b3 : 3;
  char c5;
  unsigned long long b62 : 62;
  unsigned long long b4 : 4;
  unsigned long long b61 : 61;
  unsigned long long b5 : 5;
  unsigned long long b60 : 60;
  char c10;
  unsigned long long b6 : 6;
  unsigned long long b59 : 59;
  unsigned long long b7 : 7;
  unsigned long long b58 : 58;
  unsigned long long b8 : 8;
  char c15;
  unsigned long long b57 : 57;
  unsigned long long b9 : 9;
  unsigned long long b56 : 56;
  unsigned long long b10 : 10;
  unsigned long long b55 : 55;
  char c20;
  unsigned long long b11 : 11;
  unsigned long long b54 : 54;
  unsigned long long b12 : 12;
  unsigned long long b53 : 53;
  unsigned long long b13 : 13;
  char c25;
  unsigned long long b52 : 52;
  unsigned long long b14 : 14;
  unsigned long long b51 : 51;
  unsigned long long b15 : 15;
  unsigned long long b50 : 50;
  char c30;
  unsigned long long b16 : 16;
  unsigned long long b49 : 49;
  unsigned long long b17 : 17;
  unsigned long long b48 : 48;
  unsigned long long b18 : 18;
  char c35;
  unsigned long long b47 : 47;
  unsigned long long b19 : 19;
  unsigned long long b46 : 46;
  unsigned long long b20 : 20;
  unsigned long long b45 : 45;
  char c40;
  unsigned long long b21 : 21;
  unsigned long long b44 : 44;
  unsigned long long b22 : 22;
  unsigned long long b43 : 43;
  unsigned long long b23 : 23;
  char c45;
  unsigned long long b42 : 42;
  unsigned long long b24 : 24;
  unsigned long long b41 : 41;
  unsigned long long b25 : 25;
  unsigned long long b40 : 40;
  char c50;
  unsigned long long b26 : 26;
  unsigned long long b39 : 39;
  unsigned long long b27 : 27;
  unsigned long long b38 : 38;
  unsigned long long b28 : 28;
  char c55;
  unsigned long long b37 : 37;
  unsigned long long b29 : 29;
  unsigned long long b36 : 36;
  unsigned long long b30 : 30;
  unsigned long long b35 : 35;
  char c60;
  unsigned long long b31 : 31;
  unsigned long long b34 : 34;
  unsigned long long b32 : 32;
  unsigned long long b33 : 33;
  char tail;
};

struct l3_pb1_sl {
  char lead;
  long long b1 : 1;
  long long b64 : 64;
  long long b2 : 2;
  long long b63 : 63;
  long long b3 : 3;
  char c5;
  long long b62 : 62;
  long long b4 : 4;
  long long b61 : 61;
  long long b5 : 5;
  long long b60 : 60;
  char c10;
  long long b6 : 6;
  long long b59 : 59;
  long long b7 : 7;
  long long b58 : 58;
  long long b8 : 8;
  char c15;
  long long b57 : 57;
  long long b9 : 9;
  long long b56 : 56;
  long long b10 : 10;
  long long b55 : 55;
  char c20;
  long long b11 : 11;
  long long b54 : 54;
  long long b12 : 12;
  long long b53 : 53;
  long long b13 : 13;
  char c25;
  long long b52 : 52;
  long long b14 : 14;
  long long b51 : 51;
  long long b15 : 15;
  long long b50 : 50;
  char c30;
  long long b16 : 16;
  long long b49 : 49;
  long long b17 : 17;
  long long b48 : 48;
  long long b18 : 18;
  char c35;
  long long b47 : 47;
  long long b19 : 19;
  long long b46 : 46;
  long long b20 : 20;
  long long b45 : 45;
  char c40;
  long long b21 : 21;
  long long b44 : 44;
  long long b22 : 22;
  long long b43 : 43;
  long long b23 : 23;
  char c45;
  long long b42 : 42;
  long long b24 : 24;
  long long b41 : 41;
  long long b25 : 25;
  long long b40 : 40;
  char c50;
  long long b26 : 26;
  long long b39 : 39;
  long long b27 : 27;
  long long b38 : 38;
  long long b28 : 28;
  char c55;
  long long b37 : 37;
  long long b29 : 29;
  long long b36 : 36;
  long long b30 : 30;
  long long b35 : 35;
  char c60;
  long long b31 : 31;
  long long b34 : 34;
  long long b32 : 32;
  long long b33 : 33;
  char tail;
};

struct l3_pbmix1 {
  short a;
  unsigned int f : 24;
  char c;
  long long g : 40;
  unsigned short h : 12;
  int : 5;
  unsigned char i : 3;
  int : 0;
  char j;
  _Bool k : 1;
  unsigned long long l : 63;
  signed char m : 7;
};

union l3_pbunion1 {
  char c;
  unsigned int f : 24;
  long long g : 41;
  short h : 3;
};

#pragma pack(pop)

#pragma pack(push, 2)

struct l3_pb2_uc {
  char lead;
  unsigned char b1 : 1;
  unsigned char b8 : 8;
  unsigned char b2 : 2;
  unsigned char b7 : 7;
  unsigned char b3 : 3;
  char c5;
  unsigned char b6 : 6;
  unsigned char b4 : 4;
  unsigned char b5 : 5;
  char tail;
};

struct l3_pb2_sc {
  char lead;
  signed char b1 : 1;
  signed char b8 : 8;
  signed char b2 : 2;
  signed char b7 : 7;
  signed char b3 : 3;
  char c5;
  signed char b6 : 6;
  signed char b4 : 4;
  signed char b5 : 5;
  char tail;
};

struct l3_pb2_us {
  char lead;
  unsigned short b1 : 1;
  unsigned short b16 : 16;
  unsigned short b2 : 2;
  unsigned short b15 : 15;
  unsigned short b3 : 3;
  char c5;
  unsigned short b14 : 14;
  unsigned short b4 : 4;
  unsigned short b13 : 13;
  unsigned short b5 : 5;
  unsigned short b12 : 12;
  char c10;
  unsigned short b6 : 6;
  unsigned short b11 : 11;
  unsigned short b7 : 7;
  unsigned short b10 : 10;
  unsigned short b8 : 8;
  char c15;
  unsigned short b9 : 9;
  char tail;
};

struct l3_pb2_ss {
  char lead;
  short b1 : 1;
  short b16 : 16;
  short b2 : 2;
  short b15 : 15;
  short b3 : 3;
  char c5;
  short b14 : 14;
  short b4 : 4;
  short b13 : 13;
  short b5 : 5;
  short b12 : 12;
  char c10;
  short b6 : 6;
  short b11 : 11;
  short b7 : 7;
  short b10 : 10;
  short b8 : 8;
  char c15;
  short b9 : 9;
  char tail;
};

struct l3_pb2_ui {
  char lead;
  unsigned int b1 : 1;
  unsigned int b32 : 32;
  unsigned int b2 : 2;
  unsigned int b31 : 31;
  unsigned int b3 : 3;
  char c5;
  unsigned int b30 : 30;
  unsigned int b4 : 4;
  unsigned int b29 : 29;
  unsigned int b5 : 5;
  unsigned int b28 : 28;
  char c10;
  unsigned int b6 : 6;
  unsigned int b27 : 27;
  unsigned int b7 : 7;
  unsigned int b26 : 26;
  unsigned int b8 : 8;
  char c15;
  unsigned int b25 : 25;
  unsigned int b9 : 9;
  unsigned int b24 : 24;
  unsigned int b10 : 10;
  unsigned int b23 : 23;
  char c20;
  unsigned int b11 : 11;
  unsigned int b22 : 22;
  unsigned int b12 : 12;
  unsigned int b21 : 21;
  unsigned int b13 : 13;
  char c25;
  unsigned int b20 : 20;
  unsigned int b14 : 14;
  unsigned int b19 : 19;
  unsigned int b15 : 15;
  unsigned int b18 : 18;
  char c30;
  unsigned int b16 : 16;
  unsigned int b17 : 17;
  char tail;
};

struct l3_pb2_si {
  char lead;
  int b1 : 1;
  int b32 : 32;
  int b2 : 2;
  int b31 : 31;
  int b3 : 3;
  char c5;
  int b30 : 30;
  int b4 : 4;
  int b29 : 29;
  int b5 : 5;
  int b28 : 28;
  char c10;
  int b6 : 6;
  int b27 : 27;
  int b7 : 7;
  int b26 : 26;
  int b8 : 8;
  char c15;
  int b25 : 25;
  int b9 : 9;
  int b24 : 24;
  int b10 : 10;
  int b23 : 23;
  char c20;
  int b11 : 11;
  int b22 : 22;
  int b12 : 12;
  int b21 : 21;
  int b13 : 13;
  char c25;
  int b20 : 20;
  int b14 : 14;
  int b19 : 19;
  int b15 : 15;
  int b18 : 18;
  char c30;
  int b16 : 16;
  int b17 : 17;
  char tail;
};

struct l3_pb2_ul {
  char lead;
  unsigned long long b1 : 1;
  unsigned long long b64 : 64;
  unsigned long long b2 : 2;
  unsigned long long b63 : 63;
  unsigned long long b3 : 3;
  char c5;
  unsigned long long b62 : 62;
  unsigned long long b4 : 4;
  unsigned long long b61 : 61;
  unsigned long long b5 : 5;
  unsigned long long b60 : 60;
  char c10;
  unsigned long long b6 : 6;
  unsigned long long b59 : 59;
  unsigned long long b7 : 7;
  unsigned long long b58 : 58;
  unsigned long long b8 : 8;
  char c15;
  unsigned long long b57 : 57;
  unsigned long long b9 : 9;
  unsigned long long b56 : 56;
  unsigned long long b10 : 10;
  unsigned long long b55 : 55;
  char c20;
  unsigned long long b11 : 11;
  unsigned long long b54 : 54;
  unsigned long long b12 : 12;
  unsigned long long b53 : 53;
  unsigned long long b13 : 13;
  char c25;
  unsigned long long b52 : 52;
  unsigned long long b14 : 14;
  unsigned long long b51 : 51;
  unsigned long long b15 : 15;
  unsigned long long b50 : 50;
  char c30;
  unsigned long long b16 : 16;
  unsigned long long b49 : 49;
  unsigned long long b17 : 17;
  unsigned long long b48 : 48;
  unsigned long long b18 : 18;
  char c35;
  unsigned long long b47 : 47;
  unsigned long long b19 : 19;
  unsigned long long b46 : 46;
  unsigned long long b20 : 20;
  unsigned long long b45 : 45;
  char c40;
  unsigned long long b21 : 21;
  unsigned long long b44 : 44;
  unsigned long long b22 : 22;
  unsigned long long b43 : 43;
  unsigned long long b23 : 23;
  char c45;
  unsigned long long b42 : 42;
  unsigned long long b24 : 24;
  unsigned long long b41 : 41;
  unsigned long long b25 : 25;
  unsigned long long b40 : 40;
  char c50;
  unsigned long long b26 : 26;
  unsigned long long b39 : 39;
  unsigned long long b27 : 27;
  unsigned long long b38 : 38;
  unsigned long long b28 : 28;
  char c55;
  unsigned long long b37 : 37;
  unsigned long long b29 : 29;
  unsigned long long b36 : 36;
  unsigned long long b30 : 30;
  unsigned long long b35 : 35;
  char c60;
  unsigned long long b31 : 31;
  unsigned long long b34 : 34;
  unsigned long long b32 : 32;
  unsigned long long b33 : 33;
  char tail;
};

struct l3_pb2_sl {
  char lead;
  long long b1 : 1;
  long long b64 : 64;
  long long b2 : 2;
  long long b63 : 63;
  long long b3 : 3;
  char c5;
  long long b62 : 62;
  long long b4 : 4;
  long long b61 : 61;
  long long b5 : 5;
  long long b60 : 60;
  char c10;
  long long b6 : 6;
  long long b59 : 59;
  long long b7 : 7;
  long long b58 : 58;
  long long b8 : 8;
  char c15;
  long long b57 : 57;
  long long b9 : 9;
  long long b56 : 56;
  long long b10 : 10;
  long long b55 : 55;
  char c20;
  long long b11 : 11;
  long long b54 : 54;
  long long b12 : 12;
  long long b53 : 53;
  long long b13 : 13;
  char c25;
  long long b52 : 52;
  long long b14 : 14;
  long long b51 : 51;
  long long b15 : 15;
  long long b50 : 50;
  char c30;
  long long b16 : 16;
  long long b49 : 49;
  long long b17 : 17;
  long long b48 : 48;
  long long b18 : 18;
  char c35;
  long long b47 : 47;
  long long b19 : 19;
  long long b46 : 46;
  long long b20 : 20;
  long long b45 : 45;
  char c40;
  long long b21 : 21;
  long long b44 : 44;
  long long b22 : 22;
  long long b43 : 43;
  long long b23 : 23;
  char c45;
  long long b42 : 42;
  long long b24 : 24;
  long long b41 : 41;
  long long b25 : 25;
  long long b40 : 40;
  char c50;
  long long b26 : 26;
  long long b39 : 39;
  long long b27 : 27;
  long long b38 : 38;
  long long b28 : 28;
  char c55;
  long long b37 : 37;
  long long b29 : 29;
  long long b36 : 36;
  long long b30 : 30;
  long long b35 : 35;
  char c60;
  long long b31 : 31;
  long long b34 : 34;
  long long b32 : 32;
  long long b33 : 33;
  char tail;
};

struct l3_pbmix2 {
  short a;
  unsigned int f : 24;
  char c;
  long long g : 40;
  unsigned short h : 12;
  int : 5;
  unsigned char i : 3;
  int : 0;
  char j;
  _Bool k : 1;
  unsigned long long l : 63;
  signed char m : 7;
};

union l3_pbunion2 {
  char c;
  unsigned int f : 24;
  long long g : 41;
  short h : 3;
};

#pragma pack(pop)

#pragma pack(push, 4)

struct l3_pb4_uc {
  char lead;
  unsigned char b1 : 1;
  unsigned char b8 : 8;
  unsigned char b2 : 2;
  unsigned char b7 : 7;
  unsigned char b3 : 3;
  char c5;
  unsigned char b6 : 6;
  unsigned char b4 : 4;
  unsigned char b5 : 5;
  char tail;
};

struct l3_pb4_sc {
  char lead;
  signed char b1 : 1;
  signed char b8 : 8;
  signed char b2 : 2;
  signed char b7 : 7;
  signed char b3 : 3;
  char c5;
  signed char b6 : 6;
  signed char b4 : 4;
  signed char b5 : 5;
  char tail;
};

struct l3_pb4_us {
  char lead;
  unsigned short b1 : 1;
  unsigned short b16 : 16;
  unsigned short b2 : 2;
  unsigned short b15 : 15;
  unsigned short b3 : 3;
  char c5;
  unsigned short b14 : 14;
  unsigned short b4 : 4;
  unsigned short b13 : 13;
  unsigned short b5 : 5;
  unsigned short b12 : 12;
  char c10;
  unsigned short b6 : 6;
  unsigned short b11 : 11;
  unsigned short b7 : 7;
  unsigned short b10 : 10;
  unsigned short b8 : 8;
  char c15;
  unsigned short b9 : 9;
  char tail;
};

struct l3_pb4_ss {
  char lead;
  short b1 : 1;
  short b16 : 16;
  short b2 : 2;
  short b15 : 15;
  short b3 : 3;
  char c5;
  short b14 : 14;
  short b4 : 4;
  short b13 : 13;
  short b5 : 5;
  short b12 : 12;
  char c10;
  short b6 : 6;
  short b11 : 11;
  short b7 : 7;
  short b10 : 10;
  short b8 : 8;
  char c15;
  short b9 : 9;
  char tail;
};

struct l3_pb4_ui {
  char lead;
  unsigned int b1 : 1;
  unsigned int b32 : 32;
  unsigned int b2 : 2;
  unsigned int b31 : 31;
  unsigned int b3 : 3;
  char c5;
  unsigned int b30 : 30;
  unsigned int b4 : 4;
  unsigned int b29 : 29;
  unsigned int b5 : 5;
  unsigned int b28 : 28;
  char c10;
  unsigned int b6 : 6;
  unsigned int b27 : 27;
  unsigned int b7 : 7;
  unsigned int b26 : 26;
  unsigned int b8 : 8;
  char c15;
  unsigned int b25 : 25;
  unsigned int b9 : 9;
  unsigned int b24 : 24;
  unsigned int b10 : 10;
  unsigned int b23 : 23;
  char c20;
  unsigned int b11 : 11;
  unsigned int b22 : 22;
  unsigned int b12 : 12;
  unsigned int b21 : 21;
  unsigned int b13 : 13;
  char c25;
  unsigned int b20 : 20;
  unsigned int b14 : 14;
  unsigned int b19 : 19;
  unsigned int b15 : 15;
  unsigned int b18 : 18;
  char c30;
  unsigned int b16 : 16;
  unsigned int b17 : 17;
  char tail;
};

struct l3_pb4_si {
  char lead;
  int b1 : 1;
  int b32 : 32;
  int b2 : 2;
  int b31 : 31;
  int b3 : 3;
  char c5;
  int b30 : 30;
  int b4 : 4;
  int b29 : 29;
  int b5 : 5;
  int b28 : 28;
  char c10;
  int b6 : 6;
  int b27 : 27;
  int b7 : 7;
  int b26 : 26;
  int b8 : 8;
  char c15;
  int b25 : 25;
  int b9 : 9;
  int b24 : 24;
  int b10 : 10;
  int b23 : 23;
  char c20;
  int b11 : 11;
  int b22 : 22;
  int b12 : 12;
  int b21 : 21;
  int b13 : 13;
  char c25;
  int b20 : 20;
  int b14 : 14;
  int b19 : 19;
  int b15 : 15;
  int b18 : 18;
  char c30;
  int b16 : 16;
  int b17 : 17;
  char tail;
};

struct l3_pb4_ul {
  char lead;
  unsigned long long b1 : 1;
  unsigned long long b64 : 64;
  unsigned long long b2 : 2;
  unsigned long long b63 : 63;
  unsigned long long b3 : 3;
  char c5;
  unsigned long long b62 : 62;
  unsigned long long b4 : 4;
  unsigned long long b61 : 61;
  unsigned long long b5 : 5;
  unsigned long long b60 : 60;
  char c10;
  unsigned long long b6 : 6;
  unsigned long long b59 : 59;
  unsigned long long b7 : 7;
  unsigned long long b58 : 58;
  unsigned long long b8 : 8;
  char c15;
  unsigned long long b57 : 57;
  unsigned long long b9 : 9;
  unsigned long long b56 : 56;
  unsigned long long b10 : 10;
  unsigned long long b55 : 55;
  char c20;
  unsigned long long b11 : 11;
  unsigned long long b54 : 54;
  unsigned long long b12 : 12;
  unsigned long long b53 : 53;
  unsigned long long b13 : 13;
  char c25;
  unsigned long long b52 : 52;
  unsigned long long b14 : 14;
  unsigned long long b51 : 51;
  unsigned long long b15 : 15;
  unsigned long long b50 : 50;
  char c30;
  unsigned long long b16 : 16;
  unsigned long long b49 : 49;
  unsigned long long b17 : 17;
  unsigned long long b48 : 48;
  unsigned long long b18 : 18;
  char c35;
  unsigned long long b47 : 47;
  unsigned long long b19 : 19;
  unsigned long long b46 : 46;
  unsigned long long b20 : 20;
  unsigned long long b45 : 45;
  char c40;
  unsigned long long b21 : 21;
  unsigned long long b44 : 44;
  unsigned long long b22 : 22;
  unsigned long long b43 : 43;
  unsigned long long b23 : 23;
  char c45;
  unsigned long long b42 : 42;
  unsigned long long b24 : 24;
  unsigned long long b41 : 41;
  unsigned long long b25 : 25;
  unsigned long long b40 : 40;
  char c50;
  unsigned long long b26 : 26;
  unsigned long long b39 : 39;
  unsigned long long b27 : 27;
  unsigned long long b38 : 38;
  unsigned long long b28 : 28;
  char c55;
  unsigned long long b37 : 37;
  unsigned long long b29 : 29;
  unsigned long long b36 : 36;
  unsigned long long b30 : 30;
  unsigned long long b35 : 35;
  char c60;
  unsigned long long b31 : 31;
  unsigned long long b34 : 34;
  unsigned long long b32 : 32;
  unsigned long long b33 : 33;
  char tail;
};

struct l3_pb4_sl {
  char lead;
  long long b1 : 1;
  long long b64 : 64;
  long long b2 : 2;
  long long b63 : 63;
  long long b3 : 3;
  char c5;
  long long b62 : 62;
  long long b4 : 4;
  long long b61 : 61;
  long long b5 : 5;
  long long b60 : 60;
  char c10;
  long long b6 : 6;
  long long b59 : 59;
  long long b7 : 7;
  long long b58 : 58;
  long long b8 : 8;
  char c15;
  long long b57 : 57;
  long long b9 : 9;
  long long b56 : 56;
  long long b10 : 10;
  long long b55 : 55;
  char c20;
  long long b11 : 11;
  long long b54 : 54;
  long long b12 : 12;
  long long b53 : 53;
  long long b13 : 13;
  char c25;
  long long b52 : 52;
  long long b14 : 14;
  long long b51 : 51;
  long long b15 : 15;
  long long b50 : 50;
  char c30;
  long long b16 : 16;
  long long b49 : 49;
  long long b17 : 17;
  long long b48 : 48;
  long long b18 : 18;
  char c35;
  long long b47 : 47;
  long long b19 : 19;
  long long b46 : 46;
  long long b20 : 20;
  long long b45 : 45;
  char c40;
  long long b21 : 21;
  long long b44 : 44;
  long long b22 : 22;
  long long b43 : 43;
  long long b23 : 23;
  char c45;
  long long b42 : 42;
  long long b24 : 24;
  long long b41 : 41;
  long long b25 : 25;
  long long b40 : 40;
  char c50;
  long long b26 : 26;
  long long b39 : 39;
  long long b27 : 27;
  long long b38 : 38;
  long long b28 : 28;
  char c55;
  long long b37 : 37;
  long long b29 : 29;
  long long b36 : 36;
  long long b30 : 30;
  long long b35 : 35;
  char c60;
  long long b31 : 31;
  long long b34 : 34;
  long long b32 : 32;
  long long b33 : 33;
  char tail;
};

struct l3_pbmix4 {
  short a;
  unsigned int f : 24;
  char c;
  long long g : 40;
  unsigned short h : 12;
  int : 5;
  unsigned char i : 3;
  int : 0;
  char j;
  _Bool k : 1;
  unsigned long long l : 63;
  signed char m : 7;
};

union l3_pbunion4 {
  char c;
  unsigned int f : 24;
  long long g : 41;
  short h : 3;
};

#pragma pack(pop)

#pragma pack(push, 8)

struct l3_pb8_uc {
  char lead;
  unsigned char b1 : 1;
  unsigned char b8 : 8;
  unsigned char b2 : 2;
  unsigned char b7 : 7;
  unsigned char b3 : 3;
  char c5;
  unsigned char b6 : 6;
  unsigned char b4 : 4;
  unsigned char b5 : 5;
  char tail;
};

struct l3_pb8_sc {
  char lead;
  signed char b1 : 1;
  signed char b8 : 8;
  signed char b2 : 2;
  signed char b7 : 7;
  signed char b3 : 3;
  char c5;
  signed char b6 : 6;
  signed char b4 : 4;
  signed char b5 : 5;
  char tail;
};

struct l3_pb8_us {
  char lead;
  unsigned short b1 : 1;
  unsigned short b16 : 16;
  unsigned short b2 : 2;
  unsigned short b15 : 15;
  unsigned short b3 : 3;
  char c5;
  unsigned short b14 : 14;
  unsigned short b4 : 4;
  unsigned short b13 : 13;
  unsigned short b5 : 5;
  unsigned short b12 : 12;
  char c10;
  unsigned short b6 : 6;
  unsigned short b11 : 11;
  unsigned short b7 : 7;
  unsigned short b10 : 10;
  unsigned short b8 : 8;
  char c15;
  unsigned short b9 : 9;
  char tail;
};

struct l3_pb8_ss {
  char lead;
  short b1 : 1;
  short b16 : 16;
  short b2 : 2;
  short b15 : 15;
  short b3 : 3;
  char c5;
  short b14 : 14;
  short b4 : 4;
  short b13 : 13;
  short b5 : 5;
  short b12 : 12;
  char c10;
  short b6 : 6;
  short b11 : 11;
  short b7 : 7;
  short b10 : 10;
  short b8 : 8;
  char c15;
  short b9 : 9;
  char tail;
};

struct l3_pb8_ui {
  char lead;
  unsigned int b1 : 1;
  unsigned int b32 : 32;
  unsigned int b2 : 2;
  unsigned int b31 : 31;
  unsigned int b3 : 3;
  char c5;
  unsigned int b30 : 30;
  unsigned int b4 : 4;
  unsigned int b29 : 29;
  unsigned int b5 : 5;
  unsigned int b28 : 28;
  char c10;
  unsigned int b6 : 6;
  unsigned int b27 : 27;
  unsigned int b7 : 7;
  unsigned int b26 : 26;
  unsigned int b8 : 8;
  char c15;
  unsigned int b25 : 25;
  unsigned int b9 : 9;
  unsigned int b24 : 24;
  unsigned int b10 : 10;
  unsigned int b23 : 23;
  char c20;
  unsigned int b11 : 11;
  unsigned int b22 : 22;
  unsigned int b12 : 12;
  unsigned int b21 : 21;
  unsigned int b13 : 13;
  char c25;
  unsigned int b20 : 20;
  unsigned int b14 : 14;
  unsigned int b19 : 19;
  unsigned int b15 : 15;
  unsigned int b18 : 18;
  char c30;
  unsigned int b16 : 16;
  unsigned int b17 : 17;
  char tail;
};

struct l3_pb8_si {
  char lead;
  int b1 : 1;
  int b32 : 32;
  int b2 : 2;
  int b31 : 31;
  int b3 : 3;
  char c5;
  int b30 : 30;
  int b4 : 4;
  int b29 : 29;
  int b5 : 5;
  int b28 : 28;
  char c10;
  int b6 : 6;
  int b27 : 27;
  int b7 : 7;
  int b26 : 26;
  int b8 : 8;
  char c15;
  int b25 : 25;
  int b9 : 9;
  int b24 : 24;
  int b10 : 10;
  int b23 : 23;
  char c20;
  int b11 : 11;
  int b22 : 22;
  int b12 : 12;
  int b21 : 21;
  int b13 : 13;
  char c25;
  int b20 : 20;
  int b14 : 14;
  int b19 : 19;
  int b15 : 15;
  int b18 : 18;
  char c30;
  int b16 : 16;
  int b17 : 17;
  char tail;
};

struct l3_pb8_ul {
  char lead;
  unsigned long long b1 : 1;
  unsigned long long b64 : 64;
  unsigned long long b2 : 2;
  unsigned long long b63 : 63;
  unsigned long long b3 : 3;
  char c5;
  unsigned long long b62 : 62;
  unsigned long long b4 : 4;
  unsigned long long b61 : 61;
  unsigned long long b5 : 5;
  unsigned long long b60 : 60;
  char c10;
  unsigned long long b6 : 6;
  unsigned long long b59 : 59;
  unsigned long long b7 : 7;
  unsigned long long b58 : 58;
  unsigned long long b8 : 8;
  char c15;
  unsigned long long b57 : 57;
  unsigned long long b9 : 9;
  unsigned long long b56 : 56;
  unsigned long long b10 : 10;
  unsigned long long b55 : 55;
  char c20;
  unsigned long long b11 : 11;
  unsigned long long b54 : 54;
  unsigned long long b12 : 12;
  unsigned long long b53 : 53;
  unsigned long long b13 : 13;
  char c25;
  unsigned long long b52 : 52;
  unsigned long long b14 : 14;
  unsigned long long b51 : 51;
  unsigned long long b15 : 15;
  unsigned long long b50 : 50;
  char c30;
  unsigned long long b16 : 16;
  unsigned long long b49 : 49;
  unsigned long long b17 : 17;
  unsigned long long b48 : 48;
  unsigned long long b18 : 18;
  char c35;
  unsigned long long b47 : 47;
  unsigned long long b19 : 19;
  unsigned long long b46 : 46;
  unsigned long long b20 : 20;
  unsigned long long b45 : 45;
  char c40;
  unsigned long long b21 : 21;
  unsigned long long b44 : 44;
  unsigned long long b22 : 22;
  unsigned long long b43 : 43;
  unsigned long long b23 : 23;
  char c45;
  unsigned long long b42 : 42;
  unsigned long long b24 : 24;
  unsigned long long b41 : 41;
  unsigned long long b25 : 25;
  unsigned long long b40 : 40;
  char c50;
  unsigned long long b26 : 26;
  unsigned long long b39 : 39;
  unsigned long long b27 : 27;
  unsigned long long b38 : 38;
  unsigned long long b28 : 28;
  char c55;
  unsigned long long b37 : 37;
  unsigned long long b29 : 29;
  unsigned long long b36 : 36;
  unsigned long long b30 : 30;
  unsigned long long b35 : 35;
  char c60;
  unsigned long long b31 : 31;
  unsigned long long b34 : 34;
  unsigned long long b32 : 32;
  unsigned long long b33 : 33;
  char tail;
};

struct l3_pb8_sl {
  char lead;
  long long b1 : 1;
  long long b64 : 64;
  long long b2 : 2;
  long long b63 : 63;
  long long b3 : 3;
  char c5;
  long long b62 : 62;
  long long b4 : 4;
  long long b61 : 61;
  long long b5 : 5;
  long long b60 : 60;
  char c10;
  long long b6 : 6;
  long long b59 : 59;
  long long b7 : 7;
  long long b58 : 58;
  long long b8 : 8;
  char c15;
  long long b57 : 57;
  long long b9 : 9;
  long long b56 : 56;
  long long b10 : 10;
  long long b55 : 55;
  char c20;
  long long b11 : 11;
  long long b54 : 54;
  long long b12 : 12;
  long long b53 : 53;
  long long b13 : 13;
  char c25;
  long long b52 : 52;
  long long b14 : 14;
  long long b51 : 51;
  long long b15 : 15;
  long long b50 : 50;
  char c30;
  long long b16 : 16;
  long long b49 : 49;
  long long b17 : 17;
  long long b48 : 48;
  long long b18 : 18;
  char c35;
  long long b47 : 47;
  long long b19 : 19;
  long long b46 : 46;
  long long b20 : 20;
  long long b45 : 45;
  char c40;
  long long b21 : 21;
  long long b44 : 44;
  long long b22 : 22;
  long long b43 : 43;
  long long b23 : 23;
  char c45;
  long long b42 : 42;
  long long b24 : 24;
  long long b41 : 41;
  long long b25 : 25;
  long long b40 : 40;
  char c50;
  long long b26 : 26;
  long long b39 : 39;
  long long b27 : 27;
  long long b38 : 38;
  long long b28 : 28;
  char c55;
  long long b37 : 37;
  long long b29 : 29;
  long long b36 : 36;
  long long b30 : 30;
  long long b35 : 35;
  char c60;
  long long b31 : 31;
  long long b34 : 34;
  long long b32 : 32;
  long long b33 : 33;
  char tail;
};

struct l3_pbmix8 {
  short a;
  unsigned int f : 24;
  char c;
  long long g : 40;
  unsigned short h : 12;
  int : 5;
  unsigned char i : 3;
  int : 0;
  char j;
  _Bool k : 1;
  unsigned long long l : 63;
  signed char m : 7;
};

union l3_pbunion8 {
  char c;
  unsigned int f : 24;
  long long g : 41;
  short h : 3;
};

#pragma pack(pop)

struct l3_pb_outer {
  char c;
  struct l3_pb2_ui in;
  struct l3_pbmix4 mix[2];
  char z;
};

/* va_list members */

struct l3_va1 {
  int n;
  __builtin_va_list ap;
};

struct l3_va2 {
  char c;
  __builtin_va_list ap;
  double d;
  char e;
};

struct l3_va_arr {
  __builtin_va_list aps[2];
  short tail;
};

union l3_va_union {
  __builtin_va_list ap;
  char c;
  long long x;
};

struct l3_va_nested {
  char c;
  struct l3_va1 in;
  int k;
};

#pragma pack(push, 2)

struct l3_va_pack2 {
  char c;
  __builtin_va_list ap;
  int i;
};

#pragma pack(pop)
/* generated by gen_packbits.lua: end */
