/** Why reading a path failed, in plain words, for the errors every reader of user files gives. */

/** What a failed read means, in words (Node's error codes, libuv's names). */
const REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder, expected a file",
  ENOTDIR: "a part of the path is not a folder",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
};

/** Why a read failed, in words: the reason for a known Node error code, else the code or message. */
export function readFailureReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? code ?? (e as Error).message;
}
