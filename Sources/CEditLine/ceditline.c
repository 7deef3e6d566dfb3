#include "ceditline.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char cel_prompt_text[512] = "> ";
static volatile sig_atomic_t cel_sigint_seen = 0;

static char *cel_prompt(EditLine *el) {
    (void)el;
    return cel_prompt_text;
}

EditLine *cel_init(const char *program) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (el == NULL) return NULL;
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, cel_prompt);
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    return el;
}

void cel_end(EditLine *el) {
    if (el != NULL) el_end(el);
}

void cel_set_prompt(EditLine *el, const char *prompt) {
    (void)el;
    strncpy(cel_prompt_text, prompt, sizeof(cel_prompt_text) - 1);
    cel_prompt_text[sizeof(cel_prompt_text) - 1] = '\0';
}

const char *cel_gets(EditLine *el, int *count) {
    return el_gets(el, count);
}

History *cel_history_init(int size) {
    HistEvent event;
    History *h = history_init();
    if (h == NULL) return NULL;
    history(h, &event, H_SETSIZE, size);
    history(h, &event, H_SETUNIQUE, 1);
    return h;
}

void cel_history_end(History *h) {
    if (h != NULL) history_end(h);
}

void cel_attach_history(EditLine *el, History *h) {
    el_set(el, EL_HIST, history, h);
}

int cel_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

int cel_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

int cel_history_clear(History *h) {
    HistEvent event;
    return history(h, &event, H_CLEAR);
}

int cel_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

int cel_history_save_fd(History *h, int fd) {
    HistEvent event;
    FILE *file = fdopen(fd, "w");
    if (file == NULL) return -1;
    int result = history(h, &event, H_SAVE_FP, file);
    fclose(file);
    return result;
}

static void cel_on_sigint(int signal_number) {
    (void)signal_number;
    cel_sigint_seen = 1;
}

static void cel_on_sighup(int signal_number) {
    (void)signal_number;
    /* The terminal is gone: history is saved after every line, so leave at once. */
    _exit(129);
}

void cel_install_sigint(void) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = cel_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
    struct sigaction hangup;
    memset(&hangup, 0, sizeof(hangup));
    hangup.sa_handler = cel_on_sighup;
    sigemptyset(&hangup.sa_mask);
    sigaction(SIGHUP, &hangup, NULL);
}

int cel_take_sigint(void) {
    int seen = cel_sigint_seen;
    cel_sigint_seen = 0;
    return seen;
}

void cel_add_function(EditLine *el, const char *name, const char *help, cel_function function) {
    el_set(el, EL_ADDFN, name, help, function);
}

void cel_bind_key(EditLine *el, const char *key, const char *name) {
    el_set(el, EL_BIND, key, name, NULL);
}

int cel_insert(EditLine *el, const char *text) {
    return el_insertstr(el, text);
}

void cel_delete(EditLine *el, int count) {
    el_deletestr(el, count);
}

const char *cel_line_before_cursor(EditLine *el, int *length) {
    const LineInfo *info = el_line(el);
    *length = (int)(info->cursor - info->buffer);
    return info->buffer;
}
