/**
 * @module cli/io
 * Where a command writes: standard output for results, standard error for progress and errors.
 * Commands receive an `Io` so tests can run them in-process and read what they printed.
 */
export type Io = {
  out(text: string): void;
  err(text: string): void;
  /** True when standard error is a terminal (progress bars draw only there). */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
};

export function nodeIo(): Io {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** An Io that keeps what was printed, for tests. */
export function memoryIo(
  env: Record<string, string | undefined> = {},
): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    isTTY: false,
    cwd: process.cwd(),
    env,
    stdout,
    stderr,
  };
}
