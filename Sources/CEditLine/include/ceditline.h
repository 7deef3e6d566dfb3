#ifndef CEDITLINE_H
#define CEDITLINE_H

#include <stdio.h>
#include <histedit.h>

/// Non-variadic wrappers over libedit's el_set/history, which Swift cannot call directly.

/// el_init on the process's stdin/stdout/stderr, with emacs keys and signal handling on.
EditLine *cel_init(const char *program);
void cel_end(EditLine *el);
/// Sets the prompt text; the string is copied.
void cel_set_prompt(EditLine *el, const char *prompt);
/// Reads a line; returns NULL on end of input or interruption (errno tells which).
const char *cel_gets(EditLine *el, int *count);

History *cel_history_init(int size);
void cel_history_end(History *h);
void cel_attach_history(EditLine *el, History *h);
int cel_history_enter(History *h, const char *line);
int cel_history_load(History *h, const char *path);
int cel_history_save(History *h, const char *path);
/* Saves to an open descriptor (opened by the caller with its own checks), and closes it. */
int cel_history_save_fd(History *h, int fd);
int cel_history_clear(History *h);

/// A key-bound editor function, as EL_ADDFN takes it.
typedef unsigned char (*cel_function)(EditLine *, int);
void cel_add_function(EditLine *el, const char *name, const char *help, cel_function function);
void cel_bind_key(EditLine *el, const char *key, const char *name);
/// Inserts text at the cursor.
int cel_insert(EditLine *el, const char *text);
/* Deletes `count` characters before the cursor. */
void cel_delete(EditLine *el, int count);
/// The line's text before the cursor (not NUL-terminated) and its length in bytes.
const char *cel_line_before_cursor(EditLine *el, int *length);

/// Installs a SIGINT handler without SA_RESTART, so a blocked read returns with EINTR,
/// and a SIGHUP handler that exits (status 129) when the terminal hangs up.
void cel_install_sigint(void);
/// Returns 1 and clears the flag when SIGINT arrived since the last call.
int cel_take_sigint(void);

#endif
