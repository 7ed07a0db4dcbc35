#ifndef WAYMARK_SPAWN_H
#define WAYMARK_SPAWN_H

/// `pipe2(fds, O_CLOEXEC)`: a pipe whose ends are closed on exec from the moment they exist
/// (Linux; elsewhere a pipe marked afterwards). 0 on success, -1 with errno set.
int waymark_pipe_closed_on_exec(int fds[2]);

/// Adds to `actions` (a `posix_spawn_file_actions_t *`) the closing of every descriptor from
/// `from` up in the child (glibc 2.34 and later; elsewhere nothing). 0 on success.
int waymark_spawn_close_from(void *actions, int from);

#endif
