/*
** ffi-lua.c -- a small lua5.4-compatible script runner with pluto:ffi built in.
**
** Debian's lua5.4 is not built with sanitizers, so an ASan-instrumented ffi.so
** cannot be loaded into it. This host links Lua, the runtime (ffi_static) and
** the sanitizer runtime into one executable and registers the module in
** package.preload, so sanitizer builds run the same Lua scripts unchanged.
**
**   ffi-lua script.lua [args...]    run a script (arg and ... as in lua.c)
**   ffi-lua -e 'code' [...]         run a chunk; -e may be repeated
**   ffi-lua [-]                     run standard input
**
** Not supported compared with lua.c: the interactive REPL, -i, -E and LUA_INIT.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "pluto_ffi.h"

static const char *progname = "ffi-lua";

/* Kept in a global so leak checkers still see the state if a script calls os.exit(). */
static lua_State *globalL = NULL;

static void print_usage(const char *badoption) {
  if (badoption[1] == 'e' || badoption[1] == 'l')
    fprintf(stderr, "%s: '%s' needs argument\n", progname, badoption);
  else
    fprintf(stderr, "%s: unrecognized option '%s'\n", progname, badoption);
  fprintf(stderr,
          "usage: %s [options] [script [args]]\n"
          "Available options are:\n"
          "  -e stat   execute string 'stat'\n"
          "  -l mod    require library 'mod' into global 'mod'\n"
          "  -v        show version information\n"
          "  -W        turn warnings on\n"
          "  --        stop handling options\n"
          "  -         stop handling options and execute stdin\n",
          progname);
}

static void l_message(const char *msg) {
  fprintf(stderr, "%s: %s\n", progname, msg);
  fflush(stderr);
}

/* Prints the error message on top of the stack, if any, and pops it. */
static int report(lua_State *L, int status) {
  if (status != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    l_message(msg != NULL ? msg : "(error object is not a string)");
    lua_pop(L, 1);
  }
  return status;
}

/* Message handler: adds a traceback to the error (as lua.c does). */
static int msghandler(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

/* Calls the function below its narg arguments with the traceback handler. */
static int docall(lua_State *L, int narg, int nres) {
  int base = lua_gettop(L) - narg;
  int status;
  lua_pushcfunction(L, msghandler);
  lua_insert(L, base);
  status = lua_pcall(L, narg, nres, base);
  lua_remove(L, base);
  return status;
}

static void print_version(void) {
  printf("%s (%s with pluto:ffi built in)\n", LUA_COPYRIGHT, progname);
  fflush(stdout);
}

/*
** Global 'arg' as in lua.c: arg[0] is the script, negative indices the
** interpreter and its options, positive ones the script's arguments.
*/
static void createargtable(lua_State *L, char **argv, int argc, int script) {
  int narg = argc - (script + 1);
  int i;
  lua_createtable(L, narg > 0 ? narg : 0, script + 1);
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - script);
  }
  lua_setglobal(L, "arg");
}

static int dochunk(lua_State *L, int status) {
  if (status == LUA_OK) status = docall(L, 0, 0);
  return report(L, status);
}

static int dolibrary(lua_State *L, const char *name) {
  int status;
  lua_getglobal(L, "require");
  lua_pushstring(L, name);
  status = docall(L, 1, 1);
  if (status == LUA_OK) lua_setglobal(L, name);
  return report(L, status);
}

/* Runs the script argv[script] with the remaining arguments as '...'. */
static int handle_script(lua_State *L, char **argv) {
  const char *fname = argv[0];
  int status, n, i;
  if (strcmp(fname, "-") == 0 && strcmp(argv[-1], "--") != 0) fname = NULL; /* stdin */
  status = luaL_loadfile(L, fname);
  if (status == LUA_OK) {
    luaL_checkstack(L, 1 + 20, "too many arguments to script");
    for (n = 0, i = 1; argv[i] != NULL; i++, n++) {
      luaL_checkstack(L, 1, "too many arguments to script");
      lua_pushstring(L, argv[i]);
    }
    status = docall(L, n, LUA_MULTRET);
  }
  return report(L, status);
}

#define has_error 1 /* bad option */
#define has_v 2     /* -v */
#define has_e 4     /* -e */

/*
** First pass over the options: returns flags and sets *first to the index of
** the script (or argc when there is none).
*/
static int collectargs(char **argv, int argc, int *first) {
  int args = 0;
  int i;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    *first = i;
    if (a[0] != '-') return args; /* the script */
    switch (a[1]) {
    case '\0': return args; /* '-': stdin is the script */
    case '-':
      if (a[2] != '\0') return has_error;
      *first = i + 1;
      return args;
    case 'v':
    case 'W':
      if (a[2] != '\0') return has_error;
      if (a[1] == 'v') args |= has_v;
      break;
    case 'e':
      args |= has_e;
      /* FALLTHROUGH */
    case 'l':
      if (a[2] == '\0' && (++i >= argc || argv[i][0] == '-'))
        return has_error; /* no argument, or it looks like an option */
      break;
    default: return has_error;
    }
  }
  *first = argc;
  return args;
}

/* Second pass: runs -e and -l in order, turns warnings on for -W. */
static int runargs(lua_State *L, char **argv, int script) {
  int i;
  for (i = 1; i < script; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || a[1] == '-') continue;
    if (a[1] == 'W') {
      lua_warning(L, "@on", 0);
    } else if (a[1] == 'e' || a[1] == 'l') {
      const char *extra = a[2] != '\0' ? a + 2 : argv[++i];
      int status = a[1] == 'e' ? dochunk(L, luaL_loadbuffer(L, extra, strlen(extra), "=(command line)"))
                               : dolibrary(L, extra);
      if (status != LUA_OK) return 0;
    }
  }
  return 1;
}

/* Everything runs in protected mode, so even allocation errors are reported. */
static int pmain(lua_State *L) {
  int argc = (int)lua_tointeger(L, 1);
  char **argv = (char **)lua_touserdata(L, 2);
  int script = argc;
  int args = collectargs(argv, argc, &script);
  luaL_checkversion(L);
  if (args == has_error) {
    print_usage(argv[script]);
    return 0;
  }
  if (args & has_v) print_version();
  luaL_openlibs(L);
  pluto_ffi_preload(L);
  createargtable(L, argv, argc, script < argc ? script : 0);
  lua_gc(L, LUA_GCRESTART);
  lua_gc(L, LUA_GCGEN, 0, 0); /* the collector mode lua.c uses */
  if (!runargs(L, argv, script)) return 0;
  if (script < argc) {
    if (handle_script(L, argv + script) != LUA_OK) return 0;
  } else if (!(args & (has_e | has_v))) {
    if (dochunk(L, luaL_loadfile(L, NULL)) != LUA_OK) /* no script: run stdin */
      return 0;
  }
  lua_pushboolean(L, 1);
  return 1;
}

int main(int argc, char **argv) {
  int status, result;
  lua_State *L = luaL_newstate();
  if (argv[0] != NULL && argv[0][0] != '\0') progname = argv[0];
  if (L == NULL) {
    l_message("cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  globalL = L;
  lua_gc(L, LUA_GCSTOP); /* stop the collector during initialization */
  lua_pushcfunction(L, pmain);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  status = lua_pcall(L, 2, 1, 0);
  result = lua_toboolean(L, -1);
  report(L, status);
  lua_close(L);
  globalL = NULL;
  return (result && status == LUA_OK) ? EXIT_SUCCESS : EXIT_FAILURE;
}
