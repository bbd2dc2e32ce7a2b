/**
 * What a failed file-system call means, in words a person can act on: every place that reads or
 * writes a user's files (desired state, rosters, plan files, imports, the state dir) says
 * "permission denied" or "a loop of symbolic links", never a bare EACCES or ELOOP.
 */

/** The reason a path could not be read (`read`) or written (`write`), as a phrase: "permission denied (…)". */
export function fsReason(err: unknown, doing: 'read' | 'write'): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return doing === 'read' ? 'permission denied (this user may not read it)' : 'permission denied (this user cannot create or write files there)';
    case 'EEXIST':
    case 'ENOTDIR':
      return doing === 'read' ? 'a folder on its path is a file' : 'it, or a folder on its path, is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ELOOP':
      return 'its path is a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'its name is too long';
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open; try again';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
