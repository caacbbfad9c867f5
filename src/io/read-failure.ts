/** Why reading or writing a path failed, in plain words, for every reader and writer of user files. */

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
  ENOSPC: "no space left on the device",
  EROFS: "the file system is read-only",
  EDQUOT: "the disk quota is exceeded",
};

/** Why a read or write failed, in words: the reason for a known Node error code, else the code or message. */
export function fileErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? code ?? (e as Error).message;
}
